/* Alignment output as TSV, JSON lines or gold-standard beads; the reader
 * page, book and spreadsheet have files of their own (align_html.c,
 * align_epub.c, align_xlsx.c) and TMX its own writer (tmx_write.c). */
#include <errno.h>
#include <string.h>

#include "align/align.h"

/* Sentences [begin, begin+len) joined by one space (none between Chinese
 * or Japanese sentences: ta__seam_space); TSV-breaking
 * characters become spaces so that a row stays a row. */
static void write_side_tsv(FILE *fp, const ta_doc *d, size_t begin,
                           size_t len) {
  for (size_t k = begin; k < begin + len; k++) {
    const ta_sentence *s = ta_doc_sentence(d, k), *p;
    if (k > begin && (p = ta_doc_sentence(d, k - 1),
                      ta__seam_space(p->text, p->len, s->text, s->len)))
      fputc(' ', fp);
    for (size_t i = 0; i < s->len; i++) {
      char ch = s->text[i];
      fputc(ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch, fp);
    }
  }
}

static void write_indices(FILE *fp, size_t begin, size_t len) {
  fputc('[', fp);
  for (size_t k = begin; k < begin + len; k++)
    fprintf(fp, k > begin ? ", %zu" : "%zu", k);
  fputc(']', fp);
}

static void write_side_json(FILE *fp, const char *name, const ta_doc *d,
                            size_t begin, size_t len) {
  fprintf(fp, "\"%s\":{\"sentences\":", name);
  write_indices(fp, begin, len);
  if (len) {
    const ta_sentence *first = ta_doc_sentence(d, begin);
    const ta_sentence *last = ta_doc_sentence(d, begin + len - 1);
    fprintf(fp, ",\"offset\":%zu,\"end\":%zu,\"line\":%zu,\"paragraph\":%zu",
            first->offset, last->end, first->line, first->paragraph);
  }
  fputs(",\"text\":", fp);
  /* the texts joined as in TSV */
  fputc('"', fp);
  for (size_t k = begin; k < begin + len; k++) {
    const ta_sentence *s = ta_doc_sentence(d, k), *p;
    if (k > begin && (p = ta_doc_sentence(d, k - 1),
                      ta__seam_space(p->text, p->len, s->text, s->len)))
      fputc(' ', fp);
    ta__json_chars(fp, s->text, s->len);
  }
  fputs("\"}", fp);
}

static void write_jsonl(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                        const ta_bead *b) {
  fprintf(fp, "{\"type\":\"%zu-%zu\",", b->src_len, b->tgt_len);
  write_side_json(fp, "source", src, b->src_begin, b->src_len);
  fputc(',', fp);
  write_side_json(fp, "target", tgt, b->tgt_begin, b->tgt_len);
  fprintf(fp, ",\"score\":%.4f,\"cost\":{\"total\":%.4f,\"length\":%.4f",
          b->score, b->cost, b->cost_length);
  for (int k = 0; k < TA_ANCHOR_COUNT; k++)
    fprintf(fp, ",\"%s\":%.4f", ta_anchor_name((ta_anchor_kind)k),
            b->cost_anchor[k]);
  fprintf(fp, ",\"chance\":%.4f,\"prior\":%.4f,\"paragraph\":%.4f}}\n",
          b->cost_chance, b->cost_prior, b->cost_paragraph);
}

ta_status ta_alignment_write(FILE *fp, ta_align_format format,
                             const ta_doc *src, const ta_doc *tgt,
                             const ta_alignment *a, ta_error *err) {
  if (!fp || !src || !tgt || !a)
    return ta__fail(err, TA_EINVAL, "write: missing argument");
  ta_status st = TA_OK;
  switch (format) { /* whole documents, not a line a bead */
    case TA_ALIGN_FORMAT_HTML:
      st = ta__alignment_write_html(fp, src, tgt, a);
      break;
    case TA_ALIGN_FORMAT_XLSX:
      st = ta__alignment_write_xlsx(fp, src, tgt, a, err);
      break;
    case TA_ALIGN_FORMAT_EPUB:
      st = ta__alignment_write_epub(fp, src, tgt, a, err);
      break;
    default:
      goto lines;
  }
  if (st == TA_OK && ferror(fp))
    return ta__fail(err, TA_EIO, "write error: %s", strerror(errno));
  return st;
lines:
  for (size_t k = 0; k < a->n; k++) {
    const ta_bead *b = &a->beads[k];
    switch (format) {
      case TA_ALIGN_FORMAT_TSV:
        write_side_tsv(fp, src, b->src_begin, b->src_len);
        fputc('\t', fp);
        write_side_tsv(fp, tgt, b->tgt_begin, b->tgt_len);
        fprintf(fp, "\t%.4f\n", b->score);
        break;
      case TA_ALIGN_FORMAT_JSONL:
        write_jsonl(fp, src, tgt, b);
        break;
      case TA_ALIGN_FORMAT_BEADS:
        write_indices(fp, b->src_begin, b->src_len);
        fputc(':', fp);
        write_indices(fp, b->tgt_begin, b->tgt_len);
        fprintf(fp, ":%.4f\n", b->score);
        break;
      default:
        return ta__fail(err, TA_EINVAL, "write: unknown format %d",
                        (int)format);
    }
    if (ferror(fp))
      return ta__fail(err, TA_EIO, "write error: %s", strerror(errno));
  }
  return TA_OK;
}
