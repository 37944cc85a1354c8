/* pdf_fixed.h - the drawing of a certificate's fixed texts that a thread
 * keeps from one certificate to the next (pdf.c): the titles, the labels,
 * the society's names and the fixed wording, the same on every certificate
 * of a society (xslt/certificate-svg.xsl's <g id="fixed">), recorded once
 * a thread and replayed onto each certificate's page instead of being laid
 * out and drawn by librsvg and Pango again. */
#ifndef ECAP_PDF_FIXED_H
#define ECAP_PDF_FIXED_H

#include <stddef.h>
#include <cairo.h>

/* The key of a recording: the bytes it was drawn from, in pieces (the SVG's
 * root start tag, with what comes before it, and the group to its end). */
struct pdf_fixed_key {
	const char *piece[2];
	size_t size[2];
};

/* A new recording surface of width x height points for a fixed part, on
 * which librsvg draws texts as it draws them on a PDF surface: as glyphs,
 * not their outlines, so that they stay text in the PDF it is replayed on. */
cairo_surface_t *pdf_fixed_recording(double width, double height);

/* The recording the calling thread keeps under exactly key's bytes, a new
 * reference; NULL if it keeps none, or one of other bytes or drawn with
 * another font map than the thread's default now. */
cairo_surface_t *pdf_fixed_find(const struct pdf_fixed_key *key);

/* Keeps recording (takes a reference) under key's bytes (copied), in
 * place of the one the thread kept: a thread keeps one, the last drawn.
 * Returns 0, or -1 if the bytes cannot be copied (nothing is kept). */
int pdf_fixed_keep(const struct pdf_fixed_key *key, cairo_surface_t *recording);

/* How many times the calling thread's recordings were found (tests). */
unsigned pdf_fixed_found(void);

#endif
