# lib.sh - sourced by the end-to-end tests (tests/tNNNN-*.sh): TAP output, a
# fresh state directory per script, packages made by tools/mkpackage.py, and
# questions asked of `ecap status --xml`.
#
#	. "$(dirname "$0")/lib.sh"
#	new_state
#	make_package good.zip --id A2026-000001
#	run_ecap run "$state" --date 2026-11-24
#	expect "a valid package goes to review" test "$(state_of A2026-000001)" = in-review
#	done_testing

top=$(cd "$(dirname "$0")/.." && pwd)
# ECAP runs the suite against another build (make check-asan, check-valgrind)
ecap="${ECAP:-$top/bin/ecap}"
work="$top/tests/work/$(basename "$0" .sh)"
rm -rf "$work"
mkdir -p "$work"
# the TAP harness, shared with the crash tests (tests/crash/lib-crash.sh)
. "$top/tests/harness.sh"

# new_state [POLICY]: a fresh state directory $state with the sample policy
# (settleSeconds 0) or POLICY.
new_state() {
	state="$work/state"
	rm -rf "$state"
	"$ecap" init "$state" --policy "${1:-$top/samples/policy.xml}" >/dev/null
}

# make_package NAME [mkpackage options]: a package in $work/NAME.
make_package() {
	name=$1
	shift
	python3 "$top/tools/mkpackage.py" --out "$work/$name" "$@"
}

# drop NAME...: moves packages or records from $work into the dropbox, in order
# (distinct modification times keep the arrival order).
drop() {
	for name in "$@"; do
		cp "$work/$name" "$state/dropbox/$name"
		touch -d "@$(( $(date +%s) - 100 + ${drop_count:-0} ))" "$state/dropbox/$name"
		drop_count=$(( ${drop_count:-0} + 1 ))
	done
}

# run_ecap ARGS...: ecap with output kept in $work/ecap.out and .err
run_ecap() {
	"$ecap" "$@" >"$work/ecap.out" 2>"$work/ecap.err"
}

# report_path: the XML of the run report the last run_ecap printed it wrote
report_path() {
	sed -n 's/^ *report: \(.*\)\.html$/\1.xml/p' "$work/ecap.out"
}

refresh_status() {
	"$ecap" status "$state" --xml >"$work/status.xml"
}

# xpath EXPRESSION: over the status document (refreshed first)
xpath() {
	refresh_status
	xmllint --xpath "$1" "$work/status.xml" 2>/dev/null
}

state_of() {
	xpath "string(/*/*[local-name()='application'][@id='$1']/@state)"
}

deadline_of() {
	xpath "string(/*/*[local-name()='application'][@id='$1']/@deadline)"
}

# reasons_of ID: the reason codes of the application, sorted, space-separated
reasons_of() {
	xpath "/*/*[local-name()='application'][@id='$1']/*[local-name()='reason']/@code" |
		tr ' ' '\n' | sed -n 's/^code="\(.*\)"$/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'
}

# quarantine_code_of NAME: the code of the quarantined input dropbox/NAME
quarantine_code_of() {
	xpath "string(/*/*[local-name()='quarantined'][@input='dropbox/$1']/@code)"
}

# left_code_of NAME: the code status gives dropbox/NAME, left in the dropbox
left_code_of() {
	xpath "string(/*/*[local-name()='left'][@input='dropbox/$1']/@code)"
}

dropbox_count() {
	find "$state/dropbox" -type f | wc -l | tr -d ' '
}

# build_packages: builds every package listed on stdin, one per line:
# NAME [--replace OLD NEW | --replace-re PATTERN NEW]... [mkpackage options].
# The package goes to $work/NAME; its applicant's roster line is added to
# $state/members.xml (the sample roster of new_state); "NAME ID-NUMBER
# APPLICANT" goes to $work/ids. --replace edits application.xml literally,
# --replace-re by a Python regular expression (dot matches newlines); both
# fail if nothing matches.
build_packages() {
	python3 -c '
import re, shlex, sys
tools, work, roster_path = sys.argv[1:4]
sys.path.insert(0, tools)
import mkpackage
roster, ids = [], []
for line in sys.stdin:
	words = shlex.split(line, comments=True)
	if not words:
		continue
	name, words, replacements = words[0], words[1:], []
	for at in reversed([i for i, word in enumerate(words) if word in ("--replace", "--replace-re")]):
		pattern = words[at + 1] if words[at] == "--replace-re" else re.escape(words[at + 1])
		replacements.insert(0, (pattern, words[at + 2]))
		del words[at:at + 3]
	package = mkpackage.build(mkpackage.options_from_arguments(mkpackage.parse_arguments(words)))
	xml = package.application_xml.decode("utf-8")
	for pattern, new in replacements:
		xml, count = re.subn(pattern, lambda match: new, xml, flags=re.S)
		if count == 0:
			sys.exit("%s: %r matches nothing in application.xml" % (name, pattern))
	package.application_xml = xml.encode("utf-8")
	package.files = [(path, package.application_xml if path == "application.xml" else data)
			 for path, data in package.files]
	mkpackage.write_archive(package, work + "/" + name,
				mkpackage.format_from_name(name) or "zip")
	number = re.search(r"<idDocument[^>]*>([^<]*)</idDocument>", xml)
	ids.append("%s %s %s\n" % (name, number.group(1) if number else "-", package.name))
	if package.member_line:
		roster.append(package.member_line)
with open(roster_path, encoding="utf-8") as f:
	text = f.read()
for line in roster:
	number = re.search(r"number=\"[^\"]*\"", line).group(0)
	if number not in text:
		text = text.replace("</members>", line + "\n</members>")
with open(roster_path, "w", encoding="utf-8") as f:
	f.write(text)
with open(work + "/ids", "a", encoding="utf-8") as f:
	f.writelines(ids)
' "$top/tools" "$work" "$state/members.xml"
}

# old_state NAME: $state becomes a copy of a state directory written by an
# earlier ecap, tests/data/NAME.tar.gz (made by tests/data/make-NAME.sh; see
# there what it holds), for the tests of upgrades in place.
old_state() {
	state="$work/state"
	rm -rf "$state"
	tar -C "$work" -xzf "$top/tests/data/$1.tar.gz"
}

# headless_chromium SECONDS ARGUMENTS...: headless Chromium, as a user's
# browser would run but with a profile of its own (removed after) and
# nothing fetched beside the page; stopped after SECONDS.
headless_chromium() {
	seconds=$1
	shift
	profile=$(mktemp -d)
	timeout "$seconds" chromium --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update --disable-sync \
		--no-first-run --user-data-dir="$profile" "$@"
	status=$?
	rm -rf "$profile"
	return $status
}

# render_probe DOCUMENT EXPRESSION: the value of the XPath EXPRESSION (the
# namespace prefix t bound to ecap's text functions, urn:ecap:text:1) as
# ecap's renderer evaluates it over DOCUMENT, from a stylesheet put beside
# copies of the real ones: what ecap offers its stylesheets, which xsltproc
# does not.
render_probe() {
	mkdir -p "$work/share" && cp -R "$top/xsd" "$top/xslt" "$work/share/" &&
		cat >"$work/share/xslt/probe.xsl" <<PROBE &&
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:t="urn:ecap:text:1">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="$2"/></xsl:template>
</xsl:stylesheet>
PROBE
		ECAP_SHARE_DIR="$work/share" "$ecap" render probe.xsl "$1"
}
