/* tmxalign convert reviewed.tsv|reviewed.xlsx -s fr -t en -o memory.tmx:
 * reviewed pairs back to a translation memory (ta_tmx_from_table).  Kept
 * apart from cmd_convert.c, which reads TMX (and bilingual files). */
#include <stdio.h>
#include <string.h>
#include <tmxalign/tmx.h>

#include "cmd_convert_table.h"

/* The input is a table, not XML: a zip (XLSX) or text whose first
 * character (after a BOM and blanks) is not '<'.  Standard input cannot
 * be looked at twice: with a TMX output it is read as a table. */
bool cli_convert_is_table(const char *in) {
  if (!strcmp(in, "-")) return true;
  FILE *fp = fopen(in, "rb");
  if (!fp) return true; /* the reader reports the error */
  unsigned char b[512];
  size_t n = fread(b, 1, sizeof b, fp);
  fclose(fp);
  if (n >= 4 && !memcmp(b, "PK\3\4", 4)) return true;
  size_t i = n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
    i++;
  return i >= n || b[i] != '<';
}

int cli_convert_table(const cli_args *a, const char *in, const char *out) {
  if (!a->slang || !a->tlang)
    return cli_usage(a->cmd,
                     "a table of pairs needs the languages of its columns: "
                     "-s LANG -t LANG");
  ta_tmx_table_opts o;
  ta_tmx_table_opts_init(&o);
  o.srclang = a->slang;
  o.tgtlang = a->tlang;
  o.write.note.fn = cli_warn;
  ta_error err;
  ta_error_clear(&err);
  ta_tmx_table_stats s;
  ta_status st = ta_tmx_from_table(in, out, &o, &s, &err);
  if (st != TA_OK) return cli_fail(st, &err);
  if (s.empty) {
    char msg[200];
    snprintf(msg, sizeof msg,
             "%zu of %zu rows skipped: their source or target is empty",
             s.empty, s.rows);
    cli_warn(NULL, msg);
  }
  if (a->verbose)
    fprintf(stderr, "tmxalign: %s: %zu units written\n", out, s.units);
  return CLI_OK;
}
