/* render_queue.c - documents' renderings, PDFs and e-mails made on worker
 * threads, each written into its place, reserved in the open transaction
 * when it was queued, by the thread that made it; see render_queue.h.
 *
 * A run's workers typeset their PDFs in processes of their own
 * (typesetter.h: cairo 1.16 cannot typeset on two threads of one process),
 * one each, started at its first PDF and ended with its thread. Without a
 * typesetting program (tests) a worker typesets on its own thread.
 *
 * Thread safety of what the workers call:
 * - typesetting on the worker's thread (tests only): Pango's default font
 *   map is one per thread (since Pango 1.32.6), which pdf_letter.c's
 *   pango_cairo_create_layout and librsvg use, so no font map is shared;
 *   cairo surfaces and librsvg handles are made and freed by the worker
 *   that uses them; cairo's FreeType font cache and fontconfig lock
 *   themselves; pdf_fonts.h says what cairo 1.16 still gets wrong.
 * - libxslt: a compiled stylesheet is shared read-only by the transforms of
 *   every thread (libxslt's own testThreads does the same); each transform
 *   has its own context, its dictionary a child of the stylesheet's (libxml2
 *   locks the reference counts of dictionaries, xmlDictMutex, and only
 *   reads a parent dictionary), its extension functions registered on that
 *   context (notice.c), its errors collected there. The stylesheets are
 *   compiled, and the renderer's cache of them searched, only on the filing
 *   thread (renderer_sheet, when the document is queued). The EXSLT modules
 *   were registered once, before any worker started (xml_library_setup).
 * - the document: made on the filing thread, which hands it over when it
 *   queues the job and never touches it again; the worker's transforms
 *   change it (xsl:strip-space removes its blank text, XPath numbers its
 *   elements), in the same order as on one thread (the preparation, each
 *   rendering, then the PDF), and the worker frees it. A letter document's
 *   dictionary is the kind's transform's, a child of that stylesheet's, so
 *   freeing it only takes a locked reference from the stylesheet's. A
 *   certificate document (consequences.c) is made by xmlNewDoc, with no
 *   dictionary at all (its names are the nodes' own copies); signing it
 *   only serializes it (signature_sign signs a copy parsed from those
 *   bytes, freed before it returns), so nothing else refers to it.
 * - what a job reads besides its document is its own: the parameters of
 *   each rendering and the preparation's argument are copied when it is
 *   queued (a seal's data: URI of kilobytes is one memcpy, next to a
 *   transform of milliseconds), the stylesheets are the renderer's, which
 *   outlives the queue (driver.c frees the queue first).
 * - a certificate's preparation (qrcode.c) keeps nothing between calls;
 *   libqrencode 4.1.1 builds its Reed-Solomon tables once, lazily, under
 *   its own mutex (rsecc.c's RSECC_mutex: Debian's build has
 *   HAVE_LIBPTHREAD, it imports pthread_mutex_lock), and makes every other
 *   table per call (qrspec.c no longer caches frames since 4.0).
 * - the queue's fields are under its lock; an item's own fields belong to
 *   the thread that took it until it is marked done (under the lock), then
 *   to the filing thread, which releases it.
 * The steps (mail.c's messages) use GMime: see mail.c. */
#include "render_queue.h"

#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "typesetter.h"
#include "worker.h"
#include "xml.h"

enum render_kind { RENDER_DOCUMENT, RENDER_STEP };

/* The places one job writes: a document's renderings and then its PDF. */
#define RENDER_PLACES (RENDER_DOCUMENT_RENDERINGS + 1)

struct render_item {
	enum render_kind kind;
	char paths[RENDER_PLACES][PATH_MAX];	/* reserved in the transaction */
	size_t place_count;		/* the last is the PDF's, or the step's */
	xmlDocPtr document;		/* RENDER_DOCUMENT */
	render_prepare prepare;
	char *prepare_argument;
	struct renderer_sheet sheets[RENDER_DOCUMENT_RENDERINGS];	/* one a place */
	char **parameters;		/* one block, or NULL for none */
	enum render_pdf_source pdf_source;
	char title[256];
	char date[11];			/* "" for none */
	render_step_make make;		/* RENDER_STEP */
	void *context;
	void (*release)(void *context);
	int taken, done;		/* by a worker; its bytes in place (or failed) */
	int failed;
	struct error error;
};

