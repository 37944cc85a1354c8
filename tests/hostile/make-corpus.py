#!/usr/bin/env python3
"""make-corpus.py - writes the hostile input corpus of tests/t1510-hostile-batch.sh.

Every input an applicant or an examiner could send to break the intake
(shared/spec/security.md, "Testing it"): archives whose names escape, links,
devices, duplicates, name smuggling, bombs, overlapping entries, lying sizes,
truncation, bad CRCs, encryption, garbage, GBK names; application forms and
records with DOCTYPEs, external entities, XInclude, deep nesting, bad
encodings; files in the dropbox that are not regular files. Each input comes
with the outcome the run must reach (formats.md §5), and a few good packages
(tools/mkpackage.py) are mixed in.

	make-corpus.py OUTDIR [--port PORT] [--good N] [--parts P,Q,...]
	               [--record-target ID]

writes, in a fresh OUTDIR:
	inputs/NAME     each input, to be copied into a dropbox as it is
	manifest.tsv    one line per input: NAME, application id or "-",
	                outcome (quarantined | returned | record-refused |
	                record-applied | in-review), reason code or "-", kind,
	                description
	specials/NAME   dropbox entries that are not regular files (symbolic
	specials.tsv    links, a fifo: copy with cp -a) and their manifest
	decoy           a file outside any state the links point at
	outside/        files an mtree package names by absolute path
	policy.xml      the sample policy with small intake limits (LIMITS below)
	members.xml     the sample roster plus every applicant of the corpus

PORT is a loopback port the test listens on: every network reference of the
corpus points there, and the test asserts that nothing ever connected.
Names that escape all contain MARKER, so that the test can look for them.
Records name --record-target: by default an application that does not exist
(a valid record is then refused record-unknown-application; naming one in
review, it is applied). --parts picks among PARTS (default: all).

Python standard library, plus `bsdtar` (libarchive-tools), `zip` (zip) and
`7z` (p7zip-full) for the 7z and encrypted archives.
"""

import argparse
import gzip
import hashlib
import io
import lzma
import os
import random
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import warnings
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "tools"))
import mkpackage  # noqa: E402

MARKER = "ecap-hostile-escaped"
NAMESPACE = "urn:ecap:1"
MiB = 1024 * 1024

# The intake limits of the corpus's policy: small, so that every limit can be
# crossed cheaply.
LIMITS = dict(settleSeconds="0", maxArchiveBytes=str(2 * MiB), maxEntries="50",
	      maxUnpackedBytes=str(8 * MiB), maxRatio="200", maxXmlBytes=str(4 * MiB),
	      maxXmlDepth="64")

# The decoy's bytes: they must never appear in the state.
DECOY_TEXT = "decoy:x:0:0:ecap hostile decoy, never to be read:/nonexistent:/bin/false\n"

# Markup in an applicant's name and employer: no notice may hold it raw.
MARKUP_NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>"
MARKUP_EMPLOYER = "<script>alert(3)</script>"

# Records name this application, which no package of the corpus creates.
RECORD_TARGET = "A2026-159999"


class Corpus:
	"""The inputs written so far and their expected outcomes."""

	def __init__(self, out, port, directory="inputs", record_target=None):
		self.out = out
		self.record_target = record_target or RECORD_TARGET
		self.inputs = os.path.join(out, directory)
		self.port = port
		self.lines = []
		self.members = []
		self.names = set()
		self.seed = 15000
		self.number = 0

	def next_id(self):
		self.number += 1
		return "A2026-15%04d" % self.number

	def add(self, name, data, outcome, code, kind, description, application="-"):
		"""Writes one input (bytes) and its manifest line."""
		self.reserve(name)
		with open(os.path.join(self.inputs, name), "wb") as out:
			out.write(data)
		self.note(name, outcome, code, kind, description, application)

	def reserve(self, name):
		if name in self.names or "/" in name or "\t" in name or "\n" in name:
			raise ValueError("bad or repeated input name %r" % name)
		self.names.add(name)

	def note(self, name, outcome, code, kind, description, application="-"):
		self.lines.append("\t".join((name, application, outcome, code or "-", kind, description)))

	def package(self, **options):
		"""A valid package from mkpackage with a fresh id and seed; its
		applicant goes on the roster."""
		self.seed += 1
		options.setdefault("id", self.next_id())
		options.setdefault("submitted", "2026-11-%02dT10:00:00+08:00" % (2 + self.seed % 18))
		package = mkpackage.build(mkpackage.Options(seed=self.seed, **options))
		if package.member_line:
			self.members.append(package.member_line)
		return package

	def url(self, path):
		return "http://127.0.0.1:%d/%s" % (self.port, path)


# --- building blocks -------------------------------------------------------

def set_form(package, xml):
	"""Replaces application.xml (str or bytes) in the package."""
	if isinstance(xml, str):
		xml = xml.encode("utf-8")
	package.application_xml = xml
	package.files = [(path, xml if path == "application.xml" else data)
			 for path, data in package.files]
	return package


def form_text(package):
	return package.application_xml.decode("utf-8")


def substitute(text, pattern, new, count=1):
	"""re.sub that must match."""
	result, done = re.subn(pattern, lambda match: new, text, count=count, flags=re.S)
	if done == 0:
		raise ValueError("%r matches nothing" % pattern)
	return result


def after_declaration(text, insert):
	"""insert placed right after the XML declaration."""
	declaration = re.match(r"<\?xml[^>]*\?>\n", text)
	if not declaration:
		raise ValueError("no XML declaration")
	return declaration.group(0) + insert + text[declaration.end():]


def before_root_end(text, insert):
	return substitute(text, r"</application>\s*$", insert + "\n</application>\n")


def zip_bytes(entries):
	"""A zip of entries (name, data) or (name, data, options): options may
	set 'attr' (external_attr), 'extra' (extra field bytes), 'stored'."""
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		for entry in entries:
			name, data = entry[0], entry[1]
			options = entry[2] if len(entry) > 2 else {}
			info = zipfile.ZipInfo(name, date_time=(2026, 11, 2, 10, 0, 0))
			info.create_system = 3
			info.external_attr = options.get("attr", 0o100644 << 16)
			info.compress_type = zipfile.ZIP_STORED if options.get("stored") else \
				zipfile.ZIP_DEFLATED
			if "extra" in options:
				info.extra = options["extra"]
			archive.writestr(info, data)
	return buffer.getvalue()


def package_zip(package, extra=(), drop=()):
	"""The package's files (minus the paths in drop) plus extra entries, as a zip."""
	entries = [(path, data) for path, data in package.files if path not in drop]
	return zip_bytes(entries + list(extra))


def tar_member(name, kind=tarfile.REGTYPE, data=b"", link="", major=0, minor=0):
	return dict(name=name, kind=kind, data=data, link=link, major=major, minor=minor)


