/* tmxalign split: print the sentences of a document, as lines or JSON. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *fp) {
  fputs(
      "usage: tmxalign split FILE -l LANG [OPTIONS]\n"
      "\n"
      "Print the sentences of FILE ('-' = standard input), one per line,\n"
      "with a blank line between paragraphs (so the output can be read\n"
      "back with --presplit).\n"
      "\n"
      "options:\n"
      "  -l, --lang LANG      BCP-47 language tag (fr, en, de, zh-Hans,\n"
      "                       pt-BR); required: it selects ICU's rules and\n"
      "                       tmxalign's abbreviation tables\n"
      "      --format FMT     lines (default), jsonl (one JSON object per\n"
      "                       sentence) or json (one array); objects carry\n"
      "                       paragraph, sentence, offset, end (byte offsets\n"
      "                       into FILE), line and text\n"
      "      --input KIND     text, html or presplit (default: html for\n"
      "                       .html/.htm/.xhtml names, else text)\n"
      "      --presplit       same as --input presplit: one segment per\n"
      "                       line, blank lines separate paragraphs\n"
      "      --encoding NAME  decode FILE from NAME (windows-1252,\n"
      "                       iso-8859-1, utf-16, utf-16le...); default\n"
      "                       UTF-8, a BOM, or ICU's detection with a note\n"
      "      --max-sentence N cut sentences longer than N bytes (default\n"
      "                       1048576)\n"
      "      --max-input N    refuse inputs larger than N bytes (default\n"
      "                       1073741824)\n"
      "  -h, --help           this help\n"
      "\n"
      "examples:\n"
      "  tmxalign split corpora/pentagon/article.fr.txt -l fr\n"
      "  tmxalign split page.html -l en --format jsonl\n"
      "  tmxalign split old.txt -l de --encoding windows-1252\n"
      "\n"
      "exit status: 0 success (an empty file gives no sentences and a note),\n"
      "2 error (usage, unreadable or undecodable input, unknown language)\n",
      fp);
}

enum { OPT_FORMAT = 256, OPT_INPUT, OPT_PRESPLIT, OPT_ENCODING,
       OPT_MAX_SENTENCE, OPT_MAX_INPUT };

static const struct option long_opts[] = {
    {"lang", required_argument, NULL, 'l'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"input", required_argument, NULL, OPT_INPUT},
    {"presplit", no_argument, NULL, OPT_PRESPLIT},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"max-sentence", required_argument, NULL, OPT_MAX_SENTENCE},
    {"max-input", required_argument, NULL, OPT_MAX_INPUT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const struct named {
  const char *name;
  int value;
} formats[] = {{"lines", TA_DOC_FORMAT_LINES}, {"jsonl", TA_DOC_FORMAT_JSONL}, {"json", TA_DOC_FORMAT_JSON}},
  inputs[] = {{"text", TA_INPUT_TEXT}, {"html", TA_INPUT_HTML},
              {"presplit", TA_INPUT_PRESPLIT}};

static bool pick(const struct named *t, size_t n, const char *s, int *out) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(t[i].name, s)) {
      *out = t[i].value;
      return true;
    }
  return false;
}

static bool parse_size(const char *s, size_t *out) {
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (!*s || *end || *s == '-' || v == 0) return false;
  *out = (size_t)v;
  return true;
}

int cmd_split(int argc, char **argv) {
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.note.fn = cli_warn;
  int fmt = TA_DOC_FORMAT_LINES, kind = TA_INPUT_AUTO, c;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":l:h", long_opts, NULL)) != -1) {
    switch (c) {
      case 'l': o.lang = optarg; break;
      case 'h': help(stdout); return CLI_OK;
      case OPT_FORMAT:
        if (!pick(formats, sizeof formats / sizeof *formats, optarg, &fmt))
          return cli_usage_error("split", "--format: lines, jsonl or json");
        break;
      case OPT_INPUT:
        if (!pick(inputs, sizeof inputs / sizeof *inputs, optarg, &kind))
          return cli_usage_error("split", "--input: text, html or presplit");
        break;
      case OPT_PRESPLIT: kind = TA_INPUT_PRESPLIT; break;
      case OPT_ENCODING: o.encoding = optarg; break;
      case OPT_MAX_SENTENCE:
        if (!parse_size(optarg, &o.max_sentence_bytes))
          return cli_usage_error("split", "--max-sentence: a byte count");
        break;
      case OPT_MAX_INPUT:
        if (!parse_size(optarg, &o.max_input_bytes))
          return cli_usage_error("split", "--max-input: a byte count");
        break;
      case ':': {
        char what[96];
        snprintf(what, sizeof what, "option '%s' needs a value",
                 argv[optind - 1]);
        return cli_usage_error("split", what);
      }
      default: {
        char what[96];
        snprintf(what, sizeof what, "unknown option '%s'", argv[optind - 1]);
        return cli_usage_error("split", what);
      }
    }
  }
  if (optind + 1 != argc)
    return cli_usage_error("split", optind == argc ? "no FILE given"
                                                   : "give exactly one FILE");
  if (!o.lang)
    return cli_usage_error(
        "split", "no language given: add -l LANG (BCP-47, e.g. -l fr)");
  o.input = (ta_input_kind)kind;
  ta_doc *d = NULL;
  if (cli_load_doc(argv[optind], &o, &d) != TA_OK) return CLI_ERROR;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ta_doc_write(stdout, (ta_doc_format)fmt, d, &err);
  ta_doc_free(d);
  if (st == TA_OK && (fflush(stdout) != 0 || ferror(stdout))) st = TA_EIO;
  if (st != TA_OK) {
    cli_error("split: cannot write the output%s%s", err.message[0] ? ": " : "",
              err.message);
    return CLI_ERROR;
  }
  return CLI_OK;
}
