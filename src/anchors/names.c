/* Names across scripts: a Chinese text writes its names in Han
 * characters, its English (or any Latin-script) translation in pinyin:
 * 陈清扬 / Chen Qingyang.  Neither the identical tokens nor the cognates
 * of tokens.c can see that, so this adds keys of kind identical for the
 * names the two sides share.
 *
 * The names of the Latin side are its words written with a capital and
 * never in lower case anywhere in the document (He / he is a word, Chen is
 * a name), folded to lower-case ASCII.  On the Chinese side every run of
 * Han characters is read syllable by syllable with ICU's Han-Latin
 * transliteration (Mandarin readings, tones dropped), and every stretch of
 * one to four syllables that spells one of those names (chen, qingyang)
 * becomes a key; the same name on the Latin side gets the same key.  Only
 * Chinese is read this way: Han-Latin gives Mandarin readings, which a
 * Japanese name does not have.
 *
 * Time: one pass over each document; a character's syllable is
 * transliterated once.  Memory: the distinct words of the Latin side, the
 * distinct characters of the Chinese side, and the keys added. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "anchors/anchors.h"

/* Longest name spelled (letters), and syllables in one. */
#define NAME_MAX 24
#define NAME_SYLLABLES 4
/* Salt of name keys, apart from the identical tokens' own. */
#define NAME_SALT 0x4e000000u

enum { SEEN_CAPITAL = 1, SEEN_LOWER = 2, MATCHED = 4 };

/* Folded words of the Latin side by hash, with what was seen of them. */
typedef struct word_tab {
  uint32_t *hash; /* 0: empty */
  uint8_t *flags;
  size_t cap, n;
} word_tab;

static uint32_t fnv(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h | 1; /* never 0, the empty slot */
}

static size_t tab_slot(const word_tab *t, uint32_t h) {
  size_t i = (h * 2654435761u) & (t->cap - 1);
  while (t->hash[i] && t->hash[i] != h) i = (i + 1) & (t->cap - 1);
  return i;
}

static uint8_t *tab_get(word_tab *t, uint32_t h, bool add) {
  if (add && (t->n + 1) * 2 > t->cap) {
    word_tab big = {.cap = t->cap ? t->cap * 2 : 1024};
    big.hash = ta__calloc(big.cap, sizeof *big.hash);
    big.flags = ta__calloc(big.cap, sizeof *big.flags);
    if (!big.hash || !big.flags) {
      free(big.hash);
      free(big.flags);
      return NULL;
    }
    for (size_t i = 0; i < t->cap; i++)
      if (t->hash[i]) {
        size_t j = tab_slot(&big, t->hash[i]);
        big.hash[j] = t->hash[i];
        big.flags[j] = t->flags[i];
      }
    big.n = t->n;
    free(t->hash);
    free(t->flags);
    *t = big;
  }
  if (!t->cap) return NULL;
  size_t i = tab_slot(t, h);
  if (!t->hash[i]) {
    if (!add) return NULL;
    t->hash[i] = h;
    t->n++;
  }
  return &t->flags[i];
}

/* Syllables of Han characters, by code point. */
typedef struct syl_tab {
  UChar32 *cp; /* 0: empty */
  char (*syl)[8];
  size_t cap, n;
  UTransliterator *tr;
} syl_tab;

/* The pinyin of Han character c without tones ("" when ICU has none);
 * NULL when out of memory. */
static const char *syllable(syl_tab *t, UChar32 c) {
  if ((t->n + 1) * 2 > t->cap) {
    syl_tab big = {.cap = t->cap ? t->cap * 2 : 1024, .tr = t->tr};
    big.cp = ta__calloc(big.cap, sizeof *big.cp);
    big.syl = ta__calloc(big.cap, sizeof *big.syl);
    if (!big.cp || !big.syl) {
      free(big.cp);
      free(big.syl);
      return NULL;
    }
    for (size_t i = 0; i < t->cap; i++)
      if (t->cp[i]) {
        size_t j = ((uint32_t)t->cp[i] * 2654435761u) & (big.cap - 1);
        while (big.cp[j]) j = (j + 1) & (big.cap - 1);
        big.cp[j] = t->cp[i];
        memcpy(big.syl[j], t->syl[i], sizeof big.syl[j]);
      }
    big.n = t->n;
    free(t->cp);
    free(t->syl);
    *t = big;
  }
  size_t i = ((uint32_t)c * 2654435761u) & (t->cap - 1);
  while (t->cp[i] && t->cp[i] != c) i = (i + 1) & (t->cap - 1);
  if (t->cp[i]) return t->syl[i];
  t->cp[i] = c;
  t->n++;
  char *out = t->syl[i];
  out[0] = '\0';
  UChar buf[32];
  int32_t len = 0, limit;
  UErrorCode ec = U_ZERO_ERROR;
  U16_APPEND_UNSAFE(buf, len, c);
  limit = len;
  if (t->tr) utrans_transUChars(t->tr, buf, &len, 32, 0, &limit, &ec);
  size_t o = 0;
  for (int32_t k = 0; U_SUCCESS(ec) && t->tr && k < len; k++) {
    if (buf[k] < 'a' || buf[k] > 'z' || o + 1 >= sizeof t->syl[i]) {
      o = 0; /* not one plain syllable: none */
      break;
    }
    out[o++] = (char)buf[k];
  }
  out[o] = '\0';
  return out;
}

