/* signature.c - enveloped XML-DSig signatures with libxmlsec1 (signature.h).
 *
 * Verification checks the signature's form itself before xmlsec does the
 * cryptography, and then checks xmlsec's status, not only its return value:
 * xmlSecDSigCtxVerify returns 0 for a signature that does not match
 * (status xmlSecDSigStatusInvalid), and by itself follows any Reference it is
 * given (a Reference to an Id signs a part beside which anything may sit).
 * Every ds: element is matched by namespace as well as name, so that a
 * look-alike in another namespace counts for nothing.
 */
#include "signature.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/keys.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

#include "hash.h"
#include "xml.h"

#define DSIG_NS "http://www.w3.org/2000/09/xmldsig#"
#define HREF_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define HREF_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define HREF_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define HREF_ECDSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
#define HREF_RSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"

/* What ecap signs with (its keys are P-256): the template's SignatureMethod
 * and, for a document signed as it is written, the transform that makes its
 * SignatureValue. Verification also accepts RSA-SHA256. */
#define SIGNING_TRANSFORM xmlSecTransformEcdsaSha256Id

/* A register of 100,000 members is about 25 MB. */
#define SIGNED_MAX_BYTES (256u << 20)

static int started;
static char last_xmlsec_error[256];

/* xmlsec reports every failure on stderr by default, a signature that does
 * not match included: keep the last one for the message instead. */
static void remember_error(const char *file, int line, const char *func,
			   const char *object, const char *subject, int reason, const char *message)
{
	snprintf(last_xmlsec_error, sizeof(last_xmlsec_error), "%s%s%s",
		 subject ? subject : "", message && message[0] ? ": " : "",
		 message ? message : "");
}

int signature_setup(struct error *err)
{
	if (started)
		return 0;
	if (xmlSecInit() < 0)
		return error_set(err, "xmlsec cannot start");
	if (xmlSecCheckVersion() != 1) {
		xmlSecShutdown();
		return error_set(err, "the xmlsec library is not the version ecap was built with");
	}
	if (xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0) {
		xmlSecShutdown();
		return error_set(err, "xmlsec's OpenSSL back end cannot start");
	}
	xmlSecErrorsSetCallback(remember_error);
	started = 1;
	return 0;
}

void signature_cleanup(void)
{
	if (!started)
		return;
	xmlSecCryptoShutdown();
	xmlSecCryptoAppShutdown();
	xmlSecShutdown();
	started = 0;
}

/* ---- keys ---- */

struct signing_key {
	xmlSecKeyPtr key;
	char name[KEY_NAME_MAX + 1];
};

static xmlSecKeyPtr load_key(const char *pem, size_t size, const char *name, struct error *err)
{
	xmlSecKeyPtr key;

	last_xmlsec_error[0] = '\0';
	key = xmlSecCryptoAppKeyLoadMemory((const xmlSecByte *)pem, (xmlSecSize)size,
					   xmlSecKeyDataFormatPem, NULL, NULL, NULL);
	if (!key) {
		error_set(err, "key %s: not a PEM key xmlsec can use%s%s", name,
			  last_xmlsec_error[0] ? ": " : "", last_xmlsec_error);
		return NULL;
	}
	if (xmlSecKeySetName(key, (const xmlChar *)name) < 0) {
		xmlSecKeyDestroy(key);
		error_set(err, "out of memory");
		return NULL;
	}
	return key;
}

/* xmlsec's key type does not tell a public key from a private one with
 * OpenSSL 3: ask OpenSSL. */
static int holds_private_key(const char *pem, size_t size)
{
	BIO *bio = BIO_new_mem_buf(pem, (int)size);
	EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;

	EVP_PKEY_free(key);
	BIO_free(bio);
	return key != NULL;
}

struct signing_key *signing_key_load(const char *pem, size_t size, const char *name,
				     struct error *err)
{
	struct signing_key *signing;

	if (strlen(name) > KEY_NAME_MAX) {
		error_set(err, "key name %s is too long", name);
		return NULL;
	}
	signing = calloc(1, sizeof(*signing));
	if (!signing) {
		error_set(err, "out of memory");
		return NULL;
	}
	snprintf(signing->name, sizeof(signing->name), "%s", name);
	if (!holds_private_key(pem, size)) {
		error_set(err, "key %s holds no private key", name);
		signing_key_free(signing);
		return NULL;
	}
	signing->key = load_key(pem, size, name, err);
	if (!signing->key) {
		signing_key_free(signing);
		return NULL;
	}
	return signing;
}

