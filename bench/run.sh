#!/bin/sh
# run.sh - the benchmark (`make bench`): ecap's throughput, time per input
# and peak memory at growing N over an application's whole lifecycle, the
# floor of reading, hashing and parsing the same packages (bench/floor.c),
# and the same validation and letter work done by an operator's shell loop
# (bench/baseline.sh) on the same packages.
#
#   sh bench/run.sh
#
# For each N (1,000 and 10,000; also 100,000 with BENCH_LARGE=1): generates
# the packages and records once (bench/generate.py, cached in
# bench/work/gen-N-SEED-HASH, HASH naming the generator's version and the
# policy's), then in a fresh state directory runs `ecap run` four times, each under
# /usr/bin/time for the peak RSS (with --jobs above 1, of the run or of one of its
# typesetting processes, whichever was larger: each process's own; CPU time
# counts them all):
#   packages    the N packages in the dropbox          --date 2026-11-24
#   reviews     the review records                     --date 2026-11-26
#   interviews  the interview sheets                   --date 2026-11-30
#   certification  no input: publicity (5 working days; the last begun
#               by the interviews run) has ended --date 2026-12-08
# and checks that each run took its whole dropbox and that the states
# match what the generator says each package should come to (every
# application in publicity certified by the last run). Then the floor on
# the packages; before each N and after the last, how fast each CPU runs
# the same loop (bench/cpu_speed.c: a shared machine's CPUs can differ for
# minutes, and the report says so); a table of the runs, the sizes of the
# PDFs and the bytes of out/ and audit/ per application, and the baseline
# on the 1,000 packages with the ratio. Prints Markdown.
#
# Environment: BENCH_LARGE=1 adds N = 100,000; BENCH_SIZES="1000 5000"
# replaces the list; BENCH_SEED (default 1); BENCH_WORK (default
# bench/work); BENCH_KEEP=1 keeps the state directories; BENCH_BASELINE_N
# (default 1000) is the N whose packages the baseline runs on (keep it in the list);
# BENCH_JOBS (default: the number of CPUs) is ecap's --jobs;
# BENCH_EVIDENCE_PERCENT (default 100) scales every evidence file's size and
# BENCH_DISCARD=1 removes each run's out/ and audit/ once measured (their
# bytes counted first): together they fit N = 100,000 on a disk of 80 GB,
# for its memory (BENCH.md); BENCH_ECAP
# another ecap binary to measure (its own data files; e.g. a build of an
# older commit in a git worktree), BENCH_BASELINE=0 skips the baseline.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ecap=${BENCH_ECAP:-$root/bin/ecap}
seed=${BENCH_SEED:-1}
work=${BENCH_WORK:-$here/work}
sizes=${BENCH_SIZES:-"1000 10000"}
if [ "${BENCH_LARGE:-0}" = 1 ] && [ -z "${BENCH_SIZES:-}" ]; then
	sizes="$sizes 100000"
fi
baseline_n=${BENCH_BASELINE_N:-1000}
jobs=${BENCH_JOBS:-$(nproc)}
evidence_percent=${BENCH_EVIDENCE_PERCENT:-100}
discard=${BENCH_DISCARD:-0}
results="$work/results.tsv"

fail() {
	echo "bench: $*" >&2
	exit 1
}

command -v bsdtar >/dev/null || fail "bsdtar is missing (Debian: libarchive-tools)"
command -v xmllint >/dev/null || fail "xmllint is missing (Debian: libxml2-utils)"
command -v xsltproc >/dev/null || fail "xsltproc is missing (Debian: xsltproc)"
command -v bc >/dev/null || fail "bc is missing (Debian: bc)"
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing (Debian: time)"

[ -n "${BENCH_ECAP:-}" ] || make -C "$root" -s >/dev/null || fail "make failed"
mkdir -p "$work"
: >"$results"
: >"$work/sizes.tsv"
cc -O2 -o "$work/floor" "$here/floor.c" $(pkg-config --cflags --libs libarchive libxml-2.0 libcrypto) ||
	fail "unable to build bench/floor.c"
