/* name.c - escaping file names for XML, logs and terminals; see name.h. */
#include "name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the valid UTF-8 character at text (at most length bytes),
 * or 0 if the bytes there are not one: overlong forms, surrogates and
 * code points above U+10FFFF are not. */
static size_t utf8_length(const unsigned char *text, size_t length)
{
	unsigned code;
	size_t need;

	if (text[0] < 0x80)
		return 1;
	if (text[0] >= 0xC2 && text[0] <= 0xDF)
		need = 2, code = text[0] & 0x1F;
	else if (text[0] >= 0xE0 && text[0] <= 0xEF)
		need = 3, code = text[0] & 0x0F;
	else if (text[0] >= 0xF0 && text[0] <= 0xF4)
		need = 4, code = text[0] & 0x07;
	else
		return 0;
	if (need > length)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((text[i] & 0xC0) != 0x80)
			return 0;
		code = (code << 6) | (text[i] & 0x3F);
	}
	if ((need == 3 && code < 0x800) || (need == 4 && code < 0x10000) ||
	    (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
		return 0;
	return need;
}

/* A character a terminal may act on, or the escape character itself. */
static int needs_escape(const unsigned char *text, size_t step)
{
	if (step == 1)
		return text[0] < 0x20 || text[0] == 0x7F || text[0] == '\\';
	return step == 2 && text[0] == 0xC2 && text[1] < 0xA0;	/* C1: U+0080..U+009F */
}

char *name_escape(const char *name, char *out, size_t size)
{
	const unsigned char *text = (const unsigned char *)name;
	size_t length = strlen(name), used = 0;

	if (size == 0)
		return out;
	for (size_t i = 0; i < length;) {
		size_t step = utf8_length(text + i, length - i);

		if (step == 0 || needs_escape(text + i, step)) {
			size_t bytes = step ? step : 1;

			if (used + 4 * bytes >= size)
				break;
			for (size_t j = 0; j < bytes; j++)
				used += (size_t)snprintf(out + used, size - used, "\\x%02X",
							 text[i + j]);
			i += bytes;
			continue;
		}
		if (used + step >= size)
			break;
		memcpy(out + used, text + i, step);
		used += step;
		i += step;
	}
	out[used] = '\0';
	return out;
}

int name_is_plain(const char *name)
{
	const unsigned char *text = (const unsigned char *)name;
	size_t length = strlen(name);

	for (size_t i = 0; i < length;) {
		size_t step = utf8_length(text + i, length - i);

		if (step == 0 || needs_escape(text + i, step))
			return 0;
		i += step;
	}
	return 1;
}

int name_is_utf8(const char *text)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t length = strlen(text);

	for (size_t i = 0; i < length;) {
		size_t step = utf8_length(bytes + i, length - i);

		if (step == 0)
			return 0;
		i += step;
	}
	return 1;
}

char *name_escape_invalid(const char *text, size_t size, size_t *escaped_size)
{
	const unsigned char *bytes = (const unsigned char *)text;
	char *out = malloc(4 * size + 1);
	size_t used = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < size;) {
		size_t step = bytes[i] ? utf8_length(bytes + i, size - i) : 1;

		if (step == 0) {
			used += (size_t)snprintf(out + used, 5, "\\x%02X", bytes[i]);
			i++;
			continue;
		}
		memcpy(out + used, bytes + i, step);
		used += step;
		i += step;
	}
	out[used] = '\0';
	*escaped_size = used;
	return out;
}
