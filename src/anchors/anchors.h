/* Anchor tokens of sentences: what the cost model compares across
 * languages.  Every sentence becomes a length (code points) and a sorted
 * array of 32-bit keys; the kind of a key sits in its top bits, so one
 * merge walk over two sorted arrays finds all matches of all kinds. */
#ifndef TMXALIGN_TOKENS_H
#define TMXALIGN_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/umachine.h>

#include "base/base.h"

#define TA__KEY_KIND_SHIFT 29
#define TA__KEY_KIND(k) ((k) >> TA__KEY_KIND_SHIFT)
/* Keys kept per sentence of a coarse level: the rarest ones. */
#define TA__COARSE_KEYS 12

typedef struct ta__sent_feat {
  uint32_t chars;     /* length in code points */
  uint32_t key_begin; /* first key in ta__features.keys */
  uint32_t nkeys;
  uint32_t nnum;                 /* how many of the keys are numbers */
  bool para_break;               /* a paragraph boundary lies just before it */
  bool opens_turn;               /* starts with a dash or an opening quote */
  float chance[TA_ANCHOR_COUNT]; /* idf-weighted keys expected to match a
                                    random sentence of the other side */
} ta__sent_feat;

typedef struct ta__features {
  size_t n;
  ta__sent_feat *s;
  uint32_t *keys; /* per sentence: sorted, no duplicates */
  float *weights; /* per key: inverse document frequency */
  size_t nkeys, cap;
  uint64_t total_chars;
} ta__features;

/* Does the sentence open a speech turn: a dash (— – -) or an opening
 * quote (« “ „ ")?  Translations paragraph dialogue differently. */
bool ta__opens_turn(const char *text, size_t len);

/* Build features for every sentence of d.  Keys of a kind whose enable flag
 * is false are not extracted. */
ta_status ta__features_build(const ta_doc *d,
                             const bool enabled[TA_ANCHOR_COUNT],
                             ta__features *f);
/* The same for sentences [from, to) of d (keys from 0: see
 * ta__features_build_pair, which joins such parts). */
ta_status ta__features_build_range(const ta_doc *d,
                                   const bool enabled[TA_ANCHOR_COUNT],
                                   size_t from, size_t to, ta__features *f);
/* Features of both documents, on the threads of pool (NULL: this one):
 * each document in ranges of sentences, joined in order, so that the
 * result is the same whatever the threads. */
struct ta__pool;
ta_status ta__features_build_pair(const ta_doc *src, const ta_doc *tgt,
                                  const bool enabled[TA_ANCHOR_COUNT],
                                  struct ta__pool *pool, ta__features *fs,
                                  ta__features *ft);
/* The distinct keys of both documents and how many sentences of each side
 * hold them: an open-addressing table grown as keys come, the size of the
 * vocabulary rather than of the text. */
typedef struct ta__vocab {
  uint32_t *key;
  uint32_t *count[2];
  size_t cap, used;
  size_t n[2]; /* sentences of each side */
} ta__vocab;

/* Share of the other side's sentences holding key k (side 0: source):
 * the chance that a random sentence matches it. */
float ta__vocab_p_other(const ta__vocab *v, uint32_t k, int side);
void ta__vocab_free(ta__vocab *v);

/* Give every key a weight ln(1 + N / df) with df counted over both sides,
 * and every sentence its chance matches against the other side.  The
 * vocabulary goes to *keep when given (for coarsening), else is freed. */
ta_status ta__features_weigh(ta__features *a, ta__features *b, ta__vocab *keep);
void ta__features_free(ta__features *f);

/* Halve a document for the coarse search: coarse sentence k is fine
 * sentences 2k and 2k+1.  side: 0 source, 1 target, in v. */
ta_status ta__features_coarsen(const ta__features *f, int side,
                               const ta__vocab *v, ta__features *out);

/* Normalise the number starting at s[0] (a digit) within len bytes:
 * "1 000,5", "1,000.5" and "1000.5" all give "1000.5"; "15" gives "15".
 * Writes a NUL-terminated canonical form to out (cap >= 2) and returns the
 * bytes of s consumed (0 if s does not start with a digit). */
size_t ta__number_scan(const char *s, size_t len, char *out, size_t cap);

/* Called for every word-like unit (ta__segment); returns false to stop. */
typedef bool (*ta__unit_fn)(void *user, const char *w, size_t len);

/* Fold a word for cognate matching: lower case, Latin-ASCII (é -> e,
 * ß -> ss; other scripts via ICU transliteration).  Returns the length
 * written to out (always NUL-terminated, truncated to cap - 1). */
size_t ta__fold_word(const char *w, size_t len, char *out, size_t cap);

/* The same with its tables kept across calls (lexicon*.c fold every word
 * of both documents).  ta__folder_new returns NULL when out of memory. */
typedef struct ta__folder ta__folder;
ta__folder *ta__folder_new(void);
size_t ta__folder_fold(ta__folder *f, const char *w, size_t len, char *out,
                       size_t cap);
