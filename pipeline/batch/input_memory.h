/* input_memory.h - the memory an input's bytes are read into: anonymous
 * mappings, never the malloc heap (batch.c says why), of which up to 8 MiB
 * given back are kept for the next inputs instead of unmapped, so that
 * reading an input does not fault in and zero every page again
 * (input_memory.c). Safe to call from any thread. */
#ifndef ECAP_INPUT_MEMORY_H
#define ECAP_INPUT_MEMORY_H

#include <stddef.h>

/* At least size bytes, writable, contents undefined; *capacity is how many
 * (give that back with it). NULL when out of memory. */
void *input_memory_take(size_t size, size_t *capacity);

/* Gives back what input_memory_take returned (NULL: nothing): kept for the
 * next input, or unmapped when the kept ones hold enough. */
void input_memory_give(void *bytes, size_t capacity);

/* Unmaps every kept mapping (the end of a run, and tests). */
void input_memory_release_kept(void);

/* What the kept mappings hold, in bytes (tests). */
size_t input_memory_kept_bytes(void);

#endif
