/* Sentence splitting of one paragraph of valid UTF-8 with ICU.
 *
 * Does: UTF-8 -> UTF-16 (byte positions found by walking back to the
 * source, or through a map when NFC changed the text), NFC (only the
 * pieces that fail the quick check are normalised), ICU's sentence break
 * iterator with the locale's CLDR abbreviation suppressions (@ss=standard),
 * corrected by the per-language rules of rules.c.  Sentences leave
 * trimmed, inner whitespace runs collapsed to one space, as byte ranges
 * of the paragraph; when a window needs no collapsing they are handed
 * over straight from the source bytes.
 * Does not: read files, know about encodings or original offsets, decide
 * paragraphs (input.c, decode.c, html.c) or know any language (rules.c).
 * Memory: one break iterator per splitter (one per document), reused with
 * ubrk_setText; buffers sized by a window of about 2 * max_sentence bytes,
 * so a 200 MB paragraph costs no more than a 2 MB one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "text/srx.h"
#include "text/text_int.h"

/* ---- the splitter ---------------------------------------------------- */

/* Boundaries closer than this to the end of a window are not trusted: ICU
 * may need the text after them (SB8 looks ahead for a lowercase word). */
enum { MARGIN = 256, MIN_WINDOW = 1 << 16 };

struct ta__splitter {
  UBreakIterator *bi;
  const UNormalizer2 *nfc;
  const ta__rules *rules;
  size_t max_sentence, window;
  UChar *u16;  /* window as UTF-16 */
  size_t *map; /* u16 index -> paragraph byte position, n + 1 entries;
                  filled only when NFC changes the window */
  size_t ucap, mapcap;
  UChar *n16; /* NFC of u16 when it was not NFC already */
  size_t *nmap;
  size_t ncap, nmapcap;
  char *out; /* collapsed UTF-8 sentence */
  size_t ocap;
  bool clean;    /* the window has no whitespace to collapse */
  bool nfc_sure; /* every character of the window is NFC on its own and
                   combines with nothing: no normalisation to try */
  ta__srx *srx;  /* --srx: breaks from SRX rules instead of ICU's */
  size_t *brk;
  size_t brkcap;
};

ta_status ta__splitter_new(const char *icu_locale, size_t max_sentence,
                           ta__splitter **out, ta_error *err) {
  ta__splitter *s = ta__calloc(1, sizeof *s);
  if (!s) return ta__fail(err, TA_ENOMEM, "out of memory");
  char loc[ULOC_FULLNAME_CAPACITY + 16];
  s->rules = ta__rules_for(icu_locale);
  /* @ss=standard: CLDR's per-locale abbreviation suppressions. */
  snprintf(loc, sizeof loc, "%s%s", icu_locale,
           ta__rules_icu_ss(s->rules) ? "@ss=standard" : "");
  UErrorCode e = U_ZERO_ERROR;
  s->bi = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &e);
  if (U_SUCCESS(e)) s->nfc = unorm2_getNFCInstance(&e);
  if (U_FAILURE(e)) {
    ta__splitter_free(s);
    return ta__fail(err, TA_EICU, "%s: cannot open the sentence iterator: %s",
                    icu_locale, u_errorName(e));
  }
  s->max_sentence = max_sentence ? max_sentence : (size_t)1 << 20;
  s->window = 2 * s->max_sentence + 4 * MARGIN;
  if (s->window < MIN_WINDOW) s->window = MIN_WINDOW;
  *out = s;
  return TA_OK;
}

void ta__splitter_free(ta__splitter *s) {
  if (!s) return;
  if (s->bi) ubrk_close(s->bi);
  free(s->u16);
  free(s->map);
  free(s->n16);
  free(s->nmap);
  free(s->out);
  free(s->brk);
  free(s);
}

/* Room for need units in *u and for their need + 1 positions in *m. */
static bool reserve(UChar **u, size_t *ucap, size_t **m, size_t *mcap,
                    size_t need) {
  return ta__reserve(u, ucap, need) == TA_OK &&
         ta__reserve(m, mcap, need + 1) == TA_OK;
}

/* A window of the paragraph as UTF-16, and how to find the byte position
 * of a unit: through map after NFC changed something, else by walking
 * from a cursor (sentences are emitted in order, so walks are short). */
