/* test-typesetter.c - PDFs typeset in a process of their own
 * (pipeline/render/typesetter.c, `ecap typeset`): the same bytes as typeset
 * on the calling thread, one process for many documents, a process that
 * dies started again, errors that say what happened, and processes that end
 * with the run that started them. The process is $ECAP (the suite's ecap:
 * build-asan/ecap under `make check-asan`), else bin/ecap. Run from the top
 * of the repository (tests/run.sh does). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "pdf.h"
#include "share-setup.h"
#include "tap.h"
#include "typesetter.h"

static char scratch[] = "/tmp/test-typesetter-XXXXXX";
static char program[PATH_MAX];

/* A letter document with blank text between its elements (as a letter's
 * stylesheet may leave it) and text and elements mixed in a paragraph. */
static const char letter_xml[] =
	"<letter xmlns='urn:ecap:letter:1' kind='returned' application='A2026-000001'>\n"
	"  <letterhead><society>中国电机工程学会</society>"
	"<society-en>Chinese Society for Electrical Engineering</society-en></letterhead>\n"
	"  <title>退回补正通知</title>\n"
	"  <reference label='通知编号'>A2026-000001-01</reference>\n"
	"  <fields class='particulars'><field label='申请人' short='申 请 人'>王建国</field>"
	"<field label='申请编号'>A2026-000001</field></fields>\n"
	"  <salutation>尊敬的王建国：</salutation>\n"
	"  <body><paragraph>您的申请材料 <em>尚缺</em> 以下内容，请于 2026年12月24日 前补正：</paragraph>\n"
	"    <section><heading>需补正的材料</heading><paragraph>工作业绩证明 &amp; 单位意见。</paragraph></section>\n"
	"  </body>\n"
	"  <closing><paragraph>特此通知。</paragraph><regards>此致</regards><salute>敬礼！</salute></closing>\n"
	"  <signature><name>中国电机工程学会</name><date>2026年11月24日</date></signature>\n"
	"</letter>\n";

static xmlDocPtr letter_document(void)
{
	return xmlReadMemory(letter_xml, (int)strlen(letter_xml), NULL, NULL, 0);
}

/* The whole output of a shell command, malloc'ed; *size its length. */
static char *command_output(const char *command, size_t *size)
{
	FILE *pipe = popen(command, "r");
	size_t capacity = 1 << 20, length = 0, got;
	char *out = malloc(capacity + 1);

	*size = 0;
	if (!pipe || !out) {
		if (pipe)
			pclose(pipe);
		free(out);
		return NULL;
	}
	while (length < capacity && (got = fread(out + length, 1, capacity - length, pipe)) > 0)
		length += got;
	pclose(pipe);
	out[length] = '\0';
	*size = length;
	return out;
}

/* The certificate of tests/data as its SVG, rendered by the suite's ecap. */
static char *certificate_svg(size_t *size)
{
	char command[PATH_MAX + 128];

	snprintf(command, sizeof(command),
		 "'%s' render certificate-svg.xsl tests/data/documents/certificate.xml 2>/dev/null",
		 program);
	return command_output(command, size);
}

static int same_bytes(const unsigned char *a, size_t a_size, const unsigned char *b,
		      size_t b_size)
{
	return a && b && a_size == b_size && memcmp(a, b, a_size) == 0;
}

/* Whether process pid has ended (gone, or a zombie nobody has waited for),
 * waiting up to `seconds` for it. */
static int process_ended(long pid, int seconds)
{
	char path[64], stat_line[512];

	for (int tenth = 0; tenth <= seconds * 10; tenth++) {
		FILE *file;
		char *after_name;

		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		file = fopen(path, "r");
		if (!file)
			return 1;
		if (!fgets(stat_line, sizeof(stat_line), file))
			stat_line[0] = '\0';
		fclose(file);
		after_name = strrchr(stat_line, ')');
		if (after_name && after_name[1] == ' ' && after_name[2] == 'Z')
			return 1;
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	}
	return 0;
}

/* The number of threads of process pid, from /proc; -1 if unknown. */
static int process_threads(long pid)
{
	char path[64], line[256];
	int threads = -1;
	FILE *file;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	file = fopen(path, "r");
	if (!file)
		return -1;
	while (fgets(line, sizeof(line), file))
		if (sscanf(line, "Threads: %d", &threads) == 1)
			break;
	fclose(file);
	return threads;
}

