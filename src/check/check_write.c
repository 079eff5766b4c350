/* Check reports as text (one finding a line, grep-able, optional ANSI
 * colour) and as JSON (schema in docs/check-schema.md, version
 * TA_CHECK_SCHEMA_VERSION).  The HTML page is check_html.c; the batch
 * index is check_index.c.
 *
 * Does not decide anything: every figure comes from the report. */
#include <string.h>

#include "check/check_int.h"

/* Text lines show at most this many code points of each side. */
#define TEXT_SNIPPET 120

/* Is the finding about the target first (there is no source text)? */
static bool target_first(const ta_finding *f) {
  return f->kind == TA_FINDING_ADDITION || f->kind == TA_FINDING_UNTRANSLATED;
}

static void snippet(FILE *fp, const ta_doc *d, const ta_check_span *sp) {
  fputs("\xC2\xAB", fp); /* « */
  size_t shown = 0;
  for (size_t i = sp->begin; i < sp->begin + sp->len; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i), *p;
    if (i > sp->begin && (p = ta_doc_sentence(d, i - 1),
                          ta__seam_space(p->text, p->len, s->text, s->len)))
      fputc(' ', fp);
    for (size_t k = 0; k < s->len; k++) {
      unsigned char ch = (unsigned char)s->text[k];
      if ((ch & 0xC0) != 0x80 && ++shown > TEXT_SNIPPET) {
        fputs("\xE2\x80\xA6", fp); /* … */
        goto out;
      }
      fputc(ch < 0x20 ? ' ' : ch, fp);
    }
  }
out:
  fputs("\xC2\xBB", fp); /* » */
}

static const char *const sev_color[3] = {"\033[36m", "\033[33m", "\033[1;31m"};

static void verdict_line(FILE *fp, const ta_check_report *r, bool color) {
  const ta_check_summary *s = &r->summary;
  fprintf(fp,
          "# verdict: %s%s%s (coverage %.1f%% of sentences, %.1f%% of "
          "characters; minimum %.1f%%)\n",
          color ? (s->complete ? "\033[1;32m" : "\033[1;31m") : "",
          s->complete ? "complete" : "incomplete", color ? "\033[0m" : "",
          100 * s->coverage, 100 * s->char_coverage,
          100 * r->opts.min_coverage);
  char why[1024];
  if (ta__check_reason(r, why, sizeof why)) fprintf(fp, "# why: %s\n", why);
}

ta_status ta__check_write_text(FILE *fp, bool color, const ta_doc *src,
                               const ta_doc *tgt, const ta_check_report *r) {
  const ta_check_summary *s = &r->summary;
  fprintf(fp,
          "# tmxalign check: %s (%s, %zu sentences) -> %s (%s, %zu "
          "sentences)\n",
          ta_doc_name(src), ta_doc_lang(src), s->src_sentences,
          ta_doc_name(tgt), ta_doc_lang(tgt), s->tgt_sentences);
  verdict_line(fp, r, color);
  /* counted as the HTML header counts: warnings and errors by kind, the
   * info-level hints of a kind apart */
  size_t serious[TA_FINDING_KIND_COUNT] = {0},
         hints[TA_FINDING_KIND_COUNT] = {0};
  ta__check_count(r, serious, hints);
  size_t hard = r->n - s->by_severity[TA_SEVERITY_INFO];
  fprintf(fp, "# findings: %zu %s, %zu info (", hard,
          hard == 1 ? "warning or error" : "warnings and errors",
          s->by_severity[TA_SEVERITY_INFO]);
  for (int k = 0; k < TA_FINDING_KIND_COUNT; k++) {
    fprintf(fp, "%s%s %zu", k ? ", " : "",
            ta_finding_kind_name((ta_finding_kind)k), serious[k]);
    if (hints[k]) fprintf(fp, " (+%zu info)", hints[k]);
  }
  fprintf(fp, "); mean alignment confidence %.3f\n", s->mean_confidence);
  for (size_t i = 0; i < r->n; i++) {
    const ta_finding *f = r->order[i];
    bool tf = target_first(f);
    const ta_doc *d1 = tf ? tgt : src, *d2 = tf ? src : tgt;
    const ta_check_span *p1 = tf ? &f->tgt : &f->src,
                        *p2 = tf ? &f->src : &f->tgt;
    fprintf(fp, "%s:%zu: %s%s%s: %s: %s", ta_doc_name(d1), p1->line,
            color ? sev_color[f->severity] : "", ta_finding_kind_name(f->kind),
            color ? "\033[0m" : "", ta_severity_name(f->severity), f->message);
    if (!f->src.len && !f->tgt.len) {
      /* about the whole pair: no place on the other side, no text */
      fputc('\n', fp);
      continue;
    }
    fprintf(fp, " [%s:%zu]: ", ta_doc_name(d2), p2->line);
    if (f->src.len) snippet(fp, src, &f->src);
    if (f->tgt.len) {
      fputs(f->src.len ? " => " : "=> ", fp);
      snippet(fp, tgt, &f->tgt);
    }
    fputc('\n', fp);
  }
  return ferror(fp) ? TA_EIO : TA_OK;
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_side(FILE *fp, const char *key, const ta_doc *d,
                      const ta_check_span *sp) {
  fprintf(fp, "\"%s\":{\"sentences\":[", key);
  for (size_t i = 0; i < sp->len; i++)
    fprintf(fp, "%s%zu", i ? "," : "", sp->begin + i);
  fprintf(fp,
          "],\"at\":%zu,\"paragraph\":%zu,\"line\":%zu,\"offset\":%zu,"
          "\"end\":%zu,\"text\":",
          sp->begin, sp->paragraph, sp->line, sp->offset, sp->end);
  fputc('"', fp);
  for (size_t i = sp->begin; i < sp->begin + sp->len; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i), *p;
    if (i > sp->begin && (p = ta_doc_sentence(d, i - 1),
                          ta__seam_space(p->text, p->len, s->text, s->len)))
      fputc(' ', fp);
    ta__json_chars(fp, s->text, s->len);
  }
  fputc('"', fp);
  fputc('}', fp);
}

