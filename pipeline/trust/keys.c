/* keys.c - the society's signing keys: made with OpenSSL's EVP interface,
 * kept private in store/keys/, published in out/public/keys/ (keys.h). */
#include "keys.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "atomic.h"
#include "xml.h"

#define KEYS_DIRECTORY "store/keys"
#define PUBLIC_KEYS_DIRECTORY "out/public/keys"

int key_name_is_safe(const char *name)
{
	size_t length = strlen(name);

	if (length == 0 || length > KEY_NAME_MAX || name[0] == '.' || name[0] == '-')
		return 0;
	for (size_t i = 0; i < length; i++) {
		char c = name[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

void key_list_release(struct key_list *list)
{
	free(list->keys);
	list->keys = NULL;
	list->count = 0;
}

struct key_entry *key_list_find(const struct key_list *list, const char *name)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->keys[i].name, name) == 0)
			return &list->keys[i];
	return NULL;
}

static int add_entry(struct key_list *list, const struct key_entry *entry, struct error *err)
{
	struct key_entry *grown = realloc(list->keys, (list->count + 1) * sizeof(*grown));

	if (!grown)
		return error_set(err, "out of memory");
	list->keys = grown;
	grown[list->count++] = *entry;
	return 0;
}

int keys_read(const char *state_dir, struct key_list *list, struct error *err)
{
	char path[PATH_MAX];
	xmlDocPtr document;
	int result = 0;

	list->keys = NULL;
	list->count = 0;
	snprintf(path, sizeof(path), "%s/" KEYS_DIRECTORY "/index.xml", state_dir);
	if (access(path, F_OK) != 0)
		return errno == ENOENT ? 0 : error_set_errno(err, "%s", path);
	document = xml_parse_file(path, err);
	if (!document)
		return -1;
	for (xmlNodePtr node = xml_child(xmlDocGetRootElement(document), "key"); node && !result;
	     node = xml_next(node, "key")) {
		struct key_entry entry;

		memset(&entry, 0, sizeof(entry));
		xml_attribute_copy(node, "name", entry.name, sizeof(entry.name));
		xml_attribute_copy(node, "fingerprint", entry.fingerprint, sizeof(entry.fingerprint));
		xml_attribute_copy(node, "created", entry.created, sizeof(entry.created));
		xml_attribute_copy(node, "signedFrom", entry.signed_from, sizeof(entry.signed_from));
		xml_attribute_copy(node, "signedTo", entry.signed_to, sizeof(entry.signed_to));
		if (!key_name_is_safe(entry.name))
			result = error_set(err, "%s: a key named '%s' cannot be", path, entry.name);
		else
			result = add_entry(list, &entry, err);
	}
	xmlFreeDoc(document);
	if (result < 0)
		key_list_release(list);
	return result;
}

xmlDocPtr keys_index_document(const struct key_list *list)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"keys", NULL);

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	for (size_t i = 0; i < list->count; i++) {
		const struct key_entry *entry = &list->keys[i];
		xmlNodePtr key = xml_add_child(root, "key", NULL);
		char file[KEY_NAME_MAX + 8];

		snprintf(file, sizeof(file), "%s.pem", entry->name);
		xml_set(key, "name", entry->name);
		xml_set(key, "file", file);
		xml_set(key, "algorithm", "ECDSA-P256-SHA256");
		xml_set(key, "fingerprint", entry->fingerprint);
		xml_set(key, "created", entry->created);
		xml_set_optional(key, "signedFrom", entry->signed_from);
		xml_set_optional(key, "signedTo", entry->signed_to);
	}
	return document;
}

/* A new ECDSA P-256 key: its private half (PKCS#8) and public half in PEM. */
static int generate(char **private_pem, size_t *private_size, char **public_pem,
		    size_t *public_size, struct error *err)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	BIO *private_bio = BIO_new(BIO_s_mem()), *public_bio = BIO_new(BIO_s_mem());
	char *data;
	long size;
	int result = -1;

	*private_pem = *public_pem = NULL;
	if (!key || !private_bio || !public_bio) {
		error_set(err, "OpenSSL cannot make an ECDSA P-256 key");
		goto out;
	}
	if (PEM_write_bio_PKCS8PrivateKey(private_bio, key, NULL, NULL, 0, NULL, NULL) != 1 ||
	    PEM_write_bio_PUBKEY(public_bio, key) != 1) {
		error_set(err, "OpenSSL cannot write the key");
		goto out;
	}
	size = BIO_get_mem_data(private_bio, &data);
	*private_pem = malloc((size_t)size);
	if (*private_pem)
		memcpy(*private_pem, data, (size_t)size);
	*private_size = (size_t)size;
	size = BIO_get_mem_data(public_bio, &data);
	*public_pem = malloc((size_t)size);
	if (*public_pem)
		memcpy(*public_pem, data, (size_t)size);
	*public_size = (size_t)size;
	if (!*private_pem || !*public_pem) {
		error_set(err, "out of memory");
		goto out;
	}
	result = 0;
