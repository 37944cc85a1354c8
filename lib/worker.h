/* worker.h - what a worker thread does first: libxml2's per-thread
 * settings, and a lower priority than the thread the work is for (the run's
 * filing thread, which the run waits for). Used by the package workers and
 * the typesetting workers of a batch (worker.c). And how a helper thread
 * that holds little (the audit archive's writer, a commit behind) is
 * started with a stack of its own size. */
#ifndef ECAP_WORKER_H
#define ECAP_WORKER_H

#include <pthread.h>
#include <stddef.h>

void worker_thread_setup(void);

/* Starts run(argument) on a thread with a stack of stack_size bytes, so
 * that a run's address space, bounded under ulimit -v, grows by that and
 * not by the default 8 MiB: 1, or 0 when no thread can be had (the caller
 * does the work itself then). */
int thread_start_with_stack(pthread_t *thread, size_t stack_size, void *(*run)(void *),
			    void *argument);

#endif
