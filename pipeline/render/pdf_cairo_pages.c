/* pdf_cairo_pages.c - a letter's pages drawn with cairo, and the seal drawn
 * alone by cairo; see pdf_cairo_pages.h. */
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include "pdf_cairo_pages.h"
#include "pdf_surface.h"

/* Where a line is drawn: cr, at the baseline y, the line's text. */
struct line_drawing {
	cairo_t *cr;
	double y;
	const char *text;
};

static void draw_run(PangoGlyphItem *run, double x, int again, void *data)
{
	const struct line_drawing *drawing = data;

	cairo_move_to(drawing->cr, x, drawing->y);
	pango_cairo_show_glyph_item(drawing->cr, drawing->text, run);
}

static void draw_mark(cairo_t *cr, RsvgHandle *seal, const struct pdf_mark *mark)
{
	RsvgRectangle box = { mark->x, mark->y, mark->length, mark->length };

	switch (mark->kind) {
	case PDF_MARK_LINE:
		pdf_line_draw(mark->line, mark->x, draw_run,
			      &(struct line_drawing){ cr, mark->y,
						      pango_layout_get_text(mark->layout) });
		break;
	case PDF_MARK_RULE:
		cairo_set_line_width(cr, mark->thickness);
		cairo_move_to(cr, mark->x, mark->y);
		cairo_line_to(cr, mark->x + mark->length, mark->y);
		cairo_stroke(cr);
		break;
	case PDF_MARK_FORM:	/* a letter's: its seal */
		if (seal)
			rsvg_handle_render_document(seal, cr, &box, NULL);
		cairo_set_source_rgb(cr, 0, 0, 0);
		break;
	case PDF_MARK_PATH:	/* a certificate's, which pdf_direct.c alone writes */
		break;
	}
}

/* The pages drawn with cairo, onto the PDF surface cr draws on. */
static void draw_pages(cairo_t *cr, const struct pdf_page *pages, int count, RsvgHandle *seal)
{
	for (int i = 0; i < count; i++) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		for (size_t m = 0; m < pages[i].count; m++)
			draw_mark(cr, seal, &pages[i].marks[m]);
		cairo_show_page(cr);
	}
}

int pdf_cairo_pages_write(const struct pdf_page *pages, int count, double width, double height,
			  RsvgHandle *seal, const char *title, const char *date,
			  unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	cairo_surface_t *surface = pdf_surface_open(&buffer, width, height, title, date, err);
	cairo_t *cr;
	int result;

	if (!surface)
		return -1;
	cr = cairo_create(surface);
	draw_pages(cr, pages, count, seal);
	result = pdf_surface_close(cr, surface, &buffer, pdf, pdf_size, err);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	free(buffer.data);
	return result;
}


struct pdf_embedded *pdf_cairo_svg_page(RsvgHandle *handle, double width, double height,
					unsigned char **pdf, struct error *err)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	RsvgRectangle box = { 0, 0, width, height };
	cairo_surface_t *surface = pdf_surface_open(&buffer, width, height, NULL, "2000-01-01", err);
	size_t size = 0;
	cairo_t *cr;

	*pdf = NULL;
	if (!surface)
		return NULL;
	cr = cairo_create(surface);
	if (!rsvg_handle_render_document(handle, cr, &box, NULL))
		error_set(err, "unable to draw the SVG");
	else
		pdf_surface_close(cr, surface, &buffer, pdf, &size, err);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	free(buffer.data);
	return *pdf ? pdf_embedded_read(*pdf, size) : NULL;
}

/* What a thread keeps of the seal it drew last. */
struct seal_page {
	char *uri;
	double side;
	unsigned char *pdf;
	struct pdf_embedded *page;	/* NULL: cairo draws the letters with it */
};

static void seal_page_free(gpointer data)
{
	struct seal_page *kept = data;

	pdf_embedded_free(kept->page);
	free(kept->pdf);
	g_free(kept->uri);
	g_free(kept);
}

static GPrivate seal_key = G_PRIVATE_INIT(seal_page_free);

const struct pdf_embedded *pdf_cairo_seal_page(const char *uri, RsvgHandle *handle, double side)
{
	struct seal_page *kept = g_private_get(&seal_key);

	if (kept && strcmp(kept->uri, uri) == 0 && kept->side == side)
		return kept->page;
	kept = g_new0(struct seal_page, 1);
	kept->uri = g_strdup(uri);
	kept->side = side;
	kept->page = pdf_cairo_svg_page(handle, side, side, &kept->pdf, &(struct error){ "" });
	g_private_replace(&seal_key, kept);
	return kept->page;
}

