/* records.c - taking the records that examiners, the secretariat and the
 * society's staff drop in: each is checked against its schema, then applied
 * to its application (through the stages) or to the register (status
 * actions), or refused with a reason code. Every record is kept in the store
 * with an index entry (store/records/) saying what became of it; see batch.h.
 * With --jobs, what a record's bytes alone tell (read, SHA-256, parsed,
 * valid or not) is worked out on worker threads (prepare_pool.h); the rest
 * on the run's thread, in arrival order. */
#include "records.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consequences.h"
#include "directory.h"
#include "hash.h"
#include "identity.h"
#include "name.h"
#include "outcomes.h"
#include "prepare_pool.h"
#include "publish.h"
#include "xml.h"

struct record_outcome {
	char state[16];			/* applied, refused, pending */
	char code[64];
	char message[1024];
};

static void set_outcome(struct record_outcome *outcome, const char *state, const char *code,
			const char *message)
{
	snprintf(outcome->state, sizeof(outcome->state), "%s", state);
	snprintf(outcome->code, sizeof(outcome->code), "%s", code ? code : "");
	snprintf(outcome->message, sizeof(outcome->message), "%s", message ? message : "");
}

static int is_status_action(xmlNodePtr record)
{
	return strcmp((const char *)record->name, "statusAction") == 0;
}

/* The index entry of a record (store/records/<run>-<n>.xml). */
static int put_index_entry(struct batch *batch, const char *relative, const char *input,
			   const char *digest, const char *received, xmlNodePtr record,
			   const struct record_outcome *outcome, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"record", NULL);
	char stored[PATH_MAX], target[128];
	int result;

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	xml_set(root, "input", input);
	xml_set(root, "kind", (const char *)record->name);
	xml_attribute_copy(record, is_status_action(record) ? "registration" : "application",
			   target, sizeof(target));
	xml_set(root, is_status_action(record) ? "registration" : "application", target);
	xml_set(root, "received", received);
	xml_set(root, "sha256", digest);
	content_path(digest, stored, sizeof(stored));
	xml_set(root, "stored", stored);
	xml_set(root, "state", outcome->state);
	if (outcome->code[0])
		xml_set(root, "code", outcome->code);
	if (outcome->message[0])
		xmlNodeAddContent(root, (const xmlChar *)outcome->message);
	result = put_document(batch, relative, document, err);
	xmlFreeDoc(document);
	return result;
}

/* store/record-index/<aa>/<sha256>: which index entry (store/records/)
 * tells what became of the review record with that SHA-256, so that a
 * correction can find its predecessor's entry without reading them all (the
 * dossier cannot hold it: its bytes must not depend on the run's id). */
static void record_index_marker(const char *digest, char *out, size_t size)
{
	snprintf(out, size, "store/record-index/%.2s/%s", digest, digest);
}

/* A review record superseded by a correction (R4) says so in its index
 * entry too, so that `status` no longer shows it applied. `input` is the
 * record's stored copy, store/inputs/<aa>/<sha256>. */
static int mark_superseded(struct batch *batch, const char *input, struct error *err)
{
	const struct transaction *transaction = batch->transaction_open ? &batch->transaction : NULL;
	const char *digest = strrchr(input, '/');
	char marker[PATH_MAX], path[PATH_MAX], state[16];
	char *index = NULL;
	size_t size;
	xmlDocPtr entry = NULL;
	xmlNodePtr root;
	int result = -1;

	if (!digest || strlen(digest + 1) != 64)
		return 0;
	record_index_marker(digest + 1, marker, sizeof(marker));
	if (!store_locate(&batch->store, transaction, marker, path, sizeof(path)))
		return 0;	/* a record taken before markers existed */
	index = xml_read_file(path, PATH_MAX, &size, err);
	if (!index)
		goto out;
	index[strcspn(index, "\n")] = '\0';
	if (strncmp(index, "store/records/", 14) != 0 || strstr(index, "..") ||
	    !store_locate(&batch->store, transaction, index, path, sizeof(path))) {
		result = 0;
		goto out;
	}
	entry = xml_parse_file(path, err);
	if (!entry)
		goto out;
	root = xmlDocGetRootElement(entry);
	result = 0;
	if (root && strcmp(xml_attribute_copy(root, "state", state, sizeof(state)), "applied") == 0) {
		xml_set(root, "state", "superseded");
		result = put_document(batch, index, entry, err);
	}
out:
	xmlFreeDoc(entry);
	free(index);
	return result;
}

