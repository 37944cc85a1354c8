#!/bin/sh
# make-seeds.sh - writes the seed corpora fuzz/seeds/<harness>/ from the
# project's own material: the sample packages of samples/dropbox (and small
# packages in every format made from their application.xml, with a few
# hostile ones), the application.xml inside each, the documents of
# tests/data, and the records of tests/data/formats aimed at each base
# dossier of fuzz-records. The same bytes each time but for the encrypted
# archives (random salts); needs python3, bsdtar, zstd, zip and 7z.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$top" <<'EOF'
import glob, gzip, io, os, shutil, subprocess, sys, tarfile, tempfile, zipfile

top = sys.argv[1]
seeds = os.path.join(top, "fuzz", "seeds")
SEPARATOR = b"\n%%record\n"


def fresh(name):
	path = os.path.join(seeds, name)
	shutil.rmtree(path, ignore_errors=True)
	os.makedirs(path)
	return path


def write(directory, name, data):
	with open(os.path.join(directory, name), "wb") as out:
		out.write(data)


def application_of(package):
	return subprocess.run(["bsdtar", "-xOf", package, "application.xml"],
			      capture_output=True).stdout


samples = sorted(glob.glob(os.path.join(top, "samples", "dropbox", "*")))
applications = {}
for package in samples:
	xml = application_of(package)
	if xml:
		applications[os.path.basename(package).split(".")[0]] = xml
small_app = applications["2026-11-03-li-na"]
EVIDENCE = [("evidence/id-front.jpg", b"\xff\xd8\xff\xe0 front"), ("evidence/id-back.jpg", b"\xff\xd8\xff back")]

# ---- fuzz-package ----
out = fresh("fuzz-package")
for package in samples:
	shutil.copy(package, os.path.join(out, os.path.basename(package)))


def tar_bytes(entries, mode="w", extra=None):
	buffer = io.BytesIO()
	with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.PAX_FORMAT) as tar:
		for name, data in entries:
			info = tarfile.TarInfo(name)
			info.size = len(data)
			info.mtime = 1793000000
			tar.addfile(info, io.BytesIO(data))
		if extra:
			extra(tar)
	return buffer.getvalue()


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED, tweak=None):
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", method) as archive:
		for name, data in entries:
			info = zipfile.ZipInfo(name, (2026, 11, 2, 9, 30, 0))
			info.compress_type = method
			if tweak:
				tweak(info)
			archive.writestr(info, data)
	return buffer.getvalue()


small = [("application.xml", small_app)] + EVIDENCE
write(out, "small.zip", zip_bytes(small))
write(out, "small-stored.zip", zip_bytes(small, zipfile.ZIP_STORED))
write(out, "small.tar", tar_bytes(small))
write(out, "small.tar.gz", gzip.compress(tar_bytes(small), mtime=0))
write(out, "small.tar.bz2", tar_bytes(small, "w:bz2"))
write(out, "small.tar.xz", tar_bytes(small, "w:xz"))
write(out, "small.tar.zst", subprocess.run(["zstd", "-q", "-c"], input=tar_bytes(small),
					   capture_output=True, check=True).stdout)
with tempfile.TemporaryDirectory() as directory:
	for name, data in small:
		os.makedirs(os.path.dirname(os.path.join(directory, name)) or directory, exist_ok=True)
		write(directory, name, data)
		os.utime(os.path.join(directory, name), (1793000000, 1793000000))
	os.utime(os.path.join(directory, "evidence"), (1793000000, 1793000000))
	subprocess.run(["7z", "a", "-bd", "-mx=9", "small.7z", "application.xml", "evidence"],
		       cwd=directory, capture_output=True, check=True)
	shutil.copy(os.path.join(directory, "small.7z"), os.path.join(out, "small.7z"))
	subprocess.run(["7z", "a", "-bd", "-pSECRET", "-mhe=on", "encrypted.7z", "application.xml"],
		       cwd=directory, capture_output=True, check=True)
	shutil.copy(os.path.join(directory, "encrypted.7z"), os.path.join(out, "encrypted.7z"))
	subprocess.run(["zip", "-q", "-P", "secret", "encrypted.zip", "application.xml"],
		       cwd=directory, capture_output=True, check=True)
	shutil.copy(os.path.join(directory, "encrypted.zip"), os.path.join(out, "encrypted.zip"))
