/* tmxalign align --batch / --pair-dir: many document pairs into one memory.
 * Draws the progress bar and prints the summary; the work is
 * ta_batch_align() (batch.h). */
#include <stdlib.h>
#include <string.h>
#include <tmxalign/batch.h>
#include <unistd.h>

#include "options.h"

static const cli_choice formats[] = {{"tmx", TA_BATCH_FORMAT_TMX, ".tmx"},
                                     {"tsv", TA_BATCH_FORMAT_TSV, ".tsv"},
                                     {"jsonl", TA_BATCH_FORMAT_JSONL, ".jsonl"},
                                     {NULL, 0, NULL}};

static const cli_command batch_cmd = {
    "align",
    "align --batch",
    CLI_BATCH,
    "--batch MANIFEST -s LANG -t LANG -o OUT.tmx [options]\n"
    "--pair-dir DIR -s LANG -t LANG -o OUT.tmx [options]",
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
    "encoding...) is reported and skipped, unless --strict.  --dict\n"
    "tables are loaded once, whole, for all pairs; --lexicon-save takes a\n"
    "single pair, so it is not available here.\n",
    "formats: tmx, one memory; tsv and jsonl, the rows of plain align pair\n"
    "after pair, each jsonl object starting with \"pair\" and \"document\".\n"
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
    formats};

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
          format == TA_BATCH_FORMAT_TMX ? "units" : "rows", sent,
          s->src_sentences, s->tgt_sentences, s->seconds,
          s->seconds > 0 ? (double)s->pairs_done / s->seconds : 0.0,
          s->seconds > 0 ? (double)sent / s->seconds : 0.0,
          strcmp(out, "-") ? out : "standard output");
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

/* The batch options from what the table stored; CLI_OK or a reported
 * usage error. */
static int batch_opts(cli_args *a, int nfiles, ta_batch_opts *o) {
  if (nfiles)
    return cli_usage(a->cmd, "--batch and --pair-dir take no SRC TGT files");
  if (!a->slang || !a->tlang)
    return cli_usage(a->cmd, "both languages are required: -s LANG -t LANG");
  int format;
  if (!cli_output_format(a, a->out, &format)) return CLI_ERROR;
  ta_batch_opts_init(o);
  o->src_lang = a->slang;
  o->tgt_lang = a->tlang;
  o->split.input = (ta_input_kind)a->input;
  o->split.max_input_bytes = a->split.max_input_bytes;
  o->split.srx = a->split.srx;
  o->align = a->align;
  o->tmx = a->tmx;
  o->format = (ta_batch_format)format;
  o->threads = a->threads;
  o->strict = a->strict;
  return CLI_OK;
}

/* The pairs of the manifest or the directory.  "--batch -": the manifest
 * on standard input, paths relative to the current directory. */
static ta_status load_list(const cli_args *a, ta_batch_list **list,
                           ta_error *err) {
  if (a->batch)
    return ta_batch_manifest_load_flags(
        a->batch, a->confine ? TA_BATCH_MANIFEST_CONFINED : 0, list, err);
  return ta_batch_pair_dir(a->pair_dir, a->slang, a->tlang,
                           (ta_note){cli_warn, NULL}, list, err);
}

int cmd_align_batch(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &batch_cmd);
  ta_batch_opts o;
  int first, rc;
  if (!cli_parse(&batch_cmd, argc, argv, &a, &first, &rc)) return rc;
  if ((rc = batch_opts(&a, argc - first, &o)) != CLI_OK) return rc;
  const char *out = a.out ? a.out : "-";
  ui u = {.bar = !a.quiet && isatty(STDERR_FILENO)};
  o.progress = on_progress;
  o.on_error = on_error;
  o.note = (ta_note){on_note, &u};
  o.user = &u;
  if (a.verbose) {
    o.align.note.fn = on_note;
    o.align.note.user = &u;
  }
  const char *ins[CLI_LEXICON_MAX_DICTS + 2] = {a.batch};
  size_t nin =
      1 + cli_lexicon_inputs(&a.lex, ins + 1, CLI_LEXICON_MAX_DICTS + 1);
  if (!cli_outputs_safe(&out, 1, ins, nin)) return CLI_ERROR;
  if (cli_lexicon_shared(&a.lex, o.src_lang, o.tgt_lang, &o.align, a.verbose) !=
      TA_OK)
    return CLI_ERROR;
  ta_error err;
  ta_error_clear(&err);
  ta_batch_list *list = NULL;
  ta_status st = load_list(&a, &list, &err);
  rc = CLI_ERROR;
  if (st != TA_OK)
    cli_fail(st, &err);
  else if (!ta_batch_list_count(list))
    cli_error("%s: no document pairs found", a.batch ? a.batch : a.pair_dir);
  else {
    ta_batch_stats s;
    st = ta_batch_align(&o, ta_batch_list_pairs(list),
                        ta_batch_list_count(list), out, &s, &err);
    ui_erase(&u);
    rc = st == TA_OK ? CLI_OK : report_failure(st, &err, &s, &o, out);
    if (st == TA_OK && !a.quiet) print_summary(&s, out, o.format);
  }
  ta_batch_list_free(list);
  cli_lexicon_free(&a.lex);
  return rc;
}
