/* A bilingual file (XLIFF, PO: already aligned by its translator) straight
 * to TMX: one unit a translated unit, no alignment.  The texts go through
 * ta_bitext_docs, so that they are normalised exactly as the segments of
 * an aligned memory are.  Does not: keep inline codes (the reader drops
 * them) or notes.  Memory: the file's units, twice (texts and docs). */
#include <stdio.h>
#include <string.h>

#include "tmx/tmx_int.h"

void ta_tmx_bitext_opts_init(ta_tmx_bitext_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  ta_tmx_write_opts_init(&o->write);
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

ta_status ta_tmx_write_bitext(const char *path, const ta_bitext *b,
                              const ta_tmx_bitext_opts *o,
                              ta_tmx_bitext_stats *stats, ta_error *err) {
  if (!path || !b)
    return ta__fail(err, TA_EINVAL, "tmx: missing argument: %s",
                    !path ? "path" : "bilingual file");
  ta_tmx_bitext_opts def;
  if (!o) {
    ta_tmx_bitext_opts_init(&def);
    o = &def;
  }
  const char *name = ta_bitext_name(b);
  const char *sl =
      o->srclang && *o->srclang ? o->srclang : ta_bitext_src_lang(b);
  const char *tl =
      o->tgtlang && *o->tgtlang ? o->tgtlang : ta_bitext_tgt_lang(b);
  if (!*sl || !*tl)
    return ta__fail(err, TA_EINVAL,
                    "%s: the %s file names no %s language: give it (-s LANG "
                    "-t LANG)",
                    name, ta_bitext_format_name(ta_bitext_format_of(b)),
                    !*sl ? "source" : "target");
  ta_tmx_bitext_stats s = {ta_bitext_count(b), 0, 0, 0};
  ta_doc *src = NULL, *tgt = NULL;
  ta_status st = ta_bitext_docs(
      b, sl, tl, o->keep_fuzzy ? TA_BITEXT_KEEP_FUZZY : 0, &src, &tgt, err);
  if (st != TA_OK) return st;
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = ta_doc_lang(src);
  ta_tmx_writer *w = NULL;
  st = ta_tmx_writer_open(path, &h, &o->write, &w, err);
  size_t k = 0; /* the next sentence of the docs */
  for (size_t i = 0; st == TA_OK && i < s.units; i++) {
    const ta_bitext_unit *u = ta_bitext_unit_at(b, i);
    if (!u->target[0]) {
      s.untranslated++;
      continue;
    }
    s.fuzzy += u->fuzzy;
    if (u->fuzzy && !o->keep_fuzzy) continue;
    const ta_sentence *ss = ta_doc_sentence(src, k),
                      *ts = ta_doc_sentence(tgt, k);
    k++;
    /* a text of spaces only is no segment: a memory of empty <seg> is
     * worth nothing */
    if (!ss->len || !ts->len) {
      s.untranslated++;
      continue;
    }
    char num[32], line[32];
    snprintf(num, sizeof num, "%zu", i + 1);
    snprintf(line, sizeof line, "%zu", u->line);
    ta_tmx_variant v[2] = {{ta_doc_lang(src), ss->text},
                           {ta_doc_lang(tgt), ts->text}};
    ta_tmx_prop props[3] = {
        {"x-document", base_name(name)}, {"x-line", line}, {"x-fuzzy", "yes"}};
    ta_tmx_unit tu = {
        u->id && *u->id ? u->id : num, NULL, v, 2, props, u->fuzzy ? 3 : 2};
    st = ta_tmx_writer_add(w, &tu, err);
    if (st == TA_OK) s.written++;
  }
  if (st == TA_OK) st = ta_tmx_writer_close(w, err);
  ta_tmx_writer_free(w);
  ta_doc_free(src);
  ta_doc_free(tgt);
  if (st == TA_OK && stats) *stats = s;
  return st;
}
