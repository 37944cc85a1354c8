/* test-csv.c - lib/csv.c: the byte order mark and header row, CRLF row
 * ends, quoting of commas, quotes and line breaks, and formula-like fields
 * neutralised with a single quote. */
#include <stdio.h>
#include <stdlib.h>

#include "csv.h"
#include "tap.h"

/* The table of rows (each a NULL-terminated list, the list NULL-terminated). */
static char *table(const char *const *headers, const char *const *const *rows)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct csv csv;

	csv_begin(&csv, out, headers);
	for (size_t r = 0; rows[r]; r++) {
		for (size_t f = 0; rows[r][f]; f++)
			csv_field(&csv, rows[r][f]);
		csv_end_row(&csv);
	}
	fclose(out);
	return text;
}

int main(void)
{
	static const char *const headers[] = { "申请编号 application", "姓名 name", NULL };
	static const char *const plain[] = { "A2026-000123", "张伟", NULL };
	static const char *const hostile[] = { "a,b", "say \"hi\"\nthen", NULL };
	static const char *const formulas[] = { "=1+1", "+86-10", NULL };
	static const char *const more[] = { "-1", "@SUM(A1)", NULL };
	static const char *const inner[] = { "1=1", "2026-11-02", NULL };
	static const char *const empty[] = { "", "x", NULL };
	static const char *const quoted_formula[] = { "=HYPERLINK(\"x\",\"y\")", "ok", NULL };
	const char *const *rows[] = { plain, hostile, formulas, more, inner, empty,
				       quoted_formula, NULL };
	char *text = table(headers, rows);

	is_string(text,
		  "\xEF\xBB\xBF" "申请编号 application,姓名 name\r\n"
		  "A2026-000123,张伟\r\n"
		  "\"a,b\",\"say \"\"hi\"\"\nthen\"\r\n"
		  "'=1+1,'+86-10\r\n"
		  "'-1,'@SUM(A1)\r\n"
		  "1=1,2026-11-02\r\n"
		  ",x\r\n"
		  "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",ok\r\n",
		  "BOM, header, CRLF; quoted commas, quotes, newlines; formulas neutralised");
	free(text);
	return tap_done();
}
