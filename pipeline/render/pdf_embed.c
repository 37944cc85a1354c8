/* pdf_embed.c - the one page of a PDF that cairo made, taken into another
 * PDF as a Form XObject; see pdf_embed.h.
 *
 * The PDF is read as PDF 1.5 (ISO 32000-1, 7.3 and 7.5) lays it out: the
 * cross-reference table that startxref points at gives each object's
 * offset, and each object is one value (a dictionary, an array, a number
 * ...), a dictionary followed by its stream's /Length bytes, or nothing
 * else. Values are read by their syntax alone (strings, names, comments
 * and nesting skipped as they are), never evaluated; references "N G R"
 * are the one thing rewritten, to the new numbers. */
#include <stdlib.h>
#include <string.h>
#include "pdf_embed.h"

/* A span of the PDF's bytes. */
struct span {
	const char *start, *end;
};

struct object {
	struct span value;		/* the object's value; a stream's dictionary */
	const unsigned char *stream;	/* a stream's data, or NULL */
	size_t stream_length;
	int number;			/* in the document it is copied into, from 1; 0 if not */
};

struct pdf_embedded {
	struct object *objects;	/* by the PDF's own numbers */
	int count;		/* the cross-reference table's size */
	int *copied;		/* the numbers of the objects copied, in order */
	int copied_count;
	int contents;		/* the page's content stream: the form */
	struct span resources, group;	/* the page's (group may be empty) */
	double box[4];		/* its MediaBox */
};

/* --- reading values -------------------------------------------------------- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\0';
}

static int is_delimiter(char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Past white space and comments. */
static const char *skip_space(const char *p, const char *end)
{
	while (p < end) {
		if (is_space(*p)) {
			p++;
		} else if (*p == '%') {
			while (p < end && *p != '\n' && *p != '\r')
				p++;
		} else {
			break;
		}
	}
	return p;
}

/* Past a regular token (a number, a keyword, a name's characters). */
static const char *skip_token(const char *p, const char *end)
{
	while (p < end && !is_space(*p) && !is_delimiter(*p))
		p++;
	return p;
}

/* Past a literal string, p at its '('. */
static const char *skip_string(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return NULL;
}

/* The decimal digits at p, before end, as a number; -1 if there are none,
 * or more than 12. */
static long read_number(const char *p, const char *end)
{
	const char *start = p;
	long value = 0;

	for (; p < end && is_digit(*p); p++) {
		if (p - start == 12)
			return -1;
		value = value * 10 + (*p - '0');
	}
	return p == start ? -1 : value;
}

static const char *skip_digits(const char *p, const char *end)
{
	while (p < end && is_digit(*p))
		p++;
	return p;
}

/* If p starts an indirect reference "N G R", past it, its N in *number;
 * otherwise NULL. */
static const char *skip_reference(const char *p, const char *end, long *number)
{
	const char *q = skip_digits(p, end), *generation;

	if (q == p || q >= end || !is_space(*q))
		return NULL;
	if ((*number = read_number(p, end)) < 0)
		return NULL;
	generation = skip_space(q, end);
	q = skip_digits(generation, end);
	if (q == generation || q >= end || !is_space(*q))
		return NULL;
	q = skip_space(q, end);
	if (q >= end || *q != 'R' || (q + 1 < end && !is_space(q[1]) && !is_delimiter(q[1])))
		return NULL;
	return q + 1;
}

static const char *skip_value(const char *p, const char *end);

/* Past the values up to `close` ("]" or ">>"), p just inside. */
static const char *skip_until(const char *p, const char *end, const char *close)
{
	size_t length = strlen(close);

	for (;;) {
		p = skip_space(p, end);
		if (p >= end)
			return NULL;
		if ((size_t)(end - p) >= length && memcmp(p, close, length) == 0)
			return p + length;
		if (!(p = skip_value(p, end)))
			return NULL;
	}
}

/* Past one value (a reference counts as one), p at its start; NULL if it
 * runs past end. */
