/* policy.c - reading the operating society's policy file into struct policy; see policy.h.
 *
 * policy_load starts from process.md's defaults and overrides each value the
 * file gives, so that a policy loaded without its schema (tests) still holds
 * a value for everything. Checks that the schema cannot express (a holiday
 * that ends before it begins, a minimum above its maximum) are made here,
 * with the file's line in the message, for the society's staff who edit it.
 */
#include "policy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "policy_reader.h"
#include "xml.h"

/* process.md R1.3: minimum years per level and highest (engineering) degree. */
static const int default_minimum_years[LEVEL_COUNT][DEGREE_COUNT] = {
	{ 2, 0, 0, 0 },
	{ 8, 5, 3, 2 },
	{ 15, 12, 10, 8 },
};

/* process.md R5: the professional and senior scoring tables. */
static const struct policy_scale default_professional_scale = {
	60, { 35, 20, 15, 15, 15 }, { 21, 12, 0, 0, 0 },
};
static const struct policy_scale default_senior_scale = {
	60, { 30, 20, 15, 15, 20 }, { 18, 12, 0, 0, 0 },
};

/* A holiday longer than this is surely a typing mistake (the longest official
 * one, the Spring Festival, lasts 9 days). */
#define HOLIDAY_MAX_DAYS 31

static void set_defaults(struct policy *policy)
{
	memset(policy, 0, sizeof(*policy));
	calendar_init(&policy->calendar);
	policy->graduate_practice_counts = 1;
	policy->non_engineering_extra_years = 2;
	memcpy(policy->minimum_years, default_minimum_years, sizeof(policy->minimum_years));
	policy->statement_min_chars = 2000;
	policy->statement_max_chars = 4000;
	policy->statement_min_cjk_share = 0.5;
	policy->review_quorum = 2;
	policy->interview_levels[LEVEL_PROFESSIONAL] = 1;
	policy->interview_levels[LEVEL_SENIOR] = 1;
	policy->interview_min_questions_minutes = 30;
	policy->interview_min_projects = 2;
	policy->interview_max_projects = 3;
	policy->scales[LEVEL_APPRENTICE] = default_professional_scale;
	policy->scales[LEVEL_PROFESSIONAL] = default_professional_scale;
	policy->scales[LEVEL_SENIOR] = default_senior_scale;
	policy->resubmission_working_days = 10;
	policy->supplement_working_days = 10;
	policy->publicity_working_days = 5;
	policy->notice_entries = 1000;
	policy->validity_years = 5;
	snprintf(policy->registration_format, sizeof(policy->registration_format), "%s",
		 "{society}-{seq:6}");
	policy->renew_from_months = 6;
	policy->renew_until_months = 6;
	policy->cpd_hours_per_year = 50;
	policy->cpd_minutes_per_hour = 45;
	policy->settle_seconds = 5;
	policy->package_limits.max_archive_bytes = 104857600;
	policy->package_limits.max_entries = 1000;
	policy->package_limits.max_unpacked_bytes = 268435456;
	policy->package_limits.max_ratio = 200;
	policy->package_limits.max_xml_bytes = 4194304;
	policy->max_xml_depth = 64;
	snprintf(policy->notice_number_format, sizeof(policy->notice_number_format), "%s",
		 "{society}公示〔{year}〕{seq}号");
	policy->reminder_months = 6;
	snprintf(policy->sendmail, sizeof(policy->sendmail), "%s", "/usr/sbin/sendmail");
}

static int check_root(const struct reader *reader, xmlNodePtr root)
{
	char version[16];

	if (!root || !xml_is_ecap_element(root, "policy"))
		return fail_at(reader, root, "the root element is not <policy> in namespace %s",
			       ECAP_NAMESPACE);
	if (read_string(reader, root, "version", 0, version, sizeof(version)) < 0)
		return -1;
	if (version[0] && strcmp(version, "1") != 0)
		return fail_at(reader, root, "policy version \"%s\" is not supported (only 1)",
			       version);
	return 0;
}

