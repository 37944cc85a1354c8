/* render_queue.h - the PDFs of letters and certificates typeset on --jobs
 * worker threads, while the run's one filing thread goes on deciding.
 *
 * The filing thread still makes every decision and every document (the
 * letter document, the certificate's SVG); only the typesetting
 * (pdf_from_letter, pdf_from_svg), about 10 ms a letter and 40 ms a
 * certificate, is handed to a worker. Each output queued reserves its place
 * in the open transaction at once (transaction_create: an empty file, its
 * line in the MANIFEST), so the transaction lists the same operations in the
 * same order whatever --jobs is; the bytes are written into that place by
 * the filing thread, in the order queued, when render_queue_finish collects
 * them before the transaction commits. A step that reads outputs back (an
 * e-mail attaching the letter's PDF) is queued too, behind them, and runs
 * on the filing thread when its turn comes.
 *
 * At most RENDER_WINDOW_PER_WORKER outputs per worker are in flight: queuing
 * one more first collects the oldest, so memory does not grow with the run.
 * With no workers (--jobs 1) each output is made and written as it is
 * queued, as before there were workers.
 *
 * An output that fails fails the run as it would have on the filing thread:
 * the first error, by queue order, is render_queue_finish's (or the next
 * queuing call's), and the transaction is then aborted, never committed. A
 * kill before the commit loses nothing: nothing of the transaction is
 * visible until it commits. */
#ifndef ECAP_RENDER_QUEUE_H
#define ECAP_RENDER_QUEUE_H

#include <stddef.h>
#include <libxml/tree.h>
#include "error.h"
#include "store.h"

#define RENDER_WINDOW_PER_WORKER 4

struct render_queue;

/* A queue typesetting on `workers` threads (0: on the caller's, at once).
 * NULL with err when the threads cannot be started. */
struct render_queue *render_queue_new(int workers, struct error *err);
/* Stops the workers and drops what was not collected (the transaction it
 * was for is being aborted). NULL is fine. */
void render_queue_free(struct render_queue *queue);

/* The PDF of the letter document `letter` (the queue takes it and frees it
 * on the filing thread), to be put at destination in transaction. title and
 * date as pdf_from_letter takes them. */
int render_queue_letter(struct render_queue *queue, struct transaction *transaction,
			const char *destination, xmlDocPtr letter, const char *title,
			const char *date, struct error *err);
/* The PDF of a certificate's SVG (copied), as pdf_from_svg makes it. */
int render_queue_svg(struct render_queue *queue, struct transaction *transaction,
		     const char *destination, const char *svg, size_t size, const char *title,
		     const char *date, struct error *err);

/* A file made on the filing thread once everything queued before it is in
 * place (it may read those files back through store_locate): make(context)
 * returns its bytes (malloc'ed, *bytes NULL for none) or -1; release(context)
 * is called in every case, also when the step never runs. */
typedef int (*render_step_make)(void *context, unsigned char **bytes, size_t *size,
				struct error *err);
int render_queue_step(struct render_queue *queue, struct transaction *transaction,
		      const char *destination, render_step_make make, void *context,
		      void (*release)(void *context), struct error *err);

/* Waits for every output queued and writes each into its place, in the
 * order queued: 0, or -1 with the first failure. To be called before the
 * transaction commits. */
int render_queue_finish(struct render_queue *queue, struct error *err);

/* Everything queued collected (render_queue_finish), then the workers
 * stopped and their memory given back: for when the run will typeset
 * nothing more (anything queued later is made on the calling thread, as
 * with no workers). 0, or -1 with err as render_queue_finish. */
int render_queue_retire(struct render_queue *queue, struct error *err);

#endif
