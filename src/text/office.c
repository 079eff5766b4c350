/* Zipped documents: DOCX (word/document.xml, footnotes and endnotes from
 * word/footnotes.xml and word/endnotes.xml), ODT (content.xml) and EPUB
 * (META-INF/container.xml -> the OPF package -> its spine -> each XHTML
 * page through html.c).  libzip reads the archive from memory, with limits
 * against zip bombs (entries, bytes of a part, inflation ratio); libxml2
 * parses each part without network or DTDs.
 * Paragraphs, headings, list items, table cells and notes each become a
 * paragraph for the splitter, in reading order: a note right after the
 * paragraph that calls it.  DOCX: runs w:r/w:t, w:tab and w:br are
 * spaces, tracked deletions (w:del, w:moveFrom) are dropped and
 * insertions (w:ins) kept, field codes (w:instrText) dropped.  ODT:
 * text:p, text:h, text:span, text:s and text:tab, text:line-break; the
 * tracked-changes log and annotations are dropped.
 * Offsets: a sentence's line is the number of its paragraph element
 * within its part (1-based), and [offset, end) is that element's byte
 * range in the part's XML (inflated), not in the zip file.  EPUB pages
 * keep html.c's offsets, which are lines and bytes of that page.
 * Errors name the part: "a.docx: word/document.xml: ...". */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/xml_quiet.h"
#include "text/text_int.h"

typedef struct zdoc {
  zip_t *z;
  const char *name;
  size_t max_part;
} zdoc;

/* The inflated bytes of one part (NUL-terminated); *out NULL and TA_OK
 * when an optional part is missing. */
static ta_status zip_part(zdoc *zd, const char *part, bool required, char **out,
                          size_t *n, ta_error *err) {
  *out = NULL;
  *n = 0;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zd->z, part, 0, &st) < 0) {
    if (!required) return TA_OK;
    return ta__fail(err, TA_EPARSE, "%s: %s: missing from the archive",
                    zd->name, part);
  }
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > zd->max_part)
    return ta__fail(err, TA_ETOOBIG,
                    "%s: %s: %llu bytes once inflated exceeds the limit of "
                    "%zu bytes for one part",
                    zd->name, part, (unsigned long long)st.size, zd->max_part);
  if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > ((zip_uint64_t)1 << 20) &&
      st.size / (st.comp_size ? st.comp_size : 1) > TA__ZIP_MAX_RATIO)
    return ta__fail(err, TA_ETOOBIG,
                    "%s: %s: inflates %llu bytes to %llu, more than %d times: "
                    "refused as a zip bomb",
                    zd->name, part, (unsigned long long)st.comp_size,
                    (unsigned long long)st.size, TA__ZIP_MAX_RATIO);
  zip_file_t *f = zip_fopen_index(zd->z, st.index, 0);
  if (!f)
    return ta__fail(err, TA_EPARSE, "%s: %s: cannot be read: %s", zd->name,
                    part, zip_strerror(zd->z));
  size_t cap = (size_t)st.size + 1;
  char *buf = ta__malloc(cap + 1);
  if (!buf) {
    zip_fclose(f);
    return ta__fail(err, TA_ENOMEM, "%s: %s: out of memory", zd->name, part);
  }
  size_t got = 0;
  ta_status rc = TA_OK;
  while (got < cap) {
    zip_int64_t k = zip_fread(f, buf + got, cap - got);
    if (k < 0) {
      rc = ta__fail(err, TA_EPARSE, "%s: %s: damaged archive: %s", zd->name,
                    part, zip_file_strerror(f));
      break;
    }
    if (!k) break;
    got += (size_t)k;
  }
  if (rc == TA_OK && got != st.size)
    rc = ta__fail(err, TA_EPARSE,
                  "%s: %s: damaged archive: %zu bytes where %llu were "
                  "declared",
                  zd->name, part, got, (unsigned long long)st.size);
  zip_fclose(f);
  if (rc != TA_OK) {
    free(buf);
    return rc;
  }
  buf[got] = 0;
  *out = buf;
  *n = got;
  return TA_OK;
}

/* ---- XML parts ---- */

