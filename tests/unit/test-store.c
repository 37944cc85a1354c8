/* test-store.c - the store's transactions as the reaper removes their
 * directories (pipeline/store/reaper.h): a file put, replaced or removed is
 * as it should be after each commit, and a reader holding a replaced file
 * still reads the old text; once the store is closed no transaction
 * directory is left; and recovery removes an applied directory a killed run
 * left (NAME.applied) and a committed one whose MANIFEST its removal had
 * already unlinked, without applying them again, and still applies a
 * committed one. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reaper.h"
#include "store.h"
#include "tap.h"

static char directory[] = "/tmp/ecap-test-store-XXXXXX";

static const char *path_of(const char *relative, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", directory, relative);
	return out;
}

static void write_text(const char *relative, const char *text)
{
	char path[4096];
	FILE *out = fopen(path_of(relative, path, sizeof(path)), "w");

	if (!out || fputs(text, out) < 0 || fclose(out) != 0) {
		perror(path);
		exit(2);
	}
}

/* The file's text ("" when there is none). */
static const char *text_of(const char *relative, char *out, size_t size)
{
	char path[4096];
	FILE *in = fopen(path_of(relative, path, sizeof(path)), "r");
	size_t got = in ? fread(out, 1, size - 1, in) : 0;

	out[got] = '\0';
	if (in)
		fclose(in);
	return out;
}

static int exists(const char *relative)
{
	char path[4096];
	struct stat info;

	return lstat(path_of(relative, path, sizeof(path)), &info) == 0;
}

static size_t count_entries(const char *relative)
{
	char path[4096];
	struct dirent *entry;
	size_t count = 0;
	DIR *listing = opendir(path_of(relative, path, sizeof(path)));

	while (listing && (entry = readdir(listing)))
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			count++;
	if (listing)
		closedir(listing);
	return count;
}

static int put_and_commit(struct store *store, const char *destination, const char *text,
			  const char *removed)
{
	struct transaction transaction;
	struct error err = { 0 };

	if (transaction_begin(store, &transaction, &err) < 0 ||
	    transaction_put(&transaction, destination, text, strlen(text), &err) < 0 ||
	    (removed && transaction_remove(&transaction, removed, &err) < 0)) {
		printf("# %s\n", err.message);
		return -1;
	}
	if (transaction_commit(&transaction, &err) < 0) {
		printf("# %s\n", err.message);
		return -1;
	}
	return 0;
}

static void test_commits(void)
{
	struct store store;
	struct error err = { 0 };
	char text[64], path[4096], name[64];
	struct stat before, held;
	int failures = 0, fd;

	ok(store_open(&store, directory, &err) == 0, "the store opens");
	ok(put_and_commit(&store, "store/dossiers/A.xml", "one", NULL) == 0 &&
	   strcmp(text_of("store/dossiers/A.xml", text, sizeof(text)), "one") == 0,
	   "a file put is in place after the commit");
	lstat(path_of("store/dossiers/A.xml", path, sizeof(path)), &before);
	fd = open(path, O_RDONLY);
	ok(put_and_commit(&store, "store/dossiers/A.xml", "two", "store/dossiers/B.xml") == 0 &&
	   strcmp(text_of("store/dossiers/A.xml", text, sizeof(text)), "two") == 0,
	   "a file replaced holds the new text after the commit");
	ok(fd >= 0 && fstat(fd, &held) == 0 && held.st_ino == before.st_ino &&
	   pread(fd, text, 3, 0) == 3 && memcmp(text, "one", 3) == 0,
	   "  the replaced file is still readable by whoever had it open");
	if (fd >= 0)
		close(fd);
	write_text("store/dossiers/B.xml", "to remove");
	ok(put_and_commit(&store, "store/dossiers/C.xml", "three", "store/dossiers/B.xml") == 0 &&
	   !exists("store/dossiers/B.xml") && exists("store/dossiers/C.xml"),
	   "a file removed is gone after the commit");
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "store/dossiers/D%d.xml", i % 7);
		snprintf(text, sizeof(text), "version %d", i);
		failures += put_and_commit(&store, name, text, i % 3 ? NULL : "store/dossiers/C.xml") < 0;
	}
	ok(failures == 0 && strcmp(text_of("store/dossiers/D3.xml", text, sizeof(text)),
				   "version 199") == 0,
	   "200 transactions replacing the same files one after another");
	store_close(&store);
	ok(count_entries("store/transactions") == 0,
	   "once the store is closed, no transaction directory is left");
}

/* A committed transaction's directory as a run leaves it at its commit
 * point: its file and a MANIFEST putting it at destination. */
static void committed_by_hand(const char *name, const char *destination, const char *text,
			      int with_manifest)
{
	char relative[512], path[4096];

	snprintf(relative, sizeof(relative), "store/transactions/%s", name);
	mkdir(path_of(relative, path, sizeof(path)), 0700);
	snprintf(relative, sizeof(relative), "store/transactions/%s/000001", name);
	write_text(relative, text);
	if (with_manifest) {
		char line[600];

		snprintf(relative, sizeof(relative), "store/transactions/%s/MANIFEST", name);
		snprintf(line, sizeof(line), "put 000001 %s\n", destination);
		write_text(relative, line);
	}
}

static void test_recovery(void)
{
	struct store store;
	struct error err = { 0 };
	char text[64];
	int recovered;

	write_text("store/dossiers/E.xml", "current");
	committed_by_hand("20261203T000000Z-0000001-000001" APPLIED_SUFFIX,
			  "store/dossiers/E.xml", "stale", 1);
	committed_by_hand("20261203T000000Z-0000001-000002", "store/dossiers/E.xml", "stale", 0);
	committed_by_hand("20261203T000000Z-0000001-000003", "store/dossiers/F.xml", "applied", 1);
	ok(store_open(&store, directory, &err) == 0, "the store with leftovers opens");
	recovered = store_recover(&store, &err);
	store_close(&store);
	if (recovered != 1)
		printf("# store_recover: %d %s\n", recovered, err.message);
	ok(recovered == 1, "recovery finishes the one committed transaction");
	ok(strcmp(text_of("store/dossiers/F.xml", text, sizeof(text)), "applied") == 0,
	   "  which puts its file in place");
	ok(strcmp(text_of("store/dossiers/E.xml", text, sizeof(text)), "current") == 0,
	   "an applied directory (NAME.applied) and one without its MANIFEST are not applied again");
	ok(count_entries("store/transactions") == 0, "  and every directory is removed");
}

int main(void)
{
	struct error err = { 0 };
	char command[512];

	if (!mkdtemp(directory) || store_create_layout(directory, &err) < 0) {
		fprintf(stderr, "cannot make %s: %s\n", directory, err.message);
		return 2;
	}
	test_commits();
	test_recovery();
	snprintf(command, sizeof(command), "rm -rf '%s'", directory);
	if (system(command) != 0)
		fprintf(stderr, "unable to remove %s\n", directory);
	return tap_done();
}
