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

typedef struct json {
  const char *p, *end;
  char why[200];
} json;

static void ws(json *j) {
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r'))
    j->p++;
}

static bool fail(json *j, const char *what) {
  if (!j->why[0]) snprintf(j->why, sizeof j->why, "%s", what);
  return false;
}

static bool lit(json *j, char c) {
  ws(j);
  if (j->p < j->end && *j->p == c) return j->p++, true;
  return false;
}

static void put_utf8(ta__buf *b, unsigned long c, bool *ok) {
  char u[4];
  size_t n;
  if (c < 0x80)
    u[0] = (char)c, n = 1;
  else if (c < 0x800)
    u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f)), n = 2;
  else if (c < 0x10000)
    u[0] = (char)(0xe0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 0x3f)),
    u[2] = (char)(0x80 | (c & 0x3f)), n = 3;
  else
    u[0] = (char)(0xf0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 0x3f)),
    u[2] = (char)(0x80 | ((c >> 6) & 0x3f)), u[3] = (char)(0x80 | (c & 0x3f)),
    n = 4;
  if (ta__buf_add(b, u, n) != TA_OK) *ok = false;
}

static bool hex4(json *j, unsigned long *v) {
  if (j->end - j->p < 4) return false;
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char c = *j->p++;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    *v = *v << 4 | (unsigned long)d;
  }
  return true;
}

/* A string into b (NULL: skipped). */
static bool string(json *j, ta__buf *b) {
  ta__buf tmp;
  ta__buf_init(&tmp, TA__ALIGNMENT_MAX);
  if (!b) b = &tmp;
  ta__buf_reset(b);
  bool ok = true;
  if (!lit(j, '"')) return fail(j, "a string expected");
  while (ok) {
    if (j->p >= j->end) {
      ok = fail(j, "a string runs to the end of the line");
      break;
    }
    char c = *j->p++;
    if (c == '"') break;
    if ((unsigned char)c < 0x20) {
      ok = fail(j, "a control character in a string");
      break;
    }
    if (c != '\\') {
      if (ta__buf_addc(b, c) != TA_OK) ok = fail(j, "out of memory");
      continue;
    }
    if (j->p >= j->end) {
      ok = fail(j, "a string runs to the end of the line");
      break;
    }
    c = *j->p++;
    const char *esc = strchr("\"\\/bfnrt", c);
    unsigned long u, lo;
    if (esc && c != 0) {
      static const char val[] = "\"\\/\b\f\n\r\t";
      if (ta__buf_addc(b, val[esc - "\"\\/bfnrt"]) != TA_OK)
        ok = fail(j, "out of memory");
    } else if (c == 'u' && hex4(j, &u)) {
      if (u >= 0xd800 && u < 0xdc00) {
        if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
            (j->p += 2, !hex4(j, &lo)) || lo < 0xdc00 || lo >= 0xe000) {
          ok = fail(j, "a lone surrogate in a string");
          break;
        }
        u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
      } else if (u >= 0xdc00 && u < 0xe000) {
        ok = fail(j, "a lone surrogate in a string");
        break;
      }
      if (u == 0) {
        ok = fail(j, "a NUL character in a string");
        break;
      }
      put_utf8(b, u, &ok);
      if (!ok) fail(j, "out of memory");
    } else {
      ok = fail(j, "a bad escape in a string");
    }
  }
  if (ok && !b->p) { /* an empty string: still a C string */
    ok = ta__buf_addc(b, '\0') == TA_OK || fail(j, "out of memory");
    b->len = 0;
  }
  ta__buf_free(&tmp);
  return ok;
}

static bool number(json *j, double *v) {
  ws(j);
  const char *s = j->p;
  if (s < j->end && *s == '-') s++;
  if (s >= j->end || *s < '0' || *s > '9') return fail(j, "a number expected");
  while (s < j->end && strchr("0123456789.eE+-", *s)) s++;
  char tmp[64];
  size_t n = (size_t)(s - j->p);
  if (n >= sizeof tmp) return fail(j, "a number too long");
  memcpy(tmp, j->p, n);
  tmp[n] = '\0';
  char *e;
  *v = strtod(tmp, &e);
  if (*e || !isfinite(*v)) return fail(j, "a malformed number");
  j->p = s;
  return true;
}

static bool word(json *j, const char *w) {
  ws(j);
  size_t n = strlen(w);
  if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, w, n))
    return j->p += n, true;
  return false;
}

static bool skip_value(json *j, int depth);

/* Calls member(j, key, user) for each member of an object; the callback
 * reads the value. */
