/* SRX 2.0 segmentation rules (--srx FILE), so that a memory is segmented
 * the way the user's CAT tool segments.
 *
 * Does: parse the SRX file with libxml2 (no network, no DTD), pick the
 * language rules whose <languagemap languagepattern> matches the document
 * language (the whole tag, case-insensitively; with cascade="yes", or no
 * cascade attribute as in OmegaT's own defaults, every matching map in
 * order, else the first), compile each rule's beforebreak and afterbreak
 * with ICU regex, and find the break positions of a paragraph.
 * How a rule applies follows what OmegaT (the reference SRX tool, Java)
 * does: rules are tried in order, and a position is decided by the first
 * rule that matches there (break="yes" breaks, break="no" keeps it
 * whole); a position is a match end of beforebreak (searched left to
 * right, without overlaps) where afterbreak's next match starts; an empty
 * or missing beforebreak matches any character, an empty afterbreak any
 * position.  SRX files are written for Java's regex flavour, in which \s
 * is ASCII whitespace only: \s and \S are rewritten so, or else a French
 * no-break space before "!" or inside « » would be a break.
 * Does not: trim, normalise or emit sentences (split.c does, from the
 * positions given here), read other SRX 2.0 parts (formathandle,
 * segmentsubflows: there are no inline tags in our paragraphs).
 * Memory: the rules, and a byte a paragraph byte for the verdicts;
 * breaks are searched over the paragraph's UTF-8 in place (a UText). */
#include "text/srx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "base/xml_quiet.h"

/* An SRX file is a few hundred kilobytes (OmegaT's is 148 KiB). */
#define SRX_MAX_BYTES ((size_t)16 << 20)

typedef struct srx_rule {
  bool brk;
  URegularExpression *before, *after; /* NULL: any character / position */
} srx_rule;

struct ta__srx {
  srx_rule *rules;
  size_t n, cap;
  URegularExpression *any; /* ".", the beforebreak of a rule without one */
  unsigned char *verdict;  /* per byte of the paragraph being split */
  size_t vcap;
};

void ta__srx_free(ta__srx *x) {
  if (!x) return;
  for (size_t i = 0; i < x->n; i++) {
    if (x->rules[i].before) uregex_close(x->rules[i].before);
    if (x->rules[i].after) uregex_close(x->rules[i].after);
  }
  if (x->any) uregex_close(x->any);
  free(x->rules);
  free(x->verdict);
  free(x);
}

static bool named(xmlNodePtr n, const char *local) {
  return n && n->type == XML_ELEMENT_NODE &&
         !strcmp((const char *)n->name, local);
}

static xmlNodePtr child(xmlNodePtr n, const char *local) {
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
    if (named(c, local)) return c;
  return NULL;
}

/* Java's \s and \S (ASCII whitespace) in ICU's syntax, the rest as is;
 * a UTF-16 copy of the UTF-8 pattern for uregex_open. */
static UChar *java_pattern(const char *pat, int32_t *ulen) {
  static const char ws[] = "\\t\\n\\x0B\\f\\r ";
  size_t n = strlen(pat), cap = 16 * n + 1; /* \\s grows to 16 */
  char *q = ta__malloc(cap);
  if (!q) return NULL;
  size_t o = 0;
  int cls = 0; /* depth of [...] */
  for (size_t i = 0; i < n; i++) {
    char c = pat[i];
    if (c == '\\' && i + 1 < n) {
      char d = pat[i + 1];
      i++;
      if (d == 's' || (d == 'S' && !cls)) {
        const char *pre = cls ? "" : d == 's' ? "[" : "[^";
        const char *post = cls ? "" : "]";
        o += (size_t)snprintf(q + o, cap - o, "%s%s%s", pre, ws, post);
      } else {
        q[o++] = c;
        q[o++] = d;
      }
      continue;
    }
    if (c == '[') cls++;
    if (c == ']' && cls) cls--;
    q[o++] = c;
  }
  q[o] = 0;
  UErrorCode e = U_ZERO_ERROR;
  int32_t need = 0;
  u_strFromUTF8(NULL, 0, &need, q, (int32_t)o, &e);
  UChar *u = ta__malloc(((size_t)need + 1) * sizeof *u);
  e = U_ZERO_ERROR;
  if (u) u_strFromUTF8(u, need + 1, ulen, q, (int32_t)o, &e);
  free(q);
  if (u && U_FAILURE(e)) {
    free(u);
    return NULL;
  }
  return u;
}

