/* Documents as people have them: DOCX, ODT and EPUB read from zips made
 * here with libzip (paragraphs, headings, lists, tables, notes, tracked
 * changes), the limits against zip bombs, damaged zips, and every format
 * that is recognised and refused with one line naming it. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* cmocka needs the headers above. */
#include <cmocka.h>

#include "tmxalign/doc.h"

typedef struct entry {
  const char *name;
  const char *data; /* NULL: len zero bytes */
  size_t len;       /* 0: strlen(data) */
} entry;

/* A zip of the entries, in memory (caller frees *out). */
static void make_zip(const entry *e, size_t n, char **out, size_t *len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  assert_non_null(src);
  zip_source_keep(src);
  zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  assert_non_null(z);
  char **zeros = calloc(n, sizeof *zeros);
  for (size_t i = 0; i < n; i++) {
    size_t k = e[i].len ? e[i].len : strlen(e[i].data);
    const void *p = e[i].data;
    if (!p) p = zeros[i] = calloc(1, k);
    zip_source_t *s = zip_source_buffer(z, p, k, 0);
    assert_non_null(s);
    assert_true(zip_file_add(z, e[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  for (size_t i = 0; i < n; i++) free(zeros[i]);
  free(zeros);
  assert_int_equal(zip_source_open(src), 0);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  *out = malloc((size_t)size + 1);
  assert_int_equal(zip_source_read(src, *out, (zip_uint64_t)size), size);
  zip_source_close(src);
  zip_source_free(src);
  *len = (size_t)size;
}

static ta_status load(const char *name, const char *data, size_t len,
                      ta_input_kind kind, ta_doc **d, ta_error *err) {
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "en";
  o.input = kind;
  ta_error_clear(err);
  *d = NULL;
  return ta_doc_load_mem(name, data, len, &o, d, err);
}

static void assert_texts(const ta_doc *d, const char *const *want) {
  size_t n = 0;
  while (want[n]) n++;
  for (size_t i = 0; i < ta_doc_count(d) && i < n; i++)
    assert_string_equal(ta_doc_sentence(d, i)->text, want[i]);
  assert_int_equal(ta_doc_count(d), n);
}

#define W \
  "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char docx_body[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<w:document " W
    "><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
    "<w:r><w:t>A title</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Hel</w:t></w:r>"
    "<w:r><w:t>lo world.</w:t></w:r><w:r><w:tab/><w:t>Second</w:t><w:br/>"
    "<w:t>sentence here.</w:t></w:r>"
    "<w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">It was </w:t></w:r>"
    "<w:del w:id=\"7\" w:author=\"x\"><w:r><w:delText>not </w:delText>"
    "</w:r></w:del>"
    "<w:ins w:id=\"8\" w:author=\"x\"><w:r><w:t>truly </w:t></w:r></w:ins>"
    "<w:r><w:t>fine.</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr>"
    "<w:r><w:t>A list item.</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one.</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Cell two.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:instrText>PAGE</w:instrText></w:r>"
    "<w:r><w:t>The end.</w:t></w:r></w:p>"
    "<w:sectPr/></w:body></w:document>";

static const char docx_notes[] =
    "<?xml version=\"1.0\"?>"
    "<w:footnotes " W
    ">"
    "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:t>SEP</w:t>"
    "</w:r></w:p></w:footnote>"
    "<w:footnote w:id=\"2\"><w:p><w:r><w:t>A note. Its end.</w:t></w:r>"
    "</w:p></w:footnote></w:footnotes>";

static void docx_reads_paragraphs_notes_and_revisions(void **state) {
  (void)state;
  entry e[] = {{"[Content_Types].xml", "<Types/>", 0},
               {"word/document.xml", docx_body, 0},
               {"word/footnotes.xml", docx_notes, 0}};
  char *z;
  size_t n;
  make_zip(e, 3, &z, &n);
  ta_doc *d;
  ta_error err;
  /* Recognised by content: the name says nothing. */
  assert_int_equal(load("report.bin", z, n, TA_INPUT_AUTO, &d, &err), TA_OK);
  static const char *const want[] = {"A title",
                                     "Hello world.",
                                     "Second sentence here.",
                                     "A note.",
                                     "Its end.",
                                     "It was truly fine.",
                                     "A list item.",
                                     "Cell one.",
                                     "Cell two.",
                                     "The end.",
                                     NULL};
  assert_texts(d, want);
  /* Paragraphs: title 0, body 1, its note 2, revision 3, list 4, cells
   * 5 and 6, end 7. */
  static const size_t para[] = {0, 1, 1, 2, 2, 3, 4, 5, 6, 7};
  for (size_t i = 0; i < 10; i++)
    assert_int_equal(ta_doc_sentence(d, i)->paragraph, para[i]);
  /* line: the paragraph element's number in its part; offsets: its bytes
   * in the part's XML. */
  const ta_sentence *s = ta_doc_sentence(d, 1);
  assert_int_equal(s->line, 2);
  assert_memory_equal(docx_body + s->offset, "<w:p><w:r><w:t xml:space", 24);
  assert_memory_equal(docx_body + s->end - 6, "</w:p>", 6);
  const ta_sentence *note = ta_doc_sentence(d, 3);
  assert_int_equal(note->line, 2); /* the separator is paragraph 1 there */
  assert_memory_equal(docx_notes + note->offset, "<w:p>", 5);
  ta_doc_free(d);
  /* Asked for ODT: refused, naming what it is. */
  assert_int_equal(load("r.docx", z, n, TA_INPUT_ODT, &d, &err), TA_EPARSE);
  assert_non_null(strstr(err.message, "r.docx: a DOCX document, not ODT"));
  free(z);
}

#define TEXTNS                                                         \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "     \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""

static const char odt_content[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content " TEXTNS
    ">"
    "<office:automatic-styles><text:p>STYLE</text:p></office:automatic-styles>"
    "<office:body><office:text>"
    "<text:tracked-changes><text:changed-region text:id=\"c1\">"
    "<text:deletion><text:p>Gone words.</text:p></text:deletion>"
    "</text:changed-region></text:tracked-changes>"
    "<text:h text:outline-level=\"1\">A heading</text:h>\n"
    "<text:p>One<text:s text:c=\"3\"/>two <text:span>spans</text:span>."
    "<text:tab/>Next<text:line-break/>line.<text:note text:note-class=\""
    "footnote\"><text:note-citation>1</text:note-citation><text:note-body>"
    "<text:p>The note.</text:p></text:note-body></text:note> After.</text:p>"
    "<text:list><text:list-item><text:p>Item one.</text:p></text:list-item>"
    "<text:list-item><text:p>Item two.</text:p></text:list-item></text:list>"
    "<table:table><table:table-row><table:table-cell><text:p>Left.</text:p>"
    "</table:table-cell><table:table-cell><text:p>Right.</text:p>"
    "</table:table-cell></table:table-row></table:table>"
    "</office:text></office:body></office:document-content>";

static void odt_reads_paragraphs_lists_tables_notes(void **state) {
  (void)state;
  entry e[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
               {"content.xml", odt_content, 0}};
  char *z;
  size_t n;
  make_zip(e, 2, &z, &n);
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("a.odt", z, n, TA_INPUT_AUTO, &d, &err), TA_OK);
  static const char *const want[] = {
      "A heading", "One two spans.", "Next line.", "After.", "The note.",
      "Item one.", "Item two.",      "Left.",      "Right.", NULL};
  assert_texts(d, want);
  static const size_t para[] = {0, 1, 1, 1, 2, 3, 4, 5, 6};
  for (size_t i = 0; i < 9; i++)
    assert_int_equal(ta_doc_sentence(d, i)->paragraph, para[i]);
  const ta_sentence *h = ta_doc_sentence(d, 0);
  assert_memory_equal(odt_content + h->offset, "<text:h ", 8);
  assert_memory_equal(odt_content + h->end - 9, "</text:h>", 9);
  ta_doc_free(d);
  free(z);
}

static const char container[] =
    "<?xml version=\"1.0\"?><container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
    "<rootfile full-path=\"OPS/book.opf\" "
    "media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
static const char opf[] =
    "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" "
    "version=\"3.0\"><manifest>"
    "<item id=\"b\" href=\"text/two.xhtml\" "
    "media-type=\"application/xhtml+xml\"/>"
    "<item id=\"a\" href=\"text/one.xhtml\" "
    "media-type=\"application/xhtml+xml\"/></manifest>"
    "<spine><itemref idref=\"a\"/><itemref idref=\"b\"/></spine></package>";
static const char page1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html "
    "xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>one.xhtml</title>"
    "</head><body><h1>Chapter one</h1><p>First page. It ends<a "
    "role=\"doc-noteref\" href=\"#n1\"><sup>1</sup></a> here.</p>"
    "</body></html>";
static const char page2[] =
    "<html><head><title>two</title></head><body><p>Second page.</p>"
    "<ul><li>Listed.</li></ul></body></html>";

static void epub_reads_the_spine_in_order(void **state) {
  (void)state;
  entry e[] = {{"mimetype", "application/epub+zip", 0},
               {"META-INF/container.xml", container, 0},
               {"OPS/book.opf", opf, 0},
               {"OPS/text/two.xhtml", page2, 0},
               {"OPS/text/one.xhtml", page1, 0}};
  char *z;
  size_t n;
  make_zip(e, 5, &z, &n);
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("b.epub", z, n, TA_INPUT_AUTO, &d, &err), TA_OK);
  static const char *const want[] = {"Chapter one",   "First page.",
                                     "It ends here.", "Second page.",
                                     "Listed.",       NULL};
  assert_texts(d, want);
  assert_true(ta_doc_is_html(d));
  assert_int_equal(ta_doc_sentence(d, 3)->paragraph, 2);
  assert_int_equal(ta_doc_sentence(d, 4)->paragraph, 3);
  /* each page of the spine a part: paragraphs 0-1 on one, 2-3 on two */
  assert_int_equal(ta_doc_part_count(d), 2);
  assert_int_equal(ta_doc_paragraph_part(d, 0), 0);
  assert_int_equal(ta_doc_paragraph_part(d, 1), 0);
  assert_int_equal(ta_doc_paragraph_part(d, 2), 1);
  assert_int_equal(ta_doc_paragraph_part(d, 3), 1);
  ta_doc_free(d);
  free(z);
  /* A spine naming a page the archive lacks: the part is named. */
  entry bad[] = {{"mimetype", "application/epub+zip", 0},
                 {"META-INF/container.xml", container, 0},
                 {"OPS/book.opf", opf, 0},
                 {"OPS/text/one.xhtml", page1, 0}};
  make_zip(bad, 4, &z, &n);
  assert_int_equal(load("c.epub", z, n, TA_INPUT_AUTO, &d, &err), TA_EPARSE);
  assert_string_equal(err.message,
                      "c.epub: OPS/text/two.xhtml: missing from the archive");
  free(z);
}

static void zip_bombs_and_damage_refused(void **state) {
  (void)state;
  /* 8 MiB of zeros deflate to a few KiB: over the ratio. */
  entry e[] = {{"word/document.xml", NULL, (size_t)8 << 20}};
  char *z;
  size_t n;
  make_zip(e, 1, &z, &n);
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("bomb.docx", z, n, TA_INPUT_AUTO, &d, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "bomb.docx: word/document.xml: "));
  assert_non_null(strstr(err.message, "zip bomb"));
  free(z);
  /* A part larger than max_input_bytes. */
  entry big[] = {{"word/document.xml", docx_body, 0}};
  make_zip(big, 1, &z, &n);
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = "en";
  o.max_input_bytes = n + 10; /* the zip fits, its part does not */
  assert_true(sizeof docx_body > n + 10);
  assert_int_equal(ta_doc_load_mem("big.docx", z, n, &o, &d, &err), TA_ETOOBIG);
  assert_non_null(strstr(err.message, "big.docx: word/document.xml: "));
  /* Truncated: the central directory is gone. */
  assert_int_equal(load("cut.docx", z, n / 2, TA_INPUT_AUTO, &d, &err),
                   TA_EPARSE);
  assert_non_null(
      strstr(err.message, "cut.docx: a damaged or truncated zip archive"));
  /* Damaged inside: a byte of the deflated part changed.  The local
   * header is 30 bytes plus the name; flip one in the middle of the data. */
  z[30 + strlen("word/document.xml") + 40] ^= 0x55;
  ta_status st = load("flip.docx", z, n, TA_INPUT_AUTO, &d, &err);
  assert_int_not_equal(st, TA_OK);
  assert_non_null(strstr(err.message, "flip.docx: "));
  free(z);
  /* Not well-formed XML. */
  entry broken[] = {{"word/document.xml", "<w:document><w:p>", 0}};
  make_zip(broken, 1, &z, &n);
  assert_int_equal(load("x.docx", z, n, TA_INPUT_AUTO, &d, &err), TA_EPARSE);
  assert_non_null(
      strstr(err.message, "x.docx: word/document.xml: not well-formed XML"));
  free(z);
}

static void too_many_entries_refused(void **state) {
  (void)state;
  size_t k = 10001;
  entry *e = calloc(k, sizeof *e);
  char(*names)[16] = calloc(k, sizeof *names);
  for (size_t i = 0; i < k; i++) {
    snprintf(names[i], sizeof names[i], "f%zu", i);
    e[i] = (entry){names[i], "x", 0};
  }
  e[0].name = "word/document.xml";
  char *z;
  size_t n;
  make_zip(e, k, &z, &n);
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("many.docx", z, n, TA_INPUT_AUTO, &d, &err),
                   TA_ETOOBIG);
  assert_non_null(strstr(err.message, "many.docx: a zip archive of 10001"));
  free(z);
  free(e);
  free(names);
}

static const struct refused {
  const char *name, *data;
  size_t len;
  const char *message;
} refused_rows[] = {
    {"a.rtf", "{\\rtf1\\ansi Hello.}", 0,
     "a.rtf: an RTF document; tmxalign reads plain text, HTML, Markdown, "
     "DOCX, ODT, EPUB, PDF, XLIFF, PO, SRT and WebVTT: save it as DOCX or "
     "text"},
    {"a.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 0,
     "a.pdf: a PDF document"},
    {"a.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12,
     "a.doc: a legacy Word (.doc) or other OLE document; tmxalign reads"},
    /* XLIFF, PO and subtitles are read (test_bitext.c); a bilingual
     * file handed in as one document is refused, pointing at convert */
    {"a.po",
     "# French\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain\\n\"\n\n"
     "msgid \"Hello\"\nmsgstr \"Bonjour\"\n",
     0,
     "a.po: a bilingual PO file (1 of 1 units translated) is already "
     "aligned: use 'tmxalign convert a.po"},
    {"a.png", "\x89PNG\r\n\x1a\n\0\0", 10, "a.png: a PNG image"},
};

static void other_formats_refused_with_one_line(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof refused_rows / sizeof refused_rows[0]; i++) {
    const struct refused *r = &refused_rows[i];
    ta_doc *d;
    ta_error err;
    size_t len = r->len ? r->len : strlen(r->data);
    ta_status st = load(r->name, r->data, len, TA_INPUT_AUTO, &d, &err);
    if (st != TA_EPARSE || !strstr(err.message, r->message))
      fail_msg("%s: got %s '%s'", r->name, ta_status_name(st), err.message);
    assert_null(strstr(err.message, "--encoding"));
    assert_null(strchr(err.message, '\n'));
  }
  /* Zips that hold no document we read. */
  static const struct {
    const char *entry, *message;
  } zips[] = {
      {"xl/workbook.xml", "s.zip: an Excel spreadsheet (XLSX); tmxalign reads"},
      {"ppt/presentation.xml", "s.zip: a PowerPoint presentation (PPTX)"},
      {"notes.txt", "s.zip: a zip archive that holds no DOCX, ODT or EPUB"},
  };
  for (size_t i = 0; i < 3; i++) {
    entry e[] = {{zips[i].entry, "<x/>", 0}};
    char *z;
    size_t n;
    make_zip(e, 1, &z, &n);
    ta_doc *d;
    ta_error err;
    assert_int_equal(load("s.zip", z, n, TA_INPUT_AUTO, &d, &err), TA_EPARSE);
    if (!strstr(err.message, zips[i].message))
      fail_msg("got '%s'", err.message);
    free(z);
  }
  /* Asked for as text, an RTF is the user's choice. */
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("a.rtf", "{\\rtf1 Hi.}", 11, TA_INPUT_TEXT, &d, &err),
                   TA_OK);
  ta_doc_free(d);
  /* Ordinary text that mentions these things stays text. */
  const char *t = "The file starts with msgid and WEBVTT.\n\n1\nSecond line.\n";
  assert_int_equal(load("t.txt", t, strlen(t), TA_INPUT_AUTO, &d, &err), TA_OK);
  assert_int_equal(ta_doc_count(d), 2);
  ta_doc_free(d);
}

static void html_recognised_by_content(void **state) {
  (void)state;
  const char *page =
      "<!DOCTYPE html><html><body><p>One.</p><p>Two.</p>"
      "</body></html>";
  ta_doc *d;
  ta_error err;
  assert_int_equal(load("<stdin>", page, strlen(page), TA_INPUT_AUTO, &d, &err),
                   TA_OK);
  assert_true(ta_doc_is_html(d));
  assert_int_equal(ta_doc_count(d), 2);
  ta_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(docx_reads_paragraphs_notes_and_revisions),
      cmocka_unit_test(odt_reads_paragraphs_lists_tables_notes),
      cmocka_unit_test(epub_reads_the_spine_in_order),
      cmocka_unit_test(zip_bombs_and_damage_refused),
      cmocka_unit_test(too_many_entries_refused),
      cmocka_unit_test(other_formats_refused_with_one_line),
      cmocka_unit_test(html_recognised_by_content),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
