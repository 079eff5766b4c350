/* Translation completeness checks: what an alignment says about a
 * translation.  ta_check reads two documents and their alignment and lists
 * findings: omissions (1-0 beads and runs of them; a source sentence dropped
 * inside a merge), additions (0-1 beads), numbers, dates and times that
 * differ, untranslated sentences, length outliers, and unbalanced quotes or
 * brackets / lost question marks.  Each finding carries its location on both
 * sides (sentences, paragraph, line, byte offsets into the original files).
 *
 * A report borrows nothing: it may outlive the documents and the alignment,
 * but the writers need the same documents and alignment again to print the
 * texts.  Thread safety: ta_check is reentrant; a report is read-only after
 * ta_check returns and may be shared. */
#ifndef TMXALIGN_CHECK_H
#define TMXALIGN_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tmxalign/align.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the JSON report schema (docs/check-schema.md). */
#define TA_CHECK_SCHEMA_VERSION 2

/** Kinds of findings; names (ta_finding_kind_name) are what --fail-on and
 * the JSON report use.  Appended, never renumbered. */
#define TA_FINDING_KIND_MAP(XX)            \
  XX(OMISSION, "omission")                 \
  XX(PARTIAL_OMISSION, "partial-omission") \
  XX(ADDITION, "addition")                 \
  XX(NUMBER, "number")                     \
  XX(UNTRANSLATED, "untranslated")         \
  XX(LENGTH, "length")                     \
  XX(PUNCTUATION, "punctuation")           \
  XX(LANGUAGE, "language")

/* Kinds and severities are appended, never renumbered; the arrays of
 * ta_check_summary have room for TA_FINDING_KIND_MAX kinds (also the bits
 * of ta_check_opts.kinds and fail_on) and TA_SEVERITY_MAX severities, so
 * a new kind changes no struct's layout. */
#define TA_FINDING_KIND_MAX 32
#define TA_SEVERITY_MAX 8

typedef enum ta_finding_kind {
#define TA__FINDING_ENUM(name, str) TA_FINDING_##name,
  TA_FINDING_KIND_MAP(TA__FINDING_ENUM)
#undef TA__FINDING_ENUM
      TA_FINDING_KIND_COUNT
} ta_finding_kind;

typedef enum ta_severity {
  TA_SEVERITY_INFO = 0,
  TA_SEVERITY_WARNING,
  TA_SEVERITY_ERROR
} ta_severity;

/** Static names: "omission", ...; "info", "warning", "error".  Unknown
 * values give "unknown". */
TA_EXPORT const char *ta_finding_kind_name(ta_finding_kind k);
TA_EXPORT const char *ta_severity_name(ta_severity s);
/** Parse a kind name; false when unknown. */
TA_EXPORT bool ta_finding_kind_parse(const char *name, ta_finding_kind *k);

/** Bit of a kind in ta_check_opts.fail_on. */
#define TA_CHECK_KIND_BIT(k) (1u << (unsigned)(k))

typedef struct ta_check_opts {
  double min_coverage;           /**< verdict fails below this share of source
                                      sentences translated; default 0.98 */
  unsigned fail_on;              /**< kinds that fail the verdict when present
                                      (TA_CHECK_KIND_BIT); default omission,
                                      partial-omission, number */
  unsigned kinds;                /**< kinds that are looked for; default all */
  double length_z;               /**< |z| of a bead's length above which it is a
                                      length outlier; default 4 */
  double partial_threshold;      /**< evidence (nats) above which a source
                                     sentence merged into a bead is reported as
                                     untranslated (partial omission); default 3 */
  double hint_threshold;         /**< evidence above which, below
                                      partial_threshold, the sentence is still
                                      reported, as an info-level hint; default 1;
                                      set it >= partial_threshold for none */
  double untranslated_share;     /**< share of a target sentence's words (not
                                    names, not numbers) also in its source above
                                    which it is untranslated; default 0.8 */
  size_t untranslated_min_words; /**< fewer such words: never; default 3 */
  const ta_lexicon *lexicon;     /**< word translations (lexicon.h) weighing
                                    whether a merged sentence is translated;
                                    borrowed, may be NULL (default) */
  double mostly_untranslated;    /**< share of source sentences in beads found
                                      untranslated above which the translation is
                                      mostly the source text itself: one summary
                                      finding (untranslated, error) that fails the
                                      verdict whatever fail_on; default 0.5 (more
                                      than half); 1 for never */
  double unaligned_share;        /**< share of the sentences of both documents
                                      in 1-0 and 0-1 beads above which the target
                                      does not look like a translation of the
                                      source: one summary finding (omission,
                                      error) that fails the verdict; default 0.5
                                      (most have no counterpart); 1 for never */
  /* ---- appended in 0.3 ---- */
  bool given_pairs;       /**< the alignment is the translator's own pairing
                               (XLIFF, PO units): an omission is where the
                               alignment puts it, never moved to a likelier
                               place; default false (appended in 0.3) */
  double min_probability; /**< omission and partial-omission findings whose
                               probability (ta_finding.probability) is below
                               this are info-level hints that never fail the
                               verdict; default TA_CHECK_MIN_PROBABILITY,
                               calibrated on the dev sets together */
} ta_check_opts;

