/* Checking files: load a pair, align it, check it and write the report
 * (ta_check_files), or do that for every pair of a batch, each into its
 * own report in one directory, then the index (ta_check_batch).
 *
 * Report names are "NNNN-NAME.check.EXT": the pair number makes them
 * unique (one source with two translations, "sub/x" beside "sub_x") and
 * stable (the same list gives the same names), NAME keeps them readable.
 * Every output is checked against the inputs before the first pair is
 * read, so a report can never replace a document of the batch. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "check/check_int.h"
#include "tmxalign/batch.h"
#include "tmxalign/lexicon.h"
#include "tmxalign/outfile.h"

/* A report name keeps at most this much of the source's name, so that it
 * stays far below NAME_MAX (255) with the number and the extension. */
enum { NAME_KEEP = 200 };

void ta_check_run_opts_init(ta_check_run_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  ta_split_opts_init(&o->split);
  ta_check_align_opts_init(&o->align);
  ta_check_opts_init(&o->check);
  o->format = TA_CHECK_FORMAT_TEXT;
}

/* The table learned from the pair serves the aligner and the checker,
 * with the caller's (dictionaries) merged in; *learned is freed by the
 * caller. */
static ta_status prepare_lexicon(const ta_check_run_opts *o, const char *name,
                                 const ta_doc *src, const ta_doc *tgt,
                                 ta_align_opts *ao, ta_lexicon **learned,
                                 ta_error *err) {
  if (o->lexicon) {
    ta_error_clear(err);
    ta_status st = o->lexicon(o->lexicon_user, src, tgt, ao, err);
    if (st != TA_OK) {
      if (!err || !err->message[0])
        ta__fail(err, st, "%s: lexicon: %s", name, ta_strerror(st));
      return st;
    }
  }
  if (!ao->self_train) return TA_OK;
  ta_status st = ta_lexicon_learn(src, tgt, ao, learned, NULL, err);
  if (st == TA_OK && ao->lexicon)
    st = ta_lexicon_merge(*learned, ao->lexicon, NULL);
  if (st != TA_OK) return st;
  ao->lexicon = *learned;
  ao->self_train = false;
  return TA_OK;
}

typedef struct report_job {
  ta_check_format format;
  const ta_doc *src, *tgt;
  const ta_alignment *al;
  const ta_check_report *rep;
} report_job;

static ta_status write_report(FILE *fp, void *user, ta_error *err) {
  const report_job *j = user;
  return ta_check_report_write(fp, j->format, j->src, j->tgt, j->al, j->rep,
                               err);
}

/* Load, align, check and write one pair; the files were checked. */
static ta_status check_pair(const ta_check_run_opts *o, const char *src_path,
                            const char *tgt_path, const char *out_path,
                            ta_check_summary *summary, ta_error *err) {
  ta_split_opts so = o->split;
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_lexicon *learned = NULL;
  ta_align_opts ao = o->align;
  ta_check_opts co = o->check;
  so.lang = o->src_lang;
  ta_status st = ta_doc_load_file(src_path, &so, &src, err);
  so.lang = o->tgt_lang;
  if (st == TA_OK) st = ta_doc_load_file(tgt_path, &so, &tgt, err);
  if (st == TA_OK)
    st = prepare_lexicon(o, src_path, src, tgt, &ao, &learned, err);
  co.lexicon = ao.lexicon;
  if (st == TA_OK) st = ta_align(src, tgt, &ao, &al, err);
  if (st == TA_OK) st = ta_check(src, tgt, al, &co, &rep, err);
  report_job job = {o->format, src, tgt, al, rep};
  if (st == TA_OK) st = ta_outfile_write(out_path, write_report, &job, err);
  if (st == TA_OK && summary) *summary = *ta_check_report_summary(rep);
  ta_lexicon_free(learned);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(src);
  ta_doc_free(tgt);
  return st;
}

static ta_status check_opts(const ta_check_run_opts *o, ta_error *err) {
  if (!o) return ta__fail(err, TA_EINVAL, "check: no options given");
  if (!o->src_lang || !o->tgt_lang || !*o->src_lang || !*o->tgt_lang)
    return ta__fail(err, TA_EINVAL, "check: both languages are required");
  if ((unsigned)o->format > TA_CHECK_FORMAT_HTML)
    return ta__fail(err, TA_EINVAL, "check: unknown format %d", (int)o->format);
  return TA_OK;
}

