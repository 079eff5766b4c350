/* Batch alignment: many document pairs into one translation memory.
 *
 * A batch is a list of pairs (source path, target path), read from a
 * manifest (ta_batch_manifest_load) or found in a directory
 * (ta_batch_pair_dir).  ta_batch_align() loads, splits and aligns the pairs
 * on a pool of worker threads and writes every pair's units into one
 * output, in list order whatever the number of threads: the output is the
 * same bytes with 1 or 8 threads.
 *
 * Memory: at most ta_batch_opts.max_pending pairs (documents and
 * alignments) are held at once, being aligned or waiting for their turn to
 * be written; the writer holds one unit.  So memory depends on the size of
 * the largest pairs and the number of threads, never on the number of
 * pairs.
 *
 * A pair that cannot be loaded or aligned (missing file, bad encoding...)
 * is reported through the error callback and skipped, unless strict.
 *
 * Threads: ta_batch_align() starts and joins its own threads; every
 * callback is called on the thread that called ta_batch_align(), one at a
 * time, so callbacks need no locking.  Lists are read-only after loading
 * and may be shared. */
#ifndef TMXALIGN_BATCH_H
#define TMXALIGN_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "tmxalign/align.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"
#include "tmxalign/tmx.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One document pair.  Strings are borrowed (from a ta_batch_list, or from
 * the caller who built the array). */
typedef struct ta_batch_pair {
  const char *src;      /**< path opened for the source document */
  const char *tgt;      /**< path opened for the target document */
  const char *src_name; /**< as the user wrote it (messages, x-document);
                             NULL: src */
  const char *tgt_name; /**< NULL: tgt */
  size_t line;          /**< manifest line, 0 when not from a manifest */
} ta_batch_pair;

/* ---- lists of pairs --------------------------------------------------- */

typedef struct ta_batch_list ta_batch_list;

/** Parse a manifest held in memory: one pair a line, "SOURCE<TAB>TARGET"
 * (several tabs in a row count as one; spaces around a field are
 * trimmed).  Blank lines and lines whose first non-blank character is '#'
 * are skipped; a CR before the LF is ignored; an UTF-8 BOM is skipped.
 * Relative paths are taken relative to base_dir (NULL or "": the current
 * directory); absolute paths are kept.  src_name/tgt_name are the fields
 * as written, line their line number.  name is used in messages.  Errors:
 * TA_EPARSE naming the line ("list.tsv: line 3: expected SOURCE<TAB>TARGET,
 * found no tab"; also a third field, an empty field, a NUL byte),
 * TA_ENOMEM.  An empty manifest is not an error: the list has no pairs. */
TA_EXPORT ta_status ta_batch_manifest_parse(const char *name, const char *data,
                                            size_t len, const char *base_dir,
                                            ta_batch_list **out, ta_error *err);

/** Read and parse the manifest at path; relative paths in it are relative
 * to the manifest's directory.  Errors: as ta_batch_manifest_parse(), plus
 * TA_ENOENT, TA_EISDIR, TA_EIO, TA_ETOOBIG (over 256 MiB). */
TA_EXPORT ta_status ta_batch_manifest_load(const char *path,
                                           ta_batch_list **out, ta_error *err);

/** Pair the files of directory dir (not its subdirectories) by name:
 * NAME.SRC.EXT with NAME.TGT.EXT, where SRC and TGT are src_lang and
 * tgt_lang (compared as ta_tmx_lang_equal: "pt_BR" finds "pt-BR") and EXT
 * is txt, html or htm.  Pairs come sorted by source file name (strcmp), so
 * the order does not depend on the file system.  A source or target file
 * without its other half is reported to note (may be NULL) as "DIR:
 * a.fr.txt has no a.en.txt" and left out; other files are ignored.  Hidden
 * files (starting with '.') are ignored; a name that is not a regular file
 * once symlinks are followed (a FIFO would block the batch) is left out
 * with a note "DIR: a.fr.txt is not a regular file (a FIFO); skipped".  Errors:
 * TA_ENOENT, TA_EIO (not a directory, unreadable), TA_EINVAL (a language
 * missing or equal), TA_ENOMEM. Finding no pair is not an error: the list is
 * empty. */
TA_EXPORT ta_status ta_batch_pair_dir(const char *dir, const char *src_lang,
                                      const char *tgt_lang, ta_note note,
                                      ta_batch_list **out, ta_error *err);

/** Number of pairs in l (0 for NULL). */
TA_EXPORT size_t ta_batch_list_count(const ta_batch_list *l);

/** The pairs of l, an array of ta_batch_list_count(l) elements borrowed
 * from l (NULL when empty). */
TA_EXPORT const ta_batch_pair *ta_batch_list_pairs(const ta_batch_list *l);

/** No-op on NULL. */
TA_EXPORT void ta_batch_list_free(ta_batch_list *l);

/* ---- aligning --------------------------------------------------------- */

typedef enum ta_batch_format {
  TA_BATCH_FORMAT_TMX = 0, /**< one TMX 1.4b memory (ta_tmx_writer_add_beads) */
  TA_BATCH_FORMAT_TSV,  /**< the rows of TA_ALIGN_FORMAT_TSV, pair after pair */
  TA_BATCH_FORMAT_JSONL /**< the objects of TA_ALIGN_FORMAT_JSONL, each starting
                      with "pair" (1-based) and "document" members */
} ta_batch_format;

