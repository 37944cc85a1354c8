#!/usr/bin/env python3
"""bagit_check.py - an independent BagIt (RFC 8493) validator for the tests.

Written from the RFC, not from ecap's code, so that the tests do not take
ecap's word for what a valid bag is. It takes gzip-compressed tars each holding
one bag directory, extracts it safely into a temporary directory (no absolute
names, no '..', no links or devices, no duplicates), and checks:

  - bagit.txt: "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"
    (section 2.1.1), no byte-order mark;
  - bag-info.txt, if present: "Label: value" lines and continuation lines
    (section 2.2.2), and Payload-Oxum against the payload;
  - every payload manifest manifest-ALG.txt (sha256, sha512) and tag manifest
    tagmanifest-ALG.txt (sections 2.1.3, 2.2.1): the line syntax, the
    percent-encoding of %, CR and LF, and every checksum;
  - completeness and validity (section 3): every payload file in every
    payload manifest, no file listed but missing.

usage: bagit_check.py ARCHIVE.tar.gz...
Prints "valid", or one line per problem (each line starting "ARCHIVE: " when
several are given); exits 0 when all are valid, 1 when one is not, 2 on bad
usage.
"""

import hashlib
import os
import re
import shutil
import sys
import tarfile
import tempfile

ALGORITHMS = {"sha256": 64, "sha512": 128}
LINE_END = re.compile(r"\r\n|\r|\n")


