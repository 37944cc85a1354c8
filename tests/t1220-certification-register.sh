#!/bin/sh
# t1220-certification-register.sh - certificates and the register (R7) over
# several runs, every certificate earned through the full process (review,
# for the upgrade an interview, publicity): registration numbers given in
# order and never reused or skipped, serials, expiry the day before the
# fifth anniversary, the certificate's XML and SVG, the public register; the
# status actions (suspend, restore, a restore refused, cancel, revoke for
# fraud and the lifetime ban), an upgrade refused while suspended and
# certified after the restore under the same registration number, and the
# expiry of a certificate by date.
. "$(dirname "$0")/lib.sh"

# reviews ID RECOMMENDATION: two review records (EX-008, EX-011) for ID,
# dated $record_date, dropped
reviews() {
	for examiner in EX-008 EX-011; do
		{
			printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
				"$1" "$examiner" "$record_date"
			for dimension in knowledge ethics teamwork learning leadership; do
				printf '  <dimension code="%s" met="%s">%s</dimension>\n' "$dimension" \
					"$([ "$2" = pass ] && echo true || echo false)" "考官意见。"
			done
			printf '  <recommendation>%s</recommendation>\n</reviewRecord>\n' "$2"
		} >"$work/$1-$examiner.xml"
		drop "$1-$examiner.xml"
	done
}

# status_action NAME REGISTRATION ACTION REFERENCE [FRAUD]: $work/NAME, dropped
status_action() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="urn:ecap:1" registration="%s" action="%s" date="%s" reference="%s"%s>%s</statusAction>\n' \
		"$2" "$3" "$record_date" "$4" "${5:+ fraud=\"$5\"}" "经学会核查决定。" >"$work/$1"
	drop "$1"
}

record_outcome() {
	xpath "concat(//*[local-name()='record'][@input='dropbox/$1']/@state, ' ', //*[local-name()='record'][@input='dropbox/$1']/@code)" |
		sed 's/ *$//'
}

dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | grep -v -- '-acknowledgment\.' | tr '\n' ' ' | sed 's/ $//'
}

# register_value XPATH: over `ecap register --xml` (refreshed first)
register_value() {
	"$ecap" register "$state" --xml >"$work/register.xml"
	xmllint --xpath "string($1)" "$work/register.xml" 2>/dev/null
}

# certificate_status SERIAL: its status in the register
certificate_status() {
	register_value "//*[local-name()='certificate'][@serial='$1']/@status"
}

# certified ID: "registration serial issued expires" of ID's last certification
certified() {
	dossier_value $1 "concat(//*[local-name()='certification'][last()]/@registration, ' ', //*[local-name()='certification'][last()]/@serial, ' ', //*[local-name()='certification'][last()]/@issued, ' ', //*[local-name()='certification'][last()]/@expires)"
}

sequence() {
	cat "$state/store/registration-sequence" 2>/dev/null | tr -d ' \n'
}

run_id() {
	sed -n '1s/^run \([^:]*\):.*/\1/p' "$work/ecap.out"
}

check_everything() {
	refresh_status
	expect "$1: the status validates against xsd/status.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
	expect "$1: every dossier validates against xsd/dossier.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
	"$ecap" register "$state" --xml >"$work/register.xml"
	expect "$1: the register validates against xsd/register.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/register.xsd" "$work/register.xml"
	cut -d' ' -f2 "$work/ids" | sort -u | grep -v '^-*$' >"$work/id-numbers"
	expect "$1: no file under out/ holds a full ID number" \
		sh -c "test -s '$work/id-numbers' && ! grep -rF -f '$work/id-numbers' '$state/out'"
	expect "$1: nor the register, nor its table" \
		sh -c "! grep -F -f '$work/id-numbers' '$work/register.xml' && ! '$ecap' register '$state' | grep -F -f '$work/id-numbers'"
}

A=A2026-122001		# apprentice 张伟: CSEE-000001; suspended, restored, upgraded
B=A2026-122002		# apprentice 王建国: CSEE-000002; cancelled
D=A2026-122003		# apprentice 赵磊: CSEE-000003; expires 2031-11-17
X=A2026-122004		# fails its review: no number
C=A2026-122005		# apprentice 刘洋, a later run: CSEE-000004; revoked for fraud
A_UP1=A2026-122011	# A's upgrade while suspended: not-holder
A_UP2=A2026-122012	# A's upgrade after the restore: CSEE-000001-2
C_AGAIN=A2026-122013	# C applies again: banned
E=A2026-122014		# apprentice 周强, after the revocation: CSEE-000005
employer=华北电力设计院有限公司
person_a="--name 张伟 --birth 1990-03-07 --id-number 110101199003071233 --member M-2016-122001 --degree master --years 6 --employer $employer"
person_c="--name 刘洋 --birth 1992-08-21 --id-number 44010619920821067X --member M-2017-122005 --degree bachelor --years 3 --employer $employer"

