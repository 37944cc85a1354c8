/* intake.h - what the dropbox holds that is ready to be taken.
 *
 * A file is ready when it is complete: names beginning with '.' or ending in
 * .part, .tmp or .crdownload are skipped (uploaders write under such a name,
 * then rename), and so is a file modified within the last settle seconds.
 * A modification time further in the future than the settle time counts as
 * settled (no writer dates its writes ahead: someone set it). Ready inputs
 * come in arrival order: modification time, then name.
 */
#ifndef ECAP_INTAKE_H
#define ECAP_INTAKE_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>
#include "error.h"

enum input_kind {
	INPUT_PACKAGE,			/* anything else: an archive, we hope */
	INPUT_RECORD,			/* a name ending in .xml */
	INPUT_SPECIAL			/* a symbolic link */
};

struct intake_item {
	char *name;			/* the name in the dropbox; owned */
	enum input_kind kind;
	struct timespec modified;
	off_t size;
};

struct intake_list {
	struct intake_item *items;
	size_t count;
};

/* What a look at the dropbox found: ready inputs of each kind, and files
 * skipped as not yet settled. Nothing is kept of their names. */
struct intake_counts {
	size_t ready[3];		/* by enum input_kind */
	size_t waiting;
};

int intake_count(const char *dropbox_dir, int settle_seconds, time_t now,
		 struct intake_counts *counts, struct error *err);

/* Lists, in arrival order, at most `limit` ready inputs of `kind` that come
 * after `after` (from the first if it is NULL): a batch is taken a window at
 * a time, so memory does not grow with the size of the dropbox. Directories,
 * FIFOs, devices and sockets inside the dropbox are left alone. */
int intake_list_window(const char *dropbox_dir, int settle_seconds, time_t now,
		       enum input_kind kind, const struct intake_item *after, size_t limit,
		       struct intake_list *list, struct error *err);
void intake_list_release(struct intake_list *list);

/* 1 for what a run takes from the dropbox: a regular file, or a link (taken
 * as it is, never followed, and quarantined); a directory, FIFO, device or
 * socket is left in place and named by status (input-not-file). */
struct stat;
int intake_is_takeable(const struct stat *info);

/* 1 if a regular file was modified within the settle time before now; a
 * modification time more than that in the future counts as settled. */
int intake_is_settling(const struct stat *info, int settle_seconds, time_t now);

/* Whether a comes before b in arrival order: modification time, then name. */
int intake_arrival_order(const struct intake_item *a, const struct intake_item *b);

#endif
