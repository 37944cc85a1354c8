/* command_find.c - `ecap find DIR TEXT [--csv]`: the applications,
 * certificates and records that match what the staff have at hand (an id,
 * a registration number, a serial, a membership number, a name or its
 * beginning, the last four characters of an ID number), each with its
 * state, latest letter and certificate (find.h). Reads the store without the
 * lock and changes nothing, so it answers during a run. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "exits.h"
#include "find.h"
#include "status.h"
#include "tables.h"
#include "text.h"
#include "xml.h"

static const char usage[] =
	"usage: ecap find DIR TEXT [--csv]\n"
	"  TEXT    an application id, registration number, certificate serial, membership\n"
	"          number, name (exact or its beginning) or the last four characters of an\n"
	"          ID number\n"
	"  --csv   the hits as CSV for spreadsheets (UTF-8 with BOM; formulas neutralised)\n";

/* Spaces that bring text to width columns (names are mostly CJK). */
static int pad(const char *text, size_t width)
{
	size_t used = text_display_width(text);

	return used < width ? (int)(width - used) : 0;
}

static const char *value(xmlNodePtr hit, const char *name, char *out, size_t size)
{
	xml_attribute_copy(hit, name, out, size);
	return out[0] ? out : "-";
}

static void print_application(xmlNodePtr hit, FILE *out)
{
	char id[64], name[256], masked[64], state[32], letter[512], serial[128], status[32],
	     matched[32];

	const char *shown;

	value(hit, "name", name, sizeof(name));
	shown = state_name(value(hit, "state", state, sizeof(state)));
	fprintf(out, "application  %-14s %s%*s %-20s %s%*s %s\n", value(hit, "id", id, sizeof(id)),
		name, pad(name, 12), "", value(hit, "idMasked", masked, sizeof(masked)),
		shown, pad(shown, 20), "", value(hit, "matched", matched, sizeof(matched)));
	fprintf(out, "    letter       %s\n", value(hit, "letter", letter, sizeof(letter)));
	if (xml_attribute_copy(hit, "serial", serial, sizeof(serial))[0])
		fprintf(out, "    certificate  %s %s\n", serial,
			value(hit, "certificateStatus", status, sizeof(status)));
}

static void print_certificate(xmlNodePtr hit, FILE *out)
{
	char registration[64], name[256], masked[64], serial[128], level[32], status[32],
	     expires[16], matched[32];

	value(hit, "name", name, sizeof(name));
	fprintf(out, "certificate  %-14s %s%*s %-20s %s %s %s, expires %s (%s)\n",
		value(hit, "registration", registration, sizeof(registration)), name,
		pad(name, 12), "", value(hit, "idMasked", masked, sizeof(masked)),
		value(hit, "serial", serial, sizeof(serial)),
		value(hit, "level", level, sizeof(level)),
		value(hit, "status", status, sizeof(status)),
		value(hit, "expires", expires, sizeof(expires)),
		value(hit, "matched", matched, sizeof(matched)));
}

static void print_record(xmlNodePtr hit, FILE *out)
{
	char input[512], kind[32], target[128], state[32], code[64];

	if (!xml_attribute_copy(hit, "application", target, sizeof(target))[0])
		value(hit, "registration", target, sizeof(target));
	xml_attribute_copy(hit, "code", code, sizeof(code));
	fprintf(out, "record       %-14s %-16s %s %s%s%s\n", target,
		value(hit, "kind", kind, sizeof(kind)), value(hit, "input", input, sizeof(input)),
		value(hit, "state", state, sizeof(state)), code[0] ? " " : "", code);
}

static void print_table(xmlDocPtr found, const char *text, FILE *out)
{
	size_t hits = 0;

	for (xmlNodePtr hit = xml_child(xmlDocGetRootElement(found), NULL); hit;
	     hit = xml_next(hit, NULL), hits++) {
		if (strcmp((const char *)hit->name, "application") == 0)
			print_application(hit, out);
		else if (strcmp((const char *)hit->name, "certificate") == 0)
			print_certificate(hit, out);
		else
			print_record(hit, out);
	}
	if (hits)
		fprintf(out, "\n%zu found\n", hits);
	else
		fprintf(out, "nothing matches '%s'\n", text);
}

int command_find(int argc, char **argv)
{
	const char *directory = NULL, *text = NULL;
	struct error err = { "" };
	struct stat info;
	xmlDocPtr found;
	int as_csv = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0)
			as_csv = 1;
		else if (strcmp(argv[i], "--help") == 0)
			return fputs(usage, stdout), EXIT_OK;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return fputs(usage, stderr), EXIT_USAGE;
		else if (!directory)
			directory = argv[i];
		else if (!text)
			text = argv[i];
		else
			return fputs(usage, stderr), EXIT_USAGE;
	}
	if (!directory || !text || !text[0])
		return fputs(usage, stderr), EXIT_USAGE;
	if (stat(directory, &info) < 0 || !S_ISDIR(info.st_mode))
		return report_failure(EXIT_NO_INPUT, "no such state directory");
	found = find_build(directory, text, &err);
	if (!found)
		return report_failure(EXIT_SOFTWARE, err.message);
	if (as_csv)
		find_print_csv(found, stdout);
	else
		print_table(found, text, stdout);
	xmlFreeDoc(found);
	if (fflush(stdout) != 0 || ferror(stdout))
		return report_failure(EXIT_IO, "cannot write the output");
	return EXIT_OK;
}
