/* The search band: which target cells each source row may use.
 *
 * A band is a corridor around an expected path: the diagonal from (0,0) to
 * (n,m), or the path found at a coarser level (or by a previous pass).
 * Every row has its own half-width, so that the search can widen the band
 * only where its best path touched an edge.  Both edges are made
 * non-decreasing, which keeps the corridor connected: a path can always
 * cross from row to row (even for 10,000 sentences against 10).  Its size
 * is about n * (m/n + 2w + 1) cells. */
#include <stdint.h>
#include <stdlib.h>

#include "align/align.h"

static ta_status band_alloc(size_t n, ta__band *out) {
  out->lo = ta__malloc((n + 1) * sizeof *out->lo);
  out->hi = ta__malloc((n + 1) * sizeof *out->hi);
  out->full = true;
  if (!out->lo || !out->hi) {
    ta__band_free(out);
    return TA_ENOMEM;
  }
  return TA_OK;
}

/* Widen row i's span [lo, hi] by w[i], make the edges monotone, pin the
 * corners. */
static void band_finish(ta__band *b, size_t n, size_t m, const size_t *w) {
  for (size_t i = 0; i <= n; i++) {
    b->lo[i] = b->lo[i] > w[i] ? b->lo[i] - w[i] : 0;
    b->hi[i] = b->hi[i] + w[i] < m ? b->hi[i] + w[i] : m;
  }
  for (size_t i = n; i-- > 0;)
    if (b->lo[i] > b->lo[i + 1]) b->lo[i] = b->lo[i + 1];
  for (size_t i = 1; i <= n; i++)
    if (b->hi[i] < b->hi[i - 1]) b->hi[i] = b->hi[i - 1];
  b->lo[0] = 0;
  b->hi[n] = m;
  b->full = true;
  for (size_t i = 0; i <= n; i++)
    if (b->lo[i] > 0 || b->hi[i] < m) b->full = false;
}

ta_status ta__band_build(size_t n, size_t m, const size_t *w, ta__band *out) {
  if (band_alloc(n, out) != TA_OK) return TA_ENOMEM;
  for (size_t i = 0; i <= n; i++) {
    /* from the centre of row i to the (rounded up) centre of row i + 1 */
    uint64_t next = i < n ? i + 1 : n;
    out->lo[i] = n ? (size_t)((uint64_t)i * m / n) : m;
    out->hi[i] = n ? (size_t)((next * m + n - 1) / n) : m;
  }
  band_finish(out, n, m, w);
  return TA_OK;
}

/* Point k of the path is (p->i[k], p->j[k]) in units of scale sentences. */
ta_status ta__band_from_path(const ta__path *p, size_t scale, size_t n,
                             size_t m, const size_t *w, ta__band *out) {
  if (band_alloc(n, out) != TA_OK) return TA_ENOMEM;
  for (size_t i = 0; i <= n; i++) {
    out->lo[i] = m;
    out->hi[i] = 0;
  }
  /* Each path step from point k to k+1 covers a rectangle of cells. */
  for (size_t k = 0; k + 1 < p->n; k++) {
    size_t i0 = p->i[k] * scale, i1 = p->i[k + 1] * scale;
    size_t j0 = p->j[k] * scale, j1 = p->j[k + 1] * scale;
    if (i1 > n) i1 = n;
    if (i0 > n) i0 = n;
    if (j1 > m) j1 = m;
    if (j0 > m) j0 = m;
    for (size_t i = i0; i <= i1; i++) {
      if (j0 < out->lo[i]) out->lo[i] = j0;
      if (j1 > out->hi[i]) out->hi[i] = j1;
    }
  }
  for (size_t i = 0; i <= n; i++)
    if (out->lo[i] > out->hi[i]) { /* a row the path skipped: keep all */
      out->lo[i] = 0;
      out->hi[i] = m;
    }
  band_finish(out, n, m, w);
  return TA_OK;
}

void ta__band_free(ta__band *b) {
  free(b->lo);
  free(b->hi);
  b->lo = b->hi = NULL;
}