typedef bool (*member_fn)(json *j, const char *key, void *user);

static bool object(json *j, member_fn member, void *user) {
  if (!lit(j, '{')) return fail(j, "an object expected");
  if (lit(j, '}')) return true;
  ta__buf key;
  ta__buf_init(&key, 1 << 20);
  bool ok = true;
  do {
    if (!(ok = string(j, &key))) break;
    if (!(ok = lit(j, ':'))) {
      fail(j, "':' expected after a member name");
      break;
    }
    if (!(ok = member(j, key.p, user))) break;
  } while (lit(j, ','));
  if (ok && !lit(j, '}')) ok = fail(j, "',' or '}' expected in an object");
  ta__buf_free(&key);
  return ok;
}

static bool skip_member(json *j, const char *key, void *user) {
  (void)key;
  return skip_value(j, *(int *)user);
}

static bool skip_value(json *j, int depth) {
  if (depth > 64) return fail(j, "nested too deep");
  ws(j);
  if (j->p >= j->end) return fail(j, "a value expected");
  int d = depth + 1;
  double v;
  switch (*j->p) {
    case '{':
      return object(j, skip_member, &d);
    case '[':
      j->p++;
      if (lit(j, ']')) return true;
      do
        if (!skip_value(j, d)) return false;
      while (lit(j, ','));
      return lit(j, ']') || fail(j, "',' or ']' expected in an array");
    case '"':
      return string(j, NULL);
    default:
      if (word(j, "true") || word(j, "false") || word(j, "null")) return true;
      return number(j, &v);
  }
}

/* An array of consecutive sentence indices: *begin, *len. */
static bool indices(json *j, const char *side, size_t *begin, size_t *len) {
  *begin = 0;
  *len = 0;
  if (!lit(j, '[')) return fail(j, "an array of sentence indices expected");
  if (lit(j, ']')) return true;
  do {
    double v;
    if (!number(j, &v)) return false;
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
  } while (lit(j, ','));
  return lit(j, ']') || fail(j, "',' or ']' expected in an array");
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

static bool sentences_member(json *j, const char *key, void *user) {
  line *l = user;
  int zero = 0;
  if (strcmp(key, "sentences")) return skip_value(j, zero);
  if (l->side == 0) {
    l->has_src = true;
    return indices(j, "source", &l->b.src_begin, &l->b.src_len);
  }
  l->has_tgt = true;
  return indices(j, "target", &l->b.tgt_begin, &l->b.tgt_len);
}

/* "12": "text", an edit of sentence 12 of the side being read. */
static bool edit_member(json *j, const char *key, void *user) {
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
  if (!string(j, &l->text)) return false;
  if (l->marks) {
    char **slot = l->side ? &l->marks->tgt_text[i] : &l->marks->src_text[i];
    free(*slot);
    if (!(*slot = ta__strdup(l->text.p))) return fail(j, "out of memory");
    l->marks->edits++;
  }
  return true;
}

static bool edits_member(json *j, const char *key, void *user) {
  line *l = user;
  int zero = 0;
  if (strcmp(key, "src") && strcmp(key, "tgt")) return skip_value(j, zero);
  if (!l->has_src || !l->has_tgt)
    return fail(j, "edits: \"src\" and \"tgt\" must come before \"edits\"");
  l->side = !strcmp(key, "tgt");
  return object(j, edit_member, l);
}

static bool bead_member(json *j, const char *key, void *user) {
  line *l = user;
  int zero = 0;
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
    return object(j, sentences_member, l);
  }
  if (!strcmp(key, "score")) {
    l->has_score = true;
    return number(j, &l->b.score);
  }
  if (!strcmp(key, "confirmed")) {
    if (word(j, "true")) return l->confirmed = true, true;
    if (word(j, "false")) return l->confirmed = false, true;
    return fail(j, "\"confirmed\" must be true or false");
  }
  if (!strcmp(key, "edits")) return object(j, edits_member, l);
  return skip_value(j, zero);
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
    json j = {p, eol, ""};
    lineno++;
    p = nl ? nl + 1 : end;
    ws(&j);
    if (j.p == j.end) continue; /* a blank line */
    memset(&l.b, 0, sizeof l.b);
    l.has_src = l.has_tgt = l.has_score = l.confirmed = false;
    bool ok = object(&j, bead_member, &l);
    if (ok) ws(&j);
    if (ok && j.p != j.end) ok = fail(&j, "text after the object");
    if (ok && (!l.has_src || !l.has_tgt))
      ok = fail(&j, l.has_src ? "no \"tgt\" array of sentence indices"
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
