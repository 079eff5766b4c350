/* Cost model.  Length follows Gale & Church (1993) with the ratio and the
 * variance estimated from the document pair (align.c); anchors add a
 * reward per matched key and a penalty per unmatched number; bead types
 * carry a prior.  The constants here are the tuned defaults. */
#include <math.h>
#include <string.h>

#include "anchors/anchors.h"

#define SQRT2 1.41421356237309504880
#define SQRT_PI 1.77245385090551602730

/* Bead-type probabilities before any estimation from the document:
 * roughly what literary and institutional translations show. */
static const struct {
  int m, n;
  double p;
} default_priors[] = {
    {1, 1, 0.60}, {1, 0, 0.025}, {0, 1, 0.025}, {1, 2, 0.10},
    {2, 1, 0.07}, {2, 2, 0.03},  {1, 3, 0.025}, {3, 1, 0.015},
    {2, 3, 0.01}, {3, 2, 0.01},  {1, 4, 0.01},  {4, 1, 0.005},
};

/* The tuned anchor weights (nats per idf-weighted match). */
static const double default_weight[TA_ANCHOR_COUNT] = {
    [TA_ANCHOR_NUMBER] = 0.6,   [TA_ANCHOR_IDENTICAL] = 0.4,
    [TA_ANCHOR_COGNATE] = 0.15, [TA_ANCHOR_PUNCT] = 0.3,
    [TA_ANCHOR_LEXICON] = 0.3,
};

void ta__model_defaults(ta__model *m, const ta_align_opts *o) {
  memset(m, 0, sizeof *m);
  m->ratio = 1.0;
  m->var = 6.8; /* Gale & Church's figure, replaced by the estimate */
  /* Types without a listed prior get a small one: rare but allowed. */
  for (int a = 0; a <= TA__MAX_SIDE; a++)
    for (int b = 0; b <= TA__MAX_SIDE; b++) m->prior[a][b] = -log(0.001);
  for (size_t i = 0; i < sizeof default_priors / sizeof default_priors[0]; i++)
    m->prior[default_priors[i].m][default_priors[i].n] =
        -log(default_priors[i].p);
  for (int k = 0; k < TA_ANCHOR_COUNT; k++)
    m->weight[k] = o ? o->weights[k] : default_weight[k];
  m->number_miss = 2.0;
  m->length_weight = o ? o->length_weight : 1.0;
  m->paragraph = 4.0;
  m->paragraph_edge = 2.0;
  m->chance_weight = 1.0;
  m->var_scale = 4.0;
  ta__model_prepare(m);
}

const double *ta__default_anchor_weights(void) { return default_weight; }

/* -ln(erfc(x / sqrt 2)) = -ln P(|Z| >= x) for a standard normal Z.  For
 * large x erfc underflows; its asymptotic form keeps the cost finite. */
static double tail_cost_exact(double x) {
  if (x < 30.0) {
    double p = erfc(x / SQRT2);
    if (p > 1e-300) return -log(p);
  }
  double z = x / SQRT2;
  return z * z + log(z * SQRT_PI);
}

/* The search evaluates the tail hundreds of millions of times: a table
 * indexed by delta squared (no square root) with linear interpolation
 * replaces erfc and log; its error is below 1e-3 nats. */
#define TAIL_STEP 0.02 /* in delta squared */

void ta__model_prepare(ta__model *m) {
  for (int k = 0; k < TA__TAIL_SIZE; k++)
    m->tail[k] = (float)tail_cost_exact(sqrt(k * TAIL_STEP));
}

static double tail_cost_sq(const ta__model *m, double d2) {
  double pos = d2 / TAIL_STEP;
  if (pos >= TA__TAIL_SIZE - 1) /* |delta| > 20: the tail is d2/2 + ln */
    return d2 / 2 + 3.22;
  int k = (int)pos;
  double f = pos - k;
  return m->tail[k] + f * (m->tail[k + 1] - m->tail[k]);
}

