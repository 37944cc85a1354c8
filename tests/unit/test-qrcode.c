/* test-qrcode.c - the QR code's path (pipeline/render/qrcode.c).
 *
 * Checks module for module that the path fills exactly the dark modules of
 * libqrencode's code, two ways: by the path's winding number in each module
 * (read from the path data here: 1 in a dark module, 0 in a light one, so
 * that either fill rule fills the same), and by librsvg drawing it as the
 * certificate does, one pixel a module, under SVG's default fill rule. For
 * texts of every length to 2,331 bytes (all 40 versions, past the longest
 * verification address the policy allows), and for made-up module grids:
 * holes, areas that touch only at a corner, a checkerboard of 177 modules
 * (the most corners there can be) and random ones. Also that every point
 * of the path is a corner, and fewer than the rectangles a run of old.
 */
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qrcode.h"
#include "tap.h"

#define MOST 177		/* the width of version 40 */

/* What a path was found to draw. */
struct drawing {
	int winding[MOST][MOST + 1];	/* winding number in each module */
	int points;			/* points of the path: M, h and v */
	int subpaths;
	int problem;			/* 1 if the path had anything else */
};

static int number(const char **at, int *value)
{
	char *end;
	long read = strtol(*at, &end, 10);

	if (end == *at)
		return -1;
	*at = end;
	*value = (int)read;
	return 0;
}

/* A side from (x0, y0) to (x1, y1): a vertical one adds its direction
 * (down +1) to the winding of the modules left of it along its rows; kept
 * here in the module right of it (winding[] has a column more than the
 * widest code, for its right edge); winding_wrong sums them. */
static void side(struct drawing *drawing, int width, int x0, int y0, int x1, int y1)
{
	int low = y0 < y1 ? y0 : y1, high = y0 < y1 ? y1 : y0;

	if (x0 != x1 && y0 != y1) {
		drawing->problem = 1;
		return;
	}
	if (x0 != x1)
		return;
	if (x0 < 0 || x0 > width || low < 0 || high > width) {
		drawing->problem = 1;
		return;
	}
	for (int y = low; y < high; y++)
		drawing->winding[y][x0] += y1 > y0 ? 1 : -1;
}

/* Reads path data of the form qr_outline writes: "Mx y" then h and v,
 * alternating (so every point a corner), none of length 0, then "z". */
static void read_path(const char *path, int width, struct drawing *drawing)
{
	const char *at = path;
	int x = 0, y = 0, start_x = 0, start_y = 0, last = 0, open = 0;

	memset(drawing, 0, sizeof(*drawing));
	while (*at && !drawing->problem) {
		char letter = *at++;
		int a, b;

		if (letter == 'M' && !open && number(&at, &a) == 0 && *at++ == ' ' &&
		    number(&at, &b) == 0) {
			x = start_x = a;
			y = start_y = b;
			drawing->points++;
			drawing->subpaths++;
			last = 'M';
			open = 1;
		} else if ((letter == 'h' || letter == 'v') && open && letter != last &&
			   number(&at, &a) == 0 && a != 0) {
			int to_x = letter == 'h' ? x + a : x, to_y = letter == 'v' ? y + a : y;

			side(drawing, width, x, y, to_x, to_y);
			x = to_x;
			y = to_y;
			drawing->points++;
			last = letter;
		} else if (letter == 'z' && open) {
			side(drawing, width, x, y, start_x, start_y);
			x = start_x;
			y = start_y;
			open = 0;
			last = 0;
		} else
			drawing->problem = 1;
	}
	if (open)
		drawing->problem = 1;
}

/* How many modules the winding numbers get wrong (not 1 dark, 0 light);
 * sums each row's sides from the right first (see side). */
static int winding_wrong(struct drawing *drawing, const unsigned char *modules, int width)
{
	int wrong = 0;

	for (int y = 0; y < width; y++) {
		for (int x = width, sum = 0; x >= 0; x--) {
			int here = drawing->winding[y][x];

			drawing->winding[y][x] = sum;
			sum += here;
		}
		for (int x = 0; x < width; x++)
			wrong += drawing->winding[y][x] != (modules[y * width + x] & 1);
	}
	return wrong;
}

/* How many modules librsvg draws wrong: the path in an SVG of width x width
 * units drawn on as many pixels, the fill rule left to its default. -1 if
 * it cannot draw it. */
