/* The review spreadsheet (TA_ALIGN_FORMAT_XLSX) through libxlsxwriter, an
 * optional dependency (TA_HAVE_XLSXWRITER, detected by CMake): one row a
 * bead under a frozen header row, columns source, target, score, bead
 * ("2-1") and location ("12 / 14": the lines of its first source and
 * target sentence).  'tmxalign convert reviewed.xlsx' reads it back.
 *
 * libxlsxwriter writes to a file name only, so the workbook is made in a
 * temporary file that is then copied to the output stream (which is
 * itself a ta_outfile's temporary file, renamed into place at the end). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align/align.h"

#ifndef TA_HAVE_XLSXWRITER

ta_status ta__alignment_write_xlsx(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a,
                                   ta_error *err) {
  (void)fp, (void)src, (void)tgt, (void)a;
  return ta__fail(err, TA_EINVAL,
                  "this tmxalign was built without XLSX support; install "
                  "libxlsxwriter-dev and rebuild (or write -f tsv)");
}

#else
#include <xlsxwriter.h>

/* The sentences [begin, begin+len) of d joined as in TSV (a space, none
 * between Chinese or Japanese sentences), tabs and line
 * breaks made spaces: the same text as the TSV row. */
static char *side_text(const ta_doc *d, size_t begin, size_t len) {
  size_t n = 1;
  for (size_t k = begin; k < begin + len; k++)
    n += ta_doc_sentence(d, k)->len + 1;
  char *s = malloc(n), *o = s;
  if (!s) return NULL;
  for (size_t k = begin; k < begin + len; k++) {
    const ta_sentence *t = ta_doc_sentence(d, k);
    const ta_sentence *prev = k > begin ? ta_doc_sentence(d, k - 1) : NULL;
    if (prev && ta__seam_space(prev->text, prev->len, t->text, t->len))
      *o++ = ' ';
    for (size_t i = 0; i < t->len; i++) {
      char c = t->text[i];
      *o++ = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    }
  }
  *o = '\0';
  return s;
}

static void location(char *buf, size_t size, const ta_doc *src,
                     const ta_doc *tgt, const ta_bead *b) {
  char s[32] = "-", t[32] = "-";
  if (b->src_len)
    snprintf(s, sizeof s, "%zu", ta_doc_sentence(src, b->src_begin)->line);
  if (b->tgt_len)
    snprintf(t, sizeof t, "%zu", ta_doc_sentence(tgt, b->tgt_begin)->line);
  snprintf(buf, size, "%s / %s", s, t);
}

static ta_status lxw_fail(ta_error *err, lxw_error e, size_t bead) {
  if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    return ta__fail(err, TA_ETOOBIG,
                    "xlsx: bead %zu: a cell would hold more than the 32767 "
                    "characters a spreadsheet cell can; write -f tsv",
                    bead + 1);
  return ta__fail(err, TA_EIO, "xlsx: %s", lxw_strerror(e));
}

static ta_status fill(lxw_workbook *wb, const ta_doc *src, const ta_doc *tgt,
                      const ta_alignment *a, ta_error *err) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, "alignment");
  lxw_format *head = workbook_add_format(wb);
  lxw_format *wrap = workbook_add_format(wb);
  lxw_format *num = workbook_add_format(wb);
  lxw_format *top = workbook_add_format(wb);
  if (!ws || !head || !wrap || !num || !top)
    return ta__fail(err, TA_ENOMEM, "xlsx: out of memory");
  format_set_bold(head);
  format_set_bg_color(head, 0xE8E8F0);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format(num, "0.0000");
  format_set_align(num, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(top, LXW_ALIGN_VERTICAL_TOP);
  worksheet_set_column(ws, 0, 1, 60, wrap);
  worksheet_set_column(ws, 2, 2, 8, num);
  worksheet_set_column(ws, 3, 3, 6, top);
  worksheet_set_column(ws, 4, 4, 12, top);
  worksheet_freeze_panes(ws, 1, 0);
  static const char *const names[] = {"source", "target", "score", "bead",
                                      "location"};
  for (lxw_col_t c = 0; c < 5; c++)
    worksheet_write_string(ws, 0, c, names[c], head);
  for (size_t k = 0; k < a->n; k++) {
    const ta_bead *b = &a->beads[k];
    lxw_row_t r = (lxw_row_t)(k + 1);
    char *s = side_text(src, b->src_begin, b->src_len);
    char *t = side_text(tgt, b->tgt_begin, b->tgt_len);
    if (!s || !t) {
      free(s);
      free(t);
      return ta__fail(err, TA_ENOMEM, "xlsx: out of memory");
    }
    char type[48], loc[72];
    snprintf(type, sizeof type, "%zu-%zu", b->src_len, b->tgt_len);
    location(loc, sizeof loc, src, tgt, b);
    /* An empty side is a blank cell, as in the TSV row. */
    lxw_error e = *s ? worksheet_write_string(ws, r, 0, s, wrap) : LXW_NO_ERROR;
    if (!e && *t) e = worksheet_write_string(ws, r, 1, t, wrap);
    if (!e) e = worksheet_write_number(ws, r, 2, b->score, num);
    if (!e) e = worksheet_write_string(ws, r, 3, type, top);
    if (!e) e = worksheet_write_string(ws, r, 4, loc, top);
    free(s);
    free(t);
    if (e) return lxw_fail(err, e, k);
  }
  worksheet_autofilter(ws, 0, 0, (lxw_row_t)a->n, 4);
  return TA_OK;
}

static ta_status copy_file(const char *path, FILE *fp, ta_error *err) {
  FILE *in = fopen(path, "rb");
  if (!in) return ta__fail(err, TA_EIO, "xlsx: %s: %s", path, strerror(errno));
  char buf[65536];
  size_t n;
  ta_status st = TA_OK;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, fp) != n) {
      st = ta__fail(err, TA_EIO, "xlsx: write error: %s", strerror(errno));
      break;
    }
  if (st == TA_OK && ferror(in))
    st = ta__fail(err, TA_EIO, "xlsx: %s: %s", path, strerror(errno));
  fclose(in);
  return st;
}

ta_status ta__alignment_write_xlsx(FILE *fp, const ta_doc *src,
                                   const ta_doc *tgt, const ta_alignment *a,
                                   ta_error *err) {
  const char *dir = getenv("TMPDIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/tmxalign-xlsx-XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0)
    return ta__fail(err, TA_EIO, "xlsx: cannot make a temporary file in %s: %s",
                    dir && *dir ? dir : "/tmp", strerror(errno));
  close(fd);
  ta_status st = TA_OK;
  lxw_workbook *wb = workbook_new(path);
  if (!wb) {
    st = ta__fail(err, TA_EIO, "xlsx: cannot start a workbook in %s", path);
  } else {
    st = fill(wb, src, tgt, a, err);
    lxw_error e = workbook_close(wb); /* frees wb, also after a failure */
    if (st == TA_OK && e)
      st = ta__fail(err, TA_EIO, "xlsx: %s", lxw_strerror(e));
    if (st == TA_OK) st = copy_file(path, fp, err);
  }
  remove(path);
  return st;
}
#endif
