/* Learning a translation table from the text itself: IBM Model 1 (Brown
 * et al. 1993) trained by EM on sentence pairs, and the choice of those
 * pairs: the confident 1-1 beads of a first alignment (as Moore 2002
 * does for his lexical pass).  Both directions are trained and only the
 * pairs they agree on are kept.
 *
 * Does not align: the caller (align/lexicon_pass.c, which also has
 * ta_lexicon_learn) gives the beads.  Memory: one entry per co-occurring
 * (source, target) word pair of the training beads, which are capped at
 * TA__LEX_TRAIN_MAX and TA__LEX_SENT_WORDS words a sentence. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon/lexicon.h"

/* 1-1 beads costing less than this (nats a sentence) are trusted to
 * learn from; the cost, not the confidence score, so that a better score
 * model does not change what is learned. */
#define TA__LEX_MAX_COST 2.4
/* Words of a sentence beyond this are ignored in training. */
#define TA__LEX_SENT_WORDS 100
/* Least t of a learned entry, in each direction: a table learned from a
 * few hundred beads is noisy; only clear translations are kept. */
#define TA__LEX_LEARN_MIN_P 0.2
/* A source word must occur this often in training to get translations. */
#define TA__LEX_MIN_COUNT 2

typedef struct sent {
  uint32_t *w;
  size_t n;
} sent;

typedef struct tok_ctx {
  ta__folder *f;
  ta__strtab *vocab;
  uint32_t *out;
  size_t n;
  uint32_t shift; /* source ids start at 1: 0 is the NULL word */
  ta_status st;
} tok_ctx;

static bool tok_word(void *user, const char *w, size_t len) {
  tok_ctx *t = user;
  char tmp[TA__LEX_WORD_MAX];
  uint32_t id;
  size_t n = ta__lex_norm(t->f, w, len, tmp, sizeof tmp);
  if (!n) return true;
  t->st = ta__strtab_intern(t->vocab, tmp, n, &id);
  if (t->st != TA_OK) return false;
  t->out[t->n++] = id + t->shift;
  return t->n < TA__LEX_SENT_WORDS;
}

static ta_status tokenize(ta__folder *f, ta__strtab *vocab, const char *text,
                          uint32_t shift, sent *out) {
  out->w = ta__malloc(TA__LEX_SENT_WORDS * sizeof *out->w);
  if (!out->w) return TA_ENOMEM;
  tok_ctx t = {f, vocab, out->w, 0, shift, TA_OK};
  ta_status st = ta__lex_words(f, text, strlen(text), tok_word, &t);
  out->n = t.n;
  return st != TA_OK ? st : t.st;
}

/* Co-occurrence table keyed by (e, f). */
typedef struct pair_tab {
  uint64_t *key; /* (e << 32 | f) + 1, 0 = empty */
  float *t, *c;  /* float: the table is the memory peak of the aligner */
  size_t cap, n;
} pair_tab;

static size_t pair_slot(const pair_tab *p, uint64_t k) {
  size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 20) & (p->cap - 1);
  while (p->key[h] && p->key[h] != k) h = (h + 1) & (p->cap - 1);
  return h;
}

static uint64_t pair_key(uint32_t e, uint32_t f) {
  return ((uint64_t)e << 32 | f) + 1;
}

/* Insert key (t and c start at 0), doubling the table at half load. */
static bool pair_insert(pair_tab *p, uint64_t k) {
  if ((p->n + 1) * 2 > p->cap) {
    pair_tab q = {0};
    q.cap = p->cap ? p->cap * 2 : 1 << 14;
    q.key = ta__calloc(q.cap, sizeof *q.key);
    q.t = ta__calloc(q.cap, sizeof *q.t);
    q.c = ta__calloc(q.cap, sizeof *q.c);
    if (!q.key || !q.t || !q.c) {
      free(q.key);
      free(q.t);
      free(q.c);
      return false;
    }
    for (size_t h = 0; h < p->cap; h++)
      if (p->key[h]) q.key[pair_slot(&q, p->key[h])] = p->key[h];
    q.n = p->n;
    free(p->key);
    free(p->t);
    free(p->c);
    *p = q;
  }
  size_t h = pair_slot(p, k);
  if (!p->key[h]) {
    p->key[h] = k;
    p->n++;
  }
  return true;
}

typedef struct cand {
  uint32_t e, f;
  double t;
} cand;

static int cmp_cand(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->e != b->e) return a->e < b->e ? -1 : 1;
  if (a->t != b->t) return a->t > b->t ? -1 : 1;
  return a->f < b->f ? -1 : a->f > b->f;
}

