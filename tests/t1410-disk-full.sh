#!/bin/sh
# t1410-disk-full.sh - a run that cannot write stops with the same guarantee
# as a run killed (pipeline/README.md): exit 74, one line on stderr naming the
# problem, no partial file in place (store/transactions/ may keep an
# uncommitted NAME.tmp, which the next run removes), and the next run, with
# the problem gone, ends exactly as an uninterrupted run of the same inputs
# (the invariants of tests/crash/lib-crash.sh: inputs, status, letters,
# register, audit chain).
#
# The problems: a file-size limit (ulimit -f; ecap ignores SIGXFSZ, so writes
# fail with EFBIG) small enough to stop the first run mid-way and the second,
# which issues registration numbers, too; a limit that only the audit archive
# exceeds; an unwritable letters directory, then an unwritable dossiers
# directory (chmod 500, or as root, where modes do not stop writes, the
# immutable attribute or a file where the directory should be); a full
# small file system (tmpfs, when this user may mount one).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work="$top/tests/work/$(basename "$0" .sh)"
. "$top/tests/crash/lib-crash.sh"
trap 'exit 130' INT TERM	# so that the EXIT trap below unmounts

progress_line='^ecap: [0-9]* of [0-9]* inputs, '

# stopped_run DIR PHASE: `ecap run` of that phase, which is to fail; its exit
# status in run_status, its stderr in $work/stopped.err. Run in the current
# shell, so that a subshell can put it under a limit.
stopped_run() {
	"$ecap" run "$1" --date "$(date_of_phase "$2")" >"$work/stopped.out" 2>"$work/stopped.err"
	run_status=$?
}

