/* package.c - reading an application package in memory with libarchive; see package.h.
 *
 * One call, one struct archive, read from the caller's buffer and never from
 * disk. Every entry is streamed in 64 KiB chunks into its SHA-256 and a byte
 * count; the limits are checked as the bytes come, so a bomb or a lying size
 * costs at most one chunk over the limit. Every name is checked here, because
 * libarchive hands names back as the archive wrote them.
 *
 * Names are compared for duplicates after case folding with towlower() in
 * the C.UTF-8 locale (which folds ASCII and most other scripts), byte for
 * byte otherwise: Unicode NFC normalization needs ICU, which we do not link,
 * so "é" precomposed and "e" + combining accent count as different names.
 * The process must have called setlocale(LC_CTYPE, "C.UTF-8") first, or
 * every non-ASCII name is refused as invalid UTF-8.
 *
 * libarchive's zip reader turns '\' into '/' before we see a zip name (as
 * Windows tools mean it), so for zips the backslash check below never fires:
 * "a\..\..\x" is refused as escaping, and "a\b" collides with "a/b".
 */
#include "package_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "hash.h"

void package_init(struct package *package)
{
	memset(package, 0, sizeof(*package));
}

void package_release(struct package *package)
{
	size_t i;

	for (i = 0; i < package->entry_count; i++)
		free(package->entries[i].path);
	free(package->entries);
	free(package->application_xml);
	package_init(package);
}

const struct package_entry *package_find(const struct package *package, const char *path)
{
	size_t i;

	for (i = 0; i < package->entry_count; i++)
		if (strcmp(package->entries[i].path, path) == 0)
			return &package->entries[i];
	return NULL;
}

static const char *file_type_name(mode_t type)
{
	switch (type) {
	case AE_IFLNK:
		return "a symbolic link";
	case AE_IFCHR:
		return "a character device";
	case AE_IFBLK:
		return "a block device";
	case AE_IFIFO:
		return "a fifo";
	case AE_IFSOCK:
		return "a socket";
	default:
		return "of an unknown type";
	}
}

/* Registers exactly the formats and filters we accept; every call must be
 * ARCHIVE_OK, since a warning from a filter means it would run an external
 * program. */
static int support_only_what_we_need(struct archive *archive)
{
	return archive_read_support_format_zip(archive) == ARCHIVE_OK &&
	       archive_read_support_format_tar(archive) == ARCHIVE_OK &&
	       archive_read_support_format_7zip(archive) == ARCHIVE_OK &&
	       archive_read_support_filter_gzip(archive) == ARCHIVE_OK &&
	       archive_read_support_filter_bzip2(archive) == ARCHIVE_OK &&
	       archive_read_support_filter_xz(archive) == ARCHIVE_OK &&
	       archive_read_support_filter_zstd(archive) == ARCHIVE_OK ? 0 : -1;
}

static const char *archive_message(struct archive *archive)
{
	const char *message = archive_error_string(archive);

	return message ? message : "damaged or truncated archive";
}

static enum package_result open_archive(struct reader *reader, const void *bytes, size_t size)
{
	reader->archive = archive_read_new();
	if (!reader->archive)
		return out_of_memory(reader);
	if (support_only_what_we_need(reader->archive) < 0) {
		error_set(reader->err, "libarchive lacks built-in support for a format or filter: %s",
			  archive_message(reader->archive));
		return PACKAGE_UNREADABLE;
	}
	if (reader->as_cp936 &&
	    archive_read_set_options(reader->archive, "zip:hdrcharset=CP936") != ARCHIVE_OK) {
		error_set(reader->err, "unable to read zip names as cp936: %s",
			  archive_message(reader->archive));
		return PACKAGE_UNREADABLE;
	}
	/* No archive_read_has_encrypted_entries() here: after a failed open,
	 * libarchive 3.6.2 calls through a format pointer that was never set. */
	if (archive_read_open_memory(reader->archive, bytes, size) != ARCHIVE_OK) {
		error_set(reader->err, "the package is not a readable archive: %s",
			  archive_message(reader->archive));
		return PACKAGE_UNREADABLE;
	}
	return PACKAGE_OK;
}