new_state
expect "the packages are built" build_packages <<EOF
a.zip      --id $A --seed 5401 --level apprentice $person_a --submitted 2026-10-26T09:00:00+08:00
b.zip      --id $B --seed 5402 --level apprentice --name 王建国 --birth 1988-05-12 --id-number 310104198805120457 --employer $employer --submitted 2026-10-26T09:10:00+08:00
d.zip      --id $D --seed 5403 --level apprentice --name 赵磊 --birth 1985-01-30 --id-number 510107198501300893 --employer $employer --submitted 2026-10-26T09:20:00+08:00
x.zip      --id $X --seed 5404 --level apprentice --employer $employer --submitted 2026-10-26T09:30:00+08:00
c.zip      --id $C --seed 5405 --level apprentice $person_c --submitted 2026-10-26T09:40:00+08:00
a-up1.zip  --id $A_UP1 --seed 5401 --kind upgrade --level professional --holding CSEE-000001:apprentice $person_a --submitted 2026-11-19T09:00:00+08:00
a-up2.zip  --id $A_UP2 --seed 5401 --kind upgrade --level professional --holding CSEE-000001:apprentice $person_a --submitted 2026-11-22T09:00:00+08:00
c-again.zip --id $C_AGAIN --seed 5405 --level apprentice $person_c --submitted 2026-11-22T10:00:00+08:00
e.zip      --id $E --seed 5406 --level apprentice --name 周强 --birth 1991-06-15 --id-number 320102199106151012 --employer $employer --submitted 2026-11-22T11:00:00+08:00
EOF

# run 1, 2026-11-02: five applications in review
drop a.zip b.zip d.zip x.zip c.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
expect "the five are accepted" grep -q "5 accepted" "$work/ecap.out"

# run 2, Tuesday 2026-11-10: A, B, D pass (publicity to 2026-11-17), X fails
record_date=2026-11-10
reviews $A pass
reviews $B pass
reviews $D pass
reviews $X fail
expect "the run of 2026-11-10 completes" run_ecap run "$state" --date 2026-11-10
expect_equal "A, B, D in publicity; X failed" \
	"$(state_of $A) $(state_of $B) $(state_of $D) $(state_of $X)" "publicity publicity publicity failed"

# run 3, Thursday 2026-11-12: C passes (publicity to 2026-11-19)
record_date=2026-11-12
reviews $C pass
expect "the run of 2026-11-12 completes" run_ecap run "$state" --date 2026-11-12
expect_equal "C in publicity until 2026-11-19" \
	"$(state_of $C) $(dossier_value $C "//*[local-name()='publicity']/@ends")" "publicity 2026-11-19"
expect_equal "no registration number given before any certificate" "$(sequence)" ""

# run 4, 2026-11-18: A, B, D certified, numbered in order
expect "the run of 2026-11-18 completes" run_ecap run "$state" --date 2026-11-18
expect_equal "A: CSEE-000001, serial -1, expires the day before the fifth anniversary" \
	"$(certified $A)" "CSEE-000001 CSEE-000001-1 2026-11-18 2031-11-17"
expect_equal "B: CSEE-000002" "$(certified $B)" "CSEE-000002 CSEE-000002-1 2026-11-18 2031-11-17"
expect_equal "D: CSEE-000003" "$(certified $D)" "CSEE-000003 CSEE-000003-1 2026-11-18 2031-11-17"
expect_equal "X (failed) got no number; C (publicity) not yet" \
	"$(certified $X)|$(certified $C)|$(state_of $C)" "   |   |publicity"