void signing_key_free(struct signing_key *key)
{
	if (!key)
		return;
	if (key->key)
		xmlSecKeyDestroy(key->key);
	free(key);
}

const char *signing_key_name(const struct signing_key *key)
{
	return key->name;
}

int key_fingerprint(const char *pem, size_t size, char out[65], struct error *err)
{
	BIO *bio = BIO_new_mem_buf(pem, (int)size);
	EVP_PKEY *key = NULL;
	unsigned char *der = NULL;
	int length, result = -1;

	out[0] = '\0';
	if (!bio)
		return error_set(err, "out of memory");
	key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	if (!key) {
		(void)BIO_reset(bio);
		key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	}
	if (!key) {
		error_set(err, "not a PEM key");
		goto out;
	}
	length = i2d_PUBKEY(key, &der);
	if (length <= 0) {
		error_set(err, "the key has no DER form");
		goto out;
	}
	sha256_hex(der, (size_t)length, out);
	result = out[0] ? 0 : error_set(err, "SHA-256 failed");
out:
	OPENSSL_free(der);
	EVP_PKEY_free(key);
	BIO_free(bio);
	return result;
}

struct public_key {
	char name[KEY_NAME_MAX + 1];
	xmlSecKeyPtr key;
};

struct keyring {
	struct public_key *keys;
	size_t count;
};

struct keyring *keyring_new(struct error *err)
{
	struct keyring *keyring = calloc(1, sizeof(*keyring));

	if (!keyring)
		error_set(err, "out of memory");
	return keyring;
}

void keyring_free(struct keyring *keyring)
{
	if (!keyring)
		return;
	for (size_t i = 0; i < keyring->count; i++)
		xmlSecKeyDestroy(keyring->keys[i].key);
	free(keyring->keys);
	free(keyring);
}

size_t keyring_count(const struct keyring *keyring)
{
	return keyring->count;
}

int keyring_add(struct keyring *keyring, const char *name, const char *pem, size_t size,
		char fingerprint[65], struct error *err)
{
	struct public_key *grown;
	xmlSecKeyPtr key;

	if (strlen(name) > KEY_NAME_MAX)
		return error_set(err, "key name %s is too long", name);
	if (fingerprint && key_fingerprint(pem, size, fingerprint, err) < 0)
		return -1;
	key = load_key(pem, size, name, err);
	if (!key)
		return -1;
	grown = realloc(keyring->keys, (keyring->count + 1) * sizeof(*grown));
	if (!grown) {
		xmlSecKeyDestroy(key);
		return error_set(err, "out of memory");
	}
	keyring->keys = grown;
	snprintf(grown[keyring->count].name, sizeof(grown[0].name), "%s", name);
	grown[keyring->count++].key = key;
	return 0;
}

static xmlSecKeyPtr keyring_find(const struct keyring *keyring, const char *name)
{
	for (size_t i = 0; i < keyring->count; i++)
		if (strcmp(keyring->keys[i].name, name) == 0)
			return keyring->keys[i].key;
	return NULL;
}

/* ---- signing ---- */

static xmlDocPtr parse_bytes(const char *bytes, size_t size, const char *url, struct error *err)
{
	static const struct xml_limits limits = { SIGNED_MAX_BYTES, 256 };

	return xml_parse_untrusted(bytes, size, url, &limits, NULL, 0, err);
}

/* The signature template of formats.md §6, appended to the root. */
static xmlNodePtr add_template(xmlDocPtr document, const char *key_name)
{
	xmlNodePtr signature, reference, key_info;

	signature = xmlSecTmplSignatureCreate(document, xmlSecTransformExclC14NId,
					      SIGNING_TRANSFORM, NULL);
	if (!signature)
		return NULL;
	xmlAddChild(xmlDocGetRootElement(document), signature);
	reference = xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha256Id, NULL,
						    (const xmlChar *)"", NULL);
	key_info = xmlSecTmplSignatureEnsureKeyInfo(signature, NULL);
	if (!reference || !key_info ||
	    !xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId) ||
	    !xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId) ||
	    !xmlSecTmplKeyInfoAddKeyName(key_info, (const xmlChar *)key_name))
		return NULL;
	/* the root's last child, then a line end, as the serialiser leaves it */
	xmlAddNextSibling(signature, xmlNewDocText(document, (const xmlChar *)"\n"));
	return signature;
}

