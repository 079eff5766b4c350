/* TMX reader on files written by other tools (OmegaT, Okapi, the LISA
 * compliance kit: UTF-16, BOM, us-ascii, TMX 1.1, inline codes) and on
 * broken or hostile files (truncated, wrong encoding, entity bomb,
 * external entities). */
/* The feature macro first, cmocka after its dependencies. */
// clang-format off
#include "tmx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
// clang-format on

#include "base/base.h"
#include "tmxalign/tmx.h"

/* Read every unit of path; *units counts them, and the texts of all units
 * are concatenated into all (for "does X appear anywhere" checks). */
static ta_status read_all(const char *path, const ta_tmx_read_opts *o,
                          size_t *units, char *all, size_t allsize,
                          ta_error *err) {
  ta_tmx_reader *r = NULL;
  *units = 0;
  if (all) all[0] = '\0';
  ta_status st = ta_tmx_reader_open(path, o, &r, err);
  const ta_tmx_unit *u = NULL;
  while (st == TA_OK && (st = ta_tmx_reader_next(r, &u, err)) == TA_OK && u) {
    (*units)++;
    for (size_t i = 0; all && i < u->nvariants; i++) {
      strncat(all, u->variants[i].text, allsize - strlen(all) - 1);
      strncat(all, "\n", allsize - strlen(all) - 1);
    }
  }
  ta_tmx_reader_free(r);
  return st;
}

/* Unit counts agree with `xmllint --xpath 'count(//tu)'` on each file. */
static const struct sample {
  const char *file;
  size_t units;
  const char *srclang;
  const char *lang; /* a variant of the first unit ... */
  const char *text; /* ... and its text */
} samples[] = {
    {"omegat-lisakit-ImportTest1G.tmx", 3, "en-us", "EN-GB",
     "\xC3\xA0=agrave, \xC3\xA9=eacute, \xC3\xA6=aelig"},
    {"omegat-lisakit-ImportTest1H.tmx", 3, "en-us", "en-gb",
     "\xC3\xA0=agrave, \xC3\xA9=eacute, \xC3\xA6=aelig"},
    {"omegat-lisakit-ImportTest2A.tmx", 7, "en-us", "fr-CA",
     "Le gros <u>chat</u> <b>noir</b> dors."},
    {"omegat-lisakit-ImportTest2C.tmx", 1, "en-us", "en-gb",
     "<I><B>Click <IMG SRC=\"here.png\" ALT=\"Start Here!\"> to start.</B>"},
    {"omegat-project_CN_JP-project_save.tmx", 1, "zh-CN", "ja-jp",
     "\xE5\xA4\xAA\xE5\xB9\xB3\xE5\xAF\xBA\xE3\x81\xAE\xE4\xB8\xAD\xE5\xBF"
     "\x83\xE7\x9A\x84\xE3\x81\xAA\xE3\x83\x9A\xE3\x83\xB3\xE5\xA1\x94"},
    {"omegat-test-save-tmx14.tmx", 4, "en-US", "be-BY", "target"},
    {"okapi-potest.po.normal.tmx", 12, "en", "fr",
     "Texte avec une traducion approuv\xC3\xA9"
     "e %s"},
    {"okapi-pensieveTM.pentm.tmx", 9, "en-us", "FR-FR",
     "Test charact\xC3\xA8res: &=amp, <=lt, '=apos, \"=quot"},
    {"good.tmx", 3, "en-US", "fr-fr",
     "Le chat \xC3\xA9tait assis sur le tapis."},
    {"edge-one-line.tmx", 3, "en-US", "fr-FR",
     "Le chat \xC3\xA9tait assis sur le tapis."},
    {"edge-empty-body-selfclosing.tmx", 0, "en-US", NULL, NULL},
};

