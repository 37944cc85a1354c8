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
 * The subset holds the tables a PDF viewer needs of a TrueType font (glyf,
 * loca, head, hhea, hmtx, maxp), without hinting: it is drawn scaled, on
 * screen and paper alike. HarfBuzz subsets from a face of just those tables
 * of the font's file (made once a thread, holding the file's tables, not
 * copies), so that it never reads the font's character map, which is what
 * would cost most of a subset made from the whole face. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <libdeflate.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include "pdf_direct.h"
#include "pdf_surface.h"

/* The tables of a font's subset, and so of the face it is made from. */
static const hb_tag_t subset_tables[] = {
	HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('h', 'e', 'a', 'd'),
	HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
};
#define SUBSET_TABLES (sizeof(subset_tables) / sizeof(subset_tables[0]))

/* --- what a thread keeps: its faces, its compressor ----------------------- */

/* A font file's face as the documents embed it. */
struct face {
	hb_face_t *source;	/* Pango's face of the file, a reference: the key */
	hb_face_t *tables;	/* the subset's tables of source, to subset from */
	hb_font_t *font;	/* source at its own units: advances, metrics */
	int usable;		/* has TrueType outlines: every table above */
	unsigned units;		/* per em */
	int box[4];		/* head's xMin, yMin, xMax, yMax, in units */
	int ascent, descent, cap_height;
	char name[64];		/* the PostScript name, PDF name characters only */
	unsigned long used;	/* the serial of the last document that used it */
};

#define MAX_FACES 16

struct kept {
	struct face faces[MAX_FACES];
	int count;
	unsigned long documents;	/* written so far: each document's serial */
	struct libdeflate_compressor *compressor;
};

static void face_clear(struct face *face)
{
	hb_font_destroy(face->font);
	hb_face_destroy(face->tables);
	hb_face_destroy(face->source);
}

static void kept_free(gpointer data)
{
	struct kept *kept = data;

	for (int i = 0; i < kept->count; i++)
		face_clear(&kept->faces[i]);
	if (kept->compressor)
		libdeflate_free_compressor(kept->compressor);
	free(kept);
}

static GPrivate kept_key = G_PRIVATE_INIT(kept_free);

static struct kept *thread_kept(void)
{
	struct kept *kept = g_private_get(&kept_key);

	if (!kept && (kept = calloc(1, sizeof(*kept)))) {
		kept->compressor = libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
		if (!kept->compressor) {
			free(kept);
			return NULL;
		}
		g_private_set(&kept_key, kept);
	}
	return kept;
}

static int read_int16(const char *data, unsigned length, unsigned at)
{
	if (at + 2 > length)
		return 0;
	return (int16_t)(((unsigned)(unsigned char)data[at] << 8) | (unsigned char)data[at + 1]);
}

/* The PostScript name (name ID 6), letters, digits, '-' and '_' only; "Font"
 * if it has none. */
static void face_name(hb_face_t *face, char *name, size_t size)
{
	char given[64];
	unsigned length = sizeof(given);
	size_t n = 0;

	if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
				 &length, given))
		given[0] = '\0';
	for (const char *p = given; *p && n + 1 < size; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
			name[n++] = *p;
	name[n] = '\0';
	if (n == 0)
		snprintf(name, size, "Font");
}

static void face_init(struct face *face, hb_face_t *source)
{
	hb_position_t value;
	hb_blob_t *head;
	const char *data;
	unsigned length;

	face->source = hb_face_reference(source);
	face->tables = hb_face_builder_create();
	face->usable = 1;
	for (size_t i = 0; i < SUBSET_TABLES; i++) {
		hb_blob_t *table = hb_face_reference_table(source, subset_tables[i]);

		if (hb_blob_get_length(table) == 0)
			face->usable = 0;
		hb_face_builder_add_table(face->tables, subset_tables[i], table);
		hb_blob_destroy(table);
	}
	face->font = hb_font_create(source);
	face->units = hb_face_get_upem(source);
	head = hb_face_reference_table(source, HB_TAG('h', 'e', 'a', 'd'));
	data = hb_blob_get_data(head, &length);
	for (int i = 0; i < 4; i++)
		face->box[i] = read_int16(data, length, 36 + 2 * (unsigned)i);
	hb_blob_destroy(head);
	face->ascent = hb_ot_metrics_get_position(face->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
						  &value) ? value : face->box[3];
	face->descent = hb_ot_metrics_get_position(face->font,
						   HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &value)
				? value : face->box[1];
	face->cap_height = hb_ot_metrics_get_position(face->font, HB_OT_METRICS_TAG_CAP_HEIGHT,
						      &value) && value > 0 ? value : face->ascent;
	face_name(source, face->name, sizeof(face->name));
}

