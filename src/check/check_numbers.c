/* Numbers, dates and times written with digits, compared across a bead.
 *
 * Each number is read twice: with the decimal separator of the document's
 * language ("1,5" is 1.5 in French, "1,500" is 1500 in English) and with the
 * aligner's language-blind reading (ta__number_scan), so that a French text
 * using English conventions is not a mismatch.  A scale word after it
 * ("2,5 millions", "2.5 million") adds the scaled value.  Dates (18/01/2024,
 * 2024-01-18, 01/18/2024) and times (14h30, 14:30, 2:30 p.m.) become one
 * token each; a date with no twin is matched by its day and year against the
 * other side's plain numbers ("18 janvier 2024").  Small numbers may be
 * spelled out on the other side ("5 ans" / "five years"): a table of number
 * words per language (en, fr, de, es, it) covers 0-20 and ordinals, read
 * in that side's language only (French "a" is a verb, not English "a").
 *
 * Compound numbers in words (below: en, fr, de, zh/ja numerals) are read
 * into values and compared with digits and with the other side's words;
 * they are not looked for in neighbouring beads.  No Roman numerals.
 * A number missing from a bead but present in a neighbouring bead is an
 * alignment boundary, not a mismatch, and is not reported. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchors/anchors.h"
#include "check/check_int.h"

#define MAX_TOKENS 64
#define MAX_CANDS 4
#define CAND_LEN 40

typedef enum { TOK_NUM, TOK_DATE, TOK_TIME } tok_type;

typedef struct num_tok {
  tok_type type;
  int ncand;
  char cand[MAX_CANDS][CAND_LEN]; /* canonical forms; equal = same value */
  char shown[CAND_LEN];           /* as written, for messages */
  int day, year;                  /* dates: for matching against numbers */
  bool used;
} num_tok;

typedef struct tok_list {
  num_tok t[MAX_TOKENS];
  int n;
} tok_list;

/* Languages writing a decimal point; the others write a decimal comma. */
static const char *const point_langs[] = {"en", "zh", "ja", "ko", "th",
                                          "he", "hi", "ms", "ga", "mt"};

/* Is lang the language code, or a variant of it ("en-GB" is "en")? */
static bool lang_is(const char *lang, const char *code) {
  size_t l = strlen(code);
  return !strncmp(lang, code, l) && (!lang[l] || lang[l] == '-');
}

static char decimal_of(const char *lang) {
  for (size_t i = 0; i < sizeof point_langs / sizeof point_langs[0]; i++)
    if (lang_is(lang, point_langs[i])) return '.';
  return ',';
}

static const struct {
  const char *word;
  const char *zeros;
} scale_words[] = {
    {"thousand", "000"},         {"million", "000000"},
    {"millions", "000000"},      {"billion", "000000000"},
    {"billions", "000000000"},   {"milliard", "000000000"},
    {"milliards", "000000000"},  {"mio", "000000"},
    {"mrd", "000000000"},        {"million", "000000"},
    {"millionen", "000000"},     {"milliarde", "000000000"},
    {"milliarden", "000000000"}, {"mille", "000"},
    {"tausend", "000"},          {"millón", "000000"},
    {"millones", "000000"},      {"milioni", "000000"},
};

/* Spelled-out numbers a translator may use instead of digits, per
 * language: a word of one language is often another word in the next
 * (French "a", "six", English "cent", German "elf"), so a text's words are
 * looked up in its own language's table only.  NULL-terminated. */
typedef struct number_word {
  const char *word;
  int value;
} number_word;

static const number_word words_en[] = {
    {"zero", 0},     {"one", 1},        {"two", 2},       {"three", 3},
    {"four", 4},     {"five", 5},       {"six", 6},       {"seven", 7},
    {"eight", 8},    {"nine", 9},       {"ten", 10},      {"eleven", 11},
    {"twelve", 12},  {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},  {"first", 1},      {"second", 2},    {"third", 3},
    {"fourth", 4},   {"fifth", 5},      {"sixth", 6},     {"seventh", 7},
    {"eighth", 8},   {"ninth", 9},      {"tenth", 10},    {"a", 1},
    {"an", 1},       {"hundred", 100},  {"dozen", 12},    {NULL, 0},
};
static const number_word words_fr[] = {
    {"zéro", 0},      {"un", 1},        {"une", 1},       {"deux", 2},
    {"trois", 3},     {"quatre", 4},    {"cinq", 5},      {"six", 6},
    {"sept", 7},      {"huit", 8},      {"neuf", 9},      {"dix", 10},
    {"onze", 11},     {"douze", 12},    {"treize", 13},   {"quatorze", 14},
    {"quinze", 15},   {"seize", 16},    {"dix-sept", 17}, {"dix-huit", 18},
    {"dix-neuf", 19}, {"vingt", 20},    {"premier", 1},   {"première", 1},
    {"deuxième", 2},  {"second", 2},    {"seconde", 2},   {"troisième", 3},
    {"quatrième", 4}, {"cinquième", 5}, {"cent", 100},    {"douzaine", 12},
    {NULL, 0},
};
static const number_word words_de[] = {
    {"null", 0},     {"eins", 1},   {"ein", 1},      {"eine", 1},
    {"einen", 1},    {"einem", 1},  {"einer", 1},    {"zwei", 2},
    {"drei", 3},     {"vier", 4},   {"fünf", 5},     {"sechs", 6},
    {"sieben", 7},   {"acht", 8},   {"neun", 9},     {"zehn", 10},
    {"elf", 11},     {"zwölf", 12}, {"zwanzig", 20}, {"erste", 1},
    {"ersten", 1},   {"zweite", 2}, {"dritte", 3},   {"hundert", 100},
    {"dutzend", 12}, {NULL, 0},
};
static const number_word words_es[] = {
    {"uno", 1}, {"dos", 2}, {"tres", 3}, {"cuatro", 4}, {"cinco", 5}, {NULL, 0},
};
static const number_word words_it[] = {
    {"zero", 0},    {"uno", 1},    {"due", 2}, {"tre", 3},
    {"quattro", 4}, {"dieci", 10}, {NULL, 0},
};

