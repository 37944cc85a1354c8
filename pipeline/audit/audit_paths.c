/* audit_paths.c - the paths already in the bag: a table of 8-byte slots
 * pointing at their manifest lines, so that a path seen again (a dossier
 * changed twice in a run) goes in once; see audit_bag.h. */
#include "audit_bag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "directory.h"
#include "xml.h"

/* RFC 8493 §2.1.3: %, CR and LF in a manifest path are percent-encoded. */
void encode_manifest_path(const char *path, char *out, size_t size)
{
	size_t used = 0;

	for (const char *c = path; *c && used + 4 < size; c++) {
		if (*c == '%' || *c == '\r' || *c == '\n')
			used += (size_t)snprintf(out + used, size - used, "%%%02X",
						 (unsigned char)*c);
		else
			out[used++] = *c;
	}
	out[used] = '\0';
}

static uint64_t path_hash(const char *encoded)
{
	char hex[65];

	sha256_hex(encoded, strlen(encoded), hex);	/* "" if OpenSSL failed: then 0 */
	hex[16] = '\0';
	return strtoull(hex, NULL, 16);
}

/* Whether the manifest line at offset names the path `encoded`. */
static int manifest_line_is(struct audit_bag *bag, uint64_t offset, const char *encoded,
			    struct error *err)
{
	size_t length = strlen(encoded), wanted = 66 + length + 1;
	char line[66 + PATH_MAX * 3 + 2];
	ssize_t got;

	if (fflush(bag->manifest) != 0)
		return error_set_errno(err, "unable to write the audit manifest");
	got = pread(fileno(bag->manifest), line, wanted, (off_t)offset);
	if (got < 0)
		return error_set_errno(err, "unable to read the audit manifest");
	return (size_t)got == wanted && memcmp(line + 66, encoded, length) == 0 &&
	       line[66 + length] == '\n';
}

/* Tables of more slots than this are kept in a file (audit_bag.h). */
static size_t memory_slots = SEEN_PATHS_MEMORY_SLOTS;

void audit_paths_limit_memory(size_t slots)
{
	memory_slots = slots ? slots : SEEN_PATHS_MEMORY_SLOTS;
}

/* The slot after index, wrapping around. */
static size_t next_slot(const struct seen_paths *seen, size_t index)
{
	return index + 1 == seen->capacity ? 0 : index + 1;
}

/* What a slot holds for the manifest line at offset with this tag. */
uint64_t slot_value(uint64_t tag, uint64_t offset)
{
	return tag << SLOT_OFFSET_BITS | (offset + 1);
}

/* A table in a file is read this many slots at a time: a probe seldom goes
 * further (the table is never 3/4 full). */
#define PROBE_SLOTS 16

/* The slots a probe has read of a table in a file: first .. first + count. */
struct probe {
	uint64_t slots[PROBE_SLOTS];
	size_t first, count;
};

/* The value of slot index into *value, from memory or through the probe's
 * slots (read again from the file when index is not among them). */
static int read_slot(const struct seen_paths *seen, struct probe *probe, size_t index,
		     uint64_t *value, struct error *err)
{
	if (!seen->in_file) {
		*value = seen->slots[index];
		return 0;
	}
	if (index < probe->first || index >= probe->first + probe->count) {
		size_t count = seen->capacity - index < PROBE_SLOTS ? seen->capacity - index :
			       PROBE_SLOTS;
		ssize_t got = pread(seen->fd, probe->slots, count * sizeof(uint64_t),
				    (off_t)(index * sizeof(uint64_t)));

		if (got != (ssize_t)(count * sizeof(uint64_t)))
			return error_set_errno(err, "unable to read the audit archive's "
					       "table of paths");
		probe->first = index;
		probe->count = count;
	}
	*value = probe->slots[index - probe->first];
	return 0;
}

int set_seen_slot(struct seen_paths *seen, size_t slot, uint64_t value, struct error *err)
{
	if (!seen->in_file) {
		seen->slots[slot] = value;
		return 0;
	}
	if (pwrite(seen->fd, &value, sizeof(value), (off_t)(slot * sizeof(value))) !=
	    (ssize_t)sizeof(value))
		return error_set_errno(err, "unable to write the audit archive's table of paths");
	return 0;
}

/* Finds `encoded` in the table: returns 1 if it is there (its manifest
 * line's offset in *slot), else 0 and the empty slot where it goes in *slot
 * and its tag in *tag_out; -1 on error. */
