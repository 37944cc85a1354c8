/* test-signed-writer.c - unit tests for pipeline/trust/signed_writer.c: a
 * document written a part at a time is byte for byte the document
 * put_document (unsigned) or signature_sign (signed; the SignatureValue
 * apart, ECDSA being randomised) writes whole, its DigestValue the one
 * xmlsec takes over the canonical form of the whole parsed document, and it
 * verifies; with awkward attribute values (quotes, &, <, >, tabs, line ends,
 * CJK), nested children and text, and any number of children per part.
 */
#include <stdlib.h>
#include <string.h>

#include "signature.h"
#include "signed_writer.h"
#include "tap.h"
#include "test-keys.h"
#include "xml.h"

static const char *const names[] = {
	"张伟", "O'Brien \"Bob\"", "a & b < c > d", "tab\there", "line\nend\rcr",
	"&amp;lt;", "李　娜 (ＣＪＫ)", "]]>", "plain",
};
#define NAMES (sizeof(names) / sizeof(names[0]))

static xmlNodePtr new_root(xmlDocPtr document)
{
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"register", NULL);

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)"urn:ecap:1", NULL));
	xmlDocSetRootElement(document, root);
	xmlSetProp(root, (const xmlChar *)"societyName", (const xmlChar *)"学会 \"A&B\" <x>\t!");
	xmlSetProp(root, (const xmlChar *)"asOf", (const xmlChar *)"2026-12-08");
	return root;
}

/* The i-th child: a certificate, every third with a nested child and text. */
static void add_child(xmlNodePtr parent, size_t i)
{
	xmlNodePtr child = xmlNewChild(parent, NULL, (const xmlChar *)"certificate", NULL);
	char serial[32];

	snprintf(serial, sizeof(serial), "CSEE-%06zu-1", i + 1);
	xmlSetProp(child, (const xmlChar *)"serial", (const xmlChar *)serial);
	xmlSetProp(child, (const xmlChar *)"name", (const xmlChar *)names[i % NAMES]);
	xmlSetProp(child, (const xmlChar *)"field", (const xmlChar *)names[(i + 3) % NAMES]);
	if (i % 3 == 2)
		xmlNewTextChild(child, NULL, (const xmlChar *)"note",
				(const xmlChar *)names[(i + 1) % NAMES]);
}

/* The writer's file for count children, per children a part. */
static char *written(size_t count, size_t per, struct signing_key *key, size_t *size,
		     struct error *err)
{
	xmlDocPtr template = xmlNewDoc((const xmlChar *)"1.0");
	struct signed_writer writer;
	char *bytes = NULL;
	FILE *out = open_memstream(&bytes, size);
	int result = signed_writer_open(&writer, out, new_root(template), key, err);

	for (size_t i = 0; i < count && result == 0; i++) {
		add_child(signed_writer_part(&writer), i);
		if ((i + 1) % per == 0)
			result = signed_writer_flush(&writer, err);
	}
	if (result == 0)
		result = signed_writer_close(&writer, err);
	signed_writer_release(&writer);
	xmlFreeDoc(template);
	if (fclose(out) != 0 || result < 0) {
		free(bytes);
		return NULL;
	}
	return bytes;
}

static xmlDocPtr whole(size_t count)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = new_root(document);

	for (size_t i = 0; i < count; i++)
		add_child(root, i);
	return document;
}

/* text with the SignatureValue's content cut out (caller frees) */
static char *without_value(const char *text)
{
	const char *start = strstr(text, "<SignatureValue>"), *end = strstr(text, "</SignatureValue>");
	char *copy;

	if (!start || !end)
		return strdup(text);
	start += strlen("<SignatureValue>");
	copy = malloc(strlen(text) + 1);
	snprintf(copy, strlen(text) + 1, "%.*s%s", (int)(start - text), text, end);
	return copy;
}

static void check(size_t count, size_t per, struct signing_key *key, struct keyring *ring)
{
	struct error err = { "" };
	xmlDocPtr document = whole(count);
	xmlChar *expected = NULL;
	int expected_size = 0;
	size_t size = 0;
	char *actual = written(count, per, NULL, &size, &err), name[128];
	struct verify_result result;

	xml_serialize(document, &expected, &expected_size, &err);
	snprintf(name, sizeof(name), "%zu children, %zu a part, unsigned: the same bytes", count,
		 per);
	ok(actual && expected && size == (size_t)expected_size &&
	   memcmp(actual, expected, size) == 0, name);
	free(actual);
	xmlFree(expected);
	expected = NULL;

	actual = written(count, per, key, &size, &err);
	if (!actual)
		printf("# %s\n", err.message);
	if (signature_sign(document, key, &expected, &expected_size, &err) == 0 && actual) {
		char *a = without_value(actual), *b = without_value((const char *)expected);

		snprintf(name, sizeof(name), "%zu children, %zu a part, signed: the same bytes "
			 "(DigestValue included) but the SignatureValue", count, per);
		ok(strcmp(a, b) == 0 && strlen(actual) == size, name);
		if (strcmp(a, b) != 0)
			printf("# got:\n%s\n# expected:\n%s\n", a, b);
		free(a);
		free(b);
	} else {
		ok(0, "signed both ways");
	}
	snprintf(name, sizeof(name), "%zu children, %zu a part, signed: verifies", count, per);
	ok(actual && signature_verify(actual, size, "test", ring, &result, &err) == 0 &&
	   result.outcome == VERIFY_VALID, name);
	if (actual && result.outcome != VERIFY_VALID)
		printf("# %s\n", result.message);
	if (actual)
		xmlFreeDoc(result.document);
	free(actual);
	xmlFree(expected);
	xmlFreeDoc(document);
}

int main(void)
{
	struct error err = { "" };
	char *private_pem = NULL, *public_pem = NULL;
	size_t private_size, public_size;
	struct signing_key *key;
	struct keyring *ring;
	static const size_t counts[] = { 0, 1, 2, 7, 30 };

	if (xml_library_setup(".", &err) < 0 || signature_setup(&err) < 0 ||
	    make_key(&private_pem, &private_size, &public_pem, &public_size) < 0) {
		printf("Bail out! %s\n", err.message[0] ? err.message : "cannot make a key");
		return 1;
	}
	key = signing_key_load(private_pem, private_size, "TEST-1", &err);
	ring = keyring_new(&err);
	if (!key || !ring || keyring_add(ring, "TEST-1", public_pem, public_size, NULL, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		return 1;
	}
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		check(counts[i], 1, key, ring);
		if (counts[i] > 2)
			check(counts[i], 3, key, ring);
	}
	{
		/* a changed byte of a part fails: the digest is of what was written */
		size_t size = 0;
		char *text = written(7, 2, key, &size, &err), *at = text ? strstr(text, "CSEE-000003") : NULL;
		struct verify_result result;

		if (at)
			at[5] = '9';
		ok(at && signature_verify(text, size, "test", ring, &result, &err) == 0 &&
		   result.outcome == VERIFY_INVALID, "a changed serial is refused");
		if (at)
			xmlFreeDoc(result.document);
		free(text);
	}
	signing_key_free(key);
	keyring_free(ring);
	free(private_pem);
	free(public_pem);
	signature_cleanup();
	return tap_done();
}
