/* Reading TMX 1.1-1.4b with libxml2's xmlTextReader, one <tu> at a time.
 *
 * Hardening: the parser runs with XML_PARSE_NONET and without NOENT,
 * DTDLOAD, DTDVALID or HUGE, so no DTD or external entity is ever fetched
 * and libxml2's default size and entity-amplification limits stay on.  An
 * entity reference other than the five predefined ones is refused outright
 * (TMX never needs one), so neither an external entity (file:///etc/passwd)
 * nor an internal one can inject text.  Errors carry line and column from
 * libxml2's structured error.
 *
 * Does not: validate against the DTD, keep <note>, <ude> or <tuv>-level
 * props.  Memory: the current unit only (each <seg> capped by
 * max_seg_bytes), whatever the size of the file. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xml_quiet.h"
#include "tmx/tmx_int.h"

typedef struct off_pair {
  size_t a, b; /* offsets into data: lang/text or type/value */
} off_pair;

/* Header attributes in the order of ta_tmx_header's fields. */
static const char *const header_attrs[] = {
    "srclang", "adminlang",    "datatype",
    "segtype", "creationtool", "creationtoolversion",
    "o-tmf",   "creationdate", "o-encoding"};
#define NHEADER (sizeof header_attrs / sizeof header_attrs[0])

struct ta_tmx_reader {
  xmlTextReaderPtr xr;
  FILE *fp;
  bool own_fp;
  char *path;
  ta_tmx_read_opts o;
  ta_tmx_header header;
  xmlChar *hvals[NHEADER];
  /* First libxml2 error, captured by the structured handler. */
  bool xml_failed;
  ta_status xml_status;
  char xml_msg[320];
  /* Current unit: every string in data, NUL-separated, by offset. */
  ta__buf data;
  off_pair *voff, *poff;
  size_t nv, np, vcap, pcap;
  ta_tmx_variant *vars;
  ta_tmx_prop *props;
  size_t varscap, propscap;
  size_t tuid, srclang; /* offsets, SIZE_MAX when absent */
  ta_tmx_unit unit;
  size_t units;
  bool done;
};

void ta_tmx_read_opts_init(ta_tmx_read_opts *o) {
  memset(o, 0, sizeof *o);
  o->inline_codes = TA_TMX_INLINE_NATIVE;
  o->max_seg_bytes = (size_t)16 << 20;
  o->max_variants = 1024;
}

static int in_read(void *ctx, char *buf, int len) {
  ta_tmx_reader *r = ctx;
  size_t got = fread(buf, 1, (size_t)len, r->fp);
  if (got == 0 && ferror(r->fp)) return -1;
  return (int)got;
}

static int in_close(void *ctx) {
  ta_tmx_reader *r = ctx;
  if (r->own_fp && r->fp) fclose(r->fp);
  r->fp = NULL;
  return 0;
}

/* Error codes that mean "wrong or broken encoding" rather than "not
 * well-formed". */
static ta_status status_of(const xmlError *e) {
  if (e->domain == XML_FROM_IO) return TA_EIO;
  if (e->domain == XML_FROM_I18N || e->code == XML_ERR_INVALID_ENCODING ||
      (e->code == XML_ERR_INVALID_CHAR && e->message &&
       strstr(e->message, "not proper UTF-8")) ||
      e->code == XML_ERR_UNSUPPORTED_ENCODING ||
      e->code == XML_ERR_UNKNOWN_ENCODING)
    return TA_EENCODING;
  if (e->code == XML_ERR_NO_MEMORY) return TA_ENOMEM;
  return TA_EPARSE;
}

static void on_xml_error(void *ctx, xmlErrorPtr e) {
  ta_tmx_reader *r = ctx;
  char msg[256];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  for (char *p = msg; *p; p++) /* messages are one line */
    if (*p == '\n') *p = ' ';
  if (e->level == XML_ERR_WARNING) {
    if (r->o.note.fn) {
      char w[400];
      snprintf(w, sizeof w, "%s: line %d: %s", r->path, e->line, msg);
      r->o.note.fn(r->o.note.user, w);
    }
    return;
  }
  if (r->xml_failed) return;
  r->xml_failed = true;
  r->xml_status = status_of(e);
  /* input errors carry no position: where the parser stands */
  int line = e->line, column = e->int2;
  if (line <= 0 && r->xr) {
    line = xmlTextReaderGetParserLineNumber(r->xr);
    column = xmlTextReaderGetParserColumnNumber(r->xr);
  }
  snprintf(r->xml_msg, sizeof r->xml_msg, "line %d, column %d: %s", line,
           column, msg);
}

