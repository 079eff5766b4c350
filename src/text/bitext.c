/* Bilingual files: XLIFF 1.2 and 2.0 read here with libxml2 (PO in po.c),
 * the ta_bitext API, and the loading of a monolingual one as a document.
 * A bilingual file is already aligned: it is never aligned again (the
 * document loader refuses it and says to use convert or check).
 * Inline codes: the text of <g>, <mrk>, <pc> is kept (it is translatable
 * text), the content of <ph>, <bpt>, <ept>, <it> (XLIFF 1.2 native code
 * such as "&lt;b&gt;") is dropped with the empty <x/>, <bx/>, <ex/>,
 * <sc/>, <ec/>, <ph/>; <cp hex="..."/> is the character it stands for.
 * Does not: read <seg-source> segmentation, <alt-trans>, or notes.
 * Memory: the file's DOM while reading, then the units' texts. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>

#include "base/xml_quiet.h"
#include "text/text_int.h"

/* ---- the unit list (appended to by bitext_unit.c) ---- */

void ta_bitext_free(ta_bitext *b) {
  if (!b) return;
  for (size_t i = 0; i < b->n; i++) {
    free((char *)b->units[i].id);
    free((char *)b->units[i].source);
    free((char *)b->units[i].target);
  }
  free(b->units);
  free(b->name);
  free(b->src_lang);
  free(b->tgt_lang);
  free(b);
}

ta_bitext_format ta_bitext_format_of(const ta_bitext *b) {
  return b ? b->format : TA_BITEXT_NONE;
}
const char *ta_bitext_name(const ta_bitext *b) { return b ? b->name : ""; }
const char *ta_bitext_format_name(ta_bitext_format f) {
  return f == TA_BITEXT_XLIFF1   ? "XLIFF 1.2"
         : f == TA_BITEXT_XLIFF2 ? "XLIFF 2.0"
         : f == TA_BITEXT_PO     ? "PO"
                                 : "not XLIFF or PO";
}
size_t ta_bitext_count(const ta_bitext *b) { return b ? b->n : 0; }
const ta_bitext_unit *ta_bitext_unit_at(const ta_bitext *b, size_t i) {
  return b && i < b->n ? &b->units[i] : NULL;
}
const char *ta_bitext_src_lang(const ta_bitext *b) {
  return b && b->src_lang ? b->src_lang : "";
}
const char *ta_bitext_tgt_lang(const ta_bitext *b) {
  return b && b->tgt_lang ? b->tgt_lang : "";
}
size_t ta_bitext_translated(const ta_bitext *b) {
  size_t k = 0;
  for (size_t i = 0; b && i < b->n; i++) k += b->units[i].target[0] != '\0';
  return k;
}

/* ---- recognising ---- */

ta_bitext_format ta_bitext_sniff(const void *data, size_t len) {
  const char *what, *todo;
  switch (ta__sniff(data, len, &what, &todo)) {
    case TA__SNIFF_XLIFF: {
      /* the version decides; ta__sniff saw the root */
      const char *p = data;
      size_t n = len < 4096 ? len : 4096;
      for (size_t i = 0; i + 10 < n; i++)
        if (!memcmp(p + i, "version=", 8) &&
            (p[i + 8] == '"' || p[i + 8] == '\'')) {
          if (p[i + 9] == '2') return TA_BITEXT_XLIFF2;
          if (p[i + 9] == '1') return TA_BITEXT_XLIFF1;
        }
      return TA_BITEXT_XLIFF1; /* the parser names a bad version */
    }
    case TA__SNIFF_PO:
      return TA_BITEXT_PO;
    default:
      return TA_BITEXT_NONE;
  }
}

ta_bitext_format ta_bitext_sniff_file(const char *path) {
  if (!path || !strcmp(path, "-")) return TA_BITEXT_NONE;
  FILE *fp = fopen(path, "rb");
  if (!fp) return TA_BITEXT_NONE;
  unsigned char buf[8192];
  size_t n = fread(buf, 1, sizeof buf, fp);
  fclose(fp);
  return ta_bitext_sniff(buf, n);
}

