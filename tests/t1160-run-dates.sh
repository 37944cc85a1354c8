#!/bin/sh
# t1160-run-dates.sh - run dates move one way (operations.md): a run dated
# earlier than the last completed run is refused with exit 64 and one line
# naming both dates, and changes nothing (no transaction, archive or log
# left, the dropbox untouched). Each completed run records its date, an
# idle one too (without an archive); a state of layout version 1, which has
# no record, gets the date of its latest run report at upgrade.
. "$(dirname "$0")/lib.sh"

# snapshot: every path of the state with its size, mode and content hash;
# not the lock's size, which is the pid of the last run to take it
snapshot() {
	(cd "$state" && find . \( -name lock -printf '%p %m\n' \) -o -printf '%p %s %m\n' | sort &&
		find . -type f ! -name lock -exec sha256sum {} + | sort)
}

new_state
expect "the packages are built" build_packages <<EOF2
first.zip   --id A2026-116001 --seed 6101 --submitted 2026-11-02T09:00:00+08:00
second.zip  --id A2026-116002 --seed 6102 --submitted 2026-11-03T09:00:00+08:00
third.zip   --id A2026-116003 --seed 6103 --submitted 2026-11-03T10:00:00+08:00
EOF2
drop first.zip
expect "a run dated 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24
expect_equal "it records its date" "$(cat "$state/store/last-run-date")" 2026-11-24
archives=$(ls "$state/audit" | wc -l)

drop second.zip
snapshot >"$work/before"
run_ecap run "$state" --date 2026-11-20
expect_equal "a run dated 2026-11-20 is refused with exit 64" "$?" 64
expect_equal "with one line on stderr" "$(wc -l <"$work/ecap.err" | tr -d ' ')" 1
expect "naming both dates" sh -c "grep '2026-11-20' '$work/ecap.err' | grep -q '2026-11-24'"
snapshot >"$work/after"
expect "nothing in the state changed (dropbox, store, out, audit, logs)" \
	diff "$work/before" "$work/after"
expect "the package is still in the dropbox" test -f "$state/dropbox/second.zip"
expect "no transaction left" sh -c "test -z \"\$(ls -A '$state/store/transactions')\""
expect_equal "no archive written" "$(ls "$state/audit" | wc -l)" "$archives"

expect "a run of the same date is accepted" run_ecap run "$state" --date 2026-11-24
expect_equal "and takes the package" "$(xpath "string(//*[local-name()='application'][@id='A2026-116002']/@state)")" in-review
archives=$(ls "$state/audit" | wc -l)
expect "an idle run dated 2026-11-30 completes" run_ecap run "$state" --date 2026-11-30
expect_equal "it leaves no archive" "$(ls "$state/audit" | wc -l)" "$archives"
expect_equal "but records its date" "$(cat "$state/store/last-run-date")" 2026-11-30
run_ecap run "$state" --date 2026-11-27
expect_equal "so a run dated 2026-11-27 is refused" "$?" 64
expect "the audit chain is intact" "$ecap" audit verify "$state"/audit/*.tar.gz

# A state of layout version 1 (no store/version, no store/last-run-date):
# the upgrade takes the date of the latest run report, 2026-11-24.
rm "$state/store/version" "$state/store/last-run-date"
drop third.zip
run_ecap run "$state" --date 2026-11-23
expect_equal "an old state: a run dated before its last report's date is refused" "$?" 64
expect "naming the report's date" grep -q 2026-11-24 "$work/ecap.err"
expect_equal "the upgrade recorded it" "$(cat "$state/store/last-run-date")" 2026-11-24
expect "the package is still in the dropbox" test -f "$state/dropbox/third.zip"
expect "a run dated 2026-11-25 is accepted" run_ecap run "$state" --date 2026-11-25
expect_equal "and records its date" "$(cat "$state/store/last-run-date")" 2026-11-25

# An old state with no run report at all accepts any date, and records it.
new_state
rm "$state/store/version"
expect "an old state with no report: any date" run_ecap run "$state" --date 2026-01-05
expect_equal "recorded" "$(cat "$state/store/last-run-date")" 2026-01-05
expect_equal "the layout is version 2 or later" "$(test "$(cat "$state/store/version")" -ge 2 && echo yes)" yes

done_testing
