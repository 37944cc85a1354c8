/* paths.c - finding the data directory; see paths.h. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char share_dir[PATH_MAX];

static int has_schemas(const char *directory)
{
	char path[PATH_MAX];
	struct stat info;

	snprintf(path, sizeof(path), "%s/xsd/application.xsd", directory);
	return stat(path, &info) == 0;
}

int paths_setup(struct error *err)
{
	char executable[PATH_MAX], candidate[PATH_MAX], *slash;
	const char *override = getenv("ECAP_SHARE_DIR");
	ssize_t length;

	if (override && override[0]) {
		if (!realpath(override, share_dir) || !has_schemas(share_dir))
			return error_set(err, "ECAP_SHARE_DIR '%s' holds no xsd/application.xsd",
					 override);
		return 0;
	}
	length = readlink("/proc/self/exe", executable, sizeof(executable) - 1);
	if (length < 0)
		return error_set_errno(err, "unable to find the ecap executable");
	executable[length] = '\0';
	slash = strrchr(executable, '/');
	if (slash)
		*slash = '\0';
	snprintf(candidate, sizeof(candidate), "%s/../share/ecap", executable);
	if (has_schemas(candidate) && realpath(candidate, share_dir))
		return 0;
	snprintf(candidate, sizeof(candidate), "%s/..", executable);
	if (has_schemas(candidate) && realpath(candidate, share_dir))
		return 0;
	return error_set(err, "unable to find ecap's data files (xsd/, xslt/) near '%s'; "
			 "set ECAP_SHARE_DIR", executable);
}

const char *paths_share_dir(void)
{
	return share_dir;
}

const char *paths_schema(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/xsd/%s", share_dir, name);
	return out;
}

const char *paths_stylesheet(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/xslt/%s", share_dir, name);
	return out;
}

const char *paths_default_policy(char *out, size_t size)
{
	snprintf(out, size, "%s/policy/default.xml", share_dir);
	return out;
}
