/* experience.c - counting the months of engineering work experience that
 * count (R1.3): a union of intervals, clipped to the submission date, each
 * stretch of it in whole calendar months and its leftover days pooled; see
 * experience.h.
 */
#include "experience.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct interval {
	day_t from, to;			/* inclusive */
};

int period_during_parse(const char *text, enum period_during *out)
{
	static const struct {
		const char *name;
		enum period_during value;
	} names[] = {
		{ "work", DURING_WORK },
		{ "undergraduate", DURING_UNDERGRADUATE },
		{ "master", DURING_MASTER },
		{ "doctorate", DURING_DOCTORATE },
	};
	size_t i;

	if (!text || !out)
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(text, names[i].name) == 0) {
			*out = names[i].value;
			return 0;
		}
	}
	return -1;
}

static int period_counts(const struct experience_period *period, int graduate_practice)
{
	if (!period->engineering)
		return 0;
	switch (period->during) {
	case DURING_WORK:
		return 1;
	case DURING_MASTER:
		return (graduate_practice & PRACTICE_MASTER) != 0;
	case DURING_DOCTORATE:
		return (graduate_practice & PRACTICE_DOCTORATE) != 0;
	case DURING_UNDERGRADUATE:
	default:
		return 0;
	}
}

static int compare_intervals(const void *a, const void *b)
{
	day_t left = ((const struct interval *)a)->from;
	day_t right = ((const struct interval *)b)->from;

	return (left > right) - (left < right);
}

static long saturating_add(long total, long more)
{
	long sum;

	return __builtin_add_overflow(total, more, &sum) ? LONG_MAX : sum;
}

/* The whole months of one stretch from..to inclusive, its leftover days
 * added to *days. */
static long stretch_months(day_t from, day_t to, long *days)
{
	day_t until = to == LONG_MAX ? LONG_MAX : to + 1;
	long months = date_whole_months(from, until);
	day_t reached = date_add_months(from, (int)months);
	long left;

	/* date_whole_months clamps absurd days to the years 1..9999: what lies
	 * beyond is left over, in days, saturating */
	if (until > reached)
		*days = saturating_add(*days, __builtin_sub_overflow(until, reached, &left) ?
				       LONG_MAX : left);
	return months;
}

/* Sums sorted intervals by stretches of their union: overlapping or
 * adjoining intervals are one stretch (its months are not the sum of its
 * parts' months). */
static long union_months(const struct interval *intervals, size_t count)
{
	long months = 0, days = 0;
	struct interval current;
	size_t i;

	if (!count)
		return 0;
	current = intervals[0];
	for (i = 1; i < count; i++) {
		if (current.to == LONG_MAX || intervals[i].from <= current.to + 1) {
			if (intervals[i].to > current.to)
				current.to = intervals[i].to;
			continue;
		}
		months = saturating_add(months, stretch_months(current.from, current.to, &days));
		current = intervals[i];
	}
	months = saturating_add(months, stretch_months(current.from, current.to, &days));
	return saturating_add(months, days / 30);
}

long experience_counted_months(const struct experience_period *periods, size_t count,
			       int graduate_practice, day_t submitted)
{
	struct interval *intervals = NULL;
	size_t kept = 0, i;
	long months = 0;

	if (!periods || !count)
		return 0;
	intervals = calloc(count, sizeof(*intervals));
	if (!intervals)
		return -1;
	for (i = 0; i < count; i++) {
		day_t to = periods[i].to;

		if (!period_counts(&periods[i], graduate_practice))
			continue;
		if (to == -1 || to > submitted)
			to = submitted;
		if (periods[i].from > to)
			continue;
		intervals[kept].from = periods[i].from;
		intervals[kept].to = to;
		kept++;
	}
	qsort(intervals, kept, sizeof(*intervals), compare_intervals);
	months = union_months(intervals, kept);
	free(intervals);
	return months;
}

int experience_meets(long months, int years)
{
	long long needed = years <= 0 ? 0 : (long long)years * 12;

	return months >= needed;
}

void experience_format(long months, char *out, size_t size)
{
	if (!out || !size)
		return;
	if (months < 0)
		months = 0;
	if (months >= 12 && months % 12)
		snprintf(out, size, "%ld 年 %ld 个月", months / 12, months % 12);
	else if (months >= 12)
		snprintf(out, size, "%ld 年", months / 12);
	else
		snprintf(out, size, "%ld 个月", months);
}