def tar_bytes(members, compress=None):
	"""A GNU tar of members (tar_member dicts); names may hold raw bytes as
	surrogate escapes."""
	buffer = io.BytesIO()
	with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT,
			  encoding="utf-8", errors="surrogateescape") as archive:
		for member in members:
			info = tarfile.TarInfo(member["name"])
			info.type, info.mode, info.mtime = member["kind"], 0o644, 1793584800
			info.linkname = member["link"]
			info.devmajor, info.devminor = member["major"], member["minor"]
			data = member["data"] if member["kind"] == tarfile.REGTYPE else b""
			info.size = len(data)
			archive.addfile(info, io.BytesIO(data))
	data = buffer.getvalue()
	if compress == "gz":
		data = gzip.compress(data, 9, mtime=0)
	elif compress == "xz":
		data = lzma.compress(data, format=lzma.FORMAT_XZ)
	return data


def package_tar(package, extra=(), compress=None):
	members = [tar_member(path, data=data) for path, data in package.files]
	return tar_bytes(members + list(extra), compress)


def replace_unique(data, old, new):
	"""Replaces every occurrence of old (which must occur) by new, same length."""
	if len(old) != len(new) or old not in data:
		raise ValueError("placeholder %r missing or of another length" % old)
	return data.replace(old, new)


def sevenzip_from_tar(tar, keep_dot_dot=False):
	"""A 7z made by bsdtar from a tar fed on stdin."""
	return bsdtar_from_tar(tar, ["--format", "7zip"] + (["-P"] if keep_dot_dot else []))


def bsdtar_from_tar(tar, options):
	"""The tar's entries rewritten by bsdtar with options (format, filter)."""
	command = ["bsdtar"] + options + ["-cf", "-", "@-"]
	result = subprocess.run(command, input=tar, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
				check=False)
	if result.returncode != 0:
		raise RuntimeError("bsdtar: %s" % result.stderr.decode(errors="replace"))
	return result.stdout


def files_on_disk(package, directory):
	for path, data in package.files:
		full = os.path.join(directory, path)
		os.makedirs(os.path.dirname(full) or directory, exist_ok=True)
		with open(full, "wb") as out:
			out.write(data)


def encrypted_archive(package, kind):
	"""The package encrypted by the real tools: zip -P, 7z -p, 7z -p -mhe=on."""
	with tempfile.TemporaryDirectory() as directory:
		source = os.path.join(directory, "package")
		os.mkdir(source)
		files_on_disk(package, source)
		target = os.path.join(directory, "out.zip" if kind == "zip" else "out.7z")
		if kind == "zip":
			command = ["zip", "-q", "-r", "-X", "-P", "secret", target, "."]
		else:
			command = ["7z", "a", "-bd", "-y", "-psecret", target, "."]
			if kind == "7z-headers":
				command.insert(4, "-mhe=on")
		subprocess.run(command, cwd=source, check=True, stdout=subprocess.DEVNULL)
		with open(target, "rb") as archive:
			return archive.read()


# zip structure: offsets of the fields patched below
LOCAL_SIGNATURE, CENTRAL_SIGNATURE, END_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


def central_records(data):
	"""[(central offset, local offset, name bytes)] of a zip without zip64."""
	end = data.rindex(END_SIGNATURE)
	count, size, start = struct.unpack_from("<HII", data, end + 10)
	records, position = [], start
	for _ in range(count):
		if data[position:position + 4] != CENTRAL_SIGNATURE:
			raise ValueError("not a central directory record")
		name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
		local = struct.unpack_from("<I", data, position + 42)[0]
		name = data[position + 46:position + 46 + name_length]
		records.append((position, local, name))
		position += 46 + name_length + extra_length + comment_length
	return records


def patch_entry(data, name, local_field, central_field, value):
	"""Sets a 32-bit field of entry name in its local and central headers."""
	data = bytearray(data)
	for central, local, entry_name in central_records(bytes(data)):
		if entry_name == name.encode():
			struct.pack_into("<I", data, local + local_field, value)
			struct.pack_into("<I", data, central + central_field, value)
			return bytes(data)
	raise ValueError("no entry %s" % name)


def entry_field(data, name, central_field):
	for central, _, entry_name in central_records(data):
		if entry_name == name.encode():
			return struct.unpack_from("<I", data, central + central_field)[0]
	raise ValueError("no entry %s" % name)


def local_data_offset(data, name):
	for _, local, entry_name in central_records(data):
		if entry_name == name.encode():
			name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
			return local + 30 + name_length + extra_length
	raise ValueError("no entry %s" % name)


def tar_with_size(data, name, size):
	"""The tar with the header of entry name claiming size bytes (checksum fixed)."""
	data = bytearray(data)
	for offset in range(0, len(data), 512):
		if data[offset:offset + 100].rstrip(b"\0") == name.encode():
			data[offset + 124:offset + 136] = b"%011o\0" % size
			data[offset + 148:offset + 156] = b" " * 8
			data[offset + 148:offset + 156] = b"%06o\0 " % sum(data[offset:offset + 512])
			return bytes(data)
	raise ValueError("no tar header for %s" % name)


def sevenzip_length(data):
	"""The bytes a 7z really uses (bsdtar pads its output with zeros): the
	32-byte start header, then the next header at the offset it gives."""
	offset, size = struct.unpack_from("<QQ", data, 12)
	return 32 + offset + size


def raw_deflate(data):
	compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
	return compressor.compress(data) + compressor.flush()


def local_header(name, crc, compressed, size):
	encoded = name.encode()
	return struct.pack("<4sHHHHHIIIHH", LOCAL_SIGNATURE, 20, 0, 8, 0, 0x5b62, crc,
			   compressed, size, len(encoded), 0) + encoded


def central_header(name, crc, compressed, size, offset):
	encoded = name.encode()
	return struct.pack("<4sHHHHHHIIIHHHHHII", CENTRAL_SIGNATURE, 0x031e, 20, 0, 8, 0, 0x5b62,
			   crc, compressed, size, len(encoded), 0, 0, 0, 0, 0o100644 << 16,
			   offset) + encoded


