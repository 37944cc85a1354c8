# lib-crash.sh - sourced by the crash-safety tests (tests/crash/run-crash-trials.sh,
# tests/t1400-crash.sh, tests/t1410-disk-full.sh): TAP output, the corpus of
# inputs (built once by make-corpus.py, cached in tests/work/crash-inputs/N/),
# runs killed or run to the end, and the invariants of a state directory
# compared with those of an uninterrupted run of the same inputs.
#
# The caller sets top (the repository) and work (its scratch directory,
# created empty here) before sourcing this file.

crash_dir="$top/tests/crash"
date1=2026-11-24	# phase 1: the packages
date2=2026-11-26	# phase 2: the examiners' records, registration numbers issued

# Several people may run the tests in one checkout at once: a second
# instance of the same test waits for the first rather than wiping its
# scratch directory under it.
mkdir -p "$top/tests/work"
if command -v flock >/dev/null; then
	exec 9>"$work.lock"
	if ! flock -n 9; then
		echo "# waiting for another instance using $work"
		flock 9
	fi
fi
# (a file system left mounted or a directory left immutable by an interrupted
# t1410 would resist rm)
[ -r /proc/mounts ] && cut -d' ' -f2 /proc/mounts | grep "^$work/" | xargs -r -n 1 umount
rm -rf "$work" 2>/dev/null || { chattr -R -i "$work" 2>/dev/null; rm -rf "$work"; }
mkdir -p "$work"

# The tests run a copy of ecap and of its data files (xsd/, xslt/, policy/),
# taken once: a rebuild or an edited stylesheet during a long series of
# trials must not change the program under test halfway.
# ECAP names another build to test (make check-asan, check-valgrind).
ecap="$work/ecap/bin/ecap"
mkdir -p "$work/ecap/bin"
if [ -x "${ECAP:-$top/bin/ecap}" ]; then
	cp "${ECAP:-$top/bin/ecap}" "$ecap"
	cp -R "$top/xsd" "$top/xslt" "$top/policy" "$work/ecap/"
fi
# --- TAP: the harness of every test script ------------------------------------
. "$top/tests/harness.sh"

# same_file FILE EXPECTED: succeeds when equal, else shows the difference
same_file() {
	diff -u "$2" "$1" >"$work/diff.out" && return 0
	head -30 "$work/diff.out"
	return 1
}

# --- the inputs --------------------------------------------------------------

# corpus_ready [PACKAGES]: $corpus names the corpus of PACKAGES packages
# (default 300), built now unless a build from the same sources is cached.
corpus_ready() {
	corpus="$top/tests/work/crash-inputs/${1:-300}"
	mkdir -p "$(dirname "$corpus")"
	(
		# one test builds it while the others wait
		command -v flock >/dev/null && flock 8
		key="$(cat "$crash_dir/make-corpus.py" "$top/tools/mkpackage.py" \
			"$top/samples/policy.xml" "$top/samples/members.xml" | sha256sum | cut -c1-64)"
		[ "$(cat "$corpus/key" 2>/dev/null)" = "$key" ] && exit 0
		rm -rf "$corpus"
		python3 "$crash_dir/make-corpus.py" "$top" "$corpus" "${1:-300}" || exit 1
		echo "$key" >"$corpus/key"
	) 8>"$(dirname "$corpus")/.lock"
}

# fresh_state DIR: a new state directory under the corpus's policy and roster
fresh_state() {
	rm -rf "$1"
	"$ecap" init "$1" --policy "$corpus/policy.xml" >/dev/null
}

