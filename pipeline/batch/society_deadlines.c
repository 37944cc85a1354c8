/* society_deadlines.c - the periods ending within the run report's days;
 * see society_deadlines.h.
 *
 * A marker is store/wakeups/<YYYY-MM-DD>_<id>, its dossier
 * store/dossiers/<id>.xml. Reading the markers, a name at a time, keeps each
 * one in the days as a key (the 63 high bits of its id's hash; bit 0 set
 * once the survey finds its dossier) and the first SOCIETY_DEADLINES_LISTED
 * by name whole (a bounded heap), which take their dossiers' heads as the
 * survey goes by. Two ids with the same 63-bit hash would share whether
 * they were found: one chance in about 10^9 for 100,000 markers, and it
 * only changes a count.
 */
#include "society_deadlines.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "society.h"
#include "xml.h"

#define FOUND ((uint64_t)1)

/* FNV-1a over the id, then splitmix64's finalizer, bit 0 cleared. */
static uint64_t id_key(const char *id, size_t length)
{
	uint64_t hash = 0xcbf29ce484222325u;

	for (size_t i = 0; i < length; i++)
		hash = (hash ^ (unsigned char)id[i]) * 0x100000001b3u;
	hash ^= hash >> 30;
	hash *= 0xbf58476d1ce4e5b9u;
	hash ^= hash >> 27;
	hash *= 0x94d049bb133111ebu;
	hash ^= hash >> 31;
	return hash & ~FOUND;
}

/* The marker name's id if it is a marker dated within the days: 1, else 0. */
static int marker_in_days(const struct deadlines *deadlines, const char *name, const char **id)
{
	char date[11];
	day_t day;

	if (name[0] == '.' || strlen(name) < 12 || name[10] != '_' ||
	    strlen(name + 11) > NAME_MAX - strlen(".xml"))
		return 0;
	snprintf(date, sizeof(date), "%.10s", name);
	if (date_parse(date, &day) < 0 || day < deadlines->from || day > deadlines->until)
		return 0;
	*id = name + 11;
	return 1;
}

static int compare_keys(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a & ~FOUND, y = *(const uint64_t *)b & ~FOUND;

	return x < y ? -1 : x > y;
}

/* The index of the first key equal to key (bit 0 aside), or count. */
static size_t first_key(const struct deadlines *deadlines, uint64_t key)
{
	size_t low = 0, high = deadlines->count;

	while (low < high) {
		size_t middle = low + (high - low) / 2;

		if ((deadlines->keys[middle] & ~FOUND) < key)
			low = middle + 1;
		else
			high = middle;
	}
	return low < deadlines->count && (deadlines->keys[low] & ~FOUND) == key ? low :
	       deadlines->count;
}

static int add_key(struct deadlines *deadlines, uint64_t key, struct error *err)
{
	if (deadlines->count == deadlines->capacity) {
		size_t capacity = deadlines->capacity ? 2 * deadlines->capacity : 256;
		uint64_t *grown = reallocarray(deadlines->keys, capacity, sizeof(*grown));

		if (!grown)
			return error_set(err, "out of memory");
		deadlines->keys = grown;
		deadlines->capacity = capacity;
	}
	deadlines->keys[deadlines->count++] = key;
	return 0;
}

static int marker_found(const struct deadlines *deadlines, const char *id)
{
	size_t i = first_key(deadlines, id_key(id, strlen(id)));

	return i < deadlines->count && (deadlines->keys[i] & FOUND);
}

/* The first `limit` names in strcmp order, as a heap whose root is the last. */
struct first_names {
	char **names;
	size_t count, limit;
};

static void swap_names(char **a, char **b)
{
	char *held = *a;

	*a = *b;
	*b = held;
}

static void sift_down(struct first_names *first, size_t at)
{
	for (;;) {
		size_t largest = at, left = 2 * at + 1, right = left + 1;

		if (left < first->count && strcmp(first->names[left], first->names[largest]) > 0)
			largest = left;
		if (right < first->count && strcmp(first->names[right], first->names[largest]) > 0)
			largest = right;
		if (largest == at)
			return;
		swap_names(&first->names[at], &first->names[largest]);
		at = largest;
	}
}

