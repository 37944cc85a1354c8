/* test-pdf.c - letters and certificates as PDF (pipeline/pdf.c).
 *
 * Checks the PDFs from outside with poppler-utils (pdfinfo, pdffonts,
 * pdftotext, pdftoppm): page counts and sizes, the embedded CJK font, the
 * metadata, and - by rasterizing - that CJK glyphs are really drawn, that
 * nothing runs into the right margin, and that an SVG cannot pull in a file.
 * Run from the top of the repository (tests/run.sh does).
 */
#include <cairo.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pdf.h"
#include "tap.h"

#define A4_SHORT 595
#define A4_LONG 842
#define MARGIN 62		/* 22 mm in points */

static char scratch[] = "/tmp/test-pdf-XXXXXX";

/* Writes the PDF to scratch/name and returns that path (static storage). */
static const char *save(const unsigned char *pdf, size_t size, const char *name)
{
	static char path[256];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	file = fopen(path, "wb");
	if (!file)
		return path;
	fwrite(pdf, 1, size, file);
	fclose(file);
	return path;
}

/* The output of a shell command (at most capacity - 1 bytes). */
static char *run(const char *command, char *out, size_t capacity)
{
	FILE *pipe = popen(command, "r");
	size_t length = 0;

	out[0] = '\0';
	if (!pipe)
		return out;
	length = fread(out, 1, capacity - 1, pipe);
	out[length] = '\0';
	pclose(pipe);
	return out;
}

/* The value of "Field:" in pdfinfo's report on path, or "" . */
static const char *pdfinfo_field(const char *path, const char *field)
{
	static char value[256];
	char command[512], report[8192];
	const char *line;

	value[0] = '\0';
	snprintf(command, sizeof(command), "pdfinfo '%s' 2>&1", path);
	run(command, report, sizeof(report));
	for (line = report; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		size_t length = strlen(field);

		if (strncmp(line, field, length) == 0 && line[length] == ':') {
			line += length + 1;
			line += strspn(line, " ");
			snprintf(value, sizeof(value), "%.*s", (int)strcspn(line, "\n"), line);
			break;
		}
	}
	return value;
}

static int page_count(const char *path)
{
	return atoi(pdfinfo_field(path, "Pages"));
}

/* How many pixels darker than mid-grey pdftoppm paints in the given box of
 * one page (points, at 72 dpi); -1 when the raster cannot be read. */
static long dark_pixels(const char *path, int page, int x, int y, int width, int height)
{
	char command[512];
	FILE *pipe;
	int columns, rows, maximum, c;
	long dark = 0, i;

	snprintf(command, sizeof(command),
		 "pdftoppm -gray -r 72 -f %d -l %d -x %d -y %d -W %d -H %d '%s'",
		 page, page, x, y, width, height, path);
	pipe = popen(command, "r");
	if (!pipe)
		return -1;
	if (fscanf(pipe, "P5 %d %d %d", &columns, &rows, &maximum) != 3 || fgetc(pipe) == EOF) {
		pclose(pipe);
		return -1;
	}
	for (i = 0; i < (long)columns * rows && (c = fgetc(pipe)) != EOF; i++)
		if (c < maximum / 2)
			dark++;
	pclose(pipe);
	return dark;
}

/* A text of lines "L001 ..." to "L<count> ...", each 47 columns wide. */
static char *numbered_lines(int count)
{
	static const char body[] = " 工程能力评价申请材料审查意见，请核对后补正";
	size_t line_size = 5 + sizeof(body);
	char *text = malloc(line_size * count + 1), *end = text;

	for (int i = 1; i <= count; i++)
		end += sprintf(end, "L%03d%s\n", i, body);
	*end = '\0';
	return text;
}

/* The last "Lnnn" on one page of path, 0 if none. */
static int last_line_on_page(const char *path, int page)
{
	char command[512], text[32768];
	const char *found;
	int last = 0, number;

	snprintf(command, sizeof(command), "pdftotext -f %d -l %d '%s' - 2>/dev/null", page, page, path);
	run(command, text, sizeof(text));
	for (found = strchr(text, 'L'); found; found = strchr(found + 1, 'L'))
		if (sscanf(found, "L%3d", &number) == 1 && number > last)
			last = number;
	return last;
}

