/* mail.c - each letter as an RFC 5322 message, made with GMime (mail.h).
 *
 * The message is built from what the open transaction already holds for the
 * letter (its text and PDF, a certificate's PDF and XML), read back from
 * their files, so that it carries exactly the bytes the letter has and this
 * file needs nothing from how the letter was rendered. The letter's text
 * and PDF are made on worker threads (render_queue.h), so the message is
 * queued behind them and built, on a worker too, when they are in place,
 * before the transaction commits.
 *
 * Built on a worker, the message reads nothing of the run: where each file
 * it reads is (its file in the open transaction, or in the state) is found
 * when it is queued, on the filing thread, which alone reads the
 * transaction (store_locate), and the policy's words and the run's date it
 * needs are copied then (struct queued_mail). GMime is initialized once
 * (pthread_once) by whichever thread comes first; each message's objects
 * (message, parts, streams) are made, used and freed by one thread; what
 * GMime shares between them is its iconv and charset caches, which it
 * locks (gmime-iconv.c, gmime-charset.c: G_LOCK), and its default format
 * and parser options, made by g_mime_init and only read after.
 *
 * Every byte of a message depends only on the letter: the Date is the run's
 * date, the Message-ID is made of the society, the folder and the letter's
 * number and kind, and the multipart boundary is derived from the
 * Message-ID instead of GMime's random one. A run killed after the letter's
 * transaction began writes the same message again; a rebuilt message keeps
 * its Message-ID, which lets a mail client recognize a copy.
 *
 * Attachment names are ASCII on purpose: a non-ASCII file name has to be
 * encoded as a parameter, RFC 2231 as the standard says or RFC 2047 as
 * older clients expect, and either one is shown garbled by some client an
 * applicant may use.
 */
#include "mail.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmime/gmime.h>

#include "batch.h"
#include "hash.h"
#include "xml.h"

/* a letter's files are small; this is a bound, not an expectation */
#define MAX_ATTACHMENT_BYTES (64u << 20)
#define MAX_ATTACHMENTS 4

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void gmime_setup(void)
{
	g_mime_init();
}

/* What one message is made of. */
struct letter_mail {
	const char *folder;		/* the application id or registration number */
	int number;			/* the letter's NN */
	const char *kind;
	const char *to_name, *to_address;
	const char *reference;		/* named in the subject */
	const char *text_path;		/* out/notices/<folder>/NN-kind.txt */
	const char *attachments[MAX_ATTACHMENTS];	/* relative paths; NULL-ended */
	/* where text_path and the attachments are, found when queued */
	const char *text_file;
	const char *attachment_files[MAX_ATTACHMENTS];
	const char *attachment_names[MAX_ATTACHMENTS];
};

static const char *subject_of(const char *kind)
{
	static const char *const subjects[][2] = {
		{ "returned", "申请材料退回补正通知" },
		{ "rejected", "申请不予受理通知" },
		{ "expired", "申请逾期失效通知" },
		{ "supplement", "补充材料通知" },
		{ "failed", "评价结果通知" },
		{ "interview", "面试通知" },
		{ "certified", "证书颁发通知" },
		{ "status", "证书状态变更通知" },
		{ "acknowledgment", "申请受理通知" },
		{ "reminder", "证书到期提醒" },
	};

	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++)
		if (strcmp(kind, subjects[i][0]) == 0)
			return subjects[i][1];
	return "通知";
}

/* The domain of the policy's From address, for the Message-ID. */
static void from_domain(const char *from, char *out, size_t size)
{
	const char *at = strrchr(from, '@');
	size_t length = 0;

	if (at)
		length = strcspn(at + 1, "> \t");
	if (!at || length == 0)
		snprintf(out, size, "ecap.invalid");
	else
		snprintf(out, size, "%.*s", (int)length, at + 1);
}

static int is_ascii_name(const char *text)
{
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || strchr("\"\\/;=", *c))
			return 0;
	return text[0] != '\0';
}

/* Where a file of the state is as the open transaction leaves it: its
 * file in the transaction, or in the state. On the filing thread only. */
static int locate_staged(struct batch *batch, const char *relative, char *path, size_t size,
			 struct error *err)
{
	if (!store_locate(&batch->store, batch->transaction_open ? &batch->transaction : NULL,
			  relative, path, size))
		return error_set(err, "the message for %s cannot be made: %s is missing",
				 relative, relative);
	return 0;
}

