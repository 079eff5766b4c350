/* Input handling: encodings, BOMs, line endings, paragraphs, presplit,
 * HTML, and every bad input (table-driven: one row per failure, with the
 * status and a piece of the message that must name file and byte). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka needs the headers above. */
#include <cmocka.h>

#include "base/base.h"
#include "text/text_int.h" /* ta__utf8_check */

static char last_warning[512];
static int warnings;
static void keep_warning(void *user, const char *msg) {
  (void)user;
  warnings++;
  snprintf(last_warning, sizeof last_warning, "%s", msg);
}

static ta_status load(const char *name, const char *data, size_t len,
                      const char *lang, ta_input_kind kind,
                      const char *encoding, ta_doc **d, ta_error *err) {
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = lang;
  o.input = kind;
  o.encoding = encoding;
  o.note.fn = keep_warning;
  warnings = 0;
  last_warning[0] = '\0';
  ta_error_clear(err);
  *d = NULL;
  return ta_doc_load_mem(name, data, len, &o, d, err);
}

/* ---- bad input ---- */

static const struct bad {
  const char *name, *lang, *data;
  size_t len;
  const char *encoding;
  ta_status st;
  const char *message; /* must occur in the error message */
} bad_rows[] = {
    {"nul.txt", "fr", "Bonjour, voici\0un NUL.", 22, NULL, TA_EPARSE,
     "nul.txt: byte 14: NUL byte; is this a binary or UTF-16 file without "
     "BOM? use --encoding"},
    {"utf16-nobom.txt", "en", "H\0i\0.\0", 6, NULL, TA_EPARSE,
     "utf16-nobom.txt: byte 1: NUL byte"},
    {"damaged.txt", "fr", "Un \xc3\xa9t\xc3\xa9 chaud \xff ici.", 20, NULL,
     TA_EENCODING, "damaged.txt: byte 15: invalid UTF-8"},
    {"truncated.txt", "fr", "Caf\xc3\xa9 et th\xc3", 12, NULL, TA_EENCODING,
     "truncated.txt: byte 11"},
    {"given-utf8.txt", "en", "Bad \xe9 byte.", 11, "UTF-8", TA_EENCODING,
     "given-utf8.txt: byte 4: invalid UTF-8"},
    {"bad-ascii.txt", "en", "Undefined \x81 byte.", 17, "US-ASCII",
     TA_EENCODING, "bad-ascii.txt: byte 10: invalid US-ASCII"},
    {"enc.txt", "en", "Hello.", 6, "no-such-charset", TA_EENCODING,
     "enc.txt: unknown encoding 'no-such-charset'"},
    {"lang.txt", "xx-bogus", "Hello.", 6, NULL, TA_ELANG,
     "unknown language tag 'xx-bogus'"},
    {"nolang.txt", NULL, "Hello.", 6, NULL, TA_EINVAL,
     "nolang.txt: no language given"},
    {"nul.html", "fr", "<p>Un\0deux.</p>", 15, NULL, TA_EPARSE,
     "nul.html: byte 5: NUL byte"},
    {"utf16-nul.txt", "en", "\xff\xfeH\0\0\0", 6, NULL, TA_EPARSE,
     "utf16-nul.txt: byte 4: NUL character"},
    /* bytes the declared charset cannot hold: the text after them would
     * be lost, so the page is refused */
    {"jis.html", "ja",
     "<html><head><meta charset=\"iso-2022-jp\"></head><body><p>\x1b$B"
     "\xff\xfe</p></body></html>",
     79, NULL, TA_EENCODING,
     "jis.html: byte 59: not valid in the page's encoding"},
};

static void bad_inputs_fail_cleanly(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad_rows / sizeof bad_rows[0]; i++) {
    const struct bad *b = &bad_rows[i];
    ta_doc *d;
    ta_error err;
    ta_status st = load(b->name, b->data, b->len, b->lang, TA_INPUT_AUTO,
                        b->encoding, &d, &err);
    if (st != b->st)
      fail_msg("%s: got %s (%s), want %s", b->name, ta_status_name(st),
               err.message, ta_status_name(b->st));
    assert_null(d);
    if (!strstr(err.message, b->message))
      fail_msg("%s: message [%s] lacks [%s]", b->name, err.message, b->message);
    assert_null(strchr(err.message, '\n'));
  }
}

