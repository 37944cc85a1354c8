/* cpd.c - continuing professional development (R8): splits a certificate's
 * validity into years, credits each activity to the year of its date, and
 * says which years fall short of the policy's hours.
 */
#include "cpd.h"

#include <limits.h>
#include "policy.h"

/* Year k (1-based) runs from the (k-1)th anniversary of the issue to the day
 * before the kth. Anniversaries are always counted from the issue date, so a
 * certificate issued on 02-29 has its anniversaries on 02-28 in common years
 * and the years still follow one another without a gap. */
static void cpd_year_init(struct cpd_year *year, int number, day_t issued)
{
	year->year = number;
	year->from = date_add_years(issued, number - 1);
	year->to = date_add_years(issued, number) - 1;
	year->hours = 0;
	year->exempted = 0;
	year->met = 0;
}

/* The hours an activity gives: whole credit hours of its duration, or the
 * policy's table for its category when it has no duration (none if the
 * category is not listed). */
static int cpd_activity_hours(const struct cpd_activity *activity, const struct policy *policy)
{
	int hours;

	if (activity->minutes < 0) {
		hours = policy_credit_hours(policy, activity->category);
		return hours < 0 ? 0 : hours;
	}
	if (policy->cpd_minutes_per_hour <= 0)
		return 0;
	return activity->minutes / policy->cpd_minutes_per_hour;
}

/* The index in years[] of the year that holds day, or -1 if none does. */
static int cpd_year_index(const struct cpd_year *years, int validity_years, day_t day)
{
	for (int i = 0; i < validity_years; i++)
		if (day >= years[i].from && day <= years[i].to)
			return i;
	return -1;
}

static void cpd_mark_exemptions(struct cpd_year *years, int validity_years,
				const int *exempted_years, size_t exempted_count)
{
	for (size_t i = 0; i < exempted_count; i++) {
		int number = exempted_years[i];

		if (number >= 1 && number <= validity_years)
			years[number - 1].exempted = 1;
	}
}

int cpd_evaluate(const struct cpd_activity *activities, size_t activity_count,
		 const int *exempted_years, size_t exempted_count, day_t issued,
		 day_t submitted, const struct policy *policy, struct cpd_year *years,
		 int validity_years)
{
	int unmet = 0;

	for (int i = 0; i < validity_years; i++)
		cpd_year_init(&years[i], i + 1, issued);
	cpd_mark_exemptions(years, validity_years, exempted_years, exempted_count);

	for (size_t i = 0; i < activity_count; i++) {
		const struct cpd_activity *activity = &activities[i];
		int index;

		if (activity->date > submitted)
			continue;
		index = cpd_year_index(years, validity_years, activity->date);
		if (index >= 0) {
			/* a credit is never negative; the sum stops at INT_MAX (fuzzing
			 * found minutes="2147483647" forty-six times overflowing it) */
			int credit = cpd_activity_hours(activity, policy);

			years[index].hours = credit > INT_MAX - years[index].hours ?
					     INT_MAX : years[index].hours + credit;
		}
	}

	for (int i = 0; i < validity_years; i++) {
		years[i].met = years[i].exempted || years[i].hours >= policy->cpd_hours_per_year;
		if (!years[i].met)
			unmet++;
	}
	return unmet;
}
