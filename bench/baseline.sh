#!/bin/sh
# baseline.sh - the benchmark's baseline: the validation and letter work of
# `ecap run` done the way an operator would without ecap, one package at a
# time, with the standard tools:
#   bsdtar -x              unpack into a temporary directory
#   xmllint --schema       check application.xml against xsd/application.xsd
#   xsltproc + sha256sum   list the evidence the form names and check it
#   xsltproc               render a letter (bench/baseline-letter.xsl)
#
#   bench/baseline.sh DIR [LETTERS]
#
# DIR holds the packages; letters go to LETTERS (default: a temporary
# directory, removed at the end). Prints one line:
#   baseline: N packages, A accepted, R returned, Q unreadable, S seconds
# It does less than ecap (no roster, eligibility, statement or identity
# rules, no state, no audit archive), so the ratio it gives is a lower bound.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
schema="$root/xsd/application.xsd"
evidence_list="$here/evidence-list.xsl"
letter="$here/baseline-letter.xsl"
date=2026-11-24

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
	echo "usage: baseline.sh DIR [LETTERS]" >&2
	exit 64
fi
dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
letters=${2:-$work/letters}
mkdir -p "$letters"

accepted=0
returned=0
unreadable=0
count=0
started=$(date +%s.%N)

for package in "$dir"/*; do
	[ -f "$package" ] || continue
	count=$((count + 1))
	unpacked="$work/package"
	rm -rf "$unpacked"
	mkdir "$unpacked"
	if ! bsdtar -xf "$package" -C "$unpacked" 2>/dev/null ||
	   [ ! -f "$unpacked/application.xml" ]; then
		unreadable=$((unreadable + 1))
		continue
	fi
	form="$unpacked/application.xml"
	problems=""
	if ! xmllint --noout --nonet --schema "$schema" "$form" 2>/dev/null; then
		problems="申请表不符合格式要求。"
	fi
	if ! xsltproc --nonet "$evidence_list" "$form" >"$work/sums" 2>/dev/null; then
		unreadable=$((unreadable + 1))
		continue
	fi
	if ! (cd "$unpacked" && sha256sum --quiet --status -c "$work/sums") 2>/dev/null; then
		problems="${problems}佐证材料缺失或与申请表所列校验值不符。"
	fi
	outcome=accepted
	if [ -n "$problems" ]; then
		outcome=returned
		returned=$((returned + 1))
	else
		accepted=$((accepted + 1))
	fi
	name=$(basename "$package")
	xsltproc --nonet --stringparam outcome "$outcome" --stringparam problems "$problems" \
		--stringparam date "$date" -o "$letters/${name%%.*}.html" "$letter" "$form" \
		2>/dev/null || unreadable=$((unreadable + 1))
done

finished=$(date +%s.%N)
seconds=$(echo "$finished - $started" | bc)
echo "baseline: $count packages, $accepted accepted, $returned returned," \
	"$unreadable unreadable, $seconds seconds"
