# harness.sh - the TAP harness of every test script, sourced by
# tests/lib.sh and tests/crash/lib-crash.sh: expect, expect_equal, pass,
# fail, report, todo, skip, skip_all, done_testing. The sourcing script sets work (its scratch
# directory, where the output of a failed check is kept) first.

test_count=0
test_failed=0

# expect DESCRIPTION COMMAND...: one TAP line, ok when the command succeeds.
expect() {
	description=$1
	shift
	test_count=$((test_count + 1))
	if "$@" >"$work/last-check.out" 2>&1; then
		echo "ok $test_count - $description"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $description"
		sed 's/^/#   /' "$work/last-check.out" | head -20
	fi
}

# expect_equal DESCRIPTION ACTUAL EXPECTED
expect_equal() {
	if [ "$2" = "$3" ]; then
		expect "$1" true
	else
		expect "$1" sh -c 'echo "got:      $1"; echo "expected: $2"; false' - "$2" "$3"
	fi
}

# pass DESCRIPTION, fail DESCRIPTION: one TAP line for a check made by hand.
pass() {
	expect "$1" true
}

fail() {
	expect "$1" false
}

# report STATUS DESCRIPTION: ok when STATUS (a command's $?) is 0.
report() {
	if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi
}

# todo DESCRIPTION WHY DETAIL: a known gap, "not ok ... # TODO WHY" (TAP: not
# counted as a failure), with the first lines of DETAIL.
todo() {
	test_count=$((test_count + 1))
	echo "not ok $test_count - $1 # TODO $2"
	echo "$3" | head -5 | sed 's/^/#   /'
}

# skip DESCRIPTION WHY: a check that cannot be made here, "ok ... # SKIP WHY".
skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# skip_all WHY: the whole script cannot run here (a tool is missing).
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$test_count"
	echo "$((test_count - test_failed)) passed, $test_failed failed"
	[ "$test_failed" -eq 0 ]
}