/* Report where the reader stands: "a.tmx: line 3, column 7: what". */
static ta_status fail_here(ta_tmx_reader *r, ta_error *err, ta_status st,
                           const char *what) {
  /* The node's own line when libxml2 kept it; the parser runs ahead. */
  xmlNodePtr node = xmlTextReaderCurrentNode(r->xr);
  long line = node ? xmlGetLineNo(node) : -1;
  if (line > 0 && line < 65535) /* libxml2 stores 16 bits in nodes */
    return ta__fail(err, st, "%s: line %ld: %s", r->path, line, what);
  return ta__fail(err, st, "%s: line %d, column %d: %s", r->path,
                  xmlTextReaderGetParserLineNumber(r->xr),
                  xmlTextReaderGetParserColumnNumber(r->xr), what);
}

/* Advance; 1 = a node, 0 = end of input, else an error already in err. */
static int step(ta_tmx_reader *r, ta_error *err, ta_status *st) {
  int rc = xmlTextReaderRead(r->xr);
  if (rc == 1) {
    if (xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_ENTITY_REFERENCE) {
      *st = fail_here(r, err, TA_EPARSE,
                      "entity references other than &amp; &lt; &gt; &apos; "
                      "&quot; are not accepted");
      return -1;
    }
    return 1;
  }
  if (rc == 0 && !r->xml_failed) return 0;
  if (r->xml_failed)
    *st = ta__fail(err, r->xml_status, "%s: %s", r->path, r->xml_msg);
  else
    *st = fail_here(r, err, TA_EPARSE, "malformed XML");
  return -1;
}

static bool is_element(ta_tmx_reader *r, const char *name) {
  return xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_ELEMENT &&
         !strcmp((const char *)xmlTextReaderConstLocalName(r->xr), name);
}

static ta_status read_header(ta_tmx_reader *r, ta_error *err) {
  ta_status st = TA_OK;
  bool root = false;
  for (;;) {
    int rc = step(r, err, &st);
    if (rc < 0) return st;
    if (rc == 0)
      return ta__fail(err, TA_EPARSE, "%s: no <header> in the file", r->path);
    if (xmlTextReaderNodeType(r->xr) != XML_READER_TYPE_ELEMENT) continue;
    if (!root) {
      if (!is_element(r, "tmx"))
        return fail_here(r, err, TA_EPARSE, "root element is not <tmx>");
      root = true;
      continue;
    }
    if (!is_element(r, "header"))
      return fail_here(r, err, TA_EPARSE, "expected <header>");
    break;
  }
  const char **fields[NHEADER] = {
      &r->header.srclang,      &r->header.adminlang,
      &r->header.datatype,     &r->header.segtype,
      &r->header.creationtool, &r->header.creationtoolversion,
      &r->header.o_tmf,        &r->header.creationdate,
      &r->header.o_encoding};
  for (size_t i = 0; i < NHEADER; i++) {
    r->hvals[i] =
        xmlTextReaderGetAttribute(r->xr, (const xmlChar *)header_attrs[i]);
    *fields[i] = (const char *)r->hvals[i];
  }
  return TA_OK;
}

static ta_status reader_new(const char *name, const ta_tmx_read_opts *o,
                            ta_tmx_reader **out, ta_error *err) {
  ta_tmx_reader *r = ta__calloc(1, sizeof *r);
  if (!r || !(r->path = ta__strdup(name))) {
    free(r);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  }
  if (o)
    r->o = *o;
  else
    ta_tmx_read_opts_init(&r->o);
  ta__buf_init(&r->data, SIZE_MAX);
  *out = r;
  return TA_OK;
}

