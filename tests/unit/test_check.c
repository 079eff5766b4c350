/* ta_check on crafted French/English and German/French pairs: each kind
 * of finding, and the faithful translations that must give none. */
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
#include "tmxalign/check.h"
#include "tmxalign/lexicon.h"

/* A faithful French/English pair, one sentence a paragraph. */
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
    "Le prochain conseil aura lieu le 14/03/2024 dans la salle des fêtes.",
    "Les habitants pourront y assister librement, comme d’habitude.",
    "Un compte rendu détaillé sera publié sur le site de la mairie dans les "
    "prochains jours.",
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
    "The next council will take place on March 14, 2024 in the village hall.",
    "Residents will be able to attend freely, as usual.",
    "A detailed report will be published on the town hall website in the "
    "coming days.",
};
#define NPAIR (sizeof fr_text / sizeof fr_text[0])

typedef struct pair {
  ta_doc *src, *tgt;
  ta_alignment *al;
  ta_check_report *rep;
} pair;

/* One sentence a paragraph unless paras is given. */
static void make_pair(pair *p, const char *sl, const char *const *s, size_t ns,
                      const char *tl, const char *const *t, size_t nt,
                      const ta_check_opts *o) {
  size_t ps[64], pt[64];
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
  assert_int_equal(ao.max_bead, 4);
  assert_int_equal(ta_align(p->src, p->tgt, &ao, &p->al, &err), TA_OK);
  assert_int_equal(ta_check(p->src, p->tgt, p->al, o, &p->rep, &err), TA_OK);
}

static void free_pair(pair *p) {
  ta_check_report_free(p->rep);
  ta_alignment_free(p->al);
  ta_doc_free(p->src);
  ta_doc_free(p->tgt);
}

static size_t count_kind(const ta_check_report *r, ta_finding_kind k) {
  size_t n = 0;
  for (size_t i = 0; i < ta_check_report_count(r); i++)
    if (ta_check_report_finding(r, i)->kind == k) n++;
  return n;
}

static const ta_finding *find_kind(const ta_check_report *r,
                                   ta_finding_kind k) {
  for (size_t i = 0; i < ta_check_report_count(r); i++)
    if (ta_check_report_finding(r, i)->kind == k)
      return ta_check_report_finding(r, i);
  return NULL;
}

static void print_findings(const ta_check_report *r) {
  for (size_t i = 0; i < ta_check_report_count(r); i++) {
    const ta_finding *f = ta_check_report_finding(r, i);
    print_message("  %s src %zu+%zu tgt %zu+%zu: %s\n",
                  ta_finding_kind_name(f->kind), f->src.begin, f->src.len,
                  f->tgt.begin, f->tgt.len, f->message);
  }
}

static void faithful_fr_en_has_no_finding(void **state) {
  (void)state;
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", en_text, NPAIR, NULL);
  print_findings(p.rep);
  assert_int_equal(ta_check_report_count(p.rep), 0);
  const ta_check_summary *s = ta_check_report_summary(p.rep);
  assert_true(s->complete);
  assert_true(s->coverage == 1.0);
  assert_int_equal(s->src_translated, NPAIR);
  assert_true(s->mean_confidence > 0.5);
  free_pair(&p);
}

/* Drop target sentence `drop` (and keep the others). */
static size_t without(const char *const *t, size_t n, size_t drop,
                      const char **out) {
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (i != drop) out[m++] = t[i];
  return m;
}

/* ---- the bundled story: a real literary translation -------------------- */

static ta_doc *load_presplit(const char *name, const char *lang) {
  const char *dir = getenv("TA_TEST_DATA");
  char path[1024];
  snprintf(path, sizeof path, "%s/check/%s", dir ? dir : "tests/data", name);
  ta_split_opts so;
  ta_split_opts_init(&so);
  so.lang = lang;
  so.input = TA_INPUT_PRESPLIT;
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_file(path, &so, &d, &err), TA_OK);
  return d;
}

/* The target of the story without target sentences [drop, drop+n). */
static ta_doc *story_without(const ta_doc *en, size_t drop, size_t n) {
  size_t m = ta_doc_count(en), k = 0;
  const char **segs = malloc(m * sizeof *segs);
  size_t *paras = malloc(m * sizeof *paras);
  for (size_t i = 0; i < m; i++) {
    if (i >= drop && i < drop + n) continue;
    segs[k] = ta_doc_sentence(en, i)->text;
    paras[k++] = ta_doc_sentence(en, i)->paragraph;
  }
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(
      ta_doc_from_segments("story.en.txt", "en", segs, paras, k, &d, &err),
      TA_OK);
  free(segs);
  free(paras);
  return d;
}

/* Omission findings name sentence s? */
static bool names(const ta_check_report *r, size_t s) {
  for (size_t i = 0; i < ta_check_report_count(r); i++) {
    const ta_finding *f = ta_check_report_finding(r, i);
    if ((f->kind == TA_FINDING_OMISSION ||
         f->kind == TA_FINDING_PARTIAL_OMISSION) &&
        s >= f->src.begin && s < f->src.begin + f->src.len)
      return true;
  }
  return false;
}

