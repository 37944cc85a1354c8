#!/bin/sh
# t1285-society-heads.sh - the run report's survey of every dossier reads
# through store/dossier-heads (pipeline/batch/society_heads.h): a run reads
# again only the dossiers whose file is not the one noted there, and the
# report says the same as a survey that reads them all: after records change
# one dossier, after a dossier is edited in place with its size and
# modification time kept, with the cache damaged, missing, or noting dossiers
# that are gone, and in a copy of the state (other inodes).
. "$(dirname "$0")/lib.sh"

heads="$work/state/store/dossier-heads"

# society: the <society> of the last run's report, one line
society() {
	xmllint --xpath "//*[local-name()='society']" "$(report_path)" 2>/dev/null | tr -d '\n'
}
# society_uncached DIR DATE: the <society> a run of a copy of DIR without
# the cache reports (one input so that the run writes a report: a record
# for an application that does not exist, refused)
society_uncached() {
	rm -rf "$work/uncached"
	cp -a "$1" "$work/uncached"
	rm -f "$work/uncached/store/dossier-heads"
	cp "$work/stray.xml" "$work/uncached/dropbox/"
	"$ecap" run "$work/uncached" --date "$2" >"$work/ecap.out" 2>"$work/ecap.err"
	society
}
# run_with_stray DATE: a run of the state with only the stray record
run_with_stray() {
	cp "$work/stray.xml" "$state/dropbox/stray-$(date +%s%N).xml"
	run_ecap run "$state" --date "$1"
}

cat >"$work/stray.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<reviewRecord xmlns="urn:ecap:1" application="A2026-999999" examiner="EX-011" date="2026-11-25">
  <dimension code="knowledge" met="true">材料充分。</dimension>
  <dimension code="ethics" met="true">材料充分。</dimension>
  <dimension code="teamwork" met="true">材料充分。</dimension>
  <dimension code="learning" met="true">材料充分。</dimension>
  <dimension code="leadership" met="true">材料充分。</dimension>
  <recommendation>pass</recommendation>
</reviewRecord>
EOF

new_state
cp "$top/samples/dropbox"/* "$state/dropbox/"
expect "the packages run completes" run_ecap run "$state" --date 2026-11-24
dossiers=$(ls "$state/store/dossiers" | wc -l)
expect_equal "the run leaves a line per dossier in store/dossier-heads" \
	"$(tail -n +2 "$heads" | wc -l)" "$dossiers"
expect "  after a header naming its version and the device" \
	grep -qx "ecap-dossier-heads 1 $(stat -c %d "$state/store/dossiers")" "$heads"
first=$(ls "$state/store/dossiers" | head -1)
expect_equal "  each line the dossier's name, inode and size" \
	"$(grep "^$first	" "$heads" | cut -f1-3)" \
	"$(stat -c '%n	%i	%s' "$state/store/dossiers/$first" | sed 's|.*/||')"
id=${first%.xml}
expect_equal "  and its id and state" "$(grep "^$first	" "$heads" | cut -f6,7)" \
	"$id	$(state_of "$id")"
reported=$(society)
expect_equal "the report counts what a survey without the cache counts" \
	"$(society_uncached "$state" 2026-11-24)" "$reported"

# records change one dossier: its line is new, the others are the same
grep -v "^$first	" "$heads" >"$work/others.before"
review_for() {
	sed -e "s/A2026-999999/$id/" -e "s/EX-011/$1/" "$work/stray.xml" >"$state/dropbox/$id-$1.xml"
}
state_before=$(state_of "$id")
review_for EX-011
if command -v strace >/dev/null 2>&1 && [ -z "${ECAP_REAL:-}" ]; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -o "$work/opened" -e trace=open,openat "$ecap" run "$state" \
		--date 2026-11-25 >"$work/ecap.out" 2>"$work/ecap.err"
	expect_equal "a run of one record completes (under strace)" "$?" 0
	expect_equal "  and opens no dossier but the one its record is for" \
		"$(grep -o 'store/dossiers/[^"]*' "$work/opened" | sort -u | grep -v "/$first\$")" ""
	# the survey takes the head the run noted as it wrote the dossier
	expect_equal "  that one twice: to apply the record, and to archive it" \
		"$(grep -c "store/dossiers/$first\"" "$work/opened")" 2
