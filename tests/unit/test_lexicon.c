/* Lexicon: dictd index numbers, FreeDict entries (both styles), .dict.dz
 * through zlib, reversing, hunalign and TSV lines, filtering to a
 * document, save/load, IBM Model 1 on the classic toy corpus, and the
 * lexical keys reaching the aligner's bead costs. */
// clang-format off
#include "tmx_test_util.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
// clang-format on

#include <zlib.h>

#include "lexicon/lexicon.h"

static const char *data_path(const char *name) {
  static char p[4][1024];
  static int k;
  const char *root = getenv("TA_TEST_DATA");
  char *out = p[k++ % 4];
  snprintf(out, 1024, "%s/lexicon/%s", root ? root : "tests/data", name);
  return out;
}

static void test_b64(void **state) {
  (void)state;
  static const struct {
    const char *s;
    uint64_t v;
  } rows[] = {
      {"A", 0},
      {"B", 1},
      {"/", 63},
      {"BA", 64},
      {"x", 49},
      /* from the real freedict-deu-fra.index line "haus HmXj We" */
      {"HmXj", 7 * 262144 + 38 * 4096 + 23 * 64 + 35},
      {"We", 22 * 64 + 30},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    uint64_t v = 99;
    assert_true(ta__dictd_b64(rows[i].s, strlen(rows[i].s), &v));
    if (v != rows[i].v)
      fail_msg("%s: got %llu", rows[i].s, (unsigned long long)v);
  }
  uint64_t v;
  assert_false(ta__dictd_b64("a*b", 3, &v));
  assert_false(ta__dictd_b64("", 0, &v));
  assert_false(ta__dictd_b64("AAAAAAAAAAAA", 12, &v)); /* would overflow */
}

static ta_lexicon *load(const char *name, const char *sl, const char *tl,
                        const ta_doc *filter) {
  ta_lexicon *lx = NULL;
  ta_error err;
  assert_int_equal(ta_lexicon_new(&lx, NULL), TA_OK);
  ta_status st =
      ta_lexicon_load_dict(lx, data_path(name), sl, tl, filter, &err);
  if (st != TA_OK) fail_msg("%s: %s", name, err.message);
  return lx;
}

/* Plain .dict, both entry styles: translations kept, notes and glosses
 * dropped, rank gives the probability. */
static void test_dictd_entries(void **state) {
  (void)state;
  ta_lexicon *lx = load("freedict-deu-fra.index", "de", "fr", NULL);
  static const struct {
    const char *src, *tgt;
    double p;
  } rows[] = {
      {"Haus", "maison", 0.5},
      {"Haus", "chambre", 1.0 / 3},
      {"Berg", "montagne", 0.5},
      {"Berg", "mont", 1.0 / 3},
      {"Berg", "mine", 0.25},
      {"gehen", "aller", 0.5},
      {"gehen", "marcher", 1.0 / 3},
      {"Gipfel", "sommet", 0.5},
      {"Gipfel", "cime", 1.0 / 3},
      {"Schnee", "neige", 0.5},
      /* glosses, examples, grammar, notes, synonyms are not entries */
      {"Haus", "Gebäude", 0},
      {"Haus", "neut", 0},
      {"Haus", "zweck", 0},
      {"Gipfel", "geogr", 0},
      {"Gipfel", "spitze", 0},
      {"Gipfel", "masc", 0},
      {"Schnee", "météo", 0},
      {"Berg", "Untertagebereich", 0},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    double p = ta_lexicon_prob(lx, rows[i].src, rows[i].tgt);
    if (p < rows[i].p - 1e-6 || p > rows[i].p + 1e-6)
      fail_msg("%s -> %s: p %g, expected %g", rows[i].src, rows[i].tgt, p,
               rows[i].p);
  }
  /* "Haus und Hof" is a multi-word headword: skipped */
  assert_true(ta_lexicon_prob(lx, "Haus", "biens") == 0);
  /* "häuser" shares the entry of "haus" (read once, used twice) */
  assert_true(ta_lexicon_prob(lx, "Häuser", "maison") == 0.5);
  assert_int_equal(ta_lexicon_count(lx), 12);
  ta_lexicon_free(lx);
}

/* A fra-deu .dict.dz read through zlib and reversed for de -> fr, opened
 * by its .dict.dz name as well as by its .index. */
