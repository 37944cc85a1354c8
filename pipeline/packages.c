/* packages.c - taking application packages from the dropbox: read in
 * memory with the intake limits, deduplicated by SHA-256, their form parsed
 * safely, and filed under their application; see batch.h. */
#include "batch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "package.h"
#include "xml.h"

/* ---- packages ---- */

/* States in which an application takes a new package: a returned one takes
 * its correction (or expires), one asked for a supplement the supplement
 * (R4), a new one its first. */
static int takes_new_package(const char *state, int exists)
{
	return !exists || strcmp(state, "returned") == 0 ||
	       strcmp(state, "supplement-requested") == 0;
}

/* Files the package under its application: the form (if it could be read)
 * replaces the dossier's, the submission is recorded, and validation runs. */
static int file_package(struct batch *batch, const char *name, const char *digest,
			const struct package *package, xmlDocPtr form, const char *id,
			const char *problem, struct error *err)
{
	struct dossier dossier;
	char state[32] = "", message[512], input[PATH_MAX];
	int exists, result = -1;

	dossier_init(&dossier);
	if (prepare_group_for(batch, id, err) < 0)
		goto out;
	exists = open_dossier(batch, id, 1, &dossier, err);
	if (exists < 0)
		goto out;
	dossier_get(&dossier, "state", state, sizeof(state));
	if (!takes_new_package(state, exists)) {
		snprintf(message, sizeof(message),
			 "申请 %s 当前处于“%s”状态，不接受新的材料包（package %s）", id, state, name);
		result = quarantine(batch, name, "duplicate-application", message, digest, err);
		goto out;
	}
	if (form && dossier_replace_application(&dossier, xmlDocGetRootElement(form), err) < 0)
		goto out;
	content_path(digest, input, sizeof(input));
	dossier_add_submission(&dossier, name, digest, batch->options->date, input, package,
			       problem);
	if (take_input(batch, name, digest, err) < 0 || settle_dossier(batch, &dossier, err) < 0)
		goto out;
	batch->summary->packages++;
	log_line(batch, "took dropbox/%s as a package of %s (sha256 %s)", name, id, digest);
	result = 0;
out:
	dossier_release(&dossier);
	return result;
}

static int application_id_of(xmlDocPtr form, char *id, size_t size)
{
	xmlNodePtr root = xmlDocGetRootElement(form);

	xml_attribute_copy(root, "id", id, size);
	return id_is_safe(id);
}

static int read_form(struct batch *batch, const char *name, const char *digest,
		     const struct package *package, struct error *err)
{
	struct xml_limits limits = { batch->policy.package_limits.max_xml_bytes,
				     batch->policy.max_xml_depth };
	struct error problem = { "" };
	char id[128] = "", message[1200];
	xmlDocPtr form;
	int result;

	form = xml_parse_untrusted(package->application_xml, package->application_xml_size,
				   "application.xml", &limits, id, sizeof(id), &problem);
	if (!form && !id_is_safe(id))
		return quarantine(batch, name, "xml-malformed", problem.message, digest, err);
	if (!form)
		return file_package(batch, name, digest, package, NULL, id, problem.message, err);
	if (!application_id_of(form, id, sizeof(id))) {
		snprintf(message, sizeof(message), "application.xml 的根元素没有可用的申请编号（id 属性）：'%.64s'",
			 id);
		xmlFreeDoc(form);
		return quarantine(batch, name, "schema", message, digest, err);
	}
	result = file_package(batch, name, digest, package, form, id, NULL, err);
	xmlFreeDoc(form);
	return result;
}

int take_package(struct batch *batch, const struct intake_item *item, struct error *err)
{
	const struct package_limits *limits = &batch->policy.package_limits;
	struct error problem = { "" };
	struct package package;
	char digest[65] = "", message[1200];
	enum package_result outcome;
	size_t size = 0;
	char *bytes = NULL;
	int result = -1;

	package_init(&package);
	if ((size_t)item->size > limits->max_archive_bytes) {
		snprintf(message, sizeof(message), "%lld bytes, more than the limit of %zu bytes",
			 (long long)item->size, limits->max_archive_bytes);
		return quarantine(batch, item->name, "archive-too-large", message, "", err);
	}
	bytes = read_dropbox_file(batch, item->name, limits->max_archive_bytes, &size, err);
	if (!bytes)
		goto out;
	sha256_hex(bytes, size, digest);
	if (seen_before(batch, digest)) {
		snprintf(message, sizeof(message),
			 "与此前已收取或已隔离的文件完全相同（SHA-256 %s），不再重复处理", digest);
		result = quarantine(batch, item->name, "duplicate-package", message, digest, err);
		goto out;
	}
	outcome = package_read(bytes, size, limits, &package, &problem);
	if (outcome != PACKAGE_OK)
		result = quarantine(batch, item->name, package_result_code(outcome),
				    problem.message, digest, err);
	else
		result = read_form(batch, item->name, digest, &package, err);
out:
	free(bytes);
	package_release(&package);
	return result;
}

