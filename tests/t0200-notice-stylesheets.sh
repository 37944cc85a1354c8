#!/bin/sh
# t0200-notice-stylesheets.sh - renders the applicant letters (xslt/notice-*.xsl)
# from the test dossiers in tests/data/dossiers/ with xsltproc, and checks them:
# well-formed XHTML, every reason heading, the name or the neutral addressee,
# the deadline and dates in Chinese form, no full ID number anywhere, plain text
# without markup and with short lines, and refusal of a wrong or missing notice.
# Prints TAP. Needs xsltproc and xmllint (Debian packages xsltproc, libxml2-utils).
# Renders with --maxdepth 1000, the template depth limit of pipeline/render/notice.c.

. "$(dirname "$0")/lib.sh"
xslt="$top/xslt"
data="$top/tests/data/dossiers"
LC_ALL=C.UTF-8
export LC_ALL

check() {
	description=$1
	shift
	if "$@" >/dev/null 2>&1; then
		pass "$description"
	else
		fail "$description"
	fi
}

finish() {
	done_testing
	exit $?
}

for tool in xsltproc xmllint; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed"
done


# render KIND DOSSIER SEQ: writes $work/DOSSIER-KIND.html and .txt, true if both rendered.
render() {
	xsltproc --nonet --maxdepth 1000 --stringparam seq "$3" "$xslt/notice-$1.xsl" \
		"$data/$2.xml" >"$work/$2-$1.html" 2>"$work/$2-$1.html.err" &&
	xsltproc --nonet --maxdepth 1000 --stringparam seq "$3" "$xslt/notice-$1-text.xsl" \
		"$data/$2.xml" >"$work/$2-$1.txt" 2>"$work/$2-$1.txt.err"
}

contains() {
	grep -F -q -- "$2" "$1"
}

lacks() {
	! grep -F -q -- "$2" "$1"
}

# xpath FILE EXPRESSION: the string value of EXPRESSION in FILE.
xpath() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}