static GMimeObject *text_part(const char *text)
{
	GMimeTextPart *part = g_mime_text_part_new_with_subtype("plain");

	g_mime_text_part_set_text(part, text);
	g_mime_text_part_set_charset(part, "utf-8");
	g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_BASE64);
	return GMIME_OBJECT(part);
}

static GMimeObject *attachment_part(const char *name, const char *data, size_t size)
{
	const char *dot = strrchr(name, '.');
	int xml = dot && strcmp(dot, ".xml") == 0;
	GMimePart *part = g_mime_part_new_with_type("application", xml ? "xml" : "pdf");
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, size);
	GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(
		stream, GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content(part, content);
	g_mime_part_set_filename(part, name);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	g_object_unref(content);
	g_object_unref(stream);
	return GMIME_OBJECT(part);
}

/* What a message takes from the run (the policy's words, the run's date),
 * copied when it is queued. */
struct mail_sender {
	char from[sizeof(((struct policy *)0)->mail_from)];
	char society_code[sizeof(((struct policy *)0)->society_code)];
	char society_name[sizeof(((struct policy *)0)->society_name)];
	day_t date;
};

static void set_addresses(GMimeMessage *message, const struct mail_sender *sender,
			  const struct letter_mail *mail)
{
	InternetAddressList *from = internet_address_list_parse(NULL, sender->from);

	if (from) {
		internet_address_list_append(g_mime_message_get_from(message), from);
		g_object_unref(from);
	}
	g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_TO, mail->to_name,
				   mail->to_address);
}

/* Date: the run's date, at 09:00 Beijing time. */
static void set_date(GMimeMessage *message, day_t day)
{
	char text[11];
	int year, month, date;
	GTimeZone *zone = g_time_zone_new_offset(8 * 3600);
	GDateTime *when;

	date_format(day, text);
	if (sscanf(text, "%d-%d-%d", &year, &month, &date) != 3)
		year = 1970, month = 1, date = 1;
	when = g_date_time_new(zone, year, month, date, 9, 0, 0);
	g_mime_message_set_date(message, when);
	g_date_time_unref(when);
	g_time_zone_unref(zone);
}

static void set_headers(GMimeMessage *message, const struct mail_sender *sender,
			const struct letter_mail *mail, GMimeMultipart *multipart)
{
	char domain[256], id[512], subject[1024], digest[65];

	from_domain(sender->from, domain, sizeof(domain));
	snprintf(id, sizeof(id), "%s.%02d-%s.%s.ecap@%s", mail->folder, mail->number, mail->kind,
		 sender->society_code, domain);
	g_mime_message_set_message_id(message, id);
	/* the boundary, like everything else, follows from the letter */
	sha256_hex(id, strlen(id), digest);
	snprintf(subject, sizeof(subject), "=_ecap_%.32s", digest);
	g_mime_multipart_set_boundary(multipart, subject);
	/* the spaces let GMime encode the subject as short encoded-words (at
	 * most 75 characters each, RFC 2047 §2), one per word; the reference,
	 * ASCII, stays readable as it is */
	snprintf(subject, sizeof(subject), "【%s】 工程能力评价 %s %s", sender->society_name,
		 subject_of(mail->kind), mail->reference);
	g_mime_message_set_subject(message, subject, "utf-8");
	set_addresses(message, sender, mail);
	set_date(message, sender->date);
}

/* A message waiting for its letter's text and PDF (render_queue.h): the
 * letter_mail with its own copies of every string, where its files are,
 * and what it takes from the run; nothing else, for it may be built on a
 * worker. */
struct queued_mail {
	struct mail_sender sender;
	struct letter_mail mail;	/* its strings are the buffers below */
	char folder[128], kind[32], to_name[256], to_address[256], reference[128];
	char text_path[PATH_MAX], text_file[PATH_MAX];
	char attachments[MAX_ATTACHMENTS][PATH_MAX];
	char attachment_files[MAX_ATTACHMENTS][PATH_MAX];
	char attachment_names[MAX_ATTACHMENTS][192];
};

static const char *copy_into(char *buffer, size_t size, const char *text)
{
	if (!text)
		return NULL;
	snprintf(buffer, size, "%s", text);
	return buffer;
}

/* The copy of mail to be queued, its files located; NULL with err. */
static struct queued_mail *queued_mail_new(struct batch *batch, const struct letter_mail *mail,
					   struct error *err)
{
	struct queued_mail *queued = calloc(1, sizeof(*queued));
	struct letter_mail *copy;

