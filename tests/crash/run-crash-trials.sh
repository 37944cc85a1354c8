#!/bin/sh
# run-crash-trials.sh TRIALS - crash safety (pipeline/README.md, the table of
# transactions): `ecap run` killed with SIGKILL at any instant and run again
# finishes the work with nothing lost and nothing done twice.
#
# The inputs are a corpus of about 300 packages (valid and defective, six
# archive formats) for a first run dated $date1, and examiners' records (and
# late corrections) for a second run dated $date2 that certifies and so issues
# registration numbers (tests/crash/make-corpus.py; cached in
# tests/work/crash-inputs/). The reference is an uninterrupted run of each
# phase in a fresh state directory. Each trial takes the same inputs, with
# the same modification times, into a fresh state directory; for each phase
# it kills `ecap run` after a delay between 0 and the reference run's
# duration (spread over the trials, so that kills land while parsing,
# committing and archiving; every third trial kills the rerun too), runs it
# again to the end, and compares the invariants with the reference's
# (lib-crash.sh, check_invariants). Then runs are killed at chosen steps of
# the audit archive's transaction (below).
#
# Environment: CRASH_SEED (default 1) draws the delays; CRASH_PACKAGES
# (default 300) the corpus's size; CRASH_WORK the scratch directory's name
# under tests/work/ (default crash-trials); CRASH_RUN_OPTIONS options added
# to every `ecap run` (e.g. "--jobs 4"); CRASH_POINTS the kills at chosen
# steps (WHEN:PATH, default all three below).
# Prints TAP and a final "N passed, N failed" line; exits 0 only if none failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work="$top/tests/work/${CRASH_WORK:-crash-trials}"
. "$top/tests/crash/lib-crash.sh"

trials=${1:-}
seed=${CRASH_SEED:-1}
case $trials in
''|*[!0-9]*)
	echo "usage: sh tests/crash/run-crash-trials.sh TRIALS" >&2
	exit 64 ;;
esac

expect "ecap is built" test -x "$ecap"
expect "the corpus is ready (tests/work/crash-inputs/${CRASH_PACKAGES:-300})" \
	corpus_ready "${CRASH_PACKAGES:-300}"
[ "$test_failed" -eq 0 ] || { done_testing; exit 1; }	# nothing to test with
sed 's/^/# corpus: /' "$corpus/expected"

# --- the reference: each phase run once, uninterrupted -----------------------

reference="$work/reference"
fresh_state "$reference/state"
for phase in 1 2; do
	drop_phase "$reference/state" $phase
	started=$(now_ms)
	run_to_end "$reference/state" "$(date_of_phase $phase)" "$reference/run.log"
	if [ $phase = 1 ]; then
		duration1=$(( $(now_ms) - started ))
	else
		duration2=$(( $(now_ms) - started ))
	fi
	expect_equal "reference phase $phase: the run completes" "$run_status" 0
	snapshot "$reference/state" "$reference/phase$phase"
done
[ -n "$run_options" ] && echo "# every run with: $run_options"
echo "# reference runs: phase 1 ${duration1} ms, phase 2 ${duration2} ms"
expect "the reference issued registration numbers" test -s "$reference/phase2/registrations"
expect "the reference's audit chain verifies" \
	test "$(cat "$reference/phase2/audit-verify-status")" = 0
expect "the reference's letters carry no run id" \
	same_file "$reference/phase2/notices-with-run-id" /dev/null
echo "# audit archives verified with ${audit_verifier:-?}"

# --- the trials --------------------------------------------------------------

# delays TRIALS: "PHASE1 AGAIN1 PHASE2 AGAIN2" in seconds per trial. The
# first kills are spread evenly over 90% of the reference run's duration (a
# little less than all of it, for a trial run that goes faster), phase 1
# from early to late trial after trial and phase 2 the other way; AGAIN
# (every third trial) kills the rerun as well, else it is "-".
awk -v seed="$seed" -v trials="$trials" -v t1="$duration1" -v t2="$duration2" 'BEGIN {
	srand(seed)
	for (i = 0; i < trials; i++) {
		first = 0.9 * t1 * (i + rand()) / trials / 1000
		second = 0.9 * t2 * (trials - 1 - i + rand()) / trials / 1000
		if (i % 3 == 2)
			printf "%.3f %.3f %.3f %.3f\n", first, rand() * t1 * 0.7 / 1000,
				second, rand() * t2 * 0.7 / 1000
		else
			printf "%.3f - %.3f -\n", first, second
	}
}' >"$work/delays"

