/* Loading a document: read the file, check the options and the language
 * tag, decode (decode.c), cut plain text into paragraphs (blank lines) or
 * presplit segments (one per line), run the splitter (split.c) and store
 * the sentences with their original byte offsets and lines.  HTML goes to
 * html.c instead, zips to office.c, XLIFF and PO to bitext.c, subtitles
 * to subtitles.c, Markdown to markdown.c.
 * Does not: decide sentence boundaries or normalise text (split.c).
 * Memory: the file is read whole (its size is known from stat, so no
 * doubling); the document holds every sentence; the splitter's working
 * memory is bounded by max_sentence_bytes. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/uloc.h>

#include "text/srx.h"
#include "text/text_int.h"

void ta_split_opts_init(ta_split_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->input = TA_INPUT_AUTO;
  o->max_input_bytes = (size_t)1 << 30;
  o->max_sentence_bytes = (size_t)1 << 20;
}

/* Line ends: LF, CRLF and CR alone (old Mac files) each end one line.
 * The next LF and the next CR are remembered, so that a file with only
 * one kind is scanned once, not once a line. */
typedef struct eol {
  const char *p;
  size_t len, lf, cr; /* next LF / CR at or after the last query; len: none */
  bool known;
} eol;

static void eol_init(eol *e, const char *p, size_t len) {
  *e = (eol){p, len, 0, 0, false};
}

/* Position of the first line end at or after i (len when none); *width is
 * its length in bytes (2 for CRLF). */
static size_t eol_next(eol *e, size_t i, size_t *width) {
  if (!e->known || e->lf < i) {
    const char *q = i < e->len ? memchr(e->p + i, '\n', e->len - i) : NULL;
    e->lf = q ? (size_t)(q - e->p) : e->len;
  }
  if (!e->known || e->cr < i) {
    const char *q = i < e->len ? memchr(e->p + i, '\r', e->len - i) : NULL;
    e->cr = q ? (size_t)(q - e->p) : e->len;
  }
  e->known = true;
  size_t j = e->lf < e->cr ? e->lf : e->cr;
  *width = j == e->len                                           ? 0
           : j == e->cr && j + 1 < e->len && e->p[j + 1] == '\n' ? 2
                                                                 : 1;
  return j;
}

/* 1-based line of position u (line ends counted from the start). */
static size_t line_of(const char *p, size_t len, size_t u) {
  eol e;
  eol_init(&e, p, len);
  size_t line = 1, i = 0, w;
  for (size_t j; (j = eol_next(&e, i, &w)) < u; i = j + w) line++;
  return line;
}

/* Where sentences of the current paragraph go. */
typedef struct sink_ctx {
  ta_doc *d;
  const ta__text *t;
  const ta_split_opts *o;
  size_t para_base;      /* text position of the paragraph */
  size_t para;           /* its index */
  size_t line_pos, line; /* line counting cursor, moves forward only */
  eol lines;
} sink_ctx;

static ta_status add_sentence(void *vctx, const char *text, size_t len,
                              size_t b, size_t e, bool cut) {
  sink_ctx *c = vctx;
  size_t u = c->para_base + b;
  /* Sentences arrive in order, so lines are counted once overall. */
  while (c->line_pos < u) {
    size_t w, j = eol_next(&c->lines, c->line_pos, &w);
    if (j >= u) {
      c->line_pos = u;
      break;
    }
    c->line++;
    c->line_pos = j + w;
  }
  size_t off = ta__text_orig(c->t, u);
  if (cut)
    ta__warnf(c->o,
              "%s: byte %zu: sentence longer than %zu bytes cut "
              "(max_sentence_bytes)",
              c->d->name, off, c->o->max_sentence_bytes);
  return ta__doc_add(c->d, text, len, off,
                     ta__text_orig(c->t, c->para_base + e), c->line, c->para);
}

static bool blank(const char *p, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!strchr(" \t\r\f\v", p[i])) return false;
  return true;
}

static ta_status split_text(ta__splitter *sp, sink_ctx *c, bool presplit,
                            ta_error *err) {
  const char *p = c->t->p;
  size_t len = c->t->len, i = 0, start = 0, end = 0, w = 0;
  bool in_para = false;
  eol e;
  eol_init(&e, p, len);
  while (i <= len) {
    size_t j = eol_next(&e, i, &w);
    bool is_blank = blank(p + i, j - i);
    ta_status st = TA_OK;
    if (presplit && !is_blank) {
      if (j - i > c->o->max_sentence_bytes) {
        size_t line = line_of(p, len, i);
        return ta__fail(err, TA_ETOOBIG,
                        "%s: byte %zu: line %zu: segment "
                        "longer than %zu bytes (max_sentence_bytes)",
                        c->d->name, ta__text_orig(c->t, i), line,
                        c->o->max_sentence_bytes);
      }
      c->para_base = i;
      size_t before = c->d->count;
      st = ta__splitter_segment(sp, p + i, j - i, add_sentence, c);
      in_para = in_para || c->d->count > before;
    } else if (!presplit && !is_blank) {
      if (!in_para) start = i;
      in_para = true;
      end = j;
    }
    if (st == TA_OK && (is_blank || j == len) && in_para) {
      size_t before = c->d->count;
      if (!presplit) {
        c->para_base = start;
        st = ta__splitter_run(sp, p + start, end - start, add_sentence, c);
      }
      if (c->d->count > before || presplit) c->para++;
      in_para = false;
    }
    if (st != TA_OK) return st;
    i = j + (w ? w : 1);
  }
  return TA_OK;
}