	if (!queued) {
		error_set(err, "out of memory");
		return NULL;
	}
	copy_into(queued->sender.from, sizeof(queued->sender.from), batch->policy.mail_from);
	copy_into(queued->sender.society_code, sizeof(queued->sender.society_code),
		  batch->policy.society_code);
	copy_into(queued->sender.society_name, sizeof(queued->sender.society_name),
		  batch->policy.society_name);
	queued->sender.date = batch->options->date;
	copy = &queued->mail;
	copy->number = mail->number;
	copy->folder = copy_into(queued->folder, sizeof(queued->folder), mail->folder);
	copy->kind = copy_into(queued->kind, sizeof(queued->kind), mail->kind);
	copy->to_name = copy_into(queued->to_name, sizeof(queued->to_name), mail->to_name);
	copy->to_address = copy_into(queued->to_address, sizeof(queued->to_address),
				     mail->to_address);
	copy->reference = copy_into(queued->reference, sizeof(queued->reference),
				    mail->reference);
	copy->text_path = copy_into(queued->text_path, sizeof(queued->text_path),
				    mail->text_path);
	for (int i = 0; i < MAX_ATTACHMENTS && mail->attachments[i]; i++) {
		copy->attachments[i] = copy_into(queued->attachments[i], PATH_MAX,
						 mail->attachments[i]);
		copy->attachment_names[i] = copy_into(queued->attachment_names[i],
						      sizeof(queued->attachment_names[i]),
						      mail->attachment_names[i]);
	}
	/* the text first, then each attachment, as the message reads them */
	if (locate_staged(batch, copy->text_path, queued->text_file, PATH_MAX, err) < 0)
		goto failed;
	copy->text_file = queued->text_file;
	for (int i = 0; i < MAX_ATTACHMENTS && copy->attachments[i]; i++) {
		if (locate_staged(batch, copy->attachments[i], queued->attachment_files[i], PATH_MAX,
				  err) < 0)
			goto failed;
		copy->attachment_files[i] = queued->attachment_files[i];
	}
	return queued;
failed:
	free(queued);
	return NULL;
}

/* A multipart/mixed with no boundary yet: made by its type, because
 * g_mime_multipart_new_with_subtype draws a random boundary from
 * /dev/urandom (a file opened and read for every e-mail) only for
 * set_headers to replace it with one that follows from the letter. */
static GMimeMultipart *new_mixed_multipart(void)
{
	GMimeContentType *type = g_mime_content_type_new("multipart", "mixed");
	GMimeObject *object = g_mime_object_new(NULL, type);

	g_object_unref(type);
	return GMIME_MULTIPART(object);
}

/* Builds the message in memory from the files of its letter: run by the
 * render queue, on any thread, once they are in place. */
static int make_message(void *context, unsigned char **out, size_t *out_size,
			struct error *err)
{
	struct queued_mail *queued = context;
	const struct letter_mail *mail = &queued->mail;
	GMimeMessage *message = NULL;
	GMimeMultipart *multipart = NULL;
	GMimeStream *stream = NULL;
	GByteArray *bytes;
	char *text = NULL;
	size_t size = 0;
	int result = -1;

	pthread_once(&gmime_once, gmime_setup);
	text = xml_read_file(mail->text_file, MAX_ATTACHMENT_BYTES, &size, err);
	if (!text)
		goto out;
	message = g_mime_message_new(TRUE);
	multipart = new_mixed_multipart();
	set_headers(message, &queued->sender, mail, multipart);
	{
		GMimeObject *body = text_part(text);

		g_mime_multipart_add(multipart, body);
		g_object_unref(body);
	}
	for (int i = 0; i < MAX_ATTACHMENTS && mail->attachments[i]; i++) {
		char *data = xml_read_file(mail->attachment_files[i], MAX_ATTACHMENT_BYTES, &size,
					   err);
		GMimeObject *part;

		if (!data)
			goto out;
		part = attachment_part(mail->attachment_names[i], data, size);
		g_mime_multipart_add(multipart, part);
		g_object_unref(part);
		free(data);
	}
	g_mime_message_set_mime_part(message, GMIME_OBJECT(multipart));
	stream = g_mime_stream_mem_new();
	if (g_mime_object_write_to_stream(GMIME_OBJECT(message), NULL, stream) < 0) {
		error_set(err, "the message for %s cannot be made", mail->text_path);
		goto out;
	}
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
	*out = malloc(bytes->len ? bytes->len : 1);
	if (!*out) {
		error_set(err, "out of memory");
		goto out;
	}
	memcpy(*out, bytes->data, bytes->len);
	*out_size = bytes->len;
	result = 0;
out:
	if (stream)
		g_object_unref(stream);
	if (multipart)
		g_object_unref(multipart);
	if (message)
		g_object_unref(message);
	free(text);
	return result;
}

