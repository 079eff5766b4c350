/* Growth, written once: a byte buffer with a hard cap (curl's dynbuf:
 * appending past the cap fails with TA_ETOOBIG instead of growing without
 * bound) and the reservation of room in any array (doubling, the size
 * product checked for overflow).  Every growing thing in the library goes
 * through one of the two, so no count times a size can wrap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* The allocation is charged to site, the caller of the public function
 * (alloc.c), so out-of-memory tests reach every growing site. */
static ta_status reserve_at(void **arr, size_t *cap, size_t need, size_t size,
                            size_t min, const void *site) {
  if (need <= *cap) return TA_OK;
  if (!size || need > SIZE_MAX / size) return TA_ENOMEM;
  size_t ncap = *cap ? *cap : (min ? min : 16);
  while (ncap < need) ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
  if (ncap > SIZE_MAX / size) ncap = need; /* doubling past what fits */
  void *p;
  memcpy(&p, arr, sizeof p);
  void *np = ta__realloc_at(p, ncap * size, site);
  if (!np) return TA_ENOMEM;
  memcpy(arr, &np, sizeof np);
  *cap = ncap;
  return TA_OK;
}

ta_status ta__reserve_(void **arr, size_t *cap, size_t need, size_t size,
                       size_t min) {
  return reserve_at(arr, cap, need, size, min, TA__CALLER());
}

void ta__buf_init(ta__buf *b, size_t max) {
  b->p = NULL;
  b->len = b->cap = 0;
  b->max = max;
}

static ta_status buf_add_at(ta__buf *b, const char *s, size_t n,
                            const void *site) {
  if (n > b->max - b->len) return TA_ETOOBIG;
  if (n == SIZE_MAX - b->len) return TA_ENOMEM; /* no room for the NUL */
  ta_status st =
      reserve_at((void **)&b->p, &b->cap, b->len + n + 1, 1, 256, site);
  if (st != TA_OK) return st;
  if (n) memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return TA_OK;
}

ta_status ta__buf_add(ta__buf *b, const char *s, size_t n) {
  return buf_add_at(b, s, n, TA__CALLER());
}

ta_status ta__buf_addc(ta__buf *b, char c) {
  return buf_add_at(b, &c, 1, TA__CALLER());
}

void ta__buf_reset(ta__buf *b) {
  b->len = 0;
  if (b->p) b->p[0] = '\0';
}

void ta__buf_free(ta__buf *b) {
  free(b->p);
  ta__buf_init(b, b->max);
}
