#!/usr/bin/env python3
"""make-corpus.py - the inputs of the crash-safety tests (tests/crash/).

Usage: make-corpus.py TOP OUT [PACKAGES]

Builds, in one process and from a fixed seed, a corpus of about PACKAGES
(default 300) application packages for the first run (phase 1) and the
examiners' records and late packages for a second run (phase 2), into OUT:

  OUT/policy.xml, OUT/members.xml  the sample policy with quorum 1, no level
                                   interviewed, publicity of 0 days; the
                                   sample roster plus every applicant
  OUT/phase1/, OUT/phase2/         the inputs of each phase
  OUT/order1, OUT/order2           "EPOCH NAME" per input: its modification
                                   time (already set), which fixes the
                                   arrival order (copy with cp -p)
  OUT/expected                     what the corpus holds, for the report

The mix (phase 1): clean packages of the three levels (most of them
apprentices), R2 defects (returned), R1 defects (rejected), packages without
an application or with a DOCTYPE (quarantined), files that are no archive,
byte-identical copies of earlier packages under other names, corrections of
returned packages arriving in the same run, second packages for accepted
applications (duplicate-application), in zip, tar, tar.gz, tar.bz2, tar.xz
and 7z, some with directory entries. Phase 2: a review record per accepted
application (pass, so that it is certified and registered; some fail, some
supplement), records for applications in no state to take them or unknown,
a byte-identical record, a malformed record, and corrections of returned
packages within their deadline.
"""
import os
import random
import re
import shutil
import sys

FORMATS = ("zip", "tar", "tar.gz", "tar.bz2", "tar.xz", "7z")
RETURN_DEFECTS = ("statement-short", "statement-long", "statement-english", "missing-id-back",
		  "missing-education", "evidence-missing", "evidence-checksum", "classified",
		  "commitment-unsigned", "commitment-undated", "identity-check", "schema",
		  "malformed")
REJECT_DEFECTS = ("not-member", "member-name", "field", "experience-short",
		  "experience-undergraduate")
QUARANTINE_DEFECTS = ("no-application", "doctype")
EMPLOYER = "华北电力设计院有限公司"	# no examiner of the sample roster works there
EXAMINERS = ("EX-008", "EX-011", "EX-017", "EX-021", "EX-025", "EX-030", "EX-034")
BASE_EPOCH = 1790000000		# 2026-09-21: arrival times, all in the past
RECORD_DATE = "2026-11-25"