# drop_phase DIR N: the inputs of phase N into the dropbox, with their
# modification times (so that they arrive in the same order in every trial)
drop_phase() {
	cp -p "$corpus/phase$2"/* "$1/dropbox/"
}

date_of_phase() {
	if [ "$1" = 1 ]; then echo $date1; else echo $date2; fi
}

# --- runs --------------------------------------------------------------------

now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# Options added to every `ecap run` (CRASH_RUN_OPTIONS, e.g. "--jobs 4")
run_options=${CRASH_RUN_OPTIONS:-}

# run_killed DIR DATE DELAY LOG: starts `ecap run`, kills it with SIGKILL after
# DELAY seconds; sets run_status to "killed" or to the exit status of a run
# that ended before the signal.
run_killed() {
	# shellcheck disable=SC2086 # the options are words
	"$ecap" run "$1" --date "$2" $run_options >>"$4" 2>&1 &
	run_pid=$!
	sleep "$3"
	kill -9 "$run_pid" 2>/dev/null
	wait "$run_pid" 2>/dev/null
	run_status=$?
	[ "$run_status" -eq 137 ] && run_status=killed
	return 0
}

# left_behind DIR: where a killed run stopped, as the state shows it: how
# many inputs are still in the dropbox, the transactions in flight (open:
# NAME.tmp, committed: NAME), and journals not yet archived
left_behind() {
	waiting=$(find "$1/dropbox" -type f | wc -l | tr -d ' ')
	open=$(find "$1/store/transactions" -mindepth 1 -maxdepth 1 -name '*.tmp' | wc -l | tr -d ' ')
	all=$(find "$1/store/transactions" -mindepth 1 -maxdepth 1 | wc -l | tr -d ' ')
	journals=$(find "$1/store/journal" -mindepth 1 -maxdepth 1 | wc -l | tr -d ' ')
	echo "$waiting in the dropbox, $open open and $((all - open)) committed transactions, $journals journals"
}

# run_to_end DIR DATE LOG: `ecap run`, its exit status in run_status
run_to_end() {
	# shellcheck disable=SC2086 # the options are words
	"$ecap" run "$1" --date "$2" $run_options >>"$3" 2>&1
	run_status=$?
	return 0
}

# --- the invariants ----------------------------------------------------------

run_id_pattern='[0-9]\{8\}T[0-9]\{6\}Z-[0-9]\{1,\}'

# normalize: drops the generated attribute; run ids become RUN
normalize() {
	sed -e 's/ generated="[^"]*"//' -e "s/$run_id_pattern/RUN/g"
}

# audit_check OUT ARCHIVE...: OUT/audit-taken lists the inputs the archives
# hold, "inputs/<sha256>/<name>" or "quarantine/<name>" (without the run id
# and sequence of a quarantined name); OUT/audit-verify says what is wrong
# with the archives and their chain, as `ecap audit verify` sees it, or
# tests/crash/audit-check.py where ecap has no such command;
# OUT/audit-verify-status is 0 when nothing is.
audit_check() {
	out=$1
	shift
	for archive in "$@"; do
		tar tzf "$archive"
	done | sed -n 's|^[^/]*/data/||p' | grep '^inputs/.\|^quarantine/.' | grep -v '\.reason\.xml$' |
		sed "s|^quarantine/$run_id_pattern-[0-9]*-|quarantine/|" | LC_ALL=C sort >"$out/audit-taken"
	"$ecap" audit verify "$@" >"$out/audit-verify" 2>&1
	status=$?
	if grep -q "'audit' is not a command" "$out/audit-verify"; then
		audit_verifier="tests/crash/audit-check.py (ecap has no 'audit verify' yet)"
		python3 "$crash_dir/audit-check.py" "$@" >/dev/null 2>"$out/audit-verify"
		status=$?
	else
		audit_verifier="ecap audit verify"
		[ $status -eq 0 ] || echo "ecap audit verify exits $status" >>"$out/audit-verify"
	fi
	echo $status >"$out/audit-verify-status"
}

# snapshot DIR OUT: what the invariants compare, into OUT/
snapshot() {
	rm -rf "$2"
	mkdir -p "$2"
	"$ecap" status "$1" --xml | normalize >"$2/status.xml"
	"$ecap" register "$1" --xml | normalize >"$2/register.xml"
	(cd "$1/store/inputs" && find . -type f | LC_ALL=C sort) >"$2/inputs"
	(cd "$1" && find dropbox -type f | LC_ALL=C sort) >"$2/dropbox"
	(cd "$1" && find out/notices -type f | LC_ALL=C sort | xargs -r sha256sum) >"$2/notices"
	(cd "$1" && find out/certificates -type f | LC_ALL=C sort | xargs -r sha256sum) >"$2/certificates"
	(cd "$1" && find out/mail -type f 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum) >"$2/mail"
	(cd "$1/store/dossiers" && find . -type f | LC_ALL=C sort | xargs -r sha256sum) >"$2/dossiers"
	(cd "$1/quarantine" && ls | sed "s/^$run_id_pattern-[0-9]*-//" | LC_ALL=C sort) >"$2/quarantine"
	(cd "$1/store" && find transactions journal -mindepth 1 -maxdepth 1) >"$2/in-flight"
	(grep -rl "$run_id_pattern" "$1/out/notices" || true) >"$2/notices-with-run-id"
	ls "$1/audit" >"$2/audit-archives"
	audit_check "$2" "$1"/audit/*.tar.gz
	# the whole chain, anchored in the store's record of its last archive
	"$ecap" audit verify "$1" >"$2/audit-verify-dir" 2>&1
	echo $? >>"$2/audit-verify-dir"
	sed -n 's/.*<member registration="\([^"]*\)".*/\1/p' "$2/register.xml" >"$2/registrations"
}