/* The name of the last entry read, for messages about what came after it. */
static const char *last_name(const struct reader *reader)
{
	if (reader->name_count == 0)
		return NULL;
	return reader->names[reader->name_count - 1].path;
}

/* The entry's name could not be made UTF-8. libarchive may have kept no
 * bytes of it at all, so the message falls back on the entry before. */
static enum package_result invalid_name(struct reader *reader, struct archive_entry *entry)
{
	const char *raw = archive_entry_pathname(entry);
	struct quoted name;

	if (raw)
		error_set(reader->err, "entry '%s' has a name that is not valid utf-8",
			  quote(raw, &name));
	else if (last_name(reader))
		error_set(reader->err, "the entry after '%s' has a name that is not valid utf-8",
			  quote(last_name(reader), &name));
	else
		error_set(reader->err, "the first entry has a name that is not valid utf-8");
	return PACKAGE_UNSAFE;
}

/* archive_read_next_header gave something other than OK or EOF. A warning
 * is a refusal too: the entry is there, but something about it was off. */
static enum package_result header_failure(struct reader *reader, struct archive_entry *entry,
					  int status)
{
	struct quoted name;

	if (archive_read_has_encrypted_entries(reader->archive) > 0) {
		error_set(reader->err, "the package has encrypted entries");
		return PACKAGE_ENCRYPTED;
	}
	if (status == ARCHIVE_WARN && entry && !archive_entry_pathname_utf8(entry))
		return invalid_name(reader, entry);
	if (status == ARCHIVE_WARN && entry) {
		error_set(reader->err, "entry '%s' is damaged: %s",
			  quote(archive_entry_pathname(entry), &name),
			  archive_message(reader->archive));
	} else if (last_name(reader)) {
		error_set(reader->err, "the package is unreadable after entry '%s': %s",
			  quote(last_name(reader), &name), archive_message(reader->archive));
	} else {
		error_set(reader->err, "the package is not a readable archive: %s",
			  archive_message(reader->archive));
	}
	return PACKAGE_UNREADABLE;
}

/* Adds an entry named path (copied) to the package. */
static struct package_entry *add_entry(struct reader *reader, const char *path)
{
	struct package *package = reader->package;
	struct package_entry *entry;

	if (package->entry_count == reader->entry_capacity) {
		size_t capacity = reader->entry_capacity ? 2 * reader->entry_capacity : 16;
		struct package_entry *entries = reallocarray(package->entries, capacity,
							     sizeof(*entries));

		if (!entries)
			return NULL;
		package->entries = entries;
		reader->entry_capacity = capacity;
	}
	entry = &package->entries[package->entry_count];
	memset(entry, 0, sizeof(*entry));
	entry->path = strdup(path);
	if (!entry->path)
		return NULL;
	package->entry_count++;
	return entry;
}

/* Refuses an entry whose declared size alone already breaks a limit. The
 * declared size is never trusted to be small: only to be honest when big. */
static enum package_result check_declared_size(struct reader *reader, struct archive_entry *entry,
					       const char *path, int is_xml)
{
	const struct package_limits *limits = reader->limits;
	size_t room = limits->max_unpacked_bytes - reader->package->unpacked_bytes;
	struct quoted name;
	int64_t declared;

	if (!archive_entry_size_is_set(entry))
		return PACKAGE_OK;
	declared = archive_entry_size(entry);
	if (declared < 0)
		return PACKAGE_OK;
	if ((uint64_t)declared > room) {
		error_set(reader->err, "entry '%s' declares %jd bytes, over the limit of %zu unpacked bytes",
			  quote(path, &name), (intmax_t)declared, limits->max_unpacked_bytes);
		return PACKAGE_TOO_LARGE;
	}
	if (is_xml && (uint64_t)declared > limits->max_xml_bytes) {
		error_set(reader->err, "entry '%s' declares %jd bytes, over the limit of %zu",
			  quote(path, &name), (intmax_t)declared, limits->max_xml_bytes);
		return PACKAGE_TOO_LARGE;
	}
	return PACKAGE_OK;
}

