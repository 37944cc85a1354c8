/* store.h - the state directory and its transactions.
 *
 * Every change to the state (an input taken, a dossier updated, a notice
 * written, a marker added or removed) happens inside a transaction, and a
 * transaction commits many changes with two syncs in all, not one per file:
 *
 *   1. each new file is written into store/transactions/NAME.tmp/, and an
 *      input is hard-linked there from the file the run opened (no copy, no
 *      fsync yet);
 *   2. a MANIFEST lists where each file goes and which dropbox names to drop;
 *   3. syncfs() makes all of it durable at once;
 *   4. renaming NAME.tmp to NAME is the commit point;
 *   5. the manifest is applied: renames into place, dropbox names unlinked;
 *   6. syncfs() again, then the transaction directory is removed.
 *
 * Killed before 4, the transaction never happened (the next run removes
 * NAME.tmp; the inputs are still in the dropbox). Killed after 4, the next run
 * applies NAME again: every step of 5 can be done twice with the same result.
 * Each transaction also writes, in itself, the list of what it changes to
 * store/journal/NAME: the audit archive is made from those lists (audit.c).
 * See pipeline/README.md for the table of states.
 */
#ifndef ECAP_STORE_H
#define ECAP_STORE_H

#include <limits.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "error.h"
#include "string_index.h"

struct store_behind;

struct store {
	char root[PATH_MAX];		/* the state directory DIR, absolute */
	int root_fd;
	char run_id[64];		/* names this run's transactions */
	unsigned transaction_count;
	struct store_behind *behind;	/* a commit on its own thread; NULL until one */
};

struct store_operation;

/* A transaction's name, and so its journal's (store/journal/NAME), with its
 * terminating NUL: what holds one elsewhere is this long. */
#define TRANSACTION_NAME_SIZE 96

struct transaction {
	struct store *store;
	int keep_journal;		/* record what it changes in store/journal/ (default) */
	char name[TRANSACTION_NAME_SIZE];
	char directory[PATH_MAX];	/* .../NAME.tmp */
	struct store_operation *operations;
	size_t operation_count, operation_capacity;
	struct string_index latest;	/* destination -> its last operation */
};

/* Opens an existing state directory (it must hold policy.xml and store/):
 * 0, -1 when there is none at directory, or STORE_UNREADABLE when there may
 * be one that cannot be read or written (permissions, I/O error). */
#define STORE_UNREADABLE (-2)
int store_open(struct store *store, const char *directory, struct error *err);
void store_close(struct store *store);

/* Creates the directory layout under directory (mode 0700). */
int store_create_layout(const char *directory, struct error *err);

/* Decodes a path as manifests and journals write it (%XX for bytes <= ' ',
 * '%' and DEL); caller frees. */
char *store_decode_path(const char *text);

/* Finishes the transactions a killed run committed and removes those it had
 * not; returns how many were finished, or -1. */
int store_recover(struct store *store, struct error *err);

/* path relative to the state directory -> absolute, into out. */
const char *store_path(const struct store *store, const char *relative, char *out, size_t size);

int transaction_begin(struct store *store, struct transaction *transaction,
		      struct error *err);
/* Adds a file with these bytes, to be placed at destination (relative). */
int transaction_put(struct transaction *transaction, const char *destination,
		    const void *data, size_t size, struct error *err);
/* The same, and what fstat says of the new file once written: the commit
 * renames it into place, so its inode, size and modification time are the
 * placed file's. */
int transaction_put_noted(struct transaction *transaction, const char *destination,
			  const void *data, size_t size, struct stat *written, struct error *err);
/* Adds an empty file to be placed at destination; its path inside the
 * transaction, for the caller to write, goes into path. */
int transaction_create(struct transaction *transaction, const char *destination,
		       char *path, size_t size, struct error *err);
/* The same place, but not yet made: the caller makes the file at path
 * (transaction_write_reserved), from any thread, before the transaction
 * commits; the commit fails if it is not there. Lets a worker thread pay
 * for the file's creation (the inode's allocation) instead of the thread
 * that keeps the transaction. */
