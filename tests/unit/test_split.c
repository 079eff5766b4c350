/* The sentence splitter on real sentences, one table row per case: ICU's
 * own behaviour we rely on (decimals, ellipses, ?!, quotes, CJK) is
 * asserted as well as our exception tables.  Every row also checks that
 * each sentence's [offset, end) in the input, whitespace-collapsed, is the
 * sentence text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "base/base.h"

#define MAXS 8

static const struct row {
  const char *name, *lang, *input;
  const char *expected[MAXS]; /* NULL-terminated */
} rows[] = {
    /* French */
    {"fr M. and MM.",
     "fr",
     "M. Dupont est arrivé. Il a salué MM. Martin et Durand. Mme Loisel "
     "sourit.",
     {"M. Dupont est arrivé.", "Il a salué MM. Martin et Durand.",
      "Mme Loisel sourit."}},
    {"fr etc. before lowercase",
     "fr",
     "Des pommes, des poires, etc. et des prunes. Voilà.",
     {"Des pommes, des poires, etc. et des prunes.", "Voilà."}},
    {"fr etc. ends a sentence",
     "fr",
     "Des pommes, etc. Puis il partit.",
     {"Des pommes, etc.", "Puis il partit."}},
    {"fr p. ex.",
     "fr",
     "Des fruits, p. ex. des pommes. Voilà.",
     {"Des fruits, p. ex. des pommes.", "Voilà."}},
    {"fr av. J.-C.",
     "fr",
     "Il est né en 52 av. J.-C. à Rome. Voilà.",
     {"Il est né en 52 av. J.-C. à Rome.", "Voilà."}},
    {"fr art. chap. n°",
     "fr",
     "Voir l’art. 5 du code. Lire le chap. 3 Avant tout. Le n° 4 aussi.",
     {"Voir l’art. 5 du code.", "Lire le chap. 3 Avant tout.",
      "Le n° 4 aussi."}},
    {"fr decimals and ellipsis",
     "fr",
     "Il vaut 3.14 ou 3,14. Je ne sais pas... Peut-être.",
     {"Il vaut 3.14 ou 3,14.", "Je ne sais pas...", "Peut-être."}},
    {"fr unicode ellipsis",
     "fr",
     "Il attendit… Puis il partit. Il hésita… et resta.",
     {"Il attendit…", "Puis il partit.", "Il hésita… et resta."}},
    /* an ellipsis, then only an opening quote before the end: no word to
     * look at (read past the text before; found by fuzzing, valgrind) */
    {"fr ellipsis then a lone quote",
     "fr",
     "Il attendit… «",
     {"Il attendit… «"}},
    {"fr ?! and !", "fr", "Quoi ?! Non ! Bon.", {"Quoi ?!", "Non !", "Bon."}},
    {"fr spaced guillemets",
     "fr",
     "Elle dit : « Je pars. » Il resta. « Pourquoi ? » Personne.",
     {"Elle dit : « Je pars. »", "Il resta.", "« Pourquoi ? »", "Personne."}},
    {"fr no-break space before guillemet",
     "fr",
     "Il cria : « Silence\xC2\xA0!\xC2\xA0» Tout le monde se tut.",
     {"Il cria : « Silence\xC2\xA0!\xC2\xA0»", "Tout le monde se tut."}},
    {"fr lowercase after ! continues",
     "fr",
     "« Ah ! le bon pot-au-feu ! je ne sais rien de meilleur... » elle "
     "songeait.",
     {"« Ah ! le bon pot-au-feu ! je ne sais rien de meilleur... » elle "
      "songeait."}},
    {"fr guillemet then verb",
     "fr",
     "« Il veut coucher avec moi ! » cria-t-elle. Puis rien.",
     {"« Il veut coucher avec moi ! » cria-t-elle.", "Puis rien."}},
    {"fr curly quotes then comma",
     "fr",
     "Le MOD a accusé les États-Unis. “Nous comprenons parfaitement qui est "
     "derrière cela”, a déclaré à la presse le porte-parole du Kremlin, "
     "Dmitri Peskov.",
     {"Le MOD a accusé les États-Unis.",
      "“Nous comprenons parfaitement qui est derrière cela”, a déclaré à la "
      "presse le porte-parole du Kremlin, Dmitri Peskov."}},
    {"fr dialogue dashes",
     "fr",
     "— Soit. Je te donne quatre cents francs.",
     {"— Soit.", "Je te donne quatre cents francs."}},
    /* English */
    {"en Dr. Mr.",
     "en",
     "Dr. Smith met Mr. Jones. They talked.",
     {"Dr. Smith met Mr. Jones.", "They talked."}},
    {"en U.S.",
     "en",
     "The U.S. Army arrived. It was late.",
     {"The U.S. Army arrived.", "It was late."}},
    {"en e.g. i.e. No.",
     "en",
     "Use a tool, e.g. a hammer. Or i.e. this one. See No. 5 now.",
     {"Use a tool, e.g. a hammer.", "Or i.e. this one.", "See No. 5 now."}},
    {"en e.g. before a name",
     "en",
     "Cities, e.g. Paris, are big. Yes.",
     {"Cities, e.g. Paris, are big.", "Yes."}},
    {"en initials",
     "en",
     "J. R. R. Tolkien wrote it. He was English.",
     {"J. R. R. Tolkien wrote it.", "He was English."}},
    {"en quote then lowercase",
     "en",
     "“What?” he asked. She left.",
     {"“What?” he asked.", "She left."}},
    {"en closing quote stays",
     "en",
     "He said, “It is over.” Then he left.",
     {"He said, “It is over.”", "Then he left."}},
    {"en straight quotes",
     "en",
     "She said \"Go.\" He went.",
     {"She said \"Go.\"", "He went."}},
    {"en decimals ellipsis ?!",
     "en",
     "Pi is 3.14 roughly. Wait... What?! No.",
     {"Pi is 3.14 roughly.", "Wait...", "What?!", "No."}},
    {"en real break after abbreviation-like word",
     "en",
     "He studied DNA. The results were good.",
     {"He studied DNA.", "The results were good."}},
    /* German */
    {"de Dr. z. B.",
     "de",
     "Dr. Müller kam z. B. am Montag. Er ging.",
     {"Dr. Müller kam z. B. am Montag.", "Er ging."}},
    {"de ordinal date",
     "de",
     "Er kam am 3. Oktober. Sie blieb bis 1999. Dann.",
     {"Er kam am 3. Oktober.", "Sie blieb bis 1999.", "Dann."}},
    {"de ca. Nr.",
     "de",
     "Das kostet ca. 5 Euro. Siehe Nr. 7 unten. Gut.",
     {"Das kostet ca. 5 Euro.", "Siehe Nr. 7 unten.", "Gut."}},
    {"de real breaks ICU ss would miss",
     "de",
     "Er kam. Im Jahr blieb sie. Der Tag war lang.",
     {"Er kam.", "Im Jahr blieb sie.", "Der Tag war lang."}},
    {"de quotes",
     "de",
     "Er rief: „Komm!“ Sie kam.",
     {"Er rief: „Komm!“", "Sie kam."}},
    /* Chinese and Japanese */
    {"zh full stops",
     "zh-Hans",
     "你好。我很好！谢谢。",
     {"你好。", "我很好！", "谢谢。"}},
    {"ja full stops",
     "ja",
     "今日は晴れです。明日は雨でしょう。本当？",
     {"今日は晴れです。", "明日は雨でしょう。", "本当？"}},
    {"ja quote brackets",
     "ja",
     "彼は「行く。」と言った。終わり。",
     {"彼は「行く。」と言った。", "終わり。"}},
    /* An opening quote or bracket right after a full stop begins the next
     * sentence (ICU's Close class keeps it with the one before); a closing
     * one stays.  Japanese prose in the manner of a novel's first page. */
    {"ja opening bracket after 。",
     "ja",
     "駅はとても混んでいた。「おはようございます」と駅員が言った。",
     {"駅はとても混んでいた。", "「おはようございます」と駅員が言った。"}},
    {"ja closing bracket, then an opening one",
     "ja",
     "母は台所にいた。「もう行くの。」「うん、行ってきます。」私は家を出た。",
     {"母は台所にいた。", "「もう行くの。」", "「うん、行ってきます。」",
      "私は家を出た。"}},
    {"ja double brackets and parentheses",
     "ja",
     "本を閉じた。『雪国』は短い小説だ。（一九三七年刊。）雪が降っていた。",
     {"本を閉じた。", "『雪国』は短い小説だ。", "（一九三七年刊。）",
      "雪が降っていた。"}},
    {"zh opening quote after 。",
     "zh-Hans",
     "门开了，进来的是王芳。“你怎么回来了？”他站起来问。",
     {"门开了，进来的是王芳。", "“你怎么回来了？”", "他站起来问。"}},
    {"zh closing quote stays after 。",
     "zh-Hans",
     "他说：“好。”然后就走了。",
     {"他说：“好。”", "然后就走了。"}},
    {"zh straight quotes without spaces",
     "zh-Hans",
     "他走了。\"你好\"她说。",
     {"他走了。", "\"你好\"她说。"}},
    {"fr guillemet glued to the full stop",
     "fr",
     "Il partit sans un mot.«Pourquoi ?» demanda-t-elle.",
     {"Il partit sans un mot.", "«Pourquoi ?» demanda-t-elle."}},
    {"fr closed guillemets, then an opening one",
     "fr",
     "Il dit « oui ».«Non.» Elle rit.",
     {"Il dit « oui ».", "«Non.»", "Elle rit."}},
    {"en opening quote glued to the full stop",
     "en",
     "Then he left.“Why?” she asked. He came back.(He always did.)",
     {"Then he left.", "“Why?” she asked.", "He came back.",
      "(He always did.)"}},
    {"de „ “ and » « close after the full stop",
     "de",
     "Er sagte: „Komm.“ Er kam. Sie rief: »Halt.« Dann ging sie.",
     {"Er sagte: „Komm.“", "Er kam.", "Sie rief: »Halt.«", "Dann ging sie."}},
    {"de „ “ glued",
     "de",
     "Er sagte: „Komm.“„Nein.“ Sie blieb.",
     {"Er sagte: „Komm.“", "„Nein.“", "Sie blieb."}},
    /* Whitespace and paragraphs */
    {"soft wrap is not a break",
     "en",
     "This sentence is\nwrapped   over\r\ntwo lines. Next one.",
     {"This sentence is wrapped over two lines.", "Next one."}},
    {"unicode spaces collapse, no-break spaces stay",
     "en",
     "One\xE2\x80\x83two.\xE3\x80\x80Three\xC2\xA0"
     "four.\tFive.",
     {"One two.",
      "Three\xC2\xA0"
      "four.",
      "Five."}},
    {"double space across an 8-byte block",
     "en",
     "Abcdefg  hijklmn opqrstu. Rst uvw.",
     {"Abcdefg hijklmn opqrstu.", "Rst uvw."}},
    {"double space inside an 8-byte block",
     "en",
     "Ab  cdefghijkl mnopq. Rs tu.",
     {"Ab cdefghijkl mnopq.", "Rs tu."}},
    {"NFC",
     "fr",
     "Cafe\xCC\x81 cre\xCC\x80me. Fin.",
     {"Caf\xC3\xA9 cr\xC3\xA8me.", "Fin."}},
};

