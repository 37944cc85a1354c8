#!/bin/sh
# t1242-reminder.sh - the reminder before a certificate's expiry (再注册提醒,
# process.md R9): with reminderMonths 6, a valid certificate gets one letter
# from its expiry less six months on (not the day before), none at later
# runs, and none when it is revoked, suspended or already expired. The
# certificates are written into the store as a state from before reminders
# left them (pipeline/store/register.h, no store/reminders/): such a state
# neither fails nor sends more than one reminder per certificate.
. "$(dirname "$0")/lib.sh"

# seed REGISTRATION EXPIRES STATUS: a member with one professional
# certificate and its expiry marker, as a run would have left them.
seed() {
	cat >"$state/store/register/$1.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<member xmlns="urn:ecap:1" registration="$1" name="王$1" identity="11010519800101000$2" idMasked="110***********0000" field="electrical" fieldName="电气工程" banned="false" notices="0">
  <certificate serial="$1-1" level="professional" issued="2022-07-01" expires="$2" status="$3" application="A2022-${1#CSEE-}"/>
</member>
EOF
	printf '%s' "$1" >"$state/store/expiries/${2}_$1"
}

# expect_match DESCRIPTION TEXT PATTERN: TEXT holds the fixed string PATTERN
expect_match() {
	expect "$1" sh -c 'printf "%s" "$1" | grep -qF -- "$2"' - "$2" "$3"
}

letters() {
	ls "$state/out/notices/$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

new_state
seed CSEE-000201 2027-06-30 valid	# reminder from 2026-12-30
seed CSEE-000202 2027-03-01 revoked
seed CSEE-000203 2027-03-01 suspended
seed CSEE-000204 2026-12-01 valid	# expired before the first run
seed CSEE-000205 2028-06-30 valid	# far from its expiry
printf '205\n' >"$state/store/registration-sequence"

expect "the run of 2026-12-29 completes" run_ecap run "$state" --date 2026-12-29
expect_equal "the day before the window: no reminder" "$(letters CSEE-000201)" ""
expect_equal "an expired certificate: its expiry letter, no reminder" \
	"$(letters CSEE-000204)" "01-status.html 01-status.pdf 01-status.txt"
expect_equal "no reminder marker yet" "$(ls "$state/store/reminders" 2>/dev/null)" ""

expect "the run of 2026-12-30 completes" run_ecap run "$state" --date 2026-12-30
expect_equal "the first day of the window: one reminder" "$(letters CSEE-000201)" \
	"01-reminder.html 01-reminder.pdf 01-reminder.txt"
expect_equal "its marker" "$(ls "$state/store/reminders")" "2027-06-30_CSEE-000201"
expect_equal "the member's letters counted" \
	"$(xmllint --xpath 'string(/*/@notices)' "$state/store/register/CSEE-000201.xml")" 1
text="$state/out/notices/CSEE-000201/01-reminder.txt"
expect_match "the letter names the certificate" "$(cat "$text")" "CSEE-000201-1"
expect_match "its expiry" "$(cat "$text")" "2027年6月30日"
expect_match "the renewal window (renewFromMonths 6, renewUntilMonths 6)" "$(cat "$text")" \
	"2026年12月30日至2027年12月30日"
expect_match "the CPD hours a year (R8)" "$(cat "$text")" "不少于50学时"
expect_match "the level" "$(cat "$text")" "专业工程会员"
expect "the PDF is a PDF" sh -c "head -c 5 '$state/out/notices/CSEE-000201/01-reminder.pdf' | grep -q '%PDF-'"
expect "the holder without an application on file: the message is set aside" \
	sh -c "ls '$state'/out/mail/CSEE-000201/ | grep -q '^01-reminder'"
expect_match "the run log tells" "$(cat "$state"/out/reports/*.log)" "register CSEE-000201: reminder before expiry"

expect "the run of 2027-01-05 completes" run_ecap run "$state" --date 2027-01-05
expect "a later run: none more" test "$(letters CSEE-000201)" = \
	"01-reminder.html 01-reminder.pdf 01-reminder.txt"
expect_equal "revoked and suspended certificates: none" \
	"$(letters CSEE-000202)$(letters CSEE-000203)" ""
expect_equal "far from expiry: none" "$(letters CSEE-000205)" ""
expect_equal "the certificates' statuses are untouched" \
	"$(for r in 201 202 203 205; do xmllint --xpath 'string(//*[local-name()="certificate"]/@status)' "$state/store/register/CSEE-000$r.xml"; done | tr "\n" " ")" \
	"valid revoked suspended valid "

# the reminded certificate expires: its status letter follows as 02
expect "the run of 2027-07-01 completes" run_ecap run "$state" --date 2027-07-01
expect_equal "then its expiry letter, numbered after the reminder" "$(letters CSEE-000201)" \
	"01-reminder.html 01-reminder.pdf 01-reminder.txt 02-status.html 02-status.pdf 02-status.txt"

done_testing
