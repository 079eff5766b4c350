/* The word translation table: interned normalised words, per source word
 * its translations with a probability; the line formats (TSV, hunalign),
 * saving, merging.  Dictd/FreeDict is lexicon_dictd.c, learning is
 * lexicon_train.c, keys for the aligner lexicon_align.c.
 *
 * Memory: one pool for the words, a translation array per source word;
 * sized by what is added, which dictionaries filter to the document. */
#include "lexicon/lexicon.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

/* ---- interned strings -------------------------------------------------- */

static uint32_t str_hash(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h ^ (h >> 15);
}

static size_t strtab_slot(const ta__strtab *t, const char *s, size_t len) {
  size_t h = str_hash(s, len) & (t->scap - 1);
  while (t->slot[h]) {
    const char *w = t->pool + t->off[t->slot[h] - 1];
    if (strlen(w) == len && !memcmp(w, s, len)) break;
    h = (h + 1) & (t->scap - 1);
  }
  return h;
}

int64_t ta__strtab_find(const ta__strtab *t, const char *s, size_t len) {
  if (!t->scap) return -1;
  size_t h = strtab_slot(t, s, len);
  return t->slot[h] ? (int64_t)t->slot[h] - 1 : -1;
}

static bool strtab_grow(ta__strtab *t) {
  size_t ncap = t->scap ? t->scap * 2 : 1024;
  uint32_t *ns = ta__calloc(ncap, sizeof *ns);
  if (!ns) return false;
  free(t->slot);
  t->slot = ns;
  t->scap = ncap;
  for (size_t id = 0; id < t->n; id++) {
    const char *w = t->pool + t->off[id];
    t->slot[strtab_slot(t, w, strlen(w))] = (uint32_t)id + 1;
  }
  return true;
}

ta_status ta__strtab_intern(ta__strtab *t, const char *s, size_t len,
                            uint32_t *id) {
  if ((t->n + 1) * 2 > t->scap && !strtab_grow(t)) return TA_ENOMEM;
  size_t h = strtab_slot(t, s, len);
  if (t->slot[h]) {
    *id = t->slot[h] - 1;
    return TA_OK;
  }
  if (ta__reserve(&t->pool, &t->cap, t->len + len + 1) != TA_OK ||
      ta__reserve(&t->off, &t->ncap, t->n + 1) != TA_OK)
    return TA_ENOMEM;
  memcpy(t->pool + t->len, s, len);
  t->pool[t->len + len] = '\0';
  t->off[t->n] = (uint32_t)t->len;
  t->len += len + 1;
  t->slot[h] = (uint32_t)++t->n;
  *id = (uint32_t)t->n - 1;
  return TA_OK;
}

const char *ta__strtab_str(const ta__strtab *t, uint32_t id) {
  return t->pool + t->off[id];
}

void ta__strtab_free(ta__strtab *t) {
  free(t->pool);
  free(t->off);
  free(t->slot);
  memset(t, 0, sizeof *t);
}

/* ---- words ------------------------------------------------------------- */

/* Is the first letter of w in a script written without spaces? */
static bool spaceless_word(const char *w, size_t len) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(w, i, (int32_t)len, c);
  return c >= 0 && ta__spaceless(c);
}

size_t ta__lex_norm(ta__folder *f, const char *w, size_t len, char *out,
                    size_t cap) {
  if (len && (unsigned char)w[0] >= 0x80 && spaceless_word(w, len)) {
    if (len >= cap) return 0;
    memcpy(out, w, len);
    out[len] = '\0';
    return len;
  }
  size_t n = ta__folder_fold(f, w, len, out, cap);
  if (n < 2) return 0;
  for (size_t i = 0; i < n; i++)
    if (out[i] < 'a' || out[i] > 'z') return 0;
  if (n >= TA__LEX_STEM_FROM) n = TA__LEX_STEM_LEN;
  out[n] = '\0';
  return n;
}

bool ta__lex_has_prefixes(const char *norm) {
  return (unsigned char)norm[0] < 0x80;
}

