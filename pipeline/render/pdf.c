/* pdf.c - certificates (SVG, librsvg) as PDF on a cairo surface that writes
 * into memory; see pdf.h. Letters: pdf_letter.c. */
#include <stdlib.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include "pdf.h"
#include "pdf_surface.h"

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
