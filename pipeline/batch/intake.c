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

int intake_arrival_order(const struct intake_item *a, const struct intake_item *b)
{
	if (a->modified.tv_sec != b->modified.tv_sec)
		return a->modified.tv_sec < b->modified.tv_sec ? -1 : 1;
	if (a->modified.tv_nsec != b->modified.tv_nsec)
		return a->modified.tv_nsec < b->modified.tv_nsec ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int compare_items(const void *a, const void *b)
{
	return intake_arrival_order(a, b);
}

int intake_is_takeable(const struct stat *info)
{
	return S_ISREG(info->st_mode) || S_ISLNK(info->st_mode);
}

/* Modified within the last settle seconds: still being written. A time
 * further in the future than that is no writer's (the kernel dates writes
 * by this machine's clock): it was set by hand or copied from elsewhere,
 * and the file would otherwise wait for ever. */
int intake_is_settling(const struct stat *info, int settle_seconds, time_t now)
{
	return info->st_mtim.tv_sec > now - settle_seconds &&
	       info->st_mtim.tv_sec <= now + settle_seconds;
}

static enum input_kind kind_of(const char *name, const struct stat *info)
{
	if (!S_ISREG(info->st_mode))
		return INPUT_SPECIAL;
	return ends_with(name, ".xml") ? INPUT_RECORD : INPUT_PACKAGE;
}

/* Calls visit for every dropbox entry ready to be taken; counts the rest. */
typedef int (*ready_visit)(void *context, const char *name, const struct stat *info,
			   struct error *err);

static int scan_dropbox(const char *dropbox_dir, int settle_seconds, time_t now,
			ready_visit visit, void *context, size_t *waiting, struct error *err)
{
	DIR *listing = opendir(dropbox_dir);
	struct dirent *entry;
	struct stat info;
	int result = 0;

	if (!listing)
		return error_set_errno(err, "unable to read the dropbox '%s'", dropbox_dir);
	while (result == 0 && (entry = readdir(listing))) {
		if (is_incomplete_name(entry->d_name))
			continue;
		/* a directory, FIFO, device or socket is left where it is: status
		 * names it (input-not-file); a link is taken, never followed */
		if (fstatat(dirfd(listing), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !intake_is_takeable(&info))
			continue;
		if (S_ISREG(info.st_mode) && intake_is_settling(&info, settle_seconds, now)) {
			if (waiting)
				(*waiting)++;
			continue;
		}
		result = visit(context, entry->d_name, &info, err);
	}
	closedir(listing);
	return result;
}

static int count_ready(void *context, const char *name, const struct stat *info,
		       struct error *err)
{
	struct intake_counts *counts = context;

	(void)err;
	counts->ready[kind_of(name, info)]++;
	return 0;
}

int intake_count(const char *dropbox_dir, int settle_seconds, time_t now,
		 struct intake_counts *counts, struct error *err)
{
	memset(counts, 0, sizeof(*counts));
	return scan_dropbox(dropbox_dir, settle_seconds, now, count_ready, counts,
			    &counts->waiting, err);
}

/* The window being filled: a max-heap on arrival order of at most `limit`
 * items, whose root, the latest kept, is what an earlier newcomer evicts. */
struct window {
	struct intake_list *list;
	enum input_kind kind;
	const struct intake_item *after;
	size_t limit;
};

static void swap_items(struct intake_item *a, struct intake_item *b)
{
	struct intake_item kept = *a;

	*a = *b;
	*b = kept;
}

static void sift_up(struct intake_item *items, size_t index)
{
	while (index > 0) {
		size_t parent = (index - 1) / 2;

		if (intake_arrival_order(&items[parent], &items[index]) >= 0)
			return;
		swap_items(&items[parent], &items[index]);
		index = parent;
	}
}

static void sift_down(struct intake_item *items, size_t count, size_t index)
{
	for (;;) {
		size_t largest = index, left = 2 * index + 1, right = left + 1;

		if (left < count && intake_arrival_order(&items[left], &items[largest]) > 0)
			largest = left;
		if (right < count && intake_arrival_order(&items[right], &items[largest]) > 0)
			largest = right;
		if (largest == index)
			return;
		swap_items(&items[index], &items[largest]);
		index = largest;
	}
}

static int consider_item(void *context, const char *name, const struct stat *info,
			 struct error *err)
{
	struct window *window = context;
	struct intake_list *list = window->list;
	struct intake_item candidate = { (char *)name, kind_of(name, info), info->st_mtim,
					 info->st_size };
	char *owned;

	if (candidate.kind != window->kind ||
	    (window->after && intake_arrival_order(&candidate, window->after) <= 0))
		return 0;
	if (list->count == window->limit &&
	    intake_arrival_order(&candidate, &list->items[0]) >= 0)
		return 0;	/* later than every item kept */
	owned = strdup(name);
	if (!owned)
		return error_set(err, "out of memory listing the dropbox");
	candidate.name = owned;
	if (list->count == window->limit) {
		free(list->items[0].name);
		list->items[0] = candidate;
		sift_down(list->items, list->count, 0);
	} else {
		list->items[list->count] = candidate;
		sift_up(list->items, list->count++);
	}
	return 0;
}

int intake_list_window(const char *dropbox_dir, int settle_seconds, time_t now,
		       enum input_kind kind, const struct intake_item *after, size_t limit,
		       struct intake_list *list, struct error *err)
{
	struct window window = { list, kind, after, limit };
	int result;

	memset(list, 0, sizeof(*list));
	if (limit == 0)
		return 0;
	list->items = calloc(limit, sizeof(*list->items));
	if (!list->items)
		return error_set(err, "out of memory listing the dropbox");
	result = scan_dropbox(dropbox_dir, settle_seconds, now, consider_item, &window, NULL,
			      err);
	if (result == 0 && list->count)
		qsort(list->items, list->count, sizeof(*list->items), compare_items);
	return result;
}

void intake_list_release(struct intake_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].name);
	free(list->items);
	memset(list, 0, sizeof(*list));
}