static int read_society(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "society");

	if (!node)
		return fail_at(reader, root, "<policy> has no <society>");
	if (read_string(reader, node, "code", 1, policy->society_code,
			sizeof(policy->society_code)) < 0 ||
	    read_string(reader, node, "name", 1, policy->society_name,
			sizeof(policy->society_name)) < 0 ||
	    read_string(reader, node, "nameEn", 0, policy->society_name_english,
			sizeof(policy->society_name_english)) < 0)
		return -1;
	return 0;
}

static int read_field(const struct reader *reader, xmlNodePtr node, struct policy_field *field)
{
	field->graduate_practice_counts = -1;
	if (read_string(reader, node, "code", 1, field->code, sizeof(field->code)) < 0 ||
	    read_string(reader, node, "name", 1, field->name, sizeof(field->name)) < 0 ||
	    read_string(reader, node, "nameEn", 0, field->name_english,
			sizeof(field->name_english)) < 0 ||
	    read_bool(reader, node, "graduatePracticeCounts", &field->graduate_practice_counts) < 0)
		return -1;
	return 0;
}

static int read_fields(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "fields");
	size_t count = (size_t)count_children(parent, "field");
	size_t i = 0;

	if (allocate_list(reader, (void **)&policy->fields, count, sizeof(*policy->fields)) < 0)
		return -1;
	policy->field_count = count;
	for (xmlNodePtr node = xml_child(parent, "field"); node; node = xml_next(node, "field"))
		if (read_field(reader, node, &policy->fields[i++]) < 0)
			return -1;
	return 0;
}

static int read_examiners(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "examiners");
	size_t count = (size_t)count_children(parent, "examiner");
	size_t i = 0;

	if (allocate_list(reader, (void **)&policy->examiners, count,
			  sizeof(*policy->examiners)) < 0)
		return -1;
	policy->examiner_count = count;
	for (xmlNodePtr node = xml_child(parent, "examiner"); node;
	     node = xml_next(node, "examiner")) {
		struct policy_examiner *examiner = &policy->examiners[i++];

		if (read_string(reader, node, "id", 1, examiner->id, sizeof(examiner->id)) < 0 ||
		    read_string(reader, node, "name", 1, examiner->name,
				sizeof(examiner->name)) < 0 ||
		    read_string(reader, node, "employer", 0, examiner->employer,
				sizeof(examiner->employer)) < 0)
			return -1;
	}
	return 0;
}

/* A level code attribute ("code" or "level") as an enum level. */
static int read_level(const struct reader *reader, xmlNodePtr node, const char *name,
		      int *level)
{
	char text[32];

	if (read_string(reader, node, name, 1, text, sizeof(text)) < 0)
		return -1;
	*level = level_parse(text);
	if (*level < 0)
		return fail_at(reader, node, "%s=\"%s\" of <%s> is not a level "
			       "(apprentice, professional, senior)", name, text, node_name(node));
	return 0;
}

static int read_eligibility(const struct reader *reader, xmlNodePtr root,
			    struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "eligibility");
	int level;

	if (!parent)
		return 0;
	if (read_bool(reader, parent, "graduatePracticeCounts",
		      &policy->graduate_practice_counts) < 0 ||
	    read_int(reader, parent, "nonEngineeringExtraYears", 0, 60,
		     &policy->non_engineering_extra_years) < 0)
		return -1;
	for (xmlNodePtr node = xml_child(parent, "level"); node; node = xml_next(node, "level")) {
		if (read_level(reader, node, "code", &level) < 0)
			return -1;
		for (int degree = 0; degree < DEGREE_COUNT; degree++)
			if (read_int(reader, node, degree_code(degree), 0, 60,
				     &policy->minimum_years[level][degree]) < 0)
				return -1;
	}
	return 0;
}

static int read_statement(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "statement");

	if (!node)
		return 0;
	if (read_size(reader, node, "minChars", 0, 1000000, &policy->statement_min_chars) < 0 ||
	    read_size(reader, node, "maxChars", 0, 1000000, &policy->statement_max_chars) < 0 ||
	    read_double(reader, node, "minCjkShare", 0, 1, &policy->statement_min_cjk_share) < 0)
		return -1;
	if (policy->statement_min_chars > policy->statement_max_chars)
		return fail_at(reader, node, "minChars (%zu) is more than maxChars (%zu)",
			       policy->statement_min_chars, policy->statement_max_chars);
	return 0;
}

