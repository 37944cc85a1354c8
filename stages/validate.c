/* validate.c - the validation stage: R1 eligibility, R2 completeness and form,
 * R3 advisory checks, and the resubmission deadline of process.md. This file
 * writes the findings and concludes; the checks themselves are in
 * validate_form.c (R2, R3) and validate_eligibility.c (R1, R8).
 *
 * Every finding is recorded, not only the first, so that an applicant can fix
 * them all at once. A finding of R1 rejects (terminal); a finding of R2
 * returns (fixable within the deadline); R3 only advises the examiners.
 */
#include "validation.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "mask.h"
#include "outcomes.h"
#include "result.h"
#include "xml.h"

static xmlNodePtr add_finding(struct findings *findings, const char *element,
			      const char *code, const char *format, va_list args)
{
	char text[2048];
	xmlNodePtr node;

	vsnprintf(text, sizeof(text), format, args);
	node = xml_add_child(findings->validation, element, text);
	xml_set(node, "code", code);
	return node;
}

xmlNodePtr add_reason(struct findings *findings, const char *code, const char *format, ...)
{
	va_list args;
	xmlNodePtr node;

	va_start(args, format);
	node = add_finding(findings, "reason", code, format, args);
	va_end(args);
	if (reason_is(code, REASON_CLASS_REJECTION))
		findings->rejections++;
	else
		findings->returns++;
	return node;
}

xmlNodePtr add_advisory(struct findings *findings, const char *code, const char *format, ...)
{
	va_list args;
	xmlNodePtr node;

	va_start(args, format);
	node = add_finding(findings, "advisory", code, format, args);
	va_end(args);
	return node;
}

void add_note(struct findings *findings, const char *code, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	add_finding(findings, "note", code, format, args);
	va_end(args);
}

day_t submitted_day(xmlNodePtr application, day_t fallback)
{
	char submitted[64];
	day_t day;

	xml_attribute_copy(application, "submitted", submitted, sizeof(submitted));
	if (date_parse_datetime(submitted, &day) < 0 && date_parse(submitted, &day) < 0)
		return fallback;
	return day;
}


/* ---- putting it together ---- */

/* Replaces every occurrence of the applicant's full ID number in the texts
 * of the validation by its masked form (schema messages quote values). */
static void redact_identity(xmlNodePtr node, const char *identity, const char *masked)
{
	size_t length = strlen(identity);

	if (length < 4)
		return;
	for (xmlNodePtr child = node->children; child; child = child->next) {
		if (child->type == XML_ELEMENT_NODE) {
			redact_identity(child, identity, masked);
		} else if (child->type == XML_TEXT_NODE && child->content &&
			   strstr((const char *)child->content, identity)) {
			char *text = (char *)child->content, *found;
			size_t size = strlen(text) + 1 + strlen(masked) * 8;
			char *result = calloc(1, size), *write = result;

			if (!result)
				continue;
			while ((found = strstr(text, identity)) && (size_t)(write - result) +
			       (size_t)(found - text) + strlen(masked) + 1 < size) {
				memcpy(write, text, (size_t)(found - text));
				write += found - text;
				write = stpcpy(write, masked);
				text = found + length;
			}
			strcat(write, text);
			xmlNodeSetContent(child, (const xmlChar *)result);
			free(result);
		}
	}
}

static int validate_application(const struct stage_context *context, struct dossier *dossier,
				struct findings *findings, xmlNodePtr application,
				xmlNodePtr submission, struct error *err)
{
	char level_text[32];
	int schema_result = check_schema(context, findings, application, err);

	if (schema_result < 0)
		return -1;
	child_text(application, "level", level_text, sizeof(level_text));
	check_identity(findings, xml_child(application, "applicant"));
	check_evidence(findings, application, submission);
	check_statement(findings, application, context->policy);
	check_commitment(findings, application);
	check_projects(findings, application, level_parse(level_text), context->policy);
	/* Eligibility is judged only on a form that conforms: a broken form would
	 * make spurious, final rejections. */
	if (schema_result == 0 &&
	    check_eligibility(context, dossier, findings, application, err) < 0)
		return -1;
	if (submission)
		note_extra_files(findings, application, submission);
	return 0;
}

static void conclude(const struct stage_context *context, struct dossier *dossier,
		     struct findings *findings)
{
	char date[11], deadline_text[11];
	day_t deadline;

