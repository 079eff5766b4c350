/* The first sheet of an XLSX workbook as a table of pairs, for
 * ta_tmx_from_table: libzip for the archive (with the limits the document
 * readers use against zip bombs), libxml2 for xl/sharedStrings.xml and
 * xl/worksheets/sheet1.xml (the name both libxlsxwriter and LibreOffice
 * give the first sheet).  Cells: shared strings (t="s"), inline strings,
 * formula strings and numbers; the columns are found by the header row's
 * "source", "target" and "score". */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "base/xml_quiet.h"
#include "tmx/tmx_int.h"

enum { MAX_ENTRIES = 10000, MAX_RATIO = 100 };
#define MAX_PART ((size_t)256 << 20)

static void on_xml_error(void *user, xmlErrorPtr e) { (void)user, (void)e; }

/* One part inflated, NUL-terminated; *out NULL when it is absent. */
static ta_status part(zip_t *z, const char *name, const char *entry, char **out,
                      size_t *n, ta_error *err) {
  *out = NULL;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, entry, 0, &st) < 0) return TA_OK;
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART ||
      ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > ((zip_uint64_t)1 << 20) &&
       st.size / (st.comp_size ? st.comp_size : 1) > MAX_RATIO))
    return ta__fail(err, TA_ETOOBIG,
                    "%s: %s: %llu bytes once inflated: refused (more than "
                    "256 MiB or %d times its compressed size)",
                    name, entry, (unsigned long long)st.size, MAX_RATIO);
  zip_file_t *f = zip_fopen_index(z, st.index, 0);
  char *buf = f ? ta__malloc((size_t)st.size + 1) : NULL;
  if (!buf) {
    if (f) zip_fclose(f);
    return f ? ta__fail(err, TA_ENOMEM, "%s: out of memory", name)
             : ta__fail(err, TA_EPARSE, "%s: %s: cannot be read: %s", name,
                        entry, zip_strerror(z));
  }
  zip_int64_t k = zip_fread(f, buf, st.size);
  zip_fclose(f);
  if (k < 0 || (zip_uint64_t)k != st.size) {
    free(buf);
    return ta__fail(err, TA_EPARSE, "%s: %s: damaged archive", name, entry);
  }
  buf[st.size] = '\0';
  *out = buf;
  *n = (size_t)st.size;
  return TA_OK;
}

static xmlDocPtr parse(const char *data, size_t n) {
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_xml_error, NULL);
  xmlDocPtr d = n <= (size_t)0x7fffffff
                    ? xmlReadMemory(data, (int)n, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR |
                                        XML_PARSE_NOWARNING | XML_PARSE_HUGE)
                    : NULL;
  ta__xml_quiet_end(&q);
  return d;
}

static bool is(xmlNodePtr n, const char *name) {
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The text of the <t> elements under n, phonetic runs (<rPh>) left out. */
static void texts(xmlNodePtr n, ta__buf *b) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (is(c, "rPh")) continue;
    if (is(c, "t")) {
      xmlChar *s = xmlNodeGetContent(c);
      if (s) ta__buf_add(b, (const char *)s, strlen((const char *)s));
      xmlFree(s);
    } else if (c->type == XML_ELEMENT_NODE) {
      texts(c, b);
    }
  }
}

typedef struct strings {
  char **s;
  size_t n;
} strings;

static ta_status shared_strings(xmlDocPtr d, strings *out) {
  xmlNodePtr root = xmlDocGetRootElement(d);
  size_t n = 0;
  for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
    n += is(c, "si");
  out->s = calloc(n ? n : 1, sizeof *out->s);
  if (!out->s) return TA_ENOMEM;
  for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
    if (!is(c, "si")) continue;
    ta__buf b;
    ta__buf_init(&b, MAX_PART);
    texts(c, &b);
    out->s[out->n++] = b.p ? b.p : ta__strdup("");
    if (!out->s[out->n - 1]) return TA_ENOMEM;
  }
  return TA_OK;
}

/* Column index of a reference such as "AB12"; -1 when malformed. */
static long column(const char *ref) {
  long c = 0;
  size_t i = 0;
  for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; i++)
    c = c * 26 + ref[i] - 'A' + 1;
  return i ? c - 1 : -1;
}

/* The text of cell c (a malloc'd string), NULL when out of memory. */
static char *cell_text(xmlNodePtr c, const strings *ss, bool *bad_index) {
  xmlChar *t = xmlGetProp(c, (const xmlChar *)"t");
  char *out = NULL;
  ta__buf b;
  ta__buf_init(&b, MAX_PART);
  for (xmlNodePtr k = c->children; k; k = k->next) {
    if (t && !strcmp((const char *)t, "inlineStr") && is(k, "is")) {
      texts(k, &b);
    } else if (is(k, "v")) {
      xmlChar *v = xmlNodeGetContent(k);
      if (t && !strcmp((const char *)t, "s")) {
        char *end = NULL;
        unsigned long i = v ? strtoul((const char *)v, &end, 10) : 0;
        if (!v || end == (char *)v || *end || i >= ss->n)
          *bad_index = true;
        else
          ta__buf_add(&b, ss->s[i], strlen(ss->s[i]));
      } else if (v) {
        ta__buf_add(&b, (const char *)v, strlen((const char *)v));
      }
      xmlFree(v);
    }
  }
  xmlFree(t);
  out = b.p ? b.p : ta__strdup("");
  return out;
}

enum { COL_SRC, COL_TGT, COL_SCORE, NCOLS };

