/* tmxalign align --batch / --pair-dir: many document pairs into one memory.
 * Parses options, draws the progress bar, prints the summary; the work is
 * ta_batch_align() (batch.h). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <tmxalign/batch.h>
#include <unistd.h>

#include "cli.h"
#include "cli_lexicon.h" /* the lexicon options of plain align */

static void batch_help(FILE *fp) {
  fputs(
      "usage: tmxalign align --batch MANIFEST -s LANG -t LANG -o OUT.tmx\n"
      "                      [options]\n"
      "       tmxalign align --pair-dir DIR -s LANG -t LANG -o OUT.tmx\n"
      "                      [options]\n"
      "\n"
      "Align many documents with their translations into one translation\n"
      "memory.  MANIFEST lists one pair a line, SOURCE<TAB>TARGET, paths\n"
      "relative to the manifest's directory ('-': standard input, paths\n"
      "relative to the current directory); blank lines and lines starting\n"
      "with '#' are skipped.  --pair-dir pairs the files of DIR by name:\n"
      "NAME.fr.txt with NAME.en.txt (the languages of -s and -t; also .html,\n"
      ".htm); files without their other half are reported as notes.\n"
      "\n"
      "Pairs are aligned on N threads and written in manifest order (sorted\n"
      "by name with --pair-dir): the output is the same whatever N is.  In\n"
      "TMX, tuids run on across documents and each unit's x-document prop\n"
      "names its source file.  A pair that fails (missing file, bad\n"
      "encoding...) is reported and skipped, unless --strict.\n"
      "\n"
      "options:\n"
      "      --batch MANIFEST    the list of pairs\n"
      "      --pair-dir DIR      pair the files of DIR by name instead\n"
      "  -s, --source-lang LANG  BCP-47 tag of the sources (fr, en, ...)\n"
      "  -t, --target-lang LANG  BCP-47 tag of the translations\n"
      "  -o, --output FILE       write there (atomically); default: stdout\n"
      "  -f, --format FMT        tmx (default), tsv or jsonl (each object\n"
      "                          starts with \"pair\" and \"document\")\n"
      "  -j, --jobs N            worker threads (default 1; 0: one per core)\n"
      "      --strict            stop at the first failed pair: exit 2, the\n"
      "                          output is not written (an old file stays)\n"
      "      --presplit          one sentence per line in every document\n"
      "      --max-bead N        largest bead: m + n <= N (default 5)\n"
      "      --min-score S       tmx: leave out beads scoring below S\n"
      "      --keep-unaligned    tmx: keep 1-0 and 0-1 beads as units with\n"
      "                          one <tuv>\n"
      "      --no-paragraphs     ignore paragraph boundaries\n"
      "      --one-pass          do not re-estimate the model per "
      "pair\n" CLI_LEXICON_HELP
      "                          (--dict: loaded once, whole, for all pairs;\n"
      "                          --lexicon-save is not available here)\n"
      "  -v, --verbose           the aligner's notes for each pair\n"
      "  -q, --quiet             no progress bar, no summary\n"
      "  -h, --help              this help\n"
      "\n"
      "On a terminal, standard error shows a progress bar (pairs done,\n"
      "sentences per second, time left); at the end a summary: pairs\n"
      "written and failed, units, sentences, seconds.\n"
      "\n"
      "examples:\n"
      "  printf 'ch1.fr.txt\\tch1.en.txt\\nch2.fr.txt\\tch2.en.txt\\n' "
      ">book.tsv\n"
      "  tmxalign align --batch book.tsv -s fr -t en -o book.tmx\n"
      "  tmxalign align --pair-dir corpus/ -s fr -t en -j 0 -o corpus.tmx\n"
      "  paste <(ls fr/*.txt) <(ls en/*.txt) | tmxalign align --batch - \\\n"
      "      -s fr -t en -o all.tmx\n"
      "  tmxalign align --batch list.tsv -s de -t fr --presplit --strict \\\n"
      "      -f jsonl -o list.jsonl\n"
      "\n"
      "exit status: 0 success (failed pairs are reported), 2 error: bad\n"
      "usage, unreadable manifest, every pair failed, a pair failed with\n"
      "--strict, output not written\n",
      fp);
}

