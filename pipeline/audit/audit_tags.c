/* audit_tags.c - the bag's manifest and tag files (bagit.txt,
 * bag-info.txt, the tag manifest); see audit_bag.h. */
#include "audit_bag.h"

#include <archive.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "directory.h"
#include "xml.h"

/* The manifest's lines go to a file of their own, with no name, beside the
 * archive being written: its size grows with the run. */
int open_manifest(struct audit_bag *bag, const char *staged, struct error *err)
{
	char directory[PATH_MAX], *slash;
	int fd;

	snprintf(directory, sizeof(directory), "%s", staged);
	slash = strrchr(directory, '/');
	if (slash)
		*slash = '\0';
	fd = open_unnamed_file(directory, "the audit manifest", err);
	if (fd < 0)
		return -1;
	bag->manifest = fdopen(fd, "w+");
	if (!bag->manifest) {
		close(fd);
		return error_set(err, "out of memory");
	}
	if (sha256_begin(&bag->manifest_hash) < 0)
		return error_set(err, "unable to start a SHA-256");
	return 0;
}

struct tag_file {
	const char *name;
	char *text;
	size_t size;
	char sha256[65];
};

static int finish_tag(struct tag_file *tag, FILE *out, struct error *err)
{
	if (close_stream(out) != 0 || !tag->text)
		return error_set(err, "out of memory");
	sha256_hex(tag->text, tag->size, tag->sha256);
	return 0;
}

static int make_bag_info(struct audit_bag *bag, struct tag_file *tag, struct error *err)
{
	FILE *out = open_memstream(&tag->text, &tag->size);
	char bagging_date[11], run_date[11];

	if (!out)
		return error_set(err, "out of memory");
	date_format(bag->facts->bagged / 86400, bagging_date);
	date_format(bag->facts->run_date, run_date);
	fprintf(out, "Source-Organization: %s\n", bag->facts->society_name);
	fprintf(out, "Bagging-Date: %s\n", bagging_date);
	fprintf(out, "Payload-Oxum: %llu.%zu\n", bag->payload_bytes,
		bag->payload_files);
	fprintf(out, "External-Identifier: %s\n", bag->facts->run_id);
	fprintf(out, "Ecap-Archive-Sequence: %lu\n", bag->sequence);
	fprintf(out, "Ecap-Run-Date: %s\n", run_date);
	fprintf(out, "Ecap-Inputs-Taken: %zu\n", bag->inputs);
	fprintf(out, "Ecap-Inputs-Quarantined: %zu\n", bag->quarantined);
	fprintf(out, "Ecap-Dossiers-Changed: %zu\n", bag->dossiers);
	fprintf(out, "Ecap-Outputs-Written: %zu\n", bag->outputs);
	fprintf(out, "Ecap-Previous-Archive: %s\n", bag->previous);
	fprintf(out, "Ecap-Previous-Archive-SHA256: %s\n", bag->previous_sha256);
	return finish_tag(tag, out, err);
}

static int make_text(struct tag_file *tag, const char *text, struct error *err)
{
	tag->text = strdup(text);
	if (!tag->text)
		return error_set(err, "out of memory");
	tag->size = strlen(text);
	sha256_hex(tag->text, tag->size, tag->sha256);
	return 0;
}

/* Copies the manifest's temporary file into the archive. */
static int write_manifest(struct audit_bag *bag, const char *name, struct error *err)
{
	char buffer[65536];
	off_t size = ftello(bag->manifest), total = 0;
	ssize_t got = 0;

	if (size < 0 || fflush(bag->manifest) != 0)
		return error_set_errno(err, "unable to write the audit manifest");
	if (ferror(bag->manifest))
		return error_set(err, "unable to write the audit manifest: a write failed");
	if (write_header(bag, name, (size_t)size, err) < 0)
		return -1;
	while (total < size &&
	       (got = pread(fileno(bag->manifest), buffer, sizeof(buffer), total)) > 0) {
		if (archive_write_data(bag->archive, buffer, (size_t)got) != got)
			return archive_failed(bag, err);
		total += got;
	}
	if (total != size)
		return error_set_errno(err, "unable to read the audit manifest");
	return 0;
}

/* bagit.txt, bag-info.txt, manifest-sha256.txt and tagmanifest-sha256.txt,
 * after the payload. */
int write_tags(struct audit_bag *bag, struct error *err)
{
	struct tag_file tags[3] = {
		{ "bagit.txt", NULL, 0, "" }, { "bag-info.txt", NULL, 0, "" },
		{ "tagmanifest-sha256.txt", NULL, 0, "" },
	};
	char manifest_sha256[65];
	FILE *out;
	int result = -1;

	if (make_text(&tags[0], "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
		      err) < 0 || make_bag_info(bag, &tags[1], err) < 0)
		goto out;
	if (sha256_finish(&bag->manifest_hash, manifest_sha256) < 0) {
		error_set(err, "unable to finish a SHA-256");
		goto out;
	}
	out = open_memstream(&tags[2].text, &tags[2].size);
	if (!out) {
		error_set(err, "out of memory");
		goto out;
	}
	fprintf(out, "%s  %s\n", tags[0].sha256, tags[0].name);
	fprintf(out, "%s  %s\n", tags[1].sha256, tags[1].name);
	fprintf(out, "%s  %s\n", manifest_sha256, "manifest-sha256.txt");
	if (finish_tag(&tags[2], out, err) < 0)
		goto out;
	if (write_bytes(bag, tags[0].name, tags[0].text, tags[0].size, err) < 0 ||
	    write_bytes(bag, tags[1].name, tags[1].text, tags[1].size, err) < 0 ||
	    write_manifest(bag, "manifest-sha256.txt", err) < 0 ||
	    write_bytes(bag, tags[2].name, tags[2].text, tags[2].size, err) < 0)
		goto out;
	result = 0;
out:
	for (int i = 0; i < 3; i++)
		free(tags[i].text);
	return result;
}
