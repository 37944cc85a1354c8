#!/bin/sh
# Audit archives (doc/audit.md): every run that changes something leaves one
# BagIt bag (RFC 8493) in DIR/audit/, chained to the archive before it;
# `ecap audit verify` and an independent validator (tools/bagit_check.py)
# accept them, and every kind of tampering — a payload byte, a tag file, a
# manifest line, a file removed or added, an archive removed, swapped,
# truncated or replaced — makes `ecap audit verify` exit 1 naming the cause.
. "$(dirname "$0")/lib.sh"

bagit_check="$top/tests/tools/bagit_check.py"

# retar.py IN --to OUT [EDIT]... [--to OUT [EDIT]...]...: copies of the
# archive IN with the edits made in order, re-tarred deterministically (pax,
# gzip without a timestamp); one Python for them all. NAME is relative to the
# bag directory. --sub NAME REGEX REPLACEMENT edits a file with re.sub;
# --mkdir NAME adds a directory entry; --manifest, --oxum and --tagmanifest
# redo those the way a forger would; --unsafe adds a '..' name, an absolute
# name and a symlink.
cat >"$work/retar.py" <<'EOF'
import argparse, copy, gzip, hashlib, io, re, sys, tarfile

class Edit(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        namespace.edits.append((self.dest, values))

parser = argparse.ArgumentParser()
parser.add_argument("out")
for name, count in (("flip", 1), ("remove", 1), ("add", 2), ("replace", 3),
                    ("sub", 3), ("mkdir", 1), ("manifest", 0), ("oxum", 0),
                    ("tagmanifest", 0), ("unsafe", 0)):
    parser.add_argument("--" + name, dest=name, nargs=count, action=Edit)

def find(members, bag, name):
    for member in members:
        if member[0].name == bag + "/" + name:
            return member
    sys.exit(f"retar.py: no {name} in the bag")

def payload(members, bag):
    return sorted((m.name[len(bag) + 1:], data) for m, data in members
                  if m.name.startswith(bag + "/data/") and data is not None)

def manifest_of(files):
    encode = lambda p: p.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {encode(name)}\n"
                   for name, data in files).encode()

def unsafe_entries(bag):
    entries = []
    for name in (bag + "/data/../../escape.txt", "/etc/ecap-escape.txt"):
        info = tarfile.TarInfo(name)
        info.size = 1
        entries.append([info, b"x"])
    info = tarfile.TarInfo(bag + "/data/link")
    info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
    return entries + [[info, None]]

def edit(members, bag, kind, arguments):
    at = lambda name: find(members, bag, name)
    if kind == "flip":
        data = bytearray(at(arguments[0])[1])
        data[len(data) // 2] ^= 0x01
        at(arguments[0])[1] = bytes(data)
    elif kind == "remove":
        members.remove(at(arguments[0]))
    elif kind == "add":
        info = copy.copy(members[0][0])
        info.name, info.pax_headers = bag + "/" + arguments[0], {}
        members.insert(1, [info, arguments[1].encode()])
    elif kind == "replace":
        member, old, new = at(arguments[0]), arguments[1].encode(), arguments[2].encode()
        if old not in member[1]:
            sys.exit(f"retar.py: no {arguments[1]!r} in {arguments[0]}")
        member[1] = member[1].replace(old, new, 1)
    elif kind == "sub":
        member = at(arguments[0])
        member[1] = re.sub(arguments[1].encode(), arguments[2].encode(), member[1])
    elif kind == "mkdir":
        info = tarfile.TarInfo(bag + "/" + arguments[0] if arguments[0] != "." else bag)
        info.type, info.mode = tarfile.DIRTYPE, 0o700
        members.insert(0, [info, None])
    elif kind == "manifest":
        at("manifest-sha256.txt")[1] = manifest_of(payload(members, bag))
    elif kind == "oxum":
        files = payload(members, bag)
        oxum = f"Payload-Oxum: {sum(len(d) for _, d in files)}.{len(files)}".encode()
        at("bag-info.txt")[1] = re.sub(rb"Payload-Oxum: [^\n]*", oxum, at("bag-info.txt")[1])
    elif kind == "tagmanifest":
        names = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")
        at("tagmanifest-sha256.txt")[1] = manifest_of([(n, at(n)[1]) for n in names])
    elif kind == "unsafe":
        members.extend(unsafe_entries(bag))

def write(members, path):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            info.pax_headers.pop("size", None)
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    with open(path, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as compressed:
            compressed.write(raw.getvalue())

source, argv = sys.argv[1], sys.argv[2:]
starts = [i for i, a in enumerate(argv) if a == "--to"] + [len(argv)]
for start, end in zip(starts, starts[1:]):
    options = parser.parse_args(argv[start + 1:end], argparse.Namespace(edits=[]))
    with tarfile.open(source, "r:gz") as tar:
        members = [[copy.copy(m), tar.extractfile(m).read() if m.isreg() else None]
                   for m in tar]
    bag = members[0][0].name.split("/")[0]
    for kind, arguments in options.edits:
        edit(members, bag, kind, arguments)
    write(members, options.out)
EOF

# verify FILE...: ecap audit verify, its report in $work/verify.out and its
# exit status in $verified
verify() {
	"$ecap" audit verify "$@" >"$work/verify.out" 2>&1
	verified=$?
}

# rejected WHAT TEXT FILE...: verify exits 1 and its report has the line TEXT
# (or a line starting with TEXT when it ends in '...')
rejected() {
	what=$1
	text=$2
	shift 2
	verify "$@"
	expect "$what: exit 1" test "$verified" -eq 1
	case $text in
	*...) expect "$what: the report says '$text'" grep -qF -- "${text%...}" "$work/verify.out" ;;
	*) expect "$what: the report says '$text'" grep -qxF -- "$text" "$work/verify.out" ;;
	esac
}

