/* Languages: BCP-47 tag validation and the per-language corrections to
 * ICU's sentence breaks, kept as data: one abbreviation table per
 * language plus a few flags (below), and the checks that read them.
 * Does: decide whether a break ICU found is vetoed, where it really
 * belongs (after spaced closing quotes), and where a break ICU missed is
 * forced (after "…").  Does not: iterate, convert or emit (split.c).
 * All tables are static const; nothing here has state. */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text/text_int.h"

/* ---- exception tables ------------------------------------------------ */

/* When a break after "<abbr>." is vetoed, by what follows the break. */
enum when {
  ALWAYS,     /* titles: "M. Loisel", "Dr. Watson" */
  NEXT_LOWER, /* "etc. et", "p. ex. la" (ICU usually agrees) */
  NEXT_DIGIT, /* "art. 5", "No. 7" */
  NEXT_MONTH  /* German ordinals: "am 3. Oktober" (word "#" = a number) */
};

typedef struct abbrev {
  const char *word; /* as written, without the final period, UTF-8 */
  enum when when;
} abbrev;

static const abbrev fr_abbrevs[] = {
    {"M", ALWAYS},        {"MM", ALWAYS},       {"Mme", ALWAYS},
    {"Mmes", ALWAYS},     {"Mlle", ALWAYS},     {"Mlles", ALWAYS},
    {"Me", ALWAYS},       {"Mgr", ALWAYS},      {"Dr", ALWAYS},
    {"Pr", ALWAYS},       {"St", ALWAYS},       {"Ste", ALWAYS},
    {"av", ALWAYS},       {"apr", ALWAYS},      {"cf", ALWAYS},
    {"p", NEXT_DIGIT},    {"p", NEXT_LOWER},    {"ex", NEXT_LOWER},
    {"etc", NEXT_LOWER},  {"J.-C", NEXT_LOWER}, {"art", NEXT_DIGIT},
    {"chap", NEXT_DIGIT}, {"n", NEXT_DIGIT},    {"no", NEXT_DIGIT},
    {"vol", NEXT_DIGIT},  {"fig", NEXT_DIGIT},  {"env", NEXT_DIGIT},
    {"t", NEXT_DIGIT},    {"éd", NEXT_DIGIT},
};

static const abbrev en_abbrevs[] = {
    {"Mr", ALWAYS},      {"Mrs", ALWAYS},     {"Ms", ALWAYS},
    {"Dr", ALWAYS},      {"Prof", ALWAYS},    {"St", ALWAYS},
    {"Mt", ALWAYS},      {"Rev", ALWAYS},     {"Gen", ALWAYS},
    {"Col", ALWAYS},     {"Capt", ALWAYS},    {"Sgt", ALWAYS},
    {"Lt", ALWAYS},      {"Gov", ALWAYS},     {"Sen", ALWAYS},
    {"U.S", ALWAYS},     {"U.K", ALWAYS},     {"e.g", ALWAYS},
    {"i.e", ALWAYS},     {"cf", ALWAYS},      {"vs", ALWAYS},
    {"etc", NEXT_LOWER}, {"No", NEXT_DIGIT},  {"no", NEXT_DIGIT},
    {"p", NEXT_DIGIT},   {"pp", NEXT_DIGIT},  {"vol", NEXT_DIGIT},
    {"ch", NEXT_DIGIT},  {"fig", NEXT_DIGIT}, {"Fig", NEXT_DIGIT},
};

static const abbrev de_abbrevs[] = {
    {"Dr", ALWAYS},       {"Prof", ALWAYS},    {"Hr", ALWAYS},
    {"Fr", ALWAYS},       {"St", ALWAYS},      {"z.B", ALWAYS},
    {"z", ALWAYS},        {"d.h", ALWAYS},     {"bzw", ALWAYS},
    {"vgl", ALWAYS},      {"ggf", ALWAYS},     {"u.a", NEXT_LOWER},
    {"usw", NEXT_LOWER},  {"etc", NEXT_LOWER}, {"ca", NEXT_DIGIT},
    {"Nr", NEXT_DIGIT},   {"S", NEXT_DIGIT},   {"Abs", NEXT_DIGIT},
    {"Kap", NEXT_DIGIT},  {"#", NEXT_MONTH},   {"Jh", ALWAYS},
    {"Mio", ALWAYS},      {"Mrd", ALWAYS},     {"Tel", ALWAYS},
    {"Str", NEXT_DIGIT},  {"i.d.R", ALWAYS},   {"u.U", ALWAYS},
    {"z.T", ALWAYS},      {"s.o", ALWAYS},     {"s.u", ALWAYS},
    {"o.ä", NEXT_LOWER},  {"Jan", NEXT_DIGIT}, {"Feb", NEXT_DIGIT},
    {"Apr", NEXT_DIGIT},  {"Aug", NEXT_DIGIT}, {"Sep", NEXT_DIGIT},
    {"Sept", NEXT_DIGIT}, {"Okt", NEXT_DIGIT}, {"Nov", NEXT_DIGIT},
    {"Dez", NEXT_DIGIT},
};

