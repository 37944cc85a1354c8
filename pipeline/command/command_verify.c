/* command_verify.c - `ecap verify FILE... [--key PEM]... [--register FILE]`:
 * checks signed certificates, public registers and reports of register
 * changes offline (signature.h), one line per file.
 *
 * The keys: each --key PEM, named by its file name without .pem (the
 * KeyName a document names must be one of them); without --key, the keys
 * published next to the document: the first of DIR/keys/index.xml and
 * DIR/public/keys/index.xml for the document's directory and each of its
 * parents, so that a state's out/ directory, or a copy of it, verifies
 * itself. A published key whose file does not have the fingerprint its
 * index gives is not used.
 *
 * Exit status: 0 if every file is valid; otherwise the worst of 1 (refused:
 * changed, reformatted, wrapped, malformed), 3 (an unknown key), 66 (a file
 * unreadable), 2 (unsigned).
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "exits.h"
#include "keys.h"
#include "signature.h"
#include "xml.h"

static const char usage[] =
	"usage: ecap verify FILE... [--key PEM]... [--register FILE]\n";

#define MAX_SIGNED_BYTES (256u << 20)

/* Adds the key in the PEM file at path, named name. */
static int add_key_file(struct keyring *keyring, const char *name, const char *path,
			char fingerprint[65], struct error *err)
{
	size_t size = 0;
	char *pem = xml_read_file(path, 1 << 16, &size, err);
	int result;

	if (!pem)
		return -1;
	result = keyring_add(keyring, name, pem, size, fingerprint, err);
	free(pem);
	return result;
}

static int key_file_fingerprint(const char *path, char fingerprint[65], struct error *err)
{
	size_t size = 0;
	char *pem = xml_read_file(path, 1 << 16, &size, err);
	int result;

	if (!pem)
		return -1;
	result = key_fingerprint(pem, size, fingerprint, err);
	free(pem);
	return result;
}

/* The keys of an index.xml (keys.h) in directory; a key whose fingerprint
 * is not the index's is left out, with a warning. */
static int add_published(struct keyring *keyring, const char *directory, struct error *err)
{
	char path[PATH_MAX], name[KEY_NAME_MAX + 1], expected[65], fingerprint[65];
	xmlDocPtr index;

	snprintf(path, sizeof(path), "%s/index.xml", directory);
	index = xml_parse_file(path, err);
	if (!index)
		return -1;
	for (xmlNodePtr key = xml_child(xmlDocGetRootElement(index), "key"); key;
	     key = xml_next(key, "key")) {
		struct error key_error = { "" };

		xml_attribute_copy(key, "name", name, sizeof(name));
		xml_attribute_copy(key, "fingerprint", expected, sizeof(expected));
		if (!key_name_is_safe(name))
			continue;
		snprintf(path, sizeof(path), "%s/%s.pem", directory, name);
		if (key_file_fingerprint(path, fingerprint, &key_error) < 0 ||
		    (strcmp(fingerprint, expected) != 0 &&
		     error_set(&key_error, "%s does not have the fingerprint %s/index.xml gives "
			       "it", path, directory) < 0) ||
		    add_key_file(keyring, name, path, NULL, &key_error) < 0)
			fprintf(stderr, "ecap: warning: published key %s not used: %s\n", name,
				key_error.message);
	}
	xmlFreeDoc(index);
	return 0;
}

/* The published keys nearest to the file, or none. */
static struct keyring *keys_near(const char *file, char *found, size_t found_size,
				 struct error *err)
{
	char directory[PATH_MAX], candidate[PATH_MAX + 32], copy[PATH_MAX];
	static const char *const places[] = { "keys", "public/keys" };
	struct keyring *keyring = keyring_new(err);

