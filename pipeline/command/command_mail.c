/* command_mail.c - `ecap mail DIR [--dry-run] [--timeout SECONDS]`: hands every letter's message
 * not yet sent to the policy's sendmail, and records each as sent.
 *
 * ecap speaks no SMTP and holds no mail password: the machine's own mail
 * system (Postfix, Exim, msmtp...) does, through its sendmail program, run
 * as `SENDMAIL -i -t` without a shell, the message on its standard input.
 *
 * A message counts as sent once sendmail exits 0, and is then recorded in
 * the store (store/mail-sent/<folder>/<NN>-<kind>), one transaction per
 * message, under the state's lock. A message is never recorded before
 * sendmail accepted it, so none is lost; one recorded is never handed over
 * again. The one window left is between sendmail's exit and the commit of
 * the record: killed there, the next `ecap mail` hands that message over a
 * second time (with the same Message-ID, by which mail clients recognize a
 * copy). sendmail is started with a parent-death signal, so that killing
 * `ecap mail` while sendmail still reads the message ends it too, and the
 * half-read message is not sent behind the record's back.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "commands.h"
#include "directory.h"
#include "exits.h"
#include "lock.h"
#include "mail.h"
#include "name.h"
#include "paths.h"
#include "policy.h"
#include "store.h"
#include "xml.h"

static const char usage[] = "usage: ecap mail DIR [--dry-run] [--timeout SECONDS]\n";

/* How long one sendmail may take before it is stopped, unless --timeout
 * says otherwise: long enough for a relay that is slow to answer. */
#define DEFAULT_TIMEOUT_SECONDS 120

struct mail_counts {
	size_t sent, already_sent, without_address, failed;
};

struct mailer {
	struct store store;
	struct policy policy;
	int dry_run;
	int timeout;			/* seconds one sendmail may take */
	struct mail_counts counts;
};

/* What sendmail did with one message. */
struct handover {
	int status;			/* exit status; -1 when it could not run or was killed */
	char first_line[256];		/* of its stderr, or why it could not run */
};

static int exists(const struct store *store, const char *relative)
{
	char path[PATH_MAX];
	struct stat info;

	return stat(store_path(store, relative, path, sizeof(path)), &info) == 0;
}

/* The To: line of a message file, for the report ("" if none). */
static void message_recipient(const char *path, char *out, size_t size)
{
	char line[1024];
	FILE *file = fopen(path, "r");

	out[0] = '\0';
	if (!file)
		return;
	while (fgets(line, sizeof(line), file) && line[0] != '\n') {
		if (strncmp(line, "To: ", 4) == 0) {
			const char *start = strrchr(line, '<');

			start = start ? start + 1 : line + 4;
			snprintf(out, size, "%.*s", (int)strcspn(start, ">\r\n"), start);
			break;
		}
	}
	fclose(file);
}

