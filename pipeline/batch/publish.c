/* publish.c - what the society makes public (R6b, R7/Q31): the list of
 * applicants entering publicity (公示) and the changes of certificate status,
 * with the report of those changes to the federation.
 *
 * Each entry is queued in the store (store/pending/) in the same transaction
 * as the decision it tells, and the run's last step turns the queue into one
 * public notice and one report, removing what it used. A run killed before
 * that step leaves the queue for the next run: nothing is lost or doubled.
 */
#include "publish.h"
#include "signing.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "letters.h"
#include "mail.h"
#include "signing.h"
#include "xml.h"

#define PENDING_PUBLICITY "store/pending/publicity"
#define PENDING_CHANGES "store/pending/changes"

int publish_register_change(struct batch *batch, xmlDocPtr change, struct error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(change);
	char html[PATH_MAX], text[PATH_MAX], relative[PATH_MAX];
	char registration[64], action[16];
	int result = -1;

	xml_attribute_copy(root, "html", html, sizeof(html));
	xml_attribute_copy(root, "text", text, sizeof(text));
	if (put_letter(batch, "status", change, NULL, html, text, err) < 0 ||
	    mail_put_status_message(batch, change, err) < 0)
		goto out;
	snprintf(relative, sizeof(relative), PENDING_CHANGES "/%s-%04u.xml", batch->store.run_id,
		 ++batch->input_sequence);
	if (put_document(batch, relative, change, err) < 0)
		goto out;
	batch->summary->notices++;
	batch->summary->register_changes++;
	log_line(batch, "register %s: %s (letter %s)",
		 xml_attribute_copy(root, "registration", registration, sizeof(registration)),
		 xml_attribute_copy(root, "action", action, sizeof(action)), html);
	result = 0;
out:
	xmlFreeDoc(change);
	return result;
}

int publish_reminder_letter(struct batch *batch, xmlDocPtr reminder, struct error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(reminder);
	char html[PATH_MAX], text[PATH_MAX], registration[64];
	int result = -1;

	xml_attribute_copy(root, "html", html, sizeof(html));
	xml_attribute_copy(root, "text", text, sizeof(text));
	if (put_letter(batch, "reminder", reminder, NULL, html, text, err) < 0 ||
	    mail_put_register_message(batch, reminder, "reminder", err) < 0)
		goto out;
	batch->summary->notices++;
	log_line(batch, "register %s: reminder before expiry (letter %s)",
		 xml_attribute_copy(root, "registration", registration, sizeof(registration)),
		 html);
	result = 0;
out:
	xmlFreeDoc(reminder);
	return result;
}

int queue_publicity_entry(struct batch *batch, const struct dossier *dossier, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr entry = xmlNewDocNode(document, NULL, (const xmlChar *)"entry", NULL);
	xmlNodePtr application = dossier_application(dossier);
	xmlNodePtr publicity = dossier_last(dossier, "publicity");
	char value[512], relative[PATH_MAX];
	int result;

	xmlSetNs(entry, xmlNewNs(entry, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, entry);
	xml_set(entry, "application", dossier_get(dossier, "id", value, sizeof(value)));
	xml_set(entry, "name", dossier_get(dossier, "name", value, sizeof(value)));
	xml_set(entry, "idMasked", dossier_get(dossier, "idMasked", value, sizeof(value)));
	xml_set(entry, "field", xml_attribute_copy(xml_child(application, "field"), "code", value,
						   sizeof(value)));
	xml_set_optional(entry, "fieldName", dossier_get(dossier, "fieldName", value, sizeof(value)));
	{
		char *level = xml_text(xml_child(application, "level"));

		xml_set(entry, "level", level ? level : "");
		xmlFree(level);
	}
	xml_set(entry, "begins", xml_attribute_copy(publicity, "begins", value, sizeof(value)));
	xml_set(entry, "ends", xml_attribute_copy(publicity, "ends", value, sizeof(value)));
	dossier_get(dossier, "id", value, sizeof(value));
	snprintf(relative, sizeof(relative), PENDING_PUBLICITY "/%s.xml", value);
	result = put_document(batch, relative, document, err);
	xmlFreeDoc(document);
	return result;
}

/* ---- the run's last step ---- */

/* The names queued in a store/pending/ directory, in order. */
static int list_queue(struct batch *batch, const char *queue, struct name_list *list,
		      struct error *err)
{
	char directory[PATH_MAX];

	return directory_list(store_path(&batch->store, queue, directory, sizeof(directory)), "",
			      list, err);
}

static xmlDocPtr new_list(struct batch *batch, const char *name, xmlNodePtr *root)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	char date[11];

	*root = xmlNewDocNode(document, NULL, (const xmlChar *)name, NULL);
	xmlSetNs(*root, xmlNewNs(*root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, *root);
	date_format(batch->options->date, date);
	xml_set(*root, "society", batch->policy.society_code);
	xml_set(*root, "societyName", batch->policy.society_name);
	xml_set_optional(*root, "societyNameEn", batch->policy.society_name_english);
	xml_set(*root, "date", date);
	xml_set(*root, "run", batch->store.run_id);
	return document;
}

/* Moves each queued document's root into list, and removes it from the queue. */
static int drain_queue(struct batch *batch, const char *queue, char **names, size_t count,
		       xmlNodePtr list, struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX];

	for (size_t i = 0; i < count; i++) {
		xmlDocPtr queued;

		snprintf(relative, sizeof(relative), "%s/%s", queue, names[i]);
		queued = xml_parse_file(store_path(&batch->store, relative, path, sizeof(path)), err);
		if (!queued)
			return -1;
		xmlAddChild(list, xmlDocCopyNode(xmlDocGetRootElement(queued), list->doc, 1));
		xmlFreeDoc(queued);
		if (transaction_remove(&batch->transaction, relative, err) < 0)
			return -1;
	}
	xmlReconciliateNs(list->doc, list);
	return 0;
}

