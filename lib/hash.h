/* hash.h - SHA-256 in lowercase hex, through OpenSSL's EVP interface.
 *
 * Two ways in: sha256_hex() for bytes already in memory, and the incremental
 * sha256_begin/update/finish for data that comes in pieces (archive entries,
 * files read in chunks). `out` always receives 64 hex digits and a NUL.
 *
 *	struct sha256 hash = { NULL };
 *	if (sha256_begin(&hash) < 0 || sha256_update(&hash, p, n) < 0 ||
 *	    sha256_finish(&hash, hex) < 0)
 *		goto out;
 *	...
 * out:
 *	sha256_release(&hash);
 *
 * sha256_finish releases the context itself; sha256_release is for the paths
 * that stop before finishing, and is harmless after a finish.
 */
#ifndef ECAP_HASH_H
#define ECAP_HASH_H

#include <stddef.h>
#include <openssl/evp.h>

struct sha256 {
	EVP_MD_CTX *context;		/* owned; NULL before begin and after finish */
};

/* The SHA-256 of data[0..size) into out; out is "" if OpenSSL fails. */
void sha256_hex(const void *data, size_t size, char out[65]);

/* Starts a hash; returns 0, or -1 (nothing left to release) on failure. */
int sha256_begin(struct sha256 *hash);

/* Adds data[0..size); returns 0 or -1. */
int sha256_update(struct sha256 *hash, const void *data, size_t size);

/* Writes the digest into out, releases the context; returns 0 or -1
 * (out is then ""). */
int sha256_finish(struct sha256 *hash, char out[65]);

/* Frees the context if there is one; safe to call more than once. */
void sha256_release(struct sha256 *hash);

#endif
