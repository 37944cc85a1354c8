/* fuzz-stages.c - libFuzzer harness for the stages as `ecap stages` runs
 * them: the input is an optional first line "%%date YYYY-MM-DD" (the run's
 * date, else 2026-11-24), a document, then up to three records, each after
 * a separator line "%%record":
 *
 *	%%date 2026-12-15
 *	<application ...>...</application>
 *	%%record
 *	<reviewRecord ...>...</reviewRecord>
 *
 * The document is read as the filters read it (an application is wrapped
 * into a new dossier with policy/default.xml, anything else is adopted as a
 * dossier), each record is appended as <record status="new">, and
 * stages_run runs with an in-memory register: validation, and through the
 * records review, interview and certification. The result is serialized. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEPARATOR "\n%%record\n"
#define DATE_LINE "%%date "
#define MAX_PARTS 4

struct part {
	const char *bytes;
	size_t size;
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct stage_context context;

	fuzz_setup_library();
	fuzz_stage_context(&context, fuzz_date(FUZZ_RUN_DATE));
	return 0;
}

/* Splits the input at each separator; the last part takes the rest. */
static size_t split(const char *bytes, size_t size, struct part *parts)
{
	size_t count = 0, length = strlen(SEPARATOR);

	while (count + 1 < MAX_PARTS) {
		const char *found = memmem(bytes, size, SEPARATOR, length);

		if (!found)
			break;
		parts[count++] = (struct part){ bytes, (size_t)(found - bytes) };
		size -= (size_t)(found - bytes) + length;
		bytes = found + length;
	}
	parts[count++] = (struct part){ bytes, size };
	return count;
}

/* The run's date from a leading "%%date YYYY-MM-DD\n" line, which is then
 * skipped; else the default date. */
static day_t run_date(const char **bytes, size_t *size)
{
	size_t prefix = strlen(DATE_LINE);
	char text[11];
	day_t day;

	if (*size < prefix + 11 || memcmp(*bytes, DATE_LINE, prefix) != 0 ||
	    (*bytes)[prefix + 10] != '\n')
		return fuzz_date(FUZZ_RUN_DATE);
	memcpy(text, *bytes + prefix, 10);
	text[10] = '\0';
	*bytes += prefix + 11;
	*size -= prefix + 11;
	return date_parse(text, &day) == 0 ? day : fuzz_date(FUZZ_RUN_DATE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *input = (const char *)data;
	day_t date = run_date(&input, &size);
	struct part parts[MAX_PARTS];
	struct stage_context context;
	struct error err = { "" };
	struct dossier dossier;
	xmlChar *bytes = NULL;
	size_t count = split(input, size, parts);
	int length = 0;

	dossier_init(&dossier);
	fuzz_stage_context(&context, date);
	if (fuzz_dossier_from_xml(&dossier, parts[0].bytes, parts[0].size) < 0)
		goto out;
	for (size_t i = 1; i < count; i++)
		if (fuzz_append_record(&dossier, parts[i].bytes, parts[i].size, context.date,
				       "record.xml") < 0)
			goto out;
	if (stages_run(&context, &dossier, &err) >= 0 &&
	    dossier_serialize(&dossier, &bytes, &length, &err) == 0)
		xmlFree(bytes);
out:
	dossier_release(&dossier);
	return 0;
}
