/* Dictionaries on disk: the dictd/FreeDict format (an .index of
 * "headword TAB base64 offset TAB base64 length" lines into a .dict text,
 * usually dictzip-compressed as .dict.dz), format detection for
 * ta_lexicon_load_dict, and finding an installed FreeDict pair.
 *
 * A .dict.dz is read through zlib (dictzip is gzip with an extra field,
 * so gzread reads it), once, front to back: the index is scanned first
 * for the entries wanted (with a filter: the headwords of the source
 * document), which are then read in file order.  Memory: those entries'
 * positions and one entry, never the whole dictionary.
 *
 * Entries of both FreeDict styles are understood: the classic one
 * ("Berg /bɛʁk/ <masc, n>\nmountain <n>\n   examples, see: ...") and the
 * WikDict one ("Berg /bɛʁk/ <n, masc>\n1. montagne, mont\ngloss\n2. mine"):
 * line 2 and every line starting "N. " list translations; other lines
 * (glosses in the source language, examples, synonyms) are dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uloc.h>
#include <unistd.h>
#include <zlib.h>

#include "lexicon/lexicon.h"

size_t ta__dict_max = TA__DICT_MAX, ta__dict_entries = TA__DICT_ENTRIES;

bool ta__dictd_b64(const char *s, size_t len, uint64_t *out) {
  static const char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  uint64_t v = 0;
  if (!len || len > 10) return false;
  for (size_t i = 0; i < len; i++) {
    const char *p = s[i] ? strchr(alphabet, s[i]) : NULL;
    if (!p) return false;
    v = v * 64 + (uint64_t)(p - alphabet);
  }
  *out = v;
  return true;
}

/* Drop <grammar>, /pronunciation/, [labels], (notes), {refs} and "quoted
 * examples" from a translation line, in place; returns the new length. */
static size_t strip_notes(char *s, size_t len) {
  static const char open[] = "</[({\"", close[] = ">/])}\"";
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    const char *k = strchr(open, s[i]);
    if (s[i] && k) {
      const char *end = memchr(s + i + 1, close[k - open], len - i - 1);
      if (end) {
        i = (size_t)(end - s);
        s[o++] = ' ';
        continue;
      }
    }
    s[o++] = s[i];
  }
  return o;
}

/* Leading "N." sense number: its length, 0 if none. */
static size_t sense_number(const char *l, size_t ll) {
  size_t i = 0;
  while (i < ll && l[i] == ' ') i++;
  size_t d = i;
  while (i < ll && l[i] >= '0' && l[i] <= '9') i++;
  if (i == d || i >= ll || l[i] != '.') return 0;
  return i + 1;
}

typedef struct entry_ctx {
  ta_lexicon *lx;
  ta__folder *f;
  const ta__strtab *filter;
  bool reverse;
  char head[TA__LEX_WORD_MAX];
  size_t hl;
  int rank;
} entry_ctx;

/* One translation phrase of the current headword. */
static ta_status add_translation(entry_ctx *e, const char *s, size_t len) {
  char w[TA__LEX_WORD_MAX];
  ta_status st = TA_OK;
  size_t words, n = ta__lex_phrase(e->f, s, len, w, &words, &st);
  if (st != TA_OK || !n) return st;
  double p = 1.0 / (e->rank++ + 2);
  if (!e->reverse) return ta__lexicon_add_norm(e->lx, e->head, e->hl, w, n, p);
  if (words != 1) return TA_OK; /* a source-side phrase: skipped */
  if (e->filter && ta__strtab_find(e->filter, w, n) < 0) return TA_OK;
  return ta__lexicon_add_norm(e->lx, w, n, e->head, e->hl, p);
}

static ta_status parse_entry(entry_ctx *e, const char *text, size_t len) {
  char line[1024];
  size_t pos = 0;
  ta_status st = TA_OK;
  e->rank = 0;
  for (int no = 0; pos < len && st == TA_OK; no++) {
    const char *l = text + pos, *nl = memchr(l, '\n', len - pos);
    size_t ll = nl ? (size_t)(nl - l) : len - pos;
    pos += ll + 1;
    if (no == 0) continue; /* the headword line */
    size_t num = sense_number(l, ll);
    if (no > 1 && !num) continue;
    if (ll - num >= sizeof line) ll = sizeof line - 1 + num;
    memcpy(line, l + num, ll - num);
    size_t n = strip_notes(line, ll - num);
    size_t start = 0;
    for (size_t i = 0; i <= n && st == TA_OK; i++)
      if (i == n || line[i] == ',' || line[i] == ';') {
        st = add_translation(e, line + start, i - start);
        start = i + 1;
      }
  }
  return st;
}

