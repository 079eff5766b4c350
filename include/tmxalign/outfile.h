/* Atomic output files: data goes to a temporary file beside the target and
 * is renamed over it only when everything was written and flushed, so a
 * failure (disk full, killed process) leaves any old file intact.
 * The path "-" means standard output (written directly, never renamed).
 * A replaced file keeps its permissions (and owner where allowed). */
#ifndef TMXALIGN_OUTFILE_H
#define TMXALIGN_OUTFILE_H

#include <stdio.h>

#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ta_outfile ta_outfile;

/** Create a temporary file next to path.  Errors: TA_EIO (directory not
 * writable, ...), TA_ENOMEM. */
TA_EXPORT ta_status ta_outfile_open(const char *path, ta_outfile **out,
                                    ta_error *err);
/** The stream to write to; borrowed, valid until commit/abort. */
TA_EXPORT FILE *ta_outfile_fp(ta_outfile *f);
/** Flush, sync, close and rename into place; frees f in every case.  On
 * failure the temporary file is removed and the target is untouched. */
TA_EXPORT ta_status ta_outfile_commit(ta_outfile *f, ta_error *err);
/** Discard: remove the temporary file and free f.  No-op on NULL. */
TA_EXPORT void ta_outfile_abort(ta_outfile *f);

/** Writes a whole output to fp; a status other than TA_OK discards it. */
typedef ta_status (*ta_outfile_write_fn)(FILE *fp, void *user, ta_error *err);

/** Open path, let fn write it, then commit (or abort when fn fails): the
 * whole life of an output in one call.  Errors: those of open, fn and
 * commit. */
TA_EXPORT ta_status ta_outfile_write(const char *path, ta_outfile_write_fn fn,
                                     void *user, ta_error *err);

/** Refuse out when it is the same file as one of others[0..n) (the run's
 * inputs and its other outputs): same device and inode, or, for files
 * that do not exist yet, the same path once its directory is resolved.
 * "-", devices and pipes always pass.  Errors: TA_EINVAL with "OUT: is
 * also an input or output of this run; ..." so that `-o a.txt` can never
 * replace the source a.txt. */
TA_EXPORT ta_status ta_outfile_check(const char *out, const char *const *others,
                                     size_t n, ta_error *err);

/** Remove the temporary files of every output still open, for a
 * program's SIGINT/SIGTERM/SIGHUP handler (async-signal-safe: the library
 * installs no handler itself).  The outputs' old files are untouched. */
TA_EXPORT void ta_outfile_remove_temporaries(void);

#ifdef __cplusplus
}
#endif
#endif
