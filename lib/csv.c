/* csv.c - tables for spreadsheets; see csv.h. */
#include "csv.h"

#include <string.h>

/* Formula-like: what a spreadsheet would evaluate or treat as a command. */
static int looks_like_formula(const char *text)
{
	return text[0] && strchr("=+-@\t\r", text[0]) != NULL;
}

static int needs_quotes(const char *text)
{
	return strpbrk(text, ",\"\r\n") != NULL;
}

void csv_field(struct csv *csv, const char *text)
{
	text = text ? text : "";
	if (csv->fields++ > 0)
		fputc(',', csv->out);
	if (needs_quotes(text))
		fputc('"', csv->out);
	if (looks_like_formula(text))
		fputc('\'', csv->out);
	for (const char *c = text; *c; c++) {
		if (*c == '"')
			fputc('"', csv->out);
		fputc(*c, csv->out);
	}
	if (needs_quotes(text))
		fputc('"', csv->out);
}

void csv_end_row(struct csv *csv)
{
	fputs("\r\n", csv->out);
	csv->fields = 0;
}

void csv_begin(struct csv *csv, FILE *out, const char *const *headers)
{
	csv->out = out;
	csv->fields = 0;
	fputs("\xEF\xBB\xBF", out);
	for (size_t i = 0; headers[i]; i++)
		csv_field(csv, headers[i]);
	csv_end_row(csv);
}
