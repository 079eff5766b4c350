/* Numbers as anchors: a digit sequence with its group and decimal
 * separators read as one canonical value, whatever the locale wrote
 * ("1 000,5", "1,000.5" and "1000.5" are all "1000.5").  Knows nothing of
 * sentences or keys (tokens.c). */
#include <stdbool.h>
#include <string.h>

#include "anchors/anchors.h"

/* Length of a group separator at s (ASCII or a Unicode space), 0 if none. */
static size_t separator_at(const char *s, size_t len, bool *spacey) {
  *spacey = false;
  if (len == 0) return 0;
  if (s[0] == ',' || s[0] == '.' || s[0] == '\'') return 1;
  if (s[0] == ' ') {
    *spacey = true;
    return 1;
  }
  /* U+00A0 no-break space, U+202F narrow no-break space, U+2019 ’ */
  if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
    *spacey = true;
    return 2;
  }
  if (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x99)) {
    *spacey = (unsigned char)s[2] == 0xAF;
    return 3;
  }
  return 0;
}

static size_t digits_at(const char *s, size_t len) {
  size_t n = 0;
  while (n < len && s[n] >= '0' && s[n] <= '9') n++;
  return n;
}

size_t ta__number_scan(const char *s, size_t len, char *out, size_t cap) {
  size_t first = digits_at(s, len);
  if (!first || cap < 2) return 0;
  char intpart[64], frac[32];
  size_t ni = 0, nf = 0, pos = first;
  for (size_t k = 0; k < first && ni < sizeof intpart - 1; k++)
    intpart[ni++] = s[k];
  char thousands = 0; /* the separator chosen for thousands, once seen */
  bool decimal = false;
  while (pos < len && !decimal) {
    bool spacey;
    size_t sl = separator_at(s + pos, len - pos, &spacey);
    if (!sl) break;
    size_t g = digits_at(s + pos + sl, len - pos - sl);
    if (!g) break;
    char sep = spacey ? ' ' : s[pos];
    if (g == 3 && first <= 3 && (thousands == 0 || thousands == sep)) {
      /* "1,000", "1 000", "10.000.000": a thousands group. */
      thousands = sep;
      for (size_t k = 0; k < g && ni < sizeof intpart - 1; k++)
        intpart[ni++] = s[pos + sl + k];
      pos += sl + g;
    } else if ((sep == ',' || sep == '.') && sep != thousands) {
      decimal = true;
      for (size_t k = 0; k < g && nf < sizeof frac - 1; k++)
        frac[nf++] = s[pos + sl + k];
      pos += sl + g;
    } else {
      break;
    }
  }
  size_t lead = 0;
  while (lead + 1 < ni && intpart[lead] == '0') lead++;
  while (nf > 0 && frac[nf - 1] == '0') nf--;
  size_t o = 0;
  for (size_t k = lead; k < ni && o + 1 < cap; k++) out[o++] = intpart[k];
  if (nf && o + 2 < cap) {
    out[o++] = '.';
    for (size_t k = 0; k < nf && o + 1 < cap; k++) out[o++] = frac[k];
  }
  out[o] = '\0';
  return pos;
}
