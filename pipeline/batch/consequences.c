/* consequences.c - what follows from a stage's result (consequences.h):
 * the letter the outcome table names, the certificate, the publicity entry,
 * the run's counts, and the wake-up marker of a period that a later run must
 * act on. The stages decide; this file only carries their decisions out. */
#include "consequences.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letters.h"
#include "outcomes.h"
#include "pdf.h"
#include "publish.h"
#include "qrcode.h"
#include "signing.h"
#include "xml.h"

static int is_named(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static void set_from(xmlNodePtr to, const char *name, xmlNodePtr from, const char *from_name)
{
	char value[512];

	xml_set(to, name, xml_attribute_copy(from, from_name ? from_name : name, value,
					     sizeof(value)));
}

/* The certificate's QR code (qrcode.h) added to the signed document, on a
 * worker, before its SVG is made: for the stylesheet only. */
static int add_qr_code(xmlDocPtr certificate, const char *verification_base,
		       struct error *err)
{
	return certificate_qr_add(xmlDocGetRootElement(certificate), verification_base, err);
}

/* The signed certificate document (taken, in every case) made on a worker
 * into its QR code, its SVG (certificate-svg.xsl, with the policy's seal, a
 * data: URI (seal.h), in place of the drawn one) at svg_path and the PDF
 * typeset from that SVG beside it (render_queue.h): both places reserved
 * now, the SVG's first, both in place before the transaction commits. The
 * stylesheet is taken from the renderer here, on the filing thread that
 * owns it. */
static int put_certificate_renderings(struct batch *batch, xmlDocPtr document,
				      const char *svg_path, struct error *err)
{
	const char *seal_parameters[] = {
		"seal-src", batch->seal_uri ? batch->seal_uri : "", NULL
	};
	struct render_rendering svg = { svg_path, { 0 } };
	struct render_document job = {
		document, add_qr_code, batch->policy.verification_base, &svg, 1,
		seal_parameters, RENDER_PDF_OF_FIRST_RENDERING, NULL, NULL, NULL,
	};
	char pdf_path[PATH_MAX], date[11];

	if (renderer_sheet(batch->renderer, "certificate-svg.xsl", &svg.sheet, err) < 0) {
		xmlFreeDoc(document);
		return -1;
	}
	with_extension(svg_path, ".pdf", pdf_path, sizeof(pdf_path));
	date_format(batch->options->date, date);
	job.pdf_destination = pdf_path;
	job.title = strrchr(pdf_path, '/') + 1;
	job.date = date;
	return render_queue_document(batch->renders, &batch->transaction, &job, err);
}

/* The certificate as XML (xsd/certificate.xsd), signed, here; its SVG and
 * PDF on a worker; and its register entry. */
static int write_certificate(struct batch *batch, const struct dossier *dossier,
			     xmlNodePtr certification, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0"), signed_document;
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"certificate", NULL);
	xmlNodePtr application = dossier_application(dossier);
	const struct policy_field *field;
	char value[512], path[PATH_MAX];
	int level, result = -1;

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	set_from(root, "serial", certification, NULL);
	set_from(root, "registration", certification, NULL);
	xml_set(root, "name", dossier_get(dossier, "name", value, sizeof(value)));
	level = level_parse(xml_attribute_copy(certification, "level", value, sizeof(value)));
	xml_set(root, "level", value);
	xml_set(root, "levelName", level_name(level));
	xml_set(root, "levelNameEn", level_name_english(level));
	field = policy_find_field(&batch->policy, xml_attribute_copy(xml_child(application, "field"),
								     "code", value, sizeof(value)));
	xml_set(root, "field", value);
	xml_set(root, "fieldName", field ? field->name : value);
	xml_set_optional(root, "fieldNameEn", field ? field->name_english : "");
	xml_set(root, "society", batch->policy.society_code);
	xml_set(root, "societyName", batch->policy.society_name);
	xml_set_optional(root, "societyNameEn", batch->policy.society_name_english);
	set_from(root, "issued", certification, NULL);
	set_from(root, "expires", certification, NULL);
	set_from(root, "verification", certification, NULL);
	if (put_signed_document(batch, xml_attribute_copy(certification, "certificate", path,
							  sizeof(path)), document, err) < 0)
		goto out;
	/* the worker's from here: signing kept no reference to it */
	signed_document = document;
	document = NULL;
	if (put_certificate_renderings(batch, signed_document, xml_attribute_copy(
					       certification, "svg", path, sizeof(path)), err) < 0 ||
	    register_record_certification(&batch->register_store, dossier, certification, err) < 0)
		goto out;
	batch->summary->certified++;
	log_line(batch, "certificate %s issued", path);
	result = 0;
out:
	xmlFreeDoc(document);
	return result;
}

