/* The bilingual EPUB 3 (TA_ALIGN_FORMAT_EPUB): the reader page's rows
 * (align_html.c) as the chapters of a book, built in memory with libzip
 * and copied to the output stream, so that it goes through ta_outfile
 * like every other output.
 *
 * Chapters: an EPUB source keeps its own, one a page of its spine
 * (ta_doc_paragraph_part); other sources have no files to go by, so a
 * chapter begins at each source paragraph read as a heading
 * (ta__reader_is_heading), and a text without headings is one chapter. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "align/align.h"

/* Every bead starting a chapter, into starts (a->n + 1 entries at most). */
static size_t chapter_starts(const ta_doc *src, const ta_alignment *a,
                             size_t *starts) {
  size_t n = 0;
  starts[n++] = 0;
  /* an EPUB source keeps its own chapters: its spine's pages */
  bool parts = ta_doc_part_count(src) > 1;
  size_t part = 0;
  for (size_t k = 1; k < a->n; k++) {
    const ta_bead *b = &a->beads[k];
    if (!b->src_len) continue;
    size_t p = ta_doc_paragraph_part(
        src, ta_doc_sentence(src, b->src_begin)->paragraph);
    if (parts ? p != part : ta__reader_is_heading(src, b->src_begin))
      starts[n++] = k;
    part = p;
  }
  return n;
}

/* The chapter's title for the table of contents: its heading, else the
 * book's title. */
static void chapter_title(FILE *fp, const ta_doc *src, const ta_alignment *a,
                          size_t b0, size_t nr) {
  const ta_bead *b = &a->beads[b0];
  if (b->src_len && ta__reader_is_heading(src, b->src_begin)) {
    const ta_sentence *s = ta_doc_sentence(src, b->src_begin);
    ta__html_escape(fp, s->text, s->len);
  } else if (nr == 0) {
    ta__reader_title(fp, src);
  } else {
    fprintf(fp, "%zu", nr + 1);
  }
}

static void put_lang(FILE *fp, const ta_doc *d) {
  ta__html_escape(fp, ta_doc_lang(d), strlen(ta_doc_lang(d)));
}

/* An XHTML page of the book in the source's language, up to and with the
 * opening <title>: the chapters and the navigation page begin alike. */
static void xhtml_head(FILE *fp, const ta_doc *src) {
  fputs(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
      "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"",
      fp);
  put_lang(fp, src);
  fputs("\" xml:lang=\"", fp);
  put_lang(fp, src);
  fputs("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>", fp);
}

static void write_chapter(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                          const ta_alignment *a, size_t b0, size_t b1,
                          size_t nr) {
  xhtml_head(fp, src);
  chapter_title(fp, src, a, b0, nr);
  fputs(
      "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
      "href=\"style.css\"/>\n</head>\n<body>\n",
      fp);
  if (nr == 0) {
    if (!ta__reader_is_heading(src, 0)) {
      fputs("<h1>", fp);
      ta__reader_title(fp, src);
      fputs("</h1>\n", fp);
    }
    ta__reader_legend(fp, a);
  }
  ta__reader_rows(fp, src, tgt, a, b0, b1);
  fputs("</body>\n</html>\n", fp);
}

/* An identifier that is the same for the same book: FNV-1a of the texts. */
static unsigned long long book_hash(const ta_doc *src, const ta_doc *tgt) {
  unsigned long long h = 1469598103934665603ULL;
  const ta_doc *docs[2] = {src, tgt};
  for (int d = 0; d < 2; d++)
    for (size_t i = 0; i < ta_doc_count(docs[d]); i++) {
      const ta_sentence *s = ta_doc_sentence(docs[d], i);
      for (size_t k = 0; k < s->len; k++)
        h = (h ^ (unsigned char)s->text[k]) * 1099511628211ULL;
    }
  return h;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds of a book), else now. */
static time_t book_time(void) {
  const char *e = getenv("SOURCE_DATE_EPOCH");
  char *end = NULL;
  long long v = e ? strtoll(e, &end, 10) : -1;
  return e && end != e && !*end && v >= 0 ? (time_t)v : time(NULL);
}

static void write_opf(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                      size_t nch, unsigned long long id, time_t t) {
  char when[32];
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  fputs(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
      "unique-identifier=\"id\">\n"
      "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
      fp);
  fprintf(fp, "<dc:identifier id=\"id\">urn:tmxalign:%016llx</dc:identifier>\n",
          id);
  fputs("<dc:title>", fp);
  ta__reader_title(fp, src);
  fputs("</dc:title>\n<dc:language>", fp);
  put_lang(fp, src);
  fputs("</dc:language>\n<dc:language>", fp);
  put_lang(fp, tgt);
  fprintf(fp,
          "</dc:language>\n<meta property=\"dcterms:modified\">%s</meta>\n"
          "<meta name=\"generator\" content=\"tmxalign\"/>\n</metadata>\n"
          "<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" "
          "media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
          "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n",
          when);
  for (size_t c = 0; c < nch; c++)
    fprintf(fp,
            "<item id=\"c%zu\" href=\"chapter-%zu.xhtml\" "
            "media-type=\"application/xhtml+xml\"/>\n",
            c + 1, c + 1);
  fputs("</manifest>\n<spine>\n", fp);
  for (size_t c = 0; c < nch; c++)
    fprintf(fp, "<itemref idref=\"c%zu\"/>\n", c + 1);
  fputs("</spine>\n</package>\n", fp);
}

