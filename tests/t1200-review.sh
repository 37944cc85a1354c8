#!/bin/sh
# t1200-review.sh - the material review (R4) over several runs, with the
# examiners' records dropped as XML files: the quorum (one record decides
# nothing, the second does), a supplement request and the new package that
# starts a fresh round (the old round's records no longer count), a failure
# by majority naming every dimension found not met, a tie that is no
# majority, an interview asked for an apprentice, a professional
# interviewed by policy, an apprentice passed into publicity, and every kind
# of refused record: record-invalid, record-unknown-application,
# record-wrong-state, examiner-unknown, examiner-conflict, record-duplicate
# (a byte-identical file); the same examiner twice in a round before the
# decision is a correction that replaces the first record.
. "$(dirname "$0")/lib.sh"

# review_record NAME APPLICATION EXAMINER RECOMMENDATION [NOT-MET [INTERVIEW [SUPPLEMENT]]]:
# writes the examiner's review record $work/NAME, dated $record_date.
# NOT-MET: the dimensions judged not met (space-separated); INTERVIEW: a
# dimension to focus an interview on ("-" for none); SUPPLEMENT: the request.
review_record() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
			"$2" "$3" "$record_date"
		for dimension in knowledge ethics teamwork learning leadership; do
			case " ${5:-} " in
			*" $dimension "*)
				printf '  <dimension code="%s" met="false">%s：%s认为材料不足（%s）</dimension>\n' \
					"$dimension" "$dimension" "$3" "$2" ;;
			*)
				printf '  <dimension code="%s" met="true">材料充分，能够证明达到要求。</dimension>\n' \
					"$dimension" ;;
			esac
		done
		printf '  <recommendation>%s</recommendation>\n' "$4"
		[ -n "${7:-}" ] && printf '  <supplement>%s</supplement>\n' "$7"
		[ -n "${6:-}" ] && [ "$6" != - ] &&
			printf '  <interview required="true">\n    <focus dimension="%s">请重点考察%s方面的实际经历。</focus>\n  </interview>\n' \
				"$6" "$6"
		printf '</reviewRecord>\n'
	} >"$work/$1"
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

# dossier_value ID XPATH: a string from the dossier of ID
dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

