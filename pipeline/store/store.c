/* store.c - the state directory and its grouped, crash-safe transactions; see store.h. */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "directory.h"
#include "worker.h"

#define TRANSACTIONS "store/transactions"

enum operation_kind { OPERATION_PUT, OPERATION_TAKE, OPERATION_REMOVE };

struct store_operation {
	enum operation_kind kind;
	char file[16];			/* the file's name inside the transaction */
	char *destination;		/* relative to the state directory; owned */
	char *source;			/* take: the dropbox name; owned */
	dev_t device;			/* take: the input's identity, so that a */
	ino_t inode;			/* new file of the same name is never dropped */
	int reserved;			/* transaction_reserve: made by the caller */
};

/* The transaction committing on a thread of its own, started by
 * transaction_commit_behind and ended by store_settle. */
struct store_behind {
	struct transaction transaction;	/* the thread's until settled */
	pthread_t thread;
	int running;			/* started, not yet settled */
	int result;			/* the thread's, once joined */
	struct error error;
};

static int settle(struct store_behind *behind, struct error *err);

#define BEHIND_STACK ((size_t)256 << 10)

static const char *const layout[] = {
	"dropbox", "quarantine", "out", "out/notices", "out/certificates", "out/reports",
	"out/public", "audit", "store", "store/dossiers", "store/inputs", "store/seen",
	"store/records", "store/wakeups", "store/expiries", "store/register",
	"store/identities", "store/pending", "store/pending/publicity", "store/pending/changes",
	"store/journal", TRANSACTIONS, NULL
};

