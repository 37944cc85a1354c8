#!/bin/sh
# t1530-dropbox-names-and-kinds.sh - whatever a dropbox entry's name and kind,
# the run takes it, quarantines it or leaves it with a reason status gives,
# and every later run goes on (operations.md "Reliability", formats.md §5):
# - names that are not UTF-8 (GBK from Chinese Windows) or hold control
#   characters are stored and shown escaped (\xC9), so every dossier, reason
#   file and record stays well-formed XML and the application stays visible
#   and moves on at its deadline;
# - a directory or FIFO is left in place and named by status (input-not-file)
#   on every run; a file dated in the future is taken, not kept waiting;
# - as an unprivileged user: a file the run cannot read is quarantined
#   (input-unreadable) when it can be moved, else left and named by status;
#   a state that cannot be read is exit 74 for status and run, never "nothing
#   yet" or "not a state directory"; a lock that cannot be written is 74, not
#   75 ("in use");
# - a reason file or record of the state that does not parse is listed by
#   status with what is wrong.
#
# Debian packages: python3, libxml2-utils (xmllint), util-linux (setpriv).
. "$(dirname "$0")/lib.sh"

gbk=$(printf '\311\352\307\353')	# 申请 in GBK
esc=$(printf '\033')

# all_xml_well_formed DIR: every .xml file under DIR parses
all_xml_well_formed() {
	find "$1" -name '*.xml' -type f -print0 | xargs -0 -r xmllint --noout
}

# ---- names ----
new_state
build_packages <<'EOF'
short.zip --id A2026-000001 --statement-chars 1000 --seed 31
later.zip --id A2026-000002 --seed 32
EOF
cp "$work/short.zip" "$state/dropbox/$gbk.zip"
touch -d '@'$(( $(date +%s) - 100 )) "$state/dropbox/$gbk.zip"
printf 'not an archive' >"$state/dropbox/$gbk-bad.zip"
printf 'not an archive either' >"$state/dropbox/bad${esc}[31m.zip"
printf '<?xml version="1.0"?>\n<nothing/>\n' >"$state/dropbox/$gbk-record.xml"
run_ecap run "$state" --date 2026-11-24
expect_equal "a run over GBK and control-character names exits 0" "$?" 0
expect "every XML file of the state is well-formed" all_xml_well_formed "$state"
expect_equal "the application under a GBK name is in status" "$(state_of A2026-000001)" returned
expect "its dossier names the input escaped" \
	grep -qF '\xC9\xEA\xC7\xEB.zip' "$state/store/dossiers/A2026-000001.xml"
expect_equal "the broken GBK-named package is quarantined under its escaped name" \
	"$(quarantine_code_of '\xC9\xEA\xC7\xEB-bad.zip')" archive-unreadable
expect_equal "the control-character name is escaped too" \
	"$(quarantine_code_of 'bad\x1B[31m.zip')" archive-unreadable
