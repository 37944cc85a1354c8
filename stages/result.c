/* result.c - appending stage results and handling records; see result.h. */
#include "result.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "outcomes.h"
#include "xml.h"

xmlNodePtr result_begin(struct dossier *dossier, const char *element, day_t date)
{
	xmlNodePtr result = dossier_append(dossier, element);
	char text[11];

	date_format(date, text);
	xml_set(result, "date", text);
	return result;
}

void result_conclude(struct dossier *dossier, xmlNodePtr result, const char *outcome,
		     day_t date)
{
	const struct outcome *row = outcome_find((const char *)result->name, outcome);

	xml_set(result, "outcome", outcome);
	if (row && row->state)
		dossier_set_state(dossier, row->state, date);
}

xmlNodePtr result_add_reason(xmlNodePtr result, const char *code, const char *format, ...)
{
	char text[2048];
	va_list args;
	xmlNodePtr reason;

	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	reason = xml_add_child(result, "reason", text);
	xml_set(reason, "code", code);
	return reason;
}

static int has_status(xmlNodePtr record, const char *status)
{
	char value[16];

	return strcmp(xml_attribute_copy(record, "status", value, sizeof(value)), status) == 0;
}

xmlNodePtr record_next_new(const struct dossier *dossier, const char *kind, xmlNodePtr after,
			   xmlNodePtr *content)
{
	xmlNodePtr record = after ? xml_next(after, "record") : xml_child(dossier->root, "record");

	for (; record; record = xml_next(record, "record")) {
		xmlNodePtr inner = xml_child(record, kind);

		if (inner && has_status(record, "new")) {
			*content = inner;
			return record;
		}
	}
	return NULL;
}

void record_apply(xmlNodePtr record)
{
	xml_set(record, "status", "applied");
}

void record_refuse(xmlNodePtr record, const char *code, const char *format, ...)
{
	char text[1024];
	va_list args;

	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	xml_set(record, "status", "refused");
	xml_set(record, "code", code);
	xml_set(record, "message", text);
}

size_t records_applied_since(const struct dossier *dossier, const char *kind,
			     xmlNodePtr since, xmlNodePtr *out, size_t max)
{
	size_t count = 0;
	xmlNodePtr node = since ? since->next : dossier->root->children;

	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)node->name, "record") != 0)
			continue;
		if (xml_child(node, kind) && has_status(node, "applied") && count < max)
			out[count++] = node;
	}
	return count;
}

void child_text(xmlNodePtr parent, const char *name, char *out, size_t size)
{
	char *text = xml_text(xml_child(parent, name));
	const char *start = text ? text : "";
	size_t length;

	while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
		start++;
	snprintf(out, size, "%s", start);
	length = strlen(out);
	while (length > 0 && strchr(" \t\r\n", out[length - 1]))
		out[--length] = '\0';
	xmlFree(text);
}
