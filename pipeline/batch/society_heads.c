/* society_heads.c - the heads of the dossiers, through their cache; see
 * society_heads.h. The cache is merged with the listing of store/dossiers,
 * both in name order, a line at a time: the survey's memory does not grow
 * with the number of dossiers.
 */
#include "society_heads.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/xmlreader.h>

#include "atomic.h"
#include "directory.h"
#include "policy.h"
#include "xml.h"

#define HEADS_VERSION "ecap-dossier-heads 1"
#define HEAD_FIELDS 10		/* name, 4 of identity, 5 of head */

static void copy_attribute(xmlTextReaderPtr reader, const char *name, char *out, size_t size)
{
	xmlChar *value = xmlTextReaderGetAttribute(reader, (const xmlChar *)name);

	snprintf(out, size, "%s", value ? (const char *)value : "");
	xmlFree(value);
}

/* The field and level of the head, from the dossier's form. */
static void head_from_form(xmlNodePtr form, struct dossier_head *head)
{
	char *level = xml_text(xml_child(form, "level"));

	xml_attribute_copy(xml_child(form, "field"), "code", head->field, sizeof(head->field));
	head->level = level_parse(level ? level : "");
	xmlFree(level);
}

/* The head from a reader at the start of a document. */
static int read_head_from(xmlTextReaderPtr reader, struct dossier_head *head)
{
	int result = -1, status;

	while ((status = xmlTextReaderRead(reader)) == 1) {
		int depth = xmlTextReaderDepth(reader);
		const char *name = (const char *)xmlTextReaderConstLocalName(reader);

		if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT)
			continue;
		if (depth == 0) {
			if (strcmp(name, "dossier") != 0)
				break;
			copy_attribute(reader, "id", head->id, sizeof(head->id));
			copy_attribute(reader, "state", head->state, sizeof(head->state));
			copy_attribute(reader, "since", head->since, sizeof(head->since));
			result = 0;
			continue;
		}
		if (depth == 1) {
			xmlNodePtr form = strcmp(name, "application") == 0 ?
					  xmlTextReaderExpand(reader) : NULL;

			if (form)
				head_from_form(form, head);
			break;	/* the form comes first, or not at all */
		}
	}
	return result;
}

static void clear_head(struct dossier_head *head)
{
	memset(head, 0, sizeof(*head));
	head->level = -1;
}

/* The options the whole dossier is read with elsewhere: no network, no
 * entities, no DTD. */
#define HEAD_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

/* The head of the dossier open on fd, and the identity of its file. */
static int read_head_fd(int fd, const char *path, struct stat *info, struct dossier_head *head)
{
	xmlTextReaderPtr reader;
	int result;

	clear_head(head);
	/* the identity before the bytes: a change while they are read makes
	 * the next survey read the dossier again */
	if (fstat(fd, info) < 0 || !S_ISREG(info->st_mode))
		return -1;
	reader = xmlReaderForFd(fd, path, NULL, HEAD_PARSE_OPTIONS);
	if (!reader)
		return -1;
	result = read_head_from(reader, head);
	xmlFreeTextReader(reader);
	return result;
}

int dossier_head_read(const struct store *store, const char *relative,
		      struct dossier_head *head)
{
	char path[PATH_MAX];
	struct stat info;
	int fd = open(store_path(store, relative, path, sizeof(path)),
		      O_RDONLY | O_CLOEXEC | O_NOFOLLOW), result;

	clear_head(head);
	if (fd < 0)
		return -1;
	result = read_head_fd(fd, path, &info, head);
	close(fd);
	return result;
}

/* ---- the cache's lines ---- */

/* name TAB inode TAB size TAB mtime TAB ctime: what must match (the name
 * itself with no tab or line break: see write_line). */
static int format_identity(const char *name, const struct stat *info, char *out, size_t size)
{
	int length = snprintf(out, size, "%s\t%ju\t%jd\t%jd.%09ld\t%jd.%09ld", name,
			      (uintmax_t)info->st_ino, (intmax_t)info->st_size,
			      (intmax_t)info->st_mtim.tv_sec, info->st_mtim.tv_nsec,
			      (intmax_t)info->st_ctim.tv_sec, info->st_ctim.tv_nsec);

	return length < 0 || (size_t)length >= size ? -1 : length;
}

/* A value a line can hold: no tab, no line break. */
static int fits_line(const char *value)
{
	return !strpbrk(value, "\t\n\r");
}

