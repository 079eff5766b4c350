/* Streaming jobs: one document pair a JSON line in, one result a JSON line
 * out (docs/pipe.md), the contract of GNU parallel --pipe, Hadoop
 * Streaming and Spark's RDD.pipe.
 *
 * ta_pipe_run() reads a line, runs its job (load both documents, align,
 * optionally check), writes the result line and flushes, then reads the
 * next: memory depends on the largest job, never on the number of lines.
 * With threads > 1, up to threads lines are read and run at once, and
 * their results are still written in input order.
 *
 * A bad job (bad JSON, a missing or unknown member, an unreadable path,
 * an unknown language...) gives a result line with the job's "id" (when
 * it could be read, else null) and an "error" message, and the stream goes
 * on.  A line longer than max_line is refused the same way (its bytes are
 * skipped, never held).  Blank lines are skipped without a result. */
#ifndef TMXALIGN_PIPE_H
#define TMXALIGN_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tmxalign/align.h"
#include "tmxalign/check.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ta_pipe_opts {
  const char *src_lang;     /**< for jobs without "src_lang"; may be NULL */
  const char *tgt_lang;     /**< for jobs without "tgt_lang"; may be NULL */
  ta_split_opts split;      /**< how documents are read (lang and note are set
                                 per job; input: TA_INPUT_PRESPLIT for every
                                 job, else a job's "presplit" decides) */
  ta_align_opts align;      /**< defaults of every job ("max_bead",
                                 "no_lexicon" change them per job); note is
                                 ignored */
  double min_score;         /**< beads scoring below are left out of "beads"
                                 (counted in "below_score"); default 0 */
  bool check;               /**< write the check report (findings and summary)
                                 instead of the beads */
  ta_check_opts check_opts; /**< with check */
  size_t max_line;          /**< longest input line in bytes, default
                                 256 MiB; a longer one is a job error */
  unsigned threads;         /**< jobs run at once, default 1; 0: one per
                                 online processor; at most 256 */
  bool no_paths;            /**< refuse "src_path"/"tgt_path" (a job error):
                                 texts inline only */
} ta_pipe_opts;

/** Fill o with the defaults above and those of ta_split_opts_init(),
 * ta_align_opts_init() and ta_check_opts_init(). */
TA_EXPORT void ta_pipe_opts_init(ta_pipe_opts *o);

typedef struct ta_pipe_stats {
  size_t lines;       /**< lines read, blank ones included */
  size_t jobs;        /**< result lines written */
  size_t jobs_ok;     /**< of which results */
  size_t jobs_failed; /**< of which errors */
} ta_pipe_stats;

/** Run every job of in, writing one result line per job to out in input
 * order, flushed after each (after each group of threads jobs).  Returns
 * TA_OK when in was read to its end, whatever the jobs gave; TA_EIO when
 * reading in or writing out failed (the results written so far stay);
 * TA_EINVAL for bad options; TA_ENOMEM (also when no thread can be
 * started).  st (may be NULL) is filled in every case. */
TA_EXPORT ta_status ta_pipe_run(FILE *in, FILE *out, const ta_pipe_opts *o,
                                ta_pipe_stats *st, ta_error *err);

/** Run the one job held in line[0..len) (no newline needed) and write its
 * result line to out.  Returns TA_OK when a line was written, a result or
 * a job error; TA_EIO when writing failed; TA_ENOMEM. */
TA_EXPORT ta_status ta_pipe_job(const char *line, size_t len, FILE *out,
                                const ta_pipe_opts *o, ta_error *err);

#ifdef __cplusplus
}
#endif
#endif
