#!/bin/sh
# t1520-hostile-records.sh - hostile records aimed at real applications, and
# dropbox entries that are not regular files. Run 1 takes two good packages
# (in review). Run 2 takes the corpus's records (tests/hostile/make-corpus.py
# --parts records,specials) naming the first of them: DOCTYPEs, external
# entities, XInclude, deep nesting, bad encodings, 20 MB, wrong namespace;
# each must reach its manifest outcome, and only the two valid ones apply.
# Then each dropbox entry that is not a regular file (symbolic links to a
# decoy file outside the state, to a directory, a dangling one, a fifo) is
# dropped alone into a fresh state: it is quarantined (the fifo left in place
# and named by status, input-not-file), the run exits 0 and
# finishes (a fifo must never be opened: every run has a time limit) with an
# audit archive, the next run works, and the decoy keeps its mode and bytes.
#
# Debian packages: python3, libarchive-tools (bsdtar), coreutils (timeout),
# libxml2-utils (xmllint).
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
corpus="$work/corpus"
limit=20			# seconds a run may take before it counts as hung
# under valgrind (make check-valgrind: ECAP is its wrapper, ECAP_REAL the
# binary) a run takes some fifty times as long
[ -n "${ECAP_REAL:-}" ] && limit=600
target=A2026-159001		# the first good package of the corpus

# run_limited ARGS...: ecap with a time limit; the exit status, 124 if hung
run_limited() {
	timeout -k 5 "$limit" "$ecap" "$@" >"$work/ecap.out" 2>"$work/ecap.err"
}

expect "the corpus is generated" python3 "$top/tests/hostile/make-corpus.py" "$corpus" \
	--parts records,specials --good 2 --record-target "$target"
decoy="$corpus/decoy"
decoy_mode=$(stat -c %a "$decoy")
decoy_sum=$(sha256sum <"$decoy")
decoy_text=$(cat "$decoy")
corpus_mode=$(stat -c %a "$corpus")	# a link points at this directory

new_state "$corpus/policy.xml"
cp -a "$corpus/inputs"/good-* "$state/dropbox/"
run_limited run "$state" --date 2026-11-24
expect_equal "run 1 (two good packages) exits 0" "$?" 0
expect_equal "the target $target is in review" "$(state_of "$target")" in-review

# run 2: the records
cp -a "$corpus/inputs"/rec-* "$state/dropbox/"
run_limited run "$state" --date 2026-11-25
expect_equal "run 2 (hostile records) exits 0" "$?" 0
sed 's/^/#   /' "$work/ecap.err" | grep -v '[0-9] of [0-9]' | tail -3

refresh_status
grep -v '^#' "$corpus/manifest.tsv" | awk -F "$tab" '$5 != "good"' >"$work/expected.tsv"
python3 -c '
import sys
import xml.etree.ElementTree as ET
namespace = {"e": "urn:ecap:1"}
status = ET.parse(sys.argv[1]).getroot()
quarantined = {q.get("input"): q.get("code") for q in status.findall("e:quarantined", namespace)}
records = {r.get("input"): (r.get("state"), r.get("code") or "") for r in status.findall("e:record", namespace)}
for line in open(sys.argv[2], encoding="utf-8"):
	name, application, outcome, code, kind, description = line.rstrip("\n").split("\t")
	want = outcome if code == "-" else outcome + " " + code
	key = "dropbox/" + name
	if key in quarantined:
		got = "quarantined " + quarantined[key]
	elif key in records:
		got = ("record-%s %s" % records[key]).strip()
	else:
		got = "nowhere in the status"
	print("\t".join((name, "%s (%s)" % (description, kind), want, got)))
' "$work/status.xml" "$work/expected.tsv" >"$work/outcomes.tsv"
while IFS="$tab" read -r name description want got; do
	expect_equal "$name: $description -> $want" "$got" "$want"
done <"$work/outcomes.tsv"

expect_equal "the dropbox is empty" "$(ls -A "$state/dropbox" | wc -l | tr -d ' ')" 0
expect "the decoy's text is nowhere in the state" \
	sh -c "grep -rlF -e '$decoy_text' '$state'; test \$? -eq 1"
expect "the first line of /etc/passwd is nowhere in the state" \
	sh -c "grep -rlF -e \"\$(head -1 /etc/passwd)\" '$state'; test \$? -eq 1"
expect_equal "runs 1 and 2 each ended with an audit archive" \
	"$(ls "$state/audit" | grep -c '\.tar\.gz$')" 2
expect_equal "only the two valid (UTF-16) records were applied" \
	"$(xpath "count(//*[local-name()='record'][@state='applied'])")" 2
expect_equal "the other application is untouched" "$(state_of A2026-159002)" in-review

run_limited run "$state" --date 2026-11-26
expect_equal "run 3 over an empty dropbox exits 0" "$?" 0

# each special entry alone in a fresh state, so that one failure does not
# hide the others: it is quarantined, the run ends well, the next run too,
# and the decoy is untouched
records_state=$state
grep -v '^#' "$corpus/specials.tsv" >"$work/specials.tsv"
while IFS="$tab" read -r name application outcome code kind description; do
	state="$work/state-$name"
	"$ecap" init "$state" --policy "$corpus/policy.xml" >/dev/null
	cp -a "$corpus/specials/$name" "$state/dropbox/"
	run_limited run "$state" --date 2026-11-25
	status=$?
	[ "$status" -eq 124 ] && echo "# the run over $name did not finish within $limit s: killed"
	expect_equal "$name ($description): the run exits 0" "$status" 0
	sed 's/^/#   /' "$work/ecap.err" | grep -v '[0-9] of [0-9]' | tail -2
	if [ "$outcome" = left ]; then
		# not a file: never opened, left in place, named by status
		expect_equal "$name: $outcome $code" "$(left_code_of "$name")" "$code"
		expect_equal "$name: it stays in the dropbox" "$(ls -A "$state/dropbox")" "$name"
	else
		expect_equal "$name: $outcome $code" "$(quarantine_code_of "$name")" "$code"
		expect_equal "$name: it left the dropbox" "$(ls -A "$state/dropbox" | wc -l | tr -d ' ')" 0
		expect_equal "$name: the run ended with an audit archive" \
			"$(ls "$state/audit" | grep -c '\.tar\.gz$')" 1
	fi
	run_limited run "$state" --date 2026-11-26
	expect_equal "$name: the next run exits 0 (the state is not wedged)" "$?" 0
	expect_equal "$name: the decoy keeps its mode ($decoy_mode)" "$(stat -c %a "$decoy")" "$decoy_mode"
	expect_equal "$name: the decoy keeps its bytes" "$(sha256sum <"$decoy")" "$decoy_sum"
	expect_equal "$name: the directory a link points to keeps its mode ($corpus_mode)" \
		"$(stat -c %a "$corpus")" "$corpus_mode"
	chmod "$decoy_mode" "$decoy"
	chmod "$corpus_mode" "$corpus"
	expect "$name: the decoy's text is nowhere in the state" \
		sh -c "grep -rlF -e '$decoy_text' '$state'; test \$? -eq 1"
done <"$work/specials.tsv"
state=$records_state

done_testing
