/* command_render.c - `ecap render STYLESHEET [FILE]`: one of ecap's
 * stylesheets applied to a document (a dossier for the letters), exactly as
 * a run applies it, the result on standard output; with --pdf, a letter
 * document (letter-KIND.xsl) typeset as the run's PDF letter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exits.h"
#include "letters.h"
#include "notice.h"
#include "paths.h"
#include "pdf.h"
#include "policy.h"
#include "xml.h"

static const char render_usage[] =
	"usage: ecap render STYLESHEET [--seq N] [--policy FILE] [--param NAME VALUE]... [--pdf] [FILE]\n";

/* 1 if the parameters name one called `name`. */
static int has_parameter(const char *const *parameters, size_t count, const char *name)
{
	for (size_t i = 0; i + 1 < count; i += 2)
		if (strcmp(parameters[i], name) == 0)
			return 1;
	return 0;
}

/* The letter document (the stylesheet's result tree, as a run hands it to
 * pdf_letter.c) typeset as PDF, as a run makes the letter's .pdf, written
 * on standard output. */
static int write_letter_pdf(xmlDocPtr letter, struct error *err)
{
	unsigned char *pdf = NULL;
	size_t pdf_size = 0;
	int result = -1;

	if (pdf_from_letter(letter, "letter.pdf", NULL, &pdf, &pdf_size, err) < 0)
		goto out;
	if (fwrite(pdf, 1, pdf_size, stdout) != pdf_size || fflush(stdout) != 0) {
		error_set(err, "cannot write the PDF on standard output");
		goto out;
	}
	result = 0;
out:
	free(pdf);
	return result;
}

/* Without --seq, a letter tells the dossier's last notice: the one a filter
 * just added (`ecap validate pkg.zip | ecap render notice-returned.xsl`).
 * Writes its number into seq, "" when the dossier has none. */
static void last_notice(xmlDocPtr document, char *seq, size_t size)
{
	xmlNodePtr root = xmlDocGetRootElement(document), last = NULL;

	seq[0] = '\0';
	for (xmlNodePtr notice = xml_child(root, "notice"); notice;
	     notice = xml_next(notice, "notice"))
		last = notice;
	if (last)
		xml_attribute_copy(last, "seq", seq, size);
}

int command_render(int argc, char **argv)
{
	const char *parameters[34] = { NULL };
	const char *stylesheet = NULL, *file = NULL, *policy_file = NULL;
	struct policy policy;
	struct schema *policy_schema = NULL;
	char schema_path[4096];
	int policy_loaded = 0;
	struct command_input input = { NULL, 0 };
	struct xml_limits limits = { 256u << 20, 256 };
	struct error err = { "" };
	struct renderer *renderer = NULL;
	xmlDocPtr document = NULL, letter = NULL;
	xmlChar *output = NULL;
	size_t count = 0;
	char seq[16];
	int size = 0, pdf = 0, code = EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return fputs(render_usage, stdout), EXIT_OK;
		if (strcmp(argv[i], "--seq") == 0 && i + 1 < argc && count < 32) {
			parameters[count++] = "seq";
			parameters[count++] = argv[++i];
		} else if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc) {
			policy_file = argv[++i];
		} else if (strcmp(argv[i], "--param") == 0 && i + 2 < argc && count < 32) {
			parameters[count++] = argv[++i];
			parameters[count++] = argv[++i];
		} else if (strcmp(argv[i], "--pdf") == 0) {
			pdf = 1;
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
	if (command_read_input(file, &input, &err) < 0)
		goto fail;
	code = EXIT_DATA;
	document = xml_parse_untrusted(input.bytes, input.size, file ? file : "stdin", &limits,
				       NULL, 0, &err);
	if (!document)
		goto fail;
	if (!has_parameter(parameters, count, "seq")) {
		last_notice(document, seq, sizeof(seq));
		if (seq[0]) {
			parameters[count++] = "seq";
			parameters[count++] = seq;
		}
	}
	code = EXIT_CONFIG;
	/* the letters' contact, signatory and feedback, as a run passes them */
	if (policy_file) {
		policy_schema = schema_load(paths_schema("policy.xsd", schema_path,
							 sizeof(schema_path)), &err);
		if (!policy_schema || policy_load(&policy, policy_file, policy_schema, &err) < 0)
			goto fail;
		policy_loaded = 1;
		count += letter_policy_parameters(&policy, parameters + count,
						  sizeof(parameters) / sizeof(parameters[0]) - count);
	}
	renderer = renderer_new(&err);
	if (!renderer)
		goto fail;
	if (pdf) {
		if (renderer_transform(renderer, stylesheet, document, parameters, &letter,
				       &err) < 0)
			goto fail;
		code = EXIT_DATA;
		if (write_letter_pdf(letter, &err) < 0)
			goto fail;
	} else {
		if (renderer_apply(renderer, stylesheet, document, parameters, &output, &size,
				   &err) < 0)
			goto fail;
		fwrite(output, 1, (size_t)size, stdout);
	}
	code = EXIT_OK;
	goto out;
fail:
	report_failure(code, err.message);
out:
	xmlFree(output);
	renderer_free(renderer);
	if (policy_loaded)
		policy_release(&policy);
	schema_free(policy_schema);
	if (letter)
		xmlFreeDoc(letter);
	if (document)
		xmlFreeDoc(document);
	free(input.bytes);
	return code;
}