typedef struct xml_part {
  xmlParserCtxtPtr ctxt; /* kept for the elements' byte ranges */
  xmlDocPtr doc;
  char *bytes;
  size_t len;
} xml_part;

static void xml_part_free(xml_part *x) {
  if (x->doc) xmlFreeDoc(x->doc);
  if (x->ctxt) {
    xmlClearNodeInfoSeq(&x->ctxt->node_seq); /* not freed with the ctxt */
    xmlFreeParserCtxt(x->ctxt);
  }
  free(x->bytes);
  *x = (xml_part){0};
}

static void on_xml_error(void *user, xmlErrorPtr e) {
  char *first = user;
  if (first[0] || !e || e->level < XML_ERR_ERROR) return;
  snprintf(first, 160, "line %d: %s", e->line, e->message ? e->message : "");
  size_t n = strlen(first);
  while (n && (first[n - 1] == '\n' || first[n - 1] == ' ')) first[--n] = 0;
}

static ta_status parse_part(zdoc *zd, const char *part, bool required,
                            xml_part *x, ta_error *err) {
  *x = (xml_part){0};
  ta_status st = zip_part(zd, part, required, &x->bytes, &x->len, err);
  if (st != TA_OK || !x->bytes) return st;
  if (x->len > INT32_MAX)
    return ta__fail(err, TA_ETOOBIG, "%s: %s: larger than 2 GiB", zd->name,
                    part);
  char first[160] = "";
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_xml_error, first);
  x->ctxt = xmlCreateMemoryParserCtxt(x->bytes, (int)x->len);
  if (x->ctxt) {
    x->ctxt->record_info = 1; /* elements' byte ranges, for offsets */
    xmlCtxtUseOptions(
        x->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlParseDocument(x->ctxt);
    x->doc = x->ctxt->myDoc;
    x->ctxt->myDoc = NULL;
    if (x->doc && !x->ctxt->wellFormed) {
      xmlFreeDoc(x->doc);
      x->doc = NULL;
    }
  }
  ta__xml_quiet_end(&q);
  if (!x->ctxt)
    return ta__fail(err, TA_ENOMEM, "%s: %s: out of memory", zd->name, part);
  if (!x->doc || !xmlDocGetRootElement(x->doc))
    return ta__fail(err, TA_EPARSE, "%s: %s: not well-formed XML: %s", zd->name,
                    part, first[0] ? first : "no root element");
  return TA_OK;
}

/* ---- DOCX and ODT: paragraphs out of the XML ---- */

typedef enum fmt { FMT_DOCX, FMT_ODT } fmt;

typedef struct wctx {
  fmt f;
  ta__splitter *sp;
  ta_doc *d;
  const ta_split_opts *o;
  const char *name;
  xml_part *part;          /* the part being walked */
  xml_part *notes[2];      /* DOCX footnotes, endnotes */
  xml_part *notes_home[2]; /* their parts, for byte ranges */
  char *buf;
  size_t len, cap;
  size_t para;           /* paragraphs so far in the document */
  size_t off, end, line; /* of the paragraph being read */
  bool in_t;             /* DOCX: inside w:t */
  int in_p;              /* depth of paragraph elements */
  xmlNodePtr *queue;     /* notes waiting for their paragraph's end */
  xml_part **queue_part;
  size_t nqueue, queue_cap;
} wctx;

static ta_status add_sentence(void *vctx, const char *text, size_t len,
                              size_t b, size_t e, bool cut) {
  (void)b;
  (void)e;
  wctx *c = vctx;
  if (cut)
    ta__warnf(c->o,
              "%s: paragraph %zu: sentence longer than %zu bytes cut "
              "(max_sentence_bytes)",
              c->name, c->line, c->o->max_sentence_bytes);
  return ta__doc_add(c->d, text, len, c->off, c->end, c->line, c->para);
}

static ta_status flush(wctx *c) {
  if (!c->len) return TA_OK;
  size_t ok = ta__utf8_check((const unsigned char *)c->buf, c->len);
  size_t before = c->d->count;
  ta_status st = ta__splitter_run(c->sp, c->buf, ok, add_sentence, c);
  if (c->d->count > before) c->para++;
  c->len = 0;
  return st;
}

