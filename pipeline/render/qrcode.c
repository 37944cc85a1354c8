/* qrcode.c - a certificate's QR code with libqrencode (qrcode.h).
 *
 * The dark modules are drawn as the outlines of the areas they make, each a
 * polygon of its corners only, not as one rectangle a run of modules: cairo
 * handles every point of the path, and prints each into the PDF through
 * snprintf. The benchmark's first certificate's code, 356 runs of 4 points
 * (1,424), is 934 points in 116 outlines; its PDF takes 55.8 M instructions
 * to make instead of 60.3 M, and is 1.5 KB smaller.
 *
 * Every side between a dark and a light module (or the edge of the code) is
 * drawn once, directed with the dark module on its right: clockwise round a
 * dark area on the page (y down), counter-clockwise round a light hole in
 * it. The winding number is then 1 inside every dark module and 0 inside
 * every light one, so the path fills the same modules under either fill
 * rule (certificate-svg.xsl leaves SVG's default, nonzero).
 */
#include "qrcode.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml.h"

/* the directions of a side, clockwise on the page (y down) */
enum { EAST, SOUTH, WEST, NORTH };
static const int step_x[4] = { 1, 0, -1, 0 };
static const int step_y[4] = { 0, 1, 0, -1 };

/* the path data being written, and how much room it has */
struct outline_text {
	char *bytes;
	size_t used, capacity;
};

static int dark(const unsigned char *modules, int width, int x, int y)
{
	return x >= 0 && y >= 0 && x < width && y < width && (modules[y * width + x] & 1);
}

/* The sides leaving vertex (x, y) (the top left corner of module (x, y))
 * with a dark module on their right, a bit 1 << direction each; and in
 * *corners how many times an outline turns there: once where 1 or 3 of the
 * four modules round it are dark, twice where 2 touch only at corners. */
static unsigned sides_from(const unsigned char *modules, int width, int x, int y, size_t *corners)
{
	int nw = dark(modules, width, x - 1, y - 1), ne = dark(modules, width, x, y - 1);
	int sw = dark(modules, width, x - 1, y), se = dark(modules, width, x, y);
	int count = nw + ne + sw + se;

	*corners += count % 2 ? 1 : count == 2 && nw == se ? 2 : 0;
	return (unsigned)(se && !ne) << EAST | (unsigned)(sw && !se) << SOUTH |
	       (unsigned)(nw && !sw) << WEST | (unsigned)(ne && !nw) << NORTH;
}

/* Where an outline that reached a vertex heading `heading` goes on: right,
 * else straight on, else left. Only where two dark modules touch at a
 * corner are there two ways, right and left; right keeps to the module the
 * outline came along, so each polygon goes round one area whose modules
 * share sides, and never crosses itself. */
static int next_heading(unsigned sides, int heading)
{
	int right = (heading + 1) % 4, left = (heading + 3) % 4;

	if (sides & 1u << right)
		return right;
	if (sides & 1u << heading)
		return heading;
	return left;
}

/* Appends length bytes, with room left for the NUL after them. */
static int put_bytes(struct outline_text *text, const char *bytes, size_t length, struct error *err)
{
	if (length >= text->capacity - text->used)
		return error_set(err, "the QR code's path is longer than its bound of %zu bytes",
				 text->capacity - 1);
	memcpy(text->bytes + text->used, bytes, length);
	text->used += length;
	text->bytes[text->used] = '\0';
	return 0;
}

/* Appends letter and value in decimal, '-' before it if negative (by hand:
 * snprintf was four fifths of the time of the whole outline). */
static int put(struct outline_text *text, char letter, int value, struct error *err)
{
	char digits[16], *at = digits + sizeof(digits);
	unsigned magnitude = value < 0 ? 0u - (unsigned)value : (unsigned)value;

	do {
		*--at = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude);
	if (value < 0)
		*--at = '-';
	*--at = letter;
	return put_bytes(text, at, (size_t)(digits + sizeof(digits) - at), err);
}

/* Writes the outline that leaves vertex (x0, y0) heading `first`, marking
 * its sides drawn (bits 4 to 7 of sides[]): "Mx y", a relative h or v to
 * each corner after the first, and "z" for the side back to the first.
 * The caller starts it at the top left vertex of an outline, a corner. */
static int trace(unsigned char *sides, int vertices, int x0, int y0, int first,
		 struct outline_text *text, struct error *err)
{
	int x = x0, y = y0, heading = first, length = 0;

	if (put(text, 'M', x0, err) < 0 || put(text, ' ', y0, err) < 0)
		return -1;
	for (;;) {
		int next;

		sides[y * vertices + x] |= (unsigned char)(16u << heading);
		x += step_x[heading];
		y += step_y[heading];
		length++;
		next = next_heading(sides[y * vertices + x] & 15u, heading);
		if (x == x0 && y == y0 && next == first)
			break;
		if (next != heading) {
			if (put(text, "hvhv"[heading], heading >= WEST ? -length : length, err) < 0)
				return -1;
			heading = next;
			length = 0;
		}
	}
	return put_bytes(text, "z", 1, err);
}

int qr_outline(const unsigned char *modules, int width, char **path, struct error *err)
{
	int vertices = width + 1, digits = 1, result = -1;
	unsigned char *sides = NULL;
	struct outline_text text = { NULL, 0, 0 };
	size_t corners = 0;

	*path = NULL;
	sides = malloc((size_t)vertices * (size_t)vertices);
	if (!sides)
		return error_set(err, "out of memory");
	for (int y = 0; y < vertices; y++)
		for (int x = 0; x < vertices; x++)
			sides[y * vertices + x] = (unsigned char)sides_from(modules, width, x, y, &corners);
	/* The scan below, row by row, meets each outline first at its top
	 * left vertex, a corner (its two sides there lie east and south of it). So an
	 * outline of k corners (k >= 4) is "Mx y" (2 + 2 digits), k - 1
	 * of "h-n" or "v-n" (at most 2 + digits each: coordinates and lengths
	 * are at most width) and "z": at most k (2 + digits) + digits + 1.
	 * With at most corners / 4 outlines, the whole path is at most
	 * corners (2 + digits) + corners / 4 (digits + 1) bytes and its NUL;
	 * for version 40 (177 modules) at most 5 bytes a corner and 4 an
	 * outline. */
	for (int w = width; w >= 10; w /= 10)
		digits++;
	text.capacity = corners * (size_t)(2 + digits) + corners / 4 * (size_t)(digits + 1) + 1;
	text.bytes = malloc(text.capacity);
	if (!text.bytes) {
		error_set(err, "out of memory");
		goto out;
	}
	text.bytes[0] = '\0';
	for (int y = 0; y < vertices; y++)
		for (int x = 0; x < vertices; x++) {
			unsigned char *vertex = &sides[y * vertices + x];
			unsigned waiting;

			while ((waiting = (*vertex & 15u) & ~(unsigned)(*vertex >> 4))) {
				int first = EAST;

				while (!(waiting & 1u << first))
					first++;
				if (trace(sides, vertices, x, y, first, &text, err) < 0)
					goto out;
			}
		}
	*path = text.bytes;
	text.bytes = NULL;
	result = 0;
out:
	free(text.bytes);
	free(sides);
	return result;
}

int qr_path(const char *text, char **path, int *width, struct error *err)
{
	QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	int result;

	*path = NULL;
	if (!code)
		return error_set_errno(err, "cannot make the QR code of %s", text);
	*width = code->width;
	result = qr_outline(code->data, code->width, path, err);
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
