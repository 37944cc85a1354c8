#!/bin/sh
# t1420-buffered-writes.sh - a buffered write that fails is seen
# (operations.md "Reliability": fflush/ferror before close). One write to a
# file fails, the writes before and after it succeed: the case where fclose()
# alone returns 0 over a lost block. tests/tools/fault-write.c, preloaded,
# makes that write fail with ENOSPC.
#
# - a transaction's MANIFEST: the transaction is not committed (a MANIFEST
#   missing a block would be applied in part, or refused as damaged, by the
#   next run), the run exits 74 naming the file, and the next run ends
#   exactly as an uninterrupted run (the invariants of tests/crash/lib-crash.sh);
# - the run log: the run exits 74 naming it, and the next run completes;
# - stdout on a full device (/dev/full): run's summary, status, register and
#   audit verify exit 74.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work="$top/tests/work/$(basename "$0" .sh)"
. "$top/tests/crash/lib-crash.sh"

expect "ecap is built" test -x "$ecap"
expect "the corpus is ready (tests/work/crash-inputs/60)" corpus_ready 60
[ "$test_failed" -eq 0 ] || { done_testing; exit 1; }

reference="$work/reference"
fresh_state "$reference/state"
drop_phase "$reference/state" 1
run_to_end "$reference/state" $date1 "$reference/run.log"
expect_equal "reference: the run completes" "$run_status" 0
snapshot "$reference/state" "$reference/phase1"

# The preloaded library does not mix with AddressSanitizer's runtime (which
# must come first) nor with valgrind's wrapper: make check covers it.
state="$work/state"
shim="$work/fault-write.so"
if [ -n "${ECAP:-}" ]; then
	skip "a failing MANIFEST write" "ecap runs under ASan or valgrind (ECAP is set)"
	skip "a failing run log write" "ecap runs under ASan or valgrind (ECAP is set)"
elif ! cc -shared -fPIC -o "$shim" "$top/tests/tools/fault-write.c" -ldl 2>"$work/cc.err"; then
	expect "tests/tools/fault-write.c compiles" sh -c "cat '$work/cc.err'; false"
else
	# faulty_run DIR PATH: a run whose first write to a file whose path
	# holds PATH fails; its exit status in run_status, stderr in $work/stopped.err
	faulty_run() {
		FAULT_PATH=$2 FAULT_WRITE=1 FAULT_ERRNO=ENOSPC LD_PRELOAD="$shim" \
			"$ecap" run "$1" --date $date1 >"$work/stopped.out" 2>"$work/stopped.err"
		run_status=$?
	}
	for fault in "MANIFEST:/MANIFEST" "run log:/store/run-"; do
		what="a failing ${fault%%:*} write"
		fresh_state "$state"
		drop_phase "$state" 1
		faulty_run "$state" "${fault#*:}"
		expect "$what: the write did fail (the shim says so)" \
			grep -q '^fault-write: write 1 ' "$work/stopped.err"
		expect_equal "$what: the run exits 74" "$run_status" 74
		expect "$what: the message says what could not be written" \
			sh -c "cat '$work/stopped.err'; grep -Eq '^ecap: unable to write .*(MANIFEST|run log)' '$work/stopped.err'"
		expect "$what: no committed transaction is left, none half-applied" \
			sh -c "ls '$state/store/transactions' | grep -v '\\.tmp\$' | grep . && exit 1; exit 0"
		if [ "${fault%%:*}" = MANIFEST ]; then
			expect "$what: the transaction was not committed (the inputs are in the dropbox)" \
				test "$(ls "$state/dropbox" | wc -l)" -eq "$(ls "$corpus/phase1" | wc -l)"
		fi
		run_to_end "$state" $date1 "$work/rerun.log"
		expect_equal "$what: the next run completes" "$run_status" 0
		snapshot "$state" "$work/snapshot"
		check_invariants "$what, after the next run" "$work/snapshot" "$reference/phase1"
	done
fi

# --- stdout on a full device --------------------------------------------------

if [ -w /dev/full ]; then
	fresh_state "$state"
	drop_phase "$state" 1
	"$ecap" run "$state" --date $date1 >/dev/full 2>"$work/full.err"
	expect_equal "the run's summary to /dev/full: exit 74" "$?" 74
	expect "  with a message" grep -q '^ecap: unable to write to standard output' "$work/full.err"
	expect "  the run's work is done all the same (the dropbox is empty)" \
		test -z "$(ls "$state/dropbox")"
	"$ecap" status "$state" >/dev/full 2>"$work/full.err"
	expect_equal "ecap status DIR > /dev/full: exit 74" "$?" 74
	"$ecap" status "$state" --xml >/dev/full 2>"$work/full.err"
	expect_equal "ecap status DIR --xml > /dev/full: exit 74" "$?" 74
	"$ecap" register "$state" >/dev/full 2>"$work/full.err"
	expect_equal "ecap register DIR > /dev/full: exit 74" "$?" 74
	"$ecap" audit verify "$state"/audit/*.tar.gz >/dev/full 2>"$work/full.err"
	expect_equal "ecap audit verify FILE > /dev/full: exit 74" "$?" 74
	"$ecap" status "$state" >/dev/null
	expect_equal "ecap status DIR > /dev/null: exit 0" "$?" 0
else
	skip "stdout on /dev/full" "no writable /dev/full here"
fi

done_testing
