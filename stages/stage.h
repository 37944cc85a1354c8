/* stage.h - the stages: functions from dossier to dossier.
 *
 * A stage reads the dossier, the policy and (read-only) the register, and
 * appends its result to the dossier. It never touches the state store,
 * prints, or exits: the batch driver and the stage filters do that.
 */
#ifndef ECAP_STAGE_H
#define ECAP_STAGE_H

#include "calendar.h"
#include "dossier.h"
#include "error.h"
#include "policy.h"

struct schema;

/* A member's current certificate, as the register knows it. */
struct holding {
	char registration[64];
	char identity[128];		/* the holder's normalised identity (identity.h) */
	char name[128];
	int level;			/* enum level */
	char status[16];		/* valid suspended cancelled revoked expired */
	day_t issued;
	day_t expires;
};

/* A new certificate's numbers: the holder's registration number (kept for
 * life) and the certificate's serial (registration-N). */
struct certificate_slot {
	char registration[64];
	char serial[96];
};

/* Access to the register, provided by the caller: read-only, but for the one
 * thing a certification needs, numbers that are never reused or skipped. */
struct register_view {
	void *context;
	/* Identities are normalised (identity_normalise): one person, one identity. */
	/* 1 if the identity is banned for life, 0 if not, -1 on error. */
	int (*is_banned)(void *context, const char *identity, struct error *err);
	/* 1 and the person's registration number (kept for life) in
	 * registration if the identity ever held a certificate, 0 if not, -1
	 * on error. */
	int (*find_registration)(void *context, const char *identity, char *registration,
				 size_t size, struct error *err);
	/* 1 and *holding filled if the registration exists, 0 if not, -1 on error. */
	int (*find_holding)(void *context, const char *registration, struct holding *holding,
			    struct error *err);
	/* The numbers for a new certificate of the person with this identity:
	 * `registration` ("" for a first certificate) is kept; otherwise the
	 * person's registration if they ever had one, else the next in sequence.
	 * 0 on success, -1 on error. */
	int (*allocate_certificate)(void *context, const char *identity,
				    const char *registration, struct certificate_slot *slot,
				    struct error *err);
};

/* A register that holds nothing: for filters run without a state directory. */
extern const struct register_view empty_register;

struct stage_context {
	const struct policy *policy;
	struct schema *application_schema;
	const struct register_view *register_view;
	day_t date;			/* the run's effective date */
};

/* Validation (R1, R2, R3, R2's resubmission deadline). Brings the dossier's
 * validation up to date as of context->date: a returned application whose
 * deadline has passed expires; a submission not yet validated is validated,
 * every finding recorded, and the state set to in-review, returned (with a
 * deadline), rejected or expired. Returns 1 if it appended a result, 0 if
 * there was nothing to do, -1 on an internal error. */
int stage_validate(const struct stage_context *context, struct dossier *dossier,
		   struct error *err);

/* 1 if the application can still go on: its state is not a final one
 * (rejected, expired, failed, certified). */
int application_is_open(const struct dossier *dossier);

/* Material review (R4): applies the review records waiting in the dossier
 * (examiner on the roster, no conflict of interest, one per examiner and
 * round) and, once the policy's quorum is in, decides: supplement, failed,
 * confirmation (simplified route, R6), interview or passed (into publicity).
 * Returns 1 if it changed the dossier, 0 if not, -1 on error. */
int stage_review(const struct stage_context *context, struct dossier *dossier,
		 struct error *err);

/* Interview (R5): applies the first valid interview sheet of an application
 * awaiting interview and scores it against the level's scale. */
int stage_interview(const struct stage_context *context, struct dossier *dossier,
		    struct error *err);

/* Certification (R6, R6b, R7, R8): the secretariat's confirmation,
 * publicity with its objections and resolutions, and the certificate, for
 * applications that passed and re-registrations that validated. */
int stage_certify(const struct stage_context *context, struct dossier *dossier,
		  struct error *err);

/* Withdrawal (R12): applies the withdrawals waiting in the dossier; an open
 * application becomes withdrawn, a closed one refuses it (record-wrong-state). */
int stage_withdraw(const struct stage_context *context, struct dossier *dossier,
		   struct error *err);

/* Reconsideration (R12) of a rejected or failed application: confirm, or
 * reopen (a rejected one is validated again by stage_validate, a failed one
 * returns to in-review for a fresh round of review records). */
int stage_reconsider(const struct stage_context *context, struct dossier *dossier,
		     struct error *err);

/* 1 if a reconsideration reopened a rejected application that has not been
 * validated since. */
int reconsideration_awaits_validation(const struct dossier *dossier);

/* Every stage in order, as the batch runs them; returns 1 if any changed
 * the dossier. Records no stage could take are refused as record-wrong-state. */
int stages_run(const struct stage_context *context, struct dossier *dossier,
	       struct error *err);

/* For the stages: an application that passed enters publicity (R6b), or is
 * certified at once when the policy's publicity lasts 0 days. */
int publicity_begin(const struct stage_context *context, struct dossier *dossier,
		    struct error *err);

#endif
