/* The lexicon options of align and check (--dict, --no-lexicon,
 * --lexicon-load, --lexicon-save; the table in options.c stores them
 * here), applied once both documents are loaded: dictionaries are
 * filtered to the source text. */
#ifndef TMXALIGN_CLI_LEXICON_H
#define TMXALIGN_CLI_LEXICON_H

#include "cli.h"

#define CLI_LEXICON_MAX_DICTS 16

typedef struct cli_lexicon {
  const char *dicts[CLI_LEXICON_MAX_DICTS]; /* paths or "auto" */
  int ndicts;
  const char *load, *save;
  bool off, no_train;
  ta_lexicon *table; /* what ta_align_opts.lexicon points to */
} cli_lexicon;

/* Build the table for src/tgt into l->table (the last one's is freed)
 * and set o->lexicon and o->self_train; with --lexicon-save, learn from
 * the pair and save.  Reports errors itself.  verbose: say what was
 * used. */
ta_status cli_lexicon_prepare(cli_lexicon *l, const ta_doc *src,
                              const ta_doc *tgt, ta_align_opts *o,
                              bool verbose);

/* One table for many pairs (align --batch): the dictionaries loaded
 * whole into l->table and o->lexicon, shared read-only by the threads;
 * self-training stays per pair.  Reports errors itself. */
ta_status cli_lexicon_shared(cli_lexicon *l, const char *slang,
                             const char *tlang, ta_align_opts *o, bool verbose);

/* Load the --dict and --lexicon-load tables into l->table (made by the
 * caller), keeping only headwords of filter when given; "auto" finds an
 * installed FreeDict pair.  Reports errors itself. */
ta_status cli_lexicon_load_dicts(cli_lexicon *l, const char *slang,
                                 const char *tlang, const ta_doc *filter,
                                 bool verbose);

/* The files the options read (--dict but "auto", --lexicon-load) into
 * ins[0..max); returns how many. */
size_t cli_lexicon_inputs(const cli_lexicon *l, const char **ins, size_t max);

void cli_lexicon_free(cli_lexicon *l);

#endif
