/* Streaming jobs (pipe.h): a JSON line in, a JSON line out.
 *
 * The JSON reader is a small one of its own, for one flat object a line:
 * the members of docs/pipe.md, strings, numbers, true/false; any other
 * member is refused (a typo must not be silently ignored).
 *
 * Each job's result is formatted into memory (open_memstream) and written
 * whole by the calling thread, so with threads the results of a group of
 * lines are written in input order.
 *
 * Does not: split, align or check itself (doc.h, align.h, check.h). */
#define _POSIX_C_SOURCE 200809L
#include "tmxalign/pipe.h"

#include <errno.h>
#include <libxml/parser.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "base/json_read.h"
#include "tmxalign/lexicon.h"

#define MAX_LINE_DEFAULT ((size_t)256 << 20)
#define THREADS_MAX 256

void ta_pipe_opts_init(ta_pipe_opts *o) {
  memset(o, 0, sizeof *o);
  ta_split_opts_init(&o->split);
  ta_align_opts_init(&o->align);
  ta_check_opts_init(&o->check_opts);
  o->max_line = MAX_LINE_DEFAULT;
  o->threads = 1;
}

/* ---- a job ----------------------------------------------------------------
 */

enum { SRC, TGT };

typedef struct job {
  const char *id; /* the raw JSON of "id" in the line, or NULL */
  size_t id_len;
  ta__buf text[2], path[2], lang[2];
  bool has_text[2], has_path[2], has_lang[2];
  bool presplit, no_lexicon;
  int max_bead;
  double min_score;
  char why[300];
} job;

static void job_init(job *jb, const ta_pipe_opts *o) {
  memset(jb, 0, sizeof *jb);
  for (int k = 0; k < 2; k++) {
    ta__buf_init(&jb->text[k], o->max_line);
    ta__buf_init(&jb->path[k], o->max_line);
    ta__buf_init(&jb->lang[k], 256);
  }
  jb->presplit = o->split.input == TA_INPUT_PRESPLIT;
  jb->no_lexicon = false;
  jb->max_bead = o->align.max_bead;
  jb->min_score = o->min_score;
}

static void job_free(job *jb) {
  for (int k = 0; k < 2; k++) {
    ta__buf_free(&jb->text[k]);
    ta__buf_free(&jb->path[k]);
    ta__buf_free(&jb->lang[k]);
  }
}

static bool member(ta__json_in *j, const char *key, void *user) {
  job *jb = user;
  static const char *const names[][3] = {{"src", "src_path", "src_lang"},
                                         {"tgt", "tgt_path", "tgt_lang"}};
  for (int k = 0; k < 2; k++) {
    if (!strcmp(key, names[k][0]))
      return jb->has_text[k] = true, ta__json_in_string(j, &jb->text[k]);
    if (!strcmp(key, names[k][1]))
      return jb->has_path[k] = true, ta__json_in_string(j, &jb->path[k]);
    if (!strcmp(key, names[k][2]))
      return jb->has_lang[k] = true, ta__json_in_string(j, &jb->lang[k]);
  }
  if (!strcmp(key, "id")) {
    ta__json_in_ws(j);
    const char *start = j->p;
    double v;
    ta__buf tmp;
    ta__buf_init(&tmp, j->max);
    bool ok = j->p < j->end && *j->p == '"' ? ta__json_in_string(j, &tmp)
                                            : ta__json_in_number(j, &v);
    ta__buf_free(&tmp);
    if (!ok) {
      j->why[0] = '\0';
      return ta__json_in_fail(j, "\"id\" must be a string or a number");
    }
    jb->id = start;
    jb->id_len = (size_t)(j->p - start);
    return true;
  }
  if (!strcmp(key, "presplit")) return ta__json_in_bool(j, &jb->presplit);
  if (!strcmp(key, "no_lexicon")) return ta__json_in_bool(j, &jb->no_lexicon);
  double v;
  if (!strcmp(key, "max_bead")) {
    if (!ta__json_in_number(j, &v)) return false;
    if (v != floor(v) || v < 2 || v > 9)
      return snprintf(jb->why, sizeof jb->why,
                      "\"max_bead\" wants a whole number in 2..9, not %g", v),
             false;
    jb->max_bead = (int)v;
    return true;
  }
  if (!strcmp(key, "min_score")) {
    if (!ta__json_in_number(j, &v)) return false;
    if (!(v >= 0 && v <= 1))
      return snprintf(jb->why, sizeof jb->why,
                      "\"min_score\" wants a number in 0..1, not %g", v),
             false;
    jb->min_score = v;
    return true;
  }
  snprintf(jb->why, sizeof jb->why,
           "unknown member \"%.60s\" (see docs/pipe.md)", key);
  return false;
}

