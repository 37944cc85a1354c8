/* sweeps.c - the run's sweeps of what came due without an input: periods
 * that ended before the run's date (a returned application's or a
 * supplement request's deadline, the end of publicity), named by the
 * wake-up markers consequences.c keeps, certificates that expired, and the
 * reminders before expiry (再注册提醒, R9). */
#include "sweeps.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "consequences.h"
#include "directory.h"
#include "publish.h"

static int wake_up(struct batch *batch, const char *marker_name, struct error *err)
{
	char date_text[16], id[128], period[16];
	const char *separator = strchr(marker_name, '_');
	struct dossier dossier;
	day_t date;
	int result = -1, exists;

	if (!separator || separator - marker_name != 10)
		return 0;
	snprintf(date_text, sizeof(date_text), "%.10s", marker_name);
	snprintf(id, sizeof(id), "%s", separator + 1);
	if (date_parse(date_text, &date) < 0 || date >= batch->options->date || !id_is_safe(id))
		return 0;
	if (prepare_group_for(batch, err) < 0)
		return -1;
	exists = open_dossier(batch, id, 0, &dossier, err);
	if (exists <= 0) {
		char marker[PATH_MAX];

		/* a marker without its dossier: nothing to wake */
		wakeup_marker(date_text, id, marker, sizeof(marker));
		result = exists < 0 ? -1 : transaction_remove(&batch->transaction, marker, err);
		goto out;
	}
	period_end(&dossier, period, sizeof(period));
	result = settle_dossier(batch, &dossier, err);
	/* a marker for another day than the dossier's period (one an upgrade
	 * wrote to wake it at once) is not removed by settle_dossier */
	if (result == 0 && strcmp(period, date_text) != 0) {
		char marker[PATH_MAX];

		wakeup_marker(date_text, id, marker, sizeof(marker));
		result = transaction_remove(&batch->transaction, marker, err);
	}
out:
	dossier_release(&dossier);
	return result;
}

/* Periods that ended before the run's date: returns expire, publicity ends. */
int sweep_wakeups(struct batch *batch, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list markers;
	int result;

	/* the markers are listed from disk: commit what the inputs changed first */
	if (commit_group(batch, err) < 0)
		return -1;
	result = directory_list(store_path(&batch->store, "store/wakeups", directory,
					   sizeof(directory)), "", &markers, err);
	/* a woken dossier's filing reads the state only through store_locate,
	 * store_exists and store_read_small: a full group commits behind the
	 * next, with workers, as while inputs are taken */
	batch->commit_behind = batch->options->jobs > 1;
	for (size_t i = 0; i < markers.count && result == 0; i++)
		result = wake_up(batch, markers.names[i], err);
	batch->commit_behind = 0;
	name_list_release(&markers);
	if (store_settle(&batch->store, err) < 0)
		result = -1;
	return result;
}

static int publish_expiry(void *context, xmlDocPtr change, struct error *err)
{
	return publish_register_change(context, change, err);
}

int sweep_expiries(struct batch *batch, struct error *err)
{
	if (prepare_group_for(batch, err) < 0)
		return -1;
	return register_expire(&batch->register_store, batch->options->date, publish_expiry, batch,
			       err);
}

static int publish_reminder(void *context, xmlDocPtr reminder, struct error *err)
{
	return publish_reminder_letter(context, reminder, err);
}

int sweep_reminders(struct batch *batch, struct error *err)
{
	if (prepare_group_for(batch, err) < 0)
		return -1;
	return register_remind(&batch->register_store, batch->options->date,
			       batch->policy.reminder_months, publish_reminder, batch, err);
}

/* ---- the run ---- */
