/* XLIFF 1.2 / 2.0 and PO read as units (inline codes, languages, fuzzy,
 * syntax errors with their line), a monolingual one as a document, a
 * bilingual one refused as a document; SRT and WebVTT subtitles (a
 * sentence over three cues); Markdown blocks and inline markup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the headers above. */
#include <cmocka.h>

#include "tmxalign/doc.h"

static ta_bitext *bitext(const char *name, const char *data) {
  ta_bitext *b = NULL;
  ta_error err;
  ta_error_clear(&err);
  ta_status st = ta_bitext_load_mem(name, data, strlen(data), &b, &err);
  if (st != TA_OK) fail_msg("%s: %s", name, err.message);
  return b;
}

static ta_status bitext_error(const char *name, const char *data,
                              ta_error *err) {
  ta_bitext *b = NULL;
  ta_error_clear(err);
  ta_status st = ta_bitext_load_mem(name, data, strlen(data), &b, err);
  assert_null(b);
  return st;
}

static ta_status doc(const char *name, const char *data, const char *lang,
                     ta_input_kind kind, ta_doc **d, ta_error *err) {
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = lang;
  o.input = kind;
  ta_error_clear(err);
  *d = NULL;
  return ta_doc_load_mem(name, data, strlen(data), &o, d, err);
}

/* The sentences of d joined by " | ". */
static char *joined(const ta_doc *d) {
  static char out[4096];
  out[0] = '\0';
  for (size_t i = 0; i < ta_doc_count(d); i++) {
    if (i) strcat(out, " | ");
    strcat(out, ta_doc_sentence(d, i)->text);
  }
  return out;
}