/* A script at scratch/name, made executable. */
static const char *script(const char *name, const char *text)
{
	static char path[PATH_MAX];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	file = fopen(path, "w");
	if (!file || fputs(text, file) < 0 || fclose(file) != 0 || chmod(path, 0700) < 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(2);
	}
	return path;
}

static void test_same_bytes(void)
{
	struct typesetter *typesetter = typesetter_new(program, TYPESETTER_ANSWER_SECONDS);
	xmlDocPtr letter = letter_document();
	unsigned char *here = NULL, *there = NULL;
	size_t here_size = 0, there_size = 0, svg_size = 0;
	char *svg = certificate_svg(&svg_size);
	struct error err = { "" };
	long first_pid;
	int result;

	ok(svg && svg_size > 1000, "the certificate's SVG rendered");
	pdf_from_letter(letter, "01-returned.pdf", "2026-11-24", &here, &here_size, &err);
	result = typesetter_letter(typesetter, letter, "01-returned.pdf", "2026-11-24", &there,
				   &there_size, &err);
	is_int(result, 0, "a letter typeset in the process");
	if (result < 0)
		printf("#   %s\n", err.message);
	ok(same_bytes(here, here_size, there, there_size),
	   "the letter's PDF is the same bytes as typeset on this thread");
	first_pid = typesetter_pid(typesetter);
	ok(first_pid > 0 && first_pid != getpid(), "it was typeset by another process");
	free(here);
	free(there);
	here = there = NULL;

	pdf_from_svg(svg, svg_size, "工程会员证书 CSEE-000124-1", "2026-12-08", &here, &here_size,
		     &err);
	result = typesetter_svg(typesetter, svg, svg_size, "工程会员证书 CSEE-000124-1",
				"2026-12-08", &there, &there_size, &err);
	is_int(result, 0, "a certificate typeset in the process");
	ok(same_bytes(here, here_size, there, there_size),
	   "the certificate's PDF is the same bytes as typeset on this thread");
	free(here);
	free(there);
	here = there = NULL;

	/* no title: none, as on this thread (not an empty one) */
	pdf_from_letter(letter, NULL, "2026-11-24", &here, &here_size, &err);
	typesetter_letter(typesetter, letter, NULL, "2026-11-24", &there, &there_size, &err);
	ok(same_bytes(here, here_size, there, there_size), "a letter with no title: the same bytes");
	is_int(typesetter_pid(typesetter), first_pid, "one process typeset all three");
	/* what makes cairo 1.16's race impossible there: nothing else in it
	 * runs beside the thread that typesets */
	is_int(process_threads(first_pid), 1,
	       "the typesetting process has one thread, having typeset letters and a certificate");
	free(here);
	free(there);
	free(svg);
	xmlFreeDoc(letter);
	typesetter_free(typesetter);
	ok(process_ended(first_pid, 0), "the process has ended once its typesetter is freed");
}

static void test_errors(void)
{
	struct typesetter *typesetter = typesetter_new(program, TYPESETTER_ANSWER_SECONDS);
	static const char broken[] = "<svg xmlns='http://www.w3.org/2000/svg'><rect";
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error here = { "" }, there = { "" };
	xmlDocPtr other = xmlReadMemory("<note>not a letter</note>", 25, NULL, NULL, 0);
	long pid;

	pdf_from_svg(broken, strlen(broken), NULL, "2026-12-08", &pdf, &size, &here);
	is_int(typesetter_svg(typesetter, broken, strlen(broken), NULL, "2026-12-08", &pdf, &size,
			      &there), -1, "a broken SVG is refused in the process");
	ok(pdf == NULL && size == 0, "and no PDF is given");
	ok(here.message[0] && strcmp(here.message, there.message) == 0,
	   "with the message it has on this thread");
	printf("#   %s\n", there.message);
	pid = typesetter_pid(typesetter);
	is_int(typesetter_letter(typesetter, other, NULL, NULL, &pdf, &size, &there), -1,
	       "a document that is not a letter is refused in the process");
	ok(strstr(there.message, "letter") != NULL, "and the message says why");
	printf("#   %s\n", there.message);
	is_int(typesetter_pid(typesetter), pid, "the process goes on after a refused document");
	is_int(typesetter_letter(typesetter, NULL, NULL, NULL, &pdf, &size, &there), -1,
	       "no letter document is refused");
	xmlFreeDoc(other);
	typesetter_free(typesetter);
}

/* A typesetter of the suite's ecap whose process has typeset one letter;
 * *pid that process. */