	found[0] = '\0';
	if (!keyring || !realpath(file, copy))
		return keyring;
	snprintf(directory, sizeof(directory), "%s", dirname(copy));
	for (int depth = 0; depth < 16; depth++) {
		for (size_t i = 0; i < 2; i++) {
			snprintf(candidate, sizeof(candidate), "%s/%s/index.xml", directory,
				 places[i]);
			if (access(candidate, R_OK) == 0) {
				snprintf(candidate, sizeof(candidate), "%s/%s", directory, places[i]);
				snprintf(found, found_size, "%s", candidate);
				if (add_published(keyring, candidate, err) < 0) {
					keyring_free(keyring);
					return NULL;
				}
				return keyring;
			}
		}
		if (strcmp(directory, "/") == 0)
			break;
		snprintf(copy, sizeof(copy), "%s", directory);
		snprintf(directory, sizeof(directory), "%s", dirname(copy));
	}
	return keyring;
}

static struct keyring *keys_given(char **paths, size_t count, struct error *err)
{
	struct keyring *keyring = keyring_new(err);

	for (size_t i = 0; keyring && i < count; i++) {
		char name[PATH_MAX], *dot;

		snprintf(name, sizeof(name), "%s", strrchr(paths[i], '/') ? strrchr(paths[i], '/') + 1
									 : paths[i]);
		dot = strrchr(name, '.');
		if (dot && strcmp(dot, ".pem") == 0)
			*dot = '\0';
		if (add_key_file(keyring, name, paths[i], NULL, err) < 0) {
			keyring_free(keyring);
			return NULL;
		}
	}
	return keyring;
}

static int severity(int code)
{
	switch (code) {
	case EXIT_OK: return 0;
	case EXIT_UNSIGNED: return 1;
	case EXIT_NO_INPUT: return 2;
	case EXIT_UNKNOWN_KEY: return 3;
	default: return 4;
	}
}

static int worse(int a, int b)
{
	return severity(b) > severity(a) ? b : a;
}

/* Verifies one file; result->document is the parsed document when valid. */
static int verify_file(const char *file, char **key_paths, size_t key_count,
		       struct verify_result *result)
{
	struct error err = { "" };
	struct keyring *keyring;
	char where[PATH_MAX] = "";
	size_t size = 0;
	char *bytes = xml_read_file(file, MAX_SIGNED_BYTES, &size, &err);
	int code;

	memset(result, 0, sizeof(*result));
	if (!bytes) {
		fprintf(stderr, "ecap: %s: %s\n", file, err.message);
		return EXIT_NO_INPUT;
	}
	keyring = key_count ? keys_given(key_paths, key_count, &err)
			    : keys_near(file, where, sizeof(where), &err);
	if (!keyring || signature_verify(bytes, size, file, keyring, result, &err) < 0) {
		free(bytes);
		keyring_free(keyring);
		fprintf(stderr, "ecap: %s: %s\n", file, err.message);
		return key_count ? EXIT_USAGE : EXIT_SOFTWARE;
	}
	free(bytes);
	switch (result->outcome) {
	case VERIFY_VALID:
		printf("%s: valid: %s\n", file, result->message);
		code = EXIT_OK;
		break;
	case VERIFY_UNSIGNED:
		printf("%s: %s\n", file, result->message);
		code = EXIT_UNSIGNED;
		break;
	case VERIFY_UNKNOWN_KEY:
		printf("%s: REFUSED: %s%s%s\n", file, result->message,
		       key_count ? " (--key)" : where[0] ? " in " : " (no published keys found "
		       "beside the file: give --key)", key_count ? "" : where);
		code = EXIT_UNKNOWN_KEY;
		break;
	default:
		printf("%s: REFUSED: %s\n", file, result->message);
		code = EXIT_SIGNATURE_REFUSED;
		break;
	}
	keyring_free(keyring);
	return code;
}

/* 1 if the attribute is the same on both elements. */
static int same_attribute(xmlNodePtr a, xmlNodePtr b, const char *name)
{
	char first[512], second[512];

	return strcmp(xml_attribute_copy(a, name, first, sizeof(first)),
		      xml_attribute_copy(b, name, second, sizeof(second))) == 0;
}

