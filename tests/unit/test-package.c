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

#include "package-fixtures.h"

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
	test_nested_and_reuse();
	return tap_done();
}
