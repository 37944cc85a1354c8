/* society.c - where every application of the society stands, for the run
 * report; see society.h. */
#include "society.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "society_deadlines.h"
#include "society_heads.h"
#include "xml.h"

#define MAX_STATES 16
#define MAX_RATES 192

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
	struct deadlines deadlines;	/* within the report's days */
};

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

static void count_dossier(void *context, const char *name, const struct dossier_head *head)
{
	struct survey *survey = context;

	deadlines_note_dossier(&survey->deadlines, name, head);
	if (!head->state[0])
		return;
	survey->applications++;
	count_state(survey, head->state);
	count_decision(survey, head);
}

int society_report(xmlNodePtr report, const struct store *store, struct noted_heads *noted,
		   const struct policy *policy, day_t date, struct error *err)
{
	struct survey *survey = calloc(1, sizeof(*survey));
	day_t until = calendar_add_working_days(&policy->calendar, date, SOCIETY_DEADLINE_DAYS);
	xmlNodePtr society;
	int result = -1;

	if (!survey)
		return error_set(err, "out of memory");
	survey->policy = policy;
	survey->year = date_year(date);
	for (size_t i = 0; i < sizeof(known_states) / sizeof(known_states[0]); i++)
		snprintf(survey->state_codes[survey->state_count++], sizeof(survey->state_codes[0]),
			 "%s", known_states[i]);
	if (deadlines_collect(&survey->deadlines, store, date, until, err) < 0 ||
	    dossier_heads_survey(store, noted, count_dossier, survey, err) < 0)
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
	if (deadlines_add(society, &survey->deadlines, err) < 0)
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
	deadlines_release(&survey->deadlines);
	free(survey);
	return result;
}
