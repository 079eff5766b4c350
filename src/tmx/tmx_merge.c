/* Merging TMX files: one memory from many, duplicates removed.
 *
 * Two passes over the inputs.  The first computes a 128-bit digest of each
 * unit (languages + texts after NFC and whitespace collapsing) and keeps,
 * per distinct digest, which occurrence has the best x-score; the second
 * re-reads the inputs and writes only those winners, in input order.  So
 * memory holds one 40-byte record per distinct unit (in a hash table at
 * most 3/4 full: 53-107 bytes each), never the texts.  The digest is not
 * cryptographic: two different units colliding in 128 bits is the one way
 * a unit could be lost, at odds of about n^2 / 2^129.
 *
 * Does not: merge units with different texts, reconcile tuids (output units
 * are renumbered), or read standard input (it is read twice). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "tmx/tmx_int.h"

#define LANG_MAX 64
#define MAX_LANGS 64

typedef struct digest {
  uint64_t h1, h2;
} digest;

typedef struct entry {
  digest d; /* {0,0} marks an empty slot */
  double score;
  uint32_t file;
  uint64_t ordinal; /* unit number within its file */
} entry;

typedef struct merge {
  const char *const *inputs;
  size_t n;
  entry *table;
  size_t cap, used;
  char srclang[LANG_MAX];          /* normalised, from the first input */
  char langs[MAX_LANGS][LANG_MAX]; /* every language of the first input */
  size_t nlangs;
  /* Scratch for the digest. */
  ta__buf ws;
  UChar *u16, *nfc;
  size_t u16cap, nfccap;
  const UNormalizer2 *norm;
} merge;

void ta_tmx_merge_opts_init(ta_tmx_merge_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  ta_tmx_write_opts_init(&o->write);
}

/* Two 64-bit lanes over the same bytes: FNV-1a and a multiply-rotate
 * lane, finished with splitmix64 so that short keys spread. */
static void hash_bytes(digest *d, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) {
    d->h1 = (d->h1 ^ s[i]) * 0x100000001b3ULL;
    d->h2 = ((d->h2 ^ s[i]) * 0x9E3779B97F4A7C15ULL);
    d->h2 = (d->h2 << 31) | (d->h2 >> 33);
  }
}

static uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ICU takes capacities as int32_t: a larger buffer offers what fits. */
static int32_t icu_cap(size_t cap) {
  return cap > INT32_MAX ? INT32_MAX : (int32_t)cap;
}

/* Collapse whitespace runs to one space, trim, NFC; hash as UTF-16. */
static ta_status hash_text(merge *m, digest *d, const char *text) {
  ta__buf_reset(&m->ws);
  ta_status st = ta__buf_add(&m->ws, "", 0);
  bool pending = false;
  for (const char *p = text; st == TA_OK && *p; p++) {
    if (is_space(*p)) {
      pending = m->ws.len > 0;
      continue;
    }
    if (pending) st = ta__buf_addc(&m->ws, ' ');
    pending = false;
    if (st == TA_OK) st = ta__buf_addc(&m->ws, *p);
  }
  if (st != TA_OK) return st;
  if (m->ws.len > INT32_MAX / 2) return TA_ETOOBIG;
  UErrorCode ue = U_ZERO_ERROR;
  if (ta__reserve(&m->u16, &m->u16cap, m->ws.len + 1) != TA_OK)
    return TA_ENOMEM;
  int32_t len = 0;
  u_strFromUTF8Lenient(m->u16, icu_cap(m->u16cap), &len, m->ws.p,
                       (int32_t)m->ws.len, &ue);
  if (U_FAILURE(ue)) return TA_EICU;
  /* NFC can grow a string up to 3 times. */
  if (ta__reserve(&m->nfc, &m->nfccap, (size_t)len * 3 + 1) != TA_OK)
    return TA_ENOMEM;
  int32_t nlen =
      unorm2_normalize(m->norm, m->u16, len, m->nfc, icu_cap(m->nfccap), &ue);
  if (U_FAILURE(ue)) return TA_EICU;
  hash_bytes(d, m->nfc, (size_t)nlen * sizeof(UChar));
  return TA_OK;
}

/* Digest of a unit: variants in the order of their normalised languages so
 * that the order of <tuv> in the file does not matter. */
static ta_status unit_digest(merge *m, const ta_tmx_unit *u, digest *d) {
  d->h1 = 0xcbf29ce484222325ULL;
  d->h2 = 0x84222325cbf29ce4ULL;
  bool done[MAX_LANGS] = {false};
  size_t nv = u->nvariants < MAX_LANGS ? u->nvariants : MAX_LANGS;
  for (size_t k = 0; k < nv; k++) {
    size_t best = SIZE_MAX;
    char bl[LANG_MAX] = "", l[LANG_MAX];
    for (size_t i = 0; i < nv; i++) {
      if (done[i]) continue;
      if (ta_tmx_lang_normalize(u->variants[i].lang, l, sizeof l, NULL) !=
          TA_OK)
        return TA_ELANG;
      if (best == SIZE_MAX || strcmp(l, bl) < 0) {
        best = i;
        memcpy(bl, l, sizeof bl);
      }
    }
    done[best] = true;
    hash_bytes(d, bl, strlen(bl) + 1);
    ta_status st = hash_text(m, d, u->variants[best].text);
    if (st != TA_OK) return st;
    hash_bytes(d, "\0\0", 2);
  }
  d->h1 = mix(d->h1);
  d->h2 = mix(d->h2 ^ d->h1);
  if (!d->h1 && !d->h2) d->h2 = 1;
  return TA_OK;
}

