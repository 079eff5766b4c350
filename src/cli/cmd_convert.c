/* tmxalign convert: a TMX file to TSV or JSON Lines. */
#define _GNU_SOURCE
#include <getopt.h>
#include <string.h>
#include <tmxalign/tmx.h>

#include "cli.h"

static void help(void) {
  fputs(
      "usage: tmxalign convert IN.tmx --to tsv|jsonl [-o OUT] [options]\n"
      "\n"
      "Write one line per translation unit: TSV (source TAB target, with\n"
      "\\\\ \\t \\n \\r escaped) or JSON Lines ({\"tuid\", \"srclang\", "
      "\"tgtlang\",\n"
      "\"source\", \"target\", \"score\"}).  Reads TMX 1.1 to 1.4b in any\n"
      "encoding, streaming: memory stays flat on files of any size.  Units\n"
      "without both languages are skipped.\n"
      "\n"
      "options:\n"
      "  --to FORMAT       tsv (default) or jsonl\n"
      "  -o, --output OUT  output file, '-' = standard output (default)\n"
      "  -s, --source LANG source language (default: the header srclang)\n"
      "  -t, --target LANG target language (default: the first other one)\n"
      "  --strip-tags      drop inline codes (bpt ept it ph ut) and keep\n"
      "                    only text; default: codes as the original\n"
      "                    markup they stand for ('<b>')\n"
      "  --keep-tags       keep inline codes as TMX XML ('<bpt i=\"1\">...')\n"
      "  -h, --help        this help\n"
      "\n"
      "IN.tmx may be '-' for standard input.\n"
      "\n"
      "examples:\n"
      "  tmxalign convert story.tmx --to tsv -o story.tsv\n"
      "  tmxalign convert memory.tmx --to jsonl -s en -t de --strip-tags\n"
      "  tmxalign convert big.tmx | cut -f2 > target.txt\n"
      "\n"
      "exit status: 0 success, 2 error\n",
      stdout);
}

int cmd_convert(int argc, char **argv) {
  static const struct option longs[] = {
      {"to", required_argument, NULL, 'T'},
      {"output", required_argument, NULL, 'o'},
      {"source", required_argument, NULL, 's'},
      {"target", required_argument, NULL, 't'},
      {"strip-tags", no_argument, NULL, 'S'},
      {"keep-tags", no_argument, NULL, 'K'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  ta_tmx_convert_opts o;
  ta_tmx_convert_opts_init(&o);
  o.read.note.fn = cli_warn;
  const char *out = "-";
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:s:t:h", longs, NULL)) != -1) {
    switch (c) {
      case 'T':
        if (!strcmp(optarg, "tsv"))
          o.format = TA_TMX_CONVERT_FORMAT_TSV;
        else if (!strcmp(optarg, "jsonl"))
          o.format = TA_TMX_CONVERT_FORMAT_JSONL;
        else
          return cli_usage_error("convert", "--to takes tsv or jsonl");
        break;
      case 'o':
        out = optarg;
        break;
      case 's':
        o.srclang = optarg;
        break;
      case 't':
        o.tgtlang = optarg;
        break;
      case 'S':
        o.read.inline_codes = TA_TMX_INLINE_STRIP;
        break;
      case 'K':
        o.read.inline_codes = TA_TMX_INLINE_MARKUP;
        break;
      case 'h':
        help();
        return CLI_OK;
      default:
        return cli_usage_error("convert", "unknown option");
    }
  }
  if (argc - optind != 1)
    return cli_usage_error("convert", "expected one input file");
  ta_error err;
  ta_error_clear(&err);
  ta_tmx_convert_stats s;
  ta_status st = ta_tmx_convert(argv[optind], out, &o, &s, &err);
  if (st != TA_OK) return cli_fail(st, &err);
  if (s.skipped) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "%zu of %zu units skipped: they lack the source or the target "
             "language",
             s.skipped, s.units);
    cli_warn(NULL, msg);
  }
  return CLI_OK;
}
