/* test-package.c - unit tests for lib/package.c, the in-memory archive reader.
 *
 * Every archive is built here, in memory, with libarchive's write API (and
 * patched byte by byte where a hostile archive cannot be written directly),
 * then handed to package_read with the outcome checked: result, message,
 * entries, sizes and SHA-256s.
 */
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "outcomes.h"
#include "package.h"
#include "tap.h"

#define MiB (1024 * 1024)

/* Bytes in memory, grown as libarchive writes them. */
struct blob {
	unsigned char *bytes;
	size_t size;
	size_t capacity;
};

/* One entry to write: a regular file unless type or a link says otherwise. */
struct file_spec {
	const char *path;
	const void *data;
	size_t size;
	mode_t type;			/* 0: AE_IFREG */
	const char *symlink;
	const char *hardlink;
	int size_unknown;		/* do not declare the size */
};

/* How to write an archive. */
struct archive_spec {
	int format;			/* ARCHIVE_FORMAT_* */
	int filter;			/* ARCHIVE_FILTER_* */
	const char *options;		/* archive_write_set_options, or NULL */
	const char *passphrase;		/* or NULL */
};

static const struct archive_spec ZIP = { ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, NULL, NULL };
static const struct archive_spec ZIP_STORED = {
	ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:compression=store", NULL
};
static const struct archive_spec TAR = {
	ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE, NULL, NULL
};
static const struct archive_spec USTAR = { ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_NONE, NULL, NULL };
static const struct archive_spec TAR_GZ = {
	ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, NULL, NULL
};

static struct package_limits generous_limits(void)
{
	struct package_limits limits = {
		.max_archive_bytes = 100 * MiB,
		.max_entries = 1000,
		.max_unpacked_bytes = 256 * MiB,
		.max_ratio = 200,
		.max_xml_bytes = 4 * MiB,
	};
	return limits;
}

static la_ssize_t blob_write(struct archive *archive, void *client, const void *buffer,
			     size_t length)
{
	struct blob *blob = client;

	(void)archive;
	if (blob->size + length > blob->capacity) {
		size_t capacity = blob->capacity ? blob->capacity : 4096;
		unsigned char *bytes;

		while (capacity < blob->size + length)
			capacity *= 2;
		bytes = realloc(blob->bytes, capacity);
		if (!bytes)
			return -1;
		blob->bytes = bytes;
		blob->capacity = capacity;
	}
	memcpy(blob->bytes + blob->size, buffer, length);
	blob->size += length;
	return (la_ssize_t)length;
}

static int write_entry(struct archive *archive, const struct file_spec *file)
{
	struct archive_entry *entry = archive_entry_new();
	int status;

	archive_entry_set_pathname(entry, file->path);
	archive_entry_set_mtime(entry, 1700000000, 0);
	archive_entry_set_filetype(entry, file->type ? file->type : AE_IFREG);
	archive_entry_set_perm(entry, file->type == AE_IFDIR ? 0755 : 0644);
	if (file->symlink)
		archive_entry_set_symlink(entry, file->symlink);
	if (file->hardlink)
		archive_entry_set_hardlink(entry, file->hardlink);
	if (file->type == AE_IFCHR)
		archive_entry_set_rdev(entry, 0x0103);
	if ((!file->type || file->type == AE_IFREG) && !file->hardlink && !file->size_unknown)
		archive_entry_set_size(entry, (la_int64_t)file->size);
	status = archive_write_header(archive, entry);
	if (status == ARCHIVE_OK && file->size > 0 &&
	    archive_write_data(archive, file->data, file->size) != (la_ssize_t)file->size)
		status = ARCHIVE_FATAL;
	archive_entry_free(entry);
	return status;
}

/* Writes files into a new blob; on failure the blob is empty and a TAP
 * comment says why. */
static struct blob build(const struct archive_spec *spec, const struct file_spec *files,
			 size_t count)
{
	struct archive *archive = archive_write_new();
	struct blob blob = { NULL, 0, 0 };
	size_t i;
	int status = ARCHIVE_OK;

	if (archive_write_set_format(archive, spec->format) != ARCHIVE_OK ||
	    archive_write_add_filter(archive, spec->filter) != ARCHIVE_OK ||
	    (spec->options && archive_write_set_options(archive, spec->options) != ARCHIVE_OK) ||
	    (spec->passphrase && archive_write_set_passphrase(archive, spec->passphrase) != ARCHIVE_OK) ||
	    archive_write_set_bytes_in_last_block(archive, 1) != ARCHIVE_OK ||
	    archive_write_open(archive, &blob, NULL, blob_write, NULL) != ARCHIVE_OK)
		status = ARCHIVE_FATAL;
	for (i = 0; i < count && status == ARCHIVE_OK; i++)
		status = write_entry(archive, &files[i]);
	if (status == ARCHIVE_OK && archive_write_close(archive) != ARCHIVE_OK)
		status = ARCHIVE_FATAL;
	if (status != ARCHIVE_OK) {
		printf("# unable to build the archive: %s\n",
		       archive_error_string(archive) ? archive_error_string(archive) : "?");
		free(blob.bytes);
		blob.bytes = NULL;
		blob.size = 0;
	}
	archive_write_free(archive);
	return blob;
}

static void blob_free(struct blob *blob)
{
	free(blob->bytes);
	blob->bytes = NULL;
	blob->size = blob->capacity = 0;
}