/* Check fr against tgt (loaded as English) with o, story alignment opts. */
static void story_check(ta_doc *fr, ta_doc *tgt, const ta_check_opts *o,
                        ta_alignment **al, ta_check_report **rep) {
  ta_error err;
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_int_equal(ta_align(fr, tgt, &ao, al, &err), TA_OK);
  assert_int_equal(ta_check(fr, tgt, *al, o, rep, &err), TA_OK);
}

/* The French story handed in as its own English translation: every
 * sentence is flagged alone (a warning, not a fail_on kind), and one
 * summary finding says the translation is mostly the source, first in the
 * report, and fails the verdict whatever --fail-on or --only. */
static void source_as_its_own_translation(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  ta_doc *same = load_presplit("story.fr.txt", "en");
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  story_check(fr, same, NULL, &al, &rep);
  const ta_check_summary *s = ta_check_report_summary(rep);
  assert_false(s->complete);
  assert_true(s->coverage == 1.0); /* nothing is missing... */
  const ta_finding *f = ta_check_report_finding(rep, 0);
  assert_int_equal(f->kind, TA_FINDING_UNTRANSLATED);
  assert_int_equal(f->severity, TA_SEVERITY_ERROR);
  print_message("%s\n", f->message);
  assert_non_null(
      strstr(f->message, "the translation is mostly the source text itself: "));
  assert_non_null(strstr(f->message, " of 232 sentences are untranslated"));
  assert_true(f->value > 0.9 && f->value <= 1);
  assert_int_equal(f->src.len, 0);
  assert_int_equal(f->tgt.len, 0);
  assert_true(count_kind(rep, TA_FINDING_UNTRANSLATED) > 200);
  ta_check_report_free(rep);
  /* --only number --fail-on none: the summary finding stays, and fails */
  ta_check_opts o;
  ta_check_opts_init(&o);
  o.kinds = TA_CHECK_KIND_BIT(TA_FINDING_NUMBER);
  o.fail_on = 0;
  ta_error err;
  assert_int_equal(ta_check(fr, same, al, &o, &rep, &err), TA_OK);
  assert_false(ta_check_report_summary(rep)->complete);
  /* French numbers in words read as English match nothing: number
   * findings, and the summary finding first */
  assert_int_equal(ta_check_report_finding(rep, 0)->kind,
                   TA_FINDING_UNTRANSLATED);
  for (size_t i = 1; i < ta_check_report_count(rep); i++)
    assert_int_equal(ta_check_report_finding(rep, i)->kind, TA_FINDING_NUMBER);
  ta_check_report_free(rep);
  /* the option: 1 is never; what is left is that the "English" target
   * reads as French, the language finding the copy finding had kept out */
  ta_check_opts_init(&o);
  assert_true(o.mostly_untranslated == 0.5 && o.unaligned_share == 0.5);
  o.mostly_untranslated = 1;
  o.fail_on = TA_CHECK_KIND_BIT(TA_FINDING_OMISSION);
  assert_int_equal(ta_check(fr, same, al, &o, &rep, &err), TA_OK);
  assert_false(ta_check_report_summary(rep)->complete);
  assert_int_equal(count_kind(rep, TA_FINDING_LANGUAGE), 1);
  const ta_finding *lf = find_kind(rep, TA_FINDING_LANGUAGE);
  assert_non_null(strstr(lf->message, "reads as French"));
  for (size_t i = 0; i < ta_check_report_count(rep); i++)
    if (ta_check_report_finding(rep, i)->kind == TA_FINDING_UNTRANSLATED)
      assert_int_equal(ta_check_report_finding(rep, i)->severity,
                       TA_SEVERITY_WARNING);
  ta_check_report_free(rep);
  o.mostly_untranslated = 1.5;
  assert_int_equal(ta_check(fr, same, al, &o, &rep, &err), TA_EINVAL);
  ta_alignment_free(al);
  /* the faithful translation has no summary finding */
  ta_doc *en = load_presplit("story.en.txt", "en");
  story_check(fr, en, NULL, &al, &rep);
  assert_int_equal(count_kind(rep, TA_FINDING_UNTRANSLATED), 0);
  assert_int_not_equal(ta_check_report_finding(rep, 0)->severity,
                       TA_SEVERITY_ERROR);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(en);
  ta_doc_free(same);
  ta_doc_free(fr);
}

/* An unrelated English text (the council report, 10 sentences) against
 * the 232 sentences of the story: most sentences have no counterpart, and
 * the summary finding says the target is not a translation of the source. */
static void unrelated_text_is_not_a_translation(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  size_t pt[NPAIR];
  for (size_t i = 0; i < NPAIR; i++) pt[i] = i;
  ta_doc *en = NULL;
  ta_error err;
  assert_int_equal(
      ta_doc_from_segments("tgt.txt", "en", en_text, pt, NPAIR, &en, &err),
      TA_OK);
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  story_check(fr, en, NULL, &al, &rep);
  assert_false(ta_check_report_summary(rep)->complete);
  const ta_finding *f = ta_check_report_finding(rep, 0);
  print_message("%s\n", f->message);
  assert_int_equal(f->kind, TA_FINDING_OMISSION);
  assert_int_equal(f->severity, TA_SEVERITY_ERROR);
  assert_non_null(strstr(f->message, "does not look like a translation"));
  assert_true(f->value > 0.5);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(en);
  ta_doc_free(fr);
}

