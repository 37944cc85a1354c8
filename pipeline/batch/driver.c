/* driver.c - the batch run (driver.h): the lock, recovery and upgrade of
 * the state, the run's resources, the inputs taken in arrival order
 * (records.c, packages.c), the sweeps (sweeps.c), the public notices
 * (publish.c), the report, the log and the audit archive. The primitives
 * it shares with those files are in batch.c. */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "audit.h"
#include "exits.h"
#include "input_memory.h"
#include "lock.h"
#include "outcomes.h"
#include "packages.h"
#include "paths.h"
#include "public_register.h"
#include "publish.h"
#include "records.h"
#include "run_date.h"
#include "signing.h"
#include "society.h"
#include "sweeps.h"
#include "seal.h"
#include "upgrade.h"
#include "xml.h"


static int load_run_resources(struct batch *batch, struct error *err)
{
	char path[PATH_MAX];

	batch->policy_schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), err);
	if (!batch->policy_schema)
		return -1;
	if (policy_load(&batch->policy, store_path(&batch->store, "policy.xml", path,
						   sizeof(path)), batch->policy_schema, err) < 0)
		return -1;
	batch->policy_loaded = 1;
	/* the seal once per run, checked, for every letter and certificate */
	if (seal_load(path, batch->policy.seal_href, &batch->seal_uri, err) < 0)
		return -1;
	batch->policy.seal_uri = batch->seal_uri;
	batch->application_schema = schema_load(paths_schema("application.xsd", path,
							     sizeof(path)), err);
	batch->record_schema = schema_load(paths_schema("record.xsd", path, sizeof(path)), err);
	if (!batch->application_schema || !batch->record_schema)
		return -1;
	batch->renderer = renderer_new(err);
	if (!batch->renderer || signing_start(batch, err) < 0)
		return -1;
	/* the PDFs on --jobs workers; one job: on this thread (render_queue.h) */
	batch->renders = render_queue_new(batch->options->jobs > 1 ? batch->options->jobs : 0,
					  batch->options->typesetter, err);
	if (!batch->renders)
		return -1;
	batch->register_store.store = &batch->store;
	batch->register_store.transaction = &batch->transaction;
	batch->register_store.policy = &batch->policy;
	register_view_for_store(&batch->register_view, &batch->register_store);
	batch->stage.policy = &batch->policy;
	batch->stage.application_schema = batch->application_schema;
	batch->stage.register_view = &batch->register_view;
	batch->stage.date = batch->options->date;
	return 0;
}

static void report_progress(struct batch *batch, const char *stage)
{
	if (batch->options->progress)
		batch->options->progress(batch->options->progress_context, batch->inputs_done,
					 batch->inputs_total, stage);
}

static void count_package_progress(struct batch *batch)
{
	batch->inputs_done++;
	report_progress(batch, "packages");
}

static void count_record_progress(struct batch *batch)
{
	batch->inputs_done++;
	report_progress(batch, "records");
}

/* With --jobs, packages and records are read, hashed and parsed on that many
 * threads (prepare_pool.h) and filed here in the same order as with one. */
static int take_window(struct batch *batch, enum input_kind kind, const struct intake_list *list,
		       struct error *err)
{
	if (kind == INPUT_PACKAGE && batch->options->jobs > 1)
		return take_packages_in_parallel(batch, list->items, list->count,
						 batch->options->jobs, count_package_progress, err);
	if (kind == INPUT_RECORD && batch->options->jobs > 1)
		return take_records_in_parallel(batch, list->items, list->count,
						batch->options->jobs, count_record_progress, err);

	const char *stage = kind == INPUT_RECORD ? "records" : "packages";

	for (size_t i = 0; i < list->count; i++) {
		const struct intake_item *item = &list->items[i];
		int result = 0;

		batch->inputs_done++;
		report_progress(batch, stage);
		if (kind == INPUT_RECORD)
			result = take_record(batch, item, err);
		else if (kind == INPUT_PACKAGE)
			result = take_package(batch, item, err);
		else
			result = quarantine(batch, item->name, REASON_ARCHIVE_UNSAFE,
					    "a symbolic link, not a file; never followed",
					    "", NULL, err);
		if (result < 0)
			return -1;
	}
	return 0;
}

/* Takes the ready inputs of one kind, in arrival order, INTAKE_WINDOW at a
 * time: the dropbox is listed again for each window, so memory stays the
 * same however many inputs wait. */