trial=0
killed_count=0
while read -r delay1 again1 delay2 again2; do
	trial=$((trial + 1))
	state="$work/trial/state"
	log="$work/trial-$trial.log"
	fresh_state "$state"
	for phase in 1 2; do
		if [ $phase = 1 ]; then
			delay=$delay1 again=$again1
		else
			delay=$delay2 again=$again2
		fi
		date=$(date_of_phase $phase)
		drop_phase "$state" $phase
		run_killed "$state" "$date" "$delay" "$log"
		story="killed at ${delay}s"
		if [ "$run_status" = killed ]; then
			killed_count=$((killed_count + 1))
			echo "# trial $trial phase $phase: killed at ${delay}s, leaving $(left_behind "$state")"
		else
			story="not killed at ${delay}s (it ended first, exit $run_status)"
		fi
		if [ "$again" != - ]; then
			run_killed "$state" "$date" "$again" "$log"
			if [ "$run_status" = killed ]; then
				story="$story, rerun killed at ${again}s"
				echo "# trial $trial phase $phase: rerun killed at ${again}s, leaving $(left_behind "$state")"
			else
				story="$story, rerun not killed at ${again}s (exit $run_status)"
			fi
		fi
		run_to_end "$state" "$date" "$log"
		expect_equal "trial $trial phase $phase ($story): the last run completes" "$run_status" 0
		snapshot "$state" "$work/trial/phase$phase"
		check_invariants "trial $trial phase $phase" "$work/trial/phase$phase" \
			"$reference/phase$phase"
		if [ "$test_failed" -gt 0 ] && [ ! -d "$work/failed-trial-$trial" ]; then
			# keep what failed for a look
			cp -a "$work/trial" "$work/failed-trial-$trial"
		fi
	done
done <"$work/delays"
echo "# $trial trials (seed $seed), $killed_count of $((trial * 2)) first runs killed mid-run"

# --- kills at the steps of the audit archive's transaction --------------------

# The archive and the store's record of it (store/audit-last) commit in one
# transaction; a run is killed at a chosen step of its apply
# (tests/tools/fault-write.c, FAULT_KILL_RENAME): before the archive is put
# in audit/, before the record is put in place, and after it; the next run
# finishes the transaction and chains to the record. Not under ASan or
# valgrind (ECAP set), whose runtimes do not mix with a preloaded library.
shim="$work/fault-write.so"
if [ -n "${ECAP:-}" ]; then
	skip "kills at the audit archive's record" "ecap runs under ASan or valgrind"
elif ! cc -shared -fPIC -o "$shim" "$top/tests/tools/fault-write.c" -ldl 2>"$work/cc.err"; then
	expect "tests/tools/fault-write.c compiles" sh -c "cat '$work/cc.err'; false"
else
	for point in ${CRASH_POINTS:-before:/audit/0 before:/store/audit-last after:/store/audit-last}; do
		when=${point%%:*}
		target=${point#*:}
		state="$work/trial/state"
		fresh_state "$state"
		for phase in 1 2; do
			date=$(date_of_phase $phase)
			drop_phase "$state" $phase
			FAULT_KILL_RENAME=$target FAULT_KILL_AFTER=$([ "$when" = after ] && echo 1) \
				LD_PRELOAD="$shim" "$ecap" run "$state" --date "$date" $run_options \
				>"$work/point.log" 2>&1
			expect_equal "phase $phase, killed $when renaming to $target: the run was killed there" \
				"$?" 137
			echo "# killed $when renaming to $target, phase $phase: leaving $(left_behind "$state")"
			run_to_end "$state" "$date" "$work/point.log"
			expect_equal "phase $phase, killed $when renaming to $target: the next run completes" \
				"$run_status" 0
			snapshot "$state" "$work/trial/phase$phase"
			check_invariants "killed $when $target, phase $phase" "$work/trial/phase$phase" \
				"$reference/phase$phase"
		done
	done
fi
done_testing
