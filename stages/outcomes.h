/* outcomes.h - the one table of what a stage can decide (outcomes.c).
 *
 * Every name the stages write and the batch reads back is defined here once:
 * the result elements a stage appends to a dossier, their outcomes, the
 * states an application passes through, the letter kinds, and the reason
 * codes of formats.md §5. Code uses these names, never the literals, and
 * everything that chooses by an outcome (the letter to write, the run's
 * counts, a validation's verdict) reads the tables below.
 *
 * To add a reason code: a REASON_ name here and a row in reason_table
 * (outcomes.c) with its class and rule; then xsd/common.xsd (reasonCode),
 * doc/ecap.1, and its heading in xslt/notice-lookups.xsl (reason-heading).
 * To add an outcome or a letter: an OUTCOME_ or LETTER_ name here and a row
 * in outcome_table; the letter's stylesheets are xslt/notice-KIND.xsl and
 * notice-KIND-text.xsl.
 */
#ifndef ECAP_OUTCOMES_H
#define ECAP_OUTCOMES_H

#include <libxml/tree.h>
#include "package.h"

/* ---- the results a stage appends (doc/dossier.md) ---- */
#define RESULT_VALIDATION "validation"
#define RESULT_REVIEW "review"
#define RESULT_CONFIRMATION "confirmation"
#define RESULT_INTERVIEW "interview"
#define RESULT_PUBLICITY "publicity"
#define RESULT_PUBLICITY_END "publicityEnd"
#define RESULT_CERTIFICATION "certification"
#define RESULT_WITHDRAWAL "withdrawal"
#define RESULT_RECONSIDERATION "reconsideration"

/* ---- their outcomes (the attribute outcome; a confirmation's is its
 * attribute confirmed, "true" or "false") ---- */
#define OUTCOME_ACCEPTED "accepted"
#define OUTCOME_RETURNED "returned"
#define OUTCOME_REJECTED "rejected"
#define OUTCOME_EXPIRED "expired"
#define OUTCOME_SUPPLEMENT "supplement"
#define OUTCOME_FAILED "failed"
#define OUTCOME_CONFIRMATION "confirmation"
#define OUTCOME_INTERVIEW "interview"
#define OUTCOME_PASSED "passed"
#define OUTCOME_CERTIFIED "certified"
#define OUTCOME_CONFIRMED "true"
#define OUTCOME_NOT_CONFIRMED "false"
#define OUTCOME_REOPEN "reopen"		/* a reconsideration's (R12) */
#define OUTCOME_CONFIRM "confirm"

/* ---- the states of an application (pipeline/README.md) ---- */
#define STATE_IN_REVIEW "in-review"
#define STATE_RETURNED "returned"
#define STATE_REJECTED "rejected"
#define STATE_EXPIRED "expired"
#define STATE_SUPPLEMENT_REQUESTED "supplement-requested"
#define STATE_AWAITING_INTERVIEW "awaiting-interview"
#define STATE_AWAITING_CONFIRMATION "awaiting-confirmation"
#define STATE_PUBLICITY "publicity"
#define STATE_ON_HOLD "on-hold"
#define STATE_FAILED "failed"
#define STATE_CERTIFIED "certified"
#define STATE_WITHDRAWN "withdrawn"

/* ---- the letters to an applicant (xslt/notice-KIND.xsl) ---- */
#define LETTER_ACKNOWLEDGMENT "acknowledgment"	/* 受理: accepted into review (R9) */
#define LETTER_RETURNED "returned"
#define LETTER_REJECTED "rejected"
#define LETTER_EXPIRED "expired"
#define LETTER_SUPPLEMENT "supplement"
#define LETTER_FAILED "failed"
#define LETTER_INTERVIEW "interview"
#define LETTER_CERTIFIED "certified"
#define LETTER_WITHDRAWN "withdrawn"
#define LETTER_RECONSIDERATION "reconsideration"

