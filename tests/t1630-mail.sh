#!/bin/sh
# t1600-mail.sh - letters delivered by e-mail for real (formats.md §6,
# operations.md Mail): each letter's RFC 5322 message, written by the run,
# identical when rebuilt from the same inputs; `ecap mail` hands them to
# msmtp as the policy's sendmail, which delivers to an SMTP server on
# 127.0.0.1 started here (aiosmtpd). A failing sendmail leaves every message
# unsent and says why; `ecap mail` killed with -9 while sendmail holds a
# message, then run again, delivers the rest and nothing twice; the messages
# received are parsed: Chinese subject (RFC 2047), From, To, the PDF
# attachment valid. A letter without an address is named. A policy still
# holding the default's placeholders makes a run warn, in the summary and
# the log.
. "$(dirname "$0")/lib.sh"

# the Python that has aiosmtpd (Debian's python3-aiosmtpd is /usr/bin's)
server_python=""
for candidate in /usr/bin/python3 python3; do
	if "$candidate" -c 'import aiosmtpd' 2>/dev/null; then
		server_python=$candidate
		break
	fi
done
command -v msmtp >/dev/null 2>&1 || skip_all "msmtp is not installed (tools/setup-debian.sh)"
[ -n "$server_python" ] || skip_all "python3-aiosmtpd is not installed (tools/setup-debian.sh)"

run_date=2026-11-24
packages() {
	cat <<'EOF'
a.zip       --id A2026-160001 --seed 1601 --submitted 2026-11-02T09:00:00+08:00 --name 张伟 --defect statement-short
b.zip       --id A2026-160002 --seed 1602 --submitted 2026-11-02T10:00:00+08:00 --name 王芳 --defect missing-education
c.zip       --id A2026-160003 --seed 1603 --submitted 2026-11-03T09:00:00+08:00 --name 李娜 --defect commitment-unsigned
d.zip       --id A2026-160004 --seed 1604 --submitted 2026-11-03T10:00:00+08:00 --name 刘洋 --defect statement-short
e.zip       --id A2026-160005 --seed 1605 --submitted 2026-11-04T09:00:00+08:00 --name 陈静 --defect evidence-checksum
no-mail.zip --id A2026-160006 --seed 1606 --submitted 2026-11-04T10:00:00+08:00 --name 杨磊 --replace-re "<email>[^<]*</email>" ""
EOF
}

# a state with the six packages run on $run_date, in $state
build_state() {
	new_state
	packages | build_packages >"$work/build.out" 2>&1 || return 1
	drop a.zip b.zip c.zip d.zip e.zip no-mail.zip
	run_ecap run "$state" --date $run_date
}

