/* letters.c - a letter rendered into the open transaction: the kind's
 * builder (xslt/letter-KIND.xsl) makes its letter document once, on the
 * filing thread, which becomes the XHTML, the text and the PDF typeset from
 * it (pdf_letter.c) on a worker (render_queue.h); then its e-mail message
 * (mail.c), made on a worker once those are in place. Which letter a result calls for is
 * chosen in consequences.c from the outcome table. */
#include "letters.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
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

/* The letter document's XHTML and text (xslt/letter-xhtml.xsl and
 * letter-text.xsl) at html and text, and its PDF, typeset from it
 * (pdf_letter.c), beside the text with .pdf: all three made on a worker
 * (render_queue.h), which takes the letter document, and in their places
 * before the transaction commits. The stylesheets are taken from the
 * renderer here, on the filing thread that owns it. */
static int put_renderings(struct batch *batch, xmlDocPtr letter, const char *html,
			  const char *text, struct error *err)
{
	struct render_rendering renderings[2] = { { html, { 0 } }, { text, { 0 } } };
	char path[PATH_MAX], date[11];

	if (renderer_sheet(batch->renderer, "letter-xhtml.xsl", &renderings[0].sheet, err) < 0 ||
	    renderer_sheet(batch->renderer, "letter-text.xsl", &renderings[1].sheet, err) < 0) {
		xmlFreeDoc(letter);
		return -1;
	}
	with_extension(text, ".pdf", path, sizeof(path));
	run_date_text(batch, date);
	return render_queue_letter(batch->renders, &batch->transaction, letter, renderings, 2,
				   path, strrchr(path, '/') + 1, date, err);
}

size_t letter_policy_parameters(const struct policy *policy, const char **out, size_t room)
{
	const char *pairs[] = {
		"contact-address", policy->contact.address,
		"contact-postcode", policy->contact.postcode,
		"contact-phone", policy->contact.phone,
		"contact-email", policy->contact.email,
		"contact-web", policy->contact.web,
		"signatory-name", policy->signatory.name,
		"signatory-title", policy->signatory.title,
		"feedback-name", policy->feedback.name,
		"feedback-address", policy->feedback.address,
		"feedback-postcode", policy->feedback.postcode,
		"feedback-email", policy->feedback.email,
		"seal-src", policy->seal_uri ? policy->seal_uri : "",
	};
	size_t count = 0;

	/* a value with both quote kinds is left out, as when notice.c passed
	 * the values as XPath literals, which cannot hold both: a policy's
	 * letters stay as they were */
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]) && count + 2 < room; i += 2)
		if (pairs[i + 1][0] && !(strchr(pairs[i + 1], '\'') && strchr(pairs[i + 1], '"'))) {
			out[count++] = pairs[i];
			out[count++] = pairs[i + 1];
		}
	out[count] = NULL;
	return count;
}

int put_letter(struct batch *batch, const char *kind, xmlDocPtr document,
	       const char *const *parameters, const char *html, const char *text,
	       struct error *err)
{
	const char *all[32];
	char stylesheet[96];
	xmlDocPtr letter = NULL;
	size_t count = 0;

	/* the caller's parameters, then the policy's words every letter carries */
	for (; parameters && parameters[count] && count + 2 < 8; count += 2) {
		all[count] = parameters[count];
		all[count + 1] = parameters[count + 1];
	}
	letter_policy_parameters(&batch->policy, all + count, sizeof(all) / sizeof(all[0]) - count);
	snprintf(stylesheet, sizeof(stylesheet), "letter-%s.xsl", kind);
	if (renderer_transform(batch->renderer, stylesheet, document, all, &letter, err) < 0)
		return -1;
	/* the letter document is put_renderings's now, whatever happens */
	return put_renderings(batch, letter, html, text, err);
}

/* The letter for `result`, recorded as a <notice> right after it (the same
 * element the stage filters add, dossier_add_notice), so that the
 * stylesheet finds the result it tells as the notice's nearest preceding
 * sibling. */
int write_notice(struct batch *batch, struct dossier *dossier, xmlNodePtr result,
		 const char *kind, struct error *err)
{
	char id[128], seq[16], html[PATH_MAX], text[PATH_MAX];
	xmlNodePtr notice = dossier_add_notice(dossier, result, kind, batch->options->date);
	const char *parameters[] = { "seq", seq, NULL };

	dossier_get(dossier, "id", id, sizeof(id));
	xml_attribute_copy(notice, "seq", seq, sizeof(seq));
	xml_attribute_copy(notice, "html", html, sizeof(html));
	xml_attribute_copy(notice, "text", text, sizeof(text));
	if (put_letter(batch, kind, dossier->document, parameters, html, text, err) < 0 ||
	    mail_put_message(batch, dossier, notice, err) < 0)
		return -1;
	batch->summary->notices++;
	log_line(batch, "%s: letter %s", id, html);
	return 0;
}
