/* intake.h - what the dropbox holds that is ready to be taken.
 *
 * A file is ready when it is complete: names beginning with '.' or ending in
 * .part, .tmp or .crdownload are skipped (uploaders write under such a name,
 * then rename), and so is a file modified within the last settle seconds.
 * Ready inputs come in arrival order: modification time, then name.
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
	INPUT_SPECIAL			/* a symlink, device, FIFO or socket */
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
 * a time, so memory does not grow with the size of the dropbox. Directories
 * inside the dropbox are left alone. */
int intake_list_window(const char *dropbox_dir, int settle_seconds, time_t now,
		       enum input_kind kind, const struct intake_item *after, size_t limit,
		       struct intake_list *list, struct error *err);
void intake_list_release(struct intake_list *list);

/* Whether a comes before b in arrival order: modification time, then name. */
int intake_arrival_order(const struct intake_item *a, const struct intake_item *b);

#endif
