/* pdf_fixed.c - the recording of a certificate's fixed part a thread keeps
 * from one certificate to the next; see pdf_fixed.h.
 *
 * As the layouts of pdf_layouts.c: each thread has its own (librsvg draws
 * with the thread's Pango font map, and the recording holds the fonts it
 * was drawn in), nothing is shared between threads, and what a thread
 * keeps is freed when it ends. It is dropped when the thread's default
 * font map changes, so that it never outlives the fonts it was drawn in.
 * The key is the bytes themselves, not a hash of them: a recording is
 * replayed only for the very SVG text it was drawn from. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include "pdf_fixed.h"

struct fixed {
	PangoFontMap *font_map;	/* the thread's default when it was drawn */
	char *key;		/* the key's pieces, one after the other */
	size_t key_size;
	cairo_surface_t *recording;
	unsigned found;
};

/* The mark of a recording made by pdf_fixed_recording. */
static cairo_user_data_key_t drawn_as_pdf;

/* cairo_surface_get_type(3), but CAIRO_SURFACE_TYPE_PDF for a recording
 * made by pdf_fixed_recording.
 *
 * Why ecap defines a cairo function: librsvg 2.54 draws a text as the
 * outlines of its glyphs on every surface but a PDF one (so that a PNG's
 * text and its clip and stroke agree), and asks the surface's type for it.
 * The fixed part's texts recorded as outlines made a certificate's PDF
 * three times larger and twice as slow to write, its texts no longer text.
 * Told that the recording is a PDF surface, librsvg draws on it exactly
 * what it draws on the certificate's own PDF surface: glyphs, which the
 * PDF surface writes as text when the recording is replayed onto it. As
 * cairo_fill_extents in pdf.c, the executable's definition comes before
 * libcairo's for every caller in the process (ELF symbol interposition);
 * cairo itself reads a surface's type without calling it. */
cairo_surface_type_t cairo_surface_get_type(cairo_surface_t *surface)
{
	static cairo_surface_type_t (*real)(cairo_surface_t *);
	static gsize found;

	if (g_once_init_enter(&found)) {
		real = (cairo_surface_type_t (*)(cairo_surface_t *))dlsym(RTLD_NEXT,
									 "cairo_surface_get_type");
		g_once_init_leave(&found, 1);
	}
	if (cairo_surface_get_user_data(surface, &drawn_as_pdf))
		return CAIRO_SURFACE_TYPE_PDF;
	return real(surface);
}

cairo_surface_t *pdf_fixed_recording(double width, double height)
{
	cairo_rectangle_t extents = { 0, 0, width, height };
	cairo_surface_t *recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
								    &extents);

	cairo_surface_set_user_data(recording, &drawn_as_pdf, recording, NULL);
	return recording;
}

static void fixed_clear(struct fixed *fixed)
{
	if (fixed->recording)
		cairo_surface_destroy(fixed->recording);
	free(fixed->key);
	fixed->recording = NULL;
	fixed->key = NULL;
	fixed->key_size = 0;
	fixed->font_map = NULL;
}

static void fixed_free(gpointer data)
{
	fixed_clear(data);
	g_free(data);
}

static GPrivate thread_fixed = G_PRIVATE_INIT(fixed_free);

static struct fixed *thread_fixed_get(void)
{
	struct fixed *fixed = g_private_get(&thread_fixed);

	if (!fixed) {
		fixed = g_new0(struct fixed, 1);
		g_private_set(&thread_fixed, fixed);
	}
	return fixed;
}

static int key_equal(const struct fixed *fixed, const struct pdf_fixed_key *key)
{
	if (fixed->key_size != key->size[0] + key->size[1])
		return 0;
	return memcmp(fixed->key, key->piece[0], key->size[0]) == 0 &&
	       memcmp(fixed->key + key->size[0], key->piece[1], key->size[1]) == 0;
}

cairo_surface_t *pdf_fixed_find(const struct pdf_fixed_key *key)
{
	struct fixed *fixed = thread_fixed_get();

	if (!fixed->recording)
		return NULL;
	if (fixed->font_map != pango_cairo_font_map_get_default()) {
		/* the recording holds the old font map's fonts: it cannot
		 * have been freed and another made at its address */
		fixed_clear(fixed);
		return NULL;
	}
	if (!key_equal(fixed, key))
		return NULL;
	fixed->found++;
	return cairo_surface_reference(fixed->recording);
}

int pdf_fixed_keep(const struct pdf_fixed_key *key, cairo_surface_t *recording)
{
	struct fixed *fixed = thread_fixed_get();
	size_t size = key->size[0] + key->size[1];
	char *copy = malloc(size ? size : 1);

	fixed_clear(fixed);
	if (!copy)
		return -1;
	memcpy(copy, key->piece[0], key->size[0]);
	memcpy(copy + key->size[0], key->piece[1], key->size[1]);
	fixed->key = copy;
	fixed->key_size = size;
	fixed->recording = cairo_surface_reference(recording);
	fixed->font_map = pango_cairo_font_map_get_default();
	return 0;
}

unsigned pdf_fixed_found(void)
{
	return thread_fixed_get()->found;
}