static bool has_ext(const char *name, const char *const *exts, size_t k) {
  size_t n = strlen(name);
  for (size_t i = 0; i < k; i++) {
    size_t e = strlen(exts[i]);
    if (n >= e && !strcasecmp(name + n - e, exts[i])) return true;
  }
  return false;
}

static bool is_text_name(const char *name) {
  static const char *const exts[] = {".txt", ".text"};
  return has_ext(name, exts, sizeof exts / sizeof exts[0]);
}

static bool is_html_name(const char *name) {
  static const char *const exts[] = {".html", ".htm", ".xhtml"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    size_t k = strlen(exts[i]);
    if (n >= k && !strcasecmp(name + n - k, exts[i])) return true;
  }
  return false;
}

static bool is_pdf_name(const char *name) {
  static const char *const exts[] = {".pdf"};
  return has_ext(name, exts, 1);
}

static bool is_markdown_name(const char *name) {
  static const char *const exts[] = {".md", ".markdown"};
  return has_ext(name, exts, sizeof exts / sizeof exts[0]);
}

/* The kind AUTO stands for, by content (and names for HTML, text and
 * Markdown, which content cannot tell from text); *zip for office.c. */
static ta_input_kind auto_kind(const char *name, const unsigned char *bytes,
                               size_t len, bool *zip, ta_status *st,
                               ta_error *err) {
  const char *what, *todo;
  ta__sniffed s = ta__sniff(bytes, len, &what, &todo);
  *zip = s == TA__SNIFF_ZIP;
  switch (s) {
    case TA__SNIFF_REFUSED:
      *st = ta__sniff_refuse(name, what, todo, err);
      return TA_INPUT_TEXT;
    case TA__SNIFF_XLIFF:
      return TA_INPUT_XLIFF;
    case TA__SNIFF_PO:
      return TA_INPUT_PO;
    case TA__SNIFF_SRT:
      return TA_INPUT_SRT;
    case TA__SNIFF_VTT:
      return TA_INPUT_VTT;
    case TA__SNIFF_PDF:
      return TA_INPUT_PDF;
    default:
      break;
  }
  /* A .pdf name claims a PDF: what is not one is an error, not text. */
  if (s == TA__SNIFF_TEXT && is_pdf_name(name)) return TA_INPUT_PDF;
  if (is_html_name(name) || (s == TA__SNIFF_HTML && !is_text_name(name)))
    return TA_INPUT_HTML;
  return is_markdown_name(name) ? TA_INPUT_MARKDOWN : TA_INPUT_TEXT;
}

static ta_status load_text(const char *name, const unsigned char *data,
                           size_t len, const ta_split_opts *o, ta__splitter *sp,
                           ta_doc *d, ta_error *err) {
  ta__text t;
  ta_status st = ta__decode(name, data, len, o, &t, err);
  if (st != TA_OK) {
    ta__text_free(&t); /* a failed transcoding may leave a partial map */
    return st;
  }
  st = ta__doc_set_encoding(d, t.encoding);
  /* The sentence texts are at most the text plus a NUL each: reserve that
   * once (pages never written cost nothing) instead of doubling. */
  size_t guess = t.len + t.len / 16 + 64;
  char *arena = st == TA_OK && !d->arena ? ta__malloc(guess) : NULL;
  if (arena) {
    d->arena = arena;
    d->arena_cap = guess;
  }
  sink_ctx c = {d, &t, o, 0, 0, 0, 1, {0}};
  eol_init(&c.lines, t.p, t.len);
  if (st == TA_OK) st = split_text(sp, &c, o->input == TA_INPUT_PRESPLIT, err);
  if (st != TA_OK && st != TA_ETOOBIG)
    ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  ta__text_free(&t);
  return st;
}

