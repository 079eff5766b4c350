/* The aligner: features of both documents, the model, the passes and the
 * band around which the dynamic programme (dp.c) searches.  The band
 * follows a coarse alignment of merged sentences (recursively, for long
 * documents) and widens when the best path touches its edge.
 *
 * Two passes: the first uses the document's overall length ratio; its
 * beads re-estimate the ratio and the variance, and its confident beads
 * teach a lexicon, for the second (the parameters are thus the document
 * pair's own, as Gale & Church estimated theirs from data). */
#include "align/align.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/parallel.h"
#include "lexicon/lexicon.h"

const char *ta_anchor_name(ta_anchor_kind k) {
  static const char *const names[TA_ANCHOR_COUNT] = {
      "number", "identical", "cognate", "punct", "lexicon"};
  return (unsigned)k < TA_ANCHOR_COUNT ? names[k] : "unknown";
}

void ta_align_opts_init(ta_align_opts *o) {
  memset(o, 0, sizeof *o);
  o->max_bead = 5;
  /* the slots past the last kind stay 0 (room for kinds to come) */
  memcpy(o->weights, ta__default_anchor_weights(),
         TA_ANCHOR_COUNT * sizeof o->weights[0]);
  o->length_weight = 1.0;
  o->use_paragraphs = true;
  o->min_band = 20;
  o->max_band = 0;
  o->passes = 2;
  o->self_train = true;
  o->threads = 1;
}

/* Documents longer than this (both sides) are first aligned at half
 * resolution, recursively, and the fine search follows that path. */
#define TA__COARSE_ABOVE 2000
#define TA__MAX_WIDENINGS 3
/* the unguided band: (n + m) / this, at least min_band */
#define TA__UNGUIDED_SHARE 40
/* Largest anchor or length weight: beyond it costs lose all meaning, and
 * 1e308 overflowed them into NaN and infinities in the outputs. */
#define TA__MAX_WEIGHT 1000.0
/* Rounds of self-training after the first (see align_ctx). */
#define TA__RELEARN_ROUNDS 2
/* Half-width of the corridor around a coarse or previous path. */
#define TA__GUIDED_BAND 4

static void path_free(ta__path *p) {
  free(p->i);
  free(p->j);
  memset(p, 0, sizeof *p);
}

static ta_status path_from_beads(const ta__ctx *c, ta__path *p) {
  p->n = c->nbeads + 1;
  p->i = ta__malloc(p->n * sizeof *p->i);
  p->j = ta__malloc(p->n * sizeof *p->j);
  if (!p->i || !p->j) {
    path_free(p);
    return TA_ENOMEM;
  }
  for (size_t k = 0; k < c->nbeads; k++) {
    p->i[k] = c->beads[k].src_begin;
    p->j[k] = c->beads[k].tgt_begin;
  }
  p->i[c->nbeads] = c->src.n;
  p->j[c->nbeads] = c->tgt.n;
  return TA_OK;
}

static ta_status search_level(ta__ctx *c, const ta__path *guide, size_t scale);

/* The same model over both documents halved; its path guides the band. */
static ta_status coarse_path(const ta__ctx *c, ta__path *out) {
  ta__ctx cc;
  memset(&cc, 0, sizeof cc);
  cc.opts = c->opts;
  cc.model = c->model;
  cc.level = c->level + 1;
  /* Skipping a coarse sentence skips twice as many real ones, and its
   * boundaries match the other side's only by accident: without a higher
   * price, every length mismatch would be settled by a skip. */
  cc.model.prior[1][0] *= 2;
  cc.model.prior[0][1] *= 2;
  memcpy(cc.types, c->types, sizeof cc.types);
  cc.ntypes = c->ntypes;
  cc.max_a = c->max_a;
  cc.max_b = c->max_b;
  cc.vocab = c->vocab;
  cc.err = c->err;
  cc.pool = c->pool;
  ta_status st = ta__features_coarsen(c->src.f, 0, c->vocab, &cc.fsrc);
  if (st == TA_OK) st = ta__features_coarsen(c->tgt.f, 1, c->vocab, &cc.ftgt);
  if (st == TA_OK) st = ta__side_init(&cc.src, &cc.fsrc, &cc.model);
  if (st == TA_OK) st = ta__side_init(&cc.tgt, &cc.ftgt, &cc.model);
  if (st == TA_OK) st = search_level(&cc, NULL, 0);
  if (st == TA_OK) st = path_from_beads(&cc, out);
  free(cc.beads);
  ta__side_free(&cc.src);
  ta__side_free(&cc.tgt);
  ta__features_free(&cc.fsrc);
  ta__features_free(&cc.ftgt);
  return st;
}

