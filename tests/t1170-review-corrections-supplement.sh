#!/bin/sh
# t1170-review-corrections-supplement.sh - R4: a later record of the same
# examiner for the same application and round, before the decision, replaces
# the earlier one (a correction: it was refused as record-duplicate), and
# after the decision a record is refused (record-wrong-state). A supplement
# request has a deadline (policy supplement workingDays, 10 working days),
# shown in the supplement letter and the status; a package taken by a run
# dated on or before it counts, a run dated after it expires the application
# (supplement-expired, with a letter), a late package included. A state
# written before supplement deadlines (layout version 1) gives an
# application it left waiting for a supplement a deadline counted from the
# first run after the upgrade.
. "$(dirname "$0")/lib.sh"

# review_record NAME APPLICATION EXAMINER RECOMMENDATION [NOT-MET [SUPPLEMENT]]
review_record() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
			"$2" "$3" "$record_date"
		for dimension in knowledge ethics teamwork learning leadership; do
			case " ${5:-} " in
			*" $dimension "*)
				printf '  <dimension code="%s" met="false">%s认为材料不足</dimension>\n' \
					"$dimension" "$3" ;;
			*)
				printf '  <dimension code="%s" met="true">材料充分。</dimension>\n' "$dimension" ;;
			esac
		done
		printf '  <recommendation>%s</recommendation>\n' "$4"
		[ -n "${6:-}" ] && printf '  <supplement>%s</supplement>\n' "$6"
		printf '</reviewRecord>\n'
	} >"$work/$1"
}

# dossier_record_status ID NAME: the status of the record $work/NAME in ID's dossier
dossier_record_status() {
	digest=$(sha256sum "$work/$2" | cut -c1-64)
	xmllint --xpath "string(//*[local-name()='record'][contains(@input, '$digest')]/@status)" \
		"$state/store/dossiers/$1.xml" 2>/dev/null
}

record_code() {
	xpath "string(//*[local-name()='record'][@input='dropbox/$1']/@code)"
}

K=A2026-117001	# a correction before the decision
N=A2026-117002	# supplement, no package: expires
L=A2026-117003	# supplement, the package a day late
O=A2026-117004	# supplement, the package on the last day
employer=华北电力设计院有限公司

new_state
expect "the packages are built" build_packages <<EOF2
k.zip    --id $K --seed 7101 --level apprentice --employer $employer --submitted 2026-11-02T09:00:00+08:00
n.zip    --id $N --seed 7102 --level apprentice --employer $employer --submitted 2026-11-02T10:00:00+08:00
l.zip    --id $L --seed 7103 --level apprentice --employer $employer --submitted 2026-11-02T11:00:00+08:00
o.zip    --id $O --seed 7104 --level apprentice --employer $employer --submitted 2026-11-02T12:00:00+08:00
l-2.zip  --id $L --seed 7103 --level apprentice --employer $employer --submitted 2026-12-08T09:00:00+08:00 --statement-chars 3000
o-2.zip  --id $O --seed 7104 --level apprentice --employer $employer --submitted 2026-12-07T09:00:00+08:00 --statement-chars 3000
EOF2
drop k.zip n.zip l.zip o.zip
expect "the run of 2026-11-23 completes" run_ecap run "$state" --date 2026-11-23

# 2026-11-24 (a Tuesday): EX-017 asks K for a supplement, then corrects it to
# a pass; N, L and O are asked for a supplement
record_date=2026-11-24
review_record k-ex017.xml $K EX-017 supplement leadership "请补充项目验收报告"
review_record k-ex017-corrected.xml $K EX-017 pass
review_record k-ex008.xml $K EX-008 pass
for id in $N $L $O; do
	review_record "$id-ex017.xml" $id EX-017 supplement leadership "请补充项目验收报告"
	review_record "$id-ex008.xml" $id EX-008 pass
