/* test-name.c - unit tests for lib/name.c: names that are not valid UTF-8
 * or that hold control characters are escaped, byte by byte, as \xHH. */
#include <stdlib.h>

#include "name.h"
#include "tap.h"

static char out[NAME_ESCAPED_MAX];

static void test_plain_names_unchanged(void)
{
	is_string(name_escape("申请-2026.zip", out, sizeof(out)), "申请-2026.zip",
		  "a UTF-8 Chinese name is unchanged");
	ok(name_is_plain("申请-2026.zip"), "and is plain");
}

static void test_gbk_name(void)
{
	/* 申请.zip in GBK: C9 EA C7 EB */
	is_string(name_escape("\xC9\xEA\xC7\xEB.zip", out, sizeof(out)),
		  "\\xC9\\xEA\\xC7\\xEB.zip", "a GBK name is escaped byte by byte");
	ok(!name_is_plain("\xC9\xEA\xC7\xEB.zip"), "and is not plain");
}

static void test_controls_and_backslash(void)
{
	is_string(name_escape("a\nb\x1b[31m\\c\x7f", out, sizeof(out)),
		  "a\\x0Ab\\x1B[31m\\x5Cc\\x7F", "controls, ESC, DEL and backslash are escaped");
	is_string(name_escape("x\xC2\x85y", out, sizeof(out)), "x\\xC2\\x85y",
		  "a C1 control (U+0085) is escaped");
}

static void test_invalid_sequences(void)
{
	is_string(name_escape("\xC0\xAF", out, sizeof(out)), "\\xC0\\xAF",
		  "an overlong '/' is escaped");
	is_string(name_escape("\xED\xA0\x80", out, sizeof(out)), "\\xED\\xA0\\x80",
		  "a surrogate is escaped");
	is_string(name_escape("\xE5\xAE", out, sizeof(out)), "\\xE5\\xAE",
		  "a character cut short is escaped");
}

static void test_truncation(void)
{
	char small[8];

	is_string(name_escape("ab\xD5\xD5", small, sizeof(small)), "ab\\xD5",
		  "cut before an escape, never inside one");
	is_string(name_escape("a工程", small, sizeof(small)), "a工程",
		  "whole characters fit");
	is_string(name_escape("ab工程", small, sizeof(small)), "ab工",
		  "cut before a character, never inside one");
}

static void test_escape_invalid_only(void)
{
	static const char text[] = "<a input=\"dropbox/\xC9\xEA.zip\">\n\t工\\</a>";
	size_t size = 0;
	char *escaped = name_escape_invalid(text, sizeof(text) - 1, &size);

	is_string(escaped, "<a input=\"dropbox/\\xC9\\xEA.zip\">\n\t工\\</a>",
		  "a state file keeps its text, and only invalid bytes are escaped");
	is_int(size, strlen(escaped ? escaped : ""), "its size is given");
	free(escaped);
}

int main(void)
{
	test_escape_invalid_only();
	test_plain_names_unchanged();
	test_gbk_name();
	test_controls_and_backslash();
	test_invalid_sequences();
	test_truncation();
	return tap_done();
}
