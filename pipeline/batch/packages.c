/* packages.c - taking application packages from the dropbox: read in
 * memory with the intake limits, deduplicated by SHA-256, their form parsed
 * safely, and filed under their application; see batch.h. */
#include "packages.h"
#include "retry.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "consequences.h"
#include "hash.h"
#include "identity.h"
#include "mask.h"
#include "name.h"
#include "outcomes.h"
#include "package.h"
#include "package_form.h"
#include "prepare_pool.h"
#include "xml.h"

/* ---- packages ---- */

/* States in which an application takes a new package: a returned one takes
 * its correction (or expires), one asked for a supplement the supplement
 * (R4), a new one its first. */
static int takes_new_package(const char *state, int exists)
{
	return !exists || strcmp(state, STATE_RETURNED) == 0 ||
	       strcmp(state, STATE_SUPPLEMENT_REQUESTED) == 0;
}

/* process.md, *Identity*: an application belongs to the person who sent its
 * first package, and a later one must carry the same identity and name. 1
 * (with a message naming the application and both ID numbers masked) when
 * the form says another person or another name, or cannot be read at all
 * (nothing shows it is the same person: otherwise anyone could reset
 * another's deadline with a broken package); 0 when it is the same person,
 * or when the application has no identity to compare with. */
static int claims_another_person(const struct dossier *dossier, xmlDocPtr form,
				 const char *id, const char *name, char *message, size_t size)
{
	xmlNodePtr held = dossier_application(dossier), sent;
	char held_identity[128], sent_identity[128], held_name[256], sent_name[256];
	char held_masked[128], sent_masked[128], *number;

	if (!held)
		return 0;
	application_identity(held, held_identity, sizeof(held_identity));
	if (!form) {
		if (!held_identity[0])
			return 0;
		snprintf(message, size,
			 "材料包 %s 所称的申请 %s 属于已登记的申请人，但本材料包的申请表无法读取，"
			 "无法确认是申请人本人提交；申请的状态、期限和通知均未改变。请申请人提交"
			 "申请表完整、可以读取的材料包", name, id);
		return 1;
	}
	sent = xmlDocGetRootElement(form);
	application_identity(sent, sent_identity, sizeof(sent_identity));
	application_name(held, held_name, sizeof(held_name));
	application_name(sent, sent_name, sizeof(sent_name));
	if (strcmp(held_identity, sent_identity) == 0 && strcmp(held_name, sent_name) == 0)
		return 0;
	dossier_get(dossier, "idMasked", held_masked, sizeof(held_masked));
	number = xml_text(xml_child(xml_child(sent, "applicant"), "idDocument"));
	identity_mask(number ? number : "", sent_masked, sizeof(sent_masked));
	xmlFree(number);
	snprintf(message, size,
		 "材料包 %s 所称的申请 %s 属于证件号码 %s 的申请人，本材料包的申请人证件号码为 %s%s；"
		 "申请的状态、期限和通知均未改变", name, id, held_masked, sent_masked,
		 strcmp(held_identity, sent_identity) == 0 ? "，但姓名不同" : "");
	return 1;
}

/* Files the package under its application: the form (if it could be read)
 * replaces the dossier's, the submission is recorded, and validation runs. */
static int file_package(struct batch *batch, const char *name, const char *digest,
			const struct input_bytes *bytes, const struct package_form *form,
			const struct package_verdict *verdict, struct error *err)
{
	struct dossier dossier;
	char state[32] = "", message[1200], input[PATH_MAX], shown[NAME_ESCAPED_MAX];
	const char *id = verdict->id;
	int exists, result = -1;

	name_escape(name, shown, sizeof(shown));	/* what the dossier and log say */
	dossier_init(&dossier);
	if (prepare_group_for(batch, err) < 0)
		goto out;
	exists = open_dossier(batch, id, 1, &dossier, err);
	if (exists < 0)
		goto out;
	dossier_get(&dossier, "state", state, sizeof(state));
	if (!takes_new_package(state, exists)) {
		snprintf(message, sizeof(message),
			 "申请 %s 当前处于“%s”状态，不接受新的材料包（package %s）", id, state, shown);
		result = quarantine(batch, name, REASON_DUPLICATE_APPLICATION, message, digest, bytes,
				    err);
		goto out;
	}
	if (claims_another_person(&dossier, verdict->form, id, name, message, sizeof(message))) {
		result = quarantine(batch, name, REASON_IDENTITY_MISMATCH, message, digest, bytes, err);
		goto out;
	}
	content_path(digest, input, sizeof(input));
	if (package_form_file(&dossier, form, verdict, shown, digest, batch->options->date, input,
			      err) < 0 ||
	    note_retried_input(batch, &dossier, digest, err) < 0 ||
	    take_input(batch, name, digest, bytes, err) < 0 ||
	    settle_dossier(batch, &dossier, err) < 0)
		goto out;
	batch->summary->packages++;
	log_line(batch, "took dropbox/%s as a package of %s (sha256 %s)", shown, id, digest);
	result = 0;
out:
	dossier_release(&dossier);
	return result;
}

