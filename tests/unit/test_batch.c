/* Batch alignment: manifests (comments, blank lines, bad lines with their
 * number, relative paths), pair directories, byte-identical output whatever
 * the number of threads, failed pairs skipped and reported, --strict and
 * "every pair failed" leaving an older file alone, TSV/JSONL rows, units
 * appended to an open writer.  Documents are the presplit La Parure pairs
 * of tests/data/batch, copied into a temporary directory. */
// clang-format off
#include "tmx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/stat.h>

#include <cmocka.h>
// clang-format on

#include "base/base.h"
#include "tmxalign/batch.h"

static const char *const NAMES[] = {"parure-1", "parure-2", "parure-3"};

/* ---- helpers ------------------------------------------------------------ */

static void copy_data(const char *name, const char *dir) {
  char from[1024], to[1024];
  const char *d = getenv("TA_TEST_DATA");
  snprintf(from, sizeof from, "%s/batch/%s", d ? d : "tests/data", name);
  snprintf(to, sizeof to, "%s/%s", dir, name);
  char *text = slurp(from, NULL);
  assert_non_null(text);
  spit(to, text);
  free(text);
}

/* A temporary directory holding the three pairs (NAME.fr.txt/.en.txt). */
static char *pair_dir(void) {
  char *dir = make_tmpdir();
  assert_non_null(dir);
  char name[64];
  for (size_t i = 0; i < 3; i++) {
    snprintf(name, sizeof name, "%s.fr.txt", NAMES[i]);
    copy_data(name, dir);
    snprintf(name, sizeof name, "%s.en.txt", NAMES[i]);
    copy_data(name, dir);
  }
  return dir;
}

