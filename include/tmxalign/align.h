/* Sentence alignment: the best sequence of beads between two documents.
 *
 * A bead pairs a run of source sentences with a run of target sentences
 * (1-0, 0-1, and m-n with m+n <= max_bead).  Every sentence of both sides
 * is in exactly one bead, in order.
 *
 * Cost = length (Gale-Church, ratio estimated from the pair itself)
 *      + anchors (numbers, identical tokens, cognates, punctuation,
 *        lexicon: words whose translation is on the other side)
 *      + bead-type prior + paragraph-boundary penalty.
 *
 * Memory bound: O((n + m) * band) bytes of back-pointers, never n*m.
 * Thread safety: ta_align is reentrant; distinct calls may run in parallel.
 * With opts.threads > 1 one call also uses threads of its own (started
 * and joined within the call). */
#ifndef TMXALIGN_ALIGN_H
#define TMXALIGN_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Anchor kinds, each with a weight in ta_align_opts.weights.  Kinds are
 * appended, never renumbered; the weights a program holds in
 * ta_align_opts have TA_ANCHOR_MAX slots, so a new kind changes no layout
 * a built program relies on (ta_bead puts its per-kind costs last). */
#define TA_ANCHOR_MAX 16
typedef enum ta_anchor_kind {
  TA_ANCHOR_NUMBER = 0,
  TA_ANCHOR_IDENTICAL,
  TA_ANCHOR_COGNATE,
  TA_ANCHOR_PUNCT,
  TA_ANCHOR_LEXICON,
  TA_ANCHOR_COUNT
} ta_anchor_kind;

/** Static name of an anchor kind ("number", "identical", ...). */
TA_EXPORT const char *ta_anchor_name(ta_anchor_kind k);

/** A word translation table (lexicon.h). */
typedef struct ta_lexicon ta_lexicon;

typedef struct ta_align_opts {
  int max_bead; /**< m + n <= max_bead for m,n >= 1; default 5 */
  double weights[TA_ANCHOR_MAX]; /**< by kind (< TA_ANCHOR_COUNT); 0
                                    disables a kind; defaults tuned */
  double length_weight;          /**< weight of the length cost, default 1 */
  bool use_paragraphs; /**< respect paragraph boundaries, default true */
  size_t min_band;     /**< minimal half-width of the DP band, default 20 */
  size_t max_band;     /**< widening stops here; 0 = unlimited */
  int passes;          /**< 2 (default): re-estimate the length model
                            and bead priors from a first pass */
  /* ---- lexical anchors (lexicon.h) ---- */
  const ta_lexicon *lexicon; /**< dictionary table, borrowed; may be NULL */
  bool self_train;           /**< learn a table from the pair's confident
                                  beads when there are enough (default true) */
  ta_note note;              /**< notes on the lexicon; fn may be NULL */
  /* ---- appended in 0.3 ---- */
  bool posteriors;  /**< also compute bead posteriors (forward-backward
                         over the band, ta_alignment_untranslated_probability);
                         default false: it costs about one more search pass */
  unsigned threads; /**< threads for this one pair: default 1; 0: one per
                         online core.  The alignment is the same bytes
                         whatever the number. */
} ta_align_opts;

TA_EXPORT void ta_align_opts_init(ta_align_opts *o);

/** One bead and why it was chosen.  Costs are in nats (-log probability);
 * lower is better.  score is the confidence in [0,1]. */
typedef struct ta_bead {
  size_t src_begin, src_len; /**< source sentences [begin, begin+len) */
  size_t tgt_begin, tgt_len; /**< target sentences */
  double score;              /**< confidence in [0,1] */
  double cost;               /**< total cost of the bead */
  double cost_length;
  double cost_chance; /**< anchors expected to match by chance */
  double cost_prior;
  double cost_paragraph;
  /** By kind, negative: evidence for.  The last member on purpose: a new
   * kind only lengthens the struct, and beads are the library's, reached
   * one at a time through ta_alignment_bead(), never an array a program
   * indexes or allocates, so older programs read the same offsets. */
  double cost_anchor[TA_ANCHOR_COUNT];
} ta_bead;

