/* The HTML check report: one self-contained page (inline CSS, no script,
 * no external asset).  A summary with the verdict and a linked list of the
 * findings, then the whole document pair as one table row per bead, source
 * and target side by side, rows with findings coloured by severity and the
 * sentences a finding names underlined.
 *
 * Stays light on long documents: plain rows and spans, no nested layout,
 * so a 5,000-sentence pair is a few MB of plain HTML.  All text escaped. */
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

static const char css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 1.5em;color:#222}"
    "h1{font-size:1.35em;margin:.6em 0 .3em}"
    ".verdict{display:inline-block;padding:.15em .7em;border-radius:4px;"
    "color:#fff;font-weight:bold}.ok{background:#2a7d2e}.bad{background:#"
    "c62828}"
    "table.sum{border-collapse:collapse;margin:.6em 0}"
    "table.sum td,table.sum th{padding:.15em .8em;border:1px solid #ddd;"
    "text-align:left}"
    "table.fl{border-collapse:collapse;width:100%;table-layout:fixed;"
    "font-size:.88em;margin:.5em 0}"
    "table.fl td,table.fl th{padding:.2em .4em;border-bottom:1px solid #eee;"
    "text-align:left;vertical-align:top;overflow:hidden;white-space:nowrap;"
    "text-overflow:ellipsis}"
    "table.fl td.msg{white-space:normal}"
    ".counts span{margin-right:1.2em}.counts b{font-size:1.1em}"
    ".counts .fail{color:#c62828}"
    "a{color:#0b57d0}"
    ".tag{display:inline-block;padding:0 .4em;border-radius:3px;"
    "font-size:.8em;font-weight:bold;color:#fff;margin-right:.3em}"
    ".tag.error{background:#c62828}.tag.warning{background:#b26a00}"
    ".tag.info{background:#1565c0}"
    "table.al{border-collapse:collapse;width:100%;table-layout:fixed;"
    "margin-top:1em}"
    "table.al th{position:sticky;top:0;background:#eee;text-align:left;"
    "padding:.3em}"
    "table.al td{vertical-align:top;padding:.25em .4em;"
    "border-top:1px solid #eee}"
    "table.al tr.pb td{border-top:2px solid #bbb}"
    "td.n{color:#888;font-size:.8em}td.fx{font-size:.85em}"
    "tr.error td{background:#fde8e8}tr.warning td{background:#fff6dc}"
    "tr.info td{background:#eaf2fd}"
    "td.gap{color:#c62828;font-style:italic}"
    "span.hl{text-decoration:underline wavy #c62828;"
    "text-decoration-skip-ink:none}"
    ".muted{color:#777}";

static void esc(FILE *fp, const char *s) { ta__html_escape(fp, s, strlen(s)); }

/* The first sentence of a span, cut by CSS to one line. */
static void excerpt(FILE *fp, const ta_doc *d, const ta_check_span *sp) {
  if (!sp->len) {
    fputs("<span class=\"muted\">&mdash;</span>", fp);
    return;
  }
  const ta_sentence *s = ta_doc_sentence(d, sp->begin);
  /* a long sentence is cut at 300 bytes (on a character boundary): the
   * cell shows one line anyway */
  size_t n = s->len < 300 ? s->len : 300;
  while (n < s->len && n > 0 && ((unsigned char)s->text[n] & 0xC0) == 0x80) n--;
  ta__html_escape(fp, s->text, n);
}

