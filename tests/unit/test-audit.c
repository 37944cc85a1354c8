/* test-audit.c - the run's audit archive (pipeline/audit/audit.c) with inputs put
 * in as they are taken: more inputs than the table of paths was sized for
 * (it grows, refilled from the manifest), a dossier changed in two
 * transactions archived and counted once, the bag intact by `ecap audit
 * verify`'s check; and an input added early that no committed transaction
 * took refuses the archive and leaves the journals for the next run. The
 * letters, e-mails and certificates of a committed transaction put in early
 * (audit_add_committed) go in once, and one written again after that
 * refuses the archive; put in over several steps, between the inputs that
 * follow, they go in once each, in the journal's order, the last ones with
 * the next committed transaction's. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "audit_verify.h"
#include "hash.h"
#include "store.h"
#include "tap.h"

#define INPUTS 300

static char directory[] = "/tmp/ecap-test-audit-XXXXXX";

#include "state-files.h"

/* How many entries the directory at relative holds. */
static size_t count_entries(const char *relative)
{
	char path[4096];
	struct dirent *entry;
	size_t count = 0;
	DIR *listing;

	snprintf(path, sizeof(path), "%s/%s", directory, relative);
	listing = opendir(path);
	while (listing && (entry = readdir(listing)))
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			count++;
	if (listing)
		closedir(listing);
	return count;
}

/* Takes dropbox/<name> (holding text) into the store in the open
 * transaction, and puts it in the bag from its bytes. */
static int take(struct transaction *transaction, struct audit_bag *bag, const char *name,
		const char *text, struct error *err)
{
	char source[256], destination[256], digest[65], relative[256];

	snprintf(relative, sizeof(relative), "dropbox/%s", name);
	write_file(relative, text);
	sha256_hex(text, strlen(text), digest);
	snprintf(source, sizeof(source), "dropbox/%s", name);
	snprintf(destination, sizeof(destination), "store/inputs/%.2s/%s", digest, digest);
	if (transaction_take(transaction, source, destination, err) < 0)
		return -1;
	return audit_add_input(bag, destination, name, text, strlen(text), digest, err);
}

/* The tar.gz at relative, open for reading; NULL when it cannot be read. */
static struct archive *open_archive(const char *relative)
{
	struct archive *archive = archive_read_new();
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", directory, relative);
	archive_read_support_filter_gzip(archive);
	archive_read_support_format_tar(archive);
	if (archive_read_open_filename(archive, path, 65536) == ARCHIVE_OK)
		return archive;
	archive_read_free(archive);
	return NULL;
}

/* The archive's entry at bag_path (below the bag's top directory) into
 * out; the count of entries with that path is returned. */
static int read_entry(const char *relative, const char *bag_path, char *out, size_t size)
{
	struct archive *archive = open_archive(relative);
	struct archive_entry *entry;
	int found = 0;

	out[0] = '\0';
	if (archive)
		while (archive_read_next_header(archive, &entry) == ARCHIVE_OK) {
			const char *slash = strchr(archive_entry_pathname(entry), '/');
			la_ssize_t got;

			if (!slash || strcmp(slash + 1, bag_path) != 0)
				continue;
			found++;
			got = archive_read_data(archive, out, size - 1);
			out[got > 0 ? got : 0] = '\0';
		}
	archive_read_free(archive);
	return found;
}

/* bag-info.txt of the archive at relative, into out. */
static void read_bag_info(const char *relative, char *out, size_t size)
{
	read_entry(relative, "bag-info.txt", out, size);
}

/* The archive at relative, by `ecap audit verify`'s check. */
static void check_verifies(const char *relative)
{
	struct error err = { "" };
	char path[4096];
	const char *files[1] = { path };
	FILE *report = fopen("/dev/null", "w");

	snprintf(path, sizeof(path), "%s/%s", directory, relative);
	is_int(audit_verify(files, 1, report, &err), 0, "the archive verifies as intact");
	if (report)
		fclose(report);
}

/* 300 inputs and a dossier changed twice, in three transactions; round
 * makes each call's inputs new. */
