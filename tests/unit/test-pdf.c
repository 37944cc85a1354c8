/* test-pdf.c - letters and certificates as PDF (pipeline/render/pdf_letter.c,
 * pipeline/render/pdf.c).
 *
 * Checks the PDFs from outside with poppler-utils (pdfinfo, pdffonts,
 * pdftotext, pdftoppm): page counts and sizes, the embedded CJK font, the
 * metadata, and - by rasterizing - that CJK glyphs are really drawn, that
 * nothing runs into the right margin, and that an SVG cannot pull in a file.
 * Run from the top of the repository (tests/run.sh does).
 */
#include <cairo.h>
#include <pango/pangocairo.h>
#include <glib.h>
#include <libxml/parser.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <libdeflate.h>
#include "pdf.h"
#include "pdf_surface.h"
#include "pdf_fixed.h"
#include "pdf_fonts.h"
#include "pdf_layouts.h"
#include "tap.h"

#define A4_SHORT 595
#define A4_LONG 842
#define MARGIN 56.69		/* 20 mm in points: the right margin (letter-css.xsl) */
#define LEFT 70.87		/* 25 mm: the left margin of a letter */

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

/* A letter document to `name` around body (l:paragraph and l:section
 * elements); the particulars and closing of a real letter, so that it is a
 * page's worth. */
static xmlDocPtr named_letter_document(const char *body, const char *name)
{
	static const char before[] =
		"<letter xmlns='urn:ecap:letter:1' kind='returned' application='A2026-000001'>"
		"<letterhead><society>中国电机工程学会</society>"
		"<society-en>Chinese Society for Electrical Engineering</society-en></letterhead>"
		"<title>退回补正通知</title>"
		"<reference label='通知编号'>A2026-000001-01</reference>"
		"<fields class='particulars'><field label='申请人' short='申 请 人'>";
	static const char between[] = "</field><field label='申请编号'>A2026-000001</field></fields>"
		"<salutation>尊敬的";
	static const char salutation_end[] = "：</salutation><body>";
	static const char after[] =
		"</body><closing><paragraph>如对本通知有疑问，请与中国电机工程学会联系。</paragraph>"
		"<paragraph>特此通知。</paragraph><regards>此致</regards><salute>敬礼！</salute>"
		"</closing><signature><name>中国电机工程学会</name><date>2026年11月24日</date>"
		"</signature></letter>";
	char *xml = g_strconcat(before, name, between, name, salutation_end, body, after, NULL);
	xmlDocPtr document = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, 0);

	g_free(xml);
	return document;
}

static xmlDocPtr letter_document(const char *body)
{
	return named_letter_document(body, "王建国");
}

/* The PDF of a letter with body, saved as scratch/name; NULL if none. */
static const char *letter_pdf(const char *body, const char *date, const char *name,
			      struct error *err)
{
	xmlDocPtr document = letter_document(body);
	unsigned char *pdf = NULL;
	size_t size = 0;
	const char *path = NULL;

	if (pdf_from_letter(document, "01-returned.pdf", date, &pdf, &size, err) == 0)
		path = save(pdf, size, name);
	free(pdf);
	xmlFreeDoc(document);
	return path;
}

/* text without its spaces (in place): pdftotext may or may not see the
 * spaces between CJK characters. */
static char *squeezed(char *text)
{
	char *to = text;

	for (const char *from = text; *from; from++)
		if (*from != ' ')
			*to++ = *from;
	*to = '\0';
	return text;
}

/* The box of the first word pdftotext -bbox finds that is exactly word, on
 * page 1; 0 when there is none. */
static int word_box(const char *path, const char *word, double box[4])
{
	char command[512], report[65536], pattern[256];
	const char *found, *start;

	snprintf(command, sizeof(command), "pdftotext -bbox -f 1 -l 1 '%s' - 2>/dev/null", path);
	run(command, report, sizeof(report));
	snprintf(pattern, sizeof(pattern), ">%s</word>", word);
	found = strstr(report, pattern);
	if (!found)
		return 0;
	for (start = found; start > report && strncmp(start, "<word ", 6) != 0; start--)
		;
	return sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
		      &box[0], &box[1], &box[2], &box[3]) == 4;
}

static const char short_body[] =
	"<paragraph>您于2026年11月24日提交的工程能力评价申请已收悉。</paragraph>"
	"<section><heading>一、需要补正的事项</heading>"
	"<list numbered='yes' class='reasons'><item><heading>佐证材料缺失</heading>"
	"<detail>申请表列出的佐证材料 evidence/degree.pdf 不在材料包中。</detail></item></list>"
	"<paragraph>请您在<deadline>2026年12月8日（含当日）</deadline>之前重新提交。</paragraph>"
	"</section>";

static void test_short_letter(void)
{
	struct error err = { "" };
	char fonts[4096], text[8192], command[512];
	const char *path = letter_pdf(short_body, NULL, "short.pdf", &err);

	ok(path != NULL, "a short letter document becomes a PDF");
	if (!path) {
		printf("# %s\n", err.message);
		return;
	}
	is_int(page_count(path), 1, "a short letter has one page");
	is_string(pdfinfo_field(path, "Page size"), "595 x 842 pts (A4)", "the page is A4 portrait");
	is_string(pdfinfo_field(path, "Title"), "01-returned.pdf", "the title is set");
	is_string(pdfinfo_field(path, "Creator"), "ecap", "the creator is ecap");
	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path);
	run(command, fonts, sizeof(fonts));
	ok(strstr(fonts, "WenQuanYiMicroHei ") && strstr(fonts, "CID TrueType") &&
	   strstr(fonts, " yes yes yes ") && !strstr(fonts, "ZenHei"),
	   "the proportional CJK TrueType font is embedded (as a subset, with ToUnicode)");
	ok(!strstr(fonts, "Noto") && !strstr(fonts, "Mono"),
	   "no Noto (CFF) font, nor the monospaced one, is used");
	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path);
	run(command, text, sizeof(text));
	ok(strstr(text, "如对本通知有疑问") && strstr(text, "佐证材料缺失") &&
	   strstr(text, "2026年12月8日（含当日）"), "the Chinese text can be extracted again");
	ok(strstr(squeezed(text), "第1页共1页") != NULL, "the page is numbered");
}

/* cairo 1.16's CFF subsetter left 如 blank with Noto Sans Mono CJK SC: the
 * glyphs must be drawn, not only be extractable as text. */
static void test_glyphs_are_drawn(void)
{
	struct error err = { "" };
	const char *path = letter_pdf("<paragraph>如如如如如如如如如如如如</paragraph>", NULL,
				      "glyphs.pdf", &err);
	long with = path ? dark_pixels(path, 1, 0, 0, A4_SHORT, A4_LONG) : -1, without;

	path = letter_pdf("<paragraph>。</paragraph>", NULL, "blank.pdf", &err);
	without = path ? dark_pixels(path, 1, 0, 0, A4_SHORT, A4_LONG) : -1;
	ok(with > 0 && without > 0 && with - without > 150, "如 is drawn with ink");
	printf("# %ld dark pixels with, %ld without\n", with, without);
	/* headings are emboldened: cairo embeds that face as a font of its own */
	path = letter_pdf("<section><heading>如如如如如如如如如如如如</heading>"
			  "<paragraph>。</paragraph></section>", NULL, "bold.pdf", &err);
	with = path ? dark_pixels(path, 1, 0, 0, A4_SHORT, A4_LONG) : -1;
	path = letter_pdf("<section><heading>。</heading><paragraph>。</paragraph></section>", NULL,
			  "no-bold.pdf", &err);
	without = path ? dark_pixels(path, 1, 0, 0, A4_SHORT, A4_LONG) : -1;
	ok(with > 0 && without > 0 && with - without > 150, "如 in a bold heading is drawn with ink");
	printf("# %ld dark pixels with, %ld without\n", with, without);
}

/* A character WenQuanYi Micro Hei lacks (䶮, CJK Extension A) is drawn by
 * Zen Hei, also TrueType, not by Noto's CFF (some 250 KB a letter). */
static void test_letter_fallback(void)
{
	struct error err = { "" };
	char fonts[4096], command[512], text[4096];
	const char *path = letter_pdf("<paragraph>申请人刘䶮</paragraph>", NULL, "fallback.pdf", &err);
	long with, without;

	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path ? path : "");
	run(command, fonts, sizeof(fonts));
	ok(path && strstr(fonts, "WenQuanYiMicroHei ") && strstr(fonts, "WenQuanYiZenHei ") &&
	   !strstr(fonts, "Noto"), "a character Micro Hei lacks is drawn in Zen Hei, not Noto");
	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path ? path : "");
	run(command, text, sizeof(text));
	ok(strstr(text, "申请人刘䶮") != NULL, "  and comes back out as text");
	with = path ? dark_pixels(path, 1, 0, 0, A4_SHORT, A4_LONG) : -1;
	path = letter_pdf("<paragraph>申请人刘</paragraph>", NULL, "no-fallback.pdf", &err);
	without = path ? dark_pixels(path, 1, 0, 0, A4_SHORT, A4_LONG) : -1;
	ok(with > 0 && without > 0 && with - without > 20, "  and leaves ink");
	printf("# %ld dark pixels with 䶮, %ld without\n", with, without);
}

/* A letter of 200 different characters, most of them also bold (headings,
 * strong): bold is drawn with the regular face's glyphs, so no font of its
 * own is embedded for it (with one, such a letter was 98 KB), and the
 * letter stays under 60 KB. */
