/* letters.h - a letter rendered into the run's open transaction: XHTML,
 * text and the PDF typeset from the text (letters.c). */
#ifndef ECAP_LETTERS_H
#define ECAP_LETTERS_H

#include "batch.h"

/* path with its extension replaced: "x/01-returned.txt" -> "x/01-returned.pdf" */
void with_extension(const char *path, const char *extension, char *out, size_t size);
/* The PDF of a letter's text, stored beside text_path with .pdf. */
int put_pdf_of_text(struct batch *batch, const char *text, size_t size, const char *text_path,
		    struct error *err);
/* The letter of `kind` for `result`, recorded as a <notice> right after it
 * and rendered into out/notices/<id>/. */
int write_notice(struct batch *batch, struct dossier *dossier, xmlNodePtr result,
		 const char *kind, struct error *err);

#endif