/* Start libxml2 on r->fp and read the header; frees r on failure. */
static ta_status reader_start(ta_tmx_reader *r, ta_tmx_reader **out,
                              ta_error *err) {
  xmlInitParser();
  /* No NOENT / DTDLOAD / DTDVALID / HUGE: see the file comment. */
  r->xr =
      xmlReaderForIO(in_read, in_close, r, r->path, NULL,
                     XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  if (!r->xr) {
    ta_status st =
        ta__fail(err, TA_ENOMEM, "%s: cannot start the XML reader", r->path);
    ta_tmx_reader_free(r);
    return st;
  }
  xmlTextReaderSetStructuredErrorHandler(r->xr, on_xml_error, r);
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_xml_error, r);
  ta_status st = read_header(r, err);
  ta__xml_quiet_end(&q);
  if (st != TA_OK) {
    ta_tmx_reader_free(r);
    return st;
  }
  *out = r;
  return TA_OK;
}

ta_status ta_tmx_reader_open(const char *path, const ta_tmx_read_opts *o,
                             ta_tmx_reader **out, ta_error *err) {
  if (!path || !out) return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  ta_tmx_reader *r = NULL;
  bool std = !strcmp(path, "-");
  ta_status st = reader_new(std ? "<stdin>" : path, o, &r, err);
  if (st != TA_OK) return st;
  if (std) {
    r->fp = stdin;
  } else if (!(r->fp = fopen(path, "rb"))) {
    int e = errno;
    ta_tmx_reader_free(r);
    return ta__fail(err, e == ENOENT ? TA_ENOENT : TA_EIO, "%s: %s", path,
                    strerror(e));
  } else {
    r->own_fp = true;
  }
  return reader_start(r, out, err);
}

ta_status ta_tmx_reader_open_mem(const char *name, const void *data, size_t len,
                                 const ta_tmx_read_opts *o, ta_tmx_reader **out,
                                 ta_error *err) {
  if (!out || (len && !data))
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  if (!name) name = "<memory>";
  if (!len) return ta__fail(err, TA_EPARSE, "%s: empty input", name);
  ta_tmx_reader *r = NULL;
  ta_status st = reader_new(name, o, &r, err);
  if (st != TA_OK) return st;
  /* fmemopen only reads the buffer (mode "rb"). */
  if (!(r->fp = fmemopen((void *)(uintptr_t)data, len, "rb"))) {
    ta_tmx_reader_free(r);
    return ta__fail(err, TA_ENOMEM, "%s: cannot open the buffer", name);
  }
  r->own_fp = true;
  return reader_start(r, out, err);
}

const ta_tmx_header *ta_tmx_reader_header(const ta_tmx_reader *r) {
  return r ? &r->header : NULL;
}

/* Append an attribute value (or "" when absent) to data, return offset. */
static ta_status add_string(ta_tmx_reader *r, const char *s, size_t *off) {
  *off = r->data.len;
  ta_status st = ta__buf_add(&r->data, s ? s : "", s ? strlen(s) : 0);
  if (st == TA_OK) st = ta__buf_addc(&r->data, '\0');
  return st;
}

static ta_status add_attr(ta_tmx_reader *r, const char *name, size_t *off) {
  xmlChar *v = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)name);
  ta_status st = add_string(r, (const char *)v, off);
  xmlFree(v);
  return st;
}

/* Inline codes whose content is native markup, not text. */
static bool is_code(const char *name) {
  static const char *const codes[] = {"bpt", "ept", "it", "ph", "ut"};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (!strcmp(name, codes[i])) return true;
  return false;
}

static ta_status add_text(ta_tmx_reader *r, const char *s, size_t seg_start,
                          ta_error *err) {
  size_t n = strlen(s);
  if (r->data.len - seg_start + n > r->o.max_seg_bytes)
    return fail_here(r, err, TA_ETOOBIG, "segment longer than max_seg_bytes");
  ta_status st = ta__buf_add(&r->data, s, n);
  if (st != TA_OK) return fail_here(r, err, st, "out of memory");
  return TA_OK;
}

/* Collect the text of the <seg> the reader is on, up to its end tag,
 * treating inline elements as o.inline_codes says. */