static void test_dictd_dz_reversed(void **state) {
  (void)state;
  const char *names[] = {"freedict-fra-deu.index", "freedict-fra-deu.dict.dz"};
  for (int k = 0; k < 2; k++) {
    ta_lexicon *lx = load(names[k], "de", "fr", NULL);
    assert_true(ta_lexicon_prob(lx, "Haus", "maison") > 0.4);
    assert_true(ta_lexicon_prob(lx, "Heim", "maison") > 0.3);
    assert_true(ta_lexicon_prob(lx, "Schnee", "neige") > 0.4);
    assert_true(ta_lexicon_prob(lx, "Gipfel", "sommet") > 0.4);
    assert_true(ta_lexicon_prob(lx, "maison", "Haus") == 0);
    ta_lexicon_free(lx);
  }
  /* the same file for fr -> de is read as it stands */
  ta_lexicon *lx = load("freedict-fra-deu.index", "fr", "de", NULL);
  assert_true(ta_lexicon_prob(lx, "maison", "Haus") > 0.4);
  assert_true(ta_lexicon_prob(lx, "Haus", "maison") == 0);
  ta_lexicon_free(lx);
}

/* Only headwords of the source document are kept; stems match forms. */
static void test_filter(void **state) {
  (void)state;
  const char *segs[] = {"Die Berge und das Haus.", "Schneefall am Gipfel."};
  ta_doc *d = NULL;
  assert_int_equal(ta_doc_from_segments("f", "de", segs, NULL, 2, &d, NULL),
                   TA_OK);
  ta_lexicon *lx = load("freedict-deu-fra.index", "de", "fr", d);
  assert_true(ta_lexicon_prob(lx, "Haus", "maison") > 0);
  assert_true(ta_lexicon_prob(lx, "Berg", "montagne") > 0);
  assert_true(ta_lexicon_prob(lx, "Gipfel", "sommet") > 0);
  /* Schnee (6 letters, stem "schne") is a prefix of Schneefall */
  assert_true(ta_lexicon_prob(lx, "Schnee", "neige") > 0);
  assert_true(ta_lexicon_prob(lx, "gehen", "aller") == 0);
  ta_lexicon_free(lx);
  ta_doc_free(d);
}

static void test_line_formats(void **state) {
  (void)state;
  ta_lexicon *lx = load("hunalign.dic", "de", "fr", NULL);
  assert_true(ta_lexicon_prob(lx, "Haus", "maison") == 0.5);
  assert_true(ta_lexicon_prob(lx, "maison", "Haus") == 0);
  assert_int_equal(ta_lexicon_count(lx), 3);
  ta_lexicon_free(lx);
  lx = load("de-fr.tsv", "de", "fr", NULL);
  assert_true(fabs(ta_lexicon_prob(lx, "Haus", "maison") - 0.8) < 1e-6);
  assert_true(ta_lexicon_prob(lx, "Berg", "montagne") == 0.5);
  assert_true(fabs(ta_lexicon_prob(lx, "Schnee", "neige") - 0.6) < 1e-6);
  /* folding: case and diacritics */
  assert_true(fabs(ta_lexicon_prob(lx, "HAUS", "Maisón") - 0.8) < 1e-6);
  ta_lexicon_free(lx);
}

static void test_errors(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char p[700];
  ta_lexicon *lx = NULL;
  ta_error err;
  assert_int_equal(ta_lexicon_new(&lx, NULL), TA_OK);
  static const struct {
    const char *name, *content;
    ta_status st;
    const char *where;
  } rows[] = {
      {"bad.tsv",
       "Haus\tmaison\n"
       "Berg montagne\n",
       TA_EPARSE, "line 2"},
      {"badp.tsv", "Haus\tmaison\t1.5\n", TA_EPARSE, "line 1"},
      {"bad.index", "haus\tA\tB\nberg\tA*\tB\n", TA_EPARSE, "line 2"},
      {"far.index", "haus\tA\tB\nberg\tBA\tB\n", TA_EPARSE, "line 2"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, rows[i].name);
    FILE *fp = fopen(p, "w");
    fputs(rows[i].content, fp);
    fclose(fp);
    if (strstr(rows[i].name, ".index")) {
      snprintf(p, sizeof p, "%s/%.3s.dict", dir, rows[i].name);
      fp = fopen(p, "w");
      fputs("x\ny\n", fp);
      fclose(fp);
      snprintf(p, sizeof p, "%s/%s", dir, rows[i].name);
    }
    ta_status st = ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err);
    if (st != rows[i].st)
      fail_msg("%s: %s, expected %s", rows[i].name, ta_status_name(st),
               ta_status_name(rows[i].st));
    if (!strstr(err.message, rows[i].where))
      fail_msg("%s: message '%s' lacks '%s'", rows[i].name, err.message,
               rows[i].where);
  }
  snprintf(p, sizeof p, "%s/none.tsv", dir);
  assert_int_equal(ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err),
                   TA_ENOENT);
  assert_int_equal(ta_lexicon_load(lx, p, &err), TA_ENOENT);
  ta_lexicon_free(lx);
  rm_tree(dir);
  free(dir);
}

