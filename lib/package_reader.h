/* package_reader.h - what the archive reader's files share (package.c the
 * pass over the archive, package_names.c the checks of entry names and
 * their duplicates). Not for use outside them; package.h is the interface. */
#ifndef ECAP_PACKAGE_READER_H
#define ECAP_PACKAGE_READER_H

#include <stddef.h>
#include <wchar.h>
#include <archive.h>
#include "package.h"

#define CHUNK_BYTES (64 * 1024)
#define RATIO_FREE_BYTES (1024 * 1024)	/* the ratio is checked only above this */
#define MAX_NAME_BYTES 1024
#define MAX_COMPONENT_BYTES 255
#define QUOTED_NAME_BYTES 200
#define APPLICATION_XML "application.xml"

/* Internal only: a zip gave a name that is not UTF-8; read it again as CP936. */
#define READ_AGAIN_AS_CP936 (-1)

/* A name seen in the archive, kept to find duplicates at the end. */
struct seen_name {
	wchar_t *folded;		/* owned; case-folded, no trailing slash */
	char *path;			/* owned; as in the archive, for messages */
	size_t order;			/* position in the archive */
	int directory;
};

/* Everything one pass over the archive needs. */
struct reader {
	struct archive *archive;	/* owned */
	const struct package_limits *limits;
	size_t archive_size;
	int as_cp936;
	struct package *package;
	struct error *err;
	unsigned char *chunk;		/* owned, CHUNK_BYTES */
	struct seen_name *names;	/* owned, every file and directory */
	size_t name_count;
	size_t name_capacity;
	size_t directory_count;
	size_t entry_capacity;		/* of package->entries */
	size_t xml_capacity;		/* of package->application_xml */
};

/* A name made printable for a one-line message. */
struct quoted {
	char text[QUOTED_NAME_BYTES * 4 + 8];
};

/* name with control characters and invalid bytes written as \xNN, and cut
 * with "..." after QUOTED_NAME_BYTES bytes, so that a message stays one line. */
const char *quote(const char *name, struct quoted *quoted);
/* What is wrong with an entry's UTF-8 name, or NULL if it is safe. A
 * directory's name may end with one '/'. */
const char *name_problem(const char *name, int directory);
enum package_result out_of_memory(struct reader *reader);
/* Keeps name for the duplicate check at the end. */
int remember_name(struct reader *reader, const char *name, int directory);
/* Two files, or a file and a directory, with the same folded name are
 * refused; a directory listed twice is harmless. */
enum package_result check_duplicates(struct reader *reader);

#endif
