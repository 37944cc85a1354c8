/* test-keys.h - signing keys made in memory for the signature unit tests
 * (test-signature.c, test-signed-writer.c). */
#ifndef ECAP_TEST_KEYS_H
#define ECAP_TEST_KEYS_H

#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

/* A new P-256 key as private and public PEM (caller frees both). */
__attribute__((unused)) static int make_key(char **private_pem, size_t *private_size,
					    char **public_pem, size_t *public_size)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	BIO *a = BIO_new(BIO_s_mem()), *b = BIO_new(BIO_s_mem());
	char *data;
	long size;
	int result = -1;

	if (key && a && b && PEM_write_bio_PrivateKey(a, key, NULL, NULL, 0, NULL, NULL) == 1 &&
	    PEM_write_bio_PUBKEY(b, key) == 1) {
		size = BIO_get_mem_data(a, &data);
		*private_pem = strndup(data, (size_t)size);
		*private_size = (size_t)size;
		size = BIO_get_mem_data(b, &data);
		*public_pem = strndup(data, (size_t)size);
		*public_size = (size_t)size;
		result = *private_pem && *public_pem ? 0 : -1;
	}
	BIO_free(a);
	BIO_free(b);
	EVP_PKEY_free(key);
	return result;
}

#endif
