/* HTML/XHTML input: libxml2's forgiving HTML parser, then the text of each
 * block element (p, h1-h6, li, blockquote, td, th, title, dd, dt,
 * figcaption, pre) becomes a paragraph for the splitter.  Text outside
 * those blocks (directly in a div or body) also forms paragraphs, cut at
 * every block or container boundary.  script, style, nav, noscript,
 * template, svg and math are skipped; entities come decoded.
 * Offsets are best effort: every sentence of a paragraph carries the line
 * on which the element holding the paragraph's first text starts, and
 * [offset, end) is that whole source line (without its newline).
 * Does not: network access (HTML_PARSE_NONET), DTD loading, or report
 * markup errors (HTML_PARSE_NOERROR: tag soup is normal).
 * Memory: the DOM of the page plus one paragraph buffer. */
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

#include "base/xml_quiet.h"
#include "text/text_int.h"

typedef struct para_buf {
  char *p;
  size_t len, cap;
  xmlNodePtr first; /* the first text node in the buffer */
} para_buf;

typedef struct html_ctx {
  htmlParserCtxtPtr ctxt;
  ta__splitter *sp;
  ta_doc *d;
  const ta_split_opts *o;
  para_buf buf;
  size_t para;
  size_t off, end, line; /* of the current paragraph's element */
  size_t *line_start, nlines, len;
  const unsigned char *data;
  /* the first encoding or input error libxml2 raised: the page's bytes
   * are not what its charset says, and the text after them is lost */
  char failure[160];
  bool epub; /* a page of a book: no head, no note marks */
} html_ctx;

/* Elements whose text is a paragraph, containers that cut paragraphs, and
 * elements whose content is not prose. */
static const char *const blocks[] = {
    "p",       "h1",      "h2",         "h3",       "h4",     "h5",
    "h6",      "li",      "blockquote", "td",       "th",     "title",
    "dd",      "dt",      "figcaption", "pre",      "div",    "section",
    "article", "header",  "footer",     "main",     "aside",  "table",
    "tr",      "ul",      "ol",         "dl",       "body",   "html",
    "head",    "figure",  "form",       "address",  "hr",     "caption",
    "center",  "details", "summary",    "fieldset", "legend", "option",
};
static const char *const skipped[] = {
    "script", "style",  "nav",    "noscript", "template", "svg",
    "math",   "iframe", "object", "select",   "button",   "textarea",
};

static bool in_list(const char *const *list, size_t n, const xmlChar *name) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(list[i], (const char *)name)) return true;
  return false;
}
#define IN(list, name) in_list(list, sizeof list / sizeof list[0], name)

static ta_status add_sentence(void *vctx, const char *text, size_t len,
                              size_t b, size_t e, bool cut) {
  (void)b;
  (void)e;
  html_ctx *c = vctx;
  if (cut)
    ta__warnf(c->o,
              "%s: byte %zu: sentence longer than %zu bytes cut "
              "(max_sentence_bytes)",
              c->d->name, c->off, c->o->max_sentence_bytes);
  return ta__doc_add(c->d, text, len, c->off, c->end, c->line, c->para);
}

/* Line of the element holding n and that line's byte range.  (libxml2's
 * node info would give element ranges, but its HTML parser crashes with
 * record_info on stray end tags, so lines it is.) */
static void locate(html_ctx *c, xmlNodePtr n) {
  while (n && n->type != XML_ELEMENT_NODE) n = n->parent;
  long line = n ? xmlGetLineNo(n) : 1;
  if (line < 1) line = 1;
  if ((size_t)line > c->nlines) line = (long)c->nlines;
  c->line = (size_t)line;
  c->off = c->line_start[line - 1];
  c->end = (size_t)line < c->nlines ? c->line_start[line] - 1 : c->len;
}

/* Start offset of every line of the original bytes. */
static ta_status index_lines(html_ctx *c, const unsigned char *data,
                             size_t len) {
  size_t n = 1;
  for (size_t i = 0; i < len; i++) n += data[i] == '\n';
  c->line_start = ta__malloc(n * sizeof *c->line_start);
  if (!c->line_start) return TA_ENOMEM;
  c->line_start[0] = 0;
  c->nlines = 1;
  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n') c->line_start[c->nlines++] = i + 1;
  c->len = len;
  return TA_OK;
}

static ta_status flush(html_ctx *c) {
  para_buf *b = &c->buf;
  if (!b->len) return TA_OK;
  /* libxml2 hands out UTF-8; the splitter needs it valid, so trust but
   * verify (a damaged tail is dropped rather than read past). */
  size_t ok = ta__utf8_check((const unsigned char *)b->p, b->len);
  locate(c, b->first);
  size_t before = c->d->count;
  ta_status st = ta__splitter_run(c->sp, b->p, ok, add_sentence, c);
  if (c->d->count > before) c->para++;
  b->len = 0;
  b->first = NULL;
  return st;
}

