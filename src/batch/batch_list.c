/* Lists of document pairs for batch alignment: a manifest ("SOURCE<TAB>
 * TARGET" lines, paths relative to the manifest) or a directory whose files
 * pair up by name (a.fr.txt with a.en.txt).
 * Does not open the documents: a missing file is the batch's business
 * (one failed pair), not the list's.  Memory: the list holds the paths,
 * one allocation per pair. */
#define _XOPEN_SOURCE 700 /* realpath, with POSIX 2008 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/base.h"
#include "tmxalign/batch.h"

/* Manifests are lists of paths: anything bigger is not one. */
#define MANIFEST_MAX ((size_t)256 << 20)

struct ta_batch_list {
  ta_batch_pair *pairs; /* pairs[i].src is the start of one block holding
                           src, tgt, src_name and tgt_name */
  size_t n, cap;
};

size_t ta_batch_list_count(const ta_batch_list *l) { return l ? l->n : 0; }

const ta_batch_pair *ta_batch_list_pairs(const ta_batch_list *l) {
  return l && l->n ? l->pairs : NULL;
}

void ta_batch_list_free(ta_batch_list *l) {
  if (!l) return;
  for (size_t i = 0; i < l->n; i++) free((char *)l->pairs[i].src);
  free(l->pairs);
  free(l);
}

/* dir/rel, or rel alone when it is absolute or dir is empty. */
static size_t joined_len(const char *dir, const char *rel, size_t len) {
  if (rel[0] == '/' || !dir || !dir[0]) return len;
  return strlen(dir) + 1 + len;
}

static char *put_joined(char *p, const char *dir, const char *rel, size_t len) {
  if (rel[0] != '/' && dir && dir[0]) {
    size_t d = strlen(dir);
    memcpy(p, dir, d);
    p += d;
    if (d && dir[d - 1] != '/') *p++ = '/';
  }
  memcpy(p, rel, len);
  p[len] = '\0';
  return p + len + 1;
}

/* Append a pair; the names are copied, the paths built from dir. */
static ta_status list_add(ta_batch_list *l, const char *dir, const char *src,
                          size_t slen, const char *tgt, size_t tlen,
                          size_t line) {
  if (ta__reserve(&l->pairs, &l->cap, l->n + 1) != TA_OK) return TA_ENOMEM;
  size_t size =
      joined_len(dir, src, slen) + joined_len(dir, tgt, tlen) + slen + tlen + 4;
  char *block = ta__malloc(size), *p = block;
  if (!block) return TA_ENOMEM;
  ta_batch_pair *pr = &l->pairs[l->n++];
  pr->src = p;
  p = put_joined(p, dir, src, slen);
  pr->tgt = p;
  p = put_joined(p, dir, tgt, tlen);
  pr->src_name = p;
  p = put_joined(p, NULL, src, slen);
  pr->tgt_name = p;
  put_joined(p, NULL, tgt, tlen);
  pr->line = line;
  return TA_OK;
}

static ta_status list_new(ta_batch_list **out, ta_error *err) {
  *out = ta__calloc(1, sizeof **out);
  return *out ? TA_OK : ta__fail(err, TA_ENOMEM, "batch: out of memory");
}

/* ---- manifest ---------------------------------------------------------- */

static bool blank(char c) { return c == ' ' || c == '\t'; }

/* Trim spaces (not tabs: they separate fields) around [*b, *e). */
static void trim_spaces(const char **b, const char **e) {
  while (*b < *e && **b == ' ') (*b)++;
  while (*e > *b && (*e)[-1] == ' ') (*e)--;
}

