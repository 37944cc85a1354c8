/* text_ems.c - a text's estimated width in ems, the same number as
 * xslt/certificate-svg.xsl's ems template gives (see text_ems.h). The
 * stylesheet is the reference: the counts are those of its translate()
 * calls and the sum is evaluated in its order, in doubles as XPath
 * evaluates it, so that a certificate is the same bytes whether ecap or a
 * bare xsltproc renders it. */
#include "text_ems.h"

#include <string.h>

#include "text.h"

size_t text_characters_in(const char *text, const char *set)
{
	const unsigned char *c = (const unsigned char *)text;
	unsigned char ascii[128] = { 0 };
	size_t set_length = strlen(set), remaining = strlen(text), count = 0;

	/* an ASCII character is looked up in a table; any other is searched
	 * for in the set, where UTF-8 lets it match only a whole character */
	for (size_t i = 0; i < set_length; i++)
		if ((unsigned char)set[i] < 0x80)
			ascii[(unsigned char)set[i]] = 1;
	while (remaining) {
		size_t length = text_utf8_length((const char *)c, remaining);

		if (*c < 0x80 ? ascii[*c] != 0 : memmem(set, set_length, c, length) != NULL)
			count++;
		c += length;
		remaining -= length;
	}
	return count;
}

/* XPath's string-length: the characters, each one lead byte. */
static size_t characters(const char *text)
{
	size_t count = 0;

	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		count += (*c & 0xC0) != 0x80;
	return count;
}

double text_ems(const char *text, int monospace, const char *narrow, const char *wide,
		const char *small)
{
	/* the stylesheet's variables: length, cjk (not narrow), narrow */
	double length = (double)characters(text);
	double cjk = length - (double)text_characters_in(text, narrow);
	double narrow_count = length - cjk;
	double wide_count, small_count, blank;

	if (monospace)
		return cjk + 0.62 * narrow_count;
	wide_count = (double)text_characters_in(text, wide);
	small_count = (double)text_characters_in(text, small);
	blank = (double)text_characters_in(text, " ");
	/* $cjk + 0.72 * $wide + 0.56 * $small + 0.3 * $blank
	 *      + 0.5 * ($narrow - $wide - $small - $blank), left to right */
	return cjk + 0.72 * wide_count + 0.56 * small_count + 0.3 * blank +
	       0.5 * (narrow_count - wide_count - small_count - blank);
}
