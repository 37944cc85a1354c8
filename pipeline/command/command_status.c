/* command_status.c - `ecap status DIR [--xml | --csv]`, and the shape it
 * shares with `ecap register`: a document built from the state, as XML, as a
 * table for people, or as CSV for spreadsheets (tables.h). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "exits.h"
#include "status.h"
#include "tables.h"
#include "xml.h"

static const char usage[] =
	"usage: ecap status DIR [--xml | --csv]\n"
	"  --xml   the status as XML (share/ecap/xsd/status.xsd)\n"
	"  --csv   the same as CSV for spreadsheets (UTF-8 with BOM; formulas neutralised)\n";

int command_document(int argc, char **argv, const char *command_usage,
		     xmlDocPtr (*build)(const char *state_dir, struct error *err),
		     void (*print_table)(xmlDocPtr document, FILE *out),
		     void (*print_csv)(xmlDocPtr document, FILE *out))
{
	const char *directory = NULL;
	struct error err = { "" };
	struct stat info;
	xmlDocPtr document;
	int as_xml = 0, as_csv = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--xml") == 0)
			as_xml = 1;
		else if (strcmp(argv[i], "--csv") == 0)
			as_csv = 1;
		else if (strcmp(argv[i], "--help") == 0)
			return fputs(command_usage, stdout), EXIT_OK;
		else if (argv[i][0] != '-' && !directory)
			directory = argv[i];
		else
			return fputs(command_usage, stderr), EXIT_USAGE;
	}
	if (!directory || (as_xml && as_csv))
		return fputs(command_usage, stderr), EXIT_USAGE;
	if (stat(directory, &info) < 0 || !S_ISDIR(info.st_mode))
		return report_failure(EXIT_NO_INPUT, "no such state directory");
	document = build(directory, &err);
	if (!document)	/* the state could not be read: no document is better than a wrong one */
		return report_failure(EXIT_IO, err.message);
	if (as_xml)
		xmlDocFormatDump(stdout, document, 1);
	else if (as_csv)
		print_csv(document, stdout);
	else
		print_table(document, stdout);
	xmlFreeDoc(document);
	if (fflush(stdout) != 0 || ferror(stdout))
		return report_failure(EXIT_IO, "cannot write the output");
	return EXIT_OK;
}

int command_status(int argc, char **argv)
{
	return command_document(argc, argv, usage, status_build, status_print_table,
				status_print_csv);
}
