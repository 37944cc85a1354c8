#!/bin/sh
# --jobs: the same dropbox taken with --jobs 1 and with --jobs 2 and 4 ends
# in the same state — the same applications and states, the same dossiers,
# letters (PDF included) and quarantine — although the packages are
# prepared by several threads (pipeline/batch/packages.c files them in arrival
# order). The dropbox holds every sample, one of them twice (the later copy
# is a duplicate-package) and a file that is no archive, so that which input
# comes first matters.
#
# Then the lifecycle goes on in each state (review records, interview
# sheets, the certification run after publicity, a suspension; the records,
# like the packages, prepared on --jobs threads and filed in arrival order,
# records.c, among them records refused or quarantined for every reason a
# record's bytes can give), so that
# letters of every kind (returned, rejected, supplement, interview,
# certified, expired, status), their e-mails and certificates are made, their
# PDFs typeset on the worker threads (render_queue.c): the whole out/ and the
# content lists of the audit archives, the quarantine and the records' index
# entries are byte-identical for --jobs 1, 2 and 4, but for the run's id in
# names and texts and the run report's times.
# (With --jobs 2 and 4 a run also stops its typesetting threads once its
# last PDF is queued, render_queue_retire, before the public notices and
# the register: what follows is the same.)
# Every run files its inputs in groups of three (ECAP_GROUP_INPUTS), so that
# with --jobs 2 and 4 nearly every group commits on a thread of its own
# while the next is filed (transaction_commit_behind), the next reading what
# the one behind changes, and with --jobs 1 on the run's own: the states are
# the same all the same, and so is the order of the audit archives, into
# which each group's letters, e-mails and certificates go, once the next
# group has committed, a part before each of the inputs after (two parts a
# group of three: audit_continue_committed), the rest at a phase's end.
# And a PDF that cannot be made (no fonts) fails a run with --jobs 2, where
# it is typeset on a worker, as it does with one: exit 74, nothing committed.
. "$(dirname "$0")/lib.sh"

# the inputs of a transaction in every run
group_inputs=3

# fill STATE: the dropbox of STATE, each input with a fixed modification time
fill() {
	minute=0
	for package in "$top"/samples/dropbox/*; do
		minute=$((minute + 1))
		cp "$package" "$1/dropbox/"
		touch -d "2026-11-20 08:$(printf %02d $minute):00" "$1/dropbox/$(basename "$package")"
	done
	cp "$(ls "$top"/samples/dropbox/* | head -1)" "$1/dropbox/zz-again.zip"
	touch -d "2026-11-20 09:00:00" "$1/dropbox/zz-again.zip"
	cp "$work/noise.zip" "$1/dropbox/noise.zip"
	touch -d "2026-11-20 08:30:30" "$1/dropbox/noise.zip"
}

head -c 3000 /dev/urandom >"$work/noise.zip"
for jobs in 1 2 4; do
	"$ecap" init "$work/jobs-$jobs" --policy "$top/samples/policy.xml" >/dev/null
	fill "$work/jobs-$jobs"
	ECAP_GROUP_INPUTS=$group_inputs "$ecap" run "$work/jobs-$jobs" --date 2026-11-24 --quiet --jobs $jobs \
		>"$work/run-$jobs.out" 2>&1
	expect_equal "--jobs $jobs: the run exits 0" "$?" 0
	expect_equal "--jobs $jobs: the dropbox is empty" \
		"$(ls "$work/jobs-$jobs/dropbox" | wc -l | tr -d ' ')" 0
	# the run's id (time and process) and the time the status was made
	# differ between any two runs; nothing else may
	"$ecap" status "$work/jobs-$jobs" --xml |
		sed -e 's/[0-9]\{8\}T[0-9]\{6\}Z-[0-9]*/RUN/g' -e 's/generated="[^"]*"//' \
		>"$work/status-$jobs.xml"
	(cd "$work/jobs-$jobs/quarantine" && for file in *; do
		echo "${file#*Z-*-}"
		sed 's/[0-9]\{8\}T[0-9]\{6\}Z-[0-9]*/RUN/g' "$file" | sha256sum
	done) >"$work/quarantine-$jobs.txt"
done
expect "the status names returned, rejected and in-review applications" \
	sh -c "grep -q 'state=\"returned\"' '$work/status-1.xml' &&
	       grep -q 'state=\"rejected\"' '$work/status-1.xml' &&
	       grep -q 'state=\"in-review\"' '$work/status-1.xml'"
