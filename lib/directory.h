/* directory.h - the names in a directory, sorted: how the store's queues,
 * markers and indexes are read in a stable order. */
#ifndef ECAP_DIRECTORY_H
#define ECAP_DIRECTORY_H

#include <stddef.h>
#include "error.h"

struct name_list {
	char **names;			/* owned, sorted by strcmp */
	size_t count;
};

/* The names in directory that do not begin with '.' and end in suffix ("" for
 * any), sorted. Returns 0, or -1 with err set (the list is then empty). */
int directory_list(const char *directory, const char *suffix, struct name_list *list,
		   struct error *err);
void name_list_release(struct name_list *list);

#endif
