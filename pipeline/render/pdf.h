/* pdf.h - letters and certificates as PDF, made in memory.
 *
 * A letter's PDF is typeset from its letter document (xsd/letter.xsd, made
 * by xslt/letter-KIND.xsl) by pdf_letter.c: A4 portrait, the proportional
 * TrueType CJK font "WenQuanYi Micro Hei" (fonts-wqy-microhei; Zen Hei for
 * what it lacks; pdf_letter.c says why not Noto), the letterhead over a rule, a bold centred title, particulars,
 * bold larger section headings, justified paragraphs, hanging lists,
 * tables, the signature and date set right, "第 N 页 共 M 页" at each foot.
 * A letter that runs a little onto a second page is set a little smaller.
 * ecap writes the letter's PDF objects itself (pdf_direct.h), the seal as
 * the page cairo drew it on alone (pdf_embed.h); what that writer declines
 * is drawn on a cairo PDF surface, as the certificates are.
 *
 * A certificate's PDF is its SVG (xslt/certificate-svg.xsl) on one A4
 * landscape page, written by ecap (pdf_certificate.h): the ground drawn by
 * librsvg once a thread, the holder's particulars and the QR code written
 * on it. An SVG that writer declines is drawn whole by librsvg, its fixed
 * texts (<g id="fixed">) replayed from a recording the thread keeps
 * (pdf_fixed.h). The SVG is loaded from memory with no base URI, so it
 * cannot make librsvg read a file or the network.
 *
 * No function here touches the file system: the caller gets the bytes and
 * stores them itself. On success *pdf holds *pdf_size bytes owned by the
 * caller (free with free()); on failure both are left NULL / 0, err says why
 * and the function returns -1. title (may be NULL) becomes the document's
 * Title; its Creator is "ecap".
 */
#ifndef ECAP_PDF_H
#define ECAP_PDF_H

#include <stddef.h>
#include <libxml/tree.h>
#include "error.h"

/* `date` ("YYYY-MM-DD", or NULL for now) is the document's creation date:
 * given the run's date, the same letter gives the same bytes, run again.
 * letter is a letter document (root l:letter in urn:ecap:letter:1). */
int pdf_from_letter(xmlDocPtr letter, const char *title, const char *date,
		    unsigned char **pdf, size_t *pdf_size, struct error *err);

int pdf_from_svg(const char *svg, size_t size, const char *title, const char *date,
		 unsigned char **pdf, size_t *pdf_size, struct error *err);

#endif
