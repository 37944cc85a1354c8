/* test-policy.c - unit tests for lib/policy.c: the default policy's values,
 * the example policy with its member roster, schema validation, and the
 * clear errors that broken policies give.
 *
 * Run from the top of the source tree (or set ECAP_SOURCE_DIR to it).
 */
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "policy.h"
#include "tap.h"
#include "xml.h"

static char source_dir[PATH_MAX];
static char work_dir[PATH_MAX];

static const char *source_path(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", source_dir, name);
	return out;
}

static day_t day(const char *text)
{
	day_t value = -1;

	if (date_parse(text, &value) < 0)
		printf("# bad date in test: %s\n", text);
	return value;
}

static const char *work_file(const char *name, const char *content)
{
	static char path[PATH_MAX + 64];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", work_dir, name);
	file = fopen(path, "w");
	if (!file)
		return path;
	fputs(content, file);
	fclose(file);
	return path;
}

static void test_names(void)
{
	is_int(level_parse("apprentice"), LEVEL_APPRENTICE, "level_parse apprentice");
	is_int(level_parse("senior"), LEVEL_SENIOR, "level_parse senior");
	is_int(level_parse("expert"), -1, "level_parse refuses an unknown level");
	is_int(level_parse(NULL), -1, "level_parse refuses NULL");
	is_string(level_code(LEVEL_PROFESSIONAL), "professional", "level_code");
	is_string(level_name(LEVEL_APPRENTICE), "见习工程会员", "apprentice's Chinese name");
	is_string(level_name(LEVEL_PROFESSIONAL), "专业工程会员", "professional's Chinese name");
	is_string(level_name(LEVEL_SENIOR), "资深工程会员", "senior's Chinese name");
	is_string(level_name_english(LEVEL_APPRENTICE), "Apprentice Engineer",
		  "apprentice's English name");
	is_string(level_name_english(LEVEL_SENIOR), "Senior Professional Engineer",
		  "senior's English name");
	is_string(level_code(LEVEL_COUNT), "", "level_code out of range is empty");
	is_string(level_name(-1), "", "level_name out of range is empty");
	is_int(degree_parse("associate"), DEGREE_ASSOCIATE, "degree_parse associate");
	is_int(degree_parse("doctorate"), DEGREE_DOCTORATE, "degree_parse doctorate");
	is_int(degree_parse("phd"), -1, "degree_parse refuses phd");
	is_int(dimension_parse("knowledge"), 0, "knowledge is dimension 0");
	is_int(dimension_parse("leadership"), 4, "leadership is dimension 4");
	is_int(dimension_parse("Knowledge"), -1, "dimension codes are case-sensitive");
	is_string(dimension_codes[2], "teamwork", "dimension 2 is teamwork");
	is_string(dimension_names[0], "工程知识与专业能力", "knowledge's name");
	is_string(dimension_names[1], "工程伦理与职业道德", "ethics' name");
	is_string(dimension_names[2], "团队合作与交流能力", "teamwork's name");
	is_string(dimension_names[3], "持续发展与终身学习能力", "learning's name");
	is_string(dimension_names[4], "组织领导与项目管理能力", "leadership's name");
}

static void check_default_society(const struct policy *policy)
{
	const struct policy_field *field;

	is_string(policy->society_code, "CSEE", "society code");
	is_string(policy->society_name, "中国电机工程学会", "society name");
	is_string(policy->society_name_english, "Chinese Society for Electrical Engineering",
		  "society English name");
	is_int(policy->field_count, 1, "one authorized field");
	field = policy_find_field(policy, "electrical");
	ok(field != NULL, "electrical is authorized");
	if (field) {
		is_string(field->name, "电气工程", "field name");
		is_string(field->name_english, "Electrical Engineering", "field English name");
		is_int(field->graduate_practice_counts, -1, "field defers to eligibility");
	}
	ok(policy_find_field(policy, "power-systems") == NULL, "the commented field is not read");
	ok(policy_find_field(policy, NULL) == NULL, "policy_find_field(NULL)");
	is_int(policy->has_member_roster, 0, "the default has no member roster");
	is_int(policy->member_count, 0, "no members");
	ok(policy_find_member(policy, "M-2015-004471") == NULL, "no member found");
}

static void check_default_examiners(const struct policy *policy)
{
	const struct policy_examiner *examiner;

	is_int(policy->examiner_count, 6, "six example examiners");
	examiner = policy_find_examiner(policy, "EX-017");
	ok(examiner != NULL, "EX-017 is on the roster");
	if (examiner) {
		is_string(examiner->name, "李明", "EX-017's name");
		is_string(examiner->employer, "清华大学", "EX-017's employer");
	}
	ok(policy_find_examiner(policy, "EX-999") == NULL, "EX-999 is not");
	ok(policy_find_examiner(policy, "ex-017") == NULL, "examiner ids are case-sensitive");
}