/* What the register document says of the certificate in document. An
 * unsigned certificate (issued before signing) proves nothing by itself:
 * its particulars are compared with the signed register's. */
static void print_status(const char *file, xmlDocPtr document, xmlDocPtr register_document,
			 int is_signed)
{
	static const char *const particulars[] = {
		"registration", "name", "level", "field", "issued", "expires"
	};
	xmlNodePtr root = xmlDocGetRootElement(document);
	xmlNodePtr registry = xmlDocGetRootElement(register_document);
	char serial[96], other[96], status[32], as_of[16];

	if (!xml_is_ecap_element(root, "certificate"))
		return;
	xml_attribute_copy(root, "serial", serial, sizeof(serial));
	xml_attribute_copy(registry, "asOf", as_of, sizeof(as_of));
	for (xmlNodePtr entry = xml_child(registry, "certificate"); entry;
	     entry = xml_next(entry, "certificate")) {
		const char *differs = NULL;

		if (strcmp(xml_attribute_copy(entry, "serial", other, sizeof(other)), serial) != 0)
			continue;
		for (size_t i = 0; i < sizeof(particulars) / sizeof(particulars[0]); i++)
			if (!differs && !same_attribute(root, entry, particulars[i]))
				differs = particulars[i];
		printf("%s: certificate %s is %s in the register as of %s", file, serial,
		       xml_attribute_copy(entry, "status", status, sizeof(status)), as_of);
		if (!is_signed && differs)
			printf("; but its %s is not the register's: not the certificate issued",
			       differs);
		else if (!is_signed)
			printf("; the certificate is unsigned: its particulars are the register's");
		printf("\n");
		return;
	}
	printf("%s: certificate %s is not in the register as of %s\n", file, serial, as_of);
}

int command_verify(int argc, char **argv)
{
	char **files = calloc((size_t)argc, sizeof(char *));
	char **keys = calloc((size_t)argc, sizeof(char *));
	size_t file_count = 0, key_count = 0;
	const char *register_file = NULL;
	struct error err = { "" };
	struct verify_result register_result = { 0 };
	int code = EXIT_OK;

	if (!files || !keys) {
		free(files);
		free(keys);
		return report_failure(EXIT_SOFTWARE, "out of memory");
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			keys[key_count++] = argv[++i];
		else if (strcmp(argv[i], "--register") == 0 && i + 1 < argc)
			register_file = argv[++i];
		else if (strcmp(argv[i], "--help") == 0)
			code = -1;
		else if (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)
			files[file_count++] = argv[i];
		else
			code = EXIT_USAGE;
	}
	if (code == -1 || code == EXIT_USAGE || file_count == 0) {
		fputs(usage, code == -1 ? stdout : stderr);
		code = code == -1 ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	if (signature_setup(&err) < 0) {
		code = report_failure(EXIT_SOFTWARE, err.message);
		goto out;
	}
	if (register_file) {
		code = verify_file(register_file, keys, key_count, &register_result);
		if (code != EXIT_OK) {
			fprintf(stderr, "ecap: %s: the register is not verified, so it cannot tell "
				"a certificate's status\n", register_file);
			goto out;
		}
	}
	for (size_t i = 0; i < file_count; i++) {
		struct verify_result result;
		int one = verify_file(files[i], keys, key_count, &result);

		if ((one == EXIT_OK || one == EXIT_UNSIGNED) && register_result.document)
			print_status(files[i], result.document, register_result.document,
				     one == EXIT_OK);
		xmlFreeDoc(result.document);
		code = worse(code, one);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		code = report_failure(EXIT_IO, "cannot write the results");
out:
	xmlFreeDoc(register_result.document);
	free(files);
	free(keys);
	return code;
}