/* A worker thread: its queue and its typesetting process (NULL: it
 * typesets on its own thread). */
struct render_worker {
	struct render_queue *queue;
	struct typesetter *typesetter;
};

struct render_queue {
	int workers;
	pthread_t *threads;
	struct render_worker *worker_list;	/* one a thread */
	int started;
	struct render_item *items;	/* a ring of `capacity`, by absolute index */
	size_t capacity;
	size_t head, tail;		/* oldest not collected; next to queue */
	size_t next_job;		/* below it, every job is taken */
	size_t done_below;		/* below it, every job is done */
	int stop;
	int failed;			/* sticky: the run stops, nothing more is written */
	struct error failure;
	pthread_mutex_t lock;
	pthread_cond_t queued, rendered;
};

/* The item's PDF, from its document or from its first rendering (an SVG),
 * typeset by the worker's process, or on this thread without one. */
static int typeset(const struct render_item *item, const char *svg, size_t svg_size,
		   const char *date, struct typesetter *typesetter, unsigned char **pdf,
		   size_t *pdf_size, struct error *err)
{
	if (item->pdf_source == RENDER_PDF_OF_FIRST_RENDERING)
		return typesetter ? typesetter_svg(typesetter, svg, svg_size, item->title, date, pdf,
						   pdf_size, err)
				  : pdf_from_svg(svg, svg_size, item->title, date, pdf, pdf_size, err);
	return typesetter ? typesetter_letter(typesetter, item->document, item->title, date, pdf,
					      pdf_size, err)
			  : pdf_from_letter(item->document, item->title, date, pdf, pdf_size, err);
}

/* The document prepared, its renderings, then its PDF, each written into
 * its place; the document is freed once typeset. */
static int make_document(struct render_item *item, const char *date,
			 struct typesetter *typesetter, struct error *err)
{
	xmlChar *first = NULL;		/* the first rendering, kept for a PDF made from it */
	int first_length = 0, result = -1;
	unsigned char *bytes = NULL;
	size_t size = 0, last = item->place_count - 1;

	if (item->prepare && item->prepare(item->document, item->prepare_argument, err) < 0)
		goto out;
	for (size_t i = 0; i < last; i++) {
		xmlChar *output = NULL;
		int length = 0;

		if (renderer_sheet_apply(&item->sheets[i], item->document,
					 (const char *const *)item->parameters, &output, &length,
					 err) < 0)
			goto out;
		result = transaction_write_reserved(item->paths[i], output, (size_t)length, err);
		if (i == 0 && item->pdf_source == RENDER_PDF_OF_FIRST_RENDERING) {
			first = output;
			first_length = length;
		} else {
			xmlFree(output);
		}
		if (result < 0)
			goto out;
		result = -1;
	}
	result = typeset(item, (const char *)first, (size_t)first_length, date, typesetter, &bytes,
			 &size, err);
	if (result == 0)
		result = transaction_write_reserved(item->paths[last], bytes, size, err);
out:
	free(bytes);
	xmlFree(first);
	xmlFreeDoc(item->document);
	item->document = NULL;
	return result;
}

/* One job made and its bytes put in place, by whichever thread runs it;
 * its PDF typeset by typesetter (NULL: on this thread). */
static void make_item(struct render_item *item, struct typesetter *typesetter)
{
	const char *date = item->date[0] ? item->date : NULL;
	unsigned char *bytes = NULL;
	size_t size = 0;
	int result;

	if (item->kind == RENDER_DOCUMENT) {
		result = make_document(item, date, typesetter, &item->error);
	} else {
		result = item->make(item->context, &bytes, &size, &item->error);
		if (result == 0)
			result = transaction_write_reserved(item->paths[0], bytes, size, &item->error);
		free(bytes);
	}
	item->failed = result < 0;
}

