/* package.h - reading an application package (an archive) in memory, safely.
 *
 * The archive's bytes are never extracted to disk: each entry is read through
 * libarchive into a SHA-256 and a byte count, and only application.xml is kept.
 * The intake limits are applied as the bytes come, so a bomb costs nothing.
 * See ../shared/spec/security.md for every rule this reader enforces.
 */
#ifndef ECAP_PACKAGE_H
#define ECAP_PACKAGE_H

#include <stddef.h>
#include "error.h"

struct package_limits {
	size_t max_archive_bytes;	/* the archive file itself */
	size_t max_entries;
	size_t max_unpacked_bytes;	/* all entries together */
	double max_ratio;		/* unpacked bytes / archive bytes */
	size_t max_xml_bytes;		/* application.xml */
};

struct package_entry {
	char *path;			/* UTF-8, checked safe; owned */
	size_t size;			/* bytes actually read */
	char sha256[65];		/* lowercase hex */
};

struct package {
	struct package_entry *entries;	/* owned, in archive order */
	size_t entry_count;
	size_t unpacked_bytes;
	char *application_xml;		/* owned, NUL-terminated copy of /application.xml */
	size_t application_xml_size;
	char format[32];		/* libarchive's name for what it read: "ZIP 2.0 (deflation)" */
};

/* What went wrong, one per reason code of formats.md §5. */
/* The reason code of each is package_result_code's (stages/outcomes.h). */
enum package_result {
	PACKAGE_OK = 0,
	PACKAGE_UNREADABLE,		/* archive-unreadable: not an archive, corrupt, truncated, CRC */
	PACKAGE_UNSAFE,			/* archive-unsafe: bad name, link, device, duplicate */
	PACKAGE_TOO_LARGE,		/* archive-too-large: any limit */
	PACKAGE_ENCRYPTED,		/* archive-encrypted */
	PACKAGE_NO_APPLICATION		/* no-application: no application.xml at the root */
};

void package_init(struct package *package);
void package_release(struct package *package);

/* Reads the archive in bytes[0..size) into package (initialized by the
 * caller). Returns PACKAGE_OK, or another result with err holding one line
 * that names the entry and the problem, for the quarantine reason. On failure
 * package is left empty. Formats: zip, tar, 7z; filters: gzip, bzip2, xz,
 * zstd. A zip with GBK (CP936) names is read again with that charset. */
enum package_result package_read(const void *bytes, size_t size,
				 const struct package_limits *limits,
				 struct package *package, struct error *err);

/* The entry at exactly path, or NULL. */
const struct package_entry *package_find(const struct package *package, const char *path);

#endif