/* The report written in format, as one string the caller frees. */
static char *render(const ta_doc *src, const ta_doc *tgt,
                    const ta_alignment *al, const ta_check_report *rep,
                    ta_check_format format) {
  FILE *fp = tmpfile();
  assert_non_null(fp);
  ta_error err;
  assert_int_equal(ta_check_report_write(fp, format, src, tgt, al, rep, &err),
                   TA_OK);
  long n = ftell(fp);
  assert_true(n >= 0);
  rewind(fp);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
  buf[n] = '\0';
  fclose(fp);
  return buf;
}

/* Partial omissions say what was seen, not the evidence in nats (that is
 * the finding's value); the text summary and the HTML header count alike,
 * warnings and errors by kind with the info-level ones of a kind apart. */
static void messages_in_words_and_counts_agree(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  ta_doc *en = load_presplit("story.en.txt", "en");
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  story_check(fr, en, NULL, &al, &rep);
  size_t warn = 0, info = 0;
  bool seen = false;
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    assert_null(strstr(f->message, "nats"));
    assert_null(strstr(f->message, "evidence"));
    if (f->kind != TA_FINDING_PARTIAL_OMISSION) continue;
    assert_true(f->value > 0);
    if (f->severity == TA_SEVERITY_INFO) {
      info++;
      continue;
    }
    warn++;
    /* "Et elle pleurait pendant des jours entiers..." */
    if (strstr(f->message,
               "sentence 2 of 2 merged into this translation is probably "
               "untranslated (p = ") &&
        strstr(f->message,
               "): the translation is too short to hold it; its "
               "names, numbers and words have no counterpart in the target"))
      seen = true;
  }
  assert_true(seen);
  assert_true(warn > 0 && info > 0);
  char want[128];
  snprintf(want, sizeof want, "partial-omission %zu (+%zu info)", warn, info);
  char *buf = render(fr, en, al, rep, TA_CHECK_FORMAT_TEXT);
  print_message("%.400s\n", buf);
  assert_non_null(strstr(buf, want));
  free(buf);
  snprintf(want, sizeof want,
           "<b>%zu</b> partial-omission <small class=\"muted\">(+%zu "
           "info)</small>",
           warn, info);
  buf = render(fr, en, al, rep, TA_CHECK_FORMAT_HTML);
  assert_non_null(strstr(buf, want));
  free(buf);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(en);
  ta_doc_free(fr);
}

/* The story as published: its one untranslated sentence is found.  Then
 * every long sentence (>= 100 characters, translated 1-1) deleted in turn
 * from the English: its French sentence must be named.  Short sentences
 * are found less often (bench/omission.sh gives the rates). */
static void story_long_sentence_omissions(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  ta_doc *en = load_presplit("story.en.txt", "en");
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_error err;
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_int_equal(ta_align(fr, en, &ao, &al, &err), TA_OK);
  assert_int_equal(ta_check(fr, en, al, NULL, &rep, &err), TA_OK);
  /* the translation's own omission: "Et elle pleurait pendant des jours
   * entiers..." (source sentence 16) has no English */
  assert_non_null(strstr(ta_doc_sentence(fr, 16)->text, "Et elle pleurait"));
  assert_true(names(rep, 16));
  assert_false(ta_check_report_summary(rep)->complete);
  /* and at most one false omission warning (a dialogue line the English
   * translates inside the next sentence) */
  size_t serious = 0;
  for (size_t i = 0; i < ta_check_report_count(rep); i++) {
    const ta_finding *f = ta_check_report_finding(rep, i);
    serious += (f->kind == TA_FINDING_OMISSION ||
                f->kind == TA_FINDING_PARTIAL_OMISSION) &&
               f->severity > TA_SEVERITY_INFO;
  }
  assert_true(serious >= 1 && serious <= 2);
  ta_check_report_free(rep);
  size_t tried = 0, named = 0;
  for (size_t k = 0; k < ta_alignment_count(al); k++) {
    const ta_bead *b = ta_alignment_bead(al, k);
    if (b->src_len != 1 || b->tgt_len != 1 ||
        ta_doc_sentence(en, b->tgt_begin)->len < 100)
      continue;
    ta_doc *cut = story_without(en, b->tgt_begin, 1);
    ta_alignment *al2 = NULL;
    assert_int_equal(ta_align(fr, cut, &ao, &al2, &err), TA_OK);
    assert_int_equal(ta_check(fr, cut, al2, NULL, &rep, &err), TA_OK);
    tried++;
    if (names(rep, b->src_begin)) {
      named++;
      assert_false(ta_check_report_summary(rep)->complete);
      assert_true(ta_check_report_summary(rep)->coverage < 1.0);
    } else {
      print_message("not named: source %zu\n", b->src_begin);
    }
    ta_check_report_free(rep);
    ta_alignment_free(al2);
    ta_doc_free(cut);
  }
  print_message("named %zu of %zu\n", named, tried);
  assert_true(tried >= 30);
  assert_true(named * 100 >= tried * 95);
  ta_alignment_free(al);
  ta_doc_free(fr);
  ta_doc_free(en);
}

