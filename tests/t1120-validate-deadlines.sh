#!/bin/sh
# t1120-validate-deadlines.sh - the resubmission cycle on the society's
# calendar: a returned application's deadline (10 working days, holidays and
# adjusted working days counted), a correction taken on the deadline, a late
# correction and a silent application expiring the day after it (and not on
# it), a package for an application in review refused, and deadlines in a
# year the calendar does not cover (weekends only, and the run says so).
. "$(dirname "$0")/lib.sh"

# dossier_count ID XPATH: counts in the dossier of ID (local names)
dossier_count() {
	xmllint --xpath "count($2)" "$state/store/dossiers/$1.xml"
}

# letters ID: the letter files of ID, sorted, space-separated
letters() {
	ls "$state/out/notices/$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

new_state
expect "the packages are built" build_packages <<'EOF'
a-1.zip      --id A2026-112001 --seed 3101 --member M-2016-031101 --submitted 2026-09-20T09:00:00+08:00 --defect missing-education
c-1.zip      --id A2026-112003 --seed 3103 --member M-2016-031103 --submitted 2026-09-21T09:00:00+08:00 --defect statement-short
a-2.zip      --id A2026-112001 --seed 3101 --member M-2016-031101 --submitted 2026-10-14T15:00:00+08:00
b-1.tar.gz   --id A2026-112002 --seed 3102 --member M-2016-031102 --submitted 2026-10-28T09:00:00+08:00 --defect evidence-checksum
a-3.zip      --id A2026-112001 --seed 3101 --member M-2016-031101 --submitted 2026-10-30T09:00:00+08:00 --statement-chars 3000
b-2.tar.gz   --id A2026-112002 --seed 3102 --member M-2016-031102 --submitted 2026-11-15T20:00:00+08:00
e-1.zip      --id A2026-112005 --seed 3105 --member M-2016-031105 --submitted 2026-12-20T09:00:00+08:00 --defect commitment-unsigned
d-1.zip      --id A2027-112004 --seed 3104 --member M-2016-031104 --submitted 2027-09-20T09:00:00+08:00 --defect commitment-undated
EOF

# 2026-09-28, a Monday: 10 working days across the National Day holiday
# (10-01..10-07), the adjusted working Saturday 10-10 counted: 2026-10-16.
drop a-1.zip c-1.zip
expect "the run of 2026-09-28 completes" run_ecap run "$state" --date 2026-09-28
expect "it returns both" grep -q "0 accepted for review, 2 returned, 0 rejected, 0 expired" "$work/ecap.out"
expect "a covered year: the run does not warn about the calendar" \
	sh -c "! grep -q 'does not cover' '$work/ecap.out'"
expect_equal "A: returned" "$(state_of A2026-112001)" returned
expect_equal "A: deadline across National Day" "$(deadline_of A2026-112001)" 2026-10-16
expect_equal "A: the returned letter, html and text" "$(letters A2026-112001)" "01-returned.html 01-returned.pdf 01-returned.txt"
expect "A: the letter gives the deadline 2026年10月16日" \
	grep -q '2026年10月16日' "$state/out/notices/A2026-112001/01-returned.txt"
expect "A: the html letter too" grep -q '2026年10月16日' "$state/out/notices/A2026-112001/01-returned.html"
expect_equal "C: the same deadline" "$(deadline_of A2026-112003)" 2026-10-16
expect_equal "the deadline markers" "$(ls "$state/store/wakeups" | tr '\n' ' ')" \
	"2026-10-16_A2026-112001 2026-10-16_A2026-112003 "

# on the deadline: A's correction counts, C is not swept yet
drop a-2.zip
expect "the run of 2026-10-16 (the deadline) completes" run_ecap run "$state" --date 2026-10-16
expect_equal "A: the correction is accepted: in-review" "$(state_of A2026-112001)" in-review
expect_equal "A: no deadline any more" "$(deadline_of A2026-112001)" ""
expect_equal "A: no reason shown" "$(reasons_of A2026-112001)" ""
expect_equal "A: two submissions in the dossier" \
	"$(dossier_count A2026-112001 "//*[local-name()='submission']")" 2
expect_equal "A: the dossier's application is the corrected one" \
	"$(xmllint --xpath "string(//*[local-name()='application']/*[local-name()='commitment']/@date)" \
		"$state/store/dossiers/A2026-112001.xml")" 2026-10-14
expect_equal "A: the last validation is of submission 2, accepted" \
	"$(xmllint --xpath "concat(//*[local-name()='validation'][last()]/@submission, ' ', //*[local-name()='validation'][last()]/@outcome)" \
		"$state/store/dossiers/A2026-112001.xml")" "2 accepted"
expect_equal "A: the corrected package acknowledged, no other letter" "$(letters A2026-112001)" \
	"01-returned.html 01-returned.pdf 01-returned.txt 02-acknowledgment.html 02-acknowledgment.pdf 02-acknowledgment.txt"
expect "A: the acknowledgment says the corrected material was accepted" \
	grep -q "您补正后的申请材料符合要求" "$state/out/notices/A2026-112001/02-acknowledgment.html"
expect_equal "A: its deadline marker is gone, C's stays" "$(ls "$state/store/wakeups" | tr '\n' ' ')" \
	"2026-10-16_A2026-112003 "
expect_equal "C: still returned on the day of its deadline" "$(state_of A2026-112003)" returned
expect_equal "C: no letter yet but the first" "$(letters A2026-112003)" "01-returned.html 01-returned.pdf 01-returned.txt"

# the day after: C expires
expect "the run of 2026-10-17 completes" run_ecap run "$state" --date 2026-10-17
expect "it counts one expired" grep -q "0 returned, 0 rejected, 1 expired" "$work/ecap.out"
expect_equal "C: expired the day after its deadline" "$(state_of A2026-112003)" expired
expect_equal "C: reason resubmission-expired" "$(reasons_of A2026-112003)" resubmission-expired
expect_equal "C: no deadline any more" "$(deadline_of A2026-112003)" ""
expect_equal "C: an expired letter" "$(letters A2026-112003)" \
	"01-returned.html 01-returned.pdf 01-returned.txt 02-expired.html 02-expired.pdf 02-expired.txt"
expect "C: the expired letter names the deadline" \
	grep -q '2026年10月16日' "$state/out/notices/A2026-112003/02-expired.txt"
expect_equal "no deadline marker left" "$(ls "$state/store/wakeups" | wc -l | tr -d ' ')" 0
expect_equal "A: untouched by the sweep" "$(state_of A2026-112001)" in-review

# a notice on Monday 2026-11-02 gives 2026-11-16; a package for A, in review,
# is refused
drop b-1.tar.gz a-3.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
expect_equal "B: returned" "$(state_of A2026-112002)" returned
expect_equal "B: deadline 2026-11-16" "$(deadline_of A2026-112002)" 2026-11-16
expect "B: the letter gives 2026年11月16日" \
	grep -q '2026年11月16日' "$state/out/notices/A2026-112002/01-returned.txt"
expect_equal "a package for an application in review is quarantined as duplicate-application" \
	"$(quarantine_code_of a-3.zip)" duplicate-application
expect_equal "A: still in review" "$(state_of A2026-112001)" in-review
expect_equal "A: still two submissions" \
	"$(dossier_count A2026-112001 "//*[local-name()='submission']")" 2
expect_equal "A: still no new letter" "$(letters A2026-112001)" \
	"01-returned.html 01-returned.pdf 01-returned.txt 02-acknowledgment.html 02-acknowledgment.pdf 02-acknowledgment.txt"

# B's correction arrives the day after its deadline
drop b-2.tar.gz
expect "the run of 2026-11-17 completes" run_ecap run "$state" --date 2026-11-17
expect_equal "B: expired" "$(state_of A2026-112002)" expired
expect_equal "B: reason resubmission-expired" "$(reasons_of A2026-112002)" resubmission-expired
expect_equal "B: the late package is recorded (two submissions)" \
	"$(dossier_count A2026-112002 "//*[local-name()='submission']")" 2
expect_equal "B: the expiry names the late submission" \
	"$(xmllint --xpath "string(//*[local-name()='validation'][last()]/@submission)" \
		"$state/store/dossiers/A2026-112002.xml")" 2
expect_equal "B: an expired letter" "$(letters A2026-112002)" \
	"01-returned.html 01-returned.pdf 01-returned.txt 02-expired.html 02-expired.pdf 02-expired.txt"
expect "B: the expired letter names the deadline" \
	grep -q '2026年11月16日' "$state/out/notices/A2026-112002/02-expired.txt"

# a 2026 notice whose deadline falls in 2027, which the calendar does not cover
drop e-1.zip
expect "the run of 2026-12-24 completes" run_ecap run "$state" --date 2026-12-24
expect_equal "E: deadline counted with 2027-01-01 as a working day" \
	"$(deadline_of A2026-112005)" 2027-01-07
expect_equal "E: the dossier notes the uncovered year" \
	"$(dossier_count A2026-112005 "//*[local-name()='note'][@code='calendar-not-covered']")" 1

# 2027: the calendar does not cover it; weekends only (the real National
# Day holiday of 2027 is unknown to the policy)
drop d-1.zip
expect "the run of 2027-09-30 completes" run_ecap run "$state" --date 2027-09-30
expect "the run says the calendar does not cover the year" \
	grep -q "calendar does not cover this year; deadlines count weekends only" "$work/ecap.out"
expect "its log says so too" \
	sh -c "grep -q 'does not cover 2027' \"\$(ls -t '$state'/out/reports/*.log | head -1)\""
expect_equal "D: returned" "$(state_of A2027-112004)" returned
expect_equal "D: deadline by weekends only" "$(deadline_of A2027-112004)" 2027-10-14
expect "D: the letter gives 2027年10月14日" \
	grep -q '2027年10月14日' "$state/out/notices/A2027-112004/01-returned.txt"
expect_equal "D: the dossier notes the uncovered year" \
	"$(dossier_count A2027-112004 "//*[local-name()='note'][@code='calendar-not-covered']")" 1
expect_equal "E: swept by the same run" "$(state_of A2026-112005)" expired

done_testing