int store_create_layout(const char *directory, struct error *err)
{
	char path[PATH_MAX];

	if (make_directories(directory, 0700, err) < 0)
		return -1;
	if (chmod(directory, 0700) < 0)
		return error_set_errno(err, "unable to set the mode of '%s'", directory);
	for (size_t i = 0; layout[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", directory, layout[i]);
		if (make_directories(path, 0700, err) < 0)
			return -1;
	}
	/* Each transaction is a new directory, its files made in it and
	 * renamed away, and a run replaces (frees) an inode for most files it
	 * writes. ext4 without a journal will not reuse an inode freed in the
	 * last half minute or so, and looks at each such inode of the group it
	 * allocates in (recently_deleted): with every transaction in the
	 * group of store/transactions, creating a file came to scan thousands,
	 * half the filing thread's time in a certification run (BENCH.md,
	 * session 11). Spread, the transactions' directories fall in groups
	 * with few. A hint only: elsewhere it fails, and nothing else changes.
	 * Set here, which every run passes through, so that a state made by an
	 * older version gets it too. */
	snprintf(path, sizeof(path), "%s/%s", directory, TRANSACTIONS);
	(void)directory_hint_spread(path);
	return 0;
}

const char *store_path(const struct store *store, const char *relative, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", store->root, relative);
	return out;
}

int store_open(struct store *store, const char *directory, struct error *err)
{
	char path[PATH_MAX];
	struct stat info;
	time_t now = time(NULL);
	struct tm utc;

	memset(store, 0, sizeof(*store));
	store->root_fd = -1;
	if (!realpath(directory, store->root)) {
		if (errno != ENOENT && errno != ENOTDIR)
			return error_set_errno(err, "unable to read the state directory '%s'",
					       directory), STORE_UNREADABLE;
		return error_set_errno(err, "no state directory at '%s'", directory);
	}
	/* Short enough that every path built below it fits in PATH_MAX. */
	if (strlen(store->root) > 2048)
		return error_set(err, "the path of the state directory is too long");
	/* One that cannot be read is not mistaken for one that is not there. */
	if (stat(store_path(store, TRANSACTIONS, path, sizeof(path)), &info) < 0 &&
	    errno != ENOENT && errno != ENOTDIR)
		return error_set_errno(err, "unable to read the state directory '%s'",
				       directory), STORE_UNREADABLE;
	if (stat(path, &info) < 0 || !S_ISDIR(info.st_mode))
		return error_set(err, "'%s' is not a state directory (run 'ecap init %s' first)",
				 directory, directory);
	/* Re-create any layout directory an operator removed by hand. */
	if (store_create_layout(store->root, err) < 0)
		return STORE_UNREADABLE;
	store->root_fd = open(store->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (store->root_fd < 0)
		return error_set_errno(err, "unable to open '%s'", store->root), STORE_UNREADABLE;
	gmtime_r(&now, &utc);
	/* the process id in seven digits (Linux's largest is 4,194,304), so
	 * that the names a run id begins (quarantine/, audit/) sort in the
	 * order of the runs even when two runs of one second have ids of
	 * different lengths (9957, then 10056) */
	snprintf(store->run_id, sizeof(store->run_id), "%04d%02d%02dT%02d%02d%02dZ-%07ld",
		 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
		 utc.tm_sec, (long)getpid());
	return 0;
}

void store_close(struct store *store)
{
	struct error ignored;

	/* a run that failed may leave one behind: ended, as a kill would
	 * (committed or not, the next run's recovery finishes it) */
	(void)store_settle(store, &ignored);
	free(store->behind);
	store->behind = NULL;
	if (store->root_fd >= 0)
		close(store->root_fd);
	store->root_fd = -1;
}

static int sync_everything(struct store *store, struct error *err)
{
	if (syncfs(store->root_fd) < 0)
		return error_set_errno(err, "unable to sync the state directory '%s'", store->root);
	return 0;
}

/* ---- the manifest: one operation per line, paths percent-encoded ---- */

static void encode_path(FILE *out, const char *path)
{
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (*c <= ' ' || *c == '%' || *c == 0x7f)
			fprintf(out, "%%%02X", *c);
		else
			fputc(*c, out);
	}
}

char *store_decode_path(const char *text)
{
	char *out = malloc(strlen(text) + 1), *write = out;

	if (!out)
		return NULL;
	for (const char *c = text; *c; c++) {
		unsigned value;

		if (*c == '%' && sscanf(c + 1, "%2X", &value) == 1 && c[1] && c[2]) {
			*write++ = (char)value;
			c += 2;
		} else {
			*write++ = *c;
		}
	}
	*write = '\0';
	return out;
}

static int write_manifest(struct transaction *transaction, struct error *err)
{
	char path[PATH_MAX];
	FILE *out;

	snprintf(path, sizeof(path), "%s/MANIFEST", transaction->directory);
	out = fopen(path, "wx");
	if (!out)
		return error_set_errno(err, "unable to create '%s'", path);
	for (size_t i = 0; i < transaction->operation_count; i++) {
		const struct store_operation *operation = &transaction->operations[i];
		static const char *const names[] = { "put", "take", "remove" };

		fprintf(out, "%s %s ", names[operation->kind],
			operation->file[0] ? operation->file : "-");
		encode_path(out, operation->destination);
		if (operation->kind == OPERATION_TAKE) {
			fputc(' ', out);
			encode_path(out, operation->source);
			fprintf(out, " %llu %llu", (unsigned long long)operation->device,
				(unsigned long long)operation->inode);
		}
		fputc('\n', out);
	}
	/* every line or none: a MANIFEST missing a block that a full disk
	 * swallowed would, once committed, be applied in part or refused */
	if (close_stream(out) < 0)
		return error_set_errno(err, "unable to write '%s'", path);
	return 0;
}

static void release_operations(struct transaction *transaction)
{
	for (size_t i = 0; i < transaction->operation_count; i++) {
		free(transaction->operations[i].destination);
		free(transaction->operations[i].source);
	}
	free(transaction->operations);
	transaction->operations = NULL;
	transaction->operation_count = transaction->operation_capacity = 0;
	string_index_release(&transaction->latest);
}

static int parse_manifest_line(char *line, struct store_operation *operation)
{
	char kind[16], file[16], destination[PATH_MAX * 3], source[PATH_MAX * 3];
	unsigned long long device = 0, inode = 0;
	int fields = sscanf(line, "%15s %15s %12287s %12287s %llu %llu", kind, file,
			    destination, source, &device, &inode);

	memset(operation, 0, sizeof(*operation));
	if (fields < 3)
		return -1;
	if (strcmp(kind, "put") == 0)
		operation->kind = OPERATION_PUT;
	else if (strcmp(kind, "take") == 0 && fields == 6)
		operation->kind = OPERATION_TAKE;
	else if (strcmp(kind, "remove") == 0)
		operation->kind = OPERATION_REMOVE;
	else
		return -1;
	snprintf(operation->file, sizeof(operation->file), "%s", file);
	operation->destination = store_decode_path(destination);
	operation->source = operation->kind == OPERATION_TAKE ? store_decode_path(source) : NULL;
	operation->device = (dev_t)device;
	operation->inode = (ino_t)inode;
	return operation->destination ? 0 : -1;
}

static int read_manifest(struct transaction *transaction, struct error *err)
{
	char path[PATH_MAX], *line = NULL;
	size_t line_size = 0;
	FILE *in;
	int result = 0;

	snprintf(path, sizeof(path), "%s/MANIFEST", transaction->directory);
	in = fopen(path, "r");
	if (!in)
		return error_set_errno(err, "unable to read '%s'", path);
	while (getline(&line, &line_size, in) > 0) {
		struct store_operation operation;

		line[strcspn(line, "\n")] = '\0';
		if (transaction->operation_count == transaction->operation_capacity) {
			size_t capacity = transaction->operation_capacity * 2 + 16;
			struct store_operation *grown = realloc(transaction->operations,
								capacity * sizeof(*grown));
			if (!grown) {
				result = error_set(err, "out of memory reading '%s'", path);
				break;
			}
			transaction->operations = grown;
			transaction->operation_capacity = capacity;
		}
		if (parse_manifest_line(line, &operation) < 0) {
			free(operation.destination);
			free(operation.source);
			result = error_set(err, "'%s' is damaged: '%s'", path, line);
			break;
		}
		transaction->operations[transaction->operation_count++] = operation;
	}
	free(line);
	fclose(in);
	return result;
}

/* ---- building a transaction ---- */

int transaction_begin(struct store *store, struct transaction *transaction, struct error *err)
{
	memset(transaction, 0, sizeof(*transaction));
	transaction->store = store;
	transaction->keep_journal = 1;
	snprintf(transaction->name, sizeof(transaction->name), "%s-%06u", store->run_id,
		 ++store->transaction_count);
	snprintf(transaction->directory, sizeof(transaction->directory), "%s/%s/%s.tmp",
		 store->root, TRANSACTIONS, transaction->name);
	if (mkdir(transaction->directory, 0700) < 0)
		return error_set_errno(err, "unable to create '%s'", transaction->directory);
	return 0;
}

static struct store_operation *add_operation(struct transaction *transaction,
					     enum operation_kind kind,
					     const char *destination, struct error *err)
{
	struct store_operation *operation;

	if (transaction->operation_count == transaction->operation_capacity) {
		size_t capacity = transaction->operation_capacity * 2 + 16;
		struct store_operation *grown = realloc(transaction->operations,
							capacity * sizeof(*grown));
		if (!grown) {
			error_set(err, "out of memory");
			return NULL;
		}
		transaction->operations = grown;
		transaction->operation_capacity = capacity;
	}
	operation = &transaction->operations[transaction->operation_count];
	memset(operation, 0, sizeof(*operation));
	operation->kind = kind;
	operation->destination = strdup(destination);
	if (!operation->destination ||
	    string_index_set(&transaction->latest, operation->destination,
			     transaction->operation_count) < 0) {
		free(operation->destination);
		error_set(err, "out of memory");
		return NULL;
	}
	if (kind != OPERATION_REMOVE)
		snprintf(operation->file, sizeof(operation->file), "%06zu",
			 transaction->operation_count + 1);
	transaction->operation_count++;
	return operation;
}

/* The transaction's last operation at destination, or NULL. */
static struct store_operation *last_operation_at(const struct transaction *transaction,
						 const char *destination)
{
	size_t index = string_index_find(&transaction->latest, destination);

	return index == STRING_INDEX_NONE ? NULL : &transaction->operations[index];
}

/* A new file at path holding data; what fstat says of it into written. */
static int write_noted(const char *path, const char *destination, const void *data,
		       size_t size, struct stat *written, struct error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), result;

	if (fd < 0)
		return error_set_errno(err, "unable to create '%s'", path);
	result = write_all(fd, data, size, err);
	if (result < 0)
		error_set_errno(err, "unable to write '%s'", destination);
	if (result == 0 && written && fstat(fd, written) < 0)
		result = error_set_errno(err, "unable to read '%s'", path);
	if (close(fd) < 0 && result == 0)
		result = error_set_errno(err, "unable to write '%s'", destination);
	return result;
}