/* The corridor around the diagonal, where nothing guides the search yet
 * (the coarsest level, at most TA__COARSE_ABOVE sentences a side, or a
 * short document): the true path strays from the diagonal by more the
 * longer the text, since each side's share of merges and splits varies
 * along it (a catalogue of help texts where Japanese splits every English
 * sentence in three, then one where it does not).  A band of 20 there
 * followed a path 33 sentences off for 190 beads, and no edge was ever
 * touched to widen it.  A width in proportion to the size costs little
 * at this level and keeps the caller's minimum. */
static size_t unguided_band(size_t min_band, size_t n, size_t m) {
  size_t w = (n + m) / TA__UNGUIDED_SHARE;
  return w > min_band ? w : min_band;
}

/* Search in a corridor (around guide, or the diagonal).  Where the best
 * path touches an inner edge, the corridor widens around those
 * rows only, and the search runs again: a large omission widens the band
 * where it is, not along the whole document. */
static ta_status search_level(ta__ctx *c, const ta__path *guide, size_t scale) {
  const size_t n = c->src.n, m = c->tgt.n;
  ta__path coarse = {0};
  ta_status st = TA_OK;
  if (!guide && n > TA__COARSE_ABOVE && m > TA__COARSE_ABOVE) {
    st = coarse_path(c, &coarse);
    if (st != TA_OK) return st;
    guide = &coarse;
    scale = 2;
  }
  /* A path from a coarser level is less sure than one from a previous
   * pass at this level. */
  size_t w0 = !guide      ? unguided_band(c->opts.min_band, n, m)
              : scale > 1 ? 2 * TA__GUIDED_BAND
                          : TA__GUIDED_BAND;
  if (w0 < 1) w0 = 1;
  /* No corridor is wider than the grid; capping the caller's width keeps
   * the widening's 4 * w from wrapping (min_band = SIZE_MAX looped). */
  if (w0 > n + m + 1) w0 = n + m + 1;
  size_t *w = ta__malloc((n + 1) * sizeof *w);
  size_t *near = ta__malloc((n + 1) * sizeof *near); /* last round's w */
  uint8_t *touched = ta__malloc(n + 1);
  if (!w || !near || !touched) st = TA_ENOMEM;
  for (size_t i = 0; st == TA_OK && i <= n; i++) w[i] = w0;
  size_t widest = w0;
  /* A few widenings settle real omissions; beyond that the touches are the
   * path brushing the edge here and there, and each search costs a pass. */
  /* A coarse path is only a guide: one widening there, where the real
   * documents get up to TA__MAX_WIDENINGS. */
  int rounds = c->level ? 1 : TA__MAX_WIDENINGS;
  ta__path prev = {0};
  for (int round = 0; st == TA_OK && round <= rounds; round++) {
    ta__band band;
    if (prev.n) /* a widening round: around the last path */
      st = ta__band_from_path(&prev, 1, n, m, w, &band);
    else
      st = guide ? ta__band_from_path(guide, scale, n, m, w, &band)
                 : ta__band_build(n, m, w, &band);
    if (st != TA_OK) break;
    bool any = false;
    st = ta__search(c, &band, touched, &any);
    if (st == TA_OK && prev.n) { /* pinned rows touch by construction */
      any = false;
      for (size_t i = 0; i <= n; i++) {
        if (!w[i]) touched[i] = 0;
        any = any || touched[i];
      }
    }
    bool full = band.full;
    ta__band_free(&band);
    c->band = widest;
    if (st != TA_OK || !any || full || round == rounds) break;
    if (c->opts.max_band && widest >= c->opts.max_band) break;
    /* The next search keeps this path where it stayed inside the corridor
     * (width 0: those rows are settled) and quadruples the width on rows
     * near a touch (within four times the old width: the path may leave
     * the corridor before or after); one more search usually settles it.
     * On a million sentences, three touches used to cost a second search
     * as wide as the first; now a few thousand cells around them. */
    path_free(&prev);
    st = path_from_beads(c, &prev);
    if (st != TA_OK) break;
    memcpy(near, w, (n + 1) * sizeof *near);
    memset(w, 0, (n + 1) * sizeof *w);
    for (size_t i = 0; i <= n; i++) {
      if (!touched[i]) continue;
      size_t reach = 4 * near[i] + 16;
      size_t from = i > reach ? i - reach : 0;
      size_t to = i + reach < n ? i + reach : n;
      size_t nw = 4 * near[i];
      if (c->opts.max_band && nw > c->opts.max_band) nw = c->opts.max_band;
      for (size_t r = from; r <= to; r++)
        if (w[r] < nw) w[r] = nw;
      if (nw > widest) widest = nw;
      i = to; /* rows up to `to` are done */
    }
  }
  path_free(&prev);
  free(w);
  free(near);
  free(touched);
  path_free(&coarse);
  return st;
}