static void test_letter_size(void)
{
	GString *body = g_string_new(NULL);
	struct error err = { "" };
	char fonts[4096], command[512], text[65536];
	gunichar c = 0x4e00;
	const char *path;
	struct stat status;

	for (int section = 0; section < 5; section++) {
		g_string_append(body, "<section><heading>");
		for (int i = 0; i < 8; i++, c += 37)
			g_string_append_unichar(body, c);
		g_string_append(body, "</heading><paragraph>");
		for (int i = 0; i < 32; i++, c += 37)
			g_string_append_unichar(body, c);
		g_string_append(body, "<strong>");
		c -= 37 * 24;
		for (int i = 0; i < 24; i++, c += 37)
			g_string_append_unichar(body, c);
		g_string_append(body, "</strong></paragraph></section>");
	}
	path = letter_pdf(body->str, NULL, "size.pdf", &err);
	ok(path && stat(path, &status) == 0 && status.st_size <= 60 * 1024,
	   "a letter of 200 characters, bold and not, is at most 60 KB");
	printf("# %ld bytes\n", path ? (long)status.st_size : -1L);
	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path ? path : "");
	run(command, fonts, sizeof(fonts));
	ok(!strstr(fonts, "CairoFont"), "no font of its own is embedded for bold text");
	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path ? path : "");
	run(command, text, sizeof(text));
	ok(strstr(squeezed(text), "\xe4\xb8\x80") != NULL && !strstr(text, "\xe4\xb8\x80\xe4\xb8\x80"),
	   "bold text is extracted once, not doubled");
	g_string_free(body, TRUE);
}

/* Title centred, headings larger than the text, the date set right, and a
 * word too long for a line broken rather than run into the margin. */
static void test_layout(void)
{
	struct error err = { "" };
	double title[4], heading[4], text[4], date[4];
	const char *path = letter_pdf(short_body, NULL, "layout.pdf", &err);

	if (!path || !word_box(path, "退回补正通知", title) ||
	    !word_box(path, "一、需要补正的事项", heading) ||
	    !word_box(path, "特此通知。", text) || !word_box(path, "2026年11月24日", date)) {
		ok(0, "the words of the letter are found on its page");
		return;
	}
	ok(fabs((title[0] + title[2]) / 2 - (LEFT + A4_SHORT - MARGIN) / 2) < 2,
	   "the title is centred between the margins");
	/* per character: a CJK glyph is as wide as the font is large (12 pt
	 * headings over 10.5 pt text) */
	ok((heading[2] - heading[0]) / 9 > 1.1 * (text[2] - text[0]) / 5,
	   "a heading is set larger than the text");
	ok(fabs(date[2] - (A4_SHORT - MARGIN)) < 3, "the date is set against the right margin");
	ok(title[1] < heading[1] && heading[1] < text[1] && text[1] < date[1],
	   "title, section, closing and date come in order down the page");

	path = letter_pdf("<paragraph>Element-'{urn:ecap:1}period'-attribute-'role'-"
			  "AVeryLongRoleNameThatGoesOnAndOnWithoutAnySpacesAtAllToForceAHardBreak"
			  "InTheMiddleOfTheWordAndThenSomeMoreOfItUntilItIsWiderThanTheLine</paragraph>",
			  NULL, "wide.pdf", &err);
	is_int(path ? dark_pixels(path, 1, A4_SHORT - MARGIN + 2, 0, MARGIN - 2, A4_LONG) : -1, 0,
	       "nothing is drawn in the right margin");
}

static void test_pagination(void)
{
	GString *body = g_string_new(NULL);
	struct error err = { "" };
	char text[65536], command[512], expected[64];
	const char *path;
	int pages;

	for (int i = 1; i <= 150; i++)
		g_string_append_printf(body, "<paragraph>P%03d 工程能力评价申请材料审查意见，请核对后补正。"
				       "申请人应当对照要求逐项说明。</paragraph>", i);
	path = letter_pdf(body->str, NULL, "long.pdf", &err);
	pages = path ? page_count(path) : 0;
	ok(pages >= 3, "a long letter runs on to more pages");
	printf("# %d pages\n", pages);
	snprintf(command, sizeof(command), "pdftotext -f %d -l %d '%s' - 2>/dev/null", pages, pages,
		 path ? path : "");
	run(command, text, sizeof(text));
	snprintf(expected, sizeof(expected), "第%d页共%d页", pages, pages);
	ok(strstr(squeezed(text), expected) && strstr(text, "2026年11月24日"),
	   "the last page is numbered and ends the letter");
	/* the last paragraph, or the closing's words that go with the
	 * signature, begin the last page: nothing of the text is lost */
	snprintf(command, sizeof(command), "pdftotext -f %d -l %d '%s' - 2>/dev/null", pages - 1,
		 pages, path ? path : "");
	run(command, text, sizeof(text));
	ok(strstr(text, "P150") && strstr(text, "特此通知"),
	   "the text's end and the closing are on the last two pages");
	snprintf(command, sizeof(command), "pdftotext -f 1 -l 1 '%s' - 2>/dev/null", path ? path : "");
	run(command, text, sizeof(text));
	snprintf(expected, sizeof(expected), "第1页共%d页", pages);
	ok(strstr(squeezed(text), expected) && strstr(text, "P001") && !strstr(text, "P150"),
	   "the first page is numbered and begins it");
	g_string_free(body, TRUE);
}

/* The run's date is the document's date: the same letter, the same bytes. */
static void test_same_bytes(void)
{
	xmlDocPtr document = letter_document(short_body);
	unsigned char *first = NULL, *second = NULL;
	size_t first_size = 0, second_size = 0;
	struct error err = { "" };

	pdf_from_letter(document, "x.pdf", "2026-12-05", &first, &first_size, &err);
	pdf_from_letter(document, "x.pdf", "2026-12-05", &second, &second_size, &err);
	ok(first && second && first_size == second_size && memcmp(first, second, first_size) == 0,
	   "a letter typeset twice with the run's date gives the same bytes");
	ok(first && strstr(pdfinfo_field(save(first, first_size, "dated.pdf"), "CreationDate"), "2026"),
	   "the creation date is the run's");
	free(first);
	free(second);
	xmlFreeDoc(document);
}

static char *word_boxes(const char *path, char *out, size_t capacity);

/* Whether every object the cross-reference table of pdf lists starts where
 * the table says ("N 0 obj"), and the table where startxref says. */
static int xref_points_at_objects(const unsigned char *pdf, size_t size)
{
	const char *text = (const char *)pdf, *at = NULL;
	long start = -1;
	int count = 0;

	for (size_t i = size > 64 ? size - 64 : 0; i + 9 < size; i++)
		if (memcmp(text + i, "startxref", 9) == 0)
			at = text + i;
	if (!at || sscanf(at, "startxref %ld", &start) != 1 || start < 0 || (size_t)start >= size ||
	    sscanf(text + start, "xref 0 %d", &count) != 1 || count < 2)
		return 0;
	at = strstr(text + start, " f \n");
	for (int n = 1; at && n < count; n++) {
		char expected[32];
		long offset;

		at += 4 + (n > 1 ? 16 : 0);
		if (sscanf(at, "%ld", &offset) != 1 || offset < 0 || (size_t)offset >= size)
			return 0;
		snprintf(expected, sizeof(expected), "%d 0 obj", n);
		if (strncmp(text + offset, expected, strlen(expected)) != 0)
			return 0;
	}
	return at != NULL;
}

/* The words pdftotext finds on page 1 of a and of b, up to the first that
 * differs, and at least 20 of them, are each at most `apart` points from the
 * other's place: both ends of their boxes, or (`across` 0) their left and
 * right ends only. */
static int words_in_place(const char *a, const char *b, double apart, int across)
{
	static char words[2][65536];
	const char *p[2];
	int count = 0;

	word_boxes(a, words[0], sizeof(words[0]));
	word_boxes(b, words[1], sizeof(words[1]));
	p[0] = words[0];
	p[1] = words[1];
	for (;;) {
		double box[2][4];
		char word[2][128];
		int read[2];

		for (int i = 0; i < 2; i++) {
			p[i] = strstr(p[i], "<word ");
			read[i] = p[i] ? sscanf(p[i], "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
						"yMax=\"%lf\">%127[^<]", &box[i][0], &box[i][1],
						&box[i][2], &box[i][3], word[i]) : 0;
			if (p[i])
				p[i]++;
		}
		if (read[0] != 5 || read[1] != 5 || strcmp(word[0], word[1]) != 0) {
			printf("# %d words compared\n", count);
			return count > 20;
		}
		for (int k = 0; k < 4; k++)
			if ((across || k % 2 == 0) && fabs(box[0][k] - box[1][k]) > apart) {
				printf("# %s: %.3f apart\n", word[0], fabs(box[0][k] - box[1][k]));
				return 0;
			}
		count++;
	}
}

static int same_words_in_place(const char *a, const char *b, double apart)
{
	return words_in_place(a, b, apart, 1);
}

/* Whether poppler reads, extracts and draws the PDF at path without a word
 * on its standard error (a syntax error or warning). */
