/* dossier.h - one application's dossier (doc/dossier.md): loading, saving,
 * and the few edits the driver and the stages make to it.
 *
 * A struct dossier owns its libxml2 document. Element pointers returned by
 * these functions belong to that document and live as long as it does.
 */
#ifndef ECAP_DOSSIER_H
#define ECAP_DOSSIER_H

#include <stddef.h>
#include <libxml/tree.h>
#include "calendar.h"
#include "error.h"

struct policy;
struct package;

struct dossier {
	xmlDocPtr document;		/* owned */
	xmlNodePtr root;
};

void dossier_init(struct dossier *dossier);
void dossier_release(struct dossier *dossier);

/* 1 if id may name a dossier (store/dossiers/<id>.xml): 1 to 64 letters,
 * digits, '-', '_' or '.', beginning with a letter or digit. */
int id_is_safe(const char *id);

/* A new, empty dossier for application id, stamped with the society of policy. */
int dossier_create(struct dossier *dossier, const char *id, const struct policy *policy,
		   struct error *err);

/* Takes ownership of document, which must have a <dossier> root. */
int dossier_adopt(struct dossier *dossier, xmlDocPtr document, struct error *err);

/* Wraps a bare <application> document (ownership taken) into a new dossier,
 * as the stage filters do when given an application instead of a dossier. */
int dossier_from_application(struct dossier *dossier, xmlDocPtr application,
			     const struct policy *policy, struct error *err);

int dossier_load(struct dossier *dossier, const char *path, struct error *err);

/* Serializes the dossier; the caller frees *bytes with xmlFree. */
int dossier_serialize(const struct dossier *dossier, xmlChar **bytes, int *size,
		      struct error *err);

/* Copies a root attribute into out ("" when absent) and returns out. */
const char *dossier_get(const struct dossier *dossier, const char *attribute, char *out,
			size_t size);
void dossier_set(struct dossier *dossier, const char *attribute, const char *value);
void dossier_set_state(struct dossier *dossier, const char *state, day_t since);

/* The current <application>, or NULL. */
xmlNodePtr dossier_application(const struct dossier *dossier);

/* The text of applicant/<name> of an <application> element, trimmed, into
 * out ("" if absent). */
void applicant_text(xmlNodePtr application, const char *name, char *out, size_t size);

/* The applicant's name as the form gives it, trimmed, into out ("" if none). */
void application_name(xmlNodePtr application, char *out, size_t size);

/* Replaces the current application by a copy of `application` (from another
 * document) and updates the root's name and masked ID from it. */
int dossier_replace_application(struct dossier *dossier, xmlNodePtr application,
				struct error *err);

/* Appends a child element at the end, in document order. */
xmlNodePtr dossier_append(struct dossier *dossier, const char *element);

/* Records a package taken: its SHA-256, name, date received, where the store
 * keeps it (input, may be ""), and every entry; `problem` (may be NULL) says
 * why its application.xml could not be used, with the reason code it gives
 * (problem_code, required with a problem). */
void dossier_add_submission(struct dossier *dossier, const char *name, const char *digest,
			    day_t received, const char *input, const struct package *package,
			    const char *problem, const char *problem_code);

/* The last child element of that name, or NULL. */
xmlNodePtr dossier_last(const struct dossier *dossier, const char *element);

/* The number of child elements of that name. */
int dossier_count(const struct dossier *dossier, const char *element);

/* Records the letter of `kind` for `result` as the next <notice> right after
 * it (doc/dossier.md), so that the letter's stylesheet finds the result it
 * tells as the notice's nearest preceding sibling; with the paths the run
 * writes it to (out/notices/<id>/NN-<kind>.html, .txt). */
xmlNodePtr dossier_add_notice(struct dossier *dossier, xmlNodePtr result, const char *kind,
			      day_t date);

#endif