/** Default of ta_check_opts.min_probability (README: reliability table). */
#define TA_CHECK_MIN_PROBABILITY 0.3

/** Fill o with the documented defaults. */
TA_EXPORT void ta_check_opts_init(ta_check_opts *o);

/** Alignment options for checking: ta_align_opts_init's, with beads of at
 * most 4 sentences (max_bead 4) and bead posteriors (posteriors true: the
 * probabilities of omission findings).  Larger beads let the aligner hide an
 * untranslated sentence inside a 3-2 merge; with 4 the omission benchmark
 * finds more (story 0.60 -> 0.70 recall) at better precision. */
TA_EXPORT void ta_check_align_opts_init(ta_align_opts *o);

/** Where a finding is on one side.  len 0: nothing on this side (the
 * omitted text's place in the target, say); then begin is the sentence
 * before which it would stand, and line/offset are those of that sentence
 * (or the end of the document). */
typedef struct ta_check_span {
  size_t begin, len;  /**< sentences [begin, begin+len) */
  size_t paragraph;   /**< 0-based paragraph of the first sentence */
  size_t line;        /**< 1-based line in the original file */
  size_t offset, end; /**< byte offsets into the original file */
} ta_check_span;

typedef struct ta_finding {
  ta_finding_kind kind;
  ta_severity severity;
  size_t bead, nbeads; /**< beads [bead, bead+nbeads) of the alignment */
  ta_check_span src, tgt;
  double value;         /**< kind-specific figure: z-score (length,
                             partial-omission), share of shared words
                             (untranslated), else 0 */
  bool whole_paragraph; /**< omission/addition: the run is a whole
                             paragraph (or several) */
  const char *message;  /**< one line, e.g. "source has 1 000,5, target
                             1 000,6"; borrowed from the report */
  /* ---- appended in 0.3 (findings are the report's, reached one at a
   * time through ta_check_report_finding, never allocated by a caller) */
  double probability; /**< omission, partial-omission: the probability
                           that the named source text is untranslated, from
                           the aligner's bead posteriors
                           (ta_alignment_untranslated_probability) and the
                           check's own evidence; -1 where not estimated
                           (other kinds, an alignment without posteriors) */
} ta_finding;

typedef struct ta_check_summary {
  size_t src_sentences, tgt_sentences;
  size_t src_translated; /**< source sentences with a translation: not
                              in a 1-0 bead nor named by a partial
                              omission */
  size_t src_chars, src_chars_translated; /**< code points */
  size_t tgt_added;                       /**< target sentences in 0-1 beads */
  double coverage; /**< src_translated / src_sentences (1 if 0) */
  double char_coverage;
  double mean_confidence;              /**< mean bead score of the alignment */
  size_t by_kind[TA_FINDING_KIND_MAX]; /**< by kind; 0 past the last */
  size_t by_severity[TA_SEVERITY_MAX]; /**< by severity; 0 past the last */
  bool complete; /**< the verdict: coverage >= min_coverage and
                      no finding of a fail_on kind (info-level
                      findings never fail it) */
} ta_check_summary;