static int drawn_wrong(const char *path, const unsigned char *modules, int width)
{
	size_t size = strlen(path) + 256;
	char *svg = malloc(size);
	RsvgHandle *handle = NULL;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	RsvgRectangle page = { 0, 0, width, width };
	int wrong = -1;

	snprintf(svg, size, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		 " viewBox=\"0 0 %d %d\"><path fill=\"#000000\" d=\"%s\"/></svg>",
		 width, width, width, width, path);
	handle = rsvg_handle_new_from_data((const guint8 *)svg, strlen(svg), NULL);
	if (!handle)
		goto out;
	surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, width);
	cr = cairo_create(surface);
	if (!rsvg_handle_render_document(handle, cr, &page, NULL))
		goto out;
	cairo_surface_flush(surface);
	wrong = 0;
	for (int y = 0; y < width; y++) {
		const unsigned char *row = cairo_image_surface_get_data(surface) +
					   y * cairo_image_surface_get_stride(surface);

		for (int x = 0; x < width; x++) {
			unsigned alpha = ((const uint32_t *)row)[x] >> 24;

			wrong += alpha != ((modules[y * width + x] & 1) ? 255u : 0u);
		}
	}
out:
	if (cr)
		cairo_destroy(cr);
	if (surface)
		cairo_surface_destroy(surface);
	if (handle)
		g_object_unref(handle);
	free(svg);
	return wrong;
}

/* The points of the path of old: 4 a run of dark modules (M, h, v, h). */
static int run_points(const unsigned char *modules, int width)
{
	int points = 0;

	for (int y = 0; y < width; y++)
		for (int x = 0; x < width; x++)
			points += (modules[y * width + x] & 1) &&
				  (x == 0 || !(modules[y * width + x - 1] & 1)) ? 4 : 0;
	return points;
}

/* Checks qr_outline on a grid; returns the number of things wrong, printing them. */
static int check_grid(const unsigned char *modules, int width, const char *name,
		      struct drawing *drawing, int *points)
{
	struct error err = { "" };
	char *path = NULL;
	int wrong = 0, winding, drawn;

	if (qr_outline(modules, width, &path, &err) < 0) {
		printf("# %s: %s\n", name, err.message);
		return 1;
	}
	read_path(path, width, drawing);
	winding = winding_wrong(drawing, modules, width);
	drawn = drawn_wrong(path, modules, width);
	if (drawing->problem || winding || drawn) {
		printf("# %s: %s, %d modules of wrong winding, %d drawn wrong\n", name,
		       drawing->problem ? "path not of the form" : "path of the form", winding, drawn);
		wrong++;
	}
	if (points)
		*points = drawing->points;
	free(path);
	return wrong;
}

/* A text of length bytes, varied by seed: an address like the benchmark's
 * padded out, and some bytes of any value past it. */
static char *text_of(size_t length, unsigned seed)
{
	static const char address[] = "https://www.example.org/ecap/verify/CSEE-000001-1?code=F582-8F52-C44B";
	char *text = malloc(length + 1);

	for (size_t i = 0; i < length; i++) {
		seed = seed * 1103515245u + 12345u;
		text[i] = i < sizeof(address) - 1 ? address[i] : (char)(' ' + (seed >> 16) % 95);
	}
	text[length] = '\0';
	return text;
}

