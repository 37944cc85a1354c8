/* driver.c - the batch run: intake, stages, notices, grouped commits; see driver.h. */
#include "driver.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exits.h"
#include "hash.h"
#include "intake.h"
#include "lock.h"
#include "notice.h"
#include "package.h"
#include "paths.h"
#include "policy.h"
#include "register.h"
#include "stage.h"
#include "store.h"
#include "xml.h"

/* How many inputs one transaction commits at most: large enough that the two
 * syncs of a commit cost little per input, small enough that a crash redoes
 * little work. */
#define GROUP_LIMIT 256

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
	struct register_view register_view;
	struct stage_context stage;
	struct transaction transaction;
	int transaction_open;
	size_t group_inputs;
	char **group_ids;		/* applications changed in the open transaction */
	size_t group_id_count;
	char **group_digests;		/* inputs taken in the open transaction */
	size_t group_digest_count;
	unsigned input_sequence;
	FILE *log;
	char *log_text;
	size_t log_size;
};

__attribute__((format(printf, 2, 3)))
static void log_line(struct batch *batch, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	if (batch->log) {
		va_list copy;

		va_copy(copy, args);
		vfprintf(batch->log, format, copy);
		fputc('\n', batch->log);
		va_end(copy);
	}
	if (batch->options->verbose) {
		vfprintf(stderr, format, args);
		fputc('\n', stderr);
	}
	va_end(args);
}

/* ---- the open transaction ---- */

static void forget_group(struct batch *batch)
{
	for (size_t i = 0; i < batch->group_id_count; i++)
		free(batch->group_ids[i]);
	for (size_t i = 0; i < batch->group_digest_count; i++)
		free(batch->group_digests[i]);
	batch->group_id_count = batch->group_digest_count = 0;
	batch->group_inputs = 0;
}

static int ensure_transaction(struct batch *batch, struct error *err)
{
	if (batch->transaction_open)
		return 0;
	if (transaction_begin(&batch->store, &batch->transaction, err) < 0)
		return -1;
	batch->transaction_open = 1;
	return 0;
}

static int commit_group(struct batch *batch, struct error *err)
{
	int result = 0;

	if (!batch->transaction_open)
		return 0;
	batch->transaction_open = 0;
	if (transaction_empty(&batch->transaction))
		transaction_abort(&batch->transaction);
	else
		result = transaction_commit(&batch->transaction, err);
	forget_group(batch);
	return result;
}

static int in_list(char **list, size_t count, const char *text)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i], text) == 0)
			return 1;
	return 0;
}

static int add_to_list(char ***list, size_t *count, const char *text, struct error *err)
{
	char **grown = realloc(*list, (*count + 1) * sizeof(**list));

	if (!grown)
		return error_set(err, "out of memory");
	*list = grown;
	if (!(grown[*count] = strdup(text)))
		return error_set(err, "out of memory");
	(*count)++;
	return 0;
}

/* Before an input that changes application id: a dossier changed earlier in
 * the open transaction is not yet on disk, so commit first; and commit every
 * GROUP_LIMIT inputs. */
static int prepare_group_for(struct batch *batch, const char *id, struct error *err)
{
	if (batch->group_inputs >= GROUP_LIMIT ||
	    (id && in_list(batch->group_ids, batch->group_id_count, id)))
		if (commit_group(batch, err) < 0)
			return -1;
	if (ensure_transaction(batch, err) < 0)
		return -1;
	batch->group_inputs++;
	if (id && add_to_list(&batch->group_ids, &batch->group_id_count, id, err) < 0)
		return -1;
	return 0;
}

/* ---- inputs ---- */

static char *read_input(struct batch *batch, const char *name, size_t max_bytes, size_t *size,
			struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX];

	snprintf(relative, sizeof(relative), "dropbox/%s", name);
	return xml_read_file(store_path(&batch->store, relative, path, sizeof(path)), max_bytes,
			     size, err);
}

static void content_path(const char *digest, char *out, size_t size)
{
	snprintf(out, size, "store/inputs/%.2s/%s", digest, digest);
}

static int store_file_exists(struct batch *batch, const char *relative)
{
	char path[PATH_MAX];

	return access(store_path(&batch->store, relative, path, sizeof(path)), F_OK) == 0;
}