static ta_status read_seg(ta_tmx_reader *r, size_t *off, ta_error *err) {
  ta_status st = TA_OK;
  *off = r->data.len;
  if (xmlTextReaderIsEmptyElement(r->xr)) return add_string(r, "", off);
  int depth = xmlTextReaderDepth(r->xr);
  int skip = -1; /* inside an element being skipped, down to this depth */
  for (;;) {
    int rc = step(r, err, &st);
    if (rc < 0) return st;
    if (rc == 0) return fail_here(r, err, TA_EPARSE, "unterminated <seg>");
    int type = xmlTextReaderNodeType(r->xr);
    int d = xmlTextReaderDepth(r->xr);
    if (type == XML_READER_TYPE_END_ELEMENT) {
      if (d == depth) break;
      if (d == skip) skip = -1;
      continue;
    }
    if (skip >= 0) continue;
    if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
        type == XML_READER_TYPE_WHITESPACE ||
        type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      st = add_text(r, (const char *)xmlTextReaderConstValue(r->xr), *off, err);
    } else if (type == XML_READER_TYPE_ELEMENT) {
      const char *name = (const char *)xmlTextReaderConstLocalName(r->xr);
      bool skip_it = false;
      if (r->o.inline_codes == TA_TMX_INLINE_MARKUP) {
        xmlChar *x = xmlTextReaderReadOuterXml(r->xr);
        st = x ? add_text(r, (const char *)x, *off, err)
               : fail_here(r, err, TA_EPARSE, "bad inline element");
        xmlFree(x);
        skip_it = true;
      } else if (r->o.inline_codes == TA_TMX_INLINE_STRIP) {
        skip_it = is_code(name);
      }
      if (skip_it && !xmlTextReaderIsEmptyElement(r->xr)) skip = d;
    }
    if (st != TA_OK) return st;
  }
  st = ta__buf_addc(&r->data, '\0');
  return st == TA_OK ? TA_OK : fail_here(r, err, st, "out of memory");
}

/* Read the text content of the <prop> the reader is on. */
static ta_status read_prop(ta_tmx_reader *r, ta_error *err) {
  if (ta__reserve(&r->poff, &r->pcap, r->np + 1) != TA_OK)
    return fail_here(r, err, TA_ENOMEM, "out of memory");
  off_pair *p = &r->poff[r->np++];
  ta_status st = add_attr(r, "type", &p->a);
  if (st == TA_OK) st = read_seg(r, &p->b, err);
  return st;
}

static ta_status read_tuv(ta_tmx_reader *r, ta_error *err) {
  if (r->nv >= r->o.max_variants)
    return fail_here(r, err, TA_ETOOBIG, "more <tuv> than max_variants");
  xmlChar *lang = xmlTextReaderGetAttributeNs(r->xr, (const xmlChar *)"lang",
                                              XML_XML_NAMESPACE);
  if (!lang) lang = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)"lang");
  if (!lang) return fail_here(r, err, TA_EPARSE, "<tuv> without xml:lang");
  if (ta__reserve(&r->voff, &r->vcap, r->nv + 1) != TA_OK) {
    xmlFree(lang);
    return fail_here(r, err, TA_ENOMEM, "out of memory");
  }
  off_pair *v = &r->voff[r->nv];
  ta_status st = add_string(r, (const char *)lang, &v->a);
  xmlFree(lang);
  if (st != TA_OK) return fail_here(r, err, st, "out of memory");
  if (xmlTextReaderIsEmptyElement(r->xr))
    return fail_here(r, err, TA_EPARSE, "<tuv> without <seg>");
  int depth = xmlTextReaderDepth(r->xr);
  bool seg = false;
  for (;;) {
    int rc = step(r, err, &st);
    if (rc < 0) return st;
    if (rc == 0) return fail_here(r, err, TA_EPARSE, "unterminated <tuv>");
    int type = xmlTextReaderNodeType(r->xr);
    if (type == XML_READER_TYPE_END_ELEMENT &&
        xmlTextReaderDepth(r->xr) == depth)
      break;
    if (!seg && is_element(r, "seg") &&
        xmlTextReaderDepth(r->xr) == depth + 1) {
      st = read_seg(r, &v->b, err);
      if (st != TA_OK) return st;
      seg = true;
    }
  }
  if (!seg) return fail_here(r, err, TA_EPARSE, "<tuv> without <seg>");
  r->nv++;
  return TA_OK;
}

