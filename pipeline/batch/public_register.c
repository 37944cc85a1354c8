/* public_register.c - the public register (R11, formats.md §6): a signed
 * document, out/public/register.xml, with R11's fields of every certificate
 * and nothing else about a person (no ID number, birth date, employer or
 * contact), and the static site written from it by XSLT:
 *
 *   out/public/register/index.html    the search page (xslt/public-register-index.xsl)
 *   out/public/register/data.js       every certificate, for the search
 *                                     (xslt/public-register-data.xsl): a script
 *                                     loads from file:// and any static server
 *   out/public/register/as-of.js      the date the data is as of, for the pages
 *   out/public/register/<serial>.html one page per certificate
 *                                     (xslt/public-register-certificate.xsl)
 *
 * Never held whole: the document and data.js are written as a stream, one
 * member file at a time (register_each_member, trust/signed_writer.c, the
 * data stylesheet's parts), each member's pages on the way; index.html and
 * as-of.js come from the root and the keys alone. The bytes are those the
 * whole document gave (t1640).
 *
 * Written by a run that issued a certificate or changed a status, or when
 * the register document is missing or older than the register's files or
 * the newest key; a certificate's
 * page is written only when its bytes change, so that an audit archive
 * holds the pages that changed, not the whole site.
 */
#include "public_register.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "signed_writer.h"
#include "signing.h"
#include "xml.h"

#define REGISTER_XML "out/public/register.xml"
#define SITE "out/public/register"

static void copy_attribute(xmlNodePtr from, const char *name, xmlNodePtr to, const char *as)
{
	char value[512];

	xml_attribute_copy(from, name, value, sizeof(value));
	if (value[0])
		xml_set(to, as ? as : name, value);
}

static void add_certificate(struct batch *batch, xmlNodePtr root, xmlNodePtr member,
			    xmlNodePtr certificate)
{
	xmlNodePtr entry = xml_add_child(root, "certificate", NULL);
	const struct policy_field *field;
	char code[64];
	int level;

	copy_attribute(certificate, "serial", entry, NULL);
	copy_attribute(member, "registration", entry, NULL);
	copy_attribute(member, "name", entry, NULL);
	copy_attribute(certificate, "level", entry, NULL);
	xml_attribute_copy(certificate, "level", code, sizeof(code));
	level = level_parse(code);
	if (level >= 0) {
		xml_set(entry, "levelName", level_name(level));
		xml_set(entry, "levelNameEn", level_name_english(level));
	}
	copy_attribute(member, "field", entry, NULL);
	field = policy_find_field(&batch->policy, xml_attribute_copy(member, "field", code,
								      sizeof(code)));
	if (field) {
		xml_set(entry, "fieldName", field->name);
		xml_set_optional(entry, "fieldNameEn", field->name_english);
	}
	copy_attribute(certificate, "status", entry, NULL);
	copy_attribute(certificate, "issued", entry, NULL);
	copy_attribute(certificate, "expires", entry, NULL);
}

static void add_keys(struct batch *batch, xmlNodePtr root)
{
	xmlDocPtr index = keys_index_document(&batch->keys);

	for (xmlNodePtr key = xml_child(xmlDocGetRootElement(index), "key"); key;
	     key = xml_next(key, "key"))
		xmlAddChild(root, xmlDocCopyNode(key, root->doc, 1));
	xmlFreeDoc(index);
}

/* The root of the public document with its attributes and the society's
 * keys (what every part of the site shows beside the certificates). */
static xmlDocPtr public_head(struct batch *batch)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(document, NULL, (const xmlChar *)"publicRegister", NULL);
	char date[11];

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	date_format(batch->options->date, date);
	xml_set(root, "society", batch->policy.society_code);
	xml_set(root, "societyName", batch->policy.society_name);
	xml_set_optional(root, "societyNameEn", batch->policy.society_name_english);
	xml_set(root, "asOf", date);
	xml_set(root, "run", batch->store.run_id);
	xml_set_optional(root, "verificationBase", batch->policy.verification_base);
	add_keys(batch, root);
	return document;
}

