/* pdf_surface.c - a cairo PDF surface writing into memory; see pdf_surface.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <glib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include "pdf_surface.h"

int pdf_buffer_append(struct pdf_buffer *buffer, const void *data, size_t length)
{
	size_t capacity = buffer->capacity ? buffer->capacity : 64 * 1024;
	unsigned char *grown;

	if (length > buffer->capacity - buffer->size) {
		while (length > capacity - buffer->size) {
			if (capacity > SIZE_MAX / 2)
				return -1;
			capacity *= 2;
		}
		grown = realloc(buffer->data, capacity);
		if (!grown)
			return -1;
		buffer->data = grown;
		buffer->capacity = capacity;
	}
	if (length)
		memcpy(buffer->data + buffer->size, data, length);
	buffer->size += length;
	return 0;
}

static cairo_status_t pdf_buffer_write(void *closure, const unsigned char *data,
				       unsigned int length)
{
	return pdf_buffer_append(closure, data, length) < 0 ? CAIRO_STATUS_WRITE_ERROR
							    : CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *pdf_surface_open(struct pdf_buffer *buffer, double width, double height,
					 const char *title, const char *date, struct error *err)
{
	cairo_surface_t *surface;

	if (title && !g_utf8_validate(title, -1, NULL)) {
		error_set(err, "PDF title is not valid UTF-8");
		return NULL;
	}
	surface = cairo_pdf_surface_create_for_stream(pdf_buffer_write, buffer, width, height);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		error_set(err, "unable to start a PDF: %s",
			  cairo_status_to_string(cairo_surface_status(surface)));
		cairo_surface_destroy(surface);
		return NULL;
	}
	if (title)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ecap");
	if (date && strlen(date) == 10) {
		char stamp[32];

		snprintf(stamp, sizeof(stamp), "%sT00:00:00", date);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
	}
	return surface;
}

int pdf_surface_close(cairo_t *cr, cairo_surface_t *surface, struct pdf_buffer *buffer,
			     unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	cairo_status_t status = cairo_status(cr);

	if (status != CAIRO_STATUS_SUCCESS)
		return error_set(err, "unable to draw the PDF: %s", cairo_status_to_string(status));
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	if (status != CAIRO_STATUS_SUCCESS)
		return error_set(err, "unable to write the PDF: %s", cairo_status_to_string(status));
	*pdf = buffer->data;
	*pdf_size = buffer->size;
	buffer->data = NULL;
	buffer->size = buffer->capacity = 0;
	return 0;
}

int pdf_font_check(PangoLayout *layout, const PangoFontDescription *description,
		   const char *package, struct error *err)
{
	PangoFont *font = pango_context_load_font(pango_layout_get_context(layout), description);
	PangoFontDescription *actual = NULL;
	const char *wanted = pango_font_description_get_family(description);
	const char *family = NULL;
	int result = -1;

	if (font) {
		actual = pango_font_describe(font);
		family = pango_font_description_get_family(actual);
	}
	if (!family || !wanted || strcasecmp(family, wanted) != 0) {
		error_set(err, "font '%s' is not installed (Debian package %s)",
			  wanted ? wanted : "?", package);
		goto out;
	}
	result = 0;
out:
	if (actual)
		pango_font_description_free(actual);
	if (font)
		g_object_unref(font);
	return result;
}