static const struct {
  const char *lang;
  const number_word *words;
} number_words[] = {
    {"en", words_en}, {"fr", words_fr}, {"de", words_de},
    {"es", words_es}, {"it", words_it},
};

/* The number words of lang; none (a digit must match a digit) for a
 * language without a table. */
static const number_word *number_words_of(const char *lang) {
  static const number_word none[] = {{NULL, 0}};
  for (size_t i = 0; i < sizeof number_words / sizeof number_words[0]; i++)
    if (lang_is(lang, number_words[i].lang)) return number_words[i].words;
  return none;
}

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static size_t digits(const char *s, size_t len) {
  size_t n = 0;
  while (n < len && is_digit(s[n])) n++;
  return n;
}

/* Byte length of a space-like group separator at s (space, U+00A0,
 * U+202F, U+2009), 0 if none. */
static size_t space_at(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  if (len >= 1 && u[0] == ' ') return 1;
  if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
  if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
      (u[2] == 0xAF || u[2] == 0x89))
    return 3;
  return 0;
}

static void add_cand(num_tok *t, const char *s) {
  for (int i = 0; i < t->ncand; i++)
    if (!strcmp(t->cand[i], s)) return;
  if (t->ncand < MAX_CANDS) snprintf(t->cand[t->ncand++], CAND_LEN, "%s", s);
}

/* Read a number with decimal separator dec; canonical form to out. */
static size_t read_number(const char *s, size_t len, char dec, char *out,
                          size_t cap) {
  char ip[32], fp[16];
  size_t ni = 0, nf = 0, first = digits(s, len), pos = first;
  for (size_t k = 0; k < first && ni < sizeof ip - 1; k++) ip[ni++] = s[k];
  char group = 0;
  for (;;) {
    size_t sl = space_at(s + pos, len - pos);
    char sep = sl ? ' ' : 0;
    if (!sl && pos < len &&
        (s[pos] == ',' || s[pos] == '.' || s[pos] == '\'') && s[pos] != dec) {
      sl = 1;
      sep = s[pos];
    }
    if (!sl || first > 3 || (group && group != sep)) break;
    size_t g = digits(s + pos + sl, len - pos - sl);
    if (g != 3) break;
    group = sep;
    for (size_t k = 0; k < 3 && ni < sizeof ip - 1; k++)
      ip[ni++] = s[pos + sl + k];
    pos += sl + 3;
  }
  if (pos + 1 < len && s[pos] == dec && is_digit(s[pos + 1])) {
    size_t g = digits(s + pos + 1, len - pos - 1);
    for (size_t k = 0; k < g && nf < sizeof fp - 1; k++)
      fp[nf++] = s[pos + 1 + k];
    pos += 1 + g;
  }
  size_t lead = 0;
  while (lead + 1 < ni && ip[lead] == '0') lead++;
  while (nf && fp[nf - 1] == '0') nf--;
  snprintf(out, cap, "%.*s%s%.*s", (int)(ni - lead), ip + lead, nf ? "." : "",
           (int)nf, fp);
  return pos;
}

/* The lower-cased ASCII-or-UTF-8 word at s (letters, '-'), into w. */
static size_t word_at(const char *s, size_t len, char *w, size_t cap) {
  size_t n = 0, o = 0;
  while (n < len && (isalpha((unsigned char)s[n]) || (s[n] & 0x80) ||
                     (s[n] == '-' && n > 0 && n + 1 < len &&
                      isalpha((unsigned char)s[n + 1])))) {
    if (o + 1 < cap) w[o++] = (char)tolower((unsigned char)s[n]);
    n++;
  }
  w[o] = '\0';
  return n;
}

static size_t skip_spaces(const char *s, size_t len, size_t pos) {
  size_t sl;
  while (pos < len && (sl = space_at(s + pos, len - pos))) pos += sl;
  return pos;
}

/* "a.m."/"am"/"p.m."/"pm" at s: 0 none, 1 am, 2 pm. */
static int meridiem(const char *s, size_t len, size_t *used) {
  char w[8];
  size_t o = 0, n = 0;
  while (n < len && o < 6 && (isalpha((unsigned char)s[n]) || s[n] == '.')) {
    if (s[n] != '.') w[o++] = (char)tolower((unsigned char)s[n]);
    n++;
  }
  w[o] = '\0';
  *used = n;
  if (!strcmp(w, "am")) return 1;
  if (!strcmp(w, "pm")) return 2;
  return 0;
}

