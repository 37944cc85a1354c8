#!/bin/sh
# t1260-fraud-revocation.sh - a revocation for fraud bans the person for life
# (R1.4, R7) and ends every open application of theirs in the same run:
# the holder's upgrade awaiting its interview is rejected (banned) with its
# letter, records are applied before packages so a new application sent in
# the same run is rejected too, also with the check character written x; the
# applications of other people are untouched, and a later interview sheet
# for the ended upgrade is refused.
. "$(dirname "$0")/lib.sh"

# reviews ID RECOMMENDATION: two review records for ID, dated $record_date
reviews() {
	for examiner in EX-008 EX-011; do
		{
			printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
				"$1" "$examiner" "$record_date"
			for dimension in knowledge ethics teamwork learning leadership; do
				printf '  <dimension code="%s" met="true">考官意见。</dimension>\n' "$dimension"
			done
			printf '  <recommendation>%s</recommendation>\n</reviewRecord>\n' "$2"
		} >"$work/$1-$examiner-$record_date.xml"
		drop "$1-$examiner-$record_date.xml"
	done
}

dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

record_outcome() {
	xpath "concat(//*[local-name()='record'][@input='dropbox/$1']/@state, ' ', //*[local-name()='record'][@input='dropbox/$1']/@code)" |
		sed 's/ *$//'
}

C=A2026-126001		# 刘洋, ID ending in X: CSEE-000001, revoked for fraud
D=A2026-126002		# 王建国: in review all along (control)
C_UP=A2026-126011	# C's upgrade, awaiting its interview when C is revoked
C_AGAIN=A2026-126012	# C applies again in the run of the revocation, with x
employer=华北电力设计院有限公司
person_c="--name 刘洋 --birth 1992-08-21 --member M-2017-126001 --degree bachelor --years 6 --employer $employer"

new_state
expect "the packages are built" build_packages <<EOF
c.zip       --id $C --seed 6601 --level apprentice $person_c --id-number 44010619920821067X --submitted 2026-10-26T09:00:00+08:00
c-up.zip    --id $C_UP --seed 6601 --kind upgrade --level professional --holding CSEE-000001:apprentice $person_c --id-number 44010619920821067X --submitted 2026-11-19T09:00:00+08:00
d.zip       --id $D --seed 6602 --level apprentice --name 王建国 --birth 1988-05-12 --id-number 310104198805120457 --employer $employer --submitted 2026-11-19T09:10:00+08:00
c-again.zip --id $C_AGAIN --seed 6601 --level apprentice $person_c --id-number 44010619920821067x --submitted 2026-11-25T09:00:00+08:00
EOF

# runs 1 to 3: C certified
drop c.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
record_date=2026-11-10
reviews $C pass
expect "the run of 2026-11-10 completes" run_ecap run "$state" --date 2026-11-10
expect "the run of 2026-11-18 completes" run_ecap run "$state" --date 2026-11-18
expect_equal "C certified as CSEE-000001" \
	"$(state_of $C) $(dossier_value $C "//*[local-name()='certification']/@registration")" \
	"certified CSEE-000001"

# run 4, 2026-11-20: C's upgrade and D's application in review
drop c-up.zip d.zip
expect "the run of 2026-11-20 completes" run_ecap run "$state" --date 2026-11-20
expect_equal "both accepted" "$(state_of $C_UP) $(state_of $D)" "in-review in-review"

# run 5, 2026-11-24: the upgrade passes its review and awaits the interview
record_date=2026-11-24
reviews $C_UP pass
expect "the run of 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24
expect_equal "the upgrade awaits its interview" "$(state_of $C_UP)" awaiting-interview
before_d=$(sha256sum "$state/store/dossiers/$D.xml" | cut -c1-64)

# run 6, 2026-11-26: C revoked for fraud; C applies again (x for X)
record_date=2026-11-26
printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="urn:ecap:1" registration="CSEE-000001" action="revoke" date="%s" reference="CSEE-DISC-2026-126" fraud="true">经查实，申请材料中的工作经历系伪造。</statusAction>\n' \
	"$record_date" >"$work/revoke-c.xml"
drop revoke-c.xml c-again.zip
expect "the run of 2026-11-26 completes" run_ecap run "$state" --date 2026-11-26
expect_equal "the revocation applied" "$(record_outcome revoke-c.xml)" applied
expect_equal "C's open upgrade rejected in the same run: banned" \
	"$(state_of $C_UP) $(reasons_of $C_UP)" "rejected banned"
expect_equal "its letters: the acknowledgment, the interview invitation, then the rejection" \
	"$(letters $C_UP)" \
	"01-acknowledgment.html 01-acknowledgment.pdf 01-acknowledgment.txt 02-interview.html 02-interview.pdf 02-interview.txt 03-rejected.html 03-rejected.pdf 03-rejected.txt"
expect "the rejection letter says the ban" \
	grep -q '申请人已被终身禁止申请' "$state/out/notices/$C_UP/03-rejected.txt"
expect_equal "the rejection is dated the run of the revocation" \
	"$(dossier_value $C_UP "//*[local-name()='validation'][last()]/@date")" 2026-11-26
expect_equal "C's new application, x for X, rejected: banned" \
	"$(state_of $C_AGAIN) $(reasons_of $C_AGAIN)" "rejected banned"
expect_equal "with its letter" "$(letters $C_AGAIN)" \
	"01-rejected.html 01-rejected.pdf 01-rejected.txt"
expect_equal "C's certified application is left as it was" "$(state_of $C)" certified
expect_equal "D's application is untouched" \
	"$(sha256sum "$state/store/dossiers/$D.xml" | cut -c1-64)" "$before_d"
expect "the log tells of the ended application" \
	grep -q 'revocation for fraud: 1 open application' "$state"/out/reports/*.log

# run 7, 2026-12-04: an interview sheet for the ended upgrade is refused
cat >"$work/sheet.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<interviewSheet xmlns="urn:ecap:1" application="$C_UP" date="2026-12-03">
  <panel><examiner id="EX-017"/><examiner id="EX-021"/><examiner id="EX-030"/></panel>
  <segment kind="presentation" minutes="10"/>
  <segment kind="questions" minutes="35"/>
  <segment kind="deliberation" minutes="10"/>
  <projectsPresented>2</projectsPresented>
  <score dimension="knowledge">30</score>
  <score dimension="ethics">13</score>
  <score dimension="teamwork">13</score>
  <score dimension="learning">13</score>
  <score dimension="leadership">13</score>
</interviewSheet>
EOF
drop sheet.xml
expect "the run of 2026-12-04 completes" run_ecap run "$state" --date 2026-12-04
expect_equal "the sheet is refused: the upgrade is no longer awaiting it" \
	"$(record_outcome sheet.xml)" "refused record-wrong-state"
expect_equal "the upgrade stays rejected, no certificate" \
	"$(state_of $C_UP) $(ls "$state/out/certificates" | grep -c CSEE-000001-2)" "rejected 0"
refresh_status
expect "the status validates against xsd/status.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
expect "every dossier validates against xsd/dossier.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
expect "no letter shows the full ID number, whatever its case" \
	sh -c "! grep -rqi 44010619920821067X '$state/out'"

done_testing
