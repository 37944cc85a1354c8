#!/bin/sh
# t1280-withdrawal-reconsideration.sh - the staff's records of R12 over
# several runs: a withdrawal of an application in review and of a returned
# one (its deadline never fires afterwards), each with its letter; a
# rejection (an outdated roster) reopened by reconsideration and validated
# again with the corrected roster; a rejection confirmed; a failure
# reopened, back in review where only fresh records count, then certified;
# and the hostile cases, each refused as record-wrong-state with the
# application untouched: a reconsideration of a certified application, of
# one in review, a withdrawal of a certified, a rejected, a withdrawn one.
. "$(dirname "$0")/lib.sh"

W=A2026-128001	# in review, withdrawn
B=A2026-128002	# returned, withdrawn: the deadline does not fire
R=A2026-128003	# rejected (not on the roster), reopened: in review
C=A2026-128004	# rejected, confirmed
F=A2026-128005	# failed by the review, reopened, then certified
employer=华北电力设计院有限公司	# no examiner of the sample roster works there

# review_record NAME APPLICATION EXAMINER RECOMMENDATION: $work/NAME, dated $record_date
review_record() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
			"$2" "$3" "$record_date"
		for dimension in knowledge ethics teamwork learning leadership; do
			if [ "$4" = fail ]; then
				printf '  <dimension code="%s" met="false">材料不足。</dimension>\n' "$dimension"
			else
				printf '  <dimension code="%s" met="true">材料充分。</dimension>\n' "$dimension"
			fi
		done
		printf '  <recommendation>%s</recommendation>\n</reviewRecord>\n' "$4"
	} >"$work/$1"
}

# staff_record NAME ELEMENT APPLICATION REFERENCE TEXT [OUTCOME]: a withdrawal
# or a reconsideration in $work/NAME, dated $record_date
staff_record() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<%s xmlns="urn:ecap:1" application="%s" date="%s" reference="%s"%s>%s</%s>\n' \
			"$2" "$3" "$record_date" "$4" "${6:+ outcome=\"$6\"}" "$5" "$2"
	} >"$work/$1"
}

# record_outcome NAME: "state code" of the record dropbox/NAME in the status
record_outcome() {
	xpath "concat(//*[local-name()='record'][@input='dropbox/$1']/@state, ' ', //*[local-name()='record'][@input='dropbox/$1']/@code)" |
		sed 's/ *$//'
}

dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | grep -v '\.pdf$' | grep -v -- '-acknowledgment\.' |
		tr '\n' ' ' | sed 's/ $//'
}

# society XPATH: a string from the <society> of the last run's report
society() {
	xmllint --xpath "string(//*[local-name()='society']$1)" "$(report_path)" 2>/dev/null
}

check_dossiers() {
	expect "$1: every dossier validates against xsd/dossier.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
	refresh_status
	expect "$1: the status validates against xsd/status.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
}

new_state
expect "the packages are built" build_packages <<EOF
w.zip --id $W --seed 8801 --level apprentice --employer $employer --submitted 2026-10-26T09:00:00+08:00
b.zip --id $B --seed 8802 --level apprentice --employer $employer --submitted 2026-10-26T10:00:00+08:00 --defect statement-short
r.zip --id $R --seed 8803 --level apprentice --employer $employer --submitted 2026-10-26T11:00:00+08:00 --member M-2015-771234
c.zip --id $C --seed 8804 --level apprentice --employer $employer --submitted 2026-10-26T12:00:00+08:00 --defect not-member
f.zip --id $F --seed 8805 --level apprentice --employer $employer --submitted 2026-10-26T13:00:00+08:00
EOF
# R's roster line is missing from the roster in force (it is restored below)
cp "$state/members.xml" "$work/members-corrected.xml"
sed -i '/M-2015-771234/d' "$state/members.xml"

# run 1, Monday 2026-11-02
drop w.zip b.zip r.zip c.zip f.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
expect_equal "W, B, R, C, F: in review, returned, rejected, rejected, in review" \
	"$(state_of $W) $(state_of $B) $(state_of $R) $(state_of $C) $(state_of $F)" \
	"in-review returned rejected rejected in-review"