static int read_review(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "review");

	return node ? read_int(reader, node, "quorum", 1, 100, &policy->review_quorum) : 0;
}

/* levels="professional senior": the levels that always need an interview. */
static int read_interview_levels(const struct reader *reader, xmlNodePtr node,
				 struct policy *policy)
{
	char *value = xml_attribute(node, "levels");
	const char *separators = " \t\n\r";
	char *word, *rest = NULL;
	int result = 0, level;

	if (!value)
		return 0;
	memset(policy->interview_levels, 0, sizeof(policy->interview_levels));
	for (word = strtok_r(value, separators, &rest); word;
	     word = strtok_r(NULL, separators, &rest)) {
		level = level_parse(word);
		if (level < 0) {
			result = fail_at(reader, node, "levels of <interview> names \"%s\", "
					 "not a level (apprentice, professional, senior)", word);
			break;
		}
		policy->interview_levels[level] = 1;
	}
	xmlFree(value);
	return result;
}

static int read_scale_dimension(const struct reader *reader, xmlNodePtr node,
				struct policy_scale *scale)
{
	char code[32];
	int dimension;

	if (read_string(reader, node, "code", 1, code, sizeof(code)) < 0)
		return -1;
	dimension = dimension_parse(code);
	if (dimension < 0)
		return fail_at(reader, node, "code=\"%s\" of <dimension> is not a dimension", code);
	scale->minimum[dimension] = 0;
	if (require_attribute(reader, node, "max") < 0 ||
	    read_int(reader, node, "max", 1, 1000, &scale->maximum[dimension]) < 0 ||
	    read_int(reader, node, "min", 0, 1000, &scale->minimum[dimension]) < 0)
		return -1;
	if (scale->minimum[dimension] > scale->maximum[dimension])
		return fail_at(reader, node, "the %s minimum (%d) is more than its maximum (%d)",
			       code, scale->minimum[dimension], scale->maximum[dimension]);
	return 0;
}

static int read_scale(const struct reader *reader, xmlNodePtr node, struct policy *policy,
		      int *level)
{
	struct policy_scale *scale;
	int total = 0;

	if (read_level(reader, node, "level", level) < 0)
		return -1;
	scale = &policy->scales[*level];
	scale->pass_total = 60;
	if (read_int(reader, node, "passTotal", 0, 10000, &scale->pass_total) < 0)
		return -1;
	for (xmlNodePtr child = xml_child(node, "dimension"); child;
	     child = xml_next(child, "dimension"))
		if (read_scale_dimension(reader, child, scale) < 0)
			return -1;
	for (int dimension = 0; dimension < DIMENSION_COUNT; dimension++)
		total += scale->maximum[dimension];
	if (scale->pass_total > total)
		return fail_at(reader, node, "passTotal (%d) of the %s scale is more than its "
			       "maximum total (%d)", scale->pass_total, level_code(*level), total);
	return 0;
}

static int read_interview(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "interview");
	int given[LEVEL_COUNT] = { 0 }, level;

	if (!parent)
		return 0;
	if (read_interview_levels(reader, parent, policy) < 0 ||
	    read_int(reader, parent, "minQuestionsMinutes", 0, 1000,
		     &policy->interview_min_questions_minutes) < 0 ||
	    read_int(reader, parent, "minProjects", 0, 100, &policy->interview_min_projects) < 0 ||
	    read_int(reader, parent, "maxProjects", 0, 100, &policy->interview_max_projects) < 0)
		return -1;
	if (policy->interview_min_projects > policy->interview_max_projects)
		return fail_at(reader, parent, "minProjects (%d) is more than maxProjects (%d)",
			       policy->interview_min_projects, policy->interview_max_projects);
	for (xmlNodePtr node = xml_child(parent, "scale"); node; node = xml_next(node, "scale")) {
		if (read_scale(reader, node, policy, &level) < 0)
			return -1;
		given[level] = 1;
	}
	/* R5: apprentices interviewed at an examiner's request are scored on
	 * the professional table, unless the policy gives them one. */
	if (!given[LEVEL_APPRENTICE])
		policy->scales[LEVEL_APPRENTICE] = policy->scales[LEVEL_PROFESSIONAL];
	return 0;
}

