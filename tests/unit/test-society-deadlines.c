/* test-society-deadlines.c - the run report's deadlines
 * (pipeline/batch/society_deadlines.c): of the markers of store/wakeups,
 * those dated within the days whose dossiers the survey found are counted,
 * and the first 200 of them by date, then id, are listed with their
 * dossiers' ids and states, whatever order the directory holds them in;
 * markers out of the days, of dossiers not found, or with names that are no
 * markers are left out; a dossier with two markers counts twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "society.h"
#include "society_deadlines.h"
#include "store.h"
#include "tap.h"
#include "xml.h"

static char directory[] = "/tmp/ecap-test-deadlines-XXXXXX";

#include "state-files.h"

static void marker(const char *date, const char *id)
{
	char relative[300];

	snprintf(relative, sizeof(relative), "store/wakeups/%s_%s", date, id);
	write_file(relative, "");
}

static void dossier(const char *id, const char *state)
{
	char relative[300], text[300];

	snprintf(relative, sizeof(relative), "store/dossiers/%s.xml", id);
	snprintf(text, sizeof(text), "<dossier xmlns='urn:ecap:1' id='%s' state='%s'/>\n", id,
		 state);
	write_file(relative, text);
}

static day_t day(const char *text)
{
	day_t parsed = 0;

	date_parse(text, &parsed);
	return parsed;
}

/* The report's <deadlines> for the days from..until, the survey having found
 * the dossiers named in found (NULL-terminated). */
static xmlDocPtr report(struct store *store, const char *from, const char *until,
			const char *const *found)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"society", NULL);
	struct deadlines deadlines;
	struct error err = { "" };
	char name[300];

	xmlDocSetRootElement(document, root);
	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	if (deadlines_collect(&deadlines, store, day(from), day(until), &err) < 0) {
		printf("# %s\n", err.message);
		xmlFreeDoc(document);
		return NULL;
	}
	for (; *found; found++) {
		struct dossier_head head;

		snprintf(name, sizeof(name), "store/dossiers/%s.xml", *found);
		if (dossier_head_read(store, name, &head) < 0)
			printf("# %s does not read as a dossier\n", name);
		deadlines_note_dossier(&deadlines, name + strlen("store/dossiers/"), &head);
	}
	if (deadlines_add(root, &deadlines, &err) < 0) {
		printf("# %s\n", err.message);
		xmlFreeDoc(document);
		document = NULL;
	}
	deadlines_release(&deadlines);
	return document;
}

static xmlNodePtr list_of(xmlDocPtr document)
{
	return document ? xml_child(xmlDocGetRootElement(document), "deadlines") : NULL;
}

static void test_small(struct store *store)
{
	static const char *const found[] = { "A2026-000002", "A2026-000003", "A2026-000001",
					     "A2026-000009", NULL };
	xmlDocPtr document;
	xmlNodePtr list, node;
	char text[64];

	dossier("A2026-000001", "publicity");
	dossier("A2026-000002", "returned");
	dossier("A2026-000003", "in-review");
	dossier("A2026-000009", "in-review");
	marker("2026-12-04", "A2026-000002");
	marker("2026-11-30", "A2026-000001");
	marker("2026-12-04", "A2026-000001");	/* a second period of the same dossier */
	marker("2026-12-30", "A2026-000003");	/* after the days */
	marker("2026-11-23", "A2026-000009");	/* before them */
	marker("2026-12-01", "A2026-000404");	/* no dossier found */
	write_file("store/wakeups/.2026-12-01_A2026-000003", "");	/* hidden */
	write_file("store/wakeups/2026-12-0x_A2026-000003", "");	/* no date */
	write_file("store/wakeups/2026-12-01-A2026-000003", "");	/* no '_' */
	document = report(store, "2026-11-24", "2026-12-08", found);
	list = list_of(document);
	ok(list != NULL, "a <deadlines> is added");
	is_string(xml_attribute_copy(list, "from", text, sizeof(text)), "2026-11-24", "from");
	is_string(xml_attribute_copy(list, "until", text, sizeof(text)), "2026-12-08", "until");
	is_string(xml_attribute_copy(list, "count", text, sizeof(text)), "3",
		  "three markers in the days whose dossiers were found");
	node = xml_child(list, "deadline");
	is_string(xml_attribute_copy(node, "date", text, sizeof(text)), "2026-11-30",
		  "the earliest first");
	is_string(xml_attribute_copy(node, "application", text, sizeof(text)), "A2026-000001",
		  "with its dossier's id");
	is_string(xml_attribute_copy(node, "state", text, sizeof(text)), "publicity",
		  "and state");
	node = xml_next(node, "deadline");
	is_string(xml_attribute_copy(node, "application", text, sizeof(text)), "A2026-000001",
		  "on the same day, by id: the second period of the same dossier");
	node = xml_next(node, "deadline");
	is_string(xml_attribute_copy(node, "application", text, sizeof(text)), "A2026-000002",
		  "then the next id");
	is_string(xml_attribute_copy(node, "state", text, sizeof(text)), "returned",
		  "with its state");
	ok(xml_next(node, "deadline") == NULL, "and no more");
	xmlFreeDoc(document);
}

