/* Writing TMX 1.4b with libxml2's xmlTextWriter, one unit at a time, into a
 * ta_outfile (temporary file + rename).  Also maps aligner beads to units.
 *
 * Layout is written by hand as whitespace between elements (never inside
 * <seg>, where whitespace is content): one element per line, two-space
 * indentation, <body> and </body> on lines of their own even when empty.
 * libxml2's own indentation is not used because it writes <body/> for an
 * empty body, which line-based readers (Perl XML::TMX) cannot read.
 *
 * Does not: write inline codes (Level 1 only: segment text is escaped),
 * header props or notes.  Memory: one unit's text. */
#include <errno.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmx/tmx_int.h"

#define LANG_MAX 64

struct ta_tmx_writer {
  char *path; /* named in write errors */
  int io_errno;
  ta_outfile *of;
  FILE *fp;
  xmlTextWriterPtr xw;
  ta_tmx_write_opts o;
  char srclang[LANG_MAX];
  bool all;        /* srclang "*all*": keep the given variant order */
  bool io_error;   /* the output callback failed */
  ta_status inner; /* what made one of our own steps fail, else TA_OK */
  bool failed;
  bool closed;
  size_t count;
  ta__buf text;
  ta__buf attr; /* cleaned attribute value */
};

void ta_tmx_header_init(ta_tmx_header *h) {
  if (!h) return;
  memset(h, 0, sizeof *h);
  h->adminlang = "en";
  h->datatype = "plaintext";
  h->segtype = "sentence";
  h->creationtool = "tmxalign";
  h->creationtoolversion = ta_version_string();
  h->o_tmf = "tmxalign";
}

void ta_tmx_write_opts_init(ta_tmx_write_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->doctype = true;
}

/* A failed write is recorded, not returned: libxml2 would print its own
 * "I/O error" on stderr, and the library never prints.  Every writer call
 * checks io_error afterwards (X below). */
static int out_write(void *ctx, const char *buf, int len) {
  ta_tmx_writer *w = ctx;
  if (len > 0 && !w->io_error &&
      fwrite(buf, 1, (size_t)len, w->fp) != (size_t)len) {
    w->io_error = true;
    w->io_errno = errno;
  }
  return len;
}

/* Map a failed libxml2 call to a status, remembering that the writer is
 * now unusable. */
static ta_status xml_fail(ta_tmx_writer *w, ta_error *err, const char *what) {
  w->failed = true;
  if (w->io_error)
    return ta__fail(err, TA_EIO, "%s: write error while writing %s: %s",
                    w->path, what,
                    w->io_errno ? strerror(w->io_errno) : "short write");
  if (w->inner != TA_OK)
    return ta__fail(err, w->inner, "%s: %s while writing %s", w->path,
                    ta_strerror(w->inner), what);
  return ta__fail(err, TA_EXML, "%s: libxml2 could not write %s", w->path,
                  what);
}

#define X(call, what)                                               \
  do {                                                              \
    if ((call) < 0 || w->io_error) return xml_fail(w, err, (what)); \
  } while (0)

static int raw(ta_tmx_writer *w, const char *s) {
  return xmlTextWriterWriteRaw(w->xw, (const xmlChar *)s);
}

/* Attribute values are cleaned like text (a tuid or prop type from a
 * caller could hold a control character); removals are silent here because
 * the value, not the segment, is at fault and stays recognisable. */
static int attr(ta_tmx_writer *w, const char *name, const char *value) {
  size_t removed = 0;
  ta__buf_reset(&w->attr);
  ta_status st = ta__tmx_clean_text(value, strlen(value), &w->attr, &removed);
  if (st != TA_OK) {
    w->inner = st;
    return -1;
  }
  return xmlTextWriterWriteAttribute(w->xw, (const xmlChar *)name,
                                     (const xmlChar *)w->attr.p);
}

/* Warn about removed characters, naming the unit and the variant. */
static void warn_removed(ta_tmx_writer *w, const char *tuid, const char *where,
                         size_t removed) {
  if (!removed || !w->o.note.fn) return;
  char msg[256];
  snprintf(msg, sizeof msg,
           "tu %s (%s): removed %zu character%s not allowed in XML 1.0", tuid,
           where, removed, removed == 1 ? "" : "s");
  /* The tuid comes from the caller: no control character reaches a
   * terminal through the message. */
  for (char *p = msg; *p; p++)
    if ((unsigned char)*p < 0x20) *p = '?';
  w->o.note.fn(w->o.note.user, msg);
}

/* Write element name with the cleaned text as its only content. */
static ta_status text_element(ta_tmx_writer *w, const char *name,
                              const char *type, const char *text,
                              const char *tuid, const char *where,
                              ta_error *err) {
  size_t removed = 0;
  ta__buf_reset(&w->text);
  ta_status st = ta__tmx_clean_text(text, strlen(text), &w->text, &removed);
  if (st != TA_OK) {
    w->failed = true;
    return ta__fail(err, st, "tmx: tu %s: text too large", tuid);
  }
  warn_removed(w, tuid, where, removed);
  X(xmlTextWriterStartElement(w->xw, (const xmlChar *)name), name);
  if (type) X(attr(w, "type", type), name);
  X(xmlTextWriterWriteString(w->xw,
                             (const xmlChar *)(w->text.p ? w->text.p : "")),
    name);
  X(xmlTextWriterFullEndElement(w->xw), name);
  return TA_OK;
}