/* 1 if an input with these bytes was taken or quarantined before. */
static int seen_before(struct batch *batch, const char *digest)
{
	char relative[PATH_MAX];

	if (in_list(batch->group_digests, batch->group_digest_count, digest))
		return 1;
	content_path(digest, relative, sizeof(relative));
	if (store_file_exists(batch, relative))
		return 1;
	snprintf(relative, sizeof(relative), "store/seen/%.2s/%s", digest, digest);
	return store_file_exists(batch, relative);
}

static int remember_digest(struct batch *batch, const char *digest, struct error *err)
{
	return add_to_list(&batch->group_digests, &batch->group_digest_count, digest, err);
}

/* Takes the input into the content store (named by its SHA-256). */
static int take_input(struct batch *batch, const char *name, const char *digest,
		      struct error *err)
{
	char source[PATH_MAX], destination[PATH_MAX];

	snprintf(source, sizeof(source), "dropbox/%s", name);
	content_path(digest, destination, sizeof(destination));
	if (transaction_take(&batch->transaction, source, destination, err) < 0)
		return -1;
	return remember_digest(batch, digest, err);
}

static const char *quarantine_heading(const char *code)
{
	static const char *const headings[][2] = {
		{ "archive-unreadable", "无法读取的材料包" },
		{ "archive-unsafe", "不安全的材料包" },
		{ "archive-too-large", "超出接收限制的材料包" },
		{ "archive-encrypted", "加密的材料包" },
		{ "no-application", "材料包中没有申请表" },
		{ "xml-malformed", "无法读取的 XML 文件" },
		{ "duplicate-package", "重复提交的材料包" },
		{ "duplicate-application", "不接受新材料的申请" },
		{ "schema", "申请表缺少可用的申请编号" },
	};

	for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
		if (strcmp(headings[i][0], code) == 0)
			return headings[i][1];
	return "无法处理的文件";
}

static int put_document(struct batch *batch, const char *destination, xmlDocPtr document,
			struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (xml_serialize(document, &bytes, &size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, destination, bytes, (size_t)size, err);
	xmlFree(bytes);
	return result;
}

/* The reason file that stands beside a quarantined input. */
static int put_quarantine_reason(struct batch *batch, const char *destination,
				 const char *name, const char *code, const char *message,
				 const char *digest, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"quarantined", NULL);
	char relative[PATH_MAX], date[11], text[2048];
	int result;

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	date_format(batch->options->date, date);
	snprintf(relative, sizeof(relative), "dropbox/%s", name);
	xml_set(root, "input", relative);
	xml_set(root, "code", code);
	xml_set(root, "date", date);
	xml_set(root, "path", destination);
	if (digest[0])
		xml_set(root, "sha256", digest);
	snprintf(text, sizeof(text), "%s：%s", quarantine_heading(code), message);
	xmlNodeAddContent(root, (const xmlChar *)text);
	snprintf(relative, sizeof(relative), "%s.reason.xml", destination);
	result = put_document(batch, relative, document, err);
	xmlFreeDoc(document);
	return result;
}

/* Moves the input into quarantine/ with a reason file beside it. */
static int quarantine(struct batch *batch, const char *name, const char *code,
		      const char *message, const char *digest, struct error *err)
{
	char source[PATH_MAX], destination[PATH_MAX], seen[PATH_MAX];

	if (prepare_group_for(batch, NULL, err) < 0)
		return -1;
	snprintf(source, sizeof(source), "dropbox/%s", name);
	/* the run and a sequence number keep names unique; the original name,
	 * shortened to fit a file name, keeps them recognizable */
	snprintf(destination, sizeof(destination), "quarantine/%s-%04u-%.150s",
		 batch->store.run_id, ++batch->input_sequence, name);
	if (transaction_take(&batch->transaction, source, destination, err) < 0 ||
	    put_quarantine_reason(batch, destination, name, code, message, digest, err) < 0)
		return -1;
	if (digest[0] && strcmp(code, "duplicate-package") != 0) {
		snprintf(seen, sizeof(seen), "store/seen/%.2s/%s", digest, digest);
		if (transaction_put(&batch->transaction, seen, destination, strlen(destination),
				    err) < 0 || remember_digest(batch, digest, err) < 0)
			return -1;
	}
	batch->summary->quarantined++;
	log_line(batch, "quarantined dropbox/%s: %s: %s", name, code, message);
	return 0;
}

/* ---- dossiers, notices, deadlines ---- */

