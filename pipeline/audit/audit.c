/* audit.c - the audit archive a run ends with: a BagIt bag (RFC 8493) in a
 * tar.gz holding every input the run took, every dossier and register entry
 * it changed, every output it wrote, the policy in force and the run log,
 * chained to the archive before it by that archive's SHA-256. See
 * doc/audit.md for the format and what a crash leaves.
 */
#include "audit_bag.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "directory.h"
#include "hash.h"
#include "xml.h"


static int starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* A file name as it may stand in a bag (security.md's rules for names): a
 * backslash, a control character, a '%' or a byte that is not valid UTF-8
 * is written %XX, so a hostile dropbox name is kept recognizable but safe. */
static void safe_name(const char *name, char *out, size_t size)
{
	mbstate_t state;
	size_t used = 0, length = strlen(name);

	memset(&state, 0, sizeof(state));
	for (size_t i = 0; i < length && used + 4 < size;) {
		unsigned char c = (unsigned char)name[i];
		wchar_t character;
		size_t step = c < 0x80 ? 1 : mbrtowc(&character, name + i, length - i, &state);

		if (step == (size_t)-1 || step == (size_t)-2 || step == 0) {
			memset(&state, 0, sizeof(state));
			step = 1;
			used += (size_t)snprintf(out + used, size - used, "%%%02X", c);
		} else if (c < 0x20 || c == 0x7f || c == '\\' || c == '%') {
			used += (size_t)snprintf(out + used, size - used, "%%%02X", c);
		} else {
			if (used + step >= size)
				break;
			memcpy(out + used, name + i, step);
			used += step;
		}
		i += step;
	}
	out[used] = '\0';
}

/* Where a changed file of the state goes in the bag, if it goes at all:
 * markers and queues (wakeups, pending, seen, expiries, identities) do not. */
static int bag_path_for(const char *destination, const char *source, char *out, size_t size)
{
	static const char *const mapped[][2] = {
		{ "quarantine/", "data/quarantine/" },
		{ "store/records/", "data/records/" },
		{ "store/dossiers/", "data/dossiers/" },
		{ "store/register/", "data/register/" },
		{ "out/", "data/out/" },
	};

	char safe[NAME_MAX * 3 + 1];

	/* the society's private signing keys never leave the state (keys.h) */
	if (starts_with(destination, "store/keys/"))
		return 0;
	if (starts_with(destination, "store/inputs/") && source) {
		safe_name(base_name(source), safe, sizeof(safe));
		snprintf(out, size, "data/inputs/%s/%s", base_name(destination), safe);
		return 1;
	}
	for (size_t i = 0; i < sizeof(mapped) / sizeof(mapped[0]); i++)
		if (starts_with(destination, mapped[i][0])) {
			/* quarantined names carry the dropbox name as it was */
			safe_name(destination + strlen(mapped[i][0]), safe, sizeof(safe));
			snprintf(out, size, "%s%s", mapped[i][1], safe);
			return 1;
		}
	return 0;
}

static void count_kind(struct audit_bag *bag, const char *destination, const char *operation)
{
	if (starts_with(destination, "store/inputs/") && strcmp(operation, "take") == 0)
		bag->inputs++;
	else if (starts_with(destination, "quarantine/") && strcmp(operation, "take") == 0)
		bag->quarantined++;
	else if (starts_with(destination, "store/dossiers/"))
		bag->dossiers++;
	else if (starts_with(destination, "out/"))
		bag->outputs++;
}

/* Only regular files are archived: a link or a pipe someone dropped is
 * kept in quarantine with its reason, never followed or opened. */
static int is_regular_file(const char *path)
{
	struct stat info;

	return lstat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* ---- the journals ---- */

/* The names in store/journal/, in the order the transactions committed. */
static int list_journals(struct audit_bag *bag, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list journals;

	if (directory_list(store_path(bag->store, "store/journal", directory, sizeof(directory)),
			   "", &journals, err) < 0)
		return -1;
	bag->journals = journals.names;		/* the bag owns them now */
	bag->journal_count = journals.count;
	return 0;
}


typedef int (*changed_file_action)(struct audit_bag *bag, const struct changed_file *file,
				   struct error *err);

/* Parses "OPERATION DESTINATION [SOURCE]"; returns 1 and fills *file when
 * the line names a file of the bag, 0 when it does not, -1 on error. */
static int parse_journal_line(char *line, struct changed_file *file, struct error *err)
{
	char *operation = strtok(line, " \n"), *destination_text = strtok(NULL, " \n");
	char *source_text = strtok(NULL, " \n"), *source;
	int found;

	file->destination = NULL;
	if (!operation || !destination_text || strcmp(operation, "remove") == 0)
		return 0;
	file->operation = operation;
	file->destination = store_decode_path(destination_text);
	source = source_text ? store_decode_path(source_text) : NULL;
	if (!file->destination || (source_text && !source)) {
		free(source);
		return error_set(err, "out of memory");
	}
	found = bag_path_for(file->destination, source, file->bag_path, sizeof(file->bag_path));
	free(source);
	return found;
}

static int journal_open(struct audit_bag *bag, const char *name, struct journal_reader *reader,
			struct error *err)
{
	char path[PATH_MAX], relative[PATH_MAX];

	snprintf(relative, sizeof(relative), "store/journal/%s", name);
	reader->in = fopen(store_path(bag->store, relative, path, sizeof(path)), "r");
	if (!reader->in)
		return error_set_errno(err, "unable to read '%s'", path);
	return 0;
}

static void journal_close(struct journal_reader *reader)
{
	if (reader->in)
		fclose(reader->in);
	free(reader->line);
	*reader = (struct journal_reader){ NULL, NULL, 0 };
}

/* The next file of the bag the journal names, at most `lines` lines on
 * (*lines counts them down): 1 and *file (its destination owned), 0 at the
 * journal's end or when the lines are spent, -1 on error. */
static int journal_next(struct journal_reader *reader, size_t *lines, int early,
			struct changed_file *file, struct error *err)
{
	while (*lines > 0 && getline(&reader->line, &reader->line_size, reader->in) > 0) {
		int found = parse_journal_line(reader->line, file, err);

		(*lines)--;
		file->journal_archived_early = early;
		if (found != 0)
			return found;
		free(file->destination);
	}
	return ferror(reader->in) ? error_set(err, "unable to read a journal of the store") : 0;
}

/* Calls action for every file of the bag the journal store/journal/NAME
 * names, in order; early: its outputs went in when it had committed. */
static int for_each_file_of_journal(struct audit_bag *bag, const char *name, int early,
				    changed_file_action action, struct error *err)
{
	struct journal_reader reader = { NULL, NULL, 0 };
	struct changed_file file;
	size_t lines = SIZE_MAX;
	int result = journal_open(bag, name, &reader, err);

	while (result == 0 && (result = journal_next(&reader, &lines, early, &file, err)) > 0) {
		result = action(bag, &file, err);
		free(file.destination);
	}
	journal_close(&reader);
	return result;
}

/* Whether audit_add_committed read the journal: asked once a journal, not
 * once a line (a run of 100,000 has some 400 such journals). */
static int is_early_journal(const struct audit_bag *bag, const char *journal)
{
	for (size_t i = 0; i < bag->early_journal_count; i++)
		if (strcmp(bag->early_journals[i], journal) == 0)
			return 1;
	return 0;
}

/* Calls action for every file of the bag the journals name, in order. */
static int for_each_changed_file(struct audit_bag *bag, changed_file_action action,
				 struct error *err)
{
	for (size_t i = 0; i < bag->journal_count; i++)
		if (for_each_file_of_journal(bag, bag->journals[i],
					     is_early_journal(bag, bag->journals[i]), action,
					     err) < 0)
			return -1;
	return 0;
}

/* ---- writing the tar.gz ---- */

int archive_failed(struct audit_bag *bag, struct error *err)
{
	int number = archive_errno(bag->archive);

	/* the archive's bytes could not be written (or hashed): the writer's
	 * own message, which may come from another thread (audit_writer.h) */
	if (audit_writer_failure(&bag->writer, err))
		return -1;

	/* libarchive's own text is often just "Write error": add the system's reason */
	if (number > 0)
		return error_set(err, "unable to write the audit archive: %s: %s",
				 archive_error_string(bag->archive), strerror(number));
	return error_set(err, "unable to write the audit archive: %s",
			 archive_error_string(bag->archive));
}

int write_header(struct audit_bag *bag, const char *path, size_t size, struct error *err)
{
	struct archive_entry *entry = archive_entry_new();
	char name[PATH_MAX];
	int result;

	if (!entry)
		return error_set(err, "out of memory");
	snprintf(name, sizeof(name), "%s/%s", bag->name, path);
	archive_entry_set_pathname_utf8(entry, name);
	archive_entry_set_filetype(entry, AE_IFREG);
	archive_entry_set_perm(entry, 0600);
	archive_entry_set_size(entry, (la_int64_t)size);
	archive_entry_set_mtime(entry, bag->facts->bagged, 0);
	result = archive_write_header(bag->archive, entry) == ARCHIVE_OK ? 0 :
		 archive_failed(bag, err);
	archive_entry_free(entry);
	return result;
}

int write_bytes(struct audit_bag *bag, const char *path, const char *bytes, size_t size,
		struct error *err)
{
	if (write_header(bag, path, size, err) < 0)
		return -1;
	if (size && archive_write_data(bag->archive, bytes, size) != (la_ssize_t)size)
		return archive_failed(bag, err);
	return 0;
}

/* ---- the payload ---- */

/* An input of the store (store/inputs/ab/abc...) is named by the SHA-256
 * of its bytes, taken when it arrived: that name is its manifest hash (and
 * `ecap audit verify` recomputes it from the archive). NULL for any other. */
static const char *input_digest(const char *source)
{
	static const char prefix[] = "store/inputs/";
	const char *digest;

	if (strncmp(source, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	digest = source + sizeof(prefix) - 1 + 3;
	if (strlen(digest) != 64 || strspn(digest, "0123456789abcdef") != 64 ||
	    strncmp(digest, source + sizeof(prefix) - 1, 2) != 0 || digest[-1] != '/')
		return NULL;
	return digest;
}

/* What goes into the bag at one path: a file of the state, or bytes. */
struct payload {
	const char *file;		/* relative to the state directory, or NULL */
	const void *bytes;		/* when file is NULL */
	size_t size;
	const char *digest;		/* its SHA-256 when known, else NULL */
};

/* Copies the file into the archive; its SHA-256 is computed as it goes,
 * unless it is an input, whose name is its SHA-256. */
static int write_file_payload(struct audit_bag *bag, const char *source, const char *bag_path,
			      char sha256[65], size_t *size, struct error *err)
{
	const char *known = input_digest(source);
	char path[PATH_MAX], buffer[65536];
	struct sha256 hash = { NULL };
	struct stat info;
	int fd, result = -1;
	ssize_t got;
	size_t total = 0;

	fd = open(store_path(bag->store, source, path, sizeof(path)),
		  O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &info) < 0 || !S_ISREG(info.st_mode)) {
		error_set_errno(err, "unable to read '%s' for the audit archive", path);
		goto out;
	}
	*size = (size_t)info.st_size;
	if (write_header(bag, bag_path, *size, err) < 0 || (!known && sha256_begin(&hash) < 0))
		goto out;
	while (total < *size && (got = read(fd, buffer, sizeof(buffer))) > 0) {
		if ((size_t)got > *size - total)
			got = (ssize_t)(*size - total);
		if ((!known && sha256_update(&hash, buffer, (size_t)got) < 0) ||
		    archive_write_data(bag->archive, buffer, (size_t)got) != got) {
			archive_failed(bag, err);
			goto out;
		}
		total += (size_t)got;
	}
	if (total != *size) {
		error_set(err, "'%s' changed while it was being archived", path);
		goto out;
	}
	if (known) {
		memcpy(sha256, known, 65);	/* 64 hex digits and the NUL */
		result = 0;
	} else {
		result = sha256_finish(&hash, sha256);
	}
out:
	sha256_release(&hash);
	if (fd >= 0)
		close(fd);
	return result;
}

static int write_payload(struct audit_bag *bag, const struct payload *payload,
			 const char *bag_path, char sha256[65], size_t *size, struct error *err)
{
	if (payload->file)
		return write_file_payload(bag, payload->file, bag_path, sha256, size, err);
	*size = payload->size;
	if (payload->digest)
		memcpy(sha256, payload->digest, 65);
	else
		sha256_hex(payload->bytes, payload->size, sha256);
	return write_bytes(bag, bag_path, payload->bytes, payload->size, err);
}

/* Puts the payload in the bag unless its path is there already (a dossier
 * changed twice in the run is archived once, as it is now): 1 if it was
 * added, 0 if it was there, -1 on error. */
static int add_payload(struct audit_bag *bag, const struct payload *payload,
		       const char *bag_path, struct error *err)
{
	char encoded[PATH_MAX * 3 + 1], sha256[65];
	uint64_t tag;
	size_t slot;
	off_t offset;
	size_t size = 0;
	int found;

	if (4 * (bag->payload_files + 1) > 3 * bag->seen.capacity &&
	    size_seen_paths(bag, 2 * (bag->payload_files + 1), err) < 0)
		return -1;
	encode_manifest_path(bag_path, encoded, sizeof(encoded));
	found = find_seen_path(bag, encoded, &slot, &tag, err);
	if (found != 0)
		return found < 0 ? -1 : 0;
	offset = ftello(bag->manifest);
	if (offset < 0 || (uint64_t)offset >= SLOT_OFFSET_MASK)
		return error_set(err, "the audit manifest is too large");
	if (write_payload(bag, payload, bag_path, sha256, &size, err) < 0)
		return -1;
	if (fprintf(bag->manifest, "%s  %s\n", sha256, encoded) < 0 ||
	    sha256_update(&bag->manifest_hash, sha256, 64) < 0 ||
	    sha256_update(&bag->manifest_hash, "  ", 2) < 0 ||
	    sha256_update(&bag->manifest_hash, encoded, strlen(encoded)) < 0 ||
	    sha256_update(&bag->manifest_hash, "\n", 1) < 0)
		return error_set_errno(err, "unable to write the audit manifest");
	if (set_seen_slot(&bag->seen, slot, slot_value(tag, (uint64_t)offset), err) < 0)
		return -1;
	bag->payload_bytes += size;
	bag->payload_files++;
	return 1;
}

static int is_take_of_input(const char *destination, const char *operation)
{
	return strcmp(operation, "take") == 0 && (starts_with(destination, "store/inputs/") ||
						  starts_with(destination, "quarantine/"));
}

int audit_input_descriptor(const char *digest, size_t size, char *out, size_t out_size)
{
	int length;

	if (digest[0])
		length = snprintf(out, out_size, "Ecap-Input-Not-Archived: over the intake limits\n"
				  "Ecap-Input-Size: %zu\nEcap-Input-SHA256: %s\n", size, digest);
	else
		length = snprintf(out, out_size, "Ecap-Input-Not-Archived: unreadable\n"
				  "Ecap-Input-Size: %zu\n", size);
	return length < 0 || (size_t)length >= out_size ? 0 : length;
}

/* An input a run that died took, over the limits or unreadable, found in
 * its journal: archived by a descriptor, as the run would have (batch.c). */
static int archive_input_descriptor(struct audit_bag *bag, const struct changed_file *file,
				    const char *path, struct error *err)
{
	struct payload payload = { NULL, NULL, 0, NULL };
	char digest[65] = "", descriptor[256];
	struct stat info;

	if (stat(path, &info) < 0)
		return error_set_errno(err, "unable to read '%s' for the audit archive", path);
	if (access(path, R_OK) == 0 && hash_file(path, digest, err) < 0)
		return -1;
	payload.bytes = descriptor;
	payload.size = (size_t)audit_input_descriptor(digest, (size_t)info.st_size, descriptor,
						      sizeof(descriptor));
	return add_payload(bag, &payload, file->bag_path, err);
}

/* Whether bag_path is in the bag; where its manifest line is in *line_offset. */
static int path_was_added_at(struct audit_bag *bag, const char *bag_path, size_t *line_offset)
{
	char encoded[PATH_MAX * 3 + 1];
	struct error ignored;
	uint64_t tag;

	encode_manifest_path(bag_path, encoded, sizeof(encoded));
	return find_seen_path(bag, encoded, line_offset, &tag, &ignored) == 1;
}

static int path_was_added(struct audit_bag *bag, const char *bag_path)
{
	size_t line_offset;

	return path_was_added_at(bag, bag_path, &line_offset);
}

/* Whether the path went into the bag before the end's walk of the journals
 * began: a written-once output, from a journal audit_add_committed read. */
static int path_was_added_early(struct audit_bag *bag, const char *bag_path)
{
	size_t line_offset;

	return path_was_added_at(bag, bag_path, &line_offset) &&
	       (off_t)line_offset < bag->end_walk_from;
}

static int needs_descriptor(const struct audit_bag *bag, const struct changed_file *file,
			    const char *path)
{
	struct stat info;

	if (!is_take_of_input(file->destination, file->operation) || stat(path, &info) < 0)
		return 0;
	return access(path, R_OK) < 0 ||
	       (bag->facts->max_input_bytes && (size_t)info.st_size > bag->facts->max_input_bytes);
}

/* Outputs no later transaction changes: a letter's renderings and its
 * e-mail are numbered by the dossier's count of notices, a certificate by
 * its registration's count of certificates. They can go into the archive as
 * soon as their transaction has committed (audit_add_committed). */
static int is_written_once(const char *destination)
{
	static const char *const written_once[] = {
		"out/notices/", "out/mail/", "out/certificates/",
	};

	for (size_t i = 0; i < sizeof(written_once) / sizeof(written_once[0]); i++)
		if (starts_with(destination, written_once[i]))
			return 1;
	return 0;
}

/* A written-once output named again after it went into the archive would
 * be there as it was, not as it is: the archive is then not made. */
static int written_again(const struct changed_file *file, struct error *err)
{
	return error_set(err, "'%s' was written again after it went into the audit archive: the "
			 "archive is not made (the next run makes it from the journals)",
			 file->destination);
}

static int archive_written_once(struct audit_bag *bag, const struct changed_file *file,
				struct error *err)
{
	struct payload payload = { file->destination, NULL, 0, NULL };
	char path[PATH_MAX];
	int added;

	if (!is_written_once(file->destination) ||
	    !is_regular_file(store_path(bag->store, file->destination, path, sizeof(path))))
		return 0;
	added = add_payload(bag, &payload, file->bag_path, err);
	if (added == 0)
		return written_again(file, err);
	if (added > 0)
		count_kind(bag, file->destination, file->operation);
	return added < 0 ? -1 : 0;
}

/* Archives the next `lines` lines' worth of the committed journal being
 * read, all of it with SIZE_MAX; the journal is closed at its end. */
static int continue_committed(struct audit_bag *bag, size_t lines, struct error *err)
{
	struct changed_file file;
	int result = 0;

	if (!bag->committed.in)
		return 0;
	while (result == 0 && (result = journal_next(&bag->committed, &lines, 1, &file, err)) > 0) {
		result = archive_written_once(bag, &file, err);
		free(file.destination);
	}
	if (result == 0 && lines > 0)
		journal_close(&bag->committed);	/* read to its end */
	return result;
}

static int count_lines(FILE *in, size_t *lines, struct error *err)
{
	char buffer[1 << 14];
	size_t got;

	*lines = 0;
	while ((got = fread(buffer, 1, sizeof(buffer), in)) > 0)
		for (const char *at = buffer; (at = memchr(at, '\n', (size_t)(buffer + got - at)));
		     at++)
			(*lines)++;
	if (ferror(in) || fseeko(in, 0, SEEK_SET) < 0)
		return error_set_errno(err, "unable to read a journal of the store");
	return 0;
}

int audit_add_committed(struct audit_bag *bag, const char *journal, size_t steps,
			struct error *err)
{
	char **grown;
	size_t lines;

	if (continue_committed(bag, SIZE_MAX, err) < 0)
		return -1;
	grown = realloc(bag->early_journals, (bag->early_journal_count + 1) * sizeof(*grown));
	if (!grown)
		return error_set(err, "out of memory");
	bag->early_journals = grown;
	if (!(grown[bag->early_journal_count] = strdup(journal)))
		return error_set(err, "out of memory");
	bag->early_journal_count++;
	if (journal_open(bag, journal, &bag->committed, err) < 0)
		return -1;
	if (steps == 0)
		return continue_committed(bag, SIZE_MAX, err);
	if (count_lines(bag->committed.in, &lines, err) < 0)
		return -1;
	/* done in half the steps: what is left at the next group's commit is
	 * little, whatever the inputs the group had */
	bag->committed_lines_per_step = 2 * lines / steps + 1;
	return 0;
}

int audit_continue_committed(struct audit_bag *bag, struct error *err)
{
	return continue_committed(bag, bag->committed_lines_per_step, err);
}

static int archive_changed_file(struct audit_bag *bag, const struct changed_file *file,
				struct error *err)
{
	struct payload payload = { file->destination, NULL, 0, NULL };
	char path[PATH_MAX];
	int added;

	if (is_written_once(file->destination) && file->journal_archived_early)
		return 0;	/* in the archive since its transaction committed */
	if (!is_regular_file(store_path(bag->store, file->destination, path, sizeof(path))))
		return 0;
	if (is_written_once(file->destination) && path_was_added_early(bag, file->bag_path))
		return written_again(file, err);
	if (needs_descriptor(bag, file, path) && !path_was_added(bag, file->bag_path))
		added = archive_input_descriptor(bag, file, path, err);
	else
		added = add_payload(bag, &payload, file->bag_path, err);
	if (added > 0)
		count_kind(bag, file->destination, file->operation);
	else if (added == 0 && is_take_of_input(file->destination, file->operation))
		bag->early_inputs_journaled++;	/* its take, committed */
	return added < 0 ? -1 : 0;
}

/* The policy in force, and the member roster it names. */
static int add_policy(struct audit_bag *bag, struct error *err)
{
	struct payload payload = { "policy.xml", NULL, 0, NULL };
	char path[PATH_MAX], roster[PATH_MAX];
	struct error ignored;
	xmlDocPtr policy;
	char *href = NULL;
	int result = add_payload(bag, &payload, "data/policy/policy.xml", err);

	policy = result >= 0 ? xml_parse_file(store_path(bag->store, "policy.xml", path,
							 sizeof(path)), &ignored) : NULL;
	if (policy)
		href = xml_attribute(xml_child(xmlDocGetRootElement(policy), "members"), "href");
	if (href && !strchr(href, '/') && href[0] != '.') {
		snprintf(roster, sizeof(roster), "data/policy/%s", href);
		payload.file = href;
		result = add_payload(bag, &payload, roster, err);
	}
	xmlFree(href);
	xmlFreeDoc(policy);
	return result < 0 ? -1 : 0;
}

/* libarchive's blocks of the tar.gz go to the writer (audit_writer.h): to
 * the file and into the archive's SHA-256, on the writer's thread. */
static la_ssize_t write_archive_block(struct archive *archive, void *data, const void *block,
				      size_t size)
{
	struct audit_bag *bag = data;

	if (audit_writer_put(&bag->writer, block, size) < 0) {
		/* archive_failed gives the writer's message */
		archive_set_error(archive, errno, "Write error");
		return -1;
	}
	return (la_ssize_t)size;
}

#define AUDIT_WRITE_BLOCK (1 << 20)
static int open_archive(struct audit_bag *bag, const char *path, struct error *err)
{
	bag->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (bag->fd < 0)
		return error_set_errno(err, "unable to create the audit archive '%s'", path);
	/* A second thread writes and hashes the archive's bytes while this one
	 * reads, hashes and packs the files: the two halves of the work, so
	 * two threads whatever --jobs is (the audit is the run's last step, the
	 * typesetting threads retired), one where one CPU is all there is. */
	if (audit_writer_start(&bag->writer, bag->fd, audit_writer_cpus() > 1, err) < 0)
		return -1;
	bag->archive = archive_write_new();
	if (!bag->archive)
		return error_set(err, "out of memory");
	/* The payload is mostly the inputs, archives already compressed: gzip at
	 * level 0 keeps the file a tar.gz without spending the run's time
	 * compressing what does not compress (BENCH.md). */
	if (archive_write_add_filter_gzip(bag->archive) != ARCHIVE_OK ||
	    archive_write_set_filter_option(bag->archive, "gzip", "compression-level", "0") !=
	    ARCHIVE_OK ||
	    archive_write_set_format_pax_restricted(bag->archive) != ARCHIVE_OK ||
	    /* written a megabyte at a time, not in tar's 10 KiB records (one
	     * write call each), and not padded at the end */
	    archive_write_set_bytes_per_block(bag->archive, AUDIT_WRITE_BLOCK) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(bag->archive, 1) != ARCHIVE_OK ||
	    archive_write_open2(bag->archive, bag, NULL, write_archive_block, NULL, NULL) !=
	    ARCHIVE_OK)
		return archive_failed(bag, err);
	return 0;
}

static void release_bag(struct audit_bag *bag)
{
	/* the writing thread ended first (a failed run's archive is discarded);
	 * the close below then writes nothing */
	audit_writer_release(&bag->writer);
	if (bag->transaction_open)
		transaction_abort(&bag->transaction);
	/* Closed before it is freed even after a failed write: libarchive
	 * 3.6.2's archive_write_free() skips closing the filters once a write
	 * has failed, and so never frees zlib's state or its own buffers; the
	 * close (which fails again, on a file that is then discarded) does. A
	 * second close after a successful one does nothing. */
	if (bag->archive) {
		archive_write_close(bag->archive);
		archive_write_free(bag->archive);
	}
	if (bag->fd >= 0)
		close(bag->fd);
	if (bag->manifest)
		fclose(bag->manifest);
	sha256_release(&bag->manifest_hash);
	release_seen_paths(&bag->seen);
	for (size_t i = 0; i < bag->journal_count; i++)
		free(bag->journals[i]);
	free(bag->journals);
	for (size_t i = 0; i < bag->early_journal_count; i++)
		free(bag->early_journals[i]);
	free(bag->early_journals);
	journal_close(&bag->committed);
}

void audit_release(struct audit_bag *bag)
{
	if (!bag)
		return;
	release_bag(bag);
	free(bag);
}

int audit_begin(struct store *store, const struct audit_facts *facts, size_t expected_inputs,
		struct audit_bag **out, struct error *err)
{
	struct audit_bag *bag = calloc(1, sizeof(*bag));
	char staged[PATH_MAX];

	*out = NULL;
	if (!bag)
		return error_set(err, "out of memory");
	bag->store = store;
	bag->facts = facts;
	bag->fd = -1;
	if (find_previous(bag, err) < 0 ||
	    transaction_begin(store, &bag->transaction, err) < 0)
		goto failed;
	bag->transaction_open = 1;
	bag->transaction.keep_journal = 0;
	snprintf(bag->destination, sizeof(bag->destination), "audit/%s.tar.gz", bag->name);
	/* the table of paths may go in a file in the transaction's directory */
	if (size_seen_paths(bag, expected_inputs + 2, err) < 0 ||
	    transaction_create(&bag->transaction, bag->destination, staged, sizeof(staged),
			       err) < 0 ||
	    open_archive(bag, staged, err) < 0 || open_manifest(bag, staged, err) < 0 ||
	    add_policy(bag, err) < 0)
		goto failed;
	*out = bag;
	return 0;
failed:
	audit_release(bag);
	return -1;
}

int audit_add_input(struct audit_bag *bag, const char *destination, const char *source_name,
		    const void *bytes, size_t size, const char *digest, struct error *err)
{
	char source[PATH_MAX], bag_path[PATH_MAX];
	struct payload payload = { NULL, bytes, size, digest };
	int added;

	snprintf(source, sizeof(source), "dropbox/%s", source_name);
	if (!bag_path_for(destination, source, bag_path, sizeof(bag_path)))
		return error_set(err, "'%s' is no input of the audit archive", destination);
	added = add_payload(bag, &payload, bag_path, err);
	if (added < 0)
		return -1;
	if (added == 0)
		return error_set(err, "'%s' was put in the audit archive twice", destination);
	count_kind(bag, destination, "take");
	bag->early_inputs++;
	return 0;
}

/* The journals' files not in the bag yet, the tag files, and the end of
 * the tar.gz. */
static int complete_archive(struct audit_bag *bag, struct error *err)
{
	if (for_each_changed_file(bag, count_journal_path, err) < 0 ||
	    size_seen_paths(bag, bag->payload_files + bag->journal_paths, err) < 0)
		return -1;
	bag->end_walk_from = ftello(bag->manifest);
	if (bag->end_walk_from < 0)
		return error_set_errno(err, "unable to write the audit manifest");
	if (for_each_changed_file(bag, archive_changed_file, err) < 0)
		return -1;
	if (bag->early_inputs_journaled != bag->early_inputs)
		return error_set(err, "the audit archive holds %zu inputs this run took, but "
				 "its committed transactions name only %zu of them: the "
				 "archive is not made (the next run makes it from the journals)",
				 bag->early_inputs, bag->early_inputs_journaled);
	if (write_tags(bag, err) < 0)
		return -1;
	if (archive_write_close(bag->archive) != ARCHIVE_OK)
		return archive_failed(bag, err);
	/* every byte in the file, the thread ended, before the archive commits */
	return audit_writer_finish(&bag->writer, bag->archive_sha256, err);
}

int audit_finish(struct audit_bag *bag, char *written, size_t written_size, struct error *err)
{
	char journal[PATH_MAX], record[256];
	struct error ignored = { 0 };
	int record_length;

	written[0] = '\0';
	if (continue_committed(bag, SIZE_MAX, err) < 0 || list_journals(bag, err) < 0)
		return -1;
	if (bag->journal_count == 0 && bag->early_inputs == 0)
		return 0;	/* nothing changed: no archive */
	if (complete_archive(bag, err) < 0)
		return -1;
	/* the archive, the end of the journals it covers and the record of the
	 * chain's last link commit together */
	for (size_t i = 0; i < bag->journal_count; i++) {
		snprintf(journal, sizeof(journal), "store/journal/%s", bag->journals[i]);
		if (transaction_remove(&bag->transaction, journal, err) < 0)
			return -1;
	}
	record_length = audit_format_record(base_name(bag->destination), bag->archive_sha256,
					    record, sizeof(record));
	if (transaction_put(&bag->transaction, AUDIT_RECORD, record, (size_t)record_length,
			    err) < 0)
		return -1;
	bag->transaction_open = 0;
	if (transaction_commit(&bag->transaction, err) < 0)
		return -1;
	/* so that the next run need not read the archive again to trust it; a
	 * note not written only makes that run hash it */
	(void)audit_note_checked(bag->store, base_name(bag->destination), bag->archive_sha256,
				 &ignored);
	snprintf(written, written_size, "%s", bag->destination);
	return 0;
}

int audit_write(struct store *store, const struct audit_facts *facts, char *written,
		size_t written_size, struct error *err)
{
	struct audit_bag listing = { .store = store, .fd = -1 };
	struct audit_bag *bag = NULL;
	int result = -1;

	written[0] = '\0';
	if (list_journals(&listing, err) < 0)
		goto out;
	result = listing.journal_count == 0 ? 0 :
		 audit_begin(store, facts, 0, &bag, err) < 0 ? -1 :
		 audit_finish(bag, written, written_size, err);
out:
	release_bag(&listing);
	audit_release(bag);
	return result;
}
