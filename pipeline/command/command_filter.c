/* command_filter.c - the stage filters: `ecap validate` (a dossier, an
 * application or a whole package in; the dossier with its findings out, and
 * the notice of the letter they call for), `review`, `interview`, `certify`
 * and `stages`. A package becomes a dossier by the batch's own path
 * (package_form.h); `ecap render` is command_render.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exits.h"
#include "hash.h"
#include "notice.h"
#include "outcomes.h"
#include "package_form.h"
#include "paths.h"
#include "policy.h"
#include "register.h"
#include "stage.h"
#include "store.h"
#include "xml.h"

static const char stage_usage[] =
	"usage: ecap %s [--policy FILE] [--state DIR] [--date YYYY-MM-DD] [--record FILE]... "
	"[FILE]\n";

typedef int (*stage_function)(const struct stage_context *, struct dossier *, struct error *);

static int looks_like_xml(const struct command_input *input)
{
	for (size_t i = 0; i < input->size; i++) {
		unsigned char c = (unsigned char)input->bytes[i];

		if (c == '<')
			return 1;
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB &&
		    c != 0xBF)
			return 0;
	}
	return 0;
}

/* A dossier from XML: a dossier as it is, or an application wrapped into one. */
static int dossier_from_xml(const struct command_input *input, const struct policy *policy,
			    struct dossier *dossier, struct error *err)
{
	struct xml_limits limits = { policy->package_limits.max_xml_bytes * 16,
				     policy->max_xml_depth * 2 };
	xmlDocPtr document = xml_parse_untrusted(input->bytes, input->size, "input", &limits,
						 NULL, 0, err);
	xmlNodePtr root = document ? xmlDocGetRootElement(document) : NULL;

	if (!document)
		return -1;
	if (strcmp((const char *)root->name, "application") == 0)
		return dossier_from_application(dossier, document, policy, err);
	return dossier_adopt(dossier, document, err);
}

/* A dossier from a package, as the batch makes it (package_form.h): what
 * the batch would quarantine is an error here, with its reason code. */
static int dossier_from_package(const struct command_input *input, const struct policy *policy,
				const char *name, day_t date, struct dossier *dossier,
				struct error *err)
{
	struct package_form form;
	struct package_verdict verdict;
	const char *slash = strrchr(name, '/');
	char digest[65];
	int result = -1;

	/* what the filter read, by its file name: it stores nothing */
	name = slash ? slash + 1 : name;
	package_form_read(policy, input->bytes, input->size, &form);
	package_form_judge(&form, &verdict);
	if (verdict.code) {
		error_set(err, "%s: %s", verdict.code, verdict.message);
		goto out;
	}
	sha256_hex(input->bytes, input->size, digest);
	if (dossier_create(dossier, verdict.id, policy, err) < 0 ||
	    package_form_file(dossier, &form, &verdict, name, digest, date, name, err) < 0)
		goto out;
	result = 0;
out:
	package_form_release(&form);
	return result;
}

/* The <notice> the batch records after each result the stage appended
 * after `last` that calls for a letter (the outcome table's), so that the
 * dossier renders as the run would (`ecap validate pkg.zip | ecap render
 * notice-returned.xsl`); the letters themselves are render's. */
static void append_notices(struct dossier *dossier, xmlNodePtr last, day_t date)
{
	xmlNodePtr results[64];
	size_t count = 0;

	for (xmlNodePtr node = last ? last->next : dossier->root->children; node && count < 64;
	     node = node->next)
		if (node->type == XML_ELEMENT_NODE)
			results[count++] = node;
	for (size_t i = 0; i < count; i++) {
		const struct outcome *row = outcome_of(results[i]);

		if (row && row->letter)
			dossier_add_notice(dossier, results[i], row->letter, date);
	}
}

static int print_dossier(const struct dossier *dossier, struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0;

	if (dossier_serialize(dossier, &bytes, &size, err) < 0)
		return -1;
	fwrite(bytes, 1, (size_t)size, stdout);
	xmlFree(bytes);
	return fflush(stdout) == 0 ? 0 : error_set_errno(err, "unable to write the output");
}

