/* pdf.c - certificates (SVG) as PDF: written by ecap (pdf_certificate.c), or
 * drawn whole by librsvg on a cairo surface that writes into memory; see
 * pdf.h. Letters: pdf_letter.c. */
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include "pdf.h"
#include "pdf_certificate.h"
#include "pdf_direct.h"
#include "pdf_fonts.h"
#include "pdf_fixed.h"
#include "pdf_surface.h"

/* The bounding box of what a fill would cover, as cairo_fill_extents(3)
 * gives it, here from the path's own extents (cairo_path_extents: the box
 * of its segments, curves bounded exactly).
 *
 * Why ecap defines a cairo function: librsvg 2.54 asks cairo for the fill
 * extents of every text span it draws (the outlines of every glyph, laid out
 * as a path) to know the element's bounding box, and cairo 1.16 answers by
 * tessellating the whole outline into trapezoids: about a third of the time
 * of a certificate's PDF, for a box the certificate never uses (its texts
 * have no clip, mask, filter or gradient sized by their box). The box of the
 * path is the same box for every outline that encloses an area, which is
 * all a glyph or an SVG shape filled by ecap's stylesheets is; it is never
 * smaller, so nothing drawn inside a box librsvg computes from it is cut.
 * The executable's definition comes before libcairo's for every caller in
 * the process (ELF symbol interposition); ecap itself never calls it.
 * Measured: the certificate's PDF byte for byte the same, 28% less time
 * (BENCH.md, "The certificate's text"). */
void cairo_fill_extents(cairo_t *cr, double *x1, double *y1, double *x2, double *y2)
{
	cairo_path_extents(cr, x1, y1, x2, y2);
}

/* A certificate's SVG (xslt/certificate-svg.xsl) is drawn in two parts.
 * Its fixed texts, the same on every certificate of a society (titles,
 * labels, the society's names, the fixed wording), are the root's last
 * child, <g id="fixed">: they are drawn once a thread into a cairo
 * recording (pdf_fixed.c), kept under the very bytes they depend on (the
 * root's start tag, with the properties they inherit, and the group
 * itself), and replayed onto each page over the rest, which librsvg draws
 * anew for each certificate from the same SVG without that group: the
 * frame, the rules and the seal, the holder's particulars. The group comes
 * last so that its texts are drawn last, in the SVG too; nothing drawn
 * before them overlaps them. It is taken apart only when nothing outside
 * it can change how it is drawn and nothing outside refers into it: no
 * style sheet, no reference from it to another element, no id in it. A
 * recording replayed draws the same PDF as the one just made, so which
 * certificate a thread drew first makes no difference; and the strokes,
 * which PDF viewers draw differently inside the form a replayed recording
 * becomes, are never in it. Any other SVG is drawn whole. */
static const char fixed_open[] = "<g id=\"fixed\">";

#define LENGTH(literal) (sizeof(literal) - 1)

static int has(const char *text, size_t size, const char *literal)
{
	return memmem(text, size, literal, strlen(literal)) != NULL;
}

/* Whether text[0..size) is white space only. */
static int blank(const char *text, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (!strchr(" \t\r\n", text[i]))
			return 0;
	return 1;
}

/* The length of svg's prolog and root start tag (the XML declaration, if
 * any, then the root, up to the next '<', which no attribute value may
 * hold); 0 if something else comes first. */
static size_t root_length(const char *svg, size_t size)
{
	const char *at = svg, *end = svg + size, *next;

	if (size > 5 && memcmp(at, "<?xml", 5) == 0) {
		at = memmem(at, size, "?>", 2);
		if (!at)
			return 0;
		at += 2;
	}
	while (at < end && strchr(" \t\r\n", *at))
		at++;
	if ((size_t)(end - at) < 4 || memcmp(at, "<svg", 4) != 0)
		return 0;
	next = memchr(at + 1, '<', (size_t)(end - at - 1));
	return next ? (size_t)(next - svg) : 0;
}

/* Splits svg into the key of its fixed texts and the offset of their
 * group; 0 if it is not a certificate drawn in two parts. */
static int svg_parts(const char *svg, size_t size, struct pdf_fixed_key *key, size_t *fixed_at)
{
	size_t root = root_length(svg, size);
	const char *fixed = memmem(svg, size, fixed_open, LENGTH(fixed_open));
	const char *end = svg + size, *close, *tail;

	if (!root || !fixed || fixed < svg + root || has(svg, size, "<style"))
		return 0;
	/* the root's last child (only its end tag follows), with no group
	 * inside it, referring to no other element, naming none of its own */
	close = memmem(fixed, (size_t)(end - fixed), "</g>", 4);
	if (!close)
		return 0;
	tail = memmem(close, (size_t)(end - close), "</svg>", 6);
	if (!tail || !blank(close + 4, (size_t)(tail - close - 4)) ||
	    !blank(tail + 6, (size_t)(end - tail - 6)) ||
	    has(fixed, (size_t)(close - fixed), "url(") || has(fixed, (size_t)(close - fixed), "href") ||
	    has(fixed + LENGTH(fixed_open), (size_t)(close - fixed) - LENGTH(fixed_open), "id="))
		return 0;
	*fixed_at = (size_t)(fixed - svg);
	key->piece[0] = svg;
	key->size[0] = root;
	key->piece[1] = fixed;
	key->size[1] = (size_t)(end - fixed);
	return 1;
}

