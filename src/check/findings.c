/* The findings of a check: their kinds, names and severities, and the
 * helpers every check uses to add one (where it is in both documents,
 * the texts it joins).  Below every check_*.c file: they call it, it
 * calls none of them. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

static const char *const kind_names[TA_FINDING_KIND_COUNT] = {
#define TA__FINDING_NAME(name, str) str,
    TA_FINDING_KIND_MAP(TA__FINDING_NAME)
#undef TA__FINDING_NAME
};

/* How serious each kind is: what is missing or wrong is an error, what may
 * be a choice of the translator is a warning, cosmetics are info. */
static const ta_severity kind_severity[TA_FINDING_KIND_COUNT] = {
    [TA_FINDING_OMISSION] = TA_SEVERITY_ERROR,
    [TA_FINDING_PARTIAL_OMISSION] = TA_SEVERITY_WARNING,
    [TA_FINDING_ADDITION] = TA_SEVERITY_WARNING,
    [TA_FINDING_NUMBER] = TA_SEVERITY_ERROR,
    [TA_FINDING_UNTRANSLATED] = TA_SEVERITY_WARNING,
    [TA_FINDING_LENGTH] = TA_SEVERITY_WARNING,
    [TA_FINDING_PUNCTUATION] = TA_SEVERITY_INFO,
};

const char *ta_finding_kind_name(ta_finding_kind k) {
  return (unsigned)k < TA_FINDING_KIND_COUNT ? kind_names[k] : "unknown";
}

const char *ta_severity_name(ta_severity s) {
  static const char *const names[] = {"info", "warning", "error"};
  return (unsigned)s < 3 ? names[s] : "unknown";
}

bool ta_finding_kind_parse(const char *name, ta_finding_kind *k) {
  for (int i = 0; i < TA_FINDING_KIND_COUNT; i++)
    if (!strcmp(name, kind_names[i])) {
      *k = (ta_finding_kind)i;
      return true;
    }
  return false;
}

void ta__check_span(const ta_doc *d, size_t begin, size_t len,
                    ta_check_span *out) {
  size_t n = ta_doc_count(d);
  memset(out, 0, sizeof *out);
  out->begin = begin;
  out->len = len;
  if (begin < n) {
    const ta_sentence *a = ta_doc_sentence(d, begin);
    const ta_sentence *b = ta_doc_sentence(d, len ? begin + len - 1 : begin);
    out->paragraph = a->paragraph;
    out->line = a->line;
    out->offset = a->offset;
    out->end = len ? b->end : a->offset;
  } else if (n) {
    /* past the last sentence: the place is the end of the document */
    const ta_sentence *z = ta_doc_sentence(d, n - 1);
    out->paragraph = z->paragraph;
    out->line = z->line;
    out->offset = out->end = z->end;
  } else {
    out->line = 1;
  }
}

double ta__check_z(const ta__check_ctx *c, double ls, double lt) {
  double mean = (ls + lt / c->ratio) / 2;
  if (mean < 1) mean = 1;
  return (lt - c->ratio * ls) / sqrt(c->raw_var * mean);
}

char *ta__check_join(const ta_doc *d, size_t begin, size_t len) {
  size_t total = 1;
  for (size_t i = begin; i < begin + len; i++)
    total += ta_doc_sentence(d, i)->len + 1;
  char *s = ta__malloc(total), *p = s;
  if (!s) return NULL;
  for (size_t i = begin; i < begin + len; i++) {
    const ta_sentence *t = ta_doc_sentence(d, i);
    if (p != s && ta__seam_space(s, (size_t)(p - s), t->text, t->len))
      *p++ = ' ';
    memcpy(p, t->text, t->len);
    p += t->len;
  }
  *p = '\0';
  return s;
}

