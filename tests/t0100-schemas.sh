#!/bin/sh
# t0100-schemas.sh - every schema in xsd/ compiles, the example documents of
# formats.md (tests/data/formats/KIND.xml) and the default policy validate,
# and each tests/data/formats/invalid-KIND-*.xml is refused as invalid (not
# as malformed, and not because the schema failed to compile).
#
# KIND names the schema xsd/KIND.xsd; invalid-record-* are checked against
# record.xsd, the schema of every record kind. Further valid dossiers are
# tests/data/formats/dossier-*.xml, and each record example must also be
# accepted as the copy inside a dossier's <record>. Prints TAP.

. "$(dirname "$0")/lib.sh"
cd "$top" || exit 1
xsd=xsd
data=tests/data/formats

# xmllint's exit status: 0 valid, 3 invalid, 4 schema does not compile,
# 1 document not well-formed.
validate() {	# validate SCHEMA FILE: prints xmllint's exit status
	xmllint --noout --nonet --schema "$1" "$2" >/dev/null 2>"$errors"
	echo $?
}

expect_valid() {	# expect_valid SCHEMA FILE
	status=$(validate "$1" "$2")
	[ "$status" -eq 0 ]
	report $? "$2 is valid against $1"
	[ "$status" -eq 0 ] || sed 's/^/#   /' "$errors"
}

expect_invalid() {	# expect_invalid SCHEMA FILE
	status=$(validate "$1" "$2")
	[ "$status" -eq 3 ]
	report $? "$2 is refused by $1"
	[ "$status" -eq 3 ] || { echo "#   xmllint exited $status, expected 3"; sed 's/^/#   /' "$errors"; }
}

# The schema of an invalid example, from its name; longest kinds first so
# that invalid-status-action-* is not taken for a status.
schema_of_invalid() {
	name=$(basename "$1" .xml)
	for kind in status-action review-record interview-sheet application confirmation \
		    objection resolution withdrawal reconsideration record policy members dossier status \
		    register-changes register-change register publicity-list certificate \
		    run-report; do
		case $name in
		invalid-$kind-*) echo "$xsd/$kind.xsd"; return 0 ;;
		esac
	done
	return 1
}

command -v xmllint >/dev/null 2>&1 || skip_all "xmllint is not installed (Debian: libxml2-utils)"
errors="$work/errors"

empty="$work/empty.xml"
echo '<nothing xmlns="urn:ecap:1"/>' >"$empty"
for schema in "$xsd"/*.xsd; do
	status=$(validate "$schema" "$empty")
	[ "$status" -eq 3 ]
	report $? "$schema compiles and declares no <nothing>"
done


# formats.md: no xs:any in inputs; only the dossier keeps things unchecked.
wildcards=$(grep -l 'xs:any' "$xsd"/*.xsd | grep -v '/dossier.xsd$')
[ -z "$wildcards" ]
report $? "no schema but dossier.xsd has a wildcard${wildcards:+ (found in: $wildcards)}"

for kind in application review-record interview-sheet confirmation objection resolution \
	    status-action withdrawal reconsideration policy members dossier status register \
	    certificate register-change register-changes publicity-list run-report; do
	expect_valid "$xsd/$kind.xsd" "$data/$kind.xml"
done
for file in "$data"/dossier-*.xml; do
	expect_valid "$xsd/dossier.xsd" "$file"
done
for kind in review-record interview-sheet confirmation objection resolution status-action \
	    withdrawal reconsideration; do
	expect_valid "$xsd/record.xsd" "$data/$kind.xml"
done
expect_invalid "$xsd/record.xsd" "$data/application.xml"
expect_invalid "$xsd/application.xsd" "$data/review-record.xml"
expect_valid "$xsd/register-changes.xsd" "$data/register-change.xml"
expect_invalid "$xsd/register-change.xsd" "$data/register-changes.xml"
expect_invalid "$xsd/certificate.xsd" "$data/dossier-certified.xml"

# A dossier keeps a copy of each record it takes: every record example,
# wrapped in <record>, makes a valid dossier.
wrapped="$work/wrapped.xml"
for kind in reviewRecord:review-record interviewSheet:interview-sheet \
	    confirmation:confirmation objection:objection resolution:resolution \
	    statusAction:status-action withdrawal:withdrawal \
	    reconsideration:reconsideration; do
	{
		echo '<dossier xmlns="urn:ecap:1" id="A2026-000123" state="in-review"'
		echo '  since="2026-11-24" society="CSEE" societyName="中国电机工程学会">'
		echo "<record kind=\"${kind%%:*}\" received=\"2026-11-25\" input=\"store/inputs/ab/ab.xml\" status=\"new\">"
		sed '/^<?xml/d' "$data/${kind#*:}.xml"
		echo '</record>'
		echo '</dossier>'
	} >"$wrapped"
	status=$(validate "$xsd/dossier.xsd" "$wrapped")
	[ "$status" -eq 0 ]
	report $? "$data/${kind#*:}.xml is valid as a dossier's <record>"
	[ "$status" -eq 0 ] || sed 's/^/#   /' "$errors"
done

expect_valid "$xsd/policy.xsd" policy/default.xml

for file in "$data"/invalid-*.xml; do
	if schema=$(schema_of_invalid "$file"); then
		expect_invalid "$schema" "$file"
	else
		report 1 "$file names a known schema"
	fi
done

# The policy's sections in formats.md §3's order (supplement after notices,
# mail last): the schema takes them in any order.
python3 - "$top/samples/policy.xml" "$work/policy-spec-order.xml" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
supplement = re.search(r"\s*<supplement [^>]*/>", text).group(0)
text = text.replace(supplement, "", 1).replace("<verification ", supplement.strip() + "\n  <verification ", 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
expect_valid "$xsd/policy.xsd" "$work/policy-spec-order.xml"
done_testing
