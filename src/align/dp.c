/* The banded dynamic programme: the best bead sequence inside a band of
 * the (source, target) grid, and its backtrace.
 *
 * Memory: one byte of back-pointer per band cell, the last max_a + 1 cost
 * rows, and prefix sums of pair rewards for the last max_a source
 * sentences: O(cells) bytes, never an n x m matrix. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "base/parallel.h"

#define INF DBL_MAX

/* ---- per-side prefix sums ---------------------------------------------- */

ta_status ta__side_init(ta__side *sd, const ta__features *f,
                        const ta__model *m) {
  size_t n = f->n;
  sd->f = f;
  sd->n = n;
  sd->chars = ta__malloc((n + 1) * sizeof *sd->chars);
  sd->nums = ta__malloc((n + 1) * sizeof *sd->nums);
  sd->breaks = ta__malloc((n + 1) * sizeof *sd->breaks);
  sd->hard = ta__malloc((n + 1) * sizeof *sd->hard);
  sd->chance = ta__malloc((n + 1) * sizeof *sd->chance);
  if (!sd->chars || !sd->nums || !sd->breaks || !sd->hard || !sd->chance)
    return TA_ENOMEM;
  sd->chance[0] = 0;
  sd->chars[0] = 0;
  sd->nums[0] = 0;
  sd->breaks[0] = 0;
  sd->hard[0] = 0;
  for (size_t i = 0; i < n; i++) {
    sd->chars[i + 1] = sd->chars[i] + f->s[i].chars;
    sd->nums[i + 1] = sd->nums[i] + f->s[i].nnum;
    sd->breaks[i + 1] = sd->breaks[i] + (f->s[i].para_break ? 1 : 0);
    sd->hard[i + 1] =
        sd->hard[i] + (f->s[i].para_break && !f->s[i].opens_turn ? 1 : 0);
    double ch = 0;
    for (int k = 0; k < TA_ANCHOR_COUNT; k++)
      ch += m->weight[k] * f->s[i].chance[k];
    sd->chance[i + 1] = sd->chance[i] + ch;
  }
  return TA_OK;
}

/* Leaves sd empty, so that freeing twice (a failed re-init after a free)
 * is harmless. */
void ta__side_free(ta__side *sd) {
  free(sd->chars);
  free(sd->nums);
  free(sd->breaks);
  free(sd->hard);
  free(sd->chance);
  sd->chars = NULL;
  sd->nums = NULL;
  sd->breaks = NULL;
  sd->hard = NULL;
  sd->chance = NULL;
}

/* Whether a paragraph begins (or the document ends) at position i. */
static inline bool paragraph_edge(const ta__side *sd, size_t i) {
  return i == 0 || i == sd->n || sd->breaks[i + 1] != sd->breaks[i];
}

/* Paragraph boundaries inside the run [begin, begin + len): all of them,
 * or (soft) only those not opening a speech turn. */
static uint32_t interior_breaks(const ta__side *sd, size_t begin, size_t len,
                                bool soft) {
  if (len < 2) return 0;
  const uint32_t *p = soft ? sd->hard : sd->breaks;
  return p[begin + len] - p[begin + 1];
}

/* ---- bead costs ------------------------------------------------------------
 */