static void test_early_inputs(struct store *store, const struct audit_facts *facts, int round)
{
	struct audit_bag *bag = NULL;
	struct transaction transaction;
	struct error err = { "" };
	char name[64], text[128], written[4096], info[4096];
	int failed = 0;

	ok(audit_begin(store, facts, 0, &bag, &err) == 0, "a bag begins, sized for no input");
	for (int group = 0; group < 3 && !failed; group++) {
		failed = transaction_begin(store, &transaction, &err) < 0;
		for (int i = 0; i < INPUTS / 3 && !failed; i++) {
			snprintf(name, sizeof(name), "package-%d-%d.zip", group, i);
			snprintf(text, sizeof(text), "the bytes of package %d of group %d, round %d",
				 i, group, round);
			failed = take(&transaction, bag, name, text, &err) < 0;
		}
		snprintf(text, sizeof(text), "<dossier version='%d'/>", group);
		if (!failed && group < 2)
			failed = transaction_put(&transaction, "store/dossiers/A-1.xml", text,
						 strlen(text), &err) < 0;
		if (!failed)
			failed = transaction_commit(&transaction, &err) < 0;
	}
	ok(!failed, "300 inputs taken in three transactions, each put in the bag as taken");
	if (failed)
		printf("# %s\n", err.message);
	ok(audit_finish(bag, written, sizeof(written), &err) == 0, "the archive is finished");
	printf("# %s %s\n", written, err.message);
	audit_release(bag);
	is_int(count_entries("store/journal"), 0, "the journals it covers are ended with it");
	read_bag_info(written, info, sizeof(info));
	ok(strstr(info, "Ecap-Inputs-Taken: 300\n") != NULL, "bag-info: 300 inputs taken");
	ok(strstr(info, "Ecap-Dossiers-Changed: 1\n") != NULL,
	   "bag-info: one dossier changed (in two transactions)");
	ok(strstr(info, ".302\n") != NULL, "bag-info: 302 files (the policy, 300 inputs, a dossier)");
	check_verifies(written);
}

/* A transaction putting each of paths (NULL-ended) with its text, then
 * committed; its name (its journal's) into name. */
static int commit_files(struct store *store, const char *const *paths, const char *const *texts,
			char *name, size_t size, struct error *err)
{
	struct transaction transaction;

	if (transaction_begin(store, &transaction, err) < 0)
		return -1;
	snprintf(name, size, "%s", transaction.name);
	for (size_t i = 0; paths[i]; i++)
		if (transaction_put(&transaction, paths[i], texts[i], strlen(texts[i]), err) < 0) {
			transaction_abort(&transaction);
			return -1;
		}
	return transaction_commit(&transaction, err);
}

static void test_committed_outputs(struct store *store, const struct audit_facts *facts)
{
	static const char *const first[] = {
		"out/notices/A-2/01-acknowledgment.pdf", "out/mail/A-2/01-acknowledgment.eml",
		"out/certificates/R-1-1.xml", "store/dossiers/A-2.xml", NULL,
	};
	static const char *const first_texts[] = {
		"%PDF the letter", "the e-mail", "<certificate/>", "<dossier version='1'/>",
	};
	static const char *const second[] = {
		"store/dossiers/A-2.xml", "out/notices/A-2/02-interview.txt", NULL,
	};
	static const char *const second_texts[] = { "<dossier version='2'/>", "the next letter" };
	struct audit_bag *bag = NULL;
	struct error err = { "" };
	char name[96], written[4096], info[4096], text[256];
	int failed;

	failed = audit_begin(store, facts, 0, &bag, &err) < 0 ||
		 commit_files(store, first, first_texts, name, sizeof(name), &err) < 0 ||
		 audit_add_committed(bag, name, 0, &err) < 0 ||
		 commit_files(store, second, second_texts, name, sizeof(name), &err) < 0;
	ok(!failed, "a committed transaction's letter, e-mail and certificate put in early");
	if (failed)
		printf("# %s\n", err.message);
	ok(audit_finish(bag, written, sizeof(written), &err) == 0, "the archive is finished");
	audit_release(bag);
	is_int(read_entry(written, "data/out/notices/A-2/01-acknowledgment.pdf", text,
			  sizeof(text)), 1, "the letter is in it once");
	is_string(text, "%PDF the letter", "  as it was written");
	is_int(read_entry(written, "data/dossiers/A-2.xml", text, sizeof(text)), 1,
	       "the dossier, put early by neither, is in it once");
	is_string(text, "<dossier version='2'/>", "  as the second transaction left it");
	is_int(read_entry(written, "data/out/notices/A-2/02-interview.txt", text, sizeof(text)),
	       1, "the second transaction's letter is in it, from the end's walk");
	read_bag_info(written, info, sizeof(info));
	ok(strstr(info, "Ecap-Outputs-Written: 4\n") != NULL, "bag-info: four outputs written");
	check_verifies(written);
}