static int offer_name(struct first_names *first, const char *name, struct error *err)
{
	char *copy;
	size_t at;

	if (first->limit == 0 ||
	    (first->count == first->limit && strcmp(name, first->names[0]) >= 0))
		return 0;
	if (!(copy = strdup(name)))
		return error_set(err, "out of memory");
	if (first->count == first->limit) {	/* the last one leaves */
		free(first->names[0]);
		first->names[0] = copy;
		sift_down(first, 0);
		return 0;
	}
	at = first->count++;
	first->names[at] = copy;
	while (at > 0 && strcmp(first->names[(at - 1) / 2], first->names[at]) < 0) {
		swap_names(&first->names[(at - 1) / 2], &first->names[at]);
		at = (at - 1) / 2;
	}
	return 0;
}

static void release_names(struct first_names *first)
{
	for (size_t i = 0; i < first->count; i++)
		free(first->names[i]);
	first->count = 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How a reading of the markers goes: whether it keeps their keys, and which
 * it offers to the first names (after that name; only those found). */
struct marker_reading {
	int keep_keys;
	const char *after;	/* NULL: from the first */
	int found_only;
	struct first_names *first;
};

/* Reads the markers in the days, a name at a time, as reading says; the
 * first names end sorted. */
static int read_markers(struct deadlines *deadlines, const struct marker_reading *reading,
			struct error *err)
{
	char directory[PATH_MAX];
	struct dirent *entry;
	const char *id;
	DIR *listing = opendir(store_path(deadlines->store, "store/wakeups", directory,
					  sizeof(directory)));
	int result = 0;

	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while (result == 0 && (entry = readdir(listing))) {
		if (!marker_in_days(deadlines, entry->d_name, &id))
			continue;
		if (reading->keep_keys)
			result = add_key(deadlines, id_key(id, strlen(id)), err);
		if (result == 0 && (!reading->after || strcmp(entry->d_name, reading->after) > 0) &&
		    (!reading->found_only || marker_found(deadlines, id)))
			result = offer_name(reading->first, entry->d_name, err);
	}
	closedir(listing);
	qsort(reading->first->names, reading->first->count, sizeof(*reading->first->names),
	      compare_names);
	return result;
}

static int compare_first_ids(const void *a, const void *b)
{
	return strcmp((*(struct listed_deadline *const *)a)->name + 11,
		      (*(struct listed_deadline *const *)b)->name + 11);
}

/* The first names become the first deadlines, which own them. */
static int keep_first(struct deadlines *deadlines, struct first_names *first, struct error *err)
{
	size_t count = first->count ? first->count : 1;

	deadlines->first = calloc(count, sizeof(*deadlines->first));
	deadlines->first_by_id = calloc(count, sizeof(*deadlines->first_by_id));
	if (!deadlines->first || !deadlines->first_by_id)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < first->count; i++) {
		deadlines->first[i].name = first->names[i];
		deadlines->first_by_id[i] = &deadlines->first[i];
	}
	deadlines->first_count = first->count;
	first->count = 0;
	qsort(deadlines->first_by_id, deadlines->first_count, sizeof(*deadlines->first_by_id),
	      compare_first_ids);
	return 0;
}

int deadlines_collect(struct deadlines *deadlines, const struct store *store, day_t from,
		      day_t until, struct error *err)
{
	char *names[SOCIETY_DEADLINES_LISTED];
	struct first_names first = { names, 0, SOCIETY_DEADLINES_LISTED };
	struct marker_reading reading = { 1, NULL, 0, &first };
	int result;

	*deadlines = (struct deadlines){ store, from, until, NULL, 0, 0, NULL, NULL, 0 };
	result = read_markers(deadlines, &reading, err);
	if (result == 0) {
		if (deadlines->count > 1)	/* no keys: no array at all */
			qsort(deadlines->keys, deadlines->count, sizeof(*deadlines->keys),
			      compare_keys);
		result = keep_first(deadlines, &first, err);
	}
	release_names(&first);
	return result;
}

