/* ta_tmx_write_alignment: the bead writer over a ta_alignment.  Its own
 * file so that programs using only ta_tmx_write_beads do not pull the
 * aligner in from the static library. */
#include "tmx_internal.h"

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
