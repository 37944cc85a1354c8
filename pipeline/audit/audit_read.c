/* audit_read.c - an audit archive read once, as a stream: the gzip and
 * tar layers checked, every entry hashed on the way out, the tag files kept;
 * see audit_check.h. */
#include "audit_check.h"

#include <archive_entry.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "calendar.h"

/* ---- reading the archive ---- */

static void inflate_raw(struct raw_input *input, const char *bytes, size_t size)
{
	if (input->gzip_status != Z_OK) {
		if (input->gzip_status == Z_STREAM_END)
			input->after_gzip += size;
		return;
	}
	input->gzip.next_in = (Bytef *)bytes;
	input->gzip.avail_in = (uInt)size;
	while (input->gzip.avail_in > 0 && input->gzip_status == Z_OK) {
		input->gzip.next_out = input->inflated;
		input->gzip.avail_out = sizeof(input->inflated);
		input->gzip_status = inflate(&input->gzip, Z_NO_FLUSH);
	}
	if (input->gzip_status == Z_STREAM_END)
		input->after_gzip += input->gzip.avail_in;
}

/* What zlib found at the end of the stream, as a problem of the archive. */
void check_gzip_trailer(struct archive_check *check, struct raw_input *input);
 
 static la_ssize_t read_raw(struct archive *archive, void *data, const void **block)
{
	struct raw_input *input = data;
	ssize_t got;

	do
		got = read(input->fd, input->block, sizeof(input->block));
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		archive_set_error(archive, errno, "%s", strerror(errno));
		return -1;
	}
	if (sha256_update(&input->hash, input->block, (size_t)got) < 0) {
		input->hash_failed = 1;
		archive_set_error(archive, ENOMEM, "hashing failed");
		return -1;
	}
	inflate_raw(input, input->block, (size_t)got);
	*block = input->block;
	return got;
}

/* Hashes what libarchive left unread (the end of the gzip stream). */
int hash_rest(struct archive_check *check, struct raw_input *input)
{
	ssize_t got;

	while ((got = read(input->fd, input->block, sizeof(input->block))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			problem(check, "unable to read: %s", strerror(errno));
			return 1;
		}
		if (sha256_update(&input->hash, input->block, (size_t)got) < 0)
			return -1;
		inflate_raw(input, input->block, (size_t)got);
	}
	return 0;
}

void check_gzip_trailer(struct archive_check *check, struct raw_input *input)
{
	const char *why = input->gzip.msg ? input->gzip.msg : "damaged";

	if (input->gzip_status == Z_STREAM_END && input->after_gzip == 0)
		return;
	if (input->gzip_status == Z_STREAM_END)
		problem(check, "%llu bytes after the end of the gzip stream", input->after_gzip);
	else if (input->gzip_status == Z_OK)
		problem(check, "the gzip stream is cut short (no trailer)");
	else if (strcmp(why, "incorrect data check") == 0)
		problem(check, "the gzip trailer's CRC-32 is not that of the data");
	else if (strcmp(why, "incorrect length check") == 0)
		problem(check, "the gzip trailer's length is not that of the data");
	else
		problem(check, "damaged gzip stream: %s", why);
}

/* Appends to a tag file's text, or gives the text up past TAG_FILE_LIMIT. */
static int keep_text(struct bag_file *file, size_t *capacity, const void *data, size_t size,
		     struct error *err)
{
	if (file->too_large)
		return 0;
	if (file->size + size > TAG_FILE_LIMIT) {
		free(file->text);
		file->text = NULL;
		file->too_large = 1;
		return 0;
	}
	if (file->size + size + 1 > *capacity) {
		size_t wanted = (file->size + size + 1) * 2;
		char *grown = realloc(file->text, wanted);

		if (!grown)
			return error_set(err, "out of memory");
		file->text = grown;
		*capacity = wanted;
	}
	memcpy(file->text + file->size, data, size);
	file->text[file->size + size] = '\0';
	return 0;
}

