#!/bin/sh
# t0230-golden-letters.sh - every letter kind, rendered by ecap from the test
# dossiers (tests/golden/letters.list), is byte-identical to its golden file
# in tests/golden/letters/: a change of wording or layout shows up here as a
# diff. After a reviewed change, `make golden` writes the new golden files.
# The batch renders a letter in two steps - the letter document
# (xslt/letter-KIND.xsl), then letter-xhtml.xsl and letter-text.xsl on it -
# so every letter is also made that way: its letter document is valid
# against xsd/letter.xsd and renders to the same golden bytes.
# ecap fills the text's lines and counts their columns in C (t:fill and
# t:columns, lib/text_fill.c), the stylesheets in XSLT where these are not
# offered: xsltproc must give the same text, for every golden letter and for made-up hard cases (CJK and
# Latin mixed, every mark the line breaking minds, long words, combining
# and zero-width characters, texts long enough to be cut in two). Dates
# too: ecap writes them in C (t:chinese-date), xsltproc with the template;
# the letter documents must agree for ordinary and odd dates.
. "$(dirname "$0")/lib.sh"

expect "every letter of the list renders" sh "$top/tests/golden/render.sh" "$work/letters"
for golden in "$top"/tests/golden/letters/*; do
	name=$(basename "$golden")
	expect "$name is as the golden file (make golden after a reviewed change)" \
		diff -u "$golden" "$work/letters/$name"
done
grep -v '^#' "$top/tests/golden/letters.list" | while read -r name kind input seq; do
	[ -n "$name" ] || continue
	"$ecap" render "letter-$kind.xsl" --seq "$seq" --policy "$top/samples/policy.xml" \
		"$top/tests/data/$input" \
		>"$work/$name.letter.xml" &&
	"$ecap" render letter-xhtml.xsl "$work/$name.letter.xml" >"$work/$name.two.html" &&
	"$ecap" render letter-text.xsl "$work/$name.letter.xml" >"$work/$name.two.txt"
	echo "$name"
done >"$work/two-steps"
for name in $(cat "$work/two-steps"); do
	expect "$name: its letter document is valid (xsd/letter.xsd)" \
		xmllint --noout --schema "$top/xsd/letter.xsd" "$work/$name.letter.xml"
	expect "$name: the letter document renders to the golden XHTML" \
		cmp "$top/tests/golden/letters/$name.html" "$work/$name.two.html"
	expect "$name: the letter document renders to the golden text" \
		cmp "$top/tests/golden/letters/$name.txt" "$work/$name.two.txt"
	expect "$name: xsltproc renders the letter document to the same text" \
		sh -c 'xsltproc --nonet --maxdepth 1000 "$1" "$2" | cmp "$3" -' - \
		"$top/xslt/letter-text.xsl" "$work/$name.letter.xml" "$top/tests/golden/letters/$name.txt"
done

# The made-up letter: a letterhead, fields, paragraphs, lists, a table in
# columns and signature lines (several, as no letter has) of random pieces
# (a fixed seed), some paragraphs over 1500 characters.
awk 'BEGIN {
	srand(19)
	n = split("工 程 师 评价能力 ， 。 、 ； ： ！ ？ ） 》 」 』 】 〕 ” ’ … — , . ; : ! ? ) ] } % \047 " \
		  "（ 《 「 『 【 〔 “ ‘ ( [ { a bc Engineering 12345 ABC-123/45 &amp; &lt; " \
		  "e&#x301; &#x200B; &#xFEFF; é xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx " \
		  "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", piece, " ")
	piece[++n] = " "; piece[++n] = "  "; piece[++n] = "\t"
	print "<l:letter xmlns:l=\"urn:ecap:letter:1\"><l:letterhead><l:society>"
	for (j = int(rand() * 12); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
	printf "</l:society><l:society-en>"
	for (j = int(rand() * 12); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
	print "</l:society-en></l:letterhead><l:title>评价结果通知（未通过）</l:title>"
	print "<l:reference label=\"通知编号\">A2026-000140-02</l:reference><l:fields>"
	for (i = 0; i < 40; i++) {
		printf "<l:field label=\"%s\">", i % 3 ? "标签" : "一个很长很长很长很长很长很长很长很长很长很长很长很长很长的标签"
		for (j = int(rand() * 40); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		print "</l:field>"
	}
	print "</l:fields><l:body>"
	for (i = 0; i < 120; i++) {
		printf "<l:paragraph>"
		for (j = int(rand() * (i % 20 ? 300 : 1400)); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		print "</l:paragraph>"
	}
	print "<l:list numbered=\"yes\">"
	for (i = 0; i < 30; i++) {
		printf "<l:item><l:heading>"
		for (j = int(rand() * 30); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		printf "</l:heading><l:detail>"
		for (j = int(rand() * 120); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		print "</l:detail></l:item>"
	}
	print "</l:list><l:table><l:columns><l:column width=\"24\">评价内容</l:column>"
	print "<l:column width=\"6\" align=\"right\">得分</l:column><l:column>说明</l:column></l:columns>"
	for (i = 0; i < 12; i++) {
		printf "<l:row%s><l:cell>", i == 11 ? " rule=\"above\"" : ""
		for (j = int(rand() * 10); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		printf "</l:cell><l:cell plain=\"%d\">—</l:cell><l:cell>", i * 7
		for (j = int(rand() * 6); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		print "</l:cell></l:row>"
	}
	print "</l:table></l:body><l:signature>"
	for (i = 0; i < 6; i++) {
		printf "<l:name>"
		for (j = int(rand() * 8); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		printf "</l:name><l:signatory>"
		for (j = int(rand() * 8); j > 0; j--) printf "%s", piece[int(rand() * n) + 1]
		printf "</l:signatory><l:date>2026年12月%d日</l:date>", i + 1
	}
	print "</l:signature></l:letter>"
}' >"$work/fill.letter.xml"
expect "the made-up letter is a letter document" xmllint --noout "$work/fill.letter.xml"
expect "ecap renders its text" \
	sh -c '"$1" render letter-text.xsl "$2" >"$3"' - "$ecap" "$work/fill.letter.xml" "$work/fill.ecap.txt"
expect "xsltproc renders its text" \
	sh -c 'xsltproc --nonet --maxdepth 1000 "$1" "$2" >"$3"' - \
	"$top/xslt/letter-text.xsl" "$work/fill.letter.xml" "$work/fill.xsltproc.txt"
expect "ecap and xsltproc fill its lines alike" cmp "$work/fill.xsltproc.txt" "$work/fill.ecap.txt"
expect "and it was filled over many lines" \
	test "$(wc -l <"$work/fill.ecap.txt")" -gt 1500

# Dates: ecap writes them in C (t:chinese-date, pipeline/render/notice.c),
# xsltproc with notice-lookups.xsl's chinese-date template: the letter
# documents must be the same for dates as they come and for anything a
# dossier might hold instead (a time after the day, white space, a short or
# full-width or signed or decimal or exponent number, other separators,
# letters, a non-ASCII character at the end).
d=0
while IFS='|' read -r date shown; do
	d=$((d + 1))
	sed -e "s|submitted=\"[^\"]*\"|submitted=\"$date\"|" \
	    -e "s|received=\"[^\"]*\"|received=\"$date\"|" \
	    -e "s|kind=\"acknowledgment\" date=\"[^\"]*\"|kind=\"acknowledgment\" date=\"$date\"|" \
		"$top/tests/data/dossiers/acknowledgment.xml" >"$work/date-$d.xml"
	"$ecap" render letter-acknowledgment.xsl --seq 1 "$work/date-$d.xml" >"$work/date-$d.ecap.xml" 2>&1
	xsltproc --nonet --maxdepth 1000 --stringparam seq 1 "$top/xslt/letter-acknowledgment.xsl" \
		"$work/date-$d.xml" >"$work/date-$d.xsltproc.xml" 2>&1
	expect "date '$date': ecap and xsltproc give the same letter document" \
		cmp "$work/date-$d.xsltproc.xml" "$work/date-$d.ecap.xml"
	expect_equal "date '$date': the letter's date" \
		"$(xmllint --xpath 'string(//*[local-name() = "date"])' "$work/date-$d.ecap.xml")" "$shown"
done <<'DATES'
2026-11-20|2026年11月20日
2026-11-20T10:00:00+08:00|2026年11月20日
 2026-11-20  words|2026年11月20日
0026-01-09|26年1月9日
9999-99-99|9999年99月99日
2026-1 -20|2026年1月20日
2026-.5-01|2026年0.5月1日
-202-11-20|-202年11月20日
1e3 -01-02|1000年1月2日
2026--1-20|2026年-1月20日
2026-1-20x|2026-1-20x
2026-11-2|2026-11-2
2026 -1 - 2|2026 -1 - 2
２０２６-11-20|２０２６-11-20
+026-11-20|+026-11-20
2026/11/20|2026/11/20
abcd-ef-gh|abcd-ef-gh
2026-11-2é|2026-11-2é
DATES

# ecap's renderer offers t:fill to its stylesheets (else the comparison
# above would compare the XSLT with itself): a stylesheet beside the
# others asks.
expect_equal "ecap offers t:fill, t:columns and t:chinese-date to its stylesheets" \
	"$(render_probe "$work/fill.letter.xml" "concat(function-available('t:fill'), ':', \
		t:fill(' a  b ', '*', '', 72), function-available('t:columns'), ':', t:columns('工a'), \
		function-available('t:chinese-date'), ':', t:chinese-date(' 2026-01-09 '))")" "true:*a b
true:3true:2026年1月9日"
expect_equal "no letter without a golden file" \
	"$(ls "$work/letters" | wc -l | tr -d ' ')" "$(ls "$top/tests/golden/letters" | wc -l | tr -d ' ')"
done_testing