static const char XML[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<application xmlns=\"urn:ecap:1\" kind=\"initial\"/>\n";

/* A package read with the given limits; returns the result, fills package/err. */
static enum package_result read_blob(const struct blob *blob, const struct package_limits *limits,
				     struct package *package, struct error *err)
{
	return package_read(blob->bytes, blob->size, limits, package, err);
}

/* Builds files as spec, reads them with limits, checks the result and that
 * the message holds expected_message (when not NULL). */
static void expect_result(const char *name, const struct archive_spec *spec,
			  const struct file_spec *files, size_t count,
			  const struct package_limits *limits, enum package_result expected,
			  const char *expected_message)
{
	struct blob blob = build(spec, files, count);
	struct package package;
	struct error err = { "" };
	enum package_result result;
	char title[256];

	package_init(&package);
	result = read_blob(&blob, limits, &package, &err);
	snprintf(title, sizeof(title), "%s: %s", name, package_result_code(expected));
	is_int(result, expected, title);
	if (result != expected)
		printf("#   message: %s\n", err.message);
	if (expected != PACKAGE_OK) {
		ok(package.entry_count == 0 && package.entries == NULL &&
		   package.application_xml == NULL, "  ... and the package is left empty");
	}
	if (expected_message) {
		snprintf(title, sizeof(title), "  ... message names it: %s", expected_message);
		if (!ok(strstr(err.message, expected_message) != NULL, title))
			printf("#   message: %s\n", err.message);
	}
	package_release(&package);
	blob_free(&blob);
}

/* Deterministic bytes that do not compress. */
static unsigned char *noise(size_t size, unsigned seed)
{
	unsigned char *bytes = malloc(size ? size : 1);
	uint32_t state = seed * 2654435761u + 1;
	size_t i;

	for (i = 0; i < size; i++) {
		state ^= state << 13;
		state ^= state >> 17;
		state ^= state << 5;
		bytes[i] = (unsigned char)state;
	}
	return bytes;
}

static void check_entry(const struct package *package, const char *path, const void *data,
			size_t size, const char *label)
{
	const struct package_entry *entry = package_find(package, path);
	char expected[65], title[256];

	sha256_hex(data, size, expected);
	snprintf(title, sizeof(title), "%s: %s is in the package", label, path);
	if (!ok(entry != NULL, title))
		return;
	snprintf(title, sizeof(title), "%s: %s size", label, path);
	is_int(entry->size, size, title);
	snprintf(title, sizeof(title), "%s: %s sha256", label, path);
	is_string(entry->sha256, expected, title);
}

static void test_good_package(const char *label, int format, int filter, const char *format_word)
{
	size_t photo_size = 200 * 1024 + 17, pdf_size = 3000;
	unsigned char *photo = noise(photo_size, 1), *pdf = noise(pdf_size, 2);
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/", .type = AE_IFDIR },
		{ .path = "evidence/id/", .type = AE_IFDIR },
		{ .path = "evidence/id/photo.jpg", .data = photo, .size = photo_size },
		{ .path = "evidence/学位证书.pdf", .data = pdf, .size = pdf_size },
		{ .path = "evidence/empty.txt", .data = "", .size = 0 },
	};
	struct archive_spec spec = { format, filter, NULL, NULL };
	struct package_limits limits = generous_limits();
	struct blob blob = build(&spec, files, sizeof(files) / sizeof(files[0]));
	struct package package;
	struct error err = { "" };
	enum package_result result;
	char title[256];

	package_init(&package);
	result = read_blob(&blob, &limits, &package, &err);
	snprintf(title, sizeof(title), "%s: a good package is read", label);
	is_int(result, PACKAGE_OK, title);
	if (result != PACKAGE_OK)
		printf("#   message: %s\n", err.message);
	snprintf(title, sizeof(title), "%s: four files, directories not counted", label);
	is_int(package.entry_count, 4, title);
	check_entry(&package, "application.xml", XML, sizeof(XML) - 1, label);
	check_entry(&package, "evidence/id/photo.jpg", photo, photo_size, label);
	check_entry(&package, "evidence/学位证书.pdf", pdf, pdf_size, label);
	check_entry(&package, "evidence/empty.txt", "", 0, label);
	snprintf(title, sizeof(title), "%s: application.xml kept", label);
	is_string(package.application_xml, XML, title);
	snprintf(title, sizeof(title), "%s: application.xml size", label);
	is_int(package.application_xml_size, sizeof(XML) - 1, title);
	snprintf(title, sizeof(title), "%s: unpacked bytes", label);
	is_int(package.unpacked_bytes, sizeof(XML) - 1 + photo_size + pdf_size, title);
	snprintf(title, sizeof(title), "%s: format '%s' names %s", label, package.format,
		 format_word);
	ok(strstr(package.format, format_word) != NULL, title);
	snprintf(title, sizeof(title), "%s: entries in archive order", label);
	ok(package.entry_count == 4 && strcmp(package.entries[0].path, "application.xml") == 0 &&
	   strcmp(package.entries[3].path, "evidence/empty.txt") == 0, title);
	snprintf(title, sizeof(title), "%s: a directory is not an entry", label);
	ok(package_find(&package, "evidence/") == NULL && package_find(&package, "evidence") == NULL,
	   title);
	package_release(&package);
	blob_free(&blob);
	free(photo);
	free(pdf);
}

static void test_good_packages(void)
{
	test_good_package("zip", ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "ZIP");
	test_good_package("tar", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE, "pax");
	test_good_package("tar.gz", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, "pax");
	test_good_package("tar.bz2", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_BZIP2, "pax");
	test_good_package("tar.xz", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_XZ, "pax");
	test_good_package("tar.zst", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_ZSTD, "pax");
	test_good_package("gnutar", ARCHIVE_FORMAT_TAR_GNUTAR, ARCHIVE_FILTER_NONE, "GNU tar");
	test_good_package("ustar", ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_NONE, "ustar");
	test_good_package("7z", ARCHIVE_FORMAT_7ZIP, ARCHIVE_FILTER_NONE, "7-Zip");
}

/* A package with application.xml and one more file named path. */
static void expect_name(const char *label, const struct archive_spec *spec, const char *path,
			enum package_result expected, const char *message)
{
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = path, .data = "x", .size = 1 },
	};
	struct package_limits limits = generous_limits();

	expect_result(label, spec, files, 2, &limits, expected, message);
}

