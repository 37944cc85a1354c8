/* pdf_embed.h - the one page of a PDF that cairo made, taken into a PDF that
 * pdf_direct.c writes, as a Form XObject: the society's seal, which only
 * librsvg draws, is drawn alone on a page of its own by cairo once a
 * thread, and that page is then placed on every letter written directly.
 *
 * What is taken is a PDF as cairo 1.16 writes it: a cross-reference table
 * (no object streams), one page whose content is one stream. Every object
 * but the catalog, the page tree, the page, its content stream and the
 * document's information is copied, renumbered; the content stream becomes
 * the form, over the page's resources and transparency group. A PDF not of
 * that shape is refused (NULL), and the caller draws the letter with cairo
 * as before. */
#ifndef ECAP_PDF_EMBED_H
#define ECAP_PDF_EMBED_H

#include <stddef.h>
#include <glib.h>

struct pdf_embedded;

/* The page of pdf[0..size), which must outlive the result; NULL if it is not
 * a PDF of the shape above, or out of memory. */
struct pdf_embedded *pdf_embedded_read(const unsigned char *pdf, size_t size);
void pdf_embedded_free(struct pdf_embedded *page);

/* How many objects the page adds to a document: the form, then the objects
 * it refers to. */
int pdf_embedded_count(const struct pdf_embedded *page);

/* The page's width and height (its MediaBox), in points. */
double pdf_embedded_width(const struct pdf_embedded *page);
double pdf_embedded_height(const struct pdf_embedded *page);

/* Appends object `index` (0, the form, to count - 1) as numbered from
 * `first` (the form is `first`): what follows "N 0 obj\n", to "endobj\n". */
void pdf_embedded_object(const struct pdf_embedded *page, int index, int first, GString *out);

#endif
