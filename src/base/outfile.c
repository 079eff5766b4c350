/* Temporary file + rename, so that an output is either the complete new
 * content or the old file.  Uses POSIX mkstemp/fsync/rename. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "tmxalign/outfile.h"

struct ta_outfile {
  char *path;
  char *tmp;  /* NULL when writing directly */
  FILE *fp;
  bool direct; /* a device or FIFO we opened ourselves */
};

ta_status ta_outfile_open(const char *path, ta_outfile **out, ta_error *err) {
  ta_outfile *f = ta__calloc(1, sizeof *f);
  if (!f || !(f->path = ta__strdup(path))) {
    free(f);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  if (strcmp(path, "-") == 0) {
    f->fp = stdout;
    *out = f;
    return TA_OK;
  }
  /* A device or pipe (/dev/null, /dev/full, a FIFO) cannot be replaced by
   * rename and must not be: write to it directly. */
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
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
  size_t n = strlen(path) + sizeof ".tmp-XXXXXX";
  f->tmp = ta__malloc(n);
  if (!f->tmp) {
    ta_outfile_abort(f);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  snprintf(f->tmp, n, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(f->tmp);
  if (fd < 0) {
    int e = errno;
    free(f->tmp);
    f->tmp = NULL;
    ta_outfile_abort(f);
    return ta__fail(err, TA_EIO, "%s: cannot create a temporary file: %s",
                    path, strerror(e));
  }
  /* mkstemp makes 0600 files; outputs are ordinary documents. */
  mode_t um = umask(0);
  umask(um);
  fchmod(fd, 0666 & ~um);
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