deadline=$(deadline_of $B)
expect "B has a wake-up marker for its deadline" test -e "$state/store/wakeups/${deadline}_$B"
expect_equal "the run report's society: 5 applications, 1 returned, 2 rejected, 2 in review" \
	"$(society /@applications) $(society "/*[@name='returned']/@count") $(society "/*[@name='rejected']/@count") $(society "/*[@name='in-review']/@count")" \
	"5 1 2 2"
expect_equal "... B's deadline due within 10 working days" \
	"$(society "/*[local-name()='deadlines']/@count") $(society "/*/*[local-name()='deadline']/@application") $(society "/*/*[local-name()='deadline']/@date")" \
	"1 $B $deadline"

# run 2, 2026-11-03: withdrawals, a confirmation, F fails, hostile records
record_date=2026-11-03
staff_record w-wd.xml withdrawal $W CSEE-WD-2026-001 '申请人来函：因工作调动，申请撤回。'
staff_record b-wd.xml withdrawal $B CSEE-WD-2026-002 '申请人电话告知不再补正，申请撤回。'
staff_record c-rc.xml reconsideration $C CSEE-RC-2026-001 '经复核，申请人确非本会会员，维持原决定。' confirm
staff_record c-wd.xml withdrawal $C CSEE-WD-2026-003 '申请撤回。'
staff_record f-rc-early.xml reconsideration $F CSEE-RC-2026-002 '复核。' reopen
review_record f-ex011.xml $F EX-011 fail
review_record f-ex025.xml $F EX-025 fail
drop w-wd.xml b-wd.xml c-rc.xml c-wd.xml f-rc-early.xml f-ex011.xml f-ex025.xml
expect "the run of 2026-11-03 completes" run_ecap run "$state" --date 2026-11-03
expect_equal "the withdrawals applied" "$(record_outcome w-wd.xml) / $(record_outcome b-wd.xml)" \
	"applied / applied"
expect_equal "W and B withdrawn" "$(state_of $W) $(state_of $B)" "withdrawn withdrawn"
expect_equal "W's withdrawal names the state it left and the reference" \
	"$(dossier_value $W "concat(//*[local-name()='withdrawal'][not(@application)]/@from, ' ', //*[local-name()='withdrawal'][not(@application)]/@reference)")" \
	"in-review CSEE-WD-2026-001"
expect_equal "W: a withdrawal letter" "$(letters $W)" "02-withdrawn.html 02-withdrawn.txt"
expect "W: it confirms the withdrawal" grep -q '撤回申请确认通知' "$state/out/notices/$W/02-withdrawn.html"
expect "W: its text twin quotes the request" grep -q '因工作调动' "$state/out/notices/$W/02-withdrawn.txt"
expect "W: and gives the staff's reference" grep -q 'CSEE-WD-2026-001' "$state/out/notices/$W/02-withdrawn.txt"
expect "W: the letter has its PDF" test -s "$state/out/notices/$W/02-withdrawn.pdf"
expect_equal "B: the returned letter, then the withdrawal letter" "$(letters $B)" \
	"01-returned.html 01-returned.txt 02-withdrawn.html 02-withdrawn.txt"
expect "B: its wake-up marker is gone" test ! -e "$state/store/wakeups/${deadline}_$B"
expect_equal "B: the dossier keeps no deadline" "$(dossier_value $B "/*/@deadline")" ""
expect_equal "C: the confirmation applied" "$(record_outcome c-rc.xml)" applied
expect_equal "C: still rejected" "$(state_of $C)" rejected
expect "C: a reconsideration letter saying the decision stands" \
	grep -q '维持原决定' "$state/out/notices/$C/02-reconsideration.txt"
expect_equal "C: a withdrawal of a rejected application is refused" \
	"$(record_outcome c-wd.xml)" "refused record-wrong-state"
expect_equal "F: a reconsideration before any decision is refused" \
	"$(record_outcome f-rc-early.xml)" "refused record-wrong-state"
expect_equal "F: failed by the two records" "$(state_of $F)" failed
check_dossiers "run 2"

# run 3, 2026-11-04: R's roster corrected and reopened; F reopened; W again
cp "$work/members-corrected.xml" "$state/members.xml"
record_date=2026-11-04
staff_record r-rc.xml reconsideration $R CSEE-RC-2026-003 '经复核，驳回所依据的会员名单已过期，申请人于申请时已是本会会员。' reopen
staff_record f-rc.xml reconsideration $F CSEE-RC-2026-004 '经复核，两位考官的审查意见所依据的材料页码有误，重新审查。' reopen
staff_record w-wd-again.xml withdrawal $W CSEE-WD-2026-004 '再次申请撤回。'
staff_record w-rc.xml reconsideration $W CSEE-RC-2026-005 '复核。' reopen
drop r-rc.xml f-rc.xml w-wd-again.xml w-rc.xml
expect "the run of 2026-11-04 completes" run_ecap run "$state" --date 2026-11-04
expect_equal "R: reopened and validated again with the corrected roster: in review" \
	"$(state_of $R)" in-review
