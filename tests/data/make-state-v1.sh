#!/bin/sh
# make-state-v1.sh - writes tests/data/state-v1.tar.gz: a state directory as
# the last ecap before store/version (layout version 1, commit 14ae30e) left
# it, for the tests that prove an older state upgrades in place. Run it with
# that version's binary: ECAP=/path/to/old/bin/ecap sh tests/data/make-state-v1.sh
#
# What the state holds after its four runs (2026-11-02 to 2026-11-20):
#   A2026-900001 张伟 apprentice, certified CSEE-000001 (a valid holder)
#   A2026-900002 刘洋 apprentice, ID written with a lowercase x
#                (44010619920821067x), certified CSEE-000002, then revoked
#                for fraud on 2026-11-20: banned under the raw text
#   A2026-900003 赵磊 in review (no records)
#   A2026-900004 王芳 returned on 2026-11-18 (statement too short), deadline 2026-12-02
#   A2026-900005 陈静 supplement-requested on 2026-11-10 (no deadline in v1)
#   four audit archives, the last run dated 2026-11-20.
# The tarball's top directory is state/; nothing in it but the run logs
# names the directory it was made in.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
ecap=${ECAP:?"ECAP must name the old binary"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
state="$work/state"
"$ecap" init "$state" --policy "$top/samples/policy.xml" >/dev/null

employer=华北电力设计院有限公司
python3 - "$top/tools" "$work" "$state/members.xml" <<'EOF'
import re, sys
tools, work, roster_path = sys.argv[1:4]
sys.path.insert(0, tools)
import mkpackage
employer = "华北电力设计院有限公司"
packages = [
	("a.zip", ["--id", "A2026-900001", "--seed", "9001", "--level", "apprentice", "--name", "张伟",
		   "--birth", "1990-03-07", "--id-number", "110101199003071233", "--employer", employer,
		   "--submitted", "2026-10-26T09:00:00+08:00"], None),
	("c.zip", ["--id", "A2026-900002", "--seed", "9002", "--level", "apprentice", "--name", "刘洋",
		   "--birth", "1992-08-21", "--id-number", "44010619920821067X", "--employer", employer,
		   "--submitted", "2026-10-26T09:10:00+08:00"], ("44010619920821067X", "44010619920821067x")),
	("d.zip", ["--id", "A2026-900003", "--seed", "9003", "--level", "apprentice", "--name", "赵磊",
		   "--birth", "1985-01-30", "--id-number", "510107198501300893", "--employer", employer,
		   "--submitted", "2026-10-26T09:20:00+08:00"], None),
	("r.zip", ["--id", "A2026-900004", "--seed", "9004", "--level", "apprentice", "--name", "王芳",
		   "--employer", employer, "--submitted", "2026-10-26T09:30:00+08:00",
		   "--defect", "statement-short"], None),
	("s.zip", ["--id", "A2026-900005", "--seed", "9005", "--level", "apprentice", "--name", "陈静",
		   "--employer", employer, "--submitted", "2026-10-26T09:40:00+08:00"], None),
]
roster = []
for name, words, replace in packages:
	package = mkpackage.build(mkpackage.options_from_arguments(mkpackage.parse_arguments(words)))
	if replace:
		xml = package.application_xml.decode("utf-8").replace(*replace)
		package.application_xml = xml.encode("utf-8")
		package.files = [(path, package.application_xml if path == "application.xml" else data)
				 for path, data in package.files]
	mkpackage.write_archive(package, work + "/" + name, "zip")
	if package.member_line:
		roster.append(package.member_line)
text = open(roster_path, encoding="utf-8").read()
for line in roster:
	text = text.replace("</members>", line + "\n</members>")
open(roster_path, "w", encoding="utf-8").write(text)
EOF

n=0
drop() {
	for name in "$@"; do
		cp "$work/$name" "$state/dropbox/$name"
		touch -d "@$(( $(date +%s) - 100 + n ))" "$state/dropbox/$name"
		n=$((n + 1))
	done
}
review() {		# review ID EXAMINER RECOMMENDATION DATE
	{
		printf '<reviewRecord xmlns="urn:ecap:1" application="%s" examiner="%s" date="%s">\n' "$1" "$2" "$4"
		for dimension in knowledge ethics teamwork learning leadership; do
			printf '  <dimension code="%s" met="true">考官意见。</dimension>\n' "$dimension"
		done
		printf '  <recommendation>%s</recommendation>\n' "$3"
		[ "$3" = supplement ] && printf '  <supplement>请补充项目证明材料。</supplement>\n'
		printf '</reviewRecord>\n'
	} >"$work/$1-$2.xml"
	drop "$1-$2.xml"
}

drop a.zip c.zip d.zip s.zip
"$ecap" run "$state" --date 2026-11-02 --quiet
for id in A2026-900001 A2026-900002; do
	review $id EX-008 pass 2026-11-10
	review $id EX-011 pass 2026-11-10
done
review A2026-900005 EX-008 supplement 2026-11-10
review A2026-900005 EX-011 pass 2026-11-10
"$ecap" run "$state" --date 2026-11-10 --quiet
drop r.zip
"$ecap" run "$state" --date 2026-11-18 --quiet
printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusAction xmlns="urn:ecap:1" registration="CSEE-000002" action="revoke" date="2026-11-20" reference="CSEE-DISC-2026-009" fraud="true">经学会核查，提供虚假材料。</statusAction>\n' >"$work/revoke.xml"
drop revoke.xml
"$ecap" run "$state" --date 2026-11-20 --quiet
"$ecap" status "$state" >&2
# (the run logs, also in the audit archives, name the directory they ran
# over: history, not a path that is read)
if grep -rlF --exclude='*.log' --exclude-dir=audit "$work" "$state" >&2; then
	echo "make-state-v1: the state names the work directory; not portable" >&2
	exit 1
fi
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner -czf "$top/tests/data/state-v1.tar.gz" state
echo "wrote tests/data/state-v1.tar.gz" >&2