/** Document-level figures of an alignment. */
typedef struct ta_align_summary {
  size_t beads;
  size_t by_type[6][6]; /**< by_type[m][n]: beads with m source, n target
                             sentences (m, n clamped to 5) */
  double mean_score;
  double length_ratio;   /**< estimated target/source character ratio */
  double length_var;     /**< variance per character the search used:
                              the pair's own, widened 4x for heavy tails */
  double length_var_raw; /**< the variance measured on the pair, before
                              widening; Gale & Church's 6.8 when the pair
                              has too few 1-1 beads to measure it */
  size_t band;           /**< final half-width of the DP band */
} ta_align_summary;

typedef struct ta_alignment ta_alignment;

/** Align src with tgt.  Errors: TA_EINVAL (bad options), TA_ENOMEM. */
TA_EXPORT ta_status ta_align(const ta_doc *src, const ta_doc *tgt,
                             const ta_align_opts *o, ta_alignment **out,
                             ta_error *err);

TA_EXPORT size_t ta_alignment_count(const ta_alignment *a);
TA_EXPORT const ta_bead *ta_alignment_bead(const ta_alignment *a, size_t i);
TA_EXPORT const ta_align_summary *ta_alignment_summary(const ta_alignment *a);

typedef enum ta_align_format {
  TA_ALIGN_FORMAT_TSV = 0, /**< source TAB target TAB score, sentences of a side
                          joined by a space; tabs/newlines become spaces */
  TA_ALIGN_FORMAT_JSONL,   /**< one JSON object a bead: type, indices, byte
                          offsets, texts, score and cost components */
  TA_ALIGN_FORMAT_BEADS,   /**< "[0, 1]:[0]:0.93", the gold-standard format */
  TA_ALIGN_FORMAT_HTML,    /**< a bilingual reader page: one self-contained
                          HTML file, each source paragraph beside its
                          translation (one under the other on a narrow
                          screen), beads scoring below 0.5 marked */
  TA_ALIGN_FORMAT_XLSX,    /**< a spreadsheet for review: source, target,
                          score, bead, location; TA_EINVAL when the
                          library was built without libxlsxwriter */
  TA_ALIGN_FORMAT_EPUB     /**< a bilingual EPUB 3 book: the reader page's
                          paragraphs, a chapter at each source heading */
} ta_align_format;

/** Write the alignment to fp in format (XLSX and EPUB are binary: open fp
 * in binary mode).  Errors: TA_EIO (write failed), TA_EINVAL (XLSX
 * without libxlsxwriter), TA_ETOOBIG (XLSX: a cell over 32767
 * characters), TA_ENOMEM. */
TA_EXPORT ta_status ta_alignment_write(FILE *fp, ta_align_format format,
                                       const ta_doc *src, const ta_doc *tgt,
                                       const ta_alignment *a, ta_error *err);

/** No-op on NULL. */
TA_EXPORT void ta_alignment_free(ta_alignment *a);

/* ---- bead posteriors (appended in 0.3) ---- */

/** A side of an alignment. */
typedef enum ta_side { TA_SIDE_SOURCE = 0, TA_SIDE_TARGET } ta_side;

/** Whether a holds bead posteriors (ta_align with opts.posteriors). */
TA_EXPORT bool ta_alignment_has_posteriors(const ta_alignment *a);

/** The probability, under the aligner's own model, that nothing on the
 * other side translates sentence index of side: the summed posteriors of
 * the 1-0 (source) or 0-1 (target) beads that hold it, over every bead
 * sequence near the best one (forward-backward over the search band, the
 * search's costs read as -log probabilities).  A source sentence a merge
 * hides counts too: its alternative, the 1-0 bead beside a smaller
 * merge, is in the sum.  In [0,1].  Errors: TA_EINVAL (no posteriors
 * computed, index out of range). */