static int read_working_days(const struct reader *reader, xmlNodePtr root, const char *name,
			     long minimum, int *out)
{
	xmlNodePtr node = xml_child(root, name);

	return node ? read_int(reader, node, "workingDays", minimum, 366, out) : 0;
}

static int read_notice_entries(const struct reader *reader, xmlNodePtr root, int *out)
{
	xmlNodePtr node = xml_child(root, "publicity");

	return node ? read_int(reader, node, "noticeEntries", 1, 100000, out) : 0;
}

static int read_holiday(const struct reader *reader, xmlNodePtr node, struct calendar *calendar)
{
	day_t from, to;
	char *to_text = xml_attribute(node, "to");
	int has_to = to_text != NULL;

	xmlFree(to_text);
	if (read_date(reader, node, "from", &from) < 0)
		return -1;
	to = from;
	if (has_to && read_date(reader, node, "to", &to) < 0)
		return -1;
	if (to < from)
		return fail_at(reader, node, "the holiday ends before it begins");
	if (to - from >= HOLIDAY_MAX_DAYS)
		return fail_at(reader, node, "the holiday lasts %ld days, more than %d",
			       (long)(to - from + 1), HOLIDAY_MAX_DAYS);
	if (calendar_add_holidays(calendar, from, to) < 0)
		return error_set(reader->err, "%s: out of memory", reader->path);
	return 0;
}

/* An adjusted working day (调休) is by definition a Saturday or a Sunday. */
static int read_workday(const struct reader *reader, xmlNodePtr node, struct calendar *calendar)
{
	char text[11];
	day_t day;
	int weekday;

	if (read_date(reader, node, "date", &day) < 0)
		return -1;
	weekday = date_weekday(day);
	if (weekday != 0 && weekday != 6) {
		date_format(day, text);
		return fail_at(reader, node, "the working day %s is not a Saturday or a Sunday; "
			       "weekdays are working days already", text);
	}
	if (calendar_add_workday(calendar, day) < 0)
		return error_set(reader->err, "%s: out of memory", reader->path);
	return 0;
}

static int compare_days(const void *left, const void *right)
{
	day_t a = *(const day_t *)left, b = *(const day_t *)right;

	return (a > b) - (a < b);
}

/* A day listed both as a holiday and as a working day is a mistake. */
static int check_calendar_overlap(const struct reader *reader, xmlNodePtr node,
				  const struct calendar *calendar)
{
	char text[11];

	for (size_t i = 0; i < calendar->workday_count; i++) {
		if (!bsearch(&calendar->workdays[i], calendar->holidays, calendar->holiday_count,
			     sizeof(*calendar->holidays), compare_days))
			continue;
		date_format(calendar->workdays[i], text);
		return fail_at(reader, node, "%s is listed both as a holiday and as a working day",
			       text);
	}
	return 0;
}

static int read_calendar(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "calendar");
	int result = 0;

	if (!parent)
		return 0;
	for (xmlNodePtr node = xml_child(parent, NULL); node && result == 0;
	     node = xml_next(node, NULL)) {
		if (strcmp(node_name(node), "holiday") == 0)
			result = read_holiday(reader, node, &policy->calendar);
		else if (strcmp(node_name(node), "workday") == 0)
			result = read_workday(reader, node, &policy->calendar);
	}
	if (result < 0)
		return -1;
	calendar_finish(&policy->calendar);
	return check_calendar_overlap(reader, parent, &policy->calendar);
}

