/* directory.h - the names in a directory, sorted: how the store's queues,
 * markers and indexes are read in a stable order; and a hint to the file
 * system on where to put the directories made in one. */
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

/* Asks the file system to spread the directories made in directory over
 * its disk, as it does those made at its root (FS_TOPDIR_FL, ext2/3/4's
 * "top of directory hierarchies", chattr +T). Only a hint: 0 when set or
 * already set, -1 (errno) where the file system has no such flag or it
 * cannot be set; nothing else changes. */
int directory_hint_spread(const char *directory);

#endif
