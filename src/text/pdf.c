/* PDF documents through poppler (Debian's libpoppler-glib-dev, an optional
 * build dependency: without it a PDF is refused with what to do).
 *
 * Does: open the bytes with poppler; take each page's text layer in
 * reading order (poppler_page_get_text) with the box of every character
 * (poppler_page_get_text_layout), so that lines have a vertical position;
 * drop running headers and footers (a first or last line of a page that
 * repeats, digits aside, on at least half of the pages) and page numbers
 * (a first or last line that is only a number); undo hyphenation at line
 * ends ("trans-" + "lation" -> "translation" when the next line goes on in
 * lowercase); join the lines of a paragraph with a space; end a paragraph
 * at a vertical gap wider than 1.5 line spacings (a blank line), or at a
 * page end after a sentence end.
 * Locations: a sentence's line is its page (1-based) and [offset, end)
 * its bytes in that page's text layer (as poppler_page_get_text gives
 * it), as office.c gives a paragraph number and the bytes of its element:
 * a place a user can find, where bytes of the PDF file mean nothing.
 * Errors: a damaged or truncated PDF, an encrypted one (a password to
 * open it), one without a text layer (scanned pages): TA_EPARSE, naming
 * the file and what to do.
 * Memory: the page texts, the lines and one paragraph at a time. */
#include <stdlib.h>
#include <string.h>

#include "text/text_int.h"

#ifndef TA_HAVE_POPPLER

ta_status ta__pdf_load(const char *name, const unsigned char *data, size_t len,
                       const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                       ta_error *err) {
  (void)o, (void)sp, (void)d;
  return ta__fail(err, TA_EPARSE,
                  "%s: %s; this tmxalign was built without PDF support; "
                  "install libpoppler-glib-dev and rebuild, or convert the "
                  "PDF to text",
                  name,
                  len >= 5 && !memcmp(data, "%PDF-", 5)
                      ? "a PDF document"
                      : "named .pdf but not a PDF document (no %PDF- at its "
                        "start)");
}

#else

#include <ctype.h>
#include <poppler.h>
#include <unicode/utf8.h>

typedef struct line {
  size_t page;      /* 0-based */
  size_t off, len;  /* bytes in the page's text */
  double top, left; /* of its first character */
  bool drop;        /* header, footer, page number */
} line;

typedef struct pdf {
  const char *name;
  const ta_split_opts *o;
  ta__splitter *sp;
  ta_doc *d;
  char **text; /* per page */
  size_t npages;
  line *lines;
  size_t nlines, lcap;
  char *buf; /* the paragraph being joined */
  size_t blen, bcap;
  size_t *at; /* for each joined line: where it starts in buf */
  size_t *at_line;
  size_t nat, atcap, atlcap;
  size_t para;
} pdf;

/* Lines of page k: split its text at '\n', with the box of the first
 * character (the layout has one box per character of the text). */
static ta_status page_lines(pdf *p, PopplerPage *pg, size_t k) {
  char *t = poppler_page_get_text(pg);
  PopplerRectangle *r = NULL;
  guint nr = 0;
  if (!poppler_page_get_text_layout(pg, &r, &nr)) nr = 0;
  p->text[k] = t ? ta__strdup(t) : ta__strdup("");
  g_free(t);
  if (!p->text[k]) {
    g_free(r);
    return TA_ENOMEM;
  }
  const char *s = p->text[k];
  size_t n = strlen(s), i = 0, ch = 0; /* ch: characters before i */
  while (i < n) {
    size_t j = i, chars = 0;
    while (j < n && s[j] != '\n') {
      if (((unsigned char)s[j] & 0xC0) != 0x80) chars++;
      j++;
    }
    size_t a = i, z = j;
    while (a < z && isspace((unsigned char)s[a])) a++;
    while (z > a && isspace((unsigned char)s[z - 1])) z--;
    if (z > a) {
      if (ta__reserve(&p->lines, &p->lcap, p->nlines + 1) != TA_OK) {
        g_free(r);
        return TA_ENOMEM;
      }
      line *l = &p->lines[p->nlines++];
      *l = (line){k, a, z - a, 0, 0, false};
      if (ch < nr) {
        l->top = r[ch].y1;
        l->left = r[ch].x1;
      }
    }
    ch += chars + 1; /* the newline has a box too */
    i = j + 1;
  }
  g_free(r);
  return TA_OK;
}

