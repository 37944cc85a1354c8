/* test-cpd.c - unit tests for stages/cpd.c (R8): the years of a certificate's
 * validity and their boundaries, credit hours from minutes and from the
 * policy's table, which activities count, exemptions, and the count of years
 * not met. Most tests use a policy built by hand; one loads
 * policy/default.xml to check the default credit table.
 *
 * Run from the top of the source tree (or set ECAP_SOURCE_DIR to it).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpd.h"
#include "policy.h"
#include "tap.h"
#include "xml.h"

#define VALIDITY 5
#define NO_DURATION -1

static struct policy_credit default_credits[] = {
	{ "standard", 20 },
	{ "research", 20 },
	{ "paper", 10 },
};

/* The CPD part of the default policy, by hand: 50 hours a year, 45 minutes
 * an hour, the default credit table. */
static void hand_policy(struct policy *policy)
{
	memset(policy, 0, sizeof(*policy));
	policy->validity_years = VALIDITY;
	policy->cpd_hours_per_year = 50;
	policy->cpd_minutes_per_hour = 45;
	policy->credits = default_credits;
	policy->credit_count = sizeof(default_credits) / sizeof(default_credits[0]);
}

static day_t day(const char *text)
{
	day_t value = -1;

	if (date_parse(text, &value) < 0)
		printf("# bad date in test: %s\n", text);
	return value;
}

static const char *text_of(day_t value)
{
	static char text[4][11];
	static int next;

	next = (next + 1) % 4;
	date_format(value, text[next]);
	return text[next];
}

static struct cpd_activity activity(const char *date, int minutes, const char *category)
{
	struct cpd_activity result;

	memset(&result, 0, sizeof(result));
	result.date = day(date);
	result.minutes = minutes;
	snprintf(result.category, sizeof(result.category), "%s", category);
	return result;
}

/* The hours one activity gives in a certificate issued 2021-12-02, whose
 * first year is 2021-12-02 .. 2022-12-01. */
static int hours_of(const struct policy *policy, int minutes, const char *category)
{
	struct cpd_activity one = activity("2022-03-15", minutes, category);
	struct cpd_year years[VALIDITY];

	cpd_evaluate(&one, 1, NULL, 0, day("2021-12-02"), day("2026-11-20"), policy, years,
		     VALIDITY);
	return years[0].hours;
}

static void test_years(const struct policy *policy)
{
	struct cpd_year years[VALIDITY];
	int unmet;

	memset(years, 0, sizeof(years));
	unmet = cpd_evaluate(NULL, 0, NULL, 0, day("2021-12-02"), day("2026-11-20"), policy,
			     years, VALIDITY);
	is_int(unmet, 5, "no activity: all five years unmet");
	for (int i = 0; i < VALIDITY; i++) {
		is_int(years[i].year, i + 1, "years are numbered from 1");
		is_int(years[i].hours, 0, "no activity: no hours");
		is_int(years[i].met, 0, "no activity: year not met");
		is_int(years[i].exempted, 0, "no exemption given");
	}
	is_string(text_of(years[0].from), "2021-12-02", "year 1 begins on the issue date");
	is_string(text_of(years[0].to), "2022-12-01", "year 1 ends the day before the anniversary");
	is_string(text_of(years[1].from), "2022-12-02", "year 2 begins on the first anniversary");
	is_string(text_of(years[4].from), "2025-12-02", "year 5 begins on the fourth anniversary");
	is_string(text_of(years[4].to), "2026-12-01",
		  "year 5 ends the day before the fifth anniversary (the expiry)");
	for (int i = 1; i < VALIDITY; i++)
		is_int(years[i].from, years[i - 1].to + 1, "years follow one another without a gap");
}

static void test_leap_day_issue(const struct policy *policy)
{
	struct cpd_year years[VALIDITY];
	struct cpd_activity activities[] = {
		activity("2025-02-27", 50 * 45, "training"),	/* last day of year 1 */
		activity("2025-02-28", 50 * 45, "training"),	/* first day of year 2 */
		activity("2028-02-28", 50 * 45, "training"),	/* last day of year 4 */
		activity("2028-02-29", 50 * 45, "training"),	/* first day of year 5 */
	};
	int unmet;

	unmet = cpd_evaluate(activities, 4, NULL, 0, day("2024-02-29"), day("2029-01-31"),
			     policy, years, VALIDITY);
	is_string(text_of(years[0].from), "2024-02-29", "issued 02-29: year 1 begins that day");
	is_string(text_of(years[0].to), "2025-02-27",
		  "issued 02-29: year 1 ends the day before 2025-02-28");
	is_string(text_of(years[1].from), "2025-02-28",
		  "issued 02-29: the anniversary in a common year is 02-28");
	is_string(text_of(years[3].to), "2028-02-28", "year 4 ends on 2028-02-28");
	is_string(text_of(years[4].from), "2028-02-29", "year 5 begins on the leap day 2028-02-29");
	is_string(text_of(years[4].to), "2029-02-27", "year 5 ends on 2029-02-27");
	is_int(years[0].hours, 50, "an activity on 2025-02-27 is in year 1");
	is_int(years[1].hours, 50, "an activity on 2025-02-28 is in year 2");
	is_int(years[2].hours, 0, "year 3 has nothing");
	is_int(years[3].hours, 50, "an activity on 2028-02-28 is in year 4");
	is_int(years[4].hours, 50, "an activity on 2028-02-29 is in year 5");
	is_int(unmet, 1, "only year 3 is unmet");
}