static int read_certificate(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "certificate");
	char format[sizeof(policy->registration_format)];

	if (!node)
		return 0;
	if (read_int(reader, node, "validityYears", 1, 100, &policy->validity_years) < 0 ||
	    read_string(reader, node, "registrationFormat", 0, format, sizeof(format)) < 0 ||
	    read_int(reader, node, "renewFromMonths", 0, 120, &policy->renew_from_months) < 0 ||
	    read_int(reader, node, "renewUntilMonths", 0, 120, &policy->renew_until_months) < 0)
		return -1;
	if (format[0] && !strstr(format, "{seq:"))
		return fail_at(reader, node, "registrationFormat \"%s\" has no {seq:N} "
			       "(the sequence number)", format);
	if (format[0])
		memcpy(policy->registration_format, format, sizeof(format));
	return 0;
}

static int read_cpd(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "cpd");
	size_t count = (size_t)count_children(parent, "credit");
	size_t i = 0;

	if (!parent)
		return 0;
	if (read_int(reader, parent, "hoursPerYear", 0, 10000, &policy->cpd_hours_per_year) < 0 ||
	    read_int(reader, parent, "minutesPerHour", 1, 1000,
		     &policy->cpd_minutes_per_hour) < 0 ||
	    allocate_list(reader, (void **)&policy->credits, count, sizeof(*policy->credits)) < 0)
		return -1;
	policy->credit_count = count;
	for (xmlNodePtr node = xml_child(parent, "credit"); node; node = xml_next(node, "credit")) {
		struct policy_credit *credit = &policy->credits[i++];

		if (read_string(reader, node, "category", 1, credit->category,
				sizeof(credit->category)) < 0 ||
		    require_attribute(reader, node, "hours") < 0 ||
		    read_int(reader, node, "hours", 0, 10000, &credit->hours) < 0)
			return -1;
	}
	return 0;
}

static int read_titles(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr parent = xml_child(root, "titles");
	size_t count = (size_t)count_children(parent, "title");
	size_t i = 0;

	if (allocate_list(reader, (void **)&policy->titles, count, sizeof(*policy->titles)) < 0)
		return -1;
	policy->title_count = count;
	for (xmlNodePtr node = xml_child(parent, "title"); node; node = xml_next(node, "title")) {
		struct policy_title *title = &policy->titles[i++];

		if (read_string(reader, node, "scheme", 1, title->scheme,
				sizeof(title->scheme)) < 0 ||
		    read_string(reader, node, "name", 1, title->name, sizeof(title->name)) < 0)
			return -1;
	}
	return 0;
}

static int read_intake(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "intake");
	struct package_limits *limits = &policy->package_limits;

	if (!node)
		return 0;
	if (read_int(reader, node, "settleSeconds", 0, 86400, &policy->settle_seconds) < 0 ||
	    read_size(reader, node, "maxArchiveBytes", 1, SIZE_MAX,
		      &limits->max_archive_bytes) < 0 ||
	    read_size(reader, node, "maxEntries", 1, 10000000, &limits->max_entries) < 0 ||
	    read_size(reader, node, "maxUnpackedBytes", 1, SIZE_MAX,
		      &limits->max_unpacked_bytes) < 0 ||
	    read_double(reader, node, "maxRatio", 1, 1e9, &limits->max_ratio) < 0 ||
	    read_size(reader, node, "maxXmlBytes", 1, SIZE_MAX, &limits->max_xml_bytes) < 0 ||
	    read_int(reader, node, "maxXmlDepth", 1, 256, &policy->max_xml_depth) < 0)
		return -1;
	return 0;
}

/* <signing name> (which key signs) and <verification baseUrl> (where the
 * QR code of a certificate points), both optional (formats.md §3, §6). */
static int read_trust(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr signing = xml_child(root, "signing");
	xmlNodePtr verification = xml_child(root, "verification");

	if (signing && read_string(reader, signing, "name", 1, policy->signing_key,
				   sizeof(policy->signing_key)) < 0)
		return -1;
	if (verification && read_string(reader, verification, "baseUrl", 1,
					 policy->verification_base,
					 sizeof(policy->verification_base)) < 0)
		return -1;
	return 0;
}

