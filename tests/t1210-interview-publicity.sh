#!/bin/sh
# t1210-interview-publicity.sh - the interview (R5), the simplified route
# (R6) and publicity (R6b) over several runs: sheets scored on the
# professional and senior tables at their thresholds (total 60, senior
# knowledge 18, professional knowledge 21, ethics 12), every missed threshold
# a reason; sheets refused as record-invalid (questions too short, one
# project, a score above the maximum); the public notice of publicity with
# masked ID numbers; the end of publicity counted in working days (a run on
# the last day does not certify, the next does); objections inside and
# outside the period, resolutions dismissed (certified at once when the
# period is over) and upheld (failed); the secretariat's confirmation.
. "$(dirname "$0")/lib.sh"

# pass_reviews ID: two passing review records for ID (EX-008 and EX-011),
# dated $record_date, as $work/ID-rev1.xml and ID-rev2.xml
pass_reviews() {
	for examiner in EX-008 EX-011; do
		{
			printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
				"$1" "$examiner" "$record_date"
			for dimension in knowledge ethics teamwork learning leadership; do
				printf '  <dimension code="%s" met="true">材料充分。</dimension>\n' "$dimension"
			done
			printf '  <recommendation>pass</recommendation>\n</reviewRecord>\n'
		} >"$work/$1-$examiner.xml"
	done
	drop "$1-EX-008.xml" "$1-EX-011.xml"
}

# interview_sheet NAME ID KNOWLEDGE ETHICS TEAMWORK LEARNING LEADERSHIP [QUESTIONS [PROJECTS]]:
# the panel's sheet $work/NAME, dated $record_date (questions 35 minutes and
# 2 projects unless told)
interview_sheet() {
	cat >"$work/$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<interviewSheet xmlns="urn:ecap:1" application="$2" date="$record_date">
  <panel><examiner id="EX-017"/><examiner id="EX-021"/><examiner id="EX-030"/></panel>
  <segment kind="presentation" minutes="10"/>
  <segment kind="questions" minutes="${8:-35}"/>
  <segment kind="deliberation" minutes="10"/>
  <projectsPresented>${9:-2}</projectsPresented>
  <score dimension="knowledge">$3</score>
  <score dimension="ethics">$4</score>
  <score dimension="teamwork">$5</score>
  <score dimension="learning">$6</score>
  <score dimension="leadership">$7</score>
</interviewSheet>
EOF
}

# simple_record NAME ELEMENT ID ATTRIBUTES [TEXT]: objection, resolution,
# confirmation
simple_record() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<%s xmlns="urn:ecap:1" application="%s" %s>%s</%s>\n' \
		"$2" "$3" "$4" "${5:-}" "$2" >"$work/$1"
}

# record_outcome NAME: "state code" of the record dropbox/NAME in the status
record_outcome() {
	xpath "concat(//*[local-name()='record'][@input='dropbox/$1']/@state, ' ', //*[local-name()='record'][@input='dropbox/$1']/@code)" |
		sed 's/ *$//'
}

# dossier_record_outcome ID NAME: "status code" of the record in ID's dossier
# whose input is the stored copy of $work/NAME (named by its SHA-256)
dossier_record_outcome() {
	digest=$(sha256sum "$work/$2" | cut -c1-64)
	xmllint --xpath "concat(//*[local-name()='record'][contains(@input, '$digest')]/@status, ' ', //*[local-name()='record'][contains(@input, '$digest')]/@code)" \
		"$state/store/dossiers/$1.xml" 2>/dev/null | sed 's/ *$//'
}

dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

