/* publish.h - what the society makes public (publish.c): certificate
 * status changes and the applicants entering publicity, queued in the store
 * and written out as the run's public notices. */
#ifndef ECAP_PUBLISH_H
#define ECAP_PUBLISH_H

#include "batch.h"

/* A change of a certificate's status: the holder's letter now, the public
 * notice and the federation's report at the end of the run. Frees change. */
int publish_register_change(struct batch *batch, xmlDocPtr change, struct error *err);
/* The reminder before a certificate's expiry (R9): the holder's letter
 * out/notices/<registration>/NN-reminder.* and its e-mail. Frees reminder. */
int publish_reminder_letter(struct batch *batch, xmlDocPtr reminder, struct error *err);
/* An application that entered publicity, for the run's public notice. */
int queue_publicity_entry(struct batch *batch, const struct dossier *dossier, struct error *err);
/* Writes the run's public notices and report from what was queued. */
int publish_run(struct batch *batch, struct error *err);

#endif
