/* tmxalign check: is the translation complete?  Options and messages;
 * the work is ta_check_files and ta_check_batch (check.h). */
#include <string.h>
#include <tmxalign/batch.h>
#include <tmxalign/check.h>
#include <tmxalign/lexicon.h>
#include <unistd.h>

#include "options.h"

static const cli_choice formats[] = {
    {"text", TA_CHECK_FORMAT_TEXT, ".txt"},
    {"json", TA_CHECK_FORMAT_JSON, ".json"},
    {"html", TA_CHECK_FORMAT_HTML, ".html .htm"},
    {NULL, 0, NULL}};

static const cli_command check_cmd = {
    "check",
    "check",
    CLI_CHECK,
    "SRC TGT -s LANG -t LANG [options]\n"
    "FILE.xlf|FILE.po [-s LANG -t LANG] [options]\n"
    "--batch MANIFEST -s LANG -t LANG -o DIR [options]",
    "Align SRC with its translation TGT ('-' reads one from standard\n"
    "input) and report what looks incomplete:\n"
    "  omission          source sentences or paragraphs with no translation\n"
    "  partial-omission  a sentence dropped inside a merge (target too\n"
    "                    short for the sentences it stands for)\n"
    "  addition          target text with no source\n"
    "  number            numbers, dates or times missing or different\n"
    "                    (1 000,5 = 1,000.5; 15 % = 15%; 2,5 millions =\n"
    "                    2.5 million; 14h30 = 2:30 p.m.)\n"
    "  untranslated      target sentence identical to, or mostly the words\n"
    "                    of, its source\n"
    "  length            a bead far longer/shorter than the pair's length\n"
    "                    model predicts (truncated or padded)\n"
    "  punctuation       unbalanced quotes/brackets the source balances; a\n"
    "                    question without '?'\n"
    "  language          a document in another language than -s/-t say\n"
    "An XLIFF or PO file alone is checked as it is paired (each unit a\n"
    "bead, a unit without target an omission; languages from the file).\n"
    "A summary comes first: coverage (share of source sentences and\n"
    "characters translated), counts by kind, mean alignment confidence and\n"
    "the verdict.\n",
    "examples:\n"
    "  tmxalign check story.fr.txt story.en.txt -s fr -t en\n"
    "  tmxalign check story.fr.txt story.en.txt -s fr -t en -f html \\\n"
    "      -o report.html\n"
    "  tmxalign check a.fr a.en -s fr -t en -f json --fail-on omission \\\n"
    "      --min-coverage 0.95 && echo complete\n"
    "  tmxalign check project.fr-en.xlf -f html -o report.html\n"
    "  tmxalign check --batch pairs.tsv -s fr -t en -f html -o reports/\n"
    "  grep ': omission:' <(tmxalign check a.fr a.en -s fr -t en)\n"
    "  tmxalign check a.de a.fr -s de -t fr --dict auto  # FreeDict\n"
    "\n"
    "exit status: 0 complete by the thresholds, 1 findings exceed them,\n"
    "2 error\n",
    formats};

static void verdict_note(const char *name, const ta_check_summary *s) {
  fprintf(stderr, "tmxalign: %s: %s, coverage %.1f%%", name,
          s->complete ? "complete" : "incomplete", 100 * s->coverage);
  for (int k = 0; k < TA_FINDING_KIND_COUNT; k++)
    if (s->by_kind[k])
      fprintf(stderr, ", %zu %s", s->by_kind[k],
              ta_finding_kind_name((ta_finding_kind)k));
  fputc('\n', stderr);
}

/* The lexicon options, applied to each pair (ta_check_lexicon_fn). */
static ta_status lexicon(void *user, const ta_doc *src, const ta_doc *tgt,
                         ta_align_opts *ao, ta_error *err) {
  (void)err; /* cli_lexicon_prepare reports its own errors */
  return cli_lexicon_prepare(user, src, tgt, ao, false);
}

static void on_pair(void *user, size_t index, const ta_batch_pair *p,
                    const ta_check_index_entry *e) {
  (void)index, (void)p;
  if (e->status != TA_OK)
    cli_error("%s", e->error);
  else if (!*(const bool *)user)
    verdict_note(e->tgt_path, &e->summary);
}

/* Every pair of the manifest into its own report in outdir, then the
 * index.  Exit: 2 if a pair failed, else 1 if one is incomplete. */
