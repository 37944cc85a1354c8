/* intake.c - listing the dropbox in arrival order; see intake.h. */
#include "intake.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int ends_with(const char *name, const char *suffix)
{
	size_t length = strlen(name), suffix_length = strlen(suffix);

	return length >= suffix_length &&
	       strcasecmp(name + length - suffix_length, suffix) == 0;
}

static int is_incomplete_name(const char *name)
{
	return name[0] == '.' || ends_with(name, ".part") || ends_with(name, ".tmp") ||
	       ends_with(name, ".crdownload");
}

static int arrival_order(const void *a, const void *b)
{
	const struct intake_item *left = a, *right = b;

	if (left->modified.tv_sec != right->modified.tv_sec)
		return left->modified.tv_sec < right->modified.tv_sec ? -1 : 1;
	if (left->modified.tv_nsec != right->modified.tv_nsec)
		return left->modified.tv_nsec < right->modified.tv_nsec ? -1 : 1;
	return strcmp(left->name, right->name);
}

static int add_item(struct intake_list *list, const char *name, const struct stat *info,
		    struct error *err)
{
	struct intake_item *grown = realloc(list->items, (list->count + 1) * sizeof(*grown));
	struct intake_item *item;

	if (!grown)
		return error_set(err, "out of memory listing the dropbox");
	list->items = grown;
	item = &list->items[list->count];
	item->name = strdup(name);
	if (!item->name)
		return error_set(err, "out of memory listing the dropbox");
	item->modified = info->st_mtim;
	item->size = info->st_size;
	if (!S_ISREG(info->st_mode))
		item->kind = INPUT_SPECIAL;
	else
		item->kind = ends_with(name, ".xml") ? INPUT_RECORD : INPUT_PACKAGE;
	list->count++;
	return 0;
}

int intake_list(const char *dropbox_dir, int settle_seconds, time_t now,
		struct intake_list *list, struct error *err)
{
	DIR *listing = opendir(dropbox_dir);
	struct dirent *entry;
	struct stat info;
	int result = 0;

	memset(list, 0, sizeof(*list));
	if (!listing)
		return error_set_errno(err, "unable to read the dropbox '%s'", dropbox_dir);
	while ((entry = readdir(listing))) {
		if (is_incomplete_name(entry->d_name))
			continue;
		if (fstatat(dirfd(listing), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) < 0 ||
		    S_ISDIR(info.st_mode))
			continue;
		if (S_ISREG(info.st_mode) && info.st_mtim.tv_sec > now - settle_seconds) {
			list->waiting++;
			continue;
		}
		if ((result = add_item(list, entry->d_name, &info, err)) < 0)
			break;
	}
	closedir(listing);
	if (result == 0 && list->count)
		qsort(list->items, list->count, sizeof(*list->items), arrival_order);
	return result;
}

void intake_list_release(struct intake_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].name);
	free(list->items);
	memset(list, 0, sizeof(*list));
}
