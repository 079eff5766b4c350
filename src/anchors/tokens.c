/* Anchor extraction: numbers (normalised by numbers.c), identical tokens
 * (names, acronyms, codes), cognates (folded prefixes and consonant
 * skeletons) and punctuation profile, each as hashed keys of a sentence.
 *
 * Does not score anything: cost.c and dp.c compare the keys; features.c
 * weighs them.  Memory: keys of all sentences in one pool, about 30 a
 * sentence. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "anchors/anchors.h"

/* Latin letters U+0080..U+024F folded once per build: a table lookup is far
 * cheaper than normalising every word. */
#define FOLD_TABLE_END 0x250

typedef struct fold_ctx {
  char table[FOLD_TABLE_END - 0x80][3];
  UTransliterator *translit; /* other scripts; NULL if ICU lacks it */
  ta__segmenter *seg;        /* for scripts without spaces; NULL until used */
} fold_ctx;

/* Letters NFD does not decompose into an ASCII base. */
static const struct {
  UChar32 c;
  const char *fold;
} fold_special[] = {
    {0xDF, "ss"}, {0xC6, "ae"}, {0xE6, "ae"}, {0x152, "oe"}, {0x153, "oe"},
    {0xD8, "o"},  {0xF8, "o"},  {0x110, "d"}, {0x111, "d"},  {0x141, "l"},
    {0x142, "l"}, {0xDE, "th"}, {0xFE, "th"}, {0xD0, "d"},   {0xF0, "d"},
    {0x131, "i"}, {0x127, "h"}, {0x126, "h"},
};

static void fold_ctx_init(fold_ctx *fc) {
  UErrorCode ec = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
  for (UChar32 c = 0x80; c < FOLD_TABLE_END; c++) {
    char *out = fc->table[c - 0x80];
    out[0] = '\0';
    UChar buf[8];
    UErrorCode e2 = U_ZERO_ERROR;
    int32_t n = nfd && U_SUCCESS(ec)
                    ? unorm2_getDecomposition(nfd, c, buf, 8, &e2)
                    : -1;
    if (n > 0 && U_SUCCESS(e2) && buf[0] < 0x80 && u_isalpha(buf[0])) {
      out[0] = (char)u_tolower(buf[0]);
      out[1] = '\0';
    }
  }
  for (size_t i = 0; i < sizeof fold_special / sizeof fold_special[0]; i++)
    strcpy(fc->table[fold_special[i].c - 0x80], fold_special[i].fold);
  fc->translit = NULL;
  fc->seg = NULL;
}

static UTransliterator *fold_translit(fold_ctx *fc) {
  if (!fc->translit) {
    UErrorCode ec = U_ZERO_ERROR;
    static const char id[] = "Any-Latin; Latin-ASCII; Lower";
    UChar uid[sizeof id];
    u_charsToUChars(id, uid, (int32_t)sizeof id);
    fc->translit = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
    if (U_FAILURE(ec)) fc->translit = NULL;
  }
  return fc->translit;
}

static void fold_ctx_close(fold_ctx *fc) {
  if (fc->translit) utrans_close(fc->translit);
  ta__segmenter_free(fc->seg);
}

/* Transliterate a non-Latin word with ICU; keep only ASCII letters. */
static size_t fold_other(fold_ctx *fc, const char *w, size_t len, char *out,
                         size_t cap) {
  UTransliterator *t = fold_translit(fc);
  UChar buf[256];
  int32_t ulen = 0, limit;
  UErrorCode ec = U_ZERO_ERROR;
  size_t o = 0;
  if (!t || len > 120) return 0;
  u_strFromUTF8(buf, 128, &ulen, w, (int32_t)len, &ec);
  if (U_FAILURE(ec)) return 0;
  limit = ulen;
  utrans_transUChars(t, buf, &ulen, 256, 0, &limit, &ec);
  if (U_FAILURE(ec)) return 0;
  for (int32_t i = 0; i < ulen && o + 1 < cap; i++)
    if (buf[i] < 0x80 && u_isalpha(buf[i])) out[o++] = (char)buf[i];
  out[o] = '\0';
  return o;
}

/* ASCII letters and digits without ICU's property lookups, which were a
 * tenth of the time spent reading a million sentences. */
