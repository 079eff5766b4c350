/* tmxalign check: is the translation complete?  Parses options, runs
 * ta_align and ta_check for one pair or every pair of a manifest, writes
 * the reports; all logic is in the library. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tmxalign/batch.h>
#include <tmxalign/check.h>
#include <tmxalign/lexicon.h>
#include <unistd.h>

#include "cli.h"
#include "cli_lexicon.h" /* lexicon options */

static void check_help(void) {
  fputs(
      "usage: tmxalign check SRC TGT -s LANG -t LANG [options]\n"
      "       tmxalign check --batch MANIFEST -s LANG -t LANG -o DIR\n"
      "\n"
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
      "the verdict.\n"
      "\n"
      "options:\n"
      "  -s, --source-lang LANG  BCP-47 tag of SRC (fr, en, de, ...)\n"
      "  -t, --target-lang LANG  BCP-47 tag of TGT\n"
      "  -f, --format FMT        text (default), json or html\n"
      "  -o, --output FILE       write the report there (atomically); with\n"
      "                          --batch, the directory for the reports\n"
      "      --presplit          one sentence per line on both sides\n"
      "      --min-coverage X    incomplete below this share of source\n"
      "                          sentences translated (default 0.98)\n"
      "      --fail-on KINDS     comma-separated kinds that make the check\n"
      "                          fail (default omission,partial-omission,\n"
      "                          number; 'none' for coverage only)\n"
      "      --only KINDS        look only for these kinds\n"
      "      --length-z Z        length outlier above |z| (default 4)\n"
      "      --partial-threshold N  evidence in nats above which a sentence\n"
      "                          merged into a bead is a partial omission\n"
      "                          (default 3; lower finds more)\n"
      "      --batch MANIFEST    check every pair of MANIFEST: lines\n"
      "                          'SRC<TAB>TGT', paths relative to the\n"
      "                          manifest, '#' comments; one report per pair\n"
      "                          and index.{txt,json,html} in DIR\n"
      "      --color WHEN        auto (default: on a terminal), always, "
      "never\n" CLI_LEXICON_HELP
      "  -q, --quiet             no verdict line on standard error\n"
      "  -h, --help              this help\n"
      "\n"
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
      stdout);
}

static bool parse_kinds(const char *list, unsigned *mask) {
  *mask = 0;
  if (!strcmp(list, "none")) return true;
  char *copy = strdup(list), *save = NULL;
  if (!copy) return false;
  bool ok = true;
  for (char *tok = strtok_r(copy, ",", &save); tok && ok;
       tok = strtok_r(NULL, ",", &save)) {
    ta_finding_kind k;
    if (!strcmp(tok, "all"))
      *mask = (1u << TA_FINDING_KIND_COUNT) - 1;
    else if ((ok = ta_finding_kind_parse(tok, &k)))
      *mask |= TA_CHECK_KIND_BIT(k);
  }
  free(copy);
  return ok;
}