static void test_unsafe_names(void)
{
	char long_component[300], long_name[1100], fine_long[1024 + 1];
	size_t i;

	expect_name("zip ../x", &ZIP, "../x", PACKAGE_UNSAFE, "entry '../x' escapes the package");
	expect_name("tar ../x", &TAR, "../x", PACKAGE_UNSAFE, "entry '../x' escapes the package");
	expect_name("zip /etc/x", &ZIP, "/etc/x", PACKAGE_UNSAFE, "entry '/etc/x' has an absolute name");
	expect_name("tar /etc/x", &TAR, "/etc/x", PACKAGE_UNSAFE, "absolute");
	expect_name("zip a/../../x", &ZIP, "a/../../x", PACKAGE_UNSAFE, "escapes");
	expect_name("tar a/../../x", &TAR, "a/../../x", PACKAGE_UNSAFE, "escapes");
	expect_name("zip a/..", &ZIP, "a/..", PACKAGE_UNSAFE, "escapes");
	/* a leading "./" (tar -C dir .) names the root: accepted, dropped */
	expect_name("zip ./x", &ZIP, "./x", PACKAGE_OK, NULL);
	expect_name("tar ./x", &TAR, "./x", PACKAGE_OK, NULL);
	expect_name("zip ./../x", &ZIP, "./../x", PACKAGE_UNSAFE, "escapes");
	expect_name("tar ./x beside x", &TAR, "./application.xml", PACKAGE_UNSAFE, "appears twice");
	expect_name("zip a/./x", &ZIP, "a/./x", PACKAGE_UNSAFE, "'.' component");
	expect_name("zip a//x", &ZIP, "a//x", PACKAGE_UNSAFE, "empty component");
	/* libarchive's zip reader turns '\\' into '/' before we see the name */
	expect_name("zip backslash traversal", &ZIP, "evidence\\..\\..\\x", PACKAGE_UNSAFE,
		    "entry 'evidence/../../x' escapes the package");
	expect_name("tar backslash", &TAR, "a\\b", PACKAGE_UNSAFE, "backslash");
	expect_name("zip control char", &ZIP, "a\001b", PACKAGE_UNSAFE,
		    "entry 'a\\x01b' has a control character");
	expect_name("tar newline", &TAR, "a\nb.pdf", PACKAGE_UNSAFE, "control character");
	expect_name("zip DEL", &ZIP, "a\177b", PACKAGE_UNSAFE, "control character");
	expect_name("zip C1 control (U+0085)", &ZIP, "a\302\205b", PACKAGE_UNSAFE, "control character");
	expect_name("zip noncharacter U+FFFF", &ZIP, "a\357\277\277", PACKAGE_UNSAFE, "noncharacter");
	expect_name("ustar invalid utf-8", &USTAR, "a\377\376.pdf", PACKAGE_UNSAFE, "not valid utf-8");
	expect_name("ustar overlong utf-8", &USTAR, "\300\257x", PACKAGE_UNSAFE, "not valid utf-8");
	expect_name("ustar surrogate", &USTAR, "\355\240\200x", PACKAGE_UNSAFE, "not valid utf-8");

	memset(long_component, 'a', 256);
	long_component[256] = '\0';
	expect_name("tar component of 256 bytes", &TAR, long_component, PACKAGE_UNSAFE, "255");
	long_component[255] = '\0';
	expect_name("tar component of 255 bytes", &TAR, long_component, PACKAGE_OK, NULL);

	memset(long_name, 'c', sizeof(long_name));
	for (i = 0; i < 1000; i += 100)
		long_name[i + 99] = '/';	/* ten components of 99 bytes */
	memcpy(long_name + 1020, ".pdf", 5);	/* 1024 bytes */
	memcpy(fine_long, long_name, sizeof(fine_long));
	expect_name("tar name of 1024 bytes", &TAR, fine_long, PACKAGE_OK, NULL);
	memcpy(long_name + 1020, "c.pdf", 6);	/* 1025 bytes */
	expect_name("tar name of 1025 bytes", &TAR, long_name, PACKAGE_UNSAFE, "1024");

	{
		const struct file_spec files[] = {
			{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
			{ .path = "../evil/", .type = AE_IFDIR },
		};
		struct package_limits limits = generous_limits();

		expect_result("tar directory ../evil/", &TAR, files, 2, &limits, PACKAGE_UNSAFE,
			      "escapes");
		expect_result("zip directory ../evil/", &ZIP, files, 2, &limits, PACKAGE_UNSAFE,
			      "escapes");
	}
}

static void test_links_and_devices(void)
{
	struct package_limits limits = generous_limits();
	const struct file_spec symlink[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/passwd", .type = AE_IFLNK, .symlink = "/etc/passwd" },
	};
	const struct file_spec hardlink[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/copy.xml", .hardlink = "application.xml" },
	};
	const struct file_spec outside_hardlink[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/shadow", .hardlink = "/etc/shadow" },
	};
	const struct file_spec device[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/tty", .type = AE_IFCHR },
	};
	const struct file_spec block[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "disk", .type = AE_IFBLK },
	};
	const struct file_spec fifo[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "pipe", .type = AE_IFIFO },
	};

	expect_result("zip symlink", &ZIP, symlink, 2, &limits, PACKAGE_UNSAFE,
		      "entry 'evidence/passwd' is a symbolic link");
	expect_result("tar symlink", &TAR, symlink, 2, &limits, PACKAGE_UNSAFE, "symbolic link");
	expect_result("7z symlink", &(struct archive_spec){ ARCHIVE_FORMAT_7ZIP, 0, NULL, NULL },
		      symlink, 2, &limits, PACKAGE_UNSAFE, "symbolic link");
	expect_result("tar hardlink", &TAR, hardlink, 2, &limits, PACKAGE_UNSAFE,
		      "entry 'evidence/copy.xml' is a hard link");
	expect_result("ustar hardlink outside", &USTAR, outside_hardlink, 2, &limits,
		      PACKAGE_UNSAFE, "hard link");
	expect_result("tar character device", &TAR, device, 2, &limits, PACKAGE_UNSAFE,
		      "entry 'evidence/tty' is a character device");
	expect_result("tar block device", &TAR, block, 2, &limits, PACKAGE_UNSAFE, "block device");
	expect_result("tar fifo", &TAR, fifo, 2, &limits, PACKAGE_UNSAFE, "fifo");
}

