/* command_typeset.c - `ecap typeset`, which is not for people: the process
 * in which a run with --jobs above 1 has each typesetting worker's PDFs
 * made (typesetter.h). It answers on its standard input, a socket to the
 * worker, until the worker closes it. */
#include <sys/prctl.h>
#include <sys/stat.h>

#include "commands.h"
#include "exits.h"
#include "memory.h"
#include "typesetter.h"

int command_typeset(int argc, char **argv)
{
	struct stat input;
	struct error err = { "" };

	/* started by a run, never from a terminal or a script */
	if (argc != 1 || fstat(0, &input) < 0 || !S_ISSOCK(input.st_mode))
		return report_failure(EXIT_USAGE, "'ecap typeset' is started by 'ecap run --jobs N' "
				      "to make its PDFs; it is not a command to run by hand");
	/* in ps and top, not "exe" (it was started as /proc/self/exe) */
	prctl(PR_SET_NAME, "ecap-typeset", 0, 0, 0);
	/* one document's memory kept for the next, not faulted in again each time */
	memory_set_allocator_thresholds();
	if (typesetter_serve(0, &err) < 0)
		return report_failure(EXIT_SOFTWARE, err.message);
	return EXIT_OK;
}