static int poppler_reads_quietly(const char *path)
{
	char command[1024], report[4096];

	snprintf(command, sizeof(command),
		 "pdfinfo '%s' 2>&1 >/dev/null; pdftotext '%s' - 2>&1 >/dev/null; "
		 "pdftoppm -r 30 '%s' 2>&1 >/dev/null", path, path, path);
	return strcmp(run(command, report, sizeof(report)), "") == 0;
}

/* The letter document with body, its signature given attribute `name`
 * (if not NULL), and an appendix of one paragraph, `appendix` (if not
 * NULL), set last. */
static xmlDocPtr signed_letter(const char *body, const char *name, const char *value,
			       const char *appendix)
{
	xmlDocPtr document = letter_document(body);
	xmlNodePtr root = xmlDocGetRootElement(document);

	for (xmlNodePtr c = root->children; c && name; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "signature") == 0)
			xmlSetProp(c, (const xmlChar *)name, (const xmlChar *)value);
	if (appendix)
		xmlNewTextChild(xmlNewChild(root, root->ns, (const xmlChar *)"appendix", NULL),
				root->ns, (const xmlChar *)"paragraph", (const xmlChar *)appendix);
	return document;
}

/* The PDF of document saved as scratch/name, its path copied into path. */
static int typeset_saved(xmlDocPtr document, const char *name, char *path, size_t capacity,
			 unsigned char **pdf, size_t *size)
{
	struct error err = { "" };

	*pdf = NULL;
	if (pdf_from_letter(document, "x.pdf", "2026-12-05", pdf, size, &err) < 0) {
		printf("# %s\n", err.message);
		return -1;
	}
	snprintf(path, capacity, "%s", save(*pdf, *size, name));
	return 0;
}

/* A letter is written as PDF by ecap itself (pdf_direct.c), its seal placed
 * as cairo drew it alone (pdf_embed.c); a letter with what only cairo draws
 * (here text set right to left) is drawn with cairo, its words in the same
 * places. */
static void test_written_directly(void)
{
	static const char seal_svg[] =
		"<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>"
		"<defs><radialGradient id='g'><stop offset='0' stop-color='#c00'/></radialGradient>"
		"</defs><circle cx='50' cy='50' r='45' fill='none' stroke='url(#g)' "
		"stroke-width='6'/><text x='50' y='56' text-anchor='middle' font-size='12' "
		"fill='#c00'>学会印章</text></svg>";
	gchar *encoded = g_base64_encode((const guchar *)seal_svg, strlen(seal_svg));
	gchar *uri = g_strconcat("data:image/svg+xml;base64,", encoded, NULL);
	xmlDocPtr plain = signed_letter(short_body, NULL, NULL, NULL);
	xmlDocPtr sealed = signed_letter(short_body, "seal", uri, NULL);
	xmlDocPtr right_to_left = signed_letter(short_body, NULL, NULL, "申请人 محمد");
	unsigned char *pdf[3] = { NULL, NULL, NULL };
	size_t size[3] = { 0, 0, 0 };
	char path[3][256];
	long sealed_ink, plain_ink;

	if (typeset_saved(plain, "direct.pdf", path[0], sizeof(path[0]), &pdf[0], &size[0]) < 0 ||
	    typeset_saved(sealed, "sealed.pdf", path[1], sizeof(path[1]), &pdf[1], &size[1]) < 0 ||
	    typeset_saved(right_to_left, "drawn.pdf", path[2], sizeof(path[2]), &pdf[2],
			  &size[2]) < 0) {
		ok(0, "letters typeset for the PDF writer's checks");
		goto out;
	}
	ok(xref_points_at_objects(pdf[0], size[0]),
	   "a letter written directly: its cross-reference table points at each object");
	is_string(pdfinfo_field(path[0], "Producer"), "ecap", "  and ecap made it, not cairo");
	ok(poppler_reads_quietly(path[0]), "  poppler reads, extracts and draws it without a word");
	is_string(pdfinfo_field(path[1], "Producer"), "ecap", "a letter with the seal too");
	ok(xref_points_at_objects(pdf[1], size[1]) && poppler_reads_quietly(path[1]),
	   "  its objects found and read without a word");
	sealed_ink = dark_pixels(path[1], 1, 380, 0, 215, 842);
	plain_ink = dark_pixels(path[0], 1, 380, 0, 215, 842);
	printf("# %ld dark pixels on the right of the sealed letter, %ld of the other\n",
	       sealed_ink, plain_ink);
	ok(sealed_ink > plain_ink + 300, "  and its seal is drawn");
	ok(same_words_in_place(path[0], path[1], 0.01), "  without moving a word");
	ok(strstr(pdfinfo_field(path[2], "Producer"), "cairo") != NULL,
	   "a letter with text set right to left is drawn with cairo");
	ok(same_words_in_place(path[0], path[2], 0.3),
	   "  with the same words in the same places as the letter written directly");
out:
	for (int i = 0; i < 3; i++)
		free(pdf[i]);
	xmlFreeDoc(plain);
	xmlFreeDoc(sealed);
	xmlFreeDoc(right_to_left);
	g_free(uri);
	g_free(encoded);
}

/* The PDF of a letter with body dated 2026-12-05 (g_free it), its size in
 * *size; NULL if none. */
static unsigned char *dated_pdf(const char *body, size_t *size)
{
	xmlDocPtr document = letter_document(body);
	unsigned char *pdf = NULL;
	struct error err = { "" };

	*size = 0;
	pdf_from_letter(document, "x.pdf", "2026-12-05", &pdf, size, &err);
	xmlFreeDoc(document);
	return pdf;
}

struct in_thread {
	unsigned char *pdf;
	size_t size;
	unsigned once, twice;	/* layouts the thread kept */
};

/* short_body's PDF typeset first thing on a thread of its own, then again. */
static gpointer short_letter_in_thread(gpointer data)
{
	struct in_thread *result = data;
	size_t size = 0;
	unsigned char *again;

	result->pdf = dated_pdf(short_body, &result->size);
	result->once = pdf_layouts_count();
	again = dated_pdf(short_body, &size);
	result->twice = pdf_layouts_count();
	if (!again || size != result->size || memcmp(again, result->pdf, size) != 0)
		result->twice = 0;
	free(again);
	return NULL;
}

static int same_pdf(const unsigned char *a, size_t a_size, const unsigned char *b, size_t b_size)
{
	return a && b && a_size == b_size && memcmp(a, b, a_size) == 0;
}

/* A thread keeps the layouts of the letters it typesets (pdf_layouts.c)
 * the second time it makes them: a letter is then the same whatever the
 * thread typeset before, is laid out from them when typeset again, is laid
 * out anew with another font map, the text of one letter alone is not kept,
 * and the thread keeps a bounded number. */
static void test_kept_layouts(void)
{
	struct in_thread fresh = { NULL, 0, 0, 0 };
	GThread *thread = g_thread_new("letter", short_letter_in_thread, &fresh);
	GString *body = g_string_new(NULL);
	unsigned char *other, *again, *twice, *anew, *aged;
	size_t other_size, again_size, twice_size, anew_size, aged_size;
	unsigned before;

	g_thread_join(thread);
	ok(fresh.pdf && fresh.twice > fresh.once + 10,
	   "a thread keeps the layouts of a letter it typesets a second time, the same PDF");
	ok(fresh.once < 5, "but not those it made once");
	printf("# %u layouts kept after the first, %u after the second\n", fresh.once, fresh.twice);
	for (int i = 1; i <= 40; i++)
		g_string_append_printf(body, "<paragraph>P%03d 工程能力评价申请材料审查意见。</paragraph>", i);
	other = dated_pdf(body->str, &other_size);
	again = dated_pdf(short_body, &again_size);
	ok(other && same_pdf(fresh.pdf, fresh.size, again, again_size),
	   "a letter typeset after another is the one typeset first on a thread, byte for byte");
	before = pdf_layouts_count();
	for (int letter = 0; letter < 5; letter++) {
		g_string_truncate(body, 0);
		for (int i = 1; i <= 40; i++)
			g_string_append_printf(body, "<paragraph>申请人%c%03d的材料。</paragraph>",
					       'A' + letter, i);
		free(dated_pdf(body->str, &other_size));
	}
	printf("# %u layouts kept before five letters of 40 paragraphs each, %u after\n", before,
	       pdf_layouts_count());
	ok(pdf_layouts_count() < before + 10,
	   "the paragraphs of each letter alone are not kept, only the frame they share");
	/* Twice in a row: a key is remembered by its hash in a slot another
	 * key's can take (pdf_layouts.c), but not one of this letter's twice. */
	free(dated_pdf(short_body, &twice_size));
	free(dated_pdf(short_body, &twice_size));
	before = pdf_layouts_count();
	twice = dated_pdf(short_body, &twice_size);
	is_int(pdf_layouts_count(), before, "typeset again, it is laid out from the layouts kept");
	ok(same_pdf(fresh.pdf, fresh.size, twice, twice_size), "and is still the same PDF");
	pango_cairo_font_map_set_default(NULL);	/* the thread's font map is another */
	anew = dated_pdf(short_body, &anew_size);
	is_int(pdf_layouts_count(), fresh.once,
	       "with another font map, the layouts kept are dropped and the letter laid out anew");
	ok(same_pdf(fresh.pdf, fresh.size, anew, anew_size), "into the same PDF");
	g_string_truncate(body, 0);
	for (int i = 1; i <= 2500; i++)
		g_string_append_printf(body, "<paragraph>段落%04d。</paragraph>", i);
	free(dated_pdf(body->str, &other_size));
	free(dated_pdf(body->str, &other_size));
	ok(other_size > 0 && pdf_layouts_count() > 256 && pdf_layouts_count() <= 1024,
	   "a letter of 2,500 paragraphs typeset twice: the thread keeps no more than 1,024 layouts");
	printf("# %u layouts kept\n", pdf_layouts_count());
	/* What recurs by chance is let go once other letters have asked for
	 * 4,096 to 8,192 layouts without it (pdf_layouts.c's LAYOUTS_TURN),
	 * while what every letter has stays. */
	free(dated_pdf(short_body, &twice_size));
	before = pdf_layouts_count();
	g_string_truncate(body, 0);
	for (int i = 1; i <= 40; i++)
		g_string_append_printf(body, "<paragraph>偶然重复%03d。</paragraph>", i);
	free(dated_pdf(body->str, &other_size));
	free(dated_pdf(body->str, &other_size));
	ok(pdf_layouts_count() >= before + 40, "a letter's own text typeset twice is kept");
	for (int letter = 0; letter < 4; letter++) {
		g_string_truncate(body, 0);
		for (int i = 1; i <= 2500; i++)
			g_string_append_printf(body, "<paragraph>其他%d申请人%04d。</paragraph>", letter,
					       i);
		free(dated_pdf(body->str, &other_size));
		free(dated_pdf(short_body, &twice_size));
	}
	printf("# %u layouts kept before, %u after the text kept by chance and 10,000 other "
	       "paragraphs\n", before, pdf_layouts_count());
	ok(pdf_layouts_count() <= 64,
	   "  and let go after 10,000 other paragraphs (so are those of 2,500 paragraphs above)");
	before = pdf_layouts_count();
	aged = dated_pdf(short_body, &aged_size);
	printf("# %u layouts kept before it, %u after\n", before, pdf_layouts_count());
	ok(pdf_layouts_count() <= 64 && same_pdf(fresh.pdf, fresh.size, aged, aged_size),
	   "  that letter typeset again: the same PDF, and the thread keeps a few dozen layouts");
	free(aged);
	free(fresh.pdf);
	free(other);
	free(again);
	free(twice);
	free(anew);
	g_string_free(body, TRUE);
}

