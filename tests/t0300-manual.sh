#!/bin/sh
# t0300-manual.sh - the manual page doc/ecap.1: `man -l` renders it with no
# warning (also with groff's warnings on), every command that `ecap --help`
# lists has a section under COMMANDS and every section there is a command
# `ecap --help` lists, each option of `ecap CMD --help` is described in that
# command's section, every exit code of pipeline/batch/exits.h and every
# environment variable the sources read is documented, and the version
# matches `ecap --version`. Prints TAP. Needs man-db and groff-base; the
# checks against the binary need bin/ecap (make).

. "$(dirname "$0")/lib.sh"
page="$top/doc/ecap.1"
LC_ALL=C.UTF-8
MANWIDTH=80
export LC_ALL MANWIDTH
unset MANPAGER PAGER MANOPT

same() {	# same DESCRIPTION GOT EXPECTED
	[ "$2" = "$3" ]
	status=$?
	report $status "$1"
	[ $status -eq 0 ] || printf '%s\n' "#   got: $2" "#   expected: $3"
}

if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
	skip_all "man or groff is not installed (Debian: man-db, groff-base)"
fi

# ---- rendering ----------------------------------------------------------

man -l "$page" >"$work/page.txt" 2>"$work/warnings"
status=$?
[ $status -eq 0 ] && [ ! -s "$work/warnings" ]
report $? "man -l renders doc/ecap.1 with no warning"
sed 's/^/#   /' "$work/warnings"
man --warnings -l "$page" >/dev/null 2>"$work/warnings"
[ ! -s "$work/warnings" ]
report $? "... nor with groff's warnings enabled"
sed 's/^/#   /' "$work/warnings"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES \
	       EXAMPLES "SEE ALSO"; do
	grep -q "^$section\$" "$work/page.txt"
	report $? "the rendered page has the section $section"
done
long=$(awk 'length > 80' "$work/page.txt" | grep -v '[^ -~]' | head -3)
same "no rendered line of plain ASCII is wider than 80 columns" "$long" ""

# ---- the roff source, section by section --------------------------------

# section NAME: the roff source of the .SH section NAME, with \- as -.
section() {
	awk -v name="$1" '
		/^\.SH / { inside = ($0 == ".SH " name || $0 == ".SH \"" name "\"") ; next }
		inside' "$page" | sed 's/\\-/-/g'
}

# The commands with a section under COMMANDS: the words after "ecap" in each
# .SS heading, up to the first argument ("ecap validate, review" -> both).
section COMMANDS >"$work/commands.roff"
sed -n 's/^\.SS "\{0,1\}ecap \([^"]*\)"\{0,1\}$/\1/p' "$work/commands.roff" |
	sed 's/ [^a-z,].*//; s/ \\f.*//' | tr ',' '\n' |
	awk '{ print $1 }' | grep -v '^$' | sort -u >"$work/manual-commands"
[ -s "$work/manual-commands" ]
report $? "the COMMANDS section has command sections ($(tr '\n' ' ' <"$work/manual-commands"))"

# The roff of one command's section: from its .SS to the next .SS or .SH.
command_section() {
	awk -v command="$1" '
		/^\.SS / {
			heading = $0
			sub(/^\.SS "?ecap /, "", heading)
			sub(/"$/, "", heading)
			inside = 0
			count = split(heading, words, /[ ,]+/)
			for (i = 1; i <= count; i++) {
				if (words[i] !~ /^[a-z]+$/)
					break
				if (words[i] == command)
					inside = 1
			}
			next
		}
		inside' "$work/commands.roff"
}

if [ ! -x "$ecap" ]; then
	skip "the commands of ecap --help match the manual" "bin/ecap is not built"
	done_testing
	exit $?
fi

# ---- against the binary -------------------------------------------------

# The commands ecap --help lists: the first column of each indented line
# (up to two spaces), every comma-separated item's first word.
"$ecap" --help >"$work/help" 2>&1
report $? "ecap --help exits 0"
sed -n 's/^  \([a-z][^ ].*\)$/\1/p' "$work/help" | sed 's/   *.*//' | tr ',' '\n' |
	awk '{ print $1 }' | grep -v '^$' | sort -u >"$work/help-commands"
[ -s "$work/help-commands" ]
report $? "ecap --help lists commands ($(tr '\n' ' ' <"$work/help-commands"))"

missing=$(comm -23 "$work/help-commands" "$work/manual-commands" | tr '\n' ' ')
same "every command of ecap --help has a section in the manual" "$missing" ""
extra=$(comm -13 "$work/help-commands" "$work/manual-commands" | tr '\n' ' ')
same "every command section of the manual is listed by ecap --help" "$extra" ""

# Each command's own usage: it exits 0, and each option it names is
# described in that command's section of the manual.
for command in $(cat "$work/help-commands" "$work/manual-commands" | sort -u); do
	"$ecap" "$command" --help >"$work/usage" 2>&1
	status=$?
	same "ecap $command --help exits 0" "$status" "0"
	[ "$status" -eq 0 ] || continue
	command_section "$command" | sed 's/\\f[BIRP]//g; s/\\-/-/g' >"$work/section"
	if [ ! -s "$work/section" ]; then
		report 1 "the manual has a section for $command"
		continue
	fi
	absent=""
	for option in $(grep -o -- '--[a-z][a-z-]*' "$work/usage" | sort -u); do
		grep -q -- "$option" "$work/section" || absent="$absent $option"
	done
	same "every option of ecap $command --help is in its section of the manual" "$absent" ""
done

# Every exit code of exits.h is described under EXIT STATUS.
section "EXIT STATUS" >"$work/exits.roff"
absent=""
for code in $(sed -n 's/^[[:space:]]*EXIT_[A-Z_]* = \([0-9]*\),.*/\1/p' "$top/pipeline/batch/exits.h"); do
	grep -q "^\.B $code\$" "$work/exits.roff" || absent="$absent $code"
done
same "every exit code of pipeline/batch/exits.h is under EXIT STATUS" "$absent" ""

# Every environment variable the sources read is under ENVIRONMENT.
section ENVIRONMENT >"$work/environment.roff"
absent=""
for variable in $(cat "$top"/pipeline/*/*.c "$top"/lib/*.c "$top"/stages/*.c 2>/dev/null |
		  grep -o 'getenv("[A-Za-z_][A-Za-z0-9_]*")' | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	grep -q "^\.B $variable\$" "$work/environment.roff" || absent="$absent $variable"
done
same "every variable the sources getenv() is under ENVIRONMENT" "$absent" ""

version=$("$ecap" --version)
header=$(sed -n 's/^\.TH ECAP 1 [^ ]* "\([^"]*\)".*/\1/p' "$page")
same "the page's version is ecap --version's" "$header" "$version"

done_testing