static ta_status write_header(ta_tmx_writer *w, const ta_tmx_header *h,
                              ta_error *err) {
  ta_tmx_header d;
  ta_tmx_header_init(&d);
  char date[32];
  const char *creationdate = h->creationdate;
  if (!creationdate) {
    ta_status st = ta__tmx_now(date, sizeof date, err);
    if (st != TA_OK) return st;
    creationdate = date;
  } else if (!ta__tmx_date_ok(creationdate)) {
    return ta__fail(err, TA_EINVAL,
                    "tmx: creationdate %s: expected YYYYMMDDThhmmssZ",
                    creationdate);
  }
  /* The DTD's enumeration: anything else makes the file invalid. */
  static const char *const segtypes[] = {"block", "paragraph", "sentence",
                                         "phrase"};
  const char *segtype = h->segtype ? h->segtype : d.segtype;
  bool seg_ok = false;
  for (size_t i = 0; i < sizeof segtypes / sizeof segtypes[0]; i++)
    seg_ok = seg_ok || !strcmp(segtype, segtypes[i]);
  if (!seg_ok)
    return ta__fail(err, TA_EINVAL,
                    "tmx: segtype %s: expected block, paragraph, sentence or "
                    "phrase",
                    segtype);
  /* Attribute order as in the TMX specification's example. */
  const struct {
    const char *name, *value;
  } attrs[] = {
      {"creationtool", h->creationtool ? h->creationtool : d.creationtool},
      {"creationtoolversion",
       h->creationtoolversion ? h->creationtoolversion : d.creationtoolversion},
      {"segtype", segtype},
      {"o-tmf", h->o_tmf ? h->o_tmf : d.o_tmf},
      {"adminlang", h->adminlang ? h->adminlang : d.adminlang},
      {"srclang", w->srclang},
      {"datatype", h->datatype ? h->datatype : d.datatype},
      {"creationdate", creationdate},
  };
  X(xmlTextWriterStartDocument(w->xw, "1.0", "UTF-8", NULL), "the prolog");
  if (w->o.doctype) {
    X(xmlTextWriterWriteDTD(w->xw, (const xmlChar *)"tmx", NULL,
                            (const xmlChar *)"tmx14.dtd", NULL),
      "the doctype");
    X(raw(w, "\n"), "the doctype");
  }
  X(xmlTextWriterStartElement(w->xw, (const xmlChar *)"tmx"), "<tmx>");
  X(attr(w, "version", "1.4"), "<tmx>");
  X(raw(w, "\n  "), "<tmx>");
  X(xmlTextWriterStartElement(w->xw, (const xmlChar *)"header"), "<header>");
  for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
    X(attr(w, attrs[i].name, attrs[i].value), "<header>");
  X(raw(w, "\n  "), "<header>");
  X(xmlTextWriterFullEndElement(w->xw), "<header>");
  X(raw(w, "\n  "), "<body>");
  X(xmlTextWriterStartElement(w->xw, (const xmlChar *)"body"), "<body>");
  X(raw(w, "\n"), "<body>");
  return TA_OK;
}