	if (findings->rejections > 0) {
		result_conclude(dossier, findings->validation, OUTCOME_REJECTED, context->date);
		return;
	}
	if (findings->returns == 0) {
		result_conclude(dossier, findings->validation, OUTCOME_ACCEPTED, context->date);
		return;
	}
	deadline = calendar_add_working_days(&context->policy->calendar, context->date,
					     context->policy->resubmission_working_days);
	date_format(deadline, deadline_text);
	result_conclude(dossier, findings->validation, OUTCOME_RETURNED, context->date);
	xml_set(findings->validation, "deadline", deadline_text);
	dossier_set(dossier, "deadline", deadline_text);
	if (!calendar_covers(&context->policy->calendar, deadline)) {
		date_format(context->date, date);
		add_note(findings, "calendar-not-covered",
			 "政策文件未收录 %d 年的法定节假日安排，补正期限仅按周末计算。",
			 date_year(deadline));
	}
}

static xmlNodePtr begin_validation(const struct stage_context *context, struct dossier *dossier,
				   xmlNodePtr submission)
{
	xmlNodePtr validation = dossier_append(dossier, "validation");
	char date[11], seq[16];

	date_format(context->date, date);
	xml_set(validation, "date", date);
	if (submission)
		xml_set(validation, "submission",
			xml_attribute_copy(submission, "seq", seq, sizeof(seq)));
	return validation;
}

/* R4 for a state written before supplement requests had a deadline: an
 * application left in supplement-requested without one gets it counted from
 * the first run that sees it (the upgrade's, woken by the marker the
 * upgrade wrote), since its letter named none. 1 if it set one. */
static int give_supplement_deadline(const struct stage_context *context,
				    struct dossier *dossier)
{
	char state[32], deadline_text[16];
	xmlNodePtr review = dossier_last(dossier, "review");

	dossier_get(dossier, "state", state, sizeof(state));
	dossier_get(dossier, "deadline", deadline_text, sizeof(deadline_text));
	if (strcmp(state, STATE_SUPPLEMENT_REQUESTED) != 0 || deadline_text[0])
		return 0;
	date_format(calendar_add_working_days(&context->policy->calendar, context->date,
					      context->policy->supplement_working_days),
		    deadline_text);
	dossier_set(dossier, "deadline", deadline_text);
	if (review)
		xml_set(review, "deadline", deadline_text);
	return 1;
}

/* R2, R4: a returned application, or one asked for a supplement, whose
 * deadline has passed expires. */
static int expire_if_overdue(const struct stage_context *context, struct dossier *dossier,
			     xmlNodePtr submission, int unvalidated)
{
	char state[32], deadline_text[16], date[11];
	day_t deadline;
	struct findings findings = { 0 };
	int supplement;

	dossier_get(dossier, "state", state, sizeof(state));
	dossier_get(dossier, "deadline", deadline_text, sizeof(deadline_text));
	supplement = strcmp(state, STATE_SUPPLEMENT_REQUESTED) == 0;
	if ((!supplement && strcmp(state, STATE_RETURNED) != 0) ||
	    date_parse(deadline_text, &deadline) < 0 || context->date <= deadline)
		return 0;
	date_format(context->date, date);
	findings.validation = begin_validation(context, dossier, unvalidated ? submission : NULL);
	if (supplement) {
		/* the expiry letter names the deadline it missed */
		xml_set(findings.validation, "deadline", deadline_text);
		if (unvalidated)
			add_reason(&findings, REASON_SUPPLEMENT_EXPIRED,
				   "补充材料的提交期限为 %s，本次收到的补充材料于 %s 处理，已超过期限。",
				   deadline_text, date);
		else
			add_reason(&findings, REASON_SUPPLEMENT_EXPIRED,
				   "补充材料的期限 %s 已过，未收到补充后的申请材料。", deadline_text);
	} else if (unvalidated)
		add_reason(&findings, REASON_RESUBMISSION_EXPIRED,
			   "补正材料的提交期限为 %s，本次收到的补正材料于 %s 处理，已超过期限。",
			   deadline_text, date);
	else
		add_reason(&findings, REASON_RESUBMISSION_EXPIRED,
			   "退回补正的期限 %s 已过，未收到补正后的申请材料。", deadline_text);
	result_conclude(dossier, findings.validation, OUTCOME_EXPIRED, context->date);
	return 1;
}

/* 1 if the last submission (or, with none, the bare application) awaits validation. */
static int awaits_validation(const struct dossier *dossier, xmlNodePtr submission)
{
	xmlNodePtr validation = dossier_last(dossier, "validation");
	char validated[16], seq[16];

	if (reconsideration_awaits_validation(dossier))
		return 1;	/* R12: reopened; its last package again */
	if (!submission)
		return !validation && dossier_application(dossier);
	if (!validation)
		return 1;
	xml_attribute_copy(validation, "submission", validated, sizeof(validated));
	xml_attribute_copy(submission, "seq", seq, sizeof(seq));
	return strcmp(validated, seq) != 0;
}

