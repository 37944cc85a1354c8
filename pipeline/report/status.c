/* status.c - the status document and its table; see status.h. */
#include "status.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "directory.h"
#include "intake.h"
#include "mail.h"
#include "name.h"
#include "outcomes.h"
#include "xml.h"

static const char *const state_names[][2] = {
	{ "returned", "退回补正" }, { "expired", "逾期失效" }, { "rejected", "不予受理" },
	{ "in-review", "材料审查中" }, { "supplement-requested", "待补充材料" },
	{ "awaiting-interview", "待面试" }, { "awaiting-confirmation", "待秘书处确认" },
	{ "publicity", "公示中" }, { "on-hold", "暂缓（异议处理中）" }, { "failed", "未通过" },
	{ "certified", "已发证" }, { "withdrawn", "已撤回" },
};

const char *state_name(const char *state)
{
	for (size_t i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (strcmp(state_names[i][0], state) == 0)
			return state_names[i][1];
	return state;
}

static void copy_attribute(xmlNodePtr from, const char *name, xmlNodePtr to, const char *as)
{
	char value[1024];

	if (xml_attribute_copy(from, name, value, sizeof(value))[0])
		xml_set(to, as ? as : name, value);
}

static void copy_child_text(xmlNodePtr parent, const char *child, xmlNodePtr to,
			    const char *as)
{
	char *text = xml_text(xml_child(parent, child));
	char *start = text;
	size_t length;

	if (!text)
		return;
	while (*start == ' ' || *start == '\n' || *start == '\t' || *start == '\r')
		start++;
	length = strlen(start);
	while (length > 0 && strchr(" \n\t\r", start[length - 1]))
		start[--length] = '\0';
	if (*start)
		xml_set(to, as, start);
	xmlFree(text);
}

/* The reasons of the last stage result that gave any. */
static xmlNodePtr last_reasons(xmlNodePtr dossier)
{
	xmlNodePtr last = NULL;

	for (xmlNodePtr node = xml_child(dossier, NULL); node; node = xml_next(node, NULL))
		if (xml_child(node, "reason"))
			last = node;
	return last;
}

static void add_application(xmlNodePtr status, xmlNodePtr dossier)
{
	xmlNodePtr entry = xml_add_child(status, "application", NULL);
	xmlNodePtr application = xml_child(dossier, "application");
	xmlNodePtr reasons = last_reasons(dossier);
	char state[32];

	copy_attribute(dossier, "id", entry, NULL);
	copy_attribute(dossier, "state", entry, NULL);
	if (application) {
		copy_attribute(application, "kind", entry, NULL);
		copy_child_text(application, "level", entry, "level");
		copy_attribute(xml_child(application, "field"), "code", entry, "field");
	}
	copy_attribute(dossier, "since", entry, NULL);
	copy_attribute(dossier, "deadline", entry, NULL);
	xml_attribute_copy(dossier, "state", state, sizeof(state));
	/* reasons explain only the states that have them */
	if (reasons && strstr(" returned rejected expired failed supplement-requested ", state) &&
	    state[0])
		for (xmlNodePtr reason = xml_child(reasons, "reason"); reason;
		     reason = xml_next(reason, "reason")) {
			char *text = xml_text(reason);
			xmlNodePtr copy = xml_add_child(entry, "reason", text);

			copy_attribute(reason, "code", copy, NULL);
			copy_attribute(reason, "dimension", copy, NULL);
			xmlFree(text);
		}
	for (xmlNodePtr notice = xml_child(dossier, "notice"); notice;
	     notice = xml_next(notice, "notice"))
		copy_attribute(notice, "html", xml_add_child(entry, "notice", NULL), "path");
	for (xmlNodePtr node = xml_child(dossier, "certification"); node;
	     node = xml_next(node, "certification")) {
		xmlNodePtr certificate = xml_add_child(entry, "certificate", NULL);

		copy_attribute(node, "registration", certificate, NULL);
		copy_attribute(node, "serial", certificate, NULL);
		copy_attribute(node, "expires", certificate, NULL);
		copy_attribute(node, "svg", certificate, "path");
	}
}

/* A state file that does not parse: listed with what is wrong, never
 * skipped without a word. */
static void add_unreadable(xmlNodePtr status, const char *relative, const char *problem)
{
	char shown[PATH_MAX * 4];

	xml_set(xml_add_child(status, "unreadable", name_is_utf8(problem) ? problem :
			      name_escape(problem, shown, sizeof(shown))),
		"path", name_escape(relative, shown, sizeof(shown)));
}

static int add_from_files(xmlNodePtr status, const char *state_dir, const char *directory,
			  const char *suffix, void (*add)(xmlNodePtr, xmlNodePtr),
			  struct error *err)
{
	char path[PATH_MAX], relative[PATH_MAX];
	struct name_list files;
	struct error problem;

	snprintf(path, sizeof(path), "%s/%s", state_dir, directory);
	if (directory_list(path, suffix, &files, err) < 0)
		/* a state without that directory has nothing of that kind; one
		 * that cannot be read is the operator's to hear of */
		return errno == ENOENT ? 0 : -1;
	for (size_t i = 0; i < files.count; i++) {
		xmlDocPtr document;

		snprintf(relative, sizeof(relative), "%s/%s", directory, files.names[i]);
		snprintf(path, sizeof(path), "%s/%s", state_dir, relative);
		document = xml_parse_file(path, &problem);
		if (!document) {
			add_unreadable(status, relative, problem.message);
			continue;
		}
		add(status, xmlDocGetRootElement(document));
		xmlFreeDoc(document);
	}
	name_list_release(&files);
	return 0;
}

/* ---- what the dropbox holds that no run takes ---- */

static const char *kind_of_entry(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a file";
}

static void add_left(xmlNodePtr status, const char *name, const char *code, const char *text)
{
	char shown[NAME_ESCAPED_MAX], input[NAME_ESCAPED_MAX + 16];
	xmlNodePtr entry;

	snprintf(input, sizeof(input), "dropbox/%s", name_escape(name, shown, sizeof(shown)));
	entry = xml_add_child(status, "left", text);
	xml_set(entry, "input", input);
	xml_set(entry, "code", code);
}

/* A regular file that cannot be opened for reading; why, into why. */
static int is_unreadable(int directory, const char *name, char *why, size_t size)
{
	int fd = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == ENOENT || errno == ELOOP)
		return 0;	/* gone, or a link: a run takes it */
	snprintf(why, size, "the file cannot be read: %s", strerror(errno));
	return 1;
}

