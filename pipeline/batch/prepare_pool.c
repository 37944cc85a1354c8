/* prepare_pool.c - the order-keeping pool of prepare_pool.h: workers take
 * the next input to prepare from a ring of slots a window long; the filing
 * thread waits for the slot of the next input in arrival order, files it,
 * releases it and so lets the workers go one further. */
#include "prepare_pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "worker.h"

/* Slots per job: enough that the filing thread seldom waits for a worker,
 * few enough that what waits prepared (an input's bytes, its parsed form)
 * stays small. */
#define WINDOW_PER_JOB 8

struct pool {
	struct batch *batch;
	const struct prepare_kind *kind;
	const struct intake_item *items;	/* in arrival order */
	size_t count;
	char *slots;			/* window slots of kind->slot_size bytes */
	int *ready;			/* a slot's input is prepared, not yet filed */
	size_t window;
	size_t next_to_prepare, next_to_file;
	int stop;
	pthread_mutex_t lock;
	pthread_cond_t prepared, consumed;
};

static void *slot_of(struct pool *pool, size_t index)
{
	return pool->slots + (index % pool->window) * pool->kind->slot_size;
}

static void *prepare_in_thread(void *argument)
{
	struct pool *pool = argument;

	worker_thread_setup();
	for (;;) {
		size_t index;

		pthread_mutex_lock(&pool->lock);
		while (!pool->stop && pool->next_to_prepare < pool->count &&
		       pool->next_to_prepare >= pool->next_to_file + pool->window)
			pthread_cond_wait(&pool->consumed, &pool->lock);
		if (pool->stop || pool->next_to_prepare >= pool->count) {
			pthread_mutex_unlock(&pool->lock);
			return NULL;
		}
		index = pool->next_to_prepare++;
		pthread_mutex_unlock(&pool->lock);
		pool->kind->prepare(pool->batch, &pool->items[index], slot_of(pool, index));
		pthread_mutex_lock(&pool->lock);
		pool->ready[index % pool->window] = 1;
		pthread_cond_broadcast(&pool->prepared);
		pthread_mutex_unlock(&pool->lock);
	}
}

static int file_in_order(struct pool *pool, void (*progress)(struct batch *),
			 struct error *err)
{
	for (size_t index = 0; index < pool->count; index++) {
		void *slot = slot_of(pool, index);
		int result;

		pthread_mutex_lock(&pool->lock);
		while (!pool->ready[index % pool->window])
			pthread_cond_wait(&pool->prepared, &pool->lock);
		pthread_mutex_unlock(&pool->lock);
		progress(pool->batch);
		result = pool->kind->file(pool->batch, &pool->items[index], slot, err);
		pool->kind->release(slot);
		pthread_mutex_lock(&pool->lock);
		pool->ready[index % pool->window] = 0;
		pool->next_to_file++;
		pthread_cond_broadcast(&pool->consumed);
		pthread_mutex_unlock(&pool->lock);
		if (result < 0)
			return -1;
	}
	return 0;
}

int prepare_and_file(struct batch *batch, const struct prepare_kind *kind,
		     const struct intake_item *items, size_t count, int jobs,
		     void (*progress)(struct batch *), struct error *err)
{
	struct pool pool = { .batch = batch, .kind = kind, .items = items, .count = count,
			     .window = (size_t)jobs * WINDOW_PER_JOB };
	pthread_t *threads = calloc((size_t)jobs, sizeof(*threads));
	int started = 0, result = -1;

	pool.slots = calloc(pool.window, kind->slot_size);
	pool.ready = calloc(pool.window, sizeof(*pool.ready));
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.prepared, NULL);
	pthread_cond_init(&pool.consumed, NULL);
	if (!threads || !pool.slots || !pool.ready) {
		error_set(err, "out of memory");
		goto out;
	}
	for (; started < jobs; started++)
		if (pthread_create(&threads[started], NULL, prepare_in_thread, &pool) != 0) {
			error_set(err, "unable to start %d threads", jobs);
			break;
		}
	if (started == jobs)
		result = file_in_order(&pool, progress, err);
	pthread_mutex_lock(&pool.lock);
	pool.stop = 1;
	pthread_cond_broadcast(&pool.consumed);
	pthread_mutex_unlock(&pool.lock);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* what was prepared but not filed, after a failure */
	for (size_t i = 0; i < pool.window; i++)
		if (pool.ready[i])
			kind->release(pool.slots + i * kind->slot_size);
out:
	pthread_cond_destroy(&pool.consumed);
	pthread_cond_destroy(&pool.prepared);
	pthread_mutex_destroy(&pool.lock);
	free(pool.ready);
	free(pool.slots);
	free(threads);
	return result;
}
