/* error.h - how library code reports a failure to its caller.
 *
 * Library functions never print or exit. A function that can fail takes a
 * `struct error *` as its last argument, fills it with one lowercase line that
 * names the subject ("unable to open 'x': No such file or directory"), and
 * returns -1 (or NULL). Only main() prints the message.
 */
#ifndef ECAP_ERROR_H
#define ECAP_ERROR_H

#include <stddef.h>

struct error {
	char message[1024];
};

/* Formats the message into err (which may be NULL) and returns -1. */
int error_set(struct error *err, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Like error_set, with ": strerror(errno)" appended. */
int error_set_errno(struct error *err, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Empties err. */
void error_clear(struct error *err);

#endif
