/* mask.h - identity document numbers as letters, logs and messages show
 * them (process.md R9, R10: never in full). */
#ifndef ECAP_MASK_H
#define ECAP_MASK_H

#include <stddef.h>

/* Masks a document number for letters and logs: the first 3 and the last 4
 * characters shown, every other character '*' (110101199003071233 ->
 * 110***********1233). Numbers of 8 characters or fewer show only their last
 * 2; of 2 or fewer, nothing. Works on characters, not bytes. */
void identity_mask(const char *number, char *out, size_t out_size);

#endif
