/* signature.h - enveloped XML-DSig signatures (formats.md §6) made and
 * checked with libxmlsec1 over OpenSSL.
 *
 * One form only, signed and accepted: a ds:Signature as the last child of
 * the document's root, one ds:Reference with URI="", the transforms
 * enveloped-signature then exclusive C14N, digest SHA-256, signature
 * ECDSA-SHA256 (or RSA-SHA256), and ds:KeyInfo/ds:KeyName naming the key.
 * Anything else is refused before xmlsec sees it, because xmlsec alone
 * accepts documents whose signed part sits beside forged content
 * (signature wrapping: a Reference to an Id, a second Signature).
 *
 * A signed file is exactly the bytes signature_sign wrote: verification
 * also refuses a file whose bytes differ from its own serialisation (an
 * attribute's quotes, the XML declaration, white space after the root),
 * which canonicalisation alone would not see, so that a changed byte
 * anywhere fails.
 */
#ifndef ECAP_SIGNATURE_H
#define ECAP_SIGNATURE_H

#include <stddef.h>
#include <libxml/tree.h>
#include "error.h"

#define KEY_NAME_MAX 64

/* Starts xmlsec and its OpenSSL back end; once per process, after
 * xml_library_setup. signature_cleanup undoes it (harmless if not set up). */
int signature_setup(struct error *err);
void signature_cleanup(void);

/* A private key that signs, named (KeyName). */
struct signing_key;

struct signing_key *signing_key_load(const char *pem, size_t size, const char *name,
				     struct error *err);
void signing_key_free(struct signing_key *key);
const char *signing_key_name(const struct signing_key *key);

/* Serialises document (indented, as put_document does) and signs it:
 * *bytes (free with xmlFree) is the signed file. document is not changed. */
int signature_sign(xmlDocPtr document, struct signing_key *key, xmlChar **bytes, int *size,
		   struct error *err);

/* A document too large to hold is signed as it is written
 * (signed_writer.c): its canonical form (what the Reference's enveloped and
 * exclusive C14N transforms make of it) goes through signature_digest_update
 * piece by piece, in order; signature_sign_digest then appends to
 * document's root the Signature signature_sign would make, its DigestValue
 * that digest and its SignatureValue xmlsec's over its SignedInfo. The
 * digest can be finished once only. */
struct signature_digest;

struct signature_digest *signature_digest_begin(struct error *err);
int signature_digest_update(struct signature_digest *digest, const void *bytes, size_t size,
			    struct error *err);
void signature_digest_free(struct signature_digest *digest);
int signature_sign_digest(xmlDocPtr document, struct signing_key *key,
			  struct signature_digest *digest, struct error *err);

/* The public keys a verification accepts, each with its published name. */
struct keyring;

struct keyring *keyring_new(struct error *err);
void keyring_free(struct keyring *keyring);
/* Adds the public key in PEM; its SHA-256 fingerprint (of the DER public
 * key) goes to fingerprint when not NULL. */
int keyring_add(struct keyring *keyring, const char *name, const char *pem, size_t size,
		char fingerprint[65], struct error *err);
size_t keyring_count(const struct keyring *keyring);

enum verify_outcome {
	VERIFY_VALID,			/* the one allowed form, a published key, intact */
	VERIFY_UNSIGNED,		/* no signature at all (issued before signing) */
	VERIFY_INVALID,			/* changed, reformatted, wrapped, malformed */
	VERIFY_UNKNOWN_KEY,		/* well formed, but by a key not in the keyring */
};

struct verify_result {
	enum verify_outcome outcome;
	char key_name[KEY_NAME_MAX + 1];	/* the KeyName, when there is one */
	char message[512];			/* why, in one line */
	xmlDocPtr document;			/* the parsed document when VALID or UNSIGNED;
						 * caller frees */
};

/* Verifies the file's bytes. Returns -1 only when xmlsec could not run
 * (err says why); a document that fails is 0 with result->outcome. */
int signature_verify(const char *bytes, size_t size, const char *url,
		     const struct keyring *keyring, struct verify_result *result,
		     struct error *err);

/* SHA-256 of the DER form of the public half of a PEM key (private or public). */
int key_fingerprint(const char *pem, size_t size, char out[65], struct error *err);

#endif