/* ---- XLIFF ---- */

typedef struct xctx {
  ta_bitext *b;
  const char *name;
  size_t *line_start, nlines;
  ta__buf text; /* the text being gathered */
} xctx;

static bool is(xmlNodePtr n, const char *name) {
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(xmlNodePtr n, const char *name) {
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Append the text of n's children, inline codes dropped as said above. */
static ta_status gather(xctx *c, xmlNodePtr n) {
  for (xmlNodePtr k = n->children; k; k = k->next) {
    ta_status st = TA_OK;
    if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
      const char *s = (const char *)k->content;
      st = ta__buf_add(&c->text, s, strlen(s));
    } else if (is(k, "g") || is(k, "mrk") || is(k, "pc")) {
      st = gather(c, k);
    } else if (is(k, "cp")) {
      char *hex = attr(k, "hex");
      unsigned long v = hex ? strtoul(hex, NULL, 16) : 0;
      xmlFree(hex);
      char u8[4];
      size_t w = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
      /* controls stay out: the text is for sentences, not bytes */
      if (v >= 0x20 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
        if (w == 1) {
          u8[0] = (char)v;
        } else {
          for (size_t i = w - 1; i > 0; i--, v >>= 6)
            u8[i] = (char)(0x80 | (v & 0x3F));
          u8[0] = (char)((w == 2 ? 0xC0 : w == 3 ? 0xE0 : 0xF0) | v);
        }
        st = ta__buf_add(&c->text, u8, w);
      }
    }
    if (st != TA_OK) return st;
  }
  return TA_OK;
}

static size_t line_offset(const xctx *c, long line) {
  if (line < 1) line = 1;
  if ((size_t)line > c->nlines) line = (long)c->nlines;
  return c->line_start[line - 1];
}

static xmlNodePtr child(xmlNodePtr n, const char *name) {
  for (xmlNodePtr k = n ? n->children : NULL; k; k = k->next)
    if (is(k, name)) return k;
  return NULL;
}

/* One pair: the texts of src and tgt (tgt may be NULL). */
static ta_status add_pair(xctx *c, const char *id, xmlNodePtr src,
                          xmlNodePtr tgt, bool fuzzy) {
  c->text.len = 0;
  ta_status st = gather(c, src);
  size_t slen = c->text.len;
  if (st == TA_OK && tgt) st = gather(c, tgt);
  if (st != TA_OK) return st;
  long line = xmlGetLineNo(src);
  const char *t = c->text.p ? c->text.p : "";
  return ta__bitext_add(c->b, id, t, slen, t + slen, c->text.len - slen,
                        line > 0 ? (size_t)line : 1, line_offset(c, line),
                        fuzzy);
}

static bool state_fuzzy(xmlNodePtr tgt, const char *name) {
  char *s = tgt ? attr(tgt, name) : NULL;
  bool f = s && (!strncmp(s, "needs-review", 12) || !strcmp(s, "initial"));
  xmlFree(s);
  return f;
}

/* XLIFF 1.2: trans-units anywhere under <file> (groups nest). */
static ta_status walk1(xctx *c, xmlNodePtr n) {
  for (xmlNodePtr k = n->children; k; k = k->next) {
    ta_status st = TA_OK;
    if (is(k, "trans-unit")) {
      xmlNodePtr src = child(k, "source"), tgt = child(k, "target");
      /* po2xliff keeps a PO header as a unit: metadata, not text */
      char *restype = attr(k, "restype");
      bool header = restype && !strcmp(restype, "x-gettext-domain-header");
      xmlFree(restype);
      if (src && !header) {
        char *id = attr(k, "id");
        st = add_pair(c, id, src, tgt, state_fuzzy(tgt, "state"));
        xmlFree(id);
      }
    } else if (k->type == XML_ELEMENT_NODE && !is(k, "bin-unit")) {
      st = walk1(c, k);
    }
    if (st != TA_OK) return st;
  }
  return TA_OK;
}

/* XLIFF 2: unit > segment > source/target; <ignorable> is not text. */
static ta_status walk2(xctx *c, xmlNodePtr n) {
  for (xmlNodePtr k = n->children; k; k = k->next) {
    ta_status st = TA_OK;
    if (is(k, "unit")) {
      char *uid = attr(k, "id");
      size_t nseg = 0;
      for (xmlNodePtr s = k->children; s; s = s->next) nseg += is(s, "segment");
      for (xmlNodePtr s = k->children; s && st == TA_OK; s = s->next) {
        if (!is(s, "segment") || !child(s, "source")) continue;
        char *sid = nseg > 1 ? attr(s, "id") : NULL;
        char id[512];
        if (sid)
          snprintf(id, sizeof id, "%s/%s", uid ? uid : "", sid);
        else
          snprintf(id, sizeof id, "%s", uid ? uid : "");
        st = add_pair(c, uid || sid ? id : NULL, child(s, "source"),
                      child(s, "target"), state_fuzzy(s, "state"));
        xmlFree(sid);
      }
      xmlFree(uid);
    } else if (k->type == XML_ELEMENT_NODE) {
      st = walk2(c, k);
    }
    if (st != TA_OK) return st;
  }
  return TA_OK;
}

static void on_xml_error(void *user, xmlErrorPtr e) {
  char *first = user;
  if (first[0] || !e || e->level < XML_ERR_ERROR) return;
  snprintf(first, 160, "line %d: %s", e->line, e->message ? e->message : "");
  size_t n = strlen(first);
  while (n && (first[n - 1] == '\n' || first[n - 1] == ' ')) first[--n] = 0;
}

static ta_status set_lang(char **dst, xmlNodePtr n, const char *name) {
  char *v = attr(n, name);
  if (!v) return TA_OK;
  free(*dst);
  *dst = ta__strdup(v);
  xmlFree(v);
  return *dst ? TA_OK : TA_ENOMEM;
}

static ta_status xliff_parse(ta_bitext *b, const char *data, size_t len,
                             ta_error *err) {
  if (len > INT32_MAX)
    return ta__fail(err, TA_ETOOBIG, "%s: larger than 2 GiB", b->name);
  xctx c = {b, b->name, NULL, 0, {0}};
  ta__buf_init(&c.text, SIZE_MAX);
  size_t nl = 1;
  for (size_t i = 0; i < len; i++) nl += data[i] == '\n';
  c.line_start = ta__malloc(nl * sizeof *c.line_start);
  if (!c.line_start)
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", b->name);
  c.line_start[c.nlines++] = 0;
  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n') c.line_start[c.nlines++] = i + 1;
  char first[160] = "";
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_xml_error, first);
  /* no network, no external entities: a file never reaches out */
  xmlDocPtr doc =
      xmlReadMemory(data, (int)len, b->name, NULL,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ta__xml_quiet_end(&q);
  ta_status st = TA_OK;
  xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    st = ta__fail(err, TA_EPARSE,
                  "%s: not well-formed XML: %s; fix the file (xmllint "
                  "--noout shows every error)",
                  b->name, first[0] ? first : "no root element");
    goto done;
  }
  if (!is(root, "xliff")) {
    st = ta__fail(err, TA_EPARSE,
                  "%s: line %ld: the root element is <%s>, not <xliff>",
                  b->name, xmlGetLineNo(root), (const char *)root->name);
    goto done;
  }
  char *ver = attr(root, "version");
  b->format = ver && ver[0] == '1'   ? TA_BITEXT_XLIFF1
              : ver && ver[0] == '2' ? TA_BITEXT_XLIFF2
                                     : TA_BITEXT_NONE;
  if (b->format == TA_BITEXT_NONE) {
    st = ta__fail(err, TA_EPARSE,
                  "%s: line %ld: XLIFF version '%s' is not read (1.2 and "
                  "2.0 are)",
                  b->name, xmlGetLineNo(root), ver ? ver : "(none)");
    xmlFree(ver);
    goto done;
  }
  xmlFree(ver);
  if (b->format == TA_BITEXT_XLIFF2) {
    st = set_lang(&b->src_lang, root, "srcLang");
    if (st == TA_OK) st = set_lang(&b->tgt_lang, root, "trgLang");
    if (st == TA_OK) st = walk2(&c, root);
  } else {
    xmlNodePtr f = child(root, "file");
    if (f) st = set_lang(&b->src_lang, f, "source-language");
    if (f && st == TA_OK) st = set_lang(&b->tgt_lang, f, "target-language");
    if (st == TA_OK) st = walk1(&c, root);
  }
  if (st != TA_OK) st = ta__fail(err, st, "%s: %s", b->name, ta_strerror(st));
done:
  ta__buf_free(&c.text);
  free(c.line_start);
  if (doc) xmlFreeDoc(doc);
  return st;
}