write(out, "dot-slash.tar", tar_bytes([("./application.xml", small_app)]))
write(out, "traversal.zip", zip_bytes([("application.xml", small_app), ("../evil.txt", b"x")]))
write(out, "absolute.tar", tar_bytes([("application.xml", small_app), ("/tmp/evil", b"x")]))
write(out, "backslash.zip", zip_bytes([("application.xml", small_app), ("evidence\\a.pdf", b"x")]))
write(out, "duplicate.zip", zip_bytes([("application.xml", small_app), ("A.pdf", b"1"), ("a.pdf", b"2")]))
write(out, "no-application.zip", zip_bytes(EVIDENCE))
write(out, "nested.zip", zip_bytes([("application.xml", small_app), ("inner.zip", zip_bytes(EVIDENCE))]))


def symlink(info):
	info.external_attr = 0o120777 << 16


buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
	archive.writestr(zipfile.ZipInfo("application.xml", (2026, 11, 2, 9, 30, 0)), small_app)
	info = zipfile.ZipInfo("evidence/id-front.jpg", (2026, 11, 2, 9, 30, 0))
	symlink(info)
	archive.writestr(info, b"/etc/passwd")
write(out, "symlink.zip", buffer.getvalue())


def links(tar):
	info = tarfile.TarInfo("hard")
	info.type = tarfile.LNKTYPE
	info.linkname = "application.xml"
	tar.addfile(info)
	info = tarfile.TarInfo("fifo")
	info.type = tarfile.FIFOTYPE
	tar.addfile(info)


