/* libFuzzer harness for bilingual files (XLIFF 1.2 / 2.0, PO): the reader,
 * the two documents made of the units and the unit-by-unit beads that
 * check takes, as ta_check_bitext_file builds them.  The input is the file
 * itself; its first bytes choose the format by content.
 * Built only with -DTA_BUILD_FUZZ=ON and clang:
 *   CC=clang cmake -S . -B build-fuzz -DTA_BUILD_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_bitext
 *   build-fuzz/fuzz_bitext -max_total_time=60 fuzz/corpus_bitext */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "tmxalign/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ta_bitext *b = NULL;
  ta_error err;
  if (ta_bitext_load_mem("fuzz", data, size, &b, &err) != TA_OK) return 0;
  size_t n = ta_bitext_count(b), done = 0;
  for (size_t i = 0; i < n; i++) {
    const ta_bitext_unit *u = ta_bitext_unit_at(b, i);
    /* Invariants every consumer relies on. */
    if (!u->source || !u->target || u->offset > size || !u->line)
      __builtin_trap();
    done += u->target[0] != '\0';
  }
  if (done != ta_bitext_translated(b)) __builtin_trap();
  static const unsigned flags[] = {
      0, TA_BITEXT_KEEP_FUZZY | TA_BITEXT_KEEP_UNTRANSLATED};
  for (int k = 0; k < 2; k++) {
    ta_doc *s = NULL, *t = NULL;
    if (ta_bitext_docs(b, "fr", "en", flags[k], &s, &t, &err) != TA_OK)
      continue;
    if (k == 1 && (ta_doc_count(s) != n || ta_doc_count(t) != done))
      __builtin_trap();
    if (k == 1) { /* the pairing as check takes it */
      ta_bead *beads = calloc(n ? n : 1, sizeof *beads);
      size_t tj = 0;
      for (size_t i = 0; beads && i < n; i++) {
        bool tr = ta_bitext_unit_at(b, i)->target[0] != '\0';
        beads[i].src_begin = i;
        beads[i].src_len = 1;
        beads[i].tgt_begin = tj;
        beads[i].tgt_len = tr;
        beads[i].score = 1;
        tj += tr;
      }
      ta_alignment *al = NULL;
      ta_check_report *r = NULL;
      ta_check_opts co;
      ta_check_opts_init(&co);
      co.given_pairs = true;
      if (beads && ta_alignment_from_beads(s, t, beads, n, &al, &err) == TA_OK)
        ta_check(s, t, al, &co, &r, &err);
      ta_check_report_free(r);
      ta_alignment_free(al);
      free(beads);
    }
    ta_doc_free(s);
    ta_doc_free(t);
  }
  ta_bitext_free(b);
  return 0;
}
