/* The search band: which target cells each source row may use.
 *
 * The band is a corridor of half-width w around the diagonal from (0,0) to
 * (n,m); each row also reaches the start of the next row's corridor, so a
 * path can always cross from row to row (even for 10,000 sentences against
 * 10).  Its size is n * (m/n + 2w + 1) cells. */
#include <stdint.h>
#include <stdlib.h>

#include "align_internal.h"

ta_status ta__band_build(const ta__ctx *c, size_t w, ta__band *out) {
  size_t n = c->src.n, m = c->tgt.n;
  out->lo = malloc((n + 1) * sizeof *out->lo);
  out->hi = malloc((n + 1) * sizeof *out->hi);
  out->full = true;
  if (!out->lo || !out->hi) {
    ta__band_free(out);
    return TA_ENOMEM;
  }
  for (size_t i = 0; i <= n; i++) {
    /* centre of row i, and the (rounded up) centre of row i + 1 */
    uint64_t next = i < n ? i + 1 : n;
    size_t c0 = n ? (size_t)((uint64_t)i * m / n) : m;
    size_t c1 = n ? (size_t)((next * m + n - 1) / n) : m;
    size_t lo = c0 > w ? c0 - w : 0;
    size_t hi = c1 + w < m ? c1 + w : m;
    if (i == n) hi = m;
    if (i == 0) lo = 0;
    out->lo[i] = lo;
    out->hi[i] = hi;
    if (lo > 0 || hi < m) out->full = false;
  }
  return TA_OK;
}

void ta__band_free(ta__band *b) {
  free(b->lo);
  free(b->hi);
  b->lo = b->hi = NULL;
}

/* Corridor of half-width w around a path of a coarser level: point k of
 * the path is (pi[k], pj[k]) in coarse units, scale fine sentences each. */
ta_status ta__band_from_path(const ta__path *p, size_t scale, size_t n,
                             size_t m, size_t w, ta__band *out) {
  out->lo = malloc((n + 1) * sizeof *out->lo);
  out->hi = malloc((n + 1) * sizeof *out->hi);
  out->full = true;
  if (!out->lo || !out->hi) {
    ta__band_free(out);
    return TA_ENOMEM;
  }
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
  /* Widen, then make both edges non-decreasing so that the corridor is
   * connected and contains the path. */
  for (size_t i = 0; i <= n; i++) {
    size_t lo = out->lo[i] <= out->hi[i] ? out->lo[i] : 0;
    size_t hi = out->lo[i] <= out->hi[i] ? out->hi[i] : m;
    out->lo[i] = lo > w ? lo - w : 0;
    out->hi[i] = hi + w < m ? hi + w : m;
  }
  for (size_t i = n; i-- > 0;)
    if (out->lo[i] > out->lo[i + 1]) out->lo[i] = out->lo[i + 1];
  for (size_t i = 1; i <= n; i++)
    if (out->hi[i] < out->hi[i - 1]) out->hi[i] = out->hi[i - 1];
  out->lo[0] = 0;
  out->hi[n] = m;
  for (size_t i = 0; i <= n; i++)
    if (out->lo[i] > 0 || out->hi[i] < m) out->full = false;
  return TA_OK;
}
