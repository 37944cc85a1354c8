/* roster.c - the member roster the policy names (<members href="..."/>),
 * read as a stream into the policy's sorted member list; see
 * policy_reader.h. */
#include "policy_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "xml.h"

/* The roster's href must stay inside the policy's directory: relative, and
 * without a ".." component. (A symbolic link there is the operator's own.) */
static int check_roster_href(const struct reader *reader, xmlNodePtr node, const char *href)
{
	const char *component = href;

	if (href[0] == '/')
		return fail_at(reader, node, "members href \"%s\" is an absolute path; "
			       "give a path relative to the policy file", href);
	while (*component) {
		size_t length = strcspn(component, "/");

		if (length == 2 && strncmp(component, "..", 2) == 0)
			return fail_at(reader, node, "members href \"%s\" leaves the policy file's "
				       "directory", href);
		component += length;
		if (*component == '/')
			component++;
	}
	return 0;
}

/* The directory of the policy file joined with href. */
static int roster_path(const struct reader *reader, const char *href, char *out, size_t size)
{
	const char *slash = strrchr(reader->path, '/');
	int written;

	if (!slash)
		written = snprintf(out, size, "%s", href);
	else
		written = snprintf(out, size, "%.*s/%s", (int)(slash - reader->path),
				   reader->path, href);
	if (written < 0 || (size_t)written >= size)
		return error_set(reader->err, "%s: the members file's path is too long",
				 reader->path);
	return 0;
}

static int compare_members(const void *a, const void *b)
{
	return strcmp(((const struct policy_member *)a)->number,
		      ((const struct policy_member *)b)->number);
}

/* The roster as it is read: members appended as the stream gives them. */
struct roster_build {
	const struct reader *reader;
	struct policy *policy;
	size_t capacity;
};

static int add_member(struct roster_build *build, xmlNodePtr node)
{
	struct policy *policy = build->policy;
	char number[64], name[128];
	size_t number_size;
	char *strings;

	if (read_string(build->reader, node, "number", 1, number, sizeof(number)) < 0 ||
	    read_string(build->reader, node, "name", 1, name, sizeof(name)) < 0)
		return -1;
	if (policy->member_count == build->capacity) {
		size_t capacity = build->capacity * 2 + 256;
		struct policy_member *grown = reallocarray(policy->members, capacity,
							   sizeof(*grown));

		if (!grown)
			return error_set(build->reader->err, "out of memory reading the roster");
		policy->members = grown;
		build->capacity = capacity;
	}
	/* one allocation holds both: "number\0name\0" */
	number_size = strlen(number) + 1;
	strings = malloc(number_size + strlen(name) + 1);
	if (!strings)
		return error_set(build->reader->err, "out of memory reading the roster");
	memcpy(strings, number, number_size);
	strcpy(strings + number_size, name);
	policy->members[policy->member_count].number = strings;
	policy->members[policy->member_count].name = strings + number_size;
	policy->member_count++;
	return 0;
}

static int visit_roster(void *context, xmlNodePtr node, int depth, struct error *err)
{
	struct roster_build *build = context;

	(void)err;
	if (depth == 0) {
		if (!xml_is_ecap_element(node, "members"))
			return fail_at(build->reader, node,
				       "the root element is not <members> in namespace %s",
				       ECAP_NAMESPACE);
		return 0;
	}
	if (!xml_is_ecap_element(node, "member"))
		return 0;
	return add_member(build, node);
}

/* Sorted by number, so that finding a member is a binary search: the roster
 * is the society's whole membership, and every package asks. */
static int sort_members(const struct reader *reader, struct policy *policy)
{
	if (policy->member_count)
		qsort(policy->members, policy->member_count, sizeof(*policy->members),
		      compare_members);
	for (size_t i = 1; i < policy->member_count; i++)
		if (strcmp(policy->members[i - 1].number, policy->members[i].number) == 0)
			return error_set(reader->err, "%s: member number %s appears more than once",
					 reader->path, policy->members[i].number);
	return 0;
}

/* Reads the roster file that <members href="..."/> names, if any, as a
 * stream (validated against xsd/members.xsd as it is read): a roster of a
 * hundred thousand members is never a document in memory. */
int read_member_roster(const struct reader *reader, xmlNodePtr root,
			      struct policy *policy, int validate)
{
	xmlNodePtr node = xml_child(root, "members");
	struct reader roster_reader = { NULL, reader->err };
	struct roster_build build = { &roster_reader, policy, 0 };
	struct xml_messages messages = { NULL, 0 };
	struct schema *schema = NULL;
	char href[1024], path[4096], schema_path[4096];
	int result = -1, read;

	if (!node)
		return 0;
	policy->has_member_roster = 1;
	if (read_string(reader, node, "href", 1, href, sizeof(href)) < 0 ||
	    check_roster_href(reader, node, href) < 0 ||
	    roster_path(reader, href, path, sizeof(path)) < 0)
		goto out;
	roster_reader.path = path;
	if (validate && !(schema = schema_load(paths_schema("members.xsd", schema_path,
							    sizeof(schema_path)), reader->err)))
		goto out;
	read = xml_stream_file(path, schema, visit_roster, &build, &messages, reader->err);
	if (read < 0)
		goto out;
	if (read > 0) {
		error_set(reader->err, "%s is not a valid member roster: %s", path,
			  messages.count ? messages.lines[0] : "not well-formed");
		goto out;
	}
	result = sort_members(&roster_reader, policy);
out:
	xml_messages_release(&messages);
	schema_free(schema);
	return result;
}

const struct policy_member *policy_find_member(const struct policy *policy, const char *number)
{
	struct policy_member key = { (char *)number, NULL };

	if (!number || !policy->member_count)
		return NULL;
	return bsearch(&key, policy->members, policy->member_count, sizeof(*policy->members),
		       compare_members);
}
