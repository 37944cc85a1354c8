#!/bin/sh
# t0240-certificate-svg-ems.sh - ecap measures a certificate's texts in C
# (t:ems, lib/text_ems.c), xsltproc with certificate-svg.xsl's own ems
# template: both must give the same SVG, byte for byte, for names that are
# hard to fit: long Latin names that go on two lines or are squeezed at the
# smallest size, CJK names with rare characters (outside the BMP too), names
# with spaces, a middle dot, marks and digits, full-width letters, and long
# field, level and society names; some with a verification address (the
# e:qr child qrcode.c adds in a run) and monospaced code.
. "$(dirname "$0")/lib.sh"

command -v xsltproc >/dev/null 2>&1 || skip_all "xsltproc is not installed"

# certificate N NAME LEVEL-ZH LEVEL-EN FIELD-ZH FIELD-EN: $work/N.xml
certificate() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<certificate xmlns="urn:ecap:1" serial="CSEE-%06d-1" registration="CSEE-%06d"' "$1" "$1"
		printf ' name="%s" level="apprentice" levelName="%s" levelNameEn="%s"' "$2" "$3" "$4"
		printf ' field="electrical" fieldName="%s" fieldNameEn="%s" society="CSEE"' "$5" "$6"
		printf ' societyName="中国电机工程学会" societyNameEn="Chinese Society for Electrical Engineering"'
		printf ' issued="2026-12-08" expires="2031-12-07" verification="F582-8F52-C44B">'
		[ $(($1 % 3)) -eq 0 ] &&
			printf '<qr url="https://verify.example.org/certificates/CSEE-%06d-1?code=F582-8F52-C44B&amp;lang=zh-CN" modules="33">M0 0h7v7h-7z</qr>' "$1"
		printf '</certificate>\n'
	} >"$work/$1.xml"
}

n=0
while IFS='|' read -r name level level_en field field_en; do
	n=$((n + 1))
	certificate "$n" "$name" "${level:-见习工程会员}" "${level_en:-Apprentice Engineer}" \
		"${field:-电气工程}" "${field_en:-Electrical Engineering}"
done <<'NAMES'
高峰
王喆
李堃
禤海峰
欧阳昇
司马翀
刘䶮
吉𠮷
喻𫗧
王彧頔
买买提·艾力
焱淼垚
阿卜杜勒·阿齐兹·本·阿卜杜拉赫曼·阿勒费萨尔·阿勒沙特·伊本·穆罕默德·阿勒拉希德
Li Wei
Ahmad bin Abdullah
Zhang  Wei 	Ming
O'Brien-McAllister
Anne-Sophie d'Aubigné
Maximilian Alexander von Hohenzollern-Sigmaringen
Jean-Baptiste Emmanuel Zorg de la Fontaine-Beauregard du Plessis-Montmorency
Wolfgang Amadeus Theophilus Gottlieb Mozart-Salzburg Konstantinopolitanischer
Hubert Blaine Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeindewelchevoralternzwolftausendjahresvorandieerscheinenvanderersteerdemenschderraumschiffgebrauchlicht Sr
ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 @#%&amp;
张 Wei 3rd
ＡＢＣ　王五
e&#x301;milie Z&#x200B;hao
W
资深工程会员资深工程会员资深|资深工程会员资深工程会员资深工程会员资深工程会员资深工程会员|Senior Engineer Senior Engineer Senior Engineer Senior Engineer Senior Engineer|电气工程电气工程电气工程电气工程电气工程电气工程电气工程|Electrical and Electronic Engineering, Power Systems, Automation and Control Theory
李明|工程会员|Member|机械工程|Mechanical Engineering
NAMES

for i in $(seq 1 $n); do
	"$ecap" render certificate-svg.xsl "$work/$i.xml" >"$work/$i.ecap.svg" 2>"$work/$i.err" &&
	xsltproc --nonet --maxdepth 1000 "$top/xslt/certificate-svg.xsl" "$work/$i.xml" \
		>"$work/$i.xsltproc.svg" 2>>"$work/$i.err" &&
	cmp -s "$work/$i.ecap.svg" "$work/$i.xsltproc.svg"
	report $? "certificate $i ($(xmllint --xpath 'substring(/*/@name, 1, 20)' "$work/$i.xml")): ecap and xsltproc give the same SVG"
done

# the names above reach every way a text is fitted
expect "a name goes on two lines" \
	sh -c 'grep -l "class=\"holder\"" "$1"/*.ecap.svg | xargs grep -c "class=\"holder\"" | grep -q ":2$"' - "$work"
expect "a text is squeezed at the smallest size" \
	sh -c 'cat "$1"/*.ecap.svg | grep -q "scale(0\."' - "$work"
expect "a short CJK name is spaced out" \
	sh -c 'cat "$1"/*.ecap.svg | grep "class=\"holder\"" | grep -q "letter-spacing=\"2.5\""' - "$work"
expect "a name on one line is made smaller than 12 mm" \
	sh -c 'cat "$1"/*.ecap.svg | grep "y=\"85\".*class=\"holder\"" | grep -vq "font-size=\"12\""' - "$work"

# ecap's renderer offers t:ems (else the comparisons above would compare
# the XSLT with itself): a stylesheet beside the others asks. 工 is not
# narrow (1), A wide (0.72), b small (0.56), the space 0.3, ~ narrow but
# none of these (0.5); monospaced, 1 + 4 x 0.62.
expect_equal "ecap offers t:ems to its stylesheets" \
	"$(render_probe "$work/1.xml" "concat(function-available('t:ems'), ':', \
		t:ems('工A b~', false(), ' Ab~', 'A', 'b'), ':', t:ems('工A b~', true(), ' Ab~', 'A', 'b'))")" "true:3.08:3.48"
done_testing
