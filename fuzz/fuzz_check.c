/* libFuzzer harness for the completeness check (check.h) and its report
 * writers: two documents are read from the input, aligned, checked, and
 * the report is written in every format.
 * Input: byte 0 picks the languages (low nibble the source's, high nibble
 * the target's, each modulo 5 among fr, en, de, ja, zh); byte 1 the
 * options (bit 0: source presplit, bit 1: target presplit, bits 2-3:
 * max_bead 4 / 5 / 2 / 3, bit 4: paragraphs ignored, bit 5: one pass, bit
 * 6: every kind fails the verdict, bit 7: hints as low as partial ones);
 * the rest is the source text, a NUL byte, then the target text (no NUL:
 * an empty target).
 * Checked: the alignment covers both documents in order, the findings and
 * the summary stay within them, every writer succeeds and writes UTF-8,
 * and the JSON report is one well-formed JSON value.
 * Build: CC=clang cmake -S . -B build-fuzz -DTA_BUILD_FUZZ=ON
 *        cmake --build build-fuzz --target fuzz_check
 * Run:   build-fuzz/fuzz_check -max_total_time=60 fuzz/corpus_check */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tmxalign/tmxalign.h>

static void ignore(void *user, const char *msg) {
  (void)user;
  (void)msg;
}

#define CHECK(cond)                \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

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

/* A small JSON (RFC 8259) recogniser: is [*p, end) one value, then
 * whitespace?  Depth is bounded (a report nests a few levels). */
typedef struct json_in {
  const char *p, *end;
} json_in;

static void json_ws(json_in *j) {
  while (j->p < j->end &&
         (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
    j->p++;
}

static int json_lit(json_in *j, const char *lit) {
  size_t n = strlen(lit);
  if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n)) return 0;
  j->p += n;
  return 1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int json_number(json_in *j) {
  if (j->p < j->end && *j->p == '-') j->p++;
  if (j->p >= j->end || !is_digit(*j->p)) return 0;
  if (*j->p == '0')
    j->p++;
  else
    while (j->p < j->end && is_digit(*j->p)) j->p++;
  if (j->p < j->end && *j->p == '.') {
    j->p++;
    if (j->p >= j->end || !is_digit(*j->p)) return 0;
    while (j->p < j->end && is_digit(*j->p)) j->p++;
  }
  if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
    j->p++;
    if (j->p < j->end && (*j->p == '+' || *j->p == '-')) j->p++;
    if (j->p >= j->end || !is_digit(*j->p)) return 0;
    while (j->p < j->end && is_digit(*j->p)) j->p++;
  }
  return 1;
}

static int is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int json_string(json_in *j) {
  if (j->p >= j->end || *j->p != '"') return 0;
  j->p++;
  while (j->p < j->end && *j->p != '"') {
    unsigned char c = (unsigned char)*j->p;
    if (c < 0x20) return 0; /* control characters must be escaped */
    if (c == '\\') {
      j->p++;
      if (j->p >= j->end) return 0;
      char e = *j->p;
      if (e == 'u') {
        if (j->end - j->p < 5) return 0;
        for (int k = 1; k <= 4; k++)
          if (!is_hex(j->p[k])) return 0;
        j->p += 4;
      } else if (!strchr("\"\\/bfnrt", e) || !e) {
        return 0;
      }
    }
    j->p++;
  }
  if (j->p >= j->end) return 0;
  j->p++;
  return 1;
}

static int json_value(json_in *j, int depth) {
  if (depth > 32) return 0;
  json_ws(j);
  if (j->p >= j->end) return 0;
  switch (*j->p) {
    case '{':
      j->p++;
      json_ws(j);
      if (j->p < j->end && *j->p == '}') return j->p++, 1;
      for (;;) {
        json_ws(j);
        if (!json_string(j)) return 0;
        json_ws(j);
        if (j->p >= j->end || *j->p != ':') return 0;
        j->p++;
        if (!json_value(j, depth + 1)) return 0;
        json_ws(j);
        if (j->p >= j->end) return 0;
        if (*j->p == '}') return j->p++, 1;
        if (*j->p != ',') return 0;
        j->p++;
      }
    case '[':
      j->p++;
      json_ws(j);
      if (j->p < j->end && *j->p == ']') return j->p++, 1;
      for (;;) {
        if (!json_value(j, depth + 1)) return 0;
        json_ws(j);
        if (j->p >= j->end) return 0;
        if (*j->p == ']') return j->p++, 1;
        if (*j->p != ',') return 0;
        j->p++;
      }
    case '"':
      return json_string(j);
    case 't':
      return json_lit(j, "true");
    case 'f':
      return json_lit(j, "false");
    case 'n':
      return json_lit(j, "null");
    default:
      return json_number(j);
  }
}

static int json_ok(const char *s, size_t len) {
  json_in j = {s, s + len};
  if (!json_value(&j, 0)) return 0;
  json_ws(&j);
  return j.p == j.end;
}