/* Collapse whitespace runs of p[0, n) like the splitter: ASCII spaces and
 * the Unicode ones used above (not no-break spaces). */
static void collapse(const char *p, size_t n, char *out, size_t cap) {
  static const char *const wide[] = {"\xE2\x80\x83", "\xE3\x80\x80"};
  size_t o = 0;
  bool gap = false;
  for (size_t i = 0; i < n && o + 2 < cap; i++) {
    bool w = false;
    for (size_t k = 0; k < 2; k++)
      if (n - i >= 3 && !memcmp(p + i, wide[k], 3)) {
        w = true;
        i += 2;
      }
    if (w || strchr(" \t\r\n\v\f", p[i])) {
      gap = o > 0;
      continue;
    }
    if (gap) out[o++] = ' ';
    gap = false;
    out[o++] = p[i];
  }
  out[o] = '\0';
}

static void rows_split_as_expected(void **state) {
  (void)state;
  for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
    const struct row *w = &rows[r];
    ta_split_opts o;
    ta_split_opts_init(&o);
    o.lang = w->lang;
    o.input = TA_INPUT_TEXT;
    ta_doc *d = NULL;
    ta_error err;
    ta_error_clear(&err);
    ta_status st =
        ta_doc_load_mem(w->name, w->input, strlen(w->input), &o, &d, &err);
    if (st != TA_OK) fail_msg("%s: %s", w->name, err.message);
    size_t n = 0;
    while (n < MAXS && w->expected[n]) n++;
    for (size_t i = 0; i < ta_doc_count(d) || i < n; i++) {
      const ta_sentence *s = ta_doc_sentence(d, i);
      const char *got = s ? s->text : "(none)";
      const char *want = i < n ? w->expected[i] : "(none)";
      if (strcmp(got, want))
        fail_msg("%s: sentence %zu: got [%s], want [%s]", w->name, i, got,
                 want);
      assert_int_equal(s->len, strlen(s->text));
      /* Offsets point at the sentence in the original bytes (the NFC row
       * changes the bytes, so it only checks the range is sane). */
      assert_true(s->offset < s->end && s->end <= strlen(w->input));
      if (strcmp(w->name, "NFC")) {
        char buf[1024];
        collapse(w->input + s->offset, s->end - s->offset, buf, sizeof buf);
        if (strcmp(buf, s->text))
          fail_msg("%s: sentence %zu: bytes [%zu,%zu) are [%s]", w->name, i,
                   s->offset, s->end, buf);
      }
    }
    ta_doc_free(d);
  }
}