static int run_batch(cli_args *a, ta_check_run_opts *o, const char *outdir) {
  ta_batch_list *list = NULL;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ta_batch_manifest_load_flags(
      a->batch, a->confine ? TA_BATCH_MANIFEST_CONFINED : 0, &list, &err);
  ta_check_batch_stats s;
  o->on_pair = on_pair;
  o->user = &a->quiet;
  if (st == TA_OK)
    st = ta_check_batch(o, ta_batch_list_pairs(list), ta_batch_list_count(list),
                        outdir, &s, &err);
  ta_batch_list_free(list);
  if (st != TA_OK) return cli_fail(st, &err);
  if (!a->quiet)
    fprintf(stderr, "tmxalign: %zu pairs checked, index in %s/index.%s\n",
            s.pairs, outdir,
            a->format == TA_CHECK_FORMAT_JSON   ? "json"
            : a->format == TA_CHECK_FORMAT_HTML ? "html"
                                                : "txt");
  return s.failed ? CLI_ERROR : s.incomplete ? CLI_FINDINGS : CLI_OK;
}

/* The operands and outputs agree with the mode; fills o, its inputs in
 * ins (SRC and TGT or the manifest, the dictionaries). */
static int check_usage(cli_args *a, char **files, int nfiles, const char **ins,
                       ta_check_run_opts *o) {
  /* one XLIFF or PO file: already aligned, languages from the file */
  bool bitext = !a->batch && nfiles == 1 &&
                ta_bitext_sniff_file(files[0]) != TA_BITEXT_NONE;
  if (!bitext && (!a->slang || !a->tlang))
    return cli_usage(a->cmd, "both languages are required: -s LANG -t LANG");
  /* with --batch, -o names a directory: no format in its name */
  if (!cli_output_format(a, a->batch ? NULL : a->out, &a->format))
    return CLI_ERROR;
  if (a->batch && nfiles) return cli_usage(a->cmd, "--batch takes no SRC TGT");
  if (a->batch && !a->out)
    return cli_usage(a->cmd, "--batch needs -o DIR for the reports");
  if (!a->batch && nfiles != 2 && !bitext)
    return cli_usage(a->cmd, nfiles == 1
                                 ? "expected two files, SRC and TGT (one "
                                   "file only when it is XLIFF or PO)"
                                 : "expected two files, SRC and TGT");
  size_t n = 0;
  if (a->batch) ins[n++] = a->batch;
  for (int i = 0; i < nfiles && !a->batch; i++) ins[n++] = files[i];
  n += cli_lexicon_inputs(&a->lex, ins + n, CLI_LEXICON_MAX_DICTS + 1);
  /* with --batch, the library checks the reports */
  const char *outs[] = {a->batch ? NULL : a->out, a->lex.save};
  if (!cli_outputs_safe(outs, 2, ins, n)) return CLI_ERROR;
  ta_check_run_opts_init(o);
  o->src_lang = a->slang;
  o->tgt_lang = a->tlang;
  o->split = a->split;
  o->split.note.fn = cli_warn;
  o->split.input = (ta_input_kind)a->input;
  o->check = a->check;
  o->format = (ta_check_format)a->format;
  o->lexicon = lexicon;
  o->lexicon_user = &a->lex;
  o->inputs = ins;
  o->ninputs = n;
  return CLI_OK;
}

int cmd_check(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &check_cmd);
  int first, rc;
  if (!cli_parse(&check_cmd, argc, argv, &a, &first, &rc)) return rc;
  const char *ins[CLI_LEXICON_MAX_DICTS + 3];
  ta_check_run_opts o;
  if ((rc = check_usage(&a, argv + first, argc - first, ins, &o)) != CLI_OK)
    return rc;
  if (a.batch) {
    rc = run_batch(&a, &o, a.out);
    cli_lexicon_free(&a.lex);
    return rc;
  }
  const char *out = a.out ? a.out : "-";
  bool to_tty = !strcmp(out, "-") && isatty(STDOUT_FILENO);
  if (o.format == TA_CHECK_FORMAT_TEXT &&
      (a.color == CLI_COLOR_ALWAYS || (a.color == CLI_COLOR_AUTO && to_tty)))
    o.format = TA_CHECK_FORMAT_TEXT_COLOR;
  ta_error err;
  ta_error_clear(&err);
  ta_check_summary sum;
  bool bitext = argc - first == 1; /* check_usage let one file through */
  ta_check_bitext_stats bs = {0, 0, 0};
  ta_status st =
      bitext
          ? ta_check_bitext_file(&o, argv[first], out, &sum, &bs, &err)
          : ta_check_files(&o, argv[first], argv[first + 1], out, &sum, &err);
  cli_lexicon_free(&a.lex);
  if (st != TA_OK) return cli_fail(st, &err);
  if (bitext && !a.quiet && (bs.untranslated || bs.fuzzy))
    fprintf(stderr,
            "tmxalign: %s: %zu of %zu units have no translation (checked "
            "as omissions), %zu are fuzzy (checked as translated)\n",
            argv[first], bs.untranslated, bs.units, bs.fuzzy);
  /* the verdict on stderr unless the text report already went to stdout */
  if (!a.quiet && strcmp(out, "-"))
    verdict_note(argv[first + (bitext ? 0 : 1)], &sum);
  return sum.complete ? CLI_OK : CLI_FINDINGS;
}
