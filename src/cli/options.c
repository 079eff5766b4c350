/* The option table of every subcommand, and the setters that check and
 * store a value.  A value is checked here once, whichever command takes
 * the option: numbers by one strict parser (no empty string, NaN, inf,
 * overflow or trailing junk; a range per option). */
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIELD(type) ((type *)(void *)((char *)a + o->at))

static bool in_range(const cli_opt *o, double v) {
  return (o->lo_open ? v > o->lo : v >= o->lo) && v <= o->hi;
}

/* "wants a whole number in 2..9, not 'x'" */
static bool bad_number(const cli_opt *o, const char *s, bool whole, char *why) {
  char range[48] = "";
  if (isinf(o->hi) && !isinf(o->lo))
    snprintf(range, sizeof range, " %s %g", o->lo_open ? ">" : ">=", o->lo);
  else if (!isinf(o->hi))
    snprintf(range, sizeof range, " in %g..%g", o->lo, o->hi);
  snprintf(why, CLI_WHY, "wants a %snumber%s, not '%s'", whole ? "whole " : "",
           range, s);
  return false;
}

/* A real number in o's range: all of s, finite, no leading space. */
static bool real(const cli_opt *o, const char *s, double *v) {
  char *end;
  if (!*s || isspace((unsigned char)*s)) return false;
  errno = 0;
  *v = strtod(s, &end);
  return !*end && errno != ERANGE && isfinite(*v) && in_range(o, *v);
}

/* A whole number in o's range, at most max (the field's type): digits. */
static bool whole(const cli_opt *o, const char *s, unsigned long long max,
                  unsigned long long *v, char *why) {
  bool ok = *s && strspn(s, "0123456789") == strlen(s);
  errno = 0;
  *v = ok ? strtoull(s, NULL, 10) : 0;
  if (ok && errno != ERANGE && *v <= max && in_range(o, (double)*v))
    return true;
  return bad_number(o, s, true, why);
}

static bool set_real(const cli_opt *o, const char *s, cli_args *a, char *why) {
  return real(o, s, FIELD(double)) || bad_number(o, s, false, why);
}

static bool set_int(const cli_opt *o, const char *s, cli_args *a, char *why) {
  unsigned long long v;
  if (!whole(o, s, INT_MAX, &v, why)) return false;
  *FIELD(int) = (int)v;
  return true;
}

static bool set_uint(const cli_opt *o, const char *s, cli_args *a, char *why) {
  unsigned long long v;
  if (!whole(o, s, UINT_MAX, &v, why)) return false;
  *FIELD(unsigned) = (unsigned)v;
  return true;
}

static bool set_size(const cli_opt *o, const char *s, cli_args *a, char *why) {
  unsigned long long v;
  if (!whole(o, s, SIZE_MAX, &v, why)) return false;
  *FIELD(size_t) = (size_t)v;
  return true;
}

static bool set_str(const cli_opt *o, const char *s, cli_args *a, char *why) {
  (void)why;
  *FIELD(const char *) = s;
  return true;
}

/* A flag: o->value into a bool field. */
static bool set_bool(const cli_opt *o, const char *s, cli_args *a, char *why) {
  (void)s, (void)why;
  *FIELD(bool) = o->value;
  return true;
}

/* A flag: o->value into an int field (--one-pass: passes = 1). */
static bool set_flag(const cli_opt *o, const char *s, cli_args *a, char *why) {
  (void)s, (void)why;
  *FIELD(int) = o->value;
  return true;
}

void cli_choice_list(const cli_choice *c, char *buf, size_t n) {
  size_t k = 0, len = 0;
  while (c[k].name) k++;
  buf[0] = '\0';
  for (size_t i = 0; i < k && len < n; i++)
    len += (size_t)snprintf(buf + len, n - len, "%s%s",
                            i == 0       ? ""
                            : i + 1 == k ? " or "
                                         : ", ",
                            c[i].name);
}

static bool choose(const cli_choice *c, const char *s, int *out, char *why) {
  for (size_t i = 0; c[i].name; i++)
    if (!strcmp(c[i].name, s)) return *out = c[i].value, true;
  char names[160];
  cli_choice_list(c, names, sizeof names);
  snprintf(why, CLI_WHY, "wants %s, not '%s'", names, s);
  return false;
}

static bool set_name(const cli_opt *o, const char *s, cli_args *a, char *why) {
  return choose(o->choices, s, FIELD(int), why);
}

/* -f: the names of the command's formats. */
static bool set_format(const cli_opt *o, const char *s, cli_args *a,
                       char *why) {
  (void)o;
  return choose(a->cmd->formats, s, &a->format, why);
}

