/* Splitting throughput: MB/s of ta_doc_load_mem on ~10 MB of French
 * prose (Maupassant, the seed article), against raw ICU sentence-break
 * iteration (the same locale with @ss=standard) over the same text
 * already in UTF-16.  Prints figures
 * only (CPU time, best of 9 interleaved runs); no thresholds.
 * Text: the corpora under $TA_SHARED (default
 * $TA_SOURCE_DIR/../shared, TA_SOURCE_DIR defaulting to ".") or, when
 * absent, the repo's own samples.  Argument: megabytes (default 10). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "base/base.h"

static double now(void) {
  struct timespec ts;
  /* CPU time: on a shared machine wall time mostly measures neighbours. */
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  char *p = n > 0 ? malloc((size_t)n) : NULL;
  if (p && fread(p, 1, (size_t)n, fp) != (size_t)n) {
    free(p);
    p = NULL;
  }
  fclose(fp);
  *len = p ? (size_t)n : 0;
  return p;
}

/* Concatenate the sample files (blank line between) until ~target bytes. */
static char *build_text(const char *const *paths, size_t target, size_t *len) {
  char *out = malloc(target + (1 << 20));
  size_t n = 0;
  bool any = false;
  while (out && n < target) {
    for (size_t i = 0; paths[i] && n < target; i++) {
      size_t k;
      char *p = slurp(paths[i], &k);
      if (!p) continue;
      any = true;
      if (n + k + 2 > target + (1 << 20)) k = target + (1 << 20) - n - 2;
      memcpy(out + n, p, k);
      n += k;
      out[n++] = '\n';
      out[n++] = '\n';
      free(p);
    }
    if (!any) break;
  }
  if (!any) {
    free(out);
    return NULL;
  }
  *len = n;
  return out;
}

static double bench_lib(const char *text, size_t len, const char *lang,
                        size_t *count) {
  ta_split_opts o;
  ta_split_opts_init(&o);
  o.lang = lang;
  o.input = TA_INPUT_TEXT;
  double best = 1e9;
  for (int r = 0; r < 3; r++) {
    ta_doc *d = NULL;
    ta_error err;
    double t0 = now();
    if (ta_doc_load_mem("bench.txt", text, len, &o, &d, &err) != TA_OK) {
      fprintf(stderr, "bench_split: %s\n", err.message);
      exit(1);
    }
    double dt = now() - t0;
    if (dt < best) best = dt;
    *count = ta_doc_count(d);
    ta_doc_free(d);
  }
  return best;
}

static double bench_icu(const char *text, size_t len, const char *locale,
                        size_t *count) {
  int32_t ulen = 0;
  UErrorCode e = U_ZERO_ERROR;
  u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &e);
  UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
  e = U_ZERO_ERROR;
  u_strFromUTF8(u, ulen + 1, &ulen, text, (int32_t)len, &e);
  UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &e);
  if (U_FAILURE(e)) {
    fprintf(stderr, "bench_split: ICU: %s\n", u_errorName(e));
    exit(1);
  }
  double best = 1e9;
  for (int r = 0; r < 3; r++) {
    double t0 = now();
    ubrk_setText(bi, u, ulen, &e);
    size_t n = 0;
    while (ubrk_next(bi) != UBRK_DONE) n++;
    double dt = now() - t0;
    if (dt < best) best = dt;
    *count = n;
  }
  ubrk_close(bi);
  free(u);
  return best;
}

int main(int argc, char **argv) {
  size_t target = argc > 1 ? (size_t)atof(argv[1]) * 1e6 : 10000000;
  const char *shared = getenv("TA_SHARED");
  const char *src = getenv("TA_SOURCE_DIR");
  if (!src) src = ".";
  char sh[4096], p[6][4200];
  if (shared)
    snprintf(sh, sizeof sh, "%s", shared);
  else
    snprintf(sh, sizeof sh, "%s/../shared", src);
  static const char *const rel[] = {
      "corpora/maupassant-boule-de-suif/story.fr.txt",
      "corpora/maupassant-la-parure/story.fr.txt", "seed/article.fr.txt"};
  const char *paths[8] = {0};
  for (size_t i = 0; i < 3; i++) {
    snprintf(p[i], sizeof p[i], "%s/%s", sh, rel[i]);
    paths[i] = p[i];
  }
  size_t len;
  char *text = build_text(paths, target, &len);
  if (!text) {
    snprintf(p[3], sizeof p[3], "%s/corpora/pentagon/article.fr.txt", src);
    snprintf(p[4], sizeof p[4], "%s/tests/data/split/fr_story.txt", src);
    const char *own[] = {p[3], p[4], NULL};
    text = build_text(own, target, &len);
  }
  if (!text) {
    printf("bench_split: no sample text found (set TA_SHARED); skipped\n");
    return 0;
  }
  /* Interleaved best-of runs: the machine is shared, take the quietest. */
  size_t n_lib, n_icu;
  double t_lib = 1e9, t_icu = 1e9;
  for (int r = 0; r < 3; r++) {
    double a = bench_lib(text, len, "fr", &n_lib);
    double b = bench_icu(text, len, "fr@ss=standard", &n_icu);
    if (a < t_lib) t_lib = a;
    if (b < t_icu) t_icu = b;
  }
  double mb = (double)len / 1e6;
  printf("text: %.1f MB of French prose\n", mb);
  printf("ta_doc_load_mem:   %7.1f MB/s  (%zu sentences, %.3f s)\n", mb / t_lib,
         n_lib, t_lib);
  printf("raw ICU ubrk_next: %7.1f MB/s  (%zu boundaries, %.3f s)\n",
         mb / t_icu, n_icu, t_icu);
  printf("ratio: tmxalign takes %.2fx the time of raw ICU iteration\n",
         t_lib / t_icu);
  free(text);
  return 0;
}
