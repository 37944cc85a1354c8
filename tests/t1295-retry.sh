#!/bin/sh
# t1295-retry.sh - `ecap retry DIR INPUT` (R12): a package quarantined under
# a limit that was too strict goes back to the dropbox after the policy is
# corrected, and the next run takes it as the same input (its SHA-256 no
# longer marked seen): the application is made, its submission notes the
# earlier quarantine, the reason file is kept in quarantine/history/ and the
# next audit archive holds it; the chain verifies. A junk file retried is
# quarantined again for what it is, not as a duplicate. The hostile cases:
# a name not in quarantine (exit 66, one line), an input taken (66), a name
# quarantined twice (64, both named; the quarantined name picks one), a file
# of the same name already in the dropbox (73), a run holding the lock (75).
. "$(dirname "$0")/lib.sh"

P=A2026-129501
new_state
expect "the package is built" build_packages <<EOF
p.zip --id $P --seed 9951 --level apprentice --submitted 2026-10-26T09:00:00+08:00 --evidence-kb 64
EOF
cp "$state/policy.xml" "$work/policy-good.xml"
sed -i 's/maxArchiveBytes="[0-9]*"/maxArchiveBytes="20000"/; s/maxXmlBytes="[0-9]*"/maxXmlBytes="200"/' \
	"$state/policy.xml"
expect "the limits are lowered" \
	sh -c 'grep -q "maxArchiveBytes=\"20000\"" "$1" && grep -q "maxXmlBytes=\"200\"" "$1"' - "$state/policy.xml"
printf 'junk one' >"$work/junk.zip"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<withdrawal xmlns="urn:ecap:1" application="%s" date="2026-11-02" reference="CSEE-WD-2026-901">' $P
	printf '申请人来函称因工作调动，申请撤回本次申请，并说明了调动的经过和原因，请学会予以办理。</withdrawal>\n'
} >"$work/wd.xml"
expect "the record is over the lowered XML limit" test "$(wc -c <"$work/wd.xml")" -gt 200
drop p.zip junk.zip wd.xml
expect "run 1 completes" run_ecap run "$state" --date 2026-11-02
expect_equal "p.zip quarantined as archive-too-large" "$(quarantine_code_of p.zip)" archive-too-large
expect_equal "wd.xml quarantined as xml-malformed" "$(quarantine_code_of wd.xml)" xml-malformed
quarantined=$(ls "$state/quarantine" | grep -- '-p\.zip$')
junk=$(sha256sum "$work/junk.zip" | cut -c1-64)
junk_seen="$state/store/seen/$(echo $junk | cut -c1-2)/$junk"
expect "junk one's SHA-256 is marked seen" test -e "$junk_seen"

# a second junk.zip, other bytes, the next day
printf 'junk two' >"$work/junk.zip"
drop junk.zip
expect "run 2 completes" run_ecap run "$state" --date 2026-11-03
expect_equal "two junk.zip in quarantine" "$(ls "$state/quarantine" | grep -c -- '-junk\.zip$')" 2

# ---- the hostile cases ----
run_ecap retry "$state" dropbox/nothing.zip
expect_equal "retry of a name not in quarantine: exit 66" "$?" 66
expect_equal "... one line on stderr" "$(wc -l <"$work/ecap.err" | tr -d ' ')" 1
expect "... saying it is not in quarantine" grep -q "nothing.zip is not in quarantine" "$work/ecap.err"
run_ecap retry "$state" ../policy.xml
expect_equal "retry of a path outside quarantine: exit 66" "$?" 66
run_ecap retry "$state" dropbox/junk.zip
expect_equal "retry of a name quarantined twice: exit 64" "$?" 64
expect "... naming the quarantined files" grep -q "quarantine/.*-junk.zip, quarantine/.*-junk.zip" "$work/ecap.err"
run_ecap retry "$state"
expect_equal "retry without INPUT: usage, exit 64" "$?" 64
expect "retry while a run holds the lock: exit 75" \
	sh -c 'flock "$1/lock" "$2" retry "$1" dropbox/p.zip 2>/dev/null; test $? -eq 75' - "$state" "$ecap"
