/* Partial omissions: a source sentence with no translation that the
 * aligner merged into a neighbouring bead (a 2-1 instead of 1-1 + 1-0,
 * because merges are far more common than omissions in real translations).
 *
 * For every source sentence k of a bead with m >= 2 source sentences, the
 * evidence that k is untranslated is weighed as log-odds, as the aligner's
 * own cost model would: how much better the target's length fits the other
 * sentences without k (Gale-Church with the pair's unwidened variance), the
 * anchors of k (names, numbers, cognates, ? ! : ;) that the target lacks,
 * minus the anchors of k that only the target explains, plus a paragraph
 * boundary the target does not share.  The best k of a bead is reported
 * when its evidence exceeds ta_check_opts.partial_threshold.
 *
 * Does not re-align: beads stay as the aligner made them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check/check_int.h"

/* Weight of an anchor of k the target lacks, relative to one it has: most
 * anchors (cognate prefixes above all) do not survive translation, so a
 * missing one is weak evidence. */
#define MISS_WEIGHT 0.35
/* A bead joining two source paragraphs into one target paragraph. */
#define PARAGRAPH_NATS 2.0
/* A speech turn of the source (a line opening with a dash or a quote)
 * that the target does not open: translations keep turns apart. */
#define TURN_NATS 2.0
/* A word of the sentence whose translation is in the target, and one
 * whose translation is not (tables miss many: weaker).  Tuned on the
 * omission benchmark (story, Text+Berg): 1/0.3 changed nothing, 2/1.2
 * gave recall 0.70 -> 0.76 on the story with --dict auto. */
#define LEX_HIT_NATS 2.0
#define LEX_MISS_NATS 1.2

/* Speech turns a run of sentences opens: sentences opening with a mark,
 * plus opening quotes inside them (“...,” he said, “...”). */
static int turns(const ta_doc *d, size_t b, size_t n) {
  int t = 0;
  for (size_t i = b; i < b + n; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    if (ta__opens_turn(s->text, s->len)) t++;
  }
  return t;
}

/* Words of s (runs of letters and digits). */
static size_t word_count(const char *s, size_t len) {
  size_t n = 0;
  bool in = false;
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    bool w = ch >= 0x80 || (ch >= '0' && ch <= '9') ||
             ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
    if (w && !in) n++;
    in = w;
  }
  return n;
}

bool ta__check_speech_tag(const ta__check_ctx *c, size_t i) {
  const ta_sentence *s = ta_doc_sentence(c->src, i);
  const ta_sentence *next = ta_doc_sentence(c->src, i + 1);
  size_t n = s->len;
  while (n && (s->text[n - 1] == ' ')) n--;
  if (!n || s->text[n - 1] != ':' || !next) return false;
  return word_count(s->text, n) <= 8 && ta__opens_turn(next->text, next->len);
}

ta_status ta__partial_init(ta__check_ctx *c) {
  bool on[TA_ANCHOR_COUNT] = {true, true, true, true, false};
  ta_status st = ta__features_build(c->src, on, &c->fs);
  if (st == TA_OK) st = ta__features_build(c->tgt, on, &c->ft);
  if (st == TA_OK) st = ta__features_weigh(&c->fs, &c->ft, NULL);
  if (st != TA_OK) return st;
  ta__model_defaults(&c->model, NULL);
  c->model.ratio = c->ratio;
  /* the aligner widens its variance to be tolerant; judging a length needs
   * the estimate itself */
  c->model.var = c->raw_var;
  if (c->o->lexicon && !(c->folder = ta__folder_new())) return TA_ENOMEM;
  c->features = true;
  return TA_OK;
}

void ta__partial_free(ta__check_ctx *c) {
  ta__folder_free(c->folder);
  c->folder = NULL;
  ta__features_free(&c->fs);
  ta__features_free(&c->ft);
}

/* Sorted keys of sentences [b, b+n) but those of [skip, skip+nskip) into
 * out (at most cap); returns the count. */