/* The counter of the year's public notices: the last number given, as text
 * (absent: none yet). Directly in store/, so that a state made before
 * notice numbers needs no new directory. */
static void notice_counter(const char *year, char *out, size_t size)
{
	snprintf(out, size, "store/notice-numbers-%s", year);
}

/* format with {society}, {year} and {seq} replaced (formats.md §3). */
static void format_notice_number(const char *format, const char *society, const char *year,
				 unsigned seq, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (const char *c = format; *c && used + 1 < size;) {
		char number[16];
		const char *value = NULL;

		if (strncmp(c, "{society}", 9) == 0)
			value = society, c += 9;
		else if (strncmp(c, "{year}", 6) == 0)
			value = year, c += 6;
		else if (strncmp(c, "{seq}", 5) == 0)
			snprintf(number, sizeof(number), "%u", seq), value = number, c += 5;
		if (value)
			used += (size_t)snprintf(out + used, size - used, "%s", value);
		else
			out[used++] = *c++, out[used] = '\0';
		if (used >= size)
			used = size - 1;
	}
}

/* The next number of the run's year for a public notice (R9: the society's
 * format, never a run id), counted in the store in the notice's own
 * transaction, so that a notice and its number commit together. */
static int next_notice_number(struct batch *batch, char *out, size_t size, struct error *err)
{
	char date[11], year[5], relative[PATH_MAX], path[PATH_MAX], text[16];
	char *bytes = NULL;
	unsigned seq = 0;
	int staged;

	date_format(batch->options->date, date);
	snprintf(year, sizeof(year), "%.4s", date);
	notice_counter(year, relative, sizeof(relative));
	staged = store_locate(&batch->store, &batch->transaction, relative, path, sizeof(path));
	if (staged > 0) {
		size_t length = 0;

		bytes = xml_read_file(path, 64, &length, err);
		if (!bytes)
			return -1;
		seq = (unsigned)strtoul(bytes, NULL, 10);
		free(bytes);
	}
	seq++;
	snprintf(text, sizeof(text), "%u\n", seq);
	if (transaction_put(&batch->transaction, relative, text, strlen(text), err) < 0)
		return -1;
	format_notice_number(batch->policy.notice_number_format, batch->policy.society_name, year,
			     seq, out, size);
	return 0;
}

static int write_public(struct batch *batch, xmlDocPtr document, const char *stylesheet,
			const char *xml_path, const char *html_path, struct error *err)
{
	xmlChar *html = NULL;
	int size = 0, result = -1;

	if (put_signed_document(batch, xml_path, document, err) < 0 ||
	    renderer_apply(batch->renderer, stylesheet, document, NULL, &html, &size, err) < 0 ||
	    transaction_put(&batch->transaction, html_path, html, (size_t)size, err) < 0)
		goto out;
	log_line(batch, "public notice %s", html_path);
	result = 0;
out:
	xmlFree(html);
	return result;
}