/* id against the first length bytes of name, as strcmp orders them. */
static int compare_id(const char *id, const char *name, size_t length)
{
	int order = strncmp(id, name, length);

	if (order)
		return order;
	return id[length] ? 1 : 0;
}

void deadlines_note_dossier(struct deadlines *deadlines, const char *name,
			    const struct dossier_head *head)
{
	size_t length = strlen(name) - strlen(".xml"), low = 0, high = deadlines->first_count;
	uint64_t key = id_key(name, length);

	for (size_t i = first_key(deadlines, key);
	     i < deadlines->count && (deadlines->keys[i] & ~FOUND) == key; i++)
		deadlines->keys[i] |= FOUND;
	while (low < high) {	/* the first of the first whose id is not below */
		size_t middle = low + (high - low) / 2;

		if (compare_id(deadlines->first_by_id[middle]->name + 11, name, length) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	for (; low < deadlines->first_count &&
	       compare_id(deadlines->first_by_id[low]->name + 11, name, length) == 0; low++) {
		struct listed_deadline *deadline = deadlines->first_by_id[low];

		deadline->found = 1;
		snprintf(deadline->application, sizeof(deadline->application), "%s", head->id);
		snprintf(deadline->state, sizeof(deadline->state), "%s", head->state);
	}
}

static void add_deadline(xmlNodePtr list, const char *name, const char *application,
			 const char *state)
{
	xmlNodePtr node = xml_add_child(list, "deadline", NULL);
	char date[11];

	snprintf(date, sizeof(date), "%.10s", name);
	xml_set(node, "date", date);
	xml_set(node, "application", application);
	xml_set(node, "state", state);
}

/* Where some of the first markers' dossiers were not found, the next found
 * markers after them, up to `wanted`, with their heads read from their
 * dossiers' files (a dossier that no longer reads as one is left out). */
static int add_next_found(xmlNodePtr list, struct deadlines *deadlines, size_t wanted,
			  struct error *err)
{
	char *names[SOCIETY_DEADLINES_LISTED], relative[PATH_MAX];
	struct first_names next = { names, 0, wanted };
	struct marker_reading reading = { 0, deadlines->first[deadlines->first_count - 1].name, 1,
					  &next };
	struct dossier_head head;
	int result = read_markers(deadlines, &reading, err);

	for (size_t i = 0; result == 0 && i < next.count; i++) {
		snprintf(relative, sizeof(relative), "store/dossiers/%s.xml", next.names[i] + 11);
		if (dossier_head_read(deadlines->store, relative, &head) == 0)
			add_deadline(list, next.names[i], head.id, head.state);
	}
	release_names(&next);
	return result;
}

int deadlines_add(xmlNodePtr society, struct deadlines *deadlines, struct error *err)
{
	xmlNodePtr list = xml_add_child(society, "deadlines", NULL);
	size_t found = 0, listed = 0;
	char text[11];

	for (size_t i = 0; i < deadlines->count; i++)
		found += deadlines->keys[i] & FOUND;
	date_format(deadlines->from, text);
	xml_set(list, "from", text);
	date_format(deadlines->until, text);
	xml_set(list, "until", text);
	for (size_t i = 0; i < deadlines->first_count; i++) {
		const struct listed_deadline *deadline = &deadlines->first[i];

		if (!deadline->found)
			continue;
		add_deadline(list, deadline->name, deadline->application, deadline->state);
		listed++;
	}
	if (listed < deadlines->first_count && found > listed &&
	    add_next_found(list, deadlines, deadlines->first_count - listed, err) < 0)
		return -1;
	xml_set_format(list, "count", "%zu", found);
	return 0;
}

void deadlines_release(struct deadlines *deadlines)
{
	for (size_t i = 0; deadlines->first && i < deadlines->first_count; i++)
		free(deadlines->first[i].name);
	free(deadlines->first);
	free(deadlines->first_by_id);
	free(deadlines->keys);
	*deadlines = (struct deadlines){ NULL, 0, 0, NULL, 0, 0, NULL, NULL, 0 };
}