int transaction_put_noted(struct transaction *transaction, const char *destination,
			  const void *data, size_t size, struct stat *written, struct error *err)
{
	struct store_operation *operation = add_operation(transaction, OPERATION_PUT,
							  destination, err);
	char path[PATH_MAX];

	if (!operation)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", transaction->directory, operation->file);
	return write_noted(path, destination, data, size, written, err);
}

int transaction_put(struct transaction *transaction, const char *destination,
		    const void *data, size_t size, struct error *err)
{
	return transaction_put_noted(transaction, destination, data, size, NULL, err);
}

/* A new file at path (in a transaction's directory) holding data. */
static int write_file(const char *path, const void *data, size_t size, struct error *err)
{
	return write_noted(path, path, data, size, NULL, err);
}

int transaction_write_reserved(const char *path, const void *data, size_t size,
			       struct error *err)
{
	return write_file(path, data, size, err);
}

int transaction_reserve(struct transaction *transaction, const char *destination,
			char *path, size_t size, struct error *err)
{
	struct store_operation *operation = add_operation(transaction, OPERATION_PUT,
							  destination, err);

	if (!operation)
		return -1;
	operation->reserved = 1;
	snprintf(path, size, "%s/%s", transaction->directory, operation->file);
	return 0;
}

/* Every reserved place made, checked before the commit point: once
 * committed, a file missing from the transaction reads as already moved
 * (apply_operation), and what belonged there would be lost unsaid. */
