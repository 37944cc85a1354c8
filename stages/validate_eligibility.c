/* validate_eligibility.c - the validation's checks of eligibility (R1:
 * membership, field, experience, ban, upgrade, re-registration) and of
 * continuing professional development (R8); see validation.h. A finding here
 * rejects the application. */
#include "validation.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpd.h"
#include "experience.h"
#include "identity.h"
#include "outcomes.h"
#include "result.h"
#include "xml.h"

/* ---- R1.1 membership, R1.2 field ---- */

static void check_membership(struct findings *findings, xmlNodePtr application,
			     const struct policy *policy)
{
	xmlNodePtr membership = xml_child(application, "membership");
	char society[64], number[64], name[256];
	const struct policy_member *member;

	xml_attribute_copy(membership, "society", society, sizeof(society));
	xml_attribute_copy(membership, "number", number, sizeof(number));
	child_text(xml_child(application, "applicant"), "name", name, sizeof(name));
	if (strcmp(society, policy->society_code) != 0) {
		add_reason(findings, REASON_NOT_MEMBER,
			   "申请人所填会员身份属于 %s，不是本学会（%s，%s）的会员；申请人须为本学会注册会员。",
			   society, policy->society_name, policy->society_code);
		return;
	}
	if (!policy->has_member_roster)
		return;
	member = policy_find_member(policy, number);
	if (!member)
		add_reason(findings, REASON_NOT_MEMBER, "会员号 %s 不在本学会（%s）的会员名册中。",
			   number, policy->society_name);
	else if (strcmp(member->name, name) != 0)
		add_reason(findings, REASON_NOT_MEMBER,
			   "会员号 %s 在本学会会员名册中登记的姓名与申请人姓名“%s”不一致。",
			   number, name);
}

static const struct policy_field *check_field(struct findings *findings,
					      xmlNodePtr application,
					      const struct policy *policy)
{
	char code[64];
	const struct policy_field *field;

	xml_attribute_copy(xml_child(application, "field"), "code", code, sizeof(code));
	field = policy_find_field(policy, code);
	if (!field)
		add_reason(findings, REASON_FIELD_NOT_AUTHORIZED,
			   "工程技术领域“%s”不在本学会获授权开展工程能力评价的领域之内。", code);
	return field;
}

/* ---- R1.3 experience ---- */

static const char *const degree_names[DEGREE_COUNT] = { "专科", "本科", "硕士", "博士" };

/* The highest degree conferred by `submitted`: its level, and whether it is an
 * engineering degree (one engineering degree of that level is enough, in
 * whatever order the form lists them); -1 if none was conferred. */
static int highest_degree(xmlNodePtr application, day_t submitted, int *engineering)
{
	int highest = -1;
	xmlNodePtr education = xml_child(application, "education");

	*engineering = 0;
	for (xmlNodePtr degree = xml_child(education, "degree"); degree;
	     degree = xml_next(degree, "degree")) {
		char level_text[32], conferred_text[32];
		int level = degree_parse(xml_attribute_copy(degree, "level", level_text,
							    sizeof(level_text)));
		day_t conferred;

		xml_attribute_copy(degree, "conferred", conferred_text, sizeof(conferred_text));
		if (level < 0 || date_parse(conferred_text, &conferred) < 0 || conferred > submitted)
			continue;
		if (level > highest) {
			highest = level;
			*engineering = 0;
		}
		if (level == highest && xml_attribute_true(degree, "engineering"))
			*engineering = 1;
	}
	return highest;
}

/* Which graduate practice counts (R1.3): when the policy allows it, master's
 * practice with a conferred master's degree or higher, doctoral practice with
 * the doctorate. */
static int graduate_practice(int allowed, int degree)
{
	int practice = 0;

	if (allowed && degree >= DEGREE_MASTER)
		practice |= PRACTICE_MASTER;
	if (allowed && degree >= DEGREE_DOCTORATE)
		practice |= PRACTICE_DOCTORATE;
	return practice;
}

static size_t read_periods(xmlNodePtr application, struct experience_period **out)
{
	xmlNodePtr experience = xml_child(application, "experience");
	size_t count = 0, capacity = 0;
	struct experience_period *periods = NULL;

	for (xmlNodePtr node = xml_child(experience, "period"); node;
	     node = xml_next(node, "period")) {
		char from[32], to[32], during[32];
		struct experience_period period = { 0 };

		xml_attribute_copy(node, "from", from, sizeof(from));
		xml_attribute_copy(node, "to", to, sizeof(to));
		xml_attribute_copy(node, "during", during, sizeof(during));
		if (date_parse(from, &period.from) < 0 ||
		    period_during_parse(during, &period.during) < 0)
			continue;
		if (!to[0])
			period.to = -1;
		else if (date_parse(to, &period.to) < 0)
			continue;
		period.engineering = xml_attribute_true(node, "engineering");
		if (count == capacity) {
			struct experience_period *grown;

			capacity = capacity ? capacity * 2 : 8;
			grown = realloc(periods, capacity * sizeof(*grown));
			if (!grown)
				break;
			periods = grown;
		}
		periods[count++] = period;
	}
	*out = periods;
	return count;
}

