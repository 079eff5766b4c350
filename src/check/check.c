/* The completeness checker's driver, its options, the summary and verdict,
 * and the findings that come from the shape of the alignment: omissions
 * (runs of 1-0 beads), additions (runs of 0-1 beads) and length outliers
 * (a bead's z-score under the pair's own length model).  Partial omissions
 * and moving a gap out of shifted pairs are check_partial.c; numbers,
 * untranslated text and punctuation are per-bead checks in their own
 * files; the writers are check_write.c and check_html.c; the findings
 * list and its helpers are findings.c.
 *
 * Order matters: first what is missing (gaps may move and mark the pairs
 * the aligner shifted), then the per-bead checks on real pairs only.
 * Does not align: the caller passes the alignment.  Memory: the findings,
 * per-sentence lengths, per-bead flags and the anchor features. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

void ta_check_opts_init(ta_check_opts *o) {
  memset(o, 0, sizeof *o);
  o->min_coverage = 0.98;
  o->fail_on = TA_CHECK_KIND_BIT(TA_FINDING_OMISSION) |
               TA_CHECK_KIND_BIT(TA_FINDING_PARTIAL_OMISSION) |
               TA_CHECK_KIND_BIT(TA_FINDING_NUMBER);
  o->kinds = (1u << TA_FINDING_KIND_COUNT) - 1;
  o->length_z = 4.0;
  o->partial_threshold = 3.0;
  o->hint_threshold = 1.0;
  o->untranslated_share = 0.8;
  o->untranslated_min_words = 3;
  o->mostly_untranslated = 0.5;
  o->unaligned_share = 0.5;
  o->min_probability = TA_CHECK_MIN_PROBABILITY;
}

void ta_check_align_opts_init(ta_align_opts *o) {
  ta_align_opts_init(o);
  o->max_bead = 4;
  o->posteriors = true;
}

/* ---- shape of the alignment ------------------------------------------------
 */

static bool is_para_start(const ta_doc *d, size_t i) {
  return i == 0 || ta_doc_sentence(d, i - 1)->paragraph !=
                       ta_doc_sentence(d, i)->paragraph;
}

static bool is_para_end(const ta_doc *d, size_t i) {
  return i + 1 >= ta_doc_count(d) || ta_doc_sentence(d, i + 1)->paragraph !=
                                         ta_doc_sentence(d, i)->paragraph;
}

/* Replace the first `what` in msg (of size TA__MSG_MAX) by `by`. */
static void reword(char *msg, const char *what, const char *by) {
  char *at = strstr(msg, what);
  if (!at) return;
  char rest[TA__MSG_MAX];
  snprintf(rest, sizeof rest, "%s", at + strlen(what));
  size_t off = (size_t)(at - msg);
  snprintf(at, TA__MSG_MAX - off, "%s%s", by, rest);
}

/* The probability of an omission (source) or addition run of first..+len
 * (and of where a moved gap now stands), in its message and severity:
 * below min_probability it is an info-level hint. */
static void grade(ta__check_ctx *c, ta__finding_item *it, bool source,
                  size_t first, size_t len) {
  double p = source ? ta__check_p_untranslated(c, first, len)
                    : ta__check_p_added(c, first, len);
  if (p < 0) return; /* no posteriors: as the alignment says */
  if (source && it->pub.src.begin != first) {
    double q = ta__check_p_untranslated(c, it->pub.src.begin, it->pub.src.len);
    if (q > p) p = q;
  }
  it->pub.probability = p;
  char by[80];
  if (source)
    snprintf(by, sizeof by, " %s untranslated (p = %.2f)",
             ta__check_how_sure(p), p);
  else
    snprintf(by, sizeof by, " %s added, with no source (p = %.2f)",
             ta__check_how_sure(p), p);
  reword(it->msg, source ? " not translated" : " with no source", by);
  if (p < c->o->min_probability) it->pub.severity = TA_SEVERITY_INFO;
}

