/* calendar.c - day numbers, civil dates through libc, and the working-day
 * calendar of holidays and adjusted working days; see calendar.h.
 */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_DAY 86400L

/* The days we handle: 0001-01-01 .. 9999-12-31. Every day is clamped into
 * this range before it is multiplied into seconds, so that nothing overflows
 * and every date formats as "YYYY-MM-DD". */
#define DAY_MIN (-719162L)
#define DAY_MAX 2932896L
#define YEAR_MIN 1
#define YEAR_MAX 9999

static day_t day_clamp(day_t day)
{
	if (day < DAY_MIN)
		return DAY_MIN;
	if (day > DAY_MAX)
		return DAY_MAX;
	return day;
}

static void day_to_tm(day_t day, struct tm *tm)
{
	time_t seconds = (time_t)day_clamp(day) * SECONDS_PER_DAY;

	memset(tm, 0, sizeof(*tm));
	gmtime_r(&seconds, tm);
}

/* The day of a civil date; timegm normalizes out-of-range fields (a tm_mday
 * of 0 is the last day of the previous month). */
static day_t civil_to_day(int year, int month0, int mday)
{
	struct tm tm;
	time_t seconds;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month0;
	tm.tm_mday = mday;
	seconds = timegm(&tm);
	/* Midnight UTC is a whole number of days, so the division is exact. */
	return (day_t)(seconds / SECONDS_PER_DAY);
}

static int digits_value(const char *text, size_t count, int *out)
{
	int value = 0;
	size_t i;

	for (i = 0; i < count; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		value = value * 10 + (text[i] - '0');
	}
	*out = value;
	return 0;
}

/* Parses "YYYY-MM-DD" at the start of text, without looking past it. */
static int date_parse_prefix(const char *text, day_t *out)
{
	int year, month, mday;
	day_t day;
	struct tm check;

	if (strnlen(text, 10) < 10 || text[4] != '-' || text[7] != '-')
		return -1;
	if (digits_value(text, 4, &year) || digits_value(text + 5, 2, &month) ||
	    digits_value(text + 8, 2, &mday))
		return -1;
	if (year < 1900 || year > YEAR_MAX || month < 1 || month > 12 ||
	    mday < 1 || mday > 31)
		return -1;
	day = civil_to_day(year, month - 1, mday);
	/* A day that does not exist (02-30) comes back normalized into the
	 * next month: converting back tells. */
	day_to_tm(day, &check);
	if (check.tm_mday != mday || check.tm_mon != month - 1)
		return -1;
	*out = day;
	return 0;
}

int date_parse(const char *text, day_t *out)
{
	if (!text || !out || strnlen(text, 11) != 10)
		return -1;
	return date_parse_prefix(text, out);
}

int date_parse_datetime(const char *text, day_t *out)
{
	if (!text || !out || strnlen(text, 11) < 10)
		return -1;
	if (text[10] != '\0' && text[10] != 'T')
		return -1;
	return date_parse_prefix(text, out);
}

