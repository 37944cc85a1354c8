/* batch.c - the primitives every step of a batch run uses (batch.h): the
 * run log, the group of inputs one transaction commits, an input opened,
 * hashed, taken into the content store or quarantined, and a dossier opened
 * as the open transaction leaves it. Nothing here decides: what follows
 * from a stage's result is in consequences.c, the run in driver.c. */
#include "batch.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "audit.h"
#include "hash.h"
#include "input_memory.h"
#include "name.h"
#include "outcomes.h"
#include "xml.h"


void log_line(struct batch *batch, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	if (batch->log) {
		va_list copy;

		va_copy(copy, args);
		vfprintf(batch->log, format, copy);
		fputc('\n', batch->log);
		va_end(copy);
	}
	if (batch->options->verbose) {
		vfprintf(stderr, format, args);
		fputc('\n', stderr);
	}
	va_end(args);
}

/* ---- the open transaction ---- */

void forget_group(struct batch *batch)
{
	for (size_t i = 0; i < batch->group_digest_count; i++)
		free(batch->group_digests[i]);
	batch->group_digest_count = 0;
	batch->group_inputs = 0;
}

static int ensure_transaction(struct batch *batch, struct error *err)
{
	if (batch->transaction_open)
		return 0;
	if (transaction_begin(&batch->store, &batch->transaction, err) < 0)
		return -1;
	batch->transaction_open = 1;
	return 0;
}

/* The run's archive, begun when it first has something to hold. */
static int open_audit(struct batch *batch, struct error *err)
{
	if (batch->audit)
		return 0;
	batch->audit_facts.bagged = time(NULL);
	return audit_begin(&batch->store, &batch->audit_facts, batch->inputs_total,
			   &batch->audit, err);
}

/* After a group commits, the group before it is wholly in place (a commit
 * behind settles the one before first): its letters, e-mails and
 * certificates go into the archive from now on, a part before each input of
 * the next group (prepare_group_for), while this group's commit runs behind,
 * and not all at the run's end nor all at once, which would leave the
 * preparing threads idle with their window full. The same group is archived
 * at the same points whether its commit ran behind or not, so the archive's
 * order does not depend on --jobs. */
static int archive_committed_group(struct batch *batch, const char *just_committed,
				   size_t steps, struct error *err)
{
	int result = 0;

	if (batch->committed_journal[0])
		result = open_audit(batch, err) < 0 ? -1 :
			 audit_add_committed(batch->audit, batch->committed_journal, steps, err);
	snprintf(batch->committed_journal, sizeof(batch->committed_journal), "%s",
		 just_committed);
	return result;
}

/* The open group committed, on this thread or (behind) on one of its own;
 * the group before goes into the archive over `steps` inputs, or now. */
static int commit_open_group(struct batch *batch, int behind, size_t steps,
			     struct error *err)
{
	char name[TRANSACTION_NAME_SIZE];
	int result = 0;

	if (!batch->transaction_open)
		return store_settle(&batch->store, err);
	/* every PDF of the group in its place before the commit; failing, the
	 * transaction stays open and the run's end aborts it */
	if (batch->renders && render_queue_finish(batch->renders, err) < 0)
		return -1;
	batch->transaction_open = 0;
	snprintf(name, sizeof(name), "%s", batch->transaction.name);
	if (transaction_empty(&batch->transaction)) {
		transaction_abort(&batch->transaction);
		result = behind ? 0 : store_settle(&batch->store, err);
	} else {
		result = behind ? transaction_commit_behind(&batch->transaction, err) :
				  transaction_commit(&batch->transaction, err);
		if (result == 0)
			result = archive_committed_group(batch, name, steps, err);
	}
	forget_group(batch);
	return result;
}

int commit_group(struct batch *batch, struct error *err)
{
	/* with workers the commit runs behind while the group before it goes
	 * into the archive, all of it (no inputs follow to spread it over), its
	 * syncs no longer idling the run, and is settled before this returns;
	 * the archive's order is that of --jobs 1 */
	int behind = batch->options->jobs > 1;

	if (commit_open_group(batch, behind, 0, err) < 0)
		return -1;
	return behind ? store_settle(&batch->store, err) : 0;
}

static int in_list(char **list, size_t count, const char *text)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i], text) == 0)
			return 1;
	return 0;
}

static int add_to_list(char ***list, size_t *count, const char *text, struct error *err)
{
	char **grown = realloc(*list, (*count + 1) * sizeof(**list));

	if (!grown)
		return error_set(err, "out of memory");
	*list = grown;
	if (!(grown[*count] = strdup(text)))
		return error_set(err, "out of memory");
	(*count)++;
	return 0;
}

