/* tmxalign align: align a document with its translation. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cli_lexicon.h" /* lexicon options */

static void align_help(FILE *fp) {
  fputs(
      "usage: tmxalign align SRC TGT [TGT2 ...] -s LANG -t LANG[,LANG2...]\n"
      "                      [options]\n"
      "\n"
      "Split SRC and its translation TGT into sentences and align them.\n"
      "'-' reads one side from standard input.  With several translations\n"
      "(one language each in -t), each is aligned to SRC and the TMX has one\n"
      "<tuv> per language.\n"
      "\n"
      "options:\n"
      "  -s, --source-lang LANG  BCP-47 tag of SRC (fr, en, de, pt-BR, ...)\n"
      "  -t, --target-lang LANG  BCP-47 tag of TGT (comma-separated for\n"
      "                          several translations)\n"
      "  -f, --format FMT        tsv (default), jsonl, beads or tmx (the\n"
      "                          default when FILE ends in .tmx)\n"
      "  -o, --output FILE       write there (atomically) instead of stdout\n"
      "      --keep-unaligned    tmx: keep 1-0 and 0-1 beads as units with\n"
      "                          one <tuv>\n"
      "      --min-score S       tmx: leave out beads scoring below S\n"
      "      --presplit          one sentence per line on both sides\n"
      "      --batch MANIFEST    many pairs (src TAB tgt a line) into one\n"
      "      --pair-dir DIR      memory; see 'tmxalign align --batch --help'\n"
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
      "  tmx    TMX 1.4b translation memory, one <tu> per bead\n"
      "\n"
      "examples:\n"
      "  tmxalign align story.fr.txt story.en.txt -s fr -t en\n"
      "  tmxalign align story.fr.txt story.en.txt -s fr -t en -o story.tmx\n"
      "  tmxalign align story.fr.txt story.en.txt story.de.txt -s fr \\\n"
      "      -t en,de -o story.tmx\n"
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
       OPT_NO_PARA, OPT_BAND, OPT_ONE_PASS, OPT_KEEP_UNALIGNED, OPT_MIN_SCORE };

enum { FORMAT_TMX = 100 };

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcasecmp(s + n - k, suffix);
}

/* Split "en,de" into at most max tags (pointers into the modified copy). */
static size_t split_langs(char *list, const char **tags, size_t max) {
  size_t n = 0;
  for (char *tok = strtok(list, ","); tok && n < max; tok = strtok(NULL, ","))
    tags[n++] = tok;
  return n;
}

typedef struct align_job {
  const char *out_path;
  int format; /* ta_align_format or FORMAT_TMX */
  bool verbose;
  ta_tmx_align_opts tmx;
} align_job;

