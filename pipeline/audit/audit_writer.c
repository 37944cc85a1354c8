/* audit_writer.c - the audit archive's bytes written to its file and hashed,
 * on a thread of their own where a second CPU can run it; see
 * audit_writer.h. */
#include "audit_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "worker.h"

/* The writing thread does little but copy and hash: a small stack keeps
 * the run's address space (bounded under ulimit -v, memory.h) as it was. */
#define AUDIT_WRITER_STACK ((size_t)256 << 10)

#define AUDIT_WRITE_BEHIND (32 << 20)

/* A large run's archive is as large as all its inputs, tens of gigabytes,
 * and the run never reads it: it is sent to the disk as it grows, 32 MiB at
 * a time, and what is on the disk is dropped from the page cache. So the
 * dirty pages do not pile up for the commits' syncs to wait for, and the
 * archive does not push out of memory what the run reads (BENCH.md). Where
 * the system does not support it, the archive is written all the same. */
static int write_behind(struct audit_writer *writer, struct error *err)
{
	if (writer->written - writer->flushing_from < AUDIT_WRITE_BEHIND)
		return 0;
	if (writer->flushing_from > writer->dropped_to) {
		/* the previous stretch: on the disk by now, or soon */
		if (sync_file_range(writer->fd, writer->dropped_to,
				    writer->flushing_from - writer->dropped_to,
				    SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
				    SYNC_FILE_RANGE_WAIT_AFTER) < 0 &&
		    errno != EINVAL && errno != ENOSYS && errno != ESPIPE)
			return error_set_errno(err, "unable to write the audit archive");
		posix_fadvise(writer->fd, writer->dropped_to,
			      writer->flushing_from - writer->dropped_to, POSIX_FADV_DONTNEED);
		writer->dropped_to = writer->flushing_from;
	}
	if (sync_file_range(writer->fd, writer->flushing_from,
			    writer->written - writer->flushing_from, SYNC_FILE_RANGE_WRITE) < 0 &&
	    errno != EINVAL && errno != ENOSYS && errno != ESPIPE)
		return error_set_errno(err, "unable to write the audit archive");
	writer->flushing_from = writer->written;
	return 0;
}

/* The archive's bytes go to its file through here, and into its SHA-256 on
 * the way: the record of the last archive is committed with it, and the
 * archive, tens of gigabytes in a large run, is not read again for it. The
 * messages are those libarchive's write error gave (audit.c). */
static int write_block(struct audit_writer *writer, const void *bytes, size_t size,
		       struct error *err)
{
	if (write_all(writer->fd, bytes, size, NULL) < 0)
		return error_set_errno(err, "unable to write the audit archive: Write error");
	writer->written += (off_t)size;
	if (sha256_update(&writer->hash, bytes, size) < 0) {
		errno = ENOMEM;
		return error_set_errno(err, "unable to write the audit archive: unable to "
				       "compute the archive's SHA-256");
	}
	return write_behind(writer, err);
}

/* Keeps the first failure; with a thread, under the lock. */
static void note_failure(struct audit_writer *writer, const struct error *error, int number)
{
	if (writer->failed)
		return;
	writer->failed = 1;
	writer->failed_errno = number ? number : EIO;
	writer->error = *error;
}

static void *write_in_thread(void *data)
{
	struct audit_writer *writer = data;

	pthread_mutex_lock(&writer->lock);
	for (;;) {
		struct error error;
		size_t slot;
		int result, number;

		while (writer->queued == 0 && !writer->ending && !writer->abandoning)
			pthread_cond_wait(&writer->changed, &writer->lock);
		if (writer->abandoning || writer->queued == 0)
			break;
		/* the oldest block is this thread's until it is counted out */
		slot = writer->first;
		pthread_mutex_unlock(&writer->lock);
		result = write_block(writer, writer->blocks[slot], writer->sizes[slot], &error);
		number = errno;
		pthread_mutex_lock(&writer->lock);
		if (result < 0) {
			note_failure(writer, &error, number);
			pthread_cond_broadcast(&writer->changed);
			break;
		}
		writer->first = (slot + 1) % AUDIT_WRITER_BLOCKS;
		writer->queued--;
		pthread_cond_broadcast(&writer->changed);
	}
	pthread_mutex_unlock(&writer->lock);
	return NULL;
}

int audit_writer_cpus(void)
{
	cpu_set_t set;
	long online;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	online = sysconf(_SC_NPROCESSORS_ONLN);
	return online > 0 ? (int)online : 1;
}

/* The ring's buffers and the thread; 0 when they cannot be had, and the
 * archive is written on the caller's thread then. */
