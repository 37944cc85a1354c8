/* package-fixtures.h - archives built in memory for the package reader's
 * unit tests (test-package.c, test-package-hostile.c): blobs written with
 * libarchive's write API, the limits, and the checks of a result. */
#ifndef ECAP_PACKAGE_FIXTURES_H
#define ECAP_PACKAGE_FIXTURES_H

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "outcomes.h"
#include "package.h"
#include "tap.h"

#define MiB (1024 * 1024)

/* Bytes in memory, grown as libarchive writes them. */
struct blob {
	unsigned char *bytes;
	size_t size;
	size_t capacity;
};

/* One entry to write: a regular file unless type or a link says otherwise. */
struct file_spec {
	const char *path;
	const void *data;
	size_t size;
	mode_t type;			/* 0: AE_IFREG */
	const char *symlink;
	const char *hardlink;
	int size_unknown;		/* do not declare the size */
};

/* How to write an archive. */
struct archive_spec {
	int format;			/* ARCHIVE_FORMAT_* */
	int filter;			/* ARCHIVE_FILTER_* */
	const char *options;		/* archive_write_set_options, or NULL */
	const char *passphrase;		/* or NULL */
};

__attribute__((unused)) static const struct archive_spec ZIP = { ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, NULL, NULL };
__attribute__((unused)) static const struct archive_spec ZIP_STORED = {
	ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:compression=store", NULL
};
__attribute__((unused)) static const struct archive_spec TAR = {
	ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE, NULL, NULL
};
__attribute__((unused)) static const struct archive_spec USTAR = { ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_NONE, NULL, NULL };
__attribute__((unused)) static const struct archive_spec TAR_GZ = {
	ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, NULL, NULL
};

static inline struct package_limits generous_limits(void)
{
	struct package_limits limits = {
		.max_archive_bytes = 100 * MiB,
		.max_entries = 1000,
		.max_unpacked_bytes = 256 * MiB,
		.max_ratio = 200,
		.max_xml_bytes = 4 * MiB,
	};
	return limits;
}

static inline la_ssize_t blob_write(struct archive *archive, void *client, const void *buffer,
			     size_t length)
{
	struct blob *blob = client;

	(void)archive;
	if (blob->size + length > blob->capacity) {
		size_t capacity = blob->capacity ? blob->capacity : 4096;
		unsigned char *bytes;

		while (capacity < blob->size + length)
			capacity *= 2;
		bytes = realloc(blob->bytes, capacity);
		if (!bytes)
			return -1;
		blob->bytes = bytes;
		blob->capacity = capacity;
	}
	memcpy(blob->bytes + blob->size, buffer, length);
	blob->size += length;
	return (la_ssize_t)length;
}

static inline int write_entry(struct archive *archive, const struct file_spec *file)
{
	struct archive_entry *entry = archive_entry_new();
	int status;

	archive_entry_set_pathname(entry, file->path);
	archive_entry_set_mtime(entry, 1700000000, 0);
	archive_entry_set_filetype(entry, file->type ? file->type : AE_IFREG);
	archive_entry_set_perm(entry, file->type == AE_IFDIR ? 0755 : 0644);
	if (file->symlink)
		archive_entry_set_symlink(entry, file->symlink);
	if (file->hardlink)
		archive_entry_set_hardlink(entry, file->hardlink);
	if (file->type == AE_IFCHR)
		archive_entry_set_rdev(entry, 0x0103);
	if ((!file->type || file->type == AE_IFREG) && !file->hardlink && !file->size_unknown)
		archive_entry_set_size(entry, (la_int64_t)file->size);
	status = archive_write_header(archive, entry);
	if (status == ARCHIVE_OK && file->size > 0 &&
	    archive_write_data(archive, file->data, file->size) != (la_ssize_t)file->size)
		status = ARCHIVE_FATAL;
	archive_entry_free(entry);
	return status;
}

/* Writes files into a new blob; on failure the blob is empty and a TAP
 * comment says why. */
static inline struct blob build(const struct archive_spec *spec, const struct file_spec *files,
			 size_t count)
{
	struct archive *archive = archive_write_new();
	struct blob blob = { NULL, 0, 0 };
	size_t i;
	int status = ARCHIVE_OK;

	if (archive_write_set_format(archive, spec->format) != ARCHIVE_OK ||
	    archive_write_add_filter(archive, spec->filter) != ARCHIVE_OK ||
	    (spec->options && archive_write_set_options(archive, spec->options) != ARCHIVE_OK) ||
	    (spec->passphrase && archive_write_set_passphrase(archive, spec->passphrase) != ARCHIVE_OK) ||
	    archive_write_set_bytes_in_last_block(archive, 1) != ARCHIVE_OK ||
	    archive_write_open(archive, &blob, NULL, blob_write, NULL) != ARCHIVE_OK)
		status = ARCHIVE_FATAL;
	for (i = 0; i < count && status == ARCHIVE_OK; i++)
		status = write_entry(archive, &files[i]);
	if (status == ARCHIVE_OK && archive_write_close(archive) != ARCHIVE_OK)
		status = ARCHIVE_FATAL;
	if (status != ARCHIVE_OK) {
		printf("# unable to build the archive: %s\n",
		       archive_error_string(archive) ? archive_error_string(archive) : "?");
		free(blob.bytes);
		blob.bytes = NULL;
		blob.size = 0;
	}
	archive_write_free(archive);
	return blob;
}