static void check_default_rules(const struct policy *policy)
{
	is_int(policy->graduate_practice_counts, 1, "graduate practice counts");
	is_int(policy->non_engineering_extra_years, 2, "non-engineering adds 2 years");
	is_int(policy->minimum_years[LEVEL_APPRENTICE][DEGREE_ASSOCIATE], 2,
	       "apprentice/associate");
	is_int(policy->minimum_years[LEVEL_APPRENTICE][DEGREE_BACHELOR], 0, "apprentice/bachelor");
	is_int(policy->minimum_years[LEVEL_PROFESSIONAL][DEGREE_ASSOCIATE], 8,
	       "professional/associate");
	is_int(policy->minimum_years[LEVEL_PROFESSIONAL][DEGREE_BACHELOR], 5,
	       "professional/bachelor");
	is_int(policy->minimum_years[LEVEL_PROFESSIONAL][DEGREE_MASTER], 3, "professional/master");
	is_int(policy->minimum_years[LEVEL_PROFESSIONAL][DEGREE_DOCTORATE], 2,
	       "professional/doctorate");
	is_int(policy->minimum_years[LEVEL_SENIOR][DEGREE_ASSOCIATE], 15, "senior/associate");
	is_int(policy->minimum_years[LEVEL_SENIOR][DEGREE_DOCTORATE], 8, "senior/doctorate");
	is_int(policy->statement_min_chars, 2000, "statement min chars");
	is_int(policy->statement_max_chars, 4000, "statement max chars");
	ok(policy->statement_min_cjk_share > 0.4999 && policy->statement_min_cjk_share < 0.5001,
	   "statement CJK share 0.5");
	is_int(policy->review_quorum, 2, "review quorum");
	is_int(policy->resubmission_working_days, 10, "resubmission working days");
	is_int(policy->supplement_working_days, 10, "supplement working days");
	is_int(policy->publicity_working_days, 5, "publicity working days");
	is_int(policy->validity_years, 5, "validity years");
	is_string(policy->registration_format, "{society}-{seq:6}", "registration format");
	is_int(policy->renew_from_months, 6, "renew from months");
	is_int(policy->renew_until_months, 6, "renew until months");
}

static void check_default_interview(const struct policy *policy)
{
	const struct policy_scale *professional = &policy->scales[LEVEL_PROFESSIONAL];
	const struct policy_scale *senior = &policy->scales[LEVEL_SENIOR];

	is_int(policy->interview_levels[LEVEL_APPRENTICE], 0, "apprentices not always interviewed");
	is_int(policy->interview_levels[LEVEL_PROFESSIONAL], 1, "professionals interviewed");
	is_int(policy->interview_levels[LEVEL_SENIOR], 1, "seniors interviewed");
	is_int(policy->interview_min_questions_minutes, 30, "30 minutes of questions");
	is_int(policy->interview_min_projects, 2, "min projects");
	is_int(policy->interview_max_projects, 3, "max projects");
	is_int(professional->pass_total, 60, "professional pass total");
	is_int(professional->maximum[0], 35, "professional knowledge max");
	is_int(professional->minimum[0], 21, "professional knowledge min");
	is_int(professional->maximum[1], 20, "professional ethics max");
	is_int(professional->minimum[1], 12, "professional ethics min");
	is_int(professional->minimum[2], 0, "professional teamwork has no min");
	is_int(professional->maximum[4], 15, "professional leadership max");
	is_int(senior->maximum[0], 30, "senior knowledge max");
	is_int(senior->minimum[0], 18, "senior knowledge min");
	is_int(senior->maximum[4], 20, "senior leadership max");
	is_int(senior->minimum[3], 0, "senior learning has no min");
	ok(memcmp(&policy->scales[LEVEL_APPRENTICE], professional, sizeof(*professional)) == 0,
	   "apprentices are scored on the professional scale");
}

