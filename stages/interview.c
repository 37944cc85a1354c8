/* interview.c - the interview stage (面试, R5): the panel's sheet is checked
 * (panel, segments, projects, score maxima) and scored against the level's
 * scale; every threshold missed is a reason.
 */
#include "stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcomes.h"
#include "result.h"
#include "xml.h"

static int segment_minutes(xmlNodePtr sheet, const char *kind)
{
	char segment_kind[32], minutes[16];

	for (xmlNodePtr segment = xml_child(sheet, "segment"); segment;
	     segment = xml_next(segment, "segment"))
		if (strcmp(xml_attribute_copy(segment, "kind", segment_kind, sizeof(segment_kind)),
			   kind) == 0)
			return atoi(xml_attribute_copy(segment, "minutes", minutes, sizeof(minutes)));
	return 0;
}

/* The panel's scores by dimension; -1 where absent. */
static void read_scores(xmlNodePtr sheet, int scores[DIMENSION_COUNT])
{
	for (int d = 0; d < DIMENSION_COUNT; d++)
		scores[d] = -1;
	for (xmlNodePtr score = xml_child(sheet, "score"); score; score = xml_next(score, "score")) {
		char dimension[32];
		int index = dimension_parse(xml_attribute_copy(score, "dimension", dimension,
							       sizeof(dimension)));
		char *text = xml_text(score);

		if (index >= 0 && text)
			scores[index] = atoi(text);
		xmlFree(text);
	}
}

static const struct policy_scale *scale_for(const struct policy *policy, int level)
{
	/* apprentices interviewed at an examiner's request use the professional table */
	return &policy->scales[level == LEVEL_SENIOR ? LEVEL_SENIOR : LEVEL_PROFESSIONAL];
}

/* The sheet's own validity (R5): 1 if valid, else the record is refused. */
static int sheet_is_valid(const struct policy *policy, xmlNodePtr record, xmlNodePtr sheet,
			  const struct policy_scale *scale, const int scores[DIMENSION_COUNT])
{
	char projects_text[16];
	int questions = segment_minutes(sheet, "questions"), projects;

	child_text(sheet, "projectsPresented", projects_text, sizeof(projects_text));
	projects = atoi(projects_text);
	if (questions < policy->interview_min_questions_minutes) {
		record_refuse(record, REASON_RECORD_INVALID, "考官提问环节 %d 分钟，不足 %d 分钟",
			      questions, policy->interview_min_questions_minutes);
		return 0;
	}
	if (projects < policy->interview_min_projects || projects > policy->interview_max_projects) {
		record_refuse(record, REASON_RECORD_INVALID, "面试中介绍的工程项目为 %d 个，应为 %d 至 %d 个",
			      projects, policy->interview_min_projects,
			      policy->interview_max_projects);
		return 0;
	}
	for (int d = 0; d < DIMENSION_COUNT; d++)
		if (scores[d] < 0 || scores[d] > scale->maximum[d]) {
			record_refuse(record, REASON_RECORD_INVALID, "“%s”得分 %d 超出 0 至 %d 分的范围",
				      dimension_names[d], scores[d], scale->maximum[d]);
			return 0;
		}
	return 1;
}

static int panel_is_admissible(const struct policy *policy, xmlNodePtr application,
			       xmlNodePtr record, xmlNodePtr sheet)
{
	xmlNodePtr panel = xml_child(sheet, "panel");
	char id[64];

	for (xmlNodePtr examiner = xml_child(panel, "examiner"); examiner;
	     examiner = xml_next(examiner, "examiner"))
		if (!examiner_admissible(policy, application, record,
					 xml_attribute_copy(examiner, "id", id, sizeof(id))))
			return 0;
	return 1;
}

static const char *const score_codes[DIMENSION_COUNT] = {
	REASON_SCORE_KNOWLEDGE, REASON_SCORE_ETHICS, NULL, NULL, NULL
};

static int score(const struct stage_context *context, struct dossier *dossier, int level,
		 const struct policy_scale *scale, const int scores[DIMENSION_COUNT],
		 struct error *err)
{
	xmlNodePtr interview = result_begin(dossier, RESULT_INTERVIEW, context->date);
	int total = 0, failed = 0;

	xml_set(interview, "scale", level == LEVEL_SENIOR ? "senior" : "professional");
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		xmlNodePtr node = xml_add_child(interview, "score", NULL);

		total += scores[d];
		xml_set(node, "dimension", dimension_codes[d]);
		xml_set_format(node, "points", "%d", scores[d]);
		xml_set_format(node, "max", "%d", scale->maximum[d]);
		if (scale->minimum[d] > 0)
			xml_set_format(node, "min", "%d", scale->minimum[d]);
	}
	xml_set_format(interview, "total", "%d", total);
	xml_set_format(interview, "passTotal", "%d", scale->pass_total);
	if (total < scale->pass_total) {
		result_add_reason(interview, REASON_SCORE_TOTAL, "面试总分 %d 分，低于 %d 分的要求。",
				  total, scale->pass_total);
		failed = 1;
	}
	for (int d = 0; d < DIMENSION_COUNT; d++)
		if (scale->minimum[d] > 0 && scores[d] < scale->minimum[d]) {
			result_add_reason(interview, score_codes[d] ? score_codes[d] : REASON_SCORE_TOTAL,
					  "“%s”得分 %d 分，低于 %d 分的要求。", dimension_names[d],
					  scores[d], scale->minimum[d]);
			failed = 1;
		}
	result_conclude(dossier, interview, failed ? OUTCOME_FAILED : OUTCOME_PASSED,
			context->date);
	if (failed)
		return 0;
	return publicity_begin(context, dossier, err);
}

int stage_interview(const struct stage_context *context, struct dossier *dossier,
		    struct error *err)
{
	xmlNodePtr record = NULL, sheet, application = dossier_application(dossier);
	char state[32], level_text[32];
	int changed = 0, level, scores[DIMENSION_COUNT];
	const struct policy_scale *scale;

	child_text(application, "level", level_text, sizeof(level_text));
	level = level_parse(level_text);
	scale = scale_for(context->policy, level);
	while ((record = record_next_new(dossier, "interviewSheet", record, &sheet))) {
		dossier_get(dossier, "state", state, sizeof(state));
		if (strcmp(state, STATE_AWAITING_INTERVIEW) != 0)
			continue;	/* refused as record-wrong-state by stages_run */
		changed = 1;
		read_scores(sheet, scores);
		if (!panel_is_admissible(context->policy, application, record, sheet) ||
		    !sheet_is_valid(context->policy, record, sheet, scale, scores))
			continue;
		record_apply(record);
		if (score(context, dossier, level, scale, scores, err) < 0)
			return -1;
	}
	return changed;
}
