/* text_fill.c - plain text filled into lines of a width, the same lines as
 * xslt/text-wrap.xsl's text-wrap template makes (see text_fill.h). The
 * stylesheet is the reference: every rule here is one of its, counted as
 * XPath counts (a character is a Unicode character, its columns one for
 * printable ASCII and two for anything else), so that the text of a letter
 * is the same bytes whether ecap or a bare xsltproc renders it. */
#include "text_fill.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* text-wrap.xsl's $closing-punctuation and $opening-punctuation, byte for
 * byte: a character found in them (XPath contains()) is one. */
static const char closing_marks[] = "，。、；：！？）》」』】〕”’…—,.;:!?)]}%'";
static const char opening_marks[] = "（《「『【〔“‘([{";

/* A line of text is filled at most this many characters back from where it
 * is full before the word is cut instead (text-break-before's tries). */
enum { BREAK_TRIES = 30, LONG_TEXT = 1500, SPLIT_WINDOW = 400, MIN_AVAILABLE = 10 };

/* The text being filled, normalized, a character at a time. */
struct fill {
	char *text;
	size_t *offsets;	/* character i is text[offsets[i] .. offsets[i + 1]) */
	size_t *columns;	/* columns[i]: the columns characters 0 .. i-1 take */
	size_t count;
	size_t width;
	char *out;
	size_t length, capacity;
};

static size_t character_columns(const char *character, size_t length)
{
	unsigned char c = (unsigned char)character[0];

	return length == 1 && c >= 0x20 && c <= 0x7E ? 1 : 2;
}

