/* fault-write.c - an LD_PRELOAD library that makes one write to a chosen
 * file fail, as a full disk or a failing device would, so that the tests can
 * show that ecap sees a failed buffered write (operations.md "Reliability").
 *
 *	cc -shared -fPIC -o fault-write.so tests/tools/fault-write.c -ldl
 *	FAULT_PATH=/MANIFEST FAULT_WRITE=1 FAULT_ERRNO=ENOSPC \
 *		LD_PRELOAD=./fault-write.so ecap run DIR
 *
 * FAULT_PATH: a substring of the path of the files watched (opened with
 * open, openat, fopen or fdopen of such a descriptor). FAULT_WRITE: which
 * write to those files fails, counted from 1 over all of them; only that
 * one: the writes before and after it succeed, which is the case where
 * fclose() alone returns 0 over lost bytes. FAULT_ERRNO: ENOSPC (default)
 * or EIO.
 *
 * glibc's stdio writes through its own internal write, which no preloaded
 * library can replace: a watched file opened with fopen() or fdopen() is
 * therefore given a stdio stream of fopencookie(), buffered as usual, whose
 * writes go through the counted write below. Each failure is told on
 * stderr ("fault-write: ...") so a test can see that the fault happened.
 *
 * FAULT_KILL_RENAME: a substring of a rename's destination; the process
 * kills itself with SIGKILL just before the first such rename (after it,
 * with FAULT_KILL_AFTER=1), as a power cut would stop it there: the crash
 * tests stop a run at a chosen step of a transaction's apply.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define WATCHED_MAX 1024

static char watched[WATCHED_MAX];	/* 1 for a descriptor of a watched file */
static long writes_seen;

static const char *watched_path(void)
{
	const char *path = getenv("FAULT_PATH");

	return path && path[0] ? path : NULL;
}

static void watch(int fd, const char *path)
{
	const char *wanted = watched_path();

	if (fd >= 0 && fd < WATCHED_MAX)
		watched[fd] = wanted && path && strstr(path, wanted) != NULL;
}

static ssize_t (*real_write_function(void))(int, const void *, size_t)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return real;
}

/* Whether this write to a watched file is the one to fail. */
static int fails_now(int fd)
{
	const char *which = getenv("FAULT_WRITE"), *code = getenv("FAULT_ERRNO");

	if (fd < 0 || fd >= WATCHED_MAX || !watched[fd])
		return 0;
	if (++writes_seen != (which ? atol(which) : 1))
		return 0;
	errno = code && strcmp(code, "EIO") == 0 ? EIO : ENOSPC;
	fprintf(stderr, "fault-write: write %ld to a file matching '%s' fails: %s\n",
		writes_seen, watched_path(), strerror(errno));
	errno = code && strcmp(code, "EIO") == 0 ? EIO : ENOSPC;
	return 1;
}

ssize_t write(int fd, const void *data, size_t size)
{
	if (fails_now(fd))
		return -1;
	return real_write_function()(fd, data, size);
}

static int open_flags_mode(int flags, va_list arguments)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(arguments, int) : 0;
}

int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list arguments;
	int mode, fd;

	va_start(arguments, flags);
	mode = open_flags_mode(flags, arguments);
	va_end(arguments);
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	fd = real(path, flags, mode);
	watch(fd, path);
	return fd;
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int openat(int directory, const char *path, int flags, ...)
{
	static int (*real)(int, const char *, int, ...);
	va_list arguments;
	int mode, fd;

	va_start(arguments, flags);
	mode = open_flags_mode(flags, arguments);
	va_end(arguments);
	if (!real)
		real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	fd = real(directory, path, flags, mode);
	watch(fd, path);
	return fd;
}

int openat64(int directory, const char *path, int flags, ...) __attribute__((alias("openat")));

int close(int fd)
{
	static int (*real)(int);

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < WATCHED_MAX)
		watched[fd] = 0;
	return real(fd);
}

/* ---- stdio streams of watched files ---- */

static ssize_t cookie_read(void *cookie, char *buffer, size_t size)
{
	return read((int)(long)cookie, buffer, size);
}

static ssize_t cookie_write(void *cookie, const char *data, size_t size)
{
	ssize_t written = write((int)(long)cookie, data, size);

	/* fopencookie wants 0 for an error, not -1; errno stays set */
	return written < 0 ? 0 : written;
}

static int cookie_seek(void *cookie, off64_t *offset, int whence)
{
	off_t at = lseek((int)(long)cookie, (off_t)*offset, whence);

	if (at < 0)
		return -1;
	*offset = at;
	return 0;
}

static int cookie_close(void *cookie)
{
	return close((int)(long)cookie);
}

static FILE *cookie_stream(int fd, const char *mode)
{
	cookie_io_functions_t functions = { cookie_read, cookie_write, cookie_seek,
					    cookie_close };

	return fopencookie((void *)(long)fd, mode, functions);
}

/* fopen's mode as open(2) flags (the "x" and "e" extensions included). */
static int mode_flags(const char *mode)
{
	int flags = strchr(mode, '+') ? O_RDWR : mode[0] == 'r' ? O_RDONLY : O_WRONLY;

	if (mode[0] == 'w')
		flags |= O_CREAT | O_TRUNC;
	if (mode[0] == 'a')
		flags |= O_CREAT | O_APPEND;
	if (strchr(mode, 'x'))
		flags |= O_EXCL;
	if (strchr(mode, 'e'))
		flags |= O_CLOEXEC;
	return flags;
}

FILE *fopen(const char *path, const char *mode)
{
	static FILE *(*real)(const char *, const char *);
	const char *wanted = watched_path();
	FILE *stream;
	int fd;

	if (!real)
		real = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
	if (!wanted || !strstr(path, wanted))
		return real(path, mode);
	fd = open(path, mode_flags(mode), 0666);
	if (fd < 0)
		return NULL;
	stream = cookie_stream(fd, mode);
	if (!stream)
		close(fd);
	return stream;
}

FILE *fopen64(const char *path, const char *mode) __attribute__((alias("fopen")));

FILE *fdopen(int fd, const char *mode)
{
	static FILE *(*real)(int, const char *);

	if (!real)
		real = (FILE *(*)(int, const char *))dlsym(RTLD_NEXT, "fdopen");
	if (fd >= 0 && fd < WATCHED_MAX && watched[fd])
		return cookie_stream(fd, mode);
	return real(fd, mode);
}

/* ---- a kill at a chosen rename ---- */

static void kill_if_wanted(const char *to, int after)
{
	const char *wanted = getenv("FAULT_KILL_RENAME"), *when = getenv("FAULT_KILL_AFTER");

	if (!wanted || !wanted[0] || !strstr(to, wanted) ||
	    after != (when && strcmp(when, "1") == 0))
		return;
	fprintf(stderr, "fault-write: killed %s renaming to %s\n", after ? "after" : "before", to);
	raise(SIGKILL);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	int result;

	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	kill_if_wanted(to, 0);
	result = real(from, to);
	kill_if_wanted(to, 1);
	return result;
}
