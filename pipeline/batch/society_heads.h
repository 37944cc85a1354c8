/* society_heads.h - the head of every dossier (its state and dates, its
 * form's field and level: what the run report counts), read through a cache
 * kept between runs, so that a run reads again only the dossiers that
 * changed since the last run's survey, not all of a society's.
 *
 * SOCIETY_HEADS holds, in name order, a line per dossier: its file name, the
 * identity of its file when it was read (inode, size, mtime and ctime to the
 * nanosecond) and its head. A dossier is written by a rename of a new file,
 * so a changed dossier is a new inode; an edit in place changes its ctime.
 * A dossier whose file is not the one noted is read again. The cache is in no
 * transaction and nothing decides by it: missing, damaged, stale or from a
 * copied state, it only makes the survey read the dossiers.
 *
 * The dossiers a run changes it need not read back either: as it writes
 * each, it notes the head from the document and the new file's inode, size
 * and modification time (struct noted_heads); a dossier whose file is still
 * that one when the report surveys, after the commit, has that head.
 */
#ifndef ECAP_SOCIETY_HEADS_H
#define ECAP_SOCIETY_HEADS_H

#include <sys/stat.h>
#include <libxml/tree.h>
#include "error.h"
#include "store.h"

#define SOCIETY_HEADS "store/dossier-heads"

/* What the report needs of one dossier: its root and its form's field and level. */
struct dossier_head {
	char id[64], state[32], since[16];
	char field[64];
	int level;		/* -1 without a form or a known level */
};

/* The heads of the dossiers a run wrote: at most NOTED_HEADS_MAX, about
 * 130 bytes each (beyond, the survey reads the dossiers: the run's memory
 * stays flat), the last noted of a name the one that counts. */
#define NOTED_HEADS_MAX 2048

struct noted_head;

struct noted_heads {
	struct noted_head *entries;
	size_t count, capacity;
};

/* Notes the head of the dossier document, whose bytes were just written to
 * a new file of which fstat said written, to be placed at store/dossiers/NAME.
 * Never fails: a head not noted is read by the survey. */
void dossier_heads_note(struct noted_heads *noted, const char *name, const struct stat *written,
			xmlDocPtr dossier);

void noted_heads_release(struct noted_heads *noted);

/* The head of the dossier at relative (store/dossiers/<id>.xml), read from
 * its file: 0, or -1 if it does not read as a dossier. */
int dossier_head_read(const struct store *store, const char *relative,
		      struct dossier_head *head);

typedef void (*dossier_head_visit)(void *context, const char *name,
				   const struct dossier_head *head);

/* Calls visit with the file name (<id>.xml) and head of every dossier of
 * store/dossiers that reads as one, in name order, from noted (sorted here),
 * the cache or the file, and leaves SOCIETY_HEADS saying what it found. 0, or
 * -1 with err when the dossiers cannot be listed; a cache that cannot be read
 * or written costs time only. */
int dossier_heads_survey(const struct store *store, struct noted_heads *noted,
			 dossier_head_visit visit, void *context, struct error *err);

#endif