/* ---- loading ---- */

ta_status ta_bitext_load_mem(const char *name, const void *data, size_t len,
                             ta_bitext **out, ta_error *err) {
  if (!name) name = "<memory>";
  if (!out || (!data && len))
    return ta__fail(err, TA_EINVAL, "%s: missing argument: %s", name,
                    !out ? "out" : "data");
  ta_bitext_format f = ta_bitext_sniff(data, len);
  if (f == TA_BITEXT_NONE)
    return ta__fail(err, TA_EPARSE,
                    "%s: not an XLIFF or PO file (no <xliff> root, no "
                    "msgid/msgstr lines)",
                    name);
  ta_bitext *b = ta__calloc(1, sizeof *b);
  if (!b || !(b->name = ta__strdup(name))) {
    free(b);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  }
  b->format = f;
  ta_status st = f == TA_BITEXT_PO ? ta__po_parse(b, data, len, err)
                                   : xliff_parse(b, data, len, err);
  if (st != TA_OK) {
    ta_bitext_free(b);
    return st;
  }
  *out = b;
  return TA_OK;
}

ta_status ta_bitext_load_file(const char *path, size_t max_bytes,
                              ta_bitext **out, ta_error *err) {
  if (!path || !out)
    return ta__fail(err, TA_EINVAL, "bitext: missing argument: %s",
                    !path ? "path" : "out");
  size_t max = max_bytes ? max_bytes : (size_t)1 << 30;
  char *buf = NULL;
  size_t n = 0;
  ta_status st = ta__read_file(path, 0, max, "max_input_bytes", &buf, &n, err);
  if (st != TA_OK) return st;
  st = ta_bitext_load_mem(strcmp(path, "-") ? path : "<stdin>", buf ? buf : "",
                          n, out, err);
  free(buf);
  return st;
}

