/* pdf_layouts.c - the Pango contexts and layouts a thread keeps from one
 * letter to the next; see pdf_layouts.h.
 *
 * Each thread has its own, as it has its own Pango font map (Pango's
 * default font map is one per thread): nothing here is shared between
 * threads, and what a thread keeps is freed when it ends. A layout is the
 * same whether it was kept or made again, so what a letter looks like does
 * not depend on which thread typeset it, nor on what the thread typeset
 * before. All of it is dropped when the thread's default font map changes,
 * so that no layout outlives the fonts it was set in. */
#include <string.h>
#include <pango/pangocairo.h>
#include "pdf_layouts.h"

/* A layout is kept only the second time it is offered: the text of every
 * letter of a kind is, a name, a number or a date that only one letter
 * has is not. A layout kept costs about 2 KB, and most layouts a letter
 * makes are of the first kind but most layouts a thread makes are of the
 * second: kept at once, the applicants' own text filled the thread's
 * layouts (over a certification run of 1,000 applications, 1,700 kept a
 * thread, of which 130 were ever found again). The keys offered are
 * remembered by their hash alone, in SEEN_SLOTS slots, a newer one taking
 * an older one's slot; a layout made again because its key's slot was
 * taken is only work lost. */
#define SEEN_SLOTS 4096

/* Layouts are kept in two generations of at most LAYOUTS_MAX each: the
 * young one takes new layouts and those found in the old one; when it is
 * full, or LAYOUTS_TURN lookups after it began, it becomes the old one and
 * the old one is dropped, with what no letter asked for lately. The turn
 * by lookups is what lets go of an applicant's own text that came a second
 * time by chance (a name two applicants share, a date): in a packages run
 * the young generation never filled, nothing was ever dropped, and the
 * layouts kept grew with the number of packages (about 240 a thread at
 * 8,000, toward 1,024 of about 5 KB: the run's peak 58.9 MB at 2,000
 * packages, 60.3 at 8,000). A letter makes about 60 lookups, so the
 * wording of a kind typeset at least once in 4,096 lookups stays. */
#define LAYOUTS_MAX 512
#define LAYOUTS_TURN 4096

struct layouts {
	PangoFontMap *font_map;	/* the thread's default when they were made */
	GHashTable *contexts;	/* "options language" -> PangoContext */
	GHashTable *young, *old;	/* key -> PangoLayout */
	unsigned lookups;		/* since the young generation began */
	guint seen[SEEN_SLOTS];	/* g_str_hash of keys offered, not kept */
};

static void layouts_clear(struct layouts *layouts)
{
	if (layouts->contexts)
		g_hash_table_destroy(layouts->contexts);
	if (layouts->young)
		g_hash_table_destroy(layouts->young);
	if (layouts->old)
		g_hash_table_destroy(layouts->old);
	layouts->contexts = layouts->young = layouts->old = NULL;
	layouts->font_map = NULL;
	memset(layouts->seen, 0, sizeof(layouts->seen));
	layouts->lookups = 0;
}

static void layouts_free(gpointer data)
{
	layouts_clear(data);
	g_free(data);
}

static GPrivate thread_layouts = G_PRIVATE_INIT(layouts_free);

/* A table of GObjects (contexts, layouts) under keys it owns. */
static GHashTable *object_table(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* The calling thread's, emptied if they were made with another font map
 * than the thread's default now. */
static struct layouts *thread_layouts_get(void)
{
	struct layouts *layouts = g_private_get(&thread_layouts);
	PangoFontMap *font_map = pango_cairo_font_map_get_default();

	if (!layouts) {
		layouts = g_new0(struct layouts, 1);
		g_private_set(&thread_layouts, layouts);
	}
	if (!layouts->contexts || layouts->font_map != font_map) {
		/* the contexts hold the old font map: it cannot have been freed
		 * and another made at its address while they were kept */
		layouts_clear(layouts);
		layouts->contexts = object_table();
		layouts->young = object_table();
		layouts->old = object_table();
		layouts->font_map = font_map;
	}
	return layouts;
}

PangoContext *pdf_layouts_context(cairo_t *cr, const char *language)
{
	struct layouts *layouts = thread_layouts_get();
	cairo_font_options_t *options = cairo_font_options_create();
	PangoContext *context;
	char *key;

	cairo_surface_get_font_options(cairo_get_target(cr), options);
	key = g_strdup_printf("%lu %s", cairo_font_options_hash(options), language);
	cairo_font_options_destroy(options);
	context = g_hash_table_lookup(layouts->contexts, key);
	if (context) {
		g_free(key);
		return context;
	}
	context = pango_cairo_create_context(cr);
	pango_context_set_language(context, pango_language_from_string(language));
	g_hash_table_insert(layouts->contexts, key, context);
	return context;
}

/* The young generation becomes the old one; the old one is dropped. */
static void turn_generation(struct layouts *layouts)
{
	g_hash_table_destroy(layouts->old);
	layouts->old = layouts->young;
	layouts->young = object_table();
	layouts->lookups = 0;
}

static void keep_young(struct layouts *layouts, const char *key, PangoLayout *layout)
{
	if (g_hash_table_size(layouts->young) >= LAYOUTS_MAX)
		turn_generation(layouts);
	g_hash_table_replace(layouts->young, g_strdup(key), g_object_ref(layout));
}

PangoLayout *pdf_layouts_find(const char *key)
{
	struct layouts *layouts = thread_layouts_get();
	PangoLayout *layout;

	if (++layouts->lookups > LAYOUTS_TURN)
		turn_generation(layouts);
	layout = g_hash_table_lookup(layouts->young, key);

	if (layout)
		return g_object_ref(layout);
	layout = g_hash_table_lookup(layouts->old, key);
	if (!layout)
		return NULL;
	g_object_ref(layout);	/* before the old ones may be dropped */
	keep_young(layouts, key, layout);	/* still in use: into the young ones */
	return layout;
}

void pdf_layouts_keep(const char *key, PangoLayout *layout)
{
	struct layouts *layouts = thread_layouts_get();
	guint hash = g_str_hash(key);
	guint *slot = &layouts->seen[hash % SEEN_SLOTS];

	if (*slot != hash) {	/* the first time (lately): remembered, not kept */
		*slot = hash;
		return;
	}
	keep_young(layouts, key, layout);
}

unsigned pdf_layouts_count(void)
{
	struct layouts *layouts = thread_layouts_get();
	GHashTableIter iter;
	gpointer key;
	unsigned count = g_hash_table_size(layouts->young);

	/* those old ones also found since are counted once */
	g_hash_table_iter_init(&iter, layouts->old);
	while (g_hash_table_iter_next(&iter, &key, NULL))
		if (!g_hash_table_contains(layouts->young, key))
			count++;
	return count;
}