printf 'someone else' >"$state/dropbox/p.zip"
run_ecap retry "$state" dropbox/p.zip
expect_equal "retry onto a dropbox name in use: exit 73" "$?" 73
expect_equal "... the file in the dropbox untouched" "$(cat "$state/dropbox/p.zip")" "someone else"
rm "$state/dropbox/p.zip"
expect "nothing moved by the refused retries" test -e "$state/quarantine/$quarantined"

# ---- the retry ----
cp "$work/policy-good.xml" "$state/policy.xml"
run_ecap retry "$state" dropbox/p.zip
expect_equal "retry dropbox/p.zip: exit 0" "$?" 0
expect "p.zip is back in the dropbox, the same bytes" cmp -s "$work/p.zip" "$state/dropbox/p.zip"
expect "it left quarantine" test ! -e "$state/quarantine/$quarantined"
expect "its reason file is kept in quarantine/history/" \
	grep -q 'retried="' "$state/quarantine/history/$quarantined.reason.xml"
expect "status no longer lists it as quarantined" \
	test -z "$(quarantine_code_of p.zip)"
run_ecap retry "$state" dropbox/p.zip
expect_equal "a second retry: not in quarantine any more, exit 66" "$?" 66
first_junk=$(ls "$state/quarantine" | grep -- '-junk\.zip$' | head -1)
run_ecap retry "$state" "quarantine/$first_junk"
expect_equal "retry by the quarantined name picks that one: exit 0" "$?" 0
expect_equal "junk one is back" "$(cat "$state/dropbox/junk.zip")" "junk one"
run_ecap retry "$state" wd.xml
expect_equal "retry wd.xml (a record): exit 0" "$?" 0
wd=$(sha256sum "$work/wd.xml" | cut -c1-64)
expect "a record leaves no marker for a submission" \
	test ! -e "$state/store/retried/$(echo $wd | cut -c1-2)/$wd"
expect "its SHA-256 is no longer marked seen" test ! -e "$junk_seen"

expect "run 3 completes" run_ecap run "$state" --date 2026-11-04
expect_equal "the dropbox is empty" "$(dropbox_count)" 0
expect_equal "p.zip became the application, in review" "$(state_of $P)" in-review
expect_equal "wd.xml was taken as a record this time (records before packages: no application yet)" \
	"$(xpath "string(//*[local-name()='record'][@input='dropbox/wd.xml']/@code)")" \
	record-unknown-application
expect_equal "its submission notes the earlier quarantine" \
	"$(xmllint --xpath "string(//*[local-name()='submission']/*[local-name()='quarantined']/@code)" "$state/store/dossiers/$P.xml")" \
	archive-too-large
expect "... naming the kept reason file" \
	grep -q "reason=\"quarantine/history/$quarantined.reason.xml\"" "$state/store/dossiers/$P.xml"
expect "the dossier validates" \
	xmllint --noout --nonet --schema "$top/xsd/dossier.xsd" "$state/store/dossiers/$P.xml"
digest=$(sha256sum "$work/p.zip" | cut -c1-64)
expect "the marker of p.zip's retry was there" test -d "$state/store/retried"
expect "and is gone" test ! -e "$state/store/retried/$(echo $digest | cut -c1-2)/$digest"
expect_equal "junk one is quarantined again for what it is, not as a duplicate" \
	"$(xpath "count(/*/*[local-name()='quarantined'][@input='dropbox/junk.zip'][@code='archive-unreadable'])")" 2
archive=$(ls "$state"/audit/*.tar.gz | tail -1)
expect "the next audit archive holds the kept reason file" \
	sh -c 'tar tzf "$1" | grep -q "data/quarantine/history/$2.reason.xml"' - "$archive" "$quarantined"
expect "the whole chain verifies" "$ecap" audit verify "$state"/audit/*.tar.gz

done_testing
