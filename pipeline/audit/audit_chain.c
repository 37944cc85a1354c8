/* audit_chain.c - the chain of audit archives: each names the SHA-256 of
 * the one before, recorded in store/audit-last; see audit_bag.h, audit.h. */
#include "audit_bag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "directory.h"
#include "xml.h"

/* ---- the chain ---- */

int hash_file(const char *path, char out[65], struct error *err)
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

/* "NNNNNN-<run>.tar.gz": its sequence number, or 0 for any other name. */
static unsigned long archive_sequence(const char *name)
{
	size_t length = strlen(name);
	unsigned long sequence;

	if (length < 15 || length >= 128 || strcmp(name + length - 7, ".tar.gz") != 0 ||
	    strspn(name, "0123456789") != 6 || name[6] != '-' ||
	    sscanf(name, "%6lu-", &sequence) != 1)
		return 0;
	return sequence;
}

/* The archive in audit/ with the highest sequence number: its name in
 * newest and its number in highest (0 when audit/ holds none). */
static int scan_archives(struct store *store, char newest[128], unsigned long *highest,
			 struct error *err)
{
	char directory[PATH_MAX];
	DIR *listing = opendir(store_path(store, "audit", directory, sizeof(directory)));
	struct dirent *entry;

	newest[0] = '\0';
	*highest = 0;
	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while ((entry = readdir(listing))) {
		unsigned long sequence = archive_sequence(entry->d_name);

		if (sequence > *highest) {
			*highest = sequence;
			snprintf(newest, 128, "%s", entry->d_name);
		}
	}
	closedir(listing);
	return 0;
}

/* ---- the last archive's file as it was when its SHA-256 was known ---- */

/* The line AUDIT_CHECKED holds for the archive name with that SHA-256 whose
 * file is info: the file's identity, which an edit in place (its change
 * time), a replacement (its inode) or a restore from a backup (both) alters. */
static int format_checked(const char *name, const char *sha256, const struct stat *info,
			  char *out, size_t size)
{
	return snprintf(out, size, "%s %s %ju %ju %jd %jd.%09ld %jd.%09ld\n", name, sha256,
			(uintmax_t)info->st_dev, (uintmax_t)info->st_ino, (intmax_t)info->st_size,
			(intmax_t)info->st_mtim.tv_sec, info->st_mtim.tv_nsec,
			(intmax_t)info->st_ctim.tv_sec, info->st_ctim.tv_nsec);
}

/* Whether the file info of the archive name is the one whose SHA-256 was
 * last known to be sha256. Anything else (no note, a note of another
 * archive, an unreadable or damaged one) says no: the file is hashed. */
static int unchanged_since_checked(struct store *store, const char *name, const char *sha256,
				   const struct stat *info)
{
	char path[PATH_MAX], noted[512], expected[512];
	struct error ignored = { 0 };
	int length = format_checked(name, sha256, info, expected, sizeof(expected));

	if (length < 0 || (size_t)length >= sizeof(expected) ||
	    read_small_file(store_path(store, AUDIT_CHECKED, path, sizeof(path)), noted,
			    sizeof(noted), &ignored) <= 0)
		return 0;
	return strcmp(noted, expected) == 0;
}

int audit_note_checked(struct store *store, const char *name, const char *sha256,
		       struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX], text[512];
	struct stat info;
	int length;

	snprintf(relative, sizeof(relative), "audit/%s", name);
	if (lstat(store_path(store, relative, path, sizeof(path)), &info) < 0)
		return error_set_errno(err, "unable to read '%s'", path);
	length = format_checked(name, sha256, &info, text, sizeof(text));
	if (length < 0 || (size_t)length >= sizeof(text))
		return error_set(err, "the audit archive's name is too long: '%s'", name);
	return atomic_write_file(store_path(store, AUDIT_CHECKED, path, sizeof(path)), text,
				 (size_t)length, 0600, err);
}

int audit_format_record(const char *name, const char *sha256, char *out, size_t size)
{
	return snprintf(out, size, "%s %s\n", name, sha256);
}

int audit_read_record(const char *state_dir, char name[128], char sha256[65],
		      struct error *err)
{
	char path[PATH_MAX], text[256], extra;
	int found;