static ta_status append(html_ctx *c, xmlNodePtr n, const char *s, size_t k) {
  para_buf *b = &c->buf;
  if (b->len + k + 1 > c->o->max_input_bytes) return TA_ETOOBIG;
  if (ta__reserve(&b->p, &b->cap, b->len + k + 1) != TA_OK) return TA_ENOMEM;
  memcpy(b->p + b->len, s, k);
  b->len += k;
  if (!b->first && n) b->first = n;
  return TA_OK;
}

/* Where the bytes libxml2 quotes ("bytes 0xFF 0xFE ...") first occur in
 * the input; len when they cannot be found. */
static size_t quoted_bytes_at(const html_ctx *c, const char *msg) {
  unsigned char want[8];
  size_t n = 0;
  const char *p = strstr(msg, "ytes");
  while (p && n < sizeof want) {
    p = strstr(p, "0x");
    if (!p) break;
    want[n++] = (unsigned char)strtoul(p, NULL, 16);
    p += 2;
  }
  for (size_t i = 0; n && i + n <= c->len; i++)
    if (!memcmp(c->data + i, want, n)) return i;
  return c->len;
}

static void on_libxml_error(void *user, xmlErrorPtr e) {
  html_ctx *c = user;
  /* Encoding errors come from the converters (I18N, IO), and from the
   * HTML parser itself when bytes are not the UTF-8 it was told of: it
   * then stops reading, and the rest of the page was lost in silence. */
  bool encoding =
      e &&
      (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO ||
       (e->domain == XML_FROM_HTML && e->code == XML_ERR_INVALID_ENCODING));
  if (c->failure[0] || !encoding) return;
  char msg[96];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = 0;
  size_t at = e->domain == XML_FROM_HTML
                  ? ta__utf8_check(c->data, c->len) /* the first bad byte */
                  : quoted_bytes_at(c, msg);
  if (at < c->len)
    snprintf(c->failure, sizeof c->failure,
             "byte %zu: not valid in the page's encoding (%s)", at, msg);
  else
    snprintf(c->failure, sizeof c->failure,
             "not valid in the page's encoding (%s)", msg);
}

/* In a book's page: its head (the title is the file's, not the book's)
 * and the marks of notes (the call's number, the way back). */
static bool epub_skipped(xmlNodePtr n) {
  if (!strcmp((const char *)n->name, "head")) return true;
  static const char *const marks[] = {"doc-noteref", "doc-backlink", "noteref"};
  bool skip = false;
  for (xmlAttrPtr a = n->properties; a && !skip; a = a->next) {
    if (strcmp((const char *)a->name, "role") &&
        strcmp((const char *)a->name, "epub:type") &&
        strcmp((const char *)a->name, "type"))
      continue;
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    skip = v && IN(marks, v);
    xmlFree(v);
  }
  return skip;
}

/* Depth-first walk without recursion: deep tag soup cannot blow the
 * stack. */
static ta_status walk(html_ctx *c, xmlNodePtr root) {
  xmlNodePtr n = root;
  ta_status st = TA_OK;
  while (n && st == TA_OK) {
    bool descend = false;
    if (n->type == XML_ELEMENT_NODE && n->name) {
      if (IN(blocks, n->name)) st = flush(c);
      if (!strcmp((const char *)n->name, "br")) st = append(c, NULL, " ", 1);
      descend =
          !IN(skipped, n->name) && n->children && !(c->epub && epub_skipped(n));
    } else if ((n->type == XML_TEXT_NODE ||
                n->type == XML_CDATA_SECTION_NODE) &&
               n->content) {
      st = append(c, n, (const char *)n->content,
                  strlen((const char *)n->content));
    }
    if (st != TA_OK) break;
    if (descend) {
      n = n->children;
      continue;
    }
    /* Leave finished elements upwards until one has a next sibling. */
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n && n->type == XML_ELEMENT_NODE && n->name && IN(blocks, n->name))
        if ((st = flush(c)) != TA_OK) return st;
    }
    if (!n || n == root) break;
    n = n->next;
  }
  if (st == TA_OK) st = flush(c);
  return st;
}

/* Pages nested deeper than libxml2's 256 levels are parsed again with
 * XML_PARSE_HUGE, which lifts the limit, but only up to this size: without
 * the limit each stray end tag scans the whole stack of open elements, so
 * tag soup like "<i></b>" repeated costs the square of its length (420 KB:
 * 5.7 s). */
