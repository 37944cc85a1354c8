#!/bin/sh
# t1500-fuzz-regressions.sh - every input the fuzz harnesses (fuzz/) found a
# crash, leak or hang with, kept in tests/fuzz-regressions/<harness>/, is run
# through bin/ecap the way a user would reach the same code, and ecap must
# not die of a signal (exit status < 128; 124 from timeout(1) is a hang):
#   fuzz-package  as a package in a dropbox (`ecap run`) and through
#                 `ecap validate FILE` (a package read from a file);
#   fuzz-xml      as an application or dossier (`ecap validate FILE`) and as
#                 a record in a dropbox (checked against record.xsd);
#   fuzz-stages   split at the "%%record" lines: `ecap stages --record ...`
#                 (a first line "%%date YYYY-MM-DD" gives --date);
#   fuzz-records  the first byte picks the base dossier, built here with ecap
#                 from the sample packages as fuzz/fuzz-records.c builds it,
#                 and the run date; the rest is the record (`ecap stages
#                 --record`).
# bin/ecap is built without sanitizers, so undefined behaviour or a small
# overrun need not kill it: when the harnesses are built (`make fuzz`, or
# sh fuzz/build.sh) and newer than every source of lib/ and stages/, each
# regression also runs once through its harness under ASan and UBSan, and
# must pass there; otherwise that check is skipped, saying so.
# The seed corpora (fuzz/seeds/) go through the same paths, so the test
# checks the paths themselves even when no regression is kept.
. "$(dirname "$0")/lib.sh"

regressions="$top/tests/fuzz-regressions"
run_date=2026-11-24
limit=${FUZZ_REGRESSION_TIMEOUT:-60}

# survives DESCRIPTION COMMAND...: ok when the command exits below 128
survives() {
	description=$1
	shift
	timeout "$limit" "$@" >"$work/out" 2>"$work/err"
	status=$?
	expect "$description (exit $status)" sh -c \
		'[ "$1" -lt 124 ] || { echo "exit status $1"; tail -5 "$2"; false; }' - \
		"$status" "$work/err"
}

# days_after DAYS: the run date plus DAYS days
days_after() {
	date -u -d "$run_date + $1 days" +%Y-%m-%d
}

# ---- fuzz-package ----

package_case() {
	file=$1
	label=$2
	new_state "$top/samples/policy.xml"
	cp "$file" "$state/dropbox/fuzz-input.zip"
	touch -d "@$(( $(date +%s) - 100 ))" "$state/dropbox/fuzz-input.zip"
	survives "$label: ecap run takes it" "$ecap" run "$state" --date "$run_date"
	survives "$label: ecap status after it" "$ecap" status "$state" --xml
	survives "$label: ecap validate reads it" "$ecap" validate --date "$run_date" "$file"
}

# ---- fuzz-xml ----

xml_case() {
	file=$1
	label=$2
	survives "$label: ecap validate parses it" "$ecap" validate --date "$run_date" "$file"
	new_state "$top/samples/policy.xml"
	cp "$file" "$state/dropbox/fuzz-record.xml"
	touch -d "@$(( $(date +%s) - 100 ))" "$state/dropbox/fuzz-record.xml"
	survives "$label: ecap run takes it as a record" "$ecap" run "$state" --date "$run_date"
}

# ---- fuzz-stages ----

# split_parts FILE: $work/part-0 (the document) and part-1.. (records)
split_parts() {
	rm -f "$work"/part-*
	python3 -c '
import sys
data = open(sys.argv[1], "rb").read().split(b"\n%%record\n", 3)
for i, part in enumerate(data):
	open("%s/part-%d" % (sys.argv[2], i), "wb").write(part)
' "$1" "$work"
}

stages_case() {
	file=$1
	label=$2
	day=$run_date
	if head -c 7 "$file" | grep -q '^%%date '; then
		day=$(head -n 1 "$file" | cut -c 8-17)
		date -u -d "$day" >/dev/null 2>&1 || day=$run_date
		tail -n +2 "$file" >"$work/dated"
		split_parts "$work/dated"
	else
		split_parts "$file"
	fi
	set -- "$ecap" stages --date "$day"
	for part in "$work"/part-1 "$work"/part-2 "$work"/part-3; do
		[ -e "$part" ] && set -- "$@" --record "$part"
	done
	survives "$label: ecap stages runs it" "$@" "$work/part-0"
}

# ---- fuzz-records ----

# pass_record APPLICATION EXAMINER: a review record recommending a pass
pass_record() {
	printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="2026-11-24">' "$1" "$2"
	for dimension in knowledge ethics teamwork learning leadership; do
		printf '<dimension code="%s" met="true">ok</dimension>' "$dimension"
	done
	printf '<recommendation>pass</recommendation></reviewRecord>\n'
}

