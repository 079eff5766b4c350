/* Internals shared by the TMX modules (tmx_*.c); never installed. */
#ifndef TMXALIGN_TMX_INTERNAL_H
#define TMXALIGN_TMX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"
#include "tmxalign/tmx.h"

/* Append to out the UTF-8 text in[0..n) without what XML 1.0 forbids:
 * invalid UTF-8 (overlongs, encoded surrogates, > U+10FFFF), C0 controls
 * other than TAB LF CR, U+FFFE and U+FFFF.  *removed counts dropped
 * characters/bytes. */
ta_status ta__tmx_clean_text(const char *in, size_t n, ta__buf *out,
                             size_t *removed);

/* Fill buf (size >= 17) with the creation date: SOURCE_DATE_EPOCH when set
 * (reproducible builds convention), else the current time, as
 * YYYYMMDDThhmmssZ.  TA_EINVAL when SOURCE_DATE_EPOCH is not a number. */
ta_status ta__tmx_now(char *buf, size_t size, ta_error *err);

/* True when s has the shape YYYYMMDDThhmmssZ. */
bool ta__tmx_date_ok(const char *s);

/* Beads by index, so that arrays and ta_alignment share one writer. */
typedef const ta_bead *(*ta__bead_fn)(const void *ctx, size_t i);
/* The units of beads [0, n) appended to an open writer (filters of o);
 * tuids are the bead numbers, or with running_tuids the writer's count
 * + 1, unique across the pairs of a batch. */
ta_status ta__tmx_add_beads(ta_tmx_writer *w, const ta_doc *src,
                            const ta_doc *tgt, ta__bead_fn bead,
                            const void *ctx, size_t n,
                            const ta_tmx_align_opts *o, bool running_tuids,
                            ta_tmx_align_stats *stats, ta_error *err);
ta_status ta__tmx_write_beads_fn(const char *path, const ta_doc *src,
                                 const ta_doc *tgt, ta__bead_fn bead,
                                 const void *ctx, size_t n,
                                 const ta_tmx_align_opts *o,
                                 ta_tmx_align_stats *stats, ta_error *err);
ta_status ta__tmx_write_multi_fn(const char *path, const ta_doc *src,
                                 const ta_doc *const *tgts, ta__bead_fn bead,
                                 const void *const *ctx, const size_t *counts,
                                 size_t ntgt, const ta_tmx_align_opts *o,
                                 ta_tmx_align_stats *stats, ta_error *err);

/* A table of pairs read for ta_tmx_from_table (tmx_table.c): rows with
 * their line (TSV) or row number (XLSX) and three cells, score NULL when
 * the table has no score. */
typedef struct ta__table_row {
  size_t line;
  char *src, *tgt, *score;
} ta__table_row;
typedef struct ta__table {
  ta__table_row *rows;
  size_t n, cap;
} ta__table;
ta_status ta__table_add(ta__table *t, size_t line, const char *src, size_t ns,
                        const char *tgt, size_t nt, const char *score,
                        size_t nsc);
void ta__table_free(ta__table *t);
/* The first sheet of the XLSX workbook data[0..len) (tmx_xlsx.c), by its
 * header row's "source", "target" and "score" columns. */
ta_status ta__xlsx_read_table(const char *name, const char *data, size_t len,
                              ta__table *out, ta_error *err);

#endif
