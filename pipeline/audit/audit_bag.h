/* audit_bag.h - what the files of the audit archive share (audit.c the
 * bag and its payload, audit_paths.c the paths already in it, audit_chain.c
 * the chain to the archive before, audit_tags.c the manifest and the tag
 * files, audit_writer.h the tar.gz's bytes to its file). Not for use outside
 * them; audit.h is the interface. */
#ifndef ECAP_AUDIT_BAG_H
#define ECAP_AUDIT_BAG_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "audit.h"
#include "audit_writer.h"
#include "hash.h"
#include "store.h"

/* The payload is written as the run goes and the journals are read, so the
 * run's list of files is never held in memory: each file goes into the
 * archive when it is first named (an input as it is taken, from its bytes;
 * a letter, an e-mail or a certificate once its transaction has committed,
 * everything else from the journals at the end), its manifest line into a
 * temporary file (streamed into the bag at the end), and a path seen again (a
 * dossier changed twice in the run) is found in a table of 8-byte slots that
 * point at its manifest line. The table is in memory while it is small
 * (SEEN_PATHS_MEMORY_SLOTS); a larger one, for a run of more than some
 * 10,000 applications, is in a file with no name beside the archive, read a
 * few slots at a time, so that the run's memory does not grow with it. */
#define SEEN_PATHS_MEMORY_SLOTS (1 << 17)	/* 1 MiB */

struct seen_paths {
	uint64_t *slots;		/* 0, or a tag (high 24 bits) and line offset + 1 */
	int in_file;			/* the slots are in fd's file, not in slots */
	int fd;
	size_t capacity;		/* at least 4/3 of the paths: never 3/4 full */
};

/* A journal of the store read a line at a time. */
struct journal_reader {
	FILE *in;			/* NULL when none is being read */
	char *line;
	size_t line_size;
};

struct audit_bag {
	struct store *store;
	const struct audit_facts *facts;
	struct transaction transaction;	/* the archive's own, open until committed */
	int transaction_open;
	char destination[PATH_MAX];	/* audit/NNNNNN-<run id>.tar.gz */
	struct seen_paths seen;
	size_t early_inputs;		/* added by audit_add_input */
	size_t early_inputs_journaled;	/* of those, found in the journals */
	size_t journal_paths;		/* how many paths the journals name */
	FILE *manifest;			/* the manifest's lines, unlinked temporary file */
	struct sha256 manifest_hash;
	unsigned long long payload_bytes;
	size_t payload_files;
	char **journals;		/* store/journal/ entries covered */
	size_t journal_count;
	char **early_journals;		/* whose written-once outputs are in already */
	size_t early_journal_count;	/* (the last's maybe only in part: committed) */
	struct journal_reader committed; /* the last of them, while it is still read */
	size_t committed_lines_per_step;
	off_t end_walk_from;		/* the manifest's length when the end's walk began */
	size_t inputs, quarantined, dossiers, outputs;
	char name[128];			/* NNNNNN-<run id> */
	unsigned long sequence;
	char previous[128];		/* the previous archive's file name, or "none" */
	char previous_sha256[65];
	struct archive *archive;
	int fd;				/* the archive's file, or -1 */
	struct audit_writer writer;	/* the tar.gz's bytes to fd, and their SHA-256 */
	char archive_sha256[65];	/* once it is closed */
};

/* What a journal line says changed, when it is a file that goes in the bag. */
struct changed_file {
	const char *operation;
	char *destination;		/* relative to the state directory; owned */
	char bag_path[PATH_MAX];	/* data/... */
	int journal_archived_early;	/* its journal's outputs went in when it committed */
};

/* ---- audit.c: writing the tar.gz ---- */
/* ---- writing the tar.gz ---- */
int archive_failed(struct audit_bag *bag, struct error *err);
int write_header(struct audit_bag *bag, const char *path, size_t size, struct error *err);
int write_bytes(struct audit_bag *bag, const char *path, const char *bytes, size_t size,
		struct error *err);

/* ---- audit_paths.c ---- */
#define SLOT_OFFSET_BITS 40
#define SLOT_OFFSET_MASK ((UINT64_C(1) << SLOT_OFFSET_BITS) - 1)
/* A slot: the tag (high bits of the path's hash) and its line offset + 1. */
uint64_t slot_value(uint64_t tag, uint64_t offset);
/* RFC 8493 §2.1.3: %, CR and LF in a manifest path are percent-encoded. */
void encode_manifest_path(const char *path, char *out, size_t size);
/* Finds `encoded` in the table: returns 1 if it is there (its manifest
 * line's offset in *slot), else 0 and the empty slot where it goes in *slot
 * and its tag in *tag_out; -1 on error. */
int find_seen_path(struct audit_bag *bag, const char *encoded, size_t *slot,
		   uint64_t *tag_out, struct error *err);
/* Puts value (slot_value) in the empty slot find_seen_path found. */
int set_seen_slot(struct seen_paths *seen, size_t slot, uint64_t value, struct error *err);
/* Makes the table room for `paths` paths at most, never more than 3/4 full
 * (linear probing stays short; a record run of a 100,000-package batch names
 * some 800,000 paths, 8.5 MB of slots, then in a file): a larger table is
 * filled again from the manifest's lines, which are the paths in the bag. */
int size_seen_paths(struct audit_bag *bag, size_t paths, struct error *err);
int count_journal_path(struct audit_bag *bag, const struct changed_file *file,
		       struct error *err);
void release_seen_paths(struct seen_paths *seen);

/* ---- audit_chain.c ---- */
/* ---- the chain ---- */
int hash_file(const char *path, char out[65], struct error *err);
/* Where the bag chains: the anchor found at the run's start, or now. */
int find_previous(struct audit_bag *bag, struct error *err);

/* ---- audit_tags.c ---- */
/* The manifest's lines go to a file of their own, with no name, beside the
 * archive being written: its size grows with the run. */
int open_manifest(struct audit_bag *bag, const char *staged, struct error *err);
/* bagit.txt, bag-info.txt, manifest-sha256.txt and tagmanifest-sha256.txt,
 * after the payload. */
int write_tags(struct audit_bag *bag, struct error *err);

#endif