/* Every term but the length: cheap, so the search computes it first. */
static inline double bead_rest(const ta__ctx *c, size_t i0, size_t a, size_t j0,
                               size_t b, double reward, double num_matched,
                               ta_bead *explain) {
  const ta__model *m = &c->model;
  double nums = (double)(c->src.nums[i0 + a] - c->src.nums[i0]) +
                (double)(c->tgt.nums[j0 + b] - c->tgt.nums[j0]);
  double miss = nums - 2.0 * num_matched;
  if (miss < 0) miss = 0;
  double para = 0;
  /* Where the two sides have different paragraph counts, dialogue is often
   * paragraphed differently: French runs « ... » on in the narration where
   * English opens a paragraph with the quote.  A break before a speech
   * turn on one side only is then no evidence against the bead. */
  bool soft = c->paragraph_soft_turns;
  if (c->paragraph_cost > 0 && (interior_breaks(&c->src, i0, a, soft) > 0) !=
                                   (interior_breaks(&c->tgt, j0, b, soft) > 0))
    para = c->paragraph_cost;
  /* A translated pair should start and end where paragraphs do on both
   * sides or on neither.  Each edge is shared by two beads: half each.
   * Skips are exempt, so that an omitted paragraph costs nothing more. */
  if (a && b && c->paragraph_edge_cost > 0)
    para +=
        0.5 * c->paragraph_edge_cost *
        ((paragraph_edge(&c->src, i0) != paragraph_edge(&c->tgt, j0)) +
         (paragraph_edge(&c->src, i0 + a) != paragraph_edge(&c->tgt, j0 + b)));
  double prior = m->prior[a][b];
  /* Anchors a bead would share by chance grow with its size: without
   * this, merging neighbours always gains spurious matches. */
  double chance = 0;
  if (a && b)
    chance = 0.5 * m->chance_weight *
             ((double)b * (c->src.chance[i0 + a] - c->src.chance[i0]) +
              (double)a * (c->tgt.chance[j0 + b] - c->tgt.chance[j0]));
  if (explain) {
    explain->cost_prior = prior;
    explain->cost_paragraph = para;
    explain->cost_chance = chance;
  }
  return prior + para + m->number_miss * miss - reward + chance;
}

static inline double bead_length(const ta__ctx *c, size_t i0, size_t a,
                                 size_t j0, size_t b) {
  if (!a || !b) return 0.0;
  double ls = (double)(c->src.chars[i0 + a] - c->src.chars[i0]);
  double lt = (double)(c->tgt.chars[j0 + b] - c->tgt.chars[j0]);
  return ta__cost_length(&c->model, ls, lt);
}

double ta__bead_cost(const ta__ctx *c, size_t i0, size_t a, size_t j0, size_t b,
                     double reward, double num_matched, ta_bead *explain) {
  double len = bead_length(c, i0, a, j0, b);
  double total = len + bead_rest(c, i0, a, j0, b, reward, num_matched, explain);
  if (explain) {
    explain->cost = total;
    explain->cost_length = len;
  }
  return total;
}

/* Recompute the anchor terms of one bead from scratch (for explanations). */
double ta__bead_explain(const ta__ctx *c, ta_bead *bd) {
  double reward = 0, matched = 0;
  double per_kind[TA_ANCHOR_COUNT] = {0};
  if (bd->src_len && bd->tgt_len) {
    ta__pair_match pm;
    ta__bead_match_compute(c->src.f, bd->src_begin, bd->src_len, c->tgt.f,
                           bd->tgt_begin, bd->tgt_len, &pm);
    for (int k = 0; k < TA_ANCHOR_COUNT; k++)
      per_kind[k] -= c->model.weight[k] * pm.kind[k];
    reward = ta__pair_reward(&c->model, &pm);
    matched = pm.numbers;
  }
  double cost = ta__bead_cost(c, bd->src_begin, bd->src_len, bd->tgt_begin,
                              bd->tgt_len, reward, matched, bd);
  double nums = (double)(c->src.nums[bd->src_begin + bd->src_len] -
                         c->src.nums[bd->src_begin]) +
                (double)(c->tgt.nums[bd->tgt_begin + bd->tgt_len] -
                         c->tgt.nums[bd->tgt_begin]);
  double miss = nums - 2.0 * matched;
  per_kind[TA_ANCHOR_NUMBER] += c->model.number_miss * (miss > 0 ? miss : 0);
  memcpy(bd->cost_anchor, per_kind, sizeof per_kind);
  return cost;
}

/* ---- the banded search -----------------------------------------------------
 */

typedef struct pair_row {
  size_t lo, hi;   /* target sentences [lo, hi) */
  double *reward;  /* prefix sums: reward[k] = sum over t < lo + k */
  double *numbers; /* prefix sums of matched numbers */
  size_t rcap, ncap;
} pair_row;

