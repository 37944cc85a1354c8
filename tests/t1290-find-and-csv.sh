#!/bin/sh
# t1290-find-and-csv.sh - `ecap find` (operations.md) and the CSV of
# `status --csv`, `register --csv` and `find --csv` (formats.md §6): find by
# application id, registration number, serial, membership number, name
# (exact and a prefix) and the last four characters of the ID number, each
# hit with its state, latest letter and certificate; find reads without the
# lock. Every CSV is parsed back with python3's csv module: a byte order
# mark, a header row in Chinese and English, CRLF row ends, a field with a
# comma and a quote (a quarantined input's name, whose line break status
# shows escaped; test-csv quotes a real one) intact, a
# formula-like name (=1+1) neutralised with a single quote, and no full ID
# number anywhere.
. "$(dirname "$0")/lib.sh"

J=A2026-129001	# 陈静, certified
E=A2026-129002	# named =1+1, in review
employer=华北电力设计院有限公司

review_record() {	# review_record NAME APPLICATION EXAMINER
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="2026-11-03">\n' "$2" "$3"
		for dimension in knowledge ethics teamwork learning leadership; do
			printf '  <dimension code="%s" met="true">材料充分。</dimension>\n' "$dimension"
		done
		printf '  <recommendation>pass</recommendation>\n</reviewRecord>\n'
	} >"$work/$1"
}

# csv_rows FILE: python3 reads FILE as CSV and prints one line per row, the
# fields separated by " | " with line breaks shown as \n; fails unless the
# file begins with a BOM and every row ends with CRLF
csv_rows() {
	python3 - "$1" <<'EOF'
import csv, io, sys
data = open(sys.argv[1], "rb").read()
if not data.startswith(b"\xef\xbb\xbf"):
	sys.exit("no byte order mark")
text = data[3:].decode("utf-8")
if text and not text.endswith("\r\n"):
	sys.exit("the last row does not end with CRLF")
stripped = text.replace('""', "")
# outside quoted fields every line break is CRLF
inside = False
for i, c in enumerate(stripped):
	if c == '"':
		inside = not inside
	elif c == "\n" and not inside and (i == 0 or stripped[i - 1] != "\r"):
		sys.exit("a bare LF ends a row")
rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
width = len(rows[0])
for row in rows:
	if len(row) != width:
		sys.exit("row of %d fields, header of %d: %r" % (len(row), width, row))
	print(" | ".join(field.replace("\n", "\\n") for field in row))
EOF
}

new_state
expect "the packages are built" build_packages <<EOF
j.zip --id $J --seed 9901 --level apprentice --employer $employer --name 陈静 --romanized "chen jing" --submitted 2026-10-26T09:00:00+08:00 --member M-2016-424242
e.zip --id $E --seed 9902 --level apprentice --employer $employer --name =1+1 --romanized "one plus one" --submitted 2026-10-26T10:00:00+08:00
EOF
hostile=$(printf 'a,"b"\nc.zip')
printf 'not an archive' >"$work/$hostile"
drop j.zip e.zip "$hostile"
expect "the run of 2026-11-02 completes" run_ecap run "$state" --date 2026-11-02
review_record j1.xml $J EX-030
review_record j2.xml $J EX-034
drop j1.xml j2.xml
expect "the run of 2026-11-03 completes" run_ecap run "$state" --date 2026-11-03
expect "the run of 2026-12-01 completes" run_ecap run "$state" --date 2026-12-01
expect_equal "陈静 certified, =1+1 in review" "$(state_of $J) $(state_of $E)" "certified in-review"
serial=$(xmllint --xpath "string(//*[local-name()='certification']/@serial)" "$state/store/dossiers/$J.xml")
registration=${serial%-*}
tail4=$(grep "^j.zip " "$work/ids" | cut -d' ' -f2 | sed 's/.*\(....\)$/\1/')
expect "陈静 has a serial" test -n "$serial"

# ---- find, as a table ------------------------------------------------------
for text in $J 陈静 陈 M-2016-424242 "$tail4" "$registration" "$serial"; do
	run_ecap find "$state" "$text"
	expect_equal "find '$text' exits 0" $? 0
	expect "find '$text': 陈静's application, certified" \
		grep -q "^application  $J  *陈静 .*已发证" "$work/ecap.out"
	expect "find '$text': with the latest letter" \
		grep -q "letter  *out/notices/$J/[0-9]*-certified.html" "$work/ecap.out"
	expect "find '$text': and the certificate, valid" \
		grep -q "certificate  *$serial valid" "$work/ecap.out"
