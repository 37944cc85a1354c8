/* test-calendar.c - unit tests for lib/calendar.c: date parsing and
 * arithmetic, and working days over the official 2025 and 2026 calendars
 * (formats.md §3).
 */
#include <limits.h>

#include "calendar.h"
#include "tap.h"

/* The State Council calendars, as the default policy holds them. */
static const char *const official_holidays[][2] = {
	{ "2025-01-01", "2025-01-01" },
	{ "2025-01-28", "2025-02-04" },
	{ "2025-04-04", "2025-04-06" },
	{ "2025-05-01", "2025-05-05" },
	{ "2025-05-31", "2025-06-02" },
	{ "2025-10-01", "2025-10-08" },
	{ "2026-01-01", "2026-01-03" },
	{ "2026-02-15", "2026-02-23" },
	{ "2026-04-04", "2026-04-06" },
	{ "2026-05-01", "2026-05-05" },
	{ "2026-06-19", "2026-06-21" },
	{ "2026-09-25", "2026-09-27" },
	{ "2026-10-01", "2026-10-07" },
};

static const char *const official_workdays[] = {
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};

static day_t day_of(const char *text)
{
	day_t day = 0;

	if (date_parse(text, &day))
		printf("# test setup: cannot parse '%s'\n", text);
	return day;
}

static int load_official(struct calendar *calendar)
{
	size_t i;

	for (i = 0; i < sizeof(official_holidays) / sizeof(official_holidays[0]); i++)
		if (calendar_add_holidays(calendar, day_of(official_holidays[i][0]),
					  day_of(official_holidays[i][1])))
			return -1;
	for (i = 0; i < sizeof(official_workdays) / sizeof(official_workdays[0]); i++)
		if (calendar_add_workday(calendar, day_of(official_workdays[i])))
			return -1;
	calendar_finish(calendar);
	return 0;
}

/* The nth working day after `start` as text, for readable comparisons. */
static const char *deadline(const struct calendar *calendar, const char *start, int n)
{
	static char text[11];

	date_format(calendar_add_working_days(calendar, day_of(start), n), text);
	return text;
}

static int parses(const char *text)
{
	day_t day;

	return date_parse(text, &day) == 0;
}

static const char *formatted(day_t day)
{
	static char text[11];

	date_format(day, text);
	return text;
}

static void test_date_parse(void)
{
	day_t day = -12345;

	is_int(date_parse("1970-01-01", &day), 0, "parse the epoch");
	is_int(day, 0, "the epoch is day 0");
	date_parse("2000-01-01", &day);
	is_int(day, 10957, "2000-01-01 is day 10957");
	date_parse("1969-12-31", &day);
	is_int(day, -1, "the day before the epoch is -1");
	ok(parses("2024-02-29"), "2024-02-29 exists (leap year)");
	ok(parses("2000-02-29"), "2000-02-29 exists (divisible by 400)");
	ok(!parses("1900-02-29"), "1900-02-29 refused (not a leap year)");
	ok(!parses("2026-02-29"), "2026-02-29 refused");
	ok(!parses("2026-02-30"), "2026-02-30 refused");
	ok(!parses("2026-04-31"), "2026-04-31 refused");
	ok(!parses("2026-13-01"), "month 13 refused");
	ok(!parses("2026-00-10"), "month 0 refused");
	ok(!parses("2026-01-00"), "day 0 refused");
	ok(!parses("2026-01-32"), "day 32 refused");
	ok(!parses("2026-1-5"), "unpadded 2026-1-5 refused");
	ok(!parses("2026-01-05x"), "trailing junk refused");
	ok(!parses("2026-01-05 "), "trailing space refused");
	ok(!parses(" 2026-01-05"), "leading space refused");
	ok(!parses("2026/01/05"), "slashes refused");
	ok(!parses("2026-01-+5"), "a sign refused");
	ok(!parses("20260105"), "no separators refused");
	ok(!parses(""), "empty refused");
	ok(!parses("2026-01"), "truncated refused");
	ok(!parses("1899-12-31"), "before 1900 refused");
	ok(parses("9999-12-31"), "9999-12-31 accepted");
	ok(date_parse(NULL, &day) == -1, "NULL text refused");
	ok(date_parse("2026-01-05", NULL) == -1, "NULL out refused");
	day = 77;
	date_parse("2026-02-30", &day);
	is_int(day, 77, "a refused date leaves *out alone");
}