/* Short and medium sentences (< 100 characters) deleted in turn, every
 * third one: a word translation table learned from the pair makes check
 * name more of them than it does without (lexical evidence on merges). */
static void story_lexicon_helps_short_sentences(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  ta_doc *en = load_presplit("story.en.txt", "en");
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  ao.self_train = false;
  ta_lexicon *lx = NULL;
  ta_error err;
  size_t used = 0;
  assert_int_equal(ta_lexicon_learn(fr, en, &ao, &lx, &used, &err), TA_OK);
  assert_true(ta_lexicon_count(lx) > 100);
  ta_alignment *al = NULL;
  assert_int_equal(ta_align(fr, en, &ao, &al, &err), TA_OK);
  ta_check_opts with, without;
  ta_check_opts_init(&with);
  ta_check_opts_init(&without);
  with.lexicon = lx;
  ao.lexicon = lx;
  size_t tried = 0, named_with = 0, named_without = 0, seen = 0;
  for (size_t k = 0; k < ta_alignment_count(al); k++) {
    const ta_bead *b = ta_alignment_bead(al, k);
    if (b->src_len != 1 || b->tgt_len != 1 ||
        ta_doc_sentence(en, b->tgt_begin)->len >= 100 || seen++ % 3)
      continue;
    ta_doc *cut = story_without(en, b->tgt_begin, 1);
    ta_alignment *al2 = NULL;
    ta_check_report *r1 = NULL, *r2 = NULL;
    assert_int_equal(ta_align(fr, cut, &ao, &al2, &err), TA_OK);
    assert_int_equal(ta_check(fr, cut, al2, &with, &r1, &err), TA_OK);
    assert_int_equal(ta_check(fr, cut, al2, &without, &r2, &err), TA_OK);
    tried++;
    named_with += names(r1, b->src_begin);
    named_without += names(r2, b->src_begin);
    ta_check_report_free(r1);
    ta_check_report_free(r2);
    ta_alignment_free(al2);
    ta_doc_free(cut);
  }
  print_message(
      "short and medium: named %zu with the table, %zu without, "
      "of %zu\n",
      named_with, named_without, tried);
  assert_true(tried >= 40);
  assert_true(named_with > named_without);
  ta_alignment_free(al);
  ta_lexicon_free(lx);
  ta_doc_free(fr);
  ta_doc_free(en);
}

/* A long paragraph deleted from the English: one finding over the whole
 * French paragraph, marked as such, placed before the right target
 * sentence. */
static void story_paragraph_omission(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  ta_doc *en = load_presplit("story.en.txt", "en");
  /* English paragraph 3 = sentences 5..10 (six sentences, 1013 bytes),
   * French paragraph 3 = the same sentences */
  size_t first = 0, n = 0;
  for (size_t i = 0; i < ta_doc_count(en); i++)
    if (ta_doc_sentence(en, i)->paragraph == 3) {
      if (!n) first = i;
      n++;
    }
  assert_int_equal(n, 6);
  ta_doc *cut = story_without(en, first, n);
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_error err;
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_int_equal(ta_align(fr, cut, &ao, &al, &err), TA_OK);
  assert_int_equal(ta_check(fr, cut, al, NULL, &rep, &err), TA_OK);
  print_findings(rep);
  const ta_finding *f = find_kind(rep, TA_FINDING_OMISSION);
  assert_non_null(f);
  assert_true(f->whole_paragraph);
  assert_int_equal(f->src.paragraph, 3);
  assert_int_equal(f->src.len, 6);
  assert_int_equal(ta_doc_sentence(fr, f->src.begin)->paragraph, 3);
  assert_int_equal(ta_doc_sentence(fr, f->src.begin + 5)->paragraph, 3);
  assert_int_equal(f->tgt.len, 0);
  assert_int_equal(f->tgt.begin, first);
  assert_non_null(strstr(f->message, "whole paragraph 4"));
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(cut);
  ta_doc_free(fr);
  ta_doc_free(en);
}

static void addition_in_target(void **state) {
  (void)state;
  const char *t[NPAIR + 1];
  size_t n = 0;
  for (size_t i = 0; i < NPAIR; i++) {
    t[n++] = en_text[i];
    if (i == 5)
      t[n++] =
          "Translator's note: the swimming pool had already been closed "
          "twice because of the drought in the summer.";
  }
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, n, NULL);
  print_findings(p.rep);
  const ta_finding *f = find_kind(p.rep, TA_FINDING_ADDITION);
  assert_non_null(f);
  assert_int_equal(f->tgt.begin, 6);
  assert_int_equal(f->tgt.len, 1);
  assert_int_equal(f->src.len, 0);
  assert_int_equal(count_kind(p.rep, TA_FINDING_OMISSION), 0);
  /* additions do not fail the default verdict */
  assert_true(ta_check_report_summary(p.rep)->complete);
  free_pair(&p);
}