static void em(pair_tab *p, const sent *S, const sent *T, size_t n, size_t nsrc,
               double *tot, int iters) {
  for (int it = 0; it < iters; it++) {
    for (size_t h = 0; h < p->cap; h++) p->c[h] = 0;
    memset(tot, 0, nsrc * sizeof *tot);
    for (size_t k = 0; k < n; k++)
      for (size_t j = 0; j < T[k].n; j++) {
        uint32_t f = T[k].w[j];
        double z = p->t[pair_slot(p, pair_key(0, f))];
        for (size_t i = 0; i < S[k].n; i++)
          z += p->t[pair_slot(p, pair_key(S[k].w[i], f))];
        for (size_t i = 0; i <= S[k].n; i++) {
          uint32_t e = i < S[k].n ? S[k].w[i] : 0;
          size_t h = pair_slot(p, pair_key(e, f));
          double d = p->t[h] / z;
          p->c[h] += (float)d;
          tot[e] += d;
        }
      }
    for (size_t h = 0; h < p->cap; h++)
      if (p->key[h]) {
        uint32_t e = (uint32_t)((p->key[h] - 1) >> 32);
        p->t[h] = tot[e] > 0 ? (float)(p->c[h] / tot[e]) : 0;
      }
  }
}

/* The at most TA__LEX_TOP likeliest targets of every frequent source
 * word, t >= min_p. */
static ta_status extract(ta_lexicon *lx, const pair_tab *p,
                         const ta__strtab *vs, const ta__strtab *vt,
                         const uint32_t *count, double min_p) {
  size_t nc = 0;
  for (size_t h = 0; h < p->cap; h++) nc += p->key[h] && p->t[h] >= min_p;
  cand *c = ta__malloc((nc ? nc : 1) * sizeof *c);
  if (!c) return TA_ENOMEM;
  nc = 0;
  for (size_t h = 0; h < p->cap; h++) {
    if (!p->key[h] || p->t[h] < min_p) continue;
    uint32_t e = (uint32_t)((p->key[h] - 1) >> 32);
    uint32_t f = (uint32_t)(p->key[h] - 1);
    if (e == 0 || count[e] < TA__LEX_MIN_COUNT) continue;
    c[nc++] = (cand){e, f, p->t[h]};
  }
  if (nc > 1) qsort(c, nc, sizeof *c, cmp_cand);
  ta_status st = TA_OK;
  for (size_t i = 0, rank = 0; i < nc && st == TA_OK; i++) {
    rank = i > 0 && c[i].e == c[i - 1].e ? rank + 1 : 0;
    if (rank >= TA__LEX_TOP) continue;
    const char *sw = ta__strtab_str(vs, c[i].e - 1);
    const char *tw = ta__strtab_str(vt, c[i].f);
    st = ta__lexicon_add_norm(lx, sw, strlen(sw), tw, strlen(tw), c[i].t);
  }
  free(c);
  return st;
}

static ta_status train(ta_lexicon *lx, const char *const *src_sents,
                       const char *const *tgt_sents, size_t n, int iters,
                       double min_p) {
  if (!lx || (n && (!src_sents || !tgt_sents))) return TA_EINVAL;
  ta__strtab vs = {0}, vt = {0};
  sent *S = ta__calloc(n ? n : 1, sizeof *S),
       *T = ta__calloc(n ? n : 1, sizeof *T);
  pair_tab p = {0};
  double *tot = NULL;
  uint32_t *count = NULL;
  ta__folder *f = ta__folder_new();
  ta_status st = S && T && f ? TA_OK : TA_ENOMEM;
  for (size_t k = 0; k < n && st == TA_OK; k++) {
    st = tokenize(f, &vs, src_sents[k], 1, &S[k]);
    if (st == TA_OK) st = tokenize(f, &vt, tgt_sents[k], 0, &T[k]);
  }
  if (st != TA_OK) goto done;
  tot = ta__calloc(vs.n + 1, sizeof *tot);
  count = ta__calloc(vs.n + 1, sizeof *count);
  if (!tot || !count) {
    st = TA_ENOMEM;
    goto done;
  }
  for (size_t k = 0; k < n && st == TA_OK; k++) {
    for (size_t i = 0; i < S[k].n; i++) count[S[k].w[i]]++;
    for (size_t j = 0; j < T[k].n && st == TA_OK; j++)
      for (size_t i = 0; i <= S[k].n && st == TA_OK; i++)
        if (!pair_insert(&p, pair_key(i < S[k].n ? S[k].w[i] : 0, T[k].w[j])))
          st = TA_ENOMEM;
  }
  if (st != TA_OK) goto done;
  /* uniform start: every co-occurring pair the same t */
  for (size_t h = 0; h < p.cap; h++)
    if (p.key[h]) p.t[h] = (float)(1.0 / (double)(vt.n ? vt.n : 1));
  em(&p, S, T, n, vs.n + 1, tot, iters);
  st = extract(lx, &p, &vs, &vt, count, min_p);
done:
  for (size_t k = 0; k < n && S && T; k++) {
    free(S[k].w);
    free(T[k].w);
  }
  free(S);
  free(T);
  free(p.key);
  free(p.t);
  free(p.c);
  free(tot);
  free(count);
  ta__folder_free(f);
  ta__strtab_free(&vs);
  ta__strtab_free(&vt);
  return st;
}

