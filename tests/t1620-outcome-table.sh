#!/bin/sh
# t1600-outcome-table.sh - one source for what an outcome means
# (stages/outcomes.c, issue 15): the heading of a quarantined input's
# reason file is the heading the letters give its code (notice-lookups.xsl's
# reason-heading), not a second wording kept in C; the filters append the
# notice the batch would, chosen by the same table, so that a filtered
# dossier renders (`ecap validate pkg.zip | ecap render notice-returned.xsl`).
. "$(dirname "$0")/lib.sh"

new_state

# ---- quarantine headings come from the stylesheets ----
heading_of() {
	cat >"$work/heading.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="$top/xslt/notice-lookups.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:call-template name="reason-heading"><xsl:with-param name="code" select="'$1'"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
XSL
	echo '<x/>' | xsltproc "$work/heading.xsl" -
}

printf 'not an archive' >"$work/junk.zip"
make_package good.zip --id A2026-000001 >/dev/null
cp "$work/good.zip" "$work/again.zip"
drop junk.zip good.zip
run_ecap run "$state" --date 2026-11-24
drop again.zip
run_ecap run "$state" --date 2026-11-25
reason_text() {
	for file in "$state"/quarantine/*"$1".reason.xml; do
		xmllint --xpath 'string(/*)' "$file"
	done
}
unreadable=$(heading_of archive-unreadable)
duplicate=$(heading_of duplicate-package)
expect "the letters have a heading for archive-unreadable" test -n "$unreadable"
case $(reason_text junk.zip) in
"$unreadable："*) expect "an unreadable archive's reason file is headed as the letters head it" true ;;
*) expect_equal "an unreadable archive's reason file is headed as the letters head it" \
	"$(reason_text junk.zip)" "$unreadable：..." ;;
esac
case $(reason_text again.zip) in
"$duplicate："*) expect "a duplicate package's reason file too" true ;;
*) expect_equal "a duplicate package's reason file too" "$(reason_text again.zip)" "$duplicate：..." ;;
esac
"$ecap" status "$state" >"$work/status.txt"
expect "status shows the same heading" grep -q "$unreadable：" "$work/status.txt"
expect "no Chinese quarantine heading is left in the C sources" \
	sh -c "! grep -n '无法读取的材料包\|重复提交的材料包' '$top'/pipeline/*/*.c '$top'/stages/*.c '$top'/lib/*.c"

# ---- the filters append the notice the batch would ----
echo "short.zip --id A2026-000002 --defect statement-short" | build_packages
"$ecap" validate --state "$state" --date 2026-11-26 "$work/short.zip" >"$work/filtered.xml" 2>"$work/filter.err"
expect "validate writes the dossier of a returned package" \
	grep -q 'outcome="returned"' "$work/filtered.xml"
expect "and the notice the outcome table gives a return" \
	grep -q '<notice seq="1" kind="returned"' "$work/filtered.xml"
"$ecap" validate --state "$state" --date 2026-11-26 "$work/short.zip" |
	"$ecap" render --policy "$state/policy.xml" notice-returned-text.xsl >"$work/piped.txt" 2>"$work/piped.err"
expect "ecap validate pkg.zip | ecap render notice-returned-text.xsl writes the letter" \
	grep -q '退回补正通知' "$work/piped.txt"
"$ecap" validate --state "$state" --date 2026-11-26 "$work/short.zip" |
	"$ecap" render --policy "$state/policy.xml" notice-returned.xsl >"$work/piped.html" 2>>"$work/piped.err"
expect "and its XHTML twin" grep -q '退回补正通知' "$work/piped.html"
drop short.zip
run_ecap run "$state" --date 2026-11-26
expect_equal "the filtered letter rendered with the state's policy is the one the run sends" \
	"$(cmp "$work/piped.txt" "$state/out/notices/A2026-000002/01-returned.txt" && echo same)" same
make_package fine.zip --id A2026-000003 >/dev/null
"$ecap" validate --date 2026-11-24 "$work/fine.zip" >"$work/fine.xml"
expect "an accepted package gets the acknowledgment notice (R9)" \
	grep -q '<notice seq="1" kind="acknowledgment"' "$work/fine.xml"
expect "which renders as the acknowledgment" \
	sh -c '"$1" render notice-acknowledgment-text.xsl "$2" | grep -q 受理通知' - "$ecap" "$work/fine.xml"
"$ecap" validate --date 2026-11-24 "$work/junk.zip" >/dev/null 2>"$work/junk.err"
expect "a package the batch would quarantine is refused with its code" \
	grep -q 'archive-unreadable' "$work/junk.err"

done_testing