expect "the later copy is quarantined as a duplicate" \
	grep -q 'zz-again.zip.*duplicate-package\|duplicate-package.*zz-again.zip' "$work/status-1.xml"
for jobs in 2 4; do
	expect "--jobs $jobs: the status is the same as with --jobs 1" \
		diff "$work/status-1.xml" "$work/status-$jobs.xml"
	expect "--jobs $jobs: the same dossiers" \
		diff -r "$work/jobs-1/store/dossiers" "$work/jobs-$jobs/store/dossiers"
	expect "--jobs $jobs: the same letters, PDFs included" \
		diff -r "$work/jobs-1/out/notices" "$work/jobs-$jobs/out/notices"
	expect "--jobs $jobs: the same quarantine, the same reasons" \
		diff "$work/quarantine-1.txt" "$work/quarantine-$jobs.txt"
done

# ---- the lifecycle, in each state: the PDFs on the workers ----

# in STATE at minute MINUTE of 2026-11-20, the record NAME: ELEMENT for
# APPLICATION dated DATE, with BODY
put_record() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<%s xmlns="urn:ecap:1" %s>\n%s</%s>\n' \
		"$3" "$4" "$5" "$3" >"$1/dropbox/$2"
	touch -d "2026-11-20 10:$(printf %02d $((${record_minute:-0} % 60))):00" "$1/dropbox/$2"
	record_minute=$((${record_minute:-0} + 1))
}

dimensions() {
	for dimension in knowledge ethics teamwork learning leadership; do
		if [ "$dimension" = "${1:-}" ]; then
			printf '  <dimension code="%s" met="false">材料不足。</dimension>\n' "$dimension"
		else
			printf '  <dimension code="%s" met="true">材料充分。</dimension>\n' "$dimension"
		fi
	done
}

reviews() {	# STATE ID: two records recommending a pass
	for examiner in EX-008 EX-011; do
		put_record "$1" "$2-$examiner.xml" reviewRecord \
			"application=\"$2\" examiner=\"$examiner\" date=\"2026-11-25\"" \
			"$(dimensions)
  <recommendation>pass</recommendation>
"
	done
}

interview() {	# STATE ID: a sheet that passes
	put_record "$1" "$2-interview.xml" interviewSheet \
		"application=\"$2\" date=\"2026-11-26\"" \
		'  <panel><examiner id="EX-017"/><examiner id="EX-021"/><examiner id="EX-030"/></panel>
  <segment kind="presentation" minutes="10"/>
  <segment kind="questions" minutes="35"/>
  <segment kind="deliberation" minutes="10"/>
  <projectsPresented>2</projectsPresented>
  <score dimension="knowledge">27</score>
  <score dimension="ethics">15</score>
  <score dimension="teamwork">12</score>
  <score dimension="learning">12</score>
  <score dimension="leadership">12</score>
'
}

# records that are refused or quarantined, among the good ones: prepared on
# the workers too (records.c), each must come out as on one thread and in
# its place: one not well-formed, one with a DOCTYPE, one over maxXmlBytes,
# six not valid against record.xsd, a copy of a record taken in the same
# run, one for no application and a status action for no registration --
# with the good ones more than a window of --jobs 2 (16)
hostile_records() {	# STATE ID
	printf '<?xml version="1.0"?>\n<reviewRecord xmlns="urn:ecap:1" application="%s">\n' \
		"$2" >"$1/dropbox/bad-xml.xml"
	printf '<?xml version="1.0"?>\n<!DOCTYPE reviewRecord [<!ENTITY a "a">]>\n<reviewRecord/>\n' \
		>"$1/dropbox/doctype.xml"
	{ printf '<?xml version="1.0"?>\n<!--'; head -c 4194304 /dev/zero | tr '\0' x
	  printf -- '-->\n<reviewRecord/>\n'; } >"$1/dropbox/oversize.xml"
	for file in bad-xml doctype oversize; do
		touch -d "2026-11-20 10:$(printf %02d $record_minute):00" "$1/dropbox/$file.xml"
		record_minute=$((record_minute + 1))
	done
	for examiner in EX-101 EX-102 EX-103 EX-104 EX-105 EX-106; do
		put_record "$1" "invalid-$examiner.xml" reviewRecord \
			"application=\"$2\" examiner=\"$examiner\" date=\"2026-11-25\"" \
			"$(dimensions)
  <recommendation>maybe</recommendation>
"
	done
	put_record "$1" "again-$2-EX-008.xml" reviewRecord \
		"application=\"$2\" examiner=\"EX-008\" date=\"2026-11-25\"" \
		"$(dimensions)
  <recommendation>pass</recommendation>
"
	put_record "$1" unknown.xml reviewRecord \
		'application="A2026-999999" examiner="EX-008" date="2026-11-25"' \
		"$(dimensions)
  <recommendation>pass</recommendation>
"
	put_record "$1" no-registration.xml statusAction \
		'registration="CSEE-999999" action="suspend" date="2026-11-25" reference="CSEE-DISC-2026-009"' \
		'经学会核查决定。'
}