static int mark_superseded_records(struct batch *batch, const struct dossier *dossier,
				   struct error *err)
{
	char status[16], input[PATH_MAX];

	for (xmlNodePtr node = xml_child(dossier->root, "record"); node;
	     node = xml_next(node, "record")) {
		if (strcmp(xml_attribute_copy(node, "status", status, sizeof(status)),
			   "superseded") != 0)
			continue;
		xml_attribute_copy(node, "input", input, sizeof(input));
		if (mark_superseded(batch, input, err) < 0)
			return -1;
	}
	return 0;
}

/* Appends the record to its application's dossier and lets the stages take
 * it; the stage that serves it applies or refuses it. A review record's
 * index entry `index` is noted in store/record-index/ (a correction may
 * supersede it). */
static int apply_to_application(struct batch *batch, xmlNodePtr record, const char *digest,
				const char *index, struct record_outcome *outcome,
				struct error *err)
{
	char id[128], date[11], input[PATH_MAX], status[16], code[64];
	struct dossier dossier;
	xmlNodePtr wrapper, copy;
	int exists, result = -1;

	dossier_init(&dossier);
	xml_attribute_copy(record, "application", id, sizeof(id));
	exists = id_is_safe(id) ? open_dossier(batch, id, 0, &dossier, err) : 0;
	if (exists < 0)
		goto out;
	if (exists == 0) {
		set_outcome(outcome, "refused", REASON_RECORD_UNKNOWN_APPLICATION, NULL);
		snprintf(outcome->message, sizeof(outcome->message), "没有申请编号为 %.64s 的申请",
			 id);
		result = 0;
		goto out;
	}
	date_format(batch->options->date, date);
	content_path(digest, input, sizeof(input));
	wrapper = dossier_append(&dossier, "record");
	xml_set(wrapper, "kind", (const char *)record->name);
	xml_set(wrapper, "received", date);
	xml_set(wrapper, "input", input);
	xml_set(wrapper, "status", "new");
	copy = xmlDocCopyNode(record, dossier.document, 1);
	if (!copy || !xmlAddChild(wrapper, copy)) {
		xmlFreeNode(copy);
		error_set(err, "out of memory");
		goto out;
	}
	xmlReconciliateNs(dossier.document, wrapper);
	if (strcmp((const char *)record->name, "reviewRecord") == 0) {
		char marker[PATH_MAX];

		record_index_marker(digest, marker, sizeof(marker));
		if (transaction_put(&batch->transaction, marker, index, strlen(index), err) < 0)
			goto out;
	}
	if (settle_dossier(batch, &dossier, err) < 0 ||
	    mark_superseded_records(batch, &dossier, err) < 0)
		goto out;
	xml_attribute_copy(wrapper, "status", status, sizeof(status));
	xml_attribute_copy(wrapper, "code", code, sizeof(code));
	set_outcome(outcome, status, code, NULL);
	xml_attribute_copy(wrapper, "message", outcome->message, sizeof(outcome->message));
	result = 0;
out:
	dossier_release(&dossier);
	return result;
}

/* Settles the dossier of file name (NAME.xml) if it is an open application
 * of the person with this identity: the validate stage then rejects it
 * (R1.4). 1 if it was, 0 if not, -1 on error. */
static int settle_if_applicant(struct batch *batch, const char *file, const char *identity,
			       struct error *err)
{
	char id[128], applicant[128];
	struct dossier dossier;
	int exists, result = 0;

	snprintf(id, sizeof(id), "%.*s", (int)(strlen(file) - 4), file);
	if (!id_is_safe(id))
		return 0;
	exists = open_dossier(batch, id, 0, &dossier, err);
	if (exists <= 0)
		return exists;
	application_identity(dossier_application(&dossier), applicant, sizeof(applicant));
	if (application_is_open(&dossier) && strcmp(applicant, identity) == 0)
		result = settle_dossier(batch, &dossier, err) < 0 ? -1 : 1;
	dossier_release(&dossier);
	return result;
}

