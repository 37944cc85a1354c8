/* letters.c - a letter rendered into the open transaction: its XHTML and
 * text by the kind's stylesheets, and its PDF twin typeset from the text
 * (pdf.c). Which letter a result calls for is chosen in consequences.c. */
#include "letters.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "xml.h"

/* path with its extension replaced: "x/01-returned.txt" -> "x/01-returned.pdf" */
void with_extension(const char *path, const char *extension, char *out, size_t size)
{
	const char *dot = strrchr(path, '.');

	snprintf(out, size, "%.*s%s", (int)(dot ? dot - path : (long)strlen(path)), path,
		 extension);
}

static void run_date_text(const struct batch *batch, char out[11])
{
	date_format(batch->options->date, out);
}

/* The PDF twin of a letter, typeset from its text (pdf.c), beside it. */
int put_pdf_of_text(struct batch *batch, const char *text, size_t size, const char *text_path,
		    struct error *err)
{
	char path[PATH_MAX], date[11];
	unsigned char *pdf = NULL;
	size_t pdf_size = 0;
	int result;

	with_extension(text_path, ".pdf", path, sizeof(path));
	run_date_text(batch, date);
	if (pdf_from_text(text, size, strrchr(path, '/') + 1, date, &pdf, &pdf_size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, path, pdf, pdf_size, err);
	free(pdf);
	return result;
}

static int render_pair(struct batch *batch, const char *kind, xmlDocPtr document,
		       const char *const *parameters, const char *html, const char *text,
		       struct error *err)
{
	char stylesheet[96];
	xmlChar *output = NULL;
	int size = 0, result = -1;

	snprintf(stylesheet, sizeof(stylesheet), "notice-%s.xsl", kind);
	if (renderer_apply(batch->renderer, stylesheet, document, parameters, &output, &size,
			   err) < 0 ||
	    transaction_put(&batch->transaction, html, output, (size_t)size, err) < 0)
		goto out;
	xmlFree(output);
	output = NULL;
	snprintf(stylesheet, sizeof(stylesheet), "notice-%s-text.xsl", kind);
	if (renderer_apply(batch->renderer, stylesheet, document, parameters, &output, &size,
			   err) < 0 ||
	    transaction_put(&batch->transaction, text, output, (size_t)size, err) < 0 ||
	    put_pdf_of_text(batch, (const char *)output, (size_t)size, text, err) < 0)
		goto out;
	batch->summary->notices++;
	result = 0;
out:
	xmlFree(output);
	return result;
}

/* The letter for `result`, recorded right after it so that the stylesheet
 * finds the result it tells as the notice's nearest preceding sibling. */
int write_notice(struct batch *batch, struct dossier *dossier, xmlNodePtr result,
		 const char *kind, struct error *err)
{
	char id[128], date[11], seq[16], html[PATH_MAX], text[PATH_MAX];
	int number = dossier_count(dossier, "notice") + 1;
	xmlNodePtr notice = xmlNewDocNode(dossier->document, dossier->root->ns,
					  (const xmlChar *)"notice", NULL);
	const char *parameters[] = { "seq", seq, NULL };

	xmlAddNextSibling(result, notice);
	dossier_get(dossier, "id", id, sizeof(id));
	date_format(batch->options->date, date);
	snprintf(seq, sizeof(seq), "%d", number);
	snprintf(html, sizeof(html), "out/notices/%s/%02d-%s.html", id, number, kind);
	snprintf(text, sizeof(text), "out/notices/%s/%02d-%s.txt", id, number, kind);
	xml_set(notice, "seq", seq);
	xml_set(notice, "kind", kind);
	xml_set(notice, "date", date);
	xml_set(notice, "html", html);
	xml_set(notice, "text", text);
	if (render_pair(batch, kind, dossier->document, parameters, html, text, err) < 0)
		return -1;
	log_line(batch, "%s: letter %s", id, html);
	return 0;
}