/* Whitespace runs collapsed, ends trimmed, as the splitter's segments. */
static ta_status add_segment(ta_doc *d, ta__splitter *sp, const char *text,
                             const ta_bitext_unit *u, size_t para);

typedef struct seg_ctx {
  ta_doc *d;
  const ta_bitext_unit *u;
  size_t para;
} seg_ctx;

static ta_status seg_sink(void *vctx, const char *text, size_t len, size_t b,
                          size_t e, bool cut) {
  (void)b, (void)e, (void)cut;
  seg_ctx *c = vctx;
  return ta__doc_add(c->d, text, len, c->u->offset, c->u->offset, c->u->line,
                     c->para);
}

static ta_status add_segment(ta_doc *d, ta__splitter *sp, const char *text,
                             const ta_bitext_unit *u, size_t para) {
  seg_ctx c = {d, u, para};
  size_t before = d->count;
  size_t len = ta__utf8_check((const unsigned char *)text, strlen(text));
  ta_status st = ta__splitter_segment(sp, text, len, seg_sink, &c);
  /* a unit whose text is all spaces still takes its place */
  if (st == TA_OK && d->count == before)
    st = ta__doc_add(d, "", 0, u->offset, u->offset, u->line, para);
  return st;
}

ta_status ta_bitext_docs(const ta_bitext *b, const char *src_lang,
                         const char *tgt_lang, unsigned flags, ta_doc **src,
                         ta_doc **tgt, ta_error *err) {
  if (!b || !src || !tgt || !src_lang || !tgt_lang)
    return ta__fail(err, TA_EINVAL, "bitext: missing argument");
  char icu[2][ULOC_FULLNAME_CAPACITY], bcp[2][ULOC_FULLNAME_CAPACITY];
  const char *langs[2] = {src_lang, tgt_lang};
  for (int k = 0; k < 2; k++) {
    ta_status st = ta__lang_resolve(langs[k], icu[k], sizeof icu[k], bcp[k],
                                    sizeof bcp[k], err);
    if (st != TA_OK) return st;
  }
  ta_doc *d[2] = {NULL, NULL};
  ta__splitter *sp = NULL;
  ta_status st = ta__doc_new(b->name, bcp[0], &d[0]);
  if (st == TA_OK) st = ta__doc_new(b->name, bcp[1], &d[1]);
  if (st == TA_OK) st = ta__splitter_new(icu[0], 0, &sp, err);
  size_t para = 0;
  for (size_t i = 0; st == TA_OK && i < b->n; i++) {
    const ta_bitext_unit *u = &b->units[i];
    bool done = u->target[0];
    if (!done && !(flags & TA_BITEXT_KEEP_UNTRANSLATED)) continue;
    if (done && u->fuzzy && !(flags & TA_BITEXT_KEEP_FUZZY)) continue;
    st = add_segment(d[0], sp, u->source, u, para);
    if (st == TA_OK && done) st = add_segment(d[1], sp, u->target, u, para);
    para++;
  }
  ta__splitter_free(sp);
  if (st != TA_OK) {
    ta_doc_free(d[0]);
    ta_doc_free(d[1]);
    return err && err->status == st
               ? st
               : ta__fail(err, st, "%s: %s", b->name, ta_strerror(st));
  }
  ta__doc_finish(d[0]);
  ta__doc_finish(d[1]);
  *src = d[0];
  *tgt = d[1];
  return TA_OK;
}

