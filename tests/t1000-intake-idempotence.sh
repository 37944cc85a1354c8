#!/bin/sh
# Intake: every input leaves the dropbox, incomplete names are left alone,
# and the same dropbox run twice does nothing twice.
. "$(dirname "$0")/lib.sh"

new_state
cp "$top"/samples/dropbox/* "$state/dropbox/"
samples=$(ls "$top/samples/dropbox" | wc -l | tr -d ' ')
echo "half a package" >"$state/dropbox/upload.zip.part"
echo "hidden" >"$state/dropbox/.uploading.zip"
echo "temp" >"$state/dropbox/x.tmp"
echo "download" >"$state/dropbox/y.crdownload"

expect "first run completes" run_ecap run "$state" --date 2026-11-24
expect_equal "only the incomplete names stay in the dropbox" "$(ls -A "$state/dropbox" | sort | tr '\n' ' ')" \
	".uploading.zip upload.zip.part x.tmp y.crdownload "
refresh_status
applications=$(xpath "count(/*/*[local-name()='application'])")
quarantined=$(xpath "count(/*/*[local-name()='quarantined'])")
expect_equal "every sample is an application or quarantined" "$((applications + quarantined))" "$samples"
notices=$(find "$state/out/notices" -type f | wc -l | tr -d ' ')
dossiers=$(ls "$state/store/dossiers" | sort | md5sum)

expect "second run over the same (now empty) dropbox completes" run_ecap run "$state" --date 2026-11-24
expect_equal "no notice was written twice" "$(find "$state/out/notices" -type f | wc -l | tr -d ' ')" "$notices"
expect_equal "no dossier added" "$(ls "$state/store/dossiers" | sort | md5sum)" "$dossiers"

# the same packages dropped again: byte-identical, processed once
cp "$top"/samples/dropbox/* "$state/dropbox/"
expect "third run with the same packages again completes" run_ecap run "$state" --date 2026-11-24
expect_equal "the copies all left the dropbox" "$(find "$state/dropbox" -type f ! -name '.*' ! -name '*.part' ! -name '*.tmp' ! -name '*.crdownload' | wc -l | tr -d ' ')" 0
first=$(ls "$top/samples/dropbox" | head -1)
expect_equal "a copy is quarantined as duplicate-package" \
	"$(xpath "count(/*/*[local-name()='quarantined'][@code='duplicate-package'])")" "$samples"
expect_equal "still no notice written twice" "$(find "$state/out/notices" -type f | wc -l | tr -d ' ')" "$notices"
expect_equal "the dossiers did not change in number" "$(ls "$state/store/dossiers" | sort | md5sum)" "$dossiers"
expect "nothing in the state is readable by others" \
	sh -c "test -z \"\$(find '$state' -path '$state/dropbox' -prune -o -perm /o+r,g+r ! -type l -print)\""
expect "the store holds each input once by its SHA-256" \
	sh -c "for f in \$(find '$state/store/inputs' -type f); do test \"\$(sha256sum < \$f | cut -c1-64)\" = \"\$(basename \$f)\" || exit 1; done"

# a file still being written (modified just now) waits for the next run
cp "$top/samples/policy.xml" "$work/settle-policy.xml"
sed -i 's/settleSeconds="0"/settleSeconds="300"/' "$work/settle-policy.xml"
cp "$top/samples/members.xml" "$work/members.xml"
new_state "$work/settle-policy.xml"
cp "$top/samples/dropbox/$first" "$state/dropbox/fresh.zip"
expect "a run with a fresh upload completes" run_ecap run "$state" --date 2026-11-24
expect "a file modified within settleSeconds stays in the dropbox" test -f "$state/dropbox/fresh.zip"
expect "and the run says it waits" grep -q "still being written" "$work/ecap.out"

done_testing
