/* xml.c - safe parsing of untrusted XML, compiled schemas, DOM helpers; see xml.h. */
#include "xml.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxslt/xslt.h>
#include <libexslt/exslt.h>

static char allowed_directory[PATH_MAX];
static xmlExternalEntityLoader default_entity_loader;

/* Only files below the installed schema and stylesheet directory may be
 * loaded (XSD includes, XSLT imports); everything else, network or file, is
 * refused. The loader is process-wide. */
static xmlParserInputPtr guarded_entity_loader(const char *url, const char *id,
					       xmlParserCtxtPtr context)
{
	char resolved[PATH_MAX];
	const char *path = url;
	size_t length = strlen(allowed_directory);

	if (url && strncmp(url, "file://", 7) == 0)
		path = url + 7;
	if (path && length > 0 && realpath(path, resolved) &&
	    strncmp(resolved, allowed_directory, length) == 0 &&
	    resolved[length] == '/')
		return default_entity_loader(resolved, id, context);
	return NULL;
}

static void ignore_generic_error(void *context, const char *format, ...)
{
}

int xml_library_setup(const char *share_dir, struct error *err)
{
	xmlInitParser();
	xmlSchemaInitTypes();
	xsltInit();
	/* only the EXSLT modules the stylesheets use: exsltRegisterAll would also
	 * enable dyn:evaluate (security.md) */
	exsltCommonRegister();
	exsltMathRegister();
	exsltStrRegister();
	/* libxml2's own diagnostics are collected where they matter (parser and
	 * schema contexts); nothing is printed behind the caller's back */
	xmlSetGenericErrorFunc(NULL, ignore_generic_error);
	if (!realpath(share_dir, allowed_directory))
		return error_set_errno(err, "unable to find the data directory '%s'", share_dir);
	default_entity_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(guarded_entity_loader);
	return 0;
}

void xml_thread_setup(void)
{
	xmlSetGenericErrorFunc(NULL, ignore_generic_error);
}

void xml_library_cleanup(void)
{
	xsltCleanupGlobals();
	xmlCleanupParser();
}

/* What the SAX wrappers below learn while a document is parsed. */
struct parse_state {
	const struct xml_limits *limits;
	int depth;
	int refused;			/* a DOCTYPE or too deep: stop */
	char problem[256];
	int problem_line;
	char *root_id;
	size_t root_id_size;
	int first_error_seen;
	char first_error[512];
	int first_error_line;
};

static struct parse_state *state_of(void *context)
{
	return ((xmlParserCtxtPtr)context)->_private;
}

static void refuse(xmlParserCtxtPtr context, const char *problem)
{
	struct parse_state *state = context->_private;

	if (!state->refused) {
		state->refused = 1;
		snprintf(state->problem, sizeof(state->problem), "%s", problem);
		state->problem_line = xmlSAX2GetLineNumber(context);
	}
	xmlStopParser(context);
}

static void refuse_doctype(void *context, const xmlChar *name, const xmlChar *external_id,
			   const xmlChar *system_id)
{
	refuse(context, "a DOCTYPE is not allowed");
}

static void refuse_entity(void *context, const xmlChar *name, int type,
			  const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	refuse(context, "entity declarations are not allowed");
}

static void remember_root_id(struct parse_state *state, int attribute_count,
			     const xmlChar **attributes)
{
	/* attributes come in fives: localname, prefix, URI, value, end */
	for (int i = 0; i < attribute_count; i++) {
		const xmlChar **attribute = attributes + i * 5;
		size_t length = (size_t)(attribute[4] - attribute[3]);

		if (attribute[2] || strcmp((const char *)attribute[0], "id") != 0)
			continue;
		if (length >= state->root_id_size)
			length = state->root_id_size - 1;
		memcpy(state->root_id, attribute[3], length);
		state->root_id[length] = '\0';
	}
}

static void start_element(void *context, const xmlChar *localname, const xmlChar *prefix,
			  const xmlChar *uri, int namespace_count, const xmlChar **namespaces,
			  int attribute_count, int defaulted_count, const xmlChar **attributes)
{
	struct parse_state *state = state_of(context);

	if (state->depth == 0 && state->root_id)
		remember_root_id(state, attribute_count, attributes);
	if (++state->depth > state->limits->max_depth) {
		refuse(context, "elements are nested too deeply");
		return;
	}
	xmlSAX2StartElementNs(context, localname, prefix, uri, namespace_count, namespaces,
			      attribute_count, defaulted_count, attributes);
}

