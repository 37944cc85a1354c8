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
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "directory.h"
#include "name.h"
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

/* Version 1 is the layout of every ecap before store/version. */
static const struct upgrade_step steps[] = {
	{ 2, "names that are not UTF-8 escaped in dossiers, reason files and records",
	  escape_names },
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