/* One line b[0..len) without its LF: skipped, a pair, or an error. */
static ta_status manifest_line(ta_batch_list *l, const char *name,
                               const char *base_dir, const char *b, size_t len,
                               size_t line, ta_error *err) {
  if (len && b[len - 1] == '\r') len--;
  if (len && memchr(b, '\0', len))
    return ta__fail(err, TA_EPARSE, "%s: line %zu: NUL byte", name, line);
  size_t first = 0;
  while (first < len && blank(b[first])) first++;
  if (first == len || b[first] == '#') return TA_OK;
  /* Only spaces are trimmed: a leading or trailing tab is an empty field. */
  while (len && b[len - 1] == ' ') len--;
  while (len && *b == ' ') b++, len--;
  const char *tab = memchr(b, '\t', len);
  if (!tab)
    return ta__fail(err, TA_EPARSE,
                    "%s: line %zu: expected SOURCE<TAB>TARGET, found no tab",
                    name, line);
  const char *sb = b, *se = tab, *tb = tab + 1, *te = b + len;
  /* Several tabs in a row are one separator (aligned columns). */
  while (tb < te && *tb == '\t') tb++;
  for (const char *q = tb; q < te; q++)
    if (*q == '\t')
      return ta__fail(err, TA_EPARSE,
                      "%s: line %zu: expected SOURCE<TAB>TARGET, found a "
                      "third field",
                      name, line);
  trim_spaces(&sb, &se);
  trim_spaces(&tb, &te);
  if (sb == se || tb == te)
    return ta__fail(err, TA_EPARSE, "%s: line %zu: empty %s path", name, line,
                    sb == se ? "source" : "target");
  if (list_add(l, base_dir, sb, (size_t)(se - sb), tb, (size_t)(te - tb),
               line) != TA_OK)
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  return TA_OK;
}

ta_status ta_batch_manifest_parse(const char *name, const char *data,
                                  size_t len, const char *base_dir,
                                  ta_batch_list **out, ta_error *err) {
  if (!out || (len && !data))
    return ta__fail(err, TA_EINVAL, "batch: missing argument");
  if (!name) name = "manifest";
  ta_batch_list *l = NULL;
  ta_status st = list_new(&l, err);
  if (st != TA_OK) return st;
  const char *p = data, *end = data + len;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
  for (size_t line = 1; st == TA_OK && p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((nl ? nl : end) - p);
    st = manifest_line(l, name, base_dir, p, n, line, err);
    p = nl ? nl + 1 : end;
  }
  if (st != TA_OK) {
    ta_batch_list_free(l);
    return st;
  }
  *out = l;
  return TA_OK;
}

/* Is the resolved path inside the resolved directory root? */
static bool inside(const char *root, const char *path) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return true;
  return !strncmp(path, root, n) && (path[n] == '/' || path[n] == '\0');
}

/* Resolve p (symlinks, "..") into out: the file itself, or, when it does
 * not exist, its directory and its last name (the batch then reports the
 * missing file).  False when even that cannot be resolved. */
static bool resolve(const char *p, char out[PATH_MAX]) {
  if (realpath(p, out)) return true;
  if (errno != ENOENT) return false;
  const char *slash = strrchr(p, '/');
  char dir[PATH_MAX];
  if (!slash)
    snprintf(dir, sizeof dir, ".");
  else if (slash == p)
    snprintf(dir, sizeof dir, "/");
  else
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - p), p);
  const char *base = slash ? slash + 1 : p;
  char rdir[PATH_MAX];
  if (!*base || !strcmp(base, "..") || !strcmp(base, ".") ||
      !realpath(dir, rdir))
    return false;
  return (size_t)snprintf(out, PATH_MAX, "%s/%s", rdir, base) < PATH_MAX;
}

/* Refuse, naming the line, a pair whose file resolves outside dir. */
static ta_status confine(const char *name, const char *dir,
                         const ta_batch_list *l, ta_error *err) {
  char root[PATH_MAX], got[PATH_MAX];
  if (!realpath(dir[0] ? dir : ".", root))
    return ta__fail(err, TA_EIO, "%s: cannot resolve its directory: %s", name,
                    strerror(errno));
  for (size_t i = 0; i < l->n; i++) {
    const ta_batch_pair *p = &l->pairs[i];
    const char *files[2] = {p->src, p->tgt},
               *names[2] = {p->src_name, p->tgt_name};
    for (int k = 0; k < 2; k++)
      if (!resolve(files[k], got) || !inside(root, got))
        return ta__fail(err, TA_EINVAL,
                        "%s: line %zu: %s is outside the manifest's "
                        "directory %s (confined manifest); move the file "
                        "under it, or read the manifest unconfined",
                        name, p->line, names[k], root);
  }
  return TA_OK;
}

ta_status ta_batch_manifest_load(const char *path, ta_batch_list **out,
                                 ta_error *err) {
  return ta_batch_manifest_load_flags(path, 0, out, err);
}

