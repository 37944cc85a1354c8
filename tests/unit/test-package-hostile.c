/* test-package-hostile.c - unit tests for lib/package.c against hostile
 * and odd archives: decompression bombs, corruption, GBK and undecodable zip
 * names, encryption (zip, 7z). Every archive is built here, in memory (see
 * package-fixtures.h), and patched byte by byte where needed.
 */
#include <locale.h>
#include <time.h>

#include "package-fixtures.h"

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

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_bombs();
	test_corrupt();
	test_gbk_names();
	test_bad_zip_name_bytes();
	test_encrypted();
	test_encrypted_7z();
	return tap_done();
}
