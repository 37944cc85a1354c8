/* signing.h - the run's signing key and the documents it signs (signing.c;
 * the signature itself: signature.h). */
#ifndef ECAP_SIGNING_H
#define ECAP_SIGNING_H

#include "batch.h"

/* Loads the key the policy names (or the newest); none is a warning, and
 * documents are then written unsigned. */
int signing_start(struct batch *batch, struct error *err);
/* put_document, signed (signature.h) when the run has a key. */
int put_signed_document(struct batch *batch, const char *destination, xmlDocPtr document,
			struct error *err);
/* Records and republishes the dates the key signed (keys.h). */
int signing_finish(struct batch *batch, struct error *err);
void signing_release(struct batch *batch);

#endif