/* Every dropbox entry that stays there run after run: a directory, FIFO,
 * device or socket (input-not-file), a file that cannot be read and could
 * not be moved (input-unreadable). */
static int add_dropbox_left(xmlNodePtr status, const char *state_dir, struct error *err)
{
	char path[PATH_MAX], why[256];
	struct dirent *entry;
	struct stat info;
	DIR *listing;

	snprintf(path, sizeof(path), "%s/dropbox", state_dir);
	listing = opendir(path);
	if (!listing)
		return errno == ENOENT ? 0 : error_set_errno(err, "unable to read '%s'", path);
	while ((entry = readdir(listing))) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0 ||
		    fstatat(dirfd(listing), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (!intake_is_takeable(&info)) {
			snprintf(why, sizeof(why), "%s, not a file: left in the dropbox",
				 kind_of_entry(info.st_mode));
			add_left(status, entry->d_name, REASON_INPUT_NOT_FILE, why);
		} else if (S_ISREG(info.st_mode) &&
			   is_unreadable(dirfd(listing), entry->d_name, why, sizeof(why))) {
			add_left(status, entry->d_name, REASON_INPUT_UNREADABLE, why);
		}
	}
	closedir(listing);
	return 0;
}

static void add_quarantined(xmlNodePtr status, xmlNodePtr reason)
{
	char *text = xml_text(reason);
	xmlNodePtr entry = xml_add_child(status, "quarantined", text);

	copy_attribute(reason, "input", entry, NULL);
	copy_attribute(reason, "code", entry, NULL);
	xmlFree(text);
}

