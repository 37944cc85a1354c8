/* society.c - where every application of the society stands, for the run
 * report; see society.h. */
#include "society.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

#include "directory.h"
#include "xml.h"

#define MAX_STATES 16
#define MAX_RATES 192

/* What the report needs of one dossier: its root and its form's field and level. */
struct dossier_head {
	char id[64], state[32], since[16];
	char field[64];
	int level;
};

struct rate {
	char field[64];
	int level;
	size_t certified, failed, rejected;
};

struct survey {
	const struct policy *policy;
	int year;
	size_t applications;
	char state_codes[MAX_STATES][32];
	size_t states[MAX_STATES], state_count;
	struct rate rates[MAX_RATES];
	size_t rate_count;
};

static void copy_attribute(xmlTextReaderPtr reader, const char *name, char *out, size_t size)
{
	xmlChar *value = xmlTextReaderGetAttribute(reader, (const xmlChar *)name);

	snprintf(out, size, "%s", value ? (const char *)value : "");
	xmlFree(value);
}

/* Reads the dossier up to the end of its form, never further. 0, or -1 if
 * it is not a dossier (being replaced this instant, or broken). */
static int read_head(const char *path, struct dossier_head *head)
{
	xmlTextReaderPtr reader = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	int result = -1, status;

	memset(head, 0, sizeof(*head));
	head->level = -1;
	if (!reader)
		return -1;
	while ((status = xmlTextReaderRead(reader)) == 1) {
		int depth = xmlTextReaderDepth(reader);
		const char *name = (const char *)xmlTextReaderConstLocalName(reader);

		if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT)
			continue;
		if (depth == 0) {
			if (strcmp(name, "dossier") != 0)
				break;
			copy_attribute(reader, "id", head->id, sizeof(head->id));
			copy_attribute(reader, "state", head->state, sizeof(head->state));
			copy_attribute(reader, "since", head->since, sizeof(head->since));
			result = 0;
			continue;
		}
		if (depth == 1) {
			xmlNodePtr form = strcmp(name, "application") == 0 ?
					  xmlTextReaderExpand(reader) : NULL;

			if (form) {
				char *level = xml_text(xml_child(form, "level"));

				xml_attribute_copy(xml_child(form, "field"), "code", head->field,
						   sizeof(head->field));
				head->level = level_parse(level ? level : "");
				xmlFree(level);
			}
			break;	/* the form comes first, or not at all */
		}
	}
	xmlFreeTextReader(reader);
	return result;
}

/* The states of formats.md §4, in its order; another one is added after. */
static const char *const known_states[] = {
	"returned", "expired", "rejected", "in-review", "supplement-requested",
	"awaiting-interview", "awaiting-confirmation", "publicity", "on-hold", "failed",
	"certified", "withdrawn"
};

static void count_state(struct survey *survey, const char *state)
{
	size_t i;

	for (i = 0; i < survey->state_count; i++)
		if (strcmp(survey->state_codes[i], state) == 0)
			break;
	if (i == survey->state_count) {
		if (i == MAX_STATES)
			return;
		snprintf(survey->state_codes[i], sizeof(survey->state_codes[i]), "%s", state);
		survey->state_count++;
	}
	survey->states[i]++;
}

static struct rate *rate_for(struct survey *survey, const char *field, int level)
{
	for (size_t i = 0; i < survey->rate_count; i++)
		if (survey->rates[i].level == level && strcmp(survey->rates[i].field, field) == 0)
			return &survey->rates[i];
	if (survey->rate_count == MAX_RATES)
		return NULL;
	snprintf(survey->rates[survey->rate_count].field, sizeof(survey->rates[0].field), "%s",
		 field);
	survey->rates[survey->rate_count].level = level;
	return &survey->rates[survey->rate_count++];
}

/* A decision of the year counts toward its field and level's rate. */
static void count_decision(struct survey *survey, const struct dossier_head *head)
{
	day_t since;
	struct rate *rate;
	int certified = strcmp(head->state, "certified") == 0;
	int failed = strcmp(head->state, "failed") == 0;
	int rejected = strcmp(head->state, "rejected") == 0;

	if ((!certified && !failed && !rejected) || !head->field[0] || head->level < 0 ||
	    date_parse(head->since, &since) < 0 || date_year(since) != survey->year)
		return;
	rate = rate_for(survey, head->field, head->level);
	if (!rate)
		return;
	rate->certified += certified;
	rate->failed += failed;
	rate->rejected += rejected;
}

/* By field code, then level. */
static int compare_rates(const void *a, const void *b)
{
	const struct rate *x = a, *y = b;
	int by_field = strcmp(x->field, y->field);

	return by_field ? by_field : x->level - y->level;
}