static const char *skip_value(const char *p, const char *end)
{
	long number;
	const char *q;

	if (p >= end)
		return NULL;
	if (end - p >= 2 && p[0] == '<' && p[1] == '<')
		return skip_until(p + 2, end, ">>");
	switch (*p) {
	case '[':
		return skip_until(p + 1, end, "]");
	case '(':
		return skip_string(p, end);
	case '<':
		q = memchr(p, '>', (size_t)(end - p));
		return q ? q + 1 : NULL;
	case '/':
		return skip_token(p + 1, end);
	case ')': case '>': case ']': case '{': case '}':
		return NULL;
	}
	if ((q = skip_reference(p, end, &number)))
		return q;
	q = skip_token(p, end);
	return q > p ? q : NULL;
}

/* The value of key ("/Name") in the dictionary `dictionary` (its "<<" on),
 * or an empty span. */
static struct span dictionary_get(struct span dictionary, const char *key)
{
	const char *p = skip_space(dictionary.start, dictionary.end), *end = dictionary.end;
	size_t length = strlen(key);

	if (end - p < 2 || p[0] != '<' || p[1] != '<')
		return (struct span){ NULL, NULL };
	for (p += 2;;) {
		const char *name, *value;

		p = skip_space(p, end);
		if (p >= end || *p != '/')
			return (struct span){ NULL, NULL };
		name = p;
		p = skip_token(p + 1, end);
		value = skip_space(p, end);
		if (!(p = skip_value(value, end)))
			return (struct span){ NULL, NULL };
		if ((size_t)(skip_token(name + 1, end) - name) == length &&
		    memcmp(name, key, length) == 0)
			return (struct span){ value, p };
	}
}

/* The number a span holds, directly or as a reference; -1 if neither. */
static long span_reference(struct span value)
{
	long number = -1;

	if (!value.start || !skip_reference(value.start, value.end, &number))
		return -1;
	return number;
}

/* --- the objects ---------------------------------------------------------- */

/* An object's value and stream, from its "N G obj". */
static int read_object(struct pdf_embedded *page, int n, const char *pdf, const char *end,
		       long offset)
{
	const char *p = pdf + offset, *value;

	if (offset < 0 || p >= end || read_number(p, end) != n)
		return -1;
	p = skip_token(p, end);
	p = skip_space(p, end);
	p = skip_token(p, end);	/* generation */
	p = skip_space(p, end);
	if (end - p < 3 || memcmp(p, "obj", 3) != 0)
		return -1;
	value = skip_space(p + 3, end);
	if (!(p = skip_value(value, end)))
		return -1;
	page->objects[n].value = (struct span){ value, p };
	p = skip_space(p, end);
	if (end - p >= 6 && memcmp(p, "stream", 6) == 0) {
		p += 6;
		if (p < end && *p == '\r')
			p++;
		if (p >= end || *p != '\n')
			return -1;
		page->objects[n].stream = (const unsigned char *)p + 1;
	}
	return 0;
}

/* The stream lengths, read once every object's value is: a /Length may be a
 * reference to a later object. */
static int read_stream_lengths(struct pdf_embedded *page, const char *end)
{
	for (int n = 1; n < page->count; n++) {
		struct object *object = &page->objects[n];
		struct span length;
		long number;
		const char *after;

		if (!object->stream)
			continue;
		length = dictionary_get(object->value, "/Length");
		if ((number = span_reference(length)) >= 0) {
			if (number >= page->count || !page->objects[number].value.start)
				return -1;
			length = page->objects[number].value;
		}
		if (!length.start || read_number(length.start, length.end) < 0)
			return -1;
		object->stream_length = (size_t)read_number(length.start, length.end);
		if (object->stream_length > (size_t)(end - (const char *)object->stream))
			return -1;
		after = skip_space((const char *)object->stream + object->stream_length, end);
		if (end - after < 9 || memcmp(after, "endstream", 9) != 0)
			return -1;
	}
	return 0;
}

/* The cross-reference table at startxref, every object read from it; its
 * trailer's /Root and /Info. */
