/* Lexical evidence for partial omissions: whether the words of a source
 * sentence merged into a bead have translations among the bead's target
 * words, by a word translation table (lexicon.h: dictionaries or a table
 * learned from the pair).  Short sentences carry too little length,
 * cognate or punctuation evidence; their words are what is left.
 *
 * Does nothing without a table (ta_check_opts.lexicon NULL).  Words of
 * fewer than 4 letters are skipped: function words translate everywhere. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "check_internal.h"
#include "tmxalign/lexicon.h"

#define WORD_MAX 64
#define WORDS_MAX 256
/* A word pair counts as a translation from this probability on. */
#define MIN_PROB 0.05

typedef struct words {
  char w[WORDS_MAX][WORD_MAX];
  size_t n;
} words;

/* Append the content words (4 letters or more, no digit) of sentences
 * [b, b+n) to out. */
static void collect(const ta_doc *d, size_t b, size_t n, words *out) {
  for (size_t i = b; i < b + n; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    int32_t k = 0, len = (int32_t)s->len;
    while (k < len && out->n < WORDS_MAX) {
      UChar32 c;
      int32_t at = k;
      U8_NEXT(s->text, k, len, c);
      if (c < 0 || !u_isalpha(c)) continue;
      int32_t e = k, letters = 1;
      bool digit = false;
      while (e < len) {
        int32_t q = e;
        UChar32 c2;
        U8_NEXT(s->text, q, len, c2);
        if (c2 < 0 || !(u_isalnum(c2) || u_charType(c2) == U_NON_SPACING_MARK))
          break;
        digit |= u_isdigit(c2) != 0;
        letters++;
        e = q;
      }
      if (letters >= 4 && !digit && e - at < WORD_MAX) {
        memcpy(out->w[out->n], s->text + at, (size_t)(e - at));
        out->w[out->n++][e - at] = '\0';
      }
      k = e;
    }
  }
}

static bool translated_in(const ta_lexicon *lx, const char *w, const words *t) {
  for (size_t j = 0; j < t->n; j++)
    if (ta_lexicon_prob(lx, w, t->w[j]) >= MIN_PROB) return true;
  return false;
}

ta_status ta__check_lexical(const ta__check_ctx *c, const ta_bead *b,
                            size_t k, size_t r, int *hits, int *misses) {
  *hits = *misses = 0;
  const ta_lexicon *lx = c->o->lexicon;
  if (!lx) return TA_OK;
  words *rw = malloc(sizeof *rw), *tw = malloc(sizeof *tw),
        *ow = malloc(sizeof *ow);
  if (!rw || !tw || !ow) {
    free(rw);
    free(tw);
    free(ow);
    return TA_ENOMEM;
  }
  rw->n = tw->n = ow->n = 0;
  collect(c->src, k, r, rw);
  collect(c->tgt, b->tgt_begin, b->tgt_len, tw);
  /* target words the other source sentences of the bead account for
   * cannot vouch for the candidate */
  collect(c->src, b->src_begin, k - b->src_begin, ow);
  collect(c->src, k + r, b->src_begin + b->src_len - (k + r), ow);
  size_t keep = 0;
  for (size_t j = 0; j < tw->n; j++) {
    bool claimed = false;
    for (size_t i = 0; i < ow->n && !claimed; i++)
      claimed = ta_lexicon_prob(lx, ow->w[i], tw->w[j]) >= MIN_PROB;
    if (!claimed) memmove(tw->w[keep++], tw->w[j], WORD_MAX);
  }
  tw->n = keep;
  for (size_t i = 0; i < rw->n; i++) {
    if (translated_in(lx, rw->w[i], tw))
      (*hits)++;
    else
      (*misses)++;
  }
  free(rw);
  free(tw);
  free(ow);
  return TA_OK;
}