expect_equal "a record under a GBK name is refused and listed under its escaped name" \
	"$(xpath "string(/*/*[local-name()='record'][@input='dropbox/\\xC9\\xEA\\xC7\\xEB-record.xml']/@state)")" refused
expect "no quarantine file name holds a raw byte that is not UTF-8" \
	sh -c "ls '$state/quarantine' | iconv -f UTF-8 -t UTF-8 >/dev/null"
"$ecap" status "$state" >"$work/table.txt"
expect "the status table holds no escape character" sh -c "! grep -q '$esc' '$work/table.txt'"
expect "and names the inputs escaped" grep -qF 'dropbox/\xC9\xEA\xC7\xEB-bad.zip' "$work/table.txt"
expect "the run's audit archive verifies" "$ecap" audit verify "$state"/audit/*.tar.gz

drop later.zip
run_ecap run "$state" --date 2027-01-15
expect_equal "a run after the GBK-named application's deadline exits 0" "$?" 0
expect_equal "that application expired at its deadline" "$(state_of A2026-000001)" expired
expect_equal "and a package dropped meanwhile was taken" "$(state_of A2026-000002)" in-review
expect "every XML file of the state is still well-formed" all_xml_well_formed "$state"

# ---- a state an earlier ecap left with raw names inside (layout version 1) ----
cp "$state/members.xml" "$work/names-members.xml"
new_state
cp "$work/names-members.xml" "$state/members.xml"
cp "$work/short.zip" "$state/dropbox/$gbk.zip"
printf 'not an archive' >"$state/dropbox/$gbk-bad.zip"
touch -d '@'$(( $(date +%s) - 100 )) "$state/dropbox/$gbk.zip" "$state/dropbox/$gbk-bad.zip"
run_ecap run "$state" --date 2026-11-24
# as ecap before version 2 wrote them: the GBK bytes raw in the XML
python3 - "$state" <<'PYTHON'
import glob, sys
for path in glob.glob(sys.argv[1] + "/store/dossiers/*.xml") + glob.glob(sys.argv[1] + "/quarantine/*.reason.xml"):
	with open(path, "rb") as f:
		data = f.read()
	with open(path, "wb") as f:
		f.write(data.replace(b"\\xC9\\xEA\\xC7\\xEB", b"\xC9\xEA\xC7\xEB"))
PYTHON
rm "$state/store/version"
expect "(the hand-made old state holds XML that does not parse)" \
	sh -c "! xmllint --noout '$state'/quarantine/*.reason.xml 2>/dev/null"
run_ecap run "$state" --date 2027-01-15
expect_equal "a run over that old state after the deadline exits 0" "$?" 0
"$ecap" init "$work/fresh" >/dev/null
expect_equal "it upgraded the state to the layout a new state has" \
	"$(cat "$state/store/version")" "$(cat "$work/fresh/store/version")"
expect "every XML file of the state is well-formed again" all_xml_well_formed "$state"
expect_equal "and the application expired at its deadline" "$(state_of A2026-000001)" expired
expect_equal "the quarantined input is in status, its name escaped" \
	"$(quarantine_code_of '\xC9\xEA\xC7\xEB-bad.zip')" archive-unreadable

# ---- kinds ----
cp "$top/samples/policy.xml" "$work/settle-policy.xml"
sed -i 's/settleSeconds="0"/settleSeconds="300"/' "$work/settle-policy.xml"
cp "$top/samples/members.xml" "$work/members.xml"
new_state "$work/settle-policy.xml"
sample=$(ls "$top/samples/dropbox" | head -1)
mkdir "$state/dropbox/folder.zip"
mkfifo "$state/dropbox/pipe.zip"
cp "$top/samples/dropbox/$sample" "$state/dropbox/future.zip"
touch -d '@'$(( $(date +%s) + 86400 )) "$state/dropbox/future.zip"
run_ecap run "$state" --date 2026-11-24
expect_equal "a run over a directory and a FIFO exits 0" "$?" 0
expect_equal "status names the directory: input-not-file" "$(left_code_of folder.zip)" input-not-file
expect_equal "and the FIFO" "$(left_code_of pipe.zip)" input-not-file
expect "both are left in place" test -d "$state/dropbox/folder.zip" -a -p "$state/dropbox/pipe.zip"
expect "a file dated a day ahead is taken, not kept waiting" test ! -e "$state/dropbox/future.zip"
expect_equal "it is an application now" \
	"$(xpath "count(/*/*[local-name()='application'])")" 1
run_ecap run "$state" --date 2026-11-25
expect_equal "the next run exits 0 too" "$?" 0
expect_equal "and status still names both" \
	"$(left_code_of folder.zip) $(left_code_of pipe.zip)" "input-not-file input-not-file"
"$ecap" status "$state" >"$work/table.txt"
expect "the table lists them under the inputs left in the dropbox" \
	sh -c "grep -q 'inputs left in the dropbox' '$work/table.txt' &&
	       grep -q 'dropbox/pipe.zip.*input-not-file' '$work/table.txt'"

# ---- state files that do not parse ----
first=$(ls "$state/store/dossiers" | head -1)
echo '<broken' >"$state/quarantine/garbage.zip.reason.xml"
mkdir -p "$state/store/records"
echo '<record' >"$state/store/records/x-0001.xml"
refresh_status
expect_equal "status lists a reason file that does not parse" \
	"$(xpath "count(/*/*[local-name()='unreadable'][@path='quarantine/garbage.zip.reason.xml'])")" 1
expect_equal "and a record" \
	"$(xpath "count(/*/*[local-name()='unreadable'][@path='store/records/x-0001.xml'])")" 1
