/* tmxalign pipe: jobs as JSON lines on standard input, results as JSON
 * lines on standard output.  Options and messages; the work is
 * ta_pipe_run (pipe.h). */
#include <string.h>
#include <tmxalign/pipe.h>

#include "options.h"

static const cli_command pipe_cmd = {
    "pipe",
    "pipe",
    CLI_PIPE,
    "[options] < JOBS.jsonl > RESULTS.jsonl",
    "Read jobs from standard input, one JSON object a line, each a\n"
    "document pair, and write one JSON line per job on standard output,\n"
    "in input order, flushed after each, with the job's \"id\":\n"
    "  "
    "{\"id\":\"a\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\",\"src\":\"Texte.\","
    "\"tgt\":\"Text.\"}\n"
    "  {\"id\":2,\"src_path\":\"a.fr.txt\",\"tgt_path\":\"a.en.txt\","
    "\"presplit\":true}\n"
    "A result carries \"beads\", the objects of 'tmxalign align -f jsonl'\n"
    "(with --check: \"check\", the report of 'tmxalign check -f json').\n"
    "Per job: \"max_bead\", \"no_lexicon\", \"min_score\", \"presplit\";\n"
    "the options below are the defaults of every job.  A bad job (bad\n"
    "JSON, missing member, unreadable file, unknown language) gives\n"
    "{\"id\":...,\"error\":\"...\"} and the stream goes on.  Schema:\n"
    "docs/pipe.md.  Made for GNU parallel --pipe, Hadoop Streaming and\n"
    "Spark's RDD.pipe.\n",
    "examples:\n"
    "  tmxalign pipe -s fr -t en < jobs.jsonl > results.jsonl\n"
    "  parallel --pipe -N 100 --keep-order tmxalign pipe < jobs.jsonl\n"
    "  tmxalign pipe --check -j 4 < jobs.jsonl | jq .check.summary\n"
    "\n"
    "With -j N, N lines are read, run at once and written in order before\n"
    "the next N are read.\n"
    "\n"
    "exit status: 0 the input was read to its end, even when jobs failed\n"
    "(their lines say why), 2 error (usage, reading standard input or\n"
    "writing standard output failed)\n",
    NULL};

int cmd_pipe(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &pipe_cmd);
  int first, rc;
  if (!cli_parse(&pipe_cmd, argc, argv, &a, &first, &rc)) return rc;
  if (first != argc)
    return cli_usage(a.cmd,
                     "no operand is taken: jobs come on standard "
                     "input");
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  o.src_lang = a.slang;
  o.tgt_lang = a.tlang;
  o.split = a.split;
  o.split.input = (ta_input_kind)a.input;
  o.align = a.align;
  /* check's own default: beads of at most 4 sentences (check.h) */
  if (a.pipe_check && !cli_given(&a, "max-bead")) {
    ta_align_opts co;
    ta_check_align_opts_init(&co);
    o.align.max_bead = co.max_bead;
  }
  if (a.lex.off || a.lex.no_train) o.align.self_train = false;
  o.min_score = a.tmx.min_score;
  o.check = a.pipe_check;
  o.check_opts = a.check;
  if (a.max_line) o.max_line = a.max_line;
  o.threads = a.threads;
  o.no_paths = a.inline_only;
  ta_pipe_stats st;
  ta_error err;
  ta_error_clear(&err);
  ta_status s = ta_pipe_run(stdin, stdout, &o, &st, &err);
  if (s != TA_OK) return cli_fail(s, &err);
  return CLI_OK;
}
