#!/bin/sh
# t1230-reregistration.sh - re-registration (R8) decided at validation from
# the register and the CPD record, certified by the same run: enough hours
# every year (exactly 50, credited categories counted), a short year of 49
# hours, an exempted year without activity, the credit hour of 45 minutes
# counted per activity (100 minutes give 2 hours, 40 minutes none), and
# activities dated after the submission left out. The certificates to renew
# are written into the store as pipeline/store/register.h documents them.
. "$(dirname "$0")/lib.sh"

# build_packages: builds every package listed on stdin, one per line:
# NAME [--years-cpd "Y1 Y2 Y3 Y4 Y5"] [mkpackage options]. The package goes
# to $work/NAME; its applicant's roster line is added to $state/members.xml;
# "NAME ID-NUMBER APPLICANT" goes to $work/ids. --years-cpd replaces the
# form's <cpd>: one group per year of the certificate (issued 2021-12-02),
# items separated by commas: MINUTES (training), a credited CATEGORY (no
# duration), "exempt" (an exemption of the year), "-" (nothing); each item
# dated YEAR-03-01, -03-02, ... of its year unless suffixed @DATE.
build_packages() {
	python3 -c '
import re, shlex, sys
from xml.sax.saxutils import escape
tools, work, roster_path = sys.argv[1:4]
sys.path.insert(0, tools)
import mkpackage

def cpd_section(spec):
	lines = ["  <cpd>"]
	for k, group in enumerate(spec.split(), start=1):
		for i, item in enumerate(group.split(",")):
			if item == "-":
				continue
			item, _, date = item.partition("@")
			date = date or "%d-03-%02d" % (2021 + k, i + 1)
			if item == "exempt":
				lines.append("    <exemption year=\"%d\" reference=\"CSEE-CPD-EX-%d\">因公长期派驻海外项目，经学会批准免除。</exemption>" % (k, k))
			elif item.isdigit():
				lines.append("    <activity date=\"%s\" minutes=\"%s\" category=\"training\">继续教育培训 %d-%d</activity>" % (date, item, k, i))
			else:
				lines.append("    <activity date=\"%s\" category=\"%s\">参与行业标准编制 %d-%d</activity>" % (date, item, k, i))
	lines.append("  </cpd>")
	return "\n".join(lines)

roster, ids = [], []
for line in sys.stdin:
	words = shlex.split(line, comments=True)
	if not words:
		continue
	name, words, spec = words[0], words[1:], None
	if "--years-cpd" in words:
		at = words.index("--years-cpd")
		spec = words[at + 1]
		del words[at:at + 2]
	package = mkpackage.build(mkpackage.options_from_arguments(mkpackage.parse_arguments(words)))
	xml = package.application_xml.decode("utf-8")
	if spec is not None:
		xml, count = re.subn(r"  <cpd>.*?</cpd>", lambda match: cpd_section(spec), xml, flags=re.S)
		if count != 1:
			sys.exit("%s: no <cpd> to replace" % name)
	package.application_xml = xml.encode("utf-8")
	package.files = [(path, package.application_xml if path == "application.xml" else data)
			 for path, data in package.files]
	mkpackage.write_archive(package, work + "/" + name, mkpackage.format_from_name(name) or "zip")
	number = re.search(r"<idDocument[^>]*>([^<]*)</idDocument>", xml)
	applicant = re.search(r"<name>([^<]*)</name>", xml)
	ids.append("%s %s %s\n" % (name, number.group(1) if number else "-", applicant.group(1)))
	if package.member_line:
		roster.append(package.member_line)
with open(roster_path, encoding="utf-8") as f:
	text = f.read()
for line in roster:
	number = re.search(r"number=\"[^\"]*\"", line).group(0)
	if number not in text:
		text = text.replace("</members>", line + "\n</members>")
with open(roster_path, "w", encoding="utf-8") as f:
	f.write(text)
with open(work + "/ids", "a", encoding="utf-8") as f:
	f.writelines(ids)
' "$top/tools" "$work" "$state/members.xml"
}

