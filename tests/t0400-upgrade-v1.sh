#!/bin/sh
# t0400-upgrade-v1.sh - a state directory written by the previous version of
# ecap (layout version 1, tests/data/state-v1.tar.gz) keeps working: the first
# run upgrades it in place, every application keeps its state, letters and
# deadline, the run goes on from where the old one left off, and the audit
# chain continues.
. "$(dirname "$0")/lib.sh"

old_state state-v1
expect_equal "the old state has no store/version" "$(cat "$state/store/version" 2>/dev/null)" ""
"$ecap" status "$state" --xml >"$work/before.xml"
summary() {
	xmllint --xpath "//*[local-name()='application']/@*[name()='id' or name()='state' or name()='deadline']" "$1" 2>/dev/null
}
expect "the new ecap reads the old state's status" test -n "$(summary "$work/before.xml")"

run_ecap run "$state" --date 2026-11-19
expect_equal "a run dated before the old state's last run (2026-11-20) is refused" "$?" 64
expect "... naming both dates" grep -q "2026-11-20" "$work/ecap.err"
expect "a run over the old state completes" run_ecap run "$state" --date 2026-11-24
"$ecap" init "$work/new-state" >/dev/null
expect_equal "the state is now at the layout of a state this version makes" \
	"$(cat "$state/store/version" 2>/dev/null)" "$(cat "$work/new-state/store/version")"
# the hint that spreads the transactions' directories (store.c,
# directory_hint_spread): on a file system with the flag, a new state has it
# and an old one gains it on its first run
has_topdir_flag() {
	lsattr -d "$1/store/transactions" 2>/dev/null | cut -d' ' -f1 | grep -q T
}
if lsattr -d "$work/new-state/store/transactions" >/dev/null 2>&1; then
	expect "a new state's transactions are spread over the disk (chattr +T)" \
		has_topdir_flag "$work/new-state"
	expect "... and so are the upgraded state's" has_topdir_flag "$state"
else
	skip "a state's transactions are spread over the disk (chattr +T)" \
		"this file system has no such flag"
fi
"$ecap" status "$state" --xml >"$work/after.xml"
expect_equal "every application keeps its state and deadline" \
	"$(summary "$work/after.xml" | grep -v 'deadline="2026-12-08"')" "$(summary "$work/before.xml")"
expect_equal "the supplement request an old ecap left without a deadline gets one, from this run" \
	"$(state_of A2026-900005) $(deadline_of A2026-900005)" "supplement-requested 2026-12-08"
expect "the status validates" xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/after.xml"
expect "every dossier validates" \
	xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
expect "the audit chain, old archives and new, is intact" \
	"$ecap" audit verify "$state"/audit/*.tar.gz
expect "ecap audit verify DIR: the whole chain, from the old state's first archive" \
	"$ecap" audit verify "$state"
expect "a second run does nothing more" run_ecap run "$state" --date 2026-11-25
expect_equal "still every application as it was" \
	"$(summary "$work/after.xml")" "$("$ecap" status "$state" --xml >"$work/again.xml"; summary "$work/again.xml")"

# The people the old state knows, as the new rules see them (process.md,
# Identity): 刘洋 was banned for fraud under an ID written with a lowercase x;
# 张伟 holds CSEE-000001.
employer=华北电力设计院有限公司
expect "two new packages are built" build_packages <<EOF
liu-again.zip --id A2026-900101 --seed 9101 --level apprentice --name 刘洋 --birth 1992-08-21 --id-number 44010619920821067X --employer $employer --submitted 2026-11-25T09:00:00+08:00
zhang-again.zip --id A2026-900102 --seed 9102 --level apprentice --name 张伟 --birth 1990-03-07 --id-number 110101199003071233 --employer $employer --submitted 2026-11-25T09:10:00+08:00
EOF
drop liu-again.zip zhang-again.zip
expect "a run with them completes" run_ecap run "$state" --date 2026-11-26
expect_equal "the person banned under ...067x is banned under ...067X too" \
	"$(state_of A2026-900101) $(reasons_of A2026-900101)" "rejected banned"
expect_equal "the holder of CSEE-000001 cannot apply initial again" \
	"$(state_of A2026-900102) $(reasons_of A2026-900102)" "rejected already-registered"
done_testing
