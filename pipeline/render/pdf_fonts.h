/* pdf_fonts.h - the fonts a typesetting thread uses are its own, down to
 * cairo's scaled fonts, so that no two threads ever share one.
 *
 * Pango gives each thread its own font map, but cairo keeps one map of
 * font faces and scaled fonts for the whole process, and two threads
 * asking for the same font at the same size get the same cairo object.
 * cairo 1.16 (Debian 12) has a race there: cairo_scaled_font_destroy
 * lowers the reference count before it locks cairo's font map, so another
 * thread can take the font from the map in between and begin to use its
 * glyph cache, and the first thread's assertion (`! scaled_font->
 * cache_frozen`) aborts the process. Upstream fixed it in 2020 (cairo
 * commit a67735010, "fix double free and failed assertions in
 * cairo_scaled_font_destroy"); ecap met it once here, in the packages run of
 * the 10,000-application benchmark with --jobs 2.
 *
 * A font that no other thread has cannot be taken by another thread in that
 * window. pdf_thread_fonts gives the calling thread's Pango font map a
 * substitution (pango_fc_font_map_set_default_substitute) that adds a font
 * variation of the thread's own to every font pattern, "ecap=N": cairo then
 * makes the thread its own font faces and so its own scaled fonts. The
 * fonts ecap draws with are not variable fonts, so FreeType applies no
 * variation to them: the same glyphs, metrics and PDF bytes (t1010
 * compares the outputs of --jobs 1, 2 and 4).
 *
 * This closes only one way into that race. cairo 1.16 also keeps one
 * most-recently-used scaled font for the whole process, holding a
 * reference: when any thread creates a font, cairo drops the slot's
 * previous font, which may be another thread's own, and if that thread
 * has meanwhile dropped its reference and is taking the font again from
 * cairo's map, the same assertion aborts the process. Fonts of one's own
 * cannot prevent that (a reproducer with no font shared between threads
 * aborts in seconds with 12 threads, in about 100 s with 2; BENCH.md,
 * session 11); cairo's calls to these functions are bound inside the
 * library, so ecap cannot interpose them. So a run no longer typesets on
 * two threads of one process: each worker's PDFs are typeset in a process
 * of its own (typesetter.h), and with one job on the filing thread alone.
 * What is left typesetting on threads is the tests (test-pdf, and
 * test-render-queue's workers with no typesetting program), for which
 * these fonts still close the way that is closable.
 */
#ifndef ECAP_PDF_FONTS_H
#define ECAP_PDF_FONTS_H

/* Makes the calling thread's default Pango font map (the one pdf_letter.c
 * and librsvg draw with) give it fonts of its own; once a font map, before
 * it loads any font. Every typesetting entry point calls it first. */
void pdf_thread_fonts(void);

/* The variation the calling thread's fonts carry ("ecap=N"), or "" before
 * pdf_thread_fonts (tests). */
const char *pdf_thread_fonts_variation(void);
/* How many font patterns the calling thread's font map gave its variation
 * (tests: the fonts librsvg draws a certificate with are among them). */
unsigned pdf_thread_fonts_patterns(void);

#endif
