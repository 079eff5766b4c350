/* TMX merge (duplicates by normalised text, best x-score kept, language
 * conflicts) and convert (TSV escapes, JSON Lines, language choice). */
/* The feature macro first, cmocka after its dependencies. */
// clang-format off
#include "tmx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
// clang-format on

#include "base/base.h"
#include "tmxalign/tmx.h"

typedef struct fixture {
  char *dir;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->dir = make_tmpdir();
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  rm_tree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* A unit as "en|fr|score" rows ("" score: no x-score prop). */
typedef struct row {
  const char *src, *tgt, *score;
} row;

static const char *write_rows(fixture *f, const char *name, const char *srclang,
                              const char *tgtlang, const row *rows, size_t n) {
  static char path[4][700];
  static int k;
  char *p = path[k++ % 4];
  snprintf(p, 700, "%s/%s", f->dir, name);
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = srclang;
  ta_tmx_writer *w = NULL;
  assert_int_equal(ta_tmx_writer_open(p, &h, NULL, &w, NULL), TA_OK);
  for (size_t i = 0; i < n; i++) {
    ta_tmx_variant v[2] = {{srclang, rows[i].src}, {tgtlang, rows[i].tgt}};
    ta_tmx_prop pr = {"x-score", rows[i].score};
    ta_tmx_unit u = {NULL, NULL, v, 2, &pr, *rows[i].score ? 1 : 0};
    assert_int_equal(ta_tmx_writer_add(w, &u, NULL), TA_OK);
  }
  assert_int_equal(ta_tmx_writer_close(w, NULL), TA_OK);
  ta_tmx_writer_free(w);
  return p;
}

static void merge_removes_duplicates_keeping_best(void **state) {
  fixture *f = *state;
  static const row a[] = {
      {"The cat sleeps.", "Le chat dort.", "0.5000"},
      {"A dog.", "Un chien.", "0.9000"},
      {"Caf\xC3\xA9 time.", "L'heure du caf\xC3\xA9.", "0.4000"},
  };
  static const row b[] = {
      /* same after whitespace collapsing, better score: wins */
      {"  The  cat\tsleeps. ", "Le chat\ndort.", "0.8000"},
      /* same texts, worse score: dropped */
      {"A dog.", "Un chien.", "0.1000"},
      /* decomposed e + U+0301: NFC-equal to unit 3 of a, no score */
      {"Cafe\xCC\x81 time.", "L'heure du cafe\xCC\x81.", ""},
      /* case differs: kept */
      {"a dog.", "un chien.", "0.3000"},
  };
  const char *in[2];
  in[0] = write_rows(f, "a.tmx", "en", "fr", a, 3);
  in[1] = write_rows(f, "b.tmx", "EN", "fr", b, 4);
  char out[700];
  snprintf(out, sizeof out, "%s/merged.tmx", f->dir);
  ta_tmx_merge_stats s;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_tmx_merge(in, 2, out, NULL, &s, &err), TA_OK);
  assert_int_equal(s.read, 7);
  assert_int_equal(s.written, 4);
  assert_int_equal(s.duplicates, 3);
  /* Winners in input order: a.2, a.3, b.1, b.4, renumbered. */
  assert_int_equal(validate_tmx(out, f->dir), 0);
  char dump[800];
  snprintf(dump, sizeof dump, "%s/merged.tmx.dump", f->dir);
  char *got = slurp(dump, NULL);
  assert_string_equal(got,
                      "en=A dog.\tfr=Un chien.\n"
                      "en=Caf\xC3\xA9 time.\tfr=L'heure du caf\xC3\xA9.\n"
                      "en=  The  cat\\tsleeps. \tfr=Le chat\\ndort.\n"
                      "en=a dog.\tfr=un chien.\n");
  free(got);
  char *x = slurp(out, NULL);
  assert_non_null(strstr(x,
                         "<tu tuid=\"3\">\n"
                         "      <prop type=\"x-score\">0.8000</prop>"));
  assert_non_null(strstr(x, "<prop type=\"x-score\">0.9000</prop>"));
  assert_null(strstr(x, "0.1000"));
  free(x);
}

static void merge_refuses_other_language_pairs(void **state) {
  fixture *f = *state;
  static const row r[] = {{"One.", "Eins.", "0.5000"}};
  const char *in[3];
  in[0] = write_rows(f, "en-fr.tmx", "en", "fr", r, 1);
  in[1] = write_rows(f, "en-de.tmx", "en", "de", r, 1);
  in[2] = write_rows(f, "fr-en.tmx", "fr", "en", r, 1);
  char out[700];
  snprintf(out, sizeof out, "%s/merged.tmx", f->dir);
  ta_error err;
  assert_int_equal(ta_tmx_merge(in, 2, out, NULL, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "en-de.tmx: tu #1: language de"));
  const char *swap[2] = {in[0], in[2]};
  assert_int_equal(ta_tmx_merge(swap, 2, out, NULL, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "fr-en.tmx: source language fr"));
  assert_int_equal(access(out, F_OK), -1); /* nothing written */
  const char *std[1] = {"-"};
  assert_int_equal(ta_tmx_merge(std, 1, out, NULL, NULL, &err), TA_EINVAL);
}