def overlapping_zip(prefix_entries, count, kernel_bytes):
	"""David Fifield's overlapping-entries bomb: count local headers whose
	deflate data quote the next header in a stored block and then run on into
	the next entry's data, all ending in one shared kernel; each entry
	inflates to about kernel_bytes. The prefix entries (a normal zip's) come
	first."""
	prefix = zip_bytes(prefix_entries)
	records = central_records(prefix)
	central_start = struct.unpack_from("<I", prefix, prefix.rindex(END_SIGNATURE) + 16)[0]
	head = prefix[:central_start]
	central = prefix[central_start:prefix.rindex(END_SIGNATURE)]
	names = ["evidence/overlap-%02d.bin" % index for index in range(count)]
	kernel_plain = bytes(kernel_bytes)
	data = raw_deflate(kernel_plain)
	plain_length = len(kernel_plain)
	# built from the last entry back: entry i's data = stored block quoting
	# header i+1, then entry i+1's header and data
	headers, datas, crcs, sizes = [None] * count, [None] * count, [None] * count, [None] * count
	following_plain_prefix = b""
	for index in reversed(range(count)):
		crc = zlib.crc32(kernel_plain, zlib.crc32(following_plain_prefix))
		size = len(following_plain_prefix) + plain_length
		headers[index] = local_header(names[index], crc, len(data), size)
		datas[index], crcs[index], sizes[index] = data, crc, size
		quoted = headers[index]
		data = b"\x00" + struct.pack("<HH", len(quoted), len(quoted) ^ 0xffff) + quoted + data
		following_plain_prefix = quoted + following_plain_prefix
	body = headers[0] + datas[0]
	# header i+1 follows header i and the 5 bytes of the stored block's head
	offsets, position = [], len(head)
	for index in range(count):
		offsets.append(position)
		position += len(headers[index]) + 5
	directory = central + b"".join(central_header(names[index], crcs[index], len(datas[index]),
						      sizes[index], offsets[index])
				       for index in range(count))
	end = struct.pack("<4sHHHHIIH", END_SIGNATURE, 0, 0, len(records) + count,
			  len(records) + count, len(directory), len(head) + len(body), 0)
	return head + body + directory + end


def info_zip_unicode_path(header_name, smuggled):
	"""Extra field 0x7075: version 1, CRC-32 of the header's name, UTF-8 name."""
	payload = struct.pack("<BI", 1, zlib.crc32(header_name.encode())) + smuggled.encode()
	return struct.pack("<HH", 0x7075, len(payload)) + payload


# --- XML payloads ----------------------------------------------------------

def billion_laughs(root):
	lines = ['<!ENTITY lol0 "lol">']
	for level in range(1, 10):
		lines.append('<!ENTITY lol%d "%s">' % (level, "&lol%d;" % (level - 1) * 10))
	return "<!DOCTYPE %s [\n%s\n]>\n" % (root, "\n".join(lines))


def quadratic_blowup(root):
	"""One 50,000-character entity; the caller references it many times."""
	return '<!DOCTYPE %s [\n<!ENTITY a "%s">\n]>\n' % (root, "a" * 50000)


def nested(depth, name="x"):
	return "<%s>" % name * depth + "</%s>" % name * depth


def review_record(application, examiner="EX-003", extra="", root_attributes=""):
	dimensions = "".join('  <dimension code="%s" met="true">材料充分。</dimension>\n' % code
			     for code in ("knowledge", "ethics", "teamwork", "learning", "leadership"))
	return ('<?xml version="1.0" encoding="UTF-8"?>\n'
		'<reviewRecord xmlns="%s" application="%s" examiner="%s" date="2026-11-20"%s>\n'
		'%s  <recommendation>pass</recommendation>\n%s</reviewRecord>\n'
		% (NAMESPACE, application, examiner, root_attributes, dimensions, extra))


def record_with_prologue(target, prologue, body_text="x"):
	text = review_record(target)
	text = text.replace("材料充分。", body_text, 1)
	return text.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
			    '<?xml version="1.0" encoding="UTF-8"?>\n' + prologue, 1)


def passwd_digest():
	try:
		with open("/etc/passwd", "rb") as passwd:
			return hashlib.sha256(passwd.read()).hexdigest()
	except OSError:
		return "0" * 64


# --- the corpus: archives --------------------------------------------------

def names_and_paths(corpus):
	"""Entry names that escape or are not names at all."""
	def unsafe_zip(name, entry_name, description, kind="names"):
		package = corpus.package()
		corpus.add(name, package_zip(package, [(entry_name, b"escaped\n")]),
			   "quarantined", "archive-unsafe", kind, description)

	def unsafe_tar(name, entry_name, description, compress=None, kind="names"):
		package = corpus.package()
		corpus.add(name, package_tar(package, [tar_member(entry_name, data=b"escaped\n")], compress),
			   "quarantined", "archive-unsafe", kind, description)

	unsafe_zip("dotdot.zip", "../../%s-dotdot" % MARKER, "zip entry ../../x")
	unsafe_zip("dotdot-inner.zip", "evidence/../../%s-inner" % MARKER, "zip entry evidence/../../x")
	unsafe_tar("dotdot.tar", "../../%s-tar" % MARKER, "tar entry ../../x")
	unsafe_tar("dot-slash-dotdot.tar.xz", "./../%s-dotslash" % MARKER, "tar.xz entry ./../x", "xz")
	unsafe_zip("absolute.zip", "/tmp/%s-absolute-zip" % MARKER, "zip entry /tmp/x")
	unsafe_tar("absolute.tar.gz", "/tmp/%s-absolute-tar" % MARKER, "tar.gz entry /tmp/x", "gz")
	unsafe_zip("backslash-dotdot.zip", "..\\..\\%s-backslash" % MARKER,
		   "zip entry ..\\..\\x (libarchive makes it ../../x)")
	unsafe_tar("backslash.tar", "evidence\\%s-backslash.pdf" % MARKER, "tar entry with a backslash")
	unsafe_zip("dot-component.zip", "evidence/./%s.pdf" % MARKER, "zip entry with a . component")
	unsafe_zip("empty-component.zip", "evidence//%s.pdf" % MARKER, "zip entry with an empty component")
	unsafe_zip("control-character.zip", "evidence/a\x01\x1b[2Jb.pdf",
		   "zip entry with control characters (terminal escape)")
	unsafe_zip("long-name.zip", "evidence/" + "n" * 2000 + ".pdf", "zip entry named with 2000 bytes")
	unsafe_tar("invalid-utf8.tar", "evidence/\udcff\udcfe\udcc0.pdf", "tar entry name not UTF-8")

	# a zip name not UTF-8 and not CP936 either: read again as CP936, still refused
	package = corpus.package()
	placeholder = "evidence/QQ.pdf"
	data = package_zip(package, [(placeholder, b"x")])
	corpus.add("invalid-name-not-cp936.zip",
		   replace_unique(data, placeholder.encode(), b"evidence/\xff\xff.pdf"),
		   "quarantined", "archive-unsafe", "names", "zip name 0xFF 0xFF, neither UTF-8 nor CP936")

	# 7z made by bsdtar -P, so that the .. survives
	package = corpus.package()
	tar = package_tar(package, [tar_member("../../%s-7z" % MARKER, data=b"escaped\n")])
	corpus.add("dotdot.7z", sevenzip_from_tar(tar, keep_dot_dot=True), "quarantined", "archive-unsafe",
		   "names", "7z entry ../../x")