static ta_status write_text_format(const align_job *job, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *al,
                                   ta_error *err) {
  ta_outfile *of = NULL;
  ta_status st = ta_outfile_open(job->out_path, &of, err);
  if (st == TA_OK)
    st = ta_alignment_write(ta_outfile_fp(of), (ta_align_format)job->format,
                            src, tgt, al, err);
  if (st == TA_OK) return ta_outfile_commit(of, err);
  ta_outfile_abort(of);
  return st;
}

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
      {"keep-unaligned", no_argument, NULL, OPT_KEEP_UNALIGNED},
      {"min-score", required_argument, NULL, OPT_MIN_SCORE},
      CLI_LEXICON_LONGOPTS,
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  /* Many pairs into one memory: a mode of its own (cmd_align_batch.c). */
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "--batch") || !strcmp(argv[i], "--pair-dir") ||
        !strncmp(argv[i], "--batch=", 8) || !strncmp(argv[i], "--pair-dir=", 11))
      return cmd_align_batch(argc, argv);
  const char *slang = NULL;
  char *tlangs = NULL;
  bool presplit = false, format_given = false;
  align_job job = {.out_path = "-", .format = TA_ALIGN_FORMAT_TSV};
  ta_tmx_align_opts_init(&job.tmx);
  job.tmx.write.note.fn = cli_warn;
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
      case 't': tlangs = optarg; break;
      case 'o': job.out_path = optarg; break;
      case 'v': job.verbose = true; break;
      case 'h': align_help(stdout); return CLI_OK;
      case 'f':
        format_given = true;
        if (!strcmp(optarg, "tsv")) job.format = TA_ALIGN_FORMAT_TSV;
        else if (!strcmp(optarg, "jsonl")) job.format = TA_ALIGN_FORMAT_JSONL;
        else if (!strcmp(optarg, "beads")) job.format = TA_ALIGN_FORMAT_BEADS;
        else if (!strcmp(optarg, "tmx")) job.format = FORMAT_TMX;
        else return cli_usage_error("align", "--format must be tsv, jsonl, beads or tmx");
        break;
      case OPT_PRESPLIT: presplit = true; break;
      case OPT_NO_PARA: ao.use_paragraphs = false; break;
      case OPT_ONE_PASS: ao.passes = 1; break;
      case OPT_KEEP_UNALIGNED: job.tmx.keep_unaligned = true; break;
      case OPT_MIN_SCORE:
        job.tmx.min_score = strtod(optarg, &end);
        if (*end || job.tmx.min_score < 0 || job.tmx.min_score > 1)
          return cli_usage_error("align", "--min-score must be in 0..1");
        break;
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
  if (!format_given && ends_with(job.out_path, ".tmx")) job.format = FORMAT_TMX;
  size_t ntgt = argc - optind >= 2 ? (size_t)(argc - optind - 1) : 0;
  if (ntgt == 0)
    return cli_usage_error("align", "expected at least two files, SRC and TGT");
  if (!slang || !tlangs)
    return cli_usage_error("align", "both languages are required: -s LANG -t LANG");
  if (ntgt > TA_TMX_MAX_TARGETS)
    return cli_usage_error("align", "too many translations (at most 16)");
  const char *tags[TA_TMX_MAX_TARGETS + 1];
  size_t ntags = split_langs(tlangs, tags, TA_TMX_MAX_TARGETS + 1);
  if (ntags != ntgt)
    return cli_usage_error("align", "give one -t language per translation (-t en,de)");
  if (ntgt > 1 && job.format != FORMAT_TMX)
    return cli_usage_error("align", "several translations need TMX output (-o FILE.tmx)");

  ta_split_opts so;
  ta_split_opts_init(&so);
  so.note.fn = cli_warn;
  if (presplit) so.input = TA_INPUT_PRESPLIT;
  ta_doc *src = NULL, *tgts[TA_TMX_MAX_TARGETS] = {NULL};
  ta_alignment *als[TA_TMX_MAX_TARGETS] = {NULL};
  ta_error err;
  ta_error_clear(&err);
  int rc = CLI_ERROR;
  ta_status st;
  so.lang = slang;
  if (cli_load_doc(argv[optind], &so, &src) != TA_OK) goto done;
  for (size_t k = 0; k < ntgt; k++) {
    so.lang = tags[k];
    if (cli_load_doc(argv[optind + 1 + k], &so, &tgts[k]) != TA_OK) goto done;
    if (cli_lexicon_prepare(&lex, src, tgts[k], &ao, job.verbose) != TA_OK)
      goto done;
    st = ta_align(src, tgts[k], &ao, &als[k], &err);
    if (st != TA_OK) {
      cli_fail(st, &err);
      goto done;
    }
    if (job.verbose) print_summary(als[k]);
  }
  if (job.format != FORMAT_TMX) {
    st = write_text_format(&job, src, tgts[0], als[0], &err);
    if (st == TA_EIO && strncmp(err.message, job.out_path,
                                strlen(job.out_path)) != 0) {
      /* the writer knows no file name */
      cli_error("%s: %s",
                strcmp(job.out_path, "-") ? job.out_path : "standard output",
                err.message);
      goto done;
    }
  } else {
    ta_tmx_align_stats stats = {0};
    if (ntgt == 1)
      st = ta_tmx_write_alignment(job.out_path, src, tgts[0], als[0], &job.tmx,
                                  &stats, &err);
    else
      st = ta_tmx_write_multi(job.out_path, src, (const ta_doc *const *)tgts,
                              (const ta_alignment *const *)als, ntgt, &job.tmx,
                              &stats, &err);
    if (st == TA_OK && job.verbose)
      fprintf(stderr,
              "tmxalign: %s: %zu units written, %zu unaligned and %zu "
              "below --min-score left out\n",
              job.out_path, stats.units, stats.unaligned, stats.below_score);
  }
  if (st != TA_OK) {
    cli_fail(st, &err);
    goto done;
  }
  rc = CLI_OK;
done:
  for (size_t k = 0; k < ntgt; k++) {
    ta_alignment_free(als[k]);
    ta_doc_free(tgts[k]);
  }
  cli_lexicon_free(&lex);
  ta_doc_free(src);
  return rc;
}
