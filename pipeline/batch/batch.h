/* batch.h - what the parts of one batch run share (driver.c, packages.c,
 * records.c, publish.c, sweeps.c, consequences.c, letters.c): the run's
 * resources, its open transaction, and the primitives of batch.c every input
 * goes through. Not for use outside a run.
 *
 * The files of a run depend one way: driver.c -> packages.c, records.c,
 * sweeps.c -> consequences.c -> publish.c -> letters.c -> batch.c; none
 * calls back up. */
#ifndef ECAP_BATCH_H
#define ECAP_BATCH_H

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <libxml/tree.h>
#include "audit.h"
#include "dossier.h"
#include "driver.h"
#include "intake.h"
#include "keys.h"
#include "notice.h"
#include "policy.h"
#include "register.h"
#include "render_queue.h"
#include "statistics.h"
#include "society_heads.h"
#include "stage.h"
#include "store.h"

struct batch {
	const struct run_options *options;
	struct run_summary *summary;
	struct store store;
	struct policy policy;
	int policy_loaded;
	char *seal_uri;			/* the policy's seal as a data: URI, or NULL */
	struct schema *policy_schema;
	struct schema *application_schema;
	struct schema *record_schema;
	struct renderer *renderer;
	struct render_queue *renders;	/* the PDFs being typeset for the open transaction */
	struct register_store register_store;
	struct register_view register_view;
	struct stage_context stage;
	struct transaction transaction;
	int transaction_open;
	/* a full group is committed on a thread of its own while the next is
	 * filed (transaction_commit_behind): only while inputs are taken and
	 * ended periods woken (driver.c, sweeps.c), whose filing reads the
	 * state through store_locate, store_exists and store_read_small */
	int commit_behind;
	size_t group_limit;		/* inputs a transaction commits at most */
	size_t group_inputs;
	char **group_digests;		/* inputs taken in the open transaction */
	size_t group_digest_count;
	unsigned input_sequence;	/* numbers quarantine and record names in this run */
	FILE *log;			/* the run log, written as the run goes */
	char log_relative[PATH_MAX];	/* store/run-<run>.log until the run ends */
	int run_completed;
	int run_refused;		/* dated before the last completed run: left no trace */
	time_t started;
	time_t intake_time;		/* "now" for the dropbox's settle time, all run long */
	size_t inputs_done, inputs_total;
	struct run_statistics statistics;
	struct noted_heads noted_heads;	/* of the dossiers written (society_heads.h) */
	struct audit_facts audit_facts;
	struct audit_anchor audit_anchor;	/* where the run's archive chains */
	struct audit_bag *audit;	/* the run's archive once it took an input */
	/* the group committed last: its letters, e-mails and certificates go
	 * into the archive when the next group commits (batch.c); "" if none */
	char committed_journal[TRANSACTION_NAME_SIZE];
	struct key_list keys;		/* store/keys/index.xml (signing.c) */
	struct signing_key *signing_key;	/* NULL: the state has no key yet */
	size_t signed_documents;
};

/* An input as the run opened it, once (open_input): its descriptor, and
 * its bytes when it is within the intake limits. Everything done with it
 * (its SHA-256, its copy in the store or quarantine, its entry in the audit
 * archive) is done from these, never from its dropbox name again, which may
 * by then name another file or none. An input over the limits has no data:
 * it was hashed as it was read, and is archived by its SHA-256 and size. */
struct input_bytes {
	const void *data;		/* owned, size bytes and a NUL in a mapping of
					 * capacity bytes (input_memory.h); NULL when
					 * over the limits */
	size_t size;
	size_t capacity;
	int fd;				/* owned; -1 when not open */
	struct stat opened;		/* what fstat said when it was opened */
};

/* What open_input found. */
enum input_opened {
	INPUT_READ = 0,			/* data holds its bytes */
	INPUT_OVER_LIMIT = 1,		/* larger than max_bytes: hashed, not kept */
	INPUT_UNREADABLE = -1,		/* it cannot be read (permissions, I/O) */
	INPUT_GONE = -2,		/* removed, or no regular file any more */
	INPUT_FAILED = -3		/* the run's own failure (out of memory): it stops */
};

/* How many inputs of a kind are listed and taken at a time (intake.h): a
 * window's names cost about 72 bytes each (8,192 of them were 0.6 MB of the
 * packages run's peak at 10,000), each window one more scan of the dropbox
 * (about 1 to 3 microseconds an entry: at 100,000 inputs a few seconds of a
 * run of half an hour). */
#define INTAKE_WINDOW 2048

void log_line(struct batch *batch, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* How many inputs one transaction commits at most: large enough that the
 * two syncs of a commit cost little per input, small enough that a crash
 * redoes little work. ECAP_GROUP_INPUTS (1 to GROUP_LIMIT) sets another,
 * for the tests, which take small batches through many groups. */
#define GROUP_LIMIT 256
size_t group_limit_from_environment(void);

/* Opens a transaction if none is, committing the open one first when it is
 * full (batch->group_limit inputs): behind the filing with batch->commit_behind. */
int prepare_group_for(struct batch *batch, struct error *err);
/* Commits the open group, after every output of it is in place and every
 * commit behind is settled: then the whole state is on the disk. (With
 * --jobs above 1 it commits behind while the group before goes into the
 * archive, then waits for it.) */
int commit_group(struct batch *batch, struct error *err);
/* Forgets the inputs of the group (after its commit or abort). */
void forget_group(struct batch *batch);

/* store/inputs/<aa>/<digest> */
void content_path(const char *digest, char *out, size_t size);
/* 1 if an input with this SHA-256 was taken or quarantined before. */
int seen_before(struct batch *batch, const char *digest);
/* Moves dropbox/<name> into the content store, from the file opened in
 * bytes. */
int take_input(struct batch *batch, const char *name, const char *digest,
	       const struct input_bytes *bytes, struct error *err);
/* Opens dropbox/<name> once, reads it when it is at most max_bytes, and
 * puts its SHA-256 in digest; err says why when it returns below 0. The
 * input is released with input_release whatever it returns. */
enum input_opened open_input(const struct batch *batch, const char *name, size_t max_bytes,
			     struct input_bytes *input, char digest[65], struct error *err);
void input_release(struct input_bytes *input);
/* Moves dropbox/<name> into quarantine/ with a reason file: the file
 * opened in bytes, or, when bytes is NULL, the entry of that name, never
 * opened (a link; a file that cannot be read). */
int quarantine(struct batch *batch, const char *name, const char *code, const char *message,
	       const char *digest, const struct input_bytes *bytes, struct error *err);
/* An input that cannot be read (input-unreadable): quarantined by its name
 * when it can be moved; else left in the dropbox, where `status` names it
 * on every run. message says why it could not be read. */
int quarantine_unreadable(struct batch *batch, const struct intake_item *item,
			  const char *message, struct error *err);
int put_document(struct batch *batch, const char *destination, xmlDocPtr document,
		 struct error *err);
/* put_document for a dossier (store/dossiers/<id>.xml), its head noted for
 * the run report (society_heads.h). */
int put_dossier(struct batch *batch, const char *destination, xmlDocPtr dossier,
		struct error *err);
/* store/dossiers/<id>.xml */
void dossier_relative(const char *id, char *out, size_t size);
/* Loads the dossier of id as the open transaction leaves it; 1 if it existed,
 * 0 if a new one was created (when create is set) or none exists. */
int open_dossier(struct batch *batch, const char *id, int create, struct dossier *dossier,
		 struct error *err);
#endif
