#!/usr/bin/env python3
"""generate.py - the benchmark's input: N realistic application packages and
the examiners' records for them, reproducible from a seed.

	bench/generate.py N SEED OUTDIR [--jobs J] [--evidence-percent P]

writes into OUTDIR:
	policy.xml, members.xml	samples/policy.xml (settleSeconds 0) and a roster
				listing every applicant (but the not-member defects)
				and N/10 members who did not apply
	dropbox/		N packages, NNNNNN-name.FORMAT, dated (mtime) when
				they were submitted (2026-11-02 .. 2026-11-20)
	reviews/		two review records for each application that should
				be accepted, by roster examiners who do not share the
				applicant's employer, dated 2026-11-25
	interviews/		an interview sheet for each accepted professional or
				senior application whose review passes, dated 2026-11-27
	manifest.tsv		file, id, level, format, expected outcome and codes,
				review recommendation, interview result, bytes
	generated.txt		N, SEED and the totals, written last: OUTDIR is
				complete only when this file is there

Every package is built by tools/mkpackage.py (as a module) from its own seed,
drawn from SEED and its index, so the same N and SEED give the same bytes
whatever J is. Evidence bytes are slices of one pool of random bytes (what
a scan or a PDF looks like to a compressor: incompressible) at offsets the
package's seed draws, so that making 10,000 packages costs the archivers'
time, not the random generator's. Sizes, formats and the mix of levels and
defects are set in the tables below; bench/BENCH.md says why.

--evidence-percent scales every evidence size (default 100): a memory
measurement at N = 100,000 uses small evidence to fit the disk (BENCH.md).

Standard library only; the 7z format needs bsdtar (libarchive-tools).
"""

import argparse
import datetime
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import time
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import mkpackage  # noqa: E402

# --- the mix ---------------------------------------------------------------

# Archive formats as applicants send them: mostly zip (every desktop makes
# one), then tar.gz; 7z and tar.xz are few and cost the generator the most
# (LZMA on incompressible bytes runs at about 2 MB/s on the bench machine).
FORMAT_WEIGHTS = (("zip", 50), ("tar.gz", 23), ("tar", 15), ("tar.xz", 4), ("7z", 4),
		  ("tar.bz2", 4))
# A desktop archiver also stores directory entries.
DIR_ENTRIES_SHARE = 0.3

LEVEL_WEIGHTS = (("apprentice", 30), ("professional", 50), ("senior", 20))
PASSPORT_SHARE = 0.04
DEFECT_SHARE = 0.10
# Every defect mkpackage makes, equally likely among the defective packages.
DEFECTS = tuple(sorted(mkpackage.DEFECTS))

# Evidence sizes in KiB, uniform between the two bounds, by evidence type:
# phone scans of an ID card and PDFs of certificates as an upload form
# with a size limit receives them. See BENCH.md for why not larger.
EVIDENCE_KIB = {"id-front": (20, 50), "id-back": (20, 50), "passport": (25, 60),
		"education": (30, 90), "work": (15, 100), "achievement": (15, 80),
		"title": (15, 50)}
POOL_BYTES = 48 << 20

# Records: review recommendations and interview results.
REVIEW_FAIL_SHARE = 0.03		# both examiners recommend fail
INTERVIEW_FAIL_SHARE = 0.10		# the panel scores below the thresholds
REVIEW_DATE = "2026-11-25"
INTERVIEW_DATE = "2026-11-27"
# The records' modification times (arrival order) are on earlier days: a
# dropbox skips files modified in the future, and the machine's clock may read
# 2026-11-24 (the run dates are given with --date, the clock is not).
REVIEW_ARRIVAL = "2026-11-21"
INTERVIEW_ARRIVAL = "2026-11-22"

# The policy's examiners (samples/policy.xml): id -> employer.
EXAMINER_PATTERN = re.compile(r'<examiner id="([^"]+)" name="[^"]*" employer="([^"]*)"/>')

COMMENTS = {
	"knowledge": ("能综合运用电力系统分析和继电保护知识解决工程问题，工程案例具体。",
		      "专业基础扎实，设计计算内容完整，能说明方案比选的依据。"),
	"ethics": ("自述中有坚持安全规程和质量标准的具体事例。",
		   "能正确处理工程安全与进度的关系，职业操守良好。"),
	"teamwork": ("能与多个专业和单位协调配合，沟通表达清楚。",
		     "有组织协调会议和跨部门合作的具体经历。"),
	"learning": ("坚持继续教育，关注标准更新和新技术发展。",
		     "有学习新技术并在工程中应用的事例。"),
	"leadership": ("承担过专业负责工作，能说明进度和质量的控制措施。",
		       "项目管理经历与申请级别相符。"),
}
FAIL_COMMENT = "自述中未见能够证明该能力的具体工程事例。"
FOCUS = ("请申请人说明在主要项目中本人承担的具体技术工作和解决的关键问题。",
	 "请结合工程实例说明如何处理安全与工期的矛盾。")