static void test_find_dict(void **state) {
  (void)state;
  char path[1024], dir[1024];
  ta_error err;
  snprintf(dir, sizeof dir, "%s", data_path(""));
  assert_int_equal(
      ta_lexicon_find_dict(dir, "de", "fr", path, sizeof path, &err), TA_OK);
  assert_non_null(strstr(path, "freedict-deu-fra.index"));
  /* no en-fr pair there */
  assert_int_equal(
      ta_lexicon_find_dict(dir, "en", "fr", path, sizeof path, &err),
      TA_ENOENT);
  char *empty = make_tmpdir();
  assert_int_equal(
      ta_lexicon_find_dict(empty, "de", "fr", path, sizeof path, &err),
      TA_ENOENT);
  assert_non_null(strstr(err.message, "deu-fra"));
  rm_tree(empty);
  free(empty);
  assert_int_equal(ta_lexicon_find_dict(dir, "de", "fr", path, 8, &err),
                   TA_EINVAL);
}

static void test_save_load(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char p[700];
  snprintf(p, sizeof p, "%s/saved.tsv", dir);
  ta_lexicon *a = load("freedict-deu-fra.index", "de", "fr", NULL), *b = NULL;
  assert_int_equal(ta_lexicon_save(a, p, NULL), TA_OK);
  assert_int_equal(ta_lexicon_new(&b, NULL), TA_OK);
  assert_int_equal(ta_lexicon_load(b, p, NULL), TA_OK);
  assert_int_equal(ta_lexicon_count(a), ta_lexicon_count(b));
  assert_true(fabs(ta_lexicon_prob(b, "Berg", "mont") - 1.0 / 3) < 1e-4);
  assert_true(fabs(ta_lexicon_prob(b, "Haus", "maison") - 0.5) < 1e-4);
  /* merge keeps the larger probability */
  assert_int_equal(ta_lexicon_add(b, "Haus", "maison", 0.9, NULL), TA_OK);
  assert_int_equal(ta_lexicon_merge(b, a, NULL), TA_OK);
  assert_true(fabs(ta_lexicon_prob(b, "Haus", "maison") - 0.9) < 1e-6);
  assert_int_equal(ta_lexicon_count(a), ta_lexicon_count(b));
  ta_lexicon_free(a);
  ta_lexicon_free(b);
  ta_lexicon_free(NULL);
  rm_tree(dir);
  free(dir);
}

/* Brown et al.'s toy corpus: EM resolves that "das" is "the", "Buch" is
 * "book", though each co-occurs with two words in every pair. */
static void test_model1(void **state) {
  (void)state;
  const char *de[] = {"das Haus", "das Buch", "ein Buch"};
  const char *en[] = {"the house", "the book", "one book"};
  ta_lexicon *lx = NULL;
  assert_int_equal(ta_lexicon_new(&lx, NULL), TA_OK);
  assert_int_equal(ta_lexicon_train(lx, de, en, 3, 20, 0.1, NULL), TA_OK);
  double the = ta_lexicon_prob(lx, "das", "the");
  double book = ta_lexicon_prob(lx, "Buch", "book");
  assert_true(the > 0.6);
  assert_true(book > 0.6);
  assert_true(ta_lexicon_prob(lx, "das", "book") < 0.2);
  assert_true(ta_lexicon_prob(lx, "Buch", "the") < 0.2);
  /* seen once: no entries */
  assert_true(ta_lexicon_prob(lx, "Haus", "house") == 0);
  /* one iteration is not yet converged: the same pair scores lower */
  ta_lexicon *one = NULL;
  assert_int_equal(ta_lexicon_new(&one, NULL), TA_OK);
  assert_int_equal(ta_lexicon_train(one, de, en, 3, 1, 0.1, NULL), TA_OK);
  assert_true(ta_lexicon_prob(one, "das", "the") < the);
  ta_lexicon_free(one);
  ta_lexicon_free(lx);
}

