/* pdf_certificate.c - a certificate's PDF written by ecap itself; see
 * pdf_certificate.h.
 *
 * Where librsvg puts a text (librsvg 2.54, text.rs and drawing_ctx.rs): it
 * lays out each span with a Pango context of its own (no hinting, metrics
 * not hinted, glyph positions not rounded, 72 dpi: sizes in user units),
 * the font description and letter spacing as attributes, the direction
 * left to right; the span's width is the layout's logical width; text-anchor
 * moves the span by none, half or all of that width; its baseline is at y.
 * The page is the viewBox fitted into the page (preserveAspectRatio's
 * default, xMidYMid meet). Here the same layout is made in points, the user
 * unit's size times the scale: the glyphs come where librsvg puts them, to
 * Pango's rounding (tests/unit/test-pdf.c compares the words' places).
 *
 * Particulars are drawn after the ground, where the SVG draws them among
 * it: the stylesheet draws nothing over a particular. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include "pdf_cairo_pages.h"
#include "pdf_certificate.h"
#include "pdf_direct.h"
#include "xml.h"

#define SVG_NAMESPACE "http://www.w3.org/2000/svg"
#define MAX_TEXTS 64

/* From the SVG's user units to the page's points, y downward. */
struct placement {
	double scale, x, y;
};

/* What a <text> is drawn with, in points. */
struct text {
	char *content;		/* g_free */
	double x, y, size, spacing;
	char anchor;		/* 's', 'm', 'e' */
	int weight;		/* 100 to 900 */
	int italic;
	unsigned colour;
	char family[256];	/* Pango's family list */
	char language[32];
	int particular;		/* the holder's own: pdf_pages.h */
};

/* The classes of xslt/certificate-svg.xsl's texts that only one holder's
 * certificate has - the name, the verification code, its address - whose
 * glyphs pdf_direct.c embeds apart from those of the rest, which the
 * certificates of a field and level share (pdf_direct.h). */
static const char *const particular_classes[] = {
	"holder", "verification-code", "verification-address", NULL
};

/* Whether a class attribute (names apart by spaces) names one of the
 * particular classes. */
static int is_particular(const char *classes)
{
	for (const char *p = classes; p && *p;) {
		size_t length;

		p += strspn(p, " \t\n\r");
		length = strcspn(p, " \t\n\r");
		for (int i = 0; particular_classes[i] && length; i++)
			if (strlen(particular_classes[i]) == length &&
			    strncmp(p, particular_classes[i], length) == 0)
				return 1;
		p += length;
	}
	return 0;
}

/* What a certificate is taken apart into. */
struct parts {
	struct placement place;
	struct text texts[MAX_TEXTS];
	int text_count;
	GString *path;		/* the QR code's operators, or NULL */
	unsigned path_colour;
	int path_even_odd;
	xmlChar *ground;	/* the SVG without them */
	int ground_size;
};

/* --- the attributes ----------------------------------------------------- */

static int is_svg(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
	       strcmp((const char *)node->ns->href, SVG_NAMESPACE) == 0 &&
	       strcmp((const char *)node->name, name) == 0;
}

/* Whether every attribute of node is one of names (a NULL-ended list);
 * xml:lang counts as "lang". */
static int only_attributes(const xmlNode *node, const char *const *names)
{
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		int known = 0;

		if (a->ns && strcmp(name, "lang") != 0)
			return 0;
		for (const char *const *n = names; *n && !known; n++)
			known = strcmp(name, *n) == 0;
		if (!known)
			return 0;
	}
	return 1;
}

/* The attribute's value (xmlFree), or NULL. */
static xmlChar *attribute(const xmlNode *node, const char *name)
{
	return xmlGetNoNsProp(node, (const xmlChar *)name);
}

/* The number at `at` as CSS writes one (a sign, digits, a point, an
 * exponent), *end past it; *end == at when there is none. strtod alone
 * would also take hexadecimal, "inf" and white space, which librsvg does
 * not. */