static int start_thread(struct audit_writer *writer)
{
	for (size_t i = 0; i < AUDIT_WRITER_BLOCKS; i++) {
		/* mapped, not touched, until a block is put in it */
		writer->blocks[i] = malloc(AUDIT_WRITER_BLOCK_BYTES);
		if (!writer->blocks[i])
			return 0;
	}
	return thread_start_with_stack(&writer->thread, AUDIT_WRITER_STACK, write_in_thread,
				       writer);
}

int audit_writer_start(struct audit_writer *writer, int fd, int threaded, struct error *err)
{
	memset(writer, 0, sizeof(*writer));
	writer->fd = fd;
	if (sha256_begin(&writer->hash) < 0)
		return error_set(err, "unable to start a SHA-256");
	pthread_mutex_init(&writer->lock, NULL);
	pthread_cond_init(&writer->changed, NULL);
	writer->started = 1;
	writer->threaded = threaded && start_thread(writer);
	if (!writer->threaded)
		for (size_t i = 0; i < AUDIT_WRITER_BLOCKS; i++) {
			free(writer->blocks[i]);
			writer->blocks[i] = NULL;
		}
	return 0;
}

/* Queues bytes for the thread, a buffer's worth at a time. */
static int queue_bytes(struct audit_writer *writer, const unsigned char *bytes, size_t size)
{
	while (size > 0) {
		size_t piece = size < AUDIT_WRITER_BLOCK_BYTES ? size : AUDIT_WRITER_BLOCK_BYTES;
		size_t slot;

		pthread_mutex_lock(&writer->lock);
		while (!writer->failed && writer->queued == AUDIT_WRITER_BLOCKS)
			pthread_cond_wait(&writer->changed, &writer->lock);
		if (writer->failed) {
			errno = writer->failed_errno;
			pthread_mutex_unlock(&writer->lock);
			return -1;
		}
		/* a free slot, the caller's until it is counted in */
		slot = (writer->first + writer->queued) % AUDIT_WRITER_BLOCKS;
		pthread_mutex_unlock(&writer->lock);
		memcpy(writer->blocks[slot], bytes, piece);
		writer->sizes[slot] = piece;
		pthread_mutex_lock(&writer->lock);
		writer->queued++;
		pthread_cond_broadcast(&writer->changed);
		pthread_mutex_unlock(&writer->lock);
		bytes += piece;
		size -= piece;
	}
	return 0;
}

int audit_writer_put(struct audit_writer *writer, const void *bytes, size_t size)
{
	struct error error;
	int number;

	if (writer->threaded)
		return queue_bytes(writer, bytes, size);
	if (writer->failed || !writer->started) {
		errno = writer->failed ? writer->failed_errno : EBADF;
		return -1;
	}
	if (write_block(writer, bytes, size, &error) == 0)
		return 0;
	number = errno;
	note_failure(writer, &error, number);
	errno = writer->failed_errno;
	return -1;
}

int audit_writer_failure(struct audit_writer *writer, struct error *err)
{
	int failed;

	if (!writer->started)
		return 0;
	pthread_mutex_lock(&writer->lock);
	failed = writer->failed;
	if (failed && err)
		*err = writer->error;
	pthread_mutex_unlock(&writer->lock);
	return failed;
}

/* Ends the thread, once what is queued is written (or, abandoning, at
 * once), and joins it. */
static void end_thread(struct audit_writer *writer, int abandon)
{
	if (!writer->threaded)
		return;
	pthread_mutex_lock(&writer->lock);
	writer->ending = 1;
	writer->abandoning = abandon;
	pthread_cond_broadcast(&writer->changed);
	pthread_mutex_unlock(&writer->lock);
	pthread_join(writer->thread, NULL);
	writer->threaded = 0;
}

int audit_writer_finish(struct audit_writer *writer, char sha256[65], struct error *err)
{
	if (!writer->started)
		return error_set(err, "unable to write the audit archive: not started");
	end_thread(writer, 0);
	if (audit_writer_failure(writer, err))
		return -1;
	if (sha256_finish(&writer->hash, sha256) < 0)
		return error_set(err, "unable to finish a SHA-256");
	return 0;
}

void audit_writer_release(struct audit_writer *writer)
{
	if (!writer->started)
		return;
	end_thread(writer, 1);
	if (!writer->failed) {
		/* a put after this (the archive's close, on a failed run's way out)
		 * fails, as on a file that is being discarded */
		struct error discarded;

		error_set(&discarded, "unable to write the audit archive: it is discarded");
		note_failure(writer, &discarded, EBADF);
	}
	sha256_release(&writer->hash);
	for (size_t i = 0; i < AUDIT_WRITER_BLOCKS; i++) {
		free(writer->blocks[i]);
		writer->blocks[i] = NULL;
	}
	pthread_cond_destroy(&writer->changed);
	pthread_mutex_destroy(&writer->lock);
	writer->started = 0;
}
