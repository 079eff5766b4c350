/* A given alignment: ta_alignment_from_beads and ta_alignment_read_jsonl
 * accept beads that cover both documents in order, and refuse every other
 * kind with a message naming the bead or the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "base/base.h"
#include "tmxalign/tmxalign.h"

typedef struct pair {
  ta_doc *src, *tgt;
} pair;

/* 4 source sentences, 3 target sentences. */
static int setup(void **state) {
  static const char *const s[] = {"Un.", "Deux.", "Trois.", "Quatre."};
  static const char *const t[] = {"One.", "Two three.", "Four."};
  pair *p = calloc(1, sizeof *p);
  ta_error err;
  ta_error_clear(&err);
  if (!p || ta_doc_from_segments("s", "fr", s, NULL, 4, &p->src, &err) ||
      ta_doc_from_segments("t", "en", t, NULL, 3, &p->tgt, &err))
    return -1;
  *state = p;
  return 0;
}

static int teardown(void **state) {
  pair *p = *state;
  ta_doc_free(p->src);
  ta_doc_free(p->tgt);
  free(p);
  return 0;
}

static ta_bead bead(size_t sb, size_t sl, size_t tb, size_t tl, double score) {
  ta_bead b;
  memset(&b, 0, sizeof b);
  b.src_begin = sb, b.src_len = sl, b.tgt_begin = tb, b.tgt_len = tl;
  b.score = score;
  return b;
}

static void from_beads_accepts_a_cover(void **state) {
  pair *p = *state;
  ta_bead b[] = {bead(0, 1, 0, 1, 0.9), bead(1, 2, 1, 1, 0.5),
                 bead(3, 1, 0, 0, 0.1), bead(99, 0, 2, 1, 1)};
  ta_alignment *al = NULL;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_alignment_from_beads(p->src, p->tgt, b, 4, &al, &err),
                   TA_OK);
  assert_int_equal(ta_alignment_count(al), 4);
  assert_int_equal(ta_alignment_bead(al, 1)->src_len, 2);
  /* empty sides set to begin in place */
  assert_int_equal(ta_alignment_bead(al, 2)->tgt_begin, 2);
  assert_int_equal(ta_alignment_bead(al, 3)->src_begin, 4);
  const ta_align_summary *s = ta_alignment_summary(al);
  assert_int_equal(s->by_type[2][1], 1);
  assert_int_equal(s->by_type[1][0], 1);
  assert_int_equal(s->by_type[0][1], 1);
  assert_true(s->mean_score > 0.62 && s->mean_score < 0.63);
  ta_alignment_free(al);
}

static void expect_bad_beads(pair *p, const ta_bead *b, size_t n,
                             const char *msg) {
  ta_alignment *al = NULL;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_alignment_from_beads(p->src, p->tgt, b, n, &al, &err),
                   TA_EINVAL);
  assert_null(al);
  if (!strstr(err.message, msg)) fail_msg("'%s' lacks '%s'", err.message, msg);
}

static void from_beads_refuses_gaps_overlaps_and_bad_scores(void **state) {
  pair *p = *state;
  ta_bead gap[] = {bead(0, 1, 0, 1, 1), bead(2, 2, 1, 2, 1)};
  expect_bad_beads(p, gap, 2,
                   "bead 1: source sentence 1 is in no bead (this bead "
                   "starts at 2)");
  ta_bead overlap[] = {bead(0, 2, 0, 1, 1), bead(1, 3, 1, 2, 1)};
  expect_bad_beads(p, overlap, 2,
                   "bead 1: source sentence 1 is already in an earlier bead");
  ta_bead empty[] = {bead(0, 0, 0, 0, 1), bead(0, 4, 0, 3, 1)};
  expect_bad_beads(p, empty, 2, "bead 0: an empty bead");
  ta_bead past[] = {bead(0, 5, 0, 3, 1)};
  expect_bad_beads(p, past, 1,
                   "source sentence 4 does not exist (the source has 4");
  ta_bead short_[] = {bead(0, 4, 0, 2, 1)};
  expect_bad_beads(p, short_, 1,
                   "after bead 0: target sentences 2..2 are in no bead");
  ta_bead score[] = {bead(0, 4, 0, 3, 1.5)};
  expect_bad_beads(p, score, 1, "bead 0: score 1.5 is not in 0..1");
  ta_bead none[1];
  expect_bad_beads(p, none, 0, "source sentences 0..3 are in no bead");
}

static ta_status read_mem(pair *p, const char *text, ta_alignment **al,
                          ta_alignment_marks *m, ta_error *err) {
  ta_error_clear(err);
  *al = NULL;
  return ta_alignment_read_jsonl_mem("e.jsonl", text, strlen(text), p->src,
                                     p->tgt, al, m, err);
}

