/* typesetter.c - PDFs typeset in a process of their own: the worker's side
 * (start, ask, stop) and the process's (serve); see typesetter.h.
 *
 * What crosses the socket, in the byte order of the machine (both ends are
 * the same executable):
 *   request: struct request_head, then the title, the date and the body
 *            (a letter document as XML, or a certificate's SVG);
 *   answer:  struct answer_head, then the PDF, or the error's message.
 * A title or date sent as size 0 is none (NULL); any other size is its
 * length plus one, its NUL not sent. */
#include "typesetter.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pdf.h"
#include "xml.h"

extern char **environ;

#define TYPESETTER_MAGIC 0x65637470u	/* "ectp" */
/* Far above any letter document, SVG or PDF (tens of kilobytes): a size
 * beyond it is a request or answer gone wrong, not a document. */
#define TYPESETTER_MAX_BODY ((uint64_t)256 << 20)
#define TYPESETTER_MAX_TEXT 4096	/* a title or a date */

enum typesetter_source { SOURCE_LETTER = 1, SOURCE_SVG = 2 };

struct request_head {
	uint32_t magic;
	uint32_t source;		/* enum typesetter_source */
	uint32_t title_size, date_size;	/* 0: none; else length + 1 */
	uint64_t body_size;
};

struct answer_head {
	uint32_t magic;
	uint32_t failed;		/* the body is the error's message */
	uint64_t size;
};

struct typesetter {
	pid_t pid;			/* 0: not running */
	int socket;			/* to the process; -1 when not running */
	char *program;
	int answer_seconds;		/* how long a document may take */
};

/* Every byte of the parts sent, in one call where the socket takes them
 * (so that the other end wakes once for a request, not once for each of
 * its parts); MSG_NOSIGNAL: a process that has ended makes this fail with
 * EPIPE rather than kill the run with SIGPIPE. The parts are used up. */
static int send_parts(int socket, struct iovec *parts, int count)
{
	size_t left = 0;

	for (;;) {
		struct msghdr message = { 0 };
		ssize_t sent;

		/* past what was sent, and past the empty parts */
		while (count > 0 && left >= parts->iov_len) {
			left -= parts->iov_len;
			parts++;
			count--;
		}
		if (count == 0)
			return 0;
		parts->iov_base = (char *)parts->iov_base + left;
		parts->iov_len -= left;
		message.msg_iov = parts;
		message.msg_iovlen = (size_t)count;
		sent = sendmsg(socket, &message, MSG_NOSIGNAL);
		if (sent < 0 && errno == EINTR)
			sent = 0;
		else if (sent <= 0)
			return -1;
		left = (size_t)sent;
	}
}

/* All of bytes[0..size) received: 1, or 0 at the end of the stream before
 * the first byte, or -1 (an error, or the end in the middle). */
static int receive_all(int socket, void *bytes, size_t size)
{
	char *next = bytes;
	size_t got = 0;

	while (got < size) {
		ssize_t read_now = recv(socket, next + got, size - got, 0);

		if (read_now < 0 && errno == EINTR)
			continue;
		if (read_now <= 0)
			return read_now == 0 && got == 0 ? 0 : -1;
		got += (size_t)read_now;
	}
	return 1;
}

/* A text of `size` as sent (0: none): read into a string of its own. */
static int receive_text(int socket, uint32_t size, char **text)
{
	*text = NULL;
	if (size == 0)
		return 0;
	if (size > TYPESETTER_MAX_TEXT || !(*text = malloc(size)))
		return -1;
	(*text)[size - 1] = '\0';
	return receive_all(socket, *text, size - 1) == 1 ? 0 : -1;
}

static uint32_t text_size(const char *text)
{
	return text ? (uint32_t)strlen(text) + 1 : 0;
}

/* --- the worker's side --------------------------------------------------- */