static void test_date_parse_datetime(void)
{
	day_t day = 0;

	is_int(date_parse_datetime("2026-10-12T09:30:00+08:00", &day), 0,
	       "parse a date-time");
	is_string(formatted(day), "2026-10-12", "its local date");
	is_int(date_parse_datetime("2026-10-12T23:59:59-10:00", &day), 0,
	       "parse a late date-time with a negative offset");
	is_string(formatted(day), "2026-10-12", "the date as written, not UTC");
	is_int(date_parse_datetime("2026-10-12", &day), 0, "a bare date is fine");
	ok(date_parse_datetime("2026-10-12 09:30", &day) == -1, "a space instead of T refused");
	ok(date_parse_datetime("2026-02-30T00:00:00Z", &day) == -1, "bad date refused");
	ok(date_parse_datetime("2026-10", &day) == -1, "too short refused");
	ok(date_parse_datetime("", &day) == -1, "empty refused");
	ok(date_parse_datetime(NULL, &day) == -1, "NULL refused");
}

static void test_format_weekday_year(void)
{
	is_string(formatted(day_of("2026-11-02")), "2026-11-02", "format round trip");
	is_string(formatted(-1), "1969-12-31", "format day -1");
	is_string(formatted(LONG_MAX), "9999-12-31", "format saturates high");
	is_string(formatted(LONG_MIN), "0001-01-01", "format saturates low, padded");
	is_int(date_weekday(0), 4, "1970-01-01 was a Thursday");
	is_int(date_weekday(-1), 3, "1969-12-31 was a Wednesday");
	is_int(date_weekday(-4), 0, "1969-12-28 was a Sunday");
	is_int(date_weekday(day_of("2026-11-02")), 1, "2026-11-02 is a Monday");
	is_int(date_weekday(day_of("2026-10-10")), 6, "2026-10-10 is a Saturday");
	is_int(date_weekday(day_of("2026-02-15")), 0, "2026-02-15 is a Sunday");
	is_int(date_weekday(LONG_MIN), date_weekday(LONG_MIN), "weekday of LONG_MIN is defined");
	ok(date_weekday(LONG_MIN) >= 0 && date_weekday(LONG_MIN) <= 6, "weekday of LONG_MIN in 0..6");
	is_int(date_year(day_of("2026-12-31")), 2026, "year of 2026-12-31");
	is_int(date_year(day_of("2027-01-01")), 2027, "year of 2027-01-01");
	is_int(date_year(-1), 1969, "year of day -1");
	ok(date_year(date_today()) >= 2024, "today is not in the past century");
}

static void test_add_months_years(void)
{
	is_string(formatted(date_add_years(day_of("2024-02-29"), 1)), "2025-02-28",
		  "02-29 plus a year is 02-28");
	is_string(formatted(date_add_years(day_of("2024-02-29"), 4)), "2028-02-29",
		  "02-29 plus four years stays 02-29");
	is_string(formatted(date_add_years(day_of("2024-02-29"), -1)), "2023-02-28",
		  "02-29 minus a year is 02-28");
	is_string(formatted(date_add_years(day_of("2026-11-16"), 5)), "2031-11-16",
		  "plus five years (certificate validity)");
	is_string(formatted(date_add_years(day_of("2026-11-16"), 0)), "2026-11-16",
		  "plus zero years");
	is_string(formatted(date_add_months(day_of("2026-11-30"), 3)), "2027-02-28",
		  "across the year end, clipped to February's end");
	is_string(formatted(date_add_months(day_of("2026-12-15"), 1)), "2027-01-15",
		  "December plus one month");
	is_string(formatted(date_add_months(day_of("2026-01-15"), -1)), "2025-12-15",
		  "January minus one month");
	is_string(formatted(date_add_months(day_of("2026-06-30"), -6)), "2025-12-30",
		  "minus six months across the year end");
	is_string(formatted(date_add_months(day_of("2026-03-31"), -13)), "2025-02-28",
		  "minus thirteen months, clipped");
	is_string(formatted(date_add_months(day_of("2024-01-31"), 1)), "2024-02-29",
		  "January 31 plus a month in a leap year");
	is_string(formatted(date_add_months(day_of("2026-05-31"), 6)), "2026-11-30",
		  "May 31 plus six months is November 30");
	is_string(formatted(date_add_months(day_of("2026-05-31"), 24)), "2028-05-31",
		  "plus 24 months");
	is_string(formatted(date_add_months(day_of("2026-05-31"), INT_MAX)), "9999-12-31",
		  "INT_MAX months saturates");
	is_string(formatted(date_add_months(day_of("2026-05-31"), INT_MIN)), "0001-01-31",
		  "INT_MIN months saturates");
	is_string(formatted(date_add_years(day_of("2026-05-31"), INT_MAX)), "9999-12-31",
		  "INT_MAX years saturates");
}

