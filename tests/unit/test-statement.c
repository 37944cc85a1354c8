/* test-statement.c - unit tests for stages/statement.c (and lib/text.c):
 * character counts (R2.2), the CJK share (R2.1), team and first-person phrasing (R3.1) and unexplained
 * acronyms (R3.3).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "statement.h"
#include "text.h"
#include "tap.h"

static struct statement_metrics measure(const char *text)
{
	struct statement_metrics metrics;

	memset(&metrics, 0, sizeof(metrics));
	statement_measure(text, &metrics);
	return metrics;
}

static char acronyms[256];

static size_t unexplained(const char *text)
{
	memset(acronyms, 'Z', sizeof(acronyms));
	return statement_unexplained_acronyms(text, acronyms, sizeof(acronyms));
}

static void test_chinese_count(void)
{
	/* 2000 ideographs in lines of 50, with spaces, tabs, ideographic
	 * spaces (U+3000) and newlines between them. */
	static const char *const ideographs[] = { "工", "程", "能", "力", "评", "价" };
	size_t size = 2000 * 3 + 2000 + 1, used = 0, i;
	char *text = malloc(size);
	struct statement_metrics metrics;

	if (!text) {
		ok(0, "allocate the long text");
		return;
	}
	for (i = 0; i < 2000; i++) {
		memcpy(text + used, ideographs[i % 6], 3);
		used += 3;
		if (i % 50 == 49)
			text[used++] = '\n';
		else if (i % 10 == 9)
			text[used++] = ' ';
		else if (i % 7 == 6)
			text[used++] = '\t';
	}
	text[used] = '\0';
	metrics = measure(text);
	is_int(metrics.characters, 2000, "2000 ideographs with white space: 2000 characters");
	is_int(metrics.cjk, 2000, "all 2000 are CJK");
	is_int(metrics.letters, 2000, "all 2000 are letters");
	ok(statement_cjk_share(&metrics) == 1.0, "CJK share 1");
	free(text);

	metrics = measure("工程　能力\r\n评价");
	is_int(metrics.characters, 6, "the ideographic space U+3000 and CR LF are white space");
	metrics = measure("本人于2019年，负责“配电网”设计。");
	is_int(metrics.characters, 19, "punctuation and digits are characters");
	is_int(metrics.letters, 11, "but not letters");
	is_int(metrics.cjk, 11, "11 ideographs");
}

/* R2.2: every Unicode White_Space character and every format character
 * (general category Cf) is left out of the count. */
static void test_white_space(void)
{
	static const uint32_t uncounted[] = {
		0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x0085, 0x00A0, 0x1680,
		0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
		0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
		0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A,
		0x202E, 0x2060, 0x2061, 0x2064, 0x2066, 0x206F, 0xFEFF, 0xFFF9, 0xFFFB,
		0x110BD, 0x1D173, 0xE0001, 0xE0020, 0xE007F,
	};
	static const uint32_t counted[] = {
		'A', '0', '.', 0x00A9, 0x00B7, 0x2010, 0x2011, 0x2024, 0x2030, 0x2065,
		0x3001, 0x3002, 0x4E00, 0xFF0C, 0xFFFD, 0xFE0F, 0x1F600, 0x20000, 0xE0080,
	};
	struct statement_metrics metrics;
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(uncounted) / sizeof(uncounted[0]); i++) {
		snprintf(name, sizeof(name), "U+%04X is not counted", (unsigned)uncounted[i]);
		is_int(text_is_uncounted(uncounted[i]), 1, name);
	}
	for (i = 0; i < sizeof(counted) / sizeof(counted[0]); i++) {
		snprintf(name, sizeof(name), "U+%04X is counted", (unsigned)counted[i]);
		is_int(text_is_uncounted(counted[i]), 0, name);
	}

	/* 工 U+00A0 程 U+2007 能 U+202F 力 U+3000 评 U+1680 价 U+2028 自 U+2029
	 * 述 U+0085 字 U+2003 */
	metrics = measure("工\xc2\xa0" "程\xe2\x80\x87" "能\xe2\x80\xaf" "力\xe3\x80\x80" "评\xe1\x9a\x80" "价\xe2\x80\xa8" "自\xe2\x80\xa9" "述\xc2\x85" "字\xe2\x80\x83");
	is_int(metrics.characters, 9, "no-break, figure, narrow, ideographic and other spaces: none counted");
	/* 工 ZWSP 程 ZWNJ 能 ZWJ 力 WJ 评 BOM 价 SHY */
	metrics = measure("\xef\xbb\xbf" "工\xe2\x80\x8b" "程\xe2\x80\x8c" "能\xe2\x80\x8d" "力\xe2\x81\xa0" "评\xef\xbb\xbf" "价\xc2\xad");
	is_int(metrics.characters, 6, "zero-width and other format characters: none counted");
	is_int(metrics.letters, 6, "nor letters");
	metrics = measure("\xe4\xb8\x80" "\xc2\xa0" "\xc2\xa0" "\xc2\xa0");
	is_int(metrics.characters, 1, "a statement padded with no-break spaces counts its text only");
}