const char *typesetter_own_program(char *path, size_t size)
{
	struct stat running, named;
	ssize_t length = readlink("/proc/self/exe", path, size - 1);

	if (length <= 0 || (size_t)length >= size - 1)
		return "/proc/self/exe";
	path[length] = '\0';
	/* the same file: /proc/self/exe, which stays this executable even if
	 * an upgrade replaces or removes the file during the run */
	if (stat("/proc/self/exe", &running) < 0 || stat(path, &named) < 0 ||
	    (running.st_dev == named.st_dev && running.st_ino == named.st_ino))
		return "/proc/self/exe";
	/* not: the process runs under an emulator such as valgrind, whose own
	 * program /proc/self/exe is, and which names ecap for readlink */
	return path;
}

struct typesetter *typesetter_new(const char *program, int answer_seconds)
{
	struct typesetter *typesetter = calloc(1, sizeof(*typesetter));

	if (!typesetter)
		return NULL;
	typesetter->socket = -1;
	typesetter->answer_seconds = answer_seconds;
	typesetter->program = strdup(program);
	if (!typesetter->program) {
		free(typesetter);
		return NULL;
	}
	return typesetter;
}

long typesetter_pid(const struct typesetter *typesetter)
{
	return typesetter->pid;
}

/* The socket closed and the process waited for; *status its wait status
 * (0 when none was running). */
static void stop_process(struct typesetter *typesetter, int *status)
{
	*status = 0;
	if (typesetter->socket >= 0)
		close(typesetter->socket);
	typesetter->socket = -1;
	if (typesetter->pid > 0)
		while (waitpid(typesetter->pid, status, 0) < 0 && errno == EINTR)
			;
	typesetter->pid = 0;
}

void typesetter_free(struct typesetter *typesetter)
{
	int status;

	if (!typesetter)
		return;
	stop_process(typesetter, &status);
	free(typesetter->program);
	free(typesetter);
}

/* `program typeset` started on one end of a new socket pair. Its signals'
 * dispositions and mask are the defaults, whatever the worker's thread has;
 * it inherits no descriptor of the run but the socket and standard error. */
static int start_process(struct typesetter *typesetter, struct error *err)
{
	char *const argv[] = { (char *)"ecap", (char *)"typeset", NULL };
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attributes;
	sigset_t none, defaults;
	int pair[2], result;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
		return error_set_errno(err, "unable to start a typesetting process");
	posix_spawn_file_actions_init(&actions);
	posix_spawnattr_init(&attributes);
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGHUP);
	posix_spawnattr_setsigmask(&attributes, &none);
	posix_spawnattr_setsigdefault(&attributes, &defaults);
	posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawn_file_actions_adddup2(&actions, pair[1], 0);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclosefrom_np(&actions, 3);
	result = posix_spawn(&typesetter->pid, typesetter->program, &actions, &attributes,
			     argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attributes);
	close(pair[1]);
	if (result != 0) {
		close(pair[0]);
		typesetter->pid = 0;
		errno = result;
		return error_set_errno(err, "unable to start the typesetting process '%s typeset'",
				       typesetter->program);
	}
	typesetter->socket = pair[0];
	/* a request the process does not take in time fails as an answer would */
	setsockopt(typesetter->socket, SOL_SOCKET, SO_SNDTIMEO,
		   &(struct timeval){ typesetter->answer_seconds, 0 }, sizeof(struct timeval));
	return 0;
}