static int check_experience(struct findings *findings, xmlNodePtr application, int level,
			    const struct policy_field *field, const struct policy *policy,
			    day_t submitted, struct error *err)
{
	struct experience_period *periods = NULL;
	size_t count = read_periods(application, &periods);	/* owned */
	int engineering = 0, required;
	int degree = highest_degree(application, submitted, &engineering);
	int allowed = field && field->graduate_practice_counts >= 0 ?
		      field->graduate_practice_counts : policy->graduate_practice_counts;
	int practice = graduate_practice(allowed, degree);
	long months = experience_counted_months(periods, count, practice, submitted);
	char counted[64];
	xmlNodePtr reason;

	free(periods);
	if (months < 0)
		return error_set(err, "out of memory counting experience");
	if (degree < 0) {
		add_reason(findings, REASON_INSUFFICIENT_EXPERIENCE,
			   "申请表中没有在申请日期前已取得的学历学位，无法确定%s申请所需的工作年限。",
			   level_name(level));
		return 0;
	}
	required = policy->minimum_years[level][degree] +
		   (engineering ? 0 : policy->non_engineering_extra_years);
	if (experience_meets(months, required))
		return 0;
	experience_format(months, counted, sizeof(counted));
	reason = add_reason(findings, REASON_INSUFFICIENT_EXPERIENCE,
			    "可计入的工程相关工作经历共 %s（按整月计算；本科及以下在读期间的经历不计入%s，"
			    "重叠期间只计一次）；最高学历为%s（%s），申请%s须至少 %d 年。",
			    counted,
			    !allowed ? "，硕士、博士在读期间的实践亦不计入" :
			    !(practice & PRACTICE_MASTER) ?
			    "，未取得硕士及以上学位者硕士、博士在读期间的实践亦不计入" :
			    !(practice & PRACTICE_DOCTORATE) ?
			    "，未取得博士学位者博士在读期间的实践亦不计入" : "",
			    degree_names[degree], engineering ? "工程类" : "非工程类",
			    level_name(level), required);
	xml_set_format(reason, "months", "%ld", months);
	xml_set_format(reason, "requiredMonths", "%ld", (long)required * 12);
	return 0;
}

/* ---- R1.4 ban, R1.5 upgrade, R1.6 re-registration ---- */

/* 1 (a reason added) if the person is banned for life, 0 if not, -1 on error. */
static int check_ban(const struct stage_context *context, struct findings *findings,
		     const char *identity, struct error *err)
{
	int banned = context->register_view->is_banned(context->register_view->context,
						       identity, err);

	if (banned < 0)
		return -1;
	if (banned)
		add_reason(findings, REASON_BANNED,
			   "申请人曾因提供虚假材料或违反工程会员行为规范被终身取消申请工程会员资格。");
	return banned;
}

/* Looks up the certificate the form names; 1 found and belonging to the
 * applicant, 0 not (a reason added with `unknown_code`), -1 on error. */
static int find_own_holding(const struct stage_context *context, struct findings *findings,
			    xmlNodePtr application, const char *identity,
			    const char *unknown_code, struct holding *holding,
			    struct error *err)
{
	char registration[64];
	int found;

	xml_attribute_copy(xml_child(application, "holding"), "registration", registration,
			   sizeof(registration));
	if (!registration[0]) {
		add_reason(findings, unknown_code, "申请表未填写所持工程会员证书的注册编号。");
		return 0;
	}
	found = context->register_view->find_holding(context->register_view->context,
						     registration, holding, err);
	if (found < 0)
		return -1;
	if (!found || strcmp(holding->identity, identity) != 0) {
		add_reason(findings, unknown_code,
			   "注册编号 %s 在本学会的注册记录中不存在，或不属于申请人本人。", registration);
		return 0;
	}
	return 1;
}

/* A certificate status in the words of a letter. */
static const char *certificate_status_name(const char *status)
{
	static const char *const names[][2] = {
		{ "valid", "有效" }, { "suspended", "暂停" }, { "cancelled", "注销" },
		{ "revoked", "撤销" }, { "expired", "过期" }, { "superseded", "已换发" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], status) == 0)
			return names[i][1];
	return status;
}

