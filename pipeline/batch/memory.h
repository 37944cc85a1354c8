/* memory.h - a run's memory, bounded before it starts, and running out of
 * it inside a library ending the run cleanly (operations.md "Reliability":
 * running out of memory ends the run with a message and exit 74, never a
 * crash; the state resumes as after a kill).
 *
 * A run refuses to start when its address-space limit (RLIMIT_AS, `ulimit
 * -v`) cannot hold a run with one worker, and caps --jobs at the workers
 * that fit, under that limit and under the memory available. */
#ifndef ECAP_MEMORY_H
#define ECAP_MEMORY_H

#include <stddef.h>
#include "error.h"

/* The address space a run needs with one worker: the libraries, the CJK
 * fonts the letters and certificates are drawn with (mapped whole), the
 * stylesheets and schemas, and a package of ordinary size being read; a
 * phase-2 run of the crash corpus measured 360-400 MiB. */
#define MEMORY_RUN_BYTES ((size_t)512 << 20)
/* Each worker more: its malloc arena (64 MiB of address space reserved),
 * its stack (8 MiB) and the packages of its window. */
#define MEMORY_WORKER_BYTES ((size_t)96 << 20)
/* What a run keeps resident with one worker, and each worker more. */
#define MEMORY_RUN_RESIDENT ((size_t)160 << 20)
#define MEMORY_WORKER_RESIDENT ((size_t)32 << 20)
/* With more than one job, each job also has a typesetting worker: a thread
 * of the run (its malloc arena and stack, the letters' stylesheets it
 * applies, the window of outputs waiting to be written) and the process it
 * typesets in (typesetter.h), which has an address space of its own under
 * the same `ulimit -v` (the libraries, the CJK fonts mapped, a certificate
 * being drawn: 324-449 MB, less than a run of one job needs) and its own
 * resident memory. A run of one job typesets on its own thread.
 * Measured (2026-12-03, the certification run of 1,000 applications): with
 * --jobs 1 the run's address space peaks at 382 MB and it keeps 51 MB
 * resident; with --jobs 2 the run 288 MB and 30 MB, each typesetting
 * process 40 MB resident, of which 23 MB its own (Pss: the rest is the
 * libraries and fonts' pages, shared). The run's address space per worker
 * below stays the bound it was when PDFs were typeset on its threads. */
#define MEMORY_RENDER_WORKER_BYTES ((size_t)128 << 20)
#define MEMORY_RENDER_WORKER_RESIDENT ((size_t)32 << 20)

struct memory_plan {
	int jobs;			/* the workers that fit (at most those asked for) */
	size_t limit;			/* RLIMIT_AS in bytes, 0 when there is none */
	size_t available;		/* MemAvailable, or the cgroup's room if less; 0: unknown */
	const char *capped_by;		/* "ulimit -v", "available memory", or NULL */
};

/* Plans a run of `requested` workers: -1 with err saying how much is needed
 * when not even one fits under RLIMIT_AS, else 0 and the plan. */
int memory_plan_run(int requested, struct memory_plan *plan, struct error *err);

/* glibc's thresholds for a run's process, fixed where typesetting used to
 * leave them. glibc maps an allocation of 128 KiB or more on its own and
 * unmaps it when freed, and raises that threshold (and the one for giving
 * a heap's top back) to the size of the largest such block freed: cairo's
 * copies of the fonts' tables, megabytes each, raised them early in a run
 * that typeset. Since a run with --jobs above 1 typesets in other processes
 * (typesetter.h), nothing raised them, and every letter's e-mail, whose
 * GMime buffers of 100-300 KB were each mapped, filled with zeroed pages and
 * unmapped, cost the run ten times the page faults and more time than its
 * typesetting saved (BENCH.md, session 12). Called by `ecap run` first, and
 * by each `ecap typeset` process: there every document's font subsets
 * allocate about 2.4 MB (cairo's tables of the font's 49,500 glyphs, two
 * subsets a letter) and free them, and with glibc's own thresholds the
 * heap's top went back to the kernel after each and was faulted in again
 * for the next (BENCH.md, session 15). */
#define MEMORY_MMAP_THRESHOLD ((size_t)4 << 20)
#define MEMORY_TRIM_THRESHOLD ((size_t)8 << 20)
void memory_set_allocator_thresholds(void);

/* Makes an allocation that fails inside libxml2/libxslt or GLib (Pango,
 * fontconfig's users) end the process with a message and exit 74 instead
 * of a crash or a wrong answer (a document taken for malformed): every write
 * of a run is transactional, so stopping anywhere is as safe as a kill. To
 * be called first thing in main, before any library allocates. */
void memory_install_handlers(void);

#endif
