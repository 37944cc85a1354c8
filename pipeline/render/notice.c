/* notice.c - compiled stylesheets and locked-down transforms; see notice.h. */
#include "notice.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "paths.h"
#include "text_ems.h"
#include "text_fill.h"

/* The namespace of the extension functions the renderer gives its
 * stylesheets; each stylesheet tests function-available() and has an
 * XSLT template doing the same, so that xsltproc renders it alike. */
#define TEXT_FUNCTIONS "urn:ecap:text:1"

struct compiled {
	char *name;
	xsltStylesheetPtr stylesheet;
};

struct renderer {
	xsltSecurityPrefsPtr security;
	struct compiled *compiled;
	size_t count;
};

struct transform_errors {
	char first[512];
};

/* The first message only, its trailing newlines cut. */
static void keep_first(struct transform_errors *errors, const char *format, va_list args)
{
	size_t length;

	if (errors->first[0])
		return;
	vsnprintf(errors->first, sizeof(errors->first), format, args);
	length = strlen(errors->first);
	while (length > 0 && errors->first[length - 1] == '\n')
		errors->first[--length] = '\0';
}

static void collect_transform_error(void *context, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	keep_first(context, format, args);
	va_end(args);
}

/* The errors of compiling a stylesheet on this thread, while it does.
 * libxslt reports them through its generic error handler, which is one for
 * the whole process (xsltGenericError): pointed at one thread's buffer
 * while a worker's transform reports through it too, it would have the
 * worker write into another thread's stack. So it is set once, to
 * collect_thread_error, and each thread collects into its own. */
static __thread struct transform_errors *compiling_errors;

static void collect_thread_error(void *context, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	if (compiling_errors)
		keep_first(compiling_errors, format, args);
	else
		vfprintf(stderr, format, args);	/* as libxslt's own handler would */
	va_end(args);
}

struct renderer *renderer_new(struct error *err)
{
	struct renderer *renderer = calloc(1, sizeof(*renderer));
	static const xsltSecurityOption forbidden[] = {
		XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY,
		XSLT_SECPREF_READ_NETWORK, XSLT_SECPREF_WRITE_NETWORK
	};

	if (!renderer || !(renderer->security = xsltNewSecurityPrefs())) {
		free(renderer);
		error_set(err, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++)
		xsltSetSecurityPrefs(renderer->security, forbidden[i], xsltSecurityForbid);
	/* before any worker transforms: collect_thread_error's comment says why */
	xsltSetGenericErrorFunc(NULL, collect_thread_error);
	return renderer;
}

void renderer_free(struct renderer *renderer)
{
	if (!renderer)
		return;
	for (size_t i = 0; i < renderer->count; i++) {
		xsltFreeStylesheet(renderer->compiled[i].stylesheet);
		free(renderer->compiled[i].name);
	}
	free(renderer->compiled);
	xsltFreeSecurityPrefs(renderer->security);
	free(renderer);
}

/* The cache's entry for xslt/<name>, compiled on first use; the entry
 * itself moves when the next stylesheet is compiled, its name and
 * stylesheet do not. NULL with err. */
static const struct compiled *compiled_stylesheet(struct renderer *renderer, const char *name,
						  struct error *err)
{
	struct transform_errors errors = { "" };
	char path[PATH_MAX];
	struct compiled *grown;
	xsltStylesheetPtr stylesheet;