static const char *const de_months[] = {
    "Januar", "Jänner", "Februar",   "März",    "April",    "Mai",      "Juni",
    "Juli",   "August", "September", "Oktober", "November", "Dezember", NULL,
};

#define TABLE(a) a, sizeof a / sizeof a[0]

/* Per language: whether to use ICU's CLDR suppressions (@ss=standard;
 * ICU 72's German list also suppresses real breaks, "Er kam. Im Haus." is
 * one sentence with it, so German relies on our table alone); its
 * abbreviations; whether a single capital letter
 * followed by a period and a capitalised word is an initial ("J. R. R.
 * Tolkien", "M. Loisel"); whether closing quotes may stand after a space
 * ("Oui. »": French typography, where ICU breaks before the guillemet). */
struct ta__rules {
  const char *lang; /* ICU language code */
  bool icu_ss;
  const abbrev *abbrevs;
  size_t n;
  bool initials;
  bool spaced_close;
  const char *const *months; /* for NEXT_MONTH */
};

static const ta__rules lang_rules[] = {
    {"fr", true, TABLE(fr_abbrevs), true, true, NULL},
    {"en", true, TABLE(en_abbrevs), true, false, NULL},
    {"de", false, TABLE(de_abbrevs), true, false, de_months},
};

/* Other languages: ICU with CLDR suppressions, no table of our own. */
static const ta__rules no_rules = {"", true, NULL, 0, false, false, NULL};

const ta__rules *ta__rules_for(const char *icu_locale) {
  char lang[16] = "";
  UErrorCode e = U_ZERO_ERROR;
  uloc_getLanguage(icu_locale, lang, sizeof lang, &e);
  for (size_t i = 0; i < sizeof lang_rules / sizeof lang_rules[0]; i++)
    if (!strcmp(lang, lang_rules[i].lang)) return &lang_rules[i];
  return &no_rules;
}

bool ta__rules_icu_ss(const ta__rules *r) { return r->icu_ss; }

ta_status ta__lang_resolve(const char *tag, char *icu, size_t icu_cap,
                           char *bcp, size_t bcp_cap, ta_error *err) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t parsed = 0;
  size_t tlen = strlen(tag);
  uloc_forLanguageTag(tag, icu, (int32_t)icu_cap, &parsed, &e);
  char lang[16] = "";
  if (U_SUCCESS(e)) uloc_getLanguage(icu, lang, sizeof lang, &e);
  /* ISO 639-3 lookup fails for codes ICU has never heard of ("xx"). */
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || !tlen ||
      (size_t)parsed != tlen || !lang[0] || !uloc_getISO3Language(icu)[0])
    return ta__fail(err, TA_ELANG,
                    "unknown language tag '%s': give a BCP-47 tag such as "
                    "fr, en, de, zh-Hans, pt-BR",
                    tag);
  e = U_ZERO_ERROR;
  uloc_toLanguageTag(icu, bcp, (int32_t)bcp_cap, true, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
    return ta__fail(err, TA_ELANG, "unknown language tag '%s'", tag);
  return TA_OK;
}

/* Whitespace including no-break spaces: what may sit between a sentence's
 * final punctuation and its closing quote. */
static bool is_gap(UChar32 c) {
  return ta__is_space(c) || c == 0xA0 || c == 0x2007 || c == 0x202F;
}

static bool is_close(UChar32 c) {
  int8_t t = u_charType(c);
  return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION ||
         t == U_INITIAL_PUNCTUATION || c == '"' || c == '\'';
}