/* Numbers: one sentence each side, so the bead is the pair itself. */
static const struct num_case {
  const char *name, *sl, *src, *tl, *tgt;
  bool mismatch;
} num_cases[] = {
    {"grouping", "fr", "Il a payé 1 000,5 euros.", "en",
     "He paid 1,000.5 euros.", false},
    {"percent space", "fr", "Une hausse de 15 % cette année.", "en",
     "A rise of 15% this year.", false},
    {"millions", "fr", "Le projet coûte 2,5 millions d’euros.", "en",
     "The project costs 2.5 million euros.", false},
    {"million as digits", "fr", "Le projet coûte 2,5 millions d’euros.", "en",
     "The project costs 2,500,000 euros.", false},
    {"time 24h/12h", "fr", "Le train part à 14h30 précises.", "en",
     "The train leaves at 2:30 p.m. sharp.", false},
    {"date d/m vs words", "fr", "La réunion du 18/01/2024 est annulée.", "en",
     "The meeting of January 18, 2024 is cancelled.", false},
    {"date words vs m/d", "fr", "La réunion du 18 janvier 2024 est annulée.",
     "en", "The meeting of 01/18/2024 is cancelled.", false},
    {"spelled out", "fr", "Elle a attendu 5 ans.", "en",
     "She waited five years.", false},
    {"decimal comma", "de", "Der Gipfel ist 8847,6 m hoch.", "fr",
     "Le sommet mesure 8847,6 m.", false},
    {"thousands dot", "de", "Es kamen 12.500 Besucher.", "fr",
     "Il est venu 12 500 visiteurs.", false},
    {"digit changed", "fr", "Une hausse de 15 % cette année.", "en",
     "A rise of 16% this year.", true},
    {"decimal changed", "fr", "Il a payé 1 000,5 euros.", "en",
     "He paid 1,000.6 euros.", true},
    {"missing", "fr", "Il a payé 300 euros pour 2 billets.", "en",
     "He paid for 2 tickets.", true},
    {"time changed", "fr", "Le train part à 14h30 précises.", "en",
     "The train leaves at 3:30 p.m. sharp.", true},
    {"date changed", "fr", "La réunion du 18/01/2024 est annulée.", "en",
     "The meeting of 19/01/2024 is cancelled.", true},
    {"de millions changed", "de", "Das kostet 3,5 Millionen Franken.", "fr",
     "Cela coûte 3,6 millions de francs.", true},
};

static void numbers_compare_by_value(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof num_cases / sizeof num_cases[0]; i++) {
    const struct num_case *c = &num_cases[i];
    pair p;
    make_pair(&p, c->sl, &c->src, 1, c->tl, &c->tgt, 1, NULL);
    size_t n = count_kind(p.rep, TA_FINDING_NUMBER);
    if ((n > 0) != c->mismatch) {
      print_message("case '%s'\n", c->name);
      print_findings(p.rep);
    }
    assert_int_equal(n, c->mismatch ? 1 : 0);
    if (c->mismatch) {
      const ta_finding *f = find_kind(p.rep, TA_FINDING_NUMBER);
      assert_int_equal(f->severity, TA_SEVERITY_ERROR);
      assert_false(ta_check_report_summary(p.rep)->complete);
    }
    free_pair(&p);
  }
}

static void number_in_faithful_text_with_changed_digit(void **state) {
  (void)state;
  const char *t[NPAIR];
  memcpy(t, en_text, sizeof t);
  t[1] =
      "Planned spending reaches 1,350,000 euros, an increase of 4.5% over "
      "last year.";
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, NPAIR, NULL);
  print_findings(p.rep);
  assert_int_equal(ta_check_report_count(p.rep), 1);
  const ta_finding *f = find_kind(p.rep, TA_FINDING_NUMBER);
  assert_non_null(f);
  assert_int_equal(f->src.begin, 1);
  assert_int_equal(f->tgt.begin, 1);
  assert_non_null(strstr(f->message, "1 250 000"));
  assert_non_null(strstr(f->message, "1,350,000"));
  free_pair(&p);
}

static void untranslated_sentences(void **state) {
  (void)state;
  const char *t[NPAIR];
  memcpy(t, en_text, sizeof t);
  t[2] = fr_text[2]; /* left in French */
  t[8] =
      "Les habitants pourront y assister librement, comme d’habitude "
      "(sic).";
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, NPAIR, NULL);
  print_findings(p.rep);
  assert_int_equal(count_kind(p.rep, TA_FINDING_UNTRANSLATED), 2);
  const ta_finding *f = find_kind(p.rep, TA_FINDING_UNTRANSLATED);
  assert_int_equal(f->tgt.begin, 2);
  assert_non_null(strstr(f->message, "identical"));
  free_pair(&p);
  /* names and numbers alike are no sign of a missing translation */
  const char *s1 = "Paris, 2024 : Jean-Paul Sartre et Simone de Beauvoir.";
  const char *t1 = "Paris, 2024: Jean-Paul Sartre and Simone de Beauvoir.";
  make_pair(&p, "fr", &s1, 1, "en", &t1, 1, NULL);
  assert_int_equal(count_kind(p.rep, TA_FINDING_UNTRANSLATED), 0);
  free_pair(&p);
}