static bool is_han(UChar32 c) {
  return u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_HAN;
}

/* The language's primary subtag is zh. */
static bool chinese(const char *lang) {
  return lang && lang[0] == 'z' && lang[1] == 'h' &&
         (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

static bool latin_script(const char *lang) {
  UScriptCode codes[4];
  UErrorCode ec = U_ZERO_ERROR;
  int32_t n = lang ? uscript_getCode(lang, codes, 4, &ec) : 0;
  return U_SUCCESS(ec) && n >= 1 && codes[0] == USCRIPT_LATIN;
}

bool ta__names_apply(const ta_doc *src, const ta_doc *tgt) {
  const char *a = ta_doc_lang(src), *b = ta_doc_lang(tgt);
  return (chinese(a) && latin_script(b)) || (chinese(b) && latin_script(a));
}

/* New keys of a side, sentence by sentence. */
typedef struct new_keys {
  size_t *sent;
  uint32_t *key;
  size_t n, cap, cap2;
} new_keys;

static bool push_key(new_keys *nk, size_t sent, uint32_t key) {
  if (ta__reserve(&nk->sent, &nk->cap, nk->n + 1) != TA_OK ||
      ta__reserve(&nk->key, &nk->cap2, nk->n + 1) != TA_OK)
    return false;
  nk->sent[nk->n] = sent;
  nk->key[nk->n++] = key;
  return true;
}

/* Occurrences of a name within one sentence: the n-th gets salt n. */
typedef struct occ_list {
  uint32_t h[64], count[64];
  size_t n;
} occ_list;

static uint32_t occurrence(occ_list *o, uint32_t h) {
  for (size_t i = 0; i < o->n; i++)
    if (o->h[i] == h) return ++o->count[i];
  if (o->n < 64) {
    o->h[o->n] = h;
    o->count[o->n++] = 0;
  }
  return 0;
}

static uint32_t name_key(const char *name, size_t len, uint32_t occ) {
  return ta__key_of(TA_ANCHOR_IDENTICAL, name, len, NAME_SALT + occ);
}

/* Calls fn for every word (run of letters) of s with its fold; the fold is
 * empty when the word is not all Latin letters. */
typedef bool (*latin_fn)(void *user, const char *fold, size_t fl, bool capital);

static bool latin_words(ta__folder *fo, const ta_sentence *s, latin_fn fn,
                        void *user) {
  int32_t i = 0, n = (int32_t)s->len;
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s->text, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    bool capital = u_isupper(c) || u_istitle(c);
    int32_t e = i;
    while (e < n) {
      int32_t j = e;
      U8_NEXT(s->text, j, n, c);
      if (c < 0 || !(u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK))
        break;
      e = j;
    }
    i = e;
    char f[NAME_MAX + 2];
    size_t fl =
        ta__folder_fold(fo, s->text + at, (size_t)(e - at), f, sizeof f);
    bool ok = fl >= 2 && fl <= NAME_MAX;
    for (size_t k = 0; ok && k < fl; k++) ok = f[k] >= 'a' && f[k] <= 'z';
    if (ok && !fn(user, f, fl, capital)) return false;
  }
  return true;
}

typedef struct latin_ctx {
  word_tab *t;
  new_keys *nk;
  size_t sent;
  occ_list occ;
} latin_ctx;

static bool see_word(void *user, const char *f, size_t fl, bool capital) {
  latin_ctx *l = user;
  uint8_t *fl8 = tab_get(l->t, fnv(f, fl), true);
  if (!fl8) return false;
  *fl8 |= capital ? SEEN_CAPITAL : SEEN_LOWER;
  return true;
}

static bool key_word(void *user, const char *f, size_t fl, bool capital) {
  latin_ctx *l = user;
  if (!capital) return true;
  uint32_t h = fnv(f, fl);
  uint8_t *fl8 = tab_get(l->t, h, false);
  if (!fl8 || !(*fl8 & MATCHED)) return true;
  return push_key(l->nk, l->sent, name_key(f, fl, occurrence(&l->occ, h)));
}

/* Name keys of the Han runs of sentence s; false when out of memory. */
static bool han_keys(syl_tab *st, word_tab *t, const ta_sentence *s,
                     size_t sent, new_keys *nk) {
  const char *syl[NAME_SYLLABLES];
  size_t nsyl = 0;
  occ_list occ = {.n = 0};
  int32_t i = 0, n = (int32_t)s->len;
  /* a window of the last syllables: each new one ends stretches of 1..4 */
  while (i <= n) {
    UChar32 c = 0;
    if (i < n)
      U8_NEXT(s->text, i, n, c);
    else
      i++;
    const char *y = c > 0 && is_han(c) ? syllable(st, c) : "";
    if (!y) return false;
    if (!*y) {
      nsyl = 0;
      continue;
    }
    if (nsyl == NAME_SYLLABLES) {
      memmove(syl, syl + 1, (NAME_SYLLABLES - 1) * sizeof *syl);
      nsyl--;
    }
    syl[nsyl++] = y;
    char name[NAME_SYLLABLES * 8];
    size_t len = 0;
    for (size_t k = nsyl;
         k-- > 0;) { /* stretches ending here, shortest first */
      size_t yl = strlen(syl[k]);
      if (len + yl > NAME_MAX) break;
      memmove(name + yl, name, len);
      memcpy(name, syl[k], yl);
      len += yl;
      if (len < 2) continue;
      uint32_t h = fnv(name, len);
      uint8_t *f = tab_get(t, h, false);
      if (!f || (*f & (SEEN_CAPITAL | SEEN_LOWER)) != SEEN_CAPITAL) continue;
      *f |= MATCHED;
      if (!push_key(nk, sent, name_key(name, len, occurrence(&occ, h))))
        return false;
    }
  }
  return true;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Merge the new keys (in sentence order) into f's sorted key lists. */
static ta_status merge_keys(ta__features *f, new_keys *nk) {
  if (!nk->n) return TA_OK;
  size_t total = f->nkeys + nk->n;
  uint32_t *keys = ta__malloc(total * sizeof *keys);
  if (!keys) return TA_ENOMEM;
  size_t o = 0, q = 0;
  for (size_t i = 0; i < f->n; i++) {
    ta__sent_feat *sf = &f->s[i];
    size_t q0 = q;
    while (q < nk->n && nk->sent[q] == i) q++;
    if (q - q0 > 1) qsort(nk->key + q0, q - q0, sizeof *nk->key, cmp_u32);
    const uint32_t *a = f->keys + sf->key_begin;
    size_t na = sf->nkeys, x = 0, y = q0;
    size_t begin = o;
    while (x < na || y < q) {
      uint32_t k;
      if (y >= q || (x < na && a[x] < nk->key[y]))
        k = a[x++];
      else if (x >= na || nk->key[y] < a[x])
        k = nk->key[y++];
      else {
        k = a[x++];
        y++;
      }
      if (o == begin || keys[o - 1] != k) keys[o++] = k;
    }
    sf->key_begin = (uint32_t)begin;
    sf->nkeys = (uint32_t)(o - begin);
  }
  free(f->keys);
  f->keys = keys;
  f->nkeys = o;
  f->cap = total;
  return TA_OK;
}

ta_status ta__names_add(const ta_doc *src, ta__features *fsrc,
                        const ta_doc *tgt, ta__features *ftgt) {
  bool src_zh = chinese(ta_doc_lang(src));
  const ta_doc *zd = src_zh ? src : tgt, *ld = src_zh ? tgt : src;
  ta__features *zf = src_zh ? fsrc : ftgt, *lf = src_zh ? ftgt : fsrc;
  word_tab t = {0};
  syl_tab st = {0};
  new_keys zk = {0}, lk = {0};
  ta__folder *fo = ta__folder_new();
  ta_status st_ = fo ? TA_OK : TA_ENOMEM;
  UErrorCode ec = U_ZERO_ERROR;
  static const char id[] = "Han-Latin; Latin-ASCII; Lower";
  UChar uid[sizeof id];
  u_charsToUChars(id, uid, (int32_t)sizeof id);
  st.tr = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
  if (U_FAILURE(ec)) st.tr = NULL; /* no readings: no keys */
  latin_ctx lc = {.t = &t, .nk = &lk};
  for (size_t i = 0; st_ == TA_OK && i < ta_doc_count(ld); i++)
    if (!latin_words(fo, ta_doc_sentence(ld, i), see_word, &lc))
      st_ = TA_ENOMEM;
  for (size_t i = 0; st_ == TA_OK && st.tr && i < ta_doc_count(zd); i++)
    if (!han_keys(&st, &t, ta_doc_sentence(zd, i), i, &zk)) st_ = TA_ENOMEM;
  for (size_t i = 0; st_ == TA_OK && zk.n && i < ta_doc_count(ld); i++) {
    lc.sent = i;
    lc.occ.n = 0;
    if (!latin_words(fo, ta_doc_sentence(ld, i), key_word, &lc))
      st_ = TA_ENOMEM;
  }
  if (st_ == TA_OK) st_ = merge_keys(zf, &zk);
  if (st_ == TA_OK) st_ = merge_keys(lf, &lk);
  if (st.tr) utrans_close(st.tr);
  ta__folder_free(fo);
  free(t.hash);
  free(t.flags);
  free(st.cp);
  free(st.syl);
  free(zk.sent);
  free(zk.key);
  free(lk.sent);
  free(lk.key);
  return st_;
}
