/* The JSON lexer of json_read.h.  Strict: only what RFC 8259 allows, no
 * NUL characters and no lone surrogates in strings, since everything read
 * becomes UTF-8 text of a document. */
#include "base/json_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ta__json_in_init(ta__json_in *j, const char *text, size_t len,
                      size_t max) {
  memset(j, 0, sizeof *j);
  j->begin = j->p = text;
  j->end = text + len;
  j->max = max;
}

void ta__json_in_ws(ta__json_in *j) {
  while (j->p < j->end &&
         (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
    j->p++;
}

bool ta__json_in_fail(ta__json_in *j, const char *what) {
  if (!j->why[0]) {
    snprintf(j->why, sizeof j->why, "%s", what);
    j->at = (size_t)(j->p - j->begin);
  }
  return false;
}

bool ta__json_in_lit(ta__json_in *j, char c) {
  ta__json_in_ws(j);
  if (j->p < j->end && *j->p == c) return j->p++, true;
  return false;
}

bool ta__json_in_word(ta__json_in *j, const char *w) {
  ta__json_in_ws(j);
  size_t n = strlen(w);
  if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, w, n))
    return j->p += n, true;
  return false;
}

static bool put_utf8(ta__buf *b, unsigned long c) {
  char u[4];
  size_t n;
  if (c < 0x80) {
    u[0] = (char)c, n = 1;
  } else if (c < 0x800) {
    u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f)), n = 2;
  } else if (c < 0x10000) {
    u[0] = (char)(0xe0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    u[2] = (char)(0x80 | (c & 0x3f)), n = 3;
  } else {
    u[0] = (char)(0xf0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    u[2] = (char)(0x80 | ((c >> 6) & 0x3f)), u[3] = (char)(0x80 | (c & 0x3f));
    n = 4;
  }
  return ta__buf_add(b, u, n) == TA_OK;
}

static bool hex4(ta__json_in *j, unsigned long *v) {
  if (j->end - j->p < 4) return false;
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char c = *j->p++;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    *v = *v << 4 | (unsigned long)d;
  }
  return true;
}

/* Why appending to b failed: its cap, or the memory. */
static bool grow_failed(ta__json_in *j, const ta__buf *b) {
  return ta__json_in_fail(
      j, b->max - b->len < 8 ? "a string too long" : "out of memory");
}

/* A \u escape (the backslash and u consumed) as UTF-8 into b. */
static bool unicode_escape(ta__json_in *j, ta__buf *b) {
  unsigned long u, lo;
  if (!hex4(j, &u)) return ta__json_in_fail(j, "a bad escape in a string");
  if (u >= 0xd800 && u < 0xdc00) {
    if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
        (j->p += 2, !hex4(j, &lo)) || lo < 0xdc00 || lo >= 0xe000)
      return ta__json_in_fail(j, "a lone surrogate in a string");
    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
  } else if (u >= 0xdc00 && u < 0xe000) {
    return ta__json_in_fail(j, "a lone surrogate in a string");
  }
  if (u == 0) return ta__json_in_fail(j, "a NUL character in a string");
  return put_utf8(b, u) || grow_failed(j, b);
}

bool ta__json_in_string(ta__json_in *j, ta__buf *b) {
  ta__buf_reset(b);
  if (!ta__json_in_lit(j, '"')) return ta__json_in_fail(j, "a string expected");
  for (;;) {
    if (j->p >= j->end)
      return ta__json_in_fail(j, "a string runs to the end of the line");
    char c = *j->p++;
    if (c == '"') break;
    if ((unsigned char)c < 0x20)
      return ta__json_in_fail(j, "a control character in a string");
    if (c != '\\') {
      if (ta__buf_addc(b, c) != TA_OK) return grow_failed(j, b);
      continue;
    }
    if (j->p >= j->end)
      return ta__json_in_fail(j, "a string runs to the end of the line");
    c = *j->p++;
    const char *esc = c ? strchr("\"\\/bfnrt", c) : NULL;
    if (esc) {
      static const char val[] = "\"\\/\b\f\n\r\t";
      if (ta__buf_addc(b, val[esc - "\"\\/bfnrt"]) != TA_OK)
        return grow_failed(j, b);
    } else if (c == 'u') {
      if (!unicode_escape(j, b)) return false;
    } else {
      return ta__json_in_fail(j, "a bad escape in a string");
    }
  }
  if (!b->p) { /* an empty string: still a C string */
    if (ta__buf_addc(b, '\0') != TA_OK)
      return ta__json_in_fail(j, "out of memory");
    b->len = 0;
  }
  return true;
}