expect_equal "the sequence stands at 3" "$(sequence)" 3
expect_equal "A: a certified letter" "$(letters $A)" "02-certified.html 02-certified.pdf 02-certified.txt"
expect_equal "the status names A's certificate" \
	"$(xpath "string(//*[local-name()='application'][@id='$A']/*[local-name()='certificate']/@serial)")" \
	CSEE-000001-1
certificate="$state/out/certificates/CSEE-000001-1"
expect "the certificate CSEE-000001-1.xml validates against xsd/certificate.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/certificate.xsd" "$certificate.xml"
expect_equal "the certificate's data" \
	"$(xmllint --xpath "concat(/*/@registration, ' ', /*/@name, ' ', /*/@level, ' ', /*/@levelName, ' ', /*/@issued, ' ', /*/@expires, ' ', /*/@society)" "$certificate.xml")" \
	"CSEE-000001 张伟 apprentice 见习工程会员 2026-11-18 2031-11-17 CSEE"
expect_equal "the verification code is the one in the dossier" \
	"$(xmllint --xpath "string(/*/@verification)" "$certificate.xml")" \
	"$(dossier_value $A "//*[local-name()='certification']/@verification")"
expect "the SVG parses" xmllint --noout --nonet "$certificate.svg"
expect_equal "the SVG is A4 landscape: 297mm wide" \
	"$(xmllint --xpath "string(/*/@width)" "$certificate.svg" 2>/dev/null)" 297mm
expect "the SVG names the holder" grep -q '张伟' "$certificate.svg"
# the certificate letter's e-mail carries the letter's PDF and the certificate, PDF and XML
python3 - "$state/out/mail/$A/02-certified.eml" "$certificate" >"$work/mail-parts" 2>&1 <<'PY'
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    message = email.message_from_binary_file(f, policy=email.policy.default)
for part in message.iter_attachments():
    same = part.get_content() == open(sys.argv[2] + part.get_filename()[-4:], "rb").read() \
        if part.get_filename().startswith("CSEE") else True
    print(part.get_filename(), part.get_content_type(), "same" if same else "differs")
PY
expect_equal "the certified letter's message attaches the letter and the certificate" \
	"$(tr '\n' ' ' <"$work/mail-parts")" \
	"$A-02-certified.pdf application/pdf same CSEE-000001-1.pdf application/pdf same CSEE-000001-1.xml application/xml same "
expect_equal "nine certificate files (three XML, three SVG, three PDF)" \
	"$(ls "$state/out/certificates" | wc -l | tr -d ' ')" 9
expect_equal "the register: three members, all valid" \
	"$(register_value "concat(count(//*[local-name()='member']), ' ', count(//*[local-name()='certificate'][@status='valid']))")" \
	"3 3"
expect_equal "the register shows the masked ID number" \
	"$(register_value "//*[local-name()='member'][@registration='CSEE-000001']/@idMasked")" \
	"$(dossier_value $A "/*/@idMasked")"
check_everything "after the first certificates"

# run 5, 2026-11-20: C certified (CSEE-000004); A suspended, B cancelled;
# A's upgrade while suspended
record_date=2026-11-20
status_action suspend-a.xml CSEE-000001 suspend CSEE-DISC-2026-001
status_action cancel-b.xml CSEE-000002 cancel CSEE-DISC-2026-002
drop a-up1.zip
expect "the run of 2026-11-20 completes" run_ecap run "$state" --date 2026-11-20
run5=$(run_id)
expect_equal "C: a later run gives the next number, CSEE-000004" \
	"$(certified $C)" "CSEE-000004 CSEE-000004-1 2026-11-20 2031-11-19"
expect_equal "the suspension applied" "$(record_outcome suspend-a.xml)" applied
expect_equal "A's certificate suspended in the register" "$(certificate_status CSEE-000001-1)" suspended
expect_equal "a status letter to A" "$(letters CSEE-000001)" "01-status.html 01-status.pdf 01-status.txt"
expect "the letter shows the masked ID number" \
	grep -qF "$(dossier_value $A "/*/@idMasked")" "$state/out/notices/CSEE-000001/01-status.txt"
expect "the status letter's message goes to the address of A's form" \
	grep -q '^To: .* <zhang.wei@example.cn>$' "$state/out/mail/CSEE-000001/01-status.eml"
expect_equal "B's certificate cancelled" "$(certificate_status CSEE-000002-1)" cancelled
expect_equal "a status letter to B" "$(letters CSEE-000002)" "01-status.html 01-status.pdf 01-status.txt"
expect "a public notice of the changes" test -s "$state/out/public/$run5-register-changes.html"
report="$state/out/reports/$run5-register-changes.xml"
expect "the report to the federation validates against xsd/register-changes.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/register-changes.xsd" "$report"
expect_equal "the report holds both changes" \
	"$(xmllint --xpath "concat(count(/*/*[local-name()='registerChange']), ' ', /*/*[@registration='CSEE-000001']/@action, ' ', /*/*[@registration='CSEE-000001']/@to, ' ', /*/*[@registration='CSEE-000002']/@action, ' ', /*/*[@registration='CSEE-000002']/@to)" "$report")" \
	"2 suspend suspended cancel cancelled"
