/* Batch alignment: a pool of worker threads loads and aligns document
 * pairs, the calling thread writes them into one output in list order.
 *
 * Pairs travel through a ring of max_pending slots.  A worker takes the
 * next pair only while it is fewer than max_pending pairs ahead of the
 * writer, fills the pair's slot (documents, alignment, or the error, and
 * the loader's notes) and marks it done; the writer waits for the slot of
 * the next pair in list order, writes it, empties it and lets the workers
 * go on.  So the output does not depend on the number of threads or on
 * their timing, and at most max_pending pairs are in memory.
 *
 * All callbacks run on the writer (calling) thread, in list order: notes
 * are held in the slot until the pair is written.  Workers share nothing
 * but the slot indices, under one mutex; a ta_doc and a ta_alignment are
 * only touched by one thread at a time.
 *
 * Does not: split or align itself (doc.h, align.h), nor print. */
#define _POSIX_C_SOURCE 200809L
#include "tmxalign/batch.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "align/align.h" /* the bead array of a ta_alignment */
#include "base/base.h"
#include "tmxalign/outfile.h"

/* Notes kept per pair: a broken file must not fill the memory with them. */
#define NOTES_MAX 32
/* More threads than this is a mistake, not a machine. */
#define THREADS_MAX 256

void ta_batch_opts_init(ta_batch_opts *o) {
  memset(o, 0, sizeof *o);
  ta_split_opts_init(&o->split);
  ta_align_opts_init(&o->align);
  ta_tmx_align_opts_init(&o->tmx);
  o->format = TA_BATCH_FORMAT_TMX;
  o->threads = 1;
}

typedef struct slot {
  bool done;
  ta_status st;
  ta_error err;
  ta_doc *src, *tgt;
  ta_alignment *al;
  struct {
    char *text;
    bool align; /* from the aligner: for o->align.note.fn, else o->note.fn */
  } notes[NOTES_MAX];
  size_t nnotes, dropped;
} slot;

typedef struct pool {
  const ta_batch_opts *o;
  const ta_batch_pair *pairs;
  size_t n, window;
  slot *slots;
  pthread_mutex_t mu;
  pthread_cond_t room;  /* the writer emptied a slot, or stop */
  pthread_cond_t ready; /* a worker filled a slot */
  size_t next;          /* next pair a worker takes */
  size_t written;       /* pairs the writer is done with */
  bool stop;
} pool;

static void collect(slot *s, const char *message, bool align) {
  if (s->nnotes < NOTES_MAX && (s->notes[s->nnotes].text = ta__strdup(message)))
    s->notes[s->nnotes++].align = align;
  else
    s->dropped++;
}

static void collect_note(void *user, const char *message) {
  collect(user, message, false);
}

static void collect_align_note(void *user, const char *message) {
  collect(user, message, true);
}

static void slot_clear(slot *s) {
  ta_alignment_free(s->al);
  ta_doc_free(s->src);
  ta_doc_free(s->tgt);
  for (size_t i = 0; i < s->nnotes; i++) free(s->notes[i].text);
  memset(s, 0, sizeof *s);
}

/* Load and align pair i into s (worker thread, no lock held). */
static void run_pair(const pool *p, size_t i, slot *s) {
  const ta_batch_pair *pr = &p->pairs[i];
  ta_split_opts so = p->o->split;
  so.note.fn = collect_note;
  so.note.user = s;
  ta_error_clear(&s->err);
  so.lang = p->o->src_lang;
  s->st = ta_doc_load_file(pr->src, &so, &s->src, &s->err);
  if (s->st == TA_OK) {
    so.lang = p->o->tgt_lang;
    s->st = ta_doc_load_file(pr->tgt, &so, &s->tgt, &s->err);
  }
  ta_align_opts ao = p->o->align;
  if (ao.note.fn) {
    ao.note.fn = collect_align_note;
    ao.note.user = s;
  }
  if (s->st == TA_OK) s->st = ta_align(s->src, s->tgt, &ao, &s->al, &s->err);
  if (s->st != TA_OK) {
    /* The writer only needs the error: free the documents now. */
    ta_doc_free(s->src);
    ta_doc_free(s->tgt);
    s->src = s->tgt = NULL;
    if (!s->err.message[0]) ta__fail(&s->err, s->st, "%s", ta_strerror(s->st));
  }
}