static void test_official_calendar(const struct calendar *calendar)
{
	/* process.md R2 */
	is_string(deadline(calendar, "2026-11-02", 10), "2026-11-16",
		  "notice Monday 2026-11-02, 10 working days: 2026-11-16");
	/* R6b */
	is_string(deadline(calendar, "2026-11-10", 5), "2026-11-17",
		  "publicity begun Tuesday 2026-11-10, 5 working days: 2026-11-17");
	/* 09-29, 09-30, (10-01..10-07 off), 10-08, 10-09, 10-10 (adjusted
	 * Saturday), (10-11 Sunday), 10-12 .. 10-16. */
	is_string(deadline(calendar, "2026-09-28", 10), "2026-10-16",
		  "across National Day 2026, counting the adjusted Saturday 10-10");
	is_string(deadline(calendar, "2026-09-28", 5), "2026-10-10",
		  "the adjusted Saturday 2026-10-10 can be the deadline");
	is_string(deadline(calendar, "2026-09-24", 1), "2026-09-28",
		  "Mid-Autumn 09-25..09-27 skipped");
	is_string(deadline(calendar, "2026-09-18", 1), "2026-09-20",
		  "the adjusted Sunday 2026-09-20 counts");
	/* Spring Festival: 02-14 (Saturday) worked, 02-15..02-23 off, 02-28
	 * (Saturday) worked. */
	is_string(deadline(calendar, "2026-02-13", 1), "2026-02-14",
		  "Spring Festival 2026: adjusted Saturday 02-14 first");
	is_string(deadline(calendar, "2026-02-13", 2), "2026-02-24",
		  "Spring Festival 2026: then nothing until Tuesday 02-24");
	is_string(deadline(calendar, "2026-02-13", 6), "2026-02-28",
		  "Spring Festival 2026: adjusted Saturday 02-28");
	is_string(deadline(calendar, "2026-02-13", 7), "2026-03-02",
		  "Spring Festival 2026: then Monday 03-02");
	ok(!calendar_is_working_day(calendar, day_of("2026-02-23")),
	   "Monday 2026-02-23 is a holiday");
	ok(!calendar_is_working_day(calendar, day_of("2026-02-21")),
	   "Saturday 2026-02-21 is not worked");
	ok(calendar_is_working_day(calendar, day_of("2026-02-14")),
	   "Saturday 2026-02-14 is worked");
	ok(calendar_is_working_day(calendar, day_of("2026-11-02")),
	   "an ordinary Monday is worked");
	ok(!calendar_is_working_day(calendar, day_of("2026-11-07")),
	   "an ordinary Saturday is not");
	/* Across the 2025/2026 year end: 01-01..01-03 off, Sunday 01-04 worked. */
	is_string(deadline(calendar, "2025-12-31", 1), "2026-01-04",
		  "New Year 2026: the adjusted Sunday 01-04");
	is_string(deadline(calendar, "2025-09-30", 1), "2025-10-09",
		  "National Day 2025 (10-01..10-08)");
	is_string(deadline(calendar, "2025-09-26", 1), "2025-09-28",
		  "adjusted Sunday 2025-09-28");
	is_string(deadline(calendar, "2025-01-24", 1), "2025-01-26",
		  "adjusted Sunday 2025-01-26");
	is_string(deadline(calendar, "2025-01-27", 1), "2025-02-05",
		  "Spring Festival 2025 (01-28..02-04)");
	ok(calendar_covers(calendar, day_of("2025-07-01")), "2025 covered");
	ok(calendar_covers(calendar, day_of("2026-12-31")), "2026 covered");
	ok(!calendar_covers(calendar, day_of("2027-01-01")), "2027 not covered");
	ok(!calendar_covers(calendar, day_of("2024-12-31")), "2024 not covered");
	/* A year not covered: weekends only (2027-01-01 is a Friday). */
	is_string(deadline(calendar, "2026-12-31", 1), "2027-01-01",
		  "2027 not covered: its New Year's Day counts as a weekday");
	is_string(deadline(calendar, "2027-01-01", 5), "2027-01-08",
		  "2027 not covered: weekends only");
	is_string(deadline(calendar, "2027-01-01", 0), "2027-01-01", "n = 0 gives start");
	is_string(deadline(calendar, "2027-01-01", -3), "2027-01-01",
		  "negative n gives start");
	is_string(deadline(calendar, "2027-01-01", INT_MAX), "9999-12-31",
		  "INT_MAX working days stops at the end of the range");
}