expect "the public notice names A" grep -q '张伟' "$state/out/public/$run5-register-changes.html"
expect_equal "an upgrade while suspended: rejected, not-holder" \
	"$(state_of $A_UP1) $(reasons_of $A_UP1)" "rejected not-holder"

# run 6, Monday 2026-11-23: A restored (a second restore refused); C revoked
# for fraud and banned; C applies again; A's upgrade; E's application
record_date=2026-11-23
status_action restore-a.xml CSEE-000001 restore CSEE-DISC-2026-003
status_action restore-a-again.xml CSEE-000001 restore CSEE-DISC-2026-004
status_action revoke-c.xml CSEE-000004 revoke CSEE-DISC-2026-005 true
status_action suspend-nobody.xml CSEE-000099 suspend CSEE-DISC-2026-006
drop a-up2.zip c-again.zip e.zip
expect "the run of 2026-11-23 completes" run_ecap run "$state" --date 2026-11-23
run6=$(run_id)
expect_equal "A restored: valid" "$(certificate_status CSEE-000001-1)" valid
expect_equal "restoring a valid certificate: refused, record-wrong-state" \
	"$(record_outcome restore-a-again.xml)" "refused record-wrong-state"
expect_equal "A: the suspension and the restore, two letters" "$(letters CSEE-000001)" \
	"01-status.html 01-status.pdf 01-status.txt 02-status.html 02-status.pdf 02-status.txt"