/* A letter put in early and written again by a later transaction: the
 * archive would hold what it was, so it is refused, the journals kept. */
static void test_written_again(struct store *store, const struct audit_facts *facts,
			       int early)
{
	static const char *const letter[] = { "out/notices/B-1/01-returned.pdf", NULL };
	static const char *const first_texts[] = { "%PDF as first written" };
	static const char *const again_texts[] = { "%PDF written again" };
	struct audit_bag *bag = NULL;
	struct error err = { "" };
	char name[96], written[4096];
	size_t archives = count_entries("audit");
	int failed, result;

	failed = audit_begin(store, facts, 0, &bag, &err) < 0 ||
		 commit_files(store, letter, first_texts, name, sizeof(name), &err) < 0 ||
		 audit_add_committed(bag, name, 0, &err) < 0 ||
		 commit_files(store, letter, again_texts, name, sizeof(name), &err) < 0;
	ok(!failed, early ? "a letter put in early, written again, the second also committed" :
	   "a letter put in early, then written again");
	result = early ? audit_add_committed(bag, name, 0, &err) :
			 audit_finish(bag, written, sizeof(written), &err);
	is_int(result, -1, early ? "putting the second in early is refused" :
	       "the archive is refused at the end");
	ok(strstr(err.message, "out/notices/B-1/01-returned.pdf") &&
	   strstr(err.message, "written again"), "  and the message names the letter");
	printf("# %s\n", err.message);
	audit_release(bag);
	is_int(count_entries("audit"), archives, "no new archive was left in audit/");
	ok(count_entries("store/journal") >= 2, "the journals are kept for the next run");
}

/* The archive's entry paths (below its top directory), in order, each
 * followed by a newline, into out. */
static void list_entries(const char *relative, char *out, size_t size)
{
	struct archive *archive = open_archive(relative);
	struct archive_entry *entry;
	size_t used = 0;

	out[0] = '\0';
	if (archive)
		while (archive_read_next_header(archive, &entry) == ARCHIVE_OK && used < size) {
			const char *slash = strchr(archive_entry_pathname(entry), '/');
			int wrote = snprintf(out + used, size - used, "%s\n", slash ? slash + 1 : "");

			used += wrote > 0 ? (size_t)wrote : 0;
		}
	archive_read_free(archive);
}

/* Where line (a whole line of listing) is in it, or -1. */
static long position_of(const char *listing, const char *line)
{
	size_t length = strlen(line);

	for (const char *at = listing; (at = strstr(at, line)); at++)
		if ((at == listing || at[-1] == '\n') && at[length] == '\n')
			return at - listing;
	return -1;
}

/* A committed transaction of 12 letters put in over four steps: some before
 * an input taken after the first step, the rest after it, each once, in
 * the journal's order; a second committed transaction's audit_add_committed
 * finishes what the steps left of the first. */
