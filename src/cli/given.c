/* --alignment FILE: the alignment of align and review read from JSON
 * lines instead of computed (ta_alignment_read_jsonl checks it). */
#include <stdlib.h>

#include "cli.h"

ta_status cli_given_alignment(const char *path, ta_doc **src, ta_doc **tgt,
                              ta_alignment **al, ta_alignment_marks *marks) {
  ta_error err;
  ta_error_clear(&err);
  ta_alignment_marks own = {0};
  ta_alignment_marks *m = marks ? marks : &own;
  ta_status st = ta_alignment_read_jsonl(path, *src, *tgt, al, m, &err);
  if (st != TA_OK) return cli_fail(st, &err), st;
  if (marks || !m->edits) return ta_alignment_marks_free(&own), TA_OK;
  /* the edited texts replace the originals in what is written */
  ta_doc **docs[2] = {src, tgt};
  char **texts[2] = {m->src_text, m->tgt_text};
  for (int k = 0; k < 2 && st == TA_OK; k++) {
    const ta_doc *d = *docs[k];
    size_t n = ta_doc_count(d);
    const char **seg = calloc(n ? n : 1, sizeof *seg);
    size_t *para = calloc(n ? n : 1, sizeof *para);
    ta_doc *nd = NULL;
    if (!seg || !para) {
      st = TA_ENOMEM;
      cli_error("out of memory");
    } else {
      for (size_t i = 0; i < n; i++) {
        const ta_sentence *s = ta_doc_sentence(d, i);
        seg[i] = texts[k][i] ? texts[k][i] : s->text;
        para[i] = s->paragraph;
      }
      st = ta_doc_from_segments(ta_doc_name(d), ta_doc_lang(d), seg, para, n,
                                &nd, &err);
      if (st != TA_OK) cli_fail(st, &err);
    }
    if (st == TA_OK) {
      ta_doc_free(*docs[k]);
      *docs[k] = nd;
    }
    free(seg);
    free(para);
  }
  ta_alignment_marks_free(&own);
  if (st != TA_OK) {
    ta_alignment_free(*al);
    *al = NULL;
  }
  return st;
}
