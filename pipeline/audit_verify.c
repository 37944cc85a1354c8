/* audit_verify.c - checks audit archives (doc/audit.md): each as a BagIt bag
 * (RFC 8493) inside a gzip-compressed tar, then all of them as a chain; see
 * audit_verify.h. An archive is read once, as a stream, in memory: the whole
 * file's SHA-256 is taken on the way in (for the chain), every entry's
 * SHA-256 on the way out, and only the tag files are kept whole.
 */
#include "audit_verify.h"

#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>
#include <zlib.h>

#include "audit.h"
#include "calendar.h"
#include "directory.h"
#include "hash.h"

enum {
	MAX_NAME = 4096,		/* the longest entry name accepted */
	TAG_FILE_LIMIT = 64 << 20,	/* the largest tag file kept in memory */
	MAX_PROBLEMS_SHOWN = 50,	/* per archive; the rest are counted */
	BLOCK_SIZE = 65536,
};

/* One file of a bag: a payload file (under data/) or a tag file. */
struct bag_file {
	char *path;			/* relative to the bag directory; owned */
	unsigned long long size;
	char sha256[65];
	char *text;			/* a top-level tag file, NUL-terminated; owned */
	int too_large;			/* a top-level tag file over TAG_FILE_LIMIT */
	int listed;			/* found in a manifest of its kind */
};

struct file_list {
	struct bag_file *files;		/* owned */
	size_t count, capacity;
};

/* What the chain needs to know of one archive. */
struct chain_link {
	const char *file;		/* as given */
	const char *base;		/* its last path component */
	size_t position;		/* among the files given: keeps the sort stable */
	int has_sequence;
	unsigned long sequence;
	char *previous;			/* Ecap-Previous-Archive; owned; NULL if unread */
	char previous_sha256[65];	/* Ecap-Previous-Archive-SHA256, lowercase */
	char sha256[65];		/* of the whole file; "" if it could not be read */
};

/* One archive being checked. */
struct archive_check {
	const char *file;		/* as given, for the report */
	FILE *report;
	size_t problems;
	int damaged;			/* reading stopped: the rest is unknown */
	char *bag_name;			/* the top-level directory; owned */
	int saw_data_directory;
	struct file_list payload, tags;
	struct chain_link *link;
};

/* The file as libarchive reads it, hashed as it goes by, and inflated a
 * second time by zlib, which checks the gzip trailer (the CRC-32 and length
 * of what the stream holds): libarchive stops at the end of the tar and
 * never reads it. */
struct raw_input {
	int fd;
	struct sha256 hash;
	int hash_failed;
	z_stream gzip;
	int gzip_started;
	int gzip_status;		/* Z_OK while it goes, then Z_STREAM_END or an error */
	unsigned long long after_gzip;	/* bytes after the end of the gzip stream */
	char block[BLOCK_SIZE];
	unsigned char inflated[BLOCK_SIZE];	/* thrown away */
};

/* ---- reporting ---- */

static void problem(struct archive_check *check, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct archive_check *check, const char *format, ...)
{
	va_list arguments;

	check->problems++;
	if (check->problems > MAX_PROBLEMS_SHOWN)
		return;
	fprintf(check->report, "%s: ", check->file);
	va_start(arguments, format);
	vfprintf(check->report, format, arguments);
	va_end(arguments);
	fputc('\n', check->report);
}

/* A path written as a manifest writes it (RFC 8493 §2.1.3: '%', CR and LF
 * percent-encoded), the other control characters of a refused name encoded
 * the same way, and cut short if very long: so that it stays on its line and
 * cannot drive the terminal. */
struct printable {
	char text[3 * MAX_NAME + 8];
};

static const char *printable(const char *path, struct printable *out)
{
	size_t used = 0;

	for (; *path && used + 3 < sizeof(out->text) - 4; path++) {
		unsigned char byte = (unsigned char)*path;

		if (byte == '%' || (byte < 0x20 && byte != '\t') || byte == 0x7f)
			used += (size_t)sprintf(out->text + used, "%%%02X", byte);
		else
			out->text[used++] = *path;
	}
	strcpy(out->text + used, *path ? "..." : "");
	return out->text;
}

/* ---- names and text ---- */

