/* test-experience.c - unit tests for lib/experience.c: which periods count
 * (R1.3), overlaps counted once, clipping to the submission date, and the
 * years threshold.
 */
#include <limits.h>

#include "experience.h"
#include "tap.h"

static day_t day_of(const char *text)
{
	day_t day = 0;

	if (date_parse(text, &day))
		printf("# test setup: cannot parse '%s'\n", text);
	return day;
}

static struct experience_period period(const char *from, const char *to,
				       enum period_during during, int engineering)
{
	struct experience_period result;

	result.from = day_of(from);
	result.to = to ? day_of(to) : -1;
	result.during = during;
	result.engineering = engineering;
	return result;
}

static long counted(const struct experience_period *periods, size_t count,
		    int graduate_practice_counts, const char *submitted)
{
	return experience_counted_days(periods, count, graduate_practice_counts,
				       day_of(submitted));
}

static void test_parse(void)
{
	enum period_during during = DURING_DOCTORATE;

	is_int(period_during_parse("work", &during), 0, "parse work");
	is_int(during, DURING_WORK, "work is DURING_WORK");
	is_int(period_during_parse("undergraduate", &during), 0, "parse undergraduate");
	is_int(during, DURING_UNDERGRADUATE, "undergraduate");
	is_int(period_during_parse("master", &during), 0, "parse master");
	is_int(during, DURING_MASTER, "master");
	is_int(period_during_parse("doctorate", &during), 0, "parse doctorate");
	is_int(during, DURING_DOCTORATE, "doctorate");
	is_int(period_during_parse("Work", &during), -1, "case matters");
	is_int(period_during_parse("", &during), -1, "empty refused");
	is_int(period_during_parse("workx", &during), -1, "trailing junk refused");
	is_int(period_during_parse(NULL, &during), -1, "NULL refused");
	is_int(period_during_parse("work", NULL), -1, "NULL out refused");
}

static void test_which_count(void)
{
	struct experience_period periods[1];

	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 366, "a leap year of work: 366 days");
	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 0);
	is_int(counted(periods, 1, 1, "2026-01-01"), 0, "non-engineering work never counts");
	periods[0] = period("2016-09-01", "2020-06-30", DURING_UNDERGRADUATE, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 0,
	       "undergraduate engineering practice never counts");
	periods[0] = period("2021-01-01", "2021-12-31", DURING_MASTER, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 365,
	       "master's practice counts when the policy allows");
	is_int(counted(periods, 1, 0, "2026-01-01"), 0,
	       "master's practice does not count when it does not");
	periods[0] = period("2021-01-01", "2021-12-31", DURING_DOCTORATE, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 365, "doctoral practice counts when allowed");
	is_int(counted(periods, 1, 0, "2026-01-01"), 0, "doctoral practice not when not");
	periods[0] = period("2021-01-01", "2021-12-31", DURING_MASTER, 0);
	is_int(counted(periods, 1, 1, "2026-01-01"), 0,
	       "non-engineering graduate work never counts");
	periods[0] = period("2021-01-01", "2021-12-31", (enum period_during)42, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 0, "an unknown kind counts nothing");
	periods[0] = period("2021-01-01", "2021-01-01", DURING_WORK, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 1, "a one-day period counts 1");
}

static void test_overlaps(void)
{
	struct experience_period periods[4], copy[4];

	periods[0] = period("2020-04-01", "2020-12-31", DURING_WORK, 1);
	periods[1] = period("2020-01-01", "2020-06-30", DURING_WORK, 1);
	is_int(counted(periods, 2, 1, "2026-01-01"), 366,
	       "two overlapping jobs (given out of order) count once");
	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	periods[1] = period("2020-03-01", "2020-03-31", DURING_WORK, 1);
	periods[2] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	is_int(counted(periods, 3, 1, "2026-01-01"), 366, "nested and repeated periods count once");
	periods[0] = period("2020-01-01", "2020-01-31", DURING_WORK, 1);
	periods[1] = period("2020-02-01", "2020-02-29", DURING_WORK, 1);
	periods[2] = period("2020-06-01", "2020-06-30", DURING_WORK, 1);
	is_int(counted(periods, 3, 1, "2026-01-01"), 31 + 29 + 30,
	       "adjoining and separate periods add up");
	periods[0] = period("2018-09-01", "2021-06-30", DURING_MASTER, 1);
	periods[1] = period("2020-07-01", NULL, DURING_WORK, 1);
	is_int(counted(periods, 2, 1, "2020-12-31"),
	       day_of("2020-12-31") - day_of("2018-09-01") + 1,
	       "master's practice and a job overlapping: once");
	is_int(counted(periods, 2, 0, "2020-12-31"), 184,
	       "without graduate practice only the job counts (07-01..12-31)");
	periods[0] = period("2016-09-01", "2020-06-30", DURING_UNDERGRADUATE, 1);
	periods[1] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	is_int(counted(periods, 2, 1, "2026-01-01"), 366,
	       "an undergraduate period does not add to an overlapping job");
	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 0);
	periods[1] = period("2020-06-01", "2020-06-30", DURING_WORK, 1);
	is_int(counted(periods, 2, 1, "2026-01-01"), 30,
	       "a non-engineering period does not add either");

	periods[0] = period("2020-04-01", "2020-12-31", DURING_WORK, 1);
	periods[1] = period("2020-01-01", "2020-06-30", DURING_MASTER, 1);
	periods[2] = period("2019-01-01", NULL, DURING_WORK, 1);
	periods[3] = period("2015-01-01", "2015-01-31", DURING_UNDERGRADUATE, 1);
	memcpy(copy, periods, sizeof(periods));
	counted(periods, 4, 1, "2026-01-01");
	ok(memcmp(copy, periods, sizeof(periods)) == 0, "the periods are not modified");
}