cc -O2 -o "$work/cpu_speed" "$here/cpu_speed.c" || fail "unable to build bench/cpu_speed.c"
: >"$work/cpu-speed.txt"

# How fast each CPU runs the same loop (bench/cpu_speed.c), noted under
# LABEL: on a shared machine one CPU can run at half the other's speed for
# minutes, which the report then says.
probe_cpus() {
	speeds=$("$work/cpu_speed") || speeds="not measured"
	printf '%s\t%s\n' "$1" "$speeds" >>"$work/cpu-speed.txt"
}

# HASH covers what the generation is made from: the generator, mkpackage and
# the policy it copies (a cache kept from before the policy gained <mail> and
# the society's contact details measured letters without either).
generator_version=$(cat "$here/generate.py" "$root/tools/mkpackage.py" "$root/samples/policy.xml" |
	sha256sum | cut -c1-10)

# generated N: the cached generation directory of N packages (made if absent).
generated() {
	dir="$work/gen-$1-$seed-$generator_version"
	[ "$evidence_percent" = 100 ] || dir="$dir-e$evidence_percent"
	if [ ! -f "$dir/generated.txt" ]; then
		echo "generating $1 packages (seed $seed) into $dir ..." >&2
		python3 "$here/generate.py" "$1" "$seed" "$dir" \
			--evidence-percent "$evidence_percent" >&2 ||
			fail "generate.py failed"
	fi
	echo "$dir"
}

# drop FROM STATE: hard-links (else copies) every file of FROM into the
# state's dropbox; the run moves them into its store, the cache keeps them.
drop() {
	find "$1" -type f -exec ln -t "$2/dropbox" {} + 2>/dev/null ||
		find "$1" -type f -exec cp -p -t "$2/dropbox" {} +
}

# count_state STATE NAME: how many applications are in state NAME.
count_state() {
	"$ecap" status "$1" --xml | grep -c "state=\"$2\"" || true
}

# expected GEN COLUMN VALUE: manifest lines whose column has that value.
expected() {
	awk -F '\t' -v column="$2" -v value="$3" 'NR > 1 && $column == value' \
		"$1/manifest.tsv" | wc -l
}

# check STATE WHAT NAME EXPECTED: the count of NAME equals EXPECTED.
check() {
	actual=$(count_state "$1" "$3")
	[ "$actual" -eq "$4" ] ||
		echo "bench: warning: after the $2 run $actual applications are $3, expected $4" >&2
}

# record_outputs STATE: the sizes of the state's certificate and letter
# PDFs, and the bytes of its out/ and audit/ (less the archive a discard
# kept, counted already), added to this N's files.
kept_bytes=0
record_outputs() {
	find "$1/out/certificates" -name '*.pdf' -printf '%s\n' >>"$work/certificate-pdfs.txt"
	find "$1/out/notices" -name '*.pdf' -printf '%s\n' >>"$work/letter-pdfs.txt"
	printf '%s\t%s\n' "$(du -sb "$1/out" | cut -f1)" \
		"$(($(du -sb "$1/audit" | cut -f1) - kept_bytes))" >>"$work/output-bytes.txt"
}

# discard_outputs STATE: with BENCH_DISCARD=1, records the outputs of the
# run just measured, then removes out/ and every audit archive but the last
# (the next run's archive is chained to it; the public register is written
# again when its document is missing). The deletion slows the next run's
# file creation (see set_aside), so times at that N are pessimistic.
discard_outputs() {
	[ "$discard" = 1 ] || return 0
	record_outputs "$1"
	last=$(cut -d' ' -f1 "$1/store/audit-last")
	[ -f "$1/audit/$last" ] || fail "the last audit archive, $last, is not in $1/audit"
	rm -rf "$1/out" && find "$1/audit" -type f ! -name "$last" -delete ||
		fail "cannot remove $1/out and $1/audit"
	kept_bytes=$(stat -c %s "$1/audit/$last")
}