static void reads_files_from_other_tools(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    const struct sample *s = &samples[i];
    ta_tmx_reader *r = NULL;
    ta_error err;
    ta_status st = ta_tmx_reader_open(data_file(s->file), NULL, &r, &err);
    if (st != TA_OK) fail_msg("%s: %s", s->file, err.message);
    const char *src = ta_tmx_reader_header(r)->srclang;
    if (!src || strcmp(src, s->srclang))
      fail_msg("%s: srclang %s", s->file, src ? src : "(none)");
    size_t n = 0;
    const ta_tmx_unit *u = NULL;
    while ((st = ta_tmx_reader_next(r, &u, &err)) == TA_OK && u) {
      if (n++ || !s->lang) continue;
      const ta_tmx_variant *v = ta_tmx_unit_find(u, s->lang);
      if (!v) fail_msg("%s: no variant %s in unit 1", s->file, s->lang);
      if (strcmp(v->text, s->text))
        fail_msg("%s: unit 1 %s: '%s'", s->file, s->lang, v->text);
    }
    if (st != TA_OK) fail_msg("%s: %s", s->file, err.message);
    if (n != s->units) fail_msg("%s: %zu units", s->file, n);
    ta_tmx_reader_free(r);
  }
}

/* UTF-16BE with BOM and us-ascii with character references hold the same
 * texts: the reader must give identical UTF-8. */
static void encodings_give_the_same_text(void **state) {
  (void)state;
  static char a[4096], b[4096];
  size_t na, nb;
  assert_int_equal(read_all(data_file("omegat-lisakit-ImportTest1G.tmx"), NULL,
                            &na, a, sizeof a, NULL),
                   TA_OK);
  assert_int_equal(read_all(data_file("omegat-lisakit-ImportTest1H.tmx"), NULL,
                            &nb, b, sizeof b, NULL),
                   TA_OK);
  assert_int_equal(na, nb);
  assert_string_equal(a, b);
  assert_non_null(strstr(a, "\xE2\x84\xA2=U+2122")); /* ™ */
}

static const ta_tmx_unit *nth_unit(ta_tmx_reader *r, size_t n) {
  const ta_tmx_unit *u = NULL;
  for (size_t i = 0; i < n; i++)
    assert_int_equal(ta_tmx_reader_next(r, &u, NULL), TA_OK);
  assert_non_null(u);
  return u;
}

static void inline_codes_three_ways(void **state) {
  (void)state;
  static const struct {
    ta_tmx_inline mode;
    const char *en1, *en2c;
  } rows[] = {
      {TA_TMX_INLINE_NATIVE, "The big <b>black</b> <u>cat</u> sleeps.",
       "<I><B>Click <IMG SRC=\"here.png\" ALT=\"Start Here!\"> to start.</B>"},
      {TA_TMX_INLINE_STRIP, "The big black cat sleeps.", "Click  to start."},
      {TA_TMX_INLINE_MARKUP,
       "The big <bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>black"
       "<ept i=\"1\">&lt;/b&gt;</ept> <bpt i=\"2\" x=\"2\" "
       "type=\"ulined\">&lt;u&gt;</bpt>cat<ept i=\"2\">&lt;/u&gt;</ept> "
       "sleeps.",
       NULL},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    ta_tmx_read_opts o;
    ta_tmx_read_opts_init(&o);
    o.inline_codes = rows[i].mode;
    ta_tmx_reader *r = NULL;
    assert_int_equal(
        ta_tmx_reader_open(data_file("omegat-lisakit-ImportTest2A.tmx"), &o, &r,
                           NULL),
        TA_OK);
    const ta_tmx_variant *v = ta_tmx_unit_find(nth_unit(r, 1), "en-US");
    if (strcmp(v->text, rows[i].en1)) fail_msg("mode %zu: '%s'", i, v->text);
    ta_tmx_reader_free(r);
    if (!rows[i].en2c) continue;
    assert_int_equal(
        ta_tmx_reader_open(data_file("omegat-lisakit-ImportTest2C.tmx"), &o, &r,
                           NULL),
        TA_OK);
    const ta_tmx_unit *u = nth_unit(r, 1);
    v = ta_tmx_unit_find(u, "EN-US");
    if (strcmp(v->text, rows[i].en2c))
      fail_msg("mode %zu, 2C: '%s'", i, v->text);
    assert_string_equal(ta_tmx_unit_prop(u, "myPropeType"), "Data");
    assert_null(ta_tmx_unit_prop(u, "x-score"));
    ta_tmx_reader_free(r);
  }
}

