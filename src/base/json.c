/* JSON string output shared by every JSON writer of the library. */
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
