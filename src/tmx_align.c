/* From aligner beads to TMX units: one <tu> per bead with the bead's
 * sentences joined by a space, the source variant first, and props that
 * let a reviewer find the bead again (x-document, x-src-sentences, ...).
 * Does not align anything and knows no XML: ta_tmx_writer does that. */
#include <stdio.h>
#include <string.h>

#include "tmx_internal.h"

void ta_tmx_align_opts_init(ta_tmx_align_opts *o) {
  memset(o, 0, sizeof *o);
  ta_tmx_write_opts_init(&o->write);
}

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

typedef struct bead_unit {
  char tuid[32], score[32], bead[48], srcs[48], tgts[48];
  ta_tmx_prop props[5];
  ta_tmx_variant vars[2];
  ta_tmx_unit unit;
} bead_unit;

static void fill_unit(bead_unit *bu, size_t index, const ta_bead *b,
                      const char *document, const ta_doc *src,
                      const ta_doc *tgt, const ta__tbuf *st,
                      const ta__tbuf *tt) {
  size_t np = 0, nv = 0;
  snprintf(bu->tuid, sizeof bu->tuid, "%zu", index + 1);
  snprintf(bu->score, sizeof bu->score, "%.4f", b->score);
  snprintf(bu->bead, sizeof bu->bead, "%zu-%zu", b->src_len, b->tgt_len);
  bu->props[np++] = (ta_tmx_prop){"x-score", bu->score};
  bu->props[np++] = (ta_tmx_prop){"x-bead", bu->bead};
  bu->props[np++] = (ta_tmx_prop){"x-document", document};
  if (b->src_len) {
    range(bu->srcs, sizeof bu->srcs, b->src_begin, b->src_len);
    bu->props[np++] = (ta_tmx_prop){"x-src-sentences", bu->srcs};
    bu->vars[nv++] = (ta_tmx_variant){ta_doc_lang(src), st->p};
  }
  if (b->tgt_len) {
    range(bu->tgts, sizeof bu->tgts, b->tgt_begin, b->tgt_len);
    bu->props[np++] = (ta_tmx_prop){"x-tgt-sentences", bu->tgts};
    bu->vars[nv++] = (ta_tmx_variant){ta_doc_lang(tgt), tt->p};
  }
  bu->unit = (ta_tmx_unit){bu->tuid, NULL, bu->vars, nv, bu->props, np};
}

static ta_status check_bead(const ta_bead *b, size_t i, const ta_doc *src,
                            const ta_doc *tgt, ta_error *err) {
  size_t ns = ta_doc_count(src), nt = ta_doc_count(tgt);
  if (b->src_begin > ns || b->src_len > ns - b->src_begin ||
      b->tgt_begin > nt || b->tgt_len > nt - b->tgt_begin ||
      b->src_len + b->tgt_len == 0)
    return ta__fail(err, TA_EINVAL,
                    "tmx: bead %zu (%zu+%zu, %zu+%zu) is outside the "
                    "documents (%zu and %zu sentences)",
                    i + 1, b->src_begin, b->src_len, b->tgt_begin, b->tgt_len,
                    ns, nt);
  return TA_OK;
}

ta_status ta__tmx_write_beads_fn(const char *path, const ta_doc *src,
                                 const ta_doc *tgt, ta__bead_fn bead,
                                 const void *ctx, size_t n,
                                 const ta_tmx_align_opts *o,
                                 ta_tmx_align_stats *stats, ta_error *err) {
  if (!path || !src || !tgt)
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  ta_tmx_align_opts def;
  if (!o) {
    ta_tmx_align_opts_init(&def);
    o = &def;
  }
  ta_tmx_align_stats s = {0, 0, 0};
  /* Validate every bead first so that a bad alignment never replaces a
   * good file with a partial one. */
  for (size_t i = 0; i < n; i++) {
    ta_status st = check_bead(bead(ctx, i), i, src, tgt, err);
    if (st != TA_OK) return st;
  }
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = ta_doc_lang(src);
  if (ta_doc_is_html(src)) h.datatype = "html";
  const char *document =
      o->document ? o->document : basename_of(ta_doc_name(src));
  ta_tmx_writer *w = NULL;
  ta_status st = ta_tmx_writer_open(path, &h, &o->write, &w, err);
  ta__tbuf stext, ttext;
  ta__tbuf_init(&stext, (size_t)1 << 30);
  ta__tbuf_init(&ttext, (size_t)1 << 30);
  bead_unit bu;
  for (size_t i = 0; st == TA_OK && i < n; i++) {
    const ta_bead *b = bead(ctx, i);
    if ((!b->src_len || !b->tgt_len) && !o->keep_unaligned) {
      s.unaligned++;
      continue;
    }
    if (b->score < o->min_score) {
      s.below_score++;
      continue;
    }
    st = join(src, b->src_begin, b->src_len, &stext);
    if (st == TA_OK) st = join(tgt, b->tgt_begin, b->tgt_len, &ttext);
    if (st != TA_OK) {
      ta__fail(err, st, "%s: bead %zu: %s", path, i + 1, ta_strerror(st));
      break;
    }
    fill_unit(&bu, i, b, document, src, tgt, &stext, &ttext);
    st = ta_tmx_writer_add(w, &bu.unit, err);
    if (st == TA_OK) s.units++;
  }
  if (st == TA_OK) st = ta_tmx_writer_close(w, err);
  ta_tmx_writer_free(w);
  ta__tbuf_free(&stext);
  ta__tbuf_free(&ttext);
  if (st == TA_OK && stats) *stats = s;
  return st;
}

static const ta_bead *array_bead(const void *ctx, size_t i) {
  return (const ta_bead *)ctx + i;
}

ta_status ta_tmx_write_beads(const char *path, const ta_doc *src,
                             const ta_doc *tgt, const ta_bead *beads, size_t n,
                             const ta_tmx_align_opts *o,
                             ta_tmx_align_stats *stats, ta_error *err) {
  if (n && !beads) return ta__fail(err, TA_EINVAL, "tmx: no beads given");
  return ta__tmx_write_beads_fn(path, src, tgt, array_bead, beads, n, o, stats,
                                err);
}