static void check_default_calendar(const struct policy *policy)
{
	const struct calendar *calendar = &policy->calendar;

	/* 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 */
	is_int(calendar->holiday_count, 28 + 33, "61 holidays in 2025 and 2026");
	is_int(calendar->workday_count, 5 + 6, "11 adjusted working days");
	ok(calendar_covers(calendar, day("2025-03-01")), "2025 is covered");
	ok(calendar_covers(calendar, day("2026-12-31")), "2026 is covered");
	ok(!calendar_covers(calendar, day("2027-01-04")), "2027 is not");
	ok(!calendar_is_working_day(calendar, day("2025-01-01")), "2025 New Year's Day");
	ok(calendar_is_working_day(calendar, day("2025-01-26")), "Sunday 2025-01-26 is worked");
	ok(!calendar_is_working_day(calendar, day("2025-02-04")), "Spring Festival 2025 last day");
	ok(calendar_is_working_day(calendar, day("2025-02-05")), "2025-02-05 back to work");
	ok(!calendar_is_working_day(calendar, day("2025-06-02")), "Dragon Boat Monday 2025");
	ok(!calendar_is_working_day(calendar, day("2025-10-08")), "2025-10-08 holiday");
	ok(calendar_is_working_day(calendar, day("2025-10-11")), "Saturday 2025-10-11 is worked");
	ok(!calendar_is_working_day(calendar, day("2026-01-02")), "2026-01-02 holiday");
	ok(calendar_is_working_day(calendar, day("2026-01-04")), "Sunday 2026-01-04 is worked");
	ok(calendar_is_working_day(calendar, day("2026-02-14")), "Saturday 2026-02-14 is worked");
	ok(!calendar_is_working_day(calendar, day("2026-02-23")), "Spring Festival 2026 last day");
	ok(calendar_is_working_day(calendar, day("2026-02-28")), "Saturday 2026-02-28 is worked");
	ok(calendar_is_working_day(calendar, day("2026-05-09")), "Saturday 2026-05-09 is worked");
	ok(!calendar_is_working_day(calendar, day("2026-06-19")), "Dragon Boat 2026");
	ok(calendar_is_working_day(calendar, day("2026-09-20")), "Sunday 2026-09-20 is worked");
	ok(!calendar_is_working_day(calendar, day("2026-09-25")), "Mid-Autumn 2026");
	ok(!calendar_is_working_day(calendar, day("2026-10-07")), "National Day 2026 last day");
	ok(calendar_is_working_day(calendar, day("2026-10-10")), "Saturday 2026-10-10 is worked");
	ok(!calendar_is_working_day(calendar, day("2026-10-11")), "Sunday 2026-10-11 is not");
	is_int(calendar_add_working_days(calendar, day("2026-11-02"), 10), day("2026-11-16"),
	       "process.md's resubmission example");
	is_int(calendar_add_working_days(calendar, day("2026-11-10"), 5), day("2026-11-17"),
	       "process.md's publicity example");
	is_int(calendar_add_working_days(calendar, day("2026-09-30"), 1), day("2026-10-08"),
	       "a return on 2026-09-30 counts from 2026-10-08");
}

static void check_default_cpd_and_intake(const struct policy *policy)
{
	const struct policy_title *title;

	is_int(policy->cpd_hours_per_year, 50, "50 hours a year");
	is_int(policy->cpd_minutes_per_hour, 45, "45 minutes an hour");
	is_int(policy->credit_count, 3, "three credited categories");
	is_int(policy_credit_hours(policy, "standard"), 20, "a standard gives 20 hours");
	is_int(policy_credit_hours(policy, "research"), 20, "research gives 20 hours");
	is_int(policy_credit_hours(policy, "paper"), 10, "a paper gives 10 hours");
	is_int(policy_credit_hours(policy, "training"), -1, "training is not table-credited");
	is_int(policy->title_count, 4, "four recognized titles");
	title = policy_find_title(policy, "euring");
	ok(title && strcmp(title->name, "欧洲工程师") == 0, "EUR ING is recognized");
	ok(policy_find_title(policy, "chartered") == NULL, "an unknown title is not");
	is_int(policy->settle_seconds, 5, "settle seconds");
	is_int(policy->package_limits.max_archive_bytes, 104857600, "max archive bytes");
	is_int(policy->package_limits.max_entries, 1000, "max entries");
	is_int(policy->package_limits.max_unpacked_bytes, 268435456, "max unpacked bytes");
	ok(policy->package_limits.max_ratio == 200, "max ratio");
	is_int(policy->package_limits.max_xml_bytes, 4194304, "max XML bytes");
	is_int(policy->max_xml_depth, 64, "max XML depth");
}

static void test_default_policy(void)
{
	struct policy policy;
	struct error err = { "" };
	char path[PATH_MAX + 32];
	int loaded;

	loaded = policy_load(&policy, source_path("policy/default.xml", path, sizeof(path)),
			     NULL, &err);
	is_int(loaded, 0, "policy/default.xml loads without its schema");
	if (loaded < 0) {
		printf("# %s\n", err.message);
		return;
	}
	is_string(policy.path, path, "the path is kept");
	check_default_society(&policy);
	check_default_examiners(&policy);
	check_default_rules(&policy);
	check_default_interview(&policy);
	check_default_calendar(&policy);
	check_default_cpd_and_intake(&policy);
	policy_release(&policy);
	is_int(policy.field_count, 0, "policy_release empties the policy");
	ok(policy.fields == NULL && policy.calendar.holidays == NULL, "and frees its lists");
	policy_release(&policy);
	ok(1, "policy_release twice is harmless");
}