/* Compile the text of element el (beforebreak or afterbreak); NULL
 * and TA_OK when it is missing or empty. */
static ta_status compile(const char *path, xmlNodePtr el, const char *rulename,
                         size_t k, URegularExpression **out, ta_error *err) {
  *out = NULL;
  if (!el) return TA_OK;
  xmlChar *txt = xmlNodeGetContent(el);
  if (!txt) return TA_OK;
  ta_status st = TA_OK;
  if (txt[0]) {
    int32_t ulen = 0;
    UChar *u = java_pattern((const char *)txt, &ulen);
    if (!u) {
      st = ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
    } else {
      UErrorCode e = U_ZERO_ERROR;
      UParseError pe;
      *out = uregex_open(u, ulen, 0, &pe, &e);
      if (U_FAILURE(e)) {
        *out = NULL;
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %ld: languagerule '%s', rule %zu, %s: bad "
                      "regular expression '%s': %s at offset %d; fix the "
                      "rule (ICU regex syntax)",
                      path, xmlGetLineNo(el), rulename, k,
                      (const char *)el->name, (const char *)txt, u_errorName(e),
                      (int)pe.offset);
      }
      free(u);
    }
  }
  xmlFree(txt);
  return st;
}

/* Append the rules of <languagerule> lr to x. */
static ta_status add_rules(const char *path, xmlNodePtr lr, const char *name,
                           ta__srx *x, ta_error *err) {
  size_t k = 0;
  for (xmlNodePtr r = lr->children; r; r = r->next) {
    if (!named(r, "rule")) continue;
    k++;
    if (ta__reserve(&x->rules, &x->cap, x->n + 1) != TA_OK)
      return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
    srx_rule *sr = &x->rules[x->n];
    *sr = (srx_rule){true, NULL, NULL};
    xmlChar *b = xmlGetProp(r, (const xmlChar *)"break");
    sr->brk = !b || strcmp((const char *)b, "no");
    xmlFree(b);
    ta_status st =
        compile(path, child(r, "beforebreak"), name, k, &sr->before, err);
    if (st == TA_OK)
      st = compile(path, child(r, "afterbreak"), name, k, &sr->after, err);
    if (st != TA_OK) {
      if (sr->before) uregex_close(sr->before);
      return st;
    }
    if (sr->before || sr->after) x->n++; /* a rule with neither never fires */
  }
  return TA_OK;
}

/* Whether pattern (a regex) matches the whole language tag, ignoring
 * case as OmegaT does ("FR.*" for "fr-CA"). */
static ta_status lang_matches(const char *path, xmlNodePtr map,
                              const char *pattern, const char *lang, bool *yes,
                              ta_error *err) {
  *yes = false;
  int32_t plen = 0, llen = 0;
  UChar *p = java_pattern(pattern, &plen);
  UChar *l = java_pattern(lang, &llen); /* a tag has no backslash */
  ta_status st = TA_OK;
  if (!p || !l) {
    st = ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  } else {
    UErrorCode e = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re =
        uregex_open(p, plen, UREGEX_CASE_INSENSITIVE, &pe, &e);
    if (U_SUCCESS(e)) uregex_setText(re, l, llen, &e);
    if (U_SUCCESS(e)) *yes = uregex_matches(re, 0, &e);
    if (U_FAILURE(e))
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %ld: languagemap: bad languagepattern '%s': %s "
                    "at offset %d",
                    path, xmlGetLineNo(map), pattern, u_errorName(e),
                    (int)pe.offset);
    if (re) uregex_close(re);
  }
  free(p);
  free(l);
  return st;
}

static void on_xml_error(void *user, xmlErrorPtr e) {
  char *first = user;
  if (first[0] || !e || e->level < XML_ERR_ERROR) return;
  snprintf(first, 200, "line %d: %s", e->line, e->message ? e->message : "");
  size_t n = strlen(first);
  while (n && (first[n - 1] == '\n' || first[n - 1] == ' ')) first[--n] = 0;
}

