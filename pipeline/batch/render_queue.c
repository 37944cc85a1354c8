/* render_queue.c - PDFs typeset on worker threads and written, in the order
 * queued, into places reserved in the open transaction; see render_queue.h.
 *
 * Thread safety of what the workers call: Pango's default font map is one
 * per thread (since Pango 1.32.6), which pdf_letter.c's
 * pango_cairo_create_layout and librsvg use, so no font map is shared;
 * cairo surfaces and librsvg handles are made and freed by the worker that
 * uses them; cairo's FreeType font cache and fontconfig lock themselves. A
 * worker only reads the letter document it is given (xmlGetProp, the tree):
 * the filing thread made it, does not touch it while it is queued, and frees
 * it once collected, so libxml2's dictionaries are only ever used by the
 * filing thread. */
#include "render_queue.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "pdf.h"
#include "worker.h"
#include "xml.h"

enum render_kind { RENDER_LETTER, RENDER_SVG, RENDER_STEP };

struct render_item {
	enum render_kind kind;
	char path[PATH_MAX];		/* the place reserved in the transaction */
	xmlDocPtr letter;		/* RENDER_LETTER */
	char *svg;			/* RENDER_SVG */
	size_t svg_size;
	char title[256];
	char date[11];			/* "" for none */
	render_step_make make;		/* RENDER_STEP */
	void *context;
	void (*release)(void *context);
	int taken, done;		/* by a worker; its bytes (or failure) ready */
	int failed;
	struct error error;
	unsigned char *bytes;
	size_t size;
};

struct render_queue {
	int workers;
	pthread_t *threads;
	int started;
	struct render_item *items;	/* a ring of `capacity`, by absolute index */
	size_t capacity;
	size_t head, tail;		/* oldest not collected; next to queue */
	size_t next_job;		/* below it, every job is taken */
	int stop;
	int failed;			/* sticky: the run stops, nothing more is written */
	struct error failure;
	pthread_mutex_t lock;
	pthread_cond_t queued, rendered;
};

static void render_item(struct render_item *item)
{
	const char *date = item->date[0] ? item->date : NULL;
	int result;

	if (item->kind == RENDER_LETTER)
		result = pdf_from_letter(item->letter, item->title, date, &item->bytes,
					 &item->size, &item->error);
	else
		result = pdf_from_svg(item->svg, item->svg_size, item->title, date, &item->bytes,
				      &item->size, &item->error);
	item->failed = result < 0;
}

/* The next job not yet taken, from next_job on; NULL when there is none. */
static struct render_item *next_job(struct render_queue *queue)
{
	for (; queue->next_job < queue->tail; queue->next_job++) {
		struct render_item *item = &queue->items[queue->next_job % queue->capacity];

		if (item->kind != RENDER_STEP && !item->taken) {
			queue->next_job++;
			return item;
		}
	}
	return NULL;
}

static void *render_in_thread(void *argument)
{
	struct render_queue *queue = argument;

	worker_thread_setup();
	pthread_mutex_lock(&queue->lock);
	for (;;) {
		struct render_item *item = NULL;

		while (!queue->stop && !(item = next_job(queue)))
			pthread_cond_wait(&queue->queued, &queue->lock);
		if (queue->stop)
			break;
		item->taken = 1;
		pthread_mutex_unlock(&queue->lock);
		render_item(item);
		pthread_mutex_lock(&queue->lock);
		item->done = 1;
		pthread_cond_broadcast(&queue->rendered);
	}
	pthread_mutex_unlock(&queue->lock);
	return NULL;
}

struct render_queue *render_queue_new(int workers, struct error *err)
{
	struct render_queue *queue = calloc(1, sizeof(*queue));

	if (!queue) {
		error_set(err, "out of memory");
		return NULL;
	}
	queue->workers = workers > 0 ? workers : 0;
	queue->capacity = workers > 0 ? (size_t)workers * RENDER_WINDOW_PER_WORKER : 1;
	queue->items = calloc(queue->capacity, sizeof(*queue->items));
	queue->threads = calloc((size_t)queue->workers + 1, sizeof(*queue->threads));
	pthread_mutex_init(&queue->lock, NULL);
	pthread_cond_init(&queue->queued, NULL);
	pthread_cond_init(&queue->rendered, NULL);
	if (!queue->items || !queue->threads) {
		error_set(err, "out of memory");
		render_queue_free(queue);
		return NULL;
	}
	for (; queue->started < queue->workers; queue->started++)
		if (pthread_create(&queue->threads[queue->started], NULL, render_in_thread,
				   queue) != 0) {
			error_set(err, "unable to start %d threads", queue->workers);
			render_queue_free(queue);
			return NULL;
		}
	return queue;
}

static void release_item(struct render_item *item)
{
	xmlFreeDoc(item->letter);
	free(item->svg);
	free(item->bytes);
	if (item->release)
		item->release(item->context);
	memset(item, 0, sizeof(*item));
}

/* Stops and joins the workers; whatever is queued afterwards is made on the
 * filing thread. */
static void stop_workers(struct render_queue *queue)
{
	pthread_mutex_lock(&queue->lock);
	queue->stop = 1;
	pthread_cond_broadcast(&queue->queued);
	pthread_mutex_unlock(&queue->lock);
	for (int i = 0; i < queue->started; i++)
		pthread_join(queue->threads[i], NULL);
	queue->started = 0;
	queue->workers = 0;
}