static char *data_path(const char *rel) {
  const char *dir = getenv("TA_TEST_DATA");
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s/%s", dir ? dir : "tests/data", rel);
  return buf;
}

static void file_errors(void **state) {
  (void)state;
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "fr";
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(
      ta_doc_load_file(data_path("split/no-such-file.txt"), &o, &d, &err),
      TA_ENOENT);
  assert_non_null(strstr(err.message, "no-such-file.txt: no such file"));
  assert_int_equal(ta_doc_load_file(data_path("split"), &o, &d, &err),
                   TA_EISDIR);
  assert_non_null(strstr(err.message, "is a directory"));
  o.max_input_bytes = 10;
  assert_int_equal(
      ta_doc_load_file(data_path("split/fr_story.txt"), &o, &d, &err),
      TA_ETOOBIG);
  assert_non_null(strstr(err.message, "max_input_bytes"));
  assert_int_equal(
      ta_doc_load_mem("m.txt", "Un texte assez long.", 20, &o, &d, &err),
      TA_ETOOBIG);
  assert_null(d);
  /* A FIFO nobody writes to reads as empty: opening it used to wait
   * forever (a FIFO among a batch's files hung the batch). */
  char fifo[] = "/tmp/ta-fifo-XXXXXX";
  assert_non_null(mkdtemp(fifo));
  char path[64];
  snprintf(path, sizeof path, "%s/x.fr.txt", fifo);
  assert_int_equal(mkfifo(path, 0600), 0);
  o.max_input_bytes = 0;
  assert_int_equal(ta_doc_load_file(path, &o, &d, &err), TA_OK);
  assert_int_equal(ta_doc_count(d), 0);
  ta_doc_free(d);
  unlink(path);
  rmdir(fifo);
}

static void empty_input_is_empty_with_a_note(void **state) {
  (void)state;
  static const struct {
    const char *data;
    size_t len;
  } empties[] = {{"", 0}, {"\xEF\xBB\xBF", 3}, {" \r\n\t\n\n ", 7}};
  for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
    ta_doc *d;
    ta_error err;
    assert_int_equal(load("e.txt", empties[i].data, empties[i].len, "fr",
                          TA_INPUT_AUTO, NULL, &d, &err),
                     TA_OK);
    assert_int_equal(ta_doc_count(d), 0);
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, "e.txt: empty input"));
    ta_doc_free(d);
  }
}

/* ---- encodings ---- */