TA_EXPORT ta_status ta_alignment_untranslated_probability(const ta_alignment *a,
                                                          ta_side side,
                                                          size_t index,
                                                          double *p,
                                                          ta_error *err);

/** The posterior of bead i of the alignment: the probability that the
 * translation pairs exactly these sentences.  Errors: TA_EINVAL (no
 * posteriors computed, i out of range). */
TA_EXPORT ta_status ta_alignment_bead_posterior(const ta_alignment *a, size_t i,
                                                double *p, ta_error *err);

/* ---- a given alignment (appended in 0.2) ---- */

/** Build an alignment from beads given by a program (copied), checking
 * that they cover both documents in order: bead k starts where bead k-1
 * ended on each side, no bead is empty (0-0), the last ends at the last
 * sentence of each side, and each score is in [0,1].  Costs are copied
 * as given (0 when unknown); the summary counts beads by type and their
 * mean score (no length model: ratio, variance and band are 0).
 * Errors: TA_EINVAL ("bead 3: source sentence 7 is in no bead ..."),
 * TA_ENOMEM. */
TA_EXPORT ta_status ta_alignment_from_beads(const ta_doc *src,
                                            const ta_doc *tgt,
                                            const ta_bead *beads, size_t n,
                                            ta_alignment **out, ta_error *err);

/** What a reviewer added to an alignment read from JSON lines: which
 * beads were confirmed, and sentences whose text was edited (the edited
 * text, by sentence index; NULL where not edited).  Filled by
 * ta_alignment_read_jsonl; free with ta_alignment_marks_free. */
typedef struct ta_alignment_marks {
  size_t nbeads;
  bool *confirmed;   /**< nbeads entries */
  bool *scored;      /**< nbeads entries: the line gave a "score"
                          (a bead the reviewer changed has none) */
  size_t nsrc, ntgt; /**< sentences of each side */
  char **src_text;   /**< nsrc entries, NULL or the edited text */
  char **tgt_text;   /**< ntgt entries */
  size_t edits;      /**< edited sentences, both sides */
} ta_alignment_marks;

/** Read an alignment of src with tgt from JSON lines (docs/review.md),
 * one object a bead, blank lines skipped: {"src":[i...],"tgt":[j...]},
 * optional "score" (else 1 when confirmed, 0 when not), "confirmed" and
 * "edits":{"src":{"i":"text"},"tgt":{...}}; the objects of
 * 'tmxalign align -f jsonl' ("source":{"sentences":[...]}) are read too.
 * The beads must cover both documents in order, as for
 * ta_alignment_from_beads.  path "-" reads standard input.  marks may be
 * NULL; on TA_OK it is filled (free it with ta_alignment_marks_free).
 * Errors name the file and line: TA_EPARSE ("a.jsonl: line 4: source
 * sentence 9 is already in an earlier bead"), TA_ENOENT, TA_EIO,
 * TA_ETOOBIG, TA_ENOMEM. */
TA_EXPORT ta_status ta_alignment_read_jsonl(const char *path, const ta_doc *src,
                                            const ta_doc *tgt,
                                            ta_alignment **out,
                                            ta_alignment_marks *marks,
                                            ta_error *err);

/** The same over a buffer; name is used in messages. */
TA_EXPORT ta_status ta_alignment_read_jsonl_mem(
    const char *name, const char *data, size_t len, const ta_doc *src,
    const ta_doc *tgt, ta_alignment **out, ta_alignment_marks *marks,
    ta_error *err);

/** Free what marks holds and zero it; no-op on NULL. */
TA_EXPORT void ta_alignment_marks_free(ta_alignment_marks *marks);

#ifdef __cplusplus
}
#endif
#endif
