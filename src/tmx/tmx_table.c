/* Reviewed pairs back to TMX (ta_tmx_from_table): a reviewer edits the
 * TSV or the spreadsheet that 'tmxalign align' wrote, and the memory is
 * made from what they kept.  TSV is read here, XLSX in tmx_xlsx.c; both
 * become a ta__table first, so that every row is checked before the TMX
 * is written (a bad row on line 900 leaves no half memory behind). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tmx/tmx_int.h"

/* A table is read whole; a reviewed file is a document's worth of rows. */
#define TABLE_MAX_BYTES ((size_t)1 << 30)

void ta_tmx_table_opts_init(ta_tmx_table_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  ta_tmx_write_opts_init(&o->write);
}

/* Offset of the first byte that is not well-formed UTF-8 (overlongs,
 * surrogates and code points past U+10FFFF included), or n. */
static size_t utf8_bad(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t k = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (!k || i + k > n) return i;
    for (size_t j = 1; j < k; j++)
      if ((s[i + j] & 0xC0) != 0x80) return i;
    if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
        (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
      return i;
    i += k;
  }
  return n;
}

static bool is_header(const char *a, size_t na, const char *b, size_t nb) {
  return na == 6 && nb == 6 && !strncasecmp(a, "source", 6) &&
         !strncasecmp(b, "target", 6);
}

static ta_status read_tsv(const char *name, const char *data, size_t len,
                          ta__table *t, ta_error *err) {
  size_t bad = utf8_bad((const unsigned char *)data, len);
  if (bad < len) {
    size_t line = 1;
    for (size_t i = 0; i < bad; i++) line += data[i] == '\n';
    return ta__fail(err, TA_EPARSE,
                    "%s: line %zu: invalid UTF-8 (byte %zu); save the table "
                    "as UTF-8 text",
                    name, line, bad);
  }
  size_t line = 0;
  for (size_t pos = 0; pos < len;) {
    const char *l = data + pos;
    const char *nl = memchr(l, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - l) : len - pos;
    pos += n + (nl != NULL);
    line++;
    if (n && l[n - 1] == '\r') n--;
    if (line == 1 && n >= 3 && !memcmp(l, "\xEF\xBB\xBF", 3)) {
      l += 3; /* a spreadsheet's BOM */
      n -= 3;
    }
    if (!n) { /* a blank line: a row with nothing to keep */
      ta_status st = ta__table_add(t, line, "", 0, "", 0, NULL, 0);
      if (st != TA_OK) return ta__fail(err, st, "%s: out of memory", name);
      continue;
    }
    const char *tab = memchr(l, '\t', n);
    if (!tab)
      return ta__fail(err, TA_EPARSE,
                      "%s: line %zu: no tab; a row is source TAB target "
                      "[TAB score], as 'tmxalign align -f tsv' writes it",
                      name, line);
    size_t ns = (size_t)(tab - l);
    const char *tg = tab + 1;
    const char *tab2 = memchr(tg, '\t', n - ns - 1);
    size_t nt = tab2 ? (size_t)(tab2 - tg) : n - ns - 1;
    const char *sc = NULL;
    size_t nsc = 0;
    if (tab2) { /* columns after the score (a reviewer's notes) are ignored */
      sc = tab2 + 1;
      const char *tab3 = memchr(sc, '\t', (size_t)(l + n - sc));
      nsc = tab3 ? (size_t)(tab3 - sc) : (size_t)(l + n - sc);
    }
    if (line == 1 && is_header(l, ns, tg, nt)) continue;
    ta_status st = ta__table_add(t, line, l, ns, tg, nt, sc, nsc);
    if (st != TA_OK) return ta__fail(err, st, "%s: out of memory", name);
  }
  return TA_OK;
}

/* Leading and trailing spaces off s, in place. */
static char *trim(char *s) {
  while (*s == ' ') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

static ta_status write_tmx(const char *in, const char *what, const char *out,
                           const ta_tmx_table_opts *o, ta__table *t,
                           ta_tmx_table_stats *s, ta_error *err) {
  /* every row checked before anything is written */
  for (size_t i = 0; i < t->n; i++) {
    ta__table_row *r = &t->rows[i];
    if (!r->score) continue;
    char *v = trim(r->score), *end = NULL;
    double d = *v ? strtod(v, &end) : 0;
    if (*v && (end == v || *end || !(d >= 0 && d <= 1)))
      return ta__fail(err, TA_EPARSE,
                      "%s: %s %zu: score '%s' is not a number between 0 "
                      "and 1; correct it or empty the cell",
                      in, what, r->line, v);
  }
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = o->srclang;
  ta_tmx_writer *w = NULL;
  ta_status st = ta_tmx_writer_open(out, &h, &o->write, &w, err);
  for (size_t i = 0; st == TA_OK && i < t->n; i++) {
    const ta__table_row *r = &t->rows[i];
    const char *src = trim(r->src), *tgt = trim(r->tgt);
    if (!*src || !*tgt) {
      s->empty++;
      continue;
    }
    char tuid[32];
    snprintf(tuid, sizeof tuid, "%zu", r->line);
    ta_tmx_variant v[2] = {{o->srclang, src}, {o->tgtlang, tgt}};
    /* the score as align writes it: a spreadsheet keeps the full double */
    char score[32];
    ta_tmx_prop p[1] = {{"x-score", score}};
    size_t np = 0;
    if (r->score && *trim(r->score)) {
      snprintf(score, sizeof score, "%.4f", strtod(trim(r->score), NULL));
      np = 1;
    }
    ta_tmx_unit u = {tuid, NULL, v, 2, p, np};
    st = ta_tmx_writer_add(w, &u, err);
    if (st == TA_OK) s->units++;
  }
  if (st == TA_OK) st = ta_tmx_writer_close(w, err);
  ta_tmx_writer_free(w);
  return st;
}

ta_status ta_tmx_from_table(const char *in, const char *out,
                            const ta_tmx_table_opts *o,
                            ta_tmx_table_stats *stats, ta_error *err) {
  if (!in || !out)
    return ta__fail(err, TA_EINVAL, "table: missing argument: %s",
                    !in ? "input" : "output");
  if (!o || !o->srclang || !o->tgtlang)
    return ta__fail(err, TA_EINVAL,
                    "%s: the languages of the columns are required (-s LANG "
                    "-t LANG)",
                    in);
  char *data = NULL;
  size_t len = 0;
  ta_status st =
      ta__read_file(in, 0, TABLE_MAX_BYTES, "1 GiB", &data, &len, err);
  if (st != TA_OK) return st;
  ta__table t = {NULL, 0, 0};
  bool xlsx = len >= 4 && !memcmp(data, "PK\3\4", 4);
  st = xlsx ? ta__xlsx_read_table(in, data, len, &t, err)
            : read_tsv(in, data, len, &t, err);
  free(data);
  ta_tmx_table_stats s = {t.n, 0, 0};
  if (st == TA_OK)
    st = write_tmx(in, xlsx ? "row" : "line", out, o, &t, &s, err);
  ta__table_free(&t);
  if (st == TA_OK && stats) *stats = s;
  return st;
}