static void assert_texts(const ta_doc *d, const char *const *want) {
  size_t n = 0;
  while (want[n]) n++;
  assert_int_equal(ta_doc_count(d), n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(ta_doc_sentence(d, i)->text, want[i]);
}

static void bom_and_crlf(void **state) {
  (void)state;
  static const char in[] =
      "\xEF\xBB\xBFPremi\xC3\xA8re ligne.\r\nSuite "
      "ici.\r\n\r\nAutre paragraphe.\r\n";
  static const char *const want[] = {"Première ligne.", "Suite ici.",
                                     "Autre paragraphe.", NULL};
  ta_doc *d;
  ta_error err;
  assert_int_equal(
      load("crlf.txt", in, sizeof in - 1, "fr", TA_INPUT_AUTO, NULL, &d, &err),
      TA_OK);
  assert_texts(d, want);
  const ta_sentence *s = ta_doc_sentence(d, 0);
  assert_int_equal(s->offset, 3); /* after the BOM */
  assert_int_equal(s->end, 3 + strlen("Première ligne."));
  assert_int_equal(ta_doc_sentence(d, 1)->line, 2);
  assert_int_equal(ta_doc_sentence(d, 2)->line, 4);
  assert_int_equal(ta_doc_sentence(d, 2)->paragraph, 1);
  assert_int_equal(ta_doc_paragraph_count(d), 2);
  assert_string_equal(ta_doc_encoding(d), "UTF-8");
  ta_doc_free(d);
}

static void windows_1252_is_detected_with_a_warning(void **state) {
  (void)state;
  static const char in[] =
      "Le caf\xe9 \xe9tait tr\xe8s chaud. Il a bu "
      "\x93vite\x94 sans attendre.\n";
  static const char *const want[] = {"Le café était très chaud.",
                                     "Il a bu “vite” sans attendre.", NULL};
  ta_doc *d;
  ta_error err;
  assert_int_equal(
      load("w.txt", in, sizeof in - 1, "fr", TA_INPUT_AUTO, NULL, &d, &err),
      TA_OK);
  assert_texts(d, want);
  assert_non_null(strstr(last_warning,
                         "w.txt: not valid UTF-8 at byte 6; "
                         "decoded as windows-1252 (ICU "
                         "detection, confidence"));
  /* Offsets are into the original single-byte text. */
  const ta_sentence *s = ta_doc_sentence(d, 1);
  assert_int_equal(s->offset, 26);
  assert_int_equal(s->end, sizeof in - 2);
  assert_string_equal(ta_doc_encoding(d), "windows-1252");
  ta_doc_free(d);
}

static void given_encodings(void **state) {
  (void)state;
  static const struct {
    const char *name, *encoding, *data;
    size_t len;
    size_t off1, end1; /* second sentence's range in the input */
  } rows[] = {
      {"latin1", "iso-8859-1", "\xc9t\xe9. Hiver.", 11, 5, 11},
      {"utf16le bom", NULL, "\xff\xfe\xc9\0t\0\xe9\0.\0 \0H\0i\0v\0e\0r\0.\0",
       24, 12, 24},
      {"utf16be bom", NULL, "\xfe\xff\0\xc9\0t\0\xe9\0.\0 \0H\0i\0v\0e\0r\0.",
       24, 12, 24},
      {"utf16le given", "UTF-16LE", "\xc9\0t\0\xe9\0.\0 \0H\0i\0v\0e\0r\0.\0",
       22, 10, 22},
      {"utf16 given with bom", "UTF-16",
       "\xff\xfe\xc9\0t\0\xe9\0.\0 \0H\0i\0v\0e\0r\0.\0", 24, 12, 24},
  };
  static const char *const want[] = {"Été.", "Hiver.", NULL};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    ta_doc *d;
    ta_error err;
    ta_status st = load(rows[i].name, rows[i].data, rows[i].len, "fr",
                        TA_INPUT_TEXT, rows[i].encoding, &d, &err);
    if (st != TA_OK) fail_msg("%s: %s", rows[i].name, err.message);
    assert_texts(d, want);
    const ta_sentence *s = ta_doc_sentence(d, 1);
    if (s->offset != rows[i].off1 || s->end != rows[i].end1)
      fail_msg("%s: [%zu,%zu), want [%zu,%zu)", rows[i].name, s->offset, s->end,
               rows[i].off1, rows[i].end1);
    ta_doc_free(d);
  }
}

/* ---- paragraphs and presplit ---- */

static void paragraphs_and_presplit(void **state) {
  (void)state;
  static const char in[] =
      "  Un. Deux\nsuite.\n \t \r\nTrois.\n\n\n"
      "Quatre. Cinq.\n";
  ta_doc *d;
  ta_error err;
  assert_int_equal(
      load("p.txt", in, sizeof in - 1, "fr", TA_INPUT_TEXT, NULL, &d, &err),
      TA_OK);
  static const char *const want[] = {"Un.",     "Deux suite.", "Trois.",
                                     "Quatre.", "Cinq.",       NULL};
  static const size_t paras[] = {0, 0, 1, 2, 2};
  static const size_t lines[] = {1, 1, 4, 7, 7};
  assert_texts(d, want);
  for (size_t i = 0; i < 5; i++) {
    assert_int_equal(ta_doc_sentence(d, i)->paragraph, paras[i]);
    assert_int_equal(ta_doc_sentence(d, i)->line, lines[i]);
  }
  ta_doc_free(d);
  /* Presplit keeps each line whole, blank lines only cut paragraphs. */
  assert_int_equal(
      load("p.txt", in, sizeof in - 1, "fr", TA_INPUT_PRESPLIT, NULL, &d, &err),
      TA_OK);
  static const char *const seg[] = {"Un. Deux", "suite.", "Trois.",
                                    "Quatre. Cinq.", NULL};
  static const size_t seg_paras[] = {0, 0, 1, 2};
  static const size_t seg_lines[] = {1, 2, 4, 7};
  assert_texts(d, seg);
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(ta_doc_sentence(d, i)->paragraph, seg_paras[i]);
    assert_int_equal(ta_doc_sentence(d, i)->line, seg_lines[i]);
  }
  assert_int_equal(ta_doc_sentence(d, 0)->offset, 2);
  ta_doc_free(d);
}

