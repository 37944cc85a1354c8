/* test-outcomes.c - unit tests for stages/outcomes.c: the outcome table and
 * the reason code table agree with the schema (xsd/common.xsd), with the
 * letters (xslt/notice-KIND.xsl) and the headings (notice-lookups.xsl), so
 * that a code or outcome added in one place and forgotten in another fails
 * here. Run from the top of the tree (tests/run.sh does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/tree.h>

#include "outcomes.h"
#include "tap.h"
#include "xml.h"

#define diag(...) (printf("# "), printf(__VA_ARGS__), printf("\n"))

/* The values of the xs:enumeration of simpleType `name` in common.xsd. */
static size_t enumeration(xmlDocPtr schema, const char *name, char values[][64], size_t max)
{
	size_t count = 0;
	xmlNodePtr root = xmlDocGetRootElement(schema);

	for (xmlNodePtr type = root->children; type; type = type->next) {
		xmlChar *type_name;

		if (type->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)type->name, "simpleType") != 0)
			continue;
		type_name = xmlGetProp(type, (const xmlChar *)"name");
		if (type_name && strcmp((const char *)type_name, name) == 0)
			for (xmlNodePtr r = type->children; r; r = r->next)
				for (xmlNodePtr e = r->children; e && count < max; e = e->next)
					if (e->type == XML_ELEMENT_NODE) {
						xmlChar *value = xmlGetProp(e, (const xmlChar *)"value");

						snprintf(values[count++], 64, "%s", (const char *)value);
						xmlFree(value);
					}
		xmlFree(type_name);
	}
	return count;
}

static int listed(char values[][64], size_t count, const char *value)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(values[i], value) == 0)
			return 1;
	return 0;
}

static char *slurp(const char *path)
{
	FILE *file = fopen(path, "rb");
	char *text = calloc(1, 1 << 20);

	if (file && text)
		text[fread(text, 1, (1 << 20) - 1, file)] = '\0';
	if (file)
		fclose(file);
	return text;
}

static void test_reason_codes(xmlDocPtr schema)
{
	char codes[128][64], needle[128];
	size_t count = enumeration(schema, "reasonCode", codes, 128);
	char *common = slurp("xslt/notice-lookups.xsl");
	int all_known = 1, all_tabled = 1, all_headed = 1;

	ok(count > 40, "common.xsd lists the reason codes");
	for (size_t i = 0; i < count; i++)
		if (!reason_find(codes[i])) {
			diag("not in reason_table: %s", codes[i]);
			all_tabled = 0;
		}
	for (size_t i = 0; i < reason_table_size; i++) {
		if (!listed(codes, count, reason_table[i].code)) {
			diag("not in reasonCode: %s", reason_table[i].code);
			all_known = 0;
		}
		snprintf(needle, sizeof(needle), "$code = '%s'", reason_table[i].code);
		if (!common || !strstr(common, needle)) {
			diag("no heading in notice-lookups.xsl: %s", reason_table[i].code);
			all_headed = 0;
		}
	}
	ok(all_tabled, "every code of the schema has a row in reason_table");
	ok(all_known, "every code of reason_table is in the schema");
	ok(all_headed, "every code has its heading in the stylesheets");
	free(common);
	ok(reason_is(REASON_CPD_INSUFFICIENT, REASON_CLASS_REJECTION), "cpd-insufficient rejects");
	ok(reason_is(REASON_SCHEMA, REASON_CLASS_RETURN), "schema returns");
	ok(!reason_is(REASON_SCHEMA, REASON_CLASS_REJECTION), "schema does not reject");
	ok(reason_find("no-such-code") == NULL, "an unknown code has no row");
}

