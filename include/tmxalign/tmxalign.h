/* tmxalign: sentence alignment of a document and its translation, TMX 1.4b
 * translation memories, and translation completeness checks.
 *
 * A complete program (the build extracts this very text, compiles it and
 * runs it on the bundled story as the test "example.header"): align a
 * French story with its English translation, write the pairs as a TMX
 * memory, and check that nothing was left out.
 *
 *   #include <stdio.h>
 *   #include <tmxalign/tmxalign.h>
 *
 *   int main(void) {
 *     ta_error err;
 *     ta_split_opts so;
 *     ta_split_opts_init(&so);
 *     ta_doc *fr = NULL, *en = NULL;
 *     ta_alignment *al = NULL;
 *     ta_check_report *report = NULL;
 *     ta_status st;
 *
 *     so.lang = "fr";
 *     st = ta_doc_load_file("story.fr.txt", &so, &fr, &err);
 *     so.lang = "en";
 *     if (st == TA_OK) st = ta_doc_load_file("story.en.txt", &so, &en, &err);
 *
 *     ta_align_opts ao;
 *     ta_align_opts_init(&ao);
 *     if (st == TA_OK) st = ta_align(fr, en, &ao, &al, &err);
 *
 *     ta_tmx_align_opts to;
 *     ta_tmx_align_opts_init(&to);
 *     if (st == TA_OK)
 *       st = ta_tmx_write_alignment("story.tmx", fr, en, al, &to, NULL, &err);
 *
 *     ta_check_opts co;
 *     ta_check_opts_init(&co);
 *     if (st == TA_OK) st = ta_check(fr, en, al, &co, &report, &err);
 *     if (st == TA_OK) {
 *       const ta_check_summary *s = ta_check_report_summary(report);
 *       printf("%zu units; coverage %.1f%%, %s\n", ta_alignment_count(al),
 *              100 * s->coverage, s->complete ? "complete" : "incomplete");
 *     } else {
 *       fprintf(stderr, "%s\n", err.message);
 *     }
 *
 *     ta_check_report_free(report);
 *     ta_alignment_free(al);
 *     ta_doc_free(en);
 *     ta_doc_free(fr);
 *     return st == TA_OK ? 0 : 1;
 *   }
 *
 * Build it with `cc example.c $(pkg-config --cflags --libs tmxalign)`.
 *
 * Ownership, once for the whole API: you own what a *_new / *_load_* /
 * ta_align call returns through its out-parameter and release it with the
 * matching *_free (every *_free accepts NULL).  Functions never take
 * ownership of their arguments.  A returned const pointer is borrowed: it is
 * valid until the object it came from is freed.
 *
 * Errors: functions return ta_status (status.h) and, when given a ta_error,
 * fill it with a one-line message naming the file and byte offset.
 * The library never prints, exits or aborts. */
#ifndef TMXALIGN_H
#define TMXALIGN_H

#include "tmxalign/align.h"
#include "tmxalign/batch.h"
#include "tmxalign/check.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/lexicon.h"
#include "tmxalign/outfile.h"
#include "tmxalign/pipe.h"
#include "tmxalign/review.h"
#include "tmxalign/status.h"
#include "tmxalign/tmx.h"
#include "tmxalign/version.h"

#endif
