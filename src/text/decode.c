/* Decoding input bytes to valid UTF-8, remembering where each byte came
 * from.
 *
 * Does: BOMs (UTF-8, UTF-16LE/BE, UTF-32LE/BE), UTF-8 validation, NUL-byte
 * refusal, transcoding with ICU ucnv (--encoding NAME, or what ICU's charset
 * detector guesses when the input is not valid UTF-8), and a run-length
 * map from positions in the decoded text back to original byte offsets.
 * Does not: normalise (split.c does NFC per window) or cut paragraphs.
 * Memory: valid UTF-8 input is used in place (no copy, no map); transcoded
 * input costs its UTF-8 text plus one 24-byte run per change of character
 * width (ASCII runs are one entry). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "text/text_int.h"

/* Below this ICU detection confidence (0-100) we refuse to guess. */
enum { MIN_CONFIDENCE = 10, CHUNK = 1 << 15 };

size_t ta__utf8_check(const unsigned char *p, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned c = p[i];
    if (c < 0x80) {
      i++;
      /* Skip ASCII eight bytes at a time. */
      while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080u) break;
        i += 8;
      }
      continue;
    }
    size_t w;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      w = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      w = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      w = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else
      return i;
    if (len - i < w || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < w; k++)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += w;
  }
  return len;
}

void ta__text_free(ta__text *t) {
  free(t->owned);
  free(t->runs);
  memset(t, 0, sizeof *t);
}

size_t ta__text_orig(const ta__text *t, size_t u) {
  if (u >= t->len) return t->orig_len;
  if (!t->runs) return t->base + u;
  size_t lo = 0, hi = t->nruns; /* last run with runs[i].u8 <= u */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->runs[mid].u8 <= u)
      lo = mid;
    else
      hi = mid;
  }
  const ta__run *r = &t->runs[lo];
  return r->src + (u - r->u8) / r->u8w * r->srcw;
}

/* Record that the code point at text position u8 (u8w bytes) came from
 * original offset src; extend the last run when the stride holds. */
static bool add_run(ta__text *t, size_t u8, size_t src, unsigned u8w) {
  if (t->nruns) {
    ta__run *r = &t->runs[t->nruns - 1];
    size_t k = (u8 - r->u8) / r->u8w;
    if (r->u8w == u8w) {
      if (!r->srcw && k == 1 && src > r->src && src - r->src <= 4) {
        r->srcw = (unsigned char)(src - r->src);
        return true;
      }
      if (r->srcw && src == r->src + k * r->srcw) return true;
    }
  }
  if (ta__reserve(&t->runs, &t->runs_cap, t->nruns + 1) != TA_OK) return false;
  t->runs[t->nruns++] = (ta__run){u8, src, (unsigned char)u8w, 0};
  return true;
}

typedef struct out {
  char *p;
  size_t len, cap, max;
} out;

static ta_status put_cp(ta__text *t, out *o, UChar32 c, size_t src) {
  if (o->cap - o->len < 4) { /* doubles the room, unless that passes max */
    if (o->max / 2 < o->cap) return TA_ETOOBIG;
    if (ta__reserve(&o->p, &o->cap, o->len + 4) != TA_OK) return TA_ENOMEM;
  }
  size_t at = o->len;
  U8_APPEND_UNSAFE(o->p, o->len, c);
  return add_run(t, at, src, (unsigned)(o->len - at)) ? TA_OK : TA_ENOMEM;
}

