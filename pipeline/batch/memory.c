/* memory.c - a run's memory bounded up front, and allocation failure inside
 * a library ending the process cleanly; see memory.h. */
#include "memory.h"

#include <glib.h>
#include <libxml/xmlmemory.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "exits.h"

/* MemAvailable from /proc/meminfo, in bytes; 0 when unknown. */
static size_t available_memory(void)
{
	FILE *in = fopen("/proc/meminfo", "r");
	char line[256];
	unsigned long long kib = 0;

	if (!in)
		return 0;
	while (fgets(line, sizeof(line), in))
		if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
			break;
	fclose(in);
	return (size_t)kib * 1024;
}

/* What the run's cgroup (v2) still allows, memory.max less memory.current,
 * in bytes: a systemd unit's MemoryMax=, which neither RLIMIT_AS nor
 * MemAvailable shows; 0 when there is no such limit. */
static size_t cgroup_room(void)
{
	char line[4096], path[4200];
	unsigned long long max = 0, current = 0;
	FILE *in = fopen("/proc/self/cgroup", "r");
	int found = 0;

	if (!in)
		return 0;
	while (!found && fgets(line, sizeof(line), in))
		if (strncmp(line, "0::", 3) == 0) {
			line[strcspn(line, "\n")] = '\0';
			found = 1;
		}
	fclose(in);
	if (!found)
		return 0;
	snprintf(path, sizeof(path), "/sys/fs/cgroup%s/memory.max", line + 3);
	in = fopen(path, "r");
	if (!in)
		return 0;
	found = fscanf(in, "%llu", &max) == 1;	/* "max" when unlimited */
	fclose(in);
	if (!found)
		return 0;
	snprintf(path, sizeof(path), "/sys/fs/cgroup%s/memory.current", line + 3);
	in = fopen(path, "r");
	if (in) {
		if (fscanf(in, "%llu", &current) != 1)
			current = 0;
		fclose(in);
	}
	return max > current ? (size_t)(max - current) : 1;
}

static size_t address_space_limit(void)
{
	struct rlimit limit;

	if (getrlimit(RLIMIT_AS, &limit) < 0 || limit.rlim_cur == RLIM_INFINITY)
		return 0;
	return (size_t)limit.rlim_cur;
}

/* What a run of `jobs` needs: the base with one job; each job more, a
 * package worker; with more than one, a typesetting thread per job. */
static size_t needed_for(int jobs, size_t base, size_t worker, size_t render)
{
	return base + (size_t)(jobs - 1) * worker + (jobs > 1 ? (size_t)jobs * render : 0);
}

/* How many jobs fit in `room` bytes (at most 64); 0 when not even one. */
static int workers_in(size_t room, size_t base, size_t worker, size_t render)
{
	int jobs = 0;

	while (jobs < 64 && needed_for(jobs + 1, base, worker, render) <= room)
		jobs++;
	return jobs;
}

int memory_plan_run(int requested, struct memory_plan *plan, struct error *err)
{
	size_t room;
	int fit;

	plan->jobs = requested;
	plan->capped_by = NULL;
	plan->limit = address_space_limit();
	plan->available = available_memory();
	room = cgroup_room();
	if (room && (!plan->available || room < plan->available))
		plan->available = room;
	if (plan->limit) {
		fit = workers_in(plan->limit, MEMORY_RUN_BYTES, MEMORY_WORKER_BYTES,
				 MEMORY_RENDER_WORKER_BYTES);
		if (fit == 0)
			return error_set(err, "not enough memory to run: the address-space limit "
					 "(ulimit -v) is %zu MiB and a run needs at least %zu MiB; "
					 "nothing was done", plan->limit >> 20,
					 MEMORY_RUN_BYTES >> 20);
		if (fit < plan->jobs) {
			plan->jobs = fit;
			plan->capped_by = "ulimit -v";
		}
	}
	/* The memory available is a moment's figure, and the kernel can free
	 * more: it caps the workers, but never stops a run of one. */
	if (plan->available) {
		fit = workers_in(plan->available, MEMORY_RUN_RESIDENT, MEMORY_WORKER_RESIDENT,
				 MEMORY_RENDER_WORKER_RESIDENT);
		if (fit < 1)
			fit = 1;
		if (fit < plan->jobs) {
			plan->jobs = fit;
			plan->capped_by = "available memory";
		}
	}
	return 0;
}

/* ---- allocation failure inside a library ---- */

void memory_set_allocator_thresholds(void)
{
	mallopt(M_MMAP_THRESHOLD, (int)MEMORY_MMAP_THRESHOLD);
	mallopt(M_TRIM_THRESHOLD, (int)MEMORY_TRIM_THRESHOLD);
}

static void out_of_memory(const char *where)
{
	static const char prefix[] = "ecap: out of memory in ";
	static const char suffix[] = ": the run stops here; the next run resumes it as "
				     "after a kill\n";
	ssize_t ignored;

	/* write(2), not stdio: there may be no memory for a buffer */
	ignored = write(STDERR_FILENO, prefix, sizeof(prefix) - 1);
	ignored = write(STDERR_FILENO, where, strlen(where));
	ignored = write(STDERR_FILENO, suffix, sizeof(suffix) - 1);
	(void)ignored;
	_exit(EXIT_IO);
}

static void *xml_malloc(size_t size)
{
	void *memory = malloc(size);

	if (!memory && size)
		out_of_memory("libxml2");
	return memory;
}

static void *xml_realloc(void *old, size_t size)
{
	void *memory = realloc(old, size);

	if (!memory && size)
		out_of_memory("libxml2");
	return memory;
}

static char *xml_strdup(const char *text)
{
	char *copy = strdup(text);

	if (!copy)
		out_of_memory("libxml2");
	return copy;
}

/* GLib ends the process on a fatal error (g_error: an allocation or a thread
 * that failed, in GLib itself or in Pango) by a trap after the handler: the
 * handler ends it first, cleanly. Other messages keep GLib's own handler. */
static void glib_message(const gchar *domain, GLogLevelFlags level, const gchar *message,
			 gpointer data)
{
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL)) {
		char where[512];

		snprintf(where, sizeof(where), "%s (%s)", domain ? domain : "GLib",
			 message ? message : "a fatal error");
		out_of_memory(where);
	}
	g_log_default_handler(domain, level, message, data);
}

void memory_install_handlers(void)
{
	xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
	g_log_set_default_handler(glib_message, NULL);
}
