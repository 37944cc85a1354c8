/* test-text-ems.c - unit tests for lib/text_ems.c: a text's width in ems
 * as xslt/certificate-svg.xsl's ems template estimates it. Each expected
 * number below is what xsltproc prints for the same call of the template
 * (ems-estimated), compared exactly: the sum must be made in the
 * stylesheet's order (5.279999999999999, not 5.28); where libxml2 prints
 * fewer digits than the double has (10.6), the literal is the double of
 * the sum made in that order. t0240 compares whole certificates. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "text_ems.h"

/* The stylesheets' classes as they are today (text-wrap.xsl's
 * $narrow-characters, certificate-svg.xsl's $wide-characters and
 * $small-characters): test data, the renderer passes the stylesheet's own. */
static const char narrow[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			     "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
static const char wide[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#%&";
static const char small[] = "abcdefghijklmnopqrstuvwxyz";

static void is_ems(const char *text, int monospace, double expected, const char *name)
{
	double got = text_ems(text, monospace, narrow, wide, small);

	if (!ok(got == expected, name))
		printf("#   got %.17g, expected %.17g\n", got, expected);
}

static void test_characters_in(void)
{
	is_int(text_characters_in("Li Wei", small), 3, "the small letters of a name");
	is_int(text_characters_in("Li Wei", " "), 1, "its space");
	is_int(text_characters_in("高峰", narrow), 0, "no CJK character is narrow");
	is_int(text_characters_in("吉𠮷高", "𠮷峰"), 1,
	       "a character outside the BMP is found in a set");
	is_int(text_characters_in("\xE5\xB3\xB0", "\xE9\xAB\x98\xE5\xB3\xB0"), 1,
	       "a CJK character is found as a whole");
	is_int(text_characters_in("\xC3\xA9", "e\xCC\x81"), 0,
	       "é is not e and a combining mark");
	is_int(text_characters_in("e\xCC\x81", "e"), 1, "e and a combining mark: the e");
	is_int(text_characters_in("", narrow), 0, "nothing in an empty text");
	is_int(text_characters_in("abc", ""), 0, "nothing in an empty set");
}

static void test_ems(void)
{
	is_ems("高峰", 0, 2, "a CJK character is one em");
	is_ems("Li Wei", 0, 3.42, "capitals 0.72, small letters 0.56, a space 0.3");
	is_ems("F582-8F52-C44B", 1, 8.68, "every ASCII character 0.62 in a monospace face");
	is_ems("工a", 1, 1.62, "a CJK character still one em there");
	is_ems("张 Wei 3rd", 0, 5.279999999999999, "summed in the stylesheet's order");
	is_ems("~", 0, 0.5, "other ASCII 0.5");
	is_ems("@#%&!", 0, 3.38, "the wide signs 0.72");
	is_ems("\xC3\xA9", 0, 1, "é is not narrow: one em");
	is_ems("e\xCC\x81", 0, 1.56, "e and a combining mark: 0.56 and 1");
	is_ems("吉𠮷", 0, 2, "a character outside the BMP is one character");
	is_ems("O'Brien-McAllister", 0, 10.600000000000001, "a Latin name with marks (xsltproc: 10.6)");
	is_ems("", 0, 0, "an empty text is no width");
}

int main(void)
{
	test_characters_in();
	test_ems();
	return tap_done();
}