expect "with what is wrong" sh -c "test -n \"\$(xmllint --xpath \"string(/*/*[local-name()='unreadable'][1])\" '$work/status.xml')\""
expect "the status document is valid against status.xsd" \
	xmllint --noout --schema "$top/xsd/status.xsd" "$work/status.xml"
rm "$state/quarantine/garbage.zip.reason.xml" "$state/store/records/x-0001.xml"

# ---- permissions, as an unprivileged user ----
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}
if [ "$(id -u)" -ne 0 ] || ! as_nobody true 2>/dev/null; then
	for what in unreadable-quarantined unreadable-left status-unreadable run-unreadable \
		    lock-unwritable; do
		test_count=$((test_count + 1))
		echo "ok $test_count # SKIP $what: needs root to run ecap as nobody"
	done
	done_testing
	exit
fi
new_state
cp "$top/samples/dropbox/$sample" "$state/dropbox/mine.zip"
chmod 000 "$state/dropbox/mine.zip"		# nobody's own, but unreadable
chown -R nobody:nogroup "$state"
cp "$top/samples/dropbox/$sample" "$state/dropbox/roots.zip"	# root's: cannot be moved
echo extra >>"$state/dropbox/roots.zip"
chmod 600 "$state/dropbox/roots.zip"
touch -d '@'$(( $(date +%s) - 100 )) "$state/dropbox/mine.zip" "$state/dropbox/roots.zip"
as_nobody "$ecap" run "$state" --date 2026-11-24 >"$work/ecap.out" 2>"$work/ecap.err"
expect_equal "a run as nobody over unreadable files exits 0" "$?" 0
as_nobody "$ecap" status "$state" --xml >"$work/status.xml"
code=$(xmllint --xpath "string(/*/*[local-name()='quarantined'][@input='dropbox/mine.zip']/@code)" "$work/status.xml")
expect_equal "an unreadable file it can move is quarantined: input-unreadable" "$code" input-unreadable
code=$(xmllint --xpath "string(/*/*[local-name()='left'][@input='dropbox/roots.zip']/@code)" "$work/status.xml")
expect_equal "one it cannot move is left and named by status: input-unreadable" "$code" input-unreadable
expect "the archive of that run verifies" "$ecap" audit verify "$state"/audit/*.tar.gz
as_nobody "$ecap" run "$state" --date 2026-11-25 >"$work/ecap.out" 2>"$work/ecap.err"
expect_equal "the next run exits 0 too" "$?" 0

# a state nobody may read: root's, 0700
new_state
as_nobody "$ecap" status "$state" >"$work/ecap.out" 2>"$work/ecap.err"
expect_equal "status on a state it cannot read exits 74" "$?" 74
expect "saying it cannot be read" grep -q "unable to read the state directory" "$work/ecap.err"
expect "not 'nothing yet'" sh -c "! grep -q 'nothing yet' '$work/ecap.out'"
as_nobody "$ecap" run "$state" --date 2026-11-24 >"$work/ecap.out" 2>"$work/ecap.err"
expect_equal "a run on a state it cannot read exits 74" "$?" 74
expect "saying it cannot be read, not that it is no state directory" \
	sh -c "grep -q 'unable to read the state directory' '$work/ecap.err' &&
	       ! grep -q 'not a state directory' '$work/ecap.err'"

# a lock file the run may not write
chown -R nobody:nogroup "$state"
: >"$state/lock"
chown root:root "$state/lock"
chmod 644 "$state/lock"
as_nobody "$ecap" run "$state" --date 2026-11-24 >"$work/ecap.out" 2>"$work/ecap.err"
expect_equal "a lock that cannot be written exits 74, not 75" "$?" 74
expect "with the system's reason" grep -q "Permission denied" "$work/ecap.err"
expect "and not 'in use'" sh -c "! grep -q 'in use' '$work/ecap.err'"

done_testing
