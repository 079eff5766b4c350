/* Bead posteriors (forward-backward over the band) on the bundled story
 * and article, and the omission findings graded by them: probabilities
 * are probabilities, a deleted sentence is likely untranslated, a
 * faithful pair is not, and --min-probability grades the findings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "tmxalign/check.h"

static ta_doc *load(const char *path, const char *lang, bool presplit) {
  ta_split_opts so;
  ta_split_opts_init(&so);
  so.lang = lang;
  if (presplit) so.input = TA_INPUT_PRESPLIT;
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_file(path, &so, &d, &err), TA_OK);
  return d;
}

static ta_doc *story(const char *name, const char *lang) {
  const char *dir = getenv("TA_TEST_DATA");
  char path[1024];
  snprintf(path, sizeof path, "%s/check/%s", dir ? dir : "tests/data", name);
  return load(path, lang, true);
}

static ta_doc *article(const char *name, const char *lang) {
  const char *dir = getenv("TA_SOURCE_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/corpora/pentagon/%s", dir ? dir : ".", name);
  return load(path, lang, false);
}

/* d without sentence drop. */
static ta_doc *without(const ta_doc *d, size_t drop) {
  size_t m = ta_doc_count(d), k = 0;
  const char **segs = malloc(m * sizeof *segs);
  size_t *paras = malloc(m * sizeof *paras);
  for (size_t i = 0; i < m; i++) {
    if (i == drop) continue;
    segs[k] = ta_doc_sentence(d, i)->text;
    paras[k++] = ta_doc_sentence(d, i)->paragraph;
  }
  ta_doc *out = NULL;
  ta_error err;
  assert_int_equal(ta_doc_from_segments(ta_doc_name(d), ta_doc_lang(d), segs,
                                        paras, k, &out, &err),
                   TA_OK);
  free(segs);
  free(paras);
  return out;
}

static ta_alignment *align_post(const ta_doc *s, const ta_doc *t) {
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_true(ao.posteriors);
  ta_alignment *al = NULL;
  ta_error err;
  assert_int_equal(ta_align(s, t, &ao, &al, &err), TA_OK);
  assert_true(ta_alignment_has_posteriors(al));
  return al;
}

static double p_src(const ta_alignment *al, size_t i) {
  double p = -1;
  assert_int_equal(
      ta_alignment_untranslated_probability(al, TA_SIDE_SOURCE, i, &p, NULL),
      TA_OK);
  return p;
}

/* Every probability in [0, 1]; a source sentence in a 1-1 bead of high
 * posterior cannot also be likely untranslated: P(1-0) + P(bead) <= 1,
 * the two being different paths. */
