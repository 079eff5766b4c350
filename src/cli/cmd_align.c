/* tmxalign align: align a document with one or more translations. */
#include <string.h>

#include "options.h"

enum { FORMAT_TMX = 100 }; /* beside the ta_align_format values */

static const cli_choice formats[] = {
    {"tsv", TA_ALIGN_FORMAT_TSV, ".tsv"},
    {"jsonl", TA_ALIGN_FORMAT_JSONL, ".jsonl"},
    {"beads", TA_ALIGN_FORMAT_BEADS, ".beads"},
    {"tmx", FORMAT_TMX, ".tmx"},
    {"html", TA_ALIGN_FORMAT_HTML, ".html .htm"},
    {"xlsx", TA_ALIGN_FORMAT_XLSX, ".xlsx"},
    {"epub", TA_ALIGN_FORMAT_EPUB, ".epub"},
    {NULL, 0, NULL}};

static const cli_command align_cmd = {
    "align",
    "align",
    CLI_ALIGN,
    "SRC TGT [TGT2 ...] -s LANG -t LANG[,LANG2...] [options]",
    "Split SRC and its translation TGT into sentences and align them.\n"
    "'-' reads one side from standard input.  With several translations\n"
    "(one language each in -t), each is aligned to SRC and the TMX has one\n"
    "<tuv> per language.\n",
    "formats:\n"
    "  tsv    source TAB target TAB score\n"
    "  jsonl  one object a bead: type, sentence indices, byte offsets,\n"
    "         texts, score and the cost components that explain it\n"
    "  beads  [0, 1]:[0]:score, the format of gold standards\n"
    "  tmx    TMX 1.4b translation memory, one <tu> per bead\n"
    "  html   a bilingual reader page: each paragraph beside its\n"
    "         translation (one under the other on a phone), uncertain\n"
    "         passages marked; one file, no script\n"
    "  xlsx   a spreadsheet for review: source, target, score, bead,\n"
    "         location; 'tmxalign convert' turns it into a TMX\n"
    "  epub   a bilingual EPUB 3 book, a chapter at each source heading\n"
    "\n"
    "examples:\n"
    "  tmxalign align story.fr.txt story.en.txt -s fr -t en\n"
    "  tmxalign align story.fr.txt story.en.txt -s fr -t en -o story.tmx\n"
    "  tmxalign align story.fr.txt story.en.txt story.de.txt -s fr \\\n"
    "      -t en,de -o story.tmx\n"
    "  tmxalign align a.fr.txt a.en.txt -s fr -t en --srx omegat.srx -o "
    "a.tmx\n"
    "  tmxalign align a.de a.fr -s de -t fr --presplit -f beads -o a.beads\n"
    "  tmxalign align book.fr.epub book.en.epub -s fr -t en -o book.epub\n"
    "  tmxalign align story.fr.txt story.en.txt -s fr -t en -o story.html\n"
    "  tmxalign align story.fr.txt story.en.txt -s fr -t en -o review.xlsx\n"
    "  tmxalign align big.fr big.en -s fr -t en -j 2 -o big.tmx\n"
    "  tmxalign align book.fr.txt book.en.txt -s fr -t en -f jsonl \\\n"
    "      --no-anchor number -v\n"
    "  tmxalign align a.de a.fr -s de -t fr --dict auto -v\n"
    "  tmxalign align a.de a.fr -s de -t fr --dict my.tsv \\\n"
    "      --lexicon-save a.lex.tsv\n"
    "\n"
    "exit status: 0 success, 2 error\n",
    formats};

/* --batch and --pair-dir make it another command (cmd_align_batch.c). */
static bool batch_mode(int argc, char **argv) {
  for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
    if (!strcmp(argv[i], "--batch") || !strcmp(argv[i], "--pair-dir") ||
        !strncmp(argv[i], "--batch=", 8) ||
        !strncmp(argv[i], "--pair-dir=", 11))
      return true;
  return false;
}

