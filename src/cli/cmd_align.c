/* tmxalign align: align a document with its translation. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_lexicon.h" /* lexicon options */

static void align_help(FILE *fp) {
  fputs(
      "usage: tmxalign align SRC TGT -s LANG -t LANG [options]\n"
      "\n"
      "Split SRC and its translation TGT into sentences and align them.\n"
      "'-' reads one side from standard input.\n"
      "\n"
      "options:\n"
      "  -s, --source-lang LANG  BCP-47 tag of SRC (fr, en, de, pt-BR, ...)\n"
      "  -t, --target-lang LANG  BCP-47 tag of TGT\n"
      "  -f, --format FMT        tsv (default), jsonl or beads\n"
      "  -o, --output FILE       write there (atomically) instead of stdout\n"
      "      --presplit          one sentence per line on both sides\n"
      "      --max-bead N        largest bead: m + n <= N (default 5)\n"
      "      --weight KIND=W     re-weight an anchor kind: number, identical,\n"
      "                          cognate, punct, lexicon (0 switches it off)\n"
      "      --no-anchor KIND    switch an anchor kind off (same as =0)\n"
      "      --no-paragraphs     ignore paragraph boundaries\n"
      "      --band N            initial half-width of the search band\n"
      "      --one-pass          do not re-estimate the model from a first\n"
      "                          pass (faster, less accurate)\n"
      CLI_LEXICON_HELP
      "  -v, --verbose           summary on stderr (beads by type, mean\n"
      "                          score, estimated length ratio)\n"
      "  -h, --help              this help\n"
      "\n"
      "formats:\n"
      "  tsv    source TAB target TAB score\n"
      "  jsonl  one object a bead: type, sentence indices, byte offsets,\n"
      "         texts, score and the cost components that explain it\n"
      "  beads  [0, 1]:[0]:score, the format of gold standards\n"
      "\n"
      "examples:\n"
      "  tmxalign align story.fr.txt story.en.txt -s fr -t en\n"
      "  tmxalign align a.de a.fr -s de -t fr --presplit -f beads -o a.beads\n"
      "  tmxalign align book.fr.txt book.en.txt -s fr -t en -f jsonl \\\n"
      "      --no-anchor number -v\n"
      "  tmxalign align a.de a.fr -s de -t fr --dict auto -v\n"
      "  tmxalign align a.de a.fr -s de -t fr --dict my.tsv \\\n"
      "      --lexicon-save a.lex.tsv\n"
      "\n"
      "exit status: 0 success, 2 error\n",
      fp);
}

static bool parse_kind(const char *name, ta_anchor_kind *k) {
  for (int i = 0; i < TA_ANCHOR_COUNT; i++)
    if (!strcmp(name, ta_anchor_name((ta_anchor_kind)i))) {
      *k = (ta_anchor_kind)i;
      return true;
    }
  return false;
}

static void print_summary(const ta_alignment *al) {
  const ta_align_summary *s = ta_alignment_summary(al);
  fprintf(stderr, "tmxalign: %zu beads:", s->beads);
  for (int a = 0; a <= 5; a++)
    for (int b = 0; b <= 5; b++)
      if (s->by_type[a][b]) fprintf(stderr, " %d-%d:%zu", a, b, s->by_type[a][b]);
  fprintf(stderr,
          "\ntmxalign: mean score %.3f, length ratio %.3f (variance %.2f), "
          "band %zu\n",
          s->mean_score, s->length_ratio, s->length_var, s->band);
}

enum { OPT_PRESPLIT = 256, OPT_MAX_BEAD, OPT_WEIGHT, OPT_NO_ANCHOR,
       OPT_NO_PARA, OPT_BAND, OPT_ONE_PASS };