class Corpus:
	def __init__(self, top, out, count):
		sys.path.insert(0, os.path.join(top, "tools"))
		import mkpackage
		self.mkpackage = mkpackage
		self.top, self.out, self.count = top, out, count
		self.rng = random.Random(1400)
		self.roster = []
		self.orders = {1: [], 2: []}
		self.counts = {}
		self.accepted = []		# (id, level) accepted in phase 1
		self.returned = []		# (id, options) returned in phase 1
		self.serial = 0

	def note(self, what):
		self.counts[what] = self.counts.get(what, 0) + 1

	def arrive(self, phase, name, data):
		directory = os.path.join(self.out, "phase%d" % phase)
		path = os.path.join(directory, name)
		with open(path, "wb") as f:
			f.write(data)
		# the arrival order: distinct modification times, all in the past
		stamp = BASE_EPOCH + phase * 100000 + len(self.orders[phase])
		os.utime(path, (stamp, stamp))
		self.orders[phase].append(name)

	def package(self, arguments):
		mk = self.mkpackage
		package = mk.build(mk.options_from_arguments(mk.parse_arguments(arguments)))
		if package.member_line:
			self.roster.append(package.member_line)
		return package

	def archive(self, package, archive_format, dir_entries=False):
		return self.mkpackage.archive_bytes(package, archive_format, dir_entries)

	def name(self, phase, what, archive_format):
		self.serial += 1
		return "p%d-%04d-%s.%s" % (phase, self.serial, what, archive_format)

	def arguments(self, number, level, seed, day):
		return ["--id", "A2026-%06d" % (140000 + number), "--seed", str(seed),
			"--level", level, "--employer", EMPLOYER, "--degree", "bachelor",
			"--years", "14" if level == "senior" else "7",
			"--submitted", "2026-11-%02dT%02d:%02d:00+08:00" % (day, 8 + number % 10,
									    number % 60)]

	def phase1(self):
		earlier = []		# archives already dropped, to copy byte for byte
		for number in range(1, self.count + 1):
			roll = self.rng.random()
			level = self.rng.choice(("apprentice",) * 5 + ("professional", "senior"))
			archive_format = FORMATS[number % len(FORMATS)]
			dir_entries = number % 7 == 0
			arguments = self.arguments(number, level, 14000 + number, 2 + number % 18)
			if roll < 0.04:
				self.arrive(1, self.name(1, "junk", "zip"),
					    bytes(self.rng.randrange(256) for _ in range(700)))
				self.note("not an archive")
				continue
			if roll < 0.09 and earlier:
				self.arrive(1, self.name(1, "copy", archive_format),
					    self.rng.choice(earlier))
				self.note("byte-identical copy")
				continue
			if roll < 0.30:
				defect = self.rng.choice(RETURN_DEFECTS)
				what = "returned"
			elif roll < 0.42:
				defect = self.rng.choice(REJECT_DEFECTS)
				what = "rejected"
			elif roll < 0.46:
				defect = self.rng.choice(QUARANTINE_DEFECTS)
				what = "quarantined"
			else:
				defect, what = None, "accepted"
			if defect:
				arguments += ["--defect", defect]
			data = self.archive(self.package(arguments), archive_format, dir_entries)
			self.arrive(1, self.name(1, what, archive_format), data)
			earlier.append(data)
			self.note(what)
			if what == "accepted":
				self.accepted.append(("A2026-%06d" % (140000 + number), level))
				if self.rng.random() < 0.06:
					again = self.arguments(number, level, 24000 + number, 20)
					self.arrive(1, self.name(1, "second", "zip"),
						    self.archive(self.package(again), "zip"))
					self.note("second package of an accepted application")
			elif what == "returned":
				if self.rng.random() < 0.15:
					fixed = self.arguments(number, level, 14000 + number, 21)
					self.arrive(1, self.name(1, "corrected", "tar.gz"),
						    self.archive(self.package(fixed), "tar.gz"))
					self.accepted.append(("A2026-%06d" % (140000 + number), level))
					self.note("corrected in the same run")
				else:
					self.returned.append((number, level))

	def review_record(self, application, examiner, recommendation):
		lines = ['<?xml version="1.0" encoding="UTF-8"?>',
			 '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">'
			 % (application, examiner, RECORD_DATE)]
		for dimension in ("knowledge", "ethics", "teamwork", "learning", "leadership"):
			met = "false" if recommendation == "fail" and dimension == "ethics" else "true"
			lines.append('  <dimension code="%s" met="%s">%s：材料%s。</dimension>'
				     % (dimension, met, dimension,
					"不足" if met == "false" else "充分，能够证明达到要求"))
		lines.append("  <recommendation>%s</recommendation>" % recommendation)
		if recommendation == "supplement":
			lines.append("  <supplement>请补充%s的项目竣工验收报告。</supplement>" % application)
		lines.append('  <interview required="false"/>')
		lines.append("</reviewRecord>")
		return ("\n".join(lines) + "\n").encode("utf-8")

	def phase2(self):
		records = []
		for application, level in self.accepted:
			roll = self.rng.random()
			recommendation = "pass" if roll < 0.8 else "fail" if roll < 0.9 else "supplement"
			if level != "apprentice" and recommendation == "pass" and self.rng.random() < 0.5:
				continue	# some stay in review
			data = self.review_record(application, self.rng.choice(EXAMINERS), recommendation)
			records.append(data)
			self.serial += 1
			self.arrive(2, "p2-%04d-review-%s.xml" % (self.serial, recommendation), data)
			self.note("record: %s" % recommendation)
		for number, level in self.returned[:12]:
			data = self.review_record("A2026-%06d" % (140000 + number), "EX-017", "pass")
			self.serial += 1
			self.arrive(2, "p2-%04d-review-wrong-state.xml" % self.serial, data)
			self.note("record: wrong state")
		for number in (990001, 990002):
			self.serial += 1
			self.arrive(2, "p2-%04d-review-unknown.xml" % self.serial,
				    self.review_record("A2026-%06d" % number, "EX-021", "pass"))
			self.note("record: unknown application")
		for data in records[:3]:
			self.serial += 1
			self.arrive(2, "p2-%04d-review-copy.xml" % self.serial, data)
			self.note("record: byte-identical copy")
		self.serial += 1
		self.arrive(2, "p2-%04d-review-malformed.xml" % self.serial,
			    b'<?xml version="1.0"?>\n<reviewRecord xmlns="urn:ecap:1"><oops>\n')
		self.note("record: malformed")
		for number, level in self.returned[12:30]:
			fixed = self.arguments(number, level, 14000 + number, 23)
			archive_format = FORMATS[number % len(FORMATS)]
			self.arrive(2, self.name(2, "corrected", archive_format),
				    self.archive(self.package(fixed), archive_format))
			self.note("phase 2 correction")

	def write_policy(self):
		with open(os.path.join(self.top, "samples", "policy.xml"), encoding="utf-8") as f:
			policy = f.read()
		for pattern, replacement in (
				(r'<review quorum="\d+"/>', '<review quorum="1"/>'),
				(r'<interview levels="[^"]*"', '<interview levels=""'),
				(r'<publicity workingDays="\d+"/>', '<publicity workingDays="0"/>'),
				(r'settleSeconds="\d+"', 'settleSeconds="0"')):
			policy, count = re.subn(pattern, replacement, policy)
			if count != 1:
				sys.exit("samples/policy.xml: %r matches %d times" % (pattern, count))
		with open(os.path.join(self.out, "policy.xml"), "w", encoding="utf-8") as f:
			f.write(policy)
		with open(os.path.join(self.top, "samples", "members.xml"), encoding="utf-8") as f:
			roster = f.read()
		lines, numbers = [], set()
		for line in self.roster:
			number = re.search(r'number="[^"]*"', line).group(0)
			if number not in roster and number not in numbers:
				lines.append(line)
				numbers.add(number)
		roster = roster.replace("</members>", "".join(line + "\n" for line in lines) + "</members>")
		with open(os.path.join(self.out, "members.xml"), "w", encoding="utf-8") as f:
			f.write(roster)

	def write_orders(self):
		for phase, names in self.orders.items():
			with open(os.path.join(self.out, "order%d" % phase), "w") as f:
				for at, name in enumerate(names):
					f.write("%d %s\n" % (BASE_EPOCH + phase * 100000 + at, name))
		with open(os.path.join(self.out, "expected"), "w") as f:
			for what in sorted(self.counts):
				f.write("%5d %s\n" % (self.counts[what], what))

	def build(self):
		for phase in (1, 2):
			os.makedirs(os.path.join(self.out, "phase%d" % phase))
		self.phase1()
		self.phase2()
		self.write_policy()
		self.write_orders()


def main():
	if len(sys.argv) not in (3, 4):
		sys.exit("usage: make-corpus.py TOP OUT [PACKAGES]")
	top, out = sys.argv[1], sys.argv[2].rstrip("/")
	temporary = "%s.tmp-%d" % (out, os.getpid())
	Corpus(top, temporary, int(sys.argv[3]) if len(sys.argv) == 4 else 300).build()
	try:
		os.rename(temporary, out)	# all of it or nothing, even if two tests build it at once
	except OSError:
		shutil.rmtree(temporary)
		if not os.path.isdir(out):
			raise


if __name__ == "__main__":
	main()