static void language_tags(void **state) {
  (void)state;
  static const struct {
    const char *tag, *canonical;
    ta_status st;
  } tags[] = {
      {"fr", "fr", TA_OK},          {"en", "en", TA_OK},
      {"pt-BR", "pt-BR", TA_OK},    {"zh-Hans", "zh-Hans", TA_OK},
      {"FR", "fr", TA_OK},          {"de-CH", "de-CH", TA_OK},
      {"xx-bogus", NULL, TA_ELANG}, {"not a tag", NULL, TA_ELANG},
      {"", NULL, TA_EINVAL},        {"zz", NULL, TA_ELANG},
  };
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
    ta_split_opts o;
    ta_split_opts_init(&o);
    o.lang = tags[i].tag;
    ta_doc *d = NULL;
    ta_error err;
    ta_error_clear(&err);
    ta_status st = ta_doc_load_mem("t.txt", "Bonjour.", 8, &o, &d, &err);
    if (st != tags[i].st)
      fail_msg("tag '%s': got %s (%s)", tags[i].tag, ta_status_name(st),
               err.message);
    if (st == TA_OK) {
      assert_string_equal(ta_doc_lang(d), tags[i].canonical);
      assert_int_equal(ta_doc_count(d), 1);
    } else if (st == TA_ELANG) {
      assert_non_null(strstr(err.message, tags[i].tag));
    }
    ta_doc_free(d);
  }
}

