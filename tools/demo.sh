#!/bin/sh
# demo.sh - `make demo`: a fresh state directory demo/state with the sample
# policy, the sample dropbox copied into it, and one batch run over it.
set -eu
cd "$(dirname "$0")/.."

state=demo/state
rm -rf demo
mkdir -p demo
./bin/ecap init "$state" --policy samples/policy.xml
cp samples/dropbox/* "$state/dropbox/"
# the samples were made in November 2026: run on a date just after them
./bin/ecap run "$state" --date 2026-11-24
echo
./bin/ecap status "$state"
echo
echo "The letters (HTML to print, .pdf, .txt for e-mail) are in $state/out/notices/:"
find "$state/out/notices" -name '*.html' | sort | sed 's/^/  /'
echo "Certificates: $state/out/certificates/  Run report: $state/out/reports/*.html"
