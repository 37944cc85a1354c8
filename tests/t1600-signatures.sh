#!/bin/sh
# t1600-signatures.sh - signed certificates, register and federation report
# (R11, formats.md §6): a certificate issued before the state had a key is
# reported unsigned, not forged; `ecap key new` makes the key (0600, in the
# state, never under out/ nor in an audit archive) and publishes its public
# half; what is signed after it verifies with the real xmlsec1 and with
# `ecap verify`; the forgeries (a changed byte, a reformatted file, white
# space after the root, a second signature, a wrapped document, a Reference
# to an Id that xmlsec1 alone accepts, an unknown key) are refused; a second
# key takes over and the first one's signatures still verify; --register
# tells the certificate's current status; the QR code on the PDF reads back
# as the verification address.
. "$(dirname "$0")/lib.sh"

command -v xmlsec1 >/dev/null 2>&1 || skip_all "xmlsec1 (Debian package xmlsec1) is not installed"

reviews() {
	for examiner in EX-008 EX-011; do
		{
			printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
				"$1" "$examiner" "$record_date"
			for dimension in knowledge ethics teamwork learning leadership; do
				printf '  <dimension code="%s" met="true">考官意见。</dimension>\n' "$dimension"
			done
			printf '  <recommendation>pass</recommendation>\n</reviewRecord>\n'
		} >"$work/$1-$examiner.xml"
		drop "$1-$examiner.xml"
	done
}

status_action() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="urn:ecap:1" registration="%s" action="%s" date="%s" reference="%s">%s</statusAction>\n' \
		"$2" "$3" "$record_date" "$4" "经学会核查决定。" >"$work/$1"
	drop "$1"
}

# verify ARGS...: ecap verify, its output in $work/verify.out, its exit status in $verified
verify() {
	"$ecap" verify "$@" >"$work/verify.out" 2>&1
	verified=$?
}

A=A2026-160001		# certified before the state has a key: unsigned
B=A2026-160002		# certified after `ecap key new`: signed by key 1
employer=华北电力设计院有限公司

new_state
expect "the packages are built" build_packages <<EOF
a.zip --id $A --seed 6001 --level apprentice --name 张伟 --birth 1990-03-07 --id-number 110101199003071233 --employer $employer --submitted 2026-10-26T09:00:00+08:00
b.zip --id $B --seed 6002 --level apprentice --name 王建国 --birth 1988-05-12 --id-number 310104198805120457 --employer $employer --submitted 2026-10-26T09:10:00+08:00
EOF
drop a.zip b.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
record_date=2026-11-10
reviews $A
expect "the run of 2026-11-10 completes" run_ecap run "$state" --date 2026-11-10
record_date=2026-11-12
reviews $B
expect "the run of 2026-11-12 completes" run_ecap run "$state" --date 2026-11-12

# ---- no key yet: issued unsigned, and the run says so ----
expect "the run of 2026-11-18 (A certified, no key) completes" run_ecap run "$state" --date 2026-11-18
cert_a="$state/out/certificates/CSEE-000001-1.xml"
expect "A's certificate is issued" test -f "$cert_a"
expect "the summary warns that the state has no signing key" grep -q "ecap key new" "$work/ecap.out"
expect "and so does the run's log" grep -q "no signing key" "$state"/out/reports/*.log
expect "the unsigned certificate carries no signature" sh -c "! grep -q Signature '$cert_a'"

# ---- the key ----
expect "ecap key new makes the key" run_ecap key new "$state"
key1=$(sed -n 's/^key \([^ ]*\) made.*/\1/p' "$work/ecap.out")
expect_equal "the key is named after the society and the year" "$(echo "$key1" | sed 's/-[0-9]*-1$//')" "CSEE"
expect_equal "its private half is mode 0600 in store/keys/" \
	"$(stat -c %a "$state/store/keys/$key1.pem")" "600"