/* Runs of 1-0 beads (source = true) or 0-1 beads. */
static ta_status check_runs(ta__check_ctx *c, bool source) {
  size_t nb = ta_alignment_count(c->al);
  for (size_t k = 0; k < nb;) {
    const ta_bead *b = ta_alignment_bead(c->al, k);
    bool lone =
        source ? (b->src_len && !b->tgt_len) : (!b->src_len && b->tgt_len);
    if (!lone) {
      k++;
      continue;
    }
    size_t e = k + 1;
    while (e < nb) {
      const ta_bead *n = ta_alignment_bead(c->al, e);
      if (source ? (!n->src_len || n->tgt_len) : (n->src_len || !n->tgt_len))
        break;
      e++;
    }
    const ta_bead *last = ta_alignment_bead(c->al, e - 1);
    const ta_doc *d = source ? c->src : c->tgt;
    size_t first = source ? b->src_begin : b->tgt_begin;
    size_t end = source ? last->src_begin + last->src_len
                        : last->tgt_begin + last->tgt_len;
    bool whole = is_para_start(d, first) && is_para_end(d, end - 1);
    size_t p0 = ta_doc_sentence(d, first)->paragraph;
    size_t p1 = ta_doc_sentence(d, end - 1)->paragraph;
    char what[80];
    if (whole && p0 == p1)
      snprintf(what, sizeof what, "whole paragraph %zu (%zu sentence%s)",
               p0 + 1, end - first, end - first > 1 ? "s" : "");
    else if (whole)
      snprintf(what, sizeof what, "whole paragraphs %zu-%zu (%zu sentences)",
               p0 + 1, p1 + 1, end - first);
    else
      snprintf(what, sizeof what, "%zu sentence%s", end - first,
               end - first > 1 ? "s" : "");
    ta__finding_item *it = source
                               ? ta__check_add(c, TA_FINDING_OMISSION, k, e - k,
                                               0, "%s not translated", what)
                               : ta__check_add(c, TA_FINDING_ADDITION, k, e - k,
                                               0, "%s with no source", what);
    if (!it) return TA_ENOMEM;
    it->pub.whole_paragraph = whole;
    if (source) ta__check_move_gap(c, it, k, e - 1, first, end - first);
    grade(c, it, source, first, end - first);
    if (source && it->pub.src.len == 1 && it->pub.kind == TA_FINDING_OMISSION &&
        c->features && ta__check_speech_tag(c, it->pub.src.begin)) {
      it->pub.severity = TA_SEVERITY_INFO;
      size_t l = strlen(it->msg);
      snprintf(it->msg + l, sizeof it->msg - l,
               "; a speech tag, often folded into the quoted speech");
    }
    k = e;
  }
  return TA_OK;
}

static double span_chars(const size_t *chars, size_t begin, size_t len) {
  double s = 0;
  for (size_t i = begin; i < begin + len; i++) s += (double)chars[i];
  return s;
}

/* A bead far from the length model: a truncated or padded translation.
 * Beads with a partial omission are not judged again. */
static ta_status check_length(ta__check_ctx *c, size_t k) {
  const ta_bead *b = ta_alignment_bead(c->al, k);
  if (!b->src_len || !b->tgt_len) return TA_OK;
  double ls = span_chars(c->src_chars, b->src_begin, b->src_len);
  double lt = span_chars(c->tgt_chars, b->tgt_begin, b->tgt_len);
  double z = ta__check_z(c, ls, lt);
  if (fabs(z) > c->o->length_z) {
    double pct = c->ratio * ls > 0 ? 100.0 * (lt / (c->ratio * ls) - 1) : 0;
    if (!ta__check_add(c, TA_FINDING_LENGTH, k, 1, z,
                       "target %.0f%% %s than the length model predicts "
                       "(z = %.1f)",
                       fabs(pct), pct < 0 ? "shorter" : "longer", z))
      return TA_ENOMEM;
  }
  return TA_OK;
}