static int id_is_safe(const char *id)
{
	size_t length = strlen(id);

	if (length == 0 || length > 64 || !isalnum((unsigned char)id[0]))
		return 0;
	for (const char *c = id; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
			return 0;
	return 1;
}

static void dossier_relative(const char *id, char *out, size_t size)
{
	snprintf(out, size, "store/dossiers/%s.xml", id);
}

/* Loads the dossier of id; 1 if it existed, 0 if a new one was created. */
static int open_dossier(struct batch *batch, const char *id, struct dossier *dossier,
			struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX];

	dossier_relative(id, relative, sizeof(relative));
	if (!store_file_exists(batch, relative))
		return dossier_create(dossier, id, &batch->policy, err) < 0 ? -1 : 0;
	return dossier_load(dossier, store_path(&batch->store, relative, path, sizeof(path)),
			    err) < 0 ? -1 : 1;
}

static int write_notice(struct batch *batch, struct dossier *dossier, const char *kind,
			struct error *err)
{
	char id[128], date[11], seq[16], html[PATH_MAX], text[PATH_MAX], stylesheet[96];
	int number = dossier_count(dossier, "notice") + 1;
	xmlNodePtr notice = dossier_append(dossier, "notice");
	const char *parameters[] = { "seq", seq, NULL };
	xmlChar *output = NULL;
	int size = 0, result = -1;

	dossier_get(dossier, "id", id, sizeof(id));
	date_format(batch->options->date, date);
	snprintf(seq, sizeof(seq), "%d", number);
	snprintf(html, sizeof(html), "out/notices/%s/%02d-%s.html", id, number, kind);
	snprintf(text, sizeof(text), "out/notices/%s/%02d-%s.txt", id, number, kind);
	xml_set(notice, "seq", seq);
	xml_set(notice, "kind", kind);
	xml_set(notice, "date", date);
	xml_set(notice, "html", html);
	xml_set(notice, "text", text);
	snprintf(stylesheet, sizeof(stylesheet), "notice-%s.xsl", kind);
	if (renderer_apply(batch->renderer, stylesheet, dossier->document, parameters, &output,
			   &size, err) < 0 ||
	    transaction_put(&batch->transaction, html, output, (size_t)size, err) < 0)
		goto out;
	xmlFree(output);
	output = NULL;
	snprintf(stylesheet, sizeof(stylesheet), "notice-%s-text.xsl", kind);
	if (renderer_apply(batch->renderer, stylesheet, dossier->document, parameters, &output,
			   &size, err) < 0 ||
	    transaction_put(&batch->transaction, text, output, (size_t)size, err) < 0)
		goto out;
	batch->summary->notices++;
	log_line(batch, "notice %s written for %s", html, id);
	result = 0;
out:
	xmlFree(output);
	return result;
}

static void deadline_marker(const char *deadline, const char *id, char *out, size_t size)
{
	snprintf(out, size, "store/deadlines/%s_%s", deadline, id);
}

/* Keeps store/deadlines/ in step with the dossier: one marker per returned
 * application, named by its deadline, so the sweep never reads every dossier. */
static int update_deadline_marker(struct batch *batch, const char *old_state,
				  const char *old_deadline, struct dossier *dossier,
				  struct error *err)
{
	char id[128], state[32], deadline[16], marker[PATH_MAX];

	dossier_get(dossier, "id", id, sizeof(id));
	dossier_get(dossier, "state", state, sizeof(state));
	dossier_get(dossier, "deadline", deadline, sizeof(deadline));
	if (strcmp(old_state, "returned") == 0 && old_deadline[0] &&
	    (strcmp(state, "returned") != 0 || strcmp(deadline, old_deadline) != 0)) {
		deadline_marker(old_deadline, id, marker, sizeof(marker));
		if (transaction_remove(&batch->transaction, marker, err) < 0)
			return -1;
	}
	if (strcmp(state, "returned") == 0 && strcmp(deadline, old_deadline) != 0) {
		deadline_marker(deadline, id, marker, sizeof(marker));
		if (transaction_put(&batch->transaction, marker, id, strlen(id), err) < 0)
			return -1;
	}
	return 0;
}

static void count_outcome(struct batch *batch, const char *outcome)
{
	if (strcmp(outcome, "accepted") == 0)
		batch->summary->accepted++;
	else if (strcmp(outcome, "returned") == 0)
		batch->summary->returned++;
	else if (strcmp(outcome, "rejected") == 0)
		batch->summary->rejected++;
	else if (strcmp(outcome, "expired") == 0)
		batch->summary->expired++;
}