static void test_blocks(void)
{
	struct statement_metrics metrics;

	metrics = measure("\xe3\x90\x80");		/* U+3400 extension A */
	is_int(metrics.cjk, 1, "extension A is CJK");
	metrics = measure("\xe4\xb8\x80\xe9\xbf\xbf");	/* U+4E00, U+9FFF */
	is_int(metrics.cjk, 2, "both ends of the unified block");
	metrics = measure("\xef\xa4\x80\xef\xab\xbf");	/* U+F900, U+FAFF */
	is_int(metrics.cjk, 2, "compatibility ideographs");
	metrics = measure("\xf0\xa0\x80\x80\xf0\xaf\xa8\x9f");	/* U+20000, U+2FA1F */
	is_int(metrics.cjk, 2, "supplementary ideographs");
	is_int(metrics.characters, 2, "each one character, not four bytes");
	metrics = measure("\xf0\xb0\x80\x80\xf0\xb1\x8d\x8f");	/* U+30000, U+3134F */
	is_int(metrics.cjk, 2, "extension G");
	metrics = measure("\xe3\x8f\xbf\xea\x80\x80");	/* U+33FF, U+A000 */
	is_int(metrics.cjk, 0, "just outside the blocks");
	metrics = measure("あア한");
	is_int(metrics.cjk, 0, "kana and hangul are not CJK ideographs");
	is_int(metrics.letters, 3, "but they are letters");
	metrics = measure("Ｇ");
	is_int(metrics.letters, 1, "a full-width Latin letter is a letter");
	is_int(metrics.cjk, 0, "not an ideograph");
}

static void test_mixed_share(void)
{
	struct statement_metrics metrics;

	metrics = measure("我负责 the design of GIS 系统");
	is_int(metrics.characters, 19, "mixed: 19 non-space characters");
	is_int(metrics.letters, 19, "mixed: 19 letters");
	is_int(metrics.cjk, 5, "mixed: 5 ideographs");
	ok(statement_cjk_share(&metrics) > 5.0 / 19 - 1e-9 &&
	   statement_cjk_share(&metrics) < 5.0 / 19 + 1e-9, "share 5/19");

	memset(&metrics, 0, sizeof(metrics));
	statement_measure("工程师", &metrics);
	statement_measure("engineer", &metrics);
	is_int(metrics.letters, 11, "measure adds over sections");
	ok(statement_cjk_share(&metrics) > 3.0 / 11 - 1e-9 &&
	   statement_cjk_share(&metrics) < 3.0 / 11 + 1e-9, "share over both sections: 3/11");
	ok(statement_cjk_share(&metrics) < 0.5, "mostly English fails the 50% rule");

	metrics = measure("2026 — 123，。");
	is_int(metrics.letters, 0, "no letters");
	ok(statement_cjk_share(&metrics) == 0.0, "share 0 without letters");
	ok(statement_cjk_share(NULL) == 0.0, "share of NULL is 0");
	metrics = measure("");
	is_int(metrics.characters, 0, "empty text: nothing");
	statement_measure(NULL, &metrics);
	statement_measure("工程", NULL);
	is_int(metrics.characters, 0, "NULL text changes nothing");
}

