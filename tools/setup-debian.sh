#!/bin/sh
# setup-debian.sh - makes sure the Debian packages that building and testing
# ecap need are installed: installs the missing ones when run as root, and
# otherwise names them and stops. Used by `make demo` and `make check`.
set -u

packages="gcc make pkg-config libxml2-dev libxslt1-dev libarchive-dev libssl-dev zlib1g-dev libdeflate-dev
libpango1.0-dev libharfbuzz-dev libfontconfig-dev libcairo2-dev librsvg2-dev fonts-wqy-microhei fonts-wqy-zenhei fonts-noto-cjk fonts-liberation
python3 libarchive-tools libxml2-utils xsltproc zip p7zip-full time man-db groff-base
poppler-utils strace bc libxmlsec1-dev xmlsec1 libqrencode-dev chromium zbar-tools
libgmime-3.0-dev msmtp python3-aiosmtpd"

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "setup: not a Debian system; make sure these (or their equivalents) are installed:" >&2
	echo "  $packages" | tr '\n' ' ' >&2
	echo >&2
	exit 0
fi

missing=""
for package in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $package" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "setup: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || { echo "setup: apt-get update failed" >&2; exit 1; }
	apt-get install -y -qq $missing >/dev/null ||
		{ echo "setup: apt-get install$missing failed" >&2; exit 1; }
	exit 0
fi
echo "setup: these Debian packages are missing:$missing" >&2
echo "setup: install them with: sudo apt-get install$missing" >&2
exit 1