/* ---- estimation between passes ---------------------------------------------
 */

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
  double *d = ta__malloc((c->nbeads + 1) * sizeof *d);
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
    if (v > 0.5 && v < 100) {
      c->var_raw = v;
      c->model.var = v * c->model.var_scale;
    }
  }
  free(d);
}

/* ---- public entry
 * ------------------------------------------------------------ */

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

/* Another pass, in a corridor around the last one's path. */
static ta_status follow(ta__ctx *c) {
  ta__path prev = {0};
  ta_status st = path_from_beads(c, &prev);
  if (st == TA_OK) st = search_level(c, &prev, 1);
  path_free(&prev);
  return st;
}

static ta_status align_ctx(ta__ctx *c, const ta_doc *src, const ta_doc *tgt) {
  bool on[TA_ANCHOR_COUNT];
  for (int k = 0; k < TA_ANCHOR_COUNT; k++) on[k] = c->opts.weights[k] != 0;
  ta_status st =
      ta__features_build_pair(src, tgt, on, c->pool, &c->fsrc, &c->ftgt);
  if (st == TA_OK && on[TA_ANCHOR_IDENTICAL] && ta__names_apply(src, tgt))
    st = ta__names_add(src, &c->fsrc, tgt, &c->ftgt);
  if (st == TA_OK) st = ta__features_weigh(&c->fsrc, &c->ftgt, &c->vocab_own);
  c->vocab = &c->vocab_own;
  if (st != TA_OK) return st;
  build_types(c);
  ta__model_defaults(&c->model, &c->opts);
  c->var_raw = c->model.var;
  st = ta__side_init(&c->src, &c->fsrc, &c->model);
  if (st == TA_OK) st = ta__side_init(&c->tgt, &c->ftgt, &c->model);
  if (st != TA_OK) return st;
  if (c->fsrc.total_chars && c->ftgt.total_chars)
    c->model.ratio = (double)c->ftgt.total_chars / (double)c->fsrc.total_chars;
  size_t ps = ta_doc_paragraph_count(src), pt = ta_doc_paragraph_count(tgt);
  c->paragraph_cost = 0;
  c->paragraph_edge_cost = 0;
  if (c->opts.use_paragraphs && ps > 1 && pt > 1)
    c->paragraph_cost = ps == pt ? TA__PARAGRAPH_HARD : c->model.paragraph;
  c->paragraph_soft_turns = ps != pt;
  if (c->opts.use_paragraphs && ps > 1 && pt > 1)
    c->paragraph_edge_cost = c->model.paragraph_edge;

  /* Pass 1 with the pair's overall length ratio; then the model is
   * re-estimated from its beads, a lexicon learned from its confident ones
   * (lexicon_align.c), and pass 2 follows pass 1's path with both. */
  int passes = c->opts.passes < 1 ? 1 : c->opts.passes;
  st = search_level(c, NULL, 0);
  /* later passes follow pass 1's path: no more coarsening */
  ta__vocab_free(&c->vocab_own);
  c->vocab = NULL;
  size_t learned_from = 0;
  for (int p = 1; st == TA_OK && p < passes; p++) {
    reestimate(c);
    if (p == 1) st = ta__lexicon_attach(c, src, tgt, &learned_from);
    if (st == TA_OK) st = follow(c);
  }
  /* Self-training again from the better beads of the pass a learned
   * table guided, while the sample was short of its cap: a first pass
   * with few anchors (Chinese-English) gives few confident beads, the
   * second many more.  A pair with a full sample (3,000 beads: any long
   * document) learns once, as a second round there would cost a pass and
   * teach little. */
  for (int r = 0; st == TA_OK && r < TA__RELEARN_ROUNDS && learned_from &&
                  learned_from < TA__LEX_TRAIN_MAX;
       r++) {
    reestimate(c);
    st = ta__lexicon_attach(c, src, tgt, &learned_from);
    if (st == TA_OK && learned_from) st = follow(c);
  }
  return st;
}

