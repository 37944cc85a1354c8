/* policy.h - the operating society's policy (formats.md §3) as a C struct.
 *
 * policy_load reads policy.xml, validates it against xsd/policy.xsd, reads
 * the member roster it names (relative to the policy file), and fills every
 * value, with process.md's defaults where an optional attribute is absent.
 */
#ifndef ECAP_POLICY_H
#define ECAP_POLICY_H

#include <stddef.h>
#include "calendar.h"
#include "error.h"
#include "levels.h"
#include "package.h"

struct schema;

struct policy_field {
	char code[64];
	char name[128];
	char name_english[128];
	int graduate_practice_counts;	/* -1: as the policy's eligibility says */
};

struct policy_member {
	char *number;			/* owned: "number\0name\0" in one allocation */
	const char *name;		/* in number's allocation */
};

struct policy_examiner {
	char id[64];
	char name[128];
	char employer[256];
};

struct policy_scale {
	int pass_total;
	int maximum[DIMENSION_COUNT];
	int minimum[DIMENSION_COUNT];		/* 0 when none */
};

struct policy_credit {
	char category[64];
	int hours;
};

struct policy_title {
	char scheme[32];
	char name[128];
};

struct policy {
	char path[4096];			/* the file it was loaded from */
	char society_code[32];
	char society_name[256];
	char society_name_english[256];

	struct policy_field *fields;
	size_t field_count;
	int has_member_roster;			/* members href given */
	struct policy_member *members;
	size_t member_count;
	struct policy_examiner *examiners;
	size_t examiner_count;

	int graduate_practice_counts;
	int non_engineering_extra_years;
	int minimum_years[LEVEL_COUNT][DEGREE_COUNT];

	size_t statement_min_chars, statement_max_chars;
	double statement_min_cjk_share;

	int review_quorum;
	int interview_levels[LEVEL_COUNT];	/* 1 if the level always needs one */
	int interview_min_questions_minutes;
	int interview_min_projects, interview_max_projects;
	struct policy_scale scales[LEVEL_COUNT];	/* professional and senior used */

	int resubmission_working_days;
	int supplement_working_days;	/* R4: the deadline of a supplement request */
	int publicity_working_days;
	int notice_entries;		/* at most this many entries per public notice part */
	struct calendar calendar;

	int validity_years;
	char registration_format[64];
	int renew_from_months, renew_until_months;

	int cpd_hours_per_year;
	int cpd_minutes_per_hour;
	struct policy_credit *credits;
	size_t credit_count;

	struct policy_title *titles;
	size_t title_count;

	int settle_seconds;
	struct package_limits package_limits;
	int max_xml_depth;

	char signing_key[65];			/* <signing name>: "" for the newest key */
	char verification_base[512];		/* <verification baseUrl>, "" if none */
	/* since 2026-12 (formats.md §3): how letters reach people; "" when absent */
	struct {
		char address[1024], postcode[8], phone[256], email[256], web[256];
	} contact;
	struct {
		char name[1024], title[1024];
	} signatory;
	char seal_href[1025];			/* relative to the policy file */
	const char *seal_uri;			/* set by the run (seal_load), not owned:
						 * the seal as a data: URI, NULL if none */
	struct {
		char name[1024], email[256], address[1024], postcode[8];
	} feedback;
	char notice_number_format[1024];
	int reminder_months;
	char mail_from[256];			/* "" when the policy has no <mail> */
	char sendmail[1024];			/* absolute; /usr/sbin/sendmail by default */
};

/* Loads and validates the policy at path; policy_schema may be NULL to skip
 * schema validation (tests). On failure err says what is wrong and where. */
int policy_load(struct policy *policy, const char *path, struct schema *policy_schema,
		struct error *err);
void policy_release(struct policy *policy);

const struct policy_field *policy_find_field(const struct policy *policy, const char *code);
const struct policy_member *policy_find_member(const struct policy *policy, const char *number);
const struct policy_examiner *policy_find_examiner(const struct policy *policy, const char *id);
const struct policy_title *policy_find_title(const struct policy *policy, const char *scheme);
int policy_credit_hours(const struct policy *policy, const char *category); /* -1 if none */

/* The values of the policy that still hold a placeholder of the default
 * policy (an example.org address, a telephone of zeros, "…"), named for
 * people and joined with ", " into out ("" when none): the run warns. */
const char *policy_placeholders(const struct policy *policy, char *out, size_t size);

/* The registration number for sequence number `sequence`, per the policy's
 * registrationFormat ("{society}-{seq:6}" and 124 give "CSEE-000124");
 * -1 if it does not fit in out. */
int policy_format_registration(const struct policy *policy, unsigned long sequence,
			       char *out, size_t size);

#endif
