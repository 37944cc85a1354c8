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

int certificate_qr_add(xmlNodePtr certificate, const char *base, struct error *err)
{
	char serial[96], code[64];
	char *url = NULL, *path = NULL;
	xmlNodePtr qr;
	size_t size;
	int width, result = -1;

	if (!base || !base[0])
		return 0;
	xml_attribute_copy(certificate, "serial", serial, sizeof(serial));
	xml_attribute_copy(certificate, "verification", code, sizeof(code));
	size = strlen(base) + strlen(serial) + strlen(code) + 8;
	url = malloc(size);
	if (!url)
		return error_set(err, "out of memory");
	snprintf(url, size, "%s%s?code=%s", base, serial, code);
	if (qr_path(url, &path, &width, err) < 0)
		goto out;
	qr = xml_add_child(certificate, "qr", path);
	xml_set(qr, "url", url);
	xml_set_format(qr, "modules", "%d", width);
	result = 0;
out:
	free(url);
	free(path);
	return result;
}