static void test_clipping(void)
{
	struct experience_period periods[2];

	periods[0] = period("2021-01-01", NULL, DURING_WORK, 1);
	is_int(counted(periods, 1, 1, "2021-01-10"), 10, "open-ended: until submitted");
	is_int(counted(periods, 1, 1, "2021-01-01"), 1, "open-ended, submitted on the first day");
	is_int(counted(periods, 1, 1, "2020-12-31"), 0, "open-ended, submitted before it began");
	periods[0] = period("2021-01-01", "2030-12-31", DURING_WORK, 1);
	is_int(counted(periods, 1, 1, "2021-01-31"), 31, "a period ending later is clipped");
	periods[0] = period("2027-01-01", "2027-12-31", DURING_WORK, 1);
	is_int(counted(periods, 1, 1, "2026-11-02"), 0, "a period after submission counts nothing");
	periods[0] = period("2021-01-10", "2021-01-01", DURING_WORK, 1);
	is_int(counted(periods, 1, 1, "2026-01-01"), 0, "a period ending before it begins: 0");
	is_int(experience_counted_days(NULL, 3, 1, day_of("2026-01-01")), 0, "NULL periods: 0");
	is_int(experience_counted_days(periods, 0, 1, day_of("2026-01-01")), 0, "no periods: 0");

	periods[0].from = LONG_MIN;
	periods[0].to = LONG_MAX;
	periods[0].during = DURING_WORK;
	periods[0].engineering = 1;
	periods[1] = periods[0];
	is_int(experience_counted_days(periods, 2, 1, LONG_MAX), LONG_MAX,
	       "an absurd period saturates instead of overflowing");
	periods[1].from = -5;
	periods[1].to = 5;
	periods[0].to = -10;
	is_int(experience_counted_days(periods, 2, 1, LONG_MAX), LONG_MAX,
	       "absurd separate periods saturate too");
}

static void test_years(void)
{
	struct experience_period periods[2];

	ok(experience_years(1827) > 5.0 && experience_years(1827) < 5.01, "1827 days: 5.00 years");
	ok(experience_years(1826) < 5.0, "1826 days: under 5 years");
	ok(experience_years(3653) > 10.0 && experience_years(3653) < 10.01, "3653 days: 10 years");
	ok(experience_years(0) == 0.0, "0 days: 0 years");
	ok(experience_years(-3) == 0.0, "negative days: 0 years");

	is_int(experience_meets(1827, 5), 1, "5 years need 1827 days: 1827 meets");
	is_int(experience_meets(1826, 5), 0, "1826 does not");
	is_int(experience_meets(1096, 3), 1, "3 years need 1096 days (1095.75)");
	is_int(experience_meets(1095, 3), 0, "1095 does not");
	is_int(experience_meets(2922, 8), 1, "8 years need exactly 2922 days");
	is_int(experience_meets(2921, 8), 0, "2921 does not");
	is_int(experience_meets(731, 2), 1, "2 years need 731 days (730.5)");
	is_int(experience_meets(730, 2), 0, "730 does not");
	is_int(experience_meets(0, 0), 1, "0 years: always met");
	is_int(experience_meets(0, -2), 1, "negative years: always met");
	is_int(experience_meets(LONG_MAX, INT_MAX), 1, "INT_MAX years: no overflow");
	is_int(experience_meets(1000000, INT_MAX), 0, "INT_MAX years not met by a million days");

	/* Graduated 2019-06, working since 2019-07-01: 2019-07-01..2024-06-30 is
	 * 1827 days (two leap days), exactly five years. */
	periods[0] = period("2015-09-01", "2019-06-30", DURING_UNDERGRADUATE, 1);
	periods[1] = period("2019-07-01", NULL, DURING_WORK, 1);
	is_int(counted(periods, 2, 1, "2024-06-30"), 1827, "five years to the day");
	is_int(experience_meets(counted(periods, 2, 1, "2024-06-30"), 5), 1,
	       "meets five years on 2024-06-30");
	is_int(experience_meets(counted(periods, 2, 1, "2024-06-29"), 5), 0,
	       "one day short on 2024-06-29");
}

int main(void)
{
	test_parse();
	test_which_count();
	test_overlaps();
	test_clipping();
	test_years();
	return tap_done();
}
