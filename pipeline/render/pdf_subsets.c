/* pdf_subsets.c - the faces, compressor and kept font subsets of a thread
 * that writes PDFs; see pdf_subsets.h. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <hb-ot.h>
#include <libdeflate.h>
#include "pdf_subsets.h"
#include "pdf_surface.h"

/* The tables of a font's subset, and so of the face it is made from. */
static const hb_tag_t subset_tables[] = {
	HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('h', 'e', 'a', 'd'),
	HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
};
#define SUBSET_TABLES (sizeof(subset_tables) / sizeof(subset_tables[0]))

/* a document meets at most PDF_DOCUMENT_FACES + 1 faces: one is always free to go */
_Static_assert(PDF_KEPT_FACES > PDF_DOCUMENT_FACES + 1,
	       "a thread keeps more faces than a document");
/* a document takes at most one kept subset a face: one is always free to go */
_Static_assert(PDF_KEPT_SUBSETS > PDF_DOCUMENT_FACES,
	       "a thread keeps more subsets than a document takes");

struct pdf_kept {
	struct pdf_face faces[PDF_KEPT_FACES];
	int count;
	struct pdf_subset *subsets[PDF_KEPT_SUBSETS];	/* NULL: free */
	unsigned long documents;	/* begun so far: each document's serial */
	struct libdeflate_compressor *compressor;
};

/* --- a subset ------------------------------------------------------------- */

static void subset_free(struct pdf_subset *subset)
{
	if (!subset)
		return;
	if (subset->plan)
		hb_subset_plan_destroy(subset->plan);
	hb_set_destroy(subset->glyphs);
	free(subset->widths);
	free(subset->file);
	free(subset);
}

/* The plan of face's subset of glyphs: only the tables above, no hinting. */
static hb_subset_plan_t *subset_plan(const struct pdf_face *face, const hb_set_t *glyphs)
{
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan;
	hb_set_t *dropped;

	if (!input)
		return NULL;
	hb_set_union(hb_subset_input_glyph_set(input), glyphs);
	dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_set_clear(dropped);
	hb_set_invert(dropped);
	for (size_t t = 0; t < SUBSET_TABLES; t++)
		hb_set_del(dropped, subset_tables[t]);
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
	plan = hb_subset_plan_create_or_fail(face->tables, input);
	hb_subset_input_destroy(input);
	return plan;
}

/* A glyph's advance in W's thousandths of an em. */
static int glyph_width(const struct pdf_face *face, hb_codepoint_t glyph)
{
	hb_position_t advance = hb_font_get_glyph_h_advance(face->font, glyph);

	return (int)lround((double)advance * 1000.0 / face->units);
}

/* Six capital letters from the face's name and the subset's glyphs: the
 * same glyphs give the same tag. */
static void subset_tag(struct pdf_subset *subset)
{
	uint32_t hash = 2166136261u;

	for (const char *p = subset->face->name; *p; p++)
		hash = (hash ^ (unsigned char)*p) * 16777619u;
	for (unsigned g = 0; g < subset->count; g++)
		hash = (hash ^ hb_map_get(subset->from_subset, g)) * 16777619u;
	for (int i = 0; i < 6; i++) {
		subset->tag[i] = (char)('A' + hash % 26);
		hash /= 26;
	}
	subset->tag[6] = '\0';
}

/* The subset's font file, made and deflated: 0, or -1. */
static int subset_file(struct pdf_subset *subset, struct pdf_kept *kept)
{
	hb_face_t *made = hb_subset_plan_execute_or_fail(subset->plan);
	hb_blob_t *blob = made ? hb_face_reference_blob(made) : NULL;
	unsigned length = 0;
	const char *bytes = blob ? hb_blob_get_data(blob, &length) : NULL;
	int result = -1;

	if (!bytes || length == 0)
		goto out;
	subset->file = pdf_kept_deflate(kept, bytes, length, &subset->file_size);
	subset->file_length = length;
	result = subset->file ? 0 : -1;
out:
	hb_blob_destroy(blob);
	hb_face_destroy(made);
	return result;
}

static struct pdf_subset *subset_new(struct pdf_kept *kept, struct pdf_face *face,
				     const hb_set_t *glyphs)
{
	struct pdf_subset *subset = calloc(1, sizeof(*subset));

	if (!subset)
		return NULL;
	subset->face = face;
	subset->glyphs = hb_set_copy(glyphs);
	hb_set_add(subset->glyphs, 0);
	if (!hb_set_allocation_successful(subset->glyphs) ||
	    !(subset->plan = subset_plan(face, subset->glyphs)))
		goto fail;
	subset->to_subset = hb_subset_plan_old_to_new_glyph_mapping(subset->plan);
	subset->from_subset = hb_subset_plan_new_to_old_glyph_mapping(subset->plan);
	subset->count = hb_map_get_population(subset->to_subset);
	if (!(subset->widths = calloc(subset->count ? subset->count : 1, sizeof(*subset->widths))))
		goto fail;
	for (unsigned g = 0; g < subset->count; g++)
		subset->widths[g] = glyph_width(face, hb_map_get(subset->from_subset, g));
	subset_tag(subset);
	if (subset_file(subset, kept) < 0)
		goto fail;
	return subset;
fail:
	subset_free(subset);
	return NULL;
}