static size_t gather(const ta__features *f, size_t b, size_t n, size_t skip,
                     size_t nskip, uint32_t *out, size_t cap) {
  size_t m = 0;
  for (size_t s = b; s < b + n; s++) {
    if (s >= skip && s < skip + nskip) continue;
    const uint32_t *k = f->keys + f->s[s].key_begin;
    for (uint32_t i = 0; i < f->s[s].nkeys && m < cap; i++) out[m++] = k[i];
  }
  /* insertion sort: a bead holds a few dozen keys */
  for (size_t i = 1; i < m; i++) {
    uint32_t v = out[i];
    size_t j = i;
    while (j > 0 && out[j - 1] > v) {
      out[j] = out[j - 1];
      j--;
    }
    out[j] = v;
  }
  return m;
}

static bool has_key(const uint32_t *k, size_t n, uint32_t key) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (k[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && k[lo] == key;
}

static bool para_start(const ta_doc *d, size_t i) {
  return i == 0 || ta_doc_sentence(d, i - 1)->paragraph !=
                       ta_doc_sentence(d, i)->paragraph;
}

static bool para_end(const ta_doc *d, size_t i) {
  return i + 1 >= ta_doc_count(d) || ta_doc_sentence(d, i + 1)->paragraph !=
                                         ta_doc_sentence(d, i)->paragraph;
}

/* Evidence (log-odds) that source sentences [k, k+r) of bead b are
 * untranslated. */
static double evidence(const ta__check_ctx *c, const ta_bead *b, size_t k,
                       size_t r, const uint32_t *kt, size_t nt, double ls,
                       double lt, double *dlen, double *anchors) {
  enum { CAP = 512 };
  uint32_t ko[CAP];
  /* keys of the other sentences of the bead */
  size_t no = gather(&c->fs, b->src_begin, b->src_len, k, r, ko, CAP);
  double lk = 0;
  for (size_t i = k; i < k + r; i++) lk += (double)c->src_chars[i];
  *dlen = ta__cost_length(&c->model, ls, lt) -
          ta__cost_length(&c->model, ls - lk, lt);
  double a = 0;
  for (size_t i = k; i < k + r; i++) {
    const ta__sent_feat *sf = &c->fs.s[i];
    for (uint32_t q = sf->key_begin; q < sf->key_begin + sf->nkeys; q++) {
      uint32_t key = c->fs.keys[q];
      double w = c->model.weight[TA__KEY_KIND(key)] * c->fs.weights[q];
      if (has_key(ko, no, key)) continue; /* the others explain it */
      a += has_key(kt, nt, key) ? -w : MISS_WEIGHT * w;
    }
  }
  *anchors = a;
  double e = *dlen + a;
  /* whole source paragraphs merged into a target inside one paragraph:
   * translations keep paragraphs far more often than they merge them */
  const ta_sentence *t0 = ta_doc_sentence(c->tgt, b->tgt_begin);
  const ta_sentence *t1 =
      ta_doc_sentence(c->tgt, b->tgt_begin + b->tgt_len - 1);
  if (para_start(c->src, k) && para_end(c->src, k + r - 1) &&
      t0->paragraph == t1->paragraph)
    e += PARAGRAPH_NATS;
  int tr = turns(c->src, k, r);
  int ts = turns(c->src, b->src_begin, b->src_len);
  int tt = turns(c->tgt, b->tgt_begin, b->tgt_len);
  if (tr > 0 && tt < ts) e += TURN_NATS * (ts - tt < tr ? ts - tt : tr);
  int hits = 0, misses = 0;
  if (ta__check_lexical(c, b, k, r, &hits, &misses) == TA_OK) {
    double lex = LEX_MISS_NATS * misses - LEX_HIT_NATS * hits;
    *anchors += lex;
    e += lex;
  }
  return e;
}

static double logistic(double z) { return 1.0 / (1.0 + exp(-z)); }

/* The probability that source sentences [k, k+r) of a merge are
 * untranslated: the aligner's posterior (the lattice's alternative of a
 * 1-0 bead beside a smaller merge), or the check's own evidence e read as
 * log-odds around partial_threshold, whichever is surer; -1 without
 * posteriors.  The evidence sees what the aligner does not (a lexicon,
 * speech turns, anchors the target lacks). */
static double probability(const ta__check_ctx *c, size_t k, size_t r,
                          double e) {
  double post = ta__check_p_untranslated(c, k, r);
  if (post < 0) return -1;
  double pe = logistic(e - c->o->partial_threshold);
  return pe > post ? pe : post;
}

ta_status ta__check_partial(ta__check_ctx *c, size_t bead, bool *found) {
  const ta_bead *b = ta_alignment_bead(c->al, bead);
  *found = false;
  if (!c->features || b->src_len < 2 || !b->tgt_len) return TA_OK;
  enum { CAP = 512 };
  uint32_t kt[CAP];
  size_t nt = gather(&c->ft, b->tgt_begin, b->tgt_len, 0, 0, kt, CAP);
  double ls = 0, lt = 0;
  for (size_t i = b->src_begin; i < b->src_begin + b->src_len; i++)
    ls += (double)c->src_chars[i];
  for (size_t j = b->tgt_begin; j < b->tgt_begin + b->tgt_len; j++)
    lt += (double)c->tgt_chars[j];
  size_t best = b->src_begin, best_r = 1;
  double best_e = -INFINITY, best_len = 0, best_anch = 0, best_p = -1;
  /* every run of sentences but the whole bead, the likeliest first */
  for (size_t k = b->src_begin; k < b->src_begin + b->src_len; k++)
    for (size_t r = 1; k + r <= b->src_begin + b->src_len && r < b->src_len;
         r++) {
      double dl, an;
      double e = evidence(c, b, k, r, kt, nt, ls, lt, &dl, &an);
      double p = probability(c, k, r, e);
      if (p > best_p || (p == best_p && e > best_e)) {
        best_e = e;
        best_p = p;
        best = k;
        best_r = r;
        best_len = dl;
        best_anch = an;
      }
    }
  bool graded = ta_alignment_has_posteriors(c->al);
  double floor = c->o->hint_threshold < c->o->partial_threshold
                     ? c->o->hint_threshold
                     : c->o->partial_threshold;
  if (graded ? best_p <= logistic(floor - c->o->partial_threshold)
             : best_e <= floor)
    return TA_OK;
  /* "Il reprit :" before a line of dialogue is mostly folded into the
   * quote ("...," he went on): a hint, not a warning */
  bool tag = best_r == 1 && ta__check_speech_tag(c, best);
  bool hint = (graded ? best_p < c->o->min_probability
                      : best_e <= c->o->partial_threshold) ||
              tag;
  char which[48];
  if (best_r == 1)
    snprintf(which, sizeof which, "sentence %zu of %zu",
             best - b->src_begin + 1, b->src_len);
  else
    snprintf(which, sizeof which, "sentences %zu-%zu of %zu",
             best - b->src_begin + 1, best - b->src_begin + best_r, b->src_len);
  /* what was seen, in words; the evidence (log-odds) is the finding's
   * value, the probability what a reviewer reads */
  char why[160] = "";
  size_t wl = 0;
  double rest = best_e - best_len - best_anch;
  if (best_len > 0.5)
    wl += (size_t)snprintf(why + wl, sizeof why - wl, "%s",
                           "the translation is too short to hold it");
  if (best_anch > 0.5 && wl < sizeof why)
    wl += (size_t)snprintf(why + wl, sizeof why - wl, "%s%s", wl ? "; " : "",
                           best_r == 1 ? "its names, numbers and words have "
                                         "no counterpart in the target"
                                       : "their names, numbers and words "
                                         "have no counterpart in the target");
  if (rest > 0.5 && wl < sizeof why)
    wl += (size_t)snprintf(why + wl, sizeof why - wl, "%s%s", wl ? "; " : "",
                           "the target has fewer paragraphs or speech turns");
  if (!wl)
    snprintf(why, sizeof why, "%s",
             "little in the translation accounts for it");
  char sure[48];
  if (graded)
    snprintf(sure, sizeof sure, "%s %s untranslated (p = %.2f)",
             best_r == 1 ? "is" : "are", ta__check_how_sure(best_p), best_p);
  else
    snprintf(sure, sizeof sure, "%s untranslated",
             hint          ? "may be"
             : best_r == 1 ? "looks"
                           : "look");
  ta__finding_item *it = ta__check_add(
      c, TA_FINDING_PARTIAL_OMISSION, bead, 1, best_e,
      "%s merged into this translation %s: %s%s", which, sure, why,
      tag ? "; a speech tag, often folded into the "
            "quoted speech"
          : "");
  if (!it) return TA_ENOMEM;
  it->pub.probability = graded ? best_p : -1;
  ta__check_span(c->src, best, best_r, &it->pub.src);
  if (hint) {
    /* weak evidence: shown to a reviewer, never fails the check */
    it->pub.severity = TA_SEVERITY_INFO;
    return TA_OK;
  }
  if (b->src_len == b->tgt_len + best_r)
    ta__check_move_gap(c, it, bead, bead, best, best_r);
  *found = true;
  return TA_OK;
}

/* ---- where the gap belongs -------------------------------------------------
 */

/* Cost of pairing source sentence s with target sentence t alone. */
static double pair_cost(const ta__check_ctx *c, size_t s, size_t t) {
  ta__pair_match pm;
  ta__pair_match_compute(&c->fs, s, &c->ft, t, &pm);
  /* numbers without their twin cost as in the aligner's model */
  double miss = (double)c->fs.s[s].nnum + (double)c->ft.s[t].nnum -
                2.0 * (double)pm.numbers;
  return ta__cost_length(&c->model, (double)c->src_chars[s],
                         (double)c->tgt_chars[t]) -
         ta__pair_reward(&c->model, &pm) +
         c->model.number_miss * (miss > 0 ? miss : 0);
}

#define RUN_MAX 64
/* Moving the gap must win by this much: pair costs are noisy. */
#define MOVE_MARGIN 0.5

size_t ta__check_place_gap(const ta__check_ctx *c, size_t first, size_t last,
                           size_t g, size_t r) {
  if (!c->features || r == 0 || r > RUN_MAX) return g;
  /* S: source sentences, T: target sentences (both consecutive); the gap
   * is S[m..m+r); S[j] pairs with T[j] before it, S[j+r] with T[j] after */
  size_t S[4 * RUN_MAX + 3], T[4 * RUN_MAX + 3];
  size_t ns = 0, nt = 0, lo = first, hi = last;
  size_t nb = ta_alignment_count(c->al);
  /* the runs of 1-1 beads around it (merged pairs would be costed as
   * split ones: tried, it moved more gaps wrongly than rightly) */
  while (lo > 0 && first - lo < RUN_MAX) {
    const ta_bead *p = ta_alignment_bead(c->al, lo - 1);
    if (p->src_len != 1 || p->tgt_len != 1) break;
    lo--;
  }
  while (hi + 1 < nb && hi - last < RUN_MAX) {
    const ta_bead *p = ta_alignment_bead(c->al, hi + 1);
    if (p->src_len != 1 || p->tgt_len != 1) break;
    hi++;
  }
  /* the gap's beads must leave exactly r source sentences over, the
   * others pairing 1-1 in order */
  size_t gs = 0, gt = 0;
  for (size_t k = first; k <= last; k++) {
    gs += ta_alignment_bead(c->al, k)->src_len;
    gt += ta_alignment_bead(c->al, k)->tgt_len;
  }
  if (gs != gt + r || gs > 2 * RUN_MAX) return g;
  for (size_t k = lo; k <= hi; k++) {
    const ta_bead *p = ta_alignment_bead(c->al, k);
    for (size_t i = 0; i < p->src_len; i++) S[ns++] = p->src_begin + i;
    for (size_t j = 0; j < p->tgt_len; j++) T[nt++] = p->tgt_begin + j;
  }
  size_t m0 = g - S[0];
  if (nt == 0) return g;
  /* cost(m) = sum_{j<m} c(S[j],T[j]) + sum_{j>=m} c(S[j+r],T[j]) */
  double before[4 * RUN_MAX + 3], after[4 * RUN_MAX + 3];
  before[0] = 0;
  for (size_t j = 0; j < nt; j++)
    before[j + 1] = before[j] + pair_cost(c, S[j], T[j]);
  after[nt] = 0;
  for (size_t j = nt; j-- > 0;)
    after[j] = after[j + 1] + pair_cost(c, S[j + r], T[j]);
  size_t best = m0;
  for (size_t m = 0; m <= nt; m++)
    if (before[m] + after[m] < before[best] + after[best]) best = m;
  if (before[best] + after[best] > before[m0] + after[m0] - MOVE_MARGIN)
    best = m0;
  return S[best];
}

size_t ta__check_bead_of_src(const ta__check_ctx *c, size_t s) {
  size_t lo = 0, hi = ta_alignment_count(c->al);
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (ta_alignment_bead(c->al, mid)->src_begin <= s)
      lo = mid;
    else
      hi = mid;
  }
  /* 0-1 beads share their src_begin with the next bead: skip them */
  while (lo + 1 < ta_alignment_count(c->al) &&
         !ta_alignment_bead(c->al, lo)->src_len)
    lo++;
  return lo;
}

