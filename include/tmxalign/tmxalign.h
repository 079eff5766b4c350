/* tmxalign: sentence alignment of a document and its translation, TMX 1.4b
 * translation memories, and translation completeness checks.
 *
 * Ownership, once for the whole API: you own what a *_new / *_load_* /
 * ta_align call returns through its out-parameter and release it with the
 * matching *_free (every *_free accepts NULL).  Functions never take
 * ownership of their arguments.  A returned const pointer is borrowed: it is
 * valid until the object it came from is freed.
 *
 * Errors: functions return ta_status (status.h) and, when given a ta_error,
 * fill it with a one-line message naming the file and byte offset.
 * The library never prints, exits or aborts. */
#ifndef TMXALIGN_H
#define TMXALIGN_H

#include "tmxalign/export.h"
#include "tmxalign/version.h"
#include "tmxalign/status.h"
#include "tmxalign/doc.h"
#include "tmxalign/align.h"
#include "tmxalign/lexicon.h"
#include "tmxalign/outfile.h"
#include "tmxalign/tmx.h"
#include "tmxalign/check.h"
#include "tmxalign/batch.h"

#endif
