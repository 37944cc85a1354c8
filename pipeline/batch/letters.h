/* letters.h - a letter rendered into the run's open transaction: one letter
 * document, made into XHTML, text and a typeset PDF, and its e-mail message
 * (letters.c). */
#ifndef ECAP_LETTERS_H
#define ECAP_LETTERS_H

#include "batch.h"

/* path with its extension replaced: "x/01-returned.txt" -> "x/01-returned.pdf" */
void with_extension(const char *path, const char *extension, char *out, size_t size);
/* The policy's words a letter carries (contact, signatory, feedback) as
 * stylesheet parameter pairs into out (room entries with the closing NULL),
 * empty values left out; returns the entries used. */
size_t letter_policy_parameters(const struct policy *policy, const char **out, size_t room);
/* The letter of `kind` built from document (a dossier, or a registerChange
 * for the status letter) by xslt/letter-KIND.xsl with parameters, written as
 * html, text and the PDF beside text. */
int put_letter(struct batch *batch, const char *kind, xmlDocPtr document,
	       const char *const *parameters, const char *html, const char *text,
	       struct error *err);
/* The letter of `kind` for `result`, recorded as a <notice> right after it
 * and rendered into out/notices/<id>/, with its e-mail message. */
int write_notice(struct batch *batch, struct dossier *dossier, xmlNodePtr result,
		 const char *kind, struct error *err);

#endif