/* out against the two documents and o->inputs. */
static ta_status guard(const ta_check_run_opts *o, const char *out,
                       const char *src, const char *tgt, ta_error *err) {
  const char *pair[] = {src, tgt};
  ta_status st = ta_outfile_check(out, pair, 2, err);
  if (st == TA_OK && o->ninputs)
    st = ta_outfile_check(out, o->inputs, o->ninputs, err);
  return st;
}

ta_status ta_check_files(const ta_check_run_opts *o, const char *src_path,
                         const char *tgt_path, const char *out_path,
                         ta_check_summary *summary, ta_error *err) {
  ta_status st = check_opts(o, err);
  if (st != TA_OK) return st;
  if (!src_path || !tgt_path || !out_path)
    return ta__fail(err, TA_EINVAL, "check: missing file name");
  if (!strcmp(src_path, "-") && !strcmp(tgt_path, "-"))
    return ta__fail(err, TA_EINVAL,
                    "check: only one file can be standard input ('-')");
  st = guard(o, out_path, src_path, tgt_path, err);
  if (st != TA_OK) return st;
  return check_pair(o, src_path, tgt_path, out_path, summary, err);
}

/* ---- a bilingual file: the units are the beads ---- */

/* 1-1 beads for translated units, 1-0 for the others, as
 * ta_bitext_docs kept them (every unit, fuzzy ones too). */
static ta_status unit_beads(const ta_bitext *b, const ta_doc *src,
                            const ta_doc *tgt, ta_alignment **al,
                            ta_check_bitext_stats *bs, ta_error *err) {
  size_t n = ta_bitext_count(b);
  ta_bead *beads = ta__calloc(n ? n : 1, sizeof *beads);
  if (!beads) return ta__fail(err, TA_ENOMEM, "check: out of memory");
  size_t t = 0;
  for (size_t i = 0; i < n; i++) {
    const ta_bitext_unit *u = ta_bitext_unit_at(b, i);
    bool done = u->target[0] != '\0';
    bs->untranslated += !done;
    bs->fuzzy += done && u->fuzzy;
    /* the translator's pairing, not a guess: full confidence */
    beads[i].src_begin = i;
    beads[i].src_len = 1;
    beads[i].tgt_begin = t;
    beads[i].tgt_len = done ? 1 : 0;
    beads[i].score = 1.0;
    t += done;
  }
  ta_status st = ta_alignment_from_beads(src, tgt, beads, n, al, err);
  free(beads);
  return st;
}

ta_status ta_check_bitext_file(const ta_check_run_opts *o, const char *path,
                               const char *out_path, ta_check_summary *summary,
                               ta_check_bitext_stats *stats, ta_error *err) {
  if (!o || !path || !out_path)
    return ta__fail(err, TA_EINVAL, "check: missing argument");
  if ((unsigned)o->format > TA_CHECK_FORMAT_HTML)
    return ta__fail(err, TA_EINVAL, "check: unknown format %d", (int)o->format);
  ta_status st = guard(o, out_path, path, path, err);
  ta_bitext *b = NULL;
  if (st == TA_OK)
    st = ta_bitext_load_file(path, o->split.max_input_bytes, &b, err);
  if (st != TA_OK) return st;
  const char *sl =
      o->src_lang && *o->src_lang ? o->src_lang : ta_bitext_src_lang(b);
  const char *tl =
      o->tgt_lang && *o->tgt_lang ? o->tgt_lang : ta_bitext_tgt_lang(b);
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_check_report *rep = NULL;
  ta_lexicon *learned = NULL;
  ta_align_opts ao = o->align;
  ta_check_opts co = o->check;
  co.given_pairs = true;
  ta_check_bitext_stats bs = {ta_bitext_count(b), 0, 0};
  if (!*sl || !*tl)
    st = ta__fail(err, TA_EINVAL,
                  "%s: the %s file names no %s language: give it (-s LANG -t "
                  "LANG)",
                  ta_bitext_name(b),
                  ta_bitext_format_name(ta_bitext_format_of(b)),
                  !*sl ? "source" : "target");
  if (st == TA_OK)
    st = ta_bitext_docs(b, sl, tl,
                        TA_BITEXT_KEEP_FUZZY | TA_BITEXT_KEEP_UNTRANSLATED,
                        &src, &tgt, err);
  if (st == TA_OK) st = unit_beads(b, src, tgt, &al, &bs, err);
  /* the lexicon still helps the checker (untranslated, partial) */
  if (st == TA_OK) st = prepare_lexicon(o, path, src, tgt, &ao, &learned, err);
  co.lexicon = ao.lexicon;
  if (st == TA_OK) st = ta_check(src, tgt, al, &co, &rep, err);
  report_job job = {o->format, src, tgt, al, rep};
  if (st == TA_OK) st = ta_outfile_write(out_path, write_report, &job, err);
  if (st == TA_OK && summary) *summary = *ta_check_report_summary(rep);
  if (st == TA_OK && stats) *stats = bs;
  ta_lexicon_free(learned);
  ta_check_report_free(rep);
  ta_alignment_free(al);
  ta_doc_free(src);
  ta_doc_free(tgt);
  ta_bitext_free(b);
  return st;
}

