/* review.c - the material review stage (材料审查, R4): examiners' review
 * records are applied, and once the policy's quorum of valid records of the
 * current round is in, the review decides.
 */
#include "stage.h"

#include <stdio.h>
#include <string.h>

#include "outcomes.h"
#include "result.h"
#include "xml.h"

#define MAX_RECORDS 64

/* The round's records start after the last validation (a supplement package
 * is validated again), the last review decision or the last reconsideration
 * (a failed application reopened needs fresh records, R12), whichever is
 * later. */
static xmlNodePtr round_start(const struct dossier *dossier)
{
	xmlNodePtr start = NULL;

	for (xmlNodePtr node = xml_child(dossier->root, NULL); node; node = xml_next(node, NULL))
		if (strcmp((const char *)node->name, "validation") == 0 ||
		    strcmp((const char *)node->name, "review") == 0 ||
		    strcmp((const char *)node->name, RESULT_RECONSIDERATION) == 0)
			start = node;
	return start;
}

/* R4: before the decision, a later record of an examiner replaces the
 * examiner's earlier one of the round (a correction): the earlier one is
 * marked superseded and no longer counts. */
static void supersede_earlier(const struct dossier *dossier, const char *examiner)
{
	xmlNodePtr records[MAX_RECORDS];
	size_t count = records_applied_since(dossier, "reviewRecord", round_start(dossier),
					     records, MAX_RECORDS);
	char other[64];

	for (size_t i = 0; i < count; i++)
		if (strcmp(xml_attribute_copy(xml_child(records[i], "reviewRecord"), "examiner",
					      other, sizeof(other)), examiner) == 0)
			xml_set(records[i], "status", "superseded");
}

int examiner_admissible(const struct policy *policy, xmlNodePtr application,
			xmlNodePtr record, const char *examiner_id)
{
	const struct policy_examiner *examiner = policy_find_examiner(policy, examiner_id);
	char employer[256];

	child_text(xml_child(application, "applicant"), "employer", employer, sizeof(employer));
	if (!examiner) {
		record_refuse(record, REASON_EXAMINER_UNKNOWN, "考官 %s 不在本学会的考官名单中",
			      examiner_id);
		return 0;
	}
	if (employer[0] && strcmp(examiner->employer, employer) == 0) {
		record_refuse(record, REASON_EXAMINER_CONFLICT,
			      "考官 %s（%s）与申请人同属 %s，须回避", examiner_id, examiner->name,
			      employer);
		return 0;
	}
	return 1;
}

/* Applies one review record if it may count; 1 if applied. */
static int apply_review_record(const struct stage_context *context, struct dossier *dossier,
			       xmlNodePtr record, xmlNodePtr content)
{
	char examiner[64];

	xml_attribute_copy(content, "examiner", examiner, sizeof(examiner));
	if (!examiner_admissible(context->policy, dossier_application(dossier), record, examiner))
		return 0;
	supersede_earlier(dossier, examiner);
	record_apply(record);
	return 1;
}

/* ---- the decision ---- */

struct tally {
	xmlNodePtr records[MAX_RECORDS];	/* the <reviewRecord> elements */
	size_t count;
	size_t supplements, fails, interviews;
};

static void count_recommendations(struct tally *tally)
{
	char recommendation[32];

	for (size_t i = 0; i < tally->count; i++) {
		child_text(tally->records[i], "recommendation", recommendation,
			   sizeof(recommendation));
		if (strcmp(recommendation, "supplement") == 0)
			tally->supplements++;
		else if (strcmp(recommendation, "fail") == 0)
			tally->fails++;
		if (xml_attribute_true(xml_child(tally->records[i], "interview"), "required"))
			tally->interviews++;
	}
}

static void add_supplement_reasons(xmlNodePtr review, const struct tally *tally)
{
	char request[1024], recommendation[32];

	for (size_t i = 0; i < tally->count; i++) {
		child_text(tally->records[i], "recommendation", recommendation,
			   sizeof(recommendation));
		if (strcmp(recommendation, "supplement") != 0)
			continue;
		child_text(tally->records[i], "supplement", request, sizeof(request));
		result_add_reason(review, REASON_REVIEW_SUPPLEMENT, "%s",
				  request[0] ? request : "请补充能够证明各方面能力要求达成情况的佐证材料。");
	}
}