# audit_intact OUT: the archives verified, numbered from 000001 without a gap
audit_intact() {
	cat "$1/audit-verify"
	awk '{ want = sprintf("%06d-", NR); if (substr($0, 1, 7) != want) { print "archive " \
		NR " is " $0 ", expected " want "<run>.tar.gz"; bad = 1 } } END { exit bad }' \
		"$1/audit-archives" || return 1
	test "$(cat "$1/audit-verify-status")" = 0 || return 1
	cat "$1/audit-verify-dir"
	test "$(tail -1 "$1/audit-verify-dir")" = 0
}

# contiguous FILE: the registrations listed are CSEE-000001..N in order, once each
contiguous() {
	awk '{ want = sprintf("CSEE-%06d", NR); if ($0 != want) { print "line " NR ": " $0 \
		", expected " want; bad = 1 } } END { exit bad }' "$1"
}

# no_extra_letters OUT REFERENCE: fails naming each letter file the trial
# has and the reference has not (a letter written twice: 02-returned where
# the reference has only 01-returned)
no_extra_letters() {
	cut -c67- "$1/notices" | LC_ALL=C sort >"$work/trial-letters"
	cut -c67- "$2/notices" | LC_ALL=C sort >"$work/reference-letters"
	LC_ALL=C comm -23 "$work/trial-letters" "$work/reference-letters" >"$work/extra-letters"
	cat "$work/extra-letters"
	test ! -s "$work/extra-letters"
}

# check_invariants WHAT OUT REFERENCE: one TAP line per invariant, for the
# snapshot OUT against the reference's snapshot REFERENCE
check_invariants() {
	what=$1
	expect "$what: the dropbox is empty" same_file "$2/dropbox" /dev/null
	expect "$what: store/inputs holds the reference's files" \
		same_file "$2/inputs" "$3/inputs"
	expect "$what: ecap status --xml as the reference's (but 'generated')" \
		same_file "$2/status.xml" "$3/status.xml"
	expect "$what: no letter written twice nor beyond the reference's" \
		no_extra_letters "$2" "$3"
	expect "$what: every letter: same path, same bytes" same_file "$2/notices" "$3/notices"
	expect "$what: letters carry no run id" same_file "$2/notices-with-run-id" /dev/null
	expect "$what: certificates identical" same_file "$2/certificates" "$3/certificates"
	expect "$what: every letter's e-mail message: same path, same bytes" \
		same_file "$2/mail" "$3/mail"
	expect "$what: dossiers identical" same_file "$2/dossiers" "$3/dossiers"
	expect "$what: quarantine holds the reference's inputs, once each" \
		same_file "$2/quarantine" "$3/quarantine"
	expect "$what: ecap register --xml as the reference's (but 'generated')" \
		same_file "$2/register.xml" "$3/register.xml"
	expect "$what: registration numbers CSEE-000001..$(wc -l <"$2/registrations" | tr -d ' '), each once" \
		contiguous "$2/registrations"
	expect "$what: store/transactions and store/journal empty" same_file "$2/in-flight" /dev/null
	expect "$what: the audit chain verifies ($(wc -l <"$2/audit-archives" | tr -d ' ') archives)" \
		audit_intact "$2"
	expect "$what: each input in exactly one archive ($(wc -l <"$2/audit-taken" | tr -d ' '), reference $(wc -l <"$3/audit-taken" | tr -d ' '))" \
		same_file "$2/audit-taken" "$3/audit-taken"
}

