/* Writer throughput: N two-language units (default 1,000,000) written to
 * a TMX file (default /dev/null), printed as units/s (and MiB/s when OUT
 * is a regular file).
 * usage: bench_tmx_write [N] [OUT] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "tmxalign/tmx.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
  const char *out = argc > 2 ? argv[2] : "/dev/null";
  ta_tmx_header h;
  ta_tmx_header_init(&h);
  h.srclang = "en";
  h.creationdate = "20240101T000000Z";
  ta_tmx_writer *w = NULL;
  ta_error err;
  double t0 = now();
  ta_status st = ta_tmx_writer_open(out, &h, NULL, &w, &err);
  char src[160], tgt[160], tuid[32], score[16];
  for (size_t i = 0; st == TA_OK && i < n; i++) {
    snprintf(src, sizeof src,
             "Sentence %zu of the source, with <tags> & \"quotes\".", i);
    snprintf(tgt, sizeof tgt,
             "Phrase %zu de la cible, avec « guillemets » et accents é.", i);
    snprintf(tuid, sizeof tuid, "%zu", i + 1);
    snprintf(score, sizeof score, "0.%04zu", i % 10000);
    ta_tmx_variant v[2] = {{"en", src}, {"fr", tgt}};
    ta_tmx_prop p = {"x-score", score};
    ta_tmx_unit u = {tuid, NULL, v, 2, &p, 1};
    st = ta_tmx_writer_add(w, &u, &err);
  }
  if (st == TA_OK) st = ta_tmx_writer_close(w, &err);
  ta_tmx_writer_free(w);
  double dt = now() - t0;
  if (st != TA_OK) {
    fprintf(stderr, "bench_tmx_write: %s\n", err.message);
    return 1;
  }
  printf("wrote %zu units in %.2f s: %.0f units/s", n, dt, n / dt);
  struct stat sb;
  if (stat(out, &sb) == 0 && S_ISREG(sb.st_mode))
    printf(", %lld bytes, %.1f MiB/s", (long long)sb.st_size,
           sb.st_size / dt / 1048576);
  printf("\n");
  return 0;
}
