/* package_form.h - the one path from a package's bytes to a dossier, taken
 * by the batch (packages.c) and by the filters (command_filter.c): the
 * archive read, its application.xml parsed, what that allows (quarantine,
 * or filing under an application id with the form or with the problem that
 * makes validation return it), and the submission recorded in the dossier.
 * Deciding whether the application takes a new package (its state, its
 * applicant) is the batch's: a filter has no store. */
#ifndef ECAP_PACKAGE_FORM_H
#define ECAP_PACKAGE_FORM_H

#include <stddef.h>
#include <libxml/tree.h>
#include "calendar.h"
#include "dossier.h"
#include "error.h"
#include "package.h"
#include "policy.h"

/* What a package's bytes alone tell; any thread may work it out. */
struct package_form {
	enum package_result outcome;
	struct error problem;		/* why package_read refused it */
	struct package package;
	xmlDocPtr form;			/* application.xml parsed, or NULL */
	char form_id[128];		/* its root's id, even when it failed to parse */
	struct error form_problem;
};

/* Reads the archive in bytes and parses its application.xml within the
 * policy's limits; the result is in form->outcome and form->form. */
void package_form_read(const struct policy *policy, const void *bytes, size_t size,
		       struct package_form *form);
void package_form_release(struct package_form *form);

/* What a read package allows. */
struct package_verdict {
	const char *code;		/* a REASON_ to quarantine it with; NULL: file it */
	char message[1200];		/* why (quarantined), or the form's problem (filed) */
	char id[128];			/* the application it is filed under */
	xmlDocPtr form;			/* the form that replaces the dossier's, or NULL */
	const char *problem_code;	/* with form NULL: the problem's REASON_ */
};

void package_form_judge(const struct package_form *form, struct package_verdict *verdict);

/* Records the package in the dossier as filed: its form (if the verdict has
 * one) replaces the dossier's, and the submission named `name` (its input:
 * where the store keeps it, or "") is recorded with every entry. */
int package_form_file(struct dossier *dossier, const struct package_form *form,
		      const struct package_verdict *verdict, const char *name,
		      const char *digest, day_t received, const char *input,
		      struct error *err);

#endif
