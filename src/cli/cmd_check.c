/* tmxalign check: is the translation complete?  Runs
 * ta_align and ta_check for one pair or every pair of a manifest, writes
 * the reports; all logic is in the library. */
#define _GNU_SOURCE /* strdup */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    "A summary comes first: coverage (share of source sentences and\n"
    "characters translated), counts by kind, mean alignment confidence and\n"
    "the verdict.\n",
    "examples:\n"
    "  tmxalign check story.fr.txt story.en.txt -s fr -t en\n"
    "  tmxalign check story.fr.txt story.en.txt -s fr -t en -f html \\\n"
    "      -o report.html\n"
    "  tmxalign check a.fr a.en -s fr -t en -f json --fail-on omission \\\n"
    "      --min-coverage 0.95 && echo complete\n"
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

/* "-" is standard input (cli_load_doc reports its own errors). */
static ta_status load(const char *path, const ta_split_opts *so, ta_doc **out,
                      ta_error *err) {
  if (strcmp(path, "-")) return ta_doc_load_file(path, so, out, err);
  ta_status st = cli_load_doc(path, so, out);
  if (st != TA_OK)
    snprintf(err->message, sizeof err->message, "standard input: %s",
             ta_strerror(st));
  return st;
}

/* Load, align, check one pair and write its report to out_path.  On
 * failure err is filled (the caller reports it). */
static ta_status check_pair(cli_args *a, const char *src_path,
                            const char *tgt_path, const char *out_path,
                            ta_check_format format, ta_check_summary *sum,
                            ta_error *err) {
  ta_split_opts so = a->split;
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_outfile *of = NULL;
  so.lang = a->slang;
  ta_status st = load(src_path, &so, &src, err);
  so.lang = a->tlang;
  if (st == TA_OK) st = load(tgt_path, &so, &tgt, err);
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  if (st == TA_OK) {
    st = cli_lexicon_prepare(&a->lex, src, tgt, &ao, false);
    if (st != TA_OK)
      snprintf(err->message, sizeof err->message, "%s: lexicon: %s", src_path,
               ta_strerror(st));
  }
  /* the table learned from the pair serves the aligner and the checker */
  ta_lexicon *learned = NULL;
  ta_check_opts co = a->check;
  if (st == TA_OK && ao.self_train && !a->lex.off) {
    st = ta_lexicon_learn(src, tgt, &ao, &learned, NULL, err);
    if (st == TA_OK && ao.lexicon)
      st = ta_lexicon_merge(learned, ao.lexicon, NULL);
    if (st == TA_OK) {
      ao.lexicon = learned;
      ao.self_train = false;
    }
  }
  co.lexicon = a->lex.off ? NULL : ao.lexicon;
  if (st == TA_OK) st = ta_align(src, tgt, &ao, &al, err);
  if (st == TA_OK) st = ta_check(src, tgt, al, &co, &rep, err);
  if (st == TA_OK) st = ta_outfile_open(out_path, &of, err);
  if (st == TA_OK)
    st = ta_check_report_write(ta_outfile_fp(of), format, src, tgt, al, rep,
                               err);
  if (st == TA_OK) {
    st = ta_outfile_commit(of, err);
    of = NULL;
  }
  if (st == TA_OK) *sum = *ta_check_report_summary(rep);
  ta_outfile_abort(of);
  ta_lexicon_free(learned);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(src);
  ta_doc_free(tgt);
  return st;
}

static const char *format_ext(ta_check_format f) {
  return f == TA_CHECK_FORMAT_JSON   ? "json"
         : f == TA_CHECK_FORMAT_HTML ? "html"
                                     : "txt";
}

/* "dir/a b/story.fr.txt" -> "dir_a_b_story.fr.txt.check.html" */
static char *report_name(const char *rel, ta_check_format f) {
  size_t n = strlen(rel);
  char *out = malloc(n + 16);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = rel[i];
    if (ch == '/' || ch == ' ' || ch == '\\') ch = '_';
    if (!(o == 0 && (ch == '.' || ch == '_'))) out[o++] = ch;
  }
  snprintf(out + o, 16, ".check.%s", format_ext(f));
  return out;
}

static char *join_path(const char *dir, const char *rel) {
  if (rel[0] == '/' || !dir[0]) return strdup(rel);
  size_t n = strlen(dir) + strlen(rel) + 2;
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/%s", dir, rel);
  return p;
}

/* Write the index of a batch into outdir. */
static int write_index(const cli_args *a, const char *outdir,
                       ta_check_index_entry *ent, size_t n) {
  char name[32];
  snprintf(name, sizeof name, "index.%s",
           format_ext((ta_check_format)a->format));
  char *ipath = join_path(outdir, name);
  ta_outfile *of = NULL;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ipath ? ta_outfile_open(ipath, &of, &err) : TA_ENOMEM;
  if (st == TA_OK)
    st = ta_check_index_write(ta_outfile_fp(of), (ta_check_format)a->format,
                              ent, n, &err);
  if (st == TA_OK) {
    st = ta_outfile_commit(of, &err);
    of = NULL;
  }
  ta_outfile_abort(of);
  if (st == TA_OK && !a->quiet)
    fprintf(stderr, "tmxalign: %zu pairs checked, index in %s\n", n, ipath);
  free(ipath);
  return st == TA_OK ? CLI_OK : cli_fail(st, &err);
}