static ta_status append(wctx *c, const char *s, size_t k) {
  if (c->len + k + 1 > c->o->max_input_bytes) return TA_ETOOBIG;
  if (ta__reserve(&c->buf, &c->cap, c->len + k + 1) != TA_OK) return TA_ENOMEM;
  memcpy(c->buf + c->len, s, k);
  c->len += k;
  return TA_OK;
}

static bool is(xmlNodePtr n, const char *local) {
  return !strcmp((const char *)n->name, local);
}

static ta_status enqueue(wctx *c, xmlNodePtr n, xml_part *home) {
  if (ta__reserve(&c->queue, &c->queue_cap, c->nqueue + 1) != TA_OK)
    return TA_ENOMEM;
  size_t pcap = c->queue_cap;
  xml_part **qp = ta__realloc(c->queue_part, pcap * sizeof *qp);
  if (!qp) return TA_ENOMEM;
  c->queue_part = qp;
  c->queue[c->nqueue] = n;
  c->queue_part[c->nqueue++] = home;
  return TA_OK;
}

/* The note w:id of a DOCX reference, looked up in footnotes or endnotes. */
static ta_status docx_note(wctx *c, xmlNodePtr ref, int which) {
  xml_part *x = c->notes[which];
  if (!x || !x->doc) return TA_OK;
  xmlChar *id = xmlGetProp(ref, (const xmlChar *)"id");
  if (!id) return TA_OK;
  ta_status st = TA_OK;
  for (xmlNodePtr n = xmlDocGetRootElement(x->doc)->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE &&
        (is(n, "footnote") || is(n, "endnote"))) {
      xmlChar *nid = xmlGetProp(n, (const xmlChar *)"id");
      bool same = nid && !strcmp((const char *)nid, (const char *)id);
      xmlFree(nid);
      if (same) {
        st = enqueue(c, n, x);
        break;
      }
    }
  xmlFree(id);
  return st;
}

static ta_status walk(wctx *c, xmlNodePtr n);

static bool is_paragraph(const wctx *c, xmlNodePtr n) {
  return c->f == FMT_DOCX ? is(n, "p") : is(n, "p") || is(n, "h");
}

/* Where the element n ending at end opens in the part's bytes.  libxml2
 * records each element's end reliably but not its start (2.9 stores a
 * wrong value), so the start is found by walking back over the tags of
 * the same name, nested ones counted. */
static size_t open_tag_before(const xml_part *x, size_t end, xmlNodePtr n) {
  char q[128];
  int k = n->ns && n->ns->prefix
              ? snprintf(q, sizeof q, "%s:%s", n->ns->prefix, n->name)
              : snprintf(q, sizeof q, "%s", n->name);
  if (k <= 0 || (size_t)k >= sizeof q || !end) return end;
  size_t ql = (size_t)k;
  const char *b = x->bytes;
  size_t depth = 0;
  for (size_t i = end; i-- > 0;) {
    if (b[i] != '<') continue;
    if (b[i + 1] == '/' && i + 2 + ql < end && !memcmp(b + i + 2, q, ql) &&
        strchr("> \t\r\n", b[i + 2 + ql])) {
      depth++;
    } else if (i + 1 + ql < end && !memcmp(b + i + 1, q, ql) &&
               strchr("> \t\r\n/", b[i + 1 + ql])) {
      const char *gt = memchr(b + i, '>', end - i);
      bool empty = gt && gt[-1] == '/';
      if (empty && !depth) return i;
      if (!empty && depth && !--depth) return i;
    }
  }
  return end;
}