static int check_upgrade(const struct stage_context *context, struct findings *findings,
			 xmlNodePtr application, const char *identity, int level,
			 struct error *err)
{
	struct holding holding;
	int found = find_own_holding(context, findings, application, identity, REASON_NOT_HOLDER,
				     &holding, err);
	char expires[11];

	if (found <= 0)
		return found;
	date_format(holding.expires, expires);
	if (strcmp(holding.status, "valid") != 0 || holding.expires < context->date) {
		add_reason(findings, REASON_NOT_HOLDER,
			   "晋级申请须持有有效的工程会员证书；注册编号 %s 的证书当前状态为“%s”（有效期至 %s）。",
			   holding.registration, strcmp(holding.status, "valid") == 0 ? "已过期" :
			   certificate_status_name(holding.status), expires);
		return 0;
	}
	if (level != holding.level + 1)
		add_reason(findings, REASON_LEVEL_SKIP,
			   "申请人现持%s证书，晋级只能申请高一级别，不能越级或平级申请%s。",
			   level_name(holding.level), level_name(level));
	return 0;
}

/* ---- R8 continuing professional development ---- */

#define MAX_ACTIVITIES 4096

/* A duration in minutes, held within 0 .. INT_MAX whatever the text says. */
static int read_minutes(const char *text)
{
	long value = strtol(text, NULL, 10);

	return value < 0 ? 0 : value > INT_MAX ? INT_MAX : (int)value;
}

static size_t read_activities(xmlNodePtr cpd, struct cpd_activity *activities)
{
	size_t count = 0;

	for (xmlNodePtr node = xml_child(cpd, "activity"); node && count < MAX_ACTIVITIES;
	     node = xml_next(node, "activity")) {
		char date[32], minutes[32];
		struct cpd_activity *activity = &activities[count];

		if (date_parse(xml_attribute_copy(node, "date", date, sizeof(date)),
			       &activity->date) < 0)
			continue;
		xml_attribute_copy(node, "minutes", minutes, sizeof(minutes));
		activity->minutes = minutes[0] ? read_minutes(minutes) : -1;
		xml_attribute_copy(node, "category", activity->category, sizeof(activity->category));
		count++;
	}
	return count;
}

static size_t read_exemptions(xmlNodePtr cpd, int *years, size_t max)
{
	size_t count = 0;
	char year[16];

	for (xmlNodePtr node = xml_child(cpd, "exemption"); node && count < max;
	     node = xml_next(node, "exemption"))
		years[count++] = atoi(xml_attribute_copy(node, "year", year, sizeof(year)));
	return count;
}

/* R8: each year of the certificate's validity needs its hours (Q22, Q23). */
static int check_cpd(const struct stage_context *context, struct findings *findings,
		     xmlNodePtr application, const struct holding *holding, struct error *err)
{
	const struct policy *policy = context->policy;
	xmlNodePtr cpd = xml_child(application, "cpd");
	struct cpd_activity *activities = calloc(MAX_ACTIVITIES, sizeof(*activities));
	struct cpd_year years[100];
	int exempted[100], validity = policy->validity_years < 100 ? policy->validity_years : 100;
	size_t activity_count, exempted_count;

	if (!activities)
		return error_set(err, "out of memory");
	activity_count = read_activities(cpd, activities);
	exempted_count = read_exemptions(cpd, exempted, 100);
	cpd_evaluate(activities, activity_count, exempted, exempted_count, holding->issued,
		     submitted_day(application, context->date), policy, years, validity);
	free(activities);
	for (int k = 0; k < validity; k++) {
		xmlNodePtr node = xml_add_child(findings->validation, "cpd", NULL);
		char from[11], to[11];

		date_format(years[k].from, from);
		date_format(years[k].to, to);
		xml_set_format(node, "year", "%d", years[k].year);
		xml_set(node, "from", from);
		xml_set(node, "to", to);
		xml_set_format(node, "hours", "%d", years[k].hours);
		xml_set_format(node, "required", "%d", policy->cpd_hours_per_year);
		xml_set(node, "exempted", years[k].exempted ? "true" : "false");
		if (!years[k].met)
			add_reason(findings, REASON_CPD_INSUFFICIENT,
				   "证书有效期第 %d 年（%s 至 %s）的持续职业发展活动为 %d 学时，"
				   "不足每年 %d 学时的要求。", years[k].year, from, to,
				   years[k].hours, policy->cpd_hours_per_year);
	}
	return 0;
}