/* The font files (FontFile2 streams, deflated) of a PDF that pdf_direct.c
 * wrote, in the order of its objects: up to max, each where it begins in
 * pdf and its length; how many. */
static int font_files(const unsigned char *pdf, size_t size, const unsigned char **file,
		      size_t *length, int max)
{
	const char *text = (const char *)pdf;
	int n = 0;

	for (const char *at = memmem(text, size, "/FontFile2 ", 11); at && n < max;
	     at = memmem(at + 1, size - (size_t)(at + 1 - text), "/FontFile2 ", 11)) {
		char object[32];
		const char *found, *stream;
		int number = 0;

		if (sscanf(at, "/FontFile2 %d 0 R", &number) != 1)
			return n;
		snprintf(object, sizeof(object), "\n%d 0 obj\n", number);
		found = memmem(text, size, object, strlen(object));
		stream = found ? memmem(found, size - (size_t)(found - text), "stream\n", 7) : NULL;
		if (!found || !stream || sscanf(found + strlen(object), "<< /Length %zu", &length[n]) != 1)
			return n;
		file[n++] = (const unsigned char *)stream + 7;
	}
	return n;
}

/* The PDF of a letter to name with body, dated 2026-12-05; NULL if none. */
static unsigned char *named_pdf(const char *body, const char *name, size_t *size)
{
	xmlDocPtr document = named_letter_document(body, name);
	unsigned char *pdf = NULL;
	struct error err = { "" };

	*size = 0;
	pdf_from_letter(document, "x.pdf", "2026-12-05", &pdf, size, &err);
	xmlFreeDoc(document);
	return pdf;
}

static gpointer named_letter_in_thread(gpointer data)
{
	struct in_thread *result = data;

	result->pdf = named_pdf(short_body, "王建国", &result->size);
	return NULL;
}

/* Whether two letters listing other projects, in a list marked particular
 * or not, have the same wording's font file. */
static int projects_share_wording(int marked)
{
	static const char *const projects[] = { "济南云龙储能电站接入系统设计",
						"青岛港岸电改造工程调试" };
	const unsigned char *files[2][4];
	size_t lengths[2][4], size[2];
	unsigned char *pdf[2];
	int same;

	for (int i = 0; i < 2; i++) {
		char body[512];

		snprintf(body, sizeof(body),
			 "<paragraph>您填写的工程项目如下：</paragraph><list class='notes projects'%s>"
			 "<item>%s（本人角色：设计负责人）</item></list>",
			 marked ? " particular='yes'" : "", projects[i]);
		pdf[i] = named_pdf(body, "王建国", &size[i]);
	}
	same = pdf[0] && pdf[1] && font_files(pdf[0], size[0], files[0], lengths[0], 4) == 2 &&
	       font_files(pdf[1], size[1], files[1], lengths[1], 4) == 2 &&
	       lengths[0][0] == lengths[1][0] && memcmp(files[0][0], files[1][0], lengths[0][0]) == 0;
	free(pdf[0]);
	free(pdf[1]);
	return same;
}

/* A letter's glyphs are embedded as two fonts of the face (pdf_subsets.h):
 * the wording's, which the thread keeps made, and the one of the glyphs only
 * its particulars draw. Letters that differ in their particulars share the
 * wording's font file byte for byte; a letter is the same PDF on a fresh
 * thread and after others; glyphs of either font are drawn and read back. */
static void test_kept_subsets(void)
{
	struct in_thread fresh = { NULL, 0, 0, 0 };
	GThread *thread = g_thread_new("letter", named_letter_in_thread, &fresh);
	const unsigned char *files[2][4];
	size_t lengths[2][4], size[2], again_size, ink_size[2];
	unsigned char *pdf[2], *again, *ink[2];
	char command[512], text[8192], fonts[4096];
	const char *path;
	long dark[2];
	int n[2];

	g_thread_join(thread);
	pdf[0] = named_pdf(short_body, "王建国", &size[0]);
	pdf[1] = named_pdf(short_body, "欧阳鑫淼", &size[1]);
	n[0] = pdf[0] ? font_files(pdf[0], size[0], files[0], lengths[0], 4) : 0;
	n[1] = pdf[1] ? font_files(pdf[1], size[1], files[1], lengths[1], 4) : 0;
	is_int(n[0], 2, "a letter with particulars embeds its face as two fonts");
	ok(n[0] == 2 && n[1] == 2 && lengths[0][0] == lengths[1][0] &&
	   memcmp(files[0][0], files[1][0], lengths[0][0]) == 0,
	   "  two letters to other applicants have the same wording's font file, byte for byte");
	ok(n[0] == 2 && n[1] == 2 && lengths[0][1] < lengths[0][0] / 8 &&
	   (lengths[0][1] != lengths[1][1] || memcmp(files[0][1], files[1][1], lengths[0][1]) != 0),
	   "  and each a small font of its own particulars' glyphs");
	printf("# font files of %zu and %zu bytes, %zu of the other letter's particulars\n",
	       n[0] == 2 ? lengths[0][0] : 0, n[0] == 2 ? lengths[0][1] : 0,
	       n[1] == 2 ? lengths[1][1] : 0);
	path = pdf[1] ? save(pdf[1], size[1], "particulars.pdf") : NULL;
	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null; pdffonts '%s' 2>&1",
		 path ? path : "", path ? path : "");
	run(command, text, sizeof(text));
	squeezed(text);
	if (!strstr(text, "尊敬的欧阳鑫淼："))	/* the salutation */
		printf("# text read back:\n%s\n", text);
	ok(path && strstr(text, "尊敬的欧阳鑫淼：") && strstr(strstr(text, "欧阳鑫淼") + 1, "欧阳鑫淼") &&
	   strstr(text, "A2026-000001-01") && strstr(text, "2026年12月8日（含当日）"),
	   "  its text reads back, the particulars' and the wording's alike");
	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path ? path : "");
	run(command, fonts, sizeof(fonts));
	ok(poppler_reads_quietly(path ? path : "") && strstr(fonts, " yes yes yes "),
	   "  poppler reads it without a word; both fonts embedded subsets with ToUnicode");
	/* a glyph that only the particulars draw is drawn */
	ink[0] = named_pdf("<paragraph>。</paragraph>", "鑫鑫鑫鑫鑫鑫", &ink_size[0]);
	ink[1] = named_pdf("<paragraph>。</paragraph>", "一", &ink_size[1]);
	dark[0] = ink[0] ? dark_pixels(save(ink[0], ink_size[0], "ink.pdf"), 1, 0, 0, A4_SHORT,
				       A4_LONG) : -1;
	dark[1] = ink[1] ? dark_pixels(save(ink[1], ink_size[1], "no-ink.pdf"), 1, 0, 0, A4_SHORT,
				       A4_LONG) : -1;
	ok(dark[0] > 0 && dark[1] > 0 && dark[0] - dark[1] > 300,
	   "  a glyph only its particulars draw (鑫, twelve times) is drawn with ink");
	printf("# %ld dark pixels with, %ld without\n", dark[0], dark[1]);
	ok(projects_share_wording(1) && !projects_share_wording(0),
	   "  a list marked particular (the projects): other projects, the same wording's font "
	   "file; unmarked, another");
	/* more wordings than a thread keeps, then the first letter again */
	for (int i = 0; i < 40; i++) {
		char body[128];
		size_t other_size;

		snprintf(body, sizeof(body), "<paragraph>第%d种措辞：%s</paragraph>", i,
			 i % 2 ? "审查" : "面试");
		free(named_pdf(body, "王建国", &other_size));
	}
	again = named_pdf(short_body, "王建国", &again_size);
	ok(same_pdf(fresh.pdf, fresh.size, pdf[0], size[0]) &&
	   same_pdf(fresh.pdf, fresh.size, again, again_size),
	   "a letter is the same PDF on a fresh thread, after another, and after 40 other wordings");
	free(again);
	free(ink[0]);
	free(ink[1]);
	free(pdf[0]);
	free(pdf[1]);
	free(fresh.pdf);
}