typedef struct view {
  const UChar *t; /* text to split: s->u16 or s->n16 */
  size_t n;
  const size_t *map; /* NULL: the text is the window as is */
  const UChar *u;    /* the window's own units, walked when map is NULL */
  const char *bytes; /* the paragraph; positions index it */
  size_t cu, cb;     /* cursor: unit cu starts at byte cb */
  bool clean;        /* map is NULL and no whitespace needs collapsing:
                        sentences are the paragraph's bytes as they are */
} view;

/* UTF-8 bytes of one UTF-16 unit; each half of a surrogate pair counts 2. */
static inline size_t unit_len(unsigned c) {
  return 1u + (c >= 0x80) + (c >= 0x800) - ((c & 0xF800) == 0xD800);
}

/* UTF-8 bytes of UTF-16 u[a, z), ASCII four units at a time. */
static size_t utf8_len(const UChar *u, size_t a, size_t z) {
  size_t w = 0, i = a;
  for (; i + 4 <= z; i += 4) {
    uint64_t q;
    memcpy(&q, u + i, sizeof q);
    if (!(q & 0xFF80FF80FF80FF80u)) /* four ASCII units */
      w += 4;
    else
      w += unit_len(u[i]) + unit_len(u[i + 1]) + unit_len(u[i + 2]) +
           unit_len(u[i + 3]);
  }
  for (; i < z; i++) w += unit_len(u[i]);
  return w;
}

/* Byte position in the paragraph of unit i of the text. */
static size_t at(view *v, size_t i) {
  if (v->map) return v->map[i];
  if (i >= v->cu)
    v->cb += utf8_len(v->u, v->cu, i);
  else
    v->cb -= utf8_len(v->u, i, v->cu);
  v->cu = i;
  return v->cb;
}

