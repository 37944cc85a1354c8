/* pdf_letter.c - a letter document (xsd/letter.xsd) typeset as PDF with
 * Pango in a proportional CJK font; see pdf.h.
 *
 * The letter is laid out top to bottom in blocks: the letterhead over a
 * rule, the title, the reference, the particulars (label and value, two
 * fields a row), the salutation, sections with bold larger headings, paragraphs
 * whose first line is indented two characters, lists with their markers
 * hanging, tables, the closing, and the signature and date set right.
 * Sizes, spacing and margins are those of the print CSS
 * (xslt/letter-css.xsl), so that the PDF and the printed page agree: the
 * common letters fit one A4 page (t1700). Paragraphs flow line by line onto
 * the next page; a list item, a particular or a table row is kept whole,
 * and the closing's last paragraph goes with the signature. The pages are
 * set as what is drawn on them (pdf_pages.h), then given their footers ("第
 * N 页 共 M 页") and written as PDF by pdf_direct.c (the seal as cairo drew
 * it alone), or drawn with cairo when they hold what that writer declines
 * (text set right to left, a glyph no TrueType font has). A letter that runs a
 * little onto a second page is laid out again a little smaller, to fit one
 * sheet. The thread keeps the layouts it makes for the letters after
 * (pdf_layouts.c): the text every letter of a kind has is shaped and broken
 * into lines once a thread, not once a letter. The lines of what the letter
 * alone says - the particulars' values, the reference, the salutation, the
 * items of a list marked particular - are marked as particulars, so that
 * the writer embeds the glyphs of the rest, the same from letter to letter,
 * in a font the thread keeps made (pdf_direct.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <librsvg/rsvg.h>
#include <libxml/tree.h>
#include "pdf.h"
#include "pdf_cairo_pages.h"
#include "pdf_direct.h"
#include "pdf_fonts.h"
#include "pdf_layouts.h"
#include "pdf_pages.h"
#include "pdf_surface.h"

#define LETTER_NAMESPACE "urn:ecap:letter:1"
/* Proportional, and TrueType. Not Noto Sans/Serif CJK: their CFF outlines
 * go through cairo 1.16's CFF subsetter, which miscounts stem hints
 * declared in a local subroutine that an earlier glyph already used, drops
 * subroutines the glyph needs, and so leaves glyphs such as 如 blank in the
 * PDF depending on which other glyphs the document holds. cairo subsets
 * TrueType outlines without that parser. WenQuanYi Micro Hei, not Zen Hei:
 * the same Hei style with outlines of fewer points, so a letter's font
 * subset is about a tenth smaller and quicker to deflate (an interview
 * letter listing three projects was past its 60 KB budget in Zen Hei; README,
 * "PDF, and why this way"). Zen Hei, which has more characters (CJK
 * Extension A, 䶮), draws what Micro Hei lacks. Neither has a bold face:
 * bold text is drawn twice in the regular one (see mark_bold). */
#define FONT "WenQuanYi Micro Hei"
#define FONT_PACKAGE "fonts-wqy-microhei"
#define FONT_FAMILIES FONT ", WenQuanYi Zen Hei"
#define LANGUAGE "zh-cn"

/* The print CSS's page margins (xslt/letter-css.xsl): top, right, bottom, left. */
#define TOP (15.0 * POINTS_PER_MM)
#define RIGHT (20.0 * POINTS_PER_MM)
#define BOTTOM (15.0 * POINTS_PER_MM)
#define LEFT (25.0 * POINTS_PER_MM)
#define WIDTH (A4_SHORT_SIDE - LEFT - RIGHT)
#define FOOTER_SIZE 9.0
#define FOOTER_BASELINE (8.0 * POINTS_PER_MM)

/* Sizes in points at scale 1: those of the print CSS, the body 五号
 * (10.5 pt) as official letters are set. */
#define BODY_SIZE 10.5
#define SMALL_SIZE 9.5
#define ENGLISH_SIZE 9.0
#define HEADING_SIZE 12.0
#define TITLE_SIZE 16.0
#define SOCIETY_SIZE 16.0
/* Of the font's line (its ascent, descent and gap): WenQuanYi Micro Hei's
 * is 1.172 em, and 1.048 of it is 1.228 em, the lines' pitch since the
 * letters were first set (in Zen Hei, 0.91 of its 1.35 em), which the
 * common letters' one page (t1700) was measured with. */
#define LINE_SPACING 1.048

/* The scales tried, largest first, to set a letter on one page: never
 * below 10 pt for the body, which stays readable on paper. */
static const double fit_scales[] = { 1.0, 0.96 };

/* What every layout of a letter shares: the thread's Pango context for the
 * surface laid out for (pdf_layouts.h) and the font description, whose
 * size each layout sets. */
struct fonts {
	PangoContext *context;	/* the thread's */
	PangoFontDescription *font;
};

/* The letter is set page by page as what is drawn on them, so that it is
 * laid out once when it fits: the page count each footer names is known
 * only at the end, when the footers are added. */
