/* Bead posteriors: forward-backward over a band around the best path.
 *
 * The search (dp.c) finds the cheapest bead sequence; a reviewer needs
 * how sure it is.  Read as negative log-probabilities, the bead costs of
 * the search define a distribution over every bead sequence inside the
 * band; the forward and backward sums over that lattice give the
 * posterior of each bead (the share of the probability of all paths that
 * go through it).  From them:
 *   - the posterior of every bead of the best path;
 *   - for every source sentence, the probability that nothing in the
 *     target translates it: the summed posteriors of the 1-0 beads
 *     holding it.  A source sentence a merge hides (a 2-1 whose target is
 *     too short for both) has its alternative in the lattice: the 1-0
 *     bead and a smaller merge, whose share grows as the merge's length
 *     and anchor costs worsen; so merges count through the same sum;
 *   - the same for target sentences (0-1 beads: added text).
 *
 * The costs are those of the search, bead by bead (ta__bead_cost with the
 * anchors of ta__bead_match_compute, as ta__bead_explain computes them),
 * so any change to the cost model (null beads, priors) changes the
 * posteriors with it.  They may be divided by a temperature (costs tuned
 * to rank paths need not be calibrated probabilities); on the omission
 * benchmark (Text+Berg dev, the story) temperatures 2 and 4 gave lower
 * recall at the same precision than 1, so the costs are used as they
 * are.
 *
 * Time and memory: two sweeps over the band's cells, each bead type per
 * cell; two doubles a cell.  The band is a corridor of half-width
 * TA__POSTERIOR_BAND around the best path, so both are linear in the
 * documents' length.  Paths leaving the corridor are ignored: their mass
 * is negligible next to those near the best path. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"

/* Half-width of the corridor: wide enough for the alternatives that
 * matter (a gap placed a few sentences away, a merge split), narrow
 * enough to cost less than one search pass. */
#define TA__POSTERIOR_BAND 6
/* Costs are divided by this before exponentiation (see above). */
#define TA__POSTERIOR_TEMPERATURE 1.0

static double temperature(void) { return TA__POSTERIOR_TEMPERATURE; }

/* The cost the search gives bead [i0, i0+a) x [j0, j0+b). */
static double edge_cost(const ta__ctx *c, size_t i0, size_t a, size_t j0,
                        size_t b) {
  double reward = 0, matched = 0;
  if (a && b) {
    ta__pair_match pm;
    ta__bead_match_compute(c->src.f, i0, a, c->tgt.f, j0, b, &pm);
    reward = ta__pair_reward(&c->model, &pm);
    matched = pm.numbers;
  }
  return ta__bead_cost(c, i0, a, j0, b, reward, matched, NULL);
}

/* log(sum exp(v[k])) over k < n, stable: the largest term factored out.
 * -INFINITY when n is 0 or every term is. */
static double log_sum_exp(const double *v, size_t n) {
  double mx = -INFINITY;
  for (size_t k = 0; k < n; k++)
    if (v[k] > mx) mx = v[k];
  if (mx == -INFINITY) return mx;
  double s = 0;
  for (size_t k = 0; k < n; k++) s += exp(v[k] - mx);
  return mx + log(s);
}

static bool in_band(const ta__band *band, size_t i, size_t j) {
  return j >= band->lo[i] && j <= band->hi[i];
}

typedef struct lattice {
  const ta__ctx *c;
  const ta__band *band;
  size_t *off;   /* off[i]: where row i starts in alpha and beta */
  double *alpha; /* log of the summed probability of paths (0,0)->(i,j) */
  double *beta;  /* log of the same for (i,j)->(n,m) */
  double inv_t;
} lattice;

static double *cell(const lattice *L, double *v, size_t i, size_t j) {
  return &v[L->off[i] + j - L->band->lo[i]];
}

static void forward(lattice *L) {
  const ta__ctx *c = L->c;
  double terms[sizeof c->types / sizeof c->types[0]];
  for (size_t i = 0; i <= c->src.n; i++)
    for (size_t j = L->band->lo[i]; j <= L->band->hi[i]; j++) {
      size_t nt = 0;
      for (size_t k = 0; k < c->ntypes; k++) {
        size_t a = c->types[k].a, b = c->types[k].b;
        if (a > i || b > j || !in_band(L->band, i - a, j - b)) continue;
        double prev = *cell(L, L->alpha, i - a, j - b);
        if (prev == -INFINITY) continue;
        terms[nt++] = prev - L->inv_t * edge_cost(c, i - a, a, j - b, b);
      }
      *cell(L, L->alpha, i, j) = i == 0 && j == 0 ? 0 : log_sum_exp(terms, nt);
    }
}

/* The backward sweep, and every bead's posterior as it goes: a bead
 * from (i, j) to (i + a, j + b) has alpha(i, j) - cost + beta(i + a,
 * j + b) - log Z. */
