/* The aligner: dynamic programming over bead types inside a band of the
 * (source, target) grid, then a backtrace.
 *
 * Memory: one byte of back-pointer per band cell, the last few cost rows,
 * and prefix sums of pair rewards for the last few source sentences, so
 * O(n * band) bytes and no n x m matrix.  The band follows a coarse path
 * (band.c) and widens when the best path touches its edge.
 *
 * Two passes: the first uses the document's overall length ratio and
 * default priors; its confident beads re-estimate the ratio, the variance
 * and the bead-type priors for the second (the parameters are thus the
 * document pair's own, as Gale & Church estimated theirs from data). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"

#define INF DBL_MAX
#define TA__CONF_SLOPE 1.0
#define TA__CONF_MID 2.0

const char *ta_anchor_name(ta_anchor_kind k) {
  static const char *const names[TA_ANCHOR_COUNT] = {
      "number", "identical", "cognate", "punct", "lexicon"};
  return (unsigned)k < TA_ANCHOR_COUNT ? names[k] : "unknown";
}

void ta_align_opts_init(ta_align_opts *o) {
  memset(o, 0, sizeof *o);
  o->max_bead = 5;
  memcpy(o->weights, ta__default_anchor_weights(), sizeof o->weights);
  o->length_weight = 1.0;
  o->use_paragraphs = true;
  o->min_band = 20;
  o->max_band = 0;
  o->passes = 2;
}

/* ---- per-side prefix sums ---------------------------------------------- */

static ta_status side_init(ta__side *sd, const ta__features *f,
                           const ta__model *m) {
  size_t n = f->n;
  sd->f = f;
  sd->n = n;
  sd->chars = malloc((n + 1) * sizeof *sd->chars);
  sd->nums = malloc((n + 1) * sizeof *sd->nums);
  sd->breaks = malloc((n + 1) * sizeof *sd->breaks);
  sd->chance = malloc((n + 1) * sizeof *sd->chance);
  if (!sd->chars || !sd->nums || !sd->breaks || !sd->chance) return TA_ENOMEM;
  sd->chance[0] = 0;
  sd->chars[0] = 0;
  sd->nums[0] = 0;
  sd->breaks[0] = 0;
  for (size_t i = 0; i < n; i++) {
    sd->chars[i + 1] = sd->chars[i] + f->s[i].chars;
    sd->nums[i + 1] = sd->nums[i] + f->s[i].nnum;
    sd->breaks[i + 1] = sd->breaks[i] + (f->s[i].para_break ? 1 : 0);
    double ch = 0;
    for (int k = 0; k < TA_ANCHOR_COUNT; k++)
      ch += m->weight[k] * f->s[i].chance[k];
    sd->chance[i + 1] = sd->chance[i] + ch;
  }
  return TA_OK;
}

static void side_free(ta__side *sd) {
  free(sd->chars);
  free(sd->nums);
  free(sd->breaks);
  free(sd->chance);
}

/* Paragraph boundaries inside the run [begin, begin + len). */
static uint32_t interior_breaks(const ta__side *sd, size_t begin, size_t len) {
  if (len < 2) return 0;
  return sd->breaks[begin + len] - sd->breaks[begin + 1];
}

/* ---- bead costs ------------------------------------------------------------ */

/* Cost of a bead given the summed pair reward and number matches over its
 * sentence pairs.  Shared by the search and by the explanation of a chosen
 * bead, so that what jsonl shows is what the search used. */