static char *path_in(const char *dir, const char *name) {
  static char buf[4][1024];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

static size_t count_of(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

/* What the callbacks saw. */
typedef struct seen {
  size_t errors, error_index[8];
  char error_msg[8][600];
  size_t progress_calls, last_done, notes;
  char note_msg[4][600];
  bool done_increasing;
} seen;

static void on_error(void *user, size_t index, const ta_batch_pair *p,
                     const ta_error *err) {
  seen *s = user;
  (void)p;
  if (s->errors < 8) {
    s->error_index[s->errors] = index;
    snprintf(s->error_msg[s->errors], sizeof s->error_msg[0], "%s",
             err->message);
  }
  s->errors++;
}

static void on_progress(void *user, const ta_batch_stats *st) {
  seen *s = user;
  if (st->pairs_done != s->last_done + 1) s->done_increasing = false;
  s->last_done = st->pairs_done;
  s->progress_calls++;
}

static void on_note(void *user, const char *message) {
  seen *s = user;
  if (s->notes < 4)
    snprintf(s->note_msg[s->notes], sizeof s->note_msg[0], "%s", message);
  s->notes++;
}

static void opts(ta_batch_opts *o, seen *s, unsigned threads) {
  ta_batch_opts_init(o);
  o->src_lang = "fr";
  o->tgt_lang = "en";
  o->split.input = TA_INPUT_PRESPLIT;
  o->threads = threads;
  o->on_error = on_error;
  o->progress = on_progress;
  o->note = (ta_note){on_note, s};
  o->user = s;
  memset(s, 0, sizeof *s);
  s->done_increasing = true;
}

/* Pairs by name relative to dir (src_name = the file name). */
typedef struct pairs {
  char paths[8][2][1024];
  ta_batch_pair p[8];
  size_t n;
} pairs;

static void add_pair(pairs *ps, const char *dir, const char *stem) {
  size_t i = ps->n++;
  snprintf(ps->paths[i][0], 1024, "%s/%s.fr.txt", dir, stem);
  snprintf(ps->paths[i][1], 1024, "%s/%s.en.txt", dir, stem);
  ps->p[i] = (ta_batch_pair){ps->paths[i][0], ps->paths[i][1],
                             strrchr(ps->paths[i][0], '/') + 1,
                             strrchr(ps->paths[i][1], '/') + 1, 0};
}

/* ---- manifests ------------------------------------------------------------
 */

static void manifest_comments_blank_relative(void **state) {
  (void)state;
  const char *text =
      "\xEF\xBB\xBF# a comment\n"
      "a.fr.txt\ta.en.txt\n"
      "\n"
      "   \t  \n"
      "  # an indented comment\n"
      "sub/b.fr.txt\t\tsub/b.en.txt\r\n" /* two tabs, CRLF */
      " /abs/c.fr.txt \t /abs/c.en.txt \n"
      "d e.fr.txt\td e.en.txt"; /* no final newline, spaces in names */
  ta_batch_list *l = NULL;
  ta_error err;
  assert_int_equal(ta_batch_manifest_parse("m.tsv", text, strlen(text),
                                           "base/dir", &l, &err),
                   TA_OK);
  assert_int_equal(ta_batch_list_count(l), 4);
  const ta_batch_pair *p = ta_batch_list_pairs(l);
  static const struct {
    const char *src, *tgt, *sname, *tname;
    size_t line;
  } want[] = {
      {"base/dir/a.fr.txt", "base/dir/a.en.txt", "a.fr.txt", "a.en.txt", 2},
      {"base/dir/sub/b.fr.txt", "base/dir/sub/b.en.txt", "sub/b.fr.txt",
       "sub/b.en.txt", 6},
      {"/abs/c.fr.txt", "/abs/c.en.txt", "/abs/c.fr.txt", "/abs/c.en.txt", 7},
      {"base/dir/d e.fr.txt", "base/dir/d e.en.txt", "d e.fr.txt", "d e.en.txt",
       8},
  };
  for (size_t i = 0; i < 4; i++) {
    assert_string_equal(p[i].src, want[i].src);
    assert_string_equal(p[i].tgt, want[i].tgt);
    assert_string_equal(p[i].src_name, want[i].sname);
    assert_string_equal(p[i].tgt_name, want[i].tname);
    assert_int_equal(p[i].line, want[i].line);
  }
  ta_batch_list_free(l);
  /* No base directory: paths as written. */
  assert_int_equal(
      ta_batch_manifest_parse("m.tsv", "x.fr\tx.en\n", 10, NULL, &l, &err),
      TA_OK);
  assert_string_equal(ta_batch_list_pairs(l)[0].src, "x.fr");
  ta_batch_list_free(l);
  /* Only comments: an empty list, not an error. */
  assert_int_equal(
      ta_batch_manifest_parse("m.tsv", "# nothing\n\n", 11, NULL, &l, &err),
      TA_OK);
  assert_int_equal(ta_batch_list_count(l), 0);
  assert_null(ta_batch_list_pairs(l));
  ta_batch_list_free(l);
  ta_batch_list_free(NULL);
}

static void manifest_bad_lines(void **state) {
  (void)state;
  static const struct {
    const char *name, *text, *message;
  } rows[] = {
      {"no tab", "a\tb\n# ok\nc.fr.txt c.en.txt\n",
       "m.tsv: line 3: expected SOURCE<TAB>TARGET, found no tab"},
      {"third field", "a\tb\tc\n",
       "m.tsv: line 1: expected SOURCE<TAB>TARGET, found a third field"},
      {"empty source", "a\tb\n\n\tb.en\n", "m.tsv: line 3: empty source path"},
      {"empty target", "a\t  \n", "m.tsv: line 1: empty target path"},
      {"NUL byte", "a\tb\nx\0y\tz\n", "m.tsv: line 2: NUL byte"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    ta_batch_list *l = NULL;
    ta_error err;
    ta_error_clear(&err);
    size_t len = strlen(rows[i].text);
    if (!strcmp(rows[i].name, "NUL byte")) len = 13;
    ta_status st =
        ta_batch_manifest_parse("m.tsv", rows[i].text, len, "d", &l, &err);
    if (st != TA_EPARSE || strcmp(err.message, rows[i].message))
      fail_msg("%s: got %s \"%s\"", rows[i].name, ta_status_name(st),
               err.message);
    assert_null(l);
  }
}

static void manifest_load_relative_to_its_dir(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char sub[600];
  snprintf(sub, sizeof sub, "%s/lists", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  spit(path_in(sub, "m.tsv"), "# pairs\nx.fr.txt\tx.en.txt\n");
  ta_batch_list *l = NULL;
  ta_error err;
  assert_int_equal(ta_batch_manifest_load(path_in(sub, "m.tsv"), &l, &err),
                   TA_OK);
  assert_string_equal(ta_batch_list_pairs(l)[0].src, path_in(sub, "x.fr.txt"));
  assert_string_equal(ta_batch_list_pairs(l)[0].src_name, "x.fr.txt");
  ta_batch_list_free(l);
  l = NULL;
  assert_int_equal(ta_batch_manifest_load(path_in(sub, "none.tsv"), &l, &err),
                   TA_ENOENT);
  assert_non_null(strstr(err.message, "none.tsv: no such file"));
  assert_int_equal(ta_batch_manifest_load(sub, &l, &err), TA_EISDIR);
  assert_null(l);
  rm_tree(dir);
  free(dir);
}

/* ---- pair directories ---------------------------------------------------- */

typedef struct notes {
  size_t n;
  char msg[8][600];
} notes;

static void collect(void *user, const char *message) {
  notes *ns = user;
  if (ns->n < 8) snprintf(ns->msg[ns->n], sizeof ns->msg[0], "%s", message);
  ns->n++;
}

static void pair_dir_by_name(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  static const char *const files[] = {
      "z.fr.txt", "z.en.txt",     "a.fr.txt",   "a.en.txt",
      "b.fr.txt", "c.en.txt",     "d.fr.html",  "d.en.html",
      "e.FR.txt", "e.en.txt",     "readme.txt", ".hidden.fr.txt",
      "f.de.txt", "g.fr.txt.bak", "h.fr.html",  "h.en.txt"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    spit(path_in(dir, files[i]), "x\n");
  notes ns = {0};
  ta_batch_list *l = NULL;
  ta_error err;
  assert_int_equal(
      ta_batch_pair_dir(dir, "fr", "en", (ta_note){collect, &ns}, &l, &err),
      TA_OK);
  static const char *const want[][2] = {{"a.fr.txt", "a.en.txt"},
                                        {"d.fr.html", "d.en.html"},
                                        {"e.FR.txt", "e.en.txt"},
                                        {"z.fr.txt", "z.en.txt"}};
  assert_int_equal(ta_batch_list_count(l), 4);
  const ta_batch_pair *p = ta_batch_list_pairs(l);
  for (size_t i = 0; i < 4; i++) {
    assert_string_equal(p[i].src_name, want[i][0]);
    assert_string_equal(p[i].tgt_name, want[i][1]);
    assert_string_equal(p[i].src, path_in(dir, want[i][0]));
    assert_string_equal(p[i].tgt, path_in(dir, want[i][1]));
  }
  /* b has no English, c no French, h's halves have different extensions */
  assert_int_equal(ns.n, 4);
  char want_note[4][700];
  snprintf(want_note[0], 700, "%s: b.fr.txt has no b.en.txt", dir);
  snprintf(want_note[1], 700, "%s: c.en.txt has no c.fr.txt", dir);
  snprintf(want_note[2], 700, "%s: h.fr.html has no h.en.html", dir);
  snprintf(want_note[3], 700, "%s: h.en.txt has no h.fr.txt", dir);
  for (size_t i = 0; i < 4; i++) assert_string_equal(ns.msg[i], want_note[i]);
  ta_batch_list_free(l);
  /* Errors: no such directory, same language twice. */
  assert_int_equal(ta_batch_pair_dir(path_in(dir, "nope"), "fr", "en",
                                     (ta_note){NULL, NULL}, &l, &err),
                   TA_ENOENT);
  assert_int_equal(
      ta_batch_pair_dir(dir, "fr", "FR", (ta_note){NULL, NULL}, &l, &err),
      TA_EINVAL);
  rm_tree(dir);
  free(dir);
}

/* ---- aligning -------------------------------------------------------------
 */

static void threads_give_identical_bytes(void **state) {
  (void)state;
  setenv("SOURCE_DATE_EPOCH", "0", 1);
  char *dir = pair_dir();
  pairs ps = {.n = 0};
  for (size_t k = 0; k < 3; k++) add_pair(&ps, dir, NAMES[k]);
  /* The same pairs again: more pairs than slots, so slots are reused. */
  for (size_t k = 0; k < 3; k++) add_pair(&ps, dir, NAMES[k]);
  static const struct {
    unsigned threads;
    size_t max_pending;
  } runs[] = {{1, 0}, {2, 0}, {2, 2}, {3, 3}, {0, 0}};
  char *first = NULL;
  size_t first_units = 0;
  for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
    ta_batch_opts o;
    seen s;
    opts(&o, &s, runs[r].threads);
    o.max_pending = runs[r].max_pending;
    char out[64];
    snprintf(out, sizeof out, "out-%zu.tmx", r);
    ta_batch_stats st;
    ta_error err;
    assert_int_equal(
        ta_batch_align(&o, ps.p, ps.n, path_in(dir, out), &st, &err), TA_OK);
    assert_int_equal(st.pairs, 6);
    assert_int_equal(st.pairs_ok, 6);
    assert_int_equal(st.pairs_failed, 0);
    assert_int_equal(s.progress_calls, 6);
    assert_true(s.done_increasing);
    assert_int_equal(s.errors, 0);
    char *text = slurp(path_in(dir, out), NULL);
    assert_non_null(text);
    assert_int_equal(count_of(text, "<tu "), st.units);
    if (!first) {
      first = text;
      first_units = st.units;
      continue;
    }
    if (strcmp(first, text))
      fail_msg("-j %u (max_pending %zu) differs from -j 1", runs[r].threads,
               runs[r].max_pending);
    assert_int_equal(st.units, first_units);
    free(text);
  }
  /* tuids 1..units, in order; the x-document of each pair in list order;
   * the sentence counts of the documents. */
  char tuid[64];
  const char *p = first;
  for (size_t u = 1; u <= first_units; u++) {
    snprintf(tuid, sizeof tuid, "<tu tuid=\"%zu\">", u);
    p = strstr(p, tuid);
    if (!p) fail_msg("tuid %zu missing or out of order", u);
  }
  snprintf(tuid, sizeof tuid, "<tu tuid=\"%zu\">", first_units + 1);
  assert_null(strstr(first, tuid));
  p = first;
  for (size_t k = 0; k < 6; k++) {
    char doc[128];
    snprintf(doc, sizeof doc, "<prop type=\"x-document\">%s.fr.txt</prop>",
             NAMES[k % 3]);
    const char *q = strstr(p, doc);
    if (!q) fail_msg("pair %zu: %s not found after pair %zu", k + 1, doc, k);
    p = q;
  }
  assert_non_null(strstr(first, "srclang=\"fr\""));
  assert_non_null(strstr(first, "creationdate=\"19700101T000000Z\""));
  /* One text of each pair is in the memory: real alignment, not a copy. */
  assert_non_null(strstr(first,
                         "<seg>Elle n’avait pas de toilettes, pas de "
                         "bijoux, rien.</seg>"));
  assert_non_null(strstr(first,
                         "<seg>She had no gowns, no jewels, "
                         "nothing.</seg>"));
  free(first);
  assert_int_equal(validate_tmx(path_in(dir, "out-1.tmx"), dir), 0);
  rm_tree(dir);
  free(dir);
}

static void bad_pair_skipped_and_reported(void **state) {
  (void)state;
  char *dir = pair_dir();
  pairs ps = {.n = 0};
  add_pair(&ps, dir, "parure-1");
  add_pair(&ps, dir, "missing");
  add_pair(&ps, dir, "parure-3");
  /* The target half missing this time. */
  add_pair(&ps, dir, "parure-2");
  snprintf(ps.paths[3][1], 1024, "%s/gone.en.txt", dir);
  for (unsigned threads = 1; threads <= 2; threads++) {
    ta_batch_opts o;
    seen s;
    opts(&o, &s, threads);
    ta_batch_stats st;
    ta_error err;
    assert_int_equal(
        ta_batch_align(&o, ps.p, ps.n, path_in(dir, "m.tmx"), &st, &err),
        TA_OK);
    assert_int_equal(st.pairs_ok, 2);
    assert_int_equal(st.pairs_failed, 2);
    assert_int_equal(st.pairs_done, 4);
    assert_int_equal(s.progress_calls, 4);
    assert_int_equal(s.errors, 2);
    assert_int_equal(s.error_index[0], 1);
    assert_int_equal(s.error_index[1], 3);
    assert_non_null(strstr(s.error_msg[0], "missing.fr.txt"));
    assert_non_null(strstr(s.error_msg[1], "gone.en.txt"));
    char *text = slurp(path_in(dir, "m.tmx"), NULL);
    assert_int_equal(count_of(text, "<tu "), st.units);
    assert_int_equal(count_of(text, "parure-2.fr.txt"), 0);
    assert_true(count_of(text, ">parure-1.fr.txt<") > 0);
    assert_true(count_of(text, ">parure-3.fr.txt<") > 0);
    free(text);
  }
  rm_tree(dir);
  free(dir);
}

static void strict_and_all_failed_keep_old_file(void **state) {
  (void)state;
  char *dir = pair_dir();
  const char *out = path_in(dir, "old.tmx");
  spit(out, "old content\n");
  pairs ps = {.n = 0};
  add_pair(&ps, dir, "parure-1");
  add_pair(&ps, dir, "missing");
  add_pair(&ps, dir, "parure-2");
  ta_batch_opts o;
  seen s;
  opts(&o, &s, 2);
  o.strict = true;
  ta_batch_stats st;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_batch_align(&o, ps.p, ps.n, out, &st, &err), TA_ENOENT);
  char want[1200];
  snprintf(want, sizeof want, "pair 2 (missing.fr.txt, missing.en.txt): %s/",
           dir);
  if (strncmp(err.message, want, strlen(want)))
    fail_msg("strict message: %s", err.message);
  assert_int_equal(st.pairs_failed, 1);
  assert_int_equal(s.errors, 1);
  char *text = slurp(out, NULL);
  assert_string_equal(text, "old content\n");
  free(text);
  /* Every pair failing is an error too, strict or not. */
  pairs bad = {.n = 0};
  add_pair(&bad, dir, "missing");
  add_pair(&bad, dir, "nothing");
  opts(&o, &s, 2);
  assert_int_equal(ta_batch_align(&o, bad.p, bad.n, out, &st, &err), TA_ENOENT);
  assert_non_null(strstr(err.message,
                         "all 2 pairs failed; the first: pair 1 "
                         "(missing.fr.txt, missing.en.txt)"));
  assert_int_equal(st.pairs_failed, 2);
  assert_int_equal(s.errors, 2);
  text = slurp(out, NULL);
  assert_string_equal(text, "old content\n");
  free(text);
  /* No temporary file left behind. */
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp", dir);
  assert_int_not_equal(system(cmd), 0);
  /* No pairs and bad options are TA_EINVAL. */
  assert_int_equal(ta_batch_align(&o, ps.p, 0, out, &st, &err), TA_EINVAL);
  o.tgt_lang = NULL;
  assert_int_equal(ta_batch_align(&o, ps.p, ps.n, out, &st, &err), TA_EINVAL);
  rm_tree(dir);
  free(dir);
}

static void tsv_and_jsonl_rows(void **state) {
  (void)state;
  char *dir = pair_dir();
  pairs ps = {.n = 0};
  for (size_t k = 0; k < 3; k++) add_pair(&ps, dir, NAMES[k]);
  ta_batch_opts o;
  seen s;
  ta_batch_stats st;
  ta_error err;
  opts(&o, &s, 2);
  o.format = TA_BATCH_FORMAT_TSV;
  assert_int_equal(
      ta_batch_align(&o, ps.p, ps.n, path_in(dir, "m.tsv"), &st, &err), TA_OK);
  char *tsv = slurp(path_in(dir, "m.tsv"), NULL);
  assert_int_equal(count_of(tsv, "\n"), st.units);
  assert_int_equal(count_of(tsv, "\t"), 2 * st.units);
  free(tsv);
  size_t rows = st.units;
  opts(&o, &s, 2);
  o.format = TA_BATCH_FORMAT_JSONL;
  assert_int_equal(
      ta_batch_align(&o, ps.p, ps.n, path_in(dir, "m.jsonl"), &st, &err),
      TA_OK);
  assert_int_equal(st.units, rows);
  char *js = slurp(path_in(dir, "m.jsonl"), NULL);
  assert_int_equal(count_of(js, "\n"), rows);
  assert_int_equal(count_of(js, "{\"pair\":"), rows);
  assert_true(count_of(js,
                       "{\"pair\":2,\"document\":\"parure-2.fr.txt\","
                       "\"type\":") > 0);
  const char *head = "{\"pair\":1,\"document\":\"parure-1.fr.txt\",\"type\":\"";
  assert_int_equal(strncmp(js, head, strlen(head)), 0);
  free(js);
  rm_tree(dir);
  free(dir);
}

/* Aligner notes go to align.note.fn, loader notes to note: on the calling
 * thread, pair after pair. */
typedef struct thread_notes {
  pthread_t caller;
  bool other_thread;
  size_t n;
  char log[16][300];
} thread_notes;

static void log_note(thread_notes *t, const char *kind, const char *message) {
  if (!pthread_equal(pthread_self(), t->caller)) t->other_thread = true;
  if (t->n < 16)
    snprintf(t->log[t->n], sizeof t->log[0], "%s: %s", kind, message);
  t->n++;
}
static void split_note(void *user, const char *message) {
  log_note(user, "split", message);
}
static void align_note(void *user, const char *message) {
  log_note(user, "align", message);
}

static void notes_on_calling_thread(void **state) {
  (void)state;
  char *dir = pair_dir();
  spit(path_in(dir, "empty.fr.txt"), "");
  spit(path_in(dir, "empty.en.txt"), "");
  pairs ps = {.n = 0};
  add_pair(&ps, dir, "parure-1");
  add_pair(&ps, dir, "empty");
  add_pair(&ps, dir, "parure-2");
  thread_notes t = {.caller = pthread_self()};
  ta_batch_opts o;
  seen s;
  opts(&o, &s, 3);
  o.note = (ta_note){split_note, &t};
  o.user = &t;
  o.progress = NULL;
  o.on_error = NULL;
  o.align.note.fn = align_note;
  o.align.note.user = &t;
  ta_batch_stats st;
  ta_error err;
  assert_int_equal(
      ta_batch_align(&o, ps.p, ps.n, path_in(dir, "t.tmx"), &st, &err), TA_OK);
  assert_false(t.other_thread);
  /* parure-1: an aligner note; empty: a loader note for each side (and
   * perhaps aligner notes); parure-2: an aligner note, last. */
  assert_true(t.n >= 4);
  assert_true(!strncmp(t.log[0], "align: lexicon:", 15));
  assert_non_null(strstr(t.log[1], "split: "));
  assert_non_null(strstr(t.log[1], "empty.fr.txt"));
  assert_non_null(strstr(t.log[2], "split: "));
  assert_non_null(strstr(t.log[2], "empty.en.txt"));
  assert_true(!strncmp(t.log[t.n - 1], "align: lexicon:", 15));
  assert_int_equal(st.pairs_ok, 3);
  rm_tree(dir);
  free(dir);
}

/* An output that cannot be written is fatal: the status says so. */
static void output_errors(void **state) {
  (void)state;
  char *dir = pair_dir();
  pairs ps = {.n = 0};
  for (size_t k = 0; k < 3; k++) add_pair(&ps, dir, NAMES[k]);
  ta_batch_opts o;
  seen s;
  ta_batch_stats st;
  ta_error err;
  static const ta_batch_format formats[] = {TA_BATCH_FORMAT_TMX,
                                            TA_BATCH_FORMAT_TSV};
  for (size_t f = 0; f < 2; f++) {
    opts(&o, &s, 2);
    o.format = formats[f];
    ta_status got = ta_batch_align(&o, ps.p, ps.n, "/dev/full", &st, &err);
    if (got != TA_EIO)
      fail_msg("/dev/full: %s %s", ta_status_name(got), err.message);
    got = ta_batch_align(&o, ps.p, ps.n, path_in(dir, "no/such/dir.tmx"), &st,
                         &err);
    if (got != TA_EIO)
      fail_msg("no dir: %s %s", ta_status_name(got), err.message);
    assert_int_equal(s.errors, 0);
    got = ta_batch_align(&o, ps.p, ps.n, dir, &st, &err);
    if (got != TA_EISDIR)
      fail_msg("a directory: %s %s", ta_status_name(got), err.message);
  }
  rm_tree(dir);
  free(dir);
}

/* Notes reach the warn callback on the calling thread, in list order,
 * naming the unit by its tuid in the whole memory. */
static void notes_in_list_order(void **state) {
  (void)state;
  char *dir = pair_dir();
  spit(path_in(dir, "ctl.fr.txt"), "Un\x01 deux.\nTrois\x02.\n");
  spit(path_in(dir, "ctl.en.txt"), "One two.\nThree.\n");
  pairs ps = {.n = 0};
  add_pair(&ps, dir, "ctl");
  add_pair(&ps, dir, "parure-1");
  add_pair(&ps, dir, "ctl");
  ta_batch_opts o;
  seen s;
  opts(&o, &s, 2);
  ta_batch_stats st;
  ta_error err;
  assert_int_equal(
      ta_batch_align(&o, ps.p, ps.n, path_in(dir, "n.tmx"), &st, &err), TA_OK);
  assert_int_equal(s.notes, 4);
  size_t third = st.units - 1; /* the last pair's first unit */
  char want[64];
  snprintf(want, sizeof want, "tu %zu (fr): removed 1 character", third);
  assert_non_null(strstr(s.note_msg[0], "tu 1 (fr): removed 1 character"));
  assert_non_null(strstr(s.note_msg[1], "tu 2 (fr): removed 1 character"));
  assert_non_null(strstr(s.note_msg[2], want));
  char *text = slurp(path_in(dir, "n.tmx"), NULL);
  assert_int_equal(count_of(text, "<seg>Un deux.</seg>"), 2);
  free(text);
  rm_tree(dir);
  free(dir);
}

/* ---- appending to an open writer ------------------------------------------
 */

static void writer_add_beads_numbers_on(void **state) {
  (void)state;
  setenv("SOURCE_DATE_EPOCH", "0", 1);
  char *dir = make_tmpdir();
  static const char *const fr[] = {"Un.", "Deux.", "Trois."};
  static const char *const en[] = {"One.", "Two.", "Three."};
  ta_doc *s = NULL, *t = NULL;
  assert_int_equal(ta_doc_from_segments("x/a.fr", "fr", fr, NULL, 3, &s, NULL),
                   TA_OK);
  assert_int_equal(ta_doc_from_segments("x/a.en", "en", en, NULL, 3, &t, NULL),
                   TA_OK);
  ta_bead b[3];
  memset(b, 0, sizeof b);
  b[0] = (ta_bead){
      .src_begin = 0, .src_len = 1, .tgt_begin = 0, .tgt_len = 1, .score = 0.9};
  b[1] = (ta_bead){
      .src_begin = 1, .src_len = 1, .tgt_begin = 1, .tgt_len = 0, .score = 0.2};
  b[2] = (ta_bead){
      .src_begin = 2, .src_len = 1, .tgt_begin = 1, .tgt_len = 2, .score = 0.8};
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = "fr";
  ta_tmx_writer *w = NULL;
  ta_error err;
  assert_int_equal(
      ta_tmx_writer_open(path_in(dir, "w.tmx"), &h, NULL, &w, &err), TA_OK);
  ta_tmx_align_stats st;
  assert_int_equal(ta_tmx_writer_add_beads(w, s, t, b, 3, NULL, &st, &err),
                   TA_OK);
  assert_int_equal(st.units, 2);
  assert_int_equal(st.unaligned, 1);
  /* A bead outside the documents: nothing written. */
  ta_bead bad = b[2];
  bad.tgt_len = 5;
  ta_bead two[2] = {b[0], bad};
  assert_int_equal(ta_tmx_writer_add_beads(w, s, t, two, 2, NULL, &st, &err),
                   TA_EINVAL);
  assert_int_equal(ta_tmx_writer_count(w), 2);
  ta_tmx_align_opts o;
  ta_tmx_align_opts_init(&o);
  o.document = "second";
  o.keep_unaligned = true;
  assert_int_equal(ta_tmx_writer_add_beads(w, s, t, b, 3, &o, &st, &err),
                   TA_OK);
  assert_int_equal(st.units, 3);
  assert_int_equal(ta_tmx_writer_close(w, &err), TA_OK);
  ta_tmx_writer_free(w);
  char *text = slurp(path_in(dir, "w.tmx"), NULL);
  for (int u = 1; u <= 5; u++) {
    char tuid[32];
    snprintf(tuid, sizeof tuid, "<tu tuid=\"%d\">", u);
    assert_int_equal(count_of(text, tuid), 1);
  }
  assert_int_equal(count_of(text, ">a.fr</prop>"), 2);
  assert_int_equal(count_of(text, ">second</prop>"), 3);
  assert_int_equal(count_of(text, "<seg>Two. Three.</seg>"), 2);
  free(text);
  assert_int_equal(validate_tmx(path_in(dir, "w.tmx"), dir), 0);
  ta_doc_free(s);
  ta_doc_free(t);
  rm_tree(dir);
  free(dir);
}

/* ---- issue #12 ---------------------------------------------------------- */

/* A FIFO named like a document is left out with a note (reading it would
 * hang the batch); its regular other half is then unpaired. */
static void pair_dir_skips_fifos(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  spit(path_in(dir, "a.fr.txt"), "x\n");
  spit(path_in(dir, "a.en.txt"), "x\n");
  spit(path_in(dir, "x.en.txt"), "x\n");
  assert_int_equal(mkfifo(path_in(dir, "x.fr.txt"), 0600), 0);
  assert_int_equal(mkdir(path_in(dir, "y.fr.txt"), 0700), 0);
  notes ns = {0};
  ta_batch_list *l = NULL;
  ta_error err;
  assert_int_equal(
      ta_batch_pair_dir(dir, "fr", "en", (ta_note){collect, &ns}, &l, &err),
      TA_OK);
  assert_int_equal(ta_batch_list_count(l), 1);
  assert_string_equal(ta_batch_list_pairs(l)[0].src_name, "a.fr.txt");
  char want[700];
  snprintf(want, sizeof want,
           "%s: x.fr.txt is not a regular file (a FIFO); "
           "skipped",
           dir);
  bool fifo = false, sub = false;
  for (size_t i = 0; i < ns.n && i < 8; i++) {
    fifo = fifo || !strcmp(ns.msg[i], want);
    sub = sub || strstr(ns.msg[i],
                        "y.fr.txt is not a regular file (a "
                        "directory)");
  }
  assert_true(fifo);
  assert_true(sub);
  ta_batch_list_free(l);
  rm_tree(dir);
  free(dir);
}

/* By default a manifest reads any path; confined, a pair whose file
 * resolves outside the manifest's directory is refused, naming the line. */
static void manifest_confined_to_its_dir(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char sub[600], deeper[700];
  snprintf(sub, sizeof sub, "%s/lists", dir);
  snprintf(deeper, sizeof deeper, "%s/lists/more", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  assert_int_equal(mkdir(deeper, 0700), 0);
  spit(path_in(dir, "outside.txt"), "x\n");
  spit(path_in(sub, "in.fr.txt"), "x\n");
  assert_int_equal(
      symlink(path_in(dir, "outside.txt"), path_in(sub, "link.txt")), 0);
  char abs_line[800];
  snprintf(abs_line, sizeof abs_line, "in.fr.txt\t%s\n",
           path_in(dir, "outside.txt"));
  const char *bad[] = {"in.fr.txt\tin.fr.txt\n../outside.txt\tin.fr.txt\n",
                       abs_line, "in.fr.txt\tlink.txt\n",
                       "in.fr.txt\tmore/../../outside.txt\n"};
  const size_t line[] = {2, 1, 1, 1};
  for (size_t i = 0; i < 4; i++) {
    spit(path_in(sub, "m.tsv"), bad[i]);
    ta_batch_list *l = NULL;
    ta_error err;
    assert_int_equal(ta_batch_manifest_load(path_in(sub, "m.tsv"), &l, &err),
                     TA_OK); /* the default: any path */
    ta_batch_list_free(l);
    l = NULL;
    assert_int_equal(
        ta_batch_manifest_load_flags(path_in(sub, "m.tsv"),
                                     TA_BATCH_MANIFEST_CONFINED, &l, &err),
        TA_EINVAL);
    assert_null(l);
    char want[800];
    snprintf(want, sizeof want, "m.tsv: line %zu: ", line[i]);
    if (!strstr(err.message, want) ||
        !strstr(err.message, "is outside the manifest's directory"))
      fail_msg("%zu: %s", i, err.message);
  }
  /* Inside, below, and missing files (the batch reports those) pass. */
  spit(path_in(sub, "m.tsv"),
       "in.fr.txt\tmore/../in.fr.txt\nmore/missing.txt\tin.fr.txt\n");
  ta_batch_list *l = NULL;
  ta_error err;
  assert_int_equal(
      ta_batch_manifest_load_flags(path_in(sub, "m.tsv"),
                                   TA_BATCH_MANIFEST_CONFINED, &l, &err),
      TA_OK);
  assert_int_equal(ta_batch_list_count(l), 2);
  ta_batch_list_free(l);
  assert_int_equal(
      ta_batch_manifest_load_flags(path_in(sub, "m.tsv"), 0x10, &l, &err),
      TA_EINVAL);
  rm_tree(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(manifest_comments_blank_relative),
      cmocka_unit_test(manifest_bad_lines),
      cmocka_unit_test(manifest_load_relative_to_its_dir),
      cmocka_unit_test(pair_dir_by_name),
      cmocka_unit_test(pair_dir_skips_fifos),
      cmocka_unit_test(manifest_confined_to_its_dir),
      cmocka_unit_test(threads_give_identical_bytes),
      cmocka_unit_test(bad_pair_skipped_and_reported),
      cmocka_unit_test(strict_and_all_failed_keep_old_file),
      cmocka_unit_test(tsv_and_jsonl_rows),
      cmocka_unit_test(notes_in_list_order),
      cmocka_unit_test(output_errors),
      cmocka_unit_test(notes_on_calling_thread),
      cmocka_unit_test(writer_add_beads_numbers_on),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