static void print_summary(const ta_alignment *al) {
  const ta_align_summary *s = ta_alignment_summary(al);
  fprintf(stderr, "tmxalign: %zu beads:", s->beads);
  for (int a = 0; a <= 5; a++)
    for (int b = 0; b <= 5; b++)
      if (s->by_type[a][b])
        fprintf(stderr, " %d-%d:%zu", a, b, s->by_type[a][b]);
  fprintf(stderr,
          "\ntmxalign: mean score %.3f, length ratio %.3f (variance %.2f), "
          "band %zu\n",
          s->mean_score, s->length_ratio, s->length_var, s->band);
}

/* Split "en,de" into at most max tags (pointers into the modified copy). */
static size_t split_langs(char *list, const char **tags, size_t max) {
  size_t n = 0;
  for (char *tok = strtok(list, ","); tok && n < max; tok = strtok(NULL, ","))
    tags[n++] = tok;
  return n;
}

/* The operands and languages agree: one -t tag a translation, TMX for
 * several.  Fills tags; CLI_OK or a reported usage error. */
static int check_operands(cli_args *a, size_t ntgt, int format,
                          const char **tags) {
  if (ntgt == 0)
    return cli_usage(a->cmd, "expected at least two files, SRC and TGT");
  if (!a->slang || !a->tlang)
    return cli_usage(a->cmd, "both languages are required: -s LANG -t LANG");
  if (ntgt > TA_TMX_MAX_TARGETS)
    return cli_usage(a->cmd, "too many translations (at most 16)");
  char *list = (char *)a->tlang; /* argv's own string: ours to cut */
  if (split_langs(list, tags, TA_TMX_MAX_TARGETS + 1) != ntgt)
    return cli_usage(a->cmd, "give one -t language per translation (-t en,de)");
  if (ntgt > 1 && a->lex.save)
    return cli_usage(a->cmd, "--lexicon-save takes a single translation");
  if (ntgt > 1 && format != FORMAT_TMX)
    return cli_usage(a->cmd,
                     "several translations need TMX output (-o FILE.tmx)");
  return CLI_OK;
}

/* Standard input once at most, and no output that is an input. */
static int check_files(const cli_args *a, char **files, size_t nfiles,
                       const char *out) {
  const char *ins[TA_TMX_MAX_TARGETS + 1 + CLI_LEXICON_MAX_DICTS + 1];
  size_t nin = 0, stdin_uses = 0;
  for (size_t i = 0; i < nfiles; i++) {
    stdin_uses += !strcmp(files[i], "-");
    ins[nin++] = files[i];
  }
  if (stdin_uses > 1)
    return cli_usage(a->cmd, "only one file can be standard input ('-')");
  nin += cli_lexicon_inputs(&a->lex, ins + nin, sizeof ins / sizeof *ins - nin);
  const char *outs[] = {out, a->lex.save};
  return cli_outputs_safe(outs, 2, ins, nin) ? CLI_OK : CLI_ERROR;
}

typedef struct job {
  int format;
  const ta_doc *src, *tgt;
  const ta_alignment *al;
} job;

static ta_status write_rows(FILE *fp, void *user, ta_error *err) {
  const job *j = user;
  return ta_alignment_write(fp, (ta_align_format)j->format, j->src, j->tgt,
                            j->al, err);
}

static ta_status write_text(const char *out, int format, const ta_doc *src,
                            const ta_doc *tgt, const ta_alignment *al) {
  ta_error err;
  ta_error_clear(&err);
  job j = {format, src, tgt, al};
  ta_status st = ta_outfile_write(out, write_rows, &j, &err);
  if (st == TA_EIO && strncmp(err.message, out, strlen(out)) != 0)
    /* the writer knows no file name */
    cli_error("%s: %s", strcmp(out, "-") ? out : "standard output",
              err.message);
  else if (st != TA_OK)
    cli_fail(st, &err);
  return st;
}

