/* audit.h - the audit archive that ends every run that changed anything
 * (doc/audit.md). */
#ifndef ECAP_AUDIT_H
#define ECAP_AUDIT_H

#include <stddef.h>
#include <time.h>
#include "calendar.h"
#include "error.h"
#include "store.h"

struct audit_facts {
	const char *run_id;
	const char *society_name;
	day_t run_date;			/* the run's effective date */
	time_t bagged;			/* now */
};

/* Archives everything the committed transactions' journals list (this run's,
 * and those of a run that died before its archive) into
 * audit/NNNNNN-<run>.tar.gz, in a transaction of its own that also ends those
 * journals. written receives the archive's path relative to the state
 * directory, or "" when nothing had changed. */
int audit_write(struct store *store, const struct audit_facts *facts, char *written,
		size_t written_size, struct error *err);

#endif