expect_equal "C revoked" "$(certificate_status CSEE-000004-1)" revoked
expect_equal "C banned for life" "$(register_value "//*[local-name()='member'][@registration='CSEE-000004']/@banned")" true
expect_equal "the report of this run: restore and revoke, with fraud" \
	"$(xmllint --xpath "concat(count(/*/*[local-name()='registerChange']), ' ', /*/*[@registration='CSEE-000001']/@action, ' ', /*/*[@registration='CSEE-000004']/@action, ' ', /*/*[@registration='CSEE-000004']/@fraud)" "$state/out/reports/$run6-register-changes.xml" 2>/dev/null)" \
	"2 restore revoke true"
expect "it validates against xsd/register-changes.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/register-changes.xsd" "$state/out/reports/$run6-register-changes.xml"
expect_equal "an action on an unknown registration is refused" \
	"$(record_outcome suspend-nobody.xml)" "refused record-unknown-application"
expect_equal "C applies again with the same ID number: rejected, banned" \
	"$(state_of $C_AGAIN) $(reasons_of $C_AGAIN)" "rejected banned"
expect_equal "A's upgrade after the restore: in review" "$(state_of $A_UP2)" in-review
expect_equal "E in review" "$(state_of $E)" in-review

# run 7, Tuesday 2026-11-24: reviews (A's upgrade: a professional, interviewed)
record_date=2026-11-24
reviews $A_UP2 pass
reviews $E pass
expect "the run of 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24
expect_equal "A's upgrade awaits its interview; E in publicity" \
	"$(state_of $A_UP2) $(state_of $E)" "awaiting-interview publicity"

# run 8, Wednesday 2026-11-25: A's interview (publicity to 2026-12-02)
record_date=2026-11-25
cat >"$work/a-sheet.xml" <<EOF
<interviewSheet xmlns="urn:ecap:1" application="$A_UP2" date="2026-11-25">
  <panel><examiner id="EX-017"/><examiner id="EX-021"/><examiner id="EX-030"/></panel>
  <segment kind="presentation" minutes="10"/>
  <segment kind="questions" minutes="40"/>
  <segment kind="deliberation" minutes="10"/>
  <projectsPresented>3</projectsPresented>
  <score dimension="knowledge">28</score>
  <score dimension="ethics">16</score>
  <score dimension="teamwork">12</score>
  <score dimension="learning">11</score>
  <score dimension="leadership">12</score>
</interviewSheet>
EOF
drop a-sheet.xml
expect "the run of 2026-11-25 completes" run_ecap run "$state" --date 2026-11-25
expect_equal "A's upgrade in publicity until 2026-12-02" \
	"$(state_of $A_UP2) $(dossier_value $A_UP2 "//*[local-name()='publicity']/@ends")" "publicity 2026-12-02"

# run 9, 2026-12-03: E and A's upgrade certified
expect "the run of 2026-12-03 completes" run_ecap run "$state" --date 2026-12-03
expect_equal "E: CSEE-000005 (the revoked CSEE-000004 is not reused)" \
	"$(certified $E)" "CSEE-000005 CSEE-000005-1 2026-12-03 2031-12-02"
expect_equal "A's upgrade: the same registration, serial -2, professional" \
	"$(certified $A_UP2) $(dossier_value $A_UP2 "//*[local-name()='certification']/@level")" \
	"CSEE-000001 CSEE-000001-2 2026-12-03 2031-12-02 professional"
expect_equal "the upgrade's certification says upgrade" \
	"$(dossier_value $A_UP2 "//*[local-name()='certification']/@kind")" upgrade
expect_equal "the old certificate superseded, the new one valid" \
	"$(certificate_status CSEE-000001-1) $(certificate_status CSEE-000001-2)" "superseded valid"
expect_equal "A is one member with two certificates" \
	"$(register_value "concat(count(//*[local-name()='member'][@registration='CSEE-000001']), ' ', count(//*[local-name()='member'][@registration='CSEE-000001']/*[local-name()='certificate']))")" \
	"1 2"
expect_equal "the sequence stands at 5, nothing skipped" "$(sequence)" 5
expect_equal "registrations in the register: 1 to 5, each once" \
	"$(register_value "concat(count(//*[local-name()='member']), ' ', count(//*[local-name()='member'][@registration='CSEE-000001' or @registration='CSEE-000002' or @registration='CSEE-000003' or @registration='CSEE-000004' or @registration='CSEE-000005']))")" \
	"5 5"
expect "the new certificate validates" \
	xmllint --noout --nonet --schema "$top/xsd/certificate.xsd" "$state/out/certificates/CSEE-000001-2.xml"
expect_equal "its level is professional" \
	"$(xmllint --xpath "concat(/*/@level, ' ', /*/@levelName)" "$state/out/certificates/CSEE-000001-2.xml")" \
	"professional 专业工程会员"
check_everything "after the upgrade"

# runs 10 and 11: D's certificate expires 2031-11-17
expect "the run of 2031-11-17 completes" run_ecap run "$state" --date 2031-11-17
expect_equal "on its expiry date D's certificate is still valid" "$(certificate_status CSEE-000003-1)" valid
# the only letter so far is the reminder before expiry (R9, reminderMonths 6)
expect_equal "no status letter to D yet, its reminder only" "$(letters CSEE-000003)" \
	"01-reminder.html 01-reminder.pdf 01-reminder.txt"
expect "the run of 2031-11-18 completes" run_ecap run "$state" --date 2031-11-18
run11=$(run_id)
expect_equal "the day after: expired" "$(certificate_status CSEE-000003-1)" expired
expect_equal "a status letter to D" "$(letters CSEE-000003)" \
	"01-reminder.html 01-reminder.pdf 01-reminder.txt 02-status.html 02-status.pdf 02-status.txt"
expect_equal "the report: one expiry of D, dated the day after the expiry" \
	"$(xmllint --xpath "concat(count(/*/*[local-name()='registerChange']), ' ', /*/*[1]/@registration, ' ', /*/*[1]/@action, ' ', /*/*[1]/@from, ' ', /*/*[1]/@to, ' ', /*/*[1]/@date)" "$state/out/reports/$run11-register-changes.xml" 2>/dev/null)" \
	"1 CSEE-000003 expire valid expired 2031-11-18"
# six letters before, and the reminder for A's new certificate (expires 2031-12)
expect_equal "A's superseded certificate (same expiry) is left alone" \
	"$(certificate_status CSEE-000001-1) $(letters CSEE-000001 | wc -w | tr -d ' ')" "superseded 9"
expect_equal "B's cancelled and C's revoked certificates stay so" \
	"$(certificate_status CSEE-000002-1) $(certificate_status CSEE-000004-1)" "cancelled revoked"
expect_equal "E and A's new certificate are still valid" \
	"$(certificate_status CSEE-000005-1) $(certificate_status CSEE-000001-2)" "valid valid"
check_everything "at the end"

done_testing
