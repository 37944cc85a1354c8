#!/bin/sh
# t1550-oversize-input.sh - archives hold at most what the intake limits
# allow of an input (operations.md "Reliability", doc/audit.md): a sparse
# file of 2 GB (a few KB on disk) and a record of 50 MB are quarantined as
# over the limits and archived by a descriptor of their SHA-256 and size,
# never copied whole, so that one upload cannot fill the disk through the
# audit archive; the archive verifies, and the next run works. So too when
# the archive is made by the next run, from the journal of a run that died.
#
# Debian packages: coreutils (truncate), libarchive-tools (bsdtar).
. "$(dirname "$0")/lib.sh"

new_state
truncate -s 2G "$state/dropbox/huge.zip"
truncate -s 50M "$state/dropbox/huge.xml"
touch -d '@'$(( $(date +%s) - 100 )) "$state/dropbox/huge.zip" "$state/dropbox/huge.xml"
huge_sum=$(head -c 2G /dev/zero | sha256sum | cut -c1-64)

run_ecap run "$state" --date 2026-11-24
expect_equal "a run over a 2 GB sparse file exits 0" "$?" 0
expect_equal "the file is quarantined as too large" "$(quarantine_code_of huge.zip)" archive-too-large
expect_equal "so is the 50 MB record" "$(quarantine_code_of huge.xml)" xml-malformed
archive=$(ls "$state"/audit/*.tar.gz)
expect "the run wrote one audit archive" test -f "$archive"
size=$(stat -c %s "$archive")
expect "the archive is small ($size bytes), not 2 GB of zeros" test "$size" -lt 1048576
bsdtar -xf "$archive" -C "$work" 2>/dev/null
bag="$work/$(basename "$archive" .tar.gz)"
descriptor=$(find "$bag/data/quarantine" -name '*huge.zip' ! -name '*.reason.xml')
expect "the archive holds a descriptor in the input's place" test -f "$descriptor"
expect "with the input's size" grep -qx "Ecap-Input-Size: 2147483648" "$descriptor"
expect "and its SHA-256" grep -qx "Ecap-Input-SHA256: $huge_sum" "$descriptor"
expect "the reason file gives the same SHA-256" \
	grep -q "sha256=\"$huge_sum\"" "$state"/quarantine/*huge.zip.reason.xml
expect "the archive verifies" "$ecap" audit verify "$archive"
expect "the input itself is kept in quarantine, as it was" \
	test "$(stat -c %s "$state"/quarantine/*-huge.zip)" -eq 2147483648

sample=$(ls "$top/samples/dropbox" | head -1)
cp "$top/samples/dropbox/$sample" "$state/dropbox/"
run_ecap run "$state" --date 2026-11-25
expect_equal "the next run exits 0" "$?" 0
expect "and the chain of archives verifies" "$ecap" audit verify "$state"/audit/*.tar.gz

# a run that dies after quarantining such an input, before its archive:
# the next run archives it from the journal, by a descriptor as well (a
# file-size limit stops the first run at its report; ecap ignores SIGXFSZ)
new_state
truncate -s 200M "$state/dropbox/big.zip"
touch -d '@'$(( $(date +%s) - 100 )) "$state/dropbox/big.zip"
(ulimit -f 4 && "$ecap" run "$state" --date 2026-11-24 >"$work/ecap.out" 2>"$work/ecap.err"
 echo $? >"$work/status")
expect_equal "a run stopped by a file-size limit exits 74" "$(cat "$work/status")" 74
expect "having quarantined the input and left no archive" \
	sh -c "ls '$state/quarantine' | grep -q big.zip && test -z \"\$(ls '$state/audit')\""
run_ecap run "$state" --date 2026-11-24
expect_equal "the next run exits 0" "$?" 0
archive=$(ls "$state"/audit/*.tar.gz)
expect "its archive holds the input by a descriptor" \
	sh -c "tar -xzOf '$archive' --wildcards '*data/quarantine/*-big.zip' | grep -qx 'Ecap-Input-Size: 209715200'"
expect "and verifies" "$ecap" audit verify "$archive"

done_testing