static int take_inputs(struct batch *batch, enum input_kind kind, struct error *err)
{
	struct intake_item cursor = { NULL, kind, { 0, 0 }, 0 };
	struct intake_list list = { NULL, 0 };
	char dropbox[PATH_MAX];
	int result = 0, more = 1;

	/* with workers, a full group commits behind the filing of the next;
	 * settled before anything else looks at the state */
	batch->commit_behind = batch->options->jobs > 1;
	store_path(&batch->store, "dropbox", dropbox, sizeof(dropbox));
	while (result == 0 && more) {
		result = intake_list_window(dropbox, batch->policy.settle_seconds,
					    batch->intake_time, kind, cursor.name ? &cursor : NULL,
					    INTAKE_WINDOW, &list, err);
		if (result < 0 || list.count == 0)
			break;
		result = take_window(batch, kind, &list, err);
		more = list.count == INTAKE_WINDOW;
		free(cursor.name);
		cursor = list.items[list.count - 1];
		list.items[list.count - 1].name = NULL;	/* the cursor owns it now */
		intake_list_release(&list);
	}
	intake_list_release(&list);
	free(cursor.name);
	input_memory_release_kept();	/* the rest of the run reads no input */
	batch->commit_behind = 0;
	if (store_settle(&batch->store, err) < 0)
		result = -1;
	return result;
}

/* The log is written to store/run-<run>.log as the run goes (its size grows
 * with the batch, so it is never kept in memory) and moved into out/reports/
 * by the run's last transaction. A log left behind by a killed run is moved
 * by the next. */
static int open_run_log(struct batch *batch, struct error *err)
{
	char path[PATH_MAX];

	snprintf(batch->log_relative, sizeof(batch->log_relative), "store/run-%s.log",
		 batch->store.run_id);
	batch->log = fopen(store_path(&batch->store, batch->log_relative, path, sizeof(path)),
			   "wx");
	if (!batch->log)
		return error_set_errno(err, "unable to create the run log '%s'", path);
	return 0;
}

static int move_log(struct batch *batch, const char *relative, const char *suffix,
		    struct error *err)
{
	char destination[PATH_MAX], name[PATH_MAX];
	size_t length;

	snprintf(name, sizeof(name), "%s", relative + strlen("store/run-"));
	length = strlen(name);
	if (length > 4)
		name[length - 4] = '\0';	/* drop ".log" */
	snprintf(destination, sizeof(destination), "out/reports/%s%s.log", name, suffix);
	if (prepare_group_for(batch, err) < 0)
		return -1;
	return transaction_take(&batch->transaction, relative, destination, err);
}

/* Logs of runs that died are kept, as out/reports/<run>.interrupted.log. */
static int move_orphan_logs(struct batch *batch, struct error *err)
{
	char directory[PATH_MAX], relative[PATH_MAX];
	DIR *listing = opendir(store_path(&batch->store, "store", directory, sizeof(directory)));
	struct dirent *entry;
	int result = 0;

	if (!listing)
		return error_set_errno(err, "unable to read '%s'", directory);
	while (result == 0 && (entry = readdir(listing))) {
		size_t length = strlen(entry->d_name);

		if (strncmp(entry->d_name, "run-", 4) != 0 || length < 8 ||
		    strcmp(entry->d_name + length - 4, ".log") != 0)
			continue;
		snprintf(relative, sizeof(relative), "store/%s", entry->d_name);
		if (strcmp(relative, batch->log_relative) == 0)
			continue;
		result = move_log(batch, relative, ".interrupted", err);
	}
	closedir(listing);
	return result;
}

static int write_run_log(struct batch *batch, struct error *err)
{
	int failed;

	if (!batch->log)
		return 0;
	failed = close_stream(batch->log) != 0;
	batch->log = NULL;
	if (failed)
		return error_set_errno(err, "unable to write the run log");
	snprintf(batch->summary->log_path, sizeof(batch->summary->log_path),
		 "out/reports/%s.log", batch->store.run_id);
	return move_log(batch, batch->log_relative, "", err);
}

static void discard_run_log(struct batch *batch)
{
	char path[PATH_MAX];

	if (batch->log)
		fclose(batch->log);
	batch->log = NULL;
	/* a log with nothing to say is not kept; one of a failed run is, for the next */
	if (batch->log_relative[0] && !batch->summary->log_path[0] &&
	    (batch->run_completed || batch->run_refused))
		unlink(store_path(&batch->store, batch->log_relative, path, sizeof(path)));
}

