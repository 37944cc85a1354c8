/* test-schema-threads.c - schema_validate (lib/xml.c) from several threads
 * at once against one compiled schema, as the run's workers check records
 * against record.xsd (pipeline/batch/records.c): every document gets the
 * same verdict and the same messages as when checked alone, on one thread. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "share-setup.h"
#include "tap.h"
#include "xml.h"

#define THREADS 4
#define ROUNDS 150

static const char *const documents[] = {
	/* a review record that passes */
	"<reviewRecord xmlns=\"urn:ecap:1\" application=\"A2026-000101\" examiner=\"EX-008\" "
	"date=\"2026-11-25\">"
	"<dimension code=\"knowledge\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"ethics\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"teamwork\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"learning\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"leadership\" met=\"false\">材料不足。</dimension>"
	"<recommendation>supplement</recommendation><supplement>请补充项目验收报告</supplement>"
	"</reviewRecord>",
	/* a recommendation the schema does not know */
	"<reviewRecord xmlns=\"urn:ecap:1\" application=\"A2026-000101\" examiner=\"EX-008\" "
	"date=\"2026-11-25\">"
	"<dimension code=\"knowledge\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"ethics\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"teamwork\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"learning\" met=\"true\">材料充分。</dimension>"
	"<dimension code=\"leadership\" met=\"true\">材料充分。</dimension>"
	"<recommendation>maybe</recommendation></reviewRecord>",
	/* an interview sheet that passes */
	"<interviewSheet xmlns=\"urn:ecap:1\" application=\"A2026-000101\" date=\"2026-11-26\">"
	"<panel><examiner id=\"EX-017\"/><examiner id=\"EX-021\"/><examiner id=\"EX-030\"/></panel>"
	"<segment kind=\"presentation\" minutes=\"10\"/><segment kind=\"questions\" minutes=\"35\"/>"
	"<segment kind=\"deliberation\" minutes=\"10\"/><projectsPresented>2</projectsPresented>"
	"<score dimension=\"knowledge\">27</score><score dimension=\"ethics\">15</score>"
	"<score dimension=\"teamwork\">12</score><score dimension=\"learning\">12</score>"
	"<score dimension=\"leadership\">12</score></interviewSheet>",
	/* a sheet with no date, its panel short and a score where a segment goes */
	"<interviewSheet xmlns=\"urn:ecap:1\" application=\"A2026-000101\">"
	"<panel><examiner id=\"EX-017\"/></panel><score dimension=\"knowledge\">many</score>"
	"<bribe/></interviewSheet>",
	/* a status action that passes */
	"<statusAction xmlns=\"urn:ecap:1\" registration=\"CSEE-000001\" action=\"suspend\" "
	"date=\"2026-12-09\" reference=\"CSEE-DISC-2026-001\">经学会核查决定。</statusAction>",
	/* an action the schema does not know, in no namespace */
	"<statusAction registration=\"CSEE-000001\" action=\"erase\" date=\"2026-12-09\"/>",
	/* an element no record is */
	"<application xmlns=\"urn:ecap:1\" id=\"A2026-000101\"/>",
	/* a schemaLocation a validator must not follow (xsi: no schema is assembled) */
	"<reviewRecord xmlns=\"urn:ecap:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	"xsi:schemaLocation=\"urn:ecap:1 file:///etc/passwd\" application=\"A2026-000101\" "
	"examiner=\"EX-008\" date=\"2026-11-25\"><recommendation>pass</recommendation>"
	"</reviewRecord>",
};
#define COUNT (sizeof(documents) / sizeof(documents[0]))

/* What checking a document said: its verdict and every message, one line. */
struct verdict {
	int invalid;
	char messages[2048];
};

static struct schema *schema;
static xmlDocPtr parsed[COUNT];
static struct verdict alone[COUNT];

static void check(size_t index, struct verdict *verdict)
{
	struct xml_messages messages = { 0 };
	struct error err = { "" };

	verdict->invalid = schema_validate(schema, parsed[index], &messages, &err);
	verdict->messages[0] = '\0';
	for (size_t i = 0; i < messages.count; i++)
		snprintf(verdict->messages + strlen(verdict->messages),
			 sizeof(verdict->messages) - strlen(verdict->messages), "%s|",
			 messages.lines[i]);
	xml_messages_release(&messages);
}

static void *check_many(void *argument)
{
	size_t start = (size_t)(long)argument, *differed = calloc(1, sizeof(*differed));

	xml_thread_setup();
	for (size_t round = 0; differed && round < ROUNDS; round++)
		for (size_t i = 0; i < COUNT; i++) {
			size_t index = (start + round + i) % COUNT;
			struct verdict verdict;

			check(index, &verdict);
			*differed += verdict.invalid != alone[index].invalid ||
				     strcmp(verdict.messages, alone[index].messages) != 0;
		}
	return differed;
}

static int setup(void)
{
	struct error err = { "" };

	if (share_setup(&err) < 0) {
		printf("# %s\n", err.message);
		return -1;
	}
	return 0;
}

int main(void)
{
	static const struct xml_limits limits = { 1 << 20, 64 };
	char path[PATH_MAX + 32];
	struct error err = { "" };
	pthread_t threads[THREADS];
	size_t differed = 0, valid = 0;
	int started = 0;

	if (setup() < 0) {
		printf("Bail out! run from the top of the source tree or set ECAP_SOURCE_DIR\n");
		return 1;
	}
	schema = schema_load(paths_schema("record.xsd", path, sizeof(path)), &err);
	if (!schema) {
		printf("Bail out! %s\n", err.message);
		return 1;
	}
	for (size_t i = 0; i < COUNT; i++) {
		parsed[i] = xml_parse_untrusted(documents[i], strlen(documents[i]), "record",
						&limits, NULL, 0, &err);
		if (!parsed[i]) {
			printf("Bail out! document %zu: %s\n", i, err.message);
			return 1;
		}
		check(i, &alone[i]);
		valid += alone[i].invalid == 0;
	}
	/* the verdicts alone are the schema's: three records pass, five do not */
	is_int(valid, 3, "three of the documents are valid records, alone");
	is_int(alone[0].invalid, 0, "  a review record that passes");
	is_int(alone[2].invalid, 0, "  an interview sheet that passes");
	is_int(alone[4].invalid, 0, "  a status action that passes");
	ok(alone[1].invalid == 1 && strstr(alone[1].messages, "maybe"),
	   "an unknown recommendation is invalid, and the message names it");
	ok(alone[3].invalid == 1 && strstr(alone[3].messages, "'date' is required") &&
	   strstr(alone[3].messages, "'{urn:ecap:1}score': This element is not expected"),
	   "a sheet with no date and its content out of order is invalid, with both messages");
	ok(alone[7].invalid == 1, "a schemaLocation is not followed: the record is still checked");
	for (; started < THREADS; started++)
		if (pthread_create(&threads[started], NULL, check_many, (void *)(long)started) != 0)
			break;
	is_int(started, THREADS, "the threads start");
	for (int i = 0; i < started; i++) {
		void *result;
		size_t *count;

		pthread_join(threads[i], &result);
		count = result;
		differed += count ? *count : 1;
		free(count);
	}
	is_int(differed, 0, "checked by four threads at once, 150 times each, every document gets "
	       "the verdict and the messages it got alone");
	for (size_t i = 0; i < COUNT; i++)
		xmlFreeDoc(parsed[i]);
	schema_free(schema);
	xml_library_cleanup();
	return tap_done();
}
