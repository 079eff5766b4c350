/* The reader page, the book and the review spreadsheet
 * (ta_alignment_write with TA_ALIGN_FORMAT_HTML, _EPUB, _XLSX) and the
 * way back, ta_tmx_from_table: headings, weak beads, escaping, CJK
 * joining, the EPUB's stored mimetype, an XLSX round trip to TMX, and the
 * TSV traps (header, BOM, CRLF, blank and empty rows, no tab, bad UTF-8,
 * bad score). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "tmxalign/tmxalign.h"

typedef struct fixture {
  ta_doc *src, *tgt;
  ta_alignment *al;
  char dir[64];
} fixture;

/* Three paragraphs: a title, then two sentences whose middle bead is weak,
 * with markup-like characters to escape. */
static int setup(void **state) {
  static const char *const s[] = {"Titre", "Un <b> & deux.", "Trois."};
  static const char *const t[] = {"Title", "One <b> & two.", "Three."};
  static const size_t ps[] = {0, 1, 1}, pt[] = {0, 1, 1};
  fixture *f = calloc(1, sizeof *f);
  ta_error err;
  ta_error_clear(&err);
  if (!f || ta_doc_from_segments("story.fr", "fr", s, ps, 3, &f->src, &err) ||
      ta_doc_from_segments("story.en", "en", t, pt, 3, &f->tgt, &err))
    return -1;
  ta_bead b[3] = {{0}};
  for (size_t k = 0; k < 3; k++) {
    b[k].src_begin = b[k].tgt_begin = k;
    b[k].src_len = b[k].tgt_len = 1;
    b[k].score = k == 1 ? 0.3 : 0.9;
  }
  if (ta_alignment_from_beads(f->src, f->tgt, b, 3, &f->al, &err)) return -1;
  snprintf(f->dir, sizeof f->dir, "/tmp/ta-outputs-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) return -1;
  ta_alignment_free(f->al);
  ta_doc_free(f->src);
  ta_doc_free(f->tgt);
  free(f);
  return 0;
}

/* The output of format in a malloc'd buffer. */
static char *render(const fixture *f, ta_align_format format, size_t *len) {
  char *buf = NULL;
  FILE *m = open_memstream(&buf, len);
  assert_non_null(m);
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_alignment_write(m, format, f->src, f->tgt, f->al, &err),
                   TA_OK);
  assert_int_equal(fclose(m), 0);
  return buf;
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p++) n++;
  return n;
}

static void html_page(void **state) {
  fixture *f = *state;
  size_t len;
  char *h = render(f, TA_ALIGN_FORMAT_HTML, &len);
  assert_non_null(strstr(h, "<title>Titre</title>"));
  assert_null(strstr(h, "<h1>")); /* the first row is the title */
  assert_non_null(strstr(h, "<h2><span data-bead=\"0\">Titre</span></h2>"));
  assert_non_null(strstr(h, "<div class=\"src\" lang=\"fr\""));
  assert_non_null(strstr(h, "<div class=\"tgt\" lang=\"en\""));
  assert_int_equal(count(h, "class=\"weak\" data-bead=\"1\""), 2);
  assert_int_equal(count(h, "class=\"weak\" data-bead="), 2);
  assert_non_null(strstr(h, "Un &lt;b&gt; &amp; deux."));
  assert_null(strstr(h, "<b>"));
  /* two source paragraphs: two rows, the second with two sentences */
  assert_int_equal(count(h, "<div class=\"row\">"), 2);
  assert_non_null(strstr(h, "@media (max-width:48em)"));
  free(h);
}

static void html_joins_cjk_without_space(void **state) {
  (void)state;
  static const char *const s[] = {"駅に着いた。", "雨だった。"};
  static const char *const t[] = {"I reached the station.", "It rained."};
  ta_doc *ds, *dt;
  ta_alignment *al;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_doc_from_segments("ja", "ja", s, NULL, 2, &ds, &err),
                   TA_OK);
  assert_int_equal(ta_doc_from_segments("en", "en", t, NULL, 2, &dt, &err),
                   TA_OK);
  ta_bead b[2] = {{0, 1, 0, 1, 0.9, 0, 0, 0, 0, 0, {0}},
                  {1, 1, 1, 1, 0.9, 0, 0, 0, 0, 0, {0}}};
  assert_int_equal(ta_alignment_from_beads(ds, dt, b, 2, &al, &err), TA_OK);
  char *buf = NULL;
  size_t len;
  FILE *m = open_memstream(&buf, &len);
  assert_int_equal(
      ta_alignment_write(m, TA_ALIGN_FORMAT_HTML, ds, dt, al, &err), TA_OK);
  fclose(m);
  assert_non_null(strstr(buf, "着いた。</span><span data-bead=\"1\">雨"));
  assert_non_null(strstr(buf, "station.</span> <span data-bead=\"1\">It"));
  free(buf);
  ta_alignment_free(al);
  ta_doc_free(ds);
  ta_doc_free(dt);
}

/* The first local header: "mimetype", stored, no extra field, its text. */
static void epub_mimetype_first_and_stored(void **state) {
  fixture *f = *state;
  size_t len;
  unsigned char *z = (unsigned char *)render(f, TA_ALIGN_FORMAT_EPUB, &len);
  assert_true(len > 58);
  assert_memory_equal(z, "PK\3\4", 4);
  assert_int_equal(z[8] | z[9] << 8, 0);   /* method: stored */
  assert_int_equal(z[26] | z[27] << 8, 8); /* name length */
  assert_int_equal(z[28] | z[29] << 8, 0); /* extra length */
  assert_memory_equal(z + 30, "mimetype", 8);
  assert_memory_equal(z + 38, "application/epub+zip", 20);
  free(z);
}

