/* experience.h - counting engineering work experience (R1.3).
 *
 * Periods during undergraduate study never count; engineering practice during
 * master's or doctoral study counts when the policy allows it; non-engineering
 * periods never count; periods are clipped to the submission date and
 * overlapping periods count once.
 */
#ifndef ECAP_EXPERIENCE_H
#define ECAP_EXPERIENCE_H

#include <stddef.h>
#include "calendar.h"

enum period_during {
	DURING_WORK,
	DURING_UNDERGRADUATE,
	DURING_MASTER,
	DURING_DOCTORATE
};

struct experience_period {
	day_t from;			/* first day, inclusive */
	day_t to;			/* last day, inclusive; -1: until submitted */
	enum period_during during;
	int engineering;		/* 1 if engineering practice */
};

/* Parses "work", "undergraduate", "master", "doctorate"; -1 otherwise. */
int period_during_parse(const char *text, enum period_during *out);

/* The number of days, inclusive, covered by the periods that count, counted
 * once where they overlap, none after `submitted`. Does not modify periods. */
long experience_counted_days(const struct experience_period *periods, size_t count,
			     int graduate_practice_counts, day_t submitted);

/* Whole years in a number of days, a year being 365.25 days: what letters
 * show ("5.3 年" is shown by experience_format_years). */
double experience_years(long days);

/* 1 if days make at least `years` years: days >= ceil(years * 365.25). */
int experience_meets(long days, int years);

#endif
