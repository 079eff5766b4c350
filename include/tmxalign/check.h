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
#define TA_CHECK_SCHEMA_VERSION 1

/** Kinds of findings; names (ta_finding_kind_name) are what --fail-on and
 * the JSON report use.  Appended, never renumbered. */
#define TA_FINDING_KIND_MAP(XX)            \
  XX(OMISSION, "omission")                 \
  XX(PARTIAL_OMISSION, "partial-omission") \
  XX(ADDITION, "addition")                 \
  XX(NUMBER, "number")                     \
  XX(UNTRANSLATED, "untranslated")         \
  XX(LENGTH, "length")                     \
  XX(PUNCTUATION, "punctuation")

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
} ta_check_opts;

/** Fill o with the documented defaults. */
TA_EXPORT void ta_check_opts_init(ta_check_opts *o);

/** Alignment options for checking: ta_align_opts_init's, with beads of at
 * most 4 sentences (max_bead 4).  Larger beads let the aligner hide an
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
  double mean_confidence; /**< mean bead score of the alignment */
  size_t by_kind[TA_FINDING_KIND_MAX];  /**< by kind; 0 past the last */
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

/** Findings, ordered by position in the source (then the target). */
TA_EXPORT size_t ta_check_report_count(const ta_check_report *r);
TA_EXPORT const ta_finding *ta_check_report_finding(const ta_check_report *r,
                                             size_t i);
TA_EXPORT const ta_check_summary *ta_check_report_summary(
    const ta_check_report *r);
/** The options the report was made with (thresholds appear in reports). */
TA_EXPORT const ta_check_opts *ta_check_report_opts(const ta_check_report *r);

typedef enum ta_check_format {
  TA_CHECK_FORMAT_TEXT = 0,   /**< "file:line: kind: severity: message: texts", one
                            finding a line after a summary; no colour */
  TA_CHECK_FORMAT_TEXT_COLOR, /**< the same with ANSI colours (for terminals) */
  TA_CHECK_FORMAT_JSON,       /**< the versioned schema of docs/check-schema.md */
  TA_CHECK_FORMAT_HTML        /**< one self-contained page: summary with links,
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

#ifdef __cplusplus
}
#endif
#endif