static void punctuation_findings(void **state) {
  (void)state;
  const char *t[NPAIR];
  memcpy(t, en_text, sizeof t);
  t[4] = "The building site has fallen far behind schedule.";
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, NPAIR, NULL);
  print_findings(p.rep);
  const ta_finding *f = find_kind(p.rep, TA_FINDING_PUNCTUATION);
  assert_non_null(f);
  assert_int_equal(f->src.begin, 4);
  assert_non_null(strstr(f->message, "question"));
  free_pair(&p);

  static const struct {
    const char *sl, *src, *tl, *tgt;
    bool finding;
  } cases[] = {
      {"fr", "Il a dit « oui » (enfin).", "en", "He said “yes” (finally.",
       true},
      {"fr", "Il a dit « oui » (enfin).", "en", "He said “yes (finally).",
       true},
      {"fr", "Il a dit « oui » (enfin).", "en", "He said “yes” (finally).",
       false},
      {"de", "Er sagte „ja“ (endlich).", "fr", "Il a dit « oui » (enfin).",
       false},
      {"de", "Er sagte „ja“ (endlich).", "fr", "Il a dit « oui (enfin).", true},
      {"fr", "Vient-il demain ?", "en", "Is he coming tomorrow?", false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    make_pair(&p, cases[i].sl, &cases[i].src, 1, cases[i].tl, &cases[i].tgt, 1,
              NULL);
    if ((count_kind(p.rep, TA_FINDING_PUNCTUATION) > 0) != cases[i].finding) {
      print_message("case %zu: %s\n", i, cases[i].tgt);
      print_findings(p.rep);
    }
    assert_int_equal(count_kind(p.rep, TA_FINDING_PUNCTUATION),
                     cases[i].finding ? 1 : 0);
    free_pair(&p);
  }
}

/* The longest English sentence of the story cut to a third: reported as
 * a length outlier (shorter than predicted) or, when the aligner merged it
 * with a neighbour, as a partial omission of its French sentence. */
static void truncated_sentence_is_length_outlier(void **state) {
  (void)state;
  ta_doc *fr = load_presplit("story.fr.txt", "fr");
  ta_doc *en = load_presplit("story.en.txt", "en");
  size_t m = ta_doc_count(en), longest = 0;
  for (size_t i = 1; i < m; i++)
    if (ta_doc_sentence(en, i)->len > ta_doc_sentence(en, longest)->len)
      longest = i;
  const char **segs = malloc(m * sizeof *segs);
  size_t *paras = malloc(m * sizeof *paras);
  char cut[512];
  for (size_t i = 0; i < m; i++) {
    segs[i] = ta_doc_sentence(en, i)->text;
    paras[i] = ta_doc_sentence(en, i)->paragraph;
  }
  size_t keep = ta_doc_sentence(en, longest)->len / 3;
  while (keep && (segs[longest][keep] & 0xC0) == 0x80) keep--;
  snprintf(cut, sizeof cut, "%.*s.", (int)keep, segs[longest]);
  segs[longest] = cut;
  ta_doc *t = NULL;
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_error err;
  assert_int_equal(ta_doc_from_segments("t", "en", segs, paras, m, &t, &err),
                   TA_OK);
  ta_align_opts ao;
  ta_check_align_opts_init(&ao);
  assert_int_equal(ta_align(fr, t, &ao, &al, &err), TA_OK);
  assert_int_equal(ta_check(fr, t, al, NULL, &rep, &err), TA_OK);
  print_findings(rep);
  const ta_finding *f = find_kind(rep, TA_FINDING_LENGTH);
  if (f) {
    assert_true(f->value < -4);
    assert_non_null(strstr(f->message, "shorter"));
  } else {
    f = find_kind(rep, TA_FINDING_PARTIAL_OMISSION);
    assert_non_null(f);
    assert_true(f->value > 10);
  }
  assert_true(f->tgt.begin <= longest && longest < f->tgt.begin + f->tgt.len);
  /* the story's own omission is still there */
  assert_true(names(rep, 16));
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(t);
  free(segs);
  free(paras);
  ta_doc_free(fr);
  ta_doc_free(en);
}

