/* register.c - the certificate register in the state store: lookups for the
 * stages, numbers that are never reused or skipped, certificates entered,
 * status actions and expiry; see register.h. */
#include "register_files.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "directory.h"
#include "hash.h"
#include "identity.h"
#include "outcomes.h"
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

/* ---- reading and writing store documents through the open transaction ---- */

/* 0 and *document NULL when the file does not exist. */
int register_load(struct register_store *rs, const char *relative, xmlDocPtr *document,
		  struct error *err)
{
	char path[PATH_MAX];

	*document = NULL;
	if (!store_locate(rs->store, rs->transaction, relative, path, sizeof(path)))
		return 0;
	*document = xml_parse_file(path, err);
	return *document ? 0 : -1;
}

int register_put(struct register_store *rs, const char *relative, xmlDocPtr document,
		 struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (!rs->transaction)
		return error_set(err, "internal error: a register change outside a transaction");
	if (xml_serialize(document, &bytes, &size, err) < 0)
		return -1;
	result = transaction_put(rs->transaction, relative, bytes, (size_t)size, err);
	xmlFree(bytes);
	return result;
}

static xmlDocPtr new_document(const char *root_name, xmlNodePtr *root)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");

	*root = xmlNewDocNode(document, NULL, (const xmlChar *)root_name, NULL);
	xmlSetNs(*root, xmlNewNs(*root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, *root);
	return document;
}

void identity_relative(const char *identity, char *out, size_t size)
{
	char digest[65];

	sha256_hex(identity, strlen(identity), digest);
	snprintf(out, size, "store/identities/%s.xml", digest);
}

void member_relative(const char *registration, char *out, size_t size)
{
	snprintf(out, size, "store/register/%s.xml", registration);
}

int load_identity(struct register_store *rs, const char *identity, xmlDocPtr *document,
		  struct error *err)
{
	char relative[128];

	*document = NULL;
	if (!identity[0])
		return 0;
	identity_relative(identity, relative, sizeof(relative));
	return register_load(rs, relative, document, err);
}

int load_member(struct register_store *rs, const char *registration,
		xmlDocPtr *document, struct error *err)
{
	char relative[128];

	*document = NULL;
	if (!registration_is_safe(registration))
		return 0;
	member_relative(registration, relative, sizeof(relative));
	return register_load(rs, relative, document, err);
}

static xmlNodePtr current_certificate(xmlNodePtr member)
{
	xmlNodePtr current = NULL;

	for (xmlNodePtr node = xml_child(member, "certificate"); node;
	     node = xml_next(node, "certificate"))
		current = node;
	return current;
}

/* ---- the view the stages read ---- */

static int store_is_banned(void *context, const char *identity, struct error *err)
{
	xmlDocPtr document;
	int banned;

	if (load_identity(context, identity, &document, err) < 0)
		return -1;
	banned = document && xml_attribute_true(xmlDocGetRootElement(document), "banned");
	xmlFreeDoc(document);
	return banned;
}

static int store_find_registration(void *context, const char *identity, char *registration,
				   size_t size, struct error *err)
{
	xmlDocPtr document;

	registration[0] = '\0';
	if (load_identity(context, identity, &document, err) < 0)
		return -1;
	if (document)
		xml_attribute_copy(xmlDocGetRootElement(document), "registration", registration,
				   size);
	xmlFreeDoc(document);
	return registration[0] != '\0';
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
	xmlDocPtr document;
	xmlNodePtr member, current;

	memset(holding, 0, sizeof(*holding));
	if (load_member(context, registration, &document, err) < 0)
		return -1;
	if (!document)
		return 0;
	member = xmlDocGetRootElement(document);
	current = current_certificate(member);
	snprintf(holding->registration, sizeof(holding->registration), "%s", registration);
	xml_attribute_copy(member, "identity", holding->identity, sizeof(holding->identity));
	xml_attribute_copy(member, "name", holding->name, sizeof(holding->name));
	if (current)
		read_certificate(current, holding);
	xmlFreeDoc(document);
	return current ? 1 : 0;
}

#define SEQUENCE_FILE "store/registration-sequence"

/* The last registration number given. Read without waiting for a commit
 * behind (store.h), which every group of certificates leaves holding it. */
