/* Checking files (check_run.c): ta_check_files on one pair, ta_check_batch
 * on a list: report names unique and stable when flattened names collide
 * or one source has two translations, the index linking each entry to its
 * own report, failed pairs in the index and the callback, -o a file or an
 * input refused before any pair is read, the lexicon hook.  Documents are
 * the presplit La Parure pairs of tests/data/batch. */
// clang-format off
#include "tmx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>
// clang-format on

#include "tmxalign/batch.h"
#include "tmxalign/check.h"

static char *copy_data(const char *name, const char *dir, const char *as) {
  char from[1024];
  static char to[4][4096];
  static int k;
  k = (k + 1) % 4;
  const char *d = getenv("TA_TEST_DATA");
  snprintf(from, sizeof from, "%s/batch/%s", d ? d : "tests/data", name);
  snprintf(to[k], sizeof to[k], "%s/%s", dir, as);
  char *text = slurp(from, NULL);
  assert_non_null(text);
  spit(to[k], text);
  free(text);
  return to[k];
}

static char *path_in(const char *dir, const char *name) {
  static char buf[4][4096];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

static bool exists(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0;
}

/* What on_pair saw. */
typedef struct seen {
  size_t calls, order[16];
  ta_status status[16];
  char error[16][256];
} seen;

static void on_pair(void *user, size_t index, const struct ta_batch_pair *p,
                    const ta_check_index_entry *e) {
  (void)p;
  seen *s = user;
  assert_true(s->calls < 16);
  s->order[s->calls] = index;
  s->status[s->calls] = e->status;
  snprintf(s->error[s->calls], sizeof s->error[0], "%s",
           e->error ? e->error : "");
  s->calls++;
}

static void opts(ta_check_run_opts *o, seen *s) {
  ta_check_run_opts_init(o);
  o->src_lang = "fr";
  o->tgt_lang = "en";
  o->split.input = TA_INPUT_PRESPLIT;
  o->format = TA_CHECK_FORMAT_JSON;
  o->on_pair = on_pair;
  o->user = s;
}

/* A directory with sub/x.fr.txt, sub_x.fr.txt (same text), x.en.txt and
 * y.en.txt. */
static char *docs(void) {
  char *dir = make_tmpdir();
  assert_non_null(dir);
  assert_int_equal(mkdir(path_in(dir, "sub"), 0777), 0);
  copy_data("parure-1.fr.txt", dir, "sub/x.fr.txt");
  copy_data("parure-1.fr.txt", dir, "sub_x.fr.txt");
  copy_data("parure-1.en.txt", dir, "x.en.txt");
  copy_data("parure-2.en.txt", dir, "y.en.txt");
  return dir;
}

static void colliding_names_get_their_own_reports(void **state) {
  (void)state;
  char *dir = docs();
  char p[3][2][1024];
  const char *names[3][2] = {{"sub/x.fr.txt", "x.en.txt"},
                             {"sub_x.fr.txt", "x.en.txt"},
                             {"sub/x.fr.txt", "y.en.txt"}};
  ta_batch_pair pairs[3];
  for (int i = 0; i < 3; i++) {
    for (int k = 0; k < 2; k++)
      snprintf(p[i][k], sizeof p[i][k], "%s/%s", dir, names[i][k]);
    pairs[i] = (ta_batch_pair){p[i][0], p[i][1], names[i][0], names[i][1], 0};
  }
  seen s = {0};
  ta_check_run_opts o;
  opts(&o, &s);
  char out[1024]; /* made: it does not exist */
  snprintf(out, sizeof out, "%s/reports", dir);
  ta_check_batch_stats st;
  ta_error err;
  assert_int_equal(ta_check_batch(&o, pairs, 3, out, &st, &err), TA_OK);
  assert_int_equal(st.pairs, 3);
  assert_int_equal(st.checked, 3);
  assert_int_equal(st.failed, 0);
  assert_int_equal(s.calls, 3);
  for (size_t i = 0; i < 3; i++) {
    assert_int_equal(s.order[i], i); /* list order */
    assert_int_equal(s.status[i], TA_OK);
  }
  const char *want[] = {"1-sub_x.fr.txt.check.json",
                        "2-sub_x.fr.txt.check.json",
                        "3-sub_x.fr.txt.check.json"};
  char *index = slurp(path_in(out, "index.json"), NULL);
  assert_non_null(index);
  for (int i = 0; i < 3; i++) {
    assert_true(exists(path_in(out, want[i])));
    /* the index names each report once, in its own pair's entry */
    char entry[512];
    snprintf(entry, sizeof entry,
             "\"source\":\"%s\",\"target\":\"%s\",\"report\":\"%s\"",
             names[i][0], names[i][1], want[i]);
    assert_non_null(strstr(index, entry));
  }
  free(index);
  /* the third pair's report is the check of y.en.txt, not x.en.txt */
  char *third = slurp(path_in(out, want[2]), NULL);
  assert_non_null(strstr(third, "y.en.txt"));
  assert_null(strstr(third, "x.en.txt"));
  free(third);
  rm_tree(dir);
  free(dir);
}

static void numbers_padded_to_the_count(void **state) {
  (void)state;
  char *dir = docs();
  char src[1024], tgt[1024];
  snprintf(src, sizeof src, "%s/sub_x.fr.txt", dir);
  snprintf(tgt, sizeof tgt, "%s/x.en.txt", dir);
  ta_batch_pair pairs[10];
  for (int i = 0; i < 10; i++)
    pairs[i] = (ta_batch_pair){src, tgt, "a b/c.txt", NULL, 0};
  ta_check_run_opts o;
  seen s = {0};
  opts(&o, &s);
  o.format = TA_CHECK_FORMAT_TEXT;
  ta_error err;
  assert_int_equal(ta_check_batch(&o, pairs, 10, dir, NULL, &err), TA_OK);
  assert_true(exists(path_in(dir, "01-a_b_c.txt.check.txt")));
  assert_true(exists(path_in(dir, "10-a_b_c.txt.check.txt")));
  assert_true(exists(path_in(dir, "index.txt")));
  rm_tree(dir);
  free(dir);
}

static void failed_pair_reported_and_indexed(void **state) {
  (void)state;
  char *dir = docs();
  char src[1024], tgt[1024], lost[1024];
  snprintf(src, sizeof src, "%s/sub_x.fr.txt", dir);
  snprintf(tgt, sizeof tgt, "%s/x.en.txt", dir);
  snprintf(lost, sizeof lost, "%s/lost.en.txt", dir);
  ta_batch_pair pairs[] = {{src, lost, "s.fr", "lost.en.txt", 0},
                           {src, tgt, "s.fr", "x.en.txt", 0}};
  ta_check_run_opts o;
  seen s = {0};
  opts(&o, &s);
  ta_check_batch_stats st;
  ta_error err;
  char out[1024];
  snprintf(out, sizeof out, "%s/r", dir);
  assert_int_equal(ta_check_batch(&o, pairs, 2, out, &st, &err), TA_OK);
  assert_int_equal(st.failed, 1);
  assert_int_equal(st.checked, 1);
  assert_int_equal(s.calls, 2);
  assert_int_equal(s.status[0], TA_ENOENT);
  assert_non_null(strstr(s.error[0], "lost.en.txt"));
  assert_false(exists(path_in(out, "1-s.fr.check.json")));
  assert_true(exists(path_in(out, "2-s.fr.check.json")));
  char *index = slurp(path_in(out, "index.json"), NULL);
  assert_non_null(strstr(index, "\"verdict\":\"error\""));
  free(index);
  rm_tree(dir);
  free(dir);
}

static void refused_before_any_pair(void **state) {
  (void)state;
  char *dir = docs();
  char src[1024], tgt[1024];
  snprintf(src, sizeof src, "%s/sub_x.fr.txt", dir);
  snprintf(tgt, sizeof tgt, "%s/x.en.txt", dir);
  ta_batch_pair pairs[] = {{src, tgt, "sub_x.fr.txt", NULL, 0}};
  ta_check_run_opts o;
  seen s = {0};
  opts(&o, &s);
  ta_error err;
  /* -o a file */
  const char *file = path_in(dir, "afile");
  spit(file, "keep\n");
  assert_int_equal(ta_check_batch(&o, pairs, 1, file, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "is not a directory"));
  /* the index over an input of the run (the manifest) */
  const char *manifest = path_in(dir, "index.json");
  spit(manifest, "keep\n");
  const char *inputs[] = {manifest};
  o.inputs = inputs;
  o.ninputs = 1;
  assert_int_equal(ta_check_batch(&o, pairs, 1, dir, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "index.json: is also"));
  o.ninputs = 0;
  /* a report over another pair's document (it lives in the directory) */
  char other[1024];
  snprintf(other, sizeof other, "%s/1-sub_x.fr.txt.check.json", dir);
  copy_data("parure-1.fr.txt", dir, "1-sub_x.fr.txt.check.json");
  ta_batch_pair two[] = {{src, tgt, "sub_x.fr.txt", NULL, 0},
                         {other, tgt, "o.fr", NULL, 0}};
  assert_int_equal(ta_check_batch(&o, two, 2, dir, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "1-sub_x.fr.txt.check.json: is also"));
  assert_int_equal(s.calls, 0); /* nothing was checked */
  char *kept = slurp(file, NULL);
  assert_string_equal(kept, "keep\n");
  free(kept);
  kept = slurp(manifest, NULL);
  assert_string_equal(kept, "keep\n");
  free(kept);
  rm_tree(dir);
  free(dir);
}

static int lexicon_calls;

static ta_status failing_lexicon(void *user, const ta_doc *src,
                                 const ta_doc *tgt, ta_align_opts *ao,
                                 ta_error *err) {
  (void)user, (void)err;
  assert_non_null(src);
  assert_non_null(tgt);
  assert_non_null(ao);
  return ++lexicon_calls == 1 ? TA_EPARSE : TA_OK;
}

static void lexicon_hook_per_pair(void **state) {
  (void)state;
  char *dir = docs();
  char src[1024], tgt[1024];
  snprintf(src, sizeof src, "%s/sub_x.fr.txt", dir);
  snprintf(tgt, sizeof tgt, "%s/x.en.txt", dir);
  ta_batch_pair pairs[] = {{src, tgt, "a", NULL, 0}, {src, tgt, "b", NULL, 0}};
  ta_check_run_opts o;
  seen s = {0};
  opts(&o, &s);
  o.lexicon = failing_lexicon;
  lexicon_calls = 0;
  ta_check_batch_stats st;
  ta_error err;
  assert_int_equal(ta_check_batch(&o, pairs, 2, dir, &st, &err), TA_OK);
  assert_int_equal(lexicon_calls, 2);
  assert_int_equal(st.failed, 1);
  assert_int_equal(s.status[0], TA_EPARSE);
  assert_non_null(strstr(s.error[0], "lexicon"));
  assert_int_equal(s.status[1], TA_OK);
  rm_tree(dir);
  free(dir);
}

static void check_files_one_pair(void **state) {
  (void)state;
  char *dir = docs();
  char src[1024], tgt[1024];
  snprintf(src, sizeof src, "%s/sub_x.fr.txt", dir);
  snprintf(tgt, sizeof tgt, "%s/x.en.txt", dir);
  ta_check_run_opts o;
  seen s = {0};
  opts(&o, &s);
  ta_check_summary sum;
  ta_error err;
  const char *out = path_in(dir, "r.json");
  assert_int_equal(ta_check_files(&o, src, tgt, out, &sum, &err), TA_OK);
  assert_true(sum.complete);
  assert_true(sum.src_sentences > 0);
  char *rep = slurp(out, NULL);
  assert_non_null(strstr(rep, "\"schema\":\"tmxalign-check\""));
  free(rep);
  /* the output may not be an input; both sides on standard input */
  char *before = slurp(tgt, NULL);
  assert_int_equal(ta_check_files(&o, src, tgt, tgt, NULL, &err), TA_EINVAL);
  char *after = slurp(tgt, NULL);
  assert_string_equal(before, after);
  free(before);
  free(after);
  assert_int_equal(ta_check_files(&o, "-", "-", out, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "standard input"));
  o.tgt_lang = NULL;
  assert_int_equal(ta_check_files(&o, src, tgt, out, NULL, &err), TA_EINVAL);
  rm_tree(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(colliding_names_get_their_own_reports),
      cmocka_unit_test(numbers_padded_to_the_count),
      cmocka_unit_test(failed_pair_reported_and_indexed),
      cmocka_unit_test(refused_before_any_pair),
      cmocka_unit_test(lexicon_hook_per_pair),
      cmocka_unit_test(check_files_one_pair),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
