/* ta_tmx_writer_add_beads: the units of one document pair appended to a
 * memory that is already open, for batches that put many pairs into one
 * file.  Units look like those of ta_tmx_write_beads() (tmx_align.c): same
 * props, same filters; only the tuids differ, running on across pairs so
 * that they stay unique in the memory.
 * Does not open, close or own the writer. */
#include <stdio.h>
#include <string.h>

#include "tmx_internal.h"

/* Sentences [begin, begin+len) of d joined by one space into b. */
static ta_status join(const ta_doc *d, size_t begin, size_t len, ta__tbuf *b) {
  ta__tbuf_reset(b);
  ta_status st = ta__tbuf_add(b, "", 0);
  for (size_t i = 0; st == TA_OK && i < len; i++) {
    const ta_sentence *s = ta_doc_sentence(d, begin + i);
    if (i) st = ta__tbuf_addc(b, ' ');
    if (st == TA_OK) st = ta__tbuf_add(b, s->text, s->len);
  }
  return st;
}

/* "3" or "3-4": 1-based numbers of sentences [begin, begin+len). */
static void range(char *buf, size_t size, size_t begin, size_t len) {
  if (len == 1)
    snprintf(buf, size, "%zu", begin + 1);
  else
    snprintf(buf, size, "%zu-%zu", begin + 1, begin + len);
}

static const char *basename_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static bool bead_inside(const ta_bead *b, size_t ns, size_t nt) {
  return b->src_begin <= ns && b->src_len <= ns - b->src_begin &&
         b->tgt_begin <= nt && b->tgt_len <= nt - b->tgt_begin &&
         b->src_len + b->tgt_len > 0;
}

typedef struct unit_buf {
  char tuid[32], score[32], bead[48], srcs[48], tgts[48];
  ta_tmx_prop props[5];
  ta_tmx_variant vars[2];
  ta__tbuf stext, ttext;
} unit_buf;

/* Write bead b as the next unit of w. */
static ta_status add_one(ta_tmx_writer *w, const ta_bead *b, size_t index,
                         const ta_doc *src, const ta_doc *tgt,
                         const char *document, unit_buf *u, ta_error *err) {
  ta_status st = join(src, b->src_begin, b->src_len, &u->stext);
  if (st == TA_OK) st = join(tgt, b->tgt_begin, b->tgt_len, &u->ttext);
  if (st != TA_OK)
    return ta__fail(err, st, "%s: bead %zu: %s", document, index + 1,
                    ta_strerror(st));
  size_t np = 0, nv = 0;
  snprintf(u->tuid, sizeof u->tuid, "%zu", ta_tmx_writer_count(w) + 1);
  snprintf(u->score, sizeof u->score, "%.4f", b->score);
  snprintf(u->bead, sizeof u->bead, "%zu-%zu", b->src_len, b->tgt_len);
  u->props[np++] = (ta_tmx_prop){"x-score", u->score};
  u->props[np++] = (ta_tmx_prop){"x-bead", u->bead};
  u->props[np++] = (ta_tmx_prop){"x-document", document};
  if (b->src_len) {
    range(u->srcs, sizeof u->srcs, b->src_begin, b->src_len);
    u->props[np++] = (ta_tmx_prop){"x-src-sentences", u->srcs};
    u->vars[nv++] = (ta_tmx_variant){ta_doc_lang(src), u->stext.p};
  }
  if (b->tgt_len) {
    range(u->tgts, sizeof u->tgts, b->tgt_begin, b->tgt_len);
    u->props[np++] = (ta_tmx_prop){"x-tgt-sentences", u->tgts};
    u->vars[nv++] = (ta_tmx_variant){ta_doc_lang(tgt), u->ttext.p};
  }
  ta_tmx_unit unit = {u->tuid, NULL, u->vars, nv, u->props, np};
  return ta_tmx_writer_add(w, &unit, err);
}

ta_status ta_tmx_writer_add_beads(ta_tmx_writer *w, const ta_doc *src,
                                  const ta_doc *tgt, const ta_bead *beads,
                                  size_t n, const ta_tmx_align_opts *o,
                                  ta_tmx_align_stats *stats, ta_error *err) {
  if (!w || !src || !tgt || (n && !beads))
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  ta_tmx_align_opts def;
  if (!o) {
    ta_tmx_align_opts_init(&def);
    o = &def;
  }
  const char *document =
      o->document ? o->document : basename_of(ta_doc_name(src));
  /* Check every bead first: a bad alignment adds nothing to the memory. */
  size_t ns = ta_doc_count(src), nt = ta_doc_count(tgt);
  for (size_t i = 0; i < n; i++)
    if (!bead_inside(&beads[i], ns, nt))
      return ta__fail(err, TA_EINVAL,
                      "%s: bead %zu (%zu+%zu, %zu+%zu) is outside the "
                      "documents (%zu and %zu sentences)",
                      document, i + 1, beads[i].src_begin, beads[i].src_len,
                      beads[i].tgt_begin, beads[i].tgt_len, ns, nt);
  ta_tmx_align_stats s = {0, 0, 0};
  unit_buf u;
  ta__tbuf_init(&u.stext, (size_t)1 << 30);
  ta__tbuf_init(&u.ttext, (size_t)1 << 30);
  ta_status st = TA_OK;
  for (size_t i = 0; st == TA_OK && i < n; i++) {
    const ta_bead *b = &beads[i];
    if ((!b->src_len || !b->tgt_len) && !o->keep_unaligned)
      s.unaligned++;
    else if (b->score < o->min_score)
      s.below_score++;
    else if ((st = add_one(w, b, i, src, tgt, document, &u, err)) == TA_OK)
      s.units++;
  }
  ta__tbuf_free(&u.stext);
  ta__tbuf_free(&u.ttext);
  if (stats) *stats = s;
  return st;
}