/* Options a caller set out of range are refused here, whatever parsed
 * them: a NaN weight made every bead a 1-0, a huge band looped. */
static ta_status check_opts(const ta_align_opts *o, ta_error *err) {
  if (o->max_bead < 2 || o->max_bead > TA__MAX_SIDE + 1)
    return ta__fail(err, TA_EINVAL, "align: max bead size %d is outside 2..%d",
                    o->max_bead, TA__MAX_SIDE + 1);
  for (int k = 0; k < TA_ANCHOR_COUNT; k++)
    if (!isfinite(o->weights[k]) || o->weights[k] < 0 ||
        o->weights[k] > TA__MAX_WEIGHT)
      return ta__fail(
          err, TA_EINVAL, "align: weight of %s anchors %g is outside 0..%g",
          ta_anchor_name((ta_anchor_kind)k), o->weights[k], TA__MAX_WEIGHT);
  if (!isfinite(o->length_weight) || o->length_weight < 0 ||
      o->length_weight > TA__MAX_WEIGHT)
    return ta__fail(err, TA_EINVAL, "align: length weight %g is outside 0..%g",
                    o->length_weight, TA__MAX_WEIGHT);
  if (o->passes < 0 || o->passes > 2)
    return ta__fail(err, TA_EINVAL, "align: %d passes (1 or 2 allowed)",
                    o->passes);
  return TA_OK;
}