typedef struct ta_check_report ta_check_report;

/** Check the translation tgt of src under alignment al (from ta_align on
 * the same two documents).  o may be NULL (defaults).  Errors: TA_EINVAL
 * (missing argument, alignment not covering the documents), TA_ENOMEM. */
TA_EXPORT ta_status ta_check(const ta_doc *src, const ta_doc *tgt,
                             const ta_alignment *al, const ta_check_opts *o,
                             ta_check_report **out, ta_error *err);

/** Findings: those about the whole pair first, then omission and
 * partial-omission findings by probability (highest first), then the rest
 * by position in the source (then the target). */
TA_EXPORT size_t ta_check_report_count(const ta_check_report *r);
TA_EXPORT const ta_finding *ta_check_report_finding(const ta_check_report *r,
                                                    size_t i);
TA_EXPORT const ta_check_summary *ta_check_report_summary(
    const ta_check_report *r);
/** The options the report was made with (thresholds appear in reports). */
TA_EXPORT const ta_check_opts *ta_check_report_opts(const ta_check_report *r);

typedef enum ta_check_format {
  TA_CHECK_FORMAT_TEXT = 0,   /**< "file:line: kind: severity: message: texts",
                            one   finding a line after a summary; no colour */
  TA_CHECK_FORMAT_TEXT_COLOR, /**< the same with ANSI colours (for terminals) */
  TA_CHECK_FORMAT_JSON, /**< the versioned schema of docs/check-schema.md */
  TA_CHECK_FORMAT_HTML  /**< one self-contained page: summary with links,
                      then both documents side by side, aligned */
} ta_check_format;

/** Write report r (made from src, tgt, al) to fp.  Errors: TA_EINVAL,
 * TA_EIO (write failed). */
TA_EXPORT ta_status ta_check_report_write(FILE *fp, ta_check_format format,
                                          const ta_doc *src, const ta_doc *tgt,
                                          const ta_alignment *al,
                                          const ta_check_report *r,
                                          ta_error *err);

/** No-op on NULL. */
TA_EXPORT void ta_check_report_free(ta_check_report *r);

/** One line of a batch index: a checked pair, or one that failed to load
 * (status != TA_OK, error set, summary zero). */
typedef struct ta_check_index_entry {
  const char *src_path, *tgt_path; /**< as given in the manifest */
  const char *report_path;         /**< relative to the index, or NULL */
  ta_status status;
  const char *error; /**< message when status != TA_OK */
  ta_check_summary summary;
} ta_check_index_entry;

/** Sort entries worst first (errors, then incomplete, then by coverage,
 * errors and warnings) and write the index in format.  Errors: TA_EIO. */
TA_EXPORT ta_status ta_check_index_write(FILE *fp, ta_check_format format,
                                         ta_check_index_entry *entries,
                                         size_t n, ta_error *err);

/* ---- checking files: one pair, or every pair of a batch --------------- */

struct ta_batch_pair; /* batch.h */

/** Called for each pair before it is aligned, to give ao its lexicon
 * (ao->lexicon, ao->self_train, ao->weights[TA_ANCHOR_LEXICON]): the
 * dictionaries filtered to src, say.  What ao->lexicon points to must
 * live until the next call or the end of the run.  A status other than
 * TA_OK fails the pair (err may be left empty). */
typedef ta_status (*ta_check_lexicon_fn)(void *user, const ta_doc *src,
                                         const ta_doc *tgt, ta_align_opts *ao,
                                         ta_error *err);

/** Called after each pair of a batch, checked (e->status TA_OK, the
 * summary set) or failed (e->error says why), in list order; index is
 * 0-based.  e is valid during the call only. */
typedef void (*ta_check_pair_fn)(void *user, size_t index,
                                 const struct ta_batch_pair *pair,
                                 const ta_check_index_entry *e);