# --- drawing the packages --------------------------------------------------

def weighted(rng, table):
	total = sum(weight for _, weight in table)
	pick = rng.uniform(0, total)
	for value, weight in table:
		pick -= weight
		if pick <= 0:
			return value
	return table[-1][0]


class PooledBytes:
	"""Stands in for mkpackage's random generator where it draws file
	bodies: a slice of the pool at an offset the package's generator draws."""

	def __init__(self, rng, pool):
		self.rng, self.pool = rng, pool

	def randbytes(self, count):
		offset = self.rng.randrange(0, len(self.pool) - count)
		return self.pool[offset:offset + count]


POOL = b""


def install_pool(seed, evidence_percent):
	"""Makes mkpackage draw evidence bodies from the pool, sized by
	EVIDENCE_KIB times evidence_percent / 100 (with evidence_kb=1 its
	size factors are KiB)."""
	global POOL
	POOL = random.Random("pool:%d" % seed).randbytes(POOL_BYTES)
	jpeg, pdf = mkpackage.fake_jpeg, mkpackage.fake_pdf
	mkpackage.fake_jpeg = lambda rng, size: jpeg(PooledBytes(rng, POOL), size)
	mkpackage.fake_pdf = lambda rng, size: pdf(PooledBytes(rng, POOL), size)
	scale = evidence_percent / 100.0
	mkpackage.SIZE_FACTORS = {kind: (low * scale, high * scale)
				  for kind, (low, high) in EVIDENCE_KIB.items()}