def links_and_devices(corpus):
	symlink = 0o120777 << 16
	package = corpus.package()
	corpus.add("symlink.zip", package_zip(package, [("evidence/passwd.pdf", b"/etc/passwd",
							 {"attr": symlink})]),
		   "quarantined", "archive-unsafe", "links", "zip symlink evidence/passwd.pdf -> /etc/passwd")

	package = corpus.package()
	corpus.add("symlink-application.zip",
		   package_zip(package, [("application.xml", b"/etc/passwd", {"attr": symlink})],
			       drop=("application.xml",)),
		   "quarantined", "archive-unsafe", "links", "zip whose application.xml is a symlink to /etc/passwd")

	package = corpus.package()
	corpus.add("symlink.tar", package_tar(package, [tar_member("evidence/passwd.pdf", tarfile.SYMTYPE,
								   link="/etc/passwd")]),
		   "quarantined", "archive-unsafe", "links", "tar symlink -> /etc/passwd")

	package = corpus.package()
	corpus.add("symlink-directory.tar",
		   package_tar(package, [tar_member("out", tarfile.SYMTYPE, link="/tmp"),
					 tar_member("out/%s-symdir" % MARKER, data=b"escaped\n")]),
		   "quarantined", "archive-unsafe", "links", "tar symlink out -> /tmp, then out/x")

	package = corpus.package()
	corpus.add("hardlink.tar", package_tar(package, [tar_member("evidence/passwd.pdf", tarfile.LNKTYPE,
								    link="/etc/passwd")]),
		   "quarantined", "archive-unsafe", "links", "tar hardlink -> /etc/passwd")

	package = corpus.package()
	corpus.add("hardlink-inside.tar.gz",
		   package_tar(package, [tar_member("evidence/copy.jpg", tarfile.LNKTYPE,
						    link=package.files[1][0])], "gz"),
		   "quarantined", "archive-unsafe", "links", "tar.gz hardlink to another entry")

	for name, kind, major, minor, what in (
			("chardev.tar", tarfile.CHRTYPE, 1, 3, "character device (/dev/null)"),
			("blockdev.tar", tarfile.BLKTYPE, 8, 0, "block device (/dev/sda)"),
			("fifo.tar", tarfile.FIFOTYPE, 0, 0, "fifo")):
		package = corpus.package()
		corpus.add(name, package_tar(package, [tar_member("evidence/device.pdf", kind,
								  major=major, minor=minor)]),
			   "quarantined", "archive-unsafe", "devices", "tar entry that is a " + what)


def duplicates(corpus):
	package = corpus.package()
	other = corpus.package()
	corpus.add("duplicate-application.zip",
		   package_zip(package, [("application.xml", other.application_xml)]),
		   "quarantined", "archive-unsafe", "duplicates",
		   "zip with two application.xml (two different applicants)")

	package = corpus.package()
	path, data = package.files[1]
	corpus.add("duplicate-evidence.tar", package_tar(package, [tar_member(path, data=data[::-1])]),
		   "quarantined", "archive-unsafe", "duplicates", "tar with the same evidence path twice")

	package = corpus.package()
	path, data = package.files[1]
	corpus.add("case-collision.zip", package_zip(package, [(path.upper(), data)]),
		   "quarantined", "archive-unsafe", "duplicates", "zip with %s and %s" % (path, path.upper()))

	package = corpus.package()
	corpus.add("case-collision-application.zip",
		   package_zip(package, [("Application.XML", b"<x/>")]),
		   "quarantined", "archive-unsafe", "duplicates", "zip with application.xml and Application.XML")

	package = corpus.package()
	composed = unicodedata.normalize("NFC", "evidence/简历-résumé.pdf")
	decomposed = unicodedata.normalize("NFD", composed)
	corpus.add("nfc-collision.zip", package_zip(package, [(composed, b"one"), (decomposed, b"two")]),
		   "quarantined", "archive-unsafe", "duplicates",
		   "zip with résumé precomposed and decomposed (same name after NFC, security.md)")

	package = corpus.package()
	members = [tar_member(path, data=data) for path, data in package.files]
	members += [tar_member(composed, data=b"one"), tar_member(decomposed, data=b"two")]
	buffer = io.BytesIO()
	with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
		for member in members:
			info = tarfile.TarInfo(member["name"])
			info.size, info.mode, info.mtime = len(member["data"]), 0o644, 1793584800
			archive.addfile(info, io.BytesIO(member["data"]))
	corpus.add("nfc-collision.tar", buffer.getvalue(), "quarantined", "archive-unsafe", "duplicates",
		   "pax tar with résumé precomposed and decomposed")


def smuggling(corpus):
	package = corpus.package()
	header = "evidence/notes.txt"
	corpus.add("unicode-path-dotdot.zip",
		   package_zip(package, [(header, b"escaped\n",
					  {"extra": info_zip_unicode_path(header, "../../%s-7075" % MARKER)})]),
		   "quarantined", "archive-unsafe", "smuggling", "zip entry notes.txt whose 0x7075 field says ../../x")

	package = corpus.package()
	header = "evidence/readme.txt"
	corpus.add("unicode-path-absolute.zip",
		   package_zip(package, [(header, b"escaped\n",
					  {"extra": info_zip_unicode_path(header, "/tmp/%s-7075" % MARKER)})]),
		   "quarantined", "archive-unsafe", "smuggling", "zip entry whose 0x7075 field says /tmp/x")

	package = corpus.package()
	path, data = package.files[1]
	corpus.add("unicode-path-duplicate.zip",
		   package_zip(package, [("evidence/spare.bin", data[::-1],
					  {"extra": info_zip_unicode_path("evidence/spare.bin", path)})]),
		   "quarantined", "archive-unsafe", "smuggling",
		   "zip entry spare.bin whose 0x7075 field names another entry (a second copy)")


def bombs_and_sizes(corpus):
	# small evidence, so that the whole archive is some 25 KB: 7 MiB is under
	# maxUnpackedBytes, but 7 MiB / 25 KB is over maxRatio 200
	package = corpus.package(evidence_kb=1)
	corpus.add("bomb-ratio.zip", package_zip(package, [("evidence/scan.pdf", bytes(7 * MiB))]),
		   "quarantined", "archive-too-large", "bombs", "7 MiB of zeros in a 25 KB zip: over maxRatio 200")

	package = corpus.package()
	corpus.add("bomb-declared.zip", package_zip(package, [("evidence/scan.pdf", bytes(40 * MiB))]),
		   "quarantined", "archive-too-large", "bombs", "40 MiB of zeros, honestly declared")

	package = corpus.package()
	data = package_zip(package, [("evidence/scan.pdf", bytes(30 * MiB))])
	corpus.add("bomb-lying.zip", patch_entry(data, "evidence/scan.pdf", 22, 24, 1000),
		   "quarantined", "archive-too-large", "bombs", "30 MiB of zeros declared as 1000 bytes")

	package = corpus.package()
	corpus.add("bomb.tar.gz", package_tar(package, [tar_member("evidence/scan.pdf",
								   data=bytes(40 * MiB))], "gz"),
		   "quarantined", "archive-too-large", "bombs", "tar.gz with 40 MiB of zeros")

	package = corpus.package()
	corpus.add("bomb.tar.xz", package_tar(package, [tar_member("evidence/scan.pdf",
								   data=bytes(40 * MiB))], "xz"),
		   "quarantined", "archive-too-large", "bombs", "tar.xz with 40 MiB of zeros")

	package = corpus.package()
	corpus.add("bomb.tar.zst", bsdtar_from_tar(package_tar(package, [tar_member("evidence/scan.pdf",
										   data=bytes(40 * MiB))]),
						  ["--format", "ustar", "--zstd"]),
		   "quarantined", "archive-too-large", "bombs", "tar.zst with 40 MiB of zeros")

	package = corpus.package()
	corpus.add("overlap.zip", overlapping_zip(package.files, 20, MiB),
		   "quarantined", "archive-too-large", "overlap",
		   "20 overlapping zip entries sharing one 1 MiB kernel (20 MiB from 2 KiB)")

	package = corpus.package()
	data = package_zip(package)
	corpus.add("lying-size-small.zip", patch_entry(data, "application.xml", 22, 24, 100),
		   "quarantined", "archive-unreadable", "sizes", "application.xml declared 100 bytes, holds more")

	package = corpus.package()
	data = package_zip(package)
	size = entry_field(data, "application.xml", 24)
	corpus.add("lying-size-large.zip", patch_entry(data, "application.xml", 22, 24, size + 5000),
		   "quarantined", "archive-unreadable", "sizes", "application.xml declared 5000 bytes longer")

	package = corpus.package()
	data = tar_with_size(package_tar(package), package.files[1][0], MiB)
	corpus.add("lying-size.tar", data, "quarantined", "archive-unreadable", "sizes",
		   "tar entry declaring 1 MiB: it runs over the next entries into the end")


