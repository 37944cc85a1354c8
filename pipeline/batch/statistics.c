/* statistics.c - counting what a run did, and the run report; see statistics.h. */
#include "statistics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "outcomes.h"
#include "policy.h"
#include "xml.h"

static const char *const state_codes[STATISTICS_STATES] = {
	STATE_RETURNED, STATE_EXPIRED, STATE_REJECTED, STATE_IN_REVIEW,
	STATE_SUPPLEMENT_REQUESTED, STATE_AWAITING_INTERVIEW, STATE_AWAITING_CONFIRMATION,
	STATE_PUBLICITY, STATE_ON_HOLD, STATE_FAILED, STATE_CERTIFIED, STATE_WITHDRAWN
};

void statistics_init(struct run_statistics *statistics)
{
	memset(statistics, 0, sizeof(*statistics));
}

void statistics_release(struct run_statistics *statistics)
{
	if (statistics->quarantine)
		xmlFreeDoc(statistics->quarantine);
	statistics->quarantine = NULL;
}

/* Finds or adds a code in a small table; the index, or -1 when it is full. */
static int slot(char codes[][64], size_t *count, size_t capacity, const char *code)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	if (*count == capacity)
		return -1;
	snprintf(codes[*count], 64, "%s", code);
	return (int)(*count)++;
}

static int clamp_points(int points)
{
	return points < 0 ? 0 : points >= STATISTICS_MAX_POINTS ? STATISTICS_MAX_POINTS - 1 :
	       points;
}

static void count_interview(struct run_statistics *statistics, xmlNodePtr interview)
{
	char scale[32], text[16], outcome[16];
	struct interview_statistics *table;
	int d = 0;

	xml_attribute_copy(interview, "scale", scale, sizeof(scale));
	table = &statistics->interviews[strcmp(scale, "senior") == 0 ? 1 : 0];
	table->count++;
	if (strcmp(xml_attribute_copy(interview, "outcome", outcome, sizeof(outcome)),
		   "passed") == 0)
		table->passed++;
	for (xmlNodePtr score = xml_child(interview, "score"); score && d < 5;
	     score = xml_next(score, "score"), d++)
		table->points[d][clamp_points(atoi(xml_attribute_copy(score, "points", text,
									sizeof(text))))]++;
	table->totals[clamp_points(atoi(xml_attribute_copy(interview, "total", text,
							   sizeof(text))))]++;
}

static void count_result(struct run_statistics *statistics, xmlNodePtr result)
{
	char code[64];

	if (strcmp((const char *)result->name, "interview") == 0)
		count_interview(statistics, result);
	for (xmlNodePtr reason = xml_child(result, "reason"); reason;
	     reason = xml_next(reason, "reason")) {
		int index = slot(statistics->reason_codes, &statistics->reason_count,
				 STATISTICS_MAX_REASONS,
				 xml_attribute_copy(reason, "code", code, sizeof(code)));

		if (index >= 0)
			statistics->reasons[index]++;
	}
}

void statistics_count_dossier(struct run_statistics *statistics, const struct dossier *dossier,
			      const char *state_before, xmlNodePtr last)
{
	xmlNodePtr application = dossier_application(dossier);
	char state[32], field[64];
	int level;

	for (xmlNodePtr node = last ? last->next : dossier->root->children; node; node = node->next)
		if (node->type == XML_ELEMENT_NODE)
			count_result(statistics, node);
	dossier_get(dossier, "state", state, sizeof(state));
	if (strcmp(state, state_before) == 0)
		return;
	for (int i = 0; i < STATISTICS_STATES; i++)
		if (strcmp(state_codes[i], state) == 0)
			statistics->states[i]++;
	xml_attribute_copy(xml_child(application, "field"), "code", field, sizeof(field));
	if (field[0]) {
		int index = slot(statistics->field_codes, &statistics->field_count,
				 STATISTICS_MAX_FIELDS, field);

		if (index >= 0)
			statistics->fields[index]++;
	}
	{
		char *text = xml_text(xml_child(application, "level"));

		level = level_parse(text ? text : "");
		xmlFree(text);
	}
	if (level >= 0)
		statistics->levels[level]++;
}

void statistics_count_quarantine(struct run_statistics *statistics, const char *input,
				 const char *code, const char *message)
{
	xmlNodePtr entry, root;

	statistics->quarantined++;
	if (!statistics->quarantine) {
		statistics->quarantine = xmlNewDoc((const xmlChar *)"1.0");
		root = xmlNewDocNode(statistics->quarantine, NULL, (const xmlChar *)"quarantine",
				     NULL);
		xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
		xmlDocSetRootElement(statistics->quarantine, root);
	}
	if (statistics->quarantined > STATISTICS_QUARANTINE_LISTED)
		return;
	root = xmlDocGetRootElement(statistics->quarantine);
	entry = xml_add_child(root, "input", message);
	xml_set(entry, "name", input);
	xml_set(entry, "code", code);
}

/* ---- the report ---- */

static void add_count(xmlNodePtr parent, const char *element, const char *key,
		      const char *value, const char *name, size_t count)
{
	xmlNodePtr node = xml_add_child(parent, element, NULL);

	xml_set(node, key, value);
	if (name && name[0])
		xml_set(node, "name", name);
	xml_set_format(node, "count", "%zu", count);
}

