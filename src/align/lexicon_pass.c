/* Lexical anchors for the aligner.  A translation table becomes shared
 * "concept" keys of kind TA_ANCHOR_LEXICON: a target word w gives the key
 * of w, a source word v the keys of its (at most TA__LEX_TOP) likeliest
 * translations.  A key shared by a source and a target sentence is thus a
 * source word whose translation is in the target, and the machinery of
 * the other anchors (idf weights, chance matches, union per bead) scores
 * it; the DP is unchanged.
 *
 * Runs after the passes of align.c: when self-training, learns the table
 * from the confident 1-1 beads of the last pass first.  Target words whose
 * key no source word can produce are not keyed (they could never match).
 * Memory: the keys added, at most TA__LEX_TOP a source word. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"

static uint32_t lex_key(const char *s, size_t len) {
  return ta__key_of(TA_ANCHOR_LEXICON, s, len, 0x4c); /* 'L' */
}

static void note(const ta__ctx *c, const char *fmt, ...) TA__PRINTF(2, 3);
static void note(const ta__ctx *c, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  if (!c->opts.note.fn) return;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  c->opts.note.fn(c->opts.note.user, msg);
}

/* Set of uint32 keys (open addressing; key 0 is never a lexicon key). */
typedef struct key_set {
  uint32_t *k;
  size_t cap, n;
} key_set;

static bool set_has(const key_set *s, uint32_t k) {
  if (!s->cap) return false;
  size_t h = (k * 2654435761u) & (s->cap - 1);
  while (s->k[h] && s->k[h] != k) h = (h + 1) & (s->cap - 1);
  return s->k[h] == k;
}

static bool set_add(key_set *s, uint32_t k) {
  if ((s->n + 1) * 2 > s->cap) {
    size_t nc = s->cap ? s->cap * 2 : 1024;
    uint32_t *nk = ta__calloc(nc, sizeof *nk);
    if (!nk) return false;
    for (size_t i = 0; i < s->cap; i++)
      if (s->k[i]) {
        size_t h = (s->k[i] * 2654435761u) & (nc - 1);
        while (nk[h]) h = (h + 1) & (nc - 1);
        nk[h] = s->k[i];
      }
    free(s->k);
    s->k = nk;
    s->cap = nc;
  }
  size_t h = (k * 2654435761u) & (s->cap - 1);
  while (s->k[h] && s->k[h] != k) h = (h + 1) & (s->cap - 1);
  if (!s->k[h]) {
    s->k[h] = k;
    s->n++;
  }
  return true;
}

typedef struct keyer {
  const ta_lexicon *lx;
  ta__folder *f;
  bool source;
  key_set *wanted;              /* keys the source side can produce */
  uint32_t (*top)[TA__LEX_TOP]; /* per source word id: its keys */
  uint8_t *ntop;                /* 0xFF: not yet computed */
  uint32_t *buf;                /* keys of the current sentence */
  size_t n, cap;
  bool oom;
} keyer;

static bool push(keyer *k, uint32_t key) {
  if (ta__reserve(&k->buf, &k->cap, k->n + 1) != TA_OK) return false;
  k->buf[k->n++] = key;
  return true;
}

/* The keys of the likeliest translations of source word id. */
static uint8_t top_keys(keyer *k, uint32_t id) {
  if (k->ntop[id] != 0xFF) return k->ntop[id];
  const ta__lex_head *h = &k->lx->heads[id];
  uint8_t m = 0;
  bool used[512] = {false};
  for (; m < TA__LEX_TOP; m++) {
    int best = -1;
    for (uint32_t i = 0; i < h->n && i < 512; i++)
      if (!used[i] && h->tr[i].p >= TA__LEX_MIN_P &&
          (best < 0 || h->tr[i].p > h->tr[best].p))
        best = (int)i;
    if (best < 0) break;
    used[best] = true;
    const char *w = ta__strtab_str(&k->lx->words, h->tr[best].tgt);
    k->top[id][m] = lex_key(w, strlen(w));
  }
  return k->ntop[id] = m;
}