static bool read_date(const char *s, size_t len, num_tok *t, size_t *used) {
  int a, b, c, n = 0;
  char s1, s2;
  char buf[24];
  size_t l = len < sizeof buf - 1 ? len : sizeof buf - 1;
  memcpy(buf, s, l);
  buf[l] = '\0';
  if (sscanf(buf, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3 && n == 10 && b >= 1 &&
      b <= 12 && c >= 1 && c <= 31) {
    t->type = TOK_DATE;
    snprintf(t->cand[0], CAND_LEN, "D%04d-%02d-%02d", a, b, c);
    t->ncand = 1;
    t->day = c;
    t->year = a;
    *used = 10;
    return true;
  }
  if (sscanf(buf, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &c, &n) == 5 &&
      s1 == s2 && (s1 == '/' || s1 == '.' || s1 == '-') && n >= 6 &&
      (n == (int)l || !is_digit(buf[n])) && a >= 1 && b >= 1 &&
      (a <= 12 || b <= 12) && a <= 31 && b <= 31) {
    if (c < 100) c += c < 50 ? 2000 : 1900;
    t->type = TOK_DATE;
    t->ncand = 0;
    char cand[CAND_LEN];
    if (b <= 12) { /* day/month */
      snprintf(cand, sizeof cand, "D%04d-%02d-%02d", c, b, a);
      add_cand(t, cand);
    }
    if (a <= 12) { /* month/day */
      snprintf(cand, sizeof cand, "D%04d-%02d-%02d", c, a, b);
      add_cand(t, cand);
    }
    t->day = b <= 12 ? a : b;
    t->year = c;
    *used = (size_t)n;
    return true;
  }
  return false;
}

/* " Uhr" follows at pos? */
static bool uhr_at(const char *s, size_t len, size_t pos) {
  size_t p = skip_spaces(s, len, pos);
  char w[8];
  return p > pos && word_at(s + p, len - p, w, sizeof w) == 3 &&
         !strcmp(w, "uhr");
}

static bool read_time(const char *s, size_t len, num_tok *t, size_t *used) {
  size_t h_len = digits(s, len);
  if (h_len == 0 || h_len > 2) return false;
  int h = atoi(s), m = 0;
  size_t pos = h_len;
  bool hour_mark = false;
  /* "23 h 15", "15 h. 30": French hours with spaces */
  size_t sp0 = skip_spaces(s, len, pos);
  if (sp0 > pos && sp0 < len && s[sp0] == 'h' &&
      (sp0 + 1 >= len || !isalpha((unsigned char)s[sp0 + 1]))) {
    size_t q = sp0 + 1;
    if (q < len && s[q] == '.') q++;
    size_t q2 = skip_spaces(s, len, q);
    if (digits(s + q2, len - q2) == 2) {
      m = atoi(s + q2);
      pos = q2 + 2;
    } else {
      pos = sp0 + 1;
    }
    if (h > 24 || m > 59) return false;
    hour_mark = true;
  } else if (pos + 3 < len && s[pos] == '.' &&
             digits(s + pos + 1, len - pos - 1) == 2 &&
             uhr_at(s, len, pos + 3)) {
    /* German "16.30 Uhr" */
    m = atoi(s + pos + 1);
    pos += 3;
    hour_mark = true;
  } else if (pos < len && (s[pos] == ':' || s[pos] == 'h')) {
    hour_mark = s[pos] == 'h';
    size_t ml = digits(s + pos + 1, len - pos - 1);
    if (ml == 2) {
      m = atoi(s + pos + 1);
      pos += 1 + ml;
    } else if (hour_mark &&
               (pos + 1 >= len || !isalpha((unsigned char)s[pos + 1]))) {
      pos += 1; /* "14h" */
    } else {
      return false;
    }
  } else {
    size_t sp = skip_spaces(s, len, pos), mu;
    if (sp == pos || !meridiem(s + sp, len - sp, &mu)) return false;
  }
  size_t sp = skip_spaces(s, len, pos), mu = 0;
  int mer = meridiem(s + sp, len - sp, &mu);
  if (mer) pos = sp + mu;
  if (h > 24 || m > 59 || (mer && (h == 0 || h > 12))) return false;
  if (mer == 2 && h < 12) h += 12;
  if (mer == 1 && h == 12) h = 0;
  t->type = TOK_TIME;
  t->ncand = 0;
  char cand[CAND_LEN];
  snprintf(cand, sizeof cand, "T%02d:%02d", h % 24, m);
  add_cand(t, cand);
  if (!mer && h >= 1 && h < 12) { /* "2:30" may be in the afternoon */
    snprintf(cand, sizeof cand, "T%02d:%02d", h + 12, m);
    add_cand(t, cand);
  }
  *used = pos;
  return true;
}

static void read_scale(const char *s, size_t len, size_t *pos, num_tok *t) {
  size_t p = skip_spaces(s, len, *pos);
  if (p == *pos) return;
  char w[24];
  size_t wl = word_at(s + p, len - p, w, sizeof w);
  if (!wl) return;
  for (size_t i = 0; i < sizeof scale_words / sizeof scale_words[0]; i++) {
    if (strcmp(w, scale_words[i].word)) continue;
    /* scale the reading in the document's convention */
    char scaled[CAND_LEN];
    const char *v = t->cand[0], *dot = strchr(v, '.');
    size_t zeros = strlen(scale_words[i].zeros);
    size_t fl = dot ? strlen(dot + 1) : 0;
    if (fl > zeros) return;
    snprintf(scaled, sizeof scaled, "%.*s%s%.*s",
             (int)(dot ? dot - v : (long)strlen(v)), v, dot ? dot + 1 : "",
             (int)(zeros - fl), scale_words[i].zeros);
    add_cand(t, scaled);
    return;
  }
}

static void tokenize(const char *s, size_t len, char dec, tok_list *out) {
  out->n = 0;
  size_t i = 0;
  while (i < len && out->n < MAX_TOKENS) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
      i++;
      continue;
    }
    num_tok *t = &out->t[out->n];
    memset(t, 0, sizeof *t);
    size_t used = 0;
    if (!read_date(s + i, len - i, t, &used) &&
        !read_time(s + i, len - i, t, &used)) {
      char a[CAND_LEN], b[CAND_LEN];
      used = read_number(s + i, len - i, dec, a, sizeof a);
      size_t u2 = ta__number_scan(s + i, len - i, b, sizeof b);
      t->type = TOK_NUM;
      add_cand(t, a);
      add_cand(t, b);
      if (u2 > used) used = u2;
      read_scale(s + i, len, &used, t);
      t->year = -1;
    }
    size_t shown = used < CAND_LEN - 1 ? used : CAND_LEN - 1;
    while (shown > 0 && (s[i + shown - 1] & 0xC0) == 0x80 &&
           shown < used) /* do not cut a UTF-8 sequence */
      shown--;
    snprintf(t->shown, CAND_LEN, "%.*s", (int)shown, s + i);
    out->n++;
    i += used ? used : 1;
  }
}

