/* race-shim.c - an LD_PRELOAD library for t1540-input-race.sh: right after
 * ecap opens dropbox/NAME (NAME in $RACE_NAME), the file is replaced or
 * removed ($RACE_ACTION: "replace" renames $RACE_WITH over it, "remove"
 * unlinks it), once, as an uploader or a cleaner might between the run's
 * read of an input and its move into the store.
 *
 *	cc -shared -fPIC -o race-shim.so race-shim.c -ldl
 *	LD_PRELOAD=./race-shim.so RACE_NAME=a.zip RACE_ACTION=remove ecap run DIR
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int done;

static int is_target(const char *path)
{
	const char *name = getenv("RACE_NAME");
	size_t length, name_length;
	char wanted[4096];

	if (!name || done)
		return 0;
	snprintf(wanted, sizeof(wanted), "dropbox/%s", name);
	length = strlen(path);
	name_length = strlen(wanted);
	return length >= name_length && strcmp(path + length - name_length, wanted) == 0 &&
	       (length == name_length || path[length - name_length - 1] == '/');
}

static void race(int directory, const char *path)
{
	const char *action = getenv("RACE_ACTION"), *with = getenv("RACE_WITH");

	done = 1;
	if (action && strcmp(action, "remove") == 0)
		unlinkat(directory, path, 0);
	else if (action && strcmp(action, "replace") == 0 && with)
		renameat(AT_FDCWD, with, directory, path);
}

static int after_open(int fd, int directory, const char *path, int flags)
{
	/* only the run's read-only opens of the input, not its own writes */
	if (fd >= 0 && (flags & O_ACCMODE) == O_RDONLY && is_target(path))
		race(directory, path);
	return fd;
}

int openat(int directory, const char *path, int flags, ...)
{
	static int (*real)(int, const char *, int, ...);
	mode_t mode = 0;
	va_list args;

	if (!real)
		real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(args, flags);
		mode = va_arg(args, mode_t);
		va_end(args);
	}
	return after_open(real(directory, path, flags, mode), directory, path, flags);
}

int openat64(int directory, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list args;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(args, flags);
		mode = va_arg(args, mode_t);
		va_end(args);
	}
	return openat(directory, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list args;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(args, flags);
		mode = va_arg(args, mode_t);
		va_end(args);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list args;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(args, flags);
		mode = va_arg(args, mode_t);
		va_end(args);
	}
	return openat(AT_FDCWD, path, flags, mode);
}