int signature_sign(xmlDocPtr document, struct signing_key *key, xmlChar **bytes, int *size,
		   struct error *err)
{
	xmlChar *plain = NULL;
	int plain_size = 0, result = -1;
	xmlDocPtr copy = NULL;
	xmlSecDSigCtxPtr context = NULL;
	xmlNodePtr signature;

	*bytes = NULL;
	/* signed as it will be read back: the indented serialisation, parsed */
	if (xml_serialize(document, &plain, &plain_size, err) < 0)
		return -1;
	copy = parse_bytes((const char *)plain, (size_t)plain_size, "signed document", err);
	if (!copy)
		goto out;
	/* the indentation's last line end stays after the signature */
	{
		xmlNodePtr last = xmlGetLastChild(xmlDocGetRootElement(copy));

		if (last && last->type == XML_TEXT_NODE && xmlIsBlankNode(last)) {
			xmlUnlinkNode(last);
			xmlFreeNode(last);
		}
	}
	signature = add_template(copy, key->name);
	context = xmlSecDSigCtxCreate(NULL);
	if (!signature || !context) {
		error_set(err, "out of memory making a signature");
		goto out;
	}
	context->signKey = xmlSecKeyDuplicate(key->key);
	last_xmlsec_error[0] = '\0';
	if (!context->signKey || xmlSecDSigCtxSign(context, signature) < 0 ||
	    context->status != xmlSecDSigStatusSucceeded) {
		error_set(err, "signing with key %s failed%s%s", key->name,
			  last_xmlsec_error[0] ? ": " : "", last_xmlsec_error);
		goto out;
	}
	xmlDocDumpMemoryEnc(copy, bytes, size, "UTF-8");
	if (!*bytes) {
		error_set(err, "out of memory serializing a signed document");
		goto out;
	}
	result = 0;
out:
	if (context)
		xmlSecDSigCtxDestroy(context);
	xmlFreeDoc(copy);
	xmlFree(plain);
	return result;
}

static int is_dsig(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, (const xmlChar *)DSIG_NS) &&
	       xmlStrEqual(node->name, (const xmlChar *)name);
}

/* ---- signing a document written in pieces (signed_writer.c) ---- */

/* xmlsec's own SHA-256 and base64 transforms, fed as the canonical form is
 * written: the DigestValue comes out as xmlSecDSigCtxSign would write it. */
struct signature_digest {
	xmlSecTransformCtxPtr context;
};

struct signature_digest *signature_digest_begin(struct error *err)
{
	struct signature_digest *digest = calloc(1, sizeof(*digest));
	xmlSecTransformPtr sha256, base64;

	if (!digest) {
		error_set(err, "out of memory");
		return NULL;
	}
	digest->context = xmlSecTransformCtxCreate();
	sha256 = digest->context ?
		 xmlSecTransformCtxCreateAndAppend(digest->context, xmlSecTransformSha256Id) : NULL;
	base64 = sha256 ?
		 xmlSecTransformCtxCreateAndAppend(digest->context, xmlSecTransformBase64Id) : NULL;
	if (!base64) {
		signature_digest_free(digest);
		error_set(err, "xmlsec cannot make a SHA-256 digest");
		return NULL;
	}
	sha256->operation = xmlSecTransformOperationSign;
	base64->operation = xmlSecTransformOperationEncode;
	if (xmlSecTransformCtxPrepare(digest->context, xmlSecTransformDataTypeBin) < 0) {
		signature_digest_free(digest);
		error_set(err, "xmlsec cannot make a SHA-256 digest");
		return NULL;
	}
	return digest;
}

int signature_digest_update(struct signature_digest *digest, const void *bytes, size_t size,
			    struct error *err)
{
	if (size == 0)
		return 0;
	if (size > (size_t)INT_MAX ||
	    xmlSecTransformPushBin(digest->context->first, bytes, (xmlSecSize)size, 0,
				   digest->context) < 0)
		return error_set(err, "xmlsec's SHA-256 failed");
	return 0;
}

void signature_digest_free(struct signature_digest *digest)
{
	if (!digest)
		return;
	if (digest->context)
		xmlSecTransformCtxDestroy(digest->context);
	free(digest);
}

static xmlNodePtr dsig_child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr child = node ? node->children : NULL; child; child = child->next)
		if (is_dsig(child, name))
			return child;
	return NULL;
}

/* The SignatureValue over the canonical SignedInfo, as xmlSecDSigCtxSign
 * makes it: exclusive C14N, the key's signature transform, base64. */