/* ---- driver
 * ------------------------------------------------------------------ */

static size_t *count_chars(const ta_doc *d) {
  size_t n = ta_doc_count(d);
  size_t *out = ta__calloc(n ? n : 1, sizeof *out);
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    for (size_t j = 0; j < s->len; j++)
      if (((unsigned char)s->text[j] & 0xC0) != 0x80) out[i]++;
  }
  return out;
}

/* What is missing, graded by probability, comes first: the reviewer's
 * first question. */
static bool graded_omission(const ta_finding *f) {
  return (f->kind == TA_FINDING_OMISSION ||
          f->kind == TA_FINDING_PARTIAL_OMISSION) &&
         f->probability >= 0 && f->severity > TA_SEVERITY_INFO;
}

static int cmp_finding(const void *x, const void *y) {
  const ta_finding *a = *(const ta_finding *const *)x;
  const ta_finding *b = *(const ta_finding *const *)y;
  bool ga = graded_omission(a), gb = graded_omission(b);
  if (ga != gb) return ga ? -1 : 1;
  if (ga && a->probability != b->probability)
    return a->probability > b->probability ? -1 : 1;
  if (a->bead != b->bead) return a->bead < b->bead ? -1 : 1;
  if (a->src.begin != b->src.begin) return a->src.begin < b->src.begin ? -1 : 1;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  return a < b ? -1 : a > b;
}

static ta_status summarise(ta__check_ctx *c) {
  ta_check_report *r = c->r;
  ta_check_summary *s = &r->summary;
  size_t ns = ta_doc_count(c->src), nt = ta_doc_count(c->tgt);
  s->src_sentences = ns;
  s->tgt_sentences = nt;
  s->src_chars = (size_t)span_chars(c->src_chars, 0, ns);
  bool *lost = ta__calloc(ns ? ns : 1, 1);
  if (!lost) return TA_ENOMEM;
  for (size_t k = 0; k < ta_alignment_count(c->al); k++) {
    const ta_bead *b = ta_alignment_bead(c->al, k);
    if (!b->src_len) s->tgt_added += b->tgt_len;
  }
  /* the sentences omission findings name (moved gaps included), whether
   * omissions are reported or not */
  for (size_t i = 0; i < r->n; i++) {
    const ta_finding *f = &r->items[i].pub;
    bool gone = (f->kind == TA_FINDING_OMISSION ||
                 f->kind == TA_FINDING_PARTIAL_OMISSION) &&
                f->severity > TA_SEVERITY_INFO;
    for (size_t j = f->src.begin; lost && gone && j < f->src.begin + f->src.len;
         j++)
      lost[j] = true;
  }
  s->src_translated = ns;
  s->src_chars_translated = s->src_chars;
  for (size_t i = 0; lost && i < ns; i++)
    if (lost[i]) {
      s->src_translated--;
      s->src_chars_translated -= c->src_chars[i];
    }
  free(lost);
  s->coverage = ns ? (double)s->src_translated / (double)ns : 1.0;
  s->char_coverage =
      s->src_chars ? (double)s->src_chars_translated / (double)s->src_chars
                   : 1.0;
  s->mean_confidence = ta_alignment_summary(c->al)->mean_score;
  s->complete = s->coverage >= c->o->min_coverage;
  /* From here on, the report holds the kinds asked for only. */
  size_t kept = 0;
  for (size_t i = 0; i < r->n; i++)
    if (r->items[i].summary ||
        (c->o->kinds & TA_CHECK_KIND_BIT(r->items[i].pub.kind)))
      r->items[kept++] = r->items[i];
  r->n = kept;
  for (size_t i = 0; i < r->n; i++) {
    const ta_finding *f = &r->items[i].pub;
    s->by_kind[f->kind]++;
    s->by_severity[f->severity]++;
    if (r->items[i].summary || (f->severity > TA_SEVERITY_INFO &&
                                (c->o->fail_on & TA_CHECK_KIND_BIT(f->kind))))
      s->complete = false;
  }
  return TA_OK;
}