expect "the first state is built and run" build_state
first=$work/first
mv "$state" "$first"
expect "the same inputs run again in a new state" build_state
messages=$(cd "$first/out/mail" && ls */*.eml | sort | tr '\n' ' ')
expect_equal "a message for each letter with an address, none for the form without one" \
	"$messages" "A2026-160001/01-returned.eml A2026-160002/01-returned.eml A2026-160003/01-returned.eml A2026-160004/01-returned.eml A2026-160005/01-returned.eml "
expect "the letter without an address was written, and a note that it has no message" \
	test -s "$first/out/notices/A2026-160006/01-returned.txt" -a -s "$first/out/mail/A2026-160006/01-returned.no-address"
rebuilt=0
for message in $messages; do
	cmp -s "$first/out/mail/$message" "$state/out/mail/$message" || rebuilt=1
done
report $rebuilt "a message rebuilt from the same inputs is the same, byte for byte (Message-ID, Date, boundary)"
expect "the log names each message" grep -q "A2026-160001: message out/mail/A2026-160001/01-returned.eml to" "$first"/out/reports/*.log
rm -rf "$state"
state=$first

# the messages as written: RFC 2047 subject in short encoded-words, the
# Message-ID from the society, the application and the letter
expect "the Message-ID is made of the letter, the application and the society" \
	grep -q '^Message-Id: <A2026-160001.01-returned.CSEE.ecap@csee.org.cn>$' "$state/out/mail/A2026-160001/01-returned.eml"
expect "the Date is the run's" grep -q '^Date: Tue, 24 Nov 2026 09:00:00 +0800$' "$state/out/mail/A2026-160001/01-returned.eml"
expect "no encoded-word is longer than 75 characters (RFC 2047 §2)" \
	sh -c "! grep -o '=?[^?]*?[bBqQ]?[^?]*?=' '$state'/out/mail/*/*.eml | cut -d: -f2- | awk 'length > 75' | grep -q ."

# the SMTP server, msmtp as the sendmail
mkdir -p "$work/received"
"$server_python" "$top/tests/tools/smtp-server.py" "$work/received" "$work/port" 120 \
	>"$work/server.out" 2>&1 &
server=$!
tries=0
while [ ! -s "$work/port" ] && [ $tries -lt 100 ] && kill -0 $server 2>/dev/null; do
	sleep 0.1
	tries=$((tries + 1))
done
expect "the SMTP server listens on 127.0.0.1" test -s "$work/port"
port=$(cat "$work/port" 2>/dev/null)
cat >"$work/msmtprc" <<EOF
defaults
auth off
tls off
logfile $work/msmtp.log
account local
host 127.0.0.1
port ${port:-25}
from ecap@csee.org.cn
account default : local
EOF
chmod 600 "$work/msmtprc"
# the sendmail: msmtp with this test's configuration; the call numbered
# in $work/slow first says so and waits (for the kill below)
cat >"$work/sendmail" <<EOF
#!/bin/sh
calls=\$(( \$(cat "$work/calls" 2>/dev/null || echo 0) + 1 ))
echo \$calls >"$work/calls"
if [ -f "$work/slow" ] && [ "\$calls" -eq "\$(cat "$work/slow")" ]; then
	sleep 60 &
	echo \$! >"$work/sleeper"
	echo \$\$ >"$work/sleeping"
	wait
fi
exec msmtp -C "$work/msmtprc" "\$@"
EOF
cat >"$work/failing-sendmail" <<'EOF'
#!/bin/sh
cat >/dev/null
echo "sendmail: 451 4.3.0 mail server temporarily unavailable" >&2
exit 75
EOF
chmod 755 "$work/sendmail" "$work/failing-sendmail"
use_sendmail() {
	sed -i "s|sendmail=\"[^\"]*\"|sendmail=\"$1\"|" "$state/policy.xml"
}
received_count() {
	ls "$work/received" | grep -c '\.eml$'
}

mail_of() {	# mail_of ID: the status of its first letter's e-mail
	xpath "string(/*/*[local-name()='application'][@id='$1']/*[local-name()='notice'][1]/@mail)"
}
expect_equal "status: messages not yet sent, and the letter without one" \
	"$(mail_of A2026-160001) $(mail_of A2026-160006)" "unsent no-address"
expect "the status table says so" \
	sh -c "'$ecap' status '$state' | grep -q 'A2026-160006/01-returned.html  no e-mail (no address): post it'"

use_sendmail "$work/failing-sendmail"
"$ecap" mail "$state" >"$work/mail.out" 2>"$work/mail.err"
expect_equal "a failing sendmail: ecap mail exits 1" "$?" 1
expect "it says which message failed, sendmail's exit status and its first line" \
	grep -q "^failed      A2026-160001/01-returned to zhang.wei@example.cn: $work/failing-sendmail exited 75: sendmail: 451 4.3.0 mail server temporarily unavailable$" "$work/mail.out"
expect "and nothing is recorded as sent" test ! -e "$state/store/mail-sent"

# a sendmail that hangs (a relay that never answers) is stopped after --timeout
cat >"$work/hanging-sendmail" <<EOF
#!/bin/sh
cat >/dev/null
echo \$\$ >>"$work/hanging"
exec sleep 60
EOF
chmod 755 "$work/hanging-sendmail"
use_sendmail "$work/hanging-sendmail"
started=$(date +%s)
"$ecap" mail "$state" --timeout 1 >"$work/mail.out" 2>"$work/mail.err"
expect_equal "a hanging sendmail: ecap mail exits 1" "$?" 1
expect "within about a second per message, not the minute sendmail would hang" \
	test $(($(date +%s) - started)) -lt 20
expect "it says the message was not sent and why" \
	grep -q "^failed      A2026-160001/01-returned to zhang.wei@example.cn: $work/hanging-sendmail did not finish within 1 seconds and was stopped (--timeout)$" "$work/mail.out"
expect "every message was tried" \
	grep -q "^mail: 0 sent, 0 sent before, 1 letters without a message, 5 failed$" "$work/mail.out"
expect "and nothing is recorded as sent" test ! -e "$state/store/mail-sent"
expect "no hanging sendmail is left running" \
	sh -c "for pid in \$(cat '$work/hanging'); do ! grep -q '^State:[[:space:]]*[RSDT]' /proc/\$pid/status 2>/dev/null || exit 1; done"
"$ecap" mail "$state" --timeout 0 >"$work/mail.out" 2>"$work/mail.err"
expect_equal "--timeout 0 is refused as a usage error" "$?" 64

use_sendmail "$work/sendmail"
if command -v flock >/dev/null 2>&1; then
	flock "$state/lock" "$ecap" mail "$state" >"$work/mail.out" 2>"$work/mail.err"
	expect_equal "while a run holds the state's lock, ecap mail exits 75 and sends nothing" \
		"$? $(cat "$work/calls" 2>/dev/null || echo 0)" "75 0"
else
	skip "ecap mail waits for a run's lock" "no flock(1)"
fi
"$ecap" mail "$state" --dry-run >"$work/mail.out" 2>"$work/mail.err"
expect_equal "--dry-run exits 0" "$?" 0
expect_equal "--dry-run lists the five messages" "$(grep -c '^would send ' "$work/mail.out")" 5
expect "--dry-run names the letter without an address" \
	grep -q "^no address  A2026-160006/01-returned: " "$work/mail.out"
expect_equal "--dry-run sends nothing" "$(received_count) $(cat "$work/calls" 2>/dev/null || echo 0)" "0 0"

# killed while sendmail holds the third message
echo 3 >"$work/slow"
"$ecap" mail "$state" >"$work/killed.out" 2>"$work/killed.err" &
mailer=$!
tries=0
while [ ! -s "$work/sleeping" ] && [ $tries -lt 300 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
expect "ecap mail reaches the third message" test -s "$work/sleeping"
kill -9 $mailer 2>/dev/null
wait $mailer 2>/dev/null
sleep 0.5
expect_equal "killed: two messages delivered and recorded" \
	"$(received_count) $(find "$state/store/mail-sent" -type f | wc -l | tr -d ' ')" "2 2"
# gone, or a zombie no one has reaped yet
expect "the sendmail that held the third message died with ecap mail" \
	sh -c "! grep -q '^State:[[:space:]]*[RSDT]' /proc/\$(cat '$work/sleeping')/status 2>/dev/null"
kill "$(cat "$work/sleeper" 2>/dev/null)" 2>/dev/null
rm -f "$work/slow"

"$ecap" mail "$state" >"$work/mail.out" 2>"$work/mail.err"
expect_equal "the rerun exits 0" "$?" 0
expect "the rerun sends the three others" \
	grep -q "^mail: 3 sent, 2 sent before, 1 letters without a message, 0 failed$" "$work/mail.out"
"$ecap" mail "$state" >"$work/mail.out" 2>"$work/mail.err"
expect "a third run sends nothing" \
	grep -q "^mail: 0 sent, 5 sent before, 1 letters without a message, 0 failed$" "$work/mail.out"
sleep 0.3
expect_equal "five messages received" "$(received_count)" 5
expect_equal "status: sent" "$(mail_of A2026-160001) $(mail_of A2026-160005) $(mail_of A2026-160006)" \
	"sent sent no-address"
refresh_status
expect "the status validates against xsd/status.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"

# a later run's letter (a rejection: the roster lacks the applicant): its message is the only one sent next
make_package f.zip --id A2026-160007 --seed 1607 --submitted 2026-11-05T09:00:00+08:00 \
	--name 赵敏 --defect statement-short >/dev/null
drop f.zip
expect "a later run completes" run_ecap run "$state" --date 2026-11-25
"$ecap" mail "$state" >"$work/mail.out" 2>"$work/mail.err"
expect "after it, ecap mail sends its one new message" \
	grep -q "^mail: 1 sent, 5 sent before, 1 letters without a message, 0 failed$" "$work/mail.out"
sleep 0.3
expect_equal "six messages received" "$(received_count)" 6
expect "the audit chain is intact with the mail records in the store" "$ecap" audit verify "$state"

kill $server 2>/dev/null
wait $server 2>/dev/null

# the messages received, parsed
"$server_python" - "$work/received" "$state" >"$work/parsed.out" 2>&1 <<'EOF'
import email, email.policy, glob, os, subprocess, sys
received, state = sys.argv[1], sys.argv[2]
ids = {}
problems = []
for path in sorted(glob.glob(os.path.join(received, "*.eml"))):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    mid = str(message["Message-ID"])
    ids[mid] = ids.get(mid, 0) + 1
    application, letter = mid.strip("<>").split(".")[0:2]
    kind = letter.split("-")[1]
    wording = {"returned": "申请材料退回补正通知", "rejected": "申请不予受理通知"}.get(kind, "?")
    subject = str(message["Subject"])
    if subject != "【中国电机工程学会】 工程能力评价 %s %s" % (wording, application):
        problems.append("%s: subject %r" % (path, subject))
    if message["From"].addresses[0].addr_spec != "ecap@csee.org.cn":
        problems.append("%s: from %s" % (path, message["From"]))
    form = open(os.path.join(state, "store", "dossiers", application + ".xml"), encoding="utf-8").read()
    to = message["To"].addresses[0].addr_spec
    if "<email>%s</email>" % to not in form:
        problems.append("%s: to %s is not the form's" % (path, to))
    with open(path + ".rcpt") as f:
        if f.read().split() != [to]:
            problems.append("%s: delivered to another address than To" % path)
    body = message.get_body(("plain",))
    text = open(os.path.join(state, "out", "notices", application, letter + ".txt"), encoding="utf-8").read()
    if body.get_content_charset() != "utf-8" or body.get_content() != text:
        problems.append("%s: the body is not the letter's text" % path)
    attachments = list(message.iter_attachments())
    names = [a.get_filename() for a in attachments]
    if names != ["%s-%s.pdf" % (application, letter)]:
        problems.append("%s: attachments %s" % (path, names))
    for a in attachments:
        pdf = os.path.join(received, a.get_filename())
        with open(pdf, "wb") as out:
            out.write(a.get_content())
        if subprocess.run(["pdfinfo", pdf], capture_output=True).returncode != 0:
            problems.append("%s: %s is not a valid PDF" % (path, a.get_filename()))
        if open(pdf, "rb").read() != open(os.path.join(state, "out", "notices", application, letter + ".pdf"), "rb").read():
            problems.append("%s: the PDF is not the letter's" % path)
twice = [m for m, n in ids.items() if n != 1]
print("messages", len(ids), "twice", len(twice))
for p in problems:
    print(p)
sys.exit(1 if problems or twice else 0)
EOF
report $? "each message received once, with its Chinese subject, From, To, body and PDF right"
expect "six distinct messages" grep -q "^messages 6 twice 0$" "$work/parsed.out"

# placeholders: the default policy warns on every run, the sample does not
expect "the sample policy's run did not warn" sh -c "! grep -q placeholder '$work/ecap.out'"
state=$work/default-state
"$ecap" init "$state" >/dev/null
cp "$work/a.zip" "$state/dropbox/a.zip"
touch -d "@$(( $(date +%s) - 100 ))" "$state/dropbox/a.zip"
run_ecap run "$state" --date $run_date
expect "a run under the default policy warns in its summary" \
	grep -q "warning: the policy still holds placeholders of the default policy (contact address, contact phone, contact email, contact web, signatory name, mail from)" "$work/ecap.out"
expect "and in its log" grep -q "warning: the policy still holds placeholders" "$state"/out/reports/*.log
run_ecap run "$state" --date $run_date
expect "every run warns, one that changed nothing too" grep -q "warning: the policy still holds placeholders" "$work/ecap.out"

# a policy without <mail>: letters, no messages, and ecap mail says so
state=$work/no-mail-state
sed '/<mail /d' "$top/samples/policy.xml" >"$work/no-mail-policy.xml"
cp "$work/first/members.xml" "$work/members.xml"	# with the test's applicants
"$ecap" init "$state" --policy "$work/no-mail-policy.xml" >/dev/null
cp "$work/a.zip" "$state/dropbox/a.zip"
touch -d "@$(( $(date +%s) - 100 ))" "$state/dropbox/a.zip"
run_ecap run "$state" --date $run_date
expect "without <mail> in the policy, a letter and no message" \
	test -s "$state/out/notices/A2026-160001/01-returned.txt" -a ! -e "$state/out/mail"
"$ecap" mail "$state" >"$work/mail.out" 2>"$work/mail.err"
expect "ecap mail names the letter without a message" \
	grep -q "^no message  A2026-160001/01-returned: written before ecap wrote messages, or under a policy without <mail>: post the letter$" "$work/mail.out"

done_testing
