/* Out of memory, everywhere: each job of the library is run again and
 * again with its first, second, ... n-th allocation failing (alloc.c),
 * until a run meets no failure.  Every run must return TA_OK or TA_ENOMEM,
 * never crash, never leak (ASan and valgrind run this test too), and a
 * failed run must leave the out-parameter NULL.
 *
 * The inputs are small so that a job makes a few thousand allocations at
 * most; the self-training of the lexicon, which needs 50 confident
 * beads, is reached through ta_lexicon_train. */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
// clang-format on

#include "base/base.h"
#include "tmxalign/tmxalign.h"

typedef ta_status (*job_fn)(void *state);

/* Record where job allocates, then run it once for the first, second and
 * last allocation of each site failing; returns how many runs met a
 * failure. */
static unsigned long exhaust(job_fn job, void *state, const char *name) {
  enum { MAX = 1024 };
  static unsigned long counts[MAX];
  ta__alloc_record();
  ta_status st = job(state);
  size_t nsites = ta__alloc_sites(counts, MAX);
  ta__alloc_off();
  if (st != TA_OK)
    fail_msg("%s: %s without any failure injected", name, ta_status_name(st));
  unsigned long runs = 0;
  for (size_t site = 0; site < nsites && site < MAX; site++) {
    unsigned long nth[3] = {1, 2, counts[site]};
    for (int k = 0; k < 3; k++) {
      if (nth[k] > counts[site] || (k == 2 && nth[2] <= 2)) continue;
      unsigned long before = ta__alloc_failures();
      ta__alloc_fail_site(site, nth[k]);
      st = job(state);
      ta__alloc_off();
      if (ta__alloc_failures() == before) continue; /* took another path */
      if (st != TA_OK && st != TA_ENOMEM)
        fail_msg("%s: allocation %lu of site %zu failed, the job returned %s",
                 name, nth[k], site, ta_status_name(st));
      runs++;
    }
  }
  return runs;
}

static const char fr_text[] =
    "Le conseil municipal s’est réuni lundi soir pour examiner le budget.\n"
    "Les dépenses prévues atteignent 1 250 000 euros, soit 4,5 % de plus.\n"
    "\n"
    "Le maire a expliqué que la rénovation de l’école était la priorité.\n"
    "Pourquoi le chantier a-t-il pris tant de retard ?\n"
    "La séance a été levée à 23 h 15, après un vote favorable.\n"
    "\n"
    "Le prochain conseil aura lieu le 14/03/2024 dans la salle des fêtes.\n";
static const char en_text[] =
    "The town council met on Monday evening to examine the budget.\n"
    "Planned spending reaches 1,250,000 euros, 4.5% more.\n"
    "\n"
    "The mayor explained that renovating the school was the priority.\n"
    "Why has the building site fallen so far behind?\n"
    "The meeting closed at 11:15 p.m., after a favourable vote.\n"
    "\n"
    "The next council will take place on March 14, 2024.\n";
