/* pdf_direct.c - a letter's pages written as a PDF by ecap itself; see
 * pdf_direct.h.
 *
 * The document: a catalog, its pages (an A4 MediaBox, every font of the
 * document in its resources, one deflated content stream), the document's
 * information, and each font as PDF 1.5 embeds a TrueType font for CJK text:
 * a Type0 font with the Identity-H encoding over a CIDFontType2 whose CIDs
 * are the subset's glyph numbers (CIDToGIDMap Identity), its advance widths
 * (W), its descriptor with the subset (FontFile2) and a ToUnicode map, so
 * that the text can be searched and copied. A glyph is placed where Pango
 * put it: a TJ array moves each glyph from where the width in W would leave
 * it to Pango's position, to a thousandth of the font size.
 *
 * A face is embedded as two such fonts when the pages have particulars
 * (pdf_pages.h): one of the glyphs the wording draws, which the thread
 * keeps made for the next letter of the kind, and one of the glyphs only
 * the particulars draw (pdf_subsets.h); each glyph is drawn from the font
 * that holds it. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include "pdf_direct.h"
#include "pdf_subsets.h"
#include "pdf_surface.h"

/* --- the document --------------------------------------------------------- */

/* One of a face's two fonts in this document: the glyphs its pages draw
 * in it, its subset. */
struct document_font {
	struct pdf_face *face;
	int particular;		/* of the glyphs that only particulars draw */
	int twin;		/* the index of the face's other font; -1 while it has none */
	hb_set_t *glyphs;	/* the face's glyph numbers drawn in this font */
	struct pdf_subset *subset;	/* NULL: no glyph, the font is not written */
	char **texts;		/* subset->count: what each of its glyphs stands for */
	int object;		/* its Type0 font's object number */
};

/* A Pango font of the pages: its face's fonts in the document, its size. */
struct font_use {
	PangoFont *font;
	int document_font;	/* the face's wording font */
	double size;		/* points */
	int emboldened;		/* bold made from a regular face, as fontconfig asks */
};

#define MAX_DOCUMENT_FONTS (2 * PDF_DOCUMENT_FACES)
#define MAX_FONT_USES 64

struct document {
	struct pdf_kept *kept;
	struct document_font fonts[MAX_DOCUMENT_FONTS];
	int font_count;
	int face_count;
	struct font_use uses[MAX_FONT_USES];
	int use_count;
	const struct pdf_embedded *form;	/* the page the forms place: one a document */
	int form_object;	/* its number */
	struct pdf_buffer out;
	size_t *offsets;	/* each object's, by number; [0] unused */
	int objects;		/* the numbers it uses, 0 (no object) included */
	int failed;		/* out of memory */
};

static void document_clear(struct document *d)
{
	for (int i = 0; i < d->font_count; i++) {
		struct document_font *f = &d->fonts[i];

		for (unsigned g = 0; f->texts && g < f->subset->count; g++)
			g_free(f->texts[g]);
		free(f->texts);
		pdf_subset_put_back(f->subset);
		hb_set_destroy(f->glyphs);
	}
	free(d->out.data);
	free(d->offsets);
}

static void put(struct document *d, const void *bytes, size_t length)
{
	if (!d->failed && pdf_buffer_append(&d->out, bytes, length) < 0)
		d->failed = 1;
}

static void put_string(struct document *d, const char *text)
{
	put(d, text, strlen(text));
}

static void G_GNUC_PRINTF(2, 3) put_format(struct document *d, const char *format, ...)
{
	char text[512];
	va_list arguments;
	int length;

	va_start(arguments, format);
	length = vsnprintf(text, sizeof(text), format, arguments);
	va_end(arguments);
	if (length < 0 || (size_t)length >= sizeof(text))
		d->failed = 1;
	else
		put(d, text, (size_t)length);
}

/* value in decimal digits, as printf's %lld writes it: what a document's
 * widths, numbers and code points are written with, hundreds of them a
 * letter, without printf's parsing of a format each time. */
static void append_integer(GString *out, long long value)
{
	unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value :
						   (unsigned long long)value;
	char digits[24];
	int n = sizeof(digits);

	do
		digits[--n] = (char)('0' + magnitude % 10);
	while ((magnitude /= 10) > 0);
	if (value < 0)
		digits[--n] = '-';
	g_string_append_len(out, digits + n, (gssize)sizeof(digits) - n);
}

