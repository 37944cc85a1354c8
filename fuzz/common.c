/* common.c - set-up and helpers shared by the fuzz harnesses; see common.h. */
#include "common.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ECAP_SOURCE_DIR
#error "build with -DECAP_SOURCE_DIR=\"/path/to/the/source/tree\" (fuzz/build.sh does)"
#endif

static const char *data_directory(void)
{
	const char *share = getenv("ECAP_SHARE_DIR");

	return share && share[0] ? share : ECAP_SOURCE_DIR;
}

void fuzz_fail(const char *what, const struct error *err)
{
	fprintf(stderr, "fuzz harness set-up: %s: %s\n", what,
		err && err->message[0] ? err->message : "failed");
	abort();
}

const char *fuzz_data_path(const char *relative, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", data_directory(), relative);
	return out;
}

void fuzz_setup_library(void)
{
	static int done;
	struct error err = { "" };

	if (done)
		return;
	done = 1;
	setlocale(LC_CTYPE, "C.UTF-8");
	if (xml_library_setup(data_directory(), &err) < 0)
		fuzz_fail("xml_library_setup", &err);
}

struct schema *fuzz_load_schema(const char *name)
{
	char relative[256], path[4096];
	struct error err = { "" };
	struct schema *schema;

	fuzz_setup_library();
	snprintf(relative, sizeof(relative), "xsd/%s", name);
	schema = schema_load(fuzz_data_path(relative, path, sizeof(path)), &err);
	if (!schema)
		fuzz_fail(name, &err);
	return schema;
}

const struct policy *fuzz_policy(void)
{
	static struct policy policy;
	static int loaded;
	struct schema *policy_schema = NULL;
	struct error err = { "" };
	char path[4096];

	if (loaded)
		return &policy;
	policy_schema = fuzz_load_schema("policy.xsd");
	if (policy_load(&policy, fuzz_data_path("policy/default.xml", path, sizeof(path)),
			policy_schema, &err) < 0)
		fuzz_fail("policy/default.xml", &err);
	schema_free(policy_schema);
	loaded = 1;
	return &policy;
}

day_t fuzz_date(const char *text)
{
	day_t day;

	if (date_parse(text, &day) < 0)
		fuzz_fail(text, NULL);
	return day;
}

/* ---- an in-memory register ----
 *
 * A few certificates, so that upgrades and re-registrations find one (the
 * identities are those of tests/data and samples/), a ban for every
 * identity that starts with "000", and numbers handed out in sequence. */

struct fuzz_holding {
	const char *registration, *identity, *name, *status, *issued, *expires;
	int level;
};

static const struct fuzz_holding holdings[] = {
	{ "CSEE-000087", "330102198005123618", "赵敏", "valid", "2021-12-20", "2026-12-19",
	  LEVEL_PROFESSIONAL },
	{ "CSEE-000101", "410105199705079471", "张伟", "valid", "2022-01-10", "2027-01-09",
	  LEVEL_APPRENTICE },
	{ "CSEE-000102", "410105199705079471", "张伟", "suspended", "2020-01-10", "2025-01-09",
	  LEVEL_PROFESSIONAL },
	{ "CSEE-000103", "330102198005123618", "赵敏", "expired", "2015-01-10", "2020-01-09",
	  LEVEL_SENIOR },
};

struct memory_register {
	unsigned long sequence;
};

static int memory_is_banned(void *context, const char *identity, struct error *err)
{
	return strncmp(identity, "000", 3) == 0;
}

/* The first registration the table lists for the identity. */
static int memory_find_registration(void *context, const char *identity, char *registration,
				    size_t size, struct error *err)
{
	for (size_t i = 0; i < sizeof(holdings) / sizeof(holdings[0]); i++)
		if (strcmp(holdings[i].identity, identity) == 0) {
			snprintf(registration, size, "%s", holdings[i].registration);
			return 1;
		}
	return 0;
}

