/* pdf.c - letters (plain text, Pango) and certificates (SVG, librsvg) as PDF
 * on a cairo surface that writes into memory; see pdf.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <librsvg/rsvg.h>
#include "pdf.h"
#include "pdf_surface.h"


/* A TrueType CJK font whose CJK glyphs are exactly two Latin columns wide.
 * Not Noto Sans Mono CJK: its CFF outlines go through cairo 1.16's CFF
 * subsetter, which miscounts stem hints declared in a local subroutine that
 * an earlier glyph already used, drops subroutines the glyph needs, and so
 * leaves glyphs such as 如 blank in the PDF depending on which other glyphs
 * the document holds. cairo subsets TrueType outlines without that parser. */
#define LETTER_FONT "WenQuanYi Zen Hei Mono"
#define LETTER_FONT_PACKAGE "fonts-wqy-zenhei"
#define LETTER_LANGUAGE "zh-cn"
#define LETTER_COLUMNS 72
#define LETTER_MARGIN (22.0 * POINTS_PER_MM)
#define LETTER_TEXT_WIDTH (A4_SHORT_SIDE - 2 * LETTER_MARGIN)
#define LETTER_TEXT_HEIGHT (A4_LONG_SIDE - 2 * LETTER_MARGIN)
/* Baseline to baseline, in font sizes: CJK text needs air between lines. */
#define LETTER_LINE_PITCH 1.3
#define FOOTER_FONT_SIZE 9.0
/* The page number sits in the bottom margin, this far above the edge. */
#define FOOTER_BASELINE (12.0 * POINTS_PER_MM)

/* How a letter's lines sit on its pages. */
struct letter_geometry {
	double font_size;
	double pitch;
	int lines_per_page;
	double left;			/* x of the text's left edge */
};

/* A letter set smaller to fit on one page is set no smaller than this, with
 * lines this close; a longer one runs on to more pages at full size. */
#define ONE_PAGE_MINIMUM_SIZE 9.0
#define ONE_PAGE_LINE_PITCH 1.22

/* Sets layout's font to the letter font at size points. */
static void layout_set_font(PangoLayout *layout, double size)
{
	PangoFontDescription *description = pango_font_description_from_string(LETTER_FONT);

	pango_font_description_set_absolute_size(description, size * PANGO_SCALE);
	pango_layout_set_font_description(layout, description);
	pango_font_description_free(description);
}

/* Chooses the letter font's size so that LETTER_COLUMNS half-width characters
 * fill the text width, measured rather than assumed, and from it the line
 * pitch and how many lines a page holds. */
static int letter_geometry_measure(PangoLayout *layout, struct letter_geometry *geometry,
				   struct error *err)
{
	const double probe_size = 100.0;
	char columns[LETTER_COLUMNS + 1];
	PangoFontDescription *description = pango_font_description_from_string(LETTER_FONT);
	int width = 0, result = -1;

	pango_font_description_set_absolute_size(description, probe_size * PANGO_SCALE);
	if (pdf_font_check(layout, description, LETTER_FONT_PACKAGE, err) < 0)
		goto out;
	memset(columns, '0', LETTER_COLUMNS);
	columns[LETTER_COLUMNS] = '\0';
	pango_layout_set_font_description(layout, description);
	pango_layout_set_text(layout, columns, LETTER_COLUMNS);
	pango_layout_get_size(layout, &width, NULL);
	if (width <= 0) {
		error_set(err, "unable to measure font '%s'", LETTER_FONT);
		goto out;
	}
	/* round down to 1/100 pt so that a full line never exceeds the width */
	geometry->font_size = (int)(probe_size * LETTER_TEXT_WIDTH * PANGO_SCALE / width * 100) / 100.0;
	geometry->pitch = geometry->font_size * LETTER_LINE_PITCH;
	/* the first baseline is one font size below the top margin; the last
	 * one may sit on the bottom margin */
	geometry->lines_per_page = 1 + (int)((LETTER_TEXT_HEIGHT - geometry->font_size) / geometry->pitch);
	geometry->left = LETTER_MARGIN;
	layout_set_font(layout, geometry->font_size);
	result = 0;
out:
	pango_font_description_free(description);
	return result;
}

/* The next line of text[*offset..size) (without its "\n" or "\r\n"); returns
 * 0 at the end. */
static int next_line(const char *text, size_t size, size_t *offset,
		     const char **line, size_t *length)
{
	const char *newline;

	if (*offset >= size)
		return 0;
	*line = text + *offset;
	newline = memchr(*line, '\n', size - *offset);
	*length = newline ? (size_t)(newline - *line) : size - *offset;
	*offset += *length + (newline ? 1 : 0);
	if (*length > 0 && (*line)[*length - 1] == '\r')
		(*length)--;
	return 1;
}

