/* Reading input: files and buffers to UTF-8 text, then presplit segments or
 * the sentence splitter.  (Minimal first version: UTF-8 presplit only.) */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

void ta_split_opts_init(ta_split_opts *o) {
  memset(o, 0, sizeof *o);
  o->input = TA_INPUT_AUTO;
  o->max_input_bytes = (size_t)1 << 30;
  o->max_sentence_bytes = (size_t)1 << 20;
}

static ta_status load_presplit(ta_doc *d, const char *p, size_t len) {
  size_t line = 1, para = 0, i = 0;
  bool pending_break = false;
  while (i < len) {
    size_t j = i;
    while (j < len && p[j] != '\n') j++;
    size_t e = j;
    if (e > i && p[e - 1] == '\r') e--;
    size_t b = i;
    while (b < e && (p[b] == ' ' || p[b] == '\t')) b++;
    size_t t = e;
    while (t > b && (p[t - 1] == ' ' || p[t - 1] == '\t')) t--;
    if (t == b) {
      if (d->count) pending_break = true;
    } else {
      if (pending_break) para++;
      pending_break = false;
      ta_status st = ta__doc_add(d, p + b, t - b, b, t, line, para);
      if (st != TA_OK) return st;
    }
    i = j + 1;
    line++;
  }
  return TA_OK;
}

ta_status ta_doc_load_mem(const char *name, const void *data, size_t len,
                          const ta_split_opts *o, ta_doc **out,
                          ta_error *err) {
  if (!o || !o->lang || !out)
    return ta__fail(err, TA_EINVAL, "%s: no language given", name);
  ta_doc *d = NULL;
  if (ta__doc_new(name, o->lang, &d) != TA_OK)
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  const char *p = data;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
    p += 3;
    len -= 3;
  }
  ta_status st = load_presplit(d, p, len);
  if (st != TA_OK) {
    ta_doc_free(d);
    return ta__fail(err, st, "%s: out of memory", name);
  }
  ta__doc_finish(d);
  *out = d;
  return TA_OK;
}

ta_status ta_doc_load_file(const char *path, const ta_split_opts *o,
                           ta_doc **out, ta_error *err) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return ta__fail(err, errno == ENOENT ? TA_ENOENT : TA_EIO, "%s: %s",
                    path, strerror(errno));
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (!buf) {
      fclose(fp);
      return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
    }
    if (n == cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) free(buf);
      buf = nb;
      cap *= 2;
      continue;
    }
    size_t got = fread(buf + n, 1, cap - n, fp);
    if (!got) break;
    n += got;
  }
  fclose(fp);
  ta_status st = ta_doc_load_mem(path, buf, n, o, out, err);
  free(buf);
  return st;
}