static void write_nav(FILE *fp, const ta_doc *src, const ta_alignment *a,
                      const size_t *starts, size_t nch) {
  xhtml_head(fp, src);
  ta__reader_title(fp, src);
  fputs(
      "</title>\n</head>\n<body>\n<nav epub:type=\"toc\" id=\"toc\">\n"
      "<h1>Contents</h1>\n<ol>\n",
      fp);
  for (size_t c = 0; c < nch; c++) {
    fprintf(fp, "<li><a href=\"chapter-%zu.xhtml\">", c + 1);
    chapter_title(fp, src, a, starts[c], c);
    fputs("</a></li>\n", fp);
  }
  fputs("</ol>\n</nav>\n</body>\n</html>\n", fp);
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles><rootfile full-path=\"EPUB/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/></rootfiles>\n"
    "</container>\n";

/* Add name with data (malloc'ed, taken over by libzip, also on failure). */
static bool add_entry(zip_t *za, const char *name, char *data, size_t len,
                      bool store, time_t t) {
  zip_source_t *s = zip_source_buffer(za, data, len, 1);
  if (!s) {
    free(data);
    return false;
  }
  zip_int64_t idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(s);
    return false;
  }
  return zip_set_file_compression(za, (zip_uint64_t)idx,
                                  store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                  0) == 0 &&
         zip_file_set_mtime(za, (zip_uint64_t)idx, t, 0) == 0;
}

static bool add_text(zip_t *za, const char *name, const char *text, bool store,
                     time_t t) {
  size_t len = strlen(text);
  char *d = malloc(len + 1);
  if (!d) return false;
  memcpy(d, text, len + 1);
  return add_entry(za, name, d, len, store, t);
}

/* Copy the finished archive held by src to fp. */
static ta_status copy_out(zip_source_t *src, FILE *fp, ta_error *err) {
  if (zip_source_open(src) < 0)
    return ta__fail(err, TA_EINTERNAL, "epub: cannot read the built archive");
  char buf[65536];
  zip_int64_t n;
  ta_status st = TA_OK;
  while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
    if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n) {
      st = ta__fail(err, TA_EIO, "epub: write error");
      break;
    }
  if (n < 0 && st == TA_OK)
    st = ta__fail(err, TA_EINTERNAL, "epub: cannot read the built archive");
  zip_source_close(src);
  return st;
}

ta_status ta__alignment_write_epub(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a,
                                   ta_error *err) {
  size_t *starts = malloc((a->n + 1) * sizeof *starts);
  if (!starts) return ta__fail(err, TA_ENOMEM, "epub: out of memory");
  size_t nch = a->n ? chapter_starts(src, a, starts) : 1;
  if (!a->n) starts[0] = 0;
  time_t t = book_time();
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
  ta_status st = TA_OK;
  if (!za) {
    zip_source_free(mem);
    st = ta__fail(err, TA_ENOMEM, "epub: cannot start an archive: %s",
                  zip_error_strerror(&ze));
    goto done;
  }
  zip_source_keep(mem); /* kept past zip_close, to be read back */
  size_t len;
  char *data;
  /* mimetype first and stored: that is how readers recognise an EPUB */
  bool ok = add_text(za, "mimetype", "application/epub+zip", true, t) &&
            add_text(za, "META-INF/container.xml", container_xml, false, t) &&
            add_text(za, "EPUB/style.css", ta__reader_css, false, t);
  FILE *m;
  for (size_t c = 0; ok && c < nch; c++) {
    char name[64];
    snprintf(name, sizeof name, "EPUB/chapter-%zu.xhtml", c + 1);
    data = NULL;
    if (!(m = open_memstream(&data, &len))) {
      ok = false;
      break;
    }
    write_chapter(m, src, tgt, a, starts[c], c + 1 < nch ? starts[c + 1] : a->n,
                  c);
    ok = fclose(m) == 0 && add_entry(za, name, data, len, false, t);
  }
  if (ok && (m = open_memstream(&data, &len))) {
    write_nav(m, src, a, starts, nch);
    ok = fclose(m) == 0 && add_entry(za, "EPUB/nav.xhtml", data, len, false, t);
  } else {
    ok = false;
  }
  if (ok && (m = open_memstream(&data, &len))) {
    write_opf(m, src, tgt, nch, book_hash(src, tgt), t);
    ok = fclose(m) == 0 &&
         add_entry(za, "EPUB/package.opf", data, len, false, t);
  } else {
    ok = false;
  }
  if (!ok) {
    st = ta__fail(err, TA_ENOMEM, "epub: cannot add to the archive: %s",
                  zip_strerror(za));
    zip_discard(za);
  } else if (zip_close(za) < 0) {
    st = ta__fail(err, TA_ENOMEM, "epub: cannot finish the archive: %s",
                  zip_strerror(za));
    zip_discard(za);
  } else {
    st = copy_out(mem, fp, err);
  }
  zip_source_free(mem);
done:
  free(starts);
  return st;
}