/* Self-training end to end: 150 generated sentence pairs over a small
 * vocabulary; what is learned are the right translations, and nothing is
 * learned from fewer beads than TA_LEXICON_MIN_BEADS. */
static void test_learn(void **state) {
  (void)state;
  static const char *const de[] = {"Haus",    "Berg", "Schnee", "Hund",
                                   "Fenster", "Brot", "Vogel",  "Wald"};
  static const char *const fr[] = {"maison",  "montagne", "neige",  "chien",
                                   "fenetre", "pain",     "oiseau", "foret"};
  enum { N = 150 };
  char *sd[N], *sf[N];
  unsigned x = 12345;
  for (int i = 0; i < N; i++) {
    int w[3];
    for (int k = 0; k < 3; k++) {
      x = x * 1103515245u + 12345u;
      w[k] = (int)((x >> 16) % 8);
    }
    sd[i] = malloc(128);
    sf[i] = malloc(128);
    snprintf(sd[i], 128, "Der %s sah den %s und den %s.", de[w[0]], de[w[1]],
             de[w[2]]);
    snprintf(sf[i], 128, "Le %s voyait le %s et le %s.", fr[w[0]], fr[w[1]],
             fr[w[2]]);
  }
  size_t counts[2] = {N, 40};
  for (int run = 0; run < 2; run++) {
    ta_doc *s = NULL, *t = NULL;
    assert_int_equal(ta_doc_from_segments("s", "de", (const char *const *)sd,
                                          NULL, counts[run], &s, NULL),
                     TA_OK);
    assert_int_equal(ta_doc_from_segments("t", "fr", (const char *const *)sf,
                                          NULL, counts[run], &t, NULL),
                     TA_OK);
    ta_lexicon *lx = NULL;
    size_t used = 0;
    assert_int_equal(ta_lexicon_learn(s, t, NULL, &lx, &used, NULL), TA_OK);
    if (run == 0) {
      assert_true(used >= TA_LEXICON_MIN_BEADS);
      for (int k = 0; k < 8; k++) {
        if (!(ta_lexicon_prob(lx, de[k], fr[k]) >= 0.2))
          fail_msg("%s -> %s not learned", de[k], fr[k]);
        for (int j = 0; j < 8; j++)
          if (j != k && ta_lexicon_prob(lx, de[k], fr[j]) > 0)
            fail_msg("%s -> %s learned", de[k], fr[j]);
      }
    } else {
      assert_true(used < TA_LEXICON_MIN_BEADS);
      assert_int_equal(ta_lexicon_count(lx), 0);
    }
    ta_lexicon_free(lx);
    ta_doc_free(s);
    ta_doc_free(t);
  }
  for (int i = 0; i < N; i++) {
    free(sd[i]);
    free(sf[i]);
  }
}

/* Chinese has no spaces: its words come from ICU's word break iterator
 * and are kept as written, so self-training learns Han words (sentences
 * generated for this test). */
