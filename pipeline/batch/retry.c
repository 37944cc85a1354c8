/* retry.c - putting a quarantined input back into the dropbox, and noting
 * its earlier quarantine when it becomes a submission; see retry.h. */
#include "retry.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "calendar.h"
#include "directory.h"
#include "hash.h"
#include "lock.h"
#include "store.h"
#include "xml.h"

#define REASON_SUFFIX ".reason.xml"

/* The name the input had in the dropbox, from its quarantined name
 * RUN-NNNN-NAME (RUN is YYYYMMDDTHHMMSSZ-PID): the bytes as they were, which
 * the reason file's `input` may show escaped. NULL if the name is not one. */
static const char *dropbox_name_of(const char *quarantined)
{
	const char *c = quarantined;

	for (int dashes = 0; dashes < 3; dashes++) {
		c = strchr(c, '-');
		if (!c)
			return NULL;
		c++;
	}
	return *c ? c : NULL;
}

static int file_exists(const struct store *store, const char *relative)
{
	char path[PATH_MAX];

	return access(store_path(store, relative, path, sizeof(path)), F_OK) == 0;
}

/* 1 if quarantine/name is a quarantined input with its reason file. */
static int is_quarantined(const struct store *store, const char *name)
{
	char relative[PATH_MAX];

	if (!name[0] || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	snprintf(relative, sizeof(relative), "quarantine/%s", name);
	if (!file_exists(store, relative))
		return 0;
	snprintf(relative, sizeof(relative), "quarantine/%s%s", name, REASON_SUFFIX);
	return file_exists(store, relative);
}

/* Finds the quarantined file that `input` names, into name (its name under
 * quarantine/). */
static enum retry_result resolve(const struct store *store, const char *input, char *name,
				 size_t size, struct error *err)
{
	const char *bare = input;
	char directory[PATH_MAX], dropbox_name[PATH_MAX];
	struct name_list reasons;
	size_t found = 0;

	if (strncmp(bare, "quarantine/", 11) == 0)
		bare += 11;
	if (is_quarantined(store, bare)) {
		snprintf(name, size, "%s", bare);
		return RETRY_DONE;
	}
	/* else the dropbox name, as `ecap status` shows it */
	bare = strncmp(input, "dropbox/", 8) == 0 ? input + 8 : input;
	if (directory_list(store_path(store, "quarantine", directory, sizeof(directory)),
			   REASON_SUFFIX, &reasons, err) < 0)
		return RETRY_FAILED;
	for (size_t i = 0; i < reasons.count; i++) {
		const char *original;

		reasons.names[i][strlen(reasons.names[i]) - strlen(REASON_SUFFIX)] = '\0';
		original = dropbox_name_of(reasons.names[i]);
		if (!original || !is_quarantined(store, reasons.names[i]))
			continue;
		snprintf(dropbox_name, sizeof(dropbox_name), "%s", original);
		if (strcmp(dropbox_name, bare) != 0)
			continue;
		if (found++ == 0)
			snprintf(name, size, "%s", reasons.names[i]);
		else
			error_set(err, "%s was quarantined %zu times (quarantine/%s, quarantine/%s, ...): "
				  "name the one to retry", input, found, name, reasons.names[i]);
	}
	name_list_release(&reasons);
	if (found == 0) {
		error_set(err, "%s is not in quarantine (see ecap status)", input);
		return RETRY_NOT_QUARANTINED;
	}
	return found == 1 ? RETRY_DONE : RETRY_AMBIGUOUS;
}

static void seen_marker(const char *digest, char *out, size_t size)
{
	snprintf(out, size, "store/seen/%.2s/%s", digest, digest);
}

static void retried_marker(const char *digest, char *out, size_t size)
{
	snprintf(out, size, "store/retried/%.2s/%s", digest, digest);
}

/* Records are the dropbox's *.xml files (intake.h). */
static int is_record_name(const char *name)
{
	size_t length = strlen(name);

	return length > 4 && strcmp(name + length - 4, ".xml") == 0;
}

/* 1 if the file holds exactly text (a marker naming a path). */
static int file_says(const struct store *store, const char *relative, const char *text)
{
	char path[PATH_MAX];
	size_t size = 0;
	struct error ignored;
	char *content = xml_read_file(store_path(store, relative, path, sizeof(path)), PATH_MAX,
				      &size, &ignored);
	int same = content && strcmp(content, text) == 0;

	free(content);
	return same;
}

/* The SHA-256 of the quarantined file, read now: an input quarantined
 * unread (over the size limit) has none in its reason file, and the next
 * run must recognize it by these bytes anyway. Never follows a link. */
static int file_digest(const struct store *store, const char *relative, char digest[65],
		       struct error *err)
{
	char path[PATH_MAX], buffer[65536];
	struct sha256 hash;
	ssize_t count;
	int fd = open(store_path(store, relative, path, sizeof(path)),
		      O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	int result = -1;

	digest[0] = '\0';
	if (fd < 0)
		return 0;	/* unreadable (input-unreadable): no digest, no marks */
	if (sha256_begin(&hash) < 0) {
		close(fd);
		return error_set(err, "unable to hash '%s'", path);
	}
	while ((count = read(fd, buffer, sizeof(buffer))) > 0)
		if (sha256_update(&hash, buffer, (size_t)count) < 0)
			goto out;
	if (count == 0 && sha256_finish(&hash, digest) == 0)
		result = 0;
out:
	if (result < 0) {
		error_set_errno(err, "unable to read '%s'", path);
		digest[0] = '\0';
	}
	sha256_release(&hash);
	close(fd);
	return result;
}

/* The transaction's changes: the file back, the reason into the history,
 * the seen marker away, the retried marker in. */
static int stage_retry(struct store *store, struct transaction *transaction, const char *name,
		       const char *dropbox, struct error *err)
{
	char reason_path[PATH_MAX], relative[PATH_MAX], history[PATH_MAX], marker[PATH_MAX];
	char digest[65], when[40];
	xmlDocPtr reason;
	xmlNodePtr root;
	xmlChar *bytes = NULL;
	int size = 0, result = -1;

	snprintf(relative, sizeof(relative), "quarantine/%s%s", name, REASON_SUFFIX);
	reason = xml_parse_file(store_path(store, relative, reason_path, sizeof(reason_path)), err);
	if (!reason)
		return -1;
	root = xmlDocGetRootElement(reason);
	datetime_now(when, sizeof(when));
	xml_set(root, "retried", when);
	xml_set(root, "retriedAs", dropbox);
	snprintf(history, sizeof(history), "quarantine/history/%s%s", name, REASON_SUFFIX);
	snprintf(relative, sizeof(relative), "quarantine/%s", name);
	if (xml_serialize(reason, &bytes, &size, err) < 0 ||
	    transaction_take(transaction, relative, dropbox, err) < 0 ||
	    transaction_put(transaction, history, bytes, (size_t)size, err) < 0)
		goto out;
	snprintf(relative, sizeof(relative), "quarantine/%s%s", name, REASON_SUFFIX);
	if (transaction_remove(transaction, relative, err) < 0)
		goto out;
	snprintf(relative, sizeof(relative), "quarantine/%s", name);
	if (file_digest(store, relative, digest, err) < 0)
		goto out;
	result = 0;
	if (!digest[0])
		goto out;
	seen_marker(digest, marker, sizeof(marker));
	/* only the mark this quarantine left: a copy taken into the store
	 * stays a copy */
	if (file_says(store, marker, relative))
		result = transaction_remove(transaction, marker, err);
	/* only a package becomes a submission that notes it; a record's
	 * history is its index entry and the archives */
	if (result == 0 && !is_record_name(dropbox)) {
		retried_marker(digest, marker, sizeof(marker));
		result = transaction_put(transaction, marker, history, strlen(history), err);
	}
out:
	xmlFree(bytes);
	xmlFreeDoc(reason);
	return result;
}

enum retry_result retry_input(const char *state_dir, const char *input, char *dropbox_name,
			      size_t size, struct error *err)
{
	struct store store;
	struct transaction transaction;
	char name[NAME_MAX + 1], dropbox[PATH_MAX];
	enum retry_result result = RETRY_FAILED;
	int lock = -1, open = 0;

	if (store_open(&store, state_dir, err) < 0)
		return RETRY_FAILED;
	lock = lock_acquire(store.root, err);
	if (lock < 0) {
		result = RETRY_LOCKED;
		goto out;
	}
	/* what a killed run committed comes first: it may have quarantined
	 * or taken this very input */
	if (store_recover(&store, err) < 0)
		goto out;
	result = resolve(&store, input, name, sizeof(name), err);
	if (result != RETRY_DONE)
		goto out;
	result = RETRY_FAILED;
	if (!dropbox_name_of(name)) {
		error_set(err, "quarantine/%s is not named as ecap names quarantined inputs", name);
		result = RETRY_NOT_QUARANTINED;
		goto out;
	}
	snprintf(dropbox, sizeof(dropbox), "dropbox/%s", dropbox_name_of(name));
	if (file_exists(&store, dropbox)) {
		error_set(err, "%s exists: a new file of that name waits in the dropbox; "
			  "retry when a run has taken it", dropbox);
		result = RETRY_NAME_TAKEN;
		goto out;
	}
	if (transaction_begin(&store, &transaction, err) < 0)
		goto out;
	open = 1;
	if (stage_retry(&store, &transaction, name, dropbox, err) < 0)
		goto out;
	open = 0;
	if (transaction_commit(&transaction, err) < 0)
		goto out;
	snprintf(dropbox_name, size, "%s", dropbox);
	result = RETRY_DONE;
out:
	if (open)
		transaction_abort(&transaction);
	lock_release(lock);
	store_close(&store);
	return result;
}

int note_retried_input(struct batch *batch, struct dossier *dossier, const char *digest,
		       struct error *err)
{
	const struct transaction *transaction = batch->transaction_open ? &batch->transaction : NULL;
	char marker[PATH_MAX], path[PATH_MAX];
	char *history = NULL;
	xmlDocPtr reason = NULL;
	xmlNodePtr submission = dossier_last(dossier, "submission"), root, note;
	size_t size = 0;
	int result = -1;

	retried_marker(digest, marker, sizeof(marker));
	if (!submission || !store_locate(&batch->store, transaction, marker, path, sizeof(path)))
		return 0;
	history = xml_read_file(path, PATH_MAX, &size, err);
	if (!history)
		goto out;
	result = 0;
	if (strncmp(history, "quarantine/history/", 19) != 0 || strstr(history, "..") ||
	    !store_locate(&batch->store, transaction, history, path, sizeof(path)))
		goto remove;	/* a marker without its history: nothing to copy */
	reason = xml_parse_file(path, err);
	if (!reason) {
		result = -1;
		goto out;
	}
	root = xmlDocGetRootElement(reason);
	{
		char *text = xml_text(root);
		char value[1024];

		note = xml_add_child(submission, "quarantined", text);
		xmlFree(text);
		xml_set(note, "date", xml_attribute_copy(root, "date", value, sizeof(value)));
		xml_set(note, "code", xml_attribute_copy(root, "code", value, sizeof(value)));
		xml_set(note, "retried", xml_attribute_copy(root, "retried", value, sizeof(value)));
		xml_set(note, "reason", history);
	}
remove:
	result = transaction_remove(&batch->transaction, marker, err);
out:
	xmlFreeDoc(reason);
	free(history);
	return result;
}
