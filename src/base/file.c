/* The library's one whole-file reader: a regular file, a pipe or device,
 * standard input ("-"), gzip-compressed or not, always under a cap.
 * Every input (documents, manifests, dictionaries, saved lexicons) comes
 * through here, so that no reader can be made to grow without bound.
 * Memory: the bytes read plus one; a regular file in one allocation of
 * its size, anything else doubling up to the cap (never past it). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/base.h"

/* Bytes asked of the source at a time when its size is unknown. */
#define READ_CHUNK 65536

typedef struct source {
  FILE *fp;  /* plain */
  gzFile gz; /* gzip (or plain, which zlib passes through) */
} source;

/* Up to n bytes into p; 0 at the end; -1 on a read error. */
static long source_read(source *s, char *p, size_t n) {
  if (s->gz) {
    unsigned want = n > (1u << 30) ? 1u << 30 : (unsigned)n;
    return gzread(s->gz, p, want);
  }
  size_t got = fread(p, 1, n, s->fp);
  if (!got && ferror(s->fp)) return -1;
  return (long)got;
}

/* A named file opened for reading without waiting: opening a FIFO that
 * nobody writes to blocks forever (a FIFO named x.fr.txt hung a batch).
 * Opened non-blocking, then set back to blocking reads: a FIFO with a
 * writer (a shell's <(...)) reads as usual, one without reads as empty. */
static int open_now(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) return -1;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static ta_status open_source(const char *path, const char *name, bool gzip,
                             source *s, ta_error *err) {
  bool in = !strcmp(path, "-");
  int fd = in ? dup(STDIN_FILENO) : open_now(path);
  if (fd < 0) goto fail;
  if (gzip) {
    s->gz = gzdopen(fd, "rb");
    if (!s->gz) {
      close(fd);
      goto fail;
    }
    gzbuffer(s->gz, READ_CHUNK);
  } else {
    s->fp = fdopen(fd, "rb");
    if (!s->fp) {
      close(fd);
      goto fail;
    }
  }
  return TA_OK;
fail:
  if (errno == ENOENT)
    return ta__fail(err, TA_ENOENT, "%s: no such file", name);
  return ta__fail(err, errno == ENOMEM ? TA_ENOMEM : TA_EIO, "%s: %s", name,
                  errno ? strerror(errno) : "cannot open");
}

static void close_source(source *s) {
  if (s->gz) gzclose(s->gz);
  if (s->fp) fclose(s->fp); /* a dup of standard input, or our own */
}

ta_status ta__read_file(const char *path, unsigned flags, size_t max,
                        const char *limit, char **buf, size_t *len,
                        ta_error *err) {
  bool in = !strcmp(path, "-");
  const char *name = in ? "standard input" : path;
  if (max > SIZE_MAX / 2) max = SIZE_MAX / 2; /* so the growth cannot wrap */
  struct stat sb;
  memset(&sb, 0, sizeof sb);
  if (!in) {
    if (stat(path, &sb) != 0)
      return errno == ENOENT
                 ? ta__fail(err, TA_ENOENT, "%s: no such file", path)
                 : ta__fail(err, TA_EIO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(sb.st_mode))
      return ta__fail(err, TA_EISDIR, "%s: is a directory, not a text file",
                      path);
  }
  bool regular = S_ISREG(sb.st_mode), gzip = flags & TA__READ_GZIP;
  if (regular && !gzip && (unsigned long long)sb.st_size > max)
    return ta__fail(err, TA_ETOOBIG,
                    "%s: %lld bytes exceeds the limit of %zu (%s)", path,
                    (long long)sb.st_size, max, limit);
  source s = {NULL, NULL};
  ta_status st = open_source(path, name, gzip, &s, err);
  if (st != TA_OK) return st;
  /* A regular plain file: its size, plus a byte to see the end with and
   * one for the NUL, so it is read in one allocation; the rest grow, and
   * the cap is on the bytes they yield (decompressed). */
  size_t cap = regular && !gzip ? (size_t)sb.st_size + 2 : READ_CHUNK + 1;
  size_t n = 0;
  char *p = ta__malloc(cap);
  if (!p) st = ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  while (st == TA_OK) {
    if (cap - n < 2) {
      if (cap - 1 > max) {
        st = ta__fail(err, TA_ETOOBIG,
                      "%s: more than %zu bytes%s exceeds the limit (%s)", name,
                      max, gzip ? " once decompressed" : "", limit);
        break;
      }
      /* Not ta__reserve: the last doubling is clamped to the cap (+2 to
       * see one byte past it), so a file near max costs max, not 2 max. */
      size_t ncap = cap - 1 > max / 2 ? max + 2 : 2 * cap;
      char *np = ta__realloc(p, ncap);
      if (!np) {
        st = ta__fail(err, TA_ENOMEM, "%s: out of memory after %zu bytes", name,
                      n);
        break;
      }
      p = np;
      cap = ncap;
    }
    long got = source_read(&s, p + n, cap - 1 - n);
    if (got < 0) {
      st = ta__fail(err, TA_EIO, "%s: byte %zu: read error%s", name, n,
                    gzip ? " (damaged gzip data?)" : "");
      break;
    }
    if (!got) break;
    n += (size_t)got;
    if (n > max) {
      st = ta__fail(err, TA_ETOOBIG,
                    "%s: more than %zu bytes%s exceeds the limit (%s)", name,
                    max, gzip ? " once decompressed" : "", limit);
      break;
    }
  }
  close_source(&s);
  if (st != TA_OK) {
    free(p);
    return st;
  }
  p[n] = '\0';
  *buf = p;
  *len = n;
  return TA_OK;
}
