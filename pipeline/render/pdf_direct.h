/* pdf_direct.h - a document's pages (pdf_pages.h) written as a PDF by ecap
 * itself: the text as the glyphs and positions Pango laid out, each font a
 * TrueType subset made by HarfBuzz's subsetter, the streams deflated by
 * libdeflate. cairo's PDF surface makes the same page, but its costs are
 * per document (a font subset made through FreeType's tables, every number
 * printed through printf) and were more than half of a letter's time
 * (README, "PDF, and why this way"). Letters (pdf_letter.c) and
 * certificates (pdf_certificate.c) are written so.
 *
 * The lines of a document's particulars (pdf_mark.particular: a name, a
 * number, what one letter alone says) have their glyphs embedded apart:
 * each face as one font of the glyphs the rest of the document, its
 * wording, draws (and all ten digits if it draws one), which the thread
 * keeps made for the next document with the same wording, and one of the
 * glyphs that only the particulars draw (pdf_subsets.h).
 *
 * What only librsvg draws (the society's seal, a certificate's ground)
 * comes as the page cairo drew it on alone (pdf_embed.h), placed as a form.
 * Bold that fontconfig makes from a regular face (a CJK font with no bold)
 * is filled and stroked a 24th of the size wide, as FreeType's emboldening
 * widens it for cairo. What it does not draw it declines, writing nothing,
 * and the caller draws the document with cairo instead: a form whose page
 * cannot be taken, a glyph that no font has (cairo draws its box), a font
 * without TrueType outlines or slanted by fontconfig, text set right to
 * left or off its baseline. */
#ifndef ECAP_PDF_DIRECT_H
#define ECAP_PDF_DIRECT_H

#include <stddef.h>
#include <glib.h>
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

/* value to three decimals, without trailing zeros, as the writer prints
 * every number: exactly the same on every machine (no printf of a double). */
void pdf_append_number(GString *out, double value);

#endif