write(out, "links.tar", tar_bytes([("application.xml", small_app)], extra=links))
gbk = zip_bytes([("application.xml", small_app), ("evidence/AAAA.pdf", b"x")])
write(out, "gbk-name.zip", gbk.replace(b"evidence/AAAA.pdf", b"evidence/" + "证明".encode("gbk") + b".pdf"))
write(out, "bomb.zip", zip_bytes([("application.xml", small_app), ("zeros", b"\0" * (8 << 20))]))
whole = zip_bytes(small)
write(out, "truncated-half.zip", whole[:len(whole) // 2])
write(out, "truncated-99.zip", whole[:len(whole) * 99 // 100])
crc = bytearray(whole)
crc[14] ^= 0xff
write(out, "flipped-crc.zip", bytes(crc))

# ---- fuzz-xml ----
out = fresh("fuzz-xml")
for path in sorted(glob.glob(os.path.join(top, "tests", "data", "*", "*.xml"))):
	shutil.copy(path, os.path.join(out, os.path.basename(os.path.dirname(path)) + "-" +
				       os.path.basename(path)))
for name, xml in applications.items():
	write(out, name + "-application.xml", xml)
write(out, "doctype.xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>')
write(out, "laughs.xml", b'<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>')
write(out, "deep.xml", b"<a>" * 70 + b"</a>" * 70)
write(out, "utf16.xml", '<?xml version="1.0" encoding="UTF-16"?><reviewRecord xmlns="urn:ecap:1"/>'.encode("utf-16"))
write(out, "xinclude.xml", b'<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></a>')

# ---- records aimed at the applications ----
formats = os.path.join(top, "tests", "data", "formats")
RECORDS = ["review-record.xml", "interview-sheet.xml", "confirmation.xml", "objection.xml",
	   "resolution.xml", "status-action.xml"] + sorted(
	os.path.basename(p) for p in glob.glob(os.path.join(formats, "invalid-*.xml"))
	if any(k in p for k in ("record", "interview-sheet", "objection", "resolution",
				 "status-action", "confirmation")))


def record(name, application):
	with open(os.path.join(formats, name), "rb") as f:
		return f.read().replace(b"A2026-000123", application)


def review(application, examiner, recommendation=b"pass"):
	dimensions = b"".join(b'<dimension code="%s" met="true">ok</dimension>' % d for d in
			      (b"knowledge", b"ethics", b"teamwork", b"learning", b"leadership"))
	return (b'<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="2026-11-24">'
		b"%s<recommendation>%s</recommendation></reviewRecord>" %
		(application, examiner, dimensions, recommendation))


# ---- fuzz-stages ----
out = fresh("fuzz-stages")
for name, xml in applications.items():
	write(out, name + ".xml", xml)
for path in sorted(glob.glob(os.path.join(formats, "invalid-application-*.xml"))) + \
		[os.path.join(formats, "application.xml")]:
	shutil.copy(path, os.path.join(out, os.path.basename(path)))
for path in sorted(glob.glob(os.path.join(top, "tests", "data", "dossiers", "*.xml"))):
	shutil.copy(path, os.path.join(out, "dossier-" + os.path.basename(path)))
zhang, li, ma = (applications["2026-11-02-zhang-wei"], applications["2026-11-03-li-na"],
		 applications["2026-11-09-ma-jun"])
write(out, "zhang-two-reviews", SEPARATOR.join([zhang, review(b"A2026-000101", b"EX-017"),
						review(b"A2026-000101", b"EX-034")]))
write(out, "zhang-supplement", SEPARATOR.join([zhang, record("review-record.xml", b"A2026-000101"),
					       review(b"A2026-000101", b"EX-034", b"fail")]))
write(out, "li-two-reviews-objection", SEPARATOR.join([li, review(b"A2026-000102", b"EX-017"),
						       review(b"A2026-000102", b"EX-034"),
						       record("objection.xml", b"A2026-000102")]))
write(out, "ma-two-reviews-confirmation", SEPARATOR.join([ma, review(b"A2026-000106", b"EX-017"),
							  review(b"A2026-000106", b"EX-034"),
							  record("confirmation.xml", b"A2026-000106")]))
# the application of each test dossier on its own, run on the day it was received
import re
for path in sorted(glob.glob(os.path.join(top, "tests", "data", "dossiers", "*.xml"))):
	with open(path, "rb") as f:
		text = f.read()
	found = re.search(rb"<application .*?</application>", text, re.S)
	received = re.search(rb'received="(\d{4}-\d\d-\d\d)"', text)
	if not found:
		continue
	form = found.group(0).replace(b"<application ", b'<application xmlns="urn:ecap:1" ', 1)
	date = b"%%date " + (received.group(1) if received else b"2026-11-24") + b"\n"
	write(out, "form-" + os.path.basename(path), date + b'<?xml version="1.0" encoding="UTF-8"?>\n' + form)
# schema-valid upgrades and re-registrations by holders of the harness's
# register (fuzz/common.c), so that eligibility and CPD are reached
def made(*arguments):
	with tempfile.TemporaryDirectory() as directory:
		subprocess.run([sys.executable, os.path.join(top, "tools", "mkpackage.py"), "--seed", "7",
				"--out", os.path.join(directory, "p.tar"), "--evidence-kb", "1"] + list(arguments),
			       check=True, capture_output=True)
		return application_of(os.path.join(directory, "p.tar"))


write(out, "reregistration-cpd", b"%%date 2026-12-15\n" + made(
	"--kind", "reregistration", "--id-number", "330102198005123618", "--holding",
	"CSEE-000087:professional", "--level", "professional", "--submitted", "2026-12-14T16:20:00+08:00"))
write(out, "reregistration-expired", b"%%date 2026-12-15\n" + made(
	"--kind", "reregistration", "--id-number", "330102198005123618", "--holding",
	"CSEE-000103:senior", "--level", "senior", "--submitted", "2026-12-14T16:20:00+08:00"))
write(out, "upgrade", made(
	"--kind", "upgrade", "--id-number", "410105199705079471", "--holding", "CSEE-000101:apprentice",
	"--level", "professional", "--submitted", "2026-11-20T10:00:00+08:00"))
with open(os.path.join(top, "tests", "data", "dossiers", "interview.xml"), "rb") as f:
	interview = f.read()
write(out, "dossier-interview-sheet", SEPARATOR.join([interview, record("interview-sheet.xml", b"A2026-000123")]))

# ---- fuzz-records: selector byte (base | days << 4), then the record ----
out = fresh("fuzz-records")
BASES = [(0, b"A2026-000101"), (1, b"A2026-000101"), (2, b"A2026-000101"), (3, b"A2026-000106"),
	 (4, b"A2026-000102"), (5, b"A2026-000102")]
for base, application in BASES:
	for name in RECORDS:
		write(out, "base%d-%s" % (base, name), bytes([base]) + record(name, application))
	write(out, "base%d-pass-EX-030" % base, bytes([base]) + review(application, b"EX-030"))
	write(out, "base%d-late-resolution.xml" % base, bytes([base | 0x10]) + record("resolution.xml", application))
	write(out, "base%d-late-objection.xml" % base, bytes([base | 0x30]) + record("objection.xml", application))
EOF