double ta__cost_length(const ta__model *m, double ls, double lt) {
  if (ls <= 0 && lt <= 0) return 0.0;
  double mean = (ls + lt / m->ratio) / 2.0;
  double diff = lt - m->ratio * ls;
  return m->length_weight * tail_cost_sq(m, diff * diff / (m->var * mean));
}

/* Intersection of two sorted key lists.  The walk advances without
 * branching on the comparison (matches are rare and comparisons
 * unpredictable); it is the innermost loop of the whole search. */
void ta__keys_intersect(const uint32_t *ka, const float *wa, uint32_t na,
                        const uint32_t *kb, const float *wb, uint32_t nb,
                        ta__pair_match *out) {
  memset(out, 0, sizeof *out);
  uint32_t i = 0, j = 0;
  while (i < na && j < nb) {
    uint32_t x = ka[i], y = kb[j];
    if (x == y) {
      unsigned kind = TA__KEY_KIND(x);
      out->kind[kind] += 0.5 * (wa[i] + wb[j]);
      if (kind == TA_ANCHOR_NUMBER) out->numbers++;
    }
    i += x <= y;
    j += y <= x;
  }
}

void ta__pair_match_compute(const ta__features *fs, size_t s,
                            const ta__features *ft, size_t t,
                            ta__pair_match *out) {
  const ta__sent_feat *a = &fs->s[s], *b = &ft->s[t];
  ta__keys_intersect(fs->keys + a->key_begin, fs->weights + a->key_begin,
                     a->nkeys, ft->keys + b->key_begin,
                     ft->weights + b->key_begin, b->nkeys, out);
}

/* Union of the sorted key lists of sentences [first, first+count) into
 * out (sorted, unique) with each key's weight, by successive merges.
 * Keys beyond cap are dropped: a bead of 4 sentences rarely holds 100. */
size_t ta__keys_union(const ta__features *f, size_t first, size_t count,
                      uint32_t *out, float *wout, size_t cap) {
  uint32_t tmp[512];
  float wtmp[512];
  size_t n = 0;
  if (cap > 512) cap = 512;
  for (size_t s = first; s < first + count; s++) {
    const ta__sent_feat *sf = &f->s[s];
    const uint32_t *k = f->keys + sf->key_begin;
    const float *w = f->weights + sf->key_begin;
    size_t i = 0, j = 0, o = 0;
    while ((i < n || j < sf->nkeys) && o < cap) {
      if (j >= sf->nkeys || (i < n && out[i] < k[j])) {
        tmp[o] = out[i];
        wtmp[o++] = wout[i++];
      } else if (i >= n || k[j] < out[i]) {
        tmp[o] = k[j];
        wtmp[o++] = w[j++];
      } else {
        tmp[o] = out[i];
        wtmp[o++] = wout[i++];
        j++;
      }
    }
    memcpy(out, tmp, o * sizeof *out);
    memcpy(wout, wtmp, o * sizeof *wout);
    n = o;
  }
  return n;
}

void ta__bead_match_compute(const ta__features *fs, size_t s0, size_t a,
                            const ta__features *ft, size_t t0, size_t b,
                            ta__pair_match *out) {
  if (a == 1 && b == 1) {
    ta__pair_match_compute(fs, s0, ft, t0, out);
    return;
  }
  enum { CAP = 512 };
  uint32_t ka[CAP], kb[CAP];
  float wa[CAP], wb[CAP];
  size_t na = ta__keys_union(fs, s0, a, ka, wa, CAP);
  size_t nb = ta__keys_union(ft, t0, b, kb, wb, CAP);
  ta__keys_intersect(ka, wa, (uint32_t)na, kb, wb, (uint32_t)nb, out);
}

double ta__pair_reward(const ta__model *m, const ta__pair_match *pm) {
  double r = 0;
  for (int k = 0; k < TA_ANCHOR_COUNT; k++) r += m->weight[k] * pm->kind[k];
  return r;
}