/* Runs the stages over the dossier, writes the notice its outcome calls for,
 * and puts the dossier and its deadline marker into the transaction. */
static int advance_dossier(struct batch *batch, struct dossier *dossier, const char *old_state,
			   const char *old_deadline, struct error *err)
{
	char id[128], relative[PATH_MAX], outcome[32] = "";
	int changed = stage_validate(&batch->stage, dossier, err);
	xmlNodePtr validation;

	if (changed < 0)
		return -1;
	dossier_get(dossier, "id", id, sizeof(id));
	if (changed) {
		validation = dossier_last(dossier, "validation");
		xml_attribute_copy(validation, "outcome", outcome, sizeof(outcome));
		count_outcome(batch, outcome);
		log_line(batch, "%s: validation %s", id, outcome);
		if (strcmp(outcome, "accepted") != 0 &&
		    write_notice(batch, dossier, outcome, err) < 0)
			return -1;
	}
	if (update_deadline_marker(batch, old_state, old_deadline, dossier, err) < 0)
		return -1;
	dossier_relative(id, relative, sizeof(relative));
	return put_document(batch, relative, dossier->document, err);
}

/* ---- packages ---- */

/* States in which an application takes a new package: a returned one takes
 * its correction (or expires), a new one its first. */
static int takes_new_package(const char *state, int exists)
{
	return !exists || strcmp(state, "returned") == 0;
}

/* Files the package under its application: the form (if it could be read)
 * replaces the dossier's, the submission is recorded, and validation runs. */
static int file_package(struct batch *batch, const char *name, const char *digest,
			const struct package *package, xmlDocPtr form, const char *id,
			const char *problem, struct error *err)
{
	struct dossier dossier;
	char state[32] = "", deadline[16] = "", message[512], input[PATH_MAX];
	int exists, result = -1;

	dossier_init(&dossier);
	if (prepare_group_for(batch, id, err) < 0)
		goto out;
	exists = open_dossier(batch, id, &dossier, err);
	if (exists < 0)
		goto out;
	dossier_get(&dossier, "state", state, sizeof(state));
	dossier_get(&dossier, "deadline", deadline, sizeof(deadline));
	if (!takes_new_package(state, exists)) {
		snprintf(message, sizeof(message),
			 "申请 %s 当前处于“%s”状态，不接受新的材料包（package %s）", id, state, name);
		result = quarantine(batch, name, "duplicate-application", message, digest, err);
		goto out;
	}
	if (form && dossier_replace_application(&dossier, xmlDocGetRootElement(form), err) < 0)
		goto out;
	content_path(digest, input, sizeof(input));
	dossier_add_submission(&dossier, name, digest, batch->options->date, input, package,
			       problem);
	if (take_input(batch, name, digest, err) < 0 ||
	    advance_dossier(batch, &dossier, exists ? state : "", deadline, err) < 0)
		goto out;
	batch->summary->packages++;
	log_line(batch, "took dropbox/%s as a package of %s (sha256 %s)", name, id, digest);
	result = 0;
out:
	dossier_release(&dossier);
	return result;
}

static int application_id_of(xmlDocPtr form, char *id, size_t size)
{
	xmlNodePtr root = xmlDocGetRootElement(form);

	xml_attribute_copy(root, "id", id, size);
	return id_is_safe(id);
}

static int read_form(struct batch *batch, const char *name, const char *digest,
		     const struct package *package, struct error *err)
{
	struct xml_limits limits = { batch->policy.package_limits.max_xml_bytes,
				     batch->policy.max_xml_depth };
	struct error problem = { "" };
	char id[128] = "", message[1200];
	xmlDocPtr form;
	int result;

	form = xml_parse_untrusted(package->application_xml, package->application_xml_size,
				   "application.xml", &limits, id, sizeof(id), &problem);
	if (!form && !id_is_safe(id))
		return quarantine(batch, name, "xml-malformed", problem.message, digest, err);
	if (!form)
		return file_package(batch, name, digest, package, NULL, id, problem.message, err);
	if (!application_id_of(form, id, sizeof(id))) {
		snprintf(message, sizeof(message), "application.xml 的根元素没有可用的申请编号（id 属性）：'%.64s'",
			 id);
		xmlFreeDoc(form);
		return quarantine(batch, name, "schema", message, digest, err);
	}
	result = file_package(batch, name, digest, package, form, id, NULL, err);
	xmlFreeDoc(form);
	return result;
}

