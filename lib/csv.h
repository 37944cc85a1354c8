/* csv.h - tables for spreadsheets (formats.md §6): RFC 4180 (CRLF line
 * ends; a field holding a comma, a double quote, CR or LF is quoted, its
 * quotes doubled), UTF-8 with a byte order mark so that Excel reads Chinese
 * correctly, and a header row naming each column in Chinese and English.
 *
 * A field that a spreadsheet would take for a formula (beginning with =, +,
 * -, @, a tab or a CR) is written with a single quote in front ('=1+1), so
 * that opening the file computes nothing (CSV injection); the quote is then
 * part of the value. Tables never hold full ID numbers: the callers write
 * the masked ones only. */
#ifndef ECAP_CSV_H
#define ECAP_CSV_H

#include <stdio.h>

struct csv {
	FILE *out;
	int fields;		/* written in the current row */
};

/* Starts a table on out: the byte order mark, then the header row from
 * `headers`, a NULL-terminated list of column names ("申请编号 application"). */
void csv_begin(struct csv *csv, FILE *out, const char *const *headers);

/* One field of the current row (NULL is an empty field). */
void csv_field(struct csv *csv, const char *text);

/* Ends the current row. */
void csv_end_row(struct csv *csv);

#endif