/* Parse line into jb; false with jb->why set. */
static bool parse(const char *line, size_t len, job *jb, size_t max) {
  ta__json_in j;
  ta__json_in_init(&j, line, len, max);
  bool ok = ta__json_in_object(&j, member, jb);
  if (ok) {
    ta__json_in_ws(&j);
    if (j.p != j.end) ok = ta__json_in_fail(&j, "text after the object");
  }
  if (!ok && !jb->why[0])
    snprintf(jb->why, sizeof jb->why, "bad JSON at byte %zu: %s", j.at, j.why);
  return ok;
}

/* Everything a job needs before running: texts or paths, languages. */
static bool complete(job *jb, const ta_pipe_opts *o) {
  static const char *const side[2] = {"src", "tgt"};
  const char *def[2] = {o->src_lang, o->tgt_lang};
  for (int k = 0; k < 2; k++) {
    if (jb->has_text[k] && jb->has_path[k])
      return snprintf(jb->why, sizeof jb->why,
                      "both \"%s\" and \"%s_path\": give one", side[k],
                      side[k]),
             false;
    if (!jb->has_text[k] && !jb->has_path[k])
      return snprintf(jb->why, sizeof jb->why,
                      "missing \"%s\" (the text) or \"%s_path\"", side[k],
                      side[k]),
             false;
    if (jb->has_path[k] && o->no_paths)
      return snprintf(jb->why, sizeof jb->why,
                      "\"%s_path\" is refused here (texts inline only)",
                      side[k]),
             false;
    if (jb->has_path[k] && !jb->path[k].len)
      return snprintf(jb->why, sizeof jb->why, "\"%s_path\" is empty", side[k]),
             false;
    if (!jb->has_lang[k] && def[k] && *def[k]) {
      jb->has_lang[k] = true;
      if (ta__buf_add(&jb->lang[k], def[k], strlen(def[k])) != TA_OK)
        return snprintf(jb->why, sizeof jb->why, "out of memory"), false;
    }
    if (!jb->has_lang[k] || !jb->lang[k].len)
      return snprintf(jb->why, sizeof jb->why,
                      "missing \"%s_lang\" (and no default language given)",
                      side[k]),
             false;
  }
  return true;
}

static void write_id(FILE *fp, const job *jb) {
  fputs("{\"id\":", fp);
  if (jb->id)
    fwrite(jb->id, 1, jb->id_len, fp);
  else
    fputs("null", fp);
}

static void write_error(FILE *fp, const job *jb, const char *msg) {
  write_id(fp, jb);
  fputs(",\"error\":", fp);
  ta__json_string(fp, msg, strlen(msg));
  fputs("}\n", fp);
}

/* The beads as align -f jsonl writes them, in one array; those below
 * min_score left out and counted. */
static ta_status write_beads(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                             const ta_alignment *al, double min_score,
                             size_t *below, ta_error *err) {
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  *below = 0;
  if (!mem) return ta__fail(err, TA_ENOMEM, "out of memory");
  ta_status st =
      ta_alignment_write(mem, TA_ALIGN_FORMAT_JSONL, src, tgt, al, err);
  if (fclose(mem) != 0 && st == TA_OK)
    st = ta__fail(err, TA_ENOMEM, "out of memory");
  fputc('[', fp);
  size_t k = 0, kept = 0;
  for (char *p = buf, *e = buf + len; st == TA_OK && p < e; k++) {
    char *nl = memchr(p, '\n', (size_t)(e - p));
    size_t n = (size_t)((nl ? nl : e) - p);
    const ta_bead *b = ta_alignment_bead(al, k);
    if (b && b->score < min_score) {
      ++*below;
    } else {
      if (kept++) fputc(',', fp);
      fwrite(p, 1, n, fp);
    }
    p += n + 1;
  }
  free(buf);
  fputc(']', fp);
  return st;
}