static int take_package(struct batch *batch, const struct intake_item *item, struct error *err)
{
	const struct package_limits *limits = &batch->policy.package_limits;
	struct error problem = { "" };
	struct package package;
	char digest[65] = "", message[1200];
	enum package_result outcome;
	size_t size = 0;
	char *bytes = NULL;
	int result = -1;

	package_init(&package);
	if ((size_t)item->size > limits->max_archive_bytes) {
		snprintf(message, sizeof(message), "%lld bytes, more than the limit of %zu bytes",
			 (long long)item->size, limits->max_archive_bytes);
		return quarantine(batch, item->name, "archive-too-large", message, "", err);
	}
	bytes = read_input(batch, item->name, limits->max_archive_bytes, &size, err);
	if (!bytes)
		goto out;
	sha256_hex(bytes, size, digest);
	if (seen_before(batch, digest)) {
		snprintf(message, sizeof(message),
			 "与此前已收取或已隔离的文件完全相同（SHA-256 %s），不再重复处理", digest);
		result = quarantine(batch, item->name, "duplicate-package", message, digest, err);
		goto out;
	}
	outcome = package_read(bytes, size, limits, &package, &problem);
	if (outcome != PACKAGE_OK)
		result = quarantine(batch, item->name, package_result_code(outcome),
				    problem.message, digest, err);
	else
		result = read_form(batch, item->name, digest, &package, err);
out:
	free(bytes);
	package_release(&package);
	return result;
}

/* ---- records ---- */

static const char *record_target(xmlNodePtr root, char *out, size_t size)
{
	xml_attribute_copy(root, "application", out, size);
	if (!out[0])
		xml_attribute_copy(root, "registration", out, size);
	return out;
}

static int put_record_entry(struct batch *batch, const char *name, const char *digest,
			    xmlNodePtr record_root, const char *state, const char *code,
			    const char *message, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"record", NULL);
	char relative[PATH_MAX], date[11], target[128];
	int result;

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	snprintf(relative, sizeof(relative), "dropbox/%s", name);
	xml_set(root, "input", relative);
	xml_set(root, "kind", (const char *)record_root->name);
	if (xmlHasProp(record_root, (const xmlChar *)"registration"))
		xml_set(root, "registration", record_target(record_root, target, sizeof(target)));
	else
		xml_set(root, "application", record_target(record_root, target, sizeof(target)));
	date_format(batch->options->date, date);
	xml_set(root, "received", date);
	xml_set(root, "sha256", digest);
	content_path(digest, relative, sizeof(relative));
	xml_set(root, "stored", relative);
	xml_set(root, "state", state);
	if (code)
		xml_set(root, "code", code);
	if (message)
		xmlNodeAddContent(root, (const xmlChar *)message);
	snprintf(relative, sizeof(relative), "store/records/%s-%04u.xml", batch->store.run_id,
		 ++batch->input_sequence);
	result = put_document(batch, relative, document, err);
	xmlFreeDoc(document);
	return result;
}

/* Refused records are kept in the store like the others: what examiners sent
 * is evidence, whether or not it could be applied. Accepted ones wait, as
 * pending, for the stage that applies them. */
static int take_record(struct batch *batch, const struct intake_item *item, struct error *err)
{
	struct xml_limits limits = { batch->policy.package_limits.max_xml_bytes,
				     batch->policy.max_xml_depth };
	struct xml_messages messages = { 0 };
	struct error problem = { "" };
	char digest[65], message[1200];
	xmlDocPtr record = NULL;
	size_t size = 0;
	char *bytes = NULL;
	int valid, duplicate, result = -1;

	if ((size_t)item->size > limits.max_bytes) {
		snprintf(message, sizeof(message), "%lld bytes, more than the limit of %zu bytes",
			 (long long)item->size, limits.max_bytes);
		return quarantine(batch, item->name, "xml-malformed", message, "", err);
	}
	bytes = read_input(batch, item->name, limits.max_bytes, &size, err);
	if (!bytes)
		goto out;
	sha256_hex(bytes, size, digest);
	record = xml_parse_untrusted(bytes, size, item->name, &limits, NULL, 0, &problem);
	if (!record) {
		result = quarantine(batch, item->name, "xml-malformed", problem.message, digest, err);
		goto out;
	}
	valid = schema_validate(batch->record_schema, record, &messages, err);
	if (valid < 0)
		goto out;
	duplicate = seen_before(batch, digest);
	if (prepare_group_for(batch, NULL, err) < 0 || take_input(batch, item->name, digest, err) < 0)
		goto out;
	if (valid > 0)
		result = put_record_entry(batch, item->name, digest, xmlDocGetRootElement(record),
					  "refused", "record-invalid", messages.count ?
					  messages.lines[0] : "invalid", err);
	else if (duplicate)
		result = put_record_entry(batch, item->name, digest, xmlDocGetRootElement(record),
					  "refused", "record-duplicate",
					  "与此前收到的记录完全相同", err);
	else
		result = put_record_entry(batch, item->name, digest, xmlDocGetRootElement(record),
					  "pending", NULL, NULL, err);
	batch->summary->records++;
	if (valid > 0 || duplicate)
		batch->summary->records_refused++;
	log_line(batch, "took dropbox/%s as a record (%s)", item->name,
		 valid > 0 ? "refused: record-invalid" : duplicate ? "refused: record-duplicate" :
		 "pending");
out:
	xml_messages_release(&messages);
	if (record)
		xmlFreeDoc(record);
	free(bytes);
	return result;
}

