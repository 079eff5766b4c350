/* The language finding of ta_check: a document in another language than its
 * tag, and the pairs that must not get one (right tags, a translation that
 * quotes lines of the original, Japanese written mostly in kanji). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "tmxalign/check.h"

static const char *const fr_text[] = {
    "Le conseil municipal s’est réuni lundi soir pour examiner le budget de la "
    "ville.",
    "Les dépenses prévues atteignent 1 250 000 euros, soit une hausse de 4,5 % "
    "par rapport à l’an dernier.",
    "Le maire a expliqué que la rénovation de l’école primaire était la "
    "priorité absolue.",
    "Plusieurs conseillers ont demandé des précisions sur le coût des travaux "
    "de la piscine.",
    "Pourquoi le chantier a-t-il pris tant de retard ?",
    "L’adjoint chargé des finances a répondu que les entreprises avaient "
    "manqué de matériaux pendant l’hiver.",
    "La séance a été levée à 23 h 15, après un vote favorable de la majorité.",
    "Le prochain conseil aura lieu le 14 mars dans la salle des fêtes.",
};
static const char *const en_text[] = {
    "The town council met on Monday evening to examine the city budget.",
    "Planned spending reaches 1,250,000 euros, an increase of 4.5% over last "
    "year.",
    "The mayor explained that renovating the primary school was the absolute "
    "priority.",
    "Several councillors asked for details on the cost of the work on the "
    "swimming pool.",
    "Why has the building site fallen so far behind schedule?",
    "The deputy in charge of finances answered that the companies had run "
    "short of materials during the winter.",
    "The meeting closed at 11:15 p.m., after a favourable vote of the "
    "majority.",
    "The next council will take place on March 14 in the village hall.",
};
static const char *const de_text[] = {
    "Der Gemeinderat ist am Montagabend zusammengekommen, um den Haushalt der "
    "Stadt zu prüfen.",
    "Die geplanten Ausgaben erreichen 1 250 000 Euro, das ist eine Steigerung "
    "von 4,5 % gegenüber dem letzten Jahr.",
    "Der Bürgermeister hat erklärt, dass die Renovierung der Grundschule die "
    "oberste Priorität sei.",
    "Mehrere Räte haben nach den Kosten der Arbeiten an dem Schwimmbad "
    "gefragt.",
    "Warum ist die Baustelle so weit in Verzug?",
    "Der für die Finanzen zuständige Beigeordnete hat geantwortet, dass den "
    "Firmen im Winter das Material gefehlt hat.",
    "Die Sitzung wurde um 23.15 Uhr nach einer Abstimmung der Mehrheit "
    "geschlossen.",
    "Der nächste Rat findet am 14. März in der Festhalle statt.",
};
static const char *const zh_text[] = {
    "市议会星期一晚上开会审议城市预算。",
    "计划支出达到一百二十五万欧元，比去年增加百分之四点五。",
    "市长解释说，翻修小学是当务之急。",
    "几位议员询问了游泳池工程费用的详细情况。",
    "为什么工地拖延了这么久？",
    "负责财务的副市长回答说，冬季期间各公司缺少材料。",
    "会议在多数人投赞成票后于晚上十一点十五分结束。",
    "下一次会议将于三月十四日在节日大厅举行。",
};
static const char *const ja_text[] = {
    "市議会は月曜日の夜に集まり、市の予算を審議した。",
    ("予定されている支出は百二十五万ユーロに達し、昨年より四・五パーセント増え"
     "た。"),
    "市長は、小学校の改修が最優先だと説明した。",
    "何人かの議員がプールの工事費について詳しい説明を求めた。",
    "なぜ工事はこんなに遅れたのか。",
    "財務担当の助役は、冬の間に業者が資材不足に陥ったと答えた。",
    "会議は多数の賛成で可決された後、午後十一時十五分に閉会した。",
    "次の議会は三月十四日に祝祭ホールで開かれる。",
};
#define N 8

static ta_check_report *check(const char *sl, const char *const *s,
                              const char *tl, const char *const *t) {
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_doc_from_segments("src.txt", sl, s, NULL, N, &src, &err),
                   TA_OK);
  assert_int_equal(ta_doc_from_segments("tgt.txt", tl, t, NULL, N, &tgt, &err),
                   TA_OK);
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_int_equal(ta_align(src, tgt, &ao, &al, &err), TA_OK);
  ta_check_opts co;
  ta_check_opts_init(&co);
  assert_int_equal(ta_check(src, tgt, al, &co, &rep, &err), TA_OK);
  ta_alignment_free(al);
  ta_doc_free(src);
  ta_doc_free(tgt);
  return rep;
}

static const ta_finding *language(const ta_check_report *r) {
  for (size_t i = 0; i < ta_check_report_count(r); i++)
    if (ta_check_report_finding(r, i)->kind == TA_FINDING_LANGUAGE)
      return ta_check_report_finding(r, i);
  return NULL;
}

/* The finding, its message naming what the text reads as, and the
 * verdict it fails. */