static void test_example_policy_with_roster(struct schema *schema)
{
	struct policy policy;
	struct error err = { "" };
	char path[PATH_MAX + 32];
	const struct policy_member *member;
	int loaded;

	source_path("tests/data/formats/policy.xml", path, sizeof(path));
	loaded = policy_load(&policy, path, schema, &err);
	is_int(loaded, 0, schema ? "the example policy and roster validate and load"
				 : "the example policy loads with its roster");
	if (loaded < 0) {
		printf("# %s\n", err.message);
		return;
	}
	is_int(policy.has_member_roster, 1, "it names a roster");
	is_int(policy.member_count, 2, "the roster has two members");
	member = policy_find_member(&policy, "M-2015-004471");
	ok(member && strcmp(member->name, "张伟") == 0, "M-2015-004471 is 张伟");
	ok(policy_find_member(&policy, "M-0000-000000") == NULL, "an unknown number is not found");
	is_int(policy.examiner_count, 1, "one examiner");
	is_int(policy.calendar.holiday_count, 7, "seven holidays");
	ok(!calendar_covers(&policy.calendar, day("2025-06-01")), "2025 is not covered");
	policy_release(&policy);
}

/* A minimal policy around `body` (the children after <fields>). */
static const char *policy_text(const char *body)
{
	static char text[8192];

	snprintf(text, sizeof(text),
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<policy xmlns=\"urn:ecap:1\" version=\"1\">\n"
		 "  <society code=\"TEST\" name=\"测试学会\"/>\n"
		 "  <fields><field code=\"electrical\" name=\"电气工程\" "
		 "graduatePracticeCounts=\"false\"/></fields>\n"
		 "%s\n"
		 "</policy>\n", body);
	return text;
}

/* Loads content (written to the work directory as name); expects failure
 * with an error containing expected. */
static void expect_failure(const char *name, const char *content, struct schema *schema,
			   const char *expected, const char *description)
{
	struct policy policy;
	struct error err = { "" };
	const char *path = work_file(name, content);
	int loaded = policy_load(&policy, path, schema, &err);

	is_int(loaded, -1, description);
	if (!ok(strstr(err.message, expected) != NULL, "  and says why"))
		printf("#   message '%s' lacks '%s'\n", err.message, expected);
	is_int(policy.field_count + policy.examiner_count + policy.calendar.holiday_count, 0,
	       "  and leaves the policy empty");
	if (loaded == 0)
		policy_release(&policy);
}

static void test_minimal_policy(void)
{
	struct policy policy;
	struct error err = { "" };
	const char *path;
	int loaded;

	path = work_file("minimal.xml", policy_text(
		"<interview levels=\"senior\" minProjects=\"1\">"
		"<scale level=\"professional\" passTotal=\"50\">"
		"<dimension code=\"knowledge\" max=\"40\"/></scale></interview>"
		"<publicity workingDays=\"0\"/>"
		"<calendar><holiday from=\"2027-01-01\"/></calendar>"));
	loaded = policy_load(&policy, path, NULL, &err);
	is_int(loaded, 0, "a policy with most sections missing loads (no schema)");
	if (loaded < 0) {
		printf("# %s\n", err.message);
		return;
	}
	is_string(policy.society_name_english, "", "absent nameEn is empty");
	is_int(policy.fields[0].graduate_practice_counts, 0,
	       "a field may refuse graduate practice");
	is_int(policy.review_quorum, 2, "quorum defaults to 2");
	is_int(policy.resubmission_working_days, 10, "resubmission defaults to 10");
	is_int(policy.supplement_working_days, 10, "supplement defaults to 10 when absent");
	is_int(policy.publicity_working_days, 0, "publicity 0 disables it");
	is_int(policy.interview_levels[LEVEL_PROFESSIONAL], 0,
	       "levels=\"senior\" drops professional");
	is_int(policy.interview_levels[LEVEL_SENIOR], 1, "and keeps senior");
	is_int(policy.interview_min_projects, 1, "min projects given");
	is_int(policy.interview_max_projects, 3, "max projects defaulted");
	is_int(policy.scales[LEVEL_PROFESSIONAL].maximum[0], 40, "knowledge max overridden");
	is_int(policy.scales[LEVEL_PROFESSIONAL].minimum[0], 0, "knowledge min absent is 0");
	is_int(policy.scales[LEVEL_PROFESSIONAL].maximum[1], 20, "ethics max defaulted");
	is_int(policy.scales[LEVEL_PROFESSIONAL].pass_total, 50, "pass total given");
	is_int(policy.scales[LEVEL_APPRENTICE].maximum[0], 40, "apprentices follow professional");
	is_int(policy.scales[LEVEL_SENIOR].maximum[0], 30, "senior keeps its default");
	is_int(policy.calendar.holiday_count, 1, "a holiday without 'to' is one day");
	ok(calendar_covers(&policy.calendar, day("2027-06-01")), "which covers 2027");
	is_int(policy.examiner_count, 0, "no examiners");
	is_int(policy.minimum_years[LEVEL_SENIOR][DEGREE_BACHELOR], 12, "eligibility defaulted");
	is_int(policy.package_limits.max_entries, 1000, "intake defaulted");
	policy_release(&policy);
}

