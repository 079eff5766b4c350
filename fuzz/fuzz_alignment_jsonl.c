/* libFuzzer harness for alignments in JSON lines (align.h): any bytes are
 * read as the alignment of two small documents; one that is accepted must
 * cover both in order, and its review page (review.h) is written.
 * Build: cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DTA_BUILD_FUZZ=ON
 * Run:   build-fuzz/fuzz_alignment_jsonl fuzz/corpus_alignment_jsonl */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tmxalign/tmxalign.h>

static ta_doc *src, *tgt;

static void docs(void) {
  static const char *const s[] = {"Un.",     "Deux.", "Trois.",
                                  "Quatre.", "Cinq.", "Six."};
  static const char *const t[] = {"One.", "Two.", "Three four.", "Five.",
                                  "Six."};
  static const size_t sp[] = {0, 0, 1, 1, 2, 2}, tp[] = {0, 0, 1, 2, 2};
  if (ta_doc_from_segments("s", "fr", s, sp, 6, &src, NULL) ||
      ta_doc_from_segments("t", "en", t, tp, 5, &tgt, NULL))
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!src) docs();
  ta_alignment *al = NULL;
  ta_alignment_marks m;
  memset(&m, 0, sizeof m);
  ta_error err;
  if (ta_alignment_read_jsonl_mem("fuzz.jsonl", (const char *)data, size, src,
                                  tgt, &al, &m, &err) == TA_OK) {
    size_t ns = 0, nt = 0;
    for (size_t k = 0; k < ta_alignment_count(al); k++) {
      const ta_bead *b = ta_alignment_bead(al, k);
      if (b->src_begin != ns || b->tgt_begin != nt ||
          !(b->src_len + b->tgt_len) || !(b->score >= 0 && b->score <= 1))
        abort();
      ns += b->src_len;
      nt += b->tgt_len;
    }
    if (ns != 6 || nt != 5 || m.nbeads != ta_alignment_count(al)) abort();
    FILE *fp = fopen("/dev/null", "w");
    ta_review_opts o;
    ta_review_opts_init(&o);
    o.marks = &m;
    if (fp && ta_review_write_html(fp, src, tgt, al, &o, &err) != TA_OK)
      abort();
    if (fp) fclose(fp);
  }
  ta_alignment_marks_free(&m);
  ta_alignment_free(al);
  return 0;
}
