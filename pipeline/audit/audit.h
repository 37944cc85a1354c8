/* audit.h - the audit archive that ends every run that changed anything
 * (doc/audit.md). */
#ifndef ECAP_AUDIT_H
#define ECAP_AUDIT_H

#include <stddef.h>
#include <time.h>
#include "calendar.h"
#include "error.h"
#include "store.h"

/* Where the next archive chains: the last archive the store recorded
 * (store/audit-last, "NAME SHA256", committed with that archive), checked
 * against the file in audit/. */
struct audit_anchor {
	char previous[128];		/* its file name, or "none" before the first */
	char previous_sha256[65];	/* or "none" */
	unsigned long sequence;		/* the next archive's */
};

struct audit_facts {
	const char *run_id;
	const char *society_name;
	day_t run_date;			/* the run's effective date */
	time_t bagged;			/* now */
	const struct audit_anchor *anchor;	/* found at the run's start, or NULL */
	size_t max_input_bytes;		/* an input larger is archived by a descriptor
					 * (audit_input_descriptor); 0: no limit */
};

#define AUDIT_RECORD "store/audit-last"

/* The recorded last archive's file as it was when its SHA-256 was last known
 * right ("NAME SHA256 DEVICE INODE SIZE MTIME CTIME"): a run hashes the file
 * again only when it is no longer that file. Not part of any transaction: a
 * note that is missing, stale or damaged only makes the next run hash the
 * archive (doc/audit.md). */
#define AUDIT_CHECKED "store/audit-last-checked"

/* Reads the store's record of its last archive: 1 with its name and
 * SHA-256, 0 when there is none, -1 when it cannot be read or is damaged.
 * state_dir is the state directory. */
int audit_read_record(const char *state_dir, char name[128], char sha256[65],
		      struct error *err);

/* The record's text for this archive ("NAME SHA256\n") into out. */
int audit_format_record(const char *name, const char *sha256, char *out, size_t size);

/* Finds where the run's archive will chain and checks it: the recorded last
 * archive must be in audit/ with the recorded SHA-256, and no archive beyond
 * it; with no record, audit/ must hold no archive. Otherwise the chain
 * cannot continue: -1, err naming the archive. */
int audit_find_anchor(struct store *store, struct audit_anchor *anchor, struct error *err);

/* Notes (AUDIT_CHECKED) that the file audit/NAME, as it is now, has that
 * SHA-256; done by the run that wrote it, once committed, and after a run
 * hashed it. */
int audit_note_checked(struct store *store, const char *name, const char *sha256,
		       struct error *err);

/* The newest archive in audit/ by its sequence number: 1 with its name and
 * SHA-256, 0 when there is none (for the upgrade that records it). */
int audit_newest_archive(struct store *store, char name[128], char sha256[65],
			 struct error *err);

/* The run's archive while the run goes: the inputs it takes are written
 * into it as they are taken, their bytes being in memory then, so that an
 * input of many megabytes is read once, not again at the end. */
struct audit_bag;

/* Starts the run's archive in a transaction of its own (chained to
 * facts->anchor, or to the anchor audit_find_anchor finds now); expected_inputs sizes its table of paths.
 * facts must stay valid until the bag is released. */
int audit_begin(struct store *store, const struct audit_facts *facts, size_t expected_inputs,
		struct audit_bag **bag, struct error *err);

/* Puts an input the open transaction takes to destination (store/inputs/...
 * or quarantine/...) from source_name (its name in the dropbox) into the
 * archive, from its bytes; digest is their SHA-256 (64 hex digits) as the
 * run computed it, or NULL to have it computed. If that transaction never commits, the archive
 * is never finished: audit_finish checks that every input added early is
 * one a journal names. */
int audit_add_input(struct audit_bag *bag, const char *destination, const char *source_name,
		    const void *bytes, size_t size, const char *digest, struct error *err);

/* Puts the letters, e-mails and certificates (out/notices/, out/mail/,
 * out/certificates/: files no later transaction changes) that the committed
 * transaction's journal store/journal/NAME lists into the archive, from
 * their places in the state, so that the run's end has fewer to copy. Such a
 * file named again by a later journal is an error, at once or in
 * audit_finish: the archive would hold what it was, not what it is. With
 * steps 0 they all go in now; else a part at each of up to `steps` calls of
 * audit_continue_committed, spread so that no one call stops the run's
 * filing long, and what is left with the next audit_add_committed or in
 * audit_finish (the order of the archive's entries follows from the calls,
 * not from time). The journal's files must stay in place until then. */
int audit_add_committed(struct audit_bag *bag, const char *journal, size_t steps,
			struct error *err);
int audit_continue_committed(struct audit_bag *bag, struct error *err);

/* What the archive holds in place of an input it does not copy: one over
 * the intake limits (digest its SHA-256, size its length) or one the run
 * could not read (digest ""). Writes the text into out; returns its length. */
int audit_input_descriptor(const char *digest, size_t size, char *out, size_t out_size);

/* Archives everything the committed transactions' journals list (this run's,
 * and those of a run that died before its archive) that is not in the bag
 * yet, and commits audit/NNNNNN-<run>.tar.gz in the bag's transaction, which
 * also ends those journals and records the archive as the store's last
 * (AUDIT_RECORD, with its SHA-256 taken as it was written). written
 * receives the archive's path relative to the state directory, or "" when
 * no journal was there (nothing changed). */
int audit_finish(struct audit_bag *bag, char *written, size_t written_size, struct error *err);

/* Frees the bag; an archive not finished is discarded with its transaction. */
void audit_release(struct audit_bag *bag);

/* For tests: a bag's table of the paths in it goes into a file once it
 * needs more than `slots` slots of 8 bytes (0: the default, 1 MiB), as it
 * does in a run of some 10,000 applications. */
void audit_paths_limit_memory(size_t slots);

/* audit_begin, audit_finish and audit_release in one, when there are
 * journals; for a run that added no input early. */
int audit_write(struct store *store, const struct audit_facts *facts, char *written,
		size_t written_size, struct error *err);

#endif
