/* render_queue.h - the renderings and PDFs of letters and certificates,
 * and the letters' e-mails, made on --jobs worker threads
 * while the run's one filing thread goes on deciding.
 *
 * The filing thread still makes every decision and every document (the
 * letter document, by the kind's stylesheet; the certificate document,
 * signed); what is made from a document is handed to a worker: a letter's
 * XHTML and text (its two stylesheets, compiled beforehand, applied to the
 * letter document) and its PDF (pdf_from_letter, about 10 ms), a
 * certificate's QR code, its SVG (certificate-svg.xsl) and the PDF of that
 * (pdf_from_svg, about 40 ms), and a file made from outputs already in
 * place (a letter's e-mail, which carries its text and attaches its PDF).
 * Each worker has its PDFs typeset by a process of its own (typesetter.h).
 * Each output queued reserves its place in the open transaction at once
 * (transaction_reserve: its line in the MANIFEST, its file not yet made),
 * so the transaction lists the same operations in the same order whatever
 * --jobs is; the worker creates the file and writes the bytes into it
 * before it marks the job done, and render_queue_finish waits, in the order queued, until every
 * job is done before the transaction commits.
 *
 * Workers take jobs in queue order, except that a step (a file made from
 * other outputs) is only taken once every job queued before it is done,
 * so that what it reads is in place; a later job may be taken meanwhile.
 * The steps it reads were queued before it, so no job ever waits for one
 * queued after it, and nothing can deadlock.
 *
 * At most RENDER_WINDOW_PER_WORKER jobs per worker are in flight: queuing
 * one more first collects the oldest, so memory does not grow with the run.
 * With no workers (--jobs 1) each job is made and written as it is queued,
 * as before there were workers.
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
#include "notice.h"
#include "store.h"

#define RENDER_WINDOW_PER_WORKER 4

struct render_queue;

/* A queue making its jobs on `workers` threads (0: on the caller's, at
 * once). With workers, each typesets its PDFs in a process of its own,
 * `typesetter_program typeset` (typesetter.h), started at its first PDF;
 * typesetter_program NULL: on the worker's thread (tests only: cairo 1.16
 * is not safe on two threads at once). NULL with err when the threads
 * cannot be started. */
struct render_queue *render_queue_new(int workers, const char *typesetter_program,
				      struct error *err);
/* Stops the workers and drops what was not collected (the transaction it
 * was for is being aborted). NULL is fine. */
void render_queue_free(struct render_queue *queue);

/* At most this many renderings of a document besides its PDF. */
#define RENDER_DOCUMENT_RENDERINGS 2

/* One rendering of a document: the stylesheet (taken from the renderer on
 * the filing thread, renderer_sheet), applied with the document's
 * parameters, its output put at destination. */
struct render_rendering {
	const char *destination;
	struct renderer_sheet sheet;
};

/* What a document's PDF is typeset from. */
enum render_pdf_source {
	RENDER_PDF_OF_DOCUMENT,		/* the document itself: pdf_from_letter */
	RENDER_PDF_OF_FIRST_RENDERING,	/* its first rendering, an SVG: pdf_from_svg */
};

/* Changes the document on the worker before its renderings (a
 * certificate's QR code: certificate_qr_add): it may only touch the
 * document and argument, which the job owns. */
typedef int (*render_prepare)(xmlDocPtr document, const char *argument, struct error *err);

/* A document made into its renderings and a PDF on a worker. */
struct render_document {
	xmlDocPtr document;		/* the queue takes it, in every case */
	render_prepare prepare;		/* NULL for none */
	const char *prepare_argument;	/* copied into the job */
	const struct render_rendering *renderings;
	size_t count;			/* at most RENDER_DOCUMENT_RENDERINGS */
	/* name, value, ..., NULL, as renderer_sheet_apply takes them, for
	 * every rendering (NULL for none): copied into the job */
	const char *const *parameters;
	enum render_pdf_source pdf_source;
	const char *pdf_destination;
	const char *title, *date;	/* as pdf_from_letter and pdf_from_svg take them */
};

/* The job's document prepared, made into each of its renderings, in order,
 * each written at its destination, and then typeset as a PDF at
 * pdf_destination: every place reserved in transaction now, in that
 * order. The document must be the job's alone (see render_queue.c): the
 * filing thread hands it over and never touches it again. */
int render_queue_document(struct render_queue *queue, struct transaction *transaction,
			  const struct render_document *job, struct error *err);

/* A letter document (xslt/letter-KIND.xsl's) as render_queue_document with
 * no preparation and its PDF typeset from it (pdf_from_letter). */
int render_queue_letter(struct render_queue *queue, struct transaction *transaction,
			xmlDocPtr letter, const struct render_rendering *renderings,
			size_t count, const char *pdf_destination, const char *title,
			const char *date, struct error *err);

/* A file made once everything queued before it is in place, on a worker
 * (or on the filing thread without workers): make(context) returns its
 * bytes (malloc'ed, *bytes NULL for none) or -1. It may run on any thread,
 * so it must only read its context and files by the paths resolved before
 * it was queued (never the transaction, which the filing thread keeps
 * changing: store_locate). release(context) is called on the filing
 * thread in every case, also when the step never runs. */
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