ta_status ta__bitext_doc_load(const char *name, const unsigned char *data,
                              size_t len, const ta_split_opts *o,
                              ta__splitter *sp, ta_doc *d, ta_error *err) {
  ta_bitext *b = NULL;
  ta_status st = ta_bitext_load_mem(name, data, len, &b, err);
  if (st != TA_OK) return st;
  size_t done = ta_bitext_translated(b);
  if (done) {
    st = ta__fail(err, TA_EPARSE,
                  "%s: a bilingual %s file (%zu of %zu units translated) is "
                  "already aligned: use 'tmxalign convert %s -o OUT.tmx' for "
                  "a memory or 'tmxalign check %s' to check it",
                  name, ta_bitext_format_name(b->format), done, b->n, name,
                  name);
    ta_bitext_free(b);
    return st;
  }
  ta__para p = {sp, d, d->paragraphs, 0, 0, 0};
  for (size_t i = 0; st == TA_OK && i < b->n; i++) {
    const ta_bitext_unit *u = &b->units[i];
    p.off = u->offset;
    p.end = u->offset;
    p.line = u->line;
    st = ta__para_emit(&p, u->source, strlen(u->source));
  }
  (void)o;
  ta_bitext_free(b);
  if (st != TA_OK && !(err && err->status == st))
    st = ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  return st;
}