/* Reads the current entry's data into file: its size, its SHA-256 and, with
 * keep, its text. Returns 0, 1 when the archive turned out damaged (said in
 * the report), -1 on an internal error. */
static int read_entry_data(struct archive_check *check, struct archive *archive,
			   struct bag_file *file, int keep, struct error *err)
{
	struct sha256 hash = { NULL };
	const void *data;
	size_t size, capacity = 0;
	la_int64_t offset;
	int status, result = -1;

	if (sha256_begin(&hash) < 0) {
		error_set(err, "unable to start a SHA-256");
		goto out;
	}
	if (keep && keep_text(file, &capacity, "", 0, err) < 0)
		goto out;
	while ((status = archive_read_data_block(archive, &data, &size, &offset)) == ARCHIVE_OK) {
		if ((unsigned long long)offset != file->size) {
			problem(check, "damaged archive: the data of an entry is not contiguous");
			result = 1;
			goto out;
		}
		if (sha256_update(&hash, data, size) < 0) {
			error_set(err, "unable to compute a SHA-256");
			goto out;
		}
		if (keep && keep_text(file, &capacity, data, size, err) < 0)
			goto out;
		file->size += size;
	}
	if (status != ARCHIVE_EOF) {
		problem(check, "damaged archive: %s", archive_error_string(archive));
		result = 1;
		goto out;
	}
	if (sha256_finish(&hash, file->sha256) < 0) {
		error_set(err, "unable to compute a SHA-256");
		goto out;
	}
	result = 0;
out:
	sha256_release(&hash);
	return result;
}

/* Sets *inside to where path is in the bag directory ("" for the directory
 * itself), or to NULL, said in the report, when it is not in the bag. The
 * first entry names the bag directory. Returns 0, or -1 out of memory. */
static int inside_bag(struct archive_check *check, const char *path, int directory,
		      const char **inside, struct error *err)
{
	const char *slash = strchr(path, '/');
	size_t length = slash ? (size_t)(slash - path) : strlen(path);
	struct printable shown;

	*inside = NULL;
	if (!slash && !directory) {
		problem(check, "%s: outside the bag directory", printable(path, &shown));
		return 0;
	}
	if (!check->bag_name) {
		check->bag_name = strndup(path, length);
		if (!check->bag_name)
			return error_set(err, "out of memory");
	}
	if (strlen(check->bag_name) != length || strncmp(path, check->bag_name, length) != 0) {
		problem(check, "%s: outside the bag directory", printable(path, &shown));
		return 0;
	}
	*inside = slash ? slash + 1 : "";
	return 0;
}

/* Why an entry is refused whatever its name, or NULL. */
static const char *unsafe_entry_reason(struct archive_entry *entry)
{
	mode_t type = archive_entry_filetype(entry);

	/* a tar hardlink has the file type 0, or AE_IFREG with a link name */
	if (archive_entry_hardlink(entry) || archive_entry_symlink(entry) ||
	    (type != AE_IFREG && type != AE_IFDIR))
		return "not a regular file or a directory";
	if (archive_entry_sparse_count(entry) > 0)
		return "a sparse file";
	return NULL;
}

/* Sets *path to the entry's name (owned; a directory's without its trailing
 * slash) if the entry is safe, or to NULL, said in the report. Returns 0, or
 * -1 out of memory. */
static int entry_path(struct archive_check *check, struct archive_entry *entry, char **path,
		      struct error *err)
{
	const char *name = archive_entry_pathname_utf8(entry), *reason;
	struct printable shown;
	size_t length;

	*path = NULL;
	if (!name) {
		problem(check, "an entry whose name is not UTF-8: refused");
		return 0;
	}
	*path = strdup(name);
	if (!*path)
		return error_set(err, "out of memory");
	length = strlen(*path);
	while (archive_entry_filetype(entry) == AE_IFDIR && length > 1 &&
	       (*path)[length - 1] == '/')
		(*path)[--length] = '\0';
	reason = unsafe_path_reason(*path);
	if (!reason)
		reason = unsafe_entry_reason(entry);
	if (reason) {
		problem(check, "%s: refused: %s", printable(*path, &shown), reason);
		free(*path);
		*path = NULL;
	}
	return 0;
}

