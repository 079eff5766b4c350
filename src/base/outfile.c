/* Temporary file + rename, so that an output is either the complete new
 * content or the old file.  Uses POSIX mkstemp/fsync/rename.
 *
 * Also what keeps an output from hurting its inputs or its predecessor:
 * ta_outfile_check refuses an output that is one of the inputs (same
 * device and inode, or the same path once resolved); a replaced file
 * keeps its mode and, where the system allows, its owner; temporary names
 * fit in NAME_MAX; and the temporaries alive at any moment sit in a
 * lock-free table that a signal handler can empty
 * (ta_outfile_remove_temporaries), so SIGINT or SIGTERM leaves no
 * ".tmp-" file behind. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "tmxalign/outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

struct ta_outfile {
  char *path;
  char *tmp; /* NULL when writing directly */
  FILE *fp;
  bool direct; /* a device or FIFO we opened ourselves */
  int slot;    /* in live[], -1 when not registered */
};

/* The temporaries now open, for ta_outfile_remove_temporaries.  A slot
 * holds a path or NULL; registering is a compare-exchange into a free
 * slot, so a signal handler only ever reads whole pointers.  More live
 * outputs than slots are still written, just not cleaned on a signal. */
#define LIVE_SLOTS 64
static _Atomic(char *) live[LIVE_SLOTS];

static int live_add(char *path) {
  for (int i = 0; i < LIVE_SLOTS; i++) {
    char *expected = NULL;
    if (atomic_compare_exchange_strong(&live[i], &expected, path)) return i;
  }
  return -1;
}

static void live_remove(ta_outfile *f) {
  if (f->slot >= 0) atomic_store(&live[f->slot], NULL);
  f->slot = -1;
}

void ta_outfile_remove_temporaries(void) {
  /* Async-signal-safe: atomic loads and unlink only. */
  for (int i = 0; i < LIVE_SLOTS; i++) {
    char *p = atomic_exchange(&live[i], NULL);
    if (p) unlink(p);
  }
}

/* The temporary's name: "DIR/NAME.tmp-XXXXXX" beside the target, or
 * "DIR/.tmxalign-XXXXXX" when NAME is too long for the suffix. */
static char *temp_name(const char *path) {
  static const char suffix[] = ".tmp-XXXXXX", short_name[] = ".tmxalign-XXXXXX";
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  size_t base = strlen(path) - dir;
  bool fits = base + sizeof suffix - 1 <= NAME_MAX;
  size_t n = fits ? strlen(path) + sizeof suffix : dir + sizeof short_name;
  char *t = ta__malloc(n);
  if (!t) return NULL;
  if (fits)
    snprintf(t, n, "%s%s", path, suffix);
  else
    snprintf(t, n, "%.*s%s", (int)dir, path, short_name);
  return t;
}