else
	echo "ok $((test_count + 1)) - # SKIP strace is not installed, or ecap runs under valgrind"
	test_count=$((test_count + 1))
	run_ecap run "$state" --date 2026-11-25
fi
expect_equal "the record is taken" "$(ls "$state/dropbox" | wc -l)" 0
expect_equal "the changed dossier's line has its new inode" \
	"$(grep "^$first	" "$heads" | cut -f2)" "$(stat -c %i "$state/store/dossiers/$first")"
expect_equal "  and the other lines are as they were" \
	"$(grep -v "^$first	" "$heads" | diff - "$work/others.before" && echo same)" same
reported=$(society)
expect_equal "the report counts what a survey without the cache counts" \
	"$(society_uncached "$state" 2026-11-25)" "$reported"
expect_equal "  and the heads the run noted are the heads read from the files" \
	"$(cut -f1,6- "$heads")" "$(cut -f1,6- "$work/uncached/store/dossier-heads")"

# a dossier edited in place, its size and modification time kept: another
# change time, so it is read again (rejected and returned have 8 letters)
victim=$(grep -l 'state="rejected"' "$state"/store/dossiers/*.xml | head -1)
expect "a rejected dossier is there to edit" test -n "$victim"
cp -p "$victim" "$work/victim.orig"
sed -i 's/state="rejected"/state="returned"/' "$victim"
touch -r "$work/victim.orig" "$victim"
expect_equal "  edited with its size and modification time kept" \
	"$(stat -c '%s %Y' "$victim")" "$(stat -c '%s %Y' "$work/victim.orig")"
returned_before=$(xmllint --xpath "count(//*[local-name()='society']/*[@name='returned'])" \
	"$(report_path)")
run_with_stray 2026-11-25
expect_equal "the run after the edit counts the edited dossier as it is now" \
	"$(society)" "$(society_uncached "$state" 2026-11-25)"
expect "  which is not what the cache said" sh -c '[ "$1" != "$2" ]' - "$(society)" "$reported"

# a damaged cache: lines cut, garbage, out of order, a dossier that is gone
sed -i -e '3s/\t[^\t]*$//' -e '4s/^/zzz/' "$heads"
printf 'A2026-000000.xml\t1\t2\t3.000000000\t4.000000000\tA2026-000000\tcertified\t2026-01-01\telectrical\t2\n' >>"$heads"
printf '\001\002 garbage\n' >>"$heads"
run_with_stray 2026-11-25
expect_equal "with the cache damaged, the report counts every dossier as it is" \
	"$(society)" "$(society_uncached "$state" 2026-11-25)"
expect_equal "  and the cache is written again whole" \
	"$(tail -n +2 "$heads" | cut -f1 | tr '\n' ' ')" "$(ls "$state/store/dossiers" | tr '\n' ' ')"

# a copy of the state: every inode another, every dossier read again
cp -a "$state" "$work/copy"
cp "$work/stray.xml" "$work/copy/dropbox/"
"$ecap" run "$work/copy" --date 2026-11-25 >"$work/ecap.out" 2>"$work/ecap.err"
expect_equal "a copy of the state reports the same society" "$(society)" \
	"$(society_uncached "$state" 2026-11-25)"
expect_equal "  its cache noting the copy's files" \
	"$(grep "^$first	" "$work/copy/store/dossier-heads" | cut -f2)" \
	"$(stat -c %i "$work/copy/store/dossiers/$first")"

# missing, and a state of the previous version: made by the next run
rm -f "$heads"
run_with_stray 2026-11-25
expect_equal "without a cache, the run makes one" "$(tail -n +2 "$heads" | wc -l)" "$dossiers"
expect "no temporary file is left" sh -c '! ls "$1" | grep -q "dossier-heads\."' - "$state/store"

done_testing
