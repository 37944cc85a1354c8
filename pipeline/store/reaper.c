/* reaper.c - applied transactions' directories removed on a thread of
 * their own; see reaper.h. */
#include "reaper.h"
#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One directory waiting to be removed. */
struct reaped {
	struct reaped *next;
	char directory[PATH_MAX];
};

struct reaper {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t handed;		/* a directory was queued, or stop */
	struct reaped *first, *last;	/* the queue, oldest first */
	int stop;
};

void reaper_remove_now(const char *directory)
{
	DIR *listing = opendir(directory);
	struct dirent *entry;
	char path[PATH_MAX];

	if (listing) {
		while ((entry = readdir(listing))) {
			if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
			unlink(path);
		}
		closedir(listing);
	}
	rmdir(directory);
}

static void *reap(void *argument)
{
	struct reaper *reaper = argument;

	pthread_mutex_lock(&reaper->lock);
	for (;;) {
		struct reaped *next = reaper->first;

		if (!next) {
			if (reaper->stop)
				break;
			pthread_cond_wait(&reaper->handed, &reaper->lock);
			continue;
		}
		reaper->first = next->next;
		if (!reaper->first)
			reaper->last = NULL;
		pthread_mutex_unlock(&reaper->lock);
		reaper_remove_now(next->directory);
		free(next);
		pthread_mutex_lock(&reaper->lock);
	}
	pthread_mutex_unlock(&reaper->lock);
	return NULL;
}

/* The store's reaper, started on first use; NULL when it cannot be. */
static struct reaper *reaper_of(struct store *store)
{
	struct reaper *reaper = store->reaper;

	if (reaper)
		return reaper;
	reaper = calloc(1, sizeof(*reaper));
	if (!reaper)
		return NULL;
	pthread_mutex_init(&reaper->lock, NULL);
	pthread_cond_init(&reaper->handed, NULL);
	if (pthread_create(&reaper->thread, NULL, reap, reaper) != 0) {
		pthread_cond_destroy(&reaper->handed);
		pthread_mutex_destroy(&reaper->lock);
		free(reaper);
		return NULL;
	}
	store->reaper = reaper;
	return reaper;
}

void reaper_hand_over(struct store *store, const char *directory)
{
	struct reaped *reaped = malloc(sizeof(*reaped));
	struct reaper *reaper;

	if (!reaped || snprintf(reaped->directory, sizeof(reaped->directory), "%s" APPLIED_SUFFIX,
				directory) >= (int)sizeof(reaped->directory) ||
	    rename(directory, reaped->directory) < 0) {
		free(reaped);
		reaper_remove_now(directory);
		return;
	}
	reaper = reaper_of(store);
	if (!reaper) {
		reaper_remove_now(reaped->directory);
		free(reaped);
		return;
	}
	reaped->next = NULL;
	pthread_mutex_lock(&reaper->lock);
	if (reaper->last)
		reaper->last->next = reaped;
	else
		reaper->first = reaped;
	reaper->last = reaped;
	pthread_cond_signal(&reaper->handed);
	pthread_mutex_unlock(&reaper->lock);
}

void reaper_finish(struct store *store)
{
	struct reaper *reaper = store->reaper;

	if (!reaper)
		return;
	pthread_mutex_lock(&reaper->lock);
	reaper->stop = 1;
	pthread_cond_signal(&reaper->handed);
	pthread_mutex_unlock(&reaper->lock);
	pthread_join(reaper->thread, NULL);
	pthread_cond_destroy(&reaper->handed);
	pthread_mutex_destroy(&reaper->lock);
	free(reaper);
	store->reaper = NULL;
}