/* "omission,number" into a mask of TA_CHECK_KIND_BIT; "none" is no kind,
 * "all" every kind; an empty list or item is refused. */
static bool set_kinds(const cli_opt *o, const char *s, cli_args *a, char *why) {
  unsigned mask = 0;
  bool ok = true;
  for (const char *p = s; ok && strcmp(s, "none"); p += strcspn(p, ",") + 1) {
    size_t len = strcspn(p, ",");
    char tok[32];
    ta_finding_kind k;
    snprintf(tok, sizeof tok, "%.*s", (int)len, p);
    if (!strcmp(tok, "all"))
      mask = (1u << TA_FINDING_KIND_COUNT) - 1;
    else if ((ok = len && len < sizeof tok && ta_finding_kind_parse(tok, &k)))
      mask |= TA_CHECK_KIND_BIT(k);
    if (!p[len]) break;
  }
  if (ok) return *FIELD(unsigned) = mask, true;
  size_t n = (size_t)snprintf(why, CLI_WHY, "wants kinds (all, none");
  for (int i = 0; i < TA_FINDING_KIND_COUNT && n < CLI_WHY; i++)
    n += (size_t)snprintf(why + n, CLI_WHY - n, ", %s",
                          ta_finding_kind_name((ta_finding_kind)i));
  if (n < CLI_WHY) snprintf(why + n, CLI_WHY - n, "), not '%s'", s);
  return false;
}

/* The anchor kind named by len bytes of s. */
static bool anchor(const char *s, size_t len, ta_anchor_kind *k, char *why) {
  size_t n = (size_t)snprintf(why, CLI_WHY, "wants an anchor kind (");
  for (int i = 0; i < TA_ANCHOR_COUNT; i++) {
    const char *name = ta_anchor_name((ta_anchor_kind)i);
    if (strlen(name) == len && !strncmp(s, name, len))
      return *k = (ta_anchor_kind)i, true;
    if (n < CLI_WHY)
      n += (size_t)snprintf(why + n, CLI_WHY - n, "%s%s", i ? ", " : "", name);
  }
  if (n < CLI_WHY) snprintf(why + n, CLI_WHY - n, "), not '%.*s'", (int)len, s);
  return false;
}

static bool set_no_anchor(const cli_opt *o, const char *s, cli_args *a,
                          char *why) {
  (void)o;
  ta_anchor_kind k;
  if (!anchor(s, strlen(s), &k, why)) return false;
  a->align.weights[k] = 0;
  return true;
}

/* KIND=W, W a real number in o's range. */
static bool set_weight(const cli_opt *o, const char *s, cli_args *a,
                       char *why) {
  const char *eq = strchr(s, '=');
  ta_anchor_kind k;
  if (!eq) return snprintf(why, CLI_WHY, "wants KIND=W, not '%s'", s), false;
  if (!anchor(s, (size_t)(eq - s), &k, why)) return false;
  return real(o, eq + 1, &a->align.weights[k]) ||
         bad_number(o, eq + 1, false, why);
}

static bool set_dict(const cli_opt *o, const char *s, cli_args *a, char *why) {
  (void)o;
  if (a->lex.ndicts < CLI_LEXICON_MAX_DICTS)
    return a->lex.dicts[a->lex.ndicts++] = s, true;
  snprintf(why, CLI_WHY, "is given more than %d times", CLI_LEXICON_MAX_DICTS);
  return false;
}

void cli_args_init(cli_args *a, const cli_command *cmd) {
  memset(a, 0, sizeof *a);
  a->cmd = cmd;
  a->format = -1;
  a->threads = 1;
  ta_split_opts_init(&a->split);
  ta_align_opts_init(&a->align);
  ta_tmx_align_opts_init(&a->tmx);
  ta_check_opts_init(&a->check);
}

static const cli_choice colors[] = {{"auto", CLI_COLOR_AUTO, NULL},
                                    {"always", CLI_COLOR_ALWAYS, NULL},
                                    {"never", CLI_COLOR_NEVER, NULL},
                                    {NULL, 0, NULL}};
static const cli_choice inputs[] = {{"text", TA_INPUT_TEXT, NULL},
                                    {"html", TA_INPUT_HTML, NULL},
                                    {"presplit", TA_INPUT_PRESPLIT, NULL},
                                    {"docx", TA_INPUT_DOCX, NULL},
                                    {"odt", TA_INPUT_ODT, NULL},
                                    {"epub", TA_INPUT_EPUB, NULL},
                                    {"pdf", TA_INPUT_PDF, NULL},
                                    {"xliff", TA_INPUT_XLIFF, NULL},
                                    {"po", TA_INPUT_PO, NULL},
                                    {"srt", TA_INPUT_SRT, NULL},
                                    {"vtt", TA_INPUT_VTT, NULL},
                                    {"markdown", TA_INPUT_MARKDOWN, NULL},
                                    {NULL, 0, NULL}};

