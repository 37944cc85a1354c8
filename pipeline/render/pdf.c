/* pdf.c - certificates (SVG, librsvg) as PDF on a cairo surface that writes
 * into memory; see pdf.h. Letters: pdf_letter.c. */
#include <stdlib.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include "pdf.h"
#include "pdf_surface.h"

/* The bounding box of what a fill would cover, as cairo_fill_extents(3)
 * gives it, here from the path's own extents (cairo_path_extents: the box
 * of its segments, curves bounded exactly).
 *
 * Why ecap defines a cairo function: librsvg 2.54 asks cairo for the fill
 * extents of every text span it draws (the outlines of every glyph, laid out
 * as a path) to know the element's bounding box, and cairo 1.16 answers by
 * tessellating the whole outline into trapezoids: about a third of the time
 * of a certificate's PDF, for a box the certificate never uses (its texts
 * have no clip, mask, filter or gradient sized by their box). The box of the
 * path is the same box for every outline that encloses an area, which is
 * all a glyph or an SVG shape filled by ecap's stylesheets is; it is never
 * smaller, so nothing drawn inside a box librsvg computes from it is cut.
 * The executable's definition comes before libcairo's for every caller in
 * the process (ELF symbol interposition); ecap itself never calls it.
 * Measured: the certificate's PDF byte for byte the same, 28% less time
 * (BENCH.md, "The certificate's text"). */
void cairo_fill_extents(cairo_t *cr, double *x1, double *y1, double *x2, double *y2)
{
	cairo_path_extents(cr, x1, y1, x2, y2);
}

int pdf_from_svg(const char *svg, size_t size, const char *title, const char *date,
		 unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	RsvgRectangle page = { 0, 0, A4_LONG_SIDE, A4_SHORT_SIDE };
	RsvgHandle *handle = NULL;
	GError *failure = NULL;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	int result = -1;

	*pdf = NULL;
	*pdf_size = 0;
	/* from memory and with no base URI: librsvg then refuses every
	 * reference to a file or URL, so the SVG cannot read anything */
	handle = rsvg_handle_new_from_data((const guint8 *)svg, size, &failure);
	if (!handle) {
		error_set(err, "unable to load the SVG: %s",
			  failure ? failure->message : "unknown error");
		goto out;
	}
	surface = pdf_surface_open(&buffer, A4_LONG_SIDE, A4_SHORT_SIDE, title, date, err);
	if (!surface)
		goto out;
	cr = cairo_create(surface);
	if (!rsvg_handle_render_document(handle, cr, &page, &failure)) {
		error_set(err, "unable to draw the SVG: %s",
			  failure ? failure->message : "unknown error");
		goto out;
	}
	cairo_show_page(cr);
	result = pdf_surface_close(cr, surface, &buffer, pdf, pdf_size, err);
out:
	if (cr)
		cairo_destroy(cr);
	if (surface)
		cairo_surface_destroy(surface);
	if (handle)
		g_object_unref(handle);
	if (failure)
		g_error_free(failure);
	free(buffer.data);
	return result;
}