/* One kind of public list: where its queue is and where its parts go. */
struct public_list {
	const char *queue;		/* store/pending/... */
	const char *root;		/* the document's root element */
	const char *stylesheet;
	const char *xml_directory, *html_directory;
	const char *suffix;		/* <run>-<suffix>[-<part>].xml and .html */
	int publicity;			/* the list carries the period of its first entry */
};

static void part_path(struct batch *batch, const struct public_list *kind, const char *directory,
		      size_t part, size_t parts, const char *extension, char *out, size_t size)
{
	if (parts == 1)
		snprintf(out, size, "%s/%s-%s.%s", directory, batch->store.run_id, kind->suffix,
			 extension);
	else
		snprintf(out, size, "%s/%s-%s-%zu.%s", directory, batch->store.run_id,
			 kind->suffix, part, extension);
}

/* Part `part` of `parts`: the queued entries names[0..count), which come
 * after `offset` others. Each part commits with the removal of its entries
 * from the queue, so memory holds one part, and a run killed between parts
 * leaves the rest queued for the next run. */
static int publish_part(struct batch *batch, const struct public_list *kind, char **names,
			size_t count, size_t part, size_t parts, size_t offset,
			struct error *err)
{
	char xml_path[PATH_MAX], html_path[PATH_MAX], value[16], number[1100];
	xmlNodePtr root;
	xmlDocPtr document = new_list(batch, kind->root, &root);
	int result = -1;

	if (parts > 1) {
		xml_set_format(root, "part", "%zu", part);
		xml_set_format(root, "parts", "%zu", parts);
		xml_set_format(root, "offset", "%zu", offset);
	}
	if (prepare_group_for(batch, err) < 0 ||
	    drain_queue(batch, kind->queue, names, count, root, err) < 0 ||
	    next_notice_number(batch, number, sizeof(number), err) < 0)
		goto out;
	xml_set(root, "number", number);
	if (kind->publicity) {
		xmlNodePtr first = xml_child(root, "entry");

		xml_set(root, "begins", xml_attribute_copy(first, "begins", value, sizeof(value)));
		xml_set(root, "ends", xml_attribute_copy(first, "ends", value, sizeof(value)));
	}
	part_path(batch, kind, kind->xml_directory, part, parts, "xml", xml_path,
		  sizeof(xml_path));
	part_path(batch, kind, kind->html_directory, part, parts, "html", html_path,
		  sizeof(html_path));
	if (write_public(batch, document, kind->stylesheet, xml_path, html_path, err) < 0 ||
	    (parts > 1 && commit_group(batch, err) < 0))
		goto out;
	result = 0;
out:
	xmlFreeDoc(document);
	return result;
}

static int publish_list(struct batch *batch, const struct public_list *kind, struct error *err)
{
	struct name_list queued = { NULL, 0 };
	size_t per_part = (size_t)batch->policy.notice_entries, parts;
	int result = 0;

	if (list_queue(batch, kind->queue, &queued, err) < 0)
		return -1;
	parts = (queued.count + per_part - 1) / per_part;
	for (size_t part = 1; part <= parts && result == 0; part++) {
		size_t offset = (part - 1) * per_part;
		size_t count = queued.count - offset < per_part ? queued.count - offset : per_part;

		result = publish_part(batch, kind, queued.names + offset, count, part, parts,
				      offset, err);
	}
	name_list_release(&queued);
	return result;
}

static const struct public_list publicity_list = {
	PENDING_PUBLICITY, "publicityList", "public-publicity.xsl", "out/public", "out/public",
	"publicity", 1
};

/* the federation's report (Q31) and the public notice of the same changes */
static const struct public_list register_changes = {
	PENDING_CHANGES, "registerChanges", "public-register-changes.xsl", "out/reports",
	"out/public", "register-changes", 0
};

int publish_run(struct batch *batch, struct error *err)
{
	/* the queues are read from disk: commit what this run queued first */
	if (commit_group(batch, err) < 0)
		return -1;
	return publish_list(batch, &publicity_list, err) < 0 ? -1 :
	       publish_list(batch, &register_changes, err);
}