/* Puts the message into the transaction: its place now, its bytes once the
 * letter's text and PDF (made on a worker) are there to read, before the
 * transaction commits (render_queue.h). */
static int put_message(struct batch *batch, const struct letter_mail *mail, struct error *err)
{
	struct queued_mail *queued = queued_mail_new(batch, mail, err);
	char destination[PATH_MAX];

	if (!queued)
		return -1;
	snprintf(destination, sizeof(destination), MAIL_DIRECTORY "/%s/%02d-%s.eml", mail->folder,
		 mail->number, mail->kind);
	if (render_queue_step(batch->renders, &batch->transaction, destination, make_message,
			      queued, free, err) < 0)
		return -1;
	log_line(batch, "%s: message %s to %s", mail->folder, destination, mail->to_address);
	return 0;
}

/* A letter that cannot be mailed says so (MAIL_NO_ADDRESS), so that
 * `ecap mail` and status tell it from a letter written before ecap wrote
 * messages, or under a policy without <mail>. */
static int put_no_address(struct batch *batch, const struct letter_mail *mail,
			  struct error *err)
{
	static const char reason[] = "no e-mail address for this letter: print it and post it\n";
	char destination[PATH_MAX];

	snprintf(destination, sizeof(destination), MAIL_DIRECTORY "/%s/%02d-%s" MAIL_NO_ADDRESS,
		 mail->folder, mail->number, mail->kind);
	log_line(batch, "%s: no message for letter %02d-%s: no e-mail address", mail->folder,
		 mail->number, mail->kind);
	return transaction_put(&batch->transaction, destination, reason, sizeof(reason) - 1,
			       err);
}

/* The applicant's e-mail from the form of a dossier document; "" when none. */
static void form_email(xmlNodePtr application, char *out, size_t size)
{
	char *text = xml_text(xml_child(xml_child(application, "applicant"), "email"));
	const char *start = text ? text : "";

	while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
		start++;
	snprintf(out, size, "%.*s", (int)strcspn(start, " \t\r\n"), start);
	xmlFree(text);
}

/* out/notices/x/01-returned.txt -> out/notices/x/01-returned.pdf */
static void pdf_of(const char *text_path, char *out, size_t size)
{
	const char *dot = strrchr(text_path, '.');

	snprintf(out, size, "%.*s.pdf", (int)(dot ? dot - text_path : (long)strlen(text_path)),
		 text_path);
}

/* The certificate letter also carries the certificate, PDF and XML. */
static void add_certificate(const struct dossier *dossier, struct letter_mail *mail,
			    char xml[PATH_MAX], char pdf[PATH_MAX], char xml_name[128],
			    char pdf_name[128])
{
	xmlNodePtr certification = dossier_last(dossier, "certification");
	char serial[96];

	if (!certification || !xml_attribute_copy(certification, "certificate", xml,
						   PATH_MAX)[0] ||
	    !is_ascii_name(xml_attribute_copy(certification, "serial", serial, sizeof(serial))))
		return;
	pdf_of(xml, pdf, PATH_MAX);
	snprintf(pdf_name, 128, "%s.pdf", serial);
	snprintf(xml_name, 128, "%s.xml", serial);
	mail->attachments[1] = pdf;
	mail->attachment_names[1] = pdf_name;
	mail->attachments[2] = xml;
	mail->attachment_names[2] = xml_name;
}

int mail_put_message(struct batch *batch, const struct dossier *dossier, xmlNodePtr notice,
		     struct error *err)
{
	struct letter_mail mail = { 0 };
	char id[128], name[256], email[256], kind[32], seq[16], text[PATH_MAX], pdf[PATH_MAX];
	char pdf_name[192], certificate_xml[PATH_MAX], certificate_pdf[PATH_MAX];
	char xml_name[128], certificate_pdf_name[128];

