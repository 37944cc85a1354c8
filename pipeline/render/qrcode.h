/* qrcode.h - the QR code on a certificate (R11): its verification address,
 * policy `verification baseUrl` + serial + "?code=" + verification code,
 * encoded with libqrencode and drawn by certificate-svg.xsl as one SVG path.
 */
#ifndef ECAP_QRCODE_H
#define ECAP_QRCODE_H

#include <libxml/tree.h>
#include "error.h"

/* Adds to the certificate element (after it was written and signed: this
 * is for the stylesheet only) <qr url="ADDRESS" modules="WIDTH">PATH</qr>,
 * PATH the dark modules as SVG path data, one unit a module. Adds nothing
 * when base is empty (the policy names no verification address). */
int certificate_qr_add(xmlNodePtr certificate, const char *base, struct error *err);

/* The dark modules of text's QR code (level M) as SVG path data; caller frees. */
int qr_path(const char *text, char **path, int *width, struct error *err);

#endif