/* A line's text with digits folded, for comparing headers across pages. */
static void shape(const pdf *p, const line *l, char *out, size_t cap) {
  const char *s = p->text[l->page] + l->off;
  size_t o = 0;
  for (size_t i = 0; i < l->len && o + 1 < cap; i++)
    out[o++] = isdigit((unsigned char)s[i]) ? '#' : s[i];
  out[o] = 0;
}

/* A page number: digits with at most spaces, dashes, dots, slashes or
 * brackets around them ("12", "- 12 -", "– 12 –", "12/40", "[12]"). */
static bool only_number(const pdf *p, const line *l) {
  const char *s = p->text[l->page] + l->off;
  bool digit = false;
  for (size_t i = 0; i < l->len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (isdigit(c)) {
      digit = true;
    } else if (i + 3 <= l->len && !memcmp(s + i, "\xE2\x80\x93", 3)) {
      i += 2; /* an en dash */
    } else if (!strchr(" -/.()[]|", c) || !c) {
      return false;
    }
  }
  return digit;
}

/* Index of the first (last: from the end) kept line of page k, or -1. */
static long edge(const pdf *p, const size_t *first, size_t k, bool last) {
  size_t a = first[k], z = first[k + 1];
  if (!last) {
    for (size_t i = a; i < z; i++)
      if (!p->lines[i].drop) return (long)i;
  } else {
    for (size_t i = z; i > a; i--)
      if (!p->lines[i - 1].drop) return (long)(i - 1);
  }
  return -1;
}

/* Headers, footers and page numbers: two rounds at each edge (a title
 * line above a page number, say). */
static ta_status drop_running(pdf *p) {
  if (p->npages < 2) return TA_OK;
  size_t *first = ta__calloc(p->npages + 1, sizeof *first);
  char *a = ta__malloc(512), *b = ta__malloc(512);
  if (!first || !a || !b) {
    free(first), free(a), free(b);
    return TA_ENOMEM;
  }
  for (size_t i = 0, k = 0; k <= p->npages; k++) {
    while (i < p->nlines && p->lines[i].page < k) i++;
    first[k] = i;
  }
  for (int round = 0; round < 2; round++)
    for (int last = 0; last < 2; last++) {
      long *e = ta__malloc(p->npages * sizeof *e);
      if (!e) {
        free(first), free(a), free(b);
        return TA_ENOMEM;
      }
      for (size_t k = 0; k < p->npages; k++) e[k] = edge(p, first, k, last);
      for (size_t k = 0; k < p->npages; k++) {
        if (e[k] < 0) continue;
        line *l = &p->lines[e[k]];
        if (only_number(p, l)) {
          l->drop = true;
          continue;
        }
        shape(p, l, a, 512);
        size_t same = 0;
        for (size_t m = 0; m < p->npages; m++) {
          if (e[m] < 0) continue;
          shape(p, &p->lines[e[m]], b, 512);
          same += !strcmp(a, b);
        }
        if (same >= 2 && 2 * same >= p->npages) l->drop = true;
      }
      free(e);
    }
  free(first), free(a), free(b);
  return TA_OK;
}

