/* TMX writer: layout the consumers need, header, props, bead mapping,
 * character cleaning, reproducibility, round trip, I/O failures.  Every
 * file written is checked by tests/tmx_validate.sh (DTD + translate-toolkit
 * + Perl XML::TMX) and its dump compared with what was written. */
/* The feature macro first, cmocka after its dependencies. */
// clang-format off
#include "tmx_test_util.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
// clang-format on

#include "base/base.h"
#include "tmxalign/tmx.h"

static const char *const EN[] = {"The cat sat on the mat.",
                                 "It was <warm> & \"dry\".", "Then it left.",
                                 "An extra sentence."};
static const char *const FR[] = {"Le chat était assis sur le tapis.",
                                 "Il faisait « chaud » & <sec>.",
                                 "Un ajout sans source."};

static ta_doc *doc(const char *name, const char *lang, const char *const *s,
                   size_t n) {
  ta_doc *d = NULL;
  assert_int_equal(ta_doc_from_segments(name, lang, s, NULL, n, &d, NULL),
                   TA_OK);
  return d;
}

static ta_bead bead(size_t sb, size_t sl, size_t tb, size_t tl, double sc) {
  ta_bead b;
  memset(&b, 0, sizeof b);
  b.src_begin = sb;
  b.src_len = sl;
  b.tgt_begin = tb;
  b.tgt_len = tl;
  b.score = sc;
  return b;
}

/* 1-1 (0.91), 2-1 (0.5), 0-1 (0.3), 1-0 (0.2) */
static void beads4(ta_bead *b) {
  b[0] = bead(0, 1, 0, 1, 0.91);
  b[1] = bead(1, 2, 1, 1, 0.5);
  b[2] = bead(3, 0, 2, 1, 0.3);
  b[3] = bead(3, 1, 3, 0, 0.2);
}

typedef struct fixture {
  char *dir;
  char path[600];
  ta_doc *en, *fr;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->dir = make_tmpdir();
  snprintf(f->path, sizeof f->path, "%s/out.tmx", f->dir);
  f->en = doc("corpus/story.en.txt", "en_us", EN, 4);
  f->fr = doc("corpus/story.fr.txt", "FR", FR, 3);
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  rm_tree(f->dir);
  free(f->dir);
  ta_doc_free(f->en);
  ta_doc_free(f->fr);
  free(f);
  return 0;
}

/* Run the validator and compare its dump with expected (one line per
 * unit, languages sorted). */
static void assert_consumers_read(fixture *f, const char *file,
                                  const char *expected) {
  assert_int_equal(validate_tmx(file, f->dir), 0);
  char dump[700];
  const char *base = strrchr(file, '/') + 1;
  snprintf(dump, sizeof dump, "%s/%s.dump", f->dir, base);
  char *got = slurp(dump, NULL);
  assert_non_null(got);
  assert_string_equal(got, expected);
  free(got);
}

static void lang_tags_are_normalised(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
    ta_status st;
  } rows[] = {
      {"en_US", "en-US", TA_OK},
      {"EN-us", "en-US", TA_OK},
      {"fr", "fr", TA_OK},
      {"zh_hant_tw", "zh-Hant-TW", TA_OK},
      {"sr-Latn-RS", "sr-Latn-RS", TA_OK},
      {"es-419", "es-419", TA_OK},
      {"*all*", "*all*", TA_OK},
      {"", NULL, TA_ELANG},
      {"en--US", NULL, TA_ELANG},
      {"e n", NULL, TA_ELANG},
      {"en\"x", NULL, TA_ELANG},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    char out[64];
    ta_status st = ta_tmx_lang_normalize(rows[i].in, out, sizeof out, NULL);
    if (st != rows[i].st)
      fail_msg("row %zu '%s': status %s", i, rows[i].in, ta_status_name(st));
    if (rows[i].out && strcmp(out, rows[i].out))
      fail_msg("row %zu '%s': got '%s'", i, rows[i].in, out);
  }
  char small[3];
  ta_error err;
  assert_int_equal(ta_tmx_lang_normalize("en-US", small, sizeof small, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "'en-US' is longer than 2 bytes"));
  char out[16];
  assert_int_equal(ta_tmx_lang_normalize("en US", out, sizeof out, &err),
                   TA_ELANG);
  assert_non_null(strstr(err.message, "language tag 'en US': expected"));
  assert_true(ta_tmx_lang_equal("EN_us", "en-US"));
  assert_false(ta_tmx_lang_equal("en", "en-US"));
}