int main(void)
{
	static struct drawing drawing;
	static unsigned char grid[MOST * MOST];
	int versions[41] = { 0 }, wrong = 0, codes = 0, covered = 0, fewer = 1, every = 1;

	/* codes of every length, so of every version */
	for (size_t length = 1; length <= 2331; length += 4) {
		char *text = text_of(length, (unsigned)length);
		QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
		struct error err = { "" };
		char *path = NULL;
		int width = 0, points = 0;

		if (!code || qr_path(text, &path, &width, &err) < 0 || width != code->width) {
			printf("# length %zu: no code or no path: %s\n", length, err.message);
			wrong++;
		} else {
			char name[64];

			snprintf(name, sizeof(name), "text of %zu bytes", length);
			wrong += check_grid(code->data, code->width, name, &drawing, &points);
			if (points >= run_points(code->data, code->width))
				fewer = 0;
			versions[code->version]++;
			codes++;
		}
		if (code)
			QRcode_free(code);
		free(path);
		free(text);
	}
	for (int version = 1; version <= 40; version++)
		covered += versions[version] > 0;
	is_int(covered, 40, "texts of 1 to 2,331 bytes make codes of all 40 versions");
	is_int(wrong, 0, "each code's path winds 1 in every dark module, 0 in every light one, "
	       "and librsvg draws exactly its dark modules");
	ok(fewer && codes > 500, "each path has fewer points than the code's runs had");

	/* the benchmark's address: its outline and its points */
	{
		char *path = NULL;
		int width = 0;
		struct error err = { "" };
		QRcode *code = QRcode_encodeString8bit(
			"https://www.example.org/ecap/verify/CSEE-000001-1?code=F582-8F52-C44B",
			0, QR_ECLEVEL_M);

		ok(qr_path("https://www.example.org/ecap/verify/CSEE-000001-1?code=F582-8F52-C44B",
			   &path, &width, &err) == 0, "the benchmark's address has a path");
		read_path(path ? path : "", width, &drawing);
		printf("# the benchmark's address: %d modules, %d points in %d subpaths, "
		       "%d as runs, %zu bytes\n", width, drawing.points, drawing.subpaths,
		       run_points(code->data, code->width), path ? strlen(path) : 0);
		ok(!drawing.problem && drawing.points * 3 < run_points(code->data, code->width) * 2,
		   "its path has less than two thirds of the points of its runs");
		QRcode_free(code);
		free(path);
	}

	/* made-up grids */
	{
		char *path = NULL;
		struct error err = { "" };
		static const unsigned char ring[9] = { 1, 1, 1, 1, 0, 1, 1, 1, 1 };
		static const unsigned char corners[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
		/* a ring of dark modules whose hole touches the outside at a corner */
		static const unsigned char touching[16] = {
			0, 1, 1, 1,
			0, 1, 0, 1,
			0, 0, 1, 1,
			0, 0, 0, 0,
		};
		int points = 0;

		qr_outline(ring, 3, &path, &err);
		is_string(path, "M0 0h3v3h-3zM1 1v1h1v-1z",
			  "a ring: its outline clockwise, its hole its own subpath counter-clockwise");
		free(path);
		qr_outline(corners, 3, &path, &err);
		is_string(path, "M0 0h1v1h-1zM1 1h1v1h-1zM2 2h1v1h-1z",
			  "modules touching at corners: a square each");
		free(path);
		qr_outline(touching, 4, &path, &err);
		is_string(path, "M1 0h3v3h-2v-1h1v-1h-1v1h-1z",
			  "a hole open at a corner: one polygon, touching itself there");
		free(path);
		is_int(check_grid(touching, 4, "touching", &drawing, NULL), 0,
		       "and it fills exactly those modules");
		memset(grid, 0, sizeof(grid));
		qr_outline(grid, MOST, &path, &err);
		is_string(path, "", "no dark module: an empty path");
		free(path);
		memset(grid, 1, sizeof(grid));
		qr_outline(grid, MOST, &path, &err);
		is_string(path, "M0 0h177v177h-177z", "all dark: one square");
		free(path);
		for (int i = 0; i < MOST * MOST; i++)
			grid[i] = (unsigned char)((i % MOST + i / MOST) % 2);
		is_int(check_grid(grid, MOST, "checkerboard", &drawing, &points), 0,
		       "a checkerboard of 177 (every vertex a corner) fits its buffer and fills right");
		is_int(points, 4 * (MOST * MOST / 2), "a square each of its dark modules");
		for (int i = 0; i < MOST * MOST; i++)
			grid[i] = (unsigned char)(1 - (i % MOST + i / MOST) % 2);
		is_int(check_grid(grid, MOST, "checkerboard, dark corners", &drawing, &points), 0,
		       "and its inverse, dark at the corners");
		for (unsigned seed = 1, round = 0; round < 60; round++) {
			int width = 1 + (int)(round * 3 % MOST), share = 1 + (int)(round % 9);
			char name[64];

			for (int i = 0; i < width * width; i++) {
				seed = seed * 1103515245u + 12345u;
				grid[i] = (unsigned char)((int)((seed >> 16) % 10) < share);
			}
			snprintf(name, sizeof(name), "random grid %u", round);
			if (check_grid(grid, width, name, &drawing, NULL))
				every = 0;
		}
		ok(every, "60 random grids of 1 to 175 modules, 10 to 90 % dark, fill right");
	}
	return tap_done();
}