static double bead_cost(const ta__ctx *c, size_t i0, size_t a, size_t j0,
                        size_t b, double reward, double num_matched,
                        ta_bead *explain) {
  const ta__model *m = &c->model;
  double ls = (double)(c->src.chars[i0 + a] - c->src.chars[i0]);
  double lt = (double)(c->tgt.chars[j0 + b] - c->tgt.chars[j0]);
  double len = (a && b) ? ta__cost_length(m, ls, lt) : 0.0;
  double nums = (double)(c->src.nums[i0 + a] - c->src.nums[i0]) +
                (double)(c->tgt.nums[j0 + b] - c->tgt.nums[j0]);
  double miss = nums - 2.0 * num_matched;
  if (miss < 0) miss = 0;
  double para = 0;
  if (c->paragraph_cost > 0 &&
      (interior_breaks(&c->src, i0, a) > 0) !=
          (interior_breaks(&c->tgt, j0, b) > 0))
    para = c->paragraph_cost;
  double prior = m->prior[a][b];
  /* Anchors a bead would share by chance grow with its size: without
   * this, merging neighbours always gains spurious matches. */
  double chance = 0;
  if (a && b)
    chance = 0.5 * m->chance_weight *
             ((double)b * (c->src.chance[i0 + a] - c->src.chance[i0]) +
              (double)a * (c->tgt.chance[j0 + b] - c->tgt.chance[j0]));
  double total = len + prior + para + m->number_miss * miss - reward + chance;
  if (explain) {
    explain->cost = total;
    explain->cost_length = len;
    explain->cost_prior = prior;
    explain->cost_paragraph = para;
    explain->cost_chance = chance;
  }
  return total;
}

/* Recompute the anchor terms of one bead from scratch (for explanations). */
static double bead_explain(const ta__ctx *c, ta_bead *bd) {
  double reward = 0, matched = 0;
  double per_kind[TA_ANCHOR_COUNT] = {0};
  if (bd->src_len && bd->tgt_len) {
    ta__pair_match pm;
    ta__bead_match_compute(c->src.f, bd->src_begin, bd->src_len, c->tgt.f,
                           bd->tgt_begin, bd->tgt_len, &pm);
    for (int k = 0; k < TA_ANCHOR_COUNT; k++)
      per_kind[k] -= c->model.weight[k] * pm.kind[k];
    reward = ta__pair_reward(&c->model, &pm);
    matched = pm.numbers;
  }
  double cost = bead_cost(c, bd->src_begin, bd->src_len, bd->tgt_begin,
                          bd->tgt_len, reward, matched, bd);
  double nums =
      (double)(c->src.nums[bd->src_begin + bd->src_len] -
               c->src.nums[bd->src_begin]) +
      (double)(c->tgt.nums[bd->tgt_begin + bd->tgt_len] -
               c->tgt.nums[bd->tgt_begin]);
  double miss = nums - 2.0 * matched;
  per_kind[TA_ANCHOR_NUMBER] += c->model.number_miss * (miss > 0 ? miss : 0);
  memcpy(bd->cost_anchor, per_kind, sizeof per_kind);
  return cost;
}

/* ---- the banded search ----------------------------------------------------- */

typedef struct pair_row {
  size_t lo, hi;   /* target sentences [lo, hi) */
  double *reward;  /* prefix sums: reward[k] = sum over t < lo + k */
  double *numbers; /* prefix sums of matched numbers */
  size_t cap;
} pair_row;

static bool pair_row_fill(const ta__ctx *c, pair_row *r, size_t s, size_t lo,
                          size_t hi) {
  size_t w = hi - lo + 1;
  if (w > r->cap) {
    double *nr = realloc(r->reward, w * sizeof *nr);
    if (!nr) return false;
    r->reward = nr;
    double *nn = realloc(r->numbers, w * sizeof *nn);
    if (!nn) return false;
    r->numbers = nn;
    r->cap = w;
  }
  r->lo = lo;
  r->hi = hi;
  r->reward[0] = 0;
  r->numbers[0] = 0;
  for (size_t t = lo; t < hi; t++) {
    ta__pair_match pm;
    ta__pair_match_compute(c->src.f, s, c->tgt.f, t, &pm);
    r->reward[t - lo + 1] = r->reward[t - lo] + ta__pair_reward(&c->model, &pm);
    r->numbers[t - lo + 1] = r->numbers[t - lo] + pm.numbers;
  }
  return true;
}

/* Run the DP inside band; fill c->beads.  Returns TA_ENOMEM or TA_OK and
 * sets *touched when the best path runs along an inner edge of the band. */