static ta_status paragraph(wctx *c, xmlNodePtr n) {
  ta_status st = flush(c); /* text before a nested paragraph */
  if (st != TA_OK) return st;
  size_t off = c->off, end = c->end, line = c->line;
  c->line = (size_t)(uintptr_t)n->_private;
  const xmlParserNodeInfo *info =
      c->part->ctxt ? xmlParserFindNodeInfo(c->part->ctxt, n) : NULL;
  c->end = info && info->end_pos <= c->part->len ? (size_t)info->end_pos : 0;
  c->off = open_tag_before(c->part, c->end, n);
  c->in_p++;
  size_t q0 = c->nqueue;
  st = walk(c, n->children);
  c->in_p--;
  if (st == TA_OK) st = flush(c);
  /* The notes this paragraph called, each in its own part's numbering. */
  for (size_t i = q0; st == TA_OK && i < c->nqueue; i++) {
    xml_part *save = c->part;
    c->part = c->queue_part[i];
    st = walk(c, c->queue[i]->children);
    if (st == TA_OK) st = flush(c);
    c->part = save;
  }
  c->nqueue = q0;
  c->off = off;
  c->end = end;
  c->line = line;
  return st;
}

/* Number every paragraph element of a part in document order (1-based,
 * in _private, which libxml2 leaves to its users): a sentence's line. */
static void number_paragraphs(fmt f, xmlNodePtr root) {
  uintptr_t k = 0;
  xmlNodePtr n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE &&
        (is(n, "p") || (f == FMT_ODT && is(n, "h"))))
      n->_private = (void *)++k;
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
}

static ta_status element(wctx *c, xmlNodePtr n) {
  if (is_paragraph(c, n)) return paragraph(c, n);
  if (c->f == FMT_DOCX) {
    if (is(n, "t")) {
      c->in_t = true;
      ta_status st = walk(c, n->children);
      c->in_t = false;
      return st;
    }
    if (is(n, "tab") || is(n, "br") || is(n, "cr")) return append(c, " ", 1);
    if (is(n, "noBreakHyphen")) return append(c, "-", 1);
    if (is(n, "del") || is(n, "moveFrom") || is(n, "instrText") ||
        is(n, "delText") || is(n, "Fallback") || is(n, "pPr") || is(n, "rPr") ||
        is(n, "sectPr"))
      return TA_OK;
    if (is(n, "footnoteReference")) return docx_note(c, n, 0);
    if (is(n, "endnoteReference")) return docx_note(c, n, 1);
    return walk(c, n->children);
  }
  if (is(n, "s") || is(n, "tab") || is(n, "line-break"))
    return append(c, " ", 1);
  if (is(n, "note")) {
    for (xmlNodePtr k = n->children; k; k = k->next)
      if (k->type == XML_ELEMENT_NODE && is(k, "note-body"))
        return enqueue(c, k, c->part);
    return TA_OK;
  }
  if (is(n, "tracked-changes") || is(n, "annotation") ||
      is(n, "note-citation") || is(n, "sequence-decls") ||
      is(n, "automatic-styles") || is(n, "font-face-decls") || is(n, "scripts"))
    return TA_OK;
  return walk(c, n->children);
}

/* Siblings from n on (the depth is libxml2's, at most 256). */
static ta_status walk(wctx *c, xmlNodePtr n) {
  ta_status st = TA_OK;
  for (; n && st == TA_OK; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->name) {
      st = element(c, n);
    } else if ((n->type == XML_TEXT_NODE ||
                n->type == XML_CDATA_SECTION_NODE) &&
               n->content && (c->f == FMT_DOCX ? c->in_t : c->in_p > 0)) {
      st =
          append(c, (const char *)n->content, strlen((const char *)n->content));
    }
  }
  return st;
}

static ta_status fail_status(const char *name, const char *part, ta_status st,
                             ta_error *err) {
  return ta__fail(err, st, "%s: %s: %s", name, part, ta_strerror(st));
}