# XHTML: root, namespace, language, title, charset; nothing loaded from elsewhere.
is_letter_xhtml() {
	xmllint --noout "$1" &&
	[ "$(xpath "$1" "string(namespace-uri(/*))")" = "http://www.w3.org/1999/xhtml" ] &&
	[ "$(xpath "$1" "string(/*[local-name()='html']/@lang)")" = "zh-CN" ] &&
	[ -n "$(xpath "$1" "string(//*[local-name()='title'])")" ] &&
	[ "$(xpath "$1" "count(//*[local-name()='meta'][@charset='UTF-8'])")" = 1 ] &&
	[ "$(xpath "$1" "count(//*[local-name()='style'])")" = 1 ] &&
	[ "$(xpath "$1" "count(//*[local-name()='link' or local-name()='script' or local-name()='object' or local-name()='iframe'])")" = 0 ] &&
	[ "$(xpath "$1" "count(//*[local-name()='img'][not(starts-with(@src, 'data:image/svg+xml;base64,'))])")" = 0 ] &&
	lacks "$1" "url(" && lacks "$1" "@import" &&
	contains "$1" "size: A4 portrait" && contains "$1" '"Noto Serif CJK SC"'
}

# Plain text: no tags of the letter, no escaped characters, valid UTF-8, not empty.
is_plain_text() {
	[ -s "$1" ] &&
	! grep -E -q '</?(html|head|body|title|meta|style|div|span|p|h[1-6]|ol|ul|li|table|tr|th|td|br|strong)([ >/]|$)' "$1" &&
	! grep -E -q '&(lt|gt|amp|quot|#[0-9]+);' "$1" &&
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null
}

# No line of FILE wider than 72 columns (CJK characters count two).
lines_fit() {
	[ "$(wc -L <"$1")" -le 72 ]
}

# same_reason_count DOSSIER HTML: one list item per reason of the validation.
same_reason_count() {
	seq=$3
	expected=$(xpath "$1" "count(/*/*[local-name()='notice'][@seq='$seq']/preceding-sibling::*[local-name()='validation'][1]/*[local-name()='reason'])")
	got=$(xpath "$2" "count(//*[local-name()='ol'][@class='reasons']/*[local-name()='li'])")
	[ "$expected" -gt 0 ] && [ "$expected" = "$got" ]
}

# both FILE-BASE TEXT: TEXT in the HTML and in the plain-text letter.
both() {
	contains "$1.html" "$2" && contains "$1.txt" "$2"
}

# neither FILE-BASE TEXT...: no TEXT in the HTML nor in the plain-text letter.
neither() {
	base=$1
	shift
	for text in "$@"; do
		lacks "$base.html" "$text" && lacks "$base.txt" "$text" || return 1
	done
}

# --- the stylesheets themselves -------------------------------------------------

for sheet in "$xslt"/notice-lookups.xsl "$xslt"/letter-common.xsl \
	"$xslt"/letter-xhtml.xsl "$xslt"/letter-text.xsl "$xslt"/text-wrap.xsl \
	"$xslt"/letter-css.xsl "$xslt"/letter-returned.xsl "$xslt"/letter-rejected.xsl \
	"$xslt"/letter-expired.xsl "$xslt"/notice-returned.xsl \
	"$xslt"/notice-returned-text.xsl "$xslt"/notice-rejected.xsl \
	"$xslt"/notice-rejected-text.xsl "$xslt"/notice-expired.xsl \
	"$xslt"/notice-expired-text.xsl; do
	name=$(basename "$sheet")
	check "$name is well-formed" xmllint --noout "$sheet"
	check "$name uses no document(), idDocument, URL import or writing extension" \
		sh -c '! grep -E -q "document\(|idDocument|(include|import) href=\"[a-z]+:|exsl:document|xsl:document|extension-element-prefixes|saxon:|redirect:" "$1"' - "$sheet"
done

# --- returned.xml: a return with six reasons --------------------------------------

r="$work/returned-returned"
check "returned.xml renders as a return notice (XHTML and text)" render returned returned 1
check "return notice is well-formed XHTML with lang, title, charset, inline style" is_letter_xhtml "$r.html"
check "return notice text has no markup" is_plain_text "$r.txt"
check "return notice text lines fit in 72 columns" lines_fit "$r.txt"
check "return notice lists one item per reason" same_reason_count "$data/returned.xml" "$r.html" 1
for heading in 工作情况自述字数不符合要求 佐证材料缺失 缺少身份证件材料 \
	承诺书未签名或未注明日期 工程项目数量不符合要求 申请表填写格式不符合规范; do
	check "return notice names the reason '$heading'" both "$r" "$heading"
done
check "return notice gives each reason's own text" both "$r" "工作情况自述共 1874 字，应为 2000 至 4000 字。"
check "return notice gives the deadline in Chinese form" both "$r" "2026年12月8日"
check "return notice gives the notice date in Chinese form" both "$r" "2026年11月24日"
check "return notice shows no ISO date" sh -c '! grep -q "2026-1[12]-" "$1.html" && ! grep -q "2026-1[12]-" "$1.txt"' - "$r"
check "return notice addresses the applicant by name" both "$r" "尊敬的张伟："
check "return notice shows the masked ID" both "$r" "110***********1233"
check "return notice shows no full ID" sh -c '! grep -q 110101199003071233 "$1.html" "$1.txt"' - "$r"
check "return notice shows no birth date from the ID" sh -c '! grep -q 19900307 "$1.html" "$1.txt"' - "$r"
check "return notice names the level in Chinese" both "$r" "专业工程会员"
check "return notice names the society in Chinese and English" \
	sh -c 'grep -q 中国电机工程学会 "$1.html" && grep -q "Chinese Society for Electrical Engineering" "$1.txt"' - "$r"
check "return notice asks for a complete package under the same number" \
	sh -c 'grep -q 完整的 "$1.txt" && grep -q "仍为 A2026-000123" "$1.txt" && grep -q "A2026-000123" "$1.html"' - "$r"
check "return notice says the application lapses after the deadline" both "$r" "自动失效"
check "return notice passes on the validation's note" both "$r" "notes.txt 未被申请表引用"
check "return notice keeps the examiners' advisories out" \
	sh -c '! grep -q -e "“我们”" -e "SCADA" "$1.html" "$1.txt"' - "$r"
check "return notice ends with the salutation and signature, not 特此通知 as well" \
	sh -c 'grep -q "^敬礼！$" "$1.txt" && grep -q "此致" "$1.html" && ! grep -q "特此通知" "$1.html"' - "$r"

# R9: the form's submitted date and the date the package was received
check "return notice gives the form's submitted date" both "$r" "您于2026年11月23日提交的"
check "return notice gives the date the package was received" both "$r" "本学会已于2026年11月24日"
# R9: technical detail in the appendix (技术说明), plain words in the list
check "return notice tells the schema reason in plain words" both "$r" "请使用本学会提供的申请表模板"
check "return notice puts the schema message in the appendix after the signature" \
	sh -c 'a=$(grep -n "附：技术说明" "$1.txt" | cut -d: -f1) && m=$(grep -n "facet" "$1.txt" | head -1 | cut -d: -f1) &&
		s=$(grep -n "敬礼" "$1.txt" | cut -d: -f1) && [ "$s" -lt "$a" ] && [ "$a" -lt "$m" ]' - "$r"
check "return notice's XHTML holds the schema message only in the appendix" \
	sh -c 'test "$(xmllint --xpath "count(//*[contains(text(), \"facet\")])" "$1.html")" = 1 &&
		test "$(xmllint --xpath "count(//*[@class=\"appendix\"]//*[contains(text(), \"facet\")])" "$1.html")" = 1' - "$r"
check "return notice names no reconsideration (it is no final decision)" neither "$r" "复核申请"
check "return notice without the policy's contact gives none" neither "$r" "通信地址" "电子邮箱"

# R9: with the policy's contact, signatory and feedback (as a run passes them)
render_policy() {
	for variant in "" -text; do
		extension=html
		[ -n "$variant" ] && extension=txt
		xsltproc --nonet --maxdepth 1000 --stringparam seq "$3" \
			--stringparam contact-address "北京市西城区白广路二条1号" --stringparam contact-postcode 100761 \
			--stringparam contact-phone 010-63415555 --stringparam contact-email ecap@csee.org.cn \
			--stringparam contact-web https://www.csee.org.cn/ \
			--stringparam signatory-name 王秀兰 --stringparam signatory-title 秘书长 \
			--stringparam feedback-name 中国工程师联合体标准与质量监督委员会 \
			--stringparam feedback-email cse@cast-cse.org.cn \
			"$xslt/notice-$1$variant.xsl" "$data/$2.xml" >"$work/$2-$1-policy.$extension" || return 1
	done
}
rp="$work/returned-returned-policy"
check "returned.xml renders with the policy's contact" render_policy returned returned 1
check "return notice gives the society's address, postcode, telephone, e-mail and web" \
	sh -c 'for w in 北京市西城区白广路二条1号 100761 010-63415555 ecap@csee.org.cn https://www.csee.org.cn/; do
		grep -q "$w" "$1.html" || exit 1; done' - "$rp"
check "return notice is signed by the signatory for the society" both "$rp" "秘书长 王秀兰"
check "return notice with the policy still names no reconsideration nor feedback" \
	neither "$rp" "复核申请" "标准与质量监督委员会"
check "return notice keeps the signature with the closing when printed" \
	sh -c 'grep -q "class=\"sign-off\"" "$1.html" && grep -q "break-inside: avoid" "$1.html"' - "$rp"
jp="$work/rejected-rejected-policy"
check "rejected.xml renders with the policy's contact" render_policy rejected rejected 1
check "rejection notice says how to ask for reconsideration, in writing, within 30 days" \
	sh -c 'grep -q "自本通知日期起30日内，以书面形式向" "$1.html" && grep -q "复核申" "$1.txt"' - "$jp"
check "rejection notice names the federation's feedback committee and its e-mail" \
	sh -c 'grep -q "中国工程师联合体标准与质量监督委员会" "$1.html" && grep -q "cse@cast-cse.org.cn" "$1.html"' - "$jp"

# --- minimal-unreadable.xml: no application, no name, no masked ID ----------------

m="$work/minimal-unreadable-returned"
check "minimal-unreadable.xml renders" render returned minimal-unreadable 1
check "minimal letter is well-formed XHTML" is_letter_xhtml "$m.html"
check "minimal letter text has no markup" is_plain_text "$m.txt"
check "minimal letter addresses the neutral 申请人" both "$m" "尊敬的申请人："
check "minimal letter names the reason" both "$m" "申请表文件无法读取"
check "minimal letter shows the reason text unescaped in text" contains "$m.txt" "标签 <name> 没有"
check "minimal letter gives the deadline" both "$m" "2026年12月8日"
check "minimal letter has no empty particulars" \
	sh -c '! grep -q "证件号码" "$1.html" && ! grep -q "申请级别" "$1.txt"' - "$m"

# --- rejected.xml: a rejection with eligibility and form reasons ------------------

j="$work/rejected-rejected"
check "rejected.xml renders as a rejection notice" render rejected rejected 1
check "rejection notice is well-formed XHTML" is_letter_xhtml "$j.html"
check "rejection notice text has no markup" is_plain_text "$j.txt"
check "rejection notice text lines fit in 72 columns" lines_fit "$j.txt"
check "rejection notice lists one item per reason" same_reason_count "$data/rejected.xml" "$j.html" 1
for heading in 工程实践经历年限不足 本学会未获授权评价该工程技术领域 \
	工作情况自述未使用中文撰写 缺少身份证件材料; do
	check "rejection notice names the reason '$heading'" both "$j" "$heading"
done
check "rejection notice addresses the applicant by name" both "$j" "尊敬的李晓梅："
check "rejection notice shows no full ID" sh -c '! grep -q 32010219850101004X "$1.html" "$1.txt"' - "$j"
check "rejection notice says the decision is final" both "$j" "最终决定"
check "rejection notice tells how to apply again once experienced enough" both "$j" "年限达到所申请级别的要求后"
check "rejection notice does not mention a ban" sh -c '! grep -q 不再受理 "$1.html" "$1.txt"' - "$j"
check "rejection notice gives no resubmission deadline" sh -c '! grep -q 补正期限 "$1.html" "$1.txt"' - "$j"

b="$work/rejected-banned-rejected"
check "rejected-banned.xml renders" render rejected rejected-banned 1
check "banned letter says no further applications" both "$b" "不再受理您提出的工程能力评价申请"
check "banned letter invites no new application" sh -c '! grep -q -e 重新提出申请 -e 一并改正 "$1.html" "$1.txt"' - "$b"
check "banned letter names the ban" both "$b" "申请人已被终身禁止申请"

# --- expired.xml and expired-late.xml: notice 2 follows the return (notice 1) -----

x="$work/expired-expired"
check "expired.xml renders its notice 2 as an expiry notice" render expired expired 2
check "expiry notice is well-formed XHTML" is_letter_xhtml "$x.html"
check "expiry notice text has no markup" is_plain_text "$x.txt"
check "expiry notice text lines fit in 72 columns" lines_fit "$x.txt"
check "expiry notice names the reason" both "$x" "未在规定期限内提交补正材料"
check "expiry notice gives the deadline of the return" both "$x" "请您在2026年12月8日"
check "expiry notice gives its date" both "$x" "2026年12月9日"
check "expiry notice refers to the return notice" both "$x" "A2026-000123-01"
check "expiry notice says no package arrived" both "$x" "未收到您补正后的申请材料"
check "expiry notice reports the expiry, not the return's reasons" \
	sh -c '! grep -q 工作情况自述字数不符合要求 "$1.html" "$1.txt"' - "$x"
check "expiry notice shows no full ID" sh -c '! grep -q 110101199003071233 "$1.html" "$1.txt"' - "$x"
check "expired.xml still renders its notice 1 as a return notice" render returned expired 1

l="$work/expired-late-expired"
check "expired-late.xml renders" render expired expired-late 2
check "late expiry notice says when the late package came" both "$l" "本学会于2026年12月10日收到您重新提交的材料"

# --- a very long reason (about 45,000 characters) -----------------------------------

long="$work/long"
mkdir -p "$long"
repeated=$(printf '工作情况自述共 1874 字，应为 2000 至 4000 字。%.0s' $(seq 1 1500))
awk -v text="$repeated $(printf 'word%.0s ' $(seq 1 3000))END-OF-REASON" '
	/code="statement-length"/ { print "    <reason code=\"statement-length\">" text "</reason>"; next }
	{ print }' "$data/returned.xml" >"$long/long.xml"
check "a very long reason renders as text" \
	sh -c 'xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-returned-text.xsl" "$2/long.xml" >"$2/long.txt"' - "$xslt" "$long"
check "a very long reason renders as XHTML" \
	sh -c 'xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-returned.xsl" "$2/long.xml" >"$2/long.html" && xmllint --noout "$2/long.html"' - "$xslt" "$long"
check "a very long reason is kept whole" sh -c 'grep -q END-OF-REASON "$1/long.txt" && grep -q END-OF-REASON "$1/long.html"' - "$long"
check "a very long reason is wrapped in 72 columns" lines_fit "$long/long.txt"

# --- R9: the same point told once ---------------------------------------------------
# A form with three schema messages and a reason given twice: one item for
# the schema (its plain words once), its three messages in the appendix under
# that item's number, and the repeated reason once.

same="$work/same"
mkdir -p "$same"
awk '
	/code="schema"/ { print; for (i = 2; i <= 3; i++)
		print "    <reason code=\"schema\">Element '"'"'{urn:ecap:1}email'"'"': message-" i " of the schema.</reason>";
		next }
	/code="commitment-unsigned"/ { print; print; next }
	{ print }' "$data/returned.xml" >"$same/same.xml"
for variant in "" -text; do
	xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$xslt/notice-returned$variant.xsl" \
		"$same/same.xml" >"$same/same${variant:-.html}" 2>/dev/null
done
mv "$same/same-text" "$same/same.txt" 2>/dev/null
check "the fixture has three schema reasons and one given twice" \
	sh -c 'test "$(grep -c "code=\"schema\"" "$1")" = 3 && test "$(grep -c "code=\"commitment-unsigned\"" "$1")" = 2' - "$same/same.xml"
check "three schema messages make one item: its plain words are said once" \
	sh -c 'test "$(grep -o "请使用本学会提供的申请表模板" "$1.txt" | wc -l)" = 1 && test "$(grep -o "请使用本学会提供的申请表模板" "$1.html" | wc -l)" = 1' - "$same/same"
check "a reason given twice is told once" \
	sh -c 'test "$(grep -o "承诺书未签名（signed" "$1.html" | wc -l)" = 1 && test "$(grep -o "承诺书未签名（signed" "$1.txt" | wc -l)" = 1' - "$same/same"
check "the list has six items, not eight" \
	sh -c 'test "$(xmllint --xpath "count(//*[local-name()=\"ol\"][contains(@class, \"reasons\")]/*[local-name()=\"li\"])" "$1.html")" = 6' - "$same/same"
check "every schema message is in the appendix, under the one item's number" \
	sh -c 'for m in facet message-2 message-3; do grep -q "第 6 项（[^）]*）：[^<]*$m" "$1.html" || exit 1; done' - "$same/same"

# --- refusals ---------------------------------------------------------------------

check "a notice number that does not exist is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 9 "$1/notice-returned.xsl" "$2/returned.xml"' - "$xslt" "$data"
check "a notice of another kind is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-expired-text.xsl" "$2/returned.xml"' - "$xslt" "$data"
sed -e 's/outcome="returned" deadline/outcome="rejected" deadline/' \
	"$data/returned.xml" >"$work/mismatch.xml"
check "a notice that does not follow a validation of its kind is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-returned.xsl" "$2/mismatch.xml"' - "$xslt" "$work"
check "no seq parameter is refused" \
	sh -c '! xsltproc --nonet "$1/notice-rejected.xsl" "$2/rejected.xml"' - "$xslt" "$data"

# --- no output anywhere shows a full ID ------------------------------------------

check "no rendered letter contains a full ID number" \
	sh -c '! grep -r -q --include="*.html" --include="*.txt" -e 110101199003071233 -e 32010219850101004X "$1"' - "$work"

finish
