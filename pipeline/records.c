/* records.c - taking the records that examiners, the secretariat and the
 * society's staff drop in: each is checked against its schema, then applied
 * to its application (through the stages) or to the register (status
 * actions), or refused with a reason code. Every record is kept in the store
 * with an index entry (store/records/) saying what became of it; see batch.h.
 */
#include "batch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "name.h"
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

/* Appends the record to its application's dossier and lets the stages take
 * it; the stage that serves it applies or refuses it. */
static int apply_to_application(struct batch *batch, xmlNodePtr record, const char *digest,
				struct record_outcome *outcome, struct error *err)
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
		set_outcome(outcome, "refused", "record-unknown-application", NULL);
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
	if (settle_dossier(batch, &dossier, err) < 0)
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
	return publish_register_change(batch, action.change, err);
}

static int apply_record(struct batch *batch, xmlNodePtr record, const char *digest,
			struct record_outcome *outcome, struct error *err)
{
	int result = is_status_action(record) ?
		     apply_to_register(batch, record, outcome, err) :
		     apply_to_application(batch, record, digest, outcome, err);

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
	if (invalid)
		set_outcome(&outcome, "refused", "record-invalid", problem);
	else if (duplicate)
		set_outcome(&outcome, "refused", "record-duplicate", "与此前收到的记录完全相同");
	else if (apply_record(batch, record, digest, &outcome, err) < 0)
		return -1;
	if (invalid || duplicate)
		batch->summary->records_refused++;
	batch->summary->records++;
	name_escape(item->name, shown, sizeof(shown));
	snprintf(input, sizeof(input), "dropbox/%s", shown);
	date_format(batch->options->date, received);
	index_relative(batch, relative, sizeof(relative));
	log_line(batch, "record dropbox/%s: %s%s%s", shown, outcome.state,
		 outcome.code[0] ? " " : "", outcome.code);
	return put_index_entry(batch, relative, input, digest, received, record, &outcome, err);
}

int take_record(struct batch *batch, const struct intake_item *item, struct error *err)
{
	struct xml_limits limits = { batch->policy.package_limits.max_xml_bytes,
				     batch->policy.max_xml_depth };
	struct xml_messages messages = { 0 };
	struct error problem = { "" };
	char digest[65], message[1200];
	xmlDocPtr record = NULL;
	struct input_bytes held;
	char shown[NAME_ESCAPED_MAX];
	int invalid, result = -1;

	switch (open_input(batch, item->name, limits.max_bytes, &held, digest, &problem)) {
	case INPUT_READ:
		break;
	case INPUT_OVER_LIMIT:
		snprintf(message, sizeof(message), "%zu bytes, more than the limit of %zu bytes",
			 held.size, limits.max_bytes);
		result = quarantine(batch, item->name, "xml-malformed", message, digest, &held,
				    err);
		goto out;
	case INPUT_UNREADABLE:
		result = quarantine_unreadable(batch, item, problem.message, err);
		goto out;
	case INPUT_FAILED:
		error_set(err, "%s", problem.message);
		goto out;
	case INPUT_GONE:
		/* removed or swapped since the listing: the next run sees what is there */
		log_line(batch, "not taken: %s", problem.message);
		result = 0;
		goto out;
	}
	record = xml_parse_untrusted(held.data, held.size,
				     name_escape(item->name, shown, sizeof(shown)), &limits, NULL,
				     0, &problem);
	if (!record) {
		result = quarantine(batch, item->name, "xml-malformed", problem.message, digest,
				    &held, err);
		goto out;
	}
	invalid = schema_validate(batch->record_schema, record, &messages, err);
	if (invalid < 0)
		goto out;
	result = file_record(batch, item, digest, &held, xmlDocGetRootElement(record), invalid,
			     messages.count ? messages.lines[0] : "invalid", err);
out:
	xml_messages_release(&messages);
	if (record)
		xmlFreeDoc(record);
	input_release(&held);
	return result;
}