/* The thread's face of source, made the first time, marked used by
 * document `serial`. A thread keeps at most MAX_FACES (a letter uses two or
 * three, a document at most MAX_DOCUMENT_FONTS): the one used least lately
 * by other documents makes way when another must be kept (Pango's faces are
 * new ones after its font map is replaced). */
static struct face *thread_face(struct kept *kept, hb_face_t *source, unsigned long serial)
{
	struct face *face = NULL;

	for (int i = 0; i < kept->count; i++)
		if (kept->faces[i].source == source) {
			kept->faces[i].used = serial;
			return &kept->faces[i];
		}
	if (kept->count < MAX_FACES) {
		face = &kept->faces[kept->count++];
	} else {
		for (int i = 0; i < kept->count; i++)
			if (kept->faces[i].used != serial &&
			    (!face || kept->faces[i].used < face->used))
				face = &kept->faces[i];
		face_clear(face);
	}
	face_init(face, source);
	face->used = serial;
	return face;
}

/* --- the document --------------------------------------------------------- */

/* A face as this document embeds it: the glyphs its pages use, its subset. */
struct document_font {
	struct face *face;
	hb_set_t *glyphs;	/* the face's glyph numbers the pages draw */
	hb_subset_plan_t *plan;
	const hb_map_t *to_subset;	/* glyph number -> the subset's (the plan's) */
	const hb_map_t *from_subset;
	unsigned count;		/* glyphs in the subset, .notdef included */
	int *widths;		/* count: each subset glyph's advance, as W gives it */
	char **texts;		/* count: what each of the subset's glyphs stands for */
	int object;		/* its Type0 font's object number */
};

/* A Pango font of the pages: its face in the document and its size. */
struct font_use {
	PangoFont *font;
	int document_font;
	double size;		/* points */
	int emboldened;		/* bold made from a regular face, as fontconfig asks */
};

#define MAX_DOCUMENT_FONTS 8
/* a document meets at most MAX_DOCUMENT_FONTS + 1 faces: one is always free to go */
_Static_assert(MAX_FACES > MAX_DOCUMENT_FONTS + 1, "a thread keeps more faces than a document");
#define MAX_FONT_USES 64

struct document {
	struct kept *kept;
	struct document_font fonts[MAX_DOCUMENT_FONTS];
	int font_count;
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

