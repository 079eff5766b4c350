/* tmxalign convert FILE.xlf|FILE.po: a bilingual file, already aligned by
 * its translator, written as TMX (ta_tmx_write_bitext); cmd_convert hands
 * it over when the input is XLIFF or PO by content. */
#include <tmxalign/tmx.h>

#include "options.h"

int cli_convert_bitext(const cli_args *a, const char *in) {
  const char *out = a->out ? a->out : "-";
  if (a->format >= 0)
    return cli_usage(
        a->cmd, "%s is XLIFF or PO: it converts to TMX only (drop -f)", in);
  if (!cli_outputs_safe(&out, 1, &in, 1)) return CLI_ERROR;
  ta_error err;
  ta_error_clear(&err);
  ta_bitext *b = NULL;
  ta_status st = ta_bitext_load_file(in, a->split.max_input_bytes, &b, &err);
  if (st != TA_OK) return cli_fail(st, &err);
  ta_tmx_bitext_opts o;
  ta_tmx_bitext_opts_init(&o);
  o.srclang = a->slang;
  o.tgtlang = a->tlang;
  o.keep_fuzzy = a->keep_fuzzy;
  o.write.note.fn = cli_warn;
  ta_tmx_bitext_stats s;
  st = ta_tmx_write_bitext(out, b, &o, &s, &err);
  ta_bitext_free(b);
  if (st != TA_OK) return cli_fail(st, &err);
  char msg[200];
  if (s.untranslated) {
    snprintf(msg, sizeof msg,
             "%zu of %zu units skipped: they have no translation",
             s.untranslated, s.units);
    cli_warn(NULL, msg);
  }
  if (s.fuzzy && !o.keep_fuzzy) {
    snprintf(msg, sizeof msg,
             "%zu of %zu units skipped: fuzzy (not reviewed) translations; "
             "--keep-fuzzy writes them",
             s.fuzzy, s.units);
    cli_warn(NULL, msg);
  }
  if (!s.written) cli_warn(NULL, "no unit written: the memory is empty");
  return CLI_OK;
}