ta_status ta_align(const ta_doc *src, const ta_doc *tgt, const ta_align_opts *o,
                   ta_alignment **out, ta_error *err) {
  if (!src || !tgt || !out)
    return ta__fail(err, TA_EINVAL, "align: missing document");
  ta__ctx c;
  memset(&c, 0, sizeof c);
  c.err = err;
  if (o)
    c.opts = *o;
  else
    ta_align_opts_init(&c.opts);
  ta_status bad = check_opts(&c.opts, err);
  if (bad != TA_OK) return bad;
  ta_alignment *al = ta__calloc(1, sizeof *al);
  ta_status st = al ? TA_OK : TA_ENOMEM;
  /* threads only for a pair large enough to use them */
  if (st == TA_OK && ta__threads_resolve(c.opts.threads) > 1 &&
      ta_doc_count(src) >= TA__PARALLEL_ROWS)
    st = ta__pool_new(c.opts.threads, &c.pool);
  if (st == TA_OK) st = align_ctx(&c, src, tgt);
  /* on the final model and path, before the beads are handed over */
  if (st == TA_OK && c.opts.posteriors)
    st = ta__posteriors_compute(&c, &al->post);
  if (st == TA_OK) {
    for (size_t k = 0; k < c.nbeads; k++) {
      ta_bead *bd = &c.beads[k];
      ta__bead_explain(&c, bd);
      bd->score = ta__confidence(&c, bd);
    }
    al->beads = c.beads;
    al->n = c.nbeads;
    al->nsrc = c.src.n;
    al->ntgt = c.tgt.n;
    c.beads = NULL;
    al->summary.length_ratio = c.model.ratio;
    al->summary.length_var = c.model.var;
    al->summary.length_var_raw = c.var_raw;
    al->summary.band = c.band;
    summarise(al);
    *out = al;
  } else {
    if (al) ta__posteriors_free(&al->post);
    free(al);
    if (st != TA_EINTERNAL) /* which has said what went wrong */
      ta__fail(err, st, "align %s with %s: %s", ta_doc_name(src),
               ta_doc_name(tgt), ta_strerror(st));
  }
  free(c.beads);
  ta__side_free(&c.src);
  ta__side_free(&c.tgt);
  ta__features_free(&c.fsrc);
  ta__features_free(&c.ftgt);
  ta__vocab_free(&c.vocab_own);
  ta__pool_free(c.pool);
  return st;
}

size_t ta_alignment_count(const ta_alignment *a) { return a ? a->n : 0; }

const ta_bead *ta_alignment_bead(const ta_alignment *a, size_t i) {
  return a && i < a->n ? &a->beads[i] : NULL;
}

const ta_align_summary *ta_alignment_summary(const ta_alignment *a) {
  return a ? &a->summary : NULL;
}

bool ta_alignment_has_posteriors(const ta_alignment *a) {
  return a && a->post.bead;
}

ta_status ta_alignment_untranslated_probability(const ta_alignment *a,
                                                ta_side side, size_t index,
                                                double *p, ta_error *err) {
  if (!a || !p)
    return ta__fail(err, TA_EINVAL, "alignment probability: missing argument");
  if (!a->post.bead)
    return ta__fail(err, TA_EINVAL,
                    "alignment probability: this alignment has no posteriors "
                    "(align with ta_align_opts.posteriors set)");
  size_t n = side == TA_SIDE_SOURCE ? a->nsrc : a->ntgt;
  if ((side != TA_SIDE_SOURCE && side != TA_SIDE_TARGET) || index >= n)
    return ta__fail(err, TA_EINVAL,
                    "alignment probability: %s sentence %zu is out of range "
                    "(%zu sentences)",
                    side == TA_SIDE_SOURCE ? "source" : "target", index, n);
  *p = side == TA_SIDE_SOURCE ? a->post.src_untranslated[index]
                              : a->post.tgt_untranslated[index];
  return TA_OK;
}

ta_status ta_alignment_bead_posterior(const ta_alignment *a, size_t i,
                                      double *p, ta_error *err) {
  if (!a || !p)
    return ta__fail(err, TA_EINVAL, "bead posterior: missing argument");
  if (!a->post.bead)
    return ta__fail(err, TA_EINVAL,
                    "bead posterior: this alignment has no posteriors "
                    "(align with ta_align_opts.posteriors set)");
  if (i >= a->n)
    return ta__fail(err, TA_EINVAL,
                    "bead posterior: bead %zu is out of range (%zu beads)", i,
                    a->n);
  *p = a->post.bead[i];
  return TA_OK;
}

void ta_alignment_free(ta_alignment *a) {
  if (!a) return;
  ta__posteriors_free(&a->post);
  free(a->beads);
  free(a);
}