static void summary(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                    const ta_check_report *r) {
  const ta_check_summary *s = &r->summary;
  fputs("<h1>Translation check: ", fp);
  esc(fp, ta_doc_name(src));
  fputs(" &rarr; ", fp);
  esc(fp, ta_doc_name(tgt));
  fprintf(fp,
          "</h1>\n<p><span class=\"verdict %s\">%s</span> "
          "coverage %.1f%% of sentences (%zu of %zu), %.1f%% of characters; "
          "minimum %.1f%%. Mean alignment confidence %.3f.</p>\n",
          s->complete ? "ok" : "bad", s->complete ? "complete" : "incomplete",
          100 * s->coverage, s->src_translated, s->src_sentences,
          100 * s->char_coverage, 100 * r->opts.min_coverage,
          s->mean_confidence);
  char why[1024];
  if (ta__check_reason(r, why, sizeof why)) {
    fputs("<p class=\"why\">Why: ", fp);
    esc(fp, why);
    fputs("</p>\n", fp);
  }
  /* counts of warnings and errors by kind; info-level hints apart */
  size_t serious[TA_FINDING_KIND_COUNT] = {0},
         hints[TA_FINDING_KIND_COUNT] = {0};
  ta__check_count(r, serious, hints);
  fputs("<p class=\"counts\">", fp);
  for (int k = 0; k < TA_FINDING_KIND_COUNT; k++) {
    fprintf(fp, "<span%s><b>%zu</b> %s",
            serious[k] && (r->opts.fail_on & TA_CHECK_KIND_BIT(k))
                ? " class=\"fail\""
                : "",
            serious[k], ta_finding_kind_name((ta_finding_kind)k));
    if (hints[k])
      fprintf(fp, " <small class=\"muted\">(+%zu info)</small>", hints[k]);
    fputs("</span>", fp);
  }
  fprintf(fp,
          "<span class=\"muted\">+ %zu info in all; red: fails the "
          "check</span></p>\n",
          s->by_severity[TA_SEVERITY_INFO]);
  if (!r->n) {
    fputs("<p>No findings.</p>\n", fp);
    return;
  }
  fputs(
      "<table class=\"fl\"><colgroup><col style=\"width:9em\">"
      "<col style=\"width:9.5em\"><col style=\"width:30%\"><col><col>"
      "</colgroup>\n<tr><th>where</th><th>finding</th><th>what</th>"
      "<th>source</th><th>target</th></tr>\n",
      fp);
  /* errors first, then warnings, then info; in document order within */
  for (int sev = TA_SEVERITY_ERROR; sev >= TA_SEVERITY_INFO; sev--)
    for (size_t i = 0; i < r->n; i++) {
      const ta_finding *f = r->order[i];
      if ((int)f->severity != sev) continue;
      bool tgt_side =
          f->kind == TA_FINDING_ADDITION || f->kind == TA_FINDING_UNTRANSLATED;
      fprintf(fp,
              "<tr%s><td><a href=\"#f%zu\">%s line %zu</a></td><td><span "
              "class=\"tag %s\">%s</span></td><td class=\"msg\">",
              sev == TA_SEVERITY_INFO ? " class=\"muted\"" : "", i + 1,
              tgt_side ? "target" : "source",
              tgt_side ? f->tgt.line : f->src.line,
              ta_severity_name(f->severity), ta_finding_kind_name(f->kind));
      esc(fp, f->message);
      fputs("</td><td>", fp);
      excerpt(fp, src, &f->src);
      fputs("</td><td>", fp);
      excerpt(fp, tgt, &f->tgt);
      fputs("</td></tr>\n", fp);
    }
  fputs("</table>\n", fp);
}

/* One side of a bead: its sentences, those a finding names underlined. */
static void cell(FILE *fp, const ta_doc *d, size_t begin, size_t len,
                 const unsigned char *mark) {
  if (!len) {
    fputs("<td class=\"gap\">&mdash; nothing &mdash;</td>", fp);
    return;
  }
  fprintf(fp, "<td lang=\"");
  esc(fp, ta_doc_lang(d));
  fputs("\">", fp);
  for (size_t i = begin; i < begin + len; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i), *p;
    bool space =
        i > begin && (p = ta_doc_sentence(d, i - 1),
                      ta__seam_space(p->text, p->len, s->text, s->len));
    fprintf(fp, "%s<span%s title=\"line %zu\">", space ? " " : "",
            mark[i] ? " class=\"hl\"" : "", s->line);
    ta__html_escape(fp, s->text, s->len);
    fputs("</span>", fp);
  }
  fputs("</td>", fp);
}