static void test_bad_letter(void)
{
	xmlDocPtr other = xmlReadMemory("<dossier xmlns='urn:ecap:1'/>", 29, NULL, NULL, 0);
	xmlDocPtr letter = letter_document("");
	unsigned char *pdf = (unsigned char *)"x";
	size_t size = 99;
	struct error err = { "" };

	is_int(pdf_from_letter(other, NULL, NULL, &pdf, &size, &err), -1,
	       "a document that is not a letter is refused");
	ok(pdf == NULL && size == 0 && strstr(err.message, "letter"), "with a message and no bytes");
	is_int(pdf_from_letter(NULL, NULL, NULL, &pdf, &size, &err), -1, "no document is refused");
	is_int(pdf_from_letter(letter, "\xc3", NULL, &pdf, &size, &err), -1,
	       "an invalid title is refused");
	is_int(pdf_from_letter(letter, NULL, NULL, &pdf, &size, &err), 0, "an empty body is a letter");
	free(pdf);
	xmlFreeDoc(letter);
	xmlFreeDoc(other);
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

/* Whether a file whose path contains name is mapped into this process
 * (FreeType and HarfBuzz map the font files they open). */
static int maps_name(const char *name)
{
	FILE *maps = fopen("/proc/self/maps", "r");
	char line[4096];
	int found = 0;

	while (maps && !found && fgets(line, sizeof(line), maps))
		found = strstr(line, name) != NULL;
	if (maps)
		fclose(maps);
	return found;
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
	ok(strstr(fonts, "WenQuanYiMicroHei ") && strstr(fonts, "CID TrueType") &&
	   strstr(fonts, "LiberationSerif") && strstr(fonts, " yes yes yes ") &&
	   !strstr(fonts, "ZenHei"),
	   "the CJK and Latin TrueType fonts are embedded (as subsets, with ToUnicode)");
	ok(!strstr(fonts, "Noto"), "no Noto (CFF) font when every character is in WenQuanYi");
	ok(!maps_name("NotoSerifCJK"), "  nor is its 27 MB file opened (the SVG is zh-Hans: a zh-CN "
	   "run of bold digits made Pango open it)");
	ok(size <= 80 * 1024, "the certificate PDF is at most 80 KB");
	printf("# %zu bytes\n", size);
	ok(dark_pixels(path, 1, 0, 0, A4_LONG, A4_SHORT) > 1000, "the certificate is drawn");
	free(pdf);
	free(svg);
}

/* The certificate SVG with the holder's name replaced; g_free. */
static char *with_holder(const char *svg, const char *name)
{
	const char *marker = "class=\"holder\">";
	const char *start = strstr(svg, marker), *end;

	if (!start)
		return NULL;
	start += strlen(marker);
	end = strstr(start, "</text>");
	if (!end)
		return NULL;
	return g_strdup_printf("%.*s%s%s", (int)(start - svg), svg, name, end);
}

/* The ink (dark pixels) of the holder's line: 12 mm high at y = 85 mm,
 * centred at x = 148.5 mm. */
static long holder_ink(const char *path)
{
	return dark_pixels(path, 1, 300, 200, 242, 52);
}

/* Names as the register may hold them, with characters rare enough to be
 * missing from a font: each must come back out of the PDF as text (a
 * missing glyph is drawn as a box, which has no text) and each of their
 * characters must leave ink (cairo 1.16's CFF subsetter has left glyphs
 * blank that were still extractable). 䶮 is not in WenQuanYi Micro Hei:
 * Zen Hei draws it. 𠮷 and 𫗧 are in neither: they come from the last
 * fallback, Noto Serif CJK. */
static void test_certificate_names(void)
{
	static const char *const names[] = {
		"王喆", "李堃", "张赟", "陈玥", "禤海峰", "欧阳昇", "朱镕基", "司马翀",
		"刘䶮", "吉𠮷", "王彧頔", "买买提·艾力", "焱淼垚", "喻𫗧", "龚犇",
	};
	size_t svg_size = 0;
	char *svg = certificate_svg(&svg_size);
	int unreadable = 0, blank = 0, large = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *named = with_holder(svg, names[i]);
		unsigned char *pdf = NULL;
		size_t size = 0;
		struct error err = { "" };
		char text[16384], command[512];
		const char *path;

		if (!named || pdf_from_svg(named, strlen(named), NULL, NULL, &pdf, &size, &err) < 0) {
			printf("# %s: %s\n", names[i], named ? err.message : "no holder in the SVG");
			unreadable++;
			g_free(named);
			continue;
		}
		path = save(pdf, size, "named.pdf");
		snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path);
		run(command, text, sizeof(text));
		if (!strstr(squeezed(text), names[i])) {
			printf("# %s does not come back as text\n", names[i]);
			unreadable++;
		}
		if (size > 80 * 1024 && !strstr(names[i], "𠮷") && !strstr(names[i], "𫗧")) {
			printf("# %s: %zu bytes\n", names[i], size);
			large++;
		}
		free(pdf);
		g_free(named);
		/* every character alone, for its ink */
		for (const char *c = names[i]; *c; c = g_utf8_next_char(c)) {
			char one[8] = "";

			memcpy(one, c, g_utf8_next_char(c) - c);
			named = with_holder(svg, one);
			pdf = NULL;
			if (named && pdf_from_svg(named, strlen(named), NULL, NULL, &pdf, &size,
						  &err) == 0) {
				long ink = holder_ink(save(pdf, size, "one.pdf"));

				/* a bold character 12 mm high: hundreds of pixels at
				 * 72 dpi; the middle dot some 30 (none: about 10) */
				if (ink < (strcmp(one, "·") == 0 ? 20 : 60)) {
					printf("# %s of %s: %ld dark pixels\n", one, names[i], ink);
					blank++;
				}
			} else
				blank++;
			free(pdf);
			g_free(named);
		}
	}
	is_int(unreadable, 0, "every name comes back out of its certificate as text");
	is_int(blank, 0, "every character of every name leaves ink");
	is_int(large, 0, "names in WenQuanYi's characters keep the certificate at most 80 KB");
	free(svg);
}

/* svg with every `from` replaced by `to` (g_free). */
static char *replaced(const char *svg, const char *from, const char *to)
{
	gchar **pieces = g_strsplit(svg, from, -1);
	gchar *result = g_strjoinv(to, pieces);

	g_strfreev(pieces);
	return result;
}

/* How many pixels of two PDFs' first pages, rasterized by pdftoppm at 72
 * dpi in grey, differ by more than a quarter of the scale; -1 when either
 * cannot be read. */
static long pixels_apart(const char *a, const char *b)
{
	const char *paths[2] = { a, b };
	unsigned char *pixels[2] = { NULL, NULL };
	long count = -1, size[2] = { 0, 0 };

	for (int i = 0; i < 2; i++) {
		char command[512];
		FILE *pipe;
		int columns, rows, maximum;

		snprintf(command, sizeof(command), "pdftoppm -gray -r 72 -f 1 -l 1 '%s'", paths[i]);
		pipe = popen(command, "r");
		if (!pipe)
			goto out;
		if (fscanf(pipe, "P5 %d %d %d", &columns, &rows, &maximum) == 3 &&
		    fgetc(pipe) != EOF) {
			size[i] = (long)columns * rows;
			pixels[i] = malloc((size_t)size[i]);
			if (pixels[i] && fread(pixels[i], 1, (size_t)size[i], pipe) != (size_t)size[i])
				size[i] = 0;
		}
		pclose(pipe);
	}
	if (!pixels[0] || !pixels[1] || !size[0] || size[0] != size[1])
		goto out;
	count = 0;
	for (long i = 0; i < size[0]; i++)
		count += abs(pixels[0][i] - pixels[1][i]) > 64;
out:
	free(pixels[0]);
	free(pixels[1]);
	return count;
}

/* The words of a PDF and their boxes (pdftotext -bbox), into out. */
static char *word_boxes(const char *path, char *out, size_t capacity)
{
	char command[512];

	snprintf(command, sizeof(command), "pdftotext -bbox '%s' - 2>/dev/null | grep '<word'",
		 path);
	return run(command, out, capacity);
}

struct fixed_in_thread {
	const char *svg;
	unsigned char *pdf;
	size_t size;
};

/* A certificate drawn first thing on a thread of its own: its fixed part
 * recorded for it. */
static gpointer certificate_in_thread(gpointer data)
{
	struct fixed_in_thread *result = data;
	struct error err = { "" };

	if (pdf_from_svg(result->svg, strlen(result->svg), NULL, "2026-12-08", &result->pdf,
			 &result->size, &err) < 0)
		printf("# %s\n", err.message);
	return NULL;
}

