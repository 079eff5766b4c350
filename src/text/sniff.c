/* Recognising an input by its content when the kind is AUTO: zip archives
 * (DOCX, ODT, EPUB are opened by office.c, which names what else a zip
 * holds), PDF (%PDF-, read by pdf.c), magic bytes (RTF, legacy OLE .doc,
 * images, archives) and the first lines of text (an HTML page, an XLIFF
 * file, a PO catalogue, SRT or WebVTT subtitles, each read by its own
 * reader).  What tmxalign does not read is refused with one line naming
 * the format and what to do, never aligned as garbage.  Markdown has no
 * signature: input.c knows it by name.
 * Does not: read the file (input.c hands the bytes), parse anything. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_int.h"

#define TA__READS                                                            \
  "tmxalign reads plain text, HTML, Markdown, DOCX, ODT, EPUB, PDF, XLIFF, " \
  "PO, SRT and WebVTT"

typedef struct magic {
  const char *bytes;
  size_t len;
  const char *what, *todo;
} magic;

static const magic magics[] = {
    {"{\\rtf", 5, "an RTF document", "save it as DOCX or text"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
     "a legacy Word (.doc) or other OLE document", "save it as DOCX or text"},
    {"\x89PNG", 4, "a PNG image", "give the text of the document"},
    {"\xFF\xD8\xFF", 3, "a JPEG image", "give the text of the document"},
    {"GIF8", 4, "a GIF image", "give the text of the document"},
    {"\x1F\x8B", 2, "a gzip-compressed file", "uncompress it first"},
    {"BZh", 3, "a bzip2-compressed file", "uncompress it first"},
    {"\xFD"
     "7zXZ",
     5, "an xz-compressed file", "uncompress it first"},
    {"7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive", "extract the document first"},
    {"\x7F"
     "ELF",
     4, "a program (ELF), not a document", "give the text of the document"},
};

/* Skip a UTF-8 BOM and leading whitespace. */
static size_t skip_start(const unsigned char *p, size_t len) {
  size_t i = len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < len && isspace(p[i])) i++;
  return i;
}

static bool starts_ci(const unsigned char *p, size_t len, const char *s) {
  size_t k = strlen(s);
  return len >= k && !strncasecmp((const char *)p, s, k);
}

/* Whether s occurs in the first max bytes of p. */
static bool has(const unsigned char *p, size_t len, size_t max, const char *s) {
  size_t k = strlen(s), n = len < max ? len : max;
  for (size_t i = 0; i + k <= n; i++)
    if (!memcmp(p + i, s, k)) return true;
  return false;
}

/* "msgid \"" at the start of a line within the first bytes. */
static bool po_like(const unsigned char *p, size_t len) {
  size_t n = len < 8192 ? len : 8192;
  bool id = false, str = false;
  for (size_t i = 0; i < n; i++) {
    if (i && p[i - 1] != '\n') continue;
    if (starts_ci(p + i, n - i, "msgid \"")) id = true;
    if (starts_ci(p + i, n - i, "msgstr")) str = true;
  }
  return id && str;
}

/* "00:00:01,000 --> 00:00:04,000" on the line after a number. */
static bool srt_like(const unsigned char *p, size_t len) {
  size_t i = 0;
  while (i < len && isdigit(p[i])) i++;
  if (!i || i == len) return false;
  if (p[i] == '\r') i++;
  if (i >= len || p[i] != '\n') return false;
  i++;
  const char *shape = "dd:dd:dd,ddd --> ";
  for (size_t k = 0; shape[k]; k++, i++) {
    if (i >= len) return false;
    if (shape[k] == 'd'   ? !isdigit(p[i])
        : shape[k] == ',' ? (p[i] != ',' && p[i] != '.')
                          : p[i] != (unsigned char)shape[k])
      return false;
  }
  return true;
}

ta__sniffed ta__sniff(const unsigned char *p, size_t len, const char **what,
                      const char **todo) {
  *what = *todo = NULL;
  if (len >= 4 && (!memcmp(p, "PK\x03\x04", 4) || !memcmp(p, "PK\x05\x06", 4)))
    return TA__SNIFF_ZIP;
  if (len >= 5 && !memcmp(p, "%PDF-", 5)) return TA__SNIFF_PDF;
  for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
    if (len >= magics[i].len && !memcmp(p, magics[i].bytes, magics[i].len)) {
      *what = magics[i].what;
      *todo = magics[i].todo;
      return TA__SNIFF_REFUSED;
    }
  size_t s = skip_start(p, len);
  const unsigned char *q = p + s;
  size_t n = len - s;
  if (starts_ci(q, n, "WEBVTT")) return TA__SNIFF_VTT;
  if (srt_like(q, n)) return TA__SNIFF_SRT;
  if ((starts_ci(q, n, "<?xml") || starts_ci(q, n, "<xliff")) &&
      has(q, n, 4096, "<xliff"))
    return TA__SNIFF_XLIFF;
  if (po_like(q, n)) return TA__SNIFF_PO;
  if (starts_ci(q, n, "<!doctype html") || starts_ci(q, n, "<html"))
    return TA__SNIFF_HTML;
  return TA__SNIFF_TEXT;
}

ta_status ta__sniff_refuse(const char *name, const char *what, const char *todo,
                           ta_error *err) {
  return ta__fail(err, TA_EPARSE, "%s: %s; " TA__READS ": %s", name, what,
                  todo);
}