static ta_status search(ta__ctx *c, const ta__band *band, bool *touched) {
  const size_t n = c->src.n, m = c->tgt.n;
  const size_t A = (size_t)c->max_a, B = (size_t)c->max_b;
  ta_status st = TA_ENOMEM;
  size_t *off = malloc((n + 2) * sizeof *off);
  double *rows[TA__MAX_SIDE + 1] = {0};
  pair_row prs[TA__MAX_SIDE] = {{0}};
  uint8_t *bp = NULL;
  if (!off) goto done;
  size_t maxw = 0;
  off[0] = 0;
  for (size_t i = 0; i <= n; i++) {
    size_t w = band->hi[i] - band->lo[i] + 1;
    off[i + 1] = off[i] + w;
    if (w > maxw) maxw = w;
  }
  bp = malloc(off[n + 1]);
  if (!bp) goto done;
  for (size_t r = 0; r <= A; r++)
    if (!(rows[r] = malloc(maxw * sizeof(double)))) goto done;

  for (size_t i = 0; i <= n; i++) {
    if (i >= 1) {
      size_t s = i - 1;
      size_t plo = band->lo[i] >= B ? band->lo[i] - B : 0;
      size_t phi = band->hi[i + A - 1 <= n ? i + A - 1 : n];
      if (!pair_row_fill(c, &prs[s % A], s, plo, phi)) goto done;
    }
    double *row = rows[i % (A + 1)];
    const size_t lo = band->lo[i], hi = band->hi[i];
    for (size_t j = lo; j <= hi; j++) {
      double best = INF;
      uint8_t arg = 0xFF;
      if (i == 0 && j == 0) best = 0;
      for (size_t k = 0; k < c->ntypes; k++) {
        size_t a = c->types[k].a, b = c->types[k].b;
        if (a > i || b > j) continue;
        size_t pi = i - a, pj = j - b;
        if (pj < band->lo[pi] || pj > band->hi[pi]) continue;
        double prev = rows[pi % (A + 1)][pj - band->lo[pi]];
        if (prev >= INF) continue;
        double reward = 0, nm = 0;
        if (a == 1 && b == 1) {
          const pair_row *r = &prs[pi % A];
          reward = r->reward[j - r->lo] - r->reward[pj - r->lo];
          nm = r->numbers[j - r->lo] - r->numbers[pj - r->lo];
        } else if (a && b) {
          ta__pair_match pm;
          ta__bead_match_compute(c->src.f, pi, a, c->tgt.f, pj, b, &pm);
          reward = ta__pair_reward(&c->model, &pm);
          nm = pm.numbers;
        }
        double cost = prev + bead_cost(c, pi, a, pj, b, reward, nm, NULL);
        if (cost < best) {
          best = cost;
          arg = (uint8_t)k;
        }
      }
      row[j - lo] = best;
      bp[off[i] + j - lo] = arg;
    }
  }

  /* Backtrace from (n, m). */
  c->nbeads = 0;
  *touched = false;
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    uint8_t k = bp[off[i] + j - band->lo[i]];
    if (k == 0xFF) { /* cannot happen: 1-0 and 0-1 always connect */
      st = TA_EINVAL;
      goto done;
    }
    if ((j == band->lo[i] && band->lo[i] > 0) ||
        (j == band->hi[i] && band->hi[i] < m))
      *touched = true;
    size_t a = c->types[k].a, b = c->types[k].b;
    if (c->nbeads == c->cap) {
      size_t ncap = c->cap ? c->cap * 2 : 256;
      ta_bead *nb = realloc(c->beads, ncap * sizeof *nb);
      if (!nb) goto done;
      c->beads = nb;
      c->cap = ncap;
    }
    ta_bead *bd = &c->beads[c->nbeads++];
    memset(bd, 0, sizeof *bd);
    bd->src_begin = i - a;
    bd->src_len = a;
    bd->tgt_begin = j - b;
    bd->tgt_len = b;
    i -= a;
    j -= b;
  }
  for (size_t x = 0, y = c->nbeads ? c->nbeads - 1 : 0; x < y; x++, y--) {
    ta_bead t = c->beads[x];
    c->beads[x] = c->beads[y];
    c->beads[y] = t;
  }
  st = TA_OK;
done:
  free(off);
  free(bp);
  for (size_t r = 0; r <= TA__MAX_SIDE; r++) free(rows[r]);
  for (size_t r = 0; r < TA__MAX_SIDE; r++) {
    free(prs[r].reward);
    free(prs[r].numbers);
  }
  return st;
}