/* Mixed-case languages; a unit whose first tuv is not the source. */
static void languages_match_case_insensitively(void **state) {
  (void)state;
  ta_tmx_reader *r = NULL;
  assert_int_equal(
      ta_tmx_reader_open(data_file("omegat-lisakit-ImportTest2A.tmx"), NULL, &r,
                         NULL),
      TA_OK);
  const ta_tmx_unit *u = nth_unit(r, 6);
  assert_string_equal(u->variants[0].lang, "En-uS");
  assert_ptr_equal(ta_tmx_unit_find(u, "en_US"), &u->variants[0]);
  u = nth_unit(r, 1);
  assert_string_equal(u->variants[0].lang, "FR-CA");
  assert_string_equal(ta_tmx_unit_find(u, "en-us")->text,
                      "Some text with a part highlighted.");
  ta_tmx_reader_free(r);
}

static void header_attributes(void **state) {
  (void)state;
  ta_tmx_reader *r = NULL;
  assert_int_equal(
      ta_tmx_reader_open(data_file("omegat-lisakit-ImportTest2C.tmx"), NULL, &r,
                         NULL),
      TA_OK);
  const ta_tmx_header *h = ta_tmx_reader_header(r);
  assert_string_equal(h->datatype, "html");
  assert_string_equal(h->segtype, "block");
  assert_string_equal(h->creationtool, "myTool");
  assert_string_equal(h->creationtoolversion, "v10");
  assert_string_equal(h->o_tmf, "Text");
  assert_string_equal(h->adminlang, "en-us");
  assert_string_equal(h->o_encoding, "iso-8859-1");
  assert_string_equal(h->creationdate, "20020523T091200Z");
  ta_tmx_reader_free(r);
}

static const char *passwd_line(void) {
  static char line[256];
  FILE *fp = fopen("/etc/passwd", "r");
  if (!fp || !fgets(line, sizeof line, fp)) fail_msg("no /etc/passwd");
  fclose(fp);
  line[strcspn(line, "\n")] = '\0';
  return line;
}

static const struct broken {
  const char *file;
  ta_status st;
  const char *message; /* must appear in the error */
} broken[] = {
    {"truncated.tmx", TA_EPARSE, "truncated.tmx: line 17"},
    {"wrong-encoding.tmx", TA_EENCODING, "line 2, column"},
    {"bad-conversion.tmx", TA_EENCODING, "input conversion failed"},
    {"bad-xmlchar.tmx", TA_EPARSE, "line 12, column"},
    {"billion-laughs.tmx", TA_EPARSE, "entity"},
    {"xxe-passwd.tmx", TA_EPARSE, "entity references"},
    {"not-tmx.xml", TA_EPARSE, "root element is not <tmx>"},
    {"no-such-file.tmx", TA_ENOENT, "no-such-file.tmx"},
};

static void broken_files_give_located_errors(void **state) {
  (void)state;
  const char *secret = passwd_line();
  for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
    static char all[1 << 16];
    size_t n;
    ta_error err;
    ta_error_clear(&err);
    ta_status st =
        read_all(data_file(broken[i].file), NULL, &n, all, sizeof all, &err);
    if (st != broken[i].st)
      fail_msg("%s: %s (%s)", broken[i].file, ta_status_name(st), err.message);
    if (!strstr(err.message, broken[i].message))
      fail_msg("%s: message '%s'", broken[i].file, err.message);
    if (strchr(err.message, '\n'))
      fail_msg("%s: message has a newline", broken[i].file);
    if (strstr(all, secret) || strstr(err.message, secret))
      fail_msg("%s: /etc/passwd leaked", broken[i].file);
  }
}

