/* identity.h - the rules about identity documents (R2.9, process.md
 * *Identity*): the resident ID check (GB 11643), passports, and the
 * normalised identity of a person. Masking a number for letters is
 * lib/mask.h's.
 */
#ifndef ECAP_IDENTITY_H
#define ECAP_IDENTITY_H

#include <stddef.h>
#include <libxml/tree.h>

/* The GB 11643 check character ('0'..'9' or 'X') for the first 17 digits of
 * a resident ID; 0 if those are not 17 ASCII digits. */
char resident_id_check_character(const char *first17);

/* Checks a document number of type "resident-id" or "passport" (R2.9).
 * Resident ID: 18 characters, 17 digits and a check character (a lowercase x
 * is accepted as X), the check character right, the embedded birth date a real
 * date equal to birth_date ("YYYY-MM-DD"; NULL skips that comparison).
 * Passport: 5 to 20 ASCII letters and digits.
 * Returns 0 when valid; 1 when not, with a Chinese sentence in message that
 * names the problem and the values involved, showing the number only masked;
 * -1 for an unknown type. */
int identity_check(const char *type, const char *number, const char *birth_date,
		   char *message, size_t message_size);

/* The normalised identity of a person (process.md, *Identity*), the one
 * form every rule that speaks of "the same person" compares: a resident ID
 * upper-cased (a check character written x is X); a passport number
 * upper-cased and prefixed with the nationality, "passport:CN:E1234567",
 * since two countries may issue the same number. Surrounding white space is
 * dropped. Returns 0; -1 (out "") for an unknown type, an empty number, a
 * passport without a nationality, or an identity that does not fit. */
int identity_normalise(const char *type, const char *number, const char *nationality,
		       char *out, size_t out_size);

/* The normalised identity (identity_normalise) of the applicant of an
 * <application> element, into out; "" when the form does not say it. */
void application_identity(xmlNodePtr application, char *out, size_t size);

#endif