ta__finding_item *ta__check_add(ta__check_ctx *c, ta_finding_kind kind,
                                size_t bead, size_t nbeads, double value,
                                const char *fmt, ...) {
  ta_check_report *r = c->r;
  /* Every kind is recorded, looked for or not: coverage counts what the
   * omissions leave out even when they are not reported (--only number
   * once said "100% translated" of a half-empty translation); summarise()
   * drops the kinds not asked for. */
  if (ta__reserve(&r->items, &r->cap, r->n + 1) != TA_OK) return NULL;
  ta__finding_item *it = &r->items[r->n++];
  memset(it, 0, sizeof *it);
  ta_finding *f = &it->pub;
  f->kind = kind;
  f->severity = kind_severity[kind];
  f->bead = bead;
  f->nbeads = nbeads;
  f->value = value;
  f->probability = -1; /* not estimated, unless the check sets it */
  const ta_bead *a = ta_alignment_bead(c->al, bead);
  const ta_bead *z = ta_alignment_bead(c->al, bead + nbeads - 1);
  ta__check_span(c->src, a->src_begin, z->src_begin + z->src_len - a->src_begin,
                 &f->src);
  ta__check_span(c->tgt, a->tgt_begin, z->tgt_begin + z->tgt_len - a->tgt_begin,
                 &f->tgt);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(it->msg, sizeof it->msg, fmt, ap);
  va_end(ap);
  return it;
}

/* The largest probability that a sentence of [begin, begin+len) of side
 * has no counterpart; -1 without posteriors. */
static double max_unpaired(const ta__check_ctx *c, ta_side side, size_t begin,
                           size_t len) {
  if (!ta_alignment_has_posteriors(c->al)) return -1;
  double best = 0;
  for (size_t i = begin; i < begin + len; i++) {
    double p = 0;
    if (ta_alignment_untranslated_probability(c->al, side, i, &p, NULL) ==
            TA_OK &&
        p > best)
      best = p;
  }
  return best;
}

double ta__check_p_untranslated(const ta__check_ctx *c, size_t begin,
                                size_t len) {
  return max_unpaired(c, TA_SIDE_SOURCE, begin, len);
}

double ta__check_p_added(const ta__check_ctx *c, size_t begin, size_t len) {
  return max_unpaired(c, TA_SIDE_TARGET, begin, len);
}

const char *ta__check_how_sure(double p) {
  return p >= 0.8 ? "probably" : p >= 0.5 ? "possibly" : "perhaps";
}

/* The public structs and bit sets reserve room for kinds to come. */
_Static_assert(TA_FINDING_KIND_COUNT <= TA_FINDING_KIND_MAX,
               "ta_check_summary.by_kind has no room for a new kind");
_Static_assert(TA_SEVERITY_ERROR < TA_SEVERITY_MAX,
               "ta_check_summary.by_severity has no room for a new severity");

void ta__check_count(const ta_check_report *r, size_t *serious, size_t *hints) {
  for (size_t i = 0; i < r->n; i++) {
    const ta_finding *f = &r->items[i].pub;
    if (f->severity > TA_SEVERITY_INFO)
      serious[f->kind]++;
    else
      hints[f->kind]++;
  }
}

size_t ta__check_reason(const ta_check_report *r, char *buf, size_t size) {
  size_t l = 0, n = 0;
  if (size) buf[0] = '\0';
#define REASON(...)                                                      \
  do {                                                                   \
    if (l < size)                                                        \
      l += (size_t)snprintf(buf + l, size - l, "%s", n++ ? "; " : "");   \
    if (l < size) l += (size_t)snprintf(buf + l, size - l, __VA_ARGS__); \
  } while (0)
  for (size_t i = 0; i < r->n; i++)
    if (r->items[i].summary) REASON("%s", r->items[i].msg);
  const ta_check_summary *s = &r->summary;
  if (s->coverage < r->opts.min_coverage)
    REASON("coverage %.1f%% of sentences is below the minimum %.1f%%",
           100 * s->coverage, 100 * r->opts.min_coverage);
  size_t serious[TA_FINDING_KIND_COUNT] = {0},
         hints[TA_FINDING_KIND_COUNT] = {0};
  ta__check_count(r, serious, hints);
  for (int k = 0; k < TA_FINDING_KIND_COUNT; k++)
    if (serious[k] && (r->opts.fail_on & TA_CHECK_KIND_BIT(k)))
      REASON("%zu %s finding%s", serious[k],
             ta_finding_kind_name((ta_finding_kind)k),
             serious[k] > 1 ? "s" : "");
#undef REASON
  return n;
}