	snprintf(path, sizeof(path), "%s/%s", state_dir, AUDIT_RECORD);
	found = read_small_file(path, text, sizeof(text), err);
	if (found <= 0)
		return found;
	if (sscanf(text, "%127s %64s %c", name, sha256, &extra) != 2 ||
	    archive_sequence(name) == 0 || strlen(sha256) != 64 ||
	    strspn(sha256, "0123456789abcdef") != 64)
		return error_set(err, "'%s' is damaged: it does not name an audit archive and "
				 "its SHA-256", path);
	return 1;
}

int audit_newest_archive(struct store *store, char name[128], char sha256[65],
			 struct error *err)
{
	char path[PATH_MAX], relative[PATH_MAX];
	unsigned long highest;

	if (scan_archives(store, name, &highest, err) < 0)
		return -1;
	if (highest == 0)
		return 0;
	snprintf(relative, sizeof(relative), "audit/%s", name);
	return hash_file(store_path(store, relative, path, sizeof(path)), sha256, err) < 0 ? -1 : 1;
}

int audit_find_anchor(struct store *store, struct audit_anchor *anchor, struct error *err)
{
	char recorded[128], recorded_sha256[65], newest[128], path[PATH_MAX], actual[65];
	char relative[PATH_MAX];
	struct error ignored = { 0 };
	unsigned long highest;
	int hashed;
	int found = audit_read_record(store->root, recorded, recorded_sha256, err);
	struct stat info;

	snprintf(anchor->previous, sizeof(anchor->previous), "none");
	snprintf(anchor->previous_sha256, sizeof(anchor->previous_sha256), "none");
	anchor->sequence = 1;
	if (found < 0 || scan_archives(store, newest, &highest, err) < 0)
		return -1;
	if (!found) {
		if (highest == 0)
			return 0;	/* the first archive */
		return error_set(err, "the audit chain cannot continue: audit/ holds archives "
				 "(the newest audit/%s) but the store records no last archive "
				 "(%s is missing)", newest, AUDIT_RECORD);
	}
	snprintf(relative, sizeof(relative), "audit/%s", recorded);
	store_path(store, relative, path, sizeof(path));
	if (lstat(path, &info) < 0) {
		if (errno == ENOENT)
			return error_set(err, "the audit chain cannot continue: the last archive "
					 "the store recorded, audit/%s, is missing", recorded);
		return error_set_errno(err, "unable to read '%s'", path);
	}
	if (!S_ISREG(info.st_mode))
		return error_set(err, "the audit chain cannot continue: the last archive the "
				 "store recorded, audit/%s, is not a file", recorded);
	hashed = !unchanged_since_checked(store, recorded, recorded_sha256, &info);
	if (!hashed)
		snprintf(actual, sizeof(actual), "%s", recorded_sha256);
	else if (hash_file(path, actual, err) < 0)
		return -1;
	if (strcmp(actual, recorded_sha256) != 0)
		return error_set(err, "the audit chain cannot continue: the last archive the "
				 "store recorded, audit/%s, has changed (its SHA-256 is not the "
				 "one recorded in %s)", recorded, AUDIT_RECORD);
	if (highest > archive_sequence(recorded))
		return error_set(err, "the audit chain cannot continue: audit/%s is not in the "
				 "chain (the last archive the store recorded is audit/%s)", newest,
				 recorded);
	snprintf(anchor->previous, sizeof(anchor->previous), "%s", recorded);
	snprintf(anchor->previous_sha256, sizeof(anchor->previous_sha256), "%s", actual);
	anchor->sequence = archive_sequence(recorded) + 1;
	/* hashed and right: noted, so that the next run need not hash it; a
	 * note not written only makes that run hash the archive again */
	if (hashed)
		(void)audit_note_checked(store, recorded, actual, &ignored);
	return 0;
}

/* Where the bag chains: the anchor found at the run's start, or now. */
int find_previous(struct audit_bag *bag, struct error *err)
{
	struct audit_anchor found;
	const struct audit_anchor *anchor = bag->facts->anchor;

	if (!anchor) {
		if (audit_find_anchor(bag->store, &found, err) < 0)
			return -1;
		anchor = &found;
	}
	snprintf(bag->previous, sizeof(bag->previous), "%s", anchor->previous);
	snprintf(bag->previous_sha256, sizeof(bag->previous_sha256), "%s",
		 anchor->previous_sha256);
	bag->sequence = anchor->sequence;
	snprintf(bag->name, sizeof(bag->name), "%06lu-%s", bag->sequence, bag->facts->run_id);
	return 0;
}