static ta_status add_sentence(void *vctx, const char *text, size_t len,
                              size_t b, size_t e, bool cut) {
  pdf *p = vctx;
  /* The joined lines holding b and e - 1. */
  size_t i = 0, j = 0;
  while (i + 1 < p->nat && p->at[i + 1] <= b) i++;
  j = i;
  while (j + 1 < p->nat && p->at[j + 1] < e) j++;
  const line *lb = &p->lines[p->at_line[i]], *le = &p->lines[p->at_line[j]];
  if (cut)
    ta__warnf(p->o,
              "%s: page %zu: sentence longer than %zu bytes cut "
              "(max_sentence_bytes)",
              p->name, lb->page + 1, p->o->max_sentence_bytes);
  /* Within a line, bytes of the page text (a hyphen undone shifts the
   * rest of the word by one); a sentence going on to the next page ends
   * with its first page's line. */
  size_t kb = b - p->at[i], ke = e - p->at[j];
  size_t off = lb->off + (kb < lb->len ? kb : lb->len);
  size_t end = le->page == lb->page ? le->off + (ke < le->len ? ke : le->len)
                                    : lb->off + lb->len;
  if (end < off) end = off;
  return ta__doc_add(p->d, text, len, off, end, lb->page + 1, p->para);
}

static ta_status flush(pdf *p) {
  if (!p->blen) return TA_OK;
  size_t ok = ta__utf8_check((const unsigned char *)p->buf, p->blen);
  size_t before = p->d->count;
  ta_status st = ta__splitter_run(p->sp, p->buf, ok, add_sentence, p);
  if (p->d->count > before) p->para++;
  p->blen = p->nat = 0;
  return st;
}

static ta_status append(pdf *p, const char *s, size_t k) {
  if (p->blen + k + 1 > p->o->max_input_bytes) return TA_ETOOBIG;
  if (ta__reserve(&p->buf, &p->bcap, p->blen + k + 1) != TA_OK)
    return TA_ENOMEM;
  memcpy(p->buf + p->blen, s, k);
  p->blen += k;
  return TA_OK;
}

/* Whether a paragraph can go on after line l (ends without a sentence
 * end), for a paragraph running over a page break. */
static bool open_end(const pdf *p, const line *l) {
  const char *s = p->text[l->page] + l->off;
  unsigned char c = (unsigned char)s[l->len - 1];
  if (strchr(".!?:;\"", c)) return false;
  if (l->len >= 2 && !memcmp(s + l->len - 2, "\xC2\xBB", 2)) return false;
  if (l->len >= 3 && (!memcmp(s + l->len - 3, "\xE2\x80\x9D", 3) ||
                      !memcmp(s + l->len - 3, "\xE2\x80\xA6", 3)))
    return false;
  return true;
}

/* A hyphen at the end of prev (after a letter) and a lowercase start of
 * next: the word was cut by the layout, join it without the hyphen. */
static bool hyphenated(const char *prev, size_t plen, const char *next) {
  if (plen < 2 || prev[plen - 1] != '-') return false;
  unsigned char before = (unsigned char)prev[plen - 2];
  if (!(isalpha(before) || before >= 0x80)) return false;
  UChar32 c;
  int32_t i = 0;
  U8_NEXT((const uint8_t *)next, i, 4, c);
  return c > 0 && u_islower(c);
}