/** Figures of a run so far (progress) or at its end (summary). */
typedef struct ta_batch_stats {
  size_t pairs;                        /**< pairs in the list */
  size_t pairs_done;                   /**< pairs finished, written or failed */
  size_t pairs_ok;                     /**< pairs written */
  size_t pairs_failed;                 /**< pairs skipped after an error */
  size_t src_sentences, tgt_sentences; /**< of the pairs written */
  size_t units;       /**< TMX units (TSV/JSONL: rows) written */
  size_t unaligned;   /**< TMX: 1-0 / 0-1 beads left out */
  size_t below_score; /**< TMX: beads dropped by min_score */
  double seconds;     /**< wall-clock time since the start */
} ta_batch_stats;

/** Called after each pair is written or skipped, in list order. */
typedef void (*ta_batch_progress_fn)(void *user, const ta_batch_stats *s);

/** Called for each pair that failed: index is 0-based in the list, err
 * holds the loader's or aligner's status and message ("docs/a.en.txt: No
 * such file or directory"), without the pair number. */
typedef void (*ta_batch_error_fn)(void *user, size_t index,
                                  const ta_batch_pair *pair,
                                  const ta_error *err);

typedef struct ta_batch_opts {
  const char *src_lang;   /**< required, BCP-47 */
  const char *tgt_lang;   /**< required, BCP-47 */
  ta_split_opts split;    /**< how documents are read; lang and note are
                               set by the batch */
  ta_align_opts align;    /**< align.note.fn (may be NULL) gets the
                               aligner's notes, like note on the calling
                               thread in list order, with align.note.user */
  ta_tmx_align_opts tmx;  /**< TMX only; document is set per pair to the
                               pair's src_name; write.note is ignored (see
                               note) */
  ta_batch_format format; /**< default TA_BATCH_FORMAT_TMX */
  unsigned threads;       /**< worker threads; default 1; 0: one per online
                               processor (sysconf); never more than pairs */
  size_t max_pending;     /**< pairs held in memory at once; 0 (default):
                               2 x threads; raised to threads if lower,
                               never more than pairs */
  bool strict;            /**< the first failed pair stops the batch: its
                               status is returned, the output not written */
  ta_batch_progress_fn progress; /**< may be NULL */
  ta_batch_error_fn on_error;    /**< may be NULL */
  ta_note note;                  /**< notes from loading and writing (detected
                                      encoding, removed characters), in list
                                      order; fn may be NULL */
  void *user;                    /**< passed to progress and on_error */
} ta_batch_opts;

/** Fill o with the defaults above and those of ta_split_opts_init(),
 * ta_align_opts_init() and ta_tmx_align_opts_init(). */
TA_EXPORT void ta_batch_opts_init(ta_batch_opts *o);

/** Align the n pairs and write them to out_path ("-" = standard output)
 * through a temporary file renamed into place at the end, in list order.
 * TMX: one header (srclang: the language of the first source document
 * written, datatype plaintext), tuids 1..units across the whole memory,
 * each unit's x-document naming its pair's src_name.
 * Returns TA_OK when at least one pair was written (failed pairs are in
 * stats->pairs_failed).  Otherwise the output file is left as it was
 * (standard output may have received part of the data) and the status
 * says why: with strict, the failed pair's status ("pair 2 (a.fr.txt,
 * a.en.txt): <its message>"); when every pair failed, the first one's
 * ("all N pairs failed; the first: pair 1 ..."); TA_EINVAL for no pairs
 * or bad options, and for an output that is one of the pairs' documents
 * (ta_outfile_check: nothing is read or written then); TA_EIO, TA_EISDIR,
 * TA_ELANG, TA_EXML when the output cannot be written; TA_ENOMEM (also when no
 * thread can be started). stats (may be NULL) is filled in every case. */
TA_EXPORT ta_status ta_batch_align(const ta_batch_opts *o,
                                   const ta_batch_pair *pairs, size_t n,
                                   const char *out_path, ta_batch_stats *stats,
                                   ta_error *err);

/* ---- confined manifests ------------------------------------------------ */

/** Flags of ta_batch_manifest_load_flags(). */
enum {
  /** Every pair's files must resolve (realpath: symlinks and ".."
   * followed) inside the manifest's own directory, or below it; an
   * absolute path, "../x" or a symlink leading elsewhere is refused. */
  TA_BATCH_MANIFEST_CONFINED = 1u << 0
};

/** ta_batch_manifest_load() with flags (0: the same; by default a manifest
 * may name any path the process can read).  With
 * TA_BATCH_MANIFEST_CONFINED, a pair leaving the directory is TA_EINVAL
 * naming the line ("list.tsv: line 3: ../x.fr.txt is outside the
 * manifest's directory /data/run (confined manifest); ..."), and no list
 * is returned.  A file that does not exist is checked by its directory
 * (the batch then reports it missing).  The check is made once, at load:
 * a symlink changed between it and the batch is not seen.  Errors: those
 * of ta_batch_manifest_load(), TA_EINVAL (also unknown flags). */
TA_EXPORT ta_status ta_batch_manifest_load_flags(const char *path,
                                                 unsigned flags,
                                                 ta_batch_list **out,
                                                 ta_error *err);

#ifdef __cplusplus
}
#endif
#endif