/* Rows: an option with a value, a flag, a number in LO..HI, a name.  The
 * setters of --weight, --no-anchor and --dict know their fields (weights
 * by kind, the list of dictionaries): AT() in their rows only says which. */
#define AT(field) offsetof(cli_args, field)
#define OPT(name, c, arg, cmds, set, field, help) \
  { name, c, arg, cmds, set, AT(field), help, 0, 0, false, 0, NULL }
#define FLAG(name, c, cmds, set, field, value, help) \
  { name, c, NULL, cmds, set, AT(field), help, 0, 0, false, value, NULL }
#define NUM(name, arg, cmds, set, field, lo, hi, help) \
  { name, 0, arg, cmds, set, AT(field), help, lo, hi, false, 0, NULL }
#define NAME(name, arg, cmds, field, choices, help) \
  { name, 0, arg, cmds, set_name, AT(field), help, 0, 0, false, 0, choices }
#define ALIGNS (CLI_ALIGN | CLI_BATCH)
#define MODEL (ALIGNS | CLI_REVIEW | CLI_PIPE) /* the aligner's options */
#define LEXICON (CLI_ALIGN | CLI_BATCH | CLI_CHECK | CLI_REVIEW)
#define ANY \
  (CLI_SPLIT | ALIGNS | CLI_CHECK | CLI_MERGE | CLI_CONVERT | CLI_REVIEW)