/* German/French: faithful gives nothing; a dropped sentence is found. */
static const char *const de_text[] = {
    "Die Expedition erreichte am 12. Juni nach einem langen Anmarsch durch die "
    "Täler des Karakorum das Basislager auf 4500 m Höhe.",
    "Wegen des schlechten Wetters mussten die Bergsteiger anschliessend drei "
    "Tage lang im Zelt bleiben und konnten nichts unternehmen.",
    "Erst am 17. Juni gelang es, durch den 900 m hohen Eisfall des "
    "Westgletschers einen sicheren Weg zu finden.",
    "Die Träger leisteten dabei hervorragende Arbeit und trugen Lasten von bis "
    "zu 30 kg über die steilen Eishänge.",
    "Am Ende des Monats stand das dritte Lager auf etwa 6000 m, unterhalb der "
    "grossen Felsstufe.",
    "Die Felsstufe selbst war senkrecht und musste mit 400 m fixen Seilen "
    "gesichert werden.",
    "Mehrere Tage vergingen, bis die Seile verankert und die Lasten nach oben "
    "gebracht waren.",
    "Am 4. Juli verliessen vier Bergsteiger das vierte Lager, das auf 6900 m "
    "in einer kleinen Mulde stand.",
    "Der Schnee war tief und weich, so dass der Vorderste nach dreissig "
    "Schritten abgelöst werden musste.",
    "Gegen Mittag erreichten sie den Grat, von dem aus sie zum ersten Mal den "
    "Gipfel sahen.",
    "Der Wind wurde stärker, und die Temperatur fiel auf minus 25 Grad.",
    "Trotzdem setzten sie den Aufstieg fort und standen um 16.30 Uhr auf dem "
    "Gipfel.",
    "Der Abstieg in der Dunkelheit war gefährlich, und zwei Männer mussten in "
    "einer Schneehöhle biwakieren.",
    "Am nächsten Morgen kamen alle erschöpft, aber unverletzt im vierten Lager "
    "an.",
    "Die Expedition kehrte Anfang August nach Skardu zurück, wo sie von den "
    "Behörden empfangen wurde.",
    "Ein ausführlicher Bericht mit Karten und Photographien wird im nächsten "
    "Jahrbuch erscheinen.",
};
static const char *const fr_de_text[] = {
    "Après une longue marche d’approche à travers les vallées du Karakoram, "
    "l’expédition atteignit le 12 juin le camp de base, à 4500 m d’altitude.",
    "À cause du mauvais temps, les alpinistes durent ensuite rester trois "
    "jours sous la tente sans pouvoir rien entreprendre.",
    "Ce n’est que le 17 juin qu’on réussit à trouver un passage sûr à travers "
    "la chute de séracs de 900 m du glacier ouest.",
    "Les porteurs firent un travail remarquable et montèrent des charges "
    "allant jusqu’à 30 kg sur les pentes de glace raides.",
    "À la fin du mois, le troisième camp était installé vers 6000 m, au pied "
    "de la grande barrière rocheuse.",
    "La barrière elle-même était verticale et dut être équipée de 400 m de "
    "cordes fixes.",
    "Il fallut plusieurs jours pour ancrer les cordes et monter les charges.",
    "Le 4 juillet, quatre alpinistes quittèrent le quatrième camp, dressé à "
    "6900 m dans une petite combe.",
    "La neige était profonde et molle, si bien que le premier de cordée devait "
    "être relayé après trente pas.",
    "Vers midi, ils atteignirent l’arête, d’où ils virent le sommet pour la "
    "première fois.",
    "Le vent forcit et la température tomba à moins 25 degrés.",
    "Ils poursuivirent néanmoins l’ascension et foulèrent le sommet à 16 h 30.",
    "La descente dans l’obscurité fut dangereuse, et deux hommes durent "
    "bivouaquer dans une grotte de neige.",
    "Le lendemain matin, tous arrivèrent épuisés mais indemnes au quatrième "
    "camp.",
    "L’expédition rentra à Skardu au début d’août, où elle fut reçue par les "
    "autorités.",
    "Un compte rendu détaillé avec cartes et photographies paraîtra dans le "
    "prochain annuaire.",
};

static void german_french_pair(void **state) {
  (void)state;
  size_t n = sizeof de_text / sizeof de_text[0];
  pair p;
  make_pair(&p, "de", de_text, n, "fr", fr_de_text, n, NULL);
  print_findings(p.rep);
  assert_int_equal(ta_check_report_count(p.rep), 0);
  free_pair(&p);
  const char *t[16];
  size_t nt = without(fr_de_text, n, 7, t);
  make_pair(&p, "de", de_text, n, "fr", t, nt, NULL);
  print_findings(p.rep);
  const ta_finding *f = find_kind(p.rep, TA_FINDING_OMISSION);
  if (!f) f = find_kind(p.rep, TA_FINDING_PARTIAL_OMISSION);
  assert_non_null(f);
  assert_int_equal(f->src.begin, 7);
  assert_int_equal(f->src.len, 1);
  /* the pairs the aligner shifted around the gap report nothing else */
  assert_int_equal(ta_check_report_count(p.rep), 1);
  free_pair(&p);
  /* 6000 m became 6500 m */
  memcpy(t, fr_de_text, n * sizeof *t);
  t[4] =
      "À la fin du mois, le troisième camp était installé vers 6500 m, au "
      "pied de la grande barrière rocheuse.";
  make_pair(&p, "de", de_text, n, "fr", t, n, NULL);
  assert_int_equal(ta_check_report_count(p.rep), 1);
  f = find_kind(p.rep, TA_FINDING_NUMBER);
  assert_non_null(f);
  assert_int_equal(f->tgt.begin, 4);
  free_pair(&p);
}