/* contact, signatory, seal, feedback, notices and mail: all optional */
static int read_contact(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "contact");

	if (!node)
		return 0;
	if (read_string(reader, node, "address", 1, policy->contact.address,
			sizeof(policy->contact.address)) < 0 ||
	    read_string(reader, node, "postcode", 0, policy->contact.postcode,
			sizeof(policy->contact.postcode)) < 0 ||
	    read_string(reader, node, "phone", 1, policy->contact.phone,
			sizeof(policy->contact.phone)) < 0 ||
	    read_string(reader, node, "email", 1, policy->contact.email,
			sizeof(policy->contact.email)) < 0 ||
	    read_string(reader, node, "web", 0, policy->contact.web,
			sizeof(policy->contact.web)) < 0)
		return -1;
	return 0;
}

static int read_signatory(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "signatory");

	if (!node)
		return 0;
	if (read_string(reader, node, "name", 1, policy->signatory.name,
			sizeof(policy->signatory.name)) < 0 ||
	    read_string(reader, node, "title", 0, policy->signatory.title,
			sizeof(policy->signatory.title)) < 0)
		return -1;
	return 0;
}

static int read_seal(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "seal");

	if (!node)
		return 0;
	if (read_string(reader, node, "href", 1, policy->seal_href,
			sizeof(policy->seal_href)) < 0)
		return -1;
	if (policy->seal_href[0] == '/' || strcmp(policy->seal_href, "..") == 0 ||
	    strncmp(policy->seal_href, "../", 3) == 0 || strstr(policy->seal_href, "/../") ||
	    (strlen(policy->seal_href) >= 3 &&
	     strcmp(policy->seal_href + strlen(policy->seal_href) - 3, "/..") == 0))
		return fail_at(reader, node, "seal href \"%s\" is not a path inside the policy "
			       "file's directory", policy->seal_href);
	return 0;
}

static int read_feedback(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "feedback");

	if (!node)
		return 0;
	if (read_string(reader, node, "name", 1, policy->feedback.name,
			sizeof(policy->feedback.name)) < 0 ||
	    read_string(reader, node, "email", 0, policy->feedback.email,
			sizeof(policy->feedback.email)) < 0 ||
	    read_string(reader, node, "address", 0, policy->feedback.address,
			sizeof(policy->feedback.address)) < 0 ||
	    read_string(reader, node, "postcode", 0, policy->feedback.postcode,
			sizeof(policy->feedback.postcode)) < 0)
		return -1;
	return 0;
}

static int read_notices(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "notices");
	char format[sizeof(policy->notice_number_format)];

	if (!node)
		return 0;
	if (read_string(reader, node, "numberFormat", 0, format, sizeof(format)) < 0 ||
	    read_int(reader, node, "reminderMonths", 0, 120, &policy->reminder_months) < 0)
		return -1;
	if (format[0])
		memcpy(policy->notice_number_format, format, sizeof(format));
	return 0;
}

/* The sendmail is run without a shell, so it must be an absolute path: a
 * bare name would be looked up in whatever PATH the run happens to have. */
static int read_mail(const struct reader *reader, xmlNodePtr root, struct policy *policy)
{
	xmlNodePtr node = xml_child(root, "mail");
	char sendmail[sizeof(policy->sendmail)];

	if (!node)
		return 0;
	if (read_string(reader, node, "from", 1, policy->mail_from,
			sizeof(policy->mail_from)) < 0 ||
	    read_string(reader, node, "sendmail", 0, sendmail, sizeof(sendmail)) < 0)
		return -1;
	if (strpbrk(policy->mail_from, "\r\n"))
		return fail_at(reader, node, "from of <mail> is more than one line");
	if (!strchr(policy->mail_from, '@'))
		return fail_at(reader, node, "from=\"%s\" of <mail> is not an e-mail address",
			       policy->mail_from);
	if (sendmail[0] && sendmail[0] != '/')
		return fail_at(reader, node, "sendmail=\"%s\" of <mail> is not an absolute path",
			       sendmail);
	if (sendmail[0])
		memcpy(policy->sendmail, sendmail, sizeof(sendmail));
	return 0;
}

