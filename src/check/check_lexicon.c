/* Lexical evidence for partial omissions: whether the words of a source
 * sentence merged into a bead have translations among the bead's target
 * words, by a word translation table (lexicon.h: dictionaries or a table
 * learned from the pair).  Short sentences carry too little length,
 * cognate or punctuation evidence; their words are what is left.
 *
 * Words are normalised once (as the table stores them: folded, stemmed)
 * and looked up by id in the table's own index: ta_lexicon_prob would
 * normalise both words again at every call, 25 times slower here.
 *
 * Does nothing without a table (ta_check_opts.lexicon NULL).  Words of
 * fewer than 4 letters are skipped: function words translate everywhere. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "check/check_int.h"
#include "lexicon/lexicon.h"

#define WORDS_MAX 256
/* A word pair counts as a translation from this probability on. */
#define MIN_PROB 0.05

typedef struct words {
  int64_t id[WORDS_MAX]; /* table ids; -1: not in the table */
  size_t n;
} words;

/* Append the table ids of the content words (4 letters or more, no
 * digit) of sentences [b, b+n) to out. */
static void collect(const ta_lexicon *lx, ta__folder *f, const ta_doc *d,
                    size_t b, size_t n, words *out) {
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
      k = e;
      if (letters < 4 || digit) continue;
      char norm[TA__LEX_WORD_MAX];
      size_t nl =
          ta__lex_norm(f, s->text + at, (size_t)(e - at), norm, sizeof norm);
      if (nl) out->id[out->n++] = ta__strtab_find(&lx->words, norm, nl);
    }
  }
}

static bool pair_in(const ta_lexicon *lx, int64_t s, int64_t t) {
  if (s < 0 || t < 0 || (size_t)s >= lx->nheads) return false;
  const ta__lex_head *h = &lx->heads[s];
  for (uint32_t i = 0; i < h->n; i++)
    if (h->tr[i].tgt == (uint32_t)t && h->tr[i].p >= MIN_PROB) return true;
  return false;
}

ta_status ta__check_lexical(const ta__check_ctx *c, const ta_bead *b, size_t k,
                            size_t r, int *hits, int *misses) {
  *hits = *misses = 0;
  const ta_lexicon *lx = c->o->lexicon;
  if (!lx || !c->folder) return TA_OK;
  words *rw = ta__malloc(sizeof *rw), *tw = ta__malloc(sizeof *tw),
        *ow = ta__malloc(sizeof *ow);
  if (!rw || !tw || !ow) {
    free(rw);
    free(tw);
    free(ow);
    return TA_ENOMEM;
  }
  rw->n = tw->n = ow->n = 0;
  collect(lx, c->folder, c->src, k, r, rw);
  collect(lx, c->folder, c->tgt, b->tgt_begin, b->tgt_len, tw);
  /* target words the other source sentences of the bead account for
   * cannot vouch for the candidate */
  collect(lx, c->folder, c->src, b->src_begin, k - b->src_begin, ow);
  collect(lx, c->folder, c->src, k + r, b->src_begin + b->src_len - (k + r),
          ow);
  size_t keep = 0;
  for (size_t j = 0; j < tw->n; j++) {
    bool claimed = false;
    for (size_t i = 0; i < ow->n && !claimed; i++)
      claimed = pair_in(lx, ow->id[i], tw->id[j]);
    if (!claimed) tw->id[keep++] = tw->id[j];
  }
  tw->n = keep;
  for (size_t i = 0; i < rw->n; i++) {
    bool hit = false;
    for (size_t j = 0; j < tw->n && !hit; j++)
      hit = pair_in(lx, rw->id[i], tw->id[j]);
    if (hit)
      (*hits)++;
    else
      (*misses)++;
  }
  free(rw);
  free(tw);
  free(ow);
  return TA_OK;
}
