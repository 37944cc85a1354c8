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

/* One compiled stylesheet of the renderer, with its security preferences,
 * taken from the renderer's cache by renderer_sheet on the thread that owns
 * the renderer and then applied on any thread, several at once
 * (renderer_sheet_apply): a compiled stylesheet is only read by a
 * transform, which makes its own context (and dictionary, a child of the
 * stylesheet's, whose reference count libxml2 locks), and the extension
 * functions are registered on that context. The document transformed is
 * changed by the transform (xsl:strip-space, the order of its elements
 * noted for XPath), so it must be the calling thread's alone. Valid as long
 * as the renderer. */
struct renderer_sheet {
	const char *name;
	struct _xsltStylesheet *stylesheet;
	struct _xsltSecurityPrefs *security;
};

/* xslt/<name> compiled (once) into *sheet. */
int renderer_sheet(struct renderer *renderer, const char *name, struct renderer_sheet *sheet,
		   struct error *err);
/* renderer_transform and renderer_apply with a sheet taken before. */
int renderer_sheet_transform(const struct renderer_sheet *sheet, xmlDocPtr document,
			     const char *const *parameters, xmlDocPtr *result,
			     struct error *err);
int renderer_sheet_apply(const struct renderer_sheet *sheet, xmlDocPtr document,
			 const char *const *parameters, xmlChar **output, int *size,
			 struct error *err);

#endif