static const char short_letter[] =
	"                            中国电机工程学会\n"
	"========================================================================\n"
	"\n"
	"                              受理通知\n"
	"                                               通知编号：A2026-000001-01\n"
	"\n"
	"尊敬的王建国：\n"
	"\n"
	"    您于2026年11月24日提交的工程能力评价申请（申请编号：A2026-000001）已\n"
	"受理。如对本通知有疑问，请与中国电机工程学会联系。\n"
	"\n"
	"    特此通知。\n"
	"\n"
	"                                                    中国电机工程学会\n"
	"                                                     2026年11月24日\n";

static void test_short_letter(void)
{
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };
	char fonts[4096], text[8192], command[512];
	const char *path;

	is_int(pdf_from_text(short_letter, strlen(short_letter), "受理通知 A2026-000001-01", NULL,
			     &pdf, &size, &err), 0, "a short letter becomes a PDF");
	if (!pdf) {
		printf("# %s\n", err.message);
		return;
	}
	ok(size > 4 && memcmp(pdf, "%PDF", 4) == 0, "the bytes are a PDF");
	path = save(pdf, size, "short.pdf");
	is_int(page_count(path), 1, "a short letter has one page");
	is_string(pdfinfo_field(path, "Page size"), "595 x 842 pts (A4)", "the page is A4 portrait");
	is_string(pdfinfo_field(path, "Title"), "受理通知 A2026-000001-01", "the title is set");
	is_string(pdfinfo_field(path, "Creator"), "ecap", "the creator is ecap");
	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path);
	run(command, fonts, sizeof(fonts));
	ok(strstr(fonts, "WenQuanYiZenHeiMono") && strstr(fonts, "CID TrueType") &&
	   strstr(fonts, " yes yes yes "), "a CJK font is embedded (as a subset, with ToUnicode)");
	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path);
	run(command, text, sizeof(text));
	ok(strstr(text, "如对本通知有疑问") != NULL, "the Chinese text can be extracted again");
	ok(strstr(text, "第 1 页 共 1 页") != NULL, "the page is numbered");
	free(pdf);
}

/* cairo 1.16's CFF subsetter left 如 blank with Noto Sans Mono CJK SC: the
 * glyphs must be drawn, not only be extractable as text. */
static void test_glyphs_are_drawn(void)
{
	static const char glyphs[] = "如如如如如如如如\n";
	static const char blank[] = "        \n";
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };
	long ink;

	pdf_from_text(glyphs, strlen(glyphs), NULL, NULL, &pdf, &size, &err);
	ink = pdf ? dark_pixels(save(pdf, size, "glyphs.pdf"), 1, MARGIN, MARGIN, 120, 20) : -1;
	ok(ink > 100, "如 is drawn with ink");
	printf("# %ld dark pixels\n", ink);
	free(pdf);
	pdf = NULL;
	pdf_from_text(blank, strlen(blank), NULL, NULL, &pdf, &size, &err);
	ink = pdf ? dark_pixels(save(pdf, size, "blank.pdf"), 1, MARGIN, MARGIN, 120, 20) : -1;
	is_int(ink, 0, "spaces leave the same box empty (the ink count can fail)");
	free(pdf);
}

/* The letter's lines fill the text width and never pass the right margin. */
static void test_no_overflow(void)
{
	char text[1024];
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };
	const char *path;

	memset(text, '=', 72);
	strcpy(text + 72, "\n");
	strcat(text, "这一行比版心宽得多：它有一百个字符宽，本不该出现，但也不能写到右边距里去。这一行比版心宽得多。\n");
	pdf_from_text(text, strlen(text), NULL, NULL, &pdf, &size, &err);
	if (!pdf) {
		ok(0, "an over-wide line is drawn");
		return;
	}
	path = save(pdf, size, "wide.pdf");
	ok(dark_pixels(path, 1, A4_SHORT - MARGIN - 8, MARGIN, 8, 40) > 0,
	   "72 columns reach the right margin");
	is_int(dark_pixels(path, 1, A4_SHORT - MARGIN + 2, 0, MARGIN - 2, A4_LONG), 0,
	       "nothing is drawn in the right margin");
	free(pdf);
}