static bool ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static size_t fold_with(fold_ctx *fc, const char *w, size_t len, char *out,
                        size_t cap) {
  size_t o = 0;
  int32_t i = 0;
  while ((size_t)i < len && o + 1 < cap) {
    UChar32 c;
    U8_NEXT(w, i, (int32_t)len, c);
    if (c < 0) continue;
    if (c < 0x80) {
      if (ascii_alnum(c))
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    } else if (c < FOLD_TABLE_END) {
      for (const char *f = fc->table[c - 0x80]; *f && o + 1 < cap; f++)
        out[o++] = *f;
    } else if (u_isalpha(c) &&
               u_getIntPropertyValue(c, UCHAR_SCRIPT) != USCRIPT_LATIN) {
      out[0] = '\0';
      return fold_other(fc, w, len, out, cap);
    }
  }
  out[o] = '\0';
  return o;
}

size_t ta__fold_word(const char *w, size_t len, char *out, size_t cap) {
  fold_ctx fc;
  fold_ctx_init(&fc);
  size_t n = fold_with(&fc, w, len, out, cap);
  fold_ctx_close(&fc);
  return n;
}

/* ---- keys ------------------------------------------------------------- */

enum key_kind {
  KEY_NUMBER = TA_ANCHOR_NUMBER,
  KEY_IDENTICAL = TA_ANCHOR_IDENTICAL,
  KEY_COGNATE = TA_ANCHOR_COGNATE,
  KEY_PUNCT = TA_ANCHOR_PUNCT,
};

uint32_t ta__key_of(unsigned kind, const char *s, size_t len, uint32_t salt) {
  uint32_t h = 2166136261u ^ salt;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  h ^= h >> 15;
  return ((uint32_t)kind << TA__KEY_KIND_SHIFT) |
         (h & ((1u << TA__KEY_KIND_SHIFT) - 1));
}

/* Punctuation that survives translation; quotes of every style are one. */
static const struct {
  UChar32 c;
  char cls;
} punct_classes[] = {
    {'?', '?'},
    {0xBF, '?'},
    {0xFF1F, '?'},
    {'!', '!'},
    {0xA1, '!'},
    {0xFF01, '!'},
    {':', ':'},
    {0xFF1A, ':'},
    {';', ';'},
    {'(', '('},
    {0xFF08, '('},
    {'"', 'q'},
    {0xAB, 'q'},
    {0xBB, 'q'},
    {0x201C, 'q'},
    {0x201D, 'q'},
    {0x201E, 'q'},
    {0x300C, 'q'},
    {0x300D, 'q'},
    {'%', '%'},
    {0x2026, '.'},
    /* the full-width forms of Chinese and Japanese */
    {0xFF1B, ';'},
    {0xFF05, '%'},
    {0x300E, 'q'},
    {0x300F, 'q'},
    {0xFF02, 'q'},
};

static char punct_class(UChar32 c) {
  for (size_t i = 0; i < sizeof punct_classes / sizeof punct_classes[0]; i++)
    if (punct_classes[i].c == c) return punct_classes[i].cls;
  return 0;
}

typedef struct key_buf {
  uint32_t *k;
  size_t n, cap;
  uint32_t nnum;
} key_buf;

static bool key_push(key_buf *b, uint32_t key) {
  if (ta__reserve(&b->k, &b->cap, b->n + 1) != TA_OK) return false;
  b->k[b->n++] = key;
  return true;
}

/* Repeated anchors count as often as they occur: the n-th occurrence of a
 * token gets salt n, so set intersection is multiset intersection. */
typedef struct occ {
  uint32_t base;
  uint32_t count;
} occ;

static uint32_t occurrence(occ *seen, size_t *nseen, size_t max,
                           uint32_t base) {
  for (size_t i = 0; i < *nseen; i++)
    if (seen[i].base == base) return ++seen[i].count;
  if (*nseen < max) seen[(*nseen)++] = (occ){base, 0};
  return 0;
}

/* Letters, digits and the marks of a word: non-spacing (French accents
 * written apart, Thai vowels) and spacing (Devanagari's matras, which cut
 * Hindi words in pieces when they were left out). */
