#!/bin/sh
# t1100-validate-returns.sh - every R2 finding of the validation stage
# returns the application: one package per defect, each with exactly the
# reason code of formats.md §5, a resubmission deadline and a returned letter
# (html and text). A package with several defects gets every code, not only
# the first; a clean package is accepted and gets no letter.
. "$(dirname "$0")/lib.sh"

run_date=2026-11-24		# a Tuesday
deadline=2026-12-08		# its 10th working day after

new_state
expect "the packages are built" build_packages <<'EOF'
clean.zip              --id A2026-110001 --seed 1101 --submitted 2026-11-02T09:10:00+08:00
statement-short.zip    --id A2026-110002 --seed 1102 --submitted 2026-11-02T10:00:00+08:00 --defect statement-short
statement-long.zip     --id A2026-110003 --seed 1103 --submitted 2026-11-03T10:00:00+08:00 --defect statement-long --level senior
statement-english.zip  --id A2026-110004 --seed 1104 --submitted 2026-11-03T11:00:00+08:00 --defect statement-english --id-type passport
missing-id-back.zip    --id A2026-110005 --seed 1105 --submitted 2026-11-04T09:00:00+08:00 --defect missing-id-back --level apprentice
passport-no-page.zip   --id A2026-110006 --seed 1106 --submitted 2026-11-04T10:00:00+08:00 --defect passport-without-photo --id-type passport
missing-education.tar.gz --id A2026-110007 --seed 1107 --submitted 2026-11-05T09:00:00+08:00 --defect missing-education
evidence-missing.tar   --id A2026-110008 --seed 1108 --submitted 2026-11-05T10:00:00+08:00 --defect evidence-missing
evidence-checksum.7z   --id A2026-110009 --seed 1109 --submitted 2026-11-06T09:00:00+08:00 --defect evidence-checksum
classified.tar.xz      --id A2026-110010 --seed 1110 --submitted 2026-11-06T10:00:00+08:00 --defect classified
unsigned.zip           --id A2026-110011 --seed 1111 --submitted 2026-11-09T09:00:00+08:00 --defect commitment-unsigned
undated.zip            --id A2026-110012 --seed 1112 --submitted 2026-11-09T10:00:00+08:00 --defect commitment-undated
check-character.zip    --id A2026-110013 --seed 1113 --submitted 2026-11-10T09:00:00+08:00 --defect identity-check
birth-mismatch.zip     --id A2026-110014 --seed 1114 --submitted 2026-11-10T10:00:00+08:00 --defect identity-birth --level senior
bad-passport.zip       --id A2026-110015 --seed 1115 --submitted 2026-11-11T09:00:00+08:00 --defect passport-bad
one-project.zip        --id A2026-110016 --seed 1116 --submitted 2026-11-11T10:00:00+08:00 --defect projects-one --level professional
unknown-element.zip    --id A2026-110017 --seed 1117 --submitted 2026-11-12T09:00:00+08:00 --defect schema
several.zip            --id A2026-110018 --seed 1118 --submitted 2026-11-12T10:00:00+08:00 --defect statement-short --defect missing-education --defect evidence-checksum --defect classified --defect commitment-unsigned --defect identity-check --defect projects-one
schema-and-r1.zip      --id A2026-110019 --seed 1119 --submitted 2026-11-13T09:00:00+08:00 --defect schema --defect not-member
apprentice-one.zip     --id A2026-110020 --seed 1120 --submitted 2026-11-13T10:00:00+08:00 --level apprentice
unsigned-other.zip     --id A2026-110021 --seed 1121 --submitted 2026-11-16T09:00:00+08:00 --replace "</commitment>" "代签</commitment>"
EOF
drop clean.zip statement-short.zip statement-long.zip statement-english.zip missing-id-back.zip \
	passport-no-page.zip missing-education.tar.gz evidence-missing.tar evidence-checksum.7z \
	classified.tar.xz unsigned.zip undated.zip check-character.zip birth-mismatch.zip \
	bad-passport.zip one-project.zip unknown-element.zip several.zip schema-and-r1.zip \
	apprentice-one.zip unsigned-other.zip
expect "the run completes" run_ecap run "$state" --date $run_date
expect_equal "every package was taken" "$(dropbox_count)" 0
expect "the run counts 19 returned and 2 accepted" \
	grep -q "validation: 2 accepted for review, 19 returned, 0 rejected, 0 expired" "$work/ecap.out"