/* The check report as one line: its JSON has newlines only between
 * members (strings escape theirs). */
static ta_status write_check(FILE *fp, const ta_doc *src, const ta_doc *tgt,
                             const ta_alignment *al, const ta_pipe_opts *o,
                             const ta_lexicon *lexicon, ta_error *err) {
  ta_check_report *r = NULL;
  ta_check_opts co = o->check_opts;
  co.lexicon = lexicon;
  ta_status st = ta_check(src, tgt, al, &co, &r, err);
  if (st != TA_OK) return st;
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  if (!mem) {
    ta_check_report_free(r);
    return ta__fail(err, TA_ENOMEM, "out of memory");
  }
  st = ta_check_report_write(mem, TA_CHECK_FORMAT_JSON, src, tgt, al, r, err);
  if (fclose(mem) != 0 && st == TA_OK)
    st = ta__fail(err, TA_ENOMEM, "out of memory");
  ta_check_report_free(r);
  if (st == TA_OK) {
    fputs(",\"check\":", fp);
    for (size_t i = 0; i < len; i++)
      if (buf[i] != '\n') fputc(buf[i], fp);
  }
  free(buf);
  return st;
}

static ta_status load(job *jb, int k, const ta_pipe_opts *o, ta_doc **out,
                      ta_error *err) {
  ta_split_opts so = o->split;
  so.note.fn = NULL;
  so.lang = jb->lang[k].p;
  so.input = jb->presplit ? TA_INPUT_PRESPLIT : TA_INPUT_TEXT;
  if (jb->has_path[k]) {
    if (!jb->presplit)
      so.input =
          o->split.input == TA_INPUT_PRESPLIT ? TA_INPUT_AUTO : o->split.input;
    return ta_doc_load_file(jb->path[k].p, &so, out, err);
  }
  const char *name = k == SRC ? "src" : "tgt";
  return ta_doc_load_mem(name, jb->text[k].p ? jb->text[k].p : "",
                         jb->text[k].len, &so, out, err);
}

/* Run the job of line into fp (a memory stream).  TA_OK when a result or
 * a job error was written; TA_ENOMEM. */
static void run_job(const char *line, size_t len, FILE *fp,
                    const ta_pipe_opts *o, bool *ok) {
  job jb;
  job_init(&jb, o);
  ta_error err;
  ta_error_clear(&err);
  ta_doc *doc[2] = {NULL, NULL};
  ta_alignment *al = NULL;
  ta_lexicon *learned = NULL;
  *ok = false;
  if (!parse(line, len, &jb, o->max_line) || !complete(&jb, o)) {
    write_error(fp, &jb, jb.why);
    goto done;
  }
  ta_status st = TA_OK;
  for (int k = 0; k < 2 && st == TA_OK; k++)
    st = load(&jb, k, o, &doc[k], &err);
  ta_align_opts ao = o->align;
  ao.note.fn = NULL;
  ao.max_bead = jb.max_bead;
  if (o->check) ao.posteriors = true; /* the probabilities of omissions */
  if (jb.no_lexicon) {
    ao.lexicon = NULL;
    ao.self_train = false;
  }
  /* As ta_check_files: the table learned from the pair serves both the
   * aligner and the checker. */
  if (st == TA_OK && o->check && ao.self_train) {
    st = ta_lexicon_learn(doc[SRC], doc[TGT], &ao, &learned, NULL, &err);
    if (st == TA_OK && ao.lexicon)
      st = ta_lexicon_merge(learned, ao.lexicon, &err);
    if (st == TA_OK) {
      ao.lexicon = learned;
      ao.self_train = false;
    }
  }
  if (st == TA_OK) st = ta_align(doc[SRC], doc[TGT], &ao, &al, &err);
  if (st == TA_OK) {
    write_id(fp, &jb);
    fprintf(fp, ",\"src_sentences\":%zu,\"tgt_sentences\":%zu",
            ta_doc_count(doc[SRC]), ta_doc_count(doc[TGT]));
    if (o->check) {
      st = write_check(fp, doc[SRC], doc[TGT], al, o, ao.lexicon, &err);
    } else {
      size_t below = 0;
      const ta_align_summary *s = ta_alignment_summary(al);
      fputs(",\"beads\":", fp);
      st = write_beads(fp, doc[SRC], doc[TGT], al, jb.min_score, &below, &err);
      fprintf(fp,
              ",\"below_score\":%zu,\"summary\":{\"beads\":%zu,"
              "\"mean_score\":%.4f,\"length_ratio\":%.4f}",
              below, s->beads, s->mean_score, s->length_ratio);
    }
    if (st == TA_OK) {
      fputs("}\n", fp);
      *ok = true;
    }
  }
  if (st != TA_OK) {
    /* a half-written result is replaced by the error */
    rewind(fp);
    write_error(fp, &jb, err.message[0] ? err.message : ta_strerror(st));
  }
done:
  ta_lexicon_free(learned);
  ta_alignment_free(al);
  ta_doc_free(doc[SRC]);
  ta_doc_free(doc[TGT]);
  job_free(&jb);
}