static void test_pagination(void)
{
	char *text = numbered_lines(200);
	unsigned char *pdf = NULL;
	size_t size = 0, length;
	struct error err = { "" };
	const char *path;
	int per_page, pages;

	is_int(pdf_from_text(text, strlen(text), NULL, NULL, &pdf, &size, &err), 0, "a long letter");
	path = save(pdf, size, "long.pdf");
	per_page = last_line_on_page(path, 1);
	pages = page_count(path);
	ok(per_page >= 35 && per_page <= 50, "a page holds 35 to 50 lines");
	printf("# %d lines a page\n", per_page);
	if (per_page <= 0) {	/* the PDF could not be read back: nothing more to check */
		free(pdf);
		free(text);
		return;
	}
	is_int(pages, (200 + per_page - 1) / per_page, "as many pages as the lines need");
	is_int(last_line_on_page(path, 2), 2 * per_page, "page 2 goes on where page 1 stopped");
	is_int(last_line_on_page(path, pages), 200, "the last line is on the last page");
	free(pdf);
	pdf = NULL;

	/* exactly 3 pages' worth, and one line more */
	length = strlen(text) / 200 * (3 * per_page);
	pdf_from_text(text, length, NULL, NULL, &pdf, &size, &err);
	is_int(pdf ? page_count(save(pdf, size, "three.pdf")) : 0, 3, "3 pages of lines give 3 pages");
	free(pdf);
	pdf = NULL;
	length = strlen(text) / 200 * (3 * per_page + 1);
	pdf_from_text(text, length, NULL, NULL, &pdf, &size, &err);
	is_int(pdf ? page_count(save(pdf, size, "four.pdf")) : 0, 4, "one line more starts page 4");
	free(pdf);
	pdf = NULL;

	/* trailing blank lines do not make an empty page */
	length = strlen(text) / 200 * per_page;
	memcpy(text + length, "\n\n   \n\n", 7);
	pdf_from_text(text, length + 7, NULL, NULL, &pdf, &size, &err);
	is_int(pdf ? page_count(save(pdf, size, "trailing.pdf")) : 0, 1,
	       "a full page and blank lines is one page");
	free(pdf);
	free(text);
}

static void test_bad_text(void)
{
	unsigned char *pdf = (unsigned char *)"x";
	size_t size = 99;
	struct error err = { "" };

	is_int(pdf_from_text("abc\xff\xfe", 5, NULL, NULL, &pdf, &size, &err), -1, "invalid UTF-8 is refused");
	ok(pdf == NULL && size == 0, "and nothing is returned");
	ok(strstr(err.message, "UTF-8") != NULL, "the error says why");
	is_int(pdf_from_text("ab\0cd", 5, NULL, NULL, &pdf, &size, &err), -1, "a NUL byte is refused");
	is_int(pdf_from_text("abc", 3, "\xc3", NULL, &pdf, &size, &err), -1, "an invalid title is refused");
	is_int(pdf_from_text("", 0, NULL, NULL, &pdf, &size, &err), 0, "an empty text is a PDF");
	is_int(pdf ? page_count(save(pdf, size, "empty.pdf")) : 0, 1, "of one (numbered) page");
	free(pdf);
}

/* The certificate of tests/data, rendered into memory by $ECAP (the suite's
 * ecap: build-asan/ecap under `make check-asan`), else bin/ecap. */
static char *certificate_svg(size_t *size)
{
	const char *ecap = getenv("ECAP") ? getenv("ECAP") : "bin/ecap";
	char command[PATH_MAX + 128];
	size_t capacity = 1 << 20;
	char *svg = malloc(capacity);

	snprintf(command, sizeof(command),
		 "'%s' render certificate-svg.xsl tests/data/documents/certificate.xml 2>/dev/null",
		 ecap);
	run(command, svg, capacity);
	*size = strlen(svg);
	return svg;
}

