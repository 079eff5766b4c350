/* The index of a batch check: one line (text), object (JSON) or table row
 * (HTML) per document pair, worst first, with its verdict, coverage and
 * counts, linking to the pair's own report.
 *
 * Does not run the checks: the caller (ta_check_batch, check_run.c) does,
 * pair by pair, and hands over the summaries. */
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

static size_t errors_of(const ta_check_index_entry *e) {
  return e->summary.by_severity[TA_SEVERITY_ERROR];
}

/* Failed pairs first, then incomplete ones, then by coverage, then by the
 * number of errors and warnings; then the source path. */
static int cmp_entry(const void *x, const void *y) {
  const ta_check_index_entry *a = x, *b = y;
  if ((a->status != TA_OK) != (b->status != TA_OK))
    return a->status != TA_OK ? -1 : 1;
  if (a->summary.complete != b->summary.complete)
    return a->summary.complete ? 1 : -1;
  if (a->summary.coverage != b->summary.coverage)
    return a->summary.coverage < b->summary.coverage ? -1 : 1;
  if (errors_of(a) != errors_of(b)) return errors_of(a) > errors_of(b) ? -1 : 1;
  size_t wa = a->summary.by_severity[TA_SEVERITY_WARNING],
         wb = b->summary.by_severity[TA_SEVERITY_WARNING];
  if (wa != wb) return wa > wb ? -1 : 1;
  int c =
      strcmp(a->src_path ? a->src_path : "", b->src_path ? b->src_path : "");
  if (!c)
    c = strcmp(a->tgt_path ? a->tgt_path : "", b->tgt_path ? b->tgt_path : "");
  if (!c) /* one pair listed twice: its reports are numbered */
    c = strcmp(a->report_path ? a->report_path : "",
               b->report_path ? b->report_path : "");
  return c;
}

static const char *verdict(const ta_check_index_entry *e) {
  if (e->status != TA_OK) return "error";
  return e->summary.complete ? "complete" : "incomplete";
}

static void write_text(FILE *fp, const ta_check_index_entry *e, size_t n) {
  fprintf(fp,
          "# tmxalign check index: %zu pairs, worst first\n"
          "# verdict\tcoverage\terrors\twarnings\tsource\ttarget\treport\n",
          n);
  for (size_t i = 0; i < n; i++) {
    fprintf(fp, "%s\t%.4f\t%zu\t%zu\t%s\t%s\t%s\n", verdict(&e[i]),
            e[i].summary.coverage, errors_of(&e[i]),
            e[i].summary.by_severity[TA_SEVERITY_WARNING], e[i].src_path,
            e[i].tgt_path,
            e[i].status != TA_OK ? (e[i].error ? e[i].error : "")
                                 : (e[i].report_path ? e[i].report_path : ""));
  }
}

static void json_str(FILE *fp, const char *s) {
  if (s)
    ta__json_string(fp, s, strlen(s));
  else
    fputs("null", fp);
}

static void write_json(FILE *fp, const ta_check_index_entry *e, size_t n) {
  fprintf(fp,
          "{\"schema\":\"tmxalign-check-index\",\"version\":%d,"
          "\"pairs\":[",
          TA_CHECK_SCHEMA_VERSION);
  for (size_t i = 0; i < n; i++) {
    const ta_check_summary *s = &e[i].summary;
    fprintf(fp, "%s\n{\"verdict\":\"%s\",\"source\":", i ? "," : "",
            verdict(&e[i]));
    json_str(fp, e[i].src_path);
    fputs(",\"target\":", fp);
    json_str(fp, e[i].tgt_path);
    fputs(",\"report\":", fp);
    json_str(fp, e[i].report_path);
    fputs(",\"error\":", fp);
    json_str(fp, e[i].status != TA_OK ? e[i].error : NULL);
    fprintf(fp,
            ",\"coverage\":%.4f,\"char_coverage\":%.4f,"
            "\"mean_confidence\":%.4f,\"by_kind\":{",
            s->coverage, s->char_coverage, s->mean_confidence);
    for (int k = 0; k < TA_FINDING_KIND_COUNT; k++)
      fprintf(fp, "%s\"%s\":%zu", k ? "," : "",
              ta_finding_kind_name((ta_finding_kind)k), s->by_kind[k]);
    fputs("}}", fp);
  }
  fputs("\n]}\n", fp);
}

static void write_html(FILE *fp, const ta_check_index_entry *e, size_t n) {
  fprintf(fp,
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset="
          "\"utf-8\"><title>tmxalign check index</title><style>"
          "body{font:15px/1.45 system-ui,sans-serif;margin:1em 1.5em}"
          "table{border-collapse:collapse}td,th{padding:.2em .7em;"
          "border:1px solid #ddd;text-align:left}"
          ".error,.incomplete{color:#c62828;font-weight:bold}"
          ".complete{color:#2a7d2e}</style></head>\n<body>\n"
          "<h1>Translation check: %zu pairs, worst first</h1>\n<table>"
          "<tr><th>verdict</th><th>coverage</th><th>errors</th>"
          "<th>warnings</th><th>source</th><th>target</th></tr>\n",
          n);
  for (size_t i = 0; i < n; i++) {
    const char *v = verdict(&e[i]);
    fprintf(fp, "<tr><td class=\"%s\">", v);
    if (e[i].report_path && e[i].status == TA_OK) {
      fputs("<a href=\"", fp);
      ta__html_escape(fp, e[i].report_path, strlen(e[i].report_path));
      fprintf(fp, "\">%s</a>", v);
    } else {
      fputs(v, fp);
    }
    fprintf(fp, "</td><td>%.1f%%</td><td>%zu</td><td>%zu</td><td>",
            100 * e[i].summary.coverage, errors_of(&e[i]),
            e[i].summary.by_severity[TA_SEVERITY_WARNING]);
    ta__html_escape(fp, e[i].src_path, strlen(e[i].src_path));
    fputs("</td><td>", fp);
    ta__html_escape(fp, e[i].tgt_path, strlen(e[i].tgt_path));
    if (e[i].status != TA_OK && e[i].error) {
      fputs("<br>", fp);
      ta__html_escape(fp, e[i].error, strlen(e[i].error));
    }
    fputs("</td></tr>\n", fp);
  }
  fputs("</table>\n</body></html>\n", fp);
}

ta_status ta_check_index_write(FILE *fp, ta_check_format format,
                               ta_check_index_entry *entries, size_t n,
                               ta_error *err) {
  if (!fp || (n && !entries))
    return ta__fail(err, TA_EINVAL, "check index: missing argument");
  if (n > 1) qsort(entries, n, sizeof *entries, cmp_entry);
  switch (format) {
    case TA_CHECK_FORMAT_TEXT:
    case TA_CHECK_FORMAT_TEXT_COLOR:
      write_text(fp, entries, n);
      break;
    case TA_CHECK_FORMAT_JSON:
      write_json(fp, entries, n);
      break;
    case TA_CHECK_FORMAT_HTML:
      write_html(fp, entries, n);
      break;
    default:
      return ta__fail(err, TA_EINVAL, "check index: unknown format %d",
                      (int)format);
  }
  if (fflush(fp) != 0 || ferror(fp))
    return ta__fail(err, TA_EIO, "check index: write failed");
  return TA_OK;
}
