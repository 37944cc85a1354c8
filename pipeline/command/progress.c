/* progress.c - the progress bar and its plain-text twin; see progress.h. */
#include "progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

void progress_init(struct progress *progress, FILE *out)
{
	memset(progress, 0, sizeof(*progress));
	progress->out = out;
	progress->terminal = isatty(fileno(out));
	progress->started = now_seconds();
}

static const char *stage_name(const char *stage)
{
	if (strcmp(stage, "records") == 0)
		return "记录 records";
	if (strcmp(stage, "packages") == 0)
		return "材料包 packages";
	if (strcmp(stage, "deadlines") == 0)
		return "期限 deadlines";
	if (strcmp(stage, "archive") == 0)
		return "归档 archive";
	return stage;
}

static void format_duration(double seconds, char *out, size_t size)
{
	long whole = seconds < 0 ? 0 : (long)(seconds + 0.5);

	snprintf(out, size, "%ld:%02ld", whole / 60, whole % 60);
}

void progress_update(void *context, size_t done, size_t total, const char *stage)
{
	struct progress *progress = context;
	double now = now_seconds(), elapsed = now - progress->started;
	double rate = elapsed > 0 ? (double)done / elapsed : 0;
	char left[16] = "-:--";
	int width = 30, filled = total ? (int)((double)width * (double)done / (double)total) : 0;

	/* a terminal is redrawn ten times a second at most; a log gets a line
	 * every ten seconds */
	if (now - progress->last_shown < (progress->terminal ? 0.1 : 10.0) && done != total &&
	    strcmp(stage, "archive") != 0)
		return;
	progress->last_shown = now;
	if (rate > 0 && total >= done)
		format_duration((double)(total - done) / rate, left, sizeof(left));
	if (!progress->terminal) {
		fprintf(progress->out, "ecap: %zu of %zu inputs, %s, %.0f/s\n", done, total,
			stage_name(stage), rate);
		return;
	}
	fputs("\r[", progress->out);
	for (int i = 0; i < width; i++)
		fputc(i < filled ? '#' : '-', progress->out);
	fprintf(progress->out, "] %zu/%zu %s  %.0f/s  %s left\033[K", done, total,
		stage_name(stage), rate, left);
	fflush(progress->out);
	progress->shown = 1;
}

void progress_finish(struct progress *progress)
{
	if (progress->terminal && progress->shown)
		fputs("\r\033[K", progress->out);
	fflush(progress->out);
}
