/* ta_tmx_writer_add_beads: the units of one document pair appended to a
 * memory that is already open, for batches that put many pairs into one
 * file.  Units are those of ta_tmx_write_beads() (tmx_align.c makes both);
 * only the tuids differ, running on across pairs so that they stay unique
 * in the memory.  Does not open, close or own the writer. */
#include "tmx/tmx_int.h"

static const ta_bead *array_bead(const void *ctx, size_t i) {
  return (const ta_bead *)ctx + i;
}

ta_status ta_tmx_writer_add_beads(ta_tmx_writer *w, const ta_doc *src,
                                  const ta_doc *tgt, const ta_bead *beads,
                                  size_t n, const ta_tmx_align_opts *o,
                                  ta_tmx_align_stats *stats, ta_error *err) {
  if (!w || !src || !tgt || (n && !beads))
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  ta_tmx_align_opts def;
  if (!o) {
    ta_tmx_align_opts_init(&def);
    o = &def;
  }
  return ta__tmx_add_beads(w, src, tgt, array_bead, beads, n, o, true, stats,
                           err);
}
