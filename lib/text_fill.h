/* text_fill.h - plain text filled into lines of a given width, exactly as
 * xslt/text-wrap.xsl's text-wrap template fills them (text_fill.c); the
 * renderer offers it to the stylesheets as an XSLT extension function so
 * that the letters' text twins need not fill lines in XSLT recursion. */
#ifndef ECAP_TEXT_FILL_H
#define ECAP_TEXT_FILL_H

#include <stddef.h>

#include "error.h"

/* The columns UTF-8 text takes as text-wrap.xsl counts them (and as the
 * renderer's t:columns gives them to the stylesheets): a printable
 * ASCII character (space to '~') one, every other character two, whatever
 * it is (a CJK character, full-width punctuation, but also a combining mark
 * or a zero-width space: the stylesheet cannot tell them apart). */
size_t text_fill_columns(const char *text, size_t length);

/* text with its white space normalized (XPath normalize-space) filled into
 * lines of at most width columns, each ended by a newline: the first line
 * begins with first, the others with indent, and a line has at least 10
 * columns for its text whatever the prefix takes. Lines break at a space or
 * between two characters that are not both printable ASCII (inside a Latin
 * word or number never), never before a closing mark (，。）… ,.)) nor after
 * an opening one (（《“ ([), looking at most 30 characters back from where
 * the line is full; a word that cannot be broken so is cut where the line
 * is full. Empty text is one line, the prefix alone. Returns the lines, to
 * be freed by the caller (free), or NULL with err set when out of memory. */
char *text_fill(const char *text, const char *first, const char *indent, size_t width,
		struct error *err);

#endif
