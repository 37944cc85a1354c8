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
	char identity[64];		/* the holder's ID document number */
	char name[128];
	int level;			/* enum level */
	char status[16];		/* valid suspended cancelled revoked expired */
	day_t issued;
	day_t expires;
};

/* Read-only access to the register, provided by the caller. */
struct register_view {
	void *context;
	/* 1 if the identity is banned for life, 0 if not, -1 on error. */
	int (*is_banned)(void *context, const char *identity, struct error *err);
	/* 1 and *holding filled if the registration exists, 0 if not, -1 on error. */
	int (*find_holding)(void *context, const char *registration, struct holding *holding,
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

#endif