static int sign_signed_info(xmlNodePtr signature, struct signing_key *key, struct error *err)
{
	xmlNodePtr signed_info = dsig_child(signature, "SignedInfo");
	xmlNodePtr value = dsig_child(signature, "SignatureValue");
	xmlSecTransformCtxPtr context = xmlSecTransformCtxCreate();
	xmlSecTransformPtr sign = NULL, base64 = NULL;
	xmlSecNodeSetPtr nodes = NULL;
	xmlSecKeyReq requirements;
	int result = -1, requirements_made = 0;

	last_xmlsec_error[0] = '\0';
	if (!signed_info || !value || !context ||
	    !xmlSecTransformCtxCreateAndAppend(context, xmlSecTransformExclC14NId) ||
	    !(sign = xmlSecTransformCtxCreateAndAppend(context, SIGNING_TRANSFORM)) ||
	    !(base64 = xmlSecTransformCtxCreateAndAppend(context, xmlSecTransformBase64Id)) ||
	    xmlSecKeyReqInitialize(&requirements) < 0) {
		error_set(err, "xmlsec cannot be set up to sign");
		goto out;
	}
	requirements_made = 1;
	sign->operation = xmlSecTransformOperationSign;
	base64->operation = xmlSecTransformOperationEncode;
	if (xmlSecTransformSetKeyReq(sign, &requirements) < 0 ||
	    !xmlSecKeyMatch(key->key, NULL, &requirements) ||
	    xmlSecTransformSetKey(sign, key->key) < 0) {
		error_set(err, "key %s cannot make an ECDSA-SHA256 signature%s%s", key->name,
			  last_xmlsec_error[0] ? ": " : "", last_xmlsec_error);
		goto out;
	}
	nodes = xmlSecNodeSetGetChildren(signed_info->doc, signed_info, 1, 0);
	if (!nodes || xmlSecTransformCtxXmlExecute(context, nodes) < 0 || !context->result ||
	    !xmlSecBufferGetData(context->result)) {
		error_set(err, "signing with key %s failed%s%s", key->name,
			  last_xmlsec_error[0] ? ": " : "", last_xmlsec_error);
		goto out;
	}
	xmlNodeSetContentLen(value, xmlSecBufferGetData(context->result),
			     (int)xmlSecBufferGetSize(context->result));
	result = 0;
out:
	if (nodes)
		xmlSecNodeSetDestroy(nodes);
	if (requirements_made)
		xmlSecKeyReqFinalize(&requirements);
	if (context)
		xmlSecTransformCtxDestroy(context);
	return result;
}

int signature_sign_digest(xmlDocPtr document, struct signing_key *key,
			  struct signature_digest *digest, struct error *err)
{
	xmlNodePtr signature = add_template(document, key->name), digest_value;
	xmlSecBufferPtr value;

	if (!signature)
		return error_set(err, "out of memory making a signature");
	last_xmlsec_error[0] = '\0';
	if (xmlSecTransformPushBin(digest->context->first, NULL, 0, 1, digest->context) < 0)
		return error_set(err, "xmlsec's SHA-256 failed%s%s",
				 last_xmlsec_error[0] ? ": " : "", last_xmlsec_error);
	digest->context->status = xmlSecTransformStatusFinished;
	value = digest->context->result;
	digest_value = dsig_child(dsig_child(dsig_child(signature, "SignedInfo"), "Reference"),
				  "DigestValue");
	if (!value || !xmlSecBufferGetData(value) || !digest_value)
		return error_set(err, "xmlsec's SHA-256 gave no digest");
	xmlNodeSetContentLen(digest_value, xmlSecBufferGetData(value),
			     (int)xmlSecBufferGetSize(value));
	return sign_signed_info(signature, key, err);
}

/* ---- verifying ---- */

static size_t count_signatures(xmlNodePtr node, xmlNodePtr *found)
{
	size_t count = 0;

	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (is_dsig(node, "Signature")) {
			count++;
			*found = node;
		}
		count += count_signatures(node->children, found);
	}
	return count;
}

/* The element children of node in order, the text between them blank. */
static size_t element_children(xmlNodePtr node, xmlNodePtr *out, size_t max, int *stray)
{
	size_t count = 0;

	*stray = 0;
	for (xmlNodePtr child = node->children; child; child = child->next) {
		if (child->type == XML_ELEMENT_NODE) {
			if (count < max)
				out[count] = child;
			count++;
		} else if (child->type != XML_TEXT_NODE || !xmlIsBlankNode(child)) {
			*stray = 1;
		}
	}
	return count;
}

