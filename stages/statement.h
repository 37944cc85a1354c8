/* statement.h - measuring the self-statement (R2.1, R2.2, R3).
 *
 * All functions take valid UTF-8 (as libxml2 hands it over) and classify
 * characters with libc's wide-character functions, so the process must have
 * called setlocale(LC_CTYPE, "C.UTF-8") first.
 */
#ifndef ECAP_STATEMENT_H
#define ECAP_STATEMENT_H

#include <stddef.h>
#include <stdint.h>

struct statement_metrics {
	size_t characters;		/* characters that count (R2.2): text_is_uncounted */
	size_t letters;			/* alphabetic characters, CJK ideographs included */
	size_t cjk;			/* CJK unified ideographs (all blocks, compatibility too) */
	size_t team_phrases;		/* 我们 团队 课题组 项目组 我院 我司 我单位 本团队 大家 */
	size_t self_phrases;		/* 本人 我 (a 我 that does not begin 我们/我院/我司/我单位) */
};

/* 1 if the character c is not counted in a statement's length (R2.2): a
 * Unicode White_Space character (U+00A0, U+2007, U+202F, U+3000 ...) or an
 * invisible format character, general category Cf (U+200B, U+FEFF, U+00AD
 * ...). */
int text_is_uncounted(uint32_t c);

/* Adds text's counts to metrics (call once per section; zero metrics first). */
void statement_measure(const char *text, struct statement_metrics *metrics);

/* The share of letters that are CJK ideographs, 0..1 (0 when no letters). */
double statement_cjk_share(const struct statement_metrics *metrics);

/* Latin-letter acronyms (two or more letters, at least two of them capitals,
 * digits allowed after the first letter: GIS, SCADA, 5G is not one, IEC61850
 * is) that appear in text without an explanation. An acronym is explained when
 * one of its occurrences is directly followed or preceded by a parenthesis
 * (ASCII or full-width) holding other words: "地理信息系统（GIS）" or
 * "GIS（地理信息系统）". Writes the distinct unexplained ones, in order of first
 * appearance, separated by single spaces, into out (truncated to out_size);
 * returns how many there are. */
size_t statement_unexplained_acronyms(const char *text, char *out, size_t out_size);

#endif