/* Takes one entry in: returns 0, 1 when the archive is damaged, -1 on an
 * internal error. Refused entries are said in the report and skipped. */
static int read_entry(struct archive_check *check, struct archive *archive,
		      struct archive_entry *entry, struct error *err)
{
	int directory = archive_entry_filetype(entry) == AE_IFDIR, result = -1;
	const char *inside = NULL;
	char *path = NULL;
	struct bag_file *file;
	int payload;

	if (entry_path(check, entry, &path, err) < 0 ||
	    (path && inside_bag(check, path, directory, &inside, err) < 0))
		goto out;
	result = 0;
	if (!inside)
		goto out;
	if (directory) {
		check->saw_data_directory |= strcmp(inside, "data") == 0;
		goto out;
	}
	payload = starts_with(inside, "data/");
	file = add_file(payload ? &check->payload : &check->tags, inside, err);
	/* only the top-level tag files are kept whole */
	result = file ? read_entry_data(check, archive, file, !payload && !strchr(inside, '/'),
					err) : -1;
out:
	free(path);
	return result;
}

/* Says why the archive cannot be read at all: libarchive reports a format it
 * does not know with EILSEQ (its ARCHIVE_ERRNO_FILE_FORMAT on Linux), a
 * gzip stream cut short or corrupt with another code. */
static void report_unreadable(struct archive_check *check, struct archive *archive)
{
	if (archive_errno(archive) == EILSEQ)
		problem(check, "not a gzip-compressed tar (%s)", archive_error_string(archive));
	else
		problem(check, "damaged archive: %s", archive_error_string(archive));
}

static int open_archive(struct archive_check *check, struct archive *archive,
			struct raw_input *input, struct error *err)
{
	if (archive_read_support_filter_gzip(archive) != ARCHIVE_OK ||
	    archive_read_support_format_tar(archive) != ARCHIVE_OK)
		return error_set(err, "libarchive cannot read tar.gz: %s",
				 archive_error_string(archive));
	if (archive_read_open(archive, input, NULL, read_raw, NULL) != ARCHIVE_OK) {
		if (input->hash_failed)
			return error_set(err, "unable to compute a SHA-256");
		report_unreadable(check, archive);	/* the format is chosen here */
		return 1;
	}
	/* gzip and nothing else: no plain tar, no gzip in a gzip */
	if (archive_filter_count(archive) != 2 ||
	    archive_filter_code(archive, 0) != ARCHIVE_FILTER_GZIP) {
		problem(check, "not a gzip-compressed tar");
		return 1;
	}
	return 0;
}

/* Reads every entry of the archive; the problems go to the report, and
 * check->damaged says whether all of it could be read. */
int read_archive(struct archive_check *check, struct raw_input *input,
		 struct error *err)
{
	struct archive *archive = archive_read_new();
	struct archive_entry *entry;
	int status, result = -1;

	if (!archive)
		return error_set(err, "out of memory");
	status = open_archive(check, archive, input, err);
	for (int first = 1; status == 0; first = 0) {
		status = archive_read_next_header(archive, &entry);
		if (status == ARCHIVE_EOF) {
			status = 0;
			break;
		}
		if (status != ARCHIVE_OK && input->hash_failed) {
			status = error_set(err, "unable to compute a SHA-256");
		} else if (status != ARCHIVE_OK) {	/* ARCHIVE_WARN too: refused */
			if (first)
				report_unreadable(check, archive);
			else
				problem(check, "damaged archive: %s", archive_error_string(archive));
			status = 1;
		} else {
			status = read_entry(check, archive, entry, err);
		}
	}
	if (status >= 0) {
		check->damaged = status;
		result = 0;
	}
	archive_read_free(archive);
	return result;
}
