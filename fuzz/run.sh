#!/bin/sh
# run.sh SECONDS [HARNESS...] - runs each fuzz harness built by build.sh for
# SECONDS (default: all four, one after the other) with the limits of
# security.md: -rss_limit_mb=2048 -timeout=10. Each keeps its corpus in
# build/fuzz/corpus/<harness>, seeded from fuzz/seeds/<harness>; crashes,
# leaks and timeouts go to build/fuzz/artifacts/<harness>/, the log to
# build/fuzz/logs/<harness>.log. Exits 1 if any harness found something:
# minimize it (HARNESS -minimize_crash=1 -runs=100000 FILE) and keep it in
# tests/fuzz-regressions/<harness>/.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/fuzz"
seconds=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-fuzz-package fuzz-xml fuzz-stages fuzz-records}
status=0

max_len_of() {
	case "$1" in
	fuzz-package) echo 65536 ;;	# the sample packages are 20-51 KB
	fuzz-xml) echo 32768 ;;		# applications are about 12 KB
	fuzz-stages) echo 32768 ;;
	fuzz-records) echo 8192 ;;	# records are a few KB at most
	*) echo 16384 ;;
	esac
}

for harness in $harnesses; do
	if [ ! -x "$out/$harness" ]; then
		echo "fuzz/run.sh: $out/$harness is not built (sh fuzz/build.sh)" >&2
		exit 2
	fi
	corpus="$out/corpus/$harness"
	artifacts="$out/artifacts/$harness"
	mkdir -p "$corpus" "$artifacts" "$out/logs"
	if [ -d "$top/fuzz/seeds/$harness" ]; then
		for seed in "$top/fuzz/seeds/$harness"/*; do
			[ -e "$corpus/$(basename "$seed")" ] || cp "$seed" "$corpus/"
		done
	fi
	dictionary=""
	[ "$harness" != fuzz-package ] && dictionary="-dict=$top/fuzz/xml.dict"
	echo "fuzz/run.sh: $harness for $seconds s (log: build/fuzz/logs/$harness.log)"
	# shellcheck disable=SC2086
	if ! "$out/$harness" "$corpus" $dictionary -max_total_time="$seconds" \
		-rss_limit_mb=2048 -timeout=10 -max_len="$(max_len_of "$harness")" \
		-artifact_prefix="$artifacts/" -print_final_stats=1 \
		>"$out/logs/$harness.log" 2>&1; then
		status=1
		echo "fuzz/run.sh: $harness found a problem:" >&2
		grep -E '^==[0-9]+==ERROR|^SUMMARY|Test unit written' "$out/logs/$harness.log" >&2
	fi
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+.*DONE' \
		"$out/logs/$harness.log" | sed "s/^/  $harness: /"
done
exit $status
