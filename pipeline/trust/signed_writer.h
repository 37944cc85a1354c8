/* signed_writer.h - a document written a few of its root's children at a
 * time, signed as it is written (signed_writer.c), so that a document as
 * large as the public register is never held whole.
 *
 *	struct signed_writer writer;
 *	if (signed_writer_open(&writer, out, root, key, err) < 0)
 *		...
 *	for each part:
 *		add children to signed_writer_part(&writer);
 *		signed_writer_flush(&writer, err);
 *	signed_writer_close(&writer, err);
 *	signed_writer_release(&writer);
 *
 * The file is byte for byte what put_document (key NULL) or
 * signature_sign would write for the whole document: its root's attributes
 * and namespace those of root, its children every part's in order.
 */
#ifndef ECAP_SIGNED_WRITER_H
#define ECAP_SIGNED_WRITER_H

#include <stdio.h>
#include <libxml/tree.h>

#include "error.h"
#include "signature.h"

struct signed_writer {
	FILE *out;
	struct signing_key *key;		/* NULL: unsigned */
	struct signature_digest *digest;	/* owned, when signed */
	xmlDocPtr empty;			/* owned: the root alone */
	xmlDocPtr part;				/* owned: the root and the next children */
	char end[160];				/* the root's end tag */
	xmlChar *prefix;			/* owned: the declaration and the root's start
						 * tag, indented, once a part is written */
	size_t prefix_size;
	xmlChar *canonical;			/* owned: the root alone, canonical */
	size_t canonical_start;			/* bytes of its start tag */
	size_t children;			/* children written */
};

/* Starts the document whose root is like root (its name, namespace and
 * attributes; its children are not looked at), written to out; signed with
 * key unless key is NULL. */
int signed_writer_open(struct signed_writer *writer, FILE *out, xmlNodePtr root,
		       struct signing_key *key, struct error *err);

/* The root to add the next children to (a copy of root, in a document of
 * its own). */
xmlNodePtr signed_writer_part(struct signed_writer *writer);

/* Writes the children added since the last flush and drops them. */
int signed_writer_flush(struct signed_writer *writer, struct error *err);

/* Flushes, then writes the signature, if any, and the root's end. */
int signed_writer_close(struct signed_writer *writer, struct error *err);

void signed_writer_release(struct signed_writer *writer);

#endif
