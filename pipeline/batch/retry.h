/* retry.h - a quarantined input taken again (process.md R12): once its cause
 * is fixed (a roster or a limit corrected), the operator puts it back with
 * `ecap retry DIR INPUT` and the next run takes it as if it had just arrived,
 * its earlier quarantine kept:
 *
 *   quarantine/NAME               -> dropbox/<its dropbox name>, the same file
 *   quarantine/NAME.reason.xml    -> quarantine/history/NAME.reason.xml, with
 *                                    retried="<when>" and retriedAs="dropbox/..."
 *   store/seen/<aa>/<sha256>      removed (it names quarantine/NAME), so that
 *                                    the bytes are not taken for a copy of an
 *                                    input seen before
 *   store/retried/<aa>/<sha256>   the history reason file's path: the run that
 *                                    files the package under an application
 *                                    notes the earlier quarantine in the
 *                                    submission (<quarantined>), and removes it
 *
 * all in one store transaction, under the state's lock, with a journal: the
 * next audit archive holds the history reason file. A record (XML) taken
 * again has no dossier history; its index entry and the archives tell.
 */
#ifndef ECAP_RETRY_H
#define ECAP_RETRY_H

#include <stddef.h>
#include "dossier.h"
#include "error.h"

struct batch;

enum retry_result {
	RETRY_DONE,
	RETRY_NOT_QUARANTINED,		/* no quarantined input of that name */
	RETRY_AMBIGUOUS,		/* several: the message names them */
	RETRY_NAME_TAKEN,		/* the dropbox already holds a file of that name */
	RETRY_LOCKED,			/* a run holds the state */
	RETRY_FAILED			/* the file system's error */
};

/* Puts the quarantined input named `input` back into the dropbox. `input`
 * is the quarantined file's name (quarantine/NAME or NAME, as its reason
 * file's `path` says) or its dropbox name (dropbox/NAME or NAME, as `ecap
 * status` shows it) when one quarantined input alone had it. On RETRY_DONE,
 * `dropbox_name` holds where it went; otherwise err says why. */
enum retry_result retry_input(const char *state_dir, const char *input, char *dropbox_name,
			      size_t size, struct error *err);

/* In a run: the package with this SHA-256 was quarantined before and put
 * back by `ecap retry`: its submission (the dossier's last) gets a
 * <quarantined> child copied from the history reason file, and the marker
 * is removed in the run's transaction. 0 also when it was never retried. */
int note_retried_input(struct batch *batch, struct dossier *dossier, const char *digest,
		       struct error *err);

#endif
