/* libFuzzer harness for document loading: decoding, detection, HTML and
 * splitting.  The first input byte picks the input kind, language and
 * encoding (and the name: .md with the top bit), so one corpus covers
 * every path; the rest is the document.
 * Built only with -DTA_BUILD_FUZZ=ON and clang:
 *   CC=clang cmake -S . -B build-fuzz -DTA_BUILD_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_input
 *   build-fuzz/fuzz_input -max_total_time=60 fuzz/corpus_input */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/base.h"

static void ignore(void *user, const char *msg) {
  (void)user;
  (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const langs[] = {"fr", "en", "de", "ja"};
  /* AUTO: content sniffing and the zip readers (DOCX, ODT, EPUB), XLIFF,
   * PO, SRT and WebVTT; with the top bit, Markdown. */
  static const ta_input_kind kinds[] = {TA_INPUT_TEXT, TA_INPUT_HTML,
                                        TA_INPUT_PRESPLIT, TA_INPUT_AUTO};
  static const char *const encodings[] = {NULL, NULL, "windows-1252",
                                          "UTF-16LE"};
  if (size < 1) return 0;
  uint8_t sel = data[0];
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = langs[sel & 3];
  o.input = kinds[(sel >> 2) & 3];
  o.encoding = encodings[(sel >> 4) & 3];
  o.max_sentence_bytes = (sel & 0x40) ? 64 : 4096; /* exercise cutting */
  o.note.fn = ignore;
  ta_doc *d = NULL;
  ta_error err;
  /* Markdown is known by name only: the top bit names the input .md */
  const char *name = (sel & 0x80) ? "fuzz.md" : "fuzz";
  if (ta_doc_load_mem(name, data + 1, size - 1, &o, &d, &err) == TA_OK) {
    size_t n = ta_doc_count(d);
    for (size_t i = 0; i < n; i++) {
      const ta_sentence *s = ta_doc_sentence(d, i);
      /* Invariants every consumer relies on. */
      if (strlen(s->text) != s->len || s->offset > s->end ||
          s->end > size - 1 || !s->len)
        __builtin_trap();
    }
  }
  ta_doc_free(d);
  return 0;
}