static void *worker(void *arg) {
  pool *p = arg;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && p->next < p->n && p->next >= p->written + p->window)
      pthread_cond_wait(&p->room, &p->mu);
    if (p->stop || p->next >= p->n) break;
    size_t i = p->next++;
    slot *s = &p->slots[i % p->window];
    pthread_mutex_unlock(&p->mu);
    run_pair(p, i, s);
    pthread_mutex_lock(&p->mu);
    s->done = true;
    pthread_cond_signal(&p->ready);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* ---- output --------------------------------------------------------------
 * Opened when the first pair is ready, so that the TMX header names the
 * language exactly as the documents do, and so that a batch in which every
 * pair fails leaves an older file untouched. */

typedef struct output {
  const ta_batch_opts *o;
  const char *path;
  ta_tmx_writer *tmx;
  ta_outfile *of;
} output;

static ta_status output_open(output *out, const ta_doc *src, ta_error *err) {
  if (out->o->format != TA_BATCH_FORMAT_TMX)
    return ta_outfile_open(out->path, &out->of, err);
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  /* Segments hold text without markup whatever the input was, and one
   * header serves every pair: plaintext. */
  h.srclang = ta_doc_lang(src);
  ta_tmx_write_opts wo = out->o->tmx.write;
  wo.note.fn = out->o->note.fn;
  wo.note.user = out->o->note.user;
  return ta_tmx_writer_open(out->path, &h, &wo, &out->tmx, err);
}

/* JSONL rows of one pair, each object opened with the pair number and the
 * document, so that rows of a batch can be traced back. */
static ta_status write_jsonl(FILE *fp, size_t index, const ta_batch_pair *pr,
                             const slot *s, ta_error *err) {
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  if (!mem) return ta__fail(err, TA_ENOMEM, "batch: out of memory");
  ta_status st = ta_alignment_write(mem, TA_ALIGN_FORMAT_JSONL, s->src, s->tgt,
                                    s->al, err);
  if (fclose(mem) != 0 && st == TA_OK)
    st = ta__fail(err, TA_ENOMEM, "batch: out of memory");
  const char *name = pr->src_name ? pr->src_name : pr->src;
  for (char *p = buf, *nl; st == TA_OK && p < buf + len; p = nl + 1) {
    nl = memchr(p, '\n', (size_t)(buf + len - p));
    if (!nl || *p != '{') break; /* every row is "{...}\n" */
    fprintf(fp, "{\"pair\":%zu,\"document\":\"", index + 1);
    ta__json_chars(fp, name, strlen(name));
    fputs("\",", fp);
    fwrite(p + 1, 1, (size_t)(nl - p), fp);
  }
  free(buf);
  return st;
}

/* Write the pair in slot s; add its figures to stats. */
static ta_status output_pair(output *out, size_t index, const ta_batch_pair *pr,
                             const slot *s, ta_batch_stats *stats,
                             ta_error *err) {
  const ta_batch_opts *o = out->o;
  ta_status st = TA_OK;
  if (!out->tmx && !out->of) st = output_open(out, s->src, err);
  if (st != TA_OK) return st;
  size_t nb = ta_alignment_count(s->al);
  if (o->format == TA_BATCH_FORMAT_TMX) {
    const ta_bead *beads = s->al->beads;
    ta_tmx_align_opts to = o->tmx;
    to.document = pr->src_name ? pr->src_name : pr->src;
    ta_tmx_align_stats ts = {0, 0, 0};
    st = ta_tmx_writer_add_beads(out->tmx, s->src, s->tgt, beads, nb, &to, &ts,
                                 err);
    stats->units += ts.units;
    stats->unaligned += ts.unaligned;
    stats->below_score += ts.below_score;
    return st;
  }
  FILE *fp = ta_outfile_fp(out->of);
  if (o->format == TA_BATCH_FORMAT_JSONL)
    st = write_jsonl(fp, index, pr, s, err);
  else
    st =
        ta_alignment_write(fp, TA_ALIGN_FORMAT_TSV, s->src, s->tgt, s->al, err);
  if (st == TA_OK && ferror(fp))
    st = ta__fail(err, TA_EIO, "%s: write error", out->path);
  if (st == TA_OK) stats->units += nb;
  return st;
}