static void beads_become_units(void **state) {
  fixture *f = *state;
  ta_bead b[4];
  beads4(b);
  ta_tmx_align_opts o;
  ta_tmx_align_opts_init(&o);
  o.min_score = 0.4;
  ta_tmx_align_stats s;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(
      ta_tmx_write_beads(f->path, f->en, f->fr, b, 4, &o, &s, &err), TA_OK);
  assert_int_equal(s.units, 2);
  assert_int_equal(s.unaligned, 2);
  assert_int_equal(s.below_score, 0);
  char *x = slurp(f->path, NULL);
  /* Header: srclang spelled like the source tuv, fixed date. */
  assert_non_null(strstr(x,
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
                         "<tmx version=\"1.4\">\n  <header "));
  static const char *const header_attrs[] = {
      "creationtool=\"tmxalign\"",
      "segtype=\"sentence\"",
      "o-tmf=\"tmxalign\"",
      "adminlang=\"en\"",
      "srclang=\"en-US\"",
      "datatype=\"plaintext\"",
      "creationdate=\"20231114T221320Z\""};
  for (size_t i = 0; i < sizeof header_attrs / sizeof *header_attrs; i++)
    if (!strstr(x, header_attrs[i])) fail_msg("no %s", header_attrs[i]);
  char ver[64];
  snprintf(ver, sizeof ver, "creationtoolversion=\"%s\"", ta_version_string());
  assert_non_null(strstr(x, ver));
  /* Unit 2: the 2-1 bead, props before the source tuv, texts joined. */
  const char *tu2 = strstr(x,
                           "    <tu tuid=\"2\">\n"
                           "      <prop type=\"x-score\">0.5000</prop>\n"
                           "      <prop type=\"x-bead\">2-1</prop>\n"
                           "      <prop type=\"x-document\">story.en.txt"
                           "</prop>\n"
                           "      <prop type=\"x-src-sentences\">2-3"
                           "</prop>\n"
                           "      <prop type=\"x-tgt-sentences\">2</prop>\n"
                           "      <tuv xml:lang=\"en-US\">\n"
                           "        <seg>It was &lt;warm&gt; &amp; "
                           "&quot;dry&quot;. Then it left.</seg>\n"
                           "      </tuv>\n"
                           "      <tuv xml:lang=\"fr\">\n");
  assert_non_null(tu2);
  assert_null(strstr(x, "tuid=\"3\"")); /* 0-1 left out */
  assert_non_null(strstr(x, "  </body>\n</tmx>\n"));
  free(x);
  assert_consumers_read(
      f, f->path,
      "en-us=The cat sat on the mat.\tfr=Le chat était assis sur le tapis.\n"
      "en-us=It was <warm> & \"dry\". Then it left.\t"
      "fr=Il faisait « chaud » & <sec>.\n");
}

static void min_score_and_keep_unaligned(void **state) {
  fixture *f = *state;
  ta_bead b[4];
  beads4(b);
  ta_tmx_align_opts o;
  ta_tmx_align_opts_init(&o);
  o.keep_unaligned = true;
  o.min_score = 0.25;
  ta_tmx_align_stats s;
  assert_int_equal(
      ta_tmx_write_beads(f->path, f->en, f->fr, b, 4, &o, &s, NULL), TA_OK);
  assert_int_equal(s.units, 3);
  assert_int_equal(s.unaligned, 0);
  assert_int_equal(s.below_score, 1); /* the 1-0 bead at 0.2 */
  char *x = slurp(f->path, NULL);
  /* The 0-1 bead: one tuv (the DTD asks for tuv+), no x-src-sentences. */
  const char *tu3 = strstr(x, "<tu tuid=\"3\">");
  assert_non_null(tu3);
  assert_non_null(strstr(tu3, "<prop type=\"x-bead\">0-1</prop>"));
  assert_null(strstr(tu3, "x-src-sentences"));
  assert_null(strstr(tu3, "xml:lang=\"en-US\""));
  free(x);
  assert_consumers_read(
      f, f->path,
      "en-us=The cat sat on the mat.\tfr=Le chat était assis sur le tapis.\n"
      "en-us=It was <warm> & \"dry\". Then it left.\t"
      "fr=Il faisait « chaud » & <sec>.\n"
      "fr=Un ajout sans source.\n");
}