/* The <languagerule> named name under languagerules, or NULL. */
static xmlNodePtr find_rule(xmlNodePtr rules, const char *name) {
  for (xmlNodePtr c = rules ? rules->children : NULL; c; c = c->next) {
    if (!named(c, "languagerule")) continue;
    xmlChar *v = xmlGetProp(c, (const xmlChar *)"languagerulename");
    bool same = v && !strcmp((const char *)v, name);
    xmlFree(v);
    if (same) return c;
  }
  return NULL;
}

/* Walk the language maps (SRX 2.0: maprules/languagemap; SRX 1.0 puts
 * them in maprules/maprule/languagemap) in document order. */
static ta_status walk_maps(const char *path, xmlNodePtr n, xmlNodePtr rules,
                           const char *lang, bool cascade, ta__srx *x,
                           bool *found, ta_error *err) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (*found && !cascade) return TA_OK;
    if (named(c, "maprule")) {
      ta_status st = walk_maps(path, c, rules, lang, cascade, x, found, err);
      if (st != TA_OK) return st;
      continue;
    }
    if (!named(c, "languagemap")) continue;
    xmlChar *pat = xmlGetProp(c, (const xmlChar *)"languagepattern");
    xmlChar *name = xmlGetProp(c, (const xmlChar *)"languagerulename");
    ta_status st = TA_OK;
    bool yes = false;
    if (!pat || !name)
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %ld: languagemap without %s; each needs "
                    "languagepattern and languagerulename",
                    path, xmlGetLineNo(c),
                    !pat ? "languagepattern" : "languagerulename");
    if (st == TA_OK)
      st = lang_matches(path, c, (const char *)pat, lang, &yes, err);
    if (st == TA_OK && yes) {
      xmlNodePtr lr = find_rule(rules, (const char *)name);
      if (!lr)
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %ld: languagemap names languagerule '%s', "
                      "which is not in languagerules",
                      path, xmlGetLineNo(c), (const char *)name);
      else
        st = add_rules(path, lr, (const char *)name, x, err);
      *found = true;
    }
    xmlFree(pat);
    xmlFree(name);
    if (st != TA_OK) return st;
  }
  return TA_OK;
}

static ta_status from_doc(const char *path, xmlDocPtr doc, const char *lang,
                          const ta_split_opts *o, ta__srx *x, ta_error *err) {
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!named(root, "srx"))
    return ta__fail(err, TA_EPARSE,
                    "%s: line %ld: root element <%s> where SRX has <srx>; "
                    "give an SRX 2.0 segmentation rules file",
                    path, root ? xmlGetLineNo(root) : 1L,
                    root ? (const char *)root->name : "");
  xmlNodePtr header = child(root, "header"), body = child(root, "body");
  xmlNodePtr rules = child(body, "languagerules");
  xmlNodePtr maps = child(body, "maprules");
  if (!rules || !maps)
    return ta__fail(err, TA_EPARSE,
                    "%s: no <%s> in <body>; an SRX file holds languagerules "
                    "and maprules",
                    path, !rules ? "languagerules" : "maprules");
  xmlChar *c = header ? xmlGetProp(header, (const xmlChar *)"cascade") : NULL;
  bool cascade = !c || strcmp((const char *)c, "no");
  xmlFree(c);
  bool found = false;
  ta_status st = walk_maps(path, maps, rules, lang, cascade, x, &found, err);
  if (st == TA_OK && !found)
    ta__warnf(o,
              "%s: no languagemap matches '%s': its paragraphs are not "
              "split into sentences",
              path, lang);
  return st;
}

