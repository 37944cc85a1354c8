/* command_key.c - `ecap key new DIR [--name NAME]`: the society's signing
 * key (keys.h), made under the state's lock so that no run reads the key
 * index half written. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "exits.h"
#include "keys.h"
#include "lock.h"
#include "xml.h"

static const char usage[] = "usage: ecap key new DIR [--name NAME]\n";

/* The society's code, for the key's default name. */
static void society_code(const char *state_dir, char *out, size_t size)
{
	char path[PATH_MAX];
	struct error ignored;
	xmlDocPtr policy;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/policy.xml", state_dir);
	policy = xml_parse_file(path, &ignored);
	if (policy)
		xml_attribute_copy(xml_child(xmlDocGetRootElement(policy), "society"), "code", out,
				   size);
	xmlFreeDoc(policy);
}

int command_key(int argc, char **argv)
{
	const char *state_dir = NULL, *name = NULL;
	char society[64], made[KEY_NAME_MAX + 1], path[PATH_MAX], fingerprint[65] = "";
	struct error err = { "" };
	struct key_list list = { NULL, 0 };
	int lock, result;

	if (argc >= 2 && strcmp(argv[1], "--help") == 0)
		return fputs(usage, stdout), EXIT_OK;
	if (argc < 3 || strcmp(argv[1], "new") != 0)
		return fputs(usage, stderr), EXIT_USAGE;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strcmp(argv[i], "--help") == 0)
			return fputs(usage, stdout), EXIT_OK;
		else if (argv[i][0] != '-' && !state_dir)
			state_dir = argv[i];
		else
			return fputs(usage, stderr), EXIT_USAGE;
	}
	if (!state_dir)
		return fputs(usage, stderr), EXIT_USAGE;
	snprintf(path, sizeof(path), "%s/policy.xml", state_dir);
	if (access(path, R_OK) != 0) {
		snprintf(err.message, sizeof(err.message), "%s is not a state directory (no "
			 "policy.xml): make one with ecap init", state_dir);
		return report_failure(EXIT_NO_INPUT, err.message);
	}
	lock = lock_acquire(state_dir, &err);
	if (lock < 0)
		return report_failure(EXIT_LOCKED, err.message);
	society_code(state_dir, society, sizeof(society));
	result = keys_new(state_dir, society, name, date_today(), made, &err);
	lock_release(lock);
	if (result < 0)
		return report_failure(name && !key_name_is_safe(name) ? EXIT_USAGE : EXIT_IO,
				      err.message);
	if (keys_read(state_dir, &list, &err) == 0 && key_list_find(&list, made))
		snprintf(fingerprint, sizeof(fingerprint), "%s",
			 key_list_find(&list, made)->fingerprint);
	key_list_release(&list);
	printf("key %s made; it signs from the next run (unless the policy's <signing> names "
	       "another)\n", made);
	printf("  private half: %s/store/keys/%s.pem (mode 0600; back it up offline, never "
	       "publish it)\n", state_dir, made);
	printf("  public half:  %s/out/public/keys/%s.pem, listed in out/public/keys/index.xml\n",
	       state_dir, made);
	printf("  SHA-256 fingerprint: %s\n", fingerprint);
	return EXIT_OK;
}