ta_status ta_lexicon_train(ta_lexicon *lx, const char *const *src_sents,
                           const char *const *tgt_sents, size_t n, int iters,
                           double min_p, ta_error *err) {
  ta_status st = train(lx, src_sents, tgt_sents, n, iters, min_p);
  if (st == TA_OK) return st;
  return ta__fail(
      err, st, "lexicon: training on %zu sentence pairs: %s", n,
      st == TA_EINVAL ? "missing table or sentences" : ta_strerror(st));
}

/* ---- which beads to learn from ---------------------------------------- */

size_t ta__lex_confident(const ta_bead *beads, size_t n, size_t *idx,
                         size_t cap) {
  size_t m = 0;
  for (size_t k = 0; k < n; k++)
    if (beads[k].src_len == 1 && beads[k].tgt_len == 1 &&
        beads[k].cost / 2 < TA__LEX_MAX_COST)
      m++;
  /* Beyond the cap, an even sample over the whole document: the cheapest
   * beads would all be alike (in a book, every "Chapitre N" / "Chapter N"
   * heading; a million-sentence pair learned nothing from them). */
  size_t want = m < TA__LEX_TRAIN_MAX ? m : TA__LEX_TRAIN_MAX;
  if (want > cap) want = cap;
  size_t seen = 0, out = 0;
  for (size_t k = 0; k < n && out < want; k++) {
    if (beads[k].src_len != 1 || beads[k].tgt_len != 1 ||
        beads[k].cost / 2 >= TA__LEX_MAX_COST)
      continue;
    /* the confident bead number seen is taken when it reaches the next
     * multiple of m / want */
    if ((uint64_t)seen * want / m == out) idx[out++] = k;
    seen++;
  }
  return out;
}

/* Add to lx the pairs of f (source -> target) that r (target -> source)
 * has too, with f's probability: the two directions of Model 1 err
 * differently, and what both agree on is rarely wrong (on the dev set the
 * intersection is the better table: strict F1 0.916 against 0.907). */
static ta_status intersect(ta_lexicon *lx, const ta_lexicon *f,
                           const ta_lexicon *r) {
  ta_status st = TA_OK;
  for (size_t s = 0; s < f->nheads && st == TA_OK; s++)
    for (uint32_t i = 0; i < f->heads[s].n && st == TA_OK; i++) {
      const char *sw = ta__strtab_str(&f->words, (uint32_t)s);
      const char *tw = ta__strtab_str(&f->words, f->heads[s].tr[i].tgt);
      int64_t rs = ta__strtab_find(&r->words, tw, strlen(tw));
      int64_t rt = ta__strtab_find(&r->words, sw, strlen(sw));
      if (rs < 0 || rt < 0 || (size_t)rs >= r->nheads) continue;
      for (uint32_t j = 0; j < r->heads[rs].n; j++)
        if (r->heads[rs].tr[j].tgt == (uint32_t)rt) {
          st = ta__lexicon_add_norm(lx, sw, strlen(sw), tw, strlen(tw),
                                    f->heads[s].tr[i].p);
          break;
        }
    }
  return st;
}

/* Learn from the confident beads among n (costs set). */
ta_status ta__lex_learn_beads(ta_lexicon *lx, const ta_doc *src,
                              const ta_doc *tgt, const ta_bead *beads, size_t n,
                              size_t *used) {
  size_t *idx = ta__malloc((n ? n : 1) * sizeof *idx);
  const char **a = ta__malloc((n ? n : 1) * sizeof *a);
  const char **b = ta__malloc((n ? n : 1) * sizeof *b);
  ta_status st = idx && a && b ? TA_OK : TA_ENOMEM;
  size_t m = st == TA_OK ? ta__lex_confident(beads, n, idx, n) : 0;
  *used = m;
  if (st == TA_OK && m >= TA_LEXICON_MIN_BEADS) {
    for (size_t k = 0; k < m; k++) {
      a[k] = ta_doc_sentence(src, beads[idx[k]].src_begin)->text;
      b[k] = ta_doc_sentence(tgt, beads[idx[k]].tgt_begin)->text;
    }
    ta_lexicon *f = NULL, *r = NULL;
    st = ta_lexicon_new(&f, NULL);
    if (st == TA_OK) st = ta_lexicon_new(&r, NULL);
    if (st == TA_OK) st = train(f, a, b, m, 5, TA__LEX_LEARN_MIN_P);
    if (st == TA_OK) st = train(r, b, a, m, 5, TA__LEX_LEARN_MIN_P);
    if (st == TA_OK) st = intersect(lx, f, r);
    ta_lexicon_free(f);
    ta_lexicon_free(r);
  }
  free(idx);
  free(a);
  free(b);
  return st;
}