/* ---- the sweep of overdue returns ---- */

static int expire_overdue(struct batch *batch, const char *marker_name, struct error *err)
{
	char deadline_text[16], id[128];
	const char *separator = strchr(marker_name, '_');
	struct dossier dossier;
	day_t deadline;
	int result = -1, exists;

	if (!separator || separator - marker_name != 10)
		return 0;
	snprintf(deadline_text, sizeof(deadline_text), "%.10s", marker_name);
	snprintf(id, sizeof(id), "%s", separator + 1);
	if (date_parse(deadline_text, &deadline) < 0 || deadline >= batch->options->date ||
	    !id_is_safe(id))
		return 0;
	dossier_init(&dossier);
	if (prepare_group_for(batch, id, err) < 0)
		goto out;
	exists = open_dossier(batch, id, &dossier, err);
	if (exists <= 0) {
		result = exists < 0 ? -1 : 0;
		goto out;
	}
	result = advance_dossier(batch, &dossier, "returned", deadline_text, err);
out:
	dossier_release(&dossier);
	return result;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sweep_deadlines(struct batch *batch, struct error *err)
{
	char directory[PATH_MAX];
	char **names = NULL;
	size_t count = 0;
	struct dirent *entry;
	DIR *listing;
	int result = 0;

	listing = opendir(store_path(&batch->store, "store/deadlines", directory,
				     sizeof(directory)));
	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while ((entry = readdir(listing)) && result == 0)
		if (entry->d_name[0] != '.')
			result = add_to_list(&names, &count, entry->d_name, err);
	closedir(listing);
	if (count)
		qsort(names, count, sizeof(*names), compare_strings);
	for (size_t i = 0; i < count && result == 0; i++)
		result = expire_overdue(batch, names[i], err);
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return result;
}

/* ---- the run ---- */

static int load_run_resources(struct batch *batch, struct error *err)
{
	char path[PATH_MAX];

	batch->policy_schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), err);
	if (!batch->policy_schema)
		return -1;
	if (policy_load(&batch->policy, store_path(&batch->store, "policy.xml", path,
						   sizeof(path)), batch->policy_schema, err) < 0)
		return -1;
	batch->policy_loaded = 1;
	batch->application_schema = schema_load(paths_schema("application.xsd", path,
							     sizeof(path)), err);
	batch->record_schema = schema_load(paths_schema("record.xsd", path, sizeof(path)), err);
	if (!batch->application_schema || !batch->record_schema)
		return -1;
	batch->renderer = renderer_new(err);
	if (!batch->renderer)
		return -1;
	register_view_for_store(&batch->register_view, &batch->store);
	batch->stage.policy = &batch->policy;
	batch->stage.application_schema = batch->application_schema;
	batch->stage.register_view = &batch->register_view;
	batch->stage.date = batch->options->date;
	return 0;
}

static int take_inputs(struct batch *batch, enum input_kind kind, const struct intake_list *list,
		       struct error *err)
{
	char message[256];