static ta_status write_file(const char *path, const void *data, size_t len) {
  FILE *fp = fopen(path, "wb");
  if (!fp) return TA_EIO;
  size_t n = fwrite(data, 1, len, fp);
  return fclose(fp) == 0 && n == len ? TA_OK : TA_EIO;
}

/* Units of a TMX file as "src|tgt|score" lines. */
static char *units_of(const char *path) {
  ta_tmx_reader *r;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_tmx_reader_open(path, NULL, &r, &err), TA_OK);
  char *buf = NULL;
  size_t len;
  FILE *m = open_memstream(&buf, &len);
  const ta_tmx_unit *u;
  while (ta_tmx_reader_next(r, &u, &err) == TA_OK && u) {
    const char *sc = ta_tmx_unit_prop(u, "x-score");
    fprintf(m, "%s|%s|%s|%s\n", u->tuid, u->variants[0].text,
            u->variants[1].text, sc ? sc : "-");
  }
  fclose(m);
  ta_tmx_reader_free(r);
  return buf;
}

static ta_status table(const fixture *f, const char *name, const char *data,
                       size_t len, ta_tmx_table_stats *s, ta_error *err) {
  char in[128], out[128];
  snprintf(in, sizeof in, "%s/%s", f->dir, name);
  snprintf(out, sizeof out, "%s/out.tmx", f->dir);
  unlink(out);
  assert_int_equal(write_file(in, data, len), TA_OK);
  ta_tmx_table_opts o;
  ta_tmx_table_opts_init(&o);
  o.srclang = "fr";
  o.tgtlang = "en";
  return ta_tmx_from_table(in, out, &o, s, err);
}

static void xlsx_round_trip(void **state) {
  fixture *f = *state;
  size_t len;
  char *x = NULL;
  FILE *m = open_memstream(&x, &len);
  ta_error err;
  ta_error_clear(&err);
  ta_status st =
      ta_alignment_write(m, TA_ALIGN_FORMAT_XLSX, f->src, f->tgt, f->al, &err);
  fclose(m);
  if (st == TA_EINVAL) { /* a library built without libxlsxwriter */
    assert_non_null(strstr(err.message,
                           "built without XLSX support; install "
                           "libxlsxwriter-dev and rebuild"));
    free(x);
    return;
  }
  assert_int_equal(st, TA_OK);
  ta_tmx_table_stats s;
  assert_int_equal(table(f, "a.xlsx", x, len, &s, &err), TA_OK);
  free(x);
  assert_int_equal(s.rows, 3);
  assert_int_equal(s.units, 3);
  char out[128];
  snprintf(out, sizeof out, "%s/out.tmx", f->dir);
  char *u = units_of(out);
  assert_string_equal(u,
                      "2|Titre|Title|0.9000\n"
                      "3|Un <b> & deux.|One <b> & two.|0.3000\n"
                      "4|Trois.|Three.|0.9000\n");
  free(u);
}

static void tsv_rows(void **state) {
  fixture *f = *state;
  static const char tsv[] =
      "\xEF\xBB\xBFsource\ttarget\tscore\r\n"
      "Un.\tOne.\t0.5\r\n"
      "\n"
      "Deux.\t\t0.9\n"
      "  Trois.  \tThree.\n"
      "Quatre.\tFour.\t\tnote of the reviewer";
  ta_tmx_table_stats s;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(table(f, "a.tsv", tsv, sizeof tsv - 1, &s, &err), TA_OK);
  assert_int_equal(s.rows, 5);
  assert_int_equal(s.units, 3);
  assert_int_equal(s.empty, 2);
  char out[128];
  snprintf(out, sizeof out, "%s/out.tmx", f->dir);
  char *u = units_of(out);
  assert_string_equal(u,
                      "2|Un.|One.|0.5000\n"
                      "5|Trois.|Three.|-\n"
                      "6|Quatre.|Four.|-\n");
  free(u);
}

static void tsv_errors_name_the_line(void **state) {
  fixture *f = *state;
  static const struct {
    const char *data, *message;
    ta_status st;
  } cases[] = {
      {"a\tb\nno tab\n", "bad.tsv: line 2: no tab", TA_EPARSE},
      {"a\tb\nc\t\xe9t\xe9\n", "bad.tsv: line 2: invalid UTF-8", TA_EPARSE},
      {"a\tb\n\xed\xa0\x80\tx\n", "line 2: invalid UTF-8", TA_EPARSE},
      {"a\tb\t1.5\n", "line 1: score '1.5' is not a number", TA_EPARSE},
      {"a\tb\tnan\n", "line 1: score 'nan'", TA_EPARSE},
      {"PK\3\4garbage", "bad.tsv: a zip archive that cannot be read",
       TA_EPARSE},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    ta_tmx_table_stats s;
    ta_error err;
    ta_error_clear(&err);
    assert_int_equal(
        table(f, "bad.tsv", cases[k].data, strlen(cases[k].data), &s, &err),
        cases[k].st);
    if (!strstr(err.message, cases[k].message))
      fail_msg("case %zu: '%s' lacks '%s'", k, err.message, cases[k].message);
    char out[128];
    snprintf(out, sizeof out, "%s/out.tmx", f->dir);
    assert_int_not_equal(access(out, F_OK), 0); /* nothing written */
  }
  ta_tmx_table_opts o;
  ta_tmx_table_opts_init(&o);
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_tmx_from_table("x.tsv", "x.tmx", &o, NULL, &err),
                   TA_EINVAL);
  assert_non_null(strstr(err.message, "-s LANG -t LANG"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(html_page, setup, teardown),
      cmocka_unit_test(html_joins_cjk_without_space),
      cmocka_unit_test_setup_teardown(epub_mimetype_first_and_stored, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(xlsx_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(tsv_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(tsv_errors_name_the_line, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
