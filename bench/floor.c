/* floor.c - the floor of the packages run (`make bench`): read, hash and
 * parse the same packages and nothing else, in one process on one thread.
 *
 *   floor FILE...
 *
 * Per package: the file read into memory and its SHA-256; every entry of
 * the archive decompressed (libarchive) and its SHA-256; every .xml entry
 * parsed (libxml2). No validation, rules, state, letters or audit archive:
 * what ecap cannot avoid doing, so ecap's packages run divided by this is
 * its overhead. Prints the number of packages, entries and bytes read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <openssl/evp.h>

static int hash(const unsigned char *data, size_t size, unsigned char *digest)
{
	unsigned int length = 0;

	return EVP_Digest(data, size, digest, &length, EVP_sha256(), NULL) ? 0 : -1;
}

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	unsigned char *data = NULL;
	long length;

	if (!file)
		return NULL;
	if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 &&
	    fseek(file, 0, SEEK_SET) == 0 && (data = malloc(length ? length : 1)) &&
	    fread(data, 1, length, file) == (size_t)length)
		*size = length;
	else {
		free(data);
		data = NULL;
	}
	fclose(file);
	return data;
}

/* One package; returns its entries, or -1. */
static long package(const char *path, unsigned long long *bytes)
{
	unsigned char digest[EVP_MAX_MD_SIZE], *data, *entry_data = NULL;
	size_t size = 0, capacity = 0;
	struct archive *archive = NULL;
	struct archive_entry *entry;
	long entries = -1, count = 0;

	data = slurp(path, &size);
	if (!data || hash(data, size, digest) < 0)
		goto out;
	*bytes += size;
	archive = archive_read_new();
	archive_read_support_filter_all(archive);
	archive_read_support_format_all(archive);
	if (archive_read_open_memory(archive, data, size) != ARCHIVE_OK)
		goto out;
	while (archive_read_next_header(archive, &entry) == ARCHIVE_OK) {
		size_t used = 0;
		la_ssize_t got;
		const char *name = archive_entry_pathname(entry);

		if (archive_entry_filetype(entry) != AE_IFREG)
			continue;
		for (;;) {
			if (capacity - used < 65536) {
				capacity = capacity ? capacity * 2 : 1 << 20;
				entry_data = realloc(entry_data, capacity);
				if (!entry_data)
					goto out;
			}
			got = archive_read_data(archive, entry_data + used, capacity - used);
			if (got < 0)
				goto out;
			if (got == 0)
				break;
			used += got;
		}
		if (hash(entry_data, used, digest) < 0)
			goto out;
		if (name && strlen(name) > 4 && strcmp(name + strlen(name) - 4, ".xml") == 0) {
			xmlDocPtr document = xmlReadMemory((const char *)entry_data, used, name, NULL,
							   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
			xmlFreeDoc(document);
		}
		count++;
	}
	entries = count;
out:
	if (archive)
		archive_read_free(archive);
	free(entry_data);
	free(data);
	return entries;
}

int main(int argc, char **argv)
{
	unsigned long long bytes = 0;
	long entries = 0;

	for (int i = 1; i < argc; i++) {
		long got = package(argv[i], &bytes);

		if (got < 0) {
			fprintf(stderr, "floor: unable to read %s\n", argv[i]);
			return 1;
		}
		entries += got;
	}
	printf("%d packages, %ld entries, %llu bytes\n", argc - 1, entries, bytes);
	xmlCleanupParser();
	return 0;
}
