/* tables.h - the status, the register and the hits of `ecap find` as tables
 * for spreadsheets (formats.md §6, lib/csv.h): one row per entry, a header
 * row in Chinese and English, masked ID numbers only. */
#ifndef ECAP_TABLES_H
#define ECAP_TABLES_H

#include <stdio.h>
#include <libxml/tree.h>

/* The status document (status.h): one row per application, quarantined
 * input and record. */
void status_print_csv(xmlDocPtr status, FILE *out);

/* The register document (register.h): one row per certificate. */
void register_print_csv(xmlDocPtr register_document, FILE *out);

/* The hits of `ecap find` (find.h): one row per hit. */
void find_print_csv(xmlDocPtr found, FILE *out);

#endif