static void check_span(const ta_check_span *sp, const ta_doc *d) {
  size_t n = ta_doc_count(d);
  CHECK(sp->begin <= n && sp->len <= n - sp->begin);
  CHECK(sp->offset <= sp->end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const langs[] = {"fr", "en", "de", "ja", "zh"};
  static const int max_bead[] = {4, 5, 2, 3};
  if (size < 2) return 0;
  uint8_t lsel = data[0], osel = data[1];
  const uint8_t *src_text = data + 2;
  size_t rest = size - 2;
  const uint8_t *nul = memchr(src_text, 0, rest);
  size_t src_len = nul ? (size_t)(nul - src_text) : rest;
  const uint8_t *tgt_text = nul ? nul + 1 : src_text + rest;
  size_t tgt_len = nul ? rest - src_len - 1 : 0;

  ta_split_opts so, to;
  ta_split_opts_init(&so);
  so.lang = langs[(lsel & 15) % 5];
  so.input = (osel & 1) ? TA_INPUT_PRESPLIT : TA_INPUT_TEXT;
  so.note.fn = ignore;
  to = so;
  to.lang = langs[(lsel >> 4) % 5];
  to.input = (osel & 2) ? TA_INPUT_PRESPLIT : TA_INPUT_TEXT;

  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_check_report *r = NULL;
  ta_error err;
  if (ta_doc_load_mem("src.txt", src_text, src_len, &so, &src, &err) != TA_OK ||
      ta_doc_load_mem("tgt.txt", tgt_text, tgt_len, &to, &tgt, &err) != TA_OK)
    goto out;

  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  ao.max_bead = max_bead[(osel >> 2) & 3];
  ao.use_paragraphs = !(osel & 16);
  if (osel & 32) ao.passes = 1;
  ao.note.fn = ignore;
  if (ta_align(src, tgt, &ao, &al, &err) != TA_OK) goto out;

  /* Every sentence of both sides in exactly one bead, in order. */
  size_t ns = ta_doc_count(src), nt = ta_doc_count(tgt);
  size_t nb = ta_alignment_count(al), si = 0, ti = 0;
  for (size_t i = 0; i < nb; i++) {
    const ta_bead *b = ta_alignment_bead(al, i);
    CHECK(b->src_begin == si && b->tgt_begin == ti);
    CHECK(b->src_len + b->tgt_len >= 1);
    CHECK(!(b->src_len && b->tgt_len) ||
          (int)(b->src_len + b->tgt_len) <= ao.max_bead);
    CHECK(b->score >= 0 && b->score <= 1);
    si += b->src_len;
    ti += b->tgt_len;
  }
  CHECK(si == ns && ti == nt);

  ta_check_opts co;
  ta_check_opts_init(&co);
  if (osel & 64) co.fail_on = ~0u;
  if (osel & 128) co.hint_threshold = co.partial_threshold;
  if (ta_check(src, tgt, al, &co, &r, &err) != TA_OK) goto out;

  const ta_check_summary *sum = ta_check_report_summary(r);
  size_t nf = ta_check_report_count(r), by_kind = 0, by_sev = 0;
  CHECK(sum->src_sentences == ns && sum->tgt_sentences == nt);
  CHECK(sum->src_translated <= ns && sum->tgt_added <= nt);
  CHECK(sum->src_chars_translated <= sum->src_chars);
  CHECK(sum->coverage >= 0 && sum->coverage <= 1);
  for (int k = 0; k < TA_FINDING_KIND_MAX; k++) by_kind += sum->by_kind[k];
  for (int k = 0; k < TA_SEVERITY_MAX; k++) by_sev += sum->by_severity[k];
  CHECK(by_kind == nf && by_sev == nf);
  for (size_t i = 0; i < nf; i++) {
    const ta_finding *f = ta_check_report_finding(r, i);
    CHECK(f && f->message);
    CHECK((unsigned)f->kind < TA_FINDING_KIND_COUNT);
    CHECK((unsigned)f->severity <= TA_SEVERITY_ERROR);
    CHECK(f->bead <= nb && f->nbeads <= nb - f->bead);
    check_span(&f->src, src);
    check_span(&f->tgt, tgt);
    CHECK(utf8_ok((const unsigned char *)f->message, strlen(f->message)));
  }

  static const ta_check_format formats[] = {
      TA_CHECK_FORMAT_TEXT, TA_CHECK_FORMAT_TEXT_COLOR, TA_CHECK_FORMAT_JSON,
      TA_CHECK_FORMAT_HTML};
  for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp) break;
    ta_status st = ta_check_report_write(fp, formats[k], src, tgt, al, r, &err);
    CHECK(fclose(fp) == 0);
    CHECK(st == TA_OK && len > 0);
    CHECK(utf8_ok((const unsigned char *)buf, len));
    CHECK(memchr(buf, 0, len) == NULL);
    if (formats[k] == TA_CHECK_FORMAT_JSON) CHECK(json_ok(buf, len));
    free(buf);
  }

out:
  ta_check_report_free(r);
  ta_alignment_free(al);
  ta_doc_free(tgt);
  ta_doc_free(src);
  return 0;
}