static bool is_letter(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (u_isalpha(c)) return true;
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

ta_status ta__lex_words(ta__folder *f, const char *text, size_t len,
                        ta__word_fn fn, void *user) {
  int32_t i = 0, n = (int32_t)len;
  while (i < n) {
    int32_t at = i, end;
    UChar32 c;
    U8_NEXT(text, i, n, c);
    if (c < 0 || !is_letter(c)) continue;
    end = i;
    while (end < n) {
      int32_t j = end;
      U8_NEXT(text, j, n, c);
      if (c < 0 || !is_letter(c)) break;
      end = j;
    }
    bool oom = false;
    if (!ta__folder_units(f, text + at, (size_t)(end - at), fn, user, &oom))
      return oom ? TA_ENOMEM : TA_OK;
    i = end;
  }
  return TA_OK;
}

/* The longest normalised word of a phrase ("maison de campagne" ->
 * "maiso"): a multi-word translation contributes one key. */
typedef struct longest {
  ta__folder *f;
  char best[TA__LEX_WORD_MAX];
  size_t bl, words;
} longest;

static bool longest_word(void *user, const char *w, size_t len) {
  longest *l = user;
  char tmp[TA__LEX_WORD_MAX];
  size_t n = ta__lex_norm(l->f, w, len, tmp, sizeof tmp);
  l->words++;
  if (n > l->bl) {
    memcpy(l->best, tmp, n + 1);
    l->bl = n;
  }
  return true;
}

/* Normalise a phrase; *words is its number of words. */
size_t ta__lex_phrase(ta__folder *f, const char *s, size_t len, char *out,
                      size_t *words, ta_status *st) {
  longest l = {.f = f};
  if (ta__lex_words(f, s, len, longest_word, &l) != TA_OK) *st = TA_ENOMEM;
  memcpy(out, l.best, l.bl + 1);
  *words = l.words;
  return l.bl;
}

typedef struct doc_words {
  ta__folder *f;
  ta__strtab *t;
  ta_status st;
} doc_words;

static bool add_doc_word(void *user, const char *w, size_t len) {
  doc_words *d = user;
  char tmp[TA__LEX_WORD_MAX];
  uint32_t id;
  size_t n = ta__lex_norm(d->f, w, len, tmp, sizeof tmp);
  if (n) d->st = ta__strtab_intern(d->t, tmp, n, &id);
  for (size_t k = TA__LEX_PREFIX_MIN;
       k < n && d->st == TA_OK && ta__lex_has_prefixes(tmp); k++)
    d->st = ta__strtab_intern(d->t, tmp, k, &id);
  return d->st == TA_OK;
}

ta_status ta__lex_doc_words(const ta_doc *d, ta__folder *f, ta__strtab *out) {
  doc_words dw = {f, out, TA_OK};
  for (size_t i = 0; i < ta_doc_count(d) && dw.st == TA_OK; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    ta_status st = ta__lex_words(f, s->text, s->len, add_doc_word, &dw);
    if (st != TA_OK) dw.st = st;
  }
  return dw.st;
}

/* ---- the table --------------------------------------------------------- */

static ta_status lexicon_new(ta_lexicon **out) {
  *out = ta__calloc(1, sizeof **out);
  return *out ? TA_OK : TA_ENOMEM;
}

void ta_lexicon_free(ta_lexicon *lx) {
  if (!lx) return;
  for (size_t i = 0; i < lx->nheads; i++) free(lx->heads[i].tr);
  free(lx->heads);
  ta__strtab_free(&lx->words);
  free(lx);
}

size_t ta_lexicon_count(const ta_lexicon *lx) { return lx ? lx->entries : 0; }

ta_status ta__lexicon_add_norm(ta_lexicon *lx, const char *src, size_t sl,
                               const char *tgt, size_t tl, double p) {
  uint32_t s, t;
  ta_status st = ta__strtab_intern(&lx->words, src, sl, &s);
  if (st == TA_OK) st = ta__strtab_intern(&lx->words, tgt, tl, &t);
  if (st != TA_OK) return st;
  if (s >= lx->nheads) { /* every head allocated is an empty one */
    size_t nn = lx->nheads;
    if (ta__reserve(&lx->heads, &nn, (size_t)s + 1) != TA_OK) return TA_ENOMEM;
    memset(lx->heads + lx->nheads, 0, (nn - lx->nheads) * sizeof *lx->heads);
    lx->nheads = nn;
  }
  ta__lex_head *h = &lx->heads[s];
  for (uint32_t i = 0; i < h->n; i++)
    if (h->tr[i].tgt == t) {
      if (p > h->tr[i].p) h->tr[i].p = (float)p;
      return TA_OK;
    }
  if (h->n == h->cap) { /* cap is a uint32_t: the head stays small */
    size_t nc = h->cap;
    if (h->n == UINT32_MAX ||
        ta__reserve(&h->tr, &nc, (size_t)h->n + 1) != TA_OK)
      return TA_ENOMEM;
    h->cap = nc > UINT32_MAX ? UINT32_MAX : (uint32_t)nc;
  }
  h->tr[h->n++] = (ta__lex_tr){t, (float)p};
  lx->entries++;
  return TA_OK;
}

static ta_status lexicon_add(ta_lexicon *lx, const char *src, const char *tgt,
                             double p) {
  if (!lx || !src || !tgt || !(p > 0)) return TA_EINVAL;
  ta__folder *f = ta__folder_new();
  if (!f) return TA_ENOMEM;
  char a[TA__LEX_WORD_MAX], b[TA__LEX_WORD_MAX];
  size_t wa, wb;
  ta_status st = TA_OK;
  size_t na = ta__lex_phrase(f, src, strlen(src), a, &wa, &st);
  size_t nb = ta__lex_phrase(f, tgt, strlen(tgt), b, &wb, &st);
  ta__folder_free(f);
  if (st != TA_OK) return st;
  if (!na || !nb || wa != 1) return TA_OK;
  return ta__lexicon_add_norm(lx, a, na, b, nb, p > 1 ? 1 : p);
}

double ta_lexicon_prob(const ta_lexicon *lx, const char *src, const char *tgt) {
  ta__folder *f = ta__folder_new();
  if (!lx || !f) {
    ta__folder_free(f);
    return 0;
  }
  char a[TA__LEX_WORD_MAX], b[TA__LEX_WORD_MAX];
  size_t wa, wb;
  ta_status st = TA_OK;
  size_t na = ta__lex_phrase(f, src, strlen(src), a, &wa, &st);
  size_t nb = ta__lex_phrase(f, tgt, strlen(tgt), b, &wb, &st);
  ta__folder_free(f);
  if (st != TA_OK) return 0;
  int64_t s = ta__strtab_find(&lx->words, a, na);
  int64_t t = ta__strtab_find(&lx->words, b, nb);
  if (s < 0 || t < 0 || (size_t)s >= lx->nheads) return 0;
  const ta__lex_head *h = &lx->heads[s];
  for (uint32_t i = 0; i < h->n; i++)
    if (h->tr[i].tgt == (uint32_t)t) return h->tr[i].p;
  return 0;
}

static ta_status lexicon_merge(ta_lexicon *lx, const ta_lexicon *from) {
  if (!lx || !from) return TA_EINVAL;
  for (size_t s = 0; s < from->nheads; s++) {
    const ta__lex_head *h = &from->heads[s];
    const char *sw = ta__strtab_str(&from->words, (uint32_t)s);
    for (uint32_t i = 0; i < h->n; i++) {
      const char *tw = ta__strtab_str(&from->words, h->tr[i].tgt);
      ta_status st =
          ta__lexicon_add_norm(lx, sw, strlen(sw), tw, strlen(tw), h->tr[i].p);
      if (st != TA_OK) return st;
    }
  }
  return TA_OK;
}

/* ---- line formats ------------------------------------------------------ */

/* TSV "source TAB target [TAB p]" (hunalign: false) or hunalign's
 * "target @ source" (hunalign: true), one entry a line. */
static ta_status parse_lines(ta_lexicon *lx, const char *path, const char *buf,
                             size_t len, bool hunalign,
                             const ta__strtab *filter, ta_error *err) {
  ta__folder *f = ta__folder_new();
  if (!f) return TA_ENOMEM;
  ta_status st = TA_OK;
  size_t pos = 0, line = 0;
  while (pos < len && st == TA_OK) {
    const char *l = buf + pos, *nl = memchr(l, '\n', len - pos);
    size_t ll = nl ? (size_t)(nl - l) : len - pos;
    pos += ll + 1;
    line++;
    if (ll && l[ll - 1] == '\r') ll--;
    if (!ll || l[0] == '#') continue;
    const char *a = l, *b, *sep;
    size_t al, bl;
    double p = 0.5;
    if (hunalign) {
      sep = strstr(l, " @ ");
      if (!sep || sep >= l + ll) {
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %zu: expected 'target @ "
                      "source'",
                      path, line);
        break;
      }
      b = l;
      bl = (size_t)(sep - l);
      a = sep + 3;
      al = ll - bl - 3;
    } else {
      sep = memchr(l, '\t', ll);
      if (!sep) {
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %zu: expected 'source TAB "
                      "target'",
                      path, line);
        break;
      }
      al = (size_t)(sep - l);
      b = sep + 1;
      const char *tab = memchr(b, '\t', ll - al - 1);
      bl = tab ? (size_t)(tab - b) : ll - al - 1;
      if (tab) {
        char num[32];
        size_t nl2 = (size_t)(l + ll - tab - 1);
        char *end;
        if (nl2 >= sizeof num) nl2 = sizeof num - 1;
        memcpy(num, tab + 1, nl2);
        num[nl2] = '\0';
        p = strtod(num, &end);
        if (end == num || *end || !(p > 0) || p > 1) {
          st = ta__fail(err, TA_EPARSE,
                        "%s: line %zu: expected a "
                        "probability in (0, 1]",
                        path, line);
          break;
        }
      }
    }
    char sw[TA__LEX_WORD_MAX], tw[TA__LEX_WORD_MAX];
    size_t ws, wt;
    size_t ns = ta__lex_phrase(f, a, al, sw, &ws, &st);
    size_t nt = ta__lex_phrase(f, b, bl, tw, &wt, &st);
    if (st != TA_OK) break;
    if (!ns || !nt || ws != 1) continue;
    if (filter && ta__strtab_find(filter, sw, ns) < 0) continue;
    st = ta__lexicon_add_norm(lx, sw, ns, tw, nt, p);
  }
  ta__folder_free(f);
  return st;
}