/* The certificate SVG with an attribute on the holder's name that
 * pdf_certificate.c does not draw (librsvg's default, text-rendering="auto"):
 * librsvg then draws it whole, as before (g_free). */
static char *declined(const char *svg)
{
	return replaced(svg, "class=\"holder\">", "text-rendering=\"auto\" class=\"holder\">");
}

/* When librsvg draws a certificate whole (pdf_certificate.c declines it),
 * its fixed part (certificate-svg.xsl's <g id="fixed">) is recorded once a
 * thread and replayed (pdf_fixed.c): replayed for the next certificate, the
 * same bytes as a certificate drawn first on its thread; drawn anew when
 * the fixed part differs; and the same drawing as the SVG drawn whole. */
static void test_fixed_part(void)
{
	size_t size = 0, whole_size = 0, whole_svg_size = 0;
	char *whole_svg = certificate_svg(&whole_svg_size);
	char *svg = declined(whole_svg);
	size_t svg_size = strlen(svg);
	char *named = with_holder(whole_svg, "李明");
	char *other = declined(named);
	char *society = replaced(svg, "中国电机工程学会", "中国机械工程学会");
	char *whole = replaced(svg, "<g id=\"fixed\">", "<g id=\"fixed-whole\">");
	struct fixed_in_thread fresh = { svg, NULL, 0 };
	GThread *thread = g_thread_new("certificate", certificate_in_thread, &fresh);
	unsigned char *pdf = NULL, *whole_pdf = NULL;
	struct error err = { "" };
	static char boxes[2][65536];
	char text[16384], command[512], path[2][300];
	unsigned found;

	g_thread_join(thread);
	ok(svg_size > 1000 && other && strstr(svg, "<g id=\"fixed\">") &&
	   strstr(other, "text-rendering"), "the certificate SVG groups its fixed texts");
	if (pdf_from_svg(other, strlen(other), NULL, "2026-12-08", &pdf, &size, &err) < 0)
		printf("# %s\n", err.message);
	free(pdf);
	pdf = NULL;
	found = pdf_fixed_found();
	if (pdf_from_svg(svg, svg_size, NULL, "2026-12-08", &pdf, &size, &err) < 0)
		printf("# %s\n", err.message);
	is_int(pdf_fixed_found(), found + 1,
	       "the next certificate replays the fixed part recorded for the one before");
	ok(fresh.pdf && same_pdf(fresh.pdf, fresh.size, pdf, size),
	   "into the same PDF, byte for byte, as the certificate drawn first on a thread");
	snprintf(path[0], sizeof(path[0]), "%s", save(pdf, size, "replayed.pdf"));
	free(pdf);
	pdf = NULL;

	pango_cairo_font_map_set_default(NULL);	/* the thread's font map is another */
	found = pdf_fixed_found();
	if (pdf_from_svg(svg, svg_size, NULL, "2026-12-08", &pdf, &size, &err) < 0)
		printf("# %s\n", err.message);
	is_int(pdf_fixed_found(), found,
	       "with another font map, the recording kept is dropped and the fixed part drawn anew");
	ok(same_pdf(fresh.pdf, fresh.size, pdf, size), "into the same PDF");
	free(pdf);
	pdf = NULL;

	found = pdf_fixed_found();
	if (pdf_from_svg(society, strlen(society), NULL, "2026-12-08", &pdf, &size, &err) < 0)
		printf("# %s\n", err.message);
	is_int(pdf_fixed_found(), found, "a certificate of another society draws its fixed part anew");
	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null",
		 pdf ? save(pdf, size, "society.pdf") : "/nonexistent");
	run(command, text, sizeof(text));
	ok(strstr(squeezed(text), "中国机械工程学会") && !strstr(text, "中国电机工程学会"),
	   "with its own society's name");
	free(pdf);

	if (pdf_from_svg(whole, strlen(whole), NULL, "2026-12-08", &whole_pdf, &whole_size,
			 &err) < 0)
		printf("# %s\n", err.message);
	snprintf(path[1], sizeof(path[1]), "%s",
		 whole_pdf ? save(whole_pdf, whole_size, "whole.pdf") : "/nonexistent");
	word_boxes(path[0], boxes[0], sizeof(boxes[0]));
	word_boxes(path[1], boxes[1], sizeof(boxes[1]));
	ok(strlen(boxes[0]) > 1000 && strcmp(boxes[0], boxes[1]) == 0,
	   "replayed, the fixed part's words are text, the same words in the same places as "
	   "the SVG drawn whole");
	snprintf(command, sizeof(command), "pdffonts '%s' 2>&1", path[0]);
	run(command, text, sizeof(text));
	ok(strstr(text, "WenQuanYiMicroHei ") && strstr(text, "LiberationSerif ") &&
	   strstr(text, " yes yes yes ") && !strstr(text, " no "),
	   "in the same fonts, embedded as subsets");
	{
		long apart = pixels_apart(path[0], path[1]);

		printf("# %ld pixels apart at 72 dpi\n", apart);
		ok(apart >= 0 && apart < 200, "and the page looks the same as the SVG drawn whole");
	}
	free(whole_pdf);
	free(fresh.pdf);
	g_free(whole);
	g_free(society);
	g_free(other);
	g_free(named);
	g_free(svg);
	free(whole_svg);
}

/* The certificate svg as a PDF saved under name, or NULL (the error said). */
static const char *certificate_pdf(const char *svg, const char *name, unsigned char **pdf,
				   size_t *size)
{
	struct error err = { "" };

	*pdf = NULL;
	if (!svg || pdf_from_svg(svg, strlen(svg), "c", "2026-12-08", pdf, size, &err) < 0) {
		printf("# %s: %s\n", name, err.message);
		return NULL;
	}
	return save(*pdf, *size, name);
}

/* The text pdftotext finds in the PDF at path, without its spaces, into out. */
static char *pdf_text(const char *path, char *out, size_t capacity)
{
	char command[512];

	snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path ? path : "/none");
	return squeezed(run(command, out, capacity));
}

/* A certificate's PDF is written by ecap itself (pdf_certificate.c): the
 * ground drawn by librsvg once a thread and placed as a form, the holder's
 * particulars laid out as librsvg lays them out, the QR code as its path.
 * Against the same SVG drawn whole by librsvg: the same text in the same
 * order, every word in its place (within 0.3 pt: cairo 1.16 drops a glyph's
 * move under three thousandths of the size, so its Latin words drift),
 * bold made from WenQuanYi's regular face about as heavy; the same bytes
 * after another certificate; the ground drawn anew for another society. */
/* A certificate's holder's name, verification code and its address are
 * its particulars (pdf_certificate.c): the certificates of two holders
 * differ in the font file of their names' glyphs alone, the others the
 * same bytes, and each name reads back. */
static void test_certificate_particulars(void)
{
	static const char *const holders[] = { "王喆", "欧阳昇" };
	size_t svg_size = 0, size[2] = { 0 }, lengths[2][12];
	char *svg = certificate_svg(&svg_size), text[8192], command[512];
	const unsigned char *files[2][12];
	unsigned char *pdf[2] = { NULL, NULL };
	int n[2] = { 0, 0 }, differ = 0, read = 0;
	size_t differing = 0;

	for (int i = 0; i < 2; i++) {
		char *named = with_holder(svg, holders[i]);
		const char *path = certificate_pdf(named, i ? "holder-b.pdf" : "holder-a.pdf", &pdf[i],
						   &size[i]);

		n[i] = pdf[i] ? font_files(pdf[i], size[i], files[i], lengths[i], 12) : 0;
		snprintf(command, sizeof(command), "pdftotext '%s' - 2>/dev/null", path ? path : "");
		run(command, text, sizeof(text));
		read += path && strstr(squeezed(text), holders[i]) != NULL;
		g_free(named);
	}
	for (int f = 0; n[0] == n[1] && f < n[0]; f++)
		if (lengths[0][f] != lengths[1][f] ||
		    memcmp(files[0][f], files[1][f], lengths[0][f]) != 0) {
			differ++;
			differing = lengths[0][f] > lengths[1][f] ? lengths[0][f] : lengths[1][f];
		}
	ok(n[0] >= 3 && n[0] == n[1] && differ == 1 && differing < 2048,
	   "two holders' certificates differ in one font file, of their names' few glyphs");
	printf("# %d font files, %d differ, of %zu bytes at most\n", n[0], differ, differing);
	is_int(read, 2, "  and each holder's name reads back from the PDF");
	free(pdf[0]);
	free(pdf[1]);
	free(svg);
}

