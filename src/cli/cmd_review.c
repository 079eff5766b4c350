/* tmxalign review: the review page of an alignment (docs/review.md). */
#include <string.h>

#include "options.h"

enum { FORMAT_HTML = 0 };

static const cli_choice formats[] = {{"html", FORMAT_HTML, ".html .htm"},
                                     {NULL, 0, NULL}};

static const cli_command review_cmd = {
    "review",
    "review",
    CLI_REVIEW,
    "SRC TGT -s LANG -t LANG [options] -o review.html",
    "Align SRC with its translation TGT (or take the alignment from\n"
    "--alignment FILE) and write one self-contained HTML page to review\n"
    "and fix it in a browser: both texts side by side, a row a bead, the\n"
    "weakest beads coloured; move sentences between rows, merge, split,\n"
    "confirm, edit, undo and redo; the work is kept by the browser and\n"
    "exported as TMX, TSV or JSON lines.  The page loads nothing and opens\n"
    "from a file.\n",
    "examples:\n"
    "  tmxalign review story.fr.txt story.en.txt -s fr -t en -o review.html\n"
    "  tmxalign align story.fr.txt story.en.txt -s fr -t en \\\n"
    "      --alignment story.review.jsonl -o story.tmx\n"
    "  tmxalign review story.fr.txt story.en.txt -s fr -t en \\\n"
    "      --alignment story.review.jsonl -o review.html\n"
    "\n"
    "exit status: 0 success, 2 error\n",
    formats};

static ta_status write_page(const char *out, const ta_doc *src,
                            const ta_doc *tgt, const ta_alignment *al,
                            const ta_alignment_marks *marks) {
  ta_error err;
  ta_error_clear(&err);
  ta_outfile *of = NULL;
  ta_review_opts o;
  ta_review_opts_init(&o);
  o.marks = marks;
  ta_status st = ta_outfile_open(out, &of, &err);
  if (st == TA_OK)
    st = ta_review_write_html(ta_outfile_fp(of), src, tgt, al, &o, &err);
  if (st == TA_OK)
    st = ta_outfile_commit(of, &err);
  else
    ta_outfile_abort(of);
  if (st != TA_OK) cli_fail(st, &err);
  return st;
}

int cmd_review(int argc, char **argv) {
  cli_args a;
  cli_args_init(&a, &review_cmd);
  int first, rc, format;
  if (!cli_parse(&review_cmd, argc, argv, &a, &first, &rc)) return rc;
  const char *out = a.out ? a.out : "-";
  if (!cli_output_format(&a, out, &format)) return CLI_ERROR;
  if (argc - first != 2)
    return cli_usage(a.cmd, "expected two files, SRC and TGT");
  if (!a.slang || !a.tlang)
    return cli_usage(a.cmd, "both languages are required: -s LANG -t LANG");
  /* the page must never replace a document or the alignment it shows */
  const char *ins[] = {argv[first], argv[first + 1], a.alignment};
  if (!cli_outputs_safe(&out, 1, ins, 3)) return CLI_ERROR;
  a.split.note.fn = cli_warn;
  a.split.input = (ta_input_kind)a.input;
  ta_doc *src = NULL, *tgt = NULL;
  ta_alignment *al = NULL;
  ta_alignment_marks marks;
  memset(&marks, 0, sizeof marks);
  ta_error err;
  ta_error_clear(&err);
  ta_status st;
  rc = CLI_ERROR;
  a.split.lang = a.slang;
  if (cli_load_doc(argv[first], &a.split, &src) != TA_OK) goto done;
  a.split.lang = a.tlang;
  if (cli_load_doc(argv[first + 1], &a.split, &tgt) != TA_OK) goto done;
  if (a.alignment) {
    if (cli_given_alignment(a.alignment, &src, &tgt, &al, &marks) != TA_OK)
      goto done;
  } else {
    if (cli_lexicon_prepare(&a.lex, src, tgt, &a.align, false) != TA_OK)
      goto done;
    if ((st = ta_align(src, tgt, &a.align, &al, &err)) != TA_OK) {
      cli_fail(st, &err);
      goto done;
    }
  }
  if (write_page(out, src, tgt, al, a.alignment ? &marks : NULL) == TA_OK)
    rc = CLI_OK;
done:
  ta_alignment_marks_free(&marks);
  ta_alignment_free(al);
  cli_lexicon_free(&a.lex);
  ta_doc_free(src);
  ta_doc_free(tgt);
  return rc;
}