static int read_table(struct pdf_embedded *page, const char *pdf, const char *end, long *root,
		      long *info)
{
	const char *p = end - (end - pdf > 64 ? 64 : end - pdf), *found = NULL;
	long offset, first;
	struct span trailer;

	for (; p + 9 <= end; p++)
		if (memcmp(p, "startxref", 9) == 0)
			found = p;
	if (!found || (offset = read_number(skip_space(found + 9, end), end)) <= 0 ||
	    offset >= end - pdf)
		return -1;
	p = pdf + offset;
	if (end - p < 4 || memcmp(p, "xref", 4) != 0)
		return -1;
	p = skip_space(p + 4, end);
	first = read_number(p, end);
	p = skip_space(skip_token(p, end), end);
	page->count = (int)read_number(p, end);
	if (first != 0 || page->count < 2 || page->count > 100000)
		return -1;
	p = skip_space(skip_token(p, end), end);
	page->objects = calloc((size_t)page->count, sizeof(*page->objects));
	if (!page->objects || end - p < 20L * page->count)
		return -1;
	for (int n = 0; n < page->count; n++, p += 20) {
		if (p[17] == 'n' && read_object(page, n, pdf, end, read_number(p, p + 10)) < 0)
			return -1;
	}
	p = skip_space(p, end);
	if (end - p < 7 || memcmp(p, "trailer", 7) != 0)
		return -1;
	trailer.start = skip_space(p + 7, end);
	trailer.end = end;
	*root = span_reference(dictionary_get(trailer, "/Root"));
	*info = span_reference(dictionary_get(trailer, "/Info"));
	return read_stream_lengths(page, end);
}

static int valid(const struct pdf_embedded *page, long number)
{
	return number > 0 && number < page->count && page->objects[number].value.start;
}

/* The page: its content stream, resources, group and box; which objects
 * are copied. */
static int read_page(struct pdf_embedded *page, long root, long info)
{
	struct span kids, box;
	long pages, leaf, resources;
	const char *p;
	int i;

	if (!valid(page, root) ||
	    !valid(page, pages = span_reference(dictionary_get(page->objects[root].value, "/Pages"))))
		return -1;
	kids = dictionary_get(page->objects[pages].value, "/Kids");
	if (!kids.start || *kids.start != '[' ||
	    !(p = skip_reference(skip_space(kids.start + 1, kids.end), kids.end, &leaf)) ||
	    *skip_space(p, kids.end) != ']' || !valid(page, leaf))
		return -1;
	page->contents = (int)span_reference(dictionary_get(page->objects[leaf].value, "/Contents"));
	if (!valid(page, page->contents) || !page->objects[page->contents].stream)
		return -1;
	page->resources = dictionary_get(page->objects[leaf].value, "/Resources");
	page->group = dictionary_get(page->objects[leaf].value, "/Group");
	box = dictionary_get(page->objects[leaf].value, "/MediaBox");
	if (!page->resources.start || !box.start || *box.start != '[')
		return -1;
	p = box.start + 1;
	for (i = 0; i < 4; i++) {
		char *after;

		p = skip_space(p, box.end);
		page->box[i] = strtod(p, &after);
		if (after == p)
			return -1;
		p = after;
	}
	if (page->box[0] != 0 || page->box[1] != 0 || page->box[2] <= 0 || page->box[3] <= 0)
		return -1;	/* cairo's pages start at 0 0 */
	resources = span_reference(page->resources);
	page->copied = calloc((size_t)page->count, sizeof(*page->copied));
	if (!page->copied)
		return -1;
	for (int n = 1; n < page->count; n++) {
		if (!page->objects[n].value.start || n == root || n == pages || n == leaf ||
		    n == info || n == page->contents)
			continue;
		page->objects[n].number = ++page->copied_count;
		page->copied[page->copied_count - 1] = n;
	}
	return resources < 0 || page->objects[resources].number ? 0 : -1;
}

/* --- writing ---------------------------------------------------------------- */

/* span's bytes with each reference renumbered (from first + the object's
 * number among those copied); -1 if one refers to an object not copied. */
static int append_renumbered(GString *out, const struct pdf_embedded *page, struct span span,
			     int first)
{
	const char *p = span.start, *end = span.end;
	int failed = 0;

	while (p < end) {
		const char *next;
		long number;

		if (*p == '(' && (next = skip_string(p, end))) {
			g_string_append_len(out, p, next - p);
			p = next;
		} else if (*p == '%' || (*p == '/' && p + 1 < end)) {
			next = *p == '%' ? skip_space(p, end) : skip_token(p + 1, end);
			g_string_append_len(out, p, next - p);
			p = next;
		} else if ((next = skip_reference(p, end, &number))) {
			if (number <= 0 || number >= page->count || !page->objects[number].number)
				failed = 1;
			else
				g_string_append_printf(out, "%d 0 R",
						       first + page->objects[number].number);
			p = next;
		} else if (is_digit(*p) || *p == '-' || *p == '+' || *p == '.' ||
			   (!is_space(*p) && !is_delimiter(*p))) {
			next = skip_token(p, end);
			g_string_append_len(out, p, next - p);
			p = next;
		} else {
			g_string_append_c(out, *p++);
		}
	}
	return failed ? -1 : 0;
}

