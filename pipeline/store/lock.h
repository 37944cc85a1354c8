/* lock.h - one run at a time per state directory.
 *
 * The lock is an flock(2) on DIR/lock, which the kernel releases when the
 * process ends however it ends: a lock left by a dead run is simply free.
 */
#ifndef ECAP_LOCK_H
#define ECAP_LOCK_H

#include "error.h"

/* Takes the lock; returns its file descriptor (kept open for the run),
 * LOCK_BUSY with a message naming the process that holds it, or -1 with
 * the system's reason when the lock cannot be opened or written. */
#define LOCK_BUSY (-2)
int lock_acquire(const char *state_dir, struct error *err);
void lock_release(int fd);

#endif