int transaction_reserve(struct transaction *transaction, const char *destination,
			char *path, size_t size, struct error *err);
/* Makes the place reserved at path (transaction_reserve) with these bytes:
 * created as every file of a transaction is, new (O_EXCL) and 0600. Any
 * thread may call it; it touches nothing of the transaction but the file. */
int transaction_write_reserved(const char *path, const void *data, size_t size,
			       struct error *err);
/* Moves the input at source (relative, in the dropbox) to destination, by
 * its name: for what the run never opens (a link, a file it cannot read).
 * On failure the transaction goes on without it. */
int transaction_take(struct transaction *transaction, const char *source,
		     const char *destination, struct error *err);
/* Takes the input the run opened as fd (fstat'ed as opened when it was
 * opened) from source to destination: what is stored is that file, never
 * what the name source holds by now. data, when not NULL, is the size bytes
 * read from it: they are stored instead when the file cannot be linked
 * (removed or replaced meanwhile, another file system) or changed since it
 * was read; without data the file is copied from fd. The dropbox name is
 * dropped at commit only if it still names the file opened. On failure the
 * transaction goes on without it. */
struct stat;
int transaction_take_opened(struct transaction *transaction, const char *source,
			    const char *destination, int fd, const struct stat *opened,
			    const void *data, size_t size, struct error *err);
/* Removes the file at path (relative) if it exists. */
int transaction_remove(struct transaction *transaction, const char *path, struct error *err);
/* What the transaction will leave at destination: 1 and the path of the
 * staged file in path when it puts or takes a file there; 0 when it removes
 * it; -1 when it does not touch it. Reads inside a run go through this, so
 * that they see the run's own uncommitted changes. */
int transaction_staged(const struct transaction *transaction, const char *destination,
		       char *path, size_t size);

/* Where to read the state's file `relative` as the open transaction (may be
 * NULL) will leave it: 1 with its path, or 0 when there is none. A file the
 * commit behind (transaction_commit_behind) changes is waited for. */
int store_locate(const struct store *store, const struct transaction *transaction,
		 const char *relative, char *path, size_t size);
/* A small file of the state as the open transaction (may be NULL) and the
 * commit behind leave it, read into text (at most size - 1 bytes, then a
 * NUL) without waiting for that commit: 1, 0 when there is none, -1 with
 * err when it cannot be read. */
int store_read_small(const struct store *store, const struct transaction *transaction,
		     const char *relative, char *text, size_t size, struct error *err);
/* 1 if the state's file `relative` is there as the open transaction (may be
 * NULL) and the commit behind will leave it, else 0; never waits. */
int store_exists(const struct store *store, const struct transaction *transaction,
		 const char *relative);

/* 1 if the transaction holds no operation. */
int transaction_empty(const struct transaction *transaction);
/* Commits and applies, after the commit behind if there is one; the
 * transaction is released whatever happens. */
int transaction_commit(struct transaction *transaction, struct error *err);

/* The same on a thread of its own: what the transaction's directory needs
 * (the journal, the MANIFEST) is written now, then steps 3 to 6 run while
 * the caller begins and fills the next transaction, so that the syncs and
 * the renames into place (on some disks a discard each) no longer stop the
 * run. One at a time, in order: a commit still behind is settled first, and
 * so is it before any other commit. The transaction is released whatever
 * happens: -1 with err when its directory could not be finished (nothing
 * started) or the commit before it failed. Until it is settled, reads must
 * see its changes: store_locate waits for a file it changes, store_exists
 * answers from its operations; anything else that looks at the state (a
 * listing, a file opened by its own path) calls store_settle first. */
int transaction_commit_behind(struct transaction *transaction, struct error *err);

/* Waits for the commit behind, if any: 0, or -1 with its failure, which
 * the run must stop on (the transactions after it are aborted). */
int store_settle(struct store *store, struct error *err);
/* Drops everything added; nothing of it ever becomes visible. */
void transaction_abort(struct transaction *transaction);

#endif