/* The next job to take, at or after next_job: the first not taken, a step
 * passed over until every job before it is done. NULL when there is none. */
static struct render_item *next_job(struct render_queue *queue)
{
	for (size_t index = queue->next_job; index < queue->tail; index++) {
		struct render_item *item = &queue->items[index % queue->capacity];

		if (item->taken || (item->kind == RENDER_STEP && queue->done_below < index))
			continue;
		item->taken = 1;
		while (queue->next_job < queue->tail &&
		       queue->items[queue->next_job % queue->capacity].taken)
			queue->next_job++;
		return item;
	}
	return NULL;
}

/* The item is done (under the lock): a step it held back may be ready. */
static void mark_done(struct render_queue *queue, struct render_item *item)
{
	item->done = 1;
	while (queue->done_below < queue->tail &&
	       queue->items[queue->done_below % queue->capacity].done)
		queue->done_below++;
	pthread_cond_broadcast(&queue->rendered);
	pthread_cond_broadcast(&queue->queued);
}

static void *render_in_thread(void *argument)
{
	struct render_worker *worker = argument;
	struct render_queue *queue = worker->queue;

	worker_thread_setup();
	pthread_mutex_lock(&queue->lock);
	for (;;) {
		struct render_item *item = NULL;

		while (!queue->stop && !(item = next_job(queue)))
			pthread_cond_wait(&queue->queued, &queue->lock);
		if (queue->stop)
			break;
		pthread_mutex_unlock(&queue->lock);
		make_item(item, worker->typesetter);
		pthread_mutex_lock(&queue->lock);
		mark_done(queue, item);
	}
	pthread_mutex_unlock(&queue->lock);
	return NULL;
}

struct render_queue *render_queue_new(int workers, const char *typesetter_program,
				      struct error *err)
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
	queue->worker_list = calloc((size_t)queue->workers + 1, sizeof(*queue->worker_list));
	pthread_mutex_init(&queue->lock, NULL);
	pthread_cond_init(&queue->queued, NULL);
	pthread_cond_init(&queue->rendered, NULL);
	if (!queue->items || !queue->threads || !queue->worker_list) {
		error_set(err, "out of memory");
		render_queue_free(queue);
		return NULL;
	}
	for (int i = 0; i < queue->workers; i++) {
		struct render_worker *worker = &queue->worker_list[i];

		worker->queue = queue;
		if (typesetter_program)
			worker->typesetter = typesetter_new(typesetter_program,
							    TYPESETTER_ANSWER_SECONDS);
		if (typesetter_program && !worker->typesetter) {
			error_set(err, "out of memory");
			render_queue_free(queue);
			return NULL;
		}
	}
	for (; queue->started < queue->workers; queue->started++)
		if (pthread_create(&queue->threads[queue->started], NULL, render_in_thread,
				   &queue->worker_list[queue->started]) != 0) {
			error_set(err, "unable to start %d threads", queue->workers);
			render_queue_free(queue);
			return NULL;
		}
	return queue;
}

static void release_item(struct render_item *item)
{
	xmlFreeDoc(item->document);
	free(item->prepare_argument);
	free(item->parameters);
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
	/* each worker's typesetting process ends with it */
	for (int i = 0; queue->worker_list && i < queue->workers; i++) {
		typesetter_free(queue->worker_list[i].typesetter);
		queue->worker_list[i].typesetter = NULL;
	}
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
	free(queue->worker_list);
	free(queue->threads);
	free(queue->items);
	free(queue);
}

