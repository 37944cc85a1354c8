/* progress.h - showing a run's progress to the person who started it: a bar
 * redrawn in place on a terminal, a plain line every few seconds otherwise. */
#ifndef ECAP_PROGRESS_H
#define ECAP_PROGRESS_H

#include <stdio.h>

struct progress {
	FILE *out;
	int terminal;			/* out is a terminal: redraw in place */
	double started;			/* seconds, monotonic */
	double last_shown;
	int shown;
};

void progress_init(struct progress *progress, FILE *out);
/* The driver's callback (run_options.progress). */
void progress_update(void *context, size_t done, size_t total, const char *stage);
/* Clears the bar before the summary is printed. */
void progress_finish(struct progress *progress);

#endif
