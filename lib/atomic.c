/* atomic.c - atomic, durable file writes and directory helpers; see atomic.h. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int write_all(int fd, const void *data, size_t size, struct error *err)
{
	const char *bytes = data;

	while (size > 0) {
		ssize_t written = write(fd, bytes, size);

		if (written < 0 && errno == EINTR)
			continue;
		if (written < 0)
			return error_set_errno(err, "write failed");
		bytes += written;
		size -= (size_t)written;
	}
	return 0;
}

int close_stream(FILE *stream)
{
	int flushed = fflush(stream) == 0 ? 0 : errno ? errno : EIO;
	int failed_before = ferror(stream);
	int closed = fclose(stream) == 0 ? 0 : errno ? errno : EIO;

	if (flushed || closed) {
		errno = flushed ? flushed : closed;
		return -1;
	}
	if (failed_before) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int fsync_directory(const char *path, struct error *err)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int result = 0;

	if (fd < 0)
		return error_set_errno(err, "unable to open directory '%s'", path);
	if (fsync(fd) < 0)
		result = error_set_errno(err, "unable to sync directory '%s'", path);
	close(fd);
	return result;
}

static void parent_of(const char *path, char *parent, size_t size)
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(parent, size, "%s", dirname(copy));
}

int atomic_write_file(const char *path, const void *data, size_t size, mode_t mode,
		      struct error *err)
{
	char temporary[PATH_MAX], parent[PATH_MAX];
	int fd = -1, result = -1;

	if (snprintf(temporary, sizeof(temporary), "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof(temporary))
		return error_set(err, "path too long: '%s'", path);
	fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		error_set_errno(err, "unable to create '%s'", temporary);
		goto out;
	}
	if (write_all(fd, data, size, err) < 0 || fsync(fd) < 0) {
		error_set_errno(err, "unable to write '%s'", temporary);
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		error_set_errno(err, "unable to write '%s'", temporary);
		goto out;
	}
	fd = -1;
	/* The rename is the commit point: before it the old file stands whole. */
	if (rename(temporary, path) < 0) {
		error_set_errno(err, "unable to rename '%s' to '%s'", temporary, path);
		goto out;
	}
	parent_of(path, parent, sizeof(parent));
	result = fsync_directory(parent, err);
out:
	if (fd >= 0)
		close(fd);
	if (result < 0)
		unlink(temporary);
	return result;
}

int make_directories(const char *path, mode_t mode, struct error *err)
{
	char partial[PATH_MAX];
	size_t length = strlen(path);

	if (length == 0 || length >= sizeof(partial))
		return error_set(err, "bad directory path '%s'", path);
	/* usually all but the last exist, or all: one call, not one per level */
	if (mkdir(path, mode) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return error_set_errno(err, "unable to create directory '%s'", path);
	memcpy(partial, path, length + 1);
	for (char *slash = partial + 1; ; slash++) {
		if (*slash != '/' && *slash != '\0')
			continue;
		char saved = *slash;

		*slash = '\0';
		if (mkdir(partial, mode) < 0 && errno != EEXIST)
			return error_set_errno(err, "unable to create directory '%s'", partial);
		*slash = saved;
		if (saved == '\0')
			break;
	}
	return 0;
}

int copy_file(const char *source, const char *destination, mode_t mode, struct error *err)
{
	char buffer[65536];
	int in = -1, out = -1, result = -1;
	ssize_t got;

	in = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (in < 0) {
		error_set_errno(err, "unable to open '%s'", source);
		goto done;
	}
	out = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		error_set_errno(err, "unable to create '%s'", destination);
		goto done;
	}
	while ((got = read(in, buffer, sizeof(buffer))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error_set_errno(err, "unable to read '%s'", source);
			goto done;
		}
		if (write_all(out, buffer, (size_t)got, err) < 0)
			goto done;
	}
	result = 0;
done:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && result == 0)
		result = error_set_errno(err, "unable to write '%s'", destination);
	return result;
}

int read_small_file(const char *path, char *text, size_t size, struct error *err)
{
	size_t used = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? 0 : error_set_errno(err, "unable to read '%s'", path);
	while (used + 1 < size) {
		ssize_t got = read(fd, text + used, size - 1 - used);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error_set_errno(err, "unable to read '%s'", path);
			close(fd);
			return -1;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	close(fd);
	text[used] = '\0';
	return 1;
}

int open_unnamed_file(const char *directory, const char *what, struct error *err)
{
	int fd = open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
		char name[PATH_MAX];

		snprintf(name, sizeof(name), "%s/.ecap-scratch-XXXXXX", directory);
		fd = mkstemp(name);
		if (fd >= 0)
			unlink(name);
	}
	if (fd < 0)
		error_set_errno(err, "unable to create %s in '%s'", what, directory);
	return fd;
}
