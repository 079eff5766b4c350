/* Word-like units in scripts written without spaces.  A run of word
 * characters in Chinese, Japanese, Thai, Lao, Khmer or Myanmar is a whole
 * clause, so neither the lexicon nor the cognates would see a word in it:
 * such runs are cut by ICU's word break iterator, which carries
 * dictionaries for these scripts (CJK, Thai, Lao, Khmer, Burmese).  Runs
 * without such letters are passed through untouched, and cost one range
 * check a code point.
 *
 * Memory: the iterator (opened at the first run that needs it) and a
 * UTF-16 copy of the longest run seen. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "anchors/anchors.h"

struct ta__segmenter {
  UBreakIterator *brk; /* NULL when ICU could not open one */
  bool failed;
  UChar *u;    /* the run in UTF-16 */
  int32_t *at; /* per UTF-16 unit: its byte offset in the run */
  size_t ucap, acap;
};

bool ta__spaceless(UChar32 c) {
  if (c < 0x0E00) return false;
  return (c <= 0x0EFF) ||                /* Thai, Lao */
         (c >= 0x1000 && c <= 0x109F) || /* Myanmar */
         (c >= 0x1780 && c <= 0x17FF) || /* Khmer */
         (c >= 0x19E0 && c <= 0x19FF) || /* Khmer symbols */
         (c >= 0x2E80 && c <= 0x2FDF) || /* CJK radicals */
         (c >= 0x3005 && c <= 0x3007) || /* 々 〆 〇 */
         (c >= 0x3021 && c <= 0x3029) || /* Hangzhou numerals */
         (c >= 0x3031 && c <= 0x3035) || /* kana repeat marks */
         (c >= 0x3040 && c <= 0x30FF) || /* Hiragana, Katakana */
         (c >= 0x31F0 && c <= 0x31FF) || /* Katakana extensions */
         (c >= 0x3400 && c <= 0x4DBF) || /* CJK extension A */
         (c >= 0x4E00 && c <= 0x9FFF) || /* CJK unified ideographs */
         (c >= 0xF900 && c <= 0xFAFF) || /* CJK compatibility */
         (c >= 0xFF66 && c <= 0xFF9F) || /* half-width Katakana */
         (c >= 0x20000 && c <= 0x3134F); /* CJK extensions B-G */
}

void ta__segmenter_free(ta__segmenter *s) {
  if (!s) return;
  if (s->brk) ubrk_close(s->brk);
  free(s->u);
  free(s->at);
  free(s);
}

static bool open_brk(ta__segmenter *s) {
  if (s->brk) return true;
  if (s->failed) return false;
  UErrorCode ec = U_ZERO_ERROR;
  s->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
  if (U_FAILURE(ec)) {
    s->brk = NULL;
    s->failed = true;
  }
  return s->brk != NULL;
}

/* The run as UTF-16 with the byte offset of every unit (and of the end);
 * false when out of memory. */
static bool to_utf16(ta__segmenter *s, const char *w, int32_t len,
                     int32_t *ulen) {
  size_t need = (size_t)len + 1; /* UTF-16 units never outnumber bytes */
  if (ta__reserve(&s->u, &s->ucap, need) != TA_OK ||
      ta__reserve(&s->at, &s->acap, need) != TA_OK)
    return false;
  int32_t i = 0, n = 0;
  while (i < len) {
    int32_t b = i;
    UChar32 c;
    U8_NEXT(w, i, len, c);
    if (c < 0) c = 0xFFFD;
    s->at[n] = b;
    if (U16_LENGTH(c) == 2) {
      s->u[n++] = U16_LEAD(c);
      s->at[n] = b;
      s->u[n++] = U16_TRAIL(c);
    } else {
      s->u[n++] = (UChar)c;
    }
  }
  s->at[n] = len;
  *ulen = n;
  return true;
}

bool ta__segment(ta__segmenter **sp, const char *w, size_t len, ta__unit_fn fn,
                 void *user, bool *oom) {
  int32_t i = 0, n = (int32_t)len;
  bool any = false;
  while (i < n && !any) {
    UChar32 c;
    U8_NEXT(w, i, n, c);
    any = ta__spaceless(c);
  }
  if (!any) return fn(user, w, len);
  if (!*sp && !(*sp = ta__calloc(1, sizeof **sp))) {
    *oom = true;
    return false;
  }
  ta__segmenter *s = *sp;
  int32_t ulen;
  if (!to_utf16(s, w, n, &ulen)) {
    *oom = true;
    return false;
  }
  /* without ICU's iterator (or its data) the run stays one unit */
  if (!open_brk(s)) return fn(user, w, len);
  UErrorCode ec = U_ZERO_ERROR;
  ubrk_setText(s->brk, s->u, ulen, &ec);
  if (U_FAILURE(ec)) return fn(user, w, len);
  int32_t from = ubrk_first(s->brk), to;
  while ((to = ubrk_next(s->brk)) != UBRK_DONE) {
    int32_t b = s->at[from], e = s->at[to];
    from = to;
    if (e > b && !fn(user, w + b, (size_t)(e - b))) return false;
  }
  return true;
}