static ta_status load_xml_doc(zdoc *zd, fmt f, const ta_split_opts *o,
                              ta__splitter *sp, ta_doc *d, ta_error *err) {
  const char *main = f == FMT_DOCX ? "word/document.xml" : "content.xml";
  xml_part body = {0}, foot = {0}, endn = {0};
  ta_status st = parse_part(zd, main, true, &body, err);
  if (st == TA_OK && f == FMT_DOCX)
    st = parse_part(zd, "word/footnotes.xml", false, &foot, err);
  if (st == TA_OK && f == FMT_DOCX)
    st = parse_part(zd, "word/endnotes.xml", false, &endn, err);
  wctx c = {0};
  c.f = f;
  c.sp = sp;
  c.d = d;
  c.o = o;
  c.name = zd->name;
  c.part = &body;
  c.notes[0] = &foot;
  c.notes[1] = &endn;
  c.para = d->paragraphs;
  if (st == TA_OK) {
    number_paragraphs(f, xmlDocGetRootElement(body.doc));
    if (foot.doc) number_paragraphs(f, xmlDocGetRootElement(foot.doc));
    if (endn.doc) number_paragraphs(f, xmlDocGetRootElement(endn.doc));
    st = walk(&c, xmlDocGetRootElement(body.doc));
    if (st == TA_OK) st = flush(&c);
    if (st != TA_OK) fail_status(zd->name, main, st, err);
  }
  free(c.buf);
  free(c.queue);
  free(c.queue_part);
  xml_part_free(&body);
  xml_part_free(&foot);
  xml_part_free(&endn);
  return st;
}

/* ---- EPUB ---- */

static xmlNodePtr find_elem(xmlNodePtr n, const char *local) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is(n, local)) return n;
    xmlNodePtr k = find_elem(n->children, local);
    if (k) return k;
  }
  return NULL;
}

static ta_status load_epub(zdoc *zd, const ta_split_opts *o, ta__splitter *sp,
                           ta_doc *d, ta_error *err) {
  xml_part cont = {0}, opf = {0};
  ta_status st = parse_part(zd, "META-INF/container.xml", true, &cont, err);
  xmlChar *path = NULL;
  if (st == TA_OK) {
    xmlNodePtr rf = find_elem(xmlDocGetRootElement(cont.doc), "rootfile");
    path = rf ? xmlGetProp(rf, (const xmlChar *)"full-path") : NULL;
    if (!path)
      st = ta__fail(err, TA_EPARSE,
                    "%s: META-INF/container.xml: no rootfile full-path",
                    zd->name);
  }
  if (st == TA_OK) st = parse_part(zd, (const char *)path, true, &opf, err);
  if (st != TA_OK) {
    xmlFree(path);
    xml_part_free(&cont);
    return st;
  }
  /* Pages are named relative to the package document's folder. */
  const char *slash = strrchr((const char *)path, '/');
  size_t dir = slash ? (size_t)(slash - (const char *)path) + 1 : 0;
  xmlNodePtr root = xmlDocGetRootElement(opf.doc);
  xmlNodePtr manifest = find_elem(root, "manifest");
  xmlNodePtr spine = find_elem(root, "spine");
  size_t pages = 0;
  for (xmlNodePtr r = spine ? spine->children : NULL; r && st == TA_OK;
       r = r->next) {
    if (r->type != XML_ELEMENT_NODE || !is(r, "itemref")) continue;
    xmlChar *idref = xmlGetProp(r, (const xmlChar *)"idref");
    xmlChar *href = NULL;
    for (xmlNodePtr it = manifest ? manifest->children : NULL;
         it && idref && !href; it = it->next) {
      if (it->type != XML_ELEMENT_NODE || !is(it, "item")) continue;
      xmlChar *id = xmlGetProp(it, (const xmlChar *)"id");
      if (id && !strcmp((const char *)id, (const char *)idref))
        href = xmlGetProp(it, (const xmlChar *)"href");
      xmlFree(id);
    }
    xmlFree(idref);
    if (!href) continue;
    size_t hl = strlen((const char *)href);
    char *part = ta__malloc(dir + hl + 1);
    char *label = part ? ta__malloc(strlen(zd->name) + dir + hl + 3) : NULL;
    if (!part || !label) {
      st = ta__fail(err, TA_ENOMEM, "%s: out of memory", zd->name);
    } else {
      memcpy(part, path, dir);
      memcpy(part + dir, href, hl + 1);
      sprintf(label, "%s: %s", zd->name, part);
      char *bytes = NULL;
      size_t n = 0;
      st = zip_part(zd, part, true, &bytes, &n, err);
      if (st == TA_OK && ta__doc_begin_part(d) != TA_OK)
        st = ta__fail(err, TA_ENOMEM, "%s: out of memory", zd->name);
      if (st == TA_OK)
        st = ta__html_load(label, (unsigned char *)bytes, n, o, sp, d, true,
                           err);
      free(bytes);
      pages++;
    }
    free(part);
    free(label);
    xmlFree(href);
  }
  if (st == TA_OK && !pages)
    st = ta__fail(err, TA_EPARSE, "%s: %s: the spine names no page", zd->name,
                  (const char *)path);
  xmlFree(path);
  xml_part_free(&cont);
  xml_part_free(&opf);
  return st;
}