#define TA__HTML_DEEP_MAX ((size_t)256 << 10)

static ta_status parse(html_ctx *c, const char *name, const unsigned char *data,
                       size_t len, bool huge, bool *stopped, ta_error *err) {
  *stopped = false;
  c->ctxt = htmlCreateMemoryParserCtxt((const char *)data, (int)len);
  if (!c->ctxt)
    return ta__fail(err, TA_EXML, "%s: cannot create the HTML parser", name);
  ta_status st = index_lines(c, data, len);
  if (st != TA_OK) return ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  /* libxml2 assumes ISO-8859-1 without a charset declaration; valid UTF-8
   * is far more likely to be meant as UTF-8. */
  const char *enc = c->o->encoding;
  if (!enc && ta__utf8_check(data, len) == len) enc = "UTF-8";
  if (enc) {
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
    if (!h || xmlSwitchToEncoding(c->ctxt, h) < 0)
      return c->failure[0]
                 ? ta__fail(err, TA_EENCODING, "%s: %s", name, c->failure)
                 : ta__fail(err, TA_EENCODING, "%s: unknown encoding '%s'",
                            name, enc);
  }
  int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_RECOVER;
  htmlCtxtUseOptions(c->ctxt, huge ? opts | XML_PARSE_HUGE : opts);
  htmlParseDocument(c->ctxt);
  /* Tag soup is recovered from; a limit of libxml2's is not: the parser
   * stops there and the rest of the page would be lost in silence.  It is
   * the one error that ends the parse early. */
  if (c->ctxt->errNo == XML_ERR_INTERNAL_ERROR && !c->failure[0]) {
    int line = c->ctxt->input ? c->ctxt->input->line : 0;
    if (c->ctxt->myDoc) xmlFreeDoc(c->ctxt->myDoc);
    c->ctxt->myDoc = NULL;
    *stopped = !huge;
    if (!huge && len <= TA__HTML_DEEP_MAX) return TA_OK; /* again, HUGE */
    return ta__fail(err, TA_EPARSE,
                    "%s: line %d: elements nested more than 256 deep in a "
                    "page over %zu KiB: the parser stops here and the rest "
                    "of the page cannot be read; flatten the nesting or "
                    "convert the page to text first",
                    name, line, TA__HTML_DEEP_MAX >> 10);
  }
  xmlDocPtr doc = c->ctxt->myDoc;
  c->ctxt->myDoc = NULL;
  if (c->failure[0]) {
    st = ta__fail(err, TA_EENCODING, "%s: %s", name, c->failure);
  } else {
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root) st = walk(c, root);
    if (st == TA_OK && doc && doc->encoding)
      st = ta__doc_set_encoding(c->d, (const char *)doc->encoding);
    if (st != TA_OK) ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  }
  if (doc) xmlFreeDoc(doc);
  return st;
}

ta_status ta__html_load(const char *name, const unsigned char *data, size_t len,
                        const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                        bool epub, ta_error *err) {
  if (len > INT32_MAX)
    return ta__fail(err, TA_ETOOBIG, "%s: HTML larger than 2 GiB", name);
  /* As for text: a NUL byte in input not declared UTF-16 means binary or
   * BOM-less UTF-16, which libxml2 would quietly cut short. */
  bool utf16_bom = len >= 2 && (!memcmp(data, "\xFF\xFE", 2) ||
                                !memcmp(data, "\xFE\xFF", 2));
  const unsigned char *nul =
      o->encoding || utf16_bom ? NULL : memchr(data, 0, len);
  if (nul)
    return ta__fail(err, TA_EPARSE,
                    "%s: byte %zu: NUL byte; is this a binary or UTF-16 file "
                    "without BOM? use --encoding",
                    name, (size_t)(nul - data));
  xmlInitParser();
  html_ctx c = {0};
  c.data = data;
  c.len = len;
  c.sp = sp;
  c.d = d;
  c.o = o;
  c.para = d->paragraphs; /* EPUB: pages follow each other */
  c.epub = epub;
  /* conversion errors come through libxml2's per-thread handlers, from
   * the first bytes read (creating the context, switching encodings) */
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_libxml_error, &c);
  bool stopped = false;
  ta_status st = parse(&c, name, data, len, false, &stopped, err);
  if (st == TA_OK && stopped) {
    htmlFreeParserCtxt(c.ctxt);
    c.ctxt = NULL;
    free(c.line_start);
    c.line_start = NULL;
    st = parse(&c, name, data, len, true, &stopped, err);
  }
  ta__xml_quiet_end(&q);
  free(c.buf.p);
  free(c.line_start);
  if (c.ctxt) htmlFreeParserCtxt(c.ctxt);
  return st;
}
