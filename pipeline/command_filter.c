/* command_filter.c - the stage filters: `ecap validate` (a dossier, an
 * application or a whole package in; the dossier with its findings out) and
 * `ecap render STYLESHEET` (a dossier in; one rendered document out). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exits.h"
#include "hash.h"
#include "notice.h"
#include "package.h"
#include "paths.h"
#include "policy.h"
#include "register.h"
#include "stage.h"
#include "store.h"
#include "xml.h"

static const char validate_usage[] =
	"usage: ecap validate [--policy FILE] [--state DIR] [--date YYYY-MM-DD] [FILE]\n";
static const char render_usage[] =
	"usage: ecap render STYLESHEET [--seq N] [--param NAME VALUE]... [FILE]\n";

struct filter_input {
	char *bytes;
	size_t size;
};

static int read_stream(FILE *in, struct filter_input *input, struct error *err)
{
	size_t capacity = 65536;

	input->size = 0;
	input->bytes = malloc(capacity);
	while (input->bytes) {
		size_t got = fread(input->bytes + input->size, 1, capacity - input->size - 1, in);

		input->size += got;
		if (got == 0)
			break;
		if (input->size + 1 == capacity) {
			char *grown = capacity >= (512u << 20) ? NULL :
				      realloc(input->bytes, capacity * 2);
			if (!grown) {
				free(input->bytes);
				input->bytes = NULL;
				return error_set(err, "the input is too large");
			}
			input->bytes = grown;
			capacity *= 2;
		}
	}
	if (!input->bytes || ferror(in))
		return error_set(err, "unable to read the input");
	input->bytes[input->size] = '\0';
	return 0;
}

static int read_input(const char *path, struct filter_input *input, struct error *err)
{
	FILE *in = path ? fopen(path, "rb") : stdin;
	int result;

	if (!in)
		return error_set_errno(err, "unable to open '%s'", path);
	result = read_stream(in, input, err);
	if (path)
		fclose(in);
	return result;
}

static int looks_like_xml(const struct filter_input *input)
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
static int dossier_from_xml(const struct filter_input *input, const struct policy *policy,
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

/* A dossier from a package, as the batch would make it (the package's
 * application.xml must be readable). */
static int dossier_from_package(const struct filter_input *input, const struct policy *policy,
				const char *name, day_t date, struct dossier *dossier,
				struct error *err)
{
	struct xml_limits limits = { policy->package_limits.max_xml_bytes, policy->max_xml_depth };
	struct package package;
	enum package_result outcome;
	xmlDocPtr form = NULL;
	char digest[65];
	int result = -1;

