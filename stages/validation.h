/* validation.h - what the files of the validation stage share: the
 * findings being written (validate.c), the checks of completeness and form,
 * R2 and R3 (validate_form.c), and of eligibility, R1 and R8
 * (validate_eligibility.c). Not for use outside them. */
#ifndef ECAP_VALIDATION_H
#define ECAP_VALIDATION_H

#include <libxml/tree.h>
#include "calendar.h"
#include "dossier.h"
#include "error.h"
#include "policy.h"
#include "stage.h"

/* The validation being written, and what it has found so far. */
struct findings {
	xmlNodePtr validation;
	int rejections;
	int returns;
};

/* Each adds a finding to the validation: a reason (counted as a rejection
 * or a return by its class in the outcome table), an advisory for the
 * examiners (R3), a note. */
xmlNodePtr add_reason(struct findings *findings, const char *code, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
xmlNodePtr add_advisory(struct findings *findings, const char *code, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
void add_note(struct findings *findings, const char *code, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
day_t submitted_day(xmlNodePtr application, day_t fallback);

/* ---- R2, R3 (validate_form.c) ---- */
/* ---- R2.9 identity document ---- */
void check_identity(struct findings *findings, xmlNodePtr applicant);
void check_evidence(struct findings *findings, xmlNodePtr application,
		    xmlNodePtr submission);
/* Package entries the form does not reference: reported, never read. */
void note_extra_files(struct findings *findings, xmlNodePtr application,
		      xmlNodePtr submission);
/* ---- R2.1, R2.2 and R3 on the self-statement ---- */
void check_statement(struct findings *findings, xmlNodePtr application,
		     const struct policy *policy);
/* ---- R2.6 commitment, R2.7 projects ---- */
void check_commitment(struct findings *findings, xmlNodePtr application);
void check_projects(struct findings *findings, xmlNodePtr application, int level,
		    const struct policy *policy);
/* ---- R2.8 schema ---- */
int check_schema(const struct stage_context *context, struct findings *findings,
		 xmlNodePtr application, struct error *err);

/* ---- R1, R8 (validate_eligibility.c) ---- */
int check_eligibility(const struct stage_context *context, struct dossier *dossier,
		      struct findings *findings, xmlNodePtr application, struct error *err);

#endif
