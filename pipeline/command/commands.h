/* commands.h - the ecap subcommands; each parses its own arguments, calls
 * the library, prints, and returns an exit code of exits.h. */
#ifndef ECAP_COMMANDS_H
#define ECAP_COMMANDS_H

#include <stdio.h>
#include <libxml/tree.h>
#include "error.h"

int command_init(int argc, char **argv);
int command_run(int argc, char **argv);
int command_status(int argc, char **argv);
int command_register(int argc, char **argv);
int command_audit(int argc, char **argv);
int command_find(int argc, char **argv);
int command_retry(int argc, char **argv);
int command_mail(int argc, char **argv);
/* the stage filters: validate, review, interview, certify, stages */
int command_stage(int argc, char **argv);
int command_render(int argc, char **argv);
/* not in the usage: a run's typesetting process (typesetter.h) */
int command_typeset(int argc, char **argv);
int command_key(int argc, char **argv);
int command_verify(int argc, char **argv);

/* `ecap status` and `ecap register`: DIR [--xml | --csv]; build makes the
 * document from the state directory, print_table shows it to people,
 * print_csv writes it for spreadsheets. */
int command_document(int argc, char **argv, const char *usage,
		     xmlDocPtr (*build)(const char *state_dir, struct error *err),
		     void (*print_table)(xmlDocPtr document, FILE *out),
		     void (*print_csv)(xmlDocPtr document, FILE *out));

/* Prints "ecap: message" on stderr (escaped when it quotes a name that is
 * not plain) and returns code. */
int report_failure(int code, const char *message);

/* A filter's input, all of it, NUL-terminated. */
struct command_input {
	char *bytes;
	size_t size;
};

/* Reads path, or standard input when path is NULL, into input (bytes owned,
 * freed by the caller even on failure). */
int command_read_input(const char *path, struct command_input *input, struct error *err);

#endif