/* An algorithm element with the given Algorithm and nothing inside. */
static int is_algorithm(xmlNodePtr node, const char *name, const char *href)
{
	xmlChar *algorithm;
	int same;

	if (!is_dsig(node, name) || node->children)
		return 0;
	algorithm = xmlGetNoNsProp(node, (const xmlChar *)"Algorithm");
	same = algorithm && strcmp((const char *)algorithm, href) == 0;
	xmlFree(algorithm);
	return same && node->properties && !node->properties->next;
}

static int refuse(struct verify_result *result, const char *message)
{
	result->outcome = VERIFY_INVALID;
	snprintf(result->message, sizeof(result->message), "%s", message);
	return 0;
}

/* The Reference: URI="" exactly, the two transforms, SHA-256. */
static int check_reference(xmlNodePtr reference, struct verify_result *result)
{
	xmlNodePtr parts[4], transforms[4];
	xmlChar *uri;
	int stray, empty;

	for (xmlAttrPtr attribute = reference->properties; attribute; attribute = attribute->next)
		if (attribute->ns || !xmlStrEqual(attribute->name, (const xmlChar *)"URI"))
			return refuse(result, "the Reference carries attributes other than URI");
	uri = xmlGetNoNsProp(reference, (const xmlChar *)"URI");
	empty = uri && !uri[0];
	xmlFree(uri);
	if (!empty)
		return refuse(result, "the Reference is not to the whole document (URI=\"\"): it "
			      "signs a part only, beside which anything may stand");
	if (element_children(reference, parts, 4, &stray) != 3 || stray ||
	    !is_dsig(parts[0], "Transforms") ||
	    !is_algorithm(parts[1], "DigestMethod", HREF_SHA256) ||
	    !is_dsig(parts[2], "DigestValue"))
		return refuse(result, "the Reference is not Transforms, DigestMethod SHA-256, "
			      "DigestValue");
	if (element_children(parts[0], transforms, 4, &stray) != 2 || stray ||
	    !is_algorithm(transforms[0], "Transform", HREF_ENVELOPED) ||
	    !is_algorithm(transforms[1], "Transform", HREF_EXC_C14N))
		return refuse(result, "the Reference's transforms are not exactly "
			      "enveloped-signature and exclusive C14N");
	return 1;
}

/* The form of formats.md §6, and the KeyName; 1 if it is that form. */
static int check_form(xmlNodePtr root, xmlNodePtr signature, struct verify_result *result)
{
	xmlNodePtr parts[4], info[4], key[2], last = NULL;
	int stray;
	char *name;

	for (xmlNodePtr child = root->children; child; child = child->next)
		if (child->type == XML_ELEMENT_NODE)
			last = child;
	if (signature->parent != root || last != signature)
		return refuse(result, "the Signature is not the last child of the document's root");
	if (element_children(signature, parts, 4, &stray) != 3 || stray ||
	    !is_dsig(parts[0], "SignedInfo") || !is_dsig(parts[1], "SignatureValue") ||
	    !is_dsig(parts[2], "KeyInfo") || signature->properties)
		return refuse(result, "the Signature is not SignedInfo, SignatureValue, KeyInfo");
	if (element_children(parts[0], info, 4, &stray) != 3 || stray || parts[0]->properties ||
	    !is_algorithm(info[0], "CanonicalizationMethod", HREF_EXC_C14N) ||
	    !(is_algorithm(info[1], "SignatureMethod", HREF_ECDSA_SHA256) ||
	      is_algorithm(info[1], "SignatureMethod", HREF_RSA_SHA256)))
		return refuse(result, "the SignedInfo is not exclusive C14N, ECDSA-SHA256 or "
			      "RSA-SHA256, and one Reference");
	if (!is_dsig(info[2], "Reference"))
		return refuse(result, "the SignedInfo holds no single Reference");
	if (!check_reference(info[2], result))
		return 0;
	if (element_children(parts[2], key, 2, &stray) != 1 || stray ||
	    !is_dsig(key[0], "KeyName"))
		return refuse(result, "the KeyInfo is not one KeyName");
	name = xml_text(key[0]);
	snprintf(result->key_name, sizeof(result->key_name), "%s", name ? name : "");
	xmlFree(name);
	if (!result->key_name[0])
		return refuse(result, "the KeyName is empty");
	return 1;
}