static int read_sequence(struct register_store *rs, unsigned long *sequence, struct error *err)
{
	char path[PATH_MAX], text[32] = "";
	int found = store_read_small(rs->store, rs->transaction, SEQUENCE_FILE, text,
				     sizeof(text), err);

	*sequence = 0;
	if (found <= 0)
		return found;
	if (sscanf(text, "%lu", sequence) != 1)
		return error_set(err, "'%s' is damaged: it should hold one number",
				 store_path(rs->store, SEQUENCE_FILE, path, sizeof(path)));
	return 0;
}

/* The next registration number in sequence; never one that exists. The
 * sequence is written in the same transaction as the certificate, so a crash
 * can neither skip a number nor give one twice. */
static int next_registration(struct register_store *rs, char *out, size_t size,
			     struct error *err)
{
	unsigned long sequence;
	char text[32], relative[128], path[PATH_MAX];

	if (read_sequence(rs, &sequence, err) < 0)
		return -1;
	do {
		sequence++;
		if (policy_format_registration(rs->policy, sequence, out, size) < 0 ||
		    !registration_is_safe(out))
			return error_set(err, "the policy's registrationFormat gives '%s', which "
					 "cannot be a registration number", out);
		member_relative(out, relative, sizeof(relative));
	} while (store_locate(rs->store, rs->transaction, relative, path, sizeof(path)));
	snprintf(text, sizeof(text), "%lu\n", sequence);
	return transaction_put(rs->transaction, SEQUENCE_FILE, text, strlen(text), err);
}

static int store_allocate_certificate(void *context, const char *identity,
				      const char *registration, struct certificate_slot *slot,
				      struct error *err)
{
	struct register_store *rs = context;
	xmlDocPtr document = NULL;
	int certificates = 0, result = -1;

	memset(slot, 0, sizeof(*slot));
	snprintf(slot->registration, sizeof(slot->registration), "%s", registration);
	if (!slot->registration[0]) {
		/* one registration per person, for life */
		if (load_identity(rs, identity, &document, err) < 0)
			goto out;
		if (document)
			xml_attribute_copy(xmlDocGetRootElement(document), "registration",
					   slot->registration, sizeof(slot->registration));
		xmlFreeDoc(document);
		document = NULL;
	}
	if (!slot->registration[0] &&
	    next_registration(rs, slot->registration, sizeof(slot->registration), err) < 0)
		goto out;
	if (load_member(rs, slot->registration, &document, err) < 0)
		goto out;
	for (xmlNodePtr node = xml_child(xmlDocGetRootElement(document), "certificate"); node;
	     node = xml_next(node, "certificate"))
		certificates++;
	snprintf(slot->serial, sizeof(slot->serial), "%s-%d", slot->registration, certificates + 1);
	result = 0;
out:
	xmlFreeDoc(document);
	return result;
}

void register_view_for_store(struct register_view *view, struct register_store *rs)
{
	view->context = rs;
	view->is_banned = store_is_banned;
	view->find_registration = store_find_registration;
	view->find_holding = store_find_holding;
	view->allocate_certificate = store_allocate_certificate;
}

/* ---- entering a certificate ---- */

static void copy_attribute(xmlNodePtr from, const char *name, xmlNodePtr to)
{
	char value[512];

	xml_set(to, name, xml_attribute_copy(from, name, value, sizeof(value)));
}

static xmlNodePtr new_member(xmlDocPtr *document, const struct dossier *dossier,
			     xmlNodePtr certification, const char *identity)
{
	xmlNodePtr member, application = dossier_application(dossier);
	char value[256];

	*document = new_document("member", &member);
	copy_attribute(certification, "registration", member);
	xml_set(member, "name", dossier_get(dossier, "name", value, sizeof(value)));
	xml_set(member, "identity", identity);
	xml_set(member, "idMasked", dossier_get(dossier, "idMasked", value, sizeof(value)));
	xml_set(member, "field", xml_attribute_copy(xml_child(application, "field"), "code", value,
						    sizeof(value)));
	xml_set_optional(member, "fieldName", dossier_get(dossier, "fieldName", value, sizeof(value)));
	xml_set(member, "banned", "false");
	xml_set(member, "notices", "0");
	return member;
}

