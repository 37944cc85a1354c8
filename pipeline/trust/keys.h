/* keys.h - the society's signing keys in the state directory (R11).
 *
 * store/keys/<name>.pem    the private key (ECDSA P-256, PKCS#8 PEM), mode
 *                          0600; never archived (audit.c), never under out/
 * store/keys/index.xml     <keys><key name fingerprint created signedFrom
 *                          signedTo/>...</keys>, oldest first: the record
 *                          of every key made, from which out/public/keys/
 *                          is published
 * out/public/keys/<name>.pem, index.xml   the public halves, for anyone
 *
 * No store/keys/ directory means no key yet: a state made before keys
 * existed needs no upgrade step. The newest key signs unless the policy's
 * <signing name> names another; an old key stays published, so that what
 * it signed stays verifiable.
 */
#ifndef ECAP_KEYS_H
#define ECAP_KEYS_H

#include <stddef.h>
#include <libxml/tree.h>
#include "calendar.h"
#include "error.h"
#include "signature.h"

struct key_entry {
	char name[KEY_NAME_MAX + 1];
	char fingerprint[65];		/* SHA-256 of the DER public key, hex */
	char created[11];
	char signed_from[11], signed_to[11];	/* the run dates it signed, "" if none */
};

struct key_list {
	struct key_entry *keys;
	size_t count;
};

/* 1 if name can name a key (and so a file): [A-Za-z0-9_][A-Za-z0-9._-]*, at
 * most KEY_NAME_MAX. */
int key_name_is_safe(const char *name);

/* store/keys/index.xml of the state at state_dir; no keys if it is absent. */
int keys_read(const char *state_dir, struct key_list *list, struct error *err);
void key_list_release(struct key_list *list);
struct key_entry *key_list_find(const struct key_list *list, const char *name);

/* Makes a new key (`ecap key new`): named name, or <society>-<year>-<n> when
 * name is NULL; writes its private half, the index, and publishes. The
 * caller holds the state's lock. made receives the name. */
int keys_new(const char *state_dir, const char *society, const char *name, day_t today,
	     char made[KEY_NAME_MAX + 1], struct error *err);

/* The index document, published or kept (the same content). */
xmlDocPtr keys_index_document(const struct key_list *list);

/* The signing key the policy asks for (name "" for the newest); *key is
 * NULL when the state has no key at all. A named key that does not exist
 * is an error. */
int keys_load_signing(const char *state_dir, const struct key_list *list, const char *name,
		      struct signing_key **key, struct error *err);

#endif
