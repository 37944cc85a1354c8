/* command_status.c - `ecap status DIR [--xml]`. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "exits.h"
#include "status.h"
#include "xml.h"

static const char usage[] = "usage: ecap status DIR [--xml]\n";

int command_status(int argc, char **argv)
{
	const char *directory = NULL;
	struct error err = { "" };
	struct stat info;
	xmlDocPtr status;
	int as_xml = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--xml") == 0)
			as_xml = 1;
		else if (strcmp(argv[i], "--help") == 0)
			return fputs(usage, stdout), EXIT_OK;
		else if (argv[i][0] != '-' && !directory)
			directory = argv[i];
		else
			return fputs(usage, stderr), EXIT_USAGE;
	}
	if (!directory)
		return fputs(usage, stderr), EXIT_USAGE;
	if (stat(directory, &info) < 0 || !S_ISDIR(info.st_mode))
		return report_failure(EXIT_NO_INPUT, "no such state directory");
	status = status_build(directory, &err);
	if (!status)
		return report_failure(EXIT_SOFTWARE, err.message);
	if (as_xml)
		xmlDocFormatDump(stdout, status, 1);
	else
		status_print_table(status, stdout);
	xmlFreeDoc(status);
	return EXIT_OK;
}