struct typesetter {
	struct fonts *fonts;	/* shared by every try at a scale */
	struct pdf_page *pages;
	int count;
	RsvgHandle *seal;	/* the seal drawn, if any */
	int failed;		/* out of memory */
	double scale;
	double y;		/* top of the next block */
	int particular;		/* the lines put now are particulars (pdf_pages.h) */
};

static int is_letter_element(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       strcmp((const char *)node->ns->href, LETTER_NAMESPACE) == 0 &&
	       strcmp((const char *)node->name, name) == 0;
}

static xmlNodePtr child(const xmlNode *node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
		if (is_letter_element(c, name))
			return c;
	return NULL;
}

/* The node's text content with white space runs collapsed and trimmed. */
static void append_normalized(GString *out, const char *text, int markup)
{
	int space = out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n';

	for (const char *p = text; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '>' &&
		    out->str[out->len - 1] != '\n')
			g_string_append_c(out, ' ');
		space = 0;
		if (markup && *p == '<')
			g_string_append(out, "&lt;");
		else if (markup && *p == '>')
			g_string_append(out, "&gt;");
		else if (markup && *p == '&')
			g_string_append(out, "&amp;");
		else
			g_string_append_c(out, *p);
	}
}

/* Pango markup for an element's mixed content: l:strong and l:deadline
 * bold, everything else as its text. */
static void append_markup(GString *out, const xmlNode *node)
{
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			append_normalized(out, (const char *)c->content, 1);
		} else if (is_letter_element(c, "strong") || is_letter_element(c, "deadline")) {
			g_string_append(out, "<b>");
			append_markup(out, c);
			g_string_append(out, "</b>");
		} else if (c->type == XML_ELEMENT_NODE) {
			append_markup(out, c);
		}
	}
}

static char *markup_of(const xmlNode *node)
{
	GString *out = g_string_new(NULL);

	if (node)
		append_markup(out, node);
	return g_string_free(out, FALSE);
}

static char *escaped(const char *text)
{
	GString *out = g_string_new(NULL);

	append_normalized(out, text ? text : "", 1);
	return g_string_free(out, FALSE);
}

struct style {
	double size;
	int bold;
	PangoAlignment align;
	double indent;		/* of the first line, in font sizes */
};

/* Bold without a bold font. The face fontconfig emboldens for a bold
 * request cairo embeds as a font of its own, drawn from the outlines: 17 KB
 * of a 70 KB letter for its headings. So bold text is set in the regular
 * face and drawn twice, the second time to the right by what FreeType's
 * emboldening widens a stroke (pdf_line_draw): the same glyphs as the
 * text around it, nothing more to embed, and text extraction (poppler)
 * takes the double for one. Bold runs are marked with the foreground
 * colour PDF_BOLD_MARK, which is never painted: every run is drawn in the
 * page's black. */

static gboolean is_bold_weight(PangoAttribute *attribute, gpointer unused)
{
	return attribute->klass->type == PANGO_ATTR_WEIGHT &&
	       ((PangoAttrInt *)attribute)->value >= PANGO_WEIGHT_SEMIBOLD;
}

static void mark_bold(PangoLayout *layout, int whole)
{
	PangoAttrList *given = pango_layout_get_attributes(layout);
	PangoAttrList *attributes, *weights;
	GSList *bold;

	if (!given && !whole)
		return;		/* plain text */
	attributes = given ? pango_attr_list_copy(given) : pango_attr_list_new();
	weights = pango_attr_list_filter(attributes, is_bold_weight, NULL);
	bold = weights ? pango_attr_list_get_attributes(weights) : NULL;

	for (GSList *l = bold; l; l = l->next) {
		const PangoAttribute *weight = l->data;
		PangoAttribute *mark = pango_attr_foreground_new(PDF_BOLD_MARK, PDF_BOLD_MARK,
								 PDF_BOLD_MARK);

		mark->start_index = weight->start_index;
		mark->end_index = weight->end_index;
		pango_attr_list_insert(attributes, mark);
	}
	if (whole)
		pango_attr_list_insert(attributes,
				       pango_attr_foreground_new(PDF_BOLD_MARK, PDF_BOLD_MARK,
								 PDF_BOLD_MARK));
	pango_layout_set_attributes(layout, attributes);
	g_slist_free_full(bold, (GDestroyNotify)pango_attribute_destroy);
	if (weights)
		pango_attr_list_unref(weights);
	pango_attr_list_unref(attributes);
}

/* A line with its left end of the baseline at x, y, on page. */
static void line_onto(struct typesetter *t, struct pdf_page *page, PangoLayout *layout,
		      PangoLayoutLine *line, double x, double y)
{
	if (pdf_page_add_line(page, layout, line, x, y, t->particular) < 0)
		t->failed = 1;
}