static void presplit_line_over_limit(void **state) {
  (void)state;
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "en";
  o.input = TA_INPUT_PRESPLIT;
  o.max_sentence_bytes = 8;
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_mem("s.txt", "Short.\nThis line is long.\n", 25,
                                   &o, &d, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "s.txt: byte 7: line 2: segment"));
}

/* ---- HTML ---- */

static void html_blocks(void **state) {
  (void)state;
  static const char in[] =
      "<!DOCTYPE html>\n<html><head><title>Le titre &amp; la page</title>\n"
      "<style>p { color: red; }</style><script>var x = \"Non. Jamais.\";"
      "</script></head>\n<body><nav><a href=\"/\">Accueil</a></nav>\n"
      "<h1>Un titre</h1>\n<p>Premi&egrave;re phrase. M. Dupont\narrive. "
      "Deuxi\xc3\xa8me <b>phrase</b> ici.</p>\n"
      "<div>Texte libre. <p>Dans un p.</p> Suite libre.</div>\n"
      "<ul><li>Un \xc3\xa9l\xc3\xa9ment. Deux.</li><li>Trois</li></ul>\n"
      "<table><tr><td>Case A.</td><td>Case B.</td></tr></table>\n"
      "<noscript>Activez JS.</noscript><template>Rien.</template>\n"
      "</body></html>\n";
  static const char *const want[] = {"Le titre & la page",
                                     "Un titre",
                                     "Première phrase.",
                                     "M. Dupont arrive.",
                                     "Deuxième phrase ici.",
                                     "Texte libre.",
                                     "Dans un p.",
                                     "Suite libre.",
                                     "Un élément.",
                                     "Deux.",
                                     "Trois",
                                     "Case A.",
                                     "Case B.",
                                     NULL};
  ta_doc *d;
  ta_error err;
  assert_int_equal(
      load("page.html", in, sizeof in - 1, "fr", TA_INPUT_AUTO, NULL, &d, &err),
      TA_OK);
  assert_true(ta_doc_is_html(d));
  assert_texts(d, want);
  /* Offsets: the range of the element; here "<h1>...</h1>". */
  const ta_sentence *h1 = ta_doc_sentence(d, 1);
  assert_memory_equal(in + h1->offset, "<h1>Un titre</h1>", 17);
  assert_int_equal(h1->line, 5);
  const ta_sentence *p = ta_doc_sentence(d, 3);
  assert_memory_equal(in + p->offset, "<p>Premi", 8);
  assert_int_equal(ta_doc_sentence(d, 11)->paragraph,
                   ta_doc_sentence(d, 10)->paragraph + 1);
  ta_doc_free(d);
  /* The same bytes as text: markup stays. */
  assert_int_equal(
      load("page.txt", in, sizeof in - 1, "fr", TA_INPUT_AUTO, NULL, &d, &err),
      TA_OK);
  assert_false(ta_doc_is_html(d));
  bool markup = false;
  for (size_t i = 0; i < ta_doc_count(d); i++)
    markup = markup || strstr(ta_doc_sentence(d, i)->text, "<h1>Un titre</h1>");
  assert_true(markup);
  ta_doc_free(d);
}