void pdf_append_number(GString *out, double value)
{
	long long milli = llround(value * 1000.0);
	char digits[32];
	int n = 0;

	if (milli < 0) {
		g_string_append_c(out, '-');
		milli = -milli;
	}
	append_integer(out, milli / 1000);
	milli %= 1000;
	if (milli == 0)
		return;
	digits[n++] = '.';
	digits[n++] = (char)('0' + milli / 100);
	digits[n++] = (char)('0' + milli / 10 % 10);
	digits[n++] = (char)('0' + milli % 10);
	while (digits[n - 1] == '0')
		n--;
	g_string_append_len(out, digits, n);
}

/* The low 16 bits of value as four hexadecimal digits. */
static void append_hex4(GString *out, unsigned value)
{
	static const char digits[] = "0123456789ABCDEF";
	char hex[4] = { digits[(value >> 12) & 0xF], digits[(value >> 8) & 0xF],
			digits[(value >> 4) & 0xF], digits[value & 0xF] };

	g_string_append_len(out, hex, 4);
}

/* Begins object `number`, noting where it starts. */
static void begin_object(struct document *d, int number)
{
	d->offsets[number] = d->out.size;
	put_format(d, "%d 0 obj\n", number);
}

/* A stream object of bytes deflated already; `dictionary` holds its other
 * keys. */
static void put_deflated_stream(struct document *d, int number, const char *dictionary,
				const void *deflated, size_t size)
{
	begin_object(d, number);
	put_format(d, "<< /Length %zu /Filter /FlateDecode%s >>\nstream\n", size, dictionary);
	put(d, deflated, size);
	put_string(d, "\nendstream\nendobj\n");
}

/* A stream object of bytes, deflated; `dictionary` holds its other keys. */
static void put_stream(struct document *d, int number, const char *dictionary,
		       const void *bytes, size_t length)
{
	size_t size = 0;
	unsigned char *deflated = pdf_kept_deflate(d->kept, bytes, length, &size);

	if (!deflated)
		d->failed = 1;
	else
		put_deflated_stream(d, number, dictionary, deflated, size);
	free(deflated);
}

/* --- the glyphs the pages draw -------------------------------------------- */

/* Whether fontconfig asks that font be made bold from a regular face
 * (FC_EMBOLDEN: a CJK face with no bold, asked for bold); -1 if it asks it
 * slanted (FC_MATRIX), which the writer does not draw. */
