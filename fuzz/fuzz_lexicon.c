/* libFuzzer harness for the dictionary readers (lexicon.h): the input,
 * cut at its first NUL byte, becomes a dictd pair X.index + X.dict (and,
 * whole, a line-format dictionary), loaded with and without reversal.
 * Build: cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DTA_BUILD_FUZZ=ON
 * Run:   build-fuzz/fuzz_lexicon fuzz/corpus_lexicon */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tmxalign/tmxalign.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const uint8_t *data, size_t n) {
  char p[128];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *fp = fopen(p, "wb");
  if (!fp) abort();
  if (n) fwrite(data, 1, n, fp);
  fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!dir[0]) {
    strcpy(dir, "/tmp/ta-fuzz-lexicon-XXXXXX");
    if (!mkdtemp(dir)) abort();
  }
  const uint8_t *nul = memchr(data, 0, size);
  size_t cut = nul ? (size_t)(nul - data) : size;
  put("fra-deu.index", data, cut);
  put("fra-deu.dict", nul ? nul + 1 : data, nul ? size - cut - 1 : 0);
  put("lines.tsv", data, size);
  static const char *const names[] = {"fra-deu.index", "fra-deu.dict",
                                      "lines.tsv"};
  for (int i = 0; i < 3; i++)
    for (int rev = 0; rev < 2; rev++) {
      char p[128];
      ta_lexicon *lx = NULL;
      ta_error err;
      snprintf(p, sizeof p, "%s/%s", dir, names[i]);
      if (ta_lexicon_new(&lx, NULL) != TA_OK) abort();
      ta_lexicon_load_dict(lx, p, rev ? "de" : "fr", rev ? "fr" : "de", NULL,
                           &err);
      ta_lexicon_free(lx);
    }
  return 0;
}