static inline void blob_free(struct blob *blob)
{
	free(blob->bytes);
	blob->bytes = NULL;
	blob->size = blob->capacity = 0;
}

__attribute__((unused)) static const char XML[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<application xmlns=\"urn:ecap:1\" kind=\"initial\"/>\n";

/* A package read with the given limits; returns the result, fills package/err. */
static inline enum package_result read_blob(const struct blob *blob, const struct package_limits *limits,
				     struct package *package, struct error *err)
{
	return package_read(blob->bytes, blob->size, limits, package, err);
}

/* Builds files as spec, reads them with limits, checks the result and that
 * the message holds expected_message (when not NULL). */
static inline void expect_result(const char *name, const struct archive_spec *spec,
			  const struct file_spec *files, size_t count,
			  const struct package_limits *limits, enum package_result expected,
			  const char *expected_message)
{
	struct blob blob = build(spec, files, count);
	struct package package;
	struct error err = { "" };
	enum package_result result;
	char title[256];

	package_init(&package);
	result = read_blob(&blob, limits, &package, &err);
	snprintf(title, sizeof(title), "%s: %s", name, package_result_code(expected));
	is_int(result, expected, title);
	if (result != expected)
		printf("#   message: %s\n", err.message);
	if (expected != PACKAGE_OK) {
		ok(package.entry_count == 0 && package.entries == NULL &&
		   package.application_xml == NULL, "  ... and the package is left empty");
	}
	if (expected_message) {
		snprintf(title, sizeof(title), "  ... message names it: %s", expected_message);
		if (!ok(strstr(err.message, expected_message) != NULL, title))
			printf("#   message: %s\n", err.message);
	}
	package_release(&package);
	blob_free(&blob);
}

/* Deterministic bytes that do not compress. */
static inline unsigned char *noise(size_t size, unsigned seed)
{
	unsigned char *bytes = malloc(size ? size : 1);
	uint32_t state = seed * 2654435761u + 1;
	size_t i;

	for (i = 0; i < size; i++) {
		state ^= state << 13;
		state ^= state >> 17;
		state ^= state << 5;
		bytes[i] = (unsigned char)state;
	}
	return bytes;
}

static inline void check_entry(const struct package *package, const char *path, const void *data,
			size_t size, const char *label)
{
	const struct package_entry *entry = package_find(package, path);
	char expected[65], title[256];

	sha256_hex(data, size, expected);
	snprintf(title, sizeof(title), "%s: %s is in the package", label, path);
	if (!ok(entry != NULL, title))
		return;
	snprintf(title, sizeof(title), "%s: %s size", label, path);
	is_int(entry->size, size, title);
	snprintf(title, sizeof(title), "%s: %s sha256", label, path);
	is_string(entry->sha256, expected, title);
}

/* The offset of the zip end of central directory record, or 0. */
static inline size_t find_end_of_directory(const struct blob *blob)
{
	size_t i;

	for (i = blob->size - 22 + 1; i-- > 0;)
		if (memcmp(blob->bytes + i, "PK\005\006", 4) == 0)
			return i;
	return 0;
}

static inline uint32_t read32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t read16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline void write32(unsigned char *p, uint32_t value)
{
	p[0] = (unsigned char)value;
	p[1] = (unsigned char)(value >> 8);
	p[2] = (unsigned char)(value >> 16);
	p[3] = (unsigned char)(value >> 24);
}

/* Makes the zip entries named `name` (all when NULL) declare `declared`
 * uncompressed bytes, in the central directory, the local header and the
 * data descriptor; returns how many entries were patched. */
static inline int lie_about_sizes(struct blob *blob, const char *name, uint32_t declared)
{
	size_t end = find_end_of_directory(blob), position;
	int count = 0;

	if (!end)
		return 0;
	position = read32(blob->bytes + end + 16);
	while (position + 46 <= end && memcmp(blob->bytes + position, "PK\001\002", 4) == 0) {
		unsigned char *central = blob->bytes + position;
		unsigned char *local = blob->bytes + read32(central + 42);
		uint32_t compressed = read32(central + 20);
		size_t data = 30 + read16(local + 26) + read16(local + 28);

		position += 46 + read16(central + 28) + read16(central + 30) + read16(central + 32);
		if (name && (read16(central + 28) != strlen(name) ||
			     memcmp(central + 46, name, strlen(name)) != 0))
			continue;
		write32(central + 24, declared);
		write32(local + 22, declared);
		if (read16(local + 6) & 8) {
			unsigned char *descriptor = local + data + compressed;

			if (memcmp(descriptor, "PK\007\010", 4) == 0)
				descriptor += 4;
			write32(descriptor + 8, declared);
		}
		count++;
	}
	return count;
}

static inline double cpu_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

#endif