void date_format(day_t day, char out[11])
{
	struct tm tm;

	day_to_tm(day, &tm);
	/* Not strftime: its %Y does not pad years before 1000. The day is
	 * clamped to years 1..9999; the modulos only show the compiler that
	 * the text fits. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

/* Weekdays repeat every 7 days whatever the calendar; 1970-01-01 (day 0)
 * was a Thursday. */
int date_weekday(day_t day)
{
	return (int)(((day % 7) + 7 + 4) % 7);
}

int date_year(day_t day)
{
	struct tm tm;

	day_to_tm(day, &tm);
	return tm.tm_year + 1900;
}

static int days_in_month(int year, int month0)
{
	struct tm tm;

	day_to_tm(civil_to_day(year, month0 + 1, 0), &tm);
	return tm.tm_mday;
}

static day_t date_add_month_count(day_t day, long long months)
{
	struct tm tm;
	long long index;
	int year, month0, mday, last;

	day_to_tm(day, &tm);
	index = (long long)(tm.tm_year + 1900) * 12 + tm.tm_mon;
	/* Saturate rather than overflow: the range is a few 100000 months. */
	if (months > (long long)YEAR_MAX * 12)
		months = (long long)YEAR_MAX * 12;
	if (months < -(long long)YEAR_MAX * 12)
		months = -(long long)YEAR_MAX * 12;
	index += months;
	if (index < (long long)YEAR_MIN * 12)
		index = (long long)YEAR_MIN * 12;
	if (index > (long long)YEAR_MAX * 12 + 11)
		index = (long long)YEAR_MAX * 12 + 11;
	year = (int)(index / 12);
	month0 = (int)(index % 12);
	last = days_in_month(year, month0);
	mday = tm.tm_mday < last ? tm.tm_mday : last;
	return civil_to_day(year, month0, mday);
}

day_t date_add_months(day_t day, int months)
{
	return date_add_month_count(day, months);
}

day_t date_add_years(day_t day, int years)
{
	return date_add_month_count(day, (long long)years * 12);
}

long date_whole_months(day_t from, day_t until)
{
	struct tm first, last;
	long months;

	from = day_clamp(from);
	until = day_clamp(until);
	if (until <= from)
		return 0;
	day_to_tm(from, &first);
	day_to_tm(until, &last);
	months = ((long)last.tm_year - first.tm_year) * 12 + (last.tm_mon - first.tm_mon);
	/* from + months lands in until's month: past until by a day of the
	 * month, one month fewer fits (a month end clips: 01-31 + 1 is 02-28) */
	if (date_add_month_count(from, months) > until)
		months--;
	return months;
}

day_t date_today(void)
{
	time_t now = time(NULL);
	struct tm local;

	memset(&local, 0, sizeof(local));
	localtime_r(&now, &local);
	return civil_to_day(local.tm_year + 1900, local.tm_mon, local.tm_mday);
}

void calendar_init(struct calendar *calendar)
{
	if (calendar)
		memset(calendar, 0, sizeof(*calendar));
}

void calendar_release(struct calendar *calendar)
{
	if (!calendar)
		return;
	free(calendar->holidays);
	free(calendar->workdays);
	free(calendar->years);
	calendar_init(calendar);
}

/* Makes room for `more` further elements after `count` in *array. */
static int array_grow(void **array, size_t count, size_t more, size_t element_size)
{
	void *grown;

	if (more > (size_t)-1 - count)
		return -1;
	grown = reallocarray(*array, count + more, element_size);
	if (!grown)
		return -1;
	*array = grown;
	return 0;
}

static int year_listed(const struct calendar *calendar, int year)
{
	size_t i;

	for (i = 0; i < calendar->year_count; i++)
		if (calendar->years[i] == year)
			return 1;
	return 0;
}

int calendar_add_holidays(struct calendar *calendar, day_t from, day_t to)
{
	size_t span, i;
	int first_year, last_year, year;

	if (!calendar || to < from || from < DAY_MIN || to > DAY_MAX)
		return -1;
	span = (size_t)(to - from) + 1;
	first_year = date_year(from);
	last_year = date_year(to);
	/* Reserve both arrays before changing anything, so that a failed
	 * allocation leaves the calendar as it was. */
	if (array_grow((void **)&calendar->holidays, calendar->holiday_count, span,
		       sizeof(*calendar->holidays)) ||
	    array_grow((void **)&calendar->years, calendar->year_count,
		       (size_t)(last_year - first_year) + 1, sizeof(*calendar->years)))
		return -1;
	for (i = 0; i < span; i++)
		calendar->holidays[calendar->holiday_count++] = from + (day_t)i;
	for (year = first_year; year <= last_year; year++)
		if (!year_listed(calendar, year))
			calendar->years[calendar->year_count++] = year;
	return 0;
}

int calendar_add_workday(struct calendar *calendar, day_t day)
{
	if (!calendar || day < DAY_MIN || day > DAY_MAX)
		return -1;
	if (array_grow((void **)&calendar->workdays, calendar->workday_count, 1,
		       sizeof(*calendar->workdays)))
		return -1;
	calendar->workdays[calendar->workday_count++] = day;
	return 0;
}

static int compare_days(const void *a, const void *b)
{
	day_t left = *(const day_t *)a, right = *(const day_t *)b;

	return (left > right) - (left < right);
}

static int compare_years(const void *a, const void *b)
{
	int left = *(const int *)a, right = *(const int *)b;

	return (left > right) - (left < right);
}

/* Sorts days and drops repeats (overlapping holiday ranges); the new count. */
static size_t days_sort_unique(day_t *days, size_t count)
{
	size_t kept = 0, i;

	if (count == 0)
		return 0;
	qsort(days, count, sizeof(*days), compare_days);
	for (i = 1; i < count; i++)
		if (days[i] != days[kept])
			days[++kept] = days[i];
	return kept + 1;
}

void calendar_finish(struct calendar *calendar)
{
	if (!calendar)
		return;
	calendar->holiday_count = days_sort_unique(calendar->holidays,
						   calendar->holiday_count);
	calendar->workday_count = days_sort_unique(calendar->workdays,
						   calendar->workday_count);
	if (calendar->year_count)
		qsort(calendar->years, calendar->year_count, sizeof(*calendar->years),
		      compare_years);
}

static int days_contain(const day_t *days, size_t count, day_t day)
{
	return count && bsearch(&day, days, count, sizeof(*days), compare_days);
}

int calendar_is_working_day(const struct calendar *calendar, day_t day)
{
	int weekday = date_weekday(day);

	if (calendar && days_contain(calendar->workdays, calendar->workday_count, day))
		return 1;
	if (weekday == 0 || weekday == 6)
		return 0;
	if (calendar && days_contain(calendar->holidays, calendar->holiday_count, day))
		return 0;
	return 1;
}

int calendar_covers(const struct calendar *calendar, day_t day)
{
	int year = date_year(day);

	if (!calendar || !calendar->year_count)
		return 0;
	return bsearch(&year, calendar->years, calendar->year_count,
		       sizeof(*calendar->years), compare_years) != NULL;
}

day_t calendar_add_working_days(const struct calendar *calendar, day_t start, int n)
{
	day_t day = start < DAY_MIN ? DAY_MIN : start;

	/* Bounded by DAY_MAX, so a huge n ends after a few million steps. */
	while (n > 0 && day < DAY_MAX) {
		day++;
		if (calendar_is_working_day(calendar, day))
			n--;
	}
	return day;
}

void datetime_now(char *out, size_t size)
{
	time_t now = time(NULL);
	struct tm local;
	char zone[8];
	size_t length;

	localtime_r(&now, &local);
	strftime(out, size, "%Y-%m-%dT%H:%M:%S", &local);
	strftime(zone, sizeof(zone), "%z", &local);
	length = strlen(out);
	/* ISO 8601 wants +08:00 where strftime gives +0800 */
	snprintf(out + length, size - length, "%.3s:%.2s", zone, zone + 3);
}
