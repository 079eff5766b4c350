/* State shared by the aligner's modules (align.c, band.c). */
#ifndef TMXALIGN_ALIGN_INTERNAL_H
#define TMXALIGN_ALIGN_INTERNAL_H

#include "cost.h"

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
  uint64_t *chars;   /* prefix sums: chars[i] = code points of s < i */
  uint32_t *nums;    /* prefix sums of number anchors */
  uint32_t *breaks;  /* prefix counts of paragraph breaks */
  double *chance;    /* prefix sums of model-weighted chance matches */
} ta__side;

typedef struct ta__ctx {
  ta_align_opts opts;
  ta__features fsrc, ftgt;
  ta__side src, tgt;
  ta__model model;
  double paragraph_cost;
  ta__bead_type types[(TA__MAX_SIDE) * (TA__MAX_SIDE) + 2];
  size_t ntypes;
  int max_a, max_b;
  ta_bead *beads;
  size_t nbeads, cap;
  size_t band;
} ta__ctx;

/* For every source row i in 0..n the target cells lo[i]..hi[i], both
 * non-decreasing in i, lo[0] = 0, hi[n] = m. */
typedef struct ta__band {
  size_t *lo, *hi;
  bool full; /* covers the whole grid: widening cannot help */
} ta__band;

/* Band of half-width w around the expected path. */
ta_status ta__band_build(const ta__ctx *c, size_t w, ta__band *out);
void ta__band_free(ta__band *b);

/* Confidence in [0,1] of a bead whose costs are filled in. */
double ta__confidence(const ta__ctx *c, const ta_bead *b);

struct ta_alignment {
  ta_bead *beads;
  size_t n;
  ta_align_summary summary;
};

#endif