/* ---- batches --------------------------------------------------------------
 */

static const char *format_ext(ta_check_format f) {
  return f == TA_CHECK_FORMAT_JSON   ? "json"
         : f == TA_CHECK_FORMAT_HTML ? "html"
                                     : "txt";
}

/* "dir/rel"; rel itself when absolute or dir is "". */
static char *join_path(const char *dir, const char *rel) {
  if (rel[0] == '/' || !dir[0]) return ta__strdup(rel);
  size_t n = strlen(dir) + strlen(rel) + 2;
  char *p = ta__malloc(n);
  if (p) snprintf(p, n, "%s/%s", dir, rel);
  return p;
}

/* "0007-dir_a_b_story.fr.txt.check.html" for pair 7 of 120 named
 * "dir/a b/story.fr.txt": '/', '\' and ' ' become '_', leading '.' and
 * '_' go, at most NAME_KEEP bytes are kept (cut before a UTF-8
 * continuation byte, never inside a character). */
static char *report_name(size_t number, int width, const char *src_name,
                         ta_check_format f) {
  char *out = ta__malloc((size_t)width + NAME_KEEP + 32);
  if (!out) return NULL;
  size_t o = (size_t)snprintf(out, (size_t)width + 2, "%0*zu-", width, number);
  size_t start = o;
  for (const char *p = src_name; *p; p++) {
    char ch = *p;
    if (ch == '/' || ch == ' ' || ch == '\\') ch = '_';
    if (o == start && (ch == '.' || ch == '_')) continue;
    if (o - start >= NAME_KEEP && ((unsigned char)ch & 0xC0) != 0x80) break;
    out[o++] = ch;
  }
  snprintf(out + o, 32, ".check.%s", format_ext(f));
  return out;
}

typedef struct batch {
  const ta_check_run_opts *o;
  const ta_batch_pair *pairs;
  size_t n;
  const char *outdir;
  char **names;  /* report names, relative to outdir */
  char **paths;  /* the same joined to outdir */
  char **errors; /* messages of failed pairs */
  ta_check_index_entry *ent;
} batch;

static void batch_free(batch *b) {
  for (size_t i = 0; i < b->n; i++) {
    if (b->names) free(b->names[i]);
    if (b->paths) free(b->paths[i]);
    if (b->errors) free(b->errors[i]);
  }
  free(b->names);
  free(b->paths);
  free(b->errors);
  free(b->ent);
}

/* outdir exists as a directory, made if missing. */
static ta_status make_dir(const char *dir, struct stat *sb, ta_error *err) {
  if (stat(dir, sb) != 0) {
    if (errno != ENOENT || mkdir(dir, 0777) != 0 || stat(dir, sb) != 0)
      return ta__fail(err, TA_EIO, "%s: cannot make the report directory: %s",
                      dir, strerror(errno));
  }
  if (!S_ISDIR(sb->st_mode))
    return ta__fail(err, TA_EINVAL,
                    "%s: is not a directory: a batch check writes one report "
                    "per pair and an index into a directory",
                    dir);
  return TA_OK;
}

/* Whether path's directory is the directory dir_sb describes. */
static bool lives_in(const char *path, const struct stat *dir_sb) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? ta__malloc((size_t)(slash - path) + 2) : NULL;
  if (slash && !dir) return true; /* out of memory: be careful */
  if (dir) {
    memcpy(dir, path, (size_t)(slash - path) + 1);
    dir[slash - path + (slash == path)] = '\0';
  }
  struct stat sb;
  bool in = stat(dir ? dir : ".", &sb) == 0 && sb.st_dev == dir_sb->st_dev &&
            sb.st_ino == dir_sb->st_ino;
  free(dir);
  return in;
}

/* Every report and the index against the inputs: each report against its
 * pair and o->inputs, the index against all; and every report against
 * the inputs that live in outdir (usually none), the only ones another
 * pair's report could replace. */
