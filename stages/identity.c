/* identity.c - the rules about identity documents: checking resident ID
 * and passport numbers (R2.9) and the normalised identity that tells one
 * person from another (process.md, *Identity*); see identity.h.
 *
 * Messages never show a number in full, only as identity_mask (lib/mask.h)
 * shows it, nor any part of it the mask hides (such as the embedded birth
 * date).
 */
#include "identity.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "calendar.h"
#include "dossier.h"
#include "mask.h"
#include "text.h"
#include "xml.h"

#define RESIDENT_ID_LENGTH 18
#define MASKED_SIZE 256

char resident_id_check_character(const char *first17)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check_characters[] = "10X98765432";
	int sum = 0, i;

	if (!first17)
		return 0;
	for (i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return 0;
		sum += (first17[i] - '0') * weights[i];
	}
	return check_characters[sum % 11];
}

/* Copies text without its surrounding ASCII white space, upper-cased
 * (ASCII letters only: other bytes are kept as they are); -1 when empty or
 * when it does not fit. */
static int copy_upper_trimmed(const char *text, char *out, size_t out_size)
{
	const char *end;
	size_t length;

	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	end = text + strlen(text);
	while (end > text && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
			      end[-1] == '\r'))
		end--;
	length = (size_t)(end - text);
	if (length == 0 || length >= out_size)
		return -1;
	for (size_t i = 0; i < length; i++)
		out[i] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
	out[length] = '\0';
	return 0;
}

