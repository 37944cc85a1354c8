/* audit.c - the audit archive a run ends with: a BagIt bag (RFC 8493) in a
 * tar.gz holding every input the run took, every dossier and register entry
 * it changed, every output it wrote, the policy in force and the run log,
 * chained to the archive before it by that archive's SHA-256. See
 * doc/audit.md for the format and what a crash leaves.
 */
#include "audit.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "hash.h"
#include "xml.h"

/* One file of the payload: where it is in the state, where in the bag. */
struct payload_file {
	char *source;			/* relative to the state directory */
	char *path;			/* relative to the bag: data/... */
	char sha256[65];
	size_t size;
};

struct bag {
	struct store *store;
	const struct audit_facts *facts;
	struct payload_file *files;
	size_t count, capacity;
	char **journals;		/* store/journal/ entries covered */
	size_t journal_count;
	size_t inputs, quarantined, dossiers, outputs;
	char name[128];			/* NNNNNN-<run id> */
	unsigned long sequence;
	char previous[128];		/* the previous archive's file name, or "none" */
	char previous_sha256[65];
	struct archive *archive;
};

/* ---- what goes in ---- */

/* Duplicates (a dossier changed twice in the run) are dropped once all are
 * in: sorting then is O(n log n) where a search at each add was O(n^2). */
static int add_payload(struct bag *bag, const char *source, const char *path,
		       struct error *err)
{
	if (bag->count == bag->capacity) {
		size_t capacity = bag->capacity * 2 + 64;
		struct payload_file *grown = realloc(bag->files, capacity * sizeof(*grown));

		if (!grown)
			return error_set(err, "out of memory");
		bag->files = grown;
		bag->capacity = capacity;
	}
	memset(&bag->files[bag->count], 0, sizeof(bag->files[0]));
	bag->files[bag->count].source = strdup(source);
	bag->files[bag->count].path = strdup(path);
	if (!bag->files[bag->count].source || !bag->files[bag->count].path)
		return error_set(err, "out of memory");
	bag->count++;
	return 0;
}

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

static void count_kind(struct bag *bag, const char *destination, const char *operation)
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

