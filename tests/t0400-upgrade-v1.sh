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

expect "a run over the old state completes" run_ecap run "$state" --date 2026-11-24
"$ecap" init "$work/new-state" >/dev/null
expect_equal "the state is now at the layout of a state this version makes" \
	"$(cat "$state/store/version" 2>/dev/null)" "$(cat "$work/new-state/store/version")"
"$ecap" status "$state" --xml >"$work/after.xml"
expect_equal "every application keeps its state and deadline" \
	"$(summary "$work/after.xml")" "$(summary "$work/before.xml")"
expect "the status validates" xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/after.xml"
expect "every dossier validates" \
	xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
expect "the audit chain, old archives and new, is intact" \
	"$ecap" audit verify "$state"/audit/*.tar.gz
expect "a second run does nothing more" run_ecap run "$state" --date 2026-11-25
expect_equal "still every application as it was" \
	"$(summary "$work/after.xml")" "$("$ecap" status "$state" --xml >"$work/again.xml"; summary "$work/again.xml")"
done_testing