int identity_normalise(const char *type, const char *number, const char *nationality,
		       char *out, size_t out_size)
{
	char upper_number[128], upper_nationality[16];
	int length;

	if (!out || !out_size)
		return -1;
	out[0] = '\0';
	if (!type || !number || copy_upper_trimmed(number, upper_number, sizeof(upper_number)) < 0)
		return -1;
	if (strcmp(type, "resident-id") == 0) {
		if (strlen(upper_number) >= out_size)
			return -1;
		memcpy(out, upper_number, strlen(upper_number) + 1);
		return 0;
	}
	if (strcmp(type, "passport") != 0 || !nationality ||
	    copy_upper_trimmed(nationality, upper_nationality, sizeof(upper_nationality)) < 0)
		return -1;
	length = snprintf(out, out_size, "passport:%s:%s", upper_nationality, upper_number);
	if (length < 0 || (size_t)length >= out_size) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* Drops an incomplete UTF-8 sequence that truncation left at the end. */
static void trim_partial_character(char *text)
{
	size_t length = strlen(text), start = length, back = 0;
	unsigned char lead;
	size_t needed;

	while (start > 0 && back < 4 && ((unsigned char)text[start - 1] & 0xC0) == 0x80) {
		start--;
		back++;
	}
	if (start == 0)
		return;
	lead = (unsigned char)text[start - 1];
	if (lead < 0xC0)
		return;
	needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (back + 1 < needed)
		text[start - 1] = '\0';
}

/* Copies text into out, cut at a character boundary if it does not fit. */
static void clip_text(const char *text, char *out, size_t out_size)
{
	snprintf(out, out_size, "%s", text);
	trim_partial_character(out);
}

static int say(char *message, size_t message_size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes the message (if there is room for one); returns 1, "not valid". */
static int say(char *message, size_t message_size, const char *format, ...)
{
	va_list args;

	if (!message || !message_size)
		return 1;
	va_start(args, format);
	vsnprintf(message, message_size, format, args);
	va_end(args);
	trim_partial_character(message);
	return 1;
}

static int first_non_digit(const char *text, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (text[i] < '0' || text[i] > '9')
			return (int)i;
	return -1;
}

/* The birth date embedded in characters 7..14, as a day; -1 if not real. */
static int resident_id_birth_date(const char *number, day_t *out)
{
	char text[11];

	memcpy(text, number + 6, 4);
	text[4] = '-';
	memcpy(text + 5, number + 10, 2);
	text[7] = '-';
	memcpy(text + 8, number + 12, 2);
	text[10] = '\0';
	return date_parse(text, out);
}

static int resident_id_check(const char *number, const char *birth_date,
			     char *message, size_t message_size)
{
	char masked[MASKED_SIZE];
	size_t count = text_character_count(number);
	int bad_position;
	char given, expected, declared_text[48];
	day_t embedded, declared;

	identity_mask(number, masked, sizeof(masked));
	if (count != RESIDENT_ID_LENGTH)
		return say(message, message_size,
			   "居民身份证号码 %s 有 %zu 位，应为 18 位。", masked, count);
	/* From here on 18 characters whose first 17 are digits are 18 bytes. */
	bad_position = first_non_digit(number, 17);
	if (bad_position >= 0)
		return say(message, message_size,
			   "居民身份证号码 %s 的第 %d 位不是数字，前 17 位应全为数字。",
			   masked, bad_position + 1);
	given = number[17] == 'x' ? 'X' : number[17];
	if (strlen(number) != RESIDENT_ID_LENGTH || (given != 'X' &&
						     (given < '0' || given > '9')))
		return say(message, message_size,
			   "居民身份证号码 %s 的最后一位应为数字或 X。", masked);
	expected = resident_id_check_character(number);
	if (given != expected)
		return say(message, message_size,
			   "居民身份证号码 %s 的校验码为 %c，按 GB 11643 计算应为 %c，号码有误。",
			   masked, given, expected);
	if (resident_id_birth_date(number, &embedded))
		return say(message, message_size,
			   "居民身份证号码 %s 中的出生日期不是有效日期。", masked);
	if (birth_date && (date_parse(birth_date, &declared) || declared != embedded)) {
		clip_text(birth_date, declared_text, sizeof(declared_text));
		return say(message, message_size,
			   "居民身份证号码 %s 中的出生日期与表中填写的出生日期 %s 不一致。",
			   masked, declared_text);
	}
	return 0;
}

static int passport_check(const char *number, char *message, size_t message_size)
{
	char masked[MASKED_SIZE];
	size_t count = text_character_count(number), i;

	identity_mask(number, masked, sizeof(masked));
	if (count < 5 || count > 20)
		return say(message, message_size,
			   "护照号码 %s 有 %zu 个字符，应为 5 到 20 位字母或数字。",
			   masked, count);
	for (i = 0; number[i]; i++) {
		char c = number[i];

		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		      (c >= 'a' && c <= 'z')))
			return say(message, message_size,
				   "护照号码 %s 含有字母和数字以外的字符，应为 5 到 20 位字母或数字。",
				   masked);
	}
	return 0;
}

int identity_check(const char *type, const char *number, const char *birth_date,
		   char *message, size_t message_size)
{
	int is_resident_id = type && strcmp(type, "resident-id") == 0;
	int is_passport = type && strcmp(type, "passport") == 0;
	char type_text[48];

	if (message && message_size)
		message[0] = '\0';
	if (!is_resident_id && !is_passport) {
		clip_text(type ? type : "（空）", type_text, sizeof(type_text));
		say(message, message_size, "证件类型 %s 未知，应为居民身份证或护照。",
		    type_text);
		return -1;
	}
	if (!number || !number[0])
		return say(message, message_size, "未填写%s号码。",
			   is_resident_id ? "居民身份证" : "护照");
	if (is_resident_id)
		return resident_id_check(number, birth_date, message, message_size);
	return passport_check(number, message, message_size);
}


void application_identity(xmlNodePtr application, char *out, size_t size)
{
	char number[128], nationality[16], type[32];

	applicant_text(application, "idDocument", number, sizeof(number));
	applicant_text(application, "nationality", nationality, sizeof(nationality));
	xml_attribute_copy(xml_child(xml_child(application, "applicant"), "idDocument"), "type",
			   type, sizeof(type));
	if (identity_normalise(type, number, nationality, out, size) < 0 && size)
		out[0] = '\0';
}
