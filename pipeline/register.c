/* register.c - reading the register from the state store; see register.h. */
#include "register.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "policy.h"
#include "xml.h"

int registration_is_safe(const char *registration)
{
	size_t length = strlen(registration);

	if (length == 0 || length > 63 || registration[0] == '-' || registration[0] == '.')
		return 0;
	for (const char *c = registration; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_')
			return 0;
	return 1;
}

/* Parses a store file that may not exist: 0 and *document NULL when absent. */
static int load_optional(const char *path, xmlDocPtr *document, struct error *err)
{
	*document = NULL;
	if (access(path, F_OK) < 0 && errno == ENOENT)
		return 0;
	*document = xml_parse_file(path, err);
	return *document ? 0 : -1;
}

static int store_is_banned(void *context, const char *identity, struct error *err)
{
	struct store *store = context;
	char digest[65], relative[128], path[PATH_MAX];
	xmlDocPtr document;
	int banned;

	if (!identity[0])
		return 0;
	sha256_hex(identity, strlen(identity), digest);
	snprintf(relative, sizeof(relative), "store/identities/%s.xml", digest);
	if (load_optional(store_path(store, relative, path, sizeof(path)), &document, err) < 0)
		return -1;
	banned = document && xml_attribute_true(xmlDocGetRootElement(document), "banned");
	xmlFreeDoc(document);
	return banned;
}

static void read_certificate(xmlNodePtr certificate, struct holding *holding)
{
	char text[64];

	holding->level = level_parse(xml_attribute_copy(certificate, "level", text, sizeof(text)));
	xml_attribute_copy(certificate, "status", holding->status, sizeof(holding->status));
	if (date_parse(xml_attribute_copy(certificate, "issued", text, sizeof(text)),
		       &holding->issued) < 0)
		holding->issued = 0;
	if (date_parse(xml_attribute_copy(certificate, "expires", text, sizeof(text)),
		       &holding->expires) < 0)
		holding->expires = 0;
}

static int store_find_holding(void *context, const char *registration, struct holding *holding,
			      struct error *err)
{
	struct store *store = context;
	char relative[128], path[PATH_MAX];
	xmlDocPtr document = NULL;
	xmlNodePtr member, certificate, current = NULL;

	memset(holding, 0, sizeof(*holding));
	if (!registration_is_safe(registration))
		return 0;
	snprintf(relative, sizeof(relative), "store/register/%s.xml", registration);
	if (load_optional(store_path(store, relative, path, sizeof(path)), &document, err) < 0)
		return -1;
	if (!document)
		return 0;
	member = xmlDocGetRootElement(document);
	for (certificate = xml_child(member, "certificate"); certificate;
	     certificate = xml_next(certificate, "certificate"))
		current = certificate;
	snprintf(holding->registration, sizeof(holding->registration), "%s", registration);
	xml_attribute_copy(member, "identity", holding->identity, sizeof(holding->identity));
	xml_attribute_copy(member, "name", holding->name, sizeof(holding->name));
	if (current)
		read_certificate(current, holding);
	xmlFreeDoc(document);
	return current ? 1 : 0;
}

void register_view_for_store(struct register_view *view, struct store *store)
{
	view->context = store;
	view->is_banned = store_is_banned;
	view->find_holding = store_find_holding;
}
