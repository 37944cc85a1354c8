/* pdf_fonts.c - each typesetting thread's fonts its own; see pdf_fonts.h. */
#include "pdf_fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

/* What a thread prepared: the font map, and the variation its fonts carry. */
struct thread_fonts {
	PangoFontMap *font_map;
	char variation[32];
	unsigned patterns;	/* given the variation (tests) */
};

static GPrivate thread_fonts = G_PRIVATE_INIT(g_free);

/* Pango's last word on a font pattern (PangoFcSubstituteFunc): the
 * thread's variation added to the ones it may have. */
static void add_variation(FcPattern *pattern, gpointer data)
{
	const char *own = data;
	struct thread_fonts *fonts = g_private_get(&thread_fonts);
	FcChar8 *before = NULL;
	char *combined;

	if (fonts)
		fonts->patterns++;
	if (FcPatternGetString(pattern, FC_FONT_VARIATIONS, 0, &before) != FcResultMatch ||
	    !before[0]) {
		FcPatternDel(pattern, FC_FONT_VARIATIONS);
		FcPatternAddString(pattern, FC_FONT_VARIATIONS, (const FcChar8 *)own);
		return;
	}
	combined = g_strdup_printf("%s,%s", (const char *)before, own);
	FcPatternDel(pattern, FC_FONT_VARIATIONS);	/* frees before */
	FcPatternAddString(pattern, FC_FONT_VARIATIONS, (const FcChar8 *)combined);
	g_free(combined);
}

void pdf_thread_fonts(void)
{
	static gint threads;
	struct thread_fonts *fonts = g_private_get(&thread_fonts);
	PangoFontMap *font_map = pango_cairo_font_map_get_default();

	if (!fonts) {
		fonts = g_new0(struct thread_fonts, 1);
		g_private_set(&thread_fonts, fonts);
	}
	if (fonts->font_map == font_map)
		return;
	fonts->font_map = font_map;
	snprintf(fonts->variation, sizeof(fonts->variation), "ecap=%d",
		 g_atomic_int_add(&threads, 1) + 1);
	if (PANGO_IS_FC_FONT_MAP(font_map)) {
		pango_fc_font_map_set_default_substitute(PANGO_FC_FONT_MAP(font_map),
							 add_variation,
							 g_strdup(fonts->variation), g_free);
		/* patterns the map made before, if any, are made again */
		pango_fc_font_map_substitute_changed(PANGO_FC_FONT_MAP(font_map));
	}
}

const char *pdf_thread_fonts_variation(void)
{
	struct thread_fonts *fonts = g_private_get(&thread_fonts);

	return fonts ? fonts->variation : "";
}

unsigned pdf_thread_fonts_patterns(void)
{
	struct thread_fonts *fonts = g_private_get(&thread_fonts);

	return fonts ? fonts->patterns : 0;
}