int put_identity(struct register_store *rs, const char *identity,
		 const char *registration, int banned, struct error *err)
{
	char relative[128];
	xmlNodePtr root;
	xmlDocPtr document = new_document("identity", &root);
	int result;

	xml_set(root, "registration", registration);
	xml_set(root, "banned", banned ? "true" : "false");
	identity_relative(identity, relative, sizeof(relative));
	result = register_put(rs, relative, document, err);
	xmlFreeDoc(document);
	return result;
}

int register_record_certification(struct register_store *rs, const struct dossier *dossier,
				  xmlNodePtr certification, struct error *err)
{
	char identity[128], registration[64], relative[PATH_MAX], expires[16], value[64];
	xmlDocPtr document = NULL;
	xmlNodePtr member, previous, certificate;
	int result = -1;

	application_identity(dossier_application(dossier), identity, sizeof(identity));
	xml_attribute_copy(certification, "registration", registration, sizeof(registration));
	if (load_member(rs, registration, &document, err) < 0)
		goto out;
	member = document ? xmlDocGetRootElement(document) :
			    new_member(&document, dossier, certification, identity);
	previous = current_certificate(member);
	if (previous && (xml_attribute_copy(previous, "status", value, sizeof(value)),
			 strcmp(value, "valid") == 0 || strcmp(value, "suspended") == 0))
		xml_set(previous, "status", "superseded");
	certificate = xml_add_child(member, "certificate", NULL);
	copy_attribute(certification, "serial", certificate);
	copy_attribute(certification, "level", certificate);
	copy_attribute(certification, "issued", certificate);
	copy_attribute(certification, "expires", certificate);
	xml_set(certificate, "status", "valid");
	xml_set(certificate, "application", dossier_get(dossier, "id", value, sizeof(value)));
	member_relative(registration, relative, sizeof(relative));
	if (register_put(rs, relative, document, err) < 0 ||
	    put_identity(rs, identity, registration, xml_attribute_true(member, "banned"), err) < 0)
		goto out;
	snprintf(relative, sizeof(relative), "store/expiries/%s_%s",
		 xml_attribute_copy(certification, "expires", expires, sizeof(expires)), registration);
	result = transaction_put(rs->transaction, relative, registration, strlen(registration), err);
out:
	xmlFreeDoc(document);
	return result;
}

/* ---- status changes ---- */

static const char *effective_status(xmlNodePtr certificate, day_t date, char *out, size_t size)
{
	char expires_text[16];
	day_t expires;

	xml_attribute_copy(certificate, "status", out, size);
	if (strcmp(out, "valid") == 0 &&
	    date_parse(xml_attribute_copy(certificate, "expires", expires_text,
					  sizeof(expires_text)), &expires) == 0 && expires < date)
		snprintf(out, size, "expired");
	return out;
}

/* The registerChange document for a change of member's current certificate,
 * numbered as the member's next letter. */
static xmlDocPtr make_change(struct register_store *rs, xmlNodePtr member,
			     xmlNodePtr certificate, const char *action, const char *from,
			     const char *to, day_t date, const char *reference, int fraud,
			     const char *reason)
{
	char date_text[11], registration[64], seq[16], value[256];
	int number = atoi(xml_attribute_copy(member, "notices", seq, sizeof(seq))) + 1;
	xmlNodePtr change;
	xmlDocPtr document = new_document("registerChange", &change);

	date_format(date, date_text);
	xml_attribute_copy(member, "registration", registration, sizeof(registration));
	xml_set_format(member, "notices", "%d", number);
	xml_set_format(change, "seq", "%d", number);
	xml_set(change, "date", date_text);
	xml_set(change, "registration", registration);
	xml_set(change, "serial", xml_attribute_copy(certificate, "serial", value, sizeof(value)));
	xml_set(change, "action", action);
	xml_set(change, "from", from);
	xml_set(change, "to", to);
	if (fraud)
		xml_set(change, "fraud", "true");
	if (reference[0])
		xml_set(change, "reference", reference);
	xml_set(change, "name", xml_attribute_copy(member, "name", value, sizeof(value)));
	xml_set(change, "idMasked", xml_attribute_copy(member, "idMasked", value, sizeof(value)));
	xml_set(change, "level", xml_attribute_copy(certificate, "level", value, sizeof(value)));
	xml_set(change, "field", xml_attribute_copy(member, "field", value, sizeof(value)));
	if (!xml_attribute_copy(member, "fieldName", value, sizeof(value))[0])
		xml_attribute_copy(member, "field", value, sizeof(value));
	xml_set(change, "fieldName", value);
	xml_set(change, "society", rs->policy->society_code);
	xml_set(change, "societyName", rs->policy->society_name);
	xml_set_optional(change, "societyNameEn", rs->policy->society_name_english);
	snprintf(value, sizeof(value), "out/notices/%s/%02d-status.html", registration, number);
	xml_set(change, "html", value);
	snprintf(value, sizeof(value), "out/notices/%s/%02d-status.txt", registration, number);
	xml_set(change, "text", value);
	if (reason && reason[0])
		xmlNodeAddContent(change, (const xmlChar *)reason);
	return document;
}

