#!/bin/sh
# coverage.sh [HARNESS...] - how much of ecap's code the fuzz corpora reach:
# builds the harnesses with clang's source coverage into build/fuzz/coverage/,
# runs each once over its corpus (build/fuzz/corpus/<harness>, as run.sh left
# it) and prints llvm-cov's per-file report of lib/, stages/ and pipeline/.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/fuzz/coverage"
CLANG=${CLANG:-clang}
LLVM_PROFDATA=${LLVM_PROFDATA:-llvm-profdata}
LLVM_COV=${LLVM_COV:-llvm-cov}
# the libraries the Makefile links with, so that both stay in step
LIBRARIES=$(sed -n 's/^LIBRARIES *= *//p' "$top/Makefile")
LIBRARIES=${LIBRARIES:-libxml-2.0 libxslt libexslt libarchive zlib libcrypto}
harnesses=${*:-fuzz-package fuzz-xml fuzz-stages fuzz-records}

cflags="-std=c11 -D_GNU_SOURCE -g -O0 -Wno-unused-parameter
	-I$top/lib -I$top/stages -I$top/fuzz $(for d in "$top"/pipeline/*/; do printf -- "-I%s " "${d%/}"; done)
	-DECAP_SOURCE_DIR=\"$top\" $(pkg-config --cflags $LIBRARIES)
	-fprofile-instr-generate -fcoverage-mapping"
libs="$(pkg-config --libs $LIBRARIES) -lm"
# compile SOURCE OBJECT [FLAGS...]: a file of lib/ or stages/ must compile; a
# file of pipeline/ that does not (work in progress, a library not installed)
# is left out with a warning: no harness calls into pipeline/ but for paths.c.
compile() {
	source=$1
	object=$2
	shift 2
	# shellcheck disable=SC2086
	if "$CLANG" $cflags "$@" -c -o "$object" "$source"; then
		return 0
	fi
	case "$source" in
	*/pipeline/*)
		echo "fuzz: warning: left out $source, which does not compile" >&2
		return 1 ;;
	esac
	exit 1
}

mkdir -p "$out/objects" "$out/profiles"
objects=""
for source in "$top"/lib/*.c "$top"/stages/*.c "$top"/pipeline/*/*.c "$top"/fuzz/common.c; do
	case "$source" in
	*/pipeline/command/main.c) continue ;;
	esac
	object="$out/objects/$(basename "$(dirname "$source")")-$(basename "$source" .c).o"
	compile "$source" "$object" -fsanitize=fuzzer-no-link || continue
	objects="$objects $object"
done
rm -f "$out/libecap-coverage.a"
# shellcheck disable=SC2086
ar rcs "$out/libecap-coverage.a" $objects
for harness in $harnesses; do
	# shellcheck disable=SC2086
	"$CLANG" $cflags -fsanitize=fuzzer -o "$out/$harness" "$top/fuzz/$harness.c" \
		"$out/libecap-coverage.a" $libs
	rm -f "$out/profiles/$harness".*
	LLVM_PROFILE_FILE="$out/profiles/$harness.profraw" \
		"$out/$harness" -runs=0 -rss_limit_mb=2048 -timeout=10 \
		"$top/build/fuzz/corpus/$harness" >"$out/$harness.log" 2>&1
	"$LLVM_PROFDATA" merge -sparse -o "$out/profiles/$harness.profdata" \
		"$out/profiles/$harness.profraw"
	echo "== $harness"
	"$LLVM_COV" report "$out/$harness" -instr-profile="$out/profiles/$harness.profdata" \
		-ignore-filename-regex='fuzz/|/usr/' | grep -v '^---'
done
