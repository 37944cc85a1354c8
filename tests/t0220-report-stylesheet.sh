#!/bin/sh
# t0220-report-stylesheet.sh - renders the batch report (xslt/report.xsl) from
# run reports (tests/data/documents/run-report.xml and variants made here) and
# checks it structurally: well-formed XHTML that an HTML parser reads the same
# (no self-closed non-void element), every SVG chart parses on its own in the
# SVG namespace with finite, non-negative geometry, one bar per state, field,
# level and reason, reasons most frequent first, bars proportional to counts,
# per scale six histograms with the threshold lines where the scale sets
# them, counts below the threshold and per histogram that add up, the
# quarantine table, the empty report, and nothing that loads or runs
# anything. Prints TAP. Needs xsltproc and xmllint.

. "$(dirname "$0")/lib.sh"
stylesheet="$top/xslt/report.xsl"
rich="$top/tests/data/documents/run-report.xml"
small="$top/tests/data/formats/run-report.xml"
LC_ALL=C.UTF-8
export LC_ALL

check() {	# check DESCRIPTION COMMAND...
	description=$1
	shift
	"$@" >/dev/null 2>&1
	report $? "$description"
}

same() {	# same DESCRIPTION GOT EXPECTED
	[ "$2" = "$3" ]
	status=$?
	report $status "$1"
	[ $status -eq 0 ] || echo "#   got '$2', expected '$3'"
}

for tool in xsltproc xmllint; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed"
done


render() {	# render INPUT OUTPUT: as pipeline/render/notice.c does, depth limit included
	xsltproc --nonet --maxdepth 1000 "$stylesheet" "$1" >"$2" 2>"$2.err"
}

xpath() {	# xpath FILE EXPRESSION: the string value
	xmllint --xpath "$2" "$1" 2>/dev/null
}

# Elements, by local name (xmllint --xpath takes no namespace prefixes).
svg="*[local-name()='svg']"
bars="//$svg[contains(@class, 'bars')]"
histograms="//$svg[contains(@class, 'histogram')]"

# ---- the rich report ----------------------------------------------------

html=$work/rich.html
check "the rich run report is valid against xsd/run-report.xsd" \
	xmllint --noout --nonet --schema "$top/xsd/run-report.xsd" "$rich"
render "$rich" "$html"
report $? "report.xsl renders the rich run report"
check "the page is well-formed XML" xmllint --noout "$html"
same "the root is XHTML's html" "$(xpath "$html" "namespace-uri(/*)")" "http://www.w3.org/1999/xhtml"

# An HTML parser (the page is opened as .html) reads <div/> as an open tag.
self_closed=$(grep -o -E '<(a|div|span|p|td|th|tr|table|tbody|thead|section|figure|figcaption|header|dl|dt|dd|h[1-6]|strong|title|style|ul|ol|li|body|head|html)( [^>]*)?/>' "$html" | head -3)
same "no non-void HTML element is self-closed" "$self_closed" ""

# Self-contained: no script, no link, no external resource, no network.
external=$(grep -o -i -E '<script|<link|<img|<iframe|<object|<embed|src=|href=|url\(|@import|https?://[^" ]*' "$html" |
	   grep -v -E '^http://www\.w3\.org/(1999/xhtml|2000/svg)$' | sort -u | head -5)
same "nothing loads or runs anything" "$external" ""
same "the arithmetic is finite everywhere" "$(grep -c -E 'NaN|Infinity' "$html")" "0"

same "four bar charts and twelve histograms" \
	"$(xpath "$html" "count($bars)"),$(xpath "$html" "count($histograms)")" "4,12"

# Every chart parses as an SVG document of its own.
count=$(xpath "$html" "count(//$svg)")
bad=""
i=1
while [ "$i" -le "$count" ]; do
	xpath "$html" "(//$svg)[$i]" >"$work/chart-$i.svg"
	if ! xmllint --noout "$work/chart-$i.svg" 2>/dev/null ||
	   [ "$(xpath "$work/chart-$i.svg" "namespace-uri(/*)")" != "http://www.w3.org/2000/svg" ] ||
	   [ "$(xpath "$work/chart-$i.svg" "count(/*/@viewBox)")" != "1" ]; then
		bad="$bad $i"
	fi
	i=$((i + 1))
done
same "each of the $count SVG charts parses alone, in the SVG namespace, with a viewBox" "$bad" ""

geometry="count(//$svg//*[local-name()='rect'][not(number(@x) >= 0) or not(number(@y) >= 0)
	or not(number(@width) >= 0) or not(number(@height) >= 0)])"
same "every rectangle has numeric, non-negative geometry" "$(xpath "$html" "$geometry")" "0"

# One bar per category, labelled in Chinese with the code beside.
rows() {	# rows CHART: the bars of the CHART-th bar chart
	xpath "$html" "count(($bars)[$1]//*[local-name()='rect'])"
}
same "one bar per state, field, level and reason (7, 2, 3, 12)" \
	"$(rows 1),$(rows 2),$(rows 3),$(rows 4)" "7,2,3,12"