/* Search with widening: double the band until the path stays inside. */
static ta_status search_widening(ta__ctx *c) {
  size_t w = c->opts.min_band ? c->opts.min_band : 1;
  for (;;) {
    ta__band band;
    ta_status st = ta__band_build(c, w, &band);
    if (st != TA_OK) return st;
    bool touched = false;
    st = search(c, &band, &touched);
    bool full = band.full;
    ta__band_free(&band);
    if (st != TA_OK) return st;
    c->band = w;
    if (!touched || full) return TA_OK;
    if (c->opts.max_band && w >= c->opts.max_band) return TA_OK;
    w *= 2;
    if (c->opts.max_band && w > c->opts.max_band) w = c->opts.max_band;
  }
}

/* ---- estimation between passes --------------------------------------------- */

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

/* Ratio and variance from the beads of the previous pass.  Bead-type
 * priors stay as tuned: re-estimating them from a first pass reinforced
 * its own mistakes on the dev set (strict F1 0.905 -> 0.867). */
static void reestimate(ta__ctx *c) {
  double ls = 0, lt = 0;
  size_t n11 = 0;
  double *d = malloc((c->nbeads + 1) * sizeof *d);
  for (size_t k = 0; k < c->nbeads; k++) {
    const ta_bead *b = &c->beads[k];
    if (!b->src_len || !b->tgt_len) continue;
    ls += (double)(c->src.chars[b->src_begin + b->src_len] -
                   c->src.chars[b->src_begin]);
    lt += (double)(c->tgt.chars[b->tgt_begin + b->tgt_len] -
                   c->tgt.chars[b->tgt_begin]);
  }
  if (ls > 0 && lt > 0) c->model.ratio = lt / ls;
  for (size_t k = 0; d && k < c->nbeads; k++) {
    const ta_bead *b = &c->beads[k];
    if (b->src_len != 1 || b->tgt_len != 1) continue;
    double s = c->src.f->s[b->src_begin].chars;
    double t = c->tgt.f->s[b->tgt_begin].chars;
    double mean = (s + t / c->model.ratio) / 2;
    if (mean < 1) continue;
    double diff = t - c->model.ratio * s;
    d[n11++] = diff * diff / mean;
  }
  /* The median of a chi-square with one degree of freedom is 0.4549:
   * a median-based estimate ignores the few wrong beads. */
  if (n11 >= 20) {
    qsort(d, n11, sizeof *d, cmp_double);
    double v = d[n11 / 2] / 0.4549;
    if (v > 0.5 && v < 100) c->model.var = v * c->model.var_scale;
  }
  free(d);
}

/* The bead's cost per sentence through a logistic curve: an estimate of
 * the chance that the bead is exactly right, calibrated on the dev set. */
double ta__confidence(const ta__ctx *c, const ta_bead *b) {
  (void)c;
  double per = b->cost / (double)(b->src_len + b->tgt_len);
  return 1.0 / (1.0 + exp(TA__CONF_SLOPE * (per - TA__CONF_MID)));
}

/* ---- public entry ------------------------------------------------------------ */

static void summarise(ta_alignment *al) {
  ta_align_summary *s = &al->summary;
  double sum = 0;
  s->beads = al->n;
  for (size_t k = 0; k < al->n; k++) {
    size_t a = al->beads[k].src_len, b = al->beads[k].tgt_len;
    s->by_type[a > 5 ? 5 : a][b > 5 ? 5 : b]++;
    sum += al->beads[k].score;
  }
  s->mean_score = al->n ? sum / (double)al->n : 0;
}

static void build_types(ta__ctx *c) {
  int maxb = c->opts.max_bead;
  c->ntypes = 0;
  c->max_a = 1;
  c->max_b = 1;
  c->types[c->ntypes++] = (ta__bead_type){1, 1};
  c->types[c->ntypes++] = (ta__bead_type){1, 0};
  c->types[c->ntypes++] = (ta__bead_type){0, 1};
  for (int a = 1; a <= TA__MAX_SIDE; a++)
    for (int b = 1; b <= TA__MAX_SIDE; b++) {
      if ((a == 1 && b == 1) || a + b > maxb) continue;
      c->types[c->ntypes++] = (ta__bead_type){(uint8_t)a, (uint8_t)b};
      if (a > c->max_a) c->max_a = a;
      if (b > c->max_b) c->max_b = b;
    }
}