/* In the order of --help. */
const cli_opt cli_options[] = {
    OPT("lang", 'l', "LANG", CLI_SPLIT, set_str, split.lang,
        "BCP-47 language tag (fr, en, de, zh-Hans, pt-BR); required: it "
        "selects ICU's rules and tmxalign's abbreviation tables"),
    OPT("source-lang", 's', "LANG", LEXICON & ~CLI_REVIEW, set_str, slang,
        "BCP-47 tag of SRC (fr, en, de, pt-BR, ...); with --batch, of every "
        "source"),
    OPT("target-lang", 't', "LANG", CLI_ALIGN, set_str, tlang,
        "BCP-47 tag of TGT (comma-separated for several translations: -t "
        "en,de)"),
    OPT("target-lang", 't', "LANG", CLI_BATCH | CLI_CHECK, set_str, tlang,
        "BCP-47 tag of TGT; with --batch, of every translation"),
    OPT("source-lang", 's', "LANG", CLI_PIPE, set_str, slang,
        "BCP-47 tag of the sources of jobs without \"src_lang\""),
    OPT("target-lang", 't', "LANG", CLI_PIPE, set_str, tlang,
        "BCP-47 tag of the targets of jobs without \"tgt_lang\""),
    FLAG("check", 0, CLI_PIPE, set_bool, pipe_check, true,
         "check each pair (as 'tmxalign check -f json') instead of writing "
         "its beads"),
    NUM("max-line", "N", CLI_PIPE, set_size, max_line, 1, INFINITY,
        "refuse input lines longer than N bytes, a job error (default "
        "268435456)"),
    FLAG("inline-only", 0, CLI_PIPE, set_bool, inline_only, true,
         "refuse jobs naming files (src_path, tgt_path): texts inline only"),
    OPT("source-lang", 's', "LANG", CLI_REVIEW, set_str, slang,
        "BCP-47 tag of SRC (fr, en, de, pt-BR, ...)"),
    OPT("target-lang", 't', "LANG", CLI_REVIEW, set_str, tlang,
        "BCP-47 tag of TGT"),
    OPT("alignment", 0, "FILE", CLI_ALIGN | CLI_REVIEW, set_str, alignment,
        "take the alignment from FILE (JSON lines, as the review page "
        "exports it or -f jsonl writes it) instead of computing one; it "
        "must cover both documents in order"),
    OPT("source", 's', "LANG", CLI_CONVERT, set_str, slang,
        "source language (default: the header's srclang; XLIFF, PO: the "
        "file's)"),
    OPT("target", 't', "LANG", CLI_CONVERT, set_str, tlang,
        "target language (default: the first other one; XLIFF, PO: the "
        "file's)"),
    FLAG("keep-fuzzy", 0, CLI_CONVERT, set_bool, keep_fuzzy, true,
         "XLIFF, PO: write fuzzy units too (with prop x-fuzzy \"yes\"); by "
         "default they are skipped with a note"),
    OPT("format", 'f', "FMT", ANY & ~CLI_MERGE, set_format, format, NULL),
    OPT("to", 0, "FMT", CLI_CONVERT, set_format, format, "the same as -f"),
    OPT("output", 'o', "FILE", ANY, set_str, out,
        "write there instead of standard output ('-'), through a temporary "
        "file renamed into place at the end"),
    OPT("batch", 0, "MANIFEST", ALIGNS, set_str, batch,
        "many pairs, SOURCE<TAB>TARGET a line, into one memory (see "
        "'tmxalign align --batch --help')"),
    OPT("pair-dir", 0, "DIR", ALIGNS, set_str, pair_dir,
        "pair the files of DIR by name instead of a manifest"),
    FLAG("confine", 0, CLI_BATCH | CLI_CHECK, set_bool, confine, true,
         "--batch: refuse a pair whose file resolves outside the manifest's "
         "directory (by default a manifest may name any path)"),
    {"jobs", 'j', "N", CLI_BATCH | CLI_PIPE, set_uint, AT(threads),
     "worker threads (default 1; 0: one per core)", 0, 256, false, 0, NULL},
    {"jobs", 'j', "N", CLI_ALIGN, set_uint, AT(threads),
     "threads for each pair (default 1; 0: one per core); the output is the "
     "same bytes whatever N",
     0, 256, false, 0, NULL},
    FLAG("strict", 0, CLI_BATCH, set_bool, strict, true,
         "stop at the first failed pair: exit 2, the output is not written "
         "(an old file stays)"),
    NAME("input", "KIND", CLI_SPLIT, input, inputs,
         "text, html, presplit (the same as --presplit), docx, odt, epub, "
         "pdf, xliff, po, srt, vtt or markdown; default: by content (DOCX, "
         "ODT, EPUB, PDF, HTML, XLIFF, PO, SRT, WebVTT; RTF, .doc refused), "
         "html for .html/.htm/.xhtml names, markdown for .md/.markdown, else "
         "text"),
    FLAG("presplit", 0, (ANY & ~(CLI_MERGE | CLI_CONVERT)) | CLI_PIPE, set_flag,
         input, TA_INPUT_PRESPLIT,
         "input is one sentence a line, a blank line between paragraphs (as "
         "split prints it)"),
    OPT("srx", 0, "FILE", CLI_SPLIT | ALIGNS | CLI_CHECK | CLI_PIPE, set_str,
        split.srx,
        "break sentences by the SRX 2.0 rules in FILE for the language (a "
        "CAT tool's segmentation rules, e.g. OmegaT's), not by ICU"),
    OPT("encoding", 0, "NAME", CLI_SPLIT, set_str, split.encoding,
        "decode FILE from NAME (windows-1252, iso-8859-1, utf-16, "
        "utf-16le...); default UTF-8, a BOM, or ICU's detection with a note"),
    NUM("max-sentence", "N", CLI_SPLIT, set_size, split.max_sentence_bytes, 1,
        INFINITY, "cut sentences longer than N bytes (default 1048576)"),
    NUM("max-input", "N", CLI_SPLIT, set_size, split.max_input_bytes, 1,
        INFINITY, "refuse inputs larger than N bytes (default 1073741824)"),
    NUM("max-input", "N", ALIGNS | CLI_CHECK | CLI_PIPE, set_size,
        split.max_input_bytes, 1, INFINITY,
        "refuse documents larger than N bytes (default 1073741824); a "
        "dictionary or saved lexicon is refused above 256 MiB whatever N is"),
    FLAG("keep-unaligned", 0, ALIGNS, set_bool, tmx.keep_unaligned, true,
         "tmx: keep 1-0 and 0-1 beads as units with one <tuv>"),
    NUM("min-score", "S", ALIGNS, set_real, tmx.min_score, 0, 1,
        "tmx: leave out beads scoring below S (0..1)"),
    NUM("min-score", "S", CLI_PIPE, set_real, tmx.min_score, 0, 1,
        "leave out of \"beads\" those scoring below S (0..1)"),
    NUM("max-bead", "N", MODEL, set_int, align.max_bead, 2, 9,
        "largest bead: m + n <= N (2..9, default 5)"),
    NUM("weight", "KIND=W", MODEL, set_weight, align, 0, INFINITY,
        "re-weight an anchor kind: number, identical, cognate, punct, "
        "lexicon (0 switches it off)"),
    OPT("no-anchor", 0, "KIND", MODEL, set_no_anchor, align,
        "switch an anchor kind off (the same as KIND=0)"),
    FLAG("no-paragraphs", 0, MODEL, set_bool, align.use_paragraphs, false,
         "ignore paragraph boundaries"),
    NUM("band", "N", MODEL, set_size, align.min_band, 1, INFINITY,
        "initial half-width of the search band"),
    FLAG("one-pass", 0, MODEL, set_flag, align.passes, 1,
         "do not re-estimate the model from a first pass (faster, less "
         "accurate)"),
    NUM("min-coverage", "X", CLI_CHECK | CLI_PIPE, set_real, check.min_coverage,
        0, 1,
        "incomplete below this share of source sentences translated (0..1, "
        "default 0.98)"),
    OPT("fail-on", 0, "KINDS", CLI_CHECK | CLI_PIPE, set_kinds, check.fail_on,
        "comma-separated kinds that make the check fail (default "
        "omission,partial-omission,number; 'none' for coverage only)"),
    OPT("only", 0, "KINDS", CLI_CHECK | CLI_PIPE, set_kinds, check.kinds,
        "look only for these kinds"),
    {"length-z", 0, "Z", CLI_CHECK | CLI_PIPE, set_real, AT(check.length_z),
     "length outlier above |z| (default 4)", 0, INFINITY, true, 0, NULL},
    NUM("partial-threshold", "N", CLI_CHECK | CLI_PIPE, set_real,
        check.partial_threshold, -INFINITY, INFINITY,
        "evidence score (log-odds) of the check's own test for a sentence "
        "merged into a bead, at which it counts as p = 0.5 (default 3; "
        "lower finds more)"),
    NUM("min-probability", "P", CLI_CHECK | CLI_PIPE, set_real,
        check.min_probability, 0, 1,
        "omissions less likely than P to be real (0..1) are info-level "
        "hints that never fail the check (default 0.3; README: how often a "
        "finding at each probability is right)"),
    OPT("batch", 0, "MANIFEST", CLI_CHECK, set_str, batch,
        "check every pair of MANIFEST: lines 'SRC<TAB>TGT', paths relative to "
        "the manifest, '#' comments; one report per pair and "
        "index.{txt,json,html} in the directory -o DIR"),
    NAME("color", "WHEN", CLI_CHECK, color, colors,
         "auto (default: on a terminal), always, never"),
    OPT("dict", 0, "FILE|auto", LEXICON, set_dict, lex,
        "bilingual dictionary (repeatable): dictd/FreeDict .index/.dict.dz, "
        "hunalign 'target @ source' or TSV 'source TAB target'; auto: an "
        "installed FreeDict pair in $TMXALIGN_DICT_DIR or /usr/share/dictd"),
    FLAG("no-lexicon", 0, LEXICON | CLI_PIPE, set_bool, lex.off, true,
         "no lexical anchors: neither dictionaries nor a table learned from "
         "the pair itself"),
    FLAG("no-self-train", 0, LEXICON | CLI_PIPE, set_bool, lex.no_train, true,
         "use the dictionaries only, learn nothing from the pair"),
    OPT("lexicon-load", 0, "FILE", LEXICON, set_str, lex.load,
        "add a table saved by --lexicon-save"),
    OPT("lexicon-save", 0, "FILE", CLI_ALIGN | CLI_CHECK, set_str, lex.save,
        "save the table learned from this pair (TSV: source, target, "
        "probability)"),
    FLAG("strip-tags", 0, CLI_CONVERT, set_flag, inline_codes,
         TA_TMX_INLINE_STRIP,
         "drop inline codes (bpt ept it ph ut) and keep only text; default: "
         "codes as the original markup they stand for ('<b>')"),
    FLAG("keep-tags", 0, CLI_CONVERT, set_flag, inline_codes,
         TA_TMX_INLINE_MARKUP,
         "keep inline codes as TMX XML ('<bpt i=\"1\">...')"),
    FLAG("verbose", 'v', CLI_ALIGN, set_bool, verbose, true,
         "summary on stderr (beads by type, mean score, estimated length "
         "ratio)"),
    FLAG("verbose", 'v', CLI_BATCH, set_bool, verbose, true,
         "the aligner's notes for each pair"),
    FLAG("quiet", 'q', CLI_BATCH | CLI_CHECK | CLI_MERGE, set_bool, quiet, true,
         "nothing on standard error but errors and notes: no progress bar, "
         "summary or verdict"),
    FLAG("help", 'h', ANY | CLI_PIPE, set_bool, help, true, "this help"),
};
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];
_Static_assert(sizeof cli_options / sizeof cli_options[0] <= CLI_MAX_OPTIONS,
               "cli_args.seen has a flag a row");
