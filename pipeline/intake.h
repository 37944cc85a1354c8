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
	size_t waiting;			/* files skipped as not yet settled */
};

/* Lists dropbox_dir. Directories inside it are left alone. */
int intake_list(const char *dropbox_dir, int settle_seconds, time_t now,
		struct intake_list *list, struct error *err);
void intake_list_release(struct intake_list *list);

#endif
