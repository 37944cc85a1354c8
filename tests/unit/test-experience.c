/* test-experience.c - unit tests for stages/experience.c: which periods count
 * (R1.3), overlaps counted once, clipping to the submission date, whole
 * calendar months (leap years, month ends, leftover days pooled) and the
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
		    int graduate_practice, const char *submitted)
{
	return experience_counted_months(periods, count, graduate_practice, day_of(submitted));
}

/* both kinds of graduate practice allowed */
#define ALL (PRACTICE_MASTER | PRACTICE_DOCTORATE)

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
	is_int(counted(periods, 1, ALL, "2026-01-01"), 12, "a leap year of work: 12 months");
	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 0);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 0, "non-engineering work never counts");
	periods[0] = period("2016-09-01", "2020-06-30", DURING_UNDERGRADUATE, 1);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 0,
	       "undergraduate engineering practice never counts");
	periods[0] = period("2021-01-01", "2021-12-31", DURING_MASTER, 1);
	is_int(counted(periods, 1, PRACTICE_MASTER, "2026-01-01"), 12,
	       "master's practice counts when allowed (policy and a master's degree)");
	is_int(counted(periods, 1, PRACTICE_DOCTORATE, "2026-01-01"), 0,
	       "master's practice does not count with only doctoral practice allowed");
	is_int(counted(periods, 1, 0, "2026-01-01"), 0,
	       "master's practice does not count when not allowed");
	periods[0] = period("2021-01-01", "2021-12-31", DURING_DOCTORATE, 1);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 12, "doctoral practice counts when allowed");
	is_int(counted(periods, 1, PRACTICE_MASTER, "2026-01-01"), 0,
	       "doctoral practice needs the doctorate, not a master's");
	is_int(counted(periods, 1, 0, "2026-01-01"), 0, "doctoral practice not when not");
	periods[0] = period("2021-01-01", "2021-12-31", DURING_MASTER, 0);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 0,
	       "non-engineering graduate work never counts");
	periods[0] = period("2021-01-01", "2021-12-31", (enum period_during)42, 1);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 0, "an unknown kind counts nothing");
	periods[0] = period("2021-01-01", "2021-01-01", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 0, "a one-day period: no whole month");
}