static bool same_value(const num_tok *a, const num_tok *b) {
  for (int i = 0; i < a->ncand; i++)
    for (int j = 0; j < b->ncand; j++)
      if (!strcmp(a->cand[i], b->cand[j])) return true;
  return false;
}

static bool has_plain(const tok_list *l, int value) {
  char v[16];
  snprintf(v, sizeof v, "%d", value);
  for (int i = 0; i < l->n; i++)
    if (!l->t[i].used && l->t[i].type == TOK_NUM && !strcmp(l->t[i].cand[0], v))
      return true;
  return false;
}

static void use_plain(tok_list *l, int value) {
  char v[16];
  snprintf(v, sizeof v, "%d", value);
  for (int i = 0; i < l->n; i++)
    if (!l->t[i].used && l->t[i].type == TOK_NUM &&
        !strcmp(l->t[i].cand[0], v)) {
      l->t[i].used = true;
      return;
    }
}

/* Mark matched tokens of both lists. */
static void match(tok_list *a, tok_list *b) {
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n && !a->t[i].used; j++)
      if (!b->t[j].used && same_value(&a->t[i], &b->t[j]))
        a->t[i].used = b->t[j].used = true;
  /* a date against "18 janvier 2024": its day and year as numbers */
  for (int pass = 0; pass < 2; pass++) {
    tok_list *x = pass ? b : a, *y = pass ? a : b;
    for (int i = 0; i < x->n; i++) {
      num_tok *t = &x->t[i];
      if (t->used || t->type != TOK_DATE) continue;
      if (has_plain(y, t->day) && has_plain(y, t->year)) {
        use_plain(y, t->day);
        use_plain(y, t->year);
        t->used = true;
      }
    }
  }
}

/* ---- numbers written in words ---------------------------------------------
 * Compound number words read into values, in the text's own language:
 * English "thirty-six thousand", "three hundred and six"; French
 * "vingt-et-un", "quatre-vingt-dix", "deux cents", "trente-six mille";
 * German "einundzwanzig", "zweihundertsechsunddreißig", "dreitausend" (one
 * word, read morpheme by morpheme); Chinese and Japanese 一..十, 百, 千, 万
 * ("三番線" holds 3, "三十六" is 36).  A run of atoms is summed as numbers
 * are said: units and tens add, hundred multiplies what is before it,
 * thousand and million close a group; French "quatre-vingt" multiplies. */

typedef enum { AT_UNIT, AT_TEN, AT_HUNDRED, AT_SCALE, AT_AND } atom_kind;
typedef struct atom {
  const char *w;
  atom_kind kind;
  long v;
} atom;