ta_status ta_doc_load_mem(const char *name, const void *data, size_t len,
                          const ta_split_opts *o, ta_doc **out, ta_error *err) {
  if (!name) name = "<memory>";
  if (!out || !data || !o)
    return ta__fail(err, TA_EINVAL, "%s: missing argument: %s", name,
                    !out    ? "out"
                    : !data ? "data"
                            : "options");
  if (!o->lang || !o->lang[0])
    return ta__fail(err, TA_EINVAL,
                    "%s: no language given (a BCP-47 tag such as fr, en)",
                    name);
  if (o->max_sentence_bytes && o->max_sentence_bytes < TA__MIN_SENTENCE)
    return ta__fail(err, TA_EINVAL,
                    "%s: max_sentence_bytes %zu is below "
                    "%d, the bytes of one UTF-8 character: use %d or more",
                    name, o->max_sentence_bytes, TA__MIN_SENTENCE,
                    TA__MIN_SENTENCE);
  char icu[ULOC_FULLNAME_CAPACITY], bcp[ULOC_FULLNAME_CAPACITY];
  ta_status st =
      ta__lang_resolve(o->lang, icu, sizeof icu, bcp, sizeof bcp, err);
  if (st != TA_OK) return st;
  size_t max = o->max_input_bytes ? o->max_input_bytes : (size_t)1 << 30;
  if (len > max)
    return ta__fail(err, TA_ETOOBIG,
                    "%s: %zu bytes exceeds the limit of %zu "
                    "(max_input_bytes)",
                    name, len, max);
  ta_doc *d = NULL;
  ta__splitter *sp = NULL;
  if (ta__doc_new(name, bcp, &d) != TA_OK)
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  st = ta__splitter_new(icu, o->max_sentence_bytes, &sp, err);
  ta__srx *srx = NULL;
  if (st == TA_OK && o->srx && o->input != TA_INPUT_PRESPLIT) {
    st = ta__srx_load(o->srx, bcp, o, &srx, err);
    ta__splitter_use_srx(sp, srx);
  }
  ta_input_kind kind = o->input;
  const unsigned char *bytes = data;
  bool zip = false;
  if (st == TA_OK && kind == TA_INPUT_AUTO)
    kind = auto_kind(name, bytes, len, &zip, &st, err);
  zip = zip || kind == TA_INPUT_DOCX || kind == TA_INPUT_ODT ||
        kind == TA_INPUT_EPUB;
  ta_split_opts oo = *o;
  oo.input = kind;
  oo.max_input_bytes = max;
  if (!oo.max_sentence_bytes) oo.max_sentence_bytes = (size_t)1 << 20;
  if (st == TA_OK && kind == TA_INPUT_PDF) {
    st = ta__pdf_load(name, bytes, len, &oo, sp, d, err);
  } else if (st == TA_OK && zip) {
    st = ta__office_load(name, bytes, len, o->input, &oo, sp, d, err);
  } else if (st == TA_OK && (kind == TA_INPUT_XLIFF || kind == TA_INPUT_PO)) {
    st = ta__bitext_doc_load(name, bytes, len, &oo, sp, d, err);
  } else if (st == TA_OK && (kind == TA_INPUT_SRT || kind == TA_INPUT_VTT)) {
    st = ta__subtitles_load(name, bytes, len, kind == TA_INPUT_VTT, &oo, sp, d,
                            err);
  } else if (st == TA_OK && kind == TA_INPUT_MARKDOWN) {
    st = ta__markdown_load(name, bytes, len, &oo, sp, d, err);
  } else if (st == TA_OK && kind == TA_INPUT_HTML) {
    d->html = true;
    st = ta__html_load(name, data, len, &oo, sp, d, false, err);
  } else if (st == TA_OK) {
    st = load_text(name, data, len, &oo, sp, d, err);
  }
  ta__splitter_free(sp);
  ta__srx_free(srx);
  if (st != TA_OK) {
    ta_doc_free(d);
    return st;
  }
  if (!d->count) ta__warnf(o, "%s: empty input: no sentences", name);
  ta__doc_finish(d);
  *out = d;
  return TA_OK;
}

ta_status ta_doc_load_file(const char *path, const ta_split_opts *o,
                           ta_doc **out, ta_error *err) {
  if (!path || !o || !out)
    return ta__fail(err, TA_EINVAL, "%s: missing argument: %s",
                    path ? path : "<file>",
                    !path ? "path"
                    : !o  ? "options"
                          : "out");
  size_t max = o->max_input_bytes ? o->max_input_bytes : (size_t)1 << 30;
  char *buf = NULL;
  size_t n = 0;
  ta_status st = ta__read_file(path, 0, max, "max_input_bytes", &buf, &n, err);
  if (st != TA_OK) return st;
  /* "-" is standard input, named as the CLI has always named it. */
  st = ta_doc_load_mem(strcmp(path, "-") ? path : "<stdin>", buf, n, o, out,
                       err);
  free(buf);
  return st;
}