static int starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *text, const char *suffix)
{
	size_t length = strlen(text), suffix_length = strlen(suffix);

	return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Valid UTF-8 (in the C.UTF-8 locale main sets) with no control character
 * but tab, CR and LF, and no NUL. */
static int is_utf8_text(const char *text, size_t length)
{
	mbstate_t state;

	memset(&state, 0, sizeof(state));
	for (size_t i = 0; i < length;) {
		wchar_t character;
		size_t used = mbrtowc(&character, text + i, length - i, &state);

		if (used == 0 || used == (size_t)-1 || used == (size_t)-2)
			return 0;
		if (iswcntrl((wint_t)character) && character != L'\t' && character != L'\r' &&
		    character != L'\n')
			return 0;
		i += used;
	}
	return 1;
}

/* Why a path cannot be trusted, or NULL if it can. Names are only compared,
 * never used to write, but one that would escape the bag, is not the one
 * spelling of its path, or would garble the report is refused. */
static const char *unsafe_path_reason(const char *path)
{
	size_t length = strlen(path);

	if (length == 0)
		return "an empty name";
	if (length > MAX_NAME)
		return "a name too long";
	if (path[0] == '/')
		return "an absolute name";
	if (strchr(path, '\\'))
		return "a backslash in the name";
	for (const char *c = path; *c; c++)
		if (((unsigned char)*c < 0x20 && !strchr("\t\r\n", *c)) || *c == 0x7f)
			return "a control character in the name";
	if (!is_utf8_text(path, length))
		return "a name that is not UTF-8 text";
	for (const char *component = path; component; ) {
		const char *slash = strchr(component, '/');
		size_t size = slash ? (size_t)(slash - component) : strlen(component);

		if (size == 0)
			return "an empty path component";
		if ((size == 1 && component[0] == '.') ||
		    (size == 2 && component[0] == '.' && component[1] == '.'))
			return "a '.' or '..' path component";
		component = slash ? slash + 1 : NULL;
	}
	return NULL;
}

/* The sequence number a name like 000007-<run id>.tar.gz starts with. */
static int sequence_from_name(const char *name, unsigned long *sequence)
{
	size_t digits = strspn(name, "0123456789");

	if (digits < 6 || digits > 9 || name[digits] != '-')
		return -1;
	*sequence = strtoul(name, NULL, 10);
	return *sequence > 0 ? 0 : -1;
}

static int is_hex_digest(const char *text, size_t length)
{
	return length == 64 && strspn(text, "0123456789abcdefABCDEF") >= 64;
}

static int is_number(const char *text)
{
	size_t digits = strspn(text, "0123456789");

	return digits > 0 && digits <= 18 && text[digits] == '\0';
}

/* ---- the bag's files ---- */

static struct bag_file *add_file(struct file_list *list, const char *path, struct error *err)
{
	struct bag_file *file;

	if (list->count == list->capacity) {
		size_t capacity = list->capacity * 2 + 64;
		struct bag_file *grown = realloc(list->files, capacity * sizeof(*grown));

		if (!grown) {
			error_set(err, "out of memory");
			return NULL;
		}
		list->files = grown;
		list->capacity = capacity;
	}
	file = &list->files[list->count];
	memset(file, 0, sizeof(*file));
	file->path = strdup(path);
	if (!file->path) {
		error_set(err, "out of memory");
		return NULL;
	}
	list->count++;
	return file;
}

static void release_files(struct file_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->files[i].path);
		free(list->files[i].text);
	}
	free(list->files);
	memset(list, 0, sizeof(*list));
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const struct bag_file *)a)->path, ((const struct bag_file *)b)->path);
}

/* The file at path in a list sorted by compare_files, or NULL. */
static struct bag_file *find_file(struct file_list *list, const char *path)
{
	struct bag_file key = { .path = (char *)path };

	if (list->count == 0)
		return NULL;
	return bsearch(&key, list->files, list->count, sizeof(key), compare_files);
}

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
static void check_gzip_trailer(struct archive_check *check, struct raw_input *input);

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
static int hash_rest(struct archive_check *check, struct raw_input *input)
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