int find_seen_path(struct audit_bag *bag, const char *encoded, size_t *slot,
		   uint64_t *tag_out, struct error *err)
{
	uint64_t hash = path_hash(encoded), tag = hash >> SLOT_OFFSET_BITS;
	size_t index = (size_t)(hash % bag->seen.capacity);
	struct probe probe = { { 0 }, 0, 0 };

	for (;; index = next_slot(&bag->seen, index)) {
		uint64_t value = 0;
		int same;

		if (read_slot(&bag->seen, &probe, index, &value, err) < 0)
			return -1;
		if (value == 0) {
			*slot = index;
			*tag_out = tag;
			return 0;
		}
		if (value >> SLOT_OFFSET_BITS != tag)
			continue;
		same = manifest_line_is(bag, (value & SLOT_OFFSET_MASK) - 1, encoded, err);
		if (same > 0)
			*slot = (size_t)((value & SLOT_OFFSET_MASK) - 1);
		if (same != 0)
			return same;
	}
}

int count_journal_path(struct audit_bag *bag, const struct changed_file *file,
		       struct error *err)
{
	(void)file;
	(void)err;
	bag->journal_paths++;
	return 0;
}

/* Puts the manifest line at offset, naming `encoded`, in a table that does
 * not hold it yet. */
static int insert_seen_path(struct seen_paths *seen, const char *encoded, uint64_t offset,
			    struct error *err)
{
	uint64_t hash = path_hash(encoded), value = 0;
	size_t index = (size_t)(hash % seen->capacity);
	struct probe probe = { { 0 }, 0, 0 };

	for (;; index = next_slot(seen, index)) {
		if (read_slot(seen, &probe, index, &value, err) < 0)
			return -1;
		if (value == 0)
			return set_seen_slot(seen, index, slot_value(hash >> SLOT_OFFSET_BITS,
								     offset), err);
	}
}

/* Puts every manifest line's path in the table (which holds none yet). */
static int fill_seen_paths(struct audit_bag *bag, struct seen_paths *seen, struct error *err)
{
	char buffer[1 << 16];
	size_t held = 0;
	off_t read_at = 0;
	uint64_t offset = 0;	/* of the first line held */
	ssize_t got;

	if (fflush(bag->manifest) != 0)
		return error_set_errno(err, "unable to write the audit manifest");
	do {
		char *line = buffer, *end;

		got = pread(fileno(bag->manifest), buffer + held, sizeof(buffer) - held, read_at);
		if (got < 0)
			return error_set_errno(err, "unable to read the audit manifest");
		read_at += got;
		held += (size_t)got;
		while ((end = memchr(line, '\n', held - (size_t)(line - buffer)))) {
			if (end - line < 67)
				return error_set(err, "the audit manifest has a line too short");
			*end = '\0';
			if (insert_seen_path(seen, line + 66, offset, err) < 0)
				return -1;
			offset += (uint64_t)(end - line) + 1;
			line = end + 1;
		}
		held -= (size_t)(line - buffer);
		memmove(buffer, line, held);
		if (held == sizeof(buffer))
			return error_set(err, "the audit manifest has a line too long");
	} while (got > 0);
	if (held != 0)
		return error_set(err, "the audit manifest ends in the middle of a line");
	return 0;
}

void release_seen_paths(struct seen_paths *seen)
{
	if (seen->in_file)
		close(seen->fd);
	free(seen->slots);
	memset(seen, 0, sizeof(*seen));
}

/* An empty table of `capacity` slots: in memory, or in a new file with no
 * name in the bag's transaction directory (its zeros not written: the file
 * is sparse until slots are set). */
static int new_seen_paths(struct audit_bag *bag, struct seen_paths *seen, size_t capacity,
			  struct error *err)
{
	memset(seen, 0, sizeof(*seen));
	seen->capacity = capacity;
	if (capacity <= memory_slots) {
		seen->slots = calloc(capacity, sizeof(*seen->slots));
		return seen->slots ? 0 : error_set(err, "out of memory");
	}
	seen->fd = open_unnamed_file(bag->transaction.directory,
				     "the audit archive's table of paths", err);
	if (seen->fd < 0)
		return -1;
	seen->in_file = 1;
	if (ftruncate(seen->fd, (off_t)(capacity * sizeof(uint64_t))) < 0) {
		error_set_errno(err, "unable to make the audit archive's table of paths");
		release_seen_paths(seen);
		return -1;
	}
	return 0;
}

/* Makes the table room for `paths` paths at most, never more than 3/4 full
 * (linear probing stays short): a larger table is filled again from the
 * manifest's lines, which are the paths in the bag. */
int size_seen_paths(struct audit_bag *bag, size_t paths, struct error *err)
{
	struct seen_paths larger;

	if (bag->seen.capacity && 4 * paths <= 3 * bag->seen.capacity)
		return 0;
	if (new_seen_paths(bag, &larger, paths + paths / 3 + 64, err) < 0)
		return -1;
	if (bag->payload_files && fill_seen_paths(bag, &larger, err) < 0) {
		release_seen_paths(&larger);
		return -1;
	}
	release_seen_paths(&bag->seen);
	bag->seen = larger;
	return 0;
}