static int add_journal_line(struct bag *bag, char *line, struct error *err)
{
	char *operation = strtok(line, " \n"), *destination_text = strtok(NULL, " \n");
	char *source_text = strtok(NULL, " \n");
	char *destination = NULL, *source = NULL, bag_path[PATH_MAX], path[PATH_MAX];
	int result = 0;

	if (!operation || !destination_text || strcmp(operation, "remove") == 0)
		return 0;
	destination = store_decode_path(destination_text);
	source = source_text ? store_decode_path(source_text) : NULL;
	if (!destination)
		result = error_set(err, "out of memory");
	else if (bag_path_for(destination, source, bag_path, sizeof(bag_path)) &&
		 is_regular_file(store_path(bag->store, destination, path, sizeof(path)))) {
		count_kind(bag, destination, operation);
		result = add_payload(bag, destination, bag_path, err);
	}
	free(destination);
	free(source);
	return result;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_journals(struct bag *bag, struct error *err)
{
	char directory[PATH_MAX], path[PATH_MAX], *line = NULL;
	size_t line_size = 0;
	DIR *listing = opendir(store_path(bag->store, "store/journal", directory,
					  sizeof(directory)));
	struct dirent *entry;
	int result = 0;

	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while ((entry = readdir(listing))) {
		char **grown;

		if (entry->d_name[0] == '.')
			continue;
		grown = realloc(bag->journals, (bag->journal_count + 1) * sizeof(*grown));
		if (!grown || !(grown[bag->journal_count] = strdup(entry->d_name))) {
			bag->journals = grown ? grown : bag->journals;
			closedir(listing);
			return error_set(err, "out of memory");
		}
		bag->journals = grown;
		bag->journal_count++;
	}
	closedir(listing);
	if (bag->journal_count)
		qsort(bag->journals, bag->journal_count, sizeof(char *), compare_strings);
	for (size_t i = 0; i < bag->journal_count && result == 0; i++) {
		FILE *in;

		snprintf(path, sizeof(path), "%s/%s", directory, bag->journals[i]);
		in = fopen(path, "r");
		if (!in) {
			result = error_set_errno(err, "unable to read '%s'", path);
			break;
		}
		while (result == 0 && getline(&line, &line_size, in) > 0)
			result = add_journal_line(bag, line, err);
		fclose(in);
	}
	free(line);
	return result;
}

/* The policy in force, and the member roster it names. */
static int add_policy(struct bag *bag, struct error *err)
{
	char path[PATH_MAX], roster[PATH_MAX];
	struct error ignored;
	xmlDocPtr policy;
	char *href = NULL;
	int result = add_payload(bag, "policy.xml", "data/policy/policy.xml", err);

	policy = result == 0 ? xml_parse_file(store_path(bag->store, "policy.xml", path,
							 sizeof(path)), &ignored) : NULL;
	if (policy)
		href = xml_attribute(xml_child(xmlDocGetRootElement(policy), "members"), "href");
	if (href && !strchr(href, '/') && href[0] != '.') {
		snprintf(roster, sizeof(roster), "data/policy/%s", href);
		result = add_payload(bag, href, roster, err);
	}
	xmlFree(href);
	xmlFreeDoc(policy);
	return result;
}

/* ---- the chain ---- */

static int hash_file(const char *path, char out[65], struct error *err)
{
	struct sha256 hash = { NULL };
	char buffer[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC), result = -1;
	ssize_t got;

	if (fd < 0)
		return error_set_errno(err, "unable to read '%s'", path);
	if (sha256_begin(&hash) < 0)
		goto out;
	while ((got = read(fd, buffer, sizeof(buffer))) > 0)
		if (sha256_update(&hash, buffer, (size_t)got) < 0)
			goto out;
	if (got == 0 && sha256_finish(&hash, out) == 0)
		result = 0;
out:
	if (result < 0)
		error_set_errno(err, "unable to hash '%s'", path);
	sha256_release(&hash);
	close(fd);
	return result;
}

/* The last archive in audit/ (by sequence number) and what comes next. */
static int find_previous(struct bag *bag, struct error *err)
{
	char directory[PATH_MAX], path[PATH_MAX];
	DIR *listing = opendir(store_path(bag->store, "audit", directory, sizeof(directory)));
	struct dirent *entry;
	unsigned long highest = 0, sequence;

	snprintf(bag->previous, sizeof(bag->previous), "none");
	snprintf(bag->previous_sha256, sizeof(bag->previous_sha256), "none");
	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while ((entry = readdir(listing))) {
		size_t length = strlen(entry->d_name);

		if (length < 15 || strcmp(entry->d_name + length - 7, ".tar.gz") != 0 ||
		    sscanf(entry->d_name, "%6lu-", &sequence) != 1 || sequence <= highest)
			continue;
		highest = sequence;
		snprintf(bag->previous, sizeof(bag->previous), "%s", entry->d_name);
	}
	closedir(listing);
	bag->sequence = highest + 1;
	snprintf(bag->name, sizeof(bag->name), "%06lu-%s", bag->sequence, bag->facts->run_id);
	if (highest == 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", directory, bag->previous);
	return hash_file(path, bag->previous_sha256, err);
}

/* ---- writing the tar.gz ---- */

static int archive_failed(struct bag *bag, struct error *err)
{
	int number = archive_errno(bag->archive);

	/* libarchive's own text is often just "Write error": add the system's reason */
	if (number > 0)
		return error_set(err, "unable to write the audit archive: %s: %s",
				 archive_error_string(bag->archive), strerror(number));
	return error_set(err, "unable to write the audit archive: %s",
			 archive_error_string(bag->archive));
}

static int write_header(struct bag *bag, const char *path, size_t size, struct error *err)
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

static int write_bytes(struct bag *bag, const char *path, const char *bytes, size_t size,
		       struct error *err)
{
	if (write_header(bag, path, size, err) < 0)
		return -1;
	if (size && archive_write_data(bag->archive, bytes, size) != (la_ssize_t)size)
		return archive_failed(bag, err);
	return 0;
}

/* Streams one payload file into the archive, hashing it on the way. */
static int write_payload(struct bag *bag, struct payload_file *file, struct error *err)
{
	char path[PATH_MAX], buffer[65536];
	struct sha256 hash = { NULL };
	struct stat info;
	int fd, result = -1;
	ssize_t got;
	size_t total = 0;

	fd = open(store_path(bag->store, file->source, path, sizeof(path)),
		  O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &info) < 0 || !S_ISREG(info.st_mode)) {
		error_set_errno(err, "unable to read '%s' for the audit archive", path);
		goto out;
	}
	file->size = (size_t)info.st_size;
	if (write_header(bag, file->path, file->size, err) < 0 || sha256_begin(&hash) < 0)
		goto out;
	while (total < file->size && (got = read(fd, buffer, sizeof(buffer))) > 0) {
		if ((size_t)got > file->size - total)
			got = (ssize_t)(file->size - total);
		if (sha256_update(&hash, buffer, (size_t)got) < 0 ||
		    archive_write_data(bag->archive, buffer, (size_t)got) != got) {
			archive_failed(bag, err);
			goto out;
		}
		total += (size_t)got;
	}
	if (total != file->size) {
		error_set(err, "'%s' changed while it was being archived", path);
		goto out;
	}
	result = sha256_finish(&hash, file->sha256);
out:
	sha256_release(&hash);
	if (fd >= 0)
		close(fd);
	return result;
}

static int compare_payload(const void *a, const void *b)
{
	return strcmp(((const struct payload_file *)a)->path,
		      ((const struct payload_file *)b)->path);
}

/* RFC 8493 §2.1.3: %, CR and LF in a manifest path are percent-encoded. */
static void write_manifest_path(FILE *out, const char *path)
{
	for (const char *c = path; *c; c++) {
		if (*c == '%')
			fputs("%25", out);
		else if (*c == '\r')
			fputs("%0D", out);
		else if (*c == '\n')
			fputs("%0A", out);
		else
			fputc(*c, out);
	}
}

struct tag_file {
	const char *name;
	char *text;
	size_t size;
	char sha256[65];
};

static int finish_tag(struct tag_file *tag, FILE *out, struct error *err)
{
	if (fclose(out) != 0 || !tag->text)
		return error_set(err, "out of memory");
	sha256_hex(tag->text, tag->size, tag->sha256);
	return 0;
}

static int make_manifest(struct bag *bag, struct tag_file *tag, struct error *err)
{
	FILE *out = open_memstream(&tag->text, &tag->size);

	if (!out)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < bag->count; i++) {
		fprintf(out, "%s  ", bag->files[i].sha256);
		write_manifest_path(out, bag->files[i].path);
		fputc('\n', out);
	}
	return finish_tag(tag, out, err);
}

