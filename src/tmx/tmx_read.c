/* Reading TMX 1.1-1.4b with libxml2's xmlTextReader, one <tu> at a time.
 *
 * Hardening: the parser runs with XML_PARSE_NONET and without NOENT,
 * DTDLOAD or DTDVALID, so no DTD or external entity is ever fetched.  An
 * entity reference other than the five predefined ones is refused outright
 * (TMX never needs one), so neither an external entity (file:///etc/passwd)
 * nor an internal one can inject text.  XML_PARSE_HUGE is on: without it
 * libxml2 stops at a 10,000,000-byte text node, below the documented 16 MiB
 * <seg> (max_seg_bytes, which we enforce ourselves).  HUGE also turns off
 * libxml2's entity-amplification checks, and attribute values expand
 * entities even without NOENT, so HUGE is only set when the prolog, read
 * before libxml2 starts (huge_is_safe), provably declares no entity: no
 * internal DTD subset ("[") before the root element, in an encoding where
 * "[" cannot hide.  Otherwise the file is read as before, with libxml2's
 * limits.  UTF-32 (UCS-4) files, which libxml2 cannot read here, are
 * refused from their first four bytes with one message.  Errors carry line and
 * column from libxml2's structured error.
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
  unsigned char *head; /* first bytes, read to sniff UTF-32 and prolog */
  size_t headlen, headpos;
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
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->inline_codes = TA_TMX_INLINE_NATIVE;
  o->max_seg_bytes = (size_t)16 << 20;
  o->max_variants = 1024;
}

static int in_read(void *ctx, char *buf, int len) {
  ta_tmx_reader *r = ctx;
  if (r->headpos < r->headlen && len > 0) { /* the sniffed bytes first */
    size_t n = r->headlen - r->headpos;
    if (n > (size_t)len) n = (size_t)len;
    memcpy(buf, r->head + r->headpos, n);
    r->headpos += n;
    return (int)n;
  }
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
  if (strstr(msg, "huge text node")) { /* HUGE was not safe to set */
    r->xml_status = TA_ETOOBIG;
    snprintf(msg, sizeof msg,
             "text longer than libxml2's 10000000-byte limit (files with "
             "an internal DTD subset or an unusual encoding are read with "
             "libxml2's limits): remove the DOCTYPE's [...] or convert the "
             "file to UTF-8");
  }
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

/* The byte order of a UTF-32 (UCS-4) start: a BOM or "<" in four bytes,
 * or NULL when the file is not UTF-32. */
static const char *ucs4_order(const unsigned char *h, size_t n) {
  static const struct {
    const char *bytes, *order;
  } starts[] = {
      {"\xFF\xFE\0\0", "UTF-32LE"},   {"\0\0\xFE\xFF", "UTF-32BE"},
      {"\0\0\xFF\xFE", "UCS-4 2143"}, {"\xFE\xFF\0\0", "UCS-4 3412"},
      {"<\0\0\0", "UTF-32LE"},        {"\0\0\0<", "UTF-32BE"},
      {"\0\0<\0", "UCS-4 2143"},      {"\0<\0\0", "UCS-4 3412"},
  };
  if (n < 4) return NULL;
  for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
    if (!memcmp(h, starts[i].bytes, 4)) return starts[i].order;
  return NULL;
}

/* Bytes read before libxml2 starts: enough for any real prolog. */
enum { SNIFF = 1 << 16 };

static bool has_prefix_ci(const char *s, size_t n, const char *pre) {
  size_t k = strlen(pre);
  if (n < k) return false;
  for (size_t i = 0; i < k; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != pre[i]) return false;
  }
  return true;
}

/* Encodings in which ASCII characters are themselves, so that a "[" in the
 * text is a 0x5B byte (UTF-7 or EBCDIC could hide one). */
static bool ascii_visible(const char *enc, size_t n) {
  static const char *const ok[] = {
      "utf-8",    "utf8",     "utf-16",    "utf16",    "iso-8859-",
      "iso8859-", "iso_8859", "latin",     "us-ascii", "ascii",
      "windows-", "cp125",    "shift_jis", "sjis",     "euc-",
      "gb2312",   "gbk",      "gb18030",   "big5",     "koi8"};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    if (has_prefix_ci(enc, n, ok[i])) return true;
  return false;
}

static const char *find(const char *v, size_t i, size_t n, const char *what) {
  size_t k = strlen(what);
  for (; i + k <= n; i++)
    if (!memcmp(v + i, what, k)) return v + i;
  return NULL;
}

/* Can XML_PARSE_HUGE be set?  Only when the prolog in h[0, n) is seen
 * whole and holds no internal DTD subset, so no entity can be declared:
 * XML declaration (an ASCII-compatible encoding), comments, PIs and a
 * DOCTYPE without "[", then the root element.  Anything else: no. */
