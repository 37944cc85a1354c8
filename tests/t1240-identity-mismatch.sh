#!/bin/sh
# t1240-identity-mismatch.sh - an application belongs to the person who sent
# its first package (process.md, *Identity*): a later package with the same
# application id from another person (another ID number, a non-member's) or
# under another name is quarantined as identity-mismatch, and the
# application stays exactly as it was (state, deadline, letters, the dossier
# byte for byte); the reason file, `ecap status` and the run report name the
# application claimed, with both ID numbers masked. The applicant's own
# correction, with the check character written x instead of X, is taken.
. "$(dirname "$0")/lib.sh"

P=A2026-124001		# 刘洋, ID ending in X: returned, then corrected with x
R=A2026-124002		# 王建国: returned
employer=华北电力设计院有限公司
person_p="--name 刘洋 --birth 1992-08-21 --member M-2017-124001 --degree bachelor --years 3 --employer $employer"
person_r="--name 王建国 --birth 1988-05-12 --id-number 310104198805120457 --member M-2015-124002 --degree bachelor --years 3 --employer $employer"

dossier_sum() {
	sha256sum "$state/store/dossiers/$1.xml" | cut -c1-64
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

run_id() {
	sed -n '1s/^run \([^:]*\):.*/\1/p' "$work/ecap.out"
}

masked() {
	printf '%s' "$1" | sed 's/^\(...\).*\(....\)$/\1***********\2/'
}

new_state
expect "the packages are built" build_packages <<EOF
p.zip        --id $P --seed 6401 --level apprentice $person_p --id-number 44010619920821067X --defect statement-short --submitted 2026-11-02T09:00:00+08:00
r.zip        --id $R --seed 6402 --level apprentice $person_r --defect statement-short --submitted 2026-11-02T09:10:00+08:00
takeover.zip --id $P --seed 6403 --level professional --name 李娜 --birth 1990-01-15 --id-number 110105199001150024 --defect not-member --employer $employer --submitted 2026-11-03T09:00:00+08:00
renamed.zip  --id $R --seed 6402 --level senior $person_r --name 王建军 --submitted 2026-11-03T09:10:00+08:00
broken.zip   --id $R --seed 6404 --level apprentice --defect malformed --submitted 2026-11-03T09:20:00+08:00
p-fixed.zip  --id $P --seed 6401 --level apprentice $person_p --id-number 44010619920821067x --submitted 2026-11-04T09:00:00+08:00
EOF
id_p=44010619920821067X
id_q=110105199001150024

# run 1, 2026-11-02: both returned
drop p.zip r.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
expect_equal "P and R returned" "$(state_of $P) $(state_of $R)" "returned returned"
deadline_p=$(deadline_of $P)
deadline_r=$(deadline_of $R)
sum_p=$(dossier_sum $P)
sum_r=$(dossier_sum $R)

# run 2, 2026-11-03: another person's package under P's id, R's under another name
drop takeover.zip renamed.zip broken.zip
expect "the run of 2026-11-03 completes" run_ecap run "$state" --date 2026-11-03
run2=$(run_id)
expect_equal "another person's package: identity-mismatch" \
	"$(quarantine_code_of takeover.zip)" identity-mismatch
expect_equal "another name: identity-mismatch" "$(quarantine_code_of renamed.zip)" identity-mismatch
expect_equal "a form that cannot be read, under R's id: identity-mismatch (nothing shows it is R)" \
	"$(quarantine_code_of broken.zip)" identity-mismatch
expect_equal "P still returned with its deadline" "$(state_of $P) $(deadline_of $P)" \
	"returned $deadline_p"
expect_equal "R still returned with its deadline" "$(state_of $R) $(deadline_of $R)" \
	"returned $deadline_r"
expect_equal "P's dossier is byte for byte as it was" "$(dossier_sum $P)" "$sum_p"
expect_equal "R's dossier is byte for byte as it was" "$(dossier_sum $R)" "$sum_r"
expect_equal "P: only the return letter" "$(letters $P)" \
	"01-returned.html 01-returned.pdf 01-returned.txt"
expect_equal "R: only the return letter" "$(letters $R)" \
	"01-returned.html 01-returned.pdf 01-returned.txt"
expect "no letter went to the other person" sh -c "! grep -rq '李娜' '$state/out/notices'"
reason=$(ls "$state"/quarantine/*takeover.zip.reason.xml 2>/dev/null)
expect "the reason file gives the code identity-mismatch" \
	grep -q 'code="identity-mismatch"' "$reason"
expect "the reason file names the application claimed" grep -q "$P" "$reason"
expect "the reason file shows P's ID number masked" grep -qF "$(masked $id_p)" "$reason"
expect "the reason file shows the sender's ID number masked" grep -qF "$(masked $id_q)" "$reason"
expect "the reason file shows neither ID number in full" \
	sh -c "! grep -qF -e '$id_p' -e '$id_q' '$reason'"
refresh_status
expect "ecap status names the application claimed" \
	sh -c "xmllint --xpath \"string(//*[local-name()='quarantined'][@input='dropbox/takeover.zip'])\" '$work/status.xml' | grep -q '$P'"
expect "the status validates against xsd/status.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
expect "the table of ecap status names it too" \
	sh -c "'$ecap' status '$state' | grep identity-mismatch | grep -q '$P'"
expect "nothing in the status shows either ID number in full" \
	sh -c "! '$ecap' status '$state' --xml | grep -qF -e '$id_p' -e '$id_q'"
report="$state/out/reports/$run2.xml"
expect "the run report validates against xsd/run-report.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/run-report.xsd" "$report"
expect "the run report lists the package with its code and the application" \
	sh -c "xmllint --xpath \"string(//*[@name='dropbox/takeover.zip'][@code='identity-mismatch'])\" '$report' | grep -q '$P'"
expect "the run report shows neither ID number in full" \
	sh -c "! grep -qF -e '$id_p' -e '$id_q' '$state/out/reports/$run2'.*"

# run 3, 2026-11-04: P's own correction, the check character written x
drop p-fixed.zip
expect "the run of 2026-11-04 completes" run_ecap run "$state" --date 2026-11-04
expect_equal "P's correction with x is P's: taken, in review" "$(state_of $P)" in-review
expect_equal "nothing more quarantined" \
	"$(ls "$state/quarantine" | grep -c 'reason.xml$')" 3
expect "every dossier validates against xsd/dossier.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml

done_testing