static void test_broken_files(void)
{
	struct policy policy;
	struct error err = { "" };
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/does-not-exist.xml", work_dir);
	is_int(policy_load(&policy, path, NULL, &err), -1, "a missing file fails");
	ok(strstr(err.message, "does-not-exist.xml") && strstr(err.message, "unable to open"),
	   "  naming the file and the problem");
	printf("#   %s\n", err.message);
	expect_failure("malformed.xml", "<policy xmlns=\"urn:ecap:1\" version=\"1\">\n<society>\n",
		       NULL, "malformed.xml, line", "malformed XML fails");
	expect_failure("empty.xml", "", NULL, "empty.xml", "an empty file fails");
	expect_failure("doctype.xml",
		       "<?xml version=\"1.0\"?>\n<!DOCTYPE policy [<!ENTITY x \"y\">]>\n"
		       "<policy xmlns=\"urn:ecap:1\" version=\"1\"/>\n",
		       NULL, "DOCTYPE", "a DOCTYPE is refused");
	expect_failure("wrong-root.xml", "<members xmlns=\"urn:ecap:1\"/>\n", NULL,
		       "not <policy>", "another document kind is refused");
	expect_failure("no-namespace.xml", "<policy version=\"1\"/>\n", NULL, "not <policy>",
		       "a policy outside the namespace is refused");
	expect_failure("version.xml", "<policy xmlns=\"urn:ecap:1\" version=\"2\"/>\n", NULL,
		       "version \"2\"", "an unknown version is refused");
	expect_failure("no-society.xml", "<policy xmlns=\"urn:ecap:1\" version=\"1\"/>\n", NULL,
		       "no <society>", "a policy without a society is refused");
}

/* expect_failure for a minimal policy around body, without the schema. */
static void expect_body_failure(const char *name, const char *body, const char *expected,
				const char *description)
{
	expect_failure(name, policy_text(body), NULL, expected, description);
}

static void test_broken_values(void)
{
	expect_body_failure("quorum.xml", "<review quorum=\"two\"/>",
			    "quorum=\"two\" of <review> is not a whole number from 1 to 100",
			    "a quorum that is not a number");
	expect_body_failure("quorum-zero.xml", "<review quorum=\"0\"/>",
			    "quorum-zero.xml, line 5: quorum=\"0\"",
			    "a quorum of 0, with its line");
	expect_body_failure("limit.xml", "<intake maxArchiveBytes=\"-5\"/>", "maxArchiveBytes",
			    "a negative byte limit");
	expect_body_failure("share.xml", "<statement minCjkShare=\"1.5\"/>", "minCjkShare",
			    "a share above 1");
	expect_body_failure("chars.xml", "<statement minChars=\"5000\"/>",
			    "minChars (5000) is more than maxChars (4000)",
			    "minChars above maxChars");
	expect_body_failure("bool.xml", "<eligibility graduatePracticeCounts=\"yes\"/>",
			    "neither true nor false", "a boolean that is not one");
	expect_body_failure("level.xml", "<interview levels=\"professional expert\"/>",
			    "\"expert\", not a level", "an unknown interview level");
	expect_body_failure("eligibility.xml",
			    "<eligibility><level code=\"master\" bachelor=\"3\"/></eligibility>",
			    "code=\"master\"", "an eligibility level that is a degree");
	expect_body_failure("projects.xml", "<interview minProjects=\"4\" maxProjects=\"3\"/>",
			    "minProjects (4) is more than maxProjects (3)",
			    "minProjects above maxProjects");
	expect_body_failure("scale-min.xml",
			    "<interview><scale level=\"senior\"><dimension code=\"ethics\" "
			    "max=\"10\" min=\"12\"/></scale></interview>",
			    "ethics minimum (12) is more than its maximum (10)",
			    "a minimum above its maximum");
	expect_body_failure("scale-total.xml",
			    "<interview><scale level=\"senior\" passTotal=\"120\"/></interview>",
			    "passTotal (120) of the senior scale is more than its maximum "
			    "total (100)",
			    "a pass total no one can reach");
	expect_body_failure("scale-dimension.xml",
			    "<interview><scale level=\"senior\"><dimension code=\"charm\" "
			    "max=\"10\"/></scale></interview>", "\"charm\"",
			    "an unknown dimension");
	expect_body_failure("format.xml", "<certificate registrationFormat=\"{society}-1\"/>",
			    "{seq:N}", "a registration format without a sequence");
	expect_body_failure("credit.xml", "<cpd><credit category=\"paper\"/></cpd>",
			    "<credit> has no hours", "a credit without hours");
	expect_body_failure("resubmission.xml", "<resubmission workingDays=\"0\"/>",
			    "workingDays", "a resubmission period of 0 days");
	expect_body_failure("supplement.xml", "<supplement workingDays=\"0\"/>",
			    "workingDays", "a supplement period of 0 days");
	expect_body_failure("long-name.xml",
			    "<examiners><examiner id=\"EX-1\" name=\"王王王王王王王王王王王王王王"
			    "王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王\"/>"
			    "</examiners>", "name of <examiner> is longer than 127 bytes",
			    "a name too long to keep");
}

