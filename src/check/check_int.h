/* Internals of the completeness checker, shared by check*.c only. */
#ifndef TMXALIGN_CHECK_INTERNAL_H
#define TMXALIGN_CHECK_INTERNAL_H

#include "anchors/anchors.h"
#include "base/base.h"
#include "tmxalign/check.h"

#define TA__MSG_MAX 320

/* The bead holds a partial omission (no length finding then). */
#define TA__BEAD_PARTIAL 1u
/* The bead is one of the pairs the aligner shifted by one around a moved
 * gap: its contents are not each other's translation, so per-bead checks
 * (numbers, length, words, punctuation) would only report the shift. */
#define TA__BEAD_SHIFTED 2u

typedef struct ta__finding_item {
  ta_finding pub;
  char msg[TA__MSG_MAX];
  bool summary; /* about the whole pair: always kept, fails the verdict */
} ta__finding_item;

struct ta_check_report {
  ta__finding_item *items;
  size_t n, cap;
  const ta_finding **order; /* findings sorted by position */
  ta_check_summary summary;
  ta_check_opts opts;
};

/* What the checks need at hand while they run. */
typedef struct ta__check_ctx {
  const ta_doc *src, *tgt;
  const ta_alignment *al;
  const ta_check_opts *o;
  ta_check_report *r;
  size_t *src_chars, *tgt_chars; /* code points per sentence */
  double ratio, var;             /* the alignment's length model */
  double raw_var;                /* var without the aligner's widening */
  bool features;                 /* fs, ft and model are built */
  ta__features fs, ft;           /* anchors, as the aligner sees them */
  ta__model model;               /* length model with the pair's figures */
  ta__folder *folder;            /* word folding for lexicon lookups */
  unsigned char *bead_flags;     /* per bead: BEAD_PARTIAL, BEAD_SHIFTED */
  void *spellout[2];             /* ICU spell-out formatters, src and tgt */
  signed char spellout_state[2]; /* check_spellout.c: untried, open, none */
} ta__check_ctx;

/* Append a finding over beads [bead, bead+nbeads) with the spans of their
 * sentences; message printf-style.  Returns the item (NULL: out of
 * memory) so that callers may narrow the spans. */
ta__finding_item *ta__check_add(ta__check_ctx *c, ta_finding_kind kind,
                                size_t bead, size_t nbeads, double value,
                                const char *fmt, ...) TA__PRINTF(6, 7);

/* The probability that something of source sentences [begin, begin+len)
 * is untranslated (the largest of their posteriors), or of target
 * sentences being added text; -1 when the alignment has no posteriors. */
double ta__check_p_untranslated(const ta__check_ctx *c, size_t begin,
                                size_t len);
double ta__check_p_added(const ta__check_ctx *c, size_t begin, size_t len);
/* A reviewer's word for probability p: "probably" (>= 0.8), "possibly"
 * (>= 0.5), "perhaps". */
const char *ta__check_how_sure(double p);

/* Fill a span for sentences [begin, begin+len) of d. */
void ta__check_span(const ta_doc *d, size_t begin, size_t len,
                    ta_check_span *out);

/* Gale-Church z of lt target against ls source code points under the
 * alignment's model: negative when the target is too short. */
double ta__check_z(const ta__check_ctx *c, double ls, double lt);

/* Partial omissions inside merges (check_partial.c). */
ta_status ta__partial_init(ta__check_ctx *c);
void ta__partial_free(ta__check_ctx *c);
ta_status ta__check_partial(ta__check_ctx *c, size_t bead, bool *found);
/* Where a gap of r source sentences starting at g (the 1-0 beads
 * [first, last], or one bead with r source sentences too many) fits best
 * when the 1-1 pairs around it may shift by r: the aligner often shifts a
 * run of pairs rather than pay for 1-0 beads.  Returns the new start. */
size_t ta__check_place_gap(const ta__check_ctx *c, size_t first, size_t last,
                           size_t g, size_t r);
/* Move finding it to where its gap fits best; marks the shifted beads. */
void ta__check_move_gap(ta__check_ctx *c, ta__finding_item *it, size_t first,
                        size_t last, size_t g, size_t r);
/* Is source sentence i a short speech tag ("Il reprit :") before a line
 * of dialogue?  Translators often fold those into the quote. */
bool ta__check_speech_tag(const ta__check_ctx *c, size_t i);
/* Index of the bead holding source sentence s. */
size_t ta__check_bead_of_src(const ta__check_ctx *c, size_t s);

/* Words of source sentences [k, k+r) of bead b with (hits) and without
 * (misses) a translation among the bead's target words that the other
 * source sentences do not account for (check_lexicon.c); both 0 without
 * a lexicon. */
ta_status ta__check_lexical(const ta__check_ctx *c, const ta_bead *b, size_t k,
                            size_t r, int *hits, int *misses);

/* Numbers in words by ICU's spell-out rules (check_spellout.c), for the
 * languages check_numbers.c has no tables of its own for: each value into
 * vals, whether it is compound into big, its text into shown (stride
 * shown_len); returns how many (at most cap). */
size_t ta__spellout_values(ta__check_ctx *c, bool target, const char *text,
                           size_t len, long *vals, bool *big, char *shown,
                           size_t shown_len, size_t cap);
/* Has ICU spell-out rules of that side's own language? */
bool ta__spellout_available(ta__check_ctx *c, bool target);
void ta__spellout_free(ta__check_ctx *c);

/* Numbers, dates and times of a bead (check_numbers.c). */
ta_status ta__check_numbers(ta__check_ctx *c, size_t bead);
/* Untranslated sentences and punctuation of a bead (check_lexical.c). */
ta_status ta__check_untranslated(ta__check_ctx *c, size_t bead);
ta_status ta__check_punctuation(ta__check_ctx *c, size_t bead);

/* A document in another language than its tag says (check_language.c):
 * a summary finding of kind LANGUAGE per side. */
ta_status ta__check_language(ta__check_ctx *c);

/* Joined text of sentences [begin, begin+len) of d, separated by spaces;
 * caller frees.  NULL when out of memory. */
char *ta__check_join(const ta_doc *d, size_t begin, size_t len);

/* Counts of the report's findings by kind, warnings and errors in serious,
 * info-level hints in hints (both TA_FINDING_KIND_COUNT long, zeroed by the
 * caller): how the text summary and the HTML header both count. */
void ta__check_count(const ta_check_report *r, size_t *serious, size_t *hints);

/* Why the verdict is "incomplete", in words ("coverage 87.1% of sentences
 * is below the minimum 98.0%; 24 omission findings"), summary findings
 * first; "" when complete.  Returns how many reasons. */
size_t ta__check_reason(const ta_check_report *r, char *buf, size_t size);

/* Writers (check_write.c, check_html.c). */
ta_status ta__check_write_text(FILE *fp, bool color, const ta_doc *src,
                               const ta_doc *tgt, const ta_check_report *r);
ta_status ta__check_write_json(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                               const ta_check_report *r);
ta_status ta__check_write_html(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                               const ta_alignment *al,
                               const ta_check_report *r);

#endif