done
drop k-ex017.xml k-ex017-corrected.xml
expect "the run of 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24
expect_equal "K: the correction is applied" "$(dossier_record_status $K k-ex017-corrected.xml)" applied
expect_equal "K: the first record is superseded" "$(dossier_record_status $K k-ex017.xml)" superseded
expect_equal "K: one examiner, no decision yet" "$(state_of $K)" in-review
expect_equal "K: the status shows the first record superseded, the correction applied" \
	"$(xpath "string(//*[local-name()='record'][@input='dropbox/k-ex017.xml']/@state)") $(xpath "string(//*[local-name()='record'][@input='dropbox/k-ex017-corrected.xml']/@state)")" \
	"superseded applied"
expect "the status validates" sh -c "'$ecap' status '$state' --xml | xmllint --noout --schema '$top/xsd/status.xsd' -"
drop k-ex008.xml "$N-ex017.xml" "$N-ex008.xml" "$L-ex017.xml" "$L-ex008.xml" \
	"$O-ex017.xml" "$O-ex008.xml"
expect "the second run of 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24
expect_equal "K: decided on the corrected record (a pass, no supplement)" "$(state_of $K)" publicity
expect_equal "K: the decision counts two examiners" \
	"$(xmllint --xpath "string(//*[local-name()='review']/@examiners)" "$state/store/dossiers/$K.xml")" \
	"EX-017 EX-008"
record_date=2026-11-25
review_record k-late.xml $K EX-017 fail knowledge
drop k-late.xml
expect "the run of 2026-11-25 completes" run_ecap run "$state" --date 2026-11-25
expect_equal "K: a record after the decision is refused" "$(record_code k-late.xml)" record-wrong-state
expect_equal "K: still in publicity" "$(state_of $K)" publicity

# the supplement requests of 2026-11-24: 10 working days, 2026-12-08
for id in $N $L $O; do
	expect_equal "$id: supplement requested" "$(state_of $id)" supplement-requested
	expect_equal "$id: deadline 2026-12-08 in the status" "$(deadline_of $id)" 2026-12-08
done
expect "the review gives the deadline" \
	grep -q 'outcome="supplement"[^>]*deadline="2026-12-08"\|deadline="2026-12-08"[^>]*outcome="supplement"' \
	"$state/store/dossiers/$N.xml"
expect "the supplement letter gives the deadline" \
	grep -q '2026年12月8日（含当日）之前提交补充后的材料' "$state/out/notices/$N/02-supplement.txt"
expect "the dossiers are valid" sh -c "xmllint --noout --schema '$top/xsd/dossier.xsd' '$state'/store/dossiers/*.xml"

drop o-2.zip
expect "the run of 2026-12-08 completes" run_ecap run "$state" --date 2026-12-08
expect_equal "O: the package of the last day counts: in review" "$(state_of $O)" in-review
expect_equal "N: 2026-12-08 is not after the deadline" "$(state_of $N)" supplement-requested

drop l-2.zip
expect "the run of 2026-12-09 completes" run_ecap run "$state" --date 2026-12-09
expect_equal "N: expired after the deadline" "$(state_of $N)" expired
expect_equal "N: supplement-expired" "$(reasons_of $N)" supplement-expired
expect "N: an expiry letter about the supplement" \
	sh -c "grep -q '逾期未补充材料通知' '$state/out/notices/$N/03-expired.txt' &&
	       grep -q '截至补充材料期限届满' '$state/out/notices/$N/03-expired.txt' &&
	       grep -q '2026年12月8日' '$state/out/notices/$N/03-expired.txt'"
expect "N: and its HTML twin" grep -q '逾期未补充材料通知' "$state/out/notices/$N/03-expired.html"
expect_equal "L: the package a day late: expired" "$(state_of $L)" expired
expect_equal "L: supplement-expired" "$(reasons_of $L)" supplement-expired
expect "L: the letter says the package came late" \
	grep -q '收到您补充后的材料，此时补充材料期限已过' "$state/out/notices/$L/03-expired.txt"
expect "no wake-up marker is left for N and L" sh -c "! ls '$state/store/wakeups' | grep -q -e $N -e $L"
expect "the status validates" sh -c "'$ecap' status '$state' --xml | xmllint --noout --schema '$top/xsd/status.xsd' -"

# A state of layout version 1 that left an application waiting for a
# supplement without a deadline: the first run after the upgrade gives it one.
cp "$state/members.xml" "$work/members.xml"
new_state
cp "$work/members.xml" "$state/members.xml"
drop n.zip
expect "old state: the first run completes" run_ecap run "$state" --date 2026-11-23
record_date=2026-11-24
drop "$N-ex017.xml" "$N-ex008.xml"
expect "old state: the review run completes" run_ecap run "$state" --date 2026-11-24
sed -i -e 's/ deadline="[0-9-]*"//g' "$state/store/dossiers/$N.xml"
rm -f "$state/store/wakeups/"* "$state/store/version" "$state/store/last-run-date"
expect_equal "old state: supplement requested, no deadline" \
	"$(state_of $N) $(deadline_of $N)" "supplement-requested "
expect "the first run after the upgrade, 2026-12-14, completes" \
	run_ecap run "$state" --date 2026-12-14
expect_equal "old state: not expired at once" "$(state_of $N)" supplement-requested
expect_equal "old state: a deadline 10 working days after the upgrade run" \
	"$(deadline_of $N)" 2026-12-28
expect_equal "old state: one marker, of that deadline" "$(ls "$state/store/wakeups")" "2026-12-28_$N"
expect "a run dated after it expires the application" run_ecap run "$state" --date 2026-12-29
expect_equal "old state: expired" "$(state_of $N) $(reasons_of $N)" "expired supplement-expired"

done_testing
