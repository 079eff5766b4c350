/* Small pieces every TMX module needs: capped buffers, removal of the
 * characters XML 1.0 forbids, language tags, creation dates, unit lookups.
 * No XML here: tmx_write.c and tmx_read.c own libxml2. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tmx/tmx_int.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid;
 * *cp receives the code point. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  static const struct {
    unsigned char mask, lead;
    size_t len;
    unsigned min;
  } forms[] = {{0x80, 0x00, 1, 0},
               {0xE0, 0xC0, 2, 0x80},
               {0xF0, 0xE0, 3, 0x800},
               {0xF8, 0xF0, 4, 0x10000}};
  for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
    if ((s[0] & forms[f].mask) != forms[f].lead) continue;
    size_t len = forms[f].len;
    if (len > n) return 0;
    unsigned c = s[0] & (unsigned char)~forms[f].mask;
    for (size_t i = 1; i < len; i++) {
      if ((s[i] & 0xC0) != 0x80) return 0;
      c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < forms[f].min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return 0;
    *cp = c;
    return len;
  }
  return 0;
}

static bool xml_char(unsigned c) {
  if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
  return c != 0xFFFE && c != 0xFFFF;
}

ta_status ta__tmx_clean_text(const char *in, size_t n, ta__buf *out,
                             size_t *removed) {
  const unsigned char *s = (const unsigned char *)in;
  size_t i = 0, run = 0;
  *removed = 0;
  while (i < n) {
    unsigned cp = 0;
    size_t len = utf8_decode(s + i, n - i, &cp);
    if (len && xml_char(cp)) {
      i += len;
      continue;
    }
    /* Flush the valid run before the bad character, then skip it. */
    ta_status st = ta__buf_add(out, in + run, i - run);
    if (st != TA_OK) return st;
    if (len) {
      i += len;
    } else {
      /* A malformed sequence counts once: its lead byte and up to three
       * continuation bytes go together. */
      size_t k = 1;
      while (k < 4 && i + k < n && (s[i + k] & 0xC0) == 0x80) k++;
      i += k;
    }
    run = i;
    (*removed)++;
  }
  return ta__buf_add(out, in + run, n - run);
}

bool ta__tmx_date_ok(const char *s) {
  static const char shape[] =
      "dddddddd"
      "T"
      "dddddd"
      "Z";
  if (strlen(s) != sizeof shape - 1) return false;
  for (size_t i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
      return false;
  return true;
}

ta_status ta__tmx_now(char *buf, size_t size, ta_error *err) {
  time_t t = time(NULL);
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    char *end = NULL;
    errno = 0;
    long long v = strtoll(sde, &end, 10);
    if (errno || *end || v < 0)
      return ta__fail(err, TA_EINVAL,
                      "SOURCE_DATE_EPOCH=%s: expected seconds since 1970", sde);
    t = (time_t)v;
  }
  struct tm tm;
  if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y%m%dT%H%M%SZ", &tm) != 16)
    return ta__fail(err, TA_EINVAL, "cannot format the creation date");
  return TA_OK;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static char upper(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
static bool alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

static ta_status lang_normalize(const char *tag, char *out, size_t outsize) {
  if (!tag || !out || !outsize) return TA_EINVAL;
  if (!*tag) return TA_ELANG;
  size_t n = strlen(tag);
  if (n + 1 > outsize) return TA_ETOOBIG;
  if (!strcmp(tag, "*all*")) {
    memcpy(out, tag, n + 1);
    return TA_OK;
  }
  /* BCP-47 conventions (RFC 5646 2.1.1): language lower, script title,
   * region upper; other subtags lower.  Case carries no meaning, but
   * readers compare strings, so one spelling everywhere. */
  size_t start = 0, sub = 0;
  for (size_t i = 0; i <= n; i++) {
    char c = tag[i];
    if (c == '\0' || c == '-' || c == '_') {
      size_t len = i - start;
      if (len == 0) return TA_ELANG;
      for (size_t k = start; k < i; k++) {
        bool title = sub > 0 && len == 4 && k == start;
        bool up = sub > 0 && len == 2;
        out[k] = (title || up) ? upper(tag[k]) : lower(tag[k]);
      }
      if (c) out[i] = '-';
      start = i + 1;
      sub++;
    } else if (!alnum(c)) {
      return TA_ELANG;
    }
  }
  out[n] = '\0';
  return TA_OK;
}

ta_status ta_tmx_lang_normalize(const char *tag, char *out, size_t outsize,
                                ta_error *err) {
  ta_status st = lang_normalize(tag, out, outsize);
  if (st == TA_OK) return st;
  if (st == TA_EINVAL)
    return ta__fail(err, st, "language tag: missing argument");
  if (st == TA_ETOOBIG)
    return ta__fail(err, st, "language tag '%.64s' is longer than %zu bytes",
                    tag, outsize - 1);
  return ta__fail(err, st,
                  "language tag '%.64s': expected letters and digits in "
                  "subtags separated by '-' or '_' (fr, en-US, zh-Hant-TW)",
                  tag);
}

bool ta_tmx_lang_equal(const char *a, const char *b) {
  if (!a || !b) return false;
  for (;; a++, b++) {
    char x = *a == '_' ? '-' : lower(*a);
    char y = *b == '_' ? '-' : lower(*b);
    if (x != y) return false;
    if (!x) return true;
  }
}

const ta_tmx_variant *ta_tmx_unit_find(const ta_tmx_unit *u, const char *lang) {
  for (size_t i = 0; u && i < u->nvariants; i++)
    if (ta_tmx_lang_equal(u->variants[i].lang, lang)) return &u->variants[i];
  return NULL;
}

const char *ta_tmx_unit_prop(const ta_tmx_unit *u, const char *type) {
  for (size_t i = 0; u && type && i < u->nprops; i++)
    if (u->props[i].type && !strcmp(u->props[i].type, type))
      return u->props[i].value;
  return NULL;
}
