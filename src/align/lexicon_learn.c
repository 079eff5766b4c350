/* ta_lexicon_learn: the table a pair teaches, handed to the caller (for
 * --lexicon-save and programs that keep tables) instead of used at once.
 * Above align.c, which it calls; the learning itself is lexicon_train.c. */
#include <stdlib.h>

#include "align/align.h"

ta_status ta_lexicon_learn(const ta_doc *src, const ta_doc *tgt,
                           const ta_align_opts *o, ta_lexicon **out,
                           size_t *beads_used, ta_error *err) {
  ta_align_opts opts;
  if (o)
    opts = *o;
  else
    ta_align_opts_init(&opts);
  opts.lexicon = NULL;
  opts.self_train = false;
  opts.posteriors = false; /* the table needs the beads only */
  ta_alignment *al = NULL;
  ta_lexicon *lx = NULL;
  size_t used = 0;
  ta_status st = ta_align(src, tgt, &opts, &al, err);
  if (st == TA_OK) st = ta_lexicon_new(&lx, err);
  if (st == TA_OK)
    st = ta__lex_learn_beads(lx, src, tgt, al->beads, al->n, &used);
  ta_alignment_free(al);
  if (st != TA_OK) {
    ta_lexicon_free(lx);
    if (st == TA_ENOMEM) ta__fail(err, st, "lexicon: out of memory");
    return st;
  }
  if (beads_used) *beads_used = used;
  *out = lx;
  return TA_OK;
}
