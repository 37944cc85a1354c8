/* pdf_cairo_pages.h - a letter's pages (pdf_pages.h) drawn with cairo, for
 * what pdf_direct.c declines; and an SVG drawn alone by cairo (the society's
 * seal, a certificate's ground), for pdf_direct.c to place as a form on
 * what it writes (pdf_embed.h). */
#ifndef ECAP_PDF_CAIRO_PAGES_H
#define ECAP_PDF_CAIRO_PAGES_H

#include <stddef.h>
#include <librsvg/rsvg.h>
#include "error.h"
#include "pdf_embed.h"
#include "pdf_pages.h"

/* count pages of width x height points drawn on a cairo PDF surface (seal:
 * what draws their seal marks), as pdf_direct_write makes them: 0 with
 * *pdf (free with free()) and *pdf_size, or -1 with err filled. */
int pdf_cairo_pages_write(const struct pdf_page *pages, int count, double width, double height,
			  RsvgHandle *seal, const char *title, const char *date,
			  unsigned char **pdf, size_t *pdf_size, struct error *err);

/* handle's SVG drawn alone by librsvg on a cairo PDF page of width x
 * height, as pdf_embed.h takes a page: its PDF's bytes in *pdf (free with
 * free(); the page refers to them) and the page; NULL with err empty when
 * cairo's page cannot be taken, NULL with err filled (and *pdf NULL) when
 * it cannot be drawn. */
struct pdf_embedded *pdf_cairo_svg_page(RsvgHandle *handle, double width, double height,
					unsigned char **pdf, struct error *err);

/* The seal at uri (drawn by handle) on a page `side` points square, as the
 * calling thread drew it last for that uri and side, or drawn now and kept
 * until it draws another; NULL when cairo's page of it cannot be taken into
 * a letter (the letter is then drawn with cairo). */
const struct pdf_embedded *pdf_cairo_seal_page(const char *uri, RsvgHandle *handle, double side);

#endif
