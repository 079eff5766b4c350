/* tmxalign convert: a TMX file to TSV or JSON Lines; a table of reviewed
 * pairs (TSV, XLSX) to TMX (cmd_convert_table.c); XLIFF and PO to TMX
 * (cmd_convert_bitext.c). */
#include <tmxalign/tmx.h>

#include "cmd_convert_table.h"
#include "options.h"

enum { FORMAT_TMX = 100 }; /* beside the ta_tmx_convert_format values */

static const cli_choice formats[] = {
    {"tsv", TA_TMX_CONVERT_FORMAT_TSV, ".tsv"},
    {"jsonl", TA_TMX_CONVERT_FORMAT_JSONL, ".jsonl"},
    {"tmx", FORMAT_TMX, ".tmx"},
    {NULL, 0, NULL}};

static const cli_command convert_cmd = {
    "convert",
    "convert",
    CLI_CONVERT,
    "IN.tmx [-f tsv|jsonl] [-o OUT] [options]\n"
    "REVIEWED.tsv|REVIEWED.xlsx -s LANG -t LANG -o OUT.tmx\n"
    "IN.xlf|IN.po [-s LANG -t LANG] [-o OUT.tmx]",
    "Write one line per translation unit: TSV (source TAB target, with\n"
    "\\\\ \\t \\n \\r escaped) or JSON Lines ({\"tuid\", \"srclang\", "
    "\"tgtlang\",\n"
    "\"source\", \"target\", \"score\"}).  Reads TMX 1.1 to 1.4b in any\n"
    "encoding, streaming: memory stays flat on files of any size.  Units\n"
    "without both languages are skipped.  IN.tmx may be '-' for standard\n"
    "input.\n"
    "\n"
    "Back: a table of reviewed pairs to TMX (-o OUT.tmx or -f tmx): TSV\n"
    "as 'align' writes it (source TAB target [TAB score]) or the XLSX of\n"
    "'align -f xlsx' (columns named source, target, score in its first\n"
    "row), edited in a spreadsheet.  Rows with an empty source or target\n"
    "are skipped (counted in a note); a row without a tab, invalid UTF-8\n"
    "or a bad score is an error naming its line.\n"
    "\n"
    "An XLIFF 1.2/2.0 or PO file (by content) is already aligned: its\n"
    "translated units become TMX directly (tuid the unit id; languages\n"
    "from the file, or -s/-t); units without translation and fuzzy ones\n"
    "are skipped, with a note.\n",
    "examples:\n"
    "  tmxalign convert story.tmx --to tsv -o story.tsv\n"
    "  tmxalign convert memory.tmx --to jsonl -s en -t de --strip-tags\n"
    "  tmxalign convert big.tmx | cut -f2 > target.txt\n"
    "  tmxalign convert reviewed.tsv -s fr -t en -o memory.tmx\n"
    "  tmxalign convert reviewed.xlsx -s fr -t en -o memory.tmx\n"
    "  tmxalign convert project.fr-en.xlf -o project.tmx\n"
    "  tmxalign convert fr.po -s en -o fr.tmx\n"
    "\n"
    "exit status: 0 success, 2 error\n",
    formats};

int cmd_convert(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &convert_cmd);
  int first, rc, format;
  if (!cli_parse(&convert_cmd, argc, argv, &a, &first, &rc)) return rc;
  if (argc - first != 1) return cli_usage(a.cmd, "expected one input file");
  if (ta_bitext_sniff_file(argv[first]) != TA_BITEXT_NONE)
    return cli_convert_bitext(&a, argv[first]);
  const char *out = a.out ? a.out : "-";
  if (!cli_output_format(&a, out, &format) ||
      !cli_outputs_safe(&out, 1, (const char *const *)argv + first, 1))
    return CLI_ERROR;
  if (format == FORMAT_TMX) {
    if (!cli_convert_is_table(argv[first]))
      return cli_usage(a.cmd,
                       "%s: TMX output is made from a table of pairs (TSV, "
                       "XLSX); this file is XML",
                       argv[first]);
    return cli_convert_table(&a, argv[first], out);
  }
  ta_tmx_convert_opts o;
  ta_tmx_convert_opts_init(&o);
  o.read.note.fn = cli_warn;
  o.read.inline_codes = (ta_tmx_inline)a.inline_codes;
  o.format = (ta_tmx_convert_format)format;
  o.srclang = a.slang;
  o.tgtlang = a.tlang;
  ta_error err;
  ta_error_clear(&err);
  ta_tmx_convert_stats s;
  ta_status st = ta_tmx_convert(argv[first], out, &o, &s, &err);
  if (st != TA_OK) return cli_fail(st, &err);
  if (s.skipped) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "%zu of %zu units skipped: they lack the source or the target "
             "language",
             s.skipped, s.units);
    cli_warn(NULL, msg);
  }
  return CLI_OK;
}
