/* The number check's spelled-out numbers: each language's words are read
 * in that language only (French "a" is a verb, not English "a" = 1), and
 * a failed allocation inside the check is TA_ENOMEM, never a report that
 * differs (a number looked for next door used to be reported then). */
/* cmocka.h needs these before it: */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
/* clang-format on */

#include "align/align.h"
#include "base/base.h"
#include "tmxalign/check.h"

typedef struct pair {
  ta_doc *src, *tgt;
  ta_alignment *al;
} pair;

static void make_docs(pair *p, const char *sl, const char *const *s, size_t ns,
                      const char *tl, const char *const *t, size_t nt) {
  size_t ps[16], pt[16];
  for (size_t i = 0; i < ns; i++) ps[i] = i;
  for (size_t i = 0; i < nt; i++) pt[i] = i;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(
      ta_doc_from_segments("src.txt", sl, s, ps, ns, &p->src, &err), TA_OK);
  assert_int_equal(
      ta_doc_from_segments("tgt.txt", tl, t, pt, nt, &p->tgt, &err), TA_OK);
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_int_equal(ta_align(p->src, p->tgt, &ao, &p->al, &err), TA_OK);
}

static void free_docs(pair *p) {
  ta_alignment_free(p->al);
  ta_doc_free(p->src);
  ta_doc_free(p->tgt);
}

static size_t numbers_of(const ta_check_report *r) {
  size_t n = 0;
  for (size_t i = 0; i < ta_check_report_count(r); i++)
    if (ta_check_report_finding(r, i)->kind == TA_FINDING_NUMBER) n++;
  return n;
}

/* Number findings of the check of a one-sentence pair. */
static size_t number_findings(const char *sl, const char *s, const char *tl,
                              const char *t) {
  pair p;
  make_docs(&p, sl, &s, 1, tl, &t, 1);
  ta_check_report *rep = NULL;
  ta_error err;
  assert_int_equal(ta_check(p.src, p.tgt, p.al, NULL, &rep, &err), TA_OK);
  size_t n = numbers_of(rep);
  for (size_t i = 0; i < ta_check_report_count(rep); i++)
    print_message("  %s / %s: %s\n", s, t,
                  ta_check_report_finding(rep, i)->message);
  ta_check_report_free(rep);
  free_docs(&p);
  return n;
}

