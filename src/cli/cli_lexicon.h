/* Lexicon options of `tmxalign align` (--dict, --no-lexicon,
 * --lexicon-load, --lexicon-save): parsed here, applied once both
 * documents are loaded (dictionaries are filtered to the source text). */
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

enum {
  CLI_OPT_DICT = 1024,
  CLI_OPT_NO_LEXICON,
  CLI_OPT_LEXICON_LOAD,
  CLI_OPT_LEXICON_SAVE,
  CLI_OPT_NO_SELF_TRAIN
};

#define CLI_LEXICON_LONGOPTS                                             \
  {"dict", required_argument, NULL, CLI_OPT_DICT},                       \
      {"no-lexicon", no_argument, NULL, CLI_OPT_NO_LEXICON},             \
      {"lexicon-load", required_argument, NULL, CLI_OPT_LEXICON_LOAD},   \
      {"lexicon-save", required_argument, NULL, CLI_OPT_LEXICON_SAVE},   \
      {"no-self-train", no_argument, NULL, CLI_OPT_NO_SELF_TRAIN}

#define CLI_LEXICON_HELP                                                   \
  "      --dict FILE|auto    bilingual dictionary (repeatable): dictd/\n"  \
  "                          FreeDict .index/.dict.dz, hunalign\n"         \
  "                          'target @ source' or TSV 'source TAB\n"       \
  "                          target'; auto: an installed FreeDict pair\n"  \
  "                          in $TMXALIGN_DICT_DIR or /usr/share/dictd\n"  \
  "      --no-lexicon        no lexical anchors: neither dictionaries nor\n" \
  "                          a table learned from the pair itself\n"       \
  "      --no-self-train     use the dictionaries only, learn nothing\n"  \
  "                          from the pair\n"                             \
  "      --lexicon-load FILE add a table saved by --lexicon-save\n"        \
  "      --lexicon-save FILE save the table learned from this pair (TSV:\n" \
  "                          source, target, probability)\n"

/* Handle option ch (one of CLI_OPT_*); returns false on a usage error. */
bool cli_lexicon_option(cli_lexicon *l, int ch, const char *arg);

/* Build the table for src/tgt into l->table and set o->lexicon and
 * o->self_train; reports errors itself.  verbose: say what was used. */
ta_status cli_lexicon_prepare(cli_lexicon *l, const ta_doc *src,
                              const ta_doc *tgt, ta_align_opts *o,
                              bool verbose);

/* Load the --dict and --lexicon-load tables into l->table (made by the
 * caller), keeping only headwords of filter when given; "auto" finds an
 * installed FreeDict pair.  Reports errors itself. */
ta_status cli_lexicon_load_dicts(cli_lexicon *l, const char *slang,
                                 const char *tlang, const ta_doc *filter,
                                 bool verbose);

void cli_lexicon_free(cli_lexicon *l);

#endif
