#!/bin/sh
# t1400-crash.sh - crash safety, the quick version for `make check`: four
# trials of tests/crash/run-crash-trials.sh (`make check-crash` runs fifty
# over the full corpus of 300 packages). Each kills `ecap run` with SIGKILL
# at a different point of each of two runs (the packages, then the records
# that issue registration numbers), runs it again, and checks that nothing
# was lost and nothing done twice against an uninterrupted run. The corpus is
# smaller here (60 packages) so that the whole takes about a minute at most,
# and of the kills at chosen steps of the audit archive's transaction only
# the one between the archive and the record of it is made.
CRASH_POINTS=${CRASH_POINTS:-before:/store/audit-last} CRASH_WORK=t1400-crash CRASH_PACKAGES=${CRASH_PACKAGES:-60} CRASH_SEED=${CRASH_SEED:-1400} \
	exec sh "$(dirname "$0")/crash/run-crash-trials.sh" 4
