/* worker.h - what a worker thread does first: libxml2's per-thread
 * settings, and a lower priority than the thread the work is for (the run's
 * filing thread, which the run waits for). Used by the package workers and
 * the typesetting workers of a batch (worker.c). */
#ifndef ECAP_WORKER_H
#define ECAP_WORKER_H

void worker_thread_setup(void);

#endif