static int make_bag_info(struct bag *bag, struct tag_file *tag, struct error *err)
{
	FILE *out = open_memstream(&tag->text, &tag->size);
	unsigned long long bytes = 0;
	char bagging_date[11], run_date[11];

	if (!out)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < bag->count; i++)
		bytes += bag->files[i].size;
	date_format(bag->facts->bagged / 86400, bagging_date);
	date_format(bag->facts->run_date, run_date);
	fprintf(out, "Source-Organization: %s\n", bag->facts->society_name);
	fprintf(out, "Bagging-Date: %s\n", bagging_date);
	fprintf(out, "Payload-Oxum: %llu.%zu\n", bytes, bag->count);
	fprintf(out, "External-Identifier: %s\n", bag->facts->run_id);
	fprintf(out, "Ecap-Archive-Sequence: %lu\n", bag->sequence);
	fprintf(out, "Ecap-Run-Date: %s\n", run_date);
	fprintf(out, "Ecap-Inputs-Taken: %zu\n", bag->inputs);
	fprintf(out, "Ecap-Inputs-Quarantined: %zu\n", bag->quarantined);
	fprintf(out, "Ecap-Dossiers-Changed: %zu\n", bag->dossiers);
	fprintf(out, "Ecap-Outputs-Written: %zu\n", bag->outputs);
	fprintf(out, "Ecap-Previous-Archive: %s\n", bag->previous);
	fprintf(out, "Ecap-Previous-Archive-SHA256: %s\n", bag->previous_sha256);
	return finish_tag(tag, out, err);
}

static int make_text(struct tag_file *tag, const char *text, struct error *err)
{
	tag->text = strdup(text);
	if (!tag->text)
		return error_set(err, "out of memory");
	tag->size = strlen(text);
	sha256_hex(tag->text, tag->size, tag->sha256);
	return 0;
}

