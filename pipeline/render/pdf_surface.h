/* pdf_surface.h - the cairo PDF surface that pdf.c and pdf_letter.c draw
 * on: it writes into a growing memory buffer, carries the document's Title,
 * Creator ("ecap") and dates, and hands the bytes over when finished; and
 * the check that a font asked for is the one fontconfig gives. */
#ifndef ECAP_PDF_SURFACE_H
#define ECAP_PDF_SURFACE_H

#include <stddef.h>
#include <cairo.h>
#include <pango/pango.h>
#include "error.h"

#define POINTS_PER_MM (72.0 / 25.4)
/* A4 in PDF points, rounded as PDF producers conventionally do. */
#define A4_SHORT_SIDE 595.0
#define A4_LONG_SIDE 842.0

/* The deflate level of every stream cairo writes into a PDF, which
 * libdeflate compresses whole (pdf_deflate.c; cairo asks for zlib's
 * default, 6), and the memory level of zlib's deflateInit, for a stream that
 * names its level. */
#define PDF_DEFLATE_LEVEL 1
#define ZLIB_MEMORY_LEVEL 8

/* The growing memory buffer the PDF surface writes into. */
struct pdf_buffer {
	unsigned char *data;
	size_t size;
	size_t capacity;
};

/* Appends length bytes to buffer, growing it (doubling, from 64 KB): 0, or
 * -1 when it cannot grow (buffer unchanged). */
int pdf_buffer_append(struct pdf_buffer *buffer, const void *data, size_t length);

/* A PDF surface of one page size writing into buffer, with the document's
 * Title and Creator set and, given `date` ("YYYY-MM-DD"), that day as its
 * creation and modification dates; NULL (err filled) when cairo cannot
 * make one. */
cairo_surface_t *pdf_surface_open(struct pdf_buffer *buffer, double width, double height,
				  const char *title, const char *date, struct error *err);

/* Ends the drawing on cr, finishes the document and hands the buffer's bytes
 * over to *pdf (buffer is left empty). */
int pdf_surface_close(cairo_t *cr, cairo_surface_t *surface, struct pdf_buffer *buffer,
		      unsigned char **pdf, size_t *pdf_size, struct error *err);

/* Fails unless the font family that fontconfig picks for description is the
 * one asked for (the error names the Debian package to install): a
 * substitute would quietly change the layout, or draw with a CFF font whose
 * glyphs cairo 1.16 may drop when subsetting (pdf_letter.c). */
int pdf_font_check(PangoLayout *layout, const PangoFontDescription *description,
		   const char *package, struct error *err);

#endif