		for (unsigned g = 0; f->texts && g < f->count; g++)
			g_free(f->texts[g]);
		free(f->texts);
		free(f->widths);
		if (f->plan)
			hb_subset_plan_destroy(f->plan);
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

/* A stream object of bytes, deflated; `dictionary` holds its other keys. */
static void put_stream(struct document *d, int number, const char *dictionary,
		       const void *bytes, size_t length)
{
	size_t bound = libdeflate_zlib_compress_bound(d->kept->compressor, length);
	unsigned char *deflated = malloc(bound ? bound : 1);
	size_t size = deflated ? libdeflate_zlib_compress(d->kept->compressor, bytes, length,
							   deflated, bound) : 0;

	if (!size) {
		d->failed = 1;
		free(deflated);
		return;
	}
	begin_object(d, number);
	put_format(d, "<< /Length %zu /Filter /FlateDecode%s >>\nstream\n", size, dictionary);
	put(d, deflated, size);
	put_string(d, "\nendstream\nendobj\n");
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

/* The use of a Pango font, its face found or made; NULL when the writer
 * does not draw with it. */
static struct font_use *font_use(struct document *d, PangoFont *font)
{
	struct font_use *use;
	struct face *face;
	hb_font_t *hb_font;
	PangoFontDescription *description;
	int i;

	for (i = 0; i < d->use_count; i++)
		if (d->uses[i].font == font)
			return &d->uses[i];
	hb_font = font ? pango_font_get_hb_font(font) : NULL;
	if (!hb_font || d->use_count == MAX_FONT_USES || synthesized(font) < 0)
		return NULL;
	face = thread_face(d->kept, hb_font_get_face(hb_font), d->kept->documents);
	if (!face->usable)
		return NULL;
	for (i = 0; i < d->font_count && d->fonts[i].face != face; i++)
		;
	if (i == d->font_count) {
		if (d->font_count == MAX_DOCUMENT_FONTS)
			return NULL;
		d->fonts[i] = (struct document_font){ .face = face, .glyphs = hb_set_create() };
		d->font_count++;
	}
	use = &d->uses[d->use_count++];
	description = pango_font_describe_with_absolute_size(font);
	*use = (struct font_use){ font, i,
				  (double)pango_font_description_get_size(description) / PANGO_SCALE,
				  synthesized(font) };
	pango_font_description_free(description);
	return use;
}

/* Notes the glyphs of a run: 0, or PDF_DIRECT_DECLINED. */
static int collect_run(struct document *d, const PangoGlyphItem *run)
{
	struct font_use *use = font_use(d, run->item->analysis.font);
	const PangoGlyphString *glyphs = run->glyphs;

	if (!use || run->item->analysis.level % 2)
		return PDF_DIRECT_DECLINED;
	for (int i = 0; i < glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *glyph = &glyphs->glyphs[i];

		if (glyph->glyph == PANGO_GLYPH_EMPTY)
			continue;
		if ((glyph->glyph & PANGO_GLYPH_UNKNOWN_FLAG) || glyph->geometry.y_offset != 0)
			return PDF_DIRECT_DECLINED;
		hb_set_add(d->fonts[use->document_font].glyphs, glyph->glyph);
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
				if (collect_run(d, l->data) != 0)
					return PDF_DIRECT_DECLINED;
		}
	return 0;
}

/* A glyph's advance in W's thousandths of an em. */
static int glyph_width(const struct face *face, hb_codepoint_t glyph)
{
	hb_position_t advance = hb_font_get_glyph_h_advance(face->font, glyph);

	return (int)lround((double)advance * 1000.0 / face->units);
}

/* Plans each font's subset: its glyphs (and .notdef) renumbered from 1 in
 * their order in the font, each one's width as W will give it. */
static int plan_subsets(struct document *d)
{
	for (int i = 0; i < d->font_count; i++) {
		struct document_font *f = &d->fonts[i];
		hb_subset_input_t *input = hb_subset_input_create_or_fail();
		hb_set_t *dropped;

		if (!input)
			return -1;
		hb_set_add(f->glyphs, 0);
		hb_set_union(hb_subset_input_glyph_set(input), f->glyphs);
		dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
		hb_set_clear(dropped);
		hb_set_invert(dropped);
		for (size_t t = 0; t < SUBSET_TABLES; t++)
			hb_set_del(dropped, subset_tables[t]);
		hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
		f->plan = hb_subset_plan_create_or_fail(f->face->tables, input);
		hb_subset_input_destroy(input);
		if (!f->plan)
			return -1;
		f->to_subset = hb_subset_plan_old_to_new_glyph_mapping(f->plan);
		f->from_subset = hb_subset_plan_new_to_old_glyph_mapping(f->plan);
		f->count = hb_map_get_population(f->to_subset);
		f->texts = calloc(f->count ? f->count : 1, sizeof(*f->texts));
		f->widths = calloc(f->count ? f->count : 1, sizeof(*f->widths));
		if (!f->texts || !f->widths)
			return -1;
		for (unsigned g = 0; g < f->count; g++)
			f->widths[g] = glyph_width(f->face, hb_map_get(f->from_subset, g));
	}
	return 0;
}

/* Notes what each glyph of the run stands for, from its clusters: the
 * cluster's text goes with its first glyph, the first time that glyph is
 * met. */
static void note_texts(struct document_font *f, const char *text, PangoGlyphItem *run)
{
	PangoGlyphItemIter iter;

	for (gboolean more = pango_glyph_item_iter_init_start(&iter, run, text); more;
	     more = pango_glyph_item_iter_next_cluster(&iter)) {
		PangoGlyph glyph = run->glyphs->glyphs[iter.start_glyph].glyph;
		hb_codepoint_t subset_glyph;

		if (glyph == PANGO_GLYPH_EMPTY || iter.end_index <= iter.start_index)
			continue;
		subset_glyph = hb_map_get(f->to_subset, glyph);
		if (subset_glyph < f->count && !f->texts[subset_glyph])
			f->texts[subset_glyph] = g_strndup(text + iter.start_index,
							   (gsize)(iter.end_index - iter.start_index));
	}
}

/* A run's glyphs from its baseline's left end at x, y: one TJ, each glyph
 * moved to where Pango placed it. */
static void show_run(GString *content, const struct document *d, const struct font_use *use,
		     const PangoGlyphItem *run, double x, double y)
{
	const struct document_font *f = &d->fonts[use->document_font];
	const PangoGlyphString *glyphs = run->glyphs;
	double pen = 0;		/* where the next glyph goes, thousandths of the size */
	double placed = 0;	/* where the PDF's text position is, the same units */
	int open = 0;		/* inside a hexadecimal string */

	/* bold made from a regular face: each glyph's outline also stroked, a
	 * 24th of the size wide, as FreeType's emboldening widens it for cairo */
	if (use->emboldened) {
		g_string_append(content, "q ");
		pdf_append_number(content, use->size / 24.0);
		g_string_append(content, " w 2 Tr ");
	}
	g_string_append_printf(content, "BT /F%d ", use->document_font);
	pdf_append_number(content, use->size);
	g_string_append(content, " Tf 1 0 0 -1 ");
	pdf_append_number(content, x);
	g_string_append_c(content, ' ');
	pdf_append_number(content, y);
	g_string_append(content, " Tm [");
	for (int i = 0; i < glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *glyph = &glyphs->glyphs[i];
		double offset = (double)glyph->geometry.x_offset / PANGO_SCALE * 1000.0 / use->size;

		if (glyph->glyph != PANGO_GLYPH_EMPTY) {
			unsigned subset_glyph = hb_map_get(f->to_subset, glyph->glyph);
			long move = lround(placed - (pen + offset));

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
			placed += f->widths[subset_glyph];
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
		note_texts(&writing->d->fonts[use->document_font], writing->text, run);
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

/* Six capital letters naming the subset, as PDF asks of a subset's name:
 * from its face and glyphs, so the same glyphs give the same tag. */
static void subset_tag(const struct document_font *f, char tag[7])
{
	uint32_t hash = 2166136261u;

	for (const char *p = f->face->name; *p; p++)
		hash = (hash ^ (unsigned char)*p) * 16777619u;
	for (unsigned g = 0; g < f->count; g++)
		hash = (hash ^ hb_map_get(f->from_subset, g)) * 16777619u;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + hash % 26);
		hash /= 26;
	}
	tag[6] = '\0';
}

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

	for (unsigned g = 0; g < f->count; g++)
		left += f->texts[g] != NULL;
	for (unsigned g = 0; g < f->count; g++) {
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
static GString *widths(const struct document_font *f)
{
	GString *w = g_string_new("[0 [");

	for (unsigned g = 0; g < f->count; g++) {
		if (g)
			g_string_append_c(w, ' ');
		append_integer(w, f->widths[g]);
	}
	g_string_append(w, "]]");
	return w;
}

/* A thousandth of an em, from the face's units. */
static int thousandths(const struct face *face, int units)
{
	return (int)lround((double)units * 1000.0 / face->units);
}

/* The font's five objects, from f->object: the Type0 font, its CIDFont,
 * descriptor, subset and ToUnicode map. */
static void put_font(struct document *d, struct document_font *f)
{
	const struct face *face = f->face;
	hb_face_t *subset = hb_subset_plan_execute_or_fail(f->plan);
	hb_blob_t *blob = subset ? hb_face_reference_blob(subset) : NULL;
	unsigned length = 0;
	const char *bytes = blob ? hb_blob_get_data(blob, &length) : NULL;
	GString *w = widths(f), *cmap = to_unicode(f);
	char tag[7], dictionary[64];
	int o = f->object;

	if (!bytes || length == 0) {
		d->failed = 1;
		goto out;
	}
	subset_tag(f, tag);
	begin_object(d, o);
	put_format(d, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H "
		   "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n",
		   tag, face->name, o + 1, o + 4);
	begin_object(d, o + 1);
	put_format(d, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s+%s /CIDSystemInfo "
		   "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
		   "%d 0 R /CIDToGIDMap /Identity /W ", tag, face->name, o + 2);
	put(d, w->str, w->len);
	put_string(d, " >>\nendobj\n");
	begin_object(d, o + 2);
	put_format(d, "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 /FontBBox [%d %d %d %d] "
		   "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R "
		   ">>\nendobj\n", tag, face->name, thousandths(face, face->box[0]),
		   thousandths(face, face->box[1]), thousandths(face, face->box[2]),
		   thousandths(face, face->box[3]), thousandths(face, face->ascent),
		   thousandths(face, face->descent), thousandths(face, face->cap_height), o + 3);
	snprintf(dictionary, sizeof(dictionary), " /Length1 %u", length);
	put_stream(d, o + 3, dictionary, bytes, length);
	put_stream(d, o + 4, "", cmap->str, cmap->len);
out:
	g_string_free(cmap, TRUE);
	g_string_free(w, TRUE);
	hb_blob_destroy(blob);
	hb_face_destroy(subset);
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
 * each page, five for each font, then the form's. */
static void put_document(struct document *d, const struct pdf_page *pages, int count,
			 double width, double height, const char *title, const char *date)
{
	int first_page = 4, first_font = first_page + 2 * count;
	size_t xref;

	d->form_object = first_font + 5 * d->font_count;
	d->objects = d->form_object + (d->form ? pdf_embedded_count(d->form) : 0);
	d->offsets = calloc((size_t)d->objects, sizeof(*d->offsets));
	if (!d->offsets) {
		d->failed = 1;
		return;
	}
	for (int i = 0; i < d->font_count; i++)
		d->fonts[i].object = first_font + 5 * i;
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
	struct document d = { .kept = thread_kept() };
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
	d.kept->documents++;
	if ((result = collect(&d, pages, count)) != 0)
		goto out;
	if (plan_subsets(&d) < 0) {
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
