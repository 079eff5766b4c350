/* The bilingual reader page (TA_ALIGN_FORMAT_HTML): one self-contained
 * file, the source paragraphs and their translation side by side in a CSS
 * grid, one under the other on a narrow screen, weak beads marked.  No
 * script: a reader page must work in any browser and e-reader.
 *
 * The rows are also the body of the bilingual EPUB's chapters
 * (align_epub.c), so everything written here is well-formed XHTML too. */
#include <string.h>

#include "align/align.h"

/* Below this score a bead is marked weak, as on the review page. */
#define WEAK_SCORE 0.5
/* A paragraph of one sentence at most this long, without a sentence's
 * final punctuation, is read as a heading: ta_doc keeps paragraphs but not
 * their markup, and titles are where readers look for their bearings. */
#define HEADING_MAX_BYTES 100

const char ta__reader_css[] =
    "body{margin:0 auto;max-width:76em;padding:1em 1.5em;"
    "font:17px/1.55 Georgia,'DejaVu Serif',serif;color:#222;"
    "background:#fdfcf8}\n"
    "h1{font-size:1.6em;text-align:center;margin:.6em 0 .2em}\n"
    ".legend{font:13px/1.4 sans-serif;color:#666;text-align:center;"
    "margin-bottom:1em}\n"
    ".row{display:grid;grid-template-columns:1fr 1fr;column-gap:2.5em;"
    "border-top:1px solid #eee;padding:.2em 0}\n"
    ".row>div>p,.row>div>h2{margin:.45em 0}\n"
    ".row>div>h2{font-size:1.25em}\n"
    ".row.langs{font:12px sans-serif;color:#888;text-transform:uppercase;"
    "letter-spacing:.1em;border:0}\n"
    ".tgt{color:#2b2b40}\n"
    ".weak{background:#fff1bf;border-bottom:1px dotted #a07800}\n"
    ".legend .weak{padding:0 .3em}\n"
    "@media (max-width:48em){\n"
    " .row{grid-template-columns:1fr;padding:.4em 0}\n"
    " .row.langs{display:none}\n"
    " .tgt{border-left:3px solid #c9cde0;padding-left:.7em}\n"
    "}\n";

/* The n-th sentence of d ends a paragraph: the last, or the next is in
 * another. */
static bool ends_paragraph(const ta_doc *d, size_t i) {
  return i + 1 >= ta_doc_count(d) || ta_doc_sentence(d, i + 1)->paragraph !=
                                         ta_doc_sentence(d, i)->paragraph;
}

bool ta__reader_is_heading(const ta_doc *d, size_t i) {
  if (i >= ta_doc_count(d)) return false;
  const ta_sentence *s = ta_doc_sentence(d, i);
  if (i > 0 && ta_doc_sentence(d, i - 1)->paragraph == s->paragraph)
    return false;
  if (!ends_paragraph(d, i) || !s->len || s->len > HEADING_MAX_BYTES)
    return false;
  static const char *const finals[] = {".",
                                       "!",
                                       "?",
                                       ":",
                                       ";",
                                       ",",
                                       "\"",
                                       "\xc2\xbb" /* » */,
                                       "\xe2\x80\x9d" /* ” */,
                                       "\xe2\x80\xa6" /* … */,
                                       "\xe3\x80\x82" /* 。 */,
                                       "\xef\xbc\x81" /* ！ */,
                                       "\xef\xbc\x9f" /* ？ */,
                                       "\xe3\x80\x8d" /* 」 */};
  for (size_t k = 0; k < sizeof finals / sizeof *finals; k++) {
    size_t n = strlen(finals[k]);
    if (s->len >= n && !memcmp(s->text + s->len - n, finals[k], n))
      return false;
  }
  return true;
}

void ta__reader_title(FILE *fp, const ta_doc *src) {
  if (ta__reader_is_heading(src, 0)) {
    const ta_sentence *s = ta_doc_sentence(src, 0);
    ta__html_escape(fp, s->text, s->len);
    return;
  }
  const char *name = ta_doc_name(src);
  const char *base = name ? strrchr(name, '/') : NULL;
  base = base ? base + 1 : name;
  if (!base || !*base) base = "tmxalign";
  ta__html_escape(fp, base, strlen(base));
}

typedef struct cell {
  FILE *fp;
  const ta_doc *d;
  bool open; /* a <p> or <h2> is open */
  bool heading;
  size_t paragraph;
  const ta_sentence *prev;
} cell;

static void cell_close(cell *c) {
  if (c->open) fputs(c->heading ? "</h2>" : "</p>", c->fp);
  c->open = false;
}

