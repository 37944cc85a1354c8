/* test-store.c - unit tests for pipeline/store/store.c's commit: a
 * transaction of many operations ends in the state the operations say in
 * their order (a file put twice holds its last bytes, a file put and then
 * removed is gone, one removed that was there before is gone, files in
 * directories the commit makes), and leaves no transaction directory; so
 * does a small one. A commit behind (on a thread of its own) is seen by
 * the reads of the next transaction while it runs: store_read_small and
 * store_exists without waiting for it, store_locate after it; commits stay in
 * order, and one that fails fails every settle after it. A committed
 * transaction's directory left without its MANIFEST (killed while it was
 * being removed) is removed by the next run's recovery. The crash trials
 * (tests/crash) and t1400 kill runs in their commits. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
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

static double now(void)
{
	struct timespec time;

	clock_gettime(CLOCK_MONOTONIC, &time);
	return (double)time.tv_sec + time.tv_nsec / 1e9;
}

/* Begins a transaction with `count` files and the sequence file holding
 * text; 0, or -1 with err. */
static int fill(struct store *store, struct transaction *transaction, int count,
		const char *text, struct error *err)
{
	char destination[64];

	if (transaction_begin(store, transaction, err) < 0)
		return -1;
	for (int i = 0; i < count; i++) {
		snprintf(destination, sizeof(destination), "out/behind/%05d.txt", i);
		if (transaction_put(transaction, destination, text, strlen(text), err) < 0)
			return -1;
	}
	return transaction_put(transaction, "store/sequence", text, strlen(text), err);
}

static void test_commit_behind(struct store *store)
{
	struct transaction first, second;
	struct error err = { "" };
	char text[32], path[4096];
	int failed, read_right = 1, reads = 0;

	failed = fill(store, &first, 2000, "7", &err) < 0 ||
		 transaction_remove(&first, "store/dossiers/old-b.xml", &err) < 0 ||
		 transaction_commit_behind(&first, &err) < 0;
	ok(!failed, "a transaction of 2,000 files commits behind");
	if (failed)
		printf("# %s\n", err.message);
	/* read again and again for half a second, while its files move into
	 * place (the syncs and 2,000 renames take longer than the first reads) */
	for (double start = now(); now() - start < 0.5 && read_right; reads++)
		read_right = store_read_small(store, NULL, "store/sequence", text, sizeof(text),
					      &err) == 1 && strcmp(text, "7") == 0 &&
			     store_exists(store, NULL, "out/behind/01999.txt") &&
			     !store_exists(store, NULL, "store/dossiers/old-b.xml");
	ok(read_right, "while it commits, what it puts is read and what it removes is gone");
	printf("# %d reads\n", reads);
	failed = fill(store, &second, 10, "8", &err) < 0;
	ok(!failed && store_read_small(store, &second, "store/sequence", text, sizeof(text),
				       &err) == 1 && strcmp(text, "8") == 0,
	   "the next transaction reads its own version first");
	ok(store_locate(store, NULL, "out/behind/00000.txt", path, sizeof(path)) == 1 &&
	   strcmp(contents(store, "out/behind/00000.txt"), "7") == 0,
	   "store_locate gives a file the commit behind puts once it is in place");
	ok(transaction_commit_behind(&second, &err) == 0 && store_settle(store, &err) == 0,
	   "the next commits behind it, in order, and settles");
	is_string(contents(store, "store/sequence"), "8", "the later commit's version is the one left");
	is_int(transactions_left(store), 0, "no transaction directory is left");
}

/* A commit behind that fails (its commit point taken by a file) fails the
 * settle, and every one after it. */
static void test_failed_behind(struct store *store)
{
	struct transaction transaction;
	struct error err = { "" };
	char path[4096];
	FILE *blocker;
	int failed = fill(store, &transaction, 5, "9", &err) < 0;

	snprintf(path, sizeof(path), "%s/store/transactions/%s", store->root, transaction.name);
	blocker = fopen(path, "w");
	if (blocker)
		fclose(blocker);
	ok(!failed && blocker && transaction_commit_behind(&transaction, &err) == 0,
	   "a commit behind starts");
	err.message[0] = '\0';
	is_int(store_settle(store, &err), -1, "its failure is the settle's");
	printf("# %s\n", err.message);
	ok(strstr(err.message, "unable to commit") != NULL, "  saying it could not commit");
	is_int(store_settle(store, &err), -1, "  and the next settle's too");
	is_string(contents(store, "store/sequence"), "8", "nothing of it was applied");
	unlink(path);
}

/* A run killed while removing an applied transaction's directory, its
 * MANIFEST gone and the directory not: the next recovery removes it. */
static void test_half_removed(struct store *store)
{
	struct error err = { "" };
	char path[4096];
	int recovered;

	snprintf(path, sizeof(path), "%s/store/transactions/20261205T000000Z-0000001-000001",
		 store->root);
	ok(mkdir(path, 0700) == 0, "an applied transaction's directory, without its MANIFEST");
	recovered = store_recover(store, &err);
	is_int(recovered, 0, "recovery finishes nothing and fails on nothing");
	if (recovered < 0)
		printf("# %s\n", err.message);
	is_int(transactions_left(store), 0, "  and removes the directory");
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
	put_one(&store, "store/dossiers/old-b.xml");
	test_commit_behind(&store);
	test_failed_behind(&store);
	test_half_removed(&store);
	store_close(&store);
	{
		char command[128];

		snprintf(command, sizeof(command), "rm -rf '%s'", scratch);
		if (system(command) != 0)
			printf("# %s not removed\n", scratch);
	}
	return tap_done();
}
