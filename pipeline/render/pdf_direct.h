/* pdf_direct.h - a letter's pages (pdf_pages.h) written as a PDF by ecap
 * itself: the text as the glyphs and positions Pango laid out, each font a
 * TrueType subset made by HarfBuzz's subsetter, the streams deflated by
 * libdeflate. cairo's PDF surface makes the same page, but its costs are
 * per document (a font subset made through FreeType's tables, every number
 * printed through printf) and were more than half of a letter's time
 * (README, "PDF, and why this way").
 *
 * The society's seal, an SVG that only librsvg draws, comes as the page
 * cairo drew it on alone (pdf_embed.h), placed as a form. What it does not
 * draw it declines, writing nothing, and the caller draws the letter with
 * cairo instead: a seal whose page cannot be taken, a glyph that no font
 * has (cairo draws its box), a font without TrueType outlines, text set
 * right to left or off its baseline. */
#ifndef ECAP_PDF_DIRECT_H
#define ECAP_PDF_DIRECT_H

#include <stddef.h>
#include "error.h"
#include "pdf_pages.h"

/* What pdf_direct_write answers when the pages hold what it does not draw. */
#define PDF_DIRECT_DECLINED 1

/* Writes count pages of width x height points as one PDF document, with
 * Title `title` (UTF-8, may be NULL), Creator "ecap" and, given `date`
 * ("YYYY-MM-DD"), that day as its creation date. 0 with *pdf (free with
 * free()) and *pdf_size; PDF_DIRECT_DECLINED with nothing made; -1 with err
 * filled. The same pages give the same bytes. */
int pdf_direct_write(const struct pdf_page *pages, int count, double width, double height,
		     const char *title, const char *date, unsigned char **pdf, size_t *pdf_size,
		     struct error *err);

#endif
