#!/bin/sh
# t1270-upgrade-identities.sh - a state written by ecap before layout version
# 2 keeps the register and the bans under the ID number as it was written
# (store/identities/ named by its SHA-256, member files' identity): the first
# run of this version moves them to the normalised identity (pipeline/
# upgrade.c), so that a person banned under ...x stays banned when applying
# with ...X, a holder recorded under ...x is known as the holder, a passport
# holder is known with the nationality of the form, and a person who got a
# second registration number under the other spelling is one person again,
# with the first number. The old layout is written here as ecap 91c8f74
# left it (no store/version).
. "$(dirname "$0")/lib.sh"

H_X=44010619920821067x		# holder, CSEE-000001; also CSEE-000004 under ...X
B_X=11010119900307125x		# revoked for fraud, CSEE-000002
K_P=m12345678			# passport (KR), CSEE-000003
employer=华北电力设计院有限公司

sha() {
	printf '%s' "$1" | sha256sum | cut -c1-64
}

# old_member REGISTRATION NAME IDENTITY MASKED STATUS BANNED NOTICES APPLICATION
old_member() {
	cat >"$state/store/register/$1.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<member xmlns="urn:ecap:1" registration="$1" name="$2" identity="$3" idMasked="$4" field="electrical" fieldName="电气工程" banned="$6" notices="$7">
  <certificate serial="$1-1" level="apprentice" issued="2026-11-18" expires="2031-11-17" status="$5" application="$8"/>
</member>
EOF
	printf '%s' "$1" >"$state/store/expiries/2031-11-17_$1"
}

# old_identity IDENTITY REGISTRATION BANNED
old_identity() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<identity xmlns="urn:ecap:1" registration="%s" banned="%s"/>\n' \
		"$2" "$3" >"$state/store/identities/$(sha "$1").xml"
}

identity_file() {
	echo "$state/store/identities/$(sha "$1").xml"
}

member_value() {
	xmllint --xpath "string(/*/@$2)" "$state/store/register/$1.xml" 2>/dev/null
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

new_state
rm -f "$state/store/version"		# version 1: before store/version
umask 077
old_member CSEE-000001 刘洋 $H_X '440***********067x' valid false 0 A2026-127001
old_member CSEE-000002 赵敏 $B_X '110***********125x' revoked true 1 A2026-127002
old_member CSEE-000003 金敏浩 $K_P 'm12**5678' valid false 0 A2026-127003
old_member CSEE-000004 刘洋 44010619920821067X '440***********067X' valid false 0 A2026-127004
old_identity $H_X CSEE-000001 false
old_identity $B_X CSEE-000002 true
old_identity $K_P CSEE-000003 false
old_identity 44010619920821067X CSEE-000004 false
printf '4\n' >"$state/store/registration-sequence"
# the passport's nationality is in the form of the application certified
cat >"$state/store/dossiers/A2026-127003.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="urn:ecap:1" id="A2026-127003" state="certified" since="2026-11-18" idMasked="m12**5678" name="金敏浩"><application id="A2026-127003" kind="initial" submitted="2026-10-26T09:00:00+08:00"><applicant><name>金敏浩</name><nationality>KR</nationality><idDocument type="passport">$K_P</idDocument><birthDate>1996-10-25</birthDate></applicant></application></dossier>
EOF

expect "the packages are built" build_packages <<EOF
h.zip       --id A2026-127011 --seed 6711 --level apprentice --name 刘洋 --birth 1992-08-21 --id-number 44010619920821067X --employer $employer --submitted 2026-11-20T09:00:00+08:00
b.zip       --id A2026-127012 --seed 6712 --level apprentice --name 赵敏 --birth 1990-03-07 --id-number 11010119900307125X --employer $employer --submitted 2026-11-20T09:10:00+08:00
k.zip       --id A2026-127013 --seed 6713 --level apprentice --name 金敏浩 --id-type passport --id-number M12345678 --employer $employer --submitted 2026-11-20T09:20:00+08:00
k-japan.zip --id A2026-127014 --seed 6714 --level apprentice --name 田中一郎 --id-type passport --id-number M12345678 --employer $employer --submitted 2026-11-20T09:30:00+08:00 --replace-re '<nationality>[A-Z]*</nationality>' '<nationality>JP</nationality>'
EOF
drop h.zip b.zip k.zip k-japan.zip
expect "the first run on the old state completes" run_ecap run "$state" --date 2026-11-24
"$ecap" init "$work/fresh" >/dev/null
expect_equal "the state is at the layout version a new state has" \
	"$(cat "$state/store/version")" "$(cat "$work/fresh/store/version")"

# the register and the bans under the normalised identity
expect_equal "member files name the normalised identity" \
	"$(member_value CSEE-000001 identity) $(member_value CSEE-000002 identity) $(member_value CSEE-000003 identity) $(member_value CSEE-000004 identity)" \
	"44010619920821067X 11010119900307125X passport:KR:M12345678 44010619920821067X"
expect "no identity file is named by a number as written (x, lowercase passport)" \
	sh -c "test ! -e '$(identity_file $H_X)' -a ! -e '$(identity_file $B_X)' -a ! -e '$(identity_file $K_P)'"
expect "the ban is kept under ...X" grep -q 'banned="true"' "$(identity_file 11010119900307125X)"
expect_equal "the banned member still marked" "$(member_value CSEE-000002 banned)" true
expect "one person again: ...X gets the first registration number" \
	grep -q 'registration="CSEE-000001"' "$(identity_file 44010619920821067X)"
expect "the passport is known with its nationality" \
	grep -q 'registration="CSEE-000003"' "$(identity_file passport:KR:M12345678)"
expect_equal "the register still holds four members" \
	"$("$ecap" register "$state" --xml | xmllint --xpath "count(//*[local-name()='member'])" -)" 4

# and the rules honour them
expect_equal "banned under ...x, applying with ...X: rejected, banned" \
	"$(state_of A2026-127011) $(reasons_of A2026-127011)|$(state_of A2026-127012) $(reasons_of A2026-127012)" \
	"rejected already-registered|rejected banned"
expect "the holder recorded under ...x is told the first registration number" \
	grep -q CSEE-000001 "$state/out/notices/A2026-127011/01-rejected.txt"
expect_equal "the passport holder, M for m: already-registered" \
	"$(state_of A2026-127013) $(reasons_of A2026-127013)" "rejected already-registered"
expect_equal "the same passport number from another country is another person" \
	"$(state_of A2026-127014) $(reasons_of A2026-127014)" "in-review "
expect_equal "letters for the three rejections" \
	"$(letters A2026-127011 | wc -w) $(letters A2026-127012 | wc -w) $(letters A2026-127013 | wc -w)" \
	"3 3 3"

# a second run finds nothing to upgrade; the archives hold the upgrade
expect "a second run completes" run_ecap run "$state" --date 2026-11-25
expect_equal "still that version" "$(cat "$state/store/version")" "$(cat "$work/fresh/store/version")"
expect "the audit archives verify" "$ecap" audit verify "$state"/audit/*.tar.gz

done_testing