/* Progress bar and messages share standard error: a message first erases
 * the bar, which the next progress call draws again. */
typedef struct ui {
  bool bar;    /* standard error is a terminal and not --quiet */
  bool drawn;  /* a bar is on the screen */
  double last; /* seconds at the last draw */
} ui;

static void ui_erase(ui *u) {
  if (u->drawn) fputs("\r\033[K", stderr);
  u->drawn = false;
}

static void on_progress(void *user, const ta_batch_stats *s) {
  ui *u = user;
  if (!u->bar) return;
  /* Ten frames a second are enough; the last pair is always drawn. */
  if (u->drawn && s->seconds - u->last < 0.1 && s->pairs_done < s->pairs)
    return;
  u->last = s->seconds;
  enum { WIDTH = 24 };
  int fill = (int)(WIDTH * s->pairs_done / (s->pairs ? s->pairs : 1));
  char bar[WIDTH + 1];
  for (int i = 0; i < WIDTH; i++) bar[i] = i < fill ? '#' : '.';
  bar[WIDTH] = '\0';
  double rate = s->seconds > 0
                    ? (double)(s->src_sentences + s->tgt_sentences) / s->seconds
                    : 0;
  double eta = s->pairs_done ? s->seconds * (double)(s->pairs - s->pairs_done) /
                                   (double)s->pairs_done
                             : 0;
  unsigned long e = (unsigned long)(eta + 0.5);
  fprintf(stderr, "\r\033[K[%s] %zu/%zu pairs  %.0f sentences/s  ETA %lu:%02lu",
          bar, s->pairs_done, s->pairs, rate, e / 60, e % 60);
  if (s->pairs_failed) fprintf(stderr, "  %zu failed", s->pairs_failed);
  fflush(stderr);
  u->drawn = true;
}

static void on_error(void *user, size_t index, const ta_batch_pair *p,
                     const ta_error *err) {
  ui_erase(user);
  cli_error("pair %zu (%s, %s): %s", index + 1, p->src_name, p->tgt_name,
            err->message[0] ? err->message : ta_strerror(err->status));
}

static void on_note(void *user, const char *message) {
  ui_erase(user);
  cli_warn(NULL, message);
}

static void print_summary(const ta_batch_stats *s, const char *out,
                          ta_batch_format format) {
  size_t sent = s->src_sentences + s->tgt_sentences;
  fprintf(stderr,
          "tmxalign: %zu pairs: %zu aligned, %zu failed; %zu %s from %zu "
          "sentences (%zu + %zu) in %.2f s (%.1f pairs/s, %.0f sentences/s)"
          " -> %s\n",
          s->pairs, s->pairs_ok, s->pairs_failed, s->units,
          format == TA_BATCH_FORMAT_TMX ? "units" : "rows", sent, s->src_sentences,
          s->tgt_sentences, s->seconds,
          s->seconds > 0 ? (double)s->pairs_done / s->seconds : 0.0,
          s->seconds > 0 ? (double)sent / s->seconds : 0.0,
          strcmp(out, "-") ? out : "standard output");
}

enum {
  OPT_BATCH = 256,
  OPT_PAIR_DIR,
  OPT_STRICT,
  OPT_PRESPLIT,
  OPT_MAX_BEAD,
  OPT_MIN_SCORE,
  OPT_KEEP_UNALIGNED,
  OPT_NO_PARA,
  OPT_ONE_PASS
};

typedef struct batch_args {
  const char *manifest, *dir, *out;
  bool quiet, verbose;
  cli_lexicon lex; /* dictionaries: one table shared by all pairs */
} batch_args;

