/* command_run.c - `ecap run DIR [--date D] [--verbose|--quiet]`: one batch. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "driver.h"
#include "exits.h"
#include "memory.h"
#include "progress.h"
#include "typesetter.h"

static const char usage[] =
	"usage: ecap run DIR [--date YYYY-MM-DD] [--jobs N] [--verbose | --quiet]\n";

static void print_summary(const struct run_options *options, const struct run_summary *summary)
{
	printf("run %s: %zu packages and %zu records taken, %zu inputs quarantined\n",
	       summary->run_id, summary->packages, summary->records, summary->quarantined);
	printf("  validation: %zu accepted for review, %zu returned, %zu rejected, %zu expired\n",
	       summary->accepted, summary->returned, summary->rejected, summary->expired);
	if (summary->records)
		printf("  records: %zu applied, %zu refused\n", summary->records_applied,
		       summary->records_refused);
	if (summary->notices)
		printf("  %zu letters written to %s/out/notices/\n", summary->notices,
		       options->state_dir);
	if (summary->quarantined)
		printf("  quarantined inputs are in %s/quarantine/, each with a .reason.xml\n",
		       options->state_dir);
	if (summary->waiting)
		printf("  %zu files in the dropbox were still being written and wait for the "
		       "next run\n", summary->waiting);
	if (summary->recovered)
		printf("  finished %zu steps of an interrupted run first\n", summary->recovered);
	if (!summary->calendar_covered)
		printf("  note: the policy's calendar does not cover this year; deadlines "
		       "count weekends only\n");
	if (summary->unsigned_run)
		printf("  warning: this state has no signing key, so certificates and the register "
		       "were issued unsigned;\n  make one with: ecap key new %s\n",
		       options->state_dir);
	if (summary->placeholders[0])
		printf("  warning: the policy still holds placeholders of the default policy "
		       "(%s); letters name them: edit %s/policy.xml\n", summary->placeholders,
		       options->state_dir);
	if (summary->certified)
		printf("  %zu certificates issued, in %s/out/certificates/\n", summary->certified,
		       options->state_dir);
	if (summary->register_changes)
		printf("  %zu certificate status changes published\n", summary->register_changes);
	if (summary->report_path[0])
		printf("  report: %s/%s\n", options->state_dir, summary->report_path);
	if (summary->log_path[0])
		printf("  log: %s/%s\n", options->state_dir, summary->log_path);
	if (summary->audit_path[0])
		printf("  audit archive: %s/%s\n", options->state_dir, summary->audit_path);
}

int command_run(int argc, char **argv)
{
	struct run_options options = { NULL, date_today(), 0, 1, NULL, NULL, NULL };
	char program[PATH_MAX];
	struct run_summary summary;
	struct progress progress;
	struct memory_plan memory;
	struct error err = { "" };
	int quiet = 0, code;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) {
			if (date_parse(argv[++i], &options.date) < 0)
				return report_failure(EXIT_USAGE, "--date takes a date such as "
						      "2026-11-24");
		} else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
			char *end;
			long jobs = strtol(argv[++i], &end, 10);

			if (*end || jobs < 1 || jobs > 64)
				return report_failure(EXIT_USAGE, "--jobs takes a number from 1 to 64");
			options.jobs = (int)jobs;
		} else if (strcmp(argv[i], "--verbose") == 0) {
			options.verbose = 1;
		} else if (strcmp(argv[i], "--quiet") == 0) {
			quiet = 1;
		} else if (strcmp(argv[i], "--help") == 0) {
			return fputs(usage, stdout), EXIT_OK;
		} else if (argv[i][0] != '-' && !options.state_dir) {
			options.state_dir = argv[i];
		} else {
			return fputs(usage, stderr), EXIT_USAGE;
		}
	}
	if (!options.state_dir)
		return fputs(usage, stderr), EXIT_USAGE;
	/* memory bounded up front: a run that cannot fit does not start, and
	 * --jobs is capped at the workers that fit */
	if (memory_plan_run(options.jobs, &memory, &err) < 0)
		return report_failure(EXIT_IO, err.message);
	if (memory.jobs < options.jobs && !quiet)
		fprintf(stderr, "ecap: --jobs %d capped at %d by the %s (%zu MiB)\n", options.jobs,
			memory.jobs, memory.capped_by,
			(strcmp(memory.capped_by, "ulimit -v") == 0 ? memory.limit :
			 memory.available) >> 20);
	options.jobs = memory.jobs;
	memory_set_allocator_thresholds();
	/* the workers' PDFs typeset by this very program, `ecap typeset` */
	options.typesetter = typesetter_own_program(program, sizeof(program));
	progress_init(&progress, stderr);
	if (!quiet && !options.verbose) {
		options.progress = progress_update;
		options.progress_context = &progress;
	}
	code = driver_run(&options, &summary, &err);
	progress_finish(&progress);
	if (code != EXIT_OK)
		return report_failure(code, err.message);
	if (!quiet)
		print_summary(&options, &summary);
	return EXIT_OK;
}
