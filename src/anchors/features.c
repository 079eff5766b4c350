/* Document-level work on the anchor keys of tokens.c: document
 * frequencies over both sides (the vocabulary), key weights and chance
 * matches, and halving a document for the coarse search.  Memory: the
 * vocabulary is sized to the distinct keys, not to the text. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "anchors/anchors.h"
#include "base/parallel.h"

static size_t df_slot(const ta__vocab *t, uint32_t k) {
  size_t h = (k * 2654435761u) & (t->cap - 1);
  /* a slot is empty while both counts are 0, so key 0 needs no sentinel */
  while ((t->count[0][h] || t->count[1][h]) && t->key[h] != k)
    h = (h + 1) & (t->cap - 1);
  return h;
}

void ta__vocab_free(ta__vocab *t) {
  free(t->key);
  free(t->count[0]);
  free(t->count[1]);
  memset(t, 0, sizeof *t);
}

float ta__vocab_p_other(const ta__vocab *v, uint32_t k, int side) {
  size_t h = df_slot(v, k);
  double p =
      v->count[1 - side][h] / (double)(v->n[1 - side] ? v->n[1 - side] : 1);
  return (float)(p < 1 ? p : 1);
}

static bool df_alloc(ta__vocab *t, size_t cap) {
  t->cap = cap;
  t->used = 0;
  t->key = ta__calloc(cap, sizeof *t->key);
  t->count[0] = ta__calloc(cap, sizeof *t->count[0]);
  t->count[1] = ta__calloc(cap, sizeof *t->count[1]);
  return t->key && t->count[0] && t->count[1];
}

/* Count key k once more on side s, doubling the table at half load. */
static bool df_add(ta__vocab *t, uint32_t k, int s) {
  if (2 * (t->used + 1) > t->cap) {
    ta__vocab big = {.n = {t->n[0], t->n[1]}};
    if (!df_alloc(&big, t->cap * 2)) {
      ta__vocab_free(&big);
      return false;
    }
    for (size_t i = 0; i < t->cap; i++)
      if (t->count[0][i] || t->count[1][i]) {
        size_t h = df_slot(&big, t->key[i]);
        big.key[h] = t->key[i];
        big.count[0][h] = t->count[0][i];
        big.count[1][h] = t->count[1][i];
        big.used++;
      }
    ta__vocab_free(t);
    *t = big;
  }
  size_t h = df_slot(t, k);
  if (!t->count[0][h] && !t->count[1][h]) t->used++;
  t->key[h] = k;
  t->count[s][h]++;
  return true;
}

ta_status ta__features_weigh(ta__features *a, ta__features *b,
                             ta__vocab *keep) {
  ta__vocab t = {0};
  bool table_ok = df_alloc(&t, 1 << 12);
  /* weighing again (after lexicon keys were added) replaces the tables */
  free(a->weights);
  free(b->weights);
  for (size_t i = 0; i < a->n; i++)
    memset(a->s[i].chance, 0, sizeof a->s[i].chance);
  for (size_t i = 0; i < b->n; i++)
    memset(b->s[i].chance, 0, sizeof b->s[i].chance);
  a->weights = ta__malloc((a->nkeys ? a->nkeys : 1) * sizeof *a->weights);
  b->weights = ta__malloc((b->nkeys ? b->nkeys : 1) * sizeof *b->weights);
  ta_status st = TA_ENOMEM;
  if (!table_ok || !a->weights || !b->weights) goto done;
  t.n[0] = a->n;
  t.n[1] = b->n;
  ta__features *sides[2] = {a, b};
  for (int s = 0; s < 2; s++)
    for (size_t i = 0; i < sides[s]->nkeys; i++)
      if (!df_add(&t, sides[s]->keys[i], s)) goto done;
  double n = (double)(a->n + b->n);
  for (int s = 0; s < 2; s++) {
    ta__features *f = sides[s];
    double n_other = (double)(sides[1 - s]->n ? sides[1 - s]->n : 1);
    for (size_t i = 0; i < f->n; i++) {
      ta__sent_feat *sf = &f->s[i];
      for (uint32_t k = sf->key_begin; k < sf->key_begin + sf->nkeys; k++) {
        size_t h = df_slot(&t, f->keys[k]);
        double df = t.count[0][h] + t.count[1][h];
        f->weights[k] = (float)log(1.0 + n / df);
        float p_other = (float)(t.count[1 - s][h] / n_other);
        if (p_other > 1) p_other = 1;
        sf->chance[TA__KEY_KIND(f->keys[k])] += f->weights[k] * p_other;
      }
    }
  }
  st = TA_OK;
done:
  if (st == TA_OK && keep)
    *keep = t;
  else
    ta__vocab_free(&t);
  return st;
}

