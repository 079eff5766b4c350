/* Helpers every subcommand shares: messages, loading a document. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("tmxalign: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

int cli_fail(ta_status st, const ta_error *err) {
  if (err && err->message[0])
    cli_error("%s", err->message);
  else
    cli_error("%s", ta_strerror(st));
  return CLI_ERROR;
}

void cli_warn(void *user, const char *message) {
  (void)user;
  fprintf(stderr, "tmxalign: note: %s\n", message);
}

bool cli_outputs_safe(const char *const *outs, size_t nout,
                      const char *const *ins, size_t nin) {
  enum { MAX = 64 };
  const char *others[MAX];
  for (size_t i = 0; i < nout; i++) {
    if (!outs[i]) continue;
    size_t n = 0;
    for (size_t k = 0; k < nin && n < MAX; k++)
      if (ins[k]) others[n++] = ins[k];
    for (size_t k = 0; k < nout && n < MAX; k++)
      if (k != i && outs[k]) others[n++] = outs[k];
    ta_error err;
    ta_error_clear(&err);
    ta_status st = ta_outfile_check(outs[i], others, n, &err);
    if (st != TA_OK) return cli_fail(st, &err), false;
  }
  return true;
}

ta_status cli_load_doc(const char *path, const ta_split_opts *opts,
                       ta_doc **out) {
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ta_doc_load_file(path, opts, out, &err);
  if (st != TA_OK) cli_fail(st, &err);
  return st;
}
