/* test-text-fill.c - unit tests for lib/text_fill.c: lines filled as
 * xslt/text-wrap.xsl fills them. Each expected text below is what xsltproc
 * gives for the same call of the text-wrap template (t0230 compares the two
 * on whole letters). */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text_fill.h"

/* text_fill's lines, or "(failed)"; kept until the next call. */
static const char *filled(const char *text, const char *first, const char *indent,
			  size_t width)
{
	static char *last;
	struct error err = { "" };

	free(last);
	last = text_fill(text, first, indent, width, &err);
	return last ? last : "(failed)";
}

static void test_columns(void)
{
	is_int(text_fill_columns("ab c~", 5), 5, "printable ASCII takes one column");
	is_int(text_fill_columns("工程师", strlen("工程师")), 6, "a CJK character takes two");
	is_int(text_fill_columns("，“", strlen("，“")), 4, "full-width punctuation takes two");
	is_int(text_fill_columns("e\xCC\x81", 3), 3,
	       "a combining mark takes two, as the stylesheet counts it");
	is_int(text_fill_columns("\xE2\x80\x8B", 3), 2, "so does a zero-width space");
	is_int(text_fill_columns("\t", 1), 2, "and a tab");
}

static void test_short_and_empty(void)
{
	is_string(filled("工程 师", "  ", "", 72), "  工程 师\n", "a text that fits is one line");
	is_string(filled("  a\n\tb  ", "", "", 72), "a b\n", "white space is normalized");
	is_string(filled("", "X：", "", 72), "X：\n", "an empty text is the prefix alone");
}

static void test_cjk(void)
{
	is_string(filled("一二三四五六七八九十一二三四五六七八九十一二三四五", "", "", 20),
		  "一二三四五六七八九十\n一二三四五六七八九十\n一二三四五\n",
		  "CJK lines break between any two characters");
	is_string(filled("一二三四五六七八九十一二三四五六七八九十", "  1. ", "     ", 20),
		  "  1. 一二三四五六七\n     八九十一二三四\n     五六七八九十\n",
		  "the first line after its marker, the others under its text");
	is_string(filled("一二三四五六七", "                                                                      ",
			 "", 72),
		  "                                                                      一二三四五\n六七\n",
		  "a line leaves at least 10 columns whatever its prefix takes");
}

static void test_punctuation(void)
{
	is_string(filled("一二三四五六七八九十。甲乙", "", "", 20),
		  "一二三四五六七八九\n十。甲乙\n", "a closing mark does not begin a line");
	is_string(filled("一二三四五六七八九十……——", "", "", 20),
		  "一二三四五六七八九\n十……——\n", "nor does an ellipsis or a dash");
	is_string(filled("一二三四五六七八九《十》", "", "", 20),
		  "一二三四五六七八九\n《十》\n", "an opening mark does not end a line");
	is_string(filled("一二三四五六七八九“十”", "", "", 20),
		  "一二三四五六七八九\n“十”\n", "nor does an opening quotation mark");
	is_string(filled("一二三四五六七八九十，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，",
			 "", "", 20),
		  "一二三四五六七八九\n十，，，，，，，，，\n，，，，，，，，，，\n，，，，，，，，，，\n，，，，，，，，，\n",
		  "a run of closing marks with no place to break is cut where the line is full");
}

static void test_latin(void)
{
	is_string(filled("一二三四五六七八ab cd", "", "", 20), "一二三四五六七八ab\ncd\n",
		  "a Latin word is not split");
	is_string(filled("工程abcdefghijklmnopqrstuvwxyz", "", "", 20),
		  "工程\nabcdefghijklmnopqrst\nuvwxyz\n",
		  "a Latin word after CJK begins its own line");
	is_string(filled("abcdefghijklmnopqrstuvwxyz0123456789", "", "", 10),
		  "abcdefghij\nklmnopqrst\nuvwxyz0123\n456789\n",
		  "a word longer than the line is cut where the line is full");
	is_string(filled("word another (bracketed) end.", "", "", 20),
		  "word another\n(bracketed) end.\n", "Latin text breaks at spaces");
}

/* A break is looked for at most 30 characters back from where the line is
 * full: a 40-letter word after another is cut, not moved to the next line. */
static void test_break_window(void)
{
	char text[100];

	memset(text, 'x', 40);
	text[40] = ' ';
	memset(text + 41, 'y', 40);
	text[81] = '\0';
	is_string(filled(text, "", "", 72),
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		  "yyyyyyyyy\n", "a space 31 characters back is not looked for");
	text[40] = 'x';
	text[41] = ' ';
	is_string(filled(text, "", "", 72),
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
		  "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n", "one 30 characters back is");
	text[40] = ' ';
	text[41] = 'y';
	text[50] = ' ';
	is_string(filled(text, "", "", 72),
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyy\n"
		  "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n", "one 21 characters back is");
}

static void test_zero_width_and_combining(void)
{
	/* a, U+200B, b, ...: 13 columns as counted; a break may fall between the
	 * letter and the zero-width space (not both printable ASCII) */
	is_string(filled("a\xE2\x80\x8B" "b\xE2\x80\x8B" "c\xE2\x80\x8B" "d\xE2\x80\x8B" "e", "", "",
			 10),
		  "a\xE2\x80\x8B" "b\xE2\x80\x8B" "c\xE2\x80\x8B" "d\n\xE2\x80\x8B" "e\n",
		  "a zero-width space takes two columns and may begin a line");
	/* e and U+0301, four times: 12 columns; the stylesheet knows no
	 * grapheme and breaks before the fourth mark, as here */
	is_string(filled("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", "", "", 10),
		  "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\n\xCC\x81\n",
		  "a combining mark is a character of two columns of its own");
}

/* More than 1500 characters: cut at the first 。 within 400 characters of
 * the middle and each half filled alone, so a new line begins after it. */
static void test_long_text(void)
{
	static const char *cjk[] = { "工", "程", "师", "评", "价", "能", "力", "水", "平" };
	char *text = malloc(1600 * 3 + 1), *lines = NULL;
	const char *result, *line;
	size_t length = 0, count = 0;

	for (int i = 0; i < 1600; i++, length += 3)
		memcpy(text + length, i == 820 ? "。" : cjk[i % 9], 3);
	text[length] = '\0';
	result = filled(text, "    ", "", 72);
	lines = strdup(result);
	line = lines;
	for (char *end; (end = strchr(line, '\n')); line = end + 1, count++) {
		*end = '\0';
		if (count == 22) {
			is_int(strlen(line), 31 * 3, "the line with the 。 near the middle ends there");
			ok(strcmp(line + 30 * 3, "。") == 0, "with the 。");
		}
	}
	is_int(count, 45, "45 lines in all");
	free(lines);
	free(text);
}

int main(void)
{
	test_columns();
	test_short_and_empty();
	test_cjk();
	test_punctuation();
	test_latin();
	test_break_window();
	test_zero_width_and_combining();
	test_long_text();
	filled("", "", "", 0);
	return tap_done();
}
