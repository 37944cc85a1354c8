/* publish.c - what the society makes public (R6b, R7/Q31): the list of
 * applicants entering publicity (公示) and the changes of certificate status,
 * with the report of those changes to the federation.
 *
 * Each entry is queued in the store (store/pending/) in the same transaction
 * as the decision it tells, and the run's last step turns the queue into one
 * public notice and one report, removing what it used. A run killed before
 * that step leaves the queue for the next run: nothing is lost or doubled.
 */
#include "batch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "xml.h"

#define PENDING_PUBLICITY "store/pending/publicity"
#define PENDING_CHANGES "store/pending/changes"

int publish_register_change(struct batch *batch, xmlDocPtr change, struct error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(change);
	char html[PATH_MAX], text[PATH_MAX], relative[PATH_MAX];
	char registration[64], action[16];
	xmlChar *output = NULL;
	int size = 0, result = -1;

	xml_attribute_copy(root, "html", html, sizeof(html));
	xml_attribute_copy(root, "text", text, sizeof(text));
	if (renderer_apply(batch->renderer, "notice-status.xsl", change, NULL, &output, &size,
			   err) < 0 ||
	    transaction_put(&batch->transaction, html, output, (size_t)size, err) < 0)
		goto out;
	xmlFree(output);
	output = NULL;
	if (renderer_apply(batch->renderer, "notice-status-text.xsl", change, NULL, &output, &size,
			   err) < 0 ||
	    transaction_put(&batch->transaction, text, output, (size_t)size, err) < 0 ||
	    put_pdf_of_text(batch, (const char *)output, (size_t)size, text, err) < 0)
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
	xmlFree(output);
	xmlFreeDoc(change);
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

static int write_public(struct batch *batch, xmlDocPtr document, const char *stylesheet,
			const char *xml_path, const char *html_path, struct error *err)
{
	xmlChar *html = NULL;
	int size = 0, result = -1;

	if (put_document(batch, xml_path, document, err) < 0 ||
	    renderer_apply(batch->renderer, stylesheet, document, NULL, &html, &size, err) < 0 ||
	    transaction_put(&batch->transaction, html_path, html, (size_t)size, err) < 0)
		goto out;
	log_line(batch, "public notice %s", html_path);
	result = 0;
out:
	xmlFree(html);
	return result;
}

static int publish_publicity(struct batch *batch, struct error *err)
{
	struct name_list queued = { NULL, 0 };
	char xml_path[PATH_MAX], html_path[PATH_MAX], value[16];
	xmlNodePtr root, first;
	xmlDocPtr document = NULL;
	int result = 0;

	if (list_queue(batch, PENDING_PUBLICITY, &queued, err) < 0)
		return -1;
	if (queued.count == 0)
		goto out;
	result = -1;
	document = new_list(batch, "publicityList", &root);
	if (prepare_group_for(batch, err) < 0 ||
	    drain_queue(batch, PENDING_PUBLICITY, queued.names, queued.count, root, err) < 0)
		goto out;
	first = xml_child(root, "entry");
	xml_set(root, "begins", xml_attribute_copy(first, "begins", value, sizeof(value)));
	xml_set(root, "ends", xml_attribute_copy(first, "ends", value, sizeof(value)));
	snprintf(xml_path, sizeof(xml_path), "out/public/%s-publicity.xml", batch->store.run_id);
	snprintf(html_path, sizeof(html_path), "out/public/%s-publicity.html", batch->store.run_id);
	result = write_public(batch, document, "public-publicity.xsl", xml_path, html_path, err);
out:
	if (document)
		xmlFreeDoc(document);
	name_list_release(&queued);
	return result;
}

static int publish_changes(struct batch *batch, struct error *err)
{
	struct name_list queued = { NULL, 0 };
	char xml_path[PATH_MAX], html_path[PATH_MAX];
	xmlNodePtr root;
	xmlDocPtr document = NULL;
	int result = 0;

	if (list_queue(batch, PENDING_CHANGES, &queued, err) < 0)
		return -1;
	if (queued.count == 0)
		goto out;
	result = -1;
	document = new_list(batch, "registerChanges", &root);
	if (prepare_group_for(batch, err) < 0 ||
	    drain_queue(batch, PENDING_CHANGES, queued.names, queued.count, root, err) < 0)
		goto out;
	/* the federation's report (Q31) and the public notice of the same changes */
	snprintf(xml_path, sizeof(xml_path), "out/reports/%s-register-changes.xml",
		 batch->store.run_id);
	snprintf(html_path, sizeof(html_path), "out/public/%s-register-changes.html",
		 batch->store.run_id);
	result = write_public(batch, document, "public-register-changes.xsl", xml_path, html_path,
			      err);
out:
	if (document)
		xmlFreeDoc(document);
	name_list_release(&queued);
	return result;
}

int publish_run(struct batch *batch, struct error *err)
{
	/* the queues are read from disk: commit what this run queued first */
	if (commit_group(batch, err) < 0)
		return -1;
	return publish_publicity(batch, err) < 0 ? -1 : publish_changes(batch, err);
}
