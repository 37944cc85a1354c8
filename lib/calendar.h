/* calendar.h - dates as day numbers, and the society's working-day calendar.
 *
 * A date is a `day_t`: the number of days since 1970-01-01 (UTC), so that
 * date arithmetic is integer arithmetic; conversion to and from the civil
 * calendar goes through libc (timegm, gmtime_r), never hand-written.
 *
 * A calendar knows the public holidays and the adjusted working days (调休,
 * a Saturday or Sunday declared a working day) of the years it covers.
 * Weekends are rest days unless listed as working days.
 */
#ifndef ECAP_CALENDAR_H
#define ECAP_CALENDAR_H

#include <stddef.h>

typedef long day_t;

/* Parses exactly "YYYY-MM-DD" (a real date, 1900..9999); 0 on success, -1 if
 * the text is anything else ("2026-02-30", "2026-1-5", "" are refused). */
int date_parse(const char *text, day_t *out);

/* Parses the date part of an ISO 8601 date-time ("2026-10-12T09:30:00+08:00"),
 * taking the first 10 characters as the local date it was written in. */
int date_parse_datetime(const char *text, day_t *out);

/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(day_t day, char out[11]);

/* 0 = Sunday ... 6 = Saturday. */
int date_weekday(day_t day);

/* The calendar year of day. */
int date_year(day_t day);

/* day moved by whole months or years; a day that does not exist in the target
 * month becomes the month's last day (2024-02-29 plus one year: 2025-02-28). */
day_t date_add_months(day_t day, int months);
day_t date_add_years(day_t day, int years);

/* The whole months from `from` to `until`: the largest n with
 * date_add_months(from, n) <= until (2021-10-13 to 2026-10-13: 60; 2021-01-31
 * to 2021-02-28: 1, the month end clipping); 0 if until <= from. */
long date_whole_months(day_t from, day_t until);

/* Today's date in local time. */
day_t date_today(void);

/* Now as an ISO 8601 local time with its offset, "2026-11-24T10:00:00+08:00"
 * (out: at least 26 bytes). */
void datetime_now(char *out, size_t size);

struct calendar {
	day_t *holidays;		/* sorted, owned */
	size_t holiday_count;
	day_t *workdays;		/* sorted, owned: adjusted working days */
	size_t workday_count;
	int *years;			/* sorted, owned: years with holidays listed */
	size_t year_count;
};

void calendar_init(struct calendar *calendar);
void calendar_release(struct calendar *calendar);

/* Adds the holidays from..to inclusive; -1 if to < from or on allocation
 * failure. Call calendar_finish when everything is added. */
int calendar_add_holidays(struct calendar *calendar, day_t from, day_t to);
int calendar_add_workday(struct calendar *calendar, day_t day);
/* Sorts what was added; must be called before the queries below. */
void calendar_finish(struct calendar *calendar);

/* 1 if day is a working day: an adjusted working day, or a Monday..Friday
 * that is not a holiday. */
int calendar_is_working_day(const struct calendar *calendar, day_t day);

/* 1 if the calendar lists the holidays of day's year. */
int calendar_covers(const struct calendar *calendar, day_t day);

/* The nth working day after start (start itself not counted), n >= 1:
 * a notice on Monday 2026-11-02 with n = 10 gives 2026-11-16. */
day_t calendar_add_working_days(const struct calendar *calendar, day_t start, int n);

#endif