static int line_is_blank(const char *line, size_t length)
{
	size_t i;

	for (i = 0; i < length; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return 0;
	return 1;
}

/* How many lines the text has, not counting blank lines at its end. */
static int count_lines(const char *text, size_t size)
{
	size_t offset = 0, length;
	const char *line;
	int lines = 0, last_nonblank = 0;

	while (next_line(text, size, &offset, &line, &length)) {
		lines++;
		if (!line_is_blank(line, length))
			last_nonblank = lines;
	}
	return last_nonblank;
}

/* Draws one line of text with its baseline at (x, baseline), squeezed
 * horizontally if it would run past the right margin (a line the wrapper
 * measured differently from the font), so nothing ever leaves the page. */
static void draw_line(cairo_t *cr, PangoLayout *layout, const char *line, size_t length,
		      double x, double baseline)
{
	int width = 0;

	pango_layout_set_text(layout, line, (int)length);
	pango_layout_get_size(layout, &width, NULL);
	cairo_save(cr);
	cairo_translate(cr, x, baseline);
	if ((double)width / PANGO_SCALE > LETTER_TEXT_WIDTH)
		cairo_scale(cr, LETTER_TEXT_WIDTH * PANGO_SCALE / width, 1.0);
	cairo_move_to(cr, 0, 0);
	pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout, 0));
	cairo_restore(cr);
}

/* Draws "第 N 页 共 M 页" centred in the bottom margin. */
static void draw_footer(cairo_t *cr, PangoLayout *layout, int page, int pages)
{
	char footer[64];
	int width = 0;

	snprintf(footer, sizeof(footer), "第 %d 页 共 %d 页", page, pages);
	pango_layout_set_text(layout, footer, -1);
	pango_layout_get_size(layout, &width, NULL);
	cairo_move_to(cr, (A4_SHORT_SIDE - (double)width / PANGO_SCALE) / 2,
		      A4_LONG_SIDE - FOOTER_BASELINE);
	pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout, 0));
}

/* A layout for single lines of Simplified Chinese text on cr. */
static PangoLayout *letter_layout_new(cairo_t *cr)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);

	pango_context_set_language(pango_layout_get_context(layout),
				   pango_language_from_string(LETTER_LANGUAGE));
	pango_layout_context_changed(layout);
	/* a stray U+2029 or "\r" stays on its line instead of breaking it */
	pango_layout_set_single_paragraph_mode(layout, TRUE);
	return layout;
}

/* Draws all the letter's pages. */
static void draw_letter(cairo_t *cr, PangoLayout *body, PangoLayout *footer,
			const struct letter_geometry *geometry, const char *text, size_t size)
{
	int lines = count_lines(text, size);
	int pages = lines ? (lines + geometry->lines_per_page - 1) / geometry->lines_per_page : 1;
	size_t offset = 0, length;
	const char *line;
	int page, row, drawn = 0;

	cairo_set_source_rgb(cr, 0, 0, 0);
	for (page = 1; page <= pages; page++) {
		for (row = 0; row < geometry->lines_per_page && drawn < lines; row++, drawn++) {
			next_line(text, size, &offset, &line, &length);
			draw_line(cr, body, line, length, geometry->left,
				  LETTER_MARGIN + geometry->font_size + row * geometry->pitch);
		}
		draw_footer(cr, footer, page, pages);
		cairo_show_page(cr);
	}
}

/* A letter a little longer than a page is set smaller, on one page, centred
 * across it (a letter is mailed as one sheet); one that would need a size
 * under ONE_PAGE_MINIMUM_SIZE keeps the full size and runs on. */
static void fit_on_one_page(PangoLayout *layout, struct letter_geometry *geometry, int lines)
{
	double size;

	if (lines <= geometry->lines_per_page)
		return;
	/* lines baselines: the first one size below the top, then (lines - 1) pitches */
	size = LETTER_TEXT_HEIGHT / (1.0 + ONE_PAGE_LINE_PITCH * (lines - 1));
	size = (int)(size * 100) / 100.0;
	if (size < ONE_PAGE_MINIMUM_SIZE)
		return;
	geometry->left = (A4_SHORT_SIDE - LETTER_TEXT_WIDTH * size / geometry->font_size) / 2;
	geometry->font_size = size;
	geometry->pitch = size * ONE_PAGE_LINE_PITCH;
	geometry->lines_per_page = lines;
	layout_set_font(layout, size);
}

int pdf_from_text(const char *text, size_t size, const char *title, const char *date,
		  unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	struct letter_geometry geometry;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	PangoLayout *body = NULL, *footer = NULL;
	int result = -1;

	*pdf = NULL;
	*pdf_size = 0;
	/* also refuses NUL bytes, which Pango would cut the text at */
	if (size > INT_MAX || !g_utf8_validate(text, (gssize)size, NULL)) {
		error_set(err, "letter text is not valid UTF-8");
		goto out;
	}
	surface = pdf_surface_open(&buffer, A4_SHORT_SIDE, A4_LONG_SIDE, title, date, err);
	if (!surface)
		goto out;
	cr = cairo_create(surface);
	body = letter_layout_new(cr);
	footer = letter_layout_new(cr);
	if (letter_geometry_measure(body, &geometry, err) < 0)
		goto out;
	fit_on_one_page(body, &geometry, count_lines(text, size));
	layout_set_font(footer, FOOTER_FONT_SIZE);
	draw_letter(cr, body, footer, &geometry, text, size);
	result = pdf_surface_close(cr, surface, &buffer, pdf, pdf_size, err);
out:
	if (footer)
		g_object_unref(footer);
	if (body)
		g_object_unref(body);
	if (cr)
		cairo_destroy(cr);
	if (surface)
		cairo_surface_destroy(surface);
	free(buffer.data);
	return result;
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