	for (size_t i = 0; i < list->count; i++) {
		const struct intake_item *item = &list->items[i];
		int result = 0;

		if (item->kind != kind)
			continue;
		if (kind == INPUT_RECORD) {
			result = take_record(batch, item, err);
		} else if (kind == INPUT_PACKAGE) {
			result = take_package(batch, item, err);
		} else {
			snprintf(message, sizeof(message),
				 "not a regular file (a link, device or pipe); never opened");
			result = quarantine(batch, item->name, "archive-unsafe", message, "", err);
		}
		if (result < 0)
			return -1;
	}
	return 0;
}

static int write_run_log(struct batch *batch, struct error *err)
{
	char relative[PATH_MAX];

	if (!batch->log)
		return 0;
	fclose(batch->log);
	batch->log = NULL;
	snprintf(relative, sizeof(relative), "out/reports/%s.log", batch->store.run_id);
	snprintf(batch->summary->log_path, sizeof(batch->summary->log_path), "%s", relative);
	if (ensure_transaction(batch, err) < 0)
		return -1;
	return transaction_put(&batch->transaction, relative, batch->log_text, batch->log_size,
			       err);
}

/* Returns an exit code: a failure to load the policy or the data files is
 * the configuration's, any other the file system's. */
static int run_batch(struct batch *batch, struct error *err)
{
	struct intake_list list = { 0 };
	char dropbox[PATH_MAX], date[11];
	int recovered, result = EXIT_IO;

	recovered = store_recover(&batch->store, err);
	if (recovered < 0)
		return EXIT_IO;
	if (load_run_resources(batch, err) < 0)
		return EXIT_CONFIG;
	batch->summary->recovered = (size_t)recovered;
	snprintf(batch->summary->run_id, sizeof(batch->summary->run_id), "%s", batch->store.run_id);
	date_format(batch->options->date, date);
	batch->summary->calendar_covered = calendar_covers(&batch->policy.calendar,
							   batch->options->date);
	log_line(batch, "run %s dated %s over %s", batch->store.run_id, date, batch->store.root);
	if (!batch->summary->calendar_covered)
		log_line(batch, "the policy calendar does not cover %d: working days count "
			 "weekends only", date_year(batch->options->date));
	if (recovered > 0)
		log_line(batch, "finished %d transactions of an interrupted run", recovered);
	if (intake_list(store_path(&batch->store, "dropbox", dropbox, sizeof(dropbox)),
			batch->policy.settle_seconds, time(NULL), &list, err) < 0)
		return EXIT_IO;
	batch->summary->waiting = list.waiting;
	if (take_inputs(batch, INPUT_RECORD, &list, err) < 0 ||
	    take_inputs(batch, INPUT_SPECIAL, &list, err) < 0 ||
	    take_inputs(batch, INPUT_PACKAGE, &list, err) < 0 ||
	    sweep_deadlines(batch, err) < 0)
		goto out;
	if (batch->transaction_open || batch->summary->packages || batch->summary->records ||
	    batch->summary->quarantined || batch->summary->notices)
		if (write_run_log(batch, err) < 0)
			goto out;
	if (commit_group(batch, err) == 0)
		result = EXIT_OK;
out:
	intake_list_release(&list);
	return result;
}

static void release_batch(struct batch *batch)
{
	if (batch->transaction_open)
		transaction_abort(&batch->transaction);
	forget_group(batch);
	free(batch->group_ids);
	free(batch->group_digests);
	if (batch->log)
		fclose(batch->log);
	free(batch->log_text);
	renderer_free(batch->renderer);
	schema_free(batch->record_schema);
	schema_free(batch->application_schema);
	schema_free(batch->policy_schema);
	if (batch->policy_loaded)
		policy_release(&batch->policy);
	store_close(&batch->store);
}

int driver_run(const struct run_options *options, struct run_summary *summary,
	       struct error *err)
{
	struct batch batch;
	int lock = -1, result = EXIT_NO_INPUT;

	memset(&batch, 0, sizeof(batch));
	memset(summary, 0, sizeof(*summary));
	batch.options = options;
	batch.summary = summary;
	batch.store.root_fd = -1;
	if (store_open(&batch.store, options->state_dir, err) < 0)
		goto out;
	result = EXIT_LOCKED;
	lock = lock_acquire(batch.store.root, err);
	if (lock < 0)
		goto out;
	result = EXIT_SOFTWARE;
	batch.log = open_memstream(&batch.log_text, &batch.log_size);
	if (!batch.log) {
		error_set(err, "out of memory");
		goto out;
	}
	result = run_batch(&batch, err);
out:
	release_batch(&batch);
	lock_release(lock);
	return result;
}