static void same_input_same_bytes(void **state) {
  fixture *f = *state;
  ta_bead b[4];
  beads4(b);
  char second[700];
  snprintf(second, sizeof second, "%s/again.tmx", f->dir);
  assert_int_equal(
      ta_tmx_write_beads(f->path, f->en, f->fr, b, 4, NULL, NULL, NULL), TA_OK);
  assert_int_equal(
      ta_tmx_write_beads(second, f->en, f->fr, b, 4, NULL, NULL, NULL), TA_OK);
  size_t n1, n2;
  char *a = slurp(f->path, &n1), *c = slurp(second, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, c, n1);
  free(a);
  free(c);
  setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
  ta_error err;
  assert_int_equal(
      ta_tmx_write_beads(second, f->en, f->fr, b, 4, NULL, NULL, &err),
      TA_EINVAL);
  assert_non_null(strstr(err.message, "SOURCE_DATE_EPOCH"));
}

/* write -> read -> write gives the same bytes. */
static void round_trip_is_identical(void **state) {
  fixture *f = *state;
  ta_bead b[4];
  beads4(b);
  ta_tmx_align_opts o;
  ta_tmx_align_opts_init(&o);
  o.keep_unaligned = true;
  assert_int_equal(
      ta_tmx_write_beads(f->path, f->en, f->fr, b, 4, &o, NULL, NULL), TA_OK);
  char copy[700];
  snprintf(copy, sizeof copy, "%s/copy.tmx", f->dir);
  ta_tmx_reader *r = NULL;
  ta_error err;
  assert_int_equal(ta_tmx_reader_open(f->path, NULL, &r, &err), TA_OK);
  ta_tmx_writer *w = NULL;
  assert_int_equal(
      ta_tmx_writer_open(copy, ta_tmx_reader_header(r), NULL, &w, &err), TA_OK);
  const ta_tmx_unit *u;
  while (ta_tmx_reader_next(r, &u, &err) == TA_OK && u)
    assert_int_equal(ta_tmx_writer_add(w, u, &err), TA_OK);
  assert_int_equal(ta_tmx_writer_count(w), 4);
  assert_int_equal(ta_tmx_writer_close(w, &err), TA_OK);
  ta_tmx_writer_free(w);
  ta_tmx_reader_free(r);
  size_t n1, n2;
  char *a = slurp(f->path, &n1), *c = slurp(copy, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, c, n1);
  free(a);
  free(c);
}

static char warned[512];
static int nwarn;
static void on_warn(void *user, const char *msg) {
  (void)user;
  snprintf(warned, sizeof warned, "%s", msg);
  nwarn++;
}

static ta_status write_units(const char *path, const char *srclang,
                             const ta_tmx_unit *u, size_t n, ta_error *err) {
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = srclang;
  ta_tmx_write_opts o;
  ta_tmx_write_opts_init(&o);
  o.note.fn = on_warn;
  ta_tmx_writer *w = NULL;
  ta_status st = ta_tmx_writer_open(path, &h, &o, &w, err);
  for (size_t i = 0; st == TA_OK && i < n; i++)
    st = ta_tmx_writer_add(w, &u[i], err);
  if (st == TA_OK) st = ta_tmx_writer_close(w, err);
  ta_tmx_writer_free(w);
  return st;
}

static void forbidden_characters_removed(void **state) {
  fixture *f = *state;
  /* C0 control, U+FFFE, an encoded surrogate, an overlong '/', a stray
   * byte; TAB and a 4-byte character stay. */
  const char *dirty =
      "a\x01"
      "b\xEF\xBF\xBE"
      "c\xED\xA0\x80"
      "d\xC0\xAF"
      "e\xFF"
      "f\tg\xF0\x9F\x98\x80";
  ta_tmx_variant v[2] = {{"en", dirty}, {"fr", "propre"}};
  ta_tmx_prop p = {"x-\x02odd", "v"};
  ta_tmx_unit u = {"u1\x1b", NULL, v, 2, &p, 1};
  nwarn = 0;
  assert_int_equal(write_units(f->path, "en", &u, 1, NULL), TA_OK);
  assert_int_equal(nwarn, 1);
  assert_string_equal(
      warned, "tu u1? (en): removed 5 characters not allowed in XML 1.0");
  char *x = slurp(f->path, NULL);
  assert_non_null(strstr(x, "<tu tuid=\"u1\">"));
  assert_non_null(strstr(x, "<prop type=\"x-odd\">v</prop>"));
  free(x);
  assert_consumers_read(f, f->path,
                        "en=abcdef\\tg\xF0\x9F\x98\x80\tfr=propre\n");
}

