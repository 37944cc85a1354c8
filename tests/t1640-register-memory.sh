#!/bin/sh
# t1640-register-memory.sh - the public register is written as a stream,
# one member file at a time (issue 19; batch/public_register.c,
# trust/signed_writer.c): the peak memory of the run that writes it does
# not grow with the register (500 members, then 5,000: at most 4 MB more;
# held whole, the document took about 3.4 KB a certificate, 15 MB more),
# and what it writes is what the whole document would give: register.xml
# verifies with the real xmlsec1 and with ecap verify, and data.js,
# as-of.js and index.html are byte for byte what the site's stylesheets make
# of the whole register.xml.
. "$(dirname "$0")/lib.sh"

[ -x /usr/bin/time ] || skip_all "/usr/bin/time (Debian package time) is not installed"

# members FROM TO: member files FROM..TO in the state's register, one
# certificate each; every seventh name awkward for XML and JavaScript.
members() {
	awk -v from="$1" -v to="$2" -v dir="$state/store/register" 'BEGIN {
		for (i = from; i <= to; i++) {
			file = sprintf("%s/CSEE-%06d.xml", dir, i)
			name = i % 7 == 3 ? "O&apos;Brien &quot;李&quot; &amp; &lt;张&gt;\\&#9;" i : "张伟" i
			printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" >file
			printf "<member xmlns=\"urn:ecap:1\" registration=\"CSEE-%06d\" name=\"%s\" identity=\"110108200211274676\" idMasked=\"110***********4676\" field=\"electrical\" fieldName=\"电气工程\" banned=\"false\" notices=\"0\">\n", i, name >file
			printf "  <certificate serial=\"CSEE-%06d-1\" level=\"apprentice\" issued=\"2026-12-08\" expires=\"2031-12-07\" status=\"valid\" application=\"A2026-%06d\"/>\n</member>\n", i, i >file
			close(file)
		}
	}'
}

# publish DATE: `ecap run` with no input, register.xml removed so that it is
# written; its peak RSS (KB) in $rss.
publish() {
	rm -f "$state/out/public/register.xml"
	/usr/bin/time -f %M -o "$work/rss" "$ecap" run "$state" --date "$1" --quiet --jobs 1 \
		>"$work/run.out" 2>&1
	status=$?
	rss=$(tail -n 1 "$work/rss")
	return $status
}

# same_as_stylesheet FILE STYLESHEET [PARAMETERS]: FILE is what xsltproc
# makes of the whole register.xml
same_as_stylesheet() {
	file=$1 stylesheet=$2
	shift 2
	xsltproc "$@" "$top/xslt/$stylesheet" "$state/out/public/register.xml" >"$work/expected" &&
		cmp -s "$work/expected" "$state/out/public/register/$file"
}

new_state
expect "ecap key new" run_ecap key new "$state"
key=$(ls "$state/out/public/keys" | grep '\.pem$' | head -n 1)
members 1 500
expect "the run with 500 members completes" publish 2026-12-09
small=$rss
expect "register.xml holds the 500 certificates" \
	test "$(grep -c '<certificate ' "$state/out/public/register.xml")" -eq 500
members 501 5000
expect "the run with 5,000 members completes" publish 2026-12-10
large=$rss
echo "# peak RSS: $small KB with 500 members, $large KB with 5,000"
expect "register.xml holds the 5,000 certificates" \
	test "$(grep -c '<certificate ' "$state/out/public/register.xml")" -eq 5000
# not under AddressSanitizer or valgrind (ECAP set: make check-asan,
# check-valgrind), whose runtimes hold freed memory back on purpose
if [ -n "${ECAP:-}" ]; then
	skip "the peak RSS grows by at most 4 MB from 500 to 5,000 members" \
		"ecap runs under ASan or valgrind (ECAP is set)"
else
	expect "the peak RSS grows by at most 4 MB from 500 to 5,000 members ($small KB, $large KB)" \
		test "$large" -le "$((small + 4096))"
fi

expect "register.xml verifies with ecap verify" run_ecap verify "$state/out/public/register.xml" \
	--key "$state/out/public/keys/$key"
if command -v xmlsec1 >/dev/null 2>&1; then
	expect "register.xml verifies with the real xmlsec1" \
		xmlsec1 --verify --pubkey-pem:"${key%.pem}" "$state/out/public/keys/$key" \
		--enabled-reference-uris empty "$state/out/public/register.xml"
else
	skip "register.xml verifies with the real xmlsec1" "xmlsec1 is not installed"
fi
expect "an awkward name is in register.xml, escaped" \
	grep -q 'name="O'"'"'Brien &quot;李&quot; &amp; &lt;张&gt;\\&#9;3"' "$state/out/public/register.xml"
expect "data.js is the stylesheet's of the whole register" \
	same_as_stylesheet data.js public-register-data.xsl
expect "as-of.js is the stylesheet's of the whole register" \
	same_as_stylesheet as-of.js public-register-data.xsl --stringparam part as-of
expect "index.html is the stylesheet's of the whole register (5,000 certificates)" \
	same_as_stylesheet index.html public-register-index.xsl
expect "index.html counts the 5,000" grep -q '共 5000 份证书' "$state/out/public/register/index.html"
expect "a certificate's page is written" test -f "$state/out/public/register/CSEE-004999-1.html"

done_testing