typedef struct check_run {
  cli_lexicon lex;
  ta_split_opts so;
  const char *slang, *tlang;
  ta_check_opts co;
  ta_check_format format;
  bool quiet;
} check_run;

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
static ta_status check_pair(check_run *cr, const char *src_path,
                            const char *tgt_path, const char *out_path,
                            ta_check_format format, ta_check_summary *sum,
                            ta_error *err) {
  ta_split_opts so = cr->so;
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_outfile *of = NULL;
  so.lang = cr->slang;
  ta_status st = load(src_path, &so, &src, err);
  so.lang = cr->tlang;
  if (st == TA_OK) st = load(tgt_path, &so, &tgt, err);
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  if (st == TA_OK) {
    st = cli_lexicon_prepare(&cr->lex, src, tgt, &ao, false);
    if (st != TA_OK)
      snprintf(err->message, sizeof err->message, "%s: lexicon: %s", src_path,
               ta_strerror(st));
  }
  /* the table learned from the pair serves the aligner and the checker */
  ta_lexicon *learned = NULL;
  ta_check_opts co = cr->co;
  if (st == TA_OK && ao.self_train && !cr->lex.off) {
    st = ta_lexicon_learn(src, tgt, &ao, &learned, NULL, err);
    if (st == TA_OK && ao.lexicon) st = ta_lexicon_merge(learned, ao.lexicon, NULL);
    if (st == TA_OK) {
      ao.lexicon = learned;
      ao.self_train = false;
    }
  }
  co.lexicon = cr->lex.off ? NULL : ao.lexicon;
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
  return f == TA_CHECK_FORMAT_JSON ? "json" : f == TA_CHECK_FORMAT_HTML ? "html" : "txt";
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
static int write_index(const check_run *cr, const char *outdir,
                       ta_check_index_entry *ent, size_t n) {
  char name[32];
  snprintf(name, sizeof name, "index.%s", format_ext(cr->format));
  char *ipath = join_path(outdir, name);
  ta_outfile *of = NULL;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ipath ? ta_outfile_open(ipath, &of, &err) : TA_ENOMEM;
  if (st == TA_OK)
    st = ta_check_index_write(
        ta_outfile_fp(of),
        cr->format == TA_CHECK_FORMAT_TEXT_COLOR ? TA_CHECK_FORMAT_TEXT : cr->format, ent, n,
        &err);
  if (st == TA_OK) {
    st = ta_outfile_commit(of, &err);
    of = NULL;
  }
  ta_outfile_abort(of);
  if (st == TA_OK && !cr->quiet)
    fprintf(stderr, "tmxalign: %zu pairs checked, index in %s\n", n, ipath);
  free(ipath);
  return st == TA_OK ? CLI_OK : cli_fail(st, &err);
}

/* Every pair of the manifest (ta_batch_manifest_load: SRC<TAB>TGT lines,
 * paths relative to it) checked into its own report in outdir, then the
 * index, worst first.  Exit: 2 if a pair failed, else 1 if one is
 * incomplete. */
static int run_batch(check_run *cr, const char *manifest, const char *outdir) {
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
    reports[i] = report_name(sname, cr->format);
    char *out = reports[i] ? join_path(outdir, reports[i]) : NULL;
    ta_error_clear(&err);
    ent[i].src_path = sname;
    ent[i].tgt_path = tname;
    ent[i].report_path = reports[i];
    ent[i].status = out ? check_pair(cr, p->src, p->tgt, out, cr->format,
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
      if (!cr->quiet) verdict_note(tname, &ent[i].summary);
      if (!ent[i].summary.complete && rc == CLI_OK) rc = CLI_FINDINGS;
    }
  }
  if (ent && errors && reports) {
    int irc = write_index(cr, outdir, ent, n);
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

enum {
  OPT_PRESPLIT = 256,
  OPT_MIN_COV,
  OPT_FAIL_ON,
  OPT_ONLY,
  OPT_BATCH,
  OPT_COLOR,
  OPT_LENGTH_Z,
  OPT_PARTIAL
};

int cmd_check(int argc, char **argv) {
  static const struct option longopts[] = {
      {"source-lang", required_argument, NULL, 's'},
      {"target-lang", required_argument, NULL, 't'},
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"presplit", no_argument, NULL, OPT_PRESPLIT},
      {"min-coverage", required_argument, NULL, OPT_MIN_COV},
      {"fail-on", required_argument, NULL, OPT_FAIL_ON},
      {"only", required_argument, NULL, OPT_ONLY},
      {"length-z", required_argument, NULL, OPT_LENGTH_Z},
      {"partial-threshold", required_argument, NULL, OPT_PARTIAL},
      {"batch", required_argument, NULL, OPT_BATCH},
      {"color", required_argument, NULL, OPT_COLOR},
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      CLI_LEXICON_LONGOPTS,
      {NULL, 0, NULL, 0}};
  check_run cr;
  memset(&cr, 0, sizeof cr);
  ta_split_opts_init(&cr.so);
  cr.so.note.fn = cli_warn;
  ta_check_opts_init(&cr.co);
  cr.format = TA_CHECK_FORMAT_TEXT;
  const char *out_path = NULL, *batch = NULL, *color = "auto";
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, ":s:t:f:o:qh", longopts, NULL)) != -1) {
    char *end;
    switch (ch) {
      case 's':
        cr.slang = optarg;
        break;
      case 't':
        cr.tlang = optarg;
        break;
      case 'o':
        out_path = optarg;
        break;
      case 'q':
        cr.quiet = true;
        break;
      case 'h':
        check_help();
        return CLI_OK;
      case 'f':
        if (!strcmp(optarg, "text"))
          cr.format = TA_CHECK_FORMAT_TEXT;
        else if (!strcmp(optarg, "json"))
          cr.format = TA_CHECK_FORMAT_JSON;
        else if (!strcmp(optarg, "html"))
          cr.format = TA_CHECK_FORMAT_HTML;
        else
          return cli_usage_error("check",
                                 "--format must be text, json or html");
        break;
      case OPT_PRESPLIT:
        cr.so.input = TA_INPUT_PRESPLIT;
        break;
      case OPT_BATCH:
        batch = optarg;
        break;
      case OPT_COLOR:
        if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
            strcmp(optarg, "never"))
          return cli_usage_error("check",
                                 "--color must be auto, always or never");
        color = optarg;
        break;
      case OPT_MIN_COV:
        cr.co.min_coverage = strtod(optarg, &end);
        if (*end || cr.co.min_coverage < 0 || cr.co.min_coverage > 1)
          return cli_usage_error("check", "--min-coverage must be in 0..1");
        break;
      case OPT_LENGTH_Z:
        cr.co.length_z = strtod(optarg, &end);
        if (*end || cr.co.length_z <= 0)
          return cli_usage_error("check", "--length-z must be > 0");
        break;
      case OPT_PARTIAL:
        cr.co.partial_threshold = strtod(optarg, &end);
        if (*end)
          return cli_usage_error("check", "--partial-threshold wants a number");
        break;
      case OPT_FAIL_ON:
        if (!parse_kinds(optarg, &cr.co.fail_on))
          return cli_usage_error("check", "--fail-on: unknown finding kind");
        break;
      case OPT_ONLY:
        if (!parse_kinds(optarg, &cr.co.kinds))
          return cli_usage_error("check", "--only: unknown finding kind");
        break;
      case CLI_OPT_DICT:
      case CLI_OPT_NO_LEXICON:
      case CLI_OPT_LEXICON_LOAD:
      case CLI_OPT_LEXICON_SAVE:
      case CLI_OPT_NO_SELF_TRAIN:
        if (!cli_lexicon_option(&cr.lex, ch, optarg))
          return cli_usage_error("check", "too many --dict");
        break;
      case ':':
        return cli_usage_error("check", "an option is missing its argument");
      default:
        return cli_usage_error("check", "unknown option");
    }
  }
  if (!cr.slang || !cr.tlang)
    return cli_usage_error("check",
                           "both languages are required: -s LANG -t LANG");
  if (batch) {
    if (argc != optind)
      return cli_usage_error("check", "--batch takes no SRC TGT");
    if (!out_path)
      return cli_usage_error("check", "--batch needs -o DIR for the reports");
    int rc = run_batch(&cr, batch, out_path);
    cli_lexicon_free(&cr.lex);
    return rc;
  }
  if (argc - optind != 2)
    return cli_usage_error("check", "expected two files, SRC and TGT");
  if (!out_path) out_path = "-";
  bool to_tty = !strcmp(out_path, "-") && isatty(STDOUT_FILENO);
  if (cr.format == TA_CHECK_FORMAT_TEXT &&
      (!strcmp(color, "always") || (!strcmp(color, "auto") && to_tty)))
    cr.format = TA_CHECK_FORMAT_TEXT_COLOR;
  ta_error err;
  ta_error_clear(&err);
  ta_check_summary sum;
  ta_status st = check_pair(&cr, argv[optind], argv[optind + 1], out_path,
                            cr.format, &sum, &err);
  cli_lexicon_free(&cr.lex);
  if (st != TA_OK) return cli_fail(st, &err);
  /* the verdict on stderr unless the text report already went to stdout */
  if (!cr.quiet && strcmp(out_path, "-")) verdict_note(argv[optind + 1], &sum);
  return sum.complete ? CLI_OK : CLI_FINDINGS;
}
