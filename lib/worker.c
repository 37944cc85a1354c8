/* worker.c - a worker thread's set-up, and a helper thread started with a
 * small stack (worker.h). */
#include "worker.h"

#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "xml.h"

/* How much lower a worker's priority is than the thread it works for. */
#define WORKER_NICENESS 5

void worker_thread_setup(void)
{
	int niceness;

	xml_thread_setup();
	/* Workers get ahead within a window, so they yield to the filing
	 * thread (Linux: the niceness of one thread; failing, they merely
	 * don't). */
	errno = 0;
	niceness = getpriority(PRIO_PROCESS, (id_t)gettid());
	if (errno == 0)
		setpriority(PRIO_PROCESS, (id_t)gettid(), niceness + WORKER_NICENESS);
}

int thread_start_with_stack(pthread_t *thread, size_t stack_size, void *(*run)(void *),
			    void *argument)
{
	pthread_attr_t attributes;
	int started;

	if (pthread_attr_init(&attributes) != 0)
		return 0;
	started = pthread_attr_setstacksize(&attributes, stack_size) == 0 &&
		  pthread_create(thread, &attributes, run, argument) == 0;
	pthread_attr_destroy(&attributes);
	return started;
}
