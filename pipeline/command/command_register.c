/* command_register.c - `ecap register DIR [--xml]`: the certificate register. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "exits.h"
#include "register.h"
#include "tables.h"
#include "text.h"
#include "xml.h"

static const char usage[] =
	"usage: ecap register DIR [--xml | --csv]\n"
	"  --xml   the register as XML (share/ecap/xsd/register.xsd)\n"
	"  --csv   the same as CSV for spreadsheets (UTF-8 with BOM; formulas neutralised)\n";

/* Spaces that bring text to width columns (names are mostly CJK). */
static int pad(const char *text, size_t width)
{
	size_t used = text_display_width(text);

	return used < width ? (int)(width - used) : 0;
}

static void print_table(xmlDocPtr document, FILE *out)
{
	size_t members = 0;

	for (xmlNodePtr member = xml_child(xmlDocGetRootElement(document), "member"); member;
	     member = xml_next(member, "member")) {
		char registration[64], name[128], masked[64], field[64];

		if (members++ == 0)
			fprintf(out, "%-14s %-12s %-20s %-12s %-18s %-13s %-10s %-10s %s\n",
				"registration", "name", "id", "field", "serial", "level", "issued",
				"expires", "status");
		xml_attribute_copy(member, "registration", registration, sizeof(registration));
		xml_attribute_copy(member, "name", name, sizeof(name));
		xml_attribute_copy(member, "idMasked", masked, sizeof(masked));
		xml_attribute_copy(member, "field", field, sizeof(field));
		for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
		     certificate = xml_next(certificate, "certificate")) {
			char serial[96], level[32], issued[16], expires[16], status[16];

			fprintf(out, "%-14s %s%*s %-20s %-12s %-18s %-13s %-10s %-10s %s\n",
				registration, name, pad(name, 12), "", masked, field,
				xml_attribute_copy(certificate, "serial", serial, sizeof(serial)),
				xml_attribute_copy(certificate, "level", level, sizeof(level)),
				xml_attribute_copy(certificate, "issued", issued, sizeof(issued)),
				xml_attribute_copy(certificate, "expires", expires, sizeof(expires)),
				xml_attribute_copy(certificate, "status", status, sizeof(status)));
			registration[0] = name[0] = masked[0] = field[0] = '\0';
		}
		if (xml_attribute_true(member, "banned"))
			fprintf(out, "%14s banned for life (Q14)\n", "");
	}
	fprintf(out, members ? "\n%zu members\n" : "the register is empty%.0zu\n", members);
}

int command_register(int argc, char **argv)
{
	return command_document(argc, argv, usage, register_build, print_table,
				register_print_csv);
}