static const char html_text[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>T</title>"
    "</head><body><h1>Budget</h1><p>Le conseil s’est réuni lundi. Il a "
    "voté.</p><ul><li>Un point.</li><li>Deux points.</li></ul></body></html>";

static ta_status load(const char *name, const char *text, const char *lang,
                      ta_doc **out) {
  ta_split_opts so;
  ta_split_opts_init(&so);
  so.lang = lang;
  ta_status st = ta_doc_load_mem(name, text, strlen(text), &so, out, NULL);
  if (st != TA_OK) assert_null(*out);
  return st;
}

typedef struct pair {
  ta_doc *src, *tgt;
  ta_alignment *al;
  char path[64];
} pair;

static int pair_setup(void **state) {
  pair *p = calloc(1, sizeof *p);
  assert_non_null(p);
  assert_int_equal(load("a.fr", fr_text, "fr", &p->src), TA_OK);
  assert_int_equal(load("a.en", en_text, "en", &p->tgt), TA_OK);
  ta_align_opts ao;
  ta_align_opts_init(&ao);
  assert_int_equal(ta_align(p->src, p->tgt, &ao, &p->al, NULL), TA_OK);
  snprintf(p->path, sizeof p->path, "/tmp/ta_oom_%ld.tmx", (long)getpid());
  *state = p;
  return 0;
}

static int pair_teardown(void **state) {
  pair *p = *state;
  ta_alignment_free(p->al);
  ta_doc_free(p->src);
  ta_doc_free(p->tgt);
  remove(p->path);
  free(p);
  return 0;
}

static ta_status job_load_text(void *state) {
  (void)state;
  ta_doc *d = NULL;
  ta_status st = load("a.fr", fr_text, "fr", &d);
  ta_doc_free(d);
  return st;
}

static ta_status job_load_html(void *state) {
  (void)state;
  ta_doc *d = NULL;
  ta_status st = load("a.html", html_text, "fr", &d);
  ta_doc_free(d);
  return st;
}

static ta_status job_align(void *state) {
  pair *p = state;
  ta_align_opts ao;
  ta_align_opts_init(&ao);
  ta_alignment *al = NULL;
  ta_status st = ta_align(p->src, p->tgt, &ao, &al, NULL);
  if (st != TA_OK) assert_null(al);
  ta_alignment_free(al);
  return st;
}

/* A story long enough to self-train the lexicon (tests/data/check), with
 * a dictionary too, so the lexicon's keys join the second pass. */
typedef struct story {
  ta_doc *src, *tgt;
  ta_lexicon *dict;
} story;

static int story_setup(void **state) {
  story *s = calloc(1, sizeof *s);
  assert_non_null(s);
  const char *dir = getenv("TA_TEST_DATA");
  assert_non_null(dir);
  char path[1024];
  ta_split_opts so;
  ta_split_opts_init(&so);
  so.lang = "fr";
  snprintf(path, sizeof path, "%s/check/story.fr.txt", dir);
  assert_int_equal(ta_doc_load_file(path, &so, &s->src, NULL), TA_OK);
  so.lang = "en";
  snprintf(path, sizeof path, "%s/check/story.en.txt", dir);
  assert_int_equal(ta_doc_load_file(path, &so, &s->tgt, NULL), TA_OK);
  assert_int_equal(ta_lexicon_new(&s->dict, NULL), TA_OK);
  assert_int_equal(ta_lexicon_add(s->dict, "collier", "necklace", 1.0, NULL),
                   TA_OK);
  assert_int_equal(ta_lexicon_add(s->dict, "bal", "ball", 1.0, NULL), TA_OK);
  *state = s;
  return 0;
}

static int story_teardown(void **state) {
  story *s = *state;
  ta_doc_free(s->src);
  ta_doc_free(s->tgt);
  ta_lexicon_free(s->dict);
  free(s);
  return 0;
}

static ta_status job_align_story(void *state) {
  story *s = state;
  ta_align_opts ao;
  ta_align_opts_init(&ao);
  ao.lexicon = s->dict;
  ta_alignment *al = NULL;
  ta_status st = ta_align(s->src, s->tgt, &ao, &al, NULL);
  if (st != TA_OK) assert_null(al);
  ta_alignment_free(al);
  return st;
}

static ta_status job_check_story(void *state) {
  story *s = state;
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  ao.lexicon = s->dict;
  ta_alignment *al = NULL;
  ta__alloc_off(); /* the alignment is job_align_story's */
  assert_int_equal(ta_align(s->src, s->tgt, &ao, &al, NULL), TA_OK);
  ta_check_opts co;
  ta_check_opts_init(&co);
  co.lexicon = s->dict;
  ta_check_report *rep = NULL;
  ta__alloc_resume();
  ta_status st = ta_check(s->src, s->tgt, al, &co, &rep, NULL);
  if (st != TA_OK) assert_null(rep);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  return st;
}

/* Two pairs on two threads into one TMX: a pair that fails is reported
 * (on_error) and the batch goes on, so TA_OK is as right as TA_ENOMEM. */
static void batch_error(void *user, size_t index, const ta_batch_pair *p,
                        const ta_error *err) {
  (void)p, (void)index;
  assert_true(err->status == TA_ENOMEM);
  (*(int *)user)++;
}

static ta_status job_batch(void *state) {
  (void)state;
  const char *dir = getenv("TA_TEST_DATA");
  char s1[1024], t1[1024], s2[1024], t2[1024], out[64];
  snprintf(s1, sizeof s1, "%s/lexicon/story.de.txt", dir);
  snprintf(t1, sizeof t1, "%s/lexicon/story.fr.txt", dir);
  snprintf(s2, sizeof s2, "%s/split/page.html", dir);
  snprintf(t2, sizeof t2, "%s/lexicon/story.fr.txt", dir);
  snprintf(out, sizeof out, "/tmp/ta_oom_batch_%ld.tmx", (long)getpid());
  ta_batch_pair pairs[2] = {{.src = s1, .tgt = t1}, {.src = s2, .tgt = t2}};
  ta_batch_opts bo;
  ta_batch_opts_init(&bo);
  bo.src_lang = "de";
  bo.tgt_lang = "fr";
  bo.threads = 2;
  int failed = 0;
  bo.on_error = batch_error;
  bo.user = &failed;
  ta_status st = ta_batch_align(&bo, pairs, 2, out, NULL, NULL);
  remove(out);
  return st;
}

static ta_status job_tmx_write(void *state) {
  pair *p = state;
  ta_tmx_align_opts to;
  ta_tmx_align_opts_init(&to);
  return ta_tmx_write_alignment(p->path, p->src, p->tgt, p->al, &to, NULL,
                                NULL);
}

static ta_status job_tmx_read(void *state) {
  pair *p = state;
  static char buf[1 << 16];
  FILE *fp = fopen(p->path, "rb");
  assert_non_null(fp);
  size_t len = fread(buf, 1, sizeof buf, fp);
  fclose(fp);
  ta_tmx_read_opts ro;
  ta_tmx_read_opts_init(&ro);
  ta_tmx_reader *r = NULL;
  ta_status st = ta_tmx_reader_open_mem("a.tmx", buf, len, &ro, &r, NULL);
  const ta_tmx_unit *u = NULL;
  size_t units = 0;
  while (st == TA_OK && (st = ta_tmx_reader_next(r, &u, NULL)) == TA_OK && u)
    units++;
  ta_tmx_reader_free(r);
  if (st == TA_OK) assert_int_equal(units, ta_alignment_count(p->al));
  return st;
}

static ta_status job_check(void *state) {
  pair *p = state;
  ta_check_opts co;
  ta_check_opts_init(&co);
  ta_check_report *rep = NULL;
  ta_status st = ta_check(p->src, p->tgt, p->al, &co, &rep, NULL);
  if (st != TA_OK) {
    assert_null(rep);
    return st;
  }
  static const ta_check_format formats[] = {
      TA_CHECK_FORMAT_TEXT, TA_CHECK_FORMAT_JSON, TA_CHECK_FORMAT_HTML};
  for (size_t i = 0; i < 3 && st == TA_OK; i++) {
    FILE *fp = tmpfile();
    assert_non_null(fp);
    st =
        ta_check_report_write(fp, formats[i], p->src, p->tgt, p->al, rep, NULL);
    fclose(fp);
  }
  ta_check_report_free(rep);
  return st;
}

static ta_status job_lexicon(void *state) {
  (void)state;
  static const char *const de[] = {"der Hund schläft", "die Katze schläft",
                                   "der Hund frisst", "die Katze frisst"};
  static const char *const fr[] = {"le chien dort", "le chat dort",
                                   "le chien mange", "le chat mange"};
  ta_lexicon *lx = NULL;
  ta_status st = ta_lexicon_new(&lx, NULL);
  if (st != TA_OK) return st;
  st = ta_lexicon_add(lx, "Hund", "chien", 1.0, NULL);
  if (st == TA_OK) st = ta_lexicon_train(lx, de, fr, 4, 5, 0.2, NULL);
  ta_lexicon *copy = NULL;
  if (st == TA_OK) st = ta_lexicon_new(&copy, NULL);
  if (st == TA_OK) st = ta_lexicon_merge(copy, lx, NULL);
  if (st == TA_OK) assert_true(ta_lexicon_count(copy) >= 1);
  ta_lexicon_free(copy);
  ta_lexicon_free(lx);
  return st;
}

/* Chinese: words cut by ICU's dictionaries (anchors/segment.c) in the
 * anchor keys, the training and the table (sentences written for this
 * test). */
static ta_status job_chinese(void *state) {
  (void)state;
  static const char *const zh[] = {"我们明天去北京。", "他看见了医生。",
                                   "我们看见了朋友。", "他明天去医院。"};
  static const char *const en[] = {"We go to Beijing tomorrow.",
                                   "He saw the doctor.", "We saw a friend.",
                                   "He goes to the hospital tomorrow."};
  ta_lexicon *lx = NULL;
  ta_doc *s = NULL, *t = NULL;
  ta_alignment *al = NULL;
  ta_status st = ta_lexicon_new(&lx, NULL);
  if (st == TA_OK) st = ta_lexicon_add(lx, "朋友", "friend", 1.0, NULL);
  if (st == TA_OK) st = ta_lexicon_train(lx, zh, en, 4, 5, 0.2, NULL);
  if (st == TA_OK) st = ta_doc_from_segments("s", "zh", zh, NULL, 4, &s, NULL);
  if (st == TA_OK) st = ta_doc_from_segments("t", "en", en, NULL, 4, &t, NULL);
  ta_align_opts ao;
  ta_align_opts_init(&ao);
  ao.lexicon = lx;
  if (st == TA_OK) st = ta_align(s, t, &ao, &al, NULL);
  if (st != TA_OK) assert_null(al);
  ta_alignment_free(al);
  ta_doc_free(s);
  ta_doc_free(t);
  ta_lexicon_free(lx);
  return st;
}

static ta_status job_manifest(void *state) {
  (void)state;
  static const char manifest[] = "# pairs\na.fr\ta.en\nsub/b.fr\tsub/b.en\n";
  ta_batch_list *l = NULL;
  ta_status st = ta_batch_manifest_parse("m.tsv", manifest, sizeof manifest - 1,
                                         "/data", &l, NULL);
  if (st == TA_OK) assert_int_equal(ta_batch_list_count(l), 2);
  ta_batch_list_free(l);
  return st;
}

#define JOB_TEST(job)                                                       \
  static void test_##job(void **state) {                                    \
    unsigned long runs = exhaust(job_##job, *state, #job);                  \
    print_message("%s: %lu runs with an allocation failing\n", #job, runs); \
    /* a job that allocates nothing would make the test vacuous */          \
    assert_true(runs > 0);                                                  \
  }
JOB_TEST(load_text)
JOB_TEST(load_html)
JOB_TEST(align)
JOB_TEST(align_story)
JOB_TEST(check_story)
JOB_TEST(batch)
JOB_TEST(tmx_write)
JOB_TEST(tmx_read)
JOB_TEST(check)
JOB_TEST(lexicon)
JOB_TEST(chinese)
JOB_TEST(manifest)

/* Reading needs a file: the pair's memory, written once. */
static int read_setup(void **state) {
  pair_setup(state);
  pair *p = *state;
  ta_tmx_align_opts to;
  ta_tmx_align_opts_init(&to);
  assert_int_equal(
      ta_tmx_write_alignment(p->path, p->src, p->tgt, p->al, &to, NULL, NULL),
      TA_OK);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_load_text),
      cmocka_unit_test(test_load_html),
      cmocka_unit_test(test_lexicon),
      cmocka_unit_test(test_chinese),
      cmocka_unit_test(test_manifest),
      cmocka_unit_test_setup_teardown(test_align, pair_setup, pair_teardown),
      cmocka_unit_test_setup_teardown(test_align_story, story_setup,
                                      story_teardown),
      cmocka_unit_test_setup_teardown(test_check_story, story_setup,
                                      story_teardown),
      cmocka_unit_test(test_batch),
      cmocka_unit_test_setup_teardown(test_tmx_write, pair_setup,
                                      pair_teardown),
      cmocka_unit_test_setup_teardown(test_tmx_read, read_setup, pair_teardown),
      cmocka_unit_test_setup_teardown(test_check, pair_setup, pair_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