bool ta__json_in_number(ta__json_in *j, double *v) {
  ta__json_in_ws(j);
  const char *s = j->p;
  if (s < j->end && *s == '-') s++;
  if (s >= j->end || *s < '0' || *s > '9')
    return ta__json_in_fail(j, "a number expected");
  while (s < j->end && strchr("0123456789.eE+-", *s)) s++;
  char tmp[64];
  size_t n = (size_t)(s - j->p);
  if (n >= sizeof tmp) return ta__json_in_fail(j, "a number too long");
  memcpy(tmp, j->p, n);
  tmp[n] = '\0';
  char *e;
  *v = strtod(tmp, &e);
  if (*e || !isfinite(*v)) return ta__json_in_fail(j, "a malformed number");
  j->p = s;
  return true;
}

bool ta__json_in_bool(ta__json_in *j, bool *v) {
  if (ta__json_in_word(j, "true")) return *v = true, true;
  if (ta__json_in_word(j, "false")) return *v = false, true;
  return ta__json_in_fail(j, "true or false expected");
}

bool ta__json_in_object(ta__json_in *j, ta__json_in_member_fn member,
                        void *user) {
  if (!ta__json_in_lit(j, '{'))
    return ta__json_in_fail(j, "an object expected");
  if (ta__json_in_lit(j, '}')) return true;
  ta__buf key;
  ta__buf_init(&key, 1 << 20);
  bool ok = true;
  do {
    if (!(ok = ta__json_in_string(j, &key))) break;
    if (!(ok = ta__json_in_lit(j, ':'))) {
      ta__json_in_fail(j, "':' expected after a member name");
      break;
    }
    if (!(ok = member(j, key.p, user))) break;
  } while (ta__json_in_lit(j, ','));
  if (ok && !ta__json_in_lit(j, '}'))
    ok = ta__json_in_fail(j, "',' or '}' expected in an object");
  ta__buf_free(&key);
  return ok;
}

static bool skip(ta__json_in *j, int depth);

static bool skip_member(ta__json_in *j, const char *key, void *user) {
  (void)key;
  return skip(j, *(int *)user);
}

static bool skip(ta__json_in *j, int depth) {
  if (depth > 64) return ta__json_in_fail(j, "nested too deep");
  ta__json_in_ws(j);
  if (j->p >= j->end) return ta__json_in_fail(j, "a value expected");
  int d = depth + 1;
  double v;
  switch (*j->p) {
    case '{':
      return ta__json_in_object(j, skip_member, &d);
    case '[':
      j->p++;
      if (ta__json_in_lit(j, ']')) return true;
      do
        if (!skip(j, d)) return false;
      while (ta__json_in_lit(j, ','));
      return ta__json_in_lit(j, ']') ||
             ta__json_in_fail(j, "',' or ']' expected in an array");
    case '"': {
      ta__buf tmp;
      ta__buf_init(&tmp, j->max);
      bool ok = ta__json_in_string(j, &tmp);
      ta__buf_free(&tmp);
      return ok;
    }
    default:
      if (ta__json_in_word(j, "true") || ta__json_in_word(j, "false") ||
          ta__json_in_word(j, "null"))
        return true;
      return ta__json_in_number(j, &v);
  }
}

bool ta__json_in_skip(ta__json_in *j) { return skip(j, 0); }
