/* records.h - examiners' records taken from the dropbox (records.c). */
#ifndef ECAP_RECORDS_H
#define ECAP_RECORDS_H

#include "batch.h"

int take_record(struct batch *batch, const struct intake_item *item, struct error *err);

#endif