size_t group_limit_from_environment(void)
{
	const char *text = getenv("ECAP_GROUP_INPUTS");
	char *end = NULL;
	unsigned long limit = text ? strtoul(text, &end, 10) : 0;

	return text && *text && *end == '\0' && limit >= 1 && limit <= GROUP_LIMIT ?
		       (size_t)limit : GROUP_LIMIT;
}

/* Before an input: commit every group_limit inputs. A dossier changed
 * earlier in the open transaction needs no commit first: reads go through
 * the transaction (store_locate), so they see its latest version. */
int prepare_group_for(struct batch *batch, struct error *err)
{
	if (batch->group_inputs >= batch->group_limit &&
	    commit_open_group(batch, batch->commit_behind, batch->group_limit, err) < 0)
		return -1;
	if (ensure_transaction(batch, err) < 0 ||
	    (batch->audit && audit_continue_committed(batch->audit, err) < 0))
		return -1;
	batch->group_inputs++;
	return 0;
}

/* ---- inputs ---- */

/* Hashes the rest of an input over the limits as it is read, keeping
 * nothing: its SHA-256 is what the archive and the reason file give. */
static enum input_opened hash_input(int fd, const char *path, char digest[65],
				    struct error *err)
{
	struct sha256 hash = { NULL };
	char buffer[1 << 16];
	enum input_opened result = INPUT_UNREADABLE;
	ssize_t got;

	if (sha256_begin(&hash) < 0) {
		error_set(err, "unable to hash '%s'", path);
		return INPUT_FAILED;
	}
	while ((got = read(fd, buffer, sizeof(buffer))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error_set_errno(err, "unable to read '%s'", path);
			goto out;
		}
		if (sha256_update(&hash, buffer, (size_t)got) < 0) {
			error_set(err, "unable to hash '%s'", path);
			result = INPUT_FAILED;
			goto out;
		}
	}
	if (sha256_finish(&hash, digest) == 0)
		result = INPUT_OVER_LIMIT;
out:
	sha256_release(&hash);
	return result;
}

/* An input's bytes have a mapping of their own, not a block of the malloc
 * heap (input_memory.h). They are a run's largest allocations, of every size
 * up to the policy's max_archive_bytes, read on a worker and freed on the
 * filing thread; from the heap they came out of the workers' arenas (glibc's
 * mmap threshold rises past them once a larger block, such as bzip2's 3.6
 * MB, is freed), which kept the holes they left and grew with the number of
 * packages taken. Given back, their pages are kept for the next inputs up to
 * a bound, or go back to the system. */
static enum input_opened read_input(struct input_bytes *input, const char *path,
				    char digest[65], struct error *err)
{
	size_t wanted = (size_t)input->opened.st_size, got = 0;
	char *bytes = input_memory_take(wanted + 1, &input->capacity);

	if (!bytes) {
		error_set(err, "out of memory reading '%s'", path);
		return INPUT_FAILED;
	}
	while (got < wanted) {
		ssize_t count = read(input->fd, bytes + got, wanted - got);

		if (count < 0 && errno == EINTR)
			continue;
		if (count <= 0) {
			if (count == 0)
				errno = EIO;	/* cut short while being read */
			error_set_errno(err, "unable to read '%s'", path);
			input_memory_give(bytes, input->capacity);
			input->capacity = 0;
			return INPUT_UNREADABLE;
		}
		got += (size_t)count;
	}
	bytes[got] = '\0';
	input->data = bytes;
	input->size = got;
	sha256_hex(bytes, got, digest);
	return INPUT_READ;
}

enum input_opened open_input(const struct batch *batch, const char *name, size_t max_bytes,
			     struct input_bytes *input, char digest[65], struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX], shown[NAME_ESCAPED_MAX];

	*input = (struct input_bytes){ NULL, 0, 0, -1, { 0 } };
	digest[0] = '\0';
	snprintf(relative, sizeof(relative), "dropbox/%s", name_escape(name, shown,
								       sizeof(shown)));
	store_path(&batch->store, relative, path, sizeof(path));	/* for messages */
	snprintf(relative, sizeof(relative), "dropbox/%s", name);
	/* never through a link, never blocking on a pipe swapped in since the listing */
	input->fd = openat(batch->store.root_fd, relative,
			   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (input->fd < 0 || fstat(input->fd, &input->opened) < 0) {
		int gone = errno == ENOENT || errno == ELOOP || errno == ENXIO;

		error_set_errno(err, "unable to read '%s'", path);
		return gone ? INPUT_GONE : INPUT_UNREADABLE;
	}
	if (!S_ISREG(input->opened.st_mode)) {
		error_set(err, "'%s' changed while it was being taken", path);
		return INPUT_GONE;
	}
	if ((size_t)input->opened.st_size > max_bytes) {
		input->size = (size_t)input->opened.st_size;
		return hash_input(input->fd, path, digest, err);
	}
	return read_input(input, path, digest, err);
}

