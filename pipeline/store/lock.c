/* lock.c - the state directory's lock; see lock.h. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "atomic.h"

int lock_acquire(const char *state_dir, struct error *err)
{
	char path[PATH_MAX], holder[64] = "";
	char line[64];
	int fd;
	ssize_t got;

	snprintf(path, sizeof(path), "%s/lock", state_dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set_errno(err, "unable to open the lock '%s'", path);
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int saved = errno;

		got = pread(fd, holder, sizeof(holder) - 1, 0);
		holder[got > 0 ? got : 0] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
		close(fd);
		if (saved == EWOULDBLOCK)
			return error_set(err, "the state directory '%s' is in use by another run "
					 "(process %s); try again when it has finished",
					 state_dir, holder[0] ? holder : "unknown"), LOCK_BUSY;
		errno = saved;
		return error_set_errno(err, "unable to lock '%s'", path);
	}
	snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, line, strlen(line), 0) < 0) {
		close(fd);
		return error_set_errno(err, "unable to write the lock '%s'", path);
	}
	return fd;
}

void lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
