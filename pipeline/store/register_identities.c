/* register_identities.c - the upgrade of the register to layout version 3
 * (upgrade.c): every member and ban filed under the person's normalised
 * identity; see register.h. */
#include "register_files.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "identity.h"
#include "xml.h"

/* ---- layout version 3: normalised identities ---- */

/* One member file as version 1 left it. */
struct old_member {
	char registration[64];
	char raw[128];			/* the identity attribute, as submitted */
	char identity[128];		/* normalised */
	int banned;			/* the member's own flag or its identity file's */
};

/* The type and nationality of a member's ID number are not in the member
 * file: they are in the form of an application it was certified from. */
static int identity_from_dossiers(struct register_store *rs, xmlNodePtr member,
				  const char *raw, char *out, size_t size, struct error *err)
{
	char application[128], relative[PATH_MAX], number[128];
	xmlDocPtr dossier;
	xmlNodePtr form;

	for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
	     certificate = xml_next(certificate, "certificate")) {
		char *text;

		xml_attribute_copy(certificate, "application", application, sizeof(application));
		if (!application[0] || strchr(application, '/') || application[0] == '.')
			continue;
		snprintf(relative, sizeof(relative), "store/dossiers/%s.xml", application);
		if (register_load(rs, relative, &dossier, err) < 0)
			return -1;
		form = dossier ? xml_child(xmlDocGetRootElement(dossier), "application") : NULL;
		text = xml_text(xml_child(xml_child(form, "applicant"), "idDocument"));
		snprintf(number, sizeof(number), "%s", text ? text : "");
		xmlFree(text);
		if (form && strcmp(number, raw) == 0)
			application_identity(form, out, size);
		xmlFreeDoc(dossier);
		if (out[0])
			return 1;
	}
	return 0;
}

/* 17 digits and a check character: a resident ID whatever else is known. */
static int looks_like_resident_id(const char *raw)
{
	if (strlen(raw) != 18)
		return 0;
	for (int i = 0; i < 17; i++)
		if (raw[i] < '0' || raw[i] > '9')
			return 0;
	return (raw[17] >= '0' && raw[17] <= '9') || raw[17] == 'x' || raw[17] == 'X';
}

static int read_old_member(struct register_store *rs, const char *file, struct old_member *old,
			   struct error *err)
{
	char relative[PATH_MAX];
	xmlDocPtr document = NULL, identity = NULL;
	xmlNodePtr member;
	int result = -1, found;

	memset(old, 0, sizeof(*old));
	snprintf(relative, sizeof(relative), "store/register/%s", file);
	if (register_load(rs, relative, &document, err) < 0)
		goto out;
	member = xmlDocGetRootElement(document);
	xml_attribute_copy(member, "registration", old->registration, sizeof(old->registration));
	xml_attribute_copy(member, "identity", old->raw, sizeof(old->raw));
	old->banned = xml_attribute_true(member, "banned");
	found = identity_from_dossiers(rs, member, old->raw, old->identity, sizeof(old->identity),
				       err);
	if (found < 0)
		goto out;
	if (!found && looks_like_resident_id(old->raw))
		identity_normalise("resident-id", old->raw, NULL, old->identity,
				   sizeof(old->identity));
	if (!old->identity[0]) {
		error_set(err, "member %s: no dossier tells the type and nationality of its ID "
			  "document", old->registration);
		goto out;
	}
	if (load_identity(rs, old->raw, &identity, err) < 0)
		goto out;
	if (identity && xml_attribute_true(xmlDocGetRootElement(identity), "banned"))
		old->banned = 1;
	result = 0;
out:
	xmlFreeDoc(identity);
	xmlFreeDoc(document);
	return result;
}

static int compare_old_members(const void *a, const void *b)
{
	const struct old_member *left = a, *right = b;
	int by_identity = strcmp(left->identity, right->identity);

	return by_identity ? by_identity : strcmp(left->registration, right->registration);
}

/* Rewrites a member file with its normalised identity and the person's ban. */
static int rewrite_member(struct register_store *rs, const struct old_member *old, int banned,
			  struct error *err)
{
	char relative[128];
	xmlDocPtr document;
	xmlNodePtr member;
	int result;

	if (load_member(rs, old->registration, &document, err) < 0)
		return -1;
	if (!document)
		return 0;
	member = xmlDocGetRootElement(document);
	if (strcmp(old->raw, old->identity) == 0 && xml_attribute_true(member, "banned") == banned) {
		xmlFreeDoc(document);
		return 0;
	}
	xml_set(member, "identity", old->identity);
	xml_set(member, "banned", banned ? "true" : "false");
	member_relative(old->registration, relative, sizeof(relative));
	result = register_put(rs, relative, document, err);
	xmlFreeDoc(document);
	return result;
}

/* One person: members[0 .. count) share a normalised identity. The person
 * keeps the first registration number given (the lowest), and is banned if
 * any of the identities they were known by was. */
static int normalise_person(struct register_store *rs, const struct old_member *members,
			    size_t count, struct error *err)
{
	char old_relative[128], new_relative[128];
	int banned = 0;

	for (size_t i = 0; i < count; i++)
		banned |= members[i].banned;
	for (size_t i = 0; i < count; i++) {
		identity_relative(members[i].raw, old_relative, sizeof(old_relative));
		identity_relative(members[i].identity, new_relative, sizeof(new_relative));
		if (strcmp(old_relative, new_relative) != 0 &&
		    transaction_remove(rs->transaction, old_relative, err) < 0)
			return -1;
		if (rewrite_member(rs, &members[i], banned, err) < 0)
			return -1;
	}
	return put_identity(rs, members[0].identity, members[0].registration, banned, err);
}

int register_normalise_identities(struct store *store, struct transaction *transaction,
				  struct error *err)
{
	struct register_store rs = { store, transaction, NULL };
	char directory[PATH_MAX];
	struct name_list files;
	struct old_member *members = NULL;
	size_t count = 0;
	int result = -1;

	if (directory_list(store_path(store, "store/register", directory, sizeof(directory)),
			   ".xml", &files, err) < 0)
		return -1;
	if (files.count && !(members = calloc(files.count, sizeof(*members)))) {
		error_set(err, "out of memory");
		goto out;
	}
	for (; count < files.count; count++)
		if (read_old_member(&rs, files.names[count], &members[count], err) < 0)
			goto out;
	if (count)	/* qsort's array may not be NULL, even for none */
		qsort(members, count, sizeof(*members), compare_old_members);
	for (size_t first = 0, next; first < count; first = next) {
		for (next = first + 1; next < count &&
		     strcmp(members[next].identity, members[first].identity) == 0; next++)
			;
		if (normalise_person(&rs, members + first, next - first, err) < 0)
			goto out;
	}
	result = 0;
out:
	free(members);
	name_list_release(&files);
	return result;
}
