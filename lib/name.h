/* name.h - a file name shown or stored as text.
 *
 * A dropbox name is bytes, not text: a zip or upload from Chinese Windows
 * brings GBK names, and anyone can put control characters in one. Wherever
 * a name enters XML, a log or a terminal it goes through name_escape, so
 * that what is written is always valid UTF-8 with nothing a terminal acts on.
 */
#ifndef ECAP_NAME_H
#define ECAP_NAME_H

#include <limits.h>
#include <stddef.h>

/* Room for any escaped file name: NAME_MAX bytes, each at most 4 ("\xD5"). */
#define NAME_ESCAPED_MAX (4 * NAME_MAX + 1)

/* Copies name into out (size bytes, NUL-terminated), with every byte that
 * is not part of valid UTF-8, every control character (C0, DEL, C1) and the
 * backslash itself written as "\xHH", so the escaping is unambiguous and
 * its result valid UTF-8. A name too long for out is cut before an escape
 * or a character, never inside one. Returns out. */
char *name_escape(const char *name, char *out, size_t size);

/* A copy of text[0..size) with every byte that is not part of valid UTF-8
 * written "\xHH" and everything else as it is: how a state file that an
 * earlier ecap wrote with a raw name inside is made XML again. Caller
 * frees; NULL when out of memory. */
char *name_escape_invalid(const char *text, size_t size, size_t *escaped_size);

/* 1 if text is valid UTF-8 (controls allowed). */
int name_is_utf8(const char *text);

/* 1 if name is valid UTF-8 with nothing name_escape would change. */
int name_is_plain(const char *name);

#endif