expect "its public half is published" test -f "$state/out/public/keys/$key1.pem"
expect "no private key anywhere under out/" sh -c "! grep -rl 'PRIVATE KEY' '$state/out'"
fingerprint=$(openssl pkey -pubin -in "$state/out/public/keys/$key1.pem" -outform DER | sha256sum | cut -d' ' -f1)
expect_equal "index.xml gives the SHA-256 of the DER public key" \
	"$(xmllint --xpath "string(//*[local-name()='key'][@name='$key1']/@fingerprint)" "$state/out/public/keys/index.xml")" \
	"$fingerprint"
expect "a second key of the same name is refused" sh -c "! '$ecap' key new '$state' --name '$key1' 2>/dev/null"
expect "a name that could leave the directory is refused" sh -c "! '$ecap' key new '$state' --name ../x 2>/dev/null"

verify "$cert_a"
expect_equal "the certificate issued before signing is reported unsigned (exit 2), not forged" \
	"$verified $(grep -c unsigned "$work/verify.out")" "2 1"

# ---- B certified with the key ----
expect "the run of 2026-11-20 (B certified) completes" run_ecap run "$state" --date 2026-11-20
expect "no warning about the key any more" sh -c "! grep -q 'no signing key' '$work/ecap.out'"
cert_b="$state/out/certificates/CSEE-000002-1.xml"
pem1="$state/out/public/keys/$key1.pem"
expect "B's certificate verifies with the real xmlsec1" \
	xmlsec1 --verify --pubkey-pem:"$key1" "$pem1" --enabled-reference-uris empty "$cert_b"
expect "the public register document verifies with xmlsec1" \
	xmlsec1 --verify --pubkey-pem:"$key1" "$pem1" --enabled-reference-uris empty \
	"$state/out/public/register.xml"
expect "the Signature is the root's last child, with KeyName $key1" test \
	"$(xmllint --xpath "string(/*/*[last()]/*[local-name()='KeyInfo']/*[local-name()='KeyName'])" "$cert_b")" = "$key1"
expect "the certificate still validates against xsd/certificate.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/certificate.xsd" "$cert_b"
expect "the public register validates against xsd/public-register.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/public-register.xsd" "$state/out/public/register.xml"
expect "the keys' index, published and kept, against xsd/keys.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/keys.xsd" "$state/out/public/keys/index.xml" \
	"$state/store/keys/index.xml"
verify "$cert_b"
expect_equal "ecap verify accepts it, with the keys published in the state" "$verified" 0
verify "$cert_b" --key "$pem1"
expect_equal "and with --key" "$verified" 0
verify "$cert_b" --register "$state/out/public/register.xml"
expect "--register tells its status: valid" grep -q "CSEE-000002-1 is valid in the register as of 2026-11-20" "$work/verify.out"
verify "$cert_a" --register "$state/out/public/register.xml"
expect "the unsigned certificate: its status, its particulars compared with the signed register's" \
	sh -c "[ $verified -eq 2 ] && grep -q 'CSEE-000001-1 is valid in the register as of 2026-11-20; the certificate is unsigned: its particulars are the register' '$work/verify.out'"
sed 's/张伟/张卫/' "$cert_a" >"$work/unsigned-forged.xml"
verify "$work/unsigned-forged.xml" --key "$pem1" --register "$state/out/public/register.xml"
expect "an unsigned certificate with another name: not the certificate issued" \
	grep -q "its name is not the register's: not the certificate issued" "$work/verify.out"

# ---- forgeries ----
forged="$work/forged"
mkdir -p "$forged/keys"
cp "$state/out/public/keys/"* "$forged/keys/"

# refused NAME DESCRIPTION: $forged/NAME is refused with exit 1
refused() {
	verify "$forged/$1"
	expect_equal "$2: refused (exit 1)" "$verified $(grep -c REFUSED "$work/verify.out")" "1 1"
}

sed 's/王建国/王建民/' "$cert_b" >"$forged/changed-name.xml"
refused changed-name.xml "a changed name"
expect "xmlsec1 refuses it too" sh -c "! xmlsec1 --verify --pubkey-pem:'$key1' '$pem1' --enabled-reference-uris empty '$forged/changed-name.xml' 2>/dev/null"
sed 's/expires="2031-/expires="2041-/' "$cert_b" >"$forged/changed-expiry.xml"
refused changed-expiry.xml "a changed expiry date"
xmllint --format "$cert_b" >"$forged/reformatted.xml"
refused reformatted.xml "a reformatted file"
{ cat "$cert_b"; echo; } >"$forged/trailing-space.xml"
refused trailing-space.xml "white space after the root (unseen by canonicalisation)"
sed "s/serial=\"CSEE-000002-1\"/serial='CSEE-000002-1'/" "$cert_b" >"$forged/quotes.xml"
refused quotes.xml "an attribute's quotes changed"
python3 - "$cert_b" "$forged" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
signature = re.search(r"<Signature xmlns=.*</Signature>", text, re.S).group(0)
root_end = text.rindex("</certificate>")
# a second Signature beside the first
open(sys.argv[2] + "/two-signatures.xml", "w", encoding="utf-8").write(
    text[:root_end] + signature + "\n" + text[root_end:])
# the signed certificate wrapped in a forged one
body = text[text.index("<certificate"):]
open(sys.argv[2] + "/wrapped.xml", "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<certificate xmlns="urn:ecap:1" serial="CSEE-000002-1" name="伪造人" level="senior">\n'
    + body.rstrip("\n") + "\n</certificate>\n")
# the Reference pointed at an Id
open(sys.argv[2] + "/reference-id.xml", "w", encoding="utf-8").write(
    text.replace('URI=""', 'URI="#signed"', 1))
EOF
refused two-signatures.xml "a second Signature at the root"
refused wrapped.xml "a signed certificate wrapped in a forged one"
refused reference-id.xml "a Reference to an Id"

# A signature-wrapping forgery that xmlsec1 alone accepts: a signed part
# (Reference URI="#signed") beside forged content, signed with the
# society's own key.
cat >"$forged/id-template.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<certificate xmlns="urn:ecap:1" serial="CSEE-000002-1" name="伪造人" level="senior" status="valid"><part xmlns="" Id="signed">王建国</part><dsig:Signature xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"><dsig:SignedInfo><dsig:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><dsig:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><dsig:Reference URI="#signed"><dsig:Transforms><dsig:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></dsig:Transforms><dsig:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><dsig:DigestValue/></dsig:Reference></dsig:SignedInfo><dsig:SignatureValue/><dsig:KeyInfo><dsig:KeyName>$key1</dsig:KeyName></dsig:KeyInfo></dsig:Signature></certificate>
EOF
xmlsec1 --sign --privkey-pem "$state/store/keys/$key1.pem" --id-attr:Id part \
	--output "$forged/id-wrapped.xml" "$forged/id-template.xml" 2>"$work/xmlsec-sign.err"
expect "xmlsec1 alone accepts the Id-wrapped forgery (the danger)" \
	xmlsec1 --verify --pubkey-pem:"$key1" "$pem1" --id-attr:Id part "$forged/id-wrapped.xml"
refused id-wrapped.xml "the Id-wrapped forgery"

openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkey -pubout >"$work/other.pem" 2>/dev/null
verify "$cert_b" --key "$work/other.pem"
expect_equal "a key that is not the one named: unknown key (exit 3)" "$verified" 3
mkdir -p "$work/nokeys"
cp "$cert_b" "$work/nokeys/"
verify "$work/nokeys/CSEE-000002-1.xml"
expect_equal "no published keys beside the file: unknown key (exit 3)" "$verified" 3
cp "$work/other.pem" "$forged/keys/$key1.pem"
cp "$cert_b" "$forged/genuine.xml"
verify "$forged/genuine.xml"
expect_equal "a published key file replaced (fingerprint not the index's): not used (exit 3)" \
	"$verified" 3
cp "$pem1" "$forged/keys/$key1.pem"
verify "$cert_b" "$forged/changed-name.xml"
expect_equal "several files: the worst outcome" "$verified" 1

# ---- rotation and a suspension ----
expect "a second key is made" run_ecap key new "$state" --name CSEE-ROTATED-2
record_date=2026-11-23
status_action suspend.xml CSEE-000002 suspend CSEE-DISC-2026-012
expect "the run of 2026-11-24 (B suspended) completes" run_ecap run "$state" --date 2026-11-24
report_file=$(ls "$state"/out/reports/*-register-changes.xml | tail -1)
expect "the federation's report is signed by the new key (xmlsec1)" \
	xmlsec1 --verify --pubkey-pem:CSEE-ROTATED-2 "$state/out/public/keys/CSEE-ROTATED-2.pem" \
	--enabled-reference-uris empty "$report_file"
expect "the signed report validates against xsd/register-changes.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/register-changes.xsd" "$report_file"
cp "$report_file" "$work/report.xml"
verify "$work/report.xml" --key "$state/out/public/keys/CSEE-ROTATED-2.pem"
expect_equal "the federation verifies the report with the society's published key" "$verified" 0
verify "$work/report.xml" --key "$pem1"
expect_equal "but not with the old key" "$verified" 3
verify "$cert_b"
expect_equal "the old key stays published: B's certificate still verifies" "$verified" 0
expect "index.xml lists both keys, the first with the dates it signed" test \
	"$(xmllint --xpath "concat(count(//*[local-name()='key']), ' ', //*[local-name()='key'][@name='$key1']/@signedFrom, ' ', //*[local-name()='key'][@name='$key1']/@signedTo)" "$state/out/public/keys/index.xml")" = "2 2026-11-20 2026-11-20"
verify "$cert_b" --register "$state/out/public/register.xml"
expect "--register now tells: suspended" grep -q "CSEE-000002-1 is suspended in the register as of 2026-11-24" "$work/verify.out"
cp "$state/out/public/register.xml" "$work/register-forged.xml"
sed -i 's/status="suspended"/status="valid"/' "$work/register-forged.xml"
verify "$cert_b" --key "$pem1" --key "$state/out/public/keys/CSEE-ROTATED-2.pem" --register "$work/register-forged.xml"
expect "a register with a status changed back is refused, and tells no status" \
	sh -c "[ $verified -eq 1 ] && ! grep -q 'in the register' '$work/verify.out'"

# A run killed after it committed a change but before it wrote the public
# register leaves store/register/ newer than out/public/register.xml: the
# next run, with nothing to take, writes the register again. (The change
# is made here as such a run leaves it: the member file renamed into place.)
member="$state/store/register/CSEE-000002.xml"
sed 's/status="suspended"/status="cancelled"/' "$member" >"$state/store/register/.member.tmp"
mv "$state/store/register/.member.tmp" "$member"
expect "a run with nothing to take completes" run_ecap run "$state" --date 2026-11-25
expect_equal "it brought the public register up to date" \
	"$(xmllint --xpath "string(//*[local-name()='certificate'][@serial='CSEE-000002-1']/@status)" "$state/out/public/register.xml")" \
	"cancelled"
cp "$state/out/public/register.xml" "$work/register-before.xml"
expect "the next run with nothing to take completes" run_ecap run "$state" --date 2026-11-26
expect "and leaves the register as it was" cmp -s "$state/out/public/register.xml" "$work/register-before.xml"

# ---- nothing secret leaves the state ----
for key in "$state"/store/keys/*.pem; do
	sed -n '2p' "$key"
done >"$work/secret-lines"
# after a rotation, the old private key may leave the host
mv "$state/store/keys/$key1.pem" "$work/offline-$key1.pem"
record_date=2026-11-27
status_action restore.xml CSEE-000002 restore CSEE-DISC-2026-013
expect "with the old private key taken offline, a run completes" run_ecap run "$state" --date 2026-11-27
verify "$cert_b"
expect_equal "and what the old key signed still verifies" "$verified" 0
expect "no line of a private key under out/" sh -c "! grep -rqF -f '$work/secret-lines' '$state/out'"
mkdir -p "$work/audit"
for archive in "$state"/audit/*.tar.gz; do
	tar -xzf "$archive" -C "$work/audit"
done
expect "audit archives were written" sh -c "ls '$state'/audit/*.tar.gz >/dev/null"
expect "no private key in any audit archive" sh -c \
	"! grep -rqF -f '$work/secret-lines' '$work/audit' && ! grep -rq 'PRIVATE KEY' '$work/audit'"
expect "the audit chain still verifies" "$ecap" audit verify "$state"/audit/*.tar.gz

# ---- the QR code ----
if command -v zbarimg >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -r 300 -png -singlefile "$state/out/certificates/CSEE-000002-1.pdf" "$work/qr" 2>/dev/null
	code=$(xmllint --xpath "string(/*/@verification)" "$cert_b")
	expect_equal "the QR code on the PDF reads back as the verification address" \
		"$(zbarimg --quiet --raw "$work/qr.png" 2>/dev/null)" \
		"https://www.example.org/ecap/verify/CSEE-000002-1?code=$code"
	expect "the address is printed in text on the SVG" \
		grep -q "https://www.example.org/ecap/verify/CSEE-000002-1?code=$code" \
		"$state/out/certificates/CSEE-000002-1.svg"
else
	skip "the QR code reads back" "zbarimg or pdftoppm is not installed"
fi

done_testing