ta_status ta_tmx_writer_open(const char *path, const ta_tmx_header *h,
                             const ta_tmx_write_opts *o, ta_tmx_writer **out,
                             ta_error *err) {
  if (!path || !h || !out)
    return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  if (!h->srclang)
    return ta__fail(err, TA_EINVAL, "%s: no source language given", path);
  ta_tmx_writer *w = ta__calloc(1, sizeof *w);
  if (!w || !(w->path = ta__strdup(path))) {
    free(w);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  if (o)
    w->o = *o;
  else
    ta_tmx_write_opts_init(&w->o);
  ta__buf_init(&w->text, (size_t)1 << 30);
  ta__buf_init(&w->attr, (size_t)1 << 20);
  ta_status st = ta_tmx_lang_normalize(h->srclang, w->srclang, LANG_MAX, NULL);
  if (st != TA_OK) {
    free(w->path);
    free(w);
    return ta__fail(err, TA_ELANG, "%s: invalid source language '%s'", path,
                    h->srclang);
  }
  w->all = !strcmp(w->srclang, "*all*");
  xmlInitParser();
  st = ta_outfile_open(path, &w->of, err);
  if (st != TA_OK) {
    free(w->path);
    free(w);
    return st;
  }
  w->fp = ta_outfile_fp(w->of);
  xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(out_write, NULL, w, NULL);
  if (!ob || !(w->xw = xmlNewTextWriter(ob))) {
    if (ob) xmlOutputBufferClose(ob);
    ta_tmx_writer_free(w);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  st = write_header(w, h, err);
  if (st != TA_OK) {
    ta_tmx_writer_free(w);
    return st;
  }
  *out = w;
  return TA_OK;
}

/* Order in which variants are written: the source first. */
static size_t source_index(const ta_tmx_writer *w, const ta_tmx_unit *u) {
  if (w->all) return 0;
  for (size_t i = 0; i < u->nvariants; i++)
    if (ta_tmx_lang_equal(u->variants[i].lang, w->srclang)) return i;
  return 0; /* no source variant (an unaligned target): keep the order */
}

static ta_status write_variant(ta_tmx_writer *w, const ta_tmx_variant *v,
                               const char *tuid, ta_error *err) {
  char lang[LANG_MAX];
  if (!v->lang || !v->text)
    return ta__fail(err, TA_EINVAL, "tmx: tu %s: variant without %s", tuid,
                    v->lang ? "text" : "language");
  if (ta_tmx_lang_normalize(v->lang, lang, sizeof lang, NULL) != TA_OK ||
      !strcmp(lang, "*all*"))
    return ta__fail(err, TA_ELANG, "tmx: tu %s: invalid language '%s'", tuid,
                    v->lang);
  X(raw(w, "\n      "), "<tuv>");
  X(xmlTextWriterStartElement(w->xw, (const xmlChar *)"tuv"), "<tuv>");
  X(attr(w, "xml:lang", lang), "<tuv>");
  X(raw(w, "\n        "), "<seg>");
  ta_status st = text_element(w, "seg", NULL, v->text, tuid, lang, err);
  if (st != TA_OK) return st;
  X(raw(w, "\n      "), "<tuv>");
  X(xmlTextWriterFullEndElement(w->xw), "<tuv>");
  return TA_OK;
}

ta_status ta_tmx_writer_add(ta_tmx_writer *w, const ta_tmx_unit *u,
                            ta_error *err) {
  if (!w || !u) return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  if (w->failed || w->closed)
    return ta__fail(err, TA_EINVAL, "tmx: writer already failed or closed");
  char num[32];
  snprintf(num, sizeof num, "#%zu", w->count + 1);
  const char *tuid = u->tuid ? u->tuid : num;
  if (u->nvariants == 0 || !u->variants)
    return ta__fail(err, TA_EINVAL, "tmx: tu %s: no variant", tuid);
  X(raw(w, "    "), "<tu>");
  X(xmlTextWriterStartElement(w->xw, (const xmlChar *)"tu"), "<tu>");
  if (u->tuid) X(attr(w, "tuid", u->tuid), "<tu>");
  if (u->srclang) X(attr(w, "srclang", u->srclang), "<tu>");
  ta_status st = TA_OK;
  for (size_t i = 0; st == TA_OK && i < u->nprops; i++) {
    const ta_tmx_prop *p = &u->props[i];
    if (!p->type || !p->value)
      return ta__fail(err, TA_EINVAL, "tmx: tu %s: prop without type/value",
                      tuid);
    X(raw(w, "\n      "), "<prop>");
    st = text_element(w, "prop", p->type, p->value, tuid, p->type, err);
  }
  size_t first = source_index(w, u);
  if (st == TA_OK) st = write_variant(w, &u->variants[first], tuid, err);
  for (size_t i = 0; st == TA_OK && i < u->nvariants; i++)
    if (i != first) st = write_variant(w, &u->variants[i], tuid, err);
  if (st != TA_OK) {
    w->failed = true;
    return st;
  }
  X(raw(w, "\n    "), "</tu>");
  X(xmlTextWriterFullEndElement(w->xw), "</tu>");
  X(raw(w, "\n"), "</tu>");
  w->count++;
  return TA_OK;
}

size_t ta_tmx_writer_count(const ta_tmx_writer *w) { return w ? w->count : 0; }

ta_status ta_tmx_writer_close(ta_tmx_writer *w, ta_error *err) {
  if (!w) return ta__fail(err, TA_EINVAL, "tmx: missing argument");
  if (w->failed || w->closed)
    return ta__fail(err, TA_EINVAL, "tmx: writer already failed or closed");
  X(raw(w, "  "), "</body>");
  X(xmlTextWriterFullEndElement(w->xw), "</body>");
  X(raw(w, "\n"), "</tmx>");
  X(xmlTextWriterEndElement(w->xw), "</tmx>");
  X(raw(w, "\n"), "</tmx>");
  X(xmlTextWriterEndDocument(w->xw), "the end of the document");
  X(xmlTextWriterFlush(w->xw), "the end of the document");
  xmlFreeTextWriter(w->xw);
  w->xw = NULL;
  ta_outfile *of = w->of;
  w->of = NULL;
  ta_status st = ta_outfile_commit(of, err);
  if (st != TA_OK) {
    w->failed = true;
    return st;
  }
  w->closed = true;
  return TA_OK;
}

void ta_tmx_writer_free(ta_tmx_writer *w) {
  if (!w) return;
  if (w->xw) xmlFreeTextWriter(w->xw); /* may flush into the temp file */
  ta_outfile_abort(w->of);
  ta__buf_free(&w->text);
  ta__buf_free(&w->attr);
  free(w->path);
  free(w);
}