static bool file_exists(const char *p) { return access(p, R_OK) == 0; }

/* The .dict.dz or .dict beside an index "X.index". */
static bool dict_beside(const char *index_path, char *out, size_t cap) {
  size_t n = strlen(index_path);
  if (n < 6 || strcmp(index_path + n - 6, ".index")) return false;
  static const char *const ext[] = {".dict.dz", ".dict"};
  for (int i = 0; i < 2; i++) {
    if ((size_t)snprintf(out, cap, "%.*s%s", (int)(n - 6), index_path,
                         ext[i]) >= cap)
      return false;
    if (file_exists(out)) return true;
  }
  return false;
}

/* An index line worth reading: where its entry is, whose it is. */
typedef struct wanted {
  uint64_t off, len;
  size_t line;
  uint32_t head; /* id in the headword table */
} wanted;

static int cmp_wanted(const void *x, const void *y) {
  const wanted *a = x, *b = y;
  if (a->off != b->off) return a->off < b->off ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

typedef struct index_scan {
  wanted *w;
  size_t n, cap;
  ta__strtab heads;
} index_scan;

/* Pass 1: the index, line by line; keep the entries to read. */
static ta_status scan_index(const char *path, entry_ctx *e, index_scan *x,
                            ta_error *err) {
  gzFile g = gzopen(path, "rb");
  if (!g) return ta__fail(err, TA_EIO, "%s: cannot open", path);
  char l[4096];
  ta_status st = TA_OK;
  for (size_t line = 1; st == TA_OK && gzgets(g, l, sizeof l); line++) {
    /* gztell counts decompressed bytes: a gzip bomb stops here */
    z_off_t at = gztell(g);
    if (at < 0 || (uint64_t)at > ta__dict_max) {
      st = ta__fail(err, TA_ETOOBIG,
                    "%s: line %zu: more than %zu bytes once decompressed "
                    "(the limit for a dictionary index)",
                    path, line, ta__dict_max);
      break;
    }
    /* gzgets stops at a newline; a line that reads as empty without one
     * held a NUL byte: binary data, not an index */
    if (!l[0]) {
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %zu: NUL byte; not a dictd index (a text file "
                    "of word TAB offset TAB length lines)",
                    path, line);
      break;
    }
    size_t ll = strcspn(l, "\r\n");
    if (ll == sizeof l - 1)
      st = ta__fail(err, TA_EPARSE, "%s: line %zu: longer than %zu bytes", path,
                    line, sizeof l - 2);
    if (st != TA_OK || !ll) continue;
    const char *t1 = memchr(l, '\t', ll);
    const char *t2 =
        t1 ? memchr(t1 + 1, '\t', (size_t)(l + ll - t1 - 1)) : NULL;
    uint64_t off, len;
    if (!t2 || !ta__dictd_b64(t1 + 1, (size_t)(t2 - t1 - 1), &off) ||
        !ta__dictd_b64(t2 + 1, (size_t)(l + ll - t2 - 1), &len)) {
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %zu: not a dictd index line (word TAB offset "
                    "TAB length, both in dictd's base64)",
                    path, line);
      break;
    }
    size_t words, hl = (size_t)(t1 - l);
    if (hl >= 2 && l[0] == '0' && l[1] == '0') continue; /* 00database */
    e->hl = ta__lex_phrase(e->f, l, hl, e->head, &words, &st);
    if (st != TA_OK) break;
    if (!e->hl || words != 1) continue;
    if (!e->reverse && e->filter &&
        ta__strtab_find(e->filter, e->head, e->hl) < 0)
      continue;
    if (off > ta__dict_max || len > ta__dict_max - off) {
      st = ta__fail(err, TA_ETOOBIG,
                    "%s: line %zu: entry past %zu bytes of the .dict (the "
                    "limit for a dictionary)",
                    path, line, ta__dict_max);
      break;
    }
    if (x->n >= ta__dict_entries) {
      st = ta__fail(err, TA_ETOOBIG,
                    "%s: line %zu: more than %zu entries wanted (the limit "
                    "for a dictionary index)",
                    path, line, ta__dict_entries);
      break;
    }
    if (ta__reserve(&x->w, &x->cap, x->n + 1) != TA_OK) {
      st = TA_ENOMEM;
      break;
    }
    uint32_t id;
    st = ta__strtab_intern(&x->heads, e->head, e->hl, &id);
    x->w[x->n++] = (wanted){off, len, line, id};
  }
  gzclose(g);
  return st;
}

/* Entries longer than this are cut: real ones are a few hundred bytes. */
#define DICTD_ENTRY_MAX (1u << 20)

ta_status ta__lexicon_load_dictd(ta_lexicon *lx, const char *index_path,
                                 bool reverse, const ta__strtab *filter,
                                 ta_error *err) {
  char dict_path[4096];
  if (!dict_beside(index_path, dict_path, sizeof dict_path))
    return ta__fail(err, TA_ENOENT, "%s: no .dict.dz or .dict beside it",
                    index_path);
  entry_ctx e = {.lx = lx, .filter = filter, .reverse = reverse};
  index_scan x = {0};
  char *buf = NULL;
  gzFile g = NULL;
  e.f = ta__folder_new();
  ta_status st = e.f ? scan_index(index_path, &e, &x, err) : TA_ENOMEM;
  if (st == TA_OK) {
    /* qsort wants a pointer even for nothing to sort */
    if (x.n > 1) qsort(x.w, x.n, sizeof *x.w, cmp_wanted);
    buf = ta__malloc(DICTD_ENTRY_MAX);
    g = gzopen(dict_path, "rb");
    if (!buf)
      st = TA_ENOMEM;
    else if (!g)
      st = ta__fail(err, TA_EIO, "%s: cannot open", dict_path);
  }
  /* Pass 2: the entries in file order, so that a .dict.dz is inflated
   * once, front to back, without holding it. */
  uint64_t boff = 0, blen = 0; /* what buf holds */
  for (size_t k = 0; k < x.n && st == TA_OK; k++) {
    const wanted *w = &x.w[k];
    size_t len = w->len < DICTD_ENTRY_MAX ? (size_t)w->len : DICTD_ENTRY_MAX;
    /* Several headwords often share an entry: a backward seek in a gzip
     * stream would inflate it again from the start. */
    if (!(blen && w->off >= boff && w->off + len <= boff + blen)) {
      if (gzseek(g, (z_off_t)w->off, SEEK_SET) != (z_off_t)w->off ||
          gzread(g, buf, (unsigned)len) != (int)len) {
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %zu: entry beyond the end "
                      "of %s",
                      index_path, w->line, dict_path);
        break;
      }
      boff = w->off;
      blen = len;
    }
    const char *h = ta__strtab_str(&x.heads, w->head);
    e.hl = strlen(h);
    memcpy(e.head, h, e.hl + 1);
    st = parse_entry(&e, buf + (w->off - boff), len);
  }
  if (g) gzclose(g);
  free(buf);
  free(x.w);
  ta__strtab_free(&x.heads);
  ta__folder_free(e.f);
  return st;
}