static void expect_language(const char *sl, const char *const *s,
                            const char *tl, const char *const *t,
                            const char *reads_as, const char *side) {
  ta_check_report *r = check(sl, s, tl, t);
  const ta_finding *f = language(r);
  if (!f) print_message("no language finding: %s as %s\n", reads_as, tl);
  assert_non_null(f);
  assert_int_equal(f->severity, TA_SEVERITY_ERROR);
  assert_non_null(strstr(f->message, reads_as));
  assert_non_null(strstr(f->message, side));
  assert_false(ta_check_report_summary(r)->complete);
  ta_check_report_free(r);
}

static void expect_none(const char *sl, const char *const *s, const char *tl,
                        const char *const *t) {
  ta_check_report *r = check(sl, s, tl, t);
  const ta_finding *f = language(r);
  if (f) print_message("unexpected: %s\n", f->message);
  assert_null(f);
  ta_check_report_free(r);
}

static void right_tags_give_none(void **state) {
  (void)state;
  expect_none("fr", fr_text, "en", en_text);
  expect_none("en", en_text, "de", de_text);
  expect_none("fr", fr_text, "zh", zh_text);
  expect_none("fr", fr_text, "zh-Hans", zh_text);
  expect_none("en", en_text, "ja", ja_text);
  expect_none("de", de_text, "fr", fr_text);
}

static void wrong_target_tag_is_named(void **state) {
  (void)state;
  expect_language("fr", fr_text, "de", en_text, "reads as English",
                  "translation");
  expect_language("fr", fr_text, "en", de_text, "reads as German",
                  "translation");
  expect_language("en", en_text, "ja", zh_text, "reads as Chinese",
                  "translation");
  expect_language("en", en_text, "zh", ja_text, "reads as Japanese",
                  "translation");
  expect_language("en", en_text, "fr", ja_text, "reads as Japanese",
                  "translation");
  /* the right file, the wrong -s */
  expect_language("de", fr_text, "en", en_text, "reads as French", "source");
}

/* A translation that quotes three lines of the original in French is still
 * an English translation. */
static void quoted_source_lines_are_no_wrong_language(void **state) {
  (void)state;
  const char *mixed[N];
  for (size_t i = 0; i < N; i++) mixed[i] = en_text[i];
  mixed[2] = fr_text[2];
  mixed[4] = fr_text[4];
  mixed[6] = fr_text[6];
  expect_none("fr", fr_text, "en", mixed);
}

/* The source handed in as its own translation: the plainer "mostly the
 * source itself" finding, not a second one about its language. */
static void a_copy_of_the_source_gets_the_copy_finding(void **state) {
  (void)state;
  ta_check_report *r = check("fr", fr_text, "en", fr_text);
  assert_null(language(r));
  int copy = 0;
  for (size_t i = 0; i < ta_check_report_count(r); i++)
    if (ta_check_report_finding(r, i)->kind == TA_FINDING_UNTRANSLATED &&
        strstr(ta_check_report_finding(r, i)->message, "mostly the source"))
      copy++;
  assert_int_equal(copy, 1);
  ta_check_report_free(r);
}

static void kind_has_a_name(void **state) {
  (void)state;
  assert_string_equal(ta_finding_kind_name(TA_FINDING_LANGUAGE), "language");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(right_tags_give_none),
      cmocka_unit_test(wrong_target_tag_is_named),
      cmocka_unit_test(quoted_source_lines_are_no_wrong_language),
      cmocka_unit_test(a_copy_of_the_source_gets_the_copy_finding),
      cmocka_unit_test(kind_has_a_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