static void test_duplicates(void)
{
	struct package_limits limits = generous_limits();
	const struct file_spec same[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/a.pdf", .data = "1", .size = 1 },
		{ .path = "evidence/a.pdf", .data = "2", .size = 1 },
	};
	const struct file_spec cased[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/Degree.PDF", .data = "1", .size = 1 },
		{ .path = "Evidence/degree.pdf", .data = "2", .size = 1 },
	};
	const struct file_spec cased_non_ascii[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "Ärzte.pdf", .data = "1", .size = 1 },
		{ .path = "ärzte.pdf", .data = "2", .size = 1 },
	};
	const struct file_spec two_xml[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "Application.XML", .data = "<x/>", .size = 4 },
	};
	const struct file_spec two_exact_xml[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "application.xml", .data = "<x/>", .size = 4 },
	};
	const struct file_spec file_and_directory[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "docs", .data = "1", .size = 1 },
		{ .path = "DOCS/", .type = AE_IFDIR },
	};
	const struct file_spec directory_twice[] = {
		{ .path = "docs/", .type = AE_IFDIR },
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "docs/", .type = AE_IFDIR },
		{ .path = "docs/a.pdf", .data = "1", .size = 1 },
	};
	const struct file_spec backslash_twin[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "a/b.pdf", .data = "1", .size = 1 },
		{ .path = "a\\b.pdf", .data = "2", .size = 1 },
	};
	const struct file_spec different[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "a.pdf", .data = "1", .size = 1 },
		{ .path = "a.pdf.pdf", .data = "2", .size = 1 },
		{ .path = "b/a.pdf", .data = "3", .size = 1 },
	};

	expect_result("tar same name twice", &TAR, same, 3, &limits, PACKAGE_UNSAFE,
		      "entry 'evidence/a.pdf' has the same name as 'evidence/a.pdf'");
	expect_result("zip same name twice", &ZIP, same, 3, &limits, PACKAGE_UNSAFE, "same name");
	expect_result("zip names differing in case", &ZIP, cased, 3, &limits, PACKAGE_UNSAFE,
		      "entry 'Evidence/degree.pdf' has the same name as 'evidence/Degree.PDF'");
	expect_result("tar names differing in non-ascii case", &TAR, cased_non_ascii, 3, &limits,
		      PACKAGE_UNSAFE, "same name");
	expect_result("zip Application.XML beside application.xml", &ZIP, two_xml, 2, &limits,
		      PACKAGE_UNSAFE, "same name");
	expect_result("tar application.xml twice", &TAR, two_exact_xml, 2, &limits,
		      PACKAGE_UNSAFE, "application.xml");
	expect_result("tar file and directory of one name", &TAR, file_and_directory, 3, &limits,
		      PACKAGE_UNSAFE, "same name");
	expect_result("tar directory listed twice is fine", &TAR, directory_twice, 4, &limits,
		      PACKAGE_OK, NULL);
	expect_result("zip a\\b.pdf beside a/b.pdf", &ZIP, backslash_twin, 3, &limits,
		      PACKAGE_UNSAFE, "entry 'a/b.pdf' has the same name as 'a/b.pdf'");
	expect_result("zip similar names are fine", &ZIP, different, 4, &limits, PACKAGE_OK, NULL);
}

static void test_entry_limits(void)
{
	struct package_limits limits = generous_limits();
	unsigned char *big = noise(700 * 1024, 3);
	const struct file_spec four[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "a", .data = "1", .size = 1 },
		{ .path = "b", .data = "2", .size = 1 },
		{ .path = "c", .data = "3", .size = 1 },
	};
	const struct file_spec directories[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "a/", .type = AE_IFDIR },
		{ .path = "b/", .type = AE_IFDIR },
		{ .path = "c/", .type = AE_IFDIR },
		{ .path = "d/", .type = AE_IFDIR },
	};
	const struct file_spec two_big[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "one.bin", .data = big, .size = 700 * 1024 },
		{ .path = "two.bin", .data = big, .size = 700 * 1024 },
	};

	limits.max_entries = 4;
	expect_result("zip with exactly max_entries files", &ZIP, four, 4, &limits, PACKAGE_OK, NULL);
	expect_result("tar directories do not count as files", &TAR, directories, 5, &limits,
		      PACKAGE_OK, NULL);
	limits.max_entries = 3;
	expect_result("zip with one file too many", &ZIP, four, 4, &limits, PACKAGE_TOO_LARGE,
		      "limit of 3 files");
	expect_result("tar with too many directories", &TAR, directories, 5, &limits,
		      PACKAGE_TOO_LARGE, "directories");

	limits = generous_limits();
	limits.max_unpacked_bytes = MiB;
	expect_result("tar unpacked bytes over the limit", &TAR, two_big, 3, &limits,
		      PACKAGE_TOO_LARGE, "two.bin");
	expect_result("zip unpacked bytes over the limit", &ZIP, two_big, 3, &limits,
		      PACKAGE_TOO_LARGE, "limit of 1048576 unpacked bytes");
	limits.max_unpacked_bytes = 2 * 700 * 1024 + sizeof(XML) - 1;
	expect_result("tar unpacked bytes exactly at the limit", &TAR, two_big, 3, &limits,
		      PACKAGE_OK, NULL);

	limits = generous_limits();
	limits.max_archive_bytes = 1000;
	expect_result("tar archive over max_archive_bytes", &TAR, four, 4, &limits,
		      PACKAGE_TOO_LARGE, "over the limit of 1000");
	free(big);
}