/* The run summary's count of a result, as the outcome table names it. */
static void count_result(struct batch *batch, const struct outcome *row)
{
	struct run_summary *summary = batch->summary;

	switch (row ? row->count : COUNT_NONE) {
	case COUNT_ACCEPTED:
		summary->accepted++;
		break;
	case COUNT_RETURNED:
		summary->returned++;
		break;
	case COUNT_REJECTED:
		summary->rejected++;
		break;
	case COUNT_EXPIRED:
		summary->expired++;
		break;
	case COUNT_NONE:
		break;
	}
}

/* Everything that follows from the results the stages appended after `last`. */
static int follow_results(struct batch *batch, struct dossier *dossier, xmlNodePtr last,
			  struct error *err)
{
	xmlNodePtr results[64];
	size_t count = 0;
	char id[128], outcome[32];

	for (xmlNodePtr node = last ? last->next : dossier->root->children; node && count < 64;
	     node = node->next)
		if (node->type == XML_ELEMENT_NODE)
			results[count++] = node;
	dossier_get(dossier, "id", id, sizeof(id));
	for (size_t i = 0; i < count; i++) {
		const struct outcome *row = outcome_of(results[i]);

		count_result(batch, row);
		if (!is_named(results[i], "record"))
			log_line(batch, "%s: %s %s", id, (const char *)results[i]->name,
				 xml_attribute_copy(results[i], "outcome", outcome, sizeof(outcome)));
		if (is_named(results[i], RESULT_CERTIFICATION) &&
		    write_certificate(batch, dossier, results[i], err) < 0)
			return -1;
		if (is_named(results[i], RESULT_PUBLICITY) &&
		    queue_publicity_entry(batch, dossier, err) < 0)
			return -1;
		if (row && row->letter && write_notice(batch, dossier, results[i], row->letter,
						       err) < 0)
			return -1;
	}
	return 0;
}

/* ---- wake-ups: the end of a period that a later run must act on ---- */

/* The last day of the dossier's current period: the deadline of a returned
 * application or of a supplement request, the last day of publicity; ""
 * for none. */
void period_end(const struct dossier *dossier, char *out, size_t size)
{
	char state[32];

	out[0] = '\0';
	dossier_get(dossier, "state", state, sizeof(state));
	if (strcmp(state, STATE_RETURNED) == 0 || strcmp(state, STATE_SUPPLEMENT_REQUESTED) == 0)
		dossier_get(dossier, "deadline", out, size);
	else if (strcmp(state, STATE_PUBLICITY) == 0)
		xml_attribute_copy(dossier_last(dossier, RESULT_PUBLICITY), "ends", out, size);
}

void wakeup_marker(const char *date, const char *id, char *out, size_t size)
{
	snprintf(out, size, "store/wakeups/%s_%s", date, id);
}

/* Keeps store/wakeups/ in step: one marker per dossier with a period
 * running, named by its last day, so a sweep never reads every dossier. */
static int update_wakeup(struct batch *batch, const char *before, struct dossier *dossier,
			 struct error *err)
{
	char id[128], after[16], marker[PATH_MAX];

	dossier_get(dossier, "id", id, sizeof(id));
	period_end(dossier, after, sizeof(after));
	if (strcmp(before, after) == 0)
		return 0;
	if (before[0]) {
		wakeup_marker(before, id, marker, sizeof(marker));
		if (transaction_remove(&batch->transaction, marker, err) < 0)
			return -1;
	}
	if (!after[0])
		return 0;
	wakeup_marker(after, id, marker, sizeof(marker));
	return transaction_put(&batch->transaction, marker, id, strlen(id), err);
}

int settle_dossier(struct batch *batch, struct dossier *dossier, struct error *err)
{
	char id[128], relative[PATH_MAX], before[16], state_before[32];
	xmlNodePtr last = xmlGetLastChild(dossier->root);
	int changed;

	period_end(dossier, before, sizeof(before));
	dossier_get(dossier, "state", state_before, sizeof(state_before));
	if (!dossier_last(dossier, RESULT_VALIDATION))
		state_before[0] = '\0';	/* a new application enters its first state */
	/* the submission or record the caller just appended is not a result */
	if (last && (is_named(last, "submission") || is_named(last, "record")))
		last = last->prev;
	changed = stages_run(&batch->stage, dossier, err);
	if (changed < 0 || follow_results(batch, dossier, last, err) < 0 ||
	    update_wakeup(batch, before, dossier, err) < 0)
		return -1;
	statistics_count_dossier(&batch->statistics, dossier, state_before, last);
	dossier_get(dossier, "id", id, sizeof(id));
	dossier_relative(id, relative, sizeof(relative));
	return put_dossier(batch, relative, dossier->document, err);
}