static int write_tags(struct bag *bag, struct error *err)
{
	struct tag_file tags[4] = {
		{ "bagit.txt", NULL, 0, "" }, { "bag-info.txt", NULL, 0, "" },
		{ "manifest-sha256.txt", NULL, 0, "" }, { "tagmanifest-sha256.txt", NULL, 0, "" },
	};
	FILE *out;
	int result = -1;

	if (make_text(&tags[0], "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
		      err) < 0 ||
	    make_bag_info(bag, &tags[1], err) < 0 || make_manifest(bag, &tags[2], err) < 0)
		goto out;
	out = open_memstream(&tags[3].text, &tags[3].size);
	if (!out) {
		error_set(err, "out of memory");
		goto out;
	}
	for (int i = 0; i < 3; i++)
		fprintf(out, "%s  %s\n", tags[i].sha256, tags[i].name);
	if (finish_tag(&tags[3], out, err) < 0)
		goto out;
	for (int i = 0; i < 4; i++)
		if (write_bytes(bag, tags[i].name, tags[i].text, tags[i].size, err) < 0)
			goto out;
	result = 0;
out:
	for (int i = 0; i < 4; i++)
		free(tags[i].text);
	return result;
}

/* Sorts the payload by its path in the bag and keeps each path once. */
static void sort_unique_payload(struct bag *bag)
{
	size_t kept = 0;

	if (bag->count == 0)
		return;
	qsort(bag->files, bag->count, sizeof(*bag->files), compare_payload);
	for (size_t i = 1; i < bag->count; i++) {
		if (strcmp(bag->files[i].path, bag->files[kept].path) == 0) {
			free(bag->files[i].source);
			free(bag->files[i].path);
			continue;
		}
		bag->files[++kept] = bag->files[i];
	}
	bag->count = kept + 1;
}

static int write_archive(struct bag *bag, const char *path, struct error *err)
{
	int result = -1;

	sort_unique_payload(bag);

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
	    archive_write_open_filename(bag->archive, path) != ARCHIVE_OK) {
		archive_failed(bag, err);
		goto out;
	}
	for (size_t i = 0; i < bag->count; i++)
		if (write_payload(bag, &bag->files[i], err) < 0)
			goto out;
	if (write_tags(bag, err) < 0)
		goto out;
	if (archive_write_close(bag->archive) != ARCHIVE_OK) {
		archive_failed(bag, err);
		goto out;
	}
	result = 0;
out:
	archive_write_free(bag->archive);
	bag->archive = NULL;
	return result;
}

static void release_bag(struct bag *bag)
{
	for (size_t i = 0; i < bag->count; i++) {
		free(bag->files[i].source);
		free(bag->files[i].path);
	}
	free(bag->files);
	for (size_t i = 0; i < bag->journal_count; i++)
		free(bag->journals[i]);
	free(bag->journals);
}

int audit_write(struct store *store, const struct audit_facts *facts, char *written,
		size_t written_size, struct error *err)
{
	struct bag bag = { .store = store, .facts = facts };
	struct transaction transaction;
	char destination[PATH_MAX], staged[PATH_MAX], journal[PATH_MAX];
	int open = 0, result = -1;

	written[0] = '\0';
	if (read_journals(&bag, err) < 0)
		goto out;
	if (bag.journal_count == 0) {
		result = 0;	/* nothing changed: no archive */
		goto out;
	}
	if (add_policy(&bag, err) < 0 || find_previous(&bag, err) < 0 ||
	    transaction_begin(store, &transaction, err) < 0)
		goto out;
	open = 1;
	transaction.keep_journal = 0;
	snprintf(destination, sizeof(destination), "audit/%s.tar.gz", bag.name);
	if (transaction_create(&transaction, destination, staged, sizeof(staged), err) < 0 ||
	    write_archive(&bag, staged, err) < 0)
		goto out;
	/* the archive and the end of the journals it covers commit together */
	for (size_t i = 0; i < bag.journal_count; i++) {
		snprintf(journal, sizeof(journal), "store/journal/%s", bag.journals[i]);
		if (transaction_remove(&transaction, journal, err) < 0)
			goto out;
	}
	open = 0;
	if (transaction_commit(&transaction, err) < 0)
		goto out;
	snprintf(written, written_size, "%s", destination);
	result = 0;
out:
	if (open)
		transaction_abort(&transaction);
	release_bag(&bag);
	return result;
}
