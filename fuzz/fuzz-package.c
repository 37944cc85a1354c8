/* fuzz-package.c - libFuzzer harness for the package reader: the input is
 * an archive as an applicant would drop it. package_read runs with small
 * limits; a package that yields application.xml has it parsed as the batch
 * does, wrapped into a dossier, and its entries recorded as a submission
 * (the names reach the dossier), then the dossier is serialized. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "package.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct package_limits small_limits = {
	.max_archive_bytes = 1 << 20,
	.max_entries = 64,
	.max_unpacked_bytes = 4 << 20,
	.max_ratio = 50,
	.max_xml_bytes = 256 << 10,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup_library();
	fuzz_policy();
	return 0;
}

/* What the batch does with a readable application.xml. */
static void take_application(const struct package *package)
{
	struct xml_limits limits = { small_limits.max_xml_bytes, fuzz_policy()->max_xml_depth };
	struct error err = { "" };
	struct dossier dossier;
	xmlChar *bytes = NULL;
	char root_id[64];
	int length = 0;
	xmlDocPtr form;

	dossier_init(&dossier);
	form = xml_parse_untrusted(package->application_xml, package->application_xml_size,
				   "archive:/application.xml", &limits, root_id, sizeof(root_id),
				   &err);
	if (!form || dossier_from_application(&dossier, form, fuzz_policy(), &err) < 0)
		goto out;
	dossier_add_submission(&dossier, "fuzz.zip", "0000", fuzz_date(FUZZ_RUN_DATE), "",
			       package, NULL, NULL);
	if (dossier_serialize(&dossier, &bytes, &length, &err) == 0)
		xmlFree(bytes);
out:
	dossier_release(&dossier);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = { "" };
	struct package package;
	enum package_result result;

	package_init(&package);
	result = package_read(data, size, &small_limits, &package, &err);
	if (result == PACKAGE_OK) {
		if (!package.application_xml)
			abort();	/* PACKAGE_OK promises application.xml */
		if (!package_find(&package, "application.xml"))
			abort();
		take_application(&package);
	} else if (package.entry_count || package.application_xml) {
		abort();		/* "on failure package is left empty" */
	}
	package_release(&package);
	return 0;
}
