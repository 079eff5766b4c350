/* A given alignment instead of a computed one: beads from a program
 * (ta_alignment_from_beads) or JSON lines written by the review page or
 * by 'tmxalign align -f jsonl' (ta_alignment_read_jsonl), each checked to
 * cover both documents in order.  The JSON reader is a small one of its
 * own: one object a line, only the members below are interpreted. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "base/json_read.h"

/* Alignment files are small next to their documents: 256 MiB at most. */
#define TA__ALIGNMENT_MAX ((size_t)256 << 20)

/* ---- the coverage rule, shared by both entries
 * ------------------------------------------------ */

/* Does bead b continue at (*ns, *nt)?  Advances them; else writes why.
 * An empty side is set to begin there, as the aligner's own beads do. */
static bool bead_fits(ta_bead *b, size_t *ns, size_t *nt, size_t nsrc,
                      size_t ntgt, char *why, size_t n) {
  const char *side[2] = {"source", "target"};
  size_t begin[2] = {b->src_begin, b->tgt_begin};
  size_t len[2] = {b->src_len, b->tgt_len};
  size_t *next[2] = {ns, nt};
  size_t count[2] = {nsrc, ntgt};
  if (!b->src_len && !b->tgt_len)
    return snprintf(why, n, "an empty bead (no source or target sentence)"),
           false;
  for (int k = 0; k < 2; k++) {
    if (!len[k]) continue;
    if (begin[k] < *next[k])
      return snprintf(why, n, "%s sentence %zu is already in an earlier bead",
                      side[k], begin[k]),
             false;
    if (begin[k] > *next[k])
      return snprintf(why, n,
                      "%s sentence %zu is in no bead (this bead starts at %zu)",
                      side[k], *next[k], begin[k]),
             false;
    if (len[k] > count[k] || begin[k] > count[k] - len[k])
      return snprintf(why, n,
                      "%s sentence %zu does not exist (the %s has %zu "
                      "sentences)",
                      side[k], begin[k] + len[k] - 1, side[k], count[k]),
             false;
  }
  if (!(b->score >= 0 && b->score <= 1))
    return snprintf(why, n, "score %g is not in 0..1", b->score), false;
  if (!b->src_len) b->src_begin = *ns;
  if (!b->tgt_len) b->tgt_begin = *nt;
  *ns += b->src_len;
  *nt += b->tgt_len;
  return true;
}

/* Sentences left over at the end: why, or false when none. */
static bool uncovered(size_t ns, size_t nt, size_t nsrc, size_t ntgt, char *why,
                      size_t n) {
  if (ns < nsrc)
    snprintf(why, n, "source sentences %zu..%zu are in no bead", ns, nsrc - 1);
  else if (nt < ntgt)
    snprintf(why, n, "target sentences %zu..%zu are in no bead", nt, ntgt - 1);
  else
    return false;
  return true;
}

static ta_status make(const ta_bead *beads, size_t n, ta_alignment **out) {
  if (n > SIZE_MAX / sizeof *beads) return TA_ENOMEM;
  ta_alignment *al = ta__calloc(1, sizeof *al);
  if (!al) return TA_ENOMEM;
  al->beads = ta__malloc((n ? n : 1) * sizeof *al->beads);
  if (!al->beads) return free(al), TA_ENOMEM;
  if (n) memcpy(al->beads, beads, n * sizeof *beads);
  al->n = n;
  ta_align_summary *s = &al->summary;
  double sum = 0;
  s->beads = n;
  for (size_t k = 0; k < n; k++) {
    size_t a = beads[k].src_len, b = beads[k].tgt_len;
    s->by_type[a > 5 ? 5 : a][b > 5 ? 5 : b]++;
    sum += beads[k].score;
  }
  s->mean_score = n ? sum / (double)n : 0;
  *out = al;
  return TA_OK;
}

ta_status ta_alignment_from_beads(const ta_doc *src, const ta_doc *tgt,
                                  const ta_bead *beads, size_t n,
                                  ta_alignment **out, ta_error *err) {
  if (!src || !tgt || !out || (n && !beads))
    return ta__fail(err, TA_EINVAL, "alignment: missing argument");
  size_t ns = 0, nt = 0, nsrc = ta_doc_count(src), ntgt = ta_doc_count(tgt);
  char why[200];
  ta_alignment *al = NULL;
  if (make(beads, n, &al) != TA_OK)
    return ta__fail(err, TA_ENOMEM, "alignment: out of memory");
  for (size_t k = 0; k < n; k++)
    if (!bead_fits(&al->beads[k], &ns, &nt, nsrc, ntgt, why, sizeof why)) {
      ta_alignment_free(al);
      return ta__fail(err, TA_EINVAL, "alignment: bead %zu: %s", k, why);
    }
  if (uncovered(ns, nt, nsrc, ntgt, why, sizeof why)) {
    ta_alignment_free(al);
    return ta__fail(err, TA_EINVAL, "alignment: after bead %zu: %s",
                    n ? n - 1 : 0, why);
  }
  *out = al;
  return TA_OK;
}