/* Convert data[skip, len) from charset enc to UTF-8 into t. */
static ta_status transcode(const char *name, const unsigned char *data,
                           size_t len, size_t skip, const char *enc, size_t max,
                           ta__text *t, ta_error *err) {
  UErrorCode e = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(enc, &e);
  if (U_FAILURE(e))
    return ta__fail(err, TA_EENCODING, "%s: unknown encoding '%s'", name, enc);
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
  UChar *buf = ta__malloc(CHUNK * sizeof *buf);
  int32_t *offs = ta__malloc(CHUNK * sizeof *offs);
  out o = {ta__malloc(len + len / 4 + 16), 0, len + len / 4 + 16,
           max < ((size_t)-1) / 4 ? 4 * max + 16 : (size_t)-1};
  ta_status st = buf && offs && o.p ? TA_OK : TA_ENOMEM;
  const char *src = (const char *)data + skip, *lim = (const char *)data + len;
  UChar lead = 0;
  size_t lead_src = 0, last_src = skip;
  while (st == TA_OK) {
    const char *src0 = src;
    UChar *tg = buf;
    e = U_ZERO_ERROR;
    ucnv_toUnicode(cnv, &tg, buf + CHUNK, &src, lim, offs, true, &e);
    for (UChar *u = buf; st == TA_OK && u < tg; u++) {
      int32_t of = offs[u - buf];
      size_t at =
          of >= 0 ? (size_t)(src0 - (const char *)data) + (size_t)of : last_src;
      last_src = at;
      if (U16_IS_LEAD(*u)) {
        if (lead) st = put_cp(t, &o, 0xFFFD, lead_src);
        lead = *u;
        lead_src = at;
        continue;
      }
      UChar32 c = *u;
      if (U16_IS_TRAIL(*u) && lead) {
        c = U16_GET_SUPPLEMENTARY(lead, *u);
        at = lead_src;
      } else if (U16_IS_SURROGATE(*u))
        c = 0xFFFD;
      if (lead && c == *u && st == TA_OK) st = put_cp(t, &o, 0xFFFD, lead_src);
      lead = 0;
      if (c == 0 && st == TA_OK)
        st = ta__fail(err, TA_EPARSE, "%s: byte %zu: NUL character in %s text",
                      name, at, enc);
      if (st == TA_OK) st = put_cp(t, &o, c, at);
    }
    if (st != TA_OK || e != U_BUFFER_OVERFLOW_ERROR) break;
  }
  if (st == TA_OK && lead) st = put_cp(t, &o, 0xFFFD, lead_src);
  if (st == TA_OK && U_FAILURE(e)) {
    char bad[8];
    int8_t nbad = sizeof bad;
    UErrorCode e2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv, bad, &nbad, &e2);
    size_t at = (size_t)(src - (const char *)data);
    at -= U_SUCCESS(e2) && (size_t)nbad <= at ? (size_t)nbad : 0;
    st = ta__fail(err, TA_EENCODING, "%s: byte %zu: invalid %s", name, at, enc);
  } else if (st == TA_ETOOBIG) {
    ta__fail(err, st, "%s: decoded text exceeds max_input_bytes", name);
  } else if (st == TA_ENOMEM) {
    ta__fail(err, st, "%s: out of memory", name);
  }
  ucnv_close(cnv);
  free(buf);
  free(offs);
  if (st != TA_OK) {
    free(o.p);
    return st;
  }
  t->owned = o.p;
  t->p = o.p;
  t->len = o.len;
  snprintf(t->encoding, sizeof t->encoding, "%s", enc);
  return TA_OK;
}

/* Does p hold a valid multi-byte UTF-8 sequence?  Legacy 8-bit text
 * practically never does ("Ã©" would be needed), so such input is UTF-8
 * with damage, and guessing a charset would only turn it into mojibake. */
static bool has_utf8_multibyte(const unsigned char *p, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (p[i] < 0xC2 || p[i] > 0xF4) continue;
    size_t w = p[i] < 0xE0 ? 2 : p[i] < 0xF0 ? 3 : 4;
    if (w <= len - i && ta__utf8_check(p + i, w) == w) return true;
  }
  return false;
}

