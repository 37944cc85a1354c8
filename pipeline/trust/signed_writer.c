/* signed_writer.c - a document written a part at a time and signed as it
 * is written (signed_writer.h).
 *
 * libxml2 does all the writing and escaping: each part is a small document,
 * the root (the same name, namespace and attributes) with the next
 * children, serialised indented as put_document serialises the whole. Its
 * children's bytes are what lies between its root's start tag line and end
 * tag, and they are the whole document's bytes for those children, since
 * indentation depends only on depth. The same holds of the canonical form
 * the signature's Reference digests (enveloped-signature, then exclusive
 * C14N of the file as parsed): a part, serialised and parsed back (its
 * white space text nodes as the whole file's), canonicalises to the
 * canonical start tag, each child after its line end and indentation, a
 * line end and the end tag; the whole document's canonical form is the
 * start tag, every part's middle in order, a line end (the one after the
 * signature, or before the end tag) and the end tag.
 *
 * The signed file is the indented serialisation with its last line end
 * replaced by the Signature and a line end, as signature_sign writes it:
 * the Signature's bytes come from the root alone with the signature
 * appended (signature_sign_digest), serialised as signature_sign does.
 */
#include "signed_writer.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>

#include "xml.h"

static int put(struct signed_writer *writer, const void *bytes, size_t size, struct error *err)
{
	if (size && fwrite(bytes, 1, size, writer->out) != size)
		return error_set_errno(err, "unable to write a signed document");
	return 0;
}

static int ends_with(const xmlChar *bytes, size_t size, const char *end)
{
	size_t length = strlen(end);

	return size >= length && memcmp(bytes + size - length, end, length) == 0;
}

static int canonical(xmlDocPtr document, xmlChar **bytes, size_t *size, struct error *err)
{
	int length = xmlC14NDocDumpMemory(document, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, bytes);

	if (length < 0 || !*bytes)
		return error_set(err, "unable to canonicalise a document");
	*size = (size_t)length;
	return 0;
}

static xmlDocPtr root_alone(xmlNodePtr root)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr copy = document ? xmlDocCopyNode(root, document, 2) : NULL;

	if (!copy) {
		xmlFreeDoc(document);
		return NULL;
	}
	xmlDocSetRootElement(document, copy);
	return document;
}

int signed_writer_open(struct signed_writer *writer, FILE *out, xmlNodePtr root,
		       struct signing_key *key, struct error *err)
{
	size_t size = 0;

	memset(writer, 0, sizeof(*writer));
	writer->out = out;
	writer->key = key;
	writer->empty = root_alone(root);
	writer->part = root_alone(root);
	if (!writer->empty || !writer->part)
		return error_set(err, "out of memory");
	if (root->ns && root->ns->prefix)
		snprintf(writer->end, sizeof(writer->end), "</%s:%s>", root->ns->prefix, root->name);
	else
		snprintf(writer->end, sizeof(writer->end), "</%s>", root->name);
	if (!key)
		return 0;
	if (canonical(writer->empty, &writer->canonical, &size, err) < 0)
		return -1;
	if (!ends_with(writer->canonical, size, writer->end))
		return error_set(err, "the canonical form of %s does not end with its end tag",
				 root->name);
	writer->canonical_start = size - strlen(writer->end);
	writer->digest = signature_digest_begin(err);
	if (!writer->digest)
		return -1;
	return signature_digest_update(writer->digest, writer->canonical,
				       writer->canonical_start, err);
}

xmlNodePtr signed_writer_part(struct signed_writer *writer)
{
	return xmlDocGetRootElement(writer->part);
}

