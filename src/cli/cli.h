/* The tmxalign command line: one file per subcommand, all logic in the
 * library.  Exit codes, for every subcommand:
 *   0  success (check: the translation is complete by the thresholds)
 *   1  check only: findings exceed the thresholds
 *   2  error: bad usage, unreadable input, failed output */
#ifndef TMXALIGN_CLI_H
#define TMXALIGN_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <tmxalign/tmxalign.h>

enum { CLI_OK = 0, CLI_FINDINGS = 1, CLI_ERROR = 2 };

int cmd_split(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_align_batch(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_pipe(int argc, char **argv);

/* Print "tmxalign: <msg>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Report a failed library call: "tmxalign: <message or strerror>". */
int cli_fail(ta_status st, const ta_error *err);
/* Warning callback for the library: prints "tmxalign: note: ..." */
void cli_warn(void *user, const char *message);
/* Refuse to run when one of outs[0..nout) (NULL entries skipped) is the
 * same file as an input ins[0..nin) or another output: the message names
 * it (ta_outfile_check).  Returns false after reporting. */
bool cli_outputs_safe(const char *const *outs, size_t nout,
                      const char *const *ins, size_t nin);
/* Load FILE ("-" = standard input) with opts; reports errors itself. */
ta_status cli_load_doc(const char *path, const ta_split_opts *opts,
                       ta_doc **out);

/* --alignment FILE (given.c): read it as the alignment of *src with
 * *tgt, reporting errors itself.  With marks, fills them (the caller
 * frees); without, edited sentences replace the documents' own texts
 * (*src and *tgt are replaced). */
ta_status cli_given_alignment(const char *path, ta_doc **src, ta_doc **tgt,
                              ta_alignment **al, ta_alignment_marks *marks);

#endif