static const atom atoms_en[] = {
    {"zero", AT_UNIT, 0},
    {"one", AT_UNIT, 1},
    {"two", AT_UNIT, 2},
    {"three", AT_UNIT, 3},
    {"four", AT_UNIT, 4},
    {"five", AT_UNIT, 5},
    {"six", AT_UNIT, 6},
    {"seven", AT_UNIT, 7},
    {"eight", AT_UNIT, 8},
    {"nine", AT_UNIT, 9},
    {"ten", AT_UNIT, 10},
    {"eleven", AT_UNIT, 11},
    {"twelve", AT_UNIT, 12},
    {"thirteen", AT_UNIT, 13},
    {"fourteen", AT_UNIT, 14},
    {"fifteen", AT_UNIT, 15},
    {"sixteen", AT_UNIT, 16},
    {"seventeen", AT_UNIT, 17},
    {"eighteen", AT_UNIT, 18},
    {"nineteen", AT_UNIT, 19},
    {"twenty", AT_TEN, 20},
    {"thirty", AT_TEN, 30},
    {"forty", AT_TEN, 40},
    {"fifty", AT_TEN, 50},
    {"sixty", AT_TEN, 60},
    {"seventy", AT_TEN, 70},
    {"eighty", AT_TEN, 80},
    {"ninety", AT_TEN, 90},
    {"hundred", AT_HUNDRED, 100},
    {"thousand", AT_SCALE, 1000},
    {"million", AT_SCALE, 1000000},
    {"and", AT_AND, 0},
    {NULL, AT_AND, 0},
};
static const atom atoms_fr[] = {
    {"zéro", AT_UNIT, 0},
    {"un", AT_UNIT, 1},
    {"une", AT_UNIT, 1},
    {"deux", AT_UNIT, 2},
    {"trois", AT_UNIT, 3},
    {"quatre", AT_UNIT, 4},
    {"cinq", AT_UNIT, 5},
    {"six", AT_UNIT, 6},
    {"sept", AT_UNIT, 7},
    {"huit", AT_UNIT, 8},
    {"neuf", AT_UNIT, 9},
    {"dix", AT_UNIT, 10},
    {"onze", AT_UNIT, 11},
    {"douze", AT_UNIT, 12},
    {"treize", AT_UNIT, 13},
    {"quatorze", AT_UNIT, 14},
    {"quinze", AT_UNIT, 15},
    {"seize", AT_UNIT, 16},
    {"vingt", AT_TEN, 20},
    {"vingts", AT_TEN, 20},
    {"trente", AT_TEN, 30},
    {"quarante", AT_TEN, 40},
    {"cinquante", AT_TEN, 50},
    {"soixante", AT_TEN, 60},
    {"cent", AT_HUNDRED, 100},
    {"cents", AT_HUNDRED, 100},
    {"mille", AT_SCALE, 1000},
    {"million", AT_SCALE, 1000000},
    {"millions", AT_SCALE, 1000000},
    {"et", AT_AND, 0},
    {NULL, AT_AND, 0},
};
/* German: morphemes of one word, longest first where one is a prefix of
 * another ("sechzehn" before "sechs", "siebzig" before "sieben"). */
static const atom atoms_de[] = {
    {"dreizehn", AT_UNIT, 13},   {"vierzehn", AT_UNIT, 14},
    {"fünfzehn", AT_UNIT, 15},   {"sechzehn", AT_UNIT, 16},
    {"siebzehn", AT_UNIT, 17},   {"achtzehn", AT_UNIT, 18},
    {"neunzehn", AT_UNIT, 19},   {"zwanzig", AT_TEN, 20},
    {"dreißig", AT_TEN, 30},     {"vierzig", AT_TEN, 40},
    {"fünfzig", AT_TEN, 50},     {"sechzig", AT_TEN, 60},
    {"siebzig", AT_TEN, 70},     {"achtzig", AT_TEN, 80},
    {"neunzig", AT_TEN, 90},     {"hundert", AT_HUNDRED, 100},
    {"tausend", AT_SCALE, 1000}, {"eins", AT_UNIT, 1},
    {"ein", AT_UNIT, 1},         {"zwei", AT_UNIT, 2},
    {"drei", AT_UNIT, 3},        {"vier", AT_UNIT, 4},
    {"fünf", AT_UNIT, 5},        {"sechs", AT_UNIT, 6},
    {"sieben", AT_UNIT, 7},      {"acht", AT_UNIT, 8},
    {"neun", AT_UNIT, 9},        {"zehn", AT_UNIT, 10},
    {"elf", AT_UNIT, 11},        {"zwölf", AT_UNIT, 12},
    {"und", AT_AND, 0},          {NULL, AT_AND, 0},
};

/* Words of a spelled number: running value and how it was built. */
typedef struct spelled {
  long total, cur;
  int natoms;     /* atoms read, connectors not counted */
  bool big;       /* a hundred, thousand or million in it */
  atom_kind last; /* the previous atom, connectors not counted */
  long last_v;
  bool and_seen; /* a connector since the last atom */
} spelled;

/* Add atom a; false when it cannot follow ("two three", "two and three",
 * "twenty thirty"): the number ends before it. */
static bool spelled_add(spelled *sp, const atom *a) {
  if (a->kind == AT_AND) {
    if (!sp->natoms || sp->and_seen) return false;
    sp->and_seen = true;
    return true;
  }
  if (sp->natoms) {
    if (a->kind == AT_UNIT && sp->last == AT_UNIT &&
        !(sp->last_v == 10 && a->v < 10 && !sp->and_seen))
      return false; /* "dix-sept" only */
    if (a->kind == AT_TEN && sp->last == AT_UNIT &&
        !(a->v == 20 && sp->last_v == 4) && !sp->and_seen)
      return false; /* "quatre-vingt", "einundzwanzig" only */
    if (a->kind == AT_TEN && sp->last == AT_TEN) return false;
    if (a->kind == AT_HUNDRED && sp->last == AT_HUNDRED) return false;
  }
  sp->and_seen = false;
  sp->natoms++;
  switch (a->kind) {
    case AT_UNIT:
      sp->cur += a->v;
      break;
    case AT_TEN:
      /* "quatre-vingt(s)": four twenties */
      if (a->v == 20 && sp->last == AT_UNIT && sp->last_v == 4)
        sp->cur += 80 - 4;
      else
        sp->cur += a->v;
      break;
    case AT_HUNDRED:
      sp->cur =
          (sp->cur % 100 ? sp->cur % 100 : 1) * 100 + (sp->cur - sp->cur % 100);
      sp->big = true;
      break;
    case AT_SCALE:
      sp->total += (sp->cur ? sp->cur : 1) * a->v;
      sp->cur = 0;
      sp->big = true;
      break;
    case AT_AND:
      break;
  }
  sp->last = a->kind;
  sp->last_v = a->v;
  return true;
}

static const atom *atom_of(const atom *tab, const char *w, size_t n) {
  for (const atom *a = tab; a->w; a++)
    if (strlen(a->w) == n && !strncmp(a->w, w, n)) return a;
  return NULL;
}