/* xmlsec itself, restricted to the one form, with the named key. */
static int check_cryptography(xmlNodePtr signature, xmlSecKeyPtr key,
			      struct verify_result *result, struct error *err)
{
	xmlSecDSigCtxPtr context = xmlSecDSigCtxCreate(NULL);
	xmlSecDSigReferenceCtxPtr reference;
	int verified;

	if (!context)
		return error_set(err, "out of memory");
	context->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
	context->signKey = xmlSecKeyDuplicate(key);
	if (!context->signKey ||
	    xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformEnvelopedId) < 0 ||
	    xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformExclC14NId) < 0 ||
	    xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformSha256Id) < 0 ||
	    xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformExclC14NId) < 0 ||
	    xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformEcdsaSha256Id) < 0 ||
	    xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformRsaSha256Id) < 0) {
		xmlSecDSigCtxDestroy(context);
		return error_set(err, "xmlsec cannot be set up to verify");
	}
	last_xmlsec_error[0] = '\0';
	verified = xmlSecDSigCtxVerify(context, signature) == 0 &&
		   context->status == xmlSecDSigStatusSucceeded &&
		   xmlSecPtrListGetSize(&context->signedInfoReferences) == 1;
	if (verified) {
		reference = xmlSecPtrListGetItem(&context->signedInfoReferences, 0);
		verified = reference && reference->status == xmlSecDSigStatusSucceeded;
	}
	if (!verified) {
		result->outcome = VERIFY_INVALID;
		snprintf(result->message, sizeof(result->message),
			 "the signature does not match the document: it was changed after "
			 "signing%s%s", last_xmlsec_error[0] ? " (" : "", last_xmlsec_error);
		if (last_xmlsec_error[0])
			strncat(result->message, ")",
				sizeof(result->message) - strlen(result->message) - 1);
	}
	xmlSecDSigCtxDestroy(context);
	return 0;
}

int signature_verify(const char *bytes, size_t size, const char *url,
		     const struct keyring *keyring, struct verify_result *result,
		     struct error *err)
{
	struct error parse_error = { "" };
	xmlDocPtr document;
	xmlNodePtr signature = NULL;
	xmlSecKeyPtr key;
	xmlChar *again = NULL;
	int again_size = 0, result_code = -1;
	size_t signatures;

	memset(result, 0, sizeof(*result));
	document = parse_bytes(bytes, size, url, &parse_error);
	if (!document)
		return refuse(result, parse_error.message);
	signatures = count_signatures(document->children, &signature);
	if (signatures == 0) {
		result->outcome = VERIFY_UNSIGNED;
		snprintf(result->message, sizeof(result->message),
			 "unsigned: the document carries no signature (issued before signing, or "
			 "while the state had no key)");
		result->document = document;
		document = NULL;
		result_code = 0;
		goto out;
	}
	if (signatures > 1) {
		snprintf(result->message, sizeof(result->message),
			 "%zu signatures: a signed document carries exactly one", signatures);
		result->outcome = VERIFY_INVALID;
		result_code = 0;
		goto out;
	}
	if (!check_form(xmlDocGetRootElement(document), signature, result)) {
		result_code = 0;
		goto out;
	}
	key = keyring_find(keyring, result->key_name);
	if (!key) {
		result->outcome = VERIFY_UNKNOWN_KEY;
		snprintf(result->message, sizeof(result->message),
			 "signed by key %s, which is not among the published keys given",
			 result->key_name);
		result_code = 0;
		goto out;
	}
	result->outcome = VERIFY_VALID;
	if (check_cryptography(signature, key, result, err) < 0)
		goto out;
	result_code = 0;
	if (result->outcome != VERIFY_VALID)
		goto out;
	/* canonicalisation does not see quotes, the declaration or what follows
	 * the root: the file must be the bytes signature_sign wrote */
	xmlDocDumpMemoryEnc(document, &again, &again_size, "UTF-8");
	if (!again) {
		result_code = error_set(err, "out of memory");
		goto out;
	}
	if ((size_t)again_size != size || memcmp(again, bytes, size) != 0) {
		refuse(result, "the file is not byte for byte the document that was signed "
		       "(reformatted, or changed outside the signed content)");
		goto out;
	}
	snprintf(result->message, sizeof(result->message), "valid signature by key %s",
		 result->key_name);
	result->document = document;
	document = NULL;
out:
	xmlFree(again);
	xmlFreeDoc(document);
	return result_code;
}