static void test_application_xml(void)
{
	struct package_limits limits = generous_limits();
	char *large_xml = malloc(2001);
	const struct file_spec none[] = {
		{ .path = "evidence/a.pdf", .data = "1", .size = 1 },
	};
	const struct file_spec in_subfolder[] = {
		{ .path = "pkg/", .type = AE_IFDIR },
		{ .path = "pkg/application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "pkg/evidence/a.pdf", .data = "1", .size = 1 },
	};
	const struct file_spec upper[] = {
		{ .path = "Application.xml", .data = XML, .size = sizeof(XML) - 1 },
	};
	const struct file_spec big_xml[] = {
		{ .path = "application.xml", .data = large_xml, .size = 2000 },
	};
	const struct file_spec big_xml_unknown_size[] = {
		{ .path = "application.xml", .data = large_xml, .size = 2000, .size_unknown = 1 },
	};
	const struct file_spec empty_xml[] = {
		{ .path = "application.xml", .data = "", .size = 0 },
	};
	const struct file_spec directory_named_xml[] = {
		{ .path = "application.xml/", .type = AE_IFDIR },
	};

	memset(large_xml, ' ', 2000);
	large_xml[2000] = '\0';
	expect_result("zip without application.xml", &ZIP, none, 1, &limits,
		      PACKAGE_NO_APPLICATION, "no application.xml at the root");
	expect_result("tar with application.xml only in a subfolder", &TAR, in_subfolder, 3,
		      &limits, PACKAGE_NO_APPLICATION, "no application.xml");
	expect_result("zip with Application.xml", &ZIP, upper, 1, &limits, PACKAGE_NO_APPLICATION,
		      NULL);
	expect_result("tar with a directory application.xml", &TAR, directory_named_xml, 1,
		      &limits, PACKAGE_NO_APPLICATION, NULL);
	expect_result("zip with no entries at all", &ZIP, NULL, 0, &limits, PACKAGE_NO_APPLICATION,
		      NULL);
	expect_result("tar with an empty application.xml", &TAR, empty_xml, 1, &limits, PACKAGE_OK,
		      NULL);
	limits.max_xml_bytes = 1999;
	expect_result("tar application.xml over max_xml_bytes", &TAR, big_xml, 1, &limits,
		      PACKAGE_TOO_LARGE, "entry 'application.xml' declares 2000 bytes");
	expect_result("zip application.xml of unknown size over max_xml_bytes", &ZIP,
		      big_xml_unknown_size, 1, &limits, PACKAGE_TOO_LARGE, "application.xml");
	limits.max_xml_bytes = 2000;
	expect_result("tar application.xml exactly max_xml_bytes", &TAR, big_xml, 1, &limits,
		      PACKAGE_OK, NULL);
	free(large_xml);
}

/* The offset of the zip end of central directory record, or 0. */
static size_t find_end_of_directory(const struct blob *blob)
{
	size_t i;

	for (i = blob->size - 22 + 1; i-- > 0;)
		if (memcmp(blob->bytes + i, "PK\005\006", 4) == 0)
			return i;
	return 0;
}

static uint32_t read32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t read16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void write32(unsigned char *p, uint32_t value)
{
	p[0] = (unsigned char)value;
	p[1] = (unsigned char)(value >> 8);
	p[2] = (unsigned char)(value >> 16);
	p[3] = (unsigned char)(value >> 24);
}

/* Makes the zip entries named `name` (all when NULL) declare `declared`
 * uncompressed bytes, in the central directory, the local header and the
 * data descriptor; returns how many entries were patched. */
static int lie_about_sizes(struct blob *blob, const char *name, uint32_t declared)
{
	size_t end = find_end_of_directory(blob), position;
	int count = 0;

	if (!end)
		return 0;
	position = read32(blob->bytes + end + 16);
	while (position + 46 <= end && memcmp(blob->bytes + position, "PK\001\002", 4) == 0) {
		unsigned char *central = blob->bytes + position;
		unsigned char *local = blob->bytes + read32(central + 42);
		uint32_t compressed = read32(central + 20);
		size_t data = 30 + read16(local + 26) + read16(local + 28);

		position += 46 + read16(central + 28) + read16(central + 30) + read16(central + 32);
		if (name && (read16(central + 28) != strlen(name) ||
			     memcmp(central + 46, name, strlen(name)) != 0))
			continue;
		write32(central + 24, declared);
		write32(local + 22, declared);
		if (read16(local + 6) & 8) {
			unsigned char *descriptor = local + data + compressed;

			if (memcmp(descriptor, "PK\007\010", 4) == 0)
				descriptor += 4;
			write32(descriptor + 8, declared);
		}
		count++;
	}
	return count;
}

static double cpu_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void test_bombs(void)
{
	size_t fifty = 50 * (size_t)MiB, small_zeros = 900 * 1024;
	unsigned char *zeros = calloc(1, fifty);
	const struct file_spec bomb[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "zeros.bin", .data = zeros, .size = fifty },
	};
	const struct file_spec small_bomb[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "zeros.bin", .data = zeros, .size = small_zeros },
	};
	struct package_limits limits = generous_limits();
	struct blob blob = { NULL, 0, 0 };
	struct package package;
	struct error err = { "" };
	enum package_result result;
	double start, full_time, limited_time;

	package_init(&package);
	limits.max_unpacked_bytes = 10 * MiB;
	expect_result("zip 50 MB of zeros, 10 MB limit, honest size", &ZIP, bomb, 2, &limits,
		      PACKAGE_TOO_LARGE, "declares 52428800 bytes");
	expect_result("tar.gz 50 MB of zeros, 10 MB limit", &TAR_GZ, bomb, 2, &limits,
		      PACKAGE_TOO_LARGE, "zeros.bin");

	/* A zip whose entry declares 10 bytes: only the byte count stops it. */
	blob = build(&ZIP, bomb, 2);
	is_int(lie_about_sizes(&blob, "zeros.bin", 10), 1, "size lie: zeros.bin declares 10 bytes");
	limits = generous_limits();
	limits.max_ratio = 1e9;
	start = cpu_seconds();
	result = read_blob(&blob, &limits, &package, &err);
	full_time = cpu_seconds() - start;
	is_int(result, PACKAGE_UNREADABLE, "size lie, no limit hit: libarchive refuses it at the end");
	ok(strstr(err.message, "entry 'zeros.bin'") != NULL, "  ... naming the lying entry");
	printf("#   message: %s\n", err.message);

	limits.max_unpacked_bytes = 10 * MiB;
	start = cpu_seconds();
	result = read_blob(&blob, &limits, &package, &err);
	limited_time = cpu_seconds() - start;
	is_int(result, PACKAGE_TOO_LARGE, "size lie under a 10 MB limit: stopped by the byte count");
	ok(strstr(err.message, "over the limit of 10485760 unpacked bytes") != NULL,
	   "  ... with the limit in the message");
	printf("#   message: %s\n", err.message);
	printf("#   cpu: %.3f s reading all 50 MB, %.3f s with the 10 MB limit\n", full_time,
	       limited_time);
	ok(limited_time < full_time * 0.5, "size lie: the limited read stops early (under half the time)");
	blob_free(&blob);

	limits = generous_limits();
	limits.max_ratio = 100;
	expect_result("zip ratio bomb (50 MB of zeros, ratio 100)", &ZIP, bomb, 2, &limits,
		      PACKAGE_TOO_LARGE, "over 100 times its archive size");
	expect_result("tar.gz ratio bomb", &TAR_GZ, bomb, 2, &limits, PACKAGE_TOO_LARGE,
		      "times its archive size");
	expect_result("zip high ratio but under 1 MiB is fine", &ZIP, small_bomb, 2, &limits,
		      PACKAGE_OK, NULL);
	free(zeros);
}

/* Reads blob cut to `percent`% of its size, expecting result. */
static void expect_truncated(const char *label, const struct archive_spec *spec, int percent)
{
	unsigned char *pdf = noise(100 * 1024, 4);
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/a.pdf", .data = pdf, .size = 100 * 1024 },
	};
	struct package_limits limits = generous_limits();
	struct blob blob = build(spec, files, 2);
	struct package package;
	struct error err = { "" };
	enum package_result result;
	char title[256];

	package_init(&package);
	blob.size = blob.size * (size_t)percent / 100;
	result = read_blob(&blob, &limits, &package, &err);
	snprintf(title, sizeof(title), "%s cut at %d%%: archive-unreadable", label, percent);
	is_int(result, PACKAGE_UNREADABLE, title);
	printf("#   message: %s\n", err.message);
	ok(package.entry_count == 0, "  ... and the package is left empty");
	package_release(&package);
	blob_free(&blob);
	free(pdf);
}