static void test_committed_in_steps(struct store *store, const struct audit_facts *facts)
{
	enum { LETTERS = 12 };
	const char *paths[LETTERS + 1] = { NULL }, *texts[LETTERS] = { NULL };
	static const char *const later[] = { "out/notices/C-2/01-acknowledgment.txt", NULL };
	static const char *const later_texts[] = { "a later letter" };
	char storage[LETTERS][64], name[96], later_name[96], written[4096], listing[8192];
	char line[160], digest[65];
	struct audit_bag *bag = NULL;
	struct transaction transaction;
	struct error err = { "" };
	long previous = -1, input;
	int failed, in_order = 1, once = 1, before = 0;

	for (int i = 0; i < LETTERS; i++) {
		snprintf(storage[i], sizeof(storage[i]), "out/notices/C-1/%02d-returned.txt", i + 1);
		paths[i] = storage[i];
		texts[i] = "a letter";
	}
	failed = audit_begin(store, facts, 0, &bag, &err) < 0 ||
		 commit_files(store, paths, texts, name, sizeof(name), &err) < 0 ||
		 audit_add_committed(bag, name, 4, &err) < 0 ||
		 audit_continue_committed(bag, &err) < 0 ||
		 transaction_begin(store, &transaction, &err) < 0 ||
		 take(&transaction, bag, "after-one-step.zip", "taken after one step", &err) < 0 ||
		 transaction_commit(&transaction, &err) < 0 ||
		 audit_continue_committed(bag, &err) < 0 ||
		 commit_files(store, later, later_texts, later_name, sizeof(later_name),
			      &err) < 0 ||
		 audit_add_committed(bag, later_name, 4, &err) < 0;
	ok(!failed, "a transaction's 12 letters put in over steps, an input taken between");
	if (failed)
		printf("# %s\n", err.message);
	ok(audit_finish(bag, written, sizeof(written), &err) == 0, "the archive is finished");
	audit_release(bag);
	list_entries(written, listing, sizeof(listing));
	sha256_hex("taken after one step", strlen("taken after one step"), digest);
	snprintf(line, sizeof(line), "data/inputs/%s/after-one-step.zip", digest);
	input = position_of(listing, line);
	for (int i = 0; i < LETTERS; i++) {
		long at;

		snprintf(line, sizeof(line), "data/%s", storage[i]);
		at = position_of(listing, line);
		in_order = in_order && at > previous;
		once = once && at >= 0 && !strstr(listing + at + 1, line);
		before += at >= 0 && at < input;
		previous = at;
	}
	ok(input >= 0, "the input is in the archive");
	ok(once, "each letter is in it once");
	ok(in_order, "  in the journal's order");
	printf("# %d of %d letters before the input\n", before, LETTERS);
	ok(before > 0 && before < LETTERS, "  some before the input, the rest after it");
	ok(position_of(listing, "data/out/notices/C-2/01-acknowledgment.txt") > previous,
	   "the later transaction's letter comes after all of them");
	check_verifies(written);
}

static void test_input_never_taken(struct store *store, const struct audit_facts *facts)
{
	struct audit_bag *bag = NULL;
	struct transaction taken, dropped;
	struct error err = { "" };
	char written[4096];
	size_t archives = count_entries("audit");
	int failed;

	failed = audit_begin(store, facts, 4, &bag, &err) < 0 ||
		 transaction_begin(store, &taken, &err) < 0 ||
		 take(&taken, bag, "kept.zip", "a package that is taken", &err) < 0 ||
		 transaction_commit(&taken, &err) < 0 ||
		 transaction_begin(store, &dropped, &err) < 0 ||
		 take(&dropped, bag, "dropped.zip", "a package whose transaction fails", &err) < 0;
	ok(!failed, "two inputs put in the bag, one of them in a transaction then aborted");
	if (!failed)
		transaction_abort(&dropped);
	is_int(audit_finish(bag, written, sizeof(written), &err), -1,
	       "the archive is refused: it holds an input no journal names");
	ok(strstr(err.message, "2 inputs") && strstr(err.message, "1 of them"),
	   "  and the message says how many of each");
	printf("# %s\n", err.message);
	audit_release(bag);
	is_int(count_entries("audit"), archives, "no new archive was left in audit/");
	is_int(count_entries("store/journal"), 1, "the journal is kept for the next run");
	is_int(count_entries("store/transactions"), 0, "no transaction is left open");
}

int main(void)
{
	struct store store;
	struct audit_facts facts = { NULL, "测试学会", 20000, 1800000000, NULL, 0 };

	setlocale(LC_ALL, "C.UTF-8");
	open_test_state(&store);
	facts.run_id = store.run_id;
	test_early_inputs(&store, &facts, 1);
	/* the same with the table of paths in a file from the start (a run of
	 * more than some 10,000 applications): the dossier still goes in once */
	audit_paths_limit_memory(64);
	test_early_inputs(&store, &facts, 2);
	audit_paths_limit_memory(0);
	test_committed_outputs(&store, &facts);
	test_committed_in_steps(&store, &facts);
	test_input_never_taken(&store, &facts);
	test_written_again(&store, &facts, 0);
	test_written_again(&store, &facts, 1);
	store_close(&store);
	remove_test_state();
	return tap_done();
}