/* comment without the sentence marks it ends with ("证明不充分。" ->
 * "证明不充分"), so that joined comments end with one mark (R9). */
static void trim_sentence_end(char *comment)
{
	static const char *const marks[] = { "。", "；", "！", "，", ".", ";", "!", ",", " ", "\n", "\t" };
	int trimmed = 1;

	while (trimmed) {
		size_t length = strlen(comment);

		trimmed = 0;
		for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++) {
			size_t mark = strlen(marks[m]);

			if (length >= mark && strcmp(comment + length - mark, marks[m]) == 0) {
				comment[length - mark] = '\0';
				trimmed = 1;
				break;
			}
		}
	}
}

/* 1 if comment is already one of the "；"-joined comments (R9: the same
 * comment of two examiners is told once). */
static int has_comment(const char *comments, const char *comment)
{
	size_t length = strlen(comment);

	for (const char *at = comments; (at = strstr(at, comment)); at += length)
		if ((at == comments || strncmp(at - strlen("；"), "；", strlen("；")) == 0) &&
		    (at[length] == '\0' || strncmp(at + length, "；", strlen("；")) == 0))
			return 1;
	return 0;
}

/* Every dimension that some examiner found not met, with their comments:
 * each comment once, joined by "；", the whole ending with one "。". */
static void add_dimension_reasons(xmlNodePtr review, const struct tally *tally)
{
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		char comments[1600] = "";
		int not_met = 0;

		for (size_t i = 0; i < tally->count; i++)
			for (xmlNodePtr node = xml_child(tally->records[i], "dimension"); node;
			     node = xml_next(node, "dimension")) {
				char code[32], comment[512];
				char *text;

				xml_attribute_copy(node, "code", code, sizeof(code));
				if (strcmp(code, dimension_codes[d]) != 0 ||
				    xml_attribute_true(node, "met"))
					continue;
				not_met++;
				text = xml_text(node);
				snprintf(comment, sizeof(comment), "%s", text ? text : "");
				xmlFree(text);
				trim_sentence_end(comment);
				if (comment[0] && !has_comment(comments, comment) &&
				    strlen(comments) + strlen(comment) + 4 < sizeof(comments))
					strcat(strcat(comments, comments[0] ? "；" : ""), comment);
			}
		if (not_met)
			xml_set(result_add_reason(review, REASON_DIMENSION_NOT_MET,
						  "考官认为申请材料未能充分证明“%s”方面达到要求%s%s。",
						  dimension_names[d], comments[0] ? "：" : "",
						  comments),
				"dimension", dimension_codes[d]);
	}
}

static void copy_focus(xmlNodePtr review, const struct tally *tally)
{
	char examiner[64], dimension[32];

	for (size_t i = 0; i < tally->count; i++) {
		xmlNodePtr interview = xml_child(tally->records[i], "interview");

		xml_attribute_copy(tally->records[i], "examiner", examiner, sizeof(examiner));
		for (xmlNodePtr focus = xml_child(interview, "focus"); focus;
		     focus = xml_next(focus, "focus")) {
			char *text = xml_text(focus);
			xmlNodePtr copy = xml_add_child(review, "focus", text);

			if (xml_attribute_copy(focus, "dimension", dimension, sizeof(dimension))[0])
				xml_set(copy, "dimension", dimension);
			xml_set(copy, "examiner", examiner);
			xmlFree(text);
		}
	}
}

/* R6: a recognized international title, with its proof among the evidence. */
static int on_simplified_route(const struct policy *policy, xmlNodePtr application)
{
	xmlNodePtr evidence = xml_child(application, "evidence");

	for (xmlNodePtr title = xml_child(xml_child(application, "titles"), "title"); title;
	     title = xml_next(title, "title")) {
		char scheme[32], proof[64], id[64], type[32];

		xml_attribute_copy(title, "scheme", scheme, sizeof(scheme));
		xml_attribute_copy(title, "evidence", proof, sizeof(proof));
		if (!policy_find_title(policy, scheme) || !proof[0])
			continue;
		for (xmlNodePtr file = xml_child(evidence, "file"); file; file = xml_next(file, "file"))
			if (strcmp(xml_attribute_copy(file, "id", id, sizeof(id)), proof) == 0 &&
			    strcmp(xml_attribute_copy(file, "type", type, sizeof(type)), "title") == 0)
				return 1;
	}
	return 0;
}