struct stage_arguments {
	const char *policy;
	const char *state;
	const char *file;
	const char *records[32];
	size_t record_count;
	day_t date;
};

static int parse_stage_arguments(int argc, char **argv, struct stage_arguments *arguments)
{
	arguments->date = date_today();
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
			arguments->policy = argv[++i];
		else if (strcmp(argv[i], "--state") == 0 && i + 1 < argc)
			arguments->state = argv[++i];
		else if (strcmp(argv[i], "--record") == 0 && i + 1 < argc &&
			 arguments->record_count < 32)
			arguments->records[arguments->record_count++] = argv[++i];
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) {
			if (date_parse(argv[++i], &arguments->date) < 0)
				return -1;
		} else if (argv[i][0] != '-' && !arguments->file)
			arguments->file = argv[i];
		else
			return -1;
	}
	return 0;
}

/* Appends each --record file to the dossier, waiting for the stage. */
static int append_records(const struct stage_arguments *arguments, const struct policy *policy,
			  struct dossier *dossier, struct error *err)
{
	struct xml_limits limits = { policy->package_limits.max_xml_bytes, policy->max_xml_depth };
	char date[11];

	date_format(arguments->date, date);
	for (size_t i = 0; i < arguments->record_count; i++) {
		size_t size = 0;
		char *bytes = xml_read_file(arguments->records[i], limits.max_bytes, &size, err);
		xmlDocPtr record = bytes ? xml_parse_untrusted(bytes, size, arguments->records[i],
							       &limits, NULL, 0, err) : NULL;
		xmlNodePtr wrapper;

		free(bytes);
		if (!record)
			return -1;
		wrapper = dossier_append(dossier, "record");
		xml_set(wrapper, "kind", (const char *)xmlDocGetRootElement(record)->name);
		xml_set(wrapper, "received", date);
		xml_set(wrapper, "input", arguments->records[i]);
		xml_set(wrapper, "status", "new");
		xmlAddChild(wrapper, xmlDocCopyNode(xmlDocGetRootElement(record), dossier->document, 1));
		xmlReconciliateNs(dossier->document, wrapper);
		xmlFreeDoc(record);
	}
	return 0;
}

/* A filter numbers certificates only as a preview: the next number after
 * those the state directory (if given) has issued; nothing is kept. */
struct preview_register {
	const struct policy *policy;
	struct register_store *store;
	struct register_view store_view;
};

static int preview_is_banned(void *context, const char *identity, struct error *err)
{
	struct preview_register *preview = context;

	return preview->store ? preview->store_view.is_banned(preview->store, identity, err) : 0;
}

static int preview_find_registration(void *context, const char *identity,
				     char *registration, size_t size, struct error *err)
{
	struct preview_register *preview = context;

	if (!preview->store)
		return 0;
	return preview->store_view.find_registration(preview->store, identity, registration,
						     size, err);
}

static int preview_find_holding(void *context, const char *registration,
				struct holding *holding, struct error *err)
{
	struct preview_register *preview = context;

	if (!preview->store)
		return 0;
	return preview->store_view.find_holding(preview->store, registration, holding, err);
}

static int preview_allocate(void *context, const char *identity, const char *registration,
			    struct certificate_slot *slot, struct error *err)
{
	struct preview_register *preview = context;
	struct holding holding;
	unsigned long sequence = 1;
	int found = 0;

	memset(slot, 0, sizeof(*slot));
	snprintf(slot->registration, sizeof(slot->registration), "%s", registration);
	if (!slot->registration[0]) {
		while (policy_format_registration(preview->policy, sequence, slot->registration,
						  sizeof(slot->registration)) == 0 &&
		       (found = preview_find_holding(preview, slot->registration, &holding,
						     err)) > 0)
			sequence++;
		if (found < 0)
			return -1;
	}
	snprintf(slot->serial, sizeof(slot->serial), "%s-1", slot->registration);
	return 0;
}