static entry *lookup(merge *m, const digest *d) {
  size_t mask = m->cap - 1;
  for (size_t i = (size_t)d->h1 & mask;; i = (i + 1) & mask) {
    entry *e = &m->table[i];
    if ((!e->d.h1 && !e->d.h2) || (e->d.h1 == d->h1 && e->d.h2 == d->h2))
      return e;
  }
}

static ta_status grow_table(merge *m) {
  size_t ncap = m->cap ? m->cap * 2 : 1024;
  entry *old = m->table;
  size_t ocap = m->cap;
  m->table = ta__calloc(ncap, sizeof *m->table);
  if (!m->table) {
    m->table = old;
    return TA_ENOMEM;
  }
  m->cap = ncap;
  for (size_t i = 0; i < ocap; i++)
    if (old[i].d.h1 || old[i].d.h2) *lookup(m, &old[i].d) = old[i];
  free(old);
  return TA_OK;
}

static double score_of(const ta_tmx_unit *u) {
  const char *s = ta_tmx_unit_prop(u, "x-score");
  char *end = NULL;
  double v = s ? strtod(s, &end) : 0;
  return s && end != s && !isnan(v) ? v : -INFINITY;
}

static bool known_lang(const merge *m, const char *l) {
  for (size_t i = 0; i < m->nlangs; i++)
    if (!strcmp(m->langs[i], l)) return true;
  return false;
}

/* Languages: the first input defines them, later inputs must stay inside. */
static ta_status check_langs(merge *m, size_t file, const ta_tmx_unit *u,
                             uint64_t ord, ta_error *err) {
  char num[32];
  snprintf(num, sizeof num, "#%llu", (unsigned long long)ord + 1);
  const char *tuid = u->tuid ? u->tuid : num;
  for (size_t i = 0; i < u->nvariants; i++) {
    char l[LANG_MAX];
    if (ta_tmx_lang_normalize(u->variants[i].lang, l, sizeof l, NULL) != TA_OK)
      return ta__fail(err, TA_ELANG, "%s: tu %s: invalid language '%s'",
                      m->inputs[file], tuid, u->variants[i].lang);
    if (known_lang(m, l)) continue;
    if (file > 0)
      return ta__fail(err, TA_EINVAL,
                      "%s: tu %s: language %s is not in %s (a different "
                      "language pair)",
                      m->inputs[file], tuid, l, m->inputs[0]);
    if (m->nlangs == MAX_LANGS)
      return ta__fail(err, TA_ETOOBIG, "%s: more than %d languages",
                      m->inputs[file], MAX_LANGS);
    memcpy(m->langs[m->nlangs++], l, LANG_MAX);
  }
  return TA_OK;
}

static ta_status check_header(merge *m, size_t file, const ta_tmx_header *h,
                              ta_error *err) {
  char l[LANG_MAX];
  const char *src = h->srclang ? h->srclang : "*all*";
  if (ta_tmx_lang_normalize(src, l, sizeof l, NULL) != TA_OK)
    return ta__fail(err, TA_ELANG, "%s: invalid srclang '%s'", m->inputs[file],
                    src);
  if (file == 0) {
    memcpy(m->srclang, l, sizeof l);
    return TA_OK;
  }
  if (strcmp(l, m->srclang))
    return ta__fail(err, TA_EINVAL,
                    "%s: source language %s differs from %s in %s",
                    m->inputs[file], l, m->srclang, m->inputs[0]);
  return TA_OK;
}

/* Pass 1: remember the best occurrence of every distinct unit. */
static ta_status scan(merge *m, size_t file, const ta_tmx_read_opts *ro,
                      ta_tmx_merge_stats *s, ta_error *err) {
  ta_tmx_reader *r = NULL;
  ta_status st = ta_tmx_reader_open(m->inputs[file], ro, &r, err);
  if (st == TA_OK) st = check_header(m, file, ta_tmx_reader_header(r), err);
  for (uint64_t ord = 0; st == TA_OK; ord++) {
    const ta_tmx_unit *u = NULL;
    st = ta_tmx_reader_next(r, &u, err);
    if (st != TA_OK || !u) break;
    s->read++;
    st = check_langs(m, file, u, ord, err);
    digest d;
    if (st == TA_OK && (st = unit_digest(m, u, &d)) != TA_OK)
      ta__fail(err, st, "%s: tu %s: cannot normalise the text", m->inputs[file],
               u->tuid ? u->tuid : "?");
    if (st == TA_OK && (m->used + 1) * 4 > m->cap * 3) {
      st = grow_table(m);
      if (st != TA_OK) ta__fail(err, st, "merge: out of memory");
    }
    if (st != TA_OK) break;
    entry *e = lookup(m, &d);
    double sc = score_of(u);
    if (!e->d.h1 && !e->d.h2) {
      *e = (entry){d, sc, (uint32_t)file, ord};
      m->used++;
    } else {
      s->duplicates++;
      if (sc > e->score) *e = (entry){d, sc, (uint32_t)file, ord};
    }
  }
  ta_tmx_reader_free(r);
  return st;
}