static void html_garbage_does_not_crash(void **state) {
  (void)state;
  static const char *const soup[] = {
      "<p>Un.<p>Deux.<li>Trois.</td></table></html></p>",
      "<<<>>><p></p><script>",
      "</p></div>Libre. Texte.",
  };
  for (size_t i = 0; i < sizeof soup / sizeof soup[0]; i++) {
    ta_doc *d;
    ta_error err;
    assert_int_equal(load("soup.html", soup[i], strlen(soup[i]), "fr",
                          TA_INPUT_HTML, NULL, &d, &err),
                     TA_OK);
    ta_doc_free(d);
  }
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("soup.html", soup[0], strlen(soup[0]), "fr",
                        TA_INPUT_HTML, NULL, &d, &err),
                   TA_OK);
  static const char *const want[] = {"Un.", "Deux.", "Trois.", NULL};
  assert_texts(d, want);
  ta_doc_free(d);
}

/* Pages nested past libxml2's default limit of 256 (divs in divs, tables
 * in tables) keep everything after the deep part: it used to be dropped
 * in silence. */
static void html_deep_nesting_keeps_all_text(void **state) {
  (void)state;
  static const struct {
    const char *open, *inner, *close;
  } nests[] = {{"<div>", "Au fond.", "</div>"},
               {"<table><tr><td>", "Dans la case.", "</td></tr></table>"}};
  for (size_t k = 0; k < sizeof nests / sizeof nests[0]; k++) {
    size_t depth = 3000, lo = strlen(nests[k].open),
           lc = strlen(nests[k].close);
    char *page = malloc(depth * (lo + lc) + 256), *p = page;
    p += sprintf(p, "<html><body><p>Avant.</p>");
    for (size_t i = 0; i < depth; i++) p += sprintf(p, "%s", nests[k].open);
    p += sprintf(p, "%s", nests[k].inner);
    for (size_t i = 0; i < depth; i++) p += sprintf(p, "%s", nests[k].close);
    p += sprintf(p, "<p>Apr\xc3\xa8s. La fin.</p></body></html>");
    ta_doc *d;
    ta_error err;
    assert_int_equal(load("deep.html", page, (size_t)(p - page), "fr",
                          TA_INPUT_HTML, NULL, &d, &err),
                     TA_OK);
    const char *const want[] = {"Avant.", nests[k].inner, "Apr\xc3\xa8s.",
                                "La fin.", NULL};
    assert_texts(d, want);
    ta_doc_free(d);
    free(page);
  }
}

/* ---- issue #12 ---- */

/* A limit below one character is refused; above it, a cut never falls
 * inside a character (valid UTF-8 and at most the limit, whatever the
 * widths, decomposed accents included). */
static void max_sentence_cuts_at_characters(void **state) {
  (void)state;
  static const char in[] =
      "A\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"
      "\xf0\x9d\x84\x9e\xc3\xa9z\xf0\x9d\x84\x9e"
      "e\xcc\x81\xf0\x9d\x84\x9e\xe2\x82\xac";
  for (size_t lim = 1; lim <= 9; lim++) {
    ta_split_opts o;
    ta_split_opts_init(&o);
    o.lang = "fr";
    o.max_sentence_bytes = lim;
    ta_doc *d = NULL;
    ta_error err;
    ta_error_clear(&err);
    ta_status st = ta_doc_load_mem("cut.txt", in, sizeof in - 1, &o, &d, &err);
    if (lim < 4) {
      if (st != TA_EINVAL) fail_msg("limit %zu: %s", lim, ta_status_name(st));
      assert_non_null(strstr(err.message, "max_sentence_bytes"));
      assert_null(d);
      continue;
    }
    if (st != TA_OK) fail_msg("limit %zu: %s", lim, err.message);
    size_t total = 0;
    for (size_t i = 0; i < ta_doc_count(d); i++) {
      const ta_sentence *s = ta_doc_sentence(d, i);
      if (ta__utf8_check((const unsigned char *)s->text, s->len) != s->len)
        fail_msg("limit %zu: sentence %zu is not valid UTF-8", lim, i);
      if (s->len > lim)
        fail_msg("limit %zu: sentence %zu has %zu bytes", lim, i, s->len);
      total += s->len;
    }
    assert_int_equal(total, sizeof in - 1 - 1); /* e + U+0301 -> U+00E9 */
    ta_doc_free(d);
  }
}