static void test_corrupt(void)
{
	static const unsigned char garbage[] = "this is not an archive at all, just some text\n";
	unsigned char gzip_of_text[] = {
		/* gzip -n of "hello\n" */
		0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48,
		0xcd, 0xc9, 0xc9, 0xe7, 0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00,
		0x00, 0x00,
	};
	static const char payload[] = "the quick brown fox jumps over the lazy dog, stored";
	const struct file_spec stored[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/a.txt", .data = payload, .size = sizeof(payload) - 1 },
	};
	struct package_limits limits = generous_limits();
	struct package package;
	struct error err = { "" };
	enum package_result result;
	struct blob blob;
	unsigned char *found;

	package_init(&package);
	expect_truncated("zip", &ZIP, 50);
	expect_truncated("zip", &ZIP, 99);
	expect_truncated("tar", &TAR, 50);
	expect_truncated("tar", &TAR, 99);
	expect_truncated("tar.gz", &TAR_GZ, 50);
	expect_truncated("tar.gz", &TAR_GZ, 99);
	expect_truncated("7z", &(struct archive_spec){ ARCHIVE_FORMAT_7ZIP, 0, NULL, NULL }, 50);
	expect_truncated("7z", &(struct archive_spec){ ARCHIVE_FORMAT_7ZIP, 0, NULL, NULL }, 99);

	blob = build(&ZIP_STORED, stored, 2);
	found = memmem(blob.bytes, blob.size, "lazy dog", 8);
	ok(found != NULL, "stored zip: the payload is in the clear");
	if (found)
		found[0] ^= 0x20;
	result = read_blob(&blob, &limits, &package, &err);
	is_int(result, PACKAGE_UNREADABLE, "zip with a flipped byte in stored data: archive-unreadable");
	ok(strstr(err.message, "evidence/a.txt") != NULL, "  ... naming the entry");
	printf("#   message: %s\n", err.message);
	blob_free(&blob);

	result = package_read(garbage, sizeof(garbage) - 1, &limits, &package, &err);
	is_int(result, PACKAGE_UNREADABLE, "garbage bytes: archive-unreadable");
	printf("#   message: %s\n", err.message);
	result = package_read(gzip_of_text, sizeof(gzip_of_text), &limits, &package, &err);
	is_int(result, PACKAGE_UNREADABLE, "gzip of plain text: archive-unreadable");
	result = package_read("", 0, &limits, &package, &err);
	is_int(result, PACKAGE_UNREADABLE, "empty input: archive-unreadable");
	is_string(err.message, "the package is empty", "  ... says it is empty");
	result = package_read(NULL, 0, &limits, &package, &err);
	is_int(result, PACKAGE_UNREADABLE, "NULL input: archive-unreadable");
	{
		unsigned char zeros[10240] = { 0 };

		result = package_read(zeros, sizeof(zeros), &limits, &package, &err);
		is_int(result, PACKAGE_NO_APPLICATION, "10 KiB of zeros (an empty tar): no-application");
	}
}

/* A zip with an entry named "证书.pdf" in GBK, no UTF-8 flag, as Windows
 * in Chinese writes it. */
static void test_gbk_names(void)
{
	static const char gbk_name[] = "\xd6\xa4\xca\xe9.pdf";	/* 证书.pdf in GBK */
	static const char placeholder[] = "QQQQ.pdf";
	unsigned char *pdf = noise(5000, 5);
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = placeholder, .data = pdf, .size = 5000 },
	};
	struct package_limits limits = generous_limits();
	struct blob blob = build(&ZIP_STORED, files, 2);
	struct package package;
	struct error err = { "" };
	enum package_result result;
	unsigned char *at = blob.bytes, *end = blob.bytes + blob.size;
	int replaced = 0;

	package_init(&package);
	while (at && at < end) {
		at = memmem(at, (size_t)(end - at), placeholder, sizeof(placeholder) - 1);
		if (!at)
			break;
		memcpy(at, gbk_name, sizeof(gbk_name) - 1);
		at += sizeof(placeholder) - 1;
		replaced++;
	}
	is_int(replaced, 2, "gbk zip: the name replaced in local header and central directory");
	result = read_blob(&blob, &limits, &package, &err);
	is_int(result, PACKAGE_OK, "gbk zip: read");
	if (result != PACKAGE_OK)
		printf("#   message: %s\n", err.message);
	check_entry(&package, "证书.pdf", pdf, 5000, "gbk zip");
	check_entry(&package, "application.xml", XML, sizeof(XML) - 1, "gbk zip");
	is_int(package.entry_count, 2, "gbk zip: two entries, no leftovers from the first pass");
	package_release(&package);
	blob_free(&blob);
	free(pdf);
}

/* Replaces placeholder by name (same length) everywhere in a stored zip and
 * sets or clears the UTF-8 flag (bit 11) of every entry; returns how many
 * times the name was replaced. */
static int rename_in_zip(struct blob *blob, const char *placeholder, const char *name,
			 int utf8_flag)
{
	size_t length = strlen(placeholder), end = find_end_of_directory(blob), position;
	unsigned char *at = blob->bytes, *stop = blob->bytes + blob->size;
	int replaced = 0;

	if (strlen(name) != length)
		return -1;
	while ((at = memmem(at, (size_t)(stop - at), placeholder, length)) != NULL) {
		memcpy(at, name, length);
		at += length;
		replaced++;
	}
	position = end ? read32(blob->bytes + end + 16) : blob->size;
	while (position + 46 <= end && memcmp(blob->bytes + position, "PK\001\002", 4) == 0) {
		unsigned char *central = blob->bytes + position;
		unsigned char *local = blob->bytes + read32(central + 42);

		if (utf8_flag) {
			central[9] |= 0x08;
			local[7] |= 0x08;
		} else {
			central[9] &= (unsigned char)~0x08;
			local[7] &= (unsigned char)~0x08;
		}
		position += 46 + read16(central + 28) + read16(central + 30) + read16(central + 32);
	}
	return replaced;
}

/* A stored zip with application.xml and QQQQQQ.pdf renamed to name. */
static void expect_zip_name_bytes(const char *label, const char *name, int utf8_flag,
				  enum package_result expected, const char *message)
{
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "QQQQQQ.pdf", .data = "x", .size = 1 },
	};
	struct package_limits limits = generous_limits();
	struct blob blob = build(&ZIP_STORED, files, 2);
	struct package package;
	struct error err = { "" };
	enum package_result result;
	char title[256];

	package_init(&package);
	snprintf(title, sizeof(title), "%s: name patched twice", label);
	is_int(rename_in_zip(&blob, "QQQQQQ.pdf", name, utf8_flag), 2, title);
	result = read_blob(&blob, &limits, &package, &err);
	snprintf(title, sizeof(title), "%s: %s", label, package_result_code(expected));
	is_int(result, expected, title);
	printf("#   message: %s\n", err.message);
	snprintf(title, sizeof(title), "  ... message names it: %s", message);
	ok(strstr(err.message, message) != NULL, title);
	package_release(&package);
	blob_free(&blob);
}