/* Read the parts of one word (split at '-'; German morphemes too) into sp;
 * false when a part is not a number word. */
static bool spelled_word(const atom *tab, bool glued, const char *w,
                         spelled *sp) {
  spelled try = *sp;
  for (const char *p = w; *p;) {
    const char *e = strchr(p, '-');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    const atom *a = atom_of(tab, p, n);
    if (a) {
      if (!spelled_add(&try, a)) return false;
    } else if (glued) {
      /* longest first is the table's order: take the first that fits */
      size_t q = 0;
      while (q < n) {
        const atom *m = NULL;
        for (const atom *b = tab; b->w; b++) {
          size_t bl = strlen(b->w);
          if (bl <= n - q && !strncmp(b->w, p + q, bl)) {
            m = b;
            break;
          }
        }
        if (!m || !spelled_add(&try, m)) return false;
        q += strlen(m->w);
      }
    } else {
      return false;
    }
    p += n;
    if (*p == '-') p++;
  }
  *sp = try;
  return true;
}

static const atom *atoms_of(const char *lang, bool *glued) {
  *glued = false;
  if (lang_is(lang, "en")) return atoms_en;
  if (lang_is(lang, "fr")) return atoms_fr;
  if (lang_is(lang, "de")) {
    *glued = true;
    return atoms_de;
  }
  return NULL;
}

/* Han numerals 一..九, 〇/零, 两, 十, 百, 千, 万 at u (UTF-8, 3 bytes):
 * digit value, or 10/100/1000/10000 as a unit; -1 if none. */
static long han_at(const unsigned char *u, size_t len, bool *unit) {
  static const struct {
    const char *c;
    long v;
    bool unit;
  } han[] = {
      {"〇", 0, false},   {"零", 0, false},    {"一", 1, false},
      {"二", 2, false},   {"两", 2, false},    {"兩", 2, false},
      {"三", 3, false},   {"四", 4, false},    {"五", 5, false},
      {"六", 6, false},   {"七", 7, false},    {"八", 8, false},
      {"九", 9, false},   {"十", 10, true},    {"百", 100, true},
      {"千", 1000, true}, {"万", 10000, true}, {"萬", 10000, true},
  };
  if (len < 3) return -1;
  for (size_t i = 0; i < sizeof han / sizeof han[0]; i++)
    if (!memcmp(u, han[i].c, 3)) {
      *unit = han[i].unit;
      return han[i].v;
    }
  return -1;
}

/* Every number written in words in text (language lang) into vals (at most
 * cap), with whether it is compound (two words or more, or a hundred,
 * thousand, million) in big.  Returns how many. */
static size_t spelled_values(const char *text, size_t len, const char *lang,
                             long *vals, bool *big, char (*shown)[CAND_LEN],
                             size_t cap) {
  size_t n = 0;
  if (lang_is(lang, "zh") || lang_is(lang, "ja")) {
    for (size_t i = 0; i < len && n < cap;) {
      bool unit;
      long total = 0, section = 0, num = 0;
      size_t j = i, k = 0;
      long v;
      while ((v = han_at((const unsigned char *)text + j, len - j, &unit)) >=
             0) {
        if (!unit) {
          num = num * 10 + v;
        } else if (v == 10000) {
          total += (section + num ? section + num : 1) * v;
          section = num = 0;
        } else {
          section += (num ? num : 1) * v;
          num = 0;
        }
        j += 3;
        k++;
      }
      if (!k) {
        i++;
        continue;
      }
      vals[n] = total + section + num;
      snprintf(shown[n], CAND_LEN, "%.*s", (int)(j - i), text + i);
      big[n++] = k > 1;
      i = j;
    }
    return n;
  }
  bool glued;
  const atom *tab = atoms_of(lang, &glued);
  if (!tab) return 0;
  for (size_t i = 0; i < len && n < cap;) {
    char w[64];
    size_t wl = word_at(text + i, len - i, w, sizeof w);
    if (!wl) {
      i++;
      continue;
    }
    spelled sp = {0, 0, 0, false, AT_AND, 0, false};
    size_t j = i, end = i;
    /* "millions" after "2,5" is the digits' scale, "cent" or "mille"
     * alone an idiom: a hundred, thousand or million alone is no number */
    bool starts = false;
    {
      char head[64];
      snprintf(head, sizeof head, "%s", w);
      char *h = strchr(head, '-');
      if (h) *h = '\0';
      const atom *a = atom_of(tab, head, strlen(head));
      if (!a && glued)
        for (const atom *q = tab; q->w && !a; q++)
          if (!strncmp(q->w, head, strlen(q->w))) a = q;
      starts = a && (a->kind == AT_UNIT || a->kind == AT_TEN);
    }
    while (wl && spelled_word(tab, glued, w, &sp)) {
      end = j + wl;
      j = skip_spaces(text, len, j + wl);
      wl = word_at(text + j, len - j, w, sizeof w);
    }
    if (sp.natoms && (starts || sp.natoms > 1)) {
      vals[n] = sp.total + sp.cur;
      snprintf(shown[n], CAND_LEN, "%.*s", (int)(end - i), text + i);
      big[n++] = sp.natoms > 1 || sp.big;
      i = end;
    } else {
      i += word_at(text + i, len - i, w, sizeof w);
    }
  }
  return n;
}

