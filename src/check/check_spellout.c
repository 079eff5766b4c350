/* Numbers written in words in the languages tmxalign has no tables of its
 * own for (check_numbers.c reads English, French, German, Chinese and
 * Japanese itself): ICU's rule-based spell-out rules (RBNF, the
 * "%spellout" rule sets CLDR has for some ninety languages), run
 * backwards: unum_parse reads "treinta y seis mil" as 36000 and "тридцать
 * шесть тысяч" as 36000.  Opening a formatter costs about 0.3 ms, so each
 * side's is opened once per check, when first needed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "check/check_int.h"

enum { SPELL_UNTRIED = 0, SPELL_OPEN, SPELL_NONE };

static UNumberFormat *formatter(ta__check_ctx *c, bool target) {
  int k = target ? 1 : 0;
  if (c->spellout_state[k] == SPELL_UNTRIED) {
    const char *lang = ta_doc_lang(target ? c->tgt : c->src);
    UErrorCode e = U_ZERO_ERROR;
    UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, lang, NULL, &e);
    /* ICU falls back to the root locale's rules (English-like) for a
     * language it has none for: those would read English words in a
     * text of another language, so only the language's own rules count */
    const char *actual =
        f ? unum_getLocaleByType(f, ULOC_ACTUAL_LOCALE, &e) : NULL;
    if (U_FAILURE(e) || !actual || !*actual || !strcmp(actual, "root") ||
        strncmp(actual, lang, 2)) {
      unum_close(f);
      f = NULL;
    }
    c->spellout[k] = f;
    c->spellout_state[k] = f ? SPELL_OPEN : SPELL_NONE;
  }
  return c->spellout[k];
}

bool ta__spellout_available(ta__check_ctx *c, bool target) {
  return formatter(c, target) != NULL;
}

void ta__spellout_free(ta__check_ctx *c) {
  for (int k = 0; k < 2; k++) {
    unum_close(c->spellout[k]);
    c->spellout[k] = NULL;
    c->spellout_state[k] = SPELL_UNTRIED;
  }
}

size_t ta__spellout_values(ta__check_ctx *c, bool target, const char *text,
                           size_t len, long *vals, bool *big, char *shown,
                           size_t shown_len, size_t cap) {
  UNumberFormat *f = formatter(c, target);
  if (!f || !len || len > INT32_MAX / 2) return 0;
  UChar *u = ta__malloc((len + 1) * sizeof *u);
  int32_t *at = ta__malloc((len + 1) * sizeof *at); /* UTF-16 -> byte */
  size_t n = 0;
  if (!u || !at) goto done;
  int32_t nu = 0;
  for (int32_t i = 0; i < (int32_t)len;) {
    int32_t start = i;
    UChar32 ch;
    U8_NEXT(text, i, (int32_t)len, ch);
    if (ch < 0) ch = 0xFFFD;
    at[nu] = start;
    ch = u_tolower(ch); /* the rules are lowercase: "Treinta y seis" */
    if (U_IS_BMP(ch)) {
      u[nu++] = (UChar)ch;
    } else {
      at[nu + 1] = start;
      u[nu++] = U16_LEAD(ch);
      u[nu++] = U16_TRAIL(ch);
    }
  }
  at[nu] = (int32_t)len;
  for (int32_t i = 0; i < nu && n < cap;) {
    /* only at the start of a word */
    if (!u_isalpha(u[i]) || (i > 0 && u_isalpha(u[i - 1]))) {
      i++;
      continue;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t pos = i;
    double v = unum_parseDouble(f, u, nu, &pos, &e);
    /* a whole number read from whole words ("trentaseimila" read as
     * "trenta" is no number) */
    bool whole = U_SUCCESS(e) && pos > i && (pos >= nu || !u_isalpha(u[pos]));
    while (whole && pos > i && u[pos - 1] == ' ') pos--;
    if (!whole || !(v >= 0 && v < 1e15) || v != (double)(long)v) {
      while (i < nu && u_isalpha(u[i])) i++;
      continue;
    }
    bool words = false;
    for (int32_t k = i; k < pos; k++)
      words |= u[k] == ' ' || u[k] == '-' || u[k] == 0x2010;
    /* "mil gracias", "cien veces": a hundred, thousand or million alone
     * is an idiom more often than a number */
    if (!words && (v == 100 || v == 1000 || v == 1e6 || v == 1e9)) {
      i = pos;
      continue;
    }
    bool compound = words || v >= 100;
    vals[n] = (long)v;
    big[n] = compound;
    int32_t b0 = at[i], b1 = at[pos];
    snprintf(shown + n * shown_len, shown_len, "%.*s", (int)(b1 - b0),
             text + b0);
    n++;
    i = pos;
  }
done:
  free(u);
  free(at);
  return n;
}