static const struct word_case {
  const char *name;
  const char *sl, *src, *tl, *tgt;
  size_t findings;
} word_cases[] = {
    /* no digit on either side: nothing to compare */
    {"no number", "fr", "Il a vu la maison.", "en", "He saw the house.", 0},
    /* French "a" (has) is no "1", whatever English "a" is worth */
    {"fr a is a verb", "en", "He saw 1 house.", "fr", "Il a vu la maison.", 1},
    {"fr a is a verb (de)", "de", "Er sah 1 Haus.", "fr", "Il a vu la maison.",
     1},
    /* English "a" is one, in English */
    {"en a is one", "fr", "Il a vu 1 maison.", "en", "He saw a house.", 0},
    /* French "un" is one in French, not in English text ("UN") */
    {"fr un is one", "en", "He came 1 time.", "fr", "Il est venu une fois.", 0},
    {"fr un not in en", "fr", "Il est venu 1 fois à l’ONU.", "en",
     "He came to the UN once.", 1},
    /* German "elf" is eleven, an English elf is not */
    {"de elf", "fr", "Ils étaient 11 joueurs.", "de", "Es waren elf Spieler.",
     0},
    {"en elf", "fr", "Ils étaient 11 joueurs.", "en", "There was an elf.", 1},
    /* each language's own words still match, and only the right value */
    {"fr trois", "fr", "Il a trois ans.", "en", "He is 3 years old.", 0},
    {"fr trois is not 4", "fr", "Il a trois ans.", "en", "He is 4 years old.",
     1},
    {"en three", "fr", "Il a 3 ans.", "en", "He is three years old.", 0},
    {"en four is not 3", "fr", "Il a 3 ans.", "en", "He is four years old.", 1},
    {"de drei", "de", "Er ist drei Jahre alt.", "fr", "Il a 3 ans.", 0},
    {"de vier is not 3", "de", "Er ist vier Jahre alt.", "fr", "Il a 3 ans.",
     1},
    {"fr cinq (de)", "de", "Er wartete 5 Jahre.", "fr",
     "Il a attendu cinq ans.", 0},
    /* a variant of a language reads its words */
    {"en-GB", "fr", "Il a 3 ans.", "en-GB", "He is three years old.", 0},
    /* compound numbers in words compare by value, on either side */
    {"fr trente-six mille = en thirty-six thousand", "fr",
     "La ville compte trente-six mille habitants.", "en",
     "The town has thirty-six thousand inhabitants.", 0},
    {"fr trente-six mille != en twenty-six thousand", "fr",
     "La ville compte trente-six mille habitants.", "en",
     "The town has twenty-six thousand inhabitants.", 1},
    {"36,000 = trente-six mille", "en", "The stadium holds 36,000 spectators.",
     "fr", "Le stade accueille trente-six mille spectateurs.", 0},
    {"36 000 != twenty-six thousand", "fr",
     "Le stade accueille 36 000 spectateurs.", "en",
     "The stadium holds twenty-six thousand spectators.", 1},
    /* the scale left to the context (La Parure, line 183) */
    {"trente-six mille / thirty-six", "fr",
     "On le leur laisserait à trente-six mille.", "en",
     "They could have it for thirty-six.", 0},
    /* the same words left in French: a name (Boule de suif's card game) */
    {"trente-et-un as a name", "fr",
     "Madame Loiseau proposa une partie de trente-et-un.", "en",
     "Madame Loiseau proposed a game of trente et un.", 0},
    {"fr quatre-vingt-dix", "fr", "Il a payé quatre-vingt-dix euros.", "en",
     "He paid 90 euros.", 0},
    {"fr quatre-vingts != 90", "fr", "Il a payé quatre-vingts euros.", "en",
     "He paid 90 euros.", 1},
    {"fr vingt-et-un", "fr", "Nous étions vingt-et-un à la réunion.", "en",
     "There were twenty-one of us at the meeting.", 0},
    {"fr mille deux cents", "fr", "Il avait mille deux cents moutons.", "en",
     "He had 1,200 sheep.", 0},
    {"en three hundred and six", "en",
     "They sold three hundred and six tickets.", "fr",
     "Ils ont vendu 306 billets.", 0},
    {"en two and three are not five", "en", "He bought two and three apples.",
     "fr", "Il a acheté 5 pommes.", 1},
    {"en four million", "en", "It cost four million dollars.", "fr",
     "Cela a coûté 4 000 000 dollars.", 0},
    {"de einundzwanzig", "de", "Die Stadt hat einundzwanzig Schulen.", "fr",
     "La ville a vingt et une écoles.", 0},
    {"de zweiundzwanzig != vingt et une", "de",
     "Die Stadt hat zweiundzwanzig Schulen.", "fr",
     "La ville a vingt et une écoles.", 1},
    {"de zweihundertsechsunddreißig", "de",
     "Die Schule hat zweihundertsechsunddreißig Schüler.", "fr",
     "L’école a 236 élèves.", 0},
    {"de dreitausend", "de", "Er wartete dreitausend Tage.", "fr",
     "Il attendit trois mille jours.", 0},
    /* Chinese and Japanese numerals are values */
    {"zh 三番线 = platform 3", "zh", "列车停在三番线。", "en",
     "The train stopped at platform 3.", 0},
    {"zh 三番线 != platform 4", "zh", "列车停在三番线。", "en",
     "The train stopped at platform 4.", 1},
    {"ja 三十六 = 36", "ja", "三十六人が来た。", "en", "36 people came.", 0},
    {"zh 两万 = 20,000", "zh", "有两万人。", "en", "There are 20,000 people.",
     0},
    /* the other languages through ICU's spell-out rules */
    {"es treinta y seis mil = thirty-six thousand", "es",
     "Treinta y seis mil personas vinieron a la fiesta.", "en",
     "Thirty-six thousand people came to the festival.", 0},
    {"es treinta y seis mil != twenty-six thousand", "es",
     "Treinta y seis mil personas vinieron a la fiesta.", "en",
     "Twenty-six thousand people came to the festival.", 1},
    {"es treinta y seis mil = 36,000", "es",
     "Treinta y seis mil personas vinieron a la fiesta.", "en",
     "36,000 people came to the festival.", 0},
    {"es mil gracias is no number", "es", "Mil gracias por la cena.", "en",
     "Thank you so much for dinner.", 0},
    {"ru тридцать шесть тысяч = 36 000", "ru",
     "Пришло тридцать шесть тысяч человек.", "fr",
     "36 000 personnes sont venues.", 0},
    {"ru тридцать шесть тысяч != 26 000", "ru",
     "Пришло тридцать шесть тысяч человек.", "fr",
     "26 000 personnes sont venues.", 1},
};

