/* experience.h - counting engineering work experience (R1.3).
 *
 * Periods during undergraduate study never count; engineering practice during
 * master's or doctoral study counts when the policy allows it and the
 * applicant holds that degree; non-engineering periods never count; periods
 * are clipped to the submission date, overlapping periods count once, and the
 * result is in whole calendar months.
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

/* Which practice during graduate study counts (R1.3), a set of these bits:
 * the caller sets them from the policy and the degrees conferred (master's
 * practice needs a master's degree or higher, doctoral practice the
 * doctorate). */
enum {
	PRACTICE_MASTER = 1,
	PRACTICE_DOCTORATE = 2
};

/* The whole months of experience (R1.3) in the periods that count, counted
 * once where they overlap, none after `submitted`: each stretch of their
 * union gives the whole months from its first day to the day after its last
 * (date_whole_months), the days left over from every stretch are added up
 * and each 30 make one more month. -1 if memory runs out. Does not modify
 * periods. */
long experience_counted_months(const struct experience_period *periods, size_t count,
			       int graduate_practice, day_t submitted);

/* 1 if months make at least `years` calendar years (满 N 年 = 12N months). */
int experience_meets(long months, int years);

/* Writes months as letters state them: "4 年 11 个月", "5 年", "11 个月". */
void experience_format(long months, char *out, size_t size);

#endif
