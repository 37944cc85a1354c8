/* xml.h - parsing untrusted XML safely, schemas, and small DOM helpers.
 *
 * Every document ecap reads goes through xml_parse_untrusted: no network, no
 * DTD (a DOCTYPE is refused), no entity expansion, no XInclude, a byte and a
 * depth limit, errors captured rather than printed. xml_library_setup must run
 * once in the main thread before anything else here.
 */
#ifndef ECAP_XML_H
#define ECAP_XML_H

#include <stddef.h>
#include <libxml/tree.h>
#include "error.h"

#define ECAP_NAMESPACE "urn:ecap:1"

/* Initializes libxml2, libxslt and EXSLT for the process and installs an
 * external entity loader that refuses everything outside share_dir (where the
 * schemas and stylesheets are). */
int xml_library_setup(const char *share_dir, struct error *err);
void xml_library_cleanup(void);
/* In each thread other than the main one, before it parses anything:
 * libxml2's error handlers are per thread. */
void xml_thread_setup(void);

struct xml_limits {
	size_t max_bytes;		/* the document's size */
	int max_depth;			/* element nesting */
};

/* Parses bytes[0..size). On success returns the document (the caller frees it
 * with xmlFreeDoc). On failure returns NULL with err holding the first
 * problem ("line 3: DOCTYPE is not allowed"); if the root element and its id
 * attribute were read before the problem, root_id (if not NULL) receives it,
 * else root_id is set to "". `url` names the document in messages. */
xmlDocPtr xml_parse_untrusted(const char *bytes, size_t size, const char *url,
			      const struct xml_limits *limits,
			      char *root_id, size_t root_id_size, struct error *err);

/* Reads a whole file into memory (NUL-terminated; caller frees); NULL on error.
 * Refuses files larger than max_bytes. */
char *xml_read_file(const char *path, size_t max_bytes, size_t *size, struct error *err);

/* xml_read_file then xml_parse_untrusted with generous limits: for files the
 * operator owns (the policy, rosters, dossiers). */
xmlDocPtr xml_parse_file(const char *path, struct error *err);

/* A list of messages (schema errors). */
struct xml_messages {
	char **lines;
	size_t count;
};
void xml_messages_release(struct xml_messages *messages);

/* A compiled schema, parsed once, reused for every document. */
struct schema;
struct schema *schema_load(const char *path, struct error *err);
void schema_free(struct schema *schema);
/* 0 if doc is valid; 1 if not, with every error in messages ("line 12:
 * element 'level': 'expert' is not a valid value"); -1 on internal error.
 * Any number of threads may validate against the same schema at once. */
int schema_validate(struct schema *schema, xmlDocPtr doc, struct xml_messages *messages,
		    struct error *err);

/* Reads a file the operator owns as a stream, never whole: visit is called
 * with the root element (depth 0, its children not read yet) and then with
 * each child element of the root (depth 1, expanded with its own subtree,
 * valid until visit returns). With a schema, the stream is validated as it
 * is read. Returns 0; 1 if the file is not well-formed or not valid, with
 * the errors in messages; -1 if visit failed or on a system error (err). */
typedef int (*xml_stream_visit)(void *context, xmlNodePtr node, int depth,
				struct error *err);
int xml_stream_file(const char *path, struct schema *schema, xml_stream_visit visit,
		    void *context, struct xml_messages *messages, struct error *err);

/* DOM helpers, all for elements in ECAP_NAMESPACE. */
/* Whether node is an element of ECAP_NAMESPACE named name (any name when NULL). */
int xml_is_ecap_element(xmlNodePtr node, const char *name);
/* The first element child of parent named name (any name when NULL), or NULL. */
xmlNodePtr xml_child(xmlNodePtr parent, const char *name);
/* The next element sibling of node with the same name as `name` (any when NULL). */
xmlNodePtr xml_next(xmlNodePtr node, const char *name);
/* The attribute's value, owned by the caller (free with xmlFree), or NULL. */
char *xml_attribute(xmlNodePtr node, const char *name);
/* Copies the attribute's value into out (truncating), "" when absent; returns out. */
const char *xml_attribute_copy(xmlNodePtr node, const char *name, char *out, size_t size);
/* 1 if the attribute is "true" or "1". */
int xml_attribute_true(xmlNodePtr node, const char *name);
/* The element's text content, owned by the caller (free with xmlFree). */
char *xml_text(xmlNodePtr node);
/* Adds an element in ECAP_NAMESPACE with optional text (copied, escaped). */
xmlNodePtr xml_add_child(xmlNodePtr parent, const char *name, const char *text);
/* Sets an attribute (value copied). */
void xml_set(xmlNodePtr node, const char *name, const char *value);
/* Sets an attribute only when value is not empty (optional attributes). */
void xml_set_optional(xmlNodePtr node, const char *name, const char *value);
void xml_set_format(xmlNodePtr node, const char *name, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Serializes doc as UTF-8 with an XML declaration; caller frees with xmlFree. */
int xml_serialize(xmlDocPtr doc, xmlChar **bytes, int *size, struct error *err);

#endif