class Bag:
    """A bag extracted in `root`, and the problems found in it."""

    def __init__(self, root):
        self.root = root
        self.problems = []

    def problem(self, text):
        self.problems.append(text)

    def path(self, relative):
        return os.path.join(self.root, *relative.split("/"))

    def read_text(self, relative):
        """A tag file decoded as UTF-8 and split into lines (LF, CR or CRLF),
        or None when it is missing or not UTF-8."""
        try:
            with open(self.path(relative), "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.problem(f"{relative}: not UTF-8")
            return None
        if text.startswith("\ufeff"):
            self.problem(f"{relative}: starts with a byte-order mark")
            text = text[1:]
        lines = LINE_END.split(text)
        if lines and lines[-1] == "":
            lines.pop()     # the text ended with a line end
        return lines


def unsafe_reason(name):
    """Why an archive member's name is unsafe to extract, or None."""
    if not name or name.startswith("/") or "\\" in name or "\0" in name:
        return "absolute, empty or with a backslash"
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "an empty, '.' or '..' component"
    if any(ord(c) < 32 and c not in "\r\n\t" for c in name):
        return "a control character"
    return None


def extract(archive, target):
    """Extracts the archive into target; returns the problems (empty if all
    went well)."""
    with open(archive, "rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            return ["not a gzip-compressed tar"]
    problems, seen = [], set()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = member.name
                reason = unsafe_reason(name)
                if reason:
                    problems.append(f"{name!r}: unsafe name: {reason}")
                    continue
                if not (member.isreg() or member.isdir()):
                    problems.append(f"{name}: not a regular file or directory")
                    continue
                key = name.rstrip("/")
                if key in seen and not member.isdir():
                    problems.append(f"{name}: twice in the archive")
                    continue
                seen.add(key)
                destination = os.path.join(target, *key.split("/"))
                if member.isdir():
                    os.makedirs(destination, exist_ok=True)
                    continue
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                source = tar.extractfile(member)
                with open(destination, "wb") as out:
                    shutil.copyfileobj(source, out)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        problems.append(f"not a readable gzip-compressed tar: {error}")
    return problems


def check_bagit_txt(bag):
    lines = bag.read_text("bagit.txt")
    if lines is None:
        bag.problem("bagit.txt: missing or unreadable")
        return
    if len(lines) != 2:
        bag.problem(f"bagit.txt: {len(lines)} lines, not 2")
    if not lines or not re.fullmatch(r"BagIt-Version: [0-9]+\.[0-9]+", lines[0]):
        bag.problem("bagit.txt: no 'BagIt-Version: M.N' first line")
    elif lines[0] != "BagIt-Version: 1.0":
        bag.problem(f"bagit.txt: {lines[0]!r}, not version 1.0 (RFC 8493)")
    if len(lines) < 2 or not lines[1].startswith("Tag-File-Character-Encoding: "):
        bag.problem("bagit.txt: no 'Tag-File-Character-Encoding: ENCODING' second line")
    elif lines[1] != "Tag-File-Character-Encoding: UTF-8":
        bag.problem(f"bagit.txt: {lines[1]!r}: only UTF-8 is checked here")


def parse_bag_info(bag):
    """The (label, value) pairs of bag-info.txt, or None when it is absent."""
    lines = bag.read_text("bag-info.txt")
    if lines is None:
        return None
    elements = []
    for number, line in enumerate(lines, 1):
        if line[:1] in (" ", "\t"):
            if not elements:
                bag.problem(f"bag-info.txt: line {number} continues nothing")
            else:
                label, value = elements[-1]
                elements[-1] = (label, value + "\n" + line.lstrip(" \t"))
            continue
        match = re.fullmatch(r"([^:\s](?:[^:]*[^:\s])?):[ \t](.*)", line)
        if not match:
            bag.problem(f"bag-info.txt: line {number} is not 'Label: value': {line!r}")
            continue
        elements.append((match.group(1), match.group(2)))
    return elements


def payload_files(bag):
    """Every file under data/, as bag-relative paths with '/'."""
    found = []
    data = bag.path("data")
    if not os.path.isdir(data):
        bag.problem("no data/ directory")
        return found
    for directory, _, files in os.walk(data):
        for name in files:
            relative = os.path.relpath(os.path.join(directory, name), bag.root)
            found.append(relative.replace(os.sep, "/"))
    return found


def check_payload_oxum(bag, elements, payload):
    oxums = [value for label, value in elements if label.lower() == "payload-oxum"]
    if len(oxums) > 1:
        bag.problem("bag-info.txt: Payload-Oxum more than once")
    if not oxums:
        return
    match = re.fullmatch(r"([0-9]+)\.([0-9]+)", oxums[0])
    if not match:
        bag.problem(f"bag-info.txt: Payload-Oxum {oxums[0]!r} is not OCTETS.FILES")
        return
    octets = sum(os.path.getsize(bag.path(name)) for name in payload)
    if (int(match.group(1)), int(match.group(2))) != (octets, len(payload)):
        bag.problem(f"Payload-Oxum is {oxums[0]} but the payload is {octets}.{len(payload)}")


def decode_path(encoded):
    """RFC 8493 section 2.1.3: %25, %0A and %0D; any other '%' is an error."""
    def replace(match):
        return {"25": "%", "0A": "\n", "0D": "\r"}[match.group(1).upper()]
    if re.search(r"%(?![0-9A-Fa-f]{2})|%(?!25|0[AaDd])", encoded):
        raise ValueError("a '%' that is not %25, %0A or %0D")
    return re.sub(r"%(25|0[AaDd])", replace, encoded)


def file_digest(path, algorithm):
    digest = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()


def check_manifest(bag, name, algorithm, tag):
    """Checks one manifest; returns the set of paths it lists."""
    listed = set()
    for number, line in enumerate(bag.read_text(name) or [], 1):
        match = re.fullmatch(r"([0-9A-Fa-f]+)[ \t]+(.+)", line)
        if not match or len(match.group(1)) != ALGORITHMS[algorithm]:
            bag.problem(f"{name}: line {number} is not 'CHECKSUM PATH': {line!r}")
            continue
        try:
            path = decode_path(match.group(2))
        except ValueError as error:
            bag.problem(f"{name}: line {number}: {error}")
            continue
        if unsafe_reason(path):
            bag.problem(f"{name}: line {number}: unsafe path {path!r}")
            continue
        if tag == path.startswith("data/"):
            bag.problem(f"{name}: line {number}: {path} does not belong in this manifest")
            continue
        if path in listed:
            bag.problem(f"{name}: {path} listed twice")
        listed.add(path)
        if not os.path.isfile(bag.path(path)):
            bag.problem(f"{name}: {path} is listed but missing")
        elif file_digest(bag.path(path), algorithm) != match.group(1).lower():
            bag.problem(f"{name}: {path}: checksum mismatch")
    return listed


def check_manifests(bag, payload):
    top = sorted(os.listdir(bag.root))
    manifests = [n for n in top if re.fullmatch(r"manifest-[a-z0-9]+\.txt", n)]
    tag_manifests = [n for n in top if re.fullmatch(r"tagmanifest-[a-z0-9]+\.txt", n)]
    if not manifests:
        bag.problem("no payload manifest (manifest-ALGORITHM.txt)")
    for name in manifests + tag_manifests:
        algorithm = name.split("-", 1)[1][:-4]
        if algorithm not in ALGORITHMS:
            bag.problem(f"{name}: algorithm {algorithm} is not one this tool knows")
            continue
        listed = check_manifest(bag, name, algorithm, name.startswith("tag"))
        if name.startswith("manifest-"):
            for path in sorted(set(payload) - listed):
                bag.problem(f"{name}: {path} is in the payload but not in the manifest")


def check(archive):
    """Returns the list of problems of the bag in archive (empty: valid)."""
    with tempfile.TemporaryDirectory(prefix="bagit-check-") as target:
        problems = extract(archive, target)
        if problems:
            return problems
        top = os.listdir(target)
        if len(top) != 1 or not os.path.isdir(os.path.join(target, top[0])):
            return [f"not one bag directory but {sorted(top)!r}"]
        bag = Bag(os.path.join(target, top[0]))
        check_bagit_txt(bag)
        payload = payload_files(bag)
        elements = parse_bag_info(bag)
        if elements is not None:
            check_payload_oxum(bag, elements, payload)
        check_manifests(bag, payload)
        return bag.problems


def main(arguments):
    if not arguments or any(a.startswith("-") for a in arguments):
        sys.stderr.write("usage: bagit_check.py ARCHIVE.tar.gz...\n")
        return 2
    all_valid = True
    for archive in arguments:
        # with several archives, each line says which one it is about
        prefix = f"{archive}: " if len(arguments) > 1 else ""
        problems = check(archive)
        for problem in problems or ["valid"]:
            print(prefix + problem)
        all_valid = all_valid and not problems
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