/* 450 markers over five days, written in no order; every third dossier not
 * found (so the first 200 markers are not enough: the markers are read
 * again for the next found ones): 300 counted, the first 200 of them listed
 * in order. With every dossier found, the first 200 markers are listed. */
static void test_many(struct store *store, int all_found)
{
	static char ids[450][32];
	static const char *found[451];
	char expected[200][48], date[11], listed[48], text[64];
	size_t found_count = 0, i, matching = 0, listed_count = 0;
	xmlDocPtr document;
	xmlNodePtr node;

	for (i = 0; i < 450; i++) {
		size_t n = (i * 7919) % 450;	/* a permutation of 0..449 */

		snprintf(ids[n], sizeof(ids[n]), "B2026-%06zu", n);
		snprintf(date, sizeof(date), "2026-12-%02zu", 14 + n % 5);
		marker(date, ids[n]);
		if (all_found || n % 3 != 2) {
			dossier(ids[n], "awaiting-interview");
			found[found_count++] = ids[n];
		}
	}
	found[found_count] = NULL;
	/* the expected order: by day (n % 5), then id (n) */
	for (size_t d = 0; d < 5 && listed_count < 200; d++)
		for (size_t n = d; n < 450 && listed_count < 200; n += 5)
			if (all_found || n % 3 != 2)
				snprintf(expected[listed_count++], sizeof(expected[0]),
					 "2026-12-%02zu %s", 14 + d, ids[n]);
	document = report(store, "2026-12-14", "2026-12-18", found);
	is_string(xml_attribute_copy(list_of(document), "count", text, sizeof(text)),
		  all_found ? "450" : "300",
		  all_found ? "450 markers, all found, are counted" :
		  "of 450 markers, the 300 whose dossiers were found are counted");
	i = 0;
	for (node = xml_child(list_of(document), "deadline"); node;
	     node = xml_next(node, "deadline"), i++) {
		char application[32];

		xml_attribute_copy(node, "date", date, sizeof(date));
		xml_attribute_copy(node, "application", application, sizeof(application));
		snprintf(listed, sizeof(listed), "%s %s", date, application);
		matching += i < 200 && strcmp(listed, expected[i]) == 0;
	}
	is_int(i, 200, "200 are listed");
	is_int(matching, 200, "the first 200 by date, then id, in that order");
	xmlFreeDoc(document);
}

static void test_no_markers_directory(void)
{
	struct store store;
	struct deadlines deadlines;
	struct error err = { "" };
	char command[4300];

	snprintf(command, sizeof(command), "rm -rf '%s/store/wakeups'", directory);
	if (store_open(&store, directory, &err) < 0 || system(command) != 0) {
		printf("Bail out! %s\n", err.message);
		exit(2);
	}
	ok(deadlines_collect(&deadlines, &store, day("2026-12-01"), day("2026-12-10"), &err) < 0,
	   "without store/wakeups the report cannot be made");
	ok(strstr(err.message, "store/wakeups") != NULL, "and the message names it");
	store_close(&store);
}

int main(void)
{
	struct store store;

	open_test_state(&store);
	test_small(&store);
	test_many(&store, 0);
	test_many(&store, 1);
	store_close(&store);
	test_no_markers_directory();
	remove_test_state();
	return tap_done();
}
