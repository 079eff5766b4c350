/* Checks on the words and punctuation of a bead: untranslated target
 * sentences (identical to the source, or sharing most of its words beyond
 * names and numbers), quotes and brackets the target leaves unbalanced
 * where the source balances them, and questions that lost their '?'.
 *
 * Does not know any language: a word is a run of letters, a name is a word
 * with a capital that does not start the sentence.  Quotes are one family
 * whatever their style (« », “ ”, „ “), since translations change style. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "check/check_int.h"

#define WORD_MAX 64

typedef struct word_set {
  char (*w)[WORD_MAX];
  size_t n, cap;
} word_set;

/* Next word of s from *pos: lower-cased UTF-8 into out; *name when it has
 * a capital and is not the first word; *numeric when it has a digit.
 * Returns false at the end. */
static bool next_word(const char *s, size_t len, size_t *pos, bool first,
                      char out[WORD_MAX], bool *name, bool *numeric) {
  int32_t i = (int32_t)*pos, n = (int32_t)len;
  UChar32 c = 0;
  while (i < n) {
    int32_t at = i;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && u_isalnum(c)) {
      i = at;
      break;
    }
  }
  if (i >= n) return false;
  size_t o = 0;
  *name = *numeric = false;
  bool start = true;
  while (i < n) {
    int32_t at = i;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !(u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK)) {
      i = at;
      break;
    }
    if (u_isdigit(c)) *numeric = true;
    if (u_isupper(c) && (!start || !first)) *name = true;
    start = false;
    UChar32 lc = u_tolower(c);
    if (o + 4 < WORD_MAX) {
      UBool err = false;
      U8_APPEND((uint8_t *)out, o, WORD_MAX, lc, err);
      (void)err;
    }
  }
  out[o] = '\0';
  *pos = (size_t)i;
  return true;
}

static bool set_add(word_set *ws, const char *w) {
  if (ta__reserve(&ws->w, &ws->cap, ws->n + 1) != TA_OK) return false;
  memcpy(ws->w[ws->n++], w, WORD_MAX);
  return true;
}

static bool set_has(const word_set *ws, const char *w) {
  for (size_t i = 0; i < ws->n; i++)
    if (!strcmp(ws->w[i], w)) return true;
  return false;
}

ta_status ta__check_untranslated(ta__check_ctx *c, size_t bead) {
  const ta_bead *b = ta_alignment_bead(c->al, bead);
  if (!b->src_len || !b->tgt_len) return TA_OK;
  word_set src = {0};
  char w[WORD_MAX];
  bool name, numeric;
  for (size_t i = b->src_begin; i < b->src_begin + b->src_len; i++) {
    const ta_sentence *s = ta_doc_sentence(c->src, i);
    size_t pos = 0;
    while (next_word(s->text, s->len, &pos, pos == 0, w, &name, &numeric))
      if (!set_add(&src, w)) goto oom;
  }
  for (size_t j = b->tgt_begin; j < b->tgt_begin + b->tgt_len; j++) {
    const ta_sentence *t = ta_doc_sentence(c->tgt, j);
    size_t pos = 0, words = 0, shared = 0;
    while (next_word(t->text, t->len, &pos, pos == 0, w, &name, &numeric)) {
      if (name || numeric) continue;
      words++;
      if (set_has(&src, w)) shared++;
    }
    bool identical = false;
    for (size_t i = b->src_begin; i < b->src_begin + b->src_len; i++) {
      const ta_sentence *s = ta_doc_sentence(c->src, i);
      if (s->len == t->len && !memcmp(s->text, t->text, s->len))
        identical = true;
    }
    double share = words ? (double)shared / (double)words : 0;
    bool many = words >= c->o->untranslated_min_words &&
                share >= c->o->untranslated_share;
    if (!(identical && words >= 2) && !many) continue;
    ta__finding_item *it = ta__check_add(
        c, TA_FINDING_UNTRANSLATED, bead, 1, share,
        identical ? "target sentence identical to its source"
                  : "target sentence shares %zu of its %zu words with its "
                    "source",
        shared, words);
    if (!it) goto oom;
    ta__check_span(c->tgt, j, 1, &it->pub.tgt);
  }
  free(src.w);
  return TA_OK;
oom:
  free(src.w);
  return TA_ENOMEM;
}

/* ---- punctuation --------------------------------------------------------- */

enum { FAM_PAREN, FAM_BRACKET, FAM_QUOTE, FAM_STRAIGHT, FAM_COUNT };

static const char *const fam_names[FAM_COUNT] = {"parentheses", "brackets",
                                                 "quotes", "quotes"};

