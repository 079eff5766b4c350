/* String escaping shared by every JSON and HTML writer of the library. */
#include <stdio.h>

#include "base/base.h"

void ta__json_chars(FILE *fp, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    switch (ch) {
      case '"':
        fputs("\\\"", fp);
        break;
      case '\\':
        fputs("\\\\", fp);
        break;
      case '\n':
        fputs("\\n", fp);
        break;
      case '\r':
        fputs("\\r", fp);
        break;
      case '\t':
        fputs("\\t", fp);
        break;
      default:
        if (ch < 0x20)
          fprintf(fp, "\\u%04x", ch);
        else
          fputc(ch, fp);
    }
  }
}

void ta__json_string(FILE *fp, const char *s, size_t len) {
  fputc('"', fp);
  ta__json_chars(fp, s, len);
  fputc('"', fp);
}

/* HTML text and attribute values: markup characters as entities, C0
 * controls as spaces (they have no place in a page). */
void ta__html_escape(FILE *fp, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    switch (s[i]) {
      case '<':
        fputs("&lt;", fp);
        break;
      case '>':
        fputs("&gt;", fp);
        break;
      case '&':
        fputs("&amp;", fp);
        break;
      case '"':
        fputs("&quot;", fp);
        break;
      default:
        if ((unsigned char)s[i] < 0x20)
          fputc(' ', fp);
        else
          fputc(s[i], fp);
    }
  }
}