static double css_number(const char *at, const char **end)
{
	size_t span = strspn(at, "+-.0123456789eE");
	char copy[64], *stop = copy;
	double value = 0;

	if (span > 0 && span < sizeof(copy)) {
		memcpy(copy, at, span);
		copy[span] = '\0';
		value = g_ascii_strtod(copy, &stop);
	}
	*end = isfinite(value) ? at + (stop - copy) : at;
	return isfinite(value) ? value : 0;
}

/* A number and nothing else: 0, or -1. */
static int parse_number(const char *text, double *value)
{
	const char *end;

	if (!text)
		return -1;
	*value = css_number(text, &end);
	return end != text && *end == '\0' ? 0 : -1;
}

/* A number attribute, or `otherwise` when it is absent: 0, or -1 when it is
 * not a plain number. */
static int number_attribute(const xmlNode *node, const char *name, double otherwise,
			    double *value)
{
	xmlChar *text = attribute(node, name);
	int result = 0;

	*value = otherwise;
	if (text)
		result = parse_number((const char *)text, value);
	xmlFree(text);
	return result;
}

/* "#rrggbb" or "#rgb": 0, or -1 for any other paint. */
static int parse_colour(const char *text, unsigned *colour)
{
	size_t length = strlen(text);
	unsigned value = 0;

	if (text[0] != '#' || (length != 7 && length != 4))
		return -1;
	for (size_t i = 1; i < length; i++) {
		int digit = g_ascii_xdigit_value(text[i]);

		if (digit < 0)
			return -1;
		value = value << (length == 4 ? 8 : 4) | (unsigned)digit * (length == 4 ? 17 : 1);
	}
	*colour = value;
	return 0;
}

/* The value of name on node or the nearest element above it that has it;
 * NULL if none has (xmlFree). */
static xmlChar *inherited(const xmlNode *node, const char *name)
{
	for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
		xmlChar *value = attribute(node, name);

		if (value)
			return value;
	}
	return NULL;
}

static int inherited_colour(const xmlNode *node, unsigned *colour)
{
	xmlChar *fill = inherited(node, "fill");
	int result = 0;

	*colour = 0;	/* SVG's initial fill: black */
	if (fill)
		result = parse_colour((const char *)fill, colour);
	xmlFree(fill);
	return result;
}

/* A CSS font-family list as Pango's: the names, unquoted, joined by
 * commas. 0, or -1 if it does not fit. */
static int family_list(const char *css, char *out, size_t size)
{
	gchar **names = g_strsplit(css, ",", -1);
	size_t used = 0;
	int result = 0;

	out[0] = '\0';
	for (gchar **n = names; *n && result == 0; n++) {
		char *name = g_strstrip(*n);
		size_t length = strlen(name);

		if (length >= 2 && (name[0] == '\'' || name[0] == '"') && name[length - 1] == name[0]) {
			name++;
			length -= 2;
		}
		if (length == 0 || memchr(name, '\'', length) || memchr(name, '"', length) ||
		    used + length + 2 > size) {
			result = -1;
			break;
		}
		if (used)
			out[used++] = ',';
		memcpy(out + used, name, length);
		used += length;
		out[used] = '\0';
	}
	g_strfreev(names);
	return used ? result : -1;
}

/* --- the particulars ---------------------------------------------------- */

/* Whether text needs none of SVG's white space handling (xml:space
 * default): no line break or tab, no space at either end or twice. */
static int plain(const char *text)
{
	size_t length = strlen(text);

	return !strpbrk(text, "\t\r\n") && !strstr(text, "  ") &&
	       (length == 0 || (text[0] != ' ' && text[length - 1] != ' '));
}

static int parse_weight(const char *text, int *weight)
{
	double value;

	if (strcmp(text, "normal") == 0)
		*weight = 400;
	else if (strcmp(text, "bold") == 0)
		*weight = 700;
	else if (parse_number(text, &value) == 0 && value >= 1 && value <= 1000)
		*weight = (int)value;
	else
		return -1;
	return 0;
}

