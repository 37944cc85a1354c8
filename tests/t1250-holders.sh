#!/bin/sh
# t1250-holders.sh - holders keep to the level and status rules (R1.5, R1.6,
# R7, process.md *Identity*): an `initial` application from a holder of a
# valid certificate is rejected as already-registered naming the number,
# also when the check character is written x and the level skips one (it
# would have been a second registration number); so is one from a holder
# whose certificate is suspended (which certification would have ended); a
# re-registration at a higher level is rejected as renewal-level, one of a
# suspended or cancelled certificate as renewal-status. The controls: a
# re-registration at the level held is certified, and a person whose only
# certificate was cancelled may apply `initial` again.
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
		} >"$work/$1-$examiner.xml"
		drop "$1-$examiner.xml"
	done
}

# status_action NAME REGISTRATION ACTION REFERENCE: $work/NAME, dropped
status_action() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="urn:ecap:1" registration="%s" action="%s" date="%s" reference="%s">经学会核查决定。</statusAction>\n' \
		"$2" "$3" "$record_date" "$4" >"$work/$1"
	drop "$1"
}

id_number_of() {
	sed -n "s/^$1 \([^ ]*\) .*/\1/p" "$work/ids" | tail -1
}

# seed_member PACKAGE REGISTRATION LEVEL STATUS: the applicant of PACKAGE
# holding a certificate issued 2021-12-02 (in its renewal window on
# 2026-11-20), written as pipeline/store/register.h documents it
seed_member() {
	number=$(id_number_of "$1")
	cat >"$state/store/register/$2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<member xmlns="urn:ecap:1" registration="$2" name="张三" identity="$number" idMasked="***" field="electrical" fieldName="电气工程" banned="false" notices="0">
  <certificate serial="$2-1" level="$3" issued="2021-12-02" expires="2026-12-01" status="$4" application="A2021-${2#CSEE-}"/>
</member>
EOF
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<identity xmlns="urn:ecap:1" registration="%s" banned="false"/>\n' "$2" \
		>"$state/store/identities/$(printf '%s' "$number" | sha256sum | cut -c1-64).xml"
}

dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

register_value() {
	"$ecap" register "$state" --xml >"$work/register.xml"
	xmllint --xpath "string($1)" "$work/register.xml" 2>/dev/null
}

# check_rejected ID CODE WHAT: rejected with exactly CODE and a letter that says so
check_rejected() {
	expect_equal "$3: rejected, $2" "$(state_of $1) $(reasons_of $1)" "rejected $2"
	expect_equal "$3: a rejected letter" "$(letters $1)" \
		"01-rejected.html 01-rejected.pdf 01-rejected.txt"
}

P=A2026-125001		# 刘洋, ID ending in X: CSEE-000001
S=A2026-125002		# 张伟: CSEE-000002, then suspended
P_AGAIN=A2026-125011	# P initial again, x, one level up: already-registered
P_SAME=A2026-125018	# P initial again, x, same level: already-registered
S_AGAIN=A2026-125012	# S initial again while suspended: already-registered
T_UP=A2026-125013	# re-registration of an apprentice certificate at professional
U_SAME=A2026-125014	# re-registration at the level held: certified (control)
V_SUSP=A2026-125015	# re-registration of a suspended certificate
W_CANC=A2026-125016	# re-registration of a cancelled certificate
W_NEW=A2026-125017	# W's initial application: accepted (control)
employer=华北电力设计院有限公司
person_p="--name 刘洋 --birth 1992-08-21 --member M-2017-125001 --degree bachelor --years 3 --employer $employer"
person_s="--name 张伟 --birth 1990-03-07 --id-number 110101199003071233 --member M-2016-125002 --degree master --years 6 --employer $employer"
# 50 hours in each year of a certificate issued 2021-12-02
cpd='<cpd><activity date="2022-03-01" minutes="2250" category="training">继续教育培训</activity><activity date="2023-03-01" minutes="2250" category="training">继续教育培训</activity><activity date="2024-03-01" minutes="2250" category="training">继续教育培训</activity><activity date="2025-03-01" minutes="2250" category="training">继续教育培训</activity><activity date="2026-03-01" minutes="2250" category="training">继续教育培训</activity></cpd>'
renew="--kind reregistration --submitted 2026-11-19T10:00:00+08:00 --employer $employer --replace-re '<cpd>.*</cpd>' '$cpd'"

new_state
expect "the packages are built" build_packages <<EOF
p.zip       --id $P --seed 6501 --level apprentice $person_p --id-number 44010619920821067X --submitted 2026-10-26T09:00:00+08:00
s.zip       --id $S --seed 6502 --level apprentice $person_s --submitted 2026-10-26T09:10:00+08:00
p-again.zip --id $P_AGAIN --seed 6501 --level professional $person_p --id-number 44010619920821067x --years 6 --submitted 2026-11-19T09:00:00+08:00
p-same.zip  --id $P_SAME --seed 6501 --level apprentice $person_p --id-number 44010619920821067x --submitted 2026-11-19T09:05:00+08:00
s-again.zip --id $S_AGAIN --seed 6502 --level apprentice $person_s --submitted 2026-11-19T09:10:00+08:00
t-up.zip    --id $T_UP --seed 6503 --level professional --holding CSEE-000101:apprentice $renew
u-same.zip  --id $U_SAME --seed 6504 --level professional --holding CSEE-000102:professional $renew
v-susp.zip  --id $V_SUSP --seed 6505 --level professional --holding CSEE-000103:professional $renew
w-canc.zip  --id $W_CANC --seed 6506 --level professional --holding CSEE-000104:professional $renew
w-new.zip   --id $W_NEW --seed 6506 --level apprentice --employer $employer --submitted 2026-11-19T11:00:00+08:00
EOF
seed_member t-up.zip CSEE-000101 apprentice valid
seed_member u-same.zip CSEE-000102 professional valid
seed_member v-susp.zip CSEE-000103 professional suspended
seed_member w-canc.zip CSEE-000104 professional cancelled

