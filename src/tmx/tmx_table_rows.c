/* The rows of a table of pairs (ta__table, tmx_int.h), shared by the TSV
 * and the XLSX readers (tmx_table.c, tmx_xlsx.c). */
#include <stdlib.h>
#include <string.h>

#include "tmx/tmx_int.h"

static char *dup_n(const char *s, size_t n) {
  char *d = ta__malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

ta_status ta__table_add(ta__table *t, size_t line, const char *src, size_t ns,
                        const char *tgt, size_t nt, const char *score,
                        size_t nsc) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 256;
    ta__table_row *r = ta__realloc(t->rows, cap * sizeof *r);
    if (!r) return TA_ENOMEM;
    t->rows = r;
    t->cap = cap;
  }
  ta__table_row *r = &t->rows[t->n];
  r->line = line;
  r->src = dup_n(src, ns);
  r->tgt = dup_n(tgt, nt);
  r->score = score ? dup_n(score, nsc) : NULL;
  if (!r->src || !r->tgt || (score && !r->score)) {
    free(r->src);
    free(r->tgt);
    free(r->score);
    return TA_ENOMEM;
  }
  t->n++;
  return TA_OK;
}

void ta__table_free(ta__table *t) {
  for (size_t i = 0; t && i < t->n; i++) {
    free(t->rows[i].src);
    free(t->rows[i].tgt);
    free(t->rows[i].score);
  }
  if (t) free(t->rows);
}
