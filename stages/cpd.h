/* cpd.h - continuing professional development (R8): credit hours per year
 * of a certificate's validity, for re-registration.
 *
 * Year k of a certificate issued on day I runs from the (k-1)th anniversary
 * of I to the day before the kth. An activity counts in the year of its date;
 * one dated after the submission does not count. An activity with a duration
 * gives floor(minutes / minutes_per_hour) hours (100 minutes at 45 a hour: 2;
 * 40 minutes: none); one without a duration is credited by the policy's table
 * for its category (none if the category is not listed). A year with an
 * exemption counts as met.
 */
#ifndef ECAP_CPD_H
#define ECAP_CPD_H

#include <stddef.h>
#include "calendar.h"

struct policy;

struct cpd_activity {
	day_t date;
	int minutes;			/* -1: no duration given */
	char category[64];
};

struct cpd_year {
	int year;			/* 1 .. validity years */
	day_t from, to;			/* inclusive */
	int hours;			/* credited */
	int exempted;
	int met;			/* hours >= required, or exempted */
};

/* Fills years[0 .. validity_years) for a certificate issued on `issued`,
 * using the policy's hours per year, minutes per hour and credit table.
 * exempted_years lists year numbers (1-based) with an exemption. Returns the
 * number of years that are not met. */
int cpd_evaluate(const struct cpd_activity *activities, size_t activity_count,
		 const int *exempted_years, size_t exempted_count, day_t issued,
		 day_t submitted, const struct policy *policy, struct cpd_year *years,
		 int validity_years);

#endif
