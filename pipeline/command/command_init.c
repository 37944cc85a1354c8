/* command_init.c - `ecap init DIR [--policy FILE]`: a new state directory. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "commands.h"
#include "exits.h"
#include "paths.h"
#include "policy.h"
#include "store.h"
#include "upgrade.h"
#include "xml.h"

static const char usage[] = "usage: ecap init DIR [--policy FILE]\n";

/* Copies a file the policy names (its member roster) next to the new policy. */
static int copy_beside(const char *policy_source, const char *name, const char *directory,
		       struct error *err)
{
	char source[PATH_MAX], destination[PATH_MAX], *slash;
	size_t size = 0;
	char *bytes;
	int result;

	snprintf(source, sizeof(source), "%s", policy_source);
	slash = strrchr(source, '/');
	if (slash)
		snprintf(slash + 1, sizeof(source) - (size_t)(slash + 1 - source), "%s", name);
	else
		snprintf(source, sizeof(source), "%s", name);
	bytes = xml_read_file(source, 64u << 20, &size, err);
	if (!bytes)
		return -1;
	snprintf(destination, sizeof(destination), "%s/%s", directory, name);
	result = atomic_write_file(destination, bytes, size, 0600, err);
	free(bytes);
	return result;
}

static int install_policy(const char *source, const char *directory, struct error *err)
{
	struct schema *schema = NULL;
	struct policy policy;
	char path[PATH_MAX], *href = NULL;
	size_t size = 0;
	char *bytes = NULL;
	xmlDocPtr document = NULL;
	int result = -1, loaded = 0;

	memset(&policy, 0, sizeof(policy));
	schema = schema_load(paths_schema("policy.xsd", path, sizeof(path)), err);
	if (!schema || policy_load(&policy, source, schema, err) < 0)
		goto out;
	loaded = 1;
	bytes = xml_read_file(source, 64u << 20, &size, err);
	document = bytes ? xml_parse_file(source, err) : NULL;
	if (!document)
		goto out;
	href = xml_attribute(xml_child(xmlDocGetRootElement(document), "members"), "href");
	if (href && copy_beside(source, href, directory, err) < 0)
		goto out;
	/* the seal beside the policy, as the run reads it */
	if (policy.seal_href[0] && copy_beside(source, policy.seal_href, directory, err) < 0)
		goto out;
	snprintf(path, sizeof(path), "%s/policy.xml", directory);
	result = atomic_write_file(path, bytes, size, 0600, err);
out:
	xmlFree(href);
	if (document)
		xmlFreeDoc(document);
	free(bytes);
	if (loaded)
		policy_release(&policy);
	schema_free(schema);
	return result;
}

int command_init(int argc, char **argv)
{
	const char *directory = NULL, *policy = NULL;
	char default_policy[PATH_MAX], path[PATH_MAX];
	struct error err = { "" };

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
			policy = argv[++i];
		else if (strcmp(argv[i], "--help") == 0)
			return fputs(usage, stdout), EXIT_OK;
		else if (argv[i][0] != '-' && !directory)
			directory = argv[i];
		else
			return fputs(usage, stderr), EXIT_USAGE;
	}
	if (!directory)
		return fputs(usage, stderr), EXIT_USAGE;
	snprintf(path, sizeof(path), "%s/policy.xml", directory);
	if (access(path, F_OK) == 0)
		return report_failure(EXIT_CANNOT_CREATE, "this directory already holds a "
				      "state (policy.xml); edit that policy instead");
	if (!policy)
		policy = paths_default_policy(default_policy, sizeof(default_policy));
	if (store_create_layout(directory, &err) < 0 ||
	    upgrade_stamp_new_state(directory, &err) < 0)
		return report_failure(EXIT_CANNOT_CREATE, err.message);
	if (install_policy(policy, directory, &err) < 0)
		return report_failure(EXIT_CONFIG, err.message);
	printf("initialized %s (policy from %s); put packages and records into %s/dropbox\n",
	       directory, policy, directory);
	return EXIT_OK;
}