/* Options into o and a; CLI_OK or the exit status of a usage error. */
static int parse_args(int argc, char **argv, ta_batch_opts *o, batch_args *a) {
  static const struct option longopts[] = {
      {"batch", required_argument, NULL, OPT_BATCH},
      {"pair-dir", required_argument, NULL, OPT_PAIR_DIR},
      {"source-lang", required_argument, NULL, 's'},
      {"target-lang", required_argument, NULL, 't'},
      {"output", required_argument, NULL, 'o'},
      {"format", required_argument, NULL, 'f'},
      {"jobs", required_argument, NULL, 'j'},
      {"strict", no_argument, NULL, OPT_STRICT},
      {"presplit", no_argument, NULL, OPT_PRESPLIT},
      {"max-bead", required_argument, NULL, OPT_MAX_BEAD},
      {"min-score", required_argument, NULL, OPT_MIN_SCORE},
      {"keep-unaligned", no_argument, NULL, OPT_KEEP_UNALIGNED},
      {"no-paragraphs", no_argument, NULL, OPT_NO_PARA},
      {"one-pass", no_argument, NULL, OPT_ONE_PASS},
      {"quiet", no_argument, NULL, 'q'},
      {"verbose", no_argument, NULL, 'v'},
      CLI_LEXICON_LONGOPTS,
      {NULL, 0, NULL, 0}};
  static const char *const formats[] = {"tmx", "tsv", "jsonl"};
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, ":s:t:o:f:j:qv", longopts, NULL)) !=
         -1) {
    char *end;
    unsigned long v;
    switch (ch) {
      case OPT_BATCH:
        a->manifest = optarg;
        break;
      case OPT_PAIR_DIR:
        a->dir = optarg;
        break;
      case 's':
        o->src_lang = optarg;
        break;
      case 't':
        o->tgt_lang = optarg;
        break;
      case 'o':
        a->out = optarg;
        break;
      case 'q':
        a->quiet = true;
        break;
      case 'v':
        a->verbose = true;
        break;
      case CLI_OPT_DICT:
      case CLI_OPT_NO_LEXICON:
      case CLI_OPT_NO_SELF_TRAIN:
      case CLI_OPT_LEXICON_LOAD:
        if (!cli_lexicon_option(&a->lex, ch, optarg))
          return cli_usage_error("align", "too many --dict");
        break;
      case CLI_OPT_LEXICON_SAVE:
        return cli_usage_error(
            "align", "--lexicon-save takes a single pair, not --batch");
      case OPT_STRICT:
        o->strict = true;
        break;
      case OPT_PRESPLIT:
        o->split.input = TA_INPUT_PRESPLIT;
        break;
      case OPT_KEEP_UNALIGNED:
        o->tmx.keep_unaligned = true;
        break;
      case OPT_NO_PARA:
        o->align.use_paragraphs = false;
        break;
      case OPT_ONE_PASS:
        o->align.passes = 1;
        break;
      case 'f':
        o->format = (ta_batch_format)-1;
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
          if (!strcmp(optarg, formats[i])) o->format = (ta_batch_format)i;
        if (o->format == (ta_batch_format)-1)
          return cli_usage_error("align", "--format must be tmx, tsv or jsonl");
        break;
      case 'j':
        v = strtoul(optarg, &end, 10);
        if (*end || !*optarg || optarg[0] == '-' || v > 256)
          return cli_usage_error("align",
                                 "-j wants a number of threads, 0..256");
        o->threads = (unsigned)v;
        break;
      case OPT_MAX_BEAD:
        o->align.max_bead = (int)strtol(optarg, &end, 10);
        if (*end || o->align.max_bead < 2 || o->align.max_bead > 9)
          return cli_usage_error("align", "--max-bead must be 2..9");
        break;
      case OPT_MIN_SCORE:
        o->tmx.min_score = strtod(optarg, &end);
        if (*end || o->tmx.min_score < 0 || o->tmx.min_score > 1)
          return cli_usage_error("align", "--min-score must be in 0..1");
        break;
      case ':':
        return cli_usage_error("align", "an option is missing its argument");
      default:
        return cli_usage_error("align", "unknown option for --batch");
    }
  }
  if (a->manifest && a->dir)
    return cli_usage_error("align", "give --batch or --pair-dir, not both");
  if (optind < argc)
    return cli_usage_error("align",
                           "--batch and --pair-dir take no SRC TGT files");
  if (!o->src_lang || !o->tgt_lang)
    return cli_usage_error("align",
                           "both languages are required: -s LANG -t LANG");
  return CLI_OK;
}

