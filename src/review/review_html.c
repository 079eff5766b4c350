/* The review page (review.h): a shell of HTML with the controls, the
 * documents and beads as one JSON object, and the script and style of
 * review.js and review.css, embedded at build time (cmake/embed.cmake
 * writes them into review_assets.c).  The script builds the rows.
 *
 * Everything the page shows comes from the JSON, inside
 * <script type="application/json">: its strings escape '<', '>' and '&'
 * (and U+2028, U+2029) as \u sequences, so no text can close the element
 * or start markup.  No URL of any kind is written: the page loads nothing. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "align/align.h"
#include "base/base.h"

extern const char ta__review_js[];
extern const char ta__review_css[];

void ta_review_opts_init(ta_review_opts *o) { memset(o, 0, sizeof *o); }

void ta_review_digest(const ta_doc *d, char out[17]) {
  uint64_t h = 1469598103934665603ull;
  size_t n = d ? ta_doc_count(d) : 0;
  for (size_t i = 0; i < n; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    for (size_t k = 0; k <= s->len; k++) {
      h ^= k < s->len ? (unsigned char)s->text[k] : '\n';
      h *= 1099511628211ull;
    }
  }
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* A JSON string safe inside a <script> element. */
static void jstr(FILE *fp, const char *s, size_t len) {
  fputc('"', fp);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      fprintf(fp, "\\%c", c);
    else if (c < 0x20 || c == '<' || c == '>' || c == '&')
      fprintf(fp, "\\u%04x", c);
    else if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0xa8 ||
              (unsigned char)s[i + 2] == 0xa9)) {
      fprintf(fp, "\\u%04x", (unsigned char)s[i + 2] == 0xa8 ? 0x2028 : 0x2029);
      i += 2;
    } else
      fputc(c, fp);
  }
  fputc('"', fp);
}

static void jstr0(FILE *fp, const char *s) { jstr(fp, s, s ? strlen(s) : 0); }

/* HTML text (the title). */
static void html(FILE *fp, const char *s) { ta__html_escape(fp, s, strlen(s)); }

static const char *base_name(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  return slash ? slash + 1 : path ? path : "";
}

static void sentences(FILE *fp, const ta_doc *d, char *const *edits) {
  fputc('[', fp);
  for (size_t i = 0; i < ta_doc_count(d); i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    fputs(i ? ",\n[" : "[", fp);
    jstr(fp, s->text, s->len);
    fprintf(fp, ",%zu", s->paragraph);
    if (edits && edits[i]) {
      fputc(',', fp);
      jstr0(fp, edits[i]);
    }
    fputc(']', fp);
  }
  fputc(']', fp);
}

static void data(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                 const ta_alignment *a, const ta_alignment_marks *m) {
  char ds[17], dt[17];
  ta_review_digest(src, ds);
  ta_review_digest(tgt, dt);
  /* the starting alignment, so that a saved review of another one is not
   * taken for this one's */
  uint64_t h = 1469598103934665603ull;
  size_t n = ta_alignment_count(a);
  for (size_t k = 0; k < n; k++) {
    const ta_bead *b = ta_alignment_bead(a, k);
    size_t v[2] = {b->src_len, b->tgt_len};
    for (int i = 0; i < 2; i++) {
      h ^= v[i] + 1;
      h *= 1099511628211ull;
    }
    if (m) {
      h ^= m->confirmed[k] ? 7 : 3;
      h *= 1099511628211ull;
    }
  }
  if (m) {
    h ^= m->edits;
    h *= 1099511628211ull;
  }
  fprintf(fp, "{\"version\":1,\"digest\":{\"src\":\"%s\",\"tgt\":\"%s\"},", ds,
          dt);
  fprintf(fp, "\"origin\":\"%016llx\",\"tool\":", (unsigned long long)h);
  jstr0(fp, ta_version_string());
  fputs(",\"srcName\":", fp);
  jstr0(fp, base_name(ta_doc_name(src)));
  fputs(",\"tgtName\":", fp);
  jstr0(fp, base_name(ta_doc_name(tgt)));
  fputs(",\"srcLang\":", fp);
  jstr0(fp, ta_doc_lang(src));
  fputs(",\"tgtLang\":", fp);
  jstr0(fp, ta_doc_lang(tgt));
  fputs(",\n\"src\":", fp);
  sentences(fp, src, m ? m->src_text : NULL);
  fputs(",\n\"tgt\":", fp);
  sentences(fp, tgt, m ? m->tgt_text : NULL);
  fputs(",\n\"beads\":[", fp);
  for (size_t k = 0; k < n; k++) {
    const ta_bead *b = ta_alignment_bead(a, k);
    fprintf(fp, "%s[%zu,%zu,%zu,%zu,", k ? (k % 8 ? "," : ",\n") : "",
            b->src_begin, b->src_len, b->tgt_begin, b->tgt_len);
    if (m && m->scored && !m->scored[k])
      fputs("null", fp); /* changed by the reviewer */
    else
      fprintf(fp, "%.4f", b->score);
    fprintf(fp, ",%d]", m && m->confirmed[k]);
  }
  fputs("]}", fp);
}