/* R1.4: a revocation for fraud ends every open application of the person
 * in the run that applies it, each with its letter. Dossiers are found by
 * reading them all: a revocation for fraud is rare, and an index by person
 * would be one more thing to keep in step. Only packages create dossiers and
 * records are taken before packages, so every dossier is on disk. */
static int end_open_applications(struct batch *batch, const char *identity,
				 struct error *err)
{
	char directory[PATH_MAX];
	struct name_list dossiers;
	int result, found, settled = 0;

	/* every dossier on the disk first: the list is the directory's */
	if (store_settle(&batch->store, err) < 0)
		return -1;
	result = directory_list(store_path(&batch->store, "store/dossiers", directory,
					   sizeof(directory)), ".xml", &dossiers, err);
	for (size_t i = 0; i < dossiers.count && result == 0; i++) {
		found = settle_if_applicant(batch, dossiers.names[i], identity, err);
		if (found < 0)
			result = -1;
		settled += found > 0;
	}
	name_list_release(&dossiers);
	if (result == 0 && settled)
		log_line(batch, "revocation for fraud: %d open application(s) of the holder ended",
			 settled);
	return result;
}

static int apply_to_register(struct batch *batch, xmlNodePtr record,
			     struct record_outcome *outcome, struct error *err)
{
	struct action_outcome action;

	if (register_apply_action(&batch->register_store, record, batch->options->date, &action,
				  err) < 0)
		return -1;
	if (!action.change) {
		set_outcome(outcome, "refused", action.code, action.message);
		return 0;
	}
	set_outcome(outcome, "applied", NULL, NULL);
	if (publish_register_change(batch, action.change, err) < 0)
		return -1;
	return action.banned[0] ? end_open_applications(batch, action.banned, err) : 0;
}

static int apply_record(struct batch *batch, xmlNodePtr record, const char *digest,
			const char *index, struct record_outcome *outcome, struct error *err)
{
	int result = is_status_action(record) ?
		     apply_to_register(batch, record, outcome, err) :
		     apply_to_application(batch, record, digest, index, outcome, err);

	if (result < 0)
		return -1;
	if (strcmp(outcome->state, "applied") == 0)
		batch->summary->records_applied++;
	else
		batch->summary->records_refused++;
	return 0;
}

static void index_relative(struct batch *batch, char *out, size_t size)
{
	snprintf(out, size, "store/records/%s-%04u.xml", batch->store.run_id,
		 ++batch->input_sequence);
}

/* A record that conforms to its schema and was not seen before. */
static int file_record(struct batch *batch, const struct intake_item *item, const char *digest,
		       const struct input_bytes *bytes, xmlNodePtr record, int invalid,
		       const char *problem, struct error *err)
{
	struct record_outcome outcome;
	char input[PATH_MAX], received[11], relative[PATH_MAX], shown[NAME_ESCAPED_MAX];
	int duplicate = seen_before(batch, digest);

	if (prepare_group_for(batch, err) < 0 ||
	    take_input(batch, item->name, digest, bytes, err) < 0)
		return -1;
	index_relative(batch, relative, sizeof(relative));
	if (invalid)
		set_outcome(&outcome, "refused", REASON_RECORD_INVALID, problem);
	else if (duplicate)
		set_outcome(&outcome, "refused", REASON_RECORD_DUPLICATE, "与此前收到的记录完全相同");
	else if (apply_record(batch, record, digest, relative, &outcome, err) < 0)
		return -1;
	if (invalid || duplicate)
		batch->summary->records_refused++;
	batch->summary->records++;
	name_escape(item->name, shown, sizeof(shown));
	snprintf(input, sizeof(input), "dropbox/%s", shown);
	date_format(batch->options->date, received);
	log_line(batch, "record dropbox/%s: %s%s%s", shown, outcome.state,
		 outcome.code[0] ? " " : "", outcome.code);
	return put_index_entry(batch, relative, input, digest, received, record, &outcome, err);
}

/* ---- what a record's bytes alone tell: any thread may work it out ---- */

struct prepared_record {
	enum input_opened opened;	/* read, over the limit, unreadable, gone */
	struct error problem;		/* why it was not read, or not well-formed */
	struct input_bytes bytes;	/* the file opened, kept until it is filed */
	char digest[65];
	xmlDocPtr record;		/* NULL: not read, or not well-formed */
	int invalid;			/* schema_validate: 0 valid, 1 not, -1 failed */
	struct error validation_error;	/* when invalid is -1 */
	struct xml_messages messages;	/* why it is not valid */
};