static void test_broken_calendars(void)
{
	expect_body_failure("holiday-order.xml",
			    "<calendar><holiday from=\"2026-10-07\" to=\"2026-10-01\"/></calendar>",
			    "ends before it begins", "a holiday that ends before it begins");
	expect_body_failure("holiday-long.xml",
			    "<calendar><holiday from=\"2026-10-01\" to=\"2027-10-07\"/></calendar>",
			    "lasts 372 days", "a holiday of a year and a week");
	expect_body_failure("holiday-date.xml",
			    "<calendar><holiday from=\"2026-02-30\"/></calendar>",
			    "from=\"2026-02-30\" of <holiday> is not a date",
			    "a date that does not exist");
	expect_body_failure("holiday-from.xml", "<calendar><holiday to=\"2026-02-03\"/></calendar>",
			    "<holiday> has no from", "a holiday without from");
	expect_body_failure("workday-weekday.xml",
			    "<calendar><workday date=\"2026-10-12\"/></calendar>",
			    "2026-10-12 is not a Saturday or a Sunday",
			    "a weekday listed as a workday");
	expect_body_failure("workday-holiday.xml",
			    "<calendar><holiday from=\"2026-10-01\" to=\"2026-10-11\"/>"
			    "<workday date=\"2026-10-10\"/></calendar>",
			    "2026-10-10 is listed both as a holiday and as a working day",
			    "a day both holiday and workday");
}

static void test_broken_rosters(void)
{
	expect_body_failure("roster-absolute.xml", "<members href=\"/etc/passwd\"/>",
			    "is an absolute path", "an absolute roster path");
	expect_body_failure("roster-parent.xml", "<members href=\"sub/../../x.xml\"/>",
			    "leaves the policy file's directory", "a roster path with ..");
	expect_body_failure("roster-empty.xml", "<members href=\"\"/>", "<members> has no href",
			    "an empty roster path");
	expect_body_failure("roster-missing.xml", "<members href=\"nobody.xml\"/>", "nobody.xml",
			    "a roster file that is not there");
	work_file("roster-bad-root.xml", "<policy xmlns=\"urn:ecap:1\"/>\n");
	expect_body_failure("roster-wrong.xml", "<members href=\"roster-bad-root.xml\"/>",
			    "not <members>", "a roster that is not a roster");
	work_file("roster-no-name.xml",
		  "<members xmlns=\"urn:ecap:1\"><member number=\"M-1\"/></members>\n");
	expect_body_failure("roster-incomplete.xml", "<members href=\"roster-no-name.xml\"/>",
			    "<member> has no name", "a member without a name");
	work_file("roster-twice.xml",
		  "<members xmlns=\"urn:ecap:1\"><member number=\"M-2\" name=\"甲\"/>"
		  "<member number=\"M-1\" name=\"乙\"/><member number=\"M-2\" name=\"丙\"/>"
		  "</members>\n");
	expect_body_failure("roster-twice-policy.xml", "<members href=\"roster-twice.xml\"/>",
			    "member number M-2 appears more than once",
			    "a member number twice, even without the schema");
}

/* A roster of 999 members written in no order: every one is found by its
 * number (the roster is searched by binary search), and no other number is. */