static int looks_like_application_id(const char *id)
{
	if (strlen(id) != 12 || id[0] != 'A' || id[5] != '-')
		return 0;
	for (int i = 1; i < 12; i++)
		if (i != 5 && (id[i] < '0' || id[i] > '9'))
			return 0;
	return 1;
}

static void add_record(xmlNodePtr status, xmlNodePtr record)
{
	char *text = xml_text(record);
	xmlNodePtr entry = xml_add_child(status, "record", text && text[0] ? text : NULL);
	char target[128];

	copy_attribute(record, "input", entry, NULL);
	if (looks_like_application_id(xml_attribute_copy(record, "application", target,
							  sizeof(target))))
		xml_set(entry, "application", target);
	if (xml_attribute_copy(record, "registration", target, sizeof(target))[0])
		xml_set(entry, "registration", target);
	copy_attribute(record, "state", entry, NULL);
	copy_attribute(record, "code", entry, NULL);
	xmlFree(text);
}

/* A state whose store cannot be read (another user's, say) has no status
 * to give: "nothing yet" would be a lie. */
static int check_readable(const char *state_dir, struct error *err)
{
	char path[PATH_MAX];
	DIR *listing;

	snprintf(path, sizeof(path), "%s/store", state_dir);
	listing = opendir(path);
	if (!listing)
		return error_set_errno(err, "unable to read the state directory '%s'", state_dir);
	closedir(listing);
	return 0;
}

/* Each letter's e-mail (mail.h): "sent" once `ecap mail` recorded it,
 * "unsent" while its message waits, "no-address" when the letter has none
 * to be sent to, "none" when it has no message otherwise (written before
 * ecap wrote messages, or under a policy without <mail>). */
static void add_mail_states(xmlNodePtr status, const char *state_dir)
{
	for (xmlNodePtr entry = xml_child(status, "application"); entry;
	     entry = xml_next(entry, "application"))
		for (xmlNodePtr notice = xml_child(entry, "notice"); notice;
		     notice = xml_next(notice, "notice")) {
			char path[PATH_MAX], letter[PATH_MAX], file[PATH_MAX * 2];
			const char *name, *dot;
			struct stat info;

			xml_attribute_copy(notice, "path", path, sizeof(path));
			name = strrchr(path, '/');
			dot = strrchr(path, '.');
			if (strncmp(path, "out/notices/", 12) != 0 || !name || !dot || dot < name)
				continue;
			snprintf(letter, sizeof(letter), "%.*s", (int)(dot - path - 12), path + 12);
			snprintf(file, sizeof(file), "%s/" MAIL_SENT_DIRECTORY "/%s", state_dir,
				 letter);
			if (stat(file, &info) == 0) {
				xml_set(notice, "mail", "sent");
				continue;
			}
			snprintf(file, sizeof(file), "%s/" MAIL_DIRECTORY "/%s.eml", state_dir,
				 letter);
			if (stat(file, &info) == 0) {
				xml_set(notice, "mail", "unsent");
				continue;
			}
			snprintf(file, sizeof(file), "%s/" MAIL_DIRECTORY "/%s" MAIL_NO_ADDRESS,
				 state_dir, letter);
			xml_set(notice, "mail", stat(file, &info) == 0 ? "no-address" : "none");
		}
}

xmlDocPtr status_build(const char *state_dir, struct error *err)
{
	xmlDocPtr document = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root;
	char generated[40];

	if (!document) {
		error_set(err, "out of memory");
		return NULL;
	}
	root = xmlNewDocNode(document, NULL, (const xmlChar *)"status", NULL);
	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)ECAP_NAMESPACE, NULL));
	xmlDocSetRootElement(document, root);
	datetime_now(generated, sizeof(generated));
	xml_set(root, "generated", generated);
	if (check_readable(state_dir, err) < 0 ||
	    add_from_files(root, state_dir, "store/dossiers", ".xml", add_application, err) < 0 ||
	    add_from_files(root, state_dir, "quarantine", ".reason.xml", add_quarantined,
			   err) < 0 ||
	    add_from_files(root, state_dir, "store/records", ".xml", add_record, err) < 0 ||
	    add_dropbox_left(root, state_dir, err) < 0) {
		xmlFreeDoc(document);
		return NULL;
	}
	add_mail_states(root, state_dir);
	return document;
}