/* Counts count more bytes of entry path (entry_size so far, count included)
 * against the limits. */
static enum package_result count_bytes(struct reader *reader, const char *path, size_t entry_size,
				       size_t count, int is_xml)
{
	const struct package_limits *limits = reader->limits;
	struct package *package = reader->package;
	struct quoted name;

	package->unpacked_bytes += count;
	if (package->unpacked_bytes > limits->max_unpacked_bytes) {
		error_set(reader->err, "entry '%s' brings the package over the limit of %zu unpacked bytes",
			  quote(path, &name), limits->max_unpacked_bytes);
		return PACKAGE_TOO_LARGE;
	}
	if (package->unpacked_bytes > RATIO_FREE_BYTES &&
	    (double)package->unpacked_bytes > limits->max_ratio * (double)reader->archive_size) {
		error_set(reader->err, "entry '%s' brings the package over %g times its archive size",
			  quote(path, &name), limits->max_ratio);
		return PACKAGE_TOO_LARGE;
	}
	if (is_xml && entry_size > limits->max_xml_bytes) {
		error_set(reader->err, "entry '%s' is over the limit of %zu bytes",
			  quote(path, &name), limits->max_xml_bytes);
		return PACKAGE_TOO_LARGE;
	}
	return PACKAGE_OK;
}

/* Appends a chunk to the copy of application.xml, which stays NUL-terminated. */
static int keep_xml(struct reader *reader, const unsigned char *bytes, size_t count)
{
	struct package *package = reader->package;
	size_t needed = package->application_xml_size + count + 1;

	if (needed > reader->xml_capacity) {
		size_t capacity = reader->xml_capacity ? reader->xml_capacity : CHUNK_BYTES;
		char *xml;

		while (capacity < needed)
			capacity *= 2;
		xml = realloc(package->application_xml, capacity);
		if (!xml)
			return -1;
		package->application_xml = xml;
		reader->xml_capacity = capacity;
	}
	if (count > 0)
		memcpy(package->application_xml + package->application_xml_size, bytes, count);
	package->application_xml_size += count;
	package->application_xml[package->application_xml_size] = '\0';
	return 0;
}

/* A negative return from archive_read_data: the archive is discarded. */
static enum package_result data_failure(struct reader *reader, const char *path)
{
	struct quoted name;

	if (archive_read_has_encrypted_entries(reader->archive) > 0) {
		error_set(reader->err, "entry '%s' is encrypted", quote(path, &name));
		return PACKAGE_ENCRYPTED;
	}
	error_set(reader->err, "entry '%s' is unreadable: %s", quote(path, &name),
		  archive_message(reader->archive));
	return PACKAGE_UNREADABLE;
}

/* Streams the current entry's data into its size and SHA-256 (and into the
 * copy of application.xml when it is that), checking the limits per chunk. */
static enum package_result read_file_data(struct reader *reader, struct package_entry *entry,
					  int is_xml)
{
	struct sha256 hash = { NULL };
	enum package_result result = PACKAGE_OK;

	if (sha256_begin(&hash) < 0) {
		result = out_of_memory(reader);
		goto out;
	}
	for (;;) {
		la_ssize_t count = archive_read_data(reader->archive, reader->chunk, CHUNK_BYTES);

		if (count < 0) {
			result = data_failure(reader, entry->path);
			goto out;
		}
		if (count == 0)
			break;
		entry->size += (size_t)count;
		result = count_bytes(reader, entry->path, entry->size, (size_t)count, is_xml);
		if (result != PACKAGE_OK)
			goto out;
		if (sha256_update(&hash, reader->chunk, (size_t)count) < 0 ||
		    (is_xml && keep_xml(reader, reader->chunk, (size_t)count) < 0)) {
			result = out_of_memory(reader);
			goto out;
		}
	}
	if (sha256_finish(&hash, entry->sha256) < 0)
		result = out_of_memory(reader);
out:
	sha256_release(&hash);
	return result;
}