/* A layout with its top left at x, y (as pango_cairo_show_layout), on page. */
static void layout_onto(struct typesetter *t, struct pdf_page *page, PangoLayout *layout,
			double x, double y)
{
	PangoLayoutIter *iter = pango_layout_get_iter(layout);

	do {
		PangoRectangle logical;

		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		line_onto(t, page, layout, pango_layout_iter_get_line_readonly(iter),
			  x + (double)logical.x / PANGO_SCALE,
			  y + (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE);
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

static struct pdf_page *last_page(struct typesetter *t)
{
	return &t->pages[t->count - 1];
}

/* For the layouts of surfaces like cr's (a recording's: cairo's default
 * font options, metrics hinted, as each layout has always had them), in
 * Chinese. */
static void fonts_init(struct fonts *fonts, cairo_t *cr)
{
	fonts->context = pdf_layouts_context(cr, LANGUAGE);
	fonts->font = pango_font_description_from_string(FONT_FAMILIES);
}

static void fonts_clear(struct fonts *fonts)
{
	if (fonts->font)
		pango_font_description_free(fonts->font);
	*fonts = (struct fonts){ NULL, NULL };
}

/* The key a layout is kept under: every setting it is made with, in
 * hexadecimal (cheaper than printf, for a lookup that is most of the cost
 * of a layout found), then its markup. */
static char *layout_key(const struct fonts *fonts, const char *markup, const long *settings,
			size_t count)
{
	static const char digits[] = "0123456789abcdef";
	size_t length = strlen(markup);
	char *key = g_malloc((count + 1) * 17 + length + 1), *p = key;
	unsigned long values[8];

	values[0] = (unsigned long)(uintptr_t)fonts->context;
	for (size_t i = 0; i < count && i < 7; i++)
		values[i + 1] = (unsigned long)settings[i];
	for (size_t i = 0; i < count + 1 && i < 8; i++) {
		for (int shift = 60; shift >= 0; shift -= 4)
			*p++ = digits[(values[i] >> shift) & 0xf];
		*p++ = ' ';
	}
	memcpy(p, markup, length + 1);
	return key;
}

/* A layout of markup `width` points wide, or as wide as its text for a
 * negative width: the one the thread kept if it made it before (for this
 * or another letter; it is never changed), otherwise made and kept. Markup
 * without a tag or an entity is set as plain text: the same layout, without
 * parsing it. */
static PangoLayout *layout_new(struct fonts *fonts, double scale, const char *markup,
			       double width, const struct style *style)
{
	double size = style->size * scale;
	int font_size = (int)(size * PANGO_SCALE);
	int width_units = width < 0 ? -1 : (int)(width * PANGO_SCALE);
	int indent = (int)(style->indent * size * PANGO_SCALE);
	const long settings[] = { font_size, width_units, indent, (long)style->align, style->bold };
	char *key = layout_key(fonts, markup, settings, sizeof(settings) / sizeof(settings[0]));
	PangoLayout *layout = pdf_layouts_find(key);

	if (layout)
		goto out;
	layout = pango_layout_new(fonts->context);
	pango_font_description_set_absolute_size(fonts->font, font_size);
	pango_layout_set_font_description(layout, fonts->font);
	pango_layout_set_width(layout, width_units);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, style->align);
	pango_layout_set_indent(layout, indent);
	pango_layout_set_line_spacing(layout, LINE_SPACING);
	if (strpbrk(markup, "<&"))
		pango_layout_set_markup(layout, markup, -1);
	else
		pango_layout_set_text(layout, markup, -1);
	mark_bold(layout, style->bold);
	pdf_layouts_keep(key, layout);
out:
	g_free(key);
	return layout;
}

static double layout_height(PangoLayout *layout)
{
	int height = 0;

	pango_layout_get_size(layout, NULL, &height);
	return (double)height / PANGO_SCALE;
}

/* "第 N 页 共 M 页" centred under the text of each page, in the bottom
 * margin. */
static void put_footers(struct typesetter *t)
{
	const struct style style = { FOOTER_SIZE, 0, PANGO_ALIGN_CENTER, 0 };

	for (int i = 0; i < t->count; i++) {
		char text[64];
		PangoLayout *layout;

		snprintf(text, sizeof(text), "第 %d 页 共 %d 页", i + 1, t->count);
		layout = layout_new(t->fonts, 1.0, text, WIDTH, &style);
		layout_onto(t, &t->pages[i], layout, LEFT, A4_LONG_SIDE - FOOTER_BASELINE -
			    (double)pango_layout_get_baseline(layout) / PANGO_SCALE);
		g_object_unref(layout);
	}
}

/* Starts a new page. */
static void new_page(struct typesetter *t)
{
	struct pdf_page *grown = realloc(t->pages, (size_t)(t->count + 1) * sizeof(*grown));

	if (!grown) {
		t->failed = 1;
		return;
	}
	t->pages = grown;
	t->pages[t->count++] = (struct pdf_page){ NULL, 0, 0 };
	t->y = TOP;
}

/* Forgets the pages set. */
static void discard_pages(struct typesetter *t)
{
	for (int i = 0; i < t->count; i++)
		pdf_page_clear(&t->pages[i]);
	free(t->pages);
	t->pages = NULL;
	t->count = 0;
	if (t->seal)
		g_object_unref(t->seal);
	t->seal = NULL;
}

static void space(struct typesetter *t, double points)
{
	if (t->y > TOP)
		t->y += points * t->scale;
}

/* Layouts side by side at their x, kept together on one page; those whose
 * bit is set in `particulars` (1 << i for layouts[i]) are particulars. */
static void put_together(struct typesetter *t, PangoLayout **layouts, const double *x, int n,
			 unsigned particulars)
{
	double height = 0;

	for (int i = 0; i < n; i++)
		if (layouts[i] && layout_height(layouts[i]) > height)
			height = layout_height(layouts[i]);
	if (t->y + height > A4_LONG_SIDE - BOTTOM && t->y > TOP)
		new_page(t);
	for (int i = 0; i < n; i++) {
		if (!layouts[i])
			continue;
		t->particular = (particulars >> i) & 1;
		layout_onto(t, last_page(t), layouts[i], x[i], t->y);
	}
	t->particular = 0;
	t->y += height;
}

/* A layout line by line, running on to the next page where it must; the
 * lines keep the layout's own spacing. */
static void put_flowing(struct typesetter *t, PangoLayout *layout, double x)
{
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	double origin = t->y;	/* where the layout's top is on this page */

	do {
		PangoRectangle logical;
		int baseline = pango_layout_iter_get_baseline(iter);
		double top, bottom;

		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		top = origin + (double)logical.y / PANGO_SCALE;
		bottom = top + (double)logical.height / PANGO_SCALE;
		if (bottom > A4_LONG_SIDE - BOTTOM && top > TOP) {
			new_page(t);
			origin = TOP - (double)logical.y / PANGO_SCALE;
			bottom = TOP + (double)logical.height / PANGO_SCALE;
		}
		line_onto(t, last_page(t), layout, pango_layout_iter_get_line_readonly(iter),
			  x + (double)logical.x / PANGO_SCALE, origin + (double)baseline / PANGO_SCALE);
		t->y = bottom;
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

static void put_text(struct typesetter *t, const char *markup, double x, double width,
		     const struct style *style)
{
	PangoLayout *layout = layout_new(t->fonts, t->scale, markup, width, style);

	put_flowing(t, layout, x);
	g_object_unref(layout);
}

static void put_rule(struct typesetter *t, double x, double width, double thickness)
{
	if (pdf_page_add_rule(last_page(t), x, t->y, width, thickness) < 0)
		t->failed = 1;
}

static void put_paragraph(struct typesetter *t, const xmlNode *node, double indent)
{
	const struct style style = { BODY_SIZE, 0, PANGO_ALIGN_LEFT, indent };
	char *markup = markup_of(node);

	put_text(t, markup, LEFT, WIDTH, &style);
	space(t, 1);	/* paragraphs are told by their indent */
	g_free(markup);
}

/* Particulars: the label, then the value beside it, FIELD_COLUMNS fields
 * side by side in a row, as the print CSS sets them (table.fields). */
#define FIELD_COLUMNS 2
/* The values of a row's fields, for put_together: the odd layouts. */
#define FIELD_VALUES 0xAu
_Static_assert(FIELD_COLUMNS == 2, "FIELD_VALUES marks the values of two fields");

static void put_fields(struct typesetter *t, const xmlNode *fields)
{
	const struct style label_style = { BODY_SIZE, 1, PANGO_ALIGN_LEFT, 0 };
	const struct style value_style = { BODY_SIZE, 0, PANGO_ALIGN_LEFT, 0 };
	double label_width = 7.0 * BODY_SIZE * t->scale;
	double indent = BODY_SIZE * t->scale;
	double column_width = (WIDTH - indent) / FIELD_COLUMNS;
	PangoLayout *layouts[2 * FIELD_COLUMNS] = { NULL };
	double x[2 * FIELD_COLUMNS];
	int n = 0;

	for (const xmlNode *f = fields->children; f; f = f->next) {
		xmlChar *label;
		char *label_markup, *value_markup;

		if (!is_letter_element(f, "field"))
			continue;
		x[n] = LEFT + indent + (n / 2) * column_width;
		x[n + 1] = x[n] + label_width;
		label = xmlGetProp(f, (const xmlChar *)"label");
		label_markup = escaped((const char *)label);
		value_markup = markup_of(f);
		layouts[n] = layout_new(t->fonts, t->scale, label_markup, label_width, &label_style);
		layouts[n + 1] = layout_new(t->fonts, t->scale, value_markup,
					    column_width - label_width -
					    (n / 2 + 1 < FIELD_COLUMNS ? indent : 0),
					    &value_style);
		n += 2;
		g_free(value_markup);
		g_free(label_markup);
		xmlFree(label);
		if (n == 2 * FIELD_COLUMNS) {
			put_together(t, layouts, x, n, FIELD_VALUES);
			while (n > 0)
				g_object_unref(layouts[--n]);
		}
	}
	if (n > 0)
		put_together(t, layouts, x, n, FIELD_VALUES);
	while (n > 0)
		g_object_unref(layouts[--n]);
	space(t, 4);
}

/* A list: "1." or "●" (U+2022 is not in the font) hanging before each item; an item with a heading
 * has it bold over its detail. The items of a list marked particular="yes"
 * (what the applicant gave) are particulars. */
static void put_list(struct typesetter *t, const xmlNode *list)
{
	const struct style marker_style = { BODY_SIZE, 0, PANGO_ALIGN_RIGHT, 0 };
	const struct style item_style = { BODY_SIZE, 0, PANGO_ALIGN_LEFT, 0 };
	xmlChar *numbered = xmlGetProp(list, (const xmlChar *)"numbered");
	xmlChar *particular = xmlGetProp(list, (const xmlChar *)"particular");
	unsigned particulars = particular && strcmp((const char *)particular, "yes") == 0 ? 2u : 0;
	double marker_width = 1.8 * BODY_SIZE * t->scale;
	double x[2] = { LEFT + 0.6 * BODY_SIZE * t->scale, 0 };
	int number = 0;

	x[1] = x[0] + marker_width + 0.5 * BODY_SIZE * t->scale;
	for (const xmlNode *item = list->children; item; item = item->next) {
		char marker[32];
		PangoLayout *layouts[2];
		GString *markup;
		const xmlNode *heading;

		if (!is_letter_element(item, "item"))
			continue;
		if (numbered && strcmp((const char *)numbered, "yes") == 0)
			snprintf(marker, sizeof(marker), "%d.", ++number);
		else
			snprintf(marker, sizeof(marker), "<small>●</small>");
		markup = g_string_new(NULL);
		if ((heading = child(item, "heading"))) {
			char *text = markup_of(heading), *detail = markup_of(child(item, "detail"));

			g_string_append_printf(markup, "<b>%s</b>%s%s", text, *detail ? "\n" : "",
					       detail);
			g_free(text);
			g_free(detail);
		} else {
			append_markup(markup, item);
		}
		layouts[0] = layout_new(t->fonts, t->scale, marker, marker_width, &marker_style);
		layouts[1] = layout_new(t->fonts, t->scale, markup->str, LEFT + WIDTH - x[1], &item_style);
		put_together(t, layouts, x, 2, particulars);
		space(t, heading ? 2.5 : 1);
		g_object_unref(layouts[0]);
		g_object_unref(layouts[1]);
		g_string_free(markup, TRUE);
	}
	space(t, 2);
	xmlFree(particular);
	xmlFree(numbered);
}

#define MAX_COLUMNS 8

/* A table's column widths: each column its widest cell, the widest column
 * giving way (its cells wrap) when they do not all fit. */
static int table_widths(struct typesetter *t, const xmlNode *table, double *widths)
{
	const struct style style = { SMALL_SIZE, 1, PANGO_ALIGN_LEFT, 0 };
	const double padding = 0.8 * SMALL_SIZE * t->scale;
	const xmlNode *columns = child(table, "columns");
	int n = 0, widest = 0;
	double total = 0;

	for (const xmlNode *c = columns ? columns->children : NULL; c && n < MAX_COLUMNS; c = c->next)
		if (is_letter_element(c, "column"))
			widths[n++] = 0;
	for (const xmlNode *row = table->children; row; row = row->next) {
		int i = 0;

		if (!is_letter_element(row, "columns") && !is_letter_element(row, "row"))
			continue;
		for (const xmlNode *cell = row->children; cell && i < n; cell = cell->next) {
			char *markup;
			PangoLayout *layout;
			int width = 0;

			if (!is_letter_element(cell, "cell") && !is_letter_element(cell, "column"))
				continue;
			markup = markup_of(cell);
			layout = layout_new(t->fonts, t->scale, markup, -1, &style);
			pango_layout_get_size(layout, &width, NULL);
			if ((double)width / PANGO_SCALE + padding > widths[i])
				widths[i] = (double)width / PANGO_SCALE + padding;
			g_object_unref(layout);
			g_free(markup);
			i++;
		}
	}
	for (int i = 0; i < n; i++) {
		total += widths[i];
		if (widths[i] > widths[widest])
			widest = i;
	}
	if (n > 0 && total > WIDTH)
		widths[widest] = WIDTH - (total - widths[widest]);
	else if (n > 0)
		widths[n - 1] += WIDTH - total;
	return n;
}

static void put_table_row(struct typesetter *t, const xmlNode *row, const double *widths, int n,
			  int head)
{
	PangoLayout *layouts[MAX_COLUMNS] = { NULL };
	double x[MAX_COLUMNS] = { 0 }, left = LEFT;
	xmlChar *row_class = xmlGetProp(row, (const xmlChar *)"class");
	int bold = head || (row_class && strstr((const char *)row_class, "total"));
	int i = 0;

	for (const xmlNode *cell = row->children; cell && i < n; cell = cell->next) {
		xmlChar *cell_class;
		struct style style = { SMALL_SIZE, bold, PANGO_ALIGN_LEFT, 0 };
		char *markup;

		if (!is_letter_element(cell, "cell") && !is_letter_element(cell, "column"))
			continue;
		cell_class = xmlGetProp(cell, (const xmlChar *)"class");
		if (!head && cell_class && strstr((const char *)cell_class, "number"))
			style.align = PANGO_ALIGN_RIGHT;
		markup = markup_of(cell);
		layouts[i] = layout_new(t->fonts, t->scale, markup, widths[i] - 0.8 * SMALL_SIZE * t->scale, &style);
		x[i] = left + (style.align == PANGO_ALIGN_RIGHT ? 0 : 0.4 * SMALL_SIZE * t->scale);
		left += widths[i];
		g_free(markup);
		xmlFree(cell_class);
		i++;
	}
	t->y += 1.5 * t->scale;
	put_together(t, layouts, x, i, 0);
	t->y += 1.5 * t->scale;
	while (i-- > 0)
		g_object_unref(layouts[i]);
	xmlFree(row_class);
}

static void put_table(struct typesetter *t, const xmlNode *table)
{
	double widths[MAX_COLUMNS];
	int n = table_widths(t, table, widths);
	const xmlNode *columns = child(table, "columns");

	if (n == 0)
		return;
	put_rule(t, LEFT, WIDTH, 0.8);
	put_table_row(t, columns, widths, n, 1);
	put_rule(t, LEFT, WIDTH, 0.4);
	for (const xmlNode *row = table->children; row; row = row->next) {
		xmlChar *rule;

		if (!is_letter_element(row, "row"))
			continue;
		rule = xmlGetProp(row, (const xmlChar *)"rule");
		if (rule && strcmp((const char *)rule, "above") == 0)
			put_rule(t, LEFT, WIDTH, 0.4);
		xmlFree(rule);
		put_table_row(t, row, widths, n, 0);
	}
	put_rule(t, LEFT, WIDTH, 0.8);
	space(t, 5);
}

static void put_block(struct typesetter *t, const xmlNode *node);

static void put_section(struct typesetter *t, const xmlNode *section)
{
	const struct style style = { HEADING_SIZE, 1, PANGO_ALIGN_LEFT, 0 };
	char *heading = markup_of(child(section, "heading"));
	PangoLayout *layout;
	double x = LEFT;

	space(t, 5.7);	/* the print CSS's 2 mm */
	/* a heading never ends a page: it goes with the first line after it */
	layout = layout_new(t->fonts, t->scale, heading, WIDTH, &style);
	if (t->y + layout_height(layout) + 2 * BODY_SIZE * t->scale > A4_LONG_SIDE - BOTTOM)
		new_page(t);
	put_together(t, &layout, &x, 1, 0);
	g_object_unref(layout);
	g_free(heading);
	space(t, 1.5);
	for (const xmlNode *c = section->children; c; c = c->next)
		if (!is_letter_element(c, "heading"))
			put_block(t, c);
}

static void put_block(struct typesetter *t, const xmlNode *node)
{
	if (is_letter_element(node, "paragraph"))
		put_paragraph(t, node, 2.0);
	else if (is_letter_element(node, "section"))
		put_section(t, node);
	else if (is_letter_element(node, "list"))
		put_list(t, node);
	else if (is_letter_element(node, "fields"))
		put_fields(t, node);
	else if (is_letter_element(node, "table"))
		put_table(t, node);
}

static void put_letterhead(struct typesetter *t, const xmlNode *letterhead)
{
	const struct style society = { SOCIETY_SIZE, 1, PANGO_ALIGN_CENTER, 0 };
	const struct style english = { ENGLISH_SIZE, 0, PANGO_ALIGN_CENTER, 0 };
	char *markup = markup_of(child(letterhead, "society"));

	put_text(t, markup, LEFT, WIDTH, &society);
	g_free(markup);
	if (child(letterhead, "society-en")) {
		markup = markup_of(child(letterhead, "society-en"));
		put_text(t, markup, LEFT, WIDTH, &english);
		g_free(markup);
	}
	/* the print CSS's 1 mm and 2.5 mm */
	t->y += 3 * t->scale;
	put_rule(t, LEFT, WIDTH, 1.2);
	t->y += 7 * t->scale;
}

static void put_heading_lines(struct typesetter *t, const xmlNode *letter)
{
	const struct style title = { TITLE_SIZE, 1, PANGO_ALIGN_CENTER, 0 };
	const struct style reference = { SMALL_SIZE, 0, PANGO_ALIGN_RIGHT, 0 };
	const xmlNode *node = child(letter, "reference");
	char *markup = markup_of(child(letter, "title"));

	put_text(t, markup, LEFT, WIDTH, &title);
	g_free(markup);
	if (node) {
		xmlChar *label = xmlGetProp(node, (const xmlChar *)"label");
		char *value = markup_of(node), *text;

		text = escaped((const char *)label);
		markup = g_strconcat(text, "：", value, NULL);
		t->y += 4 * t->scale;
		t->particular = 1;
		put_text(t, markup, LEFT, WIDTH, &reference);
		t->particular = 0;
		g_free(markup);
		g_free(text);
		g_free(value);
		xmlFree(label);
	}
	t->y += 5 * t->scale;
}

/* The society's seal over the signature, as the printed letter has it: the
 * signature's seal attribute, an SVG as a data: URI (checked when the run
 * read it: pipeline/render/seal.c), drawn in a SEAL_SIZE square centred on
 * the right-aligned signature block, its foot on the date's (as the print
 * CSS has it: it never reaches into the footer). A seal that does not draw
 * is left out: the letter is valid without it, as a letter without a seal. */
#define SEAL_SIZE 100.0	/* points, about 35 mm */

static void put_seal(struct typesetter *t, const xmlNode *signature, double top,
		     double height)
{
	static const char prefix[] = "data:image/svg+xml;base64,";
	xmlChar *uri = xmlGetProp(signature, (const xmlChar *)"seal");
	guchar *svg = NULL;
	gsize size = 0;
	double side = SEAL_SIZE * t->scale;

	if (!uri || strncmp((const char *)uri, prefix, sizeof(prefix) - 1) != 0)
		goto out;
	svg = g_base64_decode((const char *)uri + sizeof(prefix) - 1, &size);
	if (!svg || !size || !(t->seal = rsvg_handle_new_from_data(svg, size, NULL)))
		goto out;
	if (pdf_page_add_form(last_page(t), LEFT + WIDTH - side - 10 * t->scale,
			      top + height - side, side, side,
			      pdf_cairo_seal_page((const char *)uri, t->seal, SEAL_SIZE)) < 0)
		t->failed = 1;
out:
	g_free(svg);
	xmlFree(uri);
}

/* A closing's paragraph or "此致" (indented two characters) or "敬礼！"
 * (not) laid out as put_paragraph sets it; NULL for anything else. */
static PangoLayout *closing_layout(struct typesetter *t, const xmlNode *node)
{
	struct style style = { BODY_SIZE, 0, PANGO_ALIGN_LEFT, 2.0 };
	PangoLayout *layout;
	char *markup;

	if (is_letter_element(node, "salute"))
		style.indent = 0;
	else if (!is_letter_element(node, "paragraph") && !is_letter_element(node, "regards"))
		return NULL;
	markup = markup_of(node);
	layout = layout_new(t->fonts, t->scale, markup, WIDTH, &style);
	g_free(markup);
	return layout;
}

/* The closing's paragraphs, then the signature. As the print CSS's
 * sign-off, the last paragraph, "此致", "敬礼！" and the signature go onto
 * one page: the signature never stands alone at the top of a page. The
 * sign-off is laid out once, measured, then drawn. */
#define SIGN_OFF_MAX 8

static void put_closing(struct typesetter *t, const xmlNode *closing, const xmlNode *signature)
{
	const struct style right = { BODY_SIZE, 0, PANGO_ALIGN_RIGHT, 0 };
	PangoLayout *layouts[3], *sign_off_layouts[SIGN_OFF_MAX], *layout;
	size_t count = 0, sign_offs = 0;
	double x = LEFT, height = 0, sign_off = 0, top;
	const xmlNode *last = NULL, *c;
	char *markup;

	for (c = closing ? closing->children : NULL; c; c = c->next)
		if (is_letter_element(c, "paragraph"))
			last = c;
	/* the society, who signs for it (policy signatory) and the date */
	for (c = signature ? signature->children : NULL; c && count < 3; c = c->next) {
		if (!is_letter_element(c, "name") && !is_letter_element(c, "signatory") &&
		    !is_letter_element(c, "date"))
			continue;
		markup = markup_of(c);
		layouts[count] = layout_new(t->fonts, t->scale, markup, WIDTH, &right);
		g_free(markup);
		height += layout_height(layouts[count++]);
	}
	/* the paragraphs before the last one flow as any others */
	for (c = closing ? closing->children : NULL; c && c != last; c = c->next) {
		if (is_letter_element(c, "paragraph") || is_letter_element(c, "regards"))
			put_paragraph(t, c, 2.0);
		else if (is_letter_element(c, "salute"))
			put_paragraph(t, c, 0);
	}
	for (; c && sign_offs < SIGN_OFF_MAX; c = c->next) {
		if (!(layout = closing_layout(t, c)))
			continue;
		sign_off += layout_height(layout) + 1 * t->scale;
		sign_off_layouts[sign_offs++] = layout;
	}
	if (signature)
		sign_off += 10 * t->scale + height;
	if (sign_offs && t->y + sign_off > A4_LONG_SIDE - BOTTOM && t->y > TOP)
		new_page(t);
	for (size_t i = 0; i < sign_offs; i++) {
		put_flowing(t, sign_off_layouts[i], LEFT);
		space(t, 1);
		g_object_unref(sign_off_layouts[i]);
	}
	for (; c; c = c->next)	/* none, by the schema: still not dropped */
		if ((layout = closing_layout(t, c))) {
			put_flowing(t, layout, LEFT);
			space(t, 1);
			g_object_unref(layout);
		}
	if (!signature)
		return;
	space(t, 10);
	if (t->y + height > A4_LONG_SIDE - BOTTOM)
		new_page(t);
	top = t->y;
	for (size_t i = 0; i < count; i++) {
		put_together(t, &layouts[i], &x, 1, 0);
		g_object_unref(layouts[i]);
	}
	put_seal(t, signature, top, height);
}

static void typeset(struct typesetter *t, const xmlNode *letter)
{
	const xmlNode *node;

	discard_pages(t);
	new_page(t);
	if (t->failed)
		return;
	if ((node = child(letter, "letterhead")))
		put_letterhead(t, node);
	put_heading_lines(t, letter);
	if ((node = child(letter, "fields")))
		put_fields(t, node);
	if ((node = child(letter, "salutation"))) {
		t->particular = 1;	/* it names the applicant */
		put_paragraph(t, node, 0);
		t->particular = 0;
	}
	if ((node = child(letter, "body")))
		for (const xmlNode *c = node->children; c; c = c->next)
			put_block(t, c);
	put_closing(t, child(letter, "closing"), child(letter, "signature"));
	/* the technical detail (技术说明) after the signature, as the letter has it */
	if ((node = child(letter, "appendix"))) {
		space(t, 8);
		for (const xmlNode *c = node->children; c; c = c->next)
			put_block(t, c);
	}
}

/* Lays the letter out at each scale of fit_scales until one sets it on one
 * page; none does: the full-size layout, as many pages as it takes, which is
 * kept from the first try rather than laid out again (each layout is most
 * of a letter's time). */
static void typeset_to_fit(struct typesetter *t, const xmlNode *letter)
{
	struct typesetter full;

	t->scale = fit_scales[0];
	typeset(t, letter);
	if (t->count == 1 || t->failed)
		return;
	full = *t;
	*t = (struct typesetter){ .fonts = full.fonts };
	for (size_t i = 1; i < sizeof(fit_scales) / sizeof(fit_scales[0]); i++) {
		t->scale = fit_scales[i];
		typeset(t, letter);
		if (t->count == 1 && !t->failed) {
			discard_pages(&full);
			return;
		}
	}
	discard_pages(t);
	*t = full;
}

static int check_font(cairo_t *cr, struct error *err)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string(FONT);
	int result;

	pango_font_description_set_absolute_size(font, BODY_SIZE * PANGO_SCALE);
	result = pdf_font_check(layout, font, FONT_PACKAGE, err);
	pango_font_description_free(font);
	g_object_unref(layout);
	return result;
}

int pdf_from_letter(xmlDocPtr letter, const char *title, const char *date,
		    unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	cairo_rectangle_t extents = { 0, 0, A4_SHORT_SIDE, A4_LONG_SIDE };
	struct fonts fonts = { NULL, NULL };
	struct typesetter t = { .fonts = &fonts };
	xmlNodePtr root = letter ? xmlDocGetRootElement(letter) : NULL;
	cairo_surface_t *recording = NULL;
	cairo_t *cr = NULL;
	int result = -1;

	pdf_thread_fonts();	/* before any font is loaded: pdf_fonts.h */

	*pdf = NULL;
	*pdf_size = 0;
	if (!is_letter_element(root, "letter")) {
		error_set(err, "not a letter document (%s letter)", LETTER_NAMESPACE);
		goto out;
	}
	/* laid out for a recording's font options, which the layouts kept by
	 * the thread were always made with */
	recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
	cr = cairo_create(recording);
	if (check_font(cr, err) < 0)
		goto out;
	fonts_init(&fonts, cr);
	typeset_to_fit(&t, root);
	if (!t.failed)
		put_footers(&t);
	if (t.failed) {
		error_set(err, "out of memory");
		goto out;
	}
	result = pdf_direct_write(t.pages, t.count, A4_SHORT_SIDE, A4_LONG_SIDE, title, date, pdf,
				  pdf_size, err);
	if (result == PDF_DIRECT_DECLINED)
		result = pdf_cairo_pages_write(t.pages, t.count, A4_SHORT_SIDE, A4_LONG_SIDE, t.seal,
					       title, date, pdf, pdf_size, err);
out:
	discard_pages(&t);
	fonts_clear(&fonts);
	if (cr)
		cairo_destroy(cr);
	if (recording)
		cairo_surface_destroy(recording);
	return result;
}
