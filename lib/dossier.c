/* dossier.c - loading, saving and editing a dossier; see dossier.h and doc/dossier.md. */
#include "dossier.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mask.h"
#include "package.h"
#include "policy.h"
#include "xml.h"

void dossier_init(struct dossier *dossier)
{
	dossier->document = NULL;
	dossier->root = NULL;
}

void dossier_release(struct dossier *dossier)
{
	if (dossier->document)
		xmlFreeDoc(dossier->document);
	dossier_init(dossier);
}

static int is_dossier_root(xmlNodePtr root)
{
	return root && root->ns && strcmp((const char *)root->ns->href, ECAP_NAMESPACE) == 0 &&
	       strcmp((const char *)root->name, "dossier") == 0;
}

int id_is_safe(const char *id)
{
	size_t length = strlen(id);

	if (length == 0 || length > 64 || !isalnum((unsigned char)id[0]))
		return 0;
	for (const char *c = id; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
			return 0;
	return 1;
}

int dossier_create(struct dossier *dossier, const char *id, const struct policy *policy,
		   struct error *err)
{
	xmlNsPtr ns;

	dossier_init(dossier);
	dossier->document = xmlNewDoc((const xmlChar *)"1.0");
	if (!dossier->document)
		return error_set(err, "out of memory creating a dossier");
	dossier->root = xmlNewDocNode(dossier->document, NULL, (const xmlChar *)"dossier", NULL);
	ns = xmlNewNs(dossier->root, (const xmlChar *)ECAP_NAMESPACE, NULL);
	xmlSetNs(dossier->root, ns);
	xmlDocSetRootElement(dossier->document, dossier->root);
	xml_set(dossier->root, "id", id);
	xml_set(dossier->root, "state", "in-review");
	xml_set(dossier->root, "society", policy->society_code);
	xml_set(dossier->root, "societyName", policy->society_name);
	xml_set_optional(dossier->root, "societyNameEn", policy->society_name_english);
	return 0;
}

int dossier_adopt(struct dossier *dossier, xmlDocPtr document, struct error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(document);

	dossier_init(dossier);
	if (!is_dossier_root(root)) {
		xmlFreeDoc(document);
		return error_set(err, "not a dossier: the root element is not <dossier> in %s",
				 ECAP_NAMESPACE);
	}
	dossier->document = document;
	dossier->root = root;
	return 0;
}

int dossier_from_application(struct dossier *dossier, xmlDocPtr application,
			     const struct policy *policy, struct error *err)
{
	char id[128];
	int result = -1;

	xml_attribute_copy(xmlDocGetRootElement(application), "id", id, sizeof(id));
	if (dossier_create(dossier, id, policy, err) < 0)
		goto out;
	if (dossier_replace_application(dossier, xmlDocGetRootElement(application), err) < 0)
		goto out;
	result = 0;
out:
	xmlFreeDoc(application);
	return result;
}

int dossier_load(struct dossier *dossier, const char *path, struct error *err)
{
	xmlDocPtr document = xml_parse_file(path, err);

	dossier_init(dossier);
	if (!document)
		return -1;
	return dossier_adopt(dossier, document, err);
}

int dossier_serialize(const struct dossier *dossier, xmlChar **bytes, int *size,
		      struct error *err)
{
	return xml_serialize(dossier->document, bytes, size, err);
}

const char *dossier_get(const struct dossier *dossier, const char *attribute, char *out,
			size_t size)
{
	return xml_attribute_copy(dossier->root, attribute, out, size);
}

void dossier_set(struct dossier *dossier, const char *attribute, const char *value)
{
	if (value)
		xml_set(dossier->root, attribute, value);
	else
		xmlUnsetProp(dossier->root, (const xmlChar *)attribute);
}

void dossier_set_state(struct dossier *dossier, const char *state, day_t since)
{
	char date[11];

	date_format(since, date);
	dossier_set(dossier, "state", state);
	dossier_set(dossier, "since", date);
	/* only a return and a supplement request have a deadline */
	if (strcmp(state, "returned") != 0 && strcmp(state, "supplement-requested") != 0)
		dossier_set(dossier, "deadline", NULL);
}

xmlNodePtr dossier_application(const struct dossier *dossier)
{
	return xml_child(dossier->root, "application");
}

/* The text of applicant/<name>, trimmed, into out ("" if absent). */
void applicant_text(xmlNodePtr application, const char *name, char *out, size_t size)
{
	char *text = xml_text(xml_child(xml_child(application, "applicant"), name));
	const char *start = text ? text : "";
	size_t length;

	while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
		start++;
	length = strlen(start);
	while (length && (start[length - 1] == ' ' || start[length - 1] == '\t' ||
			  start[length - 1] == '\n' || start[length - 1] == '\r'))
		length--;
	snprintf(out, size, "%.*s", (int)length, start);
	xmlFree(text);
}

void application_name(xmlNodePtr application, char *out, size_t size)
{
	applicant_text(application, "name", out, size);
}

/* The applicant's name and masked ID, kept on the root so that letters never
 * need to look at the ID number itself. */
static void stamp_applicant(struct dossier *dossier, xmlNodePtr application)
{
	xmlNodePtr applicant = xml_child(application, "applicant");
	char *name = xml_text(xml_child(applicant, "name"));
	char *number = xml_text(xml_child(applicant, "idDocument"));
	char masked[128];

	if (name)
		dossier_set(dossier, "name", name);
	identity_mask(number ? number : "", masked, sizeof(masked));
	dossier_set(dossier, "idMasked", masked);
	xmlFree(name);
	xmlFree(number);
}

int dossier_replace_application(struct dossier *dossier, xmlNodePtr application,
				struct error *err)
{
	xmlNodePtr old = dossier_application(dossier);
	xmlNodePtr copy = xmlDocCopyNode(application, dossier->document, 1);

	if (!copy)
		return error_set(err, "out of memory copying an application");
	if (old) {
		xmlReplaceNode(old, copy);
		xmlFreeNode(old);
	} else if (dossier->root->children) {
		xmlAddPrevSibling(dossier->root->children, copy);
	} else {
		xmlAddChild(dossier->root, copy);
	}
	xmlReconciliateNs(dossier->document, copy);
	stamp_applicant(dossier, copy);
	return 0;
}

xmlNodePtr dossier_append(struct dossier *dossier, const char *element)
{
	return xml_add_child(dossier->root, element, NULL);
}

xmlNodePtr dossier_last(const struct dossier *dossier, const char *element)
{
	xmlNodePtr last = NULL;

	for (xmlNodePtr node = xml_child(dossier->root, element); node;
	     node = xml_next(node, element))
		last = node;
	return last;
}

int dossier_count(const struct dossier *dossier, const char *element)
{
	int count = 0;

	for (xmlNodePtr node = xml_child(dossier->root, element); node;
	     node = xml_next(node, element))
		count++;
	return count;
}

void dossier_add_submission(struct dossier *dossier, const char *name, const char *digest,
			    day_t received, const char *input, const struct package *package,
			    const char *problem, const char *problem_code)
{
	xmlNodePtr submission = dossier_append(dossier, "submission");
	char date[11];

	date_format(received, date);
	xml_set_format(submission, "seq", "%d", dossier_count(dossier, "submission"));
	xml_set(submission, "package", digest);
	xml_set(submission, "name", name);
	xml_set(submission, "received", date);
	if (input[0])
		xml_set(submission, "input", input);
	for (size_t i = 0; i < package->entry_count; i++) {
		xmlNodePtr entry = xml_add_child(submission, "entry", NULL);

		xml_set(entry, "path", package->entries[i].path);
		xml_set_format(entry, "size", "%zu", package->entries[i].size);
		xml_set(entry, "sha256", package->entries[i].sha256);
	}
	if (problem)
		xml_set(xml_add_child(submission, "problem", problem), "code", problem_code);
}

xmlNodePtr dossier_add_notice(struct dossier *dossier, xmlNodePtr result, const char *kind,
			      day_t date)
{
	char id[128], date_text[11], seq[16], path[512];
	int number = dossier_count(dossier, "notice") + 1;
	xmlNodePtr notice = xmlNewDocNode(dossier->document, dossier->root->ns,
					  (const xmlChar *)"notice", NULL);

	xmlAddNextSibling(result, notice);
	dossier_get(dossier, "id", id, sizeof(id));
	date_format(date, date_text);
	snprintf(seq, sizeof(seq), "%d", number);
	xml_set(notice, "seq", seq);
	xml_set(notice, "kind", kind);
	xml_set(notice, "date", date_text);
	snprintf(path, sizeof(path), "out/notices/%s/%02d-%s.html", id, number, kind);
	xml_set(notice, "html", path);
	snprintf(path, sizeof(path), "out/notices/%s/%02d-%s.txt", id, number, kind);
	xml_set(notice, "text", path);
	return notice;
}