/* The status an action leads to from `from`, or NULL if it cannot apply. */
static const char *status_after(const char *action, const char *from)
{
	int active = strcmp(from, "valid") == 0 || strcmp(from, "suspended") == 0;

	if (strcmp(action, "suspend") == 0)
		return strcmp(from, "valid") == 0 ? "suspended" : NULL;
	if (strcmp(action, "restore") == 0)
		return strcmp(from, "suspended") == 0 ? "valid" : NULL;
	if (strcmp(action, "cancel") == 0)
		return active ? "cancelled" : NULL;
	if (strcmp(action, "revoke") == 0)
		return strcmp(from, "revoked") != 0 && strcmp(from, "superseded") != 0 ?
		       "revoked" : NULL;
	return NULL;
}

static const char *action_name(const char *action)
{
	static const char *const names[][2] = {
		{ "suspend", "暂停" }, { "restore", "恢复" }, { "cancel", "注销" },
		{ "revoke", "撤销" }, { "expire", "到期失效" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], action) == 0)
			return names[i][1];
	return action;
}

int register_apply_action(struct register_store *rs, xmlNodePtr action, day_t date,
			  struct action_outcome *outcome, struct error *err)
{
	char registration[64], verb[16], reference[128], from[16], relative[PATH_MAX];
	char identity[128], *reason = NULL;
	int fraud = xml_attribute_true(action, "fraud"), result = -1;
	xmlDocPtr document = NULL;
	xmlNodePtr member, certificate;
	const char *to;

	memset(outcome, 0, sizeof(*outcome));
	xml_attribute_copy(action, "registration", registration, sizeof(registration));
	xml_attribute_copy(action, "action", verb, sizeof(verb));
	xml_attribute_copy(action, "reference", reference, sizeof(reference));
	if (load_member(rs, registration, &document, err) < 0)
		return -1;
	if (!document || !(certificate = current_certificate(xmlDocGetRootElement(document)))) {
		snprintf(outcome->code, sizeof(outcome->code), REASON_RECORD_UNKNOWN_APPLICATION);
		snprintf(outcome->message, sizeof(outcome->message),
			 "注册编号 %s 在本学会的注册记录中不存在", registration);
		result = 0;
		goto out;
	}
	member = xmlDocGetRootElement(document);
	effective_status(certificate, date, from, sizeof(from));
	to = status_after(verb, from);
	if (!to) {
		snprintf(outcome->code, sizeof(outcome->code), REASON_RECORD_WRONG_STATE);
		snprintf(outcome->message, sizeof(outcome->message),
			 "注册编号 %s 的证书当前状态为 %s，不能%s", registration, from,
			 action_name(verb));
		result = 0;
		goto out;
	}
	xml_set(certificate, "status", to);
	if (strcmp(verb, "revoke") == 0 && fraud)
		xml_set(member, "banned", "true");	/* Q14: banned for life */
	reason = xml_text(action);
	outcome->change = make_change(rs, member, certificate, verb, from, to, date, reference,
				      fraud, reason);
	member_relative(registration, relative, sizeof(relative));
	xml_attribute_copy(member, "identity", identity, sizeof(identity));
	if (register_put(rs, relative, document, err) < 0 ||
	    put_identity(rs, identity, registration, xml_attribute_true(member, "banned"), err) < 0)
		goto out;
	if (strcmp(verb, "revoke") == 0 && fraud)
		snprintf(outcome->banned, sizeof(outcome->banned), "%s", identity);
	result = 0;
out:
	if (result < 0 && outcome->change) {
		xmlFreeDoc(outcome->change);
		outcome->change = NULL;
	}
	xmlFree(reason);
	xmlFreeDoc(document);
	return result;
}

/* ---- expiry ---- */