/* Pass 2: copy the winners of one input to the writer. */
static ta_status copy(merge *m, size_t file, const ta_tmx_read_opts *ro,
                      ta_tmx_writer *w, ta_error *err) {
  ta_tmx_reader *r = NULL;
  ta_status st = ta_tmx_reader_open(m->inputs[file], ro, &r, err);
  for (uint64_t ord = 0; st == TA_OK; ord++) {
    const ta_tmx_unit *u = NULL;
    st = ta_tmx_reader_next(r, &u, err);
    if (st != TA_OK || !u) break;
    digest d;
    st = unit_digest(m, u, &d);
    if (st != TA_OK) break;
    entry *e = lookup(m, &d);
    if (e->file != file || e->ordinal != ord) continue;
    char tuid[32];
    snprintf(tuid, sizeof tuid, "%zu", ta_tmx_writer_count(w) + 1);
    ta_tmx_unit out = *u;
    out.tuid = tuid;
    st = ta_tmx_writer_add(w, &out, err);
  }
  ta_tmx_reader_free(r);
  return st;
}

ta_status ta_tmx_merge(const char *const *inputs, size_t n, const char *out,
                       const ta_tmx_merge_opts *o, ta_tmx_merge_stats *stats,
                       ta_error *err) {
  if (!inputs || !n || !out)
    return ta__fail(err, TA_EINVAL, "merge: no input given");
  for (size_t i = 0; i < n; i++)
    if (!inputs[i])
      return ta__fail(err, TA_EINVAL, "merge: missing argument: input %zu",
                      i + 1);
  for (size_t i = 0; i < n; i++)
    if (!strcmp(inputs[i], "-"))
      return ta__fail(err, TA_EINVAL,
                      "merge: standard input cannot be merged (it is read "
                      "twice)");
  ta_tmx_merge_opts def;
  if (!o) {
    ta_tmx_merge_opts_init(&def);
    o = &def;
  }
  merge m;
  memset(&m, 0, sizeof m);
  m.inputs = inputs;
  m.n = n;
  ta__buf_init(&m.ws, SIZE_MAX);
  UErrorCode ue = U_ZERO_ERROR;
  m.norm = unorm2_getNFCInstance(&ue);
  ta_tmx_merge_stats s = {0, 0, 0};
  ta_tmx_read_opts ro;
  ta_tmx_read_opts_init(&ro);
  ro.note.fn = o->write.note.fn;
  ro.note.user = o->write.note.user;
  ta_status st = U_FAILURE(ue) ? ta__fail(err, TA_EICU, "merge: no NFC data")
                               : grow_table(&m);
  for (size_t i = 0; st == TA_OK && i < n; i++) st = scan(&m, i, &ro, &s, err);
  ta_tmx_reader *first = NULL;
  ta_tmx_writer *w = NULL;
  if (st == TA_OK) st = ta_tmx_reader_open(inputs[0], &ro, &first, err);
  if (st == TA_OK) {
    const ta_tmx_header *fh = ta_tmx_reader_header(first);
    ta_tmx_header h;
    ta_tmx_header_init(&h);
    h.srclang = fh->srclang ? fh->srclang : "*all*";
    if (fh->datatype) h.datatype = fh->datatype;
    /* Only the DTD's values: some tools write segtype="TODO". */
    static const char *const segtypes[] = {"block", "paragraph", "sentence",
                                           "phrase"};
    for (size_t i = 0; fh->segtype && i < 4; i++)
      if (!strcmp(fh->segtype, segtypes[i])) h.segtype = segtypes[i];
    h.creationdate = o->creationdate;
    st = ta_tmx_writer_open(out, &h, &o->write, &w, err);
  }
  for (size_t i = 0; st == TA_OK && i < n; i++) st = copy(&m, i, &ro, w, err);
  if (st == TA_OK) {
    s.written = ta_tmx_writer_count(w);
    st = ta_tmx_writer_close(w, err);
  }
  ta_tmx_writer_free(w);
  ta_tmx_reader_free(first);
  free(m.table);
  free(m.u16);
  free(m.nfc);
  ta__buf_free(&m.ws);
  if (st == TA_OK && stats) *stats = s;
  return st;
}