# seed_certificate PACKAGE REGISTRATION ISSUED EXPIRES: the professional
# certificate of the applicant of PACKAGE (from $work/ids) written into the
# register as a run would have left it (pipeline/store/register.h)
seed_certificate() {
	number=$(sed -n "s/^$1 \([^ ]*\) .*/\1/p" "$work/ids")
	name=$(sed -n "s/^$1 [^ ]* \(.*\)$/\1/p" "$work/ids")
	masked=$(printf '%s' "$number" | sed 's/^\(...\).*\(....\)$/\1***********\2/')
	cat >"$state/store/register/$2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<member xmlns="urn:ecap:1" registration="$2" name="$name" identity="$number" idMasked="$masked" field="electrical" fieldName="电气工程" banned="false" notices="0">
  <certificate serial="$2-1" level="professional" issued="$3" expires="$4" status="valid" application="A2021-${2#CSEE-}"/>
</member>
EOF
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<identity xmlns="urn:ecap:1" registration="%s" banned="false"/>\n' "$2" \
		>"$state/store/identities/$(printf '%s' "$number" | sha256sum | cut -c1-64).xml"
	printf '%s' "$2" >"$state/store/expiries/${4}_$2"
}

dossier_value() {
	xmllint --xpath "string($2)" "$state/store/dossiers/$1.xml" 2>/dev/null
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | grep -v -- '-acknowledgment\.' | tr '\n' ' ' | sed 's/ $//'
}

register_value() {
	"$ecap" register "$state" --xml >"$work/register.xml"
	xmllint --xpath "string($1)" "$work/register.xml" 2>/dev/null
}

# cpd_hours ID: "year:hours[:exempted]" of the last validation's cpd elements
cpd_hours() {
	xmllint --xpath "//*[local-name()='validation'][last()]/*[local-name()='cpd']" \
		"$state/store/dossiers/$1.xml" 2>/dev/null | tr '\n' ' ' | sed 's/\/>/\/>\n/g' |
		sed -n 's/.*year="\([0-9]*\)".*hours="\([0-9]*\)".*exempted="\([a-z]*\)".*/\1:\2:\3/p' |
		sed 's/:false$//; s/:true$/:exempted/' | tr '\n' ' ' | sed 's/ $//'
}

# short_years ID: the years the cpd-insufficient reasons name
short_years() {
	xmllint --xpath "//*[local-name()='validation'][last()]/*[local-name()='reason'][@code='cpd-insufficient']/text()" \
		"$state/store/dossiers/$1.xml" 2>/dev/null | sed -n 's/.*第 \([0-9]*\) 年.*/\1/p' |
		tr '\n' ' ' | sed 's/ $//'
}

certified() {
	dossier_value $1 "concat(//*[local-name()='certification']/@kind, ' ', //*[local-name()='certification']/@registration, ' ', //*[local-name()='certification']/@serial, ' ', //*[local-name()='certification']/@issued, ' ', //*[local-name()='certification']/@expires)"
}