/* The run report: out/reports/<run>.xml and, by xslt/report.xsl, .html. */
static int write_report(struct batch *batch, struct error *err)
{
	char date[11], xml_path[PATH_MAX], html_path[PATH_MAX];
	double seconds = difftime(time(NULL), batch->started);
	xmlDocPtr report;
	xmlChar *html = NULL;
	int size = 0, result = -1;

	date_format(batch->options->date, date);
	report = statistics_report(&batch->statistics, batch->summary, &batch->policy, date,
				   seconds);
	/* the whole society as the run leaves it: what it changed committed
	 * first, so that the store is read as it is (society.h) */
	if (commit_group(batch, err) < 0 ||
	    society_report(xmlDocGetRootElement(report), &batch->store, &batch->noted_heads,
			   &batch->policy, batch->options->date, err) < 0)
		goto out;
	snprintf(xml_path, sizeof(xml_path), "out/reports/%s.xml", batch->store.run_id);
	snprintf(html_path, sizeof(html_path), "out/reports/%s.html", batch->store.run_id);
	if (prepare_group_for(batch, err) < 0 ||
	    put_document(batch, xml_path, report, err) < 0 ||
	    renderer_apply(batch->renderer, "report.xsl", report, NULL, &html, &size, err) < 0 ||
	    transaction_put(&batch->transaction, html_path, html, (size_t)size, err) < 0)
		goto out;
	snprintf(batch->summary->report_path, sizeof(batch->summary->report_path), "%s",
		 html_path);
	result = 0;
out:
	xmlFree(html);
	xmlFreeDoc(report);
	return result;
}

static int did_anything(const struct batch *batch)
{
	const struct run_summary *summary = batch->summary;

	return batch->transaction_open || summary->packages || summary->records ||
	       summary->quarantined || summary->notices || summary->recovered;
}

static int write_audit(struct batch *batch, struct error *err)
{
	if (batch->audit)
		return audit_finish(batch->audit, batch->summary->audit_path,
				    sizeof(batch->summary->audit_path), err);
	batch->audit_facts.bagged = time(NULL);
	return audit_write(&batch->store, &batch->audit_facts, batch->summary->audit_path,
			   sizeof(batch->summary->audit_path), err);
}

/* Run dates move one way (operations.md): a run dated before the last
 * completed one is refused before it changes anything. */
static int check_run_date(struct batch *batch, struct error *err)
{
	char date[11], last_text[11];
	day_t last;
	int found = run_date_read(&batch->store, NULL, &last, err);

	if (found < 0)
		return EXIT_IO;
	if (!found || batch->options->date >= last)
		return EXIT_OK;
	batch->run_refused = 1;
	date_format(batch->options->date, date);
	date_format(last, last_text);
	error_set(err, "the run's date %s is earlier than %s, the date of the last completed "
		  "run: deadlines, publicity and expiry need run dates that never go back",
		  date, last_text);
	return EXIT_USAGE;
}

/* The last transaction of a completed run records its date: the last group
 * when the run changed anything (its journal puts the run in the archive),
 * else a transaction of its own with no journal, so that a run that found
 * nothing to do still leaves no archive. */
static int record_run_date(struct batch *batch, struct error *err)
{
	struct transaction transaction;
	day_t last;
	int found;

	if (batch->transaction_open)
		return run_date_record(&batch->transaction, batch->options->date, err);
	found = run_date_read(&batch->store, NULL, &last, err);
	if (found < 0)
		return -1;
	if (found && last == batch->options->date)
		return 0;
	if (transaction_begin(&batch->store, &transaction, err) < 0)
		return -1;
	transaction.keep_journal = 0;
	if (run_date_record(&transaction, batch->options->date, err) < 0) {
		transaction_abort(&transaction);
		return -1;
	}
	return transaction_commit(&transaction, err);
}

/* The most the intake limits let the run read of any input: a package's
 * archive bytes or a record's XML bytes. */
static size_t max_input_bytes(const struct policy *policy)
{
	const struct package_limits *limits = &policy->package_limits;

	return limits->max_archive_bytes > limits->max_xml_bytes ? limits->max_archive_bytes :
								   limits->max_xml_bytes;
}

/* Returns an exit code: a failure to load the policy or the data files is
 * the configuration's, any other the file system's. */