/* ---- what the zip holds ---- */

static bool has_entry(zip_t *z, const char *name) {
  return zip_name_locate(z, name, 0) >= 0;
}

ta_status ta__office_load(const char *name, const unsigned char *data,
                          size_t len, ta_input_kind kind,
                          const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                          ta_error *err) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  zip_t *z =
      src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
  if (!z) {
    ta_status st =
        ta__fail(err, TA_EPARSE, "%s: a damaged or truncated zip archive (%s)",
                 name, zip_error_strerror(&ze));
    if (src) zip_source_free(src);
    zip_error_fini(&ze);
    return st;
  }
  zip_error_fini(&ze);
  zdoc zd = {z, name, TA__ZIP_MAX_PART};
  if (o->max_input_bytes < zd.max_part) zd.max_part = o->max_input_bytes;
  ta_status st = TA_OK;
  zip_int64_t entries = zip_get_num_entries(z, 0);
  if (entries > TA__ZIP_MAX_ENTRIES) {
    st = ta__fail(err, TA_ETOOBIG,
                  "%s: a zip archive of %lld entries, more than %d: refused",
                  name, (long long)entries, TA__ZIP_MAX_ENTRIES);
    zip_discard(z);
    return st;
  }
  char mime[96] = "";
  zip_file_t *mf = zip_fopen(z, "mimetype", 0);
  if (mf) {
    zip_int64_t k = zip_fread(mf, mime, sizeof mime - 1);
    mime[k > 0 ? k : 0] = 0;
    mime[strcspn(mime, "\r\n")] = 0;
    zip_fclose(mf);
  }
  ta_input_kind got = TA_INPUT_AUTO;
  const char *what = NULL;
  if (!strcmp(mime, "application/vnd.oasis.opendocument.text"))
    got = TA_INPUT_ODT;
  else if (!strcmp(mime, "application/epub+zip"))
    got = TA_INPUT_EPUB;
  else if (has_entry(z, "word/document.xml"))
    got = TA_INPUT_DOCX;
  else if (!strncmp(mime, "application/vnd.oasis.opendocument.", 35))
    what =
        "an OpenDocument file that is not a text (a spreadsheet, a "
        "presentation or a drawing)";
  else if (has_entry(z, "xl/workbook.xml"))
    what = "an Excel spreadsheet (XLSX)";
  else if (has_entry(z, "ppt/presentation.xml"))
    what = "a PowerPoint presentation (PPTX)";
  else if (has_entry(z, "content.xml"))
    got = TA_INPUT_ODT; /* an ODT without its mimetype entry */
  else
    what = "a zip archive that holds no DOCX, ODT or EPUB document";
  if (kind != TA_INPUT_AUTO && got != TA_INPUT_AUTO && kind != got) {
    static const char *const names[] = {"", "", "", "", "DOCX", "ODT", "EPUB"};
    st = ta__fail(err, TA_EPARSE, "%s: a %s document, not %s as asked", name,
                  names[got], names[kind]);
  } else if (got == TA_INPUT_AUTO) {
    st = ta__sniff_refuse(name, what,
                          "save the text as DOCX, ODT or text, or extract "
                          "the document from the archive",
                          err);
  } else if (got == TA_INPUT_EPUB) {
    d->html = true;
    st = load_epub(&zd, o, sp, d, err);
  } else {
    st = load_xml_doc(&zd, got == TA_INPUT_DOCX ? FMT_DOCX : FMT_ODT, o, sp, d,
                      err);
  }
  zip_discard(z);
  return st;
}