static int check_reserved_made(const struct transaction *transaction, struct error *err)
{
	for (size_t i = 0; i < transaction->operation_count; i++) {
		const struct store_operation *operation = &transaction->operations[i];
		char path[PATH_MAX];

		if (!operation->reserved)
			continue;
		snprintf(path, sizeof(path), "%s/%s", transaction->directory, operation->file);
		if (access(path, F_OK) < 0)
			return error_set_errno(err, "'%s' was never written (for '%s')", path,
					       operation->destination);
	}
	return 0;
}

int transaction_create(struct transaction *transaction, const char *destination,
		       char *path, size_t size, struct error *err)
{
	int fd;

	if (transaction_reserve(transaction, destination, path, size, err) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set_errno(err, "unable to create '%s'", path);
	close(fd);
	return 0;
}

/* An input's link inside the transaction is made private (R10): 0600. The
 * link is in the transaction's own directory, which no one else can write,
 * and checked to be a regular file first, so chmod follows nothing; and it
 * works on a file the run cannot read (input-unreadable), which a chmod
 * through a descriptor would need to open. */
static int make_private(const char *path, const char *source, struct error *err)
{
	struct stat info;

	if (lstat(path, &info) < 0 || !S_ISREG(info.st_mode) || chmod(path, 0600) < 0)
		return error_set(err, "unable to take '%s': it changed while being taken", source);
	return 0;
}

/* Forgets the operation just added, whose file could not be made: the
 * transaction goes on without it (the input stays in the dropbox). */
static int drop_last_operation(struct transaction *transaction, const char *path)
{
	struct store_operation *operation =
		&transaction->operations[--transaction->operation_count];
	size_t earlier = transaction->operation_count;

	if (path)
		unlink(path);
	/* the destination's last operation is again the one before, if any */
	while (earlier-- > 0 &&
	       strcmp(transaction->operations[earlier].destination, operation->destination) != 0)
		;
	string_index_remove(&transaction->latest, operation->destination);
	if (earlier != (size_t)-1)
		string_index_set(&transaction->latest, transaction->operations[earlier].destination,
				 earlier);	/* cannot fail: it has just had room */
	free(operation->destination);
	free(operation->source);
	return -1;
}

static int take_operation(struct transaction *transaction, const char *source,
			  const char *destination, char *to, size_t to_size,
			  struct store_operation **out, struct error *err)
{
	struct store_operation *operation = add_operation(transaction, OPERATION_TAKE,
							  destination, err);

	if (!operation)
		return -1;
	operation->source = strdup(source);
	if (!operation->source) {
		error_set(err, "out of memory");
		return drop_last_operation(transaction, NULL);
	}
	snprintf(to, to_size, "%s/%s", transaction->directory, operation->file);
	*out = operation;
	return 0;
}

int transaction_take(struct transaction *transaction, const char *source,
		     const char *destination, struct error *err)
{
	struct store_operation *operation;
	char from[PATH_MAX], to[PATH_MAX];
	struct stat info;

	if (take_operation(transaction, source, destination, to, sizeof(to), &operation,
			   err) < 0)
		return -1;
	store_path(transaction->store, source, from, sizeof(from));
	if (lstat(from, &info) < 0) {
		error_set_errno(err, "unable to take '%s'", source);
		return drop_last_operation(transaction, NULL);
	}
	operation->device = info.st_dev;
	operation->inode = info.st_ino;
	/* Anything but a regular file (a link, a pipe, a device) is moved as it
	 * is, never followed or opened: link() and rename() act on the entry. */
	if (link(from, to) < 0) {
		error_set_errno(err, "unable to take '%s'", source);
		return drop_last_operation(transaction, NULL);
	}
	if (S_ISREG(info.st_mode) && make_private(to, source, err) < 0)
		return drop_last_operation(transaction, to);
	return 0;
}

static int all_zero(const char *bytes, size_t size)
{
	return size == 0 || (bytes[0] == 0 && memcmp(bytes, bytes + 1, size - 1) == 0);
}

/* Copies the file open as fd into a new file at path, from its start. A
 * block of zeros is skipped, not written, so that a sparse file (an input
 * over the limits may be 50 GB of holes) stays sparse in its copy. */
static int copy_from_descriptor(int fd, const char *path, const char *source,
				struct error *err)
{
	char buffer[65536];
	int out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), result = 0;
	off_t length = 0;
	ssize_t got;

	if (out < 0)
		return error_set_errno(err, "unable to create '%s'", path);
	if (lseek(fd, 0, SEEK_SET) < 0)
		result = error_set_errno(err, "unable to take '%s'", source);
	while (result == 0 && (got = read(fd, buffer, sizeof(buffer))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			result = error_set_errno(err, "unable to take '%s'", source);
		else if (all_zero(buffer, (size_t)got) && lseek(out, got, SEEK_CUR) >= 0)
			length += got;
		else if ((result = write_all(out, buffer, (size_t)got, err)) == 0)
			length += got;
	}
	if (result == 0 && ftruncate(out, length) < 0)	/* the holes at the end */
		result = error_set_errno(err, "unable to write '%s'", path);
	if (close(out) < 0 && result == 0)
		result = error_set_errno(err, "unable to write '%s'", path);
	return result;
}

/* The file fd was opened on, unchanged since: same size and modification
 * time as when opened, so the bytes read from it are still its bytes. */
static int unchanged_since(int fd, const struct stat *opened)
{
	struct stat now;

	return fstat(fd, &now) == 0 && now.st_size == opened->st_size &&
	       now.st_mtim.tv_sec == opened->st_mtim.tv_sec &&
	       now.st_mtim.tv_nsec == opened->st_mtim.tv_nsec;
}

int transaction_take_opened(struct transaction *transaction, const char *source,
			    const char *destination, int fd, const struct stat *opened,
			    const void *data, size_t size, struct error *err)
{
	struct store_operation *operation;
	char to[PATH_MAX], self[64];
	int result;

	if (take_operation(transaction, source, destination, to, sizeof(to), &operation,
			   err) < 0)
		return -1;
	/* the dropbox name is dropped at commit only if it still names this file */
	operation->device = opened->st_dev;
	operation->inode = opened->st_ino;
	/* A hard link to the open file itself costs no copy. linkat through
	 * /proc/self/fd needs no privilege (AT_EMPTY_PATH would), and fails
	 * when the file has no name left (removed or replaced since it was
	 * opened): then the bytes are written as they were read. */
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, self, AT_FDCWD, to, AT_SYMLINK_FOLLOW) == 0) {
		if ((!data || unchanged_since(fd, opened)) && fchmod(fd, 0600) == 0)
			return 0;
		unlink(to);	/* written to since it was read: keep what was read */
	}
	if (data)
		result = write_file(to, data, size, err);
	else
		result = copy_from_descriptor(fd, to, source, err);
	return result < 0 ? drop_last_operation(transaction, to) : 0;
}

