/* string_index.h - an index from strings to positions, for finding the
 * latest entry of a list by its name without reading the whole list.
 *
 * The index does not own its keys: each is a string the caller keeps alive
 * (and unchanged) as long as it is in the index. Lookups and changes cost
 * about the same whatever the number of keys (a hash table, open addressing
 * with linear probing). Not GLib's GHashTable, which the renderer uses: it
 * aborts when memory runs out, and the store, which uses this one, must
 * answer "out of memory" as an error instead (a run under ulimit -v,
 * t1430-memory).
 *
 *	struct string_index index = { 0 };
 *	if (string_index_set(&index, name, position) < 0) ... out of memory
 *	size_t found = string_index_find(&index, name);	// STRING_INDEX_NONE?
 *	string_index_release(&index);
 */
#ifndef ECAP_STRING_INDEX_H
#define ECAP_STRING_INDEX_H

#include <stddef.h>
#include <stdint.h>

#define STRING_INDEX_NONE SIZE_MAX

struct string_index_slot {
	const char *key;		/* NULL: the slot is free */
	size_t value;
};

struct string_index {
	struct string_index_slot *slots;
	size_t capacity;		/* 0 or a power of two */
	size_t count;
};

/* The value of key, or STRING_INDEX_NONE when it is not in the index. */
size_t string_index_find(const struct string_index *index, const char *key);
/* Sets key's value, adding key when it is not there: 0, or -1 out of memory
 * (the index is then as it was). */
int string_index_set(struct string_index *index, const char *key, size_t value);
/* Takes key out of the index, if it is there. */
void string_index_remove(struct string_index *index, const char *key);
/* Frees the table; the index is empty and usable again. */
void string_index_release(struct string_index *index);

#endif