static void test_learn_zh(void **state) {
  (void)state;
  static const char *const zh[] = {"老师", "学生", "医生", "城市",
                                   "电脑", "音乐", "朋友", "医院"};
  static const char *const en[] = {"teacher",  "student", "doctor", "city",
                                   "computer", "music",   "friend", "hospital"};
  enum { N = 150 };
  char *sz[N], *se[N];
  unsigned x = 777;
  for (int i = 0; i < N; i++) {
    int w[3];
    for (int k = 0; k < 3; k++) {
      x = x * 1103515245u + 12345u;
      w[k] = (int)((x >> 16) % 8);
    }
    sz[i] = malloc(128);
    se[i] = malloc(128);
    snprintf(sz[i], 128, "他看见了%s和%s，还有%s。", zh[w[0]], zh[w[1]],
             zh[w[2]]);
    snprintf(se[i], 128, "He saw the %s and the %s, and the %s.", en[w[0]],
             en[w[1]], en[w[2]]);
  }
  ta_doc *s = NULL, *t = NULL;
  assert_int_equal(ta_doc_from_segments("s", "zh", (const char *const *)sz,
                                        NULL, N, &s, NULL),
                   TA_OK);
  assert_int_equal(ta_doc_from_segments("t", "en", (const char *const *)se,
                                        NULL, N, &t, NULL),
                   TA_OK);
  ta_lexicon *lx = NULL;
  size_t used = 0;
  assert_int_equal(ta_lexicon_learn(s, t, NULL, &lx, &used, NULL), TA_OK);
  assert_true(used >= TA_LEXICON_MIN_BEADS);
  for (int k = 0; k < 8; k++) {
    if (!(ta_lexicon_prob(lx, zh[k], en[k]) >= 0.2))
      fail_msg("%s -> %s not learned", zh[k], en[k]);
    for (int j = 0; j < 8; j++)
      if (j != k && ta_lexicon_prob(lx, zh[k], en[j]) > 0)
        fail_msg("%s -> %s learned", zh[k], en[j]);
  }
  /* a Han word is a word even one character long, and is not stemmed */
  ta__folder *f = ta__folder_new();
  char out[TA__LEX_WORD_MAX];
  assert_int_equal(ta__lex_norm(f, "他", strlen("他"), out, sizeof out),
                   strlen("他"));
  assert_string_equal(out, "他");
  assert_int_equal(ta__lex_norm(f, "电脑", strlen("电脑"), out, sizeof out),
                   strlen("电脑"));
  assert_false(ta__lex_has_prefixes(out));
  assert_int_equal(
      ta__lex_norm(f, "Bergführer", strlen("Bergführer"), out, sizeof out), 5);
  assert_string_equal(out, "bergf");
  assert_true(ta__lex_has_prefixes(out));
  /* other scripts written with spaces: transliterated, then stemmed */
  assert_int_equal(
      ta__lex_norm(f, "Москвой", strlen("Москвой"), out, sizeof out), 5);
  assert_string_equal(out, "moskv");
  assert_int_equal(ta__lex_norm(f, "हिन्दी", strlen("हिन्दी"), out, sizeof out),
                   5);
  assert_string_equal(out, "hindi");
  ta__folder_free(f);
  ta_lexicon_free(lx);
  ta_doc_free(s);
  ta_doc_free(t);
  for (int i = 0; i < N; i++) {
    free(sz[i]);
    free(se[i]);
  }
}

static void count_learned(void *user, const char *msg) {
  if (strstr(msg, "lexicon: learned")) ++*(int *)user;
}

/* Self-training learns again from the beads a learned table guided,
 * twice more, while its sample is short of the 3,000-bead cap; a long
 * pair with a full sample learns once (generated sentences). */
static void test_relearn_rounds(void **state) {
  (void)state;
  static const char *const de[] = {"Haus", "Berg",  "Schnee", "Hund",
                                   "Brot", "Vogel", "Wald",   "Stern"};
  static const char *const fr[] = {"maison", "montagne", "neige", "chien",
                                   "pain",   "oiseau",   "forêt", "étoile"};
  enum { N = 3200 };
  char **sd = calloc(N, sizeof *sd), **sf = calloc(N, sizeof *sf);
  assert_non_null(sd);
  assert_non_null(sf);
  unsigned x = 4242;
  for (int i = 0; i < N; i++) {
    int w[3];
    for (int k = 0; k < 3; k++) {
      x = x * 1103515245u + 12345u;
      w[k] = (int)((x >> 16) % 8);
    }
    sd[i] = malloc(128);
    sf[i] = malloc(128);
    snprintf(sd[i], 128, "Der %s sah den %s und den %s.", de[w[0]], de[w[1]],
             de[w[2]]);
    snprintf(sf[i], 128, "Le %s voyait le %s et le %s.", fr[w[0]], fr[w[1]],
             fr[w[2]]);
  }
  static const size_t sizes[2] = {150, N};
  static const int rounds[2] = {3, 1};
  for (int run = 0; run < 2; run++) {
    ta_doc *s = NULL, *t = NULL;
    assert_int_equal(ta_doc_from_segments("s", "de", (const char *const *)sd,
                                          NULL, sizes[run], &s, NULL),
                     TA_OK);
    assert_int_equal(ta_doc_from_segments("t", "fr", (const char *const *)sf,
                                          NULL, sizes[run], &t, NULL),
                     TA_OK);
    int learned = 0;
    ta_align_opts o;
    ta_align_opts_init(&o);
    o.note.fn = count_learned;
    o.note.user = &learned;
    ta_alignment *al = NULL;
    assert_int_equal(ta_align(s, t, &o, &al, NULL), TA_OK);
    if (learned != rounds[run])
      fail_msg("%zu pairs: learned %d times, expected %d", sizes[run], learned,
               rounds[run]);
    ta_alignment_free(al);
    ta_doc_free(s);
    ta_doc_free(t);
  }
  for (int i = 0; i < N; i++) {
    free(sd[i]);
    free(sf[i]);
  }
  free(sd);
  free(sf);
}