/* --- what the thread keeps ------------------------------------------------ */

/* The thread's kept subset of face's glyphs (.notdef added), or NULL. */
static struct pdf_subset *kept_subset(struct pdf_kept *kept, const struct pdf_face *face,
				      const hb_set_t *glyphs)
{
	for (int i = 0; i < PDF_KEPT_SUBSETS; i++) {
		struct pdf_subset *subset = kept->subsets[i];

		if (subset && subset->face == face &&
		    hb_set_get_population(subset->glyphs) ==
			    hb_set_get_population(glyphs) + !hb_set_has(glyphs, 0) &&
		    hb_set_is_subset(glyphs, subset->glyphs))
			return subset;
	}
	return NULL;
}

/* Keeps subset in a free place, or in that of the one taken least lately
 * by other documents. */
static void keep(struct pdf_kept *kept, struct pdf_subset *subset)
{
	int place = -1;

	for (int i = 0; i < PDF_KEPT_SUBSETS && place < 0; i++)
		if (!kept->subsets[i])
			place = i;
	for (int i = 0; i < PDF_KEPT_SUBSETS && place < 0; i++)
		if (kept->subsets[i]->used != kept->documents &&
		    (place < 0 || kept->subsets[i]->used < kept->subsets[place]->used))
			place = i;
	if (place < 0)
		return;	/* never, by PDF_KEPT_SUBSETS: the taker frees it then */
	subset_free(kept->subsets[place]);
	kept->subsets[place] = subset;
	subset->kept = 1;
}

struct pdf_subset *pdf_subset_take(struct pdf_kept *kept, struct pdf_face *face,
				   const hb_set_t *glyphs, int keeping)
{
	struct pdf_subset *subset = keeping ? kept_subset(kept, face, glyphs) : NULL;

	if (!subset && (subset = subset_new(kept, face, glyphs)) && keeping)
		keep(kept, subset);
	if (subset)
		subset->used = kept->documents;
	return subset;
}

void pdf_subset_put_back(struct pdf_subset *subset)
{
	if (subset && !subset->kept)
		subset_free(subset);
}

/* --- faces ---------------------------------------------------------------- */

static void face_clear(struct pdf_face *face)
{
	hb_font_destroy(face->font);
	hb_face_destroy(face->tables);
	hb_face_destroy(face->source);
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

static void face_init(struct pdf_face *face, hb_face_t *source)
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

/* Lets go of face and of the subsets kept of it (none is a current
 * document's: its face would be in use). */
static void forget_face(struct pdf_kept *kept, struct pdf_face *face)
{
	for (int i = 0; i < PDF_KEPT_SUBSETS; i++)
		if (kept->subsets[i] && kept->subsets[i]->face == face) {
			subset_free(kept->subsets[i]);
			kept->subsets[i] = NULL;
		}
	face_clear(face);
}

struct pdf_face *pdf_kept_face(struct pdf_kept *kept, hb_face_t *source)
{
	struct pdf_face *face = NULL;

	for (int i = 0; i < kept->count; i++)
		if (kept->faces[i].source == source) {
			kept->faces[i].used = kept->documents;
			return &kept->faces[i];
		}
	if (kept->count < PDF_KEPT_FACES) {
		face = &kept->faces[kept->count++];
	} else {
		for (int i = 0; i < kept->count; i++)
			if (kept->faces[i].used != kept->documents &&
			    (!face || kept->faces[i].used < face->used))
				face = &kept->faces[i];
		forget_face(kept, face);
	}
	face_init(face, source);
	face->used = kept->documents;
	return face;
}

/* --- the thread's --------------------------------------------------------- */

static void kept_free(gpointer data)
{
	struct pdf_kept *kept = data;

	for (int i = 0; i < kept->count; i++)
		forget_face(kept, &kept->faces[i]);
	if (kept->compressor)
		libdeflate_free_compressor(kept->compressor);
	free(kept);
}

static GPrivate kept_key = G_PRIVATE_INIT(kept_free);

struct pdf_kept *pdf_kept_for_thread(void)
{
	struct pdf_kept *kept = g_private_get(&kept_key);

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

unsigned long pdf_kept_begin_document(struct pdf_kept *kept)
{
	return ++kept->documents;
}

unsigned char *pdf_kept_deflate(struct pdf_kept *kept, const void *bytes, size_t length,
			       size_t *size)
{
	size_t bound = libdeflate_zlib_compress_bound(kept->compressor, length);
	unsigned char *deflated = malloc(bound ? bound : 1);

	*size = deflated ? libdeflate_zlib_compress(kept->compressor, bytes, length, deflated, bound)
			 : 0;
	if (*size == 0) {
		free(deflated);
		return NULL;
	}
	return deflated;
}
