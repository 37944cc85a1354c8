/* packages.h - application packages taken from the dropbox (packages.c). */
#ifndef ECAP_PACKAGES_H
#define ECAP_PACKAGES_H

#include "batch.h"

int take_package(struct batch *batch, const struct intake_item *item, struct error *err);
/* The same for many packages, prepared by `jobs` threads (read, hashed,
 * unpacked, parsed) and filed in order by this one; progress is called
 * before each is filed. */
int take_packages_in_parallel(struct batch *batch, const struct intake_item *items,
			      size_t count, int jobs, void (*progress)(struct batch *),
			      struct error *err);

#endif
