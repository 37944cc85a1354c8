/* test-string-index.c - unit tests for lib/string_index.c: every key found
 * with its latest value, through growth and removals (whose shifting back
 * must leave every other key reachable), against a plain list. */
#include <stdio.h>
#include <stdlib.h>

#include "string_index.h"
#include "tap.h"

#define KEYS 5000

static char keys[KEYS][48];

static void test_empty(void)
{
	struct string_index index = { 0 };

	is_int(string_index_find(&index, "store/dossiers/A.xml"), STRING_INDEX_NONE,
	       "an empty index finds nothing");
	string_index_remove(&index, "store/dossiers/A.xml");
	is_int(index.count, 0, "removing from an empty index is harmless");
	string_index_release(&index);
}

static void test_set_replaces(void)
{
	struct string_index index = { 0 };
	char same[] = "store/registration-sequence";

	ok(string_index_set(&index, "store/registration-sequence", 3) == 0, "a key is set");
	ok(string_index_set(&index, same, 9) == 0, "and set again by an equal string");
	is_int(index.count, 1, "which is one key, not two");
	is_int(string_index_find(&index, "store/registration-sequence"), 9,
	       "holding its latest value");
	string_index_release(&index);
}

/* Many keys, then every third removed: the rest still found, the removed
 * ones not, whatever the probing had to do. */
static void test_many_keys_and_removals(void)
{
	struct string_index index = { 0 };
	int all_found = 1, removed_gone = 1, kept_found = 1, failures = 0;

	for (int i = 0; i < KEYS; i++) {
		snprintf(keys[i], sizeof(keys[i]), "out/notices/A2026-%06d/%d.pdf", i, i % 7);
		failures += string_index_set(&index, keys[i], (size_t)i) < 0;
	}
	is_int(failures, 0, "5,000 keys set");
	is_int(index.count, KEYS, "and counted");
	ok(index.capacity >= 2 * KEYS, "the table kept at most half full");
	for (int i = 0; i < KEYS; i++)
		all_found &= string_index_find(&index, keys[i]) == (size_t)i;
	ok(all_found, "each found with its value");
	for (int i = 0; i < KEYS; i += 3)
		string_index_remove(&index, keys[i]);
	for (int i = 0; i < KEYS; i++) {
		size_t found = string_index_find(&index, keys[i]);

		if (i % 3 == 0)
			removed_gone &= found == STRING_INDEX_NONE;
		else
			kept_found &= found == (size_t)i;
	}
	ok(removed_gone, "the removed keys are gone");
	ok(kept_found, "every other key is still found after the removals");
	is_int(index.count, KEYS - (KEYS + 2) / 3, "and the count is what is left");
	ok(string_index_find(&index, "out/notices/absent.pdf") == STRING_INDEX_NONE,
	   "a key never set is not found");
	string_index_release(&index);
	is_int(index.capacity, 0, "released, the index is empty again");
}

int main(void)
{
	test_empty();
	test_set_replaces();
	test_many_keys_and_removals();
	return tap_done();
}