ta_status ta__check_write_html(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                               const ta_alignment *al,
                               const ta_check_report *r) {
  size_t nb = ta_alignment_count(al), ns = ta_doc_count(src),
         nt = ta_doc_count(tgt);
  int *worst = ta__malloc((nb ? nb : 1) * sizeof *worst);
  unsigned char *ms = ta__calloc(ns ? ns : 1, 1),
                *mt = ta__calloc(nt ? nt : 1, 1);
  if (!worst || !ms || !mt) {
    free(worst);
    free(ms);
    free(mt);
    return TA_ENOMEM;
  }
  for (size_t k = 0; k < nb; k++) worst[k] = -1;
  for (size_t i = 0; i < r->n; i++) {
    const ta_finding *f = r->order[i];
    for (size_t k = f->bead; k < f->bead + f->nbeads && k < nb; k++)
      if ((int)f->severity > worst[k]) worst[k] = (int)f->severity;
    /* a finding narrower than its bead names its sentences */
    const ta_bead *b = ta_alignment_bead(al, f->bead);
    if (f->nbeads == 1 && f->src.len && f->src.len < b->src_len)
      for (size_t j = f->src.begin; j < f->src.begin + f->src.len; j++)
        ms[j] = 1;
    if (f->nbeads == 1 && f->tgt.len && f->tgt.len < b->tgt_len)
      for (size_t j = f->tgt.begin; j < f->tgt.begin + f->tgt.len; j++)
        mt[j] = 1;
  }
  fputs(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>tmxalign check: ",
      fp);
  esc(fp, ta_doc_name(src));
  fprintf(fp, "</title>\n<style>%s</style></head>\n<body>\n", css);
  summary(fp, src, tgt, r);
  fputs(
      "<table class=\"al\"><colgroup><col style=\"width:3.5em\"><col>"
      "<col><col style=\"width:22%\"></colgroup>\n<thead><tr><th>#</th>"
      "<th>source (",
      fp);
  esc(fp, ta_doc_lang(src));
  fputs(")</th><th>target (", fp);
  esc(fp, ta_doc_lang(tgt));
  fputs(")</th><th>findings</th></tr></thead>\n<tbody>\n", fp);
  size_t fi = 0, prev_para = (size_t)-1;
  for (size_t k = 0; k < nb; k++) {
    const ta_bead *b = ta_alignment_bead(al, k);
    size_t para =
        b->src_len ? ta_doc_sentence(src, b->src_begin)->paragraph : prev_para;
    bool pb = k > 0 && para != prev_para;
    prev_para = para;
    fprintf(fp, "<tr id=\"b%zu\"", k + 1);
    if (worst[k] >= 0 || pb)
      fprintf(fp, " class=\"%s%s%s\"",
              worst[k] >= 0 ? ta_severity_name((ta_severity)worst[k]) : "",
              worst[k] >= 0 && pb ? " " : "", pb ? "pb" : "");
    fprintf(fp, "><td class=\"n\" title=\"confidence %.2f\">%zu</td>", b->score,
            k + 1);
    cell(fp, src, b->src_begin, b->src_len, ms);
    cell(fp, tgt, b->tgt_begin, b->tgt_len, mt);
    fputs("<td class=\"fx\">", fp);
    for (; fi < r->n && r->order[fi]->bead == k; fi++) {
      const ta_finding *f = r->order[fi];
      fprintf(fp, "<div id=\"f%zu\"><span class=\"tag %s\">%s</span>", fi + 1,
              ta_severity_name(f->severity), ta_finding_kind_name(f->kind));
      esc(fp, f->message);
      fputs("</div>", fp);
    }
    fputs("</td></tr>\n", fp);
  }
  fputs("</tbody></table>\n<p class=\"muted\">tmxalign ", fp);
  esc(fp, ta_version_string());
  fputs("</p>\n</body></html>\n", fp);
  free(worst);
  free(ms);
  free(mt);
  return ferror(fp) ? TA_EIO : TA_OK;
}
