/* upgrade.c - the table of layout upgrades of the state store (upgrade.h).
 * To change the layout: write a function that converts version N-1 to N
 * inside the transaction it is given (reads through store_locate, writes
 * with transaction_put/remove), add it as the table's last row, and add a
 * test that starts from a state written by the previous version.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "atomic.h"
#include "audit.h"
#include "directory.h"
#include "name.h"
#include "register.h"
#include "run_date.h"
#include "upgrade.h"
#include "xml.h"

#define VERSION_FILE "store/version"

struct upgrade_step {
	int version;		/* the version this step produces */
	const char *what;	/* for the log and error messages */
	int (*apply)(struct store *store, struct transaction *transaction, struct error *err);
};

/* ---- version 2: names escaped ---- */

/* The state files an input's name went into (formats.md §5). */
static const char *const named_files[][2] = {
	{ "store/dossiers", ".xml" }, { "quarantine", ".reason.xml" }, { "store/records", ".xml" },
};

/* Bigger than any state file ecap writes; one larger is left as it is. */
#define NAMED_FILE_MAX (64 * 1024 * 1024)

static int escape_names_in(struct store *store, struct transaction *transaction,
			   const char *relative, struct error *err)
{
	char path[PATH_MAX], *text, *escaped = NULL;
	size_t size = 0, escaped_size = 0;
	struct stat info;
	int result = 0;

	if (stat(store_path(store, relative, path, sizeof(path)), &info) < 0)
		return error_set_errno(err, "unable to read '%s'", path);
	if (!S_ISREG(info.st_mode) || info.st_size > NAMED_FILE_MAX)
		return 0;
	text = xml_read_file(path, NAMED_FILE_MAX, &size, err);
	if (!text)
		return -1;
	escaped = name_escape_invalid(text, size, &escaped_size);
	if (!escaped)
		result = error_set(err, "out of memory");
	else if (escaped_size != size)	/* it held bytes that are not UTF-8 */
		result = transaction_put(transaction, relative, escaped, escaped_size, err);
	free(escaped);
	free(text);
	return result;
}

/* Before version 2 a dropbox name that was not UTF-8 (a GBK name from
 * Chinese Windows) went raw into the dossier, the reason file and the
 * record index, which were then not XML: status dropped them and every run
 * from the application's deadline on failed. Their invalid bytes are
 * escaped now as they would be today ("\xC9"); the quarantined files keep
 * their names. */
static int escape_names(struct store *store, struct transaction *transaction,
			struct error *err)
{
	char directory[PATH_MAX], relative[PATH_MAX];
	struct name_list files;

	for (size_t d = 0; d < sizeof(named_files) / sizeof(named_files[0]); d++) {
		int result = 0;

		if (directory_list(store_path(store, named_files[d][0], directory,
					      sizeof(directory)), named_files[d][1], &files,
				   err) < 0)
			return errno == ENOENT ? 0 : -1;
		for (size_t i = 0; i < files.count && result == 0; i++) {
			snprintf(relative, sizeof(relative), "%s/%s", named_files[d][0],
				 files.names[i]);
			result = escape_names_in(store, transaction, relative, err);
		}
		name_list_release(&files);
		if (result < 0)
			return -1;
	}
	return 0;
}

/* The root element's attribute `name` of the XML file at path, read
 * without parsing the rest; "" when the file has no such root attribute. */
static int root_attribute(const char *path, const char *name, char *out, size_t size,
			  struct error *err)
{
	xmlTextReaderPtr reader = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	xmlChar *value = NULL;
	int got;

	out[0] = '\0';
	if (!reader)
		return error_set(err, "unable to read '%s'", path);
	while ((got = xmlTextReaderRead(reader)) == 1 &&
	       xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT)
		;
	if (got == 1)
		value = xmlTextReaderGetAttribute(reader, BAD_CAST name);
	if (value)
		snprintf(out, size, "%s", (const char *)value);
	xmlFree(value);
	xmlFreeTextReader(reader);
	return got < 0 ? error_set(err, "'%s' is not well-formed XML", path) : 0;
}

/* Version 5 (R4, supplement deadlines): an application that a previous
 * ecap left in supplement-requested has no deadline, and its letter named
 * none. A wake-up marker dated 1970-01-01 makes the first run after the
 * upgrade settle it; the validation stage then gives it a deadline counted
 * from that run's date (give_supplement_deadline), and the marker of that
 * deadline replaces this one. */
static int wake_supplement_requests(struct store *store, struct transaction *transaction,
				    struct error *err)
{
	char directory[PATH_MAX], path[PATH_MAX], state[32], deadline[16], marker[PATH_MAX];
	DIR *listing = opendir(store_path(store, "store/dossiers", directory, sizeof(directory)));
	struct dirent *entry;
	int result = 0;