/* ---- what a package's bytes alone tell: any thread may work it out ---- */

struct prepared_package {
	enum input_opened opened;	/* read, over the limit, unreadable, gone */
	struct error read_error;
	struct input_bytes bytes;	/* the file opened, kept until it is filed */
	char digest[65];
	struct package_form read;	/* the archive and its form (package_form.h) */
};

static void prepare_package(const struct batch *batch, const struct intake_item *item,
			    struct prepared_package *prepared)
{
	const struct package_limits *limits = &batch->policy.package_limits;

	memset(prepared, 0, sizeof(*prepared));
	package_init(&prepared->read.package);
	prepared->opened = open_input(batch, item->name, limits->max_archive_bytes,
				      &prepared->bytes, prepared->digest, &prepared->read_error);
	if (prepared->opened != INPUT_READ)
		return;
	package_form_read(&batch->policy, prepared->bytes.data, prepared->bytes.size,
			  &prepared->read);
}

static void release_prepared(struct prepared_package *prepared)
{
	package_form_release(&prepared->read);
	input_release(&prepared->bytes);
}

/* ---- filing it, in arrival order, in the run's thread ---- */

/* Quarantined, or filed under the application its form names, as
 * package_form_judge says. */
static int file_form(struct batch *batch, const char *name, struct prepared_package *prepared,
		     struct error *err)
{
	struct package_verdict verdict;

	package_form_judge(&prepared->read, &verdict);
	if (verdict.code)
		return quarantine(batch, name, verdict.code, verdict.message, prepared->digest,
				  &prepared->bytes, err);
	return file_package(batch, name, prepared->digest, &prepared->bytes, &prepared->read,
			    &verdict, err);
}

static int file_prepared(struct batch *batch, const struct intake_item *item,
			 struct prepared_package *prepared, struct error *err)
{
	const struct package_limits *limits = &batch->policy.package_limits;
	char message[1200];

	if (prepared->opened == INPUT_OVER_LIMIT) {
		snprintf(message, sizeof(message), "%zu bytes, more than the limit of %zu bytes",
			 prepared->bytes.size, limits->max_archive_bytes);
		return quarantine(batch, item->name, REASON_ARCHIVE_TOO_LARGE, message,
				  prepared->digest, &prepared->bytes, err);
	}
	if (prepared->opened == INPUT_FAILED)
		return error_set(err, "%s", prepared->read_error.message);
	if (prepared->opened == INPUT_UNREADABLE)
		return quarantine_unreadable(batch, item, prepared->read_error.message, err);
	if (prepared->opened == INPUT_GONE) {
		/* removed or swapped since the listing: the next run sees what is there */
		log_line(batch, "not taken: %s", prepared->read_error.message);
		return 0;
	}
	if (seen_before(batch, prepared->digest)) {
		snprintf(message, sizeof(message),
			 "与此前已收取或已隔离的文件完全相同（SHA-256 %s），不再重复处理",
			 prepared->digest);
		return quarantine(batch, item->name, REASON_DUPLICATE_PACKAGE, message,
				  prepared->digest, &prepared->bytes, err);
	}
	return file_form(batch, item->name, prepared, err);
}

int take_package(struct batch *batch, const struct intake_item *item, struct error *err)
{
	struct prepared_package prepared;
	int result;

	prepare_package(batch, item, &prepared);
	result = file_prepared(batch, item, &prepared, err);
	release_prepared(&prepared);
	return result;
}

/* ---- several threads preparing, one filing (prepare_pool.h) ---- */

static void prepare_in_slot(const struct batch *batch, const struct intake_item *item,
			    void *slot)
{
	prepare_package(batch, item, slot);
}

static int file_slot(struct batch *batch, const struct intake_item *item, void *slot,
		     struct error *err)
{
	return file_prepared(batch, item, slot, err);
}

static void release_slot(void *slot)
{
	release_prepared(slot);
}

static const struct prepare_kind package_kind = {
	sizeof(struct prepared_package), prepare_in_slot, file_slot, release_slot
};

int take_packages_in_parallel(struct batch *batch, const struct intake_item *items,
			      size_t count, int jobs, void (*progress)(struct batch *),
			      struct error *err)
{
	return prepare_and_file(batch, &package_kind, items, count, jobs, progress, err);
}
