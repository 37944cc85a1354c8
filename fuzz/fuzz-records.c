/* fuzz-records.c - libFuzzer harness for the record handling of the review,
 * interview and certification stages. Dossiers in each state that takes
 * records are built once from the sample packages (samples/dropbox) with
 * policy/default.xml; each input is one record document appended, as
 * `ecap review --record FILE` appends it, to a copy of one of them, and then
 * stages_run runs. The input's first byte chooses the dossier (low four
 * bits) and how many days after the dossier's date the run is (bits 4-5:
 * 0, 10, 20 or 30 days, so that publicity can end); the rest is the record.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "package.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The dossiers, in the order of the selector. */
enum base {
	BASE_IN_REVIEW,			/* zhang-wei, validated, no record */
	BASE_ONE_RECORD,		/* zhang-wei, one review record applied */
	BASE_INTERVIEW,			/* zhang-wei, awaiting-interview */
	BASE_CONFIRMATION,		/* ma-jun, awaiting-confirmation (R6) */
	BASE_PUBLICITY,			/* li-na, in publicity */
	BASE_OBJECTION,			/* li-na, on hold after an objection */
	BASE_COUNT
};

static xmlDocPtr bases[BASE_COUNT];

#define PASS_RECORD \
	"<reviewRecord xmlns=\"urn:ecap:1\" application=\"%s\" examiner=\"%s\" date=\"2026-11-24\">" \
	"<dimension code=\"knowledge\" met=\"true\">ok</dimension>" \
	"<dimension code=\"ethics\" met=\"true\">ok</dimension>" \
	"<dimension code=\"teamwork\" met=\"true\">ok</dimension>" \
	"<dimension code=\"learning\" met=\"true\">ok</dimension>" \
	"<dimension code=\"leadership\" met=\"true\">ok</dimension>" \
	"<recommendation>pass</recommendation></reviewRecord>"

#define OBJECTION_RECORD \
	"<objection xmlns=\"urn:ecap:1\" application=\"%s\" date=\"2026-11-25\"" \
	" reference=\"CSEE-OBJ-2026-001\">项目P1的负责人另有其人。</objection>"

/* The sample's application.xml, read as the batch reads the package. */
static void load_sample(const char *name, struct dossier *dossier)
{
	const struct policy *policy = fuzz_policy();
	struct xml_limits limits = { policy->package_limits.max_xml_bytes, policy->max_xml_depth };
	struct error err = { "" };
	struct package package;
	char relative[256], path[4096];
	size_t size = 0;
	char *bytes;
	xmlDocPtr form;

	snprintf(relative, sizeof(relative), "samples/dropbox/%s", name);
	bytes = xml_read_file(fuzz_data_path(relative, path, sizeof(path)), 1 << 24, &size, &err);
	if (!bytes)
		fuzz_fail(name, &err);
	package_init(&package);
	if (package_read(bytes, size, &policy->package_limits, &package, &err) != PACKAGE_OK)
		fuzz_fail(name, &err);
	form = xml_parse_untrusted(package.application_xml, package.application_xml_size,
				   "application.xml", &limits, NULL, 0, &err);
	if (!form || dossier_from_application(dossier, form, policy, &err) < 0)
		fuzz_fail(name, &err);
	dossier_add_submission(dossier, name, "0000", fuzz_date("2026-11-20"), "", &package,
			       NULL, NULL);
	package_release(&package);
	free(bytes);
}

static void append_text(struct dossier *dossier, const char *text)
{
	if (fuzz_append_record(dossier, text, strlen(text), fuzz_date(FUZZ_RUN_DATE),
			       "base.xml") < 0)
		fuzz_fail("a base record", NULL);
}

/* Appends a review record recommending a pass, from `examiner`. */
static void add_review(struct dossier *dossier, const char *examiner)
{
	char id[64], text[2048];

	dossier_get(dossier, "id", id, sizeof(id));
	snprintf(text, sizeof(text), PASS_RECORD, id, examiner);
	append_text(dossier, text);
}