def damage(corpus):
	formats = (("zip", lambda package: package_zip(package)),
		   ("tar.gz", lambda package: package_tar(package, compress="gz")),
		   ("7z", lambda package: sevenzip_from_tar(package_tar(package))))
	for extension, make in formats:
		for percent in (50, 99):
			package = corpus.package()
			data = make(package)
			length = sevenzip_length(data) if extension == "7z" else len(data)
			corpus.add("truncated-%d.%s" % (percent, extension), data[:length * percent // 100],
				   "quarantined", "archive-unreadable", "truncation",
				   "%s cut at %d%% of its %d bytes" % (extension, percent, length))

	package = corpus.package()
	data = package_zip(package)
	crc = entry_field(data, "application.xml", 16)
	corpus.add("crc-flipped.zip", patch_entry(data, "application.xml", 14, 16, crc ^ 1),
		   "quarantined", "archive-unreadable", "crc", "application.xml's CRC-32 with one bit flipped")

	package = corpus.package()
	data = bytearray(package_zip(package))
	data[local_data_offset(bytes(data), package.files[1][0]) + 200] ^= 0x55
	corpus.add("data-flipped.zip", bytes(data), "quarantined", "archive-unreadable", "crc",
		   "a byte of an evidence file's compressed data changed")

	corpus.add("empty.zip", b"", "quarantined", "archive-unreadable", "garbage", "an empty file")
	rng = random.Random(1510)
	corpus.add("random.zip", rng.randbytes(40000), "quarantined", "archive-unreadable", "garbage",
		   "40 KB of random bytes")
	noise = rng.randbytes(5000)
	corpus.add("random-with-zip-magic.zip", local_header("application.xml", zlib.crc32(noise), 5000, 20000) + noise,
		   "quarantined", "archive-unreadable", "garbage", "a zip local header, then random bytes as deflate data")
	corpus.add("random-with-gzip-magic.tar.gz", b"\x1f\x8b\x08\x00" + rng.randbytes(5000),
		   "quarantined", "archive-unreadable", "garbage", "gzip magic then random bytes")
	corpus.add("name with spaces & <markup>.zip", b"not an archive\n", "quarantined",
		   "archive-unreadable", "garbage", "text, under a file name with XML specials")


def formats_not_accepted(corpus):
	"""Whole packages in formats and filters libarchive reads but ecap must
	not register (security.md: only zip, tar, 7z; gzip, bzip2, xz, zstd)."""
	for name, options, what in (
			("package.cpio", ["--format", "cpio"], "cpio"),
			("package.ar", ["--format", "ar"], "ar"),
			("package.xar", ["--format", "xar"], "xar"),
			("package.warc", ["--format", "warc"], "WARC"),
			("package.tar.lz4", ["--format", "ustar", "--lz4"], "tar through lz4"),
			("package.tar.lz", ["--format", "ustar", "--lzip"], "tar through lzip"),
			("package.tar.uu", ["--format", "ustar", "--uuencode"], "uuencoded tar"),
			("package.tar.b64", ["--format", "ustar", "--b64encode"], "base64-encoded tar")):
		package = corpus.package()
		corpus.add(name, bsdtar_from_tar(package_tar(package), options), "quarantined",
			   "archive-unreadable", "formats", "a valid package as " + what)

	# the tar reader takes an ISO's 32 KiB of zeros (system area) for the end
	# of an empty tar: read as an empty archive, never as ISO 9660
	package = corpus.package()
	corpus.add("package.iso", bsdtar_from_tar(package_tar(package), ["--format", "iso9660"]), "quarantined",
		   "no-application", "formats", "a valid package as an ISO 9660 image (read as an empty tar)")
	corpus.add("zeros.zip", bytes(20480), "quarantined", "no-application", "formats",
		   "20 KiB of zeros (an empty tar: two end-of-archive blocks)")

	# mtree names files on the reading machine: contents=PATH
	package = corpus.package()
	outside = os.path.join(os.path.abspath(corpus.out), "outside")
	os.makedirs(outside, exist_ok=True)
	lines = ["#mtree"]
	for path, data in package.files:
		with open(os.path.join(outside, path.replace("/", "_")), "wb") as f:
			f.write(data)
		lines.append("%s type=file mode=0644 size=%d contents=%s"
			     % (path, len(data), os.path.join(outside, path.replace("/", "_"))))
	corpus.add("package.mtree", ("\n".join(lines) + "\n").encode(), "quarantined", "archive-unreadable",
		   "formats", "an mtree naming files outside the state (contents=/abs/path)", package.id)

	package = corpus.package()
	corpus.add("application.xml.gz", gzip.compress(package.application_xml, mtime=0), "quarantined",
		   "archive-unreadable", "formats", "a gzipped application.xml, not an archive (raw format)")


def encryption(corpus):
	for name, kind, what in (("encrypted.zip", "zip", "zip -P"),
				 ("encrypted.7z", "7z", "7z -p"),
				 ("encrypted-headers.7z", "7z-headers", "7z -p -mhe=on (names encrypted too)")):
		package = corpus.package()
		corpus.add(name, encrypted_archive(package, kind), "quarantined", "archive-encrypted",
			   "encryption", what)


def limits_and_layout(corpus):
	package = corpus.package()
	many = [("evidence/page-%03d.txt" % index, b"page %d\n" % index) for index in range(60)]
	corpus.add("too-many-entries.zip", package_zip(package, many), "quarantined", "archive-too-large",
		   "limits", "60 extra files, over maxEntries 50")

	package = corpus.package()
	directories = [tar_member("evidence/d%03d" % index, tarfile.DIRTYPE) for index in range(60)]
	corpus.add("too-many-directories.tar", package_tar(package, directories), "quarantined",
		   "archive-too-large", "limits", "60 directory entries, over maxEntries 50")

	package = corpus.package()
	noise = random.Random(1511).randbytes(3 * MiB)
	corpus.add("over-archive-bytes.zip", package_zip(package, [("evidence/video.bin", noise)]),
		   "quarantined", "archive-too-large", "limits", "3 MiB of incompressible data, over maxArchiveBytes 2 MiB")

	package = corpus.package(defects=["no-application"])
	corpus.add("no-application.zip", package_zip(package), "quarantined", "no-application", "layout",
		   "no application.xml")

	package = corpus.package()
	entries = [("forms/" + path if path == "application.xml" else path, data)
		   for path, data in package.files]
	corpus.add("application-in-subdirectory.zip", zip_bytes(entries), "quarantined", "no-application",
		   "layout", "application.xml below the root")

	# a zip inside the package as a referenced evidence file: a file like any
	# other, never opened (its own entry escapes)
	package = corpus.package()
	inner = zip_bytes([("../../%s-nested" % MARKER, b"escaped\n"), ("application.xml", b"<x/>")])
	text = substitute(form_text(package), r"  </evidence>",
			  '    <file id="ev-99" path="evidence/archive.zip" type="other" sha256="%s"/>\n'
			  '  </evidence>' % hashlib.sha256(inner).hexdigest())
	set_form(package, text)
	package.files.append(("evidence/archive.zip", inner))
	corpus.add("nested-archive.zip", package_zip(package), "in-review", "-", "nested",
		   "a zip (with an escaping entry) as a referenced evidence file", package.id)

	# GBK names from Chinese Windows: ASCII placeholder of the same byte
	# length, then its bytes replaced, no UTF-8 flag
	package = corpus.package()
	chinese = "evidence/学位证书扫描件.pdf"
	gbk = chinese.encode("gbk")
	placeholder = "evidence/" + "G" * (len(gbk) - len("evidence/.pdf")) + ".pdf"
	text = form_text(package)
	degree = re.search(r'path="(evidence/degree-[a-z]+\.pdf)"', text).group(1)
	set_form(package, text.replace('path="%s"' % degree, 'path="%s"' % chinese))
	package.files = [(placeholder if path == degree else path, data) for path, data in package.files]
	data = replace_unique(package_zip(package), placeholder.encode(), gbk)
	corpus.add("gbk-names.zip", data, "in-review", "-", "charset",
		   "evidence named 学位证书扫描件.pdf in GBK without the UTF-8 flag", package.id)


# --- the corpus: application forms -----------------------------------------

def form_attacks(corpus):
	def quarantined(name, prologue, body_change=None, description=""):
		package = corpus.package()
		text = after_declaration(form_text(package), prologue)
		if body_change:
			text = body_change(text)
		corpus.add(name, package_zip(set_form(package, text)), "quarantined", "xml-malformed",
			   "xml-doctype", description)

	def employer_entity(reference):
		return lambda text: substitute(text, r"<employer>[^<]*</employer>",
					       "<employer>%s</employer>" % reference)

	quarantined("xxe-file.zip", '<!DOCTYPE application [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
		    employer_entity("&xxe;"), "external entity file:///etc/passwd in <employer>")
	quarantined("xxe-network.zip",
		    '<!DOCTYPE application [\n<!ENTITY xxe SYSTEM "%s">\n]>\n' % corpus.url("xxe-entity"),
		    employer_entity("&xxe;"), "external entity on the loopback listener")
	quarantined("xxe-external-dtd.zip",
		    '<!DOCTYPE application SYSTEM "%s">\n' % corpus.url("xxe-dtd"), None,
		    "external DTD on the loopback listener")
	quarantined("xxe-parameter-entity.zip",
		    '<!DOCTYPE application [\n<!ENTITY %% remote SYSTEM "%s">\n%%remote;\n]>\n'
		    % corpus.url("xxe-parameter"), None, "parameter entity on the loopback listener")
	quarantined("billion-laughs.zip", billion_laughs("application"), employer_entity("&lol9;"),
		    "billion laughs (10^9 lol)")
	quarantined("quadratic-blowup.zip", quadratic_blowup("application"),
		    lambda text: substitute(text, r"(<section dimension=\"knowledge\">)", r"\1" + "&a;" * 1500),
		    "quadratic blowup: a 50,000-character entity referenced 1,500 times")

	def returned(name, code, change, description, kind):
		package = corpus.package()
		text = change(form_text(package))
		data = text if isinstance(text, bytes) else text.encode("utf-8")
		corpus.add(name, package_zip(set_form(package, data)), "returned", code, kind, description,
			   package.id)

	xinclude = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="%s" parse="text"/>'
	returned("xinclude-file.zip", "schema",
		 lambda text: before_root_end(text, xinclude % "file:///etc/passwd"),
		 "XInclude of /etc/passwd (never expanded: the schema refuses the element)", "xml-xinclude")
	returned("xinclude-network.zip", "schema",
		 lambda text: substitute(text, r"<employer>[^<]*</employer>",
					 "<employer>%s</employer>" % (xinclude % corpus.url("xinclude"))),
		 "XInclude on the loopback listener inside <employer>", "xml-xinclude")
	returned("depth-257.zip", "xml-malformed",
		 lambda text: before_root_end(text, nested(257)), "elements nested 257 deep", "xml-depth")
	returned("depth-100000.zip", "xml-malformed",
		 lambda text: before_root_end(text, nested(100000)), "elements nested 100,000 deep", "xml-depth")
	returned("invalid-utf8.zip", "xml-malformed",
		 lambda text: text.encode("utf-8").replace("</employer>".encode(), b"\xc3\x28\xff</employer>", 1),
		 "bytes C3 28 FF (not UTF-8) in <employer>", "xml-encoding")
	returned("xml-long-name.zip", "xml-malformed",
		 lambda text: before_root_end(text, "<%s/>" % ("n" * 60000)),
		 "an element name of 60,000 characters (over libxml2's 50,000)", "xml-limits")
	returned("unknown-namespace.zip", "schema",
		 lambda text: text.replace('xmlns="urn:ecap:1"', 'xmlns="urn:evil:1"', 1),
		 "the root in namespace urn:evil:1", "xml-schema")
	returned("evidence-path-escapes.zip", "evidence-missing",
		 lambda text: substitute(text, r'path="evidence/employment-certificate\.pdf" type="work" sha256="[0-9a-f]+"',
					 'path="../../../../../../etc/passwd" type="work" sha256="%s"' % passwd_digest()),
		 "an evidence path ../../../../etc/passwd with the machine's /etc/passwd sha256", "xml-paths")
	returned("evidence-path-absolute.zip", "schema",
		 lambda text: substitute(text, r'path="evidence/employment-certificate\.pdf"', 'path="/etc/passwd"'),
		 "an evidence path /etc/passwd", "xml-paths")

	returned("undefined-entity.zip", "xml-malformed",
		 lambda text: substitute(text, r"<employer>[^<]*</employer>", "<employer>&xxe;</employer>"),
		 "a reference to an entity never declared", "xml-entities")
	returned("character-reference-nul.zip", "xml-malformed",
		 lambda text: substitute(text, r"<employer>([^<]*)</employer>", r"<employer>&#0;</employer>"),
		 "a character reference &#0;", "xml-encoding")
	returned("attribute-3mb.zip", "schema",
		 lambda text: text.replace("<field ", '<field note="%s" ' % ("A" * (3 * MiB)), 1),
		 "a 3 MiB attribute (under maxXmlBytes) the schema does not know", "xml-limits")
	returned("wrong-root.zip", "schema",
		 lambda text: text.replace("<application ", "<reviewRecord ", 1).replace("</application>",
											  "</reviewRecord>", 1),
		 "application.xml whose root is an ecap reviewRecord", "xml-schema")

	# markup where the notice quotes the applicant: it must come out escaped
	package = corpus.package(name=MARKUP_NAME, defects=["statement-short"])
	text = form_text(package).replace("<employer>", "<employer><![CDATA[%s]]>" % MARKUP_EMPLOYER, 1)
	corpus.add("markup-in-name.zip", package_zip(set_form(package, text)), "returned", "statement-length",
		   "xml-markup", "markup in the name and employer of a returned applicant (escaped in the notice)",
		   package.id)

	# before the root: nothing to return
	package = corpus.package()
	data = form_text(package).encode("utf-8").replace(b"\n<application", b"\n<!-- \xff\xfe -->\n<application", 1)
	corpus.add("invalid-utf8-prologue.zip", package_zip(set_form(package, data)), "quarantined",
		   "xml-malformed", "xml-encoding", "bytes FF FE (not UTF-8) in a comment before the root")

	# the root's id as a path
	package = corpus.package()
	text = form_text(package).replace('id="%s"' % package.id, 'id="../../%s-id"' % MARKER, 1)
	corpus.add("id-traversal.zip", package_zip(set_form(package, text)), "quarantined", "schema",
		   "xml-paths", "root id ../../x (the id names the dossier file)")

	# the schema location on the listener: never fetched, the form is valid
	package = corpus.package()
	text = form_text(package).replace(
		'xmlns="urn:ecap:1"',
		'xmlns="urn:ecap:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
		'xsi:schemaLocation="urn:ecap:1 %s"' % corpus.url("schema-location"), 1)
	corpus.add("schema-location-network.zip", package_zip(set_form(package, text)), "in-review", "-",
		   "xml-network", "xsi:schemaLocation on the loopback listener (never fetched)", package.id)

	# UTF-16: XML 1.0 requires a parser to read it; the content is a valid form
	package = corpus.package()
	text = form_text(package).replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
	corpus.add("utf16-bom.zip", package_zip(set_form(package, text.encode("utf-16"))), "in-review", "-",
		   "xml-encoding", "a valid form in UTF-16 with a byte order mark", package.id)
	package = corpus.package()
	text = form_text(package).replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
	corpus.add("utf16-no-bom.zip", package_zip(set_form(package, text.encode("utf-16-le"))), "in-review",
		   "-", "xml-encoding", "a valid form in UTF-16LE without a byte order mark (detected from '<?')",
		   package.id)
	package = corpus.package()
	text = form_text(package).replace('encoding="UTF-8"', 'encoding="GB18030"', 1)
	corpus.add("gb18030-form.zip", package_zip(set_form(package, text.encode("gb18030"))), "in-review", "-",
		   "xml-encoding", "a valid form in GB18030, so declared (as Chinese Windows editors save it)",
		   package.id)

	package = corpus.package()
	text = form_text(package).replace("<field ", '<field note="%s" ' % ("A" * (20 * MiB)), 1)
	corpus.add("attribute-20mb.zip", package_zip(set_form(package, text)), "quarantined",
		   "archive-too-large", "xml-limits", "a 20 MB attribute (over maxXmlBytes and maxUnpackedBytes)")


# --- the corpus: records ---------------------------------------------------

def record_attacks(corpus):
	def record(name, text, outcome, code, kind, description):
		data = text if isinstance(text, bytes) else text.encode("utf-8")
		corpus.add(name, data, outcome, code, kind, description)

	target = corpus.record_target
	# a valid record is applied when its application exists, else refused
	valid = ("record-refused", "record-unknown-application") if target == RECORD_TARGET else \
		("record-applied", "-")
	employer = "&xxe;"
	record("rec-xxe-file.xml",
	       record_with_prologue(target, '<!DOCTYPE reviewRecord [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
				    employer),
	       "quarantined", "xml-malformed", "record-doctype", "record with an entity reading /etc/passwd")
	record("rec-xxe-network.xml",
	       record_with_prologue(target, '<!DOCTYPE reviewRecord [\n<!ENTITY xxe SYSTEM "%s">\n]>\n'
				    % corpus.url("rec-xxe"), employer),
	       "quarantined", "xml-malformed", "record-doctype", "record with an entity on the listener")
	record("rec-external-dtd.xml",
	       record_with_prologue(target, '<!DOCTYPE reviewRecord SYSTEM "%s">\n' % corpus.url("rec-dtd")),
	       "quarantined", "xml-malformed", "record-doctype", "record with an external DTD on the listener")
	record("rec-billion-laughs.xml", record_with_prologue(target, billion_laughs("reviewRecord"), "&lol9;"),
	       "quarantined", "xml-malformed", "record-doctype", "record: billion laughs")
	record("rec-quadratic-blowup.xml", record_with_prologue(target, quadratic_blowup("reviewRecord"), "&a;" * 1500),
	       "quarantined", "xml-malformed", "record-doctype", "record: quadratic blowup")
	record("rec-xinclude.xml",
	       review_record(target, extra='  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
			     'href="file:///etc/passwd" parse="text"/>\n'),
	       "record-refused", "record-invalid", "record-xinclude", "record with an XInclude of /etc/passwd")
	record("rec-xinclude-network.xml",
	       review_record(target, extra='  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="%s"/>\n'
			     % corpus.url("rec-xinclude")),
	       "record-refused", "record-invalid", "record-xinclude", "record with an XInclude on the listener")
	record("rec-depth-257.xml", review_record(target, extra=nested(257, "note")),
	       "quarantined", "xml-malformed", "record-depth", "record nested 257 deep")
	record("rec-depth-100000.xml", review_record(target, extra=nested(100000, "note")),
	       "quarantined", "xml-malformed", "record-depth", "record nested 100,000 deep")
	record("rec-invalid-utf8.xml", review_record(target).encode("utf-8").replace("材料充分".encode(), b"\xe6\x9d\xff", 1),
	       "quarantined", "xml-malformed", "record-encoding", "record with bytes not UTF-8")
	text = review_record(target).replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
	record("rec-utf16-bom.xml", text.encode("utf-16"), valid[0], valid[1],
	       "record-encoding", "a valid record in UTF-16 with a BOM, for %s" % target)
	text = review_record(target, examiner="EX-008").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
	record("rec-utf16-no-bom.xml", text.encode("utf-16-be"), valid[0], valid[1],
	       "record-encoding", "a valid record in UTF-16BE without a BOM, for %s" % target)
	record("rec-attribute-20mb.xml", review_record(target, root_attributes=' note="%s"' % ("A" * (20 * MiB))),
	       "quarantined", "xml-malformed", "record-limits", "record with a 20 MB attribute (over maxXmlBytes)")
	record("rec-unknown-namespace.xml", review_record(target).replace(NAMESPACE, "urn:evil:1", 1),
	       "record-refused", "record-invalid", "record-schema", "record in namespace urn:evil:1")
	record("rec-application-traversal.xml", review_record("../../%s-record" % MARKER),
	       "record-refused", "record-invalid", "record-schema", "record for application ../../x")
	record("rec-status-action-traversal.xml",
	       '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="%s" registration="../../%s-reg" '
	       'action="revoke" date="2026-11-20" reference="X-1" fraud="true">x</statusAction>\n'
	       % (NAMESPACE, MARKER),
	       "record-refused", "record-invalid", "record-schema", "status action for registration ../../x")
	record("rec-blank.xml", b" \n\t\n", "quarantined", "xml-malformed", "record-garbage",
	       "a record of white space only (an empty file is empty.zip: the same bytes)")
	record("rec-random.xml", random.Random(1520).randbytes(3000), "quarantined", "xml-malformed",
	       "record-garbage", "3000 random bytes as a record")


def dropbox_specials(corpus):
	"""Dropbox entries that are not regular files, in OUTDIR/specials/ with
	their own manifest (specials.tsv): never to be opened, quarantined. The
	links point at OUTDIR/decoy, a file the test watches (mode and bytes)."""
	decoy = os.path.join(os.path.abspath(corpus.out), "decoy")
	with open(decoy, "w", encoding="utf-8") as f:
		f.write(DECOY_TEXT)
	os.chmod(decoy, 0o644)
	specials = Corpus(corpus.out, corpus.port, "specials", corpus.record_target)
	os.makedirs(specials.inputs)
	for name, target, what in (
			("link-decoy.xml", decoy, "a symlink to a file outside the state, as a record"),
			("link-decoy.zip", decoy, "a symlink to a file outside the state, as a package"),
			("link-dangling.zip", "/nonexistent/%s" % MARKER, "a dangling symlink"),
			("link-directory.zip", os.path.dirname(decoy), "a symlink to a directory")):
		specials.reserve(name)
		os.symlink(target, os.path.join(specials.inputs, name))
		specials.note(name, "quarantined", "archive-unsafe", "dropbox-special", what)
	specials.reserve("fifo.zip")
	os.mkfifo(os.path.join(specials.inputs, "fifo.zip"), 0o600)
	specials.note("fifo.zip", "left", "input-not-file", "dropbox-special",
		      "a fifo (opening it would block the run): left in place, named by status")
	write_manifest(specials, "specials.tsv")


def good_packages(corpus, count):
	formats = ("zip", "tar.gz", "7z", "tar", "tar.xz", "tar.bz2")
	levels = ("professional", "senior", "apprentice")
	for index in range(count):
		package = corpus.package(id="A2026-159%03d" % (index + 1), level=levels[index % 3],
					 id_type="passport" if index % 4 == 3 else "resident-id")
		archive_format = formats[index % len(formats)]
		name = "good-%02d.%s" % (index + 1, archive_format)
		corpus.reserve(name)
		mkpackage.write_archive(package, os.path.join(corpus.inputs, name), archive_format,
					dir_entries=index % 2 == 1)
		corpus.note(name, "in-review", "-", "good", "a valid package (mkpackage)", package.id)


# --- policy, roster, manifest ----------------------------------------------

def write_policy(corpus):
	with open(os.path.join(TOP, "samples", "policy.xml"), encoding="utf-8") as f:
		text = f.read()
	intake = "<intake " + " ".join('%s="%s"' % item for item in LIMITS.items()) + "/>"
	text = substitute(text, r"<intake\b[^>]*/>", intake)
	with open(os.path.join(corpus.out, "policy.xml"), "w", encoding="utf-8") as f:
		f.write(text)
	with open(os.path.join(TOP, "samples", "members.xml"), encoding="utf-8") as f:
		roster = f.read()
	lines = [line for line in corpus.members if re.search(r'number="[^"]*"', line).group(0) not in roster]
	roster = roster.replace("</members>", "\n".join(lines) + "\n</members>")
	with open(os.path.join(corpus.out, "members.xml"), "w", encoding="utf-8") as f:
		f.write(roster)


def write_manifest(corpus, name="manifest.tsv"):
	with open(os.path.join(corpus.out, name), "w", encoding="utf-8") as f:
		f.write("# name\tapplication\toutcome\tcode\tkind\tdescription\n")
		for line in corpus.lines:
			f.write(line + "\n")


PARTS = {
	"names": names_and_paths, "links": links_and_devices, "duplicates": duplicates,
	"smuggling": smuggling, "bombs": bombs_and_sizes, "damage": damage,
	"formats": formats_not_accepted, "encryption": encryption, "limits": limits_and_layout,
	"forms": form_attacks, "records": record_attacks, "specials": dropbox_specials,
}


def main():
	parser = argparse.ArgumentParser(description="Writes the hostile input corpus.")
	parser.add_argument("out", help="directory to create (must not exist or be empty)")
	parser.add_argument("--port", type=int, default=9, help="loopback port for network references")
	parser.add_argument("--good", type=int, default=10, help="good packages to mix in")
	parser.add_argument("--parts", default=",".join(PARTS),
			    help="comma-separated parts to write (default all: %(default)s)")
	parser.add_argument("--record-target", default=RECORD_TARGET,
			    help="application the records name (default %(default)s, which does not exist)")
	arguments = parser.parse_args()
	warnings.simplefilter("ignore")		# zipfile's "Duplicate name": wanted here
	if os.path.exists(arguments.out) and os.listdir(arguments.out):
		parser.error("%s exists and is not empty" % arguments.out)
	corpus = Corpus(arguments.out, arguments.port, record_target=arguments.record_target)
	os.makedirs(corpus.inputs)
	for part in arguments.parts.split(","):
		if part not in PARTS:
			parser.error("unknown part '%s' (parts: %s)" % (part, " ".join(PARTS)))
		PARTS[part](corpus)
	good_packages(corpus, arguments.good)
	write_policy(corpus)
	write_manifest(corpus)
	hostile = sum(1 for line in corpus.lines if line.split("\t")[4] != "good")
	print("make-corpus: %d hostile inputs and %d good packages in %s"
	      % (hostile, len(corpus.lines) - hostile, corpus.inputs))
	return 0


if __name__ == "__main__":
	sys.exit(main())