/* The groups above a particular say nothing that changes how it is drawn. */
static int plain_ancestors(const xmlNode *node, const xmlNode *root)
{
	static const char *const group[] = { "class", NULL };

	for (node = node->parent; node != root; node = node->parent)
		if (!is_svg(node, "g") || !only_attributes(node, group))
			return 0;
	return 1;
}

/* The <text> at node, in the page's points: 0, or -1 when it holds or says
 * what is not drawn here. An empty text is left out (count unchanged). */
static int read_text(const xmlNode *node, const xmlNode *root, const struct placement *place,
		     struct parts *parts)
{
	static const char *const known[] = {
		"x", "y", "font-size", "text-anchor", "letter-spacing", "font-weight",
		"font-style", "fill", "font-family", "class", "lang", NULL
	};
	struct text *t = &parts->texts[parts->text_count];
	xmlChar *anchor = attribute(node, "text-anchor"), *weight = attribute(node, "font-weight");
	xmlChar *style = attribute(node, "font-style"), *family = inherited(node, "font-family");
	xmlChar *language = xmlNodeGetLang(node), *classes = attribute(node, "class");
	double x, y, size, spacing;
	int result = -1;

	if (!only_attributes(node, known) || !plain_ancestors(node, root) ||
	    parts->text_count == MAX_TEXTS)
		goto out;
	if (!node->children) {
		result = 0;
		goto out;
	}
	if (node->children->type != XML_TEXT_NODE || node->children->next ||
	    !plain((const char *)node->children->content))
		goto out;
	*t = (struct text){ .anchor = 's', .weight = 400 };
	if (number_attribute(node, "x", 0, &x) < 0 || number_attribute(node, "y", 0, &y) < 0 ||
	    number_attribute(node, "font-size", -1, &size) < 0 || size <= 0 || size > 1000 ||
	    number_attribute(node, "letter-spacing", 0, &spacing) < 0 || fabs(spacing) > 1000 ||
	    inherited_colour(node, &t->colour) < 0)
		goto out;
	if (anchor && strcmp((const char *)anchor, "start") != 0) {
		if (strcmp((const char *)anchor, "middle") == 0)
			t->anchor = 'm';
		else if (strcmp((const char *)anchor, "end") == 0)
			t->anchor = 'e';
		else
			goto out;
	}
	if ((weight && parse_weight((const char *)weight, &t->weight) < 0) ||
	    (style && strcmp((const char *)style, "normal") != 0 &&
	     strcmp((const char *)style, "italic") != 0) ||
	    !family || family_list((const char *)family, t->family, sizeof(t->family)) < 0 ||
	    (language && strlen((const char *)language) >= sizeof(t->language)))
		goto out;
	t->italic = style && strcmp((const char *)style, "italic") == 0;
	t->particular = is_particular((const char *)classes);
	snprintf(t->language, sizeof(t->language), "%s", language ? (const char *)language : "");
	t->x = place->x + x * place->scale;
	t->y = place->y + y * place->scale;
	t->size = size * place->scale;
	t->spacing = spacing * place->scale;
	if (node->children->content[0]) {
		t->content = g_strdup((const char *)node->children->content);
		parts->text_count++;
	}
	result = 0;
out:
	xmlFree(anchor);
	xmlFree(weight);
	xmlFree(style);
	xmlFree(family);
	xmlFree(language);
	xmlFree(classes);
	return result;
}

/* --- the QR code's path ------------------------------------------------- */

/* An affine map of only scales and translations: p -> (sx x + tx, sy y + ty). */
struct scaling {
	double sx, sy, tx, ty;
};