static void test_bad_zip_name_bytes(void)
{
	expect_zip_name_bytes("zip, utf-8 flag, invalid utf-8 name", "\xff\xfe\xfd\xfc\xfb\xfa.pdf", 1,
			      PACKAGE_UNSAFE, "entry after 'application.xml' has a name that is not valid utf-8");
	expect_zip_name_bytes("zip, no flag, neither utf-8 nor gbk", "\xff\xff\xff\xff\xff\xff.pdf", 0,
			      PACKAGE_UNSAFE, "not valid utf-8");
	expect_zip_name_bytes("zip, gbk name with traversal", "../\xd6\xa4\xca\xe9pdf", 0,
			      PACKAGE_UNSAFE, "entry '../证书pdf' escapes the package");
	expect_zip_name_bytes("zip, gbk name ..证书/xyz is fine", "..\xd6\xa4\xca\xe9/xyz", 0,
			      PACKAGE_OK, "");
}

static void test_encrypted(void)
{
	static const char secret[] = "secret evidence";
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/a.txt", .data = secret, .size = sizeof(secret) - 1 },
	};
	const struct archive_spec zipcrypt = {
		ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:encryption=zipcrypt", "password"
	};
	const struct archive_spec aes = {
		ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:encryption=aes256", "password"
	};
	struct package_limits limits = generous_limits();
	struct blob blob = build(&zipcrypt, files, 2);

	if (blob.size == 0) {
		printf("# skip: libarchive cannot write zipcrypt here\n");
	} else {
		blob_free(&blob);
		expect_result("zip with zipcrypt encryption", &zipcrypt, files, 2, &limits,
			      PACKAGE_ENCRYPTED, "encrypted");
	}
	blob = build(&aes, files, 2);
	if (blob.size == 0) {
		printf("# skip: libarchive cannot write aes256 zips here\n");
	} else {
		blob_free(&blob);
		expect_result("zip with aes256 encryption", &aes, files, 2, &limits,
			      PACKAGE_ENCRYPTED, "encrypted");
	}

	/* Only the general purpose flag bit 0 set on a stored entry. */
	blob = build(&ZIP_STORED, files, 2);
	{
		size_t end = find_end_of_directory(&blob), position = read32(blob.bytes + end + 16);
		struct package package;
		struct error err = { "" };
		enum package_result result;
		int flagged = 0;

		while (position + 46 <= end &&
		       memcmp(blob.bytes + position, "PK\001\002", 4) == 0) {
			unsigned char *central = blob.bytes + position;
			unsigned char *local = blob.bytes + read32(central + 42);

			if (read16(central + 28) == 14) {	/* evidence/a.txt */
				central[8] |= 1;
				local[6] |= 1;
				flagged++;
			}
			position += 46 + read16(central + 28) + read16(central + 30) +
				    read16(central + 32);
		}
		is_int(flagged, 1, "crafted encrypted flag: one entry flagged");
		package_init(&package);
		result = read_blob(&blob, &limits, &package, &err);
		is_int(result, PACKAGE_ENCRYPTED, "zip with the encrypted flag crafted: archive-encrypted");
		ok(strstr(err.message, "encrypted") != NULL &&
		   strstr(err.message, "application.xml") == NULL,
		   "  ... without blaming application.xml");
		printf("#   message: %s\n", err.message);
		package_release(&package);
	}
	blob_free(&blob);
}

/* 7z a -pX (entries encrypted) and 7z a -pX -mhe=on (headers encrypted too),
 * made with 7-Zip 26.02: libarchive cannot write encrypted 7z archives. */
