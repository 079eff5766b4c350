/* How two sentences of one bead are joined: with a space, or with
 * nothing where the script at the seam writes sentences without one.
 * Chinese and Japanese put no space after 。！？ nor between sentences
 * ("眺めた。富士山が", "是王芳。“你怎么"); every other script here does
 * (Thai, Lao and Khmer included: a space is their sentence separator).
 * Every writer that joins the sentences of a bead (TSV, JSON, TMX, the
 * check's report and HTML page) asks this one function. */
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "base/base.h"

/* Written without spaces between sentences: Han, kana, Bopomofo, and the
 * full-width punctuation and brackets of CJK text (。「」！？). */
static bool spaceless(UChar32 c) {
  UBlockCode b = ublock_getCode(c);
  if (b == UBLOCK_CJK_SYMBOLS_AND_PUNCTUATION ||
      b == UBLOCK_HALFWIDTH_AND_FULLWIDTH_FORMS || b == UBLOCK_VERTICAL_FORMS ||
      b == UBLOCK_CJK_COMPATIBILITY_FORMS)
    return true;
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  return U_SUCCESS(e) && (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA ||
                          s == USCRIPT_KATAKANA || s == USCRIPT_BOPOMOFO);
}

/* Quotes, brackets and dashes say nothing of the script: "”" after "。"
 * in "他说：“好。”", "“" before "你". */
static bool neutral(UChar32 c) {
  if (spaceless(c)) return false;
  int8_t t = u_charType(c);
  return t == U_INITIAL_PUNCTUATION || t == U_FINAL_PUNCTUATION ||
         t == U_START_PUNCTUATION || t == U_END_PUNCTUATION || c == '"' ||
         c == '\'';
}

bool ta__seam_space(const char *left, size_t llen, const char *right,
                    size_t rlen) {
  const uint8_t *l = (const uint8_t *)left, *r = (const uint8_t *)right;
  int32_t i = (int32_t)llen, j = 0;
  UChar32 a = -1, b = -1;
  while (i > 0) { /* the last character of left that is not a quote */
    U8_PREV(l, 0, i, a);
    if (a < 0 || !neutral(a)) break;
  }
  while (j < (int32_t)rlen) { /* the first of right */
    U8_NEXT(r, j, (int32_t)rlen, b);
    if (b < 0 || !neutral(b)) break;
  }
  return !(a >= 0 && b >= 0 && spaceless(a) && spaceless(b));
}