static bool pair_row_fill(const ta__ctx *c, pair_row *r, size_t s, size_t lo,
                          size_t hi) {
  size_t w = hi - lo + 1;
  if (ta__reserve(&r->reward, &r->rcap, w) != TA_OK ||
      ta__reserve(&r->numbers, &r->ncap, w) != TA_OK)
    return false;
  r->lo = lo;
  r->hi = hi;
  r->reward[0] = 0;
  r->numbers[0] = 0;
  for (size_t t = lo; t < hi; t++) {
    ta__pair_match pm;
    ta__pair_match_compute(c->src.f, s, c->tgt.f, t, &pm);
    r->reward[t - lo + 1] = r->reward[t - lo] + ta__pair_reward(&c->model, &pm);
    r->numbers[t - lo + 1] = r->numbers[t - lo] + pm.numbers;
  }
  return true;
}

/* Unions of the keys of runs of sentences, for many-to-many beads: those
 * of source runs ending at the current row are made once per row, those
 * of target runs ending at column j once per j and kept while the band
 * passes over j (slot j mod the band's width). */
#define RUN_KEYS 256

typedef struct run_union {
  uint32_t *keys;
  float *weights;
  uint32_t *count;
  size_t *tag; /* which run end a slot holds; SIZE_MAX: none */
  size_t slots, kinds;
} run_union;

static bool run_union_init(run_union *u, size_t slots, size_t kinds) {
  u->slots = slots;
  u->kinds = kinds;
  size_t cells = slots * kinds;
  u->keys = ta__malloc(cells * RUN_KEYS * sizeof *u->keys);
  u->weights = ta__malloc(cells * RUN_KEYS * sizeof *u->weights);
  u->count = ta__malloc(cells * sizeof *u->count);
  u->tag = ta__malloc(cells * sizeof *u->tag);
  if (!u->keys || !u->weights || !u->count || !u->tag) return false;
  for (size_t k = 0; k < cells; k++) u->tag[k] = SIZE_MAX;
  return true;
}

static void run_union_free(run_union *u) {
  free(u->keys);
  free(u->weights);
  free(u->count);
  free(u->tag);
}

/* The union of run [end - len, end) of f, from the cache or made now. */
static size_t run_union_get(run_union *u, const ta__features *f, size_t end,
                            size_t len, const uint32_t **keys,
                            const float **weights) {
  size_t cell = (end % u->slots) * u->kinds + (len - 2);
  uint32_t *k = u->keys + cell * RUN_KEYS;
  float *w = u->weights + cell * RUN_KEYS;
  if (u->tag[cell] != end) {
    u->count[cell] =
        (uint32_t)ta__keys_union(f, end - len, len, k, w, RUN_KEYS);
    u->tag[cell] = end;
  }
  *keys = k;
  *weights = w;
  return u->count[cell];
}

/* The working memory of one search.  Back-pointers are kept for every
 * band cell (one byte each: the type of the best bead ending there, 0xFF
 * none), costs only for the last max_a + 1 rows, which is all a bead can
 * reach back over. */
typedef struct search {
  size_t *off; /* off[i]: where row i's cells start in bp; n + 2 entries */
  uint8_t *bp;
  double *rows[TA__MAX_SIDE + 1]; /* row i is rows[i % (max_a + 1)] */
  pair_row prs[TA__MAX_SIDE];     /* source sentence s: prs[s % max_a] */
  run_union su, tu;
} search;

/* Allocate w for band: sized by the band's cells and its widest row, so
 * that memory follows the band, never the n x m grid. */
static bool search_alloc(const ta__ctx *c, const ta__band *band, search *w) {
  const size_t n = c->src.n;
  const size_t A = (size_t)c->max_a, B = (size_t)c->max_b;
  w->off = ta__malloc((n + 2) * sizeof *w->off);
  if (!w->off) return false;
  size_t maxw = 0;
  w->off[0] = 0;
  for (size_t i = 0; i <= n; i++) {
    size_t width = band->hi[i] - band->lo[i] + 1;
    w->off[i + 1] = w->off[i] + width;
    if (width > maxw) maxw = width;
  }
  w->bp = ta__malloc(w->off[n + 1]);
  if (!w->bp) return false;
  for (size_t r = 0; r <= A; r++)
    if (!(w->rows[r] = ta__malloc(maxw * sizeof(double)))) return false;
  return run_union_init(&w->su, 1, A > 1 ? A - 1 : 1) &&
         run_union_init(&w->tu, maxw + B + 1, B > 1 ? B - 1 : 1);
}

