/* commands.h - the ecap subcommands; each parses its own arguments, calls
 * the library, prints, and returns an exit code of exits.h. */
#ifndef ECAP_COMMANDS_H
#define ECAP_COMMANDS_H

int command_init(int argc, char **argv);
int command_run(int argc, char **argv);
int command_status(int argc, char **argv);
int command_register(int argc, char **argv);
int command_audit(int argc, char **argv);
/* the stage filters: validate, review, interview, certify, stages */
int command_stage(int argc, char **argv);
int command_render(int argc, char **argv);

/* Prints "ecap: message" on stderr and returns code. */
int report_failure(int code, const char *message);

#endif