static void add_objection(struct dossier *dossier)
{
	char id[64], text[2048];

	dossier_get(dossier, "id", id, sizeof(id));
	snprintf(text, sizeof(text), OBJECTION_RECORD, id);
	append_text(dossier, text);
}

static void run_stages(struct dossier *dossier)
{
	struct stage_context context;
	struct error err = { "" };

	fuzz_stage_context(&context, fuzz_date(FUZZ_RUN_DATE));
	if (stages_run(&context, dossier, &err) < 0)
		fuzz_fail("stages_run on a base dossier", &err);
}

/* Keeps a copy of the dossier as base `which`, after checking its state. */
static void keep(enum base which, struct dossier *dossier, const char *state)
{
	char actual[32];

	if (strcmp(dossier_get(dossier, "state", actual, sizeof(actual)), state) != 0) {
		fprintf(stderr, "base %d: state %s, expected %s\n", which, actual, state);
		fuzz_fail("a base dossier", NULL);
	}
	bases[which] = xmlCopyDoc(dossier->document, 1);
	if (!bases[which])
		fuzz_fail("xmlCopyDoc", NULL);
}

static void build_bases(void)
{
	struct dossier dossier;

	dossier_init(&dossier);
	load_sample("2026-11-02-zhang-wei.zip", &dossier);
	run_stages(&dossier);
	keep(BASE_IN_REVIEW, &dossier, "in-review");
	add_review(&dossier, "EX-017");
	run_stages(&dossier);
	keep(BASE_ONE_RECORD, &dossier, "in-review");
	add_review(&dossier, "EX-034");
	run_stages(&dossier);
	keep(BASE_INTERVIEW, &dossier, "awaiting-interview");
	dossier_release(&dossier);

	load_sample("2026-11-09-ma-jun.tar", &dossier);
	run_stages(&dossier);
	add_review(&dossier, "EX-017");
	add_review(&dossier, "EX-034");
	run_stages(&dossier);
	keep(BASE_CONFIRMATION, &dossier, "awaiting-confirmation");
	dossier_release(&dossier);

	load_sample("2026-11-03-li-na.tar.gz", &dossier);
	run_stages(&dossier);
	add_review(&dossier, "EX-017");
	add_review(&dossier, "EX-034");
	run_stages(&dossier);
	keep(BASE_PUBLICITY, &dossier, "publicity");
	add_objection(&dossier);
	run_stages(&dossier);
	keep(BASE_OBJECTION, &dossier, "on-hold");
	dossier_release(&dossier);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup_library();
	build_bases();
	/* FUZZ_RECORDS_DUMP=DIR writes the bases, for the regression tests */
	if (getenv("FUZZ_RECORDS_DUMP"))
		for (int i = 0; i < BASE_COUNT; i++) {
			char path[4096];

			snprintf(path, sizeof(path), "%s/base-%d.xml", getenv("FUZZ_RECORDS_DUMP"), i);
			xmlSaveFormatFileEnc(path, bases[i], "UTF-8", 0);
		}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stage_context context;
	struct error err = { "" };
	struct dossier dossier;
	xmlDocPtr copy;
	xmlChar *bytes = NULL;
	int length = 0;

	if (size < 1)
		return 0;
	fuzz_stage_context(&context, fuzz_date(FUZZ_RUN_DATE) + ((data[0] >> 4) & 3) * 10);
	copy = xmlCopyDoc(bases[(data[0] & 0x0f) % BASE_COUNT], 1);
	if (!copy || dossier_adopt(&dossier, copy, &err) < 0)
		abort();
	if (fuzz_append_record(&dossier, (const char *)data + 1, size - 1, context.date,
			       "record.xml") == 0 &&
	    stages_run(&context, &dossier, &err) >= 0 &&
	    dossier_serialize(&dossier, &bytes, &length, &err) == 0)
		xmlFree(bytes);
	dossier_release(&dossier);
	return 0;
}