/* ---- reason codes (formats.md §5) ---- */
#define REASON_ARCHIVE_UNREADABLE "archive-unreadable"
#define REASON_ARCHIVE_UNSAFE "archive-unsafe"
#define REASON_ARCHIVE_TOO_LARGE "archive-too-large"
#define REASON_ARCHIVE_ENCRYPTED "archive-encrypted"
#define REASON_NO_APPLICATION "no-application"
#define REASON_XML_MALFORMED "xml-malformed"
#define REASON_DUPLICATE_PACKAGE "duplicate-package"
#define REASON_DUPLICATE_APPLICATION "duplicate-application"
#define REASON_IDENTITY_MISMATCH "identity-mismatch"
#define REASON_INPUT_UNREADABLE "input-unreadable"
#define REASON_INPUT_NOT_FILE "input-not-file"
#define REASON_SCHEMA "schema"
#define REASON_EVIDENCE_MISSING "evidence-missing"
#define REASON_EVIDENCE_CHECKSUM "evidence-checksum"
#define REASON_EVIDENCE_IDENTITY "evidence-identity"
#define REASON_EVIDENCE_EDUCATION "evidence-education"
#define REASON_EVIDENCE_CLASSIFIED "evidence-classified"
#define REASON_STATEMENT_LENGTH "statement-length"
#define REASON_STATEMENT_LANGUAGE "statement-language"
#define REASON_COMMITMENT_UNSIGNED "commitment-unsigned"
#define REASON_IDENTITY_INVALID "identity-invalid"
#define REASON_PROJECTS_COUNT "projects-count"
#define REASON_NOT_MEMBER "not-member"
#define REASON_FIELD_NOT_AUTHORIZED "field-not-authorized"
#define REASON_INSUFFICIENT_EXPERIENCE "insufficient-experience"
#define REASON_BANNED "banned"
#define REASON_LEVEL_SKIP "level-skip"
#define REASON_NOT_HOLDER "not-holder"
#define REASON_ALREADY_REGISTERED "already-registered"
#define REASON_RENEWAL_UNKNOWN "renewal-unknown"
#define REASON_RENEWAL_WINDOW "renewal-window"
#define REASON_RENEWAL_LEVEL "renewal-level"
#define REASON_RENEWAL_STATUS "renewal-status"
#define REASON_CPD_INSUFFICIENT "cpd-insufficient"
#define REASON_RESUBMISSION_EXPIRED "resubmission-expired"
#define REASON_SUPPLEMENT_EXPIRED "supplement-expired"
#define REASON_REVIEW_SUPPLEMENT "review-supplement"
#define REASON_DIMENSION_NOT_MET "dimension-not-met"
#define REASON_OBJECTION_UPHELD "objection-upheld"
#define REASON_SCORE_TOTAL "score-total"
#define REASON_SCORE_KNOWLEDGE "score-knowledge"
#define REASON_SCORE_ETHICS "score-ethics"
#define REASON_RECORD_INVALID "record-invalid"
#define REASON_RECORD_UNKNOWN_APPLICATION "record-unknown-application"
#define REASON_RECORD_WRONG_STATE "record-wrong-state"
#define REASON_RECORD_DUPLICATE "record-duplicate"
#define REASON_EXAMINER_UNKNOWN "examiner-unknown"
#define REASON_EXAMINER_CONFLICT "examiner-conflict"
#define REASON_WITHDRAWN "withdrawn"

/* What a reason code does (formats.md §5's last column). */
enum reason_class {
	REASON_CLASS_QUARANTINE,	/* the input is quarantined; no dossier changes */
	REASON_CLASS_LEFT,		/* the input stays in the dropbox; status names it */
	REASON_CLASS_RETURN,		/* validation returns the application for correction */
	REASON_CLASS_REJECTION,		/* validation rejects it: final */
	REASON_CLASS_EXPIRY,		/* a deadline passed: final */
	REASON_CLASS_SUPPLEMENT,	/* the review asks for more material */
	REASON_CLASS_FAILURE,		/* the review, interview or publicity fails it: final */
	REASON_CLASS_REFUSAL,		/* a record is refused; the application untouched */
	REASON_CLASS_WITHDRAWAL		/* the applicant withdrew: final (R12) */
};

struct reason_code {
	const char *code;		/* REASON_ */
	enum reason_class class;
	const char *rule;		/* process.md's rule, or formats.md's section */
};

/* What follows from a stage's result: the state it leads to and the letter
 * it calls for. */
enum run_count {
	COUNT_NONE,
	COUNT_ACCEPTED, COUNT_RETURNED, COUNT_REJECTED, COUNT_EXPIRED	/* run_summary's */
};

struct outcome {
	const char *result;		/* RESULT_ */
	const char *outcome;		/* OUTCOME_; NULL for any (a result without outcome) */
	const char *state;		/* STATE_ it sets; NULL when a later step decides
					 * (a pass enters publicity, or is certified at once) */
	const char *letter;		/* LETTER_ to the applicant, NULL for none */
	enum run_count count;		/* the run summary's count it adds to */
	const char *rule;
};

extern const struct reason_code reason_table[];
extern const size_t reason_table_size;
extern const struct outcome outcome_table[];
extern const size_t outcome_table_size;

/* The row of a reason code, NULL for a code formats.md does not know. */
const struct reason_code *reason_find(const char *code);
/* 1 if the code is of class `class`. */
int reason_is(const char *code, enum reason_class class);

/* The row of (result, outcome), NULL if none. */
const struct outcome *outcome_find(const char *result, const char *outcome);
/* The row of a result element as a stage wrote it, NULL if it is no stage
 * result (a submission, a record, a notice) or has an outcome not tabled. */
const struct outcome *outcome_of(xmlNodePtr result);

/* The reason code of a package that could not be read (REASON_ARCHIVE_...),
 * "" for PACKAGE_OK. */
const char *package_result_code(enum package_result result);

#endif
