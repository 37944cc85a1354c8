/* paths.h - where ecap finds its data files (schemas, stylesheets, the
 * default policy): $ECAP_SHARE_DIR if set; else PREFIX/share/ecap beside an
 * installed bin/ecap; else the source tree that bin/ecap was built in.
 */
#ifndef ECAP_PATHS_H
#define ECAP_PATHS_H

#include <stddef.h>
#include "error.h"

int paths_setup(struct error *err);
const char *paths_share_dir(void);
/* share/xsd/NAME, share/xslt/NAME, share/policy/default.xml into out. */
const char *paths_schema(const char *name, char *out, size_t size);
const char *paths_stylesheet(const char *name, char *out, size_t size);
const char *paths_default_policy(char *out, size_t size);

#endif