/* The oldest job: waited for (or made, without workers), released. */
static int collect_oldest(struct render_queue *queue, struct error *err)
{
	struct render_item *item = &queue->items[queue->head % queue->capacity];
	int result = -1;

	if (queue->workers == 0) {
		make_item(item, NULL);
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

/* A slot for one more job: the oldest is collected first when the window is
 * full. NULL with err. */
static struct render_item *new_item(struct render_queue *queue, enum render_kind kind,
				    struct error *err)
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
	return item;
}

/* One more place of the item reserved in the transaction. An item whose
 * places cannot all be reserved is released, never queued: the transaction
 * has failed and will be aborted. */
static int reserve_place(struct render_item *item, struct transaction *transaction,
			 const char *destination, struct error *err)
{
	char *path = item->paths[item->place_count];

	if (transaction_reserve(transaction, destination, path, PATH_MAX, err) < 0)
		return -1;
	item->place_count++;
	return 0;
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

/* name, value, ..., NULL copied into one block, to be freed at once
 * (*copy NULL for none). */
static int copy_parameters(const char *const *parameters, char ***copy, struct error *err)
{
	size_t count = 0, text_size = 0;
	char *text;

	*copy = NULL;
	if (!parameters)
		return 0;
	for (; parameters[count]; count++)
		text_size += strlen(parameters[count]) + 1;
	*copy = malloc((count + 1) * sizeof(char *) + text_size);
	if (!*copy)
		return error_set(err, "out of memory");
	text = (char *)(*copy + count + 1);
	for (size_t i = 0; i < count; i++) {
		size_t length = strlen(parameters[i]) + 1;

		(*copy)[i] = memcpy(text, parameters[i], length);
		text += length;
	}
	(*copy)[count] = NULL;
	return 0;
}

int render_queue_document(struct render_queue *queue, struct transaction *transaction,
			  const struct render_document *job, struct error *err)
{
	struct render_item *item = NULL;

	if (job->count > RENDER_DOCUMENT_RENDERINGS ||
	    (job->pdf_source == RENDER_PDF_OF_FIRST_RENDERING && job->count == 0)) {
		error_set(err, "a document has %s%d renderings besides its PDF",
			  job->count ? "at most " : "1 to ", RENDER_DOCUMENT_RENDERINGS);
		xmlFreeDoc(job->document);
		return -1;
	}
	item = new_item(queue, RENDER_DOCUMENT, err);
	if (!item) {
		xmlFreeDoc(job->document);
		return -1;
	}
	item->document = job->document;
	item->prepare = job->prepare;
	if (job->prepare &&
	    !(item->prepare_argument = strdup(job->prepare_argument ? job->prepare_argument : ""))) {
		error_set(err, "out of memory");
		goto failed;
	}
	if (copy_parameters(job->parameters, &item->parameters, err) < 0)
		goto failed;
	for (size_t i = 0; i < job->count; i++) {
		item->sheets[i] = job->renderings[i].sheet;
		if (reserve_place(item, transaction, job->renderings[i].destination, err) < 0)
			goto failed;
	}
	if (reserve_place(item, transaction, job->pdf_destination, err) < 0)
		goto failed;
	item->pdf_source = job->pdf_source;
	set_title_and_date(item, job->title, job->date);
	return queue_item(queue, err);
failed:
	release_item(item);
	return -1;
}

int render_queue_letter(struct render_queue *queue, struct transaction *transaction,
			xmlDocPtr letter, const struct render_rendering *renderings,
			size_t count, const char *pdf_destination, const char *title,
			const char *date, struct error *err)
{
	const struct render_document job = {
		letter, NULL, NULL, renderings, count, NULL, RENDER_PDF_OF_DOCUMENT,
		pdf_destination, title, date,
	};

	return render_queue_document(queue, transaction, &job, err);
}

int render_queue_step(struct render_queue *queue, struct transaction *transaction,
		      const char *destination, render_step_make make, void *context,
		      void (*release)(void *context), struct error *err)
{
	struct render_item *item = new_item(queue, RENDER_STEP, err);

	if (!item) {
		release(context);
		return -1;
	}
	item->make = make;
	item->context = context;
	item->release = release;
	if (reserve_place(item, transaction, destination, err) < 0) {
		release_item(item);
		return -1;
	}
	return queue_item(queue, err);
}