static ta_status align_ctx(ta__ctx *c, const ta_doc *src, const ta_doc *tgt) {
  bool on[TA_ANCHOR_COUNT];
  for (int k = 0; k < TA_ANCHOR_COUNT; k++) on[k] = c->opts.weights[k] != 0;
  ta_status st = ta__features_build(src, on, &c->fsrc);
  if (st == TA_OK) st = ta__features_build(tgt, on, &c->ftgt);
  if (st == TA_OK) st = ta__features_weigh(&c->fsrc, &c->ftgt);
  if (st != TA_OK) return st;
  build_types(c);
  ta__model_defaults(&c->model, &c->opts);
  st = side_init(&c->src, &c->fsrc, &c->model);
  if (st == TA_OK) st = side_init(&c->tgt, &c->ftgt, &c->model);
  if (st != TA_OK) return st;
  if (c->fsrc.total_chars && c->ftgt.total_chars)
    c->model.ratio =
        (double)c->ftgt.total_chars / (double)c->fsrc.total_chars;
  size_t ps = ta_doc_paragraph_count(src), pt = ta_doc_paragraph_count(tgt);
  c->paragraph_cost = 0;
  if (c->opts.use_paragraphs && ps > 1 && pt > 1)
    c->paragraph_cost = ps == pt ? TA__PARAGRAPH_HARD : c->model.paragraph;

  int passes = c->opts.passes < 1 ? 1 : c->opts.passes;
  for (int p = 0; p < passes; p++) {
    if (p > 0) reestimate(c);
    st = search_widening(c);
    if (st != TA_OK) return st;
  }
  return TA_OK;
}

ta_status ta_align(const ta_doc *src, const ta_doc *tgt,
                   const ta_align_opts *o, ta_alignment **out,
                   ta_error *err) {
  if (!src || !tgt || !out)
    return ta__fail(err, TA_EINVAL, "align: missing document");
  ta__ctx c;
  memset(&c, 0, sizeof c);
  if (o)
    c.opts = *o;
  else
    ta_align_opts_init(&c.opts);
  if (c.opts.max_bead < 2 || c.opts.max_bead > TA__MAX_SIDE + 1)
    return ta__fail(err, TA_EINVAL,
                    "align: max bead size %d is outside 2..%d",
                    c.opts.max_bead, TA__MAX_SIDE + 1);
  ta_alignment *al = calloc(1, sizeof *al);
  ta_status st = al ? align_ctx(&c, src, tgt) : TA_ENOMEM;
  if (st == TA_OK) {
    for (size_t k = 0; k < c.nbeads; k++) {
      ta_bead *bd = &c.beads[k];
      bead_explain(&c, bd);
      bd->score = ta__confidence(&c, bd);
    }
    al->beads = c.beads;
    al->n = c.nbeads;
    c.beads = NULL;
    al->summary.length_ratio = c.model.ratio;
    al->summary.length_var = c.model.var;
    al->summary.band = c.band;
    summarise(al);
    *out = al;
  } else {
    free(al);
    ta__fail(err, st, "align %s with %s: %s", ta_doc_name(src),
             ta_doc_name(tgt), ta_strerror(st));
  }
  free(c.beads);
  side_free(&c.src);
  side_free(&c.tgt);
  ta__features_free(&c.fsrc);
  ta__features_free(&c.ftgt);
  return st;
}

size_t ta_alignment_count(const ta_alignment *a) { return a ? a->n : 0; }

const ta_bead *ta_alignment_bead(const ta_alignment *a, size_t i) {
  return a && i < a->n ? &a->beads[i] : NULL;
}

const ta_align_summary *ta_alignment_summary(const ta_alignment *a) {
  return a ? &a->summary : NULL;
}

void ta_alignment_free(ta_alignment *a) {
  if (!a) return;
  free(a->beads);
  free(a);
}