/* A job's result in memory: out[0..len). */
typedef struct result {
  char *out;
  size_t len;
  bool ok;
} result;

static ta_status run_into(const char *line, size_t len, const ta_pipe_opts *o,
                          result *r) {
  r->out = NULL;
  r->len = 0;
  FILE *mem = open_memstream(&r->out, &r->len);
  if (!mem) return TA_ENOMEM;
  run_job(line, len, mem, o, &r->ok);
  /* rewind() may have left the stream shorter than its buffer: the
   * result ends at its last newline. */
  if (fflush(mem) != 0) {
    fclose(mem);
    free(r->out);
    r->out = NULL;
    return TA_ENOMEM;
  }
  long pos = ftell(mem);
  if (fclose(mem) != 0) {
    free(r->out);
    r->out = NULL;
    return TA_ENOMEM;
  }
  if (pos >= 0 && (size_t)pos < r->len) r->len = (size_t)pos;
  return TA_OK;
}

ta_status ta_pipe_job(const char *line, size_t len, FILE *out,
                      const ta_pipe_opts *o, ta_error *err) {
  if (!out || !o || (len && !line))
    return ta__fail(err, TA_EINVAL, "pipe: missing argument");
  result r;
  if (run_into(line ? line : "", len, o, &r) != TA_OK)
    return ta__fail(err, TA_ENOMEM, "pipe: out of memory");
  size_t n = fwrite(r.out, 1, r.len, out);
  free(r.out);
  if (n != r.len || fflush(out) != 0)
    return ta__fail(err, TA_EIO, "pipe: write error: %s", strerror(errno));
  return TA_OK;
}

/* ---- the stream ------------------------------------------------------------
 */

/* One input line, read whole or found too long (its bytes skipped). */
typedef struct slot {
  ta__buf line;
  bool too_long, blank;
  result r;
  const ta_pipe_opts *o;
  size_t max_line;
} slot;

/* Read one line into s; false at the end of in (nothing read). */
static bool read_line(FILE *in, slot *s) {
  ta__buf_reset(&s->line);
  s->too_long = false;
  bool any = false;
  int c;
  char chunk[4096];
  size_t n = 0;
  while ((c = getc(in)) != EOF) {
    any = true;
    if (c == '\n') break;
    if (s->too_long) continue;
    chunk[n++] = (char)c;
    if (n == sizeof chunk) {
      if (ta__buf_add(&s->line, chunk, n) != TA_OK) s->too_long = true;
      n = 0;
    }
  }
  if (n && !s->too_long && ta__buf_add(&s->line, chunk, n) != TA_OK)
    s->too_long = true;
  if (s->too_long) ta__buf_reset(&s->line);
  s->blank = !s->too_long;
  for (size_t i = 0; s->blank && i < s->line.len; i++)
    if (!strchr(" \t\r", s->line.p[i])) s->blank = false;
  return any;
}

static ta_status run_slot(slot *s) {
  if (s->too_long) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "{\"id\":null,\"error\":\"line longer than %zu bytes (the "
             "limit, max_line / --max-line)\"}\n",
             s->max_line);
    s->r.out = ta__strdup(msg);
    s->r.len = s->r.out ? strlen(msg) : 0;
    s->r.ok = false;
    return s->r.out ? TA_OK : TA_ENOMEM;
  }
  return run_into(s->line.p ? s->line.p : "", s->line.len, s->o, &s->r);
}

