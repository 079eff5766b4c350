/* Every allocation of the library goes through here, so that tests can
 * make one fail and walk each out-of-memory path (tests/unit/test_oom.c).
 * Memory is the C library's: free() releases it, and what ICU, libxml2
 * and zlib allocate for themselves is not counted.
 *
 * A test first records the call sites a job allocates from (and how
 * often), then runs the job again with the n-th allocation of one site
 * failing, site after site.  Sites are return addresses: only meaningful
 * within one run of one program, which is all a test needs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

#define CALLER() TA__CALLER()

#define SITES_MAX 1024

/* Test state, written only by tests between calls; off (the default)
 * costs one predictable branch per allocation. */
static enum { OFF, RECORD, FAIL } mode = OFF;
static struct {
  const void *where;
  unsigned long count;
} sites[SITES_MAX];
static size_t nsites;
static const void *fail_where;
static unsigned long fail_at, fail_seen, failures;

static bool injected_failure(const void *where) {
  if (mode == OFF || !where) return false;
  if (mode == FAIL) {
    if (where != fail_where || ++fail_seen != fail_at) return false;
    failures++;
    return true;
  }
  for (size_t i = 0; i < nsites; i++)
    if (sites[i].where == where) {
      sites[i].count++;
      return false;
    }
  if (nsites < SITES_MAX) {
    sites[nsites].where = where;
    sites[nsites++].count = 1;
  }
  return false;
}

void *ta__malloc(size_t size) {
  return injected_failure(CALLER()) ? NULL : malloc(size);
}

void *ta__calloc(size_t count, size_t size) {
  return injected_failure(CALLER()) ? NULL : calloc(count, size);
}

void *ta__realloc(void *p, size_t size) {
  return injected_failure(CALLER()) ? NULL : realloc(p, size);
}

void *ta__realloc_at(void *p, size_t size, const void *site) {
  return injected_failure(site) ? NULL : realloc(p, size);
}

char *ta__strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = injected_failure(CALLER()) ? NULL : malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

void ta__alloc_record(void) {
  mode = RECORD;
  nsites = 0;
}

size_t ta__alloc_sites(unsigned long *counts, size_t max) {
  for (size_t i = 0; i < nsites && i < max; i++) counts[i] = sites[i].count;
  return nsites;
}

void ta__alloc_fail_site(size_t site, unsigned long nth) {
  mode = site < nsites ? FAIL : OFF;
  fail_where = site < nsites ? sites[site].where : NULL;
  fail_at = nth;
  fail_seen = 0;
}

static int paused_mode = OFF;

void ta__alloc_off(void) {
  paused_mode = mode;
  mode = OFF;
}

void ta__alloc_resume(void) { mode = paused_mode; }

unsigned long ta__alloc_failures(void) { return failures; }