/* Findings about the whole pair, after every per-bead check: a target that
 * is mostly the source text itself (more than mostly_untranslated of the
 * source sentences sit in beads found untranslated), and a target most of
 * whose sentences, and the source's, have no counterpart (1-0 and 0-1
 * beads above unaligned_share of both documents).  Both are shares of the
 * pair's own sentences, so they mean the same for any pair and length. */
static ta_status whole_pair(ta__check_ctx *c) {
  ta_check_report *r = c->r;
  size_t nb = ta_alignment_count(c->al);
  size_t ns = ta_doc_count(c->src), nt = ta_doc_count(c->tgt);
  if (!nb || !ns) return TA_OK;
  bool *flagged = ta__calloc(nb, 1);
  if (!flagged) return TA_ENOMEM;
  for (size_t i = 0; i < r->n; i++)
    if (r->items[i].pub.kind == TA_FINDING_UNTRANSLATED)
      for (size_t k = r->items[i].pub.bead;
           k < r->items[i].pub.bead + r->items[i].pub.nbeads && k < nb; k++)
        flagged[k] = true;
  size_t same = 0, lone = 0;
  for (size_t k = 0; k < nb; k++) {
    const ta_bead *b = ta_alignment_bead(c->al, k);
    if (flagged[k]) same += b->src_len;
    if (!b->src_len || !b->tgt_len) lone += b->src_len + b->tgt_len;
  }
  free(flagged);
  double untr = (double)same / (double)ns;
  double unal = (double)lone / (double)(ns + nt);
  ta__finding_item *it = NULL;
  if (untr > c->o->mostly_untranslated) {
    it = ta__check_add(c, TA_FINDING_UNTRANSLATED, 0, nb, untr,
                       "the translation is mostly the source text itself: "
                       "%zu of %zu sentences are untranslated",
                       same, ns);
    if (!it) return TA_ENOMEM;
  } else if (unal > c->o->unaligned_share) {
    it = ta__check_add(c, TA_FINDING_OMISSION, 0, nb, unal,
                       "the target does not look like a translation of the "
                       "source: %zu of the %zu sentences of both documents "
                       "have no counterpart on the other side",
                       lone, ns + nt);
    if (!it) return TA_ENOMEM;
  }
  if (it) {
    it->summary = true;
    it->pub.severity = TA_SEVERITY_ERROR;
    /* about no sentence in particular: the place is the start */
    ta__check_span(c->src, 0, 0, &it->pub.src);
    ta__check_span(c->tgt, 0, 0, &it->pub.tgt);
  }
  return TA_OK;
}

/* The alignment must be a partition of both documents, in order. */
static bool alignment_fits(const ta_doc *src, const ta_doc *tgt,
                           const ta_alignment *al) {
  size_t i = 0, j = 0;
  for (size_t k = 0; k < ta_alignment_count(al); k++) {
    const ta_bead *b = ta_alignment_bead(al, k);
    if (b->src_begin != i || b->tgt_begin != j) return false;
    i += b->src_len;
    j += b->tgt_len;
  }
  return i == ta_doc_count(src) && j == ta_doc_count(tgt);
}

