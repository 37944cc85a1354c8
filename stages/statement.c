/* statement.c - the rules about the self-statement (R2.1, R2.2, R3):
 * characters, CJK share, team versus first-person phrasing, and unexplained
 * Latin acronyms; see statement.h.
 *
 * Characters are decoded as mbrtowc decodes them in the process's (C.UTF-8)
 * locale (text_decode: ASCII and most CJK without its conversion). A
 * byte that does not begin a valid character counts as one character that is
 * neither a letter nor white space, and an incomplete sequence at the end
 * counts as one character, so nothing is ever read past the text.
 */
#include "statement.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "text.h"

/* How far after an acronym its parenthesized explanation may end, in bytes
 * (about 100 Chinese characters); bounds the work per acronym. */
#define EXPLANATION_MAX 320

enum phrase_kind { PHRASE_TEAM, PHRASE_SELF };

/* Longest first, and team phrases before 我, so that 本团队 counts once and
 * 我们 never counts as 我. */
static const struct phrase {
	const char *text;
	enum phrase_kind kind;
} phrases[] = {
	{ "本团队", PHRASE_TEAM },
	{ "我单位", PHRASE_TEAM },
	{ "课题组", PHRASE_TEAM },
	{ "项目组", PHRASE_TEAM },
	{ "我们", PHRASE_TEAM },
	{ "团队", PHRASE_TEAM },
	{ "我院", PHRASE_TEAM },
	{ "我司", PHRASE_TEAM },
	{ "大家", PHRASE_TEAM },
	{ "本人", PHRASE_SELF },
	{ "我", PHRASE_SELF },
};

static int is_cjk_ideograph(wchar_t wc)
{
	uint32_t code = (uint32_t)wc;

	return (code >= 0x3400 && code <= 0x4DBF) ||
	       (code >= 0x4E00 && code <= 0x9FFF) ||
	       (code >= 0xF900 && code <= 0xFAFF) ||
	       (code >= 0x20000 && code <= 0x2FA1F) ||
	       (code >= 0x30000 && code <= 0x3134F);
}

static int is_letter(wchar_t wc)
{
	return is_cjk_ideograph(wc) || iswalpha((wint_t)wc);
}

/* The phrase beginning at text, or NULL. */
static const struct phrase *phrase_at(const char *text)
{
	size_t i;

	/* called at every character of a statement: the first two bytes decide
	 * almost always (every phrase has two), before the whole is compared */
	for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (text[0] == phrases[i].text[0] && text[1] == phrases[i].text[1] &&
		    strncmp(text, phrases[i].text, strlen(phrases[i].text)) == 0)
			return &phrases[i];
	return NULL;
}

/* Unicode's White_Space property (PropList.txt): not the locale's iswspace,
 * which leaves out U+00A0, U+2007 and U+202F (no-break spaces), and U+0085. */
static const uint32_t white_space[][2] = {
	{ 0x0009, 0x000D }, { 0x0020, 0x0020 }, { 0x0085, 0x0085 }, { 0x00A0, 0x00A0 },
	{ 0x1680, 0x1680 }, { 0x2000, 0x200A }, { 0x2028, 0x2029 }, { 0x202F, 0x202F },
	{ 0x205F, 0x205F }, { 0x3000, 0x3000 },
};

/* General category Cf, invisible format characters (Unicode 15). */
static const uint32_t format_characters[][2] = {
	{ 0x00AD, 0x00AD }, { 0x0600, 0x0605 }, { 0x061C, 0x061C }, { 0x06DD, 0x06DD },
	{ 0x070F, 0x070F }, { 0x0890, 0x0891 }, { 0x08E2, 0x08E2 }, { 0x180E, 0x180E },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x2066, 0x206F },
	{ 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0x110BD, 0x110BD }, { 0x110CD, 0x110CD },
	{ 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F },
};

static int in_ranges(uint32_t c, const uint32_t (*ranges)[2], size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (c >= ranges[i][0] && c <= ranges[i][1])
			return 1;
	return 0;
}

int text_is_uncounted(uint32_t c)
{
	return in_ranges(c, white_space, sizeof(white_space) / sizeof(white_space[0])) ||
	       in_ranges(c, format_characters,
			 sizeof(format_characters) / sizeof(format_characters[0]));
}