static void backward(lattice *L, ta__posteriors *out) {
  const ta__ctx *c = L->c;
  const size_t n = c->src.n, m = c->tgt.n;
  const double logz = *cell(L, L->alpha, n, m);
  double terms[sizeof c->types / sizeof c->types[0]];
  size_t pb = c->nbeads; /* path beads, scanned from the last */
  for (size_t i = n + 1; i-- > 0;)
    for (size_t j = L->band->hi[i] + 1; j-- > L->band->lo[i];) {
      double al = *cell(L, L->alpha, i, j);
      size_t nt = 0;
      /* the path bead starting here, if any (path beads start at
       * distinct cells, in the order of this sweep reversed) */
      while (pb > 0 && (c->beads[pb - 1].src_begin > i ||
                        (c->beads[pb - 1].src_begin == i &&
                         c->beads[pb - 1].tgt_begin > j)))
        pb--;
      const ta_bead *onpath = pb > 0 && c->beads[pb - 1].src_begin == i &&
                                      c->beads[pb - 1].tgt_begin == j
                                  ? &c->beads[pb - 1]
                                  : NULL;
      for (size_t k = 0; k < c->ntypes; k++) {
        size_t a = c->types[k].a, b = c->types[k].b;
        if (i + a > n || j + b > m || !in_band(L->band, i + a, j + b)) continue;
        double next = *cell(L, L->beta, i + a, j + b);
        if (next == -INFINITY) continue;
        double t = next - L->inv_t * edge_cost(c, i, a, j, b);
        terms[nt++] = t;
        if (al == -INFINITY) continue;
        double post = exp(al + t - logz);
        if (a == 1 && b == 0) out->src_untranslated[i] += post;
        if (a == 0 && b == 1) out->tgt_untranslated[j] += post;
        if (onpath && onpath->src_len == a && onpath->tgt_len == b)
          out->bead[onpath - c->beads] = post;
      }
      *cell(L, L->beta, i, j) = i == n && j == m ? 0 : log_sum_exp(terms, nt);
    }
}

static double clamp01(double p) {
  return !(p > 0) ? 0 : p > 1 ? 1 : p; /* NaN: 0 */
}

void ta__posteriors_free(ta__posteriors *p) {
  free(p->src_untranslated);
  free(p->tgt_untranslated);
  free(p->bead);
  memset(p, 0, sizeof *p);
}

ta_status ta__posteriors_compute(const ta__ctx *c, ta__posteriors *out) {
  const size_t n = c->src.n, m = c->tgt.n;
  memset(out, 0, sizeof *out);
  out->src_untranslated = ta__calloc(n ? n : 1, sizeof(double));
  out->tgt_untranslated = ta__calloc(m ? m : 1, sizeof(double));
  out->bead = ta__calloc(c->nbeads ? c->nbeads : 1, sizeof(double));
  ta__path path = {0};
  path.n = c->nbeads + 1;
  path.i = ta__malloc(path.n * sizeof *path.i);
  path.j = ta__malloc(path.n * sizeof *path.j);
  size_t *w = ta__malloc((n + 1) * sizeof *w);
  ta__band band = {0};
  lattice L = {.c = c, .band = &band, .inv_t = 1.0 / temperature()};
  ta_status st = out->src_untranslated && out->tgt_untranslated && out->bead &&
                         path.i && path.j && w
                     ? TA_OK
                     : TA_ENOMEM;
  if (st == TA_OK) {
    for (size_t k = 0; k < c->nbeads; k++) {
      path.i[k] = c->beads[k].src_begin;
      path.j[k] = c->beads[k].tgt_begin;
    }
    path.i[c->nbeads] = n;
    path.j[c->nbeads] = m;
    for (size_t i = 0; i <= n; i++) w[i] = TA__POSTERIOR_BAND;
    st = ta__band_from_path(&path, 1, n, m, w, &band);
  }
  if (st == TA_OK) {
    L.off = ta__malloc((n + 2) * sizeof *L.off);
    if (!L.off) st = TA_ENOMEM;
  }
  if (st == TA_OK) {
    L.off[0] = 0;
    for (size_t i = 0; i <= n; i++)
      L.off[i + 1] = L.off[i] + band.hi[i] - band.lo[i] + 1;
    L.alpha = ta__malloc(L.off[n + 1] * sizeof *L.alpha);
    L.beta = ta__malloc(L.off[n + 1] * sizeof *L.beta);
    if (!L.alpha || !L.beta) st = TA_ENOMEM;
  }
  if (st == TA_OK) {
    forward(&L);
    if (*cell(&L, L.alpha, n, m) == -INFINITY) /* 1-0 and 0-1 connect all */
      st = ta__fail(c->err, TA_EINTERNAL,
                    "align: no path reaches the end of the posterior "
                    "lattice: a bug in tmxalign, please report it");
  }
  if (st == TA_OK) {
    backward(&L, out);
    for (size_t i = 0; i < n; i++)
      out->src_untranslated[i] = clamp01(out->src_untranslated[i]);
    for (size_t j = 0; j < m; j++)
      out->tgt_untranslated[j] = clamp01(out->tgt_untranslated[j]);
    for (size_t k = 0; k < c->nbeads; k++) out->bead[k] = clamp01(out->bead[k]);
  }
  free(L.off);
  free(L.alpha);
  free(L.beta);
  ta__band_free(&band);
  free(path.i);
  free(path.j);
  free(w);
  if (st != TA_OK) ta__posteriors_free(out);
  return st;
}