static int expire_one(struct register_store *rs, const char *marker, day_t date,
		      int (*changed)(void *, xmlDocPtr, struct error *), void *context,
		      struct error *err)
{
	char registration[64], expires_text[16], status[16], relative[PATH_MAX], current_expiry[16];
	xmlDocPtr document = NULL, change;
	xmlNodePtr certificate;
	day_t expires;
	int result = -1;

	snprintf(expires_text, sizeof(expires_text), "%.10s", marker);
	snprintf(registration, sizeof(registration), "%s", marker + 11);
	if (date_parse(expires_text, &expires) < 0 || expires >= date)
		return 0;
	if (load_member(rs, registration, &document, err) < 0)
		return -1;
	certificate = document ? current_certificate(xmlDocGetRootElement(document)) : NULL;
	xml_attribute_copy(certificate, "status", status, sizeof(status));
	xml_attribute_copy(certificate, "expires", current_expiry, sizeof(current_expiry));
	if (certificate && strcmp(current_expiry, expires_text) == 0 &&
	    (strcmp(status, "valid") == 0 || strcmp(status, "suspended") == 0)) {
		xml_set(certificate, "status", "expired");
		change = make_change(rs, xmlDocGetRootElement(document), certificate, "expire",
				     status, "expired", expires + 1, "", 0,
				     "证书有效期届满，未办理再注册。");
		member_relative(registration, relative, sizeof(relative));
		if (register_put(rs, relative, document, err) < 0 || changed(context, change, err) < 0)
			goto out;
	}
	snprintf(relative, sizeof(relative), "store/expiries/%s", marker);
	result = transaction_remove(rs->transaction, relative, err);
out:
	xmlFreeDoc(document);
	return result;
}

int register_expire(struct register_store *rs, day_t date,
		    int (*changed)(void *context, xmlDocPtr change, struct error *err),
		    void *context, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list markers;
	int result;

	result = directory_list(store_path(rs->store, "store/expiries", directory,
					   sizeof(directory)), "", &markers, err);
	for (size_t i = 0; i < markers.count && result == 0; i++)
		if (strlen(markers.names[i]) > 11 && markers.names[i][10] == '_')
			result = expire_one(rs, markers.names[i], date, changed, context, err);
	name_list_release(&markers);
	return result;
}

/* ---- reminders before expiry (R9) ---- */

/* The certificate of an expiry marker whose reminder date (its expiry less
 * `months`, on the calendar) is the run's date or before and whose expiry
 * is not yet past: one reminder, and its marker so that it is never sent
 * twice. A certificate no longer the member's current and valid one (revoked,
 * suspended, superseded) gets none, and its marker is not written, so a
 * restored certificate still gets its reminder. */
static int remind_one(struct register_store *rs, const char *marker, day_t date, int months,
		      int (*changed)(void *, xmlDocPtr, struct error *), void *context,
		      struct error *err)
{
	char registration[64], expires_text[16], status[16], current_expiry[16];
	char relative[PATH_MAX], path[PATH_MAX], value[PATH_MAX];
	xmlDocPtr document = NULL, reminder = NULL;
	xmlNodePtr certificate, root;
	day_t expires;
	int result = -1, number;