static void source_first_in_multilingual_units(void **state) {
  fixture *f = *state;
  ta_tmx_variant v[3] = {
      {"de", "Die Katze."}, {"en", "The cat."}, {"fr_fr", "Le chat."}};
  ta_tmx_prop p[1] = {{"x-score", "0.8000"}};
  ta_tmx_unit u[2] = {{"1", NULL, v, 3, p, 1}, {"2", NULL, v + 1, 2, NULL, 0}};
  assert_int_equal(write_units(f->path, "en", u, 2, NULL), TA_OK);
  char *x = slurp(f->path, NULL);
  const char *en = strstr(x, "<tuv xml:lang=\"en\">");
  const char *de = strstr(x, "<tuv xml:lang=\"de\">");
  const char *fr = strstr(x, "<tuv xml:lang=\"fr-FR\">");
  assert_true(en && de && fr && en < de && de < fr);
  free(x);
  assert_consumers_read(f, f->path,
                        "de=Die Katze.\ten=The cat.\tfr-fr=Le chat.\n"
                        "en=The cat.\tfr-fr=Le chat.\n");
}

static void empty_body_is_not_self_closing(void **state) {
  fixture *f = *state;
  assert_int_equal(write_units(f->path, "en", NULL, 0, NULL), TA_OK);
  char *x = slurp(f->path, NULL);
  assert_non_null(strstr(x, "  <body>\n  </body>\n</tmx>\n"));
  assert_null(strstr(x, "<body/>"));
  free(x);
  assert_consumers_read(f, f->path, "");
}

static void disk_full_is_an_error(void **state) {
  (void)state;
  if (access("/dev/full", W_OK) != 0) fail_msg("/dev/full is needed");
  ta_tmx_variant v[2] = {{"en", "x"}, {"fr", "y"}};
  ta_tmx_unit u = {NULL, NULL, v, 2, NULL, 0};
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(write_units("/dev/full", "en", &u, 1, &err), TA_EIO);
  assert_non_null(strstr(err.message, "/dev/full"));
}

/* A write that fails in the middle of the file (past stdio's buffer) names
 * the output, as the one at close does. */
static void disk_full_mid_file_names_the_output(void **state) {
  (void)state;
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = "en";
  ta_tmx_writer *w = NULL;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_tmx_writer_open("/dev/full", &h, NULL, &w, &err), TA_OK);
  ta_tmx_variant v[2] = {{"en", "Some English text of a fair length."},
                         {"fr", "Un texte français d'une bonne longueur."}};
  ta_tmx_unit u = {NULL, NULL, v, 2, NULL, 0};
  ta_status st = TA_OK;
  for (int i = 0; i < 100000 && st == TA_OK; i++)
    st = ta_tmx_writer_add(w, &u, &err);
  if (st == TA_OK) st = ta_tmx_writer_close(w, &err);
  assert_int_equal(st, TA_EIO);
  if (!strstr(err.message, "/dev/full: write error"))
    fail_msg("%s", err.message);
  ta_tmx_writer_free(w);
}

