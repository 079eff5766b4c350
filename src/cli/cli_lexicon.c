/* Lexicon options of `tmxalign align`: which dictionaries and tables to
 * load, and saving what the pair taught.  All work is in the library
 * (lexicon.h); this only maps options to calls and prints notes. */
#include "cli_lexicon.h"

#include <stdlib.h>
#include <string.h>

ta_status cli_lexicon_load_dicts(cli_lexicon *l, const char *slang,
                                 const char *tlang, const ta_doc *filter,
                                 bool verbose) {
  ta_error err;
  ta_error_clear(&err);
  ta_status st = TA_OK;
  for (int i = 0; i < l->ndicts && st == TA_OK; i++) {
    char found[4096];
    const char *path = l->dicts[i];
    if (!strcmp(path, "auto")) {
      st = ta_lexicon_find_dict(getenv("TMXALIGN_DICT_DIR"), slang, tlang,
                                found, sizeof found, &err);
      if (st == TA_ENOENT || st == TA_ELANG) {
        cli_warn(NULL, err.message);
        st = TA_OK;
        continue;
      }
      path = found;
    }
    size_t before = ta_lexicon_count(l->table);
    if (st == TA_OK)
      st = ta_lexicon_load_dict(l->table, path, slang, tlang, filter, &err);
    if (st == TA_OK && verbose)
      fprintf(stderr, "tmxalign: dictionary %s: %zu entries%s\n", path,
              ta_lexicon_count(l->table) - before,
              filter ? " for this text" : "");
  }
  if (st == TA_OK && l->load) {
    st = ta_lexicon_load(l->table, l->load, &err);
    if (st == TA_OK && verbose)
      fprintf(stderr, "tmxalign: lexicon %s loaded\n", l->load);
  }
  if (st != TA_OK) cli_fail(st, &err);
  return st;
}

/* --no-lexicon and --no-self-train into o; true when o needs no table. */
static bool switched_off(const cli_lexicon *l, ta_align_opts *o) {
  if (l->no_train || l->off) o->self_train = false;
  if (!l->off) return false;
  o->lexicon = NULL;
  o->weights[TA_ANCHOR_LEXICON] = 0;
  return true;
}

/* A new l->table with the dictionaries, filtered to filter if given. */
static ta_status load_table(cli_lexicon *l, const char *slang,
                            const char *tlang, const ta_doc *filter,
                            ta_align_opts *o, bool verbose) {
  ta_lexicon_free(l->table);
  l->table = NULL;
  ta_status st = ta_lexicon_new(&l->table, NULL);
  if (st != TA_OK) return cli_fail(st, NULL), st;
  st = cli_lexicon_load_dicts(l, slang, tlang, filter, verbose);
  if (st == TA_OK) o->lexicon = l->table;
  return st;
}

ta_status cli_lexicon_shared(cli_lexicon *l, const char *slang,
                             const char *tlang, ta_align_opts *o,
                             bool verbose) {
  if (switched_off(l, o) || (!l->ndicts && !l->load)) return TA_OK;
  return load_table(l, slang, tlang, NULL, o, verbose);
}

ta_status cli_lexicon_prepare(cli_lexicon *l, const ta_doc *src,
                              const ta_doc *tgt, ta_align_opts *o,
                              bool verbose) {
  if (verbose) {
    o->note.fn = cli_warn;
    o->note.user = NULL;
  }
  if (switched_off(l, o)) return TA_OK;
  /* one table a translation: dictionaries are filtered to the source,
   * but what is learned belongs to the pair */
  ta_status st =
      load_table(l, ta_doc_lang(src), ta_doc_lang(tgt), src, o, verbose);
  if (st != TA_OK || !l->save || l->no_train) return st;
  /* Learn here rather than inside ta_align, to keep what was learned:
   * the table passed on is then the same as ta_align would build. */
  ta_lexicon *learned = NULL;
  ta_error err;
  ta_error_clear(&err);
  size_t used = 0;
  st = ta_lexicon_learn(src, tgt, o, &learned, &used, &err);
  if (st == TA_OK) st = ta_lexicon_save(learned, l->save, &err);
  if (st == TA_OK) st = ta_lexicon_merge(l->table, learned, NULL);
  if (st == TA_OK && verbose)
    fprintf(stderr,
            "tmxalign: lexicon: %zu entries learned from %zu "
            "confident beads, saved to %s\n",
            ta_lexicon_count(learned), used, l->save);
  ta_lexicon_free(learned);
  if (st != TA_OK) return cli_fail(st, &err), st;
  o->self_train = false;
  return TA_OK;
}

size_t cli_lexicon_inputs(const cli_lexicon *l, const char **ins, size_t max) {
  size_t n = 0;
  for (int i = 0; i < l->ndicts && n < max; i++)
    if (strcmp(l->dicts[i], "auto")) ins[n++] = l->dicts[i];
  if (l->load && n < max) ins[n++] = l->load;
  return n;
}

void cli_lexicon_free(cli_lexicon *l) {
  ta_lexicon_free(l->table);
  l->table = NULL;
}
