#!/bin/sh
# t1330-audit-anchor.sh - the audit chain is anchored in the store
# (doc/audit.md "The anchored chain"): each archive's transaction records it
# as the last, with its SHA-256, in store/audit-last; a run chains to that
# record, and refuses (exit 74, naming the archive) when the recorded archive
# is missing or changed, or an archive is in audit/ beyond it; `ecap audit
# verify DIR` checks the whole chain from archive 1 to the recorded last,
# naming a deleted, replaced or edited archive anywhere, first and last
# included; `ecap audit verify FILE` checks the gzip trailer. A state of
# layout version 1 (no record) is upgraded by recording its newest archive.
. "$(dirname "$0")/lib.sh"

# forge.py ARCHIVE OUT: the archive with one letter edited and its manifests
# and Payload-Oxum recomputed, the way a forger would: a bag that verifies
# on its own, under the same name
cat >"$work/forge.py" <<'EOF'
import gzip, hashlib, io, re, sys, tarfile
source, target = sys.argv[1:3]
with tarfile.open(source, "r:gz") as tar:
    members = [[m, tar.extractfile(m).read() if m.isreg() else None] for m in tar]
bag = members[0][0].name.split("/")[0]
at = {m.name[len(bag) + 1:]: entry for entry in members for m in [entry[0]]}
letter = next(name for name in at if name.startswith("data/out/notices/") and name.endswith(".txt"))
at[letter][1] = at[letter][1] + b"\n(edited)\n"
payload = sorted((name, entry[1]) for name, entry in at.items() if name.startswith("data/"))
line = lambda name, data: f"{hashlib.sha256(data).hexdigest()}  {name}\n"
at["manifest-sha256.txt"][1] = "".join(line(n, d) for n, d in payload).encode()
oxum = f"Payload-Oxum: {sum(len(d) for _, d in payload)}.{len(payload)}".encode()
at["bag-info.txt"][1] = re.sub(rb"Payload-Oxum: [^\n]*", oxum, at["bag-info.txt"][1])
at["tagmanifest-sha256.txt"][1] = "".join(line(n, at[n][1]) for n in
    ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")).encode()
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
    for info, data in members:
        info.pax_headers.pop("size", None)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
with open(target, "wb") as out:
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as compressed:
        compressed.write(raw.getvalue())
EOF

# verify_dir DIR: ecap audit verify DIR, its report in $work/verify.out and
# its exit status in $verified
verify_dir() {
	"$ecap" audit verify "$1" >"$work/verify.out" 2>&1
	verified=$?
}

# refused WHAT TEXT: verify_dir exits 1 and its report has a line with TEXT
refused() {
	expect_equal "$1: ecap audit verify DIR exits 1" "$verified" 1
	expect "$1: the report says '$2'" grep -qF -- "$2" "$work/verify.out"
}

# run_refused WHAT DIR TEXT: a run of DIR exits 74 with TEXT on stderr,
# leaving the dropbox as it was
run_refused() {
	before=$(ls "$2/dropbox" | wc -l)
	"$ecap" run "$2" --date 2026-11-25 >"$work/run.out" 2>"$work/run.err"
	expect_equal "$1: the next run exits 74" "$?" 74
	expect "$1: it says '$3'" grep -qF -- "$3" "$work/run.err"
	expect_equal "$1: it took nothing" "$(ls "$2/dropbox" | wc -l)" "$before"
}

# three runs, a chain of three archives
new_state
base="$work/base"
run=0
for range in 1,4 5,8 '9,$'; do
	run=$((run + 1))
	for name in $(ls "$top/samples/dropbox" | sed -n "${range}p"); do
		cp "$top/samples/dropbox/$name" "$state/dropbox/"
	done
	expect "run $run completes" run_ecap run "$state" --date 2026-11-24
done
name1=$(ls "$state/audit" | sed -n 1p)
name2=$(ls "$state/audit" | sed -n 2p)
name3=$(ls "$state/audit" | sed -n 3p)
expect_equal "three archives" "$(ls "$state/audit" | wc -l | tr -d ' ')" 3
expect_equal "store/audit-last records the last archive and its SHA-256" \
	"$(cat "$state/store/audit-last")" "$name3 $(sha256sum <"$state/audit/$name3" | cut -c1-64)"
"$ecap" init "$work/fresh" >/dev/null
expect_equal "the state's layout is the one a new state has" \
	"$(cat "$state/store/version")" "$(cat "$work/fresh/store/version")"
verify_dir "$state"
expect_equal "ecap audit verify DIR: intact" "$verified" 0
expect "  with one line per archive and the chain's" grep -qxF "chain: intact (3 archives)" \
	"$work/verify.out"
cp -a "$state" "$base"
for name in "$top/samples/dropbox"/*; do
	cp "$name" "$base/dropbox/$(basename "$name" | sed 's/^/again-/')"
done

# copy_state NAME: a copy of the three-archive state in $work/NAME, with inputs
# waiting in its dropbox
copy_state() {
	rm -rf "$work/$1"
	cp -a "$base" "$work/$1"
	copy="$work/$1"
}

# ---- the last archive edited, its manifests recomputed
copy_state edited
python3 "$work/forge.py" "$copy/audit/$name3" "$work/forged.tar.gz"
mv "$work/forged.tar.gz" "$copy/audit/$name3"
"$ecap" audit verify "$copy/audit/$name1" "$copy/audit/$name2" "$copy/audit/$name3" \
	>"$work/files.out" 2>&1
expect_equal "the edited last archive passes as files (nothing follows it)" "$?" 0
verify_dir "$copy"
refused "the last archive edited" \
	"chain: $name3 is not the archive the store recorded as its last: its SHA-256 differs"
run_refused "the last archive edited" "$copy" \
	"the last archive the store recorded, audit/$name3, has changed"

# ---- the last archive deleted
copy_state deleted-last
rm "$copy/audit/$name3"
verify_dir "$copy"
refused "the last archive deleted" "chain: the last archive the store recorded, $name3, is missing"
run_refused "the last archive deleted" "$copy" \
	"the last archive the store recorded, audit/$name3, is missing"

# ---- the first archive deleted, then the first and the last
copy_state deleted-first
rm "$copy/audit/$name1"
verify_dir "$copy"
refused "the first archive deleted" "the archive before it, $name1, is missing"
rm "$copy/audit/$name3"
verify_dir "$copy"
refused "the first and the last archives deleted" "the archive before it, $name1, is missing"
expect "  naming the last too" grep -qF "the last archive the store recorded, $name3, is missing" \
	"$work/verify.out"

# ---- the middle archive replaced by an edited one
copy_state replaced-middle
python3 "$work/forge.py" "$copy/audit/$name2" "$work/forged.tar.gz"
mv "$work/forged.tar.gz" "$copy/audit/$name2"
verify_dir "$copy"
refused "the middle archive edited" \
	"chain: $name3 follows $name2 but its Ecap-Previous-Archive-SHA256 is not that archive's SHA-256"

# ---- an archive beyond the recorded last
copy_state planted
cp "$copy/audit/$name3" "$copy/audit/000004-20261124T000000Z-1.tar.gz"
verify_dir "$copy"
refused "an archive beyond the recorded last" \
	"chain: 000004-20261124T000000Z-1.tar.gz comes after the last archive the store recorded, $name3"
run_refused "an archive beyond the recorded last" "$copy" \
	"audit/000004-20261124T000000Z-1.tar.gz is not in the chain"

# ---- the record deleted
copy_state unrecorded
rm "$copy/store/audit-last"
verify_dir "$copy"
refused "the record deleted" "the store records no last archive"
run_refused "the record deleted" "$copy" "the store records no last archive"

# ---- the record damaged
copy_state damaged-record
echo "not a record" >"$copy/store/audit-last"
verify_dir "$copy"
refused "the record damaged" "store/audit-last' is damaged"
run_refused "the record damaged" "$copy" "store/audit-last' is damaged"

# ---- an intact state goes on: the next run chains to the record
copy_state intact
expect "an intact state: the next run completes" \
	"$ecap" run "$copy" --date 2026-11-25 --quiet
verify_dir "$copy"
expect_equal "  and its chain of four verifies" "$verified" 0
expect_equal "  and the record names the fourth archive" \
	"$(cut -c1-7 "$copy/store/audit-last")" "000004-"

# ---- the note of the last archive's file (store/audit-last-checked): a run
# trusts the recorded SHA-256 without reading the archive again only while
# the file is the one noted; edited in place with its size and modification
# time kept, it has another change time and is hashed, and the run refuses
noted="$copy/store/audit-last-checked"
name4=$(cut -d' ' -f1 "$copy/store/audit-last")
expect_equal "the run that wrote archive 4 noted its name and SHA-256" \
	"$(cut -d' ' -f1,2 "$noted")" "$(cat "$copy/store/audit-last")"
expect_equal "  and its file's device, inode and size" "$(cut -d' ' -f3-5 "$noted")" \
	"$(stat -c '%d %i %s' "$copy/audit/$name4")"
if command -v strace >/dev/null 2>&1 && [ -z "${ECAP_REAL:-}" ]; then
	cp "$top/samples/dropbox"/* "$copy/dropbox/"
	# LeakSanitizer cannot work under ptrace (make check-asan)
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -o "$work/opened" -e trace=open,openat "$ecap" run "$copy" \
		--date 2026-11-25 --quiet
	expect_equal "the next run completes (under strace)" "$?" 0
	expect "  and does not read the noted archive again" sh -c \
		'! grep -F "$1" "$2"' - "audit/$name4" "$work/opened"
	expect_equal "  it notes archive 5" "$(cut -d' ' -f1 "$noted")" \
		"$(ls "$copy/audit" | sed -n 5p)"
else
	echo "ok $((test_count + 1)) - # SKIP strace is not installed, or ecap runs under valgrind"
	test_count=$((test_count + 1))
	cp "$top/samples/dropbox"/* "$copy/dropbox/"
	"$ecap" run "$copy" --date 2026-11-25 --quiet
fi
last=$(cut -d' ' -f1 "$copy/store/audit-last")
size=$(wc -c <"$copy/audit/$last" | tr -d ' ')
touch -r "$copy/audit/$last" "$work/mtime"
sleep 0.05
printf '\377' | dd of="$copy/audit/$last" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
touch -r "$work/mtime" "$copy/audit/$last"
expect_equal "the last archive edited in place, size and mtime kept: the note's size matches" \
	"$(cut -d' ' -f5,6 "$noted")" "$(stat -c '%s' "$copy/audit/$last") $(cut -d' ' -f6 "$noted")"
cp "$top/samples/dropbox"/* "$copy/dropbox/" 2>/dev/null
run_refused "the last archive edited in place (its change time differs from the note's)" \
	"$copy" "the last archive the store recorded, audit/$last, has changed"
copy_state stale-note
echo "not a note" >"$copy/store/audit-last-checked"
expect "a damaged note: the run hashes the archive and completes" \
	"$ecap" run "$copy" --date 2026-11-25 --quiet
expect_equal "  and notes its own archive" "$(cut -d' ' -f1 "$copy/store/audit-last-checked")" \
	"$(cut -d' ' -f1 "$copy/store/audit-last")"

# ---- the gzip trailer
copy_state trailer
archive="$copy/audit/$name2"
size=$(wc -c <"$archive" | tr -d ' ')
cp "$archive" "$work/crc.tar.gz"
# the byte's complement: a fixed byte would leave a CRC that already has it unchanged
crc_byte=$(od -An -tu1 -j $((size - 8)) -N1 "$archive" | tr -d ' ')
printf "\\$(printf '%o' $((255 - crc_byte)))" |
	dd of="$work/crc.tar.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
cmp -s "$archive" "$work/crc.tar.gz"
expect_equal "a CRC-32 byte of the gzip trailer flipped (the file differs)" "$?" 1
mkdir -p "$work/crc" "$work/length"
mv "$work/crc.tar.gz" "$work/crc/$name2"
"$ecap" audit verify "$work/crc/$name2" >"$work/verify.out" 2>&1
expect_equal "  ecap audit verify FILE exits 1" "$?" 1
expect "  naming the CRC-32" grep -qxF "$work/crc/$name2: the gzip trailer's CRC-32 is not that of the data" \
	"$work/verify.out"
cp "$archive" "$work/length/$name2"
printf '\377' | dd of="$work/length/$name2" bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
"$ecap" audit verify "$work/length/$name2" >"$work/verify.out" 2>&1
expect_equal "the length in the gzip trailer changed: exit 1" "$?" 1
expect "  naming the length" grep -qxF "$work/length/$name2: the gzip trailer's length is not that of the data" \
	"$work/verify.out"

# ---- a state of layout version 1: no store/version, no record
copy_state old
rm "$copy/store/version" "$copy/store/audit-last"
expect "a state of version 1: the run completes" "$ecap" run "$copy" --date 2026-11-25 --quiet
expect_equal "  the state is upgraded to the current layout" \
	"$(cat "$copy/store/version")" "$(cat "$work/fresh/store/version")"
verify_dir "$copy"
expect_equal "  the newest archive was recorded and the run chained to it" "$verified" 0
expect_equal "  the new archive follows it" \
	"$(tar xzOf "$copy/audit/$(ls "$copy/audit" | sed -n 4p)" --wildcards '*/bag-info.txt' |
		sed -n 's/^Ecap-Previous-Archive: //p')" "$name3"
copy="$work/old-empty"
"$ecap" init "$copy" --policy "$top/samples/policy.xml" >/dev/null
rm "$copy/store/version"
cp "$top/samples/dropbox"/* "$copy/dropbox/"
expect "a state of version 1 without archives: the run completes" \
	"$ecap" run "$copy" --date 2026-11-25 --quiet
verify_dir "$copy"
expect_equal "  its chain, from archive 000001, verifies" "$verified" 0

# ---- the command's interface
verify_dir "$work"
expect_equal "ecap audit verify on a directory that is not a state: exit 66" "$verified" 66

done_testing