/* The stages' view for a filter: the state directory's register read-only,
 * or none; numbers previewed. */
static void filter_register(struct register_view *view, struct preview_register *preview,
			    struct register_store *store, const struct policy *policy)
{
	preview->policy = policy;
	preview->store = store;
	if (store)
		register_view_for_store(&preview->store_view, store);
	view->context = preview;
	view->is_banned = preview_is_banned;
	view->find_registration = preview_find_registration;
	view->find_holding = preview_find_holding;
	view->allocate_certificate = preview_allocate;
}

static int run_filter(const char *name, const struct stage_arguments *arguments,
		      stage_function stage)
{
	struct command_input input = { NULL, 0 };
	struct error err = { "" };
	struct policy policy;
	struct dossier dossier;
	struct store store;
	struct register_store register_store = { &store, NULL, &policy };
	struct preview_register preview;
	struct register_view view;
	struct schema *policy_schema = NULL, *application_schema = NULL;
	struct stage_context context;
	char policy_path[PATH_MAX], path[PATH_MAX];
	const char *policy_file = arguments->policy;
	xmlNodePtr last;
	int code = EXIT_CONFIG, policy_loaded = 0;

	memset(&policy, 0, sizeof(policy));
	memset(&store, 0, sizeof(store));
	store.root_fd = -1;
	dossier_init(&dossier);
	if (arguments->state && store_open(&store, arguments->state, &err) < 0)
		goto fail;
	if (!policy_file)
		policy_file = arguments->state ?
			      store_path(&store, "policy.xml", policy_path, sizeof(policy_path)) :
			      paths_default_policy(policy_path, sizeof(policy_path));
	policy_schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), &err);
	if (!policy_schema || policy_load(&policy, policy_file, policy_schema, &err) < 0)
		goto fail;
	policy_loaded = 1;
	application_schema = schema_load(paths_schema("application.xsd", path, sizeof(path)), &err);
	if (!application_schema)
		goto fail;
	filter_register(&view, &preview, arguments->state ? &register_store : NULL, &policy);
	code = EXIT_NO_INPUT;
	if (command_read_input(arguments->file, &input, &err) < 0)
		goto fail;
	code = EXIT_DATA;
	if ((looks_like_xml(&input) ? dossier_from_xml(&input, &policy, &dossier, &err) :
	     dossier_from_package(&input, &policy, arguments->file ? arguments->file : "stdin",
				  arguments->date, &dossier, &err)) < 0 ||
	    append_records(arguments, &policy, &dossier, &err) < 0)
		goto fail;
	context = (struct stage_context){ &policy, application_schema, &view, arguments->date };
	code = EXIT_SOFTWARE;
	last = xmlGetLastChild(dossier.root);
	if (stage(&context, &dossier, &err) < 0)
		goto fail;
	append_notices(&dossier, last, arguments->date);
	code = EXIT_IO;
	if (print_dossier(&dossier, &err) < 0)
		goto fail;
	code = EXIT_OK;
	goto out;
fail:
	fprintf(stderr, "ecap %s: %s\n", name, err.message[0] ? err.message : "failed");
out:
	dossier_release(&dossier);
	free(input.bytes);
	schema_free(application_schema);
	if (policy_loaded)
		policy_release(&policy);
	schema_free(policy_schema);
	store_close(&store);
	return code;
}

static const struct {
	const char *name;
	stage_function stage;
} filters[] = {
	{ "validate", stage_validate },
	{ "review", stage_review },
	{ "interview", stage_interview },
	{ "certify", stage_certify },
	{ "stages", stages_run },
};

int command_stage(int argc, char **argv)
{
	struct stage_arguments arguments = { 0 };

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf(stage_usage, argv[0]);
		return EXIT_OK;
	}
	if (parse_stage_arguments(argc, argv, &arguments) < 0) {
		fprintf(stderr, stage_usage, argv[0]);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (strcmp(argv[0], filters[i].name) == 0)
			return run_filter(filters[i].name, &arguments, filters[i].stage);
	return EXIT_USAGE;
}