out:
	if (result < 0) {
		free(*private_pem);
		free(*public_pem);
		*private_pem = *public_pem = NULL;
	}
	BIO_free(private_bio);
	BIO_free(public_bio);
	EVP_PKEY_free(key);
	return result;
}

static int write_document(const char *path, xmlDocPtr document, mode_t mode, struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (xml_serialize(document, &bytes, &size, err) < 0)
		return -1;
	result = atomic_write_file(path, bytes, (size_t)size, mode, err);
	xmlFree(bytes);
	return result;
}

/* The default name: <society>-<year>-<n>, n one more than the keys made. */
static void default_name(const char *society, day_t today, const struct key_list *list,
			 char *out, size_t size)
{
	for (size_t n = list->count + 1;; n++) {
		snprintf(out, size, "%s-%d-%zu", society[0] ? society : "ecap", date_year(today), n);
		if (!key_list_find(list, out))
			return;
	}
}

int keys_new(const char *state_dir, const char *society, const char *name, day_t today,
	     char made[KEY_NAME_MAX + 1], struct error *err)
{
	char path[PATH_MAX], directory[PATH_MAX];
	char *private_pem = NULL, *public_pem = NULL;
	size_t private_size = 0, public_size = 0;
	struct key_list list = { NULL, 0 };
	struct key_entry entry;
	xmlDocPtr index = NULL;
	int result = -1;

	memset(&entry, 0, sizeof(entry));
	if (keys_read(state_dir, &list, err) < 0)
		return -1;
	if (name)
		snprintf(entry.name, sizeof(entry.name), "%s", name);
	else
		default_name(society, today, &list, entry.name, sizeof(entry.name));
	if (!key_name_is_safe(entry.name) || (name && strlen(name) > KEY_NAME_MAX)) {
		error_set(err, "'%s' cannot name a key: letters, digits, '.', '_' and '-', at most "
			  "%d", entry.name, KEY_NAME_MAX);
		goto out;
	}
	if (key_list_find(&list, entry.name)) {
		error_set(err, "a key named %s exists already: a key is never replaced", entry.name);
		goto out;
	}
	if (generate(&private_pem, &private_size, &public_pem, &public_size, err) < 0 ||
	    key_fingerprint(public_pem, public_size, entry.fingerprint, err) < 0)
		goto out;
	date_format(today, entry.created);
	snprintf(directory, sizeof(directory), "%s/" KEYS_DIRECTORY, state_dir);
	if (make_directories(directory, 0700, err) < 0)
		goto out;
	/* the private half first: an index never names a key that is not there */
	snprintf(path, sizeof(path), "%s/%s.pem", directory, entry.name);
	if (atomic_write_file(path, private_pem, private_size, 0600, err) < 0 ||
	    add_entry(&list, &entry, err) < 0)
		goto out;
	index = keys_index_document(&list);
	snprintf(path, sizeof(path), "%s/index.xml", directory);
	if (write_document(path, index, 0600, err) < 0)
		goto out;
	snprintf(directory, sizeof(directory), "%s/" PUBLIC_KEYS_DIRECTORY, state_dir);
	snprintf(path, sizeof(path), "%s/%s.pem", directory, entry.name);
	if (make_directories(directory, 0700, err) < 0 ||
	    atomic_write_file(path, public_pem, public_size, 0600, err) < 0)
		goto out;
	snprintf(path, sizeof(path), "%s/index.xml", directory);
	if (write_document(path, index, 0600, err) < 0)
		goto out;
	snprintf(made, KEY_NAME_MAX + 1, "%s", entry.name);
	result = 0;
out:
	xmlFreeDoc(index);
	if (private_pem)
		OPENSSL_cleanse(private_pem, private_size);
	free(private_pem);
	free(public_pem);
	key_list_release(&list);
	return result;
}

int keys_load_signing(const char *state_dir, const struct key_list *list, const char *name,
		      struct signing_key **key, struct error *err)
{
	const struct key_entry *entry;
	char path[PATH_MAX], *pem;
	size_t size = 0;

	*key = NULL;
	if (name[0]) {
		entry = key_list_find(list, name);
		if (!entry)
			return error_set(err, "the policy's <signing name=\"%s\"/> names no key of "
					 "this state (ecap key new makes one)", name);
	} else if (list->count == 0) {
		return 0;
	} else {
		entry = &list->keys[list->count - 1];
	}
	snprintf(path, sizeof(path), "%s/" KEYS_DIRECTORY "/%s.pem", state_dir, entry->name);
	pem = xml_read_file(path, 1 << 16, &size, err);
	if (!pem)
		return -1;
	*key = signing_key_load(pem, size, entry->name, err);
	OPENSSL_cleanse(pem, size);
	free(pem);
	return *key ? 0 : -1;
}