int cmd_align(int argc, char **argv) {
  static const struct option longopts[] = {
      {"source-lang", required_argument, NULL, 's'},
      {"target-lang", required_argument, NULL, 't'},
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"presplit", no_argument, NULL, OPT_PRESPLIT},
      {"max-bead", required_argument, NULL, OPT_MAX_BEAD},
      {"weight", required_argument, NULL, OPT_WEIGHT},
      {"no-anchor", required_argument, NULL, OPT_NO_ANCHOR},
      {"no-paragraphs", no_argument, NULL, OPT_NO_PARA},
      {"band", required_argument, NULL, OPT_BAND},
      {"one-pass", no_argument, NULL, OPT_ONE_PASS},
      CLI_LEXICON_LONGOPTS,
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  const char *slang = NULL, *tlang = NULL, *out_path = "-";
  ta_align_format format = TA_FORMAT_TSV;
  bool presplit = false, verbose = false;
  ta_align_opts ao;
  ta_align_opts_init(&ao);
  cli_lexicon lex = {0};
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, ":s:t:f:o:vh", longopts, NULL)) != -1) {
    char *end;
    ta_anchor_kind kind;
    switch (ch) {
      case 's': slang = optarg; break;
      case 't': tlang = optarg; break;
      case 'o': out_path = optarg; break;
      case 'v': verbose = true; break;
      case 'h': align_help(stdout); return CLI_OK;
      case 'f':
        if (!strcmp(optarg, "tsv")) format = TA_FORMAT_TSV;
        else if (!strcmp(optarg, "jsonl")) format = TA_FORMAT_JSONL;
        else if (!strcmp(optarg, "beads")) format = TA_FORMAT_BEADS;
        else return cli_usage_error("align", "--format must be tsv, jsonl or beads");
        break;
      case OPT_PRESPLIT: presplit = true; break;
      case OPT_NO_PARA: ao.use_paragraphs = false; break;
      case OPT_ONE_PASS: ao.passes = 1; break;
      case OPT_MAX_BEAD:
        ao.max_bead = (int)strtol(optarg, &end, 10);
        if (*end || ao.max_bead < 2 || ao.max_bead > 9)
          return cli_usage_error("align", "--max-bead must be 2..9");
        break;
      case OPT_BAND:
        ao.min_band = (size_t)strtoul(optarg, &end, 10);
        if (*end || !ao.min_band)
          return cli_usage_error("align", "--band must be a positive number");
        break;
      case OPT_NO_ANCHOR:
        if (!parse_kind(optarg, &kind))
          return cli_usage_error("align", "unknown anchor kind");
        ao.weights[kind] = 0;
        break;
      case OPT_WEIGHT: {
        char *eq = strchr(optarg, '=');
        if (!eq) return cli_usage_error("align", "--weight wants KIND=W");
        *eq = '\0';
        if (!parse_kind(optarg, &kind))
          return cli_usage_error("align", "unknown anchor kind");
        ao.weights[kind] = strtod(eq + 1, &end);
        if (*end || ao.weights[kind] < 0)
          return cli_usage_error("align", "--weight wants a number >= 0");
        break;
      }
      case CLI_OPT_DICT: case CLI_OPT_NO_LEXICON: case CLI_OPT_LEXICON_LOAD:
      case CLI_OPT_LEXICON_SAVE: case CLI_OPT_NO_SELF_TRAIN:
        if (!cli_lexicon_option(&lex, ch, optarg))
          return cli_usage_error("align", "too many --dict");
        break;
      case ':': return cli_usage_error("align", "an option is missing its argument");
      default: return cli_usage_error("align", "unknown option");
    }
  }
  if (argc - optind != 2)
    return cli_usage_error("align", "expected two files, SRC and TGT");
  if (!slang || !tlang)
    return cli_usage_error("align", "both languages are required: -s LANG -t LANG");

  ta_split_opts so;
  ta_split_opts_init(&so);
  so.warn = cli_warn;
  if (presplit) so.input = TA_INPUT_PRESPLIT;
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_outfile *of = NULL;
  ta_error err;
  ta_error_clear(&err);
  int rc = CLI_ERROR;
  so.lang = slang;
  if (cli_load_doc(argv[optind], &so, &src) != TA_OK) goto done;
  so.lang = tlang;
  if (cli_load_doc(argv[optind + 1], &so, &tgt) != TA_OK) goto done;
  if (cli_lexicon_prepare(&lex, src, tgt, &ao, verbose) != TA_OK) goto done;
  ta_status st = ta_align(src, tgt, &ao, &al, &err);
  if (st != TA_OK) {
    cli_fail(st, &err);
    goto done;
  }
  if (verbose) print_summary(al);
  st = ta_outfile_open(out_path, &of, &err);
  if (st == TA_OK)
    st = ta_alignment_write(ta_outfile_fp(of), format, src, tgt, al, &err);
  if (st == TA_OK) {
    st = ta_outfile_commit(of, &err);
    of = NULL;
  }
  if (st != TA_OK) {
    cli_fail(st, &err);
    goto done;
  }
  rc = CLI_OK;
done:
  ta_outfile_abort(of);
  ta_alignment_free(al);
  cli_lexicon_free(&lex);
  ta_doc_free(src);
  ta_doc_free(tgt);
  return rc;
}