static ta_status sheet_rows(const char *name, xmlDocPtr d, const strings *ss,
                            ta__table *t, ta_error *err) {
  xmlNodePtr root = xmlDocGetRootElement(d), data = NULL;
  for (xmlNodePtr c = root ? root->children : NULL; c && !data; c = c->next)
    if (is(c, "sheetData")) data = c;
  if (!data)
    return ta__fail(err, TA_EPARSE, "%s: the first sheet has no cells", name);
  long cols[NCOLS] = {-1, -1, -1};
  bool header = false;
  size_t rownum = 0;
  for (xmlNodePtr r = data->children; r; r = r->next) {
    if (!is(r, "row")) continue;
    xmlChar *rr = xmlGetProp(r, (const xmlChar *)"r");
    rownum = rr ? strtoul((const char *)rr, NULL, 10) : rownum + 1;
    xmlFree(rr);
    char *cell[NCOLS] = {NULL, NULL, NULL};
    long next = 0;
    ta_status st = TA_OK;
    bool bad = false;
    for (xmlNodePtr c = r->children; c && st == TA_OK; c = c->next) {
      if (!is(c, "c")) continue;
      xmlChar *ref = xmlGetProp(c, (const xmlChar *)"r");
      long col = ref ? column((const char *)ref) : next;
      xmlFree(ref);
      next = col + 1;
      char *text = cell_text(c, ss, &bad);
      if (!text) {
        st = TA_ENOMEM;
        break;
      }
      if (!header) { /* the header row: find the columns */
        if (!strcasecmp(text, "source")) cols[COL_SRC] = col;
        if (!strcasecmp(text, "target")) cols[COL_TGT] = col;
        if (!strcasecmp(text, "score")) cols[COL_SCORE] = col;
        free(text);
        continue;
      }
      int k = col == cols[COL_SRC]                 ? COL_SRC
              : col == cols[COL_TGT]               ? COL_TGT
              : col == cols[COL_SCORE] && col >= 0 ? COL_SCORE
                                                   : -1;
      if (k >= 0 && !cell[k])
        cell[k] = text;
      else
        free(text);
    }
    if (st == TA_OK && bad)
      st = ta__fail(err, TA_EPARSE,
                    "%s: row %zu: a cell names a shared string the workbook "
                    "does not have",
                    name, rownum);
    else if (st == TA_OK && !header) {
      header = true;
      if (cols[COL_SRC] < 0 || cols[COL_TGT] < 0)
        st = ta__fail(err, TA_EPARSE,
                      "%s: row %zu: no \"source\" and \"target\" columns in "
                      "the header row; the first row must name them, as "
                      "'tmxalign align -f xlsx' writes it",
                      name, rownum);
    } else if (st == TA_OK) {
      const char *s = cell[COL_SRC] ? cell[COL_SRC] : "";
      const char *g = cell[COL_TGT] ? cell[COL_TGT] : "";
      st = ta__table_add(t, rownum, s, strlen(s), g, strlen(g), cell[COL_SCORE],
                         cell[COL_SCORE] ? strlen(cell[COL_SCORE]) : 0);
      if (st != TA_OK) st = ta__fail(err, st, "%s: out of memory", name);
    } else if (st == TA_ENOMEM) {
      st = ta__fail(err, st, "%s: out of memory", name);
    }
    for (int k = 0; k < NCOLS; k++) free(cell[k]);
    if (st != TA_OK) return st;
  }
  if (!header)
    return ta__fail(err, TA_EPARSE,
                    "%s: the first sheet is empty; expected a header row "
                    "with \"source\" and \"target\"",
                    name);
  return TA_OK;
}

ta_status ta__xlsx_read_table(const char *name, const char *data, size_t len,
                              ta__table *out, ta_error *err) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  zip_t *z =
      src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
  if (!z) {
    zip_source_free(src);
    ta_status st = ta__fail(err, TA_EPARSE,
                            "%s: a zip archive that cannot be read (%s): "
                            "a truncated or damaged spreadsheet?",
                            name, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return st;
  }
  char *ssx = NULL, *shx = NULL;
  size_t ssn = 0, shn = 0;
  strings ss = {NULL, 0};
  xmlDocPtr ssd = NULL, shd = NULL;
  ta_status st = TA_OK;
  if (zip_get_num_entries(z, 0) > MAX_ENTRIES)
    st = ta__fail(err, TA_ETOOBIG, "%s: more than %d entries in the archive",
                  name, MAX_ENTRIES);
  if (st == TA_OK)
    st = part(z, name, "xl/worksheets/sheet1.xml", &shx, &shn, err);
  if (st == TA_OK && !shx)
    st = ta__fail(err, TA_EPARSE,
                  "%s: a zip archive without xl/worksheets/sheet1.xml: not "
                  "an XLSX workbook (save it from the spreadsheet as .xlsx)",
                  name);
  if (st == TA_OK) st = part(z, name, "xl/sharedStrings.xml", &ssx, &ssn, err);
  if (st == TA_OK && ssx && !(ssd = parse(ssx, ssn)))
    st = ta__fail(err, TA_EPARSE, "%s: xl/sharedStrings.xml: malformed XML",
                  name);
  if (st == TA_OK && ssd && shared_strings(ssd, &ss) != TA_OK)
    st = ta__fail(err, TA_ENOMEM, "%s: out of memory", name);
  if (st == TA_OK && !(shd = parse(shx, shn)))
    st = ta__fail(err, TA_EPARSE, "%s: xl/worksheets/sheet1.xml: malformed XML",
                  name);
  if (st == TA_OK) st = sheet_rows(name, shd, &ss, out, err);
  for (size_t i = 0; i < ss.n; i++) free(ss.s[i]);
  free(ss.s);
  xmlFreeDoc(ssd);
  xmlFreeDoc(shd);
  free(ssx);
  free(shx);
  zip_discard(z);
  return st;
}
