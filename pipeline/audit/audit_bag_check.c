/* audit_bag_check.c - an audit archive's tag files (bagit.txt,
 * bag-info.txt) and manifests checked against its payload; see
 * audit_check.h. */
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

void check_bagit_txt(struct archive_check *check)
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

int check_bag_info(struct archive_check *check, struct error *err)
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
int check_manifests(struct archive_check *check, const char *prefix,
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