	package_init(&package);
	outcome = package_read(input->bytes, input->size, &policy->package_limits, &package, err);
	if (outcome != PACKAGE_OK) {
		char detail[sizeof(err->message)];

		snprintf(detail, sizeof(detail), "%s", err->message);
		error_set(err, "%s: %s", package_result_code(outcome), detail);
		goto out;
	}
	form = xml_parse_untrusted(package.application_xml, package.application_xml_size,
				   "application.xml", &limits, NULL, 0, err);
	if (!form || dossier_from_application(dossier, form, policy, err) < 0)
		goto out;
	sha256_hex(input->bytes, input->size, digest);
	dossier_add_submission(dossier, name, digest, date, "", &package, NULL);
	result = 0;
out:
	package_release(&package);
	return result;
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

struct validate_arguments {
	const char *policy;
	const char *state;
	const char *file;
	day_t date;
};

static int parse_validate_arguments(int argc, char **argv, struct validate_arguments *arguments)
{
	arguments->date = date_today();
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
			arguments->policy = argv[++i];
		else if (strcmp(argv[i], "--state") == 0 && i + 1 < argc)
			arguments->state = argv[++i];
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

int command_validate(int argc, char **argv)
{
	struct validate_arguments arguments = { 0 };
	struct filter_input input = { NULL, 0 };
	struct error err = { "" };
	struct policy policy;
	struct dossier dossier;
	struct store store;
	struct register_view view = empty_register;
	struct schema *policy_schema = NULL, *application_schema = NULL;
	struct stage_context context;
	char policy_path[PATH_MAX], path[PATH_MAX];
	int code = EXIT_USAGE, policy_loaded = 0;

	memset(&policy, 0, sizeof(policy));
	memset(&store, 0, sizeof(store));
	store.root_fd = -1;
	dossier_init(&dossier);
	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return fputs(validate_usage, stdout), EXIT_OK;
	if (parse_validate_arguments(argc, argv, &arguments) < 0) {
		fputs(validate_usage, stderr);
		goto out;
	}
	code = EXIT_CONFIG;
	if (arguments.state && store_open(&store, arguments.state, &err) < 0)
		goto fail;
	if (!arguments.policy)
		arguments.policy = arguments.state ?
				   store_path(&store, "policy.xml", policy_path, sizeof(policy_path)) :
				   paths_default_policy(policy_path, sizeof(policy_path));
	policy_schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), &err);
	if (!policy_schema || policy_load(&policy, arguments.policy, policy_schema, &err) < 0)
		goto fail;
	policy_loaded = 1;
	application_schema = schema_load(paths_schema("application.xsd", path, sizeof(path)), &err);
	if (!application_schema)
		goto fail;
	if (arguments.state)
		register_view_for_store(&view, &store);
	code = EXIT_NO_INPUT;
	if (read_input(arguments.file, &input, &err) < 0)
		goto fail;
	code = EXIT_DATA;
	if ((looks_like_xml(&input) ? dossier_from_xml(&input, &policy, &dossier, &err) :
	     dossier_from_package(&input, &policy, arguments.file ? arguments.file : "stdin",
				  arguments.date, &dossier, &err)) < 0)
		goto fail;
	context = (struct stage_context){ &policy, application_schema, &view, arguments.date };
	code = EXIT_SOFTWARE;
	if (stage_validate(&context, &dossier, &err) < 0)
		goto fail;
	code = EXIT_IO;
	if (print_dossier(&dossier, &err) < 0)
		goto fail;
	code = EXIT_OK;
	goto out;
fail:
	report_failure(code, err.message);
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

int command_render(int argc, char **argv)
{
	const char *parameters[34] = { NULL };
	const char *stylesheet = NULL, *file = NULL;
	struct filter_input input = { NULL, 0 };
	struct xml_limits limits = { 256u << 20, 256 };
	struct error err = { "" };
	struct renderer *renderer = NULL;
	xmlDocPtr document = NULL;
	xmlChar *output = NULL;
	size_t count = 0;
	int size = 0, code = EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return fputs(render_usage, stdout), EXIT_OK;
		if (strcmp(argv[i], "--seq") == 0 && i + 1 < argc && count < 32) {
			parameters[count++] = "seq";
			parameters[count++] = argv[++i];
		} else if (strcmp(argv[i], "--param") == 0 && i + 2 < argc && count < 32) {
			parameters[count++] = argv[++i];
			parameters[count++] = argv[++i];
		} else if (argv[i][0] != '-' && !stylesheet) {
			stylesheet = argv[i];
		} else if (argv[i][0] != '-' && !file) {
			file = argv[i];
		} else {
			return fputs(render_usage, stderr), EXIT_USAGE;
		}
	}
	if (!stylesheet)
		return fputs(render_usage, stderr), EXIT_USAGE;
	code = EXIT_NO_INPUT;
	if (read_input(file, &input, &err) < 0)
		goto fail;
	code = EXIT_DATA;
	document = xml_parse_untrusted(input.bytes, input.size, file ? file : "stdin", &limits,
				       NULL, 0, &err);
	if (!document)
		goto fail;
	code = EXIT_CONFIG;
	renderer = renderer_new(&err);
	if (!renderer || renderer_apply(renderer, stylesheet, document, parameters, &output,
					&size, &err) < 0)
		goto fail;
	fwrite(output, 1, (size_t)size, stdout);
	code = EXIT_OK;
	goto out;
fail:
	report_failure(code, err.message);
out:
	xmlFree(output);
	renderer_free(renderer);
	if (document)
		xmlFreeDoc(document);
	free(input.bytes);
	return code;
}