static const char xliff12[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<xliff version=\"1.2\" "
    "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
    " <file original=\"a.txt\" source-language=\"fr\" "
    "target-language=\"en\" datatype=\"plaintext\"><body>\n"
    "  <group id=\"g\">\n"
    "   <trans-unit id=\"t1\">\n"
    "    <source>Cliquez <g id=\"1\">ici</g><x id=\"2\"/> puis "
    "<bpt id=\"3\">&lt;b&gt;</bpt>attendez<ept id=\"3\">&lt;/b&gt;</ept>"
    "<ph id=\"4\">{0}</ph>.</source>\n"
    "    <target>Click <g id=\"1\">here</g><x id=\"2\"/> then "
    "<bpt id=\"3\">&lt;b&gt;</bpt>wait<ept "
    "id=\"3\">&lt;/b&gt;</ept>.</target>\n"
    "   </trans-unit>\n"
    "  </group>\n"
    "  <trans-unit id=\"t2\"><source>Pas traduit.</source></trans-unit>\n"
    "  <trans-unit id=\"t3\"><source>Douteux.</source>"
    "<target state=\"needs-review-translation\">Doubtful.</target>"
    "</trans-unit>\n"
    " </body></file>\n"
    "</xliff>\n";

static void xliff12_units_and_inline_codes(void **state) {
  (void)state;
  ta_bitext *b = bitext("a.xlf", xliff12);
  assert_int_equal(ta_bitext_format_of(b), TA_BITEXT_XLIFF1);
  assert_string_equal(ta_bitext_src_lang(b), "fr");
  assert_string_equal(ta_bitext_tgt_lang(b), "en");
  assert_int_equal(ta_bitext_count(b), 3);
  assert_int_equal(ta_bitext_translated(b), 2);
  const ta_bitext_unit *u = ta_bitext_unit_at(b, 0);
  assert_string_equal(u->id, "t1");
  /* <g> keeps its text; <x/>, <bpt>, <ept>, <ph> (native codes) vanish */
  assert_string_equal(u->source, "Cliquez ici puis attendez.");
  assert_string_equal(u->target, "Click here then wait.");
  assert_int_equal(u->line, 6);
  assert_false(u->fuzzy);
  assert_string_equal(ta_bitext_unit_at(b, 1)->target, "");
  assert_true(ta_bitext_unit_at(b, 2)->fuzzy);

  /* as two documents: untranslated and fuzzy units left out by default */
  ta_doc *s = NULL, *t = NULL;
  ta_error err;
  assert_int_equal(ta_bitext_docs(b, "fr", "en", 0, &s, &t, &err), TA_OK);
  assert_string_equal(joined(s), "Cliquez ici puis attendez.");
  assert_string_equal(joined(t), "Click here then wait.");
  ta_doc_free(s);
  ta_doc_free(t);
  assert_int_equal(
      ta_bitext_docs(b, "fr", "en",
                     TA_BITEXT_KEEP_FUZZY | TA_BITEXT_KEEP_UNTRANSLATED, &s, &t,
                     &err),
      TA_OK);
  assert_int_equal(ta_doc_count(s), 3);
  assert_int_equal(ta_doc_count(t), 2);
  assert_int_equal(ta_doc_sentence(t, 1)->paragraph, 2);
  ta_doc_free(s);
  ta_doc_free(t);
  ta_bitext_free(b);
}

static void xliff2_segments_and_pc(void **state) {
  (void)state;
  ta_bitext *b = bitext(
      "b.xlf",
      "<?xml version=\"1.0\"?>\n"
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
      "version=\"2.0\" srcLang=\"en\" trgLang=\"de\"><file id=\"f\">\n"
      "<unit id=\"u1\"><segment id=\"s1\"><source>Press <pc id=\"1\">OK"
      "</pc><ph id=\"2\"/> now.</source><target>Drücken Sie <pc id=\"1\">OK"
      "</pc> jetzt.</target></segment><ignorable><source> </source>"
      "</ignorable><segment id=\"s2\"><source>Wait<cp hex=\"2026\"/>"
      "</source><target>Warten<cp hex=\"2026\"/><sc id=\"9\"/></target>"
      "</segment></unit>\n"
      "<unit id=\"u2\"><segment><source>Alone.</source></segment></unit>\n"
      "</file></xliff>\n");
  assert_int_equal(ta_bitext_format_of(b), TA_BITEXT_XLIFF2);
  assert_string_equal(ta_bitext_src_lang(b), "en");
  assert_string_equal(ta_bitext_tgt_lang(b), "de");
  assert_int_equal(ta_bitext_count(b), 3);
  assert_string_equal(ta_bitext_unit_at(b, 0)->id, "u1/s1");
  assert_string_equal(ta_bitext_unit_at(b, 0)->source, "Press OK now.");
  assert_string_equal(ta_bitext_unit_at(b, 0)->target, "Drücken Sie OK jetzt.");
  assert_string_equal(ta_bitext_unit_at(b, 1)->target, "Warten…");
  assert_string_equal(ta_bitext_unit_at(b, 2)->id, "u2");
  ta_bitext_free(b);
}

static void xliff_errors_name_the_line(void **state) {
  (void)state;
  ta_error err;
  assert_int_equal(
      bitext_error("bad.xlf",
                   "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n"
                   "<file><body><trans-unit id=\"1\">\n"
                   "<source>Oui.</target></trans-unit></body></file>"
                   "</xliff>\n",
                   &err),
      TA_EPARSE);
  assert_non_null(strstr(err.message, "bad.xlf: not well-formed XML: line 4"));
  assert_int_equal(
      bitext_error("v.xlf", "<xliff version=\"4.1\"><file/></xliff>", &err),
      TA_EPARSE);
  assert_non_null(strstr(err.message, "XLIFF version '4.1' is not read"));
  assert_int_equal(bitext_error("t.txt", "Just text.\n", &err), TA_EPARSE);
  assert_non_null(strstr(err.message, "not an XLIFF or PO file"));
}

static const char po[] =
    "# a catalogue\n"
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Language: fr\\n\"\n"
    "\n"
    "#: a.c:1\n"
    "msgid \"Hello \\\"world\\\".\"\n"
    "msgstr \"Bonjour « monde ».\"\n"
    "\n"
    "#, fuzzy, c-format\n"
    "msgid \"Open %s\"\n"
    "msgstr \"Ouvrir %s\"\n"
    "\n"
    "msgctxt \"menu\"\n"
    "msgid \"\"\n"
    "\"Save \"\n"
    "\"as\"\n"
    "msgstr \"Enregistrer sous\"\n"
    "\n"
    "msgid \"One file\"\n"
    "msgid_plural \"%d files\"\n"
    "msgstr[0] \"Un fichier\"\n"
    "msgstr[1] \"%d fichiers\"\n"
    "\n"
    "msgid \"Later\"\n"
    "msgstr \"\"\n"
    "\n"
    "#~ msgid \"Old\"\n"
    "#~ msgstr \"Vieux\"\n";

static void po_entries(void **state) {
  (void)state;
  ta_bitext *b = bitext("fr.po", po);
  assert_int_equal(ta_bitext_format_of(b), TA_BITEXT_PO);
  assert_string_equal(ta_bitext_tgt_lang(b), "fr");
  assert_string_equal(ta_bitext_src_lang(b), "");
  assert_int_equal(ta_bitext_count(b), 5); /* no header, no obsolete */
  assert_string_equal(ta_bitext_unit_at(b, 0)->source, "Hello \"world\".");
  assert_int_equal(ta_bitext_unit_at(b, 0)->line, 8);
  assert_null(ta_bitext_unit_at(b, 0)->id);
  assert_true(ta_bitext_unit_at(b, 1)->fuzzy);
  assert_false(ta_bitext_unit_at(b, 2)->fuzzy);
  assert_string_equal(ta_bitext_unit_at(b, 2)->id, "menu");
  assert_string_equal(ta_bitext_unit_at(b, 2)->source, "Save as");
  assert_string_equal(ta_bitext_unit_at(b, 3)->target, "Un fichier");
  assert_string_equal(ta_bitext_unit_at(b, 4)->target, "");
  assert_int_equal(ta_bitext_translated(b), 4);
  ta_bitext_free(b);
}

static void po_syntax_errors(void **state) {
  (void)state;
  static const struct {
    const char *data, *message;
  } rows[] = {
      {"msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"open\nmsgstr \"\"\n",
       "x.po: line 4: column 12: bad string"},
      {"msgid \"a\"\nmsgstr \"b\\q\"\n", "x.po: line 2: column 11: bad string"},
      {"msgid \"a\"\nmsgstr \"b\"\nmsgfoo \"c\"\n",
       "x.po: line 3: 'msgfoo' is not a PO keyword"},
      {"msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nmsgid \"d\"\nmsgstr \"\"\n",
       "x.po: line 4: msgid without msgstr"},
      {"msgid \"a\"\nmsgstr \"b\"\nmsgstr\n",
       "x.po: line 3: expected a quoted"},
      {"msgid \"a\"\nmsgstr \"\xff\"\n", "x.po: byte 18: line 2: not UTF-8"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    ta_error err;
    ta_status st = bitext_error("x.po", rows[i].data, &err);
    if (st == TA_OK || !strstr(err.message, rows[i].message))
      fail_msg("row %zu: got %s '%s'", i, ta_status_name(st), err.message);
  }
}

static void monolingual_is_a_document(void **state) {
  (void)state;
  ta_doc *d;
  ta_error err;
  /* the template: each msgid a paragraph, the header no text */
  assert_int_equal(
      doc("t.pot",
          "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain\\n\"\n\n"
          "msgid \"Hello. How are you?\"\nmsgstr \"\"\n\n"
          "msgid \"Bye.\"\nmsgstr \"\"\n",
          "en", TA_INPUT_AUTO, &d, &err),
      TA_OK);
  assert_string_equal(joined(d), "Hello. | How are you? | Bye.");
  assert_int_equal(ta_doc_sentence(d, 1)->paragraph, 0);
  assert_int_equal(ta_doc_sentence(d, 2)->paragraph, 1);
  assert_int_equal(ta_doc_sentence(d, 2)->line, 8);
  ta_doc_free(d);
  /* an XLIFF with sources only, by content whatever its name */
  assert_int_equal(
      doc("x.bin",
          "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file><body>\n"
          "<trans-unit id=\"1\"><source>Un <g id=\"1\">mot</g>. Deux."
          "</source><target/></trans-unit>\n</body></file></xliff>\n",
          "fr", TA_INPUT_AUTO, &d, &err),
      TA_OK);
  assert_string_equal(joined(d), "Un mot. | Deux.");
  assert_int_equal(ta_doc_sentence(d, 0)->line, 3);
  ta_doc_free(d);
  /* a bilingual one is already aligned: refused, pointing at convert */
  assert_int_equal(doc("a.xlf", xliff12, "fr", TA_INPUT_AUTO, &d, &err),
                   TA_EPARSE);
  assert_non_null(strstr(err.message,
                         "a.xlf: a bilingual XLIFF 1.2 file (2 of 3 units "
                         "translated) is already aligned: use 'tmxalign "
                         "convert a.xlf"));
  assert_null(d);
}

static const char srt[] =
    "1\n00:00:01,000 --> 00:00:03,000\n<i>The necklace was lost</i>\n\n"
    "2\r\n00:00:03,100 --> 00:00:05,000\r\nsomewhere between the ball\r\n"
    "\r\n"
    "3\n00:00:05,100 --> 00:00:07,000\n{\\an8}and the cab. She wept.\n\n"
    "4\n00:00:07,100 --> 00:00:09,000\n- Why?\n- Because &amp; so.\n";

static void srt_sentence_over_three_cues(void **state) {
  (void)state;
  ta_doc *d;
  ta_error err;
  assert_int_equal(doc("a.srt", srt, "en", TA_INPUT_AUTO, &d, &err), TA_OK);
  assert_string_equal(joined(d),
                      "The necklace was lost somewhere between the ball and "
                      "the cab. | She wept. | Why? | Because & so.");
  /* line: the cue it starts in; [offset, end) to the cue it ends in */
  const ta_sentence *s = ta_doc_sentence(d, 0);
  assert_int_equal(s->line, 1);
  assert_int_equal(s->offset, strstr(srt, "<i>") - srt);
  assert_int_equal(s->end, strstr(srt, "She wept.") - srt + 9);
  assert_int_equal(ta_doc_sentence(d, 1)->line, 3);
  assert_int_equal(ta_doc_sentence(d, 3)->line, 4);
  ta_doc_free(d);
  assert_int_equal(
      doc("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\nBye.\n", "en",
          TA_INPUT_AUTO, &d, &err),
      TA_EPARSE);
  assert_non_null(
      strstr(err.message, "bad.srt: line 6: a cue without its timing line"));
}

static void vtt_blocks_dropped(void **state) {
  (void)state;
  ta_doc *d;
  ta_error err;
  assert_int_equal(
      doc("a.vtt",
          "WEBVTT - a film\nKind: captions\n\n"
          "NOTE the translator's\nremark\n\n"
          "STYLE\n::cue { color: yellow }\n\n"
          "intro\n00:01.000 --> 00:03.000 align:start\n"
          "<v Mathilde>I have lost <c.loud>the</c> necklace\n\n"
          "00:03.000 --> 00:05.000\n<00:03.500>of Madame Forestier.\n",
          "en", TA_INPUT_AUTO, &d, &err),
      TA_OK);
  assert_string_equal(joined(d),
                      "I have lost the necklace of Madame Forestier.");
  ta_doc_free(d);
}

static const char markdown[] =
    "# The *Necklace* #\n"
    "\n"
    "Part one\n"
    "--------\n"
    "\n"
    "She was one of those **pretty** girls, born `by chance`, as\n"
    "[if by an error](https://example.org \"t\") of destiny.\n"
    "![a picture](pic.png) She had <span class=\"x\">no</span> dowry\\*.\n"
    "\n"
    "- She dressed plainly.\n"
    "- She was unhappy\n"
    "  as one fallen.\n"
    "\n"
    "> Women have no caste.\n"
    "\n"
    "```\n"
    "code is not prose.\n"
    "```\n"
    "\n"
    "    indented code neither.\n"
    "\n"
    "<div>\n"
    "\n"
    "A snake_case word and 2 * 3 stay.\n"
    "\n"
    "***\n"
    "\n"
    "[ref]: https://example.org\n";

static void markdown_blocks_and_inlines(void **state) {
  (void)state;
  ta_doc *d;
  ta_error err;
  assert_int_equal(doc("a.md", markdown, "en", TA_INPUT_AUTO, &d, &err), TA_OK);
  assert_string_equal(
      joined(d),
      "The Necklace | Part one | She was one of those pretty girls, born by "
      "chance, as if by an error of destiny. | She had no dowry*. | She "
      "dressed plainly. | She was unhappy as one fallen. | Women have no "
      "caste. | A snake_case word and 2 * 3 stay.");
  assert_int_equal(ta_doc_paragraph_count(d), 7);
  assert_int_equal(ta_doc_sentence(d, 2)->line, 6);
  ta_doc_free(d);
  /* by name only: the same text as .txt is plain text */
  assert_int_equal(doc("a.txt", markdown, "en", TA_INPUT_AUTO, &d, &err),
                   TA_OK);
  assert_non_null(strstr(ta_doc_sentence(d, 0)->text, "# The *Necklace*"));
  ta_doc_free(d);
  assert_int_equal(doc("a.txt", markdown, "en", TA_INPUT_MARKDOWN, &d, &err),
                   TA_OK);
  assert_string_equal(ta_doc_sentence(d, 0)->text, "The Necklace");
  ta_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(xliff12_units_and_inline_codes),
      cmocka_unit_test(xliff2_segments_and_pc),
      cmocka_unit_test(xliff_errors_name_the_line),
      cmocka_unit_test(po_entries),
      cmocka_unit_test(po_syntax_errors),
      cmocka_unit_test(monolingual_is_a_document),
      cmocka_unit_test(srt_sentence_over_three_cues),
      cmocka_unit_test(vtt_blocks_dropped),
      cmocka_unit_test(markdown_blocks_and_inlines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