ta_status ta_review_write_html(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                               const ta_alignment *a, const ta_review_opts *o,
                               ta_error *err) {
  if (!fp || !src || !tgt || !a)
    return ta__fail(err, TA_EINVAL, "review: missing argument");
  ta_review_opts def;
  if (!o) ta_review_opts_init(&def), o = &def;
  const ta_alignment_marks *m = o->marks;
  if (m &&
      (m->nbeads != ta_alignment_count(a) || m->nsrc != ta_doc_count(src) ||
       m->ntgt != ta_doc_count(tgt) || !m->confirmed))
    return ta__fail(err, TA_EINVAL,
                    "review: the marks are of another alignment");
  const ta_bead *last = ta_alignment_bead(a, ta_alignment_count(a) - 1);
  if (ta_alignment_count(a)
          ? last->src_begin + last->src_len != ta_doc_count(src) ||
                last->tgt_begin + last->tgt_len != ta_doc_count(tgt)
          : ta_doc_count(src) || ta_doc_count(tgt))
    return ta__fail(err, TA_EINVAL,
                    "review: the alignment is not of these documents");
  fputs(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width\">\n"
      /* nothing is loaded, whatever the text holds */
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
      "<title>",
      fp);
  if (o->title) {
    html(fp, o->title);
  } else {
    fputs("Review: ", fp);
    html(fp, base_name(ta_doc_name(src)));
    fputs(" / ", fp);
    html(fp, base_name(ta_doc_name(tgt)));
  }
  fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
          ta__review_css);
  fputs(
      "<header id=\"ta-head\">\n<h1 id=\"ta-title\"></h1>\n"
      "<p><span id=\"ta-progress\" data-progress></span> "
      "<span id=\"ta-status\" role=\"status\"></span></p>\n"
      "<div class=\"bar\" role=\"toolbar\">\n"
      "<button data-action=\"src-up\" title=\"q\">source &uarr;</button>"
      "<button data-action=\"src-down\" title=\"a\">source &darr;</button>"
      "<button data-action=\"tgt-up\" title=\"p\">target &uarr;</button>"
      "<button data-action=\"tgt-down\" title=\"l\">target &darr;</button>"
      "<button data-action=\"merge-next\" title=\"m\">merge with next</button>"
      "<button data-action=\"split\" title=\"x\">split</button>"
      "<button data-action=\"insert-src\" title=\"i\">empty source "
      "cell</button>"
      "<button data-action=\"insert-tgt\" title=\"o\">empty target "
      "cell</button>"
      "<button data-action=\"edit\" title=\"e\">edit sentence</button>"
      "<button data-action=\"confirm\" title=\"c\">confirm</button>"
      "<button data-action=\"undo\" title=\"z\">undo</button>"
      "<button data-action=\"redo\" title=\"y\">redo</button>\n"
      "</div>\n<div class=\"bar\">\n"
      "<label><input type=\"checkbox\" data-action=\"filter-weakest\"> "
      "weakest first</label> "
      "<label><input type=\"checkbox\" data-action=\"filter-unconfirmed\"> "
      "not yet confirmed</label> "
      "<span class=\"sep\"></span>"
      "<button data-action=\"confirm-above\">confirm all scoring &ge;</button>"
      "<input id=\"ta-threshold\" type=\"number\" min=\"0\" max=\"1\" "
      "step=\"0.05\" value=\"0.9\"> "
      "<span class=\"sep\"></span>"
      "export: <button data-action=\"export-tmx\">TMX</button>"
      "<button data-action=\"export-tmx-confirmed\">TMX, confirmed "
      "only</button>"
      "<button data-action=\"export-tsv\">TSV</button>"
      "<button data-action=\"export-jsonl\">JSON lines</button>\n"
      "</div>\n"
      "<details id=\"ta-keys\"><summary>Keyboard shortcuts</summary>\n"
      "<table>"
      "<tr><td><kbd>&darr;</kbd> <kbd>j</kbd> / <kbd>&uarr;</kbd> "
      "<kbd>k</kbd></td><td>next / previous row</td></tr>"
      "<tr><td><kbd>q</kbd> / <kbd>a</kbd></td><td>first source sentence "
      "up into the previous row / last one down into the next</td></tr>"
      "<tr><td><kbd>p</kbd> / <kbd>l</kbd></td><td>the same for the "
      "target</td></tr>"
      "<tr><td><kbd>m</kbd></td><td>merge the row with the next</td></tr>"
      "<tr><td><kbd>x</kbd></td><td>split the row before the clicked "
      "sentence (in the middle if none)</td></tr>"
      "<tr><td><kbd>i</kbd> / <kbd>o</kbd></td><td>an empty source / "
      "target cell: the row's source / target moves into the next "
      "row</td></tr>"
      "<tr><td><kbd>e</kbd></td><td>edit the clicked sentence "
      "(<kbd>Enter</kbd> keeps, <kbd>Esc</kbd> cancels)</td></tr>"
      "<tr><td><kbd>c</kbd> <kbd>Space</kbd></td><td>confirm the row (or "
      "take the confirmation back)</td></tr>"
      "<tr><td><kbd>z</kbd> <kbd>Ctrl+Z</kbd> / <kbd>y</kbd> "
      "<kbd>Ctrl+Y</kbd></td><td>undo / redo</td></tr>"
      "</table></details>\n</header>\n"
      "<noscript><p>This page needs JavaScript to show the "
      "alignment.</p></noscript>\n"
      "<table id=\"ta-rows\"><colgroup><col class=\"cn\"><col class=\"cs\">"
      "<col class=\"cs\"><col class=\"cc\"></colgroup>\n"
      "<thead><tr><th>#</th><th id=\"ta-src-name\"></th>"
      "<th id=\"ta-tgt-name\"></th><th>score</th></tr></thead>\n"
      "<tbody></tbody></table>\n"
      "<script type=\"application/json\" id=\"ta-data\">",
      fp);
  data(fp, src, tgt, a, m);
  fprintf(fp, "</script>\n<script>\n%s</script>\n</body>\n</html>\n",
          ta__review_js);
  if (fflush(fp) || ferror(fp))
    return ta__fail(err, TA_EIO, "review: write failed: %s", strerror(errno));
  return TA_OK;
}
