/* qrcode.c - a certificate's QR code with libqrencode (qrcode.h). */
#include "qrcode.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml.h"

int qr_path(const char *text, char **path, int *width, struct error *err)
{
	QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	size_t capacity, used = 0;
	int result = -1;

	*path = NULL;
	if (!code)
		return error_set_errno(err, "cannot make the QR code of %s", text);
	*width = code->width;
	/* at most one run in two modules, each "M999 999h999v1h-999z" */
	capacity = (size_t)code->width * (size_t)code->width / 2 * 24 + 1;
	*path = malloc(capacity);
	if (!*path) {
		error_set(err, "out of memory");
		goto out;
	}
	(*path)[0] = '\0';
	for (int y = 0; y < code->width; y++)
		for (int x = 0; x < code->width;) {
			int run = 0;

			while (x + run < code->width && (code->data[y * code->width + x + run] & 1))
				run++;
			if (run)
				used += (size_t)snprintf(*path + used, capacity - used,
							 "M%d %dh%dv1h-%dz", x, y, run, run);
			x += run ? run : 1;
		}
	result = 0;
out:
	QRcode_free(code);
	return result;
}

int certificate_qr_make(struct certificate_qr *qr, const char *base, xmlNodePtr certificate,
			struct error *err)
{
	char serial[96], code[64];
	size_t size;
	int width;

	memset(qr, 0, sizeof(*qr));
	if (!base || !base[0])
		return 0;
	xml_attribute_copy(certificate, "serial", serial, sizeof(serial));
	xml_attribute_copy(certificate, "verification", code, sizeof(code));
	size = strlen(base) + strlen(serial) + strlen(code) + 8;
	qr->url = malloc(size);
	if (!qr->url)
		return error_set(err, "out of memory");
	snprintf(qr->url, size, "%s%s?code=%s", base, serial, code);
	if (qr_path(qr->url, &qr->path, &width, err) < 0)
		return -1;
	snprintf(qr->modules, sizeof(qr->modules), "%d", width);
	qr->parameters[0] = "qrUrl";
	qr->parameters[1] = qr->url;
	qr->parameters[2] = "qrPath";
	qr->parameters[3] = qr->path;
	qr->parameters[4] = "qrModules";
	qr->parameters[5] = qr->modules;
	qr->parameters[6] = NULL;
	return 0;
}

void certificate_qr_release(struct certificate_qr *qr)
{
	free(qr->url);
	free(qr->path);
	qr->url = qr->path = NULL;
}
