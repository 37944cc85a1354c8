/* package_names.c - the names of a package's entries: each checked
 * (UTF-8, no control or noncharacter, no "..", length), quoted for messages,
 * and all compared case-folded for duplicates; see package_reader.h. */
#include "package_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* Appends bytes[0..size) to quoted at *used if it fits with room to spare. */
static int quote_append(struct quoted *quoted, size_t *used, const char *bytes, size_t size)
{
	if (*used + size + 4 > sizeof(quoted->text))
		return -1;
	memcpy(quoted->text + *used, bytes, size);
	*used += size;
	quoted->text[*used] = '\0';
	return 0;
}

/* name with control characters and invalid bytes written as \xNN, and cut
 * with "..." after QUOTED_NAME_BYTES bytes, so that a message stays one line. */
const char *quote(const char *name, struct quoted *quoted)
{
	mbstate_t state;
	size_t used = 0, length, position = 0;
	char escape[8];

	quoted->text[0] = '\0';
	if (!name)
		return "?";
	length = strlen(name);
	memset(&state, 0, sizeof(state));
	while (position < length) {
		wchar_t character;
		size_t step = mbrtowc(&character, name + position, length - position, &state);
		int appended;

		if (position >= QUOTED_NAME_BYTES)
			break;
		if (step == (size_t)-1 || step == (size_t)-2 || step == 0 || iswcntrl(character)) {
			memset(&state, 0, sizeof(state));
			snprintf(escape, sizeof(escape), "\\x%02x", (unsigned char)name[position]);
			appended = quote_append(quoted, &used, escape, strlen(escape));
			step = 1;
		} else {
			appended = quote_append(quoted, &used, name + position, step);
		}
		if (appended < 0)
			break;
		position += step;
	}
	if (position < length)
		quote_append(quoted, &used, "...", 3);
	return quoted->text;
}

/* Unicode noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF) cannot go into XML. */
static int is_noncharacter(wchar_t character)
{
	return (character >= 0xfdd0 && character <= 0xfdef) ||
	       (character & 0xfffe) == 0xfffe;
}

/* What is wrong with the characters of name, or NULL. */
static const char *character_problem(const char *name)
{
	mbstate_t state;
	size_t length = strlen(name), position = 0;

	memset(&state, 0, sizeof(state));
	while (position < length) {
		wchar_t character;
		size_t step = mbrtowc(&character, name + position, length - position, &state);

		if (step == (size_t)-1 || step == (size_t)-2 || step == 0)
			return "has a name that is not valid utf-8";
		if (iswcntrl(character))
			return "has a control character in its name";
		if (is_noncharacter(character))
			return "has a unicode noncharacter in its name";
		position += step;
	}
	return NULL;
}

/* What is wrong with the '/'-separated components of name[0..length), or NULL. */
static const char *component_problem(const char *name, size_t length)
{
	size_t start = 0;

	while (start <= length) {
		const char *slash = memchr(name + start, '/', length - start);
		size_t end = slash ? (size_t)(slash - name) : length;
		size_t size = end - start;

		if (size == 0)
			return "has an empty component in its name";
		if (size == 2 && memcmp(name + start, "..", 2) == 0)
			return "escapes the package";
		if (size == 1 && name[start] == '.')
			return "has a '.' component in its name";
		if (size > MAX_COMPONENT_BYTES)
			return "has a name component longer than 255 bytes";
		start = end + 1;
	}
	return NULL;
}

/* What is wrong with an entry's UTF-8 name, or NULL if it is safe. A
 * directory's name may end with one '/'. */
const char *name_problem(const char *name, int directory)
{
	size_t length = strlen(name);
	const char *problem;

	if (length == 0)
		return "has an empty name";
	if (length > MAX_NAME_BYTES)
		return "has a name longer than 1024 bytes";
	if (name[0] == '/')
		return "has an absolute name";
	if (strchr(name, '\\'))
		return "has a backslash in its name";
	problem = character_problem(name);
	if (problem)
		return problem;
	if (directory && name[length - 1] == '/')
		length--;
	return component_problem(name, length);
}

/* name folded to lower case as wide characters, without a trailing '/';
 * NULL when out of memory. name is valid UTF-8 (checked before). */
static wchar_t *fold_name(const char *name)
{
	size_t length = strlen(name), position = 0, count = 0;
	wchar_t *folded = calloc(length + 1, sizeof(*folded));
	mbstate_t state;

	if (!folded)
		return NULL;
	memset(&state, 0, sizeof(state));
	while (position < length) {
		wchar_t character;
		size_t step = mbrtowc(&character, name + position, length - position, &state);

		if (step == (size_t)-1 || step == (size_t)-2 || step == 0)
			break;
		folded[count++] = (wchar_t)towlower((wint_t)character);
		position += step;
	}
	if (count > 0 && folded[count - 1] == L'/')
		count--;
	folded[count] = L'\0';
	return folded;
}

enum package_result out_of_memory(struct reader *reader)
{
	error_set(reader->err, "out of memory while reading the package");
	return PACKAGE_UNREADABLE;
}

/* Keeps name for the duplicate check at the end. */
int remember_name(struct reader *reader, const char *name, int directory)
{
	struct seen_name *seen;

	if (reader->name_count == reader->name_capacity) {
		size_t capacity = reader->name_capacity ? 2 * reader->name_capacity : 16;
		struct seen_name *names = reallocarray(reader->names, capacity, sizeof(*names));

		if (!names)
			return -1;
		reader->names = names;
		reader->name_capacity = capacity;
	}
	seen = &reader->names[reader->name_count];
	memset(seen, 0, sizeof(*seen));
	seen->folded = fold_name(name);
	seen->path = strdup(name);
	seen->order = reader->name_count;
	seen->directory = directory;
	reader->name_count++;
	if (!seen->folded || !seen->path)
		return -1;
	return 0;
}

static int compare_seen_names(const void *left, const void *right)
{
	const struct seen_name *a = left, *b = right;
	int order = wcscmp(a->folded, b->folded);

	if (order)
		return order;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Two files, or a file and a directory, with the same folded name are
 * refused; a directory listed twice is harmless. */
enum package_result check_duplicates(struct reader *reader)
{
	struct quoted first, second;
	size_t i;

	if (reader->name_count > 1)
		qsort(reader->names, reader->name_count, sizeof(*reader->names),
		      compare_seen_names);
	for (i = 1; i < reader->name_count; i++) {
		const struct seen_name *earlier = &reader->names[i - 1];
		const struct seen_name *later = &reader->names[i];

		if (wcscmp(earlier->folded, later->folded) != 0)
			continue;
		if (earlier->directory && later->directory)
			continue;
		error_set(reader->err, "entry '%s' has the same name as '%s' (ignoring case)",
			  quote(later->path, &second), quote(earlier->path, &first));
		return PACKAGE_UNSAFE;
	}
	return PACKAGE_OK;
}