void input_release(struct input_bytes *input)
{
	input_memory_give((void *)input->data, input->capacity);
	input->data = NULL;
	input->capacity = 0;
	if (input->fd >= 0)
		close(input->fd);
	input->fd = -1;
}

void content_path(const char *digest, char *out, size_t size)
{
	snprintf(out, size, "store/inputs/%.2s/%s", digest, digest);
}

/* 1 if an input with these bytes was taken or quarantined before: in the
 * open group, by a commit still behind, or on the disk. */
int seen_before(struct batch *batch, const char *digest)
{
	char relative[PATH_MAX];

	if (in_list(batch->group_digests, batch->group_digest_count, digest))
		return 1;
	content_path(digest, relative, sizeof(relative));
	if (store_exists(&batch->store, NULL, relative))
		return 1;
	snprintf(relative, sizeof(relative), "store/seen/%.2s/%s", digest, digest);
	return store_exists(&batch->store, NULL, relative);
}

static int remember_digest(struct batch *batch, const char *digest, struct error *err)
{
	return add_to_list(&batch->group_digests, &batch->group_digest_count, digest, err);
}

/* Puts an input being taken into the run's audit archive now, when its
 * bytes are at hand (the archive is started by the first); digest is their
 * SHA-256, or "" when the run has none. */
static int archive_input(struct batch *batch, const char *destination, const char *name,
			 const char *digest, const struct input_bytes *bytes, struct error *err)
{
	char descriptor[256];
	int size;

	if (!bytes)
		return 0;	/* archived from the store at the end of the run */
	if (open_audit(batch, err) < 0)
		return -1;
	if (bytes->data)
		return audit_add_input(batch->audit, destination, name, bytes->data,
				       bytes->size, digest[0] ? digest : NULL, err);
	/* over the intake limits: never copied whole (a sparse file of 50 GB
	 * takes no room in the dropbox, and would in the archive) */
	size = audit_input_descriptor(digest, bytes->size, descriptor, sizeof(descriptor));
	return audit_add_input(batch->audit, destination, name, descriptor, (size_t)size, NULL,
			       err);
}

/* Moves the input into the state: the file opened, or the entry named. */
static int move_input(struct batch *batch, const char *source, const char *destination,
		      const struct input_bytes *bytes, struct error *err)
{
	if (!bytes || bytes->fd < 0)
		return transaction_take(&batch->transaction, source, destination, err);
	return transaction_take_opened(&batch->transaction, source, destination, bytes->fd,
				       &bytes->opened, bytes->data, bytes->size, err);
}

/* Takes the input into the content store (named by its SHA-256). */
int take_input(struct batch *batch, const char *name, const char *digest,
	       const struct input_bytes *bytes, struct error *err)
{
	char source[PATH_MAX], destination[PATH_MAX];

	snprintf(source, sizeof(source), "dropbox/%s", name);
	content_path(digest, destination, sizeof(destination));
	if (move_input(batch, source, destination, bytes, err) < 0 ||
	    archive_input(batch, destination, name, digest, bytes, err) < 0)
		return -1;
	return remember_digest(batch, digest, err);
}

/* The document serialized into the transaction at destination; written,
 * when not NULL, gets what fstat says of the new file. */
static int put_serialized(struct batch *batch, const char *destination, xmlDocPtr document,
			  struct stat *written, struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (xml_serialize(document, &bytes, &size, err) < 0)
		return -1;
	result = transaction_put_noted(&batch->transaction, destination, bytes, (size_t)size,
				       written, err);
	xmlFree(bytes);
	return result;
}

int put_document(struct batch *batch, const char *destination, xmlDocPtr document,
		 struct error *err)
{
	return put_serialized(batch, destination, document, NULL, err);
}

int put_dossier(struct batch *batch, const char *destination, xmlDocPtr dossier,
		struct error *err)
{
	const char *name = strrchr(destination, '/');
	struct stat written;

	if (put_serialized(batch, destination, dossier, &written, err) < 0)
		return -1;
	dossier_heads_note(&batch->noted_heads, name ? name + 1 : destination, &written, dossier);
	return 0;
}

/* The reason file that stands beside a quarantined input; name is the
 * input's name escaped (name.h). xslt/quarantine-reason.xsl heads the
 * message with the code's heading, worded where the letters word it. */