	if (!listing)
		return errno == ENOENT ? 0 : error_set_errno(err, "unable to read '%s'", directory);
	while (result == 0 && (entry = readdir(listing))) {
		size_t length = strlen(entry->d_name);
		char id[NAME_MAX + 1];

		if (length < 5 || strcmp(entry->d_name + length - 4, ".xml") != 0)
			continue;
		snprintf(id, sizeof(id), "%.*s", (int)(length - 4), entry->d_name);
		snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
		if (root_attribute(path, "state", state, sizeof(state), err) < 0 ||
		    root_attribute(path, "deadline", deadline, sizeof(deadline), err) < 0) {
			result = -1;
			break;
		}
		if (strcmp(state, "supplement-requested") != 0 || deadline[0])
			continue;
		snprintf(marker, sizeof(marker), "store/wakeups/1970-01-01_%s", id);
		result = transaction_put(transaction, marker, id, strlen(id), err);
	}
	closedir(listing);
	return result;
}

/* Version 6: the store records its last audit archive (AUDIT_RECORD), and
 * runs chain to that record. A state of an earlier version has none: the newest
 * archive in audit/ is recorded as it is now (trust on first use; doc/audit.md). */
static int record_last_archive(struct store *store, struct transaction *transaction,
			       struct error *err)
{
	char name[128], sha256[65], record[256];
	int found = audit_newest_archive(store, name, sha256, err), length;

	if (found <= 0)
		return found;
	length = audit_format_record(name, sha256, record, sizeof(record));
	return transaction_put(transaction, AUDIT_RECORD, record, (size_t)length, err);
}

/* Version 1 is the layout of every ecap before store/version. The escaping
 * of names comes first: every later step parses the files it mends. */
static const struct upgrade_step steps[] = {
	{ 2, "names that are not UTF-8 escaped in dossiers, reason files and records",
	  escape_names },
	{ 3, "identities normalised", register_normalise_identities },
	{ 4, "the date of the last completed run", run_date_derive },
	{ 5, "deadlines for supplement requests", wake_supplement_requests },
	{ 6, "record the last audit archive", record_last_archive },
	{ 0, NULL, NULL }
};

static int stamp_only(struct store *store, struct transaction *transaction, struct error *err)
{
	return 0;
}

static int has_version_file(struct store *store)
{
	char path[PATH_MAX];

	return access(store_path(store, VERSION_FILE, path, sizeof(path)), F_OK) == 0;
}

int upgrade_current_version(void)
{
	int version = 1;

	for (size_t i = 0; steps[i].apply; i++)
		version = steps[i].version;
	return version;
}

static int parse_version(const char *text, int *version)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	while (*end == '\n' || *end == ' ')
		end++;
	if (errno || end == text || *end || value < 1 || value > 1000000)
		return -1;
	*version = (int)value;
	return 0;
}

int upgrade_read_version(struct store *store, struct error *err)
{
	char path[PATH_MAX], text[32];
	int found, version = 1;

	store_path(store, VERSION_FILE, path, sizeof(path));
	found = read_small_file(path, text, sizeof(text), err);
	if (found <= 0)
		return found < 0 ? -1 : 1;	/* no file: version 1 */
	if (parse_version(text, &version) < 0)
		return error_set(err, "'%s' does not hold a layout version number", path);
	return version;
}

static int format_version(int version, char *out, size_t size)
{
	return snprintf(out, size, "%d\n", version);
}

int upgrade_stamp_new_state(const char *state_dir, struct error *err)
{
	char path[PATH_MAX], text[32];
	int length = format_version(upgrade_current_version(), text, sizeof(text));

	snprintf(path, sizeof(path), "%s/%s", state_dir, VERSION_FILE);
	return atomic_write_file(path, text, (size_t)length, 0600, err);
}

/* One step and the new version number, committed together: the
 * transaction's rename is the commit point. */
static int apply_step(struct store *store, const struct upgrade_step *step, struct error *err)
{
	struct transaction transaction;
	char text[32];
	int length = format_version(step->version, text, sizeof(text));

	if (transaction_begin(store, &transaction, err) < 0)
		return -1;
	if (step->apply(store, &transaction, err) < 0 ||
	    transaction_put(&transaction, VERSION_FILE, text, (size_t)length, err) < 0) {
		char cause[sizeof(err->message)];

		transaction_abort(&transaction);
		snprintf(cause, sizeof(cause), "%s", err->message);
		return error_set(err, "upgrading the state to version %d (%s): %s",
				 step->version, step->what, cause);
	}
	return transaction_commit(&transaction, err);
}

int upgrade_store(struct store *store, int *applied, struct error *err)
{
	/* A state at the current layout that lacks the file only gets it. */
	const struct upgrade_step stamp = { upgrade_current_version(), "the layout version",
					    stamp_only };
	int version = upgrade_read_version(store, err);
	int current = upgrade_current_version();

	*applied = 0;
	if (version < 0)
		return -1;
	if (version > current)
		return error_set(err, "the state directory was written by a newer ecap (layout "
				 "version %d; this ecap reads up to %d): use that version",
				 version, current);
	for (size_t i = 0; steps[i].apply; i++) {
		if (steps[i].version <= version)
			continue;
		if (apply_step(store, &steps[i], err) < 0)
			return -1;
		(*applied)++;
	}
	if (*applied == 0 && !has_version_file(store))
		return apply_step(store, &stamp, err);
	return 0;
}