	dossier_get(dossier, "id", id, sizeof(id));
	if (!batch->policy.mail_from[0] || !is_ascii_name(id))
		return 0;
	xml_attribute_copy(notice, "kind", kind, sizeof(kind));
	mail.folder = id;
	mail.number = atoi(xml_attribute_copy(notice, "seq", seq, sizeof(seq)));
	mail.kind = kind;
	form_email(dossier_application(dossier), email, sizeof(email));
	if (!strchr(email, '@'))
		return put_no_address(batch, &mail, err);
	application_name(dossier_application(dossier), name, sizeof(name));
	xml_attribute_copy(notice, "text", text, sizeof(text));
	mail.to_name = name;
	mail.to_address = email;
	mail.reference = id;
	mail.text_path = text;
	pdf_of(text, pdf, sizeof(pdf));
	snprintf(pdf_name, sizeof(pdf_name), "%s-%02d-%s.pdf", id, mail.number, kind);
	mail.attachments[0] = pdf;
	mail.attachment_names[0] = pdf_name;
	if (strcmp(kind, "certified") == 0)
		add_certificate(dossier, &mail, certificate_xml, certificate_pdf, xml_name,
				certificate_pdf_name);
	return put_message(batch, &mail, err);
}

/* The form of the application a member's certificate `serial` was issued
 * from, through the register's member file. NULL when not found. */
static xmlDocPtr dossier_of_serial(struct batch *batch, const char *registration,
				   const char *serial, struct error *err)
{
	char relative[PATH_MAX], path[PATH_MAX], application[128];
	xmlDocPtr member;
	xmlDocPtr dossier = NULL;
	const struct transaction *transaction = batch->transaction_open ? &batch->transaction :
									   NULL;

	snprintf(relative, sizeof(relative), "store/register/%s.xml", registration);
	if (!store_locate(&batch->store, transaction, relative, path, sizeof(path)))
		return NULL;
	member = xml_parse_file(path, err);
	if (!member)
		return NULL;
	application[0] = '\0';
	for (xmlNodePtr certificate = xml_child(xmlDocGetRootElement(member), "certificate");
	     certificate; certificate = xml_next(certificate, "certificate")) {
		char value[96];

		if (strcmp(xml_attribute_copy(certificate, "serial", value, sizeof(value)),
			   serial) == 0)
			xml_attribute_copy(certificate, "application", application,
					   sizeof(application));
	}
	xmlFreeDoc(member);
	if (!id_is_safe(application))
		return NULL;
	snprintf(relative, sizeof(relative), "store/dossiers/%s.xml", application);
	if (store_locate(&batch->store, transaction, relative, path, sizeof(path)))
		dossier = xml_parse_file(path, err);
	return dossier;
}

int mail_put_register_message(struct batch *batch, xmlDocPtr change, const char *kind,
			      struct error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(change);
	struct letter_mail mail = { 0 };
	char registration[64], serial[96], seq[16], name[256], email[256];
	char text[PATH_MAX], pdf[PATH_MAX], pdf_name[192];
	xmlDocPtr dossier;
	int result;

	if (!batch->policy.mail_from[0])
		return 0;
	xml_attribute_copy(root, "registration", registration, sizeof(registration));
	xml_attribute_copy(root, "serial", serial, sizeof(serial));
	if (!is_ascii_name(registration))
		return 0;
	err->message[0] = '\0';
	dossier = dossier_of_serial(batch, registration, serial, err);
	if (!dossier && err->message[0])
		return -1;
	mail.folder = registration;
	mail.number = atoi(xml_attribute_copy(root, "seq", seq, sizeof(seq)));
	mail.kind = kind;
	email[0] = '\0';
	if (dossier)
		form_email(xml_child(xmlDocGetRootElement(dossier), "application"), email,
			   sizeof(email));
	xmlFreeDoc(dossier);
	if (!strchr(email, '@'))
		return put_no_address(batch, &mail, err);
	xml_attribute_copy(root, "name", name, sizeof(name));
	xml_attribute_copy(root, "text", text, sizeof(text));
	mail.to_name = name;
	mail.to_address = email;
	mail.reference = serial;
	mail.text_path = text;
	pdf_of(text, pdf, sizeof(pdf));
	snprintf(pdf_name, sizeof(pdf_name), "%s-%02d-%s.pdf", registration, mail.number, kind);
	mail.attachments[0] = pdf;
	mail.attachment_names[0] = pdf_name;
	result = put_message(batch, &mail, err);
	return result;
}

int mail_put_status_message(struct batch *batch, xmlDocPtr change, struct error *err)
{
	return mail_put_register_message(batch, change, "status", err);
}
