/* tmxalign merge: one TMX memory from many, without duplicates. */
#include <tmxalign/tmx.h>

#include "options.h"

static const cli_command merge_cmd = {
    "merge",
    "merge",
    CLI_MERGE,
    "A.tmx B.tmx ... -o OUT.tmx [options]",
    "Merge translation memories into one TMX 1.4b file.  Units with the\n"
    "same languages and the same texts (after Unicode NFC and whitespace\n"
    "collapsing; case counts) are duplicates: the one with the highest\n"
    "x-score is kept, else the first.  Units are renumbered and keep their\n"
    "props.  All inputs must share the source language of the first one\n"
    "and use no language it lacks: merging en-fr with en-de is an error.\n"
    "Memory grows with the number of distinct units (about 100 bytes\n"
    "each), never with their texts.  -o is required ('-': standard\n"
    "output).\n",
    "examples:\n"
    "  tmxalign merge ch1.tmx ch2.tmx ch3.tmx -o book.tmx\n"
    "  tmxalign merge old.tmx new.tmx -o old.tmx   # safe: temp + rename\n"
    "\n"
    "exit status: 0 success, 2 error (the message names the file)\n",
    NULL};

int cmd_merge(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &merge_cmd);
  int first, rc;
  if (!cli_parse(&merge_cmd, argc, argv, &a, &first, &rc)) return rc;
  if (!a.out) return cli_usage(a.cmd, "-o OUT.tmx is required");
  if (first >= argc)
    return cli_usage(a.cmd, "expected at least one input file");
  /* No ta_outfile_check here: -o may be an input.  ta_tmx_merge reads
   * every input to its end before the temporary output is renamed over
   * the old file, so "merge old.tmx new.tmx -o old.tmx" updates old.tmx
   * (as --help promises) and destroys nothing. */
  ta_tmx_merge_opts o;
  ta_tmx_merge_opts_init(&o);
  o.write.note.fn = cli_warn;
  ta_error err;
  ta_error_clear(&err);
  ta_tmx_merge_stats s;
  ta_status st = ta_tmx_merge((const char *const *)argv + first,
                              (size_t)(argc - first), a.out, &o, &s, &err);
  if (st != TA_OK) return cli_fail(st, &err);
  if (!a.quiet)
    fprintf(stderr, "tmxalign: merged %zu units into %zu (%zu duplicates)\n",
            s.read, s.written, s.duplicates);
  return CLI_OK;
}