/* The form: the content stream's dictionary but its /Length, and the
 * page's box, resources and group. */
static int append_form(GString *out, const struct pdf_embedded *page, int first)
{
	const struct object *contents = &page->objects[page->contents];
	const char *p = skip_space(contents->value.start, contents->value.end) + 2;
	const char *end = contents->value.end;
	int failed = 0;

	g_string_append_printf(out, "<< /Type /XObject /Subtype /Form /BBox [%g %g %g %g] "
			       "/Resources ", page->box[0], page->box[1], page->box[2], page->box[3]);
	failed |= append_renumbered(out, page, page->resources, first);
	if (page->group.start) {
		g_string_append(out, " /Group ");
		failed |= append_renumbered(out, page, page->group, first);
	}
	g_string_append_printf(out, " /Length %zu", contents->stream_length);
	for (;;) {
		const char *name, *value;

		p = skip_space(p, end);
		if (p >= end || *p != '/')
			break;
		name = p;
		value = skip_space(skip_token(p + 1, end), end);
		if (!(p = skip_value(value, end)))
			break;
		if ((size_t)(value - name) >= 7 && memcmp(name, "/Length", 7) == 0 &&
		    (is_space(name[7]) || is_delimiter(name[7])))
			continue;
		g_string_append_c(out, ' ');
		failed |= append_renumbered(out, page, (struct span){ name, p }, first);
	}
	g_string_append(out, " >>\nstream\n");
	g_string_append_len(out, (const char *)contents->stream, (gssize)contents->stream_length);
	g_string_append(out, "\nendstream\nendobj\n");
	return failed ? -1 : 0;
}

static int append_object(GString *out, const struct pdf_embedded *page, int n, int first)
{
	const struct object *object = &page->objects[n];
	int failed = append_renumbered(out, page, object->value, first);

	if (object->stream) {
		g_string_append(out, "\nstream\n");
		g_string_append_len(out, (const char *)object->stream,
				    (gssize)object->stream_length);
		g_string_append(out, "\nendstream");
	}
	g_string_append(out, "\nendobj\n");
	return failed;
}

void pdf_embedded_object(const struct pdf_embedded *page, int index, int first, GString *out)
{
	if (index == 0)
		append_form(out, page, first);
	else if (index <= page->copied_count)
		append_object(out, page, page->copied[index - 1], first);
}

/* Whether every object can be written: no reference to what is not copied. */
static int writable(const struct pdf_embedded *page)
{
	GString *scratch = g_string_new(NULL);
	int failed = append_form(scratch, page, 1);

	for (int i = 0; i < page->copied_count && !failed; i++)
		failed = append_object(scratch, page, page->copied[i], 1);
	g_string_free(scratch, TRUE);
	return !failed;
}

struct pdf_embedded *pdf_embedded_read(const unsigned char *pdf, size_t size)
{
	struct pdf_embedded *page = calloc(1, sizeof(*page));
	const char *start = (const char *)pdf, *end = start + size;
	long root = -1, info = -1;

	if (!page || size < 16 || memcmp(pdf, "%PDF-", 5) != 0 ||
	    read_table(page, start, end, &root, &info) < 0 || read_page(page, root, info) < 0 ||
	    !writable(page)) {
		pdf_embedded_free(page);
		return NULL;
	}
	return page;
}

void pdf_embedded_free(struct pdf_embedded *page)
{
	if (!page)
		return;
	free(page->objects);
	free(page->copied);
	free(page);
}

int pdf_embedded_count(const struct pdf_embedded *page)
{
	return 1 + page->copied_count;
}

double pdf_embedded_width(const struct pdf_embedded *page)
{
	return page->box[2] - page->box[0];
}

double pdf_embedded_height(const struct pdf_embedded *page)
{
	return page->box[3] - page->box[1];
}
