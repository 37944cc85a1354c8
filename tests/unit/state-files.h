/* state-files.h - for the C unit tests that make a state directory of their
 * own: making it with an empty policy and opening its store, writing a file
 * into it, removing it. Included once per test program, which defines
 * `directory` (its mkdtemp template) before including this. */
#ifndef ECAP_STATE_FILES_H
#define ECAP_STATE_FILES_H

#include <stdio.h>
#include <stdlib.h>

#include "store.h"

/* Writes text to directory/relative; a test that cannot stops (exit 2). */
static void write_file(const char *relative, const char *text)
{
	char path[4200];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", directory, relative);
	out = fopen(path, "w");
	if (!out || fputs(text, out) < 0 || fclose(out) != 0) {
		perror(path);
		exit(2);
	}
}

/* Makes the state directory and opens its store; a test that cannot stops
 * (exit 2, "Bail out!"). */
static void open_test_state(struct store *store)
{
	struct error err = { "" };

	if (!mkdtemp(directory) || store_create_layout(directory, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
	write_file("policy.xml", "<policy xmlns='urn:ecap:1'/>\n");
	if (store_open(store, directory, &err) < 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
}

/* Removes the state directory (its store closed). */
static void remove_test_state(void)
{
	char command[4200];

	snprintf(command, sizeof(command), "rm -rf '%s'", directory);
	if (system(command) != 0)
		printf("# could not remove %s\n", directory);
}

#endif