ta_status ta_batch_manifest_load_flags(const char *path, unsigned flags,
                                       ta_batch_list **out, ta_error *err) {
  if (!path || !out) return ta__fail(err, TA_EINVAL, "batch: missing argument");
  if (flags & ~(unsigned)TA_BATCH_MANIFEST_CONFINED)
    return ta__fail(err, TA_EINVAL, "%s: unknown manifest flags 0x%x", path,
                    flags);
  char *data = NULL, *dir = ta__strdup(path);
  size_t len = 0;
  if (!dir) return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  char *slash = strrchr(dir, '/');
  if (slash)
    slash[slash == dir ? 1 : 0] = '\0'; /* "/m.tsv": the root */
  else
    dir[0] = '\0';
  ta_status st = ta__read_file(path, 0, MANIFEST_MAX, "256 MiB for a manifest",
                               &data, &len, err);
  if (st == TA_OK) st = ta_batch_manifest_parse(path, data, len, dir, out, err);
  if (st == TA_OK && (flags & TA_BATCH_MANIFEST_CONFINED)) {
    st = confine(path, dir, *out, err);
    if (st != TA_OK) {
      ta_batch_list_free(*out);
      *out = NULL;
    }
  }
  free(data);
  free(dir);
  return st;
}

/* ---- directory ---------------------------------------------------------- */

/* The extensions a document may have in a pair directory. */
static const char *const doc_exts[] = {"txt", "html", "htm"};

typedef struct dir_file {
  const char *file; /* d_name copy */
  size_t stem;      /* length of NAME in NAME.LANG.EXT */
  const char *ext;  /* into file */
  int side;         /* 0 source, 1 target */
} dir_file;

/* Classify NAME.LANG.EXT: false when not a document of either language. */
static bool classify(const char *file, const char *slang, const char *tlang,
                     dir_file *f) {
  const char *dot = strrchr(file, '.');
  if (!dot || dot == file) return false;
  bool known = false;
  for (size_t i = 0; i < sizeof doc_exts / sizeof doc_exts[0]; i++)
    known = known || !strcasecmp(dot + 1, doc_exts[i]);
  if (!known) return false;
  const char *ldot = dot - 1;
  while (ldot > file && *ldot != '.') ldot--;
  if (ldot == file) return false; /* no NAME */
  char lang[64];
  size_t ll = (size_t)(dot - ldot - 1);
  if (!ll || ll >= sizeof lang) return false;
  memcpy(lang, ldot + 1, ll);
  lang[ll] = '\0';
  if (ta_tmx_lang_equal(lang, slang))
    f->side = 0;
  else if (ta_tmx_lang_equal(lang, tlang))
    f->side = 1;
  else
    return false;
  f->file = file;
  f->stem = (size_t)(ldot - file);
  f->ext = dot + 1;
  return true;
}

/* By NAME, then EXT, then source before target. */
static int cmp_files(const void *a, const void *b) {
  const dir_file *x = a, *y = b;
  size_t n = x->stem < y->stem ? x->stem : y->stem;
  int c = memcmp(x->file, y->file, n);
  if (c) return c;
  if (x->stem != y->stem) return x->stem < y->stem ? -1 : 1;
  c = strcasecmp(x->ext, y->ext);
  if (c) return c;
  if (x->side != y->side) return x->side - y->side;
  return strcmp(x->file, y->file);
}

static int cmp_pairs(const void *a, const void *b) {
  return strcmp(((const ta_batch_pair *)a)->src_name,
                ((const ta_batch_pair *)b)->src_name);
}

static bool same_doc(const dir_file *a, const dir_file *b) {
  return a->stem == b->stem && !memcmp(a->file, b->file, a->stem) &&
         !strcasecmp(a->ext, b->ext);
}

static void note_unpaired(const char *dir, const dir_file *f,
                          const char *other_lang, ta_note_fn note, void *user) {
  if (!note) return;
  char msg[1024];
  snprintf(msg, sizeof msg, "%s: %s has no %.*s.%s.%s", dir, f->file,
           (int)f->stem, f->file, other_lang, f->ext);
  note(user, msg);
}

