/* reaper.h - the directories of applied transactions removed on a thread of
 * their own (store.c's step 6; see store.h).
 *
 * Why a thread: removing a file frees its blocks, and on a file system
 * mounted with `discard` and no journal (ext4 here) the kernel asks the disk
 * to discard them inside the system call: 0.7 ms a file against 0.07 ms
 * for one never written out. A transaction replacing a dossier used to free
 * the old one's blocks in the rename that put the new one in place (the
 * store keeps the old one, hard-linked, in the transaction's directory
 * instead), and its directory's last files were unlinked on the run's one
 * filing thread: 1.5 s of the 4 s the benchmark's reviews run took. Now the
 * filing thread only renames the applied directory NAME to NAME.applied,
 * and the reaper removes it while the run goes on.
 *
 * NAME.applied is garbage: everything in it was applied and synced before
 * the rename, and the next transaction's sync makes the rename durable
 * before that transaction commits. A run killed before its reaper finished
 * leaves NAME.applied directories, which the next run's store_recover
 * removes. */
#ifndef ECAP_STORE_REAPER_H
#define ECAP_STORE_REAPER_H

#include "store.h"

/* The suffix of an applied transaction's directory. */
#define APPLIED_SUFFIX ".applied"

/* Removes directory and the files in it, now (errors ignored: what is left
 * is removed by the next run's recovery). */
void reaper_remove_now(const char *directory);

/* Renames the applied transaction directory to its APPLIED_SUFFIX name and
 * has the store's reaper remove it; when the rename or the thread fails,
 * removes it now. */
void reaper_hand_over(struct store *store, const char *directory);

/* Waits until everything handed over is removed and stops the thread. */
void reaper_finish(struct store *store);

#endif
