/* consequences.h - what follows from a stage's result (consequences.c):
 * letters, certificates, register entries, publicity, wake-up markers, and
 * the dossier itself, written into the run's open transaction. */
#ifndef ECAP_CONSEQUENCES_H
#define ECAP_CONSEQUENCES_H

#include "batch.h"

/* Runs the stages over a dossier and writes all that follows from what they
 * decided: letters, certificates, register entries, publicity, markers, and
 * the dossier itself. */
int settle_dossier(struct batch *batch, struct dossier *dossier, struct error *err);
/* The last day of the dossier's current period (a deadline, the end of
 * publicity), "" for none. */
void period_end(const struct dossier *dossier, char *out, size_t size);
/* store/wakeups/<date>_<id> */
void wakeup_marker(const char *date, const char *id, char *out, size_t size);

#endif