	for (size_t i = 0; i < renderer->count; i++)
		if (strcmp(renderer->compiled[i].name, name) == 0)
			return &renderer->compiled[i];
	if (strchr(name, '/') || name[0] == '.') {
		error_set(err, "'%s' is not the name of a stylesheet in xslt/", name);
		return NULL;
	}
	compiling_errors = &errors;
	stylesheet = xsltParseStylesheetFile((const xmlChar *)paths_stylesheet(name, path,
									      sizeof(path)));
	compiling_errors = NULL;
	if (!stylesheet) {
		error_set(err, "unable to load the stylesheet '%s': %s", path,
			  errors.first[0] ? errors.first : "unknown error");
		return NULL;
	}
	grown = realloc(renderer->compiled, (renderer->count + 1) * sizeof(*grown));
	if (!grown || !(grown[renderer->count].name = strdup(name))) {
		renderer->compiled = grown ? grown : renderer->compiled;
		xsltFreeStylesheet(stylesheet);
		error_set(err, "out of memory");
		return NULL;
	}
	renderer->compiled = grown;
	grown[renderer->count].stylesheet = stylesheet;
	return &grown[renderer->count++];
}

/* t:fill(text, first, indent, width): text-wrap.xsl's text-wrap in C
 * (text_fill.h), the letters' text lines filled without the stylesheet's
 * recursion of translate() over every prefix it measures. */
static void fill_function(xmlXPathParserContextPtr context, int arguments)
{
	struct error err = { "" };
	xmlChar *text = NULL, *first = NULL, *indent = NULL;
	char *filled = NULL;
	double width;

	if (arguments != 4) {
		xmlXPathSetArityError(context);
		return;
	}
	width = xmlXPathPopNumber(context);
	indent = xmlXPathPopString(context);
	first = xmlXPathPopString(context);
	text = xmlXPathPopString(context);
	if (xmlXPathCheckError(context) || !text || !first || !indent)
		goto out;
	filled = text_fill((const char *)text, (const char *)first, (const char *)indent,
			   width > 0 && width < 1e6 ? (size_t)width : 0, &err);
	if (!filled) {
		xmlXPathSetError(context, XPATH_MEMORY_ERROR);
		goto out;
	}
	valuePush(context, xmlXPathNewString((const xmlChar *)filled));
out:
	free(filled);
	xmlFree(text);
	xmlFree(first);
	xmlFree(indent);
}

/* t:columns(text): the columns a text takes as text-wrap.xsl counts them
 * (text_fill_columns), which the stylesheets otherwise count with a
 * translate() that searches the 95 narrow characters for each character. */
static void columns_function(xmlXPathParserContextPtr context, int arguments)
{
	xmlChar *text;

	if (arguments != 1) {
		xmlXPathSetArityError(context);
		return;
	}
	text = xmlXPathPopString(context);
	if (xmlXPathCheckError(context) || !text) {
		xmlFree(text);
		return;
	}
	valuePush(context, xmlXPathNewFloat((double)text_fill_columns((const char *)text,
								     strlen((const char *)text))));
	xmlFree(text);
}

/* t:ems(text, monospace, narrow, wide, small): certificate-svg.xsl's ems
 * template in C (text_ems.h), the estimated width of a text, which the
 * stylesheet counts with four translate() calls over its character classes
 * for every text it fits; the classes are the stylesheet's own variables,
 * passed as arguments so that they are defined there only. */
static void ems_function(xmlXPathParserContextPtr context, int arguments)
{
	xmlChar *text = NULL, *narrow = NULL, *wide = NULL, *small = NULL;
	int monospace;

	if (arguments != 5) {
		xmlXPathSetArityError(context);
		return;
	}
	small = xmlXPathPopString(context);
	wide = xmlXPathPopString(context);
	narrow = xmlXPathPopString(context);
	monospace = xmlXPathPopBoolean(context);
	text = xmlXPathPopString(context);
	if (xmlXPathCheckError(context) || !text || !narrow || !wide || !small)
		goto out;
	valuePush(context, xmlXPathNewFloat(text_ems((const char *)text, monospace,
						     (const char *)narrow, (const char *)wide,
						     (const char *)small)));
out:
	xmlFree(text);
	xmlFree(narrow);
	xmlFree(wide);
	xmlFree(small);
}

/* The white space XPath's normalize-space() strips and collapses. */
static int is_xpath_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* "2026年12月8日" for number() of the year, month and day of TEXT's first
 * ten characters when they read "YYYY-MM-DD" (notice-lookups.xsl's test,
 * with libxml2's own number parsing and formatting); else NULL. */
static char *chinese_date_of(const char *text)
{
	char year[5], month[3], day[3];
	double numbers[3];
	xmlChar *shown[3] = { NULL };
	char *date = NULL;
	size_t length;

	for (size_t i = 0; i < 10; i++)
		if (!text[i] || (unsigned char)text[i] >= 0x80)
			return NULL;	/* not ten characters, or one not ASCII: not a date */
	if (text[4] != '-' || text[7] != '-')
		return NULL;
	memcpy(year, text, 4);
	year[4] = '\0';
	memcpy(month, text + 5, 2);
	month[2] = '\0';
	memcpy(day, text + 8, 2);
	day[2] = '\0';
	numbers[0] = xmlXPathStringEvalNumber((const xmlChar *)year);
	numbers[1] = xmlXPathStringEvalNumber((const xmlChar *)month);
	numbers[2] = xmlXPathStringEvalNumber((const xmlChar *)day);
	for (size_t i = 0; i < 3; i++)
		if (xmlXPathIsNaN(numbers[i]) ||
		    !(shown[i] = xmlXPathCastNumberToString(numbers[i])))
			goto out;
	length = strlen((char *)shown[0]) + strlen((char *)shown[1]) +
		 strlen((char *)shown[2]) + 3 * strlen("年") + 1;
	date = malloc(length);
	if (date)
		snprintf(date, length, "%s年%s月%s日", (char *)shown[0], (char *)shown[1],
			 (char *)shown[2]);
out:
	for (size_t i = 0; i < 3; i++)
		xmlFree(shown[i]);
	return date;
}

/* t:chinese-date(iso): notice-lookups.xsl's chinese-date in C, 2026-12-08
 * as 2026年12月8日 and anything else as it is (white space normalized): the
 * template's test takes a dozen XPath string and number conversions, each
 * a copy, and the letters and certificates show several dates each. */
static void chinese_date_function(xmlXPathParserContextPtr context, int arguments)
{
	xmlChar *iso;
	char *normalized = NULL, *date = NULL;
	size_t length = 0;
	int blank = 0;

	if (arguments != 1) {
		xmlXPathSetArityError(context);
		return;
	}
	iso = xmlXPathPopString(context);
	if (xmlXPathCheckError(context) || !iso)
		goto out;
	normalized = malloc(strlen((char *)iso) + 1);
	if (!normalized) {
		xmlXPathSetError(context, XPATH_MEMORY_ERROR);
		goto out;
	}
	for (const unsigned char *c = iso; *c; c++)
		if (is_xpath_space(*c)) {
			blank = length > 0;
		} else {
			if (blank)
				normalized[length++] = ' ';
			blank = 0;
			normalized[length++] = (char)*c;
		}
	normalized[length] = '\0';
	date = chinese_date_of(normalized);
	valuePush(context, xmlXPathNewString((const xmlChar *)(date ? date : normalized)));
out:
	free(date);
	free(normalized);
	xmlFree(iso);
}

int renderer_sheet(struct renderer *renderer, const char *name, struct renderer_sheet *sheet,
		   struct error *err)
{
	const struct compiled *compiled = compiled_stylesheet(renderer, name, err);

	memset(sheet, 0, sizeof(*sheet));
	if (!compiled)
		return -1;
	/* the cache's own copy of the name, which lives as long as the renderer */
	sheet->name = compiled->name;
	sheet->stylesheet = compiled->stylesheet;
	sheet->security = renderer->security;
	return 0;
}

int renderer_sheet_transform(const struct renderer_sheet *sheet, xmlDocPtr document,
			     const char *const *parameters, xmlDocPtr *result,
			     struct error *err)
{
	struct transform_errors errors = { "" };
	xsltTransformContextPtr context = NULL;
	int status = -1;

	*result = NULL;
	context = xsltNewTransformContext(sheet->stylesheet, document);
	if (!context) {
		error_set(err, "out of memory");
		goto out;
	}
	xsltSetCtxtSecurityPrefs(sheet->security, context);
	/* the values as strings, not XPath: libxslt would compile each
	 * (quoted) value as an expression for every transform, a letter's
	 * twelve policy words and a seal's data: URI of kilobytes alike */
	xsltSetTransformErrorFunc(context, &errors, collect_transform_error);
	if (xsltQuoteUserParams(context, (const char **)parameters) < 0) {
		error_set(err, "the parameters of the stylesheet '%s' were refused: %s",
			  sheet->name, errors.first[0] ? errors.first : "unknown error");
		goto out;
	}
	/* registered on this transform's context, not globally: each thread's
	 * transform has its own table */
	if (xsltRegisterExtFunction(context, (const xmlChar *)"fill",
				    (const xmlChar *)TEXT_FUNCTIONS, fill_function) < 0 ||
	    xsltRegisterExtFunction(context, (const xmlChar *)"columns",
				    (const xmlChar *)TEXT_FUNCTIONS, columns_function) < 0 ||
	    xsltRegisterExtFunction(context, (const xmlChar *)"ems",
				    (const xmlChar *)TEXT_FUNCTIONS, ems_function) < 0 ||
	    xsltRegisterExtFunction(context, (const xmlChar *)"chinese-date",
				    (const xmlChar *)TEXT_FUNCTIONS, chinese_date_function) < 0) {
		error_set(err, "out of memory");
		goto out;
	}
	context->maxTemplateDepth = 1000;
	context->maxTemplateVars = 100000;
	*result = xsltApplyStylesheetUser(sheet->stylesheet, document, NULL, NULL, NULL, context);
	if (!*result || context->state != XSLT_STATE_OK) {
		error_set(err, "the stylesheet '%s' failed: %s", sheet->name,
			  errors.first[0] ? errors.first : "unknown error");
		if (*result)
			xmlFreeDoc(*result);
		*result = NULL;
		goto out;
	}
	status = 0;
out:
	if (context)
		xsltFreeTransformContext(context);
	return status;
}

int renderer_sheet_apply(const struct renderer_sheet *sheet, xmlDocPtr document,
			 const char *const *parameters, xmlChar **output, int *size,
			 struct error *err)
{
	xmlDocPtr result = NULL;
	int status = -1;

	*output = NULL;
	*size = 0;
	if (renderer_sheet_transform(sheet, document, parameters, &result, err) < 0)
		return -1;
	/* the serialization follows the stylesheet's xsl:output */
	if (xsltSaveResultToString(output, size, result, sheet->stylesheet) < 0 || !*output) {
		error_set(err, "the stylesheet '%s' produced no output", sheet->name);
		goto out;
	}
	status = 0;
out:
	xmlFreeDoc(result);
	return status;
}

int renderer_transform(struct renderer *renderer, const char *stylesheet_name,
		       xmlDocPtr document, const char *const *parameters, xmlDocPtr *result,
		       struct error *err)
{
	struct renderer_sheet sheet;

	*result = NULL;
	if (renderer_sheet(renderer, stylesheet_name, &sheet, err) < 0)
		return -1;
	return renderer_sheet_transform(&sheet, document, parameters, result, err);
}

int renderer_apply(struct renderer *renderer, const char *stylesheet_name, xmlDocPtr document,
		   const char *const *parameters, xmlChar **output, int *size,
		   struct error *err)
{
	struct renderer_sheet sheet;

	*output = NULL;
	*size = 0;
	if (renderer_sheet(renderer, stylesheet_name, &sheet, err) < 0)
		return -1;
	return renderer_sheet_apply(&sheet, document, parameters, output, size, err);
}