/* An external parameter entity is not fetched: the file reads as if the
 * DTD were not there, and nothing of /etc/passwd shows up. */
static void external_parameter_entity_not_loaded(void **state) {
  (void)state;
  static char all[4096];
  size_t n;
  ta_error err;
  ta_status st =
      read_all(data_file("xxe-parameter.tmx"), NULL, &n, all, sizeof all, &err);
  assert_int_equal(st, TA_OK);
  assert_int_equal(n, 1);
  assert_string_equal(all, "parameter entity\nx\n");
}

/* External entity to a file made here with a unique content. */
static void external_entity_to_local_file_not_read(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char secret[600], tmx[600], text[2048];
  snprintf(secret, sizeof secret, "%s/secret.txt", dir);
  snprintf(tmx, sizeof tmx, "%s/xxe.tmx", dir);
  spit(secret, "TOP-SECRET-4f1c");
  snprintf(text, sizeof text,
           "<?xml version=\"1.0\"?>\n"
           "<!DOCTYPE tmx [<!ENTITY s SYSTEM \"file://%s\">]>\n"
           "<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body>\n"
           "<tu><tuv xml:lang=\"en\"><seg>&s;</seg></tuv></tu>\n"
           "</body></tmx>\n",
           secret);
  spit(tmx, text);
  static char all[4096];
  size_t n;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = read_all(tmx, NULL, &n, all, sizeof all, &err);
  assert_int_not_equal(st, TA_OK);
  assert_null(strstr(all, "TOP-SECRET"));
  assert_null(strstr(err.message, "TOP-SECRET"));
  rm_tree(dir);
  free(dir);
}

static void limits_are_enforced(void **state) {
  (void)state;
  ta_tmx_read_opts o;
  ta_tmx_read_opts_init(&o);
  o.max_seg_bytes = 10;
  size_t n;
  ta_error err;
  assert_int_equal(read_all(data_file("good.tmx"), &o, &n, NULL, 0, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "good.tmx: line 12"));
  ta_tmx_read_opts_init(&o);
  o.max_variants = 1;
  assert_int_equal(read_all(data_file("good.tmx"), &o, &n, NULL, 0, &err),
                   TA_ETOOBIG);
  ta_tmx_reader_free(NULL);
}

/* Past line 65535 libxml2 nodes lose their line: the message must still
 * point near the real one. */
static void line_numbers_past_65535(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char path[600];
  snprintf(path, sizeof path, "%s/long.tmx", dir);
  FILE *fp = fopen(path, "w");
  fputs(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY e \"x\">]>\n"
      "<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body>\n",
      fp);
  for (int i = 0; i < 35000; i++)
    fputs("<tu>\n<tuv xml:lang=\"en\"><seg>x</seg></tuv>\n</tu>\n", fp);
  fputs("<tu><tuv xml:lang=\"en\"><seg>&e;</seg></tuv></tu>\n</body></tmx>\n",
        fp);
  fclose(fp);
  size_t n;
  ta_error err;
  assert_int_equal(read_all(path, NULL, &n, NULL, 0, &err), TA_EPARSE);
  assert_int_equal(n, 35000);
  long line = 0;
  const char *p = strstr(err.message, "line ");
  assert_non_null(p);
  line = strtol(p + 5, NULL, 10);
  if (line < 105004 || line > 105010) fail_msg("%s", err.message);
  rm_tree(dir);
  free(dir);
}

/* ---- issue #12 ---- */

static const char tmx_head[] =
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" "
    "adminlang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" o-tmf=\"x\" "
    "creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n";

/* A TMX with one unit whose English <seg> is n bytes of 'a'. */
static char *big_seg_tmx(size_t n, size_t *len) {
  static const char tail[] =
      "</seg></tuv><tuv xml:lang=\"fr\"><seg>b</seg></tuv></tu>\n</body>"
      "</tmx>\n";
  static const char open[] = "<tu><tuv xml:lang=\"en\"><seg>";
  size_t h = strlen(tmx_head), o = strlen(open), t = strlen(tail);
  char *p = malloc(h + o + n + t + 1);
  memcpy(p, tmx_head, h);
  memcpy(p + h, open, o);
  memset(p + h + o, 'a', n);
  memcpy(p + h + o + n, tail, t + 1);
  *len = h + o + n + t;
  return p;
}

