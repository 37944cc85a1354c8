/* seal.c - the society's seal read, checked and encoded as a data: URI
 * (seal.h). Checked because letters and certificates are opened by people
 * and browsers: an image that fetched anything would tell a third party who
 * reads which letter, or show what it fetched. */
#include "seal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <libxml/tree.h>

#include "xml.h"

#define SVG_NAMESPACE "http://www.w3.org/2000/svg"

/* 1 if text has url( not followed by '#', or @import. */
static int refers_outside(const char *text)
{
	for (const char *at = text; (at = strstr(at, "url(")); at += 4) {
		const char *inside = at + 4;

		while (*inside == ' ' || *inside == '"' || *inside == '\'')
			inside++;
		if (*inside != '#')
			return 1;
	}
	return strstr(text, "@import") != NULL;
}

static int check_node(xmlNodePtr node, struct error *err)
{
	for (; node; node = node->next) {
		if (node->type == XML_PI_NODE)
			return error_set(err, "seal: a processing instruction (%s) is not allowed",
					 (const char *)node->name);
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content && refers_outside((const char *)node->content))
				return error_set(err, "seal: a style refers outside the file");
			continue;
		}
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(node->name, (const xmlChar *)"script") == 0 ||
		    xmlStrcasecmp(node->name, (const xmlChar *)"foreignObject") == 0)
			return error_set(err, "seal: <%s> is not allowed", (const char *)node->name);
		for (xmlAttrPtr attribute = node->properties; attribute; attribute = attribute->next) {
			xmlChar *value = xmlNodeGetContent((xmlNodePtr)attribute);
			int bad = 0;

			if (xmlStrcmp(attribute->name, (const xmlChar *)"href") == 0 ||
			    xmlStrcmp(attribute->name, (const xmlChar *)"src") == 0)
				bad = value && value[0] != '#';
			else if (xmlStrncasecmp(attribute->name, (const xmlChar *)"on", 2) == 0)
				bad = 1;	/* event handlers */
			else
				bad = value && refers_outside((const char *)value);
			if (bad) {
				error_set(err, "seal: <%s %s=\"%.80s\"> refers outside the file",
					  (const char *)node->name, (const char *)attribute->name,
					  value ? (const char *)value : "");
				xmlFree(value);
				return -1;
			}
			xmlFree(value);
		}
		if (check_node(node->children, err) < 0)
			return -1;
	}
	return 0;
}

int seal_check(const char *bytes, size_t size, struct error *err)
{
	const struct xml_limits limits = { SEAL_MAX_BYTES, 64 };
	xmlDocPtr document = xml_parse_untrusted(bytes, size, "seal", &limits, NULL, 0, err);
	xmlNodePtr root;
	int result = -1;

	if (!document)
		return -1;
	root = xmlDocGetRootElement(document);
	if (!root || xmlStrcmp(root->name, (const xmlChar *)"svg") != 0 || !root->ns ||
	    xmlStrcmp(root->ns->href, (const xmlChar *)SVG_NAMESPACE) != 0) {
		error_set(err, "seal: not an SVG (the root is not <svg xmlns=\"" SVG_NAMESPACE
			  "\">)");
		goto out;
	}
	result = check_node(document->children, err);
out:
	xmlFreeDoc(document);
	return result;
}

int seal_load(const char *policy_path, const char *href, char **uri, struct error *err)
{
	static const char prefix[] = "data:image/svg+xml;base64,";
	char path[PATH_MAX];
	const char *slash = strrchr(policy_path, '/');
	char *bytes = NULL;
	size_t size = 0;
	int result = -1;

	*uri = NULL;
	if (!href[0])
		return 0;
	if (slash)
		snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - policy_path), policy_path,
			 href);
	else
		snprintf(path, sizeof(path), "%s", href);
	bytes = xml_read_file(path, SEAL_MAX_BYTES, &size, err);
	if (!bytes || seal_check(bytes, size, err) < 0)
		goto out;
	*uri = malloc(sizeof(prefix) + 4 * ((size + 2) / 3) + 1);
	if (!*uri) {
		error_set(err, "seal: out of memory");
		goto out;
	}
	memcpy(*uri, prefix, sizeof(prefix) - 1);
	EVP_EncodeBlock((unsigned char *)*uri + sizeof(prefix) - 1, (const unsigned char *)bytes,
			(int)size);
	result = 0;
out:
	if (result < 0 && bytes) {
		char message[sizeof(err->message)];

		snprintf(message, sizeof(message), "%s", err->message);
		error_set(err, "%s: %s", path, message);
	}
	free(bytes);
	return result;
}
