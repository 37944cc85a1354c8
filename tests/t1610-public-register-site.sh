#!/bin/sh
# t1610-public-register-site.sh - the static public register site (R11,
# formats.md §6) in headless Chromium, from file:// and from a static web
# server: index.html?q= finds a certificate by its serial, its registration
# number and the holder's exact name, and nothing by a part of a name; the certificate's page shows its
# status and the date the data is as of; a suspension shows on both from
# the run that applied it; nothing about the person beyond R11's fields.
. "$(dirname "$0")/lib.sh"

command -v chromium >/dev/null 2>&1 || skip_all "chromium (Debian package chromium) is not installed"

# dom URL: the page's DOM after its scripts ran
dom() {
	headless_chromium 60 --virtual-time-budget=3000 --dump-dom "$1" 2>/dev/null
}

reviews() {
	for examiner in EX-008 EX-011; do
		{
			printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' \
				"$1" "$examiner" "$record_date"
			for dimension in knowledge ethics teamwork learning leadership; do
				printf '  <dimension code="%s" met="true">考官意见。</dimension>\n' "$dimension"
			done
			printf '  <recommendation>pass</recommendation>\n</reviewRecord>\n'
		} >"$work/$1-$examiner.xml"
		drop "$1-$examiner.xml"
	done
}

A=A2026-161001
employer=华北电力设计院有限公司
new_state
expect "ecap key new" run_ecap key new "$state"
expect "the package is built" build_packages <<EOF
a.zip --id $A --seed 6101 --level apprentice --name 张伟 --birth 1990-03-07 --id-number 110101199003071233 --employer $employer --submitted 2026-10-26T09:00:00+08:00
EOF
drop a.zip
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
record_date=2026-11-10
reviews $A
expect "the run of 2026-11-10 completes" run_ecap run "$state" --date 2026-11-10
expect "the run of 2026-11-18 (certified) completes" run_ecap run "$state" --date 2026-11-18

site="$state/out/public/register"
expect "the site is written" test -f "$site/index.html" -a -f "$site/data.js" -a -f "$site/CSEE-000001-1.html"
for query in CSEE-000001-1 CSEE-000001 张伟 csee-000001; do
	dom "file://$site/index.html?q=$query" >"$work/dom"
	expect "index.html?q=$query finds the certificate" \
		sh -c "grep -q 'CSEE-000001-1.html' '$work/dom' && grep -q '有效 Valid' '$work/dom'"
done
dom "file://$site/index.html?q=张" >"$work/dom"
expect "a part of a name finds nothing" sh -c "! grep -q 'CSEE-000001-1.html' '$work/dom'"
dom "file://$site/index.html?q=CSEE-000001-1%3Fcode%3D0000-0000-0000" >"$work/dom"
expect "a QR code's address (SERIAL?code=...) finds the certificate" grep -q 'CSEE-000001-1.html' "$work/dom"
dom "file://$site/CSEE-000001-1.html" >"$work/dom"
expect "the certificate's page shows it valid" grep -q 'status-valid' "$work/dom"
expect "as of the run's date" grep -q 'id="as-of">2026-11-18' "$work/dom"
expect "the site names the key and its fingerprint" \
	grep -q "$(xmllint --xpath 'string(//*[local-name()="key"]/@fingerprint)' "$state/out/public/keys/index.xml")" "$site/index.html"

record_date=2026-11-20
printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="urn:ecap:1" registration="CSEE-000001" action="suspend" date="2026-11-20" reference="CSEE-DISC-2026-001">经学会核查决定。</statusAction>\n' >"$work/suspend.xml"
drop suspend.xml
expect "the run of 2026-11-23 (suspension) completes" run_ecap run "$state" --date 2026-11-23
dom "file://$site/index.html?q=CSEE-000001" >"$work/dom"
expect "the search shows the suspension after the run that applied it" grep -q '暂停 Suspended' "$work/dom"
dom "file://$site/CSEE-000001-1.html" >"$work/dom"
expect "and so does the certificate's page" grep -q 'status-suspended' "$work/dom"
expect "as of 2026-11-23" grep -q 'id="as-of">2026-11-23' "$work/dom"

# the same from a static web server (python3's), no server code
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$state/out/public" \
	>"$work/http.log" 2>&1 &
server=$!
for attempt in 1 2 3 4 5 6 7 8 9 10; do
	python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/register/index.html')" \
		2>/dev/null && break
	sleep 0.3
done
dom "http://127.0.0.1:$port/register/index.html?q=%E5%BC%A0%E4%BC%9F" >"$work/dom"
expect "from a static web server, index.html?q=张伟 finds it, suspended" \
	sh -c "grep -q 'CSEE-000001-1.html' '$work/dom' && grep -q '暂停 Suspended' '$work/dom'"
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null

expect "no ID number, birth date or employer on the site or in the register" sh -c \
	"! grep -rqE '110101199003071233|1990-03-07|$employer' '$site' '$state/out/public/register.xml'"
done_testing
