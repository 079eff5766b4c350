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