static ta_status read_mem(const char *name, const void *data, size_t len,
                          size_t *units, ta_error *err) {
  ta_tmx_reader *r = NULL;
  *units = 0;
  ta_error_clear(err);
  ta_status st = ta_tmx_reader_open_mem(name, data, len, NULL, &r, err);
  const ta_tmx_unit *u = NULL;
  while (st == TA_OK && (st = ta_tmx_reader_next(r, &u, err)) == TA_OK && u)
    (*units)++;
  ta_tmx_reader_free(r);
  return st;
}

/* The documented 16 MiB <seg> reads (libxml2 alone stops at 10 MB); past
 * it the error names the limit. */
static void seg_up_to_16_mib(void **state) {
  (void)state;
  size_t len, n;
  ta_error err;
  char *p = big_seg_tmx(15 * 1000 * 1000, &len);
  ta_status st = read_mem("big.tmx", p, len, &n, &err);
  if (st != TA_OK) fail_msg("%s", err.message);
  assert_int_equal(n, 1);
  free(p);
  p = big_seg_tmx(((size_t)16 << 20) + 1, &len);
  assert_int_equal(read_mem("big.tmx", p, len, &n, &err), TA_ETOOBIG);
  assert_non_null(strstr(err.message,
                         "big.tmx: line 4: segment longer than 16777216 "
                         "bytes (max_seg_bytes)"));
  free(p);
}

/* With an internal DTD subset libxml2 keeps its limits: an entity bomb in
 * an attribute (expanded even without NOENT) still fails at once. */
static void entity_bomb_in_attribute(void **state) {
  (void)state;
  char doc[4096];
  size_t o = (size_t)snprintf(doc, sizeof doc,
                              "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n"
                              "<!ENTITY a0 \"lollollollollollollollol\">\n");
  for (int i = 1; i <= 15; i++) {
    o += (size_t)snprintf(doc + o, sizeof doc - o, "<!ENTITY a%d \"", i);
    for (int k = 0; k < 10; k++)
      o += (size_t)snprintf(doc + o, sizeof doc - o, "&a%d;", i - 1);
    o += (size_t)snprintf(doc + o, sizeof doc - o, "\">\n");
  }
  o += (size_t)snprintf(doc + o, sizeof doc - o,
                        "]>\n<tmx version=\"1.4\"><header srclang=\"en\" "
                        "adminlang=\"&a15;\"/>\n<body>\n</body></tmx>\n");
  size_t n;
  ta_error err;
  assert_int_equal(read_mem("bomb.tmx", doc, o, &n, &err), TA_EPARSE);
  assert_non_null(strstr(err.message, "entity"));
  /* A comment cannot hide the subset from the prolog check. */
  static const char hidden[] =
      "<!-- <tmx --><!DOCTYPE tmx [<!ENTITY e \"x\">]>\n<tmx version=\"1.4\">"
      "<header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>&e;</seg>"
      "</tuv></tu></body></tmx>";
  assert_int_equal(read_mem("hidden.tmx", hidden, sizeof hidden - 1, &n, &err),
                   TA_EPARSE);
  assert_non_null(strstr(err.message, "entity references"));
}

