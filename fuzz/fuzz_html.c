/* libFuzzer harness for the HTML reader (src/text/html.c) alone: every
 * input is read as HTML (TA_INPUT_HTML), whatever its bytes.  The first
 * byte picks the language, the declared encoding (none for most inputs,
 * so that UTF-8 sniffing, BOMs and <meta charset> are exercised) and
 * max_sentence_bytes; the rest is the page.  The sentences must keep the
 * promises of doc.h: UTF-8 text of len bytes, trimmed and not empty,
 * offsets inside the input, paragraphs in order.
 * Build: CC=clang cmake -S . -B build-fuzz -DTA_BUILD_FUZZ=ON
 *        cmake --build build-fuzz --target fuzz_html
 * Run:   build-fuzz/fuzz_html -max_total_time=60 fuzz/corpus_html */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <tmxalign/tmxalign.h>

static void ignore(void *user, const char *msg) {
  (void)user;
  (void)msg;
}

/* Is s[0, len) well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF)? */
static int utf8_ok(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    size_t n;
    unsigned min;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3, min = 0x10000;
    } else {
      return 0;
    }
    if (len - i <= n) return 0;
    unsigned cp = c & (0x3F >> n);
    for (size_t k = 1; k <= n; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = cp << 6 | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += n + 1;
  }
  return 1;
}

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const langs[] = {"fr", "en", "de", "ja",
                                      "zh", "ru", "es", "pt-BR"};
  /* NULL thrice: most inputs go the way a page without --encoding does */
  static const char *const encodings[] = {
      NULL,       NULL,       NULL,         "windows-1252",
      "UTF-16LE", "UTF-16BE", "ISO-8859-1", "UTF-8"};
  static const size_t max_sentence[] = {(size_t)1 << 20, 4096, 64, 7};
  if (size < 1) return 0;
  uint8_t sel = data[0];
  const uint8_t *page = data + 1;
  size_t len = size - 1;
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = langs[sel & 7];
  o.input = TA_INPUT_HTML;
  o.encoding = encodings[(sel >> 3) & 7];
  o.max_sentence_bytes = max_sentence[(sel >> 6) & 3];
  o.note.fn = ignore;
  ta_doc *d = NULL;
  ta_error err;
  if (ta_doc_load_mem("fuzz.html", page, len, &o, &d, &err) == TA_OK) {
    if (!ta_doc_is_html(d) || !ta_doc_encoding(d) || !ta_doc_lang(d))
      __builtin_trap();
    size_t n = ta_doc_count(d), paras = ta_doc_paragraph_count(d);
    size_t last_para = 0;
    for (size_t i = 0; i < n; i++) {
      const ta_sentence *s = ta_doc_sentence(d, i);
      const unsigned char *t = (const unsigned char *)s->text;
      /* Invariants every consumer relies on. */
      if (!s->text || strlen(s->text) != s->len || !s->len ||
          s->offset > s->end || s->end > len)
        __builtin_trap();
      if (!utf8_ok(t, s->len) || is_space(t[0]) || is_space(t[s->len - 1]))
        __builtin_trap();
      if (s->line < 1 || s->paragraph < last_para || s->paragraph >= paras)
        __builtin_trap();
      last_para = s->paragraph;
    }
  }
  ta_doc_free(d);
  return 0;
}