static void test_outcomes(xmlDocPtr schema)
{
	char states[32][64], path[256];
	size_t count = enumeration(schema, "applicationState", states, 32);
	int states_known = 1, letters_exist = 1;

	for (size_t i = 0; i < outcome_table_size; i++) {
		const struct outcome *row = &outcome_table[i];

		if (row->state && !listed(states, count, row->state)) {
			diag("state not in the schema: %s", row->state);
			states_known = 0;
		}
		if (!row->letter)
			continue;
		snprintf(path, sizeof(path), "xslt/notice-%s.xsl", row->letter);
		if (access(path, R_OK) != 0)
			letters_exist = 0;
		snprintf(path, sizeof(path), "xslt/notice-%s-text.xsl", row->letter);
		if (access(path, R_OK) != 0)
			letters_exist = 0;
	}
	ok(states_known, "every state of outcome_table is an applicationState");
	ok(letters_exist, "every letter of outcome_table has its two stylesheets");
	is_string(outcome_find(RESULT_REVIEW, OUTCOME_SUPPLEMENT)->letter, LETTER_SUPPLEMENT,
		  "a supplement request calls for the supplement letter");
	is_string(outcome_find(RESULT_REVIEW, OUTCOME_SUPPLEMENT)->state,
		  STATE_SUPPLEMENT_REQUESTED, "and leads to supplement-requested");
	ok(outcome_find(RESULT_REVIEW, OUTCOME_PASSED)->state == NULL,
	   "a pass leaves its state to publicity");
	is_string(outcome_find(RESULT_VALIDATION, OUTCOME_ACCEPTED)->letter, LETTER_ACKNOWLEDGMENT,
		  "an application accepted into review gets the acknowledgment (R9)");
	is_string(outcome_find(RESULT_CERTIFICATION, "")->letter, LETTER_CERTIFIED,
		  "a certification, whatever its attributes, calls for the certificate letter");
	ok(outcome_find("submission", "") == NULL, "a submission is no result");
}

static void test_outcome_of(void)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr confirmation = xmlNewDocNode(document, NULL, (const xmlChar *)"confirmation",
						NULL);
	xmlNodePtr review = xmlNewDocNode(document, NULL, (const xmlChar *)"review", NULL);

	xmlDocSetRootElement(document, confirmation);
	xmlAddChild(confirmation, review);
	xml_set(confirmation, "confirmed", "false");
	is_string(outcome_of(confirmation)->letter, LETTER_INTERVIEW,
		  "an unconfirmed confirmation calls for the interview letter");
	xml_set(confirmation, "confirmed", "true");
	ok(outcome_of(confirmation)->letter == NULL, "a confirmed one for none");
	xml_set(review, "outcome", "failed");
	is_string(outcome_of(review)->letter, LETTER_FAILED, "a failed review, the failure letter");
	xml_set(review, "outcome", "no-such-outcome");
	ok(outcome_of(review) == NULL, "an outcome not tabled has no row");
	xmlFreeDoc(document);
}

static void test_package_codes(void)
{
	is_string(package_result_code(PACKAGE_OK), "", "code of ok");
	is_string(package_result_code(PACKAGE_UNREADABLE), REASON_ARCHIVE_UNREADABLE,
		  "code unreadable");
	is_string(package_result_code(PACKAGE_UNSAFE), REASON_ARCHIVE_UNSAFE, "code unsafe");
	is_string(package_result_code(PACKAGE_TOO_LARGE), REASON_ARCHIVE_TOO_LARGE,
		  "code too large");
	is_string(package_result_code(PACKAGE_ENCRYPTED), REASON_ARCHIVE_ENCRYPTED,
		  "code encrypted");
	is_string(package_result_code(PACKAGE_NO_APPLICATION), REASON_NO_APPLICATION,
		  "code no app");
}

int main(void)
{
	struct error err = { 0 };
	xmlDocPtr schema = xml_parse_file("xsd/common.xsd", &err);

	ok(schema != NULL, "xsd/common.xsd is read");
	if (schema) {
		test_reason_codes(schema);
		test_outcomes(schema);
		xmlFreeDoc(schema);
	}
	test_outcome_of();
	test_package_codes();
	return tap_done();
}