static int survey_dossiers(struct survey *survey, const struct store *store, struct error *err)
{
	char directory[PATH_MAX], path[PATH_MAX];
	struct name_list dossiers;

	if (directory_list(store_path(store, "store/dossiers", directory, sizeof(directory)),
			   ".xml", &dossiers, err) < 0)
		return -1;
	for (size_t i = 0; i < dossiers.count; i++) {
		struct dossier_head head;

		snprintf(path, sizeof(path), "%s/%s", directory, dossiers.names[i]);
		if (read_head(path, &head) < 0 || !head.state[0])
			continue;
		survey->applications++;
		count_state(survey, head.state);
		count_decision(survey, &head);
	}
	name_list_release(&dossiers);
	return 0;
}

/* store/wakeups/<date>_<id>: the periods that end from `from` to `until`. */
static int add_deadlines(xmlNodePtr society, const struct store *store, day_t from,
			 day_t until, struct error *err)
{
	xmlNodePtr deadlines = xml_add_child(society, "deadlines", NULL);
	char directory[PATH_MAX], path[PATH_MAX], text[11];
	struct name_list markers;
	size_t count = 0;

	date_format(from, text);
	xml_set(deadlines, "from", text);
	date_format(until, text);
	xml_set(deadlines, "until", text);
	if (directory_list(store_path(store, "store/wakeups", directory, sizeof(directory)), "",
			   &markers, err) < 0)
		return -1;
	for (size_t i = 0; i < markers.count; i++) {
		const char *name = markers.names[i];
		struct dossier_head head;
		xmlNodePtr deadline;
		day_t day;

		snprintf(text, sizeof(text), "%.10s", name);
		if (strlen(name) < 12 || name[10] != '_' || date_parse(text, &day) < 0 ||
		    day < from || day > until)
			continue;
		snprintf(path, sizeof(path), "%s/store/dossiers/%s.xml", store->root, name + 11);
		if (strchr(name + 11, '/') || read_head(path, &head) < 0)
			continue;
		if (count++ >= SOCIETY_DEADLINES_LISTED)
			continue;
		deadline = xml_add_child(deadlines, "deadline", NULL);
		xml_set(deadline, "date", text);
		xml_set(deadline, "application", head.id);
		xml_set(deadline, "state", head.state);
	}
	name_list_release(&markers);
	xml_set_format(deadlines, "count", "%zu", count);
	return 0;
}

int society_report(xmlNodePtr report, const struct store *store, const struct policy *policy,
		   day_t date, struct error *err)
{
	struct survey *survey = calloc(1, sizeof(*survey));
	xmlNodePtr society;
	int result = -1;

	if (!survey)
		return error_set(err, "out of memory");
	survey->policy = policy;
	survey->year = date_year(date);
	for (size_t i = 0; i < sizeof(known_states) / sizeof(known_states[0]); i++)
		snprintf(survey->state_codes[survey->state_count++], sizeof(survey->state_codes[0]),
			 "%s", known_states[i]);
	if (survey_dossiers(survey, store, err) < 0)
		goto out;
	society = xml_add_child(report, "society", NULL);
	xml_set_format(society, "applications", "%zu", survey->applications);
	xml_set_format(society, "year", "%d", survey->year);
	for (size_t i = 0; i < survey->state_count; i++) {
		xmlNodePtr state;

		if (!survey->states[i])
			continue;
		state = xml_add_child(society, "state", NULL);

		xml_set(state, "name", survey->state_codes[i]);
		xml_set_format(state, "count", "%zu", survey->states[i]);
	}
	qsort(survey->rates, survey->rate_count, sizeof(survey->rates[0]), compare_rates);
	if (add_deadlines(society, store, date,
			  calendar_add_working_days(&policy->calendar, date,
						    SOCIETY_DEADLINE_DAYS), err) < 0)
		goto out;
	for (size_t i = 0; i < survey->rate_count; i++) {
		const struct rate *rate = &survey->rates[i];
		const struct policy_field *field = policy_find_field(policy, rate->field);
		xmlNodePtr node = xml_add_child(society, "passRate", NULL);

		xml_set(node, "field", rate->field);
		xml_set_optional(node, "fieldName", field ? field->name : "");
		xml_set(node, "level", level_code(rate->level));
		xml_set_format(node, "certified", "%zu", rate->certified);
		xml_set_format(node, "failed", "%zu", rate->failed);
		xml_set_format(node, "rejected", "%zu", rate->rejected);
	}
	result = 0;
out:
	free(survey);
	return result;
}