# stage_step OUT IN [RECORD...]: OUT is IN after `ecap stages` with the records
stage_step() {
	out=$1
	in=$2
	shift 2
	set -- "$ecap" stages --date "$run_date" "$@"
	"$@" "$in" >"$out"
}

# Builds $work/base-0..5 as fuzz-records.c does, with the default policy.
build_bases() {
	bases="$work/bases"
	mkdir -p "$bases"
	pass_record A2026-000101 EX-017 >"$bases/zhang-17.xml"
	pass_record A2026-000101 EX-034 >"$bases/zhang-34.xml"
	pass_record A2026-000106 EX-017 >"$bases/ma-17.xml"
	pass_record A2026-000106 EX-034 >"$bases/ma-34.xml"
	pass_record A2026-000102 EX-017 >"$bases/li-17.xml"
	pass_record A2026-000102 EX-034 >"$bases/li-34.xml"
	printf '<objection xmlns="urn:ecap:1" application="A2026-000102" date="2026-11-25" reference="CSEE-OBJ-2026-001">项目P1的负责人另有其人。</objection>\n' \
		>"$bases/li-objection.xml"
	dropbox="$top/samples/dropbox"
	"$ecap" validate --date "$run_date" "$dropbox/2026-11-02-zhang-wei.zip" >"$work/base-0"
	stage_step "$work/base-1" "$work/base-0" --record "$bases/zhang-17.xml"
	stage_step "$work/base-2" "$work/base-1" --record "$bases/zhang-34.xml"
	"$ecap" validate --date "$run_date" "$dropbox/2026-11-09-ma-jun.tar" >"$bases/ma.xml"
	stage_step "$work/base-3" "$bases/ma.xml" --record "$bases/ma-17.xml" \
		--record "$bases/ma-34.xml"
	"$ecap" validate --date "$run_date" "$dropbox/2026-11-03-li-na.tar.gz" >"$bases/li.xml"
	stage_step "$work/base-4" "$bases/li.xml" --record "$bases/li-17.xml" \
		--record "$bases/li-34.xml"
	stage_step "$work/base-5" "$work/base-4" --record "$bases/li-objection.xml"
}

base_state() {
	xmllint --xpath 'string(/*/@state)' "$1" 2>/dev/null
}

records_case() {
	file=$1
	label=$2
	selector=$(od -An -tu1 -N1 "$file" | tr -d ' ')
	[ -n "$selector" ] || return 0
	base=$(( (selector & 15) % 6 ))
	day=$(days_after $(( ((selector >> 4) & 3) * 10 )))
	tail -c +2 "$file" >"$work/record"
	survives "$label: ecap stages --record on base $base, $day" \
		"$ecap" stages --date "$day" --record "$work/record" "$work/base-$base"
}

build_bases
expect_equal "the base dossiers are in the states fuzz-records.c builds" \
	"$(for i in 0 1 2 3 4 5; do base_state "$work/base-$i"; done | tr '\n' ' ')" \
	"in-review in-review awaiting-interview awaiting-confirmation publicity on-hold "

# harness_current HARNESS: built, and newer than the code it runs
harness_current() {
	[ -x "$top/build/fuzz/$1" ] &&
		[ -z "$(find "$top/lib" "$top/stages" -name '*.[ch]' -newer "$top/build/fuzz/$1" | head -1)" ]
}

# every kept regression, then a sample of each seed corpus
for harness in fuzz-package fuzz-xml fuzz-stages fuzz-records; do
	kind=${harness#fuzz-}
	found=0
	for regression in "$regressions/$harness"/*; do
		[ -f "$regression" ] || continue
		case "$regression" in *.txt | *.md) continue ;; esac
		name=$(basename "$regression")
		found=$((found + 1))
		"${kind}_case" "$regression" "$harness regression $name"
		if harness_current "$harness"; then
			expect "$harness regression $name: clean under ASan and UBSan" \
				"$top/build/fuzz/$harness" -rss_limit_mb=2048 -timeout=10 "$regression"
		else
			echo "# skipped the sanitizer check of $name: build/fuzz/$harness is missing or older than the sources (sh fuzz/build.sh)"
		fi
	done
	echo "# $harness: $found kept regression(s)"
	for seed in $(ls "$top/fuzz/seeds/$harness" 2>/dev/null | sort | sed -n '1~8p'); do
		"${kind}_case" "$top/fuzz/seeds/$harness/$seed" "$harness seed $seed"
	done
done

done_testing