void ta__check_move_gap(ta__check_ctx *c, ta__finding_item *it, size_t first,
                        size_t last, size_t g, size_t r) {
  /* a pairing given by the translator has its gaps where they are */
  if (c->o->given_pairs) return;
  size_t p = ta__check_place_gap(c, first, last, g, r);
  if (p == g) return;
  size_t nb0 = ta__check_bead_of_src(c, p);
  size_t nb1 = ta__check_bead_of_src(c, p + r - 1);
  size_t b0 = nb0 < first ? nb0 : first, b1 = nb1 > last ? nb1 : last;
  for (size_t k = b0; c->bead_flags && k <= b1; k++)
    c->bead_flags[k] |= TA__BEAD_SHIFTED;
  const ta_bead *b = ta_alignment_bead(c->al, nb0);
  /* the gap now stands alone: a plain omission */
  it->pub.kind = TA_FINDING_OMISSION;
  it->pub.severity = TA_SEVERITY_ERROR;
  it->pub.bead = nb0;
  it->pub.nbeads = nb1 - nb0 + 1;
  ta__check_span(c->src, p, r, &it->pub.src);
  /* where it is missing: before the target of the bead now holding it */
  ta__check_span(c->tgt, b->tgt_begin + (p - b->src_begin), 0, &it->pub.tgt);
  it->pub.whole_paragraph =
      para_start(c->src, p) && para_end(c->src, p + r - 1);
  size_t moved = g > p ? g - p : p - g;
  char what[64];
  if (it->pub.whole_paragraph)
    snprintf(what, sizeof what, "whole paragraph %zu (%zu sentence%s)",
             ta_doc_sentence(c->src, p)->paragraph + 1, r, r > 1 ? "s" : "");
  else
    snprintf(what, sizeof what, "%zu sentence%s", r, r > 1 ? "s" : "");
  /* a partial omission carries its probability here; a run of 1-0 beads
   * gets its own after the move (check.c) */
  char gone[48] = "not translated";
  if (it->pub.probability >= 0)
    snprintf(gone, sizeof gone, "%s untranslated (p = %.2f)",
             ta__check_how_sure(it->pub.probability), it->pub.probability);
  snprintf(it->msg, sizeof it->msg,
           "%s %s (the aligner paired the %zu sentence%s %s it "
           "one off and put the gap at source line %zu)",
           what, gone, moved, moved > 1 ? "s" : "", g > p ? "after" : "before",
           ta_doc_sentence(c->src, g)->line);
}