static void search_free(search *w) {
  free(w->off);
  free(w->bp);
  for (size_t r = 0; r <= TA__MAX_SIDE; r++) free(w->rows[r]);
  run_union_free(&w->su);
  run_union_free(&w->tu);
  for (size_t r = 0; r < TA__MAX_SIDE; r++) {
    free(w->prs[r].reward);
    free(w->prs[r].numbers);
  }
}

/* The anchor terms of a many-to-many bead (pi, a, pj, b) ending at (i, j),
 * from the keys its sentences share: the union of each side's run, where
 * the sum over its sentence pairs would count a key shared by several
 * sentences several times. */
static double merged_rest(const ta__ctx *c, search *w, size_t i, size_t j,
                          size_t pi, size_t a, size_t pj, size_t b) {
  const uint32_t *ks = NULL, *kt = NULL;
  const float *ws = NULL, *wt = NULL;
  size_t ns = 1, nt = 1;
  if (a == 1) {
    const ta__sent_feat *sf = &c->src.f->s[pi];
    ks = c->src.f->keys + sf->key_begin;
    ws = c->src.f->weights + sf->key_begin;
    ns = sf->nkeys;
  } else {
    ns = run_union_get(&w->su, c->src.f, i, a, &ks, &ws);
  }
  if (b == 1) {
    const ta__sent_feat *tf = &c->tgt.f->s[pj];
    kt = c->tgt.f->keys + tf->key_begin;
    wt = c->tgt.f->weights + tf->key_begin;
    nt = tf->nkeys;
  } else {
    nt = run_union_get(&w->tu, c->tgt.f, j, b, &kt, &wt);
  }
  ta__pair_match pm;
  ta__keys_intersect(ks, ws, (uint32_t)ns, kt, wt, (uint32_t)nt, &pm);
  return bead_rest(c, pi, a, pj, b, ta__pair_reward(&c->model, &pm), pm.numbers,
                   NULL);
}

/* The cheapest way to reach cell (i, j): over every bead type ending
 * there from a reachable cell of the band; its cost into *best and its
 * type into *arg (0xFF: unreachable, *best INF).  The cost of a bead is
 * built cheapest terms first, so that most candidates are dropped before
 * the expensive ones are computed. */
static void cell_best(const ta__ctx *c, const ta__band *band, search *w,
                      size_t i, size_t j, double *best, uint8_t *arg) {
  const size_t A = (size_t)c->max_a;
  *best = i == 0 && j == 0 ? 0 : INF;
  *arg = 0xFF;
  for (size_t k = 0; k < c->ntypes; k++) {
    size_t a = c->types[k].a, b = c->types[k].b;
    if (a > i || b > j) continue;
    size_t pi = i - a, pj = j - b;
    if (pj < band->lo[pi] || pj > band->hi[pi]) continue;
    double prev = w->rows[pi % (A + 1)][pj - band->lo[pi]];
    if (prev >= INF) continue;
    double reward = 0, nm = 0;
    for (size_t s = pi; b && s < i; s++) {
      const pair_row *r = &w->prs[s % A];
      reward += r->reward[j - r->lo] - r->reward[pj - r->lo];
      nm += r->numbers[j - r->lo] - r->numbers[pj - r->lo];
    }
    /* For a many-to-many bead the sum over its sentence pairs bounds its
     * matches from above, so a bead that loses even so is dropped before
     * its length is looked up and its keys are merged. */
    double rest = bead_rest(c, pi, a, pj, b, reward, nm, NULL);
    if (prev + rest >= *best) continue;
    double len = bead_length(c, pi, a, pj, b);
    if (prev + rest + len >= *best) continue;
    if (a && b && a + b > 2) rest = merged_rest(c, w, i, j, pi, a, pj, b);
    double cost = prev + rest + len;
    if (cost < *best) {
      *best = cost;
      *arg = (uint8_t)k;
    }
  }
}

