#!/bin/sh
# t1130-status-and-privacy.sh - after a mixed batch (the samples and a few
# defective packages, a banned applicant among them): the status document
# and every dossier conform to their schemas, no output holds a full ID
# number while every letter shows the masked one, the status table lists
# every application; `ecap validate` as a filter over a bare form and over a
# whole package; and the refusals of status, run and init.
. "$(dirname "$0")/lib.sh"

# todo DESCRIPTION WHY DETAIL: a failing check of a known product bug, as a
# TAP TODO (not counted as a failure by done_testing).

# schema_complaints FILE...: for each file that does not validate against
# xsd/dossier.xsd, "NAME: xmllint's first complaint"; one line only if the
# schema itself does not compile
schema_complaints() {
	for dossier in "$@"; do
		xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$dossier" >/dev/null 2>"$work/xsd.err" &&
			continue
		if grep -q 'failed to compile' "$work/xsd.err"; then
			echo "xsd/dossier.xsd does not compile: $(head -1 "$work/xsd.err")"
			return
		fi
		echo "$(basename "$dossier"): $(grep -v 'fails to validate' "$work/xsd.err" | head -1 | sed 's/^[^:]*:[0-9]*: //')"
	done
}

# Dossier elements that the code writes without an attribute the schema
# requires (reported to the lead as product bugs).
known_validation="validation': The attribute 'submission' is required but missing"
known_submission="submission': The attribute 'input' is required but missing"

# schema_verdict DESCRIPTION COMPLAINTS: ok without complaints; a TODO when
# each is a known bug; a failure otherwise
schema_verdict() {
	if [ -z "$2" ]; then
		expect "$1" true
	elif [ -z "$(echo "$2" | grep -v -e "$known_validation" -e "$known_submission")" ]; then
		why=""
		echo "$2" | grep -q "$known_validation" &&
			why="a <validation> without a submission (stages/validate.c begin_validation) lacks @submission;"
		echo "$2" | grep -q "$known_submission" &&
			why="${why:+$why }the filter's <submission> (pipeline/command/command_filter.c) lacks @input;"
		todo "$1" "${why%;}: required by xsd/dossier.xsd" "$2"
	else
		expect_equal "$1" "$2" ""
	fi
}