static void print_application(xmlNodePtr entry, FILE *out)
{
	char id[64], state[32], level[32], since[16], deadline[16];

	xml_attribute_copy(entry, "id", id, sizeof(id));
	xml_attribute_copy(entry, "state", state, sizeof(state));
	xml_attribute_copy(entry, "level", level, sizeof(level));
	xml_attribute_copy(entry, "since", since, sizeof(since));
	xml_attribute_copy(entry, "deadline", deadline, sizeof(deadline));
	fprintf(out, "%-14s %-22s %-13s %-10s %s\n", id, state, level[0] ? level : "-", since,
		deadline[0] ? deadline : "");
	for (xmlNodePtr reason = xml_child(entry, "reason"); reason;
	     reason = xml_next(reason, "reason")) {
		char code[64], *text = xml_text(reason);

		fprintf(out, "    %-24s %s\n", xml_attribute_copy(reason, "code", code,
							    sizeof(code)), text ? text : "");
		xmlFree(text);
	}
	for (xmlNodePtr notice = xml_child(entry, "notice"); notice;
	     notice = xml_next(notice, "notice")) {
		char path[PATH_MAX], mail[16];
		const char *shown;

		xml_attribute_copy(notice, "mail", mail, sizeof(mail));
		shown = strcmp(mail, "sent") == 0 ? "  e-mail sent" :
			strcmp(mail, "unsent") == 0 ? "  e-mail not yet sent (ecap mail)" :
			strcmp(mail, "no-address") == 0 ? "  no e-mail (no address): post it" :
			strcmp(mail, "none") == 0 ? "  no e-mail message: post it" : "";
		fprintf(out, "    notice %s%s\n", xml_attribute_copy(notice, "path", path,
								 sizeof(path)), shown);
	}
}

static void print_other(xmlNodePtr entry, FILE *out)
{
	char input[PATH_MAX], code[64], state[32], *text = xml_text(entry);
	const char *kind = (const char *)entry->name;

	if (!xml_attribute_copy(entry, "input", input, sizeof(input))[0])
		xml_attribute_copy(entry, "path", input, sizeof(input));
	xml_attribute_copy(entry, "code", code, sizeof(code));
	xml_attribute_copy(entry, "state", state, sizeof(state));
	fprintf(out, "%-40s %-10s %-22s %s\n", input, state[0] ? state : kind,
		code[0] ? code : "", text ? text : "");
	xmlFree(text);
}

void status_print_table(xmlDocPtr status, FILE *out)
{
	xmlNodePtr root = xmlDocGetRootElement(status);
	size_t counts[5] = { 0 };
	static const char *const kinds[] = { "application", "quarantined", "record", "left",
					     "unreadable" };
	static const char *const headings[] = {
		"申请 applications\n", "\n隔离的输入 quarantined inputs\n", "\n记录 records\n",
		"\n留在收件箱的输入 inputs left in the dropbox\n",
		"\n无法读取的状态文件 state files that cannot be read\n",
	};

	for (int kind = 0; kind < 5; kind++) {
		for (xmlNodePtr entry = xml_child(root, kinds[kind]); entry;
		     entry = xml_next(entry, kinds[kind])) {
			if (counts[kind]++ == 0)
				fputs(headings[kind], out);
			if (counts[kind] == 1 && kind == 0)
				fprintf(out, "%-14s %-22s %-13s %-10s %s\n", "id", "state",
					"level", "since", "deadline");
			if (kind == 0)
				print_application(entry, out);
			else
				print_other(entry, out);
		}
	}
	if (!counts[0] && !counts[1] && !counts[2] && !counts[3] && !counts[4])
		fprintf(out, "nothing yet: no application, record or quarantined input\n");
	else
		fprintf(out, "\n%zu applications, %zu quarantined inputs, %zu records\n",
			counts[0], counts[1], counts[2]);
	if (counts[3])
		fprintf(out, "%zu inputs left in the dropbox\n", counts[3]);
	if (counts[4])
		fprintf(out, "%zu state files that cannot be read\n", counts[4]);
}