/* ---- JSON, one object a line
 * ------------------------------------------------------------ */

/* An array of consecutive sentence indices: *begin, *len. */
static bool indices(ta__json_in *j, const char *side, size_t *begin,
                    size_t *len) {
  *begin = 0;
  *len = 0;
  if (!ta__json_in_lit(j, '['))
    return ta__json_in_fail(j, "an array of sentence indices expected");
  if (ta__json_in_lit(j, ']')) return true;
  do {
    double v;
    if (!ta__json_in_number(j, &v)) return false;
    if (v < 0 || v != floor(v) || v > 1e15) {
      snprintf(j->why, sizeof j->why, "%s index %g is not a whole number >= 0",
               side, v);
      return false;
    }
    size_t i = (size_t)v;
    if (*len && i != *begin + *len) {
      snprintf(j->why, sizeof j->why,
               "%s sentences %zu and %zu are not consecutive", side,
               *begin + *len - 1, i);
      return false;
    }
    if (!*len) *begin = i;
    ++*len;
  } while (ta__json_in_lit(j, ','));
  return ta__json_in_lit(j, ']') ||
         ta__json_in_fail(j, "',' or ']' expected in an array");
}

/* One line's bead and what the reviewer added. */
typedef struct line {
  ta_bead b;
  bool has_src, has_tgt, has_score, confirmed;
  int side; /* of the edits being read */
  ta__buf text;
  ta_alignment_marks *marks;
  const ta_doc *docs[2];
} line;

static bool sentences_member(ta__json_in *j, const char *key, void *user) {
  line *l = user;
  if (strcmp(key, "sentences")) return ta__json_in_skip(j);
  if (l->side == 0) {
    l->has_src = true;
    return indices(j, "source", &l->b.src_begin, &l->b.src_len);
  }
  l->has_tgt = true;
  return indices(j, "target", &l->b.tgt_begin, &l->b.tgt_len);
}

/* "12": "text", an edit of sentence 12 of the side being read. */
static bool edit_member(ta__json_in *j, const char *key, void *user) {
  line *l = user;
  const char *side = l->side ? "target" : "source";
  char *e;
  unsigned long long i = strtoull(key, &e, 10);
  size_t begin = l->side ? l->b.tgt_begin : l->b.src_begin;
  size_t len = l->side ? l->b.tgt_len : l->b.src_len;
  if (!*key || *e || key[0] == '-' || key[0] == '+') {
    snprintf(j->why, sizeof j->why, "edits: '%.40s' is not a %s index", key,
             side);
    return false;
  }
  if (i < begin || i >= begin + len) {
    snprintf(j->why, sizeof j->why,
             "edits: %s sentence %llu is not in this bead", side, i);
    return false;
  }
  if (!ta__json_in_string(j, &l->text)) return false;
  if (l->marks) {
    char **slot = l->side ? &l->marks->tgt_text[i] : &l->marks->src_text[i];
    free(*slot);
    if (!(*slot = ta__strdup(l->text.p)))
      return ta__json_in_fail(j, "out of memory");
    l->marks->edits++;
  }
  return true;
}

static bool edits_member(ta__json_in *j, const char *key, void *user) {
  line *l = user;
  if (strcmp(key, "src") && strcmp(key, "tgt")) return ta__json_in_skip(j);
  if (!l->has_src || !l->has_tgt)
    return ta__json_in_fail(
        j, "edits: \"src\" and \"tgt\" must come before \"edits\"");
  l->side = !strcmp(key, "tgt");
  return ta__json_in_object(j, edit_member, l);
}

static bool bead_member(ta__json_in *j, const char *key, void *user) {
  line *l = user;
  if (!strcmp(key, "src")) {
    l->has_src = true;
    return indices(j, "source", &l->b.src_begin, &l->b.src_len);
  }
  if (!strcmp(key, "tgt")) {
    l->has_tgt = true;
    return indices(j, "target", &l->b.tgt_begin, &l->b.tgt_len);
  }
  if (!strcmp(key, "source") || !strcmp(key, "target")) {
    l->side = !strcmp(key, "target");
    return ta__json_in_object(j, sentences_member, l);
  }
  if (!strcmp(key, "score")) {
    l->has_score = true;
    return ta__json_in_number(j, &l->b.score);
  }
  if (!strcmp(key, "confirmed")) {
    if (ta__json_in_word(j, "true")) return l->confirmed = true, true;
    if (ta__json_in_word(j, "false")) return l->confirmed = false, true;
    return ta__json_in_fail(j, "\"confirmed\" must be true or false");
  }
  if (!strcmp(key, "edits")) return ta__json_in_object(j, edits_member, l);
  return ta__json_in_skip(j);
}

