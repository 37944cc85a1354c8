#!/bin/sh
# --jobs: the same dropbox taken with --jobs 1 and with --jobs 2 and 4 ends
# in the same state — the same applications and states, the same dossiers,
# letters (PDF included) and quarantine — although the packages are
# prepared by several threads (pipeline/batch/packages.c files them in arrival
# order). The dropbox holds every sample, one of them twice (the later copy
# is a duplicate-package) and a file that is no archive, so that which input
# comes first matters.
. "$(dirname "$0")/lib.sh"

# fill STATE: the dropbox of STATE, each input with a fixed modification time
fill() {
	minute=0
	for package in "$top"/samples/dropbox/*; do
		minute=$((minute + 1))
		cp "$package" "$1/dropbox/"
		touch -d "2026-11-20 08:$(printf %02d $minute):00" "$1/dropbox/$(basename "$package")"
	done
	cp "$(ls "$top"/samples/dropbox/* | head -1)" "$1/dropbox/zz-again.zip"
	touch -d "2026-11-20 09:00:00" "$1/dropbox/zz-again.zip"
	cp "$work/noise.zip" "$1/dropbox/noise.zip"
	touch -d "2026-11-20 08:30:30" "$1/dropbox/noise.zip"
}

head -c 3000 /dev/urandom >"$work/noise.zip"
for jobs in 1 2 4; do
	"$ecap" init "$work/jobs-$jobs" --policy "$top/samples/policy.xml" >/dev/null
	fill "$work/jobs-$jobs"
	"$ecap" run "$work/jobs-$jobs" --date 2026-11-24 --quiet --jobs $jobs \
		>"$work/run-$jobs.out" 2>&1
	expect_equal "--jobs $jobs: the run exits 0" "$?" 0
	expect_equal "--jobs $jobs: the dropbox is empty" \
		"$(ls "$work/jobs-$jobs/dropbox" | wc -l | tr -d ' ')" 0
	# the run's id (time and process) and the time the status was made
	# differ between any two runs; nothing else may
	"$ecap" status "$work/jobs-$jobs" --xml |
		sed -e 's/[0-9]\{8\}T[0-9]\{6\}Z-[0-9]*/RUN/g' -e 's/generated="[^"]*"//' \
		>"$work/status-$jobs.xml"
	(cd "$work/jobs-$jobs/quarantine" && for file in *; do
		echo "${file#*Z-*-}"
		sed 's/[0-9]\{8\}T[0-9]\{6\}Z-[0-9]*/RUN/g' "$file" | sha256sum
	done) >"$work/quarantine-$jobs.txt"
done
expect "the status names returned, rejected and in-review applications" \
	sh -c "grep -q 'state=\"returned\"' '$work/status-1.xml' &&
	       grep -q 'state=\"rejected\"' '$work/status-1.xml' &&
	       grep -q 'state=\"in-review\"' '$work/status-1.xml'"
expect "the later copy is quarantined as a duplicate" \
	grep -q 'zz-again.zip.*duplicate-package\|duplicate-package.*zz-again.zip' "$work/status-1.xml"
for jobs in 2 4; do
	expect "--jobs $jobs: the status is the same as with --jobs 1" \
		diff "$work/status-1.xml" "$work/status-$jobs.xml"
	expect "--jobs $jobs: the same dossiers" \
		diff -r "$work/jobs-1/store/dossiers" "$work/jobs-$jobs/store/dossiers"
	expect "--jobs $jobs: the same letters, PDFs included" \
		diff -r "$work/jobs-1/out/notices" "$work/jobs-$jobs/out/notices"
	expect "--jobs $jobs: the same quarantine, the same reasons" \
		diff "$work/quarantine-1.txt" "$work/quarantine-$jobs.txt"
done

done_testing