/* The states from which an application can still go on (formats.md §4). */
static int is_open_state(const char *state)
{
	static const char *const terminal[] = {
		STATE_REJECTED, STATE_EXPIRED, STATE_FAILED, STATE_CERTIFIED, STATE_WITHDRAWN, NULL
	};

	for (size_t i = 0; terminal[i]; i++)
		if (strcmp(state, terminal[i]) == 0)
			return 0;
	return state[0] != '\0';
}

int application_is_open(const struct dossier *dossier)
{
	char state[32];

	return is_open_state(dossier_get(dossier, "state", state, sizeof(state)));
}

/* R1.4: a revocation for fraud ends every open application of the person,
 * whatever its stage; the batch settles them in the run that applied it. */
static int reject_if_banned(const struct stage_context *context, struct dossier *dossier,
			    xmlNodePtr submission, struct error *err)
{
	xmlNodePtr application = dossier_application(dossier);
	struct findings findings = { 0 };
	char identity[128];
	int banned;

	if (!application || !application_is_open(dossier))
		return 0;
	application_identity(application, identity, sizeof(identity));
	if (!identity[0])
		return 0;
	banned = context->register_view->is_banned(context->register_view->context, identity,
						   err);
	if (banned <= 0)
		return banned;
	findings.validation = begin_validation(context, dossier, submission);
	add_reason(&findings, REASON_BANNED,
		   "申请人的工程会员证书已因提供虚假材料或欺诈被撤销，按规定终身不得申请；"
		   "本申请因此终止办理。");
	conclude(context, dossier, &findings);
	return 1;
}

/* What an application that waits for no validation may still need: a ban
 * ends it; a supplement request an earlier ecap left without a deadline
 * gets one. */
static int reject_if_banned_or_give_deadline(const struct stage_context *context,
					     struct dossier *dossier, xmlNodePtr submission,
					     struct error *err)
{
	int rejected = reject_if_banned(context, dossier, submission, err);

	return rejected != 0 ? rejected : give_supplement_deadline(context, dossier);
}

int stage_validate(const struct stage_context *context, struct dossier *dossier,
		   struct error *err)
{
	xmlNodePtr submission = dossier_last(dossier, "submission");
	int unvalidated = awaits_validation(dossier, submission);
	xmlNodePtr application = dossier_application(dossier);
	struct findings findings = { 0 };
	char identity[128] = "", masked[128];

	if (expire_if_overdue(context, dossier, submission, unvalidated))
		return 1;
	if (!unvalidated)
		return reject_if_banned_or_give_deadline(context, dossier, submission, err);
	findings.validation = begin_validation(context, dossier, submission);
	if (submission && xml_child(submission, "problem")) {
		char problem[1024], code[32];

		child_text(submission, "problem", problem, sizeof(problem));
		xml_attribute_copy(xml_child(submission, "problem"), "code", code, sizeof(code));
		if (strcmp(code, REASON_SCHEMA) == 0)
			add_reason(&findings, REASON_SCHEMA, "申请表不符合规定格式：%s", problem);
		else
			add_reason(&findings, REASON_XML_MALFORMED,
				   "申请表 application.xml 无法读取（%s），请检查文件是否完整、是否为规范的 XML。",
				   problem);
	} else if (!application) {
		add_reason(&findings, REASON_NO_APPLICATION, "材料包中没有申请表 application.xml。");
	} else if (validate_application(context, dossier, &findings, application, submission,
					err) < 0) {
		return -1;
	}
	child_text(xml_child(application, "applicant"), "idDocument", identity, sizeof(identity));
	identity_mask(identity, masked, sizeof(masked));
	redact_identity(findings.validation, identity, masked);
	conclude(context, dossier, &findings);
	return 1;
}

static int no_ban(void *context, const char *identity, struct error *err)
{
	return 0;
}

static int no_registration(void *context, const char *identity, char *registration,
			   size_t size, struct error *err)
{
	return 0;
}

static int no_holding(void *context, const char *registration, struct holding *holding,
		      struct error *err)
{
	return 0;
}

static int no_certificates(void *context, const char *identity, const char *registration,
			   struct certificate_slot *slot, struct error *err)
{
	return error_set(err, "no register to number a certificate from (give --state DIR)");
}

const struct register_view empty_register = {
	NULL, no_ban, no_registration, no_holding, no_certificates
};
