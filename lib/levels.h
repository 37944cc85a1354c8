/* levels.h - the vocabulary of levels, degrees and interview dimensions
 * (formats.md §1, §3): their codes and their names (levels.c). */
#ifndef ECAP_LEVELS_H
#define ECAP_LEVELS_H

enum level { LEVEL_APPRENTICE, LEVEL_PROFESSIONAL, LEVEL_SENIOR, LEVEL_COUNT };
enum degree { DEGREE_ASSOCIATE, DEGREE_BACHELOR, DEGREE_MASTER, DEGREE_DOCTORATE, DEGREE_COUNT };

/* "apprentice" ... ; -1 if unknown. */
int level_parse(const char *text);
const char *level_code(int level);		/* "professional" */
const char *level_name(int level);		/* "专业工程会员" */
const char *level_name_english(int level);	/* "Professional Engineer" */
int degree_parse(const char *text);
const char *degree_code(int degree);		/* "master" */

#define DIMENSION_COUNT 5
/* knowledge ethics teamwork learning leadership, in that order */
extern const char *const dimension_codes[DIMENSION_COUNT];
extern const char *const dimension_names[DIMENSION_COUNT];	/* 工程知识与专业能力 ... */
int dimension_parse(const char *code);

#endif
