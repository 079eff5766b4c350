/* Streaming jobs (pipe.h): good jobs inline and by path, presplit, every
 * kind of bad job giving an error line with its id while the stream goes
 * on, input order kept with threads, a line over max_line refused, the
 * check report instead of beads.  Documents: the presplit La Parure
 * pairs of tests/data/batch. */
// clang-format off
#include "tmx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
// clang-format on

#include "tmxalign/pipe.h"

static const char *batch_file(const char *name) {
  static char buf[2][1024];
  static int k;
  const char *d = getenv("TA_TEST_DATA");
  k = !k;
  snprintf(buf[k], sizeof buf[k], "%s/batch/%s", d ? d : "tests/data", name);
  return buf[k];
}

/* in as the input; the output, malloc'd. */
static char *run(const char *in, const ta_pipe_opts *o, ta_pipe_stats *st,
                 ta_status *status) {
  FILE *fin = fmemopen((void *)in, strlen(in), "r");
  assert_non_null(fin);
  char *out = NULL;
  size_t len = 0;
  FILE *fout = open_memstream(&out, &len);
  assert_non_null(fout);
  ta_error err;
  ta_error_clear(&err);
  *status = ta_pipe_run(fin, fout, o, st, &err);
  fclose(fin);
  fclose(fout);
  return out;
}

/* Line i (0-based) of s, in a static buffer. */
static const char *line_at(const char *s, size_t i) {
  static char *buf;
  free(buf);
  buf = NULL;
  for (; i && s; i--) {
    s = strchr(s, '\n');
    if (s) s++;
  }
  if (!s || !*s) return "";
  size_t n = strcspn(s, "\n");
  buf = strndup(s, n);
  return buf;
}

static size_t count_lines(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += *s == '\n';
  return n;
}

/* JSON string literal of a file's text (escaping quotes, backslashes and
 * newlines only: the test data has no other control characters). */
static char *json_text(const char *path) {
  char *t = slurp(path, NULL);
  assert_non_null(t);
  size_t n = strlen(t);
  char *q = malloc(2 * n + 3), *p = q;
  *p++ = '"';
  for (size_t i = 0; i < n; i++) {
    if (t[i] == '"' || t[i] == '\\')
      *p++ = '\\', *p++ = t[i];
    else if (t[i] == '\n')
      *p++ = '\\', *p++ = 'n';
    else if (t[i] == '\r')
      *p++ = '\\', *p++ = 'r';
    else if (t[i] == '\t')
      *p++ = '\\', *p++ = 't';
    else
      *p++ = t[i];
  }
  *p++ = '"';
  *p = '\0';
  free(t);
  return q;
}

static void inline_and_path_give_the_same_beads(void **state) {
  (void)state;
  char *src = json_text(batch_file("parure-1.fr.txt"));
  char *tgt = json_text(batch_file("parure-1.en.txt"));
  size_t cap = strlen(src) + strlen(tgt) + 4096;
  char *in = malloc(cap);
  snprintf(in, cap,
           "{\"id\":\"a\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
           "\"presplit\":true,\"src\":%s,\"tgt\":%s}\n"
           "{\"id\":7,\"presplit\":true,\"src_path\":\"%s\",",
           src, tgt, batch_file("parure-1.fr.txt"));
  size_t n = strlen(in);
  snprintf(in + n, cap - n, "\"tgt_path\":\"%s\"}\n",
           batch_file("parure-1.en.txt"));
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  o.src_lang = "fr"; /* the second job takes the defaults */
  o.tgt_lang = "en";
  ta_pipe_stats st;
  ta_status status;
  char *out = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  assert_int_equal(st.lines, 2);
  assert_int_equal(st.jobs_ok, 2);
  assert_int_equal(count_lines(out), 2);
  char *a = strdup(line_at(out, 0));
  const char *b = line_at(out, 1);
  assert_true(!strncmp(a, "{\"id\":\"a\",", 10));
  assert_true(!strncmp(b, "{\"id\":7,", 8));
  /* the same beads (everything after the id) */
  assert_string_equal(strchr(a, ','), strchr(b, ','));
  assert_non_null(strstr(a, "\"beads\":[{\"type\":\"1-1\""));
  free(a);
  free(out);
  free(in);
  free(src);
  free(tgt);
}

static void presplit_keeps_segments(void **state) {
  (void)state;
  const char *in =
      "{\"id\":\"p\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\",\"presplit\":true,"
      "\"src\":\"Un. Deux.\\nTrois.\",\"tgt\":\"One. Two.\\nThree.\"}\n"
      "{\"id\":\"s\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src\":\"Un. Deux.\\nTrois.\",\"tgt\":\"One. Two.\\nThree.\"}\n";
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  ta_pipe_stats st;
  ta_status status;
  char *out = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  assert_non_null(strstr(line_at(out, 0), "\"src_sentences\":2,"));
  assert_non_null(strstr(line_at(out, 1), "\"src_sentences\":3,"));
  free(out);
}