static void end_element(void *context, const xmlChar *localname, const xmlChar *prefix,
			const xmlChar *uri)
{
	struct parse_state *state = state_of(context);

	state->depth--;
	xmlSAX2EndElementNs(context, localname, prefix, uri);
}

static void collect_parse_error(void *user_data, xmlErrorPtr error)
{
	xmlParserCtxtPtr context = user_data;
	struct parse_state *state = context ? context->_private : NULL;
	size_t length;

	if (!state || state->first_error_seen || error->level < XML_ERR_ERROR)
		return;
	state->first_error_seen = 1;
	state->first_error_line = error->line;
	snprintf(state->first_error, sizeof(state->first_error), "%s",
		 error->message ? error->message : "unknown error");
	length = strlen(state->first_error);
	while (length > 0 && (state->first_error[length - 1] == '\n' ||
			      state->first_error[length - 1] == ' '))
		state->first_error[--length] = '\0';
}

static void install_handlers(xmlParserCtxtPtr context)
{
	context->sax->internalSubset = refuse_doctype;
	context->sax->externalSubset = refuse_doctype;
	context->sax->entityDecl = refuse_entity;
	context->sax->startElementNs = start_element;
	context->sax->endElementNs = end_element;
	context->sax->serror = collect_parse_error;
	context->sax->warning = NULL;
	context->sax->error = NULL;
	context->sax->fatalError = NULL;
}

static void report_parse_failure(const struct parse_state *state, const char *url,
				 struct error *err)
{
	if (state->refused)
		error_set(err, "%s, line %d: %s", url, state->problem_line, state->problem);
	else if (state->first_error_seen)
		error_set(err, "%s, line %d: %s", url, state->first_error_line,
			  state->first_error);
	else
		error_set(err, "%s: not well-formed XML", url);
}

xmlDocPtr xml_parse_untrusted(const char *bytes, size_t size, const char *url,
			      const struct xml_limits *limits,
			      char *root_id, size_t root_id_size, struct error *err)
{
	struct parse_state state = { .limits = limits, .root_id = root_id,
				     .root_id_size = root_id_size };
	xmlParserCtxtPtr context = NULL;
	xmlDocPtr document = NULL;

	if (root_id && root_id_size > 0)
		root_id[0] = '\0';
	else
		state.root_id = NULL;
	if (size > limits->max_bytes || size > INT_MAX) {
		error_set(err, "%s: %zu bytes, more than the limit of %zu", url, size,
			  limits->max_bytes);
		goto out;
	}
	context = xmlNewParserCtxt();
	if (!context) {
		error_set(err, "%s: out of memory", url);
		goto out;
	}
	context->_private = &state;
	install_handlers(context);
	/* XML_PARSE_NONET only; never NOENT, DTDLOAD, DTDATTR, XINCLUDE, RECOVER or HUGE. */
	document = xmlCtxtReadMemory(context, bytes, (int)size, url, NULL,
				     XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (document && context->wellFormed && !state.refused && xmlDocGetRootElement(document))
		goto out;
	report_parse_failure(&state, url, err);
	xmlFreeDoc(document);
	document = NULL;
out:
	if (context) {
		context->_private = NULL;
		xmlFreeParserCtxt(context);
	}
	return document;
}

char *xml_read_file(const char *path, size_t max_bytes, size_t *size, struct error *err)
{
	FILE *file = NULL;
	char *bytes = NULL;
	struct stat info;
	size_t got;

	file = fopen(path, "rb");
	if (!file) {
		error_set_errno(err, "unable to open '%s'", path);
		goto out;
	}
	if (fstat(fileno(file), &info) < 0) {
		error_set_errno(err, "unable to read '%s'", path);
		goto out;
	}
	if (!S_ISREG(info.st_mode) || (size_t)info.st_size > max_bytes) {
		error_set(err, "'%s' is not a regular file of at most %zu bytes", path, max_bytes);
		goto out;
	}
	bytes = malloc((size_t)info.st_size + 1);
	if (!bytes) {
		error_set(err, "out of memory reading '%s'", path);
		goto out;
	}
	got = fread(bytes, 1, (size_t)info.st_size, file);
	if (got != (size_t)info.st_size || ferror(file)) {
		error_set_errno(err, "unable to read '%s'", path);
		free(bytes);
		bytes = NULL;
		goto out;
	}
	bytes[got] = '\0';
	*size = got;
out:
	if (file)
		fclose(file);
	return bytes;
}

xmlDocPtr xml_parse_file(const char *path, struct error *err)
{
	static const struct xml_limits generous = { 256u << 20, 256 };
	size_t size = 0;
	char *bytes = xml_read_file(path, generous.max_bytes, &size, err);
	xmlDocPtr document;

	if (!bytes)
		return NULL;
	document = xml_parse_untrusted(bytes, size, path, &generous, NULL, 0, err);
	free(bytes);
	return document;
}

void xml_messages_release(struct xml_messages *messages)
{
	for (size_t i = 0; i < messages->count; i++)
		free(messages->lines[i]);
	free(messages->lines);
	messages->lines = NULL;
	messages->count = 0;
}

static void xml_messages_add(struct xml_messages *messages, int line, const char *text)
{
	char buffer[1024];
	char **grown;
	size_t length;

	snprintf(buffer, sizeof(buffer), "line %d: %s", line, text ? text : "invalid");
	length = strlen(buffer);
	while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == ' '))
		buffer[--length] = '\0';
	grown = realloc(messages->lines, (messages->count + 1) * sizeof(*grown));
	if (!grown)
		return;
	messages->lines = grown;
	messages->lines[messages->count] = strdup(buffer);
	if (messages->lines[messages->count])
		messages->count++;
}

