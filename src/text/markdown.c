/* Markdown as a document: a small reader of CommonMark's blocks of our
 * own (ATX and setext headings, paragraphs, list items, block quotes,
 * thematic breaks, fenced and indented code, HTML blocks, link reference
 * definitions), each heading, paragraph and list item a paragraph, and
 * the inline markup dropped from the text: emphasis and strong (* _ ~~),
 * code spans kept as their text, links [text](url) as their text, images
 * dropped, HTML tags dropped, backslash escapes and common entities
 * decoded.  Code blocks and HTML blocks are dropped: they are not prose,
 * and a translation repeats them unchanged.
 * Recognised by name (.md, .markdown) or asked for: Markdown cannot be
 * told from plain text by its content.  A sentence's line is the line
 * where its block starts; [offset, end) that block's first line.
 * Does not: nested list structure (every item is a paragraph), tables
 * beyond their cells' text, CommonMark's exact emphasis rules (a '*' or
 * '_' run touching a word is markup, one with spaces on both sides or '_'
 * inside a word is text).
 * Memory: the decoded file and one block of text. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text/text_int.h"

typedef struct mctx {
  const char *name;
  ta__text t;
  ta__buf raw;  /* the current block's lines, '\n' between them */
  ta__buf text; /* its inline text */
  ta__para para;
  size_t block_line, block_off, block_end;
} mctx;

/* ---- inlines ---- */

static bool is_punct(char c) { return c > 0 && ispunct((unsigned char)c); }

/* Position after the matching ']' of the '[' at i, or 0. */
static size_t bracket_end(const char *p, size_t n, size_t i) {
  int depth = 0;
  for (size_t k = i; k < n; k++) {
    if (p[k] == '\\') {
      k++;
      continue;
    }
    if (p[k] == '[') depth++;
    if (p[k] == ']' && --depth == 0) return k + 1;
  }
  return 0;
}

/* Position after the "(url ...)" or "[ref]" that follows a link text, or
 * the same position when there is none. */
static size_t link_tail(const char *p, size_t n, size_t k) {
  if (k < n && p[k] == '(') {
    int depth = 0;
    for (size_t j = k; j < n; j++) {
      if (p[j] == '\\') {
        j++;
        continue;
      }
      if (p[j] == '(') depth++;
      if (p[j] == ')' && --depth == 0) return j + 1;
    }
  }
  if (k < n && p[k] == '[') {
    size_t e = bracket_end(p, n, k);
    if (e) return e;
  }
  return k;
}

static ta_status inl(mctx *c, const char *p, size_t n);

static ta_status inl_one(mctx *c, const char *p, size_t n, size_t *pi) {
  ta__buf *o = &c->text;
  size_t i = *pi;
  char ch = p[i];
  if (ch == '\\' && i + 1 < n && (is_punct(p[i + 1]) || p[i + 1] == '\n')) {
    *pi = i + 2;
    return ta__buf_addc(o, p[i + 1] == '\n' ? ' ' : p[i + 1]);
  }
  if (ch == '`') {
    size_t run = 0;
    while (i + run < n && p[i + run] == '`') run++;
    for (size_t k = i + run; k < n; k++) {
      if (p[k] != '`') continue;
      size_t r = 0;
      while (k + r < n && p[k + r] == '`') r++;
      if (r == run) {
        size_t b = i + run, e = k;
        if (e - b >= 2 && p[b] == ' ' && p[e - 1] == ' ') b++, e--;
        *pi = k + r;
        return ta__buf_add(o, p + b, e - b);
      }
      k += r - 1;
    }
    *pi = i + run; /* no closing run: the backticks are text */
    return ta__buf_add(o, p + i, run);
  }
  if (ch == '!' && i + 1 < n && p[i + 1] == '[') {
    size_t e = bracket_end(p, n, i + 1);
    if (e && link_tail(p, n, e) > e) {
      *pi = link_tail(p, n, e); /* an image: no text */
      return TA_OK;
    }
  }
  if (ch == '[') {
    size_t e = bracket_end(p, n, i);
    if (e && i + 1 < n && p[i + 1] == '^') { /* a footnote call */
      *pi = e;
      return TA_OK;
    }
    if (e) {
      *pi = link_tail(p, n, e);
      return inl(c, p + i + 1, e - i - 2);
    }
  }
  if (ch == '<') {
    size_t k = i + 1;
    if (k < n && (isalpha((unsigned char)p[k]) || p[k] == '/' || p[k] == '!')) {
      const char *gt = memchr(p + k, '>', n - k);
      if (gt) {
        /* <https://...> is an autolink: its text is the address */
        size_t e = (size_t)(gt - p);
        const char *colon = memchr(p + k, ':', e - k);
        bool autolink = colon && !memchr(p + k, ' ', e - k);
        *pi = e + 1;
        return autolink ? ta__buf_add(o, p + k, e - k) : TA_OK;
      }
    }
  }
  if (ch == '&') {
    static const struct {
      const char *ent, *text;
    } ents[] = {{"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"},
                {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}};
    for (size_t e = 0; e < sizeof ents / sizeof ents[0]; e++) {
      size_t k = strlen(ents[e].ent);
      if (n - i >= k && !memcmp(p + i, ents[e].ent, k)) {
        *pi = i + k;
        return ta__buf_add(o, ents[e].text, strlen(ents[e].text));
      }
    }
  }
  if (ch == '*' || ch == '_' || (ch == '~' && i + 1 < n && p[i + 1] == '~')) {
    size_t run = 0;
    while (i + run < n && p[i + run] == ch) run++;
    bool sp_before = i == 0 || isspace((unsigned char)p[i - 1]);
    bool sp_after = i + run >= n || isspace((unsigned char)p[i + run]);
    bool word_before = i > 0 && isalnum((unsigned char)p[i - 1]);
    bool word_after = i + run < n && isalnum((unsigned char)p[i + run]);
    bool markup =
        !(sp_before && sp_after) && !(ch == '_' && word_before && word_after);
    *pi = i + run;
    return markup ? TA_OK : ta__buf_add(o, p + i, run);
  }
  *pi = i + 1;
  return ta__buf_addc(o, ch);
}