static bool huge_is_safe(const unsigned char *h, size_t n) {
  size_t start = 0, step = 1, lo = 0; /* UTF-16: the ASCII byte of each unit */
  if (n >= 2 && h[0] == 0xFF && h[1] == 0xFE)
    start = 2, step = 2, lo = 0;
  else if (n >= 2 && h[0] == 0xFE && h[1] == 0xFF)
    start = 2, step = 2, lo = 1;
  else if (n >= 2 && h[0] == '<' && h[1] == 0)
    step = 2, lo = 0;
  else if (n >= 2 && h[0] == 0 && h[1] == '<')
    step = 2, lo = 1;
  else if (n >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3))
    start = 3;
  char *v = ta__malloc(n + 1);
  if (!v) return false;
  size_t vn = 0;
  for (size_t i = start; i + step <= n; i += step) {
    if (step == 2 && h[i + 1 - lo]) break; /* not ASCII: the view ends */
    v[vn++] = (char)h[i + lo];
  }
  bool safe = false;
  size_t i = 0;
  if (vn >= 5 && !memcmp(v, "<?xml", 5)) {
    const char *end = find(v, 5, vn, "?>");
    if (!end) goto out;
    size_t e = (size_t)(end - v);
    const char *enc = find(v, 5, e, "encoding");
    if (enc) {
      size_t j = (size_t)(enc - v) + 8;
      while (j < e && strchr(" \t\r\n=", v[j])) j++;
      if (j >= e || (v[j] != '"' && v[j] != '\'')) goto out;
      const char *q = memchr(v + j + 1, v[j], e - j - 1);
      if (!q || !ascii_visible(v + j + 1, (size_t)(q - v) - j - 1)) goto out;
    }
    i = e + 2;
  }
  for (;;) {
    while (i < vn && strchr(" \t\r\n", v[i])) i++;
    if (i >= vn || v[i] != '<' || i + 1 >= vn) break;
    const char *end;
    if (v[i + 1] == '?') {
      if (!(end = find(v, i + 2, vn, "?>"))) break;
      i = (size_t)(end - v) + 2;
    } else if (vn - i >= 4 && !memcmp(v + i, "<!--", 4)) {
      if (!(end = find(v, i + 4, vn, "-->"))) break;
      i = (size_t)(end - v) + 3;
    } else if (vn - i >= 9 && !memcmp(v + i, "<!DOCTYPE", 9)) {
      size_t j = i + 9;
      while (j < vn && v[j] != '>' && v[j] != '[') {
        if (v[j] == '"' || v[j] == '\'') {
          const char *q = memchr(v + j + 1, v[j], vn - j - 1);
          if (!q) break;
          j = (size_t)(q - v);
        }
        j++;
      }
      if (j >= vn || v[j] != '>') break; /* "[" or cut off */
      i = j + 1;
    } else {
      unsigned char c = (unsigned char)v[i + 1];
      safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
             c == ':';
      break;
    }
  }
out:
  free(v);
  return safe;
}

/* Start libxml2 on r->fp and read the header; frees r on failure. */
static ta_status reader_start(ta_tmx_reader *r, ta_tmx_reader **out,
                              ta_error *err) {
  if (!(r->head = ta__malloc(SNIFF))) {
    ta_status st = ta__fail(err, TA_ENOMEM, "%s: out of memory", r->path);
    ta_tmx_reader_free(r);
    return st;
  }
  r->headlen = fread(r->head, 1, SNIFF, r->fp);
  if (r->headlen < SNIFF && ferror(r->fp)) {
    ta_status st =
        ta__fail(err, TA_EIO, "%s: read error: %s", r->path, strerror(errno));
    ta_tmx_reader_free(r);
    return st;
  }
  const char *ucs4 = ucs4_order(r->head, r->headlen);
  if (ucs4) {
    ta_status st = ta__fail(err, TA_EENCODING,
                            "%s: UTF-32 TMX (%s): convert it to UTF-8 or "
                            "UTF-16 (iconv -f UTF-32 -t UTF-8)",
                            r->path, ucs4);
    ta_tmx_reader_free(r);
    return st;
  }
  xmlInitParser();
  /* No NOENT / DTDLOAD / DTDVALID; HUGE: see the file comment. */
  int huge = huge_is_safe(r->head, r->headlen) ? XML_PARSE_HUGE : 0;
  r->xr = xmlReaderForIO(
      in_read, in_close, r, r->path, NULL,
      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | huge);
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
  if (r->data.len - seg_start + n > r->o.max_seg_bytes) {
    char what[96];
    snprintf(what, sizeof what, "segment longer than %zu bytes (max_seg_bytes)",
             r->o.max_seg_bytes);
    return fail_here(r, err, TA_ETOOBIG, what);
  }
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
  free(r->head);
  ta__buf_free(&r->data);
  free(r->voff);
  free(r->poff);
  free(r->vars);
  free(r->props);
  free(r->path);
  free(r);
}
