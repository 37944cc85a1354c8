/* audit_writer.h - the audit archive's bytes on their way to its file
 * (audit_writer.c): each block libarchive hands over is written and added to
 * the archive's SHA-256, and the file is sent to the disk as it grows.
 *
 * That is half the work of writing an archive (the write() copies and the
 * whole archive's SHA-256; the other half, reading the files, their own
 * SHA-256 and the gzip stream, stays with the caller), so it is done on a
 * thread of its own when the machine has a second CPU: the run's last step,
 * where the filing thread was alone, then uses both (BENCH.md). The blocks
 * wait in a ring of AUDIT_WRITER_BLOCKS buffers, so the memory is bounded;
 * the bytes, their order and so the archive and its SHA-256 are the same on
 * one thread or two.
 *
 *	audit_writer_start(&writer, fd, threaded, err);
 *	audit_writer_put(&writer, block, size) ...	(libarchive's write callback)
 *	audit_writer_finish(&writer, sha256, err);	(every byte written, or why not)
 *	audit_writer_release(&writer);			(on every path)
 *
 * A failure (a write, the hash, the write-behind) is kept with its message,
 * the one the archive's writing gives (audit.c archive_failed); every put
 * after it fails. Not for use outside pipeline/audit/. */
#ifndef ECAP_AUDIT_WRITER_H
#define ECAP_AUDIT_WRITER_H

#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>
#include "error.h"
#include "hash.h"

/* 1 MiB of blocks in flight: a few files' worth of work, enough for the two
 * threads not to wait on each other's every file (a sync_file_range of the
 * write-behind, a large file read), little beside the run's memory. */
#define AUDIT_WRITER_BLOCK_BYTES ((size_t)256 << 10)
#define AUDIT_WRITER_BLOCKS 4

struct audit_writer {
	int started;			/* audit_writer_start succeeded */
	int fd;				/* the archive's file; not owned */
	struct sha256 hash;		/* of every byte written, in order */
	off_t written;			/* bytes written to fd */
	off_t flushing_from;		/* written before this: on its way to the disk */
	off_t dropped_to;		/* before this: on the disk, out of the page cache */

	/* With a thread, the fields above are its own until it is joined, and
	 * the ones below are shared under the lock. */
	int threaded;			/* a thread is running (until joined) */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;		/* a block queued or written, a failure, the end */
	unsigned char *blocks[AUDIT_WRITER_BLOCKS];	/* owned, the ring's buffers */
	size_t sizes[AUDIT_WRITER_BLOCKS];
	size_t first, queued;		/* the ring: the oldest block, how many wait */
	int ending;			/* no block comes any more */
	int abandoning;			/* drop what waits: the archive is discarded */

	int failed;			/* error says why; every put fails since */
	int failed_errno;
	struct error error;
};

/* Starts writing an archive to fd (open, empty): on a thread of its own
 * when threaded is set and one can be had (else on the caller's). 0, or -1
 * with err (nothing to release then, though a release does no harm). */
int audit_writer_start(struct audit_writer *writer, int fd, int threaded, struct error *err);

/* The archive's next bytes: written (with a thread, queued: a copy is made,
 * waiting while the ring is full). 0, or -1 once anything failed:
 * audit_writer_failure says what, errno is its errno. */
int audit_writer_put(struct audit_writer *writer, const void *bytes, size_t size);

/* Whether anything failed so far: 1 with the message in err, else 0. */
int audit_writer_failure(struct audit_writer *writer, struct error *err);

/* Waits until every byte put is written and the thread ended, then gives the
 * SHA-256 of them all (64 hex digits). 0, or -1 with the first failure. */
int audit_writer_finish(struct audit_writer *writer, char sha256[65], struct error *err);

/* Ends the thread (what still waits is dropped: the archive is not
 * finished) and frees everything; for every path, after a finish too. */
void audit_writer_release(struct audit_writer *writer);

/* How many CPUs this process may run on (its affinity), at least 1. */
int audit_writer_cpus(void);

#endif