static int application_level(xmlNodePtr application)
{
	char level[32];

	child_text(application, "level", level, sizeof(level));
	return level_parse(level);
}

static void list_examiners(xmlNodePtr review, const struct tally *tally)
{
	char examiners[512] = "", examiner[64];

	for (size_t i = 0; i < tally->count; i++) {
		xml_attribute_copy(tally->records[i], "examiner", examiner, sizeof(examiner));
		if (strlen(examiners) + strlen(examiner) + 2 < sizeof(examiners))
			strcat(strcat(examiners, examiners[0] ? " " : ""), examiner);
	}
	xml_set(review, "examiners", examiners);
}

/* R4: the supplement is due by the policy's Nth working day after the
 * request, counted as a return's deadline; the review and the dossier say
 * which day (the letter shows it; store/wakeups expires the application
 * after it). */
static void supplement_deadline(const struct stage_context *context, struct dossier *dossier,
				xmlNodePtr review)
{
	day_t deadline = calendar_add_working_days(&context->policy->calendar, context->date,
						   context->policy->supplement_working_days);
	char text[11];

	date_format(deadline, text);
	xml_set(review, "deadline", text);
	dossier_set(dossier, "deadline", text);
}

static int decide(const struct stage_context *context, struct dossier *dossier,
		  struct tally *tally, struct error *err)
{
	xmlNodePtr application = dossier_application(dossier);
	int level = application_level(application);
	int round = 1;
	xmlNodePtr review;

	for (xmlNodePtr node = xml_child(dossier->root, "review"); node;
	     node = xml_next(node, "review"))
		round++;
	count_recommendations(tally);
	review = result_begin(dossier, RESULT_REVIEW, context->date);
	xml_set_format(review, "round", "%d", round);
	list_examiners(review, tally);
	if (tally->supplements > 0) {
		result_conclude(dossier, review, OUTCOME_SUPPLEMENT, context->date);
		add_supplement_reasons(review, tally);
		supplement_deadline(context, dossier, review);
		return 1;
	}
	if (tally->fails * 2 > tally->count) {
		result_conclude(dossier, review, OUTCOME_FAILED, context->date);
		add_dimension_reasons(review, tally);
		if (!xml_child(review, "reason"))
			result_add_reason(review, REASON_DIMENSION_NOT_MET,
					  "多数考官建议材料审查不予通过。");
		return 1;
	}
	if (on_simplified_route(context->policy, application)) {
		result_conclude(dossier, review, OUTCOME_CONFIRMATION, context->date);
		return 1;
	}
	if (tally->interviews > 0 || (level >= 0 && context->policy->interview_levels[level])) {
		result_conclude(dossier, review, OUTCOME_INTERVIEW, context->date);
		copy_focus(review, tally);
		return 1;
	}
	result_conclude(dossier, review, OUTCOME_PASSED, context->date);
	return publicity_begin(context, dossier, err) < 0 ? -1 : 1;
}

static int quorum_reached(const struct stage_context *context, const struct dossier *dossier,
			  struct tally *tally)
{
	xmlNodePtr records[MAX_RECORDS];

	tally->count = records_applied_since(dossier, "reviewRecord", round_start(dossier),
					     records, MAX_RECORDS);
	for (size_t i = 0; i < tally->count; i++)
		tally->records[i] = xml_child(records[i], "reviewRecord");
	return (int)tally->count >= context->policy->review_quorum;
}

int stage_review(const struct stage_context *context, struct dossier *dossier,
		 struct error *err)
{
	xmlNodePtr record = NULL, content;
	char state[32];
	int changed = 0;

	while ((record = record_next_new(dossier, "reviewRecord", record, &content))) {
		struct tally tally = { .count = 0 };

		dossier_get(dossier, "state", state, sizeof(state));
		if (strcmp(state, STATE_IN_REVIEW) != 0)
			continue;	/* refused as record-wrong-state by stages_run */
		if (!apply_review_record(context, dossier, record, content)) {
			changed = 1;
			continue;
		}
		changed = 1;
		if (quorum_reached(context, dossier, &tally) &&
		    decide(context, dossier, &tally, err) < 0)
			return -1;
	}
	return changed;
}
