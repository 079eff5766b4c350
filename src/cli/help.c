/* --help of a command: its usage and description, then the options of the
 * table that belong to it, wrapped to 80 columns, then its formats,
 * examples and exit status. */
#include <stdbool.h>
#include <string.h>

#include "options.h"

enum { WIDTH = 79, MAX_COLUMN = 30 };

/* "  -s, --source-lang LANG" */
static int left_part(const cli_opt *o, char *buf, size_t n) {
  return snprintf(buf, n, "  %c%c%s--%s%s%s", o->letter ? '-' : ' ',
                  o->letter ? o->letter : ' ', o->letter ? ", " : "  ", o->name,
                  o->arg ? " " : "", o->arg ? o->arg : "");
}

/* The words of text from column col on, up to WIDTH; the caller has
 * printed at < col columns of the first line. */
static void wrap(FILE *fp, const char *text, int at, int col) {
  for (const char *p = text; *p; p += strspn(p, " ")) {
    int len = (int)strcspn(p, " ");
    if (at > col && at + 1 + len > WIDTH) {
      fputc('\n', fp);
      at = 0;
    }
    at += at < col ? fprintf(fp, "%*s", col - at, "") : fprintf(fp, " ");
    at += (int)fwrite(p, 1, (size_t)len, fp);
    p += len;
  }
  fputc('\n', fp);
}

/* "usage: tmxalign NAME OPERANDS", one line (wrapped) for each of the
 * command's forms. */
static void usage(const cli_command *cmd, FILE *fp) {
  for (const char *p = cmd->usage; *p; p += strspn(p, "\n")) {
    char form[160];
    int len = (int)strcspn(p, "\n");
    snprintf(form, sizeof form, "%.*s", len, p);
    int at = fprintf(fp, "%s tmxalign %s",
                     p == cmd->usage ? "usage:" : "      ", cmd->name);
    wrap(fp, form, at, at + 1);
    p += len;
  }
}

/* -f's line comes from the command's formats, so that the help says what
 * cli_output_format does. */
static void format_help(const cli_command *cmd, char *buf, size_t n) {
  char names[160];
  cli_choice_list(cmd->formats, names, sizeof names);
  size_t len = (size_t)snprintf(buf, n,
                                "%s (default: %s, or the one -o's name ends "
                                "with:",
                                names, cmd->formats[0].name);
  for (size_t i = 0; cmd->formats[i].name && len < n; i++)
    if (cmd->formats[i].exts)
      len += (size_t)snprintf(buf + len, n - len, " %s", cmd->formats[i].exts);
  if (len < n) snprintf(buf + len, n - len, ")");
}

void cli_help(const cli_command *cmd, FILE *fp) {
  usage(cmd, fp);
  fprintf(fp, "\n%s\noptions:\n", cmd->about);
  int col = 0;
  char left[96];
  for (size_t k = 0; k < cli_noptions; k++) {
    int w = left_part(&cli_options[k], left, sizeof left) + 2;
    if ((cli_options[k].cmds & cmd->bit) && w > col && w <= MAX_COLUMN) col = w;
  }
  for (size_t k = 0; k < cli_noptions; k++) {
    const cli_opt *o = &cli_options[k];
    if (!(o->cmds & cmd->bit)) continue;
    char fmt[256];
    const char *text = o->help;
    if (!text) { /* -f */
      format_help(cmd, fmt, sizeof fmt);
      text = fmt;
    }
    left_part(o, left, sizeof left);
    int at = fprintf(fp, "%s", left);
    if (at + 2 > col) { /* too wide: the text goes below */
      fputc('\n', fp);
      at = 0;
    }
    wrap(fp, text, at, col);
  }
  fprintf(fp, "\n%s", cmd->more);
}