/* min_score must be a number from 0 to 1: NaN would keep every bead. */
static void min_score_out_of_range_is_refused(void **state) {
  fixture *f = *state;
  ta_bead b[4];
  beads4(b);
  static const double bad[] = {-0.5, 1.5, 0.0 / 0.0, 1.0 / 0.0, -1.0 / 0.0};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ta_tmx_align_opts o;
    ta_tmx_align_opts_init(&o);
    o.min_score = bad[i];
    ta_error err;
    ta_error_clear(&err);
    assert_int_equal(
        ta_tmx_write_beads(f->path, f->en, f->fr, b, 4, &o, NULL, &err),
        TA_EINVAL);
    assert_non_null(strstr(err.message, "min_score"));
    assert_int_equal(access(f->path, F_OK), -1); /* nothing written */
    const ta_doc *tg[1] = {f->fr};
    const ta_bead *bs[1] = {b};
    size_t n[1] = {4};
    assert_int_equal(
        ta_tmx_write_multi_beads(f->path, f->en, tg, bs, n, 1, &o, NULL, &err),
        TA_EINVAL);
    ta_tmx_header h;
    ta_tmx_header_init(&h);
    h.srclang = "en";
    ta_tmx_writer *w = NULL;
    assert_int_equal(ta_tmx_writer_open(f->path, &h, NULL, &w, &err), TA_OK);
    assert_int_equal(
        ta_tmx_writer_add_beads(w, f->en, f->fr, b, 4, &o, NULL, &err),
        TA_EINVAL);
    assert_non_null(strstr(err.message, "min_score"));
    ta_tmx_writer_free(w);
  }
}

static size_t files_in(const char *dir) {
  DIR *d = opendir(dir);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.') n++;
  closedir(d);
  return n;
}