static void probabilities_are_probabilities(void **state) {
  (void)state;
  ta_doc *fr = story("story.fr.txt", "fr");
  ta_doc *en = story("story.en.txt", "en");
  ta_alignment *al = align_post(fr, en);
  double sum_post = 0;
  for (size_t i = 0; i < ta_doc_count(fr); i++) {
    double p = p_src(al, i);
    assert_true(p >= 0 && p <= 1);
  }
  for (size_t j = 0; j < ta_doc_count(en); j++) {
    double p = -1;
    assert_int_equal(
        ta_alignment_untranslated_probability(al, TA_SIDE_TARGET, j, &p, NULL),
        TA_OK);
    assert_true(p >= 0 && p <= 1);
  }
  for (size_t k = 0; k < ta_alignment_count(al); k++) {
    const ta_bead *b = ta_alignment_bead(al, k);
    double q = -1;
    assert_int_equal(ta_alignment_bead_posterior(al, k, &q, NULL), TA_OK);
    assert_true(q >= 0 && q <= 1);
    sum_post += q;
    if (b->src_len == 1 && b->tgt_len == 1)
      assert_true(p_src(al, b->src_begin) + q <= 1 + 1e-9);
  }
  /* the best path is also a likely one: most of its beads are sure */
  double mean = sum_post / (double)ta_alignment_count(al);
  print_message("mean posterior of the story's beads %.3f\n", mean);
  assert_true(mean > 0.8);
  /* the published translation's own omission ("Et elle pleurait pendant
   * des jours entiers...", source 16) hides in a merge, where the aligner
   * alone is unsure; with the check's evidence it is a graded finding */
  assert_non_null(strstr(ta_doc_sentence(fr, 16)->text, "Et elle pleurait"));
  print_message("aligner's p(16) = %.3f\n", p_src(al, 16));
  ta_check_report *rep = NULL;
  assert_int_equal(ta_check(fr, en, al, NULL, &rep, NULL), TA_OK);
  bool named = false;
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    if (f->kind == TA_FINDING_PARTIAL_OMISSION && f->src.begin <= 16 &&
        16 < f->src.begin + f->src.len) {
      print_message("%s\n", f->message);
      assert_true(f->probability >= p_src(al, 16));
      assert_true(f->probability >= TA_CHECK_MIN_PROBABILITY);
      assert_true(f->severity > TA_SEVERITY_INFO);
      named = true;
    }
  }
  assert_true(named);
  ta_check_report_free(rep);
  /* errors: out of range, and an alignment without posteriors */
  double p;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_alignment_untranslated_probability(
                       al, TA_SIDE_SOURCE, ta_doc_count(fr), &p, &err),
                   TA_EINVAL);
  assert_non_null(strstr(err.message, "out of range"));
  assert_int_equal(
      ta_alignment_bead_posterior(al, ta_alignment_count(al), &p, NULL),
      TA_EINVAL);
  ta_align_opts ao;
  ta_align_opts_init(&ao);
  assert_false(ao.posteriors);
  ta_alignment *plain = NULL;
  assert_int_equal(ta_align(fr, en, &ao, &plain, &err), TA_OK);
  assert_false(ta_alignment_has_posteriors(plain));
  assert_int_equal(
      ta_alignment_untranslated_probability(plain, TA_SIDE_SOURCE, 0, &p, &err),
      TA_EINVAL);
  assert_non_null(strstr(err.message, "no posteriors"));
  /* the best path does not depend on whether posteriors are asked for */
  ta_align_opts co;
  ta_check_align_opts_init(&co);
  co.posteriors = false;
  ta_alignment *same = NULL;
  assert_int_equal(ta_align(fr, en, &co, &same, &err), TA_OK);
  assert_int_equal(ta_alignment_count(same), ta_alignment_count(al));
  for (size_t k = 0; k < ta_alignment_count(al); k++) {
    assert_int_equal(ta_alignment_bead(same, k)->src_begin,
                     ta_alignment_bead(al, k)->src_begin);
    assert_int_equal(ta_alignment_bead(same, k)->tgt_len,
                     ta_alignment_bead(al, k)->tgt_len);
  }
  ta_alignment_free(same);
  ta_alignment_free(plain);
  ta_alignment_free(al);
  ta_doc_free(fr);
  ta_doc_free(en);
}

/* The faithful article (gold: every bead 1-1 or a merge): no sentence of
 * either side is likely untranslated or added. */
static void faithful_pair_low_everywhere(void **state) {
  (void)state;
  ta_doc *fr = article("article.fr.txt", "fr");
  ta_doc *en = article("article.en.txt", "en");
  ta_alignment *al = align_post(fr, en);
  double worst = 0;
  for (size_t i = 0; i < ta_doc_count(fr); i++)
    if (p_src(al, i) > worst) worst = p_src(al, i);
  for (size_t j = 0; j < ta_doc_count(en); j++) {
    double p;
    assert_int_equal(
        ta_alignment_untranslated_probability(al, TA_SIDE_TARGET, j, &p, NULL),
        TA_OK);
    if (p > worst) worst = p;
  }
  print_message("largest probability on the article %.3f\n", worst);
  assert_true(worst < 0.5);
  ta_check_report *rep = NULL;
  ta_error err;
  assert_int_equal(ta_check(fr, en, al, NULL, &rep, &err), TA_OK);
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    assert_false((f->kind == TA_FINDING_OMISSION ||
                  f->kind == TA_FINDING_PARTIAL_OMISSION) &&
                 f->severity > TA_SEVERITY_INFO);
  }
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(fr);
  ta_doc_free(en);
}

/* A long sentence deleted from the English: its French sentence becomes
 * likely untranslated, its neighbours do not; the finding carries the
 * probability in its message and field, graded by --min-probability. */
