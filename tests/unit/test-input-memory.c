/* test-input-memory.c - the mappings inputs are read into
 * (pipeline/batch/input_memory.c): sizes are rounded to 64 KiB, a mapping
 * given back is kept and taken again by the next input that fits, the
 * smallest that fits first, no more than 8 MiB and 16 mappings are kept,
 * what cannot be kept is unmapped, and release gives every kept one back;
 * from several threads at once nothing is lost or taken twice. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "input_memory.h"
#include "tap.h"

#define KIB ((size_t)1 << 10)
#define MIB ((size_t)1 << 20)

static void sizes_are_rounded(void)
{
	size_t capacity = 0;
	char *bytes = input_memory_take(1, &capacity);

	is_int(capacity, 64 * KIB, "one byte takes a mapping of 64 KiB");
	ok(bytes != NULL, "and it is there");
	memset(bytes, 'x', capacity);	/* all of it is writable */
	input_memory_give(bytes, capacity);
	bytes = input_memory_take(64 * KIB + 1, &capacity);
	is_int(capacity, 128 * KIB, "64 KiB and a byte take 128 KiB");
	input_memory_give(bytes, capacity);
	bytes = input_memory_take(SIZE_MAX - 10, &capacity);
	ok(bytes == NULL, "a size that cannot be rounded is refused");
	input_memory_release_kept();
}

static void given_back_is_taken_again(void)
{
	size_t capacity = 0, again = 0;
	char *first = input_memory_take(300 * KIB, &capacity), *second;

	first[0] = 'a';
	input_memory_give(first, capacity);
	is_int(input_memory_kept_bytes(), capacity, "a mapping given back is kept");
	second = input_memory_take(200 * KIB, &again);
	ok(second == first, "the next input that fits takes it");
	is_int(again, capacity, "with its whole capacity");
	is_int(input_memory_kept_bytes(), 0, "and it is no longer kept");
	input_memory_give(second, again);
	second = input_memory_take(400 * KIB, &again);
	ok(second != first, "an input that does not fit takes a new mapping");
	is_int(input_memory_kept_bytes(), capacity, "and the kept one stays kept");
	input_memory_give(second, again);
	input_memory_release_kept();
	is_int(input_memory_kept_bytes(), 0, "release gives every kept mapping back");
}

static void smallest_that_fits(void)
{
	size_t small_capacity, large_capacity, capacity;
	char *large = input_memory_take(1 * MIB, &large_capacity);
	char *small = input_memory_take(100 * KIB, &small_capacity);

	input_memory_give(large, large_capacity);
	input_memory_give(small, small_capacity);
	ok(input_memory_take(50 * KIB, &capacity) == small,
	   "of two kept mappings, a small input takes the smaller");
	input_memory_give(small, capacity);
	ok(input_memory_take(500 * KIB, &capacity) == large, "a larger one the larger");
	input_memory_give(large, capacity);
	input_memory_release_kept();
}

static void kept_is_bounded(void)
{
	char *bytes[20];
	size_t capacity[20], i;

	for (i = 0; i < 3; i++)
		bytes[i] = input_memory_take(3 * MIB, &capacity[i]);
	for (i = 0; i < 3; i++)
		input_memory_give(bytes[i], capacity[i]);
	is_int(input_memory_kept_bytes(), 6 * MIB, "two of 3 MiB are kept, not a third (8 MiB)");
	input_memory_release_kept();
	bytes[0] = input_memory_take(9 * MIB, &capacity[0]);
	input_memory_give(bytes[0], capacity[0]);
	is_int(input_memory_kept_bytes(), 0, "a mapping over 8 MiB is never kept");
	for (i = 0; i < 20; i++)
		bytes[i] = input_memory_take(1, &capacity[i]);
	for (i = 0; i < 20; i++)
		input_memory_give(bytes[i], capacity[i]);
	is_int(input_memory_kept_bytes(), 16 * 64 * KIB, "no more than 16 mappings are kept");
	input_memory_release_kept();
	input_memory_give(NULL, 0);
	is_int(input_memory_kept_bytes(), 0, "giving back nothing keeps nothing");
}

/* Each thread takes, fills with its own byte, checks, gives back: a mapping
 * taken by two threads at once would show the other's byte. */
static void *take_and_give(void *argument)
{
	const char mark = (char)(uintptr_t)argument;
	int round, clean = 1;

	for (round = 0; round < 2000; round++) {
		size_t size = (size_t)(round % 7 + 1) * 40 * KIB, capacity, i;
		char *bytes = input_memory_take(size, &capacity);

		if (!bytes)
			return NULL;
		memset(bytes, mark, size);
		for (i = 0; i < size; i += 4096)
			clean &= bytes[i] == mark;
		input_memory_give(bytes, capacity);
	}
	return clean ? argument : NULL;
}

static void threads_share_it(void)
{
	pthread_t threads[4];
	void *results[4];
	uintptr_t t;
	int all = 1;

	for (t = 0; t < 4; t++)
		pthread_create(&threads[t], NULL, take_and_give, (void *)(t + 'a'));
	for (t = 0; t < 4; t++) {
		pthread_join(threads[t], &results[t]);
		all &= results[t] == (void *)(t + 'a');
	}
	ok(all, "four threads taking and giving back never share a mapping");
	ok(input_memory_kept_bytes() <= 8 * MIB, "and what is kept stays within 8 MiB");
	input_memory_release_kept();
}

int main(void)
{
	sizes_are_rounded();
	given_back_is_taken_again();
	smallest_that_fits();
	kept_is_bounded();
	threads_share_it();
	return tap_done();
}