/* Turn offsets into the pointers of r->unit (data no longer moves). */
static ta_status publish(ta_tmx_reader *r, ta_error *err) {
  if (ta__reserve(&r->vars, &r->varscap, r->nv ? r->nv : 1) != TA_OK ||
      ta__reserve(&r->props, &r->propscap, r->np ? r->np : 1) != TA_OK)
    return fail_here(r, err, TA_ENOMEM, "out of memory");
  const char *d = r->data.p;
  for (size_t i = 0; i < r->nv; i++)
    r->vars[i] = (ta_tmx_variant){d + r->voff[i].a, d + r->voff[i].b};
  for (size_t i = 0; i < r->np; i++)
    r->props[i] = (ta_tmx_prop){d + r->poff[i].a, d + r->poff[i].b};
  r->unit = (ta_tmx_unit){r->tuid == SIZE_MAX ? NULL : d + r->tuid,
                          r->srclang == SIZE_MAX ? NULL : d + r->srclang,
                          r->vars,
                          r->nv,
                          r->props,
                          r->np};
  return TA_OK;
}

static ta_status read_tu(ta_tmx_reader *r, ta_error *err) {
  ta__buf_reset(&r->data);
  r->nv = r->np = 0;
  r->tuid = r->srclang = SIZE_MAX;
  ta_status st = TA_OK;
  xmlChar *v;
  if ((v = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)"tuid"))) {
    st = add_string(r, (const char *)v, &r->tuid);
    xmlFree(v);
  }
  if (st == TA_OK &&
      (v = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)"srclang"))) {
    st = add_string(r, (const char *)v, &r->srclang);
    xmlFree(v);
  }
  if (st != TA_OK) return fail_here(r, err, st, "out of memory");
  if (xmlTextReaderIsEmptyElement(r->xr)) return publish(r, err);
  int depth = xmlTextReaderDepth(r->xr);
  for (;;) {
    int rc = step(r, err, &st);
    if (rc < 0) return st;
    if (rc == 0) return fail_here(r, err, TA_EPARSE, "unterminated <tu>");
    int type = xmlTextReaderNodeType(r->xr);
    int d = xmlTextReaderDepth(r->xr);
    if (type == XML_READER_TYPE_END_ELEMENT && d == depth) break;
    if (type != XML_READER_TYPE_ELEMENT || d != depth + 1) continue;
    if (is_element(r, "tuv"))
      st = read_tuv(r, err);
    else if (is_element(r, "prop"))
      st = read_prop(r, err);
    if (st != TA_OK) return st;
  }
  return publish(r, err);
}

static ta_status next_unit(ta_tmx_reader *r, const ta_tmx_unit **u,
                           ta_error *err) {
  ta_status st = TA_OK;
  for (;;) {
    int rc = step(r, err, &st);
    if (rc < 0) return st;
    if (rc == 0) {
      r->done = true;
      return TA_OK;
    }
    if (is_element(r, "tu")) break;
  }
  st = read_tu(r, err);
  if (st != TA_OK) return st;
  r->units++;
  *u = &r->unit;
  return TA_OK;
}

/* libxml2 reports encoding and input errors through its per-thread
 * handlers, bypassing the reader's own, and would print them: they are
 * pointed at on_xml_error for each call (once a unit, not once a node:
 * switching them costs thread-local lookups). */
ta_status ta_tmx_reader_next(ta_tmx_reader *r, const ta_tmx_unit **u,
                             ta_error *err) {
  if (!r || !u) return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  *u = NULL;
  if (r->done) return TA_OK;
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_xml_error, r);
  ta_status st = next_unit(r, u, err);
  ta__xml_quiet_end(&q);
  return st;
}

void ta_tmx_reader_free(ta_tmx_reader *r) {
  if (!r) return;
  if (r->xr)
    xmlFreeTextReader(r->xr); /* closes the input through in_close */
  else if (r->own_fp && r->fp)
    fclose(r->fp);
  for (size_t i = 0; i < NHEADER; i++) xmlFree(r->hvals[i]);
  ta__buf_free(&r->data);
  free(r->voff);
  free(r->poff);
  free(r->vars);
  free(r->props);
  free(r->path);
  free(r);
}