static void test_large_roster(void)
{
	static char roster[999 * 64 + 128];
	struct policy policy;
	struct error err = { "" };
	size_t used;
	int loaded, found = 0, right_name = 0;

	used = (size_t)snprintf(roster, sizeof(roster), "<members xmlns=\"urn:ecap:1\">");
	for (int i = 0; i < 999; i++) {
		int number = (i * 7919) % 999;	/* a permutation of 0..998 */

		used += (size_t)snprintf(roster + used, sizeof(roster) - used,
					 "<member number=\"M-%04d\" name=\"N%d\"/>", number, number);
	}
	snprintf(roster + used, sizeof(roster) - used, "</members>\n");
	work_file("roster-large.xml", roster);
	loaded = policy_load(&policy, work_file("roster-large-policy.xml",
						policy_text("<members href=\"roster-large.xml\"/>")),
			     NULL, &err);
	is_int(loaded, 0, "a roster of 999 members in no order loads");
	if (loaded < 0) {
		printf("# %s\n", err.message);
		return;
	}
	for (int number = 0; number < 999; number++) {
		char wanted[16], name[16];
		const struct policy_member *member;

		snprintf(wanted, sizeof(wanted), "M-%04d", number);
		snprintf(name, sizeof(name), "N%d", number);
		member = policy_find_member(&policy, wanted);
		found += member != NULL;
		right_name += member && strcmp(member->name, name) == 0;
	}
	is_int(found, 999, "every member is found by number");
	is_int(right_name, 999, "each with its own name");
	ok(policy_find_member(&policy, "M-0999") == NULL && policy_find_member(&policy, "M-") == NULL &&
	   policy_find_member(&policy, "") == NULL && policy_find_member(&policy, NULL) == NULL,
	   "numbers not on the roster are not found");
	policy_release(&policy);
}

/* The example policy of formats.md, its roster replaced by `roster`. */
static const char *example_policy_with_roster(const char *roster)
{
	static char text[16384];
	char path[PATH_MAX + 32], *bytes, *href;
	struct error err = { "" };
	size_t size = 0;

	text[0] = '\0';
	bytes = xml_read_file(source_path("tests/data/formats/policy.xml", path, sizeof(path)),
			      sizeof(text) / 2, &size, &err);
	href = bytes ? strstr(bytes, "href=\"members.xml\"") : NULL;
	if (href)
		snprintf(text, sizeof(text), "%.*shref=\"%s\"%s", (int)(href - bytes), bytes,
			 roster, href + strlen("href=\"members.xml\""));
	free(bytes);
	return text;
}

static void test_schema(struct schema *schema)
{
	struct policy policy;
	struct error err = { "" };
	char path[PATH_MAX + 32];
	int loaded;

	loaded = policy_load(&policy, source_path("policy/default.xml", path, sizeof(path)),
			     schema, &err);
	is_int(loaded, 0, "policy/default.xml loads with its schema");
	if (loaded < 0)
		printf("# %s\n", err.message);
	else
		policy_release(&policy);
	test_example_policy_with_roster(schema);
	/* the policy's sections may come in any order (xs:all), so a missing
	 * one is named at the root element, line 2 */
	expect_failure("schema-invalid.xml", policy_text("<review quorum=\"2\"/>"), schema,
		       "is not a valid policy: line 2: Element '{urn:ecap:1}policy': Missing child",
		       "a policy missing required sections fails its schema");
	work_file("roster-unknown.xml",
		  "<members xmlns=\"urn:ecap:1\"><member number=\"M-1\" name=\"甲\"/>"
		  "<member number=\"M-2\" name=\"乙\" rank=\"1\"/></members>\n");
	expect_failure("roster-invalid.xml", example_policy_with_roster("roster-unknown.xml"),
		       schema, "roster-unknown.xml is not a valid member roster: line 1",
		       "a roster that fails members.xsd");
	work_file("roster-duplicate.xml",
		  "<members xmlns=\"urn:ecap:1\"><member number=\"M-1\" name=\"甲\"/>"
		  "<member number=\"M-1\" name=\"乙\"/></members>\n");
	expect_failure("roster-duplicated.xml", example_policy_with_roster("roster-duplicate.xml"),
		       schema, "member number M-1 appears more than once",
		       "a roster with a member number twice, checked with the schema");
	work_file("roster-good.xml", "<members xmlns=\"urn:ecap:1\"><member number=\"M-1\" "
				     "name=\"甲\"/></members>\n");
	loaded = policy_load(&policy, work_file("roster-valid.xml",
						example_policy_with_roster("roster-good.xml")),
			     schema, &err);
	is_int(loaded, 0, "a valid roster beside the policy passes members.xsd");
	if (loaded < 0)
		printf("# %s\n", err.message);
	else
		is_int(policy.member_count, 1, "  and is read");
	if (loaded == 0)
		policy_release(&policy);
}

