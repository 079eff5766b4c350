/* tmxalign split: print the sentences of a document, as lines or JSON. */
#include <string.h>

#include "options.h"

static const cli_choice formats[] = {{"lines", TA_DOC_FORMAT_LINES, ".txt"},
                                     {"jsonl", TA_DOC_FORMAT_JSONL, ".jsonl"},
                                     {"json", TA_DOC_FORMAT_JSON, ".json"},
                                     {NULL, 0, NULL}};

static const cli_command split_cmd = {
    "split",
    "split",
    CLI_SPLIT,
    "FILE -l LANG [options]",
    "Print the sentences of FILE ('-' = standard input), one per line,\n"
    "with a blank line between paragraphs (so the output can be read\n"
    "back with --presplit).\n",
    "formats: lines, one sentence a line; jsonl, one JSON object per\n"
    "sentence; json, one array.  Objects carry paragraph, sentence, offset,\n"
    "end (byte offsets into FILE), line and text.\n"
    "\n"
    "examples:\n"
    "  tmxalign split corpora/pentagon/article.fr.txt -l fr\n"
    "  tmxalign split page.html -l en --format jsonl\n"
    "  tmxalign split old.txt -l de --encoding windows-1252\n"
    "  tmxalign split book.pdf -l fr --format jsonl   # line: the page\n"
    "  tmxalign split story.fr.txt -l fr --srx omegat.srx\n"
    "\n"
    "exit status: 0 success (an empty file gives no sentences and a note),\n"
    "2 error (usage, unreadable or undecodable input, unknown language)\n",
    formats};

typedef struct job {
  int format;
  const ta_doc *d;
} job;

static ta_status write_doc(FILE *fp, void *user, ta_error *err) {
  const job *j = user;
  return ta_doc_write(fp, (ta_doc_format)j->format, j->d, err);
}

int cmd_split(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &split_cmd);
  int first, rc, format;
  if (!cli_parse(&split_cmd, argc, argv, &a, &first, &rc)) return rc;
  if (first + 1 != argc)
    return cli_usage(a.cmd,
                     first == argc ? "no FILE given" : "give exactly one FILE");
  if (!a.split.lang)
    return cli_usage(a.cmd,
                     "no language given: add -l LANG (BCP-47, e.g. -l fr)");
  const char *out = a.out ? a.out : "-";
  if (!cli_output_format(&a, out, &format) ||
      !cli_outputs_safe(&out, 1, (const char *const *)argv + first, 1))
    return CLI_ERROR;
  a.split.note.fn = cli_warn;
  a.split.input = (ta_input_kind)a.input;
  ta_doc *d = NULL;
  if (cli_load_doc(argv[first], &a.split, &d) != TA_OK) return CLI_ERROR;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ta_outfile_write(out, write_doc, &(job){format, d}, &err);
  ta_doc_free(d);
  if (st != TA_OK) {
    cli_error("split: cannot write the output%s%s", err.message[0] ? ": " : "",
              err.message);
    return CLI_ERROR;
  }
  return CLI_OK;
}