/* Commit (ok) or discard the output. */
static ta_status output_finish(output *out, bool ok, ta_error *err) {
  ta_status st = TA_OK;
  if (out->tmx) {
    if (ok) st = ta_tmx_writer_close(out->tmx, err);
    ta_tmx_writer_free(out->tmx);
  } else if (out->of) {
    if (ok)
      st = ta_outfile_commit(out->of, err);
    else
      ta_outfile_abort(out->of);
  }
  out->tmx = NULL;
  out->of = NULL;
  return st;
}

/* ---- the run ------------------------------------------------------------ */

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t thread_count(const ta_batch_opts *o, size_t n) {
  size_t t = o->threads;
  if (t == 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    t = cores > 0 ? (size_t)cores : 1;
  }
  if (t > THREADS_MAX) t = THREADS_MAX;
  return t < n ? t : n;
}

typedef struct run {
  pool p;
  output out;
  ta_batch_stats stats;
  double start;
  ta_status first_fail; /* status of the first failed pair */
  ta_error first_err;   /* its message, naming the pair */
} run;

/* "pair 12 (a.fr.txt, a.en.txt): <message>" into err. */
static ta_status fail_pair(const ta_batch_pair *pr, size_t i, ta_status st,
                           const ta_error *pe, ta_error *err) {
  return ta__fail(err, st, "pair %zu (%s, %s): %s", i + 1,
                  pr->src_name ? pr->src_name : pr->src,
                  pr->tgt_name ? pr->tgt_name : pr->tgt, pe->message);
}

/* Hand the notes and the error of slot s to the callbacks. */
static void report_pair(run *r, size_t i, const slot *s) {
  const ta_batch_opts *o = r->p.o;
  for (size_t k = 0; k < s->nnotes; k++) {
    if (s->notes[k].align)
      o->align.note.fn(o->align.note.user, s->notes[k].text);
    else if (o->note.fn)
      o->note.fn(o->note.user, s->notes[k].text);
  }
  if (o->note.fn && s->dropped) {
    char msg[128];
    snprintf(msg, sizeof msg, "pair %zu: %zu more notes not shown", i + 1,
             s->dropped);
    o->note.fn(o->note.user, msg);
  }
  if (s->st == TA_OK) return;
  if (!r->stats.pairs_failed++)
    r->first_fail = fail_pair(&r->p.pairs[i], i, s->st, &s->err, &r->first_err);
  if (o->on_error) o->on_error(o->user, i, &r->p.pairs[i], &s->err);
}

/* The writer: every pair in list order.  Returns the fatal status, if any
 * (strict failure, output error). */
static ta_status write_all(run *r, ta_error *err) {
  pool *p = &r->p;
  const ta_batch_opts *o = p->o;
  ta_status st = TA_OK;
  for (size_t i = 0; st == TA_OK && i < p->n; i++) {
    slot *s = &p->slots[i % p->window];
    pthread_mutex_lock(&p->mu);
    while (!s->done) pthread_cond_wait(&p->ready, &p->mu);
    pthread_mutex_unlock(&p->mu);
    report_pair(r, i, s);
    if (s->st != TA_OK && o->strict) {
      st = fail_pair(&p->pairs[i], i, s->st, &s->err, err);
    } else if (s->st == TA_OK) {
      st = output_pair(&r->out, i, &p->pairs[i], s, &r->stats, err);
      if (st == TA_OK) {
        r->stats.pairs_ok++;
        r->stats.src_sentences += ta_doc_count(s->src);
        r->stats.tgt_sentences += ta_doc_count(s->tgt);
      }
    }
    r->stats.pairs_done++;
    r->stats.seconds = now_seconds() - r->start;
    slot_clear(s); /* no worker touches it before written moves on */
    pthread_mutex_lock(&p->mu);
    p->written++;
    pthread_cond_broadcast(&p->room);
    pthread_mutex_unlock(&p->mu);
    if (st == TA_OK && o->progress) o->progress(o->user, &r->stats);
  }
  return st;
}