static int put_quarantine_reason(struct batch *batch, const char *destination,
				 const char *name, const char *code, const char *message,
				 const char *digest, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"quarantined", NULL);
	char relative[PATH_MAX], date[11], escaped[4 * 2048];
	xmlChar *output = NULL;
	int size = 0, result = -1;

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	date_format(batch->options->date, date);
	snprintf(relative, sizeof(relative), "dropbox/%s", name);
	xml_set(root, "input", relative);
	xml_set(root, "code", code);
	xml_set(root, "date", date);
	xml_set(root, "path", destination);
	if (digest[0])
		xml_set(root, "sha256", digest);
	/* a message may quote bytes an input held: XML gets them escaped */
	xmlNodeAddContent(root, (const xmlChar *)(name_is_utf8(message) ? message :
				 name_escape(message, escaped, sizeof(escaped))));
	snprintf(relative, sizeof(relative), "%s.reason.xml", destination);
	if (renderer_apply(batch->renderer, "quarantine-reason.xsl", document, NULL, &output,
			   &size, err) < 0 ||
	    transaction_put(&batch->transaction, relative, output, (size_t)size, err) < 0)
		goto out;
	result = 0;
out:
	xmlFree(output);
	xmlFreeDoc(document);
	return result;
}

/* An input that cannot be moved stays where it is, said in the log; status
 * names it there on every run. */
static int leave_in_dropbox(struct batch *batch, const char *shown, const char *code,
			    const char *message, const struct error *why)
{
	char escaped[4 * sizeof(why->message)];

	log_line(batch, "left in the dropbox: dropbox/%s: %s: %s (%s)", shown, code, message,
		 name_is_utf8(why->message) ? why->message :
		 name_escape(why->message, escaped, sizeof(escaped)));
	return 0;
}

/* Moves the input into quarantine/ with a reason file beside it. When
 * may_stay is set, an input that cannot be moved is left in the dropbox
 * (status names it there) and the run goes on. */
static int quarantine_input(struct batch *batch, const char *name, const char *code,
			    const char *message, const char *digest,
			    const struct input_bytes *bytes, int may_stay, struct error *err)
{
	char source[PATH_MAX], destination[PATH_MAX], seen[PATH_MAX];
	char shown[NAME_ESCAPED_MAX], cut[160];

	if (prepare_group_for(batch, err) < 0)
		return -1;
	snprintf(source, sizeof(source), "dropbox/%s", name);
	name_escape(name, shown, sizeof(shown));
	/* the run and a sequence number keep names unique; the original name,
	 * escaped (it goes into the reason file and the archive's manifest) and
	 * shortened to fit a file name, keeps them recognizable */
	snprintf(destination, sizeof(destination), "quarantine/%s-%04u-%s",
		 batch->store.run_id, ++batch->input_sequence,
		 name_escape(name, cut, sizeof(cut)));
	if (move_input(batch, source, destination, bytes, err) < 0) {
		if (!may_stay)
			return -1;
		return leave_in_dropbox(batch, shown, code, message, err);
	}
	if (archive_input(batch, destination, name, digest, bytes, err) < 0 ||
	    put_quarantine_reason(batch, destination, shown, code, message, digest, err) < 0)
		return -1;
	if (digest[0] && strcmp(code, REASON_DUPLICATE_PACKAGE) != 0) {
		snprintf(seen, sizeof(seen), "store/seen/%.2s/%s", digest, digest);
		if (transaction_put(&batch->transaction, seen, destination, strlen(destination),
				    err) < 0 || remember_digest(batch, digest, err) < 0)
			return -1;
	}
	batch->summary->quarantined++;
	snprintf(seen, sizeof(seen), "dropbox/%s", shown);
	statistics_count_quarantine(&batch->statistics, seen, code, message);
	log_line(batch, "quarantined dropbox/%s: %s: %s", shown, code, message);
	return 0;
}

int quarantine(struct batch *batch, const char *name, const char *code,
	       const char *message, const char *digest, const struct input_bytes *bytes,
	       struct error *err)
{
	return quarantine_input(batch, name, code, message, digest, bytes, 0, err);
}

int quarantine_unreadable(struct batch *batch, const struct intake_item *item,
			  const char *message, struct error *err)
{
	/* not opened: moved by its name, archived by its size (audit.c) */
	struct input_bytes unread = { NULL, (size_t)item->size, 0, -1, { 0 } };

	return quarantine_input(batch, item->name, REASON_INPUT_UNREADABLE, message, "", &unread, 1,
				err);
}

/* ---- dossiers ---- */

void dossier_relative(const char *id, char *out, size_t size)
{
	snprintf(out, size, "store/dossiers/%s.xml", id);
}

int open_dossier(struct batch *batch, const char *id, int create, struct dossier *dossier,
		 struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX];

	dossier_init(dossier);
	dossier_relative(id, relative, sizeof(relative));
	if (!store_locate(&batch->store, batch->transaction_open ? &batch->transaction : NULL,
			  relative, path, sizeof(path))) {
		if (!create)
			return 0;
		return dossier_create(dossier, id, &batch->policy, err) < 0 ? -1 : 0;
	}
	return dossier_load(dossier, path, err) < 0 ? -1 : 1;
}

/* ---- what follows from a stage's result ---- */