static ta_status inl(mctx *c, const char *p, size_t n) {
  ta_status st = TA_OK;
  for (size_t i = 0; i < n && st == TA_OK;) st = inl_one(c, p, n, &i);
  return st;
}

static ta_status flush(mctx *c) {
  if (!c->raw.len) return TA_OK;
  ta__buf_reset(&c->text);
  ta_status st = inl(c, c->raw.p, c->raw.len);
  c->para.off = c->block_off;
  c->para.end = c->block_end;
  c->para.line = c->block_line;
  if (st == TA_OK && c->text.len)
    st = ta__para_emit(&c->para, c->text.p, c->text.len);
  ta__buf_reset(&c->raw);
  return st;
}

static ta_status add_line(mctx *c, const char *p, size_t n, size_t line,
                          size_t b, size_t e) {
  if (!c->raw.len) {
    c->block_line = line;
    c->block_off = ta__text_orig(&c->t, b);
    c->block_end = ta__text_orig(&c->t, e);
  }
  ta_status st = c->raw.len ? ta__buf_addc(&c->raw, '\n') : TA_OK;
  return st == TA_OK ? ta__buf_add(&c->raw, p, n) : st;
}

/* ---- blocks ---- */

static size_t indent(const char *p, size_t n, size_t *cols) {
  size_t i = 0, col = 0;
  for (; i < n && (p[i] == ' ' || p[i] == '\t'); i++)
    col += p[i] == '\t' ? 4 - col % 4 : 1;
  *cols = col;
  return i;
}

/* A thematic break: three or more of one of - * _, spaces between. */
static bool thematic(const char *p, size_t n) {
  char ch = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == ' ' || p[i] == '\t') continue;
    if (!ch && strchr("-*_", p[i])) ch = p[i];
    if (p[i] != ch) return false;
    k++;
  }
  return k >= 3;
}

/* A list marker at p: its length with the space after it, or 0. */
static size_t list_marker(const char *p, size_t n) {
  size_t i = 0;
  if (n && strchr("-*+", p[0]))
    i = 1;
  else {
    while (i < n && i < 9 && isdigit((unsigned char)p[i])) i++;
    if (!i || i >= n || (p[i] != '.' && p[i] != ')')) return 0;
    i++;
  }
  if (i == n) return i;
  return p[i] == ' ' || p[i] == '\t' ? i + 1 : 0;
}

static bool setext_line(const char *p, size_t n) {
  size_t i = 0;
  if (!n || (p[0] != '=' && p[0] != '-')) return false;
  while (i < n && p[i] == p[0]) i++;
  while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
  return i == n;
}