/* A regular file: counted, then read. */
static enum package_result read_file(struct reader *reader, struct archive_entry *archive_entry,
				     const char *path)
{
	struct package *package = reader->package;
	int is_xml = strcmp(path, APPLICATION_XML) == 0;
	struct package_entry *entry;
	enum package_result result;
	struct quoted name;

	if (package->entry_count >= reader->limits->max_entries) {
		error_set(reader->err, "entry '%s' brings the package over the limit of %zu files",
			  quote(path, &name), reader->limits->max_entries);
		return PACKAGE_TOO_LARGE;
	}
	if (is_xml && package->application_xml) {
		error_set(reader->err, "entry '%s' appears twice", APPLICATION_XML);
		return PACKAGE_UNSAFE;
	}
	result = check_declared_size(reader, archive_entry, path, is_xml);
	if (result != PACKAGE_OK)
		return result;
	entry = add_entry(reader, path);
	if (!entry || (is_xml && keep_xml(reader, NULL, 0) < 0))
		return out_of_memory(reader);
	return read_file_data(reader, entry, is_xml);
}

/* A directory is not a file of the package, but is bounded in number too. */
static enum package_result count_directory(struct reader *reader, const char *path)
{
	struct quoted name;

	reader->directory_count++;
	if (reader->directory_count > reader->limits->max_entries) {
		error_set(reader->err, "entry '%s' brings the package over the limit of %zu directories",
			  quote(path, &name), reader->limits->max_entries);
		return PACKAGE_TOO_LARGE;
	}
	return PACKAGE_OK;
}

/* Refuses links and anything that is neither a regular file nor a directory. */
static enum package_result check_type(struct reader *reader, struct archive_entry *entry,
				      const char *path)
{
	mode_t type = archive_entry_filetype(entry);
	struct quoted name;

	if (archive_entry_hardlink(entry)) {
		error_set(reader->err, "entry '%s' is a hard link", quote(path, &name));
		return PACKAGE_UNSAFE;
	}
	if (archive_entry_symlink(entry)) {
		error_set(reader->err, "entry '%s' is a symbolic link", quote(path, &name));
		return PACKAGE_UNSAFE;
	}
	if (type != AE_IFREG && type != AE_IFDIR) {
		error_set(reader->err, "entry '%s' is %s, not a regular file",
			  quote(path, &name), file_type_name(type));
		return PACKAGE_UNSAFE;
	}
	return PACKAGE_OK;
}

/* The entry's UTF-8 name after checking it, or NULL with the result set. */
static const char *checked_name(struct reader *reader, struct archive_entry *entry,
				int *result)
{
	const char *path = archive_entry_pathname_utf8(entry);
	int directory = archive_entry_filetype(entry) == AE_IFDIR;
	const char *problem;
	struct quoted name;

	if (!path) {
		int format = archive_format(reader->archive) & ARCHIVE_FORMAT_BASE_MASK;

		if (!reader->as_cp936 && format == ARCHIVE_FORMAT_ZIP) {
			*result = READ_AGAIN_AS_CP936;
			return NULL;
		}
		*result = invalid_name(reader, entry);
		return NULL;
	}
	/* `tar -C dir .` writes "./application.xml" and a "./" directory: a
	 * leading "./" names the package's root, so it is dropped, never kept. */
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (directory && (path[0] == '\0' || strcmp(path, ".") == 0))
		return "";
	problem = name_problem(path, directory);
	if (problem) {
		error_set(reader->err, "entry '%s' %s", quote(path, &name), problem);
		*result = PACKAGE_UNSAFE;
		return NULL;
	}
	return path;
}

