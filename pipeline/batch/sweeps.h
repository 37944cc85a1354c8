/* sweeps.h - what came due without an input (sweeps.c). */
#ifndef ECAP_SWEEPS_H
#define ECAP_SWEEPS_H

#include "batch.h"

/* Periods that ended before the run's date: returns expire, publicity ends. */
int sweep_wakeups(struct batch *batch, struct error *err);
/* Certificates whose validity ended before the run's date. */
int sweep_expiries(struct batch *batch, struct error *err);
/* The reminders before expiry (R9), policy notices reminderMonths before. */
int sweep_reminders(struct batch *batch, struct error *err);

#endif
