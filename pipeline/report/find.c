/* find.c - finding applications, certificates and records by what the
 * staff know of them; see find.h. */
#include "find.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "directory.h"
#include "register.h"
#include "xml.h"

struct search {
	const char *text;
	size_t length;
	xmlNodePtr root;		/* the <found> document's root */
	char **applications;		/* ids of the applications found, for their records */
	size_t application_count;
};

static int same(const char *a, const char *b)
{
	return a[0] && strcasecmp(a, b) == 0;
}

/* The last four characters of a masked ID number are shown in full. */
static int id_tail_matches(const struct search *search, const char *masked)
{
	size_t length = strlen(masked);

	return search->length == 4 && length >= 4 &&
	       strcasecmp(masked + length - 4, search->text) == 0;
}

/* What of a person matches: "name", "name-prefix", "id-tail", or NULL. */
static const char *person_matches(const struct search *search, const char *name,
				  const char *masked)
{
	if (name[0] && strcmp(name, search->text) == 0)
		return "name";
	if (name[0] && strncmp(name, search->text, search->length) == 0)
		return "name-prefix";
	if (id_tail_matches(search, masked))
		return "id-tail";
	return NULL;
}

static void copy(xmlNodePtr from, const char *name, xmlNodePtr to, const char *as)
{
	char value[1024];

	xml_set_optional(to, as ? as : name, xml_attribute_copy(from, name, value, sizeof(value)));
}

/* The dossier's last certification, or NULL. */
static xmlNodePtr last_certification(xmlNodePtr dossier)
{
	xmlNodePtr last = NULL;

	for (xmlNodePtr node = xml_child(dossier, "certification"); node;
	     node = xml_next(node, "certification"))
		last = node;
	return last;
}

static const char *application_matches(const struct search *search, xmlNodePtr dossier,
				       const char *member)
{
	char id[128], name[256], masked[64], value[128];

	xml_attribute_copy(dossier, "id", id, sizeof(id));
	if (same(id, search->text))
		return "id";
	for (xmlNodePtr node = xml_child(dossier, "certification"); node;
	     node = xml_next(node, "certification")) {
		if (same(xml_attribute_copy(node, "registration", value, sizeof(value)),
			 search->text))
			return "registration";
		if (same(xml_attribute_copy(node, "serial", value, sizeof(value)), search->text))
			return "serial";
	}
	if (same(member, search->text))
		return "member";
	xml_attribute_copy(dossier, "name", name, sizeof(name));
	xml_attribute_copy(dossier, "idMasked", masked, sizeof(masked));
	return person_matches(search, name, masked);
}

static int remember_application(struct search *search, const char *id)
{
	char **grown = realloc(search->applications,
			       (search->application_count + 1) * sizeof(*grown));

	if (!grown)
		return -1;
	search->applications = grown;
	if (!(grown[search->application_count] = strdup(id)))
		return -1;
	search->application_count++;
	return 0;
}

/* The current status of a certificate in the register document, "" if absent. */
static void certificate_status(xmlDocPtr register_document, const char *serial, char *out,
			       size_t size)
{
	out[0] = '\0';
	if (!register_document || !serial[0])
		return;
	for (xmlNodePtr member = xml_child(xmlDocGetRootElement(register_document), "member");
	     member; member = xml_next(member, "member"))
		for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
		     certificate = xml_next(certificate, "certificate")) {
			char value[128];

			if (strcmp(xml_attribute_copy(certificate, "serial", value, sizeof(value)),
				   serial) == 0) {
				xml_attribute_copy(certificate, "status", out, size);
				return;
			}
		}
}

static int add_application(struct search *search, xmlNodePtr dossier,
			   xmlDocPtr register_document)
{
	xmlNodePtr application = xml_child(dossier, "application");
	xmlNodePtr certification = last_certification(dossier);
	xmlNodePtr notice = NULL, hit;
	char member[128], id[128], serial[128], status[32];
	const char *matched;

	xml_attribute_copy(xml_child(application, "membership"), "number", member, sizeof(member));
	matched = application_matches(search, dossier, member);
	if (!matched)
		return 0;
	for (xmlNodePtr node = xml_child(dossier, "notice"); node; node = xml_next(node, "notice"))
		notice = node;
	hit = xml_add_child(search->root, "application", NULL);
	copy(dossier, "id", hit, NULL);
	copy(dossier, "name", hit, NULL);
	copy(dossier, "idMasked", hit, NULL);
	xml_set_optional(hit, "member", member);
	copy(dossier, "state", hit, NULL);
	copy(dossier, "since", hit, NULL);
	copy(notice, "html", hit, "letter");
	copy(certification, "registration", hit, NULL);
	copy(certification, "serial", hit, NULL);
	certificate_status(register_document,
			   xml_attribute_copy(certification, "serial", serial, sizeof(serial)),
			   status, sizeof(status));
	xml_set_optional(hit, "certificateStatus", status);
	xml_set(hit, "matched", matched);
	return remember_application(search, xml_attribute_copy(dossier, "id", id, sizeof(id)));
}