struct schema {
	xmlSchemaPtr compiled;		/* only read once loaded: any thread may use it */
	xmlSchemaValidCtxtPtr validator;	/* xml_stream_file's, one thread at a time */
};

struct schema_parse_errors {
	char first[512];
};

static void collect_schema_parse_error(void *user_data, xmlErrorPtr error)
{
	struct schema_parse_errors *errors = user_data;

	if (errors->first[0] == '\0' && error->level >= XML_ERR_ERROR)
		snprintf(errors->first, sizeof(errors->first), "%s, line %d: %s",
			 error->file ? error->file : "schema", error->line,
			 error->message ? error->message : "error");
}

struct schema *schema_load(const char *path, struct error *err)
{
	struct schema_parse_errors errors = { "" };
	xmlSchemaParserCtxtPtr parser = NULL;
	struct schema *schema = NULL;

	schema = calloc(1, sizeof(*schema));
	parser = xmlSchemaNewParserCtxt(path);
	if (!schema || !parser) {
		error_set(err, "unable to load the schema '%s'", path);
		goto fail;
	}
	xmlSchemaSetParserStructuredErrors(parser, collect_schema_parse_error, &errors);
	schema->compiled = xmlSchemaParse(parser);
	if (!schema->compiled) {
		error_set(err, "unable to load the schema '%s': %s", path,
			  errors.first[0] ? errors.first : "unknown error");
		goto fail;
	}
	schema->validator = xmlSchemaNewValidCtxt(schema->compiled);
	if (!schema->validator) {
		error_set(err, "unable to load the schema '%s': out of memory", path);
		goto fail;
	}
	xmlSchemaFreeParserCtxt(parser);
	return schema;
fail:
	if (parser)
		xmlSchemaFreeParserCtxt(parser);
	schema_free(schema);
	return NULL;
}

void schema_free(struct schema *schema)
{
	if (!schema)
		return;
	if (schema->validator)
		xmlSchemaFreeValidCtxt(schema->validator);
	if (schema->compiled)
		xmlSchemaFree(schema->compiled);
	free(schema);
}

static void collect_validity_error(void *user_data, xmlErrorPtr error)
{
	xml_messages_add(user_data, error->line, error->message);
}

/* A validation context of its own for each document, not the schema's:
 * records are checked on the run's worker threads, several at once against
 * the same schema. libxml2 only reads a compiled schema while it validates
 * with a schema given (xmlSchemaPreRun: no schema is assembled from the
 * document's xsi:schemaLocation, everything else is kept in the context);
 * a context costs a few allocations, against the parse of the document. */
int schema_validate(struct schema *schema, xmlDocPtr doc, struct xml_messages *messages,
		    struct error *err)
{
	xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema->compiled);
	int result;

	if (!validator)
		return error_set(err, "out of memory while validating against a schema");
	xmlSchemaSetValidStructuredErrors(validator, collect_validity_error, messages);
	result = xmlSchemaValidateDoc(validator, doc);
	xmlSchemaFreeValidCtxt(validator);
	if (result < 0)
		return error_set(err, "internal error while validating against a schema");
	return result > 0 ? 1 : 0;
}

static void collect_stream_error(void *user_data, xmlErrorPtr error)
{
	if (error->level >= XML_ERR_ERROR)
		xml_messages_add(user_data, error->line, error->message);
}