static void test_certificate_direct(void)
{
	size_t svg_size = 0, size[10] = { 0 };
	char *svg = certificate_svg(&svg_size);
	char *light = replaced(svg, "font-weight=\"bold\"", "font-weight=\"normal\"");
	char *variants[10] = {
		svg, declined(svg), light, declined(light), with_holder(svg, "李明"),
		replaced(svg, "中国电机工程学会", "中国机械工程学会"),
		with_holder(svg, "王<tspan font-style=\"italic\">明</tspan>"),
		with_holder(svg, "עמית כהן"),
		replaced(svg, "font-size=\"12\" x=\"148.5\"", "font-size=\"0x0C\" x=\"148.5\""),
		replaced(svg, "<defs>", "<style>.holder { fill: #c00 }</style><defs>"),
	};
	static const char *const names[10] = {
		"direct.pdf", "whole.pdf", "light.pdf", "light-whole.pdf", "other.pdf",
		"society.pdf", "tspan.pdf", "hebrew.pdf", "hexadecimal.pdf", "styled.pdf",
	};
	unsigned char *pdf[10] = { NULL }, *again = NULL;
	char path[10][300], text[2][16384], producer[256];
	size_t again_size = 0;
	long ink[2];

	for (int i = 0; i < 10; i++) {
		const char *saved = certificate_pdf(variants[i], names[i], &pdf[i], &size[i]);

		snprintf(path[i], sizeof(path[i]), "%s", saved ? saved : "/nonexistent");
	}
	snprintf(producer, sizeof(producer), "%s", pdfinfo_field(path[0], "Producer"));
	ok(strcmp(producer, "ecap") == 0 && strstr(pdfinfo_field(path[1], "Producer"), "cairo"),
	   "the certificate is written by ecap; one with what it does not draw, by cairo");
	ok(pdf[0] && xref_points_at_objects(pdf[0], size[0]) && poppler_reads_quietly(path[0]),
	   "  poppler reads it without a word, its cross-reference table right");
	pdf_text(path[0], text[0], sizeof(text[0]));
	pdf_text(path[1], text[1], sizeof(text[1]));
	ok(strlen(text[0]) > 100 && strcmp(text[0], text[1]) == 0,
	   "  the same text as the SVG drawn whole, in the same order");
	ok(words_in_place(path[0], path[1], 0.3, 0),
	   "  every word where librsvg puts it, along the line");
	ok(words_in_place(path[2], path[3], 0.3, 1),
	   "  and, without bold, on the same baseline too");
	ink[0] = holder_ink(path[0]);
	ink[1] = holder_ink(path[1]);
	printf("# the holder's ink: %ld written, %ld drawn by cairo\n", ink[0], ink[1]);
	ok(ink[1] > 0 && labs(ink[0] - ink[1]) * 100 < ink[1] * 10,
	   "  the bold name made from the regular face as heavy as cairo's, within 10 % at 72 dpi");

	certificate_pdf(svg, "again.pdf", &again, &again_size);
	ok(pdf[0] && again && same_pdf(pdf[0], size[0], again, again_size),
	   "after another holder's certificate, the same bytes again");
	pdf_text(path[5], text[0], sizeof(text[0]));
	ok(strstr(text[0], "中国机械工程学会") && !strstr(text[0], "中国电机工程学会"),
	   "another society's certificate has its own ground");
	pdf_text(path[6], text[0], sizeof(text[0]));
	ok(strstr(pdfinfo_field(path[6], "Producer"), "cairo") && strstr(text[0], "王明"),
	   "a particular with a tspan is drawn whole by librsvg");
	pdf_text(path[7], text[0], sizeof(text[0]));
	ok(strstr(pdfinfo_field(path[7], "Producer"), "cairo") && strstr(text[0], "כהן"),
	   "so is a name set right to left");
	ok(strstr(variants[8], "0x0C") && strstr(pdfinfo_field(path[8], "Producer"), "cairo"),
	   "and a size librsvg does not read as a number (0x0C)");
	ok(strstr(variants[9], "<style>") && strstr(pdfinfo_field(path[9], "Producer"), "cairo"),
	   "and a certificate with a style sheet, which may style a particular");
	for (int i = 0; i < 10; i++) {
		free(pdf[i]);
		if (i > 0)
			g_free(variants[i]);
	}
	free(again);
	free(svg);
}

/* What one thread drew with: its fonts' variation, the font patterns it
 * gave it while librsvg drew a certificate, the cairo scaled font of a font
 * its letters use, and the certificate's and a letter's PDFs. */
struct thread_fonts_seen {
	const char *svg;
	size_t svg_size;
	char variation[32];
	unsigned patterns;
	cairo_scaled_font_t *scaled_font;	/* a reference */
	unsigned char *certificate, *letter;
	size_t certificate_size, letter_size;
};

static gpointer fonts_in_thread(gpointer data)
{
	struct thread_fonts_seen *seen = data;
	struct error err = { "" };
	PangoFontMap *font_map;
	PangoContext *context;
	PangoFontDescription *description;
	PangoFont *font;

	pdf_from_svg(seen->svg, seen->svg_size, "c", "2026-12-05", &seen->certificate,
		     &seen->certificate_size, &err);
	seen->patterns = pdf_thread_fonts_patterns();
	seen->letter = dated_pdf(short_body, &seen->letter_size);
	snprintf(seen->variation, sizeof(seen->variation), "%s", pdf_thread_fonts_variation());
	font_map = pango_cairo_font_map_get_default();
	context = pango_font_map_create_context(font_map);
	description = pango_font_description_from_string("WenQuanYi Micro Hei 12");
	font = pango_font_map_load_font(font_map, context, description);
	if (font)
		seen->scaled_font = cairo_scaled_font_reference(
			pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)));
	if (font)
		g_object_unref(font);
	pango_font_description_free(description);
	g_object_unref(context);
	return NULL;
}

/* Two typesetting threads never share a cairo scaled font (pdf_fonts.h:
 * cairo 1.16 can abort when one thread drops a font another takes again):
 * each thread's fonts carry a variation of their own, librsvg's among them,
 * and the PDFs are the same bytes whichever thread made them. */
static void test_fonts_per_thread(void)
{
	struct thread_fonts_seen seen[2];
	size_t svg_size = 0;
	char *svg = certificate_svg(&svg_size);
	GThread *threads[2];

	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < 2; i++) {
		seen[i].svg = svg;
		seen[i].svg_size = svg_size;
		threads[i] = g_thread_new("fonts", fonts_in_thread, &seen[i]);
		g_thread_join(threads[i]);	/* one after the other: the first one's fonts are alive */
	}
	ok(seen[0].variation[0] && seen[1].variation[0] &&
	   strcmp(seen[0].variation, seen[1].variation) != 0,
	   "each typesetting thread's fonts carry a variation of their own");
	printf("# %s, %s\n", seen[0].variation, seen[1].variation);
	ok(seen[0].patterns > 0 && seen[1].patterns > 0,
	   "  the fonts librsvg draws a certificate with among them");
	ok(seen[0].scaled_font && seen[1].scaled_font && seen[0].scaled_font != seen[1].scaled_font,
	   "two threads' fonts are not one cairo scaled font");
	ok(same_pdf(seen[0].certificate, seen[0].certificate_size, seen[1].certificate,
		    seen[1].certificate_size),
	   "  and the certificate is the same bytes from either thread");
	ok(same_pdf(seen[0].letter, seen[0].letter_size, seen[1].letter, seen[1].letter_size),
	   "  so is a letter");
	for (int i = 0; i < 2; i++) {
		if (seen[i].scaled_font)
			cairo_scaled_font_destroy(seen[i].scaled_font);
		free(seen[i].certificate);
		free(seen[i].letter);
	}
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

/* pdf.c's cairo_fill_extents, which librsvg calls for the box of every text
 * and shape: the path's box, exact for curves whose control points lie
 * outside it, and the one this process uses rather than libcairo's (which
 * gives an empty box for a path that encloses no area). */
static void test_fill_extents(void)
{
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 200, 200);
	cairo_t *cr = cairo_create(surface);
	double x1, y1, x2, y2;

	cairo_move_to(cr, 0, 0);
	cairo_curve_to(cr, 0, 100, 100, 100, 100, 0);
	cairo_close_path(cr);
	cairo_fill_extents(cr, &x1, &y1, &x2, &y2);
	ok(fabs(x1) < 0.01 && fabs(y1) < 0.01 && fabs(x2 - 100) < 0.01 && fabs(y2 - 75) < 0.01,
	   "the fill box of a curve is its own box, not its control points'");
	cairo_new_path(cr);
	cairo_rectangle(cr, 10, 20, 30, 40);
	cairo_fill_extents(cr, &x1, &y1, &x2, &y2);
	ok(x1 == 10 && y1 == 20 && x2 == 40 && y2 == 60, "the fill box of a rectangle is exact");
	cairo_new_path(cr);
	cairo_move_to(cr, 5, 5);
	cairo_line_to(cr, 15, 25);
	cairo_fill_extents(cr, &x1, &y1, &x2, &y2);
	ok(x1 == 5 && y1 == 5 && x2 == 15 && y2 == 25,
	   "ecap's cairo_fill_extents is the one in use (the box of a line, not libcairo's empty box)");
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
}

/* pdf_deflate.c: a stream begun at the default level is deflated whole by
 * libdeflate at PDF_DEFLATE_LEVEL, a level asked for is zlib's own at that
 * level, and the streams of a letter's PDF (each zlib header's FLEVEL: 0 for
 * levels 0 and 1, 1 for 2 to 5, 2 for the default 6, 3 above) were made at
 * PDF_DEFLATE_LEVEL. */
static unsigned zlib_flevel(int level)
{
	return level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
}

/* Deflates data as cairo does, through deflateInit at the default level:
 * the input in chunks of `chunk` bytes with Z_NO_FLUSH, then Z_FINISH taking
 * at most `step` bytes of output a call. Returns the size made into out (0
 * on any departure from zlib's contract); *calls counts the Z_FINISH calls. */