ta_status ta__srx_load(const char *path, const char *lang,
                       const ta_split_opts *o, ta__srx **out, ta_error *err) {
  *out = NULL;
  char *buf = NULL;
  size_t n = 0;
  ta_status st = ta__read_file(path, 0, SRX_MAX_BYTES, "the SRX size limit",
                               &buf, &n, err);
  if (st != TA_OK) return st;
  ta__srx *x = ta__calloc(1, sizeof *x);
  if (!x) {
    free(buf);
    return ta__fail(err, TA_ENOMEM, "%s: out of memory", path);
  }
  static const UChar any[] = {'.', 0};
  UErrorCode e = U_ZERO_ERROR;
  UParseError pe;
  x->any = uregex_open(any, 1, 0, &pe, &e);
  if (U_FAILURE(e)) {
    free(buf);
    ta__srx_free(x);
    return ta__fail(err, TA_EICU, "%s: ICU regex: %s", path, u_errorName(e));
  }
  char first[200] = "";
  ta__xml_quiet q;
  ta__xml_quiet_begin(&q, on_xml_error, first);
  xmlDocPtr doc = n <= INT32_MAX
                      ? xmlReadMemory(buf, (int)n, path, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR |
                                          XML_PARSE_NOWARNING)
                      : NULL;
  ta__xml_quiet_end(&q);
  free(buf);
  if (!doc)
    st = ta__fail(err, TA_EPARSE, "%s: not well-formed XML: %s", path,
                  first[0] ? first : "empty file");
  else
    st = from_doc(path, doc, lang, o, x, err);
  xmlFreeDoc(doc);
  if (st != TA_OK) {
    ta__srx_free(x);
    return st;
  }
  *out = x;
  return TA_OK;
}

/* Apply rule r over the text of ut (native indexes are bytes of the
 * paragraph) as OmegaT's Segmenter.getBreaks does, deciding the positions
 * no earlier rule decided: verdict[pos] 1 break, 2 no break. */
static ta_status apply_rule(const ta__srx *x, const srx_rule *r, UText *ut,
                            size_t len, unsigned char *verdict) {
  UErrorCode e = U_ZERO_ERROR;
  URegularExpression *bb = r->before ? r->before : x->any, *ab = r->after;
  uregex_setUText(bb, ut, &e);
  if (U_SUCCESS(e) && ab) uregex_setUText(ab, ut, &e);
  bool more = U_SUCCESS(e);
  int64_t as = 0;
  if (more && ab) {
    more = uregex_findNext(ab, &e);
    if (more) as = uregex_start64(ab, 0, &e);
  }
  while (more && U_SUCCESS(e) && uregex_findNext(bb, &e)) {
    int64_t be = uregex_end64(bb, 0, &e);
    if (U_FAILURE(e)) break;
    if (ab) {
      while (as < be && (more = uregex_findNext(ab, &e)) && U_SUCCESS(e))
        as = uregex_start64(ab, 0, &e);
      if (!more || U_FAILURE(e)) break;
      if (as != be) continue;
    }
    if (be > 0 && (size_t)be < len && !verdict[be])
      verdict[be] = r->brk ? 1 : 2;
  }
  return U_FAILURE(e) ? TA_EICU : TA_OK;
}

ta_status ta__srx_breaks(ta__srx *x, const char *p, size_t len, size_t **breaks,
                         size_t *nbreaks, size_t *cap) {
  *nbreaks = 0;
  if (!x->n || !len) return TA_OK;
  if (ta__reserve(&x->verdict, &x->vcap, len + 1) != TA_OK) return TA_ENOMEM;
  memset(x->verdict, 0, len + 1);
  UErrorCode e = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, p, (int64_t)len, &e);
  if (U_FAILURE(e)) return TA_EICU;
  ta_status st = TA_OK;
  for (size_t i = 0; i < x->n && st == TA_OK; i++)
    st = apply_rule(x, &x->rules[i], ut, len, x->verdict);
  /* The patterns must not keep a pointer to the closed text. */
  static const UChar none[] = {0};
  for (size_t i = 0; i < x->n; i++) {
    e = U_ZERO_ERROR;
    if (x->rules[i].before) uregex_setText(x->rules[i].before, none, 0, &e);
    e = U_ZERO_ERROR;
    if (x->rules[i].after) uregex_setText(x->rules[i].after, none, 0, &e);
  }
  e = U_ZERO_ERROR;
  uregex_setText(x->any, none, 0, &e);
  utext_close(ut);
  for (size_t i = 1; st == TA_OK && i < len; i++) {
    if (x->verdict[i] != 1) continue;
    if (ta__reserve(breaks, cap, *nbreaks + 1) != TA_OK) return TA_ENOMEM;
    (*breaks)[(*nbreaks)++] = i;
  }
  return st;
}
