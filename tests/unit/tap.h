/* tap.h - a tiny TAP producer for the C unit tests.
 *
 * Each test program includes this once, calls the check macros, and returns
 * tap_done(), which prints the plan and a line "N passed, N failed" and
 * returns the exit status (0 when nothing failed).
 */
#ifndef ECAP_TAP_H
#define ECAP_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static int tap_ok(int condition, const char *file, int line, const char *name)
{
	tap_count++;
	if (!condition)
		tap_failed++;
	printf("%sok %d - %s\n", condition ? "" : "not ", tap_count, name);
	if (!condition)
		printf("#   failed at %s:%d\n", file, line);
	return condition;
}

#define ok(condition, name) tap_ok((condition), __FILE__, __LINE__, (name))

#define is_int(got, expected, name) do { \
	long long tap_got_ = (long long)(got), tap_expected_ = (long long)(expected); \
	if (!tap_ok(tap_got_ == tap_expected_, __FILE__, __LINE__, (name))) \
		printf("#   got %lld, expected %lld\n", tap_got_, tap_expected_); \
} while (0)

#define is_string(got, expected, name) do { \
	const char *tap_got_ = (got), *tap_expected_ = (expected); \
	int tap_same_ = tap_got_ && tap_expected_ && strcmp(tap_got_, tap_expected_) == 0; \
	if (!tap_ok(tap_same_, __FILE__, __LINE__, (name))) \
		printf("#   got '%s', expected '%s'\n", tap_got_ ? tap_got_ : "(null)", \
		       tap_expected_ ? tap_expected_ : "(null)"); \
} while (0)

static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	printf("%d passed, %d failed\n", tap_count - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}

#endif
