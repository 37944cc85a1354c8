#!/bin/sh
# t0230-golden-letters.sh - every letter kind, rendered by ecap from the test
# dossiers (tests/golden/letters.list), is byte-identical to its golden file
# in tests/golden/letters/: a change of wording or layout shows up here as a
# diff. After a reviewed change, `make golden` writes the new golden files.
# The batch renders a letter in two steps - the letter document
# (xslt/letter-KIND.xsl), then letter-xhtml.xsl and letter-text.xsl on it -
# so every letter is also made that way: its letter document is valid
# against xsd/letter.xsd and renders to the same golden bytes.
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
done
expect_equal "no letter without a golden file" \
	"$(ls "$work/letters" | wc -l | tr -d ' ')" "$(ls "$top/tests/golden/letters" | wc -l | tr -d ' ')"
done_testing