static void failed_write_keeps_previous_file(void **state) {
  fixture *f = *state;
  ta_tmx_variant good[2] = {{"en", "old"}, {"fr", "vieux"}};
  ta_tmx_unit u = {NULL, NULL, good, 2, NULL, 0};
  assert_int_equal(write_units(f->path, "en", &u, 1, NULL), TA_OK);
  size_t n1, n2;
  char *before = slurp(f->path, &n1);
  /* Second unit has a bad language: the writer fails half-way. */
  ta_tmx_variant bad[2] = {{"en", "new"}, {"f r", "neuf"}};
  ta_tmx_unit two[2] = {{NULL, NULL, good, 2, NULL, 0},
                        {NULL, NULL, bad, 2, NULL, 0}};
  ta_error err;
  assert_int_equal(write_units(f->path, "en", two, 2, &err), TA_ELANG);
  assert_non_null(strstr(err.message, "'f r'"));
  char *after = slurp(f->path, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(before, after, n1);
  assert_int_equal(files_in(f->dir), 1); /* no temporary file left */
  /* A bead outside the documents fails before anything is written. */
  ta_bead b = bead(3, 2, 0, 1, 1.0);
  assert_int_equal(
      ta_tmx_write_beads(f->path, f->en, f->fr, &b, 1, NULL, NULL, &err),
      TA_EINVAL);
  free(after);
  after = slurp(f->path, &n2);
  assert_memory_equal(before, after, n1);
  free(before);
  free(after);
  ta_tmx_writer_free(NULL);
}

static void writer_rejects_bad_arguments(void **state) {
  fixture *f = *state;
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  ta_tmx_writer *w = NULL;
  ta_error err;
  assert_int_equal(ta_tmx_writer_open(f->path, &h, NULL, &w, &err),
                   TA_EINVAL); /* no srclang */
  h.srclang = "en";
  h.creationdate = "2024-01-01";
  assert_int_equal(ta_tmx_writer_open(f->path, &h, NULL, &w, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "YYYYMMDDThhmmssZ"));
  h.creationdate = "20240101T000000Z";
  h.segtype = "TODO"; /* as Okapi once wrote */
  assert_int_equal(ta_tmx_writer_open(f->path, &h, NULL, &w, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "segtype TODO"));
  h.segtype = "paragraph";
  assert_int_equal(ta_tmx_writer_open(f->path, &h, NULL, &w, &err), TA_OK);
  ta_tmx_unit empty = {NULL, NULL, NULL, 0, NULL, 0};
  assert_int_equal(ta_tmx_writer_add(w, &empty, &err), TA_EINVAL);
  ta_tmx_writer_free(w); /* not closed: nothing is left behind */
  assert_int_equal(files_in(f->dir), 0);
}

/* The aligner's output through ta_tmx_write_alignment: one unit per bead
 * with both sides, texts joined as the beads say, read back the same by
 * the two consumers. */
static void alignment_becomes_units(void **state) {
  fixture *f = *state;
  static const char *const en[] = {
      "On 3 May 1921 the ship left Brest with 42 passengers.",
      "The sea was calm.",
      "Nobody expected the storm.",
      "It struck on the second night, near the Azores.",
      "Captain Moreau ordered the sails down.",
      "By dawn, 12 men were missing."};
  static const char *const fr[] = {
      "Le 3 mai 1921, le navire quitta Brest avec 42 passagers.",
      "La mer était calme et personne ne s'attendait à la tempête.",
      "Elle frappa la deuxième nuit, près des Açores.",
      "Le capitaine Moreau fit amener les voiles.",
      "À l'aube, 12 hommes manquaient."};
  ta_doc *s = doc("voyage.en.txt", "en", en, 6);
  ta_doc *t = doc("voyage.fr.txt", "fr", fr, 5);
  ta_alignment *a = NULL;
  assert_int_equal(ta_align(s, t, NULL, &a, NULL), TA_OK);
  ta_tmx_align_stats st;
  assert_int_equal(ta_tmx_write_alignment(f->path, s, t, a, NULL, &st, NULL),
                   TA_OK);
  /* Expected dump from the beads themselves. */
  char expected[4096] = "", line[1024];
  size_t both = 0;
  for (size_t i = 0; i < ta_alignment_count(a); i++) {
    const ta_bead *b = ta_alignment_bead(a, i);
    if (!b->src_len || !b->tgt_len) continue;
    both++;
    char sj[512] = "", tj[512] = "";
    for (size_t k = 0; k < b->src_len; k++)
      snprintf(sj + strlen(sj), sizeof sj - strlen(sj), "%s%s", k ? " " : "",
               ta_doc_sentence(s, b->src_begin + k)->text);
    for (size_t k = 0; k < b->tgt_len; k++)
      snprintf(tj + strlen(tj), sizeof tj - strlen(tj), "%s%s", k ? " " : "",
               ta_doc_sentence(t, b->tgt_begin + k)->text);
    snprintf(line, sizeof line, "en=%s\tfr=%s\n", sj, tj);
    strncat(expected, line, sizeof expected - strlen(expected) - 1);
  }
  assert_true(both >= 4);
  assert_int_equal(st.units, both);
  assert_int_equal(st.units + st.unaligned, ta_alignment_count(a));
  assert_consumers_read(f, f->path, expected);

  /* The same source with a German translation too: one file, three
   * languages, every source sentence once and in order. */
  static const char *const de[] = {
      "Am 3. Mai 1921 verließ das Schiff Brest mit 42 Passagieren.",
      "Die See war ruhig.",
      "Niemand erwartete den Sturm.",
      "Er traf in der zweiten Nacht bei den Azoren ein.",
      "Kapitän Moreau ließ die Segel einholen.",
      "Bei Tagesanbruch fehlten 12 Männer."};
  ta_doc *g = doc("voyage.de.txt", "de", de, 6);
  ta_alignment *ag = NULL;
  assert_int_equal(ta_align(s, g, NULL, &ag, NULL), TA_OK);
  const ta_doc *tg[2] = {t, g};
  const ta_alignment *al[2] = {a, ag};
  assert_int_equal(ta_tmx_write_multi(f->path, s, tg, al, 2, NULL, &st, NULL),
                   TA_OK);
  assert_true(st.units >= 4);
  assert_int_equal(validate_tmx(f->path, f->dir), 0);
  ta_tmx_reader *r = NULL;
  assert_int_equal(ta_tmx_reader_open(f->path, NULL, &r, NULL), TA_OK);
  const ta_tmx_unit *u;
  char all[2048] = "";
  while (ta_tmx_reader_next(r, &u, NULL) == TA_OK && u) {
    assert_int_equal(u->nvariants, 3);
    assert_string_equal(u->variants[0].lang, "en");
    snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s",
             all[0] ? " " : "", u->variants[0].text);
  }
  ta_tmx_reader_free(r);
  char want[2048] = "";
  for (size_t i = 0; i < 6; i++)
    snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
             i ? " " : "", en[i]);
  assert_string_equal(all, want);
  ta_alignment_free(ag);
  ta_doc_free(g);
  ta_alignment_free(a);
  ta_doc_free(s);
  ta_doc_free(t);
}