static struct typesetter *running_typesetter(long *pid)
{
	struct typesetter *typesetter = typesetter_new(program, TYPESETTER_ANSWER_SECONDS);
	xmlDocPtr letter = letter_document();
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };

	typesetter_letter(typesetter, letter, NULL, "2026-11-24", &pdf, &size, &err);
	free(pdf);
	xmlFreeDoc(letter);
	*pid = typesetter_pid(typesetter);
	return typesetter;
}

static void test_process_dies(void)
{
	char text[PATH_MAX * 2], marker[PATH_MAX];
	long pid;
	struct typesetter *typesetter = running_typesetter(&pid);
	xmlDocPtr letter = letter_document();
	unsigned char *pdf = NULL;
	size_t size = 0;
	struct error err = { "" };

	kill((pid_t)pid, SIGKILL);
	ok(process_ended(pid, 5), "the process killed between two documents");
	is_int(typesetter_letter(typesetter, letter, NULL, "2026-11-24", &pdf, &size, &err), 0,
	       "the next document is typeset by a new process");
	ok(pdf && size > 1000 && typesetter_pid(typesetter) != pid, "a PDF, from another process");
	free(pdf);
	typesetter_free(typesetter);

	/* one that dies while typesetting, the first time only */
	snprintf(marker, sizeof(marker), "%s/died-once", scratch);
	snprintf(text, sizeof(text),
		 "#!/bin/sh\n[ -e '%s' ] || { : >'%s'; kill -ABRT $$; }\nexec '%s' \"$@\"\n",
		 marker, marker, program);
	typesetter = typesetter_new(script("dies-once", text), TYPESETTER_ANSWER_SECONDS);
	pdf = NULL;
	is_int(typesetter_letter(typesetter, letter, NULL, "2026-11-24", &pdf, &size, &err), 0,
	       "a document whose process died is typeset again in a new one");
	ok(access(marker, F_OK) == 0 && pdf && size > 1000, "after the first process died");
	free(pdf);
	typesetter_free(typesetter);

	/* one that always dies: the document's error says how */
	typesetter = typesetter_new(script("always-dies", "#!/bin/sh\nkill -ABRT $$\n"),
				    TYPESETTER_ANSWER_SECONDS);
	pdf = NULL;
	is_int(typesetter_letter(typesetter, letter, "01-returned.pdf", "2026-11-24", &pdf, &size,
				 &err), -1,
	       "a document whose process dies twice fails");
	ok(strstr(err.message, "typesetting process (pid ") &&
	   strstr(err.message, ") was killed by signal 6"),
	   "the error says the typesetting process was killed, and by which signal");
	ok(strstr(err.message, "while typesetting '01-returned.pdf'") != NULL,
	   "and which document it was typesetting");
	printf("#   %s\n", err.message);
	typesetter_free(typesetter);

	typesetter = typesetter_new(script("exits", "#!/bin/sh\nexit 3\n"),
				    TYPESETTER_ANSWER_SECONDS);
	is_int(typesetter_letter(typesetter, letter, NULL, "2026-11-24", &pdf, &size, &err), -1,
	       "a process that ends at once: the document fails");
	ok(strstr(err.message, "ended with exit status 3") != NULL, "the error gives its status");
	typesetter_free(typesetter);

	/* one that hangs: killed after its time, the document failed at once */
	snprintf(text, sizeof(text), "#!/bin/sh\necho started >>'%s/hangs.count'\nexec sleep 600\n", scratch);
	typesetter = typesetter_new(script("hangs", text), 1);
	is_int(typesetter_letter(typesetter, letter, "01-returned.pdf", "2026-11-24", &pdf, &size,
				 &err), -1, "a process that does not answer in time: the document fails");
	ok(strstr(err.message, "did not answer within 1 s and was stopped while typesetting "
		  "'01-returned.pdf'") != NULL, "the error says it hung, and over which document");
	printf("#   %s\n", err.message);
	snprintf(marker, sizeof(marker), "%s/hangs.count", scratch);
	{
		struct stat count;

		ok(stat(marker, &count) == 0 && count.st_size == (off_t)strlen("started\n"),
		   "the document was not given to another process to hang again");
	}
	is_int(typesetter_pid(typesetter), 0, "the process that hung was stopped");
	/* and one that hangs before it has taken a request larger than the
	 * socket holds */
	{
		size_t large_size = 8u << 20;
		char *large = malloc(large_size);

		memset(large, ' ', large_size);
		memcpy(large, "<svg", 4);
		is_int(typesetter_svg(typesetter, large, large_size, NULL, NULL, &pdf, &size, &err), -1,
		       "a process that does not take a large request in time: it fails");
		ok(strstr(err.message, "did not answer within 1 s and was stopped") != NULL,
		   "the error says it hung");
		free(large);
	}
	typesetter_free(typesetter);

	typesetter = typesetter_new("/nonexistent/ecap", TYPESETTER_ANSWER_SECONDS);
	is_int(typesetter_letter(typesetter, letter, NULL, "2026-11-24", &pdf, &size, &err), -1,
	       "no such program: the document fails");
	ok(strstr(err.message, "unable to start the typesetting process '/nonexistent/ecap "
		  "typeset'") && strstr(err.message, "No such file"),
	   "the error names the program and why it did not start");
	printf("#   %s\n", err.message);
	typesetter_free(typesetter);
	xmlFreeDoc(letter);
}