/* One entry, whatever it is. */
static int read_entry(struct reader *reader, struct archive_entry *entry)
{
	int directory = archive_entry_filetype(entry) == AE_IFDIR;
	const char *path;
	struct quoted name;
	int result = PACKAGE_OK;

	if (archive_entry_is_encrypted(entry)) {
		error_set(reader->err, "entry '%s' is encrypted",
			  quote(archive_entry_pathname(entry), &name));
		return PACKAGE_ENCRYPTED;
	}
	if (archive_read_has_encrypted_entries(reader->archive) > 0) {
		error_set(reader->err, "the package has encrypted entries");
		return PACKAGE_ENCRYPTED;
	}
	path = checked_name(reader, entry, &result);
	if (!path)
		return result;
	if (!path[0])
		return PACKAGE_OK;	/* the root directory itself */
	result = check_type(reader, entry, path);
	if (result != PACKAGE_OK)
		return result;
	if (remember_name(reader, path, directory) < 0)
		return out_of_memory(reader);
	if (directory)
		return count_directory(reader, path);
	return read_file(reader, entry, path);
}

static void reader_release(struct reader *reader)
{
	size_t i;

	for (i = 0; i < reader->name_count; i++) {
		free(reader->names[i].folded);
		free(reader->names[i].path);
	}
	free(reader->names);
	free(reader->chunk);
	if (reader->archive)
		archive_read_free(reader->archive);
}

/* One pass over the archive: PACKAGE_OK, another result, or
 * READ_AGAIN_AS_CP936. */
static int read_archive(const void *bytes, size_t size, const struct package_limits *limits,
			int as_cp936, struct package *package, struct error *err)
{
	struct reader reader = {
		.limits = limits, .archive_size = size, .as_cp936 = as_cp936,
		.package = package, .err = err,
	};
	struct archive_entry *entry;
	int result;

	reader.chunk = malloc(CHUNK_BYTES);
	if (!reader.chunk) {
		result = out_of_memory(&reader);
		goto out;
	}
	result = open_archive(&reader, bytes, size);
	if (result != PACKAGE_OK)
		goto out;
	for (;;) {
		int status = archive_read_next_header(reader.archive, &entry);

		if (status == ARCHIVE_EOF)
			break;
		if (status != ARCHIVE_OK) {
			result = header_failure(&reader, status == ARCHIVE_FATAL ? NULL : entry,
						status);
			goto out;
		}
		result = read_entry(&reader, entry);
		if (result != PACKAGE_OK)
			goto out;
	}
	result = check_duplicates(&reader);
	if (result != PACKAGE_OK)
		goto out;
	snprintf(package->format, sizeof(package->format), "%s",
		 archive_format_name(reader.archive) ? archive_format_name(reader.archive) : "");
out:
	reader_release(&reader);
	return result;
}

enum package_result package_read(const void *bytes, size_t size,
				 const struct package_limits *limits,
				 struct package *package, struct error *err)
{
	int result;

	package_release(package);
	error_clear(err);
	if (!bytes || size == 0) {
		error_set(err, "the package is empty");
		return PACKAGE_UNREADABLE;
	}
	if (size > limits->max_archive_bytes) {
		error_set(err, "the package is %zu bytes, over the limit of %zu",
			  size, limits->max_archive_bytes);
		return PACKAGE_TOO_LARGE;
	}
	result = read_archive(bytes, size, limits, 0, package, err);
	if (result == READ_AGAIN_AS_CP936) {
		package_release(package);
		result = read_archive(bytes, size, limits, 1, package, err);
	}
	if (result == PACKAGE_OK && !package->application_xml) {
		error_set(err, "no %s at the root of the package", APPLICATION_XML);
		result = PACKAGE_NO_APPLICATION;
	}
	if (result != PACKAGE_OK)
		package_release(package);
	return (enum package_result)result;
}