done
run_ecap find "$state" $J
expect "find by id lists the application's records" grep -q "^record .*dropbox/j1.xml applied" "$work/ecap.out"
run_ecap find "$state" 静
expect_equal "a name's end is not a prefix" "$(cat "$work/ecap.out")" "nothing matches '静'"
run_ecap find "$state" "${tail4%?}"
expect "three ID characters are not an ID tail" grep -q "^nothing matches" "$work/ecap.out"
run_ecap find "$state"
expect_equal "find without TEXT: usage, exit 64" "$?" 64
run_ecap find "$work/nowhere" 陈静
expect_equal "find in no state: exit 66" "$?" 66
expect_equal "... with one line on stderr" "$(wc -l <"$work/ecap.err" | tr -d ' ')" 1
find "$state" -printf '%p %s %T@ %C@\n' | sort >"$work/before"
"$ecap" find "$state" 陈 >/dev/null
"$ecap" find "$state" 陈 --csv >/dev/null
find "$state" -printf '%p %s %T@ %C@\n' | sort >"$work/after"
expect "find changes nothing in the state (names, sizes, times)" cmp -s "$work/before" "$work/after"
expect "find answers while a run holds the lock" \
	flock "$state/lock" "$ecap" find "$state" 陈静
expect "find --help names its options" sh -c '"$1" find --help | grep -q -- --csv' - "$ecap"

# ---- CSV -------------------------------------------------------------------
"$ecap" find "$state" "=1+1" --csv >"$work/find.csv"
csv_rows "$work/find.csv" >"$work/find.rows" 2>"$work/csv.err"
expect_equal "find --csv parses back" "$?$(cat "$work/csv.err")" 0
expect_equal "its header row, in Chinese and English" "$(head -1 "$work/find.rows")" \
	"类别 kind | 申请编号 application | 姓名 name | 证件号码 masked ID | 会员号 member | 状态 state | 最新通知 latest letter | 注册编号 registration | 证书编号 serial | 证书状态 certificate status | 记录 record | 匹配 matched"
expect_equal "the formula-like name is neutralised with a single quote" \
	"$(sed -n 2p "$work/find.rows" | cut -d'|' -f1-3)" "application | $E | '=1+1 "
"$ecap" find "$state" 陈静 --csv >"$work/find2.csv"
csv_rows "$work/find2.csv" >"$work/find2.rows" 2>"$work/csv.err"
expect_equal "so does another" "$?$(cat "$work/csv.err")" 0
expect "find --csv: 陈静's row with state, letter, registration, serial, status" \
	grep -q "^application | $J | 陈静 | [0-9]\{3\}\**$tail4 | M-2016-424242 | certified | out/notices/$J/[0-9]*-certified.html | $registration | $serial | valid | " "$work/find2.rows"

"$ecap" status "$state" --csv >"$work/status.csv"
csv_rows "$work/status.csv" >"$work/status.rows" 2>"$work/csv.err"
expect_equal "status --csv parses back" "$?$(cat "$work/csv.err")" 0
expect "its header begins with 类别 kind, 申请编号 application" \
	sh -c 'head -1 "$1" | grep -q "^类别 kind | 申请编号 application | "' - "$work/status.rows"
# (the name's line break is a control character: status shows it escaped,
# \x0A, formats.md §5; test-csv quotes a real one)
expect "the quarantined input's name keeps its comma and quote, its line break escaped" \
	grep -qF 'quarantined |  | dropbox/a,"b"\x0Ac.zip | quarantined | ' "$work/status.rows"
expect "an application row with its state and Chinese state name" \
	grep -q "^application | $E |  | in-review | 材料审查中 | apprentice | " "$work/status.rows"
expect "a record row" grep -q "^record | $J | dropbox/j1.xml | applied | " "$work/status.rows"
run_ecap status "$state" --xml --csv
expect_equal "status --xml --csv: usage, exit 64" "$?" 64

"$ecap" register "$state" --csv >"$work/register.csv"
csv_rows "$work/register.csv" >"$work/register.rows" 2>"$work/csv.err"
expect_equal "register --csv parses back" "$?$(cat "$work/csv.err")" 0
expect_equal "one certificate row under the header" "$(sed -n '2,$p' "$work/register.rows")" \
	"$registration | 陈静 | $(xmllint --xpath "string(/*/@idMasked)" "$state/store/dossiers/$J.xml") | electrical | $serial | apprentice | 2026-12-01 | 2031-11-30 | valid | false"
cut -d' ' -f2 "$work/ids" | grep -v '^-*$' >"$work/id-numbers"
expect "no CSV holds a full ID number" \
	sh -c '! grep -F -f "$1" "$2"/*.csv' - "$work/id-numbers" "$work"

done_testing
