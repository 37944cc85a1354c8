/* error.c - filling a struct error; see error.h. */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int error_set(struct error *err, const char *format, ...)
{
	va_list args;

	if (!err)
		return -1;
	va_start(args, format);
	vsnprintf(err->message, sizeof(err->message), format, args);
	va_end(args);
	return -1;
}

int error_set_errno(struct error *err, const char *format, ...)
{
	int saved_errno = errno;
	va_list args;
	size_t used;

	if (!err)
		return -1;
	va_start(args, format);
	vsnprintf(err->message, sizeof(err->message), format, args);
	va_end(args);
	used = strlen(err->message);
	snprintf(err->message + used, sizeof(err->message) - used, ": %s",
		 strerror(saved_errno));
	errno = saved_errno;
	return -1;
}

void error_clear(struct error *err)
{
	if (err)
		err->message[0] = '\0';
}
