#!/bin/sh
# build.sh - builds the libFuzzer harnesses into build/fuzz/: the library
# sources (lib/ stages/ pipeline/ but pipeline/command/main.c) instrumented with
# -fsanitize=fuzzer-no-link,address,undefined into an archive, so that each
# harness, linked with -fsanitize=fuzzer,address,undefined, takes only the
# objects it needs. Needs clang and Debian's libclang-rt-14-dev (installed
# with apt-get when run as root).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/fuzz"
CLANG=${CLANG:-clang}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
# the libraries the Makefile links with, so that both stay in step
LIBRARIES=$(sed -n 's/^LIBRARIES *= *//p' "$top/Makefile")
LIBRARIES=${LIBRARIES:-libxml-2.0 libxslt libexslt libarchive zlib libcrypto}
HARNESSES="fuzz-package fuzz-xml fuzz-stages fuzz-records"

have_fuzzer_runtime() {
	command -v "$CLANG" >/dev/null 2>&1 &&
		echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long s) { return 0; }' |
		"$CLANG" -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1
}

if ! have_fuzzer_runtime; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		apt-get install -y clang libclang-rt-14-dev >&2
	fi
	if ! have_fuzzer_runtime; then
		echo "fuzz/build.sh: needs clang with libFuzzer: apt-get install clang libclang-rt-14-dev" >&2
		exit 1
	fi
fi

cflags="-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter
	-I$top/lib -I$top/stages -I$top/fuzz $(for d in "$top"/pipeline/*/; do printf -- "-I%s " "${d%/}"; done)
	-DECAP_SOURCE_DIR=\"$top\" $($PKG_CONFIG --cflags $LIBRARIES)"
libs="$($PKG_CONFIG --libs $LIBRARIES) -lm"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"

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

mkdir -p "$out/objects"
objects=""
for source in "$top"/lib/*.c "$top"/stages/*.c "$top"/pipeline/*/*.c "$top"/fuzz/common.c; do
	case "$source" in
	*/pipeline/command/main.c) continue ;;
	esac
	object="$out/objects/$(basename "$(dirname "$source")")-$(basename "$source" .c).o"
	if [ ! -e "$object" ] || [ "$source" -nt "$object" ] ||
	   [ -n "$(find "$top/lib" "$top/stages" "$top/pipeline" "$top/fuzz" -name '*.h' -newer "$object" 2>/dev/null | head -1)" ]; then
		rm -f "$object"
		# shellcheck disable=SC2086
		compile "$source" "$object" $sanitize -fsanitize=fuzzer-no-link || continue
	fi
	objects="$objects $object"
done
rm -f "$out/libecap-fuzz.a"
# shellcheck disable=SC2086
ar rcs "$out/libecap-fuzz.a" $objects

for harness in $HARNESSES; do
	# shellcheck disable=SC2086
	"$CLANG" $cflags $sanitize -fsanitize=fuzzer -o "$out/$harness" \
		"$top/fuzz/$harness.c" "$out/libecap-fuzz.a" $libs
	echo "built build/fuzz/$harness"
done
