/* The units of a bilingual file, appended to by the XLIFF reader
 * (bitext.c) and the PO reader (po.c): a file of its own so that both
 * readers use it without calling each other. */
#include <stdlib.h>
#include <string.h>

#include "text/text_int.h"

static char *dupn(const char *s, size_t n) {
  char *d = ta__malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

ta_status ta__bitext_add(ta_bitext *b, const char *id, const char *src,
                         size_t srclen, const char *tgt, size_t tgtlen,
                         size_t line, size_t offset, bool fuzzy) {
  if (ta__reserve(&b->units, &b->cap, b->n + 1) != TA_OK) return TA_ENOMEM;
  ta_bitext_unit u = {
      NULL, dupn(src, srclen), dupn(tgt ? tgt : "", tgtlen), line, offset,
      fuzzy};
  if (id) u.id = ta__strdup(id);
  if (!u.source || !u.target || (id && !u.id)) {
    free((char *)u.id), free((char *)u.source), free((char *)u.target);
    return TA_ENOMEM;
  }
  b->units[b->n++] = u;
  return TA_OK;
}
