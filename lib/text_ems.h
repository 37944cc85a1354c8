/* text_ems.h - the estimated width of a text in ems, exactly as
 * xslt/certificate-svg.xsl's ems template estimates it (text_ems.c); the
 * renderer offers it to the stylesheets as t:ems, an XSLT extension
 * function, so that a certificate need not measure every text with four
 * translate() calls over long character classes. */
#ifndef ECAP_TEXT_EMS_H
#define ECAP_TEXT_EMS_H

#include <stddef.h>

/* How many of the characters of UTF-8 text occur in set (a UTF-8 string
 * of characters): what string-length(text) - string-length(translate(text,
 * set, '')) gives in XPath, a character being a Unicode character. */
size_t text_characters_in(const char *text, const char *set);

/* The width of text in ems with the stylesheet's weights and arithmetic:
 * a character not in narrow 1; in a monospace face every other character
 * 0.62; else a character in wide 0.72, in small 0.56, a space 0.3 and any
 * other 0.5 (the character classes are the stylesheet's variables, which
 * it passes: they are defined there only). */
double text_ems(const char *text, int monospace, const char *narrow, const char *wide,
		const char *small);

#endif