# runs 1 to 3: P and S certified through review and publicity
drop p.zip s.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
record_date=2026-11-10
reviews $P pass
reviews $S pass
expect "the run of 2026-11-10 completes" run_ecap run "$state" --date 2026-11-10
expect "the run of 2026-11-18 completes" run_ecap run "$state" --date 2026-11-18
expect_equal "P and S certified as CSEE-000001 and CSEE-000002" \
	"$(state_of $P) $(dossier_value $P "//*[local-name()='certification']/@registration") $(state_of $S) $(dossier_value $S "//*[local-name()='certification']/@registration")" \
	"certified CSEE-000001 certified CSEE-000002"

# run 4, 2026-11-20: S suspended (records first), then the packages
record_date=2026-11-20
status_action suspend-s.xml CSEE-000002 suspend CSEE-DISC-2026-125
drop p-again.zip p-same.zip s-again.zip t-up.zip u-same.zip v-susp.zip w-canc.zip w-new.zip
expect "the run of 2026-11-20 completes" run_ecap run "$state" --date 2026-11-20
check_rejected $P_AGAIN already-registered "a holder's initial application, x for X, a level up"
expect "the reason names the registration number" \
	grep -q CSEE-000001 "$state/out/notices/$P_AGAIN/01-rejected.txt"
expect "the letter says the applicant already holds a certificate" \
	grep -q '申请人已持有本学会的工程会员证书' "$state/out/notices/$P_AGAIN/01-rejected.txt"
check_rejected $P_SAME already-registered "a holder's initial application, x for X"
check_rejected $S_AGAIN already-registered "a suspended holder's initial application"
expect "the reason names the registration number and the suspension" \
	sh -c "grep -q CSEE-000002 '$state/out/notices/$S_AGAIN/01-rejected.txt' && grep -q '暂停' '$state/out/notices/$S_AGAIN/01-rejected.txt'"
check_rejected $T_UP renewal-level "a re-registration one level up"
expect "the letter says re-registration keeps the level" \
	grep -q '再注册的级别与所持证书不符' "$state/out/notices/$T_UP/01-rejected.txt"
check_rejected $V_SUSP renewal-status "a re-registration of a suspended certificate"
expect "the reason names the status" grep -q '暂停' "$state/out/notices/$V_SUSP/01-rejected.txt"
check_rejected $W_CANC renewal-status "a re-registration of a cancelled certificate"
expect_equal "control: a re-registration at the level held is certified, same number" \
	"$(state_of $U_SAME) $(dossier_value $U_SAME "concat(//*[local-name()='certification']/@level, ' ', //*[local-name()='certification']/@serial)")" \
	"certified professional CSEE-000102-2"
expect_equal "control: the holder of a cancelled certificate may apply initial again" \
	"$(state_of $W_NEW) $(reasons_of $W_NEW)" "in-review "
expect_equal "S's certificate is still suspended" \
	"$(register_value "//*[local-name()='certificate'][@serial='CSEE-000002-1']/@status")" suspended
expect_equal "T's certificate still apprentice, valid, alone" \
	"$(register_value "concat(count(//*[local-name()='member'][@registration='CSEE-000101']/*), ' ', //*[local-name()='certificate'][@serial='CSEE-000101-1']/@level, ' ', //*[local-name()='certificate'][@serial='CSEE-000101-1']/@status)")" \
	"1 apprentice valid"
expect_equal "V's certificate still suspended" \
	"$(register_value "//*[local-name()='certificate'][@serial='CSEE-000103-1']/@status")" suspended

# runs 5 and 6: reviews for what P and S sent again; none reaches a certificate
# (before, P's application with x was certified under a second number)
record_date=2026-11-24
reviews $P_SAME pass
reviews $S_AGAIN pass
expect "the run of 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24
expect "the run of 2026-12-02 completes" run_ecap run "$state" --date 2026-12-02
expect_equal "P's and S's applications stay rejected" "$(state_of $P_SAME) $(state_of $S_AGAIN)" \
	"rejected rejected"
expect_equal "still two registration numbers given" \
	"$(cat "$state/store/registration-sequence" | tr -d ' \n')" 2
expect_equal "one member for P" "$(register_value "count(//*[local-name()='member'][@name='刘洋'])")" 1
refresh_status
expect "the status validates against xsd/status.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
expect "every dossier validates against xsd/dossier.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
cut -d' ' -f2 "$work/ids" | sort -u | grep -v '^-*$' >"$work/id-numbers"
expect "no file under out/ holds a full ID number" \
	sh -c "test -s '$work/id-numbers' && ! grep -rFi -f '$work/id-numbers' '$state/out'"

done_testing