/* srclang "*all*": no variant is moved, every reader still agrees. */
static void all_languages_keep_order(void **state) {
  fixture *f = *state;
  ta_tmx_variant v[2] = {{"fr", "Bonjour."}, {"en", "Hello."}};
  ta_tmx_unit u = {"1", NULL, v, 2, NULL, 0};
  assert_int_equal(write_units(f->path, "*all*", &u, 1, NULL), TA_OK);
  char *x = slurp(f->path, NULL);
  assert_non_null(strstr(x, "srclang=\"*all*\""));
  assert_true(strstr(x, "xml:lang=\"fr\"") < strstr(x, "xml:lang=\"en\""));
  free(x);
  assert_consumers_read(f, f->path, "en=Hello.\tfr=Bonjour.\n");
}

/* One source, two targets grouped differently: units follow the cuts
 * both alignments share. */
static void several_targets_share_units(void **state) {
  fixture *f = *state;
  static const char *const en[] = {"One.", "Two.", "Three.", "Four."};
  static const char *const de[] = {"Eins und zwei.", "Drei.", "Vier."};
  static const char *const fr[] = {"Un.", "Deux.", "Trois,", "et demi.",
                                   "Ajout."};
  ta_doc *s = doc("n.en", "en", en, 4), *d = doc("n.de", "de", de, 3),
         *r = doc("n.fr", "fr", fr, 5);
  ta_bead bd[3] = {bead(0, 2, 0, 1, 0.9), bead(2, 1, 1, 1, 0.8),
                   bead(3, 1, 2, 1, 0.7)};
  ta_bead bf[5] = {bead(0, 1, 0, 1, 0.95), bead(1, 1, 1, 1, 0.6),
                   bead(2, 1, 2, 2, 0.85), bead(3, 1, 4, 0, 0.1),
                   bead(4, 0, 4, 1, 0.2)};
  const ta_doc *tg[2] = {d, r};
  const ta_bead *bs[2] = {bd, bf};
  size_t n[2] = {3, 5};
  ta_tmx_align_stats st;
  ta_error err;
  assert_int_equal(
      ta_tmx_write_multi_beads(f->path, s, tg, bs, n, 2, NULL, &st, &err),
      TA_OK);
  assert_int_equal(st.units, 3);
  assert_int_equal(st.unaligned, 1); /* the 0-1 "Ajout." */
  char *x = slurp(f->path, NULL);
  assert_non_null(strstr(x,
                         "<prop type=\"x-score\">0.6000</prop>\n"
                         "      <prop type=\"x-bead\">2-1-2</prop>"));
  assert_non_null(strstr(x, ">de:1 fr:1-2</prop>"));
  assert_non_null(strstr(x, "<prop type=\"x-bead\">1-1-0</prop>"));
  free(x);
  assert_consumers_read(f, f->path,
                        "de=Eins und zwei.\ten=One. Two.\tfr=Un. Deux.\n"
                        "de=Drei.\ten=Three.\tfr=Trois, et demi.\n"
                        "de=Vier.\ten=Four.\n");
  /* Out of order beads are refused. */
  ta_bead bad[2] = {bead(2, 1, 0, 1, 1), bead(0, 1, 1, 1, 1)};
  const ta_bead *bb[2] = {bd, bad};
  size_t nb[2] = {3, 2};
  assert_int_equal(
      ta_tmx_write_multi_beads(f->path, s, tg, bb, nb, 2, NULL, NULL, &err),
      TA_EINVAL);
  assert_non_null(strstr(err.message, "out of source order"));
  ta_doc_free(s);
  ta_doc_free(d);
  ta_doc_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lang_tags_are_normalised),
      cmocka_unit_test_setup_teardown(beads_become_units, setup, teardown),
      cmocka_unit_test_setup_teardown(min_score_and_keep_unaligned, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(same_input_same_bytes, setup, teardown),
      cmocka_unit_test_setup_teardown(round_trip_is_identical, setup, teardown),
      cmocka_unit_test_setup_teardown(forbidden_characters_removed, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(source_first_in_multilingual_units, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(empty_body_is_not_self_closing, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(disk_full_is_an_error, setup, teardown),
      cmocka_unit_test(disk_full_mid_file_names_the_output),
      cmocka_unit_test_setup_teardown(min_score_out_of_range_is_refused, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(failed_write_keeps_previous_file, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(writer_rejects_bad_arguments, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(alignment_becomes_units, setup, teardown),
      cmocka_unit_test_setup_teardown(all_languages_keep_order, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(several_targets_share_units, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
