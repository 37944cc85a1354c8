/* pdf.c - certificates (SVG, librsvg) as PDF on a cairo surface that writes
 * into memory; see pdf.h. Letters: pdf_letter.c. */
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include "pdf.h"
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

/* A certificate's SVG (xslt/certificate-svg.xsl) is drawn in two parts:
 * its fixed part, the same on every certificate of a society, the first
 * child group of the root after the title and description, and its member
 * part, the holder's particulars, the group after it. The fixed part is
 * drawn once a thread into a cairo recording (pdf_fixed.c), kept under the
 * very bytes it depends on (everything before the member part but the
 * title's and description's text), and replayed onto each page; the member
 * part is then drawn over it by librsvg from the same SVG with the fixed
 * group hidden: everything outside the fixed group is drawn anew for each
 * certificate. A recording replayed draws the same PDF as the one just
 * made, so which certificate a thread drew first makes no difference.
 * Any other SVG is drawn whole. */
static const char fixed_open[] = "<g id=\"fixed\">";
static const char fixed_hidden[] = "<g id=\"fixed\" display=\"none\">";
static const char member_open[] = "<g id=\"member\">";

#define LENGTH(literal) (sizeof(literal) - 1)

/* Whether an element in text[0..size) could change how another is drawn:
 * a style sheet, or an id another element may refer to (an attribute is
 * preceded by white space; a text that looks like one only costs the
 * recording). */
static int affects_others(const char *text, size_t size)
{
	const char *end = text + size, *at;

	if (memmem(text, size, "<style", LENGTH("<style")))
		return 1;
	for (at = text; (at = memmem(at, (size_t)(end - at), "id=", LENGTH("id="))); at++)
		if (at > text && strchr(" \t\r\n", at[-1]))
			return 1;
	return 0;
}

/* Splits svg into the key of its fixed part and the offset of the fixed
 * group; 0 if it is not a certificate drawn in two parts. */
static int svg_parts(const char *svg, size_t size, struct pdf_fixed_key *key, size_t *fixed_at)
{
	const char *fixed = memmem(svg, size, fixed_open, LENGTH(fixed_open));
	const char *member = memmem(svg, size, member_open, LENGTH(member_open));
	const char *title, *desc, *rest;
	int marks = 0;

	if (!fixed || !member || member < fixed)
		return 0;
	rest = member + LENGTH(member_open);
	if (affects_others(rest, (size_t)(svg + size - rest)))
		return 0;
	*fixed_at = (size_t)(fixed - svg);
	key->piece[0] = svg;
	key->size[0] = (size_t)(member - svg);
	key->piece[1] = member;
	key->size[1] = 0;
	/* the title and description name the holder: left out of the key
	 * when they are all there is between the root and the fixed group,
	 * their text alone (four tags, no other element) */
	title = memmem(svg, *fixed_at, "<title>", LENGTH("<title>"));
	desc = memmem(svg, *fixed_at, "</desc>", LENGTH("</desc>"));
	if (!title || !desc || desc < title)
		return 1;
	desc += LENGTH("</desc>");
	for (const char *c = title; c < desc; c++)
		marks += *c == '<';
	if (marks != 4)
		return 1;
	key->size[0] = (size_t)(title - svg);
	key->piece[1] = desc;
	key->size[1] = (size_t)(member - desc);
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

/* svg with its fixed group hidden (g_free). */
static char *member_svg(const char *svg, size_t size, size_t fixed_at, size_t *member_size)
{
	size_t after = fixed_at + LENGTH(fixed_open);
	char *member;

	*member_size = size + LENGTH(fixed_hidden) - LENGTH(fixed_open);
	member = g_malloc(*member_size);
	memcpy(member, svg, fixed_at);
	memcpy(member + fixed_at, fixed_hidden, LENGTH(fixed_hidden));
	memcpy(member + fixed_at + LENGTH(fixed_hidden), svg + after, size - after);
	return member;
}

int pdf_from_svg(const char *svg, size_t size, const char *title, const char *date,
		 unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	RsvgRectangle page = { 0, 0, A4_LONG_SIDE, A4_SHORT_SIDE };
	struct pdf_fixed_key key;
	size_t fixed_at = 0, drawn_size = size;
	char *member = NULL;
	const char *drawn = svg;
	RsvgHandle *handle = NULL;
	GError *failure = NULL;
	cairo_surface_t *surface = NULL, *recording = NULL;
	cairo_t *cr = NULL;
	int result = -1;

	*pdf = NULL;
	*pdf_size = 0;
	if (svg_parts(svg, size, &key, &fixed_at)) {
		recording = fixed_recording(svg, size, &key, err);
		if (!recording)
			goto out;
		drawn = member = member_svg(svg, size, fixed_at, &drawn_size);
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
	if (recording) {
		cairo_set_source_surface(cr, recording, 0, 0);
		cairo_paint(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
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
	if (recording)
		cairo_surface_destroy(recording);
	if (handle)
		g_object_unref(handle);
	if (failure)
		g_error_free(failure);
	g_free(member);
	free(buffer.data);
	return result;
}