/* UTF-32 in any byte order: one clear error, nothing on stderr. */
static void utf32_is_refused_clearly(void **state) {
  (void)state;
  static const struct {
    const char *start;
    const char *order;
  } rows[] = {
      {"\xff\xfe\0\0<\0\0\0", "UTF-32LE"}, {"\0\0\xfe\xff\0\0\0<", "UTF-32BE"},
      {"<\0\0\0?\0\0\0", "UTF-32LE"},      {"\0\0\0<\0\0\0?", "UTF-32BE"},
      {"\0\0<\0\0\0?\0", "UCS-4 2143"},    {"\0<\0\0\0?\0\0", "UCS-4 3412"},
  };
  fflush(stderr);
  int saved = dup(2);
  FILE *cap = tmpfile();
  dup2(fileno(cap), 2);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    size_t n;
    ta_error err;
    ta_status st = read_mem("u32.tmx", rows[i].start, 8, &n, &err);
    if (st != TA_EENCODING || !strstr(err.message, "UTF-32 TMX") ||
        !strstr(err.message, rows[i].order) ||
        !strstr(err.message, "convert it to UTF-8 or UTF-16")) {
      dup2(saved, 2);
      fail_msg("row %zu: %s: %s", i, ta_status_name(st), err.message);
    }
  }
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  assert_int_equal(ftell(cap), 0);
  fclose(cap);
}

/* NULL pointers are TA_EINVAL, never a crash. */
static void tmx_missing_arguments(void **state) {
  (void)state;
  ta_error err;
  ta_tmx_reader *r = NULL;
  const ta_tmx_unit *u = NULL;
  assert_int_equal(ta_tmx_reader_open(NULL, NULL, &r, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "missing argument"));
  assert_int_equal(ta_tmx_reader_open("x.tmx", NULL, NULL, &err), TA_EINVAL);
  assert_int_equal(ta_tmx_reader_open_mem("m", NULL, 3, NULL, &r, &err),
                   TA_EINVAL);
  assert_int_equal(ta_tmx_reader_next(NULL, &u, &err), TA_EINVAL);
  assert_null(ta_tmx_reader_header(NULL));
  assert_null(ta_tmx_unit_find(NULL, "en"));
  assert_null(ta_tmx_unit_prop(NULL, "x-score"));
  ta_tmx_read_opts_init(NULL);
  ta_tmx_write_opts_init(NULL);
  ta_tmx_header_init(NULL);
  ta_tmx_merge_opts_init(NULL);
  ta_tmx_convert_opts_init(NULL);
  ta_tmx_align_opts_init(NULL);
  char buf[32];
  assert_int_equal(ta_tmx_lang_normalize(NULL, buf, sizeof buf, NULL),
                   TA_EINVAL);
  assert_int_equal(ta_tmx_lang_normalize("en", NULL, 0, NULL), TA_EINVAL);
  assert_false(ta_tmx_lang_equal(NULL, "en"));
  assert_int_equal(ta_tmx_convert(NULL, "-", NULL, NULL, &err), TA_EINVAL);
  assert_int_equal(ta_tmx_merge(NULL, 1, "-", NULL, NULL, &err), TA_EINVAL);
  const char *ins[] = {NULL};
  assert_int_equal(ta_tmx_merge(ins, 1, "-", NULL, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "missing argument"));
  assert_int_equal(ta_tmx_writer_open("-", NULL, NULL, NULL, &err), TA_EINVAL);
  assert_int_equal(ta_tmx_writer_add(NULL, NULL, &err), TA_EINVAL);
  assert_int_equal(ta_tmx_writer_close(NULL, &err), TA_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_files_from_other_tools),
      cmocka_unit_test(encodings_give_the_same_text),
      cmocka_unit_test(inline_codes_three_ways),
      cmocka_unit_test(languages_match_case_insensitively),
      cmocka_unit_test(header_attributes),
      cmocka_unit_test(broken_files_give_located_errors),
      cmocka_unit_test(external_parameter_entity_not_loaded),
      cmocka_unit_test(external_entity_to_local_file_not_read),
      cmocka_unit_test(limits_are_enforced),
      cmocka_unit_test(line_numbers_past_65535),
      cmocka_unit_test(seg_up_to_16_mib),
      cmocka_unit_test(entity_bomb_in_attribute),
      cmocka_unit_test(utf32_is_refused_clearly),
      cmocka_unit_test(tmx_missing_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