/* The recording of svg's fixed group on an A4 landscape page, the one the
 * thread keeps under key if any; a new reference, or NULL (err set). */
static cairo_surface_t *fixed_recording(const char *svg, size_t size,
					const struct pdf_fixed_key *key, struct error *err)
{
	RsvgRectangle page = { 0, 0, A4_LONG_SIDE, A4_SHORT_SIDE };
	cairo_surface_t *recording = pdf_fixed_find(key);
	RsvgHandle *handle = NULL;
	GError *failure = NULL;
	cairo_t *cr = NULL;

	if (recording)
		return recording;
	handle = rsvg_handle_new_from_data((const guint8 *)svg, size, &failure);
	if (!handle) {
		error_set(err, "unable to load the SVG: %s",
			  failure ? failure->message : "unknown error");
		goto out;
	}
	recording = pdf_fixed_recording(A4_LONG_SIDE, A4_SHORT_SIDE);
	cr = cairo_create(recording);
	if (!rsvg_handle_render_layer(handle, cr, "#fixed", &page, &failure) ||
	    cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		error_set(err, "unable to draw the SVG: %s",
			  failure ? failure->message : cairo_status_to_string(cairo_status(cr)));
		cairo_surface_destroy(recording);
		recording = NULL;
		goto out;
	}
	/* not kept (no memory): drawn again next time */
	pdf_fixed_keep(key, recording);
out:
	if (cr)
		cairo_destroy(cr);
	if (handle)
		g_object_unref(handle);
	if (failure)
		g_error_free(failure);
	return recording;
}

/* svg without its group of fixed texts (g_free): what comes before the
 * group, then the root's end tag. The group is left out, not hidden, so
 * that librsvg does not parse its texts for every certificate only to skip
 * them (1.8 M instructions of a certificate's 54 M); nothing else can
 * refer to it, as it holds no id (svg_parts). */
static char *rest_svg(const char *svg, size_t fixed_at, size_t *rest_size)
{
	static const char end[] = "</svg>\n";
	char *rest;

	*rest_size = fixed_at + LENGTH(end);
	rest = g_malloc(*rest_size);
	memcpy(rest, svg, fixed_at);
	memcpy(rest + fixed_at, end, LENGTH(end));
	return rest;
}

int pdf_from_svg(const char *svg, size_t size, const char *title, const char *date,
		 unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	RsvgRectangle page = { 0, 0, A4_LONG_SIDE, A4_SHORT_SIDE };
	struct pdf_fixed_key key;
	size_t fixed_at = 0, drawn_size = size;
	char *rest = NULL;
	const char *drawn = svg;
	RsvgHandle *handle = NULL;
	GError *failure = NULL;
	cairo_surface_t *surface = NULL, *recording = NULL;
	cairo_t *cr = NULL;
	int result = -1;

	pdf_thread_fonts();	/* before any font is loaded: pdf_fonts.h */

	*pdf = NULL;
	*pdf_size = 0;
	result = pdf_certificate_write(svg, size, A4_LONG_SIDE, A4_SHORT_SIDE, title, date, pdf,
				       pdf_size, err);
	if (result != PDF_DIRECT_DECLINED)
		goto out;
	result = -1;
	if (svg_parts(svg, size, &key, &fixed_at)) {
		recording = fixed_recording(svg, size, &key, err);
		if (!recording)
			goto out;
		drawn = rest = rest_svg(svg, fixed_at, &drawn_size);
	}
	/* from memory and with no base URI: librsvg then refuses every
	 * reference to a file or URL, so the SVG cannot read anything */
	handle = rsvg_handle_new_from_data((const guint8 *)drawn, drawn_size, &failure);
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
	if (recording) {
		cairo_set_source_surface(cr, recording, 0, 0);
		cairo_paint(cr);
	}
	cairo_show_page(cr);
	result = pdf_surface_close(cr, surface, &buffer, pdf, pdf_size, err);
out:
	if (cr)
		cairo_destroy(cr);
	if (surface)
		cairo_surface_destroy(surface);
	if (recording)
		cairo_surface_destroy(recording);
	if (handle)
		g_object_unref(handle);
	if (failure)
		g_error_free(failure);
	g_free(rest);
	free(buffer.data);
	return result;
}