static ta_status guard_batch(const batch *b, const char *index,
                             const struct stat *dir_sb, ta_error *err) {
  const ta_check_run_opts *o = b->o;
  ta_status st = TA_OK;
  for (size_t i = 0; i < b->n && st == TA_OK; i++)
    st = guard(o, b->paths[i], b->pairs[i].src, b->pairs[i].tgt, err);
  if (st == TA_OK && o->ninputs)
    st = ta_outfile_check(index, o->inputs, o->ninputs, err);
  for (size_t i = 0; i < 2 * b->n && st == TA_OK; i++) {
    const char *in = i % 2 ? b->pairs[i / 2].tgt : b->pairs[i / 2].src;
    st = ta_outfile_check(index, &in, 1, err);
    if (st != TA_OK || !lives_in(in, dir_sb)) continue;
    for (size_t k = 0; k < b->n && st == TA_OK; k++)
      st = ta_outfile_check(b->paths[k], &in, 1, err);
  }
  return st;
}

/* The names and paths of the reports, the entries of the index. */
static ta_status plan(batch *b, ta_error *err) {
  size_t n = b->n ? b->n : 1;
  b->names = ta__calloc(n, sizeof *b->names);
  b->paths = ta__calloc(n, sizeof *b->paths);
  b->errors = ta__calloc(n, sizeof *b->errors);
  b->ent = ta__calloc(n, sizeof *b->ent);
  if (!b->names || !b->paths || !b->errors || !b->ent)
    return ta__fail(err, TA_ENOMEM, "check: out of memory");
  int width = 1;
  for (size_t k = b->n; k >= 10; k /= 10) width++;
  for (size_t i = 0; i < b->n; i++) {
    const ta_batch_pair *p = &b->pairs[i];
    if (!p->src || !p->tgt)
      return ta__fail(err, TA_EINVAL, "check: pair %zu has no path", i + 1);
    const char *sname = p->src_name ? p->src_name : p->src;
    b->names[i] = report_name(i + 1, width, sname, b->o->format);
    b->paths[i] = b->names[i] ? join_path(b->outdir, b->names[i]) : NULL;
    if (!b->paths[i]) return ta__fail(err, TA_ENOMEM, "check: out of memory");
    b->ent[i].src_path = sname;
    b->ent[i].tgt_path = p->tgt_name ? p->tgt_name : p->tgt;
    b->ent[i].report_path = b->names[i];
  }
  return TA_OK;
}

static void run_pairs(batch *b, ta_check_batch_stats *s) {
  for (size_t i = 0; i < b->n; i++) {
    ta_check_index_entry *e = &b->ent[i];
    ta_error perr;
    ta_error_clear(&perr);
    e->status = check_pair(b->o, b->pairs[i].src, b->pairs[i].tgt, b->paths[i],
                           &e->summary, &perr);
    if (e->status != TA_OK) {
      b->errors[i] =
          ta__strdup(perr.message[0] ? perr.message : ta_strerror(e->status));
      e->error = b->errors[i] ? b->errors[i] : ta_strerror(e->status);
      s->failed++;
    } else {
      s->checked++;
      if (!e->summary.complete) s->incomplete++;
    }
    if (b->o->on_pair) b->o->on_pair(b->o->user, i, &b->pairs[i], e);
  }
}

static ta_status write_index(FILE *fp, void *user, ta_error *err) {
  batch *b = user;
  return ta_check_index_write(fp, b->o->format, b->ent, b->n, err);
}

ta_status ta_check_batch(const ta_check_run_opts *o, const ta_batch_pair *pairs,
                         size_t n, const char *outdir,
                         ta_check_batch_stats *stats, ta_error *err) {
  ta_check_batch_stats s = {n, 0, 0, 0};
  if (stats) *stats = s;
  ta_status st = check_opts(o, err);
  if (st != TA_OK) return st;
  if (!outdir || !*outdir || (n && !pairs))
    return ta__fail(err, TA_EINVAL, "check: missing argument");
  batch b = {o, pairs, n, outdir, NULL, NULL, NULL, NULL};
  char name[32];
  snprintf(name, sizeof name, "index.%s", format_ext(o->format));
  char *index = join_path(outdir, name);
  struct stat dir_sb;
  st = index ? plan(&b, err) : ta__fail(err, TA_ENOMEM, "check: out of memory");
  if (st == TA_OK) st = make_dir(outdir, &dir_sb, err);
  if (st == TA_OK) st = guard_batch(&b, index, &dir_sb, err);
  if (st == TA_OK) {
    run_pairs(&b, &s);
    st = ta_outfile_write(index, write_index, &b, err);
  }
  if (stats) *stats = s;
  free(index);
  batch_free(&b);
  return st;
}