static bool is_open(UChar32 c) {
  int8_t t = u_charType(c);
  return t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
         t == U_FINAL_PUNCTUATION || t == U_DASH_PUNCTUATION || c == '"' ||
         c == '\'' || c == 0xA0 || c == 0x202F;
}

static bool in_token(UChar32 c) {
  return u_isalnum(c) || c == '.' || c == '-' || c == 0xB0 ||
         u_charType(c) == U_NON_SPACING_MARK;
}

static bool all_digits(const char *w) {
  for (; *w; w++)
    if (*w < '0' || *w > '9') return false;
  return true;
}

static bool in_words(const char *const *list, const char *w) {
  for (; list && *list; list++)
    if (!strcmp(*list, w)) return true;
  return false;
}

/* word: the token before the period; next: first letter or digit after
 * the break; next_word: the word it starts. */
static bool lookup(const ta__rules *r, const char *word, UChar32 next,
                   const char *next_word) {
  for (size_t i = 0; i < r->n; i++) {
    const abbrev *a = &r->abbrevs[i];
    if (a->word[0] != word[0] && a->word[0] != '#') continue;
    if (strcmp(a->word, word) && !(!strcmp(a->word, "#") && all_digits(word)))
      continue;
    switch (a->when) {
      case ALWAYS:
        return true;
      case NEXT_LOWER:
        if (u_islower(next)) return true;
        break;
      case NEXT_DIGIT:
        if (u_isdigit(next)) return true;
        break;
      case NEXT_MONTH:
        if (in_words(r->months, next_word)) return true;
        break;
    }
  }
  return false;
}

/* UTF-8 copy of t[a, z) into w (cap bytes); false when it does not fit. */
static bool utf8_word(const UChar *t, size_t a, size_t z, char *w, size_t cap) {
  int32_t wl = 0;
  UErrorCode e = U_ZERO_ERROR;
  u_strToUTF8(w, (int32_t)cap - 1, &wl, t + a, (int32_t)(z - a), &e);
  if (U_FAILURE(e) || (size_t)wl >= cap) return false;
  w[wl] = '\0';
  return true;
}

/* Should ICU's break at b in t[0, n) be vetoed? */
bool ta__rules_veto(const ta__rules *r, const UChar *t, size_t n, size_t b) {
  UChar32 c = 0, next = 0;
  size_t i = b, j = b, nw = b;
  bool bracket = false; /* an opening bracket or quote before it */
  while (j < n) {       /* first letter or digit after the break */
    nw = j;
    U16_NEXT(t, j, n, next);
    if (!is_gap(next) && !is_open(next)) break;
    int8_t ty = u_charType(next);
    bracket |= ty == U_START_PUNCTUATION || ty == U_INITIAL_PUNCTUATION;
    next = 0;
  }
  bool quoted = false;
  while (i > 0) { /* the final punctuation before it */
    U16_PREV(t, 0, i, c);
    if (!is_gap(c) && !is_close(c)) break;
    quoted = quoted || is_close(c);
  }
  /* Japanese 「行く。」と言った: a particle after the quote continues
   * (but 「行く。」「うん」: a new quotation begins). */
  if (quoted && !bracket && ublock_getCode(next) == UBLOCK_HIRAGANA)
    return true;
  /* "« Ah ! le bon pot-au-feu ! »", "“What?” he asked": a lowercase word
   * after ! or ? continues the sentence in every cased script. */
  if (c == '!' || c == '?' || c == 0x203C || c == 0x2047 || c == 0x2048 ||
      c == 0x2049)
    return u_islower(next);
  if (c != '.') return false;
  /* The word before the period: letters, digits, inner dots, hyphens. */
  size_t end = i, k = i;
  while (k > 0) {
    size_t m = k;
    UChar32 d;
    U16_PREV(t, 0, m, d);
    if (!in_token(d)) break;
    k = m;
  }
  char word[48], next_word[48] = "";
  if (end - k == 0 || end - k > 12 || !utf8_word(t, k, end, word, sizeof word))
    return false;
  size_t we = nw;
  while (r->months && we < n && we - nw < 12 && u_isalpha(t[we])) we++;
  utf8_word(t, nw, we, next_word, sizeof next_word);
  UChar32 first;
  size_t f = k;
  U16_NEXT(t, f, n, first);
  if (r->initials && f == end && u_isupper(first) &&
      (u_isupper(next) || u_istitle(next)))
    return true;
  return lookup(r, word, next, next_word);
}

