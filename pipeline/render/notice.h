/* notice.h - rendering letters and other documents with XSLT.
 *
 * Each stylesheet is compiled once, on first use, and reused for every
 * document of the run. Transforms run under security preferences that forbid
 * reading and writing files and the network, with bounded template depth.
 */
#ifndef ECAP_NOTICE_H
#define ECAP_NOTICE_H

#include <libxml/tree.h>
#include "error.h"

struct renderer;

struct renderer *renderer_new(struct error *err);
void renderer_free(struct renderer *renderer);

/* Applies xslt/<stylesheet> to document with the given string parameters
 * (NULL-terminated name, value pairs; values are passed as strings, not
 * XPath). *output receives the serialized result (free with xmlFree). */
int renderer_apply(struct renderer *renderer, const char *stylesheet, xmlDocPtr document,
		   const char *const *parameters, xmlChar **output, int *size,
		   struct error *err);

/* Applies xslt/<stylesheet> as renderer_apply does, but hands over the
 * result tree instead of its serialization: *result (free with xmlFreeDoc)
 * is the document a later transform or pdf_from_letter reads, as a letter
 * document is (xslt/letter-KIND.xsl). */
int renderer_transform(struct renderer *renderer, const char *stylesheet, xmlDocPtr document,
		       const char *const *parameters, xmlDocPtr *result, struct error *err);

#endif
