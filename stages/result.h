/* result.h - what every stage does to a dossier: append its result with
 * reasons, and apply or refuse the records that arrived for it. */
#ifndef ECAP_RESULT_H
#define ECAP_RESULT_H

#include <libxml/tree.h>
#include "calendar.h"
#include "dossier.h"

/* Appends <element date="..."> to the dossier. */
xmlNodePtr result_begin(struct dossier *dossier, const char *element, day_t date);

/* Sets the result's outcome (outcomes.h) and moves the application into the
 * state the outcome table gives for it; a row without a state (a pass, which
 * enters publicity or is certified at once) leaves the state to the caller. */
void result_conclude(struct dossier *dossier, xmlNodePtr result, const char *outcome,
		     day_t date);

/* Adds <reason code="...">text</reason> (text formatted, in Chinese). */
xmlNodePtr result_add_reason(xmlNodePtr result, const char *code, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* The next record of `kind` (reviewRecord, interviewSheet, ...) in the dossier
 * still waiting to be applied, after `after` (NULL: from the start); the
 * record element itself, i.e. the <record> wrapper's child, is *content. */
xmlNodePtr record_next_new(const struct dossier *dossier, const char *kind, xmlNodePtr after,
			   xmlNodePtr *content);

void record_apply(xmlNodePtr record);
void record_refuse(xmlNodePtr record, const char *code, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Applied records of `kind` that come after the last `since` element
 * (NULL: all), in order; returns how many were stored in out (at most max). */
size_t records_applied_since(const struct dossier *dossier, const char *kind,
			     xmlNodePtr since, xmlNodePtr *out, size_t max);

struct policy;

/* 1 if the examiner may assess this applicant: on the policy's roster, and
 * no conflict of interest (not the applicant's employer). Otherwise refuses
 * the record (examiner-unknown, examiner-conflict) and returns 0. */
int examiner_admissible(const struct policy *policy, xmlNodePtr application,
			xmlNodePtr record, const char *examiner_id);

/* The text of a child element, trimmed, into out ("" if absent). */
void child_text(xmlNodePtr parent, const char *name, char *out, size_t size);

#endif