static void thresholds_and_verdict(void **state) {
  (void)state;
  ta_check_opts o;
  ta_check_opts_init(&o);
  assert_true(o.min_coverage == 0.98);
  assert_true(o.fail_on & TA_CHECK_KIND_BIT(TA_FINDING_OMISSION));
  assert_false(o.fail_on & TA_CHECK_KIND_BIT(TA_FINDING_ADDITION));
  const char *t[NPAIR];
  size_t nt = without(en_text, NPAIR, 5, t);
  /* omission not failing, coverage 0.9 allowed: complete */
  o.fail_on = TA_CHECK_KIND_BIT(TA_FINDING_NUMBER);
  o.min_coverage = 0.85;
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, nt, &o);
  const ta_check_summary *s = ta_check_report_summary(p.rep);
  assert_true(s->coverage < 0.95 && s->coverage > 0.85);
  assert_true(s->complete);
  assert_true(ta_check_report_opts(p.rep)->min_coverage == 0.85);
  free_pair(&p);
  /* the same with the coverage threshold at 0.95: incomplete */
  o.min_coverage = 0.95;
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, nt, &o);
  assert_false(ta_check_report_summary(p.rep)->complete);
  free_pair(&p);
  /* kinds not looked for are not reported, but what the omissions leave
   * out still counts: looking for numbers only is no way to pass */
  o.kinds = TA_CHECK_KIND_BIT(TA_FINDING_NUMBER);
  make_pair(&p, "fr", fr_text, NPAIR, "en", t, nt, &o);
  assert_int_equal(ta_check_report_count(p.rep), 0);
  s = ta_check_report_summary(p.rep);
  assert_true(s->coverage < 0.95);
  assert_int_equal(s->by_kind[TA_FINDING_OMISSION], 0);
  assert_false(s->complete);
  free_pair(&p);
  /* thresholds no check can use are refused, not read as 0 */
  ta_doc *fr = NULL, *en = NULL;
  ta_alignment *al = NULL;
  ta_error err;
  assert_int_equal(
      ta_doc_from_segments("fr", "fr", fr_text, NULL, NPAIR, &fr, &err), TA_OK);
  assert_int_equal(ta_doc_from_segments("en", "en", t, NULL, nt, &en, &err),
                   TA_OK);
  assert_int_equal(ta_align(fr, en, NULL, &al, &err), TA_OK);
  ta_check_report *r = NULL;
  ta_check_opts bad;
  ta_check_opts_init(&bad);
  bad.kinds = 0;
  assert_int_equal(ta_check(fr, en, al, &bad, &r, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "no kind"));
  const double nan = strtod("nan", NULL);
  double *fields[] = {&bad.min_coverage, &bad.length_z, &bad.partial_threshold,
                      &bad.hint_threshold, &bad.untranslated_share};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    ta_check_opts_init(&bad);
    *fields[i] = nan;
    assert_int_equal(ta_check(fr, en, al, &bad, &r, &err), TA_EINVAL);
    assert_null(r);
  }
  ta_check_opts_init(&bad);
  bad.min_coverage = 1.5;
  assert_int_equal(ta_check(fr, en, al, &bad, &r, &err), TA_EINVAL);
  ta_alignment_free(al);
  ta_doc_free(fr);
  ta_doc_free(en);
}

static void names_and_errors(void **state) {
  (void)state;
  ta_finding_kind k;
  for (int i = 0; i < TA_FINDING_KIND_COUNT; i++) {
    assert_true(
        ta_finding_kind_parse(ta_finding_kind_name((ta_finding_kind)i), &k));
    assert_int_equal(k, i);
  }
  assert_false(ta_finding_kind_parse("omissions", &k));
  assert_string_equal(ta_finding_kind_name((ta_finding_kind)99), "unknown");
  assert_string_equal(ta_severity_name(TA_SEVERITY_ERROR), "error");
  ta_error err;
  ta_check_report *r = NULL;
  assert_int_equal(ta_check(NULL, NULL, NULL, NULL, &r, &err), TA_EINVAL);
  /* an alignment of other documents does not fit */
  pair p;
  make_pair(&p, "fr", fr_text, NPAIR, "en", en_text, NPAIR, NULL);
  ta_doc *shorter = NULL;
  assert_int_equal(
      ta_doc_from_segments("x", "en", en_text, NULL, 3, &shorter, &err), TA_OK);
  assert_int_equal(ta_check(p.src, shorter, p.al, NULL, &r, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "does not cover"));
  assert_int_equal(ta_check_report_write(stdout, (ta_check_format)42, p.src,
                                         p.tgt, p.al, p.rep, &err),
                   TA_EINVAL);
  ta_doc_free(shorter);
  free_pair(&p);
  ta_check_report_free(NULL);
  assert_int_equal(ta_check_report_count(NULL), 0);
  assert_null(ta_check_report_finding(NULL, 0));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(faithful_fr_en_has_no_finding),
      cmocka_unit_test(story_long_sentence_omissions),
      cmocka_unit_test(story_lexicon_helps_short_sentences),
      cmocka_unit_test(story_paragraph_omission),
      cmocka_unit_test(addition_in_target),
      cmocka_unit_test(numbers_compare_by_value),
      cmocka_unit_test(number_in_faithful_text_with_changed_digit),
      cmocka_unit_test(untranslated_sentences),
      cmocka_unit_test(punctuation_findings),
      cmocka_unit_test(truncated_sentence_is_length_outlier),
      cmocka_unit_test(german_french_pair),
      cmocka_unit_test(thresholds_and_verdict),
      cmocka_unit_test(names_and_errors),
      cmocka_unit_test(source_as_its_own_translation),
      cmocka_unit_test(unrelated_text_is_not_a_translation),
      cmocka_unit_test(messages_in_words_and_counts_agree),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
