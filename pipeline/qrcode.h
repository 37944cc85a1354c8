/* qrcode.h - the QR code on a certificate (R11): its verification address,
 * policy `verification baseUrl` + serial + "?code=" + verification code,
 * encoded with libqrencode and drawn by certificate-svg.xsl as one SVG path.
 */
#ifndef ECAP_QRCODE_H
#define ECAP_QRCODE_H

#include <libxml/tree.h>
#include "error.h"

/* What certificate-svg.xsl takes: the parameters qrUrl, qrPath (the dark
 * modules as path data, one unit a module) and qrModules (the width). */
struct certificate_qr {
	char *url;
	char *path;
	const char *parameters[7];	/* name, value pairs, NULL-terminated */
	char modules[16];
};

/* Makes the QR code of the certificate document's root (its serial and
 * verification attributes); with no base address, parameters is empty (no
 * QR code is drawn). Release with certificate_qr_release. */
int certificate_qr_make(struct certificate_qr *qr, const char *base, xmlNodePtr certificate,
			struct error *err);
void certificate_qr_release(struct certificate_qr *qr);

/* The dark modules of text's QR code (level M) as SVG path data. */
int qr_path(const char *text, char **path, int *width, struct error *err);

#endif