static ta_status write_tmx(const cli_args *a, const char *out,
                           const ta_doc *src, ta_doc *const *tgts,
                           ta_alignment *const *als, size_t ntgt) {
  ta_error err;
  ta_error_clear(&err);
  ta_tmx_align_stats stats = {0};
  ta_status st = ntgt == 1
                     ? ta_tmx_write_alignment(out, src, tgts[0], als[0],
                                              &a->tmx, &stats, &err)
                     : ta_tmx_write_multi(out, src, (const ta_doc *const *)tgts,
                                          (const ta_alignment *const *)als,
                                          ntgt, &a->tmx, &stats, &err);
  if (st != TA_OK) return cli_fail(st, &err), st;
  if (a->verbose)
    fprintf(stderr,
            "tmxalign: %s: %zu units written, %zu unaligned and %zu "
            "below --min-score left out\n",
            out, stats.units, stats.unaligned, stats.below_score);
  return TA_OK;
}

int cmd_align(int argc, char **argv) {
  if (batch_mode(argc, argv)) return cmd_align_batch(argc, argv);
  cli_args a;
  cli_args_init(&a, &align_cmd);
  int first, rc, format;
  if (!cli_parse(&align_cmd, argc, argv, &a, &first, &rc)) return rc;
  a.align.threads = a.threads;
  if (a.batch || a.pair_dir) return cmd_align_batch(argc, argv); /* --bat */
  const char *out = a.out ? a.out : "-", *tags[TA_TMX_MAX_TARGETS + 1];
  if (!cli_output_format(&a, out, &format)) return CLI_ERROR;
  size_t ntgt = argc - first >= 2 ? (size_t)(argc - first - 1) : 0;
  if ((rc = check_operands(&a, ntgt, format, tags)) != CLI_OK ||
      (rc = check_files(&a, argv + first, ntgt + 1, out)) != CLI_OK)
    return rc;
  if (a.alignment && ntgt > 1)
    return cli_usage(&align_cmd, "--alignment takes one translation");
  a.tmx.write.note.fn = cli_warn;
  a.split.note.fn = cli_warn;
  a.split.input = (ta_input_kind)a.input;
  ta_doc *src = NULL, *tgts[TA_TMX_MAX_TARGETS] = {NULL};
  ta_alignment *als[TA_TMX_MAX_TARGETS] = {NULL};
  ta_error err;
  ta_error_clear(&err);
  ta_status st;
  rc = CLI_ERROR;
  a.split.lang = a.slang;
  if (cli_load_doc(argv[first], &a.split, &src) != TA_OK) goto done;
  for (size_t k = 0; k < ntgt; k++) {
    a.split.lang = tags[k];
    if (cli_load_doc(argv[first + 1 + k], &a.split, &tgts[k]) != TA_OK)
      goto done;
    if (a.alignment) { /* given, not computed; edits applied */
      if (cli_given_alignment(a.alignment, &src, &tgts[k], &als[k], NULL))
        goto done;
      continue;
    }
    if (cli_lexicon_prepare(&a.lex, src, tgts[k], &a.align, a.verbose) != TA_OK)
      goto done;
    if ((st = ta_align(src, tgts[k], &a.align, &als[k], &err)) != TA_OK) {
      cli_fail(st, &err);
      goto done;
    }
    if (a.verbose) print_summary(als[k]);
  }
  st = format == FORMAT_TMX ? write_tmx(&a, out, src, tgts, als, ntgt)
                            : write_text(out, format, src, tgts[0], als[0]);
  if (st == TA_OK) rc = CLI_OK;
done:
  for (size_t k = 0; k < ntgt; k++) {
    ta_alignment_free(als[k]);
    ta_doc_free(tgts[k]);
  }
  cli_lexicon_free(&a.lex);
  ta_doc_free(src);
  return rc;
}