/* A paragraph far longer than the splitter's window: sentences that
 * straddle window edges come out whole, and lines stay right. */
static void long_paragraph_crosses_windows(void **state) {
  (void)state;
  static const char unit[] =
      "M. Dupont a vu 3.5 km de route, etc. et il "
      "est rentré. ";
  size_t k = 20000, ul = strlen(unit);
  char *buf = malloc(k * ul + 1);
  assert_non_null(buf);
  for (size_t i = 0; i < k; i++) memcpy(buf + i * ul, unit, ul);
  buf[k * ul] = '\0';
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "fr";
  o.max_sentence_bytes = 1000; /* window of 64 KiB: ~50 windows */
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_mem("long.txt", buf, k * ul, &o, &d, &err),
                   TA_OK);
  assert_int_equal(ta_doc_count(d), k);
  for (size_t i = 0; i < k; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    assert_int_equal(s->len, ul - 1);
    assert_memory_equal(s->text, unit, ul - 1);
    assert_int_equal(s->offset, i * ul);
    assert_int_equal(s->line, 1);
  }
  ta_doc_free(d);
  free(buf);
}

static int warnings;
static char last_warning[512];
static void count_warn(void *user, const char *msg) {
  (void)user;
  warnings++;
  snprintf(last_warning, sizeof last_warning, "%s", msg);
}

/* A run without any break longer than max_sentence_bytes is cut into
 * pieces of at most that size, with a warning each time. */
static void overlong_sentence_is_cut(void **state) {
  (void)state;
  size_t len = 10000;
  char *buf = malloc(len);
  assert_non_null(buf);
  for (size_t i = 0; i < len; i++) buf[i] = i % 7 == 6 ? ' ' : 'a';
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "en";
  o.max_sentence_bytes = 1000;
  o.note.fn = count_warn;
  warnings = 0;
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_mem("run.txt", buf, len, &o, &d, &err), TA_OK);
  assert_true(ta_doc_count(d) >= 10);
  size_t covered = 0;
  for (size_t i = 0; i < ta_doc_count(d); i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    assert_true(s->end - s->offset <= 1000);
    assert_true(s->offset >= covered);
    covered = s->end;
  }
  assert_true(covered >= len - 1);
  assert_true(warnings >= 1);
  assert_non_null(strstr(last_warning, "max_sentence_bytes"));
  ta_doc_free(d);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rows_split_as_expected),
      cmocka_unit_test(language_tags),
      cmocka_unit_test(long_paragraph_crosses_windows),
      cmocka_unit_test(overlong_sentence_is_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
