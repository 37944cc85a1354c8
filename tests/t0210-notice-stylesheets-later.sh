#!/bin/sh
# t0210-notice-stylesheets-later.sh - renders the letters of the later stages
# (xslt/notice-{supplement,interview,failed,certified,status}.xsl and their -text
# twins), the certificate (xslt/certificate-svg.xsl) and the public notices
# (xslt/public-publicity.xsl, xslt/public-register-changes.xsl) from the test
# data in tests/data/dossiers/ and tests/data/documents/ with xsltproc, and
# checks them: well-formed output, the key values (registration, serial,
# verification code, dates, scores), every reason, the stage result the notice
# follows and nothing earlier or later, no examiner or panel detail, no full ID
# number anywhere, plain text without markup in 72 columns, an A4 landscape SVG
# whose text shrinks for long names, and refusal of documents of the wrong kind.
# Prints TAP. Needs xsltproc and xmllint (Debian packages xsltproc, libxml2-utils).
# Renders with --maxdepth 1000, the template depth limit of pipeline/render/notice.c.

. "$(dirname "$0")/lib.sh"
xslt="$top/xslt"
data="$top/tests/data/dossiers"
documents="$top/tests/data/documents"
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

[ -n "$KEEP" ] && echo "# keeping $work"
[ -n "$KEEP" ] || 
# render KIND DOSSIER SEQ [DIR]: writes $work/DOSSIER-KIND-SEQ.html and .txt from
# DIR/DOSSIER.xml (DIR defaults to the test dossiers), true if both rendered.
render() {
	source_dir=${4:-$data}
	base="$work/$2-$1-$3"
	xsltproc --nonet --maxdepth 1000 --stringparam seq "$3" "$xslt/notice-$1.xsl" \
		"$source_dir/$2.xml" >"$base.html" 2>"$base.html.err" &&
	xsltproc --nonet --maxdepth 1000 --stringparam seq "$3" "$xslt/notice-$1-text.xsl" \
		"$source_dir/$2.xml" >"$base.txt" 2>"$base.txt.err"
}

# transform STYLESHEET SOURCE OUTPUT: one rendering without parameters.
transform() {
	xsltproc --nonet --maxdepth 1000 "$xslt/$1" "$2" >"$3" 2>"$3.err"
}

# flat FILE: the file's lines joined, without their indentation (a wrapped
# Chinese sentence becomes whole again).
flat() {
	sed 's/^ *//' "$1" | tr -d '\n'
}

# contains FILE TEXT: TEXT in FILE, or in its lines joined.
contains() {
	grep -F -q -- "$2" "$1" || flat "$1" | grep -F -q -- "$2"
}

lacks() {
	! contains "$1" "$2"
}

# row FILE PREDICATE: the cells of the XHTML table row matching PREDICATE,
# separated by single spaces.
row() {
	xmllint --xpath "//*[local-name()='tr'][$2]/*" "$1" 2>/dev/null |
		sed 's/<[^>]*>/ /g' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# both FILE-BASE TEXT: TEXT in the HTML and in the plain-text letter.
both() {
	contains "$1.html" "$2" && contains "$1.txt" "$2"
}

# neither FILE-BASE TEXT...: none of the TEXTs in either letter.
neither() {
	base=$1
	shift
	for text in "$@"; do
		lacks "$base.html" "$text" && lacks "$base.txt" "$text" || return 1
	done
}

# xpath FILE EXPRESSION: the string value of EXPRESSION in FILE.
xpath() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}

