/* test-audit-writer.c - the audit archive's bytes written and hashed on a
 * thread of their own (pipeline/audit/audit_writer.c): the same file and the
 * same SHA-256 as on the caller's thread, whatever the sizes of the blocks
 * put (larger than a buffer of the ring, many small ones); a write that
 * fails (a full disk) is said with the system's reason by the put after it or
 * by the finish, with the message the archive's writing always gave, and
 * every put fails after it; an archive given up with blocks still queued
 * ends its thread. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_writer.h"
#include "hash.h"
#include "tap.h"

static char directory[] = "/tmp/ecap-test-audit-writer-XXXXXX";

/* The blocks put, by size: small, odd, exactly a buffer, larger than the
 * ring, then many of a tar record's size. */
static const size_t sizes[] = { 1, 511, AUDIT_WRITER_BLOCK_BYTES, 3 * AUDIT_WRITER_BLOCK_BYTES +
				AUDIT_WRITER_BLOCK_BYTES / 2, 0, 65536, 7 };
#define SMALL_BLOCKS 300
#define SMALL_BLOCK 10240

static size_t total_size(void)
{
	size_t total = (size_t)SMALL_BLOCKS * SMALL_BLOCK;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		total += sizes[i];
	return total;
}

/* Bytes that differ from block to block, so that an order mixed up shows. */
static unsigned char *pattern(size_t size)
{
	unsigned char *bytes = malloc(size);

	for (size_t i = 0; bytes && i < size; i++)
		bytes[i] = (unsigned char)((i * 2654435761u) >> 13);
	return bytes;
}

static unsigned char *read_whole(const char *path, size_t *size)
{
	struct stat info;
	unsigned char *bytes = NULL;
	int fd = open(path, O_RDONLY);

	if (fd >= 0 && fstat(fd, &info) == 0 && (bytes = malloc((size_t)info.st_size + 1)) &&
	    read(fd, bytes, (size_t)info.st_size) != info.st_size) {
		free(bytes);
		bytes = NULL;
	}
	*size = bytes ? (size_t)info.st_size : 0;
	if (fd >= 0)
		close(fd);
	return bytes;
}

/* Writes the pattern through a writer (threaded or not) into NAME; the
 * archive's SHA-256 as the writer gives it into sha256. */
static void write_pattern(const char *name, int threaded, char sha256[65])
{
	struct audit_writer writer;
	struct error err = { "" };
	char path[4096], label[200], file_sha256[65];
	unsigned char *expected = pattern(total_size()), *got;
	size_t at = 0, size;
	int fd, failed;

	snprintf(path, sizeof(path), "%s/%s", directory, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	failed = !expected || fd < 0 || audit_writer_start(&writer, fd, threaded, &err) < 0;
	snprintf(label, sizeof(label), "%s: the writer starts", name);
	ok(!failed, label);
	if (failed) {
		printf("# %s\n", err.message);
		sha256[0] = '\0';
		free(expected);
		return;
	}
	snprintf(label, sizeof(label), "%s: %s", name, threaded ? "with a thread of its own" :
		 "on the caller's thread");
	is_int(writer.threaded, threaded && audit_writer_cpus() > 1, label);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]) && !failed; at += sizes[i++])
		failed = audit_writer_put(&writer, expected + at, sizes[i]) < 0;
	for (int i = 0; i < SMALL_BLOCKS && !failed; i++, at += SMALL_BLOCK)
		failed = audit_writer_put(&writer, expected + at, SMALL_BLOCK) < 0;
	failed = failed || audit_writer_finish(&writer, sha256, &err) < 0;
	snprintf(label, sizeof(label), "%s: every block is put and written", name);
	ok(!failed, label);
	if (failed)
		printf("# %s\n", err.message);
	audit_writer_release(&writer);
	close(fd);
	got = read_whole(path, &size);
	snprintf(label, sizeof(label), "%s: the file holds the blocks, in order", name);
	ok(got && size == total_size() && memcmp(got, expected, size) == 0, label);
	sha256_hex(expected, total_size(), file_sha256);
	snprintf(label, sizeof(label), "%s: the SHA-256 is the file's", name);
	is_string(sha256, file_sha256, label);
	free(got);
	free(expected);
}

