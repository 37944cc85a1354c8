/* audit_check.h - what the files of the audit verifier share
 * (audit_verify.c one archive and the chain, audit_read.c reading an
 * archive as a stream, audit_bag_check.c its tag files and manifests). Not
 * for use outside them; audit_verify.h is the interface. */
#ifndef ECAP_AUDIT_CHECK_H
#define ECAP_AUDIT_CHECK_H

#include <stdio.h>
#include <archive.h>
#include <zlib.h>
#include "audit_verify.h"
#include "error.h"
#include "hash.h"

enum {
	MAX_NAME = 4096,		/* the longest entry name accepted */
	TAG_FILE_LIMIT = 64 << 20,	/* the largest tag file kept in memory */
	MAX_PROBLEMS_SHOWN = 50,	/* per archive; the rest are counted */
	BLOCK_SIZE = 65536,
};

/* One file of a bag: a payload file (under data/) or a tag file. */
struct bag_file {
	char *path;			/* relative to the bag directory; owned */
	unsigned long long size;
	char sha256[65];
	char *text;			/* a top-level tag file, NUL-terminated; owned */
	int too_large;			/* a top-level tag file over TAG_FILE_LIMIT */
	int listed;			/* found in a manifest of its kind */
};

struct file_list {
	struct bag_file *files;		/* owned */
	size_t count, capacity;
};

/* What the chain needs to know of one archive. */
struct chain_link {
	const char *file;		/* as given */
	const char *base;		/* its last path component */
	size_t position;		/* among the files given: keeps the sort stable */
	int has_sequence;
	unsigned long sequence;
	char *previous;			/* Ecap-Previous-Archive; owned; NULL if unread */
	char previous_sha256[65];	/* Ecap-Previous-Archive-SHA256, lowercase */
	char sha256[65];		/* of the whole file; "" if it could not be read */
};

/* One archive being checked. */
struct archive_check {
	const char *file;		/* as given, for the report */
	FILE *report;
	size_t problems;
	int damaged;			/* reading stopped: the rest is unknown */
	char *bag_name;			/* the top-level directory; owned */
	int saw_data_directory;
	struct file_list payload, tags;
	struct chain_link *link;
};

/* The file as libarchive reads it, hashed as it goes by, and inflated a
 * second time by zlib, which checks the gzip trailer (the CRC-32 and length
 * of what the stream holds): libarchive stops at the end of the tar and
 * never reads it. */
struct raw_input {
	int fd;
	struct sha256 hash;
	int hash_failed;
	z_stream gzip;
	int gzip_started;
	int gzip_status;		/* Z_OK while it goes, then Z_STREAM_END or an error */
	unsigned long long after_gzip;	/* bytes after the end of the gzip stream */
	char block[BLOCK_SIZE];
	unsigned char inflated[BLOCK_SIZE];	/* thrown away */
};

/* A path written as a manifest writes it (RFC 8493 §2.1.3: '%', CR and LF
 * percent-encoded), the other control characters of a refused name encoded
 * the same way, and cut short if very long: so that it stays on its line and
 * cannot drive the terminal. */
struct printable {
	char text[3 * MAX_NAME + 8];
};

/* Reports a problem of the archive being checked (the first
 * MAX_PROBLEMS_SHOWN are shown, all counted). */
void problem(struct archive_check *check, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
const char *printable(const char *path, struct printable *out);
/* ---- names and text ---- */
int starts_with(const char *text, const char *prefix);
int ends_with(const char *text, const char *suffix);
/* Valid UTF-8 (in the C.UTF-8 locale main sets) with no control character
 * but tab, CR and LF, and no NUL. */
int is_utf8_text(const char *text, size_t length);
/* Why a path cannot be trusted, or NULL if it can. Names are only compared,
 * never used to write, but one that would escape the bag, is not the one
 * spelling of its path, or would garble the report is refused. */
const char *unsafe_path_reason(const char *path);
/* The sequence number a name like 000007-<run id>.tar.gz starts with. */
int sequence_from_name(const char *name, unsigned long *sequence);
int is_hex_digest(const char *text, size_t length);
int is_number(const char *text);
/* ---- the bag's files ---- */
struct bag_file *add_file(struct file_list *list, const char *path, struct error *err);
/* The file at path in a list sorted by compare_files, or NULL. */
struct bag_file *find_file(struct file_list *list, const char *path);

/* ---- audit_read.c ---- */
void check_gzip_trailer(struct archive_check *check, struct raw_input *input);
/* Hashes what libarchive left unread (the end of the gzip stream). */
int hash_rest(struct archive_check *check, struct raw_input *input);
/* Reads every entry of the archive; the problems go to the report, and
 * check->damaged says whether all of it could be read. */
int read_archive(struct archive_check *check, struct raw_input *input,
		 struct error *err);

/* ---- audit_bag_check.c ---- */
void check_bagit_txt(struct archive_check *check);
int check_bag_info(struct archive_check *check, struct error *err);
/* The manifests of one kind ("manifest-" or "tagmanifest-"): only SHA-256
 * can be checked, and it must be there. */
int check_manifests(struct archive_check *check, const char *prefix,
		    struct file_list *files, struct error *err);

#endif