void ta_alignment_marks_free(ta_alignment_marks *m) {
  if (!m) return;
  for (size_t i = 0; m->src_text && i < m->nsrc; i++) free(m->src_text[i]);
  for (size_t i = 0; m->tgt_text && i < m->ntgt; i++) free(m->tgt_text[i]);
  free(m->src_text);
  free(m->tgt_text);
  free(m->confirmed);
  free(m->scored);
  memset(m, 0, sizeof *m);
}

ta_status ta_alignment_read_jsonl_mem(const char *name, const char *data,
                                      size_t len, const ta_doc *src,
                                      const ta_doc *tgt, ta_alignment **out,
                                      ta_alignment_marks *marks,
                                      ta_error *err) {
  if (!src || !tgt || !out || (len && !data))
    return ta__fail(err, TA_EINVAL, "alignment: missing argument");
  if (!name) name = "alignment";
  size_t nsrc = ta_doc_count(src), ntgt = ta_doc_count(tgt);
  ta_alignment_marks m = {0};
  m.nsrc = nsrc;
  m.ntgt = ntgt;
  m.src_text = ta__calloc(nsrc ? nsrc : 1, sizeof *m.src_text);
  m.tgt_text = ta__calloc(ntgt ? ntgt : 1, sizeof *m.tgt_text);
  ta_bead *beads = NULL;
  bool *conf = NULL, *scored = NULL;
  size_t n = 0, cap = 0, ccap = 0, scap = 0, ns = 0, nt = 0, lineno = 0;
  ta_status st = TA_OK;
  line l;
  memset(&l, 0, sizeof l);
  ta__buf_init(&l.text, TA__ALIGNMENT_MAX);
  l.marks = &m;
  if (!m.src_text || !m.tgt_text) {
    st = ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
    goto done;
  }
  for (const char *p = data, *end = data + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    ta__json_in j;
    ta__json_in_init(&j, p, (size_t)(eol - p), TA__ALIGNMENT_MAX);
    lineno++;
    p = nl ? nl + 1 : end;
    ta__json_in_ws(&j);
    if (j.p == j.end) continue; /* a blank line */
    memset(&l.b, 0, sizeof l.b);
    l.has_src = l.has_tgt = l.has_score = l.confirmed = false;
    bool ok = ta__json_in_object(&j, bead_member, &l);
    if (ok) ta__json_in_ws(&j);
    if (ok && j.p != j.end) ok = ta__json_in_fail(&j, "text after the object");
    if (ok && (!l.has_src || !l.has_tgt))
      ok = ta__json_in_fail(&j, l.has_src
                                    ? "no \"tgt\" array of sentence indices"
                                    : "no \"src\" array of sentence indices");
    if (ok && !l.has_score) l.b.score = l.confirmed ? 1 : 0;
    char why[200];
    if (ok && !bead_fits(&l.b, &ns, &nt, nsrc, ntgt, why, sizeof why))
      ok = false, snprintf(j.why, sizeof j.why, "%s", why);
    if (!ok) {
      st = ta__fail(err, strstr(j.why, "out of memory") ? TA_ENOMEM : TA_EPARSE,
                    "%s: line %zu: %s", name, lineno, j.why);
      goto done;
    }
    if (ta__reserve(&beads, &cap, n + 1) != TA_OK ||
        ta__reserve(&conf, &ccap, n + 1) != TA_OK ||
        ta__reserve(&scored, &scap, n + 1) != TA_OK) {
      st = ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
      goto done;
    }
    conf[n] = l.confirmed;
    scored[n] = l.has_score;
    beads[n++] = l.b;
  }
  char why[200];
  if (uncovered(ns, nt, nsrc, ntgt, why, sizeof why)) {
    st = ta__fail(err, TA_EPARSE, "%s: line %zu (the end): %s", name, lineno,
                  why);
    goto done;
  }
  if (make(beads, n, out) != TA_OK) {
    st = ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
    goto done;
  }
  if (marks) {
    m.nbeads = n;
    m.confirmed = conf;
    m.scored = scored;
    conf = scored = NULL;
    *marks = m;
    memset(&m, 0, sizeof m);
  }
done:
  ta_alignment_marks_free(&m);
  ta__buf_free(&l.text);
  free(beads);
  free(conf);
  free(scored);
  return st;
}

ta_status ta_alignment_read_jsonl(const char *path, const ta_doc *src,
                                  const ta_doc *tgt, ta_alignment **out,
                                  ta_alignment_marks *marks, ta_error *err) {
  if (!path) return ta__fail(err, TA_EINVAL, "alignment: no file given");
  char *buf = NULL;
  size_t len = 0;
  ta_status st =
      ta__read_file(path, 0, TA__ALIGNMENT_MAX,
                    "alignment files are read up to 256 MiB", &buf, &len, err);
  if (st != TA_OK) return st;
  st = ta_alignment_read_jsonl_mem(strcmp(path, "-") ? path : "<stdin>", buf,
                                   len, src, tgt, out, marks, err);
  free(buf);
  return st;
}