static size_t deflated_as_cairo(const unsigned char *data, size_t size, size_t chunk,
				size_t step, unsigned char *out, size_t capacity, int *calls)
{
	z_stream stream;
	size_t made = 0, taken = 0;
	int status = Z_OK;

	memset(&stream, 0, sizeof(stream));
	*calls = 0;
	if (deflateInit(&stream, Z_DEFAULT_COMPRESSION) != Z_OK)
		return 0;
	while (taken < size) {
		unsigned char spare[16];

		stream.next_in = (unsigned char *)data + taken;
		stream.avail_in = (uInt)(size - taken < chunk ? size - taken : chunk);
		stream.next_out = spare;
		stream.avail_out = sizeof(spare);
		taken += stream.avail_in;
		if (deflate(&stream, Z_NO_FLUSH) != Z_OK || stream.avail_in != 0 ||
		    stream.total_in != taken)
			goto fail;
		made += sizeof(spare) - stream.avail_out;	/* zlib's might; a whole stream none */
		if (made)
			goto fail;
	}
	while (status == Z_OK && made < capacity) {
		unsigned char *start = out + made;

		stream.next_out = start;
		stream.avail_out = (uInt)(capacity - made < step ? capacity - made : step);
		status = deflate(&stream, Z_FINISH);
		made += (size_t)(stream.next_out - start);
		++*calls;
	}
	if (status != Z_STREAM_END || stream.total_out != made ||
	    stream.adler != adler32(adler32(0, NULL, 0), data, (uInt)size))
		goto fail;
	return deflateEnd(&stream) == Z_OK ? made : 0;
fail:
	deflateEnd(&stream);
	return 0;
}

/* Deflates data in one call through zlib's deflateInit2 at level. */
static size_t deflated_by_zlib(const unsigned char *data, size_t size, int level,
			       unsigned char *out, size_t capacity)
{
	z_stream stream;
	size_t made;

	memset(&stream, 0, sizeof(stream));
	if (deflateInit2(&stream, level, Z_DEFLATED, MAX_WBITS, ZLIB_MEMORY_LEVEL,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	stream.next_in = (unsigned char *)data;
	stream.avail_in = (uInt)size;
	stream.next_out = out;
	stream.avail_out = (uInt)capacity;
	made = deflate(&stream, Z_FINISH) == Z_STREAM_END ? capacity - stream.avail_out : 0;
	deflateEnd(&stream);
	return made;
}

static int inflates_to(const unsigned char *deflated, size_t size, const unsigned char *data,
		       size_t data_size)
{
	static unsigned char back[300 * 1024];
	uLongf back_size = sizeof(back);

	return uncompress(back, &back_size, deflated, size) == Z_OK && back_size == data_size &&
	       memcmp(back, data, data_size) == 0;
}

static void test_deflate_whole(void)
{
	static unsigned char data[256 * 1024], whole[300 * 1024], stepped[300 * 1024],
		by_zlib[300 * 1024], by_libdeflate[300 * 1024];
	unsigned state = 12345;
	size_t whole_size, stepped_size, zlib_size, libdeflate_size, streams = 0,
		at_flevel = 0;
	struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
	struct error err = { 0 };
	z_stream open_stream, zlib_stream;
	unsigned char out[64];
	const char *path;
	FILE *file;
	unsigned char *pdf;
	long length;
	int calls, stepped_calls;

	for (size_t i = 0; i < sizeof(data); i++) {	/* words of a small alphabet */
		state = state * 1103515245 + 12345;
		data[i] = (state >> 16) % 7 == 0 ? ' ' : 'a' + (state >> 20) % 12;
	}
	whole_size = deflated_as_cairo(data, sizeof(data), 16384, sizeof(whole), whole,
				       sizeof(whole), &calls);
	stepped_size = deflated_as_cairo(data, sizeof(data), 1000, 4096, stepped,
					 sizeof(stepped), &stepped_calls);
	libdeflate_size = compressor ? libdeflate_zlib_compress(compressor, data, sizeof(data),
								by_libdeflate,
								sizeof(by_libdeflate)) : 0;
	zlib_size = deflated_by_zlib(data, sizeof(data), PDF_DEFLATE_LEVEL, by_zlib,
				     sizeof(by_zlib));
	ok(whole_size > 0 && calls == 1 && inflates_to(whole, whole_size, data, sizeof(data)),
	   "deflateInit at the default level: input in chunks, then one Z_FINISH gives a zlib "
	   "stream of the input, its adler32 and Z_STREAM_END");
	ok(whole_size == libdeflate_size && memcmp(whole, by_libdeflate, whole_size) == 0,
	   "  made by libdeflate at PDF_DEFLATE_LEVEL, in one piece");
	ok(zlib_size > 0 && (zlib_size != whole_size || memcmp(by_zlib, whole, zlib_size) != 0),
	   "  not by zlib: pdf_deflate.c's deflate is the one in use");
	ok(stepped_size == whole_size && memcmp(stepped, whole, whole_size) == 0 &&
	   stepped_calls == (int)((whole_size + 4095) / 4096),
	   "  output taken 4 KB a call: the same bytes, Z_STREAM_END only with the last");
	ok(deflated_by_zlib(data, sizeof(data), 9, by_zlib, sizeof(by_zlib)) > 0 &&
	   inflates_to(by_zlib, deflated_by_zlib(data, sizeof(data), 9, by_zlib, sizeof(by_zlib)),
		       data, sizeof(data)),
	   "deflateInit2 (the audit archive's gzip) is zlib's own");
	{
		uLongf size = sizeof(by_zlib);

		ok(compress(by_zlib, &size, data, sizeof(data)) == Z_OK &&
		   inflates_to(by_zlib, size, data, sizeof(data)),
		   "zlib's compress() still compresses (its deflateInit asks the default level)");
	}

	/* A whole stream and a zlib stream open at once, and what a whole stream
	 * refuses. */
	memset(&open_stream, 0, sizeof(open_stream));
	memset(&zlib_stream, 0, sizeof(zlib_stream));
	ok(deflateInit(&open_stream, Z_DEFAULT_COMPRESSION) == Z_OK &&
	   deflateInit2(&zlib_stream, 1, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK,
	   "a whole stream and a zlib stream begun together");
	open_stream.next_in = data;
	open_stream.avail_in = 100;
	open_stream.next_out = out;
	open_stream.avail_out = sizeof(out);
	zlib_stream.next_in = data;
	zlib_stream.avail_in = 100;
	zlib_stream.next_out = out;
	zlib_stream.avail_out = sizeof(out);
	ok(deflate(&open_stream, Z_NO_FLUSH) == Z_OK && deflate(&zlib_stream, Z_SYNC_FLUSH) == Z_OK &&
	   zlib_stream.avail_out < sizeof(out),
	   "  zlib's stream still does a sync flush");
	ok(deflate(&open_stream, Z_SYNC_FLUSH) == Z_STREAM_ERROR &&
	   deflate(&open_stream, Z_FULL_FLUSH) == Z_STREAM_ERROR,
	   "  a whole stream refuses a sync or full flush (cairo uses neither)");
	ok(deflate(&open_stream, Z_NO_FLUSH) == Z_BUF_ERROR,
	   "  and, as zlib, Z_BUF_ERROR for Z_NO_FLUSH with no input");
	ok(deflateReset(&open_stream) == Z_STREAM_ERROR,
	   "  zlib's other functions see a state not theirs");
	ok(deflateEnd(&open_stream) == Z_DATA_ERROR && deflateEnd(&zlib_stream) == Z_DATA_ERROR,
	   "  ended with input pending: Z_DATA_ERROR from both");
	memset(&open_stream, 0, sizeof(open_stream));
	ok(deflateInit(&open_stream, Z_DEFAULT_COMPRESSION) == Z_OK &&
	   deflateEnd(&open_stream) == Z_OK && open_stream.state == NULL,
	   "a whole stream ended before any input: Z_OK");
	libdeflate_free_compressor(compressor);

	path = letter_pdf(short_body, "2026-11-24", "level.pdf", &err);
	file = path ? fopen(path, "rb") : NULL;
	pdf = file ? malloc(1 << 20) : NULL;
	length = pdf ? (long)fread(pdf, 1, 1 << 20, file) : 0;
	for (long i = 0; i + 9 < length; i++)
		if (memcmp(pdf + i, "stream\n", 7) == 0 && pdf[i + 7] == 0x78) {
			streams++;
			at_flevel += (unsigned)(pdf[i + 8] >> 6) == zlib_flevel(PDF_DEFLATE_LEVEL);
		}
	if (at_flevel != streams)
		printf("# %zu of the %zu streams say FLEVEL %u\n", at_flevel, streams,
		       zlib_flevel(PDF_DEFLATE_LEVEL));
	ok(streams > 2 && at_flevel == streams && zlib_flevel(PDF_DEFLATE_LEVEL) != zlib_flevel(6),
	   "every deflated stream of a letter's PDF says PDF_DEFLATE_LEVEL's FLEVEL, not the default's");
	free(pdf);
	if (file)
		fclose(file);
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
	test_letter_fallback();
	test_letter_size();
	test_layout();
	test_pagination();
	test_same_bytes();
	test_written_directly();
	test_kept_layouts();
	test_kept_subsets();
	test_bad_letter();
	test_certificate();
	test_certificate_names();
	test_certificate_particulars();
	test_fixed_part();
	test_certificate_direct();
	test_fonts_per_thread();
	test_svg_reads_no_files();
	test_bad_svg();
	test_fill_extents();
	test_deflate_whole();
	remove_scratch();
	return tap_done();
}
