/* register.h - the certificate register as the state store keeps it, read
 * and written inside the run's transactions.
 *
 * store/register/<registration>.xml   one member: <member registration name
 *     identity idMasked field fieldName banned notices> with one <certificate
 *     serial level issued expires status application/> per certificate, the
 *     current one last. `notices` counts the letters sent to the member;
 *     `identity` is the normalised identity (identity_normalise).
 * store/identities/<sha256 of identity>.xml  <identity registration banned/>:
 *     the person's registration number (one per person, for life) and a
 *     lifetime ban. Files are named by the SHA-256 of the normalised identity,
 *     never by it (layout version 2; version 1 used the ID number as written).
 * store/registration-sequence         the last sequence number given.
 * store/expiries/<expires>_<registration>   one marker per certificate
 *     issued, so that expiry never reads the whole register.
 * store/reminders/<expires>_<registration>  the reminder before expiry was
 *     sent (R9, once per certificate); named like the expiry marker, so the
 *     reminder sweep lists the expiry markers' names and reads a member file
 *     only for a certificate due and not yet reminded. A state from before
 *     reminders has no such marker: its valid certificates in the window get
 *     their one reminder at the next run, as they should; none is sent for
 *     an expired, superseded, suspended or revoked certificate.
 */
#ifndef ECAP_REGISTER_H
#define ECAP_REGISTER_H

#include <libxml/tree.h>
#include "dossier.h"
#include "stage.h"
#include "store.h"

struct register_store {
	struct store *store;
	struct transaction *transaction;	/* the open one, where writes go */
	const struct policy *policy;
};

/* A register_view over the store: reads see the open transaction, and
 * allocate_certificate writes the sequence into it. */
void register_view_for_store(struct register_view *view, struct register_store *rs);

/* 1 if text can be a registration number and so a file name. */
int registration_is_safe(const char *registration);

/* Enters the certificate just certified in the dossier into the register:
 * the member file (the previous certificate superseded), the identity file,
 * the expiry marker. */
int register_record_certification(struct register_store *rs, const struct dossier *dossier,
				  xmlNodePtr certification, struct error *err);

/* What became of a status action. */
struct action_outcome {
	char code[64];			/* the reason code when refused, else "" */
	char message[512];
	xmlDocPtr change;		/* a registerChange document when applied; caller frees */
	char banned[128];		/* the normalised identity a revocation for
					 * fraud banned, else "" */
};

/* Applies a statusAction record (suspend, restore, cancel, revoke) dated
 * `date`; a revoke for fraud bans the holder for life. */
int register_apply_action(struct register_store *rs, xmlNodePtr action, day_t date,
			  struct action_outcome *outcome, struct error *err);

/* Expires the certificates whose expiry date is before `date`; calls
 * `changed` with each registerChange document (which it must free). */
int register_expire(struct register_store *rs, day_t date,
		    int (*changed)(void *context, xmlDocPtr change, struct error *err),
		    void *context, struct error *err);

/* Sends the reminder before expiry (R9): for each valid current certificate
 * expiring on `date` or later and no more than `months` months after it, not
 * yet reminded, calls `changed` with a registerChange document of action
 * "remind" (which it must free) and marks the certificate as reminded. */
int register_remind(struct register_store *rs, day_t date, int months,
		    int (*changed)(void *context, xmlDocPtr reminder, struct error *err),
		    void *context, struct error *err);

/* Layout version 2 (upgrade.c): the register and the bans as version 1
 * kept them, under the ID number as submitted, moved to the normalised
 * identity (identity_normalise): member files' identity attribute rewritten,
 * identity files renamed, and a person known by two spellings made one,
 * keeping the first registration number and any ban. */
int register_normalise_identities(struct store *store, struct transaction *transaction,
				  struct error *err);

/* The public register (formats.md §4, xsd/register.xsd), without ID numbers. */
xmlDocPtr register_build(const char *state_dir, struct error *err);

/* each(member, context) for every member file of the register, in the
 * order of their names, one parsed at a time (a file that does not parse
 * is skipped, as register_build skips it): for documents built from the
 * register without holding it whole twice. */
int register_each_member(const char *state_dir,
			 void (*each)(xmlNodePtr member, void *context), void *context,
			 struct error *err);

#endif