/* The part's children in canonical form into the digest. */
static int digest_part(struct signed_writer *writer, const xmlChar *serialised, int size,
		       struct error *err)
{
	xmlDocPtr parsed = xmlReadMemory((const char *)serialised, size, NULL, "UTF-8",
					 XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	xmlChar *bytes = NULL;
	size_t length = 0, end = strlen(writer->end) + 1;
	int result = -1;

	if (!parsed) {
		error_set(err, "a part of a signed document does not parse back");
		goto out;
	}
	if (canonical(parsed, &bytes, &length, err) < 0)
		goto out;
	if (length < writer->canonical_start + end ||
	    memcmp(bytes, writer->canonical, writer->canonical_start) != 0 ||
	    bytes[length - end] != '\n' || !ends_with(bytes, length, writer->end)) {
		error_set(err, "a part of a signed document is not canonicalised as its root is");
		goto out;
	}
	result = signature_digest_update(writer->digest, bytes + writer->canonical_start,
					 length - writer->canonical_start - end, err);
out:
	xmlFree(bytes);
	xmlFreeDoc(parsed);
	return result;
}

/* The length of the declaration's and the root's start tag's lines (an
 * attribute's line end is written &#10;), or 0. */
static size_t prefix_length(const xmlChar *bytes, size_t size)
{
	const xmlChar *first = memchr(bytes, '\n', size), *second;

	if (!first)
		return 0;
	second = memchr(first + 1, '\n', size - (size_t)(first + 1 - bytes));
	return second ? (size_t)(second + 1 - bytes) : 0;
}

int signed_writer_flush(struct signed_writer *writer, struct error *err)
{
	xmlNodePtr root = signed_writer_part(writer);
	xmlChar *bytes = NULL;
	int size = 0, result = -1;
	size_t prefix, end = strlen(writer->end) + 1;

	if (!root->children)
		return 0;
	if (xml_serialize(writer->part, &bytes, &size, err) < 0)
		goto out;
	prefix = prefix_length(bytes, (size_t)size);
	if (!prefix || (size_t)size < prefix + end + 1 || bytes[size - 1] != '\n' ||
	    bytes[(size_t)size - end - 1] != '\n' ||
	    !ends_with(bytes, (size_t)size - 1, writer->end) ||
	    (writer->prefix && (prefix != writer->prefix_size ||
				memcmp(bytes, writer->prefix, prefix) != 0))) {
		error_set(err, "a part of a document is not serialised as its root is");
		goto out;
	}
	if (!writer->prefix) {
		writer->prefix = xmlStrndup(bytes, (int)prefix);
		writer->prefix_size = prefix;
		if (!writer->prefix) {
			error_set(err, "out of memory");
			goto out;
		}
		if (put(writer, bytes, prefix, err) < 0)
			goto out;
	}
	/* the line end after the last child is the signature's place: each
	 * part's is written before the next part */
	if ((writer->children && put(writer, "\n", 1, err) < 0) ||
	    put(writer, bytes + prefix, (size_t)size - prefix - end - 1, err) < 0)
		goto out;
	if (writer->key && digest_part(writer, bytes, size, err) < 0)
		goto out;
	writer->children++;
	result = 0;
out:
	xmlFree(bytes);
	xmlFreeNodeList(root->children);
	root->children = root->last = NULL;
	return result;
}

static int close_signed(struct signed_writer *writer, struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result = -1;
	size_t head = writer->prefix ? writer->prefix_size - 1 : 0;

	if (signature_digest_update(writer->digest, "\n", 1, err) < 0 ||
	    signature_digest_update(writer->digest, writer->end, strlen(writer->end), err) < 0 ||
	    signature_sign_digest(writer->empty, writer->key, writer->digest, err) < 0)
		return -1;
	xmlDocDumpMemoryEnc(writer->empty, &bytes, &size, "UTF-8");
	if (!bytes)
		return error_set(err, "out of memory serializing a signed document");
	/* the root's start tag, the Signature, a line end, the end tag */
	if (writer->prefix && ((size_t)size < head ||
			       memcmp(bytes, writer->prefix, head) != 0)) {
		error_set(err, "the signature is not serialised inside the document's root");
		goto out;
	}
	result = put(writer, bytes + head, (size_t)size - head, err);
out:
	xmlFree(bytes);
	return result;
}

int signed_writer_close(struct signed_writer *writer, struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (signed_writer_flush(writer, err) < 0)
		return -1;
	if (writer->key)
		return close_signed(writer, err);
	if (writer->prefix)
		return put(writer, "\n", 1, err) < 0 || put(writer, writer->end, strlen(writer->end),
							    err) < 0 ||
			       put(writer, "\n", 1, err) < 0 ? -1 : 0;
	/* no child at all: the root alone, as the serialiser writes it */
	if (xml_serialize(writer->empty, &bytes, &size, err) < 0)
		return -1;
	result = put(writer, bytes, (size_t)size, err);
	xmlFree(bytes);
	return result;
}

void signed_writer_release(struct signed_writer *writer)
{
	signature_digest_free(writer->digest);
	xmlFreeDoc(writer->empty);
	xmlFreeDoc(writer->part);
	xmlFree(writer->prefix);
	xmlFree(writer->canonical);
	memset(writer, 0, sizeof(*writer));
}