static void deleted_sentence_high_probability(void **state) {
  (void)state;
  ta_doc *fr = story("story.fr.txt", "fr");
  ta_doc *en = story("story.en.txt", "en");
  ta_alignment *al0 = align_post(fr, en);
  /* the 1-1 bead of the longest English sentence away from the start */
  size_t pick = 0, longest = 0;
  for (size_t k = 20; k < ta_alignment_count(al0); k++) {
    const ta_bead *b = ta_alignment_bead(al0, k);
    size_t len = ta_doc_sentence(en, b->tgt_begin)->len;
    if (b->src_len == 1 && b->tgt_len == 1 && len > longest) {
      longest = len;
      pick = k;
    }
  }
  const ta_bead *b = ta_alignment_bead(al0, pick);
  size_t s = b->src_begin;
  assert_true(p_src(al0, s) < 0.1); /* translated: unlikely missing */
  ta_doc *cut = without(en, b->tgt_begin);
  ta_alignment *al = align_post(fr, cut);
  print_message("deleted: p(%zu) = %.3f, neighbours %.3f %.3f\n", s,
                p_src(al, s), p_src(al, s - 1), p_src(al, s + 1));
  assert_true(p_src(al, s) > 0.8);
  assert_true(p_src(al, s - 1) < 0.5 && p_src(al, s + 1) < 0.5);

  ta_check_report *rep = NULL;
  ta_error err;
  assert_int_equal(ta_check(fr, cut, al, NULL, &rep, &err), TA_OK);
  const ta_check_opts *o = ta_check_report_opts(rep);
  assert_true(o->min_probability == TA_CHECK_MIN_PROBABILITY);
  const ta_finding *hit = NULL;
  double prev = 2;
  bool graded_part = true;
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    bool om = f->kind == TA_FINDING_OMISSION ||
              f->kind == TA_FINDING_PARTIAL_OMISSION;
    assert_null(strstr(f->message, "nats"));
    if (!om) {
      assert_true(f->probability == -1 || f->kind == TA_FINDING_ADDITION);
      graded_part = false;
      continue;
    }
    assert_true(f->probability >= 0 && f->probability <= 1);
    assert_non_null(strstr(f->message, "(p = "));
    /* graded: warnings and errors at or above the threshold, first, the
     * likeliest first */
    if (f->severity > TA_SEVERITY_INFO) {
      assert_true(f->probability >= o->min_probability);
      assert_true(graded_part);
      assert_true(f->probability <= prev);
      prev = f->probability;
    } else {
      graded_part = false;
    }
    if (s >= f->src.begin && s < f->src.begin + f->src.len) hit = f;
  }
  assert_non_null(hit);
  print_message("%s\n", hit->message);
  assert_true(hit->severity > TA_SEVERITY_INFO);
  assert_non_null(strstr(hit->message, "probably untranslated (p = "));
  assert_false(ta_check_report_summary(rep)->complete);
  ta_check_report_free(rep);

  /* a threshold above a finding's probability makes it a hint that no
   * longer fails the check: the published story's own omission (source
   * 16, below 1) at min_probability just above its probability */
  assert_int_equal(ta_check(fr, en, al0, NULL, &rep, &err), TA_OK);
  double p16 = -1;
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    if (f->kind == TA_FINDING_PARTIAL_OMISSION && f->src.begin == 16)
      p16 = f->probability;
  }
  ta_check_report_free(rep);
  assert_true(p16 >= TA_CHECK_MIN_PROBABILITY && p16 < 1);
  ta_check_opts co;
  ta_check_opts_init(&co);
  co.min_probability = p16 + 1e-6;
  assert_int_equal(ta_check(fr, en, al0, &co, &rep, &err), TA_OK);
  bool found = false;
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    if (f->kind == TA_FINDING_PARTIAL_OMISSION && f->src.begin == 16) {
      assert_int_equal(f->severity, TA_SEVERITY_INFO);
      found = true;
    }
  }
  assert_true(found);
  assert_true(ta_check_report_summary(rep)->src_translated >
              ta_doc_count(fr) - 3);
  ta_check_report_free(rep);
  /* out of range */
  co.min_probability = 1.5;
  ta_error_clear(&err);
  assert_int_equal(ta_check(fr, cut, al, &co, &rep, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "min probability"));

  ta_alignment_free(al);
  ta_alignment_free(al0);
  ta_doc_free(cut);
  ta_doc_free(fr);
  ta_doc_free(en);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(probabilities_are_probabilities),
      cmocka_unit_test(faithful_pair_low_everywhere),
      cmocka_unit_test(deleted_sentence_high_probability),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