static void check_gzip_trailer(struct archive_check *check, struct raw_input *input)
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
static int read_archive(struct archive_check *check, struct raw_input *input,
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

/* ---- the tag files ---- */

struct line_reader {
	const char *next, *end;
	size_t number;			/* of the line last read, from 1 */
};

/* The next line, ended by LF, CR or CRLF (RFC 8493 §2.1); 0 at the end. */
static int next_line(struct line_reader *reader, const char **line, size_t *length)
{
	const char *cursor = reader->next;

	if (cursor >= reader->end)
		return 0;
	while (cursor < reader->end && *cursor != '\n' && *cursor != '\r')
		cursor++;
	*line = reader->next;
	*length = (size_t)(cursor - reader->next);
	if (cursor < reader->end)
		cursor += (*cursor == '\r' && cursor + 1 < reader->end && cursor[1] == '\n') ? 2 : 1;
	reader->next = cursor;
	reader->number++;
	return 1;
}

/* A top-level tag file fit to be parsed, or NULL (why not is reported). */
static struct bag_file *readable_tag(struct archive_check *check, const char *name)
{
	struct bag_file *file = find_file(&check->tags, name);

	if (!file) {
		problem(check, "%s: missing", name);
		return NULL;
	}
	if (file->too_large) {
		problem(check, "%s: larger than %d MiB, not read", name, TAG_FILE_LIMIT >> 20);
		return NULL;
	}
	if (!is_utf8_text(file->text, file->size)) {
		problem(check, "%s: not UTF-8 text", name);
		return NULL;
	}
	return file;
}

static void check_bagit_txt(struct archive_check *check)
{
	static const char *const expected[] = {
		"BagIt-Version: 1.0", "Tag-File-Character-Encoding: UTF-8",
	};
	struct bag_file *file = readable_tag(check, "bagit.txt");
	struct line_reader lines;
	const char *line;
	size_t length, before = check->problems;

	if (!file ||
	    strcmp(file->text, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n") == 0)
		return;
	if (starts_with(file->text, "\xEF\xBB\xBF"))
		problem(check, "bagit.txt: starts with a byte-order mark");
	if (strchr(file->text, '\r'))
		problem(check, "bagit.txt: its line ends are not LF");
	lines = (struct line_reader){ file->text, file->text + file->size, 0 };
	while (next_line(&lines, &line, &length)) {
		if (lines.number > 2) {
			problem(check, "bagit.txt: more than two lines");
			break;
		}
		if (length != strlen(expected[lines.number - 1]) ||
		    strncmp(line, expected[lines.number - 1], length) != 0)
			problem(check, "bagit.txt: line %zu is not '%s'", lines.number,
				expected[lines.number - 1]);
	}
	if (lines.number < 2)
		problem(check, "bagit.txt: fewer than two lines");
	if (check->problems == before)
		problem(check, "bagit.txt: its last line has no LF");
}

/* ---- bag-info.txt ---- */

struct element {
	char *label;			/* owned */
	char *value;			/* owned */
};

struct bag_info {
	struct element *elements;	/* owned */
	size_t count;
};

static void release_bag_info(struct bag_info *info)
{
	for (size_t i = 0; i < info->count; i++) {
		free(info->elements[i].label);
		free(info->elements[i].value);
	}
	free(info->elements);
}

static int add_element(struct bag_info *info, const char *line, size_t label_length,
		       const char *value, size_t value_length, struct error *err)
{
	struct element *grown = realloc(info->elements, (info->count + 1) * sizeof(*grown));

	if (!grown)
		return error_set(err, "out of memory");
	info->elements = grown;
	grown[info->count].label = strndup(line, label_length);
	grown[info->count].value = strndup(value, value_length);
	info->count++;
	if (!grown[info->count - 1].label || !grown[info->count - 1].value)
		return error_set(err, "out of memory");
	return 0;
}

/* A continuation line (RFC 8493 §2.2.2): the line break stays in the value,
 * the indentation does not. */
static int continue_element(struct element *element, const char *line, size_t length,
			    struct error *err)
{
	size_t padding = 0, old_length = strlen(element->value);
	char *grown;

	while (padding < length && (line[padding] == ' ' || line[padding] == '\t'))
		padding++;
	grown = realloc(element->value, old_length + 1 + (length - padding) + 1);
	if (!grown)
		return error_set(err, "out of memory");
	grown[old_length] = '\n';
	memcpy(grown + old_length + 1, line + padding, length - padding);
	grown[old_length + 1 + length - padding] = '\0';
	element->value = grown;
	return 0;
}

/* One line of bag-info.txt: "Label: value" or a continuation. */
static int parse_bag_info_line(struct archive_check *check, struct bag_info *info,
			       const char *line, size_t length, size_t number, struct error *err)
{
	const char *colon = memchr(line, ':', length);
	size_t label_length = colon ? (size_t)(colon - line) : 0;

	if (length == 0) {
		problem(check, "bag-info.txt: line %zu is empty", number);
		return 0;
	}
	if (line[0] == ' ' || line[0] == '\t') {
		if (info->count == 0) {
			problem(check, "bag-info.txt: line %zu continues nothing", number);
			return 0;
		}
		return continue_element(&info->elements[info->count - 1], line, length, err);
	}
	if (!colon || label_length == 0 || line[label_length - 1] == ' ' ||
	    line[label_length - 1] == '\t' || label_length + 1 == length ||
	    (colon[1] != ' ' && colon[1] != '\t')) {
		problem(check, "bag-info.txt: line %zu is not 'Label: value'", number);
		return 0;
	}
	return add_element(info, line, label_length, colon + 2, length - label_length - 2, err);
}

static int parse_bag_info(struct archive_check *check, const struct bag_file *file,
			  struct bag_info *info, struct error *err)
{
	struct line_reader lines = { file->text, file->text + file->size, 0 };
	const char *line;
	size_t length;

	while (next_line(&lines, &line, &length))
		if (parse_bag_info_line(check, info, line, length, lines.number, err) < 0)
			return -1;
	return 0;
}

enum value_kind {
	VALUE_TEXT,
	VALUE_DATE,
	VALUE_NUMBER,
	VALUE_OXUM,
	VALUE_ARCHIVE_OR_NONE,
	VALUE_SHA256_OR_NONE,
};

enum element_index {
	SOURCE_ORGANIZATION,
	BAGGING_DATE,
	PAYLOAD_OXUM,
	EXTERNAL_IDENTIFIER,
	ARCHIVE_SEQUENCE,
	RUN_DATE,
	INPUTS_TAKEN,
	INPUTS_QUARANTINED,
	DOSSIERS_CHANGED,
	OUTPUTS_WRITTEN,
	PREVIOUS_ARCHIVE,
	PREVIOUS_ARCHIVE_SHA256,
	ELEMENT_COUNT
};

/* What bag-info.txt must hold (doc/audit.md), each element exactly once. */
static const struct {
	const char *label;
	enum value_kind kind;
} required_elements[ELEMENT_COUNT] = {
	[SOURCE_ORGANIZATION] = { "Source-Organization", VALUE_TEXT },
	[BAGGING_DATE] = { "Bagging-Date", VALUE_DATE },
	[PAYLOAD_OXUM] = { "Payload-Oxum", VALUE_OXUM },
	[EXTERNAL_IDENTIFIER] = { "External-Identifier", VALUE_TEXT },
	[ARCHIVE_SEQUENCE] = { "Ecap-Archive-Sequence", VALUE_NUMBER },
	[RUN_DATE] = { "Ecap-Run-Date", VALUE_DATE },
	[INPUTS_TAKEN] = { "Ecap-Inputs-Taken", VALUE_NUMBER },
	[INPUTS_QUARANTINED] = { "Ecap-Inputs-Quarantined", VALUE_NUMBER },
	[DOSSIERS_CHANGED] = { "Ecap-Dossiers-Changed", VALUE_NUMBER },
	[OUTPUTS_WRITTEN] = { "Ecap-Outputs-Written", VALUE_NUMBER },
	[PREVIOUS_ARCHIVE] = { "Ecap-Previous-Archive", VALUE_ARCHIVE_OR_NONE },
	[PREVIOUS_ARCHIVE_SHA256] = { "Ecap-Previous-Archive-SHA256", VALUE_SHA256_OR_NONE },
};

/* Why value is not of kind, or NULL if it is. */
static const char *bad_value_reason(const char *value, enum value_kind kind)
{
	day_t day;
	size_t digits;

	switch (kind) {
	case VALUE_TEXT:
		return value[0] ? NULL : "empty";
	case VALUE_DATE:
		return date_parse(value, &day) == 0 ? NULL : "not a date YYYY-MM-DD";
	case VALUE_NUMBER:
		return is_number(value) ? NULL : "not a number";
	case VALUE_OXUM:
		digits = strspn(value, "0123456789");
		return digits > 0 && digits <= 18 && value[digits] == '.' &&
		       is_number(value + digits + 1) ? NULL : "not BYTES.FILES";
	case VALUE_ARCHIVE_OR_NONE:
		return strcmp(value, "none") == 0 ||
		       (ends_with(value, ".tar.gz") && !unsafe_path_reason(value) &&
			!strchr(value, '/')) ? NULL : "not 'none' or an archive's file name";
	case VALUE_SHA256_OR_NONE:
		return strcmp(value, "none") == 0 || is_hex_digest(value, strlen(value)) ?
		       NULL : "not 'none' or a SHA-256 in hex";
	}
	return "of no known kind";
}

/* The one value of label, or NULL (said in the report) when it is missing,
 * repeated or malformed. Labels are compared ignoring case. */
static const char *element_value(struct archive_check *check, const struct bag_info *info,
				 const char *label, enum value_kind kind)
{
	const char *value = NULL, *reason;
	struct printable shown;
	size_t times = 0;

	for (size_t i = 0; i < info->count; i++)
		if (strcasecmp(info->elements[i].label, label) == 0 && times++ == 0)
			value = info->elements[i].value;
	if (times == 0) {
		problem(check, "bag-info.txt: no %s", label);
		return NULL;
	}
	if (times > 1) {
		problem(check, "bag-info.txt: %s appears %zu times", label, times);
		return NULL;
	}
	reason = bad_value_reason(value, kind);
	if (reason) {
		problem(check, "bag-info.txt: %s '%s' is %s", label, printable(value, &shown),
			reason);
		return NULL;
	}
	return value;
}

static void check_payload_oxum(struct archive_check *check, const char *oxum)
{
	unsigned long long bytes = 0, stated_bytes, stated_files;

	if (sscanf(oxum, "%llu.%llu", &stated_bytes, &stated_files) != 2)
		return;
	for (size_t i = 0; i < check->payload.count; i++)
		bytes += check->payload.files[i].size;
	if (stated_bytes != bytes || stated_files != check->payload.count)
		problem(check, "Payload-Oxum says %s but the payload is %llu.%zu", oxum, bytes,
			check->payload.count);
}

/* The chain's facts, and how they agree with the archive's name. */
static int take_chain_facts(struct archive_check *check, const char *sequence_text,
			    const char *previous, const char *previous_sha256, struct error *err)
{
	struct chain_link *link = check->link;
	unsigned long sequence = sequence_text ? strtoul(sequence_text, NULL, 10) : 0;
	unsigned long named;

	if (sequence_text && sequence_from_name(link->base, &named) == 0 && named != sequence)
		problem(check, "the archive is named for sequence %lu but bag-info.txt says "
			"Ecap-Archive-Sequence: %lu", named, sequence);
	if (sequence_text && sequence > 0) {
		link->sequence = sequence;
		link->has_sequence = 1;
	}
	if (previous && previous_sha256 &&
	    (strcmp(previous, "none") == 0) != (strcmp(previous_sha256, "none") == 0))
		problem(check, "bag-info.txt: Ecap-Previous-Archive and "
			"Ecap-Previous-Archive-SHA256 disagree on 'none'");
	if (previous && sequence_text && (strcmp(previous, "none") == 0) != (sequence == 1))
		problem(check, "bag-info.txt: Ecap-Archive-Sequence is %lu but "
			"Ecap-Previous-Archive is %s", sequence, previous);
	if (!previous || !previous_sha256)
		return 0;
	link->previous = strdup(previous);
	if (!link->previous)
		return error_set(err, "out of memory");
	for (int i = 0; i < 64 && previous_sha256[i]; i++)
		link->previous_sha256[i] = (char)tolower((unsigned char)previous_sha256[i]);
	return 0;
}

static void check_external_identifier(struct archive_check *check, const char *identifier)
{
	const char *dash = strchr(check->bag_name, '-');
	struct printable shown;

	if (identifier && (!dash || strcmp(dash + 1, identifier) != 0))
		problem(check, "bag-info.txt: External-Identifier is '%s' but the bag is %s",
			printable(identifier, &shown), check->bag_name);
}

static int check_bag_info(struct archive_check *check, struct error *err)
{
	const char *values[ELEMENT_COUNT];
	struct bag_file *file = readable_tag(check, "bag-info.txt");
	struct bag_info info = { NULL, 0 };
	int result = -1;

	if (!file)
		return 0;
	if (parse_bag_info(check, file, &info, err) < 0)
		goto out;
	for (size_t i = 0; i < ELEMENT_COUNT; i++)
		values[i] = element_value(check, &info, required_elements[i].label,
					  required_elements[i].kind);
	if (values[PAYLOAD_OXUM])
		check_payload_oxum(check, values[PAYLOAD_OXUM]);
	check_external_identifier(check, values[EXTERNAL_IDENTIFIER]);
	result = take_chain_facts(check, values[ARCHIVE_SEQUENCE], values[PREVIOUS_ARCHIVE],
				  values[PREVIOUS_ARCHIVE_SHA256], err);
out:
	release_bag_info(&info);
	return result;
}

/* ---- the manifests ---- */

/* Decodes a manifest path: %25, %0A and %0D (RFC 8493 §2.1.3), and no other
 * '%'. Returns the path (owned), or NULL with *reason set (or err, when out
 * of memory). */
static char *decode_manifest_path(const char *text, size_t length, const char **reason,
				  struct error *err)
{
	char *path = malloc(length + 1), *out = path;

	if (!path) {
		error_set(err, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < length; i++) {
		if (text[i] != '%') {
			*out++ = text[i];
		} else if (i + 2 < length && strncmp(text + i + 1, "25", 2) == 0) {
			*out++ = '%';
			i += 2;
		} else if (i + 2 < length && strncasecmp(text + i + 1, "0A", 2) == 0) {
			*out++ = '\n';
			i += 2;
		} else if (i + 2 < length && strncasecmp(text + i + 1, "0D", 2) == 0) {
			*out++ = '\r';
			i += 2;
		} else {
			*reason = "a '%' that is not %25, %0A or %0D";
			free(path);
			return NULL;
		}
	}
	*out = '\0';
	return path;
}

/* A manifest line: the checksum, one or more spaces or tabs, the path as
 * written (RFC 8493 §2.1.3). */
struct manifest_line {
	char checksum[65];		/* lowercase */
	const char *written;		/* the path still percent-encoded */
	int written_length;
};

/* Splits a manifest line into its parts. Returns the decoded path (owned),
 * or NULL with *reason set or err filled. */
static char *parse_manifest_line(const char *line, size_t length, struct manifest_line *parts,
				 const char **reason, struct error *err)
{
	size_t digits = 0, start;

	while (digits < length && line[digits] != ' ' && line[digits] != '\t')
		digits++;
	start = digits;
	while (start < length && (line[start] == ' ' || line[start] == '\t'))
		start++;
	if (digits != 64 || strspn(line, "0123456789abcdefABCDEF") < 64) {
		*reason = "no SHA-256 checksum";
		return NULL;
	}
	if (start == length) {
		*reason = "no path";
		return NULL;
	}
	for (int i = 0; i < 64; i++)
		parts->checksum[i] = (char)tolower((unsigned char)line[i]);
	parts->checksum[64] = '\0';
	parts->written = line + start;
	parts->written_length = length - start > MAX_NAME ? MAX_NAME : (int)(length - start);
	return decode_manifest_path(line + start, length - start, reason, err);
}

/* One line of a manifest against the files it covers. */
static void check_manifest_entry(struct archive_check *check, const struct bag_file *manifest,
				 struct file_list *files, int tag_manifest, const char *path,
				 const char *checksum, size_t number)
{
	const char *kind = tag_manifest ? "tag manifest" : "manifest";
	const char *reason = unsafe_path_reason(path);
	struct printable shown;
	struct bag_file *file;

	if (!reason && tag_manifest == starts_with(path, "data/"))
		reason = tag_manifest ? "a payload file in the tag manifest" :
			 "not under data/";
	if (reason) {
		problem(check, "%s: line %zu: %s: %s", manifest->path, number,
			printable(path, &shown), reason);
		return;
	}
	file = find_file(files, path);
	if (!file) {
		problem(check, "%s: listed in the %s but missing", printable(path, &shown), kind);
		return;
	}
	if (file->listed)
		problem(check, "%s: %s: listed twice", manifest->path, printable(path, &shown));
	file->listed = 1;
	if (strcmp(file->sha256, checksum) != 0)
		problem(check, "%s: %s: checksum mismatch", manifest->path,
			printable(path, &shown));
}

static int check_manifest(struct archive_check *check, const struct bag_file *manifest,
			  struct file_list *files, int tag_manifest, struct error *err)
{
	struct line_reader lines = { manifest->text, manifest->text + manifest->size, 0 };
	struct manifest_line parts;
	const char *line, *reason;
	size_t length;
	char *path;

	while (next_line(&lines, &line, &length)) {
		reason = NULL;
		memset(&parts, 0, sizeof(parts));
		path = parse_manifest_line(line, length, &parts, &reason, err);
		if (!path && !reason)
			return -1;
		/* the text is checked UTF-8 without CR, LF or controls: printable as is */
		if (!path && parts.written)
			problem(check, "%s: line %zu: %.*s: %s", manifest->path, lines.number,
				parts.written_length, parts.written, reason);
		else if (!path)
			problem(check, "%s: line %zu: %s", manifest->path, lines.number, reason);
		else
			check_manifest_entry(check, manifest, files, tag_manifest, path,
					     parts.checksum, lines.number);
		free(path);
	}
	return 0;
}

/* The manifests of one kind ("manifest-" or "tagmanifest-"): only SHA-256
 * can be checked, and it must be there. */
static int check_manifests(struct archive_check *check, const char *prefix,
			   struct file_list *files, struct error *err)
{
	char name[64];
	struct bag_file *manifest;
	int tag_manifest = prefix[0] == 't';

	for (size_t i = 0; i < check->tags.count; i++) {
		const char *path = check->tags.files[i].path;

		if (starts_with(path, prefix) && ends_with(path, ".txt") && !strchr(path, '/') &&
		    strcmp(path + strlen(prefix), "sha256.txt") != 0)
			problem(check, "%s: an algorithm ecap does not check", path);
	}
	snprintf(name, sizeof(name), "%ssha256.txt", prefix);
	manifest = readable_tag(check, name);
	if (!manifest)
		return 0;
	if (check_manifest(check, manifest, files, tag_manifest, err) < 0)
		return -1;
	for (size_t i = 0; i < files->count; i++) {
		struct printable shown;
		const char *path = files->files[i].path;

		if (!files->files[i].listed && !(tag_manifest && starts_with(path, "tagmanifest-")))
			problem(check, "%s: present but not in the %s", printable(path, &shown),
				tag_manifest ? "tag manifest" : "manifest");
	}
	return 0;
}

/* ---- one archive ---- */

static void check_duplicates(struct archive_check *check, struct file_list *list)
{
	struct printable shown;

	qsort(list->files, list->count, sizeof(*list->files), compare_files);
	for (size_t i = 1; i < list->count; i++)
		if (strcmp(list->files[i - 1].path, list->files[i].path) == 0 &&
		    (i == 1 || strcmp(list->files[i - 2].path, list->files[i].path) != 0))
			problem(check, "%s: more than once in the archive",
				printable(list->files[i].path, &shown));
}

static int check_bag(struct archive_check *check, struct error *err)
{
	char expected[MAX_NAME + 16];

	if (!check->bag_name) {
		if (check->problems == 0)
			problem(check, "no bag in the archive");
		return 0;
	}
	snprintf(expected, sizeof(expected), "%s.tar.gz", check->bag_name);
	if (strcmp(expected, check->link->base) != 0)
		problem(check, "the bag directory is '%s' but the archive is named '%s'",
			check->bag_name, check->link->base);
	check_duplicates(check, &check->payload);
	check_duplicates(check, &check->tags);
	if (check->payload.count == 0 && !check->saw_data_directory)
		problem(check, "no data/ directory");
	check_bagit_txt(check);
	if (check_bag_info(check, err) < 0 ||
	    check_manifests(check, "manifest-", &check->payload, err) < 0 ||
	    check_manifests(check, "tagmanifest-", &check->tags, err) < 0)
		return -1;
	return 0;
}

/* Checks one archive and says so in the report: 0 intact, 1 not, -1 on an
 * internal error. Fills the archive's chain link. */
static int verify_archive(struct chain_link *link, FILE *report, struct error *err)
{
	struct archive_check check = { .file = link->file, .report = report, .link = link };
	struct raw_input *input = calloc(1, sizeof(*input));
	struct stat info;
	int result = -1;

	if (!input)
		return error_set(err, "out of memory");
	link->has_sequence = sequence_from_name(link->base, &link->sequence) == 0;
	input->fd = open(link->file, O_RDONLY | O_CLOEXEC);
	if (input->fd < 0 || fstat(input->fd, &info) < 0) {
		problem(&check, "unable to read: %s", strerror(errno));
	} else if (!S_ISREG(info.st_mode)) {
		problem(&check, "not a regular file");
	} else {
		if (sha256_begin(&input->hash) < 0) {
			error_set(err, "unable to start a SHA-256");
			goto out;
		}
		if (inflateInit2(&input->gzip, 16 + MAX_WBITS) != Z_OK) {
			error_set(err, "out of memory");
			goto out;
		}
		input->gzip_started = 1;
		if (read_archive(&check, input, err) < 0 ||
		    (!check.damaged && check_bag(&check, err) < 0))
			goto out;
		switch (hash_rest(&check, input)) {
		case -1:
			error_set(err, "unable to compute a SHA-256");
			goto out;
		case 0:
			if (sha256_finish(&input->hash, link->sha256) < 0) {
				error_set(err, "unable to compute a SHA-256");
				goto out;
			}
			if (!check.damaged)
				check_gzip_trailer(&check, input);
		}
	}
	if (check.problems == 0)
		fprintf(report, "%s: intact\n", link->file);
	else if (check.problems > MAX_PROBLEMS_SHOWN)
		fprintf(report, "%s: and %zu more problems\n", link->file,
			check.problems - MAX_PROBLEMS_SHOWN);
	result = check.problems > 0;
out:
	if (input->fd >= 0)
		close(input->fd);
	if (input->gzip_started)
		inflateEnd(&input->gzip);
	sha256_release(&input->hash);
	free(input);
	free(check.bag_name);
	release_files(&check.payload);
	release_files(&check.tags);
	return result;
}

/* ---- the chain ---- */

static int compare_links(const void *a, const void *b)
{
	const struct chain_link *left = *(const struct chain_link *const *)a;
	const struct chain_link *right = *(const struct chain_link *const *)b;

	if (left->sequence != right->sequence)
		return left->sequence < right->sequence ? -1 : 1;
	return left->position < right->position ? -1 : left->position > right->position;
}

static int chain_problem(FILE *report, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Writes one "chain: ..." line; returns 1, one broken link more. */
static int chain_problem(FILE *report, const char *format, ...)
{
	va_list arguments;

	fputs("chain: ", report);
	va_start(arguments, format);
	vfprintf(report, format, arguments);
	va_end(arguments);
	fputc('\n', report);
	return 1;
}

/* The link from previous to next, which comes right after it; returns 1 and
 * says so when it is broken. */
static int check_link(const struct chain_link *previous, const struct chain_link *next,
		      FILE *report)
{
	if (!next->previous)
		return chain_problem(report, "%s follows %s but its link to it cannot be read",
				     next->base, previous->base);
	if (strcmp(next->previous, previous->base) != 0)
		return chain_problem(report, "%s follows %s but its Ecap-Previous-Archive is %s",
				     next->base, previous->base, next->previous);
	if (!previous->sha256[0])
		return chain_problem(report, "%s follows %s, which cannot be read", next->base,
				     previous->base);
	if (strcmp(next->previous_sha256, previous->sha256) != 0)
		return chain_problem(report, "%s follows %s but its Ecap-Previous-Archive-SHA256 "
				     "is not that archive's SHA-256", next->base, previous->base);
	return 0;
}

/* What a state directory says of its chain: the last archive it recorded. */
struct chain_anchor {
	int recorded;			/* 0: the store records none; -1: unreadable */
	char why[256];			/* when -1 */
	char last[128];			/* the recorded archive's file name */
	char last_sha256[65];
};

/* The ends of a state directory's chain, links in order: the first archive
 * must be number 1, chained to none (else the archives before it are gone),
 * and the last the one the store recorded, with the SHA-256 recorded (else
 * it was deleted, replaced or edited), with nothing after it. */
static int check_ends(struct chain_link **order, size_t chained, const struct chain_anchor *anchor,
		      FILE *report)
{
	const struct chain_link *first = chained ? order[0] : NULL, *last = NULL;
	int broken = 0;

	if (first && (first->sequence != 1 || !first->previous ||
		      strcmp(first->previous, "none") != 0))
		broken += chain_problem(report, "%s is the first archive in audit/ but not the "
					"first of the chain: the archive before it, %s, is missing",
					first->base, first->previous ? first->previous : "unknown");
	if (anchor->recorded < 0)
		return broken + chain_problem(report, "%s", anchor->why);
	if (!anchor->recorded)
		return chained == 0 ? broken :
		       broken + chain_problem(report, "the store records no last archive (%s is "
					      "missing): the chain's end cannot be checked",
					      AUDIT_RECORD);
	for (size_t i = 0; i < chained; i++) {
		if (last)
			broken += chain_problem(report, "%s comes after the last archive the store "
						"recorded, %s", order[i]->base, last->base);
		else if (strcmp(order[i]->base, anchor->last) == 0)
			last = order[i];
	}
	if (!last)
		return broken + chain_problem(report, "the last archive the store recorded, %s, is "
					      "missing", anchor->last);
	if (strcmp(last->sha256, anchor->last_sha256) != 0)
		broken += chain_problem(report, "%s is not the archive the store recorded as its "
					"last: its SHA-256 differs (replaced or edited)", last->base);
	return broken;
}

/* Puts the archives in sequence order and checks every link: no number
 * missing, none twice, each one's previous archive and its SHA-256 right;
 * and, for a state directory (anchor not NULL), both ends of the chain.
 * Returns the number of broken links, or -1 on an internal error. */
static int check_chain(struct chain_link *links, size_t count, const struct chain_anchor *anchor,
		       FILE *report, struct error *err)
{
	struct chain_link **order = calloc(count ? count : 1, sizeof(*order));
	size_t chained = 0;
	int broken = 0;

	if (!order)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < count; i++) {
		if (links[i].has_sequence)
			order[chained++] = &links[i];
		else
			broken += chain_problem(report, "%s has no sequence number", links[i].file);
	}
	qsort(order, chained, sizeof(*order), compare_links);
	for (size_t i = 1; i < chained; i++) {
		const struct chain_link *previous = order[i - 1], *next = order[i];
		unsigned long first = previous->sequence, last = next->sequence;

		if (last == first)
			broken += chain_problem(report, "%s and %s both have the sequence number %lu",
						previous->base, next->base, last);
		else if (last == first + 2)
			broken += chain_problem(report, "archive %06lu is missing between %06lu and "
						"%06lu", first + 1, first, last);
		else if (last > first + 2)
			broken += chain_problem(report, "archives %06lu to %06lu are missing between "
						"%06lu and %06lu", first + 1, last - 1, first, last);
		else
			broken += check_link(previous, next, report);
	}
	if (anchor)
		broken += check_ends(order, chained, anchor, report);
	if (broken == 0 && (chained > 0 || anchor))
		fprintf(report, "chain: intact (%zu archive%s)\n", chained, chained == 1 ? "" : "s");
	free(order);
	return broken;
}

static int verify_links(const char *const *files, size_t count, const struct chain_anchor *anchor,
			FILE *report, struct error *err)
{
	struct chain_link *links = calloc(count ? count : 1, sizeof(*links));
	int intact = 1, result = -1, status;

	if (!links)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < count; i++) {
		links[i].file = files[i];
		links[i].base = base_name(files[i]);
		links[i].position = i;
		status = verify_archive(&links[i], report, err);
		if (status < 0)
			goto out;
		intact &= status == 0;
	}
	status = check_chain(links, count, anchor, report, err);
	if (status < 0)
		goto out;
	result = intact && status == 0 ? 0 : 1;
out:
	for (size_t i = 0; i < count; i++)
		free(links[i].previous);
	free(links);
	return result;
}

int audit_verify(const char *const *files, size_t count, FILE *report, struct error *err)
{
	return verify_links(files, count, NULL, report, err);
}

/* The paths of the archives in DIR/audit/ (every name ending in .tar.gz, so
 * that a stray one is checked and named too), sorted. */
static int list_archives(const char *state_dir, char ***paths, size_t *count, struct error *err)
{
	char directory[4096];
	struct name_list names;
	int result = 0;

	snprintf(directory, sizeof(directory), "%s/audit", state_dir);
	if (directory_list(directory, ".tar.gz", &names, err) < 0)
		return -1;
	*paths = names.count ? calloc(names.count, sizeof(**paths)) : NULL;
	if (names.count && !*paths)
		result = error_set(err, "out of memory");
	for (size_t i = 0; i < names.count && result == 0; i++) {
		if (asprintf(&(*paths)[i], "%s/%s", directory, names.names[i]) < 0) {
			(*paths)[i] = NULL;
			result = error_set(err, "out of memory");
			break;
		}
		(*count)++;
	}
	name_list_release(&names);
	return result;
}

int audit_verify_state(const char *state_dir, FILE *report, struct error *err)
{
	struct chain_anchor anchor = { 0, "", "", "" };
	struct error unreadable = { "" };
	char **paths = NULL;
	size_t count = 0;
	int result = -1;

	/* a record that cannot be read is a broken chain, not the verifier's failure */
	anchor.recorded = audit_read_record(state_dir, anchor.last, anchor.last_sha256,
					    &unreadable);
	snprintf(anchor.why, sizeof(anchor.why), "%s", unreadable.message);
	if (list_archives(state_dir, &paths, &count, err) < 0)
		goto out;
	result = verify_links((const char *const *)paths, count, &anchor, report, err);
out:
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
	return result;
}
