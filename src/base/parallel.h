/* Work of one call spread over threads: tasks numbered 0..n-1, run by a
 * small pool of worker threads and the calling thread.  Tasks write only
 * their own slots; callers merge the slots in task order afterwards, so
 * that what they compute is the same whatever the number of threads (a
 * sum of doubles is added up in one fixed order). */
#ifndef TMXALIGN_PARALLEL_H
#define TMXALIGN_PARALLEL_H

#include <stddef.h>

#include "base/base.h"

typedef void (*ta__task_fn)(void *arg, size_t task);

typedef struct ta__pool ta__pool;

/* threads: 0 means one per online core; the pool starts threads - 1
 * workers (the caller is the last).  With 1 thread, no thread is started
 * and tasks run on the caller.  Errors: TA_ENOMEM (a thread that cannot
 * be started is no error: fewer workers run). */
ta_status ta__pool_new(unsigned threads, ta__pool **out);
/* Stops and joins the workers; no tasks may be pending.  NULL: no-op. */
void ta__pool_free(ta__pool *p);
/* Threads that run tasks, the caller included (>= 1). */
unsigned ta__pool_threads(const ta__pool *p);
/* Hand tasks fn(arg, 0..n-1) to the workers and return at once; the
 * caller may do other work, then must call ta__pool_wait.  One batch at a
 * time. */
void ta__pool_post(ta__pool *p, size_t n, ta__task_fn fn, void *arg);
/* Run what is left of the posted tasks on this thread too, and return
 * when every task has finished. */
void ta__pool_wait(ta__pool *p);

/* Threads for a request: 0 is one per online core, capped at 64. */
unsigned ta__threads_resolve(unsigned threads);

/* fn(arg, 0..n-1) on up to threads threads (a pool for this call). */
ta_status ta__parallel_for(unsigned threads, size_t n, ta__task_fn fn,
                           void *arg);

#endif