static void test_broken_utf8(void)
{
	struct statement_metrics metrics;

	metrics = measure("工\xe7\xa8");
	is_int(metrics.characters, 2, "a truncated character at the end counts once");
	is_int(metrics.cjk, 1, "and is not an ideograph");
	metrics = measure("\xff工\x80");
	is_int(metrics.characters, 3, "stray bytes count one each");
	is_int(metrics.cjk, 1, "the ideograph between them still counts");
	metrics = measure("\xf0\xa0\x80");
	is_int(metrics.characters, 1, "a truncated 4-byte character");
	is_int(statement_unexplained_acronyms("GIS（\xe5", acronyms, sizeof(acronyms)), 1,
	       "an acronym before a truncated parenthesis");
	is_int(statement_unexplained_acronyms("\xe5\x9c\xb0(GIS)", acronyms, sizeof(acronyms)),
	       0, "explained after a word");
	is_int(statement_unexplained_acronyms("\x9c\xb0(GIS)", acronyms, sizeof(acronyms)), 1,
	       "a broken character before the parenthesis is no word");
}

static void test_phrases(void)
{
	struct statement_metrics metrics;

	metrics = measure("我们团队");
	is_int(metrics.team_phrases, 2, "我们 and 团队");
	is_int(metrics.self_phrases, 0, "我们 is not 我");
	metrics = measure("我负责设计，本人编写程序，我国");
	is_int(metrics.self_phrases, 3, "我, 本人, 我 (of 我国)");
	is_int(metrics.team_phrases, 0, "no team phrases");
	metrics = measure("本团队");
	is_int(metrics.team_phrases, 1, "本团队 counts once");
	is_int(metrics.self_phrases, 0, "本团队 is not 本人");
	metrics = measure("我单位、我院、我司、大家、课题组和项目组");
	is_int(metrics.team_phrases, 6, "every team phrase");
	is_int(metrics.self_phrases, 0, "我单位/我院/我司 are not 我");
	metrics = measure("我我我们我");
	is_int(metrics.self_phrases, 3, "three lone 我");
	is_int(metrics.team_phrases, 1, "one 我们");
	metrics = measure("团队团队团队");
	is_int(metrics.team_phrases, 3, "each occurrence counts");
	metrics = measure("我");
	is_int(metrics.self_phrases, 1, "a lone 我 at the end");
	metrics = measure("人本");
	is_int(metrics.self_phrases, 0, "人本 is not 本人");
}

static void test_acronyms(void)
{
	char small[8];

	is_int(unexplained("采用地理信息系统（GIS）进行分析"), 0,
	       "explained before, full-width parentheses");
	is_string(acronyms, "", "nothing written");
	is_int(unexplained("采用GIS（地理信息系统）进行分析"), 0,
	       "explained after, full-width parentheses");
	is_int(unexplained("采用地理信息系统(GIS)进行分析"), 0, "explained before, ASCII");
	is_int(unexplained("采用 GIS (地理信息系统) 进行分析"), 0, "explained after, ASCII, spaced");
	is_int(unexplained("a Geographic Information System (GIS)"), 0, "English explanation before");
	is_int(unexplained("GIS (Geographic Information System)"), 0, "English explanation after");
	is_int(unexplained("GIS（地理信息系统)"), 0, "mixed parentheses");

	is_int(unexplained("基于SCADA系统"), 1, "unexplained, between ideographs");
	is_string(acronyms, "SCADA", "SCADA named");
	is_int(unexplained("SCADA 与 SCADA 以及 SCADA"), 1, "repeated: counted once");
	is_string(acronyms, "SCADA", "named once");
	is_int(unexplained("先用SCADA，后来……监控与数据采集（SCADA）系统"), 0,
	       "explained at a later occurrence");
	is_int(unexplained("采用PLC、DCS和PLC，再用GIS"), 3, "three distinct");
	is_string(acronyms, "PLC DCS GIS", "in order of first appearance, space separated");

	is_int(unexplained("5G 网络"), 0, "5G is not an acronym");
	is_int(unexplained("遵循IEC61850标准"), 1, "IEC61850 is one");
	is_string(acronyms, "IEC61850", "named with its digits");
	is_int(unexplained("A1级 x86 gis Gis"), 0, "one letter, lowercase, one capital: none");
	is_int(unexplained("取得PhD学位"), 1, "two capitals make one");
	is_int(unexplained("5GIS"), 0, "a word beginning with a digit is none");

	is_int(unexplained("（GIS）开头"), 1, "a parenthesis after nothing explains nothing");
	is_int(unexplained("，（GIS）"), 1, "a parenthesis after punctuation explains nothing");
	is_int(unexplained("GIS（）"), 1, "an empty parenthesis explains nothing");
	is_int(unexplained("GIS（2020）"), 1, "digits are not words");
	is_int(unexplained("GIS（GIS）"), 1, "itself is not an explanation");
	is_int(unexplained("GIS（地理信息系统"), 1, "an unclosed parenthesis");
	is_int(unexplained("系统（GIS 平台）"), 1, "not alone in the parenthesis");
	is_int(unexplained(""), 0, "empty text");
	is_string(acronyms, "", "empty text writes an empty string");
	is_int(statement_unexplained_acronyms(NULL, acronyms, sizeof(acronyms)), 0, "NULL text");

	memset(small, 'Z', sizeof(small));
	is_int(statement_unexplained_acronyms("PLC DCS GIS", small, sizeof(small)), 3,
	       "a small buffer still counts all");
	is_string(small, "PLC DCS", "only whole acronyms that fit");
	memset(small, 'Z', sizeof(small));
	is_int(statement_unexplained_acronyms("SCADAXYZ", small, sizeof(small)), 1,
	       "one too long for the buffer");
	is_string(small, "", "leaves it empty");
	is_int(statement_unexplained_acronyms("PLC DCS", NULL, 0), 2, "no buffer: only the count");
}

