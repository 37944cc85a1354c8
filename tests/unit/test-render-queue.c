/* test-render-queue.c - the order the render queue keeps (render_queue.h),
 * with no workers, two and four: a step (a file made from outputs queued
 * before it, as a letter's e-mail attaches its PDF) is made only once each
 * of those is in its place, however long they take and whichever worker
 * takes what; every output is in its place, in the file reserved for it,
 * when render_queue_finish returns; the window of jobs in flight is
 * collected as it fills; the failure reported is the first by queue order,
 * and every step's context is released once, made or not.
 *
 * Each step of a chain reads the file of the step before it (its path
 * found in the transaction before it is queued, as mail.c does) and writes
 * what it read followed by its own number: the last file of a chain reads
 * "<0><1>...<N-1>" only if no step ran before the one before it was in
 * place. The first step of a chain is slow, and some others, so that a
 * worker that took a step too early would find an empty file.
 *
 * A document job (render_queue_document, as consequences.c queues a
 * certificate) makes on a worker the same bytes as the filing thread made
 * before it moved there: its preparation (the QR code), its rendering with
 * a parameter (the seal) and the PDF typeset from that rendering, though
 * the caller's parameter and argument are gone once it is queued. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "notice.h"
#include "paths.h"
#include "share-setup.h"
#include "pdf.h"
#include "qrcode.h"
#include "render_queue.h"
#include "store.h"
#include "tap.h"
#include "xml.h"

#define CHAIN 40
#define MAX_TEXT (CHAIN * 8 + 1)

struct step {
	int number;
	long delay_ms;			/* before it reads */
	int fails;			/* it fails, saying "step N failed" */
	char reads[PATH_MAX];		/* the file of the step before it; "" for none */
	int released;
};

static char directory[] = "/tmp/ecap-test-render-queue-XXXXXX";

static void sleep_ms(long ms)
{
	struct timespec pause = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&pause, &pause) < 0)
		;
}

static int make_step(void *context, unsigned char **bytes, size_t *size, struct error *err)
{
	struct step *step = context;
	char *before = NULL, *text;
	size_t length = 0;

	sleep_ms(step->delay_ms);
	if (step->fails)
		return error_set(err, "step %d failed", step->number);
	if (step->reads[0] && !(before = xml_read_file(step->reads, MAX_TEXT, &length, err)))
		return -1;
	text = malloc(length + 16);
	if (!text) {
		free(before);
		return error_set(err, "out of memory");
	}
	memcpy(text, before ? before : "", length);
	*size = length + (size_t)snprintf(text + length, 16, "<%d>", step->number);
	*bytes = (unsigned char *)text;
	free(before);
	return 0;
}

static void release_step(void *context)
{
	((struct step *)context)->released++;
}

/* "<0><1>...<count-1>" */
static void chain_text(int count, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < count && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "<%d>", i);
}