/* The integer value of a plain number token into *v. */
static bool tok_int(const num_tok *t, int k, long *v) {
  if (t->type != TOK_NUM || k >= t->ncand) return false;
  char *end;
  *v = strtol(t->cand[k], &end, 10);
  return !*end && end != t->cand[k];
}

/* Is the value of t one of vals (numbers written in words)? */
static bool value_in(const num_tok *t, const long *vals, size_t nv) {
  for (int k = 0; k < t->ncand; k++) {
    long v;
    if (!tok_int(t, k, &v)) continue;
    for (size_t i = 0; i < nv; i++)
      if (vals[i] == v) return true;
  }
  return false;
}

/* Compound numbers in words on one side (vals, big, shown) that the other
 * side has neither in digits (l) nor in words (ovals): listed after what
 * buf holds, counted in *count. */
/* s folded for comparison: ASCII lower case, '-' as a space. */
static void fold_dash(char *s) {
  for (; *s; s++) *s = *s == '-' ? ' ' : (char)tolower((unsigned char)*s);
}

static ta_status words_unmatched(const long *vals, const bool *big,
                                 char (*shown)[CAND_LEN], size_t nv,
                                 const tok_list *l, const long *ovals,
                                 size_t onv, const char *other, char *buf,
                                 size_t cap, int *count) {
  size_t o = strlen(buf);
  char *folded = ta__malloc(strlen(other) + 1);
  if (!folded) return TA_ENOMEM;
  strcpy(folded, other);
  fold_dash(folded);
  for (size_t i = 0; i < nv; i++) {
    if (!big[i]) continue;
    /* the same words on the other side, untranslated: a name ("a game
     * of trente et un") */
    char w[CAND_LEN];
    snprintf(w, sizeof w, "%s", shown[i]);
    fold_dash(w);
    bool found = strstr(folded, w) != NULL;
    /* the scale may be left to the context ("à trente-six mille" /
     * "for thirty-six"): the same words without their thousand or million
     * are the same number */
    for (size_t j = 0; j < onv && !found; j++)
      found = ovals[j] == vals[i] ||
              (ovals[j] > 0 &&
               (ovals[j] * 1000 == vals[i] || ovals[j] * 1000000 == vals[i] ||
                vals[i] * 1000 == ovals[j] || vals[i] * 1000000 == ovals[j]));
    for (int j = 0; j < l->n && !found; j++)
      for (int k = 0; k < l->t[j].ncand && !found; k++) {
        long v;
        found = tok_int(&l->t[j], k, &v) && v == vals[i];
      }
    if (found) continue;
    (*count)++;
    int k = snprintf(buf + o, cap - o, "%s%s", o ? ", " : "", shown[i]);
    if (k > 0 && (size_t)k < cap - o) o += (size_t)k;
  }
  free(folded);
  return TA_OK;
}

/* Is the integer value of t spelled out in text, a word of words? */
static bool spelled_in(const num_tok *t, const char *text, size_t len,
                       const number_word *words) {
  if (t->type != TOK_NUM) return false;
  char *end;
  long v = strtol(t->cand[0], &end, 10);
  if (*end || v < 0 || v > 100) return false;
  for (size_t i = 0; i < len;) {
    char w[32];
    size_t wl = word_at(text + i, len - i, w, sizeof w);
    if (!wl) {
      i++;
      continue;
    }
    for (const number_word *k = words; k->word; k++)
      if (k->value == v && !strcmp(w, k->word)) return true;
    i += wl;
  }
  return false;
}

/* Does a token of value t appear in the neighbouring text?  Into *found;
 * TA_ENOMEM rather than a guess. */
static ta_status in_text(const num_tok *t, const char *text, char dec,
                         bool *found) {
  *found = false;
  if (!text) return TA_OK;
  tok_list *l = ta__malloc(sizeof *l);
  if (!l) return TA_ENOMEM;
  tokenize(text, strlen(text), dec, l);
  for (int i = 0; i < l->n && !*found; i++) *found = same_value(t, &l->t[i]);
  free(l);
  return TA_OK;
}

/* The text of one side of the bead delta away into *out (caller frees);
 * NULL past either end of the alignment. */
static ta_status neighbour_text(const ta__check_ctx *c, size_t bead,
                                bool source, int delta, char **out) {
  *out = NULL;
  if ((delta < 0 && bead == 0) ||
      (delta > 0 && bead + 1 >= ta_alignment_count(c->al)))
    return TA_OK;
  const ta_bead *b = ta_alignment_bead(c->al, (size_t)((long)bead + delta));
  *out = source ? ta__check_join(c->src, b->src_begin, b->src_len)
                : ta__check_join(c->tgt, b->tgt_begin, b->tgt_len);
  return *out ? TA_OK : TA_ENOMEM;
}

/* Unmatched tokens of l that are not an alignment boundary nor spelled
 * out in other (whose language has number words words): listed in buf,
 * counted in *count. */
