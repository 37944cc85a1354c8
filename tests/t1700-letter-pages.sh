#!/bin/sh
# t1700-letter-pages.sh - the common letters on one A4 page (issue 16): each
# kind, made from the test dossiers with the sample policy as a run makes it
# (`ecap render letter-KIND.xsl`), is one page as ecap's PDF
# (`ecap render --pdf`, pipeline/render/pdf_letter.c) and one page printed by
# the browser (headless Chromium on the XHTML letter, letter-css.xsl's print
# CSS), with and without the society's seal. A letter with many reasons and
# a long technical appendix (技术说明) runs on, but its signature stays with
# the closing words and the pages are numbered "第 N 页 共 M 页".
. "$(dirname "$0")/lib.sh"

command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 ||
	skip_all "pdfinfo and pdftotext (Debian package poppler-utils) are not installed"
chromium=yes
command -v chromium >/dev/null 2>&1 || chromium=

# pages PDF: its page count
pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# print HTML PDF: the page printed by Chromium as a user would (headers and
# footers as the browser sets them)
print() {
	headless_chromium 90 --print-to-pdf="$2" "$1" >/dev/null 2>&1
}

# letter NAME KIND DOSSIER SEQ [SEAL]: NAME.letter.xml, NAME.pdf and NAME.html
# in $work, from DOSSIER (relative to tests/data, or a path)
letter() {
	input=$3
	[ -f "$input" ] || input="$top/tests/data/$3"
	set -- "$1" "$2" "$input" "$4" ${5:+--param seal-src "$5"}
	name=$1 kind=$2 input=$3 seq=$4
	shift 4
	"$ecap" render "letter-$kind.xsl" --seq "$seq" --policy "$top/samples/policy.xml" "$@" \
		"$input" >"$work/$name.letter.xml" &&
	"$ecap" render "letter-$kind.xsl" --pdf --seq "$seq" --policy "$top/samples/policy.xml" \
		"$@" "$input" >"$work/$name.pdf" &&
	"$ecap" render letter-xhtml.xsl "$work/$name.letter.xml" >"$work/$name.html"
}

# one_page NAME KIND DOSSIER SEQ [SEAL]
one_page() {
	expect "$1: the letter renders" letter "$@"
	expect_equal "$1 ($2): its PDF is one A4 page" "$(pages "$work/$1.pdf")" 1
	if [ -n "$chromium" ]; then
		print "$work/$1.html" "$work/$1.print.pdf"
		expect_equal "$1 ($2): printed by Chromium, one A4 page" \
			"$(pages "$work/$1.print.pdf")" 1
	else
		skip "$1 ($2): printed by Chromium, one A4 page" "chromium is not installed"
	fi
}

# A returned letter with one plain reason and one for the appendix (a schema
# message), from the test dossier of six reasons.
sed -e '/code="evidence-missing"/d' -e '/code="evidence-identity"/d' \
	-e '/code="commitment-unsigned"/d' -e '/code="projects-count"/d' \
	"$top/tests/data/dossiers/returned.xml" >"$work/returned-two.xml"
# A letter with very many reasons and a long appendix: the six, and six
# more schema messages and missing evidence files.
awk '/code="schema"/ {
	for (i = 1; i <= 6; i++) {
		line = $0
		sub(/period/, "period" i, line)
		print line
		printf "    <reason code=\"evidence-missing\">申请表列出的佐证材料 evidence/extra-%d.pdf（ev-%d）不在材料包中。</reason>\n", i, i + 10
	}
} { print }' "$top/tests/data/dossiers/returned.xml" >"$work/returned-many.xml"

seal="data:image/svg+xml;base64,$(base64 -w0 <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <circle cx="50" cy="50" r="46" fill="none" stroke="#c00" stroke-width="4"/>
  <text x="50" y="56" text-anchor="middle" font-size="12" fill="#c00">学会印章</text>
</svg>
EOF
)"

one_page acknowledgment acknowledgment dossiers/acknowledgment.xml 1
one_page returned returned "$work/returned-two.xml" 1
one_page returned-unreadable returned dossiers/minimal-unreadable.xml 1
one_page rejected rejected dossiers/rejected.xml 1
one_page rejected-banned rejected dossiers/rejected-banned.xml 1
one_page supplement supplement dossiers/supplement.xml 1
one_page interview interview dossiers/interview.xml 1
one_page failed-review failed dossiers/failed-review.xml 2
one_page failed-interview failed dossiers/failed-interview.xml 2
one_page certified certified dossiers/certified.xml 2
one_page reregistered certified dossiers/reregistered.xml 1
one_page withdrawn withdrawn dossiers/withdrawn.xml 1
one_page reconsideration reconsideration dossiers/reconsideration-confirmed.xml 2
one_page reminder reminder documents/register-change-reminder.xml 2
one_page expired expired dossiers/expired.xml 2
one_page status-revoke status documents/register-change-revoke.xml 1
# the seal reaches no further down than the signature: a letter that ends at
# the foot of its page prints no blank second one
one_page reregistered-sealed certified dossiers/reregistered.xml 1 "$seal"
one_page failed-interview-sealed failed dossiers/failed-interview.xml 2 "$seal"

# signed_with_text NAME PDF: the page with the signatory has the closing
# words too (the contact paragraph, 此致, 敬礼), and every page of the PDF
# with a footer says "第 N 页 共 M 页"
signed_with_text() {
	count=$(pages "$2")
	page=1
	while [ "$page" -le "$count" ]; do
		pdftotext -f "$page" -l "$page" "$2" - >"$work/$1.page.txt"
		if grep -q '秘书长 王秀兰' "$work/$1.page.txt"; then
			grep -q '如对本通知有疑问' "$work/$1.page.txt" &&
			grep -q '此致' "$work/$1.page.txt" &&
			grep -q '敬礼' "$work/$1.page.txt" || return 1
			found=yes
		fi
		tr -d ' ' <"$work/$1.page.txt" | grep -q "第${page}页共${count}页" || return 1
		page=$((page + 1))
	done
	[ "$found" = yes ]
}

expect "a letter of many reasons renders" letter returned-many returned "$work/returned-many.xml" 1
expect "the letter of many reasons runs on to a second page (PDF)" \
	test "$(pages "$work/returned-many.pdf")" -ge 2
found=
expect "its PDF: the signature on the page of the closing words, the pages numbered" \
	signed_with_text returned-many "$work/returned-many.pdf"
if [ -n "$chromium" ]; then
	print "$work/returned-many.html" "$work/returned-many.print.pdf"
	expect "the letter of many reasons runs on to a second page (printed)" \
		test "$(pages "$work/returned-many.print.pdf")" -ge 2
	found=
	expect "printed: the signature on the page of the closing words, the pages numbered" \
		signed_with_text returned-many "$work/returned-many.print.pdf"
else
	skip "printed: the signature on the page of the closing words" "chromium is not installed"
fi
# --pdf typesets a letter document only: a stylesheet that makes anything
# else is refused, with a clear message and no PDF
"$ecap" render notice-returned.xsl --pdf "$top/tests/data/dossiers/returned.xml" \
	>"$work/not-a-letter.pdf" 2>"$work/not-a-letter.err"
expect_equal "ecap render --pdf of a stylesheet that makes no letter document exits 65" "$?" 65
expect "it says so" grep -q "not a letter document" "$work/not-a-letter.err"
expect "and writes nothing" test ! -s "$work/not-a-letter.pdf"

done_testing
