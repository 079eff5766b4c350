/* tmxalign: dispatch to a subcommand. */
#define _POSIX_C_SOURCE 200809L /* sigaction */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} commands[] = {
    {"split", cmd_split, "print the sentences of a document"},
    {"align", cmd_align, "align a document with its translation"},
    {"merge", cmd_merge, "merge TMX files, removing duplicates"},
    {"convert", cmd_convert, "convert a TMX file to TSV or JSON Lines"},
    {"check", cmd_check, "check that a translation is complete"},
    {"review", cmd_review, "review and fix an alignment in a browser"},
    {"pipe", cmd_pipe, "align (or check) JSON-lines jobs from stdin"},
};

static void usage(FILE *fp) {
  fprintf(fp,
          "usage: tmxalign COMMAND [OPTIONS] ...\n"
          "\n"
          "Align a document with its translation sentence by sentence, write\n"
          "TMX 1.4b translation memories, check translation completeness.\n"
          "\n"
          "commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf(fp,
          "\n"
          "'tmxalign COMMAND --help' describes a command, with examples.\n"
          "exit status: 0 success, 1 check found problems, 2 error\n");
}

/* SIGINT, SIGTERM, SIGHUP: remove the temporary files of the outputs
 * being written (their old files stay), then die of the signal, so that
 * the exit status says so (128 + N in a shell). */
static void on_signal(int sig) {
  ta_outfile_remove_temporaries();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install_handlers(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* an ignored signal (nohup) stays ignored */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
      sigaction(sigs[i], &sa, NULL);
  }
}

int main(int argc, char **argv) {
  install_handlers();
  if (argc < 2) {
    usage(stderr);
    return CLI_ERROR;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
      !strcmp(argv[1], "help")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("tmxalign %s\n", ta_version_string());
    return CLI_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name))
      return commands[i].run(argc - 1, argv + 1);
  cli_error("unknown command '%s' (try 'tmxalign --help')", argv[1]);
  return CLI_ERROR;
}
