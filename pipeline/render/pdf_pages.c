/* pdf_pages.c - a document's pages as what is drawn on them; see pdf_pages.h. */
#include <stdlib.h>
#include "pdf_pages.h"

static struct pdf_mark *add_mark(struct pdf_page *page, enum pdf_mark_kind kind, double x,
				 double y)
{
	struct pdf_mark *mark;

	if (page->count == page->capacity) {
		size_t capacity = page->capacity ? 2 * page->capacity : 64;
		struct pdf_mark *grown = realloc(page->marks, capacity * sizeof(*grown));

		if (!grown)
			return NULL;
		page->marks = grown;
		page->capacity = capacity;
	}
	mark = &page->marks[page->count++];
	*mark = (struct pdf_mark){ .kind = kind, .x = x, .y = y };
	return mark;
}

int pdf_page_add_line(struct pdf_page *page, PangoLayout *layout, PangoLayoutLine *line,
		      double x, double y, int particular)
{
	struct pdf_mark *mark = add_mark(page, PDF_MARK_LINE, x, y);

	if (!mark)
		return -1;
	mark->layout = g_object_ref(layout);
	mark->line = pango_layout_line_ref(line);
	mark->particular = particular;
	return 0;
}

int pdf_page_add_rule(struct pdf_page *page, double x, double y, double length,
		      double thickness)
{
	struct pdf_mark *mark = add_mark(page, PDF_MARK_RULE, x, y);

	if (!mark)
		return -1;
	mark->length = length;
	mark->thickness = thickness;
	return 0;
}

int pdf_page_add_form(struct pdf_page *page, double x, double y, double width, double height,
		      const struct pdf_embedded *form)
{
	struct pdf_mark *mark = add_mark(page, PDF_MARK_FORM, x, y);

	if (!mark)
		return -1;
	mark->length = width;
	mark->height = height;
	mark->form = form;
	return 0;
}

int pdf_page_add_path(struct pdf_page *page, const char *path, int even_odd, unsigned colour)
{
	struct pdf_mark *mark = add_mark(page, PDF_MARK_PATH, 0, 0);

	if (!mark)
		return -1;
	mark->path = path;
	mark->even_odd = even_odd;
	mark->colour = colour;
	return 0;
}

void pdf_page_clear(struct pdf_page *page)
{
	for (size_t i = 0; i < page->count; i++) {
		if (page->marks[i].line)
			pango_layout_line_unref(page->marks[i].line);
		if (page->marks[i].layout)
			g_object_unref(page->marks[i].layout);
	}
	free(page->marks);
	*page = (struct pdf_page){ NULL, 0, 0 };
}

static int is_bold(const PangoGlyphItem *run)
{
	for (const GSList *l = run->item->analysis.extra_attrs; l; l = l->next) {
		const PangoAttribute *attribute = l->data;

		if (attribute->klass->type == PANGO_ATTR_FOREGROUND &&
		    ((const PangoAttrColor *)attribute)->color.red == PDF_BOLD_MARK)
			return 1;
	}
	return 0;
}

void pdf_line_draw(PangoLayoutLine *line, double x, pdf_run_drawer *draw, void *data)
{
	const PangoFontDescription *font = pango_layout_get_font_description(line->layout);
	double shift = (double)pango_font_description_get_size(font) / PANGO_SCALE / 24.0;

	for (GSList *l = line->runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;

		draw(run, x, 0, data);
		if (is_bold(run))
			draw(run, x + shift, 1, data);
		x += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
	}
}