/* Old Mac line ends (CR alone) and CRLF end lines like LF does. */
static void cr_line_ends(void **state) {
  (void)state;
  static const char *const ins[] = {
      "Un.\rDeux\rsuite.\r\rTrois.\r",
      "Un.\r\nDeux\r\nsuite.\r\n\r\nTrois.\r\n",
      "Un.\nDeux\rsuite.\r\n\rTrois.",
  };
  static const char *const want[] = {"Un.", "Deux suite.", "Trois.", NULL};
  static const size_t lines[] = {1, 2, 5}, paras[] = {0, 0, 1};
  static const char *const seg[] = {"Un.", "Deux", "suite.", "Trois.", NULL};
  static const size_t seg_lines[] = {1, 2, 3, 5}, seg_paras[] = {0, 0, 0, 1};
  for (size_t k = 0; k < 3; k++) {
    ta_doc *d;
    ta_error err;
    assert_int_equal(load("cr.txt", ins[k], strlen(ins[k]), "fr", TA_INPUT_TEXT,
                          NULL, &d, &err),
                     TA_OK);
    assert_texts(d, want);
    for (size_t i = 0; i < 3; i++) {
      assert_int_equal(ta_doc_sentence(d, i)->line, lines[i]);
      assert_int_equal(ta_doc_sentence(d, i)->paragraph, paras[i]);
    }
    ta_doc_free(d);
    assert_int_equal(load("cr.txt", ins[k], strlen(ins[k]), "fr",
                          TA_INPUT_PRESPLIT, NULL, &d, &err),
                     TA_OK);
    assert_texts(d, seg);
    for (size_t i = 0; i < 4; i++) {
      assert_int_equal(ta_doc_sentence(d, i)->line, seg_lines[i]);
      assert_int_equal(ta_doc_sentence(d, i)->paragraph, seg_paras[i]);
    }
    ta_doc_free(d);
  }
  /* The line of a presplit segment over the limit counts CRs too. */
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "en";
  o.input = TA_INPUT_PRESPLIT;
  o.max_sentence_bytes = 8;
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_mem("s.txt", "Short.\rThis line is long.\r", 25,
                                   &o, &d, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "s.txt: byte 7: line 2: segment"));
}

/* UTF-32 with a BOM, either byte order, offsets into the original. */
static void utf32_bom(void **state) {
  (void)state;
  static const struct {
    const char *name, *encoding, *data;
    size_t len;
  } rows[] = {
      {"utf32le bom", NULL,
       "\xff\xfe\0\0\xc9\0\0\0t\0\0\0.\0\0\0 "
       "\0\0\0H\0\0\0\x1e\xd1\x01\0.\0\0\0",
       32},
      {"utf32be bom", NULL,
       "\0\0\xfe\xff\0\0\0\xc9\0\0\0t\0\0\0.\0\0\0 "
       "\0\0\0H\0\x01\xd1\x1e\0\0\0.",
       32},
      {"utf32le given", "UTF-32LE",
       "\xff\xfe\0\0\xc9\0\0\0t\0\0\0.\0\0\0 "
       "\0\0\0H\0\0\0\x1e\xd1\x01\0.\0\0\0",
       32},
  };
  static const char *const want[] = {"Ét.", "H\xf0\x9d\x84\x9e.", NULL};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    ta_doc *d;
    ta_error err;
    ta_status st = load(rows[i].name, rows[i].data, rows[i].len, "fr",
                        TA_INPUT_TEXT, rows[i].encoding, &d, &err);
    if (st != TA_OK) fail_msg("%s: %s", rows[i].name, err.message);
    assert_texts(d, want);
    assert_int_equal(ta_doc_sentence(d, 0)->offset, 4);
    assert_int_equal(ta_doc_sentence(d, 1)->offset, 20);
    assert_int_equal(ta_doc_sentence(d, 1)->end, 32);
    assert_non_null(strstr(ta_doc_encoding(d), "UTF-32"));
    ta_doc_free(d);
  }
}

