/* status.h - the state of every application, record and quarantined input,
 * read from the state directory: as XML (formats.md §4, xsd/status.xsd) for
 * programs, and as a table for people.
 */
#ifndef ECAP_STATUS_H
#define ECAP_STATUS_H

#include <stdio.h>
#include <libxml/tree.h>
#include "error.h"

/* Builds the status document of the state directory (caller frees it). */
xmlDocPtr status_build(const char *state_dir, struct error *err);

/* Prints the status document as tables for people. */
void status_print_table(xmlDocPtr status, FILE *out);

/* Chinese name of an application state ("returned" -> "退回补正"). */
const char *state_name(const char *state);

#endif