static void convert_tsv_and_jsonl(void **state) {
  fixture *f = *state;
  static const row r[] = {
      {"Tab\there, back\\slash", "Line\nbreak \"quoted\"", "0.7500"},
      {"No score.", "Pas de score.", ""},
  };
  const char *in = write_rows(f, "in.tmx", "en-GB", "fr", r, 2);
  char out[700];
  snprintf(out, sizeof out, "%s/out.txt", f->dir);
  ta_tmx_convert_opts o;
  ta_tmx_convert_opts_init(&o);
  ta_tmx_convert_stats s;
  assert_int_equal(ta_tmx_convert(in, out, &o, &s, NULL), TA_OK);
  assert_int_equal(s.written, 2);
  char *got = slurp(out, NULL);
  assert_string_equal(got,
                      "Tab\\there, back\\\\slash\tLine\\nbreak \"quoted\"\n"
                      "No score.\tPas de score.\n");
  free(got);
  o.format = TA_TMX_CONVERT_FORMAT_JSONL;
  assert_int_equal(ta_tmx_convert(in, out, &o, &s, NULL), TA_OK);
  got = slurp(out, NULL);
  assert_string_equal(
      got,
      "{\"tuid\":null,\"srclang\":\"en-GB\",\"tgtlang\":\"fr\","
      "\"source\":\"Tab\\there, back\\\\slash\","
      "\"target\":\"Line\\nbreak \\\"quoted\\\"\",\"score\":0.75}\n"
      "{\"tuid\":null,\"srclang\":\"en-GB\",\"tgtlang\":\"fr\","
      "\"source\":\"No score.\",\"target\":\"Pas de score.\","
      "\"score\":null}\n");
  free(got);
  /* Reversed direction, and a language that is not there. */
  o.format = TA_TMX_CONVERT_FORMAT_TSV;
  o.srclang = "FR";
  o.tgtlang = "en_gb";
  assert_int_equal(ta_tmx_convert(in, out, &o, &s, NULL), TA_OK);
  got = slurp(out, NULL);
  assert_non_null(strstr(got, "Pas de score.\tNo score.\n"));
  free(got);
  /* A language in no unit is an error naming those the file has (it was
   * a success that skipped every unit), and nothing is written. */
  spit(out, "previous\n");
  ta_error err;
  o.tgtlang = "de";
  assert_int_equal(ta_tmx_convert(in, out, &o, &s, &err), TA_EINVAL);
  assert_non_null(strstr(err.message,
                         "in.tmx: no unit has the target "
                         "language 'de'; the file has: en-GB, fr"));
  o.srclang = "xx";
  o.tgtlang = "yy";
  assert_int_equal(ta_tmx_convert(in, out, &o, &s, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "source language 'xx'"));
  got = slurp(out, NULL);
  assert_string_equal(got, "previous\n");
  free(got);
}

/* Units lacking a language that other units have are still skipped. */
static void convert_skips_units_without_both(void **state) {
  fixture *f = *state;
  static const row r[] = {{"One.", "Un.", ""}};
  const char *in = write_rows(f, "fr.tmx", "en", "fr", r, 1);
  const char *in2 = write_rows(f, "de.tmx", "en", "de", r, 1);
  /* one file with an en-fr unit and an en-de unit */
  char *a = slurp(in, NULL), *b = slurp(in2, NULL);
  char both[4096];
  const char *tu = strstr(b, "<tu");
  const char *end = strstr(a, "</body>");
  snprintf(both, sizeof both, "%.*s%.*s", (int)(end - a), a,
           (int)(strstr(b, "</body>") - tu), tu);
  strcat(both, "</body>\n</tmx>\n");
  free(a);
  free(b);
  char mixed[700], out[700];
  snprintf(mixed, sizeof mixed, "%s/mixed.tmx", f->dir);
  snprintf(out, sizeof out, "%s/out.tsv", f->dir);
  spit(mixed, both);
  ta_tmx_convert_opts o;
  ta_tmx_convert_opts_init(&o);
  o.tgtlang = "de";
  ta_tmx_convert_stats s;
  ta_error err;
  ta_status st = ta_tmx_convert(mixed, out, &o, &s, &err);
  if (st != TA_OK) fail_msg("%s", err.message);
  assert_int_equal(s.units, 2);
  assert_int_equal(s.written, 1);
  assert_int_equal(s.skipped, 1);
}

static void convert_reports_read_errors(void **state) {
  fixture *f = *state;
  char out[700];
  snprintf(out, sizeof out, "%s/out.tsv", f->dir);
  spit(out, "previous\n");
  ta_error err;
  assert_int_equal(
      ta_tmx_convert(data_file("truncated.tmx"), out, NULL, NULL, &err),
      TA_EPARSE);
  assert_non_null(strstr(err.message, "truncated.tmx: line"));
  char *got = slurp(out, NULL);
  assert_string_equal(got, "previous\n"); /* old output kept */
  free(got);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(merge_removes_duplicates_keeping_best,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(merge_refuses_other_language_pairs, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(convert_tsv_and_jsonl, setup, teardown),
      cmocka_unit_test_setup_teardown(convert_skips_units_without_both, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(convert_reports_read_errors, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