static int memory_find_holding(void *context, const char *registration,
			       struct holding *holding, struct error *err)
{
	for (size_t i = 0; i < sizeof(holdings) / sizeof(holdings[0]); i++) {
		const struct fuzz_holding *known = &holdings[i];

		if (strcmp(known->registration, registration) != 0)
			continue;
		memset(holding, 0, sizeof(*holding));
		snprintf(holding->registration, sizeof(holding->registration), "%s",
			 known->registration);
		snprintf(holding->identity, sizeof(holding->identity), "%s", known->identity);
		snprintf(holding->name, sizeof(holding->name), "%s", known->name);
		snprintf(holding->status, sizeof(holding->status), "%s", known->status);
		holding->level = known->level;
		holding->issued = fuzz_date(known->issued);
		holding->expires = fuzz_date(known->expires);
		return 1;
	}
	return 0;
}

static int memory_allocate(void *context, const char *identity, const char *registration,
			   struct certificate_slot *slot, struct error *err)
{
	struct memory_register *memory = context;

	memset(slot, 0, sizeof(*slot));
	if (registration[0])
		snprintf(slot->registration, sizeof(slot->registration), "%s", registration);
	else if (policy_format_registration(fuzz_policy(), 200 + ++memory->sequence,
					    slot->registration, sizeof(slot->registration)) < 0)
		return error_set(err, "the registration number does not fit");
	snprintf(slot->serial, sizeof(slot->serial), "%s-%lu", slot->registration,
		 ++memory->sequence);
	return 0;
}

static struct memory_register memory_register;
static const struct register_view memory_view = {
	&memory_register, memory_is_banned, memory_find_registration, memory_find_holding,
	memory_allocate
};

void fuzz_stage_context(struct stage_context *context, day_t date)
{
	static struct schema *application_schema;

	if (!application_schema)
		application_schema = fuzz_load_schema("application.xsd");
	memory_register.sequence = 0;
	*context = (struct stage_context){ fuzz_policy(), application_schema, &memory_view,
					   date };
}

/* ---- documents, as the filters read them (pipeline/command/command_filter.c) ---- */

int fuzz_append_record(struct dossier *dossier, const char *bytes, size_t size,
		       day_t received, const char *input)
{
	const struct policy *policy = fuzz_policy();
	struct xml_limits limits = { policy->package_limits.max_xml_bytes, policy->max_xml_depth };
	struct error err = { "" };
	xmlDocPtr record = xml_parse_untrusted(bytes, size, input, &limits, NULL, 0, &err);
	xmlNodePtr wrapper;
	char date[11];

	if (!record)
		return -1;
	date_format(received, date);
	wrapper = dossier_append(dossier, "record");
	xml_set(wrapper, "kind", (const char *)xmlDocGetRootElement(record)->name);
	xml_set(wrapper, "received", date);
	xml_set(wrapper, "input", input);
	xml_set(wrapper, "status", "new");
	xmlAddChild(wrapper, xmlDocCopyNode(xmlDocGetRootElement(record), dossier->document, 1));
	xmlReconciliateNs(dossier->document, wrapper);
	xmlFreeDoc(record);
	return 0;
}

int fuzz_dossier_from_xml(struct dossier *dossier, const char *bytes, size_t size)
{
	const struct policy *policy = fuzz_policy();
	struct xml_limits limits = { policy->package_limits.max_xml_bytes * 16,
				     policy->max_xml_depth * 2 };
	struct error err = { "" };
	xmlDocPtr document = xml_parse_untrusted(bytes, size, "input", &limits, NULL, 0, &err);
	xmlNodePtr root = document ? xmlDocGetRootElement(document) : NULL;

	if (!document)
		return -1;
	if (strcmp((const char *)root->name, "application") == 0)
		return dossier_from_application(dossier, document, policy, &err);
	return dossier_adopt(dossier, document, &err);
}
