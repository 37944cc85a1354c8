/* policy_reader.c - typed attributes of the policy and the roster, read
 * with the file's line in every message; see policy_reader.h. */
#include "policy_reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml.h"

/* Fills err with "PATH, line N: message" and returns -1. */
int fail_at(const struct reader *reader, xmlNodePtr node, const char *format, ...)
{
	char message[768];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	return error_set(reader->err, "%s, line %ld: %s", reader->path,
			 node ? xmlGetLineNo(node) : 0L, message);
}

const char *node_name(xmlNodePtr node)
{
	return (const char *)node->name;
}

int count_children(xmlNodePtr parent, const char *name)
{
	int count = 0;

	for (xmlNodePtr node = xml_child(parent, name); node; node = xml_next(node, name))
		count++;
	return count;
}

/* Allocates count zeroed elements into *array (NULL when count is 0). */
int allocate_list(const struct reader *reader, void **array, size_t count,
		  size_t element_size)
{
	*array = NULL;
	if (count == 0)
		return 0;
	*array = calloc(count, element_size);
	if (!*array)
		return error_set(reader->err, "%s: out of memory", reader->path);
	return 0;
}

/* Copies the attribute, without surrounding white space, into out ("" when
 * absent). Fails if it is required and absent or empty, or too long. */
int read_string(const struct reader *reader, xmlNodePtr node, const char *name,
		int required, char *out, size_t size)
{
	char *value = xml_attribute(node, name);
	const char *start = value;
	size_t length;
	int result = 0;

	out[0] = '\0';
	while (start && (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r'))
		start++;
	length = start ? strlen(start) : 0;
	while (length > 0 && strchr(" \t\n\r", start[length - 1]))
		length--;
	if (length == 0 && required)
		result = fail_at(reader, node, "<%s> has no %s", node_name(node), name);
	else if (length >= size)
		result = fail_at(reader, node, "%s of <%s> is longer than %zu bytes", name,
				 node_name(node), size - 1);
	else if (length > 0) {
		memcpy(out, start, length);
		out[length] = '\0';
	}
	xmlFree(value);
	return result;
}

int require_attribute(const struct reader *reader, xmlNodePtr node, const char *name)
{
	char *value = xml_attribute(node, name);
	int present = value != NULL;

	xmlFree(value);
	if (!present)
		return fail_at(reader, node, "<%s> has no %s", node_name(node), name);
	return 0;
}

/* 1 if text is nothing but white space from end on. */
static int only_space_after(const char *end)
{
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end == '\0';
}

/* Reads a whole number in minimum..maximum into *out; leaves *out (the
 * default) when the attribute is absent. */
int read_int(const struct reader *reader, xmlNodePtr node, const char *name,
	     long minimum, long maximum, int *out)
{
	char *value = xml_attribute(node, name);
	char *end = NULL;
	long number;
	int result = 0;

	if (!value)
		return 0;
	errno = 0;
	number = strtol(value, &end, 10);
	if (end == value || !only_space_after(end) || errno || number < minimum ||
	    number > maximum)
		result = fail_at(reader, node,
				 "%s=\"%s\" of <%s> is not a whole number from %ld to %ld",
				 name, value, node_name(node), minimum, maximum);
	else
		*out = (int)number;
	xmlFree(value);
	return result;
}

/* Like read_int for sizes and byte counts. */
int read_size(const struct reader *reader, xmlNodePtr node, const char *name,
	      unsigned long long minimum, unsigned long long maximum, size_t *out)
{
	char *value = xml_attribute(node, name);
	char *end = NULL;
	unsigned long long number;
	int result = 0;

	if (!value)
		return 0;
	errno = 0;
	number = strtoull(value, &end, 10);
	if (end == value || strchr(value, '-') || !only_space_after(end) || errno ||
	    number < minimum || number > maximum || number > SIZE_MAX)
		result = fail_at(reader, node,
				 "%s=\"%s\" of <%s> is not a whole number from %llu to %llu",
				 name, value, node_name(node), minimum, maximum);
	else
		*out = (size_t)number;
	xmlFree(value);
	return result;
}

int read_double(const struct reader *reader, xmlNodePtr node, const char *name,
		double minimum, double maximum, double *out)
{
	char *value = xml_attribute(node, name);
	char *end = NULL;
	double number;
	int result = 0;

	if (!value)
		return 0;
	errno = 0;
	number = strtod(value, &end);
	if (end == value || !only_space_after(end) || errno || !(number >= minimum) ||
	    !(number <= maximum))
		result = fail_at(reader, node, "%s=\"%s\" of <%s> is not a number from %g to %g",
				 name, value, node_name(node), minimum, maximum);
	else
		*out = number;
	xmlFree(value);
	return result;
}

/* "true"/"1" or "false"/"0"; leaves *out when absent. */
int read_bool(const struct reader *reader, xmlNodePtr node, const char *name, int *out)
{
	char text[8];

	if (read_string(reader, node, name, 0, text, sizeof(text)) < 0)
		return fail_at(reader, node, "%s of <%s> is neither true nor false", name,
			       node_name(node));
	if (text[0] == '\0')
		return 0;
	if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0)
		*out = 1;
	else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0)
		*out = 0;
	else
		return fail_at(reader, node, "%s=\"%s\" of <%s> is neither true nor false", name,
			       text, node_name(node));
	return 0;
}

int read_date(const struct reader *reader, xmlNodePtr node, const char *name,
	      day_t *out)
{
	char text[32];

	if (read_string(reader, node, name, 1, text, sizeof(text)) < 0)
		return -1;
	if (date_parse(text, out) < 0)
		return fail_at(reader, node, "%s=\"%s\" of <%s> is not a date (YYYY-MM-DD)", name,
			       text, node_name(node));
	return 0;
}