/* Keep the cap heaviest of n sorted keys, still sorted: each coarse level
 * would otherwise double the keys per sentence and cost as much as the
 * fine search.  Returns the new count. */
static size_t keep_heaviest(ta__features *f, size_t begin, size_t n,
                            size_t cap) {
  if (n <= cap) return n;
  uint32_t *k = f->keys + begin;
  float *w = f->weights + begin;
  /* the cap-th largest weight, by partial selection on a copy */
  float sorted[512];
  size_t m = n < 512 ? n : 512;
  memcpy(sorted, w, m * sizeof *w);
  for (size_t x = 0; x < cap && x < m; x++)
    for (size_t y = x + 1; y < m; y++)
      if (sorted[y] > sorted[x]) {
        float t = sorted[x];
        sorted[x] = sorted[y];
        sorted[y] = t;
      }
  float threshold = sorted[(cap < m ? cap : m) - 1];
  size_t o = 0;
  for (size_t i = 0; i < n && o < cap; i++)
    if (w[i] >= threshold) {
      k[o] = k[i];
      w[o++] = w[i];
    }
  return o;
}

/* Sentences 2k and 2k+1 become coarse sentence k: lengths add up, keys
 * are united (weights are per key, so they carry over), chances are those
 * of the keys kept. */
ta_status ta__features_coarsen(const ta__features *f, int side,
                               const ta__vocab *v, ta__features *out) {
  memset(out, 0, sizeof *out);
  size_t n = (f->n + 1) / 2;
  out->n = n;
  out->s = ta__calloc(n ? n : 1, sizeof *out->s);
  out->keys = ta__malloc((f->nkeys ? f->nkeys : 1) * sizeof *out->keys);
  out->weights = ta__malloc((f->nkeys ? f->nkeys : 1) * sizeof *out->weights);
  if (!out->s || !out->keys || !out->weights) {
    ta__features_free(out);
    return TA_ENOMEM;
  }
  size_t o = 0;
  for (size_t k = 0; k < n; k++) {
    const ta__sent_feat *a = &f->s[2 * k];
    const ta__sent_feat *b = 2 * k + 1 < f->n ? &f->s[2 * k + 1] : NULL;
    ta__sent_feat *c = &out->s[k];
    c->key_begin = (uint32_t)o;
    c->chars = a->chars + (b ? b->chars : 0);
    uint32_t ia = a->key_begin, ea = ia + a->nkeys;
    uint32_t ib = b ? b->key_begin : 0, eb = b ? ib + b->nkeys : 0;
    while (ia < ea || ib < eb) {
      uint32_t from; /* index into f of the next key in order */
      if (ib >= eb || (ia < ea && f->keys[ia] < f->keys[ib])) {
        from = ia++;
      } else if (ia >= ea || f->keys[ib] < f->keys[ia]) {
        from = ib++;
      } else {
        from = ia++;
        ib++;
      }
      out->keys[o] = f->keys[from];
      out->weights[o++] = f->weights[from];
    }
    o = c->key_begin +
        keep_heaviest(out, c->key_begin, o - c->key_begin, TA__COARSE_KEYS);
    c->nkeys = (uint32_t)(o - c->key_begin);
    /* chance from the keys kept, so that it stays comparable to rewards */
    for (uint32_t q = c->key_begin; q < o; q++) {
      unsigned kind = TA__KEY_KIND(out->keys[q]);
      if (kind == TA_ANCHOR_NUMBER) c->nnum++;
      c->chance[kind] +=
          out->weights[q] * ta__vocab_p_other(v, out->keys[q], side);
    }
    out->total_chars += c->chars;
  }
  out->nkeys = o;
  out->cap = f->nkeys;
  return TA_OK;
}