static void jsonl_reads_beads_marks_and_edits(void **state) {
  pair *p = *state;
  const char *text =
      "{\"src\":[0],\"tgt\":[0],\"confirmed\":true}\n"
      "\n"
      "{\"src\":[1,2],\"tgt\":[1],\"confirmed\":false,\"score\":0.25,"
      "\"edits\":{\"tgt\":{\"1\":\"Two, \\\"three\\\" \\u00e9\\ud83d\\ude00."
      "\"},\"src\":{}},\"other\":[1,{\"a\":null}]}\r\n"
      "{\"src\":[3],\"tgt\":[]}\n"
      "{\"source\":{\"sentences\":[],\"text\":\"\"},\"target\":{\"sentences\":"
      "[2]},\"score\":0.5}";
  ta_alignment *al;
  ta_alignment_marks m;
  ta_error err;
  assert_int_equal(read_mem(p, text, &al, &m, &err), TA_OK);
  assert_int_equal(ta_alignment_count(al), 4);
  assert_true(ta_alignment_bead(al, 0)->score == 1);
  assert_true(ta_alignment_bead(al, 1)->score == 0.25);
  assert_true(ta_alignment_bead(al, 2)->score == 0);
  assert_int_equal(ta_alignment_bead(al, 3)->tgt_begin, 2);
  /* an empty side begins where the sentences of that side have got to */
  assert_int_equal(ta_alignment_bead(al, 2)->tgt_begin, 2);
  assert_int_equal(ta_alignment_bead(al, 3)->src_begin, 4);
  assert_int_equal(m.nbeads, 4);
  assert_true(m.confirmed[0]);
  assert_false(m.confirmed[1]);
  assert_false(m.scored[0]);
  assert_true(m.scored[1]);
  assert_int_equal(m.edits, 1);
  assert_null(m.tgt_text[0]);
  assert_string_equal(m.tgt_text[1],
                      "Two, \"three\" \xc3\xa9\xf0\x9f\x98\x80.");
  ta_alignment_marks_free(&m);
  ta_alignment_free(al);
  /* marks may be NULL */
  assert_int_equal(read_mem(p, text, &al, NULL, &err), TA_OK);
  ta_alignment_free(al);
}

static void expect_bad_jsonl(pair *p, const char *text, const char *msg) {
  ta_alignment *al;
  ta_alignment_marks m;
  memset(&m, 0, sizeof m);
  ta_error err;
  assert_int_equal(read_mem(p, text, &al, &m, &err), TA_EPARSE);
  assert_null(al);
  assert_null(m.confirmed);
  if (!strstr(err.message, msg)) fail_msg("'%s' lacks '%s'", err.message, msg);
}

#define OK1 "{\"src\":[0],\"tgt\":[0]}\n"
static void jsonl_errors_name_the_line(void **state) {
  pair *p = *state;
  expect_bad_jsonl(p, OK1 "{\"src\":[2,3],\"tgt\":[1,2]}\n",
                   "e.jsonl: line 2: source sentence 1 is in no bead (this "
                   "bead starts at 2)");
  expect_bad_jsonl(p, OK1 "\n{\"src\":[0,1],\"tgt\":[1,2]}\n",
                   "e.jsonl: line 3: source sentence 0 is already in an "
                   "earlier bead");
  expect_bad_jsonl(p, OK1 "{\"src\":[1,3],\"tgt\":[1]}\n",
                   "line 2: source sentences 1 and 3 are not consecutive");
  expect_bad_jsonl(p, OK1 "{\"src\":[1,2,3,4],\"tgt\":[1,2]}\n",
                   "line 2: source sentence 4 does not exist");
  expect_bad_jsonl(p, OK1 "{\"src\":[],\"tgt\":[]}\n", "line 2: an empty bead");
  expect_bad_jsonl(p, OK1,
                   "line 1 (the end): source sentences 1..3 are in "
                   "no bead");
  expect_bad_jsonl(p, "", "line 0 (the end): source sentences 0..3");
  expect_bad_jsonl(p, OK1 "[1,2]\n", "line 2: an object expected");
  expect_bad_jsonl(p, OK1 "{\"src\":[1]}\n", "line 2: no \"tgt\" array");
  expect_bad_jsonl(p, OK1 "{\"tgt\":[1]}\n", "line 2: no \"src\" array");
  expect_bad_jsonl(p, OK1 "{\"src\":[1.5],\"tgt\":[1]}\n",
                   "line 2: source index 1.5 is not a whole number");
  expect_bad_jsonl(p, OK1 "{\"src\":[-1],\"tgt\":[1]}\n",
                   "line 2: source index -1 is not a whole number");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1]} x\n",
                   "line 2: text after the object");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1]\n",
                   "line 2: ',' or '}' expected");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1],\"confirmed\":1}\n",
                   "line 2: \"confirmed\" must be true or false");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1],\"score\":2}\n",
                   "line 2: score 2 is not in 0..1");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1],\"x\":\"a\\qb\"}\n",
                   "line 2: a bad escape");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1],\"x\":\"\\ud800\"}\n",
                   "line 2: a lone surrogate");
  expect_bad_jsonl(p, OK1 "{\"src\":[1],\"tgt\":[1],\"x\":\"abc}\n",
                   "line 2: a string runs to the end of the line");
  expect_bad_jsonl(p,
                   OK1
                   "{\"src\":[1],\"tgt\":[1],\"edits\":{\"src\":{\"2\":"
                   "\"x\"}}}\n",
                   "line 2: edits: source sentence 2 is not in this bead");
  expect_bad_jsonl(p,
                   OK1
                   "{\"src\":[1],\"tgt\":[1],\"edits\":{\"tgt\":{\"a\":"
                   "\"x\"}}}\n",
                   "line 2: edits: 'a' is not a target index");
  expect_bad_jsonl(p, OK1 "{\"edits\":{\"src\":{}},\"src\":[1],\"tgt\":[1]}\n",
                   "must come before \"edits\"");
  char deep[400] = OK1 "{\"src\":[1],\"tgt\":[1],\"x\":";
  for (int i = 0; i < 100; i++) strcat(deep, "[");
  expect_bad_jsonl(p, deep, "line 2: nested too deep");
}

