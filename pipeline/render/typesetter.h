/* typesetter.h - PDFs typeset in a process of their own, `ecap typeset`,
 * one for each typesetting worker of a run with --jobs above 1.
 *
 * Why a process and not the worker's thread: cairo 1.16 (Debian 12) cannot
 * typeset on two threads of one process safely. It keeps one
 * most-recently-used scaled font for the whole process; creating any font
 * drops the previous one, which may be another thread's, and that thread
 * may at that moment be taking the same font back from cairo's map:
 * cairo's assertion `! scaled_font->cache_frozen` then aborts the whole
 * run (cairo_scaled_font_destroy lowers the count before it takes the
 * map's lock; fixed upstream in 2020, commit a67735010, first released in
 * cairo 1.17.4). Fonts of a thread's own (pdf_fonts.h) do not prevent it,
 * and cairo's own calls are bound inside the library, where ecap cannot
 * put a lock. In a process of its own, cairo, Pango, fontconfig and librsvg
 * have one thread each, the one they were written for. A typesetting
 * process that dies is started again and given the document once more;
 * only if that one dies too does the document fail, and the run with it.
 *
 * The worker thread still does everything else of a job (its stylesheets,
 * its QR code, writing the files); only the PDF crosses. A letter goes as
 * its letter document serialized (unindented: the same text nodes) and
 * parsed back there, a certificate as its SVG, each with its title and
 * date; the PDF comes back as bytes, the very bytes pdf_from_letter and
 * pdf_from_svg make in this process (t1010 compares --jobs 1, typeset on
 * the filing thread, with 2 and 4).
 *
 * The process is `program typeset` (the run's own executable,
 * typesetter_own_program), its standard input a Unix socket to the worker, its
 * standard output /dev/null, its standard error the run's. It serves one
 * request at a time until the socket closes, so a killed run's processes
 * end by themselves as soon as they next read. */
#ifndef ECAP_TYPESETTER_H
#define ECAP_TYPESETTER_H

#include <stddef.h>
#include <libxml/tree.h>
#include "error.h"

/* The program a run's typesetting processes are: this executable.
 * Normally "/proc/self/exe", which stays this executable even if an upgrade
 * replaces or removes its file during the run; under valgrind, which is
 * itself what /proc/self/exe is, the path valgrind gives for it (in path,
 * of size bytes). */
const char *typesetter_own_program(char *path, size_t size);

/* One worker's typesetting process, started when first needed. */
struct typesetter;

/* How long a run's typesetting process may take over one document before
 * it is taken to hang, killed, and the document failed: a certificate takes
 * about 40 ms, a letter 10 ms; this is for a process that is stuck. */
#define TYPESETTER_ANSWER_SECONDS 300

/* A typesetter that will run `program typeset` (program is copied), and
 * wait answer_seconds at most for each answer. NULL when out of memory. */
struct typesetter *typesetter_new(const char *program, int answer_seconds);
/* Closes the process's socket, waits for it to end, frees. NULL is fine. */
void typesetter_free(struct typesetter *typesetter);

/* As pdf_from_letter and pdf_from_svg (pdf.h), typeset in the process: the
 * PDF's bytes (free with free()), or -1 with err. The process is started if
 * it is not running; one that dies while typesetting is started again and
 * given the document once more before the error is the document's; one
 * that does not answer in time is killed, and the error is the
 * document's at once. */
int typesetter_letter(struct typesetter *typesetter, xmlDocPtr letter, const char *title,
		      const char *date, unsigned char **pdf, size_t *pdf_size,
		      struct error *err);
int typesetter_svg(struct typesetter *typesetter, const char *svg, size_t size,
		   const char *title, const char *date, unsigned char **pdf, size_t *pdf_size,
		   struct error *err);

/* The process's side: answers the requests read on `socket` until it is
 * closed (0), or -1 with err when a request is not one (a bug: the
 * process then ends, and its worker sees it end). */
int typesetter_serve(int socket, struct error *err);

/* The process id of the running process, 0 when there is none (tests). */
long typesetter_pid(const struct typesetter *typesetter);

#endif
