/* mask.c - masking identity document numbers; see mask.h. */
#include "mask.h"

#include <string.h>
#include <wchar.h>

#include "text.h"

/* Appends the bytes of one character if they fit, with room for the NUL. */
static int append_bytes(char *out, size_t out_size, size_t *used, const char *bytes,
			size_t length)
{
	if (length >= out_size - *used)
		return -1;
	memcpy(out + *used, bytes, length);
	*used += length;
	out[*used] = '\0';
	return 0;
}

void identity_mask(const char *number, char *out, size_t out_size)
{
	size_t count, shown_head, shown_tail, index, used = 0, remaining;
	mbstate_t state;

	if (!out || !out_size)
		return;
	out[0] = '\0';
	if (!number)
		return;
	count = text_character_count(number);
	shown_head = count > 8 ? 3 : 0;
	shown_tail = count > 8 ? 4 : count > 2 ? 2 : 0;
	memset(&state, 0, sizeof(state));
	remaining = strlen(number);
	for (index = 0; index < count; index++) {
		size_t length = text_character_length(number, remaining, &state);
		int shown = index < shown_head || index >= count - shown_tail;

		if (append_bytes(out, out_size, &used, shown ? number : "*",
				 shown ? length : 1))
			return;
		number += length;
		remaining -= length;
	}
}
