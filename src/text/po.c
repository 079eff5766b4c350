/* gettext PO / POT catalogues: entries of msgctxt, msgid, msgid_plural,
 * msgstr and msgstr[N], each a keyword and C-quoted strings continued on
 * the following lines; "#," flags (fuzzy) and other comments; obsolete
 * "#~" entries are comments.  The header entry (msgid "") gives the
 * target language (Language:) and, when a tool wrote it, the source
 * (X-Source-Language:).  A plural entry is one unit: msgid and msgstr[0].
 * Errors name the line.  Does not: read charsets other than UTF-8 (the
 * message says to run msgconv). */
#include <stdlib.h>
#include <string.h>

#include "text/text_int.h"

typedef enum field { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR, F_STRN } field;

typedef struct entry {
  ta__buf ctxt, id, str;
  bool has_ctxt, has_id, has_str, fuzzy;
  size_t line, offset; /* of msgid */
  size_t ctxt_line;
} entry;

/* A header field ("Language: fr\n") of the header's text, or NULL. */
static char *header_field(const char *h, const char *key) {
  size_t k = strlen(key);
  for (const char *p = h; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
    if (strncmp(p, key, k) || p[k] != ':') continue;
    const char *v = p + k + 1;
    while (*v == ' ' || *v == '\t') v++;
    size_t n = strcspn(v, "\n");
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\r')) n--;
    if (!n) return NULL;
    char *s = ta__malloc(n + 1);
    if (s) memcpy(s, v, n), s[n] = '\0';
    return s;
  }
  return NULL;
}

static ta_status finish(ta_bitext *b, entry *e, ta_error *err) {
  ta_status st = TA_OK;
  if (e->has_ctxt && !e->has_id)
    st = ta__fail(err, TA_EPARSE, "%s: line %zu: msgctxt without msgid",
                  b->name, e->ctxt_line);
  else if (e->has_id && !e->has_str)
    st = ta__fail(err, TA_EPARSE, "%s: line %zu: msgid without msgstr", b->name,
                  e->line);
  else if (e->has_id && !e->id.len && !e->has_ctxt) {
    /* the header: languages, not a message */
    const char *h = e->str.p ? e->str.p : "";
    char *tl = header_field(h, "Language");
    char *sl = header_field(h, "X-Source-Language");
    if (tl) free(b->tgt_lang), b->tgt_lang = tl;
    if (sl) free(b->src_lang), b->src_lang = sl;
  } else if (e->has_id) {
    st = ta__bitext_add(b, e->has_ctxt ? (e->ctxt.p ? e->ctxt.p : "") : NULL,
                        e->id.p ? e->id.p : "", e->id.len,
                        e->str.p ? e->str.p : "", e->str.len, e->line,
                        e->offset, e->fuzzy);
    if (st != TA_OK) st = ta__fail(err, st, "%s: out of memory", b->name);
  }
  ta__buf_reset(&e->ctxt);
  ta__buf_reset(&e->id);
  ta__buf_reset(&e->str);
  e->has_ctxt = e->has_id = e->has_str = e->fuzzy = false;
  return st;
}

/* Append the C string literal at p[0, n) (from its opening quote) to
 * out; where the first bad character is on failure. */
static const char *unquote(const char *p, size_t n, ta__buf *out,
                           ta_status *st) {
  size_t i = 1;
  while (i < n && p[i] != '"') {
    char c = p[i++];
    if (c == '\\') {
      if (i >= n) return p + i;
      char e = p[i++];
      const char *from = "ntr\"\\abfv?'", *to = "\n\t\r\"\\\a\b\f\v?'";
      const char *q = strchr(from, e);
      if (!q || !e) return p + i - 1;
      c = to[q - from];
    }
    if (out && (*st = ta__buf_addc(out, c)) != TA_OK) return p + i;
  }
  if (i >= n) return p + n; /* no closing quote */
  i++;
  while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r')) i++;
  return i == n ? NULL : p + i; /* only spaces after it */
}