typedef struct ta_check_run_opts {
  const char *src_lang, *tgt_lang; /**< required, BCP-47 */
  ta_split_opts split;    /**< how documents are read; lang is set per side */
  ta_align_opts align;    /**< default ta_check_align_opts_init() */
  ta_check_opts check;    /**< default ta_check_opts_init() */
  ta_check_format format; /**< of the reports and the index; default text */
  ta_check_lexicon_fn lexicon; /**< may be NULL (default): no dictionary */
  void *lexicon_user;
  const char *const *inputs; /**< other files the run reads (manifest,
                                  dictionaries): no output may be one */
  size_t ninputs;
  ta_check_pair_fn on_pair; /**< batch only; may be NULL */
  void *user;               /**< passed to on_pair */
} ta_check_run_opts;

/** Fill o with the defaults above. */
TA_EXPORT void ta_check_run_opts_init(ta_check_run_opts *o);

/** Load src_path and tgt_path ("-": standard input, one of them at most),
 * align them, check, and write the report to out_path ("-": standard
 * output) through a temporary file.  Unless o->lexicon switches it off
 * (ao->self_train false), a table is learned from the pair first and
 * serves both the aligner and the checker, with o->lexicon's table
 * merged in.  summary (may be NULL) gets the verdict.  Errors: TA_EINVAL
 * (out_path is an input, both sides "-"), and those of loading, aligning,
 * checking and writing. */
TA_EXPORT ta_status ta_check_files(const ta_check_run_opts *o,
                                   const char *src_path, const char *tgt_path,
                                   const char *out_path,
                                   ta_check_summary *summary, ta_error *err);

/** Figures of a batch check. */
typedef struct ta_check_batch_stats {
  size_t pairs;      /**< in the list */
  size_t checked;    /**< pairs checked, their report written */
  size_t failed;     /**< pairs that could not be checked */
  size_t incomplete; /**< checked pairs whose verdict is incomplete */
} ta_check_batch_stats;

/** Check the n pairs (src and tgt opened, src_name and tgt_name as
 * written) one after the other, each into its own report in directory
 * outdir (created if missing, its parent must exist), then write
 * outdir/index.EXT listing them worst first (ta_check_index_write), EXT
 * txt, json or html after o->format.  Report names are unique and stable:
 * "NNNN-NAME.check.EXT", NNNN the 1-based pair number zero-padded to the
 * width of n, NAME the pair's source name with '/', '\\' and ' ' made
 * '_' (cut to keep the file name short).  Before anything is read:
 * TA_EINVAL when outdir is not a directory or an output would replace an
 * input (a pair's documents, o->inputs).  A pair that fails is reported to
 * on_pair and in the index, and the batch goes on.  Returns TA_OK when
 * the index was written (stats says how many pairs failed or are
 * incomplete); errors: TA_EINVAL, TA_EIO (outdir cannot be made, the
 * index not written), TA_ENOMEM.  stats (may be NULL) is filled in every
 * case. */
TA_EXPORT ta_status ta_check_batch(const ta_check_run_opts *o,
                                   const struct ta_batch_pair *pairs, size_t n,
                                   const char *outdir,
                                   ta_check_batch_stats *stats, ta_error *err);

/** What ta_check_bitext_file() found in the file (appended in 0.3). */
typedef struct ta_check_bitext_stats {
  size_t units;        /**< units in the file */
  size_t untranslated; /**< without a target: source sentences with no
                            translation (omissions) */
  size_t fuzzy;        /**< fuzzy units, checked as translated */
} ta_check_bitext_stats;

/** Check a bilingual file (XLIFF 1.2 / 2.0, PO: ta_bitext_load_file) as
 * an alignment already made: each unit a bead (1-1, or 1-0 for a unit
 * without target), no alignment computed.  Languages: o->src_lang and
 * o->tgt_lang when set, else the file's.  The report is that of
 * ta_check_files(); its lines are the units' lines in the file.  Errors:
 * those of ta_bitext_load_file() and ta_check_files(), TA_EINVAL (no
 * language in the file or the options). */
TA_EXPORT ta_status ta_check_bitext_file(const ta_check_run_opts *o,
                                         const char *path, const char *out_path,
                                         ta_check_summary *summary,
                                         ta_check_bitext_stats *stats,
                                         ta_error *err);

#ifdef __cplusplus
}
#endif
#endif