static void copy_keys(xmlDocPtr head, xmlNodePtr to)
{
	for (xmlNodePtr key = xml_child(xmlDocGetRootElement(head), "key"); key;
	     key = xml_next(key, "key"))
		xmlAddChild(to, xmlDocCopyNode(key, to->doc, 1));
}

static int render(struct batch *batch, const char *stylesheet, xmlDocPtr document,
		  const char *const *parameters, const char *destination, int only_if_changed,
		  struct error *err)
{
	char path[PATH_MAX];
	xmlChar *output = NULL;
	int size = 0, result = -1, same = 0;

	if (renderer_apply(batch->renderer, stylesheet, document, parameters, &output, &size,
			   err) < 0)
		return -1;
	if (only_if_changed && store_locate(&batch->store, &batch->transaction, destination, path,
					    sizeof(path)) == 1) {
		struct error ignored;
		size_t old_size = 0;
		char *old = xml_read_file(path, (size_t)size + 1, &old_size, &ignored);

		same = old && old_size == (size_t)size && memcmp(old, output, old_size) == 0;
		free(old);
	}
	result = same ? 0 : transaction_put(&batch->transaction, destination, output,
					     (size_t)size, err);
	xmlFree(output);
	return result;
}

/* A serial names a file: nothing that could leave the directory. */
static int serial_is_safe(const char *serial)
{
	return serial[0] && serial[0] != '.' && !strchr(serial, '/') && strlen(serial) < 96;
}

/* One page per certificate of part, each from a document of its own (the
 * register's attributes, the certificate, the keys), so that each page
 * costs the same however large the register. */
static int write_pages(struct batch *batch, xmlDocPtr head, xmlNodePtr part, struct error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(head);
	char serial[96], destination[PATH_MAX];
	int result = 0;

	for (xmlNodePtr certificate = xml_child(part, "certificate"); certificate && !result;
	     certificate = xml_next(certificate, "certificate")) {
		xmlDocPtr page = xmlNewDoc((const xmlChar *)"1.0");
		xmlNodePtr page_root = xmlDocCopyNode(root, page, 2);

		xmlDocSetRootElement(page, page_root);
		xmlAddChild(page_root, xmlDocCopyNode(certificate, page, 1));
		copy_keys(head, page_root);
		xml_attribute_copy(certificate, "serial", serial, sizeof(serial));
		snprintf(destination, sizeof(destination), SITE "/%s.html", serial);
		if (serial_is_safe(serial))
			result = prepare_group_for(batch, err) < 0 ||
				 render(batch, "public-register-certificate.xsl", page, NULL,
					destination, 1, err) < 0 ? -1 : 0;
		xmlFreeDoc(page);
	}
	return result;
}

static int put_bytes(FILE *out, const void *bytes, size_t size, struct error *err)
{
	if (size && fwrite(bytes, 1, size, out) != size)
		return error_set_errno(err, "unable to write the public register");
	return 0;
}

/* data.js's part for these certificates: each an object, between them a
 * comma and a line end, as public-register-data.xsl writes the whole. */
static int write_data(struct batch *batch, xmlNodePtr part, FILE *out, size_t before,
		      struct error *err)
{
	static const char *const certificates[] = { "part", "certificates", NULL };
	xmlChar *output = NULL;
	int size = 0, result;

	if (!xml_child(part, "certificate"))
		return 0;
	if (renderer_apply(batch->renderer, "public-register-data.xsl", part->doc, certificates,
			   &output, &size, err) < 0)
		return -1;
	result = (before && put_bytes(out, ",\n", 2, err) < 0) ||
		 put_bytes(out, output, (size_t)size, err) < 0 ? -1 : 0;
	xmlFree(output);
	return result;
}

/* Written as register_each_member reads the member files: the scratch
 * copies of register.xml and data.js, and the pages. */
struct public_stream {
	struct batch *batch;
	xmlDocPtr head;
	struct signed_writer writer;
	FILE *data;
	size_t certificates;
	int failed;
	struct error *err;
};