/* ---- languages and detection ------------------------------------------ */

/* ISO 639-3 code of a BCP-47 tag ("de" -> "deu"); false if unknown. */
static bool iso3(const char *tag, char out[8]) {
  char loc[64];
  UErrorCode ec = U_ZERO_ERROR;
  if (!tag) return false;
  uloc_forLanguageTag(tag, loc, sizeof loc, NULL, &ec);
  if (U_FAILURE(ec)) return false;
  const char *c = uloc_getISO3Language(loc);
  if (!c || strlen(c) != 3) return false;
  strcpy(out, c);
  return true;
}

/* "xxx-yyy" in the file name (freedict-deu-fra.index): reverse when it is
 * tgt-src. */
static bool name_says_reverse(const char *path, const char *sl,
                              const char *tl) {
  char s[8], t[8], want[16];
  if (!iso3(sl, s) || !iso3(tl, t)) return false;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  snprintf(want, sizeof want, "%s-%s", t, s);
  const char *hit = strstr(base, want);
  if (!hit) return false;
  char fwd[16];
  snprintf(fwd, sizeof fwd, "%s-%s", s, t);
  return !strstr(base, fwd) || strstr(base, fwd) > hit;
}

static bool is_dir(const char *p) {
  struct stat sb;
  return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

/* Is the first line "headword TAB base64 TAB base64"? */
static bool looks_like_index(const char *path) {
  FILE *fp = fopen(path, "rb");
  char line[512];
  bool yes = false;
  if (!fp) return false;
  if (fgets(line, sizeof line, fp)) {
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    uint64_t v;
    size_t n = strcspn(t2 ? t2 + 1 : "", "\r\n");
    yes = t2 && ta__dictd_b64(t1 + 1, (size_t)(t2 - t1 - 1), &v) &&
          ta__dictd_b64(t2 + 1, n, &v);
  }
  fclose(fp);
  return yes;
}

ta_status ta_lexicon_load_dict(ta_lexicon *lx, const char *path,
                               const char *src_lang, const char *tgt_lang,
                               const ta_doc *filter, ta_error *err) {
  if (!lx || !path)
    return ta__fail(err, TA_EINVAL, "lexicon: missing argument: %s",
                    !lx ? "lexicon" : "path");
  if (!file_exists(path))
    return ta__fail(err, TA_ENOENT, "%s: no such dictionary", path);
  if (is_dir(path))
    return ta__fail(err, TA_EISDIR,
                    "%s: is a directory; give a dictionary file (TSV, "
                    "hunalign, or a dictd .index)",
                    path);
  /* dictd: by name (X.index, or X.dict(.dz) with X.index beside it), or by
   * the index's content (any name, with X.dict(.dz) beside it); an
   * X.index is never read as TSV, so its bad lines are named as such */
  char index[4096], dict[4096];
  bool dictd = false;
  if (ends_with(path, ".dict.dz") || ends_with(path, ".dict")) {
    size_t cut = strlen(path) - (ends_with(path, ".dz") ? 8 : 5);
    if ((size_t)snprintf(index, sizeof index, "%.*s.index", (int)cut, path) <
        sizeof index)
      dictd = file_exists(index);
  } else if (strlen(path) < sizeof index && ends_with(path, ".index")) {
    strcpy(index, path);
    dictd = true; /* no .dict beside it: load_dictd says so */
  } else if (strlen(path) < sizeof index && looks_like_index(path)) {
    strcpy(index, path);
    dictd = dict_beside(index, dict, sizeof dict);
  }
  ta__strtab words = {0};
  ta__folder *f = NULL;
  ta_status st = TA_OK;
  if (filter) {
    f = ta__folder_new();
    st = f ? ta__lex_doc_words(filter, f, &words) : TA_ENOMEM;
  }
  const ta__strtab *fl = filter ? &words : NULL;
  if (st == TA_OK && dictd)
    st = ta__lexicon_load_dictd(
        lx, index, name_says_reverse(index, src_lang, tgt_lang), fl, err);
  else if (st == TA_OK)
    st = ta__lexicon_load_lines(lx, path, fl, err);
  if (st == TA_ENOMEM) ta__fail(err, st, "%s: out of memory", path);
  ta__folder_free(f);
  ta__strtab_free(&words);
  return st;
}

ta_status ta_lexicon_find_dict(const char *dir, const char *src_lang,
                               const char *tgt_lang, char *path, size_t cap,
                               ta_error *err) {
  char s[8], t[8], probe[4096], dict[4096];
  if (!dir) dir = "/usr/share/dictd";
  if (!iso3(src_lang, s) || !iso3(tgt_lang, t))
    return ta__fail(err, TA_ELANG, "lexicon: no ISO 639-3 code for %s or %s",
                    src_lang ? src_lang : "(none)",
                    tgt_lang ? tgt_lang : "(none)");
  /* the right direction first, then the reverse (read reversed) */
  const char *pairs[2][2] = {{s, t}, {t, s}};
  static const char *const prefixes[] = {"freedict-", ""};
  for (int k = 0; k < 2; k++)
    for (int p = 0; p < 2; p++) {
      snprintf(probe, sizeof probe, "%s/%s%s-%s.index", dir, prefixes[p],
               pairs[k][0], pairs[k][1]);
      if (!file_exists(probe) || !dict_beside(probe, dict, sizeof dict))
        continue;
      if (strlen(probe) >= cap)
        return ta__fail(err, TA_EINVAL, "lexicon: path buffer too small");
      strcpy(path, probe);
      return TA_OK;
    }
  return ta__fail(err, TA_ENOENT, "lexicon: no dictionary %s-%s or %s-%s in %s",
                  s, t, t, s, dir);
}
