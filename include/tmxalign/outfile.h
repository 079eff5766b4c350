/* Atomic output files: data goes to a temporary file beside the target and
 * is renamed over it only when everything was written and flushed, so a
 * failure (disk full, killed process) leaves any old file intact.
 * The path "-" means standard output (written directly, never renamed). */
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

#ifdef __cplusplus
}
#endif
#endif