static ta_status parse(mctx *c) {
  const char *p = c->t.p;
  size_t len = c->t.len, i = 0, line = 0;
  char fence = 0;
  size_t fence_len = 0;
  bool html_comment = false, in_list = false;
  ta_status st = TA_OK;
  while (st == TA_OK && i < len) {
    const char *nl = memchr(p + i, '\n', len - i);
    size_t b = i, e = nl ? (size_t)(nl - p) : len;
    i = nl ? e + 1 : len;
    line++;
    while (e > b && p[e - 1] == '\r') e--;
    const char *s = p + b;
    size_t n = e - b, cols;
    if (html_comment) {
      for (size_t k = 0; k + 3 <= n; k++)
        if (!memcmp(s + k, "-->", 3)) html_comment = false;
      continue;
    }
    size_t k = indent(s, n, &cols);
    if (fence) { /* inside fenced code: only the closing fence counts */
      size_t r = 0;
      while (k + r < n && s[k + r] == fence) r++;
      if (cols < 4 && r >= fence_len && k + r == n) fence = 0;
      continue;
    }
    /* block quote markers: the text inside is read as any other */
    while (cols < 4 && k < n && s[k] == '>') {
      k++;
      if (k < n && s[k] == ' ') k++;
      size_t more = indent(s + k, n - k, &cols);
      k += more;
    }
    const char *q = s + k;
    size_t m = n - k;
    if (!m) { /* blank: ends a paragraph */
      st = flush(c);
      continue;
    }
    if (cols >= 4 && !c->raw.len && !in_list) continue; /* indented code */
    if (cols < 4 && m >= 3 && (!memcmp(q, "```", 3) || !memcmp(q, "~~~", 3))) {
      st = flush(c);
      fence = q[0];
      fence_len = 0;
      while (fence_len < m && q[fence_len] == fence) fence_len++;
      continue;
    }
    if (q[0] == '#') {
      size_t h = 0;
      while (h < m && q[h] == '#') h++;
      if (h <= 6 && (h == m || q[h] == ' ' || q[h] == '\t')) {
        st = flush(c);
        size_t z = m;
        while (z > h && (q[z - 1] == ' ' || q[z - 1] == '\t')) z--;
        size_t zz = z;
        while (zz > h && q[zz - 1] == '#') zz--;
        if (zz == h || q[zz - 1] == ' ' || q[zz - 1] == '\t') z = zz;
        if (st == TA_OK) st = add_line(c, q + h, z - h, line, b, e);
        if (st == TA_OK) st = flush(c);
        continue;
      }
    }
    if (c->raw.len && setext_line(q, m)) { /* the paragraph was a heading */
      st = flush(c);
      continue;
    }
    if (thematic(q, m)) {
      st = flush(c);
      continue;
    }
    if (m >= 4 && !memcmp(q, "<!--", 4)) {
      st = flush(c);
      html_comment = true;
      for (size_t j = 4; j + 3 <= m; j++)
        if (!memcmp(q + j, "-->", 3)) html_comment = false;
      continue;
    }
    if (!c->raw.len && q[0] == '<' && q[m - 1] == '>' && m > 2 &&
        (isalpha((unsigned char)q[1]) || q[1] == '/'))
      continue; /* a line of an HTML block */
    if (!c->raw.len && q[0] == '[' && (m < 2 || q[1] != '^')) {
      size_t z = bracket_end(q, m, 0);
      if (z && z < m && q[z] == ':') continue; /* a link reference */
    }
    size_t lm = list_marker(q, m);
    if (lm) { /* a new item: a paragraph of its own */
      st = flush(c);
      in_list = true;
      q += lm;
      m -= lm;
      while (m && (*q == ' ' || *q == '\t')) q++, m--;
      if (m >= 4 && !memcmp(q, "[ ] ", 4)) q += 4, m -= 4; /* task box */
      if (m >= 4 && (!memcmp(q, "[x] ", 4) || !memcmp(q, "[X] ", 4)))
        q += 4, m -= 4;
    } else if (!c->raw.len && cols == 0) {
      in_list = false;
    }
    if (st == TA_OK && m) st = add_line(c, q, m, line, b, e);
  }
  if (st == TA_OK) st = flush(c);
  return st;
}

ta_status ta__markdown_load(const char *name, const unsigned char *data,
                            size_t len, const ta_split_opts *o,
                            ta__splitter *sp, ta_doc *d, ta_error *err) {
  mctx c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.para = (ta__para){sp, d, d->paragraphs, 0, 0, 0};
  ta__buf_init(&c.raw, SIZE_MAX);
  ta__buf_init(&c.text, SIZE_MAX);
  ta_status st = ta__decode(name, data, len, o, &c.t, err);
  if (st == TA_OK) st = ta__doc_set_encoding(d, c.t.encoding);
  if (st == TA_OK) {
    st = parse(&c);
    if (st != TA_OK && !(err && err->status == st))
      st = ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  }
  ta__text_free(&c.t);
  ta__buf_free(&c.raw);
  ta__buf_free(&c.text);
  return st;
}