static int write_line(FILE *file, const char *name, const char *identity,
		      const struct dossier_head *head)
{
	if (!fits_line(name) || !fits_line(head->id) || !fits_line(head->state) ||
	    !fits_line(head->since) || !fits_line(head->field))
		return 0;	/* read again next time */
	return fprintf(file, "%s\t%s\t%s\t%s\t%s\t%d\n", identity, head->id, head->state,
		       head->since, head->field, head->level) < 0 ? -1 : 0;
}

static int copy_field(const char *from, char *out, size_t size)
{
	size_t length = strlen(from);

	if (length >= size)
		return -1;
	memcpy(out, from, length + 1);
	return 0;
}

/* The old cache, read a line at a time. While not ended, line holds the
 * current entry's name and identity as format_identity writes them, and head
 * its head. */
struct cached {
	FILE *file;
	char *line;
	size_t capacity;
	int ended;
	size_t name_length;
	struct dossier_head head;
	char previous[NAME_MAX + 1];
};

/* Splits the line read into its fields: 0, or -1 for a line the cache would
 * not have written. */
static int parse_line(struct cached *cached)
{
	char *fields[HEAD_FIELDS], *cursor = cached->line, *end;
	size_t length = strlen(cursor);
	long level;

	if (length == 0 || cursor[length - 1] != '\n')
		return -1;
	cursor[length - 1] = '\0';
	for (int i = 0; i < HEAD_FIELDS; i++) {
		fields[i] = cursor;
		cursor = strchr(cursor, '\t');
		if ((cursor == NULL) != (i == HEAD_FIELDS - 1))
			return -1;
		if (cursor)
			*cursor++ = '\0';
	}
	errno = 0;
	level = strtol(fields[9], &end, 10);
	if (errno || end == fields[9] || *end || level < -1 || level > INT_MAX || !fields[0][0] ||
	    strlen(fields[0]) > NAME_MAX)
		return -1;
	clear_head(&cached->head);
	if (copy_field(fields[5], cached->head.id, sizeof(cached->head.id)) < 0 ||
	    copy_field(fields[6], cached->head.state, sizeof(cached->head.state)) < 0 ||
	    copy_field(fields[7], cached->head.since, sizeof(cached->head.since)) < 0 ||
	    copy_field(fields[8], cached->head.field, sizeof(cached->head.field)) < 0)
		return -1;
	cached->head.level = (int)level;
	cached->name_length = strlen(fields[0]);
	for (int i = 1; i < 5; i++)	/* the name and identity one string again */
		fields[i][-1] = '\t';
	return 0;
}

/* The current entry's name against name, as strcmp orders them. */
static int compare_cached(const struct cached *cached, const char *name)
{
	int order = strncmp(cached->line, name, cached->name_length);

	if (order)
		return order;
	return name[cached->name_length] ? -1 : 0;
}

/* Moves to the next usable line, names strictly increasing: 1 if a line
 * was passed over as unusable (the cache then needs writing again), else 0. */
static int advance(struct cached *cached)
{
	int passed = 0;

	if (cached->ended)
		return 0;
	for (;;) {
		if (getline(&cached->line, &cached->capacity, cached->file) < 0) {
			cached->ended = 1;
			return passed;
		}
		if (parse_line(cached) == 0 && (!cached->previous[0] ||
						compare_cached(cached, cached->previous) > 0))
			break;
		passed = 1;
	}
	memcpy(cached->previous, cached->line, cached->name_length);
	cached->previous[cached->name_length] = '\0';
	return passed;
}

static void header_of(dev_t device, char *out, size_t size)
{
	snprintf(out, size, HEADS_VERSION " %ju\n", (uintmax_t)device);
}

/* Opens the old cache: 0 when it is of this version and device, else 1 (it
 * needs writing again; the survey reads every dossier). */
static int open_cached(struct cached *cached, const char *path, dev_t device)
{
	char expected[64];

	memset(cached, 0, sizeof(*cached));
	cached->ended = 1;
	cached->file = fopen(path, "re");
	if (!cached->file)
		return 1;
	header_of(device, expected, sizeof(expected));
	if (getline(&cached->line, &cached->capacity, cached->file) < 0 ||
	    strcmp(cached->line, expected) != 0)
		return 1;
	cached->ended = 0;
	return advance(cached);
}

static void close_cached(struct cached *cached)
{
	if (cached->file)
		fclose(cached->file);
	free(cached->line);
}

/* ---- the heads the run noted ---- */

/* Kept small, a run noting thousands: the file name and the head's id,
 * state, since and field in one allocation, each ended by a NUL. */
struct noted_head {
	char *text;
	int level;
	size_t sequence;	/* the last noted of a name counts */
	ino_t inode;
	off_t size;
	struct timespec modified;
};