static void test_calendar_edges(void)
{
	struct calendar calendar;

	calendar_init(&calendar);
	is_int(calendar_add_holidays(&calendar, day_of("2026-10-07"), day_of("2026-10-01")),
	       -1, "a range ending before it starts is refused");
	is_int(calendar_add_holidays(NULL, 0, 1), -1, "NULL calendar refused");
	is_int(calendar_add_holidays(&calendar, LONG_MIN, 0), -1, "absurd range refused");
	is_int(calendar_add_workday(&calendar, LONG_MAX), -1, "absurd workday refused");
	is_int(calendar_add_holidays(&calendar, day_of("2026-10-01"), day_of("2026-10-07")),
	       0, "a holiday range");
	is_int(calendar_add_holidays(&calendar, day_of("2026-10-05"), day_of("2026-10-09")),
	       0, "an overlapping range");
	is_int(calendar_add_holidays(&calendar, day_of("2028-12-31"), day_of("2029-01-01")),
	       0, "a range across a year end");
	is_int(calendar_add_workday(&calendar, day_of("2026-10-10")), 0, "a workday");
	is_int(calendar_add_workday(&calendar, day_of("2026-10-10")), 0, "the same again");
	calendar_finish(&calendar);
	is_int(calendar.holiday_count, 11, "overlaps stored once");
	is_int(calendar.workday_count, 1, "repeated workday stored once");
	is_int(calendar.year_count, 3, "years 2026, 2028, 2029");
	ok(calendar_covers(&calendar, day_of("2029-06-01")), "2029 covered by the range's end");
	ok(!calendar_covers(&calendar, day_of("2027-06-01")), "2027 not covered");
	is_string(deadline(&calendar, "2026-09-30", 1), "2026-10-10",
		  "holidays through 10-09, then the workday 10-10");
	calendar_release(&calendar);
	is_int(calendar.holiday_count, 0, "release empties the calendar");
	ok(calendar.holidays == NULL, "release frees the holidays");
	calendar_release(&calendar);	/* twice is harmless */

	calendar_init(&calendar);
	calendar_finish(&calendar);
	ok(!calendar_covers(&calendar, day_of("2026-01-01")), "empty calendar covers nothing");
	is_string(deadline(&calendar, "2026-09-28", 10), "2026-10-12",
		  "empty calendar: weekends only");
	is_string(deadline(NULL, "2026-11-02", 10), "2026-11-16", "NULL calendar: weekends only");
	ok(!calendar_covers(NULL, 0), "NULL calendar covers nothing");
	calendar_release(&calendar);
}

static void test_whole_months(void)
{
	is_int(date_whole_months(day_of("2021-10-13"), day_of("2026-10-13")), 60,
	       "2021-10-13 to 2026-10-13: 60 months");
	is_int(date_whole_months(day_of("2021-10-13"), day_of("2026-10-12")), 59,
	       "a day less: 59");
	is_int(date_whole_months(day_of("2021-01-31"), day_of("2021-02-28")), 1,
	       "01-31 to 02-28: a month (the month end)");
	is_int(date_whole_months(day_of("2021-01-31"), day_of("2021-02-27")), 0,
	       "01-31 to 02-27: none");
	is_int(date_whole_months(day_of("2020-02-29"), day_of("2021-02-28")), 12,
	       "from a leap day to 02-28: 12 months");
	is_int(date_whole_months(day_of("2020-01-01"), day_of("2020-01-01")), 0, "no time: 0");
	is_int(date_whole_months(day_of("2020-02-01"), day_of("2020-01-01")), 0, "backwards: 0");
	ok(date_whole_months(LONG_MIN, LONG_MAX) > 0, "absurd days are clamped");
}

int main(void)
{
	struct calendar calendar;

	test_date_parse();
	test_date_parse_datetime();
	test_format_weekday_year();
	test_add_months_years();
	test_whole_months();

	calendar_init(&calendar);
	ok(load_official(&calendar) == 0, "load the 2025 and 2026 calendars");
	test_official_calendar(&calendar);
	calendar_release(&calendar);

	test_calendar_edges();
	return tap_done();
}
