/* pdf_layouts.h - the Pango contexts and the laid-out text a thread keeps
 * from one letter to the next (pdf_letter.c): most of every letter of a
 * kind is the same text (the letterhead, the headings, the labels, the
 * standard paragraphs and tables, the sign-off), which is then shaped and
 * broken into lines once a thread instead of once a letter. */
#ifndef ECAP_PDF_LAYOUTS_H
#define ECAP_PDF_LAYOUTS_H

#include <cairo.h>
#include <pango/pango.h>

/* The calling thread's Pango context for laying out text in `language` to
 * be drawn on cr's surface: one for each set of font options a surface has
 * (a recording's, a PDF's), made the first time from cr, whose matrix must
 * be the identity. The thread keeps it: never change or unref it (a change
 * would lay out again every layout made with it). */
PangoContext *pdf_layouts_context(cairo_t *cr, const char *language);

/* The layout the calling thread kept under key, a new reference; NULL if
 * none. A kept layout is never changed: it is drawn, measured, iterated. */
PangoLayout *pdf_layouts_find(const char *key);

/* Offers layout to keep under key, which should name everything it was
 * made from: its context, text and settings. The thread keeps it (takes a
 * reference) if a layout was offered under key before, lately: the text
 * that recurs, not what one letter alone has. It keeps at most 1,024, the
 * ones found lately, and lets go of those not found in the last 4,096 to
 * 8,192 lookups. */
void pdf_layouts_keep(const char *key, PangoLayout *layout);

/* How many layouts the calling thread keeps (tests/unit/test-pdf.c). */
unsigned pdf_layouts_count(void);

#endif
