/* input_memory.c - the mappings inputs are read into (input_memory.h), a
 * few of them kept for the next inputs instead of unmapped.
 *
 * A fresh anonymous mapping costs the kernel a page fault and a zeroed page
 * for every 4 KiB the read fills, and unmapping it a TLB flush on every CPU
 * the run's threads used: in the packages run of 1,000 (280 MB) about 70,000
 * of its 86,000 page faults. A mapping given back is kept, its pages still
 * there, while the kept ones hold at most INPUT_MEMORY_KEPT_BYTES; the next
 * input takes the smallest kept mapping it fits in. What a kept mapping
 * held before is never read again: an input's bytes are the first size
 * bytes, which its read overwrote, and the NUL after them.
 *
 * Inputs are read on the preparing threads and given back on the filing
 * thread, so the kept mappings are behind a mutex, one per process. */
#include "input_memory.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>

/* A mapping's size is a multiple of this, so that inputs of about the same
 * size can take each other's. */
#define INPUT_MEMORY_GRAIN ((size_t)64 << 10)

/* What the kept mappings hold at most, and how many there are at most: a
 * run's resident memory grows by no more (eight packages of the benchmark's
 * 280 KB; one of 8 MB is never kept). */
#define INPUT_MEMORY_KEPT_BYTES ((size_t)8 << 20)
#define INPUT_MEMORY_KEPT_COUNT 16

struct kept_mapping {
	void *bytes;
	size_t capacity;
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_mapping kept[INPUT_MEMORY_KEPT_COUNT];
static size_t kept_count, kept_bytes;

/* Takes out of the kept mappings the smallest of at least capacity bytes;
 * NULL when none is. */
static void *take_kept(size_t capacity, size_t *taken_capacity)
{
	size_t best, i;
	void *bytes = NULL;

	pthread_mutex_lock(&kept_lock);
	best = kept_count;	/* none yet: read under the lock */
	for (i = 0; i < kept_count; i++)
		if (kept[i].capacity >= capacity &&
		    (best == kept_count || kept[i].capacity < kept[best].capacity))
			best = i;
	if (best < kept_count) {
		bytes = kept[best].bytes;
		*taken_capacity = kept[best].capacity;
		kept_bytes -= kept[best].capacity;
		kept[best] = kept[--kept_count];
	}
	pthread_mutex_unlock(&kept_lock);
	return bytes;
}

void *input_memory_take(size_t size, size_t *capacity)
{
	size_t rounded;
	void *bytes;

	if (size > SIZE_MAX - INPUT_MEMORY_GRAIN)
		return NULL;
	rounded = (size + INPUT_MEMORY_GRAIN - 1) / INPUT_MEMORY_GRAIN * INPUT_MEMORY_GRAIN;
	bytes = take_kept(rounded, capacity);
	if (bytes)
		return bytes;
	bytes = mmap(NULL, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bytes == MAP_FAILED)
		return NULL;
	*capacity = rounded;
	return bytes;
}

void input_memory_give(void *bytes, size_t capacity)
{
	int keep;

	if (!bytes)
		return;
	pthread_mutex_lock(&kept_lock);
	keep = kept_count < INPUT_MEMORY_KEPT_COUNT &&
	       capacity <= INPUT_MEMORY_KEPT_BYTES - kept_bytes;
	if (keep) {
		kept[kept_count++] = (struct kept_mapping){ bytes, capacity };
		kept_bytes += capacity;
	}
	pthread_mutex_unlock(&kept_lock);
	if (!keep)
		munmap(bytes, capacity);
}

void input_memory_release_kept(void)
{
	pthread_mutex_lock(&kept_lock);
	while (kept_count > 0) {
		kept_count--;
		munmap(kept[kept_count].bytes, kept[kept_count].capacity);
	}
	kept_bytes = 0;
	pthread_mutex_unlock(&kept_lock);
}

size_t input_memory_kept_bytes(void)
{
	size_t bytes;

	pthread_mutex_lock(&kept_lock);
	bytes = kept_bytes;
	pthread_mutex_unlock(&kept_lock);
	return bytes;
}