static ta_status run_checks(ta__check_ctx *c) {
  /* partial omissions count in the coverage even when not reported */
  ta_status st = ta__partial_init(c);
  size_t nb = ta_alignment_count(c->al);
  c->bead_flags = ta__calloc(nb ? nb : 1, 1);
  if (!c->bead_flags) return TA_ENOMEM;
  /* first what is missing (gaps may move and mark shifted beads), then
   * the per-bead checks on the beads that are real pairs */
  if (st == TA_OK) st = check_runs(c, true);
  if (st == TA_OK) st = check_runs(c, false);
  for (size_t k = 0; st == TA_OK && k < nb; k++) {
    bool partial = false;
    st = ta__check_partial(c, k, &partial);
    if (partial) c->bead_flags[k] |= TA__BEAD_PARTIAL;
  }
  for (size_t k = 0; st == TA_OK && k < nb; k++) {
    if (c->bead_flags[k] & TA__BEAD_SHIFTED) continue;
    if (!(c->bead_flags[k] & TA__BEAD_PARTIAL)) st = check_length(c, k);
    if (st == TA_OK) st = ta__check_numbers(c, k);
    if (st == TA_OK) st = ta__check_untranslated(c, k);
    if (st == TA_OK) st = ta__check_punctuation(c, k);
  }
  if (st == TA_OK) st = whole_pair(c);
  if (st == TA_OK) st = ta__check_language(c);
  return st;
}

/* Thresholds a caller set out of range are refused: an empty kind list or
 * a NaN threshold once made a half-empty translation "complete". */
static ta_status check_opts(const ta_check_opts *o, ta_error *err) {
  unsigned all = (1u << TA_FINDING_KIND_COUNT) - 1;
  if (!(o->kinds & all))
    return ta__fail(err, TA_EINVAL, "check: no kind of finding to look for");
  if (!(o->min_coverage >= 0 && o->min_coverage <= 1))
    return ta__fail(err, TA_EINVAL, "check: min coverage %g is outside 0..1",
                    o->min_coverage);
  if (!(o->untranslated_share >= 0 && o->untranslated_share <= 1))
    return ta__fail(err, TA_EINVAL,
                    "check: untranslated share %g is outside 0..1",
                    o->untranslated_share);
  if (!(o->mostly_untranslated >= 0 && o->mostly_untranslated <= 1) ||
      !(o->unaligned_share >= 0 && o->unaligned_share <= 1))
    return ta__fail(err, TA_EINVAL,
                    "check: mostly-untranslated share %g or unaligned share %g "
                    "is outside 0..1",
                    o->mostly_untranslated, o->unaligned_share);
  if (!(o->min_probability >= 0 && o->min_probability <= 1))
    return ta__fail(err, TA_EINVAL,
                    "check: min probability %g is outside 0..1 (a probability "
                    "that a finding is right, e.g. 0.5)",
                    o->min_probability);
  if (!(isfinite(o->length_z) && o->length_z >= 0))
    return ta__fail(err, TA_EINVAL, "check: length z %g is not a number >= 0",
                    o->length_z);
  /* evidence thresholds are log-odds: any finite value means something */
  if (!isfinite(o->partial_threshold) || !isfinite(o->hint_threshold))
    return ta__fail(err, TA_EINVAL,
                    "check: partial threshold %g or hint threshold %g is not "
                    "a finite number",
                    o->partial_threshold, o->hint_threshold);
  return TA_OK;
}