static bool is_word_char(UChar32 c) {
  if (c < 0x80) return ascii_alnum(c);
  if (u_isalnum(c)) return true;
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

static bool has_upper_or_digit(const char *w, size_t len) {
  int32_t i = 0;
  while ((size_t)i < len) {
    UChar32 c;
    U8_NEXT(w, i, (int32_t)len, c);
    if (c < 0x80 ? (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                 : u_isdigit(c) || u_isupper(c))
      return true;
  }
  return false;
}

/* Word anchors: the token itself when it looks like a name, acronym or
 * code; two cognate keys (first four folded letters, as Simard et al. 1992,
 * and the consonant skeleton, which survives Oustinov/Ustinov). */
static bool word_keys(fold_ctx *fc, const bool *on, const char *w, size_t len,
                      key_buf *b, occ *seen, size_t *nseen) {
  if (on[KEY_IDENTICAL] && len >= 2 && has_upper_or_digit(w, len)) {
    uint32_t base = ta__key_of(KEY_IDENTICAL, w, len, 0);
    uint32_t n = occurrence(seen, nseen, 64, base);
    if (!key_push(b, ta__key_of(KEY_IDENTICAL, w, len, n))) return false;
  }
  if (!on[KEY_COGNATE]) return true;
  char f[128], sk[128];
  size_t fl = fold_with(fc, w, len, f, sizeof f);
  if (fl < 4) return true;
  bool alpha = true;
  for (size_t i = 0; i < fl; i++)
    if (f[i] < 'a' || f[i] > 'z') alpha = false;
  if (!alpha) return true;
  if (!key_push(b, ta__key_of(KEY_COGNATE, f, 4, 1))) return false;
  size_t sl = 0;
  for (size_t i = 0; i < fl; i++)
    if (!strchr("aeiouy", f[i]) && (sl == 0 || sk[sl - 1] != f[i]))
      sk[sl++] = f[i];
  if (fl >= 5 && sl >= 3 && !key_push(b, ta__key_of(KEY_COGNATE, sk, sl, 2)))
    return false;
  return true;
}

/* word_keys for every unit of a word run. */
typedef struct unit_ctx {
  fold_ctx *fc;
  const bool *on;
  key_buf *b;
  occ *seen;
  size_t *nseen;
} unit_ctx;

static bool unit_keys(void *user, const char *w, size_t len) {
  unit_ctx *u = user;
  return word_keys(u->fc, u->on, w, len, u->b, u->seen, u->nseen);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Extract all keys of one sentence into b (appending), sorted, deduped. */
static bool sentence_keys(fold_ctx *fc, const bool *on, const char *t,
                          size_t len, key_buf *b, uint32_t *chars) {
  size_t start = b->n, nseen = 0;
  occ seen[64];
  uint32_t nchars = 0, nnum = 0;
  int32_t i = 0;
  while ((size_t)i < len) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(t, i, (int32_t)len, c);
    nchars++;
    if (c >= '0' && c <= '9') {
      char num[80];
      size_t used = ta__number_scan(t + at, len - (size_t)at, num, sizeof num);
      /* count the code points consumed beyond the first */
      for (size_t k = 1; k < used; k++)
        if (((unsigned char)t[at + (int32_t)k] & 0xC0) != 0x80) nchars++;
      i = at + (int32_t)used;
      if (on[KEY_NUMBER]) {
        uint32_t base = ta__key_of(KEY_NUMBER, num, strlen(num), 0);
        uint32_t n = occurrence(seen, &nseen, 64, base);
        if (!key_push(b, ta__key_of(KEY_NUMBER, num, strlen(num), n)))
          return false;
        nnum++;
      }
      /* letters glued to the number ("3e", "15km") are skipped */
      while ((size_t)i < len) {
        int32_t j = i;
        U8_NEXT(t, j, (int32_t)len, c);
        if (!u_isalpha(c)) break;
        i = j;
        nchars++;
      }
    } else if (is_word_char(c)) {
      while ((size_t)i < len) {
        int32_t j = i;
        U8_NEXT(t, j, (int32_t)len, c);
        if (!is_word_char(c)) break;
        i = j;
        nchars++;
      }
      unit_ctx u = {fc, on, b, seen, &nseen};
      bool oom = false;
      if (!ta__segment(&fc->seg, t + at, (size_t)(i - at), unit_keys, &u, &oom))
        return false;
    } else if (on[KEY_PUNCT]) {
      char cls = punct_class(c);
      if (cls) {
        uint32_t base = ta__key_of(KEY_PUNCT, &cls, 1, 0);
        uint32_t n = occurrence(seen, &nseen, 64, base);
        if (!key_push(b, ta__key_of(KEY_PUNCT, &cls, 1, n))) return false;
      }
    }
  }
  if (b->n - start > 1)
    qsort(b->k + start, b->n - start, sizeof *b->k, cmp_u32);
  size_t w = start;
  for (size_t r = start; r < b->n; r++)
    if (w == start || b->k[w - 1] != b->k[r]) b->k[w++] = b->k[r];
  b->n = w;
  b->nnum = nnum;
  *chars = nchars;
  return true;
}

bool ta__opens_turn(const char *t, size_t len) {
  static const char *const marks[] = {
      "\xE2\x80\x94", "\xE2\x80\x93", "\xC2\xAB", "\xE2\x80\x9C",
      "\xE2\x80\x9E", "\"",           "-"};
  while (len && (*t == ' ' || *t == '\t')) t++, len--;
  for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
    size_t n = strlen(marks[k]);
    if (len >= n && !memcmp(t, marks[k], n)) return true;
  }
  return false;
}

ta_status ta__features_build_range(const ta_doc *d,
                                   const bool enabled[TA_ANCHOR_COUNT],
                                   size_t from, size_t to, ta__features *f) {
  memset(f, 0, sizeof *f);
  size_t n = to - from;
  f->n = n;
  f->s = ta__calloc(n ? n : 1, sizeof *f->s);
  if (!f->s) return TA_ENOMEM;
  fold_ctx fc;
  fold_ctx_init(&fc);
  key_buf b = {0};
  for (size_t i = from; i < to; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    ta__sent_feat *sf = &f->s[i - from];
    sf->key_begin = (uint32_t)b.n;
    if (!sentence_keys(&fc, enabled, s->text, s->len, &b, &sf->chars)) {
      fold_ctx_close(&fc);
      free(b.k);
      ta__features_free(f);
      return TA_ENOMEM;
    }
    sf->nkeys = (uint32_t)(b.n - sf->key_begin);
    sf->nnum = b.nnum;
    sf->para_break =
        i > 0 && s->paragraph != ta_doc_sentence(d, i - 1)->paragraph;
    sf->opens_turn = ta__opens_turn(s->text, s->len);
    f->total_chars += sf->chars;
  }
  fold_ctx_close(&fc);
  /* Never a NULL key array, even for a document without one key (only
   * punctuation): every reader computes keys + key_begin, and NULL + 0
   * is undefined behaviour (found by fuzz_check). */
  if (!b.k && !(b.k = ta__malloc(sizeof *b.k))) {
    ta__features_free(f);
    return TA_ENOMEM;
  }
  f->keys = b.k;
  f->nkeys = b.n;
  f->cap = b.cap;
  return TA_OK;
}

ta_status ta__features_build(const ta_doc *d,
                             const bool enabled[TA_ANCHOR_COUNT],
                             ta__features *f) {
  return ta__features_build_range(d, enabled, 0, ta_doc_count(d), f);
}

void ta__features_free(ta__features *f) {
  if (!f) return;
  free(f->s);
  free(f->keys);
  free(f->weights);
  memset(f, 0, sizeof *f);
}

/* ---- folder for the lexicon (lexicon*.c) ------------------------------ */

/* ta__fold_word builds its tables at every call; the lexicon folds every
 * word of both documents and of a dictionary, so it keeps them. */
struct ta__folder {
  fold_ctx fc;
};

ta__folder *ta__folder_new(void) {
  ta__folder *f = ta__malloc(sizeof *f);
  if (f) fold_ctx_init(&f->fc);
  return f;
}

size_t ta__folder_fold(ta__folder *f, const char *w, size_t len, char *out,
                       size_t cap) {
  return fold_with(&f->fc, w, len, out, cap);
}

bool ta__folder_units(ta__folder *f, const char *w, size_t len, ta__unit_fn fn,
                      void *user, bool *oom) {
  return ta__segment(&f->fc.seg, w, len, fn, user, oom);
}

void ta__folder_free(ta__folder *f) {
  if (!f) return;
  fold_ctx_close(&f->fc);
  free(f);
}