static void bad_jobs_keep_the_stream_going(void **state) {
  (void)state;
  const char *in =
      "{\"id\":\"json\",\"src\":\n"
      "{\"id\":\"nosrc\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"tgt\":\"x\"}\n"
      "{\"id\":\"path\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src_path\":\"/nonexistent/a.txt\",\"tgt\":\"x\"}\n"
      "{\"id\":\"lang\",\"src_lang\":\"xx-bogus-123\",\"tgt_lang\":\"en\","
      "\"src\":\"a\",\"tgt\":\"b\"}\n"
      "{\"id\":\"nolang\",\"src\":\"a\",\"tgt\":\"b\"}\n"
      "{\"id\":\"typo\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src\":\"a\",\"tgt\":\"b\",\"max_baed\":3}\n"
      "{\"id\":\"both\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src\":\"a\",\"src_path\":\"a\",\"tgt\":\"b\"}\n"
      "{\"id\":\"bead\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src\":\"a\",\"tgt\":\"b\",\"max_bead\":12}\n"
      "{\"id\":{\"x\":1},\"src\":\"a\"}\n"
      "[1,2]\n"
      "\n"
      "{\"id\":\"good\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src\":\"Bonjour.\",\"tgt\":\"Hello.\",\"no_lexicon\":true,"
      "\"min_score\":0}\n";
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  ta_pipe_stats st;
  ta_status status;
  char *out = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  assert_int_equal(st.lines, 12);
  assert_int_equal(st.jobs, 11); /* the blank line gives nothing */
  assert_int_equal(st.jobs_failed, 10);
  assert_int_equal(st.jobs_ok, 1);
  static const struct {
    const char *id, *says;
  } want[] = {{"\"json\"", "bad JSON"},
              {"\"nosrc\"", "missing \\\"src\\\""},
              {"\"path\"", "/nonexistent/a.txt"},
              {"\"lang\"", "xx-bogus-123"},
              {"\"nolang\"", "missing \\\"src_lang\\\""},
              {"\"typo\"", "unknown member \\\"max_baed\\\""},
              {"\"both\"", "both"},
              {"\"bead\"", "max_bead"},
              {"null", "\"id\\\" must be a string or a number"},
              {"null", "an object expected"}};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const char *l = line_at(out, i);
    char head[64];
    snprintf(head, sizeof head, "{\"id\":%s,\"error\":\"", want[i].id);
    if (strncmp(l, head, strlen(head)) || !strstr(l, want[i].says))
      fail_msg("line %zu: %s", i, l);
  }
  assert_non_null(
      strstr(line_at(out, 10), "{\"id\":\"good\",\"src_sentences\""));
  free(out);
}

static void order_is_kept_with_threads(void **state) {
  (void)state;
  char in[8192] = "";
  for (int i = 0; i < 9; i++) {
    size_t n = strlen(in);
    /* uneven sizes so that jobs finish out of order */
    snprintf(in + n, sizeof in - n,
             "{\"id\":%d,\"src_lang\":\"fr\",\"tgt_lang\":\"en\",\"src\":\"%s"
             "Un chat.\",\"tgt\":\"%sA cat.\"}\n",
             i, i % 3 ? "" : "Il pleut. Il fait froid. Trois. Quatre. ",
             i % 3 ? "" : "It rains. It is cold. Three. Four. ");
  }
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  ta_pipe_stats st;
  ta_status status;
  char *one = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  o.threads = 4;
  char *four = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  assert_string_equal(one, four);
  for (int i = 0; i < 9; i++) {
    char head[32];
    snprintf(head, sizeof head, "{\"id\":%d,", i);
    assert_true(!strncmp(line_at(four, (size_t)i), head, strlen(head)));
  }
  free(one);
  free(four);
}

static void a_huge_line_is_refused(void **state) {
  (void)state;
  size_t big = 100000;
  char *in = malloc(big + 512);
  memset(in, 'x', big);
  memcpy(in, "{\"id\":\"big\",\"src\":\"", 19);
  snprintf(in + big, 512,
           "\"}\n{\"id\":\"after\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
           "\"src\":\"Oui.\",\"tgt\":\"Yes.\"}\n");
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  o.max_line = 4096;
  ta_pipe_stats st;
  ta_status status;
  char *out = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  assert_int_equal(st.jobs, 2);
  assert_non_null(strstr(line_at(out, 0), "longer than 4096 bytes"));
  assert_non_null(
      strstr(line_at(out, 1), "{\"id\":\"after\",\"src_sentences\""));
  free(out);
  free(in);
}

static void check_mode_and_inline_only(void **state) {
  (void)state;
  const char *in =
      "{\"id\":\"c\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src\":\"Un chat. Deux chiens. Trois oiseaux.\","
      "\"tgt\":\"A cat. Three birds.\"}\n"
      "{\"id\":\"f\",\"src_lang\":\"fr\",\"tgt_lang\":\"en\","
      "\"src_path\":\"/etc/passwd\",\"tgt\":\"x\"}\n";
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  o.check = true;
  o.no_paths = true;
  ta_pipe_stats st;
  ta_status status;
  char *out = run(in, &o, &st, &status);
  assert_int_equal(status, TA_OK);
  const char *l = line_at(out, 0);
  assert_non_null(strstr(l, "\"check\":{\"schema\":\"tmxalign-check\""));
  assert_null(strstr(l, "\"below_score\"")); /* no beads part */
  assert_non_null(strstr(line_at(out, 1), "inline only"));
  free(out);
}

static void one_job(void **state) {
  (void)state;
  char *out = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&out, &len);
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  ta_error err;
  const char *line = "{\"id\":\"x\"}";
  assert_int_equal(ta_pipe_job(line, strlen(line), fp, &o, &err), TA_OK);
  fclose(fp);
  assert_true(!strncmp(out, "{\"id\":\"x\",\"error\":", 18));
  assert_int_equal(out[len - 1], '\n');
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(inline_and_path_give_the_same_beads),
      cmocka_unit_test(presplit_keeps_segments),
      cmocka_unit_test(bad_jobs_keep_the_stream_going),
      cmocka_unit_test(order_is_kept_with_threads),
      cmocka_unit_test(a_huge_line_is_refused),
      cmocka_unit_test(check_mode_and_inline_only),
      cmocka_unit_test(one_job),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
