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

/* The dark modules of text's QR code (level M) as SVG path data (as
 * qr_outline), its width in modules in *width; caller frees *path. */
int qr_path(const char *text, char **path, int *width, struct error *err);

/* The dark modules of a width x width code (bit 0 of each byte of modules,
 * row by row, as libqrencode gives them) as SVG path data, one unit a
 * module: the outline of each area of dark modules that share sides, and
 * of each light hole in one, as a polygon of its corners ("Mx y", relative
 * h and v, "z"), wound so that it fills exactly the dark modules under the
 * nonzero and the evenodd rule alike; "" when none is dark. Caller frees. */
int qr_outline(const unsigned char *modules, int width, char **path, struct error *err);

#endif
