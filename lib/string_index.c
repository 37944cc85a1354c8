/* string_index.c - an index from strings to positions; see string_index.h. */
#include "string_index.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_CAPACITY 64

/* FNV-1a, 64 bits: fast on short paths, and spreads names that differ only
 * in their last digits. */
static uint64_t hash_of(const char *key)
{
	uint64_t hash = 14695981039346656037ULL;

	for (const unsigned char *c = (const unsigned char *)key; *c; c++)
		hash = (hash ^ *c) * 1099511628211ULL;
	return hash;
}

/* The slot holding key, or the free slot where it would go. */
static size_t slot_of(const struct string_index *index, const char *key)
{
	size_t mask = index->capacity - 1, slot = (size_t)hash_of(key) & mask;

	while (index->slots[slot].key && strcmp(index->slots[slot].key, key) != 0)
		slot = (slot + 1) & mask;
	return slot;
}

/* Twice the room (or the first), every key placed again: kept at most half
 * full, so that a probe stays short. */
static int grow(struct string_index *index)
{
	size_t capacity = index->capacity ? index->capacity * 2 : FIRST_CAPACITY;
	struct string_index bigger = { calloc(capacity, sizeof(*bigger.slots)), capacity,
				       index->count };

	if (!bigger.slots)
		return -1;
	for (size_t i = 0; i < index->capacity; i++)
		if (index->slots[i].key)
			bigger.slots[slot_of(&bigger, index->slots[i].key)] = index->slots[i];
	free(index->slots);
	*index = bigger;
	return 0;
}

size_t string_index_find(const struct string_index *index, const char *key)
{
	const struct string_index_slot *slot;

	if (index->count == 0)
		return STRING_INDEX_NONE;
	slot = &index->slots[slot_of(index, key)];
	return slot->key ? slot->value : STRING_INDEX_NONE;
}

int string_index_set(struct string_index *index, const char *key, size_t value)
{
	size_t slot;

	if ((index->count + 1) * 2 > index->capacity && grow(index) < 0)
		return -1;
	slot = slot_of(index, key);
	if (!index->slots[slot].key)
		index->count++;
	index->slots[slot].key = key;
	index->slots[slot].value = value;
	return 0;
}

void string_index_remove(struct string_index *index, const char *key)
{
	size_t mask, hole, next;

	if (index->count == 0)
		return;
	mask = index->capacity - 1;
	hole = slot_of(index, key);
	if (!index->slots[hole].key)
		return;
	index->slots[hole].key = NULL;
	index->count--;
	/* the keys after the hole that probed past it move back into it, so
	 * that no search stops early at a free slot (no tombstones) */
	for (next = (hole + 1) & mask; index->slots[next].key; next = (next + 1) & mask) {
		size_t home = (size_t)hash_of(index->slots[next].key) & mask;

		/* next stays if its home lies cyclically in (hole, next] */
		if (hole <= next ? (hole < home && home <= next) : (hole < home || home <= next))
			continue;
		index->slots[hole] = index->slots[next];
		index->slots[next].key = NULL;
		hole = next;
	}
}

void string_index_release(struct string_index *index)
{
	free(index->slots);
	memset(index, 0, sizeof(*index));
}
