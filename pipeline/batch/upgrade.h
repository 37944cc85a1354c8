/* upgrade.h - bringing a state directory written by an earlier version of
 * ecap up to the layout this version reads.
 *
 * store/version holds the layout's version number (a missing file is
 * version 1, the layout of every ecap before store/version existed). Each
 * change of layout is one step in upgrade.c's table, from version N-1 to N.
 * A step runs inside a transaction that also writes store/version = N, so a
 * run killed during an upgrade leaves the old layout whole (the next run
 * upgrades again) or the new one whole, never a mixture: the transaction's
 * rename is the commit point, as for every other change of the store.
 */
#ifndef ECAP_UPGRADE_H
#define ECAP_UPGRADE_H

#include "error.h"
#include "store.h"

/* The layout version this build writes and reads. */
int upgrade_current_version(void);

/* The version of the state's layout: 1 when store/version is absent, -1
 * (with err) when it cannot be read or is not a number. */
int upgrade_read_version(struct store *store, struct error *err);

/* Writes store/version for a state just created (ecap init), durably. */
int upgrade_stamp_new_state(const char *state_dir, struct error *err);

/* Applies every step between the state's version and the current one, in
 * order, each committed on its own; must run under the lock, after
 * store_recover. Refuses (-1, err naming both versions) a state written by
 * a newer ecap. *steps gets how many steps were applied. */
int upgrade_store(struct store *store, int *steps, struct error *err);

#endif
