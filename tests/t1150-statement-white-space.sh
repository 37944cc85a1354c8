#!/bin/sh
# t1150-statement-white-space.sh - R2.2: the self-statement's length counts
# Unicode characters excluding white space, and white space is every Unicode
# White_Space character (no-break, figure, narrow no-break and ideographic
# spaces included), with invisible format characters (general category Cf:
# zero-width space and joiners, word joiner, BOM, soft hyphen) not counted
# either. A statement 5 characters short padded out with them is returned.
. "$(dirname "$0")/lib.sh"

# U+00A0 U+2007 U+202F U+3000 U+1680 U+2003 U+2028 U+0085, then U+200B U+200C
# U+200D U+2060 U+FEFF U+00AD, each twice
padding=$(printf '\302\240\342\200\207\342\200\257\343\200\200\341\232\200\342\200\203\342\200\250\302\205\342\200\213\342\200\214\342\200\215\342\201\240\357\273\277\302\255')
padding="$padding$padding"
# statement N: a self-statement of exactly N ideographs (no white space),
# the padding at its end
statement() {
	python3 -c 'import sys; text = "本人负责变电站电气设计与继电保护整定计算工作" * 200
print("<statement><section dimension=\"knowledge\">%s%s</section></statement>" % (text[:int(sys.argv[1])], sys.argv[2]))' "$1" "$padding"
}

new_state
expect "the packages are built" build_packages <<EOF2
padded.zip   --id A2026-115001 --seed 5101 --submitted 2026-11-02T09:00:00+08:00 --replace-re '<statement>.*</statement>' '$(statement 1995)'
enough.zip   --id A2026-115002 --seed 5102 --submitted 2026-11-02T09:10:00+08:00 --replace-re '<statement>.*</statement>' '$(statement 2000)'
EOF2
expect "the padding is in the form" sh -c "unzip -p '$work/padded.zip' application.xml | grep -q '$padding'"
drop padded.zip enough.zip
expect "the run completes" run_ecap run "$state" --date 2026-11-24

expect_equal "1995 characters padded with 28 invisible ones: returned" \
	"$(state_of A2026-115001)" returned
expect_equal "for the statement's length" "$(reasons_of A2026-115001)" statement-length
expect "the letter says 1995 字" grep -q '1995 字' "$state/out/notices/A2026-115001/01-returned.txt"
expect_equal "2000 characters with the same padding: accepted" "$(state_of A2026-115002)" in-review
expect_equal "no reason" "$(reasons_of A2026-115002)" ""

done_testing