/* A run killed with its typesetting process running: the process ends. */
static void test_ends_with_its_run(void)
{
	int pids[2];
	pid_t run;
	long typesetting = 0;
	int status;

	if (pipe(pids) < 0 || (run = fork()) < 0) {
		printf("Bail out! cannot fork\n");
		exit(2);
	}
	if (run == 0) {
		long pid;

		running_typesetter(&pid);
		if (write(pids[1], &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
		pause();	/* killed here, the typesetter never freed */
		_exit(0);
	}
	close(pids[1]);
	if (read(pids[0], &typesetting, sizeof(typesetting)) != sizeof(typesetting))
		typesetting = 0;
	close(pids[0]);
	kill(run, SIGKILL);
	waitpid(run, &status, 0);
	ok(typesetting > 0, "a run started a typesetting process, and was killed");
	ok(typesetting > 0 && process_ended(typesetting, 10),
	   "its typesetting process ended by itself");
}

/* `ecap typeset` given what is not a request: it says so and ends. */
static void test_not_a_request(void)
{
	int pair[2], status = 0;
	char message[512] = "", error_path[PATH_MAX];
	static const char junk[32] = "GET / HTTP/1.0\r\n\r\n";
	pid_t pid;
	FILE *errors;
	size_t got;

	snprintf(error_path, sizeof(error_path), "%s/typeset.err", scratch);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0 || (pid = fork()) < 0) {
		printf("Bail out! cannot fork\n");
		exit(2);
	}
	if (pid == 0) {
		dup2(pair[1], 0);
		close(pair[0]);
		close(pair[1]);
		if (!freopen(error_path, "w", stderr))
			_exit(2);
		execl(program, "ecap", "typeset", (char *)NULL);
		_exit(127);
	}
	close(pair[1]);
	if (write(pair[0], junk, sizeof(junk)) != sizeof(junk))
		printf("# could not write to the process\n");
	waitpid(pid, &status, 0);
	close(pair[0]);
	errors = fopen(error_path, "r");
	got = errors ? fread(message, 1, sizeof(message) - 1, errors) : 0;
	message[got] = '\0';
	if (errors)
		fclose(errors);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 70,
	       "ecap typeset given what is not a request: exit 70");
	ok(strstr(message, "not a request") != NULL, "it says what came is not a request");
}

int main(void)
{
	struct error err = { "" };
	const char *ecap = getenv("ECAP");
	char command[PATH_MAX + 16];

	if (share_setup(&err) < 0) {
		printf("Bail out! %s\n", err.message);
		return 2;
	}
	if (!realpath(ecap ? ecap : "bin/ecap", program) || access(program, X_OK) < 0) {
		printf("Bail out! no ecap to run at '%s' (make first)\n", ecap ? ecap : "bin/ecap");
		return 2;
	}
	if (!mkdtemp(scratch)) {
		printf("Bail out! cannot make %s\n", scratch);
		return 2;
	}
	{
		char own[PATH_MAX];

		ok(strcmp(typesetter_own_program(own, sizeof(own)), "/proc/self/exe") == 0,
		   "a program's own typesetting program is /proc/self/exe, not run under valgrind");
	}
	test_same_bytes();
	test_errors();
	test_process_dies();
	test_ends_with_its_run();
	test_not_a_request();
	snprintf(command, sizeof(command), "rm -rf '%s'", scratch);
	if (system(command) != 0)
		printf("# could not remove %s\n", scratch);
	return tap_done();
}