ta_status ta__po_parse(ta_bitext *b, const char *p, size_t len, ta_error *err) {
  size_t bad = ta__utf8_check((const unsigned char *)p, len);
  if (bad < len) {
    size_t line = 1;
    for (size_t i = 0; i < bad; i++) line += p[i] == '\n';
    return ta__fail(err, TA_EENCODING,
                    "%s: byte %zu: line %zu: not UTF-8; convert the "
                    "catalogue first (msgconv --to-code=UTF-8)",
                    b->name, bad, line);
  }
  entry e;
  memset(&e, 0, sizeof e);
  ta__buf_init(&e.ctxt, SIZE_MAX);
  ta__buf_init(&e.id, SIZE_MAX);
  ta__buf_init(&e.str, SIZE_MAX);
  field cur = F_NONE;
  ta__buf *cur_out = NULL;
  bool pending_fuzzy = false;
  ta_status st = TA_OK;
  size_t line = 0, i = 0;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) i = 3;
  while (st == TA_OK && i < len) {
    line++;
    const char *ln = p + i, *nl = memchr(ln, '\n', len - i);
    size_t n = nl ? (size_t)(nl - ln) : len - i;
    size_t off = i;
    i += n + (nl != NULL);
    size_t k = 0;
    while (k < n && (ln[k] == ' ' || ln[k] == '\t' || ln[k] == '\r')) k++;
    if (k == n) {
      cur = F_NONE; /* a blank line ends continuations */
      continue;
    }
    if (ln[k] == '#') {
      if (k + 1 < n && ln[k + 1] == ',') {
        const char *f = ln + k + 2;
        size_t m = n - k - 2;
        for (size_t j = 0; j + 5 <= m; j++)
          if (!memcmp(f + j, "fuzzy", 5)) pending_fuzzy = true;
      }
      continue;
    }
    const char *kw = ln + k;
    size_t kn = 0;
    while (k + kn < n && ln[k + kn] != ' ' && ln[k + kn] != '\t' &&
           ln[k + kn] != '"')
      kn++;
    field f = F_NONE;
    if (kn == 0) {
      f = cur; /* a continuation string */
      if (f == F_NONE) {
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %zu: a string continues nothing (expected "
                      "msgid, msgstr or a comment)",
                      b->name, line);
        break;
      }
    } else if (kn == 7 && !memcmp(kw, "msgctxt", 7)) {
      f = F_CTXT;
    } else if (kn == 5 && !memcmp(kw, "msgid", 5)) {
      f = F_ID;
    } else if (kn == 12 && !memcmp(kw, "msgid_plural", 12)) {
      f = F_PLURAL;
    } else if (kn == 6 && !memcmp(kw, "msgstr", 6)) {
      f = F_STR;
    } else if (kn > 7 && !memcmp(kw, "msgstr[", 7) && kw[kn - 1] == ']') {
      f = F_STRN;
    } else {
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %zu: '%.*s' is not a PO keyword (msgctxt, "
                    "msgid, msgid_plural, msgstr, msgstr[N])",
                    b->name, line, (int)(kn < 40 ? kn : 40), kw);
      break;
    }
    /* A new entry starts at msgctxt, or at msgid after a msgid. */
    if (kn && ((f == F_CTXT && (e.has_id || e.has_ctxt)) ||
               (f == F_ID && e.has_id))) {
      st = finish(b, &e, err);
      if (st != TA_OK) break;
    }
    if (kn && f != F_CTXT && f != F_ID && !e.has_id) {
      st = ta__fail(err, TA_EPARSE, "%s: line %zu: %.*s before msgid", b->name,
                    line, (int)kn, kw);
      break;
    }
    k += kn;
    while (k < n && (ln[k] == ' ' || ln[k] == '\t')) k++;
    if (k >= n || ln[k] != '"') {
      st = ta__fail(err, TA_EPARSE, "%s: line %zu: expected a quoted string",
                    b->name, line);
      break;
    }
    /* msgstr[0] is the target; the other plural forms are read, not
     * kept */
    ta__buf *out = cur_out;
    if (kn)
      cur_out = out = f == F_CTXT  ? &e.ctxt
                      : f == F_ID  ? &e.id
                      : f == F_STR ? &e.str
                      : f == F_STRN && kn == 9 && !memcmp(kw, "msgstr[0]", 9)
                          ? &e.str
                          : NULL;
    ta_status ust = TA_OK;
    const char *where = unquote(ln + k, n - k, out, &ust);
    if (ust != TA_OK) {
      st = ta__fail(err, ust, "%s: out of memory", b->name);
      break;
    }
    if (where) {
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %zu: column %zu: bad string (an unclosed "
                    "quote, a bad escape or text after it)",
                    b->name, line, (size_t)(where - ln) + 1);
      break;
    }
    if (f == F_CTXT && kn) e.has_ctxt = true, e.ctxt_line = line;
    if (f == F_ID && kn) {
      e.has_id = true;
      e.line = line;
      e.offset = off;
      e.fuzzy = pending_fuzzy;
      pending_fuzzy = false;
    }
    if ((f == F_STR || f == F_STRN) && kn) e.has_str = true;
    cur = f;
  }
  if (st == TA_OK) st = finish(b, &e, err);
  ta__buf_free(&e.ctxt);
  ta__buf_free(&e.id);
  ta__buf_free(&e.str);
  return st;
}