/* Decode valid UTF-8 p[0, len) into s->u16; returns the number of units. */
static size_t to_utf16(ta__splitter *s, const unsigned char *p, size_t len) {
  size_t n = 0, i = 0;
  bool dirty = false, sp = false, maybe = false;
  while (i < len) {
    /* Eight printable ASCII bytes at a time (SWAR); a "space" mask flags
     * two spaces in a row, now and then also " !" (conservative). */
    for (; i + 8 <= len; i += 8, n += 8) {
      const uint64_t ones = 0x0101010101010101u, highs = ones << 7;
      uint64_t q;
      memcpy(&q, p + i, sizeof q);
      if ((q & highs) || ((q - 0x20 * ones) & ~q & highs)) break;
      uint64_t x = q ^ (0x20 * ones), z = (x - ones) & ~x & highs;
      dirty |= (z & (z << 8)) || (sp && p[i] == ' ');
      sp = p[i + 7] == ' ';
      for (size_t k = 0; k < 8; k++) s->u16[n + k] = p[i + k];
    }
    if (i >= len) break;
    unsigned c = p[i];
    if (c >= 0x20 && c < 0x80) { /* ASCII but newlines, kept tight */
      dirty |= sp & (c == ' ');  /* two spaces in a row */
      sp = c == ' ';
      i++;
      s->u16[n++] = (UChar)c;
      continue;
    }
    sp = false;
    size_t w = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    UChar32 cp =
        w == 1   ? (UChar32)c
        : w == 2 ? (UChar32)(((c & 0x1F) << 6) | (p[i + 1] & 0x3F))
        : w == 3 ? (UChar32)(((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) |
                             (p[i + 2] & 0x3F))
                 : (UChar32)(((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) |
                             ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F));
    /* Below U+0300 nothing composes or decomposes in NFC, and the
     * punctuation French and English use above it is stable too. */
    if (cp >= 0x300 && cp != 0x2013 && cp != 0x2014 && cp != 0x2018 &&
        cp != 0x2019 && cp != 0x201C && cp != 0x201D && cp != 0x2026 &&
        cp != 0x202F)
      maybe = true;
    /* Whitespace other than ' ' is below 0x20 or among these. */
    if (cp < 0x20 || cp == 0x85 || cp == 0x1680 || cp == 0x3000 ||
        (cp >= 0x2000 && cp <= 0x205F))
      dirty |= ta__is_space(cp);
    if (cp == '\n' || cp == '\r') cp = ' '; /* a soft wrap, not ParaSep */
    if (cp < 0x10000) {
      s->u16[n++] = (UChar)cp;
    } else {
      s->u16[n++] = U16_LEAD(cp);
      s->u16[n++] = U16_TRAIL(cp);
    }
    i += w;
  }
  s->clean = !dirty;
  s->nfc_sure = !maybe;
  return n;
}

/* Set v up over s->u16[0, n), the window at paragraph byte base;
 * normalise it to NFC into s->n16 unless it already is, the pieces that
 * change mapping to the position of their first unit. */
static ta_status to_nfc(ta__splitter *s, size_t n, const char *para,
                        size_t base, view *v) {
  *v = (view){s->u16, n, NULL, s->u16, para, 0, base, s->clean};
  if (s->nfc_sure) return TA_OK;
  UErrorCode e = U_ZERO_ERROR;
  size_t yes = (size_t)unorm2_spanQuickCheckYes(s->nfc, s->u16, (int32_t)n, &e);
  if (U_FAILURE(e) || yes == n) return TA_OK;
  /* NFC of a piece can be up to 3x longer (in practice about 1x). */
  if (!reserve(&s->n16, &s->ncap, &s->nmap, &s->nmapcap, 3 * n + 16))
    return TA_ENOMEM;
  for (size_t i = 0; i <= n; i++) s->map[i] = at(v, i);
  size_t i = 0, o = 0;
  while (i < n) {
    e = U_ZERO_ERROR;
    yes = i + (size_t)unorm2_spanQuickCheckYes(s->nfc, s->u16 + i,
                                               (int32_t)(n - i), &e);
    memcpy(s->n16 + o, s->u16 + i, (yes - i) * sizeof *s->u16);
    memcpy(s->nmap + o, s->map + i, (yes - i) * sizeof *s->map);
    o += yes - i;
    if ((i = yes) >= n) break;
    size_t j = i;
    UChar32 c;
    U16_NEXT(s->u16, j, n, c);
    while (j < n) {
      size_t k = j;
      U16_NEXT(s->u16, k, n, c);
      if (unorm2_hasBoundaryBefore(s->nfc, c)) break;
      j = k;
    }
    e = U_ZERO_ERROR;
    int32_t got = unorm2_normalize(s->nfc, s->u16 + i, (int32_t)(j - i),
                                   s->n16 + o, (int32_t)(s->ncap - o), &e);
    if (U_FAILURE(e)) { /* cannot happen with 3x room; keep the piece */
      got = (int32_t)(j - i);
      memcpy(s->n16 + o, s->u16 + i, (size_t)got * sizeof *s->u16);
    }
    for (int32_t k = 0; k < got; k++) s->nmap[o + (size_t)k] = s->map[i];
    o += (size_t)got;
    i = j;
  }
  s->nmap[o] = s->map[n];
  *v = (view){s->n16, o, s->nmap, s->u16, para, 0, base, false};
  return TA_OK;
}

/* Width of the collapsible whitespace character at p[0, n) (UTF-8), 0 if
 * none: the multi-byte ones of is_space, without no-break spaces. */
static inline size_t utf8_space(const unsigned char *p, size_t n) {
  if (p[0] == 0xC2) return n >= 2 && p[1] == 0x85 ? 2 : 0;
  if (n < 3 || p[0] < 0xE1 || p[0] > 0xE3) return 0;
  if (p[0] == 0xE1) return p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
  if (p[0] == 0xE3) return p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
  if (p[1] == 0x80)
    return (p[2] >= 0x80 && p[2] <= 0x8A && p[2] != 0x87) || p[2] == 0xA8 ||
                   p[2] == 0xA9
               ? 3
               : 0;
  return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;
}

/* Bytes that may start collapsible whitespace: 1 ASCII, 2 maybe. */
static const unsigned char space_start[256] = {
    [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
    [0x20] = 1, [0xC2] = 2, [0xE1] = 2, [0xE2] = 2, [0xE3] = 2,
};

/* Width of the collapsible whitespace at p[i] (of n bytes), or 0. */
static inline size_t space_at(const unsigned char *p, size_t i, size_t n) {
  unsigned k = space_start[p[i]];
  return k == 1 ? 1 : k == 2 ? utf8_space(p + i, n - i) : 0;
}

/* End of the run of non-whitespace bytes that starts at i. */
static size_t run_end(const unsigned char *p, size_t i, size_t n) {
  for (;;) {
    while (i < n && !space_start[p[i]]) i++;
    if (i >= n || space_at(p, i, n)) return i;
    i++; /* the lead byte of another character (é is C3 A9) */
  }
}

/* Collapse the inner whitespace of UTF-8 p[0, n) into out, copying the
 * runs between whitespace whole. */
static size_t collapse_utf8(const unsigned char *p, size_t n, char *out) {
  size_t o = 0, i = 0, w;
  while (i < n) {
    size_t j = run_end(p, i, n);
    memcpy(out + o, p + i, j - i);
    o += j - i;
    while (j < n && (w = space_at(p, j, n))) j += w;
    if (j < n && o) out[o++] = ' ';
    i = j;
  }
  return o;
}

/* The same over normalised UTF-16 t[a, z). */
static size_t collapse_utf16(const UChar *t, size_t a, size_t z, char *out) {
  size_t o = 0, i = a;
  bool gap = false;
  while (i < z) {
    UChar32 c;
    U16_NEXT(t, i, z, c);
    if (ta__is_space(c)) {
      gap = true;
      continue;
    }
    if (gap && o) out[o++] = ' ';
    gap = false;
    U8_APPEND_UNSAFE(out, o, c);
  }
  return o;
}

/* Collapse and hand over text [a, z) of v (trimmed first); cut it into
 * pieces of at most max_sentence bytes when longer. */
static ta_status emit(ta__splitter *s, view *v, size_t a, size_t z,
                      ta__sink sink, void *ctx) {
  const UChar *t = v->t;
  while (a < z && ta__is_space(t[a])) a++;
  while (z > a && ta__is_space(t[z - 1])) z--;
  bool cut = false;
  while (a < z) {
    size_t ba = at(v, a), piece = z;
    if (at(v, z) - ba > s->max_sentence) {
      cut = true;
      piece = a + 1;
      while (piece + 1 < z && at(v, piece + 1) - ba <= s->max_sentence) piece++;
      /* Never between the halves of a surrogate pair: back off, or take
       * the whole character when it is the first (max_sentence >= 4). */
      if (piece < z && U16_IS_TRAIL(t[piece]))
        piece = piece > a + 1 ? piece - 1 : piece + 1;
    }
    size_t last = piece;
    while (last > a && ta__is_space(t[last - 1])) last--;
    size_t bl = at(v, last);
    if (v->clean && bl > ba) { /* hand over the source bytes, no copy */
      ta_status st = sink(ctx, v->bytes + ba, bl - ba, ba, bl, cut);
      if (st != TA_OK) return st;
      a = piece;
      while (a < z && ta__is_space(t[a])) a++;
      continue;
    }
    /* Room for the UTF-8 of [a, last): at most 3 bytes per unit. */
    size_t need = (v->map ? 3 * (last - a) : bl - ba) + 1;
    if (ta__reserve(&s->out, &s->ocap, need) != TA_OK) return TA_ENOMEM;
    size_t o = v->map ? collapse_utf16(t, a, last, s->out)
                      : collapse_utf8((const unsigned char *)v->bytes + ba,
                                      bl - ba, s->out);
    s->out[o] = '\0';
    if (o) {
      ta_status st = sink(ctx, s->out, o, ba, bl, cut);
      if (st != TA_OK) return st;
    }
    a = piece;
    while (a < z && ta__is_space(t[a])) a++;
  }
  return TA_OK;
}

/* Emit [a, z), cut where the language rules force a break inside. */
static ta_status emit_split(ta__splitter *s, view *v, size_t a, size_t z,
                            ta__sink sink, void *ctx) {
  for (size_t b; (b = ta__rules_forced(s->rules, v->t, a, z)) < z; a = b) {
    ta_status st = emit(s, v, a, b, sink, ctx);
    if (st != TA_OK) return st;
  }
  return emit(s, v, a, z, sink, ctx);
}

ta_status ta__splitter_segment(ta__splitter *s, const char *p, size_t len,
                               ta__sink sink, void *ctx) {
  if (!reserve(&s->u16, &s->ucap, &s->map, &s->mapcap, len + 1))
    return TA_ENOMEM;
  size_t n = to_utf16(s, (const unsigned char *)p, len);
  view v;
  ta_status st = to_nfc(s, n, p, 0, &v);
  if (st != TA_OK) return st;
  size_t keep = s->max_sentence;
  s->max_sentence = (size_t)-1; /* a given segment is never cut */
  st = emit(s, &v, 0, v.n, sink, ctx);
  s->max_sentence = keep;
  return st;
}

/* Split one window p[base, base + len); *taken = bytes consumed (the rest
 * is carried over to the next window). */
static ta_status run_window(ta__splitter *s, const char *p, size_t len,
                            size_t base, bool last, ta__sink sink, void *ctx,
                            size_t *taken) {
  size_t n = to_utf16(s, (const unsigned char *)p + base, len);
  view v;
  ta_status st = to_nfc(s, n, p, base, &v);
  if (st != TA_OK) return st;
  const UChar *t = v.t;
  n = v.n;
  UErrorCode e = U_ZERO_ERROR;
  ubrk_setText(s->bi, t, (int32_t)n, &e);
  if (U_FAILURE(e)) return TA_EICU;
  size_t start = 0;
  for (int32_t b = ubrk_next(s->bi); b != UBRK_DONE; b = ubrk_next(s->bi)) {
    size_t ub = (size_t)b;
    if (!last && ub + MARGIN > n) break;
    if (ub <= start) continue; /* already passed by a moved break */
    if (ub < n) ub = ta__rules_move(s->rules, t, n, start, ub);
    if (ub < n && ta__rules_veto(s->rules, t, n, ub)) continue;
    if ((st = emit_split(s, &v, start, ub, sink, ctx)) != TA_OK) return st;
    start = ub;
  }
  if (!last && at(&v, start) == base) { /* a run longer than the window */
    if ((st = emit(s, &v, 0, n, sink, ctx)) != TA_OK) return st;
    start = n;
  }
  *taken = last ? len : at(&v, start) - base;
  return TA_OK;
}

static ta_status srx_run(ta__splitter *s, const char *p, size_t len,
                         ta__sink sink, void *ctx);

ta_status ta__splitter_run(ta__splitter *s, const char *p, size_t len,
                           ta__sink sink, void *ctx) {
  if (s->srx) return srx_run(s, p, len, sink, ctx);
  size_t need = (len < s->window ? len : s->window) + 1;
  if (!reserve(&s->u16, &s->ucap, &s->map, &s->mapcap, need)) return TA_ENOMEM;
  size_t pos = 0;
  while (pos < len) {
    size_t wl = len - pos;
    bool last = wl <= s->window;
    if (!last) {
      wl = s->window;
      while (wl > 0 && ((unsigned char)p[pos + wl] & 0xC0) == 0x80) wl--;
    }
    size_t taken = 0;
    ta_status st = run_window(s, p, wl, pos, last, sink, ctx, &taken);
    if (st != TA_OK) return st;
    pos += taken;
  }
  return TA_OK;
}

/* ---- SRX rules (--srx) ---------------------------------------------- */

void ta__splitter_use_srx(ta__splitter *s, ta__srx *x) { s->srx = x; }

/* One piece p[a, z) of the paragraph as a sentence (NFC, collapsed, cut
 * at max_sentence), positions in the paragraph. */
static ta_status srx_piece(ta__splitter *s, const char *p, size_t a, size_t z,
                           ta__sink sink, void *ctx) {
  if (!reserve(&s->u16, &s->ucap, &s->map, &s->mapcap, z - a + 1))
    return TA_ENOMEM;
  size_t n = to_utf16(s, (const unsigned char *)p + a, z - a);
  view v;
  ta_status st = to_nfc(s, n, p, a, &v);
  return st == TA_OK ? emit(s, &v, 0, v.n, sink, ctx) : st;
}

/* The SRX rules see the whole paragraph at once (their patterns look
 * anywhere before and after a break): memory is the paragraph's. */
static ta_status srx_run(ta__splitter *s, const char *p, size_t len,
                         ta__sink sink, void *ctx) {
  size_t nb = 0, a = 0;
  ta_status st = ta__srx_breaks(s->srx, p, len, &s->brk, &nb, &s->brkcap);
  for (size_t k = 0; st == TA_OK && k <= nb; k++) {
    size_t z = k < nb ? s->brk[k] : len;
    st = srx_piece(s, p, a, z, sink, ctx);
    a = z;
  }
  return st;
}
