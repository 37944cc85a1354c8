/* public_register.h - the signed public register and its static site
 * (public_register.c). */
#ifndef ECAP_PUBLIC_REGISTER_H
#define ECAP_PUBLIC_REGISTER_H

#include "batch.h"

/* out/public/register.xml and out/public/register/, when the register or
 * the keys changed in the run or they do not exist yet. */
int publish_register(struct batch *batch, struct error *err);

#endif
