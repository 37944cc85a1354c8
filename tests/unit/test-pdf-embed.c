/* test-pdf-embed.c - the one page of a PDF that cairo made, taken into
 * another PDF as a form (pipeline/render/pdf_embed.c): its objects
 * renumbered into the numbers given, none referring outside them; what is
 * not one page as cairo writes it refused, truncated or damaged anywhere
 * without a crash (check-asan runs this too).
 */
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>
#include "pdf_embed.h"
#include "pdf_surface.h"
#include "tap.h"

/* A PDF of `pages` pages 100 x 80 points, a red ring and a gradient on each,
 * as cairo writes it. */
static unsigned char *cairo_pdf(int pages, size_t *size)
{
	struct pdf_buffer buffer = { NULL, 0, 0 };
	struct error err = { "" };
	cairo_surface_t *surface = pdf_surface_open(&buffer, 100, 80, "seal", "2026-12-05", &err);
	cairo_t *cr = cairo_create(surface);
	unsigned char *pdf = NULL;

	for (int i = 0; i < pages; i++) {
		cairo_pattern_t *gradient = cairo_pattern_create_radial(50, 40, 0, 50, 40, 40);

		cairo_pattern_add_color_stop_rgb(gradient, 0, 0.8, 0, 0);
		cairo_pattern_add_color_stop_rgb(gradient, 1, 1, 0.5, 0.5);
		cairo_set_source(cr, gradient);
		cairo_arc(cr, 50, 40, 35, 0, 6.283);
		cairo_set_line_width(cr, 4);
		cairo_stroke(cr);
		cairo_pattern_destroy(gradient);
		cairo_show_page(cr);
	}
	if (pdf_surface_close(cr, surface, &buffer, &pdf, size, &err) < 0)
		*size = 0;
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	free(buffer.data);
	return pdf;
}

/* Whether every "N 0 R" in text names a number in [first, first + count). */
static int references_within(const char *text, int first, int count)
{
	for (const char *p = text; (p = strstr(p, " 0 R")); p++) {
		const char *digits = p;

		while (digits > text && digits[-1] >= '0' && digits[-1] <= '9')
			digits--;
		if (digits == p)
			return 0;
		if (atoi(digits) < first || atoi(digits) >= first + count)
			return 0;
	}
	return 1;
}

static void test_page_taken(void)
{
	size_t size = 0;
	unsigned char *pdf = cairo_pdf(1, &size);
	struct pdf_embedded *page = pdf ? pdf_embedded_read(pdf, size) : NULL;
	GString *objects = g_string_new(NULL);
	int count;

	ok(page != NULL, "a page cairo drew is taken");
	if (!page)
		goto out;
	count = pdf_embedded_count(page);
	ok(pdf_embedded_width(page) == 100 && pdf_embedded_height(page) == 80,
	   "  its size is its MediaBox's");
	pdf_embedded_object(page, 0, 50, objects);
	ok(strstr(objects->str, "/Type /XObject /Subtype /Form /BBox [0 0 100 80]") &&
	   strstr(objects->str, "/Filter /FlateDecode") && strstr(objects->str, "/Group") &&
	   strstr(objects->str, "\nendstream\nendobj\n"),
	   "  the first object is the form, with the page's group, its stream deflated");
	ok(!strstr(objects->str, "/Length 5 0 R") && strstr(objects->str, "/Length "),
	   "  its length given directly");
	for (int i = 1; i < count; i++)
		pdf_embedded_object(page, i, 50, objects);
	printf("# %d objects\n", count);
	ok(count >= 3 && strstr(objects->str, "/PatternType") &&
	   !strstr(objects->str, "/Type /Page") && !strstr(objects->str, "/Catalog") &&
	   !strstr(objects->str, "/Producer"),
	   "  then what it draws with, not the catalog, page tree, page or information");
	ok(references_within(objects->str, 50, count),
	   "  every reference renumbered among the objects given");
out:
	g_string_free(objects, TRUE);
	pdf_embedded_free(page);
	free(pdf);
}

static void test_refused(void)
{
	size_t size = 0;
	unsigned char *two = cairo_pdf(2, &size);
	static const char garbage[] = "%PDF-1.5\nnot a PDF at all\nstartxref\n9\n%%EOF\n";

	ok(two && !pdf_embedded_read(two, size), "a document of two pages is refused");
	ok(!pdf_embedded_read((const unsigned char *)garbage, strlen(garbage)),
	   "what only begins like a PDF is refused");
	ok(!pdf_embedded_read((const unsigned char *)"", 0), "and nothing at all");
	free(two);
}

static void test_damaged(void)
{
	size_t size = 0;
	unsigned char *pdf = cairo_pdf(1, &size), *copy = malloc(size ? size : 1);
	int taken = 0, refused = 0;

	if (!pdf || !copy) {
		ok(0, "a PDF to damage");
		goto out;
	}
	/* each in a buffer of its own length: ASan sees a read past its end */
	for (size_t length = 0; length < size; length++) {
		unsigned char *truncated = malloc(length ? length : 1);
		struct pdf_embedded *page;

		memcpy(truncated, pdf, length);
		page = pdf_embedded_read(truncated, length);
		refused += page == NULL;
		if (page && memmem(pdf + length, size - length, "trailer", 7))
			refused = -(int)size;	/* only the end after the trailer may go */
		pdf_embedded_free(page);
		free(truncated);
	}
	printf("# %d of %zu truncations refused\n", refused, size);
	ok(refused > (int)size - 40, "every truncation of it is refused, but of its last line or two");
	srand(7);
	for (int trial = 0; trial < 3000; trial++) {
		struct pdf_embedded *page;

		memcpy(copy, pdf, size);
		for (int k = 0; k < 1 + trial % 4; k++)
			copy[(size_t)rand() % size] = (unsigned char)"0 R<>[]()/%\n9x"[rand() % 14];
		if ((page = pdf_embedded_read(copy, size))) {
			GString *objects = g_string_new(NULL);

			for (int i = 0; i < pdf_embedded_count(page); i++)
				pdf_embedded_object(page, i, 10, objects);
			taken++;
			g_string_free(objects, TRUE);
		}
		pdf_embedded_free(page);
	}
	printf("# %d of 3,000 damaged copies taken\n", taken);
	ok(1, "3,000 copies damaged in places read without a crash");
out:
	free(copy);
	free(pdf);
}

int main(void)
{
	test_page_taken();
	test_refused();
	test_damaged();
	return tap_done();
}
