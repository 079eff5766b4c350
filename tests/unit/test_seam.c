/* How the sentences of one bead are joined: no space between Chinese or
 * Japanese sentences, a space everywhere else, the same in TSV, JSON
 * lines, TMX and the check's joined texts.  The Japanese is in the manner
 * of a travel story, the Chinese of a novel's dialogue. */
#define _POSIX_C_SOURCE 200809L
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
#include "check/check_int.h"
#include "tmxalign/align.h"
#include "tmxalign/doc.h"
#include "tmxalign/tmx.h"

static bool space(const char *a, const char *b) {
  return ta__seam_space(a, strlen(a), b, strlen(b));
}

static void seam_by_script(void **state) {
  (void)state;
  /* no space: Chinese and Japanese on both sides of the seam */
  assert_false(space("山頂から景色を眺めた。", "富士山が大きく見えた。"));
  assert_false(space("门开了，进来的是王芳。", "“你怎么回来了？”"));
  assert_false(space("他说：“好。”", "然后就走了。"));
  assert_false(
      space("駅はとても混んでいた。", "「おはようございます」と言った。"));
  assert_false(space("カメラを買った。", "ソニーのだ。"));
  /* a space: alphabetic scripts, Thai (a space separates its
   * sentences), Korean, and a Latin sentence in CJK text */
  assert_true(space("Il partit.", "« Pourquoi ? » demanda-t-elle."));
  assert_true(space("He left.", "“Why?” she asked."));
  assert_true(space("ฉันไปตลาด", "แม่ซื้อผลไม้"));
  assert_true(space("나는 학교에 갔다.", "친구를 만났다."));
  assert_true(space("富士山を見た。", "It was beautiful."));
  assert_true(space("It was beautiful.", "富士山を見た。"));
  assert_true(space("第3章", "42"));
  /* nothing but quotes on one side: a space as before */
  assert_true(space("”", "你好。"));
  assert_true(space("", "你好。"));
}

static ta_doc *doc(const char *lang, const char *const *s, size_t n) {
  size_t paras[4] = {0, 0, 0, 0};
  ta_doc *d = NULL;
  ta_error err = {0};
  assert_int_equal(ta_doc_from_segments("t", lang, s, paras, n, &d, &err),
                   TA_OK);
  return d;
}

static char *slurp(FILE *fp) {
  static char buf[4096];
  rewind(fp);
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  return buf;
}

static void outputs_join_without_space(void **state) {
  (void)state;
  const char *ja[] = {"山頂から景色を眺めた。", "富士山が大きく見えた。",
                      "It was cold."};
  const char *en[] = {("From the summit we looked at Mount Fuji, which "
                       "seemed very large."),
                      "Il faisait froid.", "Very cold."};
  ta_doc *s = doc("ja", ja, 3), *t = doc("en", en, 3);
  /* 3-1 then 0-2: the Japanese seam and the Japanese-Latin seam */
  ta_bead beads[2] = {{.src_begin = 0, .src_len = 3, .tgt_len = 1},
                      {.src_begin = 3, .tgt_begin = 1, .tgt_len = 2}};
  ta_alignment *a = NULL;
  ta_error err = {0};
  assert_int_equal(ta_alignment_from_beads(s, t, beads, 2, &a, &err), TA_OK);
  FILE *fp = tmpfile();
  assert_non_null(fp);
  assert_int_equal(ta_alignment_write(fp, TA_ALIGN_FORMAT_TSV, s, t, a, &err),
                   TA_OK);
  const char *got = slurp(fp);
  assert_non_null(strstr(
      got, "山頂から景色を眺めた。富士山が大きく見えた。 It was cold.\t"));
  assert_non_null(strstr(got, "\tIl faisait froid. Very cold.\t"));
  fclose(fp);
  fp = tmpfile();
  assert_non_null(fp);
  assert_int_equal(ta_alignment_write(fp, TA_ALIGN_FORMAT_JSONL, s, t, a, &err),
                   TA_OK);
  assert_non_null(strstr(slurp(fp),
                         "\"text\":\"山頂から景色を眺めた。"
                         "富士山が大きく見えた。 It was cold.\""));
  fclose(fp);

  char path[] = "/tmp/ta_seam_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  ta_tmx_align_opts o;
  ta_tmx_align_opts_init(&o);
  o.keep_unaligned = true;
  ta_tmx_align_stats st;
  assert_int_equal(ta_tmx_write_alignment(path, s, t, a, &o, &st, &err), TA_OK);
  fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_non_null(strstr(slurp(fp),
                         "<seg>山頂から景色を眺めた。"
                         "富士山が大きく見えた。 It was cold.</seg>"));
  fclose(fp);
  remove(path);

  char *j = ta__check_join(s, 0, 2);
  assert_string_equal(j, "山頂から景色を眺めた。富士山が大きく見えた。");
  free(j);
  j = ta__check_join(t, 1, 2);
  assert_string_equal(j, "Il faisait froid. Very cold.");
  free(j);
  ta_alignment_free(a);
  ta_doc_free(s);
  ta_doc_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(seam_by_script),
      cmocka_unit_test(outputs_join_without_space),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