/* A chain of CHAIN steps on `workers` threads: each file in place, whole. */
static void test_chain(struct store *store, int workers)
{
	static struct step steps[CHAIN];
	struct transaction transaction;
	struct render_queue *queue;
	struct error err = { "" };
	char name[64], path[PATH_MAX], expected[MAX_TEXT], label[160];
	int failed = 0, whole = 1, released = 1;

	memset(steps, 0, sizeof(steps));
	queue = render_queue_new(workers, NULL, &err);
	if (!queue || transaction_begin(store, &transaction, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
	for (int i = 0; i < CHAIN && !failed; i++) {
		steps[i].number = i;
		/* the first slow, and every seventh: a worker free meanwhile
		 * must not take the step after it */
		steps[i].delay_ms = i == 0 ? 150 : i % 7 == 0 ? 40 : i % 3;
		if (i > 0) {
			snprintf(name, sizeof(name), "out/step-%02d", i - 1);
			failed = transaction_staged(&transaction, name, steps[i].reads,
						    sizeof(steps[i].reads)) != 1;
		}
		snprintf(name, sizeof(name), "out/step-%02d", i);
		failed = failed || render_queue_step(queue, &transaction, name, make_step, &steps[i],
						     release_step, &err) < 0;
	}
	failed = failed || render_queue_finish(queue, &err) < 0;
	snprintf(label, sizeof(label), "%d workers: %d steps queued and collected", workers, CHAIN);
	ok(!failed, label);
	if (failed)
		printf("#   %s\n", err.message);
	for (int i = 0; i < CHAIN && !failed; i++) {
		size_t size = 0;
		char *text;

		snprintf(name, sizeof(name), "out/step-%02d", i);
		chain_text(i + 1, expected, sizeof(expected));
		text = transaction_staged(&transaction, name, path, sizeof(path)) == 1 ?
			xml_read_file(path, MAX_TEXT, &size, &err) : NULL;
		if (!text || size != strlen(expected) || memcmp(text, expected, size) != 0) {
			if (whole)
				printf("#   %s holds '%.*s', expected '%s'\n", name, (int)size,
				       text ? text : "", expected);
			whole = 0;
		}
		free(text);
	}
	snprintf(label, sizeof(label),
		 "%d workers: each step made after the one before it was in place", workers);
	ok(!failed && whole, label);
	render_queue_free(queue);
	for (int i = 0; i < CHAIN; i++)
		released = released && steps[i].released == 1;
	snprintf(label, sizeof(label), "%d workers: every step's context released once", workers);
	ok(released, label);
	transaction_abort(&transaction);
}

/* Two failing steps, the first slow: the first's failure is the one told,
 * and the queue refuses more after it. */
static void test_first_failure(struct store *store, int workers)
{
	static struct step steps[3];
	struct transaction transaction;
	struct render_queue *queue;
	struct error err = { "" };
	char label[160];
	int queued = 1, passed = 0, result;

	memset(steps, 0, sizeof(steps));
	steps[0] = (struct step){ 0, 100, 1, "", 0 };
	steps[1] = (struct step){ 1, 0, 1, "", 0 };
	steps[2] = (struct step){ 2, 0, 0, "", 0 };
	queue = render_queue_new(workers, NULL, &err);
	if (!queue || transaction_begin(store, &transaction, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
	for (int i = 0; i < 2 && queued; i++) {
		char name[32];

		snprintf(name, sizeof(name), "out/failing-%d", i);
		queued = render_queue_step(queue, &transaction, name, make_step, &steps[i],
					   release_step, &err) == 0;
		passed++;
	}
	result = queued ? render_queue_finish(queue, &err) : -1;
	snprintf(label, sizeof(label), "%d workers: the first failure by queue order is told",
		 workers);
	ok(result < 0 && strcmp(err.message, "step 0 failed") == 0, label);
	if (!(result < 0 && strcmp(err.message, "step 0 failed") == 0))
		printf("#   got '%s'\n", err.message);
	err.message[0] = '\0';
	result = render_queue_step(queue, &transaction, "out/after", make_step, &steps[2],
				   release_step, &err);
	snprintf(label, sizeof(label), "%d workers: nothing more is queued after a failure",
		 workers);
	ok(result < 0 && strcmp(err.message, "step 0 failed") == 0 && steps[2].released == 1,
	   label);
	render_queue_free(queue);
	snprintf(label, sizeof(label), "%d workers: the failing steps' contexts released",
		 workers);
	ok(steps[0].released == 1 && (passed < 2 || steps[1].released == 1), label);
	transaction_abort(&transaction);
}

/* A place reserved (transaction_reserve) is made by whoever writes it; the
 * commit refuses, before its commit point, a transaction with a place never
 * made, and places nothing of it; made, the file is placed. */
static void test_reserved_commit(struct store *store)
{
	struct transaction transaction;
	struct error err = { "" };
	char path[PATH_MAX], placed[PATH_MAX];
	int refused, placed_nothing;

	if (transaction_begin(store, &transaction, &err) < 0 ||
	    transaction_put(&transaction, "out/beside", "x", 1, &err) < 0 ||
	    transaction_reserve(&transaction, "out/never-made", path, sizeof(path), &err) < 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
	refused = transaction_commit(&transaction, &err) < 0 && strstr(err.message, "never written");
	ok(refused, "a commit with a reserved place never made is refused");
	if (!refused)
		printf("#   %s\n", err.message);
	placed_nothing = access(store_path(store, "out/beside", placed, sizeof(placed)), F_OK) < 0 &&
			 access(store_path(store, "out/never-made", placed, sizeof(placed)), F_OK) < 0;
	ok(placed_nothing, "and nothing of it is placed");

	if (transaction_begin(store, &transaction, &err) < 0 ||
	    transaction_reserve(&transaction, "out/made", path, sizeof(path), &err) < 0 ||
	    transaction_write_reserved(path, "y", 1, &err) < 0 ||
	    transaction_commit(&transaction, &err) < 0) {
		ok(0, "a reserved place made is placed at commit");
		printf("#   %s\n", err.message);
		return;
	}
	ok(access(store_path(store, "out/made", placed, sizeof(placed)), F_OK) == 0,
	   "a reserved place made is placed at commit");
}

#define VERIFICATION_BASE "https://www.example.org/ecap/verify/"
/* a red disc, as seal.c makes a policy's SVG seal into a data: URI */
#define SEAL_URI "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdp" \
	"ZHRoPSIyNCIgaGVpZ2h0PSIyNCI+PGNpcmNsZSBjeD0iMTIiIGN5PSIxMiIgcj0iMTAiIGZpbGw9IiNjMDAiLz48L3N2Zz4="

static int add_qr_code(xmlDocPtr document, const char *base, struct error *err)
{
	return certificate_qr_add(xmlDocGetRootElement(document), base, err);
}

static xmlDocPtr read_certificate(void)
{
	xmlDocPtr document = xmlReadFile("tests/data/documents/certificate.xml", NULL, XML_PARSE_NONET);

	if (!document) {
		printf("Bail out! cannot read tests/data/documents/certificate.xml\n");
		exit(2);
	}
	return document;
}

/* The staged file at name equal to size bytes at expected. */
static int staged_is(struct transaction *transaction, const char *name, const void *expected,
		     size_t size)
{
	char path[PATH_MAX];
	struct error err = { "" };
	size_t length = 0;
	char *bytes = transaction_staged(transaction, name, path, sizeof(path)) == 1 ?
		xml_read_file(path, 1 << 24, &length, &err) : NULL;
	int same = bytes && length == size && memcmp(bytes, expected, size) == 0;

	if (!same)
		printf("#   %s: %zu bytes, expected %zu%s%s\n", name, length, size,
		       err.message[0] ? ": " : "", err.message);
	free(bytes);
	return same;
}

/* A certificate's SVG and PDF from its document on `workers` threads, its
 * PDF typeset by `typesetter typeset` (NULL: on the worker's thread): the
 * bytes the calling thread makes from a copy of the document. */
static void test_document(struct store *store, struct renderer *renderer, int workers,
			  const char *typesetter)
{
	const char *reference_parameters[] = { "seal-src", SEAL_URI, NULL };
	xmlDocPtr reference = read_certificate();
	xmlChar *svg = NULL;
	unsigned char *pdf = NULL;
	size_t pdf_size = 0;
	int svg_size = 0, failed, same;
	char *seal = strdup(SEAL_URI), *base = strdup(VERIFICATION_BASE), label[160];
	const char *parameters[] = { "seal-src", seal, NULL };
	struct render_rendering rendering = { "out/certificate.svg", { 0 } };
	struct render_document job = {
		read_certificate(), add_qr_code, base, &rendering, 1, parameters,
		RENDER_PDF_OF_FIRST_RENDERING, "out/certificate.pdf", "certificate.pdf",
		"2026-12-08",
	};
	struct transaction transaction;
	struct render_queue *queue;
	struct error err = { "" };

	if (!seal || !base ||
	    certificate_qr_add(xmlDocGetRootElement(reference), VERIFICATION_BASE, &err) < 0 ||
	    renderer_apply(renderer, "certificate-svg.xsl", reference, reference_parameters, &svg,
			   &svg_size, &err) < 0 ||
	    pdf_from_svg((const char *)svg, (size_t)svg_size, "certificate.pdf", "2026-12-08",
			 &pdf, &pdf_size, &err) < 0 ||
	    !(queue = render_queue_new(workers, typesetter, &err)) ||
	    transaction_begin(store, &transaction, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
	failed = renderer_sheet(renderer, "certificate-svg.xsl", &rendering.sheet, &err) < 0 ||
		 render_queue_document(queue, &transaction, &job, &err) < 0;
	/* the job's are copies: the caller's may go at once */
	memset(seal, 'x', strlen(seal));
	memset(base, 'x', strlen(base));
	free(seal);
	free(base);
	failed = failed || render_queue_finish(queue, &err) < 0;
	snprintf(label, sizeof(label), "%d workers%s: a certificate's SVG and PDF made", workers,
		 typesetter ? ", typesetting processes" : "");
	ok(!failed, label);
	if (failed)
		printf("#   %s\n", err.message);
	ok(strstr((const char *)svg, VERIFICATION_BASE) && strstr((const char *)svg, SEAL_URI),
	   "the reference SVG has the QR code's address and the seal");
	same = !failed && staged_is(&transaction, "out/certificate.svg", svg, (size_t)svg_size) &&
	       staged_is(&transaction, "out/certificate.pdf", pdf, pdf_size);
	snprintf(label, sizeof(label), "%d workers%s: the same SVG and PDF as made on the calling "
		 "thread", workers, typesetter ? ", typesetting processes" : "");
	ok(same, label);
	render_queue_free(queue);
	transaction_abort(&transaction);
	xmlFree(svg);
	free(pdf);
	xmlFreeDoc(reference);
}

int main(void)
{
	struct renderer *renderer;
	struct store store;
	struct error err = { "" };
	char command[PATH_MAX + 16], typesetter[PATH_MAX];
	FILE *policy;

	if (share_setup(&err) < 0 || !(renderer = renderer_new(&err))) {
		printf("Bail out! %s\n", err.message);
		return 2;
	}
	if (!mkdtemp(directory) || store_create_layout(directory, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		return 2;
	}
	snprintf(command, sizeof(command), "%s/policy.xml", directory);
	policy = fopen(command, "w");
	if (!policy || fputs("<policy xmlns='urn:ecap:1'/>\n", policy) < 0 || fclose(policy) != 0 ||
	    store_open(&store, directory, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		return 2;
	}
	for (int workers = 0; workers <= 4; workers += 2)
		test_chain(&store, workers);
	for (int workers = 0; workers <= 4; workers += 2)
		test_first_failure(&store, workers);
	for (int workers = 0; workers <= 2; workers += 2)
		test_document(&store, renderer, workers, NULL);
	/* as a run has it: the suite's ecap typesets */
	if (realpath(getenv("ECAP") ? getenv("ECAP") : "bin/ecap", typesetter))
		test_document(&store, renderer, 2, typesetter);
	else
		ok(0, "an ecap to typeset with (make first)");
	test_reserved_commit(&store);
	renderer_free(renderer);
	store_close(&store);
	snprintf(command, sizeof(command), "rm -rf '%s'", directory);
	if (system(command) != 0)
		printf("# could not remove %s\n", directory);
	return tap_done();
}
