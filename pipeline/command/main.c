/* main.c - the ecap command: runs the engineering capability evaluation
 * (工程能力评价) of an authorized society as file-based batches. Dispatches to
 * the subcommands of commands.h; see ecap(1) and README.md. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "exits.h"
#include "memory.h"
#include "paths.h"
#include "signature.h"
#include "xml.h"

#define ECAP_VERSION "0.1.0"

static const char usage[] =
	"usage: ecap COMMAND [ARGUMENTS]\n"
	"\n"
	"  init DIR [--policy FILE]      create a state directory with its policy\n"
	"  run DIR [--date YYYY-MM-DD]   take the dropbox and move every application on\n"
	"  status DIR [--xml | --csv]    the state of every application and input\n"
	"  register DIR [--xml | --csv]  the certificate register\n"
	"  find DIR TEXT [--csv]         applications, certificates, records matching TEXT\n"
	"  retry DIR INPUT               put a quarantined input back for the next run\n"
	"  audit verify FILE... | DIR    check audit archives and the chain between them\n"
	"  key new DIR [--name NAME]     make the society's signing key\n"
	"  verify FILE... [--key PEM] [--register FILE]\n"
	"                                check signed certificates, registers and reports\n"
	"  mail DIR [--dry-run] [--timeout SECONDS]\n"
	"                                hand the letters' messages not yet sent to sendmail\n"
	"  validate [FILE]               the validation stage as a filter (stdin to stdout)\n"
	"  review, interview, certify    the other stages as filters\n"
	"  stages [FILE]                 every stage in order, as a filter\n"
	"  render STYLESHEET [FILE]      render a document with one of ecap's stylesheets\n"
	"\n"
	"'ecap COMMAND --help' tells more; man ecap for everything. Exit status 0 means\n"
	"the command completed.\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "init", command_init },
	{ "run", command_run },
	{ "status", command_status },
	{ "validate", command_stage },
	{ "review", command_stage },
	{ "interview", command_stage },
	{ "certify", command_stage },
	{ "stages", command_stage },
	{ "register", command_register },
	{ "audit", command_audit },
	{ "find", command_find },
	{ "retry", command_retry },
	{ "mail", command_mail },
	{ "render", command_render },
	{ "typeset", command_typeset },
	{ "key", command_key },
	{ "verify", command_verify },
};

/* What a command wrote to stdout (a run's summary, a status table, a
 * verification report) must have been written, or the exit status says so: a
 * buffered write that failed is seen only here. stdout is not closed, so that
 * a command run with stdout closed and nothing to say is not an error. code
 * is the command's; a failure it reported already keeps its own. */
static int check_stdout(int code)
{
	char message[256];
	int flushed = fflush(stdout);

	if (flushed == 0 && !ferror(stdout))
		return code;
	/* 1 is audit verify's "not intact": a lost report must not stand for it */
	if (code != EXIT_OK && code != 1)
		return code;
	snprintf(message, sizeof(message), "unable to write to standard output: %s",
		 flushed != 0 ? strerror(errno) : "a write failed, the output is incomplete");
	return report_failure(EXIT_IO, message);
}

int main(int argc, char **argv)
{
	struct error err = { "" };
	int code = EXIT_USAGE;

	/* before any library allocates: running out of memory in one ends the
	 * process with a message and exit 74, never a crash */
	memory_install_handlers();
	/* Chinese entry names and text classes need a UTF-8 locale (security.md). */
	setlocale(LC_CTYPE, "C.UTF-8");
	umask(077);	/* application material is personal data (R10) */
	/* over a file-size limit, a write fails with EFBIG and the run stops
	 * cleanly, like on a full disk, instead of being killed mid-step */
	signal(SIGXFSZ, SIG_IGN);
	/* the zone glibc uses anyway when TZ is unset, named, so that each
	 * mktime() does not stat /etc/localtime again (seven per package) */
	setenv("TZ", ":/etc/localtime", 0);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : check_stdout(EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("ecap %s\n", ECAP_VERSION);
		return check_stdout(EXIT_OK);
	}
	if (paths_setup(&err) < 0 || xml_library_setup(paths_share_dir(), &err) < 0)
		return report_failure(EXIT_CONFIG, err.message);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			code = commands[i].run(argc - 1, argv + 1);
			break;
		}
	signature_cleanup();
	xml_library_cleanup();
	code = check_stdout(code);
	if (code == EXIT_USAGE) {
		int known = 0;

		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			known |= strcmp(argv[1], commands[i].name) == 0;
		if (!known)
			fprintf(stderr, "ecap: '%s' is not a command\n%s", argv[1], usage);
	}
	return code;
}