static void count_character(wchar_t wc, struct statement_metrics *metrics)
{
	/* most of a statement: an ideograph, counted, CJK and a letter, and
	 * none of the white space or format characters */
	if (is_cjk_ideograph(wc)) {
		metrics->characters++;
		metrics->cjk++;
		metrics->letters++;
		return;
	}
	if (!text_is_uncounted((uint32_t)wc))
		metrics->characters++;
	if (iswalpha((wint_t)wc))
		metrics->letters++;
}

void statement_measure(const char *text, struct statement_metrics *metrics)
{
	size_t remaining, phrase_end = 0, offset = 0;
	mbstate_t state;
	wchar_t wc;

	if (!text || !metrics)
		return;
	memset(&state, 0, sizeof(state));
	remaining = strlen(text);
	while (offset < remaining) {
		const struct phrase *phrase = offset >= phrase_end ? phrase_at(text + offset) : NULL;

		if (phrase) {
			if (phrase->kind == PHRASE_TEAM)
				metrics->team_phrases++;
			else
				metrics->self_phrases++;
			phrase_end = offset + strlen(phrase->text);
		}
		offset += text_decode(text + offset, remaining - offset, &state, &wc);
		count_character(wc, metrics);
	}
}

double statement_cjk_share(const struct statement_metrics *metrics)
{
	if (!metrics || !metrics->letters)
		return 0.0;
	if (metrics->cjk >= metrics->letters)
		return 1.0;
	return (double)metrics->cjk / (double)metrics->letters;
}

/* Acronyms ----------------------------------------------------------------- */

struct acronym {
	const char *start;		/* into the text */
	size_t length;
	int explained;
};

struct acronym_list {
	struct acronym *items;
	size_t count, capacity;
};

static int is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_ascii_alnum(char c)
{
	return is_ascii_letter(c) || (c >= '0' && c <= '9');
}

static int is_ascii_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Two or more letters, at least two capitals, beginning with a letter. */
static int is_acronym(const char *word, size_t length)
{
	size_t letters = 0, capitals = 0, i;

	if (!is_ascii_letter(word[0]))
		return 0;
	for (i = 0; i < length; i++) {
		if (is_ascii_letter(word[i]))
			letters++;
		if (word[i] >= 'A' && word[i] <= 'Z')
			capitals++;
	}
	return letters >= 2 && capitals >= 2;
}

/* The length of an opening (or closing) parenthesis at text, ASCII or
 * full-width; 0 if there is none. */
static size_t parenthesis_at(const char *text, int closing)
{
	if (*text == (closing ? ')' : '('))
		return 1;
	if (strncmp(text, closing ? "）" : "（", 3) == 0)
		return 3;
	return 0;
}

/* 1 if text[0..length) holds a letter and is not just the acronym. */
static int holds_other_words(const char *text, size_t length, const char *word,
			     size_t word_length)
{
	size_t offset = 0;
	mbstate_t state;
	wchar_t wc;
	int letters = 0;

	while (length && is_ascii_blank(*text)) {
		text++;
		length--;
	}
	while (length && is_ascii_blank(text[length - 1]))
		length--;
	if (length == word_length && memcmp(text, word, length) == 0)
		return 0;
	memset(&state, 0, sizeof(state));
	while (offset < length) {
		offset += text_decode(text + offset, length - offset, &state, &wc);
		letters += is_letter(wc);
	}
	return letters > 0;
}

/* "GIS（地理信息系统）": a parenthesis holding other words follows. */
static int explained_after(const char *word, size_t word_length)
{
	const char *p = word + word_length, *content;
	size_t open, scanned;

	while (is_ascii_blank(*p))
		p++;
	open = parenthesis_at(p, 0);
	if (!open)
		return 0;
	content = p + open;
	for (scanned = 0; scanned < EXPLANATION_MAX && content[scanned]; scanned++)
		if (parenthesis_at(content + scanned, 1))
			return holds_other_words(content, scanned, word, word_length);
	return 0;
}

