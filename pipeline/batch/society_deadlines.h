/* society_deadlines.h - the periods ending within the run report's days
 * (society.h's <deadlines>): the markers of store/wakeups dated from the
 * run's date to SOCIETY_DEADLINE_DAYS working days ahead whose dossiers the
 * survey found, counted, and the first SOCIETY_DEADLINES_LISTED of them in
 * the markers' order (by date, then id) listed with their dossiers' heads.
 *
 * A society's markers can be as many as its applications: each marker in
 * the days is held as 8 bytes (its id's hash and whether its dossier was
 * found), and only the first SOCIETY_DEADLINES_LISTED in the markers' order
 * whole, to take their dossiers' heads from the survey; so the report's
 * memory does not grow by a few hundred bytes a marker (at 100,000
 * applications the interviews run's report took 31 MB more). Where some of
 * those markers' dossiers were not found, the markers are read again for the
 * next found ones, whose heads are read from their files.
 */
#ifndef ECAP_SOCIETY_DEADLINES_H
#define ECAP_SOCIETY_DEADLINES_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "calendar.h"
#include "error.h"
#include "society_heads.h"
#include "store.h"

/* One of the first markers in the days, whole. */
struct listed_deadline {
	char *name;		/* owned: <date>_<id> */
	int found;		/* the survey found its dossier, whose head is here */
	char application[64], state[32];
};

struct deadlines {
	const struct store *store;
	day_t from, until;
	uint64_t *keys;		/* owned, sorted: hash of the id, found in bit 0 */
	size_t count, capacity;
	struct listed_deadline *first;	/* owned, the first markers by name */
	struct listed_deadline **first_by_id;	/* owned, the same sorted by id */
	size_t first_count;
};

/* Collects the markers dated from `from` to `until`. 0, or -1 with err. */
int deadlines_collect(struct deadlines *deadlines, const struct store *store, day_t from,
		      day_t until, struct error *err);

/* The survey found the dossier file name (<id>.xml) with head: its markers
 * count. */
void deadlines_note_dossier(struct deadlines *deadlines, const char *name,
			    const struct dossier_head *head);

/* Appends <deadlines from until count> with the listed <deadline>s to
 * society. 0, or -1 with err when the markers cannot be read again. */
int deadlines_add(xmlNodePtr society, struct deadlines *deadlines, struct error *err);

void deadlines_release(struct deadlines *deadlines);

#endif
