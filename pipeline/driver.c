/* driver.c - the batch run: groups of inputs committed together, the
 * dossier's settling after each change, the sweeps of overdue periods, and
 * the run itself; see driver.h and batch.h. Packages are taken in
 * packages.c, records in records.c, public notices written in publish.c. */
#include "batch.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "audit.h"
#include "directory.h"
#include "exits.h"
#include "hash.h"
#include "lock.h"
#include "mail.h"
#include "name.h"
#include "paths.h"
#include "pdf.h"
#include "run_date.h"
#include "qrcode.h"
#include "society.h"
#include "upgrade.h"
#include "xml.h"

/* How many inputs one transaction commits at most: large enough that the two
 * syncs of a commit cost little per input, small enough that a crash redoes
 * little work. */
#define GROUP_LIMIT 256

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

static void forget_group(struct batch *batch)
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

int commit_group(struct batch *batch, struct error *err)
{
	int result = 0;

	if (!batch->transaction_open)
		return 0;
	batch->transaction_open = 0;
	if (transaction_empty(&batch->transaction))
		transaction_abort(&batch->transaction);
	else
		result = transaction_commit(&batch->transaction, err);
	forget_group(batch);
	return result;
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

/* Before an input: commit every GROUP_LIMIT inputs. A dossier changed
 * earlier in the open transaction needs no commit first: reads go through
 * the transaction (store_locate), so they see its latest version. */
int prepare_group_for(struct batch *batch, struct error *err)
{
	if (batch->group_inputs >= GROUP_LIMIT && commit_group(batch, err) < 0)
		return -1;
	if (ensure_transaction(batch, err) < 0)
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

static enum input_opened read_input(struct input_bytes *input, const char *path,
				    char digest[65], struct error *err)
{
	size_t wanted = (size_t)input->opened.st_size, got = 0;
	char *bytes = malloc(wanted + 1);

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
			free(bytes);
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

	*input = (struct input_bytes){ NULL, 0, -1, { 0 } };
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
	free((void *)input->data);
	input->data = NULL;
	if (input->fd >= 0)
		close(input->fd);
	input->fd = -1;
}

void content_path(const char *digest, char *out, size_t size)
{
	snprintf(out, size, "store/inputs/%.2s/%s", digest, digest);
}

static int store_file_exists(struct batch *batch, const char *relative)
{
	char path[PATH_MAX];

	return access(store_path(&batch->store, relative, path, sizeof(path)), F_OK) == 0;
}

/* 1 if an input with these bytes was taken or quarantined before. */
int seen_before(struct batch *batch, const char *digest)
{
	char relative[PATH_MAX];

	if (in_list(batch->group_digests, batch->group_digest_count, digest))
		return 1;
	content_path(digest, relative, sizeof(relative));
	if (store_file_exists(batch, relative))
		return 1;
	snprintf(relative, sizeof(relative), "store/seen/%.2s/%s", digest, digest);
	return store_file_exists(batch, relative);
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
	if (!batch->audit) {
		batch->audit_facts.bagged = time(NULL);
		if (audit_begin(&batch->store, &batch->audit_facts, batch->inputs_total,
				&batch->audit, err) < 0)
			return -1;
	}
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

static const char *quarantine_heading(const char *code)
{
	static const char *const headings[][2] = {
		{ "archive-unreadable", "无法读取的材料包" },
		{ "archive-unsafe", "不安全的材料包" },
		{ "archive-too-large", "超出接收限制的材料包" },
		{ "archive-encrypted", "加密的材料包" },
		{ "no-application", "材料包中没有申请表" },
		{ "xml-malformed", "无法读取的 XML 文件" },
		{ "duplicate-package", "重复提交的材料包" },
		{ "duplicate-application", "不接受新材料的申请" },
		{ "schema", "申请表缺少可用的申请编号" },
		{ "identity-mismatch", "申请人与申请编号不符的材料包" },
		{ "input-unreadable", "无法读取的文件" },
	};

	for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
		if (strcmp(headings[i][0], code) == 0)
			return headings[i][1];
	return "无法处理的文件";
}

int put_document(struct batch *batch, const char *destination, xmlDocPtr document,
			struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (xml_serialize(document, &bytes, &size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, destination, bytes, (size_t)size, err);
	xmlFree(bytes);
	return result;
}

/* The reason file that stands beside a quarantined input; name is the
 * input's name escaped (name.h). */
static int put_quarantine_reason(struct batch *batch, const char *destination,
				 const char *name, const char *code, const char *message,
				 const char *digest, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"quarantined", NULL);
	char relative[PATH_MAX], date[11], text[2048], escaped[4 * sizeof(text)];
	int result;

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
	snprintf(text, sizeof(text), "%s：%s", quarantine_heading(code), message);
	/* a message may quote bytes an input held: XML gets them escaped */
	xmlNodeAddContent(root, (const xmlChar *)(name_is_utf8(text) ? text :
				 name_escape(text, escaped, sizeof(escaped))));
	snprintf(relative, sizeof(relative), "%s.reason.xml", destination);
	result = put_document(batch, relative, document, err);
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
	if (digest[0] && strcmp(code, "duplicate-package") != 0) {
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
	struct input_bytes unread = { NULL, (size_t)item->size, -1, { 0 } };

	return quarantine_input(batch, item->name, "input-unreadable", message, "", &unread, 1,
				err);
}

/* ---- dossiers ---- */

int id_is_safe(const char *id)
{
	size_t length = strlen(id);

	if (length == 0 || length > 64 || !isalnum((unsigned char)id[0]))
		return 0;
	for (const char *c = id; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
			return 0;
	return 1;
}

static void dossier_relative(const char *id, char *out, size_t size)
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

static int is_named(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* The letter a stage result calls for, or NULL (doc/dossier.md). */
static const char *notice_kind_for(xmlNodePtr result)
{
	char outcome[32];

	xml_attribute_copy(result, "outcome", outcome, sizeof(outcome));
	if (is_named(result, "validation"))
		return strcmp(outcome, "returned") == 0 ? "returned" :
		       strcmp(outcome, "rejected") == 0 ? "rejected" :
		       strcmp(outcome, "expired") == 0 ? "expired" : NULL;
	if (is_named(result, "review"))
		return strcmp(outcome, "supplement") == 0 ? "supplement" :
		       strcmp(outcome, "failed") == 0 ? "failed" :
		       strcmp(outcome, "interview") == 0 ? "interview" : NULL;
	if (is_named(result, "confirmation"))
		return xml_attribute_true(result, "confirmed") ? NULL : "interview";
	if (is_named(result, "interview") || is_named(result, "publicityEnd"))
		return strcmp(outcome, "failed") == 0 ? "failed" : NULL;
	if (is_named(result, "certification"))
		return "certified";
	if (is_named(result, "withdrawal"))
		return "withdrawn";	/* R12 */
	if (is_named(result, "reconsideration"))
		return "reconsideration";
	return NULL;
}

/* path with its extension replaced: "x/01-returned.txt" -> "x/01-returned.pdf" */
static void with_extension(const char *path, const char *extension, char *out, size_t size)
{
	const char *dot = strrchr(path, '.');

	snprintf(out, size, "%.*s%s", (int)(dot ? dot - path : (long)strlen(path)), path,
		 extension);
}

static void run_date_text(const struct batch *batch, char out[11])
{
	date_format(batch->options->date, out);
}

/* The PDF of a letter, typeset from its letter document (pdf_letter.c),
 * beside its text with .pdf. */
static int put_pdf_of_letter(struct batch *batch, xmlDocPtr letter, const char *text_path,
			     struct error *err)
{
	char path[PATH_MAX], date[11];
	unsigned char *pdf = NULL;
	size_t pdf_size = 0;
	int result;

	with_extension(text_path, ".pdf", path, sizeof(path));
	run_date_text(batch, date);
	if (pdf_from_letter(letter, strrchr(path, '/') + 1, date, &pdf, &pdf_size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, path, pdf, pdf_size, err);
	free(pdf);
	return result;
}

/* One rendering of the letter document into the transaction at path. */
static int put_rendering(struct batch *batch, const char *stylesheet, xmlDocPtr letter,
			 const char *path, struct error *err)
{
	xmlChar *output = NULL;
	int size = 0, result;

	if (renderer_apply(batch->renderer, stylesheet, letter, NULL, &output, &size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, path, output, (size_t)size, err);
	xmlFree(output);
	return result;
}

int put_letter(struct batch *batch, const char *kind, xmlDocPtr document,
	       const char *const *parameters, const char *html, const char *text,
	       struct error *err)
{
	char stylesheet[96];
	xmlDocPtr letter = NULL;
	int result = -1;

	snprintf(stylesheet, sizeof(stylesheet), "letter-%s.xsl", kind);
	if (renderer_transform(batch->renderer, stylesheet, document, parameters, &letter,
			       err) < 0 ||
	    put_rendering(batch, "letter-xhtml.xsl", letter, html, err) < 0 ||
	    put_rendering(batch, "letter-text.xsl", letter, text, err) < 0 ||
	    put_pdf_of_letter(batch, letter, text, err) < 0)
		goto out;
	result = 0;
out:
	xmlFreeDoc(letter);
	return result;
}

/* The letter for `result`, recorded right after it so that the stylesheet
 * finds the result it tells as the notice's nearest preceding sibling. */
static int write_notice(struct batch *batch, struct dossier *dossier, xmlNodePtr result,
			const char *kind, struct error *err)
{
	char id[128], date[11], seq[16], html[PATH_MAX], text[PATH_MAX];
	int number = dossier_count(dossier, "notice") + 1;
	xmlNodePtr notice = xmlNewDocNode(dossier->document, dossier->root->ns,
					  (const xmlChar *)"notice", NULL);
	const char *parameters[] = { "seq", seq, NULL };

	xmlAddNextSibling(result, notice);
	dossier_get(dossier, "id", id, sizeof(id));
	date_format(batch->options->date, date);
	snprintf(seq, sizeof(seq), "%d", number);
	snprintf(html, sizeof(html), "out/notices/%s/%02d-%s.html", id, number, kind);
	snprintf(text, sizeof(text), "out/notices/%s/%02d-%s.txt", id, number, kind);
	xml_set(notice, "seq", seq);
	xml_set(notice, "kind", kind);
	xml_set(notice, "date", date);
	xml_set(notice, "html", html);
	xml_set(notice, "text", text);
	if (put_letter(batch, kind, dossier->document, parameters, html, text, err) < 0 ||
	    mail_put_message(batch, dossier, notice, err) < 0)
		return -1;
	batch->summary->notices++;
	log_line(batch, "%s: letter %s", id, html);
	return 0;
}

static void set_from(xmlNodePtr to, const char *name, xmlNodePtr from, const char *from_name)
{
	char value[512];

	xml_set(to, name, xml_attribute_copy(from, from_name ? from_name : name, value,
					     sizeof(value)));
}

static int put_certificate_pdf(struct batch *batch, const char *svg, size_t size,
			       const char *svg_path, struct error *err)
{
	char path[PATH_MAX], date[11];
	unsigned char *pdf = NULL;
	size_t pdf_size = 0;
	int result;

	with_extension(svg_path, ".pdf", path, sizeof(path));
	run_date_text(batch, date);
	if (pdf_from_svg(svg, size, strrchr(path, '/') + 1, date, &pdf, &pdf_size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, path, pdf, pdf_size, err);
	free(pdf);
	return result;
}

/* The certificate as XML (xsd/certificate.xsd), SVG and PDF, and its register entry. */
static int write_certificate(struct batch *batch, const struct dossier *dossier,
			     xmlNodePtr certification, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"certificate", NULL);
	xmlNodePtr application = dossier_application(dossier);
	const struct policy_field *field;
	char value[512], path[PATH_MAX];
	xmlChar *svg = NULL;
	int level, size = 0, result = -1;

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	set_from(root, "serial", certification, NULL);
	set_from(root, "registration", certification, NULL);
	xml_set(root, "name", dossier_get(dossier, "name", value, sizeof(value)));
	level = level_parse(xml_attribute_copy(certification, "level", value, sizeof(value)));
	xml_set(root, "level", value);
	xml_set(root, "levelName", level_name(level));
	xml_set(root, "levelNameEn", level_name_english(level));
	field = policy_find_field(&batch->policy, xml_attribute_copy(xml_child(application, "field"),
								     "code", value, sizeof(value)));
	xml_set(root, "field", value);
	xml_set(root, "fieldName", field ? field->name : value);
	xml_set_optional(root, "fieldNameEn", field ? field->name_english : "");
	xml_set(root, "society", batch->policy.society_code);
	xml_set(root, "societyName", batch->policy.society_name);
	xml_set_optional(root, "societyNameEn", batch->policy.society_name_english);
	set_from(root, "issued", certification, NULL);
	set_from(root, "expires", certification, NULL);
	set_from(root, "verification", certification, NULL);
	if (put_signed_document(batch, xml_attribute_copy(certification, "certificate", path,
							  sizeof(path)), document, err) < 0 ||
	    certificate_qr_add(root, batch->policy.verification_base, err) < 0 ||
	    renderer_apply(batch->renderer, "certificate-svg.xsl", document, NULL, &svg, &size,
			   err) < 0 ||
	    transaction_put(&batch->transaction, xml_attribute_copy(certification, "svg", path,
								    sizeof(path)),
			    svg, (size_t)size, err) < 0 ||
	    put_certificate_pdf(batch, (const char *)svg, (size_t)size, path, err) < 0 ||
	    register_record_certification(&batch->register_store, dossier, certification, err) < 0)
		goto out;
	batch->summary->certified++;
	log_line(batch, "certificate %s issued", path);
	result = 0;
out:
	xmlFree(svg);
	xmlFreeDoc(document);
	return result;
}

static void count_result(struct batch *batch, xmlNodePtr result)
{
	char outcome[32];
	struct run_summary *summary = batch->summary;

	if (!is_named(result, "validation"))
		return;
	xml_attribute_copy(result, "outcome", outcome, sizeof(outcome));
	if (strcmp(outcome, "accepted") == 0)
		summary->accepted++;
	else if (strcmp(outcome, "returned") == 0)
		summary->returned++;
	else if (strcmp(outcome, "rejected") == 0)
		summary->rejected++;
	else if (strcmp(outcome, "expired") == 0)
		summary->expired++;
}

/* Everything that follows from the results the stages appended after `last`. */
static int follow_results(struct batch *batch, struct dossier *dossier, xmlNodePtr last,
			  struct error *err)
{
	xmlNodePtr results[64];
	size_t count = 0;
	char id[128], outcome[32];

	for (xmlNodePtr node = last ? last->next : dossier->root->children; node && count < 64;
	     node = node->next)
		if (node->type == XML_ELEMENT_NODE)
			results[count++] = node;
	dossier_get(dossier, "id", id, sizeof(id));
	for (size_t i = 0; i < count; i++) {
		const char *kind = notice_kind_for(results[i]);

		count_result(batch, results[i]);
		if (!is_named(results[i], "record"))
			log_line(batch, "%s: %s %s", id, (const char *)results[i]->name,
				 xml_attribute_copy(results[i], "outcome", outcome, sizeof(outcome)));
		if (is_named(results[i], "certification") &&
		    write_certificate(batch, dossier, results[i], err) < 0)
			return -1;
		if (is_named(results[i], "publicity") && queue_publicity_entry(batch, dossier, err) < 0)
			return -1;
		if (kind && write_notice(batch, dossier, results[i], kind, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- wake-ups: the end of a period that a later run must act on ---- */

/* The last day of the dossier's current period: the deadline of a returned
 * application or of a supplement request, the last day of publicity; ""
 * for none. */
static void period_end(const struct dossier *dossier, char *out, size_t size)
{
	char state[32];

	out[0] = '\0';
	dossier_get(dossier, "state", state, sizeof(state));
	if (strcmp(state, "returned") == 0 || strcmp(state, "supplement-requested") == 0)
		dossier_get(dossier, "deadline", out, size);
	else if (strcmp(state, "publicity") == 0)
		xml_attribute_copy(dossier_last(dossier, "publicity"), "ends", out, size);
}

static void wakeup_marker(const char *date, const char *id, char *out, size_t size)
{
	snprintf(out, size, "store/wakeups/%s_%s", date, id);
}

/* Keeps store/wakeups/ in step: one marker per dossier with a period
 * running, named by its last day, so a sweep never reads every dossier. */
static int update_wakeup(struct batch *batch, const char *before, struct dossier *dossier,
			 struct error *err)
{
	char id[128], after[16], marker[PATH_MAX];

	dossier_get(dossier, "id", id, sizeof(id));
	period_end(dossier, after, sizeof(after));
	if (strcmp(before, after) == 0)
		return 0;
	if (before[0]) {
		wakeup_marker(before, id, marker, sizeof(marker));
		if (transaction_remove(&batch->transaction, marker, err) < 0)
			return -1;
	}
	if (!after[0])
		return 0;
	wakeup_marker(after, id, marker, sizeof(marker));
	return transaction_put(&batch->transaction, marker, id, strlen(id), err);
}

int settle_dossier(struct batch *batch, struct dossier *dossier, struct error *err)
{
	char id[128], relative[PATH_MAX], before[16], state_before[32];
	xmlNodePtr last = xmlGetLastChild(dossier->root);
	int changed;

	period_end(dossier, before, sizeof(before));
	dossier_get(dossier, "state", state_before, sizeof(state_before));
	if (!dossier_last(dossier, "validation"))
		state_before[0] = '\0';	/* a new application enters its first state */
	/* the submission or record the caller just appended is not a result */
	if (last && (is_named(last, "submission") || is_named(last, "record")))
		last = last->prev;
	changed = stages_run(&batch->stage, dossier, err);
	if (changed < 0 || follow_results(batch, dossier, last, err) < 0 ||
	    update_wakeup(batch, before, dossier, err) < 0)
		return -1;
	statistics_count_dossier(&batch->statistics, dossier, state_before, last);
	dossier_get(dossier, "id", id, sizeof(id));
	dossier_relative(id, relative, sizeof(relative));
	return put_document(batch, relative, dossier->document, err);
}

static int wake_up(struct batch *batch, const char *marker_name, struct error *err)
{
	char date_text[16], id[128], period[16];
	const char *separator = strchr(marker_name, '_');
	struct dossier dossier;
	day_t date;
	int result = -1, exists;

	if (!separator || separator - marker_name != 10)
		return 0;
	snprintf(date_text, sizeof(date_text), "%.10s", marker_name);
	snprintf(id, sizeof(id), "%s", separator + 1);
	if (date_parse(date_text, &date) < 0 || date >= batch->options->date || !id_is_safe(id))
		return 0;
	if (prepare_group_for(batch, err) < 0)
		return -1;
	exists = open_dossier(batch, id, 0, &dossier, err);
	if (exists <= 0) {
		char marker[PATH_MAX];

		/* a marker without its dossier: nothing to wake */
		wakeup_marker(date_text, id, marker, sizeof(marker));
		result = exists < 0 ? -1 : transaction_remove(&batch->transaction, marker, err);
		goto out;
	}
	period_end(&dossier, period, sizeof(period));
	result = settle_dossier(batch, &dossier, err);
	/* a marker for another day than the dossier's period (one an upgrade
	 * wrote to wake it at once) is not removed by settle_dossier */
	if (result == 0 && strcmp(period, date_text) != 0) {
		char marker[PATH_MAX];

		wakeup_marker(date_text, id, marker, sizeof(marker));
		result = transaction_remove(&batch->transaction, marker, err);
	}
out:
	dossier_release(&dossier);
	return result;
}

/* Periods that ended before the run's date: returns expire, publicity ends. */
static int sweep_wakeups(struct batch *batch, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list markers;
	int result;

	/* the markers are listed from disk: commit what the inputs changed first */
	if (commit_group(batch, err) < 0)
		return -1;
	result = directory_list(store_path(&batch->store, "store/wakeups", directory,
					   sizeof(directory)), "", &markers, err);
	for (size_t i = 0; i < markers.count && result == 0; i++)
		result = wake_up(batch, markers.names[i], err);
	name_list_release(&markers);
	return result;
}

static int publish_expiry(void *context, xmlDocPtr change, struct error *err)
{
	return publish_register_change(context, change, err);
}

static int sweep_expiries(struct batch *batch, struct error *err)
{
	if (prepare_group_for(batch, err) < 0)
		return -1;
	return register_expire(&batch->register_store, batch->options->date, publish_expiry, batch,
			       err);
}

/* ---- the run ---- */

static int load_run_resources(struct batch *batch, struct error *err)
{
	char path[PATH_MAX];

	batch->policy_schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), err);
	if (!batch->policy_schema)
		return -1;
	if (policy_load(&batch->policy, store_path(&batch->store, "policy.xml", path,
						   sizeof(path)), batch->policy_schema, err) < 0)
		return -1;
	batch->policy_loaded = 1;
	batch->application_schema = schema_load(paths_schema("application.xsd", path,
							     sizeof(path)), err);
	batch->record_schema = schema_load(paths_schema("record.xsd", path, sizeof(path)), err);
	if (!batch->application_schema || !batch->record_schema)
		return -1;
	batch->renderer = renderer_new(err);
	if (!batch->renderer || signing_start(batch, err) < 0)
		return -1;
	batch->register_store.store = &batch->store;
	batch->register_store.transaction = &batch->transaction;
	batch->register_store.policy = &batch->policy;
	register_view_for_store(&batch->register_view, &batch->register_store);
	batch->stage.policy = &batch->policy;
	batch->stage.application_schema = batch->application_schema;
	batch->stage.register_view = &batch->register_view;
	batch->stage.date = batch->options->date;
	return 0;
}

static void report_progress(struct batch *batch, const char *stage)
{
	if (batch->options->progress)
		batch->options->progress(batch->options->progress_context, batch->inputs_done,
					 batch->inputs_total, stage);
}

static void count_package_progress(struct batch *batch)
{
	batch->inputs_done++;
	report_progress(batch, "packages");
}

static int take_window(struct batch *batch, enum input_kind kind, const struct intake_list *list,
		       struct error *err)
{
	if (kind == INPUT_PACKAGE && batch->options->jobs > 1)
		return take_packages_in_parallel(batch, list->items, list->count,
						 batch->options->jobs, count_package_progress, err);

	const char *stage = kind == INPUT_RECORD ? "records" : "packages";

	for (size_t i = 0; i < list->count; i++) {
		const struct intake_item *item = &list->items[i];
		int result = 0;

		batch->inputs_done++;
		report_progress(batch, stage);
		if (kind == INPUT_RECORD)
			result = take_record(batch, item, err);
		else if (kind == INPUT_PACKAGE)
			result = take_package(batch, item, err);
		else
			result = quarantine(batch, item->name, "archive-unsafe",
					    "a symbolic link, not a file; never followed",
					    "", NULL, err);
		if (result < 0)
			return -1;
	}
	return 0;
}

/* Takes the ready inputs of one kind, in arrival order, INTAKE_WINDOW at a
 * time: the dropbox is listed again for each window, so memory stays the
 * same however many inputs wait. */
static int take_inputs(struct batch *batch, enum input_kind kind, struct error *err)
{
	struct intake_item cursor = { NULL, kind, { 0, 0 }, 0 };
	struct intake_list list = { NULL, 0 };
	char dropbox[PATH_MAX];
	int result = 0, more = 1;

	store_path(&batch->store, "dropbox", dropbox, sizeof(dropbox));
	while (result == 0 && more) {
		result = intake_list_window(dropbox, batch->policy.settle_seconds,
					    batch->intake_time, kind, cursor.name ? &cursor : NULL,
					    INTAKE_WINDOW, &list, err);
		if (result < 0 || list.count == 0)
			break;
		result = take_window(batch, kind, &list, err);
		more = list.count == INTAKE_WINDOW;
		free(cursor.name);
		cursor = list.items[list.count - 1];
		list.items[list.count - 1].name = NULL;	/* the cursor owns it now */
		intake_list_release(&list);
	}
	intake_list_release(&list);
	free(cursor.name);
	return result;
}

/* The log is written to store/run-<run>.log as the run goes (its size grows
 * with the batch, so it is never kept in memory) and moved into out/reports/
 * by the run's last transaction. A log left behind by a killed run is moved
 * by the next. */
static int open_run_log(struct batch *batch, struct error *err)
{
	char path[PATH_MAX];

	snprintf(batch->log_relative, sizeof(batch->log_relative), "store/run-%s.log",
		 batch->store.run_id);
	batch->log = fopen(store_path(&batch->store, batch->log_relative, path, sizeof(path)),
			   "wx");
	if (!batch->log)
		return error_set_errno(err, "unable to create the run log '%s'", path);
	return 0;
}

static int move_log(struct batch *batch, const char *relative, const char *suffix,
		    struct error *err)
{
	char destination[PATH_MAX], name[PATH_MAX];
	size_t length;

	snprintf(name, sizeof(name), "%s", relative + strlen("store/run-"));
	length = strlen(name);
	if (length > 4)
		name[length - 4] = '\0';	/* drop ".log" */
	snprintf(destination, sizeof(destination), "out/reports/%s%s.log", name, suffix);
	if (prepare_group_for(batch, err) < 0)
		return -1;
	return transaction_take(&batch->transaction, relative, destination, err);
}

/* Logs of runs that died are kept, as out/reports/<run>.interrupted.log. */
static int move_orphan_logs(struct batch *batch, struct error *err)
{
	char directory[PATH_MAX], relative[PATH_MAX];
	DIR *listing = opendir(store_path(&batch->store, "store", directory, sizeof(directory)));
	struct dirent *entry;
	int result = 0;

	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while (result == 0 && (entry = readdir(listing))) {
		size_t length = strlen(entry->d_name);

		if (strncmp(entry->d_name, "run-", 4) != 0 || length < 8 ||
		    strcmp(entry->d_name + length - 4, ".log") != 0)
			continue;
		snprintf(relative, sizeof(relative), "store/%s", entry->d_name);
		if (strcmp(relative, batch->log_relative) == 0)
			continue;
		result = move_log(batch, relative, ".interrupted", err);
	}
	closedir(listing);
	return result;
}

static int write_run_log(struct batch *batch, struct error *err)
{
	int failed;

	if (!batch->log)
		return 0;
	failed = close_stream(batch->log) != 0;
	batch->log = NULL;
	if (failed)
		return error_set_errno(err, "unable to write the run log");
	snprintf(batch->summary->log_path, sizeof(batch->summary->log_path),
		 "out/reports/%s.log", batch->store.run_id);
	return move_log(batch, batch->log_relative, "", err);
}

static void discard_run_log(struct batch *batch)
{
	char path[PATH_MAX];

	if (batch->log)
		fclose(batch->log);
	batch->log = NULL;
	/* a log with nothing to say is not kept; one of a failed run is, for the next */
	if (batch->log_relative[0] && !batch->summary->log_path[0] &&
	    (batch->run_completed || batch->run_refused))
		unlink(store_path(&batch->store, batch->log_relative, path, sizeof(path)));
}

/* The run report: out/reports/<run>.xml and, by xslt/report.xsl, .html. */
static int write_report(struct batch *batch, struct error *err)
{
	char date[11], xml_path[PATH_MAX], html_path[PATH_MAX];
	double seconds = difftime(time(NULL), batch->started);
	xmlDocPtr report;
	xmlChar *html = NULL;
	int size = 0, result = -1;

	date_format(batch->options->date, date);
	report = statistics_report(&batch->statistics, batch->summary, &batch->policy, date,
				   seconds);
	/* the whole society as the run leaves it: what it changed committed
	 * first, so that the store is read as it is (society.h) */
	if (commit_group(batch, err) < 0 ||
	    society_report(xmlDocGetRootElement(report), &batch->store, &batch->policy,
			   batch->options->date, err) < 0)
		goto out;
	snprintf(xml_path, sizeof(xml_path), "out/reports/%s.xml", batch->store.run_id);
	snprintf(html_path, sizeof(html_path), "out/reports/%s.html", batch->store.run_id);
	if (prepare_group_for(batch, err) < 0 ||
	    put_document(batch, xml_path, report, err) < 0 ||
	    renderer_apply(batch->renderer, "report.xsl", report, NULL, &html, &size, err) < 0 ||
	    transaction_put(&batch->transaction, html_path, html, (size_t)size, err) < 0)
		goto out;
	snprintf(batch->summary->report_path, sizeof(batch->summary->report_path), "%s",
		 html_path);
	result = 0;
out:
	xmlFree(html);
	xmlFreeDoc(report);
	return result;
}

static int did_anything(const struct batch *batch)
{
	const struct run_summary *summary = batch->summary;

	return batch->transaction_open || summary->packages || summary->records ||
	       summary->quarantined || summary->notices || summary->recovered;
}

static int write_audit(struct batch *batch, struct error *err)
{
	if (batch->audit)
		return audit_finish(batch->audit, batch->summary->audit_path,
				    sizeof(batch->summary->audit_path), err);
	batch->audit_facts.bagged = time(NULL);
	return audit_write(&batch->store, &batch->audit_facts, batch->summary->audit_path,
			   sizeof(batch->summary->audit_path), err);
}

/* Run dates move one way (operations.md): a run dated before the last
 * completed one is refused before it changes anything. */
static int check_run_date(struct batch *batch, struct error *err)
{
	char date[11], last_text[11];
	day_t last;
	int found = run_date_read(&batch->store, NULL, &last, err);

	if (found < 0)
		return EXIT_IO;
	if (!found || batch->options->date >= last)
		return EXIT_OK;
	batch->run_refused = 1;
	date_format(batch->options->date, date);
	date_format(last, last_text);
	error_set(err, "the run's date %s is earlier than %s, the date of the last completed "
		  "run: deadlines, publicity and expiry need run dates that never go back",
		  date, last_text);
	return EXIT_USAGE;
}

/* The last transaction of a completed run records its date: the last group
 * when the run changed anything (its journal puts the run in the archive),
 * else a transaction of its own with no journal, so that a run that found
 * nothing to do still leaves no archive. */
static int record_run_date(struct batch *batch, struct error *err)
{
	struct transaction transaction;
	day_t last;
	int found;

	if (batch->transaction_open)
		return run_date_record(&batch->transaction, batch->options->date, err);
	found = run_date_read(&batch->store, NULL, &last, err);
	if (found < 0)
		return -1;
	if (found && last == batch->options->date)
		return 0;
	if (transaction_begin(&batch->store, &transaction, err) < 0)
		return -1;
	transaction.keep_journal = 0;
	if (run_date_record(&transaction, batch->options->date, err) < 0) {
		transaction_abort(&transaction);
		return -1;
	}
	return transaction_commit(&transaction, err);
}

/* The most the intake limits let the run read of any input: a package's
 * archive bytes or a record's XML bytes. */
static size_t max_input_bytes(const struct policy *policy)
{
	const struct package_limits *limits = &policy->package_limits;

	return limits->max_archive_bytes > limits->max_xml_bytes ? limits->max_archive_bytes :
								   limits->max_xml_bytes;
}

/* Returns an exit code: a failure to load the policy or the data files is
 * the configuration's, any other the file system's. */
static int run_batch(struct batch *batch, struct error *err)
{
	struct intake_counts counts;
	char dropbox[PATH_MAX], date[11];
	int recovered, upgraded, result = EXIT_IO;

	recovered = store_recover(&batch->store, err);
	if (recovered < 0)
		return EXIT_IO;
	/* A state written by an earlier ecap is brought to this layout first,
	 * before anything reads it. */
	if (upgrade_store(&batch->store, &upgraded, err) < 0)
		return EXIT_IO;
	result = check_run_date(batch, err);
	if (result != EXIT_OK)
		return result;
	result = EXIT_IO;
	if (load_run_resources(batch, err) < 0)
		return EXIT_CONFIG;
	batch->summary->recovered = (size_t)recovered;
	/* the chain is checked before anything is done: a recorded last archive
	 * missing or changed stops the run here, not after its work */
	if (audit_find_anchor(&batch->store, &batch->audit_anchor, err) < 0)
		return EXIT_IO;
	batch->audit_facts = (struct audit_facts){ batch->store.run_id,
						   batch->policy.society_name,
						   batch->options->date, 0, &batch->audit_anchor,
						   max_input_bytes(&batch->policy) };
	snprintf(batch->summary->run_id, sizeof(batch->summary->run_id), "%s", batch->store.run_id);
	date_format(batch->options->date, date);
	batch->summary->calendar_covered = calendar_covers(&batch->policy.calendar,
							   batch->options->date);
	log_line(batch, "run %s dated %s over %s", batch->store.run_id, date, batch->store.root);
	if (!batch->summary->calendar_covered)
		log_line(batch, "the policy calendar does not cover %d: working days count "
			 "weekends only", date_year(batch->options->date));
	if (policy_placeholders(&batch->policy, batch->summary->placeholders,
				sizeof(batch->summary->placeholders))[0])
		log_line(batch, "warning: the policy still holds placeholders of the default policy "
			 "(%s): letters name them; edit policy.xml", batch->summary->placeholders);
	if (recovered > 0)
		log_line(batch, "finished %d transactions of an interrupted run", recovered);
	if (upgraded > 0)
		log_line(batch, "upgraded the state directory to layout version %d",
			 upgrade_current_version());
	if (move_orphan_logs(batch, err) < 0)
		return EXIT_IO;
	batch->intake_time = time(NULL);
	if (intake_count(store_path(&batch->store, "dropbox", dropbox, sizeof(dropbox)),
			 batch->policy.settle_seconds, batch->intake_time, &counts, err) < 0)
		return EXIT_IO;
	batch->summary->waiting = counts.waiting;
	batch->inputs_total = counts.ready[INPUT_RECORD] + counts.ready[INPUT_SPECIAL] +
			      counts.ready[INPUT_PACKAGE];
	if (take_inputs(batch, INPUT_RECORD, err) < 0 ||
	    take_inputs(batch, INPUT_SPECIAL, err) < 0 ||
	    take_inputs(batch, INPUT_PACKAGE, err) < 0 ||
	    (report_progress(batch, "deadlines"), sweep_wakeups(batch, err)) < 0 ||
	    sweep_expiries(batch, err) < 0 || publish_run(batch, err) < 0 ||
	    publish_register(batch, err) < 0)
		goto out;
	report_progress(batch, "archive");
	if (did_anything(batch) && (write_report(batch, err) < 0 || write_run_log(batch, err) < 0))
		goto out;
	if (record_run_date(batch, err) < 0 || commit_group(batch, err) < 0 ||
	    write_audit(batch, err) < 0)
		goto out;
	batch->run_completed = 1;
	result = EXIT_OK;
out:
	return result;
}

static void release_batch(struct batch *batch)
{
	if (batch->transaction_open)
		transaction_abort(&batch->transaction);
	audit_release(batch->audit);
	forget_group(batch);
	free(batch->group_digests);
	discard_run_log(batch);
	signing_release(batch);
	statistics_release(&batch->statistics);
	renderer_free(batch->renderer);
	schema_free(batch->record_schema);
	schema_free(batch->application_schema);
	schema_free(batch->policy_schema);
	if (batch->policy_loaded)
		policy_release(&batch->policy);
	store_close(&batch->store);
}

int driver_run(const struct run_options *options, struct run_summary *summary,
	       struct error *err)
{
	struct batch batch;
	int lock = -1, opened, result = EXIT_NO_INPUT;

	memset(&batch, 0, sizeof(batch));
	memset(summary, 0, sizeof(*summary));
	batch.options = options;
	batch.summary = summary;
	batch.store.root_fd = -1;
	batch.started = time(NULL);
	statistics_init(&batch.statistics);
	opened = store_open(&batch.store, options->state_dir, err);
	if (opened < 0) {
		result = opened == STORE_UNREADABLE ? EXIT_IO : EXIT_NO_INPUT;
		goto out;
	}
	lock = lock_acquire(batch.store.root, err);
	if (lock < 0) {
		/* only another run is "in use": any other failure is the system's */
		result = lock == LOCK_BUSY ? EXIT_LOCKED : EXIT_IO;
		lock = -1;
		goto out;
	}
	result = EXIT_IO;
	if (open_run_log(&batch, err) < 0)
		goto out;
	result = run_batch(&batch, err);
out:
	release_batch(&batch);
	lock_release(lock);
	return result;
}