static const unsigned char seven_zip_encrypted[] = {
	0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04, 0x92, 0x5f, 0x3d, 0x44,
	0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x22, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x86, 0xed, 0xbb, 0x1c, 0xea, 0x8c, 0x70, 0x8c,
	0xd4, 0x7c, 0xed, 0xa3, 0x6f, 0x4f, 0x04, 0x99, 0xd8, 0x92, 0xe1, 0x8a,
	0x00, 0x00, 0x81, 0x33, 0x07, 0xae, 0x0f, 0xce, 0xf2, 0xb2, 0x0c, 0x07,
	0xb0, 0xc3, 0xda, 0xf7, 0x5f, 0x45, 0x8a, 0x98, 0x48, 0x4a, 0xf8, 0x8f,
	0xed, 0x1c, 0x88, 0x3e, 0xfe, 0xe7, 0x20, 0xa8, 0xde, 0xbe, 0x0e, 0xc9,
	0x31, 0x8d, 0x40, 0xef, 0x81, 0x38, 0x28, 0xc0, 0x56, 0x8b, 0x43, 0x86,
	0x23, 0x1b, 0x50, 0x9f, 0xc9, 0x86, 0x68, 0xe0, 0x43, 0x18, 0x9b, 0x24,
	0x0c, 0xc0, 0x10, 0x71, 0x91, 0x6c, 0x75, 0xb8, 0x95, 0xfb, 0xff, 0xa5,
	0xa0, 0x75, 0x34, 0x09, 0x3f, 0xf9, 0xd0, 0xf3, 0x14, 0x9f, 0x41, 0xd5,
	0x3e, 0x80, 0xda, 0xd4, 0x0e, 0xf9, 0x00, 0xb5, 0x1b, 0x7c, 0xe0, 0x02,
	0x6b, 0x7f, 0xc5, 0xe7, 0x69, 0x8c, 0xd9, 0x30, 0x6b, 0x75, 0xd8, 0x17,
	0xf0, 0xd0, 0x36, 0xa0, 0x36, 0x9b, 0x3d, 0xb5, 0x5b, 0x3b, 0x9b, 0x43,
	0xdf, 0x10, 0x4b, 0x99, 0x1a, 0x85, 0x14, 0xef, 0x2b, 0x00, 0x00, 0x00,
	0x17, 0x06, 0x10, 0x01, 0x09, 0x80, 0x84, 0x00, 0x07, 0x0b, 0x01, 0x00,
	0x01, 0x23, 0x03, 0x01, 0x01, 0x05, 0x5d, 0x00, 0x10, 0x00, 0x00, 0x0c,
	0x80, 0x9e, 0x0a, 0x01, 0xb4, 0xa0, 0xcc, 0x4b, 0x00, 0x00
};
static const unsigned char seven_zip_headers_encrypted[] = {
	0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04, 0xb8, 0xdc, 0xe0, 0x33,
	0xa0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3e, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xa0, 0x5a, 0x93, 0x3a, 0x36, 0x8b, 0x5a, 0x56,
	0x00, 0x8c, 0x38, 0x00, 0xd0, 0xe6, 0xb2, 0x66, 0x66, 0xe4, 0x1b, 0xe8,
	0x2f, 0x63, 0x66, 0xa1, 0x72, 0x4e, 0x7d, 0x2b, 0xa5, 0x51, 0x21, 0x1b,
	0x90, 0x2a, 0x93, 0xb7, 0xe9, 0x88, 0xe1, 0x3a, 0xc4, 0x36, 0x8a, 0x54,
	0xbf, 0xb4, 0x8c, 0xfe, 0xeb, 0xce, 0x46, 0xd3, 0xbe, 0x4b, 0x43, 0x3e,
	0x6d, 0xbd, 0x30, 0xa8, 0x40, 0x62, 0x43, 0x03, 0xcc, 0x1b, 0x94, 0x21,
	0x49, 0x88, 0x29, 0x59, 0xce, 0x21, 0x61, 0xd2, 0x45, 0x35, 0x88, 0x48,
	0xd0, 0x28, 0x2e, 0x41, 0xf5, 0x1e, 0x5e, 0x22, 0xa9, 0x7b, 0x0d, 0x03,
	0x96, 0xa1, 0x6b, 0x81, 0xfc, 0xeb, 0xe0, 0x19, 0xda, 0x13, 0xc4, 0xba,
	0x4d, 0x7b, 0xb2, 0x7d, 0xe2, 0x47, 0xf6, 0xda, 0xbd, 0x6a, 0x23, 0xc6,
	0x67, 0xb2, 0xd9, 0x17, 0xb5, 0xe5, 0x89, 0x2f, 0x24, 0x64, 0xf8, 0x3e,
	0x06, 0x6e, 0xa1, 0xc2, 0x6c, 0x40, 0xca, 0x18, 0x03, 0x86, 0xc3, 0x98,
	0x7c, 0xa4, 0x4d, 0x92, 0x6e, 0x65, 0x00, 0x53, 0xec, 0x28, 0x1b, 0x42,
	0xf6, 0x71, 0x8c, 0x45, 0xa2, 0x00, 0x93, 0x5c, 0xf8, 0x3b, 0xff, 0x3d,
	0x17, 0x06, 0x10, 0x01, 0x09, 0x80, 0x90, 0x00, 0x07, 0x0b, 0x01, 0x00,
	0x02, 0x24, 0x06, 0xf1, 0x07, 0x01, 0x12, 0x53, 0x0f, 0x5d, 0x94, 0x1f,
	0x1d, 0x62, 0xc3, 0xae, 0x40, 0x7f, 0x0e, 0xe6, 0xf1, 0xe2, 0x49, 0x16,
	0x89, 0x23, 0x03, 0x01, 0x01, 0x05, 0x5d, 0x00, 0x10, 0x00, 0x00, 0x01,
	0x00, 0x0c, 0x80, 0x84, 0x80, 0x9e, 0x0a, 0x01, 0x43, 0x9b, 0x10, 0x6c,
	0x00, 0x00
};

static void test_encrypted_7z(void)
{
	struct package_limits limits = generous_limits();
	struct package package;
	struct error err = { "" };

	package_init(&package);
	is_int(package_read(seven_zip_encrypted, sizeof(seven_zip_encrypted), &limits, &package,
			    &err), PACKAGE_ENCRYPTED, "7z with encrypted entries: archive-encrypted");
	is_string(err.message, "entry 'application.xml' is encrypted", "  ... naming the entry");
	is_int(package_read(seven_zip_headers_encrypted, sizeof(seven_zip_headers_encrypted),
			    &limits, &package, &err), PACKAGE_ENCRYPTED,
	       "7z with encrypted headers: archive-encrypted");
	printf("#   message: %s\n", err.message);
	package_release(&package);
}

/* A nested archive is only bytes; reading the same package twice into one
 * struct frees the first read (valgrind checks). */
static void test_nested_and_reuse(void)
{
	const struct file_spec inner_files[] = {
		{ .path = "../../etc/passwd", .data = "x", .size = 1 },
	};
	struct blob inner = build(&ZIP, inner_files, 1);
	const struct file_spec files[] = {
		{ .path = "application.xml", .data = XML, .size = sizeof(XML) - 1 },
		{ .path = "evidence/inner.zip", .data = inner.bytes, .size = inner.size },
	};
	struct package_limits limits = generous_limits();
	struct blob blob = build(&ZIP, files, 2);
	struct package package;
	struct error err = { "" };

	package_init(&package);
	is_int(read_blob(&blob, &limits, &package, &err), PACKAGE_OK,
	       "nested archive: the outer one is read");
	check_entry(&package, "evidence/inner.zip", inner.bytes, inner.size, "nested");
	is_int(read_blob(&blob, &limits, &package, &err), PACKAGE_OK, "read again into one struct");
	is_int(package.entry_count, 2, "  ... with the entries of one read only");
	package_release(&package);
	package_release(&package);
	ok(package.entries == NULL && package.entry_count == 0, "release twice is harmless");
	blob_free(&blob);
	blob_free(&inner);
}

static void test_hash(void)
{
	struct sha256 hash = { NULL };
	char hex[65];

	sha256_hex("", 0, hex);
	is_string(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		  "sha256 of nothing");
	sha256_hex("abc", 3, hex);
	is_string(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		  "sha256 of abc");
	ok(sha256_begin(&hash) == 0 && sha256_update(&hash, "a", 1) == 0 &&
	   sha256_update(&hash, "bc", 2) == 0 && sha256_finish(&hash, hex) == 0,
	   "incremental sha256 runs");
	is_string(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		  "incremental sha256 of a + bc");
	ok(hash.context == NULL, "finish releases the context");
	ok(sha256_update(&hash, "x", 1) == -1, "update after finish fails");
	ok(sha256_finish(&hash, hex) == -1 && hex[0] == '\0', "finish after finish fails");
	sha256_begin(&hash);
	sha256_release(&hash);
	sha256_release(&hash);
	ok(hash.context == NULL, "release twice is harmless");
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_hash();
	test_good_packages();
	test_unsafe_names();
	test_links_and_devices();
	test_duplicates();
	test_entry_limits();
	test_application_xml();
	test_bombs();
	test_corrupt();
	test_gbk_names();
	test_bad_zip_name_bytes();
	test_encrypted();
	test_encrypted_7z();
	test_nested_and_reuse();
	return tap_done();
}