dossier_count() {
	xmllint --xpath "count($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

# letters ID: the letter files of ID after its acknowledgment (受理通知,
# which every application accepted into review gets), sorted, space-separated
letters() {
	ls "$state/out/notices/$1" 2>/dev/null | grep -v -- '-acknowledgment\.' | tr '\n' ' ' | sed 's/ $//'
}

# reasons_with_dimension ID RESULT: "code:dimension" of the last RESULT's reasons, sorted
last_review_reasons() {
	xmllint --xpath "//*[local-name()='review'][last()]/*[local-name()='reason']" \
		"$state/store/dossiers/$1.xml" 2>/dev/null |
		sed -n 's/.*code="\([^"]*\)"\( dimension="\([^"]*\)"\)\{0,1\}.*/\1:\3/p' | sort |
		tr '\n' ' ' | sed 's/ $//'
}

# check_everything: the status and every dossier against their schemas, and
# no full ID number anywhere under out/ (R10)
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

Q=A2026-120001	# professional: quorum, then the interview by policy
S=A2026-120002	# apprentice: supplement, then a fresh round
F=A2026-120003	# professional: two fails
T=A2026-120004	# professional: one fail, one pass (a tie, no majority)
I=A2026-120005	# apprentice: an examiner asks for an interview
P=A2026-120006	# apprentice: two passes, publicity
C=A2026-120007	# works where examiner EX-003 works (华北电力大学)
D=A2026-120008	# apprentice: the same examiner twice
employer=华北电力设计院有限公司	# no examiner of the sample roster works there

new_state
expect "the packages are built" build_packages <<EOF
q.zip   --id $Q --seed 5201 --level professional --employer $employer --submitted 2026-10-26T09:00:00+08:00
s.zip   --id $S --seed 5202 --level apprentice --employer $employer --submitted 2026-10-26T10:00:00+08:00
f.zip   --id $F --seed 5203 --level professional --employer $employer --submitted 2026-10-26T11:00:00+08:00
t.zip   --id $T --seed 5204 --level professional --employer $employer --submitted 2026-10-26T12:00:00+08:00
i.zip   --id $I --seed 5205 --level apprentice --employer $employer --submitted 2026-10-26T13:00:00+08:00
p.zip   --id $P --seed 5206 --level apprentice --employer $employer --submitted 2026-10-26T14:00:00+08:00
c.zip   --id $C --seed 5207 --level apprentice --employer 华北电力大学 --submitted 2026-10-26T15:00:00+08:00
d.zip   --id $D --seed 5208 --level apprentice --employer $employer --submitted 2026-10-26T16:00:00+08:00
s-2.zip --id $S --seed 5202 --level apprentice --employer $employer --submitted 2026-11-03T18:00:00+08:00 --statement-chars 3200
EOF
expect "EX-003 of the roster works at 华北电力大学 (the conflict below)" \
	grep -q 'id="EX-003"[^>]*employer="华北电力大学"' "$state/policy.xml"

# run 1, Monday 2026-11-02: every package accepted for review
drop q.zip s.zip f.zip t.zip i.zip p.zip c.zip d.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
expect "it accepts the eight packages" grep -q "8 accepted for review" "$work/ecap.out"
for id in $Q $S $F $T $I $P $C $D; do
	[ "$(state_of $id)" = in-review ] || not_in_review="${not_in_review:-} $id"
done
expect_equal "all eight in review" "${not_in_review:-}" ""

# run 2, 2026-11-03: the first records
record_date=2026-11-03
review_record q-ex017.xml $Q EX-017 pass
review_record s-ex003.xml $S EX-003 supplement "leadership" - "请补充220千伏东郊变电站项目的竣工验收报告"
review_record s-ex008.xml $S EX-008 pass
review_record f-ex011.xml $F EX-011 fail "knowledge ethics"
review_record f-ex025.xml $F EX-025 fail "ethics leadership"
review_record t-ex011.xml $T EX-011 fail "teamwork"
review_record t-ex025.xml $T EX-025 pass
review_record i-ex017.xml $I EX-017 pass "" leadership
review_record i-ex021.xml $I EX-021 pass
review_record p-ex030.xml $P EX-030 pass
review_record p-ex034.xml $P EX-034 pass
review_record c-ex003.xml $C EX-003 pass
review_record c-ex017.xml $C EX-017 pass
review_record c-ex999.xml $C EX-999 pass
review_record d-ex008.xml $D EX-008 pass
record_date=2026-11-02	# a different file from the same examiner
review_record d-ex008-again.xml $D EX-008 pass
record_date=2026-11-03
review_record unknown.xml A2026-129999 EX-017 pass
# a schema violation: four dimensions only
review_record bad.xml $Q EX-021 pass
sed -i '/code="leadership"/d' "$work/bad.xml"
drop q-ex017.xml s-ex003.xml s-ex008.xml f-ex011.xml f-ex025.xml t-ex011.xml t-ex025.xml \
	i-ex017.xml i-ex021.xml p-ex030.xml p-ex034.xml c-ex003.xml c-ex017.xml c-ex999.xml \
	d-ex008.xml d-ex008-again.xml unknown.xml bad.xml
expect "the run of 2026-11-03 completes" run_ecap run "$state" --date 2026-11-03
expect_equal "every record left the dropbox" "$(dropbox_count)" 0

# the run changed some dossiers more than once (S: two records): its audit
# archive holds each once, as it is at the end of the run
archive=$(ls "$state"/audit/*.tar.gz | tail -1)
expect "the run's audit archive verifies" "$ecap" audit verify "$archive"
expect_equal "no path twice in its manifest" \
	"$(tar xzOf "$archive" --wildcards '*/manifest-sha256.txt' | cut -c67- | sort | uniq -d)" ""
expect_equal "a dossier changed twice in the run is archived as it is now" \
	"$(tar xzOf "$archive" --wildcards "*/data/dossiers/$S.xml" | sha256sum)" \
	"$(sha256sum <"$state/store/dossiers/$S.xml")"
expect_equal "and listed once" \
	"$(tar tzf "$archive" | grep -c "/data/dossiers/$S.xml\$")" 1

# quorum: one record decides nothing
expect_equal "Q: one record applied" "$(record_outcome q-ex017.xml)" applied
expect_equal "Q: one record of two: still in review" "$(state_of $Q)" in-review
expect_equal "Q: no review decision yet" "$(dossier_count $Q "//*[local-name()='review']")" 0

# supplement
expect_equal "S: both records applied" "$(record_outcome s-ex003.xml) / $(record_outcome s-ex008.xml)" \
	"applied / applied"
expect_equal "S: a supplement requested" "$(state_of $S)" supplement-requested
expect_equal "S: review round 1, outcome supplement" \
	"$(dossier_value $S "concat(//*[local-name()='review']/@round, ' ', //*[local-name()='review']/@outcome)")" \
	"1 supplement"
expect_equal "S: one review-supplement reason" "$(reasons_of $S)" review-supplement
expect_equal "every application accepted into review got its acknowledgment first" \
	"$(for id in $Q $S $F $T $I $P $C $D; do ls "$state/out/notices/$id" | head -1; done | sort -u)" \
	"01-acknowledgment.html"
expect_equal "S: a supplement letter" "$(letters $S)" "02-supplement.html 02-supplement.pdf 02-supplement.txt"
expect "S: the letter lists the request" \
	grep -q '请补充220千伏东郊变电站项目的竣工验收报告' "$state/out/notices/$S/02-supplement.html"
expect "S: so does its text twin" grep -q '竣工验收报告' "$state/out/notices/$S/02-supplement.txt"

# a majority of fails
expect_equal "F: failed" "$(state_of $F)" failed
expect_equal "F: one dimension-not-met per dimension found not met (knowledge, ethics, leadership)" \
	"$(last_review_reasons $F)" \
	"dimension-not-met:ethics dimension-not-met:knowledge dimension-not-met:leadership"
expect_equal "F: review outcome failed, both examiners named" \
	"$(dossier_value $F "concat(//*[local-name()='review']/@outcome, ' ', //*[local-name()='review']/@examiners)")" \
	"failed EX-011 EX-025"
expect_equal "F: a failed letter" "$(letters $F)" "02-failed.html 02-failed.pdf 02-failed.txt"
expect "F: the letter names 工程伦理与职业道德" \
	grep -q '工程伦理与职业道德' "$state/out/notices/$F/02-failed.html"
expect "F: and gives the examiners' comments" \
	grep -q 'leadership：EX-025认为材料不足' "$state/out/notices/$F/02-failed.html"
expect "F: the letter shows the masked ID number" \
	grep -qF "$(dossier_value $F "/*/@idMasked")" "$state/out/notices/$F/02-failed.txt"
# R9: the letter of a run names the society's contact and signatory from the
# state's policy, the review's date (its last record's), and the routes of a
# final decision: reconsideration and the federation's feedback committee
expect "F: the letter gives the society's address, telephone and e-mail" \
	sh -c 'grep -q "北京市西城区白广路二条1号" "$1" && grep -q "010-63415555" "$1" && grep -q "ecap@csee.org.cn" "$1"' - \
	"$state/out/notices/$F/02-failed.txt"
expect "F: the letter is signed by the policy's signatory" \
	grep -q "秘书长 王秀兰" "$state/out/notices/$F/02-failed.html"
expect "F: the letter says how to ask for reconsideration and where feedback goes" \
	sh -c 'grep -q "日内，以书面形式向" "$1" && grep -q "标准与质量监督委员会" "$1"' - \
	"$state/out/notices/$F/02-failed.html"
expect "F: the letter gives the review's date" \
	grep -q "已于2026年11月3日完成材料审查" "$state/out/notices/$F/02-failed.html"

# one fail of two is no majority: a professional goes to interview
expect_equal "T: one fail of two is not a majority: awaiting-interview" "$(state_of $T)" \
	awaiting-interview
expect_equal "T: no reason" "$(reasons_of $T)" ""

# an interview asked for an apprentice
expect_equal "I: awaiting-interview (an examiner asked)" "$(state_of $I)" awaiting-interview
expect_equal "I: review outcome interview" \
	"$(dossier_value $I "//*[local-name()='review']/@outcome")" interview
expect_equal "I: the focus is kept for the panel" \
	"$(dossier_value $I "concat(//*[local-name()='review']/*[local-name()='focus']/@dimension, ' ', //*[local-name()='review']/*[local-name()='focus']/@examiner)")" \
	"leadership EX-017"
expect_equal "I: an interview letter" "$(letters $I)" "02-interview.html 02-interview.pdf 02-interview.txt"

# an apprentice passed by both: publicity
expect_equal "P: publicity" "$(state_of $P)" publicity
expect_equal "P: review outcome passed" "$(dossier_value $P "//*[local-name()='review']/@outcome")" passed
expect_equal "P: publicity begins with the run, ends 5 working days later" \
	"$(dossier_value $P "concat(//*[local-name()='publicity']/@begins, ' ', //*[local-name()='publicity']/@ends)")" \
	"2026-11-03 2026-11-10"
expect_equal "P: no letter (publicity is public, the certificate comes later)" "$(letters $P)" ""

# refused records
expect_equal "C: EX-003 works where the applicant works: examiner-conflict" \
	"$(dossier_record_outcome $C c-ex003.xml)" "refused examiner-conflict"
expect_equal "C: EX-999 is not on the roster: examiner-unknown" \
	"$(dossier_record_outcome $C c-ex999.xml)" "refused examiner-unknown"
expect_equal "C: EX-017's record applied" "$(record_outcome c-ex017.xml)" applied
expect_equal "C: refused records do not count: still in review with one of two" \
	"$(state_of $C)" in-review
expect_equal "C: the dossier keeps the refused records, with their codes" \
	"$(dossier_value $C "concat(count(//*[local-name()='record'][@status='refused']), ' ', //*[local-name()='record'][@code='examiner-conflict']/@kind)")" \
	"2 reviewRecord"
expect_equal "D: EX-008's first record, corrected later: superseded in the status" \
	"$(record_outcome d-ex008.xml)" superseded
expect_equal "D: EX-008 again in the same round: a correction, applied" \
	"$(dossier_record_outcome $D d-ex008-again.xml)" "applied"
expect_equal "D: it supersedes EX-008's first record" \
	"$(dossier_record_outcome $D d-ex008.xml)" "superseded"
expect_equal "D: the correction does not make a quorum" "$(state_of $D)" in-review
# pipeline/batch/records.c loses the code of a record refused by a stage
expect_equal "the status gives the codes of the records the review refused" \
	"$(record_outcome c-ex003.xml) / $(record_outcome c-ex999.xml) / $(record_outcome d-ex008-again.xml)" \
	"refused examiner-conflict / refused examiner-unknown / applied"
expect_equal "an unknown application: record-unknown-application" \
	"$(record_outcome unknown.xml)" "refused record-unknown-application"
expect_equal "a record missing a dimension: record-invalid" \
	"$(record_outcome bad.xml)" "refused record-invalid"
expect_equal "Q: the invalid record is not in its dossier" \
	"$(dossier_count $Q "//*[local-name()='record']")" 1
check_everything "after the first records"

# run 3, 2026-11-04: Q's second record; a record for a decided application; a
# byte-identical copy of a record; a record for S before its supplement
# arrives, then the supplement package (records are taken before packages)
record_date=2026-11-04
review_record q-ex021.xml $Q EX-021 pass
review_record f-late.xml $F EX-030 pass
review_record s-early.xml $S EX-017 pass
cp "$work/d-ex008.xml" "$work/d-copy.xml"
drop q-ex021.xml f-late.xml s-early.xml d-copy.xml s-2.zip
expect "the run of 2026-11-04 completes" run_ecap run "$state" --date 2026-11-04
expect_equal "Q: the second record decides: a professional is interviewed (policy)" \
	"$(state_of $Q)" awaiting-interview
expect_equal "Q: review outcome interview, nobody asked for it" \
	"$(dossier_value $Q "concat(//*[local-name()='review']/@outcome, ' ', count(//*[local-name()='review']/*[local-name()='focus']))")" \
	"interview 0"
expect_equal "Q: an interview letter" "$(letters $Q)" "02-interview.html 02-interview.pdf 02-interview.txt"
expect_equal "F: a review for a failed application: record-wrong-state" \
	"$(dossier_record_outcome $F f-late.xml)" "refused record-wrong-state"
expect_equal "F: still failed, still one letter" "$(state_of $F) $(letters $F)" \
	"failed 02-failed.html 02-failed.pdf 02-failed.txt"
expect_equal "D: a byte-identical record file: record-duplicate" \
	"$(record_outcome d-copy.xml)" "refused record-duplicate"
expect_equal "D: the identical file is not added to the dossier" \
	"$(dossier_count $D "//*[local-name()='record']")" 2
expect_equal "S: a review while the supplement is awaited: record-wrong-state" \
	"$(dossier_record_outcome $S s-early.xml)" "refused record-wrong-state"
expect_equal "the status gives these codes too" \
	"$(record_outcome f-late.xml) / $(record_outcome s-early.xml)" \
	"refused record-wrong-state / refused record-wrong-state"
expect_equal "S: the supplement package is validated again: in review" "$(state_of $S)" in-review
expect_equal "S: two submissions, the second accepted" \
	"$(dossier_value $S "concat(count(//*[local-name()='submission']), ' ', //*[local-name()='validation'][last()]/@submission, ' ', //*[local-name()='validation'][last()]/@outcome)")" \
	"2 2 accepted"

# run 4, 2026-11-05: one fresh record; the old round's two do not count
record_date=2026-11-05
review_record s-r2-ex003.xml $S EX-003 pass
drop s-r2-ex003.xml
expect "the run of 2026-11-05 completes" run_ecap run "$state" --date 2026-11-05
expect_equal "S: EX-003 may review again in the new round" "$(record_outcome s-r2-ex003.xml)" applied
expect_equal "S: one fresh record: still in review (round 1's records no longer count)" \
	"$(state_of $S)" in-review
expect_equal "S: still one review decision" "$(dossier_count $S "//*[local-name()='review']")" 1

# run 5, 2026-11-06: the second fresh record decides round 2
record_date=2026-11-06
review_record s-r2-ex008.xml $S EX-008 pass
drop s-r2-ex008.xml
expect "the run of 2026-11-06 completes" run_ecap run "$state" --date 2026-11-06
expect_equal "S: two fresh passes: publicity" "$(state_of $S)" publicity
expect_equal "S: review round 2, passed, by EX-003 and EX-008" \
	"$(dossier_value $S "concat(//*[local-name()='review'][last()]/@round, ' ', //*[local-name()='review'][last()]/@outcome, ' ', //*[local-name()='review'][last()]/@examiners)")" \
	"2 passed EX-003 EX-008"
expect_equal "S: the deciding review gives no reason" \
	"$(dossier_count $S "//*[local-name()='review'][last()]/*[local-name()='reason']")" 0
# pipeline/report/status.c shows the reasons of the last result that had any
expect_equal "S: the status shows no reason left from the supplement round" "$(reasons_of $S)" ""
check_everything "at the end"

# R9: the same comment of two examiners is told once, and a joined comment
# ends with one mark (the review filter on a dossier in review)
review_dossier() {
	sed -e '/<record kind="reviewRecord"/,$d' -e 's/state="supplement-requested"/state="in-review"/' \
		"$top/tests/data/dossiers/supplement.xml" && echo '</dossier>'
}
same_comment_record() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<reviewRecord xmlns="urn:ecap:1" application="A2026-000130" examiner="%s" date="2026-11-25">\n' "$2"
		for dimension in knowledge ethics teamwork learning; do
			printf '  <dimension code="%s" met="true">材料充分。</dimension>\n' "$dimension"
		done
		printf '  <dimension code="leadership" met="false">证明不充分。</dimension>\n'
		printf '  <recommendation>fail</recommendation>\n</reviewRecord>\n'
	} >"$work/$1"
}
review_dossier >"$work/in-review.xml"
same_comment_record same-1.xml EX-017
same_comment_record same-2.xml EX-021
expect "a review of two records with the same comment decides" \
	sh -c '"$1" review --policy "$2" --date 2026-11-26 --record "$3/same-1.xml" --record "$3/same-2.xml" \
		"$3/in-review.xml" >"$3/reviewed.xml"' - "$ecap" "$top/samples/policy.xml" "$work"
expect_equal "the comment is told once, with one closing mark" \
	"$(xmllint --xpath "string(//*[local-name()='review']/*[@dimension='leadership'])" "$work/reviewed.xml")" \
	"考官认为申请材料未能充分证明“组织领导与项目管理能力”方面达到要求：证明不充分。"

done_testing
