/* experience.c - counting the days of engineering work experience that
 * count (R1.3): a union of intervals, clipped to the submission date; see
 * experience.h.
 */
#include "experience.h"

#include <limits.h>
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

static int period_counts(const struct experience_period *period, int graduate_practice_counts)
{
	if (!period->engineering)
		return 0;
	switch (period->during) {
	case DURING_WORK:
		return 1;
	case DURING_MASTER:
	case DURING_DOCTORATE:
		return graduate_practice_counts;
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

/* The days from..to inclusive, saturating instead of overflowing. */
static long interval_days(day_t from, day_t to)
{
	long difference;

	if (__builtin_sub_overflow(to, from, &difference) || difference == LONG_MAX)
		return LONG_MAX;
	return difference + 1;
}

static long saturating_add(long total, long more)
{
	long sum;

	return __builtin_add_overflow(total, more, &sum) ? LONG_MAX : sum;
}

/* Sums sorted intervals, counting each day once. */
static long union_days(const struct interval *intervals, size_t count)
{
	long total = 0;
	struct interval current;
	size_t i;

	if (!count)
		return 0;
	current = intervals[0];
	for (i = 1; i < count; i++) {
		/* Overlapping: extend. (Merely adjoining intervals sum to the
		 * same count either way.) */
		if (intervals[i].from <= current.to) {
			if (intervals[i].to > current.to)
				current.to = intervals[i].to;
			continue;
		}
		total = saturating_add(total, interval_days(current.from, current.to));
		current = intervals[i];
	}
	return saturating_add(total, interval_days(current.from, current.to));
}

/* Returns -1 when the copy cannot be allocated. */
long experience_counted_days(const struct experience_period *periods, size_t count,
			     int graduate_practice_counts, day_t submitted)
{
	struct interval *intervals = NULL;
	size_t kept = 0, i;
	long days = 0;

	if (!periods || !count)
		return 0;
	intervals = calloc(count, sizeof(*intervals));
	if (!intervals)
		return -1;
	for (i = 0; i < count; i++) {
		day_t to = periods[i].to;

		if (!period_counts(&periods[i], graduate_practice_counts))
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
	days = union_days(intervals, kept);
	free(intervals);
	return days;
}

double experience_years(long days)
{
	if (days <= 0)
		return 0.0;
	return (double)days / 365.25;
}

int experience_meets(long days, int years)
{
	/* ceil(years * 365.25) = ceil(years * 1461 / 4), in integers. */
	long long needed = years <= 0 ? 0 : ((long long)years * 1461 + 3) / 4;

	return days >= needed;
}