# the quarantine and the records' index entries of STATE, run ids made RUN
quarantine_and_index() {
	run='[0-9]\{8\}T[0-9]\{6\}Z-[0-9]*'
	(cd "$1" && for file in quarantine/* store/records/*; do
		echo "$file" | sed "s/$run/RUN/g"
		sed "s/$run/RUN/g" "$file" | sha256sum
	done)
}

# out/ and the audit archives' content lists of STATE, the run ids (which
# hold the time and process), the state's path and the report's times made
# RUN, STATE and TIME; out/'s list sorted once its run ids are RUN (two runs
# in the same second sort by their process ids)
normalized() {
	run='[0-9]\{8\}T[0-9]\{6\}Z-[0-9]*'
	here=$1
	(cd "$1" && find out -type f | LC_ALL=C sort | while read -r file; do
		printf '%s ' "$(echo "$file" | sed "s/$run/RUN/g")"
		case "$file" in
		out/reports/*.xml | out/reports/*.html | out/reports/*.log)
			# a report says when and how long its run took
			LC_ALL=C sed -e "s/$run/RUN/g" -e "s|$here|STATE|g" \
				-e 's/[0-9]\{4\}-[0-9-]*T[0-9:.]*Z\{0,1\}/TIME/g' \
				-e 's/[0-9]\{2\}:[0-9]\{2\}:[0-9]\{2\}/TIME/g' \
				-e 's/seconds="[^"]*"/seconds=""/g' -e 's/[0-9.]* 秒/N 秒/g' "$file" ;;
		*)
			LC_ALL=C sed "s/$run/RUN/g" "$file" ;;
		esac | sha256sum | cut -c1-64
	done | LC_ALL=C sort
	for archive in audit/*.tar.gz; do
		echo "$archive" | sed "s/$run/RUN/g"
		tar -tzf "$archive" | sed "s/$run/RUN/g"
	done)
}

for jobs in 1 2 4; do
	state="$work/jobs-$jobs"
	record_minute=0
	ids=$(xmllint --xpath "//*[local-name()='application'][@state='in-review']/@id" \
		"$work/status-1.xml" | sed 's/ id="\([^"]*\)"/\1 /g')
	set -- $ids		# six in review: 101 professional ... 106 senior
	reviews "$state" $1
	reviews "$state" $2
	hostile_records "$state" $1
	reviews "$state" $3
	reviews "$state" $4
	for examiner in EX-017 EX-021; do
		put_record "$state" "$5-$examiner.xml" reviewRecord \
			"application=\"$5\" examiner=\"$examiner\" date=\"2026-11-25\"" \
			"$(dimensions leadership)
  <recommendation>supplement</recommendation>
  <supplement>请补充项目验收报告</supplement>
"
	done
	ECAP_GROUP_INPUTS=$group_inputs "$ecap" run "$state" --date 2026-11-25 --quiet --jobs $jobs >>"$work/run-$jobs.out" 2>&1
	expect_equal "--jobs $jobs: the reviews' run exits 0" "$?" 0
	expect_equal "--jobs $jobs: the reviews' run took every record" \
		"$(ls "$state/dropbox" | wc -l | tr -d ' ')" 0
	interview "$state" $1
	interview "$state" $4
	ECAP_GROUP_INPUTS=$group_inputs "$ecap" run "$state" --date 2026-11-26 --quiet --jobs $jobs >>"$work/run-$jobs.out" 2>&1
	expect_equal "--jobs $jobs: the interviews' run exits 0" "$?" 0
	ECAP_GROUP_INPUTS=$group_inputs "$ecap" run "$state" --date 2026-12-07 --quiet --jobs $jobs >>"$work/run-$jobs.out" 2>&1
	expect_equal "--jobs $jobs: the certification run exits 0" "$?" 0
	put_record "$state" suspend.xml statusAction \
		'registration="CSEE-000001" action="suspend" date="2026-12-09" reference="CSEE-DISC-2026-001"' \
		'经学会核查决定。'
	# the returned ones expire too (their deadline was 2026-12-08)
	ECAP_GROUP_INPUTS=$group_inputs "$ecap" run "$state" --date 2026-12-09 --quiet --jobs $jobs >>"$work/run-$jobs.out" 2>&1
	expect_equal "--jobs $jobs: the suspension's run exits 0" "$?" 0
	normalized "$state" >"$work/out-$jobs.txt"
	quarantine_and_index "$state" >"$work/kept-$jobs.txt"
done
# what became of each record, in the reviews' run's log, with one thread
reviews_log=$(grep -l 'dated 2026-11-25' "$work"/jobs-1/out/reports/*.log)
outcomes=$(sed -n -e 's/^record dropbox\/\([^:]*\): \(.*\)/\1 \2/p' \
	-e 's/^quarantined dropbox\/\([^:]*\): \([a-z-]*\):.*/\1 quarantined \2/p' \
	"$reviews_log" | grep -v ' applied$' | tr '\n' ';')
expect_equal "the refused and quarantined records, in arrival order" "$outcomes" \
"bad-xml.xml quarantined xml-malformed;doctype.xml quarantined xml-malformed;\
oversize.xml quarantined xml-malformed;invalid-EX-101.xml refused record-invalid;\
invalid-EX-102.xml refused record-invalid;invalid-EX-103.xml refused record-invalid;\
invalid-EX-104.xml refused record-invalid;invalid-EX-105.xml refused record-invalid;\
invalid-EX-106.xml refused record-invalid;again-$1-EX-008.xml refused record-duplicate;\
unknown.xml refused record-unknown-application;no-registration.xml refused record-unknown-application;"
letter_kinds=$(sed -n 's|^out/notices/[^/]*/[0-9]*-\([a-z]*\)\.pdf .*|\1|p' "$work/out-1.txt" |
	LC_ALL=C sort -u | tr '\n' ' ')
expect_equal "letters of every kind, as PDFs" "$letter_kinds" \
	"acknowledgment certified expired interview rejected returned status supplement "
expect_equal "three certificates, as PDFs" \
	"$(grep -c '^out/certificates/.*\.pdf ' "$work/out-1.txt")" 3
expect "the letters' e-mails, the certified ones with the certificate" \
	sh -c "grep -q '^out/mail/.*-certified.eml ' '$work/out-1.txt' &&
	       grep -q '^out/mail/CSEE-000001/.*-status.eml ' '$work/out-1.txt'"
for jobs in 2 4; do
	expect "--jobs $jobs: out/ and the audit archives' lists byte-identical to --jobs 1" \
		diff "$work/out-1.txt" "$work/out-$jobs.txt"
	expect "--jobs $jobs: the same quarantine and records' index entries as --jobs 1" \
		diff "$work/kept-1.txt" "$work/kept-$jobs.txt"
done

# ---- a PDF that cannot be made on a worker fails the run as on one thread ----

# no fonts at all (an empty fontconfig): the first letter's PDF fails
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$work/no-fonts.conf"
for jobs in 1 2; do
	state="$work/nofont-$jobs"
	"$ecap" init "$state" --policy "$top/samples/policy.xml" >/dev/null
	fill "$state"
	FONTCONFIG_FILE="$work/no-fonts.conf" "$ecap" run "$state" --date 2026-11-24 --quiet \
		--jobs $jobs >"$work/nofont-$jobs.out" 2>&1
	expect_equal "no fonts, --jobs $jobs: the run fails, exit 74" "$?" 74
	expect "no fonts, --jobs $jobs: it says which font is missing" \
		grep -q "font 'WenQuanYi Micro Hei' is not installed" "$work/nofont-$jobs.out"
	expect_equal "no fonts, --jobs $jobs: nothing taken, committed or archived" \
		"$(ls "$state/dropbox" | wc -l) $(find "$state/store/dossiers" "$state/store/transactions" "$state/audit" -mindepth 1 | wc -l)" \
		"16 0"
	ECAP_GROUP_INPUTS=$group_inputs "$ecap" run "$state" --date 2026-11-24 --quiet --jobs $jobs >>"$work/nofont-$jobs.out" 2>&1
	expect_equal "no fonts, --jobs $jobs: the next run, with the fonts, completes" "$?" 0
done
expect "the same state after the failed run and the next, --jobs 1 and 2" \
	diff -r "$work/nofont-1/out/notices" "$work/nofont-2/out/notices"

done_testing
