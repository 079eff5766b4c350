/* One paragraph of a structured input (XLIFF units, Markdown blocks) into
 * the document: the splitter's sentences all carry the paragraph's
 * location, as HTML's do.  Does not: find paragraphs (the readers do). */
#include "text/text_int.h"

static ta_status add_sentence(void *vctx, const char *text, size_t len,
                              size_t b, size_t e, bool cut) {
  (void)b, (void)e, (void)cut; /* the location is the paragraph's */
  ta__para *p = vctx;
  return ta__doc_add(p->d, text, len, p->off, p->end, p->line, p->para);
}

ta_status ta__para_emit(ta__para *p, const char *text, size_t len) {
  size_t ok = ta__utf8_check((const unsigned char *)text, len);
  size_t before = p->d->count;
  ta_status st = ta__splitter_run(p->sp, text, ok, add_sentence, p);
  if (p->d->count > before) p->para++;
  return st;
}