static int setup(void)
{
	const char *override = getenv("ECAP_SOURCE_DIR");
	char probe[PATH_MAX + 32];
	struct error err = { "" };

	if (!realpath(override ? override : ".", source_dir))
		return -1;
	if (access(source_path("policy/default.xml", probe, sizeof(probe)), R_OK) < 0)
		return -1;
	snprintf(work_dir, sizeof(work_dir), "/tmp/test-policy-XXXXXX");
	if (!mkdtemp(work_dir))
		return -1;
	setenv("ECAP_SHARE_DIR", source_dir, 1);
	if (paths_setup(&err) < 0 || xml_library_setup(paths_share_dir(), &err) < 0) {
		printf("# %s\n", err.message);
		return -1;
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	(void)info;
	(void)type;
	(void)walk;
	return remove(path);
}

static void remove_work_dir(void)
{
	if (nftw(work_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS) < 0)
		printf("# could not remove %s\n", work_dir);
}

/* since 2026-12: contact, signatory, seal, feedback, notices and mail, and
 * the default's placeholders, which every run warns about */
static void test_letters_and_mail(struct schema *schema)
{
	struct policy policy;
	struct error err = { "" };
	char path[PATH_MAX + 32], placeholders[256];
	int loaded;

	loaded = policy_load(&policy, source_path("policy/default.xml", path, sizeof(path)),
			     schema, &err);
	is_int(loaded, 0, "the default policy loads with its contact and mail");
	if (loaded == 0) {
		is_string(policy_placeholders(&policy, placeholders, sizeof(placeholders)),
			  "contact address, contact phone, contact email, contact web, "
			  "signatory name, mail from",
			  "  every value it cannot know is a placeholder");
		is_string(policy.sendmail, "/usr/sbin/sendmail", "  sendmail");
		is_string(policy.feedback.postcode, "100081", "  the federation's postcode");
		is_int(policy.reminder_months, 6, "  reminder months");
		policy_release(&policy);
	}
	loaded = policy_load(&policy, source_path("samples/policy.xml", path, sizeof(path)),
			     schema, &err);
	is_int(loaded, 0, "the sample policy loads");
	if (loaded == 0) {
		is_string(policy_placeholders(&policy, placeholders, sizeof(placeholders)), "",
			  "  and holds no placeholder (a telephone with zeros inside is real)");
		is_string(policy.contact.phone, "010-63415555", "  its telephone");
		is_string(policy.signatory.title, "秘书长", "  its signatory's title");
		policy_release(&policy);
	}
	loaded = policy_load(&policy, work_file("no-mail.xml", policy_text("")), NULL, &err);
	is_int(loaded, 0, "a policy without the 2026-12 elements loads");
	if (loaded == 0) {
		ok(policy.mail_from[0] == '\0' && policy.contact.address[0] == '\0',
		   "  with no sender and no contact");
		is_string(policy_placeholders(&policy, placeholders, sizeof(placeholders)), "",
			  "  and no placeholder warning");
		is_string(policy.notice_number_format, "{society}公示〔{year}〕{seq}号",
			  "  and the default notice number format");
		policy_release(&policy);
	}
	expect_failure("relative-sendmail.xml",
		       policy_text("<mail from=\"a@b.cn\" sendmail=\"sendmail\"/>"), NULL,
		       "sendmail=\"sendmail\" of <mail> is not an absolute path",
		       "a sendmail that is not an absolute path (it runs without a shell)");
	expect_failure("relative-sendmail-schema.xml",
		       policy_text("<mail from=\"a@b.cn\" sendmail=\"sendmail\"/>"), schema,
		       "is not a valid policy", "  the schema refuses it too");
	expect_failure("from-no-address.xml", policy_text("<mail from=\"工程能力评价\"/>"), NULL,
		       "from=\"工程能力评价\" of <mail> is not an e-mail address",
		       "a sender without an address");
	expect_failure("seal-outside.xml", policy_text("<seal href=\"../seal.svg\"/>"), NULL,
		       "seal href \"../seal.svg\" is not a path inside the policy",
		       "a seal outside the policy's directory");
	expect_failure("signatory-empty.xml", policy_text("<signatory name=\" \"/>"), NULL,
		       "<signatory> has no name", "a signatory without a name");
}

int main(void)
{
	struct schema *schema = NULL;
	struct error err = { "" };
	char path[PATH_MAX + 32];

	if (setup() < 0) {
		printf("Bail out! run from the top of the source tree or set ECAP_SOURCE_DIR\n");
		return 1;
	}
	test_names();
	test_default_policy();
	test_example_policy_with_roster(NULL);
	test_minimal_policy();
	test_broken_files();
	test_broken_values();
	test_broken_calendars();
	test_broken_rosters();
	test_large_roster();
	schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), &err);
	ok(schema != NULL, "xsd/policy.xsd compiles");
	if (schema) {
		test_schema(schema);
		test_letters_and_mail(schema);
	} else {
		printf("# %s\n", err.message);
	}
	schema_free(schema);
	xml_library_cleanup();
	remove_work_dir();
	return tap_done();
}
