/* levels.c - the vocabulary of levels, degrees and interview dimensions:
 * their codes in the policy and the forms, and their names; see levels.h. */
#include "levels.h"

#include <string.h>

static const char *const level_codes[LEVEL_COUNT] = {
	"apprentice", "professional", "senior",
};

static const char *const level_names[LEVEL_COUNT] = {
	"见习工程会员", "专业工程会员", "资深工程会员",
};

static const char *const level_names_english[LEVEL_COUNT] = {
	"Apprentice Engineer", "Professional Engineer", "Senior Professional Engineer",
};

static const char *const degree_codes[DEGREE_COUNT] = {
	"associate", "bachelor", "master", "doctorate",
};

const char *const dimension_codes[DIMENSION_COUNT] = {
	"knowledge", "ethics", "teamwork", "learning", "leadership",
};

const char *const dimension_names[DIMENSION_COUNT] = {
	"工程知识与专业能力", "工程伦理与职业道德", "团队合作与交流能力",
	"持续发展与终身学习能力", "组织领导与项目管理能力",
};

static int code_index(const char *const *codes, int count, const char *text)
{
	if (!text)
		return -1;
	for (int i = 0; i < count; i++)
		if (strcmp(codes[i], text) == 0)
			return i;
	return -1;
}

int level_parse(const char *text)
{
	return code_index(level_codes, LEVEL_COUNT, text);
}

const char *level_code(int level)
{
	return level >= 0 && level < LEVEL_COUNT ? level_codes[level] : "";
}

const char *level_name(int level)
{
	return level >= 0 && level < LEVEL_COUNT ? level_names[level] : "";
}

const char *level_name_english(int level)
{
	return level >= 0 && level < LEVEL_COUNT ? level_names_english[level] : "";
}

int degree_parse(const char *text)
{
	return code_index(degree_codes, DEGREE_COUNT, text);
}

const char *degree_code(int degree)
{
	return degree >= 0 && degree < DEGREE_COUNT ? degree_codes[degree] : "";
}

int dimension_parse(const char *code)
{
	return code_index(dimension_codes, DIMENSION_COUNT, code);
}