/* Read, hashed, parsed and checked against record.xsd: from the batch only
 * its limits, its store's directory and the compiled schema, which are not
 * changed while inputs are taken (schema_validate may run on any thread). */
static void prepare_record(const struct batch *batch, const struct intake_item *item,
			   struct prepared_record *prepared)
{
	struct xml_limits limits = { batch->policy.package_limits.max_xml_bytes,
				     batch->policy.max_xml_depth };
	char shown[NAME_ESCAPED_MAX];

	memset(prepared, 0, sizeof(*prepared));
	prepared->opened = open_input(batch, item->name, limits.max_bytes, &prepared->bytes,
				      prepared->digest, &prepared->problem);
	if (prepared->opened != INPUT_READ)
		return;
	prepared->record = xml_parse_untrusted(prepared->bytes.data, prepared->bytes.size,
					       name_escape(item->name, shown, sizeof(shown)),
					       &limits, NULL, 0, &prepared->problem);
	if (prepared->record)
		prepared->invalid = schema_validate(batch->record_schema, prepared->record,
						    &prepared->messages,
						    &prepared->validation_error);
}

static void release_prepared(struct prepared_record *prepared)
{
	xml_messages_release(&prepared->messages);
	if (prepared->record)
		xmlFreeDoc(prepared->record);
	prepared->record = NULL;
	input_release(&prepared->bytes);
}

/* ---- filing it, in arrival order, in the run's thread ---- */

static int file_prepared(struct batch *batch, const struct intake_item *item,
			 struct prepared_record *prepared, struct error *err)
{
	char message[1200];

	switch (prepared->opened) {
	case INPUT_READ:
		break;
	case INPUT_OVER_LIMIT:
		snprintf(message, sizeof(message), "%zu bytes, more than the limit of %zu bytes",
			 prepared->bytes.size, batch->policy.package_limits.max_xml_bytes);
		return quarantine(batch, item->name, REASON_XML_MALFORMED, message,
				  prepared->digest, &prepared->bytes, err);
	case INPUT_UNREADABLE:
		return quarantine_unreadable(batch, item, prepared->problem.message, err);
	case INPUT_FAILED:
		return error_set(err, "%s", prepared->problem.message);
	case INPUT_GONE:
		/* removed or swapped since the listing: the next run sees what is there */
		log_line(batch, "not taken: %s", prepared->problem.message);
		return 0;
	}
	if (!prepared->record)
		return quarantine(batch, item->name, REASON_XML_MALFORMED, prepared->problem.message,
				  prepared->digest, &prepared->bytes, err);
	if (prepared->invalid < 0)
		return error_set(err, "%s", prepared->validation_error.message);
	return file_record(batch, item, prepared->digest, &prepared->bytes,
			   xmlDocGetRootElement(prepared->record), prepared->invalid,
			   prepared->messages.count ? prepared->messages.lines[0] : "invalid", err);
}

int take_record(struct batch *batch, const struct intake_item *item, struct error *err)
{
	struct prepared_record prepared;
	int result;

	prepare_record(batch, item, &prepared);
	result = file_prepared(batch, item, &prepared, err);
	release_prepared(&prepared);
	return result;
}

/* ---- several threads preparing, one filing (prepare_pool.h) ---- */

static void prepare_in_slot(const struct batch *batch, const struct intake_item *item,
			    void *slot)
{
	prepare_record(batch, item, slot);
}

static int file_slot(struct batch *batch, const struct intake_item *item, void *slot,
		     struct error *err)
{
	return file_prepared(batch, item, slot, err);
}

static void release_slot(void *slot)
{
	release_prepared(slot);
}

static const struct prepare_kind record_kind = {
	sizeof(struct prepared_record), prepare_in_slot, file_slot, release_slot
};

int take_records_in_parallel(struct batch *batch, const struct intake_item *items,
			     size_t count, int jobs, void (*progress)(struct batch *),
			     struct error *err)
{
	return prepare_and_file(batch, &record_kind, items, count, jobs, progress, err);
}