# no_partial_files DIR REFERENCE: nothing half-written is in place: no
# temporary file outside store/transactions/; every letter and certificate
# there is the reference's, byte for byte; every dossier is well-formed;
# every stored input has the SHA-256 of its name; every audit archive is
# whole and chained
no_partial_files() {
	bad=0
	find "$1" -path "$1/store/transactions" -prune -o \( -name '*.tmp' -o -name '*.part' \
		-o -name '.#*' -o -name '*~' \) -print >"$work/temporary"
	[ -s "$work/temporary" ] && { echo "temporary files:"; cat "$work/temporary"; bad=1; }
	for kind in notices certificates; do
		(cd "$1" && find "out/$kind" -type f | xargs -r sha256sum) | LC_ALL=C sort >"$work/$kind"
		LC_ALL=C sort "$2/$kind" | LC_ALL=C comm -23 "$work/$kind" - >"$work/unknown"
		[ -s "$work/unknown" ] && { echo "$kind not the reference's:"; cat "$work/unknown"; bad=1; }
	done
	find "$1/store/dossiers" -type f -name '*.xml' | xargs -r xmllint --noout >"$work/xmllint" 2>&1 ||
		{ echo "dossiers not well-formed:"; head -5 "$work/xmllint"; bad=1; }
	find "$1/store/inputs" -type f | while read -r input; do
		[ "$(sha256sum <"$input" | cut -c1-64)" = "$(basename "$input")" ] ||
			echo "stored input $input is not whole"
	done >"$work/inputs-bad"
	[ -s "$work/inputs-bad" ] && { cat "$work/inputs-bad"; bad=1; }
	if ls "$1/audit" | grep -q .; then
		audit_check "$work" "$1"/audit/*.tar.gz
		[ "$(cat "$work/audit-verify-status")" = 0 ] ||
			{ echo "audit archives:"; cat "$work/audit-verify"; bad=1; }
	fi
	return $bad
}

# check_stopped WHAT DIR PHASE CAUSE: the run just stopped by the problem
# (stopped_run) as it should have: exit 74, one clear line, no partial file.
# CAUSE: what the system says of the problem (strerror; a grep pattern).
check_stopped() {
	what=$1
	expect_equal "$what: ecap stops with exit status 74" "$run_status" 74
	grep -v "$progress_line" "$work/stopped.err" >"$work/message"
	expect "$what: one line on stderr (besides progress lines)" \
		sh -c "cat '$work/stopped.err'; test \$(wc -l <'$work/message') -eq 1"
	expect "$what: the line says that ecap could not write and what" \
		grep -Eq '^ecap: .*(unable to|cannot|could not|failed to) (write|create|rename|move|link|place|make)' \
		"$work/message"
	if grep -q "$4" "$work/message"; then
		expect "$what: the line gives the system's reason" true
	else
		todo "$what: the line gives the system's reason ('$4')" \
			"the error message drops errno's text" "$(cat "$work/message")"
	fi
	expect "$what: no partial file in place" no_partial_files "$2" "$reference/phase$3"
	echo "# $what: stopped leaving $(left_behind "$2")"
}

# rerun_and_compare WHAT DIR PHASE: the next run, the problem gone, completes
# and ends as the uninterrupted reference
rerun_and_compare() {
	run_to_end "$2" "$(date_of_phase "$3")" "$work/rerun.log"
	expect_equal "$1: the next run completes" "$run_status" 0
	snapshot "$2" "$work/snapshot"
	check_invariants "$1, after the next run" "$work/snapshot" "$reference/phase$3"
}

# limited_run DIR PHASE BLOCKS: stopped_run under ulimit -f BLOCKS (512 bytes)
limited_run() {
	(ulimit -f "$3" && stopped_run "$1" "$2" && echo "$run_status" >"$work/status") 2>>"$work/ulimit.err"
	run_status=$(cat "$work/status")
}

expect "ecap is built" test -x "$ecap"
expect "the corpus is ready (tests/work/crash-inputs/60)" corpus_ready 60
[ "$test_failed" -eq 0 ] || { done_testing; exit 1; }	# nothing to test with

# --- the reference -----------------------------------------------------------

reference="$work/reference"
fresh_state "$reference/state"
for phase in 1 2; do
	drop_phase "$reference/state" $phase
	run_to_end "$reference/state" "$(date_of_phase $phase)" "$reference/run.log"
	expect_equal "reference phase $phase: the run completes" "$run_status" 0
	snapshot "$reference/state" "$reference/phase$phase"
	[ $phase = 1 ] && written_kib=$(( $(du -sk "$reference/state" | cut -f1) -
		$(du -sk "$corpus/phase1" | cut -f1) ))
done
expect "the reference issues registration numbers" test -s "$reference/phase2/registrations"
largest_dossier=$(find "$reference/state/store/dossiers" -type f -printf '%s\n' | sort -n | tail -1)
expect "some dossier exceeds 16 KiB (the limit below stops the run mid-way)" \
	test "${largest_dossier:-0}" -gt 16384

# --- a file-size limit mid-run, in both phases -------------------------------

state="$work/state"
fresh_state "$state"
for phase in 1 2; do
	drop_phase "$state" $phase
	limited_run "$state" $phase 32
	check_stopped "EFBIG (16 KiB limit), phase $phase" "$state" $phase "File too large"
	expect "EFBIG, phase $phase: it stopped mid-run, inputs left in the dropbox" \
		test -n "$(ls "$state/dropbox")"
	rerun_and_compare "EFBIG (16 KiB limit), phase $phase" "$state" $phase
done

# --- limits the audit archive reaches ----------------------------------------

# The run's archive takes in each input as the input is taken: a limit below
# the inputs' size stops the run while it takes them (what it committed is
# archived by the next run); a limit between that and the whole archive's
# size stops it at the end, when every input is taken and journaled.
inputs_bytes=$(du -sb "$corpus/phase1" | cut -f1)
archive_bytes=$(find "$reference/state/audit" -name '000001-*' -printf '%s\n')
expect "the reference's first archive is larger than its inputs by far" \
	test "$archive_bytes" -gt $((inputs_bytes + 524288))
end_limit=$(( (inputs_bytes + archive_bytes) / 2 / 512 ))

fresh_state "$state"
drop_phase "$state" 1
limited_run "$state" 1 $((inputs_bytes / 2 / 512))
check_stopped "EFBIG at the audit archive while inputs are taken" "$state" 1 "File too large"
expect "EFBIG at the audit archive while inputs are taken: inputs left in the dropbox" \
	test -n "$(ls "$state/dropbox")"
expect "EFBIG at the audit archive while inputs are taken: no archive was left" \
	test -z "$(ls "$state/audit")"
rerun_and_compare "EFBIG at the audit archive while inputs are taken" "$state" 1

fresh_state "$state"
drop_phase "$state" 1
limited_run "$state" 1 $end_limit
check_stopped "EFBIG at the end of the audit archive" "$state" 1 "File too large"
expect "EFBIG at the end of the audit archive: every input was taken, its journal kept for the next archive" \
	sh -c "test -z \"\$(ls '$state/dropbox')\" && test -n \"\$(ls '$state/store/journal')\""
expect "EFBIG at the end of the audit archive: no archive was left" test -z "$(ls "$state/audit")"
rerun_and_compare "EFBIG at the end of the audit archive" "$state" 1

# An input changed in the store between its run and the archive that takes
# it late: the manifest lists the SHA-256 its store name gives (the bytes as
# they arrived), so `ecap audit verify` shows the change (doc/audit.md).
fresh_state "$state"
drop_phase "$state" 1
limited_run "$state" 1 $end_limit
expect_equal "EFBIG at the end of the audit archive, again: exit status 74" "$run_status" 74
changed=$(find "$state/store/inputs" -type f | sort | head -1)
printf 'x' | dd of="$changed" bs=1 seek=100 conv=notrunc 2>/dev/null
run_to_end "$state" "$(date_of_phase 1)" "$work/rerun.log"
expect_equal "an input changed on disk before it was archived: the next run completes" \
	"$run_status" 0
"$ecap" audit verify "$state"/audit/*.tar.gz >"$work/changed-verify" 2>&1
expect_equal "  and ecap audit verify says the archive is not intact" "$?" 1
expect "  naming the input's checksum mismatch" \
	grep -q "inputs/.*: checksum mismatch" "$work/changed-verify"

# --- an unwritable output ----------------------------------------------------

# make_unwritable DIRECTORY: writing into it fails, even as root. Sets
# unwritable_how; make_writable DIRECTORY undoes it.
make_unwritable() {
	if [ "$(id -u)" != 0 ]; then
		unwritable_how="chmod 500"
		chmod 500 "$1"
	elif chattr +i "$1" 2>/dev/null && ! touch "$1/.probe" 2>/dev/null; then
		unwritable_how="chattr +i (root ignores modes)"
	else
		chattr -i "$1" 2>/dev/null
		rm -f "$1/.probe"
		unwritable_how="a file in place of the directory (root ignores modes; no chattr +i)"
		mv "$1" "$work/away"
		: >"$1"
	fi
}

make_writable() {
	case $unwritable_how in
	chmod*) chmod 700 "$1" ;;
	chattr*) chattr -i "$1" ;;
	*) rm -f "$1" && mv "$work/away" "$1" ;;
	esac
}

fresh_state "$state"
drop_phase "$state" 1
make_unwritable "$state/out/notices"
stopped_run "$state" 1
make_writable "$state/out/notices"
echo "# out/notices made unwritable by $unwritable_how"
check_stopped "unwritable out/notices" "$state" 1 "Operation not permitted\|Permission denied\|Not a directory"
rerun_and_compare "unwritable out/notices" "$state" 1

drop_phase "$state" 2
make_unwritable "$state/store/dossiers"
stopped_run "$state" 2
make_writable "$state/store/dossiers"
echo "# store/dossiers made unwritable by $unwritable_how"
check_stopped "unwritable store/dossiers" "$state" 2 "Operation not permitted\|Permission denied\|Not a directory"
rerun_and_compare "unwritable store/dossiers" "$state" 2

# --- a full file system ------------------------------------------------------

small="$work/small"
mkdir -p "$small"
# room for the inputs and a fifth of what the run writes: it fills up mid-way
size=$(( $(du -sk "$corpus/phase1" | cut -f1) + written_kib / 5 ))
if mount -t tmpfs -o "size=${size}k,mode=0700" tmpfs "$small" 2>"$work/mount.err"; then
	trap 'umount "$small" 2>/dev/null' EXIT
	fresh_state "$small/state"
	drop_phase "$small/state" 1
	stopped_run "$small/state" 1
	check_stopped "ENOSPC (tmpfs of ${size} KiB)" "$small/state" 1 "No space left on device"
	if mount -o remount,size=256m "$small"; then
		rerun_and_compare "ENOSPC (tmpfs of ${size} KiB)" "$small/state" 1
	else
		expect "the tmpfs can be enlarged for the next run" false
	fi
	umount "$small"
	trap - EXIT
else
	skip "ENOSPC on a small file system" "mount -t tmpfs refused here: $(head -1 "$work/mount.err")"
fi

done_testing
