/* From aligner beads to TMX units: one <tu> per bead with the bead's
 * sentences joined by a space, the source variant first, and props that
 * let a reviewer find the bead again (x-document, x-src-sentences, ...);
 * for one source and several targets, one <tu> per run of source
 * sentences on which all the alignments agree.
 * Does not align anything and knows no XML: ta_tmx_writer does that. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmx/tmx_int.h"

void ta_tmx_align_opts_init(ta_tmx_align_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  ta_tmx_write_opts_init(&o->write);
}

/* Sentences [begin, begin+len) of d joined by one space into b (none
 * between Chinese or Japanese sentences: ta__seam_space). */
static ta_status join(const ta_doc *d, size_t begin, size_t len, ta__buf *b) {
  ta__buf_reset(b);
  ta_status st = ta__buf_add(b, "", 0);
  for (size_t i = 0; st == TA_OK && i < len; i++) {
    const ta_sentence *s = ta_doc_sentence(d, begin + i);
    if (i && ta__seam_space(b->p, b->len, s->text, s->len))
      st = ta__buf_addc(b, ' ');
    if (st == TA_OK) st = ta__buf_add(b, s->text, s->len);
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

static void fill_unit(bead_unit *bu, size_t tuid, const ta_bead *b,
                      const char *document, const ta_doc *src,
                      const ta_doc *tgt, const ta__buf *st, const ta__buf *tt) {
  size_t np = 0, nv = 0;
  snprintf(bu->tuid, sizeof bu->tuid, "%zu", tuid);
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

static const char *document_of(const ta_tmx_align_opts *o, const ta_doc *src) {
  return o->document ? o->document : basename_of(ta_doc_name(src));
}

/* Options a writer can use: min_score a number in [0, 1] (NaN compares
 * false with everything, so it would silently keep every bead). */
static ta_status check_opts(const ta_tmx_align_opts *o, ta_error *err) {
  if (!(o->min_score >= 0 && o->min_score <= 1))
    return ta__fail(err, TA_EINVAL,
                    "tmx: min_score %g is not a number from 0 to 1",
                    o->min_score);
  return TA_OK;
}

/* Every bead inside both documents, or TA_EINVAL naming the first that is
 * not: checked before anything is written. */
static ta_status check_beads(const ta_doc *src, const ta_doc *tgt,
                             ta__bead_fn bead, const void *ctx, size_t n,
                             const char *document, ta_error *err) {
  size_t ns = ta_doc_count(src), nt = ta_doc_count(tgt);
  for (size_t i = 0; i < n; i++) {
    const ta_bead *b = bead(ctx, i);
    if (b->src_begin > ns || b->src_len > ns - b->src_begin ||
        b->tgt_begin > nt || b->tgt_len > nt - b->tgt_begin ||
        b->src_len + b->tgt_len == 0)
      return ta__fail(err, TA_EINVAL,
                      "%s: bead %zu (%zu+%zu, %zu+%zu) is outside the "
                      "documents (%zu and %zu sentences)",
                      document, i + 1, b->src_begin, b->src_len, b->tgt_begin,
                      b->tgt_len, ns, nt);
  }
  return TA_OK;
}

ta_status ta__tmx_add_beads(ta_tmx_writer *w, const ta_doc *src,
                            const ta_doc *tgt, ta__bead_fn bead,
                            const void *ctx, size_t n,
                            const ta_tmx_align_opts *o, bool running_tuids,
                            ta_tmx_align_stats *stats, ta_error *err) {
  const char *document = document_of(o, src);
  ta_status st = check_opts(o, err);
  if (st != TA_OK) return st;
  st = check_beads(src, tgt, bead, ctx, n, document, err);
  if (st != TA_OK) return st;
  ta_tmx_align_stats s = {0, 0, 0};
  ta__buf stext, ttext;
  ta__buf_init(&stext, (size_t)1 << 30);
  ta__buf_init(&ttext, (size_t)1 << 30);
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
      ta__fail(err, st, "%s: bead %zu: %s", document, i + 1, ta_strerror(st));
      break;
    }
    fill_unit(&bu, running_tuids ? ta_tmx_writer_count(w) + 1 : i + 1, b,
              document, src, tgt, &stext, &ttext);
    st = ta_tmx_writer_add(w, &bu.unit, err);
    if (st == TA_OK) s.units++;
  }
  ta__buf_free(&stext);
  ta__buf_free(&ttext);
  if (stats) *stats = s;
  return st;
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
  /* Checked before the file is opened: a bad alignment never replaces a
   * good file with a partial one. */
  ta_status st = check_opts(o, err);
  if (st == TA_OK)
    st = check_beads(src, tgt, bead, ctx, n, document_of(o, src), err);
  if (st != TA_OK) return st;
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = ta_doc_lang(src);
  if (ta_doc_is_html(src)) h.datatype = "html";
  ta_tmx_writer *w = NULL;
  st = ta_tmx_writer_open(path, &h, &o->write, &w, err);
  if (st == TA_OK)
    st = ta__tmx_add_beads(w, src, tgt, bead, ctx, n, o, false, stats, err);
  if (st == TA_OK) st = ta_tmx_writer_close(w, err);
  ta_tmx_writer_free(w);
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

/* ---- one source, several targets ----------------------------------------
 * Each target was aligned with the source on its own, so the targets group
 * source sentences differently (a 2-1 bead in German, two 1-1 beads in
 * French).  A unit covers the smallest run of source sentences that is a
 * whole number of beads in every target: the cuts are the source positions
 * where every target has a bead boundary. */

typedef struct multi_target {
  const ta_doc *doc;
  ta__bead_fn bead;
  const void *ctx;
  size_t n, cursor;
} multi_target;

/* Mark, per source position, how many targets have a bead boundary there. */
static ta_status common_cuts(multi_target *t, size_t nt, size_t nsrc,
                             size_t **cuts_out) {
  size_t *count = ta__calloc(nsrc + 1, sizeof *count);
  if (!count) return TA_ENOMEM;
  for (size_t k = 0; k < nt; k++) {
    size_t last = SIZE_MAX; /* a position is counted once per target */
    for (size_t i = 0; i < t[k].n; i++) {
      const ta_bead *b = t[k].bead(t[k].ctx, i);
      if (!b->src_len) continue;
      if (b->src_begin != last) count[b->src_begin]++;
      last = b->src_begin + b->src_len;
      count[last]++;
    }
  }
  *cuts_out = count;
  return TA_OK;
}

/* Target k's text for source run [a, b): its beads starting inside. */
static ta_status target_part(multi_target *t, size_t b, ta__buf *text,
                             size_t *tb, size_t *tl, double *score,
                             size_t *unaligned) {
  ta__buf_reset(text);
  ta_status st = ta__buf_add(text, "", 0);
  *tl = 0;
  for (; st == TA_OK && t->cursor < t->n; t->cursor++) {
    const ta_bead *bd = t->bead(t->ctx, t->cursor);
    if (bd->src_len && bd->src_begin >= b) break;
    if (!bd->src_len) { /* 0-1: no source to hang it on */
      (*unaligned)++;
      continue;
    }
    if (bd->score < *score) *score = bd->score;
    for (size_t i = 0; st == TA_OK && i < bd->tgt_len; i++) {
      const ta_sentence *s = ta_doc_sentence(t->doc, bd->tgt_begin + i);
      if (text->len && ta__seam_space(text->p, text->len, s->text, s->len))
        st = ta__buf_addc(text, ' ');
      if (st == TA_OK) st = ta__buf_add(text, s->text, s->len);
    }
    if (bd->tgt_len && !*tl) *tb = bd->tgt_begin;
    if (bd->tgt_len) *tl = bd->tgt_begin + bd->tgt_len - *tb;
  }
  return st;
}

typedef struct multi_unit {
  ta__buf text[TA_TMX_MAX_TARGETS + 1];
  ta_tmx_variant vars[TA_TMX_MAX_TARGETS + 1];
  ta_tmx_prop props[5];
  char tuid[32], score[32], bead[16 * (TA_TMX_MAX_TARGETS + 1)];
  char srcs[48], tgts[64 * TA_TMX_MAX_TARGETS];
} multi_unit;

/* Build and write the unit for source run [a, b). */
static ta_status multi_write(ta_tmx_writer *w, const ta_doc *src,
                             multi_target *t, size_t nt, size_t a, size_t b,
                             const char *document, const ta_tmx_align_opts *o,
                             multi_unit *m, ta_tmx_align_stats *s,
                             ta_error *err) {
  double score = 1.0;
  size_t nv = 1, bl = 0, tl_total = 0;
  ta_status st = join(src, a, b - a, &m->text[0]);
  m->vars[0] = (ta_tmx_variant){ta_doc_lang(src), m->text[0].p};
  bl = (size_t)snprintf(m->bead, sizeof m->bead, "%zu", b - a);
  m->tgts[0] = '\0';
  for (size_t k = 0; st == TA_OK && k < nt; k++) {
    size_t tb = 0, tl = 0;
    st =
        target_part(&t[k], b, &m->text[k + 1], &tb, &tl, &score, &s->unaligned);
    bl += (size_t)snprintf(m->bead + bl, sizeof m->bead - bl, "-%zu", tl);
    if (st != TA_OK || !tl) continue;
    char r[48];
    range(r, sizeof r, tb, tl);
    size_t used = strlen(m->tgts);
    snprintf(m->tgts + used, sizeof m->tgts - used, "%s%s:%s", used ? " " : "",
             ta_doc_lang(t[k].doc), r);
    m->vars[nv++] = (ta_tmx_variant){ta_doc_lang(t[k].doc), m->text[k + 1].p};
    tl_total += tl;
  }
  if (st != TA_OK) return ta__fail(err, st, "tmx: %s", ta_strerror(st));
  if (!tl_total && !o->keep_unaligned) {
    s->unaligned++;
    return TA_OK;
  }
  if (score < o->min_score) {
    s->below_score++;
    return TA_OK;
  }
  size_t np = 0;
  snprintf(m->tuid, sizeof m->tuid, "%zu", ta_tmx_writer_count(w) + 1);
  snprintf(m->score, sizeof m->score, "%.4f", score);
  range(m->srcs, sizeof m->srcs, a, b - a);
  m->props[np++] = (ta_tmx_prop){"x-score", m->score};
  m->props[np++] = (ta_tmx_prop){"x-bead", m->bead};
  m->props[np++] = (ta_tmx_prop){"x-document", document};
  m->props[np++] = (ta_tmx_prop){"x-src-sentences", m->srcs};
  if (tl_total) m->props[np++] = (ta_tmx_prop){"x-tgt-sentences", m->tgts};
  ta_tmx_unit u = {m->tuid, NULL, m->vars, nv, m->props, np};
  st = ta_tmx_writer_add(w, &u, err);
  if (st == TA_OK) s->units++;
  return st;
}

static ta_status multi_check(const ta_doc *src, multi_target *t, size_t nt,
                             ta_error *err) {
  if (nt == 0 || nt > TA_TMX_MAX_TARGETS)
    return ta__fail(err, TA_EINVAL, "tmx: %zu targets (1 to %d allowed)", nt,
                    TA_TMX_MAX_TARGETS);
  for (size_t k = 0; k < nt; k++) {
    ta_status st =
        check_beads(src, t[k].doc, t[k].bead, t[k].ctx, t[k].n, "tmx", err);
    if (st != TA_OK) return st;
    size_t next = 0;
    for (size_t i = 0; i < t[k].n; i++) {
      const ta_bead *b = t[k].bead(t[k].ctx, i);
      if (b->src_len && b->src_begin < next)
        return ta__fail(err, TA_EINVAL,
                        "tmx: target %zu: bead %zu is out of source order",
                        k + 1, i + 1);
      if (b->src_len) next = b->src_begin + b->src_len;
    }
  }
  return TA_OK;
}

static ta_status write_multi(const char *path, const ta_doc *src,
                             multi_target *t, size_t nt,
                             const ta_tmx_align_opts *o,
                             ta_tmx_align_stats *stats, ta_error *err) {
  ta_tmx_align_opts def;
  if (!o) {
    ta_tmx_align_opts_init(&def);
    o = &def;
  }
  ta_status st = check_opts(o, err);
  if (st == TA_OK) st = multi_check(src, t, nt, err);
  if (st != TA_OK) return st;
  size_t nsrc = ta_doc_count(src), *cuts = NULL;
  multi_unit *m = ta__calloc(1, sizeof *m);
  if (!m || common_cuts(t, nt, nsrc, &cuts) != TA_OK) {
    free(m);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  for (size_t k = 0; k <= nt; k++) ta__buf_init(&m->text[k], (size_t)1 << 30);
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = ta_doc_lang(src);
  if (ta_doc_is_html(src)) h.datatype = "html";
  const char *document =
      o->document ? o->document : basename_of(ta_doc_name(src));
  ta_tmx_align_stats s = {0, 0, 0};
  ta_tmx_writer *w = NULL;
  st = ta_tmx_writer_open(path, &h, &o->write, &w, err);
  for (size_t a = 0, b = 1; st == TA_OK && a < nsrc; b++) {
    if (b < nsrc && cuts[b] < nt) continue; /* not a cut everywhere */
    st = multi_write(w, src, t, nt, a, b, document, o, m, &s, err);
    a = b;
  }
  /* 0-1 beads after the last source sentence. */
  for (size_t k = 0; k < nt; k++) s.unaligned += t[k].n - t[k].cursor;
  if (st == TA_OK) st = ta_tmx_writer_close(w, err);
  ta_tmx_writer_free(w);
  for (size_t k = 0; k <= nt; k++) ta__buf_free(&m->text[k]);
  free(m);
  free(cuts);
  if (st == TA_OK && stats) *stats = s;
  return st;
}

ta_status ta_tmx_write_multi_beads(const char *path, const ta_doc *src,
                                   const ta_doc *const *tgts,
                                   const ta_bead *const *beads,
                                   const size_t *counts, size_t ntgt,
                                   const ta_tmx_align_opts *o,
                                   ta_tmx_align_stats *stats, ta_error *err) {
  if (!path || !src || !tgts || !beads || !counts)
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  multi_target t[TA_TMX_MAX_TARGETS];
  for (size_t k = 0; k < ntgt && k < TA_TMX_MAX_TARGETS; k++) {
    if (!tgts[k] || (counts[k] && !beads[k]))
      return ta__fail(err, TA_EINVAL, "tmx: missing argument: target %zu",
                      k + 1);
    t[k] = (multi_target){tgts[k], array_bead, beads[k], counts[k], 0};
  }
  return write_multi(path, src, t, ntgt, o, stats, err);
}

ta_status ta__tmx_write_multi_fn(const char *path, const ta_doc *src,
                                 const ta_doc *const *tgts, ta__bead_fn bead,
                                 const void *const *ctx, const size_t *counts,
                                 size_t ntgt, const ta_tmx_align_opts *o,
                                 ta_tmx_align_stats *stats, ta_error *err) {
  if (!path || !src || !tgts || !ctx || !counts)
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  multi_target t[TA_TMX_MAX_TARGETS];
  for (size_t k = 0; k < ntgt && k < TA_TMX_MAX_TARGETS; k++) {
    if (!tgts[k])
      return ta__fail(err, TA_EINVAL, "tmx: missing argument: target %zu",
                      k + 1);
    t[k] = (multi_target){tgts[k], bead, ctx[k], counts[k], 0};
  }
  return write_multi(path, src, t, ntgt, o, stats, err);
}