# every_id_number: every full ID number in the forms of the state's dossiers
# and of the packages built here, one a line
every_id_number() {
	for dossier in "$state"/store/dossiers/*.xml; do
		xmllint --xpath "string(/*/*[local-name()='application']/*[local-name()='applicant']/*[local-name()='idDocument'])" \
			"$dossier" 2>/dev/null | tr -d ' \n'
		echo
	done
	cut -d' ' -f2 "$work/ids"
}

new_state
expect "the packages are built" build_packages <<'EOF'
passport.zip      --id A2026-113001 --seed 4101 --submitted 2026-11-19T09:00:00+08:00 --id-type passport --defect statement-english
bad-passport.zip  --id A2026-113002 --seed 4102 --submitted 2026-11-19T10:00:00+08:00 --defect passport-bad --defect evidence-missing
wrong-check.zip   --id A2026-113003 --seed 4103 --submitted 2026-11-19T11:00:00+08:00 --defect identity-check --defect schema
birth.zip         --id A2026-113004 --seed 4104 --submitted 2026-11-20T09:00:00+08:00 --defect identity-birth --defect field
banned.zip        --id A2026-113005 --seed 4105 --submitted 2026-11-20T10:00:00+08:00
stranger.zip      --id A2026-113006 --seed 4106 --submitted 2026-11-20T11:00:00+08:00 --defect not-member --defect classified
EOF
umask 077	# the store is private (R10)
banned_id=$(sed -n 's/^banned.zip \([^ ]*\) .*/\1/p' "$work/ids")
printf '<identity xmlns="urn:ecap:1" registration="CSEE-000007" banned="true"/>\n' \
	>"$state/store/identities/$(printf '%s' "$banned_id" | sha256sum | cut -c1-64).xml"
cp "$top"/samples/dropbox/* "$state/dropbox/"
drop passport.zip bad-passport.zip wrong-check.zip birth.zip banned.zip stranger.zip
expect "the mixed batch runs" run_ecap run "$state" --date 2026-11-24
expect_equal "everything left the dropbox" "$(dropbox_count)" 0
refresh_status
cp "$work/status.xml" "$work/status-1.xml"
expect_equal "19 applications" "$(xpath "count(/*/*[local-name()='application'])")" 19
expect_equal "6 in review, 8 returned, 5 rejected" \
	"$(xpath "concat(count(//*[@state='in-review']), ' ', count(//*[@state='returned']), ' ', count(//*[@state='rejected']))")" \
	"6 8 5"
expect_equal "one quarantined input (the sample without application.xml)" \
	"$(quarantine_code_of 2026-11-18-sun-li.zip)" no-application

# the status document and the dossiers against their schemas
expect "ecap status --xml validates against xsd/status.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status-1.xml"
schema_verdict "every dossier validates against xsd/dossier.xsd" \
	"$(schema_complaints "$state"/store/dossiers/*.xml)"

# privacy (R9, R10): no full ID number under out/, the masked one in letters
every_id_number | sort -u | grep -v '^-*$' >"$work/id-numbers"
expect_equal "the ID numbers of all 19 forms are known" "$(wc -l <"$work/id-numbers" | tr -d ' ')" 19
expect "no file under out/ holds a full ID number" \
	sh -c "! grep -rF -f '$work/id-numbers' '$state/out'"
expect "nor does the status document" sh -c "! grep -F -f '$work/id-numbers' '$work/status-1.xml'"
expect "nor the status table" sh -c "'$ecap' status '$state' | grep -F -f '$work/id-numbers'; test \$? -eq 1"
letters_checked=0
letters_unmasked=""
for dossier in "$state"/store/dossiers/*.xml; do
	masked=$(xmllint --xpath 'string(/*/@idMasked)' "$dossier")
	for text in $(xmllint --xpath "/*/*[local-name()='notice']/@text" "$dossier" 2>/dev/null |
		sed 's/ *text="\([^"]*\)"/\1\n/g'); do
		letters_checked=$((letters_checked + 1))
		case $masked in
		*'*'*) grep -qF "$masked" "$state/$text" || letters_unmasked="$letters_unmasked $text" ;;
		*) letters_unmasked="$letters_unmasked $text(idMasked '$masked')" ;;
		esac
	done
done
expect_equal "19 letters written (8 returned, 5 rejected, 6 acknowledgments)" "$letters_checked" 19
expect_equal "every letter's text shows the masked ID number" "$letters_unmasked" ""

# the table lists every application
"$ecap" status "$state" >"$work/table.txt"
missing=""
for id in $(xpath "/*/*[local-name()='application']/@id" | sed 's/ *id="\([^"]*\)"/\1 /g'); do
	grep -q "^$id " "$work/table.txt" || missing="$missing $id"
done
expect_equal "the table lists every application" "$missing" ""
expect "the table counts them" grep -q "^19 applications, 1 quarantined inputs" "$work/table.txt"