static void jsonl_file_errors(void **state) {
  pair *p = *state;
  ta_alignment *al = NULL;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_alignment_read_jsonl("/nonexistent/e.jsonl", p->src,
                                           p->tgt, &al, NULL, &err),
                   TA_ENOENT);
  assert_int_equal(
      ta_alignment_read_jsonl(NULL, p->src, p->tgt, &al, NULL, &err),
      TA_EINVAL);
  ta_alignment_marks_free(NULL);
}

/* Every allocation of the reader, and of the review page, failing in
 * turn: TA_ENOMEM or success, never a crash or a leak (valgrind and the
 * sanitizers watch this test). */
static void out_of_memory_is_reported(void **state) {
  pair *p = *state;
  const char *text =
      "{\"src\":[0],\"tgt\":[0],\"confirmed\":true,\"edits\":{\"src\":"
      "{\"0\":\"Un !\"}}}\n{\"src\":[1,2,3],\"tgt\":[1,2],\"x\":\"y\"}\n";
  enum { MAX = 256 };
  static unsigned long counts[MAX];
  ta_alignment *al;
  ta_alignment_marks m;
  ta_error err;
  ta__alloc_record();
  assert_int_equal(read_mem(p, text, &al, &m, &err), TA_OK);
  size_t nsites = ta__alloc_sites(counts, MAX);
  ta__alloc_off();
  ta_alignment_marks_free(&m);
  ta_alignment_free(al);
  assert_true(nsites > 3);
  for (size_t site = 0; site < nsites && site < MAX; site++) {
    unsigned long nth[2] = {1, counts[site]};
    for (int k = 0; k < 2; k++) {
      memset(&m, 0, sizeof m);
      ta__alloc_fail_site(site, nth[k]);
      ta_status st = read_mem(p, text, &al, &m, &err);
      ta__alloc_off();
      if (st != TA_OK && st != TA_ENOMEM)
        fail_msg("site %zu: %s: %s", site, ta_status_name(st), err.message);
      if (st == TA_ENOMEM) assert_null(al);
      ta_alignment_marks_free(&m);
      ta_alignment_free(al);
    }
  }
  ta_bead b[] = {bead(0, 4, 0, 3, 1)};
  ta__alloc_record();
  assert_int_equal(ta_alignment_from_beads(p->src, p->tgt, b, 1, &al, &err),
                   TA_OK);
  nsites = ta__alloc_sites(counts, MAX);
  ta__alloc_off();
  ta_alignment_free(al);
  for (size_t site = 0; site < nsites && site < MAX; site++) {
    al = NULL;
    ta__alloc_fail_site(site, 1);
    ta_status st = ta_alignment_from_beads(p->src, p->tgt, b, 1, &al, &err);
    ta__alloc_off();
    assert_int_equal(st, TA_ENOMEM);
    assert_null(al);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(from_beads_accepts_a_cover, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          from_beads_refuses_gaps_overlaps_and_bad_scores, setup, teardown),
      cmocka_unit_test_setup_teardown(jsonl_reads_beads_marks_and_edits, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(jsonl_errors_name_the_line, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(jsonl_file_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(out_of_memory_is_reported, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
