/* The review page: one self-contained HTML file (inline style and script,
 * no network, opens from file://) to check and fix an alignment in a
 * browser, then export it as TMX, TSV or JSON lines (docs/review.md).
 *
 * The page holds both documents and the beads; what the reviewer does is
 * kept in the browser (localStorage, keyed by the documents' digests), so
 * it survives a reload; the JSON lines it exports are read back by
 * ta_alignment_read_jsonl (align.h). */
#ifndef TMXALIGN_REVIEW_H
#define TMXALIGN_REVIEW_H

#include <stdio.h>

#include "tmxalign/align.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ta_review_opts {
  /** Confirmed beads and edited sentences to start from (an alignment
   * read back with ta_alignment_read_jsonl); NULL: none. */
  const ta_alignment_marks *marks;
  /** The page's title; NULL: "Review: SRC / TGT" from the documents'
   * names. */
  const char *title;
} ta_review_opts;

TA_EXPORT void ta_review_opts_init(ta_review_opts *o);

/** The digest of a document's sentences that keys the page's saved
 * state: FNV-1a (64 bits) of each sentence's text followed by a newline,
 * as 16 lower-case hex digits and a NUL into out. */
TA_EXPORT void ta_review_digest(const ta_doc *d, char out[17]);

/** Write the review page of a (an alignment of src with tgt) to fp.
 * o may be NULL (defaults).  marks, when given, must be of this pair
 * (as many beads and sentences).  Errors: TA_EINVAL, TA_EIO. */
TA_EXPORT ta_status ta_review_write_html(FILE *fp, const ta_doc *src,
                                         const ta_doc *tgt,
                                         const ta_alignment *a,
                                         const ta_review_opts *o,
                                         ta_error *err);

#ifdef __cplusplus
}
#endif
#endif