static void add_totals(xmlNodePtr root, const struct run_summary *summary)
{
	xmlNodePtr totals = xml_add_child(root, "totals", NULL);

	xml_set_format(totals, "packages", "%zu", summary->packages);
	xml_set_format(totals, "records", "%zu", summary->records);
	xml_set_format(totals, "recordsApplied", "%zu", summary->records_applied);
	xml_set_format(totals, "recordsRefused", "%zu", summary->records_refused);
	xml_set_format(totals, "quarantined", "%zu", summary->quarantined);
	xml_set_format(totals, "waiting", "%zu", summary->waiting);
	xml_set_format(totals, "letters", "%zu", summary->notices);
	xml_set_format(totals, "certified", "%zu", summary->certified);
	xml_set_format(totals, "registerChanges", "%zu", summary->register_changes);
}

static void add_reasons(xmlNodePtr root, const struct run_statistics *statistics)
{
	xmlNodePtr reasons = xml_add_child(root, "reasons", NULL);
	int listed[STATISTICS_MAX_REASONS] = { 0 };

	/* most frequent first */
	for (size_t n = 0; n < statistics->reason_count; n++) {
		size_t best = 0;
		int found = -1;

		for (size_t i = 0; i < statistics->reason_count; i++)
			if (!listed[i] && (found < 0 || statistics->reasons[i] > best)) {
				best = statistics->reasons[i];
				found = (int)i;
			}
		listed[found] = 1;
		add_count(reasons, "reason", "code", statistics->reason_codes[found], NULL, best);
	}
}

static void add_points(xmlNodePtr parent, const size_t *points)
{
	for (int value = STATISTICS_MAX_POINTS - 1; value >= 0; value--)
		if (points[value]) {
			xmlNodePtr node = xml_add_child(parent, "points", NULL);

			xml_set_format(node, "value", "%d", value);
			xml_set_format(node, "count", "%zu", points[value]);
		}
}

static void add_interviews(xmlNodePtr root, const struct run_statistics *statistics,
			   const struct policy *policy)
{
	static const char *const scales[] = { "professional", "senior" };
	static const int levels[] = { LEVEL_PROFESSIONAL, LEVEL_SENIOR };

	for (int s = 0; s < 2; s++) {
		const struct interview_statistics *table = &statistics->interviews[s];
		const struct policy_scale *scale = &policy->scales[levels[s]];
		xmlNodePtr interviews;

		if (!table->count)
			continue;
		interviews = xml_add_child(root, "interviews", NULL);
		xml_set(interviews, "scale", scales[s]);
		xml_set_format(interviews, "count", "%zu", table->count);
		xml_set_format(interviews, "passTotal", "%d", scale->pass_total);
		xml_set_format(interviews, "passed", "%zu", table->passed);
		for (int d = 0; d < DIMENSION_COUNT; d++) {
			xmlNodePtr dimension = xml_add_child(interviews, "dimension", NULL);

			xml_set(dimension, "code", dimension_codes[d]);
			xml_set(dimension, "name", dimension_names[d]);
			xml_set_format(dimension, "max", "%d", scale->maximum[d]);
			if (scale->minimum[d] > 0)
				xml_set_format(dimension, "min", "%d", scale->minimum[d]);
			add_points(dimension, table->points[d]);
		}
		add_points(xml_add_child(interviews, "total", NULL), table->totals);
	}
}

xmlDocPtr statistics_report(const struct run_statistics *statistics,
			    const struct run_summary *summary, const struct policy *policy,
			    const char *date, double seconds)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"runReport", NULL);
	xmlNodePtr states, fields, levels, quarantine;
	char generated[40];

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	datetime_now(generated, sizeof(generated));
	xml_set(root, "run", summary->run_id);
	xml_set(root, "date", date);
	xml_set(root, "society", policy->society_code);
	xml_set(root, "societyName", policy->society_name);
	xml_set(root, "generated", generated);
	xml_set_format(root, "seconds", "%.1f", seconds);
	add_totals(root, summary);
	states = xml_add_child(root, "states", NULL);
	for (int i = 0; i < STATISTICS_STATES; i++)
		if (statistics->states[i])
			add_count(states, "state", "name", state_codes[i], NULL,
				  statistics->states[i]);
	fields = xml_add_child(root, "fields", NULL);
	for (size_t i = 0; i < statistics->field_count; i++) {
		const struct policy_field *field = policy_find_field(policy,
								     statistics->field_codes[i]);

		add_count(fields, "field", "code", statistics->field_codes[i],
			  field ? field->name : NULL, statistics->fields[i]);
	}
	levels = xml_add_child(root, "levels", NULL);
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (statistics->levels[i])
			add_count(levels, "level", "code", level_code(i), level_name(i),
				  statistics->levels[i]);
	add_reasons(root, statistics);
	add_interviews(root, statistics, policy);
	quarantine = xml_add_child(root, "quarantine", NULL);
	xml_set_format(quarantine, "count", "%zu", statistics->quarantined);
	if (statistics->quarantine)
		for (xmlNodePtr input = xml_child(xmlDocGetRootElement(statistics->quarantine),
						  "input"); input; input = xml_next(input, "input"))
			xmlAddChild(quarantine, xmlDocCopyNode(input, document, 1));
	xmlReconciliateNs(document, root);
	return document;
}