static int synthesized(PangoFont *font)
{
	FcPattern *pattern = PANGO_IS_FC_FONT(font) ?
				     pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
	FcBool embolden = FcFalse;
	FcMatrix *matrix;

	if (!pattern)
		return 0;
	if (FcPatternGetMatrix(pattern, FC_MATRIX, 0, &matrix) == FcResultMatch &&
	    (matrix->xx != 1 || matrix->xy != 0 || matrix->yx != 0 || matrix->yy != 1))
		return -1;
	return FcPatternGetBool(pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden;
}

/* The document's font of face (its particulars' or its wording's), added
 * if it is not there yet; -1 when the document has no room for it. */
static int font_of_face(struct document *d, struct pdf_face *face, int particular)
{
	int twin = -1;

	for (int i = 0; i < d->font_count; i++)
		if (d->fonts[i].face == face && d->fonts[i].particular == particular)
			return i;
		else if (d->fonts[i].face == face)
			twin = i;
	if (d->font_count == MAX_DOCUMENT_FONTS || (!particular && d->face_count == PDF_DOCUMENT_FACES))
		return -1;
	d->fonts[d->font_count] = (struct document_font){ .face = face, .particular = particular,
							   .twin = twin,
							   .glyphs = hb_set_create() };
	if (twin >= 0)
		d->fonts[twin].twin = d->font_count;
	d->face_count += !particular;
	return d->font_count++;
}

/* The use of a Pango font, its face found or made; NULL when the writer
 * does not draw with it. */
static struct font_use *font_use(struct document *d, PangoFont *font)
{
	struct font_use *use;
	struct pdf_face *face;
	hb_font_t *hb_font;
	PangoFontDescription *description;
	int wording;

	for (int i = 0; i < d->use_count; i++)
		if (d->uses[i].font == font)
			return &d->uses[i];
	hb_font = font ? pango_font_get_hb_font(font) : NULL;
	if (!hb_font || d->use_count == MAX_FONT_USES || synthesized(font) < 0)
		return NULL;
	face = pdf_kept_face(d->kept, hb_font_get_face(hb_font));
	if (!face->usable || (wording = font_of_face(d, face, 0)) < 0)
		return NULL;
	use = &d->uses[d->use_count++];
	description = pango_font_describe_with_absolute_size(font);
	*use = (struct font_use){ font, wording,
				  (double)pango_font_description_get_size(description) / PANGO_SCALE,
				  synthesized(font) };
	pango_font_description_free(description);
	return use;
}

/* Notes the glyphs of a run, in the face's particulars' font if it is a
 * particular's: 0, or PDF_DIRECT_DECLINED. */
static int collect_run(struct document *d, const PangoGlyphItem *run, int particular)
{
	struct font_use *use = font_use(d, run->item->analysis.font);
	const PangoGlyphString *glyphs = run->glyphs;
	int font;

	if (!use || run->item->analysis.level % 2)
		return PDF_DIRECT_DECLINED;
	font = particular ? font_of_face(d, d->fonts[use->document_font].face, 1)
			  : use->document_font;
	if (font < 0)
		return PDF_DIRECT_DECLINED;
	for (int i = 0; i < glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *glyph = &glyphs->glyphs[i];

		if (glyph->glyph == PANGO_GLYPH_EMPTY)
			continue;
		if ((glyph->glyph & PANGO_GLYPH_UNKNOWN_FLAG) || glyph->geometry.y_offset != 0)
			return PDF_DIRECT_DECLINED;
		hb_set_add(d->fonts[font].glyphs, glyph->glyph);
	}
	return 0;
}

static int collect(struct document *d, const struct pdf_page *pages, int count)
{
	for (int p = 0; p < count; p++)
		for (size_t m = 0; m < pages[p].count; m++) {
			const struct pdf_mark *mark = &pages[p].marks[m];

			if (mark->kind == PDF_MARK_FORM) {
				if (!mark->form || (d->form && d->form != mark->form))
					return PDF_DIRECT_DECLINED;
				d->form = mark->form;
			}
			if (mark->kind != PDF_MARK_LINE)
				continue;
			for (GSList *l = mark->line->runs; l; l = l->next)
				if (collect_run(d, l->data, mark->particular) != 0)
					return PDF_DIRECT_DECLINED;
		}
	return 0;
}

/* Adds the glyphs of all ten digits to a wording's glyphs that have one:
 * the wording's dates and numbers differ from letter to letter, and so
 * would the digits it draws, and its subset with them. */
static void add_digits(const struct document_font *f)
{
	hb_codepoint_t digits[10];
	int drawn = 0;

	for (int i = 0; i < 10; i++) {
		if (!hb_font_get_nominal_glyph(f->face->font, '0' + (hb_codepoint_t)i, &digits[i]))
			digits[i] = 0;
		drawn |= digits[i] && hb_set_has(f->glyphs, digits[i]);
	}
	for (int i = 0; drawn && i < 10; i++)
		if (digits[i])
			hb_set_add(f->glyphs, digits[i]);
}

/* Takes each font's subset: the wording's kept by the thread, the
 * particulars' of just the glyphs the wording does not have. A font left
 * with no glyph has no subset and is not written. 0, or -1. */
static int take_subsets(struct document *d)
{
	for (int i = 0; i < d->font_count; i++) {
		struct document_font *f = &d->fonts[i];

		if (!f->particular)
			add_digits(f);
		else
			hb_set_subtract(f->glyphs, d->fonts[f->twin].glyphs);
		if (hb_set_is_empty(f->glyphs))
			continue;
		f->subset = pdf_subset_take(d->kept, f->face, f->glyphs, !f->particular);
		if (!f->subset)
			return -1;
		f->texts = calloc(f->subset->count, sizeof(*f->texts));
		if (!f->texts)
			return -1;
	}
	return 0;
}

/* The font of use's face that holds glyph: its wording's, or its
 * particulars' for a glyph that only particulars draw. */
static int glyph_font(const struct document *d, const struct font_use *use, PangoGlyph glyph)
{
	const struct document_font *wording = &d->fonts[use->document_font];

	return wording->twin < 0 || hb_set_has(wording->glyphs, glyph) ? use->document_font
								       : wording->twin;
}

/* Notes what each glyph of the run stands for, from its clusters: the
 * cluster's text goes with its first glyph, the first time that glyph is
 * met. */
static void note_texts(struct document *d, const struct font_use *use, const char *text,
		       PangoGlyphItem *run)
{
	PangoGlyphItemIter iter;

	for (gboolean more = pango_glyph_item_iter_init_start(&iter, run, text); more;
	     more = pango_glyph_item_iter_next_cluster(&iter)) {
		PangoGlyph glyph = run->glyphs->glyphs[iter.start_glyph].glyph;
		struct document_font *f;
		hb_codepoint_t subset_glyph;

		if (glyph == PANGO_GLYPH_EMPTY || iter.end_index <= iter.start_index)
			continue;
		f = &d->fonts[glyph_font(d, use, glyph)];
		subset_glyph = hb_map_get(f->subset->to_subset, glyph);
		if (subset_glyph < f->subset->count && !f->texts[subset_glyph])
			f->texts[subset_glyph] = g_strndup(text + iter.start_index,
							   (gsize)(iter.end_index - iter.start_index));
	}
}

/* Sets the font a run's glyphs are drawn in: the font's name, the size. */
static void select_font(GString *content, int font, double size)
{
	g_string_append(content, "/F");
	append_integer(content, font);
	g_string_append_c(content, ' ');
	pdf_append_number(content, size);
	g_string_append(content, " Tf ");
}

/* A run's glyphs from its baseline's left end at x, y: one TJ for each
 * font they are drawn from in turn, each glyph moved to where Pango placed
 * it. */
static void show_run(GString *content, const struct document *d, const struct font_use *use,
		     const PangoGlyphItem *run, double x, double y)
{
	const PangoGlyphString *glyphs = run->glyphs;
	double pen = 0;		/* where the next glyph goes, thousandths of the size */
	double placed = 0;	/* where the PDF's text position is, the same units */
	int open = 0;		/* inside a hexadecimal string */
	int font = -1;		/* the font set */
	int first;

	for (first = 0; first < glyphs->num_glyphs; first++)
		if (glyphs->glyphs[first].glyph != PANGO_GLYPH_EMPTY)
			break;
	if (first == glyphs->num_glyphs)
		return;		/* nothing drawn */
	/* bold made from a regular face: each glyph's outline also stroked, a
	 * 24th of the size wide, as FreeType's emboldening widens it for cairo */
	if (use->emboldened) {
		g_string_append(content, "q ");
		pdf_append_number(content, use->size / 24.0);
		g_string_append(content, " w 2 Tr ");
	}
	g_string_append(content, "BT ");
	font = glyph_font(d, use, glyphs->glyphs[first].glyph);
	select_font(content, font, use->size);
	g_string_append(content, "1 0 0 -1 ");
	pdf_append_number(content, x);
	g_string_append_c(content, ' ');
	pdf_append_number(content, y);
	g_string_append(content, " Tm [");
	for (int i = 0; i < glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *glyph = &glyphs->glyphs[i];
		double offset = (double)glyph->geometry.x_offset / PANGO_SCALE * 1000.0 / use->size;

		if (glyph->glyph != PANGO_GLYPH_EMPTY) {
			int holder = glyph_font(d, use, glyph->glyph);
			const struct pdf_subset *subset = d->fonts[holder].subset;
			unsigned subset_glyph = hb_map_get(subset->to_subset, glyph->glyph);
			long move = lround(placed - (pen + offset));

			if (holder != font) {
				/* the text position stays where the last glyph left it */
				g_string_append(content, open ? ">] TJ " : "] TJ ");
				select_font(content, holder, use->size);
				g_string_append_c(content, '[');
				font = holder;
				open = 0;
			}
			if (move != 0) {
				if (open)
					g_string_append_c(content, '>');
				pdf_append_number(content, (double)move);
				placed -= (double)move;
				open = 0;
			}
			if (!open)
				g_string_append_c(content, '<');
			open = 1;
			append_hex4(content, subset_glyph);
			placed += subset->widths[subset_glyph];
		}
		pen += (double)glyph->geometry.width / PANGO_SCALE * 1000.0 / use->size;
	}
	if (open)
		g_string_append_c(content, '>');
	g_string_append(content, use->emboldened ? "] TJ ET Q\n" : "] TJ ET\n");
}

/* Where a line is written: the page's content, at the baseline y, the
 * line's text. */
struct line_writing {
	GString *content;
	struct document *d;
	double y;
	const char *text;
};

static void write_run(PangoGlyphItem *run, double x, int again, void *data)
{
	const struct line_writing *writing = data;
	struct font_use *use = font_use(writing->d, run->item->analysis.font);

	if (!again)
		note_texts(writing->d, use, writing->text, run);
	show_run(writing->content, writing->d, use, run, x, writing->y);
}

/* Sets colour for filling and stroking, in a saved graphics state. */
static void begin_colour(GString *content, unsigned colour)
{
	GString *rgb = g_string_new(NULL);

	for (int shift = 16; shift >= 0; shift -= 8) {
		pdf_append_number(rgb, (double)((colour >> shift) & 0xFF) / 255.0);
		g_string_append_c(rgb, ' ');
	}
	g_string_append_printf(content, "q %srg %sRG\n", rgb->str, rgb->str);
	g_string_free(rgb, TRUE);
}

/* A line's runs from its baseline's left end, as pdf_line_draw has them,
 * in its colour. */
static void show_line(GString *content, struct document *d, const struct pdf_mark *mark)
{
	struct line_writing writing = { content, d, mark->y, pango_layout_get_text(mark->layout) };

	if (mark->colour)
		begin_colour(content, mark->colour);
	pdf_line_draw(mark->line, mark->x, write_run, &writing);
	if (mark->colour)
		g_string_append(content, "Q\n");
}

/* The page the forms place, in the mark's box: scaled to it and turned
 * upright again (the content's y runs downward). */
static void show_form(GString *content, const struct pdf_mark *mark)
{
	g_string_append(content, "q ");
	pdf_append_number(content, mark->length / pdf_embedded_width(mark->form));
	g_string_append(content, " 0 0 ");
	pdf_append_number(content, -mark->height / pdf_embedded_height(mark->form));
	g_string_append_c(content, ' ');
	pdf_append_number(content, mark->x);
	g_string_append_c(content, ' ');
	pdf_append_number(content, mark->y + mark->height);
	g_string_append(content, " cm /Form Do Q\n");
}

static void show_path(GString *content, const struct pdf_mark *mark)
{
	begin_colour(content, mark->colour);
	g_string_append(content, mark->path);
	g_string_append(content, mark->even_odd ? " f* Q\n" : " f Q\n");
}

static void show_rule(GString *content, const struct pdf_mark *mark)
{
	pdf_append_number(content, mark->thickness);
	g_string_append(content, " w ");
	pdf_append_number(content, mark->x);
	g_string_append_c(content, ' ');
	pdf_append_number(content, mark->y);
	g_string_append(content, " m ");
	pdf_append_number(content, mark->x + mark->length);
	g_string_append_c(content, ' ');
	pdf_append_number(content, mark->y);
	g_string_append(content, " l S\n");
}

/* A page's content: the page turned to y downward, as the marks are. */
static GString *page_content(struct document *d, const struct pdf_page *page, double height)
{
	GString *content = g_string_sized_new(16 * 1024);

	g_string_append(content, "1 0 0 -1 0 ");
	pdf_append_number(content, height);
	g_string_append(content, " cm\n");
	for (size_t m = 0; m < page->count; m++) {
		const struct pdf_mark *mark = &page->marks[m];

		if (mark->kind == PDF_MARK_LINE)
			show_line(content, d, mark);
		else if (mark->kind == PDF_MARK_RULE)
			show_rule(content, mark);
		else if (mark->kind == PDF_MARK_FORM)
			show_form(content, mark);
		else
			show_path(content, mark);
	}
	return content;
}

/* --- the fonts' objects --------------------------------------------------- */

/* UTF-8 text as UTF-16BE hexadecimal digits. */
static void append_utf16(GString *out, const char *text)
{
	glong length = 0;
	gunichar2 *units = g_utf8_to_utf16(text, -1, NULL, &length, NULL);

	for (glong i = 0; units && i < length; i++)
		append_hex4(out, units[i]);
	g_free(units);
}

/* The ToUnicode CMap: each glyph to what it stands for, in blocks of at
 * most 100, as the CMap format asks. */
static GString *to_unicode(const struct document_font *f)
{
	GString *cmap = g_string_new("/CIDInit /ProcSet findresource begin\n12 dict begin\n"
				     "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
				     "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
				     "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
				     "endcodespacerange\n");
	unsigned left = 0, in_block = 0;

	for (unsigned g = 0; g < f->subset->count; g++)
		left += f->texts[g] != NULL;
	for (unsigned g = 0; g < f->subset->count; g++) {
		if (!f->texts[g])
			continue;
		if (in_block == 0)
			g_string_append_printf(cmap, "%u beginbfchar\n", left < 100 ? left : 100);
		g_string_append_c(cmap, '<');
		append_hex4(cmap, g);	/* a glyph of a TrueType subset: below 65,536 */
		g_string_append(cmap, "> <");
		append_utf16(cmap, f->texts[g]);
		g_string_append(cmap, ">\n");
		left--;
		if (++in_block == 100 || left == 0) {
			g_string_append(cmap, "endbfchar\n");
			in_block = 0;
		}
	}
	g_string_append(cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	return cmap;
}

/* The widths of the subset's glyphs, from CID 0. */
static GString *widths(const struct pdf_subset *subset)
{
	GString *w = g_string_new("[0 [");

	for (unsigned g = 0; g < subset->count; g++) {
		if (g)
			g_string_append_c(w, ' ');
		append_integer(w, subset->widths[g]);
	}
	g_string_append(w, "]]");
	return w;
}

/* A thousandth of an em, from the face's units. */
static int thousandths(const struct pdf_face *face, int units)
{
	return (int)lround((double)units * 1000.0 / face->units);
}

/* The font's five objects, from f->object: the Type0 font, its CIDFont,
 * descriptor, subset and ToUnicode map. */
static void put_font(struct document *d, struct document_font *f)
{
	const struct pdf_face *face = f->face;
	const struct pdf_subset *subset = f->subset;
	GString *w = widths(subset), *cmap = to_unicode(f);
	char dictionary[64];
	int o = f->object;

	begin_object(d, o);
	put_format(d, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H "
		   "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n",
		   subset->tag, face->name, o + 1, o + 4);
	begin_object(d, o + 1);
	put_format(d, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s+%s /CIDSystemInfo "
		   "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
		   "%d 0 R /CIDToGIDMap /Identity /W ", subset->tag, face->name, o + 2);
	put(d, w->str, w->len);
	put_string(d, " >>\nendobj\n");
	begin_object(d, o + 2);
	put_format(d, "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 /FontBBox [%d %d %d %d] "
		   "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R "
		   ">>\nendobj\n", subset->tag, face->name, thousandths(face, face->box[0]),
		   thousandths(face, face->box[1]), thousandths(face, face->box[2]),
		   thousandths(face, face->box[3]), thousandths(face, face->ascent),
		   thousandths(face, face->descent), thousandths(face, face->cap_height), o + 3);
	snprintf(dictionary, sizeof(dictionary), " /Length1 %u", subset->file_length);
	put_deflated_stream(d, o + 3, dictionary, subset->file, subset->file_size);
	put_stream(d, o + 4, "", cmap->str, cmap->len);
	g_string_free(cmap, TRUE);
	g_string_free(w, TRUE);
}

/* --- the document's other objects ----------------------------------------- */

/* A text string: UTF-16BE with its byte order mark, in hexadecimal. */
static GString *text_string(const char *text)
{
	GString *string = g_string_new("<FEFF");

	append_utf16(string, text);
	g_string_append_c(string, '>');
	return string;
}

/* The information dictionary: Title, Creator, Producer and the dates, the
 * day given or now. */
static void put_information(struct document *d, int number, const char *title, const char *date)
{
	char stamp[32];

	if (date && strlen(date) == 10) {
		snprintf(stamp, sizeof(stamp), "D:%.4s%.2s%.2s000000", date, date + 5, date + 8);
	} else {
		time_t now = time(NULL);
		struct tm utc;

		gmtime_r(&now, &utc);
		strftime(stamp, sizeof(stamp), "D:%Y%m%d%H%M%SZ", &utc);
	}
	begin_object(d, number);
	put_string(d, "<< /Creator (ecap) /Producer (ecap)");
	if (title) {
		GString *string = text_string(title);

		put_string(d, " /Title ");
		put(d, string->str, string->len);
		g_string_free(string, TRUE);
	}
	put_format(d, " /CreationDate (%s) /ModDate (%s) >>\nendobj\n", stamp, stamp);
}

/* Page p's two objects, from `number`: the page, its content. */
static void put_page(struct document *d, const struct pdf_page *page, int number, double width,
		     double height)
{
	GString *content = page_content(d, page, height);

	begin_object(d, number);
	put_format(d, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font <<",
		   (int)width, (int)height);
	for (int i = 0; i < d->font_count; i++)
		if (d->fonts[i].subset)
			put_format(d, " /F%d %d 0 R", i, d->fonts[i].object);
	put_string(d, " >>");
	if (d->form)
		put_format(d, " /XObject << /Form %d 0 R >>", d->form_object);
	put_format(d, " >> /Contents %d 0 R >>\nendobj\n", number + 1);
	put_stream(d, number + 1, "", content->str, content->len);
	g_string_free(content, TRUE);
}

/* The objects of the page the forms place, from d->form_object. */
static void put_form(struct document *d)
{
	GString *object = g_string_new(NULL);

	for (int i = 0; i < pdf_embedded_count(d->form); i++) {
		g_string_truncate(object, 0);
		pdf_embedded_object(d->form, i, d->form_object, object);
		begin_object(d, d->form_object + i);
		put(d, object->str, object->len);
	}
	g_string_free(object, TRUE);
}

/* Numbers: 1 the catalog, 2 the pages, 3 the information, then two for
 * each page, five for each font written, then the form's. */
static void put_document(struct document *d, const struct pdf_page *pages, int count,
			 double width, double height, const char *title, const char *date)
{
	int first_page = 4, next = first_page + 2 * count;
	size_t xref;

	for (int i = 0; i < d->font_count; i++)
		if (d->fonts[i].subset) {
			d->fonts[i].object = next;
			next += 5;
		}
	d->form_object = next;
	d->objects = d->form_object + (d->form ? pdf_embedded_count(d->form) : 0);
	d->offsets = calloc((size_t)d->objects, sizeof(*d->offsets));
	if (!d->offsets) {
		d->failed = 1;
		return;
	}
	put_string(d, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n");
	begin_object(d, 1);
	put_string(d, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	begin_object(d, 2);
	put_string(d, "<< /Type /Pages /Kids [");
	for (int p = 0; p < count; p++)
		put_format(d, p ? " %d 0 R" : "%d 0 R", first_page + 2 * p);
	put_format(d, "] /Count %d >>\nendobj\n", count);
	put_information(d, 3, title, date);
	for (int p = 0; p < count; p++)
		put_page(d, &pages[p], first_page + 2 * p, width, height);
	for (int i = 0; i < d->font_count; i++)
		if (d->fonts[i].subset)
			put_font(d, &d->fonts[i]);
	if (d->form)
		put_form(d);
	xref = d->out.size;
	put_format(d, "xref\n0 %d\n0000000000 65535 f \n", d->objects);
	for (int i = 1; i < d->objects; i++)
		put_format(d, "%010zu 00000 n \n", d->offsets[i]);
	put_format(d, "trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
		   d->objects, xref);
}

int pdf_direct_write(const struct pdf_page *pages, int count, double width, double height,
		     const char *title, const char *date, unsigned char **pdf, size_t *pdf_size,
		     struct error *err)
{
	struct document d = { .kept = pdf_kept_for_thread() };
	int result = -1;

	*pdf = NULL;
	*pdf_size = 0;
	if (title && !g_utf8_validate(title, -1, NULL)) {
		error_set(err, "PDF title is not valid UTF-8");
		goto out;
	}
	if (!d.kept) {
		error_set(err, "out of memory");
		goto out;
	}
	pdf_kept_begin_document(d.kept);
	if ((result = collect(&d, pages, count)) != 0)
		goto out;
	if (take_subsets(&d) < 0) {
		result = error_set(err, "unable to make the letter's font subsets");
		goto out;
	}
	put_document(&d, pages, count, width, height, title, date);
	if (d.failed) {
		result = error_set(err, "out of memory");
		goto out;
	}
	*pdf = d.out.data;
	*pdf_size = d.out.size;
	d.out.data = NULL;
	result = 0;
out:
	document_clear(&d);
	return result;
}
