/* Reading the command line with the option table: getopt_long's tables are
 * built from the rows of the command, every message names the option, and
 * the output format is chosen from -f or the name of -o. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "options.h"

int cli_usage(const cli_command *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "tmxalign: %s: ", c->name);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, " (try 'tmxalign %s --help')\n", c->help);
  va_end(ap);
  return CLI_ERROR;
}

/* --help and -h anywhere before "--" win over everything else, so that
 * "align --batch --help" is help, not a manifest named "--help".
 * --list-options prints the long names the command takes, one a line (not
 * in --help: it is for shell completion and the tests). */
static bool help_asked(const cli_command *cmd, int argc, char **argv) {
  for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      cli_help(cmd, stdout);
      return true;
    }
    if (!strcmp(argv[i], "--list-options")) {
      for (size_t k = 0; k < cli_noptions; k++)
        if (cli_options[k].cmds & cmd->bit)
          printf("--%s\n", cli_options[k].name);
      return true;
    }
  }
  return false;
}

bool cli_given(const cli_args *a, const char *name) {
  for (size_t k = 0; k < cli_noptions && k < CLI_MAX_OPTIONS; k++)
    if (a->seen[k] && !strcmp(cli_options[k].name, name)) return true;
  return false;
}

/* Options that cannot both hold: the second would silently undo or
 * ignore the first.  Every pair applies to the commands that take both. */
static const struct conflict {
  const char *a, *b, *why;
} conflict_table[] = {
    {"strip-tags", "keep-tags", "inline codes are either dropped or kept"},
    {"format", "to", "--to is -f"},
    {"input", "presplit", "--presplit is --input presplit"},
    {"no-lexicon", "dict", "--no-lexicon loads no dictionary"},
    {"no-lexicon", "lexicon-load", "--no-lexicon loads no table"},
    {"no-lexicon", "lexicon-save", "--no-lexicon learns no table to save"},
    {"no-self-train", "lexicon-save",
     "--no-self-train learns no table to save"},
    {"batch", "pair-dir", "they are two ways to list the pairs"},
    {"batch", "lexicon-save", "--lexicon-save takes a single pair"},
};

/* "--a and --b cannot both be given: why"; CLI_ERROR, or CLI_OK. */
static int conflicts(const cli_command *cmd, const cli_args *a) {
  for (size_t i = 0; i < sizeof conflict_table / sizeof *conflict_table; i++) {
    const struct conflict *c = &conflict_table[i];
    if (cli_given(a, c->a) && cli_given(a, c->b))
      return cli_usage(cmd, "--%s and --%s cannot both be given: %s", c->a,
                       c->b, c->why);
  }
  return CLI_OK;
}

enum { LONG_BASE = 256 }; /* getopt_long's value for row k: LONG_BASE + k */

/* The row of cmd that getopt_long's ch stands for, or NULL. */
static const cli_opt *row_of(const cli_command *cmd, int ch) {
  if (ch >= LONG_BASE && (size_t)(ch - LONG_BASE) < cli_noptions)
    return &cli_options[ch - LONG_BASE];
  for (size_t k = 0; k < cli_noptions; k++)
    if (cli_options[k].letter == ch && (cli_options[k].cmds & cmd->bit))
      return &cli_options[k];
  return NULL;
}

/* The option as typed: "--band" of "--band=x", or "-s". */
static int report_bad(const cli_command *cmd, int ch, char **argv) {
  const char *typed = argv[optind - 1];
  const cli_opt *o = optopt ? row_of(cmd, optopt) : NULL;
  char name[64];
  if (o && optopt >= LONG_BASE)
    snprintf(name, sizeof name, "--%s", o->name);
  else if (optopt)
    snprintf(name, sizeof name, "-%c", optopt);
  else
    snprintf(name, sizeof name, "%.*s", (int)strcspn(typed, "="), typed);
  if (ch == ':') return cli_usage(cmd, "option '%s' needs a value", name);
  if (o && !o->arg) return cli_usage(cmd, "option '%s' takes no value", name);
  return cli_usage(cmd, "unknown option '%s'", name);
}

bool cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a,
               int *first, int *rc) {
  *rc = CLI_OK;
  if (help_asked(cmd, argc, argv)) return false;
  struct option longs[64];
  char shorts[2 + 2 * 64] = ":";
  size_t nl = 0, ns = 1;
  for (size_t k = 0; k < cli_noptions && nl + 1 < 64; k++) {
    const cli_opt *o = &cli_options[k];
    if (!(o->cmds & cmd->bit)) continue;
    longs[nl++] =
        (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
                        LONG_BASE + (int)k};
    if (o->letter) {
      shorts[ns++] = o->letter;
      if (o->arg) shorts[ns++] = ':';
    }
  }
  longs[nl] = (struct option){NULL, 0, NULL, 0};
  shorts[ns] = '\0';
  optind = 1;
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
    const cli_opt *o = ch == '?' || ch == ':' ? NULL : row_of(cmd, ch);
    if (!o) {
      *rc = report_bad(cmd, ch, argv);
      return false;
    }
    char why[CLI_WHY];
    if (!o->set(o, optarg, a, why)) {
      *rc = cli_usage(cmd, "option '--%s' %s", o->name, why);
      return false;
    }
    a->seen[o - cli_options] = true;
  }
  if (a->help) { /* an abbreviation: --he */
    cli_help(cmd, stdout);
    return false;
  }
  if ((*rc = conflicts(cmd, a)) != CLI_OK) return false;
  *first = optind;
  return true;
}

/* ".tsv" of "dir.d/out.tsv"; NULL when the file name has none. */
static const char *extension(const char *path) {
  const char *base = strrchr(path, '/');
  const char *dot = strrchr(base ? base + 1 : path, '.');
  return dot && dot[1] ? dot : NULL;
}

static bool has_ext(const char *exts, const char *ext) {
  size_t n = strlen(ext);
  for (const char *p = exts; p && *p; p += strspn(p, " ")) {
    size_t len = strcspn(p, " ");
    if (len == n && !strncasecmp(p, ext, n)) return true;
    p += len;
  }
  return false;
}

bool cli_output_format(const cli_args *a, const char *out, int *format) {
  const cli_choice *f = a->cmd->formats;
  const char *ext = out && strcmp(out, "-") ? extension(out) : NULL;
  if (a->format >= 0 || !ext) { /* format may be &a->format */
    *format = a->format >= 0 ? a->format : f[0].value;
    return true;
  }
  for (size_t i = 0; f[i].name; i++)
    if (has_ext(f[i].exts, ext)) {
      *format = f[i].value;
      return true;
    }
  char names[160];
  cli_choice_list(f, names, sizeof names);
  cli_usage(a->cmd, "-o %s: %s writes %s; name one with -f", out, a->cmd->name,
            names);
  return false;
}