# check_returned ID "CODES" WHAT: returned with exactly CODES, the deadline
# of the run, and one returned letter in both forms.
check_returned() {
	expect_equal "$3: state" "$(state_of "$1")" returned
	expect_equal "$3: reasons" "$(reasons_of "$1")" "$2"
	expect_equal "$3: deadline" "$(deadline_of "$1")" $deadline
	expect "$3: a returned letter, html and text" \
		test -s "$state/out/notices/$1/01-returned.html" -a -s "$state/out/notices/$1/01-returned.txt"
}

expect_equal "a clean package is accepted: in-review" "$(state_of A2026-110001)" in-review
expect_equal "a clean package has no reason" "$(reasons_of A2026-110001)" ""
expect_equal "a clean package has no deadline" "$(deadline_of A2026-110001)" ""
# R9: an application accepted into review gets the acknowledgment (受理通知)
expect_equal "a clean package gets the acknowledgment only" \
	"$(ls "$state/out/notices/A2026-110001" | tr '\n' ' ')" \
	"01-acknowledgment.html 01-acknowledgment.pdf 01-acknowledgment.txt "
expect "the acknowledgment says the application is accepted into review" \
	grep -q "本学会决定予以受理，申请进入材料审查阶段" "$state/out/notices/A2026-110001/01-acknowledgment.html"
expect "and gives the form's submitted date and the society's contact" \
	sh -c 'grep -q "您于20[0-9]*年[0-9]*月[0-9]*日提交的" "$1" && grep -q "010-63415555" "$1"' - \
	"$state/out/notices/A2026-110001/01-acknowledgment.html"
expect_equal "an apprentice needs no two projects: one is fine" "$(state_of A2026-110020)" in-review

check_returned A2026-110002 statement-length "a statement of about 1500 characters"
expect "the statement-length reason names the bounds" \
	sh -c "xmllint --xpath 'string(//*[local-name()=\"validation\"]/*[@code=\"statement-length\"])' \
		'$state/store/dossiers/A2026-110002.xml' | grep -q '应为 2000 至 4000 字'"
check_returned A2026-110003 statement-length "a statement of about 4600 characters"
check_returned A2026-110004 statement-language "a statement mostly in English"
check_returned A2026-110005 evidence-identity "no back side of the resident ID"
check_returned A2026-110006 evidence-identity "a passport applicant without the passport page"
check_returned A2026-110007 evidence-education "no proof of education"
check_returned A2026-110008 evidence-missing "a listed file not in the archive"
check_returned A2026-110009 evidence-checksum "a listed file with the wrong SHA-256"
check_returned A2026-110010 evidence-classified "classified evidence not desensitized"
check_returned A2026-110011 commitment-unsigned "an unsigned commitment"
check_returned A2026-110012 commitment-unsigned "an undated commitment"
check_returned A2026-110021 commitment-unsigned "a commitment signed by another name"
check_returned A2026-110013 identity-invalid "a resident ID with a wrong check character"
check_returned A2026-110014 identity-invalid "a resident ID whose birth date differs from the form"
check_returned A2026-110015 identity-invalid "a passport number with punctuation"
check_returned A2026-110016 projects-count "one project at professional level"
check_returned A2026-110017 schema "an element the schema does not know"
check_returned A2026-110018 \
	"commitment-unsigned evidence-checksum evidence-classified evidence-education identity-invalid projects-count statement-length" \
	"seven defects at once: every one reported"
check_returned A2026-110019 schema "a form against the schema is returned, its R1 defect not judged"

expect_equal "the returned letter states the deadline" \
	"$(grep -c '2026年12月8日' "$state/out/notices/A2026-110018/01-returned.txt")" 2
expect_equal "the letter of several defects lists each of them" \
	"$(sed -n '/一、需要补正的事项/,/二、补正期限/p' "$state/out/notices/A2026-110018/01-returned.txt" |
		grep -c '^  [0-9]\. ')" 7
expect_equal "one deadline marker per returned application" \
	"$(ls "$state/store/wakeups" | grep -c "^${deadline}_A2026-1100")" 19
expect_equal "no rejected letter was written" \
	"$(find "$state/out/notices" -name '*-rejected.*' | wc -l | tr -d ' ')" 0

done_testing
