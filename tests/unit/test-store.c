/* test-store.c - unit tests for pipeline/store/store.c's commit: a
 * transaction of many operations ends in the state the operations say in
 * their order (a file put twice holds its last bytes, a file put and then
 * removed is gone, one removed that was there before is gone, files in
 * directories the commit makes), and leaves no transaction directory; so
 * does a small one. The crash trials (tests/crash) and t1400 kill runs in
 * their commits. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"

static char scratch[] = "/tmp/test-store-XXXXXX";

/* The bytes of state file `relative`, or "" when there is none. */
static const char *contents(const struct store *store, const char *relative)
{
	static char text[256];
	char path[4096];
	FILE *file = fopen(store_path(store, relative, path, sizeof(path)), "r");
	size_t length = 0;

	if (file) {
		length = fread(text, 1, sizeof(text) - 1, file);
		fclose(file);
	}
	text[length] = '\0';
	return text;
}

/* How many entries store/transactions holds. */
static int transactions_left(const struct store *store)
{
	char path[4096];
	DIR *listing = opendir(store_path(store, "store/transactions", path, sizeof(path)));
	struct dirent *entry;
	int count = 0;

	while (listing && (entry = readdir(listing)))
		count += entry->d_name[0] != '.';
	if (listing)
		closedir(listing);
	return count;
}

/* Puts files 0..count-1 (each a second time when i % 3 == 0, then removed
 * when i % 5 == 0), removes `before` (a file that was there), commits, and
 * checks every file; `name` names the case. */
static void commit_and_check(struct store *store, int count, const char *before,
			     const char *name)
{
	struct transaction transaction;
	struct error err = { "" };
	char destination[64], text[64], message[160];
	int failed = 0, right = 1;

	if (transaction_begin(store, &transaction, &err) < 0) {
		printf("# %s\n", err.message);
		ok(0, name);
		return;
	}
	for (int i = 0; i < count && !failed; i++) {
		snprintf(destination, sizeof(destination), "store/dossiers/%d/%05d.xml", i % 7, i);
		snprintf(text, sizeof(text), "first %d", i);
		failed |= transaction_put(&transaction, destination, text, strlen(text), &err) < 0;
		if (i % 3 == 0) {
			snprintf(text, sizeof(text), "second %d", i);
			failed |= transaction_put(&transaction, destination, text, strlen(text),
						  &err) < 0;
		}
		if (i % 5 == 0)
			failed |= transaction_remove(&transaction, destination, &err) < 0;
	}
	failed |= transaction_remove(&transaction, before, &err) < 0;
	failed |= !failed && transaction_commit(&transaction, &err) < 0;
	if (failed)
		printf("# %s\n", err.message);
	for (int i = 0; i < count && !failed; i++) {
		const char *got;

		snprintf(destination, sizeof(destination), "store/dossiers/%d/%05d.xml", i % 7, i);
		snprintf(text, sizeof(text), i % 5 == 0 ? "" : i % 3 == 0 ? "second %d" : "first %d",
			 i);
		got = contents(store, destination);
		if (strcmp(got, text) != 0) {
			printf("# %s holds '%s', not '%s'\n", destination, got, text);
			right = 0;
			break;
		}
	}
	snprintf(message, sizeof(message), "%s: every file as its last operation left it", name);
	ok(!failed && right, message);
	snprintf(message, sizeof(message), "%s: the file removed that was there is gone", name);
	is_string(contents(store, before), "", message);
	snprintf(message, sizeof(message), "%s: no transaction directory is left", name);
	is_int(transactions_left(store), 0, message);
}

/* A file put by a transaction of its own, committed. */
static void put_one(struct store *store, const char *destination)
{
	struct transaction transaction;
	struct error err = { "" };

	if (transaction_begin(store, &transaction, &err) < 0 ||
	    transaction_put(&transaction, destination, "here", 4, &err) < 0 ||
	    transaction_commit(&transaction, &err) < 0)
		printf("# %s\n", err.message);
}

int main(void)
{
	struct store store;
	struct error err = { "" };

	if (!mkdtemp(scratch) || store_create_layout(scratch, &err) < 0 ||
	    store_open(&store, scratch, &err) < 0) {
		printf("# %s\n", err.message);
		ok(0, "a state directory is made");
		return tap_done();
	}
	put_one(&store, "store/dossiers/old-a.xml");
	put_one(&store, "store/dossiers/old-b.xml");
	is_string(contents(&store, "store/dossiers/old-a.xml"), "here", "a small commit puts its file");
	commit_and_check(&store, 1500, "store/dossiers/old-a.xml", "1,500 files");
	commit_and_check(&store, 20, "store/dossiers/old-b.xml", "20 files");
	store_close(&store);
	{
		char command[128];

		snprintf(command, sizeof(command), "rm -rf '%s'", scratch);
		if (system(command) != 0)
			printf("# %s not removed\n", scratch);
	}
	return tap_done();
}