/* Row i of the programme: first the pair rewards of source sentence
 * i - 1 against every target a bead ending in rows i .. i + max_a - 1 may
 * pair it with (prefix sums, so a bead sums a run in O(1)), then every
 * cell of the row. */
static bool pair_row_at(const ta__ctx *c, const ta__band *band, pair_row *prs,
                        size_t i) {
  const size_t n = c->src.n;
  const size_t A = (size_t)c->max_a, B = (size_t)c->max_b;
  if (i < 1) return true;
  size_t s = i - 1;
  size_t plo = band->lo[i] >= B ? band->lo[i] - B : 0;
  size_t phi = band->hi[i + A - 1 <= n ? i + A - 1 : n];
  return pair_row_fill(c, &prs[s % A], s, plo, phi);
}

static bool fill_row(const ta__ctx *c, const ta__band *band, search *w,
                     size_t i) {
  const size_t A = (size_t)c->max_a;
  if (!pair_row_at(c, band, w->prs, i)) return false;
  double *row = w->rows[i % (A + 1)];
  const size_t lo = band->lo[i], hi = band->hi[i];
  for (size_t j = lo; j <= hi; j++) {
    double best;
    uint8_t arg;
    cell_best(c, band, w, i, j, &best, &arg);
    row[j - lo] = best;
    w->bp[w->off[i] + j - lo] = arg;
  }
  return true;
}

/* ---- the same rows on several threads --------------------------------------
 *
 * The search is a recurrence row after row, but most of a cell's work does
 * not depend on the rows before it: the anchor terms of each bead type
 * summed over its sentence pairs (a bound, see cell_best) and its length
 * cost.  Worker threads compute these for a block of rows, while the
 * calling thread runs the recurrence over the block before, with the
 * very expressions cell_best uses on the very values it would compute:
 * the back-pointers, and so the beads, are the same bytes as on one
 * thread.  Many-to-many beads that survive the bound (one candidate in
 * twenty) have their keys merged by the calling thread, as before. */

/* Cells per block: 32,768 cells of 12 types are 6 MB of costs a buffer. */
#define PRE_BLOCK_CELLS 32768

typedef struct pre_block {
  size_t r0, r1;       /* rows [r0, r1) */
  size_t chunks;       /* tasks: row ranges of the block */
  double *rest, *len;  /* by cell (from w->off[r0]) and bead type */
  size_t cap;          /* cells the buffers hold */
  bool failed[64 * 4]; /* by chunk: out of memory */
} pre_block;

typedef struct pre_job {
  const ta__ctx *c;
  const ta__band *band;
  const search *w;
  pre_block *blk;
} pre_job;

/* Task k of a block: its rows' prices, with its own pair rows (warmed up
 * over the max_a rows before, recomputed as fill_row computes them). */
static void pre_task(void *arg, size_t k) {
  const pre_job *job = arg;
  const ta__ctx *c = job->c;
  const ta__band *band = job->band;
  pre_block *blk = job->blk;
  const size_t A = (size_t)c->max_a, T = c->ntypes;
  size_t rows = blk->r1 - blk->r0;
  size_t from = blk->r0 + rows * k / blk->chunks;
  size_t to = blk->r0 + rows * (k + 1) / blk->chunks;
  pair_row prs[TA__MAX_SIDE];
  memset(prs, 0, sizeof prs);
  bool ok = true;
  for (size_t i = from > A ? from - A : 0; ok && i < from; i++)
    ok = pair_row_at(c, band, prs, i);
  for (size_t i = from; ok && i < to; i++) {
    if (!(ok = pair_row_at(c, band, prs, i))) break;
    const size_t lo = band->lo[i], hi = band->hi[i];
    size_t cell = job->w->off[i] - job->w->off[blk->r0];
    for (size_t j = lo; j <= hi; j++, cell++) {
      double *rest = blk->rest + cell * T, *len = blk->len + cell * T;
      for (size_t t = 0; t < T; t++) {
        size_t a = c->types[t].a, b = c->types[t].b;
        if (a > i || b > j) continue;
        size_t pi = i - a, pj = j - b;
        if (pj < band->lo[pi] || pj > band->hi[pi]) continue;
        double reward = 0, nm = 0;
        for (size_t s = pi; b && s < i; s++) {
          const pair_row *r = &prs[s % A];
          reward += r->reward[j - r->lo] - r->reward[pj - r->lo];
          nm += r->numbers[j - r->lo] - r->numbers[pj - r->lo];
        }
        rest[t] = bead_rest(c, pi, a, pj, b, reward, nm, NULL);
        len[t] = bead_length(c, pi, a, pj, b);
      }
    }
  }
  for (size_t r = 0; r < TA__MAX_SIDE; r++) {
    free(prs[r].reward);
    free(prs[r].numbers);
  }
  blk->failed[k] = !ok;
}