typedef struct balance {
  int open[FAM_COUNT], close[FAM_COUNT];
  bool question; /* ends with a question mark */
  bool any_question;
} balance;

/* Opening and closing marks; in German „ opens and “ closes, elsewhere “
 * opens (decided per text: a text with „ uses the German pairs). */
static const struct {
  UChar32 c;
  int fam;
  int dir; /* +1 opens, -1 closes */
} marks[] = {
    {'(', FAM_PAREN, 1},    {')', FAM_PAREN, -1},    {'[', FAM_BRACKET, 1},
    {']', FAM_BRACKET, -1}, {0xAB, FAM_QUOTE, 1},    {0xBB, FAM_QUOTE, -1},
    {0x201C, FAM_QUOTE, 1}, {0x201D, FAM_QUOTE, -1}, {0x201E, FAM_QUOTE, 1},
    {0x2039, FAM_QUOTE, 1}, {0x203A, FAM_QUOTE, -1}, {'"', FAM_STRAIGHT, 1},
};

static bool is_question(UChar32 ch) {
  return ch == '?' || ch == 0xBF || ch == 0xFF1F || ch == 0x61F;
}

static void measure(const char *s, size_t len, balance *bl) {
  memset(bl, 0, sizeof *bl);
  bool german = strstr(s, "\xE2\x80\x9E") != NULL; /* „ */
  int32_t i = 0, n = (int32_t)len;
  UChar32 last = 0;
  while (i < n) {
    UChar32 ch;
    U8_NEXT(s, i, n, ch);
    if (ch < 0) continue;
    if (is_question(ch)) bl->any_question = true;
    /* closing quotes and brackets may follow the final '?' */
    if (!u_isspace(ch) && u_charType(ch) != U_FINAL_PUNCTUATION &&
        u_charType(ch) != U_END_PUNCTUATION && ch != '"' && ch != 0xBB)
      last = ch;
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
      if (marks[k].c != ch) continue;
      int dir = marks[k].dir;
      if (german && ch == 0x201C) dir = -1;
      if (dir > 0)
        bl->open[marks[k].fam]++;
      else
        bl->close[marks[k].fam]++;
    }
  }
  bl->question = is_question(last);
}

static bool balanced(const balance *b, int fam) {
  if (fam == FAM_STRAIGHT) return b->open[fam] % 2 == 0;
  return b->open[fam] == b->close[fam];
}

ta_status ta__check_punctuation(ta__check_ctx *c, size_t bead) {
  const ta_bead *b = ta_alignment_bead(c->al, bead);
  if (!b->src_len || !b->tgt_len) return TA_OK;
  char *st = ta__check_join(c->src, b->src_begin, b->src_len);
  char *tt = ta__check_join(c->tgt, b->tgt_begin, b->tgt_len);
  ta_status rc = TA_ENOMEM;
  if (!st || !tt) goto done;
  rc = TA_OK;
  balance bs, bt;
  measure(st, strlen(st), &bs);
  measure(tt, strlen(tt), &bt);
  /* quotes of the two styles count together: « » in the source may become
   * "..." in the target */
  bool src_quotes = bs.open[FAM_QUOTE] + bs.open[FAM_STRAIGHT] > 0 &&
                    balanced(&bs, FAM_QUOTE) && balanced(&bs, FAM_STRAIGHT);
  for (int f = 0; f < FAM_COUNT; f++) {
    bool src_has =
        f >= FAM_QUOTE ? src_quotes : bs.open[f] > 0 && balanced(&bs, f);
    if (!src_has || balanced(&bt, f)) continue;
    if (!ta__check_add(c, TA_FINDING_PUNCTUATION, bead, 1, 0,
                       "unbalanced %s in the target (%d opening, %d closing) "
                       "where the source balances them",
                       fam_names[f], bt.open[f], bt.close[f]))
      rc = TA_ENOMEM;
    break;
  }
  if (rc == TA_OK && !bt.any_question) {
    for (size_t i = b->src_begin; i < b->src_begin + b->src_len; i++) {
      const ta_sentence *s = ta_doc_sentence(c->src, i);
      balance one;
      measure(s->text, s->len, &one);
      if (!one.question) continue;
      ta__finding_item *it = ta__check_add(
          c, TA_FINDING_PUNCTUATION, bead, 1, 0,
          "the source asks a question; the target has no question mark");
      if (!it)
        rc = TA_ENOMEM;
      else
        ta__check_span(c->src, i, 1, &it->pub.src);
      break;
    }
  }
done:
  free(st);
  free(tt);
  return rc;
}