# XHTML: root, namespace, language, title, charset; nothing loaded from elsewhere.
is_xhtml() {
	xmllint --noout "$1" &&
	[ "$(xpath "$1" "string(namespace-uri(/*))")" = "http://www.w3.org/1999/xhtml" ] &&
	[ "$(xpath "$1" "string(/*[local-name()='html']/@lang)")" = "zh-CN" ] &&
	[ -n "$(xpath "$1" "string(//*[local-name()='title'])")" ] &&
	[ "$(xpath "$1" "count(//*[local-name()='meta'][@charset='UTF-8'])")" = 1 ] &&
	[ "$(xpath "$1" "count(//*[local-name()='style'])")" = 1 ] &&
	[ "$(xpath "$1" "count(//*[local-name()='link' or local-name()='script' or local-name()='img'])")" = 0 ] &&
	lacks "$1" "url(" && lacks "$1" "@import" &&
	contains "$1" "size: A4 portrait" && contains "$1" '"Noto Serif CJK SC"'
}

# Plain text: no tags, no escaped characters, valid UTF-8, not empty.
is_plain_text() {
	[ -s "$1" ] &&
	! grep -E -q '</?(html|head|body|title|meta|style|div|span|p|h[1-6]|ol|ul|li|table|thead|tbody|tr|th|td|br|strong)([ >/]|$)' "$1" &&
	! grep -E -q '&(lt|gt|amp|quot|#[0-9]+);' "$1" &&
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null
}

# No line of FILE wider than 72 columns (CJK characters count two).
lines_fit() {
	[ "$(wc -L <"$1")" -le 72 ]
}

# letter_ok FILE-BASE NAME: the usual shape of both letters.
letter_shape() {
	is_xhtml "$1.html" && is_plain_text "$1.txt" && lines_fit "$1.txt"
}

# reason_items HTML COUNT: the letter's list of reasons has COUNT items.
reason_items() {
	[ "$(xpath "$1" "count(//*[local-name()='ol'][@class='reasons']/*[local-name()='li'])")" = "$2" ]
}

# The stylesheets of this test.
sheets="notice-supplement.xsl notice-supplement-text.xsl notice-interview.xsl
	notice-interview-text.xsl notice-failed.xsl notice-failed-text.xsl
	notice-certified.xsl notice-certified-text.xsl notice-status.xsl
	notice-status-text.xsl certificate-svg.xsl public-publicity.xsl
	public-register-changes.xsl public-common.xsl letter-supplement.xsl
	letter-interview.xsl letter-failed.xsl letter-certified.xsl letter-status.xsl
	notice-reminder.xsl notice-reminder-text.xsl letter-reminder.xsl"

# --- the stylesheets themselves -------------------------------------------------

for name in $sheets; do
	sheet="$xslt/$name"
	check "$name is well-formed" xmllint --noout "$sheet"
	check "$name uses no document(), idDocument, URL import or writing extension" \
		sh -c '! grep -E -q "document\(|idDocument|(include|import) href=\"[a-z]+:|exsl:document|xsl:document|extension-element-prefixes|saxon:|redirect:" "$1"' - "$sheet"
done

# --- the test data is what the stages write (xsd/) ------------------------------

for pair in dossier:supplement dossier:interview dossier:failed-review \
	dossier:failed-interview dossier:certified dossier:reregistered; do
	check "tests/data/dossiers/${pair#*:}.xml is valid against xsd/dossier.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$data/${pair#*:}.xml"
done
for pair in certificate:certificate register-change:register-change-revoke \
	register-change:register-change-suspend register-change:register-change-reminder \
	publicity-list:publicity-list \
	register-changes:register-changes; do
	check "tests/data/documents/${pair#*:}.xml is valid against xsd/${pair%%:*}.xsd" \
		xmllint --noout --nonet --schema "$top/xsd/${pair%%:*}.xsd" "$documents/${pair#*:}.xml"
done

# --- acknowledgment.xml: accepted into review (R9, 受理通知) ----------------------

a="$work/acknowledgment-acknowledgment-1"
check "acknowledgment.xml renders as an acknowledgment (XHTML and text)" render acknowledgment acknowledgment 1
check "acknowledgment: XHTML, plain text, 72 columns" letter_shape "$a"
check "acknowledgment has its title" both "$a" "受理通知"
check "acknowledgment says the application is accepted into material review" both "$a" "本学会决定予以受理，申请进入材料审查阶段"
check "acknowledgment gives the submitted and the received date" \
	both "$a" "您于2026年11月20日提交的工程能力评价申请"
check "acknowledgment says acceptance is no pass" both "$a" "受理不等于评价通过"
check "acknowledgment keeps the validation's advisories out" neither "$a" "“我们”"
check "acknowledgment names no reconsideration" neither "$a" "复核申请"
check "an acknowledgment after a supplement request says the application returns to review" \
	sh -c 'sed "s|<validation date=\"2026-12-03\" submission=\"2\" outcome=\"accepted\"/>|&<notice seq=\"9\" kind=\"acknowledgment\" date=\"2026-12-03\"/>|" "$1/failed-review.xml" >"$2/ack-again.xml" &&
		xsltproc --nonet --stringparam seq 9 "$3/notice-acknowledgment.xsl" "$2/ack-again.xml" | grep -q "申请重新进入材料审查阶段"' - "$data" "$work" "$xslt"

# --- supplement.xml: the review asks for three things -----------------------------

s="$work/supplement-supplement-1"
check "supplement.xml renders as a supplement request (XHTML and text)" render supplement supplement 1
check "supplement request: XHTML, plain text, 72 columns" letter_shape "$s"
check "supplement request has its title" both "$s" "补充材料通知"
# R9: per examiner, what to add and each dimension found not met with the comment
check "supplement request gives one item per examiner of the round" reason_items "$s.html" 2
check "supplement request gives each examiner's request in the record's words" \
	sh -c 'grep -q "需要补充：请补充项目负责人任命文件。" "$1.txt" && grep -q "请补充近三年继续教育或培训记录。" "$1.html"' - "$s"
check "supplement request names each dimension found not met with the comment" \
	both "$s" "持续发展与终身学习能力（缺少继续教育记录）。"
check "supplement request ends each comment with one mark" neither "$s" "。）" "。。" "。；"
check "supplement request gives the review's deadline" both "$s" "2026年12月10日（含当日）"
check "supplement request asks for a complete package under the same number" \
	sh -c 'grep -q 完整的 "$1.html" && grep -q 完整的 "$1.txt" && grep -q "仍为 A2026-000130" "$1.txt"' - "$s"
check "supplement request says it goes back to review" both "$s" "重新进入材料审查"
check "supplement request says it is not a failure" both "$s" "不是评价不通过的决定"
check "supplement request names no examiner" neither "$s" "EX-017" "EX-021" "考官甲"
check "supplement request leaves the dimensions found met out" neither "$s" "基础扎实" "无异常"
check "supplement request keeps the validation's advisories out" neither "$s" "“我们”"
check "supplement request addresses the applicant and shows the masked ID" \
	sh -c 'grep -q "尊敬的陈静：" "$1.txt" && grep -q "440\*\*\*\*\*\*\*\*\*\*\*2326" "$1.html"' - "$s"
check "supplement request gives its date in Chinese form" both "$s" "2026年11月26日"

# notice 1 of failed-review.xml is the same request, though a failure followed it
r1="$work/failed-review-supplement-1"
check "failed-review.xml still renders its notice 1 as a supplement request" render supplement failed-review 1
check "the earlier notice tells the earlier review, not the failure after it" \
	sh -c 'grep -q "请补充近三年继续教育或培训记录" "$1.txt" && ! grep -q 能力要求未达到 "$1.html" "$1.txt" && ! grep -q 补充的培训记录学时很少 "$1.txt"' - "$r1"

# --- interview.xml: an invitation -------------------------------------------------

i="$work/interview-interview-1"
check "interview.xml renders as an interview invitation" render interview interview 1
check "interview invitation: XHTML, plain text, 72 columns" letter_shape "$i"
check "interview invitation has its title" both "$i" "面试通知"
check "interview invitation describes the presentation" both "$i" "约 10 分钟"
check "interview invitation describes the questions" both "$i" "不少于 30 分钟"
check "interview invitation describes the deliberation" both "$i" "考官合议"
check "interview invitation asks for 2 or 3 projects and the personal role" \
	sh -c 'grep -q "2 至 3 个具体工程项目" "$1.txt" && grep -q "本人在项目中发挥的作用" "$1.html"' - "$i"
check "interview invitation lists the projects of the form" both "$i" "某海上风电场220千伏送出工程"
check "interview invitation says the time and place will follow" both "$i" "另行通知"
check "interview invitation says what to bring" both "$i" "有效身份证件原件"
check "interview invitation hides the panel's focus points" \
	neither "$i" "核实其在海上风电项目中作为设计经理的实际决策范围" "安全裕度" "EX-017" "EX-021"
check "interview invitation shows the masked ID only" \
	sh -c 'grep -q "310\*\*\*\*\*\*\*\*\*\*\*2812" "$1.txt" && ! grep -q 310104197509232812 "$1.html" "$1.txt"' - "$i"

fi1="$work/failed-interview-interview-1"
check "failed-interview.xml renders its notice 1 as an interview invitation" render interview failed-interview 1
check "that invitation hides the focus point too" neither "$fi1" "抽水蓄能接入系统稳定问题"

# --- failed-review.xml: notice 2, two dimensions not met ---------------------------

fr="$work/failed-review-failed-2"
check "failed-review.xml renders its notice 2 as a failure notice" render failed failed-review 2
check "review failure: XHTML, plain text, 72 columns" letter_shape "$fr"
check "review failure has its title" both "$fr" "评价结果通知（未通过）"
check "review failure lists one item per reason" reason_items "$fr.html" 2
for dimension in 持续发展与终身学习能力 组织领导与项目管理能力; do
	check "review failure names the dimension '$dimension'" both "$fr" "能力要求未达到（$dimension）"
done
check "review failure gives each reason's own text" both "$fr" "仅有 2024 年的一次 8 学时培训"
check "review failure advises on each dimension" both "$fr" "争取承担项目或专业负责人等职责"
check "review failure says they may apply in a later batch" both "$fr" "今后批次"
check "review failure shows no interview table" neither "$fr" "面试成绩" "总分"
check "review failure does not repeat the earlier supplement requests" neither "$fr" "请补充近三年参加继续教育"
check "review failure names no examiner" neither "$fr" "EX-017" "EX-021" "任命文件显示为副负责人"

# --- failed-interview.xml: notice 2, total and knowledge short ---------------------

fi="$work/failed-interview-failed-2"
check "failed-interview.xml renders its notice 2 as a failure notice" render failed failed-interview 2
check "interview failure: XHTML, plain text, 72 columns" letter_shape "$fi"
check "interview failure names both reasons" \
	sh -c 'grep -q 面试总分未达到合格标准 "$1.txt" && grep -q 面试中工程知识与专业能力得分未达到要求 "$1.html"' - "$fi"
check "interview failure has a table of five dimensions and the total" \
	test "$(xpath "$fi.html" "count(//*[local-name()='table'][contains(@class,'scores')]/*[local-name()='tbody']/*[local-name()='tr'])")" = 6
check "interview failure table gives knowledge 16 of 30, minimum 18" \
	test "$(row "$fi.html" "*[1]='工程知识与专业能力'")" = "工程知识与专业能力 16 30 18 低于最低要求"
check "interview failure table gives the total 57 of 100 against 60" \
	test "$(row "$fi.html" "*[1]='总分'")" = "总分 57 100 60 低于合格标准"
check "interview failure table marks ethics 13 (minimum 12) as met" \
	test "$(row "$fi.html" "*[1]='工程伦理与职业道德'")" = "工程伦理与职业道德 13 20 12"
check "interview failure text table has aligned rows" \
	sh -c 'grep -E -q "^  工程知识与专业能力 +16 +30 +18  低于最低要求$" "$1.txt" && grep -E -q "^  总分 +57 +100 +60  低于合格标准$" "$1.txt"' - "$fi"
# R9: a review result names the date of the last record that decided it
check "review failure gives its last record's date, not the run's" \
	sh -c 'grep -q "已于2026年12月9日完成材料审查" "$1.html" && ! grep -q "2026年12月10日完成" "$1.html"' - "$fr"
# R9: the interview's own date (the sheet's), not the run's that applied it
check "interview failure gives the interview sheet's date" both "$fi" "2026年12月4日完成面试考核"
check "interview failure advises on knowledge and on the interview" \
	sh -c 'grep -q "工程知识与专业能力：建议" "$1.txt" && grep -q "面试准备" "$1.html"' - "$fi"
check "interview failure hides the panel and the focus point" \
	neither "$fi" "EX-042" "EX-030" "抽水蓄能接入系统稳定问题"

# --- a failure after an upheld objection (derived from certified.xml) -------------

objection="$work/objection"
mkdir -p "$objection"
sed -n '1,/<publicityEnd/p' "$data/certified.xml" | sed '$d' |
	sed -e 's/upheld="false"/upheld="true"/' -e 's/经向原单位核实，业绩属实。/经核实，业绩材料与实际不符。/' \
	>"$objection/failed-objection.xml"
cat >>"$objection/failed-objection.xml" <<'EOF'
  <publicityEnd date="2026-12-11" outcome="failed">
    <reason code="objection-upheld">公示期间收到的异议（CSEE-OBJ-2026-004）经核实成立：申请材料中所述项目业绩与实际不符。</reason>
  </publicityEnd>
  <notice seq="2" kind="failed" date="2026-12-11"
          html="out/notices/A2026-000124/02-failed.html"
          text="out/notices/A2026-000124/02-failed.txt"/>
</dossier>
EOF
o="$work/failed-objection-failed-2"
check "an upheld objection renders as a failure notice" render failed failed-objection 2 "$objection"
check "objection failure: XHTML, plain text, 72 columns" letter_shape "$o"
check "objection failure names the reason" both "$o" "公示期间的异议经核实成立"
check "objection failure gives the publicity period and the objection's reference" \
	both "$o" "于2026年12月2日至2026年12月8日进行了公示"
check "objection failure cites the resolution" both "$o" "异议编号：CSEE-OBJ-2026-004"
check "objection failure does not show the objector's grounds" neither "$o" "反映其项目业绩存在夸大"
check "objection failure shows no interview table" neither "$o" "面试成绩"

# --- certified.xml: notice 2, the certificate -------------------------------------

c="$work/certified-certified-2"
check "certified.xml renders its notice 2 as a certificate notice" render certified certified 2
check "certificate notice: XHTML, plain text, 72 columns" letter_shape "$c"
check "certificate notice has its title" both "$c" "评价通过及发证通知"
check "certificate notice gives the registration number" both "$c" "CSEE-000124"
check "certificate notice gives the serial" both "$c" "CSEE-000124-1"
check "certificate notice gives the verification code" both "$c" "7F3A-91C2-5D08"
check "certificate notice gives the issue and expiry dates" \
	sh -c 'grep -q 2026年12月11日 "$1.txt" && grep -q 2031年12月10日 "$1.txt" && grep -q 2031年12月10日 "$1.html"' - "$c"
check "certificate notice gives the level in Chinese and English" both "$c" "专业工程会员（Professional Engineer）"
# R9 layout: the letter points at the printable PDF the run writes, not the SVG
check "certificate notice gives the certificate's PDF file name" both "$c" "CSEE-000124-1.pdf"
check "certificate notice does not point at the SVG" neither "$c" "CSEE-000124-1.svg"
check "certificate notice reminds of 50 CPD hours a year" both "$c" "每年应完成不少于 50 学时"
check "certificate notice tells the steps and the dismissed objection" \
	both "$c" "经材料审查、面试和公示，评价合格。公示期间收到的异议，经调查核实不成立。"
check "certificate notice is not a re-registration" neither "$c" "再注册及换发证书通知" "持续职业发展审查情况"
check "certificate notice shows no full ID and no scores" neither "$c" "310104197509232812" "EX-030"

# --- reregistered.xml: notice 1, re-registration ----------------------------------

rr="$work/reregistered-certified-1"
check "reregistered.xml renders as a re-registration notice" render certified reregistered 1
check "re-registration notice: XHTML, plain text, 72 columns" letter_shape "$rr"
check "re-registration notice has its title" both "$rr" "再注册及换发证书通知"
check "re-registration notice keeps the registration number" both "$rr" "注册编号保持不变"
check "re-registration notice gives the new serial and code" \
	sh -c 'grep -q CSEE-000087-2 "$1.html" && grep -q CSEE-000087-2 "$1.txt" && grep -q C41D-0B7E-92AF "$1.txt"' - "$rr"
check "re-registration notice lists the five CPD years" \
	test "$(xpath "$rr.html" "count(//*[local-name()='table'][contains(@class,'cpd')]/*[local-name()='tbody']/*[local-name()='tr'])")" = 5
check "re-registration notice shows the exempted year" both "$rr" "经本学会批准豁免"
check "re-registration notice does not congratulate on an evaluation" neither "$rr" "评价通过及发证通知" "材料审查、面试"

# --- register changes: letters to the holder ---------------------------------------

v="$work/revoke"
check "register-change-revoke.xml renders as XHTML" \
	transform notice-status.xsl "$documents/register-change-revoke.xml" "$v.html"
check "register-change-revoke.xml renders as text" \
	transform notice-status-text.xsl "$documents/register-change-revoke.xml" "$v.txt"
check "revocation letter: XHTML, plain text, 72 columns" letter_shape "$v"
check "revocation letter has its title" both "$v" "工程会员证书撤销通知"
check "revocation letter gives the date, reference and reason" \
	sh -c 'grep -q 2026年11月22日 "$1.txt" && grep -q CSEE-DISC-2026-003 "$1.html" && grep -q CSEE-DISC-2026-003 "$1.txt" && grep -q "竣工验收证明系伪造" "$1.html"' - "$v"
check "revocation letter gives the change of status" both "$v" "撤销"
check "revocation for fraud bans for life" both "$v" "终身取消申请工程会员的资格"
check "revocation for fraud says no application will be taken again" both "$v" "不再受理您提出的工程能力评价申请"
check "revocation letter shows the masked ID and names the holder" \
	sh -c 'grep -q "110\*\*\*\*\*\*\*\*\*\*\*1233" "$1.html" && grep -q "尊敬的张伟：" "$1.txt"' - "$v"
check "revocation letter has its own reference number" both "$v" "通知编号：CSEE-000123-01"

sed 's/fraud="true"/fraud="false"/' "$documents/register-change-revoke.xml" >"$work/revoke-plain.xml"
transform notice-status.xsl "$work/revoke-plain.xml" "$work/revoke-plain.html"
transform notice-status-text.xsl "$work/revoke-plain.xml" "$work/revoke-plain.txt"
check "revocation not for fraud bans nobody" neither "$work/revoke-plain" "终身" "不再受理"

u="$work/suspend"
transform notice-status.xsl "$documents/register-change-suspend.xml" "$u.html"
transform notice-status-text.xsl "$documents/register-change-suspend.xml" "$u.txt"
check "suspension letter: XHTML, plain text, 72 columns" letter_shape "$u"
check "suspension letter has its title and reference" \
	sh -c 'grep -q 工程会员证书暂停通知 "$1.txt" && grep -q CSEE-REG-2026-017 "$1.html" && grep -q "CSEE-000095-03" "$1.txt"' - "$u"
check "suspension letter explains how to be restored" both "$u" "申请恢复"
check "suspension letter bans nobody" neither "$u" "终身" "不再受理"

sed -e 's/action="suspend" from="valid" to="suspended"/action="expire" from="valid" to="expired"/' \
	"$documents/register-change-suspend.xml" >"$work/expire.xml"
transform notice-status-text.xsl "$work/expire.xml" "$work/expire.txt"
check "an expiry letter says so" contains "$work/expire.txt" "工程会员证书到期失效通知"
check "an expiry letter points to re-registration" contains "$work/expire.txt" "可在规定期限内申请再注册"

# --- public notices ---------------------------------------------------------------

p="$work/publicity.html"
check "publicity-list.xml renders as the public notice" \
	transform public-publicity.xsl "$documents/publicity-list.xml" "$p"
check "publicity notice is well-formed XHTML" is_xhtml "$p"
check "publicity notice has one row per entry" \
	test "$(xpath "$p" "count(//*[local-name()='table']/*[local-name()='tbody']/*[local-name()='tr'])")" = 3
check "publicity notice has the five columns" \
	test "$(row "$p" "parent::*[local-name()='thead']")" = "序号 姓名 证件号码 技术领域 申请级别"
check "publicity notice lists name, masked ID, field and level" \
	test "$(row "$p" "parent::*[local-name()='tbody'] and *[1]='2'")" = "2 欧阳明月 E12****67 电气工程 资深工程会员"
check "publicity notice gives the period" contains "$p" "2026年12月2日至2026年12月8日"
check "publicity notice says how to object: in writing, by the end date" \
	sh -c 'grep -q 书面形式 "$1" && grep -q "2026年12月8日（含当日）" "$1" && grep -q "公示编号：中国电机工程学会公示〔2026〕12号" "$1"' - "$p"
check "publicity notice shows no run id as its number" sh -c '! grep -q "公示编号：2026" "$1"' - "$p"
check "publicity notice shows no application number or full ID" \
	sh -c '! grep -q -e A2026-000124 -e 310104197509232812 "$1"' - "$p"

sed -e '/<entry/,/\/>/d' "$documents/publicity-list.xml" >"$work/empty-list.xml"
check "an empty publicity list renders" transform public-publicity.xsl "$work/empty-list.xml" "$work/empty-list.html"
check "an empty publicity list says nobody is listed" contains "$work/empty-list.html" "本期无公示人员"

g="$work/register-changes.html"
check "register-changes.xml renders as the public notice of status changes" \
	transform public-register-changes.xsl "$documents/register-changes.xml" "$g"
check "status change notice is well-formed XHTML" is_xhtml "$g"
check "status change notice has its title" contains "$g" "工程会员证书状态变更公示"
check "status change notice has one row per change, by date" \
	test "$(row "$g" "parent::*[local-name()='tbody'] and *[1]='1'")" = "1 CSEE-000123 CSEE-000123-1 张伟 专业工程会员 撤销 2026年11月22日"
check "status change notice gives its number in the society's format" \
	contains "$g" "公示编号：中国电机工程学会公示〔2026〕11号"
check "status change notice lists the suspension and the expiry" \
	sh -c 'grep -q "孙丽" "$1" && grep -q "到期失效" "$1" && grep -q "CSEE-000060-1" "$1"' - "$g"
check "status change notice keeps reasons and ID numbers private" \
	sh -c '! grep -q -e 虚假 -e 安全生产 -e "\*\*\*" "$1"' - "$g"

# --- the certificate --------------------------------------------------------------

svg="$work/certificate.svg"
check "certificate.xml renders as SVG" transform certificate-svg.xsl "$documents/certificate.xml" "$svg"
check "certificate SVG parses" xmllint --noout "$svg"
check "certificate SVG is SVG 1.1" \
	test "$(xpath "$svg" "concat(namespace-uri(/*), ' ', /*/@version)")" = "http://www.w3.org/2000/svg 1.1"
check "certificate SVG is A4 landscape" \
	test "$(xpath "$svg" "concat(/*/@width, ' ', /*/@height, ' ', /*/@viewBox)")" = "297mm 210mm 0 0 297 210"
check "certificate SVG names CJK fonts" \
	sh -c 'grep -q "Noto Serif CJK SC" "$1" && grep -q "WenQuanYi Zen Hei" "$1"' - "$svg"
for value in 工程会员证书 "CERTIFICATE OF ENGINEER MEMBERSHIP" 王建国 专业工程会员 "Professional Engineer" \
	电气工程 "Electrical Engineering" CSEE-000124 CSEE-000124-1 2026年12月11日 2031年12月10日 \
	"11 December 2026" "10 December 2031" 中国电机工程学会 "Chinese Society for Electrical Engineering" \
	7F3A-91C2-5D08; do
	check "certificate SVG shows '$value'" contains "$svg" "$value"
done
check "certificate SVG sets the verification code large, in its own box" \
	test "$(xpath "$svg" "string(//*[local-name()='text'][@class='verification-code']/@font-size)")" = 7
check "certificate SVG sets a short name at the full size" \
	test "$(xpath "$svg" "string(//*[local-name()='text'][@class='holder']/@font-size)")" = 12
check "certificate SVG loads nothing from elsewhere" \
	sh -c '! grep -q -e "xlink:href" -e "<image" -e "url(http" "$1"' - "$svg"

# holder_sizes NAME: renders a certificate for NAME into $work/named.svg and
# prints the font sizes of the holder's lines.
holder_sizes() {
	sed "s/name=\"王建国\"/name=\"$1\"/" "$documents/certificate.xml" >"$work/named.xml" &&
	transform certificate-svg.xsl "$work/named.xml" "$work/named.svg" &&
	xmllint --noout "$work/named.svg" &&
	xpath "$work/named.svg" "//*[local-name()='text'][@class='holder']/@font-size" |
		sed 's/ *font-size="\([^"]*\)"/\1 /g' | tr '\n' ' ' | sed 's/ *$//'
}

# holder_text: the text of the holder's lines in $work/named.svg.
holder_text() {
	xpath "$work/named.svg" "//*[local-name()='text'][@class='holder']/text()"
}

medium=$(holder_sizes "Alexander Maximilian Featherstonehaugh-Montgomery")
check "a 49-character name gets one smaller line (size $medium)" \
	sh -c 'set -- $1; [ $# -eq 1 ] && awk -v s="$1" "BEGIN { exit !(s < 12 && s >= 7) }"' - "$medium"

long=$(holder_sizes "$(printf 'Wolfeschlegelsteinhausenbergerdorff %.0s' $(seq 1 5))")
check "a 180-character name gets two lines of one size (sizes $long)" \
	sh -c 'set -- $1; [ $# -eq 2 ] && [ "$1" = "$2" ] && awk -v s="$1" "BEGIN { exit !(s <= 6) }"' - "$long"
check "a 180-character name keeps every word whole" \
	test "$(holder_text | grep -o Wolfeschlegelsteinhausenbergerdorff | wc -l)" -eq 5

very_long=$(holder_sizes "$(printf '欧阳娜%.0s' $(seq 1 60))")
check "a 180-character CJK name gets two lines of one size (sizes $very_long)" \
	sh -c 'set -- $1; [ $# -eq 2 ] && [ "$1" = "$2" ]' - "$very_long"
check "a 180-character CJK name is compressed to its width, not cut" \
	sh -c 'n=$(xmllint --xpath "count(//*[local-name()=\"text\"][@class=\"holder\"][contains(@transform, \"scale(0.\")])" "$1"); [ "$n" -eq 2 ]' - "$work/named.svg"
check "a 180-character CJK name keeps every character" \
	test "$(holder_text | grep -o 娜 | wc -l)" -eq 60

# --- refusals ---------------------------------------------------------------------

check "a notice of another kind is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-supplement.xsl" "$2/interview.xml"' - "$xslt" "$data"
check "a notice number that does not exist is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 7 "$1/notice-failed-text.xsl" "$2/failed-interview.xml"' - "$xslt" "$data"
check "no seq parameter is refused" \
	sh -c '! xsltproc --nonet "$1/notice-certified.xsl" "$2/certified.xml"' - "$xslt" "$data"
sed 's/round="1" outcome="supplement"/round="1" outcome="failed"/' "$data/supplement.xml" >"$work/mismatch.xml"
check "a supplement notice after a review of another outcome is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-supplement-text.xsl" "$2/mismatch.xml"' - "$xslt" "$work"
check "a certificate notice that follows no certification is refused" \
	sh -c '! xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$1/notice-certified.xsl" "$2/interview.xml" 2>/dev/null' - "$xslt" "$data"
check "a failure notice does not accept a passed interview" \
	sh -c 'sed "s/kind=\"certified\"/kind=\"failed\"/; /<publicity/,/<certification/d; /registration=\"CSEE-000124\"/,/svg=/d" "$2/certified.xml" >"$3/passed.xml" && ! xsltproc --nonet --maxdepth 1000 --stringparam seq 2 "$1/notice-failed.xsl" "$3/passed.xml"' - "$xslt" "$data" "$work"
check "the status letter refuses a dossier" \
	sh -c '! xsltproc --nonet "$1/notice-status.xsl" "$2/certified.xml"' - "$xslt" "$data"
check "the certificate refuses a dossier" \
	sh -c '! xsltproc --nonet "$1/certificate-svg.xsl" "$2/certified.xml"' - "$xslt" "$data"
check "the publicity notice refuses a list of register changes" \
	sh -c '! xsltproc --nonet "$1/public-publicity.xsl" "$2/register-changes.xml"' - "$xslt" "$documents"
check "the status change notice refuses a publicity list" \
	sh -c '! xsltproc --nonet "$1/public-register-changes.xsl" "$2/publicity-list.xml"' - "$xslt" "$documents"

# --- nothing shows a full ID -------------------------------------------------------

check "every test dossier's full ID is in the dossier (the check below can fail)" \
	sh -c 'grep -q 440305198806152326 "$1/supplement.xml" && grep -q 510107199302184572 "$1/failed-interview.xml" && grep -q 330102198005123618 "$1/reregistered.xml"' - "$data"
check "no output contains a full ID number or a birth date from one" \
	sh -c '! grep -r -q --include="*.html" --include="*.txt" --include="*.svg" -e 440305198806152326 -e 310104197509232812 -e 510107199302184572 \
		-e 330102198005123618 -e 110101199003071233 -e 19880615 -e 19750923 -e 19930218 \
		-e 19800512 "$1"' - "$work"
# --- register-change-reminder.xml: the reminder before expiry (R9, 再注册提醒) ---------

r="$work/register-change-reminder-reminder-2"
check "register-change-reminder.xml renders as a reminder (XHTML and text)" \
	render reminder register-change-reminder 2 "$top/tests/data/documents"
check "reminder: XHTML, plain text, 72 columns" letter_shape "$r"
check "reminder has its title" both "$r" "工程会员证书到期及再注册提醒"
check "reminder gives the certificate" both "$r" "CSEE-000095-1"
check "reminder gives its expiry" both "$r" "2027年6月30日有效期届满"
check "reminder gives the renewal window" both "$r" "2026年12月30日至2027年12月30日"
check "reminder gives the CPD hours a year" both "$r" "不少于50学时"
check "reminder says how to apply" both "$r" "申请类型为“再注册”"
check "reminder is numbered by registration and letter" both "$r" "CSEE-000095-02"
check "reminder shows only the masked ID" neither "$r" "210102199001010028"
check "a status document is refused by the reminder stylesheet" \
	sh -c '! xsltproc --nonet "$1/notice-reminder.xsl" "$2" >/dev/null 2>&1' - "$xslt" \
	"$top/tests/data/documents/register-change-suspend.xml"

check "every plain-text output is free of markup" \
	sh -c 'for f in "$1"/*.txt; do [ -s "$f" ] || exit 1; ! grep -E -q "</?(p|div|span|li|td|tr|table|h[1-6])[ >]" "$f" || exit 1; done' - "$work"

finish
