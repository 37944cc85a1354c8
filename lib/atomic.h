/* atomic.h - writing files so that a crash leaves either the old or the new
 * version, never a mixture: temp file in the same directory, fsync, rename
 * (the commit point), fsync the directory.
 */
#ifndef ECAP_ATOMIC_H
#define ECAP_ATOMIC_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include "error.h"

/* Writes size bytes to fd, retrying short writes and EINTR. */
int write_all(int fd, const void *data, size_t size, struct error *err);

/* Flushes and closes a stream written with stdio, and says whether every
 * byte written to it reached the file: 0, or -1 with errno. A buffered write
 * that failed earlier (a full disk while fprintf flushed its buffer) is seen
 * by ferror() alone: fclose() returns 0 when only its own last flush
 * succeeded. The stream is closed in every case. Unknown causes are EIO. */
int close_stream(FILE *stream);

/* Replaces path by data atomically and durably, with the given mode. */
int atomic_write_file(const char *path, const void *data, size_t size, mode_t mode,
		      struct error *err);

/* fsyncs the directory at path (making renames and creations in it durable). */
int fsync_directory(const char *path, struct error *err);

/* Creates path and its missing parents with mode; existing ones are fine. */
int make_directories(const char *path, mode_t mode, struct error *err);

/* Copies the file at source to a new file at destination (which must not
 * exist), with mode; not synced. */
int copy_file(const char *source, const char *destination, mode_t mode, struct error *err);

/* A new file with no name in directory, open for reading and writing
 * (O_TMPFILE, or a named one unlinked at once where the file system has no
 * O_TMPFILE): scratch space that nothing can leave behind, however the
 * process ends. Its descriptor, or -1 with err naming what it was for. */
int open_unnamed_file(const char *directory, const char *what, struct error *err);

/* Reads the whole of a small file at path into text (NUL-terminated; at
 * most size - 1 bytes, the rest ignored): 1 when read, 0 when there is no
 * such file, -1 (with err) when it cannot be read. */
int read_small_file(const char *path, char *text, size_t size, struct error *err);

#endif
