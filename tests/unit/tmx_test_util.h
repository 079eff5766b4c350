/* Helpers shared by the TMX unit tests: temporary directories, reading a
 * whole file, running tests/tmx_validate.sh. */
#ifndef TMX_TEST_UTIL_H
#define TMX_TEST_UTIL_H

#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A fresh directory under TMPDIR; the caller removes it with rm_tree. */
static inline char *make_tmpdir(void) {
  const char *base = getenv("TMPDIR");
  char *p = malloc(512);
  snprintf(p, 512, "%s/ta-tmx-XXXXXX", base && *base ? base : "/tmp");
  return mkdtemp(p) ? p : NULL;
}

static inline void rm_tree(const char *dir) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

/* Whole file, NUL-terminated; *len gets its size.  NULL when unreadable. */
static inline char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
    n += got;
    if (cap - n < 2) buf = realloc(buf, cap *= 2);
  }
  fclose(fp);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

static inline void spit(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  if (fp) {
    fputs(text, fp);
    fclose(fp);
  }
}

/* Path of a file in tests/data/tmx. */
static inline const char *data_file(const char *name) {
  static char buf[1024];
  const char *d = getenv("TA_TEST_DATA");
  snprintf(buf, sizeof buf, "%s/tmx/%s", d ? d : "tests/data", name);
  return buf;
}

/* Run tests/tmx_validate.sh -d dumpdir file; its exit status. */
static inline int validate_tmx(const char *file, const char *dumpdir) {
  const char *src = getenv("TA_SOURCE_DIR");
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "bash '%s/tests/tmx_validate.sh' -d '%s' '%s'",
           src ? src : ".", dumpdir, file);
  int rc = system(cmd);
  return rc == -1 ? -1 : WEXITSTATUS(rc);
}

#endif
