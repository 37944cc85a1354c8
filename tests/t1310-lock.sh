#!/bin/sh
# The state directory's lock: a second run while one holds it refuses with a
# clear message and exit 75, touching nothing; a lock file left by a process
# that died is no obstacle (the kernel drops an flock with its holder).
. "$(dirname "$0")/lib.sh"

new_state
cp "$top/samples/dropbox/"* "$state/dropbox/"
count=$(ls "$state/dropbox" | wc -l | tr -d ' ')

# another run holds the lock: flock(1) takes the same kind of lock ecap does
flock "$state/lock" sleep 4 &
holder=$!
sleep 1
run_ecap run "$state" --date 2026-11-24
status=$?
expect_equal "a second run refuses with exit status 75" "$status" 75
expect "it says the directory is in use by another run" \
	grep -q "is in use by another run" "$work/ecap.err"
expect_equal "it says so in one line" "$(wc -l <"$work/ecap.err" | tr -d ' ')" 1
expect_equal "it took nothing from the dropbox" "$(ls "$state/dropbox" | wc -l | tr -d ' ')" "$count"
expect "it wrote no dossier" test -z "$(ls "$state/store/dossiers")"
# the holder ends (its sleep, which holds the lock too, with it)
wait "$holder" 2>/dev/null

# a lock file naming a process long gone, as a killed run leaves it
echo 999999 >"$state/lock"
expect "a lock left by a dead process is taken over" run_ecap run "$state" --date 2026-11-24
expect_equal "and the run took every input" "$(ls "$state/dropbox" | wc -l | tr -d ' ')" 0
expect "the lock now names the run that held it" test -s "$state/lock"

# the lock is released when a run ends, however it ends
expect "the next run takes the lock again" run_ecap run "$state" --date 2026-11-24

done_testing
