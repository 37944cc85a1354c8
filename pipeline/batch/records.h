/* records.h - examiners' records taken from the dropbox (records.c). */
#ifndef ECAP_RECORDS_H
#define ECAP_RECORDS_H

#include "batch.h"

int take_record(struct batch *batch, const struct intake_item *item, struct error *err);
/* The same for many records, prepared by `jobs` threads (read, hashed,
 * parsed, checked against record.xsd) and filed in order by this one;
 * progress is called before each is filed. */
int take_records_in_parallel(struct batch *batch, const struct intake_item *items,
			     size_t count, int jobs, void (*progress)(struct batch *),
			     struct error *err);

#endif