static void test_months(void)
{
	struct experience_period periods[3];

	periods[0] = period("2021-10-13", "2026-10-12", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 60,
	       "2021-10-13..2026-10-12 is exactly 60 months");
	periods[0] = period("2021-10-13", "2026-10-11", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 59, "a day less: 59 months");
	periods[0] = period("2019-07-01", "2024-06-30", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 60,
	       "2019-07-01..2024-06-30 (two leap days): 60 months");
	periods[0] = period("2021-07-01", "2026-06-30", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 60,
	       "2021-07-01..2026-06-30 (one leap day): 60 months too");
	periods[0] = period("2020-02-29", "2021-02-27", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 12,
	       "from a leap day to the day before 02-28 of the next year: 12 months");
	periods[0] = period("2020-03-01", "2021-02-28", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 12, "03-01..02-28: 12 months");
	periods[0] = period("2021-01-31", "2021-02-27", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 1,
	       "a month end: 01-31 to the day before 02-28 is one month (01-31 -> 02-28)");
	periods[0] = period("2021-01-31", "2021-02-26", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 0, "01-31..02-26: 27 days, no month");
	periods[0] = period("2021-01-31", "2021-03-30", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 2, "01-31..03-30: two months");
	periods[0] = period("2021-01-31", "2021-03-29", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 2,
	       "01-31..03-29: one month (to 02-28) and 30 days, one more");
	periods[0] = period("2021-01-31", "2021-03-28", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-24"), 1,
	       "01-31..03-28: one month and 29 days");

	/* leftover days pool across stretches: 20 + 20 days is one month */
	periods[0] = period("2021-01-01", "2021-01-20", DURING_WORK, 1);
	periods[1] = period("2021-03-01", "2021-03-20", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-11-24"), 1, "20 + 20 leftover days: one month");
	periods[1] = period("2021-03-01", "2021-03-10", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-11-24"), 1, "20 + 10 days: one month");
	periods[1] = period("2021-03-01", "2021-03-09", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-11-24"), 0, "20 + 9 days: none");

	/* adjoining periods are one stretch */
	periods[0] = period("2021-01-15", "2021-02-10", DURING_WORK, 1);
	periods[1] = period("2021-02-11", "2021-03-14", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-11-24"), 2,
	       "adjoining periods 01-15..03-14 are one stretch: 2 months");
	periods[0] = period("2021-01-01", "2021-01-31", DURING_WORK, 1);
	periods[1] = period("2021-02-01", "2021-02-28", DURING_WORK, 1);
	periods[2] = period("2021-03-01", "2021-03-31", DURING_WORK, 1);
	is_int(counted(periods, 3, ALL, "2026-11-24"), 3, "three adjoining months: 3");

	is_int(experience_meets(60, 5), 1, "60 months make 5 years");
	is_int(experience_meets(59, 5), 0, "59 do not");
	is_int(experience_meets(0, 0), 1, "0 years: always met");
	is_int(experience_meets(0, -2), 1, "negative years: always met");
	is_int(experience_meets(LONG_MAX, INT_MAX), 1, "INT_MAX years: no overflow");
	is_int(experience_meets(1000000, INT_MAX), 0, "INT_MAX years not met by a million months");
}

static void test_overlaps(void)
{
	struct experience_period periods[4], copy[4];

	periods[0] = period("2020-04-01", "2020-12-31", DURING_WORK, 1);
	periods[1] = period("2020-01-01", "2020-06-30", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-01-01"), 12,
	       "two overlapping jobs (given out of order) count once");
	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	periods[1] = period("2020-03-01", "2020-03-31", DURING_WORK, 1);
	periods[2] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	is_int(counted(periods, 3, ALL, "2026-01-01"), 12, "nested and repeated periods count once");
	periods[0] = period("2020-01-01", "2020-01-31", DURING_WORK, 1);
	periods[1] = period("2020-02-01", "2020-02-29", DURING_WORK, 1);
	periods[2] = period("2020-06-01", "2020-06-30", DURING_WORK, 1);
	is_int(counted(periods, 3, ALL, "2026-01-01"), 2 + 1,
	       "adjoining and separate periods add up");
	periods[0] = period("2018-09-01", "2021-06-30", DURING_MASTER, 1);
	periods[1] = period("2020-07-01", NULL, DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2020-12-31"), 28,
	       "master's practice and a job overlapping: once (2018-09..2020-12)");
	is_int(counted(periods, 2, 0, "2020-12-31"), 6,
	       "without graduate practice only the job counts (07-01..12-31)");
	periods[0] = period("2016-09-01", "2020-06-30", DURING_UNDERGRADUATE, 1);
	periods[1] = period("2020-01-01", "2020-12-31", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-01-01"), 12,
	       "an undergraduate period does not add to an overlapping job");
	periods[0] = period("2020-01-01", "2020-12-31", DURING_WORK, 0);
	periods[1] = period("2020-06-01", "2020-06-30", DURING_WORK, 1);
	is_int(counted(periods, 2, ALL, "2026-01-01"), 1,
	       "a non-engineering period does not add either");

	periods[0] = period("2020-04-01", "2020-12-31", DURING_WORK, 1);
	periods[1] = period("2020-01-01", "2020-06-30", DURING_MASTER, 1);
	periods[2] = period("2019-01-01", NULL, DURING_WORK, 1);
	periods[3] = period("2015-01-01", "2015-01-31", DURING_UNDERGRADUATE, 1);
	memcpy(copy, periods, sizeof(periods));
	counted(periods, 4, ALL, "2026-01-01");
	ok(memcmp(copy, periods, sizeof(periods)) == 0, "the periods are not modified");
}

static void test_clipping(void)
{
	struct experience_period periods[2];

	periods[0] = period("2021-01-01", NULL, DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2021-01-31"), 1, "open-ended: until submitted");
	is_int(counted(periods, 1, ALL, "2021-01-30"), 1, "30 days are a month too");
	is_int(counted(periods, 1, ALL, "2021-01-29"), 0, "29 days are not");
	is_int(counted(periods, 1, ALL, "2020-12-31"), 0, "open-ended, submitted before it began");
	periods[0] = period("2021-01-01", "2030-12-31", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2021-03-31"), 3, "a period ending later is clipped");
	periods[0] = period("2027-01-01", "2027-12-31", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-11-02"), 0, "a period after submission counts nothing");
	periods[0] = period("2021-01-10", "2021-01-01", DURING_WORK, 1);
	is_int(counted(periods, 1, ALL, "2026-01-01"), 0, "a period ending before it begins: 0");
	is_int(experience_counted_months(NULL, 3, ALL, day_of("2026-01-01")), 0, "NULL periods: 0");
	is_int(experience_counted_months(periods, 0, ALL, day_of("2026-01-01")), 0, "no periods: 0");

	periods[0].from = LONG_MIN;
	periods[0].to = LONG_MAX;
	periods[0].during = DURING_WORK;
	periods[0].engineering = 1;
	periods[1] = periods[0];
	ok(experience_counted_months(periods, 2, ALL, LONG_MAX) > 0,
	   "an absurd period neither overflows nor goes negative");
	periods[1].from = -5;
	periods[1].to = 5;
	periods[0].to = -10;
	ok(experience_counted_months(periods, 2, ALL, LONG_MAX) > 0,
	   "absurd separate periods neither");
}

static void test_format(void)
{
	char text[64];

	experience_format(59, text, sizeof(text));
	is_string(text, "4 年 11 个月", "59 months: 4 年 11 个月");
	experience_format(60, text, sizeof(text));
	is_string(text, "5 年", "60 months: 5 年");
	experience_format(11, text, sizeof(text));
	is_string(text, "11 个月", "11 months: 11 个月");
	experience_format(0, text, sizeof(text));
	is_string(text, "0 个月", "none: 0 个月");
	experience_format(-4, text, sizeof(text));
	is_string(text, "0 个月", "negative: 0 个月");

	/* Graduated 2019-06, working since 2019-07-01: five years on
	 * 2024-06-30, whatever the leap days; one day short the day before. */
	{
		struct experience_period periods[2];

		periods[0] = period("2015-09-01", "2019-06-30", DURING_UNDERGRADUATE, 1);
		periods[1] = period("2019-07-01", NULL, DURING_WORK, 1);
		is_int(experience_meets(counted(periods, 2, ALL, "2024-06-30"), 5), 1,
		       "meets five years on 2024-06-30");
		is_int(experience_meets(counted(periods, 2, ALL, "2024-06-29"), 5), 0,
		       "one day short on 2024-06-29");
		experience_format(counted(periods, 2, ALL, "2024-06-29"), text, sizeof(text));
		is_string(text, "4 年 11 个月", "and that is 4 年 11 个月");
	}
}

int main(void)
{
	test_parse();
	test_which_count();
	test_overlaps();
	test_months();
	test_clipping();
	test_format();
	return tap_done();
}
