/* fuzz-xml.c - libFuzzer harness for XML alone: xml_parse_untrusted with the
 * intake limits, then schema_validate against the record schema and the
 * application schema (both compiled once), and a serialization of what was
 * parsed. */
#include <stdint.h>
#include <stdlib.h>

#include "common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct schema *record_schema;
static struct schema *application_schema;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup_library();
	record_schema = fuzz_load_schema("record.xsd");
	application_schema = fuzz_load_schema("application.xsd");
	return 0;
}

static void validate(struct schema *schema, xmlDocPtr document)
{
	struct xml_messages messages = { NULL, 0 };
	struct error err = { "" };
	int result = schema_validate(schema, document, &messages, &err);

	/* 1 (invalid) must come with at least one message; 0 with none */
	if ((result == 1 && messages.count == 0) || (result == 0 && messages.count != 0))
		abort();
	xml_messages_release(&messages);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xml_limits limits = { 1 << 20, 64 };
	struct error err = { "" };
	xmlChar *bytes = NULL;
	char root_id[64];
	int length = 0;
	xmlDocPtr document = xml_parse_untrusted((const char *)data, size, "fuzz.xml", &limits,
						 root_id, sizeof(root_id), &err);

	if (!document) {
		if (!err.message[0])
			abort();	/* a failure always says why */
		return 0;
	}
	if (!xmlDocGetRootElement(document))
		abort();
	validate(record_schema, document);
	validate(application_schema, document);
	if (xml_serialize(document, &bytes, &length, &err) == 0)
		xmlFree(bytes);
	xmlFreeDoc(document);
	return 0;
}
