/* text.c - UTF-8 text a character at a time, in the process's (C.UTF-8)
 * locale (text_utf8_length, for text known valid, needs none); see text.h. A byte that does not begin a valid character counts as
 * one character, so nothing is ever read past the text. */
#include "text.h"

#include <string.h>

/* Decodes the character at text into *wc; returns its length in bytes (at
 * least 1 when remaining > 0). */
size_t text_decode(const char *text, size_t remaining, mbstate_t *state, wchar_t *wc)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t length;

	/* The common characters without the locale's conversion, decoded as
	 * mbrtowc decodes them (the state is always left initial, below): ASCII
	 * but NUL, and three bytes whose lead is E1 to EC, EE or EF, where no
	 * sequence of two continuation bytes is overlong or a surrogate (RFC
	 * 3629): U+1000 to U+FFFF but U+D000 to U+DFFF, the common CJK among
	 * them. A statement is thousands of such characters (BENCH.md). */
	if (remaining >= 1 && bytes[0] - 1u < 0x7fu) {
		*wc = (wchar_t)bytes[0];
		return 1;
	}
	if (remaining >= 3 && bytes[0] >= 0xe1 && bytes[0] <= 0xef && bytes[0] != 0xed &&
	    (bytes[1] & 0xc0) == 0x80 && (bytes[2] & 0xc0) == 0x80) {
		*wc = (wchar_t)((bytes[0] & 0x0fu) << 12 | (bytes[1] & 0x3fu) << 6 |
				(bytes[2] & 0x3fu));
		return 3;
	}
	length = mbrtowc(wc, text, remaining, state);

	if (length == (size_t)-2) {
		/* Incomplete at the end: one character, and nothing further. */
		memset(state, 0, sizeof(*state));
		*wc = TEXT_NOT_A_CHARACTER;
		return remaining;
	}
	if (length == (size_t)-1 || length == 0) {
		memset(state, 0, sizeof(*state));
		*wc = TEXT_NOT_A_CHARACTER;
		return 1;
	}
	return length;
}

/* The byte length of the character at text (at least 1 for a non-empty
 * text): an invalid or truncated UTF-8 sequence counts one byte at a time. */
size_t text_character_length(const char *text, size_t available, mbstate_t *state)
{
	size_t length = mbrtowc(NULL, text, available, state);

	if (length == (size_t)-1 || length == (size_t)-2 || length == 0) {
		memset(state, 0, sizeof(*state));
		return 1;
	}
	return length;
}

size_t text_utf8_length(const char *text, size_t available)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t length = bytes[0] < 0xC0 ? 1 : bytes[0] < 0xE0 ? 2 : bytes[0] < 0xF0 ? 3 : 4;
	size_t i = 1;

	while (i < length && i < available && (bytes[i] & 0xC0) == 0x80)
		i++;
	return i;
}

size_t text_character_count(const char *text)
{
	size_t count = 0, remaining = strlen(text);
	mbstate_t state;

	memset(&state, 0, sizeof(state));
	while (remaining) {
		size_t length = text_character_length(text, remaining, &state);

		text += length;
		remaining -= length;
		count++;
	}
	return count;
}

size_t text_display_width(const char *text)
{
	mbstate_t state;
	size_t width = 0, length = strlen(text);

	memset(&state, 0, sizeof(state));
	for (size_t i = 0; i < length;) {
		wchar_t character;
		int columns;

		i += text_decode(text + i, length - i, &state, &character);
		/* a byte that is not UTF-8 is shown as one replacement character */
		columns = character == TEXT_NOT_A_CHARACTER ? 1 : wcwidth(character);
		width += columns > 0 ? (size_t)columns : 0;
	}
	return width;
}