# bag_info ARCHIVE LABEL: the value of LABEL in the archive's bag-info.txt
bag_info() {
	tar xzOf "$1" --wildcards '*/bag-info.txt' | sed -n "s/^$2: //p"
}

# bagit_says FILE: what bagit_check.py said of FILE in $work/bagit.out
bagit_says() {
	grep -F "$1: " "$work/bagit.out" | cut -c$((${#1} + 3))- | head -1
}

# ---- three runs, each with more of the samples: a chain of three archives

new_state
run=0
for range in 1,5 6,10 '11,$'; do
	run=$((run + 1))
	for name in $(ls "$top/samples/dropbox" | sed -n "${range}p"); do
		cp "$top/samples/dropbox/$name" "$state/dropbox/"
	done
	expect "run $run completes" run_ecap run "$state" --date 2026-11-24
	expect "run $run names its audit archive" grep -q "audit archive: .*/audit/00000$run-" \
		"$work/ecap.out"
done
archives=$(ls "$state/audit" | wc -l | tr -d ' ')
expect_equal "each run that changed something wrote one archive" "$archives" 3
first=$(ls "$state/audit"/000001-*.tar.gz)
second=$(ls "$state/audit"/000002-*.tar.gz)
third=$(ls "$state/audit"/000003-*.tar.gz)
base1=$(basename "$first")
base2=$(basename "$second")
base3=$(basename "$third")
# the run id's process id in seven digits: names that begin with run ids
# sort in the runs' order within a second (a run 9957 before a run 10056)
expect "an archive's name: sequence, UTC time, the process id in seven digits" \
	sh -c 'printf "%s\n" "$@" | grep -Eqvx "[0-9]{6}-[0-9]{8}T[0-9]{6}Z-[0-9]{7}\.tar\.gz" && exit 1 || exit 0' \
	- "$base1" "$base2" "$base3"

expect "a run with nothing to do completes" run_ecap run "$state" --date 2026-11-24
expect_equal "and writes no archive" "$(ls "$state/audit" | wc -l | tr -d ' ')" 3

verify "$first" "$second" "$third"
expect_equal "ecap audit verify accepts the three archives" "$verified" 0
expect_equal "one line per archive, then the chain" "$(cat "$work/verify.out")" \
	"$first: intact
$second: intact
$third: intact
chain: intact (3 archives)"
verify "$third" "$first" "$second"
expect_equal "the order they are given in does not matter" "$verified" 0

# the chain, checked without ecap: each names the one before and its SHA-256
expect_equal "the first archive has no previous one" \
	"$(bag_info "$first" Ecap-Previous-Archive) $(bag_info "$first" Ecap-Previous-Archive-SHA256)" \
	"none none"
expect_equal "the second names the first" "$(bag_info "$second" Ecap-Previous-Archive)" "$base1"
expect_equal "with the first's SHA-256" "$(bag_info "$second" Ecap-Previous-Archive-SHA256)" \
	"$(sha256sum <"$first" | cut -c1-64)"
expect_equal "the third carries the second's SHA-256" \
	"$(bag_info "$third" Ecap-Previous-Archive-SHA256)" "$(sha256sum <"$second" | cut -c1-64)"
expect_equal "the sequence number is in bag-info.txt" \
	"$(bag_info "$third" Ecap-Archive-Sequence)" 3

# ---- tampered copies of the second archive, each in its own directory
# under the archive's own name, all made by one call of retar.py

tampered="$work/tampered"
dossier=$(tar tzf "$second" | sed -n 's|^[^/]*/\(data/dossiers/[^/]*\.xml\)$|\1|p' | head -1)
expect "the second archive holds a dossier to tamper with" test -n "$dossier"
checksum=$(tar xzOf "$second" --wildcards '*/manifest-sha256.txt' | grep -F "  $dossier" |
	cut -c1-64)
oxum=$(bag_info "$second" Payload-Oxum)
odd_name=$(printf 'data/out/100%% sure\r\ntwo lines.txt')
for case in retarred payload-byte bag-info-byte removed added forged manifest-line \
	version oxum unsafe percent crlf tab continued directories bad-percent twice \
	no-sequence; do
	mkdir -p "$tampered/$case"
done
python3 "$work/retar.py" "$second" \
	--to "$tampered/retarred/$base2" \
	--to "$tampered/payload-byte/$base2" --flip "$dossier" \
	--to "$tampered/bag-info-byte/$base2" \
		--replace bag-info.txt "Ecap-Run-Date: 2026-11-24" "Ecap-Run-Date: 2026-11-25" \
	--to "$tampered/removed/$base2" --remove "$dossier" \
	--to "$tampered/added/$base2" --add data/dossiers/A2026-999999.xml "<dossier/>" \
	--to "$tampered/forged/$base2" --add data/dossiers/A2026-999999.xml "<dossier/>" \
		--manifest --oxum --tagmanifest \
	--to "$tampered/manifest-line/$base2" --replace manifest-sha256.txt "$checksum" \
		"$(printf '%s' "$checksum" | tr '0-9a-f' '1-9a-f0')" \
	--to "$tampered/version/$base2" \
		--replace bagit.txt "BagIt-Version: 1.0" "BagIt-Version: 0.97" --tagmanifest \
	--to "$tampered/oxum/$base2" \
		--replace bag-info.txt "Payload-Oxum: $oxum" "Payload-Oxum: 1$oxum" --tagmanifest \
	--to "$tampered/unsafe/$base2" --unsafe \
	--to "$tampered/percent/$base2" --add "$odd_name" "odd" --manifest --oxum --tagmanifest \
	--to "$tampered/crlf/$base2" --sub manifest-sha256.txt '\n' '\r\n' --tagmanifest \
	--to "$tampered/tab/$base2" --sub manifest-sha256.txt '  data/' '\t data/' --tagmanifest \
	--to "$tampered/continued/$base2" \
		--sub bag-info.txt '(Source-Organization: .*)' '\1\n  (continued)' --tagmanifest \
	--to "$tampered/directories/$base2" --mkdir data/dossiers --mkdir data --mkdir . \
	--to "$tampered/bad-percent/$base2" --sub manifest-sha256.txt '  data/policy/' \
		'  data/policy/%41' --tagmanifest \
	--to "$tampered/twice/$base2" --add "$dossier" "<dossier/>" \
	--to "$tampered/no-sequence/$base2" --sub bag-info.txt 'Ecap-Archive-Sequence: 2\n' '' \
		--tagmanifest
expect "retar.py made every tampered copy" test -f "$tampered/percent/$base2"

# what the independent validator says of each, in one call
python3 "$bagit_check" "$first" "$second" "$third" "$tampered"/*/"$base2" >"$work/bagit.out"
for archive in "$first" "$second" "$third"; do
	expect_equal "bagit_check.py finds $(basename "$archive") a valid bag" \
		"$(bagit_says "$archive")" valid
done

# re-tarring alone changes nothing in the bag: the tampering below is the cause
verify "$tampered/retarred/$base2"
expect_equal "a re-tarred but unchanged archive is intact on its own" "$verified" 0
expect_equal "and a valid bag for bagit_check.py" "$(bagit_says "$tampered/retarred/$base2")" valid
rejected "but it is no longer the archive the next one names" \
	"chain: $base3 follows $base2 but its Ecap-Previous-Archive-SHA256 is not that archive's SHA-256" \
	"$first" "$tampered/retarred/$base2" "$third"

copy="$tampered/payload-byte/$base2"
rejected "one byte of a payload file changed" \
	"$copy: manifest-sha256.txt: $dossier: checksum mismatch" "$copy"
rejected "and with its neighbours the chain breaks" \
	"chain: $base3 follows $base2 but its Ecap-Previous-Archive-SHA256 is not that archive's SHA-256" \
	"$first" "$copy" "$third"

copy="$tampered/bag-info-byte/$base2"
rejected "one byte of bag-info.txt changed" \
	"$copy: tagmanifest-sha256.txt: bag-info.txt: checksum mismatch" "$copy"

copy="$tampered/removed/$base2"
rejected "a payload file removed" "$copy: $dossier: listed in the manifest but missing" "$copy"
expect "and the Payload-Oxum no longer adds up" \
	grep -q "^$copy: Payload-Oxum says $oxum but the payload is " "$work/verify.out"

copy="$tampered/added/$base2"
rejected "a payload file added" \
	"$copy: data/dossiers/A2026-999999.xml: present but not in the manifest" "$copy"

copy="$tampered/manifest-line/$base2"
rejected "a manifest line changed" "$copy: manifest-sha256.txt: $dossier: checksum mismatch" "$copy"
expect "and the tag manifest says so" grep -qxF \
	"$copy: tagmanifest-sha256.txt: manifest-sha256.txt: checksum mismatch" "$work/verify.out"

copy="$tampered/version/$base2"
rejected "another BagIt version" "$copy: bagit.txt: line 1 is not 'BagIt-Version: 1.0'" "$copy"

copy="$tampered/oxum/$base2"
rejected "a wrong Payload-Oxum" "$copy: Payload-Oxum says 1$oxum but the payload is $oxum" "$copy"

for case in payload-byte bag-info-byte removed added manifest-line version oxum; do
	said=$(bagit_says "$tampered/$case/$base2")
	expect "bagit_check.py refuses the $case copy too" test -n "$said" -a "$said" != valid
done

# the added file with the manifest, Payload-Oxum and tag manifest redone: the
# bag is consistent again, and only the chain shows the forgery
copy="$tampered/forged/$base2"
verify "$copy"
expect_equal "a forger who redoes every manifest makes a consistent bag" "$verified" 0
expect_equal "which bagit_check.py accepts too" "$(bagit_says "$copy")" valid
rejected "but the next archive gives the forgery away" \
	"chain: $base3 follows $base2 but its Ecap-Previous-Archive-SHA256 is not that archive's SHA-256" \
	"$first" "$copy" "$third"

# names that would escape the bag, and links, are refused, never followed
copy="$tampered/unsafe/$base2"
rejected "a '..' entry name" \
	"$copy: ${base2%.tar.gz}/data/../../escape.txt: refused: a '.' or '..' path component" "$copy"
expect "an absolute entry name is refused" \
	grep -qxF "$copy: /etc/ecap-escape.txt: refused: an absolute name" "$work/verify.out"
expect "a symbolic link is refused" grep -qxF \
	"$copy: ${base2%.tar.gz}/data/link: refused: not a regular file or a directory" \
	"$work/verify.out"
expect "bagit_check.py refuses them too" \
	sh -c "grep -F '$copy: ' '$work/bagit.out' | grep -q 'unsafe name'"
expect "nothing was written outside the bag" test ! -e /etc/ecap-escape.txt

# a path with '%' and a line feed is percent-encoded in the manifest
copy="$tampered/percent/$base2"
expect "the manifest holds %25, %0D and %0A" sh -c "tar xzOf '$copy' --wildcards \
	'*/manifest-sha256.txt' | grep -qF 'data/out/100%25 sure%0D%0Atwo lines.txt'"
verify "$copy"
expect_equal "and ecap decodes them (RFC 8493 §2.1.3)" "$verified" 0
expect_equal "as bagit_check.py does" "$(bagit_says "$copy")" valid

# what RFC 8493 allows is accepted: CRLF line ends, more than one space or a
# tab between checksum and path, continuation lines, directory entries
for case in crlf tab continued directories; do
	verify "$tampered/$case/$base2"
	expect_equal "ecap accepts the $case variant of the bag" "$verified" 0
	expect_equal "as bagit_check.py does" "$(bagit_says "$tampered/$case/$base2")" valid
done
# and what it does not allow is not
copy="$tampered/bad-percent/$base2"
rejected "a '%' that is not %25, %0A or %0D in a manifest path" \
	"$copy: manifest-sha256.txt: line ..." "$copy"
expect "the report says which '%'" grep -qF ": data/policy/%41policy.xml: a '%' that is not" \
	"$work/verify.out"
copy="$tampered/twice/$base2"
rejected "a payload file twice in the archive" "$copy: $dossier: more than once in the archive" \
	"$copy"
copy="$tampered/no-sequence/$base2"
rejected "bag-info.txt without its sequence number" "$copy: bag-info.txt: no Ecap-Archive-Sequence" \
	"$copy"

# ---- the chain

rejected "the middle archive removed" "chain: archive 000002 is missing between 000001 and 000003" \
	"$first" "$third"
expect "though each of the others is intact" \
	sh -c "grep -qxF '$first: intact' '$work/verify.out' && grep -qxF '$third: intact' '$work/verify.out'"

# swapped: each archive under the other's name
mkdir -p "$tampered/swapped"
cp "$first" "$tampered/swapped/$base2"
cp "$second" "$tampered/swapped/$base1"
rejected "two archives swapped" \
	"$tampered/swapped/$base2: the bag directory is '${base1%.tar.gz}' but the archive is named '$base2'" \
	"$tampered/swapped/$base1" "$tampered/swapped/$base2" "$third"
expect "and the chain says whose link is wrong" grep -qxF \
	"chain: $base1 follows $base2 but its Ecap-Previous-Archive is $base1" "$work/verify.out"

rejected "the same archive given twice" \
	"chain: $base1 and $base1 both have the sequence number 1" "$first" "$first"

# ---- broken files

mkdir -p "$tampered/broken"
copy="$tampered/broken/$base2"
size=$(wc -c <"$second" | tr -d ' ')
head -c $((size / 2)) "$second" >"$copy"
rejected "an archive truncated to half" "$copy: damaged archive: ..." "$copy"
head -c 100 "$second" >"$copy"
rejected "an archive cut after 100 bytes" "$copy: damaged archive: ..." "$copy"
head -c $((size - 10)) "$second" >"$copy"
rejected "an archive missing its last 10 bytes" "$copy: damaged archive: ..." "$copy"
rejected "which breaks the chain too" "chain: $base3 follows $base2 but ..." \
	"$first" "$copy" "$third"

cp "$top/samples/policy.xml" "$copy"
rejected "a file that is not an archive" "$copy: not a gzip-compressed tar..." "$copy"
gzip -dc "$second" >"$copy"
rejected "the bag as a plain tar" "$copy: not a gzip-compressed tar..." "$copy"
gzip -c "$top/samples/policy.xml" >"$copy"
rejected "a gzip that holds no tar" "$copy: not a gzip-compressed tar..." "$copy"
: >"$copy"
rejected "an empty file" "$copy: not a gzip-compressed tar..." "$copy"

# ---- the command's interface

"$ecap" audit >/dev/null 2>&1
expect_equal "ecap audit without verify is a usage error" "$?" 64
"$ecap" audit verify >/dev/null 2>&1
expect_equal "ecap audit verify without a file is a usage error" "$?" 64
"$ecap" audit check "$first" >/dev/null 2>&1
expect_equal "an unknown audit subcommand is a usage error" "$?" 64
"$ecap" audit verify "$first" "$work/no-such.tar.gz" >/dev/null 2>&1
expect_equal "a file that does not exist is exit 66" "$?" 66
"$ecap" audit verify "$tampered" >/dev/null 2>&1
expect_equal "so is a directory" "$?" 66

done_testing
