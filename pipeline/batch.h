/* batch.h - what the parts of one batch run share (driver.c, packages.c,
 * records.c, publish.c): the run's resources, its open transaction, and the
 * steps every input goes through. Not for use outside a run. */
#ifndef ECAP_BATCH_H
#define ECAP_BATCH_H

#include <limits.h>
#include <stdio.h>
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
#include "statistics.h"
#include "stage.h"
#include "store.h"

struct batch {
	const struct run_options *options;
	struct run_summary *summary;
	struct store store;
	struct policy policy;
	int policy_loaded;
	struct schema *policy_schema;
	struct schema *application_schema;
	struct schema *record_schema;
	struct renderer *renderer;
	struct register_store register_store;
	struct register_view register_view;
	struct stage_context stage;
	struct transaction transaction;
	int transaction_open;
	size_t group_inputs;
	char **group_digests;		/* inputs taken in the open transaction */
	size_t group_digest_count;
	unsigned input_sequence;	/* numbers quarantine and record names in this run */
	FILE *log;			/* the run log, written as the run goes */
	char log_relative[PATH_MAX];	/* store/run-<run>.log until the run ends */
	int run_completed;
	time_t started;
	time_t intake_time;		/* "now" for the dropbox's settle time, all run long */
	size_t inputs_done, inputs_total;
	struct run_statistics statistics;
	struct audit_facts audit_facts;
	struct audit_bag *audit;	/* the run's archive once it took an input */
	struct key_list keys;		/* store/keys/index.xml (signing.c) */
	struct signing_key *signing_key;	/* NULL: the state has no key yet */
	size_t signed_documents;
};

/* An input's bytes, when they are in memory: they go into the run's audit
 * archive as it is taken, and are not read again at the end of the run. */
struct input_bytes {
	const void *data;
	size_t size;
};

/* How many inputs of a kind are listed and taken at a time (intake.h). */
#define INTAKE_WINDOW 8192

void log_line(struct batch *batch, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Opens a transaction if none is, committing the open one first when it is
 * full (GROUP_LIMIT inputs). */
int prepare_group_for(struct batch *batch, struct error *err);
int commit_group(struct batch *batch, struct error *err);

/* store/inputs/<aa>/<digest> */
void content_path(const char *digest, char *out, size_t size);
/* 1 if an input with this SHA-256 was taken or quarantined before. */
int seen_before(struct batch *batch, const char *digest);
/* Moves dropbox/<name> into the content store; bytes, when not NULL, are
 * what the file holds. */
int take_input(struct batch *batch, const char *name, const char *digest,
	       const struct input_bytes *bytes, struct error *err);
/* Reads dropbox/<name> (at most max_bytes); caller frees. */
char *read_dropbox_file(struct batch *batch, const char *name, size_t max_bytes, size_t *size,
			struct error *err);
/* Moves dropbox/<name> into quarantine/ with a reason file; bytes, when
 * not NULL, are what the file holds. */
int quarantine(struct batch *batch, const char *name, const char *code, const char *message,
	       const char *digest, const struct input_bytes *bytes, struct error *err);
int put_document(struct batch *batch, const char *destination, xmlDocPtr document,
		 struct error *err);
/* The PDF of a letter's text, stored beside text_path with .pdf. */
int put_pdf_of_text(struct batch *batch, const char *text, size_t size, const char *text_path,
		    struct error *err);

int id_is_safe(const char *id);
/* Loads the dossier of id as the open transaction leaves it; 1 if it existed,
 * 0 if a new one was created (when create is set) or none exists. */
int open_dossier(struct batch *batch, const char *id, int create, struct dossier *dossier,
		 struct error *err);
/* Runs the stages over a dossier and writes all that follows from what they
 * decided: letters, certificates, register entries, publicity, markers, and
 * the dossier itself. */
int settle_dossier(struct batch *batch, struct dossier *dossier, struct error *err);

int take_package(struct batch *batch, const struct intake_item *item, struct error *err);
/* The same for many packages, prepared by `jobs` threads (read, hashed,
 * unpacked, parsed) and filed in order by this one; progress is called
 * before each is filed. */
int take_packages_in_parallel(struct batch *batch, const struct intake_item *items,
			      size_t count, int jobs, void (*progress)(struct batch *),
			      struct error *err);
int take_record(struct batch *batch, const struct intake_item *item, struct error *err);

/* A change of a certificate's status: the holder's letter now, the public
 * notice and the federation's report at the end of the run. Frees change. */
int publish_register_change(struct batch *batch, xmlDocPtr change, struct error *err);
/* An application that entered publicity, for the run's public notice. */
int queue_publicity_entry(struct batch *batch, const struct dossier *dossier, struct error *err);
/* Writes the run's public notices and report from what was queued. */
int publish_run(struct batch *batch, struct error *err);

/* signing.c: loads the key the policy names (or the newest); none is a
 * warning, and documents are then written unsigned. */
int signing_start(struct batch *batch, struct error *err);
/* put_document, signed (signature.h) when the run has a key. */
int put_signed_document(struct batch *batch, const char *destination, xmlDocPtr document,
			struct error *err);
/* Records and republishes the dates the key signed (keys.h). */
int signing_finish(struct batch *batch, struct error *err);
void signing_release(struct batch *batch);

/* public_register.c: the signed public register and its static site
 * (out/public/register.xml, out/public/register/), when the register or
 * the keys changed in the run or they do not exist yet. */
int publish_register(struct batch *batch, struct error *err);

#endif
