#!/bin/sh
# t1540-input-race.sh - an input is read from one open file: the bytes
# hashed, stored and archived are those of the file opened, even if its
# dropbox name is replaced or removed while the run takes it (operations.md
# "Reliability"). tests/tools/race-shim.c, preloaded, replaces or removes
# the file right after ecap opens it; the run must exit 0, store the bytes
# it read under their own SHA-256, leave a replacement for the next run and
# write an archive that verifies. With one job and with two; and an input
# over the limits, sparse, whose copy must stay sparse.
#
# Debian packages: python3, gcc (the shim), libxml2-utils (xmllint).
. "$(dirname "$0")/lib.sh"

shim="$work/race-shim.so"
if ! cc -shared -fPIC -o "$shim" "$top/tests/tools/race-shim.c" -ldl 2>"$work/cc.err"; then
	echo "ok 1 # SKIP no C compiler for the race shim: $(head -1 "$work/cc.err")"
	echo "1..1"
	exit 0
fi

# every_input_named_by_its_hash: each file of store/inputs holds the bytes
# its name is the SHA-256 of
every_input_named_by_its_hash() {
	for file in $(find "$state/store/inputs" -type f); do
		test "$(sha256sum <"$file" | cut -c1-64)" = "$(basename "$file")" || {
			echo "$file holds other bytes than its name says"
			return 1
		}
	done
}

# raced ACTION NAME [JOBS]: a run where NAME is replaced or removed once
# right after it is opened
raced() {
	# (under make check-asan the shim comes before ASan's runtime: allowed)
	ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0" \
	LD_PRELOAD="$shim" RACE_ACTION=$1 RACE_NAME=$2 RACE_WITH="$work/replacement" \
		"$ecap" run "$state" --date 2026-11-24 --jobs "${3:-1}" \
		>"$work/ecap.out" 2>"$work/ecap.err"
}

sha_of() {
	sha256sum <"$1" | cut -c1-64
}

for jobs in 1 2; do
	new_state
	build_packages <<EOF
first-$jobs.zip --id A2026-000011 --seed 41
second-$jobs.zip --id A2026-000012 --seed 42
EOF
	# a package replaced by another while the run takes it
	drop "first-$jobs.zip"
	cp "$work/second-$jobs.zip" "$work/replacement"
	raced replace "first-$jobs.zip" "$jobs"
	expect_equal "jobs $jobs: a run whose input is replaced meanwhile exits 0" "$?" 0
	grep -v '[0-9] of [0-9]' "$work/ecap.err" | sed 's/^/#   /' | tail -3
	expect "jobs $jobs: the store holds the bytes it read, under their SHA-256" \
		test -f "$state/store/inputs/$(sha_of "$work/first-$jobs.zip" | cut -c1-2)/$(sha_of "$work/first-$jobs.zip")"
	expect "jobs $jobs: every stored input is what its name says" every_input_named_by_its_hash
	expect_equal "jobs $jobs: the application is the one that was read" \
		"$(state_of A2026-000011)" in-review
	expect "jobs $jobs: the replacement stays in the dropbox for the next run" \
		test -f "$state/dropbox/first-$jobs.zip"
	run_ecap run "$state" --date 2026-11-24
	expect_equal "jobs $jobs: and the next run takes it" "$(state_of A2026-000012)" in-review
	expect "jobs $jobs: the archives verify" "$ecap" audit verify "$state"/audit/*.tar.gz

	# a package removed while the run takes it
	new_state
	build_packages <<EOF
third-$jobs.zip --id A2026-000013 --seed 43
EOF
	drop "third-$jobs.zip"
	raced remove "third-$jobs.zip" "$jobs"
	expect_equal "jobs $jobs: a run whose input is removed meanwhile exits 0" "$?" 0
	grep -v '[0-9] of [0-9]' "$work/ecap.err" | sed 's/^/#   /' | tail -3
	expect_equal "jobs $jobs: the package read is taken all the same" \
		"$(state_of A2026-000013)" in-review
	expect "jobs $jobs: from the bytes read" every_input_named_by_its_hash
	expect "jobs $jobs: the archive verifies" "$ecap" audit verify "$state"/audit/*.tar.gz
done

# an input over the limits, sparse, removed while the run takes it: its
# copy in quarantine (made from the open file) stays sparse
new_state
truncate -s 200M "$state/dropbox/big.zip"
touch -d '@'$(( $(date +%s) - 100 )) "$state/dropbox/big.zip"
raced remove big.zip
expect_equal "a run whose oversize input is removed meanwhile exits 0" "$?" 0
expect_equal "the input is quarantined as too large" "$(quarantine_code_of big.zip)" archive-too-large
copy=$(ls "$state"/quarantine/*-big.zip)
expect "its copy has the size it had" test "$(stat -c %s "$copy")" -eq 209715200
expect "and takes no more room than the original did ($(du -k "$copy" | cut -f1) KB)" \
	test "$(du -k "$copy" | cut -f1)" -lt 1024

# a record removed while the run takes it
new_state
sample=$(ls "$top/samples/dropbox" | head -1)
cp "$top/samples/dropbox/$sample" "$state/dropbox/"
run_ecap run "$state" --date 2026-11-24
printf '<?xml version="1.0"?>\n<nothing/>\n' >"$work/odd.xml"
drop odd.xml
raced remove odd.xml
expect_equal "a run whose record is removed meanwhile exits 0" "$?" 0
expect "the record read is stored from its bytes" every_input_named_by_its_hash
expect "the archives verify" "$ecap" audit verify "$state"/audit/*.tar.gz

done_testing