/* R1.6: only a valid or expired certificate is renewed, and at its level. */
static int check_reregistration(const struct stage_context *context, struct findings *findings,
				xmlNodePtr application, const char *identity, int level,
				struct error *err)
{
	const struct policy *policy = context->policy;
	struct holding holding;
	int found = find_own_holding(context, findings, application, identity,
				     REASON_RENEWAL_UNKNOWN, &holding, err);
	day_t opens, closes;
	char expires[11], opens_text[11], closes_text[11];

	if (found <= 0)
		return found;
	if (strcmp(holding.status, "valid") != 0 && strcmp(holding.status, "expired") != 0) {
		add_reason(findings, REASON_RENEWAL_STATUS,
			   "注册编号 %s 的证书当前状态为“%s”，只有有效或已过期的证书可以再注册%s。",
			   holding.registration, certificate_status_name(holding.status),
			   strcmp(holding.status, "suspended") == 0 ?
			   "；暂停的证书须先恢复" : "");
		return 0;
	}
	/* a higher level is reached only by upgrade (Q34, Q35) */
	if (level != holding.level)
		add_reason(findings, REASON_RENEWAL_LEVEL,
			   "注册编号 %s 的证书级别为%s，再注册只能延续所持级别，不能申请%s；"
			   "晋级须另行提出晋级申请。", holding.registration,
			   level_name(holding.level), level_name(level));
	opens = date_add_months(holding.expires, -policy->renew_from_months);
	closes = date_add_months(holding.expires, policy->renew_until_months);
	if (context->date < opens || context->date > closes) {
		date_format(holding.expires, expires);
		date_format(opens, opens_text);
		date_format(closes, closes_text);
		add_reason(findings, REASON_RENEWAL_WINDOW,
			   "注册编号 %s 的证书有效期至 %s，再注册应在 %s 至 %s 之间办理。",
			   holding.registration, expires, opens_text, closes_text);
		return 0;	/* CPD is judged only within the window */
	}
	return check_cpd(context, findings, application, &holding, err);
}

/* R1.5: a holder of a valid or suspended certificate upgrades or
 * re-registers; an `initial` application would give a second certificate
 * beside the first (or, suspended, one that ends the suspension). */
static int check_not_registered(const struct stage_context *context, struct findings *findings,
				const char *identity, struct error *err)
{
	const struct register_view *view = context->register_view;
	char registration[64];
	struct holding holding;
	int found = view->find_registration(view->context, identity, registration,
					    sizeof(registration), err);

	if (found <= 0)
		return found;
	found = view->find_holding(view->context, registration, &holding, err);
	if (found <= 0)
		return found;
	if ((strcmp(holding.status, "valid") != 0 && strcmp(holding.status, "suspended") != 0) ||
	    holding.expires < context->date)
		return 0;	/* expired, cancelled or revoked: evaluated in full again */
	add_reason(findings, REASON_ALREADY_REGISTERED,
		   "申请人已持有本学会注册编号为 %s 的%s证书（当前状态为“%s”），不能再提出首次申请；"
		   "%s", registration, level_name(holding.level),
		   certificate_status_name(holding.status),
		   strcmp(holding.status, "suspended") == 0 ?
		   "证书恢复后，可以申请晋级或办理再注册。" : "如需更高级别，请提出晋级申请；"
		   "证书有效期届满前后可以办理再注册。");
	return 0;
}

int check_eligibility(const struct stage_context *context, struct dossier *dossier,
		      struct findings *findings, xmlNodePtr application, struct error *err)
{
	const struct policy *policy = context->policy;
	char level_text[32], kind[32], identity[128];
	int level, banned;
	const struct policy_field *field;
	day_t submitted = submitted_day(application, context->date);

	application_identity(application, identity, sizeof(identity));
	child_text(application, "level", level_text, sizeof(level_text));
	xml_attribute_copy(application, "kind", kind, sizeof(kind));
	level = level_parse(level_text);
	if (level < 0)
		return 0;	/* the schema has already said so */
	check_membership(findings, application, policy);
	field = check_field(findings, application, policy);
	if (field)
		dossier_set(dossier, "fieldName", field->name);
	banned = check_ban(context, findings, identity, err);
	if (banned < 0)
		return -1;
	/* an upgrade goes through the full process of its level, nothing waived (Q34) */
	if (strcmp(kind, "upgrade") == 0 &&
	    check_upgrade(context, findings, application, identity, level, err) < 0)
		return -1;
	/* the ban says all: a banned holder is not told to upgrade instead */
	if (strcmp(kind, "initial") == 0 && !banned &&
	    check_not_registered(context, findings, identity, err) < 0)
		return -1;
	if (strcmp(kind, "reregistration") == 0)
		return check_reregistration(context, findings, application, identity, level, err);
	return check_experience(findings, application, level, field, policy, submitted, err);
}