check_everything() {
	refresh_status
	expect "$1: the status validates against xsd/status.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/status.xsd" "$work/status.xml"
	expect "$1: every dossier validates against xsd/dossier.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state"/store/dossiers/*.xml
	"$ecap" register "$state" --xml >"$work/register.xml"
	expect "$1: the register validates against xsd/register.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/register.xsd" "$work/register.xml"
	cut -d' ' -f2 "$work/ids" | sort -u | grep -v '^-*$' >"$work/id-numbers"
	expect "$1: no file under out/ holds a full ID number" \
		sh -c "test -s '$work/id-numbers' && ! grep -rF -f '$work/id-numbers' '$state/out'"
	expect "$1: nor the register" sh -c "! grep -F -f '$work/id-numbers' '$work/register.xml'"
}

OK=A2026-123001		# 50 hours every year (a credited standard in year 2)
SHORT=A2026-123002	# year 3: 49 hours
EXEMPT=A2026-123003	# year 2: exempted, no activity
MIN_OK=A2026-123004	# 40-minute activities beside 50 hours; 100 minutes making 50
MIN_SHORT=A2026-123005	# year 1: 49 hours and three 40-minute activities; year 2: 47 + 100 minutes
AFTER=A2026-123006	# year 5: 10 of its hours dated after the submission
WINDOW=A2026-123007	# a certificate expiring in 2027-12: outside the renewal window
employer=华北电力设计院有限公司
submitted=2026-11-20T10:00:00+08:00
every=1800,450		# 40 + 10 hours: exactly 50

new_state
expect "the packages are built" build_packages <<EOF
ok.zip        --years-cpd "$every standard,1350 $every $every $every" --id $OK --seed 5501 --kind reregistration --level professional --holding CSEE-000101:professional --employer $employer --submitted $submitted
short.zip     --years-cpd "$every $every 1800,405 $every $every" --id $SHORT --seed 5502 --kind reregistration --level professional --holding CSEE-000102:professional --employer $employer --submitted $submitted
exempt.zip    --years-cpd "$every exempt $every $every $every" --id $EXEMPT --seed 5503 --kind reregistration --level professional --holding CSEE-000103:professional --employer $employer --submitted $submitted
min-ok.zip    --years-cpd "1800,450,40,40,40 $every $every 1800,360,100 $every" --id $MIN_OK --seed 5504 --kind reregistration --level professional --holding CSEE-000104:professional --employer $employer --submitted $submitted
min-short.zip --years-cpd "1800,405,40,40,40 1800,315,100 $every $every $every" --id $MIN_SHORT --seed 5505 --kind reregistration --level professional --holding CSEE-000105:professional --employer $employer --submitted $submitted
after.zip     --years-cpd "$every $every $every $every 1800@2026-11-20,450@2026-11-23" --id $AFTER --seed 5506 --kind reregistration --level professional --holding CSEE-000106:professional --employer $employer --submitted $submitted
window.zip    --years-cpd "$every $every $every $every $every" --id $WINDOW --seed 5507 --kind reregistration --level professional --holding CSEE-000107:professional --employer $employer --submitted $submitted
EOF
seed_certificate ok.zip CSEE-000101 2021-12-02 2026-12-01
seed_certificate short.zip CSEE-000102 2021-12-02 2026-12-01
seed_certificate exempt.zip CSEE-000103 2021-12-02 2026-12-01
seed_certificate min-ok.zip CSEE-000104 2021-12-02 2026-12-01
seed_certificate min-short.zip CSEE-000105 2021-12-02 2026-12-01
seed_certificate after.zip CSEE-000106 2021-12-02 2026-12-01
seed_certificate window.zip CSEE-000107 2022-12-02 2027-12-01
printf '107\n' >"$state/store/registration-sequence"
expect "the seeded register validates against xsd/register.xsd" \
	sh -c "'$ecap' register '$state' --xml | xmllint --noout --nonet --schema '$top/xsd/register.xsd' -"
expect_equal "seven valid certificates in the register" \
	"$(register_value "count(//*[local-name()='certificate'][@status='valid'])")" 7

drop ok.zip short.zip exempt.zip min-ok.zip min-short.zip after.zip window.zip
expect "the run of 2026-11-24 completes" run_ecap run "$state" --date 2026-11-24

# enough every year: certified by the same run
expect_equal "OK: certified in the same run" "$(state_of $OK)" certified
expect_equal "OK: validation accepted, then the certification" \
	"$(dossier_value $OK "concat(//*[local-name()='validation']/@outcome, ' ', count(//*[local-name()='review']), ' ', count(//*[local-name()='publicity']))")" \
	"accepted 0 0"
expect_equal "OK: 50 hours every year (1800 + 450 minutes; a standard credited 20)" "$(cpd_hours $OK)" \
	"1:50 2:50 3:50 4:50 5:50"
expect_equal "OK: re-registration keeps the registration, new serial, five years from the run" \
	"$(certified $OK)" "reregistration CSEE-000101 CSEE-000101-2 2026-11-24 2031-11-23"
expect_equal "OK: the old certificate superseded, the new one valid" \
	"$(register_value "concat(//*[local-name()='certificate'][@serial='CSEE-000101-1']/@status, ' ', //*[local-name()='certificate'][@serial='CSEE-000101-2']/@status)")" \
	"superseded valid"
expect_equal "OK: still one member CSEE-000101" \
	"$(register_value "count(//*[local-name()='member'][@registration='CSEE-000101'])")" 1
expect_equal "OK: a certified letter" "$(letters $OK)" "02-certified.html 02-certified.pdf 02-certified.txt"
expect "OK: the certificate validates" \
	xmllint --noout --nonet --schema "$top/xsd/certificate.xsd" "$state/out/certificates/CSEE-000101-2.xml"
expect "OK: its SVG parses" xmllint --noout --nonet "$state/out/certificates/CSEE-000101-2.svg"
expect_equal "no new registration number given" "$(tr -d ' \n' <"$state/store/registration-sequence")" 107

# a short year
expect_equal "SHORT: rejected" "$(state_of $SHORT)" rejected
expect_equal "SHORT: one cpd-insufficient" "$(reasons_of $SHORT)" cpd-insufficient
expect_equal "SHORT: it names year 3" "$(short_years $SHORT)" 3
expect_equal "SHORT: 49 hours in year 3" "$(cpd_hours $SHORT)" "1:50 2:50 3:49 4:50 5:50"
expect_equal "SHORT: a rejected letter" "$(letters $SHORT)" "01-rejected.html 01-rejected.pdf 01-rejected.txt"
expect "SHORT: the letter gives the year's hours" grep -q '49' "$state/out/notices/$SHORT/01-rejected.txt"
expect_equal "SHORT: the certificate is untouched" \
	"$(register_value "concat(count(//*[local-name()='member'][@registration='CSEE-000102']/*), ' ', //*[local-name()='certificate'][@serial='CSEE-000102-1']/@status)")" \
	"1 valid"

# an exempted year
expect_equal "EXEMPT: a year exempted without hours: certified" "$(state_of $EXEMPT)" certified
expect_equal "EXEMPT: year 2 exempted with 0 hours" "$(cpd_hours $EXEMPT)" \
	"1:50 2:0:exempted 3:50 4:50 5:50"
expect_equal "EXEMPT: serial -2" "$(certified $EXEMPT)" \
	"reregistration CSEE-000103 CSEE-000103-2 2026-11-24 2031-11-23"

# the credit hour, per activity
expect_equal "MIN_OK: 40-minute activities add nothing, 100 minutes give 2 hours: certified" \
	"$(state_of $MIN_OK) $(cpd_hours $MIN_OK)" "certified 1:50 2:50 3:50 4:50 5:50"
expect_equal "MIN_SHORT: rejected" "$(state_of $MIN_SHORT)" rejected
expect_equal "MIN_SHORT: three 40-minute activities are no hours (year 1: 49); 100 minutes are 2, not 3 (year 2: 49)" \
	"$(cpd_hours $MIN_SHORT)" "1:49 2:49 3:50 4:50 5:50"
expect_equal "MIN_SHORT: two cpd-insufficient, years 1 and 2" \
	"$(reasons_of $MIN_SHORT) / $(short_years $MIN_SHORT)" "cpd-insufficient cpd-insufficient / 1 2"

# after the submission
expect_equal "AFTER: rejected" "$(state_of $AFTER)" rejected
expect_equal "AFTER: the activity on the submission day counts, the one after it does not" \
	"$(cpd_hours $AFTER)" "1:50 2:50 3:50 4:50 5:40"
expect_equal "AFTER: year 5 named" "$(short_years $AFTER)" 5

# outside the renewal window (expires 2027-12-01: opens 2027-06-01)
expect_equal "WINDOW: rejected, renewal-window" "$(state_of $WINDOW) $(reasons_of $WINDOW)" \
	"rejected renewal-window"
expect_equal "WINDOW: the CPD is not judged" "$(cpd_hours $WINDOW)" ""

check_everything "after the run"

# the same certificate cannot be renewed twice: OK's holding is now superseded
expect "a second re-registration package for CSEE-000101 is built" build_packages <<EOF
ok-again.zip --years-cpd "$every $every $every $every $every" --id A2026-123011 --seed 5501 --kind reregistration --level professional --holding CSEE-000101:professional --employer $employer --submitted 2026-11-25T10:00:00+08:00
EOF
drop ok-again.zip
expect "the run of 2026-11-26 completes" run_ecap run "$state" --date 2026-11-26
expect_equal "it is judged on the new certificate (expires 2031-11-23): outside the window" \
	"$(state_of A2026-123011) $(reasons_of A2026-123011)" "rejected renewal-window"
expect_equal "CSEE-000101 keeps its two certificates" \
	"$(register_value "count(//*[local-name()='member'][@registration='CSEE-000101']/*)")" 2

check_everything "at the end"

done_testing