ta_status ta_check(const ta_doc *src, const ta_doc *tgt, const ta_alignment *al,
                   const ta_check_opts *o, ta_check_report **out,
                   ta_error *err) {
  if (!src || !tgt || !al || !out)
    return ta__fail(err, TA_EINVAL, "check: missing document or alignment");
  if (!alignment_fits(src, tgt, al))
    return ta__fail(err, TA_EINVAL,
                    "check: the alignment does not cover %s and %s",
                    ta_doc_name(src), ta_doc_name(tgt));
  ta_check_opts opts;
  if (o)
    opts = *o;
  else
    ta_check_opts_init(&opts);
  ta_status bad = check_opts(&opts, err);
  if (bad != TA_OK) return bad;
  ta_check_report *r = ta__calloc(1, sizeof *r);
  if (!r) return ta__fail(err, TA_ENOMEM, "check: out of memory");
  r->opts = opts;
  const ta_align_summary *as = ta_alignment_summary(al);
  ta__check_ctx c;
  memset(&c, 0, sizeof c);
  c.src = src;
  c.tgt = tgt;
  c.al = al;
  c.o = &r->opts;
  c.r = r;
  c.src_chars = count_chars(src);
  c.tgt_chars = count_chars(tgt);
  c.ratio = as->length_ratio;
  c.var = as->length_var;
  if (!(c.ratio > 0)) c.ratio = 1;
  if (!(c.var > 0)) c.var = 6.8;
  c.raw_var = as->length_var_raw < 1 ? 1 : as->length_var_raw;
  ta_status st = c.src_chars && c.tgt_chars ? run_checks(&c) : TA_ENOMEM;
  /* summarise() drops the kinds not asked for: the order comes after it,
   * so that it points at the findings kept */
  if (st == TA_OK) st = summarise(&c);
  if (st == TA_OK) {
    r->order = ta__malloc((r->n ? r->n : 1) * sizeof *r->order);
    if (!r->order) st = TA_ENOMEM;
  }
  if (st == TA_OK) {
    size_t first = 0;
    /* findings about the whole pair come first, then by position */
    for (size_t i = 0; i < r->n; i++)
      if (r->items[i].summary) r->order[first++] = &r->items[i].pub;
    for (size_t i = 0, j = first; i < r->n; i++) {
      r->items[i].pub.message = r->items[i].msg;
      if (!r->items[i].summary) r->order[j++] = &r->items[i].pub;
    }
    if (r->n - first > 1)
      qsort(r->order + first, r->n - first, sizeof *r->order, cmp_finding);
  }
  free(c.src_chars);
  free(c.tgt_chars);
  ta__partial_free(&c);
  ta__spellout_free(&c);
  free(c.bead_flags);
  if (st != TA_OK) {
    ta_check_report_free(r);
    return ta__fail(err, st, "check %s with %s: %s", ta_doc_name(src),
                    ta_doc_name(tgt), ta_strerror(st));
  }
  *out = r;
  return TA_OK;
}

size_t ta_check_report_count(const ta_check_report *r) { return r ? r->n : 0; }

const ta_finding *ta_check_report_finding(const ta_check_report *r, size_t i) {
  return r && i < r->n ? r->order[i] : NULL;
}

const ta_check_summary *ta_check_report_summary(const ta_check_report *r) {
  return r ? &r->summary : NULL;
}

const ta_check_opts *ta_check_report_opts(const ta_check_report *r) {
  return r ? &r->opts : NULL;
}

ta_status ta_check_report_write(FILE *fp, ta_check_format format,
                                const ta_doc *src, const ta_doc *tgt,
                                const ta_alignment *al,
                                const ta_check_report *r, ta_error *err) {
  if (!fp || !src || !tgt || !al || !r)
    return ta__fail(err, TA_EINVAL, "check report: missing argument");
  ta_status st;
  switch (format) {
    case TA_CHECK_FORMAT_TEXT:
    case TA_CHECK_FORMAT_TEXT_COLOR:
      st = ta__check_write_text(fp, format == TA_CHECK_FORMAT_TEXT_COLOR, src,
                                tgt, r);
      break;
    case TA_CHECK_FORMAT_JSON:
      st = ta__check_write_json(fp, src, tgt, r);
      break;
    case TA_CHECK_FORMAT_HTML:
      st = ta__check_write_html(fp, src, tgt, al, r);
      break;
    default:
      return ta__fail(err, TA_EINVAL, "check report: unknown format %d",
                      (int)format);
  }
  if (st == TA_OK && (fflush(fp) != 0 || ferror(fp))) st = TA_EIO;
  if (st != TA_OK)
    return ta__fail(err, st, "check report: %s", ta_strerror(st));
  return TA_OK;
}

void ta_check_report_free(ta_check_report *r) {
  if (!r) return;
  free(r->items);
  free(r->order);
  free(r);
}
