/* The bead cost model: pure functions of lengths, anchor matches and the
 * model parameters.  Costs are in nats (-ln of a probability); lower is
 * better.  The parameter table below is the whole of what is tuned. */
#ifndef TMXALIGN_COST_H
#define TMXALIGN_COST_H

#include "tokens.h"

#define TA__MAX_SIDE 8 /* largest m or n of a bead type */
#define TA__TAIL_SIZE 20001

typedef struct ta__model {
  double ratio;        /* mean target chars per source char */
  double var;          /* variance of the length difference per char */
  double prior[TA__MAX_SIDE + 1][TA__MAX_SIDE + 1]; /* -ln P(m-n bead) */
  double weight[TA_ANCHOR_COUNT]; /* nats per (idf-weighted) matched key */
  double number_miss;  /* nats per number without its twin */
  double length_weight;
  double chance_weight; /* share of chance matches subtracted (0..1) */
  double var_scale;    /* the estimated variance is widened by this: the
                          normal model's tails are too thin for real text */
  float tail[TA__TAIL_SIZE]; /* -ln P(|Z| >= x) for x^2 = 0, 0.02, ... 400 */
  double paragraph;    /* nats for a bead spanning a paragraph boundary on
                          one side only */
  double paragraph_edge; /* nats for a pair that starts or ends at a
                            paragraph boundary on one side only */
} ta__model;

/* Default table, tuned on the Text+Berg dev set as a whole (README). */
void ta__model_defaults(ta__model *m, const ta_align_opts *o);

/* Fill the model's lookup tables. */
void ta__model_prepare(ta__model *m);

/* The tuned anchor weights, indexed by ta_anchor_kind. */
const double *ta__default_anchor_weights(void);

/* Gale-Church length cost of ls source against lt target characters:
 * -ln P(|delta|) with delta = (lt - ratio*ls) / sqrt(var * mean length). */
double ta__cost_length(const ta__model *m, double ls, double lt);

/* Matches between the keys of two sentences: the idf-weighted sum of
 * matched keys per kind (reward) and the count of matched numbers. */
typedef struct ta__pair_match {
  double kind[TA_ANCHOR_COUNT];
  unsigned numbers;
} ta__pair_match;

void ta__pair_match_compute(const ta__features *fs, size_t s,
                            const ta__features *ft, size_t t,
                            ta__pair_match *out);

/* Matches between the union of the keys of sentences [s0, s0+a) and the
 * union of those of [t0, t0+b): what a many-to-many bead shares, each key
 * counted once however many sentences of a side carry it. */
void ta__bead_match_compute(const ta__features *fs, size_t s0, size_t a,
                            const ta__features *ft, size_t t0, size_t b,
                            ta__pair_match *out);

/* The union of the keys of sentences [first, first+count) into out and
 * their weights into wout (at most cap, at most 512); returns the count. */
size_t ta__keys_union(const ta__features *f, size_t first, size_t count,
                      uint32_t *out, float *wout, size_t cap);
/* Matches between two sorted key lists. */
void ta__keys_intersect(const uint32_t *ka, const float *wa, uint32_t na,
                        const uint32_t *kb, const float *wb, uint32_t nb,
                        ta__pair_match *out);

/* Weighted reward (nats, >= 0) of a pair match under the model. */
double ta__pair_reward(const ta__model *m, const ta__pair_match *pm);

#endif