static void test_certificate(void)
{
	size_t svg_size = 0, size = 0;
	char *svg = certificate_svg(&svg_size);
	unsigned char *pdf = NULL;
	struct error err = { "" };
	char fonts[4096], command[512];
	const char *path;

	ok(svg_size > 1000 && strstr(svg, "<svg"), "bin/ecap renders the certificate SVG");
	is_int(pdf_from_svg(svg, svg_size, "工程会员证书 CSEE-000124-1", NULL, &pdf, &size, &err), 0,
	       "the certificate becomes a PDF");
	if (!pdf) {
		printf("# %s\n", err.message);
		free(svg);
		return;
	}
	path = save(pdf, size, "certificate.pdf");
	is_int(page_count(path), 1, "the certificate has one page");
	is_string(pdfinfo_field(path, "Page size"), "842 x 595 pts (A4)", "of 842 x 595 pt");
	is_string(pdfinfo_field(path, "Title"), "工程会员证书 CSEE-000124-1", "its title is set");
	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path);
	run(command, fonts, sizeof(fonts));
	ok(strstr(fonts, "CJK") && strstr(fonts, " yes "), "a CJK font is embedded");
	ok(dark_pixels(path, 1, 0, 0, A4_LONG, A4_SHORT) > 1000, "the certificate is drawn");
	free(pdf);
	free(svg);
}

/* A black square as a PNG file; returns the same as a data: URI (g_free). */
static char *write_black_png(const char *path)
{
	cairo_surface_t *image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
	cairo_status_t status = cairo_surface_write_to_png(image, path);
	gchar *bytes = NULL, *base64, *uri;
	gsize size = 0;

	cairo_surface_destroy(image);
	if (status != CAIRO_STATUS_SUCCESS || !g_file_get_contents(path, &bytes, &size, NULL))
		return NULL;
	base64 = g_base64_encode((const guchar *)bytes, size);
	uri = g_strconcat("data:image/png;base64,", base64, NULL);
	g_free(base64);
	g_free(bytes);
	return uri;
}

static void test_svg_reads_no_files(void)
{
	char png[256], svg[2048], *data_uri;
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };
	long ink;

	snprintf(png, sizeof(png), "%s/black.png", scratch);
	data_uri = write_black_png(png);
	ok(data_uri != NULL, "a black PNG file is written");
	if (!data_uri)
		return;
	snprintf(svg, sizeof(svg),
		 "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
		 " width='297mm' height='210mm' viewBox='0 0 297 210'>"
		 "<image x='10' y='10' width='100' height='100' xlink:href='file://%s'/>"
		 "<image x='150' y='10' width='100' height='100' xlink:href='black.png'/>"
		 "</svg>", png);
	is_int(pdf_from_svg(svg, strlen(svg), NULL, NULL, &pdf, &size, &err), 0,
	       "an SVG that refers to files still renders");
	ink = pdf ? dark_pixels(save(pdf, size, "file.pdf"), 1, 0, 0, A4_LONG, A4_SHORT) : -1;
	is_int(ink, 0, "but the files are not read");
	free(pdf);
	pdf = NULL;
	snprintf(svg, sizeof(svg),
		 "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
		 " width='297mm' height='210mm' viewBox='0 0 297 210'>"
		 "<image x='10' y='10' width='100' height='100' xlink:href='%s'/></svg>", data_uri);
	pdf_from_svg(svg, strlen(svg), NULL, NULL, &pdf, &size, &err);
	ink = pdf ? dark_pixels(save(pdf, size, "data.pdf"), 1, 0, 0, A4_LONG, A4_SHORT) : -1;
	ok(ink > 1000, "while the same image inline is drawn (the check can fail)");
	free(pdf);
	g_free(data_uri);
}

static void test_bad_svg(void)
{
	static const char broken[] = "<svg xmlns='http://www.w3.org/2000/svg'><rect";
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };

	is_int(pdf_from_svg(broken, strlen(broken), NULL, NULL, &pdf, &size, &err), -1,
	       "malformed SVG is refused");
	ok(pdf == NULL && size == 0 && strstr(err.message, "SVG"), "with a message and no bytes");
	is_int(pdf_from_svg("", 0, NULL, NULL, &pdf, &size, &err), -1, "an empty SVG is refused");
}

static void remove_scratch(void)
{
	char command[512];

	snprintf(command, sizeof(command), "rm -rf '%s'", scratch);
	if (system(command) != 0)
		fprintf(stderr, "unable to remove %s\n", scratch);
}

int main(void)
{
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		return 1;
	}
	test_short_letter();
	test_glyphs_are_drawn();
	test_no_overflow();
	test_pagination();
	test_bad_text();
	test_certificate();
	test_svg_reads_no_files();
	test_bad_svg();
	remove_scratch();
	return tap_done();
}