# pdf_sizes FILE: the count, mean and largest of the sizes FILE lists.
pdf_sizes() {
	awk '{ n++; t += $1; if ($1 > m) m = $1 } END { printf "%d\t%.0f\t%d", n, n ? t / n : 0, m }' "$1"
}

# sizes STATE N APPLICATIONS: a line of sizes.tsv: the certificate and
# letter PDFs (count, mean and largest bytes) and the bytes of out/ and
# audit/ per application that reached review, all four runs'.
sizes() {
	[ "$discard" = 1 ] || record_outputs "$1"
	certificates=$(pdf_sizes "$work/certificate-pdfs.txt")
	letters=$(pdf_sizes "$work/letter-pdfs.txt")
	output_bytes=$(awk -F '\t' '{ out += $1; audit += $2 } END { printf "%.0f\t%.0f", out, audit }' \
		"$work/output-bytes.txt")
	printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$certificates" "$letters" "$output_bytes" \
		>>"$work/sizes.tsv"
}

# set_aside STATE: moves a finished state out of the way; every state set
# aside is removed only when the benchmark ends. Deleting the tens of
# thousands of files of a state right before a run slows the run's own file
# creation for minutes: ext4 skips inodes freed in the last 60 to 300
# seconds when it allocates new ones (fs/ext4/ialloc.c, recently_deleted),
# and scanning past them took up to 70% of a records run here. Leave a few
# minutes between two benchmarks for the same reason.
trash="$work/trash"
set_aside() {
	[ -e "$1" ] || return 0
	mkdir -p "$trash" && mv "$1" "$trash/$(basename "$1")-$$-$(date +%s%N)" ||
		fail "cannot move $1 aside"
}
trap '[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$trash"' EXIT

# timed_run STATE DATE N WHAT INPUTS BYTES: one `ecap run`, a line of results.
timed_run() {
	state=$1
	timing="$work/time.txt"
	/usr/bin/time -f "%e %M %U %S" -o "$timing" "$ecap" run "$state" --date "$2" --quiet \
		--jobs "$jobs" ||
		fail "ecap run failed on the $4 (N=$3)"
	left=$(find "$state/dropbox" -type f | wc -l)
	[ "$left" -eq 0 ] || echo "bench: warning: $left inputs left in the dropbox after the $4 run" >&2
	read -r seconds rss user system <"$timing"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$3" "$4" "$5" "$6" "$seconds" "$rss" \
		"$user" "$system" >>"$results"
}