/* A transform list of translate() and scale() only: 0, or -1. */
static int parse_transform(const char *text, struct scaling *map)
{
	*map = (struct scaling){ 1, 1, 0, 0 };
	while (*text) {
		double values[2];
		int count = 0, translate;
		const char *end;

		while (*text == ' ' || *text == ',')
			text++;
		if (!*text)
			break;
		translate = strncmp(text, "translate(", 10) == 0;
		if (!translate && strncmp(text, "scale(", 6) != 0)
			return -1;
		text = strchr(text, '(') + 1;
		while (count < 2) {
			while (*text == ' ' || *text == ',')
				text++;
			if (*text == ')')
				break;
			values[count] = css_number(text, &end);
			if (end == text)
				return -1;
			count++;
			text = end;
		}
		while (*text == ' ')
			text++;
		if (count == 0 || *text != ')')
			return -1;
		text++;
		if (translate) {
			map->tx += map->sx * values[0];
			map->ty += map->sy * (count == 2 ? values[1] : 0);
		} else {
			map->sx *= values[0];
			map->sy *= count == 2 ? values[1] : values[0];
		}
	}
	return 0;
}

/* A point of the path, mapped to the page, appended with its operator. */
static void put_point(GString *out, const struct scaling *map, const struct placement *place,
		      double x, double y, const char *operator)
{
	pdf_append_number(out, place->x + place->scale * (map->sx * x + map->tx));
	g_string_append_c(out, ' ');
	pdf_append_number(out, place->y + place->scale * (map->sy * y + map->ty));
	g_string_append_printf(out, " %s ", operator);
}

/* text past the white space and commas that separate path data. */
static const char *past_separators(const char *text)
{
	return text + strspn(text, " ,\n\t\r");
}

/* The numbers of a path command, from *text: how many were read, at most
 * `most`, and *text past them. */
static int path_numbers(const char **text, double *values, int most)
{
	int count = 0;

	while (count < most) {
		const char *at = past_separators(*text), *end;

		values[count] = css_number(at, &end);
		if (end == at)
			break;
		*text = end;
		count++;
	}
	return count;
}

/* SVG path data of straight lines only (M, L, H, V, Z, either case) as PDF
 * path operators on the page: 0, or -1 for anything else. */
static int path_operators(const char *d, const struct scaling *map,
			  const struct placement *place, GString *out)
{
	double x = 0, y = 0, start_x = 0, start_y = 0, v[2];
	char command = 0;

	for (;;) {
		int relative;

		d = past_separators(d);
		if (!*d)
			return command ? 0 : -1;
		if (strchr("MmLlHhVvZz", *d))
			command = *d++;
		else if (!command || command == 'Z' || command == 'z')
			return -1;	/* numbers after a close, or first */
		relative = command >= 'a';
		switch (command | 0x20) {
		case 'z':
			g_string_append(out, "h ");
			x = start_x;
			y = start_y;
			continue;
		case 'm':
		case 'l':
			if (path_numbers(&d, v, 2) != 2)
				return -1;
			x = v[0] + (relative ? x : 0);
			y = v[1] + (relative ? y : 0);
			break;
		case 'h':
		case 'v':
			if (path_numbers(&d, v, 1) != 1)
				return -1;
			if ((command | 0x20) == 'h')
				x = v[0] + (relative ? x : 0);
			else
				y = v[0] + (relative ? y : 0);
			break;
		}
		if ((command | 0x20) == 'm') {
			start_x = x;
			start_y = y;
			put_point(out, map, place, x, y, "m");
			command = relative ? 'l' : 'L';	/* what further pairs are */
		} else {
			put_point(out, map, place, x, y, "l");
		}
	}
}

/* The QR code's <path> at node, whose parent is its group: 0, or -1. */
static int read_path(const xmlNode *node, const xmlNode *root, const struct placement *place,
		     struct parts *parts)
{
	static const char *const known[] = { "d", "fill", "fill-rule", "transform", NULL };
	xmlChar *d = attribute(node, "d"), *transform = attribute(node, "transform");
	xmlChar *rule = attribute(node, "fill-rule");
	struct scaling map;
	int result = -1;

