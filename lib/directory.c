/* directory.c - listing a directory in sorted order, and the hint on where
 * its subdirectories go; see directory.h. */
#include "directory.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t length = strlen(name), suffix_length = strlen(suffix);

	return length > suffix_length && strcmp(name + length - suffix_length, suffix) == 0;
}

int directory_list(const char *directory, const char *suffix, struct name_list *list,
		   struct error *err)
{
	DIR *listing = opendir(directory);
	struct dirent *entry;
	size_t capacity = 0;

	list->names = NULL;
	list->count = 0;
	if (!listing)
		return error_set_errno(err, "unable to read the directory '%s'", directory);
	while ((entry = readdir(listing))) {
		if (entry->d_name[0] == '.' || (suffix[0] && !has_suffix(entry->d_name, suffix)))
			continue;
		if (list->count == capacity) {
			char **grown;

			capacity = capacity ? capacity * 2 : 64;
			grown = realloc(list->names, capacity * sizeof(*grown));
			if (!grown)
				goto out_of_memory;
			list->names = grown;
		}
		list->names[list->count] = strdup(entry->d_name);
		if (!list->names[list->count])
			goto out_of_memory;
		list->count++;
	}
	closedir(listing);
	if (list->count)
		qsort(list->names, list->count, sizeof(*list->names), compare_names);
	return 0;
out_of_memory:
	closedir(listing);
	name_list_release(list);
	return error_set(err, "out of memory listing '%s'", directory);
}

void name_list_release(struct name_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->names[i]);
	free(list->names);
	list->names = NULL;
	list->count = 0;
}

int directory_hint_spread(const char *directory)
{
	int fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC), flags = 0, result = 0;

	if (fd < 0)
		return -1;
	if (ioctl(fd, FS_IOC_GETFLAGS, &flags) < 0) {
		result = -1;
	} else if (!(flags & FS_TOPDIR_FL)) {
		flags |= FS_TOPDIR_FL;
		result = ioctl(fd, FS_IOC_SETFLAGS, &flags);
	}
	close(fd);
	return result;
}