/* ---- both documents on several threads -------------------------------- */

/* Sentences per part: a part costs a fold context (ICU transliterator and
 * word iterator opened on first use), small beside 4,096 sentences. */
#define BUILD_PART_MIN 4096

typedef struct build_job {
  const ta_doc *doc[2];
  const bool *enabled;
  size_t parts[2];    /* per side */
  ta__features *part; /* side 0's parts, then side 1's */
  ta_status *st;
} build_job;

static void build_task(void *arg, size_t k) {
  build_job *job = arg;
  int side = k >= job->parts[0];
  size_t p = side ? k - job->parts[0] : k, np = job->parts[side];
  size_t n = ta_doc_count(job->doc[side]);
  job->st[k] =
      ta__features_build_range(job->doc[side], job->enabled, n * p / np,
                               n * (p + 1) / np, &job->part[k]);
}

/* The parts of one side, in order, into f (the parts are freed). */
static ta_status join_parts(ta__features *part, size_t np, ta__features *f) {
  memset(f, 0, sizeof *f);
  size_t n = 0, nkeys = 0;
  for (size_t p = 0; p < np; p++) {
    n += part[p].n;
    nkeys += part[p].nkeys;
  }
  if (nkeys > UINT32_MAX) return TA_ENOMEM; /* key_begin is 32-bit */
  f->s = ta__malloc((n ? n : 1) * sizeof *f->s);
  f->keys = ta__malloc((nkeys ? nkeys : 1) * sizeof *f->keys);
  if (!f->s || !f->keys) {
    ta__features_free(f);
    return TA_ENOMEM;
  }
  for (size_t p = 0; p < np; p++) {
    for (size_t i = 0; i < part[p].n; i++) {
      f->s[f->n + i] = part[p].s[i];
      f->s[f->n + i].key_begin += (uint32_t)f->nkeys;
    }
    memcpy(f->keys + f->nkeys, part[p].keys, part[p].nkeys * sizeof *f->keys);
    f->n += part[p].n;
    f->nkeys += part[p].nkeys;
    f->total_chars += part[p].total_chars;
  }
  f->cap = nkeys ? nkeys : 1;
  return TA_OK;
}

ta_status ta__features_build_pair(const ta_doc *src, const ta_doc *tgt,
                                  const bool enabled[TA_ANCHOR_COUNT],
                                  struct ta__pool *pool, ta__features *fs,
                                  ta__features *ft) {
  size_t threads = ta__pool_threads(pool);
  size_t ns = ta_doc_count(src), nt = ta_doc_count(tgt);
  if (threads <= 1 || ns + nt < 2 * BUILD_PART_MIN) {
    ta_status st = ta__features_build(src, enabled, fs);
    if (st == TA_OK) st = ta__features_build(tgt, enabled, ft);
    return st;
  }
  build_job job = {{src, tgt}, enabled, {1, 1}, NULL, NULL};
  for (int s = 0; s < 2; s++) {
    size_t n = s ? nt : ns, np = n / BUILD_PART_MIN;
    if (np > 2 * threads) np = 2 * threads;
    job.parts[s] = np ? np : 1;
  }
  size_t np = job.parts[0] + job.parts[1];
  job.part = ta__calloc(np, sizeof *job.part);
  job.st = ta__calloc(np, sizeof *job.st);
  ta_status st = job.part && job.st ? TA_OK : TA_ENOMEM;
  if (st == TA_OK) {
    ta__pool_post(pool, np, build_task, &job);
    ta__pool_wait(pool);
  }
  for (size_t k = 0; st == TA_OK && k < np; k++) st = job.st[k];
  memset(fs, 0, sizeof *fs);
  memset(ft, 0, sizeof *ft);
  if (st == TA_OK) st = join_parts(job.part, job.parts[0], fs);
  if (st == TA_OK) st = join_parts(job.part + job.parts[0], job.parts[1], ft);
  for (size_t k = 0; job.part && k < np; k++) ta__features_free(&job.part[k]);
  free(job.part);
  free(job.st);
  if (st != TA_OK) {
    ta__features_free(fs);
    ta__features_free(ft);
  }
  return st;
}