/* text_decode as it was, by mbrtowc alone: what its quicker paths must
 * agree with. */
static size_t decode_by_locale(const char *text, size_t remaining, wchar_t *wc)
{
	mbstate_t state;
	size_t length;

	memset(&state, 0, sizeof(state));
	length = mbrtowc(wc, text, remaining, &state);
	if (length == (size_t)-2) {
		*wc = TEXT_NOT_A_CHARACTER;
		return remaining;
	}
	if (length == (size_t)-1 || length == 0) {
		*wc = TEXT_NOT_A_CHARACTER;
		return 1;
	}
	return length;
}

/* Every one-byte text, every two bytes led by a byte from 80 up, and every
 * three bytes led by E0 to EF, at each length the text may end at: the
 * same character and length as mbrtowc gives (ASCII and most three-byte
 * characters are decoded without it), and the state left initial. */
static void test_decode_as_locale(void)
{
	size_t differing = 0, checked = 0, not_initial = 0;
	unsigned char bytes[4] = { 0 };

	for (unsigned lead = 0; lead < 256; lead++)
		for (unsigned second = 0; second < 256; second++)
			for (unsigned third = 0; third < 256; third++) {
				size_t remaining = lead >= 0xe0 && lead <= 0xef ? 3 :
						   lead >= 0x80 ? 2 : 1;

				if ((remaining < 3 && third) || (remaining < 2 && second))
					continue;
				bytes[0] = (unsigned char)lead;
				bytes[1] = (unsigned char)second;
				bytes[2] = (unsigned char)third;
				for (size_t length = 1; length <= remaining; length++) {
					mbstate_t state;
					wchar_t got = 0, expected = 0;
					size_t got_length, expected_length;

					memset(&state, 0, sizeof(state));
					got_length = text_decode((const char *)bytes, length, &state,
								 &got);
					expected_length = decode_by_locale((const char *)bytes,
									   length, &expected);
					checked++;
					if (got != expected || got_length != expected_length)
						differing++;
					if (!mbsinit(&state))
						not_initial++;
				}
			}
	printf("# %zu texts checked, %zu differ, %zu left a state not initial\n", checked,
	       differing, not_initial);
	ok(checked > 1000000 && differing == 0,
	   "text_decode agrees with mbrtowc on every text of one to three bytes");
	ok(not_initial == 0, "text_decode leaves the state initial");
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		printf("# cannot set locale C.UTF-8\n");
	test_chinese_count();
	test_white_space();
	test_blocks();
	test_mixed_share();
	test_broken_utf8();
	test_phrases();
	test_acronyms();
	test_decode_as_locale();
	return tap_done();
}
