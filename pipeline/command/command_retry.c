/* command_retry.c - `ecap retry DIR INPUT`: a quarantined input goes back to
 * the dropbox, to be taken by the next run (retry.h). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "exits.h"
#include "retry.h"

static const char usage[] =
	"usage: ecap retry DIR INPUT\n"
	"  INPUT   a quarantined input: its name under quarantine/, or its dropbox name\n"
	"          as ecap status shows it (dropbox/NAME)\n";

int command_retry(int argc, char **argv)
{
	const char *directory = NULL, *input = NULL;
	struct error err = { "" };
	struct stat info;
	char dropbox[4096];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return fputs(usage, stdout), EXIT_OK;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return fputs(usage, stderr), EXIT_USAGE;
		else if (!directory)
			directory = argv[i];
		else if (!input)
			input = argv[i];
		else
			return fputs(usage, stderr), EXIT_USAGE;
	}
	if (!directory || !input || !input[0])
		return fputs(usage, stderr), EXIT_USAGE;
	if (stat(directory, &info) < 0 || !S_ISDIR(info.st_mode))
		return report_failure(EXIT_NO_INPUT, "no such state directory");
	switch (retry_input(directory, input, dropbox, sizeof(dropbox), &err)) {
	case RETRY_DONE:
		printf("%s goes back to %s: the next run takes it\n", input, dropbox);
		return EXIT_OK;
	case RETRY_NOT_QUARANTINED:
		return report_failure(EXIT_NO_INPUT, err.message);
	case RETRY_AMBIGUOUS:
		return report_failure(EXIT_USAGE, err.message);
	case RETRY_NAME_TAKEN:
		return report_failure(EXIT_CANNOT_CREATE, err.message);
	case RETRY_LOCKED:
		return report_failure(EXIT_LOCKED, err.message);
	case RETRY_FAILED:
		break;
	}
	return report_failure(EXIT_IO, err.message);
}
