/* command_common.c - what the commands share (commands.h): reporting a
 * failure, and reading a filter's input. */
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "name.h"

int report_failure(int code, const char *message)
{
	char shown[4 * sizeof(((struct error *)0)->message)];

	/* a message may quote a dropbox name: the terminal gets it escaped */
	if (!name_is_plain(message))
		message = name_escape(message, shown, sizeof(shown));
	fprintf(stderr, "ecap: %s\n", message[0] ? message : "failed");
	return code;
}

static int read_stream(FILE *in, struct command_input *input, struct error *err)
{
	size_t capacity = 65536;

	input->size = 0;
	input->bytes = malloc(capacity);
	while (input->bytes) {
		size_t got = fread(input->bytes + input->size, 1, capacity - input->size - 1, in);

		input->size += got;
		if (got == 0)
			break;
		if (input->size + 1 == capacity) {
			char *grown = capacity >= (512u << 20) ? NULL :
				      realloc(input->bytes, capacity * 2);
			if (!grown) {
				free(input->bytes);
				input->bytes = NULL;
				return error_set(err, "the input is too large");
			}
			input->bytes = grown;
			capacity *= 2;
		}
	}
	if (!input->bytes || ferror(in))
		return error_set(err, "unable to read the input");
	input->bytes[input->size] = '\0';
	return 0;
}

int command_read_input(const char *path, struct command_input *input, struct error *err)
{
	FILE *in = path ? fopen(path, "rb") : stdin;
	int result;

	if (!in)
		return error_set_errno(err, "unable to open '%s'", path);
	result = read_stream(in, input, err);
	if (path)
		fclose(in);
	return result;
}