static void add_member(xmlNodePtr member, void *context)
{
	struct public_stream *stream = context;
	xmlNodePtr part = signed_writer_part(&stream->writer);
	size_t before = stream->certificates;

	if (stream->failed)
		return;
	for (xmlNodePtr certificate = xml_child(member, "certificate"); certificate;
	     certificate = xml_next(certificate, "certificate")) {
		add_certificate(stream->batch, part, member, certificate);
		stream->certificates++;
	}
	if (write_pages(stream->batch, stream->head, part, stream->err) < 0 ||
	    write_data(stream->batch, part, stream->data, before, stream->err) < 0 ||
	    signed_writer_flush(&stream->writer, stream->err) < 0)
		stream->failed = 1;
}

/* 1 if the file at destination (as the transaction leaves it) holds
 * exactly scratch's bytes. */
static int unchanged(struct batch *batch, FILE *scratch, const char *destination)
{
	char path[PATH_MAX], a[1 << 14], b[1 << 14];
	FILE *old;
	size_t got;
	int same = 1;

	if (store_locate(&batch->store, &batch->transaction, destination, path,
			 sizeof(path)) != 1 || !(old = fopen(path, "rb")))
		return 0;
	rewind(scratch);
	while (same && (got = fread(a, 1, sizeof(a), scratch)) > 0)
		same = fread(b, 1, got, old) == got && memcmp(a, b, got) == 0;
	same = same && !ferror(scratch) && fread(b, 1, 1, old) == 0 && !ferror(old);
	fclose(old);
	return same;
}

/* Puts scratch's bytes at destination, unless only_if_changed and they are
 * already there. */
static int put_scratch(struct batch *batch, FILE *scratch, const char *destination,
		       int only_if_changed, struct error *err)
{
	char path[PATH_MAX], buffer[1 << 16];
	FILE *out;
	size_t got;
	int result = 0;

	if (fflush(scratch) != 0 || ferror(scratch))
		return error_set_errno(err, "unable to write %s", destination);
	if (only_if_changed && unchanged(batch, scratch, destination))
		return 0;
	if (prepare_group_for(batch, err) < 0 ||
	    transaction_create(&batch->transaction, destination, path, sizeof(path), err) < 0)
		return -1;
	out = fopen(path, "wb");
	if (!out)
		return error_set_errno(err, "unable to write '%s'", path);
	rewind(scratch);
	while (result == 0 && (got = fread(buffer, 1, sizeof(buffer), scratch)) > 0)
		result = put_bytes(out, buffer, got, err);
	if (result == 0 && ferror(scratch))
		result = error_set_errno(err, "unable to read back %s", destination);
	if (fclose(out) != 0 && result == 0)
		result = error_set_errno(err, "unable to write '%s'", path);
	return result;
}

/* A file with no name in the state's store/, for what is written before it
 * goes into the transaction whole: nothing is written outside the state
 * (security.md), and nothing is left behind however the run ends. */
static FILE *scratch_file(struct batch *batch, struct error *err)
{
	char directory[PATH_MAX];
	FILE *file;
	int fd;

	store_path(&batch->store, "store", directory, sizeof(directory));
	fd = open_unnamed_file(directory, "a scratch file", err);
	if (fd < 0)
		return NULL;
	file = fdopen(fd, "w+");
	if (!file) {
		close(fd);
		error_set(err, "out of memory");
	}
	return file;
}

/* register.xml and data.js into scratch files, member file by member file,
 * and the pages on the way; the certificates counted. Into the transaction
 * only once whole: a group committed between two pages must not carry half
 * a register. */
