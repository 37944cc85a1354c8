/* hash.c - SHA-256 digests in lowercase hex via OpenSSL EVP; see hash.h. */
#include "hash.h"

static void digest_to_hex(const unsigned char *digest, unsigned int length, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < length && i < 32; i++) {
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 0x0f];
	}
	out[2 * i] = '\0';
}

void sha256_hex(const void *data, size_t size, char out[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int length = 0;

	out[0] = '\0';
	if (!EVP_Digest(data, size, digest, &length, EVP_sha256(), NULL) || length != 32)
		return;
	digest_to_hex(digest, length, out);
}

int sha256_begin(struct sha256 *hash)
{
	hash->context = EVP_MD_CTX_new();
	if (!hash->context)
		return -1;
	if (!EVP_DigestInit_ex(hash->context, EVP_sha256(), NULL)) {
		sha256_release(hash);
		return -1;
	}
	return 0;
}

int sha256_update(struct sha256 *hash, const void *data, size_t size)
{
	if (!hash->context || !EVP_DigestUpdate(hash->context, data, size))
		return -1;
	return 0;
}

int sha256_finish(struct sha256 *hash, char out[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int length = 0;
	int result = -1;

	out[0] = '\0';
	if (!hash->context)
		return -1;
	if (EVP_DigestFinal_ex(hash->context, digest, &length) && length == 32) {
		digest_to_hex(digest, length, out);
		result = 0;
	}
	sha256_release(hash);
	return result;
}

void sha256_release(struct sha256 *hash)
{
	EVP_MD_CTX_free(hash->context);
	hash->context = NULL;
}