def archive_bytes(package, archive_format, dir_entries):
	"""mkpackage's archives, but LZMA at its fastest preset (xz -0, 7-Zip
	'fastest'): at the default presets the generator would spend an hour on
	the few tar.xz and 7z packages of N = 10,000."""
	mtime = int(package.submitted.timestamp())
	if archive_format == "tar.xz":
		tar = mkpackage.tar_bytes(package.files, mtime, dir_entries)
		return mkpackage.lzma.compress(tar, format=mkpackage.lzma.FORMAT_XZ, preset=0)
	if archive_format == "7z":
		result = subprocess.run(["bsdtar", "--format", "7zip", "--options",
					 "7zip:compression-level=1", "-cf", "-", "@-"],
					input=mkpackage.tar_bytes(package.files, mtime, dir_entries),
					stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
		if result.returncode != 0:
			raise RuntimeError("bsdtar: %s" % result.stderr.decode(errors="replace").strip())
		return result.stdout
	return mkpackage.archive_bytes(package, archive_format, dir_entries)


def draw_options(seed, index):
	"""The options of package index: everything mkpackage does not draw."""
	rng = random.Random("package:%d:%d" % (seed, index))
	level = weighted(rng, LEVEL_WEIGHTS)
	archive_format = weighted(rng, FORMAT_WEIGHTS)
	dir_entries = rng.random() < DIR_ENTRIES_SHARE
	id_type = "passport" if rng.random() < PASSPORT_SHARE else "resident-id"
	defects = [rng.choice(DEFECTS)] if rng.random() < DEFECT_SHARE else []
	member = "M-%d-%06d" % (rng.randint(2005, 2024), index + 1)
	options = mkpackage.Options(
		seed=seed * 1000003 + index, id="A2026-%06d" % (index + 1), kind="initial",
		level=level, member=member, id_type=id_type,
		statement_chars=rng.randint(2100, 3500), evidence_kb=1, defects=defects)
	records = dict(review_fail=rng.random() < REVIEW_FAIL_SHARE,
		       interview_fail=rng.random() < INTERVIEW_FAIL_SHARE,
		       examiner_draw=rng.random(), score_draw=rng.random())
	return options, archive_format, dir_entries, records


def applicant_employers(xml):
	text = xml.decode("utf-8", errors="replace")
	return set(re.findall(r"<employer>([^<]*)</employer>", text)) | \
		set(re.findall(r'employer="([^"]*)"', text))


def project_count(xml):
	return len(re.findall(rb"<project id=", xml))


# --- records ---------------------------------------------------------------

def free_examiners(examiners, employers, draw, count):
	"""count examiners without a conflict, chosen from draw in [0, 1)."""
	free = [examiner for examiner, employer in examiners if employer not in employers]
	start = int(draw * len(free))
	return [free[(start + step) % len(free)] for step in range(count)]


def review_record(application, examiner, level, fail):
	lines = ['<?xml version="1.0" encoding="UTF-8"?>',
		 '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">'
		 % (application, examiner, REVIEW_DATE)]
	for number, dimension in enumerate(mkpackage.DIMENSIONS):
		met = not (fail and dimension in ("knowledge", "leadership"))
		comment = COMMENTS[dimension][number % 2] if met else FAIL_COMMENT
		lines.append('  <dimension code="%s" met="%s">%s</dimension>'
			     % (dimension, "true" if met else "false", escape(comment)))
	lines.append("  <recommendation>%s</recommendation>" % ("fail" if fail else "pass"))
	if level == "apprentice":
		lines.append('  <interview required="false"/>')
	else:
		lines.append('  <interview required="true">')
		lines.append('    <focus dimension="knowledge">%s</focus>' % FOCUS[0])
		lines.append('    <focus dimension="ethics">%s</focus>' % FOCUS[1])
		lines.append("  </interview>")
	lines.append("</reviewRecord>")
	return ("\n".join(lines) + "\n").encode("utf-8")


def interview_scores(level, fail, draw):
	"""The panel's scores: passing ones near 75 of 100, or a failing knowledge."""
	scale = {"professional": (35, 20, 15, 15, 15), "senior": (30, 20, 15, 15, 20)}[level]
	share = 0.70 + 0.2 * draw
	scores = [int(maximum * share) for maximum in scale]
	if fail:
		scores[0] = int(scale[0] * 0.5)
	return dict(zip(mkpackage.DIMENSIONS, scores))


def interview_sheet(application, panel, projects, scores, questions_minutes):
	lines = ['<?xml version="1.0" encoding="UTF-8"?>',
		 '<interviewSheet xmlns="urn:ecap:1" application="%s" date="%s">'
		 % (application, INTERVIEW_DATE), "  <panel>"]
	lines += ['    <examiner id="%s"/>' % examiner for examiner in panel]
	lines += ["  </panel>",
		  '  <segment kind="presentation" minutes="10"/>',
		  '  <segment kind="questions" minutes="%d"/>' % questions_minutes,
		  '  <segment kind="deliberation" minutes="10"/>',
		  "  <projectsPresented>%d</projectsPresented>" % projects]
	lines += ['  <score dimension="%s">%d</score>' % item for item in scores.items()]
	lines.append("</interviewSheet>")
	return ("\n".join(lines) + "\n").encode("utf-8")


def write_file(path, data, stamp):
	with open(path, "wb") as out:
		out.write(data)
	os.utime(path, (stamp, stamp))


def stamp_of(day, index):
	"""A record's modification time: its day, spread over office hours."""
	morning = datetime.datetime.fromisoformat(day + "T09:00:00+08:00")
	return morning.timestamp() + index % 28800


# --- one package -----------------------------------------------------------

CONTEXT = {}


def make_package(index):
	"""Builds and writes package index and its records; returns its
	manifest line and roster line."""
	seed, outdir, examiners = CONTEXT["seed"], CONTEXT["outdir"], CONTEXT["examiners"]
	options, archive_format, dir_entries, draws = draw_options(seed, index)
	package = mkpackage.build(options)
	slug = re.sub(r"[^a-z0-9]+", "-", package.romanized.lower()).strip("-")
	name = "%06d-%s.%s" % (index + 1, slug, archive_format)
	data = archive_bytes(package, archive_format, dir_entries)
	write_file(os.path.join(outdir, "dropbox", name), data, package.submitted.timestamp())

	level, review, interview = options.level, "-", "-"
	if package.expected_outcome == "accepted":
		employers = applicant_employers(package.application_xml)
		fail = draws["review_fail"]
		review = "fail" if fail else "pass"
		pair = free_examiners(examiners, employers, draws["examiner_draw"], 2)
		for number, examiner in enumerate(pair):
			write_file(os.path.join(outdir, "reviews", "%s-%s.xml" % (package.id, examiner)),
				   review_record(package.id, examiner, level, fail),
				   stamp_of(REVIEW_ARRIVAL, index * 2 + number))
		if not fail and level != "apprentice":
			interview = "fail" if draws["interview_fail"] else "pass"
			panel = free_examiners(examiners, employers, draws["examiner_draw"], 3)
			scores = interview_scores(level, draws["interview_fail"], draws["score_draw"])
			sheet = interview_sheet(package.id, panel, project_count(package.application_xml),
						scores, 30 + int(15 * draws["score_draw"]))
			write_file(os.path.join(outdir, "interviews", "%s.xml" % package.id), sheet,
				   stamp_of(INTERVIEW_ARRIVAL, index))
	manifest = "\t".join((name, package.id, level, archive_format, package.expected_outcome,
			      ",".join(package.expected_codes) or "-", review, interview,
			      str(len(data))))
	return manifest, package.member_line


def start_worker(seed, outdir, examiners, evidence_percent):
	CONTEXT.update(seed=seed, outdir=outdir, examiners=examiners)
	install_pool(seed, evidence_percent)


# --- the whole set ---------------------------------------------------------

def policy_examiners(policy):
	return EXAMINER_PATTERN.findall(policy)


def non_applicant_members(seed, count):
	rng = random.Random("members:%d" % seed)
	return [mkpackage.member_element("M-%d-9%05d" % (rng.randint(2005, 2024), number),
					 rng.choice(mkpackage.CHINESE_NAMES)[0])
		for number in range(count)]


def prepare(outdir):
	if os.path.exists(outdir):
		shutil.rmtree(outdir)
	for folder in ("dropbox", "reviews", "interviews"):
		os.makedirs(os.path.join(outdir, folder))
	with open(os.path.join(ROOT, "samples", "policy.xml"), encoding="utf-8") as source:
		policy = source.read()
	if 'settleSeconds="0"' not in policy:
		raise RuntimeError("samples/policy.xml no longer has settleSeconds=\"0\"")
	with open(os.path.join(outdir, "policy.xml"), "w", encoding="utf-8") as out:
		out.write(policy)
	return policy_examiners(policy)


def generate(count, seed, outdir, jobs, evidence_percent=100):
	examiners = prepare(outdir)
	started = time.monotonic()
	with multiprocessing.get_context("fork").Pool(
			jobs, initializer=start_worker, initargs=(seed, outdir, examiners, evidence_percent)) as pool:
		results = pool.map(make_package, range(count), chunksize=16)
	elapsed = time.monotonic() - started
	manifest = [line for line, _ in results]
	roster = [member for _, member in results] + non_applicant_members(seed, count // 10)
	with open(os.path.join(outdir, "members.xml"), "w", encoding="utf-8") as out:
		out.write(mkpackage.members_document(roster))
	with open(os.path.join(outdir, "manifest.tsv"), "w", encoding="utf-8") as out:
		out.write("file\tid\tlevel\tformat\toutcome\tcodes\treview\tinterview\tbytes\n")
		out.write("\n".join(manifest) + "\n")
	total = sum(int(line.rsplit("\t", 1)[1]) for line in manifest)
	reviews = len(os.listdir(os.path.join(outdir, "reviews")))
	interviews = len(os.listdir(os.path.join(outdir, "interviews")))
	summary = ("packages %d\nseed %d\nbytes %d\nreviews %d\ninterviews %d\n"
		   "seconds %.1f\njobs %d\nevidence-percent %d\n" %
		   (count, seed, total, reviews, interviews, elapsed, jobs, evidence_percent))
	with open(os.path.join(outdir, "generated.txt"), "w", encoding="utf-8") as out:
		out.write(summary)
	return summary


def main(argv=None):
	parser = argparse.ArgumentParser(prog="generate.py",
					 description="Makes N benchmark packages and their records.")
	parser.add_argument("count", type=int, metavar="N")
	parser.add_argument("seed", type=int, metavar="SEED")
	parser.add_argument("outdir", metavar="OUTDIR")
	parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
			    help="worker processes (default: one per CPU; the output is the same)")
	parser.add_argument("--evidence-percent", type=int, default=100, metavar="P",
			    help="every evidence file P%% of its usual size (default 100)")
	arguments = parser.parse_args(argv)
	if arguments.count < 1 or arguments.count > 999999 or arguments.jobs < 1:
		parser.error("N must be 1 to 999999 and --jobs at least 1")
	if not 1 <= arguments.evidence_percent <= 100:
		parser.error("--evidence-percent must be 1 to 100")
	try:
		summary = generate(arguments.count, arguments.seed, arguments.outdir, arguments.jobs,
				   arguments.evidence_percent)
	except (ValueError, RuntimeError, OSError) as problem:
		print("generate.py: %s" % problem, file=sys.stderr)
		return 1
	sys.stdout.write(summary)
	return 0


if __name__ == "__main__":
	sys.exit(main())
