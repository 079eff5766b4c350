/* The document container: sentences with their provenance (byte offsets,
 * line, paragraph) and one arena holding every sentence text.  Loading and
 * splitting live in input.c and split.c; this file only stores. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

ta_status ta__doc_new(const char *name, const char *lang, ta_doc **out) {
  ta_doc *d = ta__calloc(1, sizeof *d);
  if (!d) return TA_ENOMEM;
  d->name = ta__strdup(name ? name : "");
  d->lang = ta__strdup(lang ? lang : "und");
  d->encoding = ta__strdup("UTF-8");
  if (!d->name || !d->lang || !d->encoding) {
    ta_doc_free(d);
    return TA_ENOMEM;
  }
  *out = d;
  return TA_OK;
}

ta_status ta__doc_set_encoding(ta_doc *d, const char *encoding) {
  char *e = ta__strdup(encoding);
  if (!e) return TA_ENOMEM;
  free(d->encoding);
  d->encoding = e;
  return TA_OK;
}

ta_status ta__doc_add(ta_doc *d, const char *text, size_t len, size_t offset,
                      size_t end, size_t line, size_t paragraph) {
  if (ta__reserve(&d->sents, &d->cap, d->count + 1) != TA_OK ||
      ta__reserve(&d->arena, &d->arena_cap, d->arena_len + len + 1) != TA_OK)
    return TA_ENOMEM;
  memcpy(d->arena + d->arena_len, text, len);
  d->arena[d->arena_len + len] = '\0';
  ta_sentence *s = &d->sents[d->count++];
  /* Until finish, text holds the arena offset: the arena may still move. */
  s->text = (const char *)(uintptr_t)d->arena_len;
  s->len = len;
  s->offset = offset;
  s->end = end;
  s->line = line;
  s->paragraph = paragraph;
  d->arena_len += len + 1;
  if (paragraph + 1 > d->paragraphs) d->paragraphs = paragraph + 1;
  return TA_OK;
}

void ta__doc_finish(ta_doc *d) {
  if (d->finished) return;
  for (size_t i = 0; i < d->count; i++)
    d->sents[i].text = d->arena + (uintptr_t)d->sents[i].text;
  d->finished = true;
}

ta_status ta_doc_from_segments(const char *name, const char *lang,
                               const char *const *segments,
                               const size_t *paragraphs, size_t n, ta_doc **out,
                               ta_error *err) {
  if (!out || (n && !segments))
    return ta__fail(err, TA_EINVAL, "%s: missing argument: %s",
                    name ? name : "<segments>", !out ? "out" : "segments");
  for (size_t i = 0; i < n; i++)
    if (!segments[i])
      return ta__fail(err, TA_EINVAL,
                      "%s: missing argument: segment %zu is "
                      "NULL",
                      name ? name : "<segments>", i);
  ta_doc *d = NULL;
  ta_status st = ta__doc_new(name, lang, &d);
  size_t pos = 0;
  for (size_t i = 0; st == TA_OK && i < n; i++) {
    size_t len = strlen(segments[i]);
    st = ta__doc_add(d, segments[i], len, pos, pos + len, i + 1,
                     paragraphs ? paragraphs[i] : 0);
    pos += len + 1;
  }
  if (st != TA_OK) {
    ta_doc_free(d);
    return ta__fail(err, st, "%s: out of memory", name ? name : "");
  }
  ta__doc_finish(d);
  *out = d;
  return TA_OK;
}

ta_status ta__doc_begin_part(ta_doc *d) {
  /* a part that got no paragraph (a cover, a navigation page) is replaced */
  if (d->nparts && d->part_starts[d->nparts - 1] == d->paragraphs) return TA_OK;
  if (ta__reserve(&d->part_starts, &d->parts_cap, d->nparts + 1) != TA_OK)
    return TA_ENOMEM;
  d->part_starts[d->nparts++] = d->paragraphs;
  return TA_OK;
}

size_t ta_doc_part_count(const ta_doc *d) {
  if (!d || !d->nparts) return 0;
  /* the last part counts only if it got a paragraph */
  return d->part_starts[d->nparts - 1] < d->paragraphs ? d->nparts
                                                       : d->nparts - 1;
}

size_t ta_doc_paragraph_part(const ta_doc *d, size_t paragraph) {
  size_t k = 0;
  for (size_t lo = 0, hi = d ? ta_doc_part_count(d) : 0; lo < hi;) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->part_starts[mid] <= paragraph)
      k = mid, lo = mid + 1;
    else
      hi = mid;
  }
  return k;
}

size_t ta_doc_count(const ta_doc *d) { return d ? d->count : 0; }
const ta_sentence *ta_doc_sentence(const ta_doc *d, size_t i) {
  return d && i < d->count ? &d->sents[i] : NULL;
}
size_t ta_doc_paragraph_count(const ta_doc *d) { return d ? d->paragraphs : 0; }
const char *ta_doc_lang(const ta_doc *d) { return d ? d->lang : ""; }
const char *ta_doc_name(const ta_doc *d) { return d ? d->name : ""; }
bool ta_doc_is_html(const ta_doc *d) { return d && d->html; }
const char *ta_doc_encoding(const ta_doc *d) { return d ? d->encoding : ""; }

void ta_doc_free(ta_doc *d) {
  if (!d) return;
  free(d->name);
  free(d->lang);
  free(d->encoding);
  free(d->sents);
  free(d->arena);
  free(d->part_starts);
  free(d);
}
