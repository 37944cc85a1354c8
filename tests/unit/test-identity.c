/* test-identity.c - unit tests for stages/identity.c and lib/mask.c: the
 * GB 11643 check character, resident ID and passport checks (R2.9),
 * masking, and the normalised identity (process.md, *Identity*).
 */
#include <locale.h>
#include <stdlib.h>

#include "identity.h"
#include "mask.h"
#include "tap.h"

#define VALID_ID "110101199003071233"
#define VALID_ID_X "11010119900307125X"

static char message[512];

static int check(const char *type, const char *number, const char *birth_date)
{
	memset(message, 'Z', sizeof(message));
	return identity_check(type, number, birth_date, message, sizeof(message));
}

static int contains(const char *text, const char *part)
{
	return strstr(text, part) != NULL;
}

static int valid_utf8(const char *text)
{
	return mbstowcs(NULL, text, 0) != (size_t)-1;
}

/* Every message: masked, never the full number, valid UTF-8. */
static void message_is_safe(const char *number, const char *masked, const char *name)
{
	char label[200];

	snprintf(label, sizeof(label), "%s: the message shows the masked number", name);
	ok(contains(message, masked), label);
	snprintf(label, sizeof(label), "%s: the message never shows the full number", name);
	ok(!contains(message, number), label);
	snprintf(label, sizeof(label), "%s: the message is valid UTF-8", name);
	ok(valid_utf8(message), label);
	if (!contains(message, masked) || contains(message, number))
		printf("#   message: %s\n", message);
}

static const char *masked(const char *number, size_t size)
{
	static char out[256];

	memset(out, 'Z', sizeof(out));
	identity_mask(number, out, size);
	return out;
}

static void test_check_character(void)
{
	is_int(resident_id_check_character("11010119900307123"), '3',
	       "check character of 11010119900307123 is 3 (sum 174, 174 mod 11 = 9)");
	is_int(resident_id_check_character("11010119900307125"), 'X',
	       "check character of 11010119900307125 is X (sum 178, mod 11 = 2)");
	is_int(resident_id_check_character("11010119900230123"), '6',
	       "check character of 11010119900230123 is 6 (sum 160, mod 11 = 6)");
	is_int(resident_id_check_character("00000000000000000"), '1',
	       "all zeros: sum 0 gives 1");
	is_int(resident_id_check_character(VALID_ID), '3', "only the first 17 are read");
	is_int(resident_id_check_character("1101011990030712"), 0, "16 digits: 0");
	is_int(resident_id_check_character("1101011990030712a"), 0, "a letter: 0");
	is_int(resident_id_check_character(""), 0, "empty: 0");
	is_int(resident_id_check_character(NULL), 0, "NULL: 0");
}