/* What ended the process, for a message: "was killed by signal 6 (Aborted)". */
static void describe_end(int status, char *text, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(text, size, "was killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else if (WIFEXITED(status))
		snprintf(text, size, "ended with exit status %d", WEXITSTATUS(status));
	else
		snprintf(text, size, "ended");
}

/* Whether the process's answer begins within its time; one that does not
 * is killed (it hangs: the run must not). */
static int answer_in_time(struct typesetter *typesetter)
{
	struct pollfd answer = { typesetter->socket, POLLIN, 0 };
	int ready;

	while ((ready = poll(&answer, 1, typesetter->answer_seconds * 1000)) < 0 && errno == EINTR)
		;
	if (ready == 0)
		kill(typesetter->pid, SIGKILL);
	return ready != 0;
}

/* One request answered by the running process. 1 with the answer (*failed
 * set when it is an error's message), or 0 when the process ended first
 * (err says how; it has been waited for), or -1 with err otherwise (a
 * process that took too long has been killed and waited for). */
static int ask(struct typesetter *typesetter, const struct request_head *head,
	       const char *title, const char *date, const void *body,
	       unsigned char **answer, size_t *answer_size, int *failed, struct error *err)
{
	struct iovec request[] = {
		{ (void *)head, sizeof(*head) },
		{ (void *)title, head->title_size ? head->title_size - 1 : 0 },
		{ (void *)date, head->date_size ? head->date_size - 1 : 0 },
		{ (void *)body, head->body_size },
	};
	struct answer_head reply;
	char how[128];
	int status, in_time = 1;
	pid_t pid;

	if (send_parts(typesetter->socket, request, 4) < 0) {
		/* not taken in time (SO_SNDTIMEO): it hangs */
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			kill(typesetter->pid, SIGKILL);
			in_time = 0;
		}
		goto ended;
	}
	if (!(in_time = answer_in_time(typesetter)) ||
	    receive_all(typesetter->socket, &reply, sizeof(reply)) != 1)
		goto ended;
	if (reply.magic != TYPESETTER_MAGIC || reply.size > TYPESETTER_MAX_BODY) {
		/* what follows cannot be read as the next answer either */
		stop_process(typesetter, &status);
		return error_set(err, "the typesetting process answered something that is not "
				 "a PDF");
	}
	*answer = malloc(reply.size + 1);
	if (!*answer)
		return error_set(err, "out of memory");
	(*answer)[reply.size] = '\0';
	if (receive_all(typesetter->socket, *answer, reply.size) != 1) {
		free(*answer);
		*answer = NULL;
		goto ended;
	}
	*answer_size = reply.size;
	*failed = reply.failed != 0;
	return 1;
ended:
	pid = typesetter->pid;
	stop_process(typesetter, &status);
	if (!in_time)
		snprintf(how, sizeof(how), "did not answer within %d s and was stopped",
			 typesetter->answer_seconds);
	else
		describe_end(status, how, sizeof(how));
	if (title && title[0])
		error_set(err, "the typesetting process (pid %ld) %s while typesetting '%s'",
			  (long)pid, how, title);
	else
		error_set(err, "the typesetting process (pid %ld) %s", (long)pid, how);
	/* a document that hangs hangs again: not given to another process */
	return in_time ? 0 : -1;
}

/* The request typeset, in the running process or a new one, and once more
 * in a new one if that process ends while typesetting it. */
static int typeset(struct typesetter *typesetter, enum typesetter_source source,
		   const void *body, size_t body_size, const char *title, const char *date,
		   unsigned char **pdf, size_t *pdf_size, struct error *err)
{
	struct request_head head = { TYPESETTER_MAGIC, source, text_size(title), text_size(date),
				     body_size };
	unsigned char *answer = NULL;
	size_t answer_size = 0;
	int failed = 0, answered = 0;

	*pdf = NULL;
	*pdf_size = 0;
	if (head.title_size > TYPESETTER_MAX_TEXT || head.date_size > TYPESETTER_MAX_TEXT ||
	    body_size > TYPESETTER_MAX_BODY)
		return error_set(err, "a document of %zu bytes is too large to typeset", body_size);
	for (int attempt = 0; attempt < 2 && answered == 0; attempt++) {
		if (typesetter->pid == 0 && start_process(typesetter, err) < 0)
			return -1;
		answered = ask(typesetter, &head, title, date, body, &answer, &answer_size,
			       &failed, err);
	}
	if (answered <= 0)
		return -1;
	if (failed) {
		error_set(err, "%s", (const char *)answer);
		free(answer);
		return -1;
	}
	*pdf = answer;
	*pdf_size = answer_size;
	return 0;
}

int typesetter_letter(struct typesetter *typesetter, xmlDocPtr letter, const char *title,
		      const char *date, unsigned char **pdf, size_t *pdf_size,
		      struct error *err)
{
	xmlChar *bytes = NULL;
	int size = 0, result;