/* Joins the first schema messages into err. */
static int report_invalid(const char *path, const struct xml_messages *messages,
			  struct error *err)
{
	if (messages->count == 0)
		return error_set(err, "%s is not a valid policy", path);
	if (messages->count == 1)
		return error_set(err, "%s is not a valid policy: %s", path, messages->lines[0]);
	return error_set(err, "%s is not a valid policy: %s (and %zu more problems)", path,
			 messages->lines[0], messages->count - 1);
}

static int validate_policy(struct schema *schema, xmlDocPtr doc, const char *path,
			   struct error *err)
{
	struct xml_messages messages = { NULL, 0 };
	int invalid = schema_validate(schema, doc, &messages, err);

	if (invalid > 0)
		report_invalid(path, &messages, err);
	xml_messages_release(&messages);
	return invalid == 0 ? 0 : -1;
}

static int read_policy(const struct reader *reader, xmlNodePtr root, struct policy *policy,
		       int validate)
{
	if (check_root(reader, root) < 0 ||
	    read_society(reader, root, policy) < 0 ||
	    read_fields(reader, root, policy) < 0 ||
	    read_member_roster(reader, root, policy, validate) < 0 ||
	    read_examiners(reader, root, policy) < 0 ||
	    read_eligibility(reader, root, policy) < 0 ||
	    read_statement(reader, root, policy) < 0 ||
	    read_review(reader, root, policy) < 0 ||
	    read_interview(reader, root, policy) < 0 ||
	    read_working_days(reader, root, "resubmission", 1,
			      &policy->resubmission_working_days) < 0 ||
	    read_working_days(reader, root, "supplement", 1,
			      &policy->supplement_working_days) < 0 ||
	    read_working_days(reader, root, "publicity", 0, &policy->publicity_working_days) < 0 ||
	    read_notice_entries(reader, root, &policy->notice_entries) < 0 ||
	    read_calendar(reader, root, policy) < 0 ||
	    read_certificate(reader, root, policy) < 0 ||
	    read_cpd(reader, root, policy) < 0 ||
	    read_titles(reader, root, policy) < 0 ||
	    read_intake(reader, root, policy) < 0 ||
	    read_trust(reader, root, policy) < 0 ||
	    read_contact(reader, root, policy) < 0 ||
	    read_signatory(reader, root, policy) < 0 ||
	    read_seal(reader, root, policy) < 0 ||
	    read_feedback(reader, root, policy) < 0 ||
	    read_notices(reader, root, policy) < 0 ||
	    read_mail(reader, root, policy) < 0)
		return -1;
	return 0;
}

int policy_load(struct policy *policy, const char *path, struct schema *policy_schema,
		struct error *err)
{
	struct reader reader = { path, err };
	xmlDocPtr doc = NULL;
	int result = -1;

	set_defaults(policy);
	if (strlen(path) >= sizeof(policy->path)) {
		error_set(err, "the policy file's path is too long: '%.64s...'", path);
		goto out;
	}
	memcpy(policy->path, path, strlen(path) + 1);
	doc = xml_parse_file(path, err);
	if (!doc)
		goto out;
	if (policy_schema && validate_policy(policy_schema, doc, path, err) < 0)
		goto out;
	result = read_policy(&reader, xmlDocGetRootElement(doc), policy, policy_schema != NULL);
out:
	xmlFreeDoc(doc);
	if (result < 0)
		policy_release(policy);
	return result;
}

void policy_release(struct policy *policy)
{
	if (!policy)
		return;
	free(policy->fields);
	for (size_t i = 0; i < policy->member_count; i++)
		free(policy->members[i].number);
	free(policy->members);
	free(policy->examiners);
	free(policy->credits);
	free(policy->titles);
	calendar_release(&policy->calendar);
	memset(policy, 0, sizeof(*policy));
}

const struct policy_field *policy_find_field(const struct policy *policy, const char *code)
{
	for (size_t i = 0; code && i < policy->field_count; i++)
		if (strcmp(policy->fields[i].code, code) == 0)
			return &policy->fields[i];
	return NULL;
}

