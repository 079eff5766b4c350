/* ta_tmx_write_alignment / _multi: the bead writers over ta_alignment.  Own
 * file so that programs using only ta_tmx_write_beads do not pull the
 * aligner in from the static library. */
#include "tmx/tmx_int.h"

static const ta_bead *alignment_bead(const void *ctx, size_t i) {
  return ta_alignment_bead((const ta_alignment *)ctx, i);
}

ta_status ta_tmx_write_alignment(const char *path, const ta_doc *src,
                                 const ta_doc *tgt, const ta_alignment *a,
                                 const ta_tmx_align_opts *o,
                                 ta_tmx_align_stats *stats, ta_error *err) {
  if (!a) return ta__fail(err, TA_EINVAL, "tmx: no alignment given");
  return ta__tmx_write_beads_fn(path, src, tgt, alignment_bead, a,
                                ta_alignment_count(a), o, stats, err);
}

ta_status ta_tmx_write_multi(const char *path, const ta_doc *src,
                             const ta_doc *const *tgts,
                             const ta_alignment *const *alignments, size_t ntgt,
                             const ta_tmx_align_opts *o,
                             ta_tmx_align_stats *stats, ta_error *err) {
  if (!alignments || ntgt > TA_TMX_MAX_TARGETS)
    return ta__fail(err, TA_EINVAL, "tmx: 1 to %d alignments needed",
                    TA_TMX_MAX_TARGETS);
  size_t counts[TA_TMX_MAX_TARGETS];
  const void *ctx[TA_TMX_MAX_TARGETS];
  for (size_t k = 0; k < ntgt; k++) {
    if (!alignments[k])
      return ta__fail(err, TA_EINVAL, "tmx: alignment %zu missing", k + 1);
    counts[k] = ta_alignment_count(alignments[k]);
    ctx[k] = alignments[k];
  }
  return ta__tmx_write_multi_fn(path, src, tgts, alignment_bead, ctx, counts,
                                ntgt, o, stats, err);
}
