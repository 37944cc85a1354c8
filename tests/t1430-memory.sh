#!/bin/sh
# t1430-memory.sh - running out of memory ends a run with a message and exit
# 74, never a crash, and the state resumes as after a kill (operations.md
# "Reliability"; pipeline/batch/memory.h). A run's memory is bounded up front: under
# an address-space limit (ulimit -v, in a sub-shell) too small for a run it
# refuses to start, exit 74, having done nothing; under one that holds fewer
# workers than --jobs asks, it runs with those that fit and says so. Once
# the limit is lifted, the next run ends as an uninterrupted one (the
# invariants of tests/crash/lib-crash.sh). Before this, `ulimit -v 100M`
# crashed in font loading (SIGSEGV) and `--jobs 8` under 300 MB in libarchive.
#
# Not under AddressSanitizer or valgrind (ECAP set: make check-asan,
# check-valgrind): their runtimes reserve terabytes of address space, so
# ulimit -v cannot work there.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work="$top/tests/work/$(basename "$0" .sh)"
. "$top/tests/crash/lib-crash.sh"

if [ -n "${ECAP:-}" ]; then
	skip "runs under ulimit -v" "ecap runs under ASan or valgrind (ECAP is set)"
	done_testing
	exit
fi

expect "ecap is built" test -x "$ecap"
expect "the corpus is ready (tests/work/crash-inputs/60)" corpus_ready 60
[ "$test_failed" -eq 0 ] || { done_testing; exit 1; }

reference="$work/reference"
fresh_state "$reference/state"
for phase in 1 2; do
	drop_phase "$reference/state" $phase
	run_to_end "$reference/state" "$(date_of_phase $phase)" "$reference/run.log"
	expect_equal "reference phase $phase: the run completes" "$run_status" 0
	snapshot "$reference/state" "$reference/phase$phase"
done

# limited_run DIR PHASE KIB [OPTIONS]: `ecap run` under ulimit -v KIB; its
# exit status in run_status (a signal shows as 128+N), stderr in $work/limited.err
limited_run() {
	(
		ulimit -v "$3" || exit 99
		shift 3
		"$ecap" run "$dir" --date "$date" "$@" >"$work/limited.out" 2>"$work/limited.err"
	)
	run_status=$?
}

# --- too little for a run: refused, nothing done -------------------------------

state="$work/state"
fresh_state "$state"
for phase in 1 2; do
	drop_phase "$state" $phase
	dir=$state date=$(date_of_phase $phase)
	for limit in 102400 307200; do
		for jobs in 1 8; do
			what="phase $phase, ulimit -v $((limit / 1024))M, --jobs $jobs"
			before=$(ls "$state/dropbox" | wc -l)
			limited_run "$state" $phase $limit --jobs $jobs
			expect_equal "$what: exit 74 (no crash)" "$run_status" 74
			expect "$what: the message says there is not enough memory and how much is needed" \
				grep -q '^ecap: not enough memory to run: .*ulimit -v.* [0-9]* MiB' "$work/limited.err"
			expect_equal "$what: nothing was taken" "$(ls "$state/dropbox" | wc -l)" "$before"
		done
	done
	rerun_what="phase $phase, after the refused runs"
	run_to_end "$state" "$date" "$work/rerun.log"
	expect_equal "$rerun_what: the next run, the limit lifted, completes" "$run_status" 0
	snapshot "$state" "$work/snapshot"
	check_invariants "$rerun_what" "$work/snapshot" "$reference/phase$phase"
done

# --- enough for a run of one worker: --jobs 8 capped, the run completes -----

fresh_state "$state"
for phase in 1 2; do
	drop_phase "$state" $phase
	dir=$state date=$(date_of_phase $phase)
	limited_run "$state" $phase 614400 --jobs 8
	what="phase $phase, ulimit -v 600M, --jobs 8"
	expect_equal "$what: the run completes" "$run_status" 0
	expect "$what: it says the workers were capped by the limit" \
		grep -q '^ecap: --jobs 8 capped at [1-7] by the ulimit -v' "$work/limited.err"
	snapshot "$state" "$work/snapshot"
	check_invariants "$what" "$work/snapshot" "$reference/phase$phase"
done

# --- the typesetting threads count: under 800M, which would hold four package
# workers, --jobs 4 is capped at 1, since a run of two jobs also has two
# threads typesetting PDFs (memory.h, 864 MiB); under 900M at 2 -------------

fresh_state "$state"
for phase in 1 2; do
	drop_phase "$state" $phase
	dir=$state date=$(date_of_phase $phase)
	limit=$([ $phase = 1 ] && echo 819200 || echo 921600)
	fit=$([ $phase = 1 ] && echo 1 || echo 2)
	limited_run "$state" $phase $limit --jobs 4
	what="phase $phase, ulimit -v $((limit / 1024))M, --jobs 4"
	expect_equal "$what: the run completes" "$run_status" 0
	expect "$what: capped at $fit, the typesetting threads counted" \
		grep -q "^ecap: --jobs 4 capped at $fit by the ulimit -v" "$work/limited.err"
	snapshot "$state" "$work/snapshot"
	check_invariants "$what" "$work/snapshot" "$reference/phase$phase"
done

done_testing