/* Milliseconds left until deadline (a CLOCK_MONOTONIC time), at least 0. */
static int milliseconds_left(const struct timespec *deadline)
{
	struct timespec now;
	long long left;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	       (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return left < 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

/* Keeps the first non-empty line of what the child wrote to its stderr. */
static void keep_first_line(const char *bytes, ssize_t got, char *out, size_t size, size_t *used)
{
	for (ssize_t i = 0; i < got && *used + 1 < size; i++) {
		if (bytes[i] == '\n' || bytes[i] == '\r') {
			if (*used > 0)
				*used = size;	/* the first line is complete */
			continue;
		}
		out[(*used)++] = bytes[i];
		out[*used] = '\0';
	}
}

/* How the wait for sendmail ended. */
enum child_wait { CHILD_EXITED, CHILD_TIMED_OUT, CHILD_UNWATCHABLE };

/* Waits for the child to exit (its waitpid status in *status), keeping the
 * first non-empty line of what it writes to its stderr (error_fd)
 * meanwhile; or until the deadline; or fails to watch it at all (errno
 * says why). The exit is watched, not the pipe's end: a sendmail that
 * leaves a daemon behind holding its stderr has still finished. */
static enum child_wait wait_for_child(pid_t child, int error_fd, char *out, size_t size,
				      const struct timespec *deadline, int *status)
{
	int exit_fd = pidfd_open(child, 0), saved;
	enum child_wait result = CHILD_TIMED_OUT;
	char buffer[4096];
	size_t used = 0;

	out[0] = '\0';
	if (exit_fd < 0)
		return CHILD_UNWATCHABLE;
	for (;;) {
		struct pollfd ready[2] = { { .fd = exit_fd, .events = POLLIN },
					   { .fd = error_fd, .events = POLLIN } };
		int polled = poll(ready, error_fd >= 0 ? 2 : 1, milliseconds_left(deadline));

		if (polled < 0 && errno == EINTR)
			continue;
		if (polled < 0)
			result = CHILD_UNWATCHABLE;
		if (polled <= 0)
			break;
		if (error_fd >= 0 && ready[1].revents) {
			ssize_t got = read(error_fd, buffer, sizeof(buffer));

			if (got > 0)
				keep_first_line(buffer, got, out, size, &used);
			else if (got == 0 || errno != EINTR)
				error_fd = -1;	/* at its end: only the exit is left */
		}
		if (ready[0].revents && waitpid(child, status, WNOHANG) == child) {
			result = CHILD_EXITED;
			break;
		}
	}
	saved = errno;
	close(exit_fd);
	errno = saved;
	return result;
}

/* The child: the message on stdin, stdout to /dev/null, stderr to the pipe. */
static void exec_sendmail(const char *sendmail, int message_fd, int error_fd, pid_t parent)
{
	char *const argv[] = { (char *)sendmail, (char *)"-i", (char *)"-t", NULL };
	int null_fd = open("/dev/null", O_WRONLY);

	/* killed with ecap, it must not finish a message ecap will not record */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	if (dup2(message_fd, 0) < 0 || dup2(null_fd < 0 ? error_fd : null_fd, 1) < 0 ||
	    dup2(error_fd, 2) < 0)
		_exit(127);
	execv(sendmail, argv);
	dprintf(2, "cannot run %s: %s\n", sendmail, strerror(errno));
	_exit(127);
}

/* Runs sendmail on one message, for at most timeout seconds: one that has
 * not exited by then is killed, and the message counts as not sent (a
 * sendmail that hangs on an unreachable relay must not hold up cron's
 * `ecap mail` and every message after it). */
static void hand_over(const char *sendmail, const char *message_path, int timeout,
		      struct handover *result)
{
	int message_fd = open(message_path, O_RDONLY | O_CLOEXEC);
	int pipe_fds[2] = { -1, -1 }, status = -1;
	pid_t parent = getpid(), child = -1;
	struct timespec deadline;
	enum child_wait waited;

	result->status = -1;
	result->first_line[0] = '\0';
	if (message_fd < 0) {
		snprintf(result->first_line, sizeof(result->first_line), "cannot open %s: %s",
			 message_path, strerror(errno));
		return;
	}
	if (pipe2(pipe_fds, O_CLOEXEC) < 0 || (child = fork()) < 0) {
		snprintf(result->first_line, sizeof(result->first_line), "cannot start %s: %s",
			 sendmail, strerror(errno));
		goto out;
	}
	if (child == 0)
		exec_sendmail(sendmail, message_fd, pipe_fds[1], parent);
	close(pipe_fds[1]);
	pipe_fds[1] = -1;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout;
	waited = wait_for_child(child, pipe_fds[0], result->first_line,
				sizeof(result->first_line), &deadline, &status);
	if (waited != CHILD_EXITED) {
		int why = errno;

		kill(child, SIGKILL);
		while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
			;
		if (waited == CHILD_TIMED_OUT)
			snprintf(result->first_line, sizeof(result->first_line),
				 "%s did not finish within %d seconds and was stopped (--timeout)",
				 sendmail, timeout);
		else
			snprintf(result->first_line, sizeof(result->first_line),
				 "cannot wait for %s: %s; it was stopped", sendmail, strerror(why));
	} else if (WIFEXITED(status)) {
		result->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		snprintf(result->first_line, sizeof(result->first_line), "killed by signal %d",
			 WTERMSIG(status));
	}
out:
	close(message_fd);
	if (pipe_fds[0] >= 0)
		close(pipe_fds[0]);
	if (pipe_fds[1] >= 0)
		close(pipe_fds[1]);
}

/* The record that the message is sent: its own transaction, committed
 * (synced, renamed) before the next message is handed over. */
static int record_sent(struct mailer *mailer, const char *marker, const char *recipient,
		       struct error *err)
{
	struct transaction transaction;
	char line[512], now[32];

	datetime_now(now, sizeof(now));
	snprintf(line, sizeof(line), "sent %s to %s\n", now, recipient);
	if (transaction_begin(&mailer->store, &transaction, err) < 0)
		return -1;
	transaction.keep_journal = 0;
	if (transaction_put(&transaction, marker, line, strlen(line), err) < 0) {
		transaction_abort(&transaction);
		return -1;
	}
	return transaction_commit(&transaction, err);
}

/* One letter, out/notices/<folder>/<letter>.txt: its message sent,
 * already sent, or none. */
static int mail_letter(struct mailer *mailer, const char *folder, const char *letter,
		       struct error *err)
{
	char message[PATH_MAX], marker[PATH_MAX], path[PATH_MAX], recipient[320];
	struct handover handover;

	snprintf(message, sizeof(message), MAIL_DIRECTORY "/%s/%s.eml", folder, letter);
	snprintf(marker, sizeof(marker), MAIL_SENT_DIRECTORY "/%s/%s", folder, letter);
	if (!exists(&mailer->store, message)) {
		snprintf(path, sizeof(path), MAIL_DIRECTORY "/%s/%s" MAIL_NO_ADDRESS, folder,
			 letter);
		mailer->counts.without_address++;
		if (exists(&mailer->store, path))
			printf("no address  %s/%s: no message (no e-mail address): post the "
			       "letter\n", folder, letter);
		else
			printf("no message  %s/%s: written before ecap wrote messages, or under "
			       "a policy without <mail>: post the letter\n", folder, letter);
		return 0;
	}
	if (exists(&mailer->store, marker)) {
		mailer->counts.already_sent++;
		return 0;
	}
	store_path(&mailer->store, message, path, sizeof(path));
	message_recipient(path, recipient, sizeof(recipient));
	if (mailer->dry_run) {
		mailer->counts.sent++;
		printf("would send  %s/%s to %s\n", folder, letter, recipient);
		return 0;
	}
	hand_over(mailer->policy.sendmail, path, mailer->timeout, &handover);
	if (handover.status != 0) {
		mailer->counts.failed++;
		if (handover.status > 0)
			printf("failed      %s/%s to %s: %s exited %d%s%s\n", folder, letter,
			       recipient, mailer->policy.sendmail, handover.status,
			       handover.first_line[0] ? ": " : "", handover.first_line);
		else
			printf("failed      %s/%s to %s: %s\n", folder, letter, recipient,
			       handover.first_line);
		return 0;
	}
	if (record_sent(mailer, marker, recipient, err) < 0)
		return -1;
	mailer->counts.sent++;
	printf("sent        %s/%s to %s\n", folder, letter, recipient);
	return 0;
}

/* Every letter of one folder (an application id or a registration number). */
static int mail_folder(struct mailer *mailer, const char *folder, struct error *err)
{
	char directory[PATH_MAX], relative[PATH_MAX];
	struct name_list letters = { NULL, 0 };
	int result = 0;

	if (!name_is_plain(folder) || strchr(folder, '.'))
		return 0;
	snprintf(relative, sizeof(relative), "out/notices/%s", folder);
	if (directory_list(store_path(&mailer->store, relative, directory, sizeof(directory)),
			   ".txt", &letters, err) < 0)
		return -1;
	for (size_t i = 0; i < letters.count && result == 0; i++) {
		letters.names[i][strlen(letters.names[i]) - 4] = '\0';
		if (name_is_plain(letters.names[i]))
			result = mail_letter(mailer, folder, letters.names[i], err);
	}
	name_list_release(&letters);
	return result;
}

static int mail_everything(struct mailer *mailer, struct error *err)
{
	char directory[PATH_MAX];
	struct name_list folders = { NULL, 0 };
	int result = 0;

	if (!exists(&mailer->store, "out/notices"))
		return 0;
	if (directory_list(store_path(&mailer->store, "out/notices", directory,
				      sizeof(directory)), "", &folders, err) < 0)
		return -1;
	for (size_t i = 0; i < folders.count && result == 0; i++)
		result = mail_folder(mailer, folders.names[i], err);
	name_list_release(&folders);
	return result;
}

static int load_policy(struct mailer *mailer, struct error *err)
{
	char schema_path[PATH_MAX], policy_path[PATH_MAX];
	struct schema *schema = schema_load(paths_schema("policy.xsd", schema_path,
							 sizeof(schema_path)), err);
	int result;

	if (!schema)
		return -1;
	result = policy_load(&mailer->policy, store_path(&mailer->store, "policy.xml", policy_path,
							  sizeof(policy_path)), schema, err);
	schema_free(schema);
	return result;
}

static int mail_state(const char *state_dir, int dry_run, int timeout, struct error *err)
{
	struct mailer mailer = { .dry_run = dry_run, .timeout = timeout };
	int opened, lock = -1, code = EXIT_IO, policy_loaded = 0;

	mailer.store.root_fd = -1;
	opened = store_open(&mailer.store, state_dir, err);
	if (opened < 0)
		return opened == STORE_UNREADABLE ? EXIT_IO : EXIT_NO_INPUT;
	lock = lock_acquire(mailer.store.root, err);
	if (lock < 0) {
		code = lock == LOCK_BUSY ? EXIT_LOCKED : EXIT_IO;
		lock = -1;
		goto out;
	}
	/* a record committed by a killed `ecap mail` (or run) is applied first */
	if (store_recover(&mailer.store, err) < 0)
		goto out;
	if (load_policy(&mailer, err) < 0) {
		code = EXIT_CONFIG;
		goto out;
	}
	policy_loaded = 1;
	if (mail_everything(&mailer, err) < 0)
		goto out;
	printf("mail: %zu %s, %zu sent before, %zu letters without a message, %zu failed\n",
	       mailer.counts.sent,
	       dry_run ? "to send (dry run)" : "sent", mailer.counts.already_sent,
	       mailer.counts.without_address, mailer.counts.failed);
	code = mailer.counts.failed ? 1 : EXIT_OK;
out:
	if (policy_loaded)
		policy_release(&mailer.policy);
	if (lock >= 0)
		lock_release(lock);
	store_close(&mailer.store);
	return code;
}

int command_mail(int argc, char **argv)
{
	const char *state_dir = NULL;
	struct error err = { "" };
	int dry_run = 0, timeout = DEFAULT_TIMEOUT_SECONDS, code;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			dry_run = 1;
		} else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			char *end;
			long seconds = strtol(argv[++i], &end, 10);

			if (*end || end == argv[i] || seconds < 1 || seconds > 86400) {
				fprintf(stderr, "ecap: --timeout wants whole seconds from 1 to "
					"86400, not '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
			timeout = (int)seconds;
		} else if (strcmp(argv[i], "--help") == 0) {
			return fputs(usage, stdout), EXIT_OK;
		} else if (argv[i][0] != '-' && !state_dir) {
			state_dir = argv[i];
		} else {
			return fputs(usage, stderr), EXIT_USAGE;
		}
	}
	if (!state_dir)
		return fputs(usage, stderr), EXIT_USAGE;
	code = mail_state(state_dir, dry_run, timeout, &err);
	if (code != EXIT_OK && code != 1)
		return report_failure(code, err.message);
	return code;
}
