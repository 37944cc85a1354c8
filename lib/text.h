/* text.h - UTF-8 text a character at a time (text.c). The process must
 * have called setlocale(LC_CTYPE, "C.UTF-8") first. */
#ifndef ECAP_TEXT_H
#define ECAP_TEXT_H

#include <stddef.h>
#include <wchar.h>

/* What text_decode gives for a byte that begins no valid character. */
#define TEXT_NOT_A_CHARACTER ((wchar_t)0xFFFD)

/* Decodes the character at text into *wc; returns its length in bytes (at
 * least 1 when remaining > 0). An incomplete sequence at the end is one
 * character; an invalid byte is one. */
size_t text_decode(const char *text, size_t remaining, mbstate_t *state, wchar_t *wc);

/* The byte length of the character at text (at least 1 for a non-empty
 * text): an invalid or truncated UTF-8 sequence counts one byte at a time. */
size_t text_character_length(const char *text, size_t available, mbstate_t *state);

/* The byte length of the character at text in text known to be valid UTF-8
 * (libxml2's strings), by its lead byte and as far as continuation bytes
 * follow within available: no locale, and nothing read past available. */
size_t text_utf8_length(const char *text, size_t available);

/* How many characters text holds (text_character_length's). */
size_t text_character_count(const char *text);

/* The columns text takes on a terminal (wcwidth: a CJK character takes 2). */
size_t text_display_width(const char *text);

#endif