# a sweep after the deadline: every returned application expires
expect "a run after the deadline completes" run_ecap run "$state" --date 2026-12-09
expect_equal "the 8 returned applications expired" \
	"$(xpath "count(//*[@state='expired'])") $(xpath "count(//*[@state='returned'])")" "8 0"
expect "the status still validates" \
	sh -c "'$ecap' status '$state' --xml | xmllint --noout --nonet --schema '$top/xsd/status.xsd' -"
schema_verdict "every dossier still validates after the sweep" \
	"$(schema_complaints "$state"/store/dossiers/*.xml)"
expect "still no full ID number under out/" sh -c "! grep -rF -f '$work/id-numbers' '$state/out'"

# ecap validate as a filter (the sample policy, its roster, no register)
sample="$top/samples/dropbox/2026-11-02-zhang-wei.zip"
bsdtar -xOf "$sample" application.xml >"$work/application.xml"
evidence_files=$(xmllint --xpath "count(//*[local-name()='evidence']/*[local-name()='file'])" "$work/application.xml")
expect "validate reads an application.xml on stdin" sh -c \
	"'$ecap' validate --policy '$top/samples/policy.xml' --date 2026-11-24 <'$work/application.xml' >'$work/filtered-form.xml'"
expect_equal "a bare form: every listed evidence file is missing ($evidence_files)" \
	"$(xmllint --xpath "count(//*[local-name()='validation']/*[@code='evidence-missing'])" "$work/filtered-form.xml")" \
	"$evidence_files"
expect_equal "a bare form: no other reason" \
	"$(xmllint --xpath "count(//*[local-name()='validation']/*[local-name()='reason'][@code!='evidence-missing'])" "$work/filtered-form.xml")" 0
expect_equal "a bare form: returned, with the deadline of the date" \
	"$(xmllint --xpath "concat(/*/@state, ' ', /*/@deadline)" "$work/filtered-form.xml")" "returned 2026-12-08"
schema_verdict "the filter's dossier of a bare form validates" \
	"$(schema_complaints "$work/filtered-form.xml")"
expect "validate reads a whole package on stdin" sh -c \
	"'$ecap' validate --policy '$top/samples/policy.xml' --date 2026-11-24 <'$sample' >'$work/filtered-package.xml'"
expect_equal "a whole package: no evidence finding, accepted" \
	"$(xmllint --xpath "concat(count(//*[local-name()='validation']/*[starts-with(@code, 'evidence-')]), ' ', //*[local-name()='validation']/@outcome, ' ', /*/@state)" "$work/filtered-package.xml")" \
	"0 accepted in-review"
expect_equal "a whole package: one submission with every archive entry" \
	"$(xmllint --xpath "count(//*[local-name()='submission']/*[local-name()='entry'])" "$work/filtered-package.xml")" \
	"$((evidence_files + 1))"
schema_verdict "the filter's dossier of a package validates" \
	"$(schema_complaints "$work/filtered-package.xml")"
expect "validate takes the package as a FILE argument too" sh -c \
	"'$ecap' validate --policy '$top/samples/policy.xml' --date 2026-11-24 '$sample' | grep -q 'outcome=\"accepted\"'"
expect "validate refuses input that is neither a form nor a package" sh -c \
	"echo 'hello' | '$ecap' validate --policy '$top/samples/policy.xml' >/dev/null 2>&1; test \$? -ne 0"

# the commands' refusals
"$ecap" status "$work/no-such-directory" >"$work/out.txt" 2>"$work/err.txt"
code=$?
expect "status on a missing directory exits non-zero" test "$code" -ne 0
expect_equal "with one line on stderr" "$(wc -l <"$work/err.txt" | tr -d ' ')" 1
expect_equal "and nothing on stdout" "$(wc -c <"$work/out.txt" | tr -d ' ')" 0
mkdir -p "$work/not-a-state"
echo "notes" >"$work/not-a-state/readme.txt"
"$ecap" run "$work/not-a-state" --date 2026-11-24 >"$work/out.txt" 2>"$work/err.txt"
code=$?
expect "run on a directory that is not a state exits non-zero" test "$code" -ne 0
expect "with a clear message" grep -q "is not a state directory" "$work/err.txt"
expect_equal "and leaves that directory alone" "$(ls -A "$work/not-a-state")" readme.txt
policy_before=$(sha256sum <"$state/policy.xml")
"$ecap" init "$state" --policy "$top/policy/default.xml" >"$work/out.txt" 2>"$work/err.txt"
code=$?
expect "init refuses an existing state directory" test "$code" -ne 0
expect "with a message saying it holds a state" grep -q "already holds a state" "$work/err.txt"
expect_equal "and keeps its policy" "$(sha256sum <"$state/policy.xml")" "$policy_before"
expect_equal "and its dossiers" "$(ls "$state/store/dossiers" | wc -l | tr -d ' ')" 19

done_testing