	if (parts->path || !d || !only_attributes(node, known) || !plain_ancestors(node, root) ||
	    inherited_colour(node, &parts->path_colour) < 0 ||
	    parse_transform(transform ? (const char *)transform : "", &map) < 0 ||
	    (rule && strcmp((const char *)rule, "nonzero") != 0 &&
	     strcmp((const char *)rule, "evenodd") != 0))
		goto out;
	parts->path_even_odd = rule && strcmp((const char *)rule, "evenodd") == 0;
	parts->path = g_string_sized_new(16 * 1024);
	result = path_operators((const char *)d, &map, place, parts->path);
out:
	xmlFree(d);
	xmlFree(transform);
	xmlFree(rule);
	return result;
}

/* --- taking the SVG apart ----------------------------------------------- */

/* The viewBox fitted into width x height as librsvg fits it. */
static int read_root(const xmlNode *root, double width, double height, struct placement *place)
{
	static const char *const known[] = {
		"version", "width", "height", "viewBox", "font-family", "fill", "lang", NULL
	};
	xmlChar *box = attribute(root, "viewBox");
	double v[4];
	const char *at, *end;
	int count = 0;

	if (!box || !only_attributes(root, known)) {
		xmlFree(box);
		return -1;
	}
	for (at = (const char *)box; count < 4; at = end, count++) {
		while (*at == ' ' || *at == ',')
			at++;
		v[count] = css_number(at, &end);
		if (end == at)
			break;
	}
	xmlFree(box);
	if (count != 4 || v[2] <= 0 || v[3] <= 0)
		return -1;
	place->scale = fmin(width / v[2], height / v[3]);
	place->x = (width - v[2] * place->scale) / 2 - v[0] * place->scale;
	place->y = (height - v[3] * place->scale) / 2 - v[1] * place->scale;
	return 0;
}

static int is_fixed_group(const xmlNode *node)
{
	xmlChar *id = attribute(node, "id");
	int fixed = id && strcmp((const char *)id, "fixed") == 0;

	xmlFree(id);
	return fixed;
}

static int in_qr_group(const xmlNode *node)
{
	xmlChar *class = is_svg(node->parent, "g") ? attribute(node->parent, "class") : NULL;
	int qr = class && strcmp((const char *)class, "qr-code") == 0;

	xmlFree(class);
	return qr;
}

/* Takes the particulars, the QR code, the title and the description out of
 * node's children (and its groups', but for the fixed one's): 0, or -1 when
 * something there is not drawn here. */
static int take_apart(xmlNode *node, const xmlNode *root, struct parts *parts)
{
	xmlNode *next;

	for (xmlNode *child = node->children; child; child = next) {
		next = child->next;
		if (child->type != XML_ELEMENT_NODE)
			continue;
		if (is_svg(child, "title") || is_svg(child, "desc")) {
			/* not drawn, and each certificate's own: out of the ground */
		} else if (is_svg(child, "text")) {
			if (read_text(child, root, &parts->place, parts) < 0)
				return -1;
		} else if (is_svg(child, "path") && in_qr_group(child)) {
			if (read_path(child, root, &parts->place, parts) < 0)
				return -1;
		} else {
			if (is_svg(child, "g") && !is_fixed_group(child) &&
			    take_apart(child, root, parts) < 0)
				return -1;
			continue;
		}
		xmlUnlinkNode(child);
		xmlFreeNode(child);
	}
	return 0;
}

/* Whether a style sheet is anywhere in the document (one may style what
 * the ground holds too, which librsvg alone then draws: a <style> inside
 * the fixed group would still reach a particular). */
static int has_style_sheet(const xmlNode *node)
{
	for (; node; node = node->next)
		if (node->type == XML_ELEMENT_NODE &&
		    (strcmp((const char *)node->name, "style") == 0 || has_style_sheet(node->children)))
			return 1;
	return 0;
}