static void add_certificates(struct search *search, xmlDocPtr register_document)
{
	if (!register_document)
		return;
	for (xmlNodePtr member = xml_child(xmlDocGetRootElement(register_document), "member");
	     member; member = xml_next(member, "member")) {
		char registration[128], name[256], masked[64];
		const char *member_matched;

		xml_attribute_copy(member, "registration", registration, sizeof(registration));
		xml_attribute_copy(member, "name", name, sizeof(name));
		xml_attribute_copy(member, "idMasked", masked, sizeof(masked));
		member_matched = same(registration, search->text) ? "registration" :
				 person_matches(search, name, masked);
		for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
		     certificate = xml_next(certificate, "certificate")) {
			char serial[128];
			const char *matched = member_matched;
			xmlNodePtr hit;

			if (!matched && same(xml_attribute_copy(certificate, "serial", serial,
								sizeof(serial)), search->text))
				matched = "serial";
			if (!matched)
				continue;
			hit = xml_add_child(search->root, "certificate", NULL);
			xml_set(hit, "registration", registration);
			xml_set_optional(hit, "name", name);
			xml_set_optional(hit, "idMasked", masked);
			copy(certificate, "serial", hit, NULL);
			copy(certificate, "level", hit, NULL);
			copy(certificate, "issued", hit, NULL);
			copy(certificate, "expires", hit, NULL);
			copy(certificate, "status", hit, NULL);
			xml_set(hit, "matched", matched);
		}
	}
}

static int is_found_application(const struct search *search, const char *id)
{
	for (size_t i = 0; i < search->application_count; i++)
		if (strcmp(search->applications[i], id) == 0)
			return 1;
	return 0;
}

static void add_record(struct search *search, xmlNodePtr entry)
{
	char application[128], registration[128];
	const char *matched = NULL;
	xmlNodePtr hit;

	xml_attribute_copy(entry, "application", application, sizeof(application));
	xml_attribute_copy(entry, "registration", registration, sizeof(registration));
	if (same(application, search->text))
		matched = "id";
	else if (same(registration, search->text))
		matched = "registration";
	else if (application[0] && is_found_application(search, application))
		matched = "application";
	if (!matched)
		return;
	hit = xml_add_child(search->root, "record", NULL);
	copy(entry, "input", hit, NULL);
	copy(entry, "kind", hit, NULL);
	xml_set_optional(hit, "application", application);
	xml_set_optional(hit, "registration", registration);
	copy(entry, "received", hit, NULL);
	copy(entry, "state", hit, NULL);
	copy(entry, "code", hit, NULL);
	xml_set(hit, "matched", matched);
}

/* Calls visit with the root of each .xml file of state_dir/directory; a
 * missing directory has nothing, a file that cannot be read (being
 * replaced by a run at this instant) is passed over. */
static int each_document(struct search *search, const char *state_dir, const char *directory,
			 int (*visit)(struct search *, xmlNodePtr, void *), void *context,
			 struct error *err)
{
	char path[PATH_MAX];
	struct name_list files;
	struct error ignored;
	int result = 0;

	snprintf(path, sizeof(path), "%s/%s", state_dir, directory);
	if (directory_list(path, ".xml", &files, &ignored) < 0)
		return 0;
	for (size_t i = 0; i < files.count && result == 0; i++) {
		xmlDocPtr document;

		snprintf(path, sizeof(path), "%s/%s/%s", state_dir, directory, files.names[i]);
		document = xml_parse_file(path, &ignored);
		if (!document)
			continue;
		result = visit(search, xmlDocGetRootElement(document), context);
		xmlFreeDoc(document);
	}
	name_list_release(&files);
	if (result < 0)
		error_set(err, "out of memory");
	return result;
}

static int visit_dossier(struct search *search, xmlNodePtr root, void *register_document)
{
	return add_application(search, root, register_document);
}

static int visit_record(struct search *search, xmlNodePtr root, void *unused)
{
	(void)unused;
	add_record(search, root);
	return 0;
}

xmlDocPtr find_build(const char *state_dir, const char *text, struct error *err)
{
	struct search search = { text, strlen(text), NULL, NULL, 0 };
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocPtr register_document = NULL;
	struct error ignored;

	if (!document) {
		error_set(err, "out of memory");
		return NULL;
	}
	search.root = xmlNewDocNode(document, NULL, (const xmlChar *)"found", NULL);
	xmlSetNs(search.root, xmlNewNs(search.root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, search.root);
	/* a state with no register yet has no certificates to find */
	register_document = register_build(state_dir, &ignored);
	if (each_document(&search, state_dir, "store/dossiers", visit_dossier, register_document,
			  err) < 0 ||
	    each_document(&search, state_dir, "store/records", visit_record, NULL, err) < 0) {
		xmlFreeDoc(document);
		document = NULL;
	}
	if (document)
		add_certificates(&search, register_document);
	xmlFreeDoc(register_document);
	for (size_t i = 0; i < search.application_count; i++)
		free(search.applications[i]);
	free(search.applications);
	return document;
}