expect_equal "R: a second validation of the same package, accepted" \
	"$(dossier_value $R "concat(count(//*[local-name()='validation']), ' ', //*[local-name()='validation'][last()]/@outcome, ' ', //*[local-name()='validation'][last()]/@submission)")" \
	"2 accepted 1"
expect "R: the letter says the package was validated again and accepted" \
	grep -q '进入材料审查阶段' "$state/out/notices/$R/02-reconsideration.txt"
expect_equal "F: reopened, in review" "$(state_of $F)" in-review
expect "F: the letter says earlier review records no longer count" \
	grep -q '此前的审查意见不再计入' "$state/out/notices/$F/03-reconsideration.html"
expect_equal "W: a second withdrawal refused" "$(record_outcome w-wd-again.xml)" \
	"refused record-wrong-state"
expect_equal "W: a reconsideration of a withdrawn application refused" \
	"$(record_outcome w-rc.xml)" "refused record-wrong-state"
expect_equal "W: no further letter" "$(letters $W)" "02-withdrawn.html 02-withdrawn.txt"

# run 4, 2026-11-05: fresh records for F; one pass is not a quorum (the
# earlier fails no longer count), two are
record_date=2026-11-05
review_record f-ex030.xml $F EX-030 pass
drop f-ex030.xml
expect "the run of 2026-11-05 completes" run_ecap run "$state" --date 2026-11-05
expect_equal "F: one fresh record is no quorum" "$(state_of $F)" in-review
review_record f-ex034.xml $F EX-034 pass
drop f-ex034.xml
expect "the run of 2026-11-06 completes" run_ecap run "$state" --date 2026-11-06
expect_equal "F: two fresh passes: publicity" "$(state_of $F)" publicity
expect_equal "F: the second round's decision names only the fresh examiners" \
	"$(dossier_value $F "concat(//*[local-name()='review'][last()]/@round, ' ', //*[local-name()='review'][last()]/@examiners)")" \
	"2 EX-030 EX-034"

# run 5, after B's old deadline and F's publicity: B stays withdrawn, F certified
expect "the run of 2026-12-01 completes" run_ecap run "$state" --date 2026-12-01
expect_equal "B: still withdrawn after its old deadline, no expiry" \
	"$(state_of $B) $(letters $B)" \
	"withdrawn 01-returned.html 01-returned.txt 02-withdrawn.html 02-withdrawn.txt"
expect_equal "F: certified" "$(state_of $F)" certified
expect_equal "the report's society now: 2 withdrawn, 1 certified, 1 rejected, 1 in review" \
	"$(society "/*[@name='withdrawn']/@count") $(society "/*[@name='certified']/@count") $(society "/*[@name='rejected']/@count") $(society "/*[@name='in-review']/@count")" \
	"2 1 1 1"
expect_equal "... the year's apprentices in electrical: 1 certified, 0 failed, 1 rejected" \
	"$(for count in certified failed rejected; do society "/*[local-name()='passRate'][@field='electrical'][@level='apprentice']/@$count"; done | tr '\n' ' ')" \
	"1 0 1 "
expect "... the report's HTML shows the pass rate, 100%" \
	sh -c 'tr -d "\n" <"$1" | grep -q "全会现状.*100%"' - "$(report_path | sed 's/\.xml$/.html/')"
expect "... and the report validates" \
	xmllint --noout --nonet --schema "$top/xsd/run-report.xsd" "$(report_path)"

# run 6: the hostile records against a certified application
record_date=2026-12-02
staff_record f-rc-certified.xml reconsideration $F CSEE-RC-2026-006 '复核。' confirm
staff_record f-wd-certified.xml withdrawal $F CSEE-WD-2026-005 '申请撤回。'
letters_before=$(letters $F)
drop f-rc-certified.xml f-wd-certified.xml
expect "the run of 2026-12-02 completes" run_ecap run "$state" --date 2026-12-02
expect_equal "a reconsideration of a certified application is refused" \
	"$(record_outcome f-rc-certified.xml)" "refused record-wrong-state"
expect_equal "so is a withdrawal" "$(record_outcome f-wd-certified.xml)" "refused record-wrong-state"
expect_equal "F: still certified, no letter for them" "$(state_of $F) $(letters $F)" \
	"certified $letters_before"
expect "F: the refusal names the state" \
	grep -q '申请当前处于“certified”状态' "$state/store/dossiers/$F.xml"
check_dossiers "the end"

done_testing