for n in $sizes; do
	gen=$(generated "$n")
	state="$work/state-$n"
	set_aside "$state"
	"$ecap" init "$state" --policy "$gen/policy.xml" >/dev/null
	bytes=$(awk -F '\t' 'NR > 1 { total += $9 } END { printf "%.0f\n", total }' "$gen/manifest.tsv")
	# The inputs are hard-linked, but the runs' audit archives hold a copy of
	# each, and out/ and the archives hold every letter, certificate and
	# e-mail (each e-mail with its PDFs again, in base64): measured at 10,000
	# (BENCH.md, session 10), out/ 516 KB and audit/ 895 KB an application,
	# of which the packages' copy about 280 KB. So the packages' bytes once,
	# and 1.2 MB an application besides (N = 10,000: about 15 GB; 100,000:
	# about 150 GB).
	# With BENCH_DISCARD=1 only one run's outputs are there at a time, the
	# certification run's the most: about 600 KB an application.
	per_application_kib=1200
	[ "$discard" = 1 ] && per_application_kib=600
	needed_kib=$(echo "$bytes / 1024 + $n * $per_application_kib" | bc)
	free_kib=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
	[ "$free_kib" -ge "$needed_kib" ] ||
		fail "N=$n needs about $((needed_kib / 1048576 + 1)) GB free in $work for its audit archives and letters; $((free_kib / 1048576)) GB is free (for its memory alone, BENCH_EVIDENCE_PERCENT=5 BENCH_DISCARD=1 need far less)"
	sync
	probe_cpus "before N=$n"
	echo "N=$n: packages (load average $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
	drop "$gen/dropbox" "$state"
	: >"$work/certificate-pdfs.txt"
	: >"$work/letter-pdfs.txt"
	: >"$work/output-bytes.txt"
	kept_bytes=0
	timed_run "$state" 2026-11-24 "$n" packages "$n" "$bytes"
	discard_outputs "$state"
	check "$state" packages in-review "$(expected "$gen" 5 accepted)"
	check "$state" packages returned "$(expected "$gen" 5 returned)"
	check "$state" packages rejected "$(expected "$gen" 5 rejected)"

	echo "N=$n: reviews ..." >&2
	drop "$gen/reviews" "$state"
	timed_run "$state" 2026-11-26 "$n" reviews "$(find "$gen/reviews" -type f | wc -l)" \
		"$(du -sb "$gen/reviews" | cut -f1)"
	discard_outputs "$state"
	check "$state" reviews failed "$(expected "$gen" 7 fail)"
	check "$state" reviews awaiting-interview "$(find "$gen/interviews" -type f | wc -l)"

	echo "N=$n: interviews ..." >&2
	drop "$gen/interviews" "$state"
	timed_run "$state" 2026-11-30 "$n" interviews "$(find "$gen/interviews" -type f | wc -l)" \
		"$(du -sb "$gen/interviews" | cut -f1)"
	discard_outputs "$state"
	check "$state" interviews awaiting-interview 0

	echo "N=$n: certification ..." >&2
	publicity=$(count_state "$state" publicity)
	certified_before=$(count_state "$state" certified)
	timed_run "$state" 2026-12-08 "$n" certification "$publicity" 0
	discard_outputs "$state"
	check "$state" certification publicity 0
	check "$state" certification certified "$((certified_before + publicity))"
	sizes "$state" "$n" "$(expected "$gen" 5 accepted)"

	echo "N=$n: floor ..." >&2
	/usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" sh -c \
		'find "$1" -type f -print0 | sort -z | xargs -0 "$2"' floor "$gen/dropbox" \
		"$work/floor" >/dev/null || fail "the floor failed (N=$n)"
	read -r seconds rss user system <"$work/time.txt"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "floor (packages)" "$n" "$bytes" \
		"$seconds" "$rss" "$user" "$system" >>"$results"
	[ "${BENCH_KEEP:-0}" = 1 ] || set_aside "$state"
done

probe_cpus "after the last N"

if [ "${BENCH_BASELINE:-1}" = 1 ]; then
echo "baseline on $baseline_n packages (load average $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
gen=$(generated "$baseline_n")
/usr/bin/time -f "%e %U %S" -o "$work/baseline-time.txt" sh "$here/baseline.sh" "$gen/dropbox" \
	>"$work/baseline.txt" || fail "baseline.sh failed"
cat "$work/baseline.txt" >&2
read -r baseline_seconds baseline_user baseline_system <"$work/baseline-time.txt"
baseline_cpu=$(echo "$baseline_user + $baseline_system" | bc)
fi

# The report. Wall time is what an operator waits; CPU time (user + system)
# is what a busy machine disturbs least.
echo
echo "ecap run with --jobs $jobs on $(nproc) CPUs."
[ "$jobs" -gt 1 ] && echo "Peak RSS: the run's, or one typesetting process's when larger (each process's own)."
[ "$evidence_percent" = 100 ] || echo "Evidence files at $evidence_percent % of their usual size."
[ "$discard" = 1 ] && echo "Each run's out/ and audit/ removed once measured (BENCH_DISCARD=1): the times are pessimistic."
awk -F '\t' '
	{ line = line (NR > 1 ? "; " : "") $1 ": " $2
	  n = split($2, word, " ")
	  for (i = 3; i <= n; i += 3) {
		if (!(NR in fastest) || word[i] < fastest[NR]) fastest[NR] = word[i]
		if (!(NR in slowest) || word[i] > slowest[NR]) slowest[NR] = word[i] }
	  if (fastest[NR] > 0 && slowest[NR] / fastest[NR] > worst) worst = slowest[NR] / fastest[NR] }
	END {
		printf "CPU speed (bench/cpu_speed.c, the same loop on each CPU in turn, seconds): %s.\n", line
		if (worst > 1.2)
			printf "The CPUs did not run at one speed (the slowest took %.1fx the fastest): " \
			       "another tenant'"'"'s load, most likely. ecap runs on every CPU and the " \
			       "floor on one, either of them, so the rates and the ratio to the floor " \
			       "below are not those of a machine whose CPUs run at one speed.\n", worst
	}' "$work/cpu-speed.txt"