static ta_status paragraphs(pdf *p) {
  /* Line spacing: the median of the gaps between consecutive lines of a
   * page (a blank line between paragraphs is twice it or more). */
  size_t ng = 0;
  double *g = ta__malloc((p->nlines + 1) * sizeof *g);
  if (!g) return TA_ENOMEM;
  for (size_t i = 1; i < p->nlines; i++)
    if (p->lines[i].page == p->lines[i - 1].page &&
        p->lines[i].top > p->lines[i - 1].top)
      g[ng++] = p->lines[i].top - p->lines[i - 1].top;
  for (size_t i = 1; i < ng; i++) /* insertion sort: a few thousand */
    for (size_t j = i; j > 0 && g[j - 1] > g[j]; j--) {
      double t = g[j];
      g[j] = g[j - 1];
      g[j - 1] = t;
    }
  double spacing = ng ? g[ng / 2] : 0;
  free(g);
  const line *prev = NULL;
  ta_status st = TA_OK;
  for (size_t i = 0; i < p->nlines && st == TA_OK; i++) {
    const line *l = &p->lines[i];
    if (l->drop) continue;
    const char *s = p->text[l->page] + l->off;
    bool brk = false;
    if (prev && prev->page == l->page)
      brk = spacing > 0 && (l->top - prev->top > 1.5 * spacing ||
                            l->top < prev->top); /* a new column */
    else if (prev)
      brk = !open_end(p, prev);
    if (brk) st = flush(p);
    if (st != TA_OK) break;
    if (p->blen) {
      if (hyphenated(p->buf, p->blen, s))
        p->blen--;
      else if (!(p->blen >= 2 && !memcmp(p->buf + p->blen - 2, "--", 2)))
        st = append(p, " ", 1); /* "poverty--" goes on as "--and" */
    }
    if (st == TA_OK &&
        (ta__reserve(&p->at, &p->atcap, p->nat + 1) != TA_OK ||
         ta__reserve(&p->at_line, &p->atlcap, p->nat + 1) != TA_OK))
      st = TA_ENOMEM;
    if (st != TA_OK) break;
    p->at[p->nat] = p->blen;
    p->at_line[p->nat++] = i;
    st = append(p, s, l->len);
    prev = l;
  }
  if (st == TA_OK) st = flush(p);
  return st;
}

static ta_status open_error(const char *name, GError *ge, ta_error *err) {
  ta_status st;
  if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
    st = ta__fail(err, TA_EPARSE,
                  "%s: a PDF document encrypted with a password to open it: "
                  "save an unprotected copy or its text first",
                  name);
  else
    st = ta__fail(err, TA_EPARSE,
                  "%s: a PDF document, damaged or truncated (%s): give the "
                  "complete file, or its text",
                  name, ge && ge->message ? ge->message : "cannot be opened");
  if (ge) g_error_free(ge);
  return st;
}

ta_status ta__pdf_load(const char *name, const unsigned char *data, size_t len,
                       const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                       ta_error *err) {
  if (len < 5 || memcmp(data, "%PDF-", 5))
    return ta__fail(err, TA_EPARSE,
                    "%s: named .pdf but not a PDF document (no %%PDF- at its "
                    "start): give the PDF itself, or name a text file .txt",
                    name);
  GError *ge = NULL;
  GBytes *bytes = g_bytes_new_static(data, len);
  PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
  g_bytes_unref(bytes);
  if (!doc) return open_error(name, ge, err);
  pdf p = {name, o, sp, d,    NULL, 0, NULL, 0, 0,
           NULL, 0, 0,  NULL, NULL, 0, 0,    0, 0};
  int n = poppler_document_get_n_pages(doc);
  p.npages = n > 0 ? (size_t)n : 0;
  p.text = ta__calloc(p.npages ? p.npages : 1, sizeof *p.text);
  ta_status st = p.text ? TA_OK : TA_ENOMEM;
  bool told = false; /* err already says what */
  for (size_t k = 0; st == TA_OK && k < p.npages; k++) {
    PopplerPage *pg = poppler_document_get_page(doc, (int)k);
    if (!pg) {
      st = ta__fail(err, TA_EPARSE, "%s: page %zu: damaged PDF page", name,
                    k + 1);
      told = true;
      break;
    }
    st = page_lines(&p, pg, k);
    g_object_unref(pg);
  }
  if (st == TA_OK && !p.nlines && p.npages && (told = true))
    st = ta__fail(err, TA_EPARSE,
                  "%s: a PDF document with no text layer in its %zu page(s) "
                  "(scanned or image-only): run OCR on it (ocrmypdf) or give "
                  "its text",
                  name, p.npages);
  if (st == TA_OK) st = drop_running(&p);
  if (st == TA_OK) st = paragraphs(&p);
  if (st != TA_OK && !told) ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  for (size_t k = 0; p.text && k < p.npages; k++) free(p.text[k]);
  free(p.text);
  free(p.lines);
  free(p.buf);
  free(p.at);
  free(p.at_line);
  g_object_unref(doc);
  return st;
}

#endif
