/* A document's sentences as text or JSON, for `tmxalign split` and for
 * programs that want the split without the alignment. */
#include <errno.h>
#include <string.h>

#include "base/base.h"

ta_status ta_doc_write(FILE *fp, ta_doc_format format, const ta_doc *d,
                       ta_error *err) {
  if (!fp || !d || format > TA_DOC_FORMAT_JSON)
    return ta__fail(err, TA_EINVAL, "write: missing argument: %s",
                    !fp  ? "fp"
                    : !d ? "document"
                         : "format");
  size_t n = ta_doc_count(d), prev_para = 0;
  if (format == TA_DOC_FORMAT_JSON) fputs("[", fp);
  for (size_t i = 0; i < n; i++) {
    const ta_sentence *s = ta_doc_sentence(d, i);
    if (format == TA_DOC_FORMAT_LINES) {
      if (i && s->paragraph != prev_para) fputc('\n', fp);
      fwrite(s->text, 1, s->len, fp);
      fputc('\n', fp);
    } else {
      if (format == TA_DOC_FORMAT_JSON) fputs(i ? ",\n " : "\n ", fp);
      fprintf(fp,
              "{\"paragraph\":%zu,\"sentence\":%zu,\"offset\":%zu,"
              "\"end\":%zu,\"line\":%zu,\"text\":",
              s->paragraph, i, s->offset, s->end, s->line);
      ta__json_string(fp, s->text, s->len);
      fputs(format == TA_DOC_FORMAT_JSON ? "}" : "}\n", fp);
    }
    prev_para = s->paragraph;
  }
  if (format == TA_DOC_FORMAT_JSON) fputs(n ? "\n]\n" : "]\n", fp);
  if (ferror(fp))
    return ta__fail(err, TA_EIO, "%s: write error: %s", ta_doc_name(d),
                    strerror(errno));
  return TA_OK;
}