static ta_status unexplained(const ta__check_ctx *c, size_t bead, tok_list *l,
                             bool source, const char *other, char dec_other,
                             const number_word *words, const long *vals,
                             size_t nv, char *buf, size_t cap, int *count) {
  size_t o = 0;
  *count = 0;
  buf[0] = '\0';
  char *prev = NULL, *next = NULL;
  ta_status st = neighbour_text(c, bead, !source, -1, &prev);
  if (st == TA_OK) st = neighbour_text(c, bead, !source, +1, &next);
  for (int i = 0; st == TA_OK && i < l->n; i++) {
    num_tok *t = &l->t[i];
    if (t->used || spelled_in(t, other, strlen(other), words) ||
        value_in(t, vals, nv))
      continue;
    bool near = false;
    st = in_text(t, prev, dec_other, &near);
    if (st == TA_OK && !near) st = in_text(t, next, dec_other, &near);
    if (st != TA_OK || near) continue;
    (*count)++;
    int w = snprintf(buf + o, cap - o, "%s%s", o ? ", " : "", t->shown);
    if (w > 0 && (size_t)w < cap - o) o += (size_t)w;
  }
  free(prev);
  free(next);
  return st;
}

static const char *token_word(const tok_list *l) {
  bool date = false, time = false;
  for (int i = 0; i < l->n; i++)
    if (!l->t[i].used) {
      date |= l->t[i].type == TOK_DATE;
      time |= l->t[i].type == TOK_TIME;
    }
  return date ? "date" : time ? "time" : "number";
}

ta_status ta__check_numbers(ta__check_ctx *c, size_t bead) {
  const ta_bead *b = ta_alignment_bead(c->al, bead);
  if (!b->src_len || !b->tgt_len) return TA_OK;
  char ds = decimal_of(ta_doc_lang(c->src)),
       dt = decimal_of(ta_doc_lang(c->tgt));
  char *st = ta__check_join(c->src, b->src_begin, b->src_len);
  char *tt = ta__check_join(c->tgt, b->tgt_begin, b->tgt_len);
  tok_list *ls = ta__malloc(sizeof *ls), *lt = ta__malloc(sizeof *lt);
  ta_status rc = TA_ENOMEM;
  if (!st || !tt || !ls || !lt) goto done;
  tokenize(st, strlen(st), ds, ls);
  tokenize(tt, strlen(tt), dt, lt);
  rc = TA_OK;
  /* numbers in words, each side in its own language */
  enum { MAXW = 32 };
  long vs[MAXW], vt[MAXW];
  bool bs[MAXW], bt[MAXW];
  char ss[MAXW][CAND_LEN], stw[MAXW][CAND_LEN];
  const char *lsrc = ta_doc_lang(c->src), *ltgt = ta_doc_lang(c->tgt);
  size_t nvs = spelled_values(st, strlen(st), lsrc, vs, bs, ss, MAXW);
  size_t nvt = spelled_values(tt, strlen(tt), ltgt, vt, bt, stw, MAXW);
  bool glued;
  /* the other languages: ICU's spell-out rules, where it has them */
  bool own_s =
           atoms_of(lsrc, &glued) || lang_is(lsrc, "zh") || lang_is(lsrc, "ja"),
       own_t =
           atoms_of(ltgt, &glued) || lang_is(ltgt, "zh") || lang_is(ltgt, "ja");
  if (!own_s)
    nvs = ta__spellout_values(c, false, st, strlen(st), vs, bs, ss[0], CAND_LEN,
                              MAXW);
  if (!own_t)
    nvt = ta__spellout_values(c, true, tt, strlen(tt), vt, bt, stw[0], CAND_LEN,
                              MAXW);
  /* Han numerals only explain digits: 一 is in too many words to be
   * reported alone */
  bool words_s = atoms_of(lsrc, &glued) != NULL ||
                 (!own_s && ta__spellout_available(c, false)),
       words_t = atoms_of(ltgt, &glued) != NULL ||
                 (!own_t && ta__spellout_available(c, true));
  bool any_big = false;
  for (size_t i = 0; i < nvs && words_s; i++) any_big |= bs[i];
  for (size_t i = 0; i < nvt && words_t; i++) any_big |= bt[i];
  if (!ls->n && !lt->n && !any_big) goto done;
  match(ls, lt);
  char miss[160], extra[160];
  int nm = 0, ne = 0;
  rc = unexplained(c, bead, ls, true, tt, dt, number_words_of(ltgt), vt, nvt,
                   miss, sizeof miss, &nm);
  if (rc == TA_OK)
    rc = unexplained(c, bead, lt, false, st, ds, number_words_of(lsrc), vs, nvs,
                     extra, sizeof extra, &ne);
  if (rc != TA_OK) goto done;
  if (words_s)
    rc = words_unmatched(vs, bs, ss, nvs, lt, vt, nvt, tt, miss, sizeof miss,
                         &nm);
  if (rc == TA_OK && words_t)
    rc = words_unmatched(vt, bt, stw, nvt, ls, vs, nvs, st, extra, sizeof extra,
                         &ne);
  if (rc != TA_OK) goto done;
  ta__finding_item *it = NULL;
  const char *what = token_word(nm ? ls : lt);
  if (nm && ne)
    it = ta__check_add(c, TA_FINDING_NUMBER, bead, 1, nm + ne,
                       "%s differs: source has %s, target %s", what, miss,
                       extra);
  else if (nm)
    it = ta__check_add(c, TA_FINDING_NUMBER, bead, 1, nm,
                       "source %s %s not in the target", what, miss);
  else if (ne)
    it = ta__check_add(c, TA_FINDING_NUMBER, bead, 1, ne,
                       "target %s %s not in the source", what, extra);
  if ((nm || ne) && !it) rc = TA_ENOMEM;
  /* a number only in the target may be the translator's gloss */
  if (it && !nm) it->pub.severity = TA_SEVERITY_WARNING;
done:
  free(st);
  free(tt);
  free(ls);
  free(lt);
  return rc;
}