dossier_count() {
	xmllint --xpath "count($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

# letters ID: the letter files of ID after its acknowledgment (受理通知), sorted
letters() {
	ls "$state/out/notices/$1" 2>/dev/null | grep -v -- '-acknowledgment\.' | tr '\n' ' ' | sed 's/ $//'
}

# interview_result ID: "outcome scale total reason-codes..." of the last interview
interview_result() {
	printf '%s' "$(dossier_value $1 "concat(//*[local-name()='interview'][last()]/@outcome, ' ', //*[local-name()='interview'][last()]/@scale, ' ', //*[local-name()='interview'][last()]/@total)")"
	xmllint --xpath "//*[local-name()='interview'][last()]/*[local-name()='reason']/@code" \
		"$state/store/dossiers/$1.xml" 2>/dev/null | tr '\n' ' ' |
		sed 's/ *code="\([^"]*\)"/ \1/g; s/ *$//'
}

check_everything() {
	refresh_status
	expect "$1: the status validates against xsd/status.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
	expect "$1: every dossier validates against xsd/dossier.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
	cut -d' ' -f2 "$work/ids" | sort -u | grep -v '^-*$' >"$work/id-numbers"
	expect "$1: no file under out/ holds a full ID number" \
		sh -c "test -s '$work/id-numbers' && ! grep -rF -f '$work/id-numbers' '$state/out'"
}

PRO=A2026-121001	# professional 27/15/12/12/12: passes; plain publicity, certified 11-18
SEN=A2026-121002	# senior 24/15/12/12/15: passes; objection dismissed after the end
T60=A2026-121003	# professional total exactly 60: passes; objection upheld
K18=A2026-121004	# senior knowledge exactly 18: passes; objections outside the period
K17=A2026-121005	# senior knowledge 17: fails
K20=A2026-121006	# professional knowledge 20: fails
E11=A2026-121007	# ethics 11: fails
T59=A2026-121008	# total 59: fails
ALL=A2026-121009	# every threshold missed
BAD=A2026-121010	# invalid sheets only
APX=A2026-121011	# simplified route (APEC Engineer), confirmed
NOC=A2026-121012	# simplified route, not confirmed: the full process
employer=华北电力设计院有限公司	# no examiner of the sample roster works there

new_state
expect "the packages are built" build_packages <<EOF
pro.zip --id $PRO --seed 5301 --level professional --employer $employer --submitted 2026-10-26T09:00:00+08:00
sen.zip --id $SEN --seed 5302 --level senior --employer $employer --submitted 2026-10-26T09:10:00+08:00
t60.zip --id $T60 --seed 5303 --level professional --employer $employer --submitted 2026-10-26T09:20:00+08:00
k18.zip --id $K18 --seed 5304 --level senior --employer $employer --submitted 2026-10-26T09:30:00+08:00
k17.zip --id $K17 --seed 5305 --level senior --employer $employer --submitted 2026-10-26T09:40:00+08:00
k20.zip --id $K20 --seed 5306 --level professional --employer $employer --submitted 2026-10-26T09:50:00+08:00
e11.zip --id $E11 --seed 5307 --level professional --employer $employer --submitted 2026-10-26T10:00:00+08:00
t59.zip --id $T59 --seed 5308 --level professional --employer $employer --submitted 2026-10-26T10:10:00+08:00
all.zip --id $ALL --seed 5309 --level professional --employer $employer --submitted 2026-10-26T10:20:00+08:00
bad.zip --id $BAD --seed 5310 --level professional --employer $employer --submitted 2026-10-26T10:30:00+08:00
apx.zip --id $APX --seed 5311 --level professional --employer $employer --submitted 2026-10-26T10:40:00+08:00 --title apec:APEC-CN-2020-0012
noc.zip --id $NOC --seed 5312 --level professional --employer $employer --submitted 2026-10-26T10:50:00+08:00 --title euring:EUR-ING-2019-0345
EOF

# run 1, Monday 2026-11-02: all in review
drop pro.zip sen.zip t60.zip k18.zip k17.zip k20.zip e11.zip t59.zip all.zip bad.zip apx.zip noc.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
expect "it accepts the twelve packages" grep -q "12 accepted" "$work/ecap.out"

# run 2, 2026-11-03: two passing reviews each
record_date=2026-11-03
for id in $PRO $SEN $T60 $K18 $K17 $K20 $E11 $T59 $ALL $BAD $APX $NOC; do
	pass_reviews $id
done
expect "the run of 2026-11-03 completes" run_ecap run "$state" --date 2026-11-03
waiting=""
for id in $PRO $SEN $T60 $K18 $K17 $K20 $E11 $T59 $ALL $BAD; do
	waiting="$waiting $(state_of $id)"
done
expect_equal "the ten without a title await their interview" "$waiting" \
	"$(printf ' awaiting-interview%.0s' 1 2 3 4 5 6 7 8 9 10)"
expect_equal "the two with an international title await the secretariat's confirmation" \
	"$(state_of $APX) $(state_of $NOC)" "awaiting-confirmation awaiting-confirmation"
expect_equal "no interview letter on the simplified route" "$(letters $APX)" ""

# run 3, Tuesday 2026-11-10: the sheets and the confirmations
record_date=2026-11-10
interview_sheet pro.xml $PRO 27 15 12 12 12
interview_sheet sen.xml $SEN 24 15 12 12 15
interview_sheet t60.xml $T60 21 12 9 9 9
interview_sheet k18.xml $K18 18 14 10 10 12
interview_sheet k17.xml $K17 17 14 10 10 12
interview_sheet k20.xml $K20 20 15 12 12 12
interview_sheet e11.xml $E11 25 11 12 12 12
interview_sheet t59.xml $T59 21 12 9 9 8
interview_sheet all.xml $ALL 15 10 10 10 10
interview_sheet bad-questions.xml $BAD 27 15 12 12 12 25
interview_sheet bad-projects.xml $BAD 27 15 12 12 12 35 1
interview_sheet bad-score.xml $BAD 36 15 12 12 12
interview_sheet bad-senior-scale.xml $BAD 27 15 12 12 16	# leadership: 15 at most (professional)
simple_record apx-confirm.xml confirmation $APX 'date="2026-11-09" reference="CSE-SEC-2026-0042" confirmed="true"'
simple_record noc-confirm.xml confirmation $NOC 'date="2026-11-09" reference="CSE-SEC-2026-0043" confirmed="false"'
drop pro.xml sen.xml t60.xml k18.xml k17.xml k20.xml e11.xml t59.xml all.xml \
	bad-questions.xml bad-projects.xml bad-score.xml bad-senior-scale.xml apx-confirm.xml noc-confirm.xml
# the same run on a copy of the state whose policy allows two entries per
# public notice: the list comes in parts (checked below)
parts_state="$work/parts-state"
rm -rf "$parts_state"
cp -a "$state" "$parts_state"
sed -i 's|<publicity workingDays="\([0-9]*\)"/>|<publicity workingDays="\1" noticeEntries="2"/>|' \
	"$parts_state/policy.xml"
expect "the copy's policy sets noticeEntries" grep -q 'noticeEntries="2"' "$parts_state/policy.xml"
expect "the run on the copy completes" run_ecap run "$parts_state" --date 2026-11-10
expect "the run of Tuesday 2026-11-10 completes" run_ecap run "$state" --date 2026-11-10

expect_equal "professional 27/15/12/12/12: passed on the professional table" \
	"$(interview_result $PRO)" "passed professional 78"
expect_equal "senior 24/15/12/12/15: passed on the senior table" \
	"$(interview_result $SEN)" "passed senior 78"
expect_equal "total exactly 60 passes" "$(interview_result $T60)" "passed professional 60"
expect_equal "senior knowledge exactly 18 passes" "$(interview_result $K18)" "passed senior 64"
expect_equal "senior knowledge 17 fails: score-knowledge" "$(interview_result $K17)" \
	"failed senior 63 score-knowledge"
expect_equal "professional knowledge 20 fails: score-knowledge" "$(interview_result $K20)" \
	"failed professional 71 score-knowledge"
expect_equal "ethics 11 fails: score-ethics" "$(interview_result $E11)" \
	"failed professional 72 score-ethics"
expect_equal "total 59 fails: score-total" "$(interview_result $T59)" \
	"failed professional 59 score-total"
expect_equal "a sheet missing every threshold names all three" "$(interview_result $ALL)" \
	"failed professional 55 score-total score-knowledge score-ethics"
expect_equal "the interview keeps the five scores with their maxima (senior: knowledge 30, leadership 20)" \
	"$(dossier_value $SEN "concat(count(//*[local-name()='interview']/*[local-name()='score']), ' ', //*[local-name()='interview']/*[local-name()='score'][@dimension='knowledge']/@max, ' ', //*[local-name()='interview']/*[local-name()='score'][@dimension='leadership']/@max)")" \
	"5 30 20"
failed_states=""
for id in $K17 $K20 $E11 $T59 $ALL; do
	failed_states="$failed_states $(state_of $id):$(letters $id)"
done
expect_equal "the five that missed a threshold failed, each with a failed letter" "$failed_states" \
	"$(printf ' failed:02-interview.html 02-interview.pdf 02-interview.txt 03-failed.html 03-failed.pdf 03-failed.txt%.0s' 1 2 3 4 5)"
expect "the failed letter gives the knowledge score and its minimum" \
	grep -q '得分 17 分，低于 18 分' "$state/out/notices/$K17/03-failed.html"
expect_equal "the status shows the failure's reasons" "$(reasons_of $ALL)" \
	"score-ethics score-knowledge score-total"
expect_equal "questions 25 minutes: record-invalid" \
	"$(dossier_record_outcome $BAD bad-questions.xml)" "refused record-invalid"
expect_equal "one project presented: record-invalid" \
	"$(dossier_record_outcome $BAD bad-projects.xml)" "refused record-invalid"
expect_equal "knowledge 36 of 35: record-invalid" \
	"$(dossier_record_outcome $BAD bad-score.xml)" "refused record-invalid"
expect_equal "leadership 16 of 15 (the senior maximum is 20): record-invalid" \
	"$(dossier_record_outcome $BAD bad-senior-scale.xml)" "refused record-invalid"
# pipeline/batch/records.c loses the code of a record refused by a stage
expect_equal "the status gives the code of a sheet refused by the stage" \
	"$(record_outcome bad-questions.xml) / $(record_outcome bad-projects.xml) / $(record_outcome bad-score.xml)" \
	"refused record-invalid / refused record-invalid / refused record-invalid"
expect_equal "invalid sheets leave the application awaiting its interview, unscored" \
	"$(state_of $BAD) $(dossier_count $BAD "//*[local-name()='interview']")" "awaiting-interview 0"

# publicity: begun Tuesday 2026-11-10, 5 working days end with 2026-11-17
published=""
for id in $PRO $SEN $T60 $K18 $APX; do
	published="$published $(state_of $id):$(dossier_value $id "concat(//*[local-name()='publicity']/@begins, '/', //*[local-name()='publicity']/@ends)")"
done
expect_equal "the four that passed and the confirmed one are in publicity until 2026-11-17" \
	"$published" "$(printf ' publicity:2026-11-10/2026-11-17%.0s' 1 2 3 4 5)"
expect_equal "the confirmation is recorded" \
	"$(dossier_value $APX "concat(//*[local-name()='confirmation']/@confirmed, ' ', //*[local-name()='confirmation']/@reference)")" \
	"true CSE-SEC-2026-0042"
expect_equal "APX: never interviewed" "$(dossier_count $APX "//*[local-name()='interview']")" 0
expect_equal "not confirmed: the full process, an interview" "$(state_of $NOC)" awaiting-interview
expect_equal "not confirmed: an interview letter" "$(letters $NOC)" "02-interview.html 02-interview.pdf 02-interview.txt"
notice=$(ls "$state"/out/public/*-publicity.html 2>/dev/null | head -1)
expect "a public notice of publicity is written" test -n "$notice"
expect_equal "one publicity list" "$(ls "$state"/out/public/*-publicity.xml 2>/dev/null | wc -l | tr -d ' ')" 1
expect "the list validates against xsd/publicity-list.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/publicity-list.xsd" "${notice%.html}.xml"
expect "the notice has the year's first number and the run's date" \
	sh -c 'grep -qF "公示编号：中国电机工程学会公示〔2026〕1号" "$1" && grep -q "2026年11月10日" "$1"' - "$notice"
expect_equal "the list holds the five, begins 2026-11-10, ends 2026-11-17" \
	"$(xmllint --xpath "concat(count(/*/*[local-name()='entry']), ' ', /*/@begins, ' ', /*/@ends)" "${notice%.html}.xml")" \
	"5 2026-11-10 2026-11-17"
missing=""
for id in $PRO $SEN $T60 $K18 $APX; do
	name=$(dossier_value $id "/*/@name")
	masked=$(dossier_value $id "/*/@idMasked")
	case $masked in *'*'*) ;; *) missing="$missing $id(idMasked '$masked')" ;; esac
	grep -qF "$name" "$notice" && grep -qF "$masked" "$notice" || missing="$missing $id"
done
expect_equal "the notice names each with the masked ID number" "$missing" ""
expect "the notice leaves out those who failed" \
	sh -c "! grep -qF '$(dossier_value $K17 "/*/@name")' '$notice'"

# in parts of two: 2 + 2 + 1 entries, numbered on, each part valid
part_list() {
	ls "$parts_state"/out/public/*-publicity-"$1".xml 2>/dev/null
}
expect_equal "five entries, two per notice: three parts, no unnumbered list" \
	"$(ls "$parts_state"/out/public/ | grep -c 'publicity-[123]\.xml$') $(ls "$parts_state"/out/public/ | grep -c 'publicity\.xml$')" \
	"3 0"
shape=""
for part in 1 2 3; do
	shape="$shape $(xmllint --xpath "concat(count(/*/*[local-name()='entry']), '/', /*/@part, '/', /*/@parts, '/', /*/@offset)" "$(part_list $part)")"
	expect "part $part validates against xsd/publicity-list.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/publicity-list.xsd" "$(part_list $part)"
done
expect_equal "entries/part/parts/offset of each part" "$shape" " 2/1/3/0 2/2/3/2 1/3/3/4"
entries_of() {
	for file in "$@"; do
		xmllint --xpath "//*[local-name()='entry']/@application" "$file"
	done | tr ' ' '\n' | sed -n 's/.*"\(.*\)".*/\1/p' | sort | tr '\n' ' '
}
expect_equal "the parts hold the same applications as the single list" \
	"$(entries_of "$(part_list 1)" "$(part_list 2)" "$(part_list 3)")" "$(entries_of "${notice%.html}.xml")"
part2=$(part_list 2)
part2=${part2%.xml}.html
expect "part 2 says which part it is" grep -qF '（第2部分，共3部分，序号连续）' "$part2"
expect "and numbers its first entry 3" grep -q '<td class="number">3</td>' "$part2"
# R9: each part is a notice with its own number in the society's format,
# counted on through the year, never the run's id
numbers=""
for part in 1 2 3; do
	numbers="$numbers|$(xmllint --xpath "string(/*/@number)" "$(part_list $part)")"
done
expect_equal "each part has the next notice number of the year" "$numbers" \
	"|中国电机工程学会公示〔2026〕1号|中国电机工程学会公示〔2026〕2号|中国电机工程学会公示〔2026〕3号"
expect "part 2 shows its number" grep -qF "公示编号：中国电机工程学会公示〔2026〕2号" "$part2"
expect "and not the run's id" sh -c '! grep -q "公示编号：[0-9]" "$1"' - "$part2"
expect_equal "the year's counter is kept in the store" "$(cat "$parts_state/store/notice-numbers-2026")" 3
expect_equal "the queue is empty after the parts" \
	"$(ls "$parts_state/store/pending/publicity" | wc -l | tr -d ' ')" 0

# run 4, Thursday 2026-11-12: objections
record_date=2026-11-12
simple_record sen-objection.xml objection $SEN 'date="2026-11-11" reference="CSEE-OBJ-2026-001"' '申请人所述项目经历与实际不符。'
simple_record t60-objection.xml objection $T60 'date="2026-11-12" reference="CSEE-OBJ-2026-002"' '申请人提交的业绩材料存在虚假。'
simple_record k18-early.xml objection $K18 'date="2026-11-09" reference="CSEE-OBJ-2026-003"' '公示前收到的异议。'
drop sen-objection.xml t60-objection.xml k18-early.xml
expect "the run of 2026-11-12 completes" run_ecap run "$state" --date 2026-11-12
expect_equal "an objection dated in the period holds SEN" "$(state_of $SEN)" on-hold
expect_equal "and T60" "$(state_of $T60)" on-hold
expect_equal "their objections applied" "$(record_outcome sen-objection.xml) / $(record_outcome t60-objection.xml)" \
	"applied / applied"
expect_equal "an objection dated before the period is refused" \
	"$(dossier_record_outcome $K18 k18-early.xml)" "refused record-wrong-state"
expect_equal "K18 stays in publicity" "$(state_of $K18)" publicity

# run 5, Tuesday 2026-11-17, the last day of publicity: nothing certified;
# T60's objection upheld
record_date=2026-11-17
simple_record t60-upheld.xml resolution $T60 'date="2026-11-17" reference="CSEE-OBJ-2026-002" upheld="true"' '经核实，业绩材料中的验收报告系伪造。'
simple_record sen-wrong-ref.xml resolution $SEN 'date="2026-11-17" reference="CSEE-OBJ-2026-999" upheld="false"' '无此异议。'
drop t60-upheld.xml sen-wrong-ref.xml
expect "the run of 2026-11-17 completes" run_ecap run "$state" --date 2026-11-17
expect_equal "on the last day of publicity PRO is not certified" "$(state_of $PRO)" publicity
expect_equal "nor K18, nor APX" "$(state_of $K18) $(state_of $APX)" "publicity publicity"
expect_equal "no certificate yet" "$(ls "$state/out/certificates" 2>/dev/null | wc -l | tr -d ' ')" 0
expect_equal "T60: the objection upheld: failed" "$(state_of $T60)" failed
expect_equal "T60: reason objection-upheld" "$(reasons_of $T60)" objection-upheld
expect_equal "T60: publicity ended failed" \
	"$(dossier_value $T60 "//*[local-name()='publicityEnd']/@outcome")" failed
expect_equal "T60: a failed letter" "$(letters $T60 | sed 's/.*\(0[0-9]-failed.html\).*/\1/')" 03-failed.html
expect "T60: the letter gives the finding" \
	grep -q '验收报告系伪造' "$state/out/notices/$T60/03-failed.html"
expect_equal "a resolution for an objection never made is refused" \
	"$(dossier_record_outcome $SEN sen-wrong-ref.xml)" "refused record-wrong-state"
expect_equal "SEN stays on hold" "$(state_of $SEN)" on-hold

# run 6, Wednesday 2026-11-18, the next working day: the clear ones certified;
# an objection dated after the period does not hold K18
record_date=2026-11-18
simple_record k18-late.xml objection $K18 'date="2026-11-18" reference="CSEE-OBJ-2026-004"' '公示期满后收到的异议。'
drop k18-late.xml
expect "the run of 2026-11-18 completes" run_ecap run "$state" --date 2026-11-18
expect_equal "the day after the last day: PRO certified" "$(state_of $PRO)" certified
expect_equal "PRO: publicity ended certified, then the certification" \
	"$(dossier_value $PRO "concat(//*[local-name()='publicityEnd']/@outcome, ' ', //*[local-name()='certification']/@issued)")" \
	"certified 2026-11-18"
expect_equal "PRO: a certified letter" "$(letters $PRO)" \
	"02-interview.html 02-interview.pdf 02-interview.txt 03-certified.html 03-certified.pdf 03-certified.txt"
expect_equal "an objection dated after the period is refused" \
	"$(dossier_record_outcome $K18 k18-late.xml)" "refused record-wrong-state"
expect_equal "K18 certified" "$(state_of $K18)" certified
expect_equal "APX (simplified route) certified" "$(state_of $APX)" certified
expect_equal "SEN, on hold, is not certified" "$(state_of $SEN)" on-hold
expect_equal "T60, failed, is not certified" "$(state_of $T60)" failed

# run 7, Friday 2026-11-20: SEN's objection dismissed after the end: certified
record_date=2026-11-20
simple_record sen-dismissed.xml resolution $SEN 'date="2026-11-19" reference="CSEE-OBJ-2026-001" upheld="false"' '经核实，异议所述情况不属实。'
drop sen-dismissed.xml
expect "the run of 2026-11-20 completes" run_ecap run "$state" --date 2026-11-20
expect_equal "the dismissal applied" "$(record_outcome sen-dismissed.xml)" applied
expect_equal "SEN: dismissed after the end of publicity: certified in the same run" \
	"$(state_of $SEN)" certified
expect_equal "SEN: certified on 2026-11-20, senior" \
	"$(dossier_value $SEN "concat(//*[local-name()='certification']/@issued, ' ', //*[local-name()='certification']/@level)")" \
	"2026-11-20 senior"
check_everything "at the end"

# Every letter's PDF within its 60 KB budget: NOC's interview letter lists
# three projects (316 different glyphs; 63,585 bytes when the letters were
# in WenQuanYi Zen Hei at deflate level 4)
expect_equal "every letter PDF is at most 60 KB" \
	"$(find "$state/out/notices" -name '*.pdf' -size +61440c | wc -l) $(find "$state/out/notices" -name '*.pdf' | wc -l | awk '{print ($1 > 20)}')" \
	"0 1"

done_testing