int transaction_remove(struct transaction *transaction, const char *path, struct error *err)
{
	return add_operation(transaction, OPERATION_REMOVE, path, err) ? 0 : -1;
}

int transaction_staged(const struct transaction *transaction, const char *destination,
		       char *path, size_t size)
{
	const struct store_operation *operation = last_operation_at(transaction, destination);

	if (!operation)
		return -1;
	if (operation->kind == OPERATION_REMOVE)
		return 0;
	snprintf(path, size, "%s/%s", transaction->directory, operation->file);
	return 1;
}

/* The last operation of the commit behind at destination, or NULL. Only the
 * thread that started that commit asks; the commit's thread does not change
 * the list of operations, which stays until the commit is settled. */
static const struct store_operation *behind_at(const struct store *store,
					       const char *destination)
{
	if (!store->behind || !store->behind->running)
		return NULL;
	return last_operation_at(&store->behind->transaction, destination);
}

int store_locate(const struct store *store, const struct transaction *transaction,
		 const char *relative, char *path, size_t size)
{
	int staged = transaction ? transaction_staged(transaction, relative, path, size) : -1;

	if (staged >= 0)
		return staged;
	/* a file the commit behind changes has no path to give until its
	 * rename into place is done: waited for (a failure is kept for
	 * store_settle's next caller, and the run stops there) */
	if (behind_at(store, relative)) {
		struct error kept;

		(void)settle(store->behind, &kept);
	}
	store_path(store, relative, path, size);
	return access(path, F_OK) == 0;
}

