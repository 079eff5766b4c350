/* The options of every subcommand, in one table (options.c): each row says
 * which commands take the option, how its value is checked and where it is
 * stored, and its line of --help.  The parser (parse.c) and the help
 * (help.c) are both driven by it, so a command cannot accept an option its
 * help does not list, and two commands cannot check one option two ways.
 *
 * Every command parses into the same cli_args, then reads the fields it
 * needs; fields start at the library's defaults (cli_args_init). */
#ifndef TMXALIGN_CLI_OPTIONS_H
#define TMXALIGN_CLI_OPTIONS_H

#include <stddef.h>
#include <tmxalign/check.h>

#include "cli.h"
#include "cli_lexicon.h"

/* Which commands an option belongs to. */
enum {
  CLI_SPLIT = 1u << 0,
  CLI_ALIGN = 1u << 1,
  CLI_BATCH = 1u << 2, /* align --batch / --pair-dir */
  CLI_CHECK = 1u << 3,
  CLI_MERGE = 1u << 4,
  CLI_CONVERT = 1u << 5,
  CLI_REVIEW = 1u << 6,
  CLI_PIPE = 1u << 7
};

/* A value of an option that takes a name (-f FMT, --color WHEN). */
typedef struct cli_choice {
  const char *name;
  int value;
  const char *exts; /* -f only: the -o extensions that select this format,
                       space-separated (".html .htm"); may be NULL */
} cli_choice;

/* A subcommand: its help text around the generated option list, and the
 * formats -f names (the first is the default). */
typedef struct cli_command {
  const char *name;  /* in messages: "tmxalign: NAME: ..." */
  const char *help;  /* how to get help: "align --batch" */
  unsigned bit;      /* CLI_ALIGN, ... */
  const char *usage; /* the operands of each form, a line each */
  const char *about; /* what the command does, before "options:" */
  const char *more;  /* after the options: formats, examples, exit status */
  const cli_choice *formats; /* NULL-terminated; NULL: no -f */
} cli_command;

enum { CLI_MAX_OPTIONS = 64 }; /* rows of cli_options */

typedef struct cli_args {
  const cli_command *cmd;
  const char *slang, *tlang, *out, *batch, *pair_dir;
  const char *alignment; /* --alignment FILE: a given alignment (JSONL) */
  int format; /* a value of cmd->formats; -1 until -f (cli_output_format) */
  int input;  /* ta_input_kind */
  int color;  /* CLI_COLOR_* */
  int inline_codes; /* ta_tmx_inline */
  bool help, verbose, quiet, strict, confine;
  bool pipe_check, inline_only; /* pipe --check, --inline-only */
  bool keep_fuzzy;              /* convert of XLIFF/PO: --keep-fuzzy */
  size_t max_line;              /* pipe --max-line */
  unsigned threads;
  ta_split_opts split;
  ta_align_opts align;
  ta_tmx_align_opts tmx;
  ta_check_opts check;
  cli_lexicon lex;
  bool seen[CLI_MAX_OPTIONS]; /* by row of cli_options: given on the line */
} cli_args;

enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

typedef struct cli_opt cli_opt;
/* Store s (NULL for a flag) in a; on a bad value, write why into
 * why[CLI_WHY] ("wants ..., not '...'") and return false. */
typedef bool (*cli_set_fn)(const cli_opt *o, const char *s, cli_args *a,
                           char *why);
enum { CLI_WHY = 512 };

struct cli_opt {
  const char *name; /* long name, without "--" */
  char letter;      /* short name, 0 for none */
  const char *arg;  /* what the value is called in --help; NULL: a flag */
  unsigned cmds;    /* CLI_* bits */
  cli_set_fn set;
  size_t at;        /* offsetof(cli_args, the field set stores to) */
  const char *help; /* NULL for -f: generated from the command's formats */
  double lo, hi;    /* numbers: the accepted range */
  bool lo_open;     /* numbers: lo itself is refused (> lo) */
  int value;        /* flags: the value stored */
  const cli_choice *choices; /* names: the values, NULL-terminated */
};

extern const cli_opt cli_options[];
extern const size_t cli_noptions;

/* Fill a with the library's defaults for cmd. */
void cli_args_init(cli_args *a, const cli_command *cmd);

/* Parse the options of argv (argv[0] is the command name) into a, which
 * cli_args_init has filled.  Returns true to go on, with *first the index
 * of the first operand; false when the command is over: after --help
 * (*rc = 0) or a usage error, already reported (*rc = CLI_ERROR). */
bool cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a,
               int *first, int *rc);

/* Whether the option called name (without "--") was given. */
bool cli_given(const cli_args *a, const char *name);

/* The format to write out ("-" or NULL: standard output) in: -f if given,
 * else the one whose extension out has, else the default (out has no
 * extension).  An extension no format has is refused, with a message:
 * returns false. */
bool cli_output_format(const cli_args *a, const char *out, int *format);

/* "tmxalign: CMD: <message> (try 'tmxalign CMD --help')"; CLI_ERROR. */
int cli_usage(const cli_command *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* convert of an XLIFF or PO file to TMX (cmd_convert_bitext.c). */
int cli_convert_bitext(const cli_args *a, const char *in);

/* Print cmd's --help on fp, the options from the table. */
void cli_help(const cli_command *cmd, FILE *fp);

/* "a, b or c": the names of a choice list, into buf. */
void cli_choice_list(const cli_choice *c, char *buf, size_t n);

#endif