ta_status ta_outfile_open(const char *path, ta_outfile **out, ta_error *err) {
  if (!path || !out) return ta__fail(err, TA_EINVAL, "no output file given");
  ta_outfile *f = ta__calloc(1, sizeof *f);
  if (!f || !(f->path = ta__strdup(path))) {
    free(f);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  f->slot = -1;
  if (strcmp(path, "-") == 0) {
    f->fp = stdout;
    *out = f;
    return TA_OK;
  }
  /* A device or pipe (/dev/null, /dev/full, a FIFO) cannot be replaced by
   * rename and must not be: write to it directly. */
  struct stat sb;
  bool exists = stat(path, &sb) == 0;
  if (exists && !S_ISREG(sb.st_mode)) {
    if (S_ISDIR(sb.st_mode)) {
      ta_outfile_abort(f);
      return ta__fail(err, TA_EISDIR, "%s: is a directory", path);
    }
    f->fp = fopen(path, "wb");
    if (!f->fp) {
      int e = errno;
      ta_outfile_abort(f);
      return ta__fail(err, TA_EIO, "%s: cannot open: %s", path, strerror(e));
    }
    f->direct = true;
    *out = f;
    return TA_OK;
  }
  f->tmp = temp_name(path);
  if (!f->tmp) {
    ta_outfile_abort(f);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  int fd = mkstemp(f->tmp);
  if (fd < 0) {
    int e = errno;
    free(f->tmp);
    f->tmp = NULL;
    ta_outfile_abort(f);
    return ta__fail(err, TA_EIO, "%s: cannot create a temporary file: %s", path,
                    strerror(e));
  }
  f->slot = live_add(f->tmp);
  if (exists) {
    /* The new file takes the old one's place: its permissions too (a
     * 0600 memory stays private), and its owner when we may set it. */
    fchmod(fd, sb.st_mode & 07777);
    if (fchown(fd, sb.st_uid, sb.st_gid) != 0) {
      /* not allowed for others' files: the writer owns the new one */
    }
  } else {
    /* mkstemp makes 0600 files; new outputs are ordinary documents. */
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
  }
  f->fp = fdopen(fd, "wb");
  if (!f->fp) {
    close(fd);
    ta_outfile_abort(f);
    return ta__fail(err, TA_EIO, "%s: cannot open the temporary file", path);
  }
  *out = f;
  return TA_OK;
}

FILE *ta_outfile_fp(ta_outfile *f) { return f ? f->fp : NULL; }

static void outfile_free(ta_outfile *f) {
  live_remove(f);
  free(f->path);
  free(f->tmp);
  free(f);
}

ta_status ta_outfile_commit(ta_outfile *f, ta_error *err) {
  if (!f) return ta__fail(err, TA_EINVAL, "no output file");
  ta_status st = TA_OK;
  int e = 0;
  if (!f->tmp) {
    if (fflush(f->fp) != 0 || ferror(f->fp)) {
      e = errno;
      st = ta__fail(err, TA_EIO, "%s: write error: %s",
                    f->direct ? f->path : "standard output", strerror(e));
    }
    if (f->direct && fclose(f->fp) != 0 && st == TA_OK)
      st = ta__fail(err, TA_EIO, "%s: write error", f->path);
    outfile_free(f);
    return st;
  }
  if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0) {
    e = errno;
    fclose(f->fp);
    st = TA_EIO;
  } else if (fclose(f->fp) != 0) {
    e = errno;
    st = TA_EIO;
  } else if (rename(f->tmp, f->path) != 0) {
    e = errno;
    st = TA_EIO;
  }
  f->fp = NULL;
  if (st != TA_OK) {
    unlink(f->tmp);
    ta__fail(err, st, "%s: write failed, previous file kept: %s", f->path,
             strerror(e));
  }
  outfile_free(f);
  return st;
}

void ta_outfile_abort(ta_outfile *f) {
  if (!f) return;
  if (f->tmp) {
    if (f->fp) fclose(f->fp);
    unlink(f->tmp);
  } else if (f->direct && f->fp) {
    fclose(f->fp);
  }
  outfile_free(f);
}

ta_status ta_outfile_write(const char *path, ta_outfile_write_fn fn, void *user,
                           ta_error *err) {
  if (!fn) return ta__fail(err, TA_EINVAL, "no writer given");
  ta_outfile *f = NULL;
  ta_status st = ta_outfile_open(path, &f, err);
  if (st == TA_OK) st = fn(f->fp, user, err);
  if (st == TA_OK) return ta_outfile_commit(f, err);
  ta_outfile_abort(f);
  return st;
}

/* ---- the guard ------------------------------------------------------------
 */

/* path with its directory resolved (the file itself may not exist yet):
 * "a/../b.txt" and "./b.txt" name one file.  NULL when the directory
 * cannot be resolved. */
static char *resolved(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? ta__malloc((size_t)(slash - path) + 2) : NULL;
  if (slash && !dir) return NULL;
  if (dir) {
    memcpy(dir, path, (size_t)(slash - path) + 1);
    dir[slash - path + (slash == path)] = '\0'; /* "/x": the root */
  }
  char *real = realpath(dir ? dir : ".", NULL);
  free(dir);
  if (!real) return NULL;
  const char *base = slash ? slash + 1 : path;
  size_t n = strlen(real) + strlen(base) + 2;
  char *full = ta__malloc(n);
  if (full) snprintf(full, n, "%s/%s", strcmp(real, "/") ? real : "", base);
  free(real);
  return full;
}

static bool same_file(const char *a, const char *b) {
  struct stat sa, sb;
  bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
  if (ha && hb) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ha != hb) return false;
  /* Neither exists yet (two outputs of one run): compare the names. */
  char *ra = resolved(a), *rb = resolved(b);
  bool same = ra && rb && !strcmp(ra, rb);
  free(ra);
  free(rb);
  return same;
}

ta_status ta_outfile_check(const char *out, const char *const *others, size_t n,
                           ta_error *err) {
  if (!out || !strcmp(out, "-")) return TA_OK;
  struct stat sb;
  /* Devices and pipes are written in place, never replaced: writing
   * /dev/null while reading /dev/null harms nothing. */
  if (stat(out, &sb) == 0 && !S_ISREG(sb.st_mode)) return TA_OK;
  for (size_t i = 0; i < n; i++) {
    if (!others[i] || !strcmp(others[i], "-")) continue;
    if (!same_file(out, others[i])) continue;
    if (!strcmp(out, others[i]))
      return ta__fail(err, TA_EINVAL,
                      "%s: is also an input or output of this run; writing "
                      "it would destroy it: choose another output name",
                      out);
    return ta__fail(err, TA_EINVAL,
                    "%s: is also %s, an input or output of this run; writing "
                    "it would destroy it: choose another output name",
                    out, others[i]);
  }
  return TA_OK;
}