/* cell_best with the prices of pre_task: the same tests in the same order
 * on the same values. */
static void cell_best_priced(const ta__ctx *c, const ta__band *band, search *w,
                             size_t i, size_t j, const double *rest_of,
                             const double *len_of, double *best, uint8_t *arg) {
  const size_t A = (size_t)c->max_a;
  *best = i == 0 && j == 0 ? 0 : INF;
  *arg = 0xFF;
  for (size_t k = 0; k < c->ntypes; k++) {
    size_t a = c->types[k].a, b = c->types[k].b;
    if (a > i || b > j) continue;
    size_t pi = i - a, pj = j - b;
    if (pj < band->lo[pi] || pj > band->hi[pi]) continue;
    double prev = w->rows[pi % (A + 1)][pj - band->lo[pi]];
    if (prev >= INF) continue;
    double rest = rest_of[k];
    if (prev + rest >= *best) continue;
    double len = len_of[k];
    if (prev + rest + len >= *best) continue;
    if (a && b && a + b > 2) rest = merged_rest(c, w, i, j, pi, a, pj, b);
    double cost = prev + rest + len;
    if (cost < *best) {
      *best = cost;
      *arg = (uint8_t)k;
    }
  }
}

/* The next block from row r0: rows until PRE_BLOCK_CELLS cells (at least
 * one row).  false when out of memory. */
static bool pre_block_next(const ta__ctx *c, const search *w, size_t threads,
                           size_t r0, pre_block *blk) {
  const size_t last = c->src.n + 1;
  size_t r1 = r0;
  while (r1 < last &&
         (r1 == r0 || w->off[r1 + 1] - w->off[r0] <= PRE_BLOCK_CELLS))
    r1++;
  blk->r0 = r0;
  blk->r1 = r1;
  size_t cells = w->off[r1] - w->off[r0];
  if (cells > blk->cap) {
    free(blk->rest);
    free(blk->len);
    blk->rest = ta__malloc(cells * c->ntypes * sizeof *blk->rest);
    blk->len = ta__malloc(cells * c->ntypes * sizeof *blk->len);
    blk->cap = blk->rest && blk->len ? cells : 0;
    if (!blk->cap) return false;
  }
  size_t chunks = 4 * threads;
  if (chunks > sizeof blk->failed / sizeof blk->failed[0])
    chunks = sizeof blk->failed / sizeof blk->failed[0];
  blk->chunks = r1 - r0 < chunks ? r1 - r0 : chunks;
  return true;
}

/* Every row of the search, block after block: the workers price block
 * b + 1 while this thread runs the recurrence over block b. */
