/* audit_verify.h - checking audit archives (doc/audit.md): each one a BagIt
 * bag (RFC 8493) in a tar.gz, and together a chain linked by SHA-256.
 *
 * The archives are read in memory, entry by entry, and never extracted: only
 * the payload files' names, sizes and SHA-256 digests are kept, and the tag
 * files' text (bagit.txt, bag-info.txt and the manifests).
 *
 *	const char *files[] = { "audit/000001-....tar.gz", "audit/000002-....tar.gz" };
 *	int verdict = audit_verify(files, 2, stdout, &err);
 *
 * writes one line per archive ("FILE: intact") or one per problem found in it
 * ("FILE: manifest-sha256.txt: data/out/x.html: checksum mismatch"), then
 * "chain: intact (N archives)" or one "chain: ..." line per broken link.
 * Paths in the report are written as in a manifest: a '%', CR or LF in them
 * as %25, %0D, %0A (and any other control character of a refused name as
 * %XX), so that every problem stays on one line.
 *
 * Names are checked as UTF-8 with mbrtowc(), so LC_CTYPE must be a UTF-8
 * locale (main sets C.UTF-8); in the C locale every non-ASCII name would be
 * refused.
 */
#ifndef ECAP_AUDIT_VERIFY_H
#define ECAP_AUDIT_VERIFY_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* Checks files[0..count) one by one and then as a chain (in the order of
 * their sequence numbers, whatever the order given), writing the report on
 * `report`. Returns 0 when every archive and the chain are intact, 1 when
 * something is not (a file that cannot be read is one of those), and -1 with
 * err filled on an internal error (out of memory, OpenSSL failing). */
int audit_verify(const char *const *files, size_t count, FILE *report, struct error *err);

/* The whole chain of the state directory state_dir: every archive in its
 * audit/, checked as above, and the chain's ends: the first archive must be
 * number 1 (its previous "none"), the last the one the store recorded
 * (store/audit-last) with the SHA-256 recorded. A deleted, replaced or edited
 * archive anywhere is named. Returns as audit_verify. */
int audit_verify_state(const char *state_dir, FILE *report, struct error *err);

#endif
