/* register_files.h - the register's files in the store, read and written
 * through the open transaction: what register.c and register_identities.c
 * share. Not for use outside them. */
#ifndef ECAP_REGISTER_FILES_H
#define ECAP_REGISTER_FILES_H

#include "register.h"

/* 0 and *document NULL when the file does not exist. */
int register_load(struct register_store *rs, const char *relative, xmlDocPtr *document,
		  struct error *err);
int register_put(struct register_store *rs, const char *relative, xmlDocPtr document,
		 struct error *err);
void identity_relative(const char *identity, char *out, size_t size);
void member_relative(const char *registration, char *out, size_t size);
int load_identity(struct register_store *rs, const char *identity, xmlDocPtr *document,
		  struct error *err);
int load_member(struct register_store *rs, const char *registration,
		xmlDocPtr *document, struct error *err);
int put_identity(struct register_store *rs, const char *identity,
		 const char *registration, int banned, struct error *err);

#endif