static void json_doc(FILE *fp, const char *key, const ta_doc *d) {
  fprintf(fp, "\"%s\":{\"file\":", key);
  ta__json_string(fp, ta_doc_name(d), strlen(ta_doc_name(d)));
  fprintf(fp, ",\"lang\":");
  ta__json_string(fp, ta_doc_lang(d), strlen(ta_doc_lang(d)));
  fprintf(fp, ",\"sentences\":%zu,\"paragraphs\":%zu}", ta_doc_count(d),
          ta_doc_paragraph_count(d));
}

static void json_kinds(FILE *fp, unsigned mask) {
  fputc('[', fp);
  bool first = true;
  for (int k = 0; k < TA_FINDING_KIND_COUNT; k++)
    if (mask & TA_CHECK_KIND_BIT(k)) {
      fprintf(fp, "%s\"%s\"", first ? "" : ",",
              ta_finding_kind_name((ta_finding_kind)k));
      first = false;
    }
  fputc(']', fp);
}

ta_status ta__check_write_json(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                               const ta_check_report *r) {
  const ta_check_summary *s = &r->summary;
  fprintf(fp, "{\"schema\":\"tmxalign-check\",\"version\":%d,\n",
          TA_CHECK_SCHEMA_VERSION);
  json_doc(fp, "source", src);
  fputs(",\n", fp);
  json_doc(fp, "target", tgt);
  fprintf(fp, ",\n\"thresholds\":{\"min_coverage\":%.4f,\"fail_on\":",
          r->opts.min_coverage);
  json_kinds(fp, r->opts.fail_on);
  fprintf(fp, ",\"checked\":");
  json_kinds(fp, r->opts.kinds);
  fprintf(fp,
          ",\"length_z\":%.2f,\"partial_threshold\":%.2f,"
          "\"hint_threshold\":%.2f,\"untranslated_share\":%.2f,"
          "\"mostly_untranslated\":%.2f,\"unaligned_share\":%.2f,"
          "\"min_probability\":%.2f},\n",
          r->opts.length_z, r->opts.partial_threshold, r->opts.hint_threshold,
          r->opts.untranslated_share, r->opts.mostly_untranslated,
          r->opts.unaligned_share, r->opts.min_probability);
  char why[1024];
  ta__check_reason(r, why, sizeof why);
  fprintf(fp, "\"summary\":{\"verdict\":\"%s\",\"reason\":",
          s->complete ? "complete" : "incomplete");
  ta__json_string(fp, why, strlen(why));
  fprintf(fp,
          ",\"coverage\":%.4f,"
          "\"char_coverage\":%.4f,\"source_sentences\":%zu,"
          "\"source_translated\":%zu,\"source_chars\":%zu,"
          "\"source_chars_translated\":%zu,\"target_sentences\":%zu,"
          "\"target_added\":%zu,\"mean_confidence\":%.4f,\"findings\":%zu,"
          "\"by_kind\":{",
          s->coverage, s->char_coverage, s->src_sentences, s->src_translated,
          s->src_chars, s->src_chars_translated, s->tgt_sentences, s->tgt_added,
          s->mean_confidence, r->n);
  for (int k = 0; k < TA_FINDING_KIND_COUNT; k++)
    fprintf(fp, "%s\"%s\":%zu", k ? "," : "",
            ta_finding_kind_name((ta_finding_kind)k), s->by_kind[k]);
  fprintf(fp,
          "},\"by_severity\":{\"info\":%zu,\"warning\":%zu,"
          "\"error\":%zu}},\n\"findings\":[",
          s->by_severity[0], s->by_severity[1], s->by_severity[2]);
  for (size_t i = 0; i < r->n; i++) {
    const ta_finding *f = r->order[i];
    fprintf(fp,
            "%s\n{\"id\":%zu,\"kind\":\"%s\",\"severity\":\"%s\","
            "\"bead\":%zu,\"beads\":%zu,\"value\":%.4f,"
            "\"whole_paragraph\":%s,\"message\":",
            i ? "," : "", i + 1, ta_finding_kind_name(f->kind),
            ta_severity_name(f->severity), f->bead, f->nbeads, f->value,
            f->whole_paragraph ? "true" : "false");
    ta__json_string(fp, f->message, strlen(f->message));
    if (f->probability >= 0)
      fprintf(fp, ",\"probability\":%.4f", f->probability);
    else
      fputs(",\"probability\":null", fp);
    fputc(',', fp);
    json_side(fp, "source", src, &f->src);
    fputc(',', fp);
    json_side(fp, "target", tgt, &f->tgt);
    fputc('}', fp);
  }
  fputs("\n]}\n", fp);
  return ferror(fp) ? TA_EIO : TA_OK;
}
