/* pdf_pages.h - a document's pages as what is drawn on them: lines of
 * laid-out text, rules, pages cairo drew (the seal, a certificate's ground)
 * and filled paths, in the order drawn. pdf_letter.c sets a letter into
 * them, pdf_certificate.c a certificate; then pdf_direct.c writes them as
 * PDF objects itself, or, for a letter it declines (pdf_direct.h),
 * pdf_cairo_pages.c draws them on a cairo PDF surface. */
#ifndef ECAP_PDF_PAGES_H
#define ECAP_PDF_PAGES_H

#include <stddef.h>
#include <pango/pango.h>
#include "pdf_embed.h"

enum pdf_mark_kind {
	PDF_MARK_LINE,		/* a line of text; bold runs are drawn twice */
	PDF_MARK_RULE,		/* a horizontal rule, stroked */
	PDF_MARK_FORM,		/* a page cairo drew alone, in a box: the seal */
	PDF_MARK_PATH		/* a filled path */
};

/* In points, from the page's top left corner, y downward. */
struct pdf_mark {
	enum pdf_mark_kind kind;
	double x, y;		/* a line's baseline's left end; a rule's left end; a form's top left */
	double length;		/* a rule's length; a form's width */
	double height;		/* a form's */
	double thickness;	/* a rule's */
	unsigned colour;	/* a line's or a path's, 0xRRGGBB: a letter's are all black (0) */
	int particular;		/* a line of what one document alone says (a name, a
				 * number), not of the wording its kind shares: see
				 * pdf_direct.h */
	PangoLayout *layout;	/* a line's layout, a reference: it keeps the line's text */
	PangoLayoutLine *line;	/* a reference */
	const struct pdf_embedded *form;	/* the page a form places, or NULL: the
						 * thread's (pdf_cairo_pages.c, pdf_certificate.c) */
	const char *path;	/* a path's PDF operators (m, l, h) in the page's points,
				 * y downward; the caller's, kept until the page is written */
	int even_odd;		/* a path filled by the even-odd rule, not the nonzero one */
};

struct pdf_page {
	struct pdf_mark *marks;
	size_t count, capacity;
};

/* Adds a mark to page (taking references to a line's layout and line;
 * `particular` as the mark's): 0, or -1 out of memory (page unchanged). */
int pdf_page_add_line(struct pdf_page *page, PangoLayout *layout, PangoLayoutLine *line,
		      double x, double y, int particular);
int pdf_page_add_rule(struct pdf_page *page, double x, double y, double length,
		      double thickness);
int pdf_page_add_form(struct pdf_page *page, double x, double y, double width, double height,
		      const struct pdf_embedded *form);
int pdf_page_add_path(struct pdf_page *page, const char *path, int even_odd, unsigned colour);

/* Lets go of the page's marks and their references. */
void pdf_page_clear(struct pdf_page *page);

/* Bold without a bold font: a bold run is set in the regular face and drawn
 * twice, the second time a 24th of the size to the right, what FreeType's
 * emboldening widens a stroke (pdf_letter.c, mark_bold, says why). Bold
 * runs carry the foreground colour PDF_BOLD_MARK, which is never painted. */
#define PDF_BOLD_MARK 0x0101

/* How a line is drawn, whatever draws it: draw(run, x, again, data) for each
 * run of line in turn, x where its baseline begins (the line's from x on);
 * a bold run a second time, `again` set, further right. */
typedef void pdf_run_drawer(PangoGlyphItem *run, double x, int again, void *data);
void pdf_line_draw(PangoLayoutLine *line, double x, pdf_run_drawer *draw, void *data);

#endif
