/* seal.h - the society's seal (policy <seal href>, formats.md §3): an SVG
 * beside the policy file, read once per run, checked to load nothing from
 * elsewhere, and given to the letters and the certificate as a data: URI,
 * so that neither refers to any file. */
#ifndef ECAP_SEAL_H
#define ECAP_SEAL_H

#include <stddef.h>
#include "error.h"

#define SEAL_MAX_BYTES (256u << 10)

/* The seal at `href` relative to the directory of `policy_path` as
 * "data:image/svg+xml;base64,..." in *uri (caller frees); *uri is NULL when
 * href is "". Fails for a file over SEAL_MAX_BYTES, one that is not a
 * well-formed SVG without DOCTYPE, or one that refers outside itself (an
 * href not "#...", url() not "url(#", @import, script, foreignObject). */
int seal_load(const char *policy_path, const char *href, char **uri, struct error *err);

/* 0 if the SVG bytes refer to nothing outside themselves, else -1 with err
 * naming what does. */
int seal_check(const char *bytes, size_t size, struct error *err);

#endif
