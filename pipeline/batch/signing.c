/* signing.c - the run's signing (R11): the key the policy chooses is loaded
 * once, every signed output goes through put_signed_document (the public
 * register, too large to hold, through signed_writer: public_register.c,
 * which counts it in signed_documents itself), and at the end the key's
 * signing dates are recorded and republished. A state with no
 * key yet issues unsigned documents, and the run says so (log and summary),
 * so that staff run `ecap key new`.
 */
#include "signing.h"

#include <stdio.h>
#include <string.h>

#include "signature.h"
#include "signing.h"
#include "xml.h"

int signing_start(struct batch *batch, struct error *err)
{
	if (signature_setup(err) < 0 || keys_read(batch->store.root, &batch->keys, err) < 0 ||
	    keys_load_signing(batch->store.root, &batch->keys, batch->policy.signing_key,
			      &batch->signing_key, err) < 0)
		return -1;
	if (batch->signing_key) {
		log_line(batch, "documents are signed with key %s",
			 signing_key_name(batch->signing_key));
		return 0;
	}
	batch->summary->unsigned_run = 1;
	log_line(batch, "warning: the state has no signing key: certificates, the register and "
		 "the federation's report are issued unsigned; make one with `ecap key new %s`",
		 batch->store.root);
	return 0;
}

int put_signed_document(struct batch *batch, const char *destination, xmlDocPtr document,
			struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	if (!batch->signing_key)
		return put_document(batch, destination, document, err);
	if (signature_sign(document, batch->signing_key, &bytes, &size, err) < 0)
		return -1;
	result = transaction_put(&batch->transaction, destination, bytes, (size_t)size, err);
	xmlFree(bytes);
	if (result == 0)
		batch->signed_documents++;
	return result;
}

/* The dates the key signed from and to, kept and published. */
int signing_finish(struct batch *batch, struct error *err)
{
	struct key_entry *entry;
	char date[11];
	xmlDocPtr index;
	int result;

	if (!batch->signing_key || !batch->signed_documents)
		return 0;
	entry = key_list_find(&batch->keys, signing_key_name(batch->signing_key));
	date_format(batch->options->date, date);
	if (!entry || (entry->signed_from[0] && strcmp(entry->signed_to, date) >= 0))
		return 0;
	if (!entry->signed_from[0])
		snprintf(entry->signed_from, sizeof(entry->signed_from), "%s", date);
	snprintf(entry->signed_to, sizeof(entry->signed_to), "%s", date);
	index = keys_index_document(&batch->keys);
	result = prepare_group_for(batch, err) < 0 ||
		 put_document(batch, "store/keys/index.xml", index, err) < 0 ||
		 put_document(batch, "out/public/keys/index.xml", index, err) < 0 ? -1 : 0;
	xmlFreeDoc(index);
	return result;
}

void signing_release(struct batch *batch)
{
	signing_key_free(batch->signing_key);
	batch->signing_key = NULL;
	key_list_release(&batch->keys);
}
