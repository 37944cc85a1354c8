/* driver.h - one batch run over a state directory (`ecap run`).
 *
 * The run takes the lock, finishes what a killed run committed, then takes
 * every ready input from the dropbox in arrival order — records first, then
 * packages — moves each application as far as its inputs allow, expires
 * returned applications whose deadline passed, and writes the notices. Every
 * decision is committed to the store before it is reported.
 */
#ifndef ECAP_DRIVER_H
#define ECAP_DRIVER_H

#include <limits.h>
#include <stddef.h>
#include "calendar.h"
#include "error.h"

struct run_options {
	const char *state_dir;
	day_t date;			/* the run's effective date */
	int verbose;			/* log each input on stderr */
	int jobs;			/* threads preparing packages (1: none) */
	/* above 1 job, the program whose `typeset` command typesets the
	 * workers' PDFs in processes of their own (typesetter.h): the run's
	 * own executable; NULL: on the worker threads (tests) */
	const char *typesetter;
	/* called as inputs are taken (may be NULL): done of total, and what
	 * the run is doing ("records", "packages", "sweep", "archive") */
	void (*progress)(void *context, size_t done, size_t total, const char *stage);
	void *progress_context;
};

struct run_summary {
	char run_id[64];
	size_t recovered;		/* transactions finished for a killed run */
	size_t waiting;			/* dropbox files not yet settled */
	size_t packages;		/* packages taken into the store */
	size_t records;			/* records taken */
	size_t records_refused;
	size_t quarantined;
	size_t accepted, returned, rejected, expired;	/* validation outcomes */
	size_t records_applied;
	size_t certified;
	size_t register_changes;		/* status actions and expiries applied */
	size_t notices;
	int calendar_covered;		/* the run date's year is in the policy calendar */
	int unsigned_run;		/* no signing key: documents issued unsigned */
	char placeholders[256];		/* policy values still the default's placeholders */
	char log_path[PATH_MAX];	/* relative to the state directory */
	char audit_path[PATH_MAX];	/* the run's audit archive, "" if none */
	char report_path[PATH_MAX];	/* the run's report (HTML), "" if none */
};

/* Returns an exit code of exits.h: EXIT_OK when the run completed, whatever
 * the applications' outcomes; otherwise err says what stopped it. */
int driver_run(const struct run_options *options, struct run_summary *summary,
	       struct error *err);

#endif
