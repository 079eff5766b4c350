/* SRX 2.0 segmentation rules (srx.c): loaded for one language, they give
 * the break positions of a paragraph; split.c makes the sentences. */
#ifndef TMXALIGN_SRX_H
#define TMXALIGN_SRX_H

#include "text/text_int.h"

typedef struct ta__srx ta__srx;

/* Load the SRX file at path and keep the rules that its maprules give for
 * the BCP-47 tag lang.  TA_EPARSE naming the line for a malformed file,
 * and the rule and ICU's message for a bad regex; a warning through
 * o->note when no languagemap matches (no breaks then). */
ta_status ta__srx_load(const char *path, const char *lang,
                       const ta_split_opts *o, ta__srx **out, ta_error *err);
void ta__srx_free(ta__srx *x);

/* Break positions inside the UTF-8 paragraph p[0, len), increasing,
 * each in (0, len), into *breaks (grown, *cap its room).  Not for two
 * threads at once on one x (the patterns keep the text being matched). */
ta_status ta__srx_breaks(ta__srx *x, const char *p, size_t len, size_t **breaks,
                         size_t *nbreaks, size_t *cap);

#endif