ta_status ta__lexicon_load_lines(ta_lexicon *lx, const char *path,
                                 const ta__strtab *filter, ta_error *err) {
  char *buf;
  size_t len;
  ta_status st = ta__read_file(path, TA__READ_GZIP, TA__DICT_MAX,
                               "256 MiB for a dictionary", &buf, &len, err);
  if (st != TA_OK) return st;
  /* hunalign if the first entry line has " @ " and no tab */
  bool hunalign = false;
  for (const char *l = buf; *l;
       l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
    const char *nl = strchr(l, '\n');
    size_t ll = nl ? (size_t)(nl - l) : strlen(l);
    if (!ll || l[0] == '#') continue;
    const char *at = strstr(l, " @ "), *tab = memchr(l, '\t', ll);
    hunalign = at && at < l + ll && !tab;
    break;
  }
  st = parse_lines(lx, path, buf, len, hunalign, filter, err);
  free(buf);
  return st;
}

ta_status ta_lexicon_load(ta_lexicon *lx, const char *path, ta_error *err) {
  if (!lx || !path) return ta__fail(err, TA_EINVAL, "lexicon: missing table");
  return ta__lexicon_load_lines(lx, path, NULL, err);
}

typedef struct save_row {
  const char *s, *t;
  float p;
} save_row;

