#!/bin/sh
# t1245-seal.sh - the society's seal (policy <seal href>, formats.md §3):
# copied beside the policy by init, read once per run, drawn over the
# letters' signature and on the certificate as a data: URI, so that neither
# loads anything; a seal that refers outside itself (an external href, url(),
# a script), has a DOCTYPE or is too large stops the run before any letter.
. "$(dirname "$0")/lib.sh"

# policy_with_seal NAME: $work/policy/policy.xml naming NAME as its seal
policy_with_seal() {
	mkdir -p "$work/policy"
	cp "$top/samples/members.xml" "$work/policy/members.xml"
	sed "s|^  <signatory \(.*\)/>$|&\n  <seal href=\"$1\"/>|" "$top/samples/policy.xml" \
		>"$work/policy/policy.xml"
}

# seed: a valid certificate in its reminder window on 2026-12-30
seed() {
	cat >"$state/store/register/CSEE-000301.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<member xmlns="urn:ecap:1" registration="CSEE-000301" name="李明" identity="110105198001010011" idMasked="110***********0011" field="electrical" fieldName="电气工程" banned="false" notices="0">
  <certificate serial="CSEE-000301-1" level="professional" issued="2022-07-01" expires="2027-06-30" status="valid" application="A2022-000301"/>
</member>
EOF
	printf 'CSEE-000301' >"$state/store/expiries/2027-06-30_CSEE-000301"
}

cat >"$work/seal.svg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <defs><radialGradient id="g"><stop offset="0" stop-color="#c00"/></radialGradient></defs>
  <circle cx="50" cy="50" r="46" fill="none" stroke="url(#g)" stroke-width="4"/>
  <text x="50" y="56" text-anchor="middle" font-size="12" fill="#c00">学会印章</text>
</svg>
EOF

policy_with_seal seal.svg
cp "$work/seal.svg" "$work/policy/seal.svg"
expect "init with a policy naming a seal" new_state "$work/policy/policy.xml"
expect "the seal is copied beside the state's policy" cmp "$work/seal.svg" "$state/seal.svg"
seed
expect "the run of 2026-12-30 completes" run_ecap run "$state" --date 2026-12-30
html="$state/out/notices/CSEE-000301/01-reminder.html"
src=$(xmllint --xpath "string(//*[local-name()='img'][@class='seal']/@src)" "$html" 2>/dev/null)
expect_equal "the letter has one image, the seal" \
	"$(xmllint --xpath "count(//*[local-name()='img'])" "$html")" 1
expect "it is a data: URI of the seal's own bytes" \
	sh -c 'test "${1%%,*}" = "data:image/svg+xml;base64" && printf "%s" "${1#*,}" | base64 -d | cmp - "$2"' \
	- "$src" "$work/seal.svg"
expect "the seal is inside the signature" \
	test "$(xmllint --xpath "count(//*[@class='signature']/*[local-name()='img'])" "$html")" = 1
expect_equal "the letter loads nothing else (no link, script, url(), @import)" \
	"$(xmllint --xpath "count(//*[local-name()='link' or local-name()='script'])" "$html")$(grep -c -e 'url(' -e '@import' "$html")" \
	"00"
expect "the text letter has no seal" sh -c '! grep -q "data:" "$1"' - \
	"$state/out/notices/CSEE-000301/01-reminder.txt"
# the PDF letter: the seal drawn over the signature (red ink, which the
# letter has nowhere else)
red_pixels() {
	pdftoppm -r 50 "$1" "$work/page" >/dev/null 2>&1 &&
	python3 - "$work"/page-1.ppm <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)	# P6 width height maxval pixels
pixels = parts[4]
red = sum(1 for i in range(0, len(pixels) - 2, 3)
	  if pixels[i] > 150 and pixels[i + 1] < 90 and pixels[i + 2] < 90)
print(red)
EOF
}
expect "the PDF letter draws the seal (red ink on its page)" \
	test "$(red_pixels "$state/out/notices/CSEE-000301/01-reminder.pdf")" -gt 50

# the certificate: the seal as an inline image, in place of the outline
xsltproc --nonet --stringparam seal-src "$src" "$top/xslt/certificate-svg.xsl" \
	"$top/tests/data/documents/certificate.xml" >"$work/certificate.svg" 2>"$work/certificate.err"
expect_equal "the certificate draws the seal as an inline image" \
	"$(xmllint --xpath "string(//*[local-name()='image']/@*[local-name()='href'])" "$work/certificate.svg" | cut -c1-26)" \
	"data:image/svg+xml;base64,"
expect "the outline seal is hidden under it" \
	test "$(xmllint --xpath "count(//*[local-name()='g'][@display='none'])" "$work/certificate.svg")" = 1
xsltproc --nonet "$top/xslt/certificate-svg.xsl" "$top/tests/data/documents/certificate.xml" \
	>"$work/certificate-plain.svg" 2>/dev/null
expect_equal "without a seal, no image" \
	"$(xmllint --xpath "count(//*[local-name()='image'])" "$work/certificate-plain.svg")" 0

# seals that would load something, or are not safe to parse: the run stops
bad_seal() {
	printf '%s\n' "$2" >"$work/policy/$1"
	policy_with_seal "$1"
	new_state "$work/policy/policy.xml" && seed &&
	! run_ecap run "$state" --date 2026-12-30 &&
		grep -q "$1" "$work/ecap.err" && [ ! -e "$state/out/notices/CSEE-000301" ]
}
expect "a seal with an external image stops the run" bad_seal external.svg \
	'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://example.org/x.png" width="9" height="9"/></svg>'
expect "a seal with an external style stops the run" bad_seal style.svg \
	'<svg xmlns="http://www.w3.org/2000/svg"><style>circle { fill: url(https://example.org/f.svg#a) }</style><circle r="4"/></svg>'
expect "a seal with a script stops the run" bad_seal script.svg \
	'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
expect "a seal with an event handler stops the run" bad_seal onload.svg \
	'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
expect "a seal with a DOCTYPE (entities) stops the run" bad_seal doctype.svg \
	'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
expect "a seal that is not SVG stops the run" bad_seal html.svg '<html><body/></html>'
expect "a seal over 256 KiB stops the run" bad_seal big.svg \
	"<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- $(head -c 300000 /dev/zero | tr '\0' x) --></svg>"

done_testing