/* The head as read_head_from reads it from the document's bytes. */
static int head_of_document(xmlDocPtr dossier, struct dossier_head *head)
{
	xmlNodePtr root = xmlDocGetRootElement(dossier), form;

	clear_head(head);
	if (!root || strcmp((const char *)root->name, "dossier") != 0)
		return -1;
	xml_attribute_copy(root, "id", head->id, sizeof(head->id));
	xml_attribute_copy(root, "state", head->state, sizeof(head->state));
	xml_attribute_copy(root, "since", head->since, sizeof(head->since));
	for (form = root->children; form && form->type != XML_ELEMENT_NODE; form = form->next)
		;
	if (form && strcmp((const char *)form->name, "application") == 0)
		head_from_form(form, head);
	return 0;
}

/* The five strings one after the other, each with its NUL (free). */
static char *pack_strings(const char *name, const char *id, const char *state, const char *since,
			  const char *field)
{
	const char *parts[] = { name, id, state, since, field };
	size_t size = 0, at = 0;
	char *text;

	for (size_t i = 0; i < 5; i++)
		size += strlen(parts[i]) + 1;
	text = malloc(size);
	for (size_t i = 0; text && i < 5; i++) {
		size_t length = strlen(parts[i]) + 1;

		memcpy(text + at, parts[i], length);
		at += length;
	}
	return text;
}

/* The head packed in an entry's text, after its name. */
static void unpack_head(const struct noted_head *entry, struct dossier_head *head)
{
	const char *at = entry->text + strlen(entry->text) + 1;
	char *fields[] = { head->id, head->state, head->since, head->field };
	size_t sizes[] = { sizeof(head->id), sizeof(head->state), sizeof(head->since),
			   sizeof(head->field) };

	for (size_t i = 0; i < 4; i++) {
		snprintf(fields[i], sizes[i], "%s", at);
		at += strlen(at) + 1;
	}
	head->level = entry->level;
}

void dossier_heads_note(struct noted_heads *noted, const char *name, const struct stat *written,
			xmlDocPtr dossier)
{
	struct dossier_head head;
	struct noted_head *entry;

	if (noted->count == noted->capacity) {
		size_t capacity = noted->capacity ? 2 * noted->capacity : 64;
		struct noted_head *grown;

		if (capacity > NOTED_HEADS_MAX)
			capacity = NOTED_HEADS_MAX;
		if (noted->count == capacity)
			return;
		grown = realloc(noted->entries, capacity * sizeof(*grown));
		if (!grown)
			return;
		noted->entries = grown;
		noted->capacity = capacity;
	}
	entry = &noted->entries[noted->count];
	if (head_of_document(dossier, &head) < 0 ||
	    !(entry->text = pack_strings(name, head.id, head.state, head.since, head.field)))
		return;
	entry->level = head.level;
	entry->sequence = noted->count++;
	entry->inode = written->st_ino;
	entry->size = written->st_size;
	entry->modified = written->st_mtim;
}

void noted_heads_release(struct noted_heads *noted)
{
	for (size_t i = 0; i < noted->count; i++)
		free(noted->entries[i].text);
	free(noted->entries);
	memset(noted, 0, sizeof(*noted));
}

