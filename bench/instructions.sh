#!/bin/sh
# instructions.sh - how many instructions a packages run executes
# (valgrind's callgrind), a measure a busy host does not disturb: two builds
# compared this way differ by what they do, not by what the machine's other
# tenants did meanwhile (BENCH.md, session 21). Timing stays the measure of
# record; this is for telling small changes apart.
#
#   sh bench/instructions.sh [ECAP] [N]
#
# Runs ECAP (default: bin/ecap) with --jobs 1 (letters typeset in the run's
# own process) over the first N (default 50) packages of the benchmark's
# generation of 1,000 (made by `make bench` first), in a fresh state under
# bench/work, and prints the instructions of the whole run. About 20 s at
# N = 50. SHA-256 runs without the CPU's SHA instructions under valgrind, so
# hashing weighs more here than in a timed run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ecap=${1:-$root/bin/ecap}
n=${2:-50}
work=$here/work
gen=$(ls -d "$work"/gen-1000-1-* 2>/dev/null | head -n 1)

command -v valgrind >/dev/null || { echo "instructions: valgrind is missing (Debian: valgrind)" >&2; exit 1; }
[ -n "$gen" ] || { echo "instructions: no generation of 1,000 in $work: run make bench first" >&2; exit 1; }
[ -n "${ECAP_SHARE_DIR:-}" ] || export ECAP_SHARE_DIR="$root"
state=$work/instructions-state
out=$work/instructions-callgrind
rm -rf "$state" "$out"
mkdir -p "$out"
"$ecap" init "$state" --policy "$gen/policy.xml" >/dev/null
ls "$gen/dropbox" | head -n "$n" | while read -r name; do
	ln "$gen/dropbox/$name" "$state/dropbox/" 2>/dev/null || cp -p "$gen/dropbox/$name" "$state/dropbox/"
done
valgrind -q --tool=callgrind --trace-children=yes --callgrind-out-file="$out/callgrind.%p" \
	"$ecap" run "$state" --date 2026-11-24 --quiet --jobs 1 >/dev/null
awk '/^totals:/ { total += $2 } END { printf "%.0f instructions\n", total }' "$out"/callgrind.*
