/* policy_reader.h - what policy.c and roster.c share to read the policy
 * and its member roster: typed attributes read with the file's line in every
 * message (policy_reader.c), and the roster reader (roster.c). Not for use
 * outside lib/policy*.c and lib/roster.c. */
#ifndef ECAP_POLICY_READER_H
#define ECAP_POLICY_READER_H

#include <stddef.h>
#include <libxml/tree.h>
#include "calendar.h"
#include "error.h"
#include "policy.h"

/* Where a message about the file points: the file and err to fill. */
struct reader {
	const char *path;
	struct error *err;
};

/* Fills err with "PATH, line N: message" and returns -1. */
int fail_at(const struct reader *reader, xmlNodePtr node, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
const char *node_name(xmlNodePtr node);
int count_children(xmlNodePtr parent, const char *name);
/* *array = calloc(count, element_size), or a message; count 0 gives NULL. */
int allocate_list(const struct reader *reader, void **array, size_t count,
		  size_t element_size);

/* Each reads attribute `name` of node into *out: absent, it leaves *out as
 * it is (the default) unless required; present but not of the type or out
 * of [minimum, maximum], it fails with the line. */
int read_string(const struct reader *reader, xmlNodePtr node, const char *name,
		int required, char *out, size_t size);
int require_attribute(const struct reader *reader, xmlNodePtr node, const char *name);
int read_int(const struct reader *reader, xmlNodePtr node, const char *name,
	     long minimum, long maximum, int *out);
int read_size(const struct reader *reader, xmlNodePtr node, const char *name,
	      unsigned long long minimum, unsigned long long maximum, size_t *out);
int read_double(const struct reader *reader, xmlNodePtr node, const char *name,
		double minimum, double maximum, double *out);
int read_bool(const struct reader *reader, xmlNodePtr node, const char *name, int *out);
int read_date(const struct reader *reader, xmlNodePtr node, const char *name, day_t *out);

/* Reads the roster file that <members href="..."/> of root names, if any, as
 * a stream, validated against xsd/members.xsd when validate is set. */
int read_member_roster(const struct reader *reader, xmlNodePtr root, struct policy *policy,
		       int validate);

#endif