static void parts_clear(struct parts *parts)
{
	for (int i = 0; i < parts->text_count; i++)
		g_free(parts->texts[i].content);
	if (parts->path)
		g_string_free(parts->path, TRUE);
	xmlFree(parts->ground);
}

/* svg taken apart into parts: 0, or PDF_DIRECT_DECLINED. */
static int read_parts(const char *svg, size_t size, double width, double height,
		      struct parts *parts, xmlDocPtr *document)
{
	struct xml_limits limits = { size, 64 };
	struct error ignored;
	xmlNode *root;

	*document = xml_parse_untrusted(svg, size, "certificate.svg", &limits, NULL, 0, &ignored);
	root = *document ? xmlDocGetRootElement(*document) : NULL;
	if (!is_svg(root, "svg") || read_root(root, width, height, &parts->place) < 0 ||
	    has_style_sheet(root) || take_apart(root, root, parts) < 0)
		return PDF_DIRECT_DECLINED;
	xmlDocDumpMemoryEnc(*document, &parts->ground, &parts->ground_size, "UTF-8");
	return parts->ground ? 0 : PDF_DIRECT_DECLINED;
}

/* --- the ground, drawn once a thread ------------------------------------ */

/* The ground a thread drew last: its SVG, cairo's PDF of it, its page. */
struct ground {
	char *svg;
	size_t size;
	double width, height;
	unsigned char *pdf;
	struct pdf_embedded *page;
};

static void ground_free(gpointer data)
{
	struct ground *ground = data;

	if (!ground)
		return;
	if (ground->page)
		pdf_embedded_free(ground->page);
	free(ground->pdf);
	g_free(ground->svg);
	g_free(ground);
}

static GPrivate ground_key = G_PRIVATE_INIT(ground_free);

/* The thread's page of the ground svg: the one it kept, or drawn now and
 * kept instead; NULL with err empty when cairo's page cannot be taken,
 * NULL with err filled when it cannot be drawn. */
static const struct pdf_embedded *ground_page(const xmlChar *svg, int size, double width,
					      double height, struct error *err)
{
	struct ground *kept = g_private_get(&ground_key);
	RsvgHandle *handle;

	err->message[0] = '\0';
	if (kept && kept->size == (size_t)size && kept->width == width && kept->height == height &&
	    memcmp(kept->svg, svg, (size_t)size) == 0)
		return kept->page;
	handle = rsvg_handle_new_from_data(svg, (gsize)size, NULL);
	if (!handle) {
		error_set(err, "unable to load the certificate's SVG");
		return NULL;
	}
	kept = g_new0(struct ground, 1);
	kept->svg = g_memdup2(svg, (gsize)size);
	kept->size = (size_t)size;
	kept->width = width;
	kept->height = height;
	kept->page = pdf_cairo_svg_page(handle, width, height, &kept->pdf, err);
	g_object_unref(handle);
	if (err->message[0]) {	/* not drawn: nothing kept */
		ground_free(kept);
		return NULL;
	}
	g_private_replace(&ground_key, kept);
	return kept->page;
}

/* --- laying the particulars out ----------------------------------------- */

/* The calling thread's Pango context for language, set as librsvg sets its
 * own: no hinting, unhinted metrics, positions not rounded. Kept while the
 * thread's default font map is the same. */
static PangoContext *text_context(const char *language)
{
	static GPrivate contexts_key = G_PRIVATE_INIT((GDestroyNotify)g_hash_table_unref);
	static GPrivate font_map_key;
	PangoFontMap *font_map = pango_cairo_font_map_get_default();
	GHashTable *contexts = g_private_get(&contexts_key);
	PangoContext *context;

	if (!contexts || g_private_get(&font_map_key) != font_map) {
		contexts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
		g_private_replace(&contexts_key, contexts);
		g_private_set(&font_map_key, font_map);
	}
	context = g_hash_table_lookup(contexts, language);
	if (!context) {
		cairo_font_options_t *options = cairo_font_options_create();

		context = pango_font_map_create_context(font_map);
		pango_context_set_round_glyph_positions(context, FALSE);
		cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
		cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
		pango_cairo_context_set_font_options(context, options);
		cairo_font_options_destroy(options);
		pango_cairo_context_set_resolution(context, 72);
		if (*language)
			pango_context_set_language(context, pango_language_from_string(language));
		pango_context_set_base_dir(context, PANGO_DIRECTION_LTR);
		g_hash_table_insert(contexts, g_strdup(language), context);
	}
	return context;
}