static void test_boundaries(const struct policy *policy)
{
	struct cpd_year years[VALIDITY];
	struct cpd_activity activities[] = {
		activity("2022-12-01", 90, "training"),		/* day before 1st anniversary */
		activity("2022-12-02", 450, "training"),	/* the 1st anniversary */
		activity("2021-12-02", 45, "training"),		/* the issue date */
		activity("2021-12-01", 45 * 100, "training"),	/* before issue */
		activity("2026-12-01", 45, "training"),		/* expiry, last day of year 5 */
		activity("2026-12-02", 45 * 100, "training"),	/* after the last year */
	};

	cpd_evaluate(activities, 6, NULL, 0, day("2021-12-02"), day("2027-01-10"), policy,
		     years, VALIDITY);
	is_int(years[0].hours, 2 + 1, "the day before the anniversary and the issue day: year 1");
	is_int(years[1].hours, 10, "the anniversary day belongs to the next year");
	is_int(years[4].hours, 1, "the expiry day is in year 5");
	is_int(years[0].hours + years[1].hours + years[2].hours + years[3].hours + years[4].hours,
	       14, "activities before the issue or after the last year count nowhere");
}

static void test_minutes(const struct policy *policy)
{
	struct policy other = *policy;

	is_int(hours_of(policy, 100, "training"), 2, "100 minutes at 45 an hour: 2 hours");
	is_int(hours_of(policy, 40, "training"), 0, "40 minutes: no hour");
	is_int(hours_of(policy, 44, "training"), 0, "44 minutes: no hour");
	is_int(hours_of(policy, 45, "training"), 1, "45 minutes: 1 hour");
	is_int(hours_of(policy, 89, "training"), 1, "89 minutes: 1 hour");
	is_int(hours_of(policy, 90, "training"), 2, "90 minutes: 2 hours");
	is_int(hours_of(policy, 0, "training"), 0, "0 minutes: no hour");
	is_int(hours_of(policy, 60, "standard"), 1,
	       "a duration wins over the credit table (60 minutes of standard work: 1 hour)");
	other.cpd_minutes_per_hour = 60;
	is_int(hours_of(&other, 100, "training"), 1, "the policy's minutes per hour are used");
	other.cpd_minutes_per_hour = 0;
	is_int(hours_of(&other, 100, "training"), 0, "a policy of 0 minutes an hour credits none");
}

/* Each activity's hours are floored on their own, not the year's total. */
static void test_minutes_not_pooled(const struct policy *policy)
{
	struct cpd_year years[VALIDITY];
	struct cpd_activity activities[] = {
		activity("2022-01-10", 40, "training"),
		activity("2022-02-10", 40, "training"),
	};

	cpd_evaluate(activities, 2, NULL, 0, day("2021-12-02"), day("2026-11-20"), policy, years,
		     VALIDITY);
	is_int(years[0].hours, 0, "two activities of 40 minutes give no hour, not 1");
}

static void test_credit_table(const struct policy *policy, const char *which)
{
	char name[160];

	snprintf(name, sizeof(name), "%s: standard without a duration credits 20", which);
	is_int(hours_of(policy, NO_DURATION, "standard"), 20, name);
	snprintf(name, sizeof(name), "%s: research without a duration credits 20", which);
	is_int(hours_of(policy, NO_DURATION, "research"), 20, name);
	snprintf(name, sizeof(name), "%s: paper without a duration credits 10", which);
	is_int(hours_of(policy, NO_DURATION, "paper"), 10, name);
	snprintf(name, sizeof(name), "%s: an unknown category without a duration credits 0",
		 which);
	is_int(hours_of(policy, NO_DURATION, "patent"), 0, name);
	snprintf(name, sizeof(name), "%s: categories are case-sensitive", which);
	is_int(hours_of(policy, NO_DURATION, "Paper"), 0, name);
}

static void test_submission_date(const struct policy *policy)
{
	struct cpd_year years[VALIDITY];
	struct cpd_activity activities[] = {
		activity("2026-05-30", 45 * 30, "training"),	/* the submission day */
		activity("2026-05-31", 45 * 30, "training"),	/* the day after */
		activity("2026-09-01", NO_DURATION, "paper"),	/* later still */
	};

	cpd_evaluate(activities, 3, NULL, 0, day("2021-12-02"), day("2026-05-30"), policy, years,
		     VALIDITY);
	is_int(years[4].hours, 30,
	       "an activity on the submission date counts; one after it does not");
}

