/* libFuzzer harness for batch manifests (batch.h): any bytes are parsed as
 * a manifest; the pairs it yields must be well-formed strings.
 * Build: cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DTA_BUILD_FUZZ=ON
 * Run:   build-fuzz/fuzz_manifest fuzz/corpus_manifest */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tmxalign/tmxalign.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ta_batch_list *l = NULL;
  ta_error err;
  if (ta_batch_manifest_parse("fuzz.tsv", (const char *)data, size, "/base", &l,
                              &err) == TA_OK) {
    const ta_batch_pair *p = ta_batch_list_pairs(l);
    for (size_t i = 0; i < ta_batch_list_count(l); i++)
      if (!p[i].src || !p[i].tgt || !strlen(p[i].src) || !strlen(p[i].tgt))
        abort();
  }
  ta_batch_list_free(l);
  return 0;
}