typedef struct group {
  slot *slots;
  size_t n;
  size_t next;
  ta_status st;
  pthread_mutex_t mu;
} group;

static void *worker(void *arg) {
  group *g = arg;
  for (;;) {
    pthread_mutex_lock(&g->mu);
    size_t i = g->next++;
    pthread_mutex_unlock(&g->mu);
    if (i >= g->n) return NULL;
    slot *s = &g->slots[i];
    if (!s->blank && run_slot(s) != TA_OK) {
      pthread_mutex_lock(&g->mu);
      g->st = TA_ENOMEM;
      pthread_mutex_unlock(&g->mu);
    }
  }
}

/* Run the n slots of g on up to threads threads (the calling one when
 * 1). */
static ta_status run_group(group *g, size_t threads) {
  g->next = 0;
  g->st = TA_OK;
  if (threads <= 1 || g->n <= 1) {
    worker(g);
    return g->st;
  }
  pthread_t tids[THREADS_MAX];
  size_t started = 0;
  while (started < threads && started < g->n &&
         pthread_create(&tids[started], NULL, worker, g) == 0)
    started++;
  if (!started) worker(g); /* no thread: run them here */
  for (size_t k = 0; k < started; k++) pthread_join(tids[k], NULL);
  return g->st;
}

ta_status ta_pipe_run(FILE *in, FILE *out, const ta_pipe_opts *o,
                      ta_pipe_stats *st, ta_error *err) {
  ta_pipe_stats stats = {0};
  if (st) *st = stats;
  if (!in || !out || !o)
    return ta__fail(err, TA_EINVAL, "pipe: missing argument");
  if (!o->max_line) return ta__fail(err, TA_EINVAL, "pipe: max_line is 0");
  size_t threads = o->threads;
  if (!threads) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    threads = n > 0 ? (size_t)n : 1;
  }
  if (threads > THREADS_MAX)
    return ta__fail(err, TA_EINVAL, "pipe: more than %d threads", THREADS_MAX);
  slot *slots = ta__calloc(threads, sizeof *slots);
  if (!slots) return ta__fail(err, TA_ENOMEM, "pipe: out of memory");
  for (size_t k = 0; k < threads; k++) {
    ta__buf_init(&slots[k].line, o->max_line);
    slots[k].o = o;
    slots[k].max_line = o->max_line;
  }
  xmlInitParser(); /* before threads read HTML */
  ta_status rc = TA_OK;
  bool eof = false;
  while (rc == TA_OK && !eof) {
    group g = {slots, 0, 0, TA_OK, PTHREAD_MUTEX_INITIALIZER};
    while (g.n < threads && !(eof = !read_line(in, &slots[g.n]))) {
      stats.lines++;
      g.n++;
    }
    if (ferror(in)) {
      rc = ta__fail(err, TA_EIO, "pipe: read error on the input: %s",
                    strerror(errno));
      g.n = 0;
    }
    if (g.n && run_group(&g, threads) != TA_OK)
      rc = ta__fail(err, TA_ENOMEM, "pipe: out of memory");
    for (size_t k = 0; k < g.n; k++) {
      slot *s = &slots[k];
      if (rc == TA_OK && !s->blank) {
        if (fwrite(s->r.out, 1, s->r.len, out) != s->r.len)
          rc = ta__fail(err, TA_EIO, "pipe: write error: %s", strerror(errno));
        stats.jobs++;
        if (s->r.ok)
          stats.jobs_ok++;
        else
          stats.jobs_failed++;
      }
      free(s->r.out);
      s->r.out = NULL;
    }
    if (rc == TA_OK && g.n && fflush(out) != 0)
      rc = ta__fail(err, TA_EIO, "pipe: write error: %s", strerror(errno));
    pthread_mutex_destroy(&g.mu);
  }
  for (size_t k = 0; k < threads; k++) ta__buf_free(&slots[k].line);
  free(slots);
  if (st) *st = stats;
  return rc;
}