	snprintf(expires_text, sizeof(expires_text), "%.10s", marker);
	snprintf(registration, sizeof(registration), "%s", marker + 11);
	if (date_parse(expires_text, &expires) < 0 || expires < date ||
	    date_add_months(expires, -months) > date)
		return 0;
	snprintf(relative, sizeof(relative), "store/reminders/%s", marker);
	if (store_locate(rs->store, rs->transaction, relative, path, sizeof(path)))
		return 0;
	if (load_member(rs, registration, &document, err) < 0)
		return -1;
	certificate = document ? current_certificate(xmlDocGetRootElement(document)) : NULL;
	xml_attribute_copy(certificate, "status", status, sizeof(status));
	xml_attribute_copy(certificate, "expires", current_expiry, sizeof(current_expiry));
	if (!certificate || strcmp(current_expiry, expires_text) != 0 ||
	    strcmp(status, "valid") != 0) {
		result = 0;
		goto out;
	}
	reminder = make_change(rs, xmlDocGetRootElement(document), certificate, "remind", status,
			       status, date, "", 0, NULL);
	root = xmlDocGetRootElement(reminder);
	number = atoi(xml_attribute_copy(root, "seq", value, sizeof(value)));
	xml_set(root, "expires", expires_text);
	date_format(date_add_months(expires, -rs->policy->renew_from_months), value);
	xml_set(root, "renewFrom", value);
	date_format(date_add_months(expires, rs->policy->renew_until_months), value);
	xml_set(root, "renewUntil", value);
	xml_set_format(root, "cpdHoursPerYear", "%d", rs->policy->cpd_hours_per_year);
	snprintf(value, sizeof(value), "out/notices/%s/%02d-reminder.html", registration, number);
	xml_set(root, "html", value);
	snprintf(value, sizeof(value), "out/notices/%s/%02d-reminder.txt", registration, number);
	xml_set(root, "text", value);
	member_relative(registration, value, sizeof(value));
	if (register_put(rs, value, document, err) < 0 ||
	    transaction_put(rs->transaction, relative, registration, strlen(registration),
			    err) < 0)
		goto out;
	result = changed(context, reminder, err);
	reminder = NULL;	/* changed frees it */
out:
	xmlFreeDoc(reminder);
	xmlFreeDoc(document);
	return result;
}

int register_remind(struct register_store *rs, day_t date, int months,
		    int (*changed)(void *context, xmlDocPtr reminder, struct error *err),
		    void *context, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list markers;
	int result;

	if (months <= 0)
		return 0;
	result = directory_list(store_path(rs->store, "store/expiries", directory,
					   sizeof(directory)), "", &markers, err);
	for (size_t i = 0; i < markers.count && result == 0; i++)
		if (strlen(markers.names[i]) > 11 && markers.names[i][10] == '_')
			result = remind_one(rs, markers.names[i], date, months, changed, context,
					    err);
	name_list_release(&markers);
	return result;
}

/* ---- the public register ---- */

static void add_public_member(xmlNodePtr root, xmlNodePtr member)
{
	static const char *const member_attributes[] = {
		"registration", "name", "idMasked", "field", "banned"
	};
	static const char *const certificate_attributes[] = {
		"serial", "level", "issued", "expires", "status"
	};
	xmlNodePtr entry = xml_add_child(root, "member", NULL);

	for (size_t i = 0; i < 5; i++)
		copy_attribute(member, member_attributes[i], entry);
	for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
	     certificate = xml_next(certificate, "certificate")) {
		xmlNodePtr copy = xml_add_child(entry, "certificate", NULL);

		for (size_t i = 0; i < 5; i++)
			copy_attribute(certificate, certificate_attributes[i], copy);
	}
}

int register_each_member(const char *state_dir,
			 void (*each)(xmlNodePtr member, void *context), void *context,
			 struct error *err)
{
	char directory[PATH_MAX], path[PATH_MAX];
	struct name_list members;

	snprintf(directory, sizeof(directory), "%s/store/register", state_dir);
	if (directory_list(directory, ".xml", &members, err) < 0)
		return -1;
	for (size_t i = 0; i < members.count; i++) {
		xmlDocPtr member;
		struct error ignored;

		snprintf(path, sizeof(path), "%s/%s", directory, members.names[i]);
		member = xml_parse_file(path, &ignored);
		if (!member)
			continue;
		each(xmlDocGetRootElement(member), context);
		xmlFreeDoc(member);
	}
	name_list_release(&members);
	return 0;
}

static void add_public_member_to(xmlNodePtr member, void *root)
{
	add_public_member(root, member);
}

xmlDocPtr register_build(const char *state_dir, struct error *err)
{
	char path[PATH_MAX], generated[40], society[64] = "";
	xmlNodePtr root;
	xmlDocPtr document = new_document("register", &root);

	if (register_each_member(state_dir, add_public_member_to, root, err) < 0) {
		xmlFreeDoc(document);
		return NULL;
	}
	{
		struct error ignored;
		xmlDocPtr policy;

		snprintf(path, sizeof(path), "%s/policy.xml", state_dir);
		policy = xml_parse_file(path, &ignored);
		if (policy)
			xml_attribute_copy(xml_child(xmlDocGetRootElement(policy), "society"), "code",
					   society, sizeof(society));
		xmlFreeDoc(policy);
	}
	xml_set(root, "society", society);
	datetime_now(generated, sizeof(generated));
	xml_set(root, "generated", generated);
	return document;
}