static void test_resident_id(void)
{
	is_int(check("resident-id", VALID_ID, "1990-03-07"), 0, "a valid resident ID");
	is_string(message, "", "no message when valid");
	is_int(check("resident-id", VALID_ID, NULL), 0, "valid without a birth date to compare");
	is_int(check("resident-id", VALID_ID_X, "1990-03-07"), 0, "a valid ID ending in X");
	is_int(check("resident-id", "11010119900307125x", "1990-03-07"), 0,
	       "a lowercase x is accepted");

	is_int(check("resident-id", "110101199003071234", "1990-03-07"), 1,
	       "a wrong check character");
	ok(contains(message, "校验码"), "the message names the check character");
	ok(contains(message, "校验码为 4") && contains(message, "应为 3"),
	   "the message gives the check character found and the right one");
	message_is_safe("110101199003071234", "110***********1234", "wrong check character");

	is_int(check("resident-id", "110101199003071253", "1990-03-07"), 1,
	       "a digit where X belongs");
	ok(contains(message, "应为 X"), "the message says X");
	is_int(check("resident-id", "11010119900307123X", NULL), 1, "X where 3 belongs");
	ok(contains(message, "校验码为 X") && contains(message, "应为 3"),
	   "the message gives both");

	is_int(check("resident-id", "11010119900307123", NULL), 1, "17 characters");
	ok(contains(message, "有 17 位") && contains(message, "18 位"), "the message counts them");
	message_is_safe("11010119900307123", "110**********7123", "17 characters");

	is_int(check("resident-id", "1101011990030712334", NULL), 1, "19 characters");
	ok(contains(message, "有 19 位"), "the message counts 19");
	message_is_safe("1101011990030712334", "110************2334", "19 characters");

	is_int(check("resident-id", "1101011990A3071233", NULL), 1, "a letter inside");
	ok(contains(message, "第 11 位不是数字"), "the message names the position");
	message_is_safe("1101011990A3071233", "110***********1233", "a letter inside");

	is_int(check("resident-id", "11010119900307123Y", NULL), 1, "a letter Y at the end");
	ok(contains(message, "最后一位"), "the message names the last character");

	is_int(check("resident-id", "11010119900307123三", NULL), 1,
	       "18 characters, the last one Chinese");
	ok(contains(message, "最后一位"), "refused as a bad last character");
	ok(valid_utf8(message), "message still valid UTF-8");

	is_int(check("resident-id", "１10101199003071233", NULL), 1,
	       "a full-width digit first");
	ok(contains(message, "第 1 位不是数字"), "the full-width digit is named by position");

	is_int(check("resident-id", "110101199002301236", NULL), 1,
	       "birth date 19900230 (check character right)");
	ok(contains(message, "出生日期不是有效日期"), "the message says the birth date is invalid");
	ok(!contains(message, "19900230") && !contains(message, "1990-02-30"),
	   "the message does not reveal the masked birth date");
	message_is_safe("110101199002301236", "110***********1236", "invalid birth date");

	is_int(check("resident-id", VALID_ID, "1990-03-08"), 1, "birth date differs from the form");
	ok(contains(message, "1990-03-08") && contains(message, "不一致"),
	   "the message names the form's birth date");
	ok(!contains(message, "19900307"), "the message does not reveal the embedded date");
	message_is_safe(VALID_ID, "110***********1233", "birth date differs");

	is_int(check("resident-id", VALID_ID, "1990/03/07"), 1, "a form birth date not parseable");
	ok(contains(message, "1990/03/07"), "named as written");

	is_int(check("resident-id", "", NULL), 1, "an empty number");
	ok(contains(message, "未填写居民身份证号码"), "the message says it is missing");
	is_int(check("resident-id", NULL, NULL), 1, "a NULL number");

	is_int(identity_check("resident-id", "110101199003071234", NULL, NULL, 0), 1,
	       "no message buffer: still the verdict");
	memset(message, 'Z', sizeof(message));
	is_int(identity_check("resident-id", "110101199003071234", NULL, message, 20), 1,
	       "a small message buffer");
	ok(strlen(message) < 20 && valid_utf8(message),
	   "truncated at a character boundary, NUL-terminated");
}

static void test_passport(void)
{
	is_int(check("passport", "E12345678", NULL), 0, "a passport number");
	is_string(message, "", "no message when valid");
	is_int(check("passport", "E1234", NULL), 0, "5 characters");
	is_int(check("passport", "ABCDEFGHIJ0123456789", NULL), 0, "20 characters");
	is_int(check("passport", "e12345678", "1990-03-07"), 0, "lowercase letters, date ignored");
	is_int(check("passport", "E123", NULL), 1, "4 characters");
	ok(contains(message, "有 4 个字符"), "the message counts them");
	message_is_safe("E123", "**23", "short passport");
	is_int(check("passport", "ABCDEFGHIJ01234567890", NULL), 1, "21 characters");
	message_is_safe("ABCDEFGHIJ01234567890", "ABC**************7890", "long passport");
	is_int(check("passport", "E1234-5678", NULL), 1, "a hyphen");
	ok(contains(message, "字母和数字以外"), "the message names the stray character kind");
	message_is_safe("E1234-5678", "E12***5678", "hyphen");
	is_int(check("passport", "E12345６78", NULL), 1, "a full-width digit");
	is_int(check("passport", "护照12345", NULL), 1, "Chinese characters");
	is_int(check("passport", "", NULL), 1, "empty");
	ok(contains(message, "未填写护照号码"), "the message says it is missing");
}

static void test_unknown_type(void)
{
	is_int(check("driver-licence", VALID_ID, NULL), -1, "unknown type");
	ok(contains(message, "driver-licence"), "the message names the type");
	is_int(check(NULL, VALID_ID, NULL), -1, "NULL type");
	is_int(check("Resident-ID", VALID_ID, NULL), -1, "types are case-sensitive");
}

