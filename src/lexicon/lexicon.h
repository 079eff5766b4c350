/* State shared by the lexicon modules: lexicon.c (table, TSV, hunalign),
 * lexicon_dictd.c (dictd/FreeDict) and lexicon_train.c (IBM Model 1),
 * and for the layers above that use a table: align/lexicon_pass.c (keys
 * for the aligner) and check/check_lexicon.c. */
#ifndef TMXALIGN_LEXICON_INTERNAL_H
#define TMXALIGN_LEXICON_INTERNAL_H

#include <stdint.h>

#include "anchors/anchors.h"
#include "base/base.h"

/* Words of 6 letters or more are cut to their first 5 (see lexicon.h). */
#define TA__LEX_STEM_FROM 6
#define TA__LEX_STEM_LEN 5
/* A source word not in the table is looked up by its prefixes down to
 * this length ("Berge" -> "berg", "Bergführer" -> "bergf" -> "berg"). */
#define TA__LEX_PREFIX_MIN 4
/* Translations a source word contributes, and the least probability. */
#define TA__LEX_TOP 3
#define TA__LEX_MIN_P 0.1
/* At most this many beads are learned from, spread over the document. */
#define TA__LEX_TRAIN_MAX 3000
/* Longest normalised word kept. */
#define TA__LEX_WORD_MAX 64

/* Interned strings: id <-> string, ids dense from 0. */
typedef struct ta__strtab {
  char *pool;
  size_t len, cap;
  uint32_t *off; /* id -> offset in pool */
  size_t n, ncap;
  uint32_t *slot; /* open addressing: id + 1, 0 = empty */
  size_t scap;
} ta__strtab;

/* -1 when absent. */
int64_t ta__strtab_find(const ta__strtab *t, const char *s, size_t len);
ta_status ta__strtab_intern(ta__strtab *t, const char *s, size_t len,
                            uint32_t *id);
const char *ta__strtab_str(const ta__strtab *t, uint32_t id);
void ta__strtab_free(ta__strtab *t);

typedef struct ta__lex_tr {
  uint32_t tgt; /* word id */
  float p;
} ta__lex_tr;

typedef struct ta__lex_head {
  ta__lex_tr *tr;
  uint32_t n, cap;
} ta__lex_head;

struct ta_lexicon {
  ta__strtab words;    /* both languages in one table */
  ta__lex_head *heads; /* by word id: its translations as a source word */
  size_t nheads;
  size_t entries;
};

/* Normalise a word.  A word of a script written with spaces is folded
 * (lower case, Latin-ASCII; ICU's transliteration for other scripts),
 * kept when it is all a-z and 2+ letters, and stemmed.  A word of a
 * spaceless script (Han, Kana, Thai...: a unit of ta__lex_words) is kept
 * as written, even one character long (我, 说): such scripts do not
 * inflect, and romanised Chinese would merge homophones.  Returns the
 * length written to out (NUL-terminated), 0 to skip it. */
size_t ta__lex_norm(ta__folder *f, const char *w, size_t len, char *out,
                    size_t cap);

/* Is a normalised word one whose prefixes stand for it (a folded a-z
 * word; see TA__LEX_PREFIX_MIN)? */
bool ta__lex_has_prefixes(const char *norm);

/* Call fn for every word of text: runs of letters, cut into words where
 * they are in a script without spaces (ta__segment).  Stops when fn
 * returns false.  TA_ENOMEM when out of memory, else TA_OK. */
typedef ta__unit_fn ta__word_fn;
ta_status ta__lex_words(ta__folder *f, const char *text, size_t len,
                        ta__word_fn fn, void *user);

/* Add normalised src -> tgt (no further normalisation). */
ta_status ta__lexicon_add_norm(ta_lexicon *lx, const char *src, size_t sl,
                               const char *tgt, size_t tl, double p);

/* Set of normalised words of a document and of their prefixes of
 * TA__LEX_PREFIX_MIN letters or more (for dictionary filtering). */
ta_status ta__lex_doc_words(const ta_doc *d, ta__folder *f, ta__strtab *out);

/* Largest dictionary or saved table read, decompressed (a dictd .index
 * and .dict(.dz) too: gzip bombs stop there), and the most dictd index
 * entries kept. */
#define TA__DICT_MAX ((size_t)256 << 20) /* FreeDict's largest: ~100 MiB */
#define TA__DICT_ENTRIES ((size_t)1 << 23)
/* The limits the dictd reader applies: TA__DICT_MAX and TA__DICT_ENTRIES,
 * lowered by the unit tests only. */
extern size_t ta__dict_max, ta__dict_entries;

/* TSV or hunalign lines (detected from the first entry line). */
ta_status ta__lexicon_load_lines(ta_lexicon *lx, const char *path,
                                 const ta__strtab *filter, ta_error *err);

/* Normalise a phrase to its longest word; *words is its number of words.
 * Out of memory it sets *st to TA_ENOMEM (else leaves it). */
size_t ta__lex_phrase(ta__folder *f, const char *s, size_t len, char *out,
                      size_t *words, ta_status *st);

/* Parse a dictd dictionary (index + dict text) into lx; lines and entries
 * as in lexicon.h. */
ta_status ta__lexicon_load_dictd(ta_lexicon *lx, const char *index_path,
                                 bool reverse, const ta__strtab *filter,
                                 ta_error *err);

/* Dictd base64 number ("A".."/", most significant first); false if a
 * character is outside the alphabet or it overflows. */
bool ta__dictd_b64(const char *s, size_t len, uint64_t *out);

/* The 1-1 beads of an alignment (costs set) cheap enough to learn from:
 * writes at most cap (and at most 3000, evenly spread over the document
 * when there are more) bead indices to idx in document order; returns
 * how many it wrote. */
size_t ta__lex_confident(const ta_bead *beads, size_t n, size_t *idx,
                         size_t cap);

/* Add to lx what Model 1 learns from the confident 1-1 beads among n
 * (their scores set), if there are at least TA_LEXICON_MIN_BEADS; *used
 * is how many confident beads there were. */
ta_status ta__lex_learn_beads(ta_lexicon *lx, const ta_doc *src,
                              const ta_doc *tgt, const ta_bead *beads, size_t n,
                              size_t *used);

#endif
