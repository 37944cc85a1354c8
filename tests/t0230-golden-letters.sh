#!/bin/sh
# t0230-golden-letters.sh - every letter kind, rendered by ecap from the test
# dossiers (tests/golden/letters.list), is byte-identical to its golden file
# in tests/golden/letters/: a change of wording or layout shows up here as a
# diff. After a reviewed change, `make golden` writes the new golden files.
. "$(dirname "$0")/lib.sh"

expect "every letter of the list renders" sh "$top/tests/golden/render.sh" "$work/letters"
for golden in "$top"/tests/golden/letters/*; do
	name=$(basename "$golden")
	expect "$name is as the golden file (make golden after a reviewed change)" \
		diff -u "$golden" "$work/letters/$name"
done
expect_equal "no letter without a golden file" \
	"$(ls "$work/letters" | wc -l | tr -d ' ')" "$(ls "$top/tests/golden/letters" | wc -l | tr -d ' ')"
done_testing
