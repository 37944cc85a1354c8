/* common.h - what the fuzz harnesses share: the process set-up main.c does
 * (locale, libxml2 with the source tree as the data directory), the policy
 * and schemas loaded once, an in-memory register for the stages, and
 * appending a record to a dossier the way `ecap review --record` does.
 *
 * A harness's set-up failing is a bug in the harness: it prints and aborts.
 */
#ifndef ECAP_FUZZ_COMMON_H
#define ECAP_FUZZ_COMMON_H

#include <stddef.h>
#include <libxml/tree.h>

#include "dossier.h"
#include "policy.h"
#include "stage.h"
#include "xml.h"

/* The date every harness runs its stages on unless it picks another. */
#define FUZZ_RUN_DATE "2026-11-24"

/* setlocale and xml_library_setup, once. */
void fuzz_setup_library(void);

/* Prints the message and aborts: for set-up failures only. */
void fuzz_fail(const char *what, const struct error *err) __attribute__((noreturn));

/* A path under the data directory (the source tree, or $ECAP_SHARE_DIR). */
const char *fuzz_data_path(const char *relative, char *out, size_t size);

/* The schema at xsd/NAME, loaded once per call (keep the result). */
struct schema *fuzz_load_schema(const char *name);

/* policy/default.xml, validated, loaded once and kept for the process. */
const struct policy *fuzz_policy(void);

/* The stage context over fuzz_policy(), application.xsd and the in-memory
 * register, dated `date`. */
void fuzz_stage_context(struct stage_context *context, day_t date);

/* A day from "YYYY-MM-DD" (aborts on a bad constant). */
day_t fuzz_date(const char *text);

/* Parses bytes as the filters parse a --record file and appends it to the
 * dossier as <record status="new">; 0, or -1 if the bytes are not XML. */
int fuzz_append_record(struct dossier *dossier, const char *bytes, size_t size,
		       day_t received, const char *input);

/* Parses a whole document as `ecap validate FILE` does: an application is
 * wrapped into a new dossier, anything else is adopted as a dossier. */
int fuzz_dossier_from_xml(struct dossier *dossier, const char *bytes, size_t size);

#endif
