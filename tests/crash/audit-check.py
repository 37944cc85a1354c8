#!/usr/bin/env python3
"""audit-check.py - what the crash-safety tests ask of the audit archives
(doc/audit.md), independently of ecap.

  audit-check.py ARCHIVE...

On stdout, one line per input an archive holds, "inputs/<sha256>/<name>" or
"quarantine/<name>" (the run id and sequence prefix of a quarantined name
cut). On stderr, one line per problem found: each bag is checked (one top
directory named like the archive, bagit.txt, both manifests, Payload-Oxum),
then the chain (sequence numbers without a gap, each
Ecap-Previous-Archive-SHA256 the hash of the archive before). Exits 1 if
anything is wrong. One pass over the archives: they are large.
"""
import hashlib
import os
import re
import sys
import tarfile

RUN_PREFIX = re.compile(r"^\d{8}T\d{6}Z-\d+-\d+-")


def members(path):
	"""{path inside the bag: bytes} and the top directory names."""
	files, tops = {}, set()
	with tarfile.open(path, "r:gz") as archive:
		for member in archive:
			top, _, rest = member.name.partition("/")
			tops.add(top)
			if member.isfile():
				files[rest] = archive.extractfile(member).read()
	return files, tops


def taken(files):
	for name in sorted(files):
		if name.startswith("data/inputs/"):
			print(name[len("data/"):])
		elif name.startswith("data/quarantine/") and not name.endswith(".reason.xml"):
			print("quarantine/" + RUN_PREFIX.sub("", name[len("data/quarantine/"):]))


def manifest_problems(files, manifest, wanted):
	problems, listed = [], set()
	for line in files.get(manifest, b"").decode("utf-8").splitlines():
		digest, _, name = line.partition("  ")
		name = name.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
		listed.add(name)
		if name not in files:
			problems.append("%s lists %s, which is missing" % (manifest, name))
		elif hashlib.sha256(files[name]).hexdigest() != digest:
			problems.append("%s: wrong checksum of %s" % (manifest, name))
	for name in wanted:
		if name not in listed:
			problems.append("%s does not list %s" % (manifest, name))
	return problems


def bag_problems(path, files, tops):
	problems = []
	expected_top = os.path.basename(path)[:-len(".tar.gz")]
	if tops != {expected_top}:
		problems.append("top directories %s, not %s" % (sorted(tops), expected_top))
	if files.get("bagit.txt") != b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n":
		problems.append("bagit.txt is not as RFC 8493 says")
	payload = [name for name in files if name.startswith("data/")]
	problems += manifest_problems(files, "manifest-sha256.txt", payload)
	problems += manifest_problems(files, "tagmanifest-sha256.txt",
				      ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"])
	oxum = "%d.%d" % (sum(len(files[name]) for name in payload), len(payload))
	if info(files).get("Payload-Oxum") != oxum:
		problems.append("Payload-Oxum %s, the payload is %s" % (info(files).get("Payload-Oxum"), oxum))
	return problems


def info(files):
	fields = {}
	for line in files.get("bag-info.txt", b"").decode("utf-8").splitlines():
		label, _, value = line.partition(": ")
		fields[label] = value
	return fields


def verify(paths):
	problems, chain = [], []
	for path in paths:
		files, tops = members(path)
		taken(files)
		problems += ["%s: %s" % (path, problem) for problem in bag_problems(path, files, tops)]
		fields = info(files)
		with open(path, "rb") as f:
			digest = hashlib.sha256(f.read()).hexdigest()
		chain.append((int(fields.get("Ecap-Archive-Sequence", "0")), path, digest,
			      fields.get("Ecap-Previous-Archive-SHA256")))
	chain.sort()
	for (sequence, path, _, previous), (before, _, before_digest, _) in zip(chain[1:], chain):
		if sequence != before + 1:
			problems.append("%s: sequence %d follows %d" % (path, sequence, before))
		if previous != before_digest:
			problems.append("%s: the link to the archive before is broken" % path)
	if chain and chain[0][0] == 1 and chain[0][3] != "none":
		problems.append("%s: the first archive names a previous one" % chain[0][1])
	for problem in problems:
		print(problem, file=sys.stderr)
	return 1 if problems else 0


def main():
	if len(sys.argv) < 2:
		sys.exit("usage: audit-check.py ARCHIVE...")
	sys.exit(verify(sys.argv[1:]))


if __name__ == "__main__":
	main()