/* Pair the sorted files; unpaired ones go to note. */
static ta_status pair_files(const char *dir, dir_file *files, size_t n,
                            const char *slang, const char *tlang,
                            ta_note_fn note, void *user, ta_batch_list *l) {
  if (n > 1) qsort(files, n, sizeof *files, cmp_files);
  for (size_t i = 0; i < n; i++) {
    const dir_file *f = &files[i];
    if (f->side == 0 && i + 1 < n && files[i + 1].side == 1 &&
        same_doc(f, &files[i + 1])) {
      const dir_file *t = &files[++i];
      if (list_add(l, dir, f->file, strlen(f->file), t->file, strlen(t->file),
                   0) != TA_OK)
        return TA_ENOMEM;
    } else {
      note_unpaired(dir, f, f->side ? slang : tlang, note, user);
    }
  }
  if (l->n) qsort(l->pairs, l->n, sizeof *l->pairs, cmp_pairs);
  return TA_OK;
}

/* Is dir/name (symlinks followed) something other than a regular file?  A
 * FIFO would block the batch that opens it, a device read without end.
 * Names that cannot be stat'ed (dangling links) stay: the batch reports
 * them as failed pairs. */
static bool not_regular(DIR *d, const char *dir, const char *name,
                        ta_note note) {
  struct stat sb;
  if (fstatat(dirfd(d), name, &sb, 0) != 0 || S_ISREG(sb.st_mode)) return false;
  if (note.fn) {
    char msg[1024];
    snprintf(msg, sizeof msg, "%s: %s is not a regular file (%s); skipped", dir,
             name,
             S_ISFIFO(sb.st_mode)                         ? "a FIFO"
             : S_ISDIR(sb.st_mode)                        ? "a directory"
             : S_ISSOCK(sb.st_mode)                       ? "a socket"
             : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "a device"
                                                          : "not a file");
    note.fn(note.user, msg);
  }
  return true;
}

/* The document files of dir, their names copied. */
static ta_status scan_dir(const char *dir, const char *slang, const char *tlang,
                          ta_note note, dir_file **out, size_t *nout,
                          ta_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return ta__fail(err, errno == ENOENT ? TA_ENOENT : TA_EIO, "%s: %s", dir,
                    errno == ENOENT    ? "no such directory"
                    : errno == ENOTDIR ? "not a directory"
                                       : "cannot read the directory");
  dir_file *files = NULL;
  size_t n = 0, cap = 0;
  ta_status st = TA_OK;
  for (struct dirent *e; st == TA_OK && (e = readdir(d));) {
    dir_file f;
    if (e->d_name[0] == '.' || !classify(e->d_name, slang, tlang, &f)) continue;
    if (not_regular(d, dir, e->d_name, note)) continue;
    if (ta__reserve(&files, &cap, n + 1) != TA_OK) {
      st = TA_ENOMEM;
      break;
    }
    char *copy = ta__strdup(e->d_name);
    if (!copy) {
      st = TA_ENOMEM;
      break;
    }
    f.ext = copy + (f.ext - f.file);
    f.file = copy;
    files[n++] = f;
  }
  closedir(d);
  if (st != TA_OK) {
    for (size_t i = 0; i < n; i++) free((char *)files[i].file);
    free(files);
    return ta__fail(err, st, "%s: out of memory", dir);
  }
  *out = files;
  *nout = n;
  return TA_OK;
}

ta_status ta_batch_pair_dir(const char *dir, const char *src_lang,
                            const char *tgt_lang, ta_note note,
                            ta_batch_list **out, ta_error *err) {
  if (!dir || !out) return ta__fail(err, TA_EINVAL, "batch: missing argument");
  if (!src_lang || !tgt_lang || !*src_lang || !*tgt_lang ||
      ta_tmx_lang_equal(src_lang, tgt_lang))
    return ta__fail(err, TA_EINVAL, "%s: pairing needs two different languages",
                    dir);
  dir_file *files = NULL;
  size_t n = 0;
  ta_status st = scan_dir(dir, src_lang, tgt_lang, note, &files, &n, err);
  if (st != TA_OK) return st;
  ta_batch_list *l = NULL;
  st = list_new(&l, err);
  if (st == TA_OK) {
    st = pair_files(dir, files, n, src_lang, tgt_lang, note.fn, note.user, l);
    if (st != TA_OK) ta__fail(err, st, "%s: out of memory", dir);
  }
  for (size_t i = 0; i < n; i++) free((char *)files[i].file);
  free(files);
  if (st != TA_OK) {
    ta_batch_list_free(l);
    return st;
  }
  *out = l;
  return TA_OK;
}