static int stream_register(struct public_stream *stream, FILE *document, struct error *err)
{
	static const char *const head_part[] = { "part", "head", NULL };
	static const char *const tail_part[] = { "part", "tail", NULL };
	struct batch *batch = stream->batch;
	xmlChar *output = NULL;
	int size = 0, result;

	if (signed_writer_open(&stream->writer, document, xmlDocGetRootElement(stream->head),
			       batch->signing_key, err) < 0 ||
	    renderer_apply(batch->renderer, "public-register-data.xsl", stream->head, head_part,
			   &output, &size, err) < 0)
		return -1;
	if (put_bytes(stream->data, output, (size_t)size, err) < 0) {
		xmlFree(output);
		return -1;
	}
	xmlFree(output);
	if (register_each_member(batch->store.root, add_member, stream, err) < 0 || stream->failed)
		return -1;
	copy_keys(stream->head, signed_writer_part(&stream->writer));
	if (signed_writer_close(&stream->writer, err) < 0 ||
	    (stream->certificates && put_bytes(stream->data, "\n", 1, err) < 0) ||
	    renderer_apply(batch->renderer, "public-register-data.xsl", stream->head, tail_part,
			   &output, &size, err) < 0)
		return -1;
	result = put_bytes(stream->data, output, (size_t)size, err);
	xmlFree(output);
	return result;
}

static int newer(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec != b->st_mtim.tv_sec ? a->st_mtim.tv_sec > b->st_mtim.tv_sec
						       : a->st_mtim.tv_nsec > b->st_mtim.tv_nsec;
}

/* 1 if the register is to be written again: something changed in this run
 * or since the document was written (store/register/ changed after it: a
 * run killed between its change and this step), or it is missing, or a key
 * was made since it was. */
static int needs_writing(struct batch *batch)
{
	char path[PATH_MAX], relative[PATH_MAX];
	struct stat document, keys, members;

	if (batch->summary->certified || batch->summary->register_changes)
		return 1;
	if (stat(store_path(&batch->store, REGISTER_XML, path, sizeof(path)), &document) != 0)
		return 1;
	/* a member file renamed into place changes the directory's time */
	if (stat(store_path(&batch->store, "store/register", path, sizeof(path)), &members) == 0 &&
	    newer(&members, &document))
		return 1;
	if (batch->keys.count == 0)
		return 0;
	/* only `ecap key new` writes a public key file */
	snprintf(relative, sizeof(relative), "out/public/keys/%s.pem",
		 batch->keys.keys[batch->keys.count - 1].name);
	return stat(store_path(&batch->store, relative, path, sizeof(path)), &keys) == 0 &&
	       newer(&keys, &document);
}

int publish_register(struct batch *batch, struct error *err)
{
	static const char *const as_of[] = { "part", "as-of", NULL };
	struct public_stream stream = { batch, NULL, { 0 }, NULL, 0, 0, err };
	FILE *document = NULL;
	char count[24];
	const char *index[] = { "certificates", count, NULL };
	int result = -1, streamed;

	if (!needs_writing(batch))
		return signing_finish(batch, err);
	/* read from disk: what the run changed is committed first */
	if (commit_group(batch, err) < 0)
		return -1;
	stream.head = public_head(batch);
	document = scratch_file(batch, err);
	stream.data = document ? scratch_file(batch, err) : NULL;
	if (!stream.data)
		goto out;
	/* a full group of pages commits behind the next pages: the groups
	 * change only the site's pages, which nothing here reads, and the
	 * members are read from store/register/, which they do not change */
	batch->commit_behind = batch->options->jobs > 1;
	streamed = stream_register(&stream, document, err);
	batch->commit_behind = 0;
	if (streamed < 0 || store_settle(&batch->store, err) < 0 ||
	    put_scratch(batch, document, REGISTER_XML, 0, err) < 0)
		goto out;
	if (batch->signing_key)
		batch->signed_documents++;
	snprintf(count, sizeof(count), "%zu", stream.certificates);
	if (prepare_group_for(batch, err) < 0 ||
	    render(batch, "public-register-index.xsl", stream.head, index, SITE "/index.html", 1,
		   err) < 0 ||
	    put_scratch(batch, stream.data, SITE "/data.js", 1, err) < 0 ||
	    render(batch, "public-register-data.xsl", stream.head, as_of, SITE "/as-of.js", 1,
		   err) < 0 ||
	    signing_finish(batch, err) < 0)
		goto out;
	log_line(batch, "public register %s and its site " SITE "/", REGISTER_XML);
	result = 0;
out:
	signed_writer_release(&stream.writer);
	if (document)
		fclose(document);
	if (stream.data)
		fclose(stream.data);
	xmlFreeDoc(stream.head);
	return result;
}