echo
echo "| N | run | inputs | MB in | wall s | CPU s | inputs/s | ms per input | CPU ms per input | peak RSS (MB) |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F '\t' '{
	cpu = $7 + $8
	printf "| %d | %s | %d | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %.1f |\n",
		$1, $2, $3, $4 / 1e6, $5, cpu, ($5 > 0 ? $3 / $5 : 0), 1000 * $5 / $3,
		1000 * cpu / $3, $6 / 1024
}' "$results"
echo
echo "Sizes after the certification run (applications: those accepted; out/ and audit/ of all four runs):"
echo
echo "| N | applications | certificate PDFs | mean KB | largest KB | letter PDFs | mean KB | largest KB | out/ KB per application | audit/ KB per application |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F '\t' '{
	printf "| %d | %d | %d | %.1f | %.1f | %d | %.1f | %.1f | %.1f | %.1f |\n",
		$1, $2, $3, $4 / 1024, $5 / 1024, $6, $7 / 1024, $8 / 1024,
		$9 / 1024 / $2, $10 / 1024 / $2
}' "$work/sizes.tsv"
echo
awk -F '\t' '$2 == "packages" { run[$1] = $5 } $2 == "floor (packages)" { floor[$1] = $5 }
	END { for (n in floor) if (run[n] > 0 && floor[n] > 0)
		printf "N=%d: the packages run takes %.2fx the floor (bench/floor.c, one thread; target: at most 1.5x).\n", n, run[n] / floor[n] }' "$results"
echo
[ "${BENCH_BASELINE:-1}" = 1 ] || exit 0
ecap_seconds=$(awk -F '\t' -v n="$baseline_n" '$1 == n && $2 == "packages" { print $5 }' "$results")
ecap_cpu=$(awk -F '\t' -v n="$baseline_n" '$1 == n && $2 == "packages" { print $7 + $8 }' "$results")
if [ -n "$ecap_seconds" ]; then
	printf 'Baseline (bench/baseline.sh: bsdtar, xmllint --schema, sha256sum, xsltproc per package)'
	printf ' on the same %d packages: %.1f s wall, %.1f s CPU, %.1f ms per package.\n' \
		"$baseline_n" "$baseline_seconds" "$baseline_cpu" \
		"$(echo "1000 * $baseline_seconds / $baseline_n" | bc -l)"
	printf 'ecap / baseline throughput: %.1fx wall, %.1fx CPU (target: at least 20x).\n' \
		"$(echo "$baseline_seconds / $ecap_seconds" | bc -l)" \
		"$(echo "$baseline_cpu / $ecap_cpu" | bc -l)"
fi
largest=$(awk -F '\t' '$2 == "packages" { n = $1 } END { print n }' "$results")
if [ -n "$largest" ] && [ "$largest" != "$baseline_n" ] && [ -n "$ecap_seconds" ]; then
	awk -F '\t' -v small="$baseline_n" -v large="$largest" '
		$2 == "packages" && $1 == small {
			wall_small = $5 / $3; cpu_small = ($7 + $8) / $3; rss_small = $6 }
		$2 == "packages" && $1 == large {
			wall_large = $5 / $3; cpu_large = ($7 + $8) / $3; rss_large = $6 }
		END {
			printf "From N=%d to N=%d (packages run): time per package x%.2f wall, x%.2f CPU", small, large, wall_large / wall_small, cpu_large / cpu_small
			printf " (target: at most 1.3); peak RSS x%.2f (target: at most 1.5).\n", rss_large / rss_small
		}' "$results"
fi
