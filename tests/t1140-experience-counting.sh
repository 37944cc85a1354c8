#!/bin/sh
# t1140-experience-counting.sh - R1.3's counting rules that must not depend
# on accidents: experience in whole calendar months (five years across a leap
# day are five years, and a letter says "4 年 11 个月", never "5.0 年", of an
# applicant one month short), the highest degree whatever order the form
# lists the degrees in (an engineering degree wins a tie), and graduate
# practice only with the degree (master's practice needs a conferred master's
# or higher, doctoral practice the doctorate).
. "$(dirname "$0")/lib.sh"

run_date=2026-11-24

check_rejected() {
	expect_equal "$2: rejected" "$(state_of "$1")" rejected
	expect_equal "$2: for experience" "$(reasons_of "$1")" insufficient-experience
}

check_accepted() {
	expect_equal "$2: accepted (in-review)" "$(state_of "$1")" in-review
	expect_equal "$2: no reason" "$(reasons_of "$1")" ""
}

# one line each (build_packages reads one package a line)
bachelor='<education><degree level="bachelor" engineering="true" conferred="2019-06-30" institution="四川大学" major="电气工程及其自动化"/></education>'
five_leap='<experience><period from="2021-07-01" to="2026-06-30" during="work" engineering="true" employer="许继电气股份有限公司" role="工程师"/></experience>'
one_short='<experience><period from="2021-08-01" to="2026-06-30" during="work" engineering="true" employer="许继电气股份有限公司" role="工程师"/></experience>'
masters_nonengineering_first='<education><degree level="bachelor" engineering="false" conferred="2020-06-30" institution="北京大学" major="物理学"/><degree level="master" engineering="false" conferred="2023-06-30" institution="北京大学" major="工商管理"/><degree level="master" engineering="true" conferred="2022-06-30" institution="清华大学" major="电气工程"/></education>'
masters_engineering_first='<education><degree level="master" engineering="true" conferred="2022-06-30" institution="清华大学" major="电气工程"/><degree level="master" engineering="false" conferred="2023-06-30" institution="北京大学" major="工商管理"/><degree level="bachelor" engineering="false" conferred="2020-06-30" institution="北京大学" major="物理学"/></education>'
three_years='<experience><period from="2023-07-01" during="work" engineering="true" employer="许继电气股份有限公司" role="工程师"/></experience>'
master_practice='<experience><period from="2019-09-01" to="2021-06-30" during="master" engineering="true" employer="清华大学" role="研究生"/><period from="2022-07-01" during="work" engineering="true" employer="许继电气股份有限公司" role="工程师"/></experience>'
master_only='<education><degree level="bachelor" engineering="true" conferred="2018-06-30" institution="四川大学" major="电气工程及其自动化"/><degree level="master" engineering="true" conferred="2021-06-30" institution="清华大学" major="电气工程"/></education>'
doctorate_too='<education><degree level="bachelor" engineering="true" conferred="2018-06-30" institution="四川大学" major="电气工程及其自动化"/><degree level="master" engineering="true" conferred="2021-06-30" institution="清华大学" major="电气工程"/><degree level="doctorate" engineering="true" conferred="2024-06-30" institution="清华大学" major="电气工程"/></education>'
doctoral_practice='<experience><period from="2021-09-01" to="2024-06-30" during="doctorate" engineering="true" employer="清华大学" role="博士研究生"/><period from="2025-01-01" during="work" engineering="true" employer="许继电气股份有限公司" role="工程师"/></experience>'

new_state
expect "the packages are built" build_packages <<EOF2
leap.zip        --id A2026-114001 --seed 4101 --submitted 2026-11-02T09:00:00+08:00 --level professional --replace-re '<education>.*</education>' '$bachelor' --replace-re '<experience>.*</experience>' '$five_leap'
short.zip       --id A2026-114002 --seed 4102 --submitted 2026-11-02T09:10:00+08:00 --level professional --replace-re '<education>.*</education>' '$bachelor' --replace-re '<experience>.*</experience>' '$one_short'
order-a.zip     --id A2026-114003 --seed 4103 --submitted 2026-11-02T09:20:00+08:00 --level professional --replace-re '<education>.*</education>' '$masters_nonengineering_first' --replace-re '<experience>.*</experience>' '$three_years'
order-b.zip     --id A2026-114004 --seed 4104 --submitted 2026-11-02T09:30:00+08:00 --level professional --replace-re '<education>.*</education>' '$masters_engineering_first' --replace-re '<experience>.*</experience>' '$three_years'
no-master.zip   --id A2026-114005 --seed 4105 --submitted 2026-11-02T09:40:00+08:00 --level professional --replace-re '<education>.*</education>' '$bachelor' --replace-re '<experience>.*</experience>' '$master_practice'
no-doctor.zip   --id A2026-114006 --seed 4106 --submitted 2026-11-02T09:50:00+08:00 --level professional --replace-re '<education>.*</education>' '$master_only' --replace-re '<experience>.*</experience>' '$doctoral_practice'
doctor.zip      --id A2026-114007 --seed 4107 --submitted 2026-11-02T10:00:00+08:00 --level professional --replace-re '<education>.*</education>' '$doctorate_too' --replace-re '<experience>.*</experience>' '$doctoral_practice'
EOF2
drop leap.zip short.zip order-a.zip order-b.zip no-master.zip no-doctor.zip doctor.zip
expect "the run completes" run_ecap run "$state" --date $run_date

check_accepted A2026-114001 "2021-07-01..2026-06-30 (a leap day in it) is 5 years"
check_rejected A2026-114002 "2021-08-01..2026-06-30 is 4 years 11 months"
letter="$state/out/notices/A2026-114002/01-rejected.txt"
expect "the letter states 4 年 11 个月" grep -q '共 4 年 11 个月' "$letter"
expect "the letter shows no fractional years" sh -c "! grep -q '[0-9]\.[0-9] 年' '$letter'"
expect "the letter names the 5 years needed" grep -q '须至少 5 年' "$letter"
expect "the dossier's reason gives the months counted and needed" sh -c "
	grep -q 'code=\"insufficient-experience\"[^>]* months=\"59\" requiredMonths=\"60\"' \
		'$state/store/dossiers/A2026-114002.xml'"
check_accepted A2026-114003 "a non-engineering master's listed before an engineering one"
check_accepted A2026-114004 "the engineering master's listed first"
check_rejected A2026-114005 "master's practice without a master's degree does not count"
expect "the reason says why" grep -q '未取得硕士及以上学位者' "$state/store/dossiers/A2026-114005.xml"
check_rejected A2026-114006 "doctoral practice with only a master's degree does not count"
expect "the reason says why" grep -q '未取得博士学位者' "$state/store/dossiers/A2026-114006.xml"
check_accepted A2026-114007 "the same doctoral practice with the doctorate counts"
expect "the dossiers are valid" sh -c "xmllint --noout --schema '$top/xsd/dossier.xsd' '$state'/store/dossiers/A2026-11400*.xml"

done_testing