int xml_stream_file(const char *path, struct schema *schema, xml_stream_visit visit,
		    void *context, struct xml_messages *messages, struct error *err)
{
	/* XML_PARSE_NONET only, as xml_parse_untrusted: no entities, no DTD */
	xmlTextReaderPtr reader = xmlReaderForFile(path, NULL, XML_PARSE_NONET |
						   XML_PARSE_NOWARNING);
	int status = 0, result = 0;

	if (!reader)
		return error_set_errno(err, "unable to read '%s'", path);
	xmlTextReaderSetStructuredErrorHandler(reader, collect_stream_error, messages);
	if (schema) {
		xmlSchemaSetValidStructuredErrors(schema->validator, collect_stream_error, messages);
		if (xmlTextReaderSchemaValidateCtxt(reader, schema->validator, 0) != 0) {
			result = error_set(err, "unable to validate '%s' as it is read", path);
			goto out;
		}
	}
	while (result == 0 && (status = xmlTextReaderRead(reader)) == 1) {
		int depth = xmlTextReaderDepth(reader);
		xmlNodePtr node;

		if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT || depth > 1)
			continue;
		/* the root as it starts; a child with its subtree, freed as the
		 * reader moves on */
		node = depth == 1 ? xmlTextReaderExpand(reader) : xmlTextReaderCurrentNode(reader);
		if (!node) {
			status = -1;
			break;
		}
		result = visit(context, node, depth, err);
	}
	if (result == 0 && (status < 0 || messages->count ||
			    (schema && xmlTextReaderIsValid(reader) != 1)))
		result = 1;
out:
	if (schema)
		xmlSchemaSetValidStructuredErrors(schema->validator, NULL, NULL);
	xmlFreeTextReader(reader);
	return result;
}

int xml_is_ecap_element(xmlNodePtr node, const char *name)
{
	if (node->type != XML_ELEMENT_NODE)
		return 0;
	if (!node->ns || strcmp((const char *)node->ns->href, ECAP_NAMESPACE) != 0)
		return 0;
	return !name || strcmp((const char *)node->name, name) == 0;
}

xmlNodePtr xml_child(xmlNodePtr parent, const char *name)
{
	if (!parent)
		return NULL;
	for (xmlNodePtr node = parent->children; node; node = node->next)
		if (xml_is_ecap_element(node, name))
			return node;
	return NULL;
}

xmlNodePtr xml_next(xmlNodePtr node, const char *name)
{
	if (!node)
		return NULL;
	for (node = node->next; node; node = node->next)
		if (xml_is_ecap_element(node, name))
			return node;
	return NULL;
}

char *xml_attribute(xmlNodePtr node, const char *name)
{
	if (!node)
		return NULL;
	return (char *)xmlGetNoNsProp(node, (const xmlChar *)name);
}

const char *xml_attribute_copy(xmlNodePtr node, const char *name, char *out, size_t size)
{
	char *value = xml_attribute(node, name);

	snprintf(out, size, "%s", value ? value : "");
	xmlFree(value);
	return out;
}

int xml_attribute_true(xmlNodePtr node, const char *name)
{
	char *value = xml_attribute(node, name);
	int truth = value && (strcmp(value, "true") == 0 || strcmp(value, "1") == 0);

	xmlFree(value);
	return truth;
}

char *xml_text(xmlNodePtr node)
{
	return node ? (char *)xmlNodeGetContent(node) : NULL;
}

xmlNodePtr xml_add_child(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNsPtr ns = xmlSearchNsByHref(parent->doc, parent, (const xmlChar *)ECAP_NAMESPACE);
	xmlNodePtr child = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);

	if (child && text)
		xmlNodeAddContent(child, (const xmlChar *)text);
	return child;
}

void xml_set(xmlNodePtr node, const char *name, const char *value)
{
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value);
}

void xml_set_optional(xmlNodePtr node, const char *name, const char *value)
{
	if (value && value[0])
		xml_set(node, name, value);
}

void xml_set_format(xmlNodePtr node, const char *name, const char *format, ...)
{
	char value[1024];
	va_list args;

	va_start(args, format);
	vsnprintf(value, sizeof(value), format, args);
	va_end(args);
	xml_set(node, name, value);
}

int xml_serialize(xmlDocPtr doc, xmlChar **bytes, int *size, struct error *err)
{
	*bytes = NULL;
	xmlDocDumpFormatMemoryEnc(doc, bytes, size, "UTF-8", 1);
	if (!*bytes)
		return error_set(err, "out of memory serializing a document");
	return 0;
}