/* Missing pointers are TA_EINVAL, never a crash. */
static void missing_arguments(void **state) {
  (void)state;
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "fr";
  ta_doc *d = NULL;
  ta_error err;
  assert_int_equal(ta_doc_load_mem(NULL, NULL, 0, &o, &d, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "missing argument"));
  assert_int_equal(ta_doc_load_mem("a", "x.", 2, NULL, &d, &err), TA_EINVAL);
  assert_int_equal(ta_doc_load_mem("a", "x.", 2, &o, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "missing argument"));
  assert_int_equal(ta_doc_load_file(NULL, &o, &d, &err), TA_EINVAL);
  assert_int_equal(ta_doc_load_file("x", NULL, &d, &err), TA_EINVAL);
  assert_int_equal(ta_doc_load_file("x", &o, NULL, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "missing argument"));
  assert_int_equal(ta_doc_from_segments("s", "fr", NULL, NULL, 1, &d, &err),
                   TA_EINVAL);
  const char *segs[] = {"a", NULL};
  assert_int_equal(ta_doc_from_segments("s", "fr", segs, NULL, 2, &d, &err),
                   TA_EINVAL);
  assert_non_null(strstr(err.message, "missing argument"));
  assert_int_equal(ta_doc_write(NULL, TA_DOC_FORMAT_LINES, NULL, &err),
                   TA_EINVAL);
  ta_split_opts_init(NULL);
  ta_doc_load_mem(NULL, NULL, 0, &o, &d, NULL); /* err may be NULL */
}

/* Past 256 levels a large page is refused by name, not parsed without
 * the limit (stray end tags in deep soup cost the square of the length),
 * and never cut in silence. */
static void html_deep_soup_refused(void **state) {
  (void)state;
  size_t reps = 60000;
  char *page = malloc(reps * 7 + 64), *p = page;
  p += sprintf(p, "<body><p>Un.</p>");
  for (size_t i = 0; i < reps; i++) p += sprintf(p, "<i></b>");
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("soup.html", page, (size_t)(p - page), "fr",
                        TA_INPUT_HTML, NULL, &d, &err),
                   TA_EPARSE);
  assert_non_null(strstr(err.message,
                         "soup.html: line 1: elements nested "
                         "more than 256 deep"));
  free(page);
}

/* A page said to be UTF-8 with a byte that is not: an encoding error at
 * that byte (libxml2 stopped reading there and the rest was lost). */
static void html_declared_utf8_with_bad_byte(void **state) {
  (void)state;
  static const char page[] = "<p>Bad byte \x81 here. Next.</p>";
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("bad.html", page, sizeof page - 1, "en", TA_INPUT_HTML,
                        "UTF-8", &d, &err),
                   TA_EENCODING);
  assert_non_null(strstr(err.message, "bad.html: byte 12: not valid"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bad_inputs_fail_cleanly),
      cmocka_unit_test(file_errors),
      cmocka_unit_test(empty_input_is_empty_with_a_note),
      cmocka_unit_test(bom_and_crlf),
      cmocka_unit_test(windows_1252_is_detected_with_a_warning),
      cmocka_unit_test(given_encodings),
      cmocka_unit_test(paragraphs_and_presplit),
      cmocka_unit_test(presplit_line_over_limit),
      cmocka_unit_test(html_blocks),
      cmocka_unit_test(html_garbage_does_not_crash),
      cmocka_unit_test(html_deep_nesting_keeps_all_text),
      cmocka_unit_test(html_deep_soup_refused),
      cmocka_unit_test(html_declared_utf8_with_bad_byte),
      cmocka_unit_test(max_sentence_cuts_at_characters),
      cmocka_unit_test(cr_line_ends),
      cmocka_unit_test(utf32_bom),
      cmocka_unit_test(missing_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