static void test_exemptions(const struct policy *policy)
{
	struct cpd_year years[VALIDITY + 5];	/* room to see nothing is written past the end */
	struct cpd_activity activities[] = {
		activity("2022-06-01", 45 * 50, "training"),	/* year 1: 50 */
		activity("2023-06-01", 45 * 49, "training"),	/* year 2: 49 */
		activity("2024-06-01", 45 * 60, "training"),	/* year 3: 60 */
		activity("2025-01-10", NO_DURATION, "standard"),	/* year 4: 20 ... */
		activity("2025-03-10", NO_DURATION, "research"),	/* ... + 20 */
		activity("2025-05-10", NO_DURATION, "paper"),		/* ... + 10 = 50 */
	};
	int exempted[] = { 5, 0, 6, 9, -1 };	/* out-of-range numbers are ignored */
	int untouched = 1;
	int unmet;

	memset(years, 0, sizeof(years));
	unmet = cpd_evaluate(activities, 6, exempted, 5, day("2021-12-02"), day("2026-11-20"),
			     policy, years, VALIDITY);
	is_int(years[0].met, 1, "year 1: exactly 50 hours is met");
	is_int(years[1].hours, 49, "year 2: 49 hours");
	is_int(years[1].met, 0, "year 2: 49 hours is not met");
	is_int(years[1].exempted, 0, "year 2 is not exempted");
	is_int(years[2].met, 1, "year 3: 60 hours is met");
	is_int(years[3].hours, 50, "year 4: the credit table adds up to 50");
	is_int(years[3].met, 1, "year 4 is met");
	is_int(years[4].hours, 0, "year 5: no hours");
	is_int(years[4].exempted, 1, "year 5 is exempted");
	is_int(years[4].met, 1, "an exempted year with no hours is met");
	is_int(unmet, 1, "one year unmet (year 2)");
	for (int i = VALIDITY; i < VALIDITY + 5; i++)
		if (years[i].year || years[i].exempted || years[i].hours || years[i].met)
			untouched = 0;
	ok(untouched, "exemptions of years 6 and 9 write nothing past the validity");
}

static void test_unmet_count(const struct policy *policy)
{
	struct cpd_year years[VALIDITY];
	struct cpd_activity activities[] = {
		activity("2022-06-01", 45 * 10, "training"),
		activity("2024-06-01", 45 * 50, "training"),
	};
	int exempted[] = { 4 };
	int unmet;

	unmet = cpd_evaluate(activities, 2, exempted, 1, day("2021-12-02"), day("2026-11-20"),
			     policy, years, VALIDITY);
	is_int(unmet, 3, "years 1, 2 and 5 unmet: 3");
	is_int(years[0].met + years[1].met + years[4].met, 0, "and those are the ones not met");
	is_int(years[2].met + years[3].met, 2, "years 3 and 4 met");

	unmet = cpd_evaluate(activities, 2, exempted, 1, day("2021-12-02"), day("2026-11-20"),
			     policy, years, 3);
	is_int(unmet, 2, "a validity of 3 years: years 1 and 2 unmet");
	is_string(text_of(years[2].to), "2024-12-01", "year 3 ends on 2024-12-01");

	unmet = cpd_evaluate(activities, 2, NULL, 0, day("2021-12-02"), day("2026-11-20"), policy,
			     years, 0);
	is_int(unmet, 0, "no years: nothing unmet");
}

/* policy/default.xml, loaded as the pipeline loads it (without its schema),
 * has the credit table the hand-built policy copies. */
static void test_default_policy(void)
{
	const char *override = getenv("ECAP_SOURCE_DIR");
	char source_dir[PATH_MAX];
	char path[PATH_MAX + 32];
	struct policy policy;
	struct error err = { "" };

	memset(&policy, 0, sizeof(policy));
	if (!realpath(override ? override : ".", source_dir)) {
		ok(0, "the source tree is found (run from its top or set ECAP_SOURCE_DIR)");
		return;
	}
	snprintf(path, sizeof(path), "%s/policy/default.xml", source_dir);
	if (xml_library_setup(source_dir, &err) < 0 || policy_load(&policy, path, NULL, &err) < 0) {
		ok(0, "policy/default.xml loads");
		printf("# %s\n", err.message);
		return;
	}
	ok(1, "policy/default.xml loads");
	is_int(policy.cpd_hours_per_year, 50, "default: 50 hours a year");
	is_int(policy.cpd_minutes_per_hour, 45, "default: 45 minutes an hour");
	test_credit_table(&policy, "default policy");
	is_int(hours_of(&policy, 100, "training"), 2, "default policy: 100 minutes give 2 hours");
	policy_release(&policy);
	xml_library_cleanup();
}

int main(void)
{
	struct policy policy;

	hand_policy(&policy);
	test_years(&policy);
	test_leap_day_issue(&policy);
	test_boundaries(&policy);
	test_minutes(&policy);
	test_minutes_not_pooled(&policy);
	test_credit_table(&policy, "hand-built policy");
	test_submission_date(&policy);
	test_exemptions(&policy);
	test_unmet_count(&policy);
	test_default_policy();
	return tap_done();
}