/* 1 if the character ending just before `end` (not before `text`) is a letter. */
static int letter_before(const char *text, const char *end)
{
	const char *start = end;
	mbstate_t state;
	wchar_t wc;

	while (start > text && end - start < 4) {
		start--;
		if (((unsigned char)*start & 0xC0) != 0x80)
			break;
	}
	if (start == end)
		return 0;
	memset(&state, 0, sizeof(state));
	if (mbrtowc(&wc, start, (size_t)(end - start), &state) != (size_t)(end - start))
		return 0;
	return is_letter(wc);
}

/* 1 if the ASCII word ending at `end` is `word` ("GIS（GIS）" explains nothing). */
static int word_ends_at(const char *text, const char *end, const char *word,
			size_t word_length)
{
	const char *start = end;

	while (start > text && is_ascii_alnum(start[-1]))
		start--;
	return (size_t)(end - start) == word_length && memcmp(start, word, word_length) == 0;
}

/* "地理信息系统（GIS）": the acronym alone in a parenthesis that follows
 * words. */
static int explained_before(const char *text, const char *word, size_t word_length)
{
	const char *p = word + word_length, *q = word;

	while (is_ascii_blank(*p))
		p++;
	if (!parenthesis_at(p, 1))
		return 0;
	while (q > text && is_ascii_blank(q[-1]))
		q--;
	if (q - text >= 1 && q[-1] == '(')
		q -= 1;
	else if (q - text >= 3 && parenthesis_at(q - 3, 0) == 3)
		q -= 3;
	else
		return 0;
	while (q > text && is_ascii_blank(q[-1]))
		q--;
	return letter_before(text, q) && !word_ends_at(text, q, word, word_length);
}

static int acronym_list_note(struct acronym_list *list, const char *word, size_t length,
			     int explained)
{
	struct acronym *grown;
	size_t i;

	for (i = 0; i < list->count; i++) {
		if (list->items[i].length == length &&
		    memcmp(list->items[i].start, word, length) == 0) {
			list->items[i].explained |= explained;
			return 0;
		}
	}
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 16;

		grown = reallocarray(list->items, capacity, sizeof(*grown));
		if (!grown)
			return -1;
		list->items = grown;
		list->capacity = capacity;
	}
	list->items[list->count].start = word;
	list->items[list->count].length = length;
	list->items[list->count].explained = explained;
	list->count++;
	return 0;
}

/* Collects every distinct acronym of text; stops early (keeping what it has)
 * if memory runs out. ASCII bytes never occur inside a multibyte UTF-8
 * character, so scanning bytes for ASCII words is safe. */
static void acronyms_collect(const char *text, struct acronym_list *list)
{
	const char *p = text;

	while (*p) {
		const char *word = p;
		size_t length;
		int explained;

		if (!is_ascii_alnum(*p)) {
			p++;
			continue;
		}
		while (is_ascii_alnum(*p))
			p++;
		length = (size_t)(p - word);
		if (!is_acronym(word, length))
			continue;
		explained = explained_after(word, length) ||
			    explained_before(text, word, length);
		if (acronym_list_note(list, word, length, explained))
			return;
	}
}

/* Writes the unexplained acronyms, whole ones only; returns how many there are. */
static size_t acronyms_write(const struct acronym_list *list, char *out, size_t out_size)
{
	size_t count = 0, used = 0, i;
	int full = 0;

	if (out && out_size)
		out[0] = '\0';
	for (i = 0; i < list->count; i++) {
		const struct acronym *acronym = &list->items[i];
		size_t separator = used ? 1 : 0;

		if (acronym->explained)
			continue;
		count++;
		if (full || !out || used + separator + acronym->length >= out_size) {
			full = 1;
			continue;
		}
		if (separator)
			out[used++] = ' ';
		memcpy(out + used, acronym->start, acronym->length);
		used += acronym->length;
		out[used] = '\0';
	}
	return count;
}

size_t statement_unexplained_acronyms(const char *text, char *out, size_t out_size)
{
	struct acronym_list list = { NULL, 0, 0 };
	size_t count;

	if (!text) {
		if (out && out_size)
			out[0] = '\0';
		return 0;
	}
	acronyms_collect(text, &list);
	count = acronyms_write(&list, out, out_size);
	free(list.items);
	return count;
}