/* The text laid out as librsvg lays it out, in points. */
static PangoLayout *text_layout(const struct text *t)
{
	PangoLayout *layout = pango_layout_new(text_context(t->language));
	PangoFontDescription *font = pango_font_description_new();
	PangoAttrList *attributes = pango_attr_list_new();

	pango_font_description_set_family(font, t->family);
	pango_font_description_set_style(font, t->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_weight(font, (PangoWeight)t->weight);
	pango_font_description_set_absolute_size(font, floor(t->size * PANGO_SCALE + 0.5));
	pango_layout_set_font_description(layout, font);
	pango_attr_list_insert(attributes,
			       pango_attr_letter_spacing_new((int)floor(t->spacing * PANGO_SCALE + 0.5)));
	pango_layout_set_attributes(layout, attributes);
	pango_layout_set_text(layout, t->content, -1);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_attr_list_unref(attributes);
	pango_font_description_free(font);
	return layout;
}

/* The text onto page, anchored as its text-anchor says: 0, or -1 out of
 * memory, or PDF_DIRECT_DECLINED when it is not one line. */
static int put_text(struct pdf_page *page, const struct text *t)
{
	PangoLayout *layout = text_layout(t);
	PangoRectangle logical;
	double x = t->x;
	int result = PDF_DIRECT_DECLINED;

	if (pango_layout_get_line_count(layout) != 1)
		goto out;
	pango_layout_get_extents(layout, NULL, &logical);
	if (t->anchor != 's')
		x -= (double)logical.width / PANGO_SCALE / (t->anchor == 'm' ? 2 : 1);
	pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, 0), NULL, &logical);
	result = pdf_page_add_line(page, layout, pango_layout_get_line_readonly(layout, 0),
				   x + (double)logical.x / PANGO_SCALE, t->y, t->particular);
	if (result == 0)
		page->marks[page->count - 1].colour = t->colour;
out:
	g_object_unref(layout);
	return result;
}

int pdf_certificate_write(const char *svg, size_t size, double width, double height,
			  const char *title, const char *date, unsigned char **pdf,
			  size_t *pdf_size, struct error *err)
{
	struct parts parts = { .text_count = 0 };
	struct pdf_page page = { NULL, 0, 0 };
	const struct pdf_embedded *ground;
	xmlDocPtr document = NULL;
	int result;

	*pdf = NULL;
	*pdf_size = 0;
	if ((result = read_parts(svg, size, width, height, &parts, &document)) != 0)
		goto out;
	ground = ground_page(parts.ground, parts.ground_size, width, height, err);
	if (!ground) {
		result = err->message[0] ? -1 : PDF_DIRECT_DECLINED;
		goto out;
	}
	result = pdf_page_add_form(&page, 0, 0, width, height, ground);
	for (int i = 0; i < parts.text_count && result == 0; i++)
		result = put_text(&page, &parts.texts[i]);
	if (result == 0 && parts.path)
		result = pdf_page_add_path(&page, parts.path->str, parts.path_even_odd,
					   parts.path_colour);
	if (result < 0)
		error_set(err, "out of memory");
	else if (result == 0)
		result = pdf_direct_write(&page, 1, width, height, title, date, pdf, pdf_size, err);
out:
	pdf_page_clear(&page);
	parts_clear(&parts);
	if (document)
		xmlFreeDoc(document);
	return result;
}