static void cell_sentence(cell *c, size_t i, size_t bead, const ta_bead *b) {
  const ta_sentence *s = ta_doc_sentence(c->d, i);
  if (!c->open || s->paragraph != c->paragraph) {
    cell_close(c);
    c->heading = ta__reader_is_heading(c->d, i);
    fputs(c->heading ? "<h2>" : "<p>", c->fp);
    c->open = true;
    c->paragraph = s->paragraph;
    c->prev = NULL;
  }
  /* no space between Chinese or Japanese sentences, as in TSV and TMX */
  if (c->prev && ta__seam_space(c->prev->text, c->prev->len, s->text, s->len))
    fputc(' ', c->fp);
  if (b->score < WEAK_SCORE)
    fprintf(c->fp,
            "<span class=\"weak\" data-bead=\"%zu\" title=\"uncertain: "
            "%zu-%zu, score %.2f\">",
            bead, b->src_len, b->tgt_len, b->score);
  else
    fprintf(c->fp, "<span data-bead=\"%zu\">", bead);
  ta__html_escape(c->fp, s->text, s->len);
  fputs("</span>", c->fp);
  c->prev = s;
}

static void write_cell(FILE *fp, const char *cls, const ta_doc *d, bool source,
                       const ta_alignment *a, size_t b0, size_t b1) {
  fprintf(fp, "<div class=\"%s\" lang=\"", cls);
  const char *lang = ta_doc_lang(d);
  ta__html_escape(fp, lang, strlen(lang));
  fputs("\" dir=\"auto\">", fp);
  cell c = {fp, d, false, false, 0, NULL};
  for (size_t k = b0; k < b1; k++) {
    const ta_bead *b = &a->beads[k];
    size_t begin = source ? b->src_begin : b->tgt_begin;
    size_t len = source ? b->src_len : b->tgt_len;
    for (size_t i = begin; i < begin + len; i++) cell_sentence(&c, i, k, b);
  }
  cell_close(&c);
  fputs("</div>", fp);
}

/* A row holds the beads of one source paragraph: a bead whose first
 * source sentence is in another paragraph than the row's starts the next
 * row; beads without source sentences stay with the row before them. */
void ta__reader_rows(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                     const ta_alignment *a, size_t b0, size_t b1) {
  size_t k = b0;
  while (k < b1) {
    size_t end = k + 1;
    bool has_src = a->beads[k].src_len > 0;
    size_t para =
        has_src ? ta_doc_sentence(src, a->beads[k].src_begin)->paragraph : 0;
    while (end < b1) {
      const ta_bead *b = &a->beads[end];
      if (b->src_len) {
        size_t p = ta_doc_sentence(src, b->src_begin)->paragraph;
        if (has_src && p != para) break;
        if (!has_src) { /* target-only beads so far: join this one */
          has_src = true;
          para = p;
        }
      }
      end++;
    }
    fputs("<div class=\"row\">", fp);
    write_cell(fp, "src", src, true, a, k, end);
    write_cell(fp, "tgt", tgt, false, a, k, end);
    fputs("</div>\n", fp);
    k = end;
  }
}

void ta__reader_langs(FILE *fp, const ta_doc *src, const ta_doc *tgt) {
  fputs("<div class=\"row langs\" aria-hidden=\"true\"><div>", fp);
  ta__html_escape(fp, ta_doc_lang(src), strlen(ta_doc_lang(src)));
  fputs("</div><div>", fp);
  ta__html_escape(fp, ta_doc_lang(tgt), strlen(ta_doc_lang(tgt)));
  fputs("</div></div>\n", fp);
}

void ta__reader_legend(FILE *fp, const ta_alignment *a) {
  size_t weak = 0;
  for (size_t k = 0; k < a->n; k++) weak += a->beads[k].score < WEAK_SCORE;
  fprintf(fp,
          "<p class=\"legend\">%zu aligned passages; <span "
          "class=\"weak\">%zu uncertain</span> (score below %.1f) are "
          "marked.</p>\n",
          a->n, weak, WEAK_SCORE);
}

ta_status ta__alignment_write_html(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a) {
  fputs("<!DOCTYPE html>\n<html lang=\"", fp);
  ta__html_escape(fp, ta_doc_lang(src), strlen(ta_doc_lang(src)));
  fputs(
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"tmxalign\">\n<title>",
      fp);
  ta__reader_title(fp, src);
  fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
          ta__reader_css);
  if (!ta__reader_is_heading(src, 0)) { /* else the first row is the title */
    fputs("<h1>", fp);
    ta__reader_title(fp, src);
    fputs("</h1>\n", fp);
  }
  ta__reader_legend(fp, a);
  ta__reader_langs(fp, src, tgt);
  ta__reader_rows(fp, src, tgt, a, 0, a->n);
  fputs("</body>\n</html>\n", fp);
  return TA_OK;
}