label="($bars)[1]/*[local-name()='g'][3]/*[local-name()='text'][1]"
same "a state's label is its Chinese name with the code beside" \
	"$(xpath "$html" "string($label)")|$(xpath "$html" "string($label/*[local-name()='tspan'])")" \
	"材料审查中in-review|in-review"
same "a reason's label is the letters' heading with the code beside" \
	"$(xpath "$html" "string(($bars)[4]/*[local-name()='g'][1]/*[local-name()='text'][1])")" \
	"工作情况自述字数不符合要求statement-length"
same "a field is labelled with the policy's name" \
	"$(xpath "$html" "string(($bars)[2]/*[local-name()='g'][2]/*[local-name()='text'][1])")" \
	"电力系统及其自动化power-systems"

# Bars are proportional: in-review (14) is the longest, rejected (3) 3/14 of it.
width() {	# width CHART ROW
	xpath "$html" "string(($bars)[$1]/*[local-name()='g'][$2]/*[local-name()='rect']/@width)"
}
longest=$(width 1 3)
same "the bar of 3 is 3/14 of the bar of 14" \
	"$(awk -v a="$(width 1 2)" -v b="$longest" 'BEGIN { printf "%.2f", a / b * 14 }')" "3.00"
shorter=$(awk -v b="$longest" -v w="$(width 1 1)" 'BEGIN { print (w < b) ? "yes" : "no" }')
same "the longest bar is the largest count's" "$shorter" "yes"

counts_of() {	# counts_of FILE CHART: the counts printed after the bars
	xmllint --xpath "($bars)[$2]//*[local-name()='text'][contains(@class, 'count')]" "$1" 2>/dev/null |
		sed 's/<[^>]*>/ /g' | tr -s ' ' '\n' | grep -v '^$' | tr '\n' ' '
}
same "reasons are most frequent first" "$(counts_of "$html" 4)" "7 5 4 4 3 3 2 2 2 1 1 1 "

# Reasons given in any order are sorted; ties keep the report's order.
sed -e 's|<reason code="statement-length" count="7"/>||' \
    -e 's|<reason code="dimension-not-met" count="1"/>|&<reason code="statement-length" count="7"/>|' \
    "$rich" >"$work/shuffled.xml"
render "$work/shuffled.xml" "$work/shuffled.html"
same "reasons out of order are sorted most frequent first" \
	"$(counts_of "$work/shuffled.html" 4)" "7 5 4 4 3 3 2 2 2 1 1 1 "

# ---- the interview histograms -------------------------------------------

scale_count() {	# scale_count SCALE: histograms and threshold lines of SCALE
	xpath "$html" "count(//*[contains(@class, 'scale')][.//*[@class='code'] = '$1']//$svg)"
}
thresholds="*[local-name()='line'][contains(@class, 'threshold')]"
same "six histograms per scale (five dimensions and the total)" \
	"$(scale_count professional),$(scale_count senior)" "6,6"
same "threshold lines only where the scale sets one: knowledge, ethics, total, twice" \
	"$(xpath "$html" "count($histograms/$thresholds)")" "6"

# Knowledge, professional: 0..35 in 36 bars over 196 px from x=30; min 21.
x=$(xpath "$html" "string(($histograms)[1]/$thresholds/@x1)")
same "the knowledge threshold (21 of 35) is drawn at its score" "$x" "144.33"
same "the threshold is labelled with its value" \
	"$(xpath "$html" "string(($histograms)[1]/*[local-name()='text'][contains(@class, 'threshold')])")" "21"
# The total: 0..100 in bars of five points; the pass mark 60.
x=$(xpath "$html" "string(($histograms)[6]/$thresholds/@x1)")
same "the total's line is at the pass mark (60 of 100)" \
	"$(awk -v x="$x" 'BEGIN { printf "%.2f", x }')" "$(awk 'BEGIN { printf "%.2f", 30 + 60 * 196 / 105 }')"

expected=$(xpath "$rich" "sum(//*[local-name()='interviews'][@scale='professional']/*[@code='knowledge']/*[@value < 21]/@count)")
shown=$(xpath "$html" "string((//*[local-name()='figure'])[1]/*[local-name()='p'])")
same "the count below the knowledge minimum is the data's ($expected)" "$shown" "低于最低分 $expected 人$expected below"
expected=$(xpath "$rich" "sum(//*[local-name()='interviews'][@scale='senior']/*[local-name()='total']/*[@value < 60]/@count)")
shown=$(xpath "$html" "string((//*[local-name()='figure'])[12]/*[local-name()='p'])")
same "the count below the senior pass mark is the data's ($expected)" "$shown" "低于合格线 $expected 人$expected below"

# Each histogram's bars add up to the scale's count (from the bars' titles).
sums=""
i=1
while [ "$i" -le 12 ]; do
	sum=$(xmllint --xpath "($histograms)[$i]//*[local-name()='rect']/*[local-name()='title']" "$html" 2>/dev/null |
	      sed 's/<[^>]*>/\n/g' | sed -n 's/.*: \([0-9]*\) 人$/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	sums="$sums$sum "
	i=$((i + 1))
done
same "every histogram's bars add up to the scale's count (11, 6)" "$sums" "11 11 11 11 11 11 6 6 6 6 6 6 "
same "bars below a threshold are marked as failing, bars at it as passing" \
	"$(xpath "$html" "count(($histograms)[1]//*[local-name()='rect'][contains(@class, 'fail')][number(@x) >= 144.33])"),$(xpath "$html" "count(($histograms)[1]//*[local-name()='rect'][contains(@class, 'pass')][number(@x) < 144.33])")" \
	"0,0"
same "the scale's outcome: 11 interviewed, 6 passed, 5 failed" \
	"$(xpath "$html" "concat(//*[contains(@class, 'outcomes')][1]/*[local-name()='strong'][1], ',',
		//*[contains(@class, 'outcomes')][1]/*[local-name()='strong'][2], ',',
		//*[contains(@class, 'outcomes')][1]/*[local-name()='strong'][3])")" "11,6,5"

# ---- totals and quarantine ----------------------------------------------

same "the totals table has the seven totals" \
	"$(xpath "$html" "count(//*[local-name()='table'][@class='totals']//*[local-name()='tr'])")" "7"
same "the totals show packages and letters" \
	"$(xpath "$html" "concat(//*[local-name()='td'][@class='number'][1], ',', //*[local-name()='tr'][5]/*[local-name()='td'][1])")" "46,49"
same "the quarantine table lists the five inputs" \
	"$(xpath "$html" "count(//*[local-name()='table'][@class='quarantine']/*[local-name()='tbody']/*)")" "5"
check "a long quarantined name is shown whole" \
	grep -F -q '2026年11月第三批次-电气工程-专业工程会员-申请材料包-最终版本-修订稿（第二次）-A2026-000123.zip' "$html"
check "a quarantined input's reason is named in Chinese, code beside" \
	grep -F -q '材料包中含有不允许的文件或路径<span class="code">archive-unsafe</span>' "$html"
sed 's|<quarantine count="5">|<quarantine count="250">|' "$rich" >"$work/many.xml"
render "$work/many.xml" "$work/many.html"
check "more quarantined than listed: the report says only the first are listed" \
	grep -F -q '下表列出前 5 项' "$work/many.html"
! grep -F -q '下表列出前' "$html"
report $? "all quarantined listed: no such note"

# ---- the small example, an unnamed field, the empty report, refusal -----

render "$small" "$work/small.html"
report $? "the example of tests/data/formats renders"
same "with one scale, six histograms" "$(xpath "$work/small.html" "count($histograms)")" "6"

sed 's| name="电力系统及其自动化"||' "$rich" >"$work/unnamed.xml"
render "$work/unnamed.xml" "$work/unnamed.html"
same "a field the policy does not name is shown as unknown, with its code" \
	"$(xpath "$work/unnamed.html" "string(($bars)[2]/*[local-name()='g'][2]/*[local-name()='text'][1])")" \
	"未知领域power-systems"

cat >"$work/empty.xml" <<'EOF'
<runReport xmlns="urn:ecap:1" run="20261125T020000Z-4712" date="2026-11-25" society="CSEE"
           societyName="中国电机工程学会" generated="2026-11-25T02:00:01Z" seconds="0.4">
  <totals packages="0" records="0" recordsApplied="0" recordsRefused="0" quarantined="0"
          waiting="2" letters="0" certified="0" registerChanges="0"/>
  <states/><fields/><levels/><reasons/>
  <quarantine count="0"/>
</runReport>
EOF
check "the empty report is valid against the schema" \
	xmllint --noout --nonet --schema "$top/xsd/run-report.xsd" "$work/empty.xml"
render "$work/empty.xml" "$work/empty.html"
report $? "an empty run report renders"
check "  as well-formed XML" xmllint --noout "$work/empty.html"
same "  with no chart" "$(xpath "$work/empty.html" "count(//$svg)")" "0"
same "  and says so for states, fields, levels, reasons, interviews, quarantine" \
	"$(xpath "$work/empty.html" "count(//*[local-name()='p'][@class='empty'])")" "6"
check "  with the UTC time shown" grep -F -q '2026年11月25日 02:00:01 (UTC)' "$work/empty.html"

render "$top/tests/data/dossiers/returned.xml" "$work/dossier.html"
status=$?
[ "$status" -ne 0 ] && grep -F -q 'not an ecap run report' "$work/dossier.html.err"
report $? "a document that is not a run report is refused"

if [ -x "$top/bin/ecap" ]; then
	"$top/bin/ecap" render report.xsl "$rich" >"$work/ecap.html" 2>/dev/null
	status=$?
	[ $status -eq 0 ] && cmp -s "$work/ecap.html" "$html"
	report $? "ecap render (the locked-down renderer) gives the same page"
else
	skip "ecap render gives the same page" "bin/ecap is not built"
fi

done_testing