/* "« Oui. » Il" : the break at b moved past spaced closing quotes. */
static size_t past_closers(const UChar *t, size_t n, size_t b) {
  size_t i = b, best = b;
  while (i < n) {
    UChar32 c;
    U16_NEXT(t, i, n, c);
    int8_t ty = u_charType(c);
    if (ty == U_FINAL_PUNCTUATION || ty == U_END_PUNCTUATION)
      best = i;
    else if (!is_gap(c))
      break;
  }
  return best;
}

/* Occurrences of c in t[a, z). */
static size_t count(const UChar *t, size_t a, size_t z, UChar c) {
  size_t k = 0;
  for (size_t i = a; i < z; i++) k += t[i] == c;
  return k;
}

/* Does quote q, right after the final punctuation at fin of the sentence
 * that began at start, open the next sentence?  Brackets and 「 always
 * open; “ « ‘ ‹ open unless the sentence left a „ » ‚ › unclosed (German
 * „Komm.“ and »Komm.«, where they close); a straight '"' opens when the
 * sentence's own are paired; ” » ’ 」 and the apostrophe close. */
static bool opens_next(const UChar *t, size_t start, size_t fin, UChar32 q) {
  int8_t ty = u_charType(q);
  if (ty == U_START_PUNCTUATION) return true;
  if (q == '"') return count(t, start, fin, '"') % 2 == 0;
  if (ty != U_INITIAL_PUNCTUATION) return false;
  static const UChar pairs[][2] = {
      {0x201C, 0x201E}, {0x2018, 0x201A}, {0xAB, 0xBB}, {0x2039, 0x203A}};
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    if (q == pairs[i][0])
      return count(t, start, fin, pairs[i][1]) <= count(t, start, fin, q);
  return true;
}

/* "駅は混んでいた。「おはよう", "是王芳。“你怎么", "Il partit.«Bonjour":
 * ICU keeps the quotes and brackets that follow a full stop with the
 * sentence before (its Close class does not tell opening from closing);
 * the break at b moves back before the first of them that opens. */
static size_t before_openers(const UChar *t, size_t start, size_t b) {
  size_t fin = b;
  UChar32 c = 0;
  while (fin > start) { /* back over the quotes and spaces to the stop */
    size_t i = fin;
    U16_PREV(t, start, i, c);
    if (!is_gap(c) && !is_close(c) && u_charType(c) != U_START_PUNCTUATION &&
        u_charType(c) != U_END_PUNCTUATION)
      break;
    fin = i;
  }
  if (fin == b || fin == start || !u_hasBinaryProperty(c, UCHAR_S_TERM))
    return b;
  for (size_t i = fin; i < b;) {
    size_t at = i;
    U16_NEXT(t, i, b, c);
    if (!is_gap(c) && opens_next(t, start, fin, c)) return at;
  }
  return b;
}

size_t ta__rules_move(const ta__rules *r, const UChar *t, size_t n,
                      size_t start, size_t b) {
  size_t m = before_openers(t, start, b);
  if (m < b) return m;
  return r->spaced_close ? past_closers(t, n, b) : b;
}

/* ICU does not break after U+2026 "…" as it does after "...": break there
 * too when a capitalised word follows ("Il attendit… Puis il partit."). */
size_t ta__rules_forced(const ta__rules *r, const UChar *t, size_t a,
                        size_t z) {
  for (size_t k = a; k + 1 < z; k++) {
    /* most text has no ellipsis: jump to the next one */
    const UChar *e = u_memchr(t + k, 0x2026, (int32_t)(z - 1 - k));
    if (!e) break;
    k = (size_t)(e - t);
    size_t b = r->spaced_close ? past_closers(t, z, k + 1) : k + 1;
    while (b < z && is_close(t[b])) b++;
    size_t j = b;
    while (j < z && is_gap(t[j])) j++;
    if (j == b || j >= z) continue;
    while (j < z && is_open(t[j])) j++;
    if (j >= z) continue; /* "… «" at the very end: no word follows */
    UChar32 c;
    U16_GET(t, 0, j, z, c);
    if (u_isupper(c) || u_istitle(c)) return b;
  }
  return z;
}
