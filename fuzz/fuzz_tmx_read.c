/* libFuzzer harness for the TMX reader: any bytes, every inline mode, small
 * limits so that the limit paths are reached too.  Build with
 *   CC=clang cmake -S . -B build-fuzz -DTA_BUILD_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_tmx_read
 *   build-fuzz/fuzz_tmx_read -dict=fuzz/tmx.dict fuzz/corpus_tmx_read */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tmxalign/tmx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  ta_tmx_read_opts o;
  ta_tmx_read_opts_init(&o);
  /* The first byte picks the options; the rest is the file. */
  o.inline_codes = (ta_tmx_inline)(data[0] % 3);
  o.max_seg_bytes = (data[0] & 0x80) ? 64 : (size_t)1 << 20;
  o.max_variants = (data[0] & 0x40) ? 2 : 1024;
  ta_tmx_reader *r = NULL;
  ta_error err;
  if (ta_tmx_reader_open_mem("fuzz", data + 1, size - 1, &o, &r, &err) ==
      TA_OK) {
    const ta_tmx_unit *u = NULL;
    size_t sum = 0;
    while (ta_tmx_reader_next(r, &u, &err) == TA_OK && u) {
      for (size_t i = 0; i < u->nvariants; i++)
        sum += strlen(u->variants[i].text) + strlen(u->variants[i].lang);
      for (size_t i = 0; i < u->nprops; i++)
        sum += strlen(u->props[i].type) + strlen(u->props[i].value);
      (void)ta_tmx_unit_find(u, "en-US");
    }
    (void)sum;
  }
  ta_tmx_reader_free(r);
  return 0;
}
