/* share-setup.h - a unit test's data files (xsd/, xslt/) taken from the
 * source tree it runs in (ECAP_SOURCE_DIR, else the current directory), and
 * libxml2 and libxslt set up as a run sets them up. */
#ifndef ECAP_TEST_SHARE_SETUP_H
#define ECAP_TEST_SHARE_SETUP_H

#include <limits.h>
#include <stdlib.h>
#include "error.h"
#include "paths.h"
#include "xml.h"

static int share_setup(struct error *err)
{
	const char *source = getenv("ECAP_SOURCE_DIR") ? getenv("ECAP_SOURCE_DIR") : ".";
	char source_dir[PATH_MAX];

	if (!realpath(source, source_dir))
		return error_set_errno(err, "no source tree at '%s'", source);
	if (setenv("ECAP_SHARE_DIR", source_dir, 1) < 0)
		return error_set_errno(err, "unable to set ECAP_SHARE_DIR");
	if (paths_setup(err) < 0 || xml_library_setup(paths_share_dir(), err) < 0)
		return -1;
	return 0;
}

#endif