/* One lexicon for every pair: the dictionaries are loaded whole (plain
 * align filters them to its one source text) and shared read-only by the
 * worker threads; self-training stays per pair. */
static ta_status prepare_lexicon(batch_args *a, ta_batch_opts *o) {
  cli_lexicon *l = &a->lex;
  if (l->off) {
    o->align.self_train = false;
    o->align.weights[TA_ANCHOR_LEXICON] = 0;
    return TA_OK;
  }
  if (l->no_train) o->align.self_train = false;
  if (!l->ndicts && !l->load) return TA_OK;
  ta_status st = ta_lexicon_new(&l->table, NULL);
  if (st != TA_OK) return cli_fail(st, NULL), st;
  st = cli_lexicon_load_dicts(l, o->src_lang, o->tgt_lang, NULL, a->verbose);
  if (st != TA_OK) return st;
  o->align.lexicon = l->table;
  return TA_OK;
}

/* "--batch -": the manifest on standard input, paths relative to the
 * current directory. */
static ta_status load_stdin_manifest(ta_batch_list **out, ta_error *err) {
  char *buf = NULL;
  size_t n = 0;
  ta_status st = cli_read_stdin(&buf, &n, err);
  if (st == TA_OK)
    st = ta_batch_manifest_parse("<stdin>", buf, n, NULL, out, err);
  free(buf);
  return st;
}

/* Why the batch failed, after the pairs' own messages. */
static int report_failure(ta_status st, const ta_error *err,
                          const ta_batch_stats *s, const ta_batch_opts *o,
                          const char *out) {
  const char *name = strcmp(out, "-") ? out : "standard output";
  if (s->pairs_failed && o->strict)
    cli_error("--strict: stopped after pair %zu failed; %s not written",
              s->pairs_done, name);
  else if (s->pairs_failed && !s->pairs_ok && s->pairs_done == s->pairs)
    cli_error("all %zu pairs failed; %s not written", s->pairs, name);
  else
    cli_fail(st, err);
  return CLI_ERROR;
}

int cmd_align_batch(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      batch_help(stdout);
      return CLI_OK;
    }
  ta_batch_opts o;
  ta_batch_opts_init(&o);
  batch_args a = {.out = "-", .lex = {.ndicts = 0}};
  int rc = parse_args(argc, argv, &o, &a);
  if (rc != CLI_OK) return rc;
  ui u = {.bar = !a.quiet && isatty(STDERR_FILENO)};
  o.progress = on_progress;
  o.on_error = on_error;
  o.note = (ta_note){on_note, &u};
  o.user = &u;
  if (a.verbose) {
    o.align.note.fn = on_note;
    o.align.note.user = &u;
  }
  if (prepare_lexicon(&a, &o) != TA_OK) return CLI_ERROR;
  ta_error err;
  ta_error_clear(&err);
  ta_batch_list *list = NULL;
  ta_status st;
  if (a.manifest && !strcmp(a.manifest, "-"))
    st = load_stdin_manifest(&list, &err);
  else if (a.manifest)
    st = ta_batch_manifest_load(a.manifest, &list, &err);
  else
    st = ta_batch_pair_dir(a.dir, o.src_lang, o.tgt_lang, (ta_note){cli_warn, NULL}, &list,
                           &err);
  if (st != TA_OK) {
    cli_lexicon_free(&a.lex);
    return cli_fail(st, &err);
  }
  if (!ta_batch_list_count(list)) {
    cli_error("%s: no document pairs found", a.manifest ? a.manifest : a.dir);
    ta_batch_list_free(list);
    cli_lexicon_free(&a.lex);
    return CLI_ERROR;
  }
  ta_batch_stats s;
  st = ta_batch_align(&o, ta_batch_list_pairs(list), ta_batch_list_count(list),
                      a.out, &s, &err);
  ui_erase(&u);
  rc = st == TA_OK ? CLI_OK : report_failure(st, &err, &s, &o, a.out);
  if (st == TA_OK && !a.quiet) print_summary(&s, a.out, o.format);
  ta_batch_list_free(list);
  cli_lexicon_free(&a.lex);
  return rc;
}