	*pdf = NULL;
	*pdf_size = 0;
	if (!letter)
		return error_set(err, "no letter document to typeset");
	/* unindented, so that no text node is added to the letter */
	xmlDocDumpMemoryEnc(letter, &bytes, &size, "UTF-8");
	if (!bytes)
		return error_set(err, "out of memory serializing a letter to typeset");
	result = typeset(typesetter, SOURCE_LETTER, bytes, (size_t)size, title, date, pdf,
			 pdf_size, err);
	xmlFree(bytes);
	return result;
}

int typesetter_svg(struct typesetter *typesetter, const char *svg, size_t size,
		   const char *title, const char *date, unsigned char **pdf, size_t *pdf_size,
		   struct error *err)
{
	return typeset(typesetter, SOURCE_SVG, svg, size, title, date, pdf, pdf_size, err);
}

/* --- the process's side -------------------------------------------------- */

/* The request's PDF made here, as the worker would have made it itself. */
static int typeset_here(const struct request_head *head, const char *title, const char *date,
			const char *body, unsigned char **pdf, size_t *pdf_size,
			struct error *err)
{
	static const struct xml_limits limits = { TYPESETTER_MAX_BODY, 256 };
	xmlDocPtr letter;
	int result;

	if (head->source == SOURCE_SVG)
		return pdf_from_svg(body, head->body_size, title, date, pdf, pdf_size, err);
	letter = xml_parse_untrusted(body, head->body_size, "the letter document", &limits,
				     NULL, 0, err);
	if (!letter)
		return -1;
	result = pdf_from_letter(letter, title, date, pdf, pdf_size, err);
	xmlFreeDoc(letter);
	return result;
}

/* The PDF, or the error's message, sent back. */
static int answer(int socket, int failed, const void *bytes, size_t size)
{
	struct answer_head head = { TYPESETTER_MAGIC, (uint32_t)failed, size };
	struct iovec parts[] = { { &head, sizeof(head) }, { (void *)bytes, size } };

	return send_parts(socket, parts, 2);
}

/* One request read and answered: 1, or 0 when the worker is gone (its
 * socket closed before or during the request, or before the answer: the
 * run has ended, or was killed), or -1 with err when what came is not a
 * request. */
static int serve_one(int socket, struct error *err)
{
	struct request_head head;
	char *title = NULL, *date = NULL, *body = NULL;
	unsigned char *pdf = NULL;
	size_t pdf_size = 0;
	struct error typesetting = { "" };
	int result = 0;

	if (receive_all(socket, &head, sizeof(head)) != 1)
		goto out;
	if (head.magic != TYPESETTER_MAGIC ||
	    (head.source != SOURCE_LETTER && head.source != SOURCE_SVG) ||
	    head.body_size > TYPESETTER_MAX_BODY || head.title_size > TYPESETTER_MAX_TEXT ||
	    head.date_size > TYPESETTER_MAX_TEXT) {
		result = error_set(err, "what came to typeset is not a request");
		goto out;
	}
	body = malloc(head.body_size + 1);
	if (!body) {
		result = error_set(err, "out of memory");
		goto out;
	}
	if (receive_text(socket, head.title_size, &title) < 0 ||
	    receive_text(socket, head.date_size, &date) < 0 ||
	    receive_all(socket, body, head.body_size) != 1)
		goto out;
	body[head.body_size] = '\0';
	if (typeset_here(&head, title, date, body, &pdf, &pdf_size, &typesetting) < 0)
		result = answer(socket, 1, typesetting.message, strlen(typesetting.message) + 1);
	else
		result = answer(socket, 0, pdf, pdf_size);
	result = result < 0 ? 0 : 1;
out:
	free(pdf);
	free(body);
	free(date);
	free(title);
	return result;
}

int typesetter_serve(int socket, struct error *err)
{
	int served;

	while ((served = serve_one(socket, err)) > 0)
		;
	return served;
}