/* Opens the file the commit behind puts at destination (operation), without
 * waiting: the file only moves on, from the transaction's directory
 * (NAME.tmp, then NAME once committed) to its place, one rename at a time,
 * so looked for in that order it is found in one of them, and the same file
 * in each. -1 when it is in none (a commit that failed: the run stops). */
static int open_behind(const struct store *store, const struct store_operation *operation,
		       const char *destination)
{
	const char *name = store->behind->transaction.name;
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s.tmp/%s", store->root, TRANSACTIONS, name,
		 operation->file);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0 || errno != ENOENT)
		return fd;
	snprintf(path, sizeof(path), "%s/%s/%s/%s", store->root, TRANSACTIONS, name,
		 operation->file);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0 || errno != ENOENT)
		return fd;
	return open(store_path(store, destination, path, sizeof(path)),
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
}

int store_read_small(const struct store *store, const struct transaction *transaction,
		     const char *relative, char *text, size_t size, struct error *err)
{
	char path[PATH_MAX];
	const struct store_operation *operation = NULL;
	int staged = transaction ? transaction_staged(transaction, relative, path, sizeof(path)) :
				   -1;
	ssize_t got = 0, total = 0;
	int fd;

	if (staged == 0)
		return 0;
	if (staged < 0) {
		operation = behind_at(store, relative);
		if (operation && operation->kind == OPERATION_REMOVE)
			return 0;
		if (!operation)
			store_path(store, relative, path, sizeof(path));
	}
	fd = operation ? open_behind(store, operation, relative) :
			 open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return error_set_errno(err, "unable to read '%s'", relative);
	}
	while ((size_t)total + 1 < size && (got = read(fd, text + total, size - 1 - total)) > 0)
		total += got;
	close(fd);
	if (got < 0)
		return error_set_errno(err, "unable to read '%s'", relative);
	text[total] = '\0';
	return 1;
}

int store_exists(const struct store *store, const struct transaction *transaction,
		 const char *relative)
{
	char path[PATH_MAX];
	const struct store_operation *operation;
	int staged = transaction ? transaction_staged(transaction, relative, path, sizeof(path)) :
				   -1;

	if (staged >= 0)
		return staged;
	operation = behind_at(store, relative);
	if (operation)
		return operation->kind != OPERATION_REMOVE;
	store_path(store, relative, path, sizeof(path));
	return access(path, F_OK) == 0;
}

int transaction_empty(const struct transaction *transaction)
{
	return transaction->operation_count == 0;
}

/* ---- applying (again, after a crash) ---- */

