#!/bin/sh
# render.sh - renders every letter of tests/golden/letters.list with ecap
# into DIR (default tests/golden/letters): `make golden` writes the golden
# files with it, t0230 renders into a scratch directory and compares.
# Usage: sh tests/golden/render.sh [DIR]; ECAP names another build.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
ecap="${ECAP:-$top/bin/ecap}"
out="${1:-$top/tests/golden/letters}"
mkdir -p "$out" || exit 1
status=0
grep -v '^#' "$top/tests/golden/letters.list" | while read -r name kind input seq; do
	[ -n "$name" ] || continue
	for variant in "" "-text"; do
		extension=html
		[ -n "$variant" ] && extension=txt
		if ! "$ecap" render "notice-$kind$variant.xsl" --seq "$seq" \
			--policy "$top/samples/policy.xml" \
			"$top/tests/data/$input" >"$out/$name.$extension"; then
			echo "render.sh: $name ($kind$variant, $input) did not render" >&2
			exit 1
		fi
	done
done || status=1
exit $status