size_t text_fill_columns(const char *text, size_t length)
{
	size_t columns = 0;

	for (size_t i = 0; i < length;) {
		size_t n = text_utf8_length(text + i, length - i);

		columns += character_columns(text + i, n);
		i += n;
	}
	return columns;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* XPath normalize-space: runs of blanks become one space, none at either end. */
static char *normalized(const char *text)
{
	char *out = malloc(strlen(text) + 1), *end;

	if (!out)
		return NULL;
	end = out;
	for (; *text; text++) {
		if (!is_blank(*text))
			*end++ = *text;
		else if (end > out && end[-1] != ' ')
			*end++ = ' ';
	}
	if (end > out && end[-1] == ' ')
		end--;
	*end = '\0';
	return out;
}

/* Splits fill->text into characters and their running column counts. */
static int index_characters(struct fill *fill)
{
	size_t length = strlen(fill->text);

	fill->offsets = malloc((length + 1) * sizeof(*fill->offsets));
	fill->columns = malloc((length + 1) * sizeof(*fill->columns));
	if (!fill->offsets || !fill->columns)
		return -1;
	fill->count = 0;
	fill->columns[0] = 0;
	for (size_t i = 0; i < length;) {
		size_t n = text_utf8_length(fill->text + i, length - i);

		fill->offsets[fill->count] = i;
		fill->columns[fill->count + 1] = fill->columns[fill->count] +
						 character_columns(fill->text + i, n);
		fill->count++;
		i += n;
	}
	fill->offsets[fill->count] = length;
	return 0;
}

static int append(struct fill *fill, const char *bytes, size_t length)
{
	if (fill->length + length + 1 > fill->capacity) {
		size_t capacity = (fill->length + length + 1) * 2;
		char *grown = realloc(fill->out, capacity);

		if (!grown)
			return -1;
		fill->out = grown;
		fill->capacity = capacity;
	}
	memcpy(fill->out + fill->length, bytes, length);
	fill->length += length;
	fill->out[fill->length] = '\0';
	return 0;
}

/* Appends prefix, characters start .. end-1 and a newline. */
static int append_line(struct fill *fill, const char *prefix, size_t start, size_t end)
{
	return append(fill, prefix, strlen(prefix)) < 0 ||
	       append(fill, fill->text + fill->offsets[start],
		      fill->offsets[end] - fill->offsets[start]) < 0 ||
	       append(fill, "\n", 1) < 0 ? -1 : 0;
}

static int is_space(const struct fill *fill, size_t i)
{
	return fill->text[fill->offsets[i]] == ' ';
}

/* 1 if character i is one of the characters of set (XPath contains()). */
static int is_one_of(const struct fill *fill, size_t i, const char *set)
{
	size_t length = fill->offsets[i + 1] - fill->offsets[i];

	return memmem(set, strlen(set), fill->text + fill->offsets[i], length) != NULL;
}

static int is_character(const struct fill *fill, size_t i, const char *character)
{
	size_t length = fill->offsets[i + 1] - fill->offsets[i];

	return length == strlen(character) &&
	       memcmp(fill->text + fill->offsets[i], character, length) == 0;
}

static int is_narrow(const struct fill *fill, size_t i)
{
	return character_columns(fill->text + fill->offsets[i],
				 fill->offsets[i + 1] - fill->offsets[i]) == 1;
}

static size_t columns_between(const struct fill *fill, size_t start, size_t end)
{
	return fill->columns[end] - fill->columns[start];
}

/* text-wrap.xsl's normalize-space of a part of the normalized text: no
 * space at either end. */
static void trim(const struct fill *fill, size_t *start, size_t *end)
{
	while (*start < *end && is_space(fill, *start))
		(*start)++;
	while (*end > *start && is_space(fill, *end - 1))
		(*end)--;
}

/* text-fit-length: the most characters from start (at least 1) that fit in
 * available columns. */
static size_t fit_length(const struct fill *fill, size_t start, size_t end, size_t available)
{
	size_t n = 0;

	while (n < available && start + n < end &&
	       columns_between(fill, start, start + n + 1) <= available)
		n++;
	return n ? n : 1;
}

/* text-break-before and text-break-at: how many characters from start the
 * line takes when fit would fill it. It may end after character n (1-based)
 * when a space is on either side, or when the next character is not a
 * closing mark, the last not an opening one and the two not both printable
 * ASCII (a Latin word or number); tried from fit back BREAK_TRIES times. */
static size_t break_at(const struct fill *fill, size_t start, size_t end, size_t fit)
{
	for (size_t tries = 0; tries <= BREAK_TRIES && tries < fit; tries++) {
		size_t n = fit - tries, last = start + n - 1, next = start + n;

		if (next >= end || is_space(fill, last) || is_space(fill, next) ||
		    !(is_one_of(fill, next, closing_marks) || is_one_of(fill, last, opening_marks) ||
		      (is_narrow(fill, last) && is_narrow(fill, next))))
			return n;
	}
	return fit;		/* one long word: cut where the line is full */
}

/* text-wrap-lines: characters start .. end-1 filled, the first line after
 * first and the others after indent. */
static int fill_lines(struct fill *fill, size_t start, size_t end, const char *first,
		      const char *indent)
{
	const char *prefix = first;

	for (;;) {
		size_t prefix_columns = text_fill_columns(prefix, strlen(prefix));
		size_t available = fill->width > prefix_columns + MIN_AVAILABLE ?
				   fill->width - prefix_columns : MIN_AVAILABLE;
		size_t cut, line_end;

		trim(fill, &start, &end);
		if (columns_between(fill, start, end) <= available)
			return append_line(fill, prefix, start, end);
		cut = break_at(fill, start, end, fit_length(fill, start, end, available));
		line_end = start + cut;
		while (line_end > start && is_space(fill, line_end - 1))
			line_end--;
		if (append_line(fill, prefix, start, line_end) < 0)
			return -1;
		start += cut;
		trim(fill, &start, &end);
		if (start == end)
			return 0;
		prefix = indent;
	}
}

/* text-wrap: a very long text is cut in two at a sentence end or a space
 * near its middle and each half filled alone, as the stylesheet does to keep
 * its recursion shallow - which decides where its lines break, so here too. */
static int fill_text(struct fill *fill, size_t start, size_t end, const char *first,
		     const char *indent)
{
	size_t half, window, split;

	trim(fill, &start, &end);
	if (end - start <= LONG_TEXT)
		return fill_lines(fill, start, end, first, indent);
	half = start + (end - start) / 2;
	window = half + SPLIT_WINDOW < end ? half + SPLIT_WINDOW : end;
	split = half;
	for (size_t i = half; i < window; i++)
		if (is_character(fill, i, "。")) {
			split = i + 1;
			break;
		}
	if (split == half)
		for (size_t i = half; i < window; i++)
			if (is_space(fill, i)) {
				split = i;
				break;
			}
	if (fill_text(fill, start, split, first, indent) < 0)
		return -1;
	return fill_text(fill, split, end, indent, indent);
}

char *text_fill(const char *text, const char *first, const char *indent, size_t width,
		struct error *err)
{
	struct fill fill = { .width = width };
	char *result = NULL;

	if (!(fill.text = normalized(text)) || index_characters(&fill) < 0 ||
	    append(&fill, "", 0) < 0 || fill_text(&fill, 0, fill.count, first, indent) < 0) {
		error_set(err, "out of memory");
		goto out;
	}
	result = fill.out;
	fill.out = NULL;
out:
	free(fill.out);
	free(fill.columns);
	free(fill.offsets);
	free(fill.text);
	return result;
}
