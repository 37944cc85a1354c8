/* statistics.h - what a run did, counted as it goes (constant memory,
 * whatever the batch's size), for the run report (doc/audit.md). */
#ifndef ECAP_STATISTICS_H
#define ECAP_STATISTICS_H

#include <stddef.h>
#include <libxml/tree.h>
#include "dossier.h"
#include "error.h"

struct policy;

#define STATISTICS_STATES 12
#define STATISTICS_MAX_FIELDS 64
#define STATISTICS_MAX_REASONS 64
#define STATISTICS_MAX_POINTS 101
#define STATISTICS_QUARANTINE_LISTED 200

struct interview_statistics {
	size_t count, passed;
	size_t points[5][STATISTICS_MAX_POINTS];	/* per dimension: how many got each score */
	size_t totals[STATISTICS_MAX_POINTS];
};

struct run_statistics {
	size_t states[STATISTICS_STATES];
	char field_codes[STATISTICS_MAX_FIELDS][64];
	size_t fields[STATISTICS_MAX_FIELDS];
	size_t field_count;
	size_t levels[3];
	char reason_codes[STATISTICS_MAX_REASONS][64];
	size_t reasons[STATISTICS_MAX_REASONS];
	size_t reason_count;
	struct interview_statistics interviews[2];	/* professional, senior scale */
	xmlDocPtr quarantine;				/* the first ones, for the report */
	size_t quarantined;
};

void statistics_init(struct run_statistics *statistics);
void statistics_release(struct run_statistics *statistics);

/* A dossier that the run changed: the state it entered (when it changed),
 * and every result appended after `last` (reasons, interviews). */
void statistics_count_dossier(struct run_statistics *statistics, const struct dossier *dossier,
			      const char *state_before, xmlNodePtr last);
void statistics_count_quarantine(struct run_statistics *statistics, const char *input,
				 const char *code, const char *message);

struct run_summary;

/* The run report document (xsd/run-report.xsd). */
xmlDocPtr statistics_report(const struct run_statistics *statistics,
			    const struct run_summary *summary, const struct policy *policy,
			    const char *date, double seconds);

#endif
