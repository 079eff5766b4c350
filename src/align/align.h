/* The aligner's internals: shared by its files (align.c, dp.c, band.c,
 * confidence.c, lexicon_pass.c, align_write.c) and read by the layers
 * above (the bead array of a ta_alignment). */
#ifndef TMXALIGN_ALIGN_INTERNAL_H
#define TMXALIGN_ALIGN_INTERNAL_H

#include "anchors/anchors.h"
#include "lexicon/lexicon.h"

/* A paragraph boundary crossed on one side only, when both sides have the
 * same number of paragraphs: high enough to act as a wall, finite so that
 * a search can never be left without a path. */
#define TA__PARAGRAPH_HARD 30.0

typedef struct ta__bead_type {
  uint8_t a, b;
} ta__bead_type;

typedef struct ta__side {
  const ta__features *f;
  size_t n;
  uint64_t *chars;  /* prefix sums: chars[i] = code points of s < i */
  uint32_t *nums;   /* prefix sums of number anchors */
  uint32_t *breaks; /* prefix counts of paragraph breaks */
  uint32_t *hard;   /* the same without breaks before a speech turn */
  double *chance;   /* prefix sums of model-weighted chance matches */
} ta__side;

typedef struct ta__ctx {
  ta_align_opts opts;
  ta__features fsrc, ftgt;
  ta__side src, tgt;
  ta__model model;
  double var_raw;             /* measured length variance, before widening */
  double paragraph_cost;      /* bead spanning a boundary on one side */
  bool paragraph_soft_turns;  /* breaks before a speech turn do not count */
  double paragraph_edge_cost; /* pair starting or ending at a boundary on
                                 one side only */
  ta__bead_type types[(TA__MAX_SIDE) * (TA__MAX_SIDE) + 2];
  size_t ntypes;
  int max_a, max_b;
  ta_bead *beads;
  size_t nbeads, cap;
  size_t band;
  int level; /* 0: the documents; k: halved k times (coarse search) */
  const ta__vocab *vocab; /* of the documents, while coarse levels need it */
  ta__vocab vocab_own;    /* what vocab points to at level 0 */
  ta_error *err;          /* where a TA_EINTERNAL is described; may be NULL */
  struct ta__pool *pool;  /* threads of opts.threads; NULL: one thread */
} ta__ctx;

/* Searches over fewer source rows run on one thread: starting the
 * pipeline of dp.c costs more than it saves there. */
#define TA__PARALLEL_ROWS 4096

/* For every source row i in 0..n the target cells lo[i]..hi[i], both
 * non-decreasing in i, lo[0] = 0, hi[n] = m. */
typedef struct ta__band {
  size_t *lo, *hi;
  bool full; /* covers the whole grid: widening cannot help */
} ta__band;

/* Bead boundaries of an alignment: from (0,0) to (n,m). */
typedef struct ta__path {
  size_t *i, *j;
  size_t n;
} ta__path;

/* Band around the diagonal of an n x m grid, half-width w[i] in row i. */
ta_status ta__band_build(size_t n, size_t m, const size_t *w, ta__band *out);
/* Band around a path found at a level scale times coarser (scale 1: the
 * previous pass at the same level), half-width w[i] in row i. */
ta_status ta__band_from_path(const ta__path *p, size_t scale, size_t n,
                             size_t m, const size_t *w, ta__band *out);
void ta__band_free(ta__band *b);

ta_status ta__side_init(ta__side *sd, const ta__features *f,
                        const ta__model *m);
void ta__side_free(ta__side *sd);

/* Cost of the bead [i0, i0+a) x [j0, j0+b) given the reward and number
 * matches of its anchors; fills the cost fields of explain if not NULL.
 * Shared by the search and the explanation of chosen beads, so that what
 * jsonl shows is what the search used. */
double ta__bead_cost(const ta__ctx *c, size_t i0, size_t a, size_t j0, size_t b,
                     double reward, double num_matched, ta_bead *explain);

/* Fill the cost fields of bd (computed afresh from its keys) and return
 * its total cost. */
double ta__bead_explain(const ta__ctx *c, ta_bead *bd);

/* The best path inside band into c->beads.  touched[i] (n + 1 entries) is
 * set for the rows where the path runs along an inner edge of the band;
 * returns in *any whether there was one. */
ta_status ta__search(ta__ctx *c, const ta__band *band, uint8_t *touched,
                     bool *any);

/* Confidence in [0,1] of a bead whose costs are filled in. */
double ta__confidence(const ta__ctx *c, const ta_bead *b);

/* Bead posteriors of an alignment (posterior.c); all NULL when not
 * computed (ta_align_opts.posteriors false, or a given alignment). */
typedef struct ta__posteriors {
  double *src_untranslated; /* per source sentence: P(in a 1-0 bead) */
  double *tgt_untranslated; /* per target sentence: P(in a 0-1 bead) */
  double *bead;             /* per bead of the best path: its posterior */
} ta__posteriors;

/* Forward-backward over a band around c->beads (the best path) with the
 * search's bead costs.  Errors: TA_ENOMEM, TA_EINTERNAL. */
ta_status ta__posteriors_compute(const ta__ctx *c, ta__posteriors *out);
void ta__posteriors_free(ta__posteriors *p);

struct ta_alignment {
  ta_bead *beads;
  size_t n;
  ta_align_summary summary;
  ta__posteriors post;
  size_t nsrc, ntgt; /* sentences of each side, for the accessors */
};

/* Self-training and lexicon keys between the passes of align.c: learns a
 * table from c->beads if asked, replaces the TA_ANCHOR_LEXICON keys of
 * both sides' features with its keys and re-weighs them, for the next
 * pass.  *learned_from: the confident beads a table was learned from, 0
 * when none was (then a given table's keys are added, or the old keys
 * stay). */
ta_status ta__lexicon_attach(ta__ctx *c, const ta_doc *src, const ta_doc *tgt,
                             size_t *learned_from);

/* The bilingual reader page and book (align_html.c, align_epub.c) and the
 * review spreadsheet (align_xlsx.c), behind ta_alignment_write. */
extern const char ta__reader_css[];
/* Sentence i opens a paragraph of its own that reads as a heading: one
 * sentence, short, without a sentence's final punctuation. */
bool ta__reader_is_heading(const ta_doc *d, size_t i);
/* The title, HTML-escaped: src's first paragraph when it is a heading,
 * else its file name. */
void ta__reader_title(FILE *fp, const ta_doc *src);
/* The rows of beads [b0, b1): a source paragraph and its translation. */
void ta__reader_rows(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                     const ta_alignment *a, size_t b0, size_t b1);
void ta__reader_langs(FILE *fp, const ta_doc *src, const ta_doc *tgt);
void ta__reader_legend(FILE *fp, const ta_alignment *a);
ta_status ta__alignment_write_html(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a);
ta_status ta__alignment_write_epub(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a,
                                   ta_error *err);
ta_status ta__alignment_write_xlsx(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a,
                                   ta_error *err);

#endif
