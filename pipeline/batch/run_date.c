/* run_date.c - the date of the last completed run (run_date.h). */
#include "run_date.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "xml.h"

int run_date_read(const struct store *store, const struct transaction *transaction, day_t *date,
		  struct error *err)
{
	char path[PATH_MAX], text[32];
	int found;

	if (!store_locate(store, transaction, RUN_DATE_FILE, path, sizeof(path)))
		return 0;
	found = read_small_file(path, text, sizeof(text), err);
	if (found <= 0)
		return found;
	text[strcspn(text, "\n")] = '\0';
	if (date_parse(text, date) < 0)
		return error_set(err, "'%s' does not hold a date (YYYY-MM-DD)", path);
	return 1;
}

int run_date_record(struct transaction *transaction, day_t date, struct error *err)
{
	char text[12];

	date_format(date, text);
	text[10] = '\n';
	return transaction_put(transaction, RUN_DATE_FILE, text, 11, err);
}

/* The date of one run report (out/reports/<run>.xml, root runReport); -1
 * for any other file there. */
static int report_date(const char *path, day_t *date)
{
	struct error ignored = { "" };
	xmlDocPtr report = xml_parse_file(path, &ignored);
	xmlNodePtr root = report ? xmlDocGetRootElement(report) : NULL;
	char text[32] = "";
	int result = -1;

	if (root && xmlStrcmp(root->name, BAD_CAST "runReport") == 0 &&
	    date_parse(xml_attribute_copy(root, "date", text, sizeof(text)), date) == 0)
		result = 0;
	xmlFreeDoc(report);
	return result;
}

int run_date_derive(struct store *store, struct transaction *transaction, struct error *err)
{
	char directory[PATH_MAX], path[PATH_MAX];
	DIR *listing = opendir(store_path(store, "out/reports", directory, sizeof(directory)));
	struct dirent *entry;
	day_t latest = 0, date;
	int found = 0;

	if (!listing) {
		if (errno == ENOENT)
			return 0;
		return error_set_errno(err, "unable to read '%s'", directory);
	}
	while ((entry = readdir(listing))) {
		size_t length = strlen(entry->d_name);

		if (length < 5 || strcmp(entry->d_name + length - 4, ".xml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
		if (report_date(path, &date) < 0 || (found && date <= latest))
			continue;
		latest = date;
		found = 1;
	}
	closedir(listing);
	return found ? run_date_record(transaction, latest, err) : 0;
}