static int compare_noted(const void *a, const void *b)
{
	const struct noted_head *x = a, *y = b;
	int order = strcmp(x->text, y->text);	/* by name */

	if (order)
		return order;
	return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

/* The head noted last for name into head, if the file info says is still
 * the file it was written to: 1, else 0. The cursor moves along noted,
 * sorted, as the listing goes. */
static int noted_head_for(const struct noted_heads *noted, size_t *cursor, const char *name,
			  const struct stat *info, struct dossier_head *head)
{
	const struct noted_head *last = NULL;

	while (*cursor < noted->count && strcmp(noted->entries[*cursor].text, name) < 0)
		(*cursor)++;
	while (*cursor < noted->count && strcmp(noted->entries[*cursor].text, name) == 0)
		last = &noted->entries[(*cursor)++];
	if (!last || !S_ISREG(info->st_mode) || last->inode != info->st_ino ||
	    last->size != info->st_size || last->modified.tv_sec != info->st_mtim.tv_sec ||
	    last->modified.tv_nsec != info->st_mtim.tv_nsec)
		return 0;
	unpack_head(last, head);
	return 1;
}

/* ---- the survey ---- */

struct survey_files {
	char directory[PATH_MAX];	/* store/dossiers */
	char cache[PATH_MAX], next[PATH_MAX];
	struct cached cached;
	const struct noted_heads *noted;	/* sorted by name */
	size_t noted_cursor;
	FILE *written;		/* the cache as this survey finds it; NULL if it cannot be */
	int changed;		/* whether it differs from the old one */
};

/* The new cache abandoned: the old one stays, if any. */
static void drop_next(struct survey_files *files)
{
	if (!files->written)
		return;
	fclose(files->written);
	files->written = NULL;
	unlink(files->next);
}

/* Whether the cache's current line is name's, its file as info says. */
static int cache_holds(const struct cached *cached, const char *name, const char *identity)
{
	return !cached->ended && compare_cached(cached, name) == 0 &&
	       strcmp(cached->line, identity) == 0;
}

/* The head of one listed dossier: noted by the run that wrote it, or in
 * the cache, if its file is the one they say; else read. 0, or -1 if it does
 * not read as a dossier. */
static int head_of(struct survey_files *files, const char *name, struct dossier_head *head)
{
	char path[PATH_MAX], identity[PATH_MAX + 128] = "";
	struct stat info;
	int fd, result = -1;

	while (!files->cached.ended && compare_cached(&files->cached, name) < 0) {
		advance(&files->cached);	/* a dossier gone */
		files->changed = 1;
	}
	snprintf(path, sizeof(path), "%s/%s", files->directory, name);
	if (lstat(path, &info) == 0 && format_identity(name, &info, identity, sizeof(identity)) > 0 &&
	    noted_head_for(files->noted, &files->noted_cursor, name, &info, head)) {
		result = 0;
		if (!cache_holds(&files->cached, name, identity))
			files->changed = 1;
	} else if (identity[0] && cache_holds(&files->cached, name, identity)) {
		*head = files->cached.head;
		result = 0;
	} else {
		files->changed = 1;
		identity[0] = '\0';
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd >= 0) {
			result = read_head_fd(fd, path, &info, head);
			close(fd);
		}
		if (result == 0 && format_identity(name, &info, identity, sizeof(identity)) < 0)
			identity[0] = '\0';
	}
	if (!files->cached.ended && compare_cached(&files->cached, name) == 0)
		files->changed |= advance(&files->cached);
	if (result == 0 && identity[0] && files->written &&
	    write_line(files->written, name, identity, head) < 0)
		drop_next(files);	/* a full disk: no new cache this time */
	return result;
}

/* The new cache replaces the old one when they differ; when it cannot be
 * written whole, the old one stays or none (each only costs time). */
static void save_cache(struct survey_files *files)
{
	struct error ignored = { 0 };
	char parent[PATH_MAX];
	FILE *written = files->written;
	int failed;

	if (!written)
		return;
	if (!files->changed) {
		drop_next(files);
		return;
	}
	files->written = NULL;
	failed = fflush(written) != 0 || fsync(fileno(written)) < 0;
	if (close_stream(written) < 0 || failed || rename(files->next, files->cache) < 0) {
		unlink(files->next);
		return;
	}
	snprintf(parent, sizeof(parent), "%s", files->cache);
	*strrchr(parent, '/') = '\0';
	(void)fsync_directory(parent, &ignored);
}

/* The new cache, its header written; NULL if it cannot be written. */
static FILE *open_next(const char *path, dev_t device)
{
	char header[64];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *file = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!file) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	header_of(device, header, sizeof(header));
	if (fputs(header, file) < 0) {
		fclose(file);
		return NULL;
	}
	return file;
}

int dossier_heads_survey(const struct store *store, struct noted_heads *noted,
			 dossier_head_visit visit, void *context, struct error *err)
{
	struct survey_files files = { .noted = noted };
	struct name_list dossiers = { 0 };
	struct stat directory_info;

	store_path(store, "store/dossiers", files.directory, sizeof(files.directory));
	store_path(store, SOCIETY_HEADS, files.cache, sizeof(files.cache));
	store_path(store, SOCIETY_HEADS ".new", files.next, sizeof(files.next));
	if (directory_list(files.directory, ".xml", &dossiers, err) < 0)
		return -1;
	if (noted->count)
		qsort(noted->entries, noted->count, sizeof(*noted->entries), compare_noted);
	if (stat(files.directory, &directory_info) < 0)
		directory_info.st_dev = 0;	/* then no line can match */
	files.changed = open_cached(&files.cached, files.cache, directory_info.st_dev);
	files.written = open_next(files.next, directory_info.st_dev);
	for (size_t i = 0; i < dossiers.count; i++) {
		struct dossier_head head;

		if (head_of(&files, dossiers.names[i], &head) == 0)
			visit(context, dossiers.names[i], &head);
	}
	if (!files.cached.ended)
		files.changed = 1;	/* dossiers gone at the end of the list */
	save_cache(&files);
	close_cached(&files.cached);
	name_list_release(&dossiers);
	return 0;
}
