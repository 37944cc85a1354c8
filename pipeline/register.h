/* register.h - the certificate register as the state store keeps it.
 *
 * store/register/<registration>.xml   one member: <member registration name
 *                                      identity field banned> with one
 *                                      <certificate serial level issued expires
 *                                      status/> per certificate, the current last.
 * store/identities/<sha256 of ID>.xml  <identity registration banned/>: who holds
 *                                      which registration, and lifetime bans.
 * Files are named by the SHA-256 of the ID number, never by the number itself.
 */
#ifndef ECAP_REGISTER_H
#define ECAP_REGISTER_H

#include "stage.h"
#include "store.h"

/* A register_view reading from the store (context: the struct store). */
void register_view_for_store(struct register_view *view, struct store *store);

/* 1 if text can be a registration number and so a file name. */
int registration_is_safe(const char *registration);

#endif
