/* audit_verify.c - checks audit archives (doc/audit.md): each as a BagIt bag
 * (RFC 8493) inside a gzip-compressed tar, then all of them as a chain; see
 * audit_verify.h. An archive is read once, as a stream, in memory: the whole
 * file's SHA-256 is taken on the way in (for the chain), every entry's
 * SHA-256 on the way out, and only the tag files are kept whole.
 */
#include "audit_check.h"

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

/* ---- reporting ---- */

void problem(struct archive_check *check, const char *format, ...)
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

const char *printable(const char *path, struct printable *out)
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

int starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

int ends_with(const char *text, const char *suffix)
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
int is_utf8_text(const char *text, size_t length)
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
const char *unsafe_path_reason(const char *path)
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
int sequence_from_name(const char *name, unsigned long *sequence)
{
	size_t digits = strspn(name, "0123456789");

	if (digits < 6 || digits > 9 || name[digits] != '-')
		return -1;
	*sequence = strtoul(name, NULL, 10);
	return *sequence > 0 ? 0 : -1;
}

int is_hex_digest(const char *text, size_t length)
{
	return length == 64 && strspn(text, "0123456789abcdefABCDEF") >= 64;
}

int is_number(const char *text)
{
	size_t digits = strspn(text, "0123456789");

	return digits > 0 && digits <= 18 && text[digits] == '\0';
}

/* ---- the bag's files ---- */

struct bag_file *add_file(struct file_list *list, const char *path, struct error *err)
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
struct bag_file *find_file(struct file_list *list, const char *path)
{
	struct bag_file key = { .path = (char *)path };

	if (list->count == 0)
		return NULL;
	return bsearch(&key, list->files, list->count, sizeof(key), compare_files);
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
