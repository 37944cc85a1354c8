/* upgrade.c - the table of layout upgrades of the state store (upgrade.h).
 * To change the layout: write a function that converts version N-1 to N
 * inside the transaction it is given (reads through store_locate, writes
 * with transaction_put/remove), add it as the table's last row, and add a
 * test that starts from a state written by the previous version.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "audit.h"
#include "upgrade.h"

#define VERSION_FILE "store/version"

struct upgrade_step {
	int version;		/* the version this step produces */
	const char *what;	/* for the log and error messages */
	int (*apply)(struct store *store, struct transaction *transaction, struct error *err);
};

/* Version 2: the store records its last audit archive (AUDIT_RECORD), and
 * runs chain to that record. A state of version 1 has none: the newest
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
	{ 2, "record the last audit archive", record_last_archive },
	{ 0, NULL, NULL }
};

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
	return 0;
}