/* A dictionary gives lexical evidence to the beads that hold translations
 * and none to the others; with the kind switched off there is none. */
static void test_align_keys(void **state) {
  (void)state;
  const char *de[] = {"Wir gingen auf den Berg.", "Das Haus war leer.",
                      "Es lag Schnee."};
  const char *fr[] = {"Nous sommes allés sur la montagne.",
                      "La maison était vide.", "Il y avait de la neige."};
  ta_doc *s = NULL, *t = NULL;
  assert_int_equal(ta_doc_from_segments("s", "de", de, NULL, 3, &s, NULL),
                   TA_OK);
  assert_int_equal(ta_doc_from_segments("t", "fr", fr, NULL, 3, &t, NULL),
                   TA_OK);
  ta_lexicon *lx = load("freedict-deu-fra.index", "de", "fr", s);
  ta_align_opts o;
  ta_align_opts_init(&o);
  o.lexicon = lx;
  ta_alignment *al = NULL;
  assert_int_equal(ta_align(s, t, &o, &al, NULL), TA_OK);
  assert_int_equal(ta_alignment_count(al), 3);
  for (size_t i = 0; i < 3; i++) {
    const ta_bead *b = ta_alignment_bead(al, i);
    assert_int_equal(b->src_begin, i);
    assert_int_equal(b->tgt_begin, i);
    if (!(b->cost_anchor[TA_ANCHOR_LEXICON] < 0))
      fail_msg("bead %zu: no lexical evidence", i);
  }
  ta_alignment_free(al);
  o.weights[TA_ANCHOR_LEXICON] = 0;
  assert_int_equal(ta_align(s, t, &o, &al, NULL), TA_OK);
  for (size_t i = 0; i < ta_alignment_count(al); i++)
    assert_true(ta_alignment_bead(al, i)->cost_anchor[TA_ANCHOR_LEXICON] == 0);
  ta_alignment_free(al);
  ta_lexicon_free(lx);
  ta_doc_free(s);
  ta_doc_free(t);
}

/* Beyond 3,000 confident beads the sample spreads over the document: the
 * cheapest beads of a book (its chapter headings) must not be all it
 * learns from. */
static void test_confident_sample(void **state) {
  (void)state;
  enum { N = 10000 };
  ta_bead *b = calloc(N, sizeof *b);
  size_t *idx = calloc(N, sizeof *idx);
  assert_non_null(b);
  assert_non_null(idx);
  for (size_t k = 0; k < N; k++) {
    b[k].src_begin = b[k].tgt_begin = k;
    b[k].src_len = b[k].tgt_len = 1;
    /* every tenth bead, a heading, is far cheaper than the others */
    b[k].cost = k % 10 == 0 ? -20.0 : 1.0;
  }
  b[5].tgt_len = 2; /* not 1-1: never taken */
  b[7].cost = 10.0; /* too costly to trust */
  size_t m = ta__lex_confident(b, N, idx, N);
  assert_int_equal(m, 3000);
  size_t headings = 0;
  for (size_t k = 0; k < m; k++) {
    if (k) assert_true(idx[k] > idx[k - 1]);
    assert_true(idx[k] != 5 && idx[k] != 7);
    headings += idx[k] % 10 == 0;
  }
  assert_true(idx[m - 1] > N - 10); /* reaches the end of the document */
  assert_true(headings < m / 5);    /* about one in ten, not all */
  /* fewer than the cap: all of them, in order */
  assert_int_equal(ta__lex_confident(b, 200, idx, N), 198);
  assert_int_equal(idx[5], 6);
  free(b);
  free(idx);
}

