/* tables.c - status, register and find as CSV; see tables.h. */
#include "tables.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "status.h"
#include "xml.h"

/* One field from an attribute of node ("" when absent). */
static void attribute_field(struct csv *csv, xmlNodePtr node, const char *name)
{
	char *value = node ? xml_attribute(node, name) : NULL;

	csv_field(csv, value);
	xmlFree(value);
}

static void text_field(struct csv *csv, xmlNodePtr node)
{
	char *text = xml_text(node);

	csv_field(csv, text);
	xmlFree(text);
}

/* The children named `name` of entry: their attribute `attribute` (or their
 * text, attribute NULL) joined by `separator`, as one field. */
static void joined_field(struct csv *csv, xmlNodePtr entry, const char *name,
			 const char *attribute, const char *separator)
{
	char *joined = NULL;
	size_t length = 0;

	for (xmlNodePtr child = xml_child(entry, name); child; child = xml_next(child, name)) {
		char *value = attribute ? xml_attribute(child, attribute) : xml_text(child);
		size_t add = value ? strlen(value) : 0;
		char *grown = realloc(joined, length + strlen(separator) + add + 1);

		if (!grown) {
			xmlFree(value);
			break;
		}
		joined = grown;
		length += (size_t)sprintf(joined + length, "%s%s", length ? separator : "",
					  value ? value : "");
		xmlFree(value);
	}
	csv_field(csv, joined);
	free(joined);
}

/* The last child of entry named `name`, or NULL. */
static xmlNodePtr last_child(xmlNodePtr entry, const char *name)
{
	xmlNodePtr last = NULL;

	for (xmlNodePtr child = xml_child(entry, name); child; child = xml_next(child, name))
		last = child;
	return last;
}

static const char *const status_headers[] = {
	"类别 kind", "申请编号 application", "输入 input", "状态 state", "状态名称 state name",
	"级别 level", "技术领域 field", "起始日期 since", "期限 deadline", "代码 code",
	"说明 detail", "最新通知 latest letter", "证书或注册编号 certificate or registration", NULL
};

static void status_application(struct csv *csv, xmlNodePtr entry)
{
	char state[32];

	csv_field(csv, "application");
	attribute_field(csv, entry, "id");
	csv_field(csv, NULL);
	csv_field(csv, xml_attribute_copy(entry, "state", state, sizeof(state)));
	csv_field(csv, state_name(state));
	attribute_field(csv, entry, "level");
	attribute_field(csv, entry, "field");
	attribute_field(csv, entry, "since");
	attribute_field(csv, entry, "deadline");
	joined_field(csv, entry, "reason", "code", " ");
	joined_field(csv, entry, "reason", NULL, "\n");
	attribute_field(csv, last_child(entry, "notice"), "path");
	joined_field(csv, entry, "certificate", "serial", " ");
	csv_end_row(csv);
}

/* A quarantined input or a record: what it is, its state and code, why. */
static void status_input(struct csv *csv, xmlNodePtr entry, const char *kind)
{
	char state[32];

	csv_field(csv, kind);
	attribute_field(csv, entry, "application");
	attribute_field(csv, entry, "input");
	if (!xml_attribute_copy(entry, "state", state, sizeof(state))[0])
		snprintf(state, sizeof(state), "%s", kind);
	csv_field(csv, state);
	csv_field(csv, NULL);
	csv_field(csv, NULL);
	csv_field(csv, NULL);
	csv_field(csv, NULL);
	csv_field(csv, NULL);
	attribute_field(csv, entry, "code");
	text_field(csv, entry);
	csv_field(csv, NULL);
	attribute_field(csv, entry, "registration");
	csv_end_row(csv);
}

void status_print_csv(xmlDocPtr status, FILE *out)
{
	xmlNodePtr root = xmlDocGetRootElement(status);
	struct csv csv;

	csv_begin(&csv, out, status_headers);
	for (xmlNodePtr entry = xml_child(root, "application"); entry;
	     entry = xml_next(entry, "application"))
		status_application(&csv, entry);
	for (xmlNodePtr entry = xml_child(root, "quarantined"); entry;
	     entry = xml_next(entry, "quarantined"))
		status_input(&csv, entry, "quarantined");
	for (xmlNodePtr entry = xml_child(root, "record"); entry;
	     entry = xml_next(entry, "record"))
		status_input(&csv, entry, "record");
}

static const char *const register_headers[] = {
	"注册编号 registration", "姓名 name", "证件号码 masked ID", "技术领域 field",
	"证书编号 serial", "级别 level", "颁发日期 issued", "有效期至 expires", "状态 status",
	"终身禁止 banned", NULL
};

void register_print_csv(xmlDocPtr register_document, FILE *out)
{
	struct csv csv;

	csv_begin(&csv, out, register_headers);
	for (xmlNodePtr member = xml_child(xmlDocGetRootElement(register_document), "member");
	     member; member = xml_next(member, "member"))
		for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
		     certificate = xml_next(certificate, "certificate")) {
			attribute_field(&csv, member, "registration");
			attribute_field(&csv, member, "name");
			attribute_field(&csv, member, "idMasked");
			attribute_field(&csv, member, "field");
			attribute_field(&csv, certificate, "serial");
			attribute_field(&csv, certificate, "level");
			attribute_field(&csv, certificate, "issued");
			attribute_field(&csv, certificate, "expires");
			attribute_field(&csv, certificate, "status");
			csv_field(&csv, xml_attribute_true(member, "banned") ? "true" : "false");
			csv_end_row(&csv);
		}
}

static const char *const find_headers[] = {
	"类别 kind", "申请编号 application", "姓名 name", "证件号码 masked ID",
	"会员号 member", "状态 state", "最新通知 latest letter", "注册编号 registration",
	"证书编号 serial", "证书状态 certificate status", "记录 record", "匹配 matched", NULL
};

void find_print_csv(xmlDocPtr found, FILE *out)
{
	struct csv csv;

	csv_begin(&csv, out, find_headers);
	for (xmlNodePtr hit = xml_child(xmlDocGetRootElement(found), NULL); hit;
	     hit = xml_next(hit, NULL)) {
		int application = strcmp((const char *)hit->name, "application") == 0;
		int certificate = strcmp((const char *)hit->name, "certificate") == 0;

		csv_field(&csv, (const char *)hit->name);
		attribute_field(&csv, hit, application ? "id" : "application");
		attribute_field(&csv, hit, "name");
		attribute_field(&csv, hit, "idMasked");
		attribute_field(&csv, hit, "member");
		attribute_field(&csv, hit, "state");
		attribute_field(&csv, hit, "letter");
		attribute_field(&csv, hit, "registration");
		attribute_field(&csv, hit, "serial");
		attribute_field(&csv, hit, certificate ? "status" : "certificateStatus");
		attribute_field(&csv, hit, "input");
		attribute_field(&csv, hit, "matched");
		csv_end_row(&csv);
	}
}