static void test_mask(void)
{
	is_string(masked(VALID_ID, 256), "110***********1233", "18 digits");
	is_string(masked("11010119900307125x", 256), "110***********125x", "ending in x");
	is_string(masked("E12345678", 256), "E12**5678", "9 characters: first 3, last 4");
	is_string(masked("E1234567", 256), "******67", "8 characters: last 2");
	is_string(masked("ABC", 256), "*BC", "3 characters: last 2");
	is_string(masked("AB", 256), "**", "2 characters: nothing shown");
	is_string(masked("A", 256), "*", "1 character: nothing shown");
	is_string(masked("", 256), "", "empty");
	is_string(masked(NULL, 256), "", "NULL");
	is_string(masked("护照号码一二三四五", 256), "护照号**二三四五",
		  "characters, not bytes");
	is_string(masked("号码一二三四五六", 256), "******五六", "8 Chinese characters");
	is_string(masked(VALID_ID, 8), "110****", "truncated to the buffer");
	is_string(masked("护照号码一二三四五", 8), "护照", "truncated at a character boundary");
	is_string(masked(VALID_ID, 1), "", "a one-byte buffer");
	is_string(masked("\xe4\xb8", 256), "**", "truncated UTF-8 counts byte by byte");
	is_string(masked("12345678\xe4", 256), "123**678\xe4",
		  "a stray lead byte at the end is one character");
	identity_mask(VALID_ID, NULL, 10);	/* must not crash */
	ok(1, "NULL output is ignored");
}

static const char *normalised(const char *type, const char *number, const char *nationality,
			      size_t size, int *result)
{
	static char out[256];

	memset(out, 'Z', sizeof(out));
	*result = identity_normalise(type, number, nationality, out, size);
	return out;
}

static void test_normalise(void)
{
	int result;

	is_string(normalised("resident-id", "11010119900307125x", NULL, 256, &result),
		  "11010119900307125X", "a resident ID's check character x is X");
	is_int(result, 0, "... and that is success");
	is_string(normalised("resident-id", VALID_ID_X, "CN", 256, &result), VALID_ID_X,
		  "an upper-case resident ID is itself; the nationality plays no part");
	is_string(normalised("resident-id", VALID_ID, NULL, 256, &result), VALID_ID,
		  "a resident ID of digits is itself");
	is_string(normalised("resident-id", " 11010119900307125x\n", NULL, 256, &result),
		  "11010119900307125X", "surrounding white space is dropped");
	is_string(normalised("passport", "e1234567", "cn", 256, &result), "passport:CN:E1234567",
		  "a passport: upper-cased, with the nationality");
	is_string(normalised("passport", "E1234567", "CN", 256, &result), "passport:CN:E1234567",
		  "the same passport written in capitals: the same identity");
	ok(strcmp(normalised("passport", "E1234567", "US", 256, &result), "passport:CN:E1234567"),
	   "the same passport number from another country: another identity");
	ok(strcmp(normalised("passport", "11010119900307125X", "CN", 256, &result),
		  "11010119900307125X"),
	   "a passport number never equals a resident ID's identity");
	is_int(identity_normalise("passport", "E1234567", NULL, NULL, 0), -1,
	       "no room: -1");
	normalised("passport", "E1234567", NULL, 256, &result);
	is_int(result, -1, "a passport without a nationality: -1");
	is_string(normalised("passport", "E1234567", "", 256, &result), "",
		  "... as with an empty nationality, out empty");
	normalised("driving-licence", "E1234567", "CN", 256, &result);
	is_int(result, -1, "an unknown type: -1");
	is_string(normalised("resident-id", "", NULL, 256, &result), "", "an empty number: empty");
	is_int(result, -1, "... and -1");
	is_string(normalised(NULL, VALID_ID, NULL, 256, &result), "", "no type: empty");
	normalised("passport", "E1234567", "CN", 20, &result);
	is_int(result, -1, "an identity of 20 bytes in 20: -1 (the NUL does not fit)");
	is_string(normalised("passport", "E1234567", "CN", 20, &result), "",
		  "... and nothing half-written");
	is_string(normalised("passport", "E1234567", "CN", 21, &result), "passport:CN:E1234567",
		  "one byte more and it fits");
	is_string(normalised("resident-id", VALID_ID, NULL, 18, &result), "",
		  "a resident ID in 18 bytes does not fit (the NUL)");
	is_string(normalised("resident-id", "\xe5\xbc\xa0x", NULL, 256, &result), "\xe5\xbc\xa0X",
		  "bytes beyond ASCII are kept as they are");
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		printf("# cannot set locale C.UTF-8\n");
	test_check_character();
	test_resident_id();
	test_passport();
	test_unknown_type();
	test_mask();
	test_normalise();
	return tap_done();
}
