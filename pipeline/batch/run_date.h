/* run_date.h - the date of the last completed run, kept so that run dates
 * move one way (operations.md): deadlines, publicity and expiry are decided
 * by a run's date, and a run dated before one that decided them would
 * decide them again differently.
 *
 * store/last-run-date holds "YYYY-MM-DD\n", written by each completed run
 * inside its last transaction. A state written before it existed gets it
 * from the upgrade step run_date_derive.
 */
#ifndef ECAP_RUN_DATE_H
#define ECAP_RUN_DATE_H

#include "calendar.h"
#include "error.h"
#include "store.h"

#define RUN_DATE_FILE "store/last-run-date"

/* The recorded date, as the open transaction (may be NULL) leaves it: 1
 * with *date set, 0 when none is recorded, -1 when it cannot be read or
 * does not hold a date. */
int run_date_read(const struct store *store, const struct transaction *transaction, day_t *date,
		  struct error *err);

/* Records date as the last completed run's, in transaction. */
int run_date_record(struct transaction *transaction, day_t date, struct error *err);

/* Upgrade step (layout version 2): records the latest date of the runs
 * whose reports are in out/reports/ (every run that changed anything wrote
 * one, with its date); records nothing when there is none, and then any
 * date is accepted until a run records one. */
int run_date_derive(struct store *store, struct transaction *transaction, struct error *err);

#endif