static ta_status search_fill_parallel(const ta__ctx *c, const ta__band *band,
                                      search *w, ta__pool *pool) {
  const size_t last = c->src.n + 1, T = c->ntypes;
  const size_t threads = ta__pool_threads(pool);
  pre_block blk[2];
  memset(blk, 0, sizeof blk);
  pre_job job[2] = {{c, band, w, &blk[0]}, {c, band, w, &blk[1]}};
  ta_status st = TA_OK;
  int cur = 0;
  if (!pre_block_next(c, w, threads, 0, &blk[0])) st = TA_ENOMEM;
  if (st == TA_OK) {
    ta__pool_post(pool, blk[0].chunks, pre_task, &job[0]);
    ta__pool_wait(pool);
  }
  while (st == TA_OK) {
    pre_block *b = &blk[cur], *nb = &blk[1 - cur];
    for (size_t k = 0; k < b->chunks; k++)
      if (b->failed[k]) st = TA_ENOMEM;
    if (st != TA_OK) break;
    bool more = b->r1 < last;
    if (more && !pre_block_next(c, w, threads, b->r1, nb)) {
      st = TA_ENOMEM;
      break;
    }
    if (more) ta__pool_post(pool, nb->chunks, pre_task, &job[1 - cur]);
    for (size_t i = b->r0; i < b->r1; i++) {
      double *row = w->rows[i % ((size_t)c->max_a + 1)];
      const size_t lo = band->lo[i], hi = band->hi[i];
      size_t cell = w->off[i] - w->off[b->r0];
      for (size_t j = lo; j <= hi; j++, cell++) {
        double best;
        uint8_t arg;
        cell_best_priced(c, band, w, i, j, b->rest + cell * T,
                         b->len + cell * T, &best, &arg);
        row[j - lo] = best;
        w->bp[w->off[i] + j - lo] = arg;
      }
    }
    if (!more) break;
    ta__pool_wait(pool);
    cur = 1 - cur;
  }
  for (int k = 0; k < 2; k++) {
    free(blk[k].rest);
    free(blk[k].len);
  }
  return st;
}

/* Whether the path through (i, j) runs along an inner edge of the band
 * (not the grid's): there a wider band might have found a better path. */
static bool on_inner_edge(const ta__band *band, size_t m, size_t i, size_t j) {
  return (j == band->lo[i] && band->lo[i] > 0) ||
         (j == band->hi[i] && band->hi[i] < m);
}

/* Follow the back-pointers from (n, m) to (0, 0) into c->beads (last bead
 * first), marking in touched the rows where the path runs along an inner
 * edge of the band. */
static ta_status trace_back(ta__ctx *c, const ta__band *band, const search *w,
                            uint8_t *touched, bool *any) {
  const size_t n = c->src.n, m = c->tgt.n;
  c->nbeads = 0;
  *any = false;
  memset(touched, 0, n + 1);
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    uint8_t k = w->bp[w->off[i] + j - band->lo[i]];
    if (k == 0xFF) /* 1-0 and 0-1 beads connect every cell of a band */
      return ta__fail(c->err, TA_EINTERNAL,
                      "align: no path reaches cell (%zu, %zu) of the search: "
                      "a bug in tmxalign, please report it",
                      i, j);
    if (on_inner_edge(band, m, i, j)) {
      touched[i] = 1;
      *any = true;
    }
    size_t a = c->types[k].a, b = c->types[k].b;
    if (ta__reserve(&c->beads, &c->cap, c->nbeads + 1) != TA_OK)
      return TA_ENOMEM;
    ta_bead *bd = &c->beads[c->nbeads++];
    memset(bd, 0, sizeof *bd);
    bd->src_begin = i - a;
    bd->src_len = a;
    bd->tgt_begin = j - b;
    bd->tgt_len = b;
    i -= a;
    j -= b;
  }
  return TA_OK;
}

/* The trace back found the beads last first. */
static void reverse_beads(ta__ctx *c) {
  for (size_t x = 0, y = c->nbeads ? c->nbeads - 1 : 0; x < y; x++, y--) {
    ta_bead t = c->beads[x];
    c->beads[x] = c->beads[y];
    c->beads[y] = t;
  }
}

ta_status ta__search(ta__ctx *c, const ta__band *band, uint8_t *touched,
                     bool *any) {
  search w = {0};
  ta_status st = search_alloc(c, band, &w) ? TA_OK : TA_ENOMEM;
  if (st == TA_OK && c->pool && ta__pool_threads(c->pool) > 1 &&
      c->src.n >= TA__PARALLEL_ROWS)
    st = search_fill_parallel(c, band, &w, c->pool);
  else
    for (size_t i = 0; st == TA_OK && i <= c->src.n; i++)
      if (!fill_row(c, band, &w, i)) st = TA_ENOMEM;
  if (st == TA_OK) st = trace_back(c, band, &w, touched, any);
  if (st == TA_OK) reverse_beads(c);
  search_free(&w);
  return st;
}