const struct policy_examiner *policy_find_examiner(const struct policy *policy, const char *id)
{
	for (size_t i = 0; id && i < policy->examiner_count; i++)
		if (strcmp(policy->examiners[i].id, id) == 0)
			return &policy->examiners[i];
	return NULL;
}

const struct policy_title *policy_find_title(const struct policy *policy, const char *scheme)
{
	for (size_t i = 0; scheme && i < policy->title_count; i++)
		if (strcmp(policy->titles[i].scheme, scheme) == 0)
			return &policy->titles[i];
	return NULL;
}

int policy_credit_hours(const struct policy *policy, const char *category)
{
	for (size_t i = 0; category && i < policy->credit_count; i++)
		if (strcmp(policy->credits[i].category, category) == 0)
			return policy->credits[i].hours;
	return -1;
}

/* Expands registrationFormat: {society} is the society's code, {seq:N} the
 * sequence number on N digits (zero-padded), {seq} it unpadded. */
/* The default policy's placeholders: "…" (or "请填写") in a text, a
 * telephone number that ends in seven zeros or more, and the domains RFC 2606
 * reserves for examples in an address or a web page. */
static int is_placeholder_text(const char *text)
{
	return strstr(text, "…") || strstr(text, "请填写");
}

static int is_placeholder_phone(const char *phone)
{
	int zeros = 0;

	/* "010-0000-0000": the number after the area code is all zeros */
	for (const char *c = phone + strlen(phone); c > phone; c--)
		if (c[-1] == '0')
			zeros++;
		else if (c[-1] >= '1' && c[-1] <= '9')
			break;
	return zeros >= 7;
}

static int is_example_domain(const char *text)
{
	static const char *const domains[] = { "example.org", "example.com", "example.net" };
	char lower[1024];
	size_t i;

	for (i = 0; text[i] && i + 1 < sizeof(lower); i++)
		lower[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
	lower[i] = '\0';
	for (i = 0; i < sizeof(domains) / sizeof(domains[0]); i++)
		if (strstr(lower, domains[i]))
			return 1;
	return 0;
}

static void add_name(char *out, size_t size, const char *name)
{
	size_t used = strlen(out);

	snprintf(out + used, size - used, "%s%s", used ? ", " : "", name);
}

const char *policy_placeholders(const struct policy *policy, char *out, size_t size)
{
	out[0] = '\0';
	if (is_placeholder_text(policy->contact.address))
		add_name(out, size, "contact address");
	if (is_placeholder_phone(policy->contact.phone) ||
	    is_placeholder_text(policy->contact.phone))
		add_name(out, size, "contact phone");
	if (is_example_domain(policy->contact.email) || is_placeholder_text(policy->contact.email))
		add_name(out, size, "contact email");
	if (is_example_domain(policy->contact.web) || is_placeholder_text(policy->contact.web))
		add_name(out, size, "contact web");
	if (is_placeholder_text(policy->signatory.name))
		add_name(out, size, "signatory name");
	if (is_example_domain(policy->mail_from) || is_placeholder_text(policy->mail_from))
		add_name(out, size, "mail from");
	return out;
}

int policy_format_registration(const struct policy *policy, unsigned long sequence,
			       char *out, size_t size)
{
	const char *format = policy->registration_format;
	size_t used = 0;

	out[0] = '\0';
	while (*format && used + 1 < size) {
		int width = 0, consumed = 0;

		if (strncmp(format, "{society}", 9) == 0) {
			used += (size_t)snprintf(out + used, size - used, "%s", policy->society_code);
			format += 9;
		} else if (sscanf(format, "{seq:%d}%n", &width, &consumed) == 1 && consumed > 0) {
			used += (size_t)snprintf(out + used, size - used, "%0*lu", width, sequence);
			format += consumed;
		} else if (strncmp(format, "{seq}", 5) == 0) {
			used += (size_t)snprintf(out + used, size - used, "%lu", sequence);
			format += 5;
		} else {
			out[used++] = *format++;
			out[used] = '\0';
		}
	}
	return used < size ? 0 : -1;
}