/* ---- issue #12 ---- */

static void put(const char *path, const char *text) {
  FILE *fp = fopen(path, "w");
  fputs(text, fp);
  fclose(fp);
}

/* An X.index is read as dictd whatever its first line: a bad line is
 * named as a dictd line, not as a TSV probability; a directory is named. */
static void dictd_errors_named(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char p[700], d[700];
  ta_lexicon *lx = NULL;
  ta_error err;
  assert_int_equal(ta_lexicon_new(&lx, NULL), TA_OK);
  snprintf(p, sizeof p, "%s/x.index", dir);
  snprintf(d, sizeof d, "%s/x.dict", dir);
  put(d, "x\ny\n");
  static const char *const bad[] = {"haus\tmaison\t1.5\n", "haus\tA\tB\nberg\n",
                                    "haus A B\n"};
  static const char *const line[] = {"line 1", "line 2", "line 1"};
  for (size_t i = 0; i < 3; i++) {
    put(p, bad[i]);
    ta_error_clear(&err);
    assert_int_equal(ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err),
                     TA_EPARSE);
    char want[800];
    snprintf(want, sizeof want,
             "%s: %s: not a dictd index line (word TAB offset TAB length", p,
             line[i]);
    if (!strstr(err.message, want)) fail_msg("%zu: %s", i, err.message);
  }
  /* an index alone */
  remove(d);
  assert_int_equal(ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err),
                   TA_ENOENT);
  assert_non_null(strstr(err.message, "no .dict.dz or .dict beside it"));
  assert_int_equal(ta_lexicon_load_dict(lx, dir, "de", "fr", NULL, &err),
                   TA_EISDIR);
  assert_non_null(strstr(err.message, "is a directory"));
  assert_int_equal(ta_lexicon_load_dict(NULL, p, "de", "fr", NULL, &err),
                   TA_EINVAL);
  ta_lexicon_free(lx);
  rm_tree(dir);
  free(dir);
}

/* The gzip streams of a dictd dictionary are capped (a bomb took 1.4 GB):
 * decompressed bytes, entries kept, and offsets into the .dict. */
static void dictd_reads_are_capped(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char p[700], d[700];
  snprintf(p, sizeof p, "%s/bomb.index", dir);
  snprintf(d, sizeof d, "%s/bomb.dict", dir);
  put(d, "x\ny\n");
  size_t keep_max = ta__dict_max, keep_entries = ta__dict_entries;
  ta__dict_max = 1 << 20; /* as if 1 MiB were the limit */
  gzFile g = gzopen(p, "wb9");
  static char zeros[1 << 16];
  memset(zeros, '\n', sizeof zeros);
  for (int i = 0; i < 32; i++) gzwrite(g, zeros, sizeof zeros); /* 2 MiB */
  gzclose(g);
  ta_lexicon *lx = NULL;
  ta_error err;
  assert_int_equal(ta_lexicon_new(&lx, NULL), TA_OK);
  assert_int_equal(ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message,
                         "more than 1048576 bytes once "
                         "decompressed"));
  /* an offset past the limit is refused before the .dict is inflated */
  put(p, "haus\tBAAAA\tB\n"); /* offset 64^4 = 16 MiB */
  assert_int_equal(ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "line 1: entry past 1048576 bytes"));
  ta__dict_max = keep_max;
  ta__dict_entries = 2;
  put(p, "haus\tA\tB\nberg\tA\tB\nwald\tA\tB\n");
  assert_int_equal(ta_lexicon_load_dict(lx, p, "de", "fr", NULL, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "line 3: more than 2 entries"));
  ta__dict_entries = keep_entries;
  ta_lexicon_free(lx);
  rm_tree(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_b64),
      cmocka_unit_test(test_dictd_entries),
      cmocka_unit_test(dictd_errors_named),
      cmocka_unit_test(dictd_reads_are_capped),
      cmocka_unit_test(test_dictd_dz_reversed),
      cmocka_unit_test(test_filter),
      cmocka_unit_test(test_line_formats),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_find_dict),
      cmocka_unit_test(test_save_load),
      cmocka_unit_test(test_model1),
      cmocka_unit_test(test_learn),
      cmocka_unit_test(test_learn_zh),
      cmocka_unit_test(test_relearn_rounds),
      cmocka_unit_test(test_confident_sample),
      cmocka_unit_test(test_align_keys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