/* Every pair of the manifest (ta_batch_manifest_load: SRC<TAB>TGT lines,
 * paths relative to it) checked into its own report in outdir, then the
 * index, worst first.  Exit: 2 if a pair failed, else 1 if one is
 * incomplete. */
static int run_batch(cli_args *a, const char *manifest, const char *outdir) {
  ta_batch_list *list = NULL;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ta_batch_manifest_load(manifest, &list, &err);
  if (st != TA_OK) return cli_fail(st, &err);
  if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
    cli_error("%s: %s", outdir, strerror(errno));
    ta_batch_list_free(list);
    return CLI_ERROR;
  }
  size_t n = ta_batch_list_count(list);
  const ta_batch_pair *pairs = ta_batch_list_pairs(list);
  ta_check_index_entry *ent = calloc(n ? n : 1, sizeof *ent);
  char **errors = calloc(n ? n : 1, sizeof *errors);
  char **reports = calloc(n ? n : 1, sizeof *reports);
  int rc = CLI_OK;
  if (!ent || !errors || !reports) {
    cli_error("%s: out of memory", manifest);
    rc = CLI_ERROR;
    n = 0;
  }
  for (size_t i = 0; i < n; i++) {
    const ta_batch_pair *p = &pairs[i];
    const char *sname = p->src_name ? p->src_name : p->src;
    const char *tname = p->tgt_name ? p->tgt_name : p->tgt;
    reports[i] = report_name(sname, (ta_check_format)a->format);
    char *out = reports[i] ? join_path(outdir, reports[i]) : NULL;
    ta_error_clear(&err);
    ent[i].src_path = sname;
    ent[i].tgt_path = tname;
    ent[i].report_path = reports[i];
    ent[i].status =
        out ? check_pair(a, p->src, p->tgt, out, (ta_check_format)a->format,
                         &ent[i].summary, &err)
            : TA_ENOMEM;
    free(out);
    if (ent[i].status != TA_OK) {
      errors[i] =
          strdup(err.message[0] ? err.message : ta_strerror(ent[i].status));
      ent[i].error = errors[i];
      cli_fail(ent[i].status, &err);
      rc = CLI_ERROR;
    } else {
      if (!a->quiet) verdict_note(tname, &ent[i].summary);
      if (!ent[i].summary.complete && rc == CLI_OK) rc = CLI_FINDINGS;
    }
  }
  if (ent && errors && reports) {
    int irc = write_index(a, outdir, ent, n);
    if (irc != CLI_OK) rc = irc;
  }
  for (size_t i = 0; i < n; i++) {
    free(errors[i]);
    free(reports[i]);
  }
  free(ent);
  free(errors);
  free(reports);
  ta_batch_list_free(list);
  return rc;
}

int cmd_check(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &check_cmd);
  int first, rc;
  if (!cli_parse(&check_cmd, argc, argv, &a, &first, &rc)) return rc;
  if (!a.slang || !a.tlang)
    return cli_usage(a.cmd, "both languages are required: -s LANG -t LANG");
  /* with --batch, -o names a directory: no format in its name */
  if (!cli_output_format(&a, a.batch ? NULL : a.out, &a.format))
    return CLI_ERROR;
  a.split.note.fn = cli_warn;
  a.split.input = (ta_input_kind)a.input;
  if (a.batch) {
    if (argc != first) return cli_usage(a.cmd, "--batch takes no SRC TGT");
    if (!a.out) return cli_usage(a.cmd, "--batch needs -o DIR for the reports");
    rc = run_batch(&a, a.batch, a.out);
    cli_lexicon_free(&a.lex);
    return rc;
  }
  if (argc - first != 2)
    return cli_usage(a.cmd, "expected two files, SRC and TGT");
  if (!strcmp(argv[first], "-") && !strcmp(argv[first + 1], "-"))
    return cli_usage(a.cmd, "only one file can be standard input ('-')");
  const char *out = a.out ? a.out : "-";
  const char *ins[CLI_LEXICON_MAX_DICTS + 3] = {argv[first], argv[first + 1]};
  size_t nin =
      2 + cli_lexicon_inputs(&a.lex, ins + 2, CLI_LEXICON_MAX_DICTS + 1);
  const char *outs[] = {out, a.lex.save};
  if (!cli_outputs_safe(outs, 2, ins, nin)) return CLI_ERROR;
  bool to_tty = !strcmp(out, "-") && isatty(STDOUT_FILENO);
  ta_check_format format = (ta_check_format)a.format;
  if (format == TA_CHECK_FORMAT_TEXT &&
      (a.color == CLI_COLOR_ALWAYS || (a.color == CLI_COLOR_AUTO && to_tty)))
    format = TA_CHECK_FORMAT_TEXT_COLOR;
  ta_error err;
  ta_error_clear(&err);
  ta_check_summary sum;
  ta_status st =
      check_pair(&a, argv[first], argv[first + 1], out, format, &sum, &err);
  cli_lexicon_free(&a.lex);
  if (st != TA_OK) return cli_fail(st, &err);
  /* the verdict on stderr unless the text report already went to stdout */
  if (!a.quiet && strcmp(out, "-")) verdict_note(argv[first + 1], &sum);
  return sum.complete ? CLI_OK : CLI_FINDINGS;
}
