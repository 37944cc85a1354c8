/* test-signature.c - unit tests for pipeline/trust/signature.c: a document signed
 * by signature_sign verifies; an unsigned one is unsigned; every departure
 * from the one signature form (formats.md §6) is refused before xmlsec runs,
 * and what xmlsec finds wrong (a changed byte, another key under the
 * published name) is refused by its status, not only its return value.
 */
#include <stdlib.h>
#include <string.h>

#include "signature.h"
#include "tap.h"
#include "test-keys.h"
#include "xml.h"

static const char document_text[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<certificate xmlns=\"urn:ecap:1\" serial=\"CSEE-000001-1\" name=\"张伟\">"
	"<part>内容</part></certificate>\n";

static struct keyring *ring;
static char *signed_text;

static enum verify_outcome outcome_of(const char *text, char *message, size_t size)
{
	struct verify_result result;
	struct error err = { "" };

	if (signature_verify(text, strlen(text), "test", ring, &result, &err) < 0) {
		snprintf(message, size, "error: %s", err.message);
		return (enum verify_outcome)-1;
	}
	snprintf(message, size, "%s", result.message);
	xmlFreeDoc(result.document);
	return result.outcome;
}

/* The signed text with the first `from` replaced by `to`. */
static char *edited(const char *from, const char *to)
{
	const char *at = strstr(signed_text, from);
	size_t size = strlen(signed_text) - strlen(from) + strlen(to) + 1;
	char *text = malloc(size);

	if (!at || !text) {
		free(text);
		return strdup("<missing/>");
	}
	snprintf(text, size, "%.*s%s%s", (int)(at - signed_text), signed_text, to, at + strlen(from));
	return text;
}

static void refused(const char *from, const char *to, const char *name)
{
	char message[512];
	char *text = edited(from, to);

	is_int(outcome_of(text, message, sizeof(message)), VERIFY_INVALID, name);
	printf("#   %s\n", message);
	free(text);
}

int main(void)
{
	struct error err = { "" };
	char *private_pem = NULL, *public_pem = NULL, *other_private = NULL, *other_public = NULL;
	size_t private_size, public_size, other_private_size, other_public_size;
	struct signing_key *key = NULL;
	struct keyring *impostor = NULL;
	xmlDocPtr document = NULL;
	xmlChar *bytes = NULL;
	char message[512], fingerprint[65];
	int size = 0;

	if (xml_library_setup(".", &err) < 0 ||
	    signature_setup(&err) < 0 ||
	    make_key(&private_pem, &private_size, &public_pem, &public_size) < 0 ||
	    make_key(&other_private, &other_private_size, &other_public, &other_public_size) < 0) {
		printf("Bail out! %s\n", err.message[0] ? err.message : "cannot make keys");
		return 1;
	}
	key = signing_key_load(private_pem, private_size, "TEST-1", &err);
	ok(key != NULL, "the private key loads");
	ok(signing_key_load(public_pem, public_size, "TEST-1", &err) == NULL,
	   "a public key cannot sign");
	ring = keyring_new(&err);
	ok(ring && keyring_add(ring, "TEST-1", public_pem, public_size, fingerprint, &err) == 0,
	   "the public key goes into a keyring");
	is_int(strlen(fingerprint), 64, "with a SHA-256 fingerprint");
	document = xml_parse_untrusted(document_text, strlen(document_text), "test",
				       &(struct xml_limits){ 1 << 20, 64 }, NULL, 0, &err);
	if (!key || !ring || !document ||
	    signature_sign(document, key, &bytes, &size, &err) < 0) {
		printf("Bail out! signing failed: %s\n", err.message);
		return 1;
	}
	signed_text = strndup((const char *)bytes, (size_t)size);

	is_int(outcome_of(signed_text, message, sizeof(message)), VERIFY_VALID, "signed: valid");
	is_int(outcome_of(document_text, message, sizeof(message)), VERIFY_UNSIGNED,
	       "never signed: unsigned");
	ok(strstr(signed_text, "URI=\"\"") != NULL, "the Reference is to the whole document");

	refused("张伟", "张卫", "a changed name (xmlsec's status, not its return value)");
	refused("</certificate>\n", "</certificate>\n\n", "white space after the root");
	refused("<part>", "<part >", "white space inside a tag (the file is not what was signed)");
	refused("<Reference URI=\"\">", "<Reference URI=\"#x\">", "a Reference to an Id");
	refused("<Reference URI=\"\">", "<Reference URI=\"\" Id=\"r\">", "an Id on the Reference");
	refused("<Reference URI=\"\">", "<Reference>", "a Reference with no URI");
	refused("</SignedInfo>", "<Reference URI=\"\"/></SignedInfo>", "two References");
	refused("<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>",
		"an XSLT transform");
	refused("<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
		"<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"><x/></Transform>",
		"a transform with content");
	refused("</KeyInfo>", "</KeyInfo><Object><part>伪造</part></Object>", "an Object");
	refused("<KeyName>", "<KeyValue/><KeyName>", "a KeyInfo with more than a KeyName");
	refused("xmldsig-more#ecdsa-sha256", "xmldsig#hmac-sha1", "an HMAC signature method");
	refused("<part>内容</part>", "<part>内容</part><part>伪造</part>", "forged content added");
	refused("</Signature>", "</Signature><part/>", "the Signature not the last child");
	refused("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE certificate>\n", "a DOCTYPE");
	{
		/* the same Signature again, inside the content */
		const char *start = strstr(signed_text, "<Signature");
		const char *end = strstr(signed_text, "</Signature>");
		char *twice = malloc(strlen(signed_text) * 2);

		if (start && end && twice) {
			snprintf(twice, strlen(signed_text) * 2, "%.*s<part>%.*s</part>%s",
				 (int)(start - signed_text), signed_text,
				 (int)(end + strlen("</Signature>") - start), start, start);
			is_int(outcome_of(twice, message, sizeof(message)), VERIFY_INVALID,
			       "a second Signature inside the content");
		}
		free(twice);
	}
	{
		/* a look-alike: a ds:Signature in another namespace is no signature */
		char *lookalike = edited("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"",
					 "<Signature xmlns=\"urn:not-dsig\"");

		is_int(outcome_of(lookalike, message, sizeof(message)), VERIFY_UNSIGNED,
		       "a Signature in another namespace is not a signature");
		free(lookalike);
	}
	impostor = keyring_new(&err);
	if (impostor && keyring_add(impostor, "TEST-1", other_public, other_public_size, NULL,
				    &err) == 0) {
		struct keyring *real = ring;

		ring = impostor;
		is_int(outcome_of(signed_text, message, sizeof(message)), VERIFY_INVALID,
		       "another key under the published name: refused");
		ring = real;
	}
	{
		char *renamed = edited("<KeyName>TEST-1</KeyName>", "<KeyName>TEST-2</KeyName>");

		is_int(outcome_of(renamed, message, sizeof(message)), VERIFY_UNKNOWN_KEY,
		       "a KeyName not in the keyring: unknown key");
		free(renamed);
	}

	keyring_free(impostor);
	keyring_free(ring);
	signing_key_free(key);
	xmlFree(bytes);
	xmlFreeDoc(document);
	free(signed_text);
	free(private_pem);
	free(public_pem);
	free(other_private);
	free(other_public);
	signature_cleanup();
	xml_library_cleanup();
	return tap_done();
}
