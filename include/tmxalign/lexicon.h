/* Lexical anchors: a table of word translations (source word -> target
 * words with a probability) that the aligner turns into shared "concept"
 * keys of kind TA_ANCHOR_LEXICON.
 *
 * A table comes from bilingual dictionaries (FreeDict/dictd, hunalign,
 * TSV), from a file saved earlier, or is learned from the document pair
 * itself (IBM Model 1 on the confident 1-1 beads of a first alignment).
 *
 * Words are stored normalised: lower case, diacritics folded (as the
 * cognate anchors fold them), and words of 6 letters or more cut to their
 * first 5 letters, a crude stem that lets "Berge" match "Berg" and
 * "montagnes" match "montagne".  Multi-word dictionary headwords are
 * skipped; a multi-word translation contributes its longest word.
 *
 * Memory: the table is sized to the text, not to the dictionary: given a
 * filter document, ta_lexicon_load_dict keeps only the headwords that occur
 * in it.
 * Thread safety: a table is read-only once loaded and may then be shared by
 * any number of concurrent ta_align calls; loading into one table from two
 * threads at once is not allowed. */
#ifndef TMXALIGN_LEXICON_H
#define TMXALIGN_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "tmxalign/align.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An empty table.  Errors: TA_ENOMEM. */
TA_EXPORT ta_status ta_lexicon_new(ta_lexicon **out, ta_error *err);

/** Add src -> tgt with probability p (0 < p <= 1); both are normalised
 * first.  A pair already present keeps the larger p.  Words that normalise
 * to nothing (digits, punctuation) are ignored.  Errors: TA_EINVAL,
 * TA_ENOMEM. */
TA_EXPORT ta_status ta_lexicon_add(ta_lexicon *lx, const char *src,
                                   const char *tgt, double p, ta_error *err);

/** Load a bilingual dictionary, its format detected from the content:
 *  - dictd / FreeDict: path is the .index, the .dict or the .dict.dz (the
 *    other file is found next to it); the entries' grammatical notes
 *    (<n, fem>, /pronunciation/, [labels], examples, glosses) are dropped.
 *    The name "xxx-yyy" (ISO 639-3) gives the direction: when it is the
 *    target-to-source dictionary of src_lang/tgt_lang it is reversed.
 *  - hunalign: "target @ source" a line;
 *  - TSV: "source TAB target [TAB probability]" a line ('#' lines are
 *    comments); hunalign and TSV entries without a probability get 0.5.
 * src_lang, tgt_lang: BCP-47 tags (may be NULL: no reversal).  filter: when
 * not NULL, only entries whose source word occurs in it are kept.
 * Entry i of a headword's translations gets p = 1 / (i + 2).
 * Errors: TA_ENOENT, TA_EIO, TA_EPARSE (not a dictionary), TA_ENOMEM. */
TA_EXPORT ta_status ta_lexicon_load_dict(ta_lexicon *lx, const char *path,
                                         const char *src_lang,
                                         const char *tgt_lang,
                                         const ta_doc *filter, ta_error *err);

/** Find an installed FreeDict dictionary for src_lang -> tgt_lang in dir
 * (NULL: /usr/share/dictd): "freedict-SRC-TGT.index" or the reverse pair,
 * ISO 639-3 names from ICU.  Writes the .index path to path (cap bytes).
 * Errors: TA_ENOENT (none installed), TA_ELANG, TA_EINVAL (cap too small). */
TA_EXPORT ta_status ta_lexicon_find_dict(const char *dir, const char *src_lang,
                                         const char *tgt_lang, char *path,
                                         size_t cap, ta_error *err);

/** Read a table written by ta_lexicon_save (TSV, same as the dictionary
 * TSV format).  Errors: TA_ENOENT, TA_EIO, TA_EPARSE, TA_ENOMEM. */
TA_EXPORT ta_status ta_lexicon_load(ta_lexicon *lx, const char *path,
                                    ta_error *err);

/** Write "source TAB target TAB probability" lines, sorted, atomically.
 * Errors: TA_EIO. */
TA_EXPORT ta_status ta_lexicon_save(const ta_lexicon *lx, const char *path,
                                    ta_error *err);

/** Add every entry of from to lx (larger p wins).  Errors: TA_ENOMEM. */
TA_EXPORT ta_status ta_lexicon_merge(ta_lexicon *lx, const ta_lexicon *from,
                                     ta_error *err);

/** Number of (source, target) entries. */
TA_EXPORT size_t ta_lexicon_count(const ta_lexicon *lx);

/** Probability of src -> tgt (normalised first), 0 when absent. */
TA_EXPORT double ta_lexicon_prob(const ta_lexicon *lx, const char *src,
                                 const char *tgt);

/** Learn a table from the pair itself: align src with tgt under o (its
 * lexicon and self_train are ignored), keep the confident 1-1 beads, run
 * IBM Model 1 on them in both directions and keep the pairs both find.
 * With fewer than TA_LEXICON_MIN_BEADS confident beads *out is an empty
 * table.  *beads_used (may be NULL) tells how many
 * beads it learned from.  Errors: those of ta_align, TA_ENOMEM. */
TA_EXPORT ta_status ta_lexicon_learn(const ta_doc *src, const ta_doc *tgt,
                                     const ta_align_opts *o, ta_lexicon **out,
                                     size_t *beads_used, ta_error *err);

/** Confident 1-1 beads needed before self-training is attempted.  A
 * chapter of a freely translated novel (MAC-Dev's, 200-300 sentences) has
 * 58-143 in a first pass, as many of its beads join sentences; from 50
 * on, what Model 1 learns in both directions still agrees on real
 * translations (it was 100: four of MAC-Dev's six chapters learned
 * nothing). */
#define TA_LEXICON_MIN_BEADS 50

/** Train IBM Model 1 (iters EM iterations, NULL word included) on n
 * sentence pairs and add, for every source word seen at least twice, its
 * at most 3 likeliest target words with t(tgt|src) >= min_p.
 * Self-training uses 5 iterations and 0.2, in both directions.  Exposed
 * for tests and for callers with their own parallel text.
 * Errors: TA_ENOMEM, TA_EINVAL. */
TA_EXPORT ta_status ta_lexicon_train(ta_lexicon *lx,
                                     const char *const *src_sents,
                                     const char *const *tgt_sents, size_t n,
                                     int iters, double min_p, ta_error *err);

/** No-op on NULL. */
TA_EXPORT void ta_lexicon_free(ta_lexicon *lx);

#ifdef __cplusplus
}
#endif
#endif