static bool key_word(void *user, const char *w, size_t len) {
  keyer *k = user;
  char tmp[TA__LEX_WORD_MAX];
  size_t n = ta__lex_norm(k->f, w, len, tmp, sizeof tmp);
  if (!n) return true;
  if (!k->source) {
    uint32_t key = lex_key(tmp, n);
    if (set_has(k->wanted, key) && !push(k, key)) k->oom = true;
    return !k->oom;
  }
  int64_t id = ta__strtab_find(&k->lx->words, tmp, n);
  while ((id < 0 || (size_t)id >= k->lx->nheads || !k->lx->heads[id].n) &&
         n > TA__LEX_PREFIX_MIN && ta__lex_has_prefixes(tmp))
    id = ta__strtab_find(&k->lx->words, tmp, --n);
  if (id < 0 || (size_t)id >= k->lx->nheads) return true;
  uint8_t m = top_keys(k, (uint32_t)id);
  for (uint8_t i = 0; i < m && !k->oom; i++)
    if (!push(k, k->top[id][i]) || !set_add(k->wanted, k->top[id][i]))
      k->oom = true;
  return !k->oom;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Append the lexicon keys of every sentence of d to f's keys.  Lexicon
 * keys carry the highest kind, so appending keeps each sentence sorted. */
static ta_status add_side(keyer *k, const ta_doc *d, ta__features *f,
                          size_t *added) {
  uint32_t *keys = NULL;
  size_t n = 0, cap = f->nkeys + 64;
  keys = ta__malloc(cap * sizeof *keys);
  if (!keys) return TA_ENOMEM;
  for (size_t i = 0; i < f->n; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    ta__sent_feat *sf = &f->s[i];
    k->n = 0;
    if (ta__lex_words(k->f, s->text, s->len, key_word, k) != TA_OK)
      k->oom = true;
    if (k->oom) break;
    if (k->n) qsort(k->buf, k->n, sizeof *k->buf, cmp_u32);
    size_t u = 0;
    for (size_t r = 0; r < k->n; r++)
      if (!u || k->buf[u - 1] != k->buf[r]) k->buf[u++] = k->buf[r];
    if (ta__reserve(&keys, &cap, n + sf->nkeys + u) != TA_OK) {
      k->oom = true;
      break;
    }
    if (sf->nkeys)
      memcpy(keys + n, f->keys + sf->key_begin, sf->nkeys * sizeof *keys);
    if (u) memcpy(keys + n + sf->nkeys, k->buf, u * sizeof *keys);
    sf->key_begin = (uint32_t)n;
    sf->nkeys += (uint32_t)u;
    n += sf->nkeys;
    *added += u;
  }
  if (k->oom) {
    free(keys);
    return TA_ENOMEM;
  }
  free(f->keys);
  f->keys = keys;
  f->nkeys = n;
  f->cap = cap;
  return TA_OK;
}

/* Drop the lexicon keys a previous round added: they are the last keys
 * of each sentence (the highest kind), and add_side compacts the pool. */
static void strip_lexicon_keys(ta__features *f) {
  for (size_t i = 0; i < f->n; i++) {
    ta__sent_feat *sf = &f->s[i];
    const uint32_t *k = f->keys + sf->key_begin;
    while (sf->nkeys && TA__KEY_KIND(k[sf->nkeys - 1]) == TA_ANCHOR_LEXICON)
      sf->nkeys--;
  }
}

/* Keys of both sides, then weights and chance matches anew. */
static ta_status add_keys(ta__ctx *c, const ta_doc *src, const ta_doc *tgt,
                          const ta_lexicon *lx, size_t *added) {
  key_set wanted = {0};
  keyer k = {.lx = lx, .wanted = &wanted};
  k.f = ta__folder_new();
  k.top = ta__malloc((lx->nheads ? lx->nheads : 1) * sizeof *k.top);
  k.ntop = ta__malloc(lx->nheads ? lx->nheads : 1);
  ta_status st = k.f && k.top && k.ntop ? TA_OK : TA_ENOMEM;
  if (st == TA_OK) {
    memset(k.ntop, 0xFF, lx->nheads);
    strip_lexicon_keys(&c->fsrc);
    strip_lexicon_keys(&c->ftgt);
    k.source = true;
    st = add_side(&k, src, &c->fsrc, added);
  }
  if (st == TA_OK) {
    k.source = false;
    st = add_side(&k, tgt, &c->ftgt, added);
  }
  ta__folder_free(k.f);
  free(k.top);
  free(k.ntop);
  free(k.buf);
  free(wanted.k);
  if (st != TA_OK) return st;
  ta__features *sides[2] = {&c->fsrc, &c->ftgt};
  for (int s = 0; s < 2; s++) {
    free(sides[s]->weights);
    sides[s]->weights = NULL;
    for (size_t i = 0; i < sides[s]->n; i++)
      memset(sides[s]->s[i].chance, 0, sizeof sides[s]->s[i].chance);
  }
  st = ta__features_weigh(&c->fsrc, &c->ftgt, NULL);
  ta__side_free(&c->src);
  ta__side_free(&c->tgt);
  if (st == TA_OK) st = ta__side_init(&c->src, &c->fsrc, &c->model);
  if (st == TA_OK) st = ta__side_init(&c->tgt, &c->ftgt, &c->model);
  return st;
}

/* Scores of the beads of the last pass, as ta_align will report them. */
static void score_beads(ta__ctx *c) {
  for (size_t k = 0; k < c->nbeads; k++) {
    ta_bead *bd = &c->beads[k];
    ta__bead_explain(c, bd);
    bd->score = ta__confidence(c, bd);
  }
}

ta_status ta__lexicon_attach(ta__ctx *c, const ta_doc *src, const ta_doc *tgt,
                             size_t *learned_from) {
  *learned_from = 0;
  if (c->opts.weights[TA_ANCHOR_LEXICON] == 0) return TA_OK;
  const ta_lexicon *use = c->opts.lexicon;
  ta_lexicon *own = NULL;
  ta_status st = TA_OK;
  if (c->opts.self_train) {
    size_t used = 0;
    score_beads(c);
    /* Learn into an empty table and add the given one only when something
     * was learned: copying a whole dictionary for every short pair of a
     * batch made it four times slower. */
    st = ta_lexicon_new(&own, NULL);
    if (st == TA_OK)
      st = ta__lex_learn_beads(own, src, tgt, c->beads, c->nbeads, &used);
    if (st != TA_OK) goto done;
    size_t learned = ta_lexicon_count(own);
    if (used >= TA_LEXICON_MIN_BEADS)
      note(c, "lexicon: learned %zu entries from %zu confident beads", learned,
           used);
    else
      note(c, "lexicon: %zu confident beads, fewer than %d: nothing learned",
           used, TA_LEXICON_MIN_BEADS);
    if (learned) {
      *learned_from = used;
      if (use) st = ta_lexicon_merge(own, use, NULL);
      if (st != TA_OK) goto done;
      use = own;
    }
  }
  if (!use || !ta_lexicon_count(use)) goto done;
  size_t added = 0;
  st = add_keys(c, src, tgt, use, &added);
done:
  ta_lexicon_free(own);
  return st;
}
