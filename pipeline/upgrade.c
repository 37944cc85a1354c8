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
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "atomic.h"
#include "audit.h"
#include "register.h"
#include "run_date.h"
#include "upgrade.h"

#define VERSION_FILE "store/version"

struct upgrade_step {
	int version;		/* the version this step produces */
	const char *what;	/* for the log and error messages */
	int (*apply)(struct store *store, struct transaction *transaction, struct error *err);
};

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

/* Version 3 (R4, supplement deadlines): an application that a previous
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

/* Version 5: the store records its last audit archive (AUDIT_RECORD), and
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

/* Version 1: the layout of every ecap before store/version. */
static const struct upgrade_step steps[] = {
	{ 2, "identities normalised", register_normalise_identities },
	{ 3, "the date of the last completed run", run_date_derive },
	{ 4, "deadlines for supplement requests", wake_supplement_requests },
	{ 5, "record the last audit archive", record_last_archive },
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
	int fd, version = 1;
	ssize_t got;

	store_path(store, VERSION_FILE, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		return error_set_errno(err, "unable to read '%s'", path);
	}
	got = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (got < 0)
		return error_set_errno(err, "unable to read '%s'", path);
	text[got] = '\0';
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