static void number_words_per_language(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof word_cases / sizeof word_cases[0]; i++) {
    const struct word_case *c = &word_cases[i];
    size_t n = number_findings(c->sl, c->src, c->tl, c->tgt);
    if (n != c->findings) print_message("case '%s'\n", c->name);
    assert_int_equal(n, c->findings);
  }
}

/* Beads with neighbours, so that an unmatched number is looked for next
 * door (an alignment boundary) before it is reported: the 2 schools of
 * the last French sentence stand in the English one before it. */
static const char *const oom_fr[] = {
    "Le village comptait 120 habitants au début du siècle.",
    "Il a vu la maison où son grand-père était né en 1890.",
    "Elle a attendu 5 ans avant de revenir au pays.",
    "Le train part à 14h30 et arrive vers 18 heures.",
    "Le bourg avait alors une mairie, 3 églises et une poste.",
    "On y trouvait aussi 2 écoles, un moulin et une forge.",
};
static const char *const oom_en[] = {
    "The village had 120 inhabitants at the start of the century.",
    "He saw the house where his grandfather was born in 1891.",
    "She waited five years before coming back home.",
    "The train leaves at 2:30 p.m. and arrives around 7 p.m.",
    "The town then had a town hall, 3 churches, 2 schools and a post office.",
    "There was also a mill and a forge.",
};
#define NOOM (sizeof oom_fr / sizeof oom_fr[0])

/* One bead a sentence, whatever the aligner made of the pair (it merges
 * the last two sentences: their numbers match then). */
static void one_to_one(ta_alignment *al, size_t n) {
  ta_bead *b = calloc(n, sizeof *b);
  assert_non_null(b);
  for (size_t i = 0; i < n; i++) {
    b[i].src_begin = b[i].tgt_begin = i;
    b[i].src_len = b[i].tgt_len = 1;
  }
  free(al->beads);
  al->beads = b;
  al->n = n;
}

/* Every allocation of the check failing in turn (alloc.c): each run ends
 * in TA_ENOMEM or in the very findings of the run without failure. */
static void allocation_failure_never_changes_the_findings(void **state) {
  (void)state;
  enum { MAX = 1024 };
  static unsigned long counts[MAX];
  pair p;
  make_docs(&p, "fr", oom_fr, NOOM, "en", oom_en, NOOM);
  one_to_one(p.al, NOOM);
  ta_check_opts o;
  ta_check_opts_init(&o);
  o.kinds = TA_CHECK_KIND_BIT(TA_FINDING_NUMBER);
  ta_check_report *rep = NULL;
  ta__alloc_record();
  ta_status st = ta_check(p.src, p.tgt, p.al, &o, &rep, NULL);
  size_t nsites = ta__alloc_sites(counts, MAX);
  ta__alloc_off();
  assert_int_equal(st, TA_OK);
  size_t want = numbers_of(rep);
  /* 1890/1891 and the evening times; the schools are a boundary */
  assert_int_equal(want, 2);
  ta_check_report_free(rep);
  unsigned long failed = 0;
  for (size_t site = 0; site < nsites && site < MAX; site++)
    for (unsigned long nth = 1; nth <= counts[site]; nth++) {
      unsigned long before = ta__alloc_failures();
      rep = NULL;
      ta__alloc_fail_site(site, nth);
      st = ta_check(p.src, p.tgt, p.al, &o, &rep, NULL);
      ta__alloc_off();
      if (ta__alloc_failures() == before) {
        ta_check_report_free(rep);
        continue;
      }
      failed++;
      if (st == TA_OK) {
        size_t got = numbers_of(rep);
        if (got != want)
          print_message("site %zu, allocation %lu: %zu findings, not %zu\n",
                        site, nth, got, want);
        assert_int_equal(got, want);
      } else {
        assert_int_equal(st, TA_ENOMEM);
        assert_null(rep);
      }
      ta_check_report_free(rep);
    }
  assert_true(failed > 0);
  free_docs(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(number_words_per_language),
      cmocka_unit_test(allocation_failure_never_changes_the_findings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
