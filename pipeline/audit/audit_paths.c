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

/* Finds `encoded` in the table: returns 1 if it is there, else 0 and the
 * empty slot where it goes in *slot and its tag in *tag_out; -1 on error. */
int find_seen_path(struct audit_bag *bag, const char *encoded, uint64_t **slot,
		   uint64_t *tag_out, struct error *err)
{
	uint64_t hash = path_hash(encoded), tag = hash >> SLOT_OFFSET_BITS;
	size_t index = (size_t)(hash % bag->seen.capacity);

	for (;; index = next_slot(&bag->seen, index)) {
		uint64_t value = bag->seen.slots[index];
		int same;

		if (value == 0) {
			*slot = &bag->seen.slots[index];
			*tag_out = tag;
			return 0;
		}
		if (value >> SLOT_OFFSET_BITS != tag)
			continue;
		same = manifest_line_is(bag, (value & SLOT_OFFSET_MASK) - 1, encoded, err);
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
void insert_seen_path(struct seen_paths *seen, const char *encoded, uint64_t offset)
{
	uint64_t hash = path_hash(encoded);
	size_t index = (size_t)(hash % seen->capacity);

	while (seen->slots[index] != 0)
		index = next_slot(seen, index);
	seen->slots[index] = slot_value(hash >> SLOT_OFFSET_BITS, offset);
}

/* Puts every manifest line's path in the table (which holds none yet). */
int fill_seen_paths(struct audit_bag *bag, struct seen_paths *seen, struct error *err)
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
			insert_seen_path(seen, line + 66, offset);
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

/* Makes the table room for `paths` paths at most, never more than 3/4 full
 * (linear probing stays short; a record run of a 100,000-package batch names
 * some 800,000 paths, 8.5 MB of slots): a larger table is filled again from
 * the manifest's lines, which are the paths in the bag. */
int size_seen_paths(struct audit_bag *bag, size_t paths, struct error *err)
{
	struct seen_paths larger = { NULL, paths + paths / 3 + 64 };

	if (bag->seen.slots && 4 * paths <= 3 * bag->seen.capacity)
		return 0;
	larger.slots = calloc(larger.capacity, sizeof(*larger.slots));
	if (!larger.slots)
		return error_set(err, "out of memory");
	if (bag->payload_files && fill_seen_paths(bag, &larger, err) < 0) {
		free(larger.slots);
		return -1;
	}
	free(bag->seen.slots);
	bag->seen = larger;
	return 0;
}