static ta_status check_opts(const ta_batch_opts *o, const ta_batch_pair *pairs,
                            size_t n, const char *out_path, ta_error *err) {
  if (!o || !out_path || (n && !pairs))
    return ta__fail(err, TA_EINVAL, "batch: missing argument");
  if (!o->src_lang || !o->tgt_lang || !*o->src_lang || !*o->tgt_lang)
    return ta__fail(err, TA_EINVAL, "batch: both languages are required");
  if (o->format != TA_BATCH_FORMAT_TMX && o->format != TA_BATCH_FORMAT_TSV &&
      o->format != TA_BATCH_FORMAT_JSONL)
    return ta__fail(err, TA_EINVAL, "batch: unknown format %d", (int)o->format);
  if (!n) return ta__fail(err, TA_EINVAL, "batch: no document pairs");
  for (size_t i = 0; i < n; i++) {
    if (!pairs[i].src || !pairs[i].tgt)
      return ta__fail(err, TA_EINVAL, "batch: pair %zu has no path", i + 1);
    /* the output replaces no document of the batch */
    const char *files[] = {pairs[i].src, pairs[i].tgt};
    ta_status st = ta_outfile_check(out_path, files, 2, err);
    if (st != TA_OK) return st;
  }
  return TA_OK;
}

/* Start the workers, write, stop and join them; free what is left. */
static ta_status run_pool(run *r, size_t nthreads, ta_error *err) {
  pool *p = &r->p;
  pthread_t *tids = ta__calloc(nthreads, sizeof *tids);
  p->slots = ta__calloc(p->window, sizeof *p->slots);
  if (!tids || !p->slots) {
    free(tids);
    free(p->slots);
    return ta__fail(err, TA_ENOMEM, "batch: out of memory");
  }
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->room, NULL);
  pthread_cond_init(&p->ready, NULL);
  size_t started = 0;
  while (started < nthreads &&
         pthread_create(&tids[started], NULL, worker, p) == 0)
    started++;
  ta_status st =
      started ? write_all(r, err)
              : ta__fail(err, TA_ENOMEM, "batch: cannot start a worker thread");
  pthread_mutex_lock(&p->mu);
  p->stop = true;
  pthread_cond_broadcast(&p->room);
  pthread_mutex_unlock(&p->mu);
  for (size_t k = 0; k < started; k++) pthread_join(tids[k], NULL);
  /* Pairs aligned ahead of a fatal error were never written. */
  for (size_t k = 0; k < p->window; k++) slot_clear(&p->slots[k]);
  pthread_cond_destroy(&p->ready);
  pthread_cond_destroy(&p->room);
  pthread_mutex_destroy(&p->mu);
  free(p->slots);
  free(tids);
  return st;
}

ta_status ta_batch_align(const ta_batch_opts *o, const ta_batch_pair *pairs,
                         size_t n, const char *out_path, ta_batch_stats *stats,
                         ta_error *err) {
  if (stats) memset(stats, 0, sizeof *stats);
  ta_status st = check_opts(o, pairs, n, out_path, err);
  if (st != TA_OK) return st;
  run *r = ta__calloc(1, sizeof *r);
  if (!r) return ta__fail(err, TA_ENOMEM, "batch: out of memory");
  size_t nthreads = thread_count(o, n);
  size_t window = o->max_pending ? o->max_pending : 2 * nthreads;
  if (window < nthreads) window = nthreads;
  if (window > n) window = n;
  r->p = (pool){.o = o, .pairs = pairs, .n = n, .window = window};
  r->out = (output){.o = o, .path = out_path};
  r->stats.pairs = n;
  r->start = now_seconds();
  /* libxml2 (HTML input, TMX output) must be initialised before threads
   * use it: its first initialisation is not thread-safe in 2.9. */
  xmlInitParser();
  st = run_pool(r, nthreads, err);
  bool written = st == TA_OK && r->stats.pairs_ok > 0;
  ta_status fst = output_finish(&r->out, written, err);
  if (st == TA_OK && fst != TA_OK) st = fst;
  if (st == TA_OK && !r->stats.pairs_ok)
    st = ta__fail(err, r->first_fail, "all %zu pairs failed; the first: %s", n,
                  r->first_err.message);
  r->stats.seconds = now_seconds() - r->start;
  if (stats) *stats = r->stats;
  free(r);
  return st;
}
