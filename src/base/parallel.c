/* A pool of worker threads for one job at a time (parallel.h).  Tasks are
 * handed out one by one under a mutex: they are coarse (thousands of
 * sentences or rows each), so the lock is not where time goes. */
#include "base/parallel.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#define THREADS_MAX 64

struct ta__pool {
  pthread_mutex_t mu;
  pthread_cond_t work; /* tasks were posted, or stop */
  pthread_cond_t done; /* the last task of a batch finished */
  ta__task_fn fn;
  void *arg;
  size_t n, next, finished;
  bool stop;
  unsigned workers; /* started */
  pthread_t tid[THREADS_MAX];
};

unsigned ta__threads_resolve(unsigned threads) {
  if (threads == 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    threads = cores > 0 ? (unsigned)cores : 1;
  }
  return threads > THREADS_MAX ? THREADS_MAX : threads;
}

/* Runs tasks until none is left; called and returns with p->mu held. */
static void run_tasks(ta__pool *p) {
  while (p->next < p->n) {
    size_t k = p->next++;
    ta__task_fn fn = p->fn;
    void *arg = p->arg;
    pthread_mutex_unlock(&p->mu);
    fn(arg, k);
    pthread_mutex_lock(&p->mu);
    if (++p->finished == p->n) pthread_cond_broadcast(&p->done);
  }
}

static void *worker(void *arg) {
  ta__pool *p = arg;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && p->next >= p->n) pthread_cond_wait(&p->work, &p->mu);
    if (p->stop) break;
    run_tasks(p);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

ta_status ta__pool_new(unsigned threads, ta__pool **out) {
  ta__pool *p = ta__calloc(1, sizeof *p);
  if (!p) return TA_ENOMEM;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work, NULL);
  pthread_cond_init(&p->done, NULL);
  threads = ta__threads_resolve(threads);
  for (unsigned t = 1; t < threads; t++) {
    if (pthread_create(&p->tid[p->workers], NULL, worker, p)) break;
    p->workers++;
  }
  *out = p;
  return TA_OK;
}

void ta__pool_free(ta__pool *p) {
  if (!p) return;
  pthread_mutex_lock(&p->mu);
  p->stop = true;
  pthread_cond_broadcast(&p->work);
  pthread_mutex_unlock(&p->mu);
  for (unsigned t = 0; t < p->workers; t++) pthread_join(p->tid[t], NULL);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->work);
  pthread_cond_destroy(&p->done);
  free(p);
}

unsigned ta__pool_threads(const ta__pool *p) { return p ? p->workers + 1 : 1; }

void ta__pool_post(ta__pool *p, size_t n, ta__task_fn fn, void *arg) {
  pthread_mutex_lock(&p->mu);
  p->fn = fn;
  p->arg = arg;
  p->n = n;
  p->next = 0;
  p->finished = 0;
  pthread_cond_broadcast(&p->work);
  pthread_mutex_unlock(&p->mu);
}

void ta__pool_wait(ta__pool *p) {
  pthread_mutex_lock(&p->mu);
  run_tasks(p);
  while (p->finished < p->n) pthread_cond_wait(&p->done, &p->mu);
  /* nothing pending: workers sleep until the next post */
  p->n = 0;
  p->next = 0;
  p->finished = 0;
  pthread_mutex_unlock(&p->mu);
}

ta_status ta__parallel_for(unsigned threads, size_t n, ta__task_fn fn,
                           void *arg) {
  threads = ta__threads_resolve(threads);
  if (threads > n) threads = (unsigned)n;
  if (threads <= 1) {
    for (size_t k = 0; k < n; k++) fn(arg, k);
    return TA_OK;
  }
  ta__pool *p = NULL;
  ta_status st = ta__pool_new(threads, &p);
  if (st != TA_OK) return st;
  ta__pool_post(p, n, fn, arg);
  ta__pool_wait(p);
  ta__pool_free(p);
  return TA_OK;
}