static int cmp_row(const void *x, const void *y) {
  const save_row *a = x, *b = y;
  int c = strcmp(a->s, b->s);
  if (c) return c;
  if (a->p != b->p) return a->p > b->p ? -1 : 1;
  return strcmp(a->t, b->t);
}

ta_status ta_lexicon_save(const ta_lexicon *lx, const char *path,
                          ta_error *err) {
  if (!lx || !path) return ta__fail(err, TA_EINVAL, "lexicon: missing table");
  save_row *rows = ta__malloc((lx->entries ? lx->entries : 1) * sizeof *rows);
  if (!rows) return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  size_t n = 0;
  for (size_t s = 0; s < lx->nheads; s++)
    for (uint32_t i = 0; i < lx->heads[s].n; i++)
      rows[n++] = (save_row){ta__strtab_str(&lx->words, (uint32_t)s),
                             ta__strtab_str(&lx->words, lx->heads[s].tr[i].tgt),
                             lx->heads[s].tr[i].p};
  if (n > 1) qsort(rows, n, sizeof *rows, cmp_row);
  ta_outfile *of = NULL;
  ta_status st = ta_outfile_open(path, &of, err);
  if (st == TA_OK) {
    FILE *fp = ta_outfile_fp(of);
    fputs("# tmxalign lexicon: source TAB target TAB p(target|source)\n", fp);
    for (size_t i = 0; i < n; i++)
      fprintf(fp, "%s\t%s\t%.4g\n", rows[i].s, rows[i].t, (double)rows[i].p);
    st = ta_outfile_commit(of, err);
  }
  free(rows);
  return st;
}

/* The public calls: the work above, and a message saying what failed. */
static ta_status lexicon_failed(ta_status st, const char *what, ta_error *err) {
  if (st == TA_OK) return st;
  return ta__fail(err, st, "lexicon: %s: %s", what,
                  st == TA_EINVAL ? "missing table or word, or p not in (0, 1]"
                                  : ta_strerror(st));
}

ta_status ta_lexicon_new(ta_lexicon **out, ta_error *err) {
  if (!out) return lexicon_failed(TA_EINVAL, "new", err);
  return lexicon_failed(lexicon_new(out), "new table", err);
}

ta_status ta_lexicon_add(ta_lexicon *lx, const char *src, const char *tgt,
                         double p, ta_error *err) {
  return lexicon_failed(lexicon_add(lx, src, tgt, p), "add", err);
}

ta_status ta_lexicon_merge(ta_lexicon *lx, const ta_lexicon *from,
                           ta_error *err) {
  return lexicon_failed(lexicon_merge(lx, from), "merge", err);
}