static int ensure_parent(const struct store *store, const char *relative, struct error *err)
{
	char path[PATH_MAX], *slash;

	store_path(store, relative, path, sizeof(path));
	slash = strrchr(path, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	return make_directories(path, 0700, err);
}

static int apply_operation(struct transaction *transaction,
			   const struct store_operation *operation, struct error *err)
{
	const struct store *store = transaction->store;
	char from[PATH_MAX], to[PATH_MAX];
	struct stat info;
	int moved;

	store_path(store, operation->destination, to, sizeof(to));
	if (operation->kind == OPERATION_REMOVE) {
		if (unlink(to) < 0 && errno != ENOENT)
			return error_set_errno(err, "unable to remove '%s'", to);
		return 0;
	}
	snprintf(from, sizeof(from), "%s/%s", transaction->directory, operation->file);
	/* The destination's directory is there for most files: the rename is
	 * tried first, and its directories made only when it fails for want of
	 * one. After that, a missing source means this rename was done before a
	 * crash. */
	moved = rename(from, to);
	if (moved < 0 && errno == ENOENT) {
		if (ensure_parent(store, operation->destination, err) < 0)
			return -1;
		moved = rename(from, to);
	}
	if (moved < 0 && errno != ENOENT)
		return error_set_errno(err, "unable to move '%s' to '%s'", from, to);
	if (operation->kind != OPERATION_TAKE)
		return 0;
	store_path(store, operation->source, from, sizeof(from));
	if (lstat(from, &info) == 0 && info.st_dev == operation->device &&
	    info.st_ino == operation->inode && unlink(from) < 0)
		return error_set_errno(err, "unable to remove '%s' from the dropbox", from);
	return 0;
}

static void remove_transaction_directory(const char *directory)
{
	DIR *listing = opendir(directory);
	struct dirent *entry;
	char path[PATH_MAX];

	if (listing) {
		while ((entry = readdir(listing))) {
			if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
			unlink(path);
		}
		closedir(listing);
	}
	rmdir(directory);
}

static int apply_committed(struct transaction *transaction, struct error *err)
{
	for (size_t i = 0; i < transaction->operation_count; i++)
		if (apply_operation(transaction, &transaction->operations[i], err) < 0)
			return -1;
	if (sync_everything(transaction->store, err) < 0)
		return -1;
	remove_transaction_directory(transaction->directory);
	return 0;
}

/* The list of what the transaction changes, kept for the audit archive:
 * "put DEST", "take DEST SOURCE", "remove DEST", paths percent-encoded. */
static int add_journal(struct transaction *transaction, struct error *err)
{
	static const char *const names[] = { "put", "take", "remove" };
	char *text = NULL, destination[PATH_MAX];
	size_t size = 0, count = transaction->operation_count;
	FILE *out = open_memstream(&text, &size);
	int result;

	if (!out)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < count; i++) {
		const struct store_operation *operation = &transaction->operations[i];

		fprintf(out, "%s ", names[operation->kind]);
		encode_path(out, operation->destination);
		if (operation->kind == OPERATION_TAKE) {
			fputc(' ', out);
			encode_path(out, operation->source);
		}
		fputc('\n', out);
	}
	if (close_stream(out) < 0) {
		free(text);
		return error_set_errno(err, "unable to write the journal of '%s'",
				       transaction->name);
	}
	snprintf(destination, sizeof(destination), "store/journal/%s", transaction->name);
	result = transaction_put(transaction, destination, text, size, err);
	free(text);
	return result;
}

/* What goes into the transaction's directory before its commit: every
 * reserved file checked there, the journal, the MANIFEST. On the thread
 * that keeps the transaction. */
static int prepare_commit(struct transaction *transaction, struct error *err)
{
	if (check_reserved_made(transaction, err) < 0 ||
	    (transaction->keep_journal && add_journal(transaction, err) < 0) ||
	    write_manifest(transaction, err) < 0)
		return -1;
	return 0;
}

/* Everything durable, the commit point, then applied (store.h, steps 3 to
 * 6). Reads the operations and never changes them, so it may run on a
 * thread of its own (transaction_commit_behind). Failing before the commit
 * point, the transaction's directory is removed: it never happened. */
static int finish_commit(struct transaction *transaction, struct error *err)
{
	char committed[PATH_MAX], transactions[PATH_MAX];

	if (sync_everything(transaction->store, err) < 0)
		goto fail;
	snprintf(committed, sizeof(committed), "%s/%s/%s", transaction->store->root,
		 TRANSACTIONS, transaction->name);
	/* The commit point: from here on the transaction will be applied, by this
	 * run or, if it dies, by the next. */
	if (rename(transaction->directory, committed) < 0) {
		error_set_errno(err, "unable to commit '%s'", transaction->directory);
		goto fail;
	}
	snprintf(transaction->directory, sizeof(transaction->directory), "%s", committed);
	if (fsync_directory(store_path(transaction->store, TRANSACTIONS, transactions,
				       sizeof(transactions)), err) < 0)
		return -1;
	return apply_committed(transaction, err);
fail:
	remove_transaction_directory(transaction->directory);
	return -1;
}