static int run_batch(struct batch *batch, struct error *err)
{
	struct intake_counts counts;
	char dropbox[PATH_MAX], date[11];
	int recovered, upgraded, result = EXIT_IO;

	recovered = store_recover(&batch->store, err);
	if (recovered < 0)
		return EXIT_IO;
	/* A state written by an earlier ecap is brought to this layout first,
	 * before anything reads it. */
	if (upgrade_store(&batch->store, &upgraded, err) < 0)
		return EXIT_IO;
	result = check_run_date(batch, err);
	if (result != EXIT_OK)
		return result;
	result = EXIT_IO;
	if (load_run_resources(batch, err) < 0)
		return EXIT_CONFIG;
	batch->summary->recovered = (size_t)recovered;
	/* the chain is checked before anything is done: a recorded last archive
	 * missing or changed stops the run here, not after its work */
	if (audit_find_anchor(&batch->store, &batch->audit_anchor, err) < 0)
		return EXIT_IO;
	batch->audit_facts = (struct audit_facts){ batch->store.run_id,
						   batch->policy.society_name,
						   batch->options->date, 0, &batch->audit_anchor,
						   max_input_bytes(&batch->policy) };
	snprintf(batch->summary->run_id, sizeof(batch->summary->run_id), "%s", batch->store.run_id);
	date_format(batch->options->date, date);
	batch->summary->calendar_covered = calendar_covers(&batch->policy.calendar,
							   batch->options->date);
	log_line(batch, "run %s dated %s over %s", batch->store.run_id, date, batch->store.root);
	if (!batch->summary->calendar_covered)
		log_line(batch, "the policy calendar does not cover %d: working days count "
			 "weekends only", date_year(batch->options->date));
	if (policy_placeholders(&batch->policy, batch->summary->placeholders,
				sizeof(batch->summary->placeholders))[0])
		log_line(batch, "warning: the policy still holds placeholders of the default policy "
			 "(%s): letters name them; edit policy.xml", batch->summary->placeholders);
	if (recovered > 0)
		log_line(batch, "finished %d transactions of an interrupted run", recovered);
	if (upgraded > 0)
		log_line(batch, "upgraded the state directory to layout version %d",
			 upgrade_current_version());
	if (move_orphan_logs(batch, err) < 0)
		return EXIT_IO;
	batch->intake_time = time(NULL);
	if (intake_count(store_path(&batch->store, "dropbox", dropbox, sizeof(dropbox)),
			 batch->policy.settle_seconds, batch->intake_time, &counts, err) < 0)
		return EXIT_IO;
	batch->summary->waiting = counts.waiting;
	batch->inputs_total = counts.ready[INPUT_RECORD] + counts.ready[INPUT_SPECIAL] +
			      counts.ready[INPUT_PACKAGE];
	if (take_inputs(batch, INPUT_RECORD, err) < 0 ||
	    take_inputs(batch, INPUT_SPECIAL, err) < 0 ||
	    take_inputs(batch, INPUT_PACKAGE, err) < 0 ||
	    (report_progress(batch, "deadlines"), sweep_wakeups(batch, err)) < 0 ||
	    sweep_expiries(batch, err) < 0 || sweep_reminders(batch, err) < 0 ||
	    /* the last PDF is queued: the typesetting threads go, with their
	     * fonts, before the register is signed and written */
	    render_queue_retire(batch->renders, err) < 0 ||
	    publish_run(batch, err) < 0 ||
	    publish_register(batch, err) < 0)
		goto out;
	report_progress(batch, "archive");
	if (did_anything(batch) && (write_report(batch, err) < 0 || write_run_log(batch, err) < 0))
		goto out;
	if (record_run_date(batch, err) < 0 || commit_group(batch, err) < 0 ||
	    write_audit(batch, err) < 0)
		goto out;
	batch->run_completed = 1;
	result = EXIT_OK;
out:
	return result;
}

static void release_batch(struct batch *batch)
{
	render_queue_free(batch->renders);
	if (batch->transaction_open)
		transaction_abort(&batch->transaction);
	audit_release(batch->audit);
	forget_group(batch);
	free(batch->group_digests);
	discard_run_log(batch);
	signing_release(batch);
	statistics_release(&batch->statistics);
	noted_heads_release(&batch->noted_heads);
	renderer_free(batch->renderer);
	schema_free(batch->record_schema);
	schema_free(batch->application_schema);
	schema_free(batch->policy_schema);
	if (batch->policy_loaded)
		policy_release(&batch->policy);
	free(batch->seal_uri);
	store_close(&batch->store);
}

int driver_run(const struct run_options *options, struct run_summary *summary,
	       struct error *err)
{
	struct batch batch;
	int lock = -1, opened, result = EXIT_NO_INPUT;

	memset(&batch, 0, sizeof(batch));
	memset(summary, 0, sizeof(*summary));
	batch.options = options;
	batch.summary = summary;
	batch.store.root_fd = -1;
	batch.group_limit = group_limit_from_environment();
	batch.started = time(NULL);
	statistics_init(&batch.statistics);
	opened = store_open(&batch.store, options->state_dir, err);
	if (opened < 0) {
		result = opened == STORE_UNREADABLE ? EXIT_IO : EXIT_NO_INPUT;
		goto out;
	}
	lock = lock_acquire(batch.store.root, err);
	if (lock < 0) {
		/* only another run is "in use": any other failure is the system's */
		result = lock == LOCK_BUSY ? EXIT_LOCKED : EXIT_IO;
		lock = -1;
		goto out;
	}
	result = EXIT_IO;
	if (open_run_log(&batch, err) < 0)
		goto out;
	result = run_batch(&batch, err);
out:
	release_batch(&batch);
	lock_release(lock);
	return result;
}
