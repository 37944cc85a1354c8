/* test-intake.c - the dropbox listed a window at a time (pipeline/batch/intake.c):
 * windows of any size give every ready input once, in arrival order
 * (modification time, then name), whatever order the directory holds them
 * in; unsettled, partial and hidden names wait; kinds are kept apart. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "intake.h"
#include "tap.h"

#define NOW 1800000000

static char directory[] = "/tmp/ecap-test-intake-XXXXXX";

/* make NAME with modification time NOW - AGE seconds (plus NANOSECONDS) */
static void make(const char *name, long age, long nanoseconds)
{
	char path[4096];
	struct timespec times[2];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", directory, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "x", 1) != 1) {
		perror(path);
		exit(2);
	}
	times[0].tv_sec = times[1].tv_sec = NOW - age;
	times[0].tv_nsec = times[1].tv_nsec = nanoseconds;
	futimens(fd, times);
	close(fd);
}

/* Every input of the kind, a window of `limit` at a time, as "a b c". */
static void list_all(enum input_kind kind, size_t limit, char *out, size_t size,
		     size_t *windows)
{
	struct intake_item cursor = { NULL, kind, { 0, 0 }, 0 };
	struct intake_list list;
	struct error err;

	out[0] = '\0';
	*windows = 0;
	for (;;) {
		if (intake_list_window(directory, 60, NOW, kind, cursor.name ? &cursor : NULL,
				       limit, &list, &err) < 0) {
			printf("# %s\n", err.message);
			break;
		}
		if (list.count == 0) {
			intake_list_release(&list);
			break;
		}
		(*windows)++;
		for (size_t i = 0; i < list.count; i++)
			snprintf(out + strlen(out), size - strlen(out), "%s%s",
				 out[0] ? " " : "", list.items[i].name);
		free(cursor.name);
		cursor = list.items[list.count - 1];
		list.items[list.count - 1].name = NULL;
		intake_list_release(&list);
	}
	free(cursor.name);
}

int main(void)
{
	static const char *const expected =
		"p01.zip p02.zip p03.tar p04.zip p05.7z p06.zip p07.zip p08.zip p09.zip p10.zip";
	char got[4096];
	size_t windows;
	struct intake_counts counts;
	struct error err;

	if (!mkdtemp(directory)) {
		perror("mkdtemp");
		return 2;
	}
	/* made out of order; p03 and p04 share a second, p04 and p05 all of it */
	make("p10.zip", 100, 0);
	make("p02.zip", 900, 0);
	make("p05.7z", 500, 5);
	make("p01.zip", 1000, 0);
	make("p07.zip", 300, 0);
	make("p04.zip", 500, 5);
	make("p03.tar", 500, 1);
	make("p09.zip", 150, 0);
	make("p06.zip", 400, 0);
	make("p08.zip", 200, 0);
	make("r1.xml", 700, 0);
	make("r2.XML", 50000, 0);
	make("fresh.zip", 10, 0);	/* within the 60 s settle time */
	make("upload.zip.part", 1000, 0);
	make(".hidden.zip", 1000, 0);

	for (size_t limit = 1; limit <= 11; limit++) {
		char name[64];

		list_all(INPUT_PACKAGE, limit, got, sizeof(got), &windows);
		snprintf(name, sizeof(name), "windows of %zu: every package once, in order",
			 limit);
		is_string(got, expected, name);
		snprintf(name, sizeof(name), "windows of %zu: %zu windows", limit,
			 (10 + limit - 1) / limit);
		is_int(windows, (10 + limit - 1) / limit, name);
	}
	list_all(INPUT_RECORD, 1, got, sizeof(got), &windows);
	is_string(got, "r2.XML r1.xml", "records apart, oldest first, .XML too");
	list_all(INPUT_SPECIAL, 4, got, sizeof(got), &windows);
	is_string(got, "", "no special files");

	ok(intake_count(directory, 60, NOW, &counts, &err) == 0, "counting the dropbox");
	is_int(counts.ready[INPUT_PACKAGE], 10, "10 packages ready");
	is_int(counts.ready[INPUT_RECORD], 2, "2 records ready");
	is_int(counts.waiting, 1, "1 file waits for the settle time");

	{
		char command[4200];

		snprintf(command, sizeof(command), "rm -rf '%s'", directory);
		if (system(command) != 0)
			printf("# could not remove %s\n", directory);
	}
	return tap_done();
}