/* A full disk: the failure comes back by a later put or by the finish, with
 * the system's reason, and stays. */
static void test_full_disk(int threaded)
{
	struct audit_writer writer;
	struct error err = { "" };
	unsigned char *block = pattern(AUDIT_WRITER_BLOCK_BYTES);
	char sha256[65], label[200];
	const char *how = threaded ? "with a thread" : "on the caller's thread";
	int fd = open("/dev/full", O_WRONLY), put_failed = 0, put_errno = 0, finished;

	if (fd < 0 || !block || audit_writer_start(&writer, fd, threaded, &err) < 0) {
		ok(0, "/dev/full opens and a writer starts");
		free(block);
		return;
	}
	for (int i = 0; i < 4 * AUDIT_WRITER_BLOCKS && !put_failed; i++)
		if (audit_writer_put(&writer, block, AUDIT_WRITER_BLOCK_BYTES) < 0) {
			put_failed = 1;
			put_errno = errno;
		}
	snprintf(label, sizeof(label), "full disk %s: a put after the failed write fails", how);
	ok(put_failed, label);
	snprintf(label, sizeof(label), "full disk %s: errno is the write's", how);
	is_int(put_errno, ENOSPC, label);
	finished = audit_writer_finish(&writer, sha256, &err);
	snprintf(label, sizeof(label), "full disk %s: the finish fails", how);
	is_int(finished, -1, label);
	snprintf(label, sizeof(label), "full disk %s: the message says so, with the reason", how);
	is_string(err.message, "unable to write the audit archive: Write error: "
		  "No space left on device", label);
	snprintf(label, sizeof(label), "full disk %s: so does audit_writer_failure", how);
	ok(audit_writer_failure(&writer, NULL) == 1, label);
	audit_writer_release(&writer);
	snprintf(label, sizeof(label), "full disk %s: a put after the release fails", how);
	ok(audit_writer_put(&writer, block, 1) < 0, label);
	close(fd);
	free(block);
}

/* Given up with blocks still queued (a run failing while its archive is
 * written): the release ends the thread, what waits is dropped. */
static void test_given_up(void)
{
	struct audit_writer writer;
	struct error err = { "" };
	unsigned char *block = pattern(AUDIT_WRITER_BLOCK_BYTES);
	char path[4096];
	int fd, failed;

	snprintf(path, sizeof(path), "%s/given-up", directory);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	failed = fd < 0 || !block || audit_writer_start(&writer, fd, 1, &err) < 0;
	for (int i = 0; i < 2 * AUDIT_WRITER_BLOCKS && !failed; i++)
		failed = audit_writer_put(&writer, block, AUDIT_WRITER_BLOCK_BYTES) < 0;
	ok(!failed, "blocks are put into a writer, then it is given up");
	if (!failed)
		audit_writer_release(&writer);
	ok(!failed && !writer.threaded, "  its thread has ended");
	ok(audit_writer_put(&writer, block, 1) < 0, "  and a put after fails");
	audit_writer_release(&writer);	/* a second release does nothing */
	if (fd >= 0)
		close(fd);
	free(block);
}

int main(void)
{
	char on_caller[65], on_thread[65], command[4200];

	if (!mkdtemp(directory)) {
		printf("Bail out! %s\n", strerror(errno));
		return 2;
	}
	write_pattern("on-caller", 0, on_caller);
	write_pattern("on-thread", 1, on_thread);
	ok(on_caller[0] && strcmp(on_caller, on_thread) == 0,
	   "the same SHA-256 on the caller's thread and on a thread of its own");
	test_full_disk(0);
	test_full_disk(1);
	test_given_up();
	snprintf(command, sizeof(command), "rm -rf '%s'", directory);
	if (system(command) != 0)
		printf("# could not remove %s\n", directory);
	return tap_done();
}