/* Not valid UTF-8 and no encoding given: ask ICU's detector. */
static ta_status detect(const char *name, const unsigned char *data, size_t len,
                        size_t bad, const ta_split_opts *o, ta__text *t,
                        ta_error *err) {
  UErrorCode e = U_ZERO_ERROR;
  UCharsetDetector *det = ucsdet_open(&e);
  const char *enc = NULL;
  int32_t conf = 0;
  if (U_SUCCESS(e)) {
    /* The detector only needs a sample; it takes at most INT32_MAX. */
    int32_t n = (int32_t)(len > (1u << 20) ? 1u << 20 : len);
    ucsdet_setText(det, (const char *)data, n, &e);
    const UCharsetMatch *m = ucsdet_detect(det, &e);
    if (U_SUCCESS(e) && m) {
      enc = ucsdet_getName(m, &e);
      conf = ucsdet_getConfidence(m, &e);
    }
  }
  char encname[64] = "";
  if (U_SUCCESS(e) && enc) snprintf(encname, sizeof encname, "%s", enc);
  ucsdet_close(det);
  /* "UTF-8" here means mostly UTF-8 with a damaged byte: no good guess. */
  ta_status st = TA_EENCODING;
  if (encname[0] && conf >= MIN_CONFIDENCE && strcmp(encname, "UTF-8") &&
      !has_utf8_multibyte(data, len)) {
    ta_error sub;
    st = transcode(name, data, len, 0, encname, o->max_input_bytes, t, &sub);
  }
  if (st == TA_EENCODING)
    return ta__fail(err, TA_EENCODING,
                    "%s: byte %zu: invalid UTF-8 and the encoding could not "
                    "be detected; use --encoding",
                    name, bad);
  if (st != TA_OK) return ta__fail(err, st, "%s: cannot decode", name);
  ta__warnf(o,
            "%s: not valid UTF-8 at byte %zu; decoded as %s (ICU "
            "detection, confidence %d)",
            name, bad, encname, (int)conf);
  return TA_OK;
}

static bool is_utf8_name(const char *enc) {
  return !ucnv_compareNames(enc, "UTF-8");
}

ta_status ta__decode(const char *name, const unsigned char *data, size_t len,
                     const ta_split_opts *o, ta__text *t, ta_error *err) {
  memset(t, 0, sizeof *t);
  t->orig_len = len;
  const char *enc = o->encoding;
  size_t skip = 0;
  if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) &&
      (!enc || is_utf8_name(enc)))
    skip = 3;
  /* UTF-32 before UTF-16: FF FE 00 00 would be UTF-16LE's BOM and a NUL,
   * which no UTF-16 text holds. */
  else if (!enc && len >= 4 && !memcmp(data, "\xFF\xFE\0\0", 4))
    enc = "UTF-32LE", skip = 4;
  else if (!enc && len >= 4 && !memcmp(data, "\0\0\xFE\xFF", 4))
    enc = "UTF-32BE", skip = 4;
  else if (!enc && len >= 2 && !memcmp(data, "\xFF\xFE", 2))
    enc = "UTF-16LE", skip = 2;
  else if (!enc && len >= 2 && !memcmp(data, "\xFE\xFF", 2))
    enc = "UTF-16BE", skip = 2;
  if (enc && !is_utf8_name(enc)) {
    /* ICU's "UTF-16" reads and drops the BOM itself. */
    if (!skip && len >= 2 &&
        (!ucnv_compareNames(enc, "UTF-16LE") ||
         !ucnv_compareNames(enc, "UTF-16BE")) &&
        (!memcmp(data, "\xFF\xFE", 2) || !memcmp(data, "\xFE\xFF", 2)))
      skip = 2;
    if (!skip && len >= 4 &&
        (!ucnv_compareNames(enc, "UTF-32LE") ||
         !ucnv_compareNames(enc, "UTF-32BE")) &&
        (!memcmp(data, "\xFF\xFE\0\0", 4) || !memcmp(data, "\0\0\xFE\xFF", 4)))
      skip = 4;
    return transcode(name, data, len, skip, enc, o->max_input_bytes, t, err);
  }
  const unsigned char *nul = memchr(data + skip, 0, len - skip);
  if (nul)
    return ta__fail(err, TA_EPARSE,
                    "%s: byte %zu: NUL byte; is this a binary or UTF-16 file "
                    "without BOM? use --encoding",
                    name, (size_t)(nul - data));
  size_t bad = skip + ta__utf8_check(data + skip, len - skip);
  if (bad == len) {
    t->p = (const char *)data + skip;
    t->len = len - skip;
    t->base = skip;
    snprintf(t->encoding, sizeof t->encoding, "UTF-8");
    return TA_OK;
  }
  if (enc)
    return ta__fail(err, TA_EENCODING, "%s: byte %zu: invalid UTF-8", name,
                    bad);
  return detect(name, data, len, bad, o, t, err);
}
