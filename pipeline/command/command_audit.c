/* command_audit.c - `ecap audit verify FILE...` and `ecap audit verify DIR`:
 * checks audit archives, each as a BagIt bag and all of them as a chain
 * (doc/audit.md), and prints one line per archive or problem, then the
 * chain's; given a state directory, its whole chain, from the first archive
 * to the last the store recorded. Exit 0 when all is intact, 1 when
 * something is not, 66 when a file or the directory cannot be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_verify.h"
#include "commands.h"
#include "exits.h"

static const char usage[] =
	"usage: ecap audit verify FILE...\n"
	"       ecap audit verify DIR\n"
	"\n"
	"  checks each audit archive (DIR/audit/NNNNNN-<run>.tar.gz) as a BagIt bag,\n"
	"  then the chain they form; given the state directory DIR, its whole chain,\n"
	"  from the first archive to the last one the store recorded; exit 0 when\n"
	"  everything is intact, 1 when not\n";

enum { EXIT_NOT_INTACT = 1 };

/* Opens and closes each file up front, so that a wrong path is an operator's
 * mistake (66) and not a broken archive (1). */
static int check_readable(char *const *files, int count)
{
	char message[1024];
	struct stat info;

	for (int i = 0; i < count; i++) {
		int fd = open(files[i], O_RDONLY | O_CLOEXEC);

		if (fd < 0 || fstat(fd, &info) < 0) {
			snprintf(message, sizeof(message), "unable to read '%s': %s", files[i],
				 strerror(errno));
			if (fd >= 0)
				close(fd);
			return report_failure(EXIT_NO_INPUT, message);
		}
		close(fd);
		if (!S_ISREG(info.st_mode)) {
			snprintf(message, sizeof(message), "'%s' is not a file", files[i]);
			return report_failure(EXIT_NO_INPUT, message);
		}
	}
	return EXIT_OK;
}

static int is_directory(const char *path)
{
	struct stat info;

	return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

static int is_state_directory(const char *path)
{
	char audit[4096], store[4096];

	snprintf(audit, sizeof(audit), "%s/audit", path);
	snprintf(store, sizeof(store), "%s/store", path);
	return is_directory(audit) && is_directory(store);
}

int command_audit(int argc, char **argv)
{
	struct error err = { "" };
	int first = 2, code, verdict;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return fputs(usage, stdout), EXIT_OK;
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return fputs(usage, stderr), EXIT_USAGE;
	if (argc > 2 && strcmp(argv[2], "--help") == 0)
		return fputs(usage, stdout), EXIT_OK;
	if (argc > 2 && strcmp(argv[2], "--") == 0)
		first = 3;
	else if (argc > 2 && argv[2][0] == '-')
		return fputs(usage, stderr), EXIT_USAGE;
	if (first >= argc)
		return fputs(usage, stderr), EXIT_USAGE;
	if (argc - first == 1 && is_directory(argv[first])) {
		if (!is_state_directory(argv[first]))
			return report_failure(EXIT_NO_INPUT, "no such state directory (it holds no "
					      "audit/ and store/)");
		verdict = audit_verify_state(argv[first], stdout, &err);
	} else {
		code = check_readable(argv + first, argc - first);
		if (code != EXIT_OK)
			return code;
		verdict = audit_verify((const char *const *)(argv + first),
				       (size_t)(argc - first), stdout, &err);
	}
	if (fflush(stdout) != 0)
		return report_failure(EXIT_IO, "unable to write the report");
	if (verdict < 0)
		return report_failure(EXIT_SOFTWARE, err.message);
	return verdict == 0 ? EXIT_OK : EXIT_NOT_INTACT;
}