/* ta__segment with the folder's segmenter. */
bool ta__folder_units(ta__folder *f, const char *w, size_t len, ta__unit_fn fn,
                      void *user, bool *oom);
void ta__folder_free(ta__folder *f);

/* ---- Word-like units in scripts without spaces (segment.c) ---- */

/* Is c a letter of a script written without spaces between words (Han,
 * Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)? */
bool ta__spaceless(UChar32 c);

/* Cut a run of word characters w[0, len) into word-like units and call fn
 * for each: the run itself when it holds no letter of a spaceless script,
 * else the words ICU's word break iterator finds with its dictionaries
 * (陈清扬把我拽住 -> 陈 清 扬 把 我 拽 住, 伟大友谊 -> 伟大 友谊).  *s is
 * the iterator and its buffers, allocated at the first run that needs
 * them (start with NULL; ta__segmenter_free).  Returns false when fn
 * stopped it or, setting *oom, when out of memory. */
typedef struct ta__segmenter ta__segmenter;
bool ta__segment(ta__segmenter **s, const char *w, size_t len, ta__unit_fn fn,
                 void *user, bool *oom);
void ta__segmenter_free(ta__segmenter *s);

/* ---- Names across scripts (names.c) ---- */

/* Is one side Chinese and the other in a Latin-script language? */
bool ta__names_apply(const ta_doc *src, const ta_doc *tgt);

/* Add keys of kind identical to the sentences of both sides where a name
 * of the Latin side (a word never written in lower case there) is spelled
 * by the pinyin of Han characters of the Chinese side: 陈清扬 and "Chen
 * Qingyang" share the keys of chen and qingyang.  Before weighing. */
ta_status ta__names_add(const ta_doc *src, ta__features *fsrc,
                        const ta_doc *tgt, ta__features *ftgt);

/* ---- The bead cost model (cost.c) ---- */
#define TA__MAX_SIDE 8 /* largest m or n of a bead type */
#define TA__TAIL_SIZE 20001

typedef struct ta__model {
  double ratio; /* mean target chars per source char */
  double var;   /* variance of the length difference per char */
  double prior[TA__MAX_SIDE + 1][TA__MAX_SIDE + 1]; /* -ln P(m-n bead) */
  double weight[TA_ANCHOR_COUNT]; /* nats per (idf-weighted) matched key */
  double number_miss;             /* nats per number without its twin */
  double length_weight;
  double chance_weight;      /* share of chance matches subtracted (0..1) */
  double var_scale;          /* the estimated variance is widened by this: the
                                normal model's tails are too thin for real text */
  float tail[TA__TAIL_SIZE]; /* -ln P(|Z| >= x) for x^2 = 0, 0.02, ... 400 */
  double paragraph;          /* nats for a bead spanning a paragraph boundary on
                                one side only */
  double paragraph_edge;     /* nats for a pair that starts or ends at a
                                paragraph boundary on one side only */
} ta__model;

/* Default table, tuned on the Text+Berg dev set as a whole (README). */
void ta__model_defaults(ta__model *m, const ta_align_opts *o);

/* Fill the model's lookup tables. */
void ta__model_prepare(ta__model *m);

/* The tuned anchor weights, indexed by ta_anchor_kind. */
const double *ta__default_anchor_weights(void);

/* Gale-Church length cost of ls source against lt target characters:
 * -ln P(|delta|) with delta = (lt - ratio*ls) / sqrt(var * mean length). */
double ta__cost_length(const ta__model *m, double ls, double lt);

/* Matches between the keys of two sentences: the idf-weighted sum of
 * matched keys per kind (reward) and the count of matched numbers. */
typedef struct ta__pair_match {
  double kind[TA_ANCHOR_COUNT];
  unsigned numbers;
} ta__pair_match;

void ta__pair_match_compute(const ta__features *fs, size_t s,
                            const ta__features *ft, size_t t,
                            ta__pair_match *out);

/* Matches between the union of the keys of sentences [s0, s0+a) and the
 * union of those of [t0, t0+b): what a many-to-many bead shares, each key
 * counted once however many sentences of a side carry it. */
void ta__bead_match_compute(const ta__features *fs, size_t s0, size_t a,
                            const ta__features *ft, size_t t0, size_t b,
                            ta__pair_match *out);

/* The union of the keys of sentences [first, first+count) into out and
 * their weights into wout (at most cap, at most 512); returns the count. */
size_t ta__keys_union(const ta__features *f, size_t first, size_t count,
                      uint32_t *out, float *wout, size_t cap);
/* Matches between two sorted key lists. */
void ta__keys_intersect(const uint32_t *ka, const float *wa, uint32_t na,
                        const uint32_t *kb, const float *wb, uint32_t nb,
                        ta__pair_match *out);

/* The key of the token s[0, len) of a kind: FNV-1a from salt, folded into
 * the bits below the kind's (tokens.c; lexicon keys too). */
uint32_t ta__key_of(unsigned kind, const char *s, size_t len, uint32_t salt);

/* Weighted reward (nats, >= 0) of a pair match under the model. */
double ta__pair_reward(const ta__model *m, const ta__pair_match *pm);

#endif