int render_queue_retire(struct render_queue *queue, struct error *err)
{
	if (render_queue_finish(queue, err) < 0)
		return -1;
	if (queue->workers == 0)
		return 0;
	stop_workers(queue);
	/* A worker's thread-local font map (Pango's default is one per thread)
	 * and the caches under it were freed as the thread exited, into the
	 * thread's malloc arena, which glibc keeps; trimming gives those pages
	 * back before the run's last steps (the public register, signed, and
	 * the audit archive) grow the filing thread's heap. */
	malloc_trim(0);
	return 0;
}

void render_queue_free(struct render_queue *queue)
{
	if (!queue)
		return;
	stop_workers(queue);
	for (; queue->head < queue->tail; queue->head++)
		release_item(&queue->items[queue->head % queue->capacity]);
	pthread_cond_destroy(&queue->rendered);
	pthread_cond_destroy(&queue->queued);
	pthread_mutex_destroy(&queue->lock);
	free(queue->threads);
	free(queue->items);
	free(queue);
}

/* The bytes into the file the transaction reserved for them. */
static int write_place(const char *path, const unsigned char *bytes, size_t size,
		       struct error *err)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC), result;

	if (fd < 0)
		return error_set_errno(err, "unable to open '%s'", path);
	result = write_all(fd, bytes, size, err);
	if (result < 0)
		error_set_errno(err, "unable to write '%s'", path);
	if (close(fd) < 0 && result == 0)
		result = error_set_errno(err, "unable to write '%s'", path);
	return result;
}

/* The oldest output: waited for (or made, without workers, or when it is a
 * step), written into its place, released. */
static int collect_oldest(struct render_queue *queue, struct error *err)
{
	struct render_item *item = &queue->items[queue->head % queue->capacity];
	int result = -1;

	if (item->kind == RENDER_STEP) {
		item->failed = item->make(item->context, &item->bytes, &item->size,
					  &item->error) < 0;
	} else if (queue->workers == 0) {
		render_item(item);
	} else {
		pthread_mutex_lock(&queue->lock);
		while (!item->done)
			pthread_cond_wait(&queue->rendered, &queue->lock);
		pthread_mutex_unlock(&queue->lock);
	}
	if (item->failed) {
		error_set(err, "%s", item->error.message);
		goto out;
	}
	if (item->bytes && write_place(item->path, item->bytes, item->size, err) < 0)
		goto out;
	result = 0;
out:
	release_item(item);
	queue->head++;
	if (result < 0) {
		queue->failed = 1;
		queue->failure = *err;
	}
	return result;
}

int render_queue_finish(struct render_queue *queue, struct error *err)
{
	if (queue->failed)
		return error_set(err, "%s", queue->failure.message);
	while (queue->head < queue->tail)
		if (collect_oldest(queue, err) < 0)
			return -1;
	return 0;
}

/* A slot for one more output, its place reserved in the transaction: the
 * oldest is collected first when the window is full. NULL with err. */
static struct render_item *new_item(struct render_queue *queue,
				    struct transaction *transaction, const char *destination,
				    enum render_kind kind, struct error *err)
{
	struct render_item *item;

	if (queue->failed) {
		error_set(err, "%s", queue->failure.message);
		return NULL;
	}
	if (queue->tail - queue->head == queue->capacity && collect_oldest(queue, err) < 0)
		return NULL;
	item = &queue->items[queue->tail % queue->capacity];
	memset(item, 0, sizeof(*item));
	item->kind = kind;
	if (transaction_create(transaction, destination, item->path, sizeof(item->path), err) < 0)
		return NULL;
	return item;
}

/* The item filled in goes to the workers; without them it is made now. */
static int queue_item(struct render_queue *queue, struct error *err)
{
	pthread_mutex_lock(&queue->lock);
	queue->tail++;
	pthread_cond_signal(&queue->queued);
	pthread_mutex_unlock(&queue->lock);
	if (queue->workers == 0)
		return render_queue_finish(queue, err);
	return 0;
}

static void set_title_and_date(struct render_item *item, const char *title, const char *date)
{
	snprintf(item->title, sizeof(item->title), "%s", title ? title : "");
	snprintf(item->date, sizeof(item->date), "%s", date ? date : "");
}

int render_queue_letter(struct render_queue *queue, struct transaction *transaction,
			const char *destination, xmlDocPtr letter, const char *title,
			const char *date, struct error *err)
{
	struct render_item *item = new_item(queue, transaction, destination, RENDER_LETTER, err);

	if (!item) {
		xmlFreeDoc(letter);
		return -1;
	}
	item->letter = letter;
	set_title_and_date(item, title, date);
	return queue_item(queue, err);
}

int render_queue_svg(struct render_queue *queue, struct transaction *transaction,
		     const char *destination, const char *svg, size_t size, const char *title,
		     const char *date, struct error *err)
{
	struct render_item *item = new_item(queue, transaction, destination, RENDER_SVG, err);

	if (!item)
		return -1;
	item->svg = malloc(size ? size : 1);
	if (!item->svg)
		return error_set(err, "out of memory");
	memcpy(item->svg, svg, size);
	item->svg_size = size;
	set_title_and_date(item, title, date);
	return queue_item(queue, err);
}

int render_queue_step(struct render_queue *queue, struct transaction *transaction,
		      const char *destination, render_step_make make, void *context,
		      void (*release)(void *context), struct error *err)
{
	struct render_item *item = new_item(queue, transaction, destination, RENDER_STEP, err);

	if (!item) {
		release(context);
		return -1;
	}
	item->make = make;
	item->context = context;
	item->release = release;
	return queue_item(queue, err);
}
