/* pdf_certificate.h - a certificate's PDF written by ecap itself
 * (pdf_direct.h), from its SVG (xslt/certificate-svg.xsl), instead of drawn
 * whole by librsvg on a cairo PDF surface.
 *
 * A certificate is mostly the same on every certificate of a society: the
 * frame, the rules, the emblem, the seal, the fixed wording. What changes
 * from one to the next is the holder's particulars, each a <text> of its
 * own, and the QR code, a <path>. So the SVG is taken apart: what is the
 * same (the ground) is drawn by librsvg and cairo once a thread and placed
 * on each certificate as a form (pdf_embed.h); the particulars are laid out
 * with Pango exactly as librsvg lays them out (its font options, sizes,
 * letter spacing, text-anchor and baseline) and written glyph by glyph, and
 * the QR code is written as the path it is.
 *
 * Only an SVG whose particulars say nothing but what this draws is taken
 * apart: plain text in a <text> of known attributes (position, size,
 * anchor, letter spacing, weight, style, fill, font family, language), in
 * the root or in groups that say nothing, no style sheet. For anything
 * else, and for what the writer declines (a glyph no TrueType font has,
 * text set right to left, a slanted face made from an upright one), the
 * caller draws the SVG whole, as before. */
#ifndef ECAP_PDF_CERTIFICATE_H
#define ECAP_PDF_CERTIFICATE_H

#include <stddef.h>
#include "error.h"

/* svg[0..size) as a PDF of width x height points (the page librsvg would
 * draw it on), with Title `title` and the creation date `date`: 0 with *pdf
 * (free with free()) and *pdf_size; PDF_DIRECT_DECLINED (pdf_direct.h)
 * with nothing made, when the SVG is not one it takes apart or the writer
 * declines it; -1 with err filled. */
int pdf_certificate_write(const char *svg, size_t size, double width, double height,
			  const char *title, const char *date, unsigned char **pdf,
			  size_t *pdf_size, struct error *err);

#endif
