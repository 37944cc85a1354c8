/* find.h - `ecap find`: who and what in the state matches a text the staff
 * have at hand (process.md R12, operations.md), read from the store without
 * the lock and without changing anything.
 *
 * TEXT matches an application by its id, a registration number or serial
 * of its certificate, the membership number of its form, the applicant's
 * name (exact, or TEXT a prefix of it), or the last four characters of the
 * masked ID number (all the letters show); a certificate of the register by
 * its registration number, serial, holder's name or ID tail alike; a record
 * by the application or registration it names, or as a record of an
 * application found. ASCII letters compare without regard to case.
 *
 * The result is a document (not a published format):
 *   <found>
 *     <application id name idMasked member state since letter registration
 *                  serial certificateStatus matched/>
 *     <certificate registration name idMasked serial level issued expires
 *                  status matched/>
 *     <record input kind application|registration state code matched/>
 *   </found>
 * `matched` says what matched (id, registration, serial, member, name,
 * name-prefix, id-tail, application). Only masked ID numbers appear.
 */
#ifndef ECAP_FIND_H
#define ECAP_FIND_H

#include <libxml/tree.h>
#include "error.h"

/* The hits for text in the state directory (caller frees); NULL on error. */
xmlDocPtr find_build(const char *state_dir, const char *text, struct error *err);

#endif
