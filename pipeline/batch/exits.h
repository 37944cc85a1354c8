/* exits.h - ecap's exit codes, in the manner of sysexits(3); ecap(1) lists
 * them. A run exits 0 whatever the applications' outcomes: non-zero means a
 * problem for the operator. */
#ifndef ECAP_EXITS_H
#define ECAP_EXITS_H

enum exit_code {
	EXIT_OK = 0,
	/* `ecap verify` (signature.h): the document is not what was signed */
	EXIT_SIGNATURE_REFUSED = 1,
	EXIT_UNSIGNED = 2,		/* it carries no signature */
	EXIT_UNKNOWN_KEY = 3,		/* signed by a key not published or not given */
	EXIT_USAGE = 64,		/* bad arguments */
	EXIT_DATA = 65,			/* a filter's input is not a dossier or application */
	EXIT_NO_INPUT = 66,		/* no such state directory or input file */
	EXIT_SOFTWARE = 70,		/* an internal error: a bug */
	EXIT_CANNOT_CREATE = 73,	/* the state directory cannot be created */
	EXIT_IO = 74,			/* reading or writing failed: disk full, permissions */
	EXIT_LOCKED = 75,		/* another run holds the state directory: try later */
	EXIT_CONFIG = 78,		/* the policy or the data files are unusable */
};

#endif