int transaction_commit(struct transaction *transaction, struct error *err)
{
	int result = -1;

	/* one commit at a time, in order: the one behind first */
	if (store_settle(transaction->store, err) < 0 || prepare_commit(transaction, err) < 0)
		remove_transaction_directory(transaction->directory);
	else
		result = finish_commit(transaction, err);
	release_operations(transaction);
	return result;
}

static void *finish_in_thread(void *data)
{
	struct store_behind *behind = data;

	behind->result = finish_commit(&behind->transaction, &behind->error);
	return NULL;
}

/* Waits for the commit behind, if one runs: 0, or -1 with the failure of
 * the last one, again at every call (the run stops on it). */
static int settle(struct store_behind *behind, struct error *err)
{
	if (!behind)
		return 0;
	if (behind->running) {
		pthread_join(behind->thread, NULL);
		behind->running = 0;
		release_operations(&behind->transaction);
	}
	if (behind->result < 0) {
		*err = behind->error;
		return -1;
	}
	return 0;
}

int store_settle(struct store *store, struct error *err)
{
	return settle(store->behind, err);
}

int transaction_commit_behind(struct transaction *transaction, struct error *err)
{
	struct store *store = transaction->store;

	if (!store->behind && !(store->behind = calloc(1, sizeof(*store->behind))))
		return transaction_commit(transaction, err);
	if (store_settle(store, err) < 0 || prepare_commit(transaction, err) < 0) {
		remove_transaction_directory(transaction->directory);
		release_operations(transaction);
		return -1;
	}
	/* the transaction is the thread's now; the caller's is free to begin
	 * the next */
	store->behind->transaction = *transaction;
	memset(transaction, 0, sizeof(*transaction));
	/* a small stack (the thread holds a few paths), so that the run's
	 * address space under ulimit -v (memory.h) stays as it was; with no
	 * thread to be had, the commit is made on the caller's */
	if (!thread_start_with_stack(&store->behind->thread, BEHIND_STACK, finish_in_thread,
				     store->behind)) {
		int result = finish_commit(&store->behind->transaction, err);

		release_operations(&store->behind->transaction);
		return result;
	}
	store->behind->running = 1;
	return 0;
}

void transaction_abort(struct transaction *transaction)
{
	remove_transaction_directory(transaction->directory);
	release_operations(transaction);
}

/* Whether a committed transaction's directory still holds its MANIFEST
 * (anything but its absence counts as holding it: read_manifest then says
 * what is wrong). */
static int has_manifest(const char *directory)
{
	char path[PATH_MAX];
	struct stat info;

	snprintf(path, sizeof(path), "%s/MANIFEST", directory);
	return lstat(path, &info) == 0 || errno != ENOENT;
}

static int recover_one(struct store *store, const char *name, struct error *err)
{
	struct transaction transaction;
	size_t length = strlen(name);
	int result;

	memset(&transaction, 0, sizeof(transaction));
	transaction.store = store;
	snprintf(transaction.directory, sizeof(transaction.directory), "%s/%s/%s", store->root,
		 TRANSACTIONS, name);
	if (length > 4 && strcmp(name + length - 4, ".tmp") == 0) {
		remove_transaction_directory(transaction.directory);
		return 0;
	}
	if (!has_manifest(transaction.directory)) {
		/* its MANIFEST was in it at the commit point: it was applied and
		 * was being removed (remove_transaction_directory) when the run
		 * was killed */
		remove_transaction_directory(transaction.directory);
		return 0;
	}
	result = read_manifest(&transaction, err);
	if (result == 0)
		result = apply_committed(&transaction, err);
	release_operations(&transaction);
	return result < 0 ? -1 : 1;
}

int store_recover(struct store *store, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list names;
	int finished = 0;

	if (directory_list(store_path(store, TRANSACTIONS, directory, sizeof(directory)), "",
			   &names, err) < 0)
		return -1;
	for (size_t i = 0; i < names.count && finished >= 0; i++) {
		int result = recover_one(store, names.names[i], err);

		finished = result < 0 ? -1 : finished + result;
	}
	name_list_release(&names);
	return finished;
}
