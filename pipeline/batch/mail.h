/* mail.h - each letter as an RFC 5322 message (formats.md §6), written by
 * the run in the same transaction as the letter, and what `ecap mail` needs
 * to know of them.
 *
 * A message is out/mail/<folder>/<NN>-<kind>.eml beside the letter's
 * out/notices/<folder>/<NN>-<kind>.*, made with GMime: From the policy's
 * mail from, To the applicant's e-mail from the form, a Chinese Subject
 * (RFC 2047), a Message-ID and Date that depend only on the letter (the
 * society, the folder, the letter's number and kind, the run's date), so that
 * rebuilding a message, or writing it again after a kill, gives the same
 * bytes; the letter's text as a text/plain UTF-8 body, and its PDF (and a
 * certificate letter's certificate, PDF and XML) attached under ASCII names.
 * A letter with no address to send it to gets no message but a note,
 * out/mail/<folder>/<NN>-<kind>.no-address, that says so.
 */
#ifndef ECAP_MAIL_H
#define ECAP_MAIL_H

#include <libxml/tree.h>
#include "error.h"

struct batch;
struct dossier;

/* The message of the letter `notice` (the dossier's <notice>, whose text
 * and PDF the open transaction already holds); none when the form has no
 * e-mail address or the policy no <mail>. */
int mail_put_message(struct batch *batch, const struct dossier *dossier, xmlNodePtr notice,
		     struct error *err);

/* The message of a member's status letter (a registerChange document, whose
 * text and PDF the open transaction already holds), to the address of the
 * application the certificate was issued from; none when there is none. */
int mail_put_status_message(struct batch *batch, xmlDocPtr change, struct error *err);
/* The same for another letter of a register document: `kind` names the
 * letter (out/notices/<registration>/NN-kind.*), "reminder" for example. */
int mail_put_register_message(struct batch *batch, xmlDocPtr change, const char *kind,
			      struct error *err);

/* store/mail-sent/<folder>/<NN>-<kind>: the record that the message
 * out/mail/<folder>/<NN>-<kind>.eml was handed to sendmail. */
#define MAIL_DIRECTORY "out/mail"
#define MAIL_SENT_DIRECTORY "store/mail-sent"
/* beside where the message would be: the letter has no address */
#define MAIL_NO_ADDRESS ".no-address"

#endif
